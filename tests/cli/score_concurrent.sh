#!/bin/sh
# capscope score run by many jobs at once on one data file, as cluster jobs
# that each record their result when they finish: every score is entered,
# each exactly once and whole, and --list and fit count them all. The
# expected counts come from what was sent, and from awk over the journal.
# A job behind a holder of the lock that is stopped gives up, saying so.
. "$top_srcdir/tests/lib.sh"

cd "$cs_tmp" || exit 1
# 40 models; acc scored on the odd ones, other on job-40 alone.
awk 'BEGIN { print "model,flops,params_b,acc,other";
             for (i = 1; i <= 40; i++) printf "job-%02d,1e%d,%d,%s,%s\n", i, 21 + i % 4, 1 + i % 5, i % 2 ? "0.25" : "", i == 40 ? "0.5" : "" }' > runs.csv
J=runs.csv.journal
# in_journal MODEL TASK: how many score lines of the journal name that cell
in_journal() { awk -F '\t' -v m="$1" -v t="$2" '$1 == "score" && $2 == m && $3 == t { n++ } END { print n + 0 }' "$J"; }
# whole: every line of the journal is a score line of five fields, an undo,
# or a batch header "batch<TAB>N" followed by N score lines (journal.h)
whole() {
    awk -F '\t' '
        $1 == "batch" && NF == 2 && $2 ~ /^[1-9][0-9]*$/ { if (left) bad++; left = $2; next }
        $1 == "score" && NF == 5 && $5 ~ /^[0-9]+$/ { if (left) left--; next }
        $0 == "undo" && !left { next }
        { bad++ }
        END { exit bad > 0 || left > 0 }' "$J"
}
# wait_all SECONDS PID...: every job ends, at most SECONDS each; the count of
# those that failed (or were killed for taking too long) in $failed
wait_all() {
    local s=$1
    shift
    failed=0
    for p in "$@"; do wait_bounded "$p" "$s" || failed=$((failed + 1)); done
}

# until_at_least N LIMIT CMD...: wait (0.05 s a look, at most LIMIT looks)
# until CMD prints a number of N or more
until_at_least() {
    local n=$1 limit=$2 k=0
    shift 2
    until [ "$("$@")" -ge "$n" ] || [ $k -ge "$limit" ]; do sleep 0.05; k=$((k + 1)); done
}

