#!/bin/sh
# bad_input.sh - malformed input through the real binary. Every case must end
# with exit status 2 (never a signal, never a crash) and exactly one line on
# stderr, "capscope: FILE:LINE: ..." (or "capscope: FILE: ..." where no line
# applies) naming the problem with the word the table gives.
#
# The expected lines are counted by hand from the inputs written below.
. "$top_srcdir/tests/lib.sh"

d=$cs_tmp
n_cases=0

# run_bad FILE LINE WORD ARGS...: `capscope fit ARGS` must fail as described.
run_bad() {
    file=$1 line=$2 word=$3
    shift 3
    n_cases=$((n_cases + 1))
    "$CAPSCOPE" fit "$@" >"$d/out" 2>"$d/err" </dev/null
    st=$?
    if [ -n "$line" ]; then prefix="capscope: $file:$line: "; else prefix="capscope: $file: "; fi
    what="${file##*/}${line:+:$line} ($word)"
    if [ "$st" -gt 128 ]; then
        fail "$what: killed by signal $((st - 128))"
        return
    fi
    if [ "$st" -ne 2 ]; then
        fail "$what: exit $st, expected 2; stderr: $(head -c 300 "$d/err")"
        return
    fi
    if [ "$(wc -l <"$d/err")" -ne 1 ]; then
        fail "$what: stderr is not one line: $(head -c 300 "$d/err")"
        return
    fi
    got=$(cat "$d/err")
    case $got in
    "$prefix"*) ;;
    *)
        fail "$what: stderr does not start with '$prefix': $(printf %s "$got" | head -c 300)"
        return
        ;;
    esac
    case $got in
    *"$word"*) ok "$what" ;;
    *) fail "$what: stderr lacks '$word': $(printf %s "$got" | head -c 300)" ;;
    esac
}

# bad NAME LINE WORD FORMAT: the data printf FORMAT, read with --task acc.
bad() {
    printf "$4" >"$d/$1.csv"
    run_bad "$d/$1.csv" "$2" "$3" --data "$d/$1.csv" --task acc
}

# bad_auto NAME LINE WORD FORMAT: the same without --task (auto-detection).
bad_auto() {
    printf "$4" >"$d/$1.csv"
    run_bad "$d/$1.csv" "$2" "$3" --data "$d/$1.csv"
}

H='model,flops,date,params_b,acc\n'
G='a,1e22,2024-01-01,7,0.5\nb,1e23,2024-02-01,8,0.6\nc,1e24,2024-03-01,9,0.7\nd,1e25,2024-04-01,10,0.8\n'
printf "$H$G" >"$d/good.csv"

# --- the file as a whole ---
bad empty "" "file is empty" ''
bad bom_only "" "file is empty" '\357\273\277'
bad blank_only 1 "no header" '\n\n   \n'
bad header_only 1 "no data rows" "$H"
bad header_only_crlf 1 "no data rows" 'model,flops,acc\r\n\r\n'
bad utf16le_bom 1 "UTF-16" '\377\376m\000o\000d\000e\000l\000,\000\n\000'
bad utf16be_bom 1 "UTF-16" '\376\377\000m\000o\000d\000e\000l\000\n'
bad utf16le_nobom 1 "UTF-16" 'm\000o\000d\000e\000l\000,\000\n\000'
bad utf32le 1 "UTF-32" '\377\376\000\000m\000\000\000'
bad nul_byte 3 "NUL byte" "${H}a,1e22,,,0.5\nb\000,1e22,,,0.5\n"
# A data file handed on compressed, or as the workbook rather than its CSV
# export, is named for what it is (it was "a NUL byte (at column 9)", or
# "not UTF-8 text (byte 0x8b at column 2)"): the first bytes of each format.
bad gzip 1 "compressed (gzip)" '\037\213\010\000\000\000\000\000\000\003'
bad bzip2 1 "compressed (bzip2)" 'BZh91AY&SY\001\002\000'
bad bzip2_empty 1 "compressed (bzip2)" 'BZh9\027rE8P\220\000\000\000\000'
bad xz 1 "compressed (xz)" '\3757zXZ\000\000\004'
bad zstd 1 "compressed (zstd)" '\050\265\057\375\044\000'
bad zip_xlsx 1 "a ZIP archive (an .xlsx" 'PK\003\004\024\000\006\000'
bad ole2_xls 1 "an Office document (an .xls" '\320\317\021\340\241\261\032\341\000\000'
# Files joined with cat, each with its header (the second one's may start
# with a byte-order mark): the header again is said as that, where it was
# "column 'flops': 'flops' is not a number".
bad header_again 3 "the header again (files joined with cat" "${H}a,1e22,,,0.5\n${H}b,1e22,,,0.5\n"
bad header_again_bom 3 "the header again" "${H}a,1e22,,,0.5\n\357\273\277${H}b,1e22,,,0.5\n"
bad_auto header_again_auto 4 "the header again" "${H}a,1e22,,,0.5\nb,1e23,,,0.6\n${H}c,1e22,,,0.5\n"
# A model called "model" is a row like any other.
printf '%bmodel,1e21,,1,0.2\nm2,1e22,,1,0.3\nm3,1e23,,1,0.5\nm4,1e24,,1,0.6\n' "$H" >"$d/model_named_model.csv"
expect_status 0 "a model named 'model' is not taken for the header" \
    "$CAPSCOPE" fit --data "$d/model_named_model.csv" --task acc --format csv
