#!/bin/sh
# predict.sh - `capscope predict` outside the data: q is held at the nearest
# end of the fitted compute range (method.md, section 4), and the record
# says "clamped" exactly when the compute asked lies outside that range (the
# ends themselves are inside).
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
# A boundary that rises across the data (1e21 .. 1e25), so that holding q
# at an end differs from following the curve past it.
sigmoid_grid 0.1 0.8 1.5 23 >"$d/rising.csv"

expect_status 0 "predict below, inside, at the ends of and above the data" \
    "$CAPSCOPE" predict --data "$d/rising.csv" --flops 1e10 --flops 1e21 --flops 1e23 --flops 1e25 \
    --flops 1e30 --format csv
# Columns task, flops, z, q, clamped.
q() { awk -F, -v r="$1" 'NR == r + 1 { print $4 }' "$cs_tmp/out"; }
clamped() { awk -F, -v r="$1" 'NR == r + 1 { print $5 }' "$cs_tmp/out"; }
check "1e10 is clamped" [ "$(clamped 1)" = true ]
check "1e21, the least compute fitted, is not" [ "$(clamped 2)" = false ]
check "1e23 is not" [ "$(clamped 3)" = false ]
check "1e25, the largest compute fitted, is not" [ "$(clamped 4)" = false ]
check "1e30 is clamped" [ "$(clamped 5)" = true ]
check "q at 1e10 is q at 1e21 ($(q 1), $(q 2))" sh -c '[ -n "$1" ] && [ "$1" = "$2" ]' - "$(q 1)" "$(q 2)"
check "q at 1e30 is q at 1e25 ($(q 5), $(q 4))" sh -c '[ -n "$1" ] && [ "$1" = "$2" ]' - "$(q 5)" "$(q 4)"

# The check above can fail: the fitted curve itself, followed past the
# data, is well away from its value at the ends (by more than the 4
# decimals written).
expect_status 0 "the fitted parameters" "$CAPSCOPE" fit --data "$d/rising.csv" --format csv
check "the curve rises past 1e25 and falls below 1e21" awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    function q(z) { return $c["y0"] + $c["L"] / (1 + exp(-$c["b"] * (z - $c["z_star"]))) }
    { seen = 1; ok = q(30) - q(25) > 0.001 && q(21) - q(10) > 0.001 }
    END { exit !(seen && ok) }' "$cs_tmp/out"

finish
