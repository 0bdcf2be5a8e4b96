/* test_dataset.c - the CSV tokenizer, numbers, column roles, task detection,
 * dropped rows, every input error with its line, dates, and the two shared
 * data files (skipped with a message when $CAPSCOPE_SHARED_DATA is absent).
 *
 * Expected values come from the RFC 4180 grammar, hand counts of the small
 * inputs written here, glibc's strtod/timegm as independent references, and
 * the counts published in ../shared/data/README.md.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt and ptsname, for a terminal to load */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <gsl/gsl_errno.h>

#include "capscope/config.h"
#include "capscope/dataset.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/progress.h"
#include "core/data_internal.h"

static cs_dataset *parse_cfg(const char *csv, const cs_config *cfg)
{
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_dataset_parse(csv, strlen(csv), "t.csv", cfg, &ds, &err);
    ck_assert_msg(rc == 0, "unexpected error: %s:%ld: %s", err.file, err.line, err.msg);
    ck_assert_ptr_nonnull(ds);
    return ds;
}

static cs_dataset *parse(const char *csv)
{
    return parse_cfg(csv, NULL);
}

/* The input must fail as an input error at `line` with exactly `msg`. */
static void fails_cfg_len(const char *csv, size_t len, const cs_config *cfg, long line, const char *msg)
{
    cs_dataset *ds = (cs_dataset *)1;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_dataset_parse(csv, len, "t.csv", cfg, &ds, &err);
    ck_assert_msg(rc == -1, "accepted: expected \"%s\"", msg);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.file, "t.csv");
    ck_assert_str_eq(err.msg, msg);
    ck_assert_int_eq(err.line, line);
}

static void fails_cfg(const char *csv, const cs_config *cfg, long line, const char *msg)
{
    fails_cfg_len(csv, strlen(csv), cfg, line, msg);
}

static void fails(const char *csv, long line, const char *msg)
{
    fails_cfg(csv, NULL, line, msg);
}

static int task(const cs_dataset *ds, const char *name)
{
    int t = cs_dataset_task_index(ds, name);
    ck_assert_msg(t >= 0, "no task %s", name);
    return t;
}

/* ---- tokenizer ---- */

typedef struct rec {
    size_t n;
    const char *f[8];
    long line;
} rec;

/* Tokenize `text` and compare with the expected records. */
static void tokenizes_to(const char *text, const rec *want, size_t n_want)
{
    cs_csv c;
    cs_csv_init(&c, text, strlen(text), "t.csv");
    cs_error err;
    for (size_t r = 0; r < n_want; r++) {
        ck_assert_int_eq(cs_csv_next(&c, &err), 1);
        ck_assert_uint_eq(c.n_fields, want[r].n);
        ck_assert_int_eq(c.record_line, want[r].line);
        for (size_t i = 0; i < want[r].n; i++)
            ck_assert_str_eq(cs_csv_field(&c, i), want[r].f[i]);
    }
    ck_assert_int_eq(cs_csv_next(&c, &err), 0);
    cs_csv_free(&c);
}

START_TEST(csv_quotes_commas_newlines)
{
    const rec want[] = {
        { 3, { "a", "b", "c" }, 1 },
        { 3, { "x, y", "say \"hi\"", "" }, 2 },
        { 3, { "two\nlines", "", "q" }, 3 },
        { 3, { "crlf\r\ninside", "\"", "end" }, 5 },
    };
    tokenizes_to("a,b,c\n"
                 "\"x, y\",\"say \"\"hi\"\"\",\n"
                 "\"two\nlines\",,q\n"
                 "\"crlf\r\ninside\",\"\"\"\",end\n",
                 want, 4);
}
END_TEST

START_TEST(csv_line_endings_and_blank_lines)
{
    const rec want[] = {
        { 2, { "a", "b" }, 1 },
        { 2, { "1", "2" }, 3 },
        { 2, { "3", "4" }, 6 },
        { 2, { "5", "6" }, 7 },
    };
    /* CRLF, a blank line, a line of spaces, a lone CR, no final newline. */
    tokenizes_to("a,b\r\n\r\n1,2\r\n  \t\n,\n3,4\r5,6", want, 4);
    /* The same with a trailing newline and trailing blank lines. */
    tokenizes_to("a,b\r\n\r\n1,2\r\n  \t\n,\n3,4\r5,6\n\n\n", want, 4);
}
END_TEST

START_TEST(csv_spaces_and_stray_quotes)
{
    const rec want[] = {
        { 3, { "model", "flops", "acc" }, 1 },
        { 3, { " padded ", "in\"side", "" }, 2 },
        { 1, { "" }, 3 }, /* a quoted empty value is a value */
    };
    tokenizes_to(" model , flops ,acc\n  \" padded \" ,in\"side,\t\n\"\"\n", want, 3);
}
END_TEST

/* A record of many fields (a wide table: a column per benchmark task and
 * more) keeps every one: the field list grows past its first 64, and the
 * text past its first 4096 bytes, doubling. Field i of record r is
 * "f(i + r)", so each is known without the tokenizer. */
START_TEST(csv_wide_records)
{
    enum { N = 1000 };
    size_t cap = 2 * N * 8, k = 0; /* a field and its comma: at most 6 bytes ("f1000,") */
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (int r = 0; r < 2; r++) {
        for (int i = 0; i < N; i++)
            k += (size_t)snprintf(text + k, cap - k, "%sf%d", i ? "," : "", i + r);
        text[k++] = '\n';
    }
    cs_csv c;
    cs_csv_init(&c, text, k, "t.csv");
    cs_error err;
    for (int r = 0; r < 2; r++) {
        ck_assert_int_eq(cs_csv_next(&c, &err), 1);
        ck_assert_uint_eq(c.n_fields, N);
        ck_assert_int_eq(c.record_line, r + 1);
        for (int i = 0; i < N; i++) {
            char want[16];
            snprintf(want, sizeof want, "f%d", i + r);
            ck_assert_str_eq(cs_csv_field(&c, (size_t)i), want);
        }
    }
    ck_assert_int_eq(cs_csv_next(&c, &err), 0);
    cs_csv_free(&c);
    free(text);
}
END_TEST

START_TEST(csv_errors)
{
    cs_csv c;
    cs_error err;
    const char *t1 = "a,b\n1,\"open\n2,3\n";
    cs_csv_init(&c, t1, strlen(t1), "t.csv");
    ck_assert_int_eq(cs_csv_next(&c, &err), 1);
    ck_assert_int_eq(cs_csv_next(&c, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.msg, "unterminated quoted field (opened on this line)");
    cs_csv_free(&c);

    const char *t2 = "a,b\n\"x\"y,2\n";
    cs_csv_init(&c, t2, strlen(t2), "t.csv");
    ck_assert_int_eq(cs_csv_next(&c, &err), 1);
    ck_assert_int_eq(cs_csv_next(&c, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.msg, "text after the closing quote of field 1 "
                              "(a quote inside a quoted field is written \"\")");
    cs_csv_free(&c);
}
END_TEST

/* ---- numbers ---- */

START_TEST(numbers_accepted)
{
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        { "0", 0 }, { "1", 1 }, { "0.5", 0.5 }, { ".25", 0.25 }, { "5.", 5 }, { "+0.75", 0.75 },
        { "-0.1", -0.1 }, { "1e22", 1e22 }, { "7.227e+23", 7.227e23 }, { "1E-3", 1e-3 },
        { "3.6e+26", 3.6e26 }, { "  42  ", 42 }, { "-0", 0 }, { "0.000", 0 },
        { "123456789012345678901234567890", 123456789012345678901234567890.0 },
        { "1e-400", 0 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        double v = -99;
        ck_assert_msg(cs_parse_number(ok[i].s, &v) == CS_NUM_OK, "%s rejected", ok[i].s);
        ck_assert_msg(v == ok[i].v, "%s -> %.17g", ok[i].s, v);
        ck_assert_msg(!signbit(v) || v != 0, "%s gave -0", ok[i].s);
    }
}
END_TEST

START_TEST(numbers_rejected)
{
    static const char *const bad[] = {
        "nan", "NaN", "inf", "-inf", "+inf", "infinity", "Infinity", "0x10", "1e22x", "1e",
        "e5", ".", "+", "-", "1.5.2", "1,5", "12%", "--1", "1e+", "one", "1 2",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        ck_assert_msg(cs_parse_number(bad[i], &v) == CS_NUM_SYNTAX, "%s accepted", bad[i]);
    }
    double v;
    ck_assert_int_eq(cs_parse_number("", &v), CS_NUM_EMPTY);
    ck_assert_int_eq(cs_parse_number("  ", &v), CS_NUM_EMPTY);
    ck_assert_int_eq(cs_parse_number("1e999", &v), CS_NUM_RANGE);
    ck_assert_int_eq(cs_parse_number("-1e400", &v), CS_NUM_RANGE);
}
END_TEST

/* A number no double holds, and which way: 1.79e308 is the largest double's
 * first digits (DBL_MAX = 1.797...e308; 1.8e308 is itself beyond a double,
 * so it would be a bound the user cannot type), 4.9e-324 the least subnormal's
 * (2^-1074 = 4.94...e-324); 0 written as 0 in any form is held. */
START_TEST(numbers_beyond_a_double)
{
    static const struct {
        const char *s;
        cs_num_beyond b;
    } cases[] = {
        { "1e400", CS_NUM_HUGE }, { "-1e400", CS_NUM_HUGE }, { " 2e308 ", CS_NUM_HUGE },
        { "1e-400", CS_NUM_TINY }, { "-1e-400", CS_NUM_TINY }, { "0.0001e-320", CS_NUM_TINY },
        { "1.7e308", CS_NUM_HELD }, { "5e-324", CS_NUM_HELD }, { "0", CS_NUM_HELD },
        { "0e999", CS_NUM_HELD }, { "0.000", CS_NUM_HELD }, { "-0", CS_NUM_HELD },
        { "0.0e-400", CS_NUM_HELD }, { "abc", CS_NUM_HELD }, { "", CS_NUM_HELD }, { "1", CS_NUM_HELD },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(cs_number_beyond(cases[i].s) == cases[i].b, "'%s': %d", cases[i].s,
                      (int)cs_number_beyond(cases[i].s));
    char buf[96];
    ck_assert_str_eq(cs_number_beyond_text(CS_NUM_HUGE, " FLOPs", buf, sizeof buf),
                     "more than a double holds (at most 1.79e308 FLOPs)");
    ck_assert_str_eq(cs_number_beyond_text(CS_NUM_TINY, "", buf, sizeof buf),
                     "nearer 0 than a double holds (the least is 4.9e-324)");
    ck_assert_str_eq(cs_number_beyond_text(CS_NUM_HELD, "", buf, sizeof buf), "");
    /* The bounds as written: DBL_MAX cut (not rounded) to three digits, a
     * number a double holds; the least subnormal to two, which reads back as
     * it. */
    double most = 0;
    ck_assert(DBL_MAX / 1e308 >= 1.79 && DBL_MAX / 1e308 < 1.80);
    ck_assert_int_eq(cs_parse_number_held("1.79e308", &most), 0);
    ck_assert(most <= DBL_MAX);
    ck_assert_int_eq(cs_parse_number_held("4.9e-324", &most), 0);
    ck_assert(most == ldexp(1, -1074));
    ck_assert(ldexp(1, -1074) * 1e300 >= 4.85e-24 && ldexp(1, -1074) * 1e300 < 4.95e-24);

    /* The refusal is said of numbers written positive only; a number written
     * negative is the caller's range's to refuse, by its sign. */
    ck_assert_str_eq(cs_number_beyond_why(" 1e400", "", buf, sizeof buf), "more than a double holds (at most 1.79e308)");
    ck_assert_str_eq(cs_number_beyond_why("+1e-400", " FLOPs", buf, sizeof buf),
                     "nearer 0 than a double holds (the least is 4.9e-324 FLOPs)");
    ck_assert_ptr_null(cs_number_beyond_why(" -1e400", "", buf, sizeof buf));
    ck_assert_ptr_null(cs_number_beyond_why("-1e-400", "", buf, sizeof buf));
    ck_assert_ptr_null(cs_number_beyond_why("0e-400", "", buf, sizeof buf));
    ck_assert_ptr_null(cs_number_beyond_why("x", "", buf, sizeof buf));
    /* ... but held or not, whatever the sign: -1e-400 is no -0 */
    double v = 7;
    ck_assert_int_eq(cs_parse_number_held(" 0.25 ", &v), 0);
    ck_assert(v == 0.25);
    ck_assert_int_eq(cs_parse_number_held("0e-400", &v), 0);
    ck_assert(v == 0);
    v = 7;
    ck_assert_int_eq(cs_parse_number_held("-1e-400", &v), -1);
    ck_assert_int_eq(cs_parse_number_held("1e400", &v), -1);
    ck_assert_int_eq(cs_parse_number_held("-1e400", &v), -1);
    ck_assert_int_eq(cs_parse_number_held("nan", &v), -1);
    ck_assert(v == 7);
}
END_TEST

/* cs_percent_sign_value: a number with one percent sign, in one script's
 * digits; the values by hand. */
START_TEST(percent_sign_values)
{
    static const struct {
        const char *s;
        int ok;
        double v;
    } cases[] = {
        { "45%", 1, 45 },
        { " 12.5 % ", 1, 12.5 },
        { "%60", 1, 60 },
        { "0%", 1, 0 },
        { "\xd9\xa4\xd9\xa5\xd9\xaa", 1, 45 },             /* Arabic-Indic 45, U+066A */
        { "\xd9\xa1\xd9\xab\xd9\xa5%", 1, 1.5 },           /* 1, U+066B, 5 */
        { "\xef\xbc\x95\xef\xbc\x95\xef\xbc\x85", 1, 55 }, /* fullwidth 55, U+FF05 */
        { "\xdb\xb7\xdb\xb0\xef\xb9\xaa", 1, 70 },          /* Persian 70, U+FE6A */
        { "45", 0, 0 },
        { "0.45", 0, 0 },
        { "%", 0, 0 },
        { "", 0, 0 },
        { "45%%", 0, 0 },
        { "4%5", 0, 0 },
        { ".%5", 0, 0 },  /* a sign after the point is inside the number */
        { "%.5", 1, 0.5 },
        { "5.%", 1, 5 },
        { "-5%", 0, 0 },
        { "1e2%", 0, 0 },
        { "4 5%", 0, 0 },
        { "1.2.3%", 0, 0 },
        { "\xd9\xa4" "5%", 0, 0 }, /* two scripts in one number */
        { "N/A%", 0, 0 },
        { "\xd9%", 0, 0 }, /* a cut sequence */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double v = -1;
        int ok = cs_percent_sign_value(cases[i].s, &v);
        ck_assert_msg(ok == cases[i].ok, "'%s': %d", cases[i].s, ok);
        if (ok)
            ck_assert_msg(v == cases[i].v, "'%s': %g", cases[i].s, v);
    }
}
END_TEST

/* A count is digits alone; a refused text is judged as the decimal number
 * it is, exactly. Every expected status is by hand from the grammar in
 * number.h: in [1, 10000], "0" is below, "10001" above, "2.0" inside but
 * not digits; 1e400 above whatever a double says of it. */
START_TEST(counts_parsed)
{
    static const struct {
        const char *s;
        cs_count_status st;
        long long v;
    } cases[] = {
        { "0", CS_COUNT_LOW, 0 }, { "1", CS_COUNT_OK, 1 }, { "10000", CS_COUNT_OK, 10000 },
        { "10001", CS_COUNT_HIGH, 0 }, { "2.0", CS_COUNT_FORM, 0 }, { "1e3", CS_COUNT_FORM, 0 },
        { " 5", CS_COUNT_OK, 5 }, { "5 ", CS_COUNT_OK, 5 }, { "\t5\t", CS_COUNT_OK, 5 },
        { "+5", CS_COUNT_FORM, 0 }, { "-1", CS_COUNT_LOW, 0 }, { "1e400", CS_COUNT_HIGH, 0 },
        { "-1e400", CS_COUNT_LOW, 0 }, { "", CS_COUNT_NOT_WHOLE, 0 }, { "  ", CS_COUNT_NOT_WHOLE, 0 },
        { "0x10", CS_COUNT_NOT_WHOLE, 0 },
        { "\xd9\xa3", CS_COUNT_NOT_WHOLE, 0 }, /* U+0663, ARABIC-INDIC DIGIT THREE */
        { "2.5", CS_COUNT_NOT_WHOLE, 0 }, { "1e-400", CS_COUNT_NOT_WHOLE, 0 },
        { "1 2", CS_COUNT_NOT_WHOLE, 0 }, { "12x", CS_COUNT_NOT_WHOLE, 0 }, { "nan", CS_COUNT_NOT_WHOLE, 0 },
        { "inf", CS_COUNT_NOT_WHOLE, 0 }, { "007", CS_COUNT_OK, 7 }, { "5.", CS_COUNT_FORM, 0 },
        { "-0", CS_COUNT_LOW, 0 }, { "0.000", CS_COUNT_LOW, 0 }, { "25e-1", CS_COUNT_NOT_WHOLE, 0 },
        { "250e-1", CS_COUNT_FORM, 0 }, { "0.0001e4", CS_COUNT_FORM, 0 }, { "1e4", CS_COUNT_FORM, 0 },
        { "1.0001e4", CS_COUNT_HIGH, 0 }, { "10000.5", CS_COUNT_NOT_WHOLE, 0 },
        /* 2.0000000000000001 is 2 as a double, but not whole */
        { "2.0000000000000001", CS_COUNT_NOT_WHOLE, 0 },
        /* 2^64 + 1 and 10^20: no wrapping round to 1 or anything in range */
        { "18446744073709551617", CS_COUNT_HIGH, 0 }, { "99999999999999999999", CS_COUNT_HIGH, 0 },
        { "00000000000000000000000000000000000005", CS_COUNT_OK, 5 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long long v = -99;
        cs_count_status st = cs_parse_count(cases[i].s, 1, 10000, &v);
        ck_assert_msg(st == cases[i].st, "'%s': %d, not %d", cases[i].s, (int)st, (int)cases[i].st);
        ck_assert_msg(v == (st == CS_COUNT_OK ? cases[i].v : -99), "'%s' -> %lld", cases[i].s, v);
    }
    /* A range that holds negatives (:scrub's steps) takes a '-' before the
     * digits, and still no '+'. */
    long long v = 0;
    ck_assert_int_eq(cs_parse_count("-3", -10000, 10000, &v), CS_COUNT_OK);
    ck_assert(v == -3);
    ck_assert_int_eq(cs_parse_count(" -0 ", -10000, 10000, &v), CS_COUNT_OK);
    ck_assert(v == 0);
    ck_assert_int_eq(cs_parse_count("+3", -10000, 10000, &v), CS_COUNT_FORM);
    ck_assert_int_eq(cs_parse_count("-3.0", -10000, 10000, &v), CS_COUNT_FORM);
    ck_assert_int_eq(cs_parse_count("-10001", -10000, 10000, &v), CS_COUNT_LOW);
    ck_assert_int_eq(cs_parse_count("- 3", -10000, 10000, &v), CS_COUNT_NOT_WHOLE);
    /* The ends of a long long: LLONG_MIN = -9223372036854775808 */
    ck_assert_int_eq(cs_parse_count("-9223372036854775808", LLONG_MIN, LLONG_MAX, &v), CS_COUNT_OK);
    ck_assert(v == LLONG_MIN);
    /* and two above it, negated as usual: only 2^63 itself has no
     * positive long long to negate. */
    ck_assert_int_eq(cs_parse_count("-9223372036854775806", LLONG_MIN, LLONG_MAX, &v), CS_COUNT_OK);
    ck_assert(v == LLONG_MIN + 2);
    ck_assert_int_eq(cs_parse_count("9223372036854775807", LLONG_MIN, LLONG_MAX, &v), CS_COUNT_OK);
    ck_assert(v == LLONG_MAX);
    ck_assert_int_eq(cs_parse_count("9223372036854775808", LLONG_MIN, LLONG_MAX, &v), CS_COUNT_HIGH);
    ck_assert_int_eq(cs_parse_count("-9223372036854775809", LLONG_MIN, LLONG_MAX, &v), CS_COUNT_LOW);
    ck_assert_int_eq(cs_parse_count("1e18", 1, LLONG_MAX, &v), CS_COUNT_FORM);
    ck_assert_int_eq(cs_parse_count("1e19", 1, LLONG_MAX, &v), CS_COUNT_HIGH);
    /* An exponent past the one cs_parse_number keeps exact (100000), with
     * digits enough to come back to a whole number: 1 followed by 1000001
     * zeros, times 10^-1000001, is 1. */
    size_t zeros = 1000001;
    char *s = malloc(zeros + 32);
    ck_assert_ptr_nonnull(s);
    s[0] = '1';
    memset(s + 1, '0', zeros);
    strcpy(s + 1 + zeros, "e-1000001");
    ck_assert_int_eq(cs_parse_count(s, 1, 10, &v), CS_COUNT_FORM);
    strcpy(s + 1 + zeros, "e-1000002");
    ck_assert_int_eq(cs_parse_count(s, 1, 10, &v), CS_COUNT_NOT_WHOLE);
    free(s);

    char buf[96];
    ck_assert_str_eq(cs_count_why(CS_COUNT_NOT_WHOLE, 1, 10000, buf, sizeof buf),
                     "not a whole number from 1 to 10000");
    ck_assert_str_eq(cs_count_why(CS_COUNT_FORM, 1, 10000, buf, sizeof buf),
                     "not in digits alone (a whole number from 1 to 10000)");
    ck_assert_str_eq(cs_count_why(CS_COUNT_LOW, 1, 10000, buf, sizeof buf), "less than it takes (at least 1)");
    ck_assert_str_eq(cs_count_why(CS_COUNT_HIGH, 1, 10000, buf, sizeof buf), "more than it takes (at most 10000)");
    ck_assert_str_eq(cs_count_why(CS_COUNT_OK, 1, 10000, buf, sizeof buf), "");
}
END_TEST

/* Rows without flops in a table that counts tokens could keep them with
 * derive_flops: the warning says so, naming the column; not without such a
 * column, nor once derive_flops is set (it computed what it could). */
START_TEST(rows_without_flops_beside_tokens)
{
    const char *csv = "model,flops,Params (B),Tokens (T),acc\na,1e22,7,2,0.1\nb,,7,2,0.2\nc,1e23,8,3,0.3\n"
                      "d,1e24,8,3,0.4\ne,1e24,9,4,0.5\n";
    cs_dataset *ds = parse(csv);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0], "t.csv: 1 row without flops (empty or <= 0) skipped; 1 of them gives "
                                      "'Params (B)' and 'Tokens (T)', from which derive_flops in a --config file "
                                      "computes flops");
    cs_dataset_free(ds);
    /* Rows that lack the tokens (or the parameters) too are not offered
     * derive_flops: it would keep none of them. */
    ds = parse("model,flops,Params (B),Tokens (T),acc\na,1e22,7,2,0.1\nb,,7,,0.2\nc,1e23,,3,0.3\n"
               "c2,,,3,0.3\nd,1e24,8,3,0.4\ne,1e24,9,4,0.5\n");
    ck_assert_str_eq(ds->warnings[0], "t.csv: 2 rows without flops (empty or <= 0) skipped");
    cs_dataset_free(ds);
    ds = parse("model,flops,acc\na,1e22,0.1\nb,,0.2\nc,1e23,0.3\nd,1e24,0.4\ne,1e24,0.5\n");
    ck_assert_str_eq(ds->warnings[0], "t.csv: 1 row without flops (empty or <= 0) skipped");
    cs_dataset_free(ds);
    /* A ratio of the two is neither: it was offered as both columns */
    ds = parse("model,flops,tokens_per_param,acc\na,1e22,20,0.1\nb,,20,0.2\nc,1e23,20,0.3\nd,1e24,20,0.4\n"
               "e,1e24,20,0.5\n");
    ck_assert_str_eq(ds->warnings[0], "t.csv: 1 row without flops (empty or <= 0) skipped");
    cs_dataset_free(ds);
    /* beside the counts, the ratio is passed over for them */
    ds = parse("model,flops,tokens_per_param,n_params,train_tokens,acc\na,1e22,20,7,2,0.1\nb,,20,7,2,0.2\n"
               "c,1e23,20,8,3,0.3\nd,1e24,20,8,3,0.4\ne,1e24,20,9,4,0.5\n");
    ck_assert_str_eq(ds->warnings[0], "t.csv: 1 row without flops (empty or <= 0) skipped; 1 of them gives "
                                      "'n_params' and 'train_tokens', from which derive_flops in a --config file "
                                      "computes flops");
    cs_dataset_free(ds);
    cs_config cfg;
    cs_config_init(&cfg);
    cfg.derive_params_col = strdup("Params (B)");
    cfg.derive_tokens_col = strdup("Tokens (T)");
    ds = parse_cfg("model,flops,Params (B),Tokens (T),acc\na,1e22,7,2,0.1\nb,,,2,0.2\nc,1e23,8,3,0.3\n"
                   "d,1e24,8,3,0.4\ne,1e24,9,4,0.5\n", &cfg);
    ck_assert_str_eq(ds->warnings[0], "t.csv: 1 row without flops (empty or <= 0) skipped");
    cs_dataset_free(ds);
    cs_config_free(&cfg);
}
END_TEST

/* A count of tokens or parameters is never detected as a task, whatever
 * its name's shape: under score_scale 100, "Tokens (T)" of 2 to 15 passed
 * for percentages and was fitted as one. Named, it is a task still. */
START_TEST(counts_are_never_detected_as_tasks)
{
    cs_config cfg;
    cs_config_init(&cfg);
    cfg.score_scale = 100;
    const char *csv = "model,flops,Tokens (T),n_params,GSM8K\na,1e22,2,7,30\nb,1e23,8,7,40\nc,1e24,15,70,50\n"
                      "d,1e24,15,70,60\n";
    cs_dataset *ds = parse_cfg(csv, &cfg);
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "GSM8K");
    cs_dataset_free(ds);
    cs_error err;
    ck_assert_int_eq(cs_config_add_task(&cfg, "Tokens (T)", &err), 0);
    ds = parse_cfg(csv, &cfg);
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "Tokens (T)");
    cs_dataset_free(ds);
    cs_config_free(&cfg);
}
END_TEST