# A header that merely starts like bzip2's magic is text.
bad bzh_header 1 "no 'model' column" 'BZh1,flops\na,1e22\n'
if command -v gzip >/dev/null 2>&1; then
    printf '%bm1,1e21,,1,0.2\nm2,1e22,,1,0.3\nm3,1e23,,1,0.5\nm4,1e24,,1,0.6\n' "$H" | gzip -c >"$d/real.csv.gz"
    run_bad "$d/real.csv.gz" 1 "decompress it first" --data "$d/real.csv.gz"
    check "read through zcat and standard input, the same file loads" \
        sh -c "gzip -dc '$d/real.csv.gz' | '$CAPSCOPE' fit --data - --task acc --tau 0.5 >/dev/null 2>&1"
fi
bad latin1 2 "not UTF-8" "${H}caf\351,1e22,,,0.5\n"
bad overlong_utf8 3 "not UTF-8" "${H}a,1e22,,,0.5\n\300\257,1e22,,,0.5\n"
bad surrogate_utf8 2 "not UTF-8" "${H}\355\240\200,1e22,,,0.5\n"
bad beyond_unicode 2 "not UTF-8" "${H}\364\220\200\200,1e22,,,0.5\n"
bad truncated_utf8 2 "not UTF-8" "${H}a\342\202"

# --- structure ---
bad quote_unterminated 3 "unterminated quoted field" "${H}a,1e22,,,0.5\n\"b,1e22,,,0.5\nc,1e22,,,0.5\n"
bad quote_unterminated_eof 6 "unterminated quoted field" "$H$G\"e"
bad quote_in_header 1 "unterminated quoted field" 'model,"flops,acc\na,1,0.5\n'
bad text_after_quote 2 "closing quote" "${H}\"a\"b,1e22,,,0.5\n"
bad too_few_fields 3 "row has 4 fields, header has 5" "${H}a,1e22,,,0.5\nb,1e22,,0.5\n"
bad too_many_fields 2 "row has 6 fields, header has 5" "${H}a,1e22,,,0.5,9\n"
bad one_field 6 "row has 1 field, header has 5" "$H${G}oops\n"
bad lines_after_multiline 5 "row has 2 fields" "${H}\"multi\nline\nname\",1e22,,,0.5\nb,1\n"
bad lines_after_blank 5 "row has 3 fields" "\n${H}a,1e22,,,0.5\n\nb,1,2\n"
bad cr_only_lines 3 "row has 2 fields" 'model,flops,acc\ra,1e22,0.5\rb,1\r'
bad crlf_lines 3 "row has 2 fields" 'model,flops,acc\r\na,1e22,0.5\r\nb,1\r\n'
bad duplicate_header 1 "duplicate column name 'acc' (also column 2)" 'model,acc,flops,acc\na,0.5,1e22,0.5\n'
bad no_model_column 1 "no 'model' column" 'name,flops,acc\na,1e22,0.5\n'
bad no_flops_column 1 "no 'flops' column" 'model,compute,acc\na,1e22,0.5\n'
# A spreadsheet's capitalised header: the message says how to name it.
bad model_in_caps 1 "no 'model' column (columns: Model, flops, acc); 'Model' differs only in case: name it in a --config file, columns: {model: Model}" 'Model,flops,acc\na,1e22,0.5\n'
bad flops_in_caps 1 "'FLOPs' differs only in case: name it in a --config file, columns: {flops: FLOPs}" 'model,FLOPs,acc\na,1e22,0.5\n'
bad no_header_row 1 "no header" 'a,1e22,0.5\nb,1e23,0.6\n'
bad empty_model_name 3 "model name is empty" "${H}a,1e22,,,0.5\n,1e22,,,0.5\n"

