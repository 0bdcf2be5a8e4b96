#!/bin/sh
# `capscope plot` lays its title out by display width, as the canvas does
# all text: a wide (CJK) character takes two columns, a combining accent
# none and stays on its letter, a wide character that would straddle the
# right edge is left off, and --charset ascii keeps the layout (a wide
# character is "??", an accent is left off).
. "$top_srcdir/tests/lib.sh"
printf 'x' | LC_ALL=C.UTF-8 wc -L >/dev/null 2>&1 || skip "no C.UTF-8 locale to measure display widths with"
dw() { LC_ALL=C.UTF-8 wc -L | tr -d ' '; }   # display columns (wcwidth), independent of capscope


cjk=$(printf '\346\225\260\345\255\246')   # U+6570 U+5B66: 2 characters, 4 columns
acc=$(printf 'e\314\201x')                 # e, U+0301 (combining acute), x: 2 columns
{
    printf 'model,flops,params_b,%s,%s\n' "$cjk" "$acc"
    for i in 1 2 3 4 5 6 7 8; do
        printf 'm%s,1e2%s,1,0.%s,0.%s\n' "$i" $(( (i - 1) % 4 + 1 )) "$i" "$i"
    done
} >"$cs_tmp/wide.csv"
plot() { "$CAPSCOPE" plot --data "$cs_tmp/wide.csv" --height 8 --color never "$@"; }

# The title is the name, then "  n=8  y0=D.DDD L=D.DDD ..." while whole
# fields fit (a number cut at the edge would read as another). So where the
# next field starts depends on the name's width in columns: "  n=8  y0=D.DDD"
# is 15 columns and " L=D.DDD" 8 more. The CJK name is 4 columns (and 2 code
# points): 19 columns up to y0, 27 with L, so at width 26 the L is left out;
# counted as 2 columns it would seem to fit. The accented name is 2 columns
# (3 code points): 17 up to y0, 25 with L, so at width 25 the L fits, which
# counting code points would not allow.
expect_status 0 "plot of the CJK task" plot --task "$cjk" --width 26 --charset braille
title=$(head -n 1 "$cs_tmp/out")
check "the CJK title starts with the name and two spaces" grep -q "^$cjk  n=8  " "$cs_tmp/out"
check "the CJK title takes 19 columns ($(printf '%s' "$title" | dw))" [ "$(printf '%s' "$title" | dw)" = 19 ]
check "the CJK title ends with y0, whole" sh -c "head -n 1 '$cs_tmp/out' | grep -q ' y0=[0-9]\.[0-9][0-9][0-9]\$'"
expect_status 0 "plot of the CJK task, 27 columns" plot --task "$cjk" --width 27 --charset braille
title=$(head -n 1 "$cs_tmp/out")
check "at 27 columns the L fits ($(printf '%s' "$title" | dw) columns)" [ "$(printf '%s' "$title" | dw)" = 27 ]

expect_status 0 "plot of the accented task" plot --task "$acc" --width 25 --charset braille
title=$(head -n 1 "$cs_tmp/out")
check "the accent stays on its letter" grep -q "^$acc  n=8  " "$cs_tmp/out"
check "the accented title takes 25 columns ($(printf '%s' "$title" | dw))" [ "$(printf '%s' "$title" | dw)" = 25 ]
check "the accented title ends with L, whole" sh -c "head -n 1 '$cs_tmp/out' | grep -q ' L=[0-9]\.[0-9][0-9][0-9]\$'"

# Width 3: the first CJK character takes columns 1-2; the second would need
# columns 3-4, so column 3 is blank and the line is that one character.
expect_status 0 "plot of the CJK task, 3 columns" plot --task "$cjk" --width 3 --charset braille
check "a wide character is never cut in half" [ "$(head -n 1 "$cs_tmp/out")" = "$(printf '\346\225\260')" ]

expect_status 0 "plot of the CJK task in ascii" plot --task "$cjk" --width 26 --charset ascii
check "ascii: the CJK name is four '?', as wide as the characters" grep -q '^????  n=8  ' "$cs_tmp/out"
check "ascii: the title is 19 bytes, y0 last" grep -q '^????  n=8  y0=[0-9]\.[0-9][0-9][0-9]$' "$cs_tmp/out"
check "ascii: nothing but ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$cs_tmp/out'"
expect_status 0 "plot of the accented task in ascii" plot --task "$acc" --width 25 --charset ascii
check "ascii: the accent is left off" grep -q '^ex  n=8  ' "$cs_tmp/out"
finish