/* A name offered in a command (--task NAME) is one shell word: plain when
 * it is, else single-quoted with ' as '\'' (POSIX sh's quoting). */
START_TEST(shell_words)
{
    char buf[64];
    ck_assert_str_eq(cs_shell_word("math_lvl5", buf, sizeof buf), "math_lvl5");
    ck_assert_str_eq(cs_shell_word("a-b.c/d:e@f%g+h=i,j", buf, sizeof buf), "a-b.c/d:e@f%g+h=i,j");
    ck_assert_str_eq(cs_shell_word("MMLU (5-shot)", buf, sizeof buf), "'MMLU (5-shot)'");
    ck_assert_str_eq(cs_shell_word("GSM8K %", buf, sizeof buf), "'GSM8K %'");
    ck_assert_str_eq(cs_shell_word("it's", buf, sizeof buf), "'it'\\''s'");
    ck_assert_str_eq(cs_shell_word("$HOME", buf, sizeof buf), "'$HOME'");
    ck_assert_str_eq(cs_shell_word("", buf, sizeof buf), "''");
    ck_assert_str_eq(cs_shell_word("caf\xc3\xa9", buf, sizeof buf), "'caf\xc3\xa9'");
    /* too long to quote in buf: shortened as cs_quote_short does */
    char small[8];
    ck_assert_str_eq(cs_shell_word("a b c d e", small, sizeof small), "a b ...");
    /* the loader's warning of a column that is nearly a task offers it so */
    cs_dataset *ds = parse("model,flops,acc,GSM8K %\na,1e22,0.1,N/A\nb,1e23,0.2,0.3\nc,1e24,0.3,0.4\n"
                           "d,1e24,0.3,0.4\ne,1e24,0.3,0.5\n");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_msg(strstr(ds->warnings[0], "; --task 'GSM8K %' makes it an error)"), "%s", ds->warnings[0]);
    cs_dataset_free(ds);
}
END_TEST

/* A base model listed beside its fine-tunes with an empty base_model is
 * taken as its own base, as if it named itself: suggest groups a base's
 * rows at one compute, and the base stood apart from its fine-tunes, a
 * lone model picked early whatever it cost. Only a row that rows at its
 * own compute name as their base is taken so (b7, b14); a base whose
 * fine-tunes are at another compute, a row nobody names and a base_model
 * naming no row are left as they are. Nothing to warn of. */
START_TEST(bases_listed_without_a_base)
{
    cs_dataset *ds = parse("model,flops,base_model,acc\n"
                           "b7,1e23,,0.5\n"
                           "b7-chat,1e23,b7,0.6\n"
                           "b14,2e23,,0.55\n"
                           "b14-chat,2e23,b14,0.65\n"
                           "b14-math,2e23,b14,0.62\n"
                           "self,3e23,self,0.7\n"
                           "self-chat,3e23,self,0.71\n"
                           "moved,4e23,,0.7\n"
                           "moved-ft,5e23,moved,0.72\n"
                           "orphan-ft,4e23,elsewhere,0.5\n");
    ck_assert_uint_eq(ds->n_warnings, 0);
    static const char *const want[] = { "b7", "b7", "b14", "b14", "b14", "self", "self", "", "moved", "elsewhere" };
    ck_assert_uint_eq(ds->n_rows, 10);
    for (size_t i = 0; i < 10; i++)
        ck_assert_str_eq(ds->base_model[i], want[i]);
    /* A subset keeps it. */
    cs_dataset *sub;
    cs_error err;
    ck_assert_int_eq(cs_dataset_subset(ds, (const unsigned char[]){ 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 }, &sub, &err), 0);
    ck_assert_str_eq(sub->base_model[0], "b7");
    cs_dataset_free(sub);
    cs_dataset_free(ds);
}
END_TEST

/* How to write a fraction given as a percentage or with a decimal comma
 * (number.h), both faces' words. Each expected fraction is N/100 by hand,
 * written as the fewest digits that read back (0.125, not 0.12500). */
START_TEST(fraction_hints)
{
    static const struct {
        const char *arg;
        int list;
        const char *hint;
    } cases[] = {
        { "20%", 0, "; give a fraction: 0.2" },
        { "12.5%", 0, "; give a fraction: 0.125" },
        { " 98% ", 0, "; give a fraction: 0.98" },   /* blanks around, as around a number */
        { "100%", 0, "; give a fraction: 1" },
        { "0%", 0, "; give a fraction: 0" },
        { "5%,10%", 1, "; give fractions: 0.05,0.1" },
        { "5%", 1, "; give a fraction: 0.05" },
        { "0,5", 0, "; use a point: 0.5" },
        { " 12,25 ", 0, "; use a point: 12.25" },
        /* a number from 2 to 100 where a fraction goes: a percentage without its sign */
        { "70", 0, "; give a fraction: 0.7" },
        { " 63.5 ", 0, "; give a fraction: 0.635" },
        { "2", 0, "; give a fraction: 0.02" },
        { "100", 0, "; give a fraction: 1" },
        { "5,10", 1, "; give fractions: 0.05,0.1" },
        /* no hint where none is right */
        { "1.5", 0, "" },                             /* as likely a slip as 1.5% */
        { "101", 0, "" },
        { "-70", 0, "" },
        { "5,0.1", 1, "" },                           /* beside a fraction */
        { "150%", 0, "" },                            /* no fraction */
        { "-5%", 0, "" },
        { "%", 0, "" },
        { "abc%", 0, "" },
        { "1e400%", 0, "" },                          /* no double holds it */
        { "5%,10%", 0, "" },                          /* a list where one is taken */
        { "5%,0.1", 1, "" },                          /* a percentage beside a fraction */
        { "0,5,1", 0, "" },                           /* a list, not a decimal comma */
        { "0,5", 1, "" },                             /* in a list the comma separates */
        { ",5", 0, "" },
        { "0,", 0, "" },
        { "0.2", 0, "" },
        { "", 0, "" },
        /* a level strictly inside (0, 1), tau's: no hint it would refuse in turn */
        { "98", CS_HINT_OPEN, "; give a fraction: 0.98" },
        { "100", CS_HINT_OPEN, "" },
        { "100%", CS_HINT_OPEN, "" },
        { "0%", CS_HINT_OPEN, "" },
        { "50,100", CS_HINT_LIST | CS_HINT_OPEN, "" },
        { "50,90", CS_HINT_LIST | CS_HINT_OPEN, "; give fractions: 0.5,0.9" },
        { "0,5", CS_HINT_OPEN, "; use a point: 0.5" },
        { "1,0", CS_HINT_OPEN, "" },
        { "1,0", 0, "; use a point: 1.0" },
    };
    char buf[320];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(strcmp(cs_fraction_hint(cases[i].arg, cases[i].list, buf, sizeof buf), cases[i].hint) == 0,
                      "'%s' (list %d): '%s', not '%s'", cases[i].arg, cases[i].list, buf, cases[i].hint);
    /* cut to the buffer, never past it */
    char small[8];
    memset(small, 'x', sizeof small);
    ck_assert_str_eq(cs_fraction_hint("20%", 0, small, sizeof small), "; give ");
    ck_assert_ptr_eq(cs_fraction_hint("20%", 0, small, 0), small);
}
END_TEST

/* A compute written as a power of ten, as prose writes it (10^24 FLOPs,
 * 3 x 10^23, 1.5*10**24), is refused with the number's own spelling: "1e24"
 * by hand from each. Anything else gets no hint. */
