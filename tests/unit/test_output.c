/* Unit tests of output.h: what a program reading capscope's JSON or CSV may
 * rely on, whatever bytes the names hold.
 *
 * Expected texts come from the standards, not from the code: RFC 8259 section
 * 7 (a JSON string escapes the quotation mark, the reverse solidus and
 * U+0000-U+001F; section 6: no NaN or Infinity), RFC 4180 section 2 (a field
 * holding a comma, a double quote, CR or LF is enclosed in double quotes, and
 * a double quote in it is doubled), RFC 3629 and the Unicode Standard's
 * "U+FFFD substitution of maximal subparts" (3.9, table 3-8: C0 AF is two
 * ill-formed bytes, ED A0 80 a surrogate's three) for what replaces bytes
 * that are not UTF-8: U+FFFD is EF BF BD.
 */
#define _GNU_SOURCE /* fopencookie */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/output.h"

#define FFFD "\xEF\xBF\xBD"

/* The text o prints in fmt (NUL-terminated, caller frees). */
static char *printed(cli_out *o, cli_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cli_out_print(o, fmt, f), 0);
    ck_assert_int_eq(fclose(f), 0);
    return text;
}

static void expect_text(cli_out *o, cli_format fmt, const char *want)
{
    char *got = printed(o, fmt);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(json_escapes_what_rfc8259_requires)
{
    cli_out *o = cli_out_new(NULL);
    cli_out_str(o, "s", "q\"b\\c\x01\x1f\n\r\t/\x7f");
    /* \n \r \t have short escapes; other controls are \u00XX; '/' and DEL
     * need no escape. */
    expect_text(o, CLI_FORMAT_JSON, "{\"s\": \"q\\\"b\\\\c\\u0001\\u001f\\n\\r\\t/\x7f\"}\n");
    cli_out_free(o);
}
END_TEST

START_TEST(json_numbers_json_allows)
{
    cli_out *o = cli_out_new(NULL);
    cli_out_num(o, "nan", NAN, NULL);
    cli_out_num(o, "inf", INFINITY, NULL);
    cli_out_num(o, "ninf", -INFINITY, "%.4f");
    cli_out_num(o, "negzero", -0.0, NULL);
    cli_out_num_given(o, "given_nan", NAN);
    cli_out_num(o, "tenth", 0.1, "%.2f");
    expect_text(o, CLI_FORMAT_JSON,
                "{\"nan\": null, \"inf\": null, \"ninf\": null, \"negzero\": 0, "
                "\"given_nan\": null, \"tenth\": 0.1}\n");
    /* CSV: a missing value is an empty field, -0 is 0. */
    expect_text(o, CLI_FORMAT_CSV, "nan,inf,ninf,negzero,given_nan,tenth\n,,,0,,0.1\n");
    cli_out_free(o);
}
END_TEST

START_TEST(not_utf8_becomes_replacement)
{
    cli_out *o = cli_out_new(NULL);
    /* a lone FF; an overlong '/' (C0 AF); a surrogate (ED A0 80); then a
     * well-formed e-acute (C3 A9) and a U+FFFD of the input's own. */
    cli_out_str(o, "m\xff", "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xc3\xa9" FFFD);
    const char *value = "a" FFFD "b" FFFD FFFD "c" FFFD FFFD FFFD "d\xc3\xa9" FFFD;
    char want[256];
    snprintf(want, sizeof want, "{\"m" FFFD "\": \"%s\"}\n", value);
    expect_text(o, CLI_FORMAT_JSON, want);
    snprintf(want, sizeof want, "m" FFFD "\n%s\n", value);
    expect_text(o, CLI_FORMAT_CSV, want);
    snprintf(want, sizeof want, "m" FFFD ": %s\n", value);
    expect_text(o, CLI_FORMAT_TABLE, want);
    cli_out_free(o);
}
END_TEST

START_TEST(csv_quotes_what_rfc4180_requires)
{
    cli_out *o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_str(o, "name", "a,b");
    cli_out_str(o, "plain", "x y");
    cli_out_record(o);
    cli_out_str(o, "name", "say \"hi\"");
    cli_out_str(o, "plain", "l1\nl2");
    cli_out_record(o);
    cli_out_str(o, "name", "cr\rhere");
    cli_out_null(o, "plain");
    expect_text(o, CLI_FORMAT_CSV,
                "name,plain\n"
                "\"a,b\",x y\n"
                "\"say \"\"hi\"\"\",\"l1\nl2\"\n"
                "\"cr\rhere\",\n");
    cli_out_free(o);
}
END_TEST

/* The top-level values lead every record's line, quoted as any field
 * (RFC 4180 2.6, 2.7): a comma, a double quote (doubled) and a line break
 * inside quotes, a null as an empty field; and the same bytes streamed. */
static cli_out *build_quoted_top(FILE *stream)
{
    static const char *const keys[] = { "k", "v", NULL };
    cli_out *o = cli_out_new("rows");
    cli_out_columns(o, keys);
    cli_out_str(o, "note", "a,b");
    cli_out_str(o, "who", "say \"hi\"");
    cli_out_str(o, "lines", "l1\nl2");
    cli_out_null(o, "none");
    cli_out_int(o, "n", 3);
    if (stream)
        cli_out_stream(o, CLI_FORMAT_CSV, stream);
    cli_out_record(o);
    cli_out_int(o, "k", 1);
    cli_out_str(o, "v", "x");
    cli_out_record(o);
    cli_out_int(o, "k", 2);
    cli_out_str(o, "v", "p\"q");
    cli_out_record(o);
    cli_out_int(o, "k", 3);
    return o;
}

START_TEST(csv_top_level_fields_lead_every_line)
{
    const char *want = "note,who,lines,none,n,k,v\n"
                       "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",,3,1,x\n"
                       "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",,3,2,\"p\"\"q\"\n"
                       "\"a,b\",\"say \"\"hi\"\"\",\"l1\nl2\",,3,3,\n";
    cli_out *o = build_quoted_top(NULL);
    expect_text(o, CLI_FORMAT_CSV, want);
    cli_out_free(o);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    o = build_quoted_top(f);
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_CSV, f), 0);
    cli_out_free(o);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_str_eq(text, want);
    free(text);

    /* A lone top-level null is an empty field, still followed by a comma. */
    o = cli_out_new("rows");
    cli_out_null(o, "budget");
    cli_out_record(o);
    cli_out_int(o, "k", 1);
    cli_out_record(o);
    cli_out_int(o, "k", 2);
    expect_text(o, CLI_FORMAT_CSV, "budget,k\n,1\n,2\n");
    cli_out_free(o);
}
END_TEST

