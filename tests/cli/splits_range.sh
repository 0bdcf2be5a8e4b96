# capscope splits with --since / --until: rolling windows are anchored on
# the rows in the range, and a range holding no dated row is an input error.
. "$top_srcdir/tests/lib.sh"
need_jq
jqt() { "$JQ" -e "$@" >/dev/null; }

# Ten rows on the 15th of every month from 2023-01 to 2024-12.
data="$cs_tmp/monthly.csv"
awk 'BEGIN {
    print "model,flops,date,acc"
    for (m = 0; m < 24; m++)
        for (i = 0; i < 10; i++)
            printf "m%d-%d,%.6e,%d-%02d-15,%.3f\n", m, i, 10 ^ (21 + 0.4 * i), 2023 + int(m / 12), 1 + m % 12, 0.05 + 0.08 * i
}' >"$data"

# Within 2024 the first dated row is 2024-01-15, so rolling:3,3,3 cuts at
# 2024-04-01, 07-01 and 10-01 (2025-01-01 is after the last row): three
# splits, each training on 3 months (30 rows) and validating on the next 3
# (30 rows). Anchored on the whole file (2023-01) there would be seven, the
# first four training on 2023 rows that --since leaves out.
expect_status 0 "rolling windows within --since/--until" \
    $CAPSCOPE splits --data "$data" --scheme rolling:3,3,3 --since 2024-01-01 --until 2024-12-31 \
    --min-bin 5 --format json
check "three windows, all in 2024" test "$($JQ '.splits | length' "$cs_tmp/out")" -eq 3
check "split 1 trains on 2024-01..03" \
    test "$($JQ -c '.splits[0] | [.train_from, .train_to, .val_from, .val_to]' "$cs_tmp/out")" \
    = '["2024-01-01","2024-03-31","2024-04-01","2024-06-30"]'
check "every window has 30 training and 30 validation rows" \
    jqt '[.splits[] | .train_n == 30 and .val_n == 30] | all' "$cs_tmp/out"

# Without a range the windows start with the data (2023-01): cuts from
# 2023-04-01 to 2024-10-01 every 3 months, seven windows.
expect_status 0 "rolling windows over the whole file" \
    $CAPSCOPE splits --data "$data" --scheme rolling:3,3,3 --min-bin 5 --format json
check "seven windows" test "$($JQ '.splits | length' "$cs_tmp/out")" -eq 7

# The dates a record gives are those of the rows it could hold: period4's
# first period is open below (null), so within 2024 it reads from
# 2024-01-01; its last (2025-01..03) lies wholly outside --until, keeps
# the scheme's days and holds no row.
expect_status 0 "period4 within 2024" \
    $CAPSCOPE splits --data "$data" --since 2024-01-01 --until 2024-12-31 --min-bin 5 --format json
check "split 1 trains from --since" \
    test "$($JQ -c '.splits[0] | [.train_from, .train_to, .val_from, .val_to]' "$cs_tmp/out")" \
    = '["2024-01-01","2024-06-30","2024-07-01","2024-09-30"]'
check "split 3 validates on the scheme's P4, with no row" \
    test "$($JQ -c '.splits[2] | [.train_from, .train_to, .val_from, .val_to, .val_n]' "$cs_tmp/out")" \
    = '["2024-10-01","2024-12-31","2025-01-01","2025-03-31",0]'
expect_status 0 "year scheme, --until inside the training year" \
    $CAPSCOPE splits --data "$data" --scheme year --since 2023-03-10 --until 2024-05-20 --min-bin 5 \
    --drift --format json
check "--drift's periods are narrowed too" \
    test "$($JQ -c '.drift[0] | [.from_start, .from_end, .to_start, .to_end]' "$cs_tmp/out")" \
    = '["2023-03-10","2024-05-20","2025-01-01","2025-12-31"]'

