#!/bin/sh
# capscope score: scores entered from a script, as :score and :undo enter
# them, in the data file's journal; what fit and suggest then see; the
# refusals (in the interface's words) and --from's all or nothing.
. "$top_srcdir/tests/lib.sh"

cd "$cs_tmp" || exit 1
# Ten models, m7 and m8 without a score: by hand, fit has n = 8 scored
# rows, and suggest's unscored pool is m7 and m8, costing 2 + 4 = 6.
cat > tiny.csv <<'EOF'
model,flops,params_b,acc,other
m1,1e21,1,0.10,0.5
m2,1e22,2,0.20,0.5
m3,1e23,3,0.40,0.5
m4,1e24,4,0.60,0.5
m5,1e21,1,0.05,0.5
m6,1e23,3,0.30,0.5
m7,1e22,2,,0.5
m8,1e24,4,,0.5
run-a1,1e22,1,0.5,0.5
run-a2,1e22,1,0.5,0.5
EOF
J=tiny.csv.journal
# col CSV NAME: the column NAME of the CSV's first record
col() { awk -F, -v n="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { print $c[n] }' "$1"; }
fit_n() { "$CAPSCOPE" fit --data tiny.csv --task acc --format csv --quiet > fit.csv && col fit.csv n; }
picks() { "$CAPSCOPE" suggest --data tiny.csv --task acc --count 5 --format csv --quiet |
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR > 1 { printf "%s ", $c["model"] }'; }
pool_cost() { "$CAPSCOPE" suggest --data tiny.csv --task acc --count 5 --format csv --quiet > sug.csv && col sug.csv pool_cost; }

check "before: fit has the 8 scored rows" test "$(fit_n)" = 8
check "before: suggest picks from m7 and m8" test "$(picks)" = "m8 m7 "

# --- Refusals of one score: status 2, a clear word, and no journal made.
expect_status 2 "a model not in the data" "$CAPSCOPE" score --data tiny.csv m9x acc 0.5
check "it says which" grep -q "^capscope: score: no model 'm9x'" err
expect_status 2 "a near name" "$CAPSCOPE" score --data tiny.csv M7 acc 0.5
check "did you mean the one name at 0 edits (case)" grep -q "did you mean 'm7'? (case differs)" err
expect_status 2 "an ambiguous name" "$CAPSCOPE" score --data tiny.csv run-a3 acc 0.5
check "the choices are listed" grep -q "no model 'run-a3': 2 names are as near: run-a1, run-a2" err
expect_status 2 "a task not in the data" "$CAPSCOPE" score --data tiny.csv m7 acx 0.5
check "did you mean the task" grep -q "no task 'acx': did you mean 'acc'? (tasks: acc, other)" err
# Two tasks the typed name only begins, or is as near to: no guess, as the
# interface and --task refuse them (namelist.h, cs_typo_guess); a guess of
# the first would be a coin toss, and its score would go to the wrong task.
printf 'model,flops,params_b,math_a,math_b\nm1,1e21,1,0.1,0.2\nm2,1e22,2,0.2,\n' > two.csv
expect_status 2 "a task name that begins two" "$CAPSCOPE" score --data two.csv m2 math 0.5
check "no guess: the start of 2 tasks" grep -q "no task 'math': the start of 2 tasks (tasks: math_a, math_b)" err
expect_status 2 "a task name as near to two" "$CAPSCOPE" score --data two.csv m2 math_c 0.5
check "no guess: as near to 2 tasks" grep -q "no task 'math_c': as near to 2 tasks (tasks: math_a, math_b)" err
expect_status 2 "a task name off by case from one" "$CAPSCOPE" score --data two.csv m2 MATH_B 0.5
check "the one guess, case said" grep -q "no task 'MATH_B': did you mean 'math_b'? (case differs; tasks: math_a, math_b)" err
# A column of the data that is no task (a stray N/A among its scores) is
# refused with the load's word of why, in --from too: it was refused as
# "no task 'bbh': did you mean 'bbh v2'?", a task of another column.
printf 'model,flops,bbh,bbh v2\nm1,1e21,0.1,0.2\nm2,1e22,0.2,\nm3,1e23,N/A,0.3\nm4,1e24,0.4,0.4\nm5,1e24,0.5,0.5\n' > stray.csv
expect_status 2 "a column that is no task" "$CAPSCOPE" score --data stray.csv m2 bbh 0.5
check "its warning says why" grep -q "no task 'bbh': stray.csv:4: column 'bbh' is not a task: 'N/A' is not a number" err
check "no guess of a task of another column" sh -c "! grep -q 'did you mean' err"
printf 'm2,bbh v2,0.5\nm2,bbh,0.5\n' > stray_from.csv
expect_status 2 "a column that is no task, in --from" "$CAPSCOPE" score --data stray.csv --from stray_from.csv
check "--from: its warning says why" grep -q "^capscope: stray_from.csv:2: no task 'bbh': stray.csv:4: column 'bbh' is not a task" err
# A model whose row has no flops is in the file but not in the data the
# fits see: refused as that, with its line, not as "no model 'm2' in the
# data" (a script's author would look for a misspelt name).
printf 'model,flops,acc\nm1,1e21,0.1\nm2,,0.2\nm3,1e23,0.3\nm4,1e24,\nm5,1e24,0.5\n' > noflops.csv
expect_status 2 "a model whose row has no flops" "$CAPSCOPE" score --data noflops.csv m2 acc 0.5
check "it says the row has no flops, and where" grep -q "model 'm2' has no flops (noflops.csv:3): its row was skipped" err
printf 'm4,acc,0.5\nm2,acc,0.5\n' > noflops_from.csv
expect_status 2 "a model whose row has no flops, in --from" "$CAPSCOPE" score --data noflops.csv --from noflops_from.csv
check "--from: it says the row has no flops" grep -q "^capscope: noflops_from.csv:2: model 'm2' has no flops (noflops.csv:3)" err
# A score entered when the row had flops, and the newer export without
# them: the journal's entry is skipped, and the warning says why, where it
# said only "unknown model 'm2'".
printf 'model,flops,acc\nm1,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,0.2\nm5,1e24,0.5\n' > lost.csv
"$CAPSCOPE" score --data lost.csv m2 acc 0.9 2> err || fail "a score on lost.csv: $(cat err)"
printf 'model,flops,acc\nm1,1e21,0.1\nm2,,0.2\nm3,1e23,0.3\nm4,1e24,0.2\nm5,1e24,0.5\n' > lost.csv
expect_status 0 "fit with a journal entry of a row without flops" "$CAPSCOPE" fit --data lost.csv
check "the stale entry's warning says the row has no flops" \
    grep -q "lost.csv.journal:1: unknown model 'm2' (its row, lost.csv:3, has no flops)" err
expect_status 2 "a percentage" "$CAPSCOPE" score --data tiny.csv m7 acc 63.5
check "the interface's hint: give a fraction" grep -q "'63.5' is not a score in \[0, 1\]; give a fraction: 0.635" err
expect_status 2 "a value above 1" "$CAPSCOPE" score --data tiny.csv m7 acc 1.5
check "out of range said" grep -q "'1.5' is not a score in \[0, 1\]" err
expect_status 2 "a negative value (after --)" "$CAPSCOPE" score --data tiny.csv -- m7 acc -0.1
check "out of range said" grep -q "'-0.1' is not a score in \[0, 1\]" err
expect_status 2 "no --data (the demo keeps no journal)" "$CAPSCOPE" score m7 acc 0.5
expect_status 2 "--data - (standard input keeps no journal)" sh -c "'$CAPSCOPE' score --data - m7 acc 0.5 < tiny.csv"
expect_status 2 "two words" "$CAPSCOPE" score --data tiny.csv m7 acc
expect_status 2 "--task does not apply" "$CAPSCOPE" score --data tiny.csv --task acc m7 acc 0.5
expect_status 2 "two modes at once" "$CAPSCOPE" score --data tiny.csv --undo --list
expect_status 2 "no mode" "$CAPSCOPE" score --data tiny.csv
check "no journal was made by a refusal" test ! -e "$J"
expect_status 0 "--list with no journal" "$CAPSCOPE" score --data tiny.csv --list --format csv
check "its CSV is the header alone" test "$(cat out)" = "journal,line,time,model,task,value,was,applied"
expect_status 0 "--undo with no journal" "$CAPSCOPE" score --data tiny.csv --undo
check "says there is nothing to undo" grep -q "nothing to undo" err
check "--list and --undo made no journal" test ! -e "$J"

# --- One score.
expect_status 0 "m7 acc 0.42" "$CAPSCOPE" score --data tiny.csv m7 acc 0.42
check "the note says what was entered, where" grep -qx "capscope: m7 acc = 0.42 (saved in $J)" err
check "nothing on stdout (table)" test ! -s out
check "the journal has the entry (journal.h's format)" grep -q "^score	m7	acc	0.42	[0-9][0-9]*$" "$J"
check "fit sees it: n = 9" test "$(fit_n)" = 9
check "suggest sees it: only m8 left" test "$(picks)" = "m8 "
check "the unscored pool now costs m8's 4" test "$(pool_cost)" = 4
expect_status 0 "a score replaced, --format json" "$CAPSCOPE" score --data tiny.csv m1 acc 0.15 --format json
check "the note says the score it replaced" grep -q "m1 acc = 0.15, was 0.1 " err
if [ -n "${JQ:-}" ] && [ -x "$JQ" ]; then
    check "json: the entry, with was" test "$("$JQ" -c '.entries' out)" = '[{"model":"m1","task":"acc","value":0.15,"was":0.1}]'
else
    check "json: the entry, with was" grep -q '{"model": "m1", "task": "acc", "value": 0.15, "was": 0.1}' out
fi
expect_status 0 "--quiet" "$CAPSCOPE" score --data tiny.csv m2 other 0.25 --quiet
check "--quiet: nothing on stderr" test ! -s err

# --- --from: all or nothing.
cp "$J" before.journal
printf 'model,task,value\nm8,acc,0.7\nm9,acc,0.5\nm3,acc,0.4\nm3,acx,0.4\nm4,acc,60\nm5\tacc\t0.1\nm6,acc\n' > bad.csv
expect_status 2 "a file with bad lines" "$CAPSCOPE" score --data tiny.csv --from bad.csv
check "line 3: the unknown model" grep -q "^capscope: bad.csv:3: no model 'm9'" err
check "line 5: the unknown task" grep -q "^capscope: bad.csv:5: no task 'acx'" err
check "line 6: the percentage, with the hint" grep -q "^capscope: bad.csv:6: '60' is not a score in \[0, 1\]; give a fraction: 0.6" err
check "line 7: tabs, not commas" grep -q "^capscope: bad.csv:7: expected MODEL,TASK,VALUE, found 1 field (fields are separated by commas, not tabs)" err
check "line 8: two fields" grep -q "^capscope: bad.csv:8: expected MODEL,TASK,VALUE, found 2 fields" err
check "the good lines are not reported" sh -c '! grep -q "bad.csv:[24]:" err'
check "the count, and that nothing was entered" grep -q "^capscope: bad.csv: 5 of 7 lines refused; no score was entered" err
check "the journal is byte for byte as before" cmp -s before.journal "$J"
check "fit still has n = 9" test "$(fit_n)" = 9
# A spreadsheet exported in a locale with a decimal comma: semicolons
# between the fields, and m8;acc;0,7 reads as the fields "m8;acc;0" and "7".
printf 'model;task;value\nm8;acc;0,7\nm8;acc;0.7\n' > semi.csv
expect_status 2 "a spreadsheet's semicolons and decimal commas" "$CAPSCOPE" score --data tiny.csv --from semi.csv
check "line 1: semicolons, not commas" grep -qx "capscope: semi.csv:1: expected MODEL,TASK,VALUE, found 1 field (fields are separated by commas, not semicolons)" err
check "line 2: semicolons, and the fraction's point" grep -qxF "capscope: semi.csv:2: expected MODEL,TASK,VALUE, found 2 fields (fields are separated by commas, not semicolons, and a fraction is written with a point: 0.5, not 0,5)" err
check "line 3: semicolons, not commas" grep -q "^capscope: semi.csv:3: .*(fields are separated by commas, not semicolons)$" err
check "the journal still as before" cmp -s before.journal "$J"
expect_status 2 "an unterminated quote" sh -c "printf 'm8,acc,0.7\n\"m3,acc,0.4\n' | '$CAPSCOPE' score --data tiny.csv --from -"
check "named with its line" grep -q "^capscope: -:2: " err
check "the journal still as before" cmp -s before.journal "$J"
expect_status 2 "a missing file" "$CAPSCOPE" score --data tiny.csv --from nosuch.csv
check "the journal still as before" cmp -s before.journal "$J"
# Every line of a file naming the models otherwise than the data (a
# script's own spelling): each is refused, but the nearest name is looked
# for among the data's rows for the first 10 alone. Each look reads every
# row: 2000 such lines against 200,000 rows took two minutes to refuse.
awk 'BEGIN { for (i = 1; i <= 12; i++) printf "M%d,acc,0.5\n", i % 8 + 1 }' > case.csv
expect_status 2 "12 lines of models named in capitals" "$CAPSCOPE" score --data tiny.csv --from case.csv
check "the first 10 get their guess" test "$(grep -c "did you mean 'm[1-8]'? (case differs)" err)" = 10
check "the 11th is refused plainly" grep -q "^capscope: case.csv:11: no model 'M4' in the data$" err
check "the count says the guesses stopped" \
    grep -q "^capscope: case.csv: 12 of 12 lines refused (the nearest names guessed for the first 10 unknown models); no score was entered" err
# A name of 1,100 bytes the data holds is entered with the rest (the
# journal's line once had room for 1,023: the batch was refused whole).
long=$(awk 'BEGIN { while (n++ < 1100) printf "x" }')
{ cat tiny.csv; echo "$long,1e23,3,,0.5"; } > long.csv
cp "$J" long.csv.journal
printf 'm8,acc,0.7\n%s,acc,0.5\n' "$long" > long_s.csv
expect_status 0 "a name of 1,100 bytes" "$CAPSCOPE" score --data long.csv --from long_s.csv
check "the batch is entered: a header and its 2 lines" \
    test "$(wc -l <long.csv.journal)" -eq $(( $(wc -l <"$J") + 3 ))
expect_status 0 "--undo of the long name's entry" "$CAPSCOPE" score --data long.csv --undo --format csv
check "its name whole in the output" grep -q "$long" out
printf '"m8",acc,0.7\nm3,acc,0.45\n' > good.csv
expect_status 0 "a good file from standard input" sh -c "'$CAPSCOPE' score --data tiny.csv --from - --format csv < good.csv"
check "the note counts them" grep -q "2 scores entered from standard input, 1 of them replacing a score (saved in $J)" err
check "csv: both entries, m3 was 0.4" test "$(sed -n '2,3p' out | tr '\n' ' ')" = "$J,m8,acc,0.7, $J,m3,acc,0.45,0.4 "
# Two entries in one write, under a header that counts them (journal.h):
# a reader takes both or, the write cut by a crash, neither.
check "a batch header and two lines more in the journal" test "$(wc -l < "$J")" = "$(($(wc -l < before.journal) + 3))"
check "the header counts the batch's two lines" test "$(sed -n "$(($(wc -l < before.journal) + 1))p" "$J")" = "$(printf 'batch\t2')"
check "fit sees both: n = 10" test "$(fit_n)" = 10
check "suggest has nothing left to pick" test -z "$(picks)"

# --- --list: what the journal holds, in effect.
expect_status 0 "--list --format csv" "$CAPSCOPE" score --data tiny.csv --list --format csv
check "five entries in effect, oldest first" test "$(awk -F, 'NR > 1 { printf "%s:%s:%s ", $4, $5, $6 }' out)" = \
    "m7:acc:0.42 m1:acc:0.15 m2:other:0.25 m8:acc:0.7 m3:acc:0.45 "
check "their lines are the journal's" test "$(awk -F, 'NR > 1 { printf "%s ", $2 }' out)" = "1 2 3 5 6 "

# --- --undo: the last entry, said.
expect_status 0 "--undo" "$CAPSCOPE" score --data tiny.csv --undo --format json
check "the note says what was taken back and what is left" grep -q "took back m3 acc = 0.45 (now 0.4), line 6 of $J" err
check "json: the entry taken back" grep -q '{"model": "m3", "task": "acc", "value": 0.45, "now": 0.4, "line": 6}' out
check "the journal ends in undo" test "$(tail -n 1 "$J")" = undo
expect_status 0 "--undo again" "$CAPSCOPE" score --data tiny.csv --undo
check "m8 taken back: unscored" grep -q "took back m8 acc = 0.7 (now unscored), line 5 of $J" err
check "fit: n = 9 again" test "$(fit_n)" = 9
check "suggest: m8 is a candidate again" test "$(picks)" = "m8 "
expect_status 0 "--list after the undos" "$CAPSCOPE" score --data tiny.csv --list --format csv
check "three entries in effect" test "$(($(wc -l < out) - 1))" = 3

# --- A journal entry of a model since gone from the data is listed, marked.
printf 'score\tgone\tacc\t0.5\t1700000000\n' >> "$J"
expect_status 0 "--list with a stale entry" "$CAPSCOPE" score --data tiny.csv --list --format csv
check "listed as not applied, with its time" test "$(tail -n 1 out)" = "$J,9,2023-11-14T22:13:20Z,gone,acc,0.5,,false"
expect_status 0 "--undo of the stale entry" "$CAPSCOPE" score --data tiny.csv --undo
check "says no score changed" grep -q "took back line 9 of $J, gone acc = 0.5, a model or task not in the data (no score changed)" err
# A model name of 3,000 bytes (the loader takes it) is scored as any other:
# the journal's line had room for 1,023 ("model or task name too long").
long=$(awk 'BEGIN { for (i = 0; i < 3000; i++) printf "m" }')
{ echo "model,flops,acc"; echo "$long,1e22,"
  for i in 1 2 3 4 5 6; do echo "a$i,1e2$((i % 4 + 1)),0.$i"; done; } >"$cs_tmp/long.csv"
expect_status 0 "score a model of 3,000 bytes" "$CAPSCOPE" score --data "$cs_tmp/long.csv" "$long" acc 0.5 --quiet
expect_status 0 "fit counts it" "$CAPSCOPE" fit --data "$cs_tmp/long.csv" --format csv --quiet
check "n is 7: 6 in the file, the long one in the journal" grep -q '^acc,7,' "$cs_tmp/out"
# And the word on it is whole: the message was cut at 1,023 bytes, inside
# the name, so neither the score nor where it was saved was said.
rm -f "$cs_tmp/long.csv.journal"
expect_status 0 "score it, not quiet" "$CAPSCOPE" score --data "$cs_tmp/long.csv" "$long" acc 0.5
check "the message names the score and the journal" \
    grep -qF "capscope: $long acc = 0.5 (saved in $cs_tmp/long.csv.journal)" err
expect_status 0 "--undo of it" "$CAPSCOPE" score --data "$cs_tmp/long.csv" --undo
check "the message says what was taken back, and from which line" \
    grep -qF "capscope: took back $long acc = 0.5 (now unscored), line 1 of $cs_tmp/long.csv.journal" err
# --- A score held already is not entered again: a job that enters its
# results a second time (a nightly run, a retry) doubled the journal's
# lines, each an entry that --undo took back with no change to show.
printf 'model,flops,acc\na1,1e21,0.1\na2,1e22,0.2\na3,1e23,\na4,1e24,\n' > again.csv
printf 'a3,acc,0.5\na4,acc,0.6\n' > res.csv
expect_status 0 "--from: two new scores" "$CAPSCOPE" score --data again.csv --from res.csv
check "a batch of two: three lines" test "$(wc -l < again.csv.journal)" -eq 3
expect_status 0 "--from the same file again" "$CAPSCOPE" score --data again.csv --from res.csv --format csv
check "nothing written" test "$(wc -l < again.csv.journal)" -eq 3
check "the note says so" grep -qF "capscope: nothing entered from res.csv: its scores are held already" err
check "csv: no entries, the header alone" test "$(cat out)" = "journal,model,task,value,was"
# One line changed, one held by the data itself, one by the journal: the
# one that changes is entered, alone (one line, no batch header).
printf 'a3,acc,0.5\na4,acc,0.65\na1,acc,0.1\n' > res2.csv
expect_status 0 "--from: one of three changes" "$CAPSCOPE" score --data again.csv --from res2.csv --format csv
check "one line more" test "$(wc -l < again.csv.journal)" -eq 4
check "it is a4's" test "$(tail -n 1 again.csv.journal | cut -f 1-4)" = "$(printf 'score\ta4\tacc\t0.65')"
check "the note counts both" grep -qF \
    "capscope: 1 score entered from res2.csv, 1 of them replacing a score; 2 held already, not entered again (saved in again.csv.journal)" err
check "csv: the one entry" test "$(sed -n 2p out)" = "again.csv.journal,a4,acc,0.65,0.6"
# Lines of one cell count in order: 0.7 then 0.5 over a held 0.5 changes
# it twice (the later line wins), so both are entered.
printf 'a3,acc,0.7\na3,acc,0.5\n' > res3.csv
expect_status 0 "--from: a cell changed and changed back" "$CAPSCOPE" score --data again.csv --from res3.csv
check "both entered" test "$(wc -l < again.csv.journal)" -eq 7
# One score given as arguments, held already.
expect_status 0 "score a2 acc 0.2, the data's own" "$CAPSCOPE" score --data again.csv a2 acc 0.2 --format json
check "nothing written" test "$(wc -l < again.csv.journal)" -eq 7
check "the note says so" grep -qF "capscope: a2 acc is 0.2 already: nothing entered" err
check "json: no entries" grep -q '"entries": \[\]' out
# So --undo takes back the last change: a3 back to 0.7.
expect_status 0 "--undo after them" "$CAPSCOPE" score --data again.csv --undo
check "a3's 0.5 taken back" grep -qF "took back a3 acc = 0.5 (now 0.7)" err
# A score the data holds, on data with no journal yet: nothing entered,
# and no journal made (an empty one, as a refusal makes none: a batch
# command that writes nothing leaves no file behind).
printf 'model,flops,acc\nb1,1e21,0.1\nb2,1e22,\n' > fresh.csv
expect_status 0 "score b1 acc 0.1, the data's own, no journal yet" "$CAPSCOPE" score --data fresh.csv b1 acc 0.1
check "the note says so" grep -qF "capscope: b1 acc is 0.1 already: nothing entered" err
check "no journal made" test ! -e fresh.csv.journal
printf 'b1,acc,0.1\n' > fresh_res.csv
expect_status 0 "--from a held score, no journal yet" "$CAPSCOPE" score --data fresh.csv --from fresh_res.csv --format csv
check "--from: no journal made" test ! -e fresh.csv.journal
check "csv: the header alone" test "$(cat out)" = "journal,model,task,value,was"
# A line model,task,value is a header wherever it is (lists joined with
# cat repeat it), as --help and the manual say: skipped, not refused.
printf 'model,flops,acc\nh1,1e21,\nh2,1e22,\nh3,1e23,0.3\n' > hdr.csv
printf 'model,task,value\nh1,acc,0.1\nmodel,task,value\nh2,acc,0.2\n' > hdr_res.csv
expect_status 0 "--from with the header line twice" "$CAPSCOPE" score --data hdr.csv --from hdr_res.csv
check "both scores entered" grep -qF "2 scores entered from hdr_res.csv" err
check "--help says a header line is skipped wherever it is" \
    sh -c '"$1" score --help | tr "\n" " " | tr -s " " | grep -q "a line model,task,value, a header, is skipped wherever it is"' sh "$CAPSCOPE"
finish
