#!/bin/sh
# Config files at the start of the interface: a start without --data shows
# the demo data (the contract) and names the last session's file; with
# --resume that session comes back with the config its data was read with,
# and falls back to the demo data (saying why) when it cannot; the
# user's config.yaml gives settings only and --config is read on top of it;
# a config's theme that cannot be used is said; a config that nests too
# deep is refused at once, as the batch commands refuse it; - (standard
# input, the keyboard) is refused as a config or data.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_open 200 30
STATUS_ROW=29

# The line above the key bar.
status_has() {
    i=0
    while [ $i -lt 100 ]; do
        tm capture-pane -t t -p | sed -n "${STATUS_ROW}p" > "$cs_tmp/status"
        grep -Eq -- "$1" "$cs_tmp/status" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    cat "$cs_tmp/status"
    return 1
}

# The value :set shows for a setting.
set_shows() {
    tm_keys : s e t ' '
    tm send-keys -t t -l "$1"
    tm_keys Enter
    status_has "$1 = $2"
}

quit_ok() {
    tm_keys q
    tm_wait 'EXIT=[0-9]' 30 && screen_has 'EXIT=0'
}

# Data whose columns only a config can name.
{
    echo "name,compute,zeta"
    for i in 1 2 3 4 5 6 7 8; do echo "m$i,1e2$i,0.$i"; done
} > "$W/d.csv"
printf 'columns: {model: name, flops: compute}\ntui: {picks: 7}\n' > "$W/c.yaml"

# (1) A start without arguments is the demo data's, whatever the last
# session read (contract.md: "src/capscope: the TUI on the built-in demo
# data"); it names that session's file and how to open it again.
tm_launch "'$CAPSCOPE' --data d.csv --config c.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
check "--data with --config: the file's task is shown" screen_has 'zeta'
check "and q ends it with status 0" quit_ok
check "the state file records the config" grep -q "^config=$W/c.yaml\$" "$cs_tmp/state/capscope/state"
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a start without arguments after a session with --config"
tm_capture >/dev/null
check "no arguments: the demo data" sh -c "grep -q reasoning '$cs_tmp/screen' && ! grep -q zeta '$cs_tmp/screen'"
check "and the last session's file named, with how to open it" status_has "the demo data; capscope --resume reopens the last session's .*d\.csv"
tm_keys q
tm_wait 'EXIT=[0-9]' 30
# A session of the demo data is not saved over a data file's: --resume
# would have had nothing left to open.
check "which keeps the last session's" grep -q "^data=$W/d.csv\$" "$cs_tmp/state/capscope/state"
# --resume: the session opened with --config comes back with it.
tm_launch "'$CAPSCOPE' --resume 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "--resume after a session with --config"
check "--resume: the last data is back, read with its config" screen_has 'zeta'
check "and the config's settings with it" set_shows picks 7
check "and q ends it with status 0" quit_ok
# A config written for the file, alone, reads the demo data with it: the
# refusal says what was read and how to name the file.
tm_shell "'$CAPSCOPE' --config c.yaml 2>'$cs_tmp/alone'; echo \"EXIT=\$?\""
tm_wait 'EXIT=[0-9]' 10 || fail "--config alone did not end"
check "--config alone, its roles not the demo's: exits 2" screen_has 'EXIT=2'
check "and says the demo data was read, and how to name the file" \
    grep -q "no column 'name' in demo .*(without --data the demo data is read; --data FILE, or --resume" "$cs_tmp/alone"
tm_shell "'$CAPSCOPE' --resume --data d.csv 2>&1; echo \"EXIT=\$?\""
tm_wait 'EXIT=[0-9]' 10
check "--resume with --data exits 2" screen_has 'EXIT=2'
check "and says why" screen_has "--resume opens the last session's data, --data other data: give one"

# The config moved away: --resume shows the demo data and says why.
mv "$W/c.yaml" "$W/c-moved.yaml"
tm_launch "'$CAPSCOPE' --resume 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a resume whose last config is gone"
check "a lost config: the demo data is shown" screen_has 'reasoning'
check "and the status line says why" status_has 'last session not restored, showing the demo data: .*c\.yaml'
check "and q ends it with status 0" quit_ok
# The session that fell back is not saved over the file's; while its
# config is gone, a plain start does not promise that --resume opens it.
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "the start after a fallback"
check "the start after the fallback is the demo session, without complaint" status_has 'the demo data: 2153 models, 6 tasks; \? lists every key; --data FILE opens yours'
check "and q ends it with status 0" quit_ok
# The config back: the file is named again, a command away.
mv "$W/c-moved.yaml" "$W/c.yaml"
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a start with the last config back"
check "the config back: the last session's file is named again" status_has "the demo data; capscope --resume reopens the last session's .*d\.csv"
check "and q ends it with status 0" quit_ok
# The data file gone: nothing is promised of it either.
mv "$W/d.csv" "$W/d-moved.csv"
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a start whose last data file is gone"
check "a gone data file is not offered to --resume" status_has 'the demo data: 2153 models, 6 tasks; \? lists every key; --data FILE opens yours'
check "and q ends it with status 0" quit_ok
mv "$W/d-moved.csv" "$W/d.csv"
# A long path: the status line (200 columns here, 80 on many a terminal)
# cuts its end, and the command is what the hint is for.
long="$W/benchmark-results-of-open-and-closed-models-collected-from-leaderboards-papers-and-model-cards-over-two-years"
mkdir -p "$long"
cp "$W/d.csv" "$long/d.csv"
tm_launch "'$CAPSCOPE' --data '$long/d.csv' --config c.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
quit_ok >/dev/null
tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a start after a file with a long path"
check "a long path: the hint keeps the command" status_has "capscope --resume"
check "and q ends it with status 0" quit_ok
# A path of two-byte characters past the status line's 511 bytes: cut at
# a character, not inside one (U+FFFD in :messages). Paths one byte apart,
# so that one of them puts the cut mid-character whatever $W's length.
e_acute=$(printf '\303\251')
wide=$(printf '%0120d' 0 | sed "s/0/$e_acute/g")
for pad in "" x; do
    mkdir -p "$W/$pad$wide/$wide"
    cp "$W/d.csv" "$W/$pad$wide/$wide/d.csv"
    tm_launch "'$CAPSCOPE' --data '$W/$pad$wide/$wide/d.csv' --config c.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
    quit_ok >/dev/null
    tm_launch "'$CAPSCOPE' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a start after a file with a long path of two-byte characters"
    tm_command messages
    tm_wait 'Messages' 5 >/dev/null
    check "a long path of two-byte characters${pad:+ (one byte further)}: no half a character" \
        sh -c "! grep -q \"$(printf '\357\277\275')\" '$cs_tmp/screen'"
    tm_keys F10
    tm_wait 'EXIT=[0-9]' 30 >/dev/null
