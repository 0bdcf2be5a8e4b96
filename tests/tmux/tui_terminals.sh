#!/bin/sh
# Terminals other than the xterm the other tests use. Each draws the whole
# screen, quits with status 0 and gives the shell back its modes. Where the
# terminal has an alternate screen it is left; where it has none (vt100,
# the Linux console) the last frame must not stay behind for the shell to
# write its prompt into, on quitting or on a suspend.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"
alt_on() { tm list-panes -t t -F '#{alternate_on}'; }
no_trace() { ! grep -Eq 'Quit|Sampler|Tasks' "$cs_tmp/screen"; }

# For TERM=linux ncurses tries the console mouse (GPM) in mousemask(), and
# libgpm keeps 10 bytes that a sanitizer build reports as a leak at exit:
# not capscope's memory. (A slow unwind is needed to see the ncurses frame.)
printf 'leak:mousemask_sp\n' > "$cs_tmp/lsan.supp"
lsan="LSAN_OPTIONS=suppressions=$cs_tmp/lsan.supp:fast_unwind_on_malloc=0:print_suppressions=0"

# home_end WHAT: End makes the last task current, Home the first (and PgDn
# and PgUp), in the
# spellings tmux sends (Esc [4~ and Esc [1~) whatever the entry lists:
# xterm-256color, often TERM inside tmux, lists Esc OF and Esc OH only, and
# End and Home did nothing there. The task list's rows start at screen row 3.
home_end() {
    tm_settle
    first=$(sed -n 3p "$cs_tmp/screen" | awk '{ print $1 }')
    last=$(sed -n 8p "$cs_tmp/screen" | awk '{ print $1 }')
    [ -n "$first" ] && [ -n "$last" ] && [ "$first" != "$last" ] || { fail "$1: no task names in the list"; return; }
    tm_keys End
    tm_wait "Plot +$last +tau" 5 && ok "$1: End selects the last task" || { fail "$1: End"; tm_capture; }
    tm_keys Home
    tm_wait "Plot +$first +tau" 5 && ok "$1: Home selects the first task" || { fail "$1: Home"; tm_capture; }
    # PgDn and PgUp likewise (Esc [6~, Esc [5~; vt100 lists neither): the
    # list shows every task, so a page is the whole of it.
    tm_keys NPage
    tm_wait "Plot +$last +tau" 5 && ok "$1: PgDn pages to the last task" || { fail "$1: PgDn"; tm_capture; }
    tm_keys PPage
    tm_wait "Plot +$first +tau" 5 && ok "$1: PgUp pages back to the first" || { fail "$1: PgUp"; tm_capture; }
    tm_idle 20 || { fail "$1: the work after Home did not finish"; tm_capture; }
}

tm_launch "'$CAPSCOPE' --data mine.csv; echo EXIT=\$?" "TERM=xterm-256color: the TUI did not start"
home_end "TERM=xterm-256color"
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || fail "TERM=xterm-256color: q"

