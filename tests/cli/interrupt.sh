#!/bin/sh
# interrupt.sh - Ctrl-C during a long batch command on a terminal: sweep and
# suggest show a progress line on stderr; an interrupt must clear it (not
# leave it in front of the shell's prompt) and the command must die of the
# signal as an unhandled one would (status 130), so a calling script stops.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 120 10
# 3,000 fully scored models, two tasks: 1,000 random subsets a budget keep
# sweep busy for much longer than the test waits.
awk 'BEGIN { srand(5); print "model,base_model,flops,params_b,acc,acc2"
             for (i = 0; i < 3000; i++) printf "m%d,b%d,%.6e,%.2f,%.3f,%.3f\n", i, i % 40,
                 10 ^ (21 + int(i / 75) * 0.1), 0.5 + 20 * rand(), 0.8 * rand(), 0.5 * rand() }' \
    >"$W/scored.csv"

screen_lacks() { ! screen_has "$1"; }

# interrupted WHAT PATTERN COMMAND: run COMMAND in the pane, wait for its
# progress line (PATTERN), press Ctrl-C, and check what is left.
interrupted() {
    tm_shell "$3"
    if ! tm_wait "$2" 60; then
        fail "$1: no progress line"; tm_capture; return
    fi
    tm_keys C-c
    tm_wait '^READY\$ ?$' 20 || { fail "$1: no prompt after Ctrl-C"; tm_capture; return; }
    check "$1: the progress line is cleared" screen_lacks "$2"
    tm_type 'echo "EXIT=$?"'
    tm_wait 'EXIT=[0-9]+' 10
    check "$1: the command died of SIGINT (status 130)" screen_has 'EXIT=130'
}

interrupted "sweep" "sweep: budget [0-9.]+: random subset" \
    "'$CAPSCOPE' sweep --data scored.csv --seeds 1000 --methods random --format csv > sweep.csv"
check "sweep: nothing half-written on stdout" test ! -s "$W/sweep.csv"

awk 'BEGIN { srand(7); print "model,flops,params_b,acc"
             for (i = 0; i < 100000; i++) printf "m%d,%.9e,%.2f,\n", i, 10 ^ (20 + 5 * rand()), 0.5 + 70 * rand() }' \
    >"$W/distinct.csv"
interrupted "suggest" "suggest: the paper's design \\([0-9]+ picked" \
    "'$CAPSCOPE' suggest --data distinct.csv --task acc --prior paper --pool all --budget 1 --format csv > picks.csv"
check "suggest: nothing half-written on stdout" test ! -s "$W/picks.csv"

# fit of many rows and tasks (200,000 distinct compute values; about 0.1 s a
# task here, twenty tasks): the Ctrl-C lands well before the last task, and
# nothing is left on stdout.
awk 'BEGIN { srand(11); printf "model,flops,params_b"; for (t = 0; t < 20; t++) printf ",t%d", t; print ""
             for (i = 0; i < 200000; i++) { z = 21 + 4 * rand(); printf "m%d,%.9e,1", i, 10 ^ z
                 for (t = 0; t < 20; t++) printf ",%.3f", (z - 21) / 5 * rand(); print "" } }' \
    >"$W/many.csv"
interrupted "fit" "fit: task [0-9]+ of 20" \
    "CAPSCOPE_PROGRESS_AFTER=0 '$CAPSCOPE' fit --data many.csv --format csv > fits.csv"
check "fit: nothing half-written on stdout" test ! -s "$W/fits.csv"

# Off a terminal there is no progress line and no handler: a kill is the
# plain default, status 128 + SIGTERM. (A background job of a script
# ignores SIGINT, so SIGTERM it is.)
"$CAPSCOPE" sweep --data "$W/scored.csv" --seeds 1000 --methods random --format csv \
    >/dev/null 2>"$cs_tmp/err" &
pid=$!
sleep 1
kill -TERM "$pid"
wait_bounded "$pid" 30
st=$?
check "off a terminal: SIGTERM ends sweep with status 143 ($st)" test "$st" -eq 143
check "off a terminal: nothing on stderr" test ! -s "$cs_tmp/err"
tm_stop
finish
