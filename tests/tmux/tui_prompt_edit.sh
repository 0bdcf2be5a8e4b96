#!/bin/sh
# The `:` prompt as a vim or tig user drives it: Tab completes file names
# into words the command reads back, C-g cancels like Esc and C-c, and a
# mistyped command name says which command was meant.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
tm_launch "'$CAPSCOPE' --data '$DEMO' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# File names with a blank or quotes: readline once put "my data.csv" in
# bare, which :load reads as two words ("usage: :load FILE").
cp "$DEMO" "$W/my data.csv"
cp "$DEMO" "$W/it's \"q\".csv"
tm_keys :
tm_wait '^: *$' 5 || fail "the prompt opens"
tm send-keys -t t -l 'load my'
tm_keys Tab
tm_wait "^:load 'my data\.csv' *\$" 5 && ok "Tab quotes a file name with a blank" || { fail "file completion with a blank"; tm_capture; }
tm_keys Enter
tm_wait 'loaded my data\.csv' 5 && ok ":load reads the completed name back" || { fail ":load after completion"; tm_capture; }
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'load it'
tm_keys Tab
tm_wait '^:load "it'"'"'s \\"q\\"\.csv" *$' 5 && ok "a name with both quotes goes in \"...\" with \\\" escaped" ||
    { fail "file completion with quotes"; tm_capture; }
tm_keys Enter
tm_wait "loaded it's \"q\"\\.csv" 5 && ok ":load reads that name back" || { fail ":load of a quoted name"; tm_capture; }

# Tab Tab on an empty line lists every command: at 80 columns the list
# once ran off the screen's edge in the middle of a name ("cursor"), hiding
# that there were more. Now it shows whole names and counts the rest, and
# the names shown and the count add up to the total.
# "N matches: NAME... (+M more)": N names in all, NF - 4 of them shown.
adds_up() { echo "$1" | awk '{ m = $(NF - 1); sub(/^\(\+/, "", m); exit !($1 == NF - 4 + m) }'; }
tm_keys :
tm_wait '^: *$' 5
tm_keys Tab Tab
if tm_wait '^ [0-9]+ matches: .* \(\+[0-9]+ more\) *$' 5; then
    ok "the list of matches ends with how many more"
    row=$(grep -E '^ [0-9]+ matches: ' "$cs_tmp/screen")
    check "the names shown and the count add up" adds_up "$row"
else
    fail "the list of matches at 80 columns"; tm_capture
fi
tm_keys C-c
tm_wait '^q Quit' 5

# The list is of the matches of the word before an edit: typing once left
# it on the status row until the prompt closed. zoom-: zoom-in, zoom-out
# and the four zoom-x-/zoom-y- commands.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'zoom-'
tm_keys Tab Tab
tm_wait '^ 6 matches zoom-\.\.\.: in out x-in x-out y-in y-out *$' 5 && ok "Tab Tab lists the six zoom commands" || { fail "the list of zoom matches"; tm_capture; }
tm send-keys -t t -l 'i'
tm_wait '^:zoom-i *$' 5 || { fail "typing after the list"; tm_capture; }
tm_settle
check "an edit clears the list of matches" sh -c "! grep -Eq '^ [0-9]+ matches' '$cs_tmp/screen'"
tm_keys C-c
tm_wait '^q Quit' 5

# Tab on a word no name starts with said nothing (the bell is off), as if
# the key had not arrived. It says so, with the name in another case (the
# demo's tasks are lower case), and in the / prompt that Enter searches
# within names; an edit clears it as it clears a list.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'task MATH'
tm_keys Tab
tm_wait "^ no task starts with 'MATH' \\(case differs: math\\) *\$" 5 && ok "Tab on no match says so" ||
    { fail "Tab on a task no name starts with"; tm_capture; }
tm send-keys -t t -l 'x'
tm_wait '^:task MATHx *$' 5
tm_settle
check "an edit clears it" sh -c "! grep -q 'no task starts' '$cs_tmp/screen'"
tm_keys C-c
tm_wait '^q Quit' 5
tm_keys /
tm_wait '^/ *$' 5
tm send-keys -t t -l 'Fennel'
tm_keys Tab
tm_wait "^ no model name starts with 'Fennel'; Enter finds it within names *\$" 5 &&
    ok "Tab in the search prompt says that Enter searches within names" || { fail "Tab in / on no match"; tm_capture; }
tm_keys C-c
tm_wait '^q Quit' 5
# ... but only where some name holds the text: of one that none holds,
# "Enter finds it within names" was false (Enter then said "no model of
# reasoning matches 'zqxj'"). The demo's names hold no 'q' after a 'z'.
tm_keys /
tm_wait '^/ *$' 5
tm send-keys -t t -l 'zqxj'
tm_keys Tab
tm_wait "^ no model name starts with 'zqxj' or holds it, in any case *\$" 5 &&
    ok "Tab in the search prompt on text no name holds says so" || { fail "Tab in / on no name"; tm_capture; }
