#!/bin/sh
# demo.sh - the demo data set: reproducible, embedded in the binary, built as
# data/README.md says, and its true boundaries are what a fit recovers.
#
# The true parameters come from `data/gen-demo --truth`, the generator's own
# table (the process that made the data, not the fit under test); the README
# must list the same numbers.
. "$top_srcdir/tests/lib.sh"

GEN="$top_builddir/data/gen-demo"
CSV="$top_srcdir/data/demo.csv"
README="$top_srcdir/data/README.md"
[ -x "$GEN" ] || { echo "FAIL: $GEN was not built"; exit 1; }

# (a) Determinism: the generator writes exactly the committed file.
"$GEN" >"$cs_tmp/gen.csv"
check "gen-demo exits 0" [ $? -eq 0 ]
check "gen-demo writes exactly data/demo.csv" cmp "$cs_tmp/gen.csv" "$CSV"
check "gen-demo --stats passes its own checks (z_star in range, rounding margin)" \
    sh -c '"$1" --stats >"$2"' sh "$GEN" "$cs_tmp/stats"

"$GEN" --truth | sed 1d >"$cs_tmp/truth"
check "ten true boundaries (4 stationary tasks, 2 advancing ones x 3 years)" \
    [ "$(wc -l <"$cs_tmp/truth")" -eq 10 ]
while read -r task year y0 L zs b; do
    check "README documents $task $year: $y0 $L $zs $b" \
        grep -q "^| $task | $year | $y0 | $L | $zs | $b |" "$README"
done <"$cs_tmp/truth"

# The file is built as documented (README: "Columns", "How it is made").
awk -F, '
function fail(msg) { print "data/demo.csv:" NR ": " msg; bad = 1 }
NR == 1 {
    if ($0 != "model,base_model,params_b,flops,date,reasoning,math,coding,knowledge,instruct,science")
        fail("unexpected header " $0)
    next
}
{
    if (NF != 11) fail(NF " fields")
    if ($1 in seen) fail("duplicate model " $1)
    seen[$1] = 1
    if ($1 !~ /^demo-[a-z]+\/[A-Za-z0-9.-]+$/) fail("model name " $1 " does not look synthetic")
    if ($4 !~ /^[1-9]\.[0-9][0-9][0-9]e\+2[1-4]$/) fail("flops " $4 " is not 4 significant digits in [1e21, 1e25)")
    if ($5 !~ /^20(2[345])-[01][0-9]-[0-3][0-9]$/ || $5 < "2023-01-01" || $5 > "2025-12-31") fail("date " $5)
    if ($2 in flops) { if (flops[$2] != $4 || size[$2] != $3) fail("fine-tune of " $2 " with other flops or size") }
    else { flops[$2] = $4; size[$2] = $3; nbases++ }
    if ($1 == $2) based[$2] = $5
    else if (($2 in based) && $5 < based[$2]) fail($1 " predates its base")
    for (i = 6; i <= 11; i++)
        if ($i != "" && ($i !~ /^[01]\.[0-9][0-9][0-9][0-9]$/ || $i > 1)) fail("score " $i)
    # tokens = flops / (6 params): plausible (README: 0.25T to 40T)
    t = $4 / (6 * $3 * 1e9) / 1e12
    if (t < 0.249 || t > 40.01) fail("implied tokens " t "T")
    rows++
}
END {
    for (b in flops) {
        if (!(b in based)) fail("base " b " has no row of its own")
        z = log(flops[b]) / log(10)
        slot = int((z - 21) * 10)
        if (slot in slots) fail("two bases in the tenth of a decade " slot)
        slots[slot] = b
    }
    if (nbases != 40) fail(nbases " bases, expected 40")
    if (rows < 1800 || rows > 2400) fail(rows " rows, expected about 2000")
    exit bad
}' "$CSV" >"$cs_tmp/structure"
check "data/demo.csv is built as documented" [ $? -eq 0 ]
head -5 "$cs_tmp/structure"

