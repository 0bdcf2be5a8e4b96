/* Unit tests of coverage.h: equal-mass binning and per-bin coverage.
 *
 * Every expected edge is worked out by hand from the rule in coverage.h
 * (the reference's binning.py): walk the distinct z values, close a bin
 * once it holds at least target = max(min_size, ceil(n / min(want, groups)))
 * rows with the edge at the value that completed it, then merge bins below
 * min_size into their smaller neighbour. The coverage cases use boundaries
 * built by hand, so q(z) at every row is known exactly.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>

#include "capscope/coverage.h"

#define TOL 1e-12

static void assert_edges(const double *got, size_t n_bins, const double *want, size_t want_bins)
{
    ck_assert_uint_eq(n_bins, want_bins);
    for (size_t i = 0; i <= want_bins; i++)
        ck_assert_double_eq_tol(got[i], want[i], TOL);
}

/* A hand-made boundary: q = y0 + L sigmoid(b (z - z_star)) on [z_min, z_max]. */
static cs_fit hand_fit(double y0, double L, double z_star, double b, double z_min, double z_max)
{
    cs_fit f = {0};
    f.p.y0 = y0;
    f.p.L = L;
    f.p.z_star = z_star;
    f.p.b = b;
    f.z_min = z_min;
    f.z_max = z_max;
    f.tau = CS_TAU_DEFAULT;
    return f;
}

START_TEST(ties_are_never_split)
{
    /* 3 groups (3, 4, 3 rows), want 3: target = ceil(10/3) = 4. The first
     * group leaves acc at 3, the second closes the bin at 2, the last at 3:
     * edges {1, 2, 3}, so z = 2 lies wholly in the second bin. */
    const double z[] = {2, 1, 3, 2, 1, 3, 2, 1, 3, 2};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 10, 3, 1, e);
    const double want[] = {1, 2, 3};
    assert_edges(e, nb, want, 2);

    cs_fit f = hand_fit(1, 0, 1, 1, 1, 3); /* q = 1 everywhere: every row below */
    double y[10] = {0};
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 10, e, nb, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 3);
    ck_assert_uint_eq(c.bins[1].n, 7);
}
END_TEST

START_TEST(first_and_last_small_bins_merge_inward)
{
    /* z = 0..9, want 5, min 3: target max(3, 2) = 3, edges {0, 2, 5, 8, 9}
     * with counts 2, 3, 3, 2. Bin 0 (2 rows) merges right -> {0, 5, 8, 9}
     * (5, 3, 2); the last (2) merges left -> {0, 5, 9} (5, 5). */
    double z[10];
    for (int i = 0; i < 10; i++)
        z[i] = 9 - i;
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 10, 5, 3, e);
    const double want[] = {0, 5, 9};
    assert_edges(e, nb, want, 2);
}
END_TEST

/* cs_bin_edges of groups at z = 1, 2, ..., group g holding counts[g] rows. */
static size_t edges_of_groups(const int *counts, int n_groups, size_t want, size_t min_rows, double *edges)
{
    double z[64];
    size_t n = 0;
    for (int g = 0; g < n_groups; g++)
        for (int r = 0; r < counts[g]; r++) {
            ck_assert_uint_lt(n, sizeof z / sizeof z[0]);
            z[n++] = g + 1;
        }
    return cs_bin_edges(z, n, want, min_rows, edges);
}

START_TEST(middle_small_bin_merges_towards_smaller_neighbour)
{
    /* Groups 1..6 with 5, 1, 1, 9, 1, 5 rows (22), want 4, min 3: target
     * max(3, ceil(22/4) = 6) = 6; bins close at 2 (5+1), 4 (1+9) and 6 (the
     * end): edges {1, 2, 4, 6} with counts 5, 2, 15. Bin 1 is too small; its
     * left neighbour (5) is smaller than its right (15), so it joins the
     * left: {1, 4, 6}. */
    const int counts[] = {5, 1, 1, 9, 1, 5};
    double e[CS_MAX_BINS + 1];
    size_t nb = edges_of_groups(counts, 6, 4, 3, e);
    const double want[] = {1, 4, 6};
    assert_edges(e, nb, want, 2);
}
END_TEST

START_TEST(small_bin_between_equal_neighbours_merges_left)
{
    /* Groups 1..6 with 3, 1, 1, 3, 4, 1 rows (13), want 4, min 3: target
     * max(3, ceil(13/4) = 4) = 4; bins close at 2 (3+1), 4 (1+3), 5 (4) and
     * 6 (the end): edges {1, 2, 4, 5, 6} with counts 3, 2, 3, 5. Bin 1 is too
     * small and both neighbours hold 3 rows: a tie goes left (coverage.c,
     * merge_small_bins), giving {1, 4, 5, 6} (5, 3, 5); joining the right
     * would give {1, 2, 5, 6}. */
    const int counts[] = {3, 1, 1, 3, 4, 1};
    double e[CS_MAX_BINS + 1];
    size_t nb = edges_of_groups(counts, 6, 4, 3, e);
    const double want[] = {1, 4, 5, 6};
    assert_edges(e, nb, want, 3);
}
END_TEST

START_TEST(last_bin_counts_its_upper_edge_when_merging)
{
    /* Groups 1..4 with 3, 1, 1, 2 rows (7), want 2, min 3: target
     * max(3, ceil(7/2) = 4) = 4; the bin closes at 2 (3+1), the end at 4:
     * edges {1, 2, 4}. Bin [1, 2) holds the three 1s; the last bin is closed,
     * so [2, 4] holds 2, 3 and both 4s: four rows, and nothing merges. A count
     * that left out the rows on an edge (the top 4s of the last bin, or the
     * 1s on the lower edge) would find a bin below 3 rows and merge to one. */
    const int counts[] = {3, 1, 1, 2};
    double e[CS_MAX_BINS + 1];
    size_t nb = edges_of_groups(counts, 4, 2, 3, e);
    const double want[] = {1, 2, 4};
    assert_edges(e, nb, want, 2);
}
END_TEST

