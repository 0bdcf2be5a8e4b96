#!/bin/sh
# bench_scale.sh - how capscope scales with the number of rows.
#
# At 2,409 rows (../shared/data/oll_reeval.csv when present, else the demo
# data's 2,153), 100,000 and 1,000,000 rows (bench/gen-scale.awk, fixed seed),
# through the real binary: load time, fit time of each task, time of `fit`
# on every task, and peak memory (maximum resident set size). Times are wall
# clock and CPU (user + system, from GNU time: what other processes on a
# shared machine took does not count in it), the run of least CPU time of
# three below 200,000 rows, one run above.
#
#   load      `fit --task T --since 2999-01-01`: parses and checks the whole
#             file, then stops because no row is left to fit
#   load + fit T   `fit --task T` (subtract the load for the fit alone;
#             below ~100,000 rows both are within the timing noise)
#   fit all   `fit` of every task, load included
#   tui ...   time from a key to the end of its redraw in the TUI (--replay
#             under tmux, CAPSCOPE_TIMING_LOG), mean and worst per kind of key
#   sampler ...  at the synthetic sizes, `suggest --count 20` (the sampler
#             users get, its fits of every task included) on a file of the
#             same size with 6 or 20 tasks of which each row keeps its scores
#             with probability 0.1 (gen-scale.awk tasks=, scored=)
#   paper design  `suggest --prior paper --pool all --budget 0.2` on the
#             synthetic file (printing its picks, 57,000 at 100,000 rows):
#             as CSV, written as the picks come, and as the table, which
#             holds their texts for its column widths
#
# Environment: CAPSCOPE (the binary), top_srcdir, CAPSCOPE_SHARED_DATA,
# BENCH_SCALE_ROWS (the synthetic sizes, default "100000 1000000").
set -u
: "${CAPSCOPE:=./src/capscope}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${CAPSCOPE_SHARED_DATA:=$top_srcdir/../shared/data}"
: "${BENCH_SCALE_ROWS:=100000 1000000}"
GEN="$top_srcdir/bench/gen-scale.awk"
TMUX_BIN=$(command -v tmux 2>/dev/null)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capscope-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o "$tmp/probe" true 2>/dev/null; then
    GNU_TIME=/usr/bin/time
else
    GNU_TIME=
fi

now_ns() { date +%s%N; }

# run_timed CMD...: runs CMD once; sets secs (wall clock), cpu (user +
# system seconds, or empty), kib (peak RSS or empty) and status.
run_timed() {
    t0=$(now_ns)
    if [ -n "$GNU_TIME" ]; then
        "$GNU_TIME" -f '%M %U %S' -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"
        status=$?
        set -- $(tail -n 1 "$tmp/rss")
        kib=$1
        cpu=$(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }')
    else
        "$@" >"$tmp/out" 2>"$tmp/err"
        status=$?
        kib= cpu=
    fi
    t1=$(now_ns)
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
}

# best CMD...: the fastest of `reps` runs, by CPU time when GNU time gives
# it, else by wall clock (secs, cpu, kib of that run, status).
best() {
    b_secs= b_cpu= b_kib= b_status=
    i=0
    while [ $i -lt "$reps" ]; do
        run_timed "$@"
        if [ -z "$b_secs" ] || awk -v a="${cpu:-$secs}" -v b="${b_cpu:-$b_secs}" 'BEGIN { exit !(a < b) }'; then
            b_secs=$secs b_cpu=$cpu b_kib=$kib b_status=$status
        fi
        i=$((i + 1))
    done
    secs=$b_secs cpu=$b_cpu kib=$b_kib status=$b_status
}
cpus() { echo "${cpu:-n/a}"; }

# tui_frames FILE: replays a few keys in the TUI under a private tmux server
# (120x40) with CAPSCOPE_TIMING_LOG set, which logs the time from each key to
# the end of its redraw; prints the mean and the worst per kind of key.
tui_frames() {
    d="$tmp/tui"
    rm -rf "$d" && mkdir -p "$d"
    cat >"$d/keys" <<'KEYS'
<Wait>
jjj
<Wait>
<Tab>
llllllll
++
HH
<C-l><C-l>
:quit
KEYS
    sock="capscope-bench-$$"
    tmux -L "$sock" new-session -d -x 120 -y 40 \
        "env XDG_STATE_HOME='$d/state' XDG_CONFIG_HOME='$d/config' CAPSCOPE_TIMING_LOG='$d/timing' \
         '$CAPSCOPE' --data '$1' --replay '$d/keys' 2>'$d/err'; echo \$? >'$d/status'" || return 1
    i=0
    while [ ! -f "$d/status" ] && [ $i -lt 600 ]; do sleep 1; i=$((i + 1)); done
    tmux -L "$sock" kill-server 2>/dev/null
    [ -f "$d/status" ] && [ "$(cat "$d/status")" = 0 ] && [ -s "$d/timing" ] || return 1
    # One line per kind: what, mean ms, worst ms.
    awk '$1 == "j" { k = "task switch (j)" } $1 == "l" { k = "cursor move (l)" }
         $1 == "+" { k = "zoom in (+)" } $1 == "H" { k = "pan (H)" } $1 == "C-l" { k = "full redraw (C-l)" }
         k != "" { n[k]++; s[k] += $2; if ($2 > w[k]) w[k] = $2; if (!(k in o)) o[k] = ++m; k = "" }
         END { for (k in o) printf "%d\t%s\t%.1f\t%.1f\n", o[k], k, s[k] / n[k], w[k] }' "$d/timing" |
        sort -n | cut -f 2-
}

