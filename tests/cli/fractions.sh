#!/bin/sh
# A fraction written as a percentage or with a decimal comma is refused, as
# the grammar is a fraction (contract.md), with the way to write it: N% is
# N/100, and a decimal comma is a point.
. "$top_srcdir/tests/lib.sh"
refused() { # DESCRIPTION HINT COMMAND...
    local d=$1 hint=$2; shift 2
    expect_status 2 "$d" "$CAPSCOPE" "$@"
    check "$d: one line" [ "$(wc -l <"$cs_tmp/err")" -eq 1 ]
    check "$d: says '$hint'" grep -qF "; $hint (try" "$cs_tmp/err"
}
refused "suggest --budget 20%" "give a fraction: 0.2" suggest --budget 20%
refused "suggest --budget 12.5%" "give a fraction: 0.125" suggest --budget 12.5%
refused "suggest --budget 0,2" "use a point: 0.2" suggest --budget 0,2
refused "require --accuracy 50%" "give a fraction: 0.5" require --task math --accuracy 50%
refused "require --accuracy 0,5" "use a point: 0.5" require --task math --accuracy 0,5
refused "sweep --budgets 5%,10%" "give fractions: 0.05,0.1" sweep --budgets 5%,10%
refused "sweep --budgets 5%" "give a fraction: 0.05" sweep --budgets 5%
refused "fit --tau 98%" "give a fraction: 0.98" fit --tau 98%
refused "splits --drift-accuracy 20%" "give a fraction: 0.2" splits --drift --drift-accuracy 20%
refused "splits --drift-accuracy 0,5" "use a point: 0.5" splits --drift --drift-accuracy 0,5
# A number from 2 to 100 where a fraction goes is a percentage without its sign.
refused "require --accuracy 70" "give a fraction: 0.7" require --task math --accuracy 70
refused "fit --tau 98" "give a fraction: 0.98" fit --tau 98
# tau is strictly inside (0, 1): 100 gets no hint of 1, which is refused too.
expect_status 2 "fit --tau 100" "$CAPSCOPE" fit --tau 100
check "fit --tau 100: no hint of 1" sh -c '! grep -q "give a fraction" "$1"' sh "$cs_tmp/err"
refused "sweep --budgets 5,10" "give fractions: 0.05,0.1" sweep --budgets 5,10
# --budget 20 may be a cost as well: both readings.
refused "suggest --budget 20" "give a fraction: 0.2, or --budget-abs 20" suggest --budget 20
refused "suggest --budget 500" "for a cost, --budget-abs 500" suggest --budget 500
expect_status 2 "require --accuracy 1.5" "$CAPSCOPE" require --task math --accuracy 1.5
check "1.5: no hint" sh -c '! grep -q "give" "$1"' sh "$cs_tmp/err"
# No hint where none is right: past 100%, or a percentage in a list with a fraction.
expect_status 2 "suggest --budget 150%" "$CAPSCOPE" suggest --budget 150%
check "150%: no hint" sh -c '! grep -q "give\|use a point" "$1"' sh "$cs_tmp/err"
# In a list the comma separates items: 0,5 there is not 0.5.
expect_status 2 "sweep --budgets 0,5" "$CAPSCOPE" sweep --budgets 0,5
check "sweep --budgets 0,5: no decimal-comma hint" sh -c '! grep -q "use a point" "$1"' sh "$cs_tmp/err"
expect_status 2 "suggest --budget abc" "$CAPSCOPE" suggest --budget abc
check "abc: no hint" sh -c '! grep -q "give\|use a point" "$1"' sh "$cs_tmp/err"
# What was taken is still taken.
expect_status 0 "suggest --budget 0.2" "$CAPSCOPE" suggest --budget 0.2
finish
