#!/bin/sh
# A terminal gives a wide character (CJK) two columns and a combining
# accent none: the table's columns line up by those widths, not by counting
# code points, and a plot's title stays within --width columns.
. "$top_srcdir/tests/lib.sh"
d=$cs_tmp
cjk=$(printf '\346\225\260\345\255\246')   # U+6570 U+5B66: 2 characters, 4 columns
acc=$(printf 'e\314\201x')                 # e, U+0301 (combining acute), x: 2 columns
{
    printf 'model,flops,params_b,%s,acc,%s\n' "$cjk" "$acc"
    for i in 1 2 3 4 5 6 7 8; do
        printf 'm%s,1e2%s,1,0.%s,0.%s,0.%s\n' "$i" $(( (i - 1) % 4 + 1 )) "$i" "$i" "$i"
    done
} >"$d/wide.csv"

expect_status 0 "fit on task names with wide and combining characters" \
    "$CAPSCOPE" fit --data "$d/wide.csv"
# The task column is as wide as its widest entry, "task" or the CJK name:
# 4 columns. Every n (8, one digit) starts in column 7.
check "header: task, two spaces, n" grep -q '^task  n  ' "$cs_tmp/out"
check "the CJK name takes 4 columns" grep -q "^$cjk  8  " "$cs_tmp/out"
check "acc is padded by one" grep -q '^acc   8  ' "$cs_tmp/out"
check "the combining accent takes none" grep -q "^$acc    8  " "$cs_tmp/out"

# The title line holds the CJK name (6 bytes, 4 columns) and ASCII after
# it, so its width in columns is its length in bytes less 2.
expect_status 0 "plot of the CJK task, 20 columns" "$CAPSCOPE" plot --data "$d/wide.csv" \
    --task "$cjk" --width 20 --height 8 --charset braille --color never
title_cols=$(( $(head -n 1 "$cs_tmp/out" | LC_ALL=C wc -c) - 1 - 2 ))
check "the title is at most 20 columns ($title_cols)" [ "$title_cols" -le 20 ]
check "the title is cut at 19 or 20 columns, not shorter" [ "$title_cols" -ge 19 ]
finish
