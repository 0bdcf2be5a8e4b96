#!/bin/sh
# Batch progress on a terminal: the paper's design over 60,000 distinct
# compute levels at the whole budget takes two or three seconds (60,000
# steps), and suggest says how far it is on stderr, on one line that it
# clears at the end; with stderr not a terminal, or with --quiet, it prints
# nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 10
awk 'BEGIN { srand(7); print "model,flops,params_b,acc"
             for (i = 0; i < 60000; i++) printf "m%d,%.9e,%.2f,\n", i, 10 ^ (20 + 5 * rand()), 0.5 + 70 * rand() }' \
    >"$W/distinct.csv"
run="'$CAPSCOPE' suggest --data distinct.csv --task acc --prior paper --pool all --budget 1 --format csv"

tm_shell "$run > picks.csv; echo EXIT=\$?"
if tm_wait "suggest: the paper's design \\([0-9]+ picked, cost [0-9]+\\)" 60; then
    ok "progress shows while the design runs"
else
    fail "no progress line"; tm_capture
fi
tm_wait 'EXIT=[0-9]' 120 || { fail "suggest did not finish"; tm_capture; finish; }
check "suggest succeeds" screen_has 'EXIT=0'
check "the progress line is cleared at the end" sh -c "! grep -q 'picked, cost' '$cs_tmp/screen'"
check "the picks are written" test "$(wc -l <"$W/picks.csv")" -eq 60001

expect_status 0 "not a terminal: no progress" sh -c "cd '$W' && $run 2>&1 >/dev/null"
check "nothing on stderr off a terminal" test ! -s "$cs_tmp/out"
tm_stop

