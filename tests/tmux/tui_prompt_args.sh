#!/bin/sh
# What the `:` prompt does with a command's arguments, in a real terminal:
# one it does not take, a count with the view it moves in closed, one
# quoted as Tab completion quotes it; and what Tab completes among more
# names than it once looked at.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 80 24
cp "$DEMO" "$W/mine.csv"
tm_launch "'$CAPSCOPE' --data mine.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# A command that takes no argument refuses one: ':quit now' quit, ':band x'
# toggled the band with its word dropped unsaid.
tm_command 'band x'
tm_wait 'usage: :band \(it takes no argument\)' 5 && ok ":band x is refused, and says why" \
    || { fail ":band with an argument"; tm_capture; }
check "the band was not toggled" sh -c "! grep -q 'band on' '$cs_tmp/screen'"
tm_command 'quit now'
tm_wait 'usage: :quit \(it takes no argument\)' 5 && ok ":quit now is refused" || { fail ":quit now"; tm_capture; }
check ":quit now did not quit" sh -c "! grep -q 'EXIT=' '$cs_tmp/screen'"

# A count given to a scrub command with the split view off moves the cut
# (period4's first cut, 2024-07-01, five days back), as :cut DATE does; it
# only opened the view, the 5 dropped unsaid.
tm_command 'cut-day-back 5'
tm_wait 'cut 2024-06-26' 5 && ok ":cut-day-back 5 opens the split view and moves its cut" \
    || { fail ":cut-day-back 5 with the split view off"; tm_capture; }

# A command that opens a prompt opens it when run at the prompt too:
# :score-edit MODEL opened nothing, and the next key both acted (j, the
# next task) and opened ":score MODEL TASK" then.
model=$(awk -F, 'NR == 2 { print $1 }' "$DEMO")
tm_command "score-edit $model"
tm_wait "^:score $model reasoning *\$" 5 && ok ":score-edit MODEL at the prompt opens :score MODEL TASK" \
    || { fail ":score-edit at the prompt"; tm_capture; }
tm_keys C-g
tm_wait '^q Quit' 5 || { fail "C-g"; tm_capture; }
tm_keys j
tm_settle
check "the next key opens no prompt" sh -c "! grep -q '^:' '$cs_tmp/screen'"
check "and acts (j: the next task)" screen_has ' math +tau 0\.98'
tm_keys k
tm_command 'search'
tm_wait '^/ *$' 5 && ok ":search alone at the prompt opens the search prompt" || { fail ":search at the prompt"; tm_capture; }
tm_keys Escape
tm_wait '^q Quit' 5 || { fail "Esc"; tm_capture; }

# In a history search (C-r) the status line says what Enter does with the
# line found (runs it; it said "Enter accepts") and how to edit it
# instead: Right ends the search with the line kept, the cursor in it.
tm_keys :
tm_wait '^: *$' 5
tm_keys C-r
tm send-keys -t t -l 'search'
tm_wait '^\(reverse-i-search\)`search.: search *$' 5 || { fail "C-r finds :search"; tm_capture; }
check "the i-search's status line says Enter runs the line and Right edits it" \
    screen_has '^ Enter runs it  C-r an older one  Right edits it  Esc cancels'
tm_keys Right
tm_wait '^:search *$' 5 && ok "Right ends the i-search with the line kept to edit" || { fail "Right in the i-search"; tm_capture; }
tm_keys C-g
tm_wait '^q Quit' 5 || { fail "C-g"; tm_capture; }

# Up recalls lines as they were run: a recalled line edited, left (Down)
# and the prompt cancelled kept the edit in the history ("set tau" came
# back as "set taQ", a line never run), and so did one run after it.
tm_command 'set tau'
tm_wait '^ tau = 0\.98' 5 || { fail ":set tau"; tm_capture; }
tm_command 'set budget'
tm_wait '^ budget = ' 5 || { fail ":set budget"; tm_capture; }
for way_out in C-c Enter; do
    tm_keys :
    tm_wait '^: *$' 5
    tm_keys Up Up
    tm_wait '^:set tau *$' 5 || { fail "Up Up recalls :set tau"; tm_capture; }
    tm_keys BSpace
    tm send-keys -t t -l Q
    tm_keys Down
    tm_wait '^:set budget *$' 5 || { fail "Down after the edit"; tm_capture; }
    tm_keys $way_out
    tm_wait '^q Quit' 5 || { fail "$way_out"; tm_capture; }
    tm_keys :
    tm_wait '^: *$' 5
    tm_keys Up Up
    tm_wait '^:set ta' 5
    check "after an edit left and $way_out, Up recalls the line as it was run" screen_has '^:set tau *$'
    tm_keys C-g
    tm_wait '^q Quit' 5 || { fail "C-g"; tm_capture; }
