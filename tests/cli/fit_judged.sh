# capscope fit judges its boundary in sample on bins, as method.md section 4
# makes the primary measure (and as splits judges a period's fit): is_error
# (macro), is_micro, is_signed and bins, besides the plain coverage fraction.
. "$top_srcdir/tests/lib.sh"
need_jq
jqt() { "$JQ" -e "$@" >/dev/null; }

# By hand: every score 0, so every row is on or below any boundary
# (q >= y0 >= 0): hat_tau = 1 in every bin, each error |1 - 0.98| = 0.02,
# signed +0.02, whatever the bins. 90 rows at three compute levels of 30
# make at most 3 bins of at least 30 rows without splitting a level.
awk 'BEGIN { print "model,flops,acc"; for (i = 0; i < 90; i++) printf "m%d,1e%d,0\n", i, 21 + int(i / 30) }' >"$cs_tmp/zero.csv"
expect_status 0 "fit on scores all 0" $CAPSCOPE fit --data "$cs_tmp/zero.csv" --task acc --format json --quiet
r=$($JQ -c '.fits[0]' "$cs_tmp/out")
check "coverage 1" approx "$(echo "$r" | $JQ .coverage)" 1 1e-12
check "is_error 0.02 (every row on or below)" approx "$(echo "$r" | $JQ .is_error)" 0.02 1e-12
check "is_micro 0.02" approx "$(echo "$r" | $JQ .is_micro)" 0.02 1e-12
check "is_signed +0.02" approx "$(echo "$r" | $JQ .is_signed)" 0.02 1e-12
check "1 to 3 bins" jqt '.fits[0].bins >= 1 and .fits[0].bins <= 3' "$cs_tmp/out"
expect_status 0 "the table" $CAPSCOPE fit --data "$cs_tmp/zero.csv" --task acc --quiet
check "the table has is_error and bins" grep -Eq '^task .* coverage +is_error +bins ' "$cs_tmp/out"
expect_status 0 "CSV" $CAPSCOPE fit --data "$cs_tmp/zero.csv" --task acc --format csv --quiet
check "the CSV has is_error, is_micro, is_signed, bins" grep -q '^task,.*,coverage,is_error,is_micro,is_signed,bins,' "$cs_tmp/out"

if [ -r "$OLL" ]; then
    # Expected values from an independent computation (Python, its own
    # reading of the CSV, equal-mass bins of the 2409 rows' z per
    # method.md section 4 at the fitted parameters): 9 bins.
    expect_status 0 "fit ifeval on oll_reeval.csv" $CAPSCOPE fit --data "$OLL" --task ifeval --format json
    r=$($JQ -c '.fits[0]' "$cs_tmp/out")
    check "ifeval: is_error 0.0324803394" approx "$(echo "$r" | $JQ .is_error)" 0.0324803394 1e-9
    check "ifeval: is_micro 0.0262764633" approx "$(echo "$r" | $JQ .is_micro)" 0.0262764633 1e-9
    check "ifeval: is_signed -0.0059335092" approx "$(echo "$r" | $JQ .is_signed)" -0.0059335092 1e-9
    check "ifeval: 9 bins" jqt '.fits[0].bins == 9' "$cs_tmp/out"
    expect_status 0 "fit mmlu_pro on oll_reeval.csv" $CAPSCOPE fit --data "$OLL" --task mmlu_pro --format json
    check "mmlu_pro: is_error 0.0159614872" approx "$($JQ '.fits[0].is_error' "$cs_tmp/out")" 0.0159614872 1e-9
else
    echo "SKIP (parity part): ../shared/data is absent ($OLL)"
fi
finish
