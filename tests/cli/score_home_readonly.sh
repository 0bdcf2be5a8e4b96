#!/bin/sh
# A journal whose directory under $XDG_DATA_HOME (or HOME/.local/share)
# cannot be made: a CI job's home that is read-only, a container's, an
# XDG_DATA_HOME under a plain file. score said "cannot open the journal: no
# such file or directory" of the journal's path (open's error, after the
# mkdir that failed had been ignored), with status 2 as for bad input: the
# reader went looking for a missing file. It says which directory could not
# be made and why, with status 1, as when there is no home at all.
. "$top_srcdir/tests/lib.sh"

# A directory with no write bit at all is read-only by intent, even for
# root: its data's journal goes under $XDG_DATA_HOME.
mkdir "$cs_tmp/release"
printf 'model,flops,params_b,acc\nm1,1e21,1,0.1\nm2,1e22,2,0.2\nm3,1e23,3,0.4\nm4,1e24,4,0.6\nm5,1e22,1,\n' \
    >"$cs_tmp/release/d.csv"
chmod 755 "$cs_tmp"
chmod 644 "$cs_tmp/release/d.csv"
chmod 555 "$cs_tmp/release"
d=$cs_tmp/release/d.csv

# XDG_DATA_HOME under a plain file: no directory can be made there, for
# root either.
: >"$cs_tmp/plain"
expect_status 1 "XDG_DATA_HOME under a plain file" \
    env XDG_DATA_HOME="$cs_tmp/plain/data" "$CAPSCOPE" score --data "$d" m5 acc 0.5
check "it names the directory that could not be made, and why" \
    grep -qF "capscope: $cs_tmp/plain/data/capscope: cannot make the journal's directory: not a directory" "$cs_tmp/err"
check "it says what to do, and that nothing was entered" \
    grep -qF "set XDG_DATA_HOME to a directory of yours; nothing was entered" "$cs_tmp/err"
check "one line" test "$(wc -l <"$cs_tmp/err")" -eq 1

# A read-only home: for a user other than root (root may write anywhere).
ro_home() {
    if [ "$(id -u)" -ne 0 ]; then
        env -u XDG_DATA_HOME HOME="$cs_tmp/home" "$@"
        return
    fi
    env -u XDG_DATA_HOME HOME="$cs_tmp/home" setpriv --reuid=54329 --regid=54329 --clear-groups "$@"
}
mkdir "$cs_tmp/home"
chmod 555 "$cs_tmp/home"
if [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null 2>&1; then
    echo "note: root without setpriv: the read-only home is not tried"
elif ! ro_home "$CAPSCOPE" --version >/dev/null 2>&1; then
    echo "note: capscope cannot run as another uid here: the read-only home is not tried"
else
    expect_status 1 "a read-only home" ro_home "$CAPSCOPE" score --data "$d" m5 acc 0.5
    check "no 'no such file or directory'" sh -c "! grep -q 'no such file' '$cs_tmp/err'"
    check "it says the directory could not be made: permission denied" \
        grep -qF "capscope: $cs_tmp/home/.local/share/capscope: cannot make the journal's directory: permission denied" \
        "$cs_tmp/err"
fi
check "nothing was written beside the data" test ! -e "$d.journal"
chmod 755 "$cs_tmp/release" "$cs_tmp/home"
finish