# A range that holds no dated row has nothing to split: an input error
# with one line, not a table of empty splits.
for scheme in period4 rolling:3,3,3; do
    expect_status 2 "$scheme: --since after every date" \
        $CAPSCOPE splits --data "$data" --scheme "$scheme" --since 2030-01-01
    check "$scheme: one line says so" grep -q '^capscope: .*no row is dated within' "$cs_tmp/err"
    check "$scheme: nothing on stdout" test ! -s "$cs_tmp/out"
done
# Rows without a date are in no period: a note counts them (two here), and
# --quiet leaves it out.
{ cat "$data"; printf 'u1,1e22,,0.3\nu2,1e23,,0.4\n'; } >"$cs_tmp/undated.csv"
expect_status 0 "undated rows" $CAPSCOPE splits --data "$cs_tmp/undated.csv" --min-bin 5
check "a note counts the 2 undated rows" grep -q '^capscope: note: 2 rows without a date are in no split' "$cs_tmp/err"
# (Cut at 2024-01-01, both periods hold rows: period4's P4, after the last
# row, would have its own note.)
expect_status 0 "all rows dated" $CAPSCOPE splits --data "$data" --scheme 2024-01-01 --min-bin 5
check "no note when every row has a date" test ! -s "$cs_tmp/err"
expect_status 0 "undated rows, --quiet" $CAPSCOPE splits --data "$cs_tmp/undated.csv" --min-bin 5 --quiet
check "--quiet: no note" test ! -s "$cs_tmp/err"

# A fitted split whose validation side is empty (a cut after the last row,
# or --until before the period) has null out-of-sample errors: a note says
# which period was empty and why, rather than dashes without a word.
expect_status 0 "a cut after the last row" \
    $CAPSCOPE splits --data "$data" --scheme 2026-01-01 --min-bin 5
check "the split is fitted, its validation side empty" \
    grep -Eq '^1 +2026-01-01 +acc +240 +0 +[0-9]' "$cs_tmp/out"
check "a note names the empty period and the latest row" \
    grep -q "^capscope: note: split 1, task 'acc': no validation row (none dated from 2026-01-01 on), so the out-of-sample errors are null; the latest row is dated 2024-12-15: cut before it" "$cs_tmp/err"
expect_status 0 "period4 on rows that end in 2024" \
    $CAPSCOPE splits --data "$data" --split 3 --min-bin 5 --format json
check "split 3 trains on P3 and validates on nothing" \
    test "$($JQ -c '.splits[0] | [.train_n, .val_n, .fitted, .oos_error]' "$cs_tmp/out")" = '[30,0,true,null]'
check "a note says P4 is empty" \
    grep -q "^capscope: note: split 3, task 'acc': no validation row (none dated 2025-01-01 to 2025-03-31)" "$cs_tmp/err"
expect_status 0 "--until before the validation period" \
    $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --until 2024-06-30 --min-bin 5
check "the note blames --until" \
    grep -q "^capscope: note: split 1, task 'acc': no validation row (none dated from 2024-07-01 on), so the out-of-sample errors are null; --until 2024-06-30 ends before it" "$cs_tmp/err"
# Too few training rows: --since named when it cut into the training period
# (the rows are on the 15th: from 2024-06-20 to the cut none), not otherwise.
expect_status 0 "--since inside the training period" \
    $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --since 2024-06-20 --min-bin 5
check "the note of too few training rows names --since" \
    grep -q "^capscope: note: split 1, task 'acc': fewer than 4 training rows (--since 2024-06-20 leaves out its rows before that day): not fitted" "$cs_tmp/err"
expect_status 0 "a cut before every row" \
    $CAPSCOPE splits --data "$data" --scheme 2023-01-10 --min-bin 5
check "the note of too few training rows, no --since to name" \
    grep -q "^capscope: note: split 1, task 'acc': fewer than 4 training rows: not fitted" "$cs_tmp/err"
# --until on the period's first day does not end before it: the rows of
# July are dated the 15th, so none is in [2024-07-01, 2024-07-01], and the
# latest row up to --until is June's (2024-06-15), not December's.
expect_status 0 "--until the validation period's first day" \
    $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --until 2024-07-01 --min-bin 5