START_TEST(table_keeps_what_is_not_zero)
{
    cli_out *o = cli_out_new(NULL);
    cli_out_num(o, "budget", 0.04, "%.1f");   /* was "0.0" */
    cli_out_num(o, "noise", -1e-17, "%.4f");  /* was "-0.0000" */
    cli_out_num(o, "negzero", -0.0, "%.4f");  /* was "-0.0000" */
    cli_out_num(o, "zero", 0.0, "%.1f");
    cli_out_num(o, "used", 374.25, "%.1f");
    expect_text(o, CLI_FORMAT_TABLE,
                "budget: 0.04\nnoise: -1e-17\nnegzero: 0.0000\nzero: 0.0\nused: 374.2\n");
    cli_out_free(o);
}
END_TEST

/* A result shaped like suggest's: top-level fields, declared columns, and
 * records holding every kind of value; a name with a comma, a quote, a
 * control character and a wide character; one record lacks a field. With a
 * FILE, the records are streamed to it in fmt. */
static const char *const pick_keys[] = { "rank", "model", "cost", "ok", "date", NULL };

static cli_out *build_picks(size_t n, FILE *stream, cli_format fmt)
{
    static const char *names[] = { "a", "b,\"c\"", "tab\there", "\xe6\x97\xa5\xe6\x9c\xac",
                                   "long-name-of-a-model" };
    cli_out *o = cli_out_new("picked");
    cli_out_columns(o, pick_keys);
    cli_out_num(o, "budget", 0.25, "%.1f");
    cli_out_str(o, "pool", "all");
    if (stream)
        cli_out_stream(o, fmt, stream);
    for (size_t i = 0; i < n; i++) {
        cli_out_record(o);
        cli_out_int(o, "rank", (long long)i + 1);
        cli_out_str(o, "model", names[i % 5]);
        cli_out_num(o, "cost", 1.0 / (double)(i + 3), "%.3g");
        if (i % 4 != 2)
            cli_out_bool(o, "ok", (int)(i % 2));
        if (i % 3 == 1)
            cli_out_null(o, "date");
        else
            cli_out_str(o, "date", "2025-01-02");
    }
    return o;
}

