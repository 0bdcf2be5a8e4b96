#!/bin/sh
# suggest's picks: an empty base_model cell is a missing value (contract:
# "An empty cell is a missing value"), written as a value that does not
# exist is (the manual, --format: null in JSON, empty in CSV, - in a table),
# as it already was when the file has no base_model column and as an empty
# date is. It was written as the empty string "", and as a blank table cell.
. "$top_srcdir/tests/lib.sh"
need_jq

# Four rows, all picked with --count 4: every base_model and date cell is empty.
d="$cs_tmp/one.csv"
printf 'model,base_model,flops,date,params_b,acc\na,,1e21,,1,0.1\nb,,1e22,,1,0.2\nc,,1e23,,1,0.4\nd,,1e24,,1,0.6\n' >"$d"

expect_status 0 "suggest --format json" "$CAPSCOPE" suggest --data "$d" --pool all --count 4 --format json
check "four picks" test "$("$JQ" '.picked | length' "$cs_tmp/out")" -eq 4
jqt() { "$JQ" -e "$@" >/dev/null; }
check "every pick's base_model is null" jqt '[.picked[] | .base_model == null] | all' "$cs_tmp/out"
check "every pick's date is null" jqt '[.picked[] | .date == null] | all' "$cs_tmp/out"

expect_status 0 "suggest --format table" "$CAPSCOPE" suggest --data "$d" --pool all --count 4
# The pick rows are the lines that start with a rank; the last two cells
# are base_model and date, each '-'.
check "every pick's base_model and date are - in the table" \
    awk '$1 ~ /^[1-4]$/ { n++; if ($(NF - 1) != "-" || $NF != "-") bad = 1 }
         END { exit !(n == 4 && !bad) }' "$cs_tmp/out"

expect_status 0 "suggest --format csv" "$CAPSCOPE" suggest --data "$d" --pool all --count 4 --format csv
check "every pick's base_model and date are empty in CSV" \
    awk -F, 'NR > 1 { n++; if ($(NF - 1) != "" || $NF != "") bad = 1 } END { exit !(n == 4 && !bad) }' "$cs_tmp/out"
finish
