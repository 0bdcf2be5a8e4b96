# capscope splits: formats, views, bad schemes, and parity on the shared data.
. "$top_srcdir/tests/lib.sh"
need_jq
# jqt FILTER FILE: passes when the filter yields true.
jqt() { "$JQ" -e "$@" >/dev/null; }

# Synthetic data with known periods: 40 rows in P1 scoring at most 0.4, 30 in
# P2 all scoring 0.99 (above any boundary fitted to P1), 20 in P3 at 0.6,
# nothing in P4, and one undated row (in no period).
syn="$cs_tmp/syn.csv"
awk 'BEGIN {
    print "model,flops,date,acc"
    for (i = 0; i < 40; i++)
        printf "p1-%d,%.6e,2024-%02d-%02d,%.4f\n", i, 10 ^ (21 + 0.3 * (i % 10)), 1 + int(i / 28), 1 + i % 28, 0.1 + 0.03 * (i % 10) - 0.01 * ((i * 7) % 5)
    for (i = 0; i < 30; i++)
        printf "p2-%d,%.6e,2024-08-%02d,0.99\n", i, 10 ^ (21.2 + 0.1 * i), 1 + i
    for (i = 0; i < 20; i++)
        printf "p3-%d,%.6e,2024-11-%02d,0.6\n", i, 10 ^ (21 + 0.15 * i), 1 + i
    print "undated,1e22,,0.5"
}' >"$syn"

expect_status 0 "splits json on synthetic data" $CAPSCOPE splits --data "$syn" --format json --min-bin 5
json="$cs_tmp/syn.json"
cp "$cs_tmp/out" "$json"
check "scheme is period4" test "$($JQ -r .scheme "$json")" = period4
check "three splits of one task" test "$($JQ '.splits | length' "$json")" -eq 3
check "train/val counts follow the periods (40/30, 30/20, 20/0)" \
    test "$($JQ -c '[.splits[] | [.k, .train_n, .val_n]]' "$json")" = '[[1,40,30],[2,30,20],[3,20,0]]'
check "contract keys are present" jqt '.splits[0] | has("k") and has("task") and has("train_n")
    and has("val_n") and has("y0") and has("L") and has("z_star") and has("b") and has("objective")
    and has("is_error") and has("oos_error") and has("oos_signed") and has("bins")' "$json"
# Every P2 model beats a boundary fitted to P1: hat_tau = 0 in every bin.
check "P1 -> P2: oos_signed = 0 - 0.98" approx "$($JQ '.splits[0].oos_signed' "$json")" -0.98 1e-9
check "P1 -> P2: oos_error = 0.98" approx "$($JQ '.splits[0].oos_error' "$json")" 0.98 1e-9
check "nothing to validate on in P4: oos_error null" jqt '.splits[2].oos_error == null' "$json"
check "period dates" test "$($JQ -c '.splits[1] | [.train_from, .train_to, .val_from, .val_to]' "$json")" \
    = '["2024-07-01","2024-09-30","2024-10-01","2024-12-31"]'
check "P1 is open below" jqt '.splits[0].train_from == null' "$json"
check "in-sample error is the mean of |hat_tau - tau|, so at least 0" jqt '[.splits[] | .is_error >= 0] | all' "$json"

expect_status 0 "splits csv" $CAPSCOPE splits --data "$syn" --format csv --min-bin 5
check "csv: a header and three records" test "$(wc -l <"$cs_tmp/out")" -eq 4
check "csv header names the contract columns" grep -q '^scheme,.*,k,task,.*train_n,val_n,.*,is_error,.*,oos_error,.*oos_signed,bins' "$cs_tmp/out"

expect_status 0 "splits table" $CAPSCOPE splits --data "$syn" --min-bin 5
check "table: the scheme line" grep -q '^scheme: period4' "$cs_tmp/out"
check "table: a header row" grep -Eq '^ *k +cut +task +train_n +val_n' "$cs_tmp/out"
# The table names each split by its cut, the validation period's first day:
# period4's are 2024-07-01, 2024-10-01 and 2025-01-01 (method.md).
check "table: the splits' cuts" test "$(awk 'NR > 5 { print $1, $2 }' "$cs_tmp/out" | tr '\n' ' ')" = \
    "1 2024-07-01 2 2024-10-01 3 2025-01-01 "
