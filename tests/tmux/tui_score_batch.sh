#!/bin/sh
# capscope score beside an interface open on the same data, at 80x24: a
# cluster job records a result while a colleague looks at the plot. The
# interface takes the command's entries in within a second or two while
# idle (a journal the command started, or entries appended to the one it
# read), its task list counting them, and its own scores go after them;
# its undo takes back the journal's last entry, saying when that was
# another's. A journal changed otherwise (cut short) is said once, the way
# out first, and its scores refused until :load. The command never waits
# on the interface, which holds the journal's lock only while it appends.
# Behind a capscope stopped while it holds the lock, the interface's :score
# gives up after 5 s, saying so.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
set -- $(awk -F, 'NR > 1 && $6 == "" { print $1 }' "$DEMO" | head -n 4)
a=$1 b=$2 c=$3 d=$4
# reasoning's n in the task list: the demo's scored rows, and each entry
n0=$(awk -F, 'NR > 1 && $6 != "" { n++ } END { print n }' "$DEMO")
J="$W/mine.csv.journal"
batch() { # ARGS...: capscope score on the data, at most 10 s
    "$CAPSCOPE" score --data "$W/mine.csv" "$@" >"$cs_tmp/out" 2>"$cs_tmp/err" &
    wait_bounded $! 10
}
score_t() { tm_command "score $1 reasoning $2"; }
n_is() { tm_wait "^ *reasoning +$1 " 10; }

tm_launch "'$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
check "no journal before the first score" test ! -e "$J"
check "reasoning's n is the demo's ($n0)" n_is "$n0"
check "capscope score beside the interface" batch "$b" reasoning 0.625
tm_wait 'taken in' 10 || { fail "the command's journal was not taken in"; tm_capture; }
check "its entry is counted without a key ($((n0 + 1)))" n_is $((n0 + 1))
score_t "$a" 0.5
tm_wait 'saved in the journal|journal changed' 5 || { fail "no answer to :score"; tm_capture; }
check "the interface's score goes after the command's" sh -c "cut -f 2 '$J' | tr '\n' ' ' | grep -qx '$b $a '"

check "capscope score again, the interface holding the journal open" batch "$c" reasoning 0.75
check "taken in while idle ($((n0 + 3)))" n_is $((n0 + 3))
score_t "$d" 0.875
tm_wait 'reasoning = 0\.875' 5 || { fail "no answer to the next :score"; tm_capture; }
check "the interface's next score is saved, not refused" screen_has 'saved in the journal'
check "the journal holds the four in order" sh -c "cut -f 2 '$J' | tr '\n' ' ' | grep -qx '$b $a $c $d '"
tm_keys u
tm_wait "taken back" 5 || { fail "u"; tm_capture; }
check "u took back its own score" screen_has "score of $d reasoning taken back \\(now unscored\\)"
tm_keys u
check "the next u takes back the command's ($((n0 + 2)))" n_is $((n0 + 2))
check "an undo line for each u" test "$(grep -c '^undo$' "$J")" = 2
check "--list shows the two in effect" batch --list --format csv
check "two entries listed" test "$(($(wc -l < "$cs_tmp/out") - 1))" = 2

# Cut short behind its back: said once, the way out within 80 columns.
head -n 1 "$J" >"$J.cut" && cat "$J.cut" >"$J" && rm -f "$J.cut"
tm_wait 'load the data again' 10 || { fail "a journal cut short went unsaid"; tm_capture; }
status=$(sed -n 23p "$cs_tmp/screen")
case $status in
*"load the data again"*) ok "the way out in 80 columns: $status" ;;
*) fail "the way out is cut off: $status" ;;
esac
score_t "$d" 0.875
tm_wait '^ score: the journal changed' 5 || { fail "a score into a journal cut short"; tm_capture; }
check "nothing written into it" test "$(wc -l < "$J")" = 1
tm_command "load mine.csv"
tm_wait 'loaded' 10 || { fail ":load"; tm_capture; }
check "the journal as it now is ($((n0 + 1)))" n_is $((n0 + 1))
# A capscope that holds the journal's lock and is stopped (Ctrl-Z in a
# job's shell): the interface's :score froze on it for good, keys and all.
# It now waits 5 s, then says who holds the lock and what to do, having
# saved nothing; the interface answers keys all along after that.
if command -v flock >/dev/null 2>&1; then
    cp "$J" "$cs_tmp/before.journal"
    rm -f "$cs_tmp/release"
    flock "$J" sh -c "while [ ! -e '$cs_tmp/release' ]; do sleep 0.05; done" &
    holder=$!
    i=0
    until grep -q "FLOCK.* $holder " /proc/locks 2>/dev/null || [ $i -ge 200 ]; do sleep 0.05; i=$((i + 1)); done
    kill -STOP "$holder"
    score_t "$d" 0.875
    tm_wait 'journal locked by' 15 && ok "the interface's :score gives up behind the stopped holder" ||
        { fail "no answer to :score behind a stopped holder of the lock"; tm_capture; }
    check "it names the holder, stopped, and what to do" screen_has "journal locked by process $holder, stopped: kill -CONT"
    check "nothing was written" cmp -s "$cs_tmp/before.journal" "$J"
    tm_keys '?'
    tm_wait 'help: j/k scroll' 5 && ok "the interface still answers keys" || { fail "no answer to ?"; tm_capture; }
    tm_keys Escape
    tm_wait_gone 'help: j/k scroll' 5 || { fail "Escape closes the help"; tm_capture; }
    kill -CONT "$holder"
    touch "$cs_tmp/release"
    wait_bounded "$holder" 10
    score_t "$d" 0.875
    tm_wait 'reasoning = 0\.875' 5 && ok "the holder gone, the score is saved" || { fail ":score after the holder"; tm_capture; }
fi
tm_keys q
tm_wait 'EXIT=[0-9]' 30 || { fail "q"; tm_capture; }
check "the interface ended with status 0" screen_has 'EXIT=0'
check "nothing on its stderr" test ! -s "$cs_tmp/stderr"
finish
