/* test_band.c - the boundary's uncertainty band (capscope/band.h) and its
 * two estimates of the residuals (band_internal.h).
 *
 * The expected values are worked out by hand or computed here another way
 * (the variance by LU in the fit's own parametrisation, GSL's unweighted
 * quantile), never taken from the band's own output.
 */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_statistics_double.h>

#include "capscope/band.h"
#include "core/band_internal.h"
#include "band_fixture.h"

START_TEST(test_weighted_quantile_of_five_by_hand)
{
    /* r = 1, 2, 4, 7, 11 with weights 1, 3, 2, 1, 3 (total 10): the
     * midpoints of their weights are u = 0.5, 2.5, 5, 6.5, 8.5, and p maps
     * onto [0.5, 8.5], u = 0.5 + 8 p. p = 0.5: u = 4.5, 2/2.5 = 0.8 of the
     * way from 2 to 4, so 3.6. p = 0.25 and 0.75 land on u = 2.5 and 6.5:
     * 2 and 7 exactly. p = 0.9: u = 7.7, 0.6 of the way from 7 to 11, so
     * 9.4. The ends are the least and the largest value. */
    const double r[] = { 1, 2, 4, 7, 11 }, w[] = { 1, 3, 2, 1, 3 };
    ck_assert_double_eq_tol(cs_band_weighted_quantile(r, w, 5, 10, 0.5), 3.6, 1e-12);
    ck_assert_double_eq(cs_band_weighted_quantile(r, w, 5, 10, 0.25), 2);
    ck_assert_double_eq(cs_band_weighted_quantile(r, w, 5, 10, 0.75), 7);
    ck_assert_double_eq_tol(cs_band_weighted_quantile(r, w, 5, 10, 0.9), 9.4, 1e-12);
    ck_assert_double_eq(cs_band_weighted_quantile(r, w, 5, 10, 0), 1);
    ck_assert_double_eq(cs_band_weighted_quantile(r, w, 5, 10, 1), 11);
    /* One value: itself at every p. */
    ck_assert_double_eq(cs_band_weighted_quantile(r + 2, w + 2, 1, 2, 0.3), 4);
}
END_TEST

START_TEST(test_weighted_quantile_of_equal_weights_is_gsl)
{
    /* Equal weights, of any size: u_i = c (i + 1/2), so the quantile is
     * the interpolation at index p (n - 1), GSL's. By hand at p = 0.3:
     * index 1.2, 2 + 0.2 (4 - 2) = 2.4. */
    const double r[] = { 1, 2, 4, 7, 11 }, ones[] = { 1, 1, 1, 1, 1 }, twos[] = { 2, 2, 2, 2, 2 };
    ck_assert_double_eq_tol(cs_band_weighted_quantile(r, ones, 5, 5, 0.3), 2.4, 1e-12);
    for (double p = 0; p <= 1; p += 0.05) {
        double want = gsl_stats_quantile_from_sorted_data(r, 1, 5, p);
        ck_assert_double_eq_tol(cs_band_weighted_quantile(r, ones, 5, 5, p), want, 1e-12);
        ck_assert_double_eq_tol(cs_band_weighted_quantile(r, twos, 5, 10, p), want, 1e-12);
    }
}
END_TEST