START_TEST(middle_small_bin_merges_right_when_that_neighbour_is_smaller)
{
    /* Groups 1..5 with 5, 2, 2, 5, 1 rows (15), want 4, min 3: target
     * max(3, ceil(15/4) = 4) = 4. Walking: group 1 (5 rows) closes a bin at
     * once, putting a second edge on 1; groups 2 + 3 (4) close at 3; group 4
     * (5) closes at 4; group 5 is the end: edges {1, 1, 3, 4, 5}. The empty
     * first bin [1, 1) merges away -> {1, 3, 4, 5} with counts 7, 2, 6. Bin 1
     * (2 rows) is too small; its left neighbour (7) is larger than its right
     * (6), so it joins the right: {1, 3, 5} (7, 8). Joining the left would
     * give {1, 4, 5}. The other merge cases here all go left. */
    const int counts[] = {5, 2, 2, 5, 1};
    double e[CS_MAX_BINS + 1];
    size_t nb = edges_of_groups(counts, 5, 4, 3, e);
    const double want[] = {1, 3, 5};
    assert_edges(e, nb, want, 2);
}
END_TEST

START_TEST(a_single_row_is_one_bin)
{
    /* A validation period with one model (test-fixed bins on its z): one
     * distinct value, so one bin with both edges on it, as for any n > 0. */
    const double z[] = {7.5};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 1, CS_BINS_DEFAULT, CS_MIN_BIN_DEFAULT, e);
    const double want[] = {7.5, 7.5};
    assert_edges(e, nb, want, 1);
}
END_TEST

START_TEST(min_size_one_keeps_single_row_bins)
{
    /* z = {1, 2, 3}, want 3, min 1: target max(1, ceil(3/3)) = 1, so every
     * group closes a bin: edges {1, 1, 2, 3}; the empty [1, 1) merges away,
     * leaving [1, 2) with one row and [2, 3] with two, both >= 1: {1, 2, 3}.
     * With min 2 the first bin (one row) would merge: {1, 3}. A min_size of
     * 0 means 1, and want 0 means one bin: target max(1, 3) = 3 is reached
     * only at the end, {1, 3}. */
    const double z[] = {3, 1, 2};
    double e[CS_MAX_BINS + 1];
    const double three[] = {1, 2, 3};
    assert_edges(e, cs_bin_edges(z, 3, 3, 1, e), three, 2);
    assert_edges(e, cs_bin_edges(z, 3, 3, 0, e), three, 2);
    const double two[] = {1, 3};
    assert_edges(e, cs_bin_edges(z, 3, 3, 2, e), two, 1);
    assert_edges(e, cs_bin_edges(z, 3, 0, 1, e), two, 1);
}
END_TEST

START_TEST(a_heavy_last_group_leaves_fewer_bins)
{
    /* z = {1, 2, 3, 3, 3, 3, 3}, want 10, min 1: three groups, so
     * target = max(1, ceil(7 / min(10, 3))) = 3. Groups 1 and 2 hold 2 rows
     * together, short of 3; group 3 completes the only bin, which is also the
     * end: edges {1, 3}, one bin of 7 rows. Counting a fourth group would make
     * the target ceil(7/4) = 2 and close a bin at 2: {1, 2, 3}. */
    const double z[] = {3, 1, 3, 2, 3, 3, 3};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 7, 10, 1, e);
    const double want[] = {1, 3};
    assert_edges(e, nb, want, 1);
}
END_TEST

START_TEST(two_groups_make_one_bin)
{
    /* {1, 1, 2, 2}, want 10, min 1: target 2 is reached by the first group,
     * so an edge lands on 1 twice; the empty bin [1, 1) merges away and one
     * closed bin [1, 2] holds all four rows. Fewer bins than asked. */
    const double z[] = {1, 2, 1, 2};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 4, 10, 1, e);
    const double want[] = {1, 2};
    assert_edges(e, nb, want, 1);
}
END_TEST

START_TEST(one_distinct_value_is_one_bin)
{
    const double z[] = {3, 3, 3};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 3, 10, 30, e);
    const double want[] = {3, 3};
    assert_edges(e, nb, want, 1);

    cs_fit f = hand_fit(0.5, 0, 3, 1, 3, 3);
    const double y[] = {0.2, 0.9, 0.5};
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 3, e, nb, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 3);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 2.0 / 3.0, TOL);
}
END_TEST

START_TEST(empty_and_non_finite_input)
{
    double e[CS_MAX_BINS + 1];
    ck_assert_uint_eq(cs_bin_edges(NULL, 0, 10, 30, e), 0);
    const double z[] = {NAN, INFINITY};
    ck_assert_uint_eq(cs_bin_edges(z, 2, 10, 30, e), 0);

    cs_coverage c;
    cs_fit f = hand_fit(0.5, 0, 0, 1, 0, 1);
    cs_coverage_eval(&f, z, z, 0, e, 0, 0.98, &c);
    ck_assert_uint_eq(c.n_bins, 0);
    ck_assert(isnan(c.macro) && isnan(c.micro) && isnan(c.signed_mean));
}
END_TEST

START_TEST(equal_mass_on_distinct_values)
{
    /* 1000 distinct values, want 10, min 30: target 100; bins close at
     * values 99, 199, ..., 899 and the end, 999. Since the closing value
     * opens the next bin, the first bin holds 99 rows and the last 101. */
    double *z = malloc(1000 * sizeof *z);
    for (int i = 0; i < 1000; i++)
        z[i] = (i * 7919) % 1000; /* a permutation of 0..999 */
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 1000, 10, 30, e);
    ck_assert_uint_eq(nb, 10);
    ck_assert_double_eq(e[0], 0);
    for (int j = 1; j < 10; j++)
        ck_assert_double_eq(e[j], 100 * j - 1);
    ck_assert_double_eq(e[10], 999);

    cs_fit f = hand_fit(1, 0, 0, 1, 0, 999);
    double *y = calloc(1000, sizeof *y);
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 1000, e, nb, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 99);
    ck_assert_uint_eq(c.bins[5].n, 100);
    ck_assert_uint_eq(c.bins[9].n, 101);
    ck_assert_uint_eq(c.n, 1000);
    free(y);
    free(z);
}
END_TEST