expect_status 0 "drift table" $CAPSCOPE splits --data "$syn" --min-bin 5 --drift --drift-flops 1e22
check "drift table: the splits' cuts" test "$(awk 'NR > 5 { print $1, $2 }' "$cs_tmp/out" | tr '\n' ' ')" = \
    "1 2024-07-01 2 2024-10-01 3 2025-01-01 "

expect_status 0 "per-bin view" $CAPSCOPE splits --data "$syn" --bins --format json --min-bin 5
# The training bins span the training compute, so together they hold every training row.
check "in-sample bins of split 1 hold all 40 training rows" \
    test "$($JQ '[.bins[] | select(.k == 1 and .set == "in_sample") | .n] | add' "$cs_tmp/out")" -eq 40
check "bins are contiguous: each z_hi is the next z_lo" jqt '[.bins[] | select(.k == 1 and .set == "in_sample")]
    | [range(1; length) as $i | .[$i - 1].z_hi == .[$i].z_lo] | all' "$cs_tmp/out"
check "per-bin error is |hat_tau - 0.98|" jqt '[.bins[] | select(.n > 0)
    | ((.error - ((.hat_tau - 0.98) | fabs)) | fabs) < 1e-9] | all' "$cs_tmp/out"

expect_status 0 "drift view" $CAPSCOPE splits --data "$syn" --drift --drift-flops 1e22 --format json
check "drift list with one record per split" test "$($JQ '.drift | length' "$cs_tmp/out")" -eq 3
check "P1 -> P2: the boundary rose at 1e22" jqt '.drift[0].dq_1e22 > 0.5' "$cs_tmp/out"
check "P3 -> P4: nothing to compare" jqt '.drift[2].fitted == false and .drift[2].dq_1e22 == null' "$cs_tmp/out"

expect_status 0 "one split with --split" $CAPSCOPE splits --data "$syn" --split 2 --format json
check "--split 2 gives only k = 2" test "$($JQ -c '[.splits[].k]' "$cs_tmp/out")" = '[2]'
expect_status 0 "cut dates" $CAPSCOPE splits --data "$syn" --scheme 2024-07-01 --format json
check "one cut: (-inf, 2024-07-01) vs the rest (40 / 50)" \
    test "$($JQ -c '[.splits[] | [.train_n, .val_n]]' "$cs_tmp/out")" = '[[40,50]]'
expect_status 0 "test-fixed bins" $CAPSCOPE splits --data "$syn" --oos-bins test-fixed --format json --min-bin 5
check "test-fixed is reported" test "$($JQ -r .oos_bins_mode "$cs_tmp/out")" = test-fixed

# oos_n, the validation rows judged: with train-overlap those within the
# training compute. P1 trains on z 21..23.7; P2's z 21.2 + 0.1 i lies within
# it for i <= 25 (26 rows). P2 trains on z 21.2..24.1; P3's z 21 + 0.15 i
# for i >= 2 (18 rows). test-fixed judges every validation row.
check "oos_n with train-overlap: the validation rows within the training compute (26, 18, 0)" \
    test "$($JQ -c '[.splits[] | .oos_n]' "$json")" = '[26,18,0]'
expect_status 0 "splits json, test-fixed" $CAPSCOPE splits --data "$syn" --format json --min-bin 5 --oos-bins test-fixed
check "oos_n with test-fixed: every validation row (30, 20, 0)" \
    test "$($JQ -c '[.splits[] | .oos_n]' "$cs_tmp/out")" = '[30,20,0]'

