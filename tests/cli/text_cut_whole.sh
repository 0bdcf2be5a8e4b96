#!/bin/sh
# Batch output quotes a long task name in so many columns of whole
# characters, never so many bytes, which could end inside a character: the
# plot's title names a task of 70 CJK characters (210 bytes, 140 columns)
# whole, and fit's progress line shows "x" and 21 CJK characters of
# another (the 64 bytes the line keeps for a name: 1 + 21 * 3); so are
# messages cut at their buffer's end.
. "$top_srcdir/tests/lib.sh"
printf 'x' | LC_ALL=C.UTF-8 wc -L >/dev/null 2>&1 || skip "no C.UTF-8 locale to check characters with"

cjk=$(printf '\346\225\260')                     # U+6570: 3 bytes, 2 columns
rep() { i=0; while [ $i -lt "$2" ]; do printf '%s' "$1"; i=$((i + 1)); done; }
long=$(rep "$cjk" 70)
short="x$(rep "$cjk" 30)"
{
    printf 'model,flops,params_b,date,%s,%s\n' "$long" "$short"
    for i in 1 2 3 4 5 6 7 8; do
        printf 'm%s,1e2%s,1,2024-0%s-01,0.%s,0.%s\n' "$i" $(( (i - 1) % 4 + 1 )) "$i" "$i" "$i"
    done
} >"$cs_tmp/names.csv"
# Well-formed UTF-8 (iconv refuses a character cut in two), with no U+FFFD.
whole_chars() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && ! grep -q "$(printf '\357\277\275')" "$1"; }

expect_status 0 "plot of the long task" \
    "$CAPSCOPE" plot --data "$cs_tmp/names.csv" --task "$long" --width 200 --height 8 --color never
check "the title names the task whole" sh -c "head -n 1 '$cs_tmp/out' | grep -q '^$long  n=8  '"
check "the plot is whole characters" whole_chars "$cs_tmp/out"

# A message longer than its buffer (a usage error's 1,200 bytes) is cut at
# a whole character too: an option's value of 500 CJK characters ended in
# half a character. So did a note on a flat boundary (scores falling with
# compute) of a task named x and 400 of them, when a held warning was cut
# at 1,024 bytes; it is now whole (cut only when memory runs out).
expect_status 2 "--format with a value of 500 CJK characters" "$CAPSCOPE" fit --format "$(rep "$cjk" 500)"
check "the usage error is whole characters" whole_chars "$cs_tmp/err"
{
    printf 'model,flops,x%s\n' "$(rep "$cjk" 400)"
    for i in 1 2 3 4 5 6 7 8; do printf 'm%s,1e2%s,0.%s\n' "$i" "$i" $((9 - i)); done
} >"$cs_tmp/flat.csv"
expect_status 0 "fit of a falling task with a long name" "$CAPSCOPE" fit --data "$cs_tmp/flat.csv"
check "the note on its flat boundary is given" grep -q "^capscope: note: task 'x$cjk" "$cs_tmp/err"
check "and is whole characters" whole_chars "$cs_tmp/err"

if pty_script; then
    # script(1) gives stderr a terminal, and keeps every byte written to it.
    CAPSCOPE_PROGRESS_AFTER=0 script -q -c "'$CAPSCOPE' fit --data '$cs_tmp/names.csv' --task '$short' >/dev/null" \
        "$cs_tmp/raw" >/dev/null 2>&1
    check "fit's progress names x and 21 CJK characters" grep -q "fit: task 1 of 1 (x$(rep "$cjk" 21))" "$cs_tmp/raw"
    check "fit's progress is whole characters" whole_chars "$cs_tmp/raw"
else
    echo "note: fit's progress line on a terminal is not checked"
fi
finish
