#!/bin/sh
# The sampler at 80x24 in the C locale on an 8-colour terminal, as the issue
# asks of it: every suggestion with its cost and gain, the budget used and
# left, the plot marking the suggestions, a score entered at the prompt that
# changes the suggestions at once and :undo that brings them back exactly;
# and, on data where every model is scored, the way out read whole.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_start 80 24 C || { fail "tmux session did not start"; finish; }
cp "$DEMO" "$W/mine.csv"

# The sampler pane's rows (right of the separator, from its title down to
# the status line), blanks squeezed.
sampler() {
    tm capture-pane -t t -p | awk '/\| Sampler/ { on = 1 } on && !/\|/ { on = 0 } on { sub(/^[^|]*\|/, ""); print }' |
        tr -s ' '
}

tm_launch "TERM=xterm '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
sampler > "$cs_tmp/before"
check "the title has the budget, used and left" grep -Eq '^ Sampler budget [0-9.]+ used [0-9.]+ left [0-9.]+' "$cs_tmp/before"
check "the columns: cost and gain" grep -Eq '^ # model.* cost gain$' "$cs_tmp/before"
check "a suggestion with a cost and a gain" grep -Eq '^ 1 [^ ]+ [0-9.]+ [0-9.]+(e-[0-9]+)?$' "$cs_tmp/before"
check "the plot marks rank 1 under its axis" screen_has '\|next +[0-9 ]*1'
# More suggestions than the pane's 3 rows: the last one shown says so after
# its gain and a blank (v in ASCII: '1.46e-09v' told the two apart by colour
# alone), the first one has none above it.
check "the last suggestion shown is marked: more are below" sh -c "tail -n 1 '$cs_tmp/before' | grep -Eq '^ 3 .*[0-9] v\$'"
check "the first is not: none are above" sh -c "sed -n 3p '$cs_tmp/before' | grep -Eq '^ 1 .*[0-9]\$'"

# :score the first suggestion: it leaves the pool, the list and the budget change.
first=$(sed -n 's/^ 1 \([^ ]*\) .*/\1/p' "$cs_tmp/before")
full=$(awk -F, -v tail="$first" 'NR > 1 { n = length($1) - length(tail); if (n >= 0 && substr($1, n + 1) == tail) { print $1; exit } }' "$W/mine.csv")
[ -n "$full" ] && ok "rank 1 is $full" || { fail "no rank 1 ($first)"; cat "$cs_tmp/before"; finish; }
tm_keys : s c o r e ' '
tm send-keys -t t -l "$full reasoning 0.9"
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score is saved" || { fail ":score"; tm_capture; }
# The sampler waits for the refit and its design before it lists anew.
tm_idle || { fail "the design after :score did not finish"; tm_capture; }
sampler > "$cs_tmp/after"
check "the suggestions changed" sh -c "! cmp -s '$cs_tmp/before' '$cs_tmp/after'"
check "the scored model is no longer suggested" sh -c "! grep -q '^ [0-9]* $first ' '$cs_tmp/after'"
check "the journal holds the score" grep -q "^score	$full	reasoning	0.9" "$W/mine.csv.journal"

# :undo takes it back: the suggestions are those of before, to the digit.
tm_keys : u n d o Enter
tm_wait 'taken back \(now unscored\)' 5 && ok ":undo" || { fail ":undo"; tm_capture; }
tm_idle || { fail "the design after :undo did not finish"; tm_capture; }
sampler > "$cs_tmp/undone"
check "after :undo the suggestions are those of before" cmp -s "$cs_tmp/before" "$cs_tmp/undone"
cmp -s "$cs_tmp/before" "$cs_tmp/undone" || diff "$cs_tmp/before" "$cs_tmp/undone"
tm_keys q
tm_wait 'EXIT=[0-9]' 30
check "q exits 0" screen_has 'EXIT=0'
check "nothing on stderr" test ! -s "$cs_tmp/stderr"

# The built-in demo keeps no journal (it starts the same every time); a
# score entered there says so, and how to keep scores.
tm_launch "TERM=xterm HOME='$W/demo' XDG_STATE_HOME='$W/demo/state' XDG_DATA_HOME='$W/demo/data' XDG_CONFIG_HOME='$W/demo/config' '$CAPSCOPE'; echo \"EXIT=\$?\""
tm_keys : s c o r e ' '
tm send-keys -t t -l "$full reasoning 0.9"
tm_keys Enter
tm_wait 'not saved' 5 && ok ":score on the demo" || { fail ":score on the demo"; tm_capture; }
check "it says how to keep scores, within 80 columns" screen_has 'demo: not saved; --data FILE)'
check "no journal was written" sh -c "! find '$W/demo' -name '*.journal' | grep -q ."
tm_keys q
tm_wait 'EXIT=[0-9]' 30

# Every model scored: nothing to suggest, and the way out (:pool all) is
# there whole, over the pane's rows rather than cut at its edge.
awk -F, 'NR == 1 { print; next } { for (i = 1; i <= NF; i++) if ($i == "") next; print }' "$DEMO" > "$W/full.csv"
tm_launch "TERM=xterm '$CAPSCOPE' --data full.csv; echo \"EXIT=\$?\""
said=$(sampler | tr '\n' ' ' | tr -s ' ')
case $said in
*"every model is scored: nothing to suggest (:pool all designs from scratch)"*) ok "the whole message: $said" ;;
*) fail "the message is cut: $said" ;;
esac
tm_keys q
tm_wait 'EXIT=[0-9]' 30

# What the scores entered have cost: "used" is what the suggestions would
# spend, of a budget that shrinks as rows are scored. The title says
# "spent" after budget, used and left, which take 80x24's pane, so wider.
# $full scored on two tasks costs its params_b once; replayed from the
# journal at the next start; one undo leaves one of its scores, two none.
tm resize-window -t t -x 120 -y 30
cost=$(awk -F, -v m="$full" '$1 == m { print $3; exit }' "$W/mine.csv")
# spent_is COST: the title's spent figure is COST, to its decimals.
spent_is() {
    got=$(sampler | sed -n 's/^ Sampler .* spent \([0-9.]*\).*/\1/p' | head -n 1)
    [ -n "$got" ] && awk -v a="$got" -v b="$1" 'BEGIN { d = a - b; exit !(d < 0.051 && d > -0.051) }'
}
tm_launch "TERM=xterm '$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\""
check "nothing spent before a score" spent_is 0
for task in reasoning math; do
    tm_keys : s c o r e ' '
    tm send-keys -t t -l "$full $task 0.9"
    tm_keys Enter
    tm_wait "$task = 0.9" 5 || { fail ":score $task"; tm_capture; }
    tm_idle || { fail "the design after :score did not finish"; tm_capture; }
done
check "spent is $full's cost, $cost, once for its two scores" spent_is "$cost"
tm_keys q
tm_wait 'EXIT=[0-9]' 30
tm_launch "TERM=xterm '$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\""
check "replayed from the journal: spent $cost" spent_is "$cost"
tm_keys : u n d o Enter
tm_wait 'taken back' 5 && tm_idle
check "one score undone, one left: spent $cost" spent_is "$cost"
tm_keys : u n d o Enter
tm_wait 'taken back \(now unscored\)' 5 && tm_idle
check "both undone: nothing spent" spent_is 0
tm_keys q
tm_wait 'EXIT=[0-9]' 30
finish