done

# A quoted value of one word is its text, in :set as in a command of one
# value: :set theme 'dark' looked for a theme named 'dark' with its quotes.
tm_command "set theme 'dark'"
tm_wait '^ theme dark *$' 5 && ok ":set theme 'dark' uses the theme dark" || { fail ":set with a quoted value"; tm_capture; }
tm_command 'theme default'
tm_wait '^ theme default *$' 5 || { fail ":theme default"; tm_capture; }

# An open quote is said with what to do about it (it was "goto:
# unterminated quote"): an apostrophe in a name goes in "...".
tm_command "goto it's"
tm_wait "goto: unterminated quote ': close it, or put a name with ' in \"\.\.\.\"" 5 \
    && ok "an open quote says how to close it, whole on 80 columns" || { fail ":goto it's"; tm_capture; }

# A search longer than the 255 bytes kept of it is refused, not cut.
printf '%0300d' 0 | tm load-buffer -b p -
tm_keys /
tm_wait '^/ *$' 5
tm paste-buffer -p -d -b p -t t
tm_wait '^/0+ *$' 5 || { fail "the paste of a 300-byte search"; tm_capture; }
tm_keys Enter
tm_wait 'search: too long \(300 bytes, at most 255\)' 5 && ok "a 300-byte search is refused, and says so" \
    || { fail "the 300-byte search"; tm_capture; }

# A level written as a percentage is refused with how to write it, as
# :set tau says it (:tau said only that it was no level).
tm_command 'tau 98%'
tm_wait "tau: '98%' is not a level in \\(0, 1\\); give a fraction: 0\\.98" 5 \
    && ok ":tau 98% says to give 0.98" || { fail ":tau 98%"; tm_capture; }

# The line's limit is in bytes, and said in bytes: 600 characters of é
# (two bytes each in UTF-8) after "goto " are 1205 bytes, 605 characters;
# the refusal said "at most 1023 characters".
awk 'BEGIN { printf "goto "; for (i = 0; i < 600; i++) printf "\303\251" }' | tm load-buffer -b p -
tm_keys :
tm_wait '^: *$' 5
tm paste-buffer -p -d -b p -t t
tm_wait '^:(é)+ *$' 5 || { fail "the paste of 600 é"; tm_capture; }
tm_keys Enter
tm_wait 'command line too long \(1205 bytes, at most 1023\)' 5 && ok "a line of 605 characters is said too long in bytes" \
    || { fail "the refusal of a 1205-byte line"; tm_capture; }

tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }

# A task and models with blanks: Tab writes the name quoted, and the
# command that takes it as its one value reads it back (:task said "no
# task ''my task'': did you mean 'my task'?", :search matched nothing).
awk 'BEGIN {
    print "model,flops,acc,my task"
    for (i = 0; i < 8; i++)
        printf "Base %d,%.4e,%.3f,%.3f\n", i, 10 ^ (21 + 0.3 * i), 0.3 + 0.02 * i, 0.2 + 0.03 * i
    print "Zeta Model,1e23,0.5,0.6"
}' >"$W/blanks.csv"
tm_launch "'$CAPSCOPE' --data blanks.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the TUI did not start on blanks.csv"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'task my'
tm_keys Tab
tm_wait "^:task 'my task' *\$" 5 || { fail "Tab completes the task with a blank"; tm_capture; }
tm_keys Enter
tm_wait 'Plot +my task' 5 && ok ":task runs the task Tab completed" || { fail ":task 'my task'"; tm_capture; }
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'search Ze'
tm_keys Tab
tm_wait "^:search 'Zeta Model' *\$" 5 || { fail "Tab completes the model with a blank"; tm_capture; }
tm_keys Enter
tm_wait "match 1 of 1: Zeta Model " 5 && ok ":search finds the model Tab completed" || { fail ":search 'Zeta Model'"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }

# Names that need quotes beside one that does not are quoted alike, so
# that Tab writes their common start: 'hellaswag.10 v2' beside
# hellaswag.10 had none for readline ("'" against "h"), and :task hella
# stayed as it was typed. A ' in one of them puts all in "...".
awk 'BEGIN {
    print "model,flops,hellaswag.10,hellaswag.10 v2,hellaswag.10 v3,aime,aime'"'"'24 v2"
    for (i = 0; i < 8; i++)
        printf "m%d,%.4e,0.%d1,0.%d2,0.%d3,0.%d4,0.%d5\n", i, 10 ^ (21 + 0.3 * i), i, i, i, i, i
}' >"$W/versions.csv"
tm_launch "'$CAPSCOPE' --data versions.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the TUI did not start on versions.csv"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'task hella'
tm_keys Tab
tm_wait "^:task 'hellaswag\.10 *\$" 5 && ok "Tab writes the common start of quoted and plain names" \
    || { fail "Tab after :task hella"; tm_capture; }