START_TEST(flops_hints)
{
    static const struct { const char *arg, *hint; } cases[] = {
        { "10^24", "; write 1e24" },
        { "10**24", "; write 1e24" },
        { " 10^24 ", "; write 1e24" },
        { "3x10^23", "; write 3e23" },
        { "3 x 10^23", "; write 3e23" },
        { "1.5*10**24", "; write 1.5e24" },
        { "3.x10^24", "; write 3e24" }, /* a point with no digits after it */
        { "3. x 10^24", "; write 3e24" },
        { "2.5\xc3\x97" "10^22", "; write 2.5e22" }, /* U+00D7 the multiplication sign */
        { "10^+24", "; write 1e+24" },
        { "10^-3", "; write 1e-3" },
        { "10^", "" },
        { "10^x", "" },
        { "10^24x", "" },
        { "x10^24", "" },
        { "2^24", "" },
        { "1e24x", "" },
        { "-10^24", "" },
        { "", "" },
        /* number.h's signs: x, X, * and U+00D7, after a mantissa, blanks around */
        { "3X10^23", "; write 3e23" },
        { " 3 x 10^23", "; write 3e23" },
        { "\xc3\x97" "10^24", "" },   /* the sign with no mantissa, as "x10^24" */
        { "3\xc3\xa0" "10^23", "" }, /* U+00E0, of the same lead byte: no sign */
        /* a power of ten is 10^ or 10**: 10*24 is a product, not 1e24 */
        { "10*24", "" },
        { "10+*24", "" },
        { "3x10*24", "" },
        /* a hint names a positive number (number.h): zero times a power is none */
        { "0x10^24", "" },
        { "0 * 10^24", "" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(strcmp(cs_flops_hint(cases[i].arg, buf, sizeof buf), cases[i].hint) == 0, "'%s': '%s', not '%s'",
                      cases[i].arg, buf, cases[i].hint);
    char small[6];
    ck_assert_str_eq(cs_flops_hint("10^24", small, sizeof small), "; wri");
    ck_assert_ptr_eq(cs_flops_hint("10^24", small, 0), small);
}
END_TEST

/* 10^-100000 * 10^1000000 is out of range, although the exponent, capped
 * while it is read, and the 100000 zeros after the point add up to 0. */
START_TEST(numbers_huge_exponent_after_zeros)
{
    size_t zeros = 99999;
    char *s = malloc(zeros + 32);
    ck_assert_ptr_nonnull(s);
    memcpy(s, "0.", 2);
    memset(s + 2, '0', zeros);
    strcpy(s + 2 + zeros, "1e1000000");
    double v = 0;
    ck_assert_int_eq(cs_parse_number(s, &v), CS_NUM_RANGE);
    strcpy(s + 2 + zeros, "1e-1000000");
    ck_assert_int_eq(cs_parse_number(s, &v), CS_NUM_OK);
    ck_assert(v == 0.0);
    free(s);
}
END_TEST

/* The fast path must agree bit for bit with glibc's correctly rounded strtod. */
START_TEST(numbers_match_strtod)
{
    unsigned long long state = 12345;
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        unsigned long long m = state >> 11;
        int digits = 1 + (int)((state >> 3) % 19);
        int exp = (int)((state >> 40) % 70) - 35;
        char mant[32];
        snprintf(mant, sizeof mant, "%llu", m);
        mant[digits < (int)strlen(mant) ? digits : (int)strlen(mant)] = '\0';
        int point = (int)((state >> 50) % (strlen(mant) + 1));
        snprintf(buf, sizeof buf, "%.*s.%se%d", point, mant, mant + point, exp);
        double got, want = strtod(buf, NULL);
        ck_assert_int_eq(cs_parse_number(buf, &got), CS_NUM_OK);
        ck_assert_msg(got == want, "%s: %.17g vs strtod %.17g", buf, got, want);
    }
}
END_TEST

/* 10^e as %g would write it, also beyond a double: 10^0.741 = 5.508,
 * 10^0.7686 = 5.870, 10^0.99999999 = 9.99999977 (rounds up to 10: a carry). */
START_TEST(pow10_text_beyond_a_double)
{
    char buf[CS_POW10_TEXT];
    ck_assert_str_eq(cs_pow10_text(22.741, 3, buf), "5.51e+22");
    ck_assert_str_eq(cs_pow10_text(2, 3, buf), "100");
    ck_assert_str_eq(cs_pow10_text(339.7686, 3, buf), "5.87e+339");
    ck_assert_str_eq(cs_pow10_text(400.99999999, 3, buf), "1e+401");
    ck_assert_str_eq(cs_pow10_text(300, 3, buf), "1e+300");
    ck_assert_str_eq(cs_pow10_text(1000.5, 10, buf), "3.16227766e+1000");
    ck_assert_str_eq(cs_pow10_text(INFINITY, 3, buf), "inf");
    /* An exponent past an int's range is written whole (it was cast to int). */
    ck_assert_str_eq(cs_pow10_text(3e9, 3, buf), "1e+3000000000");
    ck_assert_str_eq(cs_pow10_text(1e15, 3, buf), "inf");
}
END_TEST

/* Decimals enough to tell two numbers apart, by hand: 0.846247 and 0.8462
 * both read 0.8462 at 4 decimals, 0.84625 and 0.84620 at 5; 0.84627 rounds
 * up to the 0.8463 beside it at 4. */
START_TEST(decimals_apart)
{
    ck_assert_int_eq(cs_decimals_apart(0.846247, 0.8462, 4, 10), 5);
    ck_assert_int_eq(cs_decimals_apart(0.84627, 0.8463, 4, 10), 5);
    ck_assert_int_eq(cs_decimals_apart(0.9, 0.1, 4, 10), 4);
    ck_assert_int_eq(cs_decimals_apart(0.5, 0.5, 4, 10), 4);           /* equal: the least */
    ck_assert_int_eq(cs_decimals_apart(0.5, 0.5 + 1e-15, 4, 10), 10);  /* none enough: the most */
    ck_assert_int_eq(cs_decimals_apart(0.12345678, 0.12345671, 4, 10), 7);
}
END_TEST

/* When a load's line is due and what it says (progress.h): after the
 * seconds CAPSCOPE_PROGRESS_AFTER gives (a number >= 0, else 1), then at
 * most every 100 ms, but the first count of rows at once; the name cut to
 * 80 bytes at a whole character. */
START_TEST(load_line_due)
{
    setenv("CAPSCOPE_PROGRESS_AFTER", "2.5", 1);
    ck_assert(cs_progress_after() == 2.5);
    const char *bad[] = { "-1", "x", "" };
    for (size_t i = 0; i < 3; i++) {
        setenv("CAPSCOPE_PROGRESS_AFTER", bad[i], 1);
        ck_assert(cs_progress_after() == 1.0);
    }
    unsetenv("CAPSCOPE_PROGRESS_AFTER");
    ck_assert(cs_progress_after() == 1.0);

    cs_load_say s;
    char buf[160];
    cs_load_say_init(&s, "models.csv");
    ck_assert_ptr_null(cs_load_say_due(&s, 1000, 0, buf, sizeof buf)); /* before the second */
    setenv("CAPSCOPE_PROGRESS_AFTER", "0", 1);
    cs_load_say_init(&s, "models.csv");
    ck_assert_str_eq(cs_load_say_due(&s, 1000, 0, buf, sizeof buf), "reading models.csv: 1.0 kB read");
    ck_assert_ptr_null(cs_load_say_due(&s, 2000, 0, buf, sizeof buf));
    ck_assert_str_eq(cs_load_say_due(&s, 2000, 4096, buf, sizeof buf), "reading models.csv: 4,096 rows");
    ck_assert_ptr_null(cs_load_say_due(&s, 2000, 8192, buf, sizeof buf));
    char name[101];
    memset(name, 'n', 100);
    name[100] = '\0';
    cs_load_say_init(&s, name);
    ck_assert_ptr_nonnull(cs_load_say_due(&s, 1, 0, buf, sizeof buf));
    ck_assert_uint_eq(strlen(buf), strlen("reading ") + 80 + strlen(": 1 byte read"));
    char accents[2 * 50 + 2] = "x"; /* x then 50 é: byte 80 is the 40th é's second, so 79 */
    for (int i = 0; i < 50; i++)
        strcat(accents, "\xc3\xa9");
    cs_load_say_init(&s, accents);
    ck_assert_ptr_nonnull(cs_load_say_due(&s, 1, 0, buf, sizeof buf));
    ck_assert_uint_eq(strlen(buf), strlen("reading ") + 79 + strlen(": 1 byte read"));
    unsetenv("CAPSCOPE_PROGRESS_AFTER");
}
END_TEST

/* Names fold in ASCII alone, whatever the locale: what strcasecmp did in
 * the TUI (unit names of a config, key, colour and yes/no names) followed
 * the user's LC_CTYPE. Bytes past ASCII are compared as they are. */
START_TEST(names_fold_in_ascii)
{
    ck_assert_int_eq(cs_ascii_casecmp("BILLION", "billion"), 0);
    ck_assert_int_eq(cs_ascii_casecmp("Tab", "tAB"), 0);
    ck_assert_int_lt(cs_ascii_casecmp("a", "B"), 0);
    ck_assert_int_gt(cs_ascii_casecmp("ab", "A"), 0);
    ck_assert_int_ne(cs_ascii_casecmp("\xC3\x89", "\xC3\xA9"), 0); /* É, é */
    ck_assert_int_eq(cs_ascii_ncasecmp("Bright-Red", "bright-", 7), 0);
    ck_assert_int_ne(cs_ascii_ncasecmp("Brigh", "bright-", 7), 0);
    ck_assert_int_eq(cs_ascii_ncasecmp("x", "y", 0), 0);
}
END_TEST

/* Counts of rows read, grouped by threes from the right: at each length
 * around a comma's place, and the largest size_t (18446744073709551615). */
START_TEST(counts_grouped_by_thousands)
{
    char buf[CS_COUNT_TEXT];
    ck_assert_str_eq(cs_count_text(0, buf), "0");
    ck_assert_str_eq(cs_count_text(999, buf), "999");
    ck_assert_str_eq(cs_count_text(1000, buf), "1,000");
    ck_assert_str_eq(cs_count_text(412000, buf), "412,000");
    ck_assert_str_eq(cs_count_text(1234567, buf), "1,234,567");
    ck_assert_str_eq(cs_count_text(SIZE_MAX, buf),
                     SIZE_MAX == 18446744073709551615u ? "18,446,744,073,709,551,615" : "4,294,967,295");
}
END_TEST

/* Written with the fewest digits that read back; whole parts written out. */
START_TEST(numbers_written_exactly)
{
    char buf[CS_NUMBER_TEXT];
    ck_assert_str_eq(cs_number_text(50, buf), "50");
    ck_assert_str_eq(cs_number_text(0.1, buf), "0.1");
    ck_assert_str_eq(cs_number_text(-0.0, buf), "0");
    ck_assert_str_eq(cs_number_text(1e24, buf), "1e+24");
    ck_assert_str_eq(cs_number_text(1.0 / 3, buf), "0.3333333333333333");
    ck_assert_str_eq(cs_number_text(1e16, buf), "10000000000000000");
    ck_assert_str_eq(cs_number_text(1e17, buf), "1e+17");
    /* The largest doubles below 1e17, where log10 rounds up to 17: whole
     * numbers of 17 digits, written out. */
    ck_assert_str_eq(cs_number_text(nextafter(1e17, 0), buf), "99999999999999984");
    ck_assert_str_eq(cs_number_text(-99999999999999968.0, buf), "-99999999999999968");
    ck_assert_str_eq(cs_number_text(nextafter(1e16, 0), buf), "9999999999999998");
    ck_assert_str_eq(cs_number_text(-2.5e-300, buf), "-2.5e-300");
    ck_assert_str_eq(cs_number_text(0.1 + 0.2, buf), "0.30000000000000004");
    /* Shortest texts of every length, as Python's repr writes them: the
     * search starts at 15 digits for normal numbers, at 1 for subnormals,
     * where %.15g would give more digits than needed (6.2773490077855e-311,
     * not 6.27734900778552e-311). */
    ck_assert_str_eq(cs_number_text(123000, buf), "123000");
    ck_assert_str_eq(cs_number_text(1e-05, buf), "1e-05");
    ck_assert_str_eq(cs_number_text(0.123456789012345, buf), "0.123456789012345");
    ck_assert_str_eq(cs_number_text(5e-324, buf), "5e-324");
    ck_assert_str_eq(cs_number_text(-6.277349007785521e-311, buf), "-6.2773490077855e-311");
    /* log10 of a flops value: 10 digits would read back 3.7e-9 lower */
    double z = log10(1.227564e21);
    ck_assert(strtod(cs_number_text(z, buf), NULL) == z);
    /* any double reads back, whatever its bits */
    unsigned long long x = 88172645463325252ULL;
    for (int i = 0; i < 100000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        double back = strtod(cs_number_text(v, buf), NULL);
        ck_assert_msg(back == v || (v == 0 && back == 0), "%a -> %s", v, buf);
        /* and no fewer significant digits read back (whole numbers of 16
         * digits and more are written out, so only below 1e15) */
        int sig = 0, zeros = 0;
        for (const char *c = buf; *c && *c != 'e'; c++)
            if (*c >= '1' && *c <= '9')
                sig += zeros + 1, zeros = 0;
            else if (*c == '0' && sig)
                zeros++;
        if (strchr(buf, '.')) /* a zero after the point is written only when it counts */
            sig += zeros;
        if (fabs(v) < 1e15 && sig > 1) {
            char shorter[CS_NUMBER_TEXT];
            ck_assert_int_lt(snprintf(shorter, sizeof shorter, "%.*g", sig - 1, v), (int)sizeof shorter);
            ck_assert_msg(strtod(shorter, NULL) != v, "%a -> %s, but %s reads back", v, buf, shorter);
        }
    }
}
END_TEST

/* A locale whose decimal separator is a comma must not change the numbers
 * read, on the fast path or through strtod(). */
START_TEST(numbers_ignore_the_locale)
{
    static const char *const locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8" };
    const char *set = NULL;
    for (size_t i = 0; i < sizeof locales / sizeof locales[0] && !set; i++)
        set = setlocale(LC_ALL, locales[i]);
    if (!set) {
        fprintf(stderr, "SKIP numbers_ignore_the_locale: no comma-decimal locale is installed\n");
        return;
    }
    double v;
    ck_assert_int_eq(cs_parse_number("0.5", &v), CS_NUM_OK);
    ck_assert(v == 0.5);
    ck_assert_int_eq(cs_parse_number("0.12345678901234567890123", &v), CS_NUM_OK);
    ck_assert(fabs(v - 0.12345678901234567890123) < 1e-17);
    ck_assert_int_eq(cs_parse_number("0,5", &v), CS_NUM_SYNTAX);
    setlocale(LC_ALL, "C");
}
END_TEST

START_TEST(numbers_leave_the_thread_locale_alone)
{
    /* What the fast path cannot read exactly goes to strtod under a private
     * C locale (number.c); the calling thread's locale must be back as it
     * was afterwards, or the faces' own formatting would change under them
     * (and the private locale is freed: a dangling one). "1e400" is out of
     * range and 0.123... has 23 significant digits, more than the 19 the
     * fast path keeps: both are decided by strtod. */
    locale_t before = uselocale((locale_t)0);
    double v;
    ck_assert_int_eq(cs_parse_number("1e400", &v), CS_NUM_RANGE);
    ck_assert(uselocale((locale_t)0) == before);
    ck_assert_int_eq(cs_parse_number("0.12345678901234567890123", &v), CS_NUM_OK);
    ck_assert(uselocale((locale_t)0) == before);
}
END_TEST

/* ---- encoding and structure errors ---- */

START_TEST(errors_encoding)
{
    fails("", 0, "file is empty");
    fails("\xEF\xBB\xBF", 0, "file is empty (only a byte-order mark)");
    fails("\n\n  \n", 1, "no header: the file holds only blank lines");
    fails_cfg_len("\xFF\xFEm\0o\0", 6, NULL, 1, "file is UTF-16; save it as UTF-8");
    fails_cfg_len("\xFE\xFF\0m\0o", 6, NULL, 1, "file is UTF-16; save it as UTF-8");
    fails_cfg_len("m\0o\0d\0", 6, NULL, 1, "file is UTF-16; save it as UTF-8");
    fails_cfg_len("model,flops,acc\na,1e22,0.5\nb\0,1e22,0.5\n", 39, NULL, 3,
                  "file holds a NUL byte (at column 2); it is not a text file");
    fails("model,flops,acc\na,1e22,0.5\r\n\nb\xE9,1e22,0.5\n", 4,
          "file is not UTF-8 text (byte 0xe9 at column 2); save it as UTF-8");
    /* Overlong forms, surrogates, beyond U+10FFFF, truncated sequences. */
    static const char *const bad_utf8[] = {
        "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
        "\xE2\x82", "\x80", "\xFF",
    };
    for (size_t i = 0; i < sizeof bad_utf8 / sizeof bad_utf8[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "model,flops,acc\nx%s,1e22,0.5\n", bad_utf8[i]);
        cs_error err;
        ck_assert_msg(cs_check_utf8_text(text, strlen(text), "t.csv", &err) == -1, "case %zu", i);
        ck_assert_int_eq(err.line, 2);
        ck_assert(strncmp(err.msg, "file is not UTF-8 text", 22) == 0);
    }
    /* Valid multi-byte text passes: é, €, U+10FFFF, an emoji. */
    const char *good = "caf\xC3\xA9 \xE2\x82\xAC \xF4\x8F\xBF\xBF \xF0\x9F\x98\x80";
    cs_error err;
    ck_assert_int_eq(cs_check_utf8_text(good, strlen(good), "t.csv", &err), 0);
}
END_TEST

START_TEST(errors_structure_with_lines)
{
    fails("model,flops,acc\na,1e22,0.5\nb,1e22\n", 3, "row has 2 fields, header has 3");
    fails("model,flops,acc\na,1e22,0.5,9\n", 2, "row has 4 fields, header has 3");
    fails("model,flops,acc\na,1e22,0.5\nb\n", 3, "row has 1 field, header has 3");
    /* Lines count blank lines and the lines inside quoted fields. */
    fails("\n\nmodel,flops,acc\n\"multi\nline\",1e22,0.5\n\nb,1e22\n", 7,
          "row has 2 fields, header has 3");
    fails("model,flops,acc\r\na,1e22,0.5\r\nb,1e22,\"0.5\r\n", 3,
          "unterminated quoted field (opened on this line)");
    fails("model,flops,acc,acc\na,1e22,0.5,0.5\n", 1, "duplicate column name 'acc' (also column 3)");
    fails("\nmodel,acc,flops,acc\n", 2, "duplicate column name 'acc' (also column 2)");
    fails("model,flops,acc\n", 1, "no data rows after the header");
    fails("name,flops,acc\na,1e22,0.5\n", 1,
          "no 'model' column (columns: name, flops, acc); name yours in a --config file, columns: {model: NAME}"
          " (capscope-config(5))");
    fails("a,1e22,0.5\nb,1e23,0.6\n", 1,
          "no header: the first row holds numbers; it must name the columns (model, flops, ...)");
    fails("model,compute,acc\na,1e22,0.5\n", 1,
          "no 'flops' column, and no derive_flops in a config (columns: model, compute, acc); name yours in a"
          " --config file, columns: {flops: NAME} (capscope-config(5))");
    /* One column that holds the role's name in its own is named in the
     * hint (never taken); two such, or none, leave NAME. */
    fails("Model Name,Training FLOPs,acc\na,1e22,0.5\n", 1,
          "no 'model' column (columns: Model Name, Training FLOPs, acc); is 'Model Name' it? name it in a"
          " --config file, columns: {model: \"Model Name\"} (capscope-config(5))");
    fails("model,Training FLOPs,acc\na,1e22,0.5\n", 1,
          "no 'flops' column, and no derive_flops in a config (columns: model, Training FLOPs, acc); is"
          " 'Training FLOPs' it? name it in a --config file, columns: {flops: \"Training FLOPs\"}"
          " (capscope-config(5))");
    fails("model,pre_flops,post_flops,acc\na,1e22,1e20,0.5\n", 1,
          "no 'flops' column, and no derive_flops in a config (columns: model, pre_flops, post_flops, acc);"
          " name yours in a --config file, columns: {flops: NAME} (capscope-config(5))");
    fails("model,flops,acc\n,1e22,0.5\n", 2, "column 'model': the model name is empty");
    /* European spreadsheets export ';' between fields, and TSV has tabs:
     * the whole header is one column, whose name holds them all. */
    fails("\xEF\xBB\xBFmodel;flops;acc;;\r\na;1e22;0,5;;\r\n", 1,
          "the header is one column, 'model;flops;acc;;': are its fields separated by semicolons?"
          " capscope reads fields separated by commas (CSV); export or save the file so");
    fails("model\tflops\tacc\na\t1e22\t0.5\n", 1,
          "the header is one column holding tabs: are its fields separated by tabs?"
          " capscope reads fields separated by commas (CSV); export or save the file so");
}
END_TEST

/* What a score outside [0, 1] that could be a percentage adds. */
#define PCT_HINT " (percentages? score_scale: 100 in a --config file reads them)"

START_TEST(errors_values_with_lines)
{
    const char *head = "model,flops,date,params_b,acc\n";
    static const struct {
        const char *row;
        const char *msg;
    } cases[] = {
        { "b,nan,2024-01-01,7,0.5", "column 'flops': 'nan' is not a number" },
        { "b,inf,2024-01-01,7,0.5", "column 'flops': 'inf' is not a number" },
        { "b,-inf,2024-01-01,7,0.5", "column 'flops': '-inf' is not a number" },
        { "b,1e22x,2024-01-01,7,0.5", "column 'flops': '1e22x' is not a number" },
        /* Numbers no double holds, in number.h's words, as the options say them. */
        { "b,1e999,2024-01-01,7,0.5",
          "column 'flops': '1e999' is more than a double holds (at most 1.79e308 FLOPs)" },
        { "b,1e22,2024-01-01,1e999,0.5",
          "column 'params_b': '1e999' is more than a double holds (at most 1.79e308)" },
        { "b,1e22,2024-01-01,1e-400,0.5",
          "column 'params_b': '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)" },
        { "b,1e22,2024-01-01,-1e-400,0.5", "column 'params_b': cost -1e-400 is not positive" },
        { "b,1e22,2024-01-01,7,1e-400",
          "column 'acc': '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)" },
        { "b,1e22,2024-01-01,7,-1e-400",
          "column 'acc': '-1e-400' is nearer 0 than a double holds (the least is 4.9e-324)" },
        { "b,1e22,2024-01-01,7,1e400",
          "column 'acc': '1e400' is more than a double holds (at most 1.79e308)" },
        { "b,1e22,2024-13-45,7,0.5", "column 'date': '2024-13-45' is not a valid date (YYYY-MM-DD; there is no month 13)" },
        { "b,1e22,2023-02-29,7,0.5", "column 'date': '2023-02-29' is not a valid date (YYYY-MM-DD; 2023-02 has 28 days)" },
        { "b,1e22,2024-1-5,7,0.5", "column 'date': '2024-1-5' is not a valid date (YYYY-MM-DD; that is 2024-01-05)" },
        /* A time is refused (a date is a day) by saying it is the trouble, when the day is one. */
        { "b,1e22,2024-01-05T10:00:00,7,0.5",
          "column 'date': '2024-01-05T10:00:00' is not a valid date (YYYY-MM-DD; a date without the"
          " time: 2024-01-05)" },
        { "b,1e22,2024-01-05 10:00,7,0.5",
          "column 'date': '2024-01-05 10:00' is not a valid date (YYYY-MM-DD; a date without the"
          " time: 2024-01-05)" },
        { "b,1e22,2024-02-30T10:00,7,0.5",
          "column 'date': '2024-02-30T10:00' is not a valid date (YYYY-MM-DD)" },
        { "b,1e22,2024-01-05Tnoon,7,0.5", "column 'date': '2024-01-05Tnoon' is not a valid date (YYYY-MM-DD)" },
        /* Blanks around a date are dropped, not what is inside them. */
        { "b,1e22,\" 2024-13-01 \",7,0.5", "column 'date': ' 2024-13-01 ' is not a valid date (YYYY-MM-DD; there is no month 13)" },
        { "b,1e22,\" 2024-01-05T10:00 \",7,0.5",
          "column 'date': ' 2024-01-05T10:00 ' is not a valid date (YYYY-MM-DD; a date without the"
          " time: 2024-01-05)" },
        { "b,1e22,\"2024 -01-05\",7,0.5", "column 'date': '2024 -01-05' is not a valid date (YYYY-MM-DD; that is 2024-01-05)" },
        { "b,1e22,2024-01-01,seven,0.5", "column 'params_b': 'seven' is not a number" },
        { "b,1e22,2024-01-01,-7,0.5", "column 'params_b': cost -7 is not positive" },
        { "b,1e22,2024-01-01,7,1.5", "column 'acc': score 1.5 is outside [0, 1]" PCT_HINT },
        { "b,1e22,2024-01-01,7,85.3", "column 'acc': score 85.3 is outside [0, 1]" PCT_HINT },
        { "b,1e22,2024-01-01,7,100.5", "column 'acc': score 100.5 is outside [0, 1]" },
        { "b,1e22,2024-01-01,7,-0.1", "column 'acc': score -0.1 is outside [0, 1]" },
        { "b,1e22,2024-01-01,7,NaN", "column 'acc': 'NaN' is not a number" },
        /* What a spreadsheet writes for no value, or with a decimal comma
         * or thousands separators, is no number: said with what to write. */
        { "b,N/A,2024-01-01,7,0.5", "column 'flops': 'N/A' is not a number (a missing value is an empty cell)" },
        { "b,1e22,2024-01-01,7, - ", "column 'acc': '-' is not a number (a missing value is an empty cell)" },
        { "b,1e22,2024-01-01,7,#N/A", "column 'acc': '#N/A' is not a number (a missing value is an empty cell)" },
        { "b,\"2,0E+22\",2024-01-01,7,0.5",
          "column 'flops': '2,0E+22' is not a number (a decimal comma? write 2.0E+22)" },
        { "b,1e22,2024-01-01,7,\"0,412\"", "column 'acc': '0,412' is not a number (a decimal comma? write 0.412)" },
        { "b,1e22,2024-01-01,\"1,234\",0.5",
          "column 'params_b': '1,234' is not a number (a decimal comma or a thousands separator? write 1.234 or"
          " 1234)" },
        { "b,\"3,200,000,000\",2024-01-01,7,0.5",
          "column 'flops': '3,200,000,000' is not a number (thousands separators? write 3200000000)" },
        { "b,1e22,2024-01-01,\"1,234.5\",0.5",
          "column 'params_b': '1,234.5' is not a number (thousands separators? write 1234.5)" },
        { "b,1e22,2024-01-01,\"1,2,3\",0.5", "column 'params_b': '1,2,3' is not a number" },
        { "b,1e22,2024-01-01,7,nan", "column 'acc': 'nan' is not a number" },
        /* Cells of rows that will be dropped are checked too. */
        { "b,,2024-13-01,7,0.5", "column 'date': '2024-13-01' is not a valid date (YYYY-MM-DD; there is no month 13)" },
        { "b,0,2024-01-01,7,2", "column 'acc': score 2 is outside [0, 1]" PCT_HINT },
    };
    cs_config cfg;
    cs_config_init(&cfg);
    cs_error err;
    ck_assert_int_eq(cs_config_add_task(&cfg, "acc", &err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char csv[256];
        snprintf(csv, sizeof csv, "%sa,1e22,2024-01-01,7,0.5\n\n%s\nc,1e22,,,\n", head, cases[i].row);
        fails_cfg(csv, &cfg, 4, cases[i].msg);
    }
    cs_config_free(&cfg);

    /* A long value is shortened in the message. */
    size_t n = 3u << 20;
    char *big = malloc(n + 64);
    ck_assert_ptr_nonnull(big);
    strcpy(big, "model,flops,acc\nb,");
    size_t k = strlen(big);
    memset(big + k, '9', n);
    strcpy(big + k + n, "x,0.5\n");
    cs_dataset *ds;
    ck_assert_int_eq(cs_dataset_parse(big, strlen(big), "t.csv", NULL, &ds, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert(strstr(err.msg, "column 'flops': '999") == err.msg);
    ck_assert(strstr(err.msg, "...' is not a number") != NULL);
    free(big);
}
END_TEST

/* Roles that read a cell as the same positive number may share a column:
 * the evaluation cost may be the compute itself (columns: {cost: flops}),
 * and the compute the size when the data has nothing better (columns:
 * {flops: params_b}, the cost keeping its default params_b). Both were
 * refused as "given two roles" although each cell means one number. */
START_TEST(numeric_roles_share_a_column)
{
    const char *csv = "model,flops,params_b,acc\na,1e22,7,0.1\nb,2e22,13,0.2\nc,4e22,70,0.3\n"
                      "d,8e22,8,0.4\n";
    cs_config cfg;
    cs_config_init(&cfg);
    cfg.cost_col = strdup("flops");
    cs_dataset *ds = parse_cfg(csv, &cfg);
    ck_assert_uint_eq(ds->n_rows, 4);
    for (size_t i = 0; i < ds->n_rows; i++)
        ck_assert(ds->has_cost[i] && ds->cost[i] == ds->flops[i]);
    ck_assert(ds->cost[1] == 2e22);
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    cs_config_init(&cfg);
    cfg.flops_col = strdup("params_b");
    ds = parse_cfg(csv, &cfg);
    ck_assert(ds->flops[2] == 70 && ds->cost[2] == 70);
    cs_dataset_free(ds);
    cs_config_free(&cfg);
}
END_TEST

START_TEST(errors_explicit_tasks)
{
    cs_config cfg;
    cs_config_init(&cfg);
    cs_error err;
    const char *csv = "model,flops,acc,note\na,1e22,0.5,x\nb,1e22,0.6,y\nc,1e23,0.7,z\nd,0,0.8,w\n";
    ck_assert_int_eq(cs_config_add_task(&cfg, "foo", &err), 0);
    /* The tasks only: model and flops have roles, note holds text. */
    fails_cfg(csv, &cfg, 1, "unknown column 'foo' (task: acc)");
    cs_config_free(&cfg);

    ck_assert_int_eq(cs_config_add_task(&cfg, "flops", &err), 0);
    fails_cfg(csv, &cfg, 1, "column 'flops' is the flops column; it cannot be a task");
    cs_config_free(&cfg);

    ck_assert_int_eq(cs_config_add_task(&cfg, "note", &err), 0);
    fails_cfg(csv, &cfg, 2, "column 'note': 'x' is not a number");
    cs_config_free(&cfg);

    /* Three usable rows: the fourth has zero flops and is dropped. */
    ck_assert_int_eq(cs_config_add_task(&cfg, "acc", &err), 0);
    fails_cfg(csv, &cfg, 0, "task 'acc' has 3 usable rows (a score and flops > 0), fewer than 4");
    cs_config_free(&cfg);
    /* ... unless the caller reads no scores (suggest --prior paper): then
     * even an empty column is a task. */
    ck_assert_int_eq(cs_config_add_task(&cfg, "acc", &err), 0);
    cfg.sparse_tasks = 1;
    cs_dataset *ds = parse_cfg(csv, &cfg);
    ck_assert_uint_eq(ds->tasks[0].n_scored, 3);
    cs_dataset_free(ds);
    cs_config_free(&cfg);
    ck_assert_int_eq(cs_config_add_task(&cfg, "new", &err), 0);
    cfg.sparse_tasks = 1;
    ds = parse_cfg("model,flops,new\na,1e22,\nb,1e23,\n", &cfg);
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->tasks[0].n_scored, 0);
    ck_assert(!ds->tasks[0].has[0] && !ds->tasks[0].has[1]);
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    /* Only dropped rows. */
    fails("model,flops,acc\na,,0.5\nb,-1,0.5\n", 0,
          "no row has flops > 0 (all 2 rows dropped: flops empty or <= 0)");
    /* Nothing looks like a score. */
    fails("model,flops,year,flag\na,1e22,2024,1\nb,1e22,2023,0\n", 1,
          "no task column: 'flag' holds only 0 and 1, read as a flag, not scores (--task flag makes it"
          " a task)");
    fails("model,flops,year\na,1e22,2024\nb,1e22,2023\n", 1,
          "no task column: no column holds only scores in [0, 1] (columns: model, flops, year)");
    /* Percent scores (85.3 for 0.853): the message says how to read them,
     * naming the column (a text column and a year column beside it are
     * not percentages). */
    fails("model,flops,note,year,acc\na,1e22,x,2024,50\nb,1e22,y,2023,85.3\nc,1e22,z,2023,0.5\n", 1,
          "no task column: no column holds only scores in [0, 1]; 'acc' holds numbers up to 85.3:"
          " percentages? score_scale: 100 in a --config file reads them");
    /* A benchmark named for tokens is passed over as a count: said, with
     * the way to take it, not left as if it held no scores */
    fails("model,flops,RULER 128k tokens\na,1e22,0.5\nb,1e23,0.6\n", 1,
          "no task column: no column holds only scores in [0, 1] (columns: model, flops, RULER 128k tokens);"
          " 'RULER 128k tokens' is passed over by its name, as a count of tokens or parameters (--task"
          " 'RULER 128k tokens' makes it a task)");
    /* tokens_t is a count by its whole name: nothing to say of it */
    fails("model,flops,tokens_t\na,1e22,0.5\nb,1e23,0.6\n", 1,
          "no task column: no column holds only scores in [0, 1] (columns: model, flops, tokens_t)");
    fails("model,flops,year\na,1e22,99\nb,1e22,101\n", 1,
          "no task column: no column holds only scores in [0, 1] (columns: model, flops, year)");
    /* One score a shade above 1 among scores is not a column of percentages. */
    fails("model,flops,x\na,1e22,0.5\nb,1e22,1.0000001\nc,1e22,0.25\n", 1,
          "no task column: no column holds only scores in [0, 1] (columns: model, flops, x)");
    /* A column of scores but for one cell was the only task: the error
     * names that cell and its line, as the warning would have (it once
     * said only that no column holds scores). */
    fails("model,flops,acc\na,1e22,0.5\nb,1e22,0.6\nc,1e22,nan\nd,1e22,0.7\ne,1e22,0.8\n", 4,
          "no task column: column 'acc' is not a task: 'nan' is not a number (1 of its 5 values is"
          " not a score; --task acc makes it an error)");
}
END_TEST

/* ---- roles and tasks ---- */

/* An unknown --task names the tasks detection finds (not the role columns,
 * text or 0/1 flags), and the task it is most likely a typo of. */
START_TEST(unknown_task_names_the_tasks)
{
    const char *csv = "model,flops,date,note,flag,reasoning,math,code\n"
                      "a,1e21,2024-01-01,x,0,0.1,0.2,0.3\n"
                      "b,1e22,2024-02-01,y,1,0.2,0.3,0.4\n"
                      "c,1e23,2024-03-01,z,1,0.3,0.4,0.5\n"
                      "d,1e24,2024-04-01,w,0,0.4,0.5,0.6\n";
    static const struct {
        const char *task, *msg;
    } cases[] = {
        { "Reasoning", "unknown column 'Reasoning': did you mean 'reasoning'? (case differs; tasks: "
                       "reasoning, math, code)" },
        { "MATH", "unknown column 'MATH': did you mean 'math'? (case differs; tasks: reasoning, math, code)" },
        /* one edit (a dropped letter) in 8 letters, two in 9 */
        { "reasonin", "unknown column 'reasonin': did you mean 'reasoning'? (tasks: reasoning, math, code)" },
        { "raesoning", "unknown column 'raesoning': did you mean 'reasoning'? (tasks: reasoning, math, code)" },
        /* 'cod' is one edit from 'code'; 'xyz' three from each */
        { "cod", "unknown column 'cod': did you mean 'code'? (tasks: reasoning, math, code)" },
        { "xyz", "unknown column 'xyz' (tasks: reasoning, math, code)" },
        /* 'ma' is two edits from 'math', more than a third of its two letters */
        { "ma", "unknown column 'ma' (tasks: reasoning, math, code)" },
        /* two neighbours swapped are one edit, the most a 4-letter name allows */
        { "mtah", "unknown column 'mtah': did you mean 'math'? (tasks: reasoning, math, code)" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_config cfg;
        cs_error err;
        cs_config_init(&cfg);
        ck_assert_int_eq(cs_config_add_task(&cfg, cases[i].task, &err), 0);
        fails_cfg(csv, &cfg, 1, cases[i].msg);
        cs_config_free(&cfg);
    }

    /* A known task before the unknown one is listed like the others. */
    cs_config cfg;
    cs_error err;
    cs_config_init(&cfg);
    ck_assert_int_eq(cs_config_add_task(&cfg, "math", &err), 0);
    ck_assert_int_eq(cs_config_add_task(&cfg, "Code", &err), 0);
    fails_cfg(csv, &cfg, 1,
              "unknown column 'Code': did you mean 'code'? (case differs; tasks: reasoning, math, code)");
    cs_config_free(&cfg);

    /* Many tasks: the first TASKS_LISTED (8) and how many more. */
    char many[2048];
    size_t used = (size_t)snprintf(many, sizeof many, "model,flops");
    for (int k = 1; k <= 11; k++)
        used += (size_t)snprintf(many + used, sizeof many - used, ",t%d", k);
    for (int r = 0; r < 4; r++) {
        used += (size_t)snprintf(many + used, sizeof many - used, "\nm%d,1e2%d", r, r);
        for (int k = 1; k <= 11; k++)
            used += (size_t)snprintf(many + used, sizeof many - used, ",0.5");
    }
    snprintf(many + used, sizeof many - used, "\n");
    cs_config_init(&cfg);
    ck_assert_int_eq(cs_config_add_task(&cfg, "nothing_like_it", &err), 0);
    fails_cfg(many, &cfg, 1,
              "unknown column 'nothing_like_it' (tasks: t1, t2, t3, t4, t5, t6, t7, t8 and 3 more)");
    cs_config_free(&cfg);
}
END_TEST

/* The one "did you mean" rule of both faces (dataset.h), distances
 * counted by hand: an insertion, a deletion, a substitution or a swap of
 * neighbours is one edit; at most 2, and at most a third of the name. */
START_TEST(typo_rule)
{
    static const struct {
        const char *want, *candidate;
        size_t edits; /* SIZE_MAX: not a guess */
    } cases[] = {
        { "Math", "math", 0 },           /* case only */
        { "mtah", "math", 1 },           /* t, a swapped */
        { "mat", "math", 1 },            /* h dropped; 3 letters allow 1 */
        { "ma", "math", SIZE_MAX },      /* 2 letters allow none */
        { "mxyh", "math", SIZE_MAX },    /* two substitutions, 4 letters allow 1 */
        { "reasonign", "reasoning", 1 }, /* n, g swapped */
        { "rasoninng", "reasoning", 2 }, /* e dropped, n doubled */
        { "rsoninng", "reasoning", SIZE_MAX }, /* e, a dropped, n doubled: 3 */
        { "abcdefgh", "xycdefgh", 2 },
        { "abcdefgh", "xyzdefgh", SIZE_MAX },
        { "ab", "abcdef", SIZE_MAX },    /* lengths 4 apart */
        { "gotoo", "goto", 1 },
        { "", "", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_typo t;
        cs_typo_init(&t, cases[i].want);
        size_t d = cs_typo_offer(&t, cases[i].candidate);
        ck_assert_msg(d == cases[i].edits, "%s -> %s: %zu", cases[i].want, cases[i].candidate, d);
        if (d == SIZE_MAX)
            ck_assert_ptr_null(t.nearest);
        else {
            ck_assert_ptr_eq(t.nearest, cases[i].candidate);
            ck_assert_uint_eq(t.n_nearest, 1);
        }
    }

    /* A nearer name replaces the nearest; an equally near one makes two,
     * a repeat of the nearest does not. */
    cs_typo t;
    cs_typo_init(&t, "reasonin");                   /* 8 letters: 2 edits */
    ck_assert_uint_eq(cs_typo_offer(&t, "reason"), 2);
    ck_assert_uint_eq(cs_typo_offer(&t, "reasoning"), 1);
    ck_assert_uint_eq(cs_typo_offer(&t, "reasoning"), 1);
    ck_assert_uint_eq(cs_typo_offer(&t, "reason"), SIZE_MAX); /* further than the nearest */
    ck_assert_str_eq(t.nearest, "reasoning");
    ck_assert_uint_eq(t.n_nearest, 1);
    char said[96];
    ck_assert_str_eq(cs_typo_guess(&t, "tasks", said, sizeof said), ": did you mean 'reasoning'?");
    ck_assert_uint_eq(cs_typo_offer(&t, "reasoninG"), 1);
    ck_assert_uint_eq(t.n_nearest, 2);
    ck_assert_str_eq(t.nearest, "reasoning");
    /* two names 1 edit away: no coin toss between them */
    ck_assert_str_eq(cs_typo_guess(&t, "tasks", said, sizeof said), ": as near to 2 tasks");

    /* A name the typed one begins (3 bytes or more, letters folded) is
     * the guess while none is within the edits: "mmlu" is 9 edits from
     * "MMLU (5-shot)", its start. Two such are ambiguous; a name within the
     * edits replaces them; "ma" (2 bytes) begins "math" but is no guess. */
    cs_typo_init(&t, "mmlu");
    ck_assert_uint_eq(cs_typo_offer(&t, "gsm8k"), SIZE_MAX);
    ck_assert_uint_eq(cs_typo_offer(&t, "MMLU (5-shot)"), SIZE_MAX);
    ck_assert_str_eq(t.nearest, "MMLU (5-shot)");
    ck_assert_uint_eq(t.n_nearest, 1);
    ck_assert_uint_eq(cs_typo_offer(&t, "mmlu_pro"), SIZE_MAX);
    ck_assert_uint_eq(t.n_nearest, 2);
    ck_assert_str_eq(cs_typo_guess(&t, "tasks", said, sizeof said), ": the start of 2 tasks");
    ck_assert_uint_eq(cs_typo_offer(&t, "mmlx"), 1);
    ck_assert_str_eq(t.nearest, "mmlx");
    ck_assert_uint_eq(t.n_nearest, 1);
    ck_assert_uint_eq(cs_typo_offer(&t, "mmlu_redux"), SIZE_MAX); /* no longer a guess */
    ck_assert_str_eq(t.nearest, "mmlx");
    cs_typo_init(&t, "ma");
    cs_typo_offer(&t, "math");
    ck_assert_ptr_null(t.nearest);
    ck_assert_str_eq(cs_typo_guess(&t, "tasks", said, sizeof said), "");

    /* The refusal's text, one for every face, by hand. */
    char list[480], text[CS_UNKNOWN_TASK_TEXT];
    static const char *const three[] = { "reasoning", "math", "code" };
    static const struct { const char *want; size_t n; const char *said; } refusals[] = {
        { "mth", 3, "'mth': did you mean 'math'? (tasks: reasoning, math, code)" },
        { "Math", 3, "'Math': did you mean 'math'? (case differs; tasks: reasoning, math, code)" },
        { "xyz", 3, "'xyz' (tasks: reasoning, math, code)" },
        { "cod", 1, "'cod' (task: reasoning)" },
        { "x", 0, "'x' (the data has no task column)" },
    };
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        cs_namelist l;
        cs_namelist_init(&l, refusals[i].want, CS_NAMES_LISTED, list, sizeof list);
        for (size_t k = 0; k < refusals[i].n; k++)
            cs_namelist_add(&l, three[k]);
        cs_namelist_end(&l);
        ck_assert_str_eq(cs_unknown_task_text(&l, text, sizeof text), refusals[i].said);
    }
    cs_typo_init(&t, "math");
    cs_typo_offer(&t, "math"); /* the name itself is 0 edits, not a prefix */
    ck_assert_uint_eq(t.best, 0);

    /* Names up to CS_TYPO_LONGEST bytes are compared, longer ones never. */
    char a[CS_TYPO_LONGEST + 2], b[CS_TYPO_LONGEST + 2];
    memset(a, 'x', sizeof a);
    memset(b, 'x', sizeof b);
    a[CS_TYPO_LONGEST] = '\0';     /* 255 x */
    b[CS_TYPO_LONGEST - 1] = '\0'; /* 254 x */
    cs_typo_init(&t, a);
    ck_assert_uint_eq(cs_typo_offer(&t, b), 1);
    a[CS_TYPO_LONGEST] = 'x';
    a[CS_TYPO_LONGEST + 1] = '\0'; /* 256 x */
    cs_typo_init(&t, a);
    ck_assert_uint_eq(cs_typo_offer(&t, a), SIZE_MAX);
}
END_TEST

/* names[0..n) into a list of buf[size], for want. */
static const char *list_of(cs_namelist *l, const char *want, const char *const *names, size_t n, char *buf,
                           size_t size)
{
    cs_namelist_init(l, want, CS_NAMES_LISTED, buf, size);
    for (size_t i = 0; i < n; i++)
        cs_namelist_add(l, names[i]);
    return cs_namelist_end(l);
}

/* The list every refusal of a name gives (namelist.h): 8 names, the rest
 * counted, the nearest among all of them, cut at a whole name. Lengths
 * counted by hand: a name is listed while 31 bytes (" and " + 20 digits +
 * " more" + NUL) remain after it. */
START_TEST(name_list_rule)
{
    static const char *const t[] = { "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11" };
    char buf[480];
    cs_namelist l;
    ck_assert_str_eq(list_of(&l, "x", t, 11, buf, sizeof buf), "t1, t2, t3, t4, t5, t6, t7, t8 and 3 more");
    ck_assert_uint_eq(l.n, 11);
    ck_assert_uint_eq(l.n_listed, 8);
    ck_assert_str_eq(list_of(&l, "x", t, 8, buf, sizeof buf), "t1, t2, t3, t4, t5, t6, t7, t8");
    ck_assert_str_eq(list_of(&l, "x", t, 9, buf, sizeof buf), "t1, t2, t3, t4, t5, t6, t7, t8 and 1 more");
    ck_assert_ptr_null(l.near.nearest); /* "x" is 1 letter: no edit allowed */
    /* the nearest is looked for among the names not listed too */
    list_of(&l, "T10", t, 11, buf, sizeof buf);
    ck_assert_ptr_eq(l.near.nearest, t[9]);
    ck_assert_uint_eq(l.near.best, 0);
    ck_assert_str_eq(list_of(&l, "x", t, 0, buf, sizeof buf), "");

    /* a case difference is nearest of all */
    static const char *const tasks[] = { "reasoning", "math", "code" };
    ck_assert_str_eq(list_of(&l, "MATH", tasks, 3, buf, sizeof buf), "reasoning, math, code");
    ck_assert_ptr_eq(l.near.nearest, tasks[1]);
    ck_assert_uint_eq(l.near.best, 0);
    ck_assert_uint_eq(l.near.n_nearest, 1);

    /* too small a buffer: whole names, then the count of the rest */
    static const char *const abc[] = { "alpha", "beta", "gamma" };
    ck_assert_str_eq(list_of(&l, "x", abc, 3, buf, 42), "alpha, beta and 1 more"); /* 11 + 31 */
    ck_assert_str_eq(list_of(&l, "x", abc, 3, buf, 41), "alpha and 2 more");
    /* once one does not fit, no later one is listed, short as it may be:
     * the names shown stay the first ones */
    static const char *const skip[] = { "alpha", "longername", "b" };
    ck_assert_str_eq(list_of(&l, "x", skip, 3, buf, 42), "alpha and 2 more");
    ck_assert_str_eq(list_of(&l, "x", abc, 3, buf, 20), "3 names"); /* "alpha" needs 36 */
    ck_assert_str_eq(list_of(&l, "x", abc, 1, buf, 20), "1 name");
    ck_assert_str_eq(list_of(&l, "x", abc, 3, buf, 7), "");         /* "3 names" needs 8 */
    ck_assert_uint_eq(l.n, 3);

    /* A long name is shortened to 39 bytes at most, "..." included, at a
     * code point: "a" and 30 e-acutes (61 bytes) keeps "a" and 17 of them
     * (35 bytes: byte 36 is the second half of the 18th). */
    char wide[62], want[40];
    wide[0] = 'a';
    for (int i = 0; i < 30; i++)
        memcpy(wide + 1 + 2 * i, "\xC3\xA9", 2);
    wide[61] = '\0';
    memcpy(want, wide, 35);
    memcpy(want + 35, "...", 4);
    const char *const one[] = { wide };
    ck_assert_str_eq(list_of(&l, "x", one, 1, buf, sizeof buf), want);
    /* ", " and its 38 bytes after "x" need 72 bytes: the name is left out whole */
    const char *const two[] = { "x", wide };
    ck_assert_str_eq(list_of(&l, "x", two, 2, buf, 71), "x and 1 more");
    char both[80];
    snprintf(both, sizeof both, "x, %s", want);
    ck_assert_str_eq(list_of(&l, "x", two, 2, buf, 72), both);
}
END_TEST

START_TEST(roles_by_default_names)
{
    cs_dataset *ds = parse("\xEF\xBB\xBF"
                           "model,base_model,params_b,tokens_t,flops,date,source,acc\r\n"
                           "m1,b1,7,0.5,1e22,2024-02-29,s,0.5\r\n"
                           "m2,b1,,0.5,1e23,,s,\r\n"
                           "\"m,3\",b2,13,0.5,1e24,2023-12-31,s,0.25\r\n"
                           "m4,b1,8,0.5,1e25,1970-01-01,s,1\r\n");
    ck_assert_uint_eq(ds->n_rows, 4);
    ck_assert_str_eq(ds->source, "t.csv");
    ck_assert_str_eq(ds->model[2], "m,3");
    ck_assert_ptr_nonnull(ds->base_model);
    ck_assert_str_eq(ds->base_model[0], "b1");
    ck_assert_ptr_eq(ds->base_model[0], ds->base_model[1]); /* interned */
    ck_assert_ptr_eq(ds->base_model[0], ds->base_model[3]);
    ck_assert_str_eq(ds->base_model[2], "b2");
    ck_assert(ds->flops[1] == 1e23);
    ck_assert(fabs(ds->z[3] - 25.0) < 1e-12);
    /* 2024-02-29: 2024-01-01 is day 19723 (54 years of 365 days + 13 leap days), + 31 + 28. */
    ck_assert_int_eq(ds->date[0], 19723 + 31 + 28);
    ck_assert_int_eq(ds->date[1], CS_NO_DATE);
    ck_assert_int_eq(ds->date[3], 0);
    ck_assert(ds->has_cost[0] && ds->cost[0] == 7);
    ck_assert(!ds->has_cost[1] && ds->cost[1] == 0);
    ck_assert_int_eq(ds->line[0], 2);
    ck_assert_int_eq(ds->line[3], 5);
    ck_assert_int_eq(ds->header_line, 1);
    /* tokens_t and source are never tasks, even when they look like scores. */
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    ck_assert_uint_eq(ds->tasks[0].n_scored, 3);
    ck_assert(ds->tasks[0].has[0] && !ds->tasks[0].has[1] && ds->tasks[0].y[1] == 0);
    cs_dataset_free(ds);

    /* Blanks around a date are dropped, quoted or not, as around a number:
     * a spreadsheet that pads its cells writes " 2024-05-04 " either way.
     * 2024-05-04 is day 19723 + 31 + 29 + 31 + 30 + 3 (2024 is a leap
     * year); a quoted blank is a missing date, as an unquoted one is. */
    ds = parse("model,flops,date,acc\na,1e22,\" 2024-05-04 \",0.1\nb,1e22, 2024-05-04 ,0.2\n"
               "c,1e22,\"\t2024-05-04\",0.3\nd,1e22,\"  \",0.4\n");
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(ds->date[i], 19723 + 31 + 29 + 31 + 30 + 3);
    ck_assert_int_eq(ds->date[3], CS_NO_DATE);
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);

    /* No base_model column: NULL; no date column: every date missing. */
    ds = parse("model,flops,acc\na,1e22,0.5\n");
    ck_assert_ptr_null(ds->base_model);
    ck_assert_int_eq(ds->date[0], CS_NO_DATE);
    ck_assert(!ds->has_cost[0]);
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);

    /* An optional role's default name but for case is not that role (as
     * 'Model' is not the model), and is said: its dates, costs or bases
     * would otherwise vanish unseen. One the config gave a role, or a role
     * the config names, is not warned of. */
    ds = parse("model,flops,Date,Params_B,BASE_MODEL,acc\na,1e22,2024-01-01,7,b,0.5\n");
    ck_assert_int_eq(ds->date[0], CS_NO_DATE);
    ck_assert(!ds->has_cost[0]);
    ck_assert_ptr_null(ds->base_model);
    ck_assert_uint_eq(ds->n_warnings, 3);
    ck_assert_str_eq(ds->warnings[0], "t.csv:1: no 'date' column; 'Date' differs only in case: name it in a"
                                      " --config file, columns: {date: Date}");
    ck_assert_str_eq(ds->warnings[1], "t.csv:1: no 'params_b' column; 'Params_B' differs only in case: name it"
                                      " in a --config file, columns: {cost: Params_B}");
    ck_assert_str_eq(ds->warnings[2], "t.csv:1: no 'base_model' column; 'BASE_MODEL' differs only in case:"
                                      " name it in a --config file, columns: {base_model: BASE_MODEL}");
    cs_dataset_free(ds);
    cs_config cfg;
    cs_config_init(&cfg);
    cfg.date_col = "Date";
    cfg.cost_col = "size";
    cfg.base_model_col = "BASE_MODEL";
    ds = parse_cfg("model,flops,Date,Params_B,BASE_MODEL,size,acc\na,1e22,2024-01-01,7,b,7,0.5\n", &cfg);
    ck_assert_int_eq(ds->date[0], 19723);
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(task_detection)
{
    cs_dataset *ds = parse("model,flops,flag,empty,text,big,pct,lab,creator,aa_id,acc,partial,\n"
                           "a,1e22,1,,x,2,0.5,0.1,0.1,0.1,0.25,,\n"
                           "b,1e22,0,,y,0.5,0.5,0.1,0.1,0.1,0.5,0.5,\n"
                           "c,1e23,1,,z,0.5,1,0.1,0.1,0.1,0.75,,\n"
                           "d,1e23,0,,w,0.5,0,0.1,0.1,0.1,0,1,\n");
    /* flag: only 0/1; empty: no value; text: not numbers; big: 2 > 1;
     * lab/creator/aa_id: never tasks; the unnamed last column is ignored. */
    ck_assert_uint_eq(ds->n_tasks, 3);
    ck_assert_str_eq(ds->tasks[0].name, "pct");
    ck_assert_str_eq(ds->tasks[1].name, "acc");
    ck_assert_str_eq(ds->tasks[2].name, "partial");
    ck_assert_uint_eq(ds->tasks[0].n_scored, 4);
    ck_assert_uint_eq(ds->tasks[2].n_scored, 2);
    ck_assert(ds->tasks[2].has[1] && ds->tasks[2].y[1] == 0.5 && !ds->tasks[2].has[0]);
    cs_dataset_free(ds);

    /* Those names in another case are no tasks either: tokens in trillions
     * of small models, as Tokens_T, lie in [0, 1] as scores do. */
    ds = parse("model,flops,Tokens_T,LAB,acc\na,1e22,0.3,0.1,0.5\nb,1e23,0.5,0.2,0.6\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    cs_dataset_free(ds);

    /* pandas names a column without a name "Unnamed: N" when it reads a
     * file back (its index, written by to_csv): the row numbers 0, 1, ...
     * are no scores, whatever score_scale makes of them. */
    cs_config pct;
    cs_config_init(&pct);
    pct.score_scale = 100;
    ds = parse_cfg("Unnamed: 0,model,flops,acc,Unnamed: 5_x\n0,a,1e22,45,1\n1,b,1e23,60,0.5\n"
                          "2,c,1e24,70,2\n", &pct);
    ck_assert_uint_eq(ds->n_tasks, 2);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    ck_assert_str_eq(ds->tasks[1].name, "Unnamed: 5_x");
    cs_dataset_free(ds);
    /* Named, it is the user's column. */
    cs_error pct_err;
    ck_assert_int_eq(cs_config_add_task(&pct, "Unnamed: 0", &pct_err), 0);
    ds = parse_cfg("Unnamed: 0,model,flops\n0,a,1e22\n1,b,1e23\n2,c,1e23\n3,d,1e24\n", &pct);
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "Unnamed: 0");
    cs_dataset_free(ds);
    cs_config_free(&pct);

    /* A column whose values all sit on dropped rows is not a task. */
    ds = parse("model,flops,acc,ghost\na,1e22,0.5,\nb,,0.5,0.5\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->n_dropped_flops, 1);
    cs_dataset_free(ds);

    /* Explicit tasks: in the order given, flags allowed. */
    cs_config cfg;
    cs_config_init(&cfg);
    cs_error err;
    ck_assert_int_eq(cs_config_add_task(&cfg, "acc", &err), 0);
    ck_assert_int_eq(cs_config_add_task(&cfg, "flag", &err), 0);
    ck_assert_int_eq(cs_config_add_task(&cfg, "acc", &err), -1);
    ck_assert_str_eq(err.msg, "task 'acc' is named twice");
    ds = parse_cfg("model,flops,flag,acc,other\na,1e22,1,0.1,0.5\nb,1e22,0,0.2,0.5\n"
                   "c,1e22,1,0.3,0.5\nd,1e22,0,0.4,0.5\n",
                   &cfg);
    ck_assert_uint_eq(ds->n_tasks, 2);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    ck_assert_str_eq(ds->tasks[1].name, "flag");
    ck_assert_int_eq(cs_dataset_task_index(ds, "other"), -1);
    cs_dataset_free(ds);
    cs_config_free(&cfg);
}
END_TEST

/* The loader's warnings: a column of scores with a stray value, and a name
 * given twice. Neither is an error (the contract defines a task column as
 * one of scores only, and says nothing against repeated names). */
START_TEST(load_warnings)
{
    /* mostly: 6 scores and "N/A" at line 6: warned, naming the first bad
     * cell and the count. big holds no score and sizes 2 of 5 values: not
     * meant as tasks, so no warning. */
    cs_dataset *ds = parse("model,flops,mostly,big,sizes,acc\n"
                           "a,1e21,0.1,7,0.5,0.1\n"
                           "b,1e22,0.2,13,0.5,0.1\n"
                           "c,1e23,0.3,70,7,0.1\n"
                           "d,1e24,0.4,8,13,0.1\n"
                           "e,1e24,N/A,9,70,0.1\n"
                           "f,1e24,0.6,9,,0.1\n"
                           "g,1e24,0.7,9,,0.1\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:6: column 'mostly' is not a task: 'N/A' is not a number (1 of its 7 values"
                     " is not a score; a missing value is an empty cell; --task mostly makes it an error)");
    /* The refusals of an unknown task give that warning for its column;
     * a task, or a column no warning names, has none. */
    ck_assert_ptr_eq(cs_dataset_not_a_task_why(ds, "mostly"), ds->warnings[0]);
    ck_assert_ptr_null(cs_dataset_not_a_task_why(ds, "most"));
    ck_assert_ptr_null(cs_dataset_not_a_task_why(ds, "acc"));
    ck_assert_ptr_null(cs_dataset_not_a_task_why(ds, "big"));
    cs_dataset_free(ds);
    /* Names long enough to be shortened in the warning ("start..."): the
     * column is told by its whole name, not by the start it shares with
     * another (a name a letter off a task's was told "not a task" with
     * another column's why, where a guess of the task was due). */
#define LONG_COL "open_llm_leaderboard_v2_musr_object_placements_acc_norm_five_shot"
    ds = parse("model,flops," LONG_COL "_a," LONG_COL "_b\n"
               "a,1e21,0.1,0.2\nb,1e22,0.2,0.3\nc,1e23,N/A,0.3\nd,1e24,0.4,0.4\ne,1e24,0.5,0.5\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_ptr_eq(cs_dataset_not_a_task_why(ds, LONG_COL "_a"), ds->warnings[0]);
    ck_assert_ptr_null(cs_dataset_not_a_task_why(ds, LONG_COL "_c"));
    ck_assert_ptr_null(cs_dataset_not_a_task_why(ds, LONG_COL));
#undef LONG_COL
    cs_dataset_free(ds);
    /* The rows skipped for want of flops (empty, 0, negative) are known by
     * name, with the line of the first: a, b, c and g (lines 2, 3, 4 and 8;
     * b again on 9); a kept row is not. */
    ds = parse("model,flops,acc\na,,0.1\nb,0,0.2\nc,-1,0.3\nd,1e21,0.4\ne,1e22,0.5\nf,1e23,0.6\ng,,0.7\n"
               "b,,0.8\n");
    ck_assert_uint_eq(ds->n_rows, 3);
    ck_assert_int_eq(cs_dataset_skipped_line(ds, "a"), 2);
    ck_assert_int_eq(cs_dataset_skipped_line(ds, "b"), 3);
    ck_assert_int_eq(cs_dataset_skipped_line(ds, "g"), 8);
    ck_assert_int_eq(cs_dataset_skipped_line(ds, "d"), 0);
    ck_assert_int_eq(cs_dataset_skipped_line(ds, "zz"), 0);
    char skipped[256];
    ck_assert_ptr_null(cs_dataset_skipped_why(ds, "d", skipped, sizeof skipped));
    ck_assert_str_eq(cs_dataset_skipped_why(ds, "c", skipped, sizeof skipped),
                     "model 'c' has no flops (t.csv:4): its row was skipped, as rows without flops are;"
                     " give it flops in the data file");
    cs_dataset_free(ds);

    /* Out of range counts as not a score too; a clean file warns nothing. */
    ds = parse("model,flops,acc,pct\na,1e21,0.1,10\nb,1e22,0.2,20\nc,1e23,0.3,0.3\n"
               "d,1e24,0.4,0.4\ne,1e24,0.5,0.5\nf,1e24,0.6,0.6\n");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:2: column 'pct' is not a task: '10' is not a score in [0, 1] (2 of its 6"
                     " values are not scores; --task pct makes each an error)");
    cs_dataset_free(ds);
    /* Scores on rows dropped for want of flops are values of the column
     * too, before its first bad cell as after it: 'mostly' holds 5 scores,
     * 'N/A', then one more, 1 bad value of 7. Counting only the kept rows
     * before 'N/A' made it 3 scores, too few to warn of. */
    ds = parse("model,flops,acc,mostly\na,,0.1,0.1\nb,,0.1,0.2\nc,,0.1,0.3\nd,1e21,0.1,0.4\n"
               "e,1e22,0.2,0.5\nf,1e23,0.3,N/A\ng,,0.4,0.6\n");
    ck_assert_uint_eq(ds->n_warnings, 2);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:7: column 'mostly' is not a task: 'N/A' is not a number (1 of its 7 values"
                     " is not a score; a missing value is an empty cell; --task mostly makes it an error)");
    cs_dataset_free(ds);
    /* Percentages with their sign beside a task: no number to the parser,
     * but scores in another notation, so the column is named, with what to
     * write (45% is 0.45). The first is on line 2; 55 % has a blank. */
    ds = parse("model,flops,acc,pct\na,1e21,0.1,45%\nb,1e22,0.2,50%\nc,1e23,0.3,55 %\n"
               "d,1e24,0.4,60%\ne,1e24,0.5,70%\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:2: column 'pct' is not a task: '45%' is a percentage (5 of its 5 values"
                     " are; write it as 0.45; --task pct makes each an error)");
    cs_dataset_free(ds);
    /* Other scripts' digits and percent signs (Arabic-Indic 45 with U+066A,
     * fullwidth 55 with U+FF05, a sign before: %60), beside one score: 4 of
     * 5 values. A text column (notes) is no task and no warning. */
    ds = parse("model,flops,acc,pct,notes\na,1e21,0.1,\xd9\xa4\xd9\xa5\xd9\xaa,good\n"
               "b,1e22,0.2,\xd9\xa5\xd9\xa0\xd9\xaa,bad\n"
               "c,1e23,0.3,\xef\xbc\x95\xef\xbc\x95\xef\xbc\x85,ok\nd,1e24,0.4,%60,ok\ne,1e24,0.5,0.7,ok\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:2: column 'pct' is not a task: '\xd9\xa4\xd9\xa5\xd9\xaa' is a percentage (4"
                     " of its 5 values are; write it as 0.45; --task pct makes each an error)");
    cs_dataset_free(ds);
    /* Percent scores without their sign (85.3) beside tasks of fractions:
     * the column is no task, and it was left out unsaid (an error named
     * it only when no column was a task). A count (layers: whole numbers)
     * a year (above 100) and sizes in billions (sizes: most whole) are no
     * percentages. 3 of its 4 values are
     * above 1, the largest 85.3, 0.853 as a fraction. */
    ds = parse("model,flops,acc,pct,layers,year,sizes\na,1e21,0.1,45.5,12,2023,0.5\nb,1e22,0.2,0.5,24,2024,7\n"
               "c,1e23,0.3,85.3,32,2024,13\nd,1e24,0.4,60.25,48,2025,70\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:1: column 'pct' is not a task: 3 of its 4 values are above 1, up to 85.3;"
                     " if they are percent scores, write them as fractions (85.3 as 0.853; score_scale:"
                     " 100 would divide every task)");
    cs_dataset_free(ds);
    /* Whole however long the data's name: a warning cut at 600 bytes lost
     * its advice, or ended inside a character. */
    {
        char name[1200], csv[] = "model,flops,acc,pct\na,1e21,0.1,45.5\nb,1e22,0.2,0.5\nc,1e23,0.3,85.3\n"
                                 "d,1e24,0.4,60.25\n";
        memset(name, 'd', 1000);
        strcpy(name + 1000, "\xc3\xa9.csv");
        cs_error err;
        ck_assert_int_eq(cs_dataset_parse(csv, strlen(csv), name, NULL, &ds, &err), 0);
        ck_assert_uint_eq(ds->n_warnings, 1);
        ck_assert_uint_gt(strlen(ds->warnings[0]), 1000);
        ck_assert_int_eq(strncmp(ds->warnings[0], name, strlen(name)), 0);
        const char *tail = "100 would divide every task)";
        size_t wl = strlen(ds->warnings[0]);
        ck_assert_str_eq(ds->warnings[0] + wl - strlen(tail), tail);
        cs_dataset_free(ds);
    }
    /* Fewer than a task's least rows say nothing: too few to judge. */
    ds = parse("model,flops,acc,pct\na,1e21,0.1,45.5\nb,1e22,0.2,50.5\nc,1e23,0.3,85.3\n");
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);
    /* With score_scale: 100 the score 45% is written 45. */
    cs_config scaled;
    cs_config_init(&scaled);
    scaled.score_scale = 100;
    ds = parse_cfg("model,flops,acc,pct\na,1e21,10,45%\nb,1e22,20,50%\nc,1e23,30,55%\nd,1e24,40,60%\n",
                   &scaled);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:2: column 'pct' is not a task: '45%' is a percentage (4 of its 4 values"
                     " are; write it as 45; --task pct makes each an error)");
    cs_dataset_free(ds);
    cs_config_free(&scaled);
    ds = parse("model,flops,acc\na,1e21,0.1\nb,1e22,0.2\n");
    ck_assert_uint_eq(ds->n_warnings, 0);
    ck_assert_ptr_null(ds->warnings);
    ck_assert_uint_eq(cs_dataset_name_repeats(ds), 0);
    cs_dataset_free(ds);

    /* A repeated name: the first repeat is named, with its first line. */
    ds = parse("model,flops,acc\na,1e21,0.1\nb,1e22,0.2\na,1e23,0.3\nb,1e24,0.4\n");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0], "t.csv:4: model 'a' is also on line 2 (2 rows repeat an"
                                      " earlier name; the journal and :score mean the first, and"
                                      " suggest offers no other)");
    ck_assert_int_eq(cs_dataset_find_model(ds, "a"), 0);
    ck_assert_uint_eq(cs_dataset_name_repeats(ds), 2);
    cs_dataset_free(ds);

    /* flops in log10: every row below 1e15. One tiny model alone is real. */
    ds = parse("model,flops,acc\na,21.5,0.1\nb,22,0.2\nc,1e23,0.3\n");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0], "t.csv:2: flops 21.5: 2 of 3 rows lie outside [1e15, 1e30];"
                                      " flops are absolute FLOPs such as 7.2e23, not log10 or zFLOPs");
    cs_dataset_free(ds);
    ds = parse("model,flops,acc\na,4.4e13,0.1\nb,1e22,0.2\nc,1e23,0.3\n");
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(subset_keeps_rows_in_order)
{
    cs_dataset *ds = parse("model,flops,date,params_b,base_model,acc,bbh\n"
                           "a,1e21,2024-01-01,1,A,0.1,\n"
                           "b,1e22,2024-02-01,2,A,,0.2\n"
                           "c,1e23,,,B,0.3,0.3\n"
                           "d,1e24,2024-04-01,4,B,0.4,0.4\n");
    const unsigned char keep[] = { 0, 1, 1, 0 };
    cs_dataset *sub;
    cs_error err;
    ck_assert_int_eq(cs_dataset_subset(ds, keep, &sub, &err), 0);
    ck_assert_uint_eq(sub->n_rows, 2);
    ck_assert_str_eq(sub->model[0], "b");
    ck_assert_str_eq(sub->model[1], "c");
    ck_assert_str_eq(sub->base_model[1], "B");
    ck_assert(sub->z[0] == 22.0 && sub->flops[1] == 1e23);
    ck_assert(sub->date[1] == CS_NO_DATE && sub->date[0] != CS_NO_DATE);
    ck_assert(sub->has_cost[0] && sub->cost[0] == 2 && !sub->has_cost[1]);
    ck_assert_int_eq(sub->line[0], 3);
    ck_assert_uint_eq(sub->n_tasks, 2);
    /* n_scored recounted: acc is scored on c only, bbh on both */
    ck_assert_uint_eq(sub->tasks[0].n_scored, 1);
    ck_assert_uint_eq(sub->tasks[1].n_scored, 2);
    ck_assert(!sub->tasks[0].has[0] && sub->tasks[0].has[1] && sub->tasks[0].y[1] == 0.3);
    ck_assert_int_eq(cs_dataset_find_model(sub, "c"), 1);
    ck_assert_int_eq(cs_dataset_find_model(sub, "a"), -1);
    ck_assert_str_eq(sub->source, ds->source);
    cs_dataset_free(ds); /* the subset owns its own copies */
    ck_assert_str_eq(sub->model[0], "b");
    cs_dataset_free(sub);
}
END_TEST

START_TEST(dropped_rows)
{
    cs_dataset *ds = parse("model,flops,acc\n"
                           "a,1e22,0.5\n"
                           "b,,0.5\n"
                           "c,0,0.5\n"
                           "d,-1e22,0.5\n"
                           "e,1e-300,0.5\n"
                           "f,1e23,0.75\n");
    ck_assert_uint_eq(ds->n_rows, 3);
    ck_assert_uint_eq(ds->n_dropped_flops, 3);
    ck_assert_str_eq(ds->model[1], "e");
    ck_assert_str_eq(ds->model[2], "f");
    ck_assert_int_eq(ds->line[2], 7);
    ck_assert_uint_eq(ds->tasks[0].n_scored, 3);
    ck_assert_uint_eq(ds->n_tiny_flops, 0);
    cs_dataset_free(ds);

    /* Flops written positive that no double holds (1e-400 reads as 0) drop
     * the row under their own reason, not "empty or <= 0"; -1e-400 is <= 0
     * by its sign, and 0e-400 is 0 as written. */
    ds = parse("model,flops,acc\n"
               "a,1e22,0.5\n"
               "b,,0.5\n"
               "c,1e-400,0.5\n"
               "d,-1e-400,0.5\n"
               "e,0e-400,0.5\n"
               "f,2.5E-999,0.5\n"
               "g,1e23,0.75\n");
    ck_assert_uint_eq(ds->n_rows, 2);
    ck_assert_uint_eq(ds->n_dropped_flops, 5);
    ck_assert_uint_eq(ds->n_tiny_flops, 2);
    ck_assert_uint_eq(ds->n_warnings, 2);
    ck_assert_str_eq(ds->warnings[0], "t.csv: 3 rows without flops (empty or <= 0) skipped");
    ck_assert_str_eq(ds->warnings[1], "t.csv:4: flops '1e-400' is nearer 0 than a double holds (the"
                                      " least is 4.9e-324 FLOPs): 2 rows with such flops skipped");
    cs_dataset_free(ds);

    fails("model,flops,acc\na,1e-400,0.5\nb,,0.5\n", 0,
          "no row has flops > 0 (all 2 rows dropped: flops empty, <= 0 or nearer 0 than a double holds)");

    /* An auto-detected column with a score no double holds is not a task,
     * and a warning says why in the same words. */
    ds = parse("model,flops,acc,b\n"
               "a,1e21,0.1,0.1\n"
               "b,1e22,0.2,1e-400\n"
               "c,1e23,0.3,0.3\n"
               "d,1e24,0.4,0.4\n"
               "e,1e25,0.5,0.5\n");
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0],
                     "t.csv:3: column 'b' is not a task: '1e-400' is nearer 0 than a double holds (the"
                     " least is 4.9e-324) (1 of its 5 values is not a score; --task b makes it an error)");
    cs_dataset_free(ds);
}
END_TEST