# No model name is borrowed from the real data beside the project.
if [ -r "$OLL" ]; then
    cut -d, -f1 "$CSV" | sed 1d | sort >"$cs_tmp/names"
    cat "$CAPSCOPE_SHARED_DATA"/*.csv | cut -d, -f1,2 | tr ',' '\n' | sort -u >"$cs_tmp/real"
    check "no model name of ../shared/data is reused" [ -z "$(comm -12 "$cs_tmp/names" "$cs_tmp/real")" ]
fi

# (b) The binary's embedded copy: without --data, from another directory,
# capscope fits exactly what --data data/demo.csv gives (tests/unit/test_demo
# compares the bytes).
(cd "$cs_tmp" && "$CAPSCOPE" fit --format csv >"$cs_tmp/fit-embedded.csv")
check "capscope fit without --data works from any directory" [ $? -eq 0 ]
"$CAPSCOPE" fit --data "$CSV" --format csv >"$cs_tmp/fit-file.csv"
check "the embedded demo fits exactly like data/demo.csv" \
    sh -c '[ -s "$1" ] && cmp "$1" "$2"' sh "$cs_tmp/fit-embedded.csv" "$cs_tmp/fit-file.csv"

# The generated C source decodes back to the file, and the script that
# writes it refuses what it cannot embed faithfully (CR, non-ASCII, NUL).
EMBED="$top_srcdir/data/embed-csv.awk"
SRC="$top_builddir/data/demo-csv.c"
check "the build generated $SRC" [ -r "$SRC" ]
awk '/^const char cs_demo_csv\[\] = \{$/ { on = 1; next }
     on && /^\};$/ { exit }
     on { n = split($0, b, ","); for (i = 1; i <= n; i++) if (b[i] ~ /[0-9]/ && b[i] + 0 != 0) printf "%c", b[i] + 0 }' \
    "$SRC" >"$cs_tmp/decoded"
check "data/demo-csv.c decodes back to data/demo.csv" cmp "$cs_tmp/decoded" "$CSV"
check "cs_demo_csv_size is the file's size" \
    grep -q "^const size_t cs_demo_csv_size = $(wc -c <"$CSV" | tr -d ' ');\$" "$SRC"
printf 'model,flops\r\na,1e21\r\n' >"$cs_tmp/crlf.csv"
printf 'model,flops\nb\303\251,1e21\n' >"$cs_tmp/utf8.csv"
printf 'model,flops\nb\000,1e21\n' >"$cs_tmp/nul.csv"
for bad in crlf utf8 nul; do
    LC_ALL=C awk -f "$EMBED" "$cs_tmp/$bad.csv" >/dev/null 2>"$cs_tmp/err"
    check "embed-csv.awk refuses a $bad file" [ $? -ne 0 ]
done

# judge YEAR FIT.csv: one line per fitted task whose truth is for YEAR ("all"
# for the stationary tasks): task year n n_rows mae coverage_fit coverage
# above max_above. From the data rows of the period (independently of the
# fit): n_rows, the coverage of the fitted boundary (q clamped to the rows'
# z range), the share of rows above the TRUE boundary and the largest excess.
# mae is the mean |q_fit - q_true| on 1001 points across the rows' z range.
judge() {
    awk -F, -v year="$1" '
    function q(y0, L, zs, b, z) { return y0 + L / (1 + exp(-b * (z - zs))) }
    FILENAME == ARGV[1] {
        split($0, f, " ")
        if (f[2] == year) { ty0[f[1]] = f[3]; tL[f[1]] = f[4]; tzs[f[1]] = f[5]; tb[f[1]] = f[6] }
        next
    }
    FILENAME == ARGV[2] {
        if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
        t = $col["task"]
        if (!(t in ty0)) next
        fitted[t] = 1; fn[t] = $col["n"]; fcov[t] = $col["coverage"]
        fy0[t] = $col["y0"]; fL[t] = $col["L"]; fzs[t] = $col["z_star"]; fb[t] = $col["b"]
        next
    }
    FNR == 1 { for (i = 1; i <= NF; i++) dcol[$i] = i; next }
    year == "all" || substr($5, 1, 4) == year {
        z = log($4) / log(10)
        for (t in fitted) {
            y = $dcol[t]
            if (y == "") continue
            k = ++n[t]; zz[t, k] = z; yy[t, k] = y
            if (!(t in lo) || z < lo[t]) lo[t] = z
            if (!(t in hi) || z > hi[t]) hi[t] = z
        }
    }
    END {
        for (t in fitted) {
            cov = 0; above = 0; worst = 0
            for (k = 1; k <= n[t]; k++) {
                if (yy[t, k] <= q(fy0[t], fL[t], fzs[t], fb[t], zz[t, k])) cov++
                d = yy[t, k] - q(ty0[t], tL[t], tzs[t], tb[t], zz[t, k])
                if (d > 0) above++
                if (d > worst) worst = d
            }
            mae = 0
            for (g = 0; g <= 1000; g++) {
                z = lo[t] + (hi[t] - lo[t]) * g / 1000
                d = q(fy0[t], fL[t], fzs[t], fb[t], z) - q(ty0[t], tL[t], tzs[t], tb[t], z)
                mae += d < 0 ? -d : d
            }
            printf "%s %s %d %d %.5f %.5f %.5f %.5f %.5f\n", t, year, fn[t], n[t], mae / 1001,
                fcov[t], cov / n[t], above / n[t], worst
        }
    }' "$cs_tmp/truth" "$2" "$CSV" | sort
}

# fit_period NAME YEAR FIT-OPTIONS...: fits the tasks whose truth is for YEAR.
fit_period() {
    local out=$1 year=$2; shift 2
    if [ "$year" = all ]; then
        "$CAPSCOPE" fit --data "$CSV" --format csv "$@" >"$cs_tmp/$out.csv"
    else
        "$CAPSCOPE" fit --data "$CSV" --format csv --task math --task coding \
            --since "$year-01-01" --until "$year-12-31" "$@" >"$cs_tmp/$out.csv"
    fi || fail "capscope fit $year $*: exit $?"
    judge "$year" "$cs_tmp/$out.csv" >>"$cs_tmp/$out.judged"
}

# (c) Recovery: near the pinball loss (kappa 1000) with a negligible ridge,
# the fitted boundary is within 0.01 of the true one on average, per task
# (per year for the advancing tasks). Also checks the data: about 2% of the
# rows lie above the true boundary (a binomial share: 4 standard errors of
# tolerance) and none by more than the documented 0.006 (+ rounding).
: >"$cs_tmp/sharp.judged"
for year in all 2023 2024 2025; do
    fit_period sharp "$year" --kappa 1000 --lambda-b 1e-5
done
echo "task year n n_rows mae coverage_fit coverage above max_above (kappa 1000, lambda_b 1e-5)"
cat "$cs_tmp/sharp.judged"
check "recovery judged all ten boundaries" [ "$(wc -l <"$cs_tmp/sharp.judged")" -eq 10 ]
while read -r task year n nrows mae covfit cov above worst; do
    check "$task $year: the fit saw the period's $nrows scored rows" [ "$n" = "$nrows" ]
    check "$task $year: mean |q_fit - q_true| = $mae < 0.01" le "$mae" 0.00999
    check "$task $year: the reported coverage $covfit is the share of rows on or below the fit ($cov)" \
        approx "$covfit" "$cov" "$(awk -v n="$nrows" 'BEGIN { print 1.01 / n }')"
    check "$task $year: $above of the rows lie above the true boundary (0.02 expected)" \
        approx "$above" 0.02 "$(awk -v n="$nrows" 'BEGIN { print 4 * sqrt(0.02 * 0.98 / n) }')"
    check "$task $year: no row lies more than 0.006 above the true boundary ($worst)" le "$worst" 0.00605
    check "$task $year: near the pinball loss the in-sample coverage $cov is close to 0.98" \
        approx "$cov" 0.98 0.015
done <"$cs_tmp/sharp.judged"

# (d) At the defaults (kappa 50, lambda_b 1e-3) the smoothed loss over-covers:
# its smoothing width 1/kappa = 0.02 is wider than the spread of the rows
# above the boundary (0.006), so the fit sits above nearly every row.
: >"$cs_tmp/default.judged"
for year in all 2023 2024 2025; do
    fit_period default "$year"
done
echo "task year n n_rows mae coverage_fit coverage above max_above (defaults)"
cat "$cs_tmp/default.judged"
check "coverage measured for all ten boundaries" [ "$(wc -l <"$cs_tmp/default.judged")" -eq 10 ]
while read -r task year n nrows mae covfit cov above worst; do
    check "$task $year: at the defaults the in-sample coverage $cov is well above 0.98" le 0.99 "$cov"
done <"$cs_tmp/default.judged"

finish
