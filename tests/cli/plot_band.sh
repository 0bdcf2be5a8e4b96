#!/bin/sh
# plot --band: the boundary's 90% pointwise band (band.h), as the
# interface's b key shows it, in each of plot's outputs: shaded in the text
# drawing, a polygon in the SVG, q_lo and q_hi in JSON and CSV; a note, and
# nulls, where it cannot be had (fewer than 8 rows).
. "$top_srcdir/tests/lib.sh"
need_jq
jqt() { "$JQ" -e "$@" >/dev/null; }

# The numbers: q +- 1.645 sd, cut to [0, 1], so q_lo <= q <= q_hi in every
# column, and the two sides are equal wherever neither is cut.
expect_status 0 "plot --band, JSON" "$CAPSCOPE" plot --task math --band --width 80 --height 24 --format json
check "q_lo <= q <= q_hi in every column" jqt '[.curve[] | .q_lo <= .q and .q <= .q_hi] | all' "$cs_tmp/out"
check "the band has a width" jqt '[.curve[] | .q_hi - .q_lo > 0.001] | all' "$cs_tmp/out"
check "symmetric where not cut at 0 or 1" \
    jqt '[.curve[] | select(.q_lo > 0 and .q_hi < 1) | ((.q_hi - .q) - (.q - .q_lo)) | fabs < 1e-4] | all' "$cs_tmp/out"
check "nothing on stderr" test ! -s "$cs_tmp/err"
expect_status 0 "plot without --band, JSON" "$CAPSCOPE" plot --task math --width 80 --height 24 --format json
check "no q_lo or q_hi without --band" jqt '[.curve[] | has("q_lo") or has("q_hi")] | any | not' "$cs_tmp/out"
expect_status 0 "plot --band, CSV" "$CAPSCOPE" plot --task math --band --width 80 --height 24 --format csv
check "CSV: q_lo and q_hi after q" grep -q '^task,n,tau,y0,L,z_star,b,column,z,flops,q,q_lo,q_hi$' "$cs_tmp/out"

# The drawing: ':' in the plot's empty cells (between the title and the
# axis; the legend's "models per cell:" is after it), none without --band.
area_colons() { awk 'NR > 1 && /^ *\+-/ { exit } NR > 1 { n += gsub(/:/, ":") } END { print n + 0 }' "$1"; }
expect_status 0 "plot --band, text" "$CAPSCOPE" plot --task math --band --width 80 --height 24 --charset ascii --color never
check "the title says the band is drawn" grep -q '^math .*  90% band$' "$cs_tmp/out"
check "the band is shaded" test "$(area_colons "$cs_tmp/out")" -gt 20
check "24 lines still" test "$(wc -l <"$cs_tmp/out")" -eq 24
# Over the whole view, as the curve is drawn and JSON gives q_lo and q_hi:
# the view's margins, beyond the compute of the rows, are shaded too (the
# drawing left them bare while the SVG and the numbers held the band there).
# The area starts after the axis' "|" (column 7 of the line) and its last
# column is the axis line's last; math's band there spans more than a row.
edge_colons() { awk -v c="$2" 'NR > 1 && /^ *\+-/ { exit } NR > 1 && substr($0, c, 1) == ":" { n++ } END { print n + 0 }' "$1"; }
last_col=$(awk '/^ *\+-/ { print length($0); exit }' "$cs_tmp/out")
check "the first column of the view is shaded" test "$(edge_colons "$cs_tmp/out" 7)" -gt 0
check "the last column of the view is shaded" test "$(edge_colons "$cs_tmp/out" "$last_col")" -gt 0
expect_status 0 "plot, text" "$CAPSCOPE" plot --task math --width 80 --height 24 --charset ascii --color never
check "no shade without --band" test "$(area_colons "$cs_tmp/out")" -eq 0
check "no band in the title" sh -c '! grep -q "90% band" "$1"' sh "$cs_tmp/out"
# A long task name at 80 columns: the title cannot hold every field, and
# the band's words are all that names its shading, so a parameter gives
# way to them, not they to it (31 + 41 + 10 columns did not fit 80).
printf 'model,flops,mmlu_pro_chain_of_thought_5shot\n' >"$cs_tmp/long.csv"
for i in 1 2 3 4 5 6 7 8 9 10; do printf 'm%s,1e2%s,0.%s\n' "$i" "$((i % 5))" "$i"; done >>"$cs_tmp/long.csv"
expect_status 0 "plot --band, a long task name" "$CAPSCOPE" plot --data "$cs_tmp/long.csv" --band --width 80 --height 16 --charset ascii --color never
check "the band is shaded" test "$(area_colons "$cs_tmp/out")" -gt 20
check "the title names it, within 80 columns" sh -c 'head -n 1 "$1" | grep -q "^mmlu_pro_chain_of_thought_5shot  n=10 .*  90% band$" && test "$(head -n 1 "$1" | wc -c)" -le 81' sh "$cs_tmp/out"

expect_status 0 "plot --band, SVG" "$CAPSCOPE" plot --task math --band --format svg
check "the SVG has the band's polygon" grep -q '<polygon class="band"' "$cs_tmp/out"
# One band: without suggestions to add, the band after them is today's
# (band.h), and the text shades one (cs_plot_shade_band); a second polygon
# over the first doubled its shade.
check "and no band after suggestions, as there are none" sh -c '! grep -q "class=\"band-after\"" "$1"' sh "$cs_tmp/out"
expect_status 0 "plot, SVG" "$CAPSCOPE" plot --task math --format svg
check "no band polygon without --band" sh -c '! grep -q "class=\"band" "$1"' sh "$cs_tmp/out"

# Five rows are too few for the band's normal approximation (band.h: at
# least 8): a note, the drawing without it, nulls in the numbers.
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.3\nc,1e23,0.5\nd,1e24,0.6\ne,1e25,0.7\n' >"$cs_tmp/five.csv"
expect_status 0 "plot --band on 5 rows" "$CAPSCOPE" plot --data "$cs_tmp/five.csv" --band --format json
check "a note says why there is no band" grep -q '^capscope: note: no band: the boundary is fitted on 5 rows, the band needs 8$' "$cs_tmp/err"
check "q_lo and q_hi null" jqt '[.curve[] | .q_lo == null and .q_hi == null] | all' "$cs_tmp/out"
expect_status 0 "plot --band on 5 rows, --quiet" "$CAPSCOPE" plot --data "$cs_tmp/five.csv" --band --quiet
check "--quiet: no note" test ! -s "$cs_tmp/err"
check "and no band in the title" sh -c '! grep -q "90% band" "$1"' sh "$cs_tmp/out"
finish
