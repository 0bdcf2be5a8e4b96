#!/bin/sh
# make install puts everything a user needs in place (the binary, both manual
# pages, every theme of themes/, the demo data and the docs), the installed
# pages render without groff warnings, and make uninstall takes it all away
# again, the package's own directories included. Into a DESTDIR in $cs_tmp,
# so the build tree and the configured prefix are left alone.
. "$top_srcdir/tests/lib.sh"

[ -r "$top_builddir/Makefile" ] || skip "no Makefile in $top_builddir"
root="$cs_tmp/root"
# A make of its own: the jobserver of the make running the tests is not ours.
mk() { (unset MAKEFLAGS MFLAGS MAKELEVEL; ${MAKE:-make} -s -C "$top_builddir" "$@" DESTDIR="$root") }
mk install >"$cs_tmp/install.log" 2>&1 ||
    { fail "make install failed: $(tail -n 5 "$cs_tmp/install.log")"; finish; }
(cd "$root" && find . -type f | sed 's|^\./||' | sort) >"$cs_tmp/files"

# installed PATTERN DESCRIPTION: one installed file's path ends in PATTERN
installed() {
    n=$(grep -c -- "$1\$" "$cs_tmp/files")
    if [ "$n" -eq 1 ]; then ok "installs $2"; else fail "installs $2: $n files match $1"; fi
}
installed '/bin/capscope' 'the binary'
installed '/man1/capscope\.1' 'capscope(1)'
installed '/man5/capscope-config\.5' 'capscope-config(5)'
for t in "$top_srcdir"/themes/*.yaml; do
    installed "/capscope/themes/$(basename "$t")" "the theme $(basename "$t" .yaml)"
done
installed '/capscope/demo/demo\.csv' 'the demo data'
installed '/capscope/demo/README\.md' 'the demo data documentation'
installed '/doc/capscope/README\.md' 'the README'
demo=$(grep '/capscope/demo/demo\.csv$' "$cs_tmp/files")
[ -z "$demo" ] || check "the installed demo data is data/demo.csv" cmp "$root/$demo" "$top_srcdir/data/demo.csv"

bin=$(grep '/bin/capscope$' "$cs_tmp/files")
[ -z "$bin" ] || check "the installed binary runs" sh -c '"$1" --version >/dev/null' sh "$root/$bin"

# Each installed page's header names the version the binary says it is (a
# reader of an old page should see that it is old).
version=$("$CAPSCOPE" --version | sed -n '1s/^capscope //p')
for page in $(grep '/man[15]/' "$cs_tmp/files"); do
    head -n 1 "$root/$page" | grep -q "\"capscope $version\"" &&
        ok "$(basename "$page") names version $version" ||
        fail "$(basename "$page")'s header does not name version $version: $(head -n 1 "$root/$page")"
done

# The pages as installed (capscope.1 with its key list put in).
if command -v groff >/dev/null 2>&1; then
    for page in $(grep '/man[15]/' "$cs_tmp/files"); do
        LC_ALL=C.UTF-8 groff -ww -man -z "$root/$page" >"$cs_tmp/groff" 2>&1
        # And as man renders it in the C locale (-Tascii with the fallbacks
        # of tty-char): a character without one is left out of the text.
        LC_ALL=C groff -ww -man -mtty-char -Tascii -z "$root/$page" >>"$cs_tmp/groff" 2>&1
        if [ -s "$cs_tmp/groff" ]; then
            fail "groff -ww warns on $(basename "$page"): $(head -n 3 "$cs_tmp/groff")"
        else
            ok "$(basename "$page") renders without groff warnings"
        fi
    done
else
    echo "note: groff is not installed; the pages were not rendered"
fi

mk uninstall >"$cs_tmp/uninstall.log" 2>&1 || fail "make uninstall failed: $(tail -n 5 "$cs_tmp/uninstall.log")"
left=$(cd "$root" && find . -type f)
[ -z "$left" ] && ok "make uninstall removes every installed file" ||
    fail "make uninstall leaves: $(echo $left)"
left=$(cd "$root" && find . -type d -name capscope)
[ -z "$left" ] && ok "make uninstall removes the package's directories" ||
    fail "make uninstall leaves the directories: $(echo $left)"
finish
