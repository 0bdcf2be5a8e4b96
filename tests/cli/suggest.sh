#!/bin/sh
# suggest.sh - `capscope suggest` (and `sweep`) through the real binary:
# formats, usage errors, budget accounting on a hand-made file, and the
# paper's design on the shared data.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
# 6 compute levels x 5 fine-tunes; rows 3, 8, ... (every fifth) unscored;
# m23 unscored and without a cost.
{
    echo "model,flops,params_b,acc"
    i=0
    for lv in 1 2 3 4 5 6; do
        for f in 1 2 3 4 5; do
            cost=$lv
            score="0.$lv$f"
            [ $((i % 5)) -eq 3 ] && score=""
            [ $i -eq 23 ] && cost=""
            echo "m$i,${lv}e22,$cost,$score"
            i=$((i + 1))
        done
    done
} >"$d/small.csv"
# Unscored rows: m3 m8 m13 m18 m23 m28 with costs 1 2 3 4 (none) 6: pool cost 16.

expect_status 0 "suggest --count 3 (table)" "$CAPSCOPE" suggest --data "$d/small.csv" --count 3
check "table has a header with rank and model" grep -q "rank.*model" "$cs_tmp/out"
check "warning names the row without a cost" grep -q "1 candidate row without a cost" "$cs_tmp/err"
# --count alone sets no budget: the table says so with "-", as JSON says null.
check "table: no budget shows as -" grep -qx "budget: -" "$cs_tmp/out"

# The table's header writes its figures by one rule (costtext.h): the
# decimals that give the budget three significant digits, for all of them.
# Costs in hundredths (unscored: 0.01 0.02 0.03 0.04 0.06, pool cost 0.16)
# under a budget of 0.05: 0.0500, 0.1600, and what is used in 4 decimals.
# "%.1f" wrote the budget of 0.05 as 0.1 and the pool's cost as 0.2.
awk -F, 'BEGIN { OFS = "," } NR > 1 && $3 != "" { $3 = $3 / 100 } { print }' "$d/small.csv" >"$d/cents.csv"
expect_status 0 "suggest --budget-abs 0.05 in hundredths" "$CAPSCOPE" suggest --data "$d/cents.csv" --budget-abs 0.05
check "header: the budget in three significant digits" grep -qx "budget: 0.0500" "$cs_tmp/out"
check "header: the pool's cost in the budget's decimals" grep -qx "pool_cost: 0.1600" "$cs_tmp/out"
check "header: what is used in the budget's decimals" grep -qx "used: 0\.0[1-5]00" "$cs_tmp/out"
expect_status 0 "the same as JSON" "$CAPSCOPE" suggest --data "$d/cents.csv" --budget-abs 0.05 --format json
check "JSON keeps the shortest text (contract)" grep -q '"budget": 0.05, "used": 0.0[1-5], "pool_cost": 0.16,' "$cs_tmp/out"

# The cost column by the same rule, so that the costs line up with each
# other and add up to "used" by hand: the demo's picks cost 0.5, 1, 2 and 27,
# which "%.4g" wrote as 0.5, 2 and 27 under "used: 87.0".
expect_status 0 "suggest --count 8 on the demo" "$CAPSCOPE" suggest --count 8
used_dec=$(sed -n 's/^used: [0-9]*\.\{0,1\}\([0-9]*\)$/\1/p' "$cs_tmp/out" | awk '{ print length($0) }')
check "the cost column in the header's decimals ($used_dec)" awk -v dec="$used_dec" '
    $1 == "rank" { for (i = 1; i <= NF; i++) if ($i == "cost") col = i; next }
    col && $1 ~ /^[0-9]+$/ { n++; split($col, p, "."); if (length(p[2]) != dec) bad++ }
    END { exit !(dec != "" && n == 8 && !bad) }' "$cs_tmp/out"

# A large pool puts the header in powers of ten (4.4e+06), but not the
# cost column: each pick's cost is written exactly, as the sampler pane
# writes it (its own notation), so 405 and 1.25 read 405 and 1.25, not
# 4.0e+02 and 1.2e+00. Checked against the data's own cost of each model.
awk 'BEGIN { srand(5); print "model,flops,params_b,acc"
    for (i = 0; i < 4000; i++) { k = i % 4; c = k == 0 ? 1.25 : k == 1 ? 3.5 : k == 2 ? 405 : 4050
        printf "m%d,1e%d,%g,%s\n", i, 21 + int(rand() * 4), c, (i < 80 ? sprintf("%.3f", rand() * 0.8) : "") } }' \
    >"$d/bigpool.csv"