START_TEST(access_functions)
{
    cs_dataset *ds = parse("model,flops,acc,b\n"
                           "x,1e21,0.5,0.1\n"
                           "y,1e22,,0.2\n"
                           "x,1e23,0.25,0.3\n"
                           "z,1e24,0.75,\n");
    ck_assert_int_eq(cs_dataset_find_model(ds, "x"), 0);
    ck_assert_int_eq(cs_dataset_find_model(ds, "z"), 3);
    ck_assert_int_eq(cs_dataset_find_model(ds, "nope"), -1);
    int acc = task(ds, "acc");
    double z[4], y[4];
    size_t rows[4];
    ck_assert_uint_eq(cs_dataset_task_xy(ds, (size_t)acc, NULL, z, y, rows), 3);
    ck_assert(fabs(z[0] - 21) < 1e-12 && y[0] == 0.5 && rows[0] == 0);
    ck_assert(fabs(z[1] - 23) < 1e-12 && y[1] == 0.25 && rows[1] == 2);
    ck_assert(fabs(z[2] - 24) < 1e-12 && y[2] == 0.75 && rows[2] == 3);
    const unsigned char mask[4] = { 0, 1, 1, 0 };
    ck_assert_uint_eq(cs_dataset_task_xy(ds, (size_t)acc, mask, z, y, NULL), 1);
    ck_assert(y[0] == 0.25);
    ck_assert_uint_eq(cs_dataset_task_xy(ds, 99, NULL, z, y, NULL), 0);

    cs_error err;
    ck_assert_int_eq(cs_dataset_set_score(ds, 1, (size_t)acc, 0.125, &err), 0);
    ck_assert_uint_eq(ds->tasks[acc].n_scored, 4);
    ck_assert_int_eq(cs_dataset_set_score(ds, 1, (size_t)acc, 0.25, &err), 0);
    ck_assert_uint_eq(ds->tasks[acc].n_scored, 4);
    ck_assert(ds->tasks[acc].y[1] == 0.25);
    ck_assert_int_eq(cs_dataset_set_score(ds, 1, (size_t)acc, NAN, &err), 0);
    ck_assert_uint_eq(ds->tasks[acc].n_scored, 3);
    ck_assert(!ds->tasks[acc].has[1] && ds->tasks[acc].y[1] == 0);
    ck_assert_int_eq(cs_dataset_set_score(ds, 1, (size_t)acc, NAN, &err), 0);
    ck_assert_uint_eq(ds->tasks[acc].n_scored, 3);
    ck_assert_int_eq(cs_dataset_set_score(ds, 0, (size_t)acc, 1.5, &err), -1);
    ck_assert_str_eq(err.msg, "score 1.5 is outside [0, 1]");
    ck_assert_int_eq(cs_dataset_set_score(ds, 0, (size_t)acc, INFINITY, &err), -1);
    ck_assert_int_eq(cs_dataset_set_score(ds, 4, (size_t)acc, 0.5, &err), -1);
    ck_assert_str_eq(err.msg, "row 4 is out of range (the data has 4 rows)");
    ck_assert_int_eq(cs_dataset_set_score(ds, 0, 2, 0.5, &err), -1);
    ck_assert(ds->tasks[acc].y[0] == 0.5);
    cs_dataset_free(ds);
    cs_dataset_free(NULL);
}
END_TEST

