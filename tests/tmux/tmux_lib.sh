# Helpers for tests that drive the TUI in tmux. Source after tests/lib.sh.
# Each test gets a private tmux server (-L capscope-test-PID), a fixed
# size, its own HOME and XDG directories, and a shell with a known prompt
# inside the pane, so "the prompt is back" can be checked after quitting.

need_tmux() {
    [ -n "${TMUX_BIN:-}" ] || skip "tmux is not installed (TMUX_BIN is empty)"
    [ -x "$TMUX_BIN" ] || skip "tmux is not installed (TMUX_BIN=$TMUX_BIN is not an executable file)"
    # A build chroot may have tmux and no pseudo-terminals: tmux then cannot
    # open a window ("fork failed: No such device"), a lack of the machine,
    # not a fault of capscope. On Linux a mounted devpts always holds ptmx.
    [ "$(uname -s)" != Linux ] || [ -e /dev/pts/ptmx ] ||
        skip "no pseudo-terminals here (/dev/pts is not mounted): tmux cannot open a window"
}

TM_SOCK="capscope-test-$$"
tm() { "$TMUX_BIN" -L "$TM_SOCK" -f /dev/null "$@"; }

# tm_start COLS ROWS LOCALE: a shell in a fresh session "t", the one the
# helpers below work on; the TUI is typed into it.
tm_start() {
    mkdir -p "$cs_tmp/home" "$cs_tmp/config" "$cs_tmp/state" "$cs_tmp/work"
    tm kill-server 2>/dev/null
    tm_session t "$1" "$2" "$3"
}

# tm_session NAME COLS ROWS LOCALE [STATE_DIR]: a session NAME whose shell
# has the test's environment, at its prompt. A second session beside "t"
# (two capscopes at once) wants its own STATE_DIR: the session state and
# history are a capscope's own.
# Its window is named NAME too (which turns tmux's renaming off): tmux
# reads "-t t" as a window of the newest session whose name starts with
# "t" before it reads it as the session t, and a new window is named after
# the process in it, "tmux" until its command is exec'd (a while on a
# loaded machine). So the keys and captures of "t" went to the second
# session "u" while its window was still "tmux": tui_two_instances
# launched both capscopes in u and then scored in t's bare shell.
tm_session() {
    tm new-session -d -s "$1" -n "$1" -x "$2" -y "$3" \
        env -i PATH="$PATH" HOME="$cs_tmp/home" TERM=xterm-256color LC_ALL="$4" \
        XDG_CONFIG_HOME="$cs_tmp/config" XDG_STATE_HOME="${5:-$cs_tmp/state}" \
        CAPSCOPE_THEME_PATH="$top_srcdir/themes" PS1='READY$ ' ENV= \
        sh -c "cd '$cs_tmp/work' && exec sh -i" || return 1
    tm set-option -t "$1" status off >/dev/null
    tm_wait 'READY\$' 5 "$1" && tm_targets_ok
}

# tm_targets_ok: whether every session's name, as a target, is that
# session; else say which is not and fail.
tm_targets_ok() {
    local s got
    for s in $(tm list-sessions -F '#{session_name}'); do
        got=$(tm display-message -p -t "$s" '#{session_name}')
        [ "$got" = "$s" ] || { echo "tmux: -t $s is a window of session $got" >&2; return 1; }
    done
}

tm_stop() { tm kill-server 2>/dev/null; }

tm_keys() { tm send-keys -t t "$@"; }
# Type a shell command line into the pane and press Enter.
tm_type() { tm send-keys -t t -l "$1"; tm send-keys -t t Enter; }
# tm_command LINE: run :LINE at the interface, the prompt seen open first.
tm_command() {
    tm_keys :
    tm_wait '^: *$' 5 || fail "the prompt opens (for :$1)"
    tm_type "$1"
}

tm_capture() { tm capture-pane -t t -p > "$cs_tmp/screen"; cat "$cs_tmp/screen"; }