expect_status 0 "suggest from a pool of 4.4e6" "$CAPSCOPE" suggest --data "$d/bigpool.csv" --count 12
check "the header is in powers of ten" grep -qx "pool_cost: 4\.4e+06" "$cs_tmp/out"
check "each pick's cost is the data's, exactly" awk -F, -v table="$cs_tmp/out" '
    FNR == NR { if (FNR > 1) cost[$1] = $3; next }
    { m = split($0, f, " ") }
    f[1] == "rank" { for (i = 1; i <= m; i++) if (f[i] == "cost") col = i; next }
    col && f[1] ~ /^[0-9]+$/ { n++; if (f[col] ~ /e/ || f[col] + 0 != cost[f[2]] + 0) { print "bad: " $0; bad++ } }
    END { exit !(n == 12 && !bad) }' "$d/bigpool.csv" "$cs_tmp/out"

# Every row scored: nothing to pick, and a note says why.
grep -v ',$' "$d/small.csv" >"$d/full.csv"
expect_status 0 "suggest on a fully scored file" "$CAPSCOPE" suggest --data "$d/full.csv" --count 3
check "fully scored: no picks" grep -qx "n_picked: 0" "$cs_tmp/out"
check "fully scored: a note says nothing is left" grep -q "nothing to suggest" "$cs_tmp/err"

# The only unscored rows repeat names whose first rows are scored: suggest
# offers a name's first row only (cs_design_candidates), so nothing is left,
# and the note says so for that reason. "every row is scored" would be
# false, and "nothing fits the budget" blamed a budget that is not the cause.
{
    echo "model,flops,params_b,acc"
    echo "a,1e22,1,0.1"
    echo "b,2e22,2,0.2"
    echo "c,3e22,3,0.3"
    echo "d,4e22,4,0.4"
    echo "b,5e22,5,"
    echo "c,6e22,6,"
} >"$d/repeats.csv"
expect_status 0 "suggest when only later repeats are unscored" "$CAPSCOPE" suggest --data "$d/repeats.csv" --prior paper --budget 0.9
check "repeats: no picks" grep -qx "n_picked: 0" "$cs_tmp/out"
check "repeats: the note names the repeated names as the reason" \
    grep -q "note: the 2 unscored rows on the task asked for repeat an earlier model name whose first row is scored, and suggest offers only a name's first row, so there is nothing to suggest" "$cs_tmp/err"
check "repeats: not 'every row is scored'" sh -c "! grep -q 'every row is scored' '$cs_tmp/err'"
check "repeats: not the budget" sh -c "! grep -q 'fits the budget' '$cs_tmp/err'"

# No cost column at all: one cause, said once, with what to do (a warning
# counting the rows without a cost and a note that none has one said it
# twice). The six unscored rows of small.csv are the candidates.
cut -d, -f1,2,4 "$d/small.csv" >"$d/nocost.csv"
for prior in fit paper; do
    expect_status 0 "suggest --prior $prior, no cost column" "$CAPSCOPE" suggest --data "$d/nocost.csv" --prior $prior --count 3
    check "no cost column ($prior): no picks" grep -qx "n_picked: 0" "$cs_tmp/out"
    check "no cost column ($prior): says none has a cost, counting the 6 candidates" \
        grep -q "^capscope: warning: no candidate has a cost (6 rows), so none can be picked (name the cost column with --config" "$cs_tmp/err"
    check "no cost column ($prior): said once, in one line" test "$(grep -c 'cost' "$cs_tmp/err")" -eq 1
done

# --budget 1 buys every candidate, even when the costs summed in the order
# the picks come (0.1 + 0.2 + 0.3 = 0.6000000000000001) exceed the pool's
# sum in file order (0.3 + 0.2 + 0.1 = 0.6) by an ulp.
{
    echo "model,flops,params_b,acc"
    echo "u0,1e21,0.3,"
    echo "u1,1e22,0.2,"
    echo "u2,1e23,0.1,"
    for k in 1 2 3 4; do echo "s$k,1e2$k,1,0.$k"; done
} >"$d/ulp.csv"
expect_status 0 "suggest --budget 1 (costs that sum differently by order)" \
    "$CAPSCOPE" suggest --data "$d/ulp.csv" --budget 1 --format csv