tm_keys C-c
tm_wait '^q Quit' 5

# Arguments complete to what the command's synopsis names (these once did
# not complete, or from lists of the prompt's own), and :theme to theme
# files where capscope looks for them.
mkdir -p "$cs_tmp/config/capscope/themes"
cp "$top_srcdir/themes/dark.yaml" "$cs_tmp/config/capscope/themes/zebra.yaml"
complete_to() { # TYPED EXPECTED-LINE-REGEXP WHAT
    tm_keys :
    tm_wait '^: *$' 5
    tm send-keys -t t -l "$1"
    tm_keys Tab
    tm_wait "$2" 5 && ok "$3" || { fail "$3"; tm_capture; }
    tm_keys C-c
    tm_wait '^q Quit' 5
}
complete_to 'drift d' '^:drift dq *$' ":drift completes dq"
complete_to 'weights of' '^:weights off *$' ":weights completes off"
complete_to 'export x.csv f' '^:export x\.csv force *$' ":export FILE completes force"
complete_to 'set charset au' '^:set charset auto *$' ":set charset completes auto, which :charset takes"
# (the screen drops trailing blanks: the cursor tells; ":scheme rolling:" is 16 columns)
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'scheme ro'
tm_keys Tab
tm_wait '^:scheme rolling: *$' 5 && ok ":scheme completes rolling:" || { fail ":scheme rolling:"; tm_capture; }
check "with no blank after it" test "$(tm list-panes -t t -F '#{cursor_x}')" = 16
tm_keys C-c
tm_wait '^q Quit' 5
complete_to 'theme zeb' '^:theme zebra *$' ":theme completes a theme file's name"
# A theme given as a file (a name with a slash) completes as a file name,
# for :theme and :set theme alike; theme names have no slash.
mkdir -p "$W/zz themes"
cp "$top_srcdir/themes/dark.yaml" "$W/zz themes/blueish.yaml"
complete_to 'theme ./zz' "^:theme '\\./zz themes/ *\$" ":theme ./zz completes the directory's name"
complete_to "theme './zz themes/blu" "^:theme '\\./zz themes/blueish\\.yaml' *\$" ":theme completes a theme file in it"
complete_to "set theme './zz themes/blu" "^:set theme '\\./zz themes/blueish\\.yaml' *\$" ":set theme completes it too"
complete_to 'quantiles ' '^:quantiles 0\.5,0\.9 *$' ":quantiles completes its levels now, to edit"

# C-g cancels like Esc and C-c: the line is not run (the tau stays 0.98).
# Readline's own C-g left the prompt open with the line in it.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'tau 0.5'
tm_keys C-g
tm_wait '^q Quit' 5 && ok "C-g closes the prompt" || { fail "C-g in the prompt"; tm_capture; }
tm_keys C-l
tm_settle
check "the cancelled :tau did not run" screen_has 'tau 0\.98'
# A prompt closed in the middle of what readline began leaves none of it
# to the next prompt: an i-search (C-r) took the next prompt's keys as its
# search string, and a numeric argument (M-5) typed the next x five times.
closed_clean() { # KEYS WHAT-READLINE-SHOWS WHAT
    tm_keys :
    tm_wait '^: *$' 5
    tm_keys "$1"
    tm_wait "$2" 5 || { fail "$3 starts"; tm_capture; }
    tm_keys Escape
    tm_wait '^q Quit' 5
    tm_keys :
    tm_wait '^: *$' 5 || { fail "$3, Esc: the next prompt opens empty"; tm_capture; }
    tm send-keys -t t -l 'x'
    tm_wait '^:x *$' 5 && ok "$3, Esc: the next prompt takes x as x" || { fail "$3, Esc, then x in the next prompt"; tm_capture; }
    tm_keys Escape
    tm_wait '^q Quit' 5
}
closed_clean C-r '^\(reverse-i-search\)' "C-r (i-search)"
closed_clean M-5 '^\(arg: 5\)' "M-5 (a numeric argument)"

# Backspace on an empty line leaves the prompt, as in vim; on a line with
# text it only deletes.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'x'
tm_wait '^:x *$' 5 || { fail "x in the prompt"; tm_capture; }
tm_keys BSpace
tm_wait '^: *$' 5 && ok "Backspace deletes the last character and keeps the prompt" || { fail "Backspace on x"; tm_capture; }
tm_keys BSpace
tm_wait '^q Quit' 5 && ok "Backspace on the empty line closes the prompt" || { fail "Backspace on an empty line"; tm_capture; }

