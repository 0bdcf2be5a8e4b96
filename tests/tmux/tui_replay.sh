#!/bin/sh
# --replay key scripts, the : prompt (readline) with completion and history,
# :export (atomic, never overwriting an unnamed file), the session restored
# at the next start, signals, and the refusal of a dumb terminal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30

cat > "$cs_tmp/keys" <<KEYS
# select a task through the prompt, move the cursor, export three ways
:task math
<Wait>
<Tab>
<Right>
:export $W/fits.csv
:export $W/plot.txt
:export $W/plot.svg
:export
:export
<Resize 60x20>
<Sleep 50>
/Fennel
n
:set charset ascii
:quit
KEYS
tm_run_ok "the replay (ending with :quit)" "'$CAPSCOPE' --replay '$cs_tmp/keys'"

# The fit table: one row per demo task, n = the non-empty cells of its column.
if [ -r "$W/fits.csv" ]; then
    ok "fits.csv written"
    check "fits.csv header" sh -c "head -n 1 '$W/fits.csv' | grep -q '^task,n,tau,kappa,lambda_b,y0,L,z_star,b,objective,coverage'"
    check "fits.csv has 6 task rows" test "$(wc -l < "$W/fits.csv")" -eq 7
    n_math=$(awk -F, 'NR > 1 && $7 != "" { n++ } END { print n }' "$DEMO")
    check "fits.csv: math has $n_math rows" grep -q "^math,$n_math,0.98," "$W/fits.csv"
else
    fail "fits.csv was not written"
fi
check "plot.txt names the task" sh -c "head -n 1 '$W/plot.txt' | grep -q '^math  tau 0.98'"
check "plot.svg is an SVG document" sh -c "head -n 1 '$W/plot.svg' | grep -q '^<?xml' && grep -q '<polyline' '$W/plot.svg' && tail -n 1 '$W/plot.svg' | grep -q '</svg>'"
# Without a name: a fresh file each time, never an overwrite.
check ":export without a name writes capscope-math.txt" test -s "$W/capscope-math.txt"
check "a second one goes to capscope-math-2.txt" test -s "$W/capscope-math-2.txt"
check "no temporary files left" sh -c "! ls '$W' | grep -q '\\.tmp\\.'"
check "history keeps the commands" grep -q '^task math$' "$cs_tmp/state/capscope/history"
check "state file records the task" grep -q '^task=math$' "$cs_tmp/state/capscope/state"

# Interactive prompt: Tab completes the command and the task name.
tm_shell "'$CAPSCOPE'; echo \"EXIT=\$?\""
tm_wait 'Tasks' 10 || fail "second start"
check "the session is restored (task math)" tm_wait 'Plot +math +tau' 5
tm_keys ':' 't' 'a' 's' 'k' '-' 'u' Tab
tm_wait ':task-up' 5 && ok "Tab completes a command name" || { fail "command completion"; tm_capture; }
tm_keys C-u 't' 'a' 's' 'k' ' ' 'c' 'o' 'd' Tab
tm_wait ':task coding' 5 && ok "Tab completes a task name" || { fail "task completion"; tm_capture; }
tm_keys Enter
tm_wait 'Plot +coding +tau' 5 && ok ":task coding selects it" || { fail ":task coding"; tm_capture; }
# Model names complete too (the common prefix of the matches).
tm_keys ':' 'g' 'o' 't' 'o' ' ' 'd' 'e' 'm' 'o' '-' 'n' 'o' 'r' 't' 'h' '/' 'F' 'e' 'n' 'n' 'e' 'l' '-' '2' Tab
tm_wait ':goto demo-north/Fennel-2-0\.5B' 5 && ok "Tab completes a model name" || { fail "model completion"; tm_capture; }
# The prompt is seen closed before the next key: a key within the escape
# delay after Esc is Alt+key, in capscope as in any terminal program.
tm_keys Escape
tm_wait '^q Quit' 5
# Up recalls the history of earlier sessions.
tm_keys ':' Up
tm_wait ':task coding' 5 && ok "Up recalls the last command" || fail "history recall"
tm_keys Escape
tm_wait '^q Quit' 5
tm_keys ':' 'b' 'o' 'g' 'u' 's' Enter
tm_wait "unknown command 'bogus'" 5 && ok "an unknown command is reported" || fail "unknown command message"