check "--budget 1 picks all three candidates" sh -c "[ \$(tail -n +2 '$cs_tmp/out' | wc -l) -eq 3 ]"

# The manual's example: costs of 0.1 and 0.2 within --budget-abs 0.3 both fit
# (they sum to 0.30000000000000004 in doubles, within 1e-9 of the budget), and
# the cost used is given as the budget, never above it.
{
    echo "model,flops,params_b,acc"
    echo "c1,1e22,0.1,"
    echo "c2,1e23,0.2,"
    for k in 1 2 3 4; do echo "s$k,1e2$k,1,0.$k"; done
} >"$d/decimals.csv"
for prior in fit paper; do
    expect_status 0 "suggest --budget-abs 0.3 over costs 0.1 and 0.2 ($prior)" \
        "$CAPSCOPE" suggest --data "$d/decimals.csv" --budget-abs 0.3 --prior "$prior" --format csv
    check "both fit ($prior)" sh -c "[ \$(tail -n +2 '$cs_tmp/out' | wc -l) -eq 2 ]"
    check "the cost used is the budget, 0.3, not above it ($prior)" \
        awk -F, 'NR > 1 { if ($1 != "0.3" || $2 != "0.3") exit 1 }' "$cs_tmp/out"
done

# Costs that add up past the largest double (two of 1e308, 1.8e308 at
# most) leave no budget or spend to compare: refused as an input error, not
# a budget "below 0" (a fraction of a NaN total) or picks that stop once
# the spend is infinite.
{
    echo "model,flops,params_b,acc"
    for k in 1 2 3 4; do echo "h$k,1e2$k,1e308,"; echo "s$k,1e2$k,1,0.$k"; done
} >"$d/huge.csv"
for prior in fit paper; do
    for sel in "--count 8" "--budget 1"; do
        expect_status 2 "suggest --prior $prior $sel, costs past 1.8e308" \
            "$CAPSCOPE" suggest --data "$d/huge.csv" --prior $prior $sel
        check "--prior $prior $sel: says the costs add up past the most a number holds" \
            grep -q "huge.csv: the costs add up past 1.8e+308" "$cs_tmp/err"
    done
done

expect_status 0 "suggest --budget 0.5 (csv)" "$CAPSCOPE" suggest --data "$d/small.csv" --budget 0.5 --format csv
check "csv header" sh -c "head -1 '$cs_tmp/out' | grep -q '^budget,used,'"
# Budget 0.5 * 16 = 8: every line's used <= budget, and picks are unscored rows.
check "csv used <= budget" awk -F, 'NR > 1 { if ($2 + 0 > $1 + 0) exit 1 }' "$cs_tmp/out"
check "csv budget is half the pool cost" awk -F, 'NR == 2 { exit !($1 == 8) }' "$cs_tmp/out"
check "only unscored rows are picked" awk -F, 'NR > 1 && $8 !~ /^m(3|8|13|18|28)$/ { exit 1 }' "$cs_tmp/out"
check "some rows are picked" awk 'END { exit !(NR > 1) }' "$cs_tmp/out"
check "the row without a cost is never picked" sh -c "! grep -q ',m23,' '$cs_tmp/out'"

expect_status 0 "suggest --budget-abs 3 --prior paper (json)" "$CAPSCOPE" suggest --data "$d/small.csv" --budget-abs 3 --prior paper --format json
check "json has budget, used and picked" grep -q '"budget": 3, "used": ' "$cs_tmp/out"

