#!/bin/sh
# plot.sh - `capscope plot`: the size it is given is the size it prints, the
# ascii charset prints only ASCII, colour follows --color, and bad options
# are usage errors (exit 2). Runs on the built-in demo data, and on
# $CAPSCOPE_SHARED_DATA/oll_reeval.csv when it is there.
. "$top_srcdir/tests/lib.sh"

# fits W H FILE: at most H lines and no line wider than W columns (wc -L
# counts display columns in the UTF-8 locale the test harness sets).
fits() {
    [ "$(wc -l <"$3")" -le "$2" ] && [ "$(wc -L <"$3")" -le "$1" ]
}
lines() { wc -l <"$1" | tr -d ' '; }
# Bytes outside printable ASCII, newline excepted.
non_ascii() { LC_ALL=C tr -d '\n -~' <"$1" | wc -c | tr -d ' '; }
has_esc() { LC_ALL=C grep -q "$(printf '\033')\\[" "$1"; }

# --- the demo data --------------------------------------------------------
expect_status 0 "plot on the demo data, 80x24 ascii" \
    "$CAPSCOPE" plot --width 80 --height 24 --charset ascii --color never
cp "$cs_tmp/out" "$cs_tmp/demo80"
check "80x24: at most 24 lines, none wider than 80" fits 80 24 "$cs_tmp/demo80"
check "80x24: exactly 24 lines (the help promises H lines)" [ "$(lines "$cs_tmp/demo80")" -eq 24 ]
check "ascii output is pure ASCII" [ "$(non_ascii "$cs_tmp/demo80")" -eq 0 ]
check "--color never: no escape sequences" sh -c '! LC_ALL=C grep -q "$(printf "\033")" "$1"' sh "$cs_tmp/demo80"
check "title line names n and the fitted parameters" \
    grep -q 'n=[0-9][0-9]*  y0=[0-9.]* L=[0-9.]* z\*=[0-9.]* b=[0-9.]*' "$cs_tmp/demo80"
check "legend line explains the density marks and the boundary" \
    sh -c 'tail -n 1 "$1" | grep -q "models per cell:.*boundary (tau 0.98)"' sh "$cs_tmp/demo80"
check "x axis labelled in decades of FLOPs" grep -q '1e2[0-9]' "$cs_tmp/demo80"
check "y axis labelled 0 .. 1" sh -c 'grep -q "^ *0.5 +" "$1" && grep -q "^ *1 +" "$1"' sh "$cs_tmp/demo80"

for size in "40 12" "120 40" "72 20" "200 60" "30 8" "12 5" "1 1" "2 2"; do
    set -- $size
    for cs in braille block ascii; do
        expect_status 0 "plot ${1}x$2 $cs" "$CAPSCOPE" plot --width "$1" --height "$2" --charset "$cs" --color never
        check "${1}x$2 $cs fits" fits "$1" "$2" "$cs_tmp/out"
        check "${1}x$2 $cs has exactly $2 lines" [ "$(lines "$cs_tmp/out")" -eq "$2" ]
    done
    check "${1}x$2 ascii is pure ASCII" [ "$(non_ascii "$cs_tmp/out")" -eq 0 ]
done

expect_status 0 "braille plot" "$CAPSCOPE" plot --width 80 --height 24 --charset braille --color never
# Braille patterns are U+2800..U+28FF: UTF-8 E2 A0..A3 xx.
check "braille output holds braille patterns" env LC_ALL=C grep -q "$(printf '\342[\240-\243]')" "$cs_tmp/out"
check "braille output labels decades as 10 with superscripts" grep -q '10²' "$cs_tmp/out"
expect_status 0 "block plot" "$CAPSCOPE" plot --width 80 --height 24 --charset block --color never
check "block output holds quadrant or half blocks (U+2580..U+259F)" \
    env LC_ALL=C grep -q "$(printf '\342\226[\200-\237]')" "$cs_tmp/out"

# --- colour -----------------------------------------------------------------
expect_status 0 "--color always" "$CAPSCOPE" plot --width 80 --height 24 --charset ascii --color always
check "--color always emits SGR sequences" has_esc "$cs_tmp/out"
check "--color always: the boundary is red (SGR 31)" env LC_ALL=C grep -q "$(printf '\033')\\[31m" "$cs_tmp/out"
check "--color always: lines still fit 80 columns once the escapes are removed" \
    sh -c 'sed "s/$(printf "\033")\[[0-9;]*m//g" "$1" >"$1.plain" && [ "$(wc -L <"$1.plain")" -le 80 ] && [ "$(wc -l <"$1.plain")" -le 24 ]' sh "$cs_tmp/out"
