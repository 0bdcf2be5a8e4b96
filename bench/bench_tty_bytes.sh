#!/bin/sh
# bench_tty_bytes.sh - bytes the TUI writes to the terminal per user action.
#
# Over SSH on a slow or distant link what costs is the bytes written, not
# the CPU: a keystroke that repaints the whole screen where one line
# changed, or a status line redrawn while nothing happens, is felt there.
# This runs the real binary in a private tmux server, records everything it
# writes (tmux pipe-pane), sends one action at a time, waits until the
# screen is idle (no background work shown, nothing written for a while),
# and prints the bytes each action produced, and the write(2) calls it
# took (syscw of /proc/PID/io: over SSH each write can be a packet, with
# some 80-100 bytes of SSH and TCP/IP overheads).
#
# Sizes (BENCH_TTY_SIZES, default "80x24 300x80"), locales
# (BENCH_TTY_LOCALES, default "C.UTF-8 C"), data: the built-in demo and a
# synthetic set of BENCH_TTY_ROWS rows (default 100000; bench/gen-scale.awk,
# fixed seed; 0 for the demo only). "idle 10s" is what 10 s without a key
# wrote: it should be 0. A row of several keys (j k j k) is the mean per
# key.
#
# Environment: CAPSCOPE (the binary), top_srcdir, TMUX_BIN.
set -u
: "${CAPSCOPE:=./src/capscope}"
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${BENCH_TTY_SIZES:=80x24 300x80}"
: "${BENCH_TTY_LOCALES:=C.UTF-8 C}"
: "${BENCH_TTY_ROWS:=100000}"
: "${TMUX_BIN:=$(command -v tmux 2>/dev/null)}"
if [ -z "$TMUX_BIN" ]; then
    echo "bench_tty_bytes: not measured (tmux is not installed)"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/capscope-ttyb.XXXXXX") || exit 1
sock="capscope-ttyb-$$"
tm() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

# What the screen shows while work runs behind it (as tests/tmux/tmux_lib.sh).
BUSY='fitting [0-9]+/[0-9]+|fitting task [0-9]+ of|fitting\.\.\.|waiting for the fits|loading .+\.\.\. \(Esc cancels\)|tau [0-9.e-]+ +[0-9]+/[0-9]+'

size() { wc -c <"$tmp/out" | tr -d ' '; }
# The write(2) calls capscope made so far (over SSH each is a packet of
# its own at worst); empty when /proc/PID/io cannot be read.
writes() { awk '$1 == "syscw:" { print $2 }' "/proc/$pid/io" 2>/dev/null; }
# row LABEL BYTES WRITES_BEFORE [KEYS]: one line of the table, the writes
# since WRITES_BEFORE per key
row() {
    w=$(writes)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$data" "$geom" "$loc" "$1" "$2" \
        "$([ -n "$3" ] && [ -n "$w" ] && echo $(((w - $3) / ${4:-1})) || echo n/a)"
}

# settle: wait until nothing was written for 0.6 s and the screen shows no
# background work (at most 120 s).
settle() {
    end=$(($(date +%s) + 120))
    last=$(size) still=0
    while [ "$(date +%s)" -lt "$end" ]; do
        sleep 0.1
        now=$(size)
        if [ "$now" = "$last" ]; then
            still=$((still + 1))
            if [ "$still" -ge 6 ] && ! tm capture-pane -t b -p | grep -Eq -- "$BUSY"; then
                return 0
            fi
        else
            still=0 last=$now
        fi
    done
    echo "note: the screen did not settle" >&2
    return 1
}

# dump LABEL FROM TO: with BENCH_TTY_DUMP=DIR, the bytes FROM..TO of the
# recording go to DIR/DATA-SIZE-LOCALE-LABEL, for a look at what was written.
dump() {
    [ -n "${BENCH_TTY_DUMP:-}" ] || return 0
    mkdir -p "$BENCH_TTY_DUMP"
    tail -c +$(($2 + 1)) "$tmp/out" | head -c $(($3 - $2)) \
        >"$BENCH_TTY_DUMP/$data-$geom-$loc-$(printf '%s' "$1" | tr -c 'A-Za-z0-9' _)"
}

