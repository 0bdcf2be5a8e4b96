#!/bin/sh
# :load reads the file off the input loop, as htop and ncdu do long work:
# the status line says it is loading and how far it is (bytes, rows), the
# screen still answers keys and redraws, Esc cancels it and the data shown
# stays. It once read and parsed the file in the input loop: a million rows
# froze the screen with the prompt on it and no key was read until then.
#
# The file being read is a FIFO whose writer waits for the test: the load
# lasts exactly as long as the checks need, whatever the machine's speed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
tm_launch "cd '$W' && '$CAPSCOPE' --data '$DEMO' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

rows() { # rows N FIRST_TASK: a header and N rows of two tasks
    awk -v n="$1" -v t="$2" 'BEGIN {
        srand(11); print "model,flops," t ",other"
        for (i = 0; i < n; i++) printf "m%d,%.6g,%.4f,%.4f\n", i, 10 ^ (20 + 6 * rand()), rand(), rand()
    }'
}
mkfifo "$W/slow.csv" || { fail "mkfifo"; finish; }
# Opening blocks until capscope opens the FIFO; the rows follow $W/go.
( exec > "$W/slow.csv"; while [ ! -e "$W/go" ]; do sleep 0.05; done; rows 20000 slowtask ) &
writer=$!

tm_command 'load slow.csv'
tm_wait 'loading slow\.csv\.\.\. \(Esc cancels\)' 10 &&
    ok "the status line says the file is loading" || { fail "no loading status"; tm_capture; }
# The data shown stays meanwhile: the demo's tasks.
check "the old data is shown while loading" screen_has 'reasoning'
tm_keys '?'
tm_wait 'capscope help' 10 && screen_has 'loading slow\.csv' &&
    ok "the help opens while loading" || { fail "the help did not open while loading"; tm_capture; }
tm_grow 110 32 && screen_has 'loading slow\.csv' &&
    ok "a resize redraws while loading" || { fail "no redraw at the new size while loading"; tm_capture; }
tm_keys Escape
tm_wait 'Sampler' 5 && ! screen_has 'capscope help' && screen_has 'loading slow\.csv\.\.\.' &&
    ok "Esc closes the help first, the load goes on" || { fail "Esc with the help open"; tm_capture; }
# A message (here an error) does not hide the load, which the next Esc
# cancels: it once took the whole status line.
tm_command 'tau 7'
tm_wait 'loading slow\.csv\.\.\. \(Esc cancels\) .*tau' 10 &&
    ok "a message shows with the load's status, not instead of it" ||
    { fail "a message hid the load's status"; tm_capture; }
tm_keys Escape
# The load is stopped once it has the file: the writer ends now.
touch "$W/go"
wait_bounded "$writer" 30; [ $? -ne 124 ] || fail "the writer of slow.csv did not end: its load still holds the FIFO"
tm_wait 'loading slow\.csv cancelled; .*demo\.csv still loaded' 20 &&
    ok "Esc cancels the load" || { fail "Esc did not cancel the load"; tm_capture; }
tm_settle
check "the old data is still loaded after the cancel" screen_has 'reasoning'
screen_has 'slowtask' && fail "the cancelled file's task is shown"

# A FIFO nothing ever writes: the load waits in open() for a writer, and
# Esc does not wait with it (it once joined the thread there: the screen
# froze for good, and q could not quit). The load left waiting stays so,
# and must not keep q from quitting either (below).
mkfifo "$W/never.csv" || fail "mkfifo never.csv"
tm_command 'load never.csv'
tm_wait 'loading never\.csv\.\.\.' 10 || { fail "no loading status for never.csv"; tm_capture; }
tm_keys Escape
tm_wait 'loading never\.csv cancelled; .*demo\.csv still loaded' 10 &&
    ok "Esc cancels a load stuck opening its file" || { fail "Esc froze on a load stuck in open()"; tm_capture; }
tm_keys '?'
tm_wait 'capscope help' 10 && ok "keys are read after that cancel" || { fail "no key read after the cancel"; tm_capture; }
tm_keys Escape
tm_wait 'Sampler' 10 || { fail "the help did not close"; tm_capture; }

