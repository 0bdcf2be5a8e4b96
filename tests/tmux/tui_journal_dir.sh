#!/bin/sh
# The interface on data in a read-only directory whose journal's directory
# under $XDG_DATA_HOME cannot be made (XDG_DATA_HOME under a plain file, a
# read-only home): it says which directory and why, as capscope score
# does, but not score's "nothing was entered": the interface enters the
# score all the same ("reasoning = 0.5 (not saved: no journal)"), and the
# two lines said it was and was not.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
mkdir "$W/ro"
cp "$DEMO" "$W/ro/d.csv"
chmod 555 "$W/ro"
: >"$W/plain"
tm_launch "env XDG_DATA_HOME='$W/plain/data' '$CAPSCOPE' --data ro/d.csv 2>'$cs_tmp/stderr'; echo \"EXIT=\$?\""
set -- $(awk -F, 'NR > 1 && $6 == "" { print $1 }' "$DEMO" | head -n 1)
tm_command "score $1 reasoning 0.5"
tm_wait 'not saved' 5 || { fail "no answer to :score"; tm_capture; }
tm_command "messages"
tm_wait 'journal not used' 5 || { fail "nothing said of the journal"; tm_capture; }
# The message wraps in the pane: its lines read as one.
tr '\n' ' ' <"$cs_tmp/screen" | tr -s ' ' >"$cs_tmp/joined"
check "it names the directory it could not make" \
    grep -qF "journal not used: $W/plain/data/capscope: cannot make the journal's directory: not a directory" "$cs_tmp/joined"
check "not score's 'nothing was entered'" sh -c "! grep -q 'nothing was entered' '$cs_tmp/joined'"
chmod 755 "$W/ro"
finish