expect_status 0 "--color auto, stdout not a terminal" "$CAPSCOPE" plot --charset ascii
check "--color auto into a file: no colour" sh -c '! LC_ALL=C grep -q "$(printf "\033")" "$1"' sh "$cs_tmp/out"
check "not a terminal: 80x24 by default" sh -c '[ "$(wc -l <"$1")" -eq 24 ] && [ "$(wc -L <"$1")" -le 80 ]' sh "$cs_tmp/out"
# On a terminal the default size is that terminal's (standard output's), and
# into a pipe 80x24 even when a terminal is there, as --help and the manual
# say: 'capscope plot | less -R' is not as wide as the terminal. util-linux's
# script(1) gives a pseudo-terminal of 50x12 (BSD's takes other options).
if pty_script; then
    SHELL=/bin/sh script -qec "stty cols 50 rows 12; '$CAPSCOPE' plot --charset ascii --color never" /dev/null |
        tr -d '\r' > "$cs_tmp/pty_plot"
    check "stdout a 50x12 terminal: 12 lines, none wider than 50 (got $(wc -l <"$cs_tmp/pty_plot")x$(wc -L <"$cs_tmp/pty_plot"))" \
        sh -c '[ "$(wc -l <"$1")" -eq 12 ] && [ "$(wc -L <"$1")" -le 50 ] && [ "$(wc -L <"$1")" -gt 40 ]' sh "$cs_tmp/pty_plot"
    SHELL=/bin/sh script -qec "stty cols 50 rows 12; '$CAPSCOPE' plot --charset ascii --color never | cat > '$cs_tmp/pty_pipe'" /dev/null >/dev/null
    check "stdout a pipe on a 50x12 terminal: 80x24 (got $(wc -l <"$cs_tmp/pty_pipe")x$(wc -L <"$cs_tmp/pty_pipe"))" \
        sh -c '[ "$(wc -l <"$1")" -eq 24 ] && [ "$(wc -L <"$1")" -le 80 ] && [ "$(wc -L <"$1")" -gt 50 ]' sh "$cs_tmp/pty_pipe"
    # --color auto on a terminal: colours unless NO_COLOR is set and not
    # empty (no-color.org), or TERM is dumb, empty or unset, as --help and
    # the manual say.
    for case in "1:TERM=xterm" "0:TERM=xterm NO_COLOR=1" "1:TERM=xterm NO_COLOR=" "0:TERM=dumb" "0:TERM=" "0:"; do
        want=${case%%:*} envs=${case#*:}
        # shellcheck disable=SC2086  # the assignments are words
        env -u TERM -u NO_COLOR $envs SHELL=/bin/sh script -qec "'$CAPSCOPE' plot --charset ascii --width 40 --height 10" /dev/null > "$cs_tmp/pty_colour"
        if [ "$want" = 1 ]; then
            check "--color auto on a terminal with '${envs:-TERM unset}': colours" has_esc "$cs_tmp/pty_colour"
        else
            ! has_esc "$cs_tmp/pty_colour" && ok "--color auto on a terminal with '${envs:-TERM unset}': no colour" ||
                fail "--color auto on a terminal with '${envs:-TERM unset}': coloured"
        fi
    done
else
    echo "note: the terminal-size default and --color auto on a terminal are not checked"
fi
# The cases above are those --help gives, as the manual does: TERM empty too.
check "--help says --color auto leaves out colour where TERM is dumb, empty or unset" \
    sh -c '"$1" plot --help | tr "\n" " " | tr -s " " | grep -q -- "or TERM is dumb, empty or unset)"' sh "$CAPSCOPE"
check "--help says the default size is standard output's terminal's, 80x24 into a pipe" \
    sh -c '"$1" plot --help | tr "\n" " " | tr -s " " | grep -q -- "--width W columns (default: the width of the terminal on standard output; into a pipe or a file, 80) --height H lines (default: that terminal.s height; into a pipe or a file, 24)"' sh "$CAPSCOPE"
expect_status 0 "NO_COLOR with --color always still colours (explicit wins)" \
    env NO_COLOR=1 "$CAPSCOPE" plot --charset ascii --color always
check "explicit --color always beats NO_COLOR" has_esc "$cs_tmp/out"

# --- the charset follows the locale unless told -----------------------------
expect_status 0 "C locale, no --charset" env LC_ALL=C "$CAPSCOPE" plot --width 60 --height 15
check "C locale: ascii by default" [ "$(non_ascii "$cs_tmp/out")" -eq 0 ]
if locale -a 2>/dev/null | grep -qi '^c\.utf-\{0,1\}8$'; then
    expect_status 0 "UTF-8 locale, no --charset" env LC_ALL=C.UTF-8 TERM=xterm "$CAPSCOPE" plot --width 60 --height 15
    check "UTF-8 locale: braille by default" env LC_ALL=C grep -q "$(printf '\342[\240-\243]')" "$cs_tmp/out"
    cp "$cs_tmp/out" "$cs_tmp/default.txt"
    expect_status 0 "UTF-8 locale, --charset auto" env LC_ALL=C.UTF-8 TERM=xterm "$CAPSCOPE" plot --width 60 --height 15 --charset ascii --charset auto
    check "auto, the last word, is the default's drawing" cmp -s "$cs_tmp/out" "$cs_tmp/default.txt"
    # The Linux console's kernel font has no braille: ascii there, as in the
    # interface (it drew boxes).
    expect_status 0 "UTF-8 locale on the Linux console" env LC_ALL=C.UTF-8 TERM=linux "$CAPSCOPE" plot --width 60 --height 15
    check "the Linux console: ascii by default" [ "$(non_ascii "$cs_tmp/out")" -eq 0 ]
fi
expect_status 0 "C locale, --charset auto" env LC_ALL=C "$CAPSCOPE" plot --width 60 --height 15 --charset auto
check "C locale, auto: ascii" [ "$(non_ascii "$cs_tmp/out")" -eq 0 ]
# The synopsis names every word --charset takes, auto too, in --help and
# in the manual's plot entry.
expect_status 0 "plot --help" "$CAPSCOPE" plot --help
check "plot --help's synopsis names --charset auto" grep -qF "[--charset braille|block|ascii|auto]" "$cs_tmp/out"
check "the manual's plot entry names --charset auto" grep -qF 'charset braille|block|ascii|auto\fR]' "$top_builddir/man/capscope.1"

# --- usage errors -------------------------------------------------------------
expect_status 2 "bad --charset" "$CAPSCOPE" plot --charset unicode
check "bad --charset says what is allowed" grep -q 'capscope: plot: --charset must be braille, block, ascii or auto' "$cs_tmp/err"
expect_status 2 "bad --color" "$CAPSCOPE" plot --color sometimes
expect_status 2 "--width 0" "$CAPSCOPE" plot --width 0
expect_status 2 "--width not a number" "$CAPSCOPE" plot --width 80x
expect_status 2 "--height negative" "$CAPSCOPE" plot --height -3
expect_status 2 "--width x --height too large" "$CAPSCOPE" plot --width 4096 --height 4096
expect_status 2 "two --task" "$CAPSCOPE" plot --task math --task coding
expect_status 2 "unknown task" "$CAPSCOPE" plot --task no_such_task
expect_status 2 "unknown option" "$CAPSCOPE" plot --frobnicate
expect_status 0 "--help" "$CAPSCOPE" plot --help
check "--help names the charsets and the colour setting" \
    sh -c 'grep -q -- "--charset" "$1" && grep -q "braille" "$1" && grep -q -- "--color" "$1"' sh "$cs_tmp/out"

# --- a small file of our own: the task picked and its rows counted -------------
cat >"$cs_tmp/two.csv" <<'EOF'
model,flops,alpha,beta
a,1e21,0.10,0.5
b,3e21,0.20,0.5
c,1e22,0.30,
d,3e22,0.50,0.6
e,1e23,0.60,0.7
f,3e23,0.70,0.8
EOF
expect_status 0 "plot --task beta of a small file" \
    "$CAPSCOPE" plot --data "$cs_tmp/two.csv" --task beta --width 60 --height 16 --charset ascii
check "the title names the task and its 5 scored rows" grep -q '^beta  n=5 ' "$cs_tmp/out"
expect_status 0 "plot without --task draws the first task" \
    "$CAPSCOPE" plot --data "$cs_tmp/two.csv" --width 60 --height 16 --charset ascii
check "first task: alpha, 6 rows" grep -q '^alpha  n=6 ' "$cs_tmp/out"
expect_status 2 "plot of a missing file" "$CAPSCOPE" plot --data "$cs_tmp/missing.csv"

# A narrow title leaves out the fields that do not fit, never cuts one: a
# number cut at the edge reads as another (z*=21.09 as z*=21.0, b=0.398 as
# b=0). So at every width the title is the wide title up to the end of a
# field: the wide title goes on with a space there, or ends.
"$CAPSCOPE" plot --data "$cs_tmp/two.csv" --task beta --width 200 --height 8 --charset ascii \
    | head -n 1 >"$cs_tmp/title_full"
cut_ok=1
for w in 5 8 10 12 15 18 20 22 25 28 30 32 35 38 40 42 45 48 50; do
    # A plot that failed or printed nothing left no title for the awk
    # below to read, which then passed: the title must be there, and hold
    # at least the task's name (beta fits in every width here).
    "$CAPSCOPE" plot --data "$cs_tmp/two.csv" --task beta --width "$w" --height 8 --charset ascii \
        >"$cs_tmp/plot_w" || { echo "plot at width $w: exit $?"; cut_ok=0; }
    head -n 1 "$cs_tmp/plot_w" >"$cs_tmp/title_w"
    grep -q '^beta' "$cs_tmp/title_w" || { cut_ok=0; echo "no title at width $w: '$(cat "$cs_tmp/title_w")'"; }
    awk -v w="$w" 'NR == FNR { full = $0; next }
        { t = $0; sub(/ +$/, "", t)
          if (length(t) > w || substr(full, 1, length(t)) != t) exit 1
          rest = substr(full, length(t) + 1)
          if (rest != "" && rest !~ /^ /) exit 1 }' \
        "$cs_tmp/title_full" "$cs_tmp/title_w" || { cut_ok=0; echo "cut title at $w: $(cat "$cs_tmp/title_w")"; }
done
check "a narrow title holds whole fields only" [ "$cut_ok" -eq 1 ]
check "the wide title holds every field" grep -q '^beta  n=5  y0=[0-9.]* L=[0-9.]* z\*=[0-9.]* b=[0-9.]*$' "$cs_tmp/title_full"

# --- the third-party data, when present ----------------------------------------
if [ -r "$OLL" ]; then
    expect_status 0 "plot math_lvl5 of oll_reeval.csv, 80x24 ascii" \
        "$CAPSCOPE" plot --data "$OLL" --task math_lvl5 --width 80 --height 24 --charset ascii --color never
    check "oll 80x24 fits" fits 80 24 "$cs_tmp/out"
    check "oll 80x24: at least 10 lines" [ "$(lines "$cs_tmp/out")" -ge 10 ]
    check "oll ascii is pure ASCII" [ "$(non_ascii "$cs_tmp/out")" -eq 0 ]
    # data/README of the shared set: 2409 rows, every one scored on math_lvl5.
    check "oll title: math_lvl5, n=2409" grep -q '^math_lvl5  n=2409 ' "$cs_tmp/out"
    check "oll: crowded cells show as @" grep -q '@' "$cs_tmp/out"
    for cs in braille block; do
        expect_status 0 "oll 100x30 $cs" "$CAPSCOPE" plot --data "$OLL" --task ifeval --width 100 --height 30 --charset "$cs"
        check "oll 100x30 $cs fits" fits 100 30 "$cs_tmp/out"
    done
else
    echo "note: $OLL is absent: the oll_reeval.csv checks are skipped"
fi

# --format csv: the numbers behind the drawing. The boundary is monotone,
# inside [0, 1], one row per plot column (fewer than --width), and each q
# equals what `predict` gives at that compute.
"$CAPSCOPE" plot --task math --width 60 --height 20 --format csv > "$cs_tmp/curve.csv" 2>"$cs_tmp/err"
check "plot --format csv exits 0" [ $? -eq 0 ]
rows=$(($(wc -l < "$cs_tmp/curve.csv") - 1))
check "plot --format csv: one row per column, fewer than the width ($rows)" [ "$rows" -gt 20 -a "$rows" -lt 60 ]
check "plot --format csv: q is monotone and in [0, 1]" awk -F, 'NR > 1 { if ($NF < 0 || $NF > 1 || (NR > 2 && $NF < prev - 1e-12)) bad = 1; prev = $NF } END { exit bad }' "$cs_tmp/curve.csv"
mid=$(awk -F, -v r=$((rows / 2 + 1)) 'NR == r + 1 { print $(NF - 1), $NF }' "$cs_tmp/curve.csv")
q_pred=$("$CAPSCOPE" predict --task math --flops "${mid%% *}" --format csv | awk -F, 'NR == 2 { print $4 }')
check "plot's curve agrees with predict at ${mid%% *} FLOPs" approx "${mid##* }" "$q_pred" 1e-6

finish