# --- Jobs that had to wait for the lock while another capscope appended.
# A holder takes the journal's lock (flock(1)), the jobs start and wait for
# it (seen in /proc, not guessed with a sleep), an entry is appended
# meanwhile, and the lock is let go. Each job must read the journal as it is
# once it holds the lock; reading its size from before the wait, every one
# of them found the journal "changed" and entered nothing.
if command -v flock >/dev/null 2>&1 && [ -r /proc/locks ]; then
    printf 'score\tjob-40\tother\t0.5\t1700000000\n' > "$J"
    ino=$(ls -i "$J" | awk '{ print $1 }')
    # on_lock: how many locks of /proc/locks are on the journal (its lines
    # name the file DEV:INODE)
    on_lock() { awk -v i=":$ino" '{ for (f = 1; f <= NF; f++) if (substr($f, length($f) - length(i) + 1) == i) n++ } END { print n + 0 }' /proc/locks; }
    flock "$J" sh -c 'while [ ! -e release ]; do sleep 0.05; done' &
    holder=$!
    until_at_least 1 200 on_lock
    pids=
    for k in 1 2 3 4 5 6 7 8; do
        "$CAPSCOPE" score --data runs.csv "job-0$k" other "0.$k" >/dev/null 2>"queued.$k" &
        pids="$pids $!"
    done
    # opened: how many of the jobs have the journal open (they wait for the
    # lock from then on, polling it: /proc/locks does not list them)
    opened() { for p in $pids; do ls -l "/proc/$p/fd" 2>/dev/null | grep -q "/$J\$" && echo "$p"; done | wc -l; }
    until_at_least 8 400 opened
    check "the eight jobs wait for the lock" test "$(opened)" -ge 8
    printf 'score\tjob-39\tother\t0.5\t1700000000\n' >> "$J" # appended while they wait
    touch release
    wait_bounded "$holder" 10
    wait_all 30 $pids
    check "every queued job entered its score" test "$failed" = 0
    check "none said the journal changed" sh -c '! grep -l "changed" queued.*'
    check "the journal: the two lines and the eight entries" test "$(wc -l < "$J")" = 10
    for k in 1 2 3 4 5 6 7 8; do
        [ "$(in_journal "job-0$k" other)" = 1 ] || fail "job-0$k other is in the journal $(in_journal "job-0$k" other) times"
    done
    check "the holder's entry is there once" test "$(in_journal job-39 other)" = 1

    # The journal replaced while the jobs wait (journals merged as the
    # warning of an orphan journal says: cat ... > J.new && mv J.new J):
    # they enter their scores in the new file, rather than refuse because
    # the one they opened "changed since it was read".
    printf 'score\tjob-38\tother\t0.5\t1700000000\n' > merged.journal
    cat "$J" >> merged.journal
    ino=$(ls -i "$J" | awk '{ print $1 }')
    rm -f release
    flock "$J" sh -c 'while [ ! -e release ]; do sleep 0.05; done' &
    holder=$!
    until_at_least 1 200 on_lock
    pids=
    for k in 1 2 3 4; do
        "$CAPSCOPE" score --data runs.csv "job-1$k" other "0.$k" >/dev/null 2>"moved.$k" &
        pids="$pids $!"
    done
    until_at_least 4 400 opened
    check "the four jobs wait for the lock" test "$(opened)" -ge 4
    mv merged.journal "$J"
    touch release
    wait_bounded "$holder" 10
    wait_all 30 $pids
    check "every job entered its score in the new journal" test "$failed" = 0
    check "none refused" sh -c '! grep -l "changed" moved.*'
    check "the new journal: its 11 lines and the four entries" test "$(wc -l < "$J")" = 15
    for k in 1 2 3 4; do
        [ "$(in_journal "job-1$k" other)" = 1 ] || fail "job-1$k other is in the journal $(in_journal "job-1$k" other) times"
    done
    ino=$(ls -i "$J" | awk '{ print $1 }')

    # A holder that is stopped (Ctrl-Z, kill -STOP) held every job up for
    # good, with no word: a job now waits --wait seconds, then enters
    # nothing and says who holds the lock.
    cp "$J" before.journal
    rm -f release
    flock "$J" sh -c 'while [ ! -e release ]; do sleep 0.05; done' &
    holder=$!
    until_at_least 1 200 on_lock
    kill -STOP "$holder"
    "$CAPSCOPE" score --data runs.csv --wait 1 job-09 other 0.9 >out 2>err &
    waited=$!
    wait_bounded "$waited" 20
    check "a job behind a stopped holder gives up: status 1" test $? = 1
    check "it names the holder, stopped, and what to do" grep -q \
        "^capscope: $J: journal locked by process $holder, stopped: kill -CONT $holder (or fg it) or end it, then try again; nothing was done (waited 1 s)$" err
    check "the journal is as it was" cmp -s before.journal "$J"
    "$CAPSCOPE" score --data runs.csv --wait 0 --undo >out 2>err &
    wait_bounded $! 20
    check "--wait 0: at once" test $? = 1
    # --list only reads: it needs no lock, and a stopped writer held it up
    "$CAPSCOPE" score --data runs.csv --wait 1 --list --format csv >out 2>err &
    wait_bounded $! 20
    check "--list beside a stopped holder of the lock: status 0" test $? = 0
    check "it lists the journal's entries" test "$(($(wc -l < out) - 1))" = "$(wc -l < "$J")"
    kill -CONT "$holder"
    touch release
    wait_bounded "$holder" 10
    expect_status 0 "the holder gone, the job enters its score" "$CAPSCOPE" score --data runs.csv --wait 1 job-09 other 0.9
    check "once" test "$(in_journal job-09 other)" = 1
    # Two --undo queued at once take back two different entries: the last
    # two of the journal.
    last_two=$(awk -F '\t' '$1 == "score" { m[NR] = $2 } END { n = 0; for (i = NR; i > 0 && n < 2; i--) if (i in m) { printf "%s ", m[i]; n++ } }' "$J")
    rm -f release
    flock "$J" sh -c 'while [ ! -e release ]; do sleep 0.05; done' &
    holder=$!
    until_at_least 1 200 on_lock
    pids=
    for k in 1 2; do
        "$CAPSCOPE" score --data runs.csv --undo --format csv >"undo.$k" 2>"undo.$k.err" &
        pids="$pids $!"
    done
    until_at_least 2 400 opened
    touch release
    wait_bounded "$holder" 10
    wait_all 30 $pids
    check "both undos succeeded" test "$failed" = 0
    taken=$(cat undo.1 undo.2 | awk -F, '$2 != "model" { print $2 }' | sort | tr '\n' ' ')
    check "they took back two different entries, the last two ($last_two)" \
        test "$taken" = "$(echo $last_two | tr ' ' '\n' | sort | tr '\n' ' ')"
    check "two undo lines in the journal" test "$(grep -c '^undo$' "$J")" = 2
    rm -f "$J" release
else
    echo "SKIP part: flock(1) or /proc/locks missing: the queue on a held lock is not checked"
