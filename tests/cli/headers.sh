#!/bin/sh
# include/capscope/ holds the contracts of the core and render modules only
# (HACKING.md, Layout): every function and object its headers declare is
# defined by libcscore.a or libcsrender.a. A header of the CLI's or the TUI's
# there would declare names no library has (and make a module of the batch
# face, which may abort on a failed allocation, look like one of the core's).
. "$top_srcdir/tests/lib.sh"
LC_ALL=C; export LC_ALL # one order for sort and comm

command -v nm >/dev/null 2>&1 || skip "nm is not installed"
CORE="$top_builddir/src/core/libcscore.a"
RENDER="$top_builddir/src/render/libcsrender.a"
[ -r "$CORE" ] && [ -r "$RENDER" ] || { fail "the libraries were not built: $CORE $RENDER"; finish; }

# GNU nm's options; an nm without them (or an LTO build's objects, which
# list no symbols) cannot answer, which is no failure of the headers'. Mach-O
# names start with an underscore.
nm --defined-only -g "$CORE" "$RENDER" >"$cs_tmp/nm" 2>/dev/null || skip "nm --defined-only -g failed here"
awk 'NF == 3 { print $3 }' "$cs_tmp/nm" | sort -u >"$cs_tmp/defined"
[ -s "$cs_tmp/defined" ] || skip "nm lists no symbols of the libraries (an LTO build?)"
if grep -qx '_cs_error_set' "$cs_tmp/defined" && ! grep -qx 'cs_error_set' "$cs_tmp/defined"; then
    sed 's/^_//' "$cs_tmp/defined" | sort -u >"$cs_tmp/defined.plain" && mv "$cs_tmp/defined.plain" "$cs_tmp/defined"
fi
check "the libraries define cs_error_set" grep -qx cs_error_set "$cs_tmp/defined"

# A declaration starts at column 0 (its parameters may go on indented lines):
# the first name followed by '(' is a function's, an extern's last word is an
# object's. Comments, static inline functions, typedefs and macros are no
# declarations of the libraries'.
declared() {
    sed -e 's|/\*.*\*/||g' -e '/\/\*/,/\*\//d' "$1" |
        awk '/^(static|typedef|#)/ { next }
             /^[A-Za-z_]/ && match($0, /[A-Za-z_][A-Za-z0-9_]*[ \t]*\(/) {
                 s = substr($0, RSTART, RLENGTH); sub(/[ \t]*\($/, "", s); print s; next }
             /^extern/ { s = $0; sub(/[[;].*/, "", s); n = split(s, w, /[ *]+/); print w[n] }' |
        sort -u
}

total=0
for h in "$top_srcdir"/include/capscope/*.h; do
    name=${h##*/}
    declared "$h" >"$cs_tmp/declared"
    n=$(wc -l <"$cs_tmp/declared")
    total=$((total + n))
    missing=$(comm -23 "$cs_tmp/declared" "$cs_tmp/defined" | tr '\n' ' ')
    if [ -z "$missing" ]; then
        ok "$name: its $n names are defined in the libraries"
    else
        fail "$name declares names no core or render library defines: $missing"
    fi
done
# The reading of declarations finds them (a broken pattern would find none
# and pass every header): error.h's six functions, one of them declared on
# two lines, and demo.h's two objects.
declared "$top_srcdir/include/capscope/error.h" | tr '\n' ' ' >"$cs_tmp/error"
check "error.h declares cs_errno_text cs_error_end_whole cs_error_errno cs_error_exit_status cs_error_set cs_error_string" \
    [ "$(cat "$cs_tmp/error")" = "cs_errno_text cs_error_end_whole cs_error_errno cs_error_exit_status cs_error_set cs_error_string " ]
declared "$top_srcdir/include/capscope/demo.h" | tr '\n' ' ' >"$cs_tmp/demo"
check "demo.h declares cs_demo_csv cs_demo_csv_size" [ "$(cat "$cs_tmp/demo")" = "cs_demo_csv cs_demo_csv_size " ]
check "declarations are found in every header ($total)" [ "$total" -ge 100 ]
finish
