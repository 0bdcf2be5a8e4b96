#!/bin/sh
# The table is for a terminal: a control character in a task or model name
# (ESC starting an escape sequence, BEL, a newline) must reach it as visible
# text, never as a control, and one result is one line.
. "$top_srcdir/tests/lib.sh"
d=$cs_tmp
# Two tasks whose names hold an OSC sequence (sets the terminal's title) and
# a newline, and models whose names hold a colour sequence and a CR.
{
    printf 'model,flops,params_b,"ev\033]0;pwned\007il","two\nlines",acc\n'
    for i in 1 2 3 4 5 6 7 8; do
        printf '"m\033[31m%s\r",1e2%s,1,0.%s,0.%s,\n' "$i" "$i" "$i" "$i"
    done
    printf 'x,1e22,1,,,0.5\nx2,1e23,1,,,0.6\nx3,1e22,1,,,0.7\nx4,1e24,1,,,0.8\n'
} >"$d/ctl.csv"

no_controls() { ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1"; }

expect_status 0 "fit on names with control characters" "$CAPSCOPE" fit --data "$d/ctl.csv"
check "fit: no control character in the table" no_controls "$cs_tmp/out"
# A header line and one line per task (3 tasks).
check "fit: one line per task" [ "$(wc -l <"$cs_tmp/out")" -eq 4 ]
check "fit: the ESC shows as text" grep -q 'ev\\x1b' "$cs_tmp/out"
check "fit: the newline shows as \\n" grep -q 'two\\nlines' "$cs_tmp/out"

expect_status 0 "suggest on model names with control characters" \
    "$CAPSCOPE" suggest --data "$d/ctl.csv" --task acc --count 8
check "suggest: no control character in the table" no_controls "$cs_tmp/out"
check "suggest: the model's ESC shows as text" grep -q 'm\\x1b\[31m1\\r' "$cs_tmp/out"

# Error messages quote names from the file the same way: one line, no
# escape sequence reaching the terminal.
printf 'model,flops,"a\nb",acc\nx,1e22,0.1,0.2\n' >"$d/nlcol.csv"
expect_status 2 "an error naming a column with a newline" "$CAPSCOPE" fit --data "$d/nlcol.csv" --task zz
check "the error is one line" [ "$(wc -l <"$cs_tmp/err")" -eq 1 ]
check "the newline shows as \\n" grep -q 'a\\nb' "$cs_tmp/err"
expect_status 2 "a usage error quoting an ESC" "$CAPSCOPE" fit --task "$(printf 'x\033[31m')"
check "no control character in the message" no_controls "$cs_tmp/err"

# A huge budget shows in powers of ten, not as 300 digits, and so does the
# rest of the header (costtext.h: one notation for a header's figures).
expect_status 0 "suggest --budget-abs 1e300" "$CAPSCOPE" suggest --budget-abs 1e300 --count 1
check "the budget shows as 1.0e+300" grep -qx "budget: 1.0e+300" "$cs_tmp/out"
check "the pool's cost in powers of ten too" grep -qx "pool_cost: [0-9]\.[0-9]e+[0-9][0-9]" "$cs_tmp/out"
expect_status 0 "fit --lambda-b 1e4" "$CAPSCOPE" fit --task reasoning --lambda-b 1e4
check "no table cell longer than 16 characters" awk '{ for (i = 1; i <= NF; i++) if (length($i) > 16) exit 1 }' "$cs_tmp/out"
finish