# act LABEL KEY...: send each KEY (a tmux key name, or -l TEXT) and settle
# after each; print the mean bytes per key.
act() {
    label=$1
    shift
    before=$(size) n=0 w0=$(writes)
    while [ $# -gt 0 ]; do
        if [ "$1" = -l ]; then tm send-keys -t b -l "$2"; shift; else tm send-keys -t b "$1"; fi
        shift
        n=$((n + 1))
        # a key's frame can take a moment to come: give it one before settling
        sleep 0.2
        settle
    done
    after=$(size)
    dump "$label" "$before" "$after"
    row "$label" $(((after - before) / n)) "$w0" "$n"
}

# session DATA_FILE COLS ROWS LOCALE: the actions on one run of the TUI.
session() {
    file=$1 cols=$2 rows=$3 loc=$4
    # a home of its own: the last run's capscope may still be saving its session
    runs=$((runs + 1))
    home="$tmp/home$runs"
    mkdir -p "$home"
    : >"$tmp/out"
    dataopt=
    [ -n "$file" ] && dataopt="--data '$file'"
    # The shell waits for a line, so that the recording starts before capscope does.
    # A server that the last run's kill-server is still taking down can
    # refuse the new session ("server exited unexpectedly"): tried again.
    tries=0
    until tm new-session -d -s b -x "$cols" -y "$rows" \
        "env -i PATH='$PATH' HOME='$home' XDG_CONFIG_HOME='$home/c' XDG_STATE_HOME='$home/s' \
         TERM=xterm-256color LC_ALL=$loc sh -c 'read go; exec \"$CAPSCOPE\" $dataopt'" 2>/dev/null; do
        tries=$((tries + 1))
        [ "$tries" -lt 5 ] || { echo "$data $geom $loc: tmux did not start a session" >&2; return 1; }
        sleep 1
    done
    tm set-option -t b status off >/dev/null
    tm pipe-pane -t b -o "cat >>'$tmp/out'"
    pid=$(tm display-message -p -t b '#{pane_pid}')
    tm send-keys -t b Enter
    sleep 0.5
    settle
    row "start, fits" "$(size)" 0
    before=$(size) w0=$(writes)
    sleep 10
    row "idle 10s" $(($(size) - before)) "$w0"
    act "task j/k" j k j k
    act "focus Tab" Tab
    act "cursor h/l" l l h h
    act "zoom +/-" + -
    act "split s" s
    act "cut [/]" ']' ']' '[' '['
    act "split s off" s
    act "help ? open" '?'
    act "help ? close" '?'
    act "prompt : open" :
    act "prompt typing" -l t -l a -l u
    act "prompt Esc" Escape
    act "focus to sampler" Tab Tab
    act "sampler j/k" j k j k
    act "redraw C-l" C-l
    before=$(size) w0=$(writes)
    tm resize-window -t b -x "$cols" -y $((rows - 1))
    sleep 0.2
    settle
    row "resize -1 row" $(($(size) - before)) "$w0"
    tm kill-server 2>/dev/null
}

runs=0
files="demo:"
if [ "$BENCH_TTY_ROWS" -gt 0 ] 2>/dev/null; then
    awk -v rows="$BENCH_TTY_ROWS" -v seed=1 -f "$top_srcdir/bench/gen-scale.awk" >"$tmp/synthetic.csv" || exit 1
    files="$files synthetic-$BENCH_TTY_ROWS:$tmp/synthetic.csv"
fi

echo "== bench_tty_bytes: bytes written to the terminal per action"
printf 'data\tsize\tlocale\taction\tbytes\twrites\n'
for f in $files; do
    data=${f%%:*}
    for geom in $BENCH_TTY_SIZES; do
        for loc in $BENCH_TTY_LOCALES; do
            session "${f#*:}" "${geom%x*}" "${geom#*x}" "$loc"
        done
    done
done
