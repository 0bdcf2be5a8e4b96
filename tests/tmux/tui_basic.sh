#!/bin/sh
# The TUI as a person sees it: started in tmux on the demo data (and on the
# shared data when present), in a UTF-8 and in an ASCII locale.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

# Braille cells U+2800..U+28FF are the UTF-8 bytes E2 A0..A3 xx; match bytes so
# the test does not depend on the locale's collation.
BRAILLE=$(printf '\342[\240-\243]')
has_braille() { LC_ALL=C grep -q "$BRAILLE" "$1"; }
# The point the cursor lands on first: the best score of the first task at the
# largest compute (read from the CSV with awk, independently of capscope).
first_point=$(awk -F, 'NR > 1 && $6 != "" { f = $4 + 0; if (f > bf || (f == bf && $6 + 0 > by)) { bf = f; by = $6 + 0; m = $1; d = $5 } }
                       END { printf "%s|%s|%.4f\n", m, d, by }' "$DEMO")
first_model=${first_point%%|*}; rest=${first_point#*|}; first_date=${rest%%|*}; first_score=${rest#*|}

run_locale() {
    loc=$1
    tm_start 100 30 "$loc" || { fail "$loc: tmux session did not start"; return; }
    # stty.after is written before EXIT= shows, so the wait for EXIT= is one for it too.
    tm_shell "stty -g > stty.before; '$CAPSCOPE'; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\""
    if ! tm_wait 'Tasks' 10; then fail "$loc: the TUI did not start"; tm_capture; return; fi
    tm_idle || { fail "$loc: the fits did not finish"; tm_capture; }
    # The demo's six tasks (data/README.md) are listed, with a fitted q each.
    for t in reasoning math coding knowledge instruct science; do
        check "$loc: task $t listed" screen_has "^.? ?$t +[0-9]+ +0\.[0-9]{3}"
    done
    check "$loc: reference-compute column" screen_has 'q@1e24'
    check "$loc: plot title names the task and tau" screen_has 'Plot +reasoning +tau 0\.98'
    check "$loc: y axis labels" screen_has '0\.75 .*' 
    check "$loc: y axis 0.25" screen_has '0\.25 '
    if [ "$loc" = C.UTF-8 ]; then
        check "$loc: x axis decade labels (10²²)" screen_has '10²²'
        check "$loc: braille points" has_braille "$cs_tmp/screen"
        # The boundary is drawn in the curve colour (red in the default theme).
        tm capture-pane -t t -p -e > "$cs_tmp/screen.esc"
        check "$loc: boundary in its own colour" env LC_ALL=C grep -Eq "\[(1;)?(38;5;203|91|31)(;1)?m$BRAILLE" "$cs_tmp/screen.esc"
    else
        check "$loc: x axis decade labels (1e22)" screen_has '1e22'
        check "$loc: ascii points" screen_has '\|.*[.oO@]'
        check "$loc: ascii boundary" screen_has '\|.*[-/]{2}'
        check "$loc: nothing but ASCII on screen" sh -c "! LC_ALL=C grep -q '[^ -~]' '$cs_tmp/screen'"
    fi
    # Cursor: focus the plot, move; the status line names the model under it.
    tm_keys Tab Right
    if tm_wait "$first_model" 5; then ok "$loc: status line shows $first_model"; else fail "$loc: status line after moving the cursor"; tm_capture; fi
    check "$loc: status line has the date" screen_has "$first_date"
    check "$loc: status line has the score" screen_has "reasoning $first_score"
    check "$loc: status line has the compute" screen_has '[0-9.]+e\+24 FLOPs'
    # Help screen, generated from the action table.
    tm_keys '?'
    tm_wait 'capscope help' 5 && ok "$loc: help opens" || fail "$loc: help did not open"
    # Waited for, not just read: the title can be on screen a frame before
    # the rest of the help (seen once in CI's distcheck, under load).
    tm_wait ':quit' 5 && ok "$loc: help lists :quit" || fail "$loc: help lists :quit"
    # The Tasks group follows General, past the first page of 30 rows.
    tm_keys NPage
    tm_wait 'Down, j +:task-down' 5 && ok "$loc: help lists the task keys" ||
        { fail "$loc: help lists the task keys"; tm_capture; }
    # (Sampler is a heading of the help's too: q@1e24 shows only behind it.)
    tm_keys Escape
    tm_wait 'q@1e24' 5 && ok "$loc: help closes" || fail "$loc: help did not close"
    # Resize to 60x20 and back: still the whole interface.
    tm resize-window -t t -x 60 -y 20
    tm_wait 'Sampler' 5 && ok "$loc: 60x20 shows the panes" || { fail "$loc: 60x20"; tm_capture; }
    check "$loc: 60x20 is not 'too small'" sh -c "! grep -q 'small' '$cs_tmp/screen'"
    tm resize-window -t t -x 10 -y 5
    tm_wait '[Tt]oo small' 5 && ok "$loc: 10x5 shows the too-small notice" || { fail "$loc: 10x5 notice"; tm_capture; }
    tm resize-window -t t -x 100 -y 30
    tm_wait 'Sampler' 5 && ok "$loc: back to 100x30" || fail "$loc: back to 100x30"
    # q: the shell prompt is back, the terminal modes are restored, no residue.
    tm_keys q
    if tm_wait 'EXIT=0' 60; then ok "$loc: q exits with status 0"; else fail "$loc: q did not exit cleanly"; tm_capture; fi
    tm_wait 'READY\$ *$' 5
    tm_capture >/dev/null
    check "$loc: prompt is back" sh -c "grep -v '^ *\$' '$cs_tmp/screen' | tail -n 1 | grep -q '^READY\\$'"
    check "$loc: no curses residue" sh -c "! grep -Eq 'Tasks|Sampler' '$cs_tmp/screen' && ! LC_ALL=C grep -q '$BRAILLE' '$cs_tmp/screen'"
    check "$loc: terminal modes restored" cmp -s "$cs_tmp/work/stty.before" "$cs_tmp/work/stty.after"
    tm_stop
}

run_locale C.UTF-8
run_locale C

# The shared data, when present: its tasks, its size, and the paper's split sizes.
if [ -r "$OLL" ]; then
    tm_start 120 35 C.UTF-8
    tm_shell "'$CAPSCOPE' --data '$OLL'; echo \"EXIT=\$?\""
    tm_wait 'Tasks' 10 || fail "oll: the TUI did not start"
    tm_idle || { fail "oll: the fits did not finish"; tm_capture; }
    for t in ifeval bbh math_lvl5 gpqa musr mmlu_pro; do
        check "oll: task $t listed with 2409 rows" screen_has "$t +2409 "
    done
    # data/README.md: period4 puts 513 / 216 rows in its first two periods.
    tm_keys s
    tm_wait 'train 513' 10 && ok "oll: split 1 trains on 513 rows" || { fail "oll: split view"; tm_capture; }
    check "oll: and validates on 216" screen_has 'valid 216'
    tm_keys ']'
    tm_wait 'split 2: train 216 ., valid 211' 10 && ok "oll: ] steps to split 2 (216 / 211)" || fail "oll: ] step"
    tm_keys q
    tm_wait 'EXIT=0' 60 && ok "oll: q exits" || fail "oll: q"
    tm_stop
else
    echo "note: $OLL is absent; the shared-data part is skipped"
fi
finish
