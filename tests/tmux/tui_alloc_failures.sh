#!/bin/sh
# Allocation failures in the interface (tests/fault/failmalloc.so fails the
# Nth allocation; see tests/cli/alloc_failures.sh for the batch commands):
# the reading of a theme, then the prompt (below). About 15 s.
#
# The theme: libyaml's allocator failing while a theme file was read was
# said as "malformed YAML: syntax error" at line 1 of a good theme, and a
# --theme so refused ended with status 2 (bad input). The start up to the
# theme runs on one thread, before the terminal is opened, so N names the
# same allocation each run: a --theme whose last key is unknown is read
# whole and then refused (status 2) before the terminal opens, and every
# allocation from where a start on an absent data file ends (the terminal's
# check and the data's loading come first) to that refusal is failed in turn.
# (The terminal's check is left out: libtinfo's setupterm does not check
# its own allocations and crashes itself, in _nc_setupterm or tigetstr.)
# The theme's lookup said "theme './late.yaml' not found" when memory ran
# out looking, and "cannot read: cannot allocate memory" with status 2.
# The built-in theme, read in the refused one's place, aborted when an
# allocation of its own reading failed.
#
# Skipped when the allocator cannot be preloaded (AddressSanitizer's
# runtime replaces malloc itself; a static binary).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

FAILMALLOC="${top_builddir:-.}/tests/fault/failmalloc.so"
[ -r "$FAILMALLOC" ] || skip "$FAILMALLOC is not built (make check builds it)"
if built_with_asan; then
    skip "$CAPSCOPE is built with AddressSanitizer, whose allocator cannot be replaced by LD_PRELOAD"