START_TEST(test_density_at_zero_by_hand)
{
    /* r = -2, -1, 0, 1, 2 (given out of order: the estimate sorts or
     * selects). Unweighted: sd^2 = 10 / 4, the quartiles -1 and 1 (index
     * 1 and 3), IQR / 1.34 = 2 / 1.34 < sd, so h = 0.9 (2 / 1.34) 5^-1/5
     * and f(0) = sum phi(r_i / h) / (5 h). */
    const double r0[] = { 1, -2, 0, 2, -1 };
    double r[5];
    memcpy(r, r0, sizeof r);
    double h = 0.9 * (2 / 1.34) * pow(5, -0.2), sum = 0;
    for (size_t i = 0; i < 5; i++)
        sum += exp(-0.5 * (r0[i] / h) * (r0[i] / h));
    ck_assert_double_eq_tol(cs_band_density_at_zero(r, NULL, 5, NULL), sum / (5 * h * sqrt(2 * M_PI)), 1e-12);

    /* Weights 1, 1, 2, 1, 1 on -2, -1, 0, 1, 2 (total W = 6, sum w^2 =
     * 8): the weighted mean is 0 and the reliability-weight variance
     * sum w r^2 W / (W^2 - sum w^2) = 10 * 6 / 28; the weights' midpoints
     * are 0.5, 1.5, 3, 4.5, 5.5, so the lower quartile (u = 0.5 + 5 / 4 =
     * 1.75) is 1/6 of the way from -1 to 0, -5/6, and the upper +5/6:
     * IQR / 1.34 = (5 / 3) / 1.34 < sd. The effective size is 36 / 8. */
    const double rw0[] = { 1, -2, 0, 2, -1 }, w0[] = { 1, 1, 2, 1, 1 };
    double w[5];
    memcpy(r, rw0, sizeof r);
    memcpy(w, w0, sizeof w);
    ck_assert(sqrt(60.0 / 28) > (5.0 / 3) / 1.34);
    h = 0.9 * (5.0 / 3 / 1.34) * pow(36.0 / 8, -0.2);
    sum = 0;
    for (size_t i = 0; i < 5; i++)
        sum += w0[i] * exp(-0.5 * (rw0[i] / h) * (rw0[i] / h));
    ck_assert_double_eq_tol(cs_band_density_at_zero(r, w, 5, NULL), sum / (6 * h * sqrt(2 * M_PI)), 1e-12);
    /* The residuals were reordered with their weights. */
    for (size_t i = 0; i < 5; i++)
        ck_assert_double_eq(w[i], r[i] == 0 ? 2 : 1);

    /* Tied residuals with unequal weights: -2, 0 (w 1), 0 (w 3), 3, the
     * others of weight 1 (W = 6, sum w^2 = 12, effective size 3). The
     * quartiles depend on which of the tied weights comes first, so the
     * estimate puts them by weight, lightest first, whatever order the rows
     * came in: midpoints u = 0.5, 1.5, 3.5, 5.5 on [0.5, 5.5]; the lower
     * quartile (u = 1.75) lies between the two zeros, 0, and the upper (u =
     * 4.25) 0.375 of the way from 0 to 3, 1.125. (Heaviest first would give
     * -0.75 and 0.) The weighted mean is 1/6, sum w (r - 1/6)^2 = 462 / 36,
     * so sd^2 = 462 / 36 * 6 / (36 - 12) = 77 / 24 > (1.125 / 1.34)^2. */
    const double tied_r[2][4] = { { 0, 3, -2, 0 }, { 0, -2, 3, 0 } };
    const double tied_w[2][4] = { { 1, 1, 1, 3 }, { 3, 1, 1, 1 } };
    ck_assert(sqrt(77.0 / 24) > 1.125 / 1.34);
    h = 0.9 * (1.125 / 1.34) * pow(3, -0.2);
    sum = 0;
    for (size_t i = 0; i < 4; i++)
        sum += tied_w[0][i] * exp(-0.5 * (tied_r[0][i] / h) * (tied_r[0][i] / h));
    for (size_t order = 0; order < 2; order++) {
        memcpy(r, tied_r[order], 4 * sizeof *r);
        memcpy(w, tied_w[order], 4 * sizeof *w);
        ck_assert_double_eq_tol(cs_band_density_at_zero(r, w, 4, NULL), sum / (6 * h * sqrt(2 * M_PI)), 1e-12);
    }

    /* Residuals of accuracies are small, and their quartiles fall between
     * order statistics: r = -1, -0.1, 0, 0.05, 0.1, 1 (n = 6). The lower
     * quartile, at index 0.25 * 5 = 1.25, is -0.1 + 0.25 (0 + 0.1) =
     * -0.075; the upper, at 3.75, 0.05 + 0.75 (0.1 - 0.05) = 0.0875; so
     * IQR / 1.34 = 0.1625 / 1.34, under 1 and far under the sd (two
     * outliers), and h = 0.9 (0.1625 / 1.34) 6^-1/5. Given in every
     * rotation, as selection moves the values about. */
    const double small[] = { -1, -0.1, 0, 0.05, 0.1, 1 };
    double rs[6];
    h = 0.9 * (0.1625 / 1.34) * pow(6, -0.2);
    sum = 0;
    for (size_t i = 0; i < 6; i++)
        sum += exp(-0.5 * (small[i] / h) * (small[i] / h));
    for (size_t rot = 0; rot < 6; rot++) {
        for (size_t i = 0; i < 6; i++)
            rs[i] = small[(i + rot) % 6];
        ck_assert_msg(fabs(cs_band_density_at_zero(rs, NULL, 6, NULL) / (sum / (6 * h * sqrt(2 * M_PI))) - 1) < 1e-12,
                      "rotation %zu", rot);
    }
    /* Most residuals equal: an IQR of 0 is no spread of its own, but the
     * residuals spread (band_internal.h: NaN only without spread), so h
     * takes the sd: r = 0 six times, -1 and 1 (n = 8, mean 0, sd^2 = 2 / 7;
     * quartiles at indices 1.75 and 5.25, both 0). */
    const double mostly_zero[] = { 0, 1, 0, 0, -1, 0, 0, 0 };
    double rz[8];
    memcpy(rz, mostly_zero, sizeof rz);
    h = 0.9 * sqrt(2.0 / 7) * pow(8, -0.2);
    sum = 6 + 2 * exp(-0.5 / (h * h));
    ck_assert_double_eq_tol(cs_band_density_at_zero(rz, NULL, 8, NULL), sum / (8 * h * sqrt(2 * M_PI)), 1e-12);

    /* No spread: no bandwidth, no density. */
    const double flat[] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
    memcpy(r, flat, sizeof r);
    ck_assert(isnan(cs_band_density_at_zero(r, NULL, 5, NULL)));
}
END_TEST

