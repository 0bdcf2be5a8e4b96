#!/bin/sh
# splits on a task left with fewer than 4 usable rows: an input error (the
# contract's "Bad input" list), as in fit, predict, require, plot and suggest,
# whether the task is named with --task or found by auto-detection. It was
# refused only when named; found, it gave exit 0 and a table of unfitted
# splits.
. "$top_srcdir/tests/lib.sh"

# Three scored rows (a fourth has no score): 3 usable rows, counted by hand.
d="$cs_tmp/three.csv"
printf 'model,flops,date,acc\na,1e21,2024-01-01,0.1\nb,1e22,2024-02-01,0.2\nc,1e23,2024-03-01,0.4\nd,1e24,2024-04-01,\n' >"$d"

for how in auto named; do
    if [ "$how" = named ]; then set -- --task acc; else set --; fi
    for fmt in table json csv; do
        expect_status 2 "splits, task $how, --format $fmt: exit 2" \
            "$CAPSCOPE" splits --data "$d" "$@" --format "$fmt"
        check "splits, task $how, --format $fmt: one line on stderr" test "$(wc -l <"$cs_tmp/err")" -eq 1
        check "splits, task $how, --format $fmt: it names the file and the count" \
            grep -q "^capscope: $d: task 'acc' has 3 usable rows .*fewer than 4" "$cs_tmp/err"
        check "splits, task $how, --format $fmt: nothing on stdout" test ! -s "$cs_tmp/out"
    done
done

# Rows left out by --until count as not usable, as in fit: 2 rows up to
# 2024-02-01 of a task with 4 usable rows in all.
d4="$cs_tmp/four.csv"
printf 'model,flops,date,acc\na,1e21,2024-01-01,0.1\nb,1e22,2024-02-01,0.2\nc,1e23,2024-03-01,0.4\nd,1e24,2024-04-01,0.5\n' >"$d4"
expect_status 2 "splits --until leaving 2 rows: exit 2" "$CAPSCOPE" splits --data "$d4" --until 2024-02-01
check "and it says so, in the date range" grep -q "task 'acc' has 2 usable rows (a score and flops > 0) in the date range, fewer than 4" "$cs_tmp/err"
# With 4 usable rows the splits run; the split of too few training rows is
# not fitted, which is a note, not an error.
expect_status 0 "splits with 4 usable rows: exit 0" "$CAPSCOPE" splits --data "$d4" --scheme 2024-02-01
check "the split with 1 training row is noted as not fitted" grep -q "fewer than 4 training rows: not fitted" "$cs_tmp/err"
# Under period4 the four rows (January to April 2024) all train split 1:
# splits 2 and 3 hold none of them, which their train_n and val_n of 0 say,
# and no note repeats it; the manual says when the note comes.
expect_status 0 "period4 on rows of one period: exit 0" "$CAPSCOPE" splits --data "$d4" --format csv
check "splits 2 and 3 hold no row: train_n and val_n 0, not fitted" \
    sh -c 'awk -F, "NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i } NR > 1 && \$c[\"k\"] > 1 { print \$c[\"train_n\"], \$c[\"val_n\"], \$c[\"fitted\"] }" "$1" | sort -u | grep -qx "0 0 false"' sh "$cs_tmp/out"
check "and no note of too few training rows for them" sh -c '! grep -q "fewer than 4 training rows" "$1"' sh "$cs_tmp/err"
man="$top_builddir/man/capscope.1"
check "the manual says the note leaves out a split with no row of the task" \
    sh -c 'sed "s/\\\\-/-/g" "$1" | tr "\n" " " | grep -q "(a note names them, unless the split holds no row of the task at all, as its train_n and val_n of 0 say; a note says so when .BR --since / --until left its rows out)"' sh "$man"
finish
