#!/bin/sh
# Allocation failures in every batch subcommand: the Nth allocation fails.
#
# tests/fault/failmalloc.so (LD_PRELOAD) counts the calls to malloc, calloc,
# realloc, strdup and the like, the C library's and GSL's included, and
# fails the Nth with ENOMEM (CAPSCOPE_FAIL_ALLOC=N); a first run counts them
# (CAPSCOPE_ALLOC_COUNT=FILE). For each N, the command must
#   - end with status 0, or 1 with the one line "capscope: ... out of
#     memory" (or "cannot allocate memory", strerror's) on stderr: never a
#     signal (abort, segfault), never 2 (bad input) and never silence;
#   - when it ends with 0, print exactly what it prints with no failure (a
#     failed allocation that was worked around must not change a number);
#   - for score, leave a journal that a plain `score --list` reads, holding
#     the entries it held before or those and the new ones: never part.
#
# Every N is run on the small files, where the commands are quick. On the
# demo data (a few hundred allocations a command, most of them the loader's,
# the same for each command) at most SAMPLE values of N a command are run:
# every Kth, starting at an offset that differs from one command to the next
# so that the commands together cover the loader's allocations; the choice
# is a function of the counts alone, so a failure is reproduced by the same
# run. CAPSCOPE_ALLOC_ALL=1 runs every N everywhere (a minute or more).
#
# Skipped when the allocator cannot be preloaded: a binary built with
# AddressSanitizer (its runtime must come first in the library list and
# replaces malloc itself) or one linked statically.
. "$top_srcdir/tests/lib.sh"

[ -x "$CAPSCOPE" ] || { fail "$CAPSCOPE is not built"; finish; }
FAILMALLOC="${top_builddir:-.}/tests/fault/failmalloc.so"
[ -r "$FAILMALLOC" ] || skip "$FAILMALLOC is not built (make check builds it)"
if built_with_asan; then
    skip "$CAPSCOPE is built with AddressSanitizer, whose allocator cannot be replaced by LD_PRELOAD"
fi
SAMPLE=${CAPSCOPE_ALLOC_SAMPLE:-90}
ALL=${CAPSCOPE_ALLOC_ALL:-0}

# counted ARGS...: run the command under the allocator without failing;
# its output in $cs_tmp/ref.out and ref.err, its status in ref_status and
# the number of allocations in calls.
counted() {
    rm -f "$cs_tmp/count"
    LD_PRELOAD="$FAILMALLOC" CAPSCOPE_ALLOC_COUNT="$cs_tmp/count" "$CAPSCOPE" "$@" \
        >"$cs_tmp/ref.out" 2>"$cs_tmp/ref.err"
    ref_status=$?
    calls=$(cat "$cs_tmp/count" 2>/dev/null || echo 0)
}

# failing N ARGS...: the command with its Nth allocation failing; output in
# $cs_tmp/got.out and got.err, status in got_status.
failing() {
    n=$1
    shift
    LD_PRELOAD="$FAILMALLOC" CAPSCOPE_FAIL_ALLOC=$n "$CAPSCOPE" "$@" >"$cs_tmp/got.out" 2>"$cs_tmp/got.err"
    got_status=$?
}

# judged N WHAT ARGS: the checks on one failing run; 0 when it passes.
# Counts the runs that ended with "out of memory" in oom_runs.
judged() {
    n=$1 what=$2
    shift 2
    if [ "$got_status" -eq 0 ]; then
        if ! cmp -s "$cs_tmp/got.out" "$cs_tmp/ref.out"; then
            fail "$what, allocation $n failing: status 0 but stdout differs from the run without a failure:"
            diff "$cs_tmp/ref.out" "$cs_tmp/got.out" | head -n 6 | sed 's/^/    /'
            return 1
        fi
        if ! cmp -s "$cs_tmp/got.err" "$cs_tmp/ref.err"; then
            fail "$what, allocation $n failing: status 0 but stderr differs: $(head -c 300 "$cs_tmp/got.err")"
            return 1
        fi
        return 0
    fi
    lines=$(wc -l <"$cs_tmp/got.err")
    if [ "$got_status" -ne 1 ] || [ "$lines" -ne 1 ] ||
        ! grep -qi '^capscope: .*\(out of memory\|cannot allocate memory\)' "$cs_tmp/got.err"; then
        fail "$what, allocation $n failing: status $got_status (want 0, or 1 with one line saying out of memory);" \
            "stderr: $(head -c 300 "$cs_tmp/got.err")"
        echo "    (again: CAPSCOPE_FAIL_ALLOC=$n CAPSCOPE_FAIL_ALLOC_TRACE=1 LD_PRELOAD=$FAILMALLOC capscope $*)"
        return 1
    fi
    oom_runs=$((oom_runs + 1))
    return 0
}

# The values of N to run for a command of `calls` allocations: all of them
# when few or when asked, else every Kth from an offset of this command's.
# (command_no is counted by sweep: schedule runs in a subshell.)
command_no=0
schedule() {
    if [ "$ALL" = 1 ] || [ "$calls" -le "$SAMPLE" ] || [ "${1:-}" = all ]; then
        seq 1 "$calls"
    else
        k=$(( (calls + SAMPLE - 1) / SAMPLE ))
        seq $(( 1 + (command_no * 7) % k )) "$k" "$calls"
    fi
}

