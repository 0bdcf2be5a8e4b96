#!/bin/sh
# options.sh - how the command line is read, across subcommands: options
# are taken in full only, -h is --help everywhere, a subcommand goes first,
# and standard input feeds one file at most.
. "$top_srcdir/tests/lib.sh"

# getopt_long would take "--lambda" for fit's --lambda-b, but suggest has a
# --lambda of its own: a script must not change meaning with the command.
expect_status 2 "fit --lambda (a prefix of --lambda-b) is refused" "$CAPSCOPE" fit --lambda 5
check "the message names the full option" grep -q "unknown option '--lambda' (options are written in full: --lambda-b?)" "$cs_tmp/err"
expect_status 2 "sweep --budget (a prefix of --budgets) is refused" "$CAPSCOPE" sweep --budget 0.1
check "the message names --budgets" grep -q -- "--budgets?" "$cs_tmp/err"
expect_status 2 "--for=csv is refused too" "$CAPSCOPE" fit --for=csv
expect_status 0 "--format=csv in full is taken" "$CAPSCOPE" fit --format=csv --task reasoning
check "and gives CSV" grep -q '^task,n,tau' "$cs_tmp/out"
# A value that looks like an abbreviation is a value, not an option.
expect_status 2 "a value after an option is not read as an option" "$CAPSCOPE" fit --task --form
check "it is read as the task's name" grep -q "unknown column '--form'" "$cs_tmp/err"
expect_status 2 "the interface's options are taken in full only" "$CAPSCOPE" --dat x.csv
check "with the same message" grep -q "options are written in full: --data?" "$cs_tmp/err"
# -V and --version, which the manual lists among the interface's options,
# are taken wherever --help is, after other options too, and the interface's
# own help (options before --help) names them: "capscope --no-mouse
# --version" was an unknown option.
"$CAPSCOPE" --version >"$cs_tmp/version" 2>&1
grep -q '^capscope [0-9]' "$cs_tmp/version" || fail "capscope --version: $(cat "$cs_tmp/version")"
for args in "--no-mouse --version" "--data x.csv -V" "--theme dark --no-mouse --version"; do
    expect_status 0 "capscope $args prints the version" "$CAPSCOPE" $args
    check "capscope $args is capscope --version" cmp -s "$cs_tmp/out" "$cs_tmp/version"
done
"$CAPSCOPE" --no-mouse --help >"$cs_tmp/out" 2>&1
check "the interface's own help names -V, --version" grep -q '^  -V, --version ' "$cs_tmp/out"

for cmd in fit predict require splits suggest sweep plot; do
    expect_status 0 "$cmd -h prints its help" "$CAPSCOPE" $cmd -h
    check "$cmd -h is $cmd --help" grep -q "^Usage: capscope $cmd" "$cs_tmp/out"
done
# An unknown letter is named, also in a group of letters, where getopt has
# not moved past the argument that holds it: "-xy" was said to be the
# argument before it, "unknown option 'fit'" or the value of --data.
for args in "fit -x" "fit -xy" "fit --data x.csv -xy" "plot -xh"; do
    expect_status 2 "'$args': an unknown letter" "$CAPSCOPE" $args
    cmd=${args%% *}
    check "'$args': names -x" grep -q "^capscope: $cmd: unknown option '-x' (try" "$cs_tmp/err"
done
# So does the interface's start (it named the program, or --data's value).
for args in "-xy" "--data x.csv -xy"; do
    expect_status 2 "interface '$args': an unknown letter" "$CAPSCOPE" $args
    check "interface '$args': names -x" grep -q "^capscope: unknown option '-x' (try" "$cs_tmp/err"
done

expect_status 2 "a subcommand after options" "$CAPSCOPE" --data x.csv fit
check "says the subcommand goes first" grep -q "the subcommand goes first: capscope fit" "$cs_tmp/err"
# ... but a file named like a subcommand is a file.
expect_status 2 "--data fit names a file" "$CAPSCOPE" --data fit --no-such-option
check "no subcommand message for a file called fit" sh -c "! grep -q 'subcommand goes first' '$cs_tmp/err'"