/* What a result streamed to a memory file in fmt writes, cli_out_print's
 * status in *status. */
static char *streamed(size_t n, cli_format fmt, int *status)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    cli_out *o = build_picks(n, f, fmt);
    *status = cli_out_print(o, fmt, f);
    cli_out_free(o);
    ck_assert_int_eq(fclose(f), 0);
    return text;
}

/* The contract: streaming changes when bytes are written, never which. */
START_TEST(streamed_is_the_held_form)
{
    static const size_t sizes[] = { 0, 1, 2, 7, 1000 };
    static const cli_format fmts[] = { CLI_FORMAT_JSON, CLI_FORMAT_CSV, CLI_FORMAT_TABLE };
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (size_t k = 0; k < 3; k++) {
            cli_out *held = build_picks(sizes[s], NULL, fmts[k]);
            char *want = printed(held, fmts[k]);
            cli_out_free(held);
            int status;
            char *got = streamed(sizes[s], fmts[k], &status);
            ck_assert_int_eq(status, 0);
            ck_assert_msg(strcmp(got, want) == 0, "%zu records, format %d differ", sizes[s],
                          (int)fmts[k]);
            free(got);
            free(want);
        }
}
END_TEST

/* Small enough to write out by hand from output.h's description. */
START_TEST(streamed_json_and_csv_texts)
{
    int status;
    char *got = streamed(2, CLI_FORMAT_JSON, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(got, "{\"budget\": 0.25, \"pool\": \"all\", \"picked\": [\n"
                          "  {\"rank\": 1, \"model\": \"a\", \"cost\": 0.3333333333333333, "
                          "\"ok\": false, \"date\": \"2025-01-02\"},\n"
                          "  {\"rank\": 2, \"model\": \"b,\\\"c\\\"\", \"cost\": 0.25, "
                          "\"ok\": true, \"date\": null}\n]}\n");
    free(got);
    got = streamed(3, CLI_FORMAT_CSV, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(got, "budget,pool,rank,model,cost,ok,date\n"
                          "0.25,all,1,a,0.3333333333333333,false,2025-01-02\n"
                          "0.25,all,2,\"b,\"\"c\"\"\",0.25,true,\n"
                          "0.25,all,3,tab\there,0.2,,2025-01-02\n");
    free(got);
    /* No records: the list is empty, CSV is its header alone. */
    got = streamed(0, CLI_FORMAT_JSON, &status);
    ck_assert_str_eq(got, "{\"budget\": 0.25, \"pool\": \"all\", \"picked\": []}\n");
    free(got);
    got = streamed(0, CLI_FORMAT_CSV, &status);
    ck_assert_str_eq(got, "budget,pool,rank,model,cost,ok,date\n");
    free(got);
}
END_TEST

/* Streamed means written: a record is in the file before the result ends,
 * so a million of them are not all held. */
START_TEST(streamed_records_are_written_as_they_come)
{
    static const cli_format fmts[] = { CLI_FORMAT_JSON, CLI_FORMAT_CSV };
    for (size_t k = 0; k < 2; k++) {
        char *text = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&text, &len);
        ck_assert_ptr_nonnull(f);
        cli_out *o = cli_out_new("rows");
        cli_out_columns(o, pick_keys);
        cli_out_stream(o, fmts[k], f);
        cli_out_record(o);
        cli_out_str(o, "model", "first-model");
        cli_out_record(o);
        cli_out_str(o, "model", "second-model");
        ck_assert_int_eq(fflush(f), 0);
        ck_assert_ptr_nonnull(strstr(text, "first-model"));
        ck_assert_ptr_null(strstr(text, "second-model"));
        ck_assert_int_eq(cli_out_print(o, fmts[k], f), 0);
        ck_assert_int_eq(fflush(f), 0);
        ck_assert_ptr_nonnull(strstr(text, "second-model"));
        cli_out_free(o);
        ck_assert_int_eq(fclose(f), 0);
        free(text);
    }
}
END_TEST

/* CSV with no declared columns cannot write its header first: it holds the
 * records and takes the union of their keys, as unstreamed (RFC 4180: one
 * header, every line the same fields). */
START_TEST(csv_without_columns_holds_for_its_header)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    cli_out *o = cli_out_new("rows");
    cli_out_stream(o, CLI_FORMAT_CSV, f);
    cli_out_record(o);
    cli_out_int(o, "a", 1);
    cli_out_record(o);
    cli_out_int(o, "b", 2);
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_CSV, f), 0);
    cli_out_free(o);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_str_eq(text, "a,b\n1,\n,2\n");
    free(text);
}
END_TEST