tm_keys C-u
tm send-keys -t t -l 'task ai'
tm_keys Tab
tm_wait '^:task "aime *$' 5 && ok "a name with an apostrophe puts the common start in double quotes" \
    || { fail "Tab after :task ai"; tm_capture; }
tm_keys C-u
tm send-keys -t t -l 'task hellaswag.10 v3'
tm_keys Enter
tm_wait 'Plot +hellaswag\.10 v3' 5 || { fail "typed hellaswag.10 v3 is no task"; tm_capture; }
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "task 'hellaswag.10"
tm_keys Tab Tab
tm_wait '^ 3 matches' 5 || { fail "Tab Tab after the quote"; tm_capture; }
tm_keys C-u
tm send-keys -t t -l "task 'hellaswag.10'"
tm_keys Enter
tm_wait 'Plot +hellaswag\.10  ' 5 && ok "the plain name quoted is the task" || { fail ":task 'hellaswag.10'"; tm_capture; }
tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }

# Tab weighs every name that matches: it took the first 2000 only, so
# 2000 mod-a-N before 100 mod-b-N completed "mo" to mod-a-, a start the
# mod-b names do not have, and Tab Tab counted 2000 matches of 2100.
awk 'BEGIN {
    print "model,flops,acc"
    for (i = 0; i < 2000; i++) printf "mod-a-%d,%.4e,%.3f\n", i, 10 ^ (21 + i / 1000), 0.3 + (i % 50) / 100
    for (i = 0; i < 100; i++) printf "mod-b-%d,%.4e,%.3f\n", i, 10 ^ (21 + i / 50), 0.3 + (i % 50) / 100
}' >"$W/many.csv"
tm_launch "'$CAPSCOPE' --data many.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the TUI did not start on many.csv"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'goto mo'
tm_keys Tab
tm_wait '^:goto mod-' 5 || { fail "Tab after :goto mo"; tm_capture; }
tm_wait 'matches' 5
check "Tab completes what all 2100 names share (mod-), not what the first 2000 do" screen_has '^:goto mod- *$'
# The first Tab lists them too: it completed in silence, the bell off.
check "the first Tab counts the 2100 matches" screen_has '^ 2100 matches'
tm_keys Tab
tm_settle
check "Tab again lists them still" screen_has '^ 2100 matches'
tm_keys C-g
tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }

# Names wider than the row: the list said "300 matches lab-...: (+300
# more)", a count and no name. Now the common start (on the prompt's line
# already) is left off and the first name's end shown as far as it fits:
# 79 columns less "300 matches ...:" 16, a blank and "..." 4, and
# " (+299 more)" 12 leave 47 of the 55 columns of its end.
awk 'BEGIN {
    print "model,flops,acc"
    for (i = 0; i < 300; i++)
        printf "lab-with-a-long-name/family-with-a-long-name-%03d-finetuned-on-a-dataset-with-a-very-long-name-indeed,%.4e,%.3f\n", i, 10 ^ (21 + i / 100), 0.3 + (i % 50) / 100
}' >"$W/wide.csv"
tm_launch "'$CAPSCOPE' --data wide.csv 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the TUI did not start on wide.csv"
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l 'goto la'
tm_keys Tab
tm_wait 'matches' 5 || { fail "Tab after :goto la"; tm_capture; }
check "a list of names wider than the row shows the first one's end, cut" \
    screen_has '^ 300 matches \.\.\.: 000-finetuned-on-a-dataset-with-a-very-long-nam\.\.\. \(\+299 more\) *$'
# The window made narrower: the list is laid out again, count and all (it
# was the 80 columns' list cut at the end, its count gone). 59 columns less
# 16, 4 and 12 leave 27.
tm resize-window -t t -x 60 -y 24
tm_wait '^ 300 matches \.\.\.: 000-finetuned-on-a-dataset-\.\.\. \(\+299 more\) *$' 5 &&
    ok "the list is laid out again at the new width" ||
    { fail "the list at 60 columns"; tm_capture; }
tm resize-window -t t -x 80 -y 24
tm_keys C-g
tm_keys q
tm_wait 'EXIT=0' 10 || { fail "q"; tm_capture; }

check "nothing on stderr" test ! -s "$cs_tmp/stderr"
[ -s "$cs_tmp/stderr" ] && head -n 20 "$cs_tmp/stderr"
finish
