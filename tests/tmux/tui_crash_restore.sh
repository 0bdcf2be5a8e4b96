#!/bin/sh
# A crash, or a kill -QUIT, gives the shell its terminal back as the
# quitting signals do: the alternate screen left, the mouse's reports off,
# the shell's modes (echo, C-c) restored. Left to their default actions,
# SIGSEGV, SIGABRT and SIGQUIT ended capscope with the terminal in curses
# mode: the shell drew on the alternate screen, without echo. The signal
# still ends it as before (a core dump; a sanitizer's report).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"
flag() { tm list-panes -t t -F "#{$1}"; }

for sig in QUIT SEGV ABRT; do
    for term in xterm-256color vt100; do
        infocmp "$term" >/dev/null 2>&1 || { echo "terminfo has no $term: not tried"; continue; }
        # stty.after is written before EXIT= shows: the wait for EXIT= is one for it too.
        tm_launch "stty -g > stty.before; TERM=$term '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\"" \
            "SIG$sig, TERM=$term: the TUI did not start"
        kill -"$sig" "$(tui_pid)"
        tm_wait 'EXIT=[0-9]+' 10 || { fail "SIG$sig, TERM=$term: capscope did not end, or its screen stayed"; tm_capture; continue; }
        tm_wait 'READY\$ *$' 5
        tm_settle
        status=$(sed -n 's/^EXIT=\([0-9]*\).*/\1/p' "$cs_tmp/screen" | tail -n 1)
        # (128 + the signal; 1 under ASan, whose report of a SIGSEGV ends it)
        check "SIG$sig, TERM=$term: ends in failure (status $status)" test "${status:-0}" -ne 0
        check "SIG$sig, TERM=$term: the shell's modes are restored" cmp -s "$W/stty.before" "$W/stty.after"
        check "SIG$sig, TERM=$term: the alternate screen is left" test "$(flag alternate_on)" = 0
        check "SIG$sig, TERM=$term: the mouse's reports are off" test "$(flag mouse_any_flag)" = 0
        check "SIG$sig, TERM=$term: the cursor shows" test "$(flag cursor_flag)" = 1
        check "SIG$sig, TERM=$term: nothing of the TUI is left on the screen" \
            sh -c "! grep -Eq 'Quit|Sampler|Tasks' '$cs_tmp/screen'"
    done
done
finish