START_TEST(hand_built_dataset_frees)
{
    cs_dataset *ds = calloc(1, sizeof *ds);
    ds->n_rows = 2;
    ds->model = malloc(2 * sizeof *ds->model);
    ds->model[0] = strdup("a");
    ds->model[1] = strdup("b");
    ds->n_tasks = 1;
    ds->tasks = calloc(1, sizeof *ds->tasks);
    ds->tasks[0].name = strdup("t");
    ds->tasks[0].y = calloc(2, sizeof(double));
    ds->tasks[0].has = calloc(2, 1);
    ck_assert_int_eq(cs_dataset_find_model(ds, "b"), 1);
    cs_dataset_free(ds); /* no leak under ASan */
}
END_TEST

/* A new file NAME in a new directory made from dir (a mkdtemp template),
 * open for writing; its path in path. The test unlinks both at its end. */
static FILE *temp_file(char *dir, const char *name, char path[256])
{
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, 256, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    return f;
}

START_TEST(load_from_files)
{
    char dir[] = "/tmp/capscope-test-dataset.XXXXXX", path[256];
    FILE *f = temp_file(dir, "d.csv", path);
    fputs("model,flops,acc\na,1e22,0.5\n", f);
    fclose(f);
    cs_dataset *ds;
    cs_error err;
    ck_assert_int_eq(cs_dataset_load(path, NULL, &ds, &err), 0);
    ck_assert_str_eq(ds->source, path);
    cs_dataset_free(ds);

    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.csv", dir);
    ck_assert_int_eq(cs_dataset_load(missing, NULL, &ds, &err), -1);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.file, missing);
    ck_assert_int_eq(err.line, 0);
    ck_assert_str_eq(err.msg, "cannot open: no such file or directory");

    ck_assert_int_eq(cs_dataset_load(dir, NULL, &ds, &err), -1);
    ck_assert_str_eq(err.msg, "is a directory, not a file");
    unlink(path);
    rmdir(dir);
}
END_TEST

