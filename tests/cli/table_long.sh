#!/bin/sh
# A table cell takes at most 120 columns: a longer name is cut in the
# middle (a third of the 117 columns left by "..." for its start, the rest
# for its end), the table says so once under its rows, and JSON and CSV
# keep the whole name. One 3000-character model name made every row of
# suggest's table about 3130 columns wide.
. "$top_srcdir/tests/lib.sh"
d=$cs_tmp
long=$(awk 'BEGIN { s = "org/"; for (i = 0; i < 2992; i++) s = s sprintf("%c", 97 + i % 26); print s "-END" }')
at120=$(awk 'BEGIN { s = ""; for (i = 0; i < 120; i++) s = s "x"; print s }')
{
    echo "model,flops,params_b,acc"
    echo "$long,1e25,1,"
    echo "$at120,1e24,1,"
    echo "short,1e23,1,"
    for i in 1 2 3 4 5; do echo "m$i,1e2$i,1,0.$i"; done
} >"$d/long.csv"
check "the name is 3000 characters" [ "${#long}" -eq 3000 ]

expect_status 0 "suggest, table" "$CAPSCOPE" suggest --data "$d/long.csv" --task acc --count 3
cp "$cs_tmp/out" "$d/table"
head39=$(printf '%s' "$long" | cut -c1-39)
tail78=$(printf '%s' "$long" | cut -c2923-3000)
check "the long name is its first 39 and last 78 characters around '...'" \
    grep -q " $head39\.\.\.$tail78 " "$d/table"
check "a name of exactly 120 columns is whole" grep -q " $at120 " "$d/table"
check "no line is wider than 300 columns (3130 whole)" awk 'length($0) > 300 { exit 1 }' "$d/table"
check "the cut is said once" [ "$(grep -c 'cut in the middle' "$d/table")" -eq 1 ]
check "the note points to csv and json" grep -qx "(1 cell longer than 120 columns cut in the middle at '...'; --format csv or json gives the whole text)" "$d/table"
check "the note is the last line" sh -c 'tail -n 1 "$1" | grep -q "cut in the middle"' sh "$d/table"

# --quiet silences standard error alone (capscope(1)): the table and its
# line on the cut are the same with it, as the '...' that line explains is.
expect_status 0 "suggest, table, --quiet" "$CAPSCOPE" suggest --data "$d/long.csv" --task acc --count 3 --quiet
check "--quiet leaves the table and its note as they are" cmp -s "$cs_tmp/out" "$d/table"
check "--quiet: nothing on stderr" [ ! -s "$cs_tmp/err" ]

expect_status 0 "suggest, csv" "$CAPSCOPE" suggest --data "$d/long.csv" --task acc --count 3 --format csv
check "csv keeps the whole name" grep -q ",$long," "$cs_tmp/out"
check "csv says nothing of a cut" sh -c '! grep -q "cut in the middle" "$1" "$2"' sh "$cs_tmp/out" "$cs_tmp/err"
expect_status 0 "suggest, json" "$CAPSCOPE" suggest --data "$d/long.csv" --task acc --count 3 --format json
check "json keeps the whole name" grep -q "\"$long\"" "$cs_tmp/out"

# Nothing cut, no note: the table of names that fit is as it was.
expect_status 0 "suggest on the demo data" "$CAPSCOPE" suggest --count 3
check "no note without a cut" sh -c '! grep -q "cut in the middle" "$1"' sh "$cs_tmp/out"
finish
