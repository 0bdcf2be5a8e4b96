/* Unit tests of costtext.h: the decimals and the notation of a budget's
 * figures for people. Every expected value is the header's rule worked by
 * hand: three significant digits of the budget (52.2: 1 decimal, 0.05: 4,
 * 100 and up: none, at most CS_COST_DEC_MAX), more when the picks' costs
 * need them to be written exactly, or the cheapest pick's first digit when
 * they cannot be (1/3), within a cost column's room; powers of ten for
 * every figure once one reaches 1e6. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/costtext.h"

/* A design result of the given budget and pick costs (the rule reads only these). */
static cs_design_result result_of(double budget, const double *costs, size_t n, cs_pick *picks)
{
    for (size_t k = 0; k < n; k++)
        picks[k] = (cs_pick){ .rank = k + 1, .cost = costs[k] };
    return (cs_design_result){ .budget = budget, .n_picks = n, .picks = picks };
}

START_TEST(decimals_for_three_significant_digits)
{
    ck_assert_int_eq(cs_cost_decimals_for(52.2, 3), 1);  /* 5, 2 . 2 */
    ck_assert_int_eq(cs_cost_decimals_for(9.99, 3), 2);
    ck_assert_int_eq(cs_cost_decimals_for(0.05, 3), 4);  /* 0.0500 */
    ck_assert_int_eq(cs_cost_decimals_for(100, 3), 0);
    ck_assert_int_eq(cs_cost_decimals_for(3807.7, 3), 0);
    ck_assert_int_eq(cs_cost_decimals_for(1e-9, 3), CS_COST_DEC_MAX);
    ck_assert_int_eq(cs_cost_decimals_for(0.27, 1), 1);
    ck_assert_int_eq(cs_cost_decimals_for(0, 3), 0);
    ck_assert_int_eq(cs_cost_decimals_for(-1, 3), 0);
    ck_assert_int_eq(cs_cost_decimals_for(NAN, 3), 0);
    ck_assert_int_eq(cs_cost_decimals_for(INFINITY, 3), 0);
}
END_TEST

START_TEST(decimals_of_a_header)
{
    cs_pick picks[4];
    /* 14, 0.56 and 0.27 need two decimals to be exact; the budget 52.2 one. */
    const double exact[] = { 14, 0.56, 0.27 };
    cs_design_result d = result_of(52.2, exact, 3, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 2);
    /* A column of 6: " 14.00" fits (6 - blank - 2 digits - point = 2). */
    ck_assert_int_eq(cs_cost_decimals(&d, 6), 2);
    /* Of 5, one decimal only, which is the budget's anyway. */
    ck_assert_int_eq(cs_cost_decimals(&d, 5), 1);
    /* Costs under 1 have one digit before the point: " 0.56" needs 5
     * columns, so a column of 4 leaves room for one decimal, the budget's. */
    const double under_one[] = { 0.56, 0.27 };
    d = result_of(52.2, under_one, 2, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 5), 2);
    ck_assert_int_eq(cs_cost_decimals(&d, 4), 1);

    /* 1/3 is never exact: the cheapest pick's first digit (0.3: one), no
     * more than the budget's. */
    const double third[] = { 1.0 / 3 };
    d = result_of(10, third, 1, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 1); /* the budget 10.0: 3 - 1 - 1 = 1; the third: 1 */
    d = result_of(1000, third, 1, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 1); /* the budget none, the third one */
    const double tiny[] = { 0.001 / 3, 2 };
    d = result_of(1000, tiny, 2, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 4); /* 0.0003: so that it does not read as free */

    /* Without a budget (a count alone), the picks decide: 0.5, 2 and 1 need one. */
    const double count_only[] = { 0.5, 2, 1 };
    d = result_of(INFINITY, count_only, 3, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 1);
    /* 0.12345 is exact in CS_COST_DEC_MAX = 5 decimals, the most allowed:
     * written so, not cut to its first digit (0.1) as 1/3 is. */
    const double five[] = { 0.12345 };
    d = result_of(1000, five, 1, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 5);
    /* Whole costs are exact in no decimals: a budget of 1000 keeps none. */
    const double whole[] = { 14, 3 };
    d = result_of(1000, whole, 2, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 0);
    /* A pick that costs nothing is free, not the cheapest cost to show:
     * beside it 1/3 still needs its first digit (one decimal). */
    const double free_and_third[] = { 0, 1.0 / 3 };
    d = result_of(1000, free_and_third, 2, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 1);
    /* No pick with a cost: the budget's. */
    d = result_of(52.2, NULL, 0, picks);
    ck_assert_int_eq(cs_cost_decimals(&d, 0), 1);
}
END_TEST