START_TEST(more_bins_than_room_are_capped)
{
    double z[200];
    for (int i = 0; i < 200; i++)
        z[i] = i;
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 200, 1000, 1, e);
    ck_assert_uint_le(nb, CS_MAX_BINS);
    for (size_t j = 0; j < nb; j++)
        ck_assert(e[j + 1] > e[j]);
}
END_TEST

/* Ten rows z = 0..9 under the flat boundary q = 0.5; bins {0, 4, 9} (want
 * 2: target 5 closes bins at 4 and 9), so rows 0-3 and 4-9. */
static const double Z10[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
static const double Y10[] = {0.1, 0.6, 0.2, 0.3, 0.4, 0.9, 0.8, 0.5, 0.2, 0.7};

START_TEST(hand_computed_coverage)
{
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(Z10, 10, 2, 1, e);
    const double want[] = {0, 4, 9};
    assert_edges(e, nb, want, 2);

    cs_fit f = hand_fit(0.5, 0, 4.5, 1, 0, 9);
    cs_coverage c;
    cs_coverage_eval(&f, Z10, Y10, 10, e, nb, 0.98, &c);
    /* Bin 0: 0.1, 0.2, 0.3 of 4 are <= 0.5: 3/4. Bin 1: 0.4, 0.5 (equal
     * counts as covered), 0.2 of 6: 1/2. Errors 0.23 and 0.48. */
    ck_assert_uint_eq(c.bins[0].n, 4);
    ck_assert_uint_eq(c.bins[1].n, 6);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.75, TOL);
    ck_assert_double_eq_tol(c.bins[1].hat_tau, 0.5, TOL);
    ck_assert_double_eq_tol(c.macro, (0.23 + 0.48) / 2, TOL);
    ck_assert_double_eq_tol(c.micro, (4 * 0.23 + 6 * 0.48) / 10, TOL); /* 0.38 != 0.355 */
    ck_assert_double_eq_tol(c.signed_mean, -(0.23 + 0.48) / 2, TOL);
    ck_assert_uint_eq(c.n, 10);
    ck_assert_double_eq(c.bins[0].z_lo, 0);
    ck_assert_double_eq(c.bins[1].z_hi, 9);
}
END_TEST

START_TEST(all_covered_gives_exactly_tau_gap)
{
    /* Every point on or below the boundary: hat_tau = 1 in every bin, so the
     * macro, micro and signed errors are all 1 - 0.98 = 0.02. */
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(Z10, 10, 2, 1, e);
    cs_fit f = hand_fit(0.1, 0.8, 4.5, 1, 0, 9); /* q >= 0.1 + 0.8 s(-4.5) > 0.108 */
    double y[10];
    for (int i = 0; i < 10; i++)
        y[i] = cs_fit_predict(&f, Z10[i]) - (i % 3 == 0 ? 0.0 : 0.05 * (i % 3));
    cs_coverage c;
    cs_coverage_eval(&f, Z10, y, 10, e, nb, 0.98, &c);
    ck_assert_double_eq_tol(c.macro, 0.02, TOL);
    ck_assert_double_eq_tol(c.micro, 0.02, TOL);
    ck_assert_double_eq_tol(c.signed_mean, 0.02, TOL);
}
END_TEST

START_TEST(predictions_are_clamped_to_the_fit_range)
{
    /* A steep boundary fitted on z in [2, 5] with midpoint 5: q(5) = 0.5.
     * A row at z = 9 is judged at z = 5 (0.5), not at q(9) ~ 1. */
    cs_fit f = hand_fit(0, 1, 5, 50, 2, 5);
    const double z[] = {9};
    const double y[] = {0.7};
    const double e[] = {0, 10};
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 1, e, 1, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 1);
    ck_assert_double_eq(c.bins[0].hat_tau, 0);
}
END_TEST

START_TEST(rows_outside_the_bins_are_left_out)
{
    const double e[] = {1, 2, 3};
    const double z[] = {0.5, 1, 1.5, 2, 3, 3.5};
    const double y[] = {0, 0, 0, 0, 0, 0};
    cs_fit f = hand_fit(1, 0, 2, 1, 0, 4);
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 6, e, 2, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 2); /* 1, 1.5 */
    ck_assert_uint_eq(c.bins[1].n, 2); /* 2 and the closed upper edge 3 */
    ck_assert_uint_eq(c.n, 4);
}
END_TEST

START_TEST(empty_bins_and_missing_scores_are_left_out)
{
    /* Three bins [0, 1), [1, 2), [2, 3] under the flat q = 0.5, tau 0.98.
     * Bin 0: y 0 and 1, so hat_tau 1/2, error 0.48; bin 1 holds no row;
     * bin 2: three rows at 0, hat_tau 1, error 0.02. A row whose score is
     * NaN is no observation and must not count in its bin. Over the two
     * non-empty bins: macro (0.48 + 0.02) / 2 = 0.25, micro
     * (2 * 0.48 + 3 * 0.02) / 5 = 0.204, signed (-0.48 + 0.02) / 2 = -0.23.
     * Counting the empty bin as hat_tau 0 would give macro 1.48 / 3 and a
     * NaN row as uncovered would give bin 0 hat_tau 1/3. */
    const double e[] = {0, 1, 2, 3};
    const double z[] = {0.5, 0.5, 0.5, 2.5, 2.5, 3};
    const double y[] = {0, 1, NAN, 0, 0, 0.5};
    cs_fit f = hand_fit(0.5, 0, 1.5, 1, 0, 3);
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 6, e, 3, 0.98, &c);
    ck_assert_uint_eq(c.n_bins, 3);
    ck_assert_uint_eq(c.bins[0].n, 2);
    ck_assert_uint_eq(c.bins[1].n, 0);
    ck_assert_uint_eq(c.bins[2].n, 3); /* 3 is the closed upper edge; y = q is covered */
    ck_assert_uint_eq(c.n, 5);
    ck_assert_uint_eq(c.n_judged, 2); /* the means' denominator */
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.5, TOL);
    ck_assert_double_eq(c.bins[1].hat_tau, 0);
    ck_assert_double_eq_tol(c.bins[2].hat_tau, 1, TOL);
    ck_assert_double_eq_tol(c.macro, 0.25, TOL);
    ck_assert_double_eq_tol(c.micro, 0.204, TOL);
    ck_assert_double_eq_tol(c.signed_mean, -0.23, TOL);

    /* Every row outside the bins: nothing judged, all three NaN. */
    const double far[] = {5, 6};
    const double y2[] = {0, 0};
    cs_coverage_eval(&f, far, y2, 2, e, 3, 0.98, &c);
    ck_assert_uint_eq(c.n_bins, 3);
    ck_assert_uint_eq(c.n, 0);
    ck_assert_uint_eq(c.n_judged, 0);
    ck_assert(isnan(c.macro) && isnan(c.micro) && isnan(c.signed_mean));
}
END_TEST