# sweep WHAT [all] -- ARGS...: run the command with each N of its schedule.
sweep() {
    what=$1
    shift
    every=
    if [ "$1" = all ]; then every=all; shift; fi
    [ "$1" = -- ] && shift
    command_no=$((command_no + 1))
    counted "$@"
    if [ "$ref_status" -ne 0 ] || [ "$calls" -lt 1 ]; then
        fail "$what: the run without a failure ended with $ref_status after $calls allocations: $(head -c 300 "$cs_tmp/ref.err")"
        return
    fi
    oom_runs=0 runs=0 bad=0
    for n in $(schedule $every); do
        failing "$n" "$@"
        runs=$((runs + 1))
        judged "$n" "$what" "$@" || bad=$((bad + 1))
        # one command's first few failures say enough
        [ "$bad" -ge 3 ] && break
    done
    [ "$bad" -eq 0 ] && ok "$what: $runs of $calls allocations failed in turn, $oom_runs said out of memory, none crashed"
    # A command of many allocations of which no failure was seen injected
    # nothing: the harness is broken. (--help's one, stdout's buffer, may
    # fail unseen: stdio writes unbuffered then.)
    [ "$bad" -ne 0 ] || [ "$oom_runs" -gt 0 ] || [ "$calls" -lt 10 ] ||
        fail "$what: no failing allocation ended the command (is the allocator preloaded?)"
}

# The allocator works here: it counts, and a failure at the first call is seen.
counted --version
[ "$calls" -ge 1 ] || skip "LD_PRELOAD of $FAILMALLOC counted no allocation (a static binary?)"

cd "$cs_tmp" || exit 1
export LC_ALL=C.UTF-8 HOME="$cs_tmp/home" XDG_DATA_HOME="$cs_tmp/home/data" XDG_CONFIG_HOME="$cs_tmp/home/config"
mkdir -p "$HOME"

# --- The demo data (sampled N).
sweep "fit, json" -- fit --format json --quiet
sweep "predict" -- predict --task math --flops 1e21 --flops 1e27 --quiet
sweep "require" -- require --task coding --accuracy 0.3 --accuracy 0.99 --quiet
sweep "splits" -- splits --task reasoning --quiet
sweep "splits --bins, csv" -- splits --task knowledge --bins --format csv --quiet
sweep "splits --drift" -- splits --task knowledge --drift --quiet
sweep "suggest --count" -- suggest --task instruct --count 5 --quiet
sweep "suggest --prior paper" -- suggest --task science --budget 0.02 --pool all --prior paper --quiet
sweep "plot, text" -- plot --task math --width 60 --height 18 --charset braille --color never --quiet
sweep "plot, svg" -- plot --task math --format svg --quiet
sweep "plot --band, json" -- plot --task math --band --width 60 --format json --quiet
sweep "--help" all -- --help
sweep "--version" all -- --version

# --- A small fully scored file (every N): 40 models of a fixed-seed sigmoid.
synthetic_csv 40 >full.csv
sweep "fit, small file" all -- fit --data full.csv --quiet
# The YAML config's reader (libyaml's allocations and the roles' own).
printf 'columns:\n  model: model\n  flops: flops\n  date: date\ntasks: [alpha, beta]\n' >roles.yaml
sweep "fit, small file, with a config" all -- fit --data full.csv --config roles.yaml --format csv --quiet
sweep "splits, small file" all -- splits --data full.csv --task alpha --quiet
# fresh bins on the validation side: their own sort can fail too
sweep "splits --oos-bins test-fixed, small file" all -- splits --data full.csv --task alpha --oos-bins test-fixed --quiet
sweep "sweep, every method" all -- sweep --data full.csv --budgets 0.2 --seeds 1 --quiet
sweep "sweep, json" all -- sweep --data full.csv --task alpha --budgets 0.1,0.5 --seeds 2 --methods paper,random --format json --quiet

# --- Scores in a journal: replayed by every command, written by score.
cat >tiny.csv <<'EOF'
model,flops,params_b,acc,other
m1,1e21,1,0.10,0.5
m2,1e22,2,0.20,0.5
m3,1e23,3,0.40,0.5
m4,1e24,4,0.60,0.5
m5,1e21,1,0.05,0.5
m6,1e23,3,0.30,0.5
m7,1e22,2,,0.5
m8,1e24,4,,0.5
EOF
"$CAPSCOPE" score --data tiny.csv m7 acc 0.3 --quiet &&
    "$CAPSCOPE" score --data tiny.csv m8 acc 0.7 --quiet || fail "the journal could not be started"
# A journal's scores that a command leaves out change its result: m7 and
# m8 scored, fit sees 8 rows of acc, not 6.
sweep "fit, the journal's scores" all -- fit --data tiny.csv --task acc --quiet
check "... which it counts (n = 8: 6 scored in the file, 2 in the journal)" \
    awk 'NR == 2 { n = $2 } END { exit !(n == 8) }' "$cs_tmp/ref.out"