# period4 with its cuts moved (the split view's scrubbing names it so) reads
# back as itself. P2's rows are all dated in August, after the moved first
# cut, so split 1 still trains on P1's 40 and validates on P2's 30.
expect_status 0 "period4 with a moved cut" $CAPSCOPE splits --data "$syn" --scheme period4:2024-07-15,2024-10-01,2025-01-01 --format json --min-bin 5
check "the scheme's name comes back as given" \
    test "$($JQ -r .scheme "$cs_tmp/out")" = period4:2024-07-15,2024-10-01,2025-01-01
check "split 1: 40 training rows, 30 validation rows" \
    test "$($JQ -c '[.splits[0] | .train_n, .val_n]' "$cs_tmp/out")" = '[40,30]'

for bad in period5 2024-13-45 2023-02-29 2024-07-01, 2024-10-01,2024-07-01 rolling:3,3 rolling:0,1,1 '' \
    period4:2024-07-01 period4:2024-07-01,2024-10-01,2025-04-01 year:2026-01-01 1899-12-31 period4:; do
    expect_status 2 "bad --scheme '$bad'" $CAPSCOPE splits --data "$syn" --scheme "$bad"
    check "bad --scheme '$bad': one 'capscope: splits:' line" \
        test "$(grep -c '^capscope: splits: ' "$cs_tmp/err")" -eq 1
done
# A scheme too long to quote whole: the message still says what is wrong.
# 65 cut dates (one past the most) are 714 bytes, more than a message holds;
# quoted whole they pushed the reason out, and the line ended in the dates.
cuts() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "%s2024-%02d-%02d", (i ? "," : ""), 1 + int(i / 28), 1 + i % 28 }'; }
many=$(cuts 65)
expect_status 2 "65 cut dates" $CAPSCOPE splits --data "$syn" --scheme "$many"
check "65 cut dates: the reason is said" grep -q "^capscope: splits: scheme '2024-01-01,.*\.\.\.': more than 64 cut dates" "$cs_tmp/err"
expect_status 2 "64 cut dates, the last out of order" $CAPSCOPE splits --data "$syn" --scheme "$(cuts 63),2024-01-01"
check "a long list out of order: the date at fault is named" \
    grep -q "cut dates must increase ('2024-01-01' is not after the one before)" "$cs_tmp/err"
expect_status 2 "an unknown scheme of 700 bytes" $CAPSCOPE splits --data "$syn" --scheme "x$many"
check "an unknown long scheme: the forms are listed" grep -q "^capscope: splits: unknown scheme 'x2024-01-01,.*\.\.\.' (period4|.*|year:D)" "$cs_tmp/err"

# Validation rows at one compute inside the training range: the overlap is
# a point, no out-of-sample bin, oos_error null, and a note says why.
printf 'model,flops,date,acc\na,1e21,2024-01-01,0.1\nb,1e22,2024-01-02,0.2\nc,1e23,2024-01-03,0.3\nd,1e24,2024-01-04,0.6\ne,1e22,2024-02-04,0.6\nf,1e22,2024-02-04,0.4\n' >"$cs_tmp/point.csv"
expect_status 0 "a split whose overlap is a point" $CAPSCOPE splits --data "$cs_tmp/point.csv" --scheme 2024-02-01 --format json
check "oos_error is null there" jqt '.splits[0].oos_error == null and .splits[0].oos_bins == 0' "$cs_tmp/out"
check "a note says why, and what to try" grep -q "split 1, task 'acc': no out-of-sample bin (the training and validation compute overlap too little).*--oos-bins test-fixed" "$cs_tmp/err"
# Several tasks that miss a fit or an out-of-sample bin in the same split:
# one note per split naming them, not one per task (20 tasks printed 20
# notes per split). The point.csv layout with six tasks: split 1 has its
# overlap at a point; a second scheme's first period holds 3 rows, too few.
awk 'BEGIN { print "model,flops,date,t1,t2,t3,t4,t5,t6"
    n = split("1e21 1e22 1e23 1e24 1e22 1e22", f, " "); split("2024-01-01 2024-01-02 2024-01-03 2024-01-04 2024-02-04 2024-02-04", d, " ")
    split("0.1 0.2 0.3 0.6 0.6 0.4", y, " ")
    for (i = 1; i <= n; i++) printf "m%d,%s,%s,%s,%s,%s,%s,%s,%s\n", i, f[i], d[i], y[i], y[i], y[i], y[i], y[i], y[i] }' >"$cs_tmp/six.csv"