check "the note blames the rows, dated up to --until" \
    grep -q "^capscope: note: split 1, task 'acc': no validation row (none dated 2024-07-01 to 2024-07-01), so the out-of-sample errors are null; the latest row is dated 2024-06-15: cut before it$" "$cs_tmp/err"
# A split that holds no row at all had a row of nulls and zeros without a
# word: a note says which days it spans and what left them out.
expect_status 0 "--since after split 1's periods" \
    $CAPSCOPE splits --data "$data" --since 2024-10-01 --min-bin 5
check "split 1 holds no row" grep -Eq '^1 +2024-07-01 +acc +0 +0 ' "$cs_tmp/out"
check "the note of the empty split names --since" \
    grep -q "^capscope: note: split 1, task 'acc': no scored row dated up to 2024-09-30 (--since 2024-10-01 leaves out the rows before it), so the split is empty: its fit and errors are null$" "$cs_tmp/err"
check "split 2, with validation rows, has its own note, not this one" \
    sh -c '! grep -q "split 2.*no scored row" "$1"' sh "$cs_tmp/err"
expect_status 0 "--until before split 3's periods" \
    $CAPSCOPE splits --data "$data" --until 2024-08-01 --min-bin 5
check "the note of the empty split names --until" \
    grep -q "^capscope: note: split 3, task 'acc': no scored row dated 2024-10-01 to 2025-03-31 (--until 2024-08-01 leaves out the rows after it), so the split is empty" "$cs_tmp/err"
expect_status 0 "cut dates after the last row, no range" \
    $CAPSCOPE splits --data "$data" --scheme 2026-01-01,2026-06-01 --min-bin 5
check "no range emptied it: train_n and val_n 0 say it, no note" \
    sh -c '! grep -q "no scored row" "$1"' sh "$cs_tmp/err"
# Training rows too few for two bins of --min-bin make one bin of them all
# (method.md: bins of at least 30 rows, fewer bins than asked is normal): a
# note says the in-sample errors are judged on it. May and June hold 20
# rows; April to June 30, and March to June 40, still one bin at 30 (ten
# rows of each of ten compute levels: a bin of 30 leaves 10, which joins it).
for since in 2024-05-01 2024-04-01 2024-03-01; do
    expect_status 0 "training from $since, --min-bin 30" \
        $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --since $since --format json
    check "from $since: one in-sample bin" jqt '.splits[0] | .bins == 1' "$cs_tmp/out"
    check "from $since: a note says the in-sample errors are judged on one bin" \
        grep -q "^capscope: note: split 1, task 'acc': the training rows make one bin (fewer than two bins of --min-bin 30, or one compute), so the in-sample errors are judged on one bin of them all$" "$cs_tmp/err"
done
expect_status 0 "20 training rows, --min-bin 5" \
    $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --since 2024-05-01 --min-bin 5 --format json
check "two bins or more" jqt '.splits[0] | .bins >= 2' "$cs_tmp/out"
check "no note when they make two bins" sh -c '! grep -q "one bin" "$1"' sh "$cs_tmp/err"
expect_status 0 "--n-bins 1" \
    $CAPSCOPE splits --data "$data" --scheme 2024-07-01 --since 2024-05-01 --n-bins 1
check "no note of one bin asked for" sh -c '! grep -q "one bin" "$1"' sh "$cs_tmp/err"
# One validation row is not none.
{ cat "$data"; printf 'late,1e23,2025-01-10,0.5\n'; } >"$cs_tmp/one_late.csv"
expect_status 0 "one validation row" \
    $CAPSCOPE splits --data "$cs_tmp/one_late.csv" --scheme 2025-01-01 --min-bin 5
check "the split validates on 1 row" grep -Eq '^1 +2025-01-01 +acc +240 +1 ' "$cs_tmp/out"
check "no note of an empty validation side" sh -c '! grep -q "no validation row" "$1"' sh "$cs_tmp/err"
expect_status 0 "--quiet" $CAPSCOPE splits --data "$data" --scheme 2026-01-01 --min-bin 5 --quiet
check "--quiet: no note on the empty side" test ! -s "$cs_tmp/err"
finish
