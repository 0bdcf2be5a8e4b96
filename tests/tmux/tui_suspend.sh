#!/bin/sh
# C-z and fg leave the terminal's palette alone. A user's palette theme
# (base16-shell and the like set colours 0-15 with OSC 4) was reset at
# every fg: coming back from endwin with colours on, ncurses sent
# orig_colors, on xterm-256color OSC 104, "reset every colour". capscope
# never redefines a colour, so it has nothing to reset. The screen comes
# back whole, and the session goes on (a key acts after fg).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
tm pipe-pane -t t -o "cat >> '$cs_tmp/tty'"
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
pid=$(tui_pid)
tm_keys C-z
tm_wait 'READY\$ *$' 5 || { fail "C-z"; tm_capture; }
check "C-z stops it" sh -c "grep -q '^State:.*T' /proc/$pid/status"
tm_type fg
tm_wait 'Sampler' 10 && ok "fg draws the panes again" || { fail "fg"; tm_capture; }
tm_idle
tm_keys q
# (The shell went on to the echo when C-z stopped the job: no EXIT= to wait for.)
i=0
while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "q after fg quits" sh -c "! kill -0 $pid 2>/dev/null"
osc104=$(LC_ALL=C grep -c "$(printf '\033')]104" "$cs_tmp/tty")
check "no palette reset (OSC 104) written, found $osc104" [ "$osc104" = 0 ]
check "the terminal type has one to send (the check can fail)" sh -c "infocmp -1 xterm-256color | grep -q 'oc='"
finish