/* Held after cli_out_stream (CSV without declared columns), the records
 * print their numbers in full, as JSON does: 1/3 is 0.3333333333333333, the
 * shortest text that reads back as the double nearest 1/3 (17 significant
 * digits are needed at most, 16 here), whatever the table's "%.2f"; -0 is 0;
 * a top-level number given before the stream keeps its full text too. */
START_TEST(held_after_stream_prints_numbers_in_full)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    cli_out *o = cli_out_new("rows");
    cli_out_num(o, "budget", 0.125, "%.1f");
    cli_out_stream(o, CLI_FORMAT_CSV, f);
    cli_out_record(o);
    cli_out_num(o, "x", 1.0 / 3.0, "%.2f");
    cli_out_record(o);
    cli_out_num(o, "y", -0.0, "%.4f");
    cli_out_num(o, "x", 1e300, "%.1f");
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_CSV, f), 0);
    cli_out_free(o);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_str_eq(text, "budget,x,y\n0.125,0.3333333333333333,\n0.125,1e+300,0\n");
    free(text);
}
END_TEST

/* The table's widths come from every held row: each column as wide as its
 * widest cell or header, text left-aligned (the last column unpadded),
 * numbers right-aligned, a null as "-", an absent field blank, a wide
 * character two columns, a control character its escape (\t, 2 columns). */
START_TEST(table_widths_from_every_row)
{
    static const cli_format table = CLI_FORMAT_TABLE;
    const char *want = "budget: 0.2\n"
                       "pool: all\n"
                       "\n"
                       "rank  model                  cost     ok  date\n"
                       "   1  a                     0.333  false  2025-01-02\n"
                       "   2  b,\"c\"                  0.25   true  -\n"
                       "   3  tab\\there               0.2         2025-01-02\n"
                       "   4  \xe6\x97\xa5\xe6\x9c\xac                  0.167   true  2025-01-02\n"
                       "   5  long-name-of-a-model  0.143  false  -\n";
    /* budget 0.25 at "%.1f": C's printf rounds the tie to even, "0.2". */
    cli_out *o = build_picks(5, NULL, table);
    expect_text(o, table, want);
    cli_out_free(o);
    int status;
    char *got = streamed(5, table, &status);
    ck_assert_int_eq(status, 0);
    ck_assert_str_eq(got, want);
    free(got);
}
END_TEST

