#!/bin/sh
# require.sh - `capscope require` at the edges: an accuracy close to the
# ceiling needs a compute past the largest double, which is still a number
# (null would read as "not reachable"), and the accuracy is echoed as given.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
# A shallow boundary (b ~ 0.08): 0.99999999999999 lies 400 decades out.
{
    echo "model,flops,acc"
    i=0
    for z in 20 21 22 23 24 25; do
        for k in 1 2 3; do
            awk -v z="$z" -v k="$k" -v i="$i" \
                'BEGIN { printf "m%d,1e%d,%.4f\n", i, z, 1 / (1 + exp(-0.08 * (z - 22.5))) - 0.01 * k }'
            i=$((i + 1))
        done
    done
} >"$d/shallow.csv"

expect_status 0 "require an accuracy next to the ceiling (csv)" \
    "$CAPSCOPE" require --data "$d/shallow.csv" --accuracy 0.99999999999999 --format csv
sed 1d "$cs_tmp/out" >"$d/row"
IFS=, read -r task acc reachable flops z extrap at_min ceiling <"$d/row"
check "the accuracy is echoed with all its digits" [ "$acc" = "0.99999999999999" ]
check "reachable, extrapolated" sh -c '[ "$1" = true ] && [ "$2" = true ]' - "$reachable" "$extrap"
check "z lies past 308 decades (z = $z)" awk -v z="$z" 'BEGIN { exit !(z > 308) }'
# flops is 10^z written out: mantissa 10^(z - floor(z)), exponent floor(z).
check "flops ($flops) is 10^z" awk -v z="$z" -v f="$flops" 'BEGIN {
    e = int(z); m = exp((z - e) * log(10)); split(f, p, "e");
    exit !(p[2] + 0 == e && (p[1] - m) ^ 2 < 1e-12) }'

expect_status 0 "the same as JSON" \
    "$CAPSCOPE" require --data "$d/shallow.csv" --accuracy 0.99999999999999 --format json
check "JSON: flops is a number, not null" grep -q '"flops": [0-9.]*e+4[0-9][0-9],' "$cs_tmp/out"
if command -v python3 >/dev/null 2>&1; then
    check "JSON parses" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$cs_tmp/out"
fi

expect_status 0 "the same as a table" \
    "$CAPSCOPE" require --data "$d/shallow.csv" --accuracy 0.99999999999999
check "table: accuracy as given" grep -qx "accuracy: 0.99999999999999" "$cs_tmp/out"
check "table: flops to 3 digits" grep -qx "flops: [0-9]\.[0-9]*e+4[0-9][0-9]" "$cs_tmp/out"

# Above the ceiling: not reachable, flops null.
expect_status 0 "require 1 (at the ceiling)" \
    "$CAPSCOPE" require --data "$d/shallow.csv" --accuracy 1 --format json
check "accuracy 1: not reachable, flops null" grep -q '"reachable": false, "flops": null' "$cs_tmp/out"

# Reached at the least compute: that compute as the file has it. 10^log10
# of 1.227564e21 reads back as 1.2275639999999986e+21, a value no row has.
# Accuracy 0 is reached wherever the boundary is (q >= y0 >= 0).
{
    echo "model,flops,acc"
    for i in 1 2 3 4 5 6; do echo "m$i,1.227564e2$i,0.$i"; done
} >"$d/least.csv"
expect_status 0 "require 0: reached at the least compute" \
    "$CAPSCOPE" require --data "$d/least.csv" --accuracy 0 --format csv
sed 1d "$cs_tmp/out" >"$d/row"
IFS=, read -r task acc reachable flops z extrap at_min ceiling <"$d/row"
check "reached_at_min" [ "$at_min" = true ]
check "flops is the file's least, 1.227564e+21 (got $flops)" [ "$flops" = "1.227564e+21" ]

# A flat boundary (L = 0) is said, with what to try. Every score 0.5: the
# smoothed loss's optimum is the constant 0.5 + logit(0.98) / 50 =
# 0.5 + ln(49) / 50 = 0.57784. Its own value is reached at the least
# compute, not unreachable (y0 is the ceiling too).
{
    echo "model,flops,acc"
    for i in 1 2 3 4 5 6 7 8; do echo "m$i,1e2$((i % 5 + 1)),0.5"; done
} >"$d/flat.csv"
expect_status 0 "fit on equal scores" "$CAPSCOPE" fit --data "$d/flat.csv" --format csv
check "the note names the task and the flat value" \
    grep -q "^capscope: note: task 'acc': the boundary is flat at 0.5778 (L = 0)" "$cs_tmp/err"
# At tau 0.01 the optimum is the constant 0.5 + logit(0.01) / 50 =
# 0.5 - ln(99) / 50 = 0.40810, flat but below every score: the quantile is
# where it belongs, and the note's advice (follow the top rows) does not
# apply, so there is no note.
expect_status 0 "fit on equal scores at tau 0.01" "$CAPSCOPE" fit --data "$d/flat.csv" --tau 0.01 --format csv
IFS=, read -r _ _ _ _ _ lo_y0 lo_L _ <<EOF_ROW
$(sed -n 2p "$cs_tmp/out")
EOF_ROW
check "tau 0.01: flat (L = $lo_L) at 0.40810 (y0 = $lo_y0)" \
    awk -v y="$lo_y0" -v l="$lo_L" 'BEGIN { d = y - 0.40810; exit !(d < 1e-4 && d > -1e-4 && l < 1e-6) }'