for term in vt100 linux xterm-mono screen tmux-256color; do
    if ! infocmp "$term" >/dev/null 2>&1; then
        echo "terminfo has no $term: not tried"
        continue
    fi
    rmcup=$(tput -T "$term" rmcup 2>/dev/null)
    # stty.after is written before EXIT= shows: the wait for EXIT= is one for it too.
    tm_launch "stty -g > stty.before; TERM=$term $lsan '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\"" \
        "TERM=$term: the TUI did not start"
    check "TERM=$term: the key bar is drawn" screen_has '^q Quit'
    home_end "TERM=$term"
    # A terminal that cannot hide the cursor (vt100: no civis) shows it
    # between frames: it stays in one place, not left on the plot or in a
    # message where each frame's last character went. l and h move the
    # plot's cursor; each frame writes other cells.
    if [ -z "$(tput -T "$term" civis 2>/dev/null)" ]; then
        cursor_at() { tm display -p -t t '#{cursor_x},#{cursor_y}'; }
        tm_settle
        at_first=$(cursor_at)
        moved=""
        for key in Tab l l h; do
            tm_keys "$key"
            tm_settle
            [ "$(cursor_at)" = "$at_first" ] || moved="$moved $key:$(cursor_at)"
        done
        check "TERM=$term (cursor not hidden): it stays at $at_first (moved:$moved)" test -z "$moved"
        tm_keys BTab
        tm_settle
    fi
    # Shift-Tab: xterm, tmux and the others send Esc [Z whatever TERM says,
    # and vt100's and xterm-mono's entries list no kcbt, so it did nothing
    # there. From the task list it focuses the sampler, the last pane,
    # whose key bar offers Enter Show; Tab goes back.
    tm send-keys -t t -H 1b 5b 5a
    tm_wait '^q Quit.* Enter Show' 5 && ok "TERM=$term: Esc [Z (S-Tab) focuses the previous pane" ||
        { fail "TERM=$term: Esc [Z (S-Tab)"; tm_capture; }
    tm_keys Tab
    tm_wait '^q Quit.* Space Mark' 5 || { fail "TERM=$term: Tab back to the task list"; tm_capture; }
    tm_keys q
    tm_wait 'EXIT=[0-9]' 10 || { fail "TERM=$term: q"; tm_capture; continue; }
    tm_wait 'READY\$ *$' 5
    tm_settle
    check "TERM=$term: q exits 0 on a line of its own" screen_has '^EXIT=0 *$'
    check "TERM=$term: terminal modes restored" cmp -s "$W/stty.before" "$W/stty.after"
    check "TERM=$term: nothing on stderr" test ! -s "$cs_tmp/stderr"
    if [ -n "$rmcup" ]; then
        check "TERM=$term: the alternate screen is left" test "$(alt_on)" = 0
        continue
    fi
    check "TERM=$term (no alternate screen): nothing of the TUI is left on the screen" no_trace
    # The shell reports a stopped job, and a job stopped in a list runs the
    # rest of the list, on the screen the program left.
    tm_launch "TERM=$term $lsan '$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\"" "TERM=$term: the TUI did not start again"
    kill -TSTP "$(tui_pid)"
    tm_wait 'Stopped' 5 || fail "TERM=$term: SIGTSTP"
    tm_wait 'READY\$ *$' 5
    tm_settle
    check "TERM=$term (no alternate screen): a suspend leaves no frame behind" no_trace
    tm_type fg
    tm_wait '^q Quit' 5 || fail "TERM=$term: fg"
    tm_keys q
    tm_wait 'READY\$ *$' 5 || fail "TERM=$term: q after fg"
done

