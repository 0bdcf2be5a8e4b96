#!/bin/sh
# The status line at 80 columns with long model names and a search: the
# cursor's score and compute stay whole, the search count keeps a gap from
# them, and what gives way is the middle of the model name (elided with …),
# then the date and the base model. The count once overwrote the cursor's
# numbers with no gap between them.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
# The demo data with every model named at length, as fine-tunes often are.
long='an-organisation-with-a-long-name/llama-family-'
awk -F, -v OFS=, -v p="$long" 'NR > 1 { $1 = p $1; $2 = p $2 } { print }' "$DEMO" > "$W/long.csv"
tm_launch "'$CAPSCOPE' --data long.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

status() { tm_settle; tm_capture > /dev/null; sed -n '23p' "$cs_tmp/screen"; }
numbers='reasoning 0\.[0-9]{4}  [0-9.]+e\+[0-9]+ FLOPs'

# No search: a name too long for the line is elided, the numbers show.
tm_keys Tab Right
tm_wait "$numbers" 5 || { fail "no search: the cursor's line"; tm_capture; }
line=$(status)
echo "status line: $line"
check "no search: the score and the compute show" sh -c "echo '$line' | grep -Eq '$numbers'"
check "no search: the model name is elided in its middle" sh -c "echo '$line' | grep -Eq '^ an-org[^ ]*…[^ ]+  reasoning'"

tm_keys /
tm send-keys -t t -l llama
tm_keys Enter
# The match's message names the model found, whose name it hides: at 80
# columns "match 1 of N: an-org…" and the end of its name, its middle left
# out as on the cursor's line, so that the score and compute show too (the
# message once ended in the name's start, cut at the edge).
tm_wait "^ match 1 of [0-9]+: an-organi[^ ]*…[^ ]+  $numbers *\$" 5 &&
    ok "search: the match's message names the model" || { fail "search: the match's model"; tm_capture; }
tm_keys Right
# The count shows from Enter on, beside "match 1 of N" until Right clears
# that message: wait for the cursor's numbers with it. (Not Left: match 1
# is at the least compute, where Left says it goes no further.)
tm_wait "$numbers.*/llama [0-9]+ *\$" 5 || { fail "the search count beside the cursor's line"; tm_capture; }
line=$(status)
echo "status line: $line"
check "search: the score and the compute show" sh -c "echo '$line' | grep -Eq '$numbers'"
check "search: two blanks at least before the count" sh -c "echo '$line' | grep -Eq 'FLOPs.*  /llama [0-9]+ *\$'"
check "search: the model name is elided in its middle" sh -c "echo '$line' | grep -Eq '^ an-org[^ ]*…[^ ]+  reasoning'"

tm_keys q
tm_wait 'EXIT=[0-9]' 10 && check "q quits" screen_has 'EXIT=0' || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