# A file that comes slowly (a pipe, a slow mount) shows the bytes read as
# they come, before any row is parsed: a file is parsed once read whole,
# and the count stayed at 0 rows until then. The writer sends 20,000 rows
# (about 600 kB) and waits.
mkfifo "$W/trickle.csv" || fail "mkfifo trickle.csv"
( exec > "$W/trickle.csv"; rows 20000 trickletask; while [ ! -e "$W/go2" ]; do sleep 0.05; done ) &
writer=$!
tm_command 'load trickle.csv'
tm_wait 'loading trickle\.csv: [0-9.]+ kB read\.\.\. \(Esc cancels\)' 10 &&
    ok "the bytes read show while a pipe is read ($(grep -o 'trickle\.csv: [0-9.]* kB' "$cs_tmp/screen"))" ||
    { fail "no bytes read shown for a pipe"; tm_capture; }
tm_keys Escape
touch "$W/go2"
wait_bounded "$writer" 30; [ $? -ne 124 ] || fail "the writer of trickle.csv did not end: its load still holds the FIFO"
tm_wait 'loading trickle\.csv cancelled; .*demo\.csv still loaded' 20 &&
    ok "Esc cancels a load that read part of its file" || { fail "Esc did not cancel the pipe's load"; tm_capture; }

# Standard input is the terminal (the interface needs one there): ':load -'
# read the keys as data in raw mode and never ended, Esc and q taken as
# rows and SIGTERM only interrupting the read. It is refused, the data kept.
tm_command 'load -'
tm_wait '^ -: standard input is the terminal' 10 && screen_has 'reasoning' &&
    ok "':load -' is refused" || { fail "':load -' read the terminal"; tm_capture; }

# A load that is let run: the rows read show, then the new data.
rows 400000 bigtask > "$W/big.csv"
tm_command 'load big.csv'
# At a few hundred thousand rows the count may come and go between two
# looks at a fast machine's screen: noted, not required.
if tm_wait 'loading big\.csv: [1-9][0-9,]* rows' 10; then
    ok "the rows read so far show ($(grep -o 'big\.csv: [0-9,]* rows' "$cs_tmp/screen"))"
else
    echo "note: the load ended before a count of rows read was seen" >&2
fi
tm_wait 'loaded big\.csv: 400000 models, 2 tasks' 120 &&
    ok "the load that was let run replaces the data" || { fail "big.csv was not loaded"; tm_capture; }
tm_wait 'bigtask' 10 && ok "the new data's tasks show" || { fail "the new tasks do not show"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 60 || { fail "q did not quit (a load stuck in open() still there)"; tm_capture; }
screen_has 'EXIT=0' && ok "capscope ends with status 0" || { fail "capscope's exit status"; tm_capture; }

# A replayed :load is read to its end before the script's next line, which
# is for the new data, as when the file was read in the loop: a script's
# :goto to a model of the new file ran on the old data, which has no such
# model, while the load still waited for its rows. The rows come a second
# after capscope opens the FIFO.
rm -f "$W/slow.csv" "$W/go"
mkfifo "$W/slow.csv" || fail "mkfifo"
( exec > "$W/slow.csv"; sleep 1; rows 50 slowtask ) &
writer=$!
printf ':load slow.csv\n:goto m7\n' > "$W/script"
tm_launch "cd '$W' && '$CAPSCOPE' --data '$DEMO' --replay script 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
wait_bounded "$writer" 30; [ $? -ne 124 ] || fail "the writer of slow.csv did not end: the replay never read it"
tm_wait 'slowtask' 20 || { fail "slow.csv was not loaded in the replay"; tm_capture; }
tm_settle
# Any key clears the status line's message: the cursor's model shows then.
tm_keys Tab
tm_wait '^ m7 ' 10 && ok "a replayed :load ends before the next line" || { fail "the replayed :goto ran before the load ended"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 60 || { fail "q after the replay"; tm_capture; }
[ -s "$cs_tmp/stderr" ] && { fail "stderr is not empty"; cat "$cs_tmp/stderr"; }
finish