# Keys the terminfo entry does not list: tmux sends C-Left as Esc [1;5D and
# S-F5 as Esc [15;2~ whatever TERM says, and TERM=screen (tmux's default)
# lists neither. curses gave them back byte by byte, read as M-[ then
# 1 ; 5 D: the D opened the drift grid, and in the prompt "1;5D" went into
# the line. Each is now dropped whole, and the keys after it act.
if infocmp screen >/dev/null 2>&1; then
    tm_launch "TERM=screen '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" \
        "TERM=screen: the TUI did not start"
    # The task list's rows start at screen row 3 (under its title and heading).
    second=$(sed -n 4p "$cs_tmp/screen" | awk '{ print $1 }')
    check "TERM=screen: the second row names a task not current" \
        sh -c "[ -n '$second' ] && ! grep -Eq 'Plot +$second +tau' '$cs_tmp/screen'"
    tm_keys C-Left S-F5 C-Right C-Up j
    tm_wait "Plot +$second +tau" 5 && ok "TERM=screen: j after C-Left, S-F5, C-Right, C-Up moves to $second" ||
        { fail "TERM=screen: j after C-Left and others"; tm_capture; }
    tm_idle 20 || { fail "TERM=screen: the work after j did not finish"; tm_capture; }
    check "TERM=screen: C-Left did not open the drift grid" sh -c "! grep -q 'out-of-sample' '$cs_tmp/screen'"
    # A mouse report cut short (Esc [M, Alt+[ then M typed, without its
    # three bytes): curses read them with read(), blocking whatever the
    # timeout, so the work under it stalled until three more keys came,
    # and those went into the report.
    tm_keys k
    tm send-keys -t t -l "$(printf '\033[M')"
    tm_idle 20 && ok "TERM=screen: the work under a cut mouse report finishes" ||
        { fail "TERM=screen: the work after a cut mouse report did not finish"; tm_capture; }
    # A report whose bytes come apart in time (Esc [M, then its button and
    # cell 10 ms later): one click, on the fourth row (cell 2, 5). Read by
    # curses from a descriptor that did not block, the report was lost and
    # its tail came as keys: Space marked the task, '&' was not a key.
    fourth=$(sed -n 6p "$cs_tmp/screen" | awk '{ print $1 }')
    check "TERM=screen: the fourth row names a task not current" \
        sh -c "[ -n '$fourth' ] && ! grep -Eq 'Plot +$fourth +tau' '$cs_tmp/screen'"
    tm send-keys -t t -l "$(printf '\033[M')"
    sleep 0.01
    tm send-keys -t t -l ' #&'
    tm send-keys -t t -l "$(printf '\033[M##&')"
    tm_wait "Plot +$fourth +tau" 5 && ok "TERM=screen: a report split in time is one click (on $fourth)" ||
        { fail "TERM=screen: a report split in time"; tm_capture; }
    tm_idle 20 || { fail "TERM=screen: the work after the split report did not finish"; tm_capture; }
    check "TERM=screen: no task was marked by it" sh -c "! grep -q '^ *[*] ' '$cs_tmp/screen'"
    check "TERM=screen: nothing of it was read as a key" sh -c "! grep -q 'not a key' '$cs_tmp/screen'"
    # A click in column 95 (0-based 94): X10 sends that cell as the byte
    # 0x7f, which is also TERM=screen's Backspace (kbs), so curses reads it
    # as that key. Still a click, on the plot, which takes the focus (its
    # keys in the key bar).
    tm send-keys -t t -l "$(printf '\033[M \177-')"
    tm send-keys -t t -l "$(printf '\033[M#\177-')"
    tm_wait '^q Quit.* [+] Zoom' 5 && ok "TERM=screen: a click in column 95 is a click" ||
        { fail "TERM=screen: a click in column 95"; tm_capture; }
    tm_idle 20 || { fail "TERM=screen: the work after the click in column 95 did not finish"; tm_capture; }
    # A click past column 223, which a byte does not hold: xterm sends the
    # cell as 0 (256 cut to a byte). Part of the report, a cell of no
    # event: taken for a key, the row's byte after it ('?', row 31) opened
    # the help, and the click on the second row after it hit the help.
    if tm send-keys -t t -H 1b 5b 4d 20 00 3f 2>/dev/null; then
        tm send-keys -t t -l "$(printf '\033[M #$')"
        tm send-keys -t t -l "$(printf '\033[M##$')"
        tm_wait "Plot +$second +tau" 5 && ok "TERM=screen: a click past column 223 is no key" ||
            { fail "TERM=screen: a click past column 223"; tm_capture; }
        tm_idle 20 || { fail "TERM=screen: the work after the click past column 223 did not finish"; tm_capture; }
        check "TERM=screen: the help did not open" sh -c "! grep -q 'capscope help' '$cs_tmp/screen'"
    fi
    tm_keys :
    tm_wait '^: *$' 5 && ok "TERM=screen: the key after them acts (: opens the prompt)" ||
        { fail "TERM=screen: the prompt opens"; tm_capture; }
    tm send-keys -t t -l 'tau'
    tm_keys C-Left S-F5 C-Right
    tm send-keys -t t -l ' 0.5'
    tm_wait '^:tau 0\.5 *$' 5 && ok "TERM=screen: C-Left, S-F5, C-Right leave the prompt's line alone" ||
        { fail "TERM=screen: C-Left and others in the prompt"; tm_capture; }
    tm_keys Enter
    tm_wait '(^| )tau 0\.5( |$)' 10 && ok "TERM=screen: the line then runs" || { fail "TERM=screen: :tau 0.5"; tm_capture; }
    tm_keys q
    tm_wait 'EXIT=[0-9]' 10 || { fail "TERM=screen: q"; tm_capture; }
    check "TERM=screen: q exits 0" screen_has 'EXIT=0'
fi
finish