# fit, splits and the fitted prior of suggest say which task they are on
# (a million rows and 20 tasks took 5 to 15 s without a word). The line
# shows after a second of work; CAPSCOPE_PROGRESS_AFTER=0 shows it at
# once, and script(1) keeps every byte written to the terminal.
if command -v script >/dev/null 2>&1; then
    # script(1) ends with status 0 whatever the command's (without -e, which
    # older ones lack): the status is written into the typescript, so that
    # a run that died (a --quiet that printed nothing) fails.
    raw() {
        CAPSCOPE_PROGRESS_AFTER=0 script -q -c "$1 >/dev/null; echo \"RAW_EXIT=\$?\"" "$cs_tmp/raw" >/dev/null 2>&1
        check "$2 ends with status 0" grep -q 'RAW_EXIT=0' "$cs_tmp/raw"
    }
    raw "'$CAPSCOPE' fit" "fit"
    check "fit: the last task's line" grep -q "fit: task 6 of 6 (science)" "$cs_tmp/raw"
    raw "'$CAPSCOPE' splits" "splits"
    check "splits: split and task" grep -q "splits: split 3 of 3, task 6 of 6" "$cs_tmp/raw"
    raw "'$CAPSCOPE' suggest --count 5" "suggest"
    check "suggest: the prior's fits" grep -q "suggest: fitting the prior, task 6 of 6" "$cs_tmp/raw"
    raw "'$CAPSCOPE' fit --quiet" "fit --quiet"
    check "fit --quiet: no progress" sh -c "! grep -q 'fit: task' '$cs_tmp/raw'"

    # Reading the data counts its bytes, then its rows (every 4,096, at most
    # ten lines a second but the first count of rows at once: 4,096), in
    # the batch face and at the interface's start, before the screen is its
    # own. A file bad at its last row ends the start with the reader's
    # error, after the count.
    awk 'BEGIN { print "model,flops,acc"; for (i = 0; i < 10000; i++) printf "m%d,1e%d,0.%d\n", i, 20 + i % 5, 1 + i % 9 }' \
        >"$cs_tmp/rows.csv"
    raw "'$CAPSCOPE' fit --data '$cs_tmp/rows.csv'" "fit on 10,000 rows"
    check "fit: the bytes read" grep -q "fit: reading $cs_tmp/rows.csv: [0-9.]* kB read" "$cs_tmp/raw"
    check "fit: then the rows, grouped" grep -q "kB read.*fit: reading $cs_tmp/rows.csv: 4,096 rows" "$cs_tmp/raw"
    raw "'$CAPSCOPE' fit --data '$cs_tmp/rows.csv' --quiet" "fit --quiet on 10,000 rows"
    check "fit --quiet: no count of rows" sh -c "! grep -q 'reading' '$cs_tmp/raw'"
    { cat "$cs_tmp/rows.csv"; echo 'bad,"1e22,0.5'; } >"$cs_tmp/badend.csv"
    CAPSCOPE_PROGRESS_AFTER=0 script -q -c "'$CAPSCOPE' --data '$cs_tmp/badend.csv'; echo \"RAW_EXIT=\$?\"" \
        "$cs_tmp/raw" >/dev/null 2>&1 </dev/null
    check "the interface's start: the rows read" grep -q "capscope: reading $cs_tmp/badend.csv: 4,096 rows" "$cs_tmp/raw"
    check "then cleared, then the reader's error" \
        grep -q "4,096 rows.*$(printf '\r')$(printf '\033')\[K.*badend.csv:10002" "$cs_tmp/raw"
    check "the start fails on the bad row" grep -q 'RAW_EXIT=2' "$cs_tmp/raw"

    # A SIGTERM (or C-c, or SIGHUP) while the start reads (a FIFO whose
    # writer sent some rows and waits) clears the line, then ends capscope
    # as the signal does (143): the line stayed on the terminal, the shell's
    # prompt after it. SIGTERM, not SIGINT: a suite run in the background
    # starts with SIGINT ignored, which capscope leaves so (as nohup's). It
    # is sent once the line shows (script -f writes the typescript as it
    # comes), whatever the machine's speed; a start that missed it is
    # killed and the writer let go after it, so that no interface opens for
    # good.
    mkfifo "$cs_tmp/slowstart.csv"
    rm -f "$cs_tmp/raw"
    ( exec >"$cs_tmp/slowstart.csv"; cat "$cs_tmp/rows.csv"; while [ ! -e "$cs_tmp/go" ]; do sleep 0.05; done ) &
    writer=$!
    (
        i=0
        while ! grep -q 'slowstart.csv: [0-9.]* kB read' "$cs_tmp/raw" 2>/dev/null && [ $i -lt 300 ]; do
            sleep 0.1
            i=$((i + 1))
        done
        pkill -TERM -f "capscope --data $cs_tmp/slowstart.csv"
        sleep 3
        pkill -KILL -f "capscope --data $cs_tmp/slowstart.csv"
        touch "$cs_tmp/go"
    ) &
    killer=$!
    CAPSCOPE_PROGRESS_AFTER=0 script -q -f -c "'$CAPSCOPE' --data $cs_tmp/slowstart.csv; echo \"RAW_EXIT=\$?\"" \
        "$cs_tmp/raw" >/dev/null 2>&1 </dev/null
    touch "$cs_tmp/go"
    wait "$killer"
    wait_bounded "$writer" 30; [ $? -ne 124 ] || fail "SIGTERM at the start: the writer of slowstart.csv did not end"
    check "SIGTERM at the start: the bytes read were shown" grep -q "capscope: reading $cs_tmp/slowstart.csv: [0-9.]* kB read" "$cs_tmp/raw"
    check "SIGTERM at the start: then cleared" grep -q "kB read$(printf '\r')$(printf '\033')\[K" "$cs_tmp/raw"
    check "SIGTERM at the start: status 143" grep -q 'RAW_EXIT=143' "$cs_tmp/raw"

    # An error while the line shows clears it first: "out of memory" was
    # written onto the line's text ("splits: split 1 of 3, task 2 of
    # 6capscope: out of memory"). The Nth allocation fails (failmalloc),
    # for N across the command's allocations; those that fail inside the
    # splits' loop follow a progress line.
    FAILMALLOC="${top_builddir:-.}/tests/fault/failmalloc.so"
    if [ -r "$FAILMALLOC" ] && ! built_with_asan; then
        LD_PRELOAD="$FAILMALLOC" CAPSCOPE_ALLOC_COUNT="$cs_tmp/count" "$CAPSCOPE" splits >/dev/null 2>&1
        total=$(cat "$cs_tmp/count" 2>/dev/null || echo 0)
        after_line=0 glued=0 n=$((total / 3))
        while [ "$n" -lt "$total" ]; do
            CAPSCOPE_PROGRESS_AFTER=0 script -q -c "CAPSCOPE_FAIL_ALLOC=$n LD_PRELOAD='$FAILMALLOC' '$CAPSCOPE' splits >/dev/null" \
                "$cs_tmp/raw" >/dev/null 2>&1 </dev/null
            grep -q "split [0-9] of 3, task [0-9] of 6.*capscope: out of memory" "$cs_tmp/raw" && after_line=$((after_line + 1))
            grep -q "task [0-9] of 6capscope:" "$cs_tmp/raw" && glued=$((glued + 1))
            n=$((n + total / 15 + 1))
        done
        check "an allocation failed after a progress line ($after_line runs)" test "$after_line" -gt 0
        check "the error never finishes the line's text ($glued runs did)" test "$glued" -eq 0
    else
        echo "skip: failmalloc is not built or capscope is built with AddressSanitizer: no error under a progress line"
    fi
else
    echo "skip: script(1) is not installed; the fit/splits progress checks need it"
fi
finish
