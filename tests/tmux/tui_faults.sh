#!/bin/sh
# Terminal faults: a storm of resizes, suspend and resume (with a resize
# while stopped), the terminal vanishing under the program (SIGHUP when its
# tmux session is killed), and terminals that cannot be driven.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 100 30
cp "$DEMO" "$W/mine.csv"

# The screen is whole: the panes, the key bar on the last row of the given height.
sane() {
    tm capture-pane -t t -p > "$cs_tmp/screen"
    grep -q ' Tasks' "$cs_tmp/screen" && grep -q ' Sampler' "$cs_tmp/screen" &&
        [ "$(sed -n "${1}p" "$cs_tmp/screen" | cut -c1-6)" = "q Quit" ]
}
wait_sane() { i=0; while [ $i -lt 50 ]; do sane "$1" && return 0; sleep 0.1; i=$((i + 1)); done; return 1; }

tm_launch "stty -g > stty.before; '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/stderr'"
pid=$(tui_pid)

# 100 resizes as fast as tmux takes them, sizes from tiny to large.
start=$(date +%s.%N)
i=0
while [ $i -lt 100 ]; do
    tm resize-window -t t -x $((8 + (i * 37) % 150)) -y $((4 + (i * 13) % 50))
    i=$((i + 1))
done
end=$(date +%s.%N)
echo "100 resizes in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s"
tm resize-window -t t -x 100 -y 30
check "alive after the resize storm" kill -0 "$pid"
check "the screen is whole at 100x30 after the storm" wait_sane 30
tm resize-window -t t -x 70 -y 22
check "and follows one more resize to 70x22" wait_sane 22
tm resize-window -t t -x 100 -y 30
wait_sane 30

# Suspend and resume three times; the third time the window changes size
# while the program is stopped, and the resumed screen has the new size.
for round in 1 2 3; do
    kill -TSTP "$pid"
    if ! tm_wait 'READY\$ *$' 5; then fail "SIGTSTP $round"; tm_capture; break; fi
    [ "$round" = 3 ] && tm resize-window -t t -x 90 -y 26
    tm_type "fg"
    rows=30; [ "$round" = 3 ] && rows=26
    check "resume $round: the screen is whole (${rows} rows)" wait_sane $rows
done
# SIGCONT alone (no stop) only redraws.
kill -CONT "$pid"
check "SIGCONT while running: still whole" wait_sane 26
check "SIGCONT while running: alive" kill -0 "$pid"
# C-\ (SIGQUIT, a core dump) is still an ordinary key after the resumes.
# Seen read (it says it is no key here), not given a fixed 0.3 s: a signal
# that ended the program could come later than that on a loaded machine.
tm_keys 'C-\'
tm_wait 'is not a key' 5 || { fail "C-\ after the resumes: not read as a key"; tm_capture; }
check "C-\ after the resumes: still running" kill -0 "$pid"
# After fg the job's status is the shell's $?.
tm_keys q
tm_wait 'READY\$ *$' 5
# stty.after is written before FGEXIT= shows: the wait for FGEXIT= is one for it too.
tm_type 's=$?; stty -g > stty.after; echo "FGEXIT=$s"'
tm_wait 'FGEXIT=[0-9]' 60
check "q after the storms exits 0" screen_has 'FGEXIT=0'
check "terminal modes restored" cmp -s "$W/stty.before" "$W/stty.after"
check "nothing on stderr (a sanitizer build reports there)" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
tm_stop

