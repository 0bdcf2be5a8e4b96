#!/bin/sh
# Double-width names in a real terminal: each CJK character takes two
# columns on screen and nothing invisible follows it (the grid's marker for
# a wide character's right half is never sent to the terminal), and the
# prompt's cursor sits after what was typed, counted in columns.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"
need_tmux

tm_open 100 30
awk 'BEGIN {
    print "model,flops,params_b,date,数学"
    for (i = 0; i < 40; i++)
        printf "通义千问-%d,%.4e,%d,2024-%02d-01,%.3f\n", i, 10 ^ (21 + 0.1 * i), 1 + i % 7, 1 + i % 12, 0.2 + 0.015 * i
}' >"$cs_tmp/work/wide.csv"
tm_launch "'$CAPSCOPE' --data wide.csv; echo EXIT=\$?"
tm_capture >/dev/null
check "the task's name shows whole" screen_has '数学'
check "no zero-width character reaches the terminal" sh -c "! grep -q \"$(printf '\342\200\213')\" '$cs_tmp/screen'"

tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l 'goto 通义'
tm_wait '^:goto 通义' 5 || { fail "the typed text shows"; tm_capture; }
# ':' + 'goto ' + two characters of two columns each: column 1 + 5 + 4.
x=$(tm display-message -p -t t '#{cursor_x}')
check "the cursor follows the wide characters (column $x, want 10)" [ "$x" = 10 ]
tm_keys Escape
tm_wait '^q Quit' 5 || fail "Esc closes the prompt"
tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q did not quit"; tm_capture; }
tm_stop
finish
