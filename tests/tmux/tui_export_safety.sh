#!/bin/sh
# :export FILE never overwrites by accident. It once replaced whatever the
# name held: the loaded data file (which then was the two-line fit table), a
# symbolic link (cut and replaced by a regular file), a private 0600 file
# (left 0644); fit.CSV got the plot as text, and a name of 246 characters
# failed with a message cut off at the screen's edge.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 120 30
cp "$DEMO" "$W/mine.csv"
printf 'secret\n' > "$W/private.csv"
chmod 600 "$W/private.csv"
printf 'target\n' > "$W/target.csv"
ln -s target.csv "$W/link.csv"
mkfifo "$W/fifo.csv"

tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# export NAME PATTERN: run :export NAME and wait for the status line to match.
export_says() {
    tm_keys :
    tm_wait '^: *$' 5
    tm send-keys -t t -l "export $1"
    tm_keys Enter
    tm_wait "$2" 5
}

export_says mine.csv 'export: mine.csv: is the loaded data file: never replaced' &&
    ok ":export refuses the loaded data file" || { fail ":export of the data file"; tm_capture; }
check "the data file is intact" cmp -s "$DEMO" "$W/mine.csv"
export_says mine.csv.journal 'is the journal of the loaded data' &&
    ok ":export refuses the journal's name" || { fail ":export of the journal"; tm_capture; }
check "no journal was made up" test ! -e "$W/mine.csv.journal"

export_says private.csv 'export: private.csv: already exists \(:export FILE force replaces it\)' &&
    ok ":export refuses an existing file and says how to replace it" || { fail ":export of a file"; tm_capture; }
check "the existing file is intact" grep -qx secret "$W/private.csv"
check "and still private" test "$(stat -c %a "$W/private.csv")" = 600

# ... and force replaces it, deliberately, keeping its permissions.
export_says 'private.csv force' 'wrote private.csv' &&
    ok ":export FILE force replaces a regular file" || { fail ":export force"; tm_capture; }
check "it no longer holds what it held" sh -c "! grep -qx secret '$W/private.csv'"
check "it now holds the fits, under the export's heading" grep -q '^task,n,tau,' "$W/private.csv"
check "and is still private (0600)" test "$(stat -c %a "$W/private.csv")" = 600
export_says 'mine.csv force' 'export: mine.csv: is the loaded data file: never replaced' &&
    ok "force never replaces the loaded data file" || { fail ":export force of the data file"; tm_capture; }
check "the data file is intact after force" cmp -s "$DEMO" "$W/mine.csv"
export_says 'x.txt forcefully' 'usage: :export \[FILE \[force\]\]' &&
    ok "a second word other than force is a usage error" || { fail ":export with a stray word"; tm_capture; }

export_says link.csv 'export: link.csv: is a symbolic link' &&
    ok ":export refuses a symbolic link" || { fail ":export of a link"; tm_capture; }
check "the link is still a link" test -L "$W/link.csv"
check "its target is intact" grep -qx target "$W/target.csv"
export_says fifo.csv 'export: fifo.csv: is not a regular file' &&
    ok ":export refuses a FIFO" || { fail ":export of a FIFO"; tm_capture; }
check "the FIFO is still one" test -p "$W/fifo.csv"

export_says fit.CSV 'wrote fit.CSV' || { fail ":export fit.CSV"; tm_capture; }
check "fit.CSV holds the fit table" sh -c "head -n 1 '$W/fit.CSV' | grep -q '^task,n,tau,'"

long=$(printf '%0246d' 0 | tr 0 a).csv
export_says "$long" 'wrote aaaa' && ok ":export to a 250-byte name" || { fail ":export to a long name"; tm_capture; }
check "the 250-byte name holds the fit table" sh -c "head -n 1 '$W/$long' | grep -q '^task,n,tau,'"
export_says "$(printf '%0296d' 0 | tr 0 b).csv" 'export: b+\.\.\.b+\.csv: file name too long \(300 bytes, at most 255\)' &&
    ok "a name too long for the directory says so, on one line" || { fail ":export to a name too long"; tm_capture; }
check "no temporary file is left" sh -c "! ls -A '$W' | grep -q '^\.capscope-'"

tm_keys q
tm_wait 'EXIT=0' 30 || { fail "q"; tm_capture; }
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