START_TEST(hat_tau_equal_to_tau_is_no_error)
{
    /* 50 rows in one bin, 49 on or below q = 0.5: hat_tau = 49/50 = 0.98,
     * which is the double nearest 0.98 (both are 0.98 correctly rounded),
     * so the error is exactly 0, not a rounding residue. The uncovered row
     * is the one just above q, the covered ones include y = q exactly. */
    double z[50], y[50];
    for (int i = 0; i < 50; i++) {
        z[i] = i;
        y[i] = i == 7 ? 0.5 + 1e-12 : i % 2 ? 0.5 : 0.1;
    }
    const double e[] = {0, 49};
    cs_fit f = hand_fit(0.5, 0, 25, 1, 0, 49);
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 50, e, 1, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 50);
    ck_assert_double_eq(c.bins[0].hat_tau, 0.98);
    ck_assert_double_eq(c.macro, 0);
    ck_assert_double_eq(c.micro, 0);
    ck_assert_double_eq(c.signed_mean, 0);
}
END_TEST

START_TEST(weighted_coverage_is_the_share_of_the_weight)
{
    /* Two bins [0, 1), [1, 2] under the flat q = 0.5, tau 0.98.
     * Bin 0: y 0 (w 3), 1 (w 1), 0.2 (w 0: left out, as the fit leaves it):
     * the covered weight 3 of 4, hat_tau 0.75 (plain counts: 1/2).
     * Bin 1: y 0.5 (w 1, y = q is covered), 0.9 (w 4), 0.1 (w 5): 6 of 10,
     * hat_tau 0.6 (plain: 2/3). Errors 0.23 and 0.38: macro 0.305, signed
     * (-0.23 - 0.38) / 2 = -0.305, micro by weight (4 * 0.23 + 10 * 0.38) / 14
     * = 4.72 / 14; n counts the five rows of positive weight. */
    const double e[] = {0, 1, 2};
    const double z[] = {0.5, 0.5, 0.5, 1.5, 2, 1.5};
    const double y[] = {0, 1, 0.2, 0.5, 0.9, 0.1};
    const double w[] = {3, 1, 0, 1, 4, 5};
    cs_fit f = hand_fit(0.5, 0, 1, 1, 0, 2);
    cs_coverage c;
    cs_coverage_eval_weighted(&f, z, y, w, 6, e, 2, 0.98, &c);
    ck_assert(c.weighted);
    ck_assert_uint_eq(c.n_bins, 2);
    ck_assert_uint_eq(c.bins[0].n, 2);
    ck_assert_uint_eq(c.bins[1].n, 3);
    ck_assert_uint_eq(c.n, 5);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.75, TOL);
    ck_assert_double_eq_tol(c.bins[1].hat_tau, 0.6, TOL);
    ck_assert_double_eq_tol(c.macro, 0.305, TOL);
    ck_assert_double_eq_tol(c.signed_mean, -0.305, TOL);
    ck_assert_double_eq_tol(c.micro, 4.72 / 14, TOL);

    /* The scale of the weights does not matter, however extreme (their sums
     * near DBL_MAX would overflow, near the smallest doubles lose digits).
     * At 3e307 every weight is finite (5 * 3e307 < DBL_MAX ~ 1.8e308) but bin
     * 1's sum 10 * 3e307 is not: summed unscaled it would be inf and hat_tau
     * inf / inf. 1e300 alone would not tell: its sums fit. */
    const double scales[] = {3e307, 1e300, 1e-310};
    for (size_t k = 0; k < 3; k++) {
        double ws[6];
        for (size_t i = 0; i < 6; i++)
            ws[i] = w[i] * scales[k];
        cs_coverage_eval_weighted(&f, z, y, ws, 6, e, 2, 0.98, &c);
        ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.75, TOL);
        ck_assert_double_eq_tol(c.bins[1].hat_tau, 0.6, TOL);
        ck_assert_double_eq_tol(c.micro, 4.72 / 14, TOL);
    }

    /* Without weights: the plain counts, and not said to be weighted. */
    cs_coverage_eval_weighted(&f, z, y, NULL, 6, e, 2, 0.98, &c);
    ck_assert(!c.weighted);
    ck_assert_uint_eq(c.bins[0].n, 3);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 2.0 / 3, TOL);
    ck_assert_double_eq_tol(c.bins[1].hat_tau, 2.0 / 3, TOL);
}
END_TEST

/* The contract: cs_coverage_eval_weighted on the default bins, weighted or
 * not; every bin of 1000 distinct z has rows on both sides of a flat q of
 * 0.5, so no bin is judged 0 or 1. */
