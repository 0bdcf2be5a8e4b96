#!/bin/sh
# configure on a machine missing a library (or pkg-config itself) stops and
# names the Debian package to install. Run on a copy of the generated
# configure script, so that the source tree (possibly configured in place,
# possibly read-only under distcheck) is left alone; every run stops before
# writing any file but config.log (the last at config.status, in the copy).
. "$top_srcdir/tests/lib.sh"

[ -x "$top_srcdir/configure" ] || skip "no generated configure script in $top_srcdir"
command -v pkg-config >/dev/null 2>&1 || skip "pkg-config is not installed"
src="$cs_tmp/src"
mkdir -p "$src/src" "$cs_tmp/empty-pc" || { fail "cannot make $src"; finish; }
cp "$top_srcdir/configure" "$src/" && cp -R "$top_srcdir/build-aux" "$src/" &&
    : >"$src/src/main.c" || { fail "cannot copy configure and build-aux"; finish; }

# conf NAME [VAR=VALUE...]: configure in $src with the environment given; its
# output in $cs_tmp/NAME.log
conf() {
    name=$1; shift
    (cd "$src" && env "$@" ./configure --quiet >"$cs_tmp/$name.log" 2>&1)
    echo $? >"$cs_tmp/$name.rc"
}
# expect NAME PACKAGE: configure failed and told to apt-get install PACKAGE
expect() {
    if [ "$(cat "$cs_tmp/$1.rc")" = 0 ]; then
        fail "$1: configure succeeded"
    elif grep -q "^configure: error: .*On Debian: apt-get install $2\$" "$cs_tmp/$1.log"; then
        ok "$1: configure stops and says apt-get install $2"
    else
        fail "$1: configure does not name $2: $(tail -n 1 "$cs_tmp/$1.log")"
    fi
}

# No pkg-config at all: not "libgsl-dev" (it may well be installed).
conf no-pkg-config PKG_CONFIG=/nonexistent/pkg-config
expect no-pkg-config pkg-config

# pkg-config finds nothing: the first library checked is named.
conf no-modules PKG_CONFIG_LIBDIR="$cs_tmp/empty-pc"
expect no-modules libgsl-dev

# Each library missing alone: a pkg-config directory with every other .pc.
pcpath=$(pkg-config --variable pc_path pkg-config)
for m in gsl:libgsl-dev yaml-0.1:libyaml-dev ncursesw:libncurses-dev readline:libreadline-dev; do
    mod=${m%%:*} pkg=${m#*:}
    pkg-config --exists "$mod" || { echo "note: $mod is not installed here; its case is not checked"; continue; }
    dir="$cs_tmp/pc-$mod"
    mkdir -p "$dir"
    (IFS=:; for d in $pcpath; do
        for f in "$d"/*.pc; do
            [ -e "$f" ] && [ "$(basename "$f" .pc)" != "$mod" ] && ln -sf "$f" "$dir/" 2>/dev/null
        done
    done)
    # readline falls back to its header and library when pkg-config lacks
    # it: take those away too.
    conf "no-$mod" PKG_CONFIG_LIBDIR="$dir" ac_cv_header_readline_readline_h=no
    expect "no-$mod" "$pkg"
done

# configure run inside a tmux session, where $TMUX is the server's socket
# and client: the tmux the tests drive is the program on PATH (or none),
# not that socket, with which every TUI test skipped as if tmux were not
# installed. This run gets past the checks and stops at config.status (the
# copy has no Makefile.in); its "checking" lines are what matters.
(cd "$src" && env -u TMUX_BIN TMUX=/tmp/tmux-0/default,4242,0 ./configure >"$cs_tmp/in-tmux.log" 2>&1)
found=$(sed -n 's/^checking for tmux\.\.\. //p' "$cs_tmp/in-tmux.log")
want=$(command -v tmux 2>/dev/null || echo no)
if [ -z "$found" ]; then
    fail "configure inside tmux: no 'checking for tmux' line: $(tail -n 2 "$cs_tmp/in-tmux.log")"
elif [ "$found" = "$want" ]; then
    ok "configure inside tmux finds the tmux program ($found), not \$TMUX"
else
    fail "configure inside tmux takes '$found' for tmux (tmux on PATH: $want)"
fi
finish