START_TEST(test_band_weights_of_one_are_exactly_the_plain_form)
{
    /* Every weight 1: B - A is built as (w^2 - w) g g', exactly 0, so the
     * sandwich's matrices are the plain form's bit for bit, before and
     * after (only f(0) goes the weighted way, within rounding). */
    cs_fit f = band_fit();
    double z[BAND_WN], y[BAND_WN], w[BAND_WN], ones[BAND_WN];
    band_weighted_rows(&f, z, y, w);
    for (size_t i = 0; i < BAND_WN; i++)
        ones[i] = 1;
    const double add[] = { 21.1, 23.3, 23.9 }, add_ones[] = { 1, 1, 1 };
    cs_band plain, one;
    ck_assert_int_eq(cs_band_compute(&plain, &f, z, y, BAND_WN, add, 3, 0.98), 0);
    cs_band_rows rows = { .z = z, .y = y, .w = ones, .n = BAND_WN, .add_z = add, .n_add = 3, .add_w = add_ones };
    ck_assert_int_eq(cs_band_compute_rows(&one, &f, &rows, 0.98), 0);
    ck_assert(memcmp(&plain.before, &one.before, sizeof plain.before) == 0);
    ck_assert(memcmp(&plain.after, &one.after, sizeof plain.after) == 0);
}
END_TEST

/* Gradient of q in the fit's own parameters (y0, L, z_star, b), by hand:
 * the delta method gives the same variance of q in any parametrisation, so
 * this checks the band's (y0, L, a, b) features without reusing them. */
static void band_grad(const cs_fit *f, double z, double g[4])
{
    double s = 1 / (1 + exp(-f->p.b * (z - f->p.z_star)));
    g[0] = 1;
    g[1] = s;
    g[2] = -f->p.L * f->p.b * s * (1 - s);
    g[3] = f->p.L * s * (1 - s) * (z - f->p.z_star);
}

/* g(z0)' A^-1 B A^-1 g(z0), A = sum w_i g_i g_i', B = sum w_i^2 g_i g_i'
 * (band.h's sandwich), by LU in the fit's parametrisation: the sandwich
 * too gives the same variance of q in any parametrisation. No weights (w
 * NULL) are weights of 1: B = A, and the form is g(z0)' (G'G)^-1 g(z0). */
static double band_sandwich(const cs_fit *f, const double *z, const double *w, size_t n, double z0)
{
    gsl_matrix *a = gsl_matrix_calloc(4, 4), *bm = gsl_matrix_calloc(4, 4);
    gsl_vector *g0 = gsl_vector_alloc(4), *x = gsl_vector_alloc(4), *bx = gsl_vector_alloc(4);
    gsl_permutation *perm = gsl_permutation_alloc(4);
    double g[4];
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1;
        band_grad(f, z[i], g);
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) {
                *gsl_matrix_ptr(a, r, c) += wi * g[r] * g[c];
                *gsl_matrix_ptr(bm, r, c) += wi * wi * g[r] * g[c];
            }
    }
    band_grad(f, z0, g);
    for (int r = 0; r < 4; r++)
        gsl_vector_set(g0, r, g[r]);
    int sign;
    ck_assert_int_eq(gsl_linalg_LU_decomp(a, perm, &sign), 0);
    ck_assert_int_eq(gsl_linalg_LU_solve(a, perm, g0, x), 0); /* x = A^-1 g0 */
    gsl_blas_dgemv(CblasNoTrans, 1, bm, x, 0, bx);
    double v;
    gsl_blas_ddot(x, bx, &v);
    gsl_matrix_free(a);
    gsl_matrix_free(bm);
    gsl_vector_free(g0);
    gsl_vector_free(x);
    gsl_vector_free(bx);
    gsl_permutation_free(perm);
    return v;
}