# The editing keys over letters of two bytes each take or pass a whole
# letter, and a word goes on over them (as tui_c_locale_keys.sh checks in
# the C locale, where readline edits in a UTF-8 LC_CTYPE of its own).
e=$(printf '\303\251') u=$(printf '\303\274') o=$(printf '\303\266')
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "caf$e$e"
tm_wait "^:caf$e$e *\$" 5
tm_keys BSpace
tm_wait "^:caf$e *\$" 5 && ok "Backspace takes a whole letter" || { fail "Backspace after a letter of two bytes"; tm_capture; }
tm send-keys -t t -l "/m$u$o"
tm_wait "^:caf$e/m$u$o *\$" 5
tm_keys Left Left Right Delete
tm_wait "^:caf$e/m$u *\$" 5 && ok "Left, Right and Delete step over whole letters" ||
    { fail "Left, Right, Delete over letters of two bytes"; tm_capture; }
tm send-keys -t t -l " ${u}nk"
tm_wait "^:caf$e/m$u ${u}nk *\$" 5
tm_keys M-BSpace
tm_wait "^:caf$e/m$u *\$" 5 && ok "M-Backspace takes a word that starts with such a letter" ||
    { fail "M-Backspace over a word with a letter of two bytes"; tm_capture; }
tm_keys Escape
tm_wait '^q Quit' 5

# A typo in a command name says which command was meant, and the message
# stays up until the next key.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'gotoo x'
tm_keys Enter
tm_wait "unknown command 'gotoo' \(did you mean :goto\?\)" 5 && ok "a typo names the command meant" || { fail "did you mean"; tm_capture; }
tm_settle
check "and the message stays" screen_has 'did you mean :goto'

# The same line twice in a row is one history entry: Up, Up reaches the
# line before it, and the history file holds it once.
for line in 'tau 0.9' 'tau 0.98' 'tau 0.98'; do
    tm_keys :
    tm_wait '^: *$' 5
    tm send-keys -t t -l "$line"
    tm_keys Enter
    tm_wait '^q Quit' 5
done
tm_keys : Up Up
tm_wait '^:tau 0\.9 *$' 5 && ok "Up twice skips the repeated line" || { fail "Up after a repeated line"; tm_capture; }
tm_keys C-c
tm_wait '^q Quit' 5
check "the history file holds the repeated line once" test "$(grep -c '^tau 0\.98$' "$cs_tmp/state/capscope/history")" = 1

# / and : keep a history each: Up in a search once recalled commands.
tm_keys /
tm_wait '^/ *$' 5
tm send-keys -t t -l 'zzsearched'
tm_keys Enter
tm_wait '^q Quit' 5
tm_keys / Up
tm_wait '^/zzsearched *$' 5 && ok "Up in / recalls the last search" || { fail "Up in the search prompt"; tm_capture; }
# Up again changes nothing: seen by a letter typed after it, which shows
# only once Up was read (a settle can return before that).
tm_keys Up
tm send-keys -t t -l 'Q'
tm_wait '^/.*Q *$' 5 || { fail "Q after Up in the search prompt"; tm_capture; }
check "and no command (the search history has one line)" screen_has '^/zzsearchedQ *$'
tm_keys C-c
tm_wait '^q Quit' 5
tm_keys : Up
tm_wait '^:tau 0\.98 *$' 5 && ok "Up in : recalls the last command, not the search" || { fail "Up in : after a search"; tm_capture; }
tm_keys C-c
tm_wait '^q Quit' 5
check "the history file holds no search" sh -c "! grep -q zzsearched '$cs_tmp/state/capscope/history'"

tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"

# The history keeps its last 1000 lines, cut at the end of a session. The
# file is the user's: readline's cut made a 0644 history 0600. Linked from
# elsewhere (dotfiles), the link stays and its target is cut.
hist="$cs_tmp/state/capscope/history"
rm -f "$hist"
seq 1 1005 | sed 's/^/task old/' >"$W/history-real"
chmod 644 "$W/history-real"
ln -s "$W/history-real" "$hist"
tm_launch "'$CAPSCOPE' --data '$DEMO' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'tau 0.95'
tm_keys Enter
tm_wait '^q Quit' 5
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q after a long history"; tm_capture; }
check "the history is still a link" test -L "$hist"
check "its target keeps the last 1000 lines" test "$(wc -l <"$W/history-real")" = 1000
check "the oldest six went, the newest line is last" \
    sh -c "head -n 1 '$W/history-real' | grep -qx 'task old7' && tail -n 1 '$W/history-real' | grep -qx 'tau 0.95'"
check "and its mode is the user's" test "$(stat -c %a "$W/history-real")" = 644
finish
