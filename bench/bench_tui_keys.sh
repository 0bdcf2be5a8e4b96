#!/bin/sh
# bench_tui_keys.sh - how long the interface's thread is busy after each
# kind of key, at growing sizes.
#
# The TUI reads no key while its own thread works: the frame a key makes,
# and each turn of background work done on that thread (a finished fit
# applied, the next job's rows copied out, their frame). This replays one
# script of keys in the real binary under a private tmux server (120x40)
# with CAPSCOPE_TIMING_LOG set, on synthetic tables of BENCH_TUI_ROWS rows
# (default "10000 100000 1000000"; bench/gen-scale.awk, fixed seed), and
# prints per action: the key's frame (ms; of several keys or a command
# line's, the slowest),
# and the worst and the total of the idle turns that followed it until
# the next action (<Wait> lets the worker finish in between, so these are
# the turns a user would feel as a stuck keyboard). "scrub" adds the time
# from the key to the frame showing the refit (scrub-redraw).
#
# Each size is run BENCH_TUI_REPS times (default 3) and each figure is
# the least of its runs: the machine may be shared, and others' work only
# ever adds to a time.
#
# Environment: CAPSCOPE (the binary), top_srcdir, TMUX_BIN, BENCH_TUI_ROWS,
# BENCH_TUI_REPS, BENCH_TUI_KEEP (set: the temporary directory is kept).
set -u
: "${CAPSCOPE:=./src/capscope}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${BENCH_TUI_ROWS:=10000 100000 1000000}"
: "${BENCH_TUI_REPS:=3}"
: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ]; then
    echo "bench_tui_keys: not measured (tmux is not installed)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capscope-tuikeys.XXXXXX") || exit 1
sock="capscope-tuikeys-$$"
tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; [ -n "${BENCH_TUI_KEEP:-}" ] || rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# The actions: a label and one line of the replay script (replay.h). Each
# is followed by <Wait>, unless its label starts with "~" (the next key
# then comes while the work runs: u and D stop the worker first). A label
# "-" (or "~-") is a step that is not reported. The
# drift grid is closed before the search: it refuses one (its cursor is
# hidden), and the rest of the line would act as keys (e exports).
cat >"$tmp/actions" <<'ACTIONS'
task switch (j)	j
task switch (k)	k
split on (s)	s
split step (])	]
split off (s)	s
:scheme rolling:1,1,1	:scheme rolling:1,1,1
drift grid on (D), Esc	D<Esc>
-	:drift off
split off, on (s s)	ss
:scheme year	:scheme year
drift grid on (D)	D
drift grid dq (D)	D
drift grid close (D)	D
:scheme period4	:scheme period4
scrub cut (:cut-day-fwd)	:cut-day-fwd
scrub cut (:cut-week-back)	:cut-week-back
-	s
sampler refresh (:budget 0.05)	:budget 0.05
sampler refresh (:pool all)	:pool all
search (/)	/base-12-
search next (n)	n
-	<Tab>
zoom in (+)	+
zoom out (-)	-
~-	:tau 0.9
D while the fits run, Esc	D<Esc>
-	:drift off
~-	:tau 0.98
~-	<Sleep 50>
u while the fits run	u
~-	:budget 0.2
~-	<Sleep 100>
u while the sampler designs	u
~-	:budget 0.1
~-	<Sleep 100>
D while the sampler designs, Esc	D<Esc>
-	:drift off
resize (100x30)	<Resize 100x30>
resize (120x40)	<Resize 120x40>
redraw (C-l)	<C-l>
ACTIONS

