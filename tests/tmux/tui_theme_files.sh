#!/bin/sh
# Themes as a person names them, and how they look without colour. A theme
# file in the current directory was "not found"; the built-in default was
# "not found" in an uninstalled build; a directory or a file of exactly
# 65535 bytes was "at most 64 KiB"; and with NO_COLOR the dark theme showed
# every cell in reverse video, so the selection could not be seen. A name
# not found was answered with the installed themes, not the user's own.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$top_srcdir/themes/dark.yaml" "$W/mytheme.yaml"
mkdir "$W/adir"
{ printf 'name: big\n#'; printf '%065523d' 0; printf '\n'; } > "$W/big.yaml"
printf 'styles: 5\n' > "$W/wrong.yaml"
check "big.yaml is 65535 bytes" test "$(wc -c < "$W/big.yaml")" -eq 65535

# starts WHAT ENV ARGS: ENV capscope ARGS starts, and quits with status 0.
starts() {
    tm_shell "$2 '$CAPSCOPE' $3 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
    if tm_wait 'Sampler' 10; then
        tm_settle
        tm_keys q
        tm_wait 'EXIT=0' 30 && ok "$1" || { fail "$1: q"; tm_capture; }
    else
        fail "$1"; tm_capture
    fi
}
starts "--theme takes a file in the current directory" "" "--theme mytheme.yaml"
# No theme directory at all: the compiled-in default still resolves.
starts "--theme default needs no installed theme" "CAPSCOPE_THEME_PATH=" "--theme default"
starts "a theme of 65535 bytes is taken" "" "--theme big.yaml"

# theme_fails NAME PATTERN: --theme NAME ends with status 2 and PATTERN.
theme_fails() {
    tm_shell "'$CAPSCOPE' --theme $1; echo \"EXIT=\$?\""
    if tm_wait 'EXIT=[0-9]' 10; then
        check "--theme $1: $2" sh -c "grep -Eq -- '$2' '$cs_tmp/screen' && grep -q EXIT=2 '$cs_tmp/screen'"
    else
        fail "--theme $1 did not end"; tm_capture
    fi
}
theme_fails adir 'adir: is a directory, not a theme file'
theme_fails wrong.yaml 'wrong.yaml:1: styles: expected a mapping'
# A name not found at the start is answered as :theme answers it.
theme_fails dakr 'theme .dakr. not found \(did you mean dark\?\)'
# No theme directory holding any (an uninstalled build): where they go,
# and how to use them before. Unless this machine has them installed.
tm_shell "CAPSCOPE_THEME_PATH= '$CAPSCOPE' --theme dark; echo \"EXIT=\$?\""
if tm_wait 'EXIT=[0-9]|Sampler' 10 && ! grep -q Sampler "$cs_tmp/screen"; then
    # Joined: the message wraps at the window's width, where depends on
    # the length of the installed themes directory's path.
    tm capture-pane -t t -p -J > "$cs_tmp/joined"
    check "--theme dark, none installed: how to use them" sh -c "grep -q \"make install; before that, CAPSCOPE_THEME_PATH=themes\" '$cs_tmp/joined' && grep -q EXIT=2 '$cs_tmp/joined'"
elif grep -q Sampler "$cs_tmp/screen"; then
    tm_keys q
    tm_wait 'EXIT=0' 30
    echo "SKIP: themes installed on this machine: the uninstalled build's message not checked"
else
    fail "--theme dark did not end"; tm_capture
fi

# NO_COLOR with the dark theme: the selected row and the focused title in
# reverse, the other rows of the task list plain.
tm_launch "NO_COLOR=1 '$CAPSCOPE' --theme dark 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm capture-pane -t t -p -e > "$cs_tmp/escapes"
# attrs_at TEXT: the reverse and bold attributes in force where TEXT first
# appears, following every SGR sequence before it (tmux carries them across
# lines), as "reverse=R bold=B".
attrs_at() {
    awk -v want="$1" '
        function sgr(p,    n, i, v) {
            n = split(p, v, ";")
            if (n == 0) { rev = 0; bold = 0 }
            for (i = 1; i <= n; i++) {
                if (v[i] == "" || v[i] == 0) { rev = 0; bold = 0 }
                else if (v[i] == 1) bold = 1
                else if (v[i] == 7) rev = 1
                else if (v[i] == 22) bold = 0
                else if (v[i] == 27) rev = 0
            }
        }
        {
            line = $0
            while (line != "") {
                if (match(line, /\033\[[0-9;]*m/)) { text = substr(line, 1, RSTART - 1); code = substr(line, RSTART + 2, RLENGTH - 3); rest = substr(line, RSTART + RLENGTH) }
                else { text = line; code = "-"; rest = "" }
                if (index(text, want)) { printf "reverse=%d bold=%d\n", rev, bold; exit }
                if (code != "-") sgr(code)
                line = rest
            }
        }' "$cs_tmp/escapes"
}
title=$(attrs_at ' Tasks ')
selected=$(attrs_at '  reasoning ')
other=$(attrs_at '  math ')
check "the focused title is reversed ($title)" test "${title%% *}" = reverse=1
check "the selected row is reversed ($selected)" test "${selected%% *}" = reverse=1
check "an unselected row is not ($other)" test "${other%% *}" = reverse=0
check "the focused title and the selection differ" test "$title" != "$selected"

# :theme of a name not found lists the names there are, in order, a theme
# in the user's own directory among them (the theme path holds dark,
# default, light and monochrome): it listed the four installed ones only.
mkdir -p "$cs_tmp/config/capscope/themes"
cp "$top_srcdir/themes/light.yaml" "$cs_tmp/config/capscope/themes/usertheme.yaml"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'theme nosuch'
tm_keys Enter
tm_wait "theme 'nosuch' not found \(themes: dark, default, light, monochrome, usertheme\)" 5 &&
    ok ":theme lists the user's own themes" || { fail ":theme nosuch"; tm_capture; }
# Without colour a theme changes little on the screen: :theme says why, as
# it said only "theme light" and seemed to do nothing.
tm_command 'theme light'
tm_wait 'theme light \(NO_COLOR is set: only its bold, underline and reverse video show\)' 5 &&
    ok ":theme says NO_COLOR keeps its colours off" || { fail ":theme light under NO_COLOR"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 30 || { fail "q"; tm_capture; }
# The same on a terminal without colours (vt100), NO_COLOR unset.
if infocmp vt100 >/dev/null 2>&1; then
    tm_launch "TERM=vt100 '$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
    tm_command 'theme dark'
    tm_wait 'theme dark \(the terminal has no colours: only its bold' 5 &&
        ok ":theme says the terminal has no colours" || { fail ":theme dark on vt100"; tm_capture; }
    tm_keys q
    tm_wait 'EXIT=0' 30 || { fail "q on vt100"; tm_capture; }
else
    echo "terminfo has no vt100: :theme on a terminal without colours not tried"
fi
# With colours, the plain word.
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_command 'theme dark'
tm_wait '^ theme dark *$' 5 && ok ":theme in colour says the theme alone" || { fail ":theme dark in colour"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 30 || { fail "q in colour"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