expect_status 0 "six tasks without an out-of-sample bin" $CAPSCOPE splits --data "$cs_tmp/six.csv" --scheme 2024-02-01
check "one note for the six tasks" test "$(grep -c 'no out-of-sample bin' "$cs_tmp/err")" -eq 1
check "the note counts them and names the first four" \
    grep -q "split 1, 6 tasks ('t1', 't2', 't3', 't4' and 2 more): no out-of-sample bin" "$cs_tmp/err"
# Names of 60 bytes: the four quoted filled 254 of the list's 256 bytes,
# and " and 2 more" was cut off. Each is now shortened before it is quoted
# (34 bytes and "...", 37, then the quotes: namelist's 40 with the NUL),
# and the count of the rest kept.
x58=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
sed "1s/t\([1-6]\)/t\1$x58/g" "$cs_tmp/six.csv" >"$cs_tmp/six_long.csv"
expect_status 0 "six long-named tasks without an out-of-sample bin" $CAPSCOPE splits --data "$cs_tmp/six_long.csv" --scheme 2024-02-01
x32=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
check "the note names four, shortened and quoted, and counts the other two" \
    grep -q "split 1, 6 tasks ('t1$x32\.\.\.', 't2$x32\.\.\.', 't3$x32\.\.\.', 't4$x32\.\.\.' and 2 more): no out-of-sample bin" "$cs_tmp/err"
expect_status 0 "six tasks with 3 training rows" $CAPSCOPE splits --data "$cs_tmp/six.csv" --scheme 2024-01-04
check "one note says they were not fitted, and why" \
    test "$(grep -c "split 1, 6 tasks .*: fewer than 4 training rows: not fitted" "$cs_tmp/err")" -eq 1
# A period whose fit is flat on or above every score gets fit's note, here
# too. Task 'flat' scores 0.5 everywhere in the first period: the smoothed
# loss's optimum is the constant 0.5 + logit(0.98) / 50 = 0.5 + ln(49) / 50 =
# 0.5778, above every score. Task 'up' rises by 0.1 a decade: not flat. A
# second flat task makes one note naming both.
awk 'BEGIN { print "model,flops,date,flat,up,flat2"
    for (i = 0; i < 8; i++) printf "m%d,1e%d,2024-01-%02d,0.5,0.%d,0.3\n", i, 21 + i % 4, 1 + i, 1 + i % 4
    for (i = 0; i < 4; i++) printf "v%d,1e%d,2024-03-%02d,0.6,0.5,0.4\n", i, 21 + i, 1 + i }' >"$cs_tmp/flat.csv"
expect_status 0 "a period with a flat boundary" $CAPSCOPE splits --data "$cs_tmp/flat.csv" --scheme 2024-02-01 --min-bin 2 \
    --task flat --task up --format csv
check "a note says the boundary is flat at 0.5778, with what to try" \
    grep -q "^capscope: note: split 1, task 'flat': the boundary is flat at 0.5778 (L = 0), on or above every training score; a sharper loss, --kappa 1000" "$cs_tmp/err"
check "the rising task is not named" sh -c "! grep -q \"'up'\" '$cs_tmp/err'"
expect_status 0 "two flat tasks" $CAPSCOPE splits --data "$cs_tmp/flat.csv" --scheme 2024-02-01 --drift
check "one note names both" grep -q "^capscope: note: split 1, 2 tasks ('flat', 'flat2'): the boundaries are flat (L = 0)" "$cs_tmp/err"
# Its status too: a run that died without a word passed the count of stderr.
expect_status 0 "--quiet" $CAPSCOPE splits --data "$cs_tmp/flat.csv" --scheme 2024-02-01 --quiet
check "--quiet: no note" test ! -s "$cs_tmp/err"
check "--quiet: the table still" grep -q . "$cs_tmp/out"
# At --kappa 1e6 --lambda-b 0 the loss is as sharp as the advice's: the
# note (flat at 0.5 + ln(49) / 1e6, still above every score) gives none.
expect_status 0 "a flat period at kappa 1e6" $CAPSCOPE splits --data "$cs_tmp/flat.csv" --scheme 2024-02-01 \
    --task flat --kappa 1e6 --lambda-b 0
