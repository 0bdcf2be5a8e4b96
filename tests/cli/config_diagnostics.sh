#!/bin/sh
# The examples of capscope-config(5)'s DIAGNOSTICS are what capscope says:
# each line there is made here by a file with that fault, and the message
# must read as the page writes it ("..." standing for text the page leaves
# out). An example that no longer reads as the program writes it teaches a
# user to look for a message that never comes.
. "$top_srcdir/tests/lib.sh"
page="$top_srcdir/man/capscope-config.5.in"
[ -r "$page" ] || { fail "no $page"; finish; }
# The examples: the .nf block after "For example:" under DIAGNOSTICS.
awk '/^\.SH DIAGNOSTICS/ { d = 1 } d && /^For example:/ { e = 1 } e && /^\.nf/ { on = 1; next }
     on && /^\.fi/ { exit } on' "$page" | sed 's/\\-/-/g' >"$cs_tmp/examples"
[ "$(wc -l <"$cs_tmp/examples")" -ge 10 ] || { fail "found no examples under DIAGNOSTICS: $(cat "$cs_tmp/examples")"; finish; }

cd "$cs_tmp" || exit 1
hdr="model,flops,date,params_b,acc"
rows() {
    for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
        echo "m$i,1e2$((i % 5 + 1)),2024-01-0$((i % 9 + 1)),1,0.$i"
    done
}
# made PATTERN [OPTION...]: the example line holding PATTERN is what fit
# says of models.csv as it stands (with the options).
made() {
    pat=$1
    shift
    want=$(grep -F -- "$pat" examples)
    [ -n "$want" ] || { fail "no example holds '$pat'"; return; }
    "$CAPSCOPE" fit --data models.csv "$@" >/dev/null 2>err
    st=$?
    got=$(cat err)
    # The page's "..." stands for any text; everything else is literal.
    re=$(printf '%s\n' "$want" | sed 's/[][\.*^$/]/\\&/g; s/\\\.\\\.\\\./.*/g')
    if [ "$st" -eq 2 ] && printf '%s\n' "$got" | grep -qx -- "$re"; then
        ok "the example '$want' is what capscope says"
    else
        fail "the page's example '$want'; capscope says (status $st): $got"
    fi
}

{ echo "$hdr"; rows | sed '6s/,1,0\.6$/,0.6/'; } >models.csv
made 'row has 4 fields'
{ echo "$hdr"; rows | sed '2s/^m2/"m2/'; } >models.csv
made 'unterminated quoted field'
{ echo "$hdr"; rows | sed '11s/0\.11$/1.5/'; } >models.csv
made 'score 1.5' --task acc
{ echo "$hdr"; rows | sed '8s/,1e2[0-9],/,nan,/'; } >models.csv
made "'nan'"
{ echo "$hdr"; rows | sed '3s/2024-01-0[0-9]/2024-13-45/'; } >models.csv
made '2024-13-45'
{ echo "model,acc,flops,date,params_b,acc"; rows | sed 's/$/,0.1/; s/^\([^,]*\),/\1,0.2,/'; } >models.csv
made 'duplicate column name'
{ echo "$hdr"; rows; } >models.csv
made "unknown column 'foo'" --task foo
{ echo "$hdr"; rows | head -n 3; } >models.csv
made 'has 3 usable rows'
if command -v iconv >/dev/null 2>&1; then
    { echo "$hdr"; rows; } | iconv -f UTF-8 -t UTF-16 >models.csv
    made 'UTF-16'
else
    echo "note: no iconv: the UTF-16 example is not checked"
fi
# byte 0xe9 at column 4 of line 5
{ echo "$hdr"; rows | sed '4s/^m4/abc/' | sed "4s/^abc/abc$(printf '\351')/"; } >models.csv
made 'byte 0xe9'
{ echo "$hdr"; rows; } >models.csv
printf 'columns:\n  model: model\n  flops: compute\n' >models.yaml
made "no column 'compute'" --config models.yaml
printf 'tasks: [acc]\ncolums: {}\n' >models.yaml
made "unknown key 'colums'" --config models.yaml
printf 'tasks: [acc]\nscore_scale: &a 1\n' >models.yaml
made 'YAML anchors' --config models.yaml
printf 'derive_flops:\n  params: params_b\n  tokens: params_b\n  tokens_unit: gazillion\n' >models.yaml
made 'gazillion' --config models.yaml
finish
