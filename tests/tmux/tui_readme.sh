#!/bin/sh
# The README's two drawings are what a new user gets on running the commands
# it gives beside them: the `capscope plot` block, and the interface at
# 100x30 in the C locale with --charset ascii after `j`. The README is the
# claim under test; a change of the screen that it does not follow fails here.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"
readme="$top_srcdir/README.md"
[ -r "$readme" ] || skip "README.md is absent"

# readme_block PATTERN: the fenced block (without its fences) whose text
# holds PATTERN.
readme_block() {
    awk -v pat="$1" '/^```$/ { if (on) { if (hit) { printf "%s", buf; exit } on = 0 } else { on = 1; buf = ""; hit = 0 }; next }
        on { buf = buf $0 "\n"; if (index($0, pat)) hit = 1 }' "$readme"
}

# The plot: the README says which command draws it.
readme_block 'models per cell:' > "$cs_tmp/readme_plot"
[ -s "$cs_tmp/readme_plot" ] || fail "README.md has no plot block"
grep -q '`capscope plot --task math --charset ascii --width 76 --height 22` on the built-in demo data' "$readme" ||
    fail "README.md no longer names the command of its plot"
(cd "$cs_tmp" && "$CAPSCOPE" plot --task math --charset ascii --width 76 --height 22 --color never) > "$cs_tmp/plot"
check "README's plot is what 'capscope plot --task math --charset ascii --width 76 --height 22' draws" \
    cmp "$cs_tmp/readme_plot" "$cs_tmp/plot"
cmp -s "$cs_tmp/readme_plot" "$cs_tmp/plot" || diff "$cs_tmp/readme_plot" "$cs_tmp/plot"

# The interface: 100x30, C locale, --charset ascii, then j.
need_tmux
readme_block ' Tasks ' > "$cs_tmp/readme_tui"
[ "$(wc -l < "$cs_tmp/readme_tui")" -eq 30 ] || fail "README.md's interface block is not 30 lines: $(wc -l < "$cs_tmp/readme_tui")"
tm_start 100 30 C || { fail "tmux session did not start"; finish; }
tm_launch "'$CAPSCOPE' --charset ascii"
tm_keys j
tm_wait 'Plot +math' 10 || fail "j did not select math"
tm_idle || { fail "the work after j did not finish"; tm_capture; }
check "README's interface at 100x30 (C locale, --charset ascii, j) is the screen" \
    cmp "$cs_tmp/readme_tui" "$cs_tmp/screen"
cmp -s "$cs_tmp/readme_tui" "$cs_tmp/screen" || diff "$cs_tmp/readme_tui" "$cs_tmp/screen"
finish