check "the note, without advice" grep -qx "capscope: note: split 1, task 'flat': the boundary is flat at 0.5 (L = 0), on or above every training score" "$cs_tmp/err"
# Coverage counted by hand on 6 validation rows, in a file out of date
# order, one validation row dated on the cut (in the later period, [D1, ..)).
# Training z {21, 22, 22, 23, 23, 24} scores at most 0.7, so q lies about
# 0.2 to 0.8 over it: rows scoring 0.9 or more are above it, rows at 0.1 or
# less at z >= 22 below it (q rises), 0 always below. Bins (coverage.h, 2
# asked, min 1): a bin closes at 3 rows on the value that completes it, so
# the training edges are 21, 22, 24: [21, 22) and [22, 24].
#   train-overlap: the overlap [21, 24] holds v1 (21.48, above) in bin 1 and
#   v2 (22.48, below), v3 (23.48, above), v4 (23.48, below) in bin 2:
#   hat_tau 0 and 2/3; macro (0.98 + 0.98 - 2/3) / 2 = 0.646667, micro
#   (0.98 + 3 * 0.313333) / 4 = 0.48, signed -0.646667; v5 (z 25) and v6
#   (z 20) are outside.
#   test-fixed: validation z {20, 21.48, 22.48, 23.48, 23.48, 25}: edges 20,
#   22.48, 25; [20, 22.48) = v6 below, v1 above: 1/2; the rest = v2, v4
#   below, v3, v5 above: 1/2; macro 0.48, signed -0.48, all 6 rows judged.
printf '%s\n' model,flops,date,acc v3,3e23,2024-06-03,0.95 t1,1e21,2024-01-01,0.1 v1,3e21,2024-06-01,0.9 \
    t2,1e22,2024-01-02,0.3 t4,1e24,2024-01-04,0.7 v2,3e22,2024-06-02,0.05 t3,1e23,2024-01-03,0.5 \
    v4,3e23,2024-06-04,0.1 t5,1e22,2024-01-05,0.2 v5,1e25,2024-06-05,0.99 t6,1e23,2024-01-06,0.4 \
    v6,1e20,2024-06-06,0 >"$cs_tmp/six_val.csv"
expect_status 0 "six validation rows, train-overlap" \
    $CAPSCOPE splits --data "$cs_tmp/six_val.csv" --scheme 2024-06-01 --n-bins 2 --min-bin 1 --format json
check "6 training rows, 6 validation rows (the cut day's row validates)" \
    jqt '.splits[0] | .train_n == 6 and .val_n == 6 and .bins == 2 and .oos_bins == 2 and .oos_n == 4' "$cs_tmp/out"
check "train-overlap: oos_error 0.646667" approx "$($JQ '.splits[0].oos_error' "$cs_tmp/out")" 0.6466667 1e-6
check "train-overlap: oos_micro 0.48" approx "$($JQ '.splits[0].oos_micro' "$cs_tmp/out")" 0.48 1e-9
check "train-overlap: oos_signed -0.646667" approx "$($JQ '.splits[0].oos_signed' "$cs_tmp/out")" -0.6466667 1e-6
# v5 and v6 are not judged; the table must say over how many rows oos_error
# is (oos_n), and a note which rows were left out and why.
check "train-overlap: a note says 2 of the 6 validation rows are outside the training compute" grep -qF \
    "note: split 1, task 'acc': 2 of the 6 validation rows lie outside the training compute (z 21.000 to 24.000), where the train-overlap bins end: oos_error is over the other 4 (oos_n)" "$cs_tmp/err"
