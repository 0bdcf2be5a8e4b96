#!/bin/sh
# Memory errors and leaks in every batch subcommand, under valgrind.
#
# Each subcommand runs once on good data (the demo set, or a small fully
# scored file for sweep, which needs one) with small settings, and the data
# and config loaders run on broken input, whose error paths free what they
# built so far. valgrind makes any invalid read or write, any use of an
# uninitialised value and any definite leak an error (exit 99); the test
# also checks each command's own exit status (0, or 2 for bad input), so a
# crash or a wrong status fails too. Skipped (77) without valgrind, for a
# binary built with AddressSanitizer (the two do not mix; that build checks
# memory itself), where valgrind cannot read the binary's debug info, and
# where valgrind is too slow for the whole run to take about a minute.
. "$top_srcdir/tests/lib.sh"

[ -x "$CAPSCOPE" ] || { fail "$CAPSCOPE is not built"; finish; }
command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed (apt-get install valgrind)"
if built_with_asan; then
    skip "$CAPSCOPE is built with AddressSanitizer, which checks memory itself"
fi
# An older valgrind cannot read a newer compiler's debug info (valgrind 3.19
# and clang 14's DWARF 5: "unhandled dwarf2 abbrev form code 0x25 ... Giving
# up") and stops before the program starts: that says nothing of capscope.
valgrind -q "$CAPSCOPE" --version >"$cs_tmp/probe.out" 2>"$cs_tmp/probe.err"
if grep -q "debuginfo reader\|unhandled dwarf2\|Giving up" "$cs_tmp/probe.err"; then
    skip "$(valgrind --version 2>/dev/null) cannot read the debug info of $CAPSCOPE" \
        "(a newer DWARF, e.g. clang's DWARF 5): $(grep -m 1 "dwarf\|debuginfo\|Giving up" "$cs_tmp/probe.err")"
fi

VG_LOG="$cs_tmp/valgrind.log"
# The exit status 99 is reserved for valgrind's verdict; no subcommand uses it.
vg() {
    valgrind -q --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite \
        --error-exitcode=99 --log-file="$VG_LOG" "$CAPSCOPE" "$@"
}

# memcheck STATUS DESCRIPTION ARGS...: the subcommand under valgrind exits
# with STATUS, and valgrind reports nothing.
memcheck() {
    want=$1 what=$2
    shift 2
    vg "$@" >"$cs_tmp/out" 2>"$cs_tmp/err"
    got=$?
    if [ "$got" -eq 99 ]; then
        fail "$what: valgrind found errors (capscope $*):"
        sed 's/^/    /' "$VG_LOG" | head -n 60
    elif [ -s "$VG_LOG" ]; then
        fail "$what: valgrind reported (capscope $*):"
        sed 's/^/    /' "$VG_LOG" | head -n 60
    elif [ "$got" -ne "$want" ]; then
        fail "$what: exit $got, expected $want (capscope $*); stderr: $(head -c 300 "$cs_tmp/err")"
    else
        ok "$what (exit $got, no memory errors, no definite leaks)"
    fi
}

# One small fit under valgrind tells whether the whole run stays near a
# minute (about twenty commands of similar cost).
start=$(date +%s)
memcheck 0 "fit, one task of the demo data" fit --task reasoning --quiet
probe=$(( $(date +%s) - start ))
[ "$probe" -le 5 ] || skip "valgrind needs ${probe}s for one small fit here; the whole test would take minutes"

# A small fully scored file (sweep keeps only fully scored rows): 150 models of a
# fixed-seed sigmoid with noise below it, two tasks, a cost for each.
FULL="$cs_tmp/full.csv"
synthetic_csv 150 >"$FULL"

memcheck 0 "fit, every task, json" fit --format json --quiet
memcheck 0 "predict" predict --task math --flops 1e21 --flops 1e23 --flops 1e27 --quiet
memcheck 0 "require" require --task coding --accuracy 0.3 --accuracy 0.99 --quiet
memcheck 0 "splits" splits --task reasoning --quiet
memcheck 0 "splits --bins, csv" splits --task knowledge --bins --format csv --quiet
memcheck 0 "splits --drift" splits --task knowledge --drift --quiet
memcheck 0 "suggest --count" suggest --task instruct --count 5 --quiet
memcheck 0 "suggest --budget --pool all --prior paper" suggest --task science --budget 0.02 --pool all --prior paper --quiet
memcheck 0 "plot, braille" plot --task math --width 60 --height 18 --charset braille --color never --quiet
memcheck 0 "plot, ascii, colour" plot --task coding --width 40 --height 12 --charset ascii --color always --quiet
memcheck 0 "sweep, every method" sweep --data "$FULL" --budgets 0.2 --seeds 1 --quiet
memcheck 0 "sweep, json" sweep --data "$FULL" --task alpha --budgets 0.1,0.5 --seeds 2 --methods paper,random --format json --quiet

# Broken input: each loader stops part way and must free what it built.
printf 'model,flops,acc\nm-a,1e21,0.1\nm-b,2e21,0.2\n"m-c,3e21,0.3\nm-d,4e21,0.4\n' >"$cs_tmp/quote.csv"
printf 'model,flops,date,acc\nm-a,1e21,2024-01-01,0.1\nm-b,2e21,2024-02-30,0.2\n' >"$cs_tmp/date.csv"
printf 'model,flops,acc\nm-a,1e21,0.1\nm-b,2e21,0.2,0.9\n' >"$cs_tmp/ragged.csv"
printf 'model,flops,acc\nm-a,1e21,0.1\nm-b,2e21,0.2\nm-c,3e21,0.3\n' >"$cs_tmp/few.csv"
printf 'columns:\n  model: name\n  colour: red\n' >"$cs_tmp/unknown.yaml"
printf 'tasks: [acc, acc]\n' >"$cs_tmp/dup.yaml"
printf 'columns: {model: [name\n' >"$cs_tmp/malformed.yaml"
printf 'tasks: [nosuch]\n' >"$cs_tmp/missing.yaml"

memcheck 2 "fit, unterminated quote" fit --data "$cs_tmp/quote.csv"
memcheck 2 "predict, invalid date" predict --data "$cs_tmp/date.csv" --task acc --flops 1e22
memcheck 2 "splits, ragged row" splits --data "$cs_tmp/ragged.csv"
memcheck 2 "fit, too few rows" fit --data "$cs_tmp/few.csv"
memcheck 2 "fit, unknown config key" fit --config "$cs_tmp/unknown.yaml"
memcheck 2 "suggest, duplicate task in config" suggest --config "$cs_tmp/dup.yaml" --count 3
memcheck 2 "plot, malformed YAML" plot --config "$cs_tmp/malformed.yaml"
memcheck 2 "require, config task missing from the data" require --config "$cs_tmp/missing.yaml" --task nosuch --accuracy 0.5
memcheck 0 "sweep on the demo's fully scored rows (a subset)" sweep --task reasoning --budgets 0.1 --seeds 1 --methods random --quiet
memcheck 2 "fit, missing file" fit --data "$cs_tmp/does-not-exist.csv"
memcheck 2 "predict, bad option value" predict --task math --flops -3

echo "valgrind run: $(( $(date +%s) - start ))s"
finish
