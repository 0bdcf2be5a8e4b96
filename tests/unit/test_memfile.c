/* test_memfile.c - a FILE * into memory gives back every byte written, and
 * "" for nothing; a write it cannot keep fails the close (the failed
 * allocations themselves are tests/cli/alloc_failures.sh's: plot --format
 * svg, fit --format json). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/memfile.h"

START_TEST(test_text_back)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    ck_assert_ptr_nonnull(f);
    fprintf(f, "a%db", 42);
    fputc('\0', f); /* a NUL written is text too: the length says so */
    fputs("end", f);
    size_t len = 0;
    char *text = cs_memfile_close(f, &m, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(len, 8);
    ck_assert_mem_eq(text, "a42b\0end", 9);
    free(text);
}
END_TEST

START_TEST(test_nothing_written_is_empty_text)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    ck_assert_ptr_nonnull(f);
    size_t len = 7;
    char *text = cs_memfile_close(f, &m, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(len, 0);
    ck_assert_str_eq(text, "");
    free(text);
}
END_TEST

/* Past stdio's buffer and many growths: 3 MB of a pattern, every byte checked. */
START_TEST(test_large_text_whole)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    ck_assert_ptr_nonnull(f);
    const size_t n = 3u << 20;
    for (size_t i = 0; i < n; i++)
        fputc('a' + (int)(i % 26), f);
    size_t len = 0;
    char *text = cs_memfile_close(f, &m, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_uint_eq(len, n);
    for (size_t i = 0; i < n; i++)
        if (text[i] != 'a' + (int)(i % 26))
            ck_abort_msg("byte %zu is %c", i, text[i]);
    ck_assert_int_eq(text[n], '\0');
    free(text);
}
END_TEST

/* A write the stream cannot keep (here: more than a size_t can add up to
 * would need room past SIZE_MAX, refused like a failed allocation) makes
 * the close give NULL, not a text with a gap. */
START_TEST(test_lost_write_fails_the_close)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    ck_assert_ptr_nonnull(f);
    fputs("before", f);
    fflush(f);
    m.len = (size_t)-1 - 2; /* as if nearly all of memory were written */
    fputs("xyz", f);
    fflush(f);
    m.len = 6;
    fputs("after", f);
    size_t len = 99;
    ck_assert_ptr_null(cs_memfile_close(f, &m, &len));
    ck_assert_uint_eq(len, 99); /* untouched */
}
END_TEST

/* The room asked for is len + need + 1 (the NUL): a write that would
 * bring that to exactly SIZE_MAX + 1 wraps it to 0, which is "room enough"
 * if the sum is not checked before it is made. Two bytes after
 * SIZE_MAX - 2 of them is such a write: refused, not copied. */
START_TEST(test_room_that_wraps_is_refused)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    ck_assert_ptr_nonnull(f);
    fputs("before", f);
    fflush(f);
    m.len = (size_t)-1 - 2;
    fputs("xy", f);
    fflush(f);
    m.len = 6;
    ck_assert_ptr_null(cs_memfile_close(f, &m, NULL));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("memfile");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_text_back);
    tcase_add_test(tc, test_nothing_written_is_empty_text);
    tcase_add_test(tc, test_large_text_whole);
    tcase_add_test(tc, test_lost_write_fails_the_close);
    tcase_add_test(tc, test_room_that_wraps_is_refused);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
