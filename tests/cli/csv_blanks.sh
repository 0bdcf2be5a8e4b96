#!/bin/sh
# A name with a blank at either end survives a round trip through
# capscope's own CSV: the reader drops spaces and tabs around an unquoted
# field (a header "model, flops"), so the writer quotes such a field. A
# script that cut the model column from suggest's CSV and handed it back to
# score --from named another model (" lead" came back as "lead").
. "$top_srcdir/tests/lib.sh"

cd "$cs_tmp" || exit 1
tab=$(printf '\t')
# Four scored rows of acc; the three unscored ones have a blank at an end.
cat > blanks.csv <<EOF
model,flops,params_b,acc
m1,1e21,1,0.10
m2,1e22,2,0.20
m3,1e23,3,0.40
m4,1e24,4,0.60
" lead",1e22,1,
"trail ",1e23,1,
"${tab}tab${tab}",1e24,1,
EOF
expect_status 0 "suggest --format csv" "$CAPSCOPE" suggest --data blanks.csv --task acc --count 3 --format csv --quiet
cp out sug.csv
# RFC 4180 allows quotes around any field; these three need them here.
check "' lead' is quoted" grep -q ',[0-9]*," lead",' sug.csv
check "'trail ' is quoted" grep -q ',[0-9]*,"trail ",' sug.csv
check "the tab name is quoted" grep -q ",[0-9]*,\"${tab}tab${tab}\"," sug.csv
check "three picks" test "$(wc -l < sug.csv)" -eq 4

# The model column, cut as a script cuts it (no name here holds a comma),
# handed back as MODEL,TASK,VALUE records.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["model"] ",acc,0.5" }' sug.csv > back.csv
expect_status 0 "score --from the cut model column" "$CAPSCOPE" score --data blanks.csv --from back.csv --quiet
expect_status 0 "score --list --format csv" "$CAPSCOPE" score --data blanks.csv --list --format csv
# --list writes names by the same rule: each, quoted, on its own record.
check "' lead' scored" grep -q 'Z," lead",acc,0.5,,true$' out
check "'trail ' scored" grep -q 'Z,"trail ",acc,0.5,,true$' out
check "the tab name scored" grep -q "Z,\"${tab}tab${tab}\",acc,0.5,,true$" out
expect_status 0 "fit after" "$CAPSCOPE" fit --data blanks.csv --task acc --format csv --quiet
check "fit counts the 4 rows and the 3 entered" \
    test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c["n"] }' out)" = 7
finish