# events LINE: how many timing-log lines a replay line makes (one per key;
# a resize is one "event"; a typed line is its characters and Enter).
events() {
    case $1 in
    :* | /*) echo $((${#1} + 1)) ;;
    *) printf '%s' "$1" | sed 's/<Sleep [0-9]*>//g; s/<Wait>//g; s/<[^>]*>/./g' | awk '{ s = s $0 } END { print length(s) }' ;;
    esac
}

{
    echo "<Wait>"
    tab=$(printf '\t')
    while IFS=$tab read -r label line; do
        case $label in
        '~'*) printf '%s\n' "$line" ;;
        *) printf '%s\n<Wait>\n' "$line" ;;
        esac
    done <"$tmp/actions"
    echo ":quit"
} >"$tmp/keys"

# measure FILE ROWS: one run; prints "rows<TAB>label<TAB>key ms<TAB>idle max<TAB>idle sum<TAB>scrub".
measure() {
    d="$tmp/run"
    rm -rf "$d" && mkdir -p "$d"
    # in a directory of its own: whatever it writes stays out of the caller's
    tm new-session -d -x 120 -y 40 -c "$d" \
        "env XDG_STATE_HOME='$d/state' XDG_CONFIG_HOME='$d/config' CAPSCOPE_TIMING_LOG='$d/timing' \
         '$CAPSCOPE' --data '$1' --replay '$tmp/keys' 2>'$d/err'; echo \$? >'$d/status'" || return 1
    i=0
    while [ ! -f "$d/status" ] && [ $i -lt 3600 ]; do sleep 1; i=$((i + 1)); done
    tm kill-server 2>/dev/null
    [ -f "$d/status" ] && [ "$(cat "$d/status")" = 0 ] || {
        echo "the replay did not finish: $(head -c 300 "$d/err")" >&2
        return 1
    }
    # the event count of each action, in order, then the log
    {
        echo "start 0"
        while IFS=$tab read -r label line; do
            printf '%s %s\n' "$(printf '%s' "${label#'~'}" | tr ' ' '\037')" "$(events "$line")"
        done <"$tmp/actions"
        echo "quit 2"
        echo "=="
        cat "$d/timing"
    } | awk -v rows="$2" '
        !inlog && $0 == "==" { inlog = 1; cur = 1; left = cnt[1]; next }
        !inlog { n++; lab[n] = $1; cnt[n] = $2 + 0; gsub("\037", " ", lab[n]); next }
        $1 == "idle" { if ($2 > imax[cur]) imax[cur] = $2; isum[cur] += $2; next }
        $1 == "scrub-redraw" { scrub[cur] = $2; next }
        {
            while (left == 0 && cur < n) { cur++; left = cnt[cur] }
            if ($2 > key[cur]) key[cur] = $2; left--
        }
        END {
            for (i = 1; i <= n; i++) {
                if (lab[i] == "-" || lab[i] == "quit") continue
                printf "%d\t%s\t%s\t%.1f\t%.1f\t%s\n", rows, lab[i], (i == 1) ? "-" : sprintf("%.1f", key[i]),
                    imax[i], isum[i], (i in scrub) ? sprintf("%.1f", scrub[i]) : ""
            }
        }'
}

echo "== bench_tui_keys: the interface thread's time per action (ms), 120x40, least of $BENCH_TUI_REPS run(s)"
printf 'rows\taction\tkey frame\tidle max\tidle sum\tscrub-redraw\n'
failed=0
for n in $BENCH_TUI_ROWS; do
    awk -v rows="$n" -v seed=1 -f "$top_srcdir/bench/gen-scale.awk" >"$tmp/synthetic.csv" || exit 1
    : >"$tmp/runs"
    r=0
    while [ $r -lt "$BENCH_TUI_REPS" ]; do
        measure "$tmp/synthetic.csv" "$n" >>"$tmp/runs" || failed=1
        r=$((r + 1))
    done
    # each column's least over the runs (other work on a shared machine
    # only ever adds), in the actions' order
    awk -F '\t' 'function low(i, v) { if (!((k, i) in m) || v + 0 < m[k, i] + 0) m[k, i] = v }
        { k = $1 FS $2; if (!(k in o)) { o[k] = ++nk; key[nk] = k } for (i = 3; i <= 6; i++) low(i, $i) }
        END { for (j = 1; j <= nk; j++) { k = key[j]; printf "%s", k
                  for (i = 3; i <= 6; i++) printf "\t%s", m[k, i]; printf "\n" } }' "$tmp/runs"
done
exit $failed