# --- a 10 MB line ---
{
    printf "$H$G"
    head -c 10485760 /dev/zero | tr '\0' 'x'
    printf ',1e22,2024-05-01,7,0.5\nf,1e22,2024-05-01,7,1.5\n'
} >"$d/long_line_ok.csv"
run_bad "$d/long_line_ok.csv" 7 "score 1.5 is outside [0, 1]" --data "$d/long_line_ok.csv" --task acc
{
    printf "$H$G"
    head -c 10485760 /dev/zero | tr '\0' 'x'
    printf '\n'
} >"$d/long_line_bad.csv"
run_bad "$d/long_line_bad.csv" 6 "row has 1 field" --data "$d/long_line_bad.csv" --task acc
{
    printf "${H}a,"
    head -c 10485760 /dev/zero | tr '\0' '9'
    printf 'x,,,0.5\n'
} >"$d/long_number.csv"
run_bad "$d/long_number.csv" 2 "is not a number" --data "$d/long_number.csv" --task acc

# --- numbers ---
bad flops_nan 6 "column 'flops': 'nan' is not a number" "$H${G}e,nan,,,0.5\n"
bad flops_NaN 6 "column 'flops': 'NaN' is not a number" "$H${G}e,NaN,,,0.5\n"
bad flops_inf 6 "column 'flops': 'inf' is not a number" "$H${G}e,inf,,,0.5\n"
bad flops_minus_inf 6 "column 'flops': '-inf' is not a number" "$H${G}e,-inf,,,0.5\n"
bad flops_infinity 6 "column 'flops': 'Infinity' is not a number" "$H${G}e,Infinity,,,0.5\n"
bad flops_trailing 6 "column 'flops': '1e22x' is not a number" "$H${G}e,1e22x,,,0.5\n"
bad flops_hex 6 "column 'flops': '0x10' is not a number" "$H${G}e,0x10,,,0.5\n"
bad flops_comma 6 "is not a number" "$H${G}e,\"1,5e22\",,,0.5\n"
bad flops_huge 6 "column 'flops': '1e999' is more than a double holds (at most 1.79e308 FLOPs)" "$H${G}e,1e999,,,0.5\n"
# A score no double holds is refused in the words --tau and :score use, not taken as 0.
bad score_tiny 6 "column 'acc': '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)" "$H${G}e,1e22,,,1e-400\n"
bad flops_zero_rows "" "fewer than 4" "${H}a,1e22,,,0.5\nb,0,,,0.5\nc,1e23,,,0.5\nd,1e24,,,0.5\n"
bad flops_negative_rows "" "fewer than 4" "${H}a,1e22,,,0.5\nb,-1e22,,,0.5\nc,1e23,,,0.5\nd,1e24,,,0.5\n"
bad flops_all_missing "" "no row has flops > 0" "${H}a,,,,0.5\nb,0,,,0.5\n"
bad score_above_one 6 "column 'acc': score 1.5 is outside [0, 1]" "$H${G}e,1e22,,,1.5\n"
bad score_negative 6 "column 'acc': score -0.1 is outside [0, 1]" "$H${G}e,1e22,,,-0.1\n"
bad score_nan 6 "column 'acc': 'nan' is not a number" "$H${G}e,1e22,,,nan\n"
bad score_inf 6 "column 'acc': 'inf' is not a number" "$H${G}e,1e22,,,inf\n"
bad score_text 6 "column 'acc': 'n/a' is not a number" "$H${G}e,1e22,,,n/a\n"
bad score_on_dropped_row 6 "score 2 is outside [0, 1]" "$H${G}e,,,,2\n"
bad cost_negative 6 "column 'params_b': cost -7 is not positive" "$H${G}e,1e22,,-7,0.5\n"
bad cost_text 6 "column 'params_b': 'seven' is not a number" "$H${G}e,1e22,,seven,0.5\n"

# --- dates ---
bad date_month_13 6 "column 'date': '2024-13-45' is not a valid date (YYYY-MM-DD; there is no month 13)" "$H${G}e,1e22,2024-13-45,,0.5\n"
bad date_feb_29 6 "'2023-02-29' is not a valid date" "$H${G}e,1e22,2023-02-29,,0.5\n"
bad date_feb_30 6 "'2024-02-30' is not a valid date" "$H${G}e,1e22,2024-02-30,,0.5\n"
bad date_april_31 6 "'2024-04-31' is not a valid date" "$H${G}e,1e22,2024-04-31,,0.5\n"
bad date_slashes 6 "'2024/01/01' is not a valid date" "$H${G}e,1e22,2024/01/01,,0.5\n"
bad date_with_time 6 "'2024-01-05T10:00:00' is not a valid date (YYYY-MM-DD; a date without the time: 2024-01-05)" "$H${G}e,1e22,2024-01-05T10:00:00,,0.5\n"
bad date_with_blank_time 6 "'2024-01-05 10:00' is not a valid date (YYYY-MM-DD; a date without the time: 2024-01-05)" "$H${G}e,1e22,2024-01-05 10:00,,0.5\n"
bad date_month_only 6 "'2024-03' is not a valid date (YYYY-MM-DD; a month as its first day: 2024-03-01)" "$H${G}e,1e22,2024-03,,0.5\n"
# no hint of a month that is none: 2024-13-01 is no date either
bad date_month_13_only 6 "'2024-13' is not a valid date (YYYY-MM-DD)" "$H${G}e,1e22,2024-13,,0.5\n"
bad date_time 6 "'2024-01-01T10:00' is not a valid date" "$H${G}e,1e22,2024-01-01T10:00,,0.5\n"