# The terminal goes away: kill the tmux session the program runs in. The
# program must end by itself, without a core, leave the journal whole and
# save its session state. Two ways: (1) as usual, under an interactive
# shell: the kernel hangs up the shell, which dies, and the foreground job
# gets SIGHUP; (2) under a session leader that ignores SIGHUP, so no signal
# comes at all: the dead terminal itself must end the program.
unscored=$(awk -F, 'NR > 1 && $6 == "" { print $1; exit }' "$DEMO")
tm_wait_h() { i=0; while [ $i -lt 100 ]; do tm capture-pane -t h -p > "$cs_tmp/screen" 2>/dev/null; grep -Eq -- "$1" "$cs_tmp/screen" && return 0; sleep 0.05; i=$((i + 1)); done; return 1; }
hangup_start() { # hangup_start SHELL-COMMAND: a session "h" running it
    rm -f "$W/hup.status" "$cs_tmp/state/capscope/state"
    tm new-session -d -s h -n h -x 100 -y 30 \
        env -i PATH="$PATH" HOME="$cs_tmp/home" TERM=xterm-256color LC_ALL=C.UTF-8 \
        XDG_CONFIG_HOME="$cs_tmp/config" XDG_STATE_HOME="$cs_tmp/state" CAPSCOPE_THEME_PATH="$top_srcdir/themes" \
        PS1='READY$ ' ENV= sh -c "cd '$W' && ulimit -c unlimited; $1"
}
hangup() { # hangup NAME VALUE: score VALUE, kill the session, check the aftermath
    name=$1 value=$2
    tm_wait_h 'Sampler' || { fail "$name: the TUI did not start"; return; }
    # Only within the session's own processes (the pane's shell leads it):
    # under `make -j2 check` another test's capscope runs with these very
    # arguments, and the newest of all was sometimes that one.
    hpid=$(pgrep -n -s "$(tm list-panes -t h -F '#{pane_pid}')" -f "^$CAPSCOPE --data mine.csv")
    tm send-keys -t h : t a s k ' ' m a t h Enter
    tm send-keys -t h : s c o r e ' ' "$unscored" ' ' r e a s o n i n g ' ' "$value" Enter
    tm_wait_h 'saved in the journal' || fail "$name: score before the hangup"
    tm kill-session -t h
    i=0; while [ -n "$hpid" ] && kill -0 "$hpid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    check "$name: the program ends when its terminal goes" sh -c "[ -n '$hpid' ] && ! kill -0 $hpid 2>/dev/null"
    i=0; while [ ! -s "$W/hup.status" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    status=$(cat "$W/hup.status" 2>/dev/null)
    check "$name: it ends as on SIGHUP (129), not by a crash ($status)" test "$status" = 129
    check "$name: no core file" sh -c "! ls '$W' | grep -q '^core'"
    check "$name: the journal is whole: the score and a final newline" sh -c "
        grep -q '^score	$unscored	reasoning	$value	' '$W/mine.csv.journal' &&
        test \"\$(tail -c 1 '$W/mine.csv.journal' | od -An -c | tr -d ' ')\" = '\\n'"
    check "$name: the session state was saved (task math)" grep -q 'math' "$cs_tmp/state/capscope/state"
}
mkdir -p "$cs_tmp/state"
hangup_start "exec sh -i"
tm_wait_h 'READY\$'
# The wrapper ignores SIGHUP only to write down the program's status.
tm send-keys -t h -l "sh -c \"trap '' HUP; '$CAPSCOPE' --data mine.csv; echo \\\$? > hup.status\""
tm send-keys -t h Enter
hangup "shell" 0.75
hangup_start "trap '' HUP; '$CAPSCOPE' --data mine.csv 2> '$cs_tmp/hup.stderr'; echo \$? > hup.status"
hangup "no SIGHUP" 0.625
check "no SIGHUP: nothing on stderr" test ! -s "$cs_tmp/hup.stderr"
[ -s "$cs_tmp/hup.stderr" ] && head -n 20 "$cs_tmp/hup.stderr"
# The saved state and the journal load again.
tm_start 100 30 C.UTF-8
tm_type "'$CAPSCOPE' --data mine.csv; echo \"EXIT=\$?\""
tm_wait 'Plot +math' 10 && ok "the next start restores the session" || { fail "restart after the hangup"; tm_capture; }
tm_keys : t a s k ' ' r e a s o n i n g Enter : g o t o ' ' "$unscored" Enter
tm_wait "$unscored +reasoning 0\.6250" 10 && ok "and replays the journal" || { fail "journal after hangup"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 60

# Terminals that cannot be driven: a clear message, status 2, the terminal untouched.
# Each run echoes its own marker, so an earlier EXIT= on the screen cannot answer for it.
for term in dumb nonexistent-term; do
    mark=$(echo "$term" | tr -dc 'a-z')
    tm_shell "TERM=$term '$CAPSCOPE'; echo \"${mark}_EXIT=\$?\""
    tm_wait "${mark}_EXIT=[0-9]" 5
    check "TERM=$term exits 2" screen_has "${mark}_EXIT=2"
    check "TERM=$term suggests the batch subcommands" screen_has 'batch subcommands'
done
check "TERM=nonexistent-term names the problem" screen_has "'nonexistent-term' is not known to terminfo"
# A terminal the remote machine has no entry for (ssh from kitty, foot,
# alacritty...): the way to go on is said, a TERM this terminfo has, or
# installing the entry, not only that it cannot run.
tm_shell "TERM=nonexistent-term '$CAPSCOPE' 2>'$cs_tmp/noterm.err'; echo \"HINT_EXIT=\$?\""
tm_wait 'HINT_EXIT=[0-9]' 5
check "TERM=nonexistent-term offers TERM=xterm-256color, which terminfo has" \
    grep -qF "TERM=xterm-256color capscope" "$cs_tmp/noterm.err"
check "and installing the entry" grep -qF "tic -x" "$cs_tmp/noterm.err"
# TERM is the environment's word, written as text as the command line's
# are (plaintext.h): an ESC in it drove the terminal the message went to.
tm_shell "TERM=\"\$(printf 'x\\033[2J')\" '$CAPSCOPE' 2>'$cs_tmp/escterm.err'; echo \"ESCTERM_EXIT=\$?\""
tm_wait 'ESCTERM_EXIT=[0-9]' 5
check "TERM holding ESC exits 2" screen_has 'ESCTERM_EXIT=2'
check "and its ESC shows as \\x1b" grep -qF "terminal 'x\x1b[2J' is not known to terminfo" "$cs_tmp/escterm.err"
no_raw_esc() { ! grep -q "$(printf '\033')" "$1"; }
check "and no raw ESC is written" no_raw_esc "$cs_tmp/escterm.err"
tm_shell "env -u TERM '$CAPSCOPE'; echo \"NOTERM_EXIT=\$?\""
tm_wait 'NOTERM_EXIT=[0-9]' 5
check "no TERM at all exits 2" screen_has 'NOTERM_EXIT=2'
check "and says TERM is not set" screen_has 'TERM is not set'
finish