START_TEST(in_sample_coverage_on_the_default_bins)
{
    double z[1000], y[1000], w[1000];
    for (int i = 0; i < 1000; i++) {
        z[i] = i;
        y[i] = i % 2 ? 0.1 : 0.9;
        w[i] = i % 2 ? 3.0 : 1.0;
    }
    cs_fit f = hand_fit(0.5, 0, 500, 1, 0, 999);
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_bin_edges(z, 1000, CS_BINS_DEFAULT, CS_MIN_BIN_DEFAULT, e);
    ck_assert_uint_gt(nb, 1);
    for (int weighted = 0; weighted < 2; weighted++) {
        cs_coverage c, want;
        const double *wt = weighted ? w : NULL;
        ck_assert_int_eq(cs_coverage_in_sample(&f, z, y, wt, 1000, 0.98, &c), 0);
        cs_coverage_eval_weighted(&f, z, y, wt, 1000, e, nb, 0.98, &want);
        ck_assert_uint_eq(c.n_bins, nb);
        ck_assert_uint_eq(c.n, 1000);
        ck_assert_int_eq(c.weighted, weighted);
        ck_assert(c.macro == want.macro && c.micro == want.micro);
        ck_assert(c.macro > 0.2 && c.macro < 0.8);
    }
    /* No rows, no bins: out is left as it was. */
    cs_coverage c;
    c.n = 12345;
    ck_assert_int_eq(cs_coverage_in_sample(&f, z, y, NULL, 0, 0.98, &c), -1);
    ck_assert_uint_eq(c.n, 12345);
}
END_TEST

/* The figures the TUI's coverage strip shows (macro err, signed, bins,
 * each bin's hat_tau) come from cs_coverage_in_sample. On five rows the
 * default bins (10 wanted, at least 30 rows each) merge into one, so the
 * whole strip can be worked out on paper: under the flat q = 0.5, scores
 * 0.1, 0.6, 0.2, 0.5, 0.9 have 0.1, 0.2 and 0.5 (y = q is covered) on or
 * below it, hat_tau = 3/5 = 0.6, error |0.6 - 0.98| = 0.38, signed -0.38,
 * one bin judged, spanning the rows' range [21, 23]. With weights 1, 1,
 * 1, 1, 6 the covered weight is 3 of 10: hat_tau 0.3, macro 0.68. */
START_TEST(in_sample_coverage_of_five_rows_by_hand)
{
    const double z[] = {21, 21.5, 22, 22.5, 23};
    const double y[] = {0.1, 0.6, 0.2, 0.5, 0.9};
    const double w[] = {1, 1, 1, 1, 6};
    cs_fit f = hand_fit(0.5, 0, 22, 1, 21, 23);
    cs_coverage c;
    ck_assert_int_eq(cs_coverage_in_sample(&f, z, y, NULL, 5, 0.98, &c), 0);
    ck_assert_uint_eq(c.n_bins, 1);
    ck_assert_uint_eq(c.n_judged, 1);
    ck_assert_uint_eq(c.n, 5);
    ck_assert_double_eq(c.bins[0].z_lo, 21);
    ck_assert_double_eq(c.bins[0].z_hi, 23);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.6, TOL);
    ck_assert_double_eq_tol(c.macro, 0.38, TOL);
    ck_assert_double_eq_tol(c.micro, 0.38, TOL);
    ck_assert_double_eq_tol(c.signed_mean, -0.38, TOL);

    ck_assert_int_eq(cs_coverage_in_sample(&f, z, y, w, 5, 0.98, &c), 0);
    ck_assert(c.weighted);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.3, TOL);
    ck_assert_double_eq_tol(c.macro, 0.68, TOL);
    ck_assert_double_eq_tol(c.signed_mean, -0.68, TOL);
}
END_TEST

START_TEST(oos_train_overlap_clips_edges)
{
    /* Training bins {0, 4, 9}. */
    double e[CS_MAX_BINS + 1];
    cs_fit f = hand_fit(1, 0, 4.5, 1, 0, 9); /* q = 1: everything covered */

    /* Validation z in [2, 12]: overlap [2, 9] -> {2, 4, 9}; rows at 10-12
     * fall outside every bin. */
    const double zv[] = {2, 3, 4, 5, 9, 10, 11, 12};
    const double yv[8] = {0};
    size_t nb = cs_oos_edges(Z10, 10, zv, 8, CS_OOS_TRAIN_OVERLAP, 2, 1, e);
    const double want1[] = {2, 4, 9};
    assert_edges(e, nb, want1, 2);
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, zv, yv, 8, CS_OOS_TRAIN_OVERLAP, 2, 1, 0.98, &c, &err), 0);
    ck_assert_uint_eq(c.bins[0].n, 2);
    ck_assert_uint_eq(c.bins[1].n, 3);
    ck_assert_uint_eq(c.n, 5);

    /* Validation in [5, 12]: overlap [5, 9]; every edge is clipped to it,
     * {0, 4, 9} -> {5, 5, 9}: the first bin lies wholly below the overlap
     * and is dropped, leaving [5, 9]. */
    const double zv2[] = {5, 12};
    nb = cs_oos_edges(Z10, 10, zv2, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, e);
    const double want2[] = {5, 9};
    assert_edges(e, nb, want2, 1);

    /* Validation in [-3, 3]: overlap [0, 3]; clipped, {0, 4, 9} -> {0, 3, 3}:
     * the last bin lies wholly above the overlap and is dropped, so [0, 3]
     * is now the last, closed bin. */
    const double zv3[] = {-3, 3};
    nb = cs_oos_edges(Z10, 10, zv3, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, e);
    const double want3[] = {0, 3};
    assert_edges(e, nb, want3, 1);
}
END_TEST

START_TEST(oos_train_overlap_drops_bins_outside_the_overlap)
{
    /* Training: 40 rows at each of z = 21..25; want 10, min 30 gives
     * target max(30, ceil(200 / 5)) = 40, so every level closes a bin and
     * the edges are {21, 22, 23, 24, 25} (the last bin closed, 80 rows).
     * Validation at 23.5, 24.5 and 26: the overlap is [23.5, 25], so the
     * clipped edges are {23.5, 23.5, 23.5, 24, 25}: two bins with width,
     * [23.5, 24) and [24, 25], each holding 20 validation rows. The
     * training bins [21, 22) and [22, 23) lie outside the overlap and
     * cannot hold a validation row: they are not bins of the judgement. */
    double zt[200], zv[60], yv[60] = {0};
    for (size_t i = 0; i < 200; i++)
        zt[i] = 21 + (double)(i / 40);
    for (size_t i = 0; i < 60; i++)
        zv[i] = i < 20 ? 23.5 : i < 40 ? 24.5 : 26;
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_oos_edges(zt, 200, zv, 60, CS_OOS_TRAIN_OVERLAP, 10, 30, e);
    const double want[] = {23.5, 24, 25};
    assert_edges(e, nb, want, 2);

    cs_fit f = hand_fit(1, 0, 23, 1, 21, 25); /* q = 1: all covered */
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, zt, 200, zv, yv, 60, CS_OOS_TRAIN_OVERLAP, 10, 30,
                                     0.98, &c, &err), 0);
    ck_assert_uint_eq(c.n_bins, 2);
    ck_assert_uint_eq(c.n_judged, 2);
    ck_assert_uint_eq(c.bins[0].n, 20);
    ck_assert_uint_eq(c.bins[1].n, 20);
    ck_assert_uint_eq(c.n, 40);
}
END_TEST