# --- percentages, and a column of scores but for one cell ---
bad pct_explicit 6 "column 'acc': score 85.3 is outside [0, 1] (percentages? score_scale: 100" "$H${G}e,1e22,,,85.3\n"
bad_auto pct_auto 1 "no task column: no column holds only scores in [0, 1]; 'acc' holds numbers up to 85.3: percentages? score_scale: 100" \
    "${H}a,1e22,,,50\nb,1e23,,,85.3\nc,1e24,,,0.5\n"
bad_auto nan_only_task 4 "no task column: column 'acc' is not a task: 'nan' is not a number" "${H}a,1e22,,,0.5\nb,1e22,,,0.6\nc,1e22,,,nan\nd,1e22,,,0.7\ne,1e22,,,0.8\n"

# --- tasks ---
# The message names the tasks, not the role columns, and the near miss.
run_bad "$d/good.csv" 1 "unknown column 'foo' (task: acc)" --data "$d/good.csv" --task foo
run_bad "$d/good.csv" 1 "unknown column 'Acc': did you mean 'acc'? (case differs; task: acc)" \
    --data "$d/good.csv" --task Acc
run_bad "$d/good.csv" 1 "unknown column 'acx': did you mean 'acc'? (task: acc)" --data "$d/good.csv" --task acx
run_bad "$d/good.csv" 1 "column 'flops' is the flops column; it cannot be a task" \
    --data "$d/good.csv" --task flops
# --task replaces the config's tasks: list (capscope-config(5)), whichever
# comes first: the names it gives are checked, the config's are not read.
printf 'tasks: [acc]\n' >"$d/tasks.yaml"
run_bad "$d/good.csv" 1 "unknown column 'foo'" --data "$d/good.csv" --config "$d/tasks.yaml" --task foo
run_bad "$d/good.csv" 1 "unknown column 'foo'" --data "$d/good.csv" --task foo --config "$d/tasks.yaml"
printf 'model,flops,acc,bb\na,1e21,0.1,0.2\nb,1e22,0.2,0.3\nc,1e23,0.3,0.4\nd,1e24,1.5,0.5\n' >"$d/tasks.csv"
expect_status 0 "--task bb with a config's tasks: [acc]" "$CAPSCOPE" fit --data "$d/tasks.csv" \
    --config "$d/tasks.yaml" --task bb --format csv
check "only bb is fitted (acc's 1.5 is not read as a task's)" \
    sh -c "cut -d, -f1 '$cs_tmp/out' | tr '\n' ' ' | grep -qx 'task bb '"
bad_auto no_task_column 1 "no task column" 'model,flops,year,flag\na,1e22,2024,1\nb,1e22,2023,0\n'

# --- the file itself ---
run_bad "$d/missing.csv" "" "cannot open: no such file or directory" --data "$d/missing.csv" --task acc
mkdir "$d/dir.csv"
run_bad "$d/dir.csv" "" "is a directory" --data "$d/dir.csv" --task acc
if [ "$(id -u)" -ne 0 ]; then
    printf "$H$G" >"$d/unreadable.csv"
    chmod 000 "$d/unreadable.csv"
    run_bad "$d/unreadable.csv" "" "cannot open: permission denied" --data "$d/unreadable.csv" --task acc
else
    echo "skip: unreadable file (running as root, which reads anything)"
fi

# Flops of 1e-400 drop the row, counted apart from the empty ones and in
# the words the options refuse --flops 1e-400 with.
printf "$H${G}e,1e-400,,,0.5\nf,,,,0.5\n" >"$d/flops_tiny.csv"
"$CAPSCOPE" fit --data "$d/flops_tiny.csv" --task acc >"$d/out" 2>"$d/err"
check "flops 1e-400: the row is skipped" [ $? -eq 0 ]
check "flops 1e-400: its own warning, with its line" grep -qx \
    "capscope: warning: $d/flops_tiny.csv:6: flops '1e-400' is nearer 0 than a double holds (the least is 4.9e-324 FLOPs): 1 row with such flops skipped" "$d/err"
check "flops 1e-400: not counted as empty" grep -qx \
    "capscope: warning: $d/flops_tiny.csv: 1 row without flops (empty or <= 0) skipped" "$d/err"