# Scores entered in the TUI (the journal beside the data) count as scored:
# m3 leaves the candidates. A malformed journal is an input error.
cp "$d/small.csv" "$d/j.csv"
printf 'score\tm3\tacc\t0.5\t1700000000\n' >"$d/j.csv.journal"
expect_status 0 "suggest with a journal" "$CAPSCOPE" suggest --data "$d/j.csv" --count 10 --format csv
check "a journal-scored row is not suggested" awk -F, 'NR > 1 && $8 == "m3" { exit 1 }' "$cs_tmp/out"
check "the other unscored rows are (4 with a cost)" awk 'END { exit !(NR == 5) }' "$cs_tmp/out"
# A line naming a model the CSV no longer has is skipped with a warning;
# the lines around it still count.
printf 'score\tgone/model\tacc\t0.5\t1700000001\nscore\tm8\tacc\t0.5\t1700000002\n' >>"$d/j.csv.journal"
expect_status 0 "suggest with a stale journal line" "$CAPSCOPE" suggest --data "$d/j.csv" --count 10 --format csv
check "the stale line is named in a warning" grep -q "j.csv.journal:2: unknown model 'gone/model' (1 stale journal entry skipped)" "$cs_tmp/err"
check "the line after it still counts: m3 and m8 are not suggested" awk -F, 'NR > 1 && ($8 == "m3" || $8 == "m8") { exit 1 }' "$cs_tmp/out"
printf 'nonsense\n' >>"$d/j.csv.journal"
expect_status 2 "malformed journal" "$CAPSCOPE" suggest --data "$d/j.csv" --count 1
check "names the journal's line" grep -q "j.csv.journal:4:" "$cs_tmp/err"
# The journal is replayed over the file: a score the file has been given
# since an entry was written (its mtime after the entry's time) is
# replaced, with a warning naming both; not when the file is older.
cp "$d/small.csv" "$d/k.csv"
printf 'score\tm3\tacc\t0.5\t1700000000\nscore\tm0\tacc\t0.5\t1700000000\nscore\tm1\tacc\t0.12\t1700000000\n' >"$d/k.csv.journal"
expect_status 0 "suggest with a journal over a file saved since" "$CAPSCOPE" suggest --data "$d/k.csv" --count 1
check "the journal's older score over the file's is named" grep -q "k.csv.journal:2: the journal's score 0.5 for m0 on acc is used, not the 0.11 of $d/k.csv, which was saved after the entry (1 such score)" "$cs_tmp/err"
touch -d @1600000000 "$d/k.csv"
expect_status 0 "suggest with a journal newer than the file" "$CAPSCOPE" suggest --data "$d/k.csv" --count 1
check "no warning when the file is older than the entries" sh -c "! grep -q 'saved after' '$cs_tmp/err'"
# A score entered twice: removing only the newest entry would bring back
# the older one, not the file's, so the warning says to remove both.
printf 'score\tm0\tacc\t0.5\t1700000000\nscore\tm0\tacc\t0.6\t1700000001\n' >"$d/k.csv.journal"
touch "$d/k.csv"
expect_status 0 "suggest with two entries over one newer score" "$CAPSCOPE" suggest --data "$d/k.csv" --count 1
check "both entries are to be removed" grep -q "k.csv.journal:2: the journal's score 0.6 for m0 on acc is used, not the 0.11 of $d/k.csv, which was saved after the entry (1 such score); remove its 2 entries (from line 1) to use the file's" "$cs_tmp/err"
# Another user's journal that this one cannot read (0600, theirs) stops no
# command: a warning, and the file's scores. As root, run as nobody.
mkdir "$d/shared" && chmod 755 "$d" "$d/shared"
cp "$d/small.csv" "$d/shared/s.csv" && chmod 644 "$d/shared/s.csv"
printf 'score\tm3\tacc\t0.5\t1700000000\n' >"$d/shared/s.csv.journal"
chmod 600 "$d/shared/s.csv.journal"
as_other=""
if [ "$(id -u)" = 0 ]; then
    as_other="setpriv --reuid=65534 --regid=65534 --clear-groups"
    $as_other "$CAPSCOPE" --version >/dev/null 2>&1 || as_other=none
else
    chmod 000 "$d/shared/s.csv.journal"
fi
if [ "$as_other" = none ]; then
    echo "skip: nobody cannot run $CAPSCOPE here (a private build directory)"
else
    expect_status 0 "suggest beside a journal it cannot read" $as_other "$CAPSCOPE" suggest --data "$d/shared/s.csv" --count 10 --format csv
    check "says the journal's scores are not used" grep -q "warning: $d/shared/s.csv.journal: cannot read the journal (permission denied), so the scores entered with :score or capscope score on this data are not used" "$cs_tmp/err"
    check "and m3 is still a candidate" grep -q ',m3,' "$cs_tmp/out"
fi
chmod 600 "$d/shared/s.csv.journal"