mib() { if [ -n "$1" ]; then awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; else echo "n/a"; fi; }

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "== bench_scale: rows -> load, fit, peak memory"
echo "machine: $(nproc 2>/dev/null || echo '?') CPUs, ${cpu_model:-unknown CPU}, ${mem:-? GiB} RAM"
echo "binary: $CAPSCOPE ($("$CAPSCOPE" --version 2>/dev/null))"
[ -n "$GNU_TIME" ] || echo "peak memory: n/a (GNU time is missing: apt-get install time)"

# The data sets: label and file.
set --
if [ -r "$CAPSCOPE_SHARED_DATA/oll_reeval.csv" ]; then
    set -- "$@" "oll_reeval.csv" "$CAPSCOPE_SHARED_DATA/oll_reeval.csv"
else
    echo "note: $CAPSCOPE_SHARED_DATA/oll_reeval.csv is absent; the smallest size is the demo data"
    set -- "$@" "demo.csv" "$top_srcdir/data/demo.csv"
fi
for n in $BENCH_SCALE_ROWS; do
    awk -v rows="$n" -v seed=1 -f "$GEN" >"$tmp/synthetic-$n.csv" || exit 1
    set -- "$@" "synthetic" "$tmp/synthetic-$n.csv"
done

# The sampler's files: 6 and 20 tasks, a tenth of the rows scored.
sampler_sets=
for n in $BENCH_SCALE_ROWS; do
    for t in 6 20; do
        awk -v rows="$n" -v seed=1 -v tasks="$t" -v scored=0.1 -f "$GEN" \
            >"$tmp/sampler-$n-$t.csv" || exit 1
        sampler_sets="$sampler_sets $n:$t"
    done
done

printf '\n%-15s %9s %-32s %10s %10s %10s\n' data rows measure seconds cpu_s peak_MiB
failed=0
while [ $# -ge 2 ]; do
    label=$1 file=$2
    shift 2
    rows=$(($(wc -l <"$file") - 1))
    reps=1
    [ "$rows" -lt 200000 ] && reps=3
    "$CAPSCOPE" fit --data "$file" --format csv --quiet >"$tmp/tasks" 2>"$tmp/err" || {
        echo "$label: capscope fit failed: $(head -c 300 "$tmp/err")"
        failed=1
        continue
    }
    tasks=$(awk -F, 'NR > 1 { print $1 }' "$tmp/tasks")
    first=$(echo "$tasks" | head -n 1)

    best "$CAPSCOPE" fit --data "$file" --task "$first" --since 2999-01-01 --quiet
    load=$secs
    printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" load "$load" "$(cpus)" "$(mib "$kib")"
    for t in $tasks; do
        best "$CAPSCOPE" fit --data "$file" --task "$t" --quiet
        [ "$status" -eq 0 ] || { echo "$label: fit --task $t exits $status"; failed=1; }
        printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" "load + fit $t" "$secs" "$(cpus)" "$(mib "$kib")"
    done
    best "$CAPSCOPE" fit --data "$file" --quiet
    [ "$status" -eq 0 ] || { echo "$label: fit exits $status"; failed=1; }
    printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" "fit all" "$secs" "$(cpus)" "$(mib "$kib")"
    if [ -n "$TMUX_BIN" ]; then
        if tui_frames "$file" >"$tmp/frames"; then
            tab=$(printf '\t')
            while IFS=$tab read -r what mean worst; do
                printf '%-15s %9d %-32s %10s %10s\n' "$label" "$rows" "tui $what" "${mean}ms" "max ${worst}ms"
            done <"$tmp/frames"
        else
            echo "$label: the TUI replay did not finish: $(head -c 300 "$tmp/tui/err" 2>/dev/null)"
            failed=1
        fi
    fi
    if [ "$label" = synthetic ]; then
        for set in $sampler_sets; do
            [ "${set%%:*}" = "$rows" ] || continue
            t=${set#*:}
            best "$CAPSCOPE" suggest --data "$tmp/sampler-$rows-$t.csv" --count 20 --format csv --quiet
            [ "$status" -eq 0 ] || { echo "$label: suggest ($t tasks) exits $status"; failed=1; }
            printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" "sampler: next 20, $t tasks" \
                "$secs" "$(cpus)" "$(mib "$kib")"
        done
        best "$CAPSCOPE" suggest --data "$file" --prior paper --pool all --budget 0.2 --format csv \
            --quiet
        [ "$status" -eq 0 ] || { echo "$label: suggest --prior paper exits $status"; failed=1; }
        printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" "paper design, 20%" "$secs" \
            "$(cpus)" "$(mib "$kib")"
        best "$CAPSCOPE" suggest --data "$file" --prior paper --pool all --budget 0.2 --quiet
        [ "$status" -eq 0 ] || { echo "$label: suggest --prior paper (table) exits $status"; failed=1; }
        printf '%-15s %9d %-32s %10s %10s %10s\n' "$label" "$rows" "paper design, 20%, table" "$secs" \
            "$(cpus)" "$(mib "$kib")"
    fi
done

[ -n "$TMUX_BIN" ] || echo "tui redraw: not measured (tmux is not installed)"
exit $failed
