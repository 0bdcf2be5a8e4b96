#!/bin/sh
# A batch command whose reader has gone (`capscope fit | head -1`) ends the
# way the manual's EXIT STATUS says: quietly, by SIGPIPE (status 141), with
# nothing on stderr. Also when the parent ignores SIGPIPE (Python's
# subprocess with restore_signals=False, some CI runners), where a write
# would otherwise fail with EPIPE and print "Broken pipe".
. "$top_srcdir/tests/lib.sh"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo is absent"
# A pipe with no reader, made without any timing: open the FIFO read-write
# (Linux allows it), open a write end, then close the read-write one.
mkfifo "$cs_tmp/fifo" || skip "cannot make a FIFO"
exec 4<>"$cs_tmp/fifo" || skip "cannot open a FIFO read-write"
exec 5>"$cs_tmp/fifo"
exec 4<&-
for ignore in no yes; do
    for args in "fit" "fit --format json" "predict --task math --flops 1e24 --format csv" \
        "require --task math --accuracy 0.5" "splits --format json" "suggest --count 3" \
        "plot --task math" "plot --task math --format json" "--help" "--version" "fit --help" \
        "--list-keys" "--no-mouse --help"; do
        if [ "$ignore" = yes ]; then
            # shellcheck disable=SC2086
            (trap '' PIPE; exec "$CAPSCOPE" $args >&5 2>"$cs_tmp/err")
        else
            # shellcheck disable=SC2086
            ("$CAPSCOPE" $args >&5 2>"$cs_tmp/err")
        fi
        got=$?
        what="'$args' into a closed pipe (SIGPIPE ignored: $ignore)"
        if [ "$got" -eq 141 ]; then ok "$what: exit 141"; else fail "$what: exit $got, expected 141"; fi
        if [ -s "$cs_tmp/err" ]; then fail "$what: stderr is '$(head -c 200 "$cs_tmp/err")'"; else ok "$what: nothing on stderr"; fi
    done
done
exec 5>&-
# A reader that goes partway through: suggest writes its picks as it adds
# them (about 290 kB of JSON on the demo data, more than a pipe holds), so
# the document is cut, and the status says so.
for ignore in no yes; do
    for fmt in json csv table; do
        what="suggest --format $fmt cut by 'head -c 100' (SIGPIPE ignored: $ignore)"
        if [ "$ignore" = yes ]; then
            { (trap '' PIPE; exec "$CAPSCOPE" suggest --prior paper --pool all --budget 0.2 \
                --format "$fmt" 2>"$cs_tmp/err"); echo $? >"$cs_tmp/rc"; } | head -c 100 >/dev/null
        else
            { "$CAPSCOPE" suggest --prior paper --pool all --budget 0.2 --format "$fmt" \
                2>"$cs_tmp/err"; echo $? >"$cs_tmp/rc"; } | head -c 100 >/dev/null
        fi
        got=$(cat "$cs_tmp/rc")
        if [ "$got" -eq 141 ]; then ok "$what: exit 141"; else fail "$what: exit $got, expected 141"; fi
        if [ -s "$cs_tmp/err" ]; then fail "$what: stderr is '$(head -c 200 "$cs_tmp/err")'"; else ok "$what: nothing on stderr"; fi
    done
done
finish