# A data file renamed: its journal, under the old name, is named with the
# way to use it (its scores are not applied meanwhile: m3 is suggested).
mkdir "$d/moved"
cp "$d/small.csv" "$d/moved/new.csv"
printf 'score\tm3\tacc\t0.5\t1700000000\nscore\tm8\tacc\t0.5\t1700000000\n' >"$d/moved/old.csv.journal"
expect_status 0 "suggest on a renamed data file" "$CAPSCOPE" suggest --data "$d/moved/new.csv" --count 10 --format csv
check "the old name's journal is named" grep -q "warning: $d/moved/old.csv.journal holds 2 scores of this data's models, but its data file is gone (renamed to $d/moved/new.csv?); they are not used: rename it $d/moved/new.csv.journal to use them" "$cs_tmp/err"
check "its scores are not applied" grep -q ',m3,' "$cs_tmp/out"
mv "$d/moved/old.csv.journal" "$d/moved/new.csv.journal"
expect_status 0 "suggest after the journal is renamed too" "$CAPSCOPE" suggest --data "$d/moved/new.csv" --count 10 --format csv
check "no warning then" sh -c "! grep -q 'data file is gone' '$cs_tmp/err'"
check "and its scores count" sh -c "! grep -q ',m3,' '$cs_tmp/out'"

# A score entered after the rename starts the new name's own journal: the
# old one's scores are still named, those the data does not show (m3 and m8 are
# in the new journal), with the way to bring them in; taken literally,
# that way works.
printf 'score\tm3\tacc\t0.5\t1700000000\nscore\tm8\tacc\t0.5\t1700000000\nscore\tm13\tacc\t0.5\t1700000000\n' >"$d/moved/old.csv.journal"
expect_status 0 "suggest beside an old journal and its own" "$CAPSCOPE" suggest --data "$d/moved/new.csv" --count 10 --format csv
m="$d/moved/new.csv.journal"
check "the old journal is still named, with the way to merge it" grep -qF "warning: $d/moved/old.csv.journal holds 1 score of this data's models that is not in use, but its data file is gone (renamed to $d/moved/new.csv?): to use them, put its lines before those of $m, this data's own journal (cat $d/moved/old.csv.journal $m > $m.new && mv $m.new $m), or remove it to drop them" "$cs_tmp/err"
check "its score is not applied" grep -q ',m13,' "$cs_tmp/out"
cat "$d/moved/old.csv.journal" "$m" >"$m.new" && mv "$m.new" "$m"
expect_status 0 "suggest after the merge" "$CAPSCOPE" suggest --data "$d/moved/new.csv" --count 10 --format csv
check "no warning then" sh -c "! grep -q 'data file is gone' '$cs_tmp/err'"
check "and the old journal's scores count" sh -c "! grep -q ',m13,' '$cs_tmp/out'"

# fit --design-weights by hand: at each of three levels base A has 4 rows, 2
# scored, and base B 3 rows, all scored, so each scored A row stands for 2
# rows and each B row for itself. The weighted fit must be the plain fit of
# a file holding every scored A row twice and every B row once; and on a
# fully scored file the weights are all 1 and change nothing.
{
    echo "model,base_model,flops,params_b,acc"
    for lv in 2 3 4; do
        echo "a1$lv,A,1e2$lv,1,0.$((lv + 3))1"
        echo "a2$lv,A,1e2$lv,1,0.$((lv + 1))7"
        echo "a3$lv,A,1e2$lv,1,"
        echo "a4$lv,A,1e2$lv,1,"
        echo "b1$lv,B,1e2$lv,1,0.$((lv + 2))2"
        echo "b2$lv,B,1e2$lv,1,0.${lv}4"
        echo "b3$lv,B,1e2$lv,1,0.$((lv - 1))9"
    done
} >"$d/dw.csv"
{
    echo "model,base_model,flops,params_b,acc"
    awk -F, 'NR > 1 && $5 != "" { print; if ($2 == "A") print }' "$d/dw.csv"
} >"$d/dup.csv"
fit_fields() { awk -F, 'NR == 2 { printf "%s %s %s %s %s %s", $6, $7, $8, $9, $10, $11 }' "$cs_tmp/out"; }
expect_status 0 "fit --design-weights" "$CAPSCOPE" fit --data "$d/dw.csv" --design-weights --format csv
weighted=$(fit_fields)
expect_status 0 "fit of the duplicated rows" "$CAPSCOPE" fit --data "$d/dup.csv" --format csv
dup=$(fit_fields)
check "weighted fit = fit of the duplicated rows ($weighted | $dup)" awk -v a="$weighted" -v b="$dup" 'BEGIN {
    n = split(a, x, " "); split(b, y, " "); if (n != 6) exit 1
    for (i = 1; i <= n; i++) { d = x[i] - y[i]; if (d < 0) d = -d; if (d > 2e-4) exit 1 } }'