fi
case $FAILMALLOC in /*) ;; *) FAILMALLOC="$PWD/$FAILMALLOC" ;; esac

tm_open 100 30
cat > "$W/tiny.csv" <<'CSV'
model,flops,acc
m1,1e21,0.10
m2,1e22,0.20
m3,1e23,0.40
m4,1e24,0.60
CSV
{ cat "$top_srcdir/themes/default.yaml"; printf 'zz: 1\n'; } > "$W/late.yaml"

# The loop runs in the pane (the interface wants a terminal); each run ends
# before the terminal opens. Its results go to files.
cat > "$W/theme_runs.sh" <<SCRIPT
run() { LD_PRELOAD='$FAILMALLOC' '$CAPSCOPE' --data tiny.csv "\$@"; }
CAPSCOPE_ALLOC_COUNT=before.count LD_PRELOAD='$FAILMALLOC' '$CAPSCOPE' --data absent.csv 2>/dev/null
CAPSCOPE_ALLOC_COUNT=after.count run --theme ./late.yaml 2>ref.err
echo \$? > ref.status
a=\$(cat before.count) b=\$(cat after.count)
: > results
n=\$((a + 1))
while [ "\$n" -le "\$b" ]; do
    CAPSCOPE_FAIL_ALLOC=\$n run --theme ./late.yaml 2>err.\$n
    echo "\$n \$?" >> results
    n=\$((n + 1))
done
echo "RUNS=\$(wc -l < results)"
SCRIPT
tm_shell "sh theme_runs.sh"
tm_wait 'RUNS=[0-9]+' 60 || { fail "the theme's runs did not end"; tm_capture; finish; }
[ "$(cat "$W/before.count" 2>/dev/null || echo 0)" -gt 0 ] ||
    skip "LD_PRELOAD of $FAILMALLOC counted no allocation (a static binary?)"
check "without a failure, a theme with an unknown key is refused (status 2)" \
    sh -c "grep -qx 2 '$W/ref.status' && grep -q \"unknown key 'zz'\" '$W/ref.err'"
runs=$(wc -l < "$W/results")
check "the theme is read over a span of allocations ($runs runs)" test "$runs" -gt 100
bad=0 oom=0
while read -r n status; do
    if [ "$status" -gt 128 ]; then
        bad=$((bad + 1))
        [ "$bad" -le 3 ] && fail "--theme, allocation $n failing: ended by signal $((status - 128)): $(head -c 300 "$W/err.$n")"
    elif [ "$status" = 1 ] && grep -qi 'out of memory' "$W/err.$n"; then
        oom=$((oom + 1))
    elif [ "$status" = 2 ] && cmp -s "$W/err.$n" "$W/ref.err"; then
        :
    elif [ "$status" = 2 ] && [ "$(wc -l < "$W/err.$n")" = 1 ] &&
        [ "$(sed 's/ (and out of memory reading the built-in theme: no colours)$//' "$W/err.$n")" = "$(cat "$W/ref.err")" ]; then
        oom=$((oom + 1))
    elif [ "$status" = 2 ] || grep -q 'malformed YAML' "$W/err.$n"; then
        bad=$((bad + 1))
        [ "$bad" -le 3 ] && fail "--theme, allocation $n failing: status $status, blaming the theme (want 1 saying out of memory, or 2 as without a failure): $(head -c 300 "$W/err.$n")"
    fi
done < "$W/results"
[ "$bad" -eq 0 ] && ok "--theme: every allocation of its reading failed in turn: $oom said out of memory, none blamed the theme, none crashed"
check "... and some failures were seen (the allocator is preloaded)" test "$oom" -gt 0

# The prompt: readline's own allocator ends the process with exit(2)
# ("xmalloc: out of virtual memory") when an allocation of its fails, most
# of them at the prompt's first opening, and the shell got the alternate
# screen and the interface's modes (no echo, no C-c). The worker thread
# makes N a little different from run to run, so the runs aim at the middle
# of what the first opening allocates: a session that opens the prompt once
# counted against one that does not.
head -n 61 "$DEMO" > "$W/mine.csv"
# session N PROMPT [FROM]: a start on mine.csv with allocation N failing (0:
# none, counted into $W/count), the prompt opened and closed when PROMPT is
# 1, then q; the shell's modes before and after in stty.before and
# stty.after. With FROM, only the allocations made from that library count.
session() {
    if [ "$1" = 0 ]; then how="CAPSCOPE_ALLOC_COUNT=count"; else how="CAPSCOPE_FAIL_ALLOC=$1"; fi
    [ -n "${3:-}" ] && how="$how CAPSCOPE_FAIL_ALLOC_FROM=$3"
    rm -f "$W/count" "$W/stty.after"
    tm_shell "stty -g > stty.before; LD_PRELOAD='$FAILMALLOC' $how '$CAPSCOPE' --data mine.csv 2> err; s=\$?; stty -g > stty.after; echo \"EXIT=\$s\""
    tm_wait 'Sampler|EXIT=[0-9]' 20 && ! screen_has 'EXIT=[0-9]' && tm_idle 30
    if [ "$2" = 1 ] && ! screen_has 'EXIT=[0-9]'; then
        tm_keys :
        tm_wait '^: *$|EXIT=[0-9]' 10
        screen_has 'EXIT=[0-9]' || tm_keys Escape
    fi
    screen_has 'EXIT=[0-9]' || { tm_settle; tm_keys q; }
    tm_wait 'EXIT=[0-9]' 30
}
session 0 0
without=$(cat "$W/count" 2>/dev/null || echo 0)
session 0 1
with=$(cat "$W/count" 2>/dev/null || echo 0)
span=$((with - without))
check "the prompt's first opening allocates (a session with it: $with, without: $without)" test "$span" -gt 60
exits=0
for part in 3 4 5 6 7; do
    n=$((without + span * part / 10))
    session "$n" 1
    if ! screen_has 'EXIT=[0-9]'; then
        fail "the prompt, allocation $n failing: the session did not end"; tm_capture
        continue
    fi
    status=$(grep -Eo 'EXIT=[0-9]+' "$cs_tmp/screen" | tail -n 1 | cut -d= -f2)
    grep -q 'xmalloc' "$W/err" && exits=$((exits + 1))
    alt=$(tm display-message -p -t t '#{alternate_on}')
    if [ "$alt" = 0 ] && cmp -s "$W/stty.before" "$W/stty.after"; then
        ok "the prompt, allocation $n failing: ended with status $status, the terminal as it was"
    else
        fail "the prompt, allocation $n failing: ended with status $status ($(head -c 200 "$W/err")), the alternate screen left ($alt) or the modes changed"
    fi
done
# A note, not a failure: the runs may all miss readline's allocations on a
# machine where the worker's come in between differently.
echo "($exits of 5 runs ended by readline's xmalloc)"

# So readline's exit is also aimed at directly: its own allocations counted
# apart (only the interface's thread calls readline, so the Nth of them is
# the same call in every run), and the first one of the prompt's first
# opening failed. This one must end by readline's exit, or it tested nothing.
session 0 0 libreadline
rl_without=$(cat "$W/count" 2>/dev/null || echo 0)
session 0 1 libreadline
rl_with=$(cat "$W/count" 2>/dev/null || echo 0)
check "readline allocates at the prompt's first opening (with it: $rl_with, without: $rl_without)" \
    test "$rl_with" -gt "$rl_without"
n=$((rl_without + 1))
session "$n" 1 libreadline
if ! screen_has 'EXIT=[0-9]'; then
    fail "readline's allocation $n failing: the session did not end"; tm_capture
else
    status=$(grep -Eo 'EXIT=[0-9]+' "$cs_tmp/screen" | tail -n 1 | cut -d= -f2)
    check "readline's allocation $n failing ends the session by readline's exit (status $status: $(head -c 200 "$W/err"))" \
        grep -q 'xmalloc' "$W/err"
    # Its word was written on the interface's screen, which the restore
    # leaves: capscope's own line after it says what ended the session.
    check "and capscope says a library ended it, with its status" \
        grep -q "^capscope: the interface was ended by a library, with exit status $status; what it wrote was on the interface's screen$" "$W/err"
    alt=$(tm display-message -p -t t '#{alternate_on}')
    if [ "$alt" = 0 ] && cmp -s "$W/stty.before" "$W/stty.after"; then
        ok "readline's allocation $n failing: the terminal as it was"
    else
        fail "readline's allocation $n failing: the alternate screen left ($alt) or the modes changed"
    fi
fi

finish