# One row left out is said as one (v6 dropped: v5 alone lies beyond).
grep -v '^v6,' "$cs_tmp/six_val.csv" >"$cs_tmp/five_val.csv"
expect_status 0 "five validation rows, one outside" \
    $CAPSCOPE splits --data "$cs_tmp/five_val.csv" --scheme 2024-06-01 --n-bins 2 --min-bin 1 --format json
check "the note says 1 of the 5 lies outside" grep -qF \
    "note: split 1, task 'acc': 1 of the 5 validation rows lies outside the training compute (z 21.000 to 24.000), where the train-overlap bins end: oos_error is over the other 4 (oos_n); --oos-bins test-fixed judges it too" "$cs_tmp/err"
# Tasks whose counts differ share one note, without counts: a second task
# with no score for v6 leaves out 1 of 5 where acc leaves out 2 of 6.
awk -F, 'NR == 1 { print $0 ",acc2"; next } { print $0 "," ($1 == "v6" ? "" : $4) }' "$cs_tmp/six_val.csv" >"$cs_tmp/six_val2.csv"
expect_status 0 "two tasks, different rows left out" \
    $CAPSCOPE splits --data "$cs_tmp/six_val2.csv" --scheme 2024-06-01 --n-bins 2 --min-bin 1 --format json
check "one note names both tasks, the counts in oos_n" grep -qF \
    "note: split 1, 2 tasks ('acc', 'acc2'): some validation rows lie outside the training compute, where the train-overlap bins end: oos_error is over the oos_n rows within it" "$cs_tmp/err"
check "oos_n 4 and 4 of val_n 6 and 5" test "$($JQ -c '[.splits[] | [.val_n, .oos_n]]' "$cs_tmp/out")" = '[[6,4],[5,4]]'
expect_status 0 "six validation rows, train-overlap, table" \
    $CAPSCOPE splits --data "$cs_tmp/six_val.csv" --scheme 2024-06-01 --n-bins 2 --min-bin 1
check "table: an oos_n column, 4 rows judged" test "$(awk 'NR == 5 { for (i = 1; i <= NF; i++) if ($i == "oos_n") c = i } NR == 6 { print $c }' "$cs_tmp/out")" = 4
expect_status 0 "six validation rows, test-fixed, per bin" $CAPSCOPE splits --data "$cs_tmp/six_val.csv" \
    --scheme 2024-06-01 --n-bins 2 --min-bin 1 --oos-bins test-fixed --bins --format json
check "test-fixed bins: 2 and 4 rows, hat_tau 1/2 each" \
    test "$($JQ -c '[.bins[] | select(.set == "out_of_sample") | [.n, .hat_tau]]' "$cs_tmp/out")" = '[[2,0.5],[4,0.5]]'
expect_status 0 "six validation rows, test-fixed" $CAPSCOPE splits --data "$cs_tmp/six_val.csv" \
    --scheme 2024-06-01 --n-bins 2 --min-bin 1 --oos-bins test-fixed --format json
check "test-fixed: oos_error 0.48, signed -0.48, 6 rows judged" \
    jqt '.splits[0] | (.oos_error - 0.48 | fabs) < 1e-9 and (.oos_signed + 0.48 | fabs) < 1e-9 and .oos_n == 6' "$cs_tmp/out"
check "test-fixed: no note of rows left out" sh -c "! grep -q 'outside the training compute' '$cs_tmp/err'"
# Rows dated after the scheme's last period (period4 ends on 2025-03-31):
# 3 of them, like the undated row, are in no split, and a note says so.
{ cat "$syn"; printf 'late-1,1e22,2025-04-01,0.5\nlate-2,1e22,2025-12-31,0.5\nlate-3,1e22,2026-01-08,0.5\n'; } >"$cs_tmp/late.csv"
expect_status 0 "rows after period4's end" $CAPSCOPE splits --data "$cs_tmp/late.csv" --min-bin 5 --format json
check "the splits still count 40/30, 30/20, 20/0" \
    test "$($JQ -c '[.splits[] | [.train_n, .val_n]]' "$cs_tmp/out")" = '[[40,30],[30,20],[20,0]]'
