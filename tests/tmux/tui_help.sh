#!/bin/sh
# The help screen (?) as a person reads it: every description shows at the
# smallest size the TUI runs in (40x12), the keys that work in one pane only
# come under that pane's heading (the man page's words), PgDn turns a page,
# keys other than the help's own do nothing behind it (and say so), q
# closes the help (tig) and F10 quits (htop).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 40 12
cp "$DEMO" "$W/mine.csv"
model=$(awk -F, 'NR == 2 { print $1 }' "$DEMO")
# On screen when the help is closed, and never in the help (unlike 'Sampler').
panes='q@1e24'
tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# 40x12: the descriptions, wrapped, not just keys and command names.
tm_keys '?'
tm_wait ':quit' 5 || { fail "help at 40x12"; tm_capture; }
tm_wait 'Quit; the session' 5 && ok "40x12: :quit's description shows" || { fail "40x12: no description"; tm_capture; }
check "40x12: :help's description shows" screen_has 'Show or close this help'

# PgDn turns a page: the last line of the page comes to the top, for context.
# The help goes on past the screen, and says so in its last column (the
# marks' alone: the text is laid out in 39), with a mark on the last row
# shown while more is below and on the first while more is above.
tm_settle
text() { sed -n "$1p" "$cs_tmp/screen" | sed -E -e 's/^(.{39}).$/\1/' -e 's/ +$//'; }
mark() { sed -n "$1p" "$cs_tmp/screen" | sed -E -n 's/^.{39}(.)$/\1/p'; }
last=$(text 10)
check "the help's first page is marked below, not above" test "$(mark 10)$(mark 2)" = "▾"
tm_keys NPage
tm_wait 'Search model names' 5 || { fail "PgDn at 40x12"; tm_capture; }
tm_settle
check "PgDn scrolls a page, not 3 lines" test "$(text 2)" = "$last"
check "the help's second page is marked above and below" test "$(mark 2)$(mark 10)" = "▴▾"
tm_keys PPage
tm_wait 'Quit; the session' 5 && ok "PgUp scrolls back" || { fail "PgUp"; tm_capture; }
# Seen closed before the next key: a key within the escape delay after Esc
# is Alt+key (the ? below would not open the help).
tm_keys Escape
tm_wait "$panes" 5 || { fail "Esc closes the help at 40x12"; tm_capture; }

# Every pane's keys under its own heading: read all pages at 100x30, each
# once it is on the screen (a settle right after PgDn can return before
# the page turned, and read the same page twice and the last one never).
tm_grow 100 30 || { fail "100x30: redrawn"; tm_capture; }
tm_keys '?'
tm_wait ':quit' 5 || { fail "help at 100x30"; tm_capture; }
page_turned() {
    local i=0
    while [ $i -lt 100 ]; do
        tm capture-pane -t t -p > "$cs_tmp/screen"
        cmp -s "$cs_tmp/screen" "$cs_tmp/page" || return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
: > "$cs_tmp/help"
i=0
while [ $i -lt 12 ]; do
    tm_settle
    cp "$cs_tmp/screen" "$cs_tmp/page"
    cat "$cs_tmp/page" >> "$cs_tmp/help"
    screen_has '▾' || break # the last page: no mark of more below
    tm_keys NPage
    page_turned || { fail "PgDn did not turn page $((i + 1)) at 100x30"; tm_capture; break; }
    i=$((i + 1))
done
for h in 'Tasks \(keys work in the task list\)' 'Plot \(keys work in the plot\)' \
         'Split \(keys work in the split pane\)' 'Sampler \(keys work in the sampler\)'; do
    check "heading: $h" grep -Eq "^$h" "$cs_tmp/help"
done
# Down, j is bound in four panes: each under its pane's heading. The key
# bar closing each page (F10 Quit ...) is no heading: a section cut by a
# page break goes on under the heading of the page before.
check "Down, j under each pane's heading" sh -c "awk '/^[A-Z]/ && !/^F10 Quit/ { head = \$0 } /^  Down, j/ { print head }' '$cs_tmp/help' |
    sort -u | grep -c 'keys work in the' | grep -qx 4"
tm_keys Escape
tm_wait "$panes" 5

# Keys behind the help do nothing: s (split view), u (undo a score).
tm_keys :
tm send-keys -t t -l "score $model reasoning 0.5"
tm_keys Enter
tm_wait 'saved in the journal' 5 || { fail "the score"; tm_capture; }
tm_keys '?'
tm_wait ':quit' 5
tm_keys s u m
tm_wait 'm does nothing in the help' 5 || { fail "m in the help was silent"; tm_capture; }
tm_keys Escape
tm_wait "$panes" 5 || { fail "Esc closes the help"; tm_capture; }
tm_settle
check "s behind the help did not open the split view" screen_has 'Split  off'
check "u behind the help did not take the score back" sh -c "! grep -q '^undo' '$W/mine.csv.journal'"
check "m behind the help did not maximise the plot" screen_has 'Tasks'
# q leaves the help as it leaves a sub-view in tig, and the program keeps
# running; the key bar says so, and names F10 (htop's quit) instead.
tm_keys '?'
tm_wait ':quit' 5
tm_settle
check "the key bar in the help names q as its close key" screen_has '(^| )q Close( |$)'
check "the key bar in the help names F10 for quitting" screen_has '(^| )F10 Quit( |$)'
check "the key bar in the help names no key the help ignores" sh -c "! grep -Eq '(^| ): Cmd( |\$)' '$cs_tmp/screen'"
tm_keys q
tm_wait "$panes" 5 && ok "q closes the help" || { fail "q did not close the help"; tm_capture; }
tm_settle
check "q from the help did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"
check "the key bar is the panes' again" screen_has '^q Quit '
# A key the help does not take says what does.
tm_keys '?'
tm_wait ':quit' 5
tm_keys z
tm_wait 'z does nothing in the help' 5 && ok "a stray key in the help says what to press" \
    || { fail "z in the help was silent"; tm_capture; }
tm_keys F10
tm_wait 'EXIT=[0-9]' 10 && check "F10 quits from the help" screen_has 'EXIT=0' || { fail "F10 from the help"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
