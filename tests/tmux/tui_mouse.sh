#!/bin/sh
# The mouse in a real terminal, as xterm reports it (SGR, which tmux passes
# on as typed): a click on a task's row makes that task the current one; the
# wheel over the task list moves it three rows a notch, whichever pane has
# the focus; the wheel over the plot zooms it; a click in the plot puts the
# cursor on a point. With the help in front the wheel scrolls the help, and a
# click selects nothing under it. The work a click starts finishes without
# a key after it (ncurses blocked in read() after a release it was not
# asked for, and the sampler waited for the fits until the next key), and
# so does the work under a right click, which does nothing, and under a
# report cut short; a report whose bytes come apart in time is one click.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
tm_launch "'$CAPSCOPE' --data '$DEMO'; echo EXIT=\$?"

# mouse BUTTON X Y M|m: a report of cell X, Y (0-based; SGR counts from 1),
# M pressed, m released. Buttons: 0 the left, 64 wheel up, 65 wheel down.
mouse() { tm send-keys -t t -l "$(printf '\033[<%d;%d;%d%s' "$1" $(($2 + 1)) $(($3 + 1)) "$4")"; }
click() { mouse 0 "$1" "$2" M; mouse 0 "$1" "$2" m; }
# The task named in screen row Y (0-based) of the last screen captured: the
# list's rows are "  NAME  N  Q ..." from row 2, under its title and heading.
task_at() { sed -n "$(($1 + 1))p" "$cs_tmp/screen" | awk '{ print $1 }'; }
# The plot's tick labels on its left axis, right of the panes' separator.
ticks() { awk -F'│' 'NF > 1 { print $2 }' "$cs_tmp/screen" | grep -Eo '^ *[0-9.e+-]+ ┤'; }

tm_settle
first=$(task_at 2)
fourth=$(task_at 5)
[ -n "$first" ] && [ -n "$fourth" ] && [ "$first" != "$fourth" ] ||
    { fail "no task names in the list"; tm_capture; finish; }
check "the first task is current" screen_has "Plot +$first +tau"

click 3 5
tm_wait "Plot +$fourth +tau" 10 && ok "a click on the fourth row makes $fourth current" ||
    { fail "a click on the fourth row"; tm_capture; }
tm_idle 20 && ok "the design for $fourth comes without a key after the click" ||
    { fail "the work after the click did not finish"; tm_capture; }
click 3 2
tm_wait "Plot +$first +tau" 10 && ok "a click on the first row makes $first current" ||
    { fail "a click on the first row"; tm_capture; }
tm_idle 20 || { fail "the work after the second click did not finish"; tm_capture; }

# A right click (button 2) while the design for the next task is under way:
# nothing is selected, and the work goes on to its end.
tm_keys j
mouse 2 3 5 M
mouse 2 3 5 m
tm_idle 20 && ok "the work under a right click finishes" ||
    { fail "the work after a right click did not finish"; tm_capture; }
check "a right click selects no task" screen_has "Plot +$(task_at 3) +tau"
tm_keys k
tm_idle 20 || { fail "the work after k did not finish"; tm_capture; }

# A report cut short (Esc [< and no more: Alt+[ then < typed, or a link
# that lost the rest): curses read the rest with read(), blocking whatever
# the timeout, so the work under it stalled until keys came, and the keys
# went into the report. The work finishes, and k after it acts.
tm_keys j
tm send-keys -t t -l "$(printf '\033[<')"
tm_idle 20 && ok "the work under a cut report finishes" ||
    { fail "the work after a cut report did not finish"; tm_capture; }
tm_keys k
tm_wait "Plot +$first +tau" 10 && ok "k after a cut report acts" || { fail "k after a cut report"; tm_capture; }
tm_idle 20 || { fail "the work after k did not finish"; tm_capture; }

