#!/bin/sh
# sweep.sh - `capscope sweep` on hand-made files: what it says about rows
# that cannot be drawn, what its run counts mean, and its formats.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
# 60 fully scored models at 4 compute levels, costs 1..5, two tasks.
awk 'BEGIN {
    srand(3); print "model,base_model,flops,date,params_b,acc,acc2"
    for (i = 0; i < 60; i++)
        printf "m%d,b%d,1e%d,2024-%02d-10,%d,%.3f,%.3f\n", i, int(i / 6), 21 + int(rand() * 4),
               1 + i % 12, 1 + i % 5, rand() * 0.9, rand() * 0.5
}' >"$d/s60.csv"
col() { # col NAME FILE: the values of the CSV column NAME, one a line
    awk -F, -v n="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == n) c = i; next } { print $c }' "$2"
}

# Budget 1: every method's subset is the whole file, so each refit is the
# full-data fit: dq is 0 and every run fits.
expect_status 0 "sweep --budgets 1" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 1 --seeds 3 --format csv
cp "$cs_tmp/out" "$d/b1.csv"
all_zero() { col "$1" "$2" | awk '$0 != "" && $0 + 0 != 0 { exit 1 }'; }
check "budget 1: every dq is 0" all_zero dq "$d/b1.csv"
check "budget 1: 60 rows in every subset" awk -F, 'NR > 1 && $7 != 60 { exit 1 } END { exit NR != 10 }' "$d/b1.csv"
# runs: the random subsets and replays fit in all 3 seeds; the mean's runs
# count the same subsets (not more than its tasks had).
check "budget 1: runs are 3 for random, incremental and their means, 1 for paper" awk -F, '
    NR > 1 { want = ($5 == "paper") ? 1 : 3; if ($9 != want) exit 1 }' "$d/b1.csv"
# A budget named twice runs once (as a method named twice does): the same
# records as naming it once, not each of them twice.
expect_status 0 "sweep --budgets 1,1.0" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 1,1.0 --seeds 3 --format csv
check "--budgets 1,1.0: the records of --budgets 1" cmp -s "$cs_tmp/out" "$d/b1.csv"
# Costs that add up past the largest double: refused before any fit, as
# suggest refuses them (a fraction of a NaN total read as a budget below 0).
awk -F, -v OFS=, 'NR > 1 && NR % 2 == 0 { $5 = "1e308" } { print }' "$d/s60.csv" >"$d/huge.csv"
expect_status 2 "sweep on costs past 1.8e308" "$CAPSCOPE" sweep --data "$d/huge.csv" --seeds 1
check "sweep: says the costs add up past the most a number holds" \
    grep -q "huge.csv: the costs add up past 1.8e+308" "$cs_tmp/err"
many=$(awk 'BEGIN { for (i = 1; i <= 33; i++) printf "%s%.2f", i > 1 ? "," : "", i / 100 }')
expect_status 2 "33 budgets are refused" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets "$many"
check "33 budgets: says at most 32" grep -q "at most 32 fractions" "$cs_tmp/err"
if [ -n "${JQ:-}" ] && [ -x "$JQ" ]; then
    expect_status 0 "sweep --format json" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 0.5 --seeds 2 --format json
    check "json parses: 9 results, seeds 2" sh -c "'$JQ' -e '(.results | length) == 9 and .seeds == 2' '$cs_tmp/out' >/dev/null"
fi

# A budget no subset of 4 rows fits (1% of 180 = 1.8; costs 1..5): no task
# can be fitted in any run, and the mean rows say 0 runs too, as their
# tasks do, with null errors.
expect_status 0 "sweep at 1%" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 0.01 --seeds 2 --format csv
check "1%: every record has 0 runs" awk -F, 'NR > 1 && $9 != 0 { exit 1 } END { exit NR != 10 }' "$cs_tmp/out"
check "1%: and no abs_dq" awk -F, 'NR > 1 && $(NF - 1) != "" { exit 1 }' "$cs_tmp/out"