check "a note counts the 3 rows after 2025-03-31" \
    grep -q '^capscope: note: 3 rows dated after 2025-03-31, where the scheme.s last period ends, are in no split' "$cs_tmp/err"
expect_status 0 "--until before the late rows" $CAPSCOPE splits --data "$cs_tmp/late.csv" --min-bin 5 --until 2025-03-31
check "rows left out by --until are not counted" sh -c "! grep -q 'dated after' '$cs_tmp/err'"
expect_status 0 "cut dates of your own" $CAPSCOPE splits --data "$cs_tmp/late.csv" --min-bin 5 --scheme 2024-07-01,2024-10-01
check "the last period has no end: no note" sh -c "! grep -q 'dated after' '$cs_tmp/err'"
expect_status 2 "bad --oos-bins" $CAPSCOPE splits --data "$syn" --oos-bins overlap
expect_status 2 "--split beyond the scheme" $CAPSCOPE splits --data "$syn" --split 4
expect_status 2 "--bins with --drift" $CAPSCOPE splits --data "$syn" --bins --drift
expect_status 2 "--drift-flops without --drift" $CAPSCOPE splits --data "$syn" --drift-flops 1e23
# A table dated after period4's end (2025-03-31) fits in no split: an input
# error with the rows' dates and what fits them, not an empty table.
printf 'model,flops,date,acc\na,1e21,2026-01-08,0.1\nb,1e22,2026-02-01,0.2\nc,1e23,2026-05-20,0.3\nd,1e24,2026-06-30,0.4\n' >"$cs_tmp/late2026.csv"
expect_status 2 "a table after period4's periods" $CAPSCOPE splits --data "$cs_tmp/late2026.csv"
check "says the periods and the rows' dates" grep -qF \
    "late2026.csv: scheme period4: no dated row falls in its periods (up to 2025-03-31): the rows are dated 2026-01-08 to 2026-06-30; give cut dates" "$cs_tmp/err"
expect_status 0 "the same table with cut dates within its rows" $CAPSCOPE splits --data "$cs_tmp/late2026.csv" --scheme 2026-03-01
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\n' >"$cs_tmp/nodate.csv"
expect_status 2 "data without dates" $CAPSCOPE splits --data "$cs_tmp/nodate.csv"
check "data without dates: the message says so" grep -q "^capscope: .*nodate.csv: no row has a date" "$cs_tmp/err"
# A date column that is there but empty in every row is named as that: told
# to name a date column with --config, the user looks for one they have.
printf 'model,flops,released,acc\na,1e21,,0.1\nb,1e22,,0.2\nc,1e23,,0.3\nd,1e24,,0.4\n' >"$cs_tmp/emptydate.csv"
printf 'columns:\n  date: released\n' >"$cs_tmp/emptydate.yaml"
expect_status 2 "a date column empty in every row" $CAPSCOPE splits --data "$cs_tmp/emptydate.csv" --config "$cs_tmp/emptydate.yaml"
check "the message names the column and says it is empty" grep -qx \
    "capscope: $cs_tmp/emptydate.csv: column 'released' is empty in every row; splits need dates (YYYY-MM-DD)" "$cs_tmp/err"
{ cat "$cs_tmp/emptydate.csv"; printf 'e,,2024-01-01,0.5\n'; } >"$cs_tmp/emptydate2.csv"
expect_status 2 "a date only on a row without flops" $CAPSCOPE splits --data "$cs_tmp/emptydate2.csv" --config "$cs_tmp/emptydate.yaml"
check "the message says every row with flops" grep -q \
    "column 'released' is empty in every row with flops; splits need dates" "$cs_tmp/err"
expect_status 0 "--help" $CAPSCOPE splits --help
check "help names the schemes" grep -q 'rolling:W,H,S' "$cs_tmp/out"