START_TEST(oos_bins_inside_the_overlap_without_a_row_are_not_judged)
{
    /* Training: 40 rows at each of z = 21..25, edges {21, 22, 23, 24, 25}
     * (as above). Validation: 20 rows at 21.5, all y = 0, and 20 at 24.5,
     * half y = 0 and half y = 1. The overlap is [21.5, 24.5], so the
     * clipped edges are {21.5, 22, 23, 24, 24.5}: four bins with width, of
     * which [22, 23) and [23, 24) hold no validation row. Under q = 0.5,
     * tau 0.98: bin 1 hat_tau 1 (error 0.02), bin 4 hat_tau 0.5 (error 0.48);
     * macro (0.02 + 0.48) / 2 = 0.25 over the two bins judged, not four. */
    double zt[200], zv[40], yv[40];
    for (size_t i = 0; i < 200; i++)
        zt[i] = 21 + (double)(i / 40);
    for (size_t i = 0; i < 40; i++) {
        zv[i] = i < 20 ? 21.5 : 24.5;
        yv[i] = i < 30 ? 0 : 1;
    }
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_oos_edges(zt, 200, zv, 40, CS_OOS_TRAIN_OVERLAP, 10, 30, e);
    const double want[] = {21.5, 22, 23, 24, 24.5};
    assert_edges(e, nb, want, 4);

    cs_fit f = hand_fit(0.5, 0, 23, 1, 21, 25);
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, zt, 200, zv, yv, 40, CS_OOS_TRAIN_OVERLAP, 10, 30,
                                     0.98, &c, &err), 0);
    ck_assert_uint_eq(c.n_bins, 4);
    ck_assert_uint_eq(c.n_judged, 2);
    ck_assert_uint_eq(c.bins[1].n, 0);
    ck_assert_uint_eq(c.bins[2].n, 0);
    ck_assert_uint_eq(c.n, 40);
    ck_assert_double_eq_tol(c.macro, 0.25, TOL);
    /* oos_signed and oos_micro by hand too: signed (+0.02 - 0.48) / 2 =
     * -0.23 over the judged bins; micro (20 * 0.02 + 20 * 0.48) / 40 =
     * 0.25 (the two bins hold 20 rows each). */
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 1, TOL);
    ck_assert_double_eq_tol(c.bins[3].hat_tau, 0.5, TOL);
    ck_assert_double_eq_tol(c.signed_mean, -0.23, TOL);
    ck_assert_double_eq_tol(c.micro, 0.25, TOL);
}
END_TEST

START_TEST(oos_without_overlap_or_rows)
{
    cs_fit f = hand_fit(1, 0, 4.5, 1, 0, 9);
    const double zv[] = {10, 12};
    const double yv[] = {0, 0};
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, zv, yv, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, 0.98, &c, &err), 1);
    ck_assert_uint_eq(c.n_bins, 0);
    ck_assert(isnan(c.macro));
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, zv, yv, 0, CS_OOS_TEST_FIXED, 2, 1, 0.98, &c, &err), 1);
    ck_assert_uint_eq(c.n_bins, 0);
    /* Rows without a finite z have no range to overlap: no bin (1), which
     * is not running out of memory (-1), in either mode, on either side. */
    const double z_none[] = {NAN, INFINITY};
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, z_none, yv, 2, CS_OOS_TEST_FIXED, 2, 1, 0.98, &c, &err), 1);
    ck_assert_uint_eq(c.n_bins, 0);
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, z_none, yv, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, 0.98, &c, &err), 1);
    ck_assert_int_eq(cs_coverage_oos(&f, z_none, 2, Z10, Z10, 10, CS_OOS_TRAIN_OVERLAP, 2, 1, 0.98, &c, &err), 1);
    ck_assert_uint_eq(c.n_bins, 0);
}
END_TEST

START_TEST(oos_ranges_touching_at_one_value_leave_no_bin)
{
    /* Training z 0..9 (Z10), validation z {9, 11}: the overlap is [9, 9].
     * Every training edge clips to 9, no bin keeps any width, so none is
     * left (coverage.h: an overlap of a single z leaves none) and the row
     * at z = 9 is not judged. */
    cs_fit f = hand_fit(1, 0, 4.5, 1, 0, 9);
    const double zv[] = {9, 11};
    const double yv[] = {0, 0};
    double e[CS_MAX_BINS + 1];
    ck_assert_uint_eq(cs_oos_edges(Z10, 10, zv, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, e), 0);
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, Z10, 10, zv, yv, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, 0.98, &c, &err), 1);
    ck_assert_uint_eq(c.n_bins, 0);
    ck_assert_uint_eq(c.n, 0);
    ck_assert(isnan(c.macro));
}
END_TEST

START_TEST(oos_with_one_bin_or_one_row)
{
    /* Training z {1, 1, 2, 2} make one bin [1, 2] (see
     * two_groups_make_one_bin); validation z {1.5, 3} overlap it on
     * [1.5, 2], so train-overlap keeps that one bin, clipped: {1.5, 2}. */
    const double zt[] = {1, 2, 1, 2}, zv[] = {1.5, 3};
    double e[CS_MAX_BINS + 1];
    const double clipped[] = {1.5, 2};
    assert_edges(e, cs_oos_edges(zt, 4, zv, 2, CS_OOS_TRAIN_OVERLAP, 10, 1, e), clipped, 1);
    /* Test-fixed bins on a single validation row: one bin on its z, which
     * judges it. Under the flat q = 0.5 the row at y 0.3 is covered:
     * hat_tau 1, error |1 - 0.98| = 0.02. */
    cs_fit f = hand_fit(0.5, 0, 1, 1, 1, 2);
    const double z1[] = {5}, y1[] = {0.3};
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, zt, 4, z1, y1, 1, CS_OOS_TEST_FIXED, 10, 1, 0.98, &c, &err), 0);
    ck_assert_uint_eq(c.n_bins, 1);
    ck_assert_uint_eq(c.n, 1);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 1.0, TOL);
    ck_assert_double_eq_tol(c.macro, 0.02, TOL);
}
END_TEST