/* A write error while streaming (a full disk) is reported by cli_out_print
 * with the system's reason, however early it came. */
START_TEST(streamed_write_error_is_reported)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f) {
        fputs("test_output: /dev/full is absent, skipped\n", stderr);
        return;
    }
    setvbuf(f, NULL, _IOFBF, 64); /* errors come while records are added */
    cli_out *o = build_picks(100, f, CLI_FORMAT_JSON);
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_JSON, f), -1);
    ck_assert_int_eq(errno, ENOSPC);
    cli_out_free(o);
    fclose(f);
}
END_TEST

/* Bidi controls and zero-width characters are escaped in the table as C1
 * controls are: U+202E (RIGHT-TO-LEFT OVERRIDE) makes a terminal that orders
 * text both ways show the rest of the row reversed, U+200B shows as
 * nothing. Unicode's Bidi_Control property is U+061C, U+200E-F, U+202A-E,
 * U+2066-9; the zero-width ones U+200B-D, U+2060, U+FEFF. Each escape is
 * \u and four hex digits, 6 columns, and the column is padded by it. JSON
 * and CSV keep the bytes: a script gets the name the file has. */
START_TEST(table_escapes_bidi_and_zero_width)
{
    static const struct { const char *utf8, *esc; } cps[] = {
        { "\xD8\x9C", "\\u061c" },     { "\xE2\x80\x8B", "\\u200b" }, { "\xE2\x80\x8C", "\\u200c" },
        { "\xE2\x80\x8D", "\\u200d" }, { "\xE2\x80\x8E", "\\u200e" }, { "\xE2\x80\x8F", "\\u200f" },
        { "\xE2\x80\xAA", "\\u202a" }, { "\xE2\x80\xAB", "\\u202b" }, { "\xE2\x80\xAC", "\\u202c" },
        { "\xE2\x80\xAD", "\\u202d" }, { "\xE2\x80\xAE", "\\u202e" }, { "\xE2\x81\xA0", "\\u2060" },
        { "\xE2\x81\xA6", "\\u2066" }, { "\xE2\x81\xA7", "\\u2067" }, { "\xE2\x81\xA8", "\\u2068" },
        { "\xE2\x81\xA9", "\\u2069" }, { "\xEF\xBB\xBF", "\\ufeff" },
    };
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char name[32], want[128];
        snprintf(name, sizeof name, "a%sb", cps[i].utf8);
        cli_out *o = cli_out_new("rows");
        cli_out_record(o);
        cli_out_str(o, "model", name);
        cli_out_int(o, "n", 1);
        cli_out_record(o);
        cli_out_str(o, "model", "x");
        cli_out_int(o, "n", 2);
        /* "a\u202eb" is 8 columns: "model" and "x" are padded to it. */
        snprintf(want, sizeof want, "model     n\na%sb  1\nx         2\n", cps[i].esc);
        expect_text(o, CLI_FORMAT_TABLE, want);
        snprintf(want, sizeof want, "{\"rows\": [\n  {\"model\": \"%s\", \"n\": 1},\n  {\"model\": \"x\", \"n\": 2}\n]}\n", name);
        expect_text(o, CLI_FORMAT_JSON, want);
        snprintf(want, sizeof want, "model,n\n%s,1\nx,2\n", name);
        expect_text(o, CLI_FORMAT_CSV, want);
        cli_out_free(o);
    }
    /* Their neighbours are text, kept: U+200A (HAIR SPACE), U+2010
     * (HYPHEN), U+2070 (SUPERSCRIPT ZERO), U+FEFE (an Arabic form). */
    static const char *const kept[] = { "\xE2\x80\x8A", "\xE2\x80\x90", "\xE2\x81\xB0", "\xEF\xBB\xBE" };
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char name[32], want[64];
        snprintf(name, sizeof name, "a%sb", kept[i]);
        cli_out *o = cli_out_new(NULL);
        cli_out_str(o, "m", name);
        snprintf(want, sizeof want, "m: %s\n", name);
        expect_text(o, CLI_FORMAT_TABLE, want);
        cli_out_free(o);
    }
}
END_TEST

