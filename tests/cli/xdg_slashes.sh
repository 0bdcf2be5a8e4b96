#!/bin/sh
# The journal's path under $XDG_DATA_HOME (or HOME/.local/share) as score
# prints it, in --list's JSON and its notes: a base written with a trailing
# slash (XDG_DATA_HOME=/d/, HOME=/home/u/) gave /d//capscope/..., a path a
# script compares with the one it expects and finds different.
. "$top_srcdir/tests/lib.sh"

# A directory with no write bit at all is read-only by intent, even for
# root: its data's journal goes under $XDG_DATA_HOME.
mkdir "$cs_tmp/release" "$cs_tmp/xdg" "$cs_tmp/home"
printf 'model,flops,params_b,acc\nm1,1e21,1,0.1\nm2,1e22,2,0.2\nm3,1e23,3,0.4\nm4,1e24,4,0.6\nm5,1e22,1,\n' \
    >"$cs_tmp/release/d.csv"
chmod 555 "$cs_tmp/release"
d=$cs_tmp/release/d.csv

# journal_of: the "journal" of score --list --format json, by its own env.
journal_of() {
    "$@" "$CAPSCOPE" score --data "$d" --list --format json 2>"$cs_tmp/err" |
        sed -n 's/^{"journal": "\([^"]*\)".*/\1/p'
}
for base in "$cs_tmp/xdg/" "$cs_tmp/xdg//"; do
    j=$(journal_of env XDG_DATA_HOME="$base")
    case $j in
        "$cs_tmp/xdg/capscope/d.csv-"*.journal) ok "XDG_DATA_HOME=$base: $j" ;;
        *) fail "XDG_DATA_HOME=$base: the journal is '$j', not under $cs_tmp/xdg/capscope/ with one slash" ;;
    esac
done
for base in "$cs_tmp/home/" "$cs_tmp/home//"; do
    j=$(journal_of env -u XDG_DATA_HOME HOME="$base")
    case $j in
        "$cs_tmp/home/.local/share/capscope/d.csv-"*.journal) ok "HOME=$base: $j" ;;
        *) fail "HOME=$base: the journal is '$j', not $cs_tmp/home/.local/share/capscope/... with one slash" ;;
    esac
done
# And a score saved there is found again by every spelling of the base.
expect_status 0 "a score saved with XDG_DATA_HOME ending in /" \
    env XDG_DATA_HOME="$cs_tmp/xdg/" "$CAPSCOPE" score --data "$d" --quiet m5 acc 0.5
expect_status 0 "fit with XDG_DATA_HOME without it" \
    env XDG_DATA_HOME="$cs_tmp/xdg" "$CAPSCOPE" fit --data "$d" --task acc --format csv
check "fit counts the score: n 5" \
    test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["n"] }' "$cs_tmp/out")" = 5
chmod 755 "$cs_tmp/release"
finish
