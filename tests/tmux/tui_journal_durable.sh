#!/bin/sh
# The first score saved survives a power cut: the journal file that the
# first :score creates is fsynced, and so must be its directory, which
# holds its name (fsync of a file does not write its directory entry);
# so must the parent of each directory created for it. Seen with strace:
# after the journal's creation, an fsync of a descriptor opened on its
# directory. Under $XDG_DATA_HOME (the data's directory read-only) the
# directories capscope creates are synced in their parents as well.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

command -v strace >/dev/null 2>&1 || skip "strace is not installed"
strace -f -o /dev/null true 2>/dev/null || skip "strace cannot trace here (ptrace not permitted)"

tm_open 80 24
mkdir -p "$W/a"
cp "$DEMO" "$W/a/mine.csv"
unscored=$(awk -F, 'NR > 1 && $6 == "" { print $1; exit }' "$DEMO")
printf ':score %s reasoning 0.5\n:quit\n' "$unscored" > "$cs_tmp/score.keys"

# synced TRACE DIR [AFTER]: a descriptor opened on DIR (O_DIRECTORY, DIR as
# capscope names it) was fsynced before it was closed; with AFTER, only
# once a file was created (openat with O_CREAT) in DIR.
synced() {
    awk -v dir="$2" -v after="${3:-}" '
        { sub(/^[0-9]+ +/, "") }
        function fd_of(call) { sub(/^[a-z]+\(/, "", call); sub(/[,)].*/, "", call); return call + 0 }
        /^openat\(/ && /O_CREAT/ && index($0, "\"" dir "/") { created = 1 }
        /^openat\(/ && /O_DIRECTORY/ && index($0, "\"" dir "\"") && (created || !after) {
            n = split($0, r, "= "); fds[r[n] + 0] = 1 }
        /^close\(/ { delete fds[fd_of($0)] }
        /^fsync\(/ && (fd_of($0) in fds) { ok = 1 }
        END { exit ok ? 0 : 1 }' "$1"
}

# LeakSanitizer cannot work under ptrace and fails the run: leaks are the
# other tmux tests' business.
lsan="ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0"
tm_run_ok "a score under strace" "$lsan strace -f -e trace=openat,mkdir,fsync,close -o '$cs_tmp/trace' '$CAPSCOPE' --data a/mine.csv --replay '$cs_tmp/score.keys'"
check "the journal holds the score" grep -q "^score	$unscored	reasoning	0.5	" "$W/a/mine.csv.journal"
check "the journal's directory was synced after its creation" synced "$cs_tmp/trace" a after
synced "$cs_tmp/trace" a after || grep -E 'journal|O_DIRECTORY|fsync' "$cs_tmp/trace" | head -n 20

# Under $XDG_DATA_HOME, with directories to create: a read-only data
# directory needs a user that permissions bind (root as nobody, by setpriv).
as=""
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null 2>&1 || { echo "note: no setpriv: the read-only case needs a user other than root"; finish; }
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
mkdir -p "$W/ro" "$W/home"
cp "$DEMO" "$W/ro/mine.csv"
chmod 755 "$cs_tmp" "$W" "$W/ro"
chmod 644 "$W/ro/mine.csv" "$cs_tmp/score.keys"
chmod 777 "$W/home"
chmod 555 "$W/ro"
tm_run_ok "a score under strace, the data's directory read-only" "$lsan strace -f -e trace=openat,mkdir,fsync,close -o '$cs_tmp/trace2' $as env HOME='$W/home' XDG_DATA_HOME='$W/home/d/x' XDG_STATE_HOME='$W/home/s' '$CAPSCOPE' --data '$W/ro/mine.csv' --replay '$cs_tmp/score.keys'"
check "the journal is under XDG_DATA_HOME" sh -c "ls '$W/home/d/x/capscope/' | grep -q '^mine.csv-.*\.journal$'"
check "its directory was synced after its creation" synced "$cs_tmp/trace2" "$W/home/d/x/capscope" after
for d in "$W/home/d/x" "$W/home/d" "$W/home"; do
    check "the directory created in ${d#$W/} was synced" synced "$cs_tmp/trace2" "$d"
done
chmod 755 "$W/ro"
finish
