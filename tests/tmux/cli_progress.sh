#!/bin/sh
# Batch progress on a terminal: the paper's design over 60,000 distinct
# compute levels at the whole budget takes two or three seconds (60,000
# steps), and suggest says how far it is on stderr, on one line that it
# clears at the end; with stderr not a terminal, or with --quiet, it prints
# nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 10
awk 'BEGIN { srand(7); print "model,flops,params_b,acc"
             for (i = 0; i < 60000; i++) printf "m%d,%.9e,%.2f,\n", i, 10 ^ (20 + 5 * rand()), 0.5 + 70 * rand() }' \
    >"$W/distinct.csv"
run="'$CAPSCOPE' suggest --data distinct.csv --task acc --prior paper --pool all --budget 1 --format csv"

tm_shell "$run > picks.csv; echo EXIT=\$?"
if tm_wait "suggest: the paper's design \\([0-9]+ picked, cost [0-9]+\\)" 60; then
    ok "progress shows while the design runs"
else
    fail "no progress line"; tm_capture
fi
tm_wait 'EXIT=[0-9]' 120 || { fail "suggest did not finish"; tm_capture; finish; }
check "suggest succeeds" screen_has 'EXIT=0'
check "the progress line is cleared at the end" sh -c "! grep -q 'picked, cost' '$cs_tmp/screen'"
check "the picks are written" test "$(wc -l <"$W/picks.csv")" -eq 60001

expect_status 0 "not a terminal: no progress" sh -c "cd '$W' && $run 2>&1 >/dev/null"
check "nothing on stderr off a terminal" test ! -s "$cs_tmp/out"
tm_stop
finish