START_TEST(powers_for_the_whole_header)
{
    const double small[] = { 999999, 5, NAN };
    ck_assert_int_eq(cs_cost_powers(small, 3), 0);
    const double big[] = { 5, 1e6 };
    ck_assert_int_eq(cs_cost_powers(big, 2), 1);
    const double negative[] = { -2e6 };
    ck_assert_int_eq(cs_cost_powers(negative, 1), 1);
    const double unbounded[] = { INFINITY, 3 }; /* "no budget" is not a figure */
    ck_assert_int_eq(cs_cost_powers(unbounded, 2), 0);
    ck_assert_int_eq(cs_cost_powers(NULL, 0), 0);
    /* Small figures too: 5e-5 has one significant digit in five decimals. */
    const double tiny[] = { 5e-5, 0 };
    ck_assert_int_eq(cs_cost_powers(tiny, 2), 1);
    const double fine[] = { 1e-4, 0, 0.3 }; /* 0.00010: two digits; 0 is no figure to count */
    ck_assert_int_eq(cs_cost_powers(fine, 3), 0);
    /* 1e-4 itself is not under 1e-4 ("0.00010": two significant digits). */
    const double at_edge[] = { 1e-4 };
    ck_assert_int_eq(cs_cost_powers(at_edge, 1), 0);
    /* A little left of a budget of 100 is "left 0.0", not a header in powers. */
    const double left_over[] = { 100, 99.99995, 5e-5 };
    ck_assert_int_eq(cs_cost_powers(left_over, 3), 0);
}
END_TEST

START_TEST(text_and_format)
{
    char buf[32], fmt[16];
    ck_assert_str_eq(cs_cost_text(52.26, 1, 0, buf, sizeof buf), "52.3");
    ck_assert_str_eq(cs_cost_text(3807.7, 0, 0, buf, sizeof buf), "3808");
    ck_assert_str_eq(cs_cost_text(3807.7, -1, 0, buf, sizeof buf), "3808"); /* as cs_cost_format(-1) */
    ck_assert_str_eq(cs_cost_text(0.56, 2, 0, buf, sizeof buf), "0.56");
    ck_assert_str_eq(cs_cost_text(2.5e6, 1, 1, buf, sizeof buf), "2.5e+06");
    ck_assert_str_eq(cs_cost_text(900000, 1, 1, buf, sizeof buf), "9.0e+05");
    ck_assert_str_eq(cs_cost_text(INFINITY, 2, 0, buf, sizeof buf), "inf");
    /* A cost that would read 0 in its decimals is written in powers: 3e-6
     * in five was "0.00000"; 0.004 in two "0.00"; 0 itself stays 0. */
    ck_assert_str_eq(cs_cost_text(3e-6, 5, 0, buf, sizeof buf), "3.0e-06");
    ck_assert_str_eq(cs_cost_text(0.004, 2, 0, buf, sizeof buf), "4.0e-03");
    ck_assert_str_eq(cs_cost_text(0.006, 2, 0, buf, sizeof buf), "0.01");
    ck_assert_str_eq(cs_cost_text(0.0046, 2, 0, buf, sizeof buf), "4.6e-03"); /* "0.00" in two */
    /* The double nearest 0.005 is a little above it: "0.01", not free. */
    ck_assert_str_eq(cs_cost_text(0.005, 2, 0, buf, sizeof buf), "0.01");
    ck_assert_str_eq(cs_cost_text(0.00502, 2, 0, buf, sizeof buf), "0.01");
    ck_assert_str_eq(cs_cost_text(0, 2, 0, buf, sizeof buf), "0.00");
    ck_assert_str_eq(cs_cost_text(-3e-6, 5, 0, buf, sizeof buf), "-3.0e-06");
    ck_assert_str_eq(cs_cost_format(2, 0, fmt, sizeof fmt), "%.2f");
    ck_assert_str_eq(cs_cost_format(9, 0, fmt, sizeof fmt), "%.5f"); /* at most CS_COST_DEC_MAX */
    ck_assert_str_eq(cs_cost_format(-1, 0, fmt, sizeof fmt), "%.0f");
    ck_assert_str_eq(cs_cost_format(3, 1, fmt, sizeof fmt), "%.1e");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("costtext");
    TCase *tc = tcase_create("rules");
    tcase_add_test(tc, decimals_for_three_significant_digits);
    tcase_add_test(tc, decimals_of_a_header);
    tcase_add_test(tc, powers_for_the_whole_header);
    tcase_add_test(tc, text_and_format);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
