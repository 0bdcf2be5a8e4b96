#!/bin/sh
# What the `:` prompt does with a command's arguments, in a real terminal:
# one it does not take, one quoted as Tab completion quotes it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# A command that takes no argument refuses one: ':quit now' quit, ':band x'
# toggled the band with its word dropped unsaid.
tm_command 'band x'
tm_wait 'usage: :band \(it takes no argument\)' 5 && ok ":band x is refused, and says why" \
    || { fail ":band with an argument"; tm_capture; }
check "the band was not toggled" sh -c "! grep -q 'band on' '$cs_tmp/screen'"
tm_command 'quit now'
tm_wait 'usage: :quit \(it takes no argument\)' 5 && ok ":quit now is refused" || { fail ":quit now"; tm_capture; }
check ":quit now did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"

tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
