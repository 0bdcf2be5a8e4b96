#!/bin/sh
# The interface run by a user with no home (a uid that /etc/passwd does not
# name, no HOME, no XDG_DATA_HOME: a container's --user) on data in a
# read-only directory: its journal has no place, beside the data or under
# a home. The interface said "journal not used: out of memory"; it says
# what capscope score says, and what to do, and a score is not saved.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

uid=4242
[ "$(id -u)" = 0 ] || skip "needs root to run capscope as a uid without a home"
command -v setpriv >/dev/null 2>&1 || skip "setpriv is not installed"
! getent passwd $uid >/dev/null 2>&1 || skip "uid $uid has a home in /etc/passwd here"
setpriv --reuid $uid --regid $uid --clear-groups test -x "$CAPSCOPE" ||
    skip "uid $uid cannot run $CAPSCOPE (a private directory on its path)"

tm_open 100 30
chmod 755 "$cs_tmp" "$W"
mkdir "$W/ro"
cp "$DEMO" "$W/ro/d.csv"
chmod 644 "$W/ro/d.csv"
chmod 555 "$W/ro"
tm_launch "env -u HOME -u XDG_DATA_HOME -u XDG_STATE_HOME -u XDG_CONFIG_HOME setpriv --reuid $uid --regid $uid --clear-groups '$CAPSCOPE' --data ro/d.csv 2>'$cs_tmp/stderr'; echo \"EXIT=\$?\""
set -- $(awk -F, 'NR > 1 && $6 == "" { print $1 }' "$DEMO" | head -n 1)
tm_command "score $1 reasoning 0.5"
tm_wait 'not saved' 5 || { fail "no answer to :score"; tm_capture; }
check "the score is said not saved" screen_has "reasoning = 0.5 \\(not saved: no journal\\)"
tm_command "messages"
tm_wait 'journal not used' 5 || { fail "nothing said of the journal"; tm_capture; }
check "it says there is no place for the journal, and what to do" screen_has 'journal not used: no place for it .*set'
check "not out of memory" sh -c "! grep -q 'out of memory' '$cs_tmp/screen'"
check "no journal was made" sh -c "! ls '$W/ro' | grep -q journal"
chmod 755 "$W/ro"
finish
