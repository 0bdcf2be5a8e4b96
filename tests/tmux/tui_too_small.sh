#!/bin/sh
# The "Terminal too small" screen: only q acts there. `:` once opened a
# prompt nobody could see: the command typed blind still ran, and q went
# into the prompt instead of quitting. A prompt opened before the terminal
# shrank stays in sight, on the last row.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
check "tau is 0.98 to begin with" screen_has 'tau 0\.98'

# Typed blind at 30x8, :tau 0.5 does nothing. Nothing shows that its keys
# were read, and curses reads a resize before the keys still queued on the
# terminal: were the window grown back first, the keys would reach the panes
# at 80x24 and :tau would run. So the resize waits until the program has
# read the 9 bytes typed (rchar in /proc/PID/io, which counts what read(2)
# returned; nothing else is read while the program waits for keys).
pid=$(tui_pid)
bytes_read() { awk '$1 == "rchar:" { print $2 }' "/proc/$pid/io" 2>/dev/null; }
tm resize-window -t t -x 30 -y 8
tm_wait 'Terminal too small' 5 || { fail "30x8 notice"; tm_capture; }
tm_settle
before=$(bytes_read)
tm_keys :
tm send-keys -t t -l 'tau 0.5'
tm_keys Enter
if [ -n "$before" ]; then
    i=0
    while [ "$(bytes_read)" -lt $((before + 9)) ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
    check "the keys typed blind were read" test "$(bytes_read)" -ge $((before + 9))
else
    echo "note: /proc/$pid/io cannot be read: the keys are given a second instead"
    sleep 1
fi
tm resize-window -t t -x 80 -y 24
tm_wait 'Sampler' 5 || { fail "back to 80x24"; tm_capture; }
tm_settle; tm_capture > /dev/null
check ":tau typed while too small did not run" screen_has 'tau 0\.98'

# A prompt open when the terminal shrinks shows on the last row.
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm resize-window -t t -x 30 -y 8
tm_wait 'Esc closes the prompt' 5 && ok "the notice says how to close the prompt" || { fail "notice with the prompt"; tm_capture; }
tm send-keys -t t -l 'tau'
tm_wait '^:tau *$' 5 && ok "the prompt shows while too small" || { fail "prompt while too small"; tm_capture; }
tm_keys Escape
tm_wait 'q quits' 5 && ok "Esc closes it" || { fail "Esc while too small"; tm_capture; }

# : then q quits.
tm_keys : q
tm_wait 'EXIT=[0-9]' 10 && check "q quits while too small, after :" screen_has 'EXIT=0' || { fail "q while too small"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
