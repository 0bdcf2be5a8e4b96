#!/bin/sh
# Design weights in the TUI (W, :weights, :set design_weights): the task
# fits are refitted with cs_design_weighted_xy, the screen says "weighted",
# and the boundary is the one `capscope fit --design-weights` prints, through
# the CLI's own path; off again, it is plain `capscope fit`'s. The setting
# survives a restart with the session.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 120 40

# Six compute levels (1e21 .. 1e26), two base models a level with six
# fine-tunes each; the "lo" base scores 0.2 under the "hi" one. Every hi
# fine-tune is scored, only the first lo fine-tune of each level is: the
# scored rows over-represent the high base, as a sampler chasing the
# boundary would. Weighted, each scored lo row stands for its five unscored
# siblings, so the weighted 0.98-quantile must lie lower than the plain one.
awk 'BEGIN {
    print "model,base_model,params_b,flops,date,skill"
    for (l = 0; l < 6; l++) {
        z = 21 + l
        level = 0.25 + 0.6 / (1 + exp(-(z - 24) * 1.5))
        for (b = 0; b < 2; b++) {
            name = (b ? "lo" : "hi") l
            for (k = 0; k < 6; k++) {
                y = level - b * 0.2 + 0.02 * k - 0.025
                s = (b && k > 0) ? "" : sprintf("%.4f", y)
                printf "ft-%s-%d,base-%s,%d,1e%d,2024-0%d-1%d,%s\n", name, k, name, 1 + l, z, 1 + l, k, s
            }
        }
    }
}' > "$W/w.csv"

# The CLI's boundaries: parameters (fields 6-11: y0 L z_star b objective
# coverage) and q at the task pane's reference compute, 1e24.
params() { "$CAPSCOPE" fit "$@" --data "$W/w.csv" --format csv | awk -F, 'NR == 2 { print $6","$7","$8","$9","$10","$11 }'; }
q24() { "$CAPSCOPE" predict "$@" --task skill --flops 1e24 --data "$W/w.csv" --format csv |
        awk -F, 'NR == 2 { printf "%.3f", $4 }'; }
plain=$(params); weighted=$(params --design-weights)
q_plain=$(q24); q_weighted=$(q24 --design-weights)
echo "capscope fit: $plain, q(1e24) $q_plain; --design-weights: $weighted, q(1e24) $q_weighted"
[ -n "$plain" ] && [ -n "$q_plain" ] && [ -n "$q_weighted" ] || { fail "the CLI did not fit the test file"; finish; }
check "the weighted boundary lies lower at 1e24 ($q_weighted < $q_plain)" \
    awk -v a="$q_weighted" -v b="$q_plain" 'BEGIN { exit !(a + 0.005 < b) }'

# export NAME: the TUI's fit table; fields 6-11 of its skill row.
exported() { awk -F, '$1 == "skill" { print $6","$7","$8","$9","$10","$11 }' "$W/$1" | tr -d '\r'; }
export_as() {
    tm_keys : e x p o r t ' ' "$1" Enter
    tm_wait "wrote .*$1" 5 || { fail "export $1"; tm_capture; }
}

# stderr of every run is kept: a sanitizer build reports there.
tm_type "'$CAPSCOPE' --data w.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'Sampler' 10 || { fail "the TUI did not start"; tm_capture; finish; }
tm_idle || { fail "the first fit did not finish"; tm_capture; }
check "off by default: the plain q $q_plain in the task list" screen_has "skill +42 +$q_plain "
check "off by default: no 'weighted' on screen" sh -c "! grep -q 'weighted' '$cs_tmp/screen'"
export_as plain.csv
check "the plain fit is capscope fit's ($(exported plain.csv))" test "$(exported plain.csv)" = "$plain"
check "the exported table says design_weights off" grep -q ',ok,off' "$W/plain.csv"

tm_keys W
tm_wait 'Plot +skill +tau 0\.98 +weighted' 10 && ok "W: the plot title says weighted" || { fail "W title"; tm_capture; }
tm_wait "skill +42 +$q_weighted " 10 && ok "W: the task list shows the weighted q $q_weighted" ||
    { fail "W: weighted q"; tm_capture; }
