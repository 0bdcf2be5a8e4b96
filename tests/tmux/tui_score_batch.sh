#!/bin/sh
# capscope score beside an interface open on the same data, at 80x24. The
# interface has no live reload: an interface with no journal yet reads the
# one the command started at its first :score; one that has read the
# journal refuses its next score once the command wrote to it ("load the
# data again"), as with two interfaces, and :load brings the command's
# scores in. The command never waits on the interface, which holds the
# journal's lock only while it appends.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
set -- $(awk -F, 'NR > 1 && $6 == "" { print $1 }' "$DEMO" | head -n 4)
a=$1 b=$2 c=$3 d=$4
J="$W/mine.csv.journal"
batch() { # ARGS...: capscope score on the data, at most 10 s
    "$CAPSCOPE" score --data "$W/mine.csv" "$@" >"$cs_tmp/out" 2>"$cs_tmp/err" &
    wait_bounded $! 10
}
score_t() { tm_command "score $1 reasoning $2"; }

tm_launch "'$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
check "no journal before the first score" test ! -e "$J"
check "capscope score beside the interface" batch "$b" reasoning 0.625
score_t "$a" 0.5
tm_wait 'saved in the journal|journal changed' 5 || { fail "no answer to :score"; tm_capture; }
check "the interface's first score is taken after the command's" screen_has 'saved in the journal'
check "the journal: the command's entry, then the interface's" sh -c "cut -f 2 '$J' | tr '\n' ' ' | grep -qx '$b $a '"

check "capscope score again, the interface holding the journal open" batch "$c" reasoning 0.75
score_t "$d" 0.875
tm_wait 'journal changed|reasoning = 0\.875' 5 || { fail "no answer to the next :score"; tm_capture; }
check "the interface's next score is refused: load the data again" screen_has 'load the data again'
check "the refused score was not written" sh -c "! grep -q '	$d	' '$J'"
tm_command "load mine.csv"
tm_wait 'loaded' 10 || { fail ":load"; tm_capture; }
score_t "$d" 0.875
tm_wait 'saved in the journal' 5 && ok "after :load the score is taken" || { fail "score after :load"; tm_capture; }
check "the journal holds the four in order" sh -c "cut -f 2 '$J' | tr '\n' ' ' | grep -qx '$b $a $c $d '"
check "--list shows them" batch --list --format csv
check "four entries listed" test "$(($(wc -l < "$cs_tmp/out") - 1))" = 4
check "--undo beside the interface" batch --undo
check "it took back the interface's last score" grep -q "took back $d reasoning = 0.875" "$cs_tmp/err"
tm_keys q
tm_wait 'EXIT=[0-9]' 30 || { fail "q"; tm_capture; }
check "the interface ended with status 0" screen_has 'EXIT=0'
check "nothing on its stderr" test ! -s "$cs_tmp/stderr"
finish