/* The band is drawn as q +- CS_BAND_Z sd, so its half-width at any z is
 * CS_BAND_Z sd: for a two-sided 90% band CS_BAND_Z is the 0.95 quantile of
 * the standard normal, 1.6448536..., here from GSL's inverse normal cdf
 * and checked back through the cdf (0.95 below it, 0.05 above). */
START_TEST(test_band_z_is_the_two_sided_90_percent_normal_quantile)
{
    ck_assert_double_eq_tol(CS_BAND_Z, gsl_cdf_ugaussian_Pinv(0.95), 1e-15);
    ck_assert_double_eq_tol(gsl_cdf_ugaussian_P(CS_BAND_Z) - gsl_cdf_ugaussian_P(-CS_BAND_Z), 0.90,
                            1e-15);
}
END_TEST

START_TEST(test_band_closed_form)
{
    /* Koenker's iid asymptotics: Var q(z) = tau (1 - tau) / f(0)^2 *
     * g(z)' (G'G)^-1 g(z). With residuals +-a (four each), the sample sd
     * is a sqrt(8/7) and the IQR 2a (both quartiles interpolate between
     * equal order statistics), so Silverman's spread is min(a sqrt(8/7),
     * 2a / 1.34) = a sqrt(8/7) and h = 0.9 a sqrt(8/7) 8^-1/5. Every
     * residual is a from zero: f(0) = phi(a / h) / h. */
    cs_fit f = band_fit();
    double z[BAND_N], y[BAND_N];
    band_rows(&f, z, y);
    cs_band b;
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, NULL, 0, 0.98), 0);
    ck_assert(b.ok);
    ck_assert_uint_eq(b.n, BAND_N);
    double h = 0.9 * BAND_A * sqrt(8.0 / 7.0) * pow(8.0, -0.2), u = BAND_A / h;
    double f0 = exp(-0.5 * u * u) / (h * sqrt(2 * M_PI));
    double scale = 0.98 * 0.02 / (f0 * f0);
    ck_assert_double_eq_tol(b.scale / scale, 1, 1e-12);

    /* Against the delta method in the fit's parametrisation, inside the
     * range, at rows and between them. */
    const double at[] = { 20, 21.3, 22, 23.5, 24 };
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        double want = scale * band_sandwich(&f, z, NULL, BAND_N, at[k]), sd = cs_band_sd(&b, 0, at[k]);
        ck_assert_msg(fabs(sd * sd / want - 1) < 1e-6, "z %g: var %.10g, want %.10g", at[k],
                      sd * sd, want);
    }
    /* The leverages g_i' (G'G)^-1 g_i of the fitting rows sum to the
     * number of parameters, 4 (the trace of the hat matrix). */
    double sum = 0;
    for (size_t i = 0; i < BAND_N; i++) {
        double sd = cs_band_sd(&b, 0, z[i]);
        sum += sd * sd / b.scale;
    }
    ck_assert_double_eq_tol(sum, 4, 1e-6);
}
END_TEST

START_TEST(test_band_after_scoring_the_same_rows_again)
{
    /* Adding each fitting row's compute once more doubles G'G, so every
     * variance halves: sd after = sd before / sqrt(2), at any z. */
    cs_fit f = band_fit();
    double z[BAND_N], y[BAND_N];
    band_rows(&f, z, y);
    cs_band b;
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, z, BAND_N, 0.98), 0);
    ck_assert_uint_eq(b.n_added, BAND_N);
    for (double at = 20; at <= 24; at += 0.25) {
        double before = cs_band_sd(&b, 0, at), after = cs_band_sd(&b, 1, at);
        ck_assert_msg(fabs(after * sqrt(2) / before - 1) < 1e-9, "z %g: %g vs %g", at, after, before);
    }
    /* Nothing added: after is before. */
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, NULL, 0, 0.98), 0);
    ck_assert_double_eq(cs_band_sd(&b, 1, 22.5), cs_band_sd(&b, 0, 22.5));
}
END_TEST

