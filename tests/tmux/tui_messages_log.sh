#!/bin/sh
# :messages keeps the last eight messages for what the status line cut or
# what went by. The prompt's Tab Tab lists of matches went in there too, so
# that a few completions pushed a score's confirmation out of it: a list of
# names is read at once, in the prompt, and is shown again by Tab Tab.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"
model=$(awk -F, 'NR == 2 { print $1 }' "$DEMO")
tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

tm_command "score $model reasoning 0.5"
tm_wait 'saved in the journal' 5 || { fail "the score"; tm_capture; }

# Eight lists of matches, each seen on the status line (each word the
# start its commands share: Tab Tab lists them at once).
for word in sc:score-edit ta:task-up cu:cut-day-fwd pick-:page-up zoom-:y-out split:split-prev \
    focus-:prev pan-:right; do
    tm_keys :
    tm_wait '^: *$' 5 || fail "the prompt opens (for ${word%%:*})"
    tm send-keys -t t -l "${word%%:*}"
    tm_keys Tab Tab
    tm_wait " matches.* ${word#*:}( |\$)" 5 || { fail "Tab Tab lists the matches of ${word%%:*}"; tm_capture; }
    tm_keys C-c
    tm_wait '^q Quit' 5 || { fail "C-c closes the prompt ($word)"; tm_capture; }
done
ok "eight lists of matches shown"

tm_command messages
tm_wait '^Messages' 5 || { fail ":messages"; tm_capture; }
check "the score's confirmation is still in :messages" screen_has "reasoning = 0\.5.*saved in the journal"
check "no list of matches in :messages" sh -c "! sed -n '/^Messages/,\$p' '$cs_tmp/screen' | grep -q ' matches'"
tm_keys q
tm_wait '^q Quit' 5 || { fail "q closes the help"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 && check "q quits" screen_has 'EXIT=0' || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