/* A text cell wider than 120 columns is cut in the middle by display
 * width: 117 columns around "...", a third (39) for its start. 100 times
 * U+6570 (East Asian Wide, 2 columns) is 200 columns: the head takes 19
 * (38 columns, a 20th would make 40), the tail the last 39 (78 columns,
 * within the 117 - 38 = 79 left): 119 columns. A control character is
 * cut whole, as its escape. One note under the rows. */
START_TEST(table_cuts_long_text_in_the_middle)
{
    char wide[400] = "", head[80] = "", tail[160] = "";
    for (int i = 0; i < 100; i++)
        strcat(wide, "\xe6\x95\xb0");
    for (int i = 0; i < 19; i++)
        strcat(head, "\xe6\x95\xb0");
    for (int i = 0; i < 39; i++)
        strcat(tail, "\xe6\x95\xb0");
    cli_out *o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_str(o, "m", wide);
    cli_out_int(o, "n", 1);
    char want[1024];
    /* the header's "m" padded to 119 columns */
    snprintf(want, sizeof want, "m%118s  n\n%s...%s  1\n(1 cell longer than 120 columns cut in the middle at '...';"
             " --format csv or json gives the whole text)\n", "", head, tail);
    expect_text(o, CLI_FORMAT_TABLE, want);
    snprintf(want, sizeof want, "m,n\n%s,1\n", wide);
    expect_text(o, CLI_FORMAT_CSV, want);
    cli_out_free(o);

    /* 38 'a', ESC (4 columns as \x1b), then 100 'b': 142 columns. The
     * head's 39 columns end before the escape, which would pass them. */
    char ctl[200];
    memset(ctl, 'a', 38);
    ctl[38] = '\x1b';
    memset(ctl + 39, 'b', 100);
    ctl[139] = '\0';
    o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_str(o, "m", ctl);
    char *got = printed(o, CLI_FORMAT_TABLE);
    char line[200];
    memset(line, 'a', 38);
    memcpy(line + 38, "...", 3);
    memset(line + 41, 'b', 79); /* the tail: 117 - 38 columns */
    line[120] = '\0';
    ck_assert_ptr_nonnull(strstr(got, line));
    ck_assert_ptr_null(strstr(got, "\\x"));
    free(got);
    cli_out_free(o);
}
END_TEST

/* A key a record lacks is an empty CSV field (output.h) and an empty cell
 * in the table, even when the record before it had that key: the field of
 * another record must not show through. */
START_TEST(missing_field_is_empty_after_a_record_that_had_it)
{
    cli_out *o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_int(o, "a", 1);
    cli_out_int(o, "b", 2);
    cli_out_record(o);
    cli_out_int(o, "a", 3);
    expect_text(o, CLI_FORMAT_CSV, "a,b\n1,2\n3,\n");
    char *got = printed(o, CLI_FORMAT_TABLE);
    const char *last = strstr(got, "\n3 ");
    ck_assert_msg(last && strspn(last + 2, " ") == strlen(last + 2) - 1 && got[strlen(got) - 1] == '\n',
                  "table:\n%s", got);
    free(got);
    cli_out_free(o);
}
END_TEST

/* A NULL text is a null (output.h, cli_out_str): JSON null, an empty CSV
 * field, "-" in the table; never a field left out. */
