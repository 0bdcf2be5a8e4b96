#!/bin/sh
# The manual and --help agree: every long option that `capscope SUB --help`
# lists appears in man/capscope.1 (built from capscope.1.in), and every
# subcommand that `capscope --help` lists has a section in the manual.
. "$top_srcdir/tests/lib.sh"
man="$top_builddir/man/capscope.1"
[ -r "$man" ] || { fail "the manual $man was not built"; finish; }
# groff escapes '-' as '\-' in the source: compare without backslashes.
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$man" > "$cs_tmp/man.txt"

subs=$("$CAPSCOPE" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[ -n "$subs" ] || fail "capscope --help lists no subcommands"
for sub in $subs; do
    grep -q "capscope $sub\|^\.B $sub" "$cs_tmp/man.txt" || fail "subcommand $sub is not in the manual"
    "$CAPSCOPE" "$sub" --help > "$cs_tmp/help" 2>&1 || fail "capscope $sub --help exits non-zero"
    for opt in $(grep -o -- '--[a-z][a-z-]*' "$cs_tmp/help" | sort -u); do
        grep -q -- "$opt\b" "$cs_tmp/man.txt" || fail "capscope $sub --help names $opt, the manual does not"
    done
    ok "capscope $sub --help and the manual agree"
done
# And the other way: every option the manual gives a subcommand an entry for
# (a .TP item under SUBCOMMANDS) is one that subcommand's --help names.
awk '/^\.SH/ { sec = $2 }
     sec == "SUBCOMMANDS" && /^\.TP/ {
         getline l
         if (l ~ /^\.B [a-z]+( |$)/ && l !~ /^\.B --/) { split(l, w, " "); cmd = w[2] }
         else if (l ~ /^\.BI? --/) { n = split(l, w, /[ "]+/); for (i = 2; i <= n; i++) if (w[i] ~ /^--[a-z]/) print cmd, w[i] }
     }' "$cs_tmp/man.txt" | sort -u > "$cs_tmp/man_opts"
[ -s "$cs_tmp/man_opts" ] || fail "found no option entries under the manual's SUBCOMMANDS"
while read -r sub opt; do
    "$CAPSCOPE" "$sub" --help 2>&1 | grep -q -- "$opt\b" ||
        fail "the manual gives capscope $sub an option $opt that its --help does not name"
done < "$cs_tmp/man_opts"
ok "every option the manual lists under a subcommand is in that subcommand's --help ($(wc -l < "$cs_tmp/man_opts") entries)"
# The interactive options, and the key list generated from the action table.
for opt in $("$CAPSCOPE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$opt\b" "$cs_tmp/man.txt" || fail "capscope --help names $opt, the manual does not"
done
# And every option the manual's OPTIONS section gives an entry is in --help.
awk '/^\.SH/ { sec = $2 }
     sec == "OPTIONS" && /^\.TP/ {
         getline l
         n = split(l, w, /[ ",]+/); for (i = 2; i <= n; i++) if (w[i] ~ /^--[a-z]/) print w[i]
     }' "$cs_tmp/man.txt" | sort -u > "$cs_tmp/man_top_opts"
[ -s "$cs_tmp/man_top_opts" ] || fail "found no option entries under the manual's OPTIONS"
while read -r opt; do
    "$CAPSCOPE" --help | grep -q -- "$opt\b" ||
        fail "the manual gives capscope an option $opt that 'capscope --help' does not name"
done < "$cs_tmp/man_top_opts"
ok "every option of the manual's OPTIONS is in 'capscope --help' ($(wc -l < "$cs_tmp/man_top_opts") entries)"
grep -q ':quit' "$cs_tmp/man.txt" || fail "the manual has no key list (no :quit)"
# suggest needs one of --budget, --budget-abs and --count (it refuses to
# run without): the synopsis groups them as required, as --help's usage
# does, not in the brackets of what may be left out.
syn=$(awk '/^\.SH SYNOPSIS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$cs_tmp/man.txt" |
    awk '/^\.B capscope suggest/ { on = 1; next } on && /^\.br/ { exit } on' | tr '\n' ' ')
"$CAPSCOPE" suggest --help | grep -q '(--budget FRACTION | --budget-abs COST | --count N)' ||
    fail "suggest --help no longer groups --budget, --budget-abs and --count as required"
printf '%s\n' "$syn" | grep -q '^\.RB ( --budget' && printf '%s\n' "$syn" | grep -q '\.IR N )' &&
    ok "the manual's synopsis of suggest requires one of --budget, --budget-abs and --count, as --help does" ||
    fail "the manual's synopsis of suggest gives the required --budget | --budget-abs | --count as optional: $syn"
# Every directory --theme searches for a name is in FILES (the installed
# one as its path; $CAPSCOPE_THEME_PATH is under ENVIRONMENT).
awk '/^\.SH/ { sec = $2 } sec == "OPTIONS" && /^\.BI --theme/ { on = 1; next } on && /^\.TP/ { exit }
     on && /^\.I \$XDG/ { print $2 }' "$cs_tmp/man.txt" | tr -d ',' >"$cs_tmp/theme_dirs"
[ -s "$cs_tmp/theme_dirs" ] || fail "found no directory in the manual's --theme entry (the check reads nothing)"
files=$(awk '/^\.SH FILES/ { on = 1; next } /^\.SH/ { on = 0 } on && /^\.I / { print $2 }' "$cs_tmp/man.txt")
unnamed=""
while read -r dir; do
    printf '%s\n' "$files" | grep -qxF "$dir/" || unnamed="$unnamed $dir"
done <"$cs_tmp/theme_dirs"
[ -z "$unnamed" ] && ok "the manual's FILES names every directory --theme searches ($(echo $(cat "$cs_tmp/theme_dirs")))" ||
    fail "--theme searches$unnamed, the manual's FILES does not name it"
# The key list in the source directory (the tarball's, which a cross build
# puts in the page as it cannot run the binary) is the binary's own.
keys="$top_srcdir/man/capscope-keys.inc"
if [ -r "$keys" ]; then
    "$CAPSCOPE" --list-keys >"$cs_tmp/keys"
    cmp -s "$keys" "$cs_tmp/keys" && ok "the key list in the source directory is that of capscope --list-keys" ||
        fail "$keys is not what capscope --list-keys prints: $(diff "$keys" "$cs_tmp/keys" | head -n 4)"
else
    echo "note: no man/capscope-keys.inc in $top_srcdir (a git tree built elsewhere): not compared"
fi
# The page is the source with the version and the key list put in, and
# nothing else changed: its header names the binary's version, and a list
# of numbers such as the sweep's default budgets reads as in --help.
version=$("$CAPSCOPE" --version | awk '{ print $2 }')
head -n 1 "$man" | grep -qF "\"capscope $version\"" ||
    fail "the manual's header does not name version $version: $(head -n 1 "$man")"
"$CAPSCOPE" sweep --help | grep -q "default 0.05,0.1,0.2,0.5,1" ||
    fail "sweep --help does not give the default budgets"
grep -q "default 0.05,0.1,0.2,0.5,1)" "$cs_tmp/man.txt" ||
    fail "the manual garbles the sweep's default budgets: $(grep -o 'default 0.05[^)]*' "$cs_tmp/man.txt")"
ok "the manual names version $version and keeps the source's text"
# Every environment variable the program reads is in the manual's
# ENVIRONMENT section (grep of the sources: a getenv added without a word
# in the manual is a surprise for whoever has it set).
envsec=$(awk '/^\.SH ENVIRONMENT/ { on = 1; next } /^\.SH/ { on = 0 } on' "$cs_tmp/man.txt")
vars=$(cat "$top_srcdir"/src/*.c "$top_srcdir"/src/*/*.c | grep -o 'getenv("[A-Z_]*")' | sed 's/getenv("//; s/")//' | sort -u)
[ -n "$vars" ] || fail "no getenv found in $top_srcdir/src (the check reads nothing)"
for v in $vars; do
    printf '%s\n' "$envsec" | grep -q "\b$v\b" || fail "the program reads \$$v, the manual's ENVIRONMENT does not name it"
done
ok "the manual's ENVIRONMENT names every variable the program reads ($(echo $vars))"
# The README's two set-up commands install .ci/packages as .ci/run does
# (its quiet -qq aside: --no-install-recommends installs another set of
# packages), and its test command is the one .ci/run runs (the README says
# CI does exactly that).
# The set-up commands read .ci/packages: the release tarball (make distcheck
# runs this test in one) has it, and .ci/run that the README names, or the
# commands install nothing there and the build fails on a missing library.
readme="$top_srcdir/README.md"
if [ -r "$readme" ] && grep -q '\.ci/packages' "$readme"; then
    for f in .ci/packages .ci/run; do
        [ -r "$top_srcdir/$f" ] || fail "README.md's set-up commands need $f, which is not in the source tree (EXTRA_DIST?)"
    done
fi
if [ -r "$top_srcdir/.ci/run" ] && [ -r "$readme" ]; then
    setup=$(grep '^    apt-get update && ' "$readme")
    [ "$(printf '%s\n' "$setup" | wc -l)" -eq 2 ] || fail "README.md has not two set-up commands: $setup"
    install=$(grep -o 'apt-get install [^$]*\$(cat \.ci/packages)' "$top_srcdir/.ci/run" | sed 's/ -qq / /')
    [ -n "$install" ] || fail ".ci/run installs no \$(cat .ci/packages)"
    printf '%s\n' "$setup" | grep -vqF "apt-get update && $install && " &&
        fail "a README set-up command does not install .ci/packages as .ci/run does ($install): $setup"
    testcmd=$(printf '%s\n' "$setup" | grep 'check$' | sed 's/^.*\$(cat \.ci\/packages) && //')
    [ -n "$testcmd" ] && grep -qF "$testcmd" "$top_srcdir/.ci/run" ||
        fail "README's test command ($testcmd) is not what .ci/run runs: $(grep -n 'make' "$top_srcdir/.ci/run" | head -n 3)"
    ok "README's set-up commands install .ci/packages; .ci/run runs its test command"
fi
# The README's command table gives `capscope splits --scheme` every form
# the parser reads: the synopsis the interface's :scheme shows (one
# CS_SCHEME_SYNOPSIS), which the man page's key list prints.
if [ -r "$readme" ]; then
    syn=$("$CAPSCOPE" --list-keys | sed -n 's/^\\fB:scheme\\fR \\fI\(.*\)\\fR$/\1/p')
    row=$(grep -o 'capscope splits \[--scheme [^]]*\]' "$readme" | sed 's/^capscope splits \[--scheme //; s/\]$//; s/\\|/|/g')
    [ -n "$syn" ] || fail "capscope --list-keys gives no synopsis of :scheme"
    [ -n "$row" ] || fail "README.md's command table has no 'capscope splits [--scheme ...]'"
    [ "$row" = "$syn" ] && ok "README's splits --scheme lists every form ($syn)" ||
        fail "README's splits --scheme gives '$row', the parser reads '$syn'"
fi
# Before `make install` the README sends a new user to src/capscope and
# to `man -l` on the pages in the tree: those are there after the build.
if [ -r "$readme" ]; then
    grep -q 'type `src/capscope` where' "$readme" || fail "README.md does not say to run src/capscope before make install"
    [ -x "$top_builddir/src/capscope" ] ||
        fail "the README's src/capscope is not where the build puts the binary"
    pages=$(grep -o 'man -l [^`]*' "$readme" | sed 's/^man -l //')
    [ -n "$pages" ] || fail "README.md shows no 'man -l' for the pages in the tree"
    for page in $pages; do
        [ -r "$top_builddir/$page" ] || [ -r "$top_srcdir/$page" ] || fail "README.md's 'man -l $page': no such page after the build"
    done
    ok "README's commands before make install name what the build made ($(echo $pages))"
fi
# HACKING.md (its Build section) names each of the package's own configure
# options and variables (configure --help lists them, with autoconf's own).
hacking="$top_srcdir/HACKING.md"
if [ -x "$top_srcdir/configure" ] && [ -r "$hacking" ]; then
    own=$("$top_srcdir/configure" --help | awk '/^Optional Features:/ { on = 1; next } /^$/ { on = 0 }
        on && $1 ~ /^--enable-/ { print $1 }' | grep -v 'FEATURE\|silent-rules\|dependency-tracking\|option-checking')
    own="$own $("$top_srcdir/configure" --help | awk '/^Some influential/ { on = 1; next } on && /^  [A-Z]/ { print $1 }' |
        grep -v '^CC$\|FLAGS$\|^LIBS$\|^PKG_CONFIG\|_CFLAGS$\|_LIBS$')"
    [ -n "$own" ] || fail "configure --help lists none of the package's own options (the check reads nothing)"
    missing=""
    for o in $own; do
        grep -q -- "$o\b" "$hacking" || missing="$missing $o"
    done
    [ -z "$missing" ] && ok "HACKING.md names configure's own options and variables ($(echo $own))" ||
        fail "configure --help gives$missing, HACKING.md does not name them"
fi
# The command table's fit row names every column fit prints.
if [ -r "$readme" ]; then
    fitrow=$(grep '^| `capscope fit ' "$readme")
    cols=$("$CAPSCOPE" fit --format csv | head -n 1 | tr ',' ' ')
    [ -n "$fitrow" ] && [ -n "$cols" ] || fail "no fit row in README.md's command table, or no columns from fit"
    for c in $cols; do
        printf '%s\n' "$fitrow" | grep -qw -- "$c" || fail "capscope fit prints a column $c that README.md's fit row does not name"
    done
    ok "README's fit row names every column fit prints ($(echo $cols))"
fi
# The method as method.md states it (sections 2-4): the objective with its
# defaults and constraints, and how a boundary is judged on bins, in the
# README, the manual and the help a user reads first.
"$CAPSCOPE" fit --help > "$cs_tmp/fit_help" 2>&1
"$CAPSCOPE" splits --help > "$cs_tmp/splits_help" 2>&1
for doc in "$readme" "$cs_tmp/man.txt" "$cs_tmp/fit_help"; do
    for phrase in 'softplus(kappa' '(tau - 1)' 'lambda_b' 'y0 + L <= 1' '0.05 <= b <= 50'; do
        sed 's/\\(<=/<=/g; s/\\//g' "$doc" | grep -qF -- "$phrase" || fail "$(basename "$doc") does not state the objective's '$phrase' (method.md, sections 2-3)"
    done
done
for doc in "$readme" "$cs_tmp/man.txt"; do
    for phrase in 'tau = 0.98' 'kappa = 50' 'lambda_b = 1e-3' '|hat_tau - tau|' 'at least 30 rows' 'never splitting' 'nearest end' 'train-overlap' 'test-fixed'; do
        sed 's/\\(<=/<=/g; s/\\//g' "$doc" | grep -qF -- "$phrase" || fail "$(basename "$doc") does not state '$phrase' (method.md, sections 3-4)"
    done
done
grep -q 'never' "$cs_tmp/splits_help" || fail "capscope splits --help does not say that a bin never splits models of one compute"
ok "README, the manual and --help state the objective, its defaults and the coverage bins as method.md does"
# The README's figures name the "shared data": it says which file that is
# (the one the tests read as $OLL) and where it is looked for, since a new
# clone does not have it.
if [ -r "$readme" ]; then
    grep -q "The \*shared data\* is \`$(basename "$OLL")\`" "$readme" ||
        fail "README.md does not say the shared data is $(basename "$OLL")"
    grep -qF '`../shared/data` beside the source tree (or `$CAPSCOPE_SHARED_DATA`)' "$readme" ||
        fail "README.md does not say where the shared data is read from"
    ok "README says what and where the shared data is"
fi
# capscope-config(5) and the readers agree: every key the config reader
# accepts (the lists its "unknown key" messages give), every :set / tui:
# setting, every unit name and every theme role has its entry, and the
# page's tui: list names no setting the interface does not take.
cfg5="$top_srcdir/man/capscope-config.5.in"
sed 's/\\-/-/g; s/\\f[BIRP]//g' "$cfg5" > "$cs_tmp/cfg5.txt"
keys=$(tr '\n' ' ' < "$top_srcdir/src/core/config.c" | grep -o 'read_[a-z_]*_key, *"[a-z_, ]*"' |
       sed 's/^[^"]*"//; s/"$//; s/,/ /g')
[ -n "$keys" ] || fail "found no key list in src/core/config.c (the check reads nothing)"
for k in $keys; do
    grep -Eq "^\.BR? $k( |\$)" "$cs_tmp/cfg5.txt" || fail "config.c reads the key '$k', capscope-config(5) does not name it"
done
units=$(grep -o '{ "[a-z]*", 1e[0-9]* }' "$top_srcdir/src/core/config.c" | sed 's/{ "//; s/".*//')
[ -n "$units" ] || fail "found no unit table in src/core/config.c (the check reads nothing)"
for u in $units; do
    grep -q "\b$u\b" "$cs_tmp/cfg5.txt" || fail "config.c takes the unit '$u', capscope-config(5) does not name it"
done
settings=$(awk '/setting_keys\[\] = \{/ { on = 1; next } on && /NULL/ { print; on = 0 } on' \
    "$top_srcdir/src/tui/settings.c" | grep -o '"[a-z_]*"' | tr -d '"')
[ -n "$settings" ] || fail "found no setting_keys in src/tui/settings.c (the check reads nothing)"
# The page's tui: list: the .B items between ".B tui" and the .RE that ends it.
listed=$(awk '/^\.B tui$/ { on = 1; next } on && /^\.RE/ { exit } on && prev ~ /^\.TP/ && /^\.B / { print $2 } { prev = $0 }' \
    "$cs_tmp/cfg5.txt")
for k in $settings; do
    printf '%s\n' $listed | grep -qx "$k" || fail "the setting '$k' (settings.c) is not in capscope-config(5)'s tui: list"
done
for k in $listed; do
    printf '%s\n' $settings | grep -qx "$k" || fail "capscope-config(5) lists a tui: setting '$k' that settings.c does not take"
done
roles=$(awk '/role_names\[TUI_ROLE_COUNT\] = \{/ { on = 1; next } on && /^\};/ { on = 0 } on' \
    "$top_srcdir/src/tui/grid.c" | grep -o '= "[a-z_]*"' | sed 's/= "//; s/"//')
[ -n "$roles" ] || fail "found no role_names in src/tui/grid.c (the check reads nothing)"
themesec=$(awk '/^\.SH THEME FILES/ { on = 1; next } /^\.SH/ { on = 0 } on' "$cs_tmp/cfg5.txt")
for r in $roles; do
    printf '%s\n' "$themesec" | grep -q "\b$r\b" || fail "the theme role '$r' is not in capscope-config(5)'s THEME FILES"
done
ok "capscope-config(5) names every config key, unit, tui: setting and theme role the program reads"
# EXIT STATUS's 141 covers every run that writes into a pipe: since SIGPIPE
# is reset for all of them (src/main.c), --help, --version and --list-keys too.
awk '/^\.SH EXIT STATUS/ { on = 1; next } /^\.SH/ { on = 0 }
     on && /^\.B 141/ { take = 1; next } on && /^\.TP/ { take = 0 } take' "$cs_tmp/man.txt" >"$cs_tmp/st141"
for opt in --help --version --list-keys; do
    grep -q -- "$opt" "$cs_tmp/st141" || fail "EXIT STATUS 141 does not name $opt"
done
ok "EXIT STATUS 141 names --help, --version and --list-keys"
# EXIT STATUS 2 gives the form of each kind of message: a usage error names
# the subcommand, bad input the file and line (it gave the latter for both).
awk '/^\.SH EXIT STATUS/ { on = 1; next } /^\.SH/ { on = 0 }
     on && /^\.B 2$/ { take = 1; next } on && /^\.TP/ { take = 0 } take' "$cs_tmp/man.txt" | tr '\n' ' ' >"$cs_tmp/st2"
"$CAPSCOPE" fit --tau 2 2>"$cs_tmp/usage_err" >/dev/null
grep -q '^capscope: fit: ' "$cs_tmp/usage_err" && grep -q 'capscope: SUBCOMMAND: what is wrong' "$cs_tmp/st2" ||
    fail "EXIT STATUS 2 does not give a usage error's form ($(cat "$cs_tmp/usage_err"))"
printf 'model,flops,acc\nm1,1e22,0.1\nm2,nan,0.2\n' >"$cs_tmp/bad.csv"
(cd "$cs_tmp" && "$CAPSCOPE" fit --data bad.csv) 2>"$cs_tmp/input_err" >/dev/null
grep -q '^capscope: bad.csv:3: ' "$cs_tmp/input_err" && grep -q 'capscope: FILE:LINE: what is wrong' "$cs_tmp/st2" ||
    fail "EXIT STATUS 2 does not give bad input's form ($(cat "$cs_tmp/input_err"))"
ok "EXIT STATUS 2 gives the forms of a usage error's message and of bad input's"
# predict --flops and require --accuracy take a fixed number of values at
# most: --help and the manual give that number, and it is the one the
# program holds to (N values taken, N + 1 refused), which neither said.
for pair in "predict:--flops:1e24:flops" "require:--accuracy:0.3:accuracy"; do
    sub=${pair%%:*}; rest=${pair#*:}; opt=${rest%%:*}; rest=${rest#*:}; val=${rest%%:*}; word=${rest#*:}
    most=$("$CAPSCOPE" "$sub" --help | tr '\n' ' ' | tr -s ' ' |
        sed -n "s/.*$opt [A-Z] [^(]*(repeatable[^)]*at most \([0-9][0-9]*\).*/\1/p")
    [ -n "$most" ] || { fail "capscope $sub --help does not say how many $opt values it takes"; continue; }
    grep -q "at most $most" "$cs_tmp/man.txt" || fail "the manual does not say $opt takes at most $most values"
    args=$(awk -v n="$most" -v o="$opt" -v v="$val" 'BEGIN { for (i = 0; i < n; i++) printf "%s %s ", o, v }')
    # shellcheck disable=SC2086  # the values are words on purpose
    "$CAPSCOPE" "$sub" --task math $args >/dev/null 2>&1 || fail "capscope $sub refuses $most $opt values"
    # shellcheck disable=SC2086
    if "$CAPSCOPE" "$sub" --task math $args $opt $val >/dev/null 2>"$cs_tmp/toomany"; then
        fail "capscope $sub takes $((most + 1)) $opt values"
    else
        grep -q "at most $most --$word values" "$cs_tmp/toomany" || fail "capscope $sub: $((most + 1)) $opt values: $(cat "$cs_tmp/toomany")"
    fi
    ok "capscope $sub: at most $most $opt values, as --help and the manual say"
done
# --quiet silences standard error alone: every --help says it is stderr's,
# and the manual that standard output stays as it is (table_long.sh checks
# that of a table's line on its cut cells).
for sub in $subs; do
    q=$("$CAPSCOPE" "$sub" --help 2>&1 | grep -e '--quiet')
    case $q in
    *"on stderr"*) ok "capscope $sub --help: --quiet silences stderr" ;;
    *) fail "capscope $sub --help does not say that --quiet silences stderr alone: $q" ;;
    esac
done
check "the manual: --quiet leaves standard output as it is" \
    sh -c 'grep -A2 "^\.B --quiet\$" "$1" | grep -q "^Standard output is the same with or without it"' sh "$cs_tmp/man.txt"
# plot's default size is the terminal's on standard output, and 80x24 into
# a pipe even on a terminal (plot.sh runs both): the manual says which
# terminal, as --help does ('the terminal's width' read as the one the
# pipe's reader shows, for 'capscope plot | less -R').
tr '\n' ' ' < "$cs_tmp/man.txt" | tr -s ' ' |
    grep -q "default: the size of the terminal that standard output is; into a pipe or a file, as in capscope plot | less -R, 80 and 24)" ||
    fail "the manual does not say plot's default size is standard output's terminal's, 80x24 into a pipe"
# splits names its columns as they are printed: the table's in the
# sentence that says what it prints, the ones only JSON and CSV add in the
# sentence that lists those (oos_micro was said to be in the table, and the
# table's z_star, b, objective and bins went unnamed).
tr '\n' ' ' < "$cs_tmp/man.txt" | tr -s ' ' > "$cs_tmp/man_flat"
sed -n 's/.*Prints, per split and task, \(.*\) In JSON and CSV each record also gives.*/\1/p' "$cs_tmp/man_flat" > "$cs_tmp/splits_table_text"
sed -n 's/.*In JSON and CSV each record also gives \(.*\) bins counts the in-sample bins.*/\1/p' "$cs_tmp/man_flat" > "$cs_tmp/splits_more_text"
[ -s "$cs_tmp/splits_table_text" ] && [ -s "$cs_tmp/splits_more_text" ] ||
    fail "the manual's splits section no longer says what it prints ('Prints, per split and task', 'In JSON and CSV each record also gives')"
"$CAPSCOPE" splits --task math --quiet > "$cs_tmp/splits_table"
table_cols=$(awk '/^k / { print; exit }' "$cs_tmp/splits_table")
table_keys=$(sed -n 's/^\([a-z_]*\): .*/\1/p' "$cs_tmp/splits_table")
[ -n "$table_cols" ] || fail "capscope splits prints no table header"
for c in $table_cols; do
    case $c in k | task) continue ;; esac
    grep -qw -- "$c" "$cs_tmp/splits_table_text" || fail "capscope splits prints a column $c that the manual's 'Prints, per split and task' does not name"
done
for c in $("$CAPSCOPE" splits --task math --quiet --format csv | head -n 1 | tr ',' ' '); do
    printf '%s\n' k task $table_cols $table_keys | grep -qx -- "$c" && continue
    grep -qw -- "$c" "$cs_tmp/splits_more_text" || fail "capscope splits --format csv has a column $c that the manual's 'In JSON and CSV each record also gives' does not name"
done
ok "the manual names splits' table columns ($(echo $table_cols)) and those JSON and CSV add"
# The examples run as written. The manual's EXAMPLES name the shared data's
# tasks (math_lvl5, bbh, ifeval, gpqa): models.csv is that file there. The
# README's commands with no placeholder run on the demo data, as its tour
# says (ifeval's on the shared data; sweep, half a minute, is sweep.sh's).
awk '/^\.SH EXAMPLES/ { on = 1; next } /^\.SH/ { on = 0 } on && /^capscope /' "$cs_tmp/man.txt" > "$cs_tmp/examples"
[ -s "$cs_tmp/examples" ] || fail "found no command under the manual's EXAMPLES"
run_example() { # DIR LINE: the line's words after 'capscope', run in DIR
    # shellcheck disable=SC2086  # the example's words are words
    (cd "$1" && "$CAPSCOPE" ${2#capscope }) >"$cs_tmp/ex.out" 2>"$cs_tmp/ex.err" && [ -s "$cs_tmp/ex.out" ] ||
        fail "the example '$2' does not run (exit $?): $(head -c 300 "$cs_tmp/ex.err")"
}
mkdir "$cs_tmp/ex"
if [ -r "$OLL" ]; then
    ln -s "$(cd "$(dirname "$OLL")" && pwd)/$(basename "$OLL")" "$cs_tmp/ex/models.csv"
    while read -r line; do run_example "$cs_tmp/ex" "$line"; done < "$cs_tmp/examples"
    ok "the manual's $(wc -l < "$cs_tmp/examples") EXAMPLES run on the shared data as models.csv"
else
    echo "note: $OLL is absent: the manual's EXAMPLES (its tasks) are not run"
fi
if [ -r "$readme" ]; then
    grep -o '`capscope [a-z][^`]*`' "$readme" | tr -d '`' | sort -u |
        grep -E '^capscope (fit|predict|require|splits|suggest|plot)( --[a-z-]+( [a-z0-9._]+)?)*$' \
        > "$cs_tmp/readme_cmds"
    [ "$(wc -l < "$cs_tmp/readme_cmds")" -ge 5 ] || fail "found fewer than 5 commands in README.md: $(cat "$cs_tmp/readme_cmds")"
    ran=0 left=""
    while read -r line; do
        case $line in
        *ifeval*)
            if [ -r "$OLL" ]; then
                run_example "$cs_tmp" "$line --data $OLL"
                ran=$((ran + 1))
            else
                left="$left; '$line' (the shared data's task) not run"
            fi
            ;;
        *) run_example "$cs_tmp" "$line"; ran=$((ran + 1)) ;;
        esac
    done < "$cs_tmp/readme_cmds"
    ok "README's $ran commands without placeholders run$left"
    # Its config, for a table whose columns it names, is one capscope reads:
    # 6 x 7e9 x 2e12 = 8.4e22 FLOPs from 7 (billion) and 2 (trillion).
    awk '/^```yaml$/ { on = 1; next } on && /^```$/ { exit } on' "$readme" > "$cs_tmp/readme.yaml"
    printf 'name,released,size_b,tokens_t,acc\n' > "$cs_tmp/readme.csv"
    for i in 1 2 3 4; do printf 'm%s,2024-0%s-01,%s,2,%s\n' "$i" "$i" "$i" "$((i * 10 + 5))" >> "$cs_tmp/readme.csv"; done
    printf 'm7,2024-05-01,7,2,70\n' >> "$cs_tmp/readme.csv"
    z=$("$CAPSCOPE" fit --data "$cs_tmp/readme.csv" --config "$cs_tmp/readme.yaml" --format csv 2>"$cs_tmp/ex.err" |
        awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["z_max"] }')
    if approx "${z:-0}" "$(awk 'BEGIN { printf "%.17g", log(8.4e22) / log(10) }')" 1e-12; then
        ok "README's config reads a table of its columns (7 billion x 2 trillion: 8.4e22 FLOPs)"
    else
        fail "README's config: z_max '$z' is not log10(8.4e22): $(cat "$cs_tmp/readme.yaml") $(head -c 300 "$cs_tmp/ex.err")"
    fi
fi
# Every help text fits an 80-column terminal: no line longer than 79
# characters (GNU's convention). The help is ASCII, so bytes are columns.
# "--no-mouse --help" is the interface's own help (options before --help).
for sub in "" --no-mouse $subs; do
    # shellcheck disable=SC2086  # the empty sub is the top-level help
    LC_ALL=C "$CAPSCOPE" $sub --help 2>&1 | LC_ALL=C awk -v sub_="capscope${sub:+ $sub} --help" '
        /[^\t -~]/ { print "FAIL: " sub_ " line " NR " is not ASCII: " $0; bad = 1 }
        length($0) > 79 { print "FAIL: " sub_ " line " NR " has " length($0) " columns: " $0; bad = 1 }
        END { exit bad }' > "$cs_tmp/wide" ||
        { cat "$cs_tmp/wide"; fail "capscope${sub:+ $sub} --help does not fit 79 columns"; continue; }
    ok "capscope${sub:+ $sub} --help fits 79 columns"
done
finish