# Numbers in options follow the data's grammar: blanks on either side are
# taken alike, hexadecimal and nan never (strtod took " 0.2" but not "0.2 ",
# and took 0x1p-2 as 0.25).
expect_status 0 "a number with a blank before it" "$CAPSCOPE" suggest --prior paper --pool all --budget " 0.2"
expect_status 0 "a number with a blank after it" "$CAPSCOPE" suggest --prior paper --pool all --budget "0.2 "
expect_status 2 "a hexadecimal number is refused" "$CAPSCOPE" suggest --prior paper --pool all --budget 0x1p-2
expect_status 2 "nan is refused" "$CAPSCOPE" predict --task reasoning --flops nan
expect_status 0 "1e24 is a number" "$CAPSCOPE" predict --task reasoning --flops 1e24
# 1e400 is positive but no double: the refusal says that, not that it is
# not positive, for each option that takes a compute.
for cmd in "predict --task reasoning --flops" "suggest --count 1 --flops" "sweep --flops" \
    "splits --drift --drift-flops"; do
    opt=${cmd##* }
    expect_status 2 "$cmd 1e400" "$CAPSCOPE" $cmd 1e400
    check "$cmd 1e400: too large for a double, not 'must be positive'" \
        grep -q "^capscope: [a-z]*: $opt '1e400' is more than a double holds" "$cs_tmp/err"
done
# A list given to an option that takes one number says so, and, where the
# option repeats (contract.md: predict --flops X [--flops X2]...), how to
# give several; "must be a positive number of FLOPs" sent the user looking
# at the numbers, not at the comma.
for cmd in "predict --task reasoning --flops:1e24,1e25" "predict --task reasoning --flops:1e24 1e25" \
    "predict --task reasoning --flops:1e24, 1e25" "splits --drift --drift-flops:1e24;1e25" \
    "require --task reasoning --accuracy:0.5,0.7"; do
    v=${cmd#*:}
    cmd=${cmd%%:*}
    opt=${cmd##* }
    a=${v%%[,; ]*}
    b=${v##*[,; ]}
    expect_status 2 "$cmd '$v'" "$CAPSCOPE" $cmd "$v"
    check "$cmd '$v': repeat $opt" \
        grep -q -- "^capscope: [a-z]*: $opt takes one value, not a list ('$v'); repeat it for several: $opt $a $opt $b (try" "$cs_tmp/err"
done
expect_status 2 "five values in one --flops" "$CAPSCOPE" predict --task reasoning --flops 1e21,1e22,1e23,1e24,1e25
check "the first three are rewritten" \
    grep -q -- "repeat it for several: --flops 1e21 --flops 1e22 --flops 1e23 \.\.\. (try" "$cs_tmp/err"
for cmd in "suggest --count 1 --flops" "sweep --flops"; do
    expect_status 2 "$cmd 1e23,1e24" "$CAPSCOPE" $cmd 1e23,1e24
    check "$cmd 1e23,1e24: takes one" \
        grep -q -- "^capscope: [a-z]*: --flops takes one value, not a list ('1e23,1e24') (try" "$cs_tmp/err"
done
# Not a list of values the option takes: the option's own range is said.
for v in 1e24, ,1e24 1e24,,1e25 1,000 1e24,-1 1e24,nan; do
    expect_status 2 "--flops '$v'" "$CAPSCOPE" predict --task reasoning --flops "$v"
    check "--flops '$v': must be positive" grep -q "must be a positive number of FLOPs, not '$v'" "$cs_tmp/err"
done
expect_status 2 "--accuracy 0,5 (a decimal comma)" "$CAPSCOPE" require --task reasoning --accuracy 0,5
check "--accuracy 0,5 is not read as 0 and 5" grep -q -- "--accuracy must be a number in \[0, 1\], not '0,5'" "$cs_tmp/err"
# A power of ten as prose writes it (README: "10^24 FLOPs") says how to
# write it; it said only "must be a positive number of FLOPs".
expect_status 2 "--flops 10^24" "$CAPSCOPE" predict --task reasoning --flops '10^24'
check "--flops 10^24: write 1e24" grep -q "must be a positive number of FLOPs, not '10^24'; write 1e24 (try" "$cs_tmp/err"
expect_status 2 "--flops 3x10^23" "$CAPSCOPE" suggest --flops '3x10^23'
check "--flops 3x10^23: write 3e23" grep -q "not '3x10^23'; write 3e23" "$cs_tmp/err"
expect_status 2 "--flops -1e400" "$CAPSCOPE" predict --task reasoning --flops -1e400
check "--flops -1e400: must be positive" grep -q "must be a positive number of FLOPs, not '-1e400'" "$cs_tmp/err"
# predict and require need one task: the message names the data's tasks,
# which the next command needs (it gave only their number).
expect_status 2 "predict without --task on six tasks" "$CAPSCOPE" predict --flops 1e24
check "the message names the demo's tasks" \
    grep -q "name one task with --task (6 tasks in the demo data: reasoning, math, coding, knowledge, instruct, science)" "$cs_tmp/err"
awk 'BEGIN { printf "model,flops"; for (k = 1; k <= 10; k++) printf ",t%02d", k; print ""
    for (i = 0; i < 6; i++) { printf "m%d,1e2%d", i, i; for (k = 1; k <= 10; k++) printf ",0.%d", i + 1; print "" } }' >"$cs_tmp/ten.csv"
expect_status 2 "require without --task on ten tasks" "$CAPSCOPE" require --data "$cs_tmp/ten.csv" --accuracy 0.5
check "the first eight are named, the rest counted" \
    grep -q "(10 tasks in .*ten.csv: t01, t02, t03, t04, t05, t06, t07, t08 and 2 more)" "$cs_tmp/err"
# Long names: each is shortened as an unknown --task's list shortens it
# (namelist.h: 36 bytes and "...", 40 with the NUL), and the count of the
# rest is kept. Four names of 125 bytes filled the 512-byte list, so the
# fifth ended it and " and 6 more" was cut to " and".
awk 'BEGIN { x = sprintf("%122s", ""); gsub(/ /, "x", x)
    printf "model,flops"; for (k = 1; k <= 10; k++) printf ",t%02d%s", k, x; print ""
    for (i = 0; i < 6; i++) { printf "m%d,1e2%d", i, i; for (k = 1; k <= 10; k++) printf ",0.%d", i + 1; print "" } }' >"$cs_tmp/long.csv"
expect_status 2 "require without --task on ten long names" "$CAPSCOPE" require --data "$cs_tmp/long.csv" --accuracy 0.5
x33=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
check "eight names shortened, and the other two counted" \
    grep -q "(10 tasks in .*long.csv: t01$x33\.\.\., t02$x33\.\.\., t03$x33\.\.\., t04$x33\.\.\., t05$x33\.\.\., t06$x33\.\.\., t07$x33\.\.\., t08$x33\.\.\. and 2 more) (try" "$cs_tmp/err"
# The same file at the end of a path of 1,000 bytes: the path is shortened
# (255 bytes and "..."), so the list and its count still end the message.
deep=$cs_tmp
for k in 1 2 3 4; do
    deep=$deep/$(awk 'BEGIN { x = sprintf("%240s", ""); gsub(/ /, "d", x); print x }')$k
done
mkdir -p "$deep" && cp "$cs_tmp/long.csv" "$deep/long.csv"
expect_status 2 "require without --task, the data 1,000 bytes deep" "$CAPSCOPE" require --data "$deep/long.csv" --accuracy 0.5
check "a long path leaves the list whole" \
    grep -q "(10 tasks in $cs_tmp/d*\.\.\.: t01$x33\.\.\., .* t08$x33\.\.\. and 2 more) (try" "$cs_tmp/err"
# An unknown --task among them, a case off the first: the typed name and the
# guess are shortened as the listed names are. Quoted to 60 bytes each, they
# and the eight names passed the 512-byte message, which ended inside the
# list, " and 2 more)" cut off.
X33=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
upper=$(head -n 1 "$cs_tmp/long.csv" | cut -d, -f3 | tr tx TX)
expect_status 2 "fit --task, a case off a long name" "$CAPSCOPE" fit --data "$cs_tmp/long.csv" --task "$upper"
check "the typed name, the guess and eight names shortened, and the other two counted" \
    grep -q "unknown column 'T01$X33\.\.\.': did you mean 't01$x33\.\.\.'? (case differs; tasks: t01$x33\.\.\., t02$x33\.\.\., t03$x33\.\.\., t04$x33\.\.\., t05$x33\.\.\., t06$x33\.\.\., t07$x33\.\.\., t08$x33\.\.\. and 2 more)$" "$cs_tmp/err"

# --kappa below 1 smooths over more than the whole accuracy range, and far
# below it the objective keeps no digits for the data (1e-300 returned the
# search's start, y0 0 and L 0.5, as a fit): refused, as above 1e6.
for k in 0.5 1e-300 2e6; do
    expect_status 2 "--kappa $k" "$CAPSCOPE" fit --kappa "$k"
    check "--kappa $k: says the range" grep -q -- "--kappa must be a number from 1 to 1e6" "$cs_tmp/err"
done
expect_status 0 "--kappa 1 is the least" "$CAPSCOPE" fit --kappa 1

# --since / --until say what the data's date cells say of a time or a month
# alone: a date is a day, so a time is refused for what it is.
expect_status 2 "--since with a time" "$CAPSCOPE" fit --since 2024-01-05T10:00
check "--since with a time: the date without it" grep -q -- \
    "--since '2024-01-05T10:00' is not a date (YYYY-MM-DD; a date without the time: 2024-01-05)" "$cs_tmp/err"
expect_status 2 "--until a month alone" "$CAPSCOPE" fit --until 2024-03
check "--until a month alone: its first day" grep -q -- \
    "--until '2024-03' is not a date (YYYY-MM-DD; a month as its first day: 2024-03-01)" "$cs_tmp/err"
expect_status 2 "--since a day the month has not" "$CAPSCOPE" fit --since 2023-02-29
check "--since 2023-02-29: the month's days" grep -q -- \
    "--since '2023-02-29' is not a date (YYYY-MM-DD; 2023-02 has 28 days)" "$cs_tmp/err"

expect_status 2 "--data - and --config - together" "$CAPSCOPE" fit --data - --config - </dev/null
check "says both cannot read standard input" grep -q "cannot both read standard input" "$cs_tmp/err"


# Counts are whole numbers in decimal digits, in every subcommand alike
# (splits took "1e0" and "2.0" for --split while suggest refused them), with
# blanks around them taken as around any number (" 3" was taken, "3 " not).
for v in 1e0 2.0 +1 -1 0x2 ""; do
    expect_status 2 "splits --split '$v' is no count" "$CAPSCOPE" splits --split "$v"
    expect_status 2 "splits --min-bin '$v' is no count" "$CAPSCOPE" splits --min-bin "$v"
    expect_status 2 "suggest --count '$v' is no count" "$CAPSCOPE" suggest --count "$v"
done
for v in " 1" "1 " "1"; do
    expect_status 0 "splits --split '$v' is split 1" "$CAPSCOPE" splits --split "$v" --format json
    check "splits --split '$v' gives only k = 1" grep -q '"k": 1,' "$cs_tmp/out"
    check "splits --split '$v' gives no k = 2" sh -c "! grep -q '\"k\": 2,' '$cs_tmp/out'"
    expect_status 0 "suggest --count '$v' is a count" "$CAPSCOPE" suggest --count "$v"
done
# 2^64 + 1 does not wrap around to 1.
expect_status 2 "suggest --count 18446744073709551617" "$CAPSCOPE" suggest --count 18446744073709551617
# A whole number too large is refused as that, with the most the option
# takes, not as "must be a positive whole number", which sent the user
# looking for a sign or a point (1e20 is past SIZE_MAX as well as the most).
for cmd in "suggest --count:100000000" "splits --min-bin:1000000000" "sweep --seeds:1000" \
    "plot --width:4096"; do
    most=${cmd##*:}
    cmd=${cmd%:*}
    opt=${cmd##* }
    for v in 99999999999999999999 $((most + 1)); do
        expect_status 2 "$cmd $v" "$CAPSCOPE" $cmd $v
        check "$cmd $v: too large, at most $most" \
            grep -q "^capscope: [a-z]*: $opt '$v' is more than it takes (at most $most)" "$cs_tmp/err"
    done
    expect_status 2 "$cmd 0" "$CAPSCOPE" $cmd 0
    check "$cmd 0: says the least" grep -q -- "$opt '0' is less than it takes (at least 1)" "$cs_tmp/err"
done
expect_status 0 "suggest --count 100000000 is the most" "$CAPSCOPE" suggest --count 100000000
# 1e-400 is positive but rounds to 0: refused as too near 0 for a double,
# not as not positive; -1e-400 and 0e-400 are not positive.
expect_status 2 "--flops 1e-400" "$CAPSCOPE" predict --task reasoning --flops 1e-400
check "--flops 1e-400: too near 0 for a double" \
    grep -q "^capscope: predict: --flops '1e-400' is nearer 0 than a double holds" "$cs_tmp/err"
for v in -1e-400 0e-400 0.000e-999; do
    expect_status 2 "--flops $v" "$CAPSCOPE" predict --task reasoning --flops $v
    check "--flops $v: must be positive" grep -q "must be a positive number of FLOPs, not '$v'" "$cs_tmp/err"
done
expect_status 0 "--flops 1e-320 (a subnormal) is a number" "$CAPSCOPE" predict --task reasoning --flops 1e-320
# The same for every other number option (cli_parse_double): 1e400 and
# 1e-400 are numbers the option's range ("a positive cost", "in (0, 1]")
# takes on paper, and --lambda-b took 1e-400 as 0. Each is refused as no
# double, with the option and the user's text; a negative one that no
# double holds is out of every such range, and is refused as that.
for cmd in "suggest --budget-abs" "suggest --budget" "suggest --lambda" "sweep --budgets" \
    "fit --tau" "fit --kappa" "fit --lambda-b" "require --task reasoning --accuracy" \
    "splits --drift --drift-accuracy"; do
    opt=${cmd##* }
    expect_status 2 "$cmd 1e400" "$CAPSCOPE" $cmd 1e400
    check "$cmd 1e400: too large for a double" \
        grep -q "^capscope: [a-z]*: $opt '1e400' is more than a double holds (at most 1.79e308) (try" "$cs_tmp/err"
    expect_status 2 "$cmd 1e-400" "$CAPSCOPE" $cmd 1e-400
    check "$cmd 1e-400: too near 0 for a double" \
        grep -q "^capscope: [a-z]*: $opt '1e-400' is nearer 0 than a double holds (the least is 4.9e-324) (try" "$cs_tmp/err"
done
expect_status 2 "sweep --budgets 0.1,1e-400" "$CAPSCOPE" sweep --budgets 0.1,1e-400
check "the item that no double holds is named" \
    grep -q -- "--budgets '1e-400' is nearer 0 than a double holds" "$cs_tmp/err"
expect_status 2 "--budget-abs -1e400" "$CAPSCOPE" suggest --budget-abs -1e400
check "--budget-abs -1e400: must be positive" grep -q -- "--budget-abs must be a positive cost, not '-1e400'" "$cs_tmp/err"
expect_status 2 "--lambda-b -1e-400" "$CAPSCOPE" fit --lambda-b -1e-400
check "--lambda-b -1e-400: says the range" grep -q -- "--lambda-b must be a number from 0 to 1e4, not '-1e-400'" "$cs_tmp/err"
for v in 0e-400 " 0" 1e-320; do
    expect_status 0 "--lambda-b '$v' is a number" "$CAPSCOPE" fit --lambda-b "$v"
done

# A list option holds no empty item, like --budgets ("paper," was taken).
for v in "paper," ",paper" "paper,,random" ""; do
    expect_status 2 "sweep --methods '$v' is refused" "$CAPSCOPE" sweep --budgets 0.1 --methods "$v"
    check "sweep --methods '$v': says what methods are" grep -q -- "--methods" "$cs_tmp/err"
done

# An option that takes no value, given one, is named as such, not as unknown.
expect_status 2 "--quiet=1" "$CAPSCOPE" fit --quiet=1
check "--quiet=1: says --quiet takes no value" grep -q "option '--quiet' takes no value" "$cs_tmp/err"
expect_status 2 "--bins=yes" "$CAPSCOPE" splits --bins=yes
check "--bins=yes: says --bins takes no value" grep -q "option '--bins' takes no value" "$cs_tmp/err"
# The interface's options too, in the same words (it said "unknown option").
expect_status 2 "--no-mouse=1" "$CAPSCOPE" --no-mouse=1
check "--no-mouse=1: says --no-mouse takes no value" grep -q "option '--no-mouse' takes no value (given '--no-mouse=1')" "$cs_tmp/err"
# An unknown argument of any length is quoted shortened, in both faces.
long=--$(head -c 5000 /dev/zero | tr '\0' x)
for face in "" fit; do
    expect_status 2 "a 5000-byte unknown option${face:+ to $face}" "$CAPSCOPE" $face "$long"
    check "a 5000-byte unknown option${face:+ to $face}: quoted shortened" sh -c \
        "grep -q \"unknown option '--xxx*\\.\\.\\.'\" '$cs_tmp/err' && [ \$(wc -c < '$cs_tmp/err') -lt 400 ]"
done


# --lambda-b: the penalty is at least lambda_b * 0.05^2 (b's bound, method.md)
# beside a data loss of at most about 1, so at 1e18 the objective keeps no
# digit of the data (the fit returned its start, y0 0 and L 0.5): refused
# past 1e4, where b sits at its bound already.
for l in 1e5 1e18 1e300 -1; do
    expect_status 2 "--lambda-b $l" "$CAPSCOPE" fit --lambda-b "$l"
    check "--lambda-b $l: says the range" grep -q -- "--lambda-b must be a number from 0 to 1e4" "$cs_tmp/err"
done
expect_status 0 "--lambda-b 1e4 is the most" "$CAPSCOPE" fit --lambda-b 1e4 --task math --format json
check "--lambda-b 1e4 holds b at its bound 0.05" grep -q '"b": 0.05,' "$cs_tmp/out"

# "capscope help" is --help, and "capscope help fit" is fit --help: the word
# a user tries first (git, go) was an unknown subcommand.
"$CAPSCOPE" --help > "$cs_tmp/usage"
expect_status 0 "capscope help" "$CAPSCOPE" help
check "capscope help prints what --help does" cmp -s "$cs_tmp/out" "$cs_tmp/usage"
"$CAPSCOPE" fit --help > "$cs_tmp/fit_usage"
expect_status 0 "capscope help fit" "$CAPSCOPE" help fit
check "capscope help fit prints what fit --help does" cmp -s "$cs_tmp/out" "$cs_tmp/fit_usage"
expect_status 2 "capscope help fitt" "$CAPSCOPE" help fitt
check "help fitt: did you mean 'fit'" grep -q "unknown subcommand 'fitt' (did you mean 'fit'?" "$cs_tmp/err"
expect_status 2 "capscope --data F help" "$CAPSCOPE" --data "$top_srcdir/data/demo.csv" help
check "help goes first" grep -q "help goes first: capscope help \[SUBCOMMAND\]" "$cs_tmp/err"
expect_status 2 "capscope help fit plot" "$CAPSCOPE" help fit plot
check "help takes one subcommand" grep -q "help takes one subcommand" "$cs_tmp/err"
# help is a subcommand too: "capscope help help" said "unknown subcommand
# 'help'" of the word it had just taken; help --help and -h are its help,
# and a mistyped help is offered as the subcommands are.
for w in help --help -h; do
    expect_status 0 "capscope help $w" "$CAPSCOPE" help "$w"
    check "capscope help $w prints what --help does" cmp -s "$cs_tmp/out" "$cs_tmp/usage"
done
expect_status 2 "capscope hlep" "$CAPSCOPE" hlep
check "hlep: did you mean 'help'" grep -q "unknown subcommand 'hlep' (did you mean 'help'?" "$cs_tmp/err"

# A mistyped subcommand gets the one did-you-mean rule (cs_typo) that --task
# and the interface's ':' prompt use; a word near none of them gets no guess.
expect_status 2 "capscope fitt" "$CAPSCOPE" fitt
check "fitt: did you mean 'fit'" grep -q "unknown subcommand 'fitt' (did you mean 'fit'?" "$cs_tmp/err"
expect_status 2 "capscope sugest" "$CAPSCOPE" sugest
check "sugest: did you mean 'suggest'" grep -q "did you mean 'suggest'?" "$cs_tmp/err"
expect_status 2 "capscope xyz" "$CAPSCOPE" xyz
check "xyz: no guess" sh -c "! grep -q 'did you mean' '$cs_tmp/err'"
# A word a script passed, shown as every subcommand shows one: on one line,
# its control characters as escapes, never as an escape sequence that drives
# the terminal; a file meant as the data, as a command that can be pasted.
expect_status 2 "capscope ESC[31m" "$CAPSCOPE" "$(printf 'x\033[31m')"
check "the ESC shows as \\x1b" grep -qF "unknown subcommand 'x\x1b[31m' (try 'capscope --help')" "$cs_tmp/err"
expect_status 2 "capscope 'a<newline>b'" "$CAPSCOPE" "$(printf 'a\nb')"
check "one line" [ "$(wc -l <"$cs_tmp/err")" -eq 1 ]
check "the newline shows as \\n" grep -qF "unknown subcommand 'a\nb'" "$cs_tmp/err"
# A byte that starts no UTF-8 character is an escape too: 0x9b is CSI in an
# 8-bit terminal (0x9b 2 J clears it as ESC [ 2 J does); a lone 0xff is no
# text either. A whole character, U+FFFD itself among them, is written as it is.
expect_status 2 "capscope x<0x9b>2J" "$CAPSCOPE" "$(printf 'x\2332J')"
check "the lone 0x9b shows as \\x9b" grep -qF "unknown subcommand 'x\x9b2J'" "$cs_tmp/err"
expect_status 2 "capscope <0xff>é<U+FFFD>" "$CAPSCOPE" "$(printf '\377\303\251\357\277\275')"
check "0xff as \\xff, é and U+FFFD whole" \
    grep -qF "unknown subcommand '\xff$(printf '\303\251\357\277\275')'" "$cs_tmp/err"
# The interface's own refusals at its start, before the terminal is its
# own, by the same rule (they wrote the word raw).
expect_status 2 "capscope --data x.csv ESC[2J" "$CAPSCOPE" --data x.csv "$(printf '\033[2J')"
check "the interface's refusal shows the ESC as \\x1b" \
    grep -qF "unexpected argument '\x1b[2J' (try 'capscope --help')" "$cs_tmp/err"
# A word too long for one line is shortened to its start and '...', so the message
# keeps what it says after the word (it was cut at 2,047 bytes, losing it).
long_word=$(printf '%03000d' 7)
expect_status 2 "capscope --data x.csv <3000 digits>" "$CAPSCOPE" --data x.csv "$long_word"
check "the long argument is shortened and the hint kept" \
    grep -qE "^capscope: unexpected argument '0+\.\.\.' \(try 'capscope --help'\)$" "$cs_tmp/err"
expect_status 2 "capscope --charset <3000 digits>" "$CAPSCOPE" --charset "$long_word"
check "--charset's refusal keeps the choices" \
    grep -qE "^capscope: --charset: '0+\.\.\.' is not braille, block, ascii or auto$" "$cs_tmp/err"
expect_status 2 "capscope --charset 'a<newline>b'" "$CAPSCOPE" --charset "$(printf 'a\nb')"
check "--charset's refusal on one line" [ "$(wc -l <"$cs_tmp/err")" -eq 1 ]
check "the newline shows as \\n" grep -qF -e "--charset: 'a\nb' is not" "$cs_tmp/err"
expect_status 2 "fit --task ''" "$CAPSCOPE" fit --task ''
check "--task '': says a name is needed" grep -qF -e "capscope: fit: --task needs a task name, not an empty word (try 'capscope fit --help')" "$cs_tmp/err"
printf 'model,flops,acc\n' >"$cs_tmp/my data.csv"
expect_status 2 "capscope 'my data.csv' (a file)" "$CAPSCOPE" "$cs_tmp/my data.csv"
check "the command to open it is quoted for the shell" \
    grep -qF "(to open it: capscope --data '$cs_tmp/my data.csv')" "$cs_tmp/err"
# A name's start is a guess too when no name is a typo or two away: a task
# written as its benchmark's short name, a subcommand cut short.
expect_status 2 "capscope spl" "$CAPSCOPE" spl
check "spl: did you mean 'splits'" grep -q "did you mean 'splits'?" "$cs_tmp/err"
expect_status 2 "fit --task reas" "$CAPSCOPE" fit --task reas
check "--task reas: did you mean 'reasoning'" grep -q "unknown column 'reas': did you mean 'reasoning'?" "$cs_tmp/err"
# The start of two tasks is no guess: which one would be a coin toss.
printf 'model,flops,mmlu_pro,mmlu_redux,bbh\na,1e22,0.3,0.4,0.5\nb,1e23,0.4,0.5,0.6\nc,1e24,0.5,0.6,0.7\n' >"$cs_tmp/two_mmlu.csv"
expect_status 2 "fit --task mmlu (two tasks begin so)" "$CAPSCOPE" fit --data "$cs_tmp/two_mmlu.csv" --task mmlu
check "--task mmlu: the start of 2 tasks, no guess" grep -q "unknown column 'mmlu': the start of 2 tasks (tasks: mmlu_pro, mmlu_redux, bbh)\$" "$cs_tmp/err"
expect_status 2 "capscope su" "$CAPSCOPE" su
check "su (2 letters): no guess" sh -c "! grep -q 'did you mean' '$cs_tmp/err'"
# The interface's --charset refusal lists the setting's words (auto too).
expect_status 2 "--charset foo" "$CAPSCOPE" --charset foo
check "--charset foo: lists auto" grep -q "'foo' is not braille, block, ascii or auto" "$cs_tmp/err"
# A file where the subcommand goes was meant as the data to open.
printf 'model,flops,acc\n' > "$cs_tmp/fitt"
expect_status 2 "capscope FILE" "$CAPSCOPE" "$cs_tmp/fitt"
check "capscope FILE: says --data" grep -qF "(to open it: capscope --data $cs_tmp/fitt)" "$cs_tmp/err"
mkdir -p "$cs_tmp/somedir"
expect_status 2 "capscope DIR" "$CAPSCOPE" "$cs_tmp/somedir"
check "capscope DIR: no --data advice" sh -c "! grep -q 'capscope --data' '$cs_tmp/err'"

# Both faces read a count by one grammar (cs_parse_count) and refuse it in
# the same words: the interface's picks setting (from the config's tui:
# mapping, refused before any screen opens) and suggest --count say the same
# of each text but for their ranges (1 to 10000, 1 to 100000000). The
# interface took "2.0" and "2e0", which --count refused, and called 1e400
# "not a count". The words expected are the grammar's (number.h), by hand.
export XDG_CONFIG_HOME="$cs_tmp/xdg-config" XDG_STATE_HOME="$cs_tmp/xdg-state" XDG_DATA_HOME="$cs_tmp/xdg-data"
why_after() { # the words after "'TEXT' is " in FILE, less the CLI's (try ...)
    awk -v t="'$1' is " '{ i = index($0, t); if (i) { w = substr($0, i + length(t)); sub(/ \(try .capscope [a-z]+ --help.\)$/, "", w); print w; exit } }' "$2"
}
for pair in "2.0|not in digits alone (a whole number from 1 to N)" \
    "2e0|not in digits alone (a whole number from 1 to N)" \
    "+5|not in digits alone (a whole number from 1 to N)" \
    "0|less than it takes (at least 1)" "-1|less than it takes (at least 1)" \
    "1e400|more than it takes (at most N)" \
    "99999999999999999999|more than it takes (at most N)" \
    "2.5|not a whole number from 1 to N" "0x10|not a whole number from 1 to N" \
    "abc|not a whole number from 1 to N" "|not a whole number from 1 to N"; do
    v=${pair%%|*}
    want=${pair#*|}
    expect_status 2 "suggest --count '$v' is refused" "$CAPSCOPE" suggest --count "$v"
    cli=$(why_after "$v" "$cs_tmp/err")
    check "suggest --count '$v': $cli" [ "$cli" = "$(echo "$want" | sed 's/N/100000000/')" ]
    printf "tui:\n  picks: '%s'\n" "$v" >"$cs_tmp/picks.yaml"
    expect_status 2 "tui picks '$v' is refused" "$CAPSCOPE" --config "$cs_tmp/picks.yaml" </dev/null
    tui=$(why_after "$v" "$cs_tmp/err")
    check "tui picks '$v': $tui" [ "$tui" = "$(echo "$want" | sed 's/N/10000/')" ]
    check "tui picks '$v' at its line" grep -q "^capscope: $cs_tmp/picks.yaml:2: tui.picks: " "$cs_tmp/err"
done

# The user's config is read at every start unasked: a FIFO in its place hung
# the start in open() (bounded here by timeout: before, status 124).
mkdir -p "$XDG_CONFIG_HOME/capscope"
mkfifo "$XDG_CONFIG_HOME/capscope/config.yaml"
expect_status 2 "a FIFO as the user's config" timeout 20 "$CAPSCOPE" </dev/null
check "says what is in its place" grep -q "^capscope: $XDG_CONFIG_HOME/capscope/config.yaml: is a FIFO, not a config file" "$cs_tmp/err"
rm "$XDG_CONFIG_HOME/capscope/config.yaml"
# A link to /dev/null is an empty config, as it was before FIFOs were refused.
ln -s /dev/null "$XDG_CONFIG_HOME/capscope/config.yaml"
expect_status 2 "the user's config linked to /dev/null, off a terminal" "$CAPSCOPE" </dev/null
check "is read (empty): the start goes on to want a terminal" grep -q "needs a terminal" "$cs_tmp/err"
check "and says nothing of the config" sh -c "! grep -q 'config' '$cs_tmp/err'"
rm "$XDG_CONFIG_HOME/capscope/config.yaml"
# A config longer than a config is (a data file after --config by mistake)
# is refused unread, with where the data goes; 1 MiB is still read.
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "# %060d\n", i }' >"$cs_tmp/long.yaml"
expect_status 2 "a config of 1.2 MiB" "$CAPSCOPE" fit --config "$cs_tmp/long.yaml"
check "is refused as too long" grep -q "^capscope: $cs_tmp/long.yaml: is 1.2 MiB, too long for a config file (at most 1 MiB)" "$cs_tmp/err"
head -c 1048576 "$cs_tmp/long.yaml" >"$cs_tmp/mib.yaml"
expect_status 0 "a config of 1 MiB (comments)" "$CAPSCOPE" fit --config "$cs_tmp/mib.yaml"

# --task takes one name: a list of the data's tasks in one says so, where the
# nearest-name guess offered the first of them as a typo of the whole
# ('reasoning,' is one edit from 'reasoning'), or said nothing.
for v in "reasoning,math:2" "reasoning, math,coding:3"; do
    n=${v##*:}
    v=${v%:*}
    expect_status 2 "fit --task '$v'" "$CAPSCOPE" fit --task "$v"
    check "fit --task '$v': a list of $n tasks" \
        grep -q "^capscope: demo:1: unknown column '$v': a list of $n tasks? name each on its own (tasks: reasoning, math" "$cs_tmp/err"
done
for v in "reasoning,nope" "model,math" "reasoning,"; do
    expect_status 2 "fit --task '$v'" "$CAPSCOPE" fit --task "$v"
    check "fit --task '$v' is no list of tasks" sh -c "! grep -q 'a list of' '$cs_tmp/err'"
done

# sweep's list options take one list: a second --budgets replaced the first
# without a word (sweep ran 0.2 alone), though predict's --flops repeats.
expect_status 2 "sweep --budgets twice" "$CAPSCOPE" sweep --budgets 0.1 --budgets 0.2
check "says to give one list" \
    grep -q "^capscope: sweep: --budgets is given twice; give one list, --budgets 0.1,0.2 (try" "$cs_tmp/err"
expect_status 2 "sweep --methods twice" "$CAPSCOPE" sweep --methods paper --methods random
check "says to give one list" \
    grep -q "^capscope: sweep: --methods is given twice; give one list, --methods paper,random (try" "$cs_tmp/err"

# A compute outside [1e15, 1e30] is most likely a log10 (z) or zFLOPs:
# "--flops 24" was predicted at 24 FLOPs, clamped, without a word. Taken, as
# a data row outside that range is, with the warning and the value meant.
expect_status 0 "predict --flops 24" "$CAPSCOPE" predict --task math --flops 24
check "warns, with the value z = 24 means" grep -q \
    "^capscope: warning: --flops 24 is outside \[1e15, 1e30\]: flops are absolute FLOPs such as 1e24, not log10 or zFLOPs (z = 24 is --flops 1e24)$" "$cs_tmp/err"
expect_status 0 "splits --drift-flops 3.5 (zFLOPs)" "$CAPSCOPE" splits --task math --split 1 --drift --drift-flops 3.5
check "warns, naming the option" grep -q "^capscope: warning: --drift-flops 3.5 is outside \[1e15, 1e30\]: .* zFLOPs$" "$cs_tmp/err"
expect_status 0 "predict --flops 24 --quiet" "$CAPSCOPE" predict --task math --flops 24 --quiet
check "--quiet after the option still quiets it" test ! -s "$cs_tmp/err"
for v in 1e15 1e30 1e24; do
    expect_status 0 "predict --flops $v" "$CAPSCOPE" predict --task math --flops $v
    check "--flops $v: no warning" test ! -s "$cs_tmp/err"
done

# A file option's value left empty, as `--data "$DATA"` with DATA unset
# gives it: refused as the option's value, naming the subcommand and the
# option ("--from ''" said only "cannot open: no such file or directory").
for args in "fit --data" "predict --task math --flops 1e24 --config" "score --data x.csv --from"; do
    opt=${args##* }
    # shellcheck disable=SC2086
    expect_status 2 "$args ''" "$CAPSCOPE" $args ""
    sub=${args%% *}
    check "$args '': the option refused" grep -qxF "capscope: $sub: $opt needs a file name, not an empty word ('-' for standard input) (try 'capscope $sub --help')" "$cs_tmp/err"
    check "$args '': nothing on stdout" test ! -s "$cs_tmp/out"
done
# The interface's file options too, before it looks for a terminal: --replay ''
# said "cannot read: no such file or directory", naming no option.
for opt in --data --config --replay; do
    expect_status 2 "the interface's $opt ''" "$CAPSCOPE" $opt ""
    check "$opt '': the option refused" grep -qxF "capscope: $opt needs a file name, not an empty word" "$cs_tmp/err"
done

finish
