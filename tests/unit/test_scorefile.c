/* test_scorefile.c - the records of capscope score --from: the data's CSV
 * rules, a header skipped, bad records kept with their lines and counts. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capscope/scorefile.h"

static char path[256];

static void write_file(const char *text, size_t len)
{
    snprintf(path, sizeof path, "%s/capscope-scorefile.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, len) == (ssize_t)len);
    close(fd);
}

/* text read as a score file, which must be read. */
static void read_text(const char *text, size_t len, cs_scorefile *sf)
{
    write_file(text, len);
    cs_error err;
    ck_assert_msg(cs_scorefile_read(path, sf, &err) == 0, "%s", err.msg);
    unlink(path);
}

START_TEST(test_records_and_lines)
{
    static const char text[] = "\xEF\xBB\xBFModel,Task,Value\r\n"
                               "m1,math,0.5\r\n"
                               "\r\n"
                               "\"a, \"\"quoted\"\" name\",coding , 0.25\n"
                               "\"two\nlines\",math,1\n"
                               "only,two\n"
                               "m\tmath\t0.3\n"
                               "m2,math,0.1,extra\n";
    cs_scorefile sf;
    read_text(text, sizeof text - 1, &sf);
    ck_assert_uint_eq(sf.n, 6);
    /* line 1 the header (after the BOM), 3 blank */
    ck_assert_int_eq(sf.rec[0].line, 2);
    ck_assert_str_eq(sf.rec[0].model, "m1");
    ck_assert_str_eq(sf.rec[0].task, "math");
    ck_assert_str_eq(sf.rec[0].value, "0.5");
    ck_assert_uint_eq(sf.rec[0].n_fields, 3);
    ck_assert_int_eq(sf.rec[1].line, 4);
    ck_assert_str_eq(sf.rec[1].model, "a, \"quoted\" name");
    ck_assert_str_eq(sf.rec[1].task, "coding"); /* blanks around an unquoted field dropped */
    ck_assert_str_eq(sf.rec[1].value, "0.25");
    ck_assert_int_eq(sf.rec[2].line, 5);
    ck_assert_str_eq(sf.rec[2].model, "two\nlines");
    ck_assert_int_eq(sf.rec[3].line, 7); /* the record before spans lines 5 and 6 */
    ck_assert_uint_eq(sf.rec[3].n_fields, 2);
    ck_assert_str_eq(sf.rec[3].value, "");
    ck_assert_int_eq(sf.rec[4].line, 8);
    ck_assert_uint_eq(sf.rec[4].n_fields, 1);
    ck_assert_str_eq(sf.rec[4].model, "m\tmath\t0.3");
    ck_assert_int_eq(sf.rec[5].line, 9);
    ck_assert_uint_eq(sf.rec[5].n_fields, 4);
    cs_scorefile_free(&sf);
}
END_TEST

/* A header wherever it is: lists joined with cat repeat it, twice at the
 * start when the first list has no record (the fuzz harness found that
 * one read as a record), and model,task,value can be no record ("value"
 * is no score: it was refused with its line, and nothing entered). */
START_TEST(test_header_anywhere)
{
    static const char text[] = "model,task,value\nMODEL,Task,value\nm1,math,0.5\nmodel,task,value\nm2,math,0.25\n";
    cs_scorefile sf;
    read_text(text, sizeof text - 1, &sf);
    ck_assert_uint_eq(sf.n, 2);
    ck_assert_str_eq(sf.rec[0].model, "m1");
    ck_assert_int_eq(sf.rec[0].line, 3);
    ck_assert_str_eq(sf.rec[1].model, "m2");
    ck_assert_int_eq(sf.rec[1].line, 5);
    cs_scorefile_free(&sf);
}
END_TEST

/* Exports joined with cat, each a spreadsheet's "CSV UTF-8" that starts
 * with a byte-order mark: the second list's header is still a header, and
 * a list without one still gives its model's name (quoted too), on the
 * lines where they are. (The second header was a record of a model
 * "\ufeffmodel", refused, and so every score with it.) */
