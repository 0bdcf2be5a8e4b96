#!/bin/sh
# A plot too small for all its lines degrades whole parts, never cuts them:
# the legend's line goes to the plot below 5 lines (the plot above it keeps
# its title, a row of points, the x axis and its labels: 4) and below the
# width of its shortest form, "tau 0.98" after the curve's sample (3
# columns, 2 in ascii) and a space: 12 columns, 11 in ascii. Cut, it merged
# into the plot: at 5x4 the lines were the axis labels and a stroke and "t",
# with no title. The demo's first task is "reasoning".
. "$top_srcdir/tests/lib.sh"
plot() { "$CAPSCOPE" plot --color never --width "$1" --height "$2" --charset "$3"; }

expect_status 0 "plot 5x4 braille" plot 5 4 braille
check "5x4: 4 lines" [ "$(wc -l <"$cs_tmp/out")" -eq 4 ]
check "5x4: the title first, cut at the width" [ "$(head -n 1 "$cs_tmp/out")" = "reaso" ]
check "5x4: no legend" sh -c '! grep -q "t$" "$1"' sh "$cs_tmp/out"

expect_status 0 "plot 12x5 braille" plot 12 5 braille
check "12x5: the title first" [ "$(head -n 1 "$cs_tmp/out")" = "reasoning" ]
check "12x5: the legend's shortest form, whole" sh -c 'tail -n 1 "$1" | grep -q " tau 0\.98$"' sh "$cs_tmp/out"

expect_status 0 "plot 11x5 braille" plot 11 5 braille
check "11x5: 5 lines" [ "$(wc -l <"$cs_tmp/out")" -eq 5 ]
check "11x5: the title first" [ "$(head -n 1 "$cs_tmp/out")" = "reasoning" ]
check "11x5: no legend, not even a part of it" sh -c '! grep -q "tau\|ta$\| t$" "$1"' sh "$cs_tmp/out"
check "11x5: the x axis labels last" sh -c 'tail -n 1 "$1" | grep -q "10"' sh "$cs_tmp/out"

expect_status 0 "plot 11x5 ascii" plot 11 5 ascii
check "11x5 ascii: the legend" [ "$(tail -n 1 "$cs_tmp/out")" = "-/ tau 0.98" ]
expect_status 0 "plot 10x5 ascii" plot 10 5 ascii
check "10x5 ascii: no legend" sh -c '! grep -q "tau\|-/ " "$1"' sh "$cs_tmp/out"
check "10x5 ascii: the title first" [ "$(head -n 1 "$cs_tmp/out")" = "reasoning" ]
check "10x5 ascii: the x axis labels last" sh -c 'tail -n 1 "$1" | grep -q "1e2"' sh "$cs_tmp/out"

# A longer tau makes the shortest form longer: tau 0.975 is 13 columns.
expect_status 0 "plot 12x6 braille, tau 0.975" "$CAPSCOPE" plot --color never --width 12 --height 6 --charset braille --tau 0.975
check "12x6 tau 0.975: no legend" sh -c '! grep -q "tau" "$1"' sh "$cs_tmp/out"
expect_status 0 "plot 13x6 braille, tau 0.975" "$CAPSCOPE" plot --color never --width 13 --height 6 --charset braille --tau 0.975
check "13x6 tau 0.975: the legend" sh -c 'tail -n 1 "$1" | grep -q " tau 0\.975$"' sh "$cs_tmp/out"
finish