/* The load's hooks (cs_load_hooks): progress told the bytes read after
 * each read of the file (records 0), then every CS_LOAD_STEP records and
 * once at the end, with the records written here and the file's size; a
 * cancel stops the load whole, from the first ask or between records. */
typedef struct load_watch {
    size_t calls, last, stop_at; /* stop once told stop_at records (0: never) */
    size_t reads, bytes, parse_bytes; /* calls while reading; bytes last told then, and while parsing */
    size_t stop_bytes;           /* stop once told so many bytes read (0: never) */
    int asked, monotonic;
} load_watch;

static void watch_progress(void *ctx, size_t bytes, size_t records)
{
    load_watch *w = ctx;
    if (records == 0) {
        ck_assert_uint_eq(w->calls, 0); /* the file is read whole before a record is parsed */
        w->monotonic &= bytes > w->bytes;
        w->bytes = bytes;
        w->reads++;
        return;
    }
    ck_assert(w->parse_bytes == 0 || w->parse_bytes == bytes);
    w->parse_bytes = bytes;
    w->monotonic &= records >= w->last;
    w->last = records;
    w->calls++;
}

static int watch_cancel(void *arg)
{
    load_watch *w = arg;
    w->asked++;
    return (w->stop_at && w->last >= w->stop_at) || (w->stop_bytes && w->bytes >= w->stop_bytes);
}

