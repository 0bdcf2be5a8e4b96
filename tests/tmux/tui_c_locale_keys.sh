#!/bin/sh
# The C locale (LANG unset, as over ssh to a bare server) on a UTF-8
# terminal: a model name typed with a non-ASCII letter is still the name.
# curses' get_wch took the first byte above 0x7f for the start of a
# character that never came (the C locale has none) and swallowed the keys
# after it, and readline read the bytes it got as Meta keys: :score lost
# the name and the rest of the line, and the keys typed after it.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tmux/tmux_lib.sh"

tm_start 80 24 C || { fail "tmux session did not start"; finish; }
printf 'model,flops,params_b,acc\n' >"$W/c.csv"
for i in 1 2 3 4 5 6; do printf 'm%d,1e2%d,%d,0.%d\n' "$i" "$i" "$i" "$i" >>"$W/c.csv"; done
printf 'caf\303\251/m\303\274-7B,1e23,3,\n' >>"$W/c.csv"
name=$(printf 'caf\303\251/m\303\274-7B')

# A command history with a character cut in half, as a build that edited
# bytes could leave it: `x` then the first byte of a two-byte character.
mkdir -p "$cs_tmp/state/capscope"
printf 'export x\303.csv\n' >"$cs_tmp/state/capscope/history"

tm_launch "TERM=xterm '$CAPSCOPE' --data c.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""

# A line that is not UTF-8 text (from the history) is not run: :export
# made a file whose name no other program reads as text.
tm_keys : Up
tm_wait '^:export x\?\.csv$' 5
tm_keys Enter
tm_wait 'not UTF-8 text' 5 && ok "a line that is not UTF-8 is refused" || { fail "a line with half a character"; tm_capture; }
check "the refusal says, whole on 80 columns, that Up brings the line back" screen_has 'not UTF-8 text.*Up brings it back *$'
check "and not run" test -z "$(ls "$W" | LC_ALL=C grep '^x.*\.csv$')"

# Typed: the terminal sends the name's UTF-8, two bytes a letter.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "score $name acc 0.25"
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score of a typed non-ASCII name" || { fail ":score of a typed non-ASCII name"; tm_capture; }
check "the journal holds the name as typed" grep -q "^score	$name	acc	0.25	" "$W/c.csv.journal"

# The keys after such a letter are not lost: one typed at the panes (it
# does nothing there), then :undo.
tm send-keys -t t -l "$(printf '\303\274')"
tm_keys : u n d o Enter
tm_wait 'taken back' 5 && ok "keys after a non-ASCII key still act" || { fail "keys after a non-ASCII key"; tm_capture; }

# Pasted (bracketed paste): the same bytes, the same name.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "score "
printf '%s' "$name" | tm load-buffer -b p - && tm paste-buffer -p -d -b p -t t
tm send-keys -t t -l " acc 0.5"
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score of a pasted non-ASCII name" || { fail ":score of a pasted non-ASCII name"; tm_capture; }
check "the journal holds the pasted name" grep -q "^score	$name	acc	0.5	" "$W/c.csv.journal"

# Editing keeps a character whole: readline in the C locale edited bytes,
# so Backspace after an `e with acute' took its last byte and left the
# first (no character: the line showed it as a second ?, and the name then
# matched no model), Left and Right stopped inside a character and Delete
# took half of one. The C locale shows each non-ASCII letter as one ?.
e=$(printf '\303\251') u=$(printf '\303\274') o=$(printf '\303\266')
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "score caf$e$e"
tm_wait '^:score caf\?\?$' 5
tm_keys BSpace
tm_wait '^:score caf\?$' 5 && ok "Backspace takes a whole character" || { fail "Backspace after a non-ASCII letter"; tm_capture; }
tm send-keys -t t -l "/m$u$o"
tm_wait '^:score caf\?/m\?\?$' 5
tm_keys Left Left Right Delete
tm_wait '^:score caf\?/m\?$' 5 && ok "Left, Right and Delete step over whole characters" ||
    { fail "Left, Right, Delete over non-ASCII letters"; tm_capture; }
tm send-keys -t t -l -- "-7B acc 0.75"
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score of the edited name" || { fail ":score of a name edited in the C locale"; tm_capture; }
check "the journal holds the edited name" grep -q "^score	$name	acc	0.75	" "$W/c.csv.journal"

# Word motions take a non-ASCII letter for part of the word (M-Backspace
# took `nk' of `u-umlaut nk' and left the umlaut's first byte), C-t swaps
# whole characters, and Alt with a non-ASCII letter (bound to nothing)
# does not put the character's last byte alone into the line.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "score ${u}nk"
tm_wait '^:score \?nk$' 5
tm_keys M-BSpace
tm_wait '^:score *$' 5 && ok "M-Backspace takes the whole word" || { fail "M-Backspace over a non-ASCII word"; tm_capture; }
tm send-keys -t t -l "${e}bc"
tm_wait '^:score \?bc$' 5
tm_keys M-b M-d
tm_wait '^:score *$' 5 && ok "M-b and M-d take the whole word" || { fail "M-b, M-d over a non-ASCII word"; tm_capture; }
tm send-keys -t t -l "caf/$e"
tm_keys C-t
tm send-keys -t t -l "m$u"
tm send-keys -t t -l "$(printf '\033')$u"
tm send-keys -t t -l -- "-7B acc 0.625"
tm_wait '^:score caf\?/m\?-7B acc 0\.625$' 5
tm_keys Enter
tm_wait 'saved in the journal' 5 && ok ":score after C-t and Alt+letter" || { fail ":score after C-t and Alt with a non-ASCII letter"; tm_capture; }
check "the journal holds that name" grep -q "^score	$name	acc	0.625	" "$W/c.csv.journal"

# A sequence of no key the entry lists (focus in and out, which a terminal
# left reporting focus by an earlier program sends) is dropped whole in the
# C locale too: read as M-[ then I, the I went into the line ("Iundo").
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "$(printf '\033[Iundo\033[O')"
tm_wait '^:undo$' 5 && ok "focus reports leave the prompt's line alone" || { fail "focus reports in the prompt"; tm_capture; }
tm_keys Enter
tm_wait 'taken back' 5 && ok "the line then runs" || { fail ":undo after focus reports"; tm_capture; }

# A mouse report whose bytes come apart in time (Esc [<0;3;5, its M 10 ms
# later), read here byte by byte too: one report, nothing of it in the
# line. Read by curses from a descriptor that did not block, its M went in.
tm_keys :
tm_wait '^: *$' 5
tm send-keys -t t -l "$(printf '\033[<0;3;5')"
sleep 0.01
tm send-keys -t t -l M
tm send-keys -t t -l "$(printf '\033[<0;3;5m')undo"
tm_wait '^:undo$' 5 && ok "a mouse report split in time leaves the prompt's line alone" ||
    { fail "a mouse report split in time in the prompt"; tm_capture; }
tm_keys Escape
tm_wait '^q Quit' 5 || { fail "Esc closes the prompt"; tm_capture; }

tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
