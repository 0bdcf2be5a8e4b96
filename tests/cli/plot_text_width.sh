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

# The titles are longer than the width and ASCII after the name, so each is
# cut at exactly the width. "NAME  n=8  y0=D.DDD L=": after the 4 columns
# of the CJK name, column 21 is the L; after the 2 of the accented one,
# column 20 is the '='. (Column 20 of the first is a space, which the
# trimming of trailing spaces would take.)
expect_status 0 "plot of the CJK task" plot --task "$cjk" --width 21 --charset braille
title=$(head -n 1 "$cs_tmp/out")
check "the CJK title starts with the name and two spaces" grep -q "^$cjk  n=8  " "$cs_tmp/out"
check "the CJK title takes 21 columns ($(printf '%s' "$title" | dw))" [ "$(printf '%s' "$title" | dw)" = 21 ]
check "the CJK title ends with the L" sh -c "head -n 1 '$cs_tmp/out' | grep -q ' L\$'"

expect_status 0 "plot of the accented task" plot --task "$acc" --width 20 --charset braille
title=$(head -n 1 "$cs_tmp/out")
check "the accent stays on its letter" grep -q "^$acc  n=8  " "$cs_tmp/out"
check "the accented title takes 20 columns ($(printf '%s' "$title" | dw))" [ "$(printf '%s' "$title" | dw)" = 20 ]
check "the accented title ends with L=" sh -c "head -n 1 '$cs_tmp/out' | grep -q ' L=\$'"

# Width 3: the first CJK character takes columns 1-2; the second would need
# columns 3-4, so column 3 is blank and the line is that one character.
expect_status 0 "plot of the CJK task, 3 columns" plot --task "$cjk" --width 3 --charset braille
check "a wide character is never cut in half" [ "$(head -n 1 "$cs_tmp/out")" = "$(printf '\346\225\260')" ]

expect_status 0 "plot of the CJK task in ascii" plot --task "$cjk" --width 21 --charset ascii
check "ascii: the CJK name is four '?', as wide as the characters" grep -q '^????  n=8  ' "$cs_tmp/out"
check "ascii: the title is 21 bytes, the L last" grep -q '^????  n=8  y0=[0-9]\.[0-9][0-9][0-9] L$' "$cs_tmp/out"
check "ascii: nothing but ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$cs_tmp/out'"
expect_status 0 "plot of the accented task in ascii" plot --task "$acc" --width 20 --charset ascii
check "ascii: the accent is left off" grep -q '^ex  n=8  ' "$cs_tmp/out"
finish