"$CAPSCOPE" predict --data "$d/good.csv" --task acc --flops 1e-400 >"$d/out" 2>"$d/err"
check "--flops 1e-400 is refused in the same words" grep -q "nearer 0 than a double holds (the least is 4.9e-324 FLOPs)" "$d/err"

# --- standard input ---
n_cases=$((n_cases + 1))
printf "$H${G}e,1e22,,,1.5\n" | "$CAPSCOPE" fit --data - --task acc >"$d/out" 2>"$d/err"
st=$?
check "stdin: exit 2" [ "$st" -eq 2 ]
check "stdin: the file is '-', line 6" grep -q "^capscope: -:6: column 'acc': score 1.5" "$d/err"
# Empty standard input is no file: "-: file is empty" named one.
n_cases=$((n_cases + 1))
"$CAPSCOPE" fit --data - </dev/null >"$d/out" 2>"$d/err"
st=$?
check "empty stdin: exit 2" [ "$st" -eq 2 ]
check "empty stdin: '-: standard input is empty', one line of the contract's FILE: form" \
    [ "$(cat "$d/err")" = "capscope: -: standard input is empty" ]
n_cases=$((n_cases + 1))
printf '\357\273\277' | "$CAPSCOPE" fit --data - >"$d/out" 2>"$d/err"
check "stdin of a byte-order mark alone: standard input is empty" \
    [ "$(cat "$d/err")" = "capscope: -: standard input is empty (only a byte-order mark)" ]

# --- YAML configs (the data is good; the config is not) ---
# bad_config NAME LINE WORD FORMAT: the config printf FORMAT with good.csv.
bad_config() {
    printf "$4" >"$d/$1.yaml"
    run_bad "$d/$1.yaml" "$2" "$3" --data "$d/good.csv" --config "$d/$1.yaml"
}
bad_config yaml_malformed 3 "malformed YAML" 'columns:\n  model: model\n bad: x\n'
bad_config yaml_unclosed_quote 3 "malformed YAML" "columns:\n  model: 'model\n"
bad_config yaml_tab 2 "malformed YAML" 'score_scale: 1\n\tcolumns: x\n'
bad_config yaml_unknown_key 2 "unknown key 'colums'" '# config\ncolums:\n  model: model\n'
bad_config yaml_unknown_nested 3 "unknown key 'columns.modle'" 'columns:\n  model: model\n  modle: x\n'
bad_config yaml_duplicate_key 2 "duplicate key 'score_scale' (also on line 1)" 'score_scale: 1\nscore_scale: 2\n'
bad_config yaml_alias_bomb 2 "anchors (&a)" 'tui:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
bad_config yaml_anchor 2 "anchors (&m)" 'columns:\n  model: &m model\n'
bad_config yaml_alias 2 "aliases (*m)" 'columns:\n  model: *m\n'
bad_config yaml_deep 1 "nesting deeper than" 'tui: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n'
bad_config yaml_columns_list 1 "columns: expected a mapping" 'columns: [model, flops]\n'
bad_config yaml_column_mapping 2 "expected a column name, got a mapping" 'columns:\n  model: {a: b}\n'
bad_config yaml_tasks_scalar 1 "tasks: expected a list" 'tasks: acc\n'
bad_config yaml_scale_text 1 "score_scale: 'abc' is not a number" 'score_scale: abc\n'
bad_config yaml_scale_negative 1 "score_scale: -1 is not positive" 'score_scale: -1\n'
# One column given two roles that read it differently: the config's line is
# blamed, not the data's first cell ("'a' is not a number").
bad_config yaml_two_roles 3 "column 'model' is given two roles, columns.model and columns.flops" \
    'columns:\n  model: model\n  flops: model\n'
bad_config yaml_role_on_default 2 "column 'flops' is given two roles, columns.flops and columns.date" \
    '# the flops column keeps its default name\ncolumns: {date: flops}\n'
bad_config yaml_unknown_unit 4 "unknown unit 'gazillion'" 'derive_flops:\n  params: params_b\n  tokens: params_b\n  tokens_unit: gazillion\n'
bad_config yaml_derive_half 1 "needs both 'params' and 'tokens'" 'derive_flops:\n  params: params_b\n'
bad_config yaml_missing_column 3 "columns.flops: no column 'compute'" '\ncolumns:\n  flops: compute\n'
bad_config yaml_missing_task 3 "unknown column 'foo'" 'tasks:\n  - acc\n  - foo\n'
bad_config yaml_missing_derive 3 "derive_flops.tokens: no column 'tokens_t'" 'derive_flops:\n  params: params_b\n  tokens: tokens_t\n'
bad_config yaml_two_documents 2 "more than one YAML document" 'score_scale: 1\n---\nscore_scale: 1\n'
bad_config yaml_not_mapping 1 "must be a mapping" '[a, b]\n'
bad_config yaml_nul 2 "NUL byte" 'score_scale: 1\n\000\n'
printf 'score_scale: 100\ntasks: [acc]\n' >"$d/pct.yaml"
printf 'model,flops,acc\na,1e22,50\nb,1e22,60\nc,1e22,150\n' >"$d/pct.csv"
run_bad "$d/pct.csv" 4 "score 150 is outside [0, 100] (score_scale 100)" --data "$d/pct.csv" --config "$d/pct.yaml"
run_bad "$d/none.yaml" "" "cannot open: no such file or directory" --data "$d/good.csv" --config "$d/none.yaml"
run_bad "$d/dir.csv" "" "is a directory" --data "$d/good.csv" --config "$d/dir.csv"

