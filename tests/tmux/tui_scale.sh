#!/bin/sh
# A task switch at 100,000 rows, timed by the TUI itself
# (CAPSCOPE_TIMING_LOG: key to the end of its redraw). The issue asks for
# well under 100 ms at a million rows; switching task used to gather, sort
# and bin the task's points on every key (44 ms at 100,000 rows, 636 ms at
# a million). Now the sorting is done once per task in the worker and a
# switch is linear and cheap (about 2 ms here). This test drives the
# switches at that size and reports their times; judging them is the
# benchmarks' (make bench: bench_scale.sh's frames at a million rows), as a
# bound here could fail on a loaded machine or a sanitizer build.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"
command -v awk >/dev/null || skip "awk is not installed"

# The 100,000-row file (bench/gen-scale.awk, fixed seed) is kept in TMPDIR
# between runs: generating it takes a second or two.
rows=100000
data="${TMPDIR:-/tmp}/capscope-scale-$rows-seed1.csv"
if [ "$( { wc -l < "$data"; } 2>/dev/null)" != $((rows + 1)) ]; then
    awk -v rows=$rows -v seed=1 -f "$top_srcdir/bench/gen-scale.awk" > "$data.tmp.$$" &&
        mv "$data.tmp.$$" "$data" || { rm -f "$data.tmp.$$"; fail "gen-scale.awk failed"; finish; }
fi

cat > "$cs_tmp/keys" <<'KEYS'
<Wait>
jjjjjkkkkk
jjjjjkkkkk
:quit
KEYS
tm_open 120 40
tm_run_ok "the replay" "CAPSCOPE_TIMING_LOG='$cs_tmp/timing' '$CAPSCOPE' --data '$data' --replay '$cs_tmp/keys' 2>'$cs_tmp/err'"
check "nothing on stderr" test ! -s "$cs_tmp/err"

# The 20 task switches: their count, the worst and the median.
awk '$1 == "j" || $1 == "k" { print $2 }' "$cs_tmp/timing" 2>/dev/null | sort -g > "$cs_tmp/switch"
n=$(wc -l < "$cs_tmp/switch")
check "20 task switches timed (got $n)" test "$n" -eq 20
if [ "$n" -gt 0 ]; then
    worst=$(tail -n 1 "$cs_tmp/switch")
    median=$(sed -n "$(((n + 1) / 2))p" "$cs_tmp/switch")
    echo "task switch at $rows rows: median ${median} ms, worst ${worst} ms"
fi
finish
