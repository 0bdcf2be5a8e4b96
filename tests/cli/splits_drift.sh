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
finish