# Not errors, but never silent: a column of scores with one stray value is
# not a task (the contract's definition), and the user is told which cell.
printf 'model,flops,acc,musr\na,1e21,0.1,0.2\nb,1e22,0.2,0.3\nc,1e23,0.3,N/A\nd,1e24,0.4,0.4\ne,1e24,0.5,0.5\n' >"$d/stray.csv"
expect_status 0 "a column with a stray N/A: fitted without it" "$CAPSCOPE" fit --data "$d/stray.csv" --format csv
check "the other task is fitted" grep -q '^acc,' "$cs_tmp/out"
check "the column is named in a warning, with its line" grep -q "warning: $d/stray.csv:4: column 'musr' is not a task: 'N/A' is not a number" "$cs_tmp/err"
expect_status 0 "--quiet silences the warning" "$CAPSCOPE" fit --data "$d/stray.csv" --quiet
check "nothing on stderr with --quiet" [ ! -s "$cs_tmp/err" ]
run_bad "$d/stray.csv" 4 "column 'musr': 'N/A' is not a number" --data "$d/stray.csv" --task musr
# Percentages with their sign are scores in another notation: named, with the score to write.
printf 'model,flops,acc,pct\na,1e21,0.1,45%%\nb,1e22,0.2,50%%\nc,1e23,0.3,55%%\nd,1e24,0.4,60%%\n' >"$d/pctsign.csv"
expect_status 0 "a column of 45%: fitted without it" "$CAPSCOPE" fit --data "$d/pctsign.csv" --format csv
check "the percent column is named in a warning" grep -q "warning: $d/pctsign.csv:2: column 'pct' is not a task: '45%' is a percentage (4 of its 4 values are; write it as 0.45" "$cs_tmp/err"
# Named with --task, its first cell is an error that says the same.
run_bad "$d/pctsign.csv" 2 "column 'pct': '45%' is not a number: a percentage; write it as 0.45" --data "$d/pctsign.csv" --task pct
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.2\na,1e23,0.3\nc,1e24,0.4\n' >"$d/dupname.csv"
expect_status 0 "a repeated model name is loaded" "$CAPSCOPE" fit --data "$d/dupname.csv"
check "and named in a warning" grep -q "warning: $d/dupname.csv:4: model 'a' is also on line 2" "$cs_tmp/err"
# A warning quotes the data: an escape sequence in a name is written
# escaped, as in errors, never sent to the terminal.
printf 'model,flops,acc\n"a\033[2Jb",1e21,0.1\nc,1e22,0.2\n"a\033[2Jb",1e23,0.3\nd,1e24,0.4\n' >"$d/escname.csv"
expect_status 0 "a repeated name holding an escape sequence" "$CAPSCOPE" fit --data "$d/escname.csv"
check "the warning shows it escaped" grep -qF "model 'a\x1b[2Jb' is also on line 2" "$cs_tmp/err"
check "no ESC byte on stderr" sh -c "! grep -q \"\$(printf '\\033')\" '$cs_tmp/err'"

# Warnings wait until the command ends: an input error found after the
# data loaded is still the one line on stderr the contract asks for.
printf 'model,flops,date,acc\na,,2024-01-01,0.1\nb,1e22,2024-01-02,0.2\nc,1e23,2024-01-03,0.3\nd,1e24,2024-01-04,0.4\ne,1e24,2024-01-05,0.5\n' >"$d/warned.csv"
expect_status 0 "a row without flops: fitted, with a warning" "$CAPSCOPE" fit --data "$d/warned.csv"
check "the warning is printed" grep -q "1 row without flops" "$cs_tmp/err"
expect_status 2 "the same file, no row in the date range" "$CAPSCOPE" fit --data "$d/warned.csv" --since 2030-01-01
check "the error is the one line on stderr" [ "$(wc -l <"$cs_tmp/err")" -eq 1 ]
check "and it is the error" grep -q "0 usable rows (a score and flops > 0) in the date range, fewer than 4" "$cs_tmp/err"

