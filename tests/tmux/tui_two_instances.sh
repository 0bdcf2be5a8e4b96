#!/bin/sh
# Two capscopes scoring one data file, at 80x24. A score entered in one
# after the other wrote the journal is refused (its undo would take back
# the other's score), and the status line must say what to do about it
# within 80 columns: the way out ("load the data again") came last, after
# the reason, and was cut off. Loading again brings in the other's scores,
# and scoring goes on.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
# A second session "u" beside the lib's "t", on the same data, with a state
# directory of its own.
tm_session u 80 24 C.UTF-8 "$cs_tmp/state2" || { fail "second tmux session"; cat "$cs_tmp/screen"; finish; }

set -- $(awk -F, 'NR > 1 && $6 == "" { print $1 }' "$DEMO" | head -n 3)
a=$1 b=$2 c=$3
tm_launch "'$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm send-keys -t u -l "'$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr2'; echo \"EXIT=\$?\""
tm send-keys -t u Enter
tm_wait 'Sampler' 10 u || { fail "the second capscope did not start"; cat "$cs_tmp/screen"; finish; }

score_t() { tm_keys :; tm_wait '^: *$' 5; tm send-keys -t t -l "score $1 reasoning $2"; tm_keys Enter; }
score_t "$a" 0.5
tm_wait 'saved in the journal' 5 && ok "the first scores" || { fail "first score"; tm_capture; }
tm send-keys -t u :
tm_wait '^: *$' 5 u
tm send-keys -t u -l "score $b reasoning 0.625"
tm send-keys -t u Enter
tm_wait 'saved in the journal' 5 u && ok "the second scores after it (it reads the journal first)" || { fail "second score"; cat "$cs_tmp/screen"; }
score_t "$c" 0.75
# The refusal (or, wrongly, the score taken): the first score's "saved in
# the journal" is still on the status line until this one's answer replaces it.
tm_wait 'journal changed|reasoning = 0\.75' 5 || { fail "no answer to the third score"; tm_capture; }
tm_settle
status=$(sed -n 23p "$cs_tmp/screen")
case $status in
*"load the data again"*) ok "the refusal says what to do, in 80 columns: $status" ;;
*) fail "the refusal's way out is cut off: $status" ;;
esac
check "the refused score was not written" sh -c "! grep -q '	$c	' '$W/mine.csv.journal'"
# Loading again takes the other's score in; scoring and undo go on.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "load mine.csv"
tm_keys Enter
tm_wait 'loaded' 10 || { fail ":load"; tm_capture; }
score_t "$c" 0.75
tm_wait 'saved in the journal' 5 && ok "after :load the score is taken" || { fail "score after :load"; tm_capture; }
check "the journal holds the three scores in order" sh -c "
    cut -f 2 '$W/mine.csv.journal' | tr '\n' ' ' | grep -qx '$a $b $c '"
tm send-keys -t u q
tm_keys q
# Both ended, so both stderr files are whole (a sanitizer reports at exit).
tm_wait 'EXIT=[0-9]' 30 || { fail "q"; tm_capture; }
tm_wait 'EXIT=[0-9]' 30 u || { fail "q in the second"; cat "$cs_tmp/screen"; }
check "nothing on stderr" sh -c "test ! -s '$cs_tmp/stderr' && test ! -s '$cs_tmp/stderr2'"
finish