fi

# --- A job ended by a signal while it writes its --from batch: SIGTERM (a
# scheduler's, at the time limit), SIGINT, SIGHUP and SIGQUIT are held back
# until the batch is written and synced, so the batch is all or none (one
# that ended it mid-write left the first lines entered, the rest torn).
# strace holds the job at the start of its write to the journal for 5 s,
# ample to read its blocked signals in /proc and send it a SIGTERM.
if command -v strace >/dev/null 2>&1 && strace -qq -e trace=none true 2>/dev/null; then
    rm -f "$J"
    "$CAPSCOPE" score --data runs.csv --quiet job-40 acc 0.5
    awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "job-%02d,other,0.%d1\n", 1 + i % 40, i }' > many.csv
    strace -f -qq -e signal=none -e trace=write -e inject=write:delay_enter=5000000:when=1 -o strace.out \
        "$CAPSCOPE" score --data runs.csv --quiet --from many.csv &
    tracer=$!
    job= i=0 writing=
    while [ -z "$writing" ] && [ $i -lt 200 ]; do
        # strace's children (it forks short-lived ones of its own to probe
        # ptrace first): the job is the one held in tracing stop at a write
        # whose first argument is a descriptor of the journal
        for p in $(ps -o pid= --ppid "$tracer" 2>/dev/null); do
            grep -q '^State:.*t (tracing stop)' "/proc/$p/status" 2>/dev/null || continue
            fd=$(awk '{ print $2 }' "/proc/$p/syscall" 2>/dev/null)
            case $fd in 0x*) ls -l "/proc/$p/fd/$((fd))" 2>/dev/null | grep -q "/$J\$" && writing=1 job=$p ;; esac
        done
        [ -n "$writing" ] || sleep 0.05
        i=$((i + 1))
    done
    check "strace holds the job at its write to the journal" test -n "$writing"
    blocked=$(awk '$1 == "SigBlk:" { print $2 }' "/proc/${job:-0}/status" 2>/dev/null)
    # SIGHUP 1, SIGINT 2, SIGQUIT 3, SIGTERM 15: bits 0, 1, 2 and 14
    check "SIGTERM, SIGINT, SIGHUP and SIGQUIT are held back during the write" test $((0x${blocked:-0} & 0x4007)) = $((0x4007))
    [ -n "$job" ] && kill -TERM "$job"
    wait_bounded "$tracer" 60
    check "the job ends by the SIGTERM (strace passes its status on)" test $? = 143
    check "after writing its batch whole: 2002 lines (one, the header, 2000)" test "$(wc -l < "$J")" = 2002
    check "each line whole" whole
    rm -f "$J"
else
    echo "SKIP part: strace is missing (or cannot trace here): signals during the write are not checked"
fi

# --- kill -9 of a job in the middle of writing its --from batch: what
# cannot be held back. The kernel stops a large write(2) at a fatal signal,
# leaving its first pages in the file; the batch's header says how many
# lines it promised, so every reader drops what is there of it (a torn
# tail, with a warning) and the next entry cuts it. All or none, never a
# part (a part counted before batches had a header). The kill comes as
# soon as the journal grows; when the write was over by then, the batch
# counts whole, which passes too: up to three tries for a cut one.
rm -f "$J"
"$CAPSCOPE" score --data runs.csv --quiet job-40 acc 0.5
cp "$J" one.journal
awk 'BEGIN { for (i = 1; i <= 300000; i++) printf "job-%02d,other,0.%d1\n", 1 + i % 40, i }' > big.csv
cut_seen= part=0 try=0
while [ -z "$cut_seen" ] && [ $try -lt 3 ]; do
    try=$((try + 1))
    cp one.journal "$J"
    before=$(wc -c < "$J")
    "$CAPSCOPE" score --data runs.csv --quiet --from big.csv &
    job=$!
    while [ "$(wc -c < "$J")" -le "$before" ] && kill -0 "$job" 2>/dev/null; do :; done
    kill -KILL "$job" 2>/dev/null
    wait "$job"
    cp "$J" killed.journal
    "$CAPSCOPE" score --data runs.csv --list --format csv >out 2>err
    entries=$(($(wc -l < out) - 1))
    case $entries in
    1)
        cut_seen=1
        echo "try $try: killed mid-write, $(($(wc -c < "$J") - before)) bytes of the batch in the journal"
        check "a batch cut by kill -9 is dropped with a warning" grep -q "warning: .*$J: a torn last entry (interrupted write) was dropped" err
        check "and the reader leaves the journal as it is" cmp -s killed.journal "$J"
        expect_status 0 "the next entry" "$CAPSCOPE" score --data runs.csv --quiet job-09 other 0.9
        check "cuts the batch before it is written" test "$(sed -n 2p "$J" | cut -f 1-4)" = "$(printf 'score\tjob-09\tother\t0.9')"
        check "the first line as it was, then the new one" test "$(head -n 1 "$J")" = "$(cat one.journal)" -a "$(wc -l < "$J")" = 2
        check "each line is a whole entry" whole ;;
    300001) echo "try $try: the write was over before the kill landed: the batch counts whole" ;;
    *) part=$((part + 1)); echo "try $try: $entries entries in effect" ;;
    esac