# --since and --until keep dated rows only. On a table whose date column is
# empty (as epoch_benchmarks.csv's) the error blamed the range ("0 usable
# rows ... in the date range"); it says the table has no dates and what to
# do. Rows without a date that a range leaves out are counted in a note.
printf 'model,flops,date,acc\na,1e21,,0.1\nb,1e22,,0.2\nc,1e23,,0.3\nd,1e24,,0.4\ne,1e25,,0.5\n' >"$d/undated.csv"
expect_status 0 "a table without dates, no range" "$CAPSCOPE" fit --data "$d/undated.csv"
for cmd in "fit" "predict --flops 1e24" "require --accuracy 0.3" "plot"; do
    expect_status 2 "$cmd --since on a table without dates" \
        "$CAPSCOPE" $cmd --data "$d/undated.csv" --task acc --since 2024-01-01
    check "$cmd: says the date column is empty and to leave --since out" grep -q \
        "^capscope: $d/undated.csv: column 'date' is empty in every row, and --since keeps only dated rows: leave it out to use every row$" \
        "$cs_tmp/err"
done
expect_status 2 "--since and --until on a table without dates" \
    "$CAPSCOPE" fit --data "$d/undated.csv" --since 2024-01-01 --until 2024-12-31
check "names both options" grep -q "and --since and --until keep only dated rows: leave them out" "$cs_tmp/err"
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\n' >"$d/nodatecol.csv"
expect_status 2 "--until on a table without a date column" "$CAPSCOPE" fit --data "$d/nodatecol.csv" --until 2024-01-01
check "says no row has a date and how to name the column" \
    grep -q "no row has a date, and --until keeps only dated rows: name the date column with --config" "$cs_tmp/err"
{ cat "$d/warned.csv"; printf 'f,1e25,,0.9\ng,1e21,,0.9\n'; } >"$d/partdated.csv"
expect_status 0 "--since on a table with 2 undated rows" "$CAPSCOPE" fit --data "$d/partdated.csv" --since 2024-01-01
check "a note counts the undated rows left out" \
    grep -q "^capscope: note: 2 scored rows without a date are left out (--since keeps only dated rows)$" "$cs_tmp/err"
check "the fit is of the 4 dated rows" grep -Eq '^acc +4 ' "$cs_tmp/out"
# The note counts the rows of the tasks at work: here one undated row is
# scored on acc only, one on both, one on neither (it once said 3 for either).
printf 'model,flops,date,acc,other\na,1e21,2024-02-01,0.1,0.2\nb,1e22,2024-02-01,0.2,0.3\nc,1e23,2024-02-01,0.3,0.4\nd,1e24,2024-02-01,0.4,0.5\nu1,1e22,,0.5,\nu2,1e23,,0.6,0.7\nu3,1e24,,,\n' >"$d/twotasks.csv"
expect_status 0 "--since, --task other" "$CAPSCOPE" fit --data "$d/twotasks.csv" --task other --since 2024-01-01
check "the note counts other's one undated row" \
    grep -q "^capscope: note: 1 scored row without a date is left out (--since keeps only dated rows)$" "$cs_tmp/err"
expect_status 0 "--since, every task" "$CAPSCOPE" fit --data "$d/twotasks.csv" --since 2024-01-01
check "the note counts the 2 undated rows scored on either" \
    grep -q "^capscope: note: 2 scored rows without a date are left out" "$cs_tmp/err"
# A score entered in the journal counts as one in the file does.
expect_status 0 "score u3 on other" "$CAPSCOPE" score --data "$d/twotasks.csv" u3 other 0.5
expect_status 0 "--since, --task other, with the journal" "$CAPSCOPE" fit --data "$d/twotasks.csv" --task other --since 2024-01-01
check "the note counts u3, scored in the journal" \
    grep -q "^capscope: note: 2 scored rows without a date are left out" "$cs_tmp/err"

# Endless inputs: a device of zeros fails at its first block (it once read
# until memory ran out), and a file that keeps growing is read as it was
# when opened (it was once read for as long as it grew).
if [ -r /dev/zero ]; then
    expect_status 2 "--data /dev/zero" timeout 20 "$CAPSCOPE" fit --data /dev/zero
    check "/dev/zero: refused as holding a NUL byte" grep -q "NUL byte" "$cs_tmp/err"
fi
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\n' >"$d/growing.csv"
( while :; do echo 'not,a,row,at,all'; done >>"$d/growing.csv" ) 2>/dev/null &
grower=$!
sleep 0.2
expect_status 2 "a file that keeps growing is read as far as it was when opened" \
    timeout 20 "$CAPSCOPE" fit --data "$d/growing.csv"
kill "$grower" 2>/dev/null
wait "$grower" 2>/dev/null
check "and ends on what it read, not by the timeout" grep -q "growing.csv:" "$cs_tmp/err"

