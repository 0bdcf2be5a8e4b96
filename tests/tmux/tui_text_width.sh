#!/bin/sh
# Names a terminal shows in other than one column a code point: "Modèle"
# spelt with a combining grave (e + U+0300, six columns), a CJK task and a
# CJK model (two columns a character). They show whole, with the accent on
# its letter (the grid once dropped it), and every row's pane border stays
# in one column, at 80x24 and at 300x80. In the C locale and with
# --charset ascii the layout is the same: a wide character is "??", an
# accent is left off, and only ASCII reaches the terminal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

printf 'x' | LC_ALL=C.UTF-8 wc -L >/dev/null 2>&1 || skip "no C.UTF-8 locale to measure display widths with"
# Display columns of text (wcwidth: wide 2, combining 0), independent of capscope.
dw() { printf '%s' "$1" | LC_ALL=C.UTF-8 wc -L | tr -d ' '; }

grave=$(printf 'Mode\314\200le')            # "Modèle" with U+0300 COMBINING GRAVE ACCENT
acute_task=$(printf 're\314\201sume\314\201') # "résumé" likewise

# borders_aligned BORDER: every screen row holding BORDER has its first one
# at the same display column (the tasks pane's right edge).
borders_aligned() {
    LC_ALL=C sed -n "s/$1.*//p" "$cs_tmp/screen" | while IFS= read -r prefix; do dw "$prefix"; done |
        sort -u >"$cs_tmp/cols"
    [ "$(wc -l <"$cs_tmp/cols")" -eq 1 ]
}
# same_column A B: the text after A and after B starts in one column on
# their rows (the sampler's cost column after two names of equal width).
same_column() {
    a=$(LC_ALL=C grep -F -- "$1" "$cs_tmp/screen" | LC_ALL=C sed "s/$3.*//" | head -n 1)
    b=$(LC_ALL=C grep -F -- "$2" "$cs_tmp/screen" | LC_ALL=C sed "s/$3.*//" | head -n 1)
    [ -n "$a" ] && [ "$(dw "$a")" = "$(dw "$b")" ]
}

unicode_screen() {
    check "$1: the CJK task shows" screen_has '数学'
    check "$1: the task's combining accents show on their letters" screen_has "$acute_task"
    check "$1: the CJK model shows in the sampler" screen_has '通义千问-new'
    check "$1: the combining-accent model shows in the sampler" screen_has "$grave-new"
    check "$1: the pane border is in one column on every row" borders_aligned '│'
    # 通义千问-new and Modèle-new are 12 and 10 columns: the costs after them line up
    check "$1: the sampler's columns line up after wide and combined names" \
        same_column '通义千问-new' "$grave-new" '3  23\.'
}

budget() {
    tm_keys :
    tm_wait '^: *$' 5 || fail "the prompt opens"
    tm send-keys -t t -l 'budget 1'
    tm_keys Enter
    tm_wait "^ budget 1 of" 10 || { fail "the budget is set"; tm_capture; }
    # The sampler's new design, which the checks read.
    tm_idle || { fail "the design for budget 1 did not finish"; tm_capture; }
}

tm_open 80 24
awk -v m="$grave" -v t="$acute_task" 'BEGIN {
    print "model,flops,params_b,date,数学," t
    for (i = 0; i < 30; i++) {
        name = i == 3 ? m "-" i : i == 5 ? "通义千问-" i : "plain-model-" i
        printf "%s,%.4e,%d,2024-%02d-01,%.3f,%.3f\n", name, 10 ^ (21 + 0.1 * i), 1 + i % 7, 1 + i % 12,
            0.2 + 0.015 * i, 0.3 + 0.01 * i
    }
    print m "-new,1e23,3,2024-05-01,,"
    print "通义千问-new,2e23,3,2024-05-01,,"
}' >"$W/names.csv"
tm_launch "'$CAPSCOPE' --data names.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
budget
unicode_screen 80x24
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l "goto $grave-3"
tm_keys Enter
tm_wait "^ $grave-3  数学" 5 && ok "the status line names the model with its accent" ||
    { fail "the status line after :goto"; tm_capture; }
tm_grow 300 80 || { fail "300x80: redrawn"; tm_capture; }
unicode_screen 300x80
# A line longer than the prompt's copy of it (1023 bytes): 300 letters of
# two accents each (5 bytes, 1 column), the cursor 60 letters from the end
# (and an X typed there).
# The copy starts and ends at whole letters: no letter shows with an accent
# cut off (a cut at a code point left the last one without its second).
two=$(printf 'e\314\201\314\202')
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l "goto $(awk -v a="$two" 'BEGIN { for (i = 0; i < 300; i++) printf "%s", a }')"
tm send-keys -t t $(awk 'BEGIN { for (i = 0; i < 60; i++) printf "C-b " }')
# An X typed there shows only once every C-b was read (a settle could read
# the line as it stood before them), on the screen of the line so placed.
tm send-keys -t t -l X
tm_wait '^:.*X' 10 || { fail "X after the 60 C-b"; tm_capture; }
tm_settle
check "a long line in the prompt shows whole letters, each with its accents" screen_has "^:($two)+X($two)+ *\$"
tm_keys C-c
tm_wait '^q Quit' 5 || { fail "C-c after the long line"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
tm_stop

# --charset ascii changes the plot's glyphs, not the names.
tm_open 80 24
tm_launch "'$CAPSCOPE' --charset ascii --data names.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
budget
unicode_screen "--charset ascii"
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
tm_stop

# The C locale: only ASCII; a wide character is "??" and keeps its columns.
tm_start 80 24 C || { fail "tmux session did not start"; finish; }
tm_launch "'$CAPSCOPE' --data names.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
budget
check "C: nothing but ASCII on the screen" sh -c "! LC_ALL=C grep -q '[^ -~]' '$cs_tmp/screen'"
check "C: the CJK model is ???????? (four characters of two columns)" screen_has ' \?\?\?\?\?\?\?\?-new '
check "C: the accented model is Modele (the accent left off)" screen_has ' Modele-new '
check "C: the CJK task is ????" screen_has '^  \?\?\?\? '
# The border is the first '|' of the first row; every row above the status
# line has one in that column (other '|' may come before it: ":scheme a|b").
col=$(head -n 1 "$cs_tmp/screen" | LC_ALL=C awk '{ print index($0, "|") }')
check "C: the pane border is in one column on every row" \
    sh -c "[ $col -gt 1 ] && [ \"\$(head -n 22 '$cs_tmp/screen' | LC_ALL=C cut -c$col | sort -u)\" = '|' ]"
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