# Suspend and resume (SIGTSTP, then fg), then SIGTERM: the terminal comes back.
shell_pid=$(tm list-panes -t t -F '#{pane_pid}')
tui_pid=$(ps -o pid= --ppid "$shell_pid" | tr -d ' ' | head -n 1)
if [ -n "$tui_pid" ]; then
    kill -TSTP "$tui_pid"
    if tm_wait 'READY\$ *$' 5; then
        ok "SIGTSTP suspends to the shell"
        tm_type "fg"
        tm_wait 'Sampler' 5 && ok "fg brings the interface back" || { fail "resume after fg"; tm_capture; }
    else
        fail "SIGTSTP"; tm_capture
    fi
    kill -TERM "$tui_pid"
    # After fg the job's status is the shell's $? (the rest of the first line ran at the stop).
    tm_wait 'READY\$ *$' 5
    tm_type 'echo "TERMEXIT=$?"'
    tm_wait 'TERMEXIT=[0-9]' 60
    check "SIGTERM ends with status 143" screen_has 'TERMEXIT=143'
    check "no curses residue after SIGTERM" sh -c "! grep -q 'Sampler' '$cs_tmp/screen'"
else
    fail "could not find the TUI's process"
fi

# C-c (SIGINT) ends it too, with the terminal restored.
# stty.after is written before EXIT= shows: the wait for EXIT= is one for it too.
tm_shell "stty -g > stty.before; '$CAPSCOPE'; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\""
tm_wait 'Sampler' 10
tm_keys C-c
tm_wait 'EXIT=[0-9]' 60
check "C-c ends with status 130" screen_has 'EXIT=130'
check "C-c restores the terminal modes" cmp -s "$W/stty.before" "$W/stty.after"
check "no curses residue after C-c" sh -c "! grep -q 'Sampler' '$cs_tmp/screen'"

# :score on a data file goes to its journal, and the next start replays it.
cp "$DEMO" "$W/mine.csv"
unscored=$(awk -F, 'NR > 1 && $6 == "" { print $1; exit }' "$W/mine.csv")
printf ':score %s reasoning 0.5\n:quit\n' "$unscored" > "$cs_tmp/score.keys"
printf ':goto %s\n<Sleep 3000>\n:quit\n' "$unscored" > "$cs_tmp/goto.keys"
tm_shell "'$CAPSCOPE' --data mine.csv --replay '$cs_tmp/score.keys'; echo \"EXIT=\$?\""
tm_wait 'EXIT=[0-9]' 60
check ":score exits cleanly" screen_has 'EXIT=0'
check "the journal holds the score" grep -q "^score	$unscored	reasoning	0.5	" "$W/mine.csv.journal"
check "the data file itself is untouched" cmp -s "$DEMO" "$W/mine.csv"
tm_shell "'$CAPSCOPE' --data mine.csv --replay '$cs_tmp/goto.keys'; echo \"EXIT=\$?\""
tm_wait "$unscored +reasoning 0\.5000" 10 && ok "the journal is replayed at the next start" || { fail "journal replay"; tm_capture; }
tm_wait 'EXIT=[0-9]' 60

# Colours follow the terminal: 256 colours use the palette, an 8-colour
# terminal the basic eight, and NO_COLOR none at all (attributes remain).
# Quit by q once the screen is captured: a replayed quit after a fixed
# sleep could come before the capture on a loaded machine.
look() { # look ENV-ASSIGNMENTS: start, capture with escapes into $cs_tmp/esc
    tm_launch "env $1 '$CAPSCOPE'; echo \"EXIT=\$?\"" "$1: the TUI did not start"
    tm capture-pane -t t -p -e > "$cs_tmp/esc"
    tm_keys q
    tm_wait 'EXIT=[0-9]' 60 || { fail "$1: q"; tm_capture; }
}
look "TERM=xterm-256color"
check "256 colours: palette colours are used" grep -q '38;5;' "$cs_tmp/esc"
look "TERM=xterm"
check "8 colours: no palette colours" sh -c "! grep -q '38;5;' '$cs_tmp/esc'"
check "8 colours: basic colours are used" grep -Eq '\[(1;)?3[1-7](;1)?m' "$cs_tmp/esc"
look "TERM=xterm-256color NO_COLOR=1"
check "NO_COLOR: no foreground colours" sh -c "! grep -Eq '\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+)(;[0-9;]*)?m' '$cs_tmp/esc'"
check "NO_COLOR: reverse video marks the titles" grep -Eq '\[([0-9;]*;)?7(;[0-9;]*)?m' "$cs_tmp/esc"

# A terminal that cannot move the cursor: a clear message and status 2.
tm_shell "TERM=dumb '$CAPSCOPE'; echo \"EXIT=\$?\""
tm_wait 'EXIT=[0-9]' 60
check "TERM=dumb exits 2" screen_has 'EXIT=2'
check "TERM=dumb suggests the batch subcommands" screen_has 'batch subcommands'
tm_stop
expect_status 2 "no terminal on stdin: exit 2" "$CAPSCOPE" --data "$DEMO" </dev/null
check "and says so" grep -q 'needs a terminal' "$cs_tmp/err"
expect_status 2 "a bad replay script is an input error" "$CAPSCOPE" --replay /nonexistent/keys
expect_status 2 "an unknown charset is a usage error" "$CAPSCOPE" --charset fancy
finish
