#!/bin/sh
# Data read from a stream keeps no journal, as standard input ('-') keeps
# none: /dev/stdin and /dev/fd/N name another file in every process (a
# journal beside /dev/stdin was one for every file fed through it, and under
# $XDG_DATA_HOME one named by the pid behind /dev/fd, never found again),
# and a named pipe's contents differ each time it is read. score refuses
# such data, and the other subcommands replay no journal over it.
. "$top_srcdir/tests/lib.sh"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo is absent"
[ -d /dev/fd ] || skip "no /dev/fd on this system"

cd "$cs_tmp" || exit 1
# By hand: the 6 scored rows of acc, m1 to m6; m7 and m8 have no score.
cat > tiny.csv <<'EOF'
model,flops,params_b,acc
m1,1e21,1,0.10
m2,1e22,2,0.20
m3,1e23,3,0.40
m4,1e24,4,0.60
m5,1e21,1,0.05
m6,1e23,3,0.30
m7,1e22,2,
m8,1e24,4,
EOF
mkdir xdg
XDG_DATA_HOME=$cs_tmp/xdg
export XDG_DATA_HOME

# --- /dev/fd/0, a file redirected: refused, and no journal anywhere.
expect_status 2 "score --data /dev/fd/0 < FILE" sh -c "'$CAPSCOPE' score --data /dev/fd/0 m7 acc 0.5 < tiny.csv"
check "it says the stream keeps no journal" grep -q "^capscope: score: --data /dev/fd/0 is a stream (standard input by another name, a pipe, a FIFO or a device): it keeps no journal; give the data file" err
check "nothing on stdout" test ! -s out
check "no journal under XDG_DATA_HOME" test -z "$(ls -A xdg)"
check "none beside the data" test ! -e tiny.csv.journal
# /dev/stdin likewise, read only: a journal beside it would be in /dev.
expect_status 2 "score --data /dev/stdin --list < FILE" sh -c "'$CAPSCOPE' score --data /dev/stdin --list < tiny.csv"
check "it says the stream keeps no journal" grep -q "^capscope: score: --data /dev/stdin is a stream" err

# --- A named pipe: refused without reading it (the writer is let go).
mkfifo pipe.csv || skip "cannot make a FIFO"
cat tiny.csv > pipe.csv &
writer=$!
expect_status 2 "score --data on a named pipe" "$CAPSCOPE" score --data pipe.csv m7 acc 0.5
check "it says the stream keeps no journal" grep -q "^capscope: score: --data pipe.csv is a stream" err
check "no journal beside the pipe" test ! -e pipe.csv.journal
check "no journal under XDG_DATA_HOME" test -z "$(ls -A xdg)"
exec 6<>pipe.csv # a reader, so that the writer's open returns
wait_bounded "$writer" 10
exec 6<&-

# --- A journal beside a named pipe (another data's, fed through it
# before) is not replayed: fit sees the 6 scored rows of the data alone.
printf 'score\tm7\tacc\t0.9\t1700000000\n' > pipe.csv.journal
cat tiny.csv > pipe.csv &
writer=$!
expect_status 0 "fit --data on a named pipe with a journal beside it" \
    "$CAPSCOPE" fit --data pipe.csv --task acc --format csv
wait_bounded "$writer" 10
check "n is the data's 6 scored rows, not 7" \
    test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["n"] }' out)" = 6
check "no note of the journal's scores used" sh -c "! grep -q 'score entered with' '$cs_tmp/err'"
# ... but said: it was written by an older capscope, or for other data.
check "a warning says the journal is not used, and why" grep -qxF "capscope: warning: pipe.csv.journal is not used: data read from a stream (standard input by another name, a pipe, a FIFO) keeps no journal; give the data file to use its scores" err

# --- A regular file keeps its journal, read through a link too.
expect_status 0 "score --data FILE" "$CAPSCOPE" score --data tiny.csv --quiet m7 acc 0.5
check "the journal is beside the data" test -s tiny.csv.journal
finish
