#!/bin/sh
# make check gives each test a home of its own (Makefile.am): under the
# build tree, no XDG_* directory pointing elsewhere, and empty at the
# start. The shell's pid names it, and pids come round again (32768 on
# many systems, a container's from 1 at each start): a home kept from an
# earlier run, with its session, history or journal, would have answered
# a test for a first start.
. "$top_srcdir/tests/lib.sh"

case $HOME in
    "$top_builddir/tests/home/"*) ok "HOME is under the build tree: $HOME" ;;
    *) fail "HOME is $HOME, not under $top_builddir/tests/home" ;;
esac
for v in XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME XDG_CACHE_HOME; do
    eval "set=\${$v+yes}"
    check "$v is unset" [ -z "$set" ]
done
empty_dir() { [ -d "$1" ] && [ -z "$(ls -A "$1")" ]; }
check "the home starts empty" empty_dir "$HOME"
[ -d "$HOME" ] && ls -A "$HOME" | head -n 5
finish