START_TEST(load_hooks_progress_and_cancel)
{
    char dir[] = "/tmp/capscope-test-dataset.XXXXXX", path[256];
    FILE *f = temp_file(dir, "big.csv", path);
    /* 10000 records after the header, one without flops (dropped, still a record). */
    const size_t n = 10000;
    fputs("model,flops,acc\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, i == 17 ? "m%zu,,0.5\n" : "m%zu,1e22,0.5\n", i);
    long size = ftell(f);
    fclose(f);

    load_watch w = { .monotonic = 1 };
    cs_load_hooks hooks = { .progress = watch_progress, .progress_ctx = &w, .cancel = watch_cancel, .cancel_arg = &w };
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, n - 1);
    cs_dataset_free(ds);
    /* 4096 and 8192, then the end; before them the file, read in one. */
    ck_assert_uint_eq(w.calls, n / CS_LOAD_STEP + 1);
    ck_assert_uint_eq(w.last, n);
    ck_assert_uint_eq(w.reads, 1);
    ck_assert_uint_eq(w.bytes, (size_t)size);
    ck_assert_uint_eq(w.parse_bytes, (size_t)size);
    ck_assert(w.monotonic);
    /* After reading, after the encoding check, at each step, before building. */
    ck_assert_int_eq(w.asked, (int)(n / CS_LOAD_STEP) + 3);

    /* Stopped at the first step: no data set, the error says so. */
    load_watch stop = { .monotonic = 1, .stop_at = CS_LOAD_STEP };
    hooks = (cs_load_hooks){ .progress = watch_progress, .progress_ctx = &stop, .cancel = watch_cancel, .cancel_arg = &stop };
    ds = (cs_dataset *)1;
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err), -1);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    ck_assert_uint_eq(stop.last, CS_LOAD_STEP);
    ck_assert_uint_eq(stop.calls, 1);

    /* Stopped at once: no record read. */
    load_watch at_once = { .monotonic = 1, .stop_at = 1 };
    at_once.last = 1;
    hooks = (cs_load_hooks){ .progress = watch_progress, .progress_ctx = &at_once, .cancel = watch_cancel, .cancel_arg = &at_once };
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    ck_assert_uint_eq(at_once.calls, 0);
    ck_assert_int_eq(at_once.asked, 1);

    /* Progress alone, and no hooks at all, load the same. */
    load_watch quiet = { .monotonic = 1 };
    hooks = (cs_load_hooks){ .progress = watch_progress, .progress_ctx = &quiet };
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err), 0);
    ck_assert_uint_eq(quiet.last, n);
    cs_dataset_free(ds);
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, NULL, &ds, &err), 0);
    ck_assert_uint_eq(ds->n_rows, n - 1);
    cs_dataset_free(ds);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* A file larger than CS_READ_PIECE is read in pieces, each told and each
 * followed by a cancel's ask: a large file on a slow mount showed nothing
 * and could not be stopped until it was read whole. */
START_TEST(load_reads_in_pieces)
{
    char dir[] = "/tmp/capscope-test-dataset.XXXXXX", path[256];
    FILE *f = temp_file(dir, "pieces.csv", path);
    fputs("model,flops,acc\n", f);
    size_t n = 0;
    while (ftell(f) < (long)(CS_READ_PIECE + CS_READ_PIECE / 2))
        fprintf(f, "model-%zu,1e22,0.5\n", n++);
    long size = ftell(f);
    fclose(f);

    load_watch w = { .monotonic = 1 };
    cs_load_hooks hooks = { .progress = watch_progress, .progress_ctx = &w, .cancel = watch_cancel, .cancel_arg = &w };
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, n);
    cs_dataset_free(ds);
    ck_assert_uint_eq(w.reads, 2); /* a piece and a half */
    ck_assert_uint_eq(w.bytes, (size_t)size);
    ck_assert(w.monotonic);
    ck_assert_uint_eq(w.last, n);

    /* Stopped after the first piece: nothing parsed, the error says so. */
    load_watch stop = { .monotonic = 1, .stop_bytes = 1 };
    hooks = (cs_load_hooks){ .progress = watch_progress, .progress_ctx = &stop, .cancel = watch_cancel, .cancel_arg = &stop };
    ds = (cs_dataset *)1;
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err), -1);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    ck_assert_uint_eq(stop.reads, 1);
    ck_assert_uint_eq(stop.bytes, CS_READ_PIECE);
    ck_assert_uint_eq(stop.calls, 0);
    ck_assert_int_eq(stop.asked, 1);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* What both faces say of a load: records once parsed, else the bytes read,
 * in the unit where the figure rounds below 1000 (decimal units). */
START_TEST(load_progress_said)
{
    char buf[CS_LOAD_PROGRESS_TEXT];
    ck_assert_str_eq(cs_load_progress_text(0, 0, buf), "");
    ck_assert_str_eq(cs_load_progress_text(1, 0, buf), "1 byte read");
    ck_assert_str_eq(cs_load_progress_text(999, 0, buf), "999 bytes read");
    ck_assert_str_eq(cs_load_progress_text(1000, 0, buf), "1.0 kB read");
    ck_assert_str_eq(cs_load_progress_text(999949, 0, buf), "999.9 kB read");
    ck_assert_str_eq(cs_load_progress_text(999950, 0, buf), "1.0 MB read");
    ck_assert_str_eq(cs_load_progress_text(12345678, 0, buf), "12.3 MB read");
    ck_assert_str_eq(cs_load_progress_text(2500000000u, 0, buf), "2.5 GB read");
    ck_assert_str_eq(cs_load_progress_text(12345678, 1, buf), "1 row");
    ck_assert_str_eq(cs_load_progress_text(12345678, 412000, buf), "412,000 rows");
    ck_assert_str_eq(cs_load_progress_text(0, SIZE_MAX, buf),
                     SIZE_MAX == 18446744073709551615u ? "18,446,744,073,709,551,615 rows" : "4,294,967,295 rows");
}
END_TEST

/* A terminal named as the data file is refused at once: read, it waited
 * for typed rows, and the interface's :load thread took the keys of the
 * interface on the same terminal. */
START_TEST(load_refuses_a_terminal)
{
    /* A build chroot may have no /dev/pts (no terminal to be had): that is
     * the machine's lack, not the loader's. */
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    const char *name = master >= 0 && grantpt(master) == 0 && unlockpt(master) == 0 ? ptsname(master) : NULL;
    if (!name) {
        fprintf(stderr, "SKIP load_refuses_a_terminal: no pseudo-terminal to be had here (%s; is /dev/pts mounted?)\n",
                strerror(errno));
        if (master >= 0)
            close(master);
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s", name);
    cs_dataset *ds = (cs_dataset *)1;
    cs_error err;
    ck_assert_int_eq(cs_dataset_load(path, NULL, &ds, &err), -1);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.msg, "is a terminal, not a file");

    /* Nor does it become the controlling terminal of a process without one
     * (a new session) on the way to its refusal: after the load such a
     * process still has no /dev/tty. */
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        if (setsid() < 0)
            _exit(2);
        cs_dataset *child_ds;
        cs_error child_err;
        if (cs_dataset_load(path, NULL, &child_ds, &child_err) != -1)
            _exit(3);
        int tty = open("/dev/tty", O_RDONLY | O_NOCTTY);
        _exit(tty < 0 ? 0 : 1);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "the refused terminal became the controlling terminal (status %d)", status);
    close(master);
}
END_TEST

static int cancel_after_asks(void *arg)
{
    return ++*(int *)arg >= 3;
}

/* A cancel while the file is still being read stops the reading: a FIFO
 * whose writer would go on for 64 MB (for ever, as with `yes`) is left
 * after a few reads. It was asked only once the file was read to its end:
 * a :load given up (Esc) went on filling memory from such a pipe, in its
 * detached thread, after the interface had said it was cancelled. */
START_TEST(load_cancel_stops_the_reading)
{
    char dir[] = "/tmp/capscope-test-dataset.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/pipe.csv", dir);
    ck_assert_int_eq(mkfifo(path, 0600), 0);
    int counts[2];
    ck_assert_int_eq(pipe(counts), 0);
    pid_t child = fork();
    ck_assert_int_ne(child, -1);
    if (child == 0) {
        /* Writes rows until the reader goes (EPIPE) or 64 MB, and says how
         * many bytes it got into the pipe. */
        signal(SIGPIPE, SIG_IGN);
        close(counts[0]);
        int fd = open(path, O_WRONLY);
        static const char header[] = "model,flops,acc\n", row[] = "m,1e22,0.5\n";
        static char rows[(sizeof row - 1) * 4096];
        for (size_t i = 0; i < 4096; i++)
            memcpy(rows + i * (sizeof row - 1), row, sizeof row - 1);
        size_t wrote = 0;
        if (fd >= 0 && write(fd, header, sizeof header - 1) == (ssize_t)(sizeof header - 1)) {
            wrote = sizeof header - 1;
            ssize_t w;
            while (wrote < ((size_t)64 << 20) && (w = write(fd, rows, sizeof rows)) > 0)
                wrote += (size_t)w;
        }
        if (write(counts[1], &wrote, sizeof wrote) != (ssize_t)sizeof wrote)
            _exit(1);
        _exit(0);
    }
    close(counts[1]);
    int asked = 0;
    cs_load_hooks hooks = { .cancel = cancel_after_asks, .cancel_arg = &asked };
    cs_dataset *ds = (cs_dataset *)1;
    cs_error err;
    ck_assert_int_eq(cs_dataset_load_hooked(path, NULL, &hooks, &ds, &err), -1);
    ck_assert_ptr_null(ds);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    size_t wrote = 0;
    ck_assert_int_eq(read(counts[0], &wrote, sizeof wrote), (ssize_t)sizeof wrote);
    close(counts[0]);
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    /* Three reads of at most 64 KiB each, and what the pipe held then. */
    ck_assert_msg(wrote < ((size_t)4 << 20), "the writer got %zu bytes into the pipe", wrote);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- dates ---- */

static int32_t date_of(const char *s)
{
    int32_t d = 12345;
    ck_assert_msg(cs_parse_date(s, &d) == 0, "%s rejected", s);
    return d;
}

/* The exit statuses of HACKING.md and the man page's EXIT STATUS: input 2,
 * runtime 1; a cancel is no input error, so 1 (no result) and never 2. */
/* A message or file name cut to its buffer ends at a whole UTF-8
 * character: a two-byte letter whose first byte is the last that fits is
 * dropped whole; one that fits exactly is kept; so is ASCII. msg holds 511
 * bytes and its NUL. */