START_TEST(test_bom_every_line)
{
    static const char text[] = "\xEF\xBB\xBFmodel,task,value\r\nm1,math,0.5\r\n"
                               "\xEF\xBB\xBFmodel,task,value\r\nm2,math,0.25\r\n"
                               "\xEF\xBB\xBFm3,math,0.75\r\n"
                               "\xEF\xBB\xBF\"m, 4\",math,1\n";
    cs_scorefile sf;
    read_text(text, sizeof text - 1, &sf);
    ck_assert_uint_eq(sf.n, 4);
    const char *models[] = { "m1", "m2", "m3", "m, 4" };
    const long lines[] = { 2, 4, 5, 6 };
    for (size_t i = 0; i < 4; i++) {
        ck_assert_str_eq(sf.rec[i].model, models[i]);
        ck_assert_int_eq(sf.rec[i].line, lines[i]);
        ck_assert_uint_eq(sf.rec[i].n_fields, 3);
    }
    cs_scorefile_free(&sf);
}
END_TEST

/* What stops the reading: an open quote, a NUL, a missing file. */
START_TEST(test_errors)
{
    static const char open_quote[] = "m1,math,0.5\n\"m2,math,0.5\n";
    write_file(open_quote, sizeof open_quote - 1);
    cs_scorefile sf;
    cs_error err;
    ck_assert_int_eq(cs_scorefile_read(path, &sf, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_uint_eq(sf.n, 0);
    unlink(path);
    static const char nul[] = "m1,math,0.5\nm2\0,math,0.5\n";
    write_file(nul, sizeof nul - 1);
    ck_assert_int_eq(cs_scorefile_read(path, &sf, &err), -1);
    ck_assert_int_eq(err.line, 2);
    unlink(path);
    ck_assert_int_eq(cs_scorefile_read(path, &sf, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    cs_scorefile_free(&sf);
}
END_TEST

/* scorefile.h: the header is model,task,value. A record that starts with
 * those names but has a field more, or another value, is a record (a
 * model named "model" on a task named "task"), kept with its line. */
START_TEST(test_only_the_whole_header_is_skipped)
{
    static const char text[] = "model,task,value,extra\nmodel,task,0.5\nModel,Task,Value\n";
    cs_scorefile sf;
    read_text(text, sizeof text - 1, &sf);
    ck_assert_uint_eq(sf.n, 2);
    ck_assert_int_eq(sf.rec[0].line, 1);
    ck_assert_uint_eq(sf.rec[0].n_fields, 4);
    ck_assert_int_eq(sf.rec[1].line, 2);
    ck_assert_uint_eq(sf.rec[1].n_fields, 3);
    ck_assert_str_eq(sf.rec[1].model, "model");
    ck_assert_str_eq(sf.rec[1].value, "0.5");
    cs_scorefile_free(&sf);
}
END_TEST

/* A byte-order mark at the start of any line (scorefile.h), a line that
 * ends in a lone CR too (a classic Mac export), and one that is the last
 * three bytes of the file (a list joined with cat that holds nothing but
 * its mark): dropped, never part of a name or a record of its own. */
START_TEST(test_bom_after_a_cr_and_at_the_end)
{
    static const char text[] = "m1,math,0.5\r\xEF\xBB\xBFm2,math,0.25\r\n\xEF\xBB\xBF";
    cs_scorefile sf;
    read_text(text, sizeof text - 1, &sf);
    ck_assert_uint_eq(sf.n, 2);
    ck_assert_str_eq(sf.rec[0].model, "m1");
    ck_assert_str_eq(sf.rec[1].model, "m2");
    ck_assert_int_eq(sf.rec[1].line, 2);
    cs_scorefile_free(&sf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scorefile");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_records_and_lines);
    tcase_add_test(tc, test_header_anywhere);
    tcase_add_test(tc, test_bom_every_line);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_only_the_whole_header_is_skipped);
    tcase_add_test(tc, test_bom_after_a_cr_and_at_the_end);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