expect_status 0 "plain fit" "$CAPSCOPE" fit --data "$d/dw.csv" --format csv
check "and differs from the plain fit of the scored rows" sh -c "[ '$(fit_fields)' != '$weighted' ]"
expect_status 0 "fit --design-weights, all scored" "$CAPSCOPE" fit --data "$d/dup.csv" --design-weights --format csv
check "weights of a fully scored file change nothing" sh -c "[ '$(fit_fields)' = '$dup' ]"
expect_status 0 "predict --design-weights" "$CAPSCOPE" predict --data "$d/dw.csv" --task acc --flops 1e23 --design-weights
expect_status 0 "require --design-weights" "$CAPSCOPE" require --data "$d/dw.csv" --task acc --accuracy 0.3 --design-weights
expect_status 0 "suggest --flops 1e23" "$CAPSCOPE" suggest --data "$d/dw.csv" --count 2 --flops 1e23 --format csv
check "two picks, both unscored A rows" awk -F, 'NR > 1 && $8 !~ /^a[34]/ { exit 1 } END { exit !(NR == 3) }' "$cs_tmp/out"
expect_status 2 "suggest --flops 0" "$CAPSCOPE" suggest --data "$d/dw.csv" --count 2 --flops 0
expect_status 2 "suggest --flops x" "$CAPSCOPE" suggest --data "$d/dw.csv" --count 2 --flops x

# Usage errors: exit 2 with a message naming the command.
expect_status 2 "no budget and no count" "$CAPSCOPE" suggest --data "$d/small.csv"
check "says what is missing" grep -q "suggest: give --budget" "$cs_tmp/err"
expect_status 2 "both budgets" "$CAPSCOPE" suggest --data "$d/small.csv" --budget 0.1 --budget-abs 3
expect_status 2 "budget 0" "$CAPSCOPE" suggest --data "$d/small.csv" --budget 0
expect_status 2 "budget above 1" "$CAPSCOPE" suggest --data "$d/small.csv" --budget 1.5
expect_status 2 "budget nan" "$CAPSCOPE" suggest --data "$d/small.csv" --budget nan
expect_status 2 "count 0" "$CAPSCOPE" suggest --data "$d/small.csv" --count 0
expect_status 2 "count -1" "$CAPSCOPE" suggest --data "$d/small.csv" --count -1
expect_status 2 "bad pool" "$CAPSCOPE" suggest --data "$d/small.csv" --count 1 --pool some
expect_status 2 "bad prior" "$CAPSCOPE" suggest --data "$d/small.csv" --count 1 --prior mine
expect_status 2 "unknown option" "$CAPSCOPE" suggest --data "$d/small.csv" --count 1 --frobnicate

# A new benchmark with no score yet: the paper's design reads no scores, so
# it answers "which models first?"; the fitted prior cannot, and says so.
sed -e '1s/$/,newbench/' -e '2,$s/$/,/' "$d/small.csv" >"$d/new.csv"
expect_status 0 "--prior paper on a task with no score" \
    "$CAPSCOPE" suggest --data "$d/new.csv" --task newbench --prior paper --count 3 --format csv
check "three picks for the new task" sh -c "[ \$(tail -n +2 '$cs_tmp/out' | wc -l) -eq 3 ]"
expect_status 2 "--prior fit on a task with no score" \
    "$CAPSCOPE" suggest --data "$d/new.csv" --task newbench --count 3
check "the error points to --prior paper" grep -q "usable rows (a score and flops > 0), fewer than 4 (--prior paper designs without a fit)" "$cs_tmp/err"

# Nothing fits the budget: no picks, and a note says why.
expect_status 0 "a budget below every candidate's cost" "$CAPSCOPE" suggest --data "$d/small.csv" --budget-abs 0.5
check "no picks" grep -qx "n_picked: 0" "$cs_tmp/out"
check "the note names the cheapest cost" grep -q "nothing fits the budget of 0.5: the cheapest candidate costs 1" "$cs_tmp/err"