done

# The data's columns changed under a resumed session (its config kept).
tm_launch "'$CAPSCOPE' --data d.csv --config c.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
quit_ok >/dev/null
sed -i '1s/^name,/who,/' "$W/d.csv"
tm_launch "'$CAPSCOPE' --resume 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a resume whose last data changed"
check "changed columns: the status line names the column" status_has "showing the demo data: .*columns.model: no column .name."
check "and q ends it with status 0" quit_ok
sed -i '1s/^who,/name,/' "$W/d.csv"

# (2) The user's config.yaml: settings, not roles; --config merges over it.
mkdir -p "$cs_tmp/config/capscope"
printf 'columns: {model: name}\ntui: {tau: 0.9, picks: 3}\n' > "$cs_tmp/config/capscope/config.yaml"
printf 'tui: {picks: 5}\n' > "$W/c2.yaml"
tm_launch "'$CAPSCOPE' --data '$DEMO' 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "--data with roles in config.yaml"
check "roles in config.yaml do not stop --data" screen_has 'reasoning'
check "they are ignored, and said so, naming the file" status_has 'columns ignored in .*capscope/config\.yaml'
check "its settings apply" set_shows tau 0.9
check "and q ends it with status 0" quit_ok
tm_launch "'$CAPSCOPE' --data '$DEMO' --config c2.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "--config over config.yaml"
check "--config keeps config.yaml's other settings" set_shows tau 0.9
check "and its own win" set_shows picks 5
check "and q ends it with status 0" quit_ok
rm "$cs_tmp/config/capscope/config.yaml"

# (5) A config's theme that cannot be used is said; the start goes on.
printf 'tui: {theme: nosuch}\n' > "$W/t1.yaml"
printf 'styles:\n  axis: { fg: purple }\n' > "$W/bad-theme.yaml"
printf 'tui: {theme: ./bad-theme.yaml}\n' > "$W/t2.yaml"
tm_launch "'$CAPSCOPE' --data '$DEMO' --config t1.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "an unknown theme"
check "an unknown theme is said" status_has "theme 'nosuch' not found; the built-in theme is used"
check ":set theme shows the theme in use" set_shows theme default
check "and q ends it with status 0" quit_ok
tm_launch "'$CAPSCOPE' --data '$DEMO' --config t2.yaml 2>> '$cs_tmp/stderr'; echo \"EXIT=\$?\"" "a bad theme file"
check "a bad theme file is said, with its error" status_has "theme '\./bad-theme\.yaml' not used: \./bad-theme\.yaml:2"
check "and q ends it with status 0" quit_ok

# (3) Deep nesting is refused before anything is built (it once took minutes),
# as deep as a config file can be (1 MiB: 500,000 brackets a side).
awk 'BEGIN { printf "tui:\n  x: "; for (i = 0; i < 500000; i++) printf "["; for (i = 0; i < 500000; i++) printf "]"; print "" }' \
    > "$W/deep.yaml"
# (timeout: a refusal that built the nesting first would take minutes.)
expect_status 2 "a config nested 500000 deep" timeout 20 "$CAPSCOPE" --data "$DEMO" --config "$W/deep.yaml"
check "is refused as the batch commands refuse it" grep -q 'deep.yaml:2: tui.x: expected a list of values, got a list in it' "$cs_tmp/err"

# (6) - is standard input, the terminal the keys come from: refused at once,
# as :load - is, where it read what was typed on a blank screen until C-d
# (--config, --data) or looked for a file named - (--replay).
for opt in config data replay; do
    tm_shell "'$CAPSCOPE' --$opt - 2>&1; echo \"EXIT=\$?\""
    if tm_wait 'EXIT=[0-9]' 10; then
        check "--$opt - exits 2" screen_has 'EXIT=2'
        check "and says why" screen_has "--$opt -: standard input is the terminal the keys come from"
    else
        fail "--$opt - read the keyboard"
        tm_keys C-d
        tm_wait 'Sampler|EXIT=[0-9]' 10 && ! screen_has 'EXIT=' && tm_keys q
        tm_wait 'EXIT=[0-9]' 10
    fi
done

check "nothing on stderr (a sanitizer build reports there)" test ! -s "$cs_tmp/stderr"
finish
