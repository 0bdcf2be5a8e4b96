#!/bin/sh
# digits.sh - JSON and CSV print every number so that it reads back as the
# same double. What holds exactly in a fit must hold in what a script reads:
# here the fit sits on y0 + L = 1 and on z_star = the least compute, which
# 10 significant digits once printed as y0 + L = 1 + 2e-11 and z_star a
# hair below log10 of the smallest flops in the file.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
awk 'BEGIN {
    print "model,flops,acc"
    for (i = 0; i < 60; i++) {
        z = 21.0890441436 + 0.06 * i
        f = i * 0.618034; f -= int(f)
        y = 0.55 + 0.4 / (1 + exp(-3 * (z - 21))) - 0.1 * f
        printf "m%d,%.7e,%.4f\n", i, 10 ^ z, y
    }
}' >"$d/pinned.csv"

expect_status 0 "fit (json)" "$CAPSCOPE" fit --data "$d/pinned.csv" --format json
cp "$cs_tmp/out" "$d/fit.json"
expect_status 0 "fit (csv)" "$CAPSCOPE" fit --data "$d/pinned.csv" --format csv
cp "$cs_tmp/out" "$d/fit.csv"

need_jq
# The least flops as written in the file; jq's log10 is C's.
fmin=$(awk -F, 'NR > 1 && (m == "" || $2 + 0 < m + 0) { m = $2 } END { print m }' "$d/pinned.csv")
jqt() { "$JQ" -e "$@" >/dev/null; }
# Both constraints are active in this fit, so the checks are not vacuous.
check "the fit sits on y0 + L = 1 and z_star = z_min" \
    jqt '.fits[0] | ((.y0 + .L - 1) | fabs) < 1e-9 and ((.z_star - .z_min) | fabs) < 1e-9' "$d/fit.json"
check "JSON: y0 + L <= 1, read back as doubles" jqt '.fits[0] | .y0 + .L <= 1' "$d/fit.json"
check "JSON: z_min is log10 of the least flops ($fmin), exactly" \
    jqt --arg f "$fmin" '.fits[0].z_min == ($f | tonumber | log10)' "$d/fit.json"
check "JSON: z_star >= z_min" jqt '.fits[0] | .z_star >= .z_min' "$d/fit.json"
# CSV: the same text as JSON for each number.
for k in y0 L z_star b objective z_min; do
    j=$("$JQ" -r ".fits[0].$k" "$d/fit.json")
    c=$(awk -F, -v k="$k" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) col = i } NR == 2 { print $col }' "$d/fit.csv")
    check "CSV $k reads as JSON's ($c, $j)" jqt -n --arg c "$c" --arg j "$j" '($c | tonumber) == ($j | tonumber)'
done
check "whole numbers print whole (kappa 50, not 5e+01)" grep -q '"kappa": 50,' "$d/fit.json"

# tau is the user's number, shown as given: 0.9999999 is not "tau 1" (%g)
# in the table, splits' table or the plot's legend.
expect_status 0 "fit --tau 0.9999999" "$CAPSCOPE" fit --task math --tau 0.9999999
check "fit's table gives tau as given" awk 'NR == 2 && $3 == "0.9999999" { ok = 1 } END { exit !ok }' "$cs_tmp/out"
expect_status 0 "splits --tau 0.9999999" "$CAPSCOPE" splits --task math --tau 0.9999999
check "splits' table gives tau as given" grep -q "0\.9999999" "$cs_tmp/out"
expect_status 0 "plot --tau 0.9999999" env LC_ALL=C "$CAPSCOPE" plot --task math --tau 0.9999999 --width 60 --height 12
check "the legend gives tau as given" grep -q "boundary (tau 0\.9999999)" "$cs_tmp/out"
finish