tm_idle || { fail "the work after W did not finish"; tm_capture; }
check "the task pane's title says weighted" screen_has 'Tasks +weighted'
# The coverage strip judges the weighted boundary by the same weights
# (coverage.h), and its line says so; with weights off it said nothing of
# them (the check of no 'weighted' on screen above).
check "the coverage line says weighted" screen_has 'in-sample weighted coverage: macro err'
check "the message says so" screen_has 'design weights on'
export_as weighted.csv
check "the weighted fit is capscope fit --design-weights' ($(exported weighted.csv))" \
    test "$(exported weighted.csv)" = "$weighted"
check "the exported table says design_weights on" grep -q ',ok,on' "$W/weighted.csv"

# The band of the weighted boundary (band.h: the survey sandwich, its
# "after" reweighted as if the suggestions were scored), computed in the
# worker from the weights; drawn on screen and in the SVG export, both
# shades, and nothing on stderr (a sanitizer build checks the worker).
tm_keys b
tm_wait 'band ░▒' 10 && ok "W and b: the weighted band is shown" || { fail "weighted band"; tm_capture; }
tm_settle; tm_capture >/dev/null
check "the weighted band is drawn" screen_has '[░▒]'
export_as band.svg
check "the SVG has the weighted band" grep -q 'class="band"' "$W/band.svg"
check "the SVG has the band after the suggestions" grep -q 'class="band-after"' "$W/band.svg"
tm_keys b

# The split's own fits are not weighted: the title says so there.
tm_keys s
tm_wait 'unweighted split' 10 && ok "split view: the title says its fits are unweighted" || { fail "split title"; tm_capture; }
tm_keys s

# Kept with the session, for the same file.
tm_keys q
tm_wait 'EXIT=0' 30 || { fail "q"; tm_capture; }
check "the session records the weights" grep -q '^weights=1$' "$cs_tmp/state/capscope/state"
tm_shell "'$CAPSCOPE' --data w.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'Sampler' 10 || { fail "restart"; tm_capture; finish; }
tm_wait "skill +42 +$q_weighted " 10 && ok "restarted weighted: q $q_weighted" || { fail "restart weighted"; tm_capture; }
check "restarted: the title says weighted" screen_has 'Plot +skill +tau 0\.98 +weighted'

# W again: back to the plain boundary; :weights and :set turn it on and off.
tm_keys W
tm_wait "skill +42 +$q_plain " 10 && ok "W again: the plain q $q_plain" || { fail "W off"; tm_capture; }
tm_idle || { fail "the work after W again did not finish"; tm_capture; }
check "W again: 'weighted' gone from the plot title" sh -c "! grep -q 'tau 0.98 *weighted' '$cs_tmp/screen'"
export_as plain2.csv
check "off again, the fit is capscope fit's" test "$(exported plain2.csv)" = "$plain"
tm_keys : w e i g h t s ' ' o n Enter
tm_wait "skill +42 +$q_weighted " 10 && ok ":weights on" || { fail ":weights on"; tm_capture; }
tm_keys : w e i g h t s ' ' o f f Enter
tm_wait "skill +42 +$q_plain " 10 && ok ":weights off" || { fail ":weights off"; tm_capture; }
tm_keys : w e i g h t s ' ' m a y b e Enter
tm_wait "weights: 'maybe' is not on or off" 5 && ok ":weights rejects a bad value" || { fail ":weights maybe"; tm_capture; }
tm_keys : s e t ' ' d e s i g n _ w e i g h t s ' ' o n Enter
tm_wait "skill +42 +$q_weighted " 10 && ok ":set design_weights on" || { fail ":set design_weights"; tm_capture; }
tm_keys : s e t ' ' d e s i g n _ w e i g h t s ' ' o f f Enter
tm_wait "skill +42 +$q_plain " 10 && ok ":set design_weights off" || { fail ":set design_weights off"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 30 || { fail "q after restart"; tm_capture; }
check "the session records weights off" grep -q '^weights=0$' "$cs_tmp/state/capscope/state"

# Toggled while fits are in the worker (the demo data, about 2000 rows a
# task): the results made for the old setting are dropped, never shown, and
# nothing leaks (a sanitizer build reports on stderr).
cp "$top_srcdir/data/demo.csv" "$W/demo.csv"
tm_shell "'$CAPSCOPE' --data demo.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'Plot +reasoning' 10 || { fail "demo start"; tm_capture; finish; }
tm_keys W W W W W
tm_wait 'Tasks +weighted' 60 && ok "five quick W: weighted, every task fitted" || { fail "quick W"; tm_capture; }
tm_keys W W q
tm_wait 'EXIT=0' 30 && ok "q while refitting" || { fail "q while refitting"; tm_capture; }

check "nothing on stderr in any run" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