# Rows without a cost are never drawn: a note says how many; with no cost
# column at all every subset is empty, and the note says so.
awk -F, -v OFS=, 'NR > 1 && NR % 4 == 0 { $5 = "" } { print }' "$d/s60.csv" >"$d/some.csv"
expect_status 0 "sweep, 15 rows without a cost" "$CAPSCOPE" sweep --data "$d/some.csv" --budgets 0.5 --seeds 1 --methods random --format csv
check "a warning counts the 15 rows" grep -q "15 rows without a cost are never drawn" "$cs_tmp/err"
check "the pool's cost leaves them out" sh -c "[ \"\$(awk -F, 'NR == 2 { print \$1 }' '$cs_tmp/out')\" = \"\$(awk -F, 'NR > 1 && \$5 != \"\" { s += \$5 } END { print s }' '$d/some.csv')\" ]"
cut -d, -f1-4,6- "$d/s60.csv" >"$d/nocost.csv"
expect_status 0 "sweep, no cost column" "$CAPSCOPE" sweep --data "$d/nocost.csv" --budgets 0.5 --seeds 1 --methods random
check "a note says every subset is empty" grep -q "no row has a cost, so every subset is empty" "$cs_tmp/err"
# and the incremental replays' note does not blame --start for the budget of 0
expect_status 0 "sweep, no cost column, incremental" "$CAPSCOPE" sweep --data "$d/nocost.csv" --budgets 0.5 --seeds 1 --methods incremental
check "the note of no cost, and no other" sh -c "grep -q 'no row has a cost' '$cs_tmp/err' && ! grep -q 'start' '$cs_tmp/err'"
expect_status 0 "--quiet silences it" "$CAPSCOPE" sweep --data "$d/nocost.csv" --budgets 0.5 --seeds 1 --methods random --quiet
check "nothing on stderr with --quiet" test ! -s "$cs_tmp/err"

# The incremental replay scores --start random rows before it asks the
# sampler. At 5% of 180 (a budget of 9, costs 1..5) a dozen rows cannot be
# afforded, so the starting rows spend the budget and the sampler is never
# asked: those replays are random subsets, and a note must say so rather
# than let "incremental" read as the sampler's result. With 4 starting rows
# (at most 20 of a budget of 90) every replay has room to ask.
expect_status 0 "sweep at 5%, 12 starting rows" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 0.05 --seeds 3 --methods incremental --format csv
check "a note says the 3 replays took no suggestion" \
    grep -q "budget 0.05: 3 of 3 incremental replays took no suggestion" "$cs_tmp/err"
check "the note is not in the CSV" sh -c "! grep -q note '$cs_tmp/out'"
expect_status 0 "sweep at 50%, 4 starting rows" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 0.5 --seeds 3 --start 4 --methods incremental --format csv
check "no such note when the sampler is asked" sh -c "! grep -q 'took no suggestion' '$cs_tmp/err'"

# A task named "mean" shares its name with the records that average the
# tasks: a warning says how to tell them apart (q_full, null in the
# average's), and that rule holds in the output.
sed '1s/,acc2$/,mean/' "$d/s60.csv" >"$d/mean.csv"
expect_status 0 "sweep on a task named mean" "$CAPSCOPE" sweep --data "$d/mean.csv" --budgets 1 --seeds 1 --methods random --format csv
check "a warning names the clash and the way out" grep -qxF "capscope: warning: task 'mean' has the name of the records that average the tasks: tell them apart by q_full, null in the average's" "$cs_tmp/err"
# Columns: pool_cost,flops,seeds,budget,method,task,n,used,runs,q_full,...
check "two records of task mean: the task's with q_full, the average's without" \
    test "$(awk -F, '$6 == "mean" { print ($10 == "" ? "average" : "task") }' "$cs_tmp/out" | tr '\n' ' ')" = "task average "
expect_status 0 "no such warning for other names" "$CAPSCOPE" sweep --data "$d/s60.csv" --budgets 1 --seeds 1 --methods random --format csv
check "no warning of a clash" sh -c "! grep -q \"task 'mean'\" '$cs_tmp/err'"

finish