START_TEST(null_string_is_a_null)
{
    cli_out *o = cli_out_new(NULL);
    cli_out_str(o, "model", NULL);
    cli_out_int(o, "n", 2);
    expect_text(o, CLI_FORMAT_JSON, "{\"model\": null, \"n\": 2}\n");
    expect_text(o, CLI_FORMAT_CSV, "model,n\n,2\n");
    expect_text(o, CLI_FORMAT_TABLE, "model: -\nn: 2\n");
    cli_out_free(o);
}
END_TEST

/* 10^e within a double's range is that number: 10^3 is 1000 and 10^-2 is
 * 0.01 (the shortest texts that read back as those doubles), the table
 * with table_digits significant digits (%.3g of 10^23.5 = 3.16227766e23 is
 * 3.16e+23). */
START_TEST(pow10_is_ten_to_the_e)
{
    cli_out *o = cli_out_new(NULL);
    cli_out_pow10(o, "k", 3, 4);
    cli_out_pow10(o, "c", -2, 4);
    cli_out_pow10(o, "f", 23.5, 3);
    char *got = printed(o, CLI_FORMAT_JSON);
    ck_assert_msg(strncmp(got, "{\"k\": 1000, \"c\": 0.01, \"f\": 3.16227766016", 41) == 0, "%s", got);
    free(got);
    expect_text(o, CLI_FORMAT_TABLE, "k: 1000\nc: 0.01\nf: 3.16e+23\n");
    cli_out_free(o);
}
END_TEST

/* A cell of 200 plain ASCII columns is cut to 120 (output.h): a third of
 * the 117 columns beside "..." for the head, 39, and the other 78 for the
 * tail, each as long as the room allows. */
START_TEST(table_cut_fills_the_head_exactly)
{
    char name[201], want[121];
    for (int i = 0; i < 200; i++)
        name[i] = (char)('a' + i % 26);
    name[200] = '\0';
    memcpy(want, name, 39);
    memcpy(want + 39, "...", 3);
    memcpy(want + 42, name + 200 - 78, 78);
    want[120] = '\0';
    cli_out *o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_str(o, "m", name);
    char *got = printed(o, CLI_FORMAT_TABLE);
    char *line = strchr(got, '\n');
    ck_assert_ptr_nonnull(line);
    ck_assert_msg(strncmp(line + 1, want, 120) == 0 && line[121] == '\n', "got %s\nwant %s", got, want);
    free(got);
    cli_out_free(o);
}
END_TEST

/* Streamed CSV whose record has a key cli_out_columns did not declare: the
 * header is already out, so output.h calls it a bug and aborts, rather
 * than print a line that does not match its header. Run in a child, so
 * that the test works with CK_FORK=no too. */
START_TEST(streamed_csv_aborts_on_an_undeclared_key)
{
    fflush(NULL);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        FILE *sink = fopen("/dev/null", "w");
        if (!sink || !freopen("/dev/null", "w", stderr))
            _exit(3);
        cli_out *o = cli_out_new("rows");
        cli_out_columns(o, pick_keys);
        cli_out_stream(o, CLI_FORMAT_CSV, sink);
        cli_out_record(o);
        cli_out_int(o, "not_a_column", 1);
        cli_out_print(o, CLI_FORMAT_CSV, sink);
        _exit(0);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status %#x", status);
}
END_TEST

/* A key is one column however often it comes: the first key of all, not
 * UTF-8 and so printed cleaned, in two records, and declared columns of
 * which the first is the first key given. */
START_TEST(keys_are_found_again)
{
    cli_out *o = cli_out_new("rows");
    cli_out_record(o);
    cli_out_int(o, "m\xff", 1);
    cli_out_record(o);
    cli_out_int(o, "m\xff", 2);
    expect_text(o, CLI_FORMAT_CSV, "m" FFFD "\n1\n2\n");
    cli_out_free(o);

    static const char *const ab[] = { "a", "b", NULL };
    o = cli_out_new("rows");
    cli_out_columns(o, ab);
    cli_out_record(o);
    cli_out_int(o, "a", 1);
    cli_out_int(o, "b", 2);
    expect_text(o, CLI_FORMAT_CSV, "a,b\n1,2\n");
    cli_out_free(o);
}
END_TEST