# 100,000 task columns and one row: each column holds what it read, not a
# row-sized array (which took 9 GB for a million columns). Under a 400 MB
# address-space limit the load must get as far as the fit's own complaint.
# (Not under AddressSanitizer, which reserves terabytes of address space.)
if ! built_with_asan; then
    # Printed a field at a time: built by concatenation, each line was
    # copied whole at every field (8 s of mawk, most of this test's time).
    awk 'BEGIN { printf "model,flops"; for (i = 0; i < 100000; i++) printf ",t%d", i; print ""
                 printf "a,1e22"; for (i = 0; i < 100000; i++) printf ",0.5"; print "" }' >"$d/wide.csv"
    expect_status 2 "100,000 task columns in 400 MB" sh -c "ulimit -v 400000; exec \"\$0\" fit --data \"\$1\"" "$CAPSCOPE" "$d/wide.csv"
    check "the load succeeded; the fit says why not" grep -q "task 't0' has 1 usable row" "$cs_tmp/err"
fi

# --- the journal beside the data (what the interface saved) ---
# A journal in the way of reading is refused with one line: a directory, or
# a FIFO, which once hung every subcommand.
mkdir "$d/jdir" "$d/jfifo"
printf "$H$G" >"$d/jdir/data.csv"
mkdir "$d/jdir/data.csv.journal"
run_bad "$d/jdir/data.csv.journal" "" "is a directory, not a journal file: move it away" --data "$d/jdir/data.csv"
printf "$H$G" >"$d/jfifo/data.csv"
if mkfifo "$d/jfifo/data.csv.journal" 2>/dev/null; then
    n_cases=$((n_cases + 1))
    expect_status 2 "a FIFO for a journal: refused, not waited on" \
        timeout 20 "$CAPSCOPE" fit --data "$d/jfifo/data.csv"
    check "and said so in one line" [ "$(cat "$cs_tmp/err")" = \
        "capscope: $d/jfifo/data.csv.journal: is a FIFO, a device or a socket, not a journal file: move it away (the data's scores are kept in a file of that name)" ]
fi
# A journal saved with lone CR line ends counts whole, and reading it
# changes nothing: it was once taken for one torn line and cut to nothing.
mkdir "$d/jcr"
printf 'model,flops,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\ne,1e24,\nf,1e24,\n' >"$d/jcr/data.csv"
printf 'score\te\tacc\t0.5\t1700000000\rscore\tf\tacc\t0.6\t1700000000\r' >"$d/jcr/data.csv.journal"
cp "$d/jcr/data.csv.journal" "$d/jcr/before"
expect_status 0 "a journal with lone CR line ends" "$CAPSCOPE" fit --data "$d/jcr/data.csv" --format csv
check "both its scores count (n = 4 + 2)" grep -q '^acc,6,' "$cs_tmp/out"
check "nothing on stderr but the note of its 2 scores" [ "$(cat "$cs_tmp/err")" = \
    "capscope: note: 2 scores entered with :score or capscope score are used, from $d/jcr/data.csv.journal (move it away to use the data file's scores alone)" ]
check "the journal is as it was" cmp -s "$d/jcr/before" "$d/jcr/data.csv.journal"
# A torn last entry (a crash mid-write) is left out, and left alone by a
# command that only reads: the interface may be writing it at that moment.
printf 'score\ta\tacc\t0.9\t1700000000\nscore\tb\tac' >"$d/jcr/data.csv.journal"
cp "$d/jcr/data.csv.journal" "$d/jcr/before"
expect_status 0 "a torn last journal entry" "$CAPSCOPE" fit --data "$d/jcr/data.csv" --format csv
check "is named in a warning" grep -q "torn last entry" "$cs_tmp/err"
check "and not cut from the file by a reader" cmp -s "$d/jcr/before" "$d/jcr/data.csv.journal"
# A malformed line (not a torn last one) keeps the whole journal from being
# used: the interface shows the data without its scores; a batch command
# refuses, naming the line, rather than print results without them, as the
# manual (FILES, DATA.journal) says.
printf 'score\ta\tacc\t0.9\t1700000000\ngarbage\nscore\tb\tacc\t0.8\t1700000000\n' >"$d/jcr/data.csv.journal"
expect_status 2 "a malformed journal line: fit refuses" "$CAPSCOPE" fit --data "$d/jcr/data.csv" --format csv
check "naming the journal's line 2" grep -q "^capscope: $d/jcr/data.csv.journal:2: malformed entry" "$cs_tmp/err"
check "and printing no fit" [ ! -s "$cs_tmp/out" ]
echo "$n_cases malformed inputs"
check "at least 50 cases" [ "$n_cases" -ge 50 ]
finish
