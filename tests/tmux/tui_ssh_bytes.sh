#!/bin/sh
# What the interface writes to the terminal, as an SSH link carries it
# (bench/bench_tty_bytes.sh measures every action; this holds the lines):
#  1. nothing while no key is pressed and no work runs;
#  2. a move of the plot's cursor rewrites the cells that change, not the
#     screen: fewer bytes than three rows of characters (the status line,
#     the cursor's old and new cells) at 4 bytes each (UTF-8's longest),
#     where a repaint writes the characters of all 24 rows;
#  3. no attribute change into a run of blanks that changes straight back
#     after it (sgr_gaps.awk): a blank shows the same in bold or in a
#     colour over the default background, and in a plot, whose dots have
#     spaces between them, those changes were most of a redraw's bytes;
#  4. the hidden cursor is not moved after the frame's last character: a
#     move that shows nothing, on every frame;
#  5. a frame goes out in one write(2) (two when it straddles the end of
#     curses's buffer), not one per cursor move: over SSH each write is a
#     packet with its overheads (syscw of /proc/PID/io counts the writes).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

COLS=80 ROWS=24
tm_open $COLS $ROWS
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm pipe-pane -t t -o "cat >> '$cs_tmp/tty'"
: >"$cs_tmp/tty"
written() { wc -c <"$cs_tmp/tty" | tr -d ' '; }

# written_settle: wait until nothing was written for half a second (at most
# 30 s) after the frame of a key; the frame is waited for first.
written_settle() {
    local last now i=0 still=0
    last=$(written)
    while [ "$i" -lt 600 ] && [ "$still" -lt 10 ]; do
        sleep 0.05
        now=$(written)
        if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0 last=$now; fi
        i=$((i + 1))
    done
}

# key_bytes KEY PATTERN: press KEY, wait for PATTERN on the screen and
# for the writing to stop; the bytes written are in $cs_tmp/frame.
key_bytes() {
    local from
    written_settle
    from=$(written)
    tm_keys "$1"
    tm_wait "$2" 10 || fail "the frame of $1 shows /$2/"
    tm_idle
    written_settle
    tail -c +$((from + 1)) "$cs_tmp/tty" >"$cs_tmp/frame"
    wc -c <"$cs_tmp/frame" | tr -d ' '
}
# moved_last: whether the frame's last cursor move comes after its last
# character (1) or not (0); an attribute change is neither.
moved_last() {
    LC_ALL=C awk -v RS="$(printf '\033')" '
        function text(t) { if (t ~ /[\r\n\b]/) moved = 1; else if (t != "") moved = 0 }
        NR == 1 { text($0); next }
        match($0, /^\[[0-9;?]*[@-~]/) {
            if (substr($0, RLENGTH, 1) ~ /[HfdGABCDEF]/) moved = 1
            text(substr($0, RLENGTH + 1)); next
        }
        match($0, /^[()][0-9A-Za-z]/) { text(substr($0, RLENGTH + 1)); next }
        { text(substr($0, 2)) }
        END { print moved + 0 }' "$cs_tmp/frame"
}
gaps() { LC_ALL=C awk -v RS="$(printf '\033')" -f "$top_srcdir/tests/tmux/sgr_gaps.awk" "$cs_tmp/frame"; }

# 1. Idle: the first fits are done (tm_launch), no key comes for 5 s.
written_settle
from=$(written)
sleep 5
idle=$(($(written) - from))
check "5 s without a key write nothing (wrote $idle bytes)" test "$idle" -eq 0

# 3. A task switch redraws the plot and the task list.
n=$(key_bytes j 'Plot +math')
wasted=$(gaps)
check "the task switch ($n bytes) changes no attributes into and out of blanks (did $wasted times)" \
    test "$wasted" -eq 0
n=$(key_bytes k 'Plot +reasoning')

# 2. The plot's cursor, focused.
key_bytes Tab 'Plot' >/dev/null
pid=$(tui_pid)
writes() { awk '$1 == "syscw:" { print $2 }' "/proc/$pid/io" 2>/dev/null; }
w0=$(writes)
n=$(key_bytes l 'FLOPs')
w1=$(writes)
if [ -n "$w0" ] && [ -n "$w1" ]; then
    check "a cursor move's frame ($n bytes) goes out in at most 2 writes (took $((w1 - w0)))" \
        test $((w1 - w0)) -le 2
else
    echo "note: /proc/$pid/io cannot be read: the writes of a frame are not counted"
fi
bound=$((3 * COLS * 4))
check "a cursor move writes $n bytes, fewer than $bound" test "$n" -lt "$bound"
check "the hidden cursor is not moved after the frame's last character" test "$(moved_last)" -eq 0

# 3 again on a zoom, which redraws the whole plot.
n=$(key_bytes + 'Plot')
wasted=$(gaps)
check "a zoom ($n bytes) changes no attributes into and out of blanks (did $wasted times)" \
    test "$wasted" -eq 0

tm_keys q
tm_wait 'EXIT=[0-9]' 10 && check "q quits" screen_has 'EXIT=0' || { fail "q did not quit"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