# tm_wait PATTERN [SECONDS [TARGET]]: wait until the screen of TARGET (a
# tmux target, default the session "t") matches the extended regexp. The
# screen last captured is left in $cs_tmp/screen, whichever the target.
tm_wait() {
    local pat=$1 limit=${2:-10} target=${3:-t} i=0
    while [ "$i" -lt $((limit * 20)) ]; do
        tm capture-pane -t "$target" -p > "$cs_tmp/screen" 2>/dev/null
        grep -Eq -- "$pat" "$cs_tmp/screen" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# tm_wait_gone PATTERN [SECONDS]: wait until the screen no longer matches.
# After Escape, before the next key: a key that reaches the interface with
# the Escape in one read is Alt and that key (a loaded machine can hold
# both back past the 25 ms that tell them apart).
tm_wait_gone() {
    local pat=$1 limit=${2:-10} i=0
    while [ "$i" -lt $((limit * 20)) ]; do
        tm capture-pane -t t -p > "$cs_tmp/screen" 2>/dev/null
        grep -Eq -- "$pat" "$cs_tmp/screen" || return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}

# tm_grow COLS ROWS: make the window larger and wait for capscope's redraw
# at that size, then settle. tmux keeps the old screen in the top left of a
# larger window, so a pattern of the old drawing matches at once and a
# settle on a loaded machine can return before the redraw; the new last row
# is blank until capscope draws its key bar there.
tm_grow() {
    tm resize-window -t t -x "$1" -y "$2"
    local i=0
    while [ "$i" -lt 200 ]; do
        tm capture-pane -t t -p 2>/dev/null | sed -n "$2p" | grep -q '[^ ]' && break
        sleep 0.05
        i=$((i + 1))
    done
    tm_settle
    [ "$i" -lt 200 ]
}

# tm_settle: wait until the screen stops changing (background fits done),
# and leave that screen in $cs_tmp/screen for screen_has: what tm_wait last
# captured may be a first paint from before the fits. Returns 1, and says so
# in the log, when the screen still changed after 15 s. tm_idle waits on
# then; the tests that call it themselves do not fail on it: each waits
# first (tm_wait) for the frame it wants and reads what the work running
# behind does not draw (a key bar, the help, the prompt, a result already
# shown), and under ASan on a loaded machine the first fits or a drift grid
# may keep counting past 15 s, which is slowness, not a fault.
tm_settle() {
    local prev="" cur i=0
    while [ "$i" -lt 100 ]; do
        cur=$(tm capture-pane -t t -p 2>/dev/null)
        [ "$cur" = "$prev" ] && break
        prev=$cur
        sleep 0.15
        i=$((i + 1))
    done
    printf '%s\n' "$cur" > "$cs_tmp/screen"
    [ "$i" -lt 100 ] && return 0
    echo "note: tm_settle: the screen still changed after 15 s" >&2
    return 1
}

screen_has() { grep -Eq -- "$1" "$cs_tmp/screen"; }

# What the screen shows while work runs in the background: the task list's
# and the status line's fit counts, the split pane's refit, the sampler
# waiting for its design, the drift grid's count of cells after the tau in
# its title, the status line of a :load still reading its file (which
# stays put while a slow file comes: a settle alone calls it idle). Each
# "re" line is an extended regexp of the screen's text, the "in" lines
# after it the string literals (or their parts the regexp reads) of src/tui
# that print it, as written there. tm_idle fails the test when one is no
# longer in the source: a reworded busy text would make it a plain settle
# without a word.
TM_BUSY_TEXTS='
re fitting [0-9]+/[0-9]+
in "fitting %zu/%zu"
re fitting task [0-9]+ of
in " fitting task %zu of %zu...
re fitting\.\.\.
in "fitting..."
re waiting for the fits
in "waiting for the fits..."
re tau [0-9.e-]+ +[0-9]+/[0-9]+
in "Drift  %s  tau %s%s"
in "  %zu/%zu"
re loading .+\.\.\. \(Esc cancels\)
in " loading %s%s"
in "%s%s... (Esc cancels)"
'
TM_BUSY=$(printf '%s\n' "$TM_BUSY_TEXTS" | sed -n 's/^re //p' | paste -s -d '|' -)

# tm_busy_texts_known: whether every "in" text of TM_BUSY_TEXTS is in
# src/tui/*.c; else say which and fail the test (once).
tm_busy_texts_known() {
    [ -z "${tm_busy_checked:-}" ] || return 0
    tm_busy_checked=1
    local missing
    missing=$(printf '%s\n' "$TM_BUSY_TEXTS" | sed -n 's/^in //p' | while IFS= read -r text; do
        cat "$top_srcdir"/src/tui/*.c | grep -qF -- "$text" || printf ' %s' "$text"
    done)
    [ -z "$missing" ] && return 0
    fail "tm_idle: not in src/tui/*.c:$missing; a busy text reworded? update TM_BUSY_TEXTS in tmux_lib.sh"
    return 1
}

# tm_idle [SECONDS]: wait until the screen shows no background work, then
# settle. A settle alone can return in the middle of that work: on a loaded
# machine a fit or a design can take longer than a settle's pause without a
# change on the screen. Call it once the action that starts the work shows
# (the work is marked in the frame that shows the action), never before.
tm_idle() {
    tm_busy_texts_known
    # By the clock, not by steps: a settle inside the loop can take seconds.
    local end=$(($(date +%s) + ${1:-60}))
    while [ "$(date +%s)" -lt "$end" ]; do
        tm capture-pane -t t -p > "$cs_tmp/screen" 2>/dev/null
        # Idle is a screen that stopped changing with no busy text on it:
        # one still changing after the settle's 15 s is no idle screen (a
        # redraw that never ends, or work that shows no busy text), and is
        # waited on until the time is up.
        if ! grep -Eq -- "$TM_BUSY" "$cs_tmp/screen"; then
            tm_settle && ! screen_has "$TM_BUSY" && return 0
        fi
        sleep 0.05
    done
    return 1
}

# The pid of the program running in the pane (the child of the pane's shell).
tui_pid() {
    shell_pid=$(tm list-panes -t t -F '#{pane_pid}')
    ps -o pid= --ppid "$shell_pid" | tr -d ' ' | head -n 1
}

# Run a shell command line in the pane on a fresh screen. The pane is reset
# first (at once, unlike a typed `clear`), so waiting for the command's
# output can never match what an earlier command printed.
tm_shell() { tm send-keys -t t -R; tm clear-history -t t; tm_type "$1"; }

# tm_launch LINE [WHAT]: run LINE (a capscope session) on a fresh pane and
# wait until its panes have drawn and its first fits and design are done;
# else fail (WHAT did not start), show the screen and end the test.
tm_launch() {
    tm_shell "$1"
    tm_wait 'Sampler' 10 || { fail "${2:-the TUI did not start}"; tm_capture; finish; }
    tm_idle || { fail "${2:-the TUI}: its first fits did not finish"; tm_capture; }
}

# tm_run_ok WHAT LINE: run the shell command LINE on a fresh pane, wait up to
# two minutes for it to end, and check that it ended with status 0.
tm_run_ok() {
    tm_shell "$2; echo \"EXIT=\$?\""
    if tm_wait 'EXIT=[0-9]' 120; then
        check "$1 ends with status 0" screen_has 'EXIT=0'
    else
        fail "$1 did not finish"; tm_capture
    fi
}

# tm_open COLS ROWS: tm_start in C.UTF-8, or fail and end the test.
tm_open() { tm_start "$1" "$2" C.UTF-8 || { fail "tmux session did not start"; finish; }; }

# Sourcing this file makes a tmux test: skipped without tmux, its server and
# scratch directory removed at exit, the demo data and the pane's working
# directory named.
trap 'tm_stop; rm -rf "$cs_tmp"' EXIT
need_tmux
DEMO="$top_srcdir/data/demo.csv"
W="$cs_tmp/work"