START_TEST(test_band_is_clamped_like_the_boundary)
{
    /* Outside the fitting range the boundary is q at the nearest end
     * (method.md, section 4), so its uncertainty is that of q there: the
     * band may not keep following the unclamped sigmoid's gradient. */
    cs_fit f = band_fit();
    double z[BAND_N], y[BAND_N];
    band_rows(&f, z, y);
    cs_band b;
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, z, 3, 0.98), 0);
    for (int after = 0; after <= 1; after++) {
        ck_assert_double_eq(cs_band_sd(&b, after, 30), cs_band_sd(&b, after, 24));
        ck_assert_double_eq(cs_band_sd(&b, after, 24.5), cs_band_sd(&b, after, 24));
        ck_assert_double_eq(cs_band_sd(&b, after, 10), cs_band_sd(&b, after, 20));
    }
}
END_TEST

START_TEST(test_band_weights_of_one_are_the_plain_band)
{
    /* Every weight 1: B = A, and the weighted kernel, sd, quartiles and
     * effective size are the plain ones, so the band is Koenker's. The
     * weights' scale does not matter either (the fit divides by their
     * sum): all 3.5 is the same band, up to the ridge. */
    cs_fit f = band_fit();
    double z[BAND_WN], y[BAND_WN], w[BAND_WN], ones[BAND_WN], same[BAND_WN];
    band_weighted_rows(&f, z, y, w);
    for (size_t i = 0; i < BAND_WN; i++) {
        ones[i] = 1;
        same[i] = 3.5;
    }
    const double add[] = { 21.1, 23.3, 23.9 }, add_ones[] = { 1, 1, 1 }, add_same[] = { 3.5, 3.5, 3.5 };
    cs_band plain, one, scaled;
    ck_assert_int_eq(cs_band_compute(&plain, &f, z, y, BAND_WN, add, 3, 0.98), 0);
    cs_band_rows rows = { .z = z, .y = y, .w = ones, .n = BAND_WN, .add_z = add, .n_add = 3, .add_w = add_ones };
    ck_assert_int_eq(cs_band_compute_rows(&one, &f, &rows, 0.98), 0);
    rows.w = same;
    rows.add_w = add_same;
    ck_assert_int_eq(cs_band_compute_rows(&scaled, &f, &rows, 0.98), 0);
    ck_assert_double_eq_tol(one.scale / plain.scale, 1, 1e-12);
    ck_assert_double_eq_tol(scaled.scale / plain.scale, 1, 1e-12);
    for (int after = 0; after <= 1; after++)
        for (double at = 20; at <= 24; at += 0.25) {
            double p = cs_band_sd(&plain, after, at), o = cs_band_sd(&one, after, at);
            double c = cs_band_sd(&scaled, after, at);
            ck_assert_msg(fabs(o / p - 1) < 1e-12, "z %g after %d: %.17g vs %.17g", at, after, o, p);
            ck_assert_msg(fabs(c / p - 1) < 1e-9, "z %g after %d: %.17g vs %.17g", at, after, c, p);
        }
}
END_TEST