START_TEST(oos_test_fixed_bins_on_validation)
{
    /* Test-fixed ignores the training z: the validation z 0..9 get the
     * bins {0, 4, 9} even though training ends at 3. */
    const double zt[] = {0, 1, 2, 3};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_oos_edges(zt, 4, Z10, 10, CS_OOS_TEST_FIXED, 2, 1, e);
    const double want[] = {0, 4, 9};
    assert_edges(e, nb, want, 2);

    cs_fit f = hand_fit(0.5, 0, 1.5, 1, 0, 3);
    cs_coverage c;
    cs_error err;
    ck_assert_int_eq(cs_coverage_oos(&f, zt, 4, Z10, Y10, 10, CS_OOS_TEST_FIXED, 2, 1, 0.98, &c, &err), 0);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 0.75, TOL);
    ck_assert_double_eq_tol(c.bins[1].hat_tau, 0.5, TOL);
}
END_TEST

START_TEST(oos_mode_names)
{
    cs_oos_bins m;
    ck_assert_int_eq(cs_oos_bins_parse("test-fixed", &m), 0);
    ck_assert_int_eq(m, CS_OOS_TEST_FIXED);
    ck_assert_int_eq(cs_oos_bins_parse("train_overlap", &m), 0);
    ck_assert_int_eq(m, CS_OOS_TRAIN_OVERLAP);
    ck_assert_int_eq(cs_oos_bins_parse("overlap", &m), -1);
    ck_assert_str_eq(cs_oos_bins_name(CS_OOS_TEST_FIXED), "test-fixed");
}
END_TEST

/* The cap is 64 bins, not 63: 128 distinct z, want 64, min 1 give target
 * ceil(128 / 64) = 2, so bins close at 1, 3, 5, ..., 127: edges 0 and
 * 2k - 1 for k = 1..64, 65 edges, 64 bins (1 row, 2 rows each, 3 in the
 * closed last one). Asking for more than the cap gives the same. */
START_TEST(the_cap_itself_is_reachable)
{
    double z[128];
    for (int i = 0; i < 128; i++)
        z[i] = 127 - i;
    const size_t wants[] = {CS_MAX_BINS, 1000};
    for (size_t k = 0; k < 2; k++) {
        double e[CS_MAX_BINS + 1];
        size_t nb = cs_bin_edges(z, 128, wants[k], 1, e);
        ck_assert_uint_eq(nb, CS_MAX_BINS);
        ck_assert_double_eq(e[0], 0);
        for (int j = 1; j <= CS_MAX_BINS; j++)
            ck_assert_double_eq(e[j], 2 * j - 1);
    }
}
END_TEST

/* More bins than a cs_coverage holds are cut to the first CS_MAX_BINS,
 * never written past bins[]. */
START_TEST(coverage_of_more_bins_than_room_is_capped)
{
    double e[CS_MAX_BINS + 2];
    for (int j = 0; j < CS_MAX_BINS + 2; j++)
        e[j] = j;
    const double z[] = {0.5, 64.5};
    const double y[] = {0, 0};
    cs_fit f = hand_fit(1, 0, 1, 1, 0, 65);
    cs_coverage c;
    cs_coverage_eval(&f, z, y, 2, e, CS_MAX_BINS + 1, 0.98, &c);
    ck_assert_uint_eq(c.n_bins, CS_MAX_BINS);
    ck_assert_uint_eq(c.n, 1); /* z = 64.5 lies in the 65th bin, cut */
}
END_TEST

/* The fit refuses weights whose sum is not finite; coverage given one
 * leaves that row out rather than let it scale every other weight to 0 or
 * make a bin's share inf / inf. The other rows are those of
 * weighted_coverage_is_the_share_of_the_weight's bin 1: 6 of 10. */
START_TEST(an_infinite_weight_is_left_out)
{
    const double e[] = {0, 1, 2};
    const double z[] = {0.5, 1.5, 2, 1.5};
    const double y[] = {0, 0.5, 0.9, 0.1};
    const double w[] = {INFINITY, 1, 4, 5};
    cs_fit f = hand_fit(0.5, 0, 1, 1, 0, 2);
    cs_coverage c;
    cs_coverage_eval_weighted(&f, z, y, w, 4, e, 2, 0.98, &c);
    ck_assert_uint_eq(c.bins[0].n, 0);
    ck_assert_uint_eq(c.bins[1].n, 3);
    ck_assert_uint_eq(c.n_judged, 1);
    ck_assert_double_eq_tol(c.bins[1].hat_tau, 0.6, TOL);
    ck_assert_double_eq_tol(c.macro, 0.38, TOL);
    ck_assert_double_eq_tol(c.micro, 0.38, TOL);
}
END_TEST

/* The default minimum is 30 rows: groups of 29, 31 and 30 rows at z = 1, 2,
 * 3 give target max(30, ceil(90 / 3)) = 30, edges {1, 2, 3} with counts 29
 * and 61; the first bin is below 30 and merges: one bin [1, 3] of 90 rows.
 * (A minimum of 29 would keep two bins.) Under the flat q = 0.5 the rows
 * with y = 0 (those at z = 1 and 3) are covered: hat_tau = 59 / 90. */