done
check "kill -9 mid-write: the batch counts whole or not at all, never in part" test "$part" = 0
[ -n "$cut_seen" ] || echo "note: the kill came after the write each time; the cut batch was not seen"
rm -f "$J" one.journal killed.journal big.csv

expect_status 2 "--wait takes whole seconds" "$CAPSCOPE" score --data runs.csv --wait 1.5 job-09 other 0.9
check "said so" grep -q "^capscope: score: --wait '1.5' is" err
check "and nothing was made" test ! -e "$J"

# --- 24 jobs at once, each its own cell, on a journal none has created yet.
pids=
for k in $(seq 1 24); do
    m=$(printf 'job-%02d' "$k")
    "$CAPSCOPE" score --data runs.csv "$m" other "0.$k" >/dev/null 2>"one.$k" &
    pids="$pids $!"
done
wait_all 60 $pids
check "all 24 jobs succeeded" test "$failed" = 0
check "24 lines, each whole" sh -c "test \"\$(wc -l < '$J')\" = 24"
check "each line is a whole entry" whole
missing=0
for k in $(seq 1 24); do
    [ "$(in_journal "$(printf 'job-%02d' "$k")" other)" = 1 ] || missing=$((missing + 1))
done
check "each job's cell is in the journal exactly once" test "$missing" = 0

# --- 16 jobs at once on one cell, and 8 --from batches of 30 lines each.
# Sixteen values, no two alike (0.1 and 0.10 are one: a job whose score the
# cell holds already enters nothing, and which job comes after which is the
# race's).
pids=
for k in $(seq 1 16); do
    "$CAPSCOPE" score --data runs.csv job-40 acc "$(printf '0.%02d' "$k")" >/dev/null 2>"same.$k" &
    pids="$pids $!"
done
for b in 1 2 3 4 5 6 7 8; do
    awk -v b="$b" 'BEGIN { for (i = 1; i <= 30; i++) printf "job-%02d,acc,0.%d%02d1\n", i, b, i }' > "batch.$b.csv"
    "$CAPSCOPE" score --data runs.csv --from "batch.$b.csv" >/dev/null 2>"batch.$b.err" &
    pids="$pids $!"
done
wait_all 60 $pids
check "all 24 jobs succeeded" test "$failed" = 0
sent=$((24 + 16 + 8 * 30))
check "the journal: $sent lines and 8 batch headers" test "$(wc -l < "$J")" = "$((sent + 8))"
check "each line is a whole entry" whole
check "job-40 acc entered 16 times" test "$(in_journal job-40 acc)" = 16
lost=0
for b in 1 2 3 4 5 6 7 8; do
    # a batch's lines are together and in its order (one write)
    got=$(awk -F '\t' -v b="$b" '$3 == "acc" && $4 ~ "^0\\." b "[0-9][0-9]1$" { printf "%s ", $2 }' "$J")
    want=$(awk 'BEGIN { for (i = 1; i <= 30; i++) printf "job-%02d ", i }')
    [ "$got" = "$want" ] || lost=$((lost + 1))
    first=$(awk -F '\t' -v b="$b" '$4 ~ "^0\\." b "[0-9][0-9]1$" { print NR; exit }' "$J")
    last=$(awk -F '\t' -v b="$b" '$4 ~ "^0\\." b "[0-9][0-9]1$" { n = NR } END { print n }' "$J")
    [ $((last - first)) = 29 ] || lost=$((lost + 1))
done
check "each batch's 30 lines are in the journal once, together, in order" test "$lost" = 0
expect_status 0 "--list" "$CAPSCOPE" score --data runs.csv --list --format csv
check "--list counts every entry" test "$(($(wc -l < out) - 1))" = "$sent"
# fit's n: the acc cells scored, by hand: the 20 odd models of the file,
# and the even ones among job-01..30 (15) and job-40 the batches scored.
expect_status 0 "fit" "$CAPSCOPE" fit --data runs.csv --task acc --format csv --quiet
check "fit counts the scored rows (20 + 15 + 1 = 36)" test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "n") c = i } NR == 2 { print $c }' out)" = 36
finish
