#!/bin/sh
# A start on a data file comes back to its session (task, marked tasks,
# view, split) even when other data files were opened since: an evaluation
# lead who looks at a colleague's file for a minute came back to the first
# task with no task marked, the sampler serving another benchmark than the
# ones being scored. Only the last session was kept, and a :load of
# another file kept none of the file it left.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"
cp "$DEMO" "$W/theirs.csv"
run() { tm_launch "'$CAPSCOPE' --data $1 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""; }
quit() {
    tm_keys q
    tm_wait 'EXIT=[0-9]' 10 && check "q quits ($1)" screen_has 'EXIT=0' || { fail "q ($1)"; tm_capture; }
}

# mine.csv: coding and knowledge marked, knowledge shown.
run mine.csv
tm_command "task coding"
tm_keys Space
tm_command "task knowledge"
tm_keys Space
tm_command "task knowledge"
tm_wait 'model for 2 marked tasks' 5 || { fail "knowledge shown, two tasks marked"; tm_capture; }
quit mine.csv

# theirs.csv: a look at another task, and out.
run theirs.csv
tm_command "task science"
tm_wait 'Plot  science ' 5 || { fail "science shown in theirs.csv"; tm_capture; }
quit theirs.csv

run mine.csv
tm_settle
check "mine.csv shows its task again" screen_has 'Plot  knowledge '
check "with its two tasks marked" screen_has 'model for 2 marked tasks'
quit "mine.csv again"
run theirs.csv
tm_settle
check "theirs.csv shows its own task" screen_has 'Plot  science '
check "and no task marked" sh -c "! grep -q 'marked' '$cs_tmp/screen'"
quit "theirs.csv again"

# --resume still opens the last session's file.
tm_launch "'$CAPSCOPE' --resume 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_settle
check "--resume opens the last file at its task" screen_has 'Plot  science '
quit "--resume"
# A :load of another file keeps the session of the file it leaves: mine.csv
# at instruct, then theirs.csv loaded over it and quit there.
run mine.csv
tm_command "task instruct"
tm_wait 'Plot  instruct ' 5 || { fail "instruct shown in mine.csv"; tm_capture; }
tm_command "load theirs.csv"
tm_wait 'loaded theirs.csv' 10 || { fail ":load theirs.csv"; tm_capture; }
quit "theirs.csv after :load"
run mine.csv
tm_settle
check "mine.csv comes back at the task it had when another file was loaded" screen_has 'Plot  instruct '
quit "mine.csv after the :load"
# Data read from a stream (a FIFO here; a shell's <(...) is /dev/fd/63) is
# read once: no file to open again. Its session is no data file's, and is
# not saved over the last one's, as a look at the demo data is not:
# --resume opened the FIFO's name, which no writer fed, and showed the
# demo data with "cannot open".
mkfifo "$W/feed"
(cat "$DEMO" > "$W/feed" &)
run feed
tm_wait 'Plot  reasoning ' 10 || { fail "the FIFO's data shown"; tm_capture; }
tm_command "task coding"
tm_wait 'Plot  coding ' 5 || { fail "coding shown on the FIFO's data"; tm_capture; }
quit "the FIFO"
check "the state names mine.csv still, not the FIFO" grep -q "^data=.*/mine\.csv\$" "$cs_tmp/state/capscope/state"
check "no session saved as the FIFO's own" sh -c "! grep -qs '^data=.*/feed\$' '$cs_tmp/state/capscope/sessions/'*"
tm_launch "'$CAPSCOPE' --resume 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_settle
check "--resume opens mine.csv at its task" screen_has 'Plot  instruct '
quit "--resume after the FIFO"
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
