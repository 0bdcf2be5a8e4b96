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

tm_launch "TERM=xterm '$CAPSCOPE' --data c.csv 2> '$cs_tmp/stderr'; echo \"EXIT=\$?\""
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

tm_keys q
tm_wait 'EXIT=[0-9]' 10 || { fail "q"; tm_capture; }
check "q exits 0" screen_has 'EXIT=0'
check "nothing on stderr" test ! -s "$cs_tmp/stderr"
finish
