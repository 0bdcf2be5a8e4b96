/* Unit tests of face/plaintext.h: what a terminal is shown of bytes from the
 * user or the data. Expected texts from the rule the header states and from
 * UTF-8 itself (RFC 3629): C3 A9 is é, E2 80 AE is U+202E (a bidi control),
 * C2 9B is U+009B (C1's CSI), and a lone 9B or FF starts no character.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "face/plaintext.h"

/* What face_put_text_n writes of s's first n bytes (caller frees). */
static char *shown_n(const char *s, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    face_put_text_n(s, n, f);
    ck_assert_int_eq(fclose(f), 0);
    return buf;
}

static void check_shown(const char *s, const char *want)
{
    char *got = shown_n(s, strlen(s));
    ck_assert_str_eq(got, want);
    free(got);
    /* face_put_text writes the same */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    face_put_text(s, f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_str_eq(buf, want);
    free(buf);
}

START_TEST(controls_are_escapes)
{
    check_shown("a\nb\tc\rd", "a\\nb\\tc\\rd");
    check_shown("\x1b[2J", "\\x1b[2J");
    check_shown("x\x7f", "x\\x7f");
    check_shown("\xc2\x9b" "2J", "\\u009b2J");
    check_shown("\xe2\x80\xae" "abc", "\\u202eabc");
}
END_TEST

/* A byte that starts no character is the byte, and a whole character after
 * it is written whole: the writer went byte by byte, and é's second byte
 * alone would have been escaped. U+FFFD itself is a character. */
START_TEST(bytes_that_start_no_character)
{
    check_shown("x\x9b" "2J", "x\\x9b2J");
    check_shown("\xff\xc3\xa9\xef\xbf\xbd", "\\xff\xc3\xa9\xef\xbf\xbd");
    check_shown("\xc3", "\\xc3");
    check_shown("caf\xc3\xa9", "caf\xc3\xa9");
}
END_TEST

/* Nothing past n is read or written: a character that n cuts is bytes that
 * start none (é cut after its first byte), and an escape never stands for
 * bytes beyond n (U+202E cut after two). */
START_TEST(nothing_past_n)
{
    char *got = shown_n("ab\xc3\xa9", 3);
    ck_assert_str_eq(got, "ab\\xc3");
    free(got);
    got = shown_n("\xe2\x80\xae", 2);
    ck_assert_str_eq(got, "\\xe2\\x80");
    free(got);
    got = shown_n("a\nb", 1);
    ck_assert_str_eq(got, "a");
    free(got);
    got = shown_n("abc", 0);
    ck_assert_str_eq(got, "");
    free(got);
}
END_TEST

START_TEST(escape_of_the_first_character)
{
    char esc[8];
    ck_assert_uint_eq(face_control_escape("abc", esc), 0);
    ck_assert_uint_eq(face_control_escape("\xc3\xa9", esc), 0);
    ck_assert_uint_eq(face_control_escape("\xe2\x80\xae" "x", esc), 3);
    ck_assert_str_eq(esc, "\\u202e");
    ck_assert_uint_eq(face_control_escape("\x9b", esc), 1);
    ck_assert_str_eq(esc, "\\x9b");
    ck_assert_uint_eq(face_control_escape("\n", esc), 1);
    ck_assert_str_eq(esc, "\\n");
}
END_TEST

static Suite *plaintext_suite(void)
{
    Suite *s = suite_create("plaintext");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, controls_are_escapes);
    tcase_add_test(tc, bytes_that_start_no_character);
    tcase_add_test(tc, nothing_past_n);
    tcase_add_test(tc, escape_of_the_first_character);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(plaintext_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
