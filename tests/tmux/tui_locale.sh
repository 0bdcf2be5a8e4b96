#!/bin/sh
# A decimal-comma locale (de_DE) changes characters, never numbers: :score
# takes 0.25, the journal holds 0.25 and the batch face reads it back. The
# TUI once followed LC_NUMERIC, refused 0.25, took 0,25 and wrote a journal
# nothing else could read.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

command -v localedef >/dev/null 2>&1 || skip "localedef is not installed"
mkdir -p "$cs_tmp/loc"
# localedef exits 1 on mere warnings: what counts is the locale it built.
localedef -i de_DE -f UTF-8 "$cs_tmp/loc/de_DE.UTF-8" >/dev/null 2>&1
[ -d "$cs_tmp/loc/de_DE.UTF-8" ] ||
    skip "cannot build the de_DE.UTF-8 locale (the locales package holds its source)"

tm_open 80 24
printf 'model,flops,params_b,acc\n' >"$W/de.csv"
for i in 1 2 3 4 5 6; do printf 'm%d,1e2%d,%d,0.%d\n' "$i" "$i" "$i" "$i" >>"$W/de.csv"; done
printf 'new,1e23,3,\n' >>"$W/de.csv"
printf 'tui:\n  tau: 0.9\n' >"$W/de.yaml"

# With LOCPATH set, every newlocale() leaks glibc's search list (the .supp
# file says how that was shown); capscope opens a UTF-8 locale object for
# display widths, so a sanitizer build would report glibc's leak as ours.
supp="LSAN_OPTIONS=\${LSAN_OPTIONS:+\$LSAN_OPTIONS:}suppressions='$top_srcdir/tests/tmux/locpath-leak.supp':print_suppressions=0"
tm_launch "$supp LOCPATH='$cs_tmp/loc' LC_ALL=de_DE.UTF-8 '$CAPSCOPE' --data de.csv --config de.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
check "the config's tau 0.9 is read" screen_has 'tau 0\.9([^0-9]|$)'
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'score new acc 0.25'
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score takes 0.25" || { fail ":score 0.25 in de_DE"; tm_capture; }
tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
check "the journal holds 0.25" grep -q "$(printf 'score\tnew\tacc\t0.25\t')" "$W/de.csv.journal"
expect_status 0 "the batch face reads that journal" "$CAPSCOPE" suggest --data "$W/de.csv" --count 1
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
