#!/bin/sh
# Bracketed paste. Pasting "tau 0.5<newline>zzq" into the prompt once ran
# :tau 0.5 and sent zzq to the panes as keys, so q quit capscope. The
# terminal now brackets pastes (tmux's paste-buffer -p does only when the
# program asked for it): in the prompt the text goes in as text, a newline
# as a blank; at the panes it is ignored, and said. Every way out (q, a
# suspend, SIGTERM) turns the mode off again, else the shell would get the
# markers around what is pasted into it next.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
run="'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
paste() { printf "$1" | tm load-buffer -b p - && tm paste-buffer -p -d -b p -t t; }

tm_launch "$run"
# At the panes: nothing of the text acts as a key (no zoom, no quit).
paste 'tau 0.5\nzzq'
tm_wait 'paste ignored' 5 && ok "a paste at the panes is ignored, and said" || { fail "the paste at the panes"; tm_capture; }
check "the pasted q did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
check "the pasted :tau did not run" screen_has 'tau 0\.98'

# In the prompt: the text is the line, newline and tab as blanks, not run.
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
paste 'tau 0.5\nzz\tq'
tm_wait '^:tau 0\.5 zz q *$' 5 && ok "the pasted text is in the line, newlines as blanks" || { fail "the paste in the prompt"; tm_capture; }
check "the paste did not run the line" screen_has 'tau 0\.98'
check "nor quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
# The line is still edited and run by keys: the paste left readline whole.
tm_keys C-u
tm send-keys -t t -l 'tau 0.5'
tm_keys Enter
# Not the line itself (':tau 0.5' shows before Enter is read, and the q
# below would go into it): the tau the plot's title shows once it ran.
tm_wait '(^| )tau 0\.5( |$)' 10 && ok "a typed line still runs after a paste" || { fail "typing after a paste"; tm_capture; }

# q: the shell's paste is plain again. Were the mode left on, tmux would
# bracket it and the shell would read "ESC[200~echo" as the command.
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
# (No tm_shell here: its reset of the pane would turn the mode off itself.)
tm_wait 'READY\$ *$' 5
paste 'echo PASTE_$((6 * 7))\n'
tm_wait '^PASTE_42$' 5 && ok "after q the terminal is out of bracketed paste" || { fail "bracketed paste left on after q"; tm_capture; }

# A suspend turns it off for the shell, and the resume on again.
tm_launch "$run"
pid=$(tui_pid)
tm_keys C-z
tm_wait 'READY\$ *$' 5 || { fail "C-z"; tm_capture; }
paste 'echo STOPPED_$((6 * 7))\n'
tm_wait '^STOPPED_42$' 5 && ok "while suspended the terminal is out of bracketed paste" || { fail "bracketed paste left on at a suspend"; tm_capture; }
tm_type fg
tm_wait 'Sampler' 10 || { fail "fg"; tm_capture; }
tm_keys :
tm_wait '^: *$' 5
paste 'goto x\nq'
tm_wait '^:goto x q *$' 5 && ok "after the resume a paste is bracketed again" || { fail "the paste after a resume"; tm_capture; }
check "and did not quit" kill -0 "$pid"
tm_keys C-c
tm_keys q
tm_wait 'READY\$ *$' 10 || { fail "q after fg"; tm_capture; }

# SIGTERM: the handler's way out restores it too.
tm_launch "$run"
kill -TERM "$(tui_pid)"
tm_wait 'EXIT=143' 10 || { fail "SIGTERM"; tm_capture; }
tm_wait 'READY\$ *$' 5
paste 'echo TERM_$((6 * 7))\n'
tm_wait '^TERM_42$' 5 && ok "after SIGTERM the terminal is out of bracketed paste" || { fail "bracketed paste left on after SIGTERM"; tm_capture; }

# A paste that keeps coming (a terminal that lost the end marker, a long
# text typed in by a tool) is read a piece per turn of the loop, and the
# background work goes on meanwhile: the whole paste was once read before
# anything else, so the refits :tau started stood still until it ended,
# however long the bytes kept coming. Enter, : and the paste's start come
# in one write, so no turn of the loop runs between them; then an x every
# 0.2 s until the refits are seen done (the busy texts gone) or 70 x's
# (14 s, and a line that still fits the 80 columns) are sent, and they must
# be done while the x's still come. Then the end marker: the paste is the
# line, whole, every x sent.
tm_launch "$run"
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l 'tau 0.5'
tm send-keys -t t -H 0d 3a 1b 5b 32 30 30 7e
rm -f "$W/stop" "$W/sent"
( i=0; while [ $i -lt 70 ] && [ ! -e "$W/stop" ]; do
      tm send-keys -t t -l x; i=$((i + 1)); sleep 0.2
  done; echo $i > "$W/sent" ) &
feeder=$!
idle=0
while kill -0 "$feeder" 2>/dev/null; do
    tm capture-pane -t t -p > "$cs_tmp/screen"
    if screen_has '(^| )tau 0\.5( |$)' && ! screen_has "$TM_BUSY"; then
        # Seen while it was still coming: the feeder had not given up.
        kill -0 "$feeder" 2>/dev/null && idle=1
        break
    fi
    sleep 0.1
done
touch "$W/stop"
wait "$feeder"
check "the refits went on and ended while a paste kept coming" test "$idle" = 1
[ "$idle" = 1 ] || cat "$cs_tmp/screen"
sent=$(cat "$W/sent")
tm send-keys -t t -H 1b 5b 32 30 31 7e
tm_wait "^:x{$sent} *\$" 10 && ok "the paste read over many turns is the line, whole ($sent x's)" ||
    { fail "the long paste's text (sent $sent x's)"; tm_capture; }
tm_keys C-c
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q after the long paste"; tm_capture; }

# Markers cut by the link: over ssh the Esc of a marker may come in one
# packet and the rest in the next, later than curses' escape delay (25 ms),
# so curses does not see the marker. A start marker so cut was dropped as an
# unknown sequence and the text acted as keys (its newline ran the line);
# an end marker so cut went into the text, and the paste went on until a
# second without bytes. Both are read as markers within 100 ms a byte,
# once Esc [ has come (a start marker cut right after its Esc is still
# read as an Esc key: every Esc pressed would wait for it otherwise).
tm_launch "$run"
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
# pipe-pane -I writes the command's output to the pane's input as it comes:
# the 50 ms gaps are the shell's, not those of a tmux client per byte.
tm pipe-pane -I -t t "printf '\\033['; sleep 0.05; printf '200~tau 0.5\\rzzq\\033'; sleep 0.05; printf '[201~ab'"
tm_wait '^:tau 0\.5 zzqab *$' 5 &&
    ok "a paste whose markers the link cut is the line, the keys after it typed" ||
    { fail "a paste with cut markers"; tm_capture; }
check "the paste with cut markers did not run the line" screen_has 'tau 0\.98'
check "nor quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
tm_keys C-c

# A character the link cut in two (é's first byte in one packet, the rest
# 100 ms later): in this UTF-8 locale get_wch dropped it and the rest of
# that read, and the line was ':goto abc' with the paste's end lost.
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens again"
tm pipe-pane -I -t t "printf '\\033[200~goto abc\\303'; sleep 0.1; printf '\\251def\\033[201~'"
tm_wait '^:goto abcédef *$' 5 && ok "a paste with a character cut in two is whole" ||
    { fail "a paste with a character cut in two"; tm_capture; }
tm_keys C-c
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q after the cut markers"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