START_TEST(error_text_cut_at_whole_characters)
{
    char long_name[1100];
    cs_error err;
    for (size_t ascii = 508; ascii <= 510; ascii++) {
        memset(long_name, 'a', ascii);
        snprintf(long_name + ascii, sizeof long_name - ascii, "\xC3\xA9\xF0\x9F\x98\x80tail");
        cs_error_set(&err, CS_ERR_INPUT, long_name, 0, "%s", long_name);
        /* 508: the letter (509-510) fits, the emoji (4 bytes from 511) does not. */
        size_t want = ascii == 508 ? 510 : ascii == 509 ? 511 : 510;
        ck_assert_uint_eq(strlen(err.msg), want);
        ck_assert_uint_eq(strlen(err.file), want);
        ck_assert_int_eq(err.msg[want - 1], ascii == 510 ? 'a' : (char)0xA9);
    }
    cs_error_set(&err, CS_ERR_INPUT, "f", 3, "%s", "ab\xE2\x82\xAC");
    char buf[10]; /* "f:3: ab" + 3 bytes of the euro sign would need 11 */
    ck_assert_str_eq(cs_error_string(&err, buf, sizeof buf), "f:3: ab");
    char big[32];
    ck_assert_str_eq(cs_error_string(&err, big, sizeof big), "f:3: ab\xE2\x82\xAC");
    /* A message cut that begins with a NUL (a %c of 0) is empty, not read
     * from before its start. */
    cs_error_set(&err, CS_ERR_INPUT, NULL, 0, "%c%s", 0, long_name);
    ck_assert_str_eq(err.msg, "");
}
END_TEST

/* A system error's text in a message's lower case, as glibc writes it. */
START_TEST(errno_text_lower_case)
{
    char buf[64];
    ck_assert_str_eq(cs_errno_text(ENOSPC, buf, sizeof buf), "no space left on device");
    ck_assert_str_eq(cs_errno_text(ENOENT, buf, sizeof buf), "no such file or directory");
    cs_error err;
    ck_assert_int_eq(cs_error_errno(&err, CS_ERR_RUNTIME, "x.csv", 0, "cannot write", EISDIR), -1);
    ck_assert_str_eq(err.msg, "cannot write: is a directory");
    ck_assert_int_eq(err.kind, CS_ERR_RUNTIME);
    ck_assert_str_eq(err.file, "x.csv");
    char tiny[4];
    ck_assert_str_eq(cs_errno_text(ENOSPC, tiny, sizeof tiny), "no ");
}
END_TEST

START_TEST(error_exit_statuses)
{
    cs_error e = { .kind = CS_ERR_INPUT };
    ck_assert_int_eq(cs_error_exit_status(&e), 2);
    e.kind = CS_ERR_RUNTIME;
    ck_assert_int_eq(cs_error_exit_status(&e), 1);
    e.kind = CS_ERR_CANCELLED;
    ck_assert_int_eq(cs_error_exit_status(&e), 1);
    e.kind = CS_ERR_NONE; /* a failure that did not say why: as before, 2 */
    ck_assert_int_eq(cs_error_exit_status(&e), 2);
}
END_TEST

START_TEST(dates_validation)
{
    ck_assert_int_eq(date_of("1970-01-01"), 0);
    ck_assert_int_eq(date_of("1969-12-31"), -1);
    ck_assert_int_eq(date_of("2000-01-01"), 10957); /* 30 years, 7 leap days */
    ck_assert_int_eq(date_of("2000-02-29"), 10957 + 59);
    ck_assert_int_eq(date_of("2024-02-29") + 1, date_of("2024-03-01"));
    ck_assert_int_eq(date_of("2023-02-28") + 1, date_of("2023-03-01"));
    ck_assert_int_eq(date_of("2100-02-28") + 1, date_of("2100-03-01"));
    static const char *const bad[] = {
        "2024-13-45", "2023-02-29", "1900-02-29", "2100-02-29", "2024-04-31", "2024-06-31",
        "2024-09-31", "2024-11-31", "2024-00-10", "2024-01-00", "2024-01-32", "2024-1-01",
        "24-01-01", "2024/01/01", "2024-01-01T00:00", "2024-01-01 ", " 2024-01-01", "",
        "2024-01", "abcd-ef-gh", "2024-01-0a",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int32_t d;
        ck_assert_msg(cs_parse_date(bad[i], &d) == -1, "%s accepted", bad[i]);
    }
    static const char *const month_ends[] = {
        "2023-01-31", "2024-02-29", "2023-03-31", "2023-04-30", "2023-05-31", "2023-06-30",
        "2023-07-31", "2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31",
        "2000-02-29", "1600-02-29",
    };
    for (size_t i = 0; i < sizeof month_ends / sizeof month_ends[0]; i++)
        date_of(month_ends[i]);
    /* and the day after each month's last (the calendar: 31 days but in
     * April, June, September, November; February 28 in 2023, 29 in 2024). */
    static const char *const past_ends[] = {
        "2023-01-32", "2023-02-29", "2024-02-30", "2023-03-32", "2023-04-31", "2023-05-32",
        "2023-06-31", "2023-07-32", "2023-08-32", "2023-09-31", "2023-10-32", "2023-11-31",
        "2023-12-32",
    };
    for (size_t i = 0; i < sizeof past_ends / sizeof past_ends[0]; i++) {
        int32_t d;
        ck_assert_msg(cs_parse_date(past_ends[i], &d) == -1, "%s accepted", past_ends[i]);
    }
    char buf[16];
    ck_assert_str_eq(cs_format_date(CS_NO_DATE, buf, sizeof buf), "");
    ck_assert_str_eq(cs_format_date(-1, buf, sizeof buf), "1969-12-31");
    /* date.h: a signed year outside 0..9999; the day numbers from timegm(3). */
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 10000 - 1900;
    tm.tm_mday = 1;
    int32_t y10000 = (int32_t)(timegm(&tm) / 86400);
    ck_assert_str_eq(cs_format_date(y10000, buf, sizeof buf), "+10000-01-01");
    ck_assert_str_eq(cs_format_date(y10000 - 1, buf, sizeof buf), "9999-12-31");
    tm.tm_year = 0 - 1900;
    int32_t y0 = (int32_t)(timegm(&tm) / 86400);
    ck_assert_str_eq(cs_format_date(y0, buf, sizeof buf), "0000-01-01");
}
END_TEST

/* A refused date of the right shape says which part the calendar has not
 * (2024 is a leap year, 2023 and 2100 are not: 29 and 28 days). */
START_TEST(date_hint_names_the_wrong_part)
{
    static const char *const cases[][2] = {
        { "2024-13-01", "there is no month 13" },   { "2024-00-10", "there is no month 00" },
        { "2024-01-00", "days count from 01" },     { "2023-02-29", "2023-02 has 28 days" },
        { "2100-02-29", "2100-02 has 28 days" },    { "2024-04-31", "2024-04 has 30 days" },
        { "2024-02-30", "2024-02 has 29 days" },    { "2024-01-32", "2024-01 has 31 days" },
        { "2024-03", "a month as its first day: 2024-03-01" },
        { "2024-01-05T10:00", "a date without the time: 2024-01-05" },
        { "2024-02-29", "" },
        /* Other forms of a date, as spreadsheets and leaderboards write them. */
        { "2024/01/02", "that is 2024-01-02" },      { "2024-1-5", "that is 2024-01-05" },
        { "2024.03.15", "that is 2024-03-15" },      { "20240315", "that is 2024-03-15" },
        { "03/15/2024", "that is 2024-03-15" },      { "15/03/2024", "that is 2024-03-15" },
        { "15.03.2024", "that is 2024-03-15" },      { "3/3/2024", "that is 2024-03-03" },
        { "03/04/2024", "2024-03-04 as month/day/year, 2024-04-03 as day/month/year" },
        { "03.04.2024", "that is 2024-04-03" },      { "Mar 15, 2024", "that is 2024-03-15" },
        { "15 March 2024", "that is 2024-03-15" },   { "15-Mar-2024", "that is 2024-03-15" },
        { "sept 1 2024", "that is 2024-09-01" },     { "Mar 2024", "a month as its first day: 2024-03-01" },
        { "March, 2024", "a month as its first day: 2024-03-01" },
        { "03/2024", "a month as its first day: 2024-03-01" },
        /* No hint where no date is meant, or the calendar has none. */
        { "02/30/2024", "" },                        { "13/13/2024", "" },
        { "2024", "" },                               { "Mars 2024", "" },
        { "3/15/24", "" },                           { "20241315", "" },
        { "Mar 15, 2024, 2025", "" },                { "N/A", "" },
        { "1/2/3/2024", "" },                        { "12345/1/2024", "" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_str_eq(cs_date_hint(cases[i][0], buf, sizeof buf), cases[i][1]);
}
END_TEST

/* Every day from 1600 to 2400 against glibc's timegm(), an independent
 * implementation of the same calendar, and back through cs_format_date. */
START_TEST(dates_round_trip)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = 1600 - 1900;
    tm.tm_mon = 0;
    tm.tm_mday = 1;
    time_t t0 = timegm(&tm);
    int32_t first = (int32_t)(t0 / 86400);
    char buf[16], want[48];
    for (int32_t d = first; d < first + 800 * 366; d++) {
        time_t t = (time_t)d * 86400;
        struct tm g;
        ck_assert_ptr_nonnull(gmtime_r(&t, &g));
        if (g.tm_year + 1900 > 2400)
            break;
        snprintf(want, sizeof want, "%04d-%02d-%02d", g.tm_year + 1900, g.tm_mon + 1, g.tm_mday);
        ck_assert_str_eq(cs_format_date(d, buf, sizeof buf), want);
        int32_t back;
        ck_assert_int_eq(cs_parse_date(want, &back), 0);
        ck_assert_int_eq(back, d);
    }
    /* 0000-03-01 is day -719468 (Hinnant's derivation); January and February
     * of the leap year 0 hold 31 + 29 days. */
    ck_assert_int_eq(date_of("0000-01-01"), -719468 - 60);
    ck_assert_str_eq(cs_format_date(date_of("9999-12-31"), buf, sizeof buf), "9999-12-31");
}
END_TEST

/* ---- the shared data ---- */

static int shared_path(const char *file, char *path, size_t size)
{
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    snprintf(path, size, "%s/%s", dir ? dir : "../shared/data", file);
    if (access(path, R_OK) == 0)
        return 1;
    fprintf(stderr, "SKIP: %s is absent (set CAPSCOPE_SHARED_DATA)\n", path);
    return 0;
}

START_TEST(shared_oll_reeval)
{
    char path[1024];
    if (!shared_path("oll_reeval.csv", path, sizeof path))
        return;
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_load(path, NULL, &ds, &err) == 0, "%s", err.msg);
    /* README: 2409 rows, no missing flops or scores, 41 distinct compute
     * values, 44 base models, dates 2022-09-26 .. 2025-10-23, by year 3 / 189 / 748 / 1469. */
    ck_assert_uint_eq(ds->n_rows, 2409);
    ck_assert_uint_eq(ds->n_dropped_flops, 0);
    static const char *const tasks[] = {
        "ifeval", "bbh", "math_lvl5", "gpqa", "musr", "mmlu_pro", "ifeval_prompt_strict",
    };
    ck_assert_uint_eq(ds->n_tasks, 7);
    for (size_t k = 0; k < 7; k++) {
        ck_assert_str_eq(ds->tasks[k].name, tasks[k]);
        ck_assert_uint_eq(ds->tasks[k].n_scored, 2409);
    }
    size_t distinct_flops = 0, distinct_base = 0, by_year[4] = { 0 };
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t i = 0; i < ds->n_rows; i++) {
        int seen_f = 0, seen_b = 0;
        for (size_t j = 0; j < i && !(seen_f && seen_b); j++) {
            seen_f |= ds->flops[j] == ds->flops[i];
            seen_b |= ds->base_model[j] == ds->base_model[i]; /* interned: pointers compare */
        }
        distinct_flops += !seen_f;
        distinct_base += !seen_b;
        ck_assert(ds->date[i] != CS_NO_DATE);
        lo = ds->date[i] < lo ? ds->date[i] : lo;
        hi = ds->date[i] > hi ? ds->date[i] : hi;
        char buf[16];
        int year = atoi(cs_format_date(ds->date[i], buf, sizeof buf));
        ck_assert(year >= 2022 && year <= 2025);
        by_year[year - 2022]++;
    }
    ck_assert_uint_eq(distinct_flops, 41);
    ck_assert_uint_eq(distinct_base, 44);
    ck_assert_int_eq(lo, date_of("2022-09-26"));
    ck_assert_int_eq(hi, date_of("2025-10-23"));
    ck_assert_uint_eq(by_year[0], 3);
    ck_assert_uint_eq(by_year[1], 189);
    ck_assert_uint_eq(by_year[2], 748);
    ck_assert_uint_eq(by_year[3], 1469);
    /* README: flops range 1.23e21 .. 6.59e24 (z 21.09 .. 24.82). */
    double zmin = 99, zmax = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        zmin = fmin(zmin, ds->z[i]);
        zmax = fmax(zmax, ds->z[i]);
    }
    ck_assert(fabs(zmin - 21.09) < 0.005 && fabs(zmax - 24.82) < 0.005);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(shared_lifearchitect)
{
    char path[1024];
    if (!shared_path("lifearchitect.csv", path, sizeof path))
        return;
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_load(path, NULL, &ds, &err) == 0, "%s", err.msg);
    /* README: 752 rows, flops filled in 657, 95 without. */
    ck_assert_uint_eq(ds->n_rows, 657);
    ck_assert_uint_eq(ds->n_dropped_flops, 95);
    ck_assert_uint_eq(ds->n_rows + ds->n_dropped_flops, 752);
    /* README non-missing counts 248 / 144 / 190 / 51, less the rows holding
     * that score but no flops (4 / 0 / 3 / 0, counted with Python's csv
     * module). tokens_estimated is a 0/1 flag, not a task. */
    static const struct {
        const char *name;
        size_t n;
    } want[] = { { "mmlu", 248 - 4 }, { "mmlu_pro", 144 }, { "gpqa", 190 - 3 }, { "hle", 51 } };
    ck_assert_uint_eq(ds->n_tasks, 4);
    for (size_t k = 0; k < 4; k++) {
        ck_assert_str_eq(ds->tasks[k].name, want[k].name);
        ck_assert_uint_eq(ds->tasks[k].n_scored, want[k].n);
    }
    ck_assert_int_eq(cs_dataset_task_index(ds, "tokens_estimated"), -1);
    cs_dataset_free(ds);
}
END_TEST

static Suite *dataset_suite(void)
{
    Suite *s = suite_create("dataset");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, csv_quotes_commas_newlines);
    tcase_add_test(tc, csv_line_endings_and_blank_lines);
    tcase_add_test(tc, csv_spaces_and_stray_quotes);
    tcase_add_test(tc, csv_errors);
    tcase_add_test(tc, csv_wide_records);
    tcase_add_test(tc, numbers_accepted);
    tcase_add_test(tc, numbers_rejected);
    tcase_add_test(tc, numbers_beyond_a_double);
    tcase_add_test(tc, counts_parsed);
    tcase_add_test(tc, percent_sign_values);
    tcase_add_test(tc, fraction_hints);
    tcase_add_test(tc, flops_hints);
    tcase_add_test(tc, bases_listed_without_a_base);
    tcase_add_test(tc, shell_words);
    tcase_add_test(tc, rows_without_flops_beside_tokens);
    tcase_add_test(tc, counts_are_never_detected_as_tasks);
    tcase_add_test(tc, numbers_huge_exponent_after_zeros);
    tcase_add_test(tc, numbers_match_strtod);
    tcase_add_test(tc, pow10_text_beyond_a_double);
    tcase_add_test(tc, decimals_apart);
    tcase_add_test(tc, counts_grouped_by_thousands);
    tcase_add_test(tc, names_fold_in_ascii);
    tcase_add_test(tc, load_line_due);
    tcase_add_test(tc, numbers_written_exactly);
    tcase_add_test(tc, numbers_ignore_the_locale);
    tcase_add_test(tc, numbers_leave_the_thread_locale_alone);
    suite_add_tcase(s, tc);

    tc = tcase_create("load");
    tcase_add_test(tc, errors_encoding);
    tcase_add_test(tc, errors_structure_with_lines);
    tcase_add_test(tc, errors_values_with_lines);
    tcase_add_test(tc, errors_explicit_tasks);
    tcase_add_test(tc, unknown_task_names_the_tasks);
    tcase_add_test(tc, typo_rule);
    tcase_add_test(tc, name_list_rule);
    tcase_add_test(tc, roles_by_default_names);
    tcase_add_test(tc, task_detection);
    tcase_add_test(tc, load_warnings);
    tcase_add_test(tc, subset_keeps_rows_in_order);
    tcase_add_test(tc, dropped_rows);
    tcase_add_test(tc, access_functions);
    tcase_add_test(tc, hand_built_dataset_frees);
    tcase_add_test(tc, load_from_files);
    tcase_add_test(tc, load_hooks_progress_and_cancel);
    tcase_add_test(tc, load_reads_in_pieces);
    tcase_add_test(tc, load_progress_said);
    tcase_add_test(tc, load_cancel_stops_the_reading);
    tcase_add_test(tc, load_refuses_a_terminal);
    tcase_add_test(tc, error_exit_statuses);
    tcase_add_test(tc, error_text_cut_at_whole_characters);
    tcase_add_test(tc, errno_text_lower_case);
    suite_add_tcase(s, tc);

    tc = tcase_create("dates");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, dates_validation);
    tcase_add_test(tc, date_hint_names_the_wrong_part);
    tcase_add_test(tc, dates_round_trip);
    tcase_add_test(tc, numeric_roles_share_a_column);
    suite_add_tcase(s, tc);

    tc = tcase_create("shared");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, shared_oll_reeval);
    tcase_add_test(tc, shared_lifearchitect);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(dataset_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