START_TEST(test_band_weighted_is_the_sandwich)
{
    /* Unequal weights: sd^2 / scale is g' A^-1 B A^-1 g, computed here
     * by LU in the fit's own parametrisation, and "after" with the same
     * weights for the rows and the added rows' own is the sandwich of
     * their union. */
    cs_fit f = band_fit();
    double z[BAND_WN + 3], y[BAND_WN], w[BAND_WN + 3];
    band_weighted_rows(&f, z, y, w);
    const double add[] = { 21.1, 23.3, 23.9 }, add_w[] = { 2, 7, 0.5 };
    for (size_t j = 0; j < 3; j++) {
        z[BAND_WN + j] = add[j];
        w[BAND_WN + j] = add_w[j];
    }
    cs_band b;
    cs_band_rows rows = { .z = z, .y = y, .w = w, .n = BAND_WN, .add_z = add, .n_add = 3, .add_w = add_w };
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), 0);
    for (double at = 20; at <= 24; at += 0.25) {
        double before = cs_band_sd(&b, 0, at), after = cs_band_sd(&b, 1, at);
        double want = band_sandwich(&f, z, w, BAND_WN, at), want_after = band_sandwich(&f, z, w, BAND_WN + 3, at);
        ck_assert_msg(fabs(before * before / b.scale / want - 1) < 1e-6, "z %g: %.10g vs %.10g", at,
                      before * before / b.scale, want);
        ck_assert_msg(fabs(after * after / b.scale / want_after - 1) < 1e-6, "z %g after: %.10g vs %.10g", at,
                      after * after / b.scale, want_after);
    }
    ck_assert_uint_eq(b.n, BAND_WN);
    ck_assert_uint_eq(b.n_added, 3);
    /* Rows of weight 0 are not part of the fit, nor of the band's count:
     * 10 of the 64 rows with a weight (1, 2, 3, 4, 5, 1, ..), the rest 0,
     * give a band from 10 rows (the TUI says "band of the boundary from
     * 10 rows"), and the same band as those 10 rows alone. */
    double ten[BAND_WN] = { 0 };
    for (size_t i = 0; i < 10; i++)
        ten[i] = w[i];
    rows.w = ten;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), 0);
    ck_assert_uint_eq(b.n, 10);
    cs_band alone;
    cs_band_rows rows_alone = { .z = z, .y = y, .w = ten, .n = 10 };
    ck_assert_int_eq(cs_band_compute_rows(&alone, &f, &rows_alone, 0.98), 0);
    ck_assert_uint_eq(alone.n, 10);
    ck_assert_double_eq_tol(cs_band_sd(&b, 0, 22), cs_band_sd(&alone, 0, 22), 1e-12 * cs_band_sd(&alone, 0, 22));
    /* Rows of weight 0 do not count; fewer than 8 that do: no band. */
    double few[BAND_WN] = { 0 };
    for (size_t i = 0; i < 7; i++)
        few[i] = 1;
    rows.w = few;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    ck_assert(!b.ok);
    /* A negative, NaN or infinite weight is refused (band.h), among the
     * rows' and among the added rows' alike. */
    w[3] = -1;
    rows.w = w;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    w[3] = NAN;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    w[3] = INFINITY;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    w[3] = 1;
    const double add_inf[] = { 2, INFINITY, 0.5 };
    rows.add_w = add_inf;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    ck_assert(!b.ok);
}
END_TEST

/* Once the added rows are scored, the scored rows' weights change too
 * (band.h: w_after; a group's N / n falls as n grows): "after" is then the
 * sandwich of the rows at w_after with the added rows at theirs, a row of
 * weight 0 at w_after counting for nothing, and "before" and the scale
 * (f(0) of the rows as weighted now) stay those of w. The expected values
 * are the LU sandwich above, over the union. */
START_TEST(test_band_after_with_the_weights_changed)
{
    cs_fit f = band_fit();
    double z[BAND_WN + 2], y[BAND_WN], w[BAND_WN], w_after[BAND_WN + 2];
    band_weighted_rows(&f, z, y, w);
    for (size_t i = 0; i < BAND_WN; i++)
        w_after[i] = i == 5 ? 0 : w[i] * (i % 2 ? 0.5 : 0.75);
    const double add[] = { 20.7, 23.6 }, add_w[] = { 1.5, 3 };
    for (size_t j = 0; j < 2; j++) {
        z[BAND_WN + j] = add[j];
        w_after[BAND_WN + j] = add_w[j];
    }
    cs_band b, plain;
    cs_band_rows rows = { .z = z, .y = y, .w = w, .n = BAND_WN, .add_z = add, .n_add = 2,
                          .w_after = w_after, .add_w = add_w };
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), 0);
    cs_band_rows same = { .z = z, .y = y, .w = w, .n = BAND_WN };
    ck_assert_int_eq(cs_band_compute_rows(&plain, &f, &same, 0.98), 0);
    ck_assert_double_eq_tol(b.scale / plain.scale, 1, 1e-12);
    for (double at = 20; at <= 24; at += 0.5) {
        double before = cs_band_sd(&b, 0, at), after = cs_band_sd(&b, 1, at);
        double want = band_sandwich(&f, z, w, BAND_WN, at);
        double want_after = band_sandwich(&f, z, w_after, BAND_WN + 2, at);
        ck_assert_msg(fabs(before * before / b.scale / want - 1) < 1e-6, "z %g: %.10g vs %.10g", at,
                      before * before / b.scale, want);
        ck_assert_msg(fabs(after * after / b.scale / want_after - 1) < 1e-6, "z %g after: %.10g vs %.10g",
                      at, after * after / b.scale, want_after);
    }
    /* A negative weight once scored is refused as one now is. */
    w_after[3] = -1;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    ck_assert(!b.ok);
}
END_TEST

