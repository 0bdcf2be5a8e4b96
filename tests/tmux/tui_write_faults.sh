#!/bin/sh
# Writes that fail in the interface: each is said on the status line, leaves
# the file it was for as it was and no temporary file, and the program goes
# on and exits as usual with the terminal restored.
#
# Past the file size limit (RLIMIT_FSIZE, set in bytes by prlimit: a quota
# of sorts) the kernel sends SIGXFSZ, whose default action dumped core: an
# :export ended the interface with the terminal raw, the session unsaved and
# a partial .capscope-XXXXXX beside the export's name.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"
command -v prlimit >/dev/null 2>&1 || skip "prlimit (util-linux) is absent"

tm_open 120 30
cp "$DEMO" "$W/mine.csv"
unscored=$(awk -F, 'NR > 1 && $6 == "" { print $1; exit }' "$DEMO")
# A journal 20 bytes short of the limit: the next entry's line is written
# in part, then refused, and must be cut away again.
i=0
while [ $i -lt 40 ]; do
    printf 'score\t%s\treasoning\t0.5\t1700000000\n' "$unscored"
    i=$((i + 1))
done > "$W/mine.csv.journal"
cp "$W/mine.csv.journal" "$cs_tmp/journal.before"
limit=$(($(wc -c < "$W/mine.csv.journal") + 20))

tm_shell "stty -a > stty.before"
tm_launch "prlimit --fsize=$limit '$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; s=\$?; stty -a > stty.after; echo \"EXIT=\$s\""

tm_command "score $unscored math 0.25"
tm_wait 'score: .*cannot write the journal: file too large; nothing was saved' 10 &&
    ok "a score past the file size limit is refused, saying why" || { fail "score past the limit"; tm_capture; }
check "the journal is as it was (the part written cut away)" cmp -s "$cs_tmp/journal.before" "$W/mine.csv.journal"

tm_command "export big.svg"
tm_wait 'export: big.svg: cannot write: file too large' 10 &&
    ok ":export past the file size limit says so" || { fail ":export past the limit"; tm_capture; }
check "no big.svg" test ! -e "$W/big.svg"
check "no temporary file is left" sh -c "! ls -A '$W' | grep -q '^\.capscope-'"

tm_keys q
tm_wait 'EXIT=[0-9]' 30 || { fail "q"; tm_capture; }
check "q still exits 0" screen_has 'EXIT=0'
check "terminal modes restored" cmp -s "$W/stty.before" "$W/stty.after"
check "the session was saved" grep -q '^data=.*mine\.csv$' "$cs_tmp/state/capscope/state"
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"

# A FIFO where the command history is kept: readline's open() of it waited
# for a writer, and the start hung on a blank screen that q could not end.
# The history is then kept in memory only, the start says so, and the FIFO
# is left alone.
rm -f "$cs_tmp/state/capscope/history"
mkfifo "$cs_tmp/state/capscope/history"
tm_shell "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'the command history is not kept: .*history: is not a regular file' 10 &&
    ok "a FIFO as the history file: the start says the history is not kept" || { fail "start with a FIFO as the history"; tm_capture; }
tm_command "task math"
tm_wait 'Plot +math' 10 && ok "commands still run" || { fail ":task with a FIFO as the history"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q with a FIFO as the history"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "the FIFO is still one" test -p "$cs_tmp/state/capscope/history"
check "nothing on stderr" test ! -s "$cs_tmp/stderr"

# A history the file size limit stops (a full disk alike): the commands run,
# and the loss, unsaid before, is said once the terminal is restored.
rm -f "$cs_tmp/state/capscope/history"
i=0
while [ $i -lt 200 ]; do
    printf 'task reasoning %03d\n' $i
    i=$((i + 1))
done > "$cs_tmp/state/capscope/history"
cp "$cs_tmp/state/capscope/history" "$cs_tmp/history.before"
: > "$cs_tmp/stderr"
tm_shell "prlimit --fsize=$(wc -c < "$cs_tmp/state/capscope/history") '$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'Sampler' 10 || { fail "start with a full history"; tm_capture; }
tm_command "task math"
tm_wait 'Plot +math' 10 && ok "a command runs when the history cannot take it" || { fail ":task with a full history"; tm_capture; }
tm_command "task coding"
tm_wait 'Plot +coding' 10 || { fail ":task coding with a full history"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q with a full history"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "the lost commands are said after the terminal is restored" \
    grep -q '^capscope: 2 commands were not added to the history .*history: file too large$' "$cs_tmp/stderr"
check "the history is as it was" cmp -s "$cs_tmp/history.before" "$cs_tmp/state/capscope/history"
[ -s "$cs_tmp/stderr" ] && head -n 5 "$cs_tmp/stderr"
rm -f "$cs_tmp/state/capscope/history"
: > "$cs_tmp/stderr"

# A history the user may not read and write (another user's, 0600: left by
# a run under sudo) lost every line typed without a word. Root reads
# anything: it runs as nobody (setpriv).
as=""
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null 2>&1 || { echo "note: no setpriv: the unreadable history needs a user other than root"; finish; }
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
mkdir -p "$cs_tmp/nb/capscope"
printf 'task math\n' > "$cs_tmp/nb/capscope/history"
chmod 755 "$cs_tmp" "$W"
chmod 644 "$W/mine.csv" "$W/mine.csv.journal"
chmod 777 "$cs_tmp/nb/capscope"
chmod 000 "$cs_tmp/nb/capscope/history"
# and an export's directory it may not write, holding a file it may.
mkdir -p "$W/ro"
printf 'mine\n' > "$W/ro/out.csv"
chmod 666 "$W/ro/out.csv"
chmod 555 "$W/ro"
tm_shell "XDG_STATE_HOME='$cs_tmp/nb' $as '$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'the command history is not kept: .*history: permission denied' 10 &&
    ok "an unreadable history: the start says the history is not kept" || { fail "start with an unreadable history"; tm_capture; }
# Replacing a file is writing a new one beside it: the refusal is the
# directory's, said so ("cannot write: permission denied" sent the user to
# the file's own mode), and what was kept is said too.
tm_command "export ro/out.csv force"
tm_wait 'export: ro/out.csv: cannot write in its directory: permission denied; the file is as it was' 10 &&
    ok ":export force in a read-only directory names it, and says the file was kept" || { fail ":export force in a read-only directory"; tm_capture; }
check "the file holds what it held" grep -qx mine "$W/ro/out.csv"
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q with an unreadable history"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "the history is as it was" test "$(stat -c %a "$cs_tmp/nb/capscope/history")" = 0
chmod 600 "$cs_tmp/nb/capscope/history"
check "and holds what it held" grep -qx 'task math' "$cs_tmp/nb/capscope/history"
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
chmod 755 "$W/ro"

# A state directory the user may not write, and no history in it yet: the
# history could not be made, and that was not said either. The session
# cannot be saved there: that is said after the terminal is restored.
mkdir -p "$cs_tmp/ro-state/capscope"
chmod 555 "$cs_tmp/ro-state/capscope"
tm_shell "XDG_STATE_HOME='$cs_tmp/ro-state' $as '$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
tm_wait 'the command history is not kept: .*history: permission denied' 10 &&
    ok "a read-only state directory: the start says the history is not kept" || { fail "start with a read-only state directory"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q with a read-only state directory"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "the session not saved is said, and why" grep -q '^capscope: session not saved: .*/state: cannot write: permission denied$' "$cs_tmp/stderr"
check "and nothing was made there" test -z "$(ls -A "$cs_tmp/ro-state/capscope")"
chmod 755 "$cs_tmp/ro-state/capscope"
finish
