#!/bin/sh
# suggest_loop.sh - the sampler used from the shell as the manual says: keep a
# copy of the data with a dozen models scored, ask `suggest --count 20` for the
# next ones, "score" them (copy their scores back from the full file), ask
# again, until nothing is left; then read the boundary with fit
# --design-weights. And what such a script leans on: the CSV columns.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
# 5 base models x 4 compute levels x 5 fine-tunes, two tasks, cost = level.
awk 'BEGIN {
    srand(11); print "model,base_model,flops,date,params_b,acc,acc2"
    for (b = 0; b < 5; b++) for (l = 1; l <= 4; l++) for (f = 0; f < 5; f++)
        printf "m%d_%d_%d,base%d,1e%d,2024-%02d-15,%d,%.3f,%.3f\n", b, l, f, b, 20 + l,
               1 + (b + f) % 12, l, 0.1 * l + 0.5 * rand(), 0.05 * l + 0.4 * rand()
}' >"$d/full.csv"
# The working copy: every fifth model of the first 60 keeps its scores.
awk -F, -v OFS=, 'NR > 1 && !(NR <= 61 && NR % 5 == 0) { $6 = ""; $7 = "" } { print }' \
    "$d/full.csv" >"$d/work.csv"
n_all=$(($(wc -l <"$d/full.csv") - 1))
n0=$(awk -F, 'NR > 1 && $6 != ""' "$d/work.csv" | wc -l)
check "the loop starts from 12 scored models ($n0)" test "$n0" -eq 12

# The model column of a suggest CSV, found by its header name.
picked_models() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "model") m = i; next }
             m { print $m }' "$1"
}

round=0 asked=0 bad=0
while [ "$round" -lt 12 ]; do
    "$CAPSCOPE" suggest --data "$d/work.csv" --count 20 --format csv >"$d/picks.csv" 2>"$d/err" ||
        { fail "suggest failed in round $round: $(cat "$d/err")"; break; }
    picked_models "$d/picks.csv" >"$d/names"
    k=$(($(wc -l <"$d/picks.csv") - 1))
    [ "$k" -eq 0 ] && break
    round=$((round + 1))
    asked=$((asked + k))
    # Each pick must be a model of the file that is not scored yet.
    awk -F, 'FNR == NR { want[$1] = 1; n++; next } ($1 in want) { if ($6 != "") bad++; found++ }
             END { exit !(found == n && bad == 0) }' "$d/names" "$d/work.csv" || bad=1
    awk -F, -v OFS=, 'FILENAME == ARGV[1] { want[$1] = 1; next }
                      FILENAME == ARGV[2] { if ($1 in want) full[$1] = $0; next }
                      ($1 in full) { print full[$1]; next } { print }' \
        "$d/names" "$d/full.csv" "$d/work.csv" >"$d/next.csv" && mv "$d/next.csv" "$d/work.csv"
done
check "every pick was an unscored model of the file" test "$bad" -eq 0
check "the loop ends by itself when every model is scored (after $round rounds)" \
    test "$round" -ge 4 -a "$round" -lt 12
check "it scored all $((n_all - n0)) other models ($asked)" test "$asked" -eq $((n_all - n0))
check "the last answer says nothing is left" grep -q "nothing to suggest" "$d/err"
# Everything scored: the weighted refit is the plain fit of the full file
# (each row stands for itself).
expect_status 0 "fit --design-weights at the end" "$CAPSCOPE" fit --data "$d/work.csv" --design-weights --format csv
cp "$cs_tmp/out" "$d/weighted"
expect_status 0 "fit of the full file" "$CAPSCOPE" fit --data "$d/full.csv" --format csv
check "the loop's file gives the full file's boundary" cmp -s "$d/weighted" "$cs_tmp/out"

# The same loop with the scores entered in the interface: they go to the
# journal beside the data, and every subcommand counts them, so suggest's
# prior, fit --design-weights and predict see one boundary: the one of the
# file with those scores written in.
awk -F, -v OFS=, 'NR > 1 && !(NR <= 61 && NR % 5 == 0) { $6 = ""; $7 = "" } { print }' \
    "$d/full.csv" >"$d/j.csv"
awk -F, 'NR >= 63 && NR <= 72 { printf "score\t%s\tacc\t%s\t17000000%02d\nscore\t%s\tacc2\t%s\t17000001%02d\n", $1, $6, NR, $1, $7, NR }' \
    "$d/full.csv" >"$d/j.csv.journal"
awk -F, -v OFS=, 'NR > 1 && !(NR <= 61 && NR % 5 == 0) && !(NR >= 63 && NR <= 72) { $6 = ""; $7 = "" } { print }' \
    "$d/full.csv" >"$d/filled.csv"
for cmd in "fit --design-weights" "fit" "predict --task acc --flops 1e23 --design-weights" \
           "require --task acc2 --accuracy 0.2 --design-weights"; do
    expect_status 0 "$cmd with a journal" "$CAPSCOPE" $cmd --data "$d/j.csv" --format csv
    cp "$cs_tmp/out" "$d/with_journal"
    expect_status 0 "$cmd on the file with those scores" "$CAPSCOPE" $cmd --data "$d/filled.csv" --format csv
    check "$cmd: the journal's scores count" cmp -s "$d/with_journal" "$cs_tmp/out"
