#!/bin/sh
# Two capscopes scoring one data file, at 80x24. Each takes in what the
# other appended to the journal (within a second or two while idle, and
# before each score it writes), so that its score goes after the other's
# and its undo would take back the entry the next load's replay takes back;
# both end with the same scores. (Once a score entered after the other
# wrote the journal was refused, "load the data again".)
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
tm_wait 'reasoning = 0\.75' 5 || { fail "no answer to the third score"; tm_capture; }
check "the third score is saved after the other's, not refused" screen_has 'saved in the journal'
check "the journal holds the three scores in order" sh -c "
    cut -f 2 '$W/mine.csv.journal' | tr '\n' ' ' | grep -qx '$a $b $c '"
# The second takes the third in without a key; both count the three.
n3=$(( $(awk -F, 'NR > 1 && $6 != "" { n++ } END { print n }' "$DEMO") + 3 ))
tm_wait "^ *reasoning +$n3 " 10 u && ok "the second counts the first's scores ($n3)" ||
    { fail "the second did not take the third score in"; cat "$cs_tmp/screen"; }
tm_wait "^ *reasoning +$n3 " 10 && ok "the first counts all three" || { fail "the first's count"; tm_capture; }
tm send-keys -t u q
tm_keys q
# Both ended, so both stderr files are whole (a sanitizer reports at exit).
tm_wait 'EXIT=[0-9]' 30 || { fail "q"; tm_capture; }
tm_wait 'EXIT=[0-9]' 30 u || { fail "q in the second"; cat "$cs_tmp/screen"; }
check "nothing on stderr" sh -c "test ! -s '$cs_tmp/stderr' && test ! -s '$cs_tmp/stderr2'"
finish
