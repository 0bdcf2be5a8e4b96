/* Unit tests of summary.h: the mean over runs and its standard error.
 *
 * Every expected value is worked out by hand: the sample variance with
 * divisor n - 1, the standard error s / sqrt(n).
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>

#include "capscope/summary.h"

#define TOL 1e-12

START_TEST(mean_and_standard_error)
{
    /* 1, 2, 3, 4: mean 2.5, s^2 = (2.25 + 0.25 + 0.25 + 2.25) / 3 = 5/3,
     * se = sqrt(5/3) / 2 = sqrt(5/12). */
    const double x[] = { 1, 2, 3, 4 };
    cs_summary s = cs_summary_mean_se(x, 1, 4);
    ck_assert_uint_eq(s.n, 4);
    ck_assert_double_eq_tol(s.mean, 2.5, TOL);
    ck_assert_double_eq_tol(s.se, sqrt(5.0 / 12.0), TOL);

    /* The same values every other entry. */
    const double strided[] = { 1, 99, 2, -99, 3, 99, 4, -99 };
    s = cs_summary_mean_se(strided, 2, 4);
    ck_assert_double_eq_tol(s.mean, 2.5, TOL);
    ck_assert_double_eq_tol(s.se, sqrt(5.0 / 12.0), TOL);

    /* Equal values: no spread. */
    const double same[] = { 0.3, 0.3, 0.3 };
    s = cs_summary_mean_se(same, 1, 3);
    ck_assert_double_eq_tol(s.mean, 0.3, TOL);
    ck_assert_double_eq_tol(s.se, 0, TOL);
}
END_TEST

START_TEST(too_few_values)
{
    const double one[] = { 0.7 };
    cs_summary s = cs_summary_mean_se(one, 1, 1);
    ck_assert_uint_eq(s.n, 1);
    ck_assert_double_eq_tol(s.mean, 0.7, TOL);
    ck_assert(isnan(s.se));

    /* Two values are the fewest with a standard error: 1 and 3 have mean 2,
     * s^2 = (1 + 1) / (2 - 1) = 2 and se = sqrt(2) / sqrt(2) = 1. */
    const double two[] = { 1, 3 };
    s = cs_summary_mean_se(two, 1, 2);
    ck_assert_uint_eq(s.n, 2);
    ck_assert_double_eq_tol(s.mean, 2, TOL);
    ck_assert_double_eq_tol(s.se, 1, TOL);

    s = cs_summary_mean_se(one, 1, 0);
    ck_assert_uint_eq(s.n, 0);
    ck_assert(isnan(s.mean) && isnan(s.se));
}
END_TEST

/* Two tasks over four runs; the second task's refit failed in run 2, and
 * nothing could be fitted in run 4. Run means: (0.1 + 0.3) / 2 = 0.2, 0.5,
 * (0.2 + 0.4) / 2 = 0.3; their mean 1/3; deviations -4/30, 5/30, -1/30, so
 * s^2 = (16 + 25 + 1) / 900 / 2 = 21/900 and se^2 = 7/900, se = sqrt(7)/30.
 * A mean of the tasks' means would say (0.8/3 + 0.35) / 2 = 0.3083. */
START_TEST(run_means_with_missing_values)
{
    const double x[] = { 0.1, 0.3, 0.5, 123, 0.2, 0.4, 7, 8 };
    const unsigned char has[] = { 1, 1, 1, 0, 1, 1, 0, 0 };
    double run_means[4];
    cs_summary s = cs_summary_run_means(x, has, 4, 2, run_means);
    ck_assert_uint_eq(s.n, 3);
    ck_assert_double_eq_tol(run_means[0], 0.2, TOL);
    ck_assert_double_eq_tol(run_means[1], 0.5, TOL);
    ck_assert_double_eq_tol(run_means[2], 0.3, TOL);
    ck_assert_double_eq_tol(s.mean, 1.0 / 3.0, TOL);
    ck_assert_double_eq_tol(s.se, sqrt(7.0) / 30.0, TOL);

    /* No run with a value: nothing to summarise. */
    const unsigned char none[] = { 0, 0, 0, 0 };
    s = cs_summary_run_means(x, none, 2, 2, run_means);
    ck_assert_uint_eq(s.n, 0);
    ck_assert(isnan(s.mean) && isnan(s.se));
}
END_TEST

static Suite *summary_suite(void)
{
    Suite *s = suite_create("summary");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, mean_and_standard_error);
    tcase_add_test(tc, too_few_values);
    tcase_add_test(tc, run_means_with_missing_values);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(summary_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