done
expect_status 0 "suggest with a journal" "$CAPSCOPE" suggest --data "$d/j.csv" --count 200 --format csv
picked_models "$cs_tmp/out" >"$d/names"
awk -F, 'NR >= 63 && NR <= 72 { print $1 }' "$d/full.csv" >"$d/journaled"
check "suggest skips the journal's models" sh -c "! grep -qxFf '$d/journaled' '$d/names'"
check "and picks every other unscored model ($(wc -l <"$d/names"))" test "$(wc -l <"$d/names")" -eq $((n_all - n0 - 10))
# The results depend on the journal, which a copy of the CSV alone would
# not carry: a note says how many of its scores are used (10 per task here,
# as written above), and --quiet leaves it out.
expect_status 0 "fit with the journal" "$CAPSCOPE" fit --data "$d/j.csv" --format csv
check "a note counts the journal's 20 scores" test "$(cat "$cs_tmp/err")" = \
    "capscope: note: 20 scores entered with :score or capscope score are used, from $d/j.csv.journal (move it away to use the data file's scores alone)"
expect_status 0 "fit with the journal, --quiet" "$CAPSCOPE" fit --data "$d/j.csv" --format csv --quiet
check "--quiet: no note" test ! -s "$cs_tmp/err"
# A model scored again on a task is one score used: the note counted the
# entries (21 here), though the data holds 20 of the journal's scores.
cp "$d/j.csv" "$d/again.csv"
{ cat "$d/j.csv.journal"; head -n 1 "$d/j.csv.journal" | awk -F'\t' -v OFS='\t' '{ $4 = 0.5; $5 = 1800000000; print }'; } \
    >"$d/again.csv.journal"
expect_status 0 "fit with a score entered twice" "$CAPSCOPE" fit --data "$d/again.csv" --format csv
check "the note counts 20 scores, not 21 entries" test "$(cat "$cs_tmp/err")" = \
    "capscope: note: 20 scores entered with :score or capscope score are used, from $d/again.csv.journal (move it away to use the data file's scores alone)"
expect_status 0 "--task names one task; the journal holds both" "$CAPSCOPE" fit --data "$d/j.csv" --task acc --format csv
check "no warning about the other task's entries" sh -c "! grep -q warning '$cs_tmp/err'"
check "the note counts acc's 10 scores alone" grep -q "note: 10 scores entered with :score or capscope score are used" "$cs_tmp/err"
expect_status 0 "suggest --task acc, the journal holds both" "$CAPSCOPE" suggest --data "$d/j.csv" --task acc --count 3
check "suggest: no warning about the other task's entries" sh -c "! grep -q warning '$cs_tmp/err'"
printf 'score\tgone\tacc\t0.5\t1800000000\n' >>"$d/j.csv.journal"
expect_status 0 "a stale entry" "$CAPSCOPE" fit --data "$d/j.csv" --format csv
check "is named in a warning" grep -q "j.csv.journal:21: unknown model 'gone'" "$cs_tmp/err"
# With --task acc the acc2 entries (the first at line 2) are left out, not
# stale; the stale one after them must still be named, and counted alone.
expect_status 0 "a stale entry, with --task" "$CAPSCOPE" fit --data "$d/j.csv" --task acc --format csv
check "is still named in a warning" grep -q "j.csv.journal:21: unknown model 'gone' (1 stale journal entry skipped)" "$cs_tmp/err"

# No picks in CSV: the header still names the pick columns, and no line
# stands for a pick that is not there (a script counting lines, or reading
# the model column, sees zero picks).
expect_status 0 "suggest --format csv with nothing to pick" \
    "$CAPSCOPE" suggest --data "$d/full.csv" --count 20 --format csv
check "the CSV is its header alone" test "$(wc -l <"$cs_tmp/out")" -eq 1
check "the header names the pick columns" grep -q '^budget,used,pool_cost,pool,prior,n_picked,rank,model,cost,z,flops,gain,why,base_model,date$' "$cs_tmp/out"
expect_status 0 "a budget below every cost" "$CAPSCOPE" suggest --data "$d/work.csv" --budget-abs 0.5 --format csv
check "no picks: header alone too" test "$(wc -l <"$cs_tmp/out")" -eq 1
expect_status 0 "json with nothing to pick" "$CAPSCOPE" suggest --data "$d/full.csv" --count 20 --format json
check "json: an empty list and n_picked 0" grep -q '"n_picked": 0, "picked": \[' "$cs_tmp/out"
if [ -n "${JQ:-}" ] && [ -x "$JQ" ]; then
    check "json parses, with no picks" sh -c "'$JQ' -e '.picked == [] and .n_picked == 0' '$cs_tmp/out' >/dev/null"
fi
cp "$d/full.csv" "$d/one.csv"
sed -i '2s/,[0-9.]*,[0-9.]*$/,,/' "$d/one.csv"
expect_status 0 "one row left to score" "$CAPSCOPE" suggest --data "$d/one.csv" --count 20 --format csv
check "one pick, one line under the header" test "$(wc -l <"$cs_tmp/out")" -eq 2
check "it is the unscored model" sh -c "[ \"\$(awk -F, 'NR == 2 { print \$8 }' '$cs_tmp/out')\" = m0_1_0 ]"

finish
