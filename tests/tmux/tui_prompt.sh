#!/bin/sh
# The `:` prompt's keys in a real terminal. Alt+key edits the line as
# readline does and never reaches the panes (a terminal sends it as Esc then
# the key, which once closed the prompt and ran the key); a lone Esc still
# cancels; C-c cancels the prompt instead of ending capscope. Outside the
# prompt C-c, like kill -INT, still ends capscope with status 130 and the
# terminal's modes restored.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
model=$(awk -F, 'NR == 2 { print $1 }' "$DEMO")
# stty.after is written before EXIT= shows: the wait for EXIT= is one for it too.
run="stty -g > stty.before; '$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\""
tm_launch "$run"

# A score to take back: M-u once ran u (undo) behind the closed prompt.
tm_keys :
tm send-keys -t t -l "score $model reasoning 0.5"
tm_keys Enter
tm_wait 'saved in the journal' 5 || { fail "the score"; tm_capture; }

# M-u (upcase-word: nothing after the cursor), M-q (unbound), M-b (a word
# back), M-d (kill the word): the line reads "goto " and X goes after it.
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
# The status line names the prompt's keys, not the focused pane's (its j/k
# would only be typed into the line).
tm_wait 'Esc cancels' 5 && ok "the status line in the prompt says Esc cancels" \
    || { fail "the prompt's status line names no way out"; tm_capture; }
check "the status line in the prompt names no pane keys" sh -c "! grep -q 'j/k choose a task' '$cs_tmp/screen'"
tm send-keys -t t -l 'goto Kobo'
tm_keys M-u M-q M-b M-d
tm send-keys -t t -l X
tm_wait '^:goto X *$' 5 && ok "Alt+key edits the line as readline does" || { fail "Alt+key in the prompt"; tm_capture; }
check "M-u did not undo the score" sh -c "! grep -q '^undo' '$W/mine.csv.journal'"
check "M-b did not toggle the band" sh -c "! grep -q 'band ' '$cs_tmp/screen'"
check "M-q did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"

# C-c cancels the prompt; the line is not run.
tm_keys C-c
tm_wait '^q Quit' 5 && ok "C-c closes the prompt" || { fail "C-c in the prompt"; tm_capture; }
check "C-c in the prompt did not end capscope" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
check "the cancelled line did not run" sh -c "! grep -q 'no model' '$cs_tmp/screen'"

# A lone Esc still cancels, told from Alt by the escape delay.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'tau 0.5'
tm_keys Escape
tm_wait '^q Quit' 5 && ok "Esc closes the prompt" || { fail "Esc in the prompt"; tm_capture; }
check "the cancelled :tau did not run" screen_has 'tau 0\.98'

# A pasted line longer than the screen's copy of it (3000 bytes): the end
# of the line and the cursor after it show, as readline would show them,
# and stay in step with editing (Backspace takes the Z off the screen).
cursor_x() { tm list-panes -t t -F '#{cursor_x}'; }
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "goto $(head -c 3000 /dev/zero | tr '\0' a)XYZ"
tm_wait '^:a+XYZ *$' 10 && ok "a 3000-byte line shows its end" || { fail "the end of a long pasted line"; tm_capture; }
check "and the cursor right after it (column 79 of 80)" test "$(cursor_x)" = 79
tm_keys BSpace
tm_wait '^:a+XY *$' 5 && ok "Backspace at the end of a long line shows" || { fail "Backspace in a long line"; tm_capture; }
tm_keys C-a
tm_wait '^:goto a+ *$' 5 && ok "C-a goes back to its start" || { fail "C-a in a long line"; tm_capture; }
check "with the cursor after the colon" test "$(cursor_x)" = 1
tm_keys C-c
tm_wait '^q Quit' 5 || { fail "C-c after the long line"; tm_capture; }

# C-\ is the terminal's quit key: SIGQUIT once ended capscope with a core
# dump and left the terminal in curses mode. It is an ordinary key, bound
# to nothing, in the panes and in the prompt (tui_faults.sh: after a suspend).
pid=$(tui_pid)
tm_keys 'C-\'
tm_keys :
tm send-keys -t t -l 'goto'
tm_keys 'C-\'
# An X typed after it shows only once C-\ was read: ':goto' alone shows
# before that, and would pass whatever C-\ then did.
tm send-keys -t t -l 'X'
tm_wait '^:goto.*X' 5 || { fail 'X after C-\ in the prompt'; tm_capture; }
check "C-\ neither ends capscope nor reaches the line" screen_has '^:gotoX *$'
check "C-\: still running" kill -0 "$pid"
tm_keys C-c
tm_wait '^q Quit' 5 || { fail 'C-c after C-\'; tm_capture; }

# C-s is not the terminal's flow control (XOFF), which froze the screen
# until a C-q: what comes after it still shows.
tm_keys C-s
tm_keys :
tm_wait '^: *$' 5 && ok "C-s does not freeze the screen" || { fail "the screen after C-s"; tm_capture; tm_keys C-q; }
tm_keys C-c
tm_wait '^q Quit' 5 || { fail "C-c after C-s"; tm_capture; }

# Outside the prompt C-c ends capscope as SIGINT always has.
tm_keys C-c
tm_wait 'EXIT=[0-9]' 10 || { fail "C-c outside the prompt"; tm_capture; }
check "C-c outside the prompt exits with 130" screen_has 'EXIT=130'
check "C-c: terminal modes restored" cmp -s "$W/stty.before" "$W/stty.after"

# kill -INT: the signal handler still restores the terminal.
tm_shell "$run"
tm_wait 'Sampler' 10 || { fail "the TUI did not start again"; tm_capture; finish; }
tm_keys :
tm_wait '^: *$' 5
kill -INT "$(tui_pid)"
tm_wait 'EXIT=[0-9]' 10 || { fail "kill -INT"; tm_capture; }
check "kill -INT with the prompt open exits with 130" screen_has 'EXIT=130'
check "kill -INT: terminal modes restored" cmp -s "$W/stty.before" "$W/stty.after"

# Names with blanks (most of artificial_analysis.csv's): Tab completes one
# quoted, so the task after it still completes and :score reads it back.
awk 'BEGIN {
    print "model,flops,params_b,acc"
    for (i = 0; i < 12; i++)
        printf "Phi-3 Mini Instruct %d.8B,%.4e,%d,%.3f\n", i, 10 ^ (21 + 0.2 * i), 1 + i, 0.3 + 0.02 * i
    print "Zeta Model,1e23,3,"
}' >"$W/blanks.csv"
tm_launch "'$CAPSCOPE' --data blanks.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the TUI did not start on blanks.csv"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'score Ze'
tm_keys Tab
tm_wait "^:score 'Zeta Model' *\$" 5 && ok "Tab quotes a name with a blank" || { fail "completion of a name with a blank"; tm_capture; }
tm send-keys -t t -l 'ac'
tm_keys Tab
tm_wait "^:score 'Zeta Model' acc *\$" 5 && ok "the task after a quoted name completes" || { fail "task completion after a quoted name"; tm_capture; }
tm send-keys -t t -l '0.5'
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score reads the completed name back" || { fail ":score after completion"; tm_capture; }
check "the journal names the model whole" grep -q "$(printf 'score\tZeta Model\tacc\t0.5')" "$W/blanks.csv.journal"
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
