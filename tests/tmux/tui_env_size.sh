#!/bin/sh
# LINES and COLUMNS left in the environment (exported by a profile, or by a
# program that ran capscope) are not the terminal's size: ncurses took them
# over the terminal's own, so a 100x30 window was drawn as 60x20 and kept
# so through every resize, and with 200x50 each row wrapped into the next,
# a screen of garbage. The terminal's size wins.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"
# key_bar_at ROW: the key bar is on that row of the screen, the window's
# last, and runs past 60 columns (a 60-column drawing ends before that).
key_bar_at() {
    row=$(sed -n "$1p" "$cs_tmp/screen" | sed 's/ *$//')
    case $row in "q Quit"*) ;; *) return 1 ;; esac
    [ "$(printf '%s' "$row" | wc -c)" -gt 60 ]
}

for env in "LINES=20 COLUMNS=60" "LINES=50 COLUMNS=200"; do
    tm_shell "$env '$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\""
    tm_wait 'Sampler' 10 || fail "$env: the TUI did not start"
    tm_idle
    check "$env: the key bar is on row 30, the window's last, 100 columns wide" key_bar_at 30
    tm_grow 120 35 || fail "$env: no redraw at 120x35"
    check "$env: after a resize the key bar is on row 35" key_bar_at 35
    tm_keys q
    tm_wait 'EXIT=[0-9]' 10 || { fail "$env: q"; tm_capture; }
    check "$env: q exits 0" screen_has 'EXIT=0'
    tm resize-window -t t -x 100 -y 30
done
finish
