#!/bin/sh
# plot_legend.sh - `capscope plot`'s legend line at any width: the longest
# of its forms that fits, never one cut off in mid-word. The forms, from the
# marks they explain: the density key (ascii: . 1 o 2-3 O 4-7 @ 8+), the
# curve's sample, and "boundary (tau T)" or, narrowest, "tau T".
. "$top_srcdir/tests/lib.sh"

for cs in ascii braille block; do
    for w in 80 61 60 45 40 33 32 25 20; do
        expect_status 0 "plot $cs at width $w" "$CAPSCOPE" plot --charset "$cs" --width "$w" --height 12 --color never
        tail -n 1 "$cs_tmp/out" > "$cs_tmp/legend"
        check "$cs $w: the legend fits ($(cat "$cs_tmp/legend"))" [ "$(wc -L < "$cs_tmp/legend")" -le "$w" ]
        check "$cs $w: the legend ends with the whole tau, not cut" grep -Eq '(boundary \(tau 0\.98\)|tau 0\.98)$' "$cs_tmp/legend"
        # Whatever the width, the boundary's quantile is named in it.
        check "$cs $w: the legend names tau" grep -q 'tau 0.98' "$cs_tmp/legend"
    done
done
# Where the full legend fits (61 columns in ascii: "models per cell: " 17,
# the key 20, 2 spaces, "-/" and a space, "boundary (tau 0.98)" 19), it is
# given whole.
expect_status 0 "plot ascii at 61" "$CAPSCOPE" plot --charset ascii --width 61 --height 12 --color never
check "61 columns: the whole legend" sh -c 'tail -n 1 "$1" | grep -qx "models per cell: \. 1 o 2-3 O 4-7 @ 8+  -/ boundary (tau 0\.98)"' sh "$cs_tmp/out"
# Crowded cells are bold only in colour: without it the legend does not
# promise bold, and with it it does (and the plot has bold cells: SGR 1).
for cs in braille block; do
    expect_status 0 "plot $cs without colour" "$CAPSCOPE" plot --charset "$cs" --width 80 --height 24 --color never
    check "$cs without colour: no bold promised" sh -c '! tail -n 1 "$1" | grep -q bold' sh "$cs_tmp/out"
    check "$cs without colour: the points are named" sh -c 'tail -n 1 "$1" | grep -q " models  "' sh "$cs_tmp/out"
    expect_status 0 "plot $cs in colour" "$CAPSCOPE" plot --charset "$cs" --width 80 --height 24 --color always
    check "$cs in colour: bold said" sh -c 'tail -n 1 "$1" | grep -q "models (bold: 8+ in a cell)"' sh "$cs_tmp/out"
    check "$cs in colour: bold shown" sh -c 'grep -q "$(printf "\033")\[1;" "$1"' sh "$cs_tmp/out"
done
finish
