# capscope splits --drift: one column per compute level, named so that no two
# levels share a name, and the figures worked out from the fitted boundaries.
. "$top_srcdir/tests/lib.sh"
need_jq
jqt() { "$JQ" -e "$@" >/dev/null; }

# Two compute levels that %g's six digits would both write as 1e+24 are
# two levels: each gets its own keys, so the JSON object has no duplicate.
expect_status 0 "two close levels" $CAPSCOPE splits --task math --split 1 --drift \
    --drift-flops 1e24 --drift-flops 1.0000001e24 --format json
check "six q/dq keys, all distinct" \
    test "$(grep -o '"\(q_from\|q_to\|dq\)_[^"]*"' "$cs_tmp/out" | sort -u | wc -l)" -eq 6
check "the second level is named by the digits it needs" \
    jqt '.drift[0] | has("dq_1e24") and has("dq_1.0000001e24")' "$cs_tmp/out"
expect_status 0 "two close levels, csv" $CAPSCOPE splits --task math --split 1 --drift \
    --drift-flops 1e24 --drift-flops 1.0000001e24 --format csv
check "csv: a column for each level" \
    test "$(head -n 1 "$cs_tmp/out" | tr ',' '\n' | grep -c '^dq_')" -eq 2

# The same level twice is a usage error, not a repeated column.
expect_status 2 "one level given twice" $CAPSCOPE splits --task math --drift \
    --drift-flops 1e24 --drift-flops 1E24
check "the message names the option" grep -q 'drift-flops.*twice' "$cs_tmp/err"

# dq is q_to - q_from, and q_from is the split's own boundary at the level:
# recompute it from the parameters splits prints for the same split.
expect_status 0 "drift at 1e23" $CAPSCOPE splits --task math --split 1 --drift --drift-flops 1e23 --format json
cp "$cs_tmp/out" "$cs_tmp/drift.json"
expect_status 0 "the split's fit" $CAPSCOPE splits --task math --split 1 --format json
q=$("$JQ" -r '.splits[0] | .y0 + .L / (1 + ((-.b * (23 - .z_star)) | exp))' "$cs_tmp/out")
check "q_from at 1e23 is the split's boundary there" \
    approx "$("$JQ" '.drift[0].q_from_1e23' "$cs_tmp/drift.json")" "$q" 1e-12
check "dq = q_to - q_from" jqt '.drift[0] | (.dq_1e23 - (.q_to_1e23 - .q_from_1e23)) | fabs < 1e-15' \
    "$cs_tmp/drift.json"
# Where --drift is null it says why. Forty rows in 2023 rise from 0.1 at
# z 21 to 0.49 at z 25; forty in 2024 lie at 0.6 to 0.8 over z 23 to 25,
# so the later boundary is above the earlier one's accuracy at the middle
# of the shared range (z 24, about 0.4) already at its least compute: dz is
# null (reach_to "at_min"). Two rows in 2025 are too few for a boundary
# (and, at one compute, leave no out-of-sample bin, which --drift has no use for).
awk 'BEGIN {
    print "model,flops,date,acc"
    for (i = 0; i < 40; i++)
        printf "a%d,%.6e,2023-%02d-10,%.4f\n", i, 10 ^ (21 + 0.1 * i), 1 + i % 12, 0.1 + 0.01 * i
    for (i = 0; i < 40; i++)
        printf "b%d,%.6e,2024-%02d-10,%.4f\n", i, 10 ^ (23 + 0.05 * i), 1 + i % 12, 0.6 + 0.005 * i
    printf "c0,1e24,2025-02-01,0.9\nc1,1e24,2025-03-01,0.8\n"
}' >"$cs_tmp/moved.csv"
expect_status 0 "drift with a null dz and a sparse later period" \
    $CAPSCOPE splits --data "$cs_tmp/moved.csv" --scheme 2024-01-01,2025-01-01 --min-bin 5 --drift \
    --format json
check "split 1: the later boundary reaches the accuracy at its least compute, dz null" \
    jqt '.drift[0] | .fitted and .reach_to == "at_min" and .dz == null' "$cs_tmp/out"
check "split 2: 2 rows later, not fitted" jqt '.drift[1] | (.fitted | not) and .to_n == 2' "$cs_tmp/out"
check "a note says why dz is null" \
    grep -q "^capscope: note: split 1, task 'acc': dz is null: a boundary reaches the accuracy already at its least compute, or never" "$cs_tmp/err"
check "a note says the later period is too sparse" \
    grep -q "^capscope: note: split 2, task 'acc': fewer than 4 rows in the later period (from 2025-01-01 on): no later boundary, so the drift is null" "$cs_tmp/err"
check "no note of oos_error, which --drift does not show" \
    sh -c '! grep -q oos_error "$1"' sh "$cs_tmp/err"
# The boundaries are compared where the rows of both periods lie: split 1's
# span z 21 to 24.9 (2023) and z 23 to 24.95 (2024), so they share 23 to
# 24.9. At 1e22 and 1e26 dq is null, which a note says; at 1e24 it is not.
expect_status 0 "drift levels outside the shared compute" \
    $CAPSCOPE splits --data "$cs_tmp/moved.csv" --scheme 2024-01-01 --min-bin 5 --drift \
    --drift-flops 1e22 --drift-flops 1e24 --drift-flops 1e26 --format json
check "dq at 1e22 and 1e26 null, at 1e24 a number" \
    jqt '.drift[0] | .dq_1e22 == null and .dq_1e26 == null and (.dq_1e24 | type) == "number"' "$cs_tmp/out"
check "a note says why the two are null" \
    grep -q "^capscope: note: split 1, task 'acc': dq_1e22, dq_1e26 are null: outside the compute that the rows of both periods span" "$cs_tmp/err"
expect_status 0 "drift at a level inside the shared compute" \
    $CAPSCOPE splits --data "$cs_tmp/moved.csv" --scheme 2024-01-01 --min-bin 5 --drift --drift-flops 1e24
check "no note of a null dq" sh -c '! grep -q "dq_.* null" "$1"' sh "$cs_tmp/err"
check "the dz note, asked of no --drift-accuracy, says how to ask of another" \
    grep -q "(reach_from, reach_to); --drift-accuracy A asks about another accuracy$" "$cs_tmp/err"
# A later period with no row at all: --drift says it has no later boundary,
# not the note of an empty validation side, whose errors --drift does not show.
expect_status 0 "drift with an empty later period" \
    $CAPSCOPE splits --data "$cs_tmp/moved.csv" --scheme 2026-01-01 --min-bin 5 --drift
check "a note says the later period is too sparse" \
    grep -q "^capscope: note: split 1, task 'acc': fewer than 4 rows in the later period (from 2026-01-01 on)" "$cs_tmp/err"
check "no note of a validation side" sh -c '! grep -q "no validation row" "$1"' sh "$cs_tmp/err"
finish
