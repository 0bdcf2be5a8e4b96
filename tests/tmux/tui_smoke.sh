#!/bin/sh
# Every action at least once, by a replayed key script, including tiny and
# large sizes, mouse events, bad commands and a data reload: the program must
# end with status 0 and write nothing on stderr (run it in the sanitizer
# build to turn any memory error into a failure here).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

load_line=":load $top_srcdir/data/demo.csv"
[ -r "$OLL" ] && load_line=":load $OLL"
cat > "$cs_tmp/keys" <<KEYS
<Wait>
?
jjjkk<PgDn>
<Esc>
<Space>j<Space>
<Tab>
<Right><Right><Left><Up><Down>lhkj
+++-xXyYHJKL0
<Click 60,10>
<WheelUp 60,10>
<WheelDown 60,10>
<Click 5,4>
Q
:quantiles 0.5,0.9,0.98
<Wait>
s
<Wait>
o
<Wait>
]]][
<Tab>
<Right><Left><Up><Down><PgUp><PgDn>
:cut 2024-08-15
:cut 1999-01-01
<Wait>
:scheme year
:scheme 2024-01-01,2024-07-01,2025-01-01
:scheme rolling:6,3,3
:scheme bogus
<Tab>
jjk<Enter>
:pool all
:budget 0.2
<Wait>
jjjj<Enter>
/Fennel
nnN
<Esc>
m
<Resize 50x15>
<Resize 10x5>
<Resize 1x1>
<Resize 300x80>
m
ccc
:theme dark
:theme light
:theme monochrome
:theme nosuch
:set theme default
:set timing on
:set mouse off
:set reference_flops 1e23
:tau 0.9
<Esc>
:tau 0.98
<Wait>
b
<Wait>
s
<Wait>
v
v
b
s
D
<Esc>
:drift
<Wait>
D
<Resize 50x15>
D
<Resize 100x30>
:drift dq
<Wait>
:drift off
<Tab>
i
<Esc>
<Tab>
<Right>
i0.5
<Enter>
:undo
:score demo-north/Fennel-2-0.5B reasoning 0.31
:undo
:undo
:goto demo-north/Fennel-2-0.5B
:export
:load /nonexistent.csv
$load_line
<Wait>
s
<Wait>
<C-l>
:frobnicate
:quit
KEYS
tm_open 100 30
tm_run_ok "the smoke script" "'$CAPSCOPE' --replay '$cs_tmp/keys' 2> '$cs_tmp/stderr'"
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
check "the export without a name went to a fresh file" sh -c "ls '$cs_tmp/work' | grep -Eq '^capscope-[a-z_]+\.txt$'"
finish
