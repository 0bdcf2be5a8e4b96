#!/bin/sh
# A journal with no place to go: the data's directory is not writable, and
# there is no home for $XDG_DATA_HOME (HOME unset, no password entry: a
# container's arbitrary uid, a cron job). Entering a score says so (status
# 1); --list and --undo say there is no journal, where they printed
# "(null) does not exist" and "nothing to undo in (null)" (a null pointer
# handed to printf).
. "$top_srcdir/tests/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root, to run as a uid without a password entry"
command -v setpriv >/dev/null 2>&1 || skip "setpriv is absent"
uid=
for u in 54321 54322 54323 54324; do
    if ! getent passwd "$u" >/dev/null 2>&1; then
        uid=$u
        break
    fi
done
[ -n "$uid" ] || skip "no free uid without a password entry"
as_nobody() { env -u HOME -u XDG_DATA_HOME setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"; }
as_nobody "$CAPSCOPE" --version >/dev/null 2>&1 ||
    skip "setpriv cannot run capscope as another uid here (its build directory may be private)"

# Readable by that uid, writable by root alone.
chmod 755 "$cs_tmp"
mkdir "$cs_tmp/shared"
cat > "$cs_tmp/shared/d.csv" <<'EOF'
model,flops,params_b,acc
m1,1e21,1,0.10
m2,1e22,2,0.20
m3,1e23,3,0.40
m4,1e24,4,0.60
m5,1e22,2,
EOF
chmod 755 "$cs_tmp/shared"
chmod 644 "$cs_tmp/shared/d.csv"
d=$cs_tmp/shared/d.csv

expect_status 1 "a score with no place for the journal" as_nobody "$CAPSCOPE" score --data "$d" m5 acc 0.5
check "it says why" grep -q "no place for its journal (no home directory for \$XDG_DATA_HOME)" "$cs_tmp/err"

expect_status 0 "--list" as_nobody "$CAPSCOPE" score --data "$d" --list
check "--list: no (null)" sh -c "! grep -q '(null)' '$cs_tmp/err'"
check "--list: says there is no journal, and why" \
    grep -qF 'capscope: no journal (no place for one: no home directory for $XDG_DATA_HOME): no score has been entered on this data' "$cs_tmp/err"
expect_status 0 "--list --format json" as_nobody "$CAPSCOPE" score --data "$d" --list --format json
check "--list --format json: journal null, no entries" test "$(cat "$cs_tmp/out")" = '{"journal": null, "entries": []}'

expect_status 0 "--undo" as_nobody "$CAPSCOPE" score --data "$d" --undo
check "--undo: no (null)" sh -c "! grep -q '(null)' '$cs_tmp/err'"
check "--undo: says there is no journal" \
    grep -qF 'capscope: nothing to undo: no journal (no place for one: no home directory for $XDG_DATA_HOME)' "$cs_tmp/err"
check "nothing was written beside the data" test ! -e "$d.journal"
finish
