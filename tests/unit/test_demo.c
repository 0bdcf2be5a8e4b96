/* test_demo.c - the demo set compiled into the library is data/demo.csv,
 * byte for byte, and is text every reader of it can rely on. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "capscope/demo.h"

/* data/demo.csv from the source tree ($top_srcdir, set by `make check`). */
static char *read_source_csv(size_t *size)
{
    const char *top = getenv("top_srcdir");
    ck_assert_msg(top != NULL, "top_srcdir is not set (run through make check)");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/demo.csv", top);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    ck_assert_int_eq(ferror(f), 0);
    fclose(f);
    *size = n;
    return buf;
}

START_TEST(embedded_copy_is_the_file)
{
    size_t size;
    char *file = read_source_csv(&size);
    ck_assert_uint_eq(cs_demo_csv_size, size);
    size_t first_difference = size;
    for (size_t i = 0; i < size; i++)
        if (cs_demo_csv[i] != file[i]) {
            first_difference = i;
            break;
        }
    ck_assert_msg(first_difference == size, "the embedded copy differs at byte %zu",
                  first_difference);
    free(file);
}
END_TEST

START_TEST(embedded_copy_is_terminated_ascii_text)
{
    ck_assert_uint_gt(cs_demo_csv_size, 0);
    ck_assert_int_eq(cs_demo_csv[cs_demo_csv_size], '\0');
    ck_assert_uint_eq(strlen(cs_demo_csv), cs_demo_csv_size);
    ck_assert_int_eq(cs_demo_csv[cs_demo_csv_size - 1], '\n');
    for (size_t i = 0; i < cs_demo_csv_size; i++) {
        unsigned char c = (unsigned char)cs_demo_csv[i];
        ck_assert_msg(c == '\n' || (c >= 32 && c < 127), "byte %zu is %u", i, c);
    }
}
END_TEST

START_TEST(header_uses_the_default_roles)
{
    static const char header[] =
        "model,base_model,params_b,flops,date,reasoning,math,coding,knowledge,instruct,science\n";
    ck_assert_uint_gt(cs_demo_csv_size, sizeof header - 1);
    ck_assert_int_eq(memcmp(cs_demo_csv, header, sizeof header - 1), 0);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    Suite *s = suite_create("demo");
    TCase *tc = tcase_create("embedded");
    tcase_add_test(tc, embedded_copy_is_the_file);
    tcase_add_test(tc, embedded_copy_is_terminated_ascii_text);
    tcase_add_test(tc, header_uses_the_default_roles);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