# A report whose bytes come apart in time (a slow link; bursts of wheel
# reports over ssh): what follows within the wait between a sequence's
# bytes is the same report, one click. Read by curses from a descriptor
# that did not block, the report was lost and its tail came as keys: an M
# went into the prompt's line. The parts go 10 ms apart, not more: the wait
# is 100 ms, and a loaded machine adds its own delay between two tmux
# commands (at 50 ms a CI run beside other builds once saw two reports).
third=$(task_at 4)
check "the third row names a task not current" sh -c "[ -n '$third' ] && ! grep -Eq 'Plot +$third +tau' '$cs_tmp/screen'"
tm_keys :
tm_wait '^: *$' 5 || { fail "the prompt opens"; tm_capture; }
tm send-keys -t t -l 'tau'
tm send-keys -t t -l "$(printf '\033[<0;3;5')"
sleep 0.01
tm send-keys -t t -l M
mouse 0 2 4 m
tm_wait "Plot +$third +tau" 10 && ok "a report split in time is one click (on $third)" ||
    { fail "a report split in time"; tm_capture; }
check "nothing of it went into the prompt's line" screen_has '^:tau *$'
tm_keys Escape
tm_idle 20 || { fail "the work after the split report did not finish"; tm_capture; }
click 3 2
tm_wait "Plot +$first +tau" 10 || { fail "a click back on the first row"; tm_capture; }
tm_idle 20 || { fail "the work after the click back did not finish"; tm_capture; }

# The wheel over the list, the focus elsewhere (Tab: the plot): three rows a notch.
tm_keys Tab
mouse 65 3 4 M
tm_wait "Plot +$fourth +tau" 10 && ok "the wheel down over the list moves three tasks down" ||
    { fail "the wheel down over the list"; tm_capture; }
tm_idle 20 || { fail "the work after the wheel did not finish"; tm_capture; }
mouse 64 3 4 M
tm_wait "Plot +$first +tau" 10 && ok "the wheel up over the list moves back" ||
    { fail "the wheel up over the list"; tm_capture; }
tm_idle 20 || { fail "the work after the wheel up did not finish"; tm_capture; }

# The wheel over the plot zooms: the axis is ticked anew, the task stays.
ticks > "$cs_tmp/ticks_before"
check "the plot's axis has ticks" test -s "$cs_tmp/ticks_before"
mouse 64 65 12 M
tm_settle
ticks > "$cs_tmp/ticks_after"
check "the wheel up over the plot zooms (the ticks change)" sh -c "! cmp -s '$cs_tmp/ticks_before' '$cs_tmp/ticks_after'"
check "the wheel over the plot leaves the task" screen_has "Plot +$first +tau"

# A click in the plot area: the status line says the point under the cursor.
click 65 12
tm_wait "$first [0-9.]+ +[0-9.e+]+ FLOPs" 10 && ok "a click in the plot puts the cursor on a point" ||
    { fail "a click in the plot"; tm_capture; }

# The help in front: the wheel scrolls it three lines a notch, back to the
# same first line; a click on a task's row under it does nothing.
tm_keys '?'
tm_wait 'capscope help' 5 || { fail "? opens the help"; tm_capture; }
tm_settle
sed -n 2p "$cs_tmp/screen" > "$cs_tmp/help_top"
mouse 65 50 10 M
tm_settle
sed -n 2p "$cs_tmp/screen" > "$cs_tmp/help_down"
check "the wheel down scrolls the help" sh -c "! cmp -s '$cs_tmp/help_top' '$cs_tmp/help_down'"
mouse 64 50 10 M
tm_settle
sed -n 2p "$cs_tmp/screen" > "$cs_tmp/help_up"
check "the wheel up scrolls it back" cmp -s "$cs_tmp/help_top" "$cs_tmp/help_up"
click 3 5
tm_keys Escape
tm_wait "Plot +$first +tau" 10 && ok "a click under the help selected no task" ||
    { fail "a click under the help changed the task"; tm_capture; }

tm_keys q
tm_wait 'EXIT=[0-9]' 30
check "q exits 0" screen_has 'EXIT=0'
finish