# Options the chosen design does not read are named, not silently dropped.
expect_status 0 "--lambda with --prior fit" "$CAPSCOPE" suggest --data "$d/small.csv" --count 1 --lambda 2
check "warns that --lambda is ignored" grep -q -- "--lambda weighs the bin balance of --prior paper; ignored" "$cs_tmp/err"
expect_status 0 "--flops and --tau with --prior paper" "$CAPSCOPE" suggest --data "$d/small.csv" --count 1 --prior paper --flops 1e23 --tau 0.9
check "warns that --flops is ignored" grep -q -- "--flops is the target of --prior fit; ignored" "$cs_tmp/err"
check "warns that --tau is ignored" grep -q -- "--tau, --kappa and --lambda-b shape the fitted prior; ignored" "$cs_tmp/err"
check "no word about dates when none is given" sh -c "! grep -q -- '--since and --until' '$cs_tmp/err'"
{ head -1 "$d/small.csv" | sed 's/$/,date/'; tail -n +2 "$d/small.csv" | sed 's/$/,2024-05-01/'; } >"$d/dated.csv"
expect_status 0 "--since with --prior paper" "$CAPSCOPE" suggest --data "$d/dated.csv" --count 1 --prior paper --since 2025-01-01
check "warns that --since is ignored" grep -q -- "--since and --until choose the rows of the fitted prior; ignored with --prior paper" "$cs_tmp/err"
expect_status 2 "missing file" "$CAPSCOPE" suggest --data "$d/nope.csv" --count 1
expect_status 0 "help" "$CAPSCOPE" suggest --help
check "help names --pool" grep -q -- "--pool" "$cs_tmp/out"
# The paper's prior is given in the parameters the help's q(z) and fit's
# output name (y0, L, z_star, b), not in the paper's own a, which no page
# of capscope defines (a = b (21 - z_star): test_design).
prior=$(tr '\n' ' ' <"$cs_tmp/out" | tr -s ' ' | sed -n "s/.*the paper's fixed prior (\([^)]*\)).*/\1/p")
"$CAPSCOPE" fit --format csv --quiet | head -n 1 | tr ',' '\n' >"$cs_tmp/fit_cols"
[ -n "$prior" ] || fail "suggest --help gives no values of the paper's prior"
for word in $(printf '%s\n' "$prior" | tr ',' '\n' | awk '{ print $1 }'); do
    grep -qx -- "$word" "$cs_tmp/fit_cols" && ok "the prior's $word is a parameter fit names" ||
        fail "suggest --help gives the paper's prior a parameter '$word' that fit does not name ($prior)"
done
expect_status 2 "sweep: bad budgets" "$CAPSCOPE" sweep --data "$d/small.csv" --budgets 0.1,x
expect_status 2 "sweep: an empty budget" "$CAPSCOPE" sweep --data "$d/small.csv" --budgets 0.1,,0.2
expect_status 2 "sweep: a trailing comma" "$CAPSCOPE" sweep --data "$d/small.csv" --budgets 0.1,
expect_status 2 "sweep: no budgets" "$CAPSCOPE" sweep --data "$d/small.csv" --budgets ''
# Rows missing a score are left out of the replays, with a note: small.csv
# leaves every fifth row unscored, 24 of 30 remain.
expect_status 0 "sweep on a partly scored file" \
    "$CAPSCOPE" sweep --data "$d/small.csv" --budgets 0.5 --seeds 1 --methods random --format csv
check "sweep: a note says which rows are left out" \
    grep -q "sweep replays on the 24 rows scored on every task asked for; 6 rows missing a score are left out" "$cs_tmp/err"
check "sweep: the pool is the 24 scored rows (cost 5 x (1+2+...+6) - 21 = 84)" \
    grep -q '^84' "$cs_tmp/out"
check "sweep: one task, no hint to ask for fewer" sh -c "! grep -q 'fewer tasks' '$cs_tmp/err'"
# Two tasks scored on different rows (as sources that each ran their own
# benchmarks): 4 rows have both, 'b' alone has 8; the note says so.
printf 'model,flops,params_b,a,b\n' >"$d/sparse.csv"
for i in 1 2 3 4 5 6 7 8 9 10; do
    a=""; b=""
    [ $i -le 6 ] && a="0.$i"
    [ $i -ge 3 ] && b="0.$i"
    echo "s$i,${i}e22,1,$a,$b" >>"$d/sparse.csv"
done
expect_status 0 "sweep on tasks scored on different rows" \
    "$CAPSCOPE" sweep --data "$d/sparse.csv" --budgets 0.5 --seeds 1 --methods random
check "sweep: the note names the task that keeps most rows" \
    grep -q "sweep replays on the 4 rows scored on every task asked for; 6 rows missing a score are left out; fewer tasks keep more (--task b alone keeps 8)" "$cs_tmp/err"