START_TEST(in_sample_bins_hold_at_least_30_rows)
{
    double z[90], y[90];
    for (int i = 0; i < 90; i++) {
        z[i] = i < 29 ? 1 : i < 60 ? 2 : 3;
        y[i] = z[i] == 2 ? 1 : 0;
    }
    cs_fit f = hand_fit(0.5, 0, 2, 1, 1, 3);
    cs_coverage c;
    ck_assert_int_eq(cs_coverage_in_sample(&f, z, y, NULL, 90, 0.98, &c), 0);
    ck_assert_uint_eq(c.n_bins, 1);
    ck_assert_double_eq(c.bins[0].z_lo, 1);
    ck_assert_double_eq(c.bins[0].z_hi, 3);
    ck_assert_uint_eq(c.bins[0].n, 90);
    ck_assert_double_eq_tol(c.bins[0].hat_tau, 59.0 / 90, TOL);
}
END_TEST

/* The overlap is of the finite z: a validation z of inf or -inf (or NaN)
 * must not stretch it. Training bins {0, 4, 9} (Z10, want 2); the finite
 * validation z span [2, 5], so the edges are clipped to {2, 4, 5}. */
START_TEST(oos_overlap_ignores_non_finite_validation_z)
{
    const double zv[] = {2, INFINITY, 3, -INFINITY, 5, NAN};
    double e[CS_MAX_BINS + 1];
    size_t nb = cs_oos_edges(Z10, 10, zv, 6, CS_OOS_TRAIN_OVERLAP, 2, 1, e);
    const double want[] = {2, 4, 5};
    assert_edges(e, nb, want, 2);
}
END_TEST

/* A clipped bin narrower than 1e-12 counts as no width (the reference's
 * guard): training edges {1, 2, 3} (z = 1, 2, 3, want 2: target 2 closes
 * at 2 and 3) clipped to the overlap [2, 2 + 1e-13] leave widths 0 and
 * 1e-13, so no bin. */
START_TEST(oos_bins_narrower_than_1e_12_are_dropped)
{
    const double zt[] = {1, 2, 3};
    const double zv[] = {2, 2 + 1e-13};
    double e[CS_MAX_BINS + 1];
    ck_assert_uint_eq(cs_bin_edges(zt, 3, 2, 1, e), 2);
    ck_assert_uint_eq(cs_oos_edges(zt, 3, zv, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, e), 0);
    /* 1e-11 wide is a bin. */
    const double zv2[] = {2, 2 + 1e-11};
    ck_assert_uint_eq(cs_oos_edges(zt, 3, zv2, 2, CS_OOS_TRAIN_OVERLAP, 2, 1, e), 1);
}
END_TEST

START_TEST(oos_mode_names_in_both_spellings)
{
    cs_oos_bins m = CS_OOS_TRAIN_OVERLAP;
    ck_assert_int_eq(cs_oos_bins_parse("test_fixed", &m), 0);
    ck_assert_int_eq(m, CS_OOS_TEST_FIXED);
    ck_assert_int_eq(cs_oos_bins_parse("train-overlap", &m), 0);
    ck_assert_int_eq(m, CS_OOS_TRAIN_OVERLAP);
    ck_assert_str_eq(cs_oos_bins_name(CS_OOS_TRAIN_OVERLAP), "train-overlap");
}
END_TEST

static Suite *coverage_suite(void)
{
    Suite *s = suite_create("coverage");
    TCase *bins = tcase_create("binning");
    tcase_add_test(bins, ties_are_never_split);
    tcase_add_test(bins, small_bin_between_equal_neighbours_merges_left);
    tcase_add_test(bins, last_bin_counts_its_upper_edge_when_merging);
    tcase_add_test(bins, first_and_last_small_bins_merge_inward);
    tcase_add_test(bins, middle_small_bin_merges_towards_smaller_neighbour);
    tcase_add_test(bins, two_groups_make_one_bin);
    tcase_add_test(bins, middle_small_bin_merges_right_when_that_neighbour_is_smaller);
    tcase_add_test(bins, a_single_row_is_one_bin);
    tcase_add_test(bins, a_heavy_last_group_leaves_fewer_bins);
    tcase_add_test(bins, min_size_one_keeps_single_row_bins);
    tcase_add_test(bins, one_distinct_value_is_one_bin);
    tcase_add_test(bins, empty_and_non_finite_input);
    tcase_add_test(bins, equal_mass_on_distinct_values);
    tcase_add_test(bins, more_bins_than_room_are_capped);
    tcase_add_test(bins, the_cap_itself_is_reachable);
    suite_add_tcase(s, bins);
    TCase *cov = tcase_create("coverage");
    tcase_add_test(cov, hand_computed_coverage);
    tcase_add_test(cov, all_covered_gives_exactly_tau_gap);
    tcase_add_test(cov, predictions_are_clamped_to_the_fit_range);
    tcase_add_test(cov, rows_outside_the_bins_are_left_out);
    tcase_add_test(cov, empty_bins_and_missing_scores_are_left_out);
    tcase_add_test(cov, weighted_coverage_is_the_share_of_the_weight);
    tcase_add_test(cov, hat_tau_equal_to_tau_is_no_error);
    tcase_add_test(cov, in_sample_coverage_on_the_default_bins);
    tcase_add_test(cov, in_sample_coverage_of_five_rows_by_hand);
    tcase_add_test(cov, oos_train_overlap_clips_edges);
    tcase_add_test(cov, oos_train_overlap_drops_bins_outside_the_overlap);
    tcase_add_test(cov, oos_bins_inside_the_overlap_without_a_row_are_not_judged);
    tcase_add_test(cov, oos_without_overlap_or_rows);
    tcase_add_test(cov, oos_with_one_bin_or_one_row);
    tcase_add_test(cov, oos_ranges_touching_at_one_value_leave_no_bin);
    tcase_add_test(cov, oos_test_fixed_bins_on_validation);
    tcase_add_test(cov, oos_mode_names);
    tcase_add_test(cov, coverage_of_more_bins_than_room_is_capped);
    tcase_add_test(cov, an_infinite_weight_is_left_out);
    tcase_add_test(cov, in_sample_bins_hold_at_least_30_rows);
    tcase_add_test(cov, oos_overlap_ignores_non_finite_validation_z);
    tcase_add_test(cov, oos_bins_narrower_than_1e_12_are_dropped);
    tcase_add_test(cov, oos_mode_names_in_both_spellings);
    suite_add_tcase(s, cov);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(coverage_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
