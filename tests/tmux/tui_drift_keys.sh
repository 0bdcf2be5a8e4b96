#!/bin/sh
# The drift grid is a view opened over the panes, as the help is: q closes
# it (tig's q leaves a view) whichever pane has the focus, and the focus and
# the layout are those from before; F10 quits from the grid (htop's key);
# the key bar names q as the grid's close key while it shows.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# From the task list (the focus at start).
tm_keys D
tm_wait 'Drift +error' 10 || { fail "D opens the drift grid"; tm_capture; }
tm_settle
check "the key bar names q as the grid's close key" screen_has '(^| )q Close( |$)'
check "the key bar names F10 for quitting" screen_has '(^| )F10 Quit( |$)'
tm_keys q
tm_wait 'Plot  reasoning' 5 && ok "q closes the drift grid" || { fail "q did not close the grid"; tm_capture; }
tm_settle
check "q from the grid did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
check "the key bar is the panes' again" screen_has '^q Quit '
check "the focus is still on the task list" screen_has '(^| )Space Mark( |$)'

# From the sampler (three Tabs: plot, split pane, sampler).
tm_keys Tab Tab Tab
tm_wait '(^| )Enter Show( |$)' 5 || { fail "Tab to the sampler"; tm_capture; }
tm_keys D
tm_wait 'Drift +error' 10 || { fail "D from the sampler"; tm_capture; }
tm_keys q
tm_wait 'Plot  reasoning' 5 && ok "q closes the grid with the sampler focused" || { fail "q from the sampler"; tm_capture; }
tm_settle
check "the sampler keeps the focus" screen_has '(^| )Enter Show( |$)'
check "still running" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"

# The plot focused (Tab twice from the sampler): the grid covers it, so the
# plot's keys do nothing there and say so, and the bar does not name them.
tm_keys Tab Tab
tm_wait '(^| )\+ Zoom( |$)' 5 || { fail "Tab to the plot"; tm_capture; }
tm_keys D
tm_wait 'Drift +error' 10 || { fail "D with the plot focused"; tm_capture; }
tm_keys Right
tm_wait 'Right is not a key in the drift grid' 5 && ok "the plot's arrows say they do nothing under the grid" \
    || { fail "Right under the grid"; tm_capture; }
tm_settle
check "the bar names no plot key under the grid" sh -c "! grep -Eq '(^| )\+ Zoom( |\$)' '$cs_tmp/screen'"
tm_keys q
tm_wait '(^| )\+ Zoom( |$)' 5 && ok "q gives the plot its keys back" || { fail "q with the plot focused"; tm_capture; }

# The plot alone (m): q closes the grid, the plot stays alone.
tm_keys m D
tm_wait 'Drift +signed out-of-sample error' 10 || { fail "D with the plot maximized"; tm_capture; }
tm_keys q
tm_wait 'Plot  reasoning' 5 || { fail "q with the plot maximized"; tm_capture; }
tm_settle
check "the plot is still alone after q" sh -c "! grep -q 'Sampler' '$cs_tmp/screen'"
tm_keys m
tm_wait 'Sampler' 5

# Typed, the command says where it acts when the grid is not shown.
tm_keys :
tm send-keys -t t -l "drift-close"
tm_keys Enter
tm_wait 'acts in the drift grid, which is not shown' 5 && ok ":drift-close without the grid says so" \
    || { fail ":drift-close without the grid"; tm_capture; }

# q with nothing open quits; from the grid, F10 quits.
tm_keys D
tm_wait 'Drift +error' 10 || { fail "D again"; tm_capture; }
tm_keys F10
tm_wait 'EXIT=[0-9]' 10 && check "F10 quits from the drift grid" screen_has 'EXIT=0' \
    || { fail "F10 from the grid"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