# Parity on the authors' re-evaluation set (../shared/data).
# oos_bins counts the out-of-sample bins judged. Training (2023): 40 rows at
# each of z = 21..25, so the training edges are {21, 22, 23, 24, 25}
# (coverage.h: a bin closes at max(30, ceil(200 / 5)) = 40 rows), 4 bins.
# Validation (2024): 20 rows at z = 21.5 and 20 at z = 24.5; the overlap
# [21.5, 24.5] clips the edges to {21.5, 22, 23, 24, 24.5}: 4 bins, of which
# [22, 23) and [23, 24) hold no validation row. 2 are judged.
gap="$cs_tmp/gap.csv"
awk 'BEGIN {
    print "model,flops,date,acc"
    for (i = 0; i < 200; i++)
        printf "t%d,1e%d,2023-%02d-10,%.2f\n", i, 21 + int(i / 40), 1 + i % 12, 0.1 + 0.1 * (i % 5) + 0.02 * int(i / 40)
    for (i = 0; i < 40; i++)
        printf "v%d,%s,2024-%02d-10,%.2f\n", i, i < 20 ? "3.16227766e21" : "3.16227766e24", 1 + i % 12, 0.2 + 0.01 * i
}' >"$gap"
expect_status 0 "splits with validation rows at two ends of the overlap" \
    $CAPSCOPE splits --data "$gap" --scheme 2024-01-01 --format json
check "bins is the in-sample count: 4" jqt '.splits[0].bins == 4' "$cs_tmp/out"
check "oos_bins counts the 2 bins judged, not the 4 of the overlap" jqt '.splits[0].oos_bins == 2' "$cs_tmp/out"
expect_status 0 "the same as a table" $CAPSCOPE splits --data "$gap" --scheme 2024-01-01
check "table: bins 4 in sample, oos_bins 2 judged out of sample" test "$(awk 'NR == 5 { for (i = 1; i <= NF; i++) col[$i] = i } NR == 6 { print $col["bins"], $col["oos_bins"] }' "$cs_tmp/out")" = "4 2"
expect_status 0 "--bins lists the overlap's 4 bins" \
    $CAPSCOPE splits --data "$gap" --scheme 2024-01-01 --bins --format json
check "two of them empty" jqt '[.bins[] | select(.set == "out_of_sample")] | length == 4
    and ([.[] | select(.n == 0)] | length == 2)' "$cs_tmp/out"

if [ -r "$OLL" ]; then
    expect_status 0 "period4 on oll_reeval.csv" $CAPSCOPE splits --data "$OLL" --format json
    oll="$cs_tmp/oll.json"
    cp "$cs_tmp/out" "$oll"
    # Period sizes from ../shared/data/README.md: 513 / 216 / 211 / 229.
    for t in $($JQ -r '[.splits[].task] | unique | .[]' "$oll"); do
        check "$t: counts 513/216, 216/211, 211/229" \
            test "$($JQ -c --arg t "$t" '[.splits[] | select(.task == $t) | [.train_n, .val_n]]' "$oll")" \
            = '[[513,216],[216,211],[211,229]]'
    done
    # The paper's finding: later models beat the earlier IFEval and MATH Lvl 5 boundaries.
    for t in ifeval math_lvl5; do
        for k in 1 3; do
            check "$t k=$k: the boundary advanced (oos_signed < 0)" \
                jqt --arg t "$t" --argjson k "$k" '.splits[] | select(.task == $t and .k == $k) | .oos_signed < 0' "$oll"
        done
    done
    # The contract's published example (contract.md): IFEval, k = 1.
    r=$($JQ -c '.splits[] | select(.task == "ifeval" and .k == 1)' "$oll")
    check "ifeval k=1: is_error 0.0123" approx "$(echo "$r" | $JQ .is_error)" 0.0123 0.0005
    check "ifeval k=1: oos_error 0.1327" approx "$(echo "$r" | $JQ .oos_error)" 0.1327 0.0005
    check "ifeval k=1: oos_signed -0.1247" approx "$(echo "$r" | $JQ .oos_signed)" -0.1247 0.0005
    check "ifeval k=1: 5 bins" test "$(echo "$r" | $JQ .bins)" -eq 5
else
    echo "SKIP (parity part): ../shared/data is absent ($OLL)"
fi
finish