# The journal of data in a read-only directory is under $XDG_DATA_HOME, by
# a hash of the data's path: a hash of another path finds no journal.
mkdir ro && cp -p tiny.csv ro/ && chmod a-w ro
"$CAPSCOPE" score --data ro/tiny.csv m7 acc 0.3 --quiet || fail "the read-only data's journal could not be started"
sweep "fit, the journal under XDG_DATA_HOME" all -- fit --data ro/tiny.csv --task acc --quiet
check "... which it counts (n = 7)" awk 'NR == 2 { n = $2 } END { exit !(n == 7) }' "$cs_tmp/ref.out"
chmod u+w ro

printf 'm8,acc,0.75\nm2,other,0.1\nm7,acc,0.35\n' >new.csv
mkdir base && cp -p tiny.csv tiny.csv.journal new.csv base/
# entries: the journal's entries in effect, without their times.
entries() {
    "$CAPSCOPE" score --data tiny.csv --list --format csv --quiet 2>"$cs_tmp/list.err" |
        awk -F, -v OFS=, '{ $3 = ""; print }'
}
restore() {
    rm -f tiny.csv.journal && cp -p base/tiny.csv base/tiny.csv.journal base/new.csv .
}
# score_sweep WHAT ARGS...: each N from a fresh copy of the journal.
score_sweep() {
    what=$1
    shift
    restore
    entries >"$cs_tmp/old.entries"
    counted "$@"
    entries >"$cs_tmp/new.entries"
    if [ "$ref_status" -ne 0 ] || [ "$calls" -lt 1 ]; then
        fail "$what: the run without a failure ended with $ref_status: $(head -c 300 "$cs_tmp/ref.err")"
        return
    fi
    oom_runs=0 runs=0 bad=0 changed_runs=0
    for n in $(seq 1 "$calls"); do
        restore
        failing "$n" "$@"
        runs=$((runs + 1))
        judged "$n" "$what" "$@" || bad=$((bad + 1))
        if ! entries >"$cs_tmp/got.entries"; then
            fail "$what, allocation $n failing: the journal cannot be read after: $(head -c 300 "$cs_tmp/list.err")"
            bad=$((bad + 1))
        elif [ "$got_status" -eq 0 ] && ! cmp -s "$cs_tmp/got.entries" "$cs_tmp/new.entries"; then
            fail "$what, allocation $n failing: status 0 but the journal does not hold the new entries:"
            sed 's/^/    /' "$cs_tmp/got.entries"
            bad=$((bad + 1))
        elif ! cmp -s "$cs_tmp/got.entries" "$cs_tmp/old.entries" &&
            ! cmp -s "$cs_tmp/got.entries" "$cs_tmp/new.entries"; then
            fail "$what, allocation $n failing (status $got_status): the journal holds neither the old entries nor all the new:"
            sed 's/^/    /' "$cs_tmp/got.entries"
            bad=$((bad + 1))
        elif [ "$got_status" -ne 0 ] && ! cmp -s "$cs_tmp/got.entries" "$cs_tmp/old.entries" &&
            ! grep -q "^capscope: out of memory (the score.* saved in \|^capscope: out of memory (the last entry was taken back" "$cs_tmp/got.err"; then
            # status 1 alone read as though nothing was entered
            fail "$what, allocation $n failing: the journal changed, but the message does not say so: $(head -c 300 "$cs_tmp/got.err")"
            bad=$((bad + 1))
        elif [ "$got_status" -ne 0 ] && cmp -s "$cs_tmp/got.entries" "$cs_tmp/old.entries" &&
            grep -q "saved in\|taken back" "$cs_tmp/got.err"; then
            fail "$what, allocation $n failing: the journal is unchanged, but the message says otherwise: $(head -c 300 "$cs_tmp/got.err")"
            bad=$((bad + 1))
        else
            [ "$got_status" -ne 0 ] && ! cmp -s "$cs_tmp/got.entries" "$cs_tmp/old.entries" && changed_runs=$((changed_runs + 1))
        fi
        [ "$bad" -ge 3 ] && break
    done
    [ "$bad" -eq 0 ] && ok "$what: $runs of $calls allocations failed in turn, $oom_runs said out of memory ($changed_runs of them after the journal's change, which they said); the journal whole each time"
    [ "$bad" -ne 0 ] || [ "$oom_runs" -gt 0 ] || fail "$what: no failing allocation ended the command"
}
score_sweep "score --from" score --data tiny.csv --from new.csv --quiet
check "--from's entries are seen: the journal grew by its 3 lines" \
    test "$(wc -l <"$cs_tmp/new.entries")" -eq $(( $(wc -l <"$cs_tmp/old.entries") + 3 ))
score_sweep "score MODEL TASK VALUE, json" score --data tiny.csv m2 acc 0.25 --format json --quiet
score_sweep "score --undo" score --data tiny.csv --undo --quiet
score_sweep "score --list" score --data tiny.csv --list --quiet

finish
