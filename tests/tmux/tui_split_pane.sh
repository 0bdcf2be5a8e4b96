#!/bin/sh
# The split pane and the drift grid at 80x24 and 300x80: the scheme's name
# is shown whole or said in short, never cut inside a date; scrubbing the
# cut refits the split; the drift legend is never cut inside a word; Esc
# closes the grid.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"
need_tmux

moved=period4:2024-07-01,2024-10-01,2024-12-31
tm_open 80 24
tm_launch "'$CAPSCOPE' --data '$DEMO'; echo EXIT=\$?"
tm_keys s
tm_wait 'Split +1 of 3' 10 || { fail "s opens the split view"; tm_capture; }
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l "scheme $moved"
tm_keys Enter
tm_wait 'cuts moved' 10 || { fail "the moved scheme is named in short at 80x24"; tm_capture; }
# The figures below are the new scheme's refit.
tm_idle || { fail "the refit of the moved scheme did not finish"; tm_capture; }
# The left column is 30 wide: the name (41 characters) cannot fit, and a
# cut-off name ("period4:2024-07-01,202") would show a date that is none.
check "80x24: the pane says the cuts moved" screen_has '^ scheme period4, cuts moved +│'
check "80x24: no date cut at the pane's edge" sh -c "! grep -Eq '^ scheme .*[0-9,:-]│' '$cs_tmp/screen'"
check "80x24: the figures still show" screen_has 'out-of-sample err 0\.[0-9]{4}'

# Scrub split 1's cut back a day (2024-07-01 -> 2024-06-30): the training
# rows are the math rows dated up to 2024-06-29, counted here from the file.
tm_keys j
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["math"] != "" && $c["flops"] > 0 && $c["date"] != "" && $c["date"] < "2024-06-30" { n++ }
    END { print n + 0 }' "$DEMO")
tm_keys Tab
tm_keys Tab
tm_wait 'day' 5 || { fail "Tab reaches the split pane"; tm_capture; }
tm_keys Left
# The count in either form the pane's width takes: "n 865 train, 138 valid"
# while the split is fitted, "n 865 + 138 (100 judged)" once its validation
# rows outside the training compute are known.
tm_wait "n $want (train|\+)" 10 && ok "scrubbing a day refits on the $want math rows before 2024-06-30" \
    || { fail "scrub: want n $want train"; tm_capture; }
tm_settle
check "the train range ends on 2024-06-29" screen_has 'train \.\.2024-06-29'

# 300x80: the name has room on its own lines, each date whole.
tm_grow 300 80 || { fail "300x80: redrawn"; tm_capture; }
check "300x80: the cuts are listed" screen_has 'cuts:'
check "300x80: the moved cuts, whole" screen_has '^ +2024-06-30 2024-10-01 2024-12-31 +│'

# The drift grid at 80x24: its last line ends on a whole word.
tm resize-window -t t -x 80 -y 24
tm_keys D
tm_wait 'Drift +error' 10 || { fail "D opens the drift grid"; tm_capture; }
tm_idle || { fail "the drift grid did not finish"; tm_capture; }
check "80x24: the error legend ends on a whole word" \
    screen_has 'later models beat the boundary *$'
check "80x24: no legend cut mid-word" sh -c "! grep -Eq '(n/|n/a: no|D: ne|D: next v)\$' '$cs_tmp/screen'"
check "once the grid is done, the status line does not say computing" sh -c "! grep -q 'computing' '$cs_tmp/screen'"
tm_keys D
tm_wait 'Drift +dq' 10 || { fail "D switches to dq"; tm_capture; }
tm_idle || { fail "the dq grid did not finish"; tm_capture; }
check "80x24: the dq legend ends on a whole word" screen_has 'the boundary rose( \(advancing\))?(; n/a: no overlap)?(; few: too few rows)?(; D: next view)? *$'
# At a compute no two periods share every dq is n/a: the legend says what
# n/a is, and not what few is, which no cell shows. It named few and never
# n/a, whatever the cells showed.
tm_command 'set reference_flops 1e27'
tm_wait 'Drift +dq at 1e27' 10 || { fail ":set reference_flops 1e27"; tm_capture; }
tm_idle || { fail "the dq grid at 1e27 did not finish"; tm_capture; }
check "dq at 1e27: the cells are n/a" screen_has '│>? +[a-z]+ +n/a +n/a +n/a'
check "dq at 1e27: the legend says what n/a is" screen_has 'n/a: no overlap *$'
check "dq at 1e27: the legend does not explain few, which no cell shows" sh -c "! grep -q 'few:' '$cs_tmp/screen'"
tm_keys Escape
# The plot's title in the split view ("math  tau 0.98  1: 865 · 138"), which
# the grid covers. The wait was for 'Plot|tau 0.98 +split', which this title
# never matched: it ran out (5 s) every time and went unchecked.
tm_wait '│ math +tau 0\.98 +1: [0-9]' 5 || { fail "Esc: the plot is not back"; tm_capture; }
tm_settle
check "Esc closes the drift grid" sh -c "! grep -Eq 'Drift +(error|dq)' '$cs_tmp/screen'"
tm_keys q
tm_wait 'EXIT=0' 10 && ok "quits with status 0" || { fail "quit"; tm_capture; }
finish