# With 3 such rows no fit can be made: an input error that says so (it
# said "task 'a' has 3 usable rows" of a task the file scores 5 times).
sed 's/^s6,\(.*\),0\.6,/s6,\1,,/' "$d/sparse.csv" >"$d/sparse3.csv"
expect_status 2 "sweep with 3 rows scored on both tasks" \
    "$CAPSCOPE" sweep --data "$d/sparse3.csv" --budgets 0.5 --seeds 1 --methods random
check "sweep: the error counts the rows with every score, and names a way out" \
    grep -q "sparse3.csv: sweep needs 4 rows scored on every task asked for, and 3 are; fewer tasks keep more (--task b alone keeps 8)" "$cs_tmp/err"

# A task named as a spreadsheet names it is offered as a shell word, so
# that the note's option can be pasted: read back by the shell, it is the
# column's name (it was --task MMLU (5-shot), a syntax error in sh).
sed '1s/,b$/,MMLU (5-shot)/' "$d/sparse.csv" >"$d/sparse_named.csv"
expect_status 0 "sweep with a task name that needs quoting" \
    "$CAPSCOPE" sweep --data "$d/sparse_named.csv" --budgets 0.5 --seeds 1 --methods random
opt=$(sed -n "s/.*fewer tasks keep more (\(--task .*\) alone keeps 8).*/\1/p" "$cs_tmp/err")
check "the note's --task reads back as one word, the column's name" \
    sh -c 'eval "set -- $1" && [ $# -eq 2 ] && [ "$2" = "MMLU (5-shot)" ]' sh "$opt"

# The paper's design on the shared data: the contract's numbers (budget
# 3807.7, used 3806.6) and the issue's count of about 985 picks.
if [ -r "$OLL" ]; then
    expect_status 0 "paper design at 20% on the shared data" "$CAPSCOPE" suggest --data "$OLL" --pool all --prior paper --budget 0.2 --format csv
    n=$(($(wc -l <"$cs_tmp/out") - 1))
    check "about 985 picks ($n)" awk -v n="$n" 'BEGIN { exit !(n >= 950 && n <= 1020) }'
    b=$(awk -F, 'NR == 2 { print $1 }' "$cs_tmp/out")
    u=$(awk -F, 'NR == 2 { print $2 }' "$cs_tmp/out")
    check "budget 3807.7 ($b)" approx "$b" 3807.7 0.1
    check "used 3806.6 ($u)" approx "$u" 3806.6 0.1
    check "used <= budget" le "$u" "$b"
    # The sampler users get must beat random subsets of equal cost (the issue's
    # requirement) at 20%, averaged over the six tasks.
    expect_status 0 "sweep at 20%" "$CAPSCOPE" sweep --data "$OLL" --task ifeval --task bbh --task math_lvl5 --task gpqa --task musr --task mmlu_pro --budgets 0.2 --seeds 20 --format csv
    # The issue's measurement: the paper's fixed-prior design lands about
    # 0.013 from the full-data q(1e24), random subsets about 0.005.
    p=$(awk -F, '$5 == "paper" && $6 == "mean" { print $(NF - 1) }' "$cs_tmp/out")
    check "paper's design about 0.013 away ($p)" approx "$p" 0.013 0.002
    r=$(awk -F, '$5 == "random" && $6 == "mean" { print $(NF - 1) }' "$cs_tmp/out")
    check "random subsets about 0.005 away ($r)" approx "$r" 0.005 0.0015
    # Over 200 seeds the sampler lands 0.58 (+- 0.02) of random's distance,
    # the previous sampler 0.75 (60 seeds); 20 seeds scatter that ratio by
    # about 0.07, so the check asks for 0.7: a regression to the previous
    # sampler's quality fails it.
    i=$(awk -F, '$5 == "incremental" && $6 == "mean" { print $(NF - 1) }' "$cs_tmp/out")
    se=$(awk -F, '$5 == "incremental" && $6 == "mean" { print $NF }' "$cs_tmp/out")
    check "a standard error for the 20 replays ($se), below their mean" awk -v e="$se" -v a="$i" 'BEGIN { exit !(e != "" && e + 0 > 0 && e + 0 < a + 0) }'
    check "none for the paper's single design" awk -F, '$5 == "paper" && $6 == "mean" { exit $NF != "" }' "$cs_tmp/out"
    check "incremental ($i) within 0.7 of random's distance ($r)" awk -v a="$i" -v b="$r" 'BEGIN { exit !(a != "" && a + 0 <= 0.7 * b) }'
else
    echo "SKIP (partly): $OLL is absent: no checks on the shared data"
fi

finish
