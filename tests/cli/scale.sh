#!/bin/sh
# A million rows: `capscope fit` loads and fits them all, and gets them right.
#
# bench/gen-scale.awk writes 1,000,000 rows (fixed seed; 1000 compute levels
# from 1e21 to 1e25, six fully scored tasks) into $TMPDIR. Checks:
#  1. `fit` with the defaults: exit 0, six fits, each with n = 1000000 and
#     parameters inside the constraints of fit.h.
#  2. `fit --lambda-b 0 --kappa 1000` (no ridge, almost the plain pinball
#     loss): the fitted boundary is the generator's true 0.98-quantile,
#     m(z) + s * PHI^-1(0.98) with PHI^-1(0.98) = 2.0537489 (gen-scale.awk
#     explains why), within 0.01 at z = 21.5, 22.5, 23.5, 24.5, and the
#     in-sample coverage is 0.98 within 0.002 (its standard error at a million
#     rows is 0.00014). With the defaults the fit is not the plain quantile:
#     kappa = 50 smooths it upwards and lambda_b flattens it, so only (2)
#     can be held to a closed form.
# A functional test, not a timing test: each fit may take up to 10 minutes.
. "$top_srcdir/tests/lib.sh"

[ -x "$CAPSCOPE" ] || { fail "$CAPSCOPE is not built"; finish; }
ROWS=1000000
GEN="$top_srcdir/bench/gen-scale.awk"
BIG="$cs_tmp/scale.csv"

avail_kb=$(df -Pk "$cs_tmp" | awk 'NR == 2 { print $4 }')
[ "${avail_kb:-0}" -ge 400000 ] || skip "less than 400 MB free in ${TMPDIR:-/tmp} for the million-row file"
command -v timeout >/dev/null 2>&1 && LIMIT="timeout 600" || LIMIT=

awk -v rows=$ROWS -v seed=1 -f "$GEN" >"$BIG" || { fail "the generator failed"; finish; }
lines=$(wc -l <"$BIG")
check "the generated file has a header and $ROWS rows" [ "$lines" -eq $((ROWS + 1)) ]

# 1. The defaults.
start=$(date +%s)
$LIMIT "$CAPSCOPE" fit --data "$BIG" --format csv >"$cs_tmp/fit.csv" 2>"$cs_tmp/err"
status=$?
echo "fit of $ROWS rows, 6 tasks: $(( $(date +%s) - start ))s"
if [ "$status" -ne 0 ]; then
    fail "fit exits $status: $(head -c 300 "$cs_tmp/err")"
else
    ok "fit exits 0"
    fits=$(awk -F, 'NR > 1' "$cs_tmp/fit.csv" | wc -l)
    check "six fits" [ "$fits" -eq 6 ]
    # Columns: task,n,tau,kappa,lambda_b,y0,L,z_star,b,objective,coverage,is_error,is_micro,is_signed,bins,z_min,z_max
    awk -F, -v rows=$ROWS 'NR == 1 {
        for (i = 1; i <= NF; i++) col[$i] = i
        next
    }
    {
        n = $col["n"]; y0 = $col["y0"]; L = $col["L"]; zs = $col["z_star"]; b = $col["b"]
        zmin = $col["z_min"]; zmax = $col["z_max"]
        if (n != rows) { printf "%s: n = %s, expected %d\n", $1, n, rows; bad++ }
        if (!(y0 >= 0 && L >= 0 && y0 + L <= 1 + 1e-9 && b >= 0.05 && b <= 50 && zs >= zmin && zs <= zmax)) {
            printf "%s: parameters outside the constraints: y0 %s L %s z_star %s b %s\n", $1, y0, L, zs, b; bad++
        }
        # The generator spans exactly z = 21 .. 25.
        if (zmin < 20.999 || zmin > 21.001 || zmax < 24.999 || zmax > 25.001) {
            printf "%s: z range [%s, %s], expected [21, 25]\n", $1, zmin, zmax; bad++
        }
    }
    END { exit bad > 0 }' "$cs_tmp/fit.csv" >"$cs_tmp/bad" 2>&1
    check "every fit has n = $ROWS, feasible parameters, z in [21, 25]$(sed 's/^/; /' "$cs_tmp/bad" | tr -d '\n')" [ ! -s "$cs_tmp/bad" ]
fi

# 2. Nearly the plain pinball loss, no ridge: the true quantile comes back.
awk -v params=1 -f "$GEN" >"$cs_tmp/truth"
$LIMIT "$CAPSCOPE" fit --data "$BIG" --format csv --lambda-b 0 --kappa 1000 >"$cs_tmp/fit0.csv" 2>"$cs_tmp/err"
status=$?
if [ "$status" -ne 0 ]; then
    fail "fit --lambda-b 0 --kappa 1000 exits $status: $(head -c 300 "$cs_tmp/err")"
else
    awk -F, 'function sig(t) { return 1 / (1 + exp(-t)) }
    FILENAME == ARGV[1] {
        # task y0 L zs b s (space separated)
        split($0, f, " ")
        if (FNR > 1) { ty0[f[1]] = f[2]; tL[f[1]] = f[3]; tzs[f[1]] = f[4]; tb[f[1]] = f[5]; ts[f[1]] = f[6] }
        next
    }
    FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    {
        t = $1; seen++
        if (!(t in ty0)) { printf "%s: not a generated task\n", t; bad++; next }
        for (z = 21.5; z <= 24.5; z += 1) {
            want = ty0[t] + ts[t] * 2.0537489 + tL[t] * sig(tb[t] * (z - tzs[t]))
            got = $col["y0"] + $col["L"] * sig($col["b"] * (z - $col["z_star"]))
            d = got - want
            if (d < 0) d = -d
            if (d > 0.01) { printf "%s: q(%.1f) = %.4f, true 0.98-quantile %.4f\n", t, z, got, want; bad++ }
        }
        c = $col["coverage"] - 0.98
        if (c < 0) c = -c
        if (c > 0.002) { printf "%s: coverage %s, expected 0.98 +- 0.002\n", t, $col["coverage"]; bad++ }
    }
    END { if (seen != 6) { printf "%d fits, expected 6\n", seen; bad++ } exit bad > 0 }' \
        "$cs_tmp/truth" "$cs_tmp/fit0.csv" >"$cs_tmp/bad" 2>&1
    check "without ridge and smoothing the fit is the true 0.98-quantile within 0.01$(sed 's/^/; /' "$cs_tmp/bad" | tr -d '\n')" [ ! -s "$cs_tmp/bad" ]
fi

finish
