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
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/output.h"

#define FFFD "\xEF\xBF\xBD"

/* The text o prints in fmt (NUL-terminated, caller frees). */
static char *printed(const cs_out *o, cs_format fmt)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cs_out_print(o, fmt, f), 0);
    ck_assert_int_eq(fclose(f), 0);
    return text;
}

static void expect_text(const cs_out *o, cs_format fmt, const char *want)
{
    char *got = printed(o, fmt);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(json_escapes_what_rfc8259_requires)
{
    cs_out *o = cs_out_new(NULL);
    cs_out_str(o, "s", "q\"b\\c\x01\x1f\n\r\t/\x7f");
    /* \n \r \t have short escapes; other controls are \u00XX; '/' and DEL
     * need no escape. */
    expect_text(o, CS_FORMAT_JSON, "{\"s\": \"q\\\"b\\\\c\\u0001\\u001f\\n\\r\\t/\x7f\"}\n");
    cs_out_free(o);
}
END_TEST

START_TEST(json_numbers_json_allows)
{
    cs_out *o = cs_out_new(NULL);
    cs_out_num(o, "nan", NAN, NULL);
    cs_out_num(o, "inf", INFINITY, NULL);
    cs_out_num(o, "ninf", -INFINITY, "%.4f");
    cs_out_num(o, "negzero", -0.0, NULL);
    cs_out_num_given(o, "given_nan", NAN);
    cs_out_num(o, "tenth", 0.1, "%.2f");
    expect_text(o, CS_FORMAT_JSON,
                "{\"nan\": null, \"inf\": null, \"ninf\": null, \"negzero\": 0, "
                "\"given_nan\": null, \"tenth\": 0.1}\n");
    /* CSV: a missing value is an empty field, -0 is 0. */
    expect_text(o, CS_FORMAT_CSV, "nan,inf,ninf,negzero,given_nan,tenth\n,,,0,,0.1\n");
    cs_out_free(o);
}
END_TEST

START_TEST(not_utf8_becomes_replacement)
{
    cs_out *o = cs_out_new(NULL);
    /* a lone FF; an overlong '/' (C0 AF); a surrogate (ED A0 80); then a
     * well-formed e-acute (C3 A9) and a U+FFFD of the input's own. */
    cs_out_str(o, "m\xff", "a\xff" "b\xc0\xaf" "c\xed\xa0\x80" "d\xc3\xa9" FFFD);
    const char *value = "a" FFFD "b" FFFD FFFD "c" FFFD FFFD FFFD "d\xc3\xa9" FFFD;
    char want[256];
    snprintf(want, sizeof want, "{\"m" FFFD "\": \"%s\"}\n", value);
    expect_text(o, CS_FORMAT_JSON, want);
    snprintf(want, sizeof want, "m" FFFD "\n%s\n", value);
    expect_text(o, CS_FORMAT_CSV, want);
    snprintf(want, sizeof want, "m" FFFD ": %s\n", value);
    expect_text(o, CS_FORMAT_TABLE, want);
    cs_out_free(o);
}
END_TEST

START_TEST(csv_quotes_what_rfc4180_requires)
{
    cs_out *o = cs_out_new("rows");
    cs_out_record(o);
    cs_out_str(o, "name", "a,b");
    cs_out_str(o, "plain", "x y");
    cs_out_record(o);
    cs_out_str(o, "name", "say \"hi\"");
    cs_out_str(o, "plain", "l1\nl2");
    cs_out_record(o);
    cs_out_str(o, "name", "cr\rhere");
    cs_out_null(o, "plain");
    expect_text(o, CS_FORMAT_CSV,
                "name,plain\n"
                "\"a,b\",x y\n"
                "\"say \"\"hi\"\"\",\"l1\nl2\"\n"
                "\"cr\rhere\",\n");
    cs_out_free(o);
}
END_TEST

START_TEST(table_keeps_what_is_not_zero)
{
    cs_out *o = cs_out_new(NULL);
    cs_out_num(o, "budget", 0.04, "%.1f");   /* was "0.0" */
    cs_out_num(o, "noise", -1e-17, "%.4f");  /* was "-0.0000" */
    cs_out_num(o, "negzero", -0.0, "%.4f");  /* was "-0.0000" */
    cs_out_num(o, "zero", 0.0, "%.1f");
    cs_out_num(o, "used", 374.25, "%.1f");
    expect_text(o, CS_FORMAT_TABLE,
                "budget: 0.04\nnoise: -1e-17\nnegzero: 0.0000\nzero: 0.0\nused: 374.2\n");
    cs_out_free(o);
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
    tcase_add_test(tc, table_keeps_what_is_not_zero);
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