/* A write that fails is reported when the stream is unbuffered too, where
 * the last fflush has nothing left to fail on: /dev/full refuses every
 * write (ENOSPC). */
START_TEST(write_error_of_an_unbuffered_stream_is_reported)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        return; /* no /dev/full here */
    ck_assert_int_eq(setvbuf(f, NULL, _IONBF, 0), 0);
    cli_out *o = cli_out_new(NULL);
    cli_out_int(o, "n", 1);
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_JSON, f), -1);
    ck_assert_int_ne(errno, 0);
    cli_out_free(o);
    fclose(f);
}
END_TEST

static ssize_t refuse_write(void *cookie, const char *buf, size_t size)
{
    (void)buf;
    (void)size;
    ++*(int *)cookie;
    errno = EIO;
    return -1;
}

/* Streaming stops at the first write that fails (output.h: "after which o
 * writes nothing more"): eight more records after it try no write. */
START_TEST(streaming_writes_nothing_after_an_error)
{
    int writes = 0;
    cookie_io_functions_t io = { .write = refuse_write };
    FILE *f = fopencookie(&writes, "w", io);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(setvbuf(f, NULL, _IONBF, 0), 0);
    cli_out *o = cli_out_new("rows");
    cli_out_stream(o, CLI_FORMAT_JSON, f);
    cli_out_record(o);
    cli_out_int(o, "k", 1);
    cli_out_record(o); /* writes record 1, which fails */
    cli_out_int(o, "k", 2);
    int at_error = writes;
    ck_assert_int_gt(at_error, 0);
    for (int k = 3; k <= 10; k++) {
        cli_out_record(o);
        cli_out_int(o, "k", k);
    }
    ck_assert_int_eq(writes, at_error);
    ck_assert_int_eq(cli_out_print(o, CLI_FORMAT_JSON, f), -1);
    ck_assert_int_eq(errno, EIO);
    ck_assert_int_eq(writes, at_error);
    cli_out_free(o);
    fclose(f);
}
END_TEST

static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, json_escapes_what_rfc8259_requires);
    tcase_add_test(tc, json_numbers_json_allows);
    tcase_add_test(tc, not_utf8_becomes_replacement);
    tcase_add_test(tc, csv_quotes_what_rfc4180_requires);
    tcase_add_test(tc, csv_top_level_fields_lead_every_line);
    tcase_add_test(tc, table_keeps_what_is_not_zero);
    tcase_add_test(tc, streamed_is_the_held_form);
    tcase_add_test(tc, streamed_json_and_csv_texts);
    tcase_add_test(tc, streamed_records_are_written_as_they_come);
    tcase_add_test(tc, csv_without_columns_holds_for_its_header);
    tcase_add_test(tc, held_after_stream_prints_numbers_in_full);
    tcase_add_test(tc, table_widths_from_every_row);
    tcase_add_test(tc, streamed_write_error_is_reported);
    tcase_add_test(tc, table_escapes_bidi_and_zero_width);
    tcase_add_test(tc, table_cuts_long_text_in_the_middle);
    tcase_add_test(tc, missing_field_is_empty_after_a_record_that_had_it);
    tcase_add_test(tc, null_string_is_a_null);
    tcase_add_test(tc, pow10_is_ten_to_the_e);
    tcase_add_test(tc, table_cut_fills_the_head_exactly);
    tcase_add_test(tc, streamed_csv_aborts_on_an_undeclared_key);
    tcase_add_test(tc, keys_are_found_again);
    tcase_add_test(tc, write_error_of_an_unbuffered_stream_is_reported);
    tcase_add_test(tc, streaming_writes_nothing_after_an_error);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(output_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
