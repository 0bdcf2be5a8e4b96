#!/bin/sh
# The Linux console (TERM=linux) draws with the kernel's console font: at
# most 512 glyphs, the PC's box drawing, shades and a few blocks, and no
# braille (U+2800-28FF), no eighth blocks (U+2581-2587) and no quadrants
# (U+2596-259F). In a UTF-8 locale charset auto gave braille there, and the
# plot, its axis and the task list's curves were boxes or blanks. auto is
# ascii on the console; a charset asked for (c, :charset, --charset) is
# still drawn, for a console that loaded a font that has it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

infocmp linux >/dev/null 2>&1 || skip "terminfo has no linux entry"
tm_open 100 30
cp "$DEMO" "$W/mine.csv"
# For TERM=linux ncurses tries GPM in mousemask(): libgpm's 10 bytes are
# not capscope's memory (tui_terminals.sh says how that was seen).
printf 'leak:mousemask_sp\n' > "$cs_tmp/lsan.supp"
lsan="LSAN_OPTIONS=suppressions=$cs_tmp/lsan.supp:fast_unwind_on_malloc=0:print_suppressions=0"
# braille, the eighth blocks and the quadrants, as UTF-8 bytes: grep -P is
# not everywhere, and the pane's locale is the test's, not grep's.
glyphs() {
    LC_ALL=C grep -c "$(printf '\342\240[\200-\277]')\|$(printf '\342\241[\200-\277]')\|$(printf '\342\242[\200-\277]')\|$(printf '\342\243[\200-\277]')\|$(printf '\342\226[\201-\207\226-\237]')" "$cs_tmp/screen"
}

tm_launch "TERM=linux $lsan '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "TERM=linux: the TUI did not start"
check "TERM=linux, charset auto: no braille, eighth blocks or quadrants" test "$(glyphs)" = 0
check "TERM=linux, charset auto: the axis is labelled in ascii (1e22)" screen_has ' 1e22 '
tm_command 'charset braille'
tm_wait 'charset braille' 5 || { fail ":charset braille"; tm_capture; }
tm_settle
check "TERM=linux: :charset braille still draws braille" test "$(glyphs)" -gt 0
tm_command 'charset auto'
tm_wait 'charset ascii' 5 && ok "TERM=linux: :charset auto is ascii" || { fail ":charset auto"; tm_capture; }
tm_settle
check "TERM=linux, :charset auto: no braille" test "$(glyphs)" = 0
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "TERM=linux: q"; tm_capture; }
check "TERM=linux: q exits 0" screen_has 'EXIT=0'
check "TERM=linux: nothing on stderr" test ! -s "$cs_tmp/stderr"

# Another terminal in the same locale keeps braille for auto.
tm_launch "TERM=xterm-256color '$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\""
check "TERM=xterm-256color, charset auto: braille" test "$(glyphs)" -gt 0
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || fail "TERM=xterm-256color: q"
finish
