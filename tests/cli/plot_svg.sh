#!/bin/sh
# plot --format svg: the drawing as an SVG document on stdout, for a paper,
# without opening the interface (whose :export FILE.svg was the only way).
# Its size is in pixels (800 x 500 by default, as the export's); its
# boundary is the fitted one, checked here against fit's parameters through
# the formula of method.md and the page's margins of svg.h (56 left, 28 top,
# 16 right, 44 bottom), not against the program's own drawing.
. "$top_srcdir/tests/lib.sh"
d=$cs_tmp
# Eight models at four compute levels, each at a distinct accuracy: eight
# points far apart, so eight dots.
cat >"$d/lab.csv" <<'CSV'
model,flops,date,params_b,acc
m1,1e21,2024-01-01,1,0.10
m2,1e21,2024-02-01,1,0.20
m3,1e22,2024-03-01,2,0.25
m4,1e22,2024-04-01,2,0.35
m5,1e23,2024-05-01,4,0.45
m6,1e23,2024-06-01,4,0.60
m7,1e24,2024-07-01,8,0.70
m8,1e24,2024-08-01,8,0.80
CSV

expect_status 0 "plot --format svg 640x400" "$CAPSCOPE" plot --data "$d/lab.csv" --format svg --width 640 --height 400
cp "$cs_tmp/out" "$d/p.svg"
check "an XML document" [ "$(head -n 1 "$d/p.svg")" = '<?xml version="1.0" encoding="UTF-8"?>' ]
check "640 x 400 pixels" grep -q '<svg [^>]*width="640" height="400"' "$d/p.svg"
check "the document ends" [ "$(tail -n 1 "$d/p.svg")" = "</svg>" ]
check "nothing on stderr" test ! -s "$cs_tmp/err"
check "the title names the task" grep -q '<title>acc  n=8 ' "$d/p.svg"
check "eight models, eight dots" [ "$(grep -c '<circle' "$d/p.svg")" -eq 8 ]
if command -v python3 >/dev/null 2>&1; then
    check "well-formed XML" python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$d/p.svg"
fi

# The boundary's ends: the view reaches past the data on both sides, where
# the curve is flat at q(z_min) and q(z_max); at height 400 the plot area is
# 400 - 28 - 44 = 328 pixels tall, from y = 28 (accuracy 1) down.
expect_status 0 "fit --format csv" "$CAPSCOPE" fit --data "$d/lab.csv" --format csv
want_y() { # want_y END: the pixel row of q at z_min (1) or z_max (2)
    awk -F, -v end="$1" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { z = end == 1 ? $c["z_min"] : $c["z_max"]
          q = $c["y0"] + $c["L"] / (1 + exp(-$c["b"] * (z - $c["z_star"])))
          printf "%.4f\n", 28 + (1 - q) * 328 }' "$cs_tmp/out"
}
curve=$(grep -o '<polyline [^>]*points="[^"]*"' "$d/p.svg" | sed 's/.*points="//; s/"$//')
first=$(echo "$curve" | awk '{ split($1, p, ","); print p[2] }')
last=$(echo "$curve" | awk '{ split($NF, p, ","); print p[2] }')
check "the curve starts at q(z_min) ($first against $(want_y 1))" approx "$first" "$(want_y 1)" 0.006
check "the curve ends at q(z_max) ($last against $(want_y 2))" approx "$last" "$(want_y 2)" 0.006
check "201 points on the curve" [ "$(echo "$curve" | wc -w)" -eq 201 ]

expect_status 0 "plot --format svg, no size" "$CAPSCOPE" plot --data "$d/lab.csv" --format svg
check "800 x 500 by default, into a file" grep -q '<svg [^>]*width="800" height="500"' "$cs_tmp/out"

expect_status 2 "an SVG narrower than its margins" "$CAPSCOPE" plot --data "$d/lab.csv" --format svg --width 72
check "says the least size" grep -q "at least 73 x 73 pixels" "$cs_tmp/err"
check "and prints nothing" test ! -s "$cs_tmp/out"
expect_status 2 "--format xml" "$CAPSCOPE" plot --data "$d/lab.csv" --format xml
check "plot's refusal names svg" grep -q "table, json, csv or svg" "$cs_tmp/err"
expect_status 2 "fit --format svg" "$CAPSCOPE" fit --data "$d/lab.csv" --format svg
check "fit's does not" grep -q "table, json or csv, not 'svg'" "$cs_tmp/err"
if [ -w /dev/full ]; then
    "$CAPSCOPE" plot --data "$d/lab.csv" --format svg >/dev/full 2>"$d/full.err"
    check "a full disk: status 1" [ $? -eq 1 ]
    check "a full disk: says so" grep -q "no space left" "$d/full.err"
fi
finish