check "tau 0.01: no note about the top rows" [ ! -s "$cs_tmp/err" ]
expect_status 0 "--quiet" "$CAPSCOPE" fit --data "$d/flat.csv" --quiet
check "--quiet: no note" [ ! -s "$cs_tmp/err" ]
y0=$("$CAPSCOPE" fit --data "$d/flat.csv" --format csv 2>/dev/null | awk -F, 'NR == 2 { print $6 }')
expect_status 0 "require the flat value" "$CAPSCOPE" require --data "$d/flat.csv" --accuracy "$y0" --format csv
check "reached at the least compute" grep -q ",true,1e+21,21,false,true," "$cs_tmp/out"
# The note's advice names only what is not already that sharp: at --kappa
# 1e6 (a width of 1e-6) the advice to use 1000 would blunt the loss. There
# the optimum is 0.5 + ln(49) / 1e6 = 0.5000039, still on or above every
# score, so the note stays, without advice; at --kappa 1000 only --lambda-b.
expect_status 0 "fit on equal scores at kappa 1e6, lambda_b 0" \
    "$CAPSCOPE" fit --data "$d/flat.csv" --kappa 1e6 --lambda-b 0 --format csv
check "kappa 1e6: the note, flat at 0.5 to 4 digits" grep -q "^capscope: note: task 'acc': the boundary is flat at 0.5 (L = 0)" "$cs_tmp/err"
check "kappa 1e6: no advice to use --kappa 1000 or --lambda-b 1e-5" sh -c "! grep -q 'kappa 1000\|lambda-b 1e-5' '$cs_tmp/err'"
expect_status 0 "fit on equal scores at kappa 1000" "$CAPSCOPE" fit --data "$d/flat.csv" --kappa 1000 --format csv
check "kappa 1000: the advice names --lambda-b alone" \
    sh -c "grep -q -- '--lambda-b 1e-5' '$cs_tmp/err' && ! grep -q -- '--kappa 1000' '$cs_tmp/err'"

# The table's ceiling tells itself from the accuracy asked: at 4 decimals a
# ceiling of 0.846247 and an accuracy of 0.8462 both read 0.8462 beside
# "reachable", a contradiction on its face. It takes the first count of
# decimals (4 or more) at which the two differ, worked out here by awk's
# printf from the fit's exact y0 + L.
{
    echo "model,flops,acc"
    i=0
    for z in 20 21 22 23 24 25; do
        for k in 1 2 3 4; do
            awk -v z="$z" -v k="$k" -v i="$i" 'BEGIN { printf "m%d,1e%d,%.4f\n", i, z,
                0.05 + 0.54 / (1 + exp(-1.5 * (z - 22.5))) - 0.01 * k + 0.003 * sin(i) }'
            i=$((i + 1))
        done
    done
} >"$d/saturating.csv"
expect_status 0 "fit --format csv (the ceiling y0 + L)" "$CAPSCOPE" fit --data "$d/saturating.csv" --format csv
ceiling=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { printf "%.17g", $c["y0"] + $c["L"] }' "$cs_tmp/out")
near=$(awk -v c="$ceiling" 'BEGIN { printf "%.4f", c }')
want=$(awk -v c="$ceiling" -v a="$near" 'BEGIN {
    for (k = 4; k <= 10; k++) { x = sprintf("%." k "f", c); if (x != sprintf("%." k "f", a)) break }
    print x }')
expect_status 0 "require the ceiling at 4 decimals ($near of $ceiling)" \
    "$CAPSCOPE" require --data "$d/saturating.csv" --accuracy "$near"
check "the ceiling is below 1 and not 4 decimals long" sh -c '[ "$1" != 1.0000 ] && [ "$2" != "$1" ]' - "$near" "$want"
check "the table's ceiling reads $want, not $near" grep -q "^ceiling: $want\$" "$cs_tmp/out"
expect_status 0 "require 0.5 of the same" "$CAPSCOPE" require --data "$d/saturating.csv" --accuracy 0.5
check "far from it, 4 decimals as ever ($near)" grep -q "^ceiling: $near\$" "$cs_tmp/out"

# The ceiling is y0 + L, not L: a boundary with a floor (flat at 0.3 over
# the least compute, then a steep rise), whose fitted y0 is well above 0.
sigmoid_grid 0.3 0.6 4 23.5 >"$d/floor.csv"
expect_status 0 "fit a boundary with a floor" "$CAPSCOPE" fit --data "$d/floor.csv" --format csv
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { if ($c["y0"] > 0.01) printf "%.4f", $c["y0"] + $c["L"] }' "$cs_tmp/out")
expect_status 0 "require 0.5 of it" "$CAPSCOPE" require --data "$d/floor.csv" --accuracy 0.5
check "its ceiling is y0 + L ($want)" sh -c '[ -n "$1" ] && grep -q "^ceiling: $1\$" "$2"' - "$want" "$cs_tmp/out"

finish