START_TEST(test_band_weighted_constant_boundary)
{
    /* A constant boundary (L = 0: q = y0), four rows at z = 20 with
     * weights 1, 1, 2, 2 and four at z = 24 with 3, 3, 4, 4, residuals
     * -a, +a, ... The gradients there, (1, s(20), 0, 0) and (1, s(24), 0,
     * 0), are independent, so q at each end is the weighted quantile of
     * its own rows: Var = tau (1 - tau) / f(0)^2 * sum w^2 / (sum w)^2,
     * 10 / 36 at 20 and 50 / 196 at 24. f(0): every residual is a from
     * zero, so phi(a / h) / h whatever the weights; h = 0.9 min(sd, IQR /
     * 1.34) n_eff^-1/5 with the weighted mean 0, sd^2 = a^2 W^2 / (W^2 -
     * sum w^2) = a^2 400 / 340 (the reliability-weight sd), the weighted
     * quartiles -a and +a (each sign holds half the weight) and n_eff =
     * W^2 / sum w^2 = 400 / 60. */
    cs_fit f = band_fit();
    f.p.L = 0;
    f.p.y0 = 0.5;
    double z[BAND_N], y[BAND_N], w[BAND_N], rep_z[20], rep_y[20];
    size_t m = 0;
    for (size_t i = 0; i < BAND_N; i++) {
        z[i] = i < 4 ? 20 : 24;
        y[i] = 0.5 + (i % 2 ? BAND_A : -BAND_A);
        w[i] = (double)(1 + i / 2);
        for (size_t k = 0; k < (size_t)w[i]; k++, m++) {
            rep_z[m] = z[i];
            rep_y[m] = y[i];
        }
    }
    ck_assert_uint_eq(m, 20);
    double h = 0.9 * BAND_A * sqrt(400.0 / 340.0) * pow(400.0 / 60.0, -0.2), u = BAND_A / h;
    double f0 = exp(-0.5 * u * u) / (h * sqrt(2 * M_PI));
    double scale = 0.98 * 0.02 / (f0 * f0);
    cs_band b;
    cs_band_rows rows = { .z = z, .y = y, .w = w, .n = BAND_N };
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), 0);
    ck_assert_double_eq_tol(b.scale / scale, 1, 1e-12);
    const double at[] = { 20, 24, 10, 30 }, share[] = { 10.0 / 36, 50.0 / 196, 10.0 / 36, 50.0 / 196 };
    for (size_t k = 0; k < 4; k++) {
        double sd = cs_band_sd(&b, 0, at[k]), want = scale * share[k];
        ck_assert_msg(fabs(sd * sd / want - 1) < 1e-9, "z %g: var %.12g, want %.12g", at[k], sd * sd, want);
    }
    /* The rows repeated w_i times, unweighted: the same curvature, but 20
     * independent draws, var / scale 1 / 6 at 20 and 1 / 14 at 24, where
     * the design weights give 10 / 36 and 50 / 196: a weighted row stands
     * for rows nobody scored, which repetition would pretend were. */
    cs_band rep;
    ck_assert_int_eq(cs_band_compute(&rep, &f, rep_z, rep_y, 20, NULL, 0, 0.98), 0);
    for (size_t k = 0; k < 2; k++) {
        double sw = cs_band_sd(&b, 0, at[k]), sr = cs_band_sd(&rep, 0, at[k]);
        ck_assert_double_eq_tol(sr * sr / rep.scale, k ? 1.0 / 14 : 1.0 / 6, 1e-9);
        ck_assert_double_eq_tol((sw * sw / b.scale) / (sr * sr / rep.scale), k ? 50.0 / 14 : 10.0 / 6, 1e-9);
    }
}
END_TEST

static int band_cancel_calls;
static int band_cancel_now(void *arg)
{
    (void)arg;
    band_cancel_calls++;
    return 1;
}

START_TEST(test_band_stops_when_cancelled)
{
    /* The TUI's quit sets the worker's cancel: the band gives up (it
     * asks before its first row), plain or weighted. */
    cs_fit f = band_fit();
    double z[BAND_WN], y[BAND_WN], w[BAND_WN];
    band_weighted_rows(&f, z, y, w);
    cs_band b;
    cs_band_rows rows = { .z = z, .y = y, .n = BAND_WN, .cancel = band_cancel_now };
    band_cancel_calls = 0;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    ck_assert(!b.ok);
    ck_assert_int_eq(band_cancel_calls, 1);
    rows.w = w;
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), -1);
    ck_assert(!b.ok);
}
END_TEST

START_TEST(test_band_refuses_what_it_cannot_estimate)
{
    cs_fit f = band_fit();
    double z[BAND_N], y[BAND_N];
    band_rows(&f, z, y);
    cs_band b;
    /* Fewer than 8 rows. */
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N - 1, NULL, 0, 0.98), -1);
    ck_assert(!b.ok);
    ck_assert(isnan(cs_band_sd(&b, 0, 22)));
    /* tau must be inside (0, 1): tau (1 - tau) would be 0. */
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, NULL, 0, 1.0), -1);
    /* Every row on the boundary: the residuals have no spread, so there
     * is no bandwidth and no density to estimate. */
    for (size_t i = 0; i < BAND_N; i++)
        y[i] = cs_fit_predict(&f, z[i]);
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, NULL, 0, 0.98), -1);
    ck_assert(!b.ok);
}
END_TEST

/* Rows with spread that all lie far below the boundary: residuals -0.1 +-
 * 1e-4, so h is about 0.64e-4 and every row is some 1,500 bandwidths from
 * zero. The kernel estimate of the density at zero is 0 (exp(-u^2 / 2)
 * underflows), and tau (1 - tau) / f(0)^2 would be infinite: no band
 * (band.h: -1 when the rows cannot give one), not an infinite one. */
START_TEST(test_band_refuses_a_density_of_zero_at_the_boundary)
{
    cs_fit f = band_fit();
    double z[BAND_N], y[BAND_N];
    band_rows(&f, z, y);
    for (size_t i = 0; i < BAND_N; i++)
        y[i] = cs_fit_predict(&f, z[i]) - 0.1 + (i % 2 ? 1e-4 : -1e-4);
    cs_band b;
    ck_assert_int_eq(cs_band_compute(&b, &f, z, y, BAND_N, NULL, 0, 0.98), -1);
    ck_assert(!b.ok);
    ck_assert(isnan(cs_band_sd(&b, 0, 22)));
}
END_TEST

/* A band that is ok has a number for "after" too (band.h: NaN only when
 * b->ok is 0). With every row's weight 0 once scored and nothing added,
 * "after" has no design of its own; the band keeps the one it has, and
 * "after" is "before". */
START_TEST(test_band_after_without_a_design_is_before)
{
    cs_fit f = band_fit();
    double z[BAND_WN], y[BAND_WN], w[BAND_WN], w_after[BAND_WN];
    band_weighted_rows(&f, z, y, w);
    for (size_t i = 0; i < BAND_WN; i++)
        w_after[i] = 0;
    cs_band b;
    cs_band_rows rows = { .z = z, .y = y, .w = w, .n = BAND_WN, .w_after = w_after };
    ck_assert_int_eq(cs_band_compute_rows(&b, &f, &rows, 0.98), 0);
    ck_assert(b.ok);
    for (double at = 20; at <= 24; at += 0.5) {
        double before = cs_band_sd(&b, 0, at), after = cs_band_sd(&b, 1, at);
        ck_assert(isfinite(before) && before > 0);
        ck_assert_msg(after == before, "z %g: after %g, before %g", at, after, before);
    }
}
END_TEST

static Suite *band_suite(void)
{
    Suite *s = suite_create("band");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_weighted_quantile_of_five_by_hand);
    tcase_add_test(tc, test_weighted_quantile_of_equal_weights_is_gsl);
    tcase_add_test(tc, test_density_at_zero_by_hand);
    tcase_add_test(tc, test_band_closed_form);
    tcase_add_test(tc, test_band_z_is_the_two_sided_90_percent_normal_quantile);
    tcase_add_test(tc, test_band_after_scoring_the_same_rows_again);
    tcase_add_test(tc, test_band_is_clamped_like_the_boundary);
    tcase_add_test(tc, test_band_refuses_what_it_cannot_estimate);
    tcase_add_test(tc, test_band_weights_of_one_are_the_plain_band);
    tcase_add_test(tc, test_band_weights_of_one_are_exactly_the_plain_form);
    tcase_add_test(tc, test_band_weighted_is_the_sandwich);
    tcase_add_test(tc, test_band_after_with_the_weights_changed);
    tcase_add_test(tc, test_band_weighted_constant_boundary);
    tcase_add_test(tc, test_band_stops_when_cancelled);
    tcase_add_test(tc, test_band_refuses_a_density_of_zero_at_the_boundary);
    tcase_add_test(tc, test_band_after_without_a_design_is_before);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(band_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
