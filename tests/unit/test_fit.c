/* test_fit.c - unit tests of the boundary fit (fit.h).
 *
 * Every expected value comes from a closed form or a hand computation stated
 * beside it, never from the fitter's own output.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/fit.h"
#include "core/fit_local.h"
#include "counted_cancel.h"

static int feasible(const cs_fit *f)
{
    const cs_params *p = &f->p;
    return p->y0 >= 0.0 && p->L >= 0.0 && p->y0 + p->L <= 1.0 && p->z_star >= f->z_min &&
           p->z_star <= f->z_max && p->b >= CS_B_MIN && p->b <= CS_B_MAX;
}

static cs_fit fit_or_die(const double *z, const double *y, size_t n, const cs_fit_opts *o)
{
    cs_fit f;
    cs_error e;
    memset(&f, 0, sizeof f);
    int rc = cs_fit_run(z, y, n, o, &f, &e);
    ck_assert_msg(rc == 0, "fit failed: %s", e.msg);
    return f;
}

/* ---- softplus, rho, q ---------------------------------------------------- */

START_TEST(test_softplus)
{
    ck_assert_double_eq_tol(cs_softplus(0.0), log(2.0), 1e-16);
    /* log(1 + e) */
    ck_assert_double_eq_tol(cs_softplus(1.0), 1.3132616875182228, 1e-15);
    /* log(1 + e^t) = t + log(1 + e^-t): exactly t in double for t = 800, no overflow */
    ck_assert_double_eq(cs_softplus(800.0), 800.0);
    ck_assert_double_eq(cs_softplus(1e6), 1e6);
    /* e^-40 - e^-80/2 to full relative precision (a naive log(1 + e^t) gives 0) */
    double want = exp(-40.0) - 0.5 * exp(-80.0);
    ck_assert_double_eq_tol(cs_softplus(-40.0) / want, 1.0, 1e-14);
    ck_assert(cs_softplus(-800.0) >= 0.0 && cs_softplus(-800.0) < 1e-300);
    /* softplus(t) - softplus(-t) = t */
    for (double t = -30.0; t <= 30.0; t += 0.7)
        ck_assert_double_eq_tol(cs_softplus(t) - cs_softplus(-t), t, 1e-13);
}
END_TEST

START_TEST(test_rho)
{
    /* rho(0) = log(2) / kappa */
    ck_assert_double_eq_tol(cs_rho(0.0, 0.98, 50.0), log(2.0) / 50.0, 1e-17);
    /* u = 0.5, kappa = 50: softplus(25)/50 + (tau - 1) u = 0.5 + log1p(e^-25)/50 - 0.01 */
    ck_assert_double_eq_tol(cs_rho(0.5, 0.98, 50.0), 0.49 + log1p(exp(-25.0)) / 50.0, 1e-16);
    /* far below the boundary the loss is (1 - tau) |u| (pinball), far above tau u */
    ck_assert_double_eq_tol(cs_rho(-10.0, 0.9, 1000.0), 1.0, 1e-12);
    ck_assert_double_eq_tol(cs_rho(10.0, 0.9, 1000.0), 9.0, 1e-12);
    /* huge kappa * u must not overflow */
    ck_assert(isfinite(cs_rho(1.0, 0.98, 1e6)));
    ck_assert_double_eq_tol(cs_rho(1.0, 0.98, 1e6), 0.98, 1e-12);
    /* A low quantile above the boundary: softplus(25) / 50 - (1 - tau) 0.5
     * is 5e-10 + log1p(e^-25) / 50 (softplus(t) = t + log1p(e^-t)), two
     * positive terms; summed as the difference it kept 8 digits. */
    const double low = 0.5e-9 + log1p(exp(-25.0)) / 50.0;
    ck_assert_double_eq_tol(cs_rho(0.5, 1e-9, 50.0), low, 4 * DBL_EPSILON * low);
    /* and below it, (1 - tau) |u| plus softplus(-50) / 50 */
    ck_assert_double_eq_tol(cs_rho(-1.0, 1e-9, 50.0), 1.0 - 1e-9 + log1p(exp(-50.0)) / 50.0,
                            4 * DBL_EPSILON);
}
END_TEST

START_TEST(test_q)
{
    cs_params p = { 0.1, 0.6, 23.0, 2.0 };
    ck_assert_double_eq_tol(cs_q(&p, 23.0), 0.4, 1e-16);   /* midpoint: y0 + L/2 */
    ck_assert_double_eq_tol(cs_q(&p, 23.0 + log(3.0) / 2.0), 0.1 + 0.6 * 0.75, 1e-15);
    ck_assert_double_eq_tol(cs_q(&p, 23.0 - log(3.0) / 2.0), 0.1 + 0.6 * 0.25, 1e-15);
    ck_assert_double_eq(cs_q(&p, 1e6), 0.7);                /* ceiling y0 + L */
    ck_assert_double_eq(cs_q(&p, -1e6), 0.1);               /* floor y0, no NaN */
}
END_TEST

/* ---- the objective on a hand-computed set --------------------------------- */

START_TEST(test_objective_by_hand)
{
    /* L = 0 makes q = y0 = 0.5 everywhere. Rows y = 0.5, 0.7, 0.2; tau 0.9,
     * kappa 10, lambda_b 0.1, b = 2:
     *   rho(0)    = log 2 / 10
     *   rho(0.2)  = log(1 + e^2) / 10 - 0.1 * 0.2
     *   rho(-0.3) = log(1 + e^-3) / 10 + 0.1 * 0.3
     *   J = mean + 0.1 * 2^2 */
    const double z[3] = { 21.0, 22.0, 23.0 }, y[3] = { 0.5, 0.7, 0.2 };
    cs_params p = { 0.5, 0.0, 22.0, 2.0 };
    double want = (log(2.0) / 10 + (log(1 + exp(2.0)) / 10 - 0.02) + (log(1 + exp(-3.0)) / 10 + 0.03)) / 3 +
                  0.4;
    ck_assert_double_eq_tol(cs_objective(z, y, 3, &p, 0.9, 10.0, 0.1), want, 1e-15);

    /* y0 = 0, L = 1, z_star = 22, b = log 3: q = 0.25, 0.5, 0.75 at z = 21, 22, 23 */
    cs_params p2 = { 0.0, 1.0, 22.0, log(3.0) };
    double y2[3] = { 0.25, 0.5, 0.75 };
    ck_assert_double_eq_tol(cs_objective(z, y2, 3, &p2, 0.98, 50.0, 0.0), log(2.0) / 50, 1e-16);
}
END_TEST

/* Six rows at four compute levels, as fit.c's store_build lays them out
 * (sorted by z, grouped; ky = kappa y and ey = exp(-kappa (y - 1/2)), both
 * taken of -y below tau 1/2), for the tests of the problem's evaluation.
 * ky and ey (6 each) are the caller's, as pb points into them. */
static const double six_z[6] = { 20, 20, 21.5, 23, 23, 24.5 }, six_y[6] = { 0.2, 0.35, 0.4, 0.6, 0.75, 0.9 };
static const double six_zg[4] = { 20, 21.5, 23, 24.5 }, six_sum_y[4] = { 0.55, 0.4, 1.35, 0.9 };
static const size_t six_start[5] = { 0, 2, 3, 5, 6 };

static fit_problem six_rows(double tau, double kappa, double lambda_b, double ky[6], double ey[6])
{
    const int mirror = tau < 0.5;
    for (int i = 0; i < 6; i++) {
        ky[i] = (mirror ? -kappa : kappa) * six_y[i];
        ey[i] = exp((mirror ? kappa : -kappa) * (six_y[i] - 0.5));
    }
    return (fit_problem){ .n = 6, .G = 4, .zg = six_zg, .start = six_start, .ey = ey, .ky = ky,
                          .sum_y = six_sum_y, .tau = tau, .kappa = kappa, .lambda_b = lambda_b,
                          .factored = 1, .mirror = mirror, .z_lo = 20, .z_hi = 24.5 };
}

/* fitp_eval's gradient g and Hessian H at th against central differences
 * of its value and of its gradient. */
static void check_against_differences(fit_problem *pb, const double th[4], const double g[4], const double H[16],
                                      double tau)
{
    const double h = 1e-6;
    for (int j = 0; j < 4; j++) {
        double up[4], down[4], g_up[4], g_down[4], H_scratch[16];
        memcpy(up, th, sizeof up);
        memcpy(down, th, sizeof down);
        up[j] += h;
        down[j] -= h;
        double J_up = fitp_eval(pb, up, g_up, H_scratch), J_down = fitp_eval(pb, down, g_down, H_scratch);
        double slope = (J_up - J_down) / (2 * h);
        ck_assert_msg(fabs(g[j] - slope) <= 1e-6 * (1 + fabs(slope)), "tau %g: g[%d] %.10g, differences %.10g", tau,
                      j, g[j], slope);
        for (int i = 0; i < 4; i++) {
            double curve = (g_up[i] - g_down[i]) / (2 * h);
            ck_assert_msg(fabs(H[4 * i + j] - curve) <= 1e-5 * (1 + fabs(curve)),
                          "tau %g: H[%d][%d] %.10g, differences of g %.10g", tau, i, j, H[4 * i + j], curve);
        }
    }
}

/* The grouped objective's gradient and Hessian (fit_local.h), which steer
 * every Newton step, against central differences of its value and of its
 * gradient, and its value against cs_objective's sum over the rows. A wrong
 * Hessian still ends at the optimum on most data (the steps are damped and
 * the gradient decides where they stop), so the fits' tests alone do not see
 * it. The problem is six_rows'. */
START_TEST(test_eval_derivatives)
{
    const double taus[2] = { 0.9, 0.3 }, kappa = 50, lambda_b = 1e-3;
    const double th[4] = { 0.1, 0.7, 22.2, 1.3 };
    for (int c = 0; c < 2; c++) {
        double ky[6], ey[6];
        fit_problem pb = six_rows(taus[c], kappa, lambda_b, ky, ey);
        double g[4], H[16];
        double J = fitp_eval(&pb, th, g, H);
        cs_params p = { th[0], th[1], th[2], th[3] };
        ck_assert_double_eq_tol(J, cs_objective(six_z, six_y, 6, &p, taus[c], kappa, lambda_b), 1e-13);
        check_against_differences(&pb, th, g, H, taus[c]);
    }
}
END_TEST

/* The weighted rows take their own path through the pass (a log per row,
 * each row's sigma and curvature times its weight): the same checks as
 * test_eval_derivatives on six_rows with weights 2, 0.5, 1, 3, 1.5, 1, its
 * value against cs_objective_weighted's sum over the rows. */
START_TEST(test_eval_derivatives_weighted)
{
    const double taus[2] = { 0.9, 0.3 }, kappa = 50, lambda_b = 1e-3;
    const double th[4] = { 0.1, 0.7, 22.2, 1.3 };
    const double wt[6] = { 2, 0.5, 1, 3, 1.5, 1 };
    double w_g[4] = { 0 }, sum_y[4] = { 0 }, W = 0;
    for (int k = 0; k < 4; k++)
        for (size_t i = six_start[k]; i < six_start[k + 1]; i++) {
            w_g[k] += wt[i];
            sum_y[k] += wt[i] * six_y[i];
            W += wt[i];
        }
    for (int c = 0; c < 2; c++) {
        double ky[6], ey[6];
        fit_problem pb = six_rows(taus[c], kappa, lambda_b, ky, ey);
        pb.wt = wt;
        pb.w_g = w_g;
        pb.sum_y = sum_y;
        pb.W = W;
        double g[4], H[16];
        double J = fitp_eval(&pb, th, g, H);
        cs_params p = { th[0], th[1], th[2], th[3] };
        ck_assert_double_eq_tol(J, cs_objective_weighted(six_z, six_y, wt, 6, &p, taus[c], kappa, lambda_b),
                                1e-13);
        check_against_differences(&pb, th, g, H, taus[c]);
    }
}
END_TEST

/* The log terms of a pass come from a running product of factors in
 * [1/2, 1], renormalised every PRODUCT_CHUNK rows: 5000 rows sitting on q
 * give 2^-5000, far below the smallest double, if it is not. One group of
 * 5000 rows y = 0.5 at q = 0.5 (y0 = 0.5, L = 0): every rho(0) is
 * softplus(0) / kappa, so J = log 2 / kappa + lambda_b b^2 (b = 1). Kappa 50
 * takes the factored path, 2000 the one with an exp per row. */
START_TEST(test_long_group_product)
{
    enum { N = 5000 };
    static double ky[N], ey[N];
    static const double zg[1] = { 22 }, sum_y[1] = { 0.5 * N };
    static const size_t start[2] = { 0, N };
    const double kappas[2] = { 50, 2000 };
    for (int c = 0; c < 2; c++) {
        const double kappa = kappas[c];
        const int factored = kappa * 0.5 <= 700.0;
        for (int i = 0; i < N; i++) {
            ky[i] = kappa * 0.5;
            ey[i] = factored ? 1.0 : 0.0; /* exp(-kappa (y - 1/2)) */
        }
        fit_problem pb = { .n = N, .G = 1, .zg = zg, .start = start, .ey = ey, .ky = ky, .sum_y = sum_y,
                           .tau = 0.9, .kappa = kappa, .lambda_b = 1e-3, .factored = factored,
                           .mirror = 0, .z_lo = 22, .z_hi = 22 };
        const double th[4] = { 0.5, 0.0, 22, 1.0 };
        double J = fitp_eval(&pb, th, NULL, NULL);
        ck_assert_msg(fabs(J - (log(2.0) / kappa + 1e-3)) <= 1e-14, "kappa %g: J %.17g", kappa, J);
    }
}
END_TEST

/* The screen ranks its starts on a table of each group's loss in q
 * (fitp_tabulate: quintic Hermite pieces on 64 cells of [0, 1] at kappa 50,
 * matching value, slope and curvature at both ends of every cell). So at a
 * node, and at the far end of a cell where all six coefficients count, the
 * table must give what a pass over the rows gives: J, and its slope and
 * curvature in y0 (g[0], H[0][0]). With L = 0 every group sits at q = y0:
 * 16/64 is a node (t = 0), 1 the top end of the last cell (t = 1), and
 * 1/2 - 2^-40 the end of cell 31 (t = 1 - 2^-34). A fit still ends at the
 * optimum with a wrong table (the polish is exact), so only this sees it. */
START_TEST(test_table_matches_the_rows)
{
    const double taus[2] = { 0.9, 0.3 }, kappa = 50;
    const double q[3] = { 16.0 / 64, 1.0, 0.5 - ldexp(1.0, -40) };
    enum { M = 64 };
    static double table[4 * M * 6];
    for (int c = 0; c < 2; c++) {
        double ky[6], ey[6];
        fit_problem pb = six_rows(taus[c], kappa, 1e-3, ky, ey);
        ck_assert_int_eq(fitp_tabulate(&pb, M, table), 0);
        for (int k = 0; k < 3; k++) {
            const double th[4] = { q[k], 0.0, 22.2, 1.3 };
            double g_rows[4], H_rows[16], g_table[4], H_table[16];
            pb.table = NULL;
            double J_rows = fitp_eval(&pb, th, g_rows, H_rows);
            pb.table = table;
            pb.table_m = M;
            double J_table = fitp_eval(&pb, th, g_table, H_table);
            ck_assert_msg(fabs(J_table - J_rows) <= 1e-12, "tau %g q %.17g: J %.17g vs rows %.17g",
                          taus[c], q[k], J_table, J_rows);
            ck_assert_msg(fabs(g_table[0] - g_rows[0]) <= 1e-10 * (1 + fabs(g_rows[0])),
                          "tau %g q %.17g: slope %.17g vs rows %.17g", taus[c], q[k], g_table[0],
                          g_rows[0]);
            ck_assert_msg(fabs(H_table[0] - H_rows[0]) <= 1e-8 * (1 + fabs(H_rows[0])),
                          "tau %g q %.17g: curvature %.17g vs rows %.17g", taus[c], q[k], H_table[0],
                          H_rows[0]);
        }
    }
}
END_TEST

/* ---- constraints on adversarial data ------------------------------------- */

START_TEST(test_all_ones)
{
    /* Every y = 1: q must be as high as possible everywhere, which only the
     * vertex y0 = 1, L = 0 achieves; b then only meets the ridge: b = b_min. */
    double z[40], y[40];
    for (int i = 0; i < 40; i++) {
        z[i] = 21.0 + 0.1 * i;
        y[i] = 1.0;
    }
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    cs_fit f = fit_or_die(z, y, 40, &o);
    ck_assert(feasible(&f));
    ck_assert_double_eq(f.p.y0, 1.0);
    ck_assert_double_eq(f.p.L, 0.0);
    ck_assert_double_eq(f.p.b, CS_B_MIN);
    ck_assert_double_eq_tol(f.objective, log(2.0) / 50 + 1e-3 * CS_B_MIN * CS_B_MIN, 1e-15);
    ck_assert_double_eq(f.coverage, 1.0);
}
END_TEST

START_TEST(test_all_zeros)
{
    /* Every y = 0: the smoothed loss is stationary where sigma(-kappa q) = 1 - tau,
     * i.e. q = log(tau / (1 - tau)) / kappa = log(49) / 50, flat (L = 0, b = b_min). */
    double z[40], y[40];
    for (int i = 0; i < 40; i++) {
        z[i] = 21.0 + 0.1 * i;
        y[i] = 0.0;
    }
    cs_fit f = fit_or_die(z, y, 40, NULL);
    ck_assert(feasible(&f));
    ck_assert_double_eq_tol(f.p.y0, log(49.0) / 50.0, 1e-9);
    ck_assert_double_eq(f.p.L, 0.0);
    ck_assert_double_eq(f.p.b, CS_B_MIN);
}
END_TEST

START_TEST(test_one_level)
{
    /* One compute level: z_star is that level, the boundary is flat and its
     * level q solves the first-order condition mean sigma(kappa (y - q)) = 1 - tau. */
    const double y[8] = { 0.1, 0.2, 0.25, 0.3, 0.31, 0.4, 0.42, 0.5 };
    double z[8];
    for (int i = 0; i < 8; i++)
        z[i] = 23.5;
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.tau = 0.9;
    o.kappa = 20.0;
    cs_fit f = fit_or_die(z, y, 8, &o);
    ck_assert(feasible(&f));
    ck_assert_double_eq(f.p.z_star, 23.5);
    ck_assert_double_eq(f.z_min, 23.5);
    ck_assert_double_eq(f.z_max, 23.5);
    ck_assert_double_eq(f.p.L, 0.0);
    ck_assert_double_eq(f.p.b, CS_B_MIN);
    double q = cs_fit_predict(&f, 23.5), s = 0.0;
    for (int i = 0; i < 8; i++)
        s += 1.0 / (1.0 + exp(-20.0 * (y[i] - q)));
    ck_assert_double_eq_tol(s / 8, 0.1, 1e-9);
}
END_TEST

START_TEST(test_step_pushes_bounds)
{
    /* A sharp step from 0 to 1 at z = 22.5 without a ridge: the loss keeps
     * falling as b grows, so b ends on its upper bound and the ceiling at 1,
     * both exactly. The rise sits just below the step: at tau = 0.98 missing
     * a 1 costs 49 times more than overshooting a 0. */
    double z[60], y[60];
    for (int i = 0; i < 60; i++) {
        z[i] = 21.0 + 3.0 * i / 59.0;
        y[i] = z[i] < 22.5 ? 0.0 : 1.0;
    }
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.lambda_b = 0.0;
    cs_fit f = fit_or_die(z, y, 60, &o);
    ck_assert(feasible(&f));
    ck_assert_double_eq(f.p.b, CS_B_MAX);
    ck_assert_double_eq(f.p.y0 + f.p.L, 1.0);
    ck_assert(f.p.z_star > z[26] && f.p.z_star < z[29]);
}
END_TEST

START_TEST(test_flat_ties_do_not_fill_the_polish)
{
    /* Five rows at two compute levels. The flat boundary y0 = 1, L = 0 is a
     * local optimum (J = 0.0095752715415013, by hand: the mean of rho(y - 1)
     * plus 1e-3 * 0.05^2), and at L = 0 every (z_star, b) screens to the
     * same J: those ties once took every polished start. The optimum rises
     * from the lower level: y0 = 0.1416597, L = 1 - y0, z_star = 20,
     * b = 1.508628, J = 0.009443325935402 (SLSQP from 121 x 121 shapes and
     * 200 random starts, and Nelder-Mead on (y0, b) with the other two
     * constraints active, both agree to 1e-15). */
    const double z[5] = { 20, 20, 23, 23, 23 }, y[5] = { 0.3, 0.5, 0.7, 1.0, 0.8 };
    cs_fit f = fit_or_die(z, y, 5, NULL);
    ck_assert(feasible(&f));
    ck_assert_msg(f.objective <= 0.009443325935402 + 1e-13, "objective %.15g", f.objective);
    ck_assert_double_eq_tol(f.p.y0, 0.1416597, 1e-6);
    ck_assert_double_eq_tol(f.p.b, 1.508628, 1e-5);
    ck_assert_double_eq(f.p.z_star, 20.0);
    /* The fit's own figures at that optimum, by hand: q(20) = y0 + L / 2 =
     * 0.5708 covers 0.3 and 0.5; q(23) = y0 + L sigmoid(3 b) = 0.1417 +
     * 0.8583 * 0.98929 = 0.9908 covers 0.7 and 0.8 but not 1.0: coverage
     * 4 of 5 rows. (Within the tolerances above, q(23) stays within
     * 1e-5 of 0.9908: far from every score.) */
    ck_assert_double_eq_tol(f.coverage, 0.8, 1e-15);
    ck_assert_uint_eq(f.n, 5);
    ck_assert_double_eq(f.z_min, 20.0);
    ck_assert_double_eq(f.z_max, 23.0);
}
END_TEST

/* Every score y, on 41 compute levels of 1 to 120 rows (about 2400 rows;
 * sizes drawn with the seed). Returns the rows' count. */
enum { CONSTANT_LEVELS = 41, CONSTANT_MAX_PER = 120 };
static size_t constant_rows(gsl_rng *r, unsigned long seed, double score, double *z, double *y)
{
    gsl_rng_set(r, seed);
    size_t n = 0;
    for (int k = 0; k < CONSTANT_LEVELS; k++)
        for (unsigned long j = 1 + gsl_rng_uniform_int(r, CONSTANT_MAX_PER); j > 0; j--) {
            z[n] = 21.0 + 0.09 * k;
            y[n++] = score;
        }
    return n;
}

START_TEST(test_constant_scores_flat)
{
    /* Every score 0.7, on 41 compute levels of 1 to 120 rows (about 2400
     * rows; sizes drawn with fixed seeds). Each row's loss is least at the
     * same q, where sigma(kappa (0.7 - q)) = 1 - tau, so the optimum is the
     * flat boundary there: L = 0 exactly (any L > 0 moves some level off
     * it), y0 = 0.7 - log((1 - tau) / tau) / kappa, and b = b_min (only the
     * ridge sees b). Before, the objective's rounding exceeded the tolerance
     * of the bound snap and of the last Newton step (L stayed at 2e-8 and
     * y0 1e-8 off at tau 0.3), and at low tau the loss and its slope were
     * summed in a form that cancels (L at 1e-6, y0 1e-6 off at tau 1e-5).
     * Where the loss is nearly linear (curvature kappa tau) the objective
     * pins y0 down less closely, hence the looser tolerance there. */
    static const double taus[3] = { 0.3, 1e-3, 1e-5 }, y0_tol[3] = { 1e-14, 1e-12, 1e-7 };
    static double z[CONSTANT_LEVELS * CONSTANT_MAX_PER], y[CONSTANT_LEVELS * CONSTANT_MAX_PER];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_ptr_nonnull(r);
    for (int c = 0; c < 3; c++) {
        const double tau = taus[c], y0 = 0.7 - log((1.0 - tau) / tau) / 50.0;
        for (unsigned long seed = 1; seed <= 8; seed++) {
            size_t n = constant_rows(r, seed, 0.7, z, y);
            cs_fit_opts o;
            cs_fit_opts_init(&o);
            o.tau = tau;
            cs_fit f = fit_or_die(z, y, n, &o);
            ck_assert(feasible(&f));
            ck_assert_msg(f.p.L == 0.0, "tau %g seed %lu: L = %.17g", tau, seed, f.p.L);
            ck_assert_double_eq(f.p.b, CS_B_MIN);
            ck_assert_msg(fabs(f.p.y0 - y0) <= y0_tol[c], "tau %g seed %lu: y0 = %.17g, not %.17g",
                          tau, seed, f.p.y0, y0);
        }
    }
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_constant_scores_tiny_tau)
{
    /* As above at tau 1e-8 .. 1e-9 and 1 - 1e-7, where the loss's curvature
     * kappa tau (1 - tau) is 5e-7 .. 5e-8 and J (2.5e-6: mostly the ridge
     * 1e-3 b_min^2) is rounded at 2e-16 (fitp_rounding, the rows' log
     * terms): J alone cannot rank steps that lower it by less, and the fit
     * stopped with L at 1e-5 .. 1.5e-4, the rise of q over the range
     * costing up to 100 ulps of J. The minimiser is L = 0 (all rows share
     * one best q), so the rise left over must cost J less than a few ulps:
     * 0.5 kappa tau (1 - tau) mean (q - q*)^2 <= 8 eps J, the quadratic
     * term of J about q* = 0.4 - log((1 - tau) / tau) / kappa; and J may
     * be no higher than at that flat boundary beyond its rounding. */
    static const double taus[4] = { 1e-8, 5e-9, 1e-9, 1.0 - 1e-7 };
    static double z[CONSTANT_LEVELS * CONSTANT_MAX_PER], y[CONSTANT_LEVELS * CONSTANT_MAX_PER];
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_ptr_nonnull(r);
    for (int c = 0; c < 4; c++) {
        const double tau = taus[c], kappa = 50.0;
        const double qstar = fmax(0.4 - log((1.0 - tau) / tau) / kappa, 0.0);
        for (unsigned long seed = 1; seed <= 8; seed++) {
            size_t n = constant_rows(r, seed, 0.4, z, y);
            cs_fit_opts o;
            cs_fit_opts_init(&o);
            o.tau = tau;
            cs_fit f = fit_or_die(z, y, n, &o);
            ck_assert(feasible(&f));
            double sq = 0.0;
            for (size_t i = 0; i < n; i++) {
                double d = cs_q(&f.p, z[i]) - qstar;
                sq += d * d;
            }
            double rise_cost = 0.5 * kappa * tau * (1.0 - tau) * sq / (double)n;
            ck_assert_msg(rise_cost <= 8 * DBL_EPSILON * f.objective,
                          "tau %g seed %lu: L = %.3g, y0 = %.17g (q* %.17g): the rise costs %.3g, J %.17g",
                          tau, seed, f.p.L, f.p.y0, qstar, rise_cost, f.objective);
            const cs_params flat = { qstar, 0.0, 21.0, CS_B_MIN };
            double J0 = cs_objective(z, y, n, &flat, tau, kappa, o.lambda_b);
            ck_assert_msg(f.objective <= J0 + 4 * DBL_EPSILON * J0, "tau %g seed %lu: J %.17g, flat %.17g",
                          tau, seed, f.objective, J0);
        }
    }
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_polish_finds_the_lower_basin)
{
    /* 65 synthetic rows on 12 compute levels (a noisy sigmoid, scores
     * below it) at tau 0.999, kappa 1000, no ridge. Several starts of the
     * screen's best six polished to the same optima, and the lowest basin
     * ranked below them: the fit stopped at J = 1.11151e-4 (b = 2.69),
     * 0.78% above the optimum J = 1.10294498857352e-4 at y0 = 0.234314,
     * L = 0.549238, z_star = 24.6072, b = 4.10006, found by an independent
     * search (its own objective in long double and inner solver, a 41 x 41
     * grid over (z_star, log b), Nelder-Mead from its best nodes). */
    static const struct {
        double z;
        int n;
        double y[8];
    } level[12] = {
        { 23.84, 5, { 0.086, 0.189, 0.149, 0.172, 0.186 } },
        { 23.96, 4, { 0.241, 0.212, 0.248, 0.237 } },
        { 23.98, 7, { 0.258, 0.113, 0.229, 0.242, 0.141, 0.207, 0.070 } },
        { 24.02, 7, { 0.217, 0.245, 0.223, 0.000, 0.276, 0.093, 0.181 } },
        { 24.66, 6, { 0.379, 0.456, 0.441, 0.250, 0.426, 0.533 } },
        { 24.84, 7, { 0.458, 0.535, 0.562, 0.524, 0.570, 0.472, 0.585 } },
        { 25.08, 4, { 0.670, 0.260, 0.711, 0.550 } },
        { 25.13, 3, { 0.521, 0.594, 0.623 } },
        { 25.14, 7, { 0.671, 0.629, 0.608, 0.541, 0.599, 0.536, 0.534 } },
        { 25.29, 8, { 0.737, 0.602, 0.565, 0.558, 0.574, 0.427, 0.556, 0.741 } },
        { 25.41, 3, { 0.756, 0.733, 0.741 } },
        { 26.41, 4, { 0.690, 0.778, 0.684, 0.759 } },
    };
    double z[65], y[65];
    size_t n = 0;
    for (int k = 0; k < 12; k++)
        for (int j = 0; j < level[k].n; j++) {
            z[n] = level[k].z;
            y[n++] = level[k].y[j];
        }
    ck_assert_uint_eq(n, 65);
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.tau = 0.999;
    o.kappa = 1000.0;
    o.lambda_b = 0.0;
    cs_fit f = fit_or_die(z, y, n, &o);
    ck_assert(feasible(&f));
    ck_assert_msg(f.objective <= 1.10294498857352e-4 * (1.0 + 1e-9), "objective %.15g",
                  f.objective);
    ck_assert_double_eq_tol(f.p.b, 4.10006, 1e-4);
    ck_assert_double_eq_tol(f.p.z_star, 24.6072, 1e-4);
}
END_TEST

START_TEST(test_large_kappa)
{
    /* kappa 1e6, the CLI's largest: the loss is the pinball loss to within
     * 1e-6 and has a kink at every row. Newton from the screen's starts
     * stalled on those kinks (J = 0.0078908 here, 2.7 times the optimum).
     * Optimum: y0 = 0.0692136, L = 1 - y0, z_star = 23.612912, b = 0.934204,
     * J = 0.0028972780521763 (SLSQP from 121 x 121 shapes and 300 random
     * starts). */
    const double z[4] = { 20, 20, 23, 25 }, y[4] = { 0.1, 0.1, 0.0, 0.8 };
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.kappa = 1e6;
    cs_fit f = fit_or_die(z, y, 4, &o);
    ck_assert(feasible(&f));
    ck_assert_msg(f.objective <= 0.0028972780521763 + 1e-13, "objective %.15g", f.objective);
    ck_assert_double_eq_tol(f.p.y0, 0.0692136, 1e-6);
    ck_assert_double_eq_tol(f.p.z_star, 23.612912, 1e-5);
    ck_assert_double_eq_tol(f.p.b, 0.934204, 1e-5);
}
END_TEST

START_TEST(test_random_feasible)
{
    /* Random data sets of every shape: the result is always exactly feasible. */
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    for (int rep = 0; rep < 30; rep++) {
        size_t n = 4 + gsl_rng_uniform_int(r, 120);
        double z[124], y[124];
        int levels = 1 + (int)gsl_rng_uniform_int(r, 6);
        for (size_t i = 0; i < n; i++) {
            z[i] = 20.0 + (double)gsl_rng_uniform_int(r, (unsigned long)levels) * 0.9;
            double u = gsl_rng_uniform(r);
            y[i] = rep % 3 == 0 ? (u < 0.5 ? 0.0 : 1.0) : rep % 3 == 1 ? u * u : 1.0 - u * u * u;
        }
        cs_fit_opts o;
        cs_fit_opts_init(&o);
        o.tau = rep % 2 ? 0.5 : 0.98;
        o.kappa = rep % 4 == 1 ? 1000.0 : 50.0;
        cs_fit f = fit_or_die(z, y, n, &o);
        ck_assert_msg(feasible(&f), "rep %d infeasible", rep);
        ck_assert(isfinite(f.objective));
    }
    gsl_rng_free(r);
}
END_TEST

START_TEST(test_extreme_inputs)
{
    /* Huge and tiny z spans, huge and tiny kappa (the per-row exp path above
     * kappa = 1400): finite, feasible, no crash. */
    static const double spans[4] = { 1e-12, 1e-3, 1e3, 1e150 };
    static const double kappas[4] = { 1e-3, 5000.0, 1e5, 50.0 };
    for (int a = 0; a < 4; a++) {
        double z[30], y[30];
        for (int i = 0; i < 30; i++) {
            z[i] = 22.0 + spans[a] * (i % 7);
            y[i] = fmod(0.37 * i, 1.0);
        }
        cs_fit_opts o;
        cs_fit_opts_init(&o);
        o.kappa = kappas[a];
        cs_fit f;
        cs_error e;
        ck_assert_int_eq(cs_fit_run(z, y, 30, &o, &f, &e), 0);
        ck_assert_msg(feasible(&f), "case %d infeasible", a);
        ck_assert(isfinite(f.objective) && isfinite(f.coverage));
    }
}
END_TEST

/* ---- recovery of a known boundary ------------------------------------------ */

/* y = q(z) + e with e = s (Phi^-1(U) - Phi^-1(tau)): P(y <= q(z)) = tau exactly,
 * so q is the true tau-quantile boundary. Clipping y to [0, 1] keeps that. */
static void synth(const cs_params *truth, double tau, double sd, size_t n, unsigned long seed,
                  double *z, double *y)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, seed);
    double shift = gsl_cdf_ugaussian_Pinv(tau);
    for (size_t i = 0; i < n; i++) {
        z[i] = 21.0 + 4.0 * gsl_rng_uniform(r);
        double e = sd * (gsl_cdf_ugaussian_Pinv(gsl_rng_uniform_pos(r)) - shift);
        double v = cs_q(truth, z[i]) + e;
        y[i] = v < 0.0 ? 0.0 : v > 1.0 ? 1.0 : v;
    }
    gsl_rng_free(r);
}

static double boundary_mae(const cs_fit *f, const cs_params *truth)
{
    double s = 0.0;
    for (int k = 0; k <= 100; k++) {
        double zz = 21.0 + 4.0 * k / 100.0;
        s += fabs(cs_fit_predict(f, zz) - cs_q(truth, zz));
    }
    return s / 101.0;
}

START_TEST(test_recovers_known_boundary)
{
    static const struct {
        double tau, kappa, lambda_b;
        cs_params truth;
    } cases[] = {
        { 0.98, 1000.0, 1e-5, { 0.05, 0.7, 23.0, 1.5 } },
        { 0.90, 1000.0, 1e-5, { 0.10, 0.6, 22.2, 3.0 } },
        { 0.50, 1000.0, 1e-5, { 0.00, 0.9, 24.0, 1.0 } },
        { 0.98, 200.0, 1e-5, { 0.20, 0.5, 23.5, 0.8 } },
    };
    const size_t n = 20000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        synth(&cases[c].truth, cases[c].tau, 0.05, n, 11 + c, z, y);
        cs_fit_opts o;
        cs_fit_opts_init(&o);
        o.tau = cases[c].tau;
        o.kappa = cases[c].kappa;
        o.lambda_b = cases[c].lambda_b;
        cs_fit f = fit_or_die(z, y, n, &o);
        ck_assert(feasible(&f));
        double mae = boundary_mae(&f, &cases[c].truth);
        ck_assert_msg(mae < 0.01, "case %zu: MAE %g", c, mae);
        /* in-sample coverage close to tau */
        ck_assert_msg(fabs(f.coverage - cases[c].tau) < 0.01, "case %zu: coverage %g", c, f.coverage);
    }
    free(z);
    free(y);
}
END_TEST

/* The demo data (data/README.md documents its true boundaries, which the
 * generator draws the scores around with P(y <= q(z)) = 0.98 exactly): near
 * the pinball loss the fit recovers each within 0.01 mean absolute error over
 * 1001 points across the rows' z range. */
START_TEST(test_demo_recovery)
{
    static const struct {
        const char *task;
        const char *year; /* NULL: all rows */
        cs_params truth;
    } cases[] = {
        { "reasoning", NULL, { 0.24, 0.58, 23.20, 1.40 } },
        { "knowledge", NULL, { 0.10, 0.62, 23.80, 1.10 } },
        { "instruct", NULL, { 0.18, 0.72, 22.40, 1.80 } },
        { "science", NULL, { 0.25, 0.38, 24.00, 1.20 } },
        { "math", "2023", { 0.02, 0.40, 22.80, 1.50 } },
        { "math", "2024", { 0.02, 0.60, 22.60, 1.60 } },
        { "math", "2025", { 0.02, 0.82, 22.30, 1.80 } },
        { "coding", "2023", { 0.03, 0.38, 23.00, 1.20 } },
        { "coding", "2024", { 0.03, 0.55, 22.80, 1.40 } },
        { "coding", "2025", { 0.03, 0.75, 22.50, 1.50 } },
    };
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/data/demo.csv", top && *top ? top : ".");
    FILE *fp = fopen(path, "r");
    if (!fp) {
        printf("test_demo_recovery: %s not found, not checked\n", path);
        return;
    }
    static char line[4096];
    char header[4096];
    ck_assert(fgets(header, sizeof header, fp) != NULL);
    static double z[4096], y[4096];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        /* columns: model,base_model,params_b,flops,date,<tasks...> (no quotes in the demo) */
        int col = -1, k = 0;
        char names[4096];
        memcpy(names, header, sizeof names);
        for (char *h = names, *tok; (tok = strsep(&h, ",\r\n")) != NULL; k++)
            if (!strcmp(tok, cases[c].task))
                col = k;
        ck_assert_int_ge(col, 5);
        rewind(fp);
        ck_assert(fgets(line, sizeof line, fp) != NULL);
        size_t n = 0;
        while (fgets(line, sizeof line, fp) && n < 4096) {
            char *f[16], *p = line;
            int nf = 0;
            while (nf < 16 && (f[nf] = strsep(&p, ",\r\n")) != NULL)
                nf++;
            if (nf <= col || !*f[col] || (cases[c].year && strncmp(f[4], cases[c].year, 4) != 0))
                continue;
            z[n] = log10(atof(f[3]));
            y[n] = atof(f[col]);
            n++;
        }
        double zlo = z[0], zhi = z[0];
        for (size_t i = 0; i < n; i++) {
            zlo = fmin(zlo, z[i]);
            zhi = fmax(zhi, z[i]);
        }
        cs_fit_opts o;
        cs_fit_opts_init(&o);
        o.kappa = 1000.0;
        o.lambda_b = 1e-5;
        cs_fit f = fit_or_die(z, y, n, &o);
        ck_assert(feasible(&f));
        double mae = 0.0;
        for (int j = 0; j <= 1000; j++) {
            double zz = zlo + (zhi - zlo) * j / 1000.0;
            mae += fabs(cs_fit_predict(&f, zz) - cs_q(&cases[c].truth, zz)) / 1001.0;
        }
        printf("demo %-9s %s n=%4zu MAE %.4f coverage %.4f\n", cases[c].task,
               cases[c].year ? cases[c].year : "all ", n, mae, f.coverage);
        ck_assert_msg(mae < 0.01, "%s %s: MAE %g", cases[c].task, cases[c].year ? cases[c].year : "", mae);
    }
    fclose(fp);
}
END_TEST

/* ---- predict and require ---------------------------------------------------- */

static cs_fit hand_fit(void)
{
    cs_fit f;
    memset(&f, 0, sizeof f);
    f.p = (cs_params){ 0.1, 0.6, 23.0, 2.0 };
    f.z_min = 21.0;
    f.z_max = 25.0;
    return f;
}

START_TEST(test_predict_clamps)
{
    cs_fit f = hand_fit();
    ck_assert_double_eq(cs_fit_predict(&f, 19.0), cs_q(&f.p, 21.0));
    ck_assert_double_eq(cs_fit_predict(&f, 30.0), cs_q(&f.p, 25.0));
    ck_assert_double_eq_tol(cs_fit_predict(&f, 23.0), 0.4, 1e-16);
}
END_TEST

START_TEST(test_require)
{
    cs_fit f = hand_fit();
    double z = -1.0;
    /* at or above the ceiling 0.7: unreachable, z untouched */
    ck_assert_int_eq(cs_fit_require(&f, 0.7, &z), CS_UNREACHABLE);
    ck_assert_int_eq(cs_fit_require(&f, 0.9, &z), CS_UNREACHABLE);
    ck_assert_int_eq(cs_fit_require(&f, NAN, &z), CS_UNREACHABLE);
    ck_assert_double_eq(z, -1.0);
    /* q(21) = 0.1 + 0.6 sigma(-4): anything up to it is reached at z_min */
    ck_assert_int_eq(cs_fit_require(&f, 0.05, &z), CS_REACHED_AT_MIN);
    ck_assert_double_eq(z, 21.0);
    ck_assert_int_eq(cs_fit_require(&f, 0.1 + 0.6 / (1 + exp(4.0)), &z), CS_REACHED_AT_MIN);
    /* the midpoint: 0.4 is reached at z_star */
    ck_assert_int_eq(cs_fit_require(&f, 0.4, &z), CS_REACHABLE);
    ck_assert_double_eq_tol(z, 23.0, 1e-14);
    /* s = 3/4 at z_star + log(3)/b */
    ck_assert_int_eq(cs_fit_require(&f, 0.55, &z), CS_REACHABLE);
    ck_assert_double_eq_tol(z, 23.0 + log(3.0) / 2.0, 1e-13);
    /* s = 0.9999 lies at z_star + log(9999)/2 = 27.6: beyond the data */
    ck_assert_int_eq(cs_fit_require(&f, 0.1 + 0.6 * 0.9999, &z), CS_EXTRAPOLATED);
    ck_assert_double_eq_tol(z, 23.0 + log(9999.0) / 2.0, 1e-9);
    /* A flat boundary (L = 0) is q = y0 everywhere: y0 is its ceiling and
     * is reached by the smallest model, as predict says; above, nothing is. */
    f.p.L = 0.0;
    z = -1.0;
    ck_assert_int_eq(cs_fit_require(&f, 0.1, &z), CS_REACHED_AT_MIN);
    ck_assert_double_eq(z, 21.0);
    ck_assert_int_eq(cs_fit_require(&f, 0.05, &z), CS_REACHED_AT_MIN);
    z = -1.0;
    ck_assert_int_eq(cs_fit_require(&f, 0.1000001, &z), CS_UNREACHABLE);
    ck_assert_double_eq(z, -1.0);
}
END_TEST

/* ---- determinism, warm start, errors ---------------------------------------- */

START_TEST(test_deterministic)
{
    const cs_params truth = { 0.1, 0.6, 23.0, 1.2 };
    size_t n = 3000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    synth(&truth, 0.98, 0.08, n, 5, z, y);
    cs_fit a = fit_or_die(z, y, n, NULL), b = fit_or_die(z, y, n, NULL);
    ck_assert(memcmp(&a.p, &b.p, sizeof a.p) == 0);
    ck_assert(memcmp(&a.objective, &b.objective, sizeof a.objective) == 0);
    ck_assert_uint_eq(a.evals, b.evals);
    free(z);
    free(y);
}
END_TEST

START_TEST(test_order_invariant)
{
    /* The rows' order must not matter, to the last bit: small sets (qsort)
     * and large ones (radix sort), with ties in z and in (z, y). */
    static const size_t sizes[] = { 7, 1001, 3000, 70000 };
    for (int c = 0; c < (int)(sizeof sizes / sizeof sizes[0]); c++) {
        size_t n = sizes[c];
        const cs_params truth = { 0.1, 0.6, 23.0, 1.2 };
        double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
        double *z2 = malloc(n * sizeof *z2), *y2 = malloc(n * sizeof *y2);
        synth(&truth, 0.98, 0.08, n, (unsigned long)(21 + c), z, y);
        for (size_t i = 0; i < n; i += 3) /* ties in z, and duplicated rows */
            z[i] = 21.0 + 0.25 * floor(4.0 * (z[i] - 21.0));
        for (size_t i = 5; i < n; i += 7) {
            z[i] = z[i - 5];
            y[i] = y[i - 5];
        }
        for (size_t i = 0; i < n; i++) { /* a fixed shuffle: stride coprime to n */
            size_t j = (i * 7919) % n;
            z2[i] = z[j];
            y2[i] = y[j];
        }
        cs_fit a = fit_or_die(z, y, n, NULL), b = fit_or_die(z2, y2, n, NULL);
        ck_assert(memcmp(&a.p, &b.p, sizeof a.p) == 0);
        ck_assert(memcmp(&a.objective, &b.objective, sizeof a.objective) == 0);
        free(z);
        free(y);
        free(z2);
        free(y2);
    }
}
END_TEST

/* The model and its penalty see z only through z - z_star, so moving every
 * row's compute by a factor (z + d) moves the optimum's z_star by d and
 * leaves y0, L, b and the objective as they were. The fit's search (its
 * starts and grids, taken from the data's range) must find the same optimum
 * wherever the data sits: a fit that only reached it from starts tuned to
 * z near 21..25 would miss it at z near 15 or 30. d exactly representable
 * and the z on a grid of 1/64 decade, so that z + d is exact. Data near
 * the bounds too: scores at 0 and 1 (y0 = 0, y0 + L = 1 held). */
START_TEST(test_shift_equivariant)
{
    static const double shifts[] = { -6.0, -1.75, 0.5, 5.25 };
    static const cs_params truths[] = { { 0.1, 0.6, 23.0, 1.2 }, { 0.0, 1.0, 22.5, 2.5 } };
    const size_t n = 2000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y), *zs = malloc(n * sizeof *zs);
    for (size_t c = 0; c < sizeof truths / sizeof truths[0]; c++) {
        synth(&truths[c], 0.98, 0.08, n, 40 + c, z, y);
        for (size_t i = 0; i < n; i++)
            z[i] = round(z[i] * 64.0) / 64.0;
        cs_fit a = fit_or_die(z, y, n, NULL);
        for (size_t k = 0; k < sizeof shifts / sizeof shifts[0]; k++) {
            for (size_t i = 0; i < n; i++)
                zs[i] = z[i] + shifts[k];
            cs_fit b = fit_or_die(zs, y, n, NULL);
            ck_assert_msg(fabs(b.objective - a.objective) <= 1e-10 * fabs(a.objective),
                          "truth %zu, shift %g: objective %.12g, unshifted %.12g", c, shifts[k],
                          b.objective, a.objective);
            ck_assert_msg(fabs(b.p.z_star - shifts[k] - a.p.z_star) < 1e-5 &&
                              fabs(b.p.y0 - a.p.y0) < 1e-6 && fabs(b.p.L - a.p.L) < 1e-6 &&
                              fabs(b.p.b - a.p.b) < 1e-5 * a.p.b,
                          "truth %zu, shift %g: (%g %g %g %g) against (%g %g %g %g)", c, shifts[k],
                          b.p.y0, b.p.L, b.p.z_star - shifts[k], b.p.b, a.p.y0, a.p.L, a.p.z_star, a.p.b);
        }
    }
    free(z);
    free(y);
    free(zs);
}
END_TEST

START_TEST(test_warm_equals_cold)
{
    /* Fit, then drop every 25th row and nudge a few scores (a cut date moved):
     * the warm-only refit from the old optimum reaches the cold optimum. */
    const cs_params truth = { 0.05, 0.75, 22.8, 1.0 };
    size_t n = 2400;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    synth(&truth, 0.98, 0.06, n, 9, z, y);
    for (size_t i = 0; i < n; i++) /* 40 compute levels, as in the real data */
        z[i] = 21.0 + 0.1 * floor((z[i] - 21.0) * 10.0);
    cs_fit first = fit_or_die(z, y, n, NULL);

    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i % 25 == 0)
            continue;
        z[m] = z[i];
        y[m] = i % 97 == 0 ? fmin(1.0, y[i] + 0.05) : y[i];
        m++;
    }
    cs_fit cold = fit_or_die(z, y, m, NULL);
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.warm = &first.p;
    o.warm_only = 1;
    cs_fit warm = fit_or_die(z, y, m, &o);
    ck_assert(feasible(&warm));
    ck_assert_msg(warm.objective <= cold.objective + 1e-12, "warm %.12g cold %.12g", warm.objective,
                  cold.objective);
    ck_assert_double_eq_tol(warm.p.z_star, cold.p.z_star, 1e-5);
    ck_assert_double_eq_tol(warm.p.b, cold.p.b, 1e-5);
    ck_assert_msg(warm.evals * 5 < cold.evals, "warm %u evals, cold %u", warm.evals, cold.evals);
    free(z);
    free(y);
}
END_TEST

/* Weights: a row of integer weight k is k copies of the row, equal weights
 * change nothing, and weight 0 leaves a row out (of the z range too). */
START_TEST(test_weights)
{
    const cs_params truth = { 0.1, 0.7, 23.0, 1.5 };
    const size_t n = 300;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y), *w = malloc(n * sizeof *w);
    double *zd = malloc(4 * n * sizeof *zd), *yd = malloc(4 * n * sizeof *yd);
    synth(&truth, 0.9, 0.08, n, 31, z, y);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        w[i] = (double)(i % 4); /* 0, 1, 2, 3 copies */
        for (size_t c = 0; c < i % 4; c++) {
            zd[m] = z[i];
            yd[m] = y[i];
            m++;
        }
    }
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.tau = 0.9;
    cs_fit dup = fit_or_die(zd, yd, m, &o);
    o.weights = w;
    cs_fit wf = fit_or_die(z, y, n, &o);
    ck_assert(feasible(&wf));
    ck_assert_msg(fabs(wf.objective - dup.objective) < 1e-12, "weighted %.15g duplicated %.15g",
                  wf.objective, dup.objective);
    ck_assert_double_eq_tol(wf.p.y0, dup.p.y0, 1e-7);
    ck_assert_double_eq_tol(wf.p.L, dup.p.L, 1e-7);
    ck_assert_double_eq_tol(wf.p.z_star, dup.p.z_star, 1e-6);
    ck_assert_double_eq_tol(wf.p.b, dup.p.b, 1e-6);
    ck_assert_double_eq_tol(wf.coverage, dup.coverage, 1e-12);
    ck_assert_uint_eq(wf.n, n - n / 4);
    ck_assert_double_eq(wf.z_min, dup.z_min);
    ck_assert_double_eq(wf.z_max, dup.z_max);

    /* All weights 2.5: the unweighted fit, bit for bit. */
    for (size_t i = 0; i < n; i++)
        w[i] = 2.5;
    cs_fit eq = fit_or_die(z, y, n, &o);
    o.weights = NULL;
    cs_fit plain = fit_or_die(z, y, n, &o);
    ck_assert(memcmp(&eq.p, &plain.p, sizeof eq.p) == 0);
    ck_assert_double_eq(eq.objective, plain.objective);
    ck_assert_double_eq(eq.coverage, plain.coverage);
    /* Two distinct weights take the weighted path: 2.5 and 2.5 (1 + 1e-15)
     * must still agree to rounding. */
    w[0] = 2.5 * (1 + 1e-15);
    o.weights = w;
    cs_fit near = fit_or_die(z, y, n, &o);
    ck_assert_double_eq_tol(near.objective, plain.objective, 1e-13);
    ck_assert_double_eq_tol(near.p.z_star, plain.p.z_star, 1e-6);
    w[0] = 2.5;
    o.weights = NULL;
    ck_assert_double_eq_tol(cs_objective_weighted(z, y, w, n, &plain.p, 0.9, 50.0, 1e-3),
                            cs_objective(z, y, n, &plain.p, 0.9, 50.0, 1e-3), 1e-15);

    /* The loss is divided by the total weight, so only the weights' ratios
     * count: 1e-310 (subnormal; 1 / their total overflows) times the copy
     * counts gives the fit of the copies. */
    for (size_t i = 0; i < n; i++)
        w[i] = 1e-310 * (double)(i % 4);
    o.weights = w;
    cs_error we;
    cs_fit tiny;
    ck_assert_msg(cs_fit_run(z, y, n, &o, &tiny, &we) == 0, "%s", we.msg);
    ck_assert_double_eq_tol(tiny.objective, dup.objective, 1e-12);
    ck_assert_double_eq_tol(tiny.p.y0, dup.p.y0, 1e-7);
    ck_assert_double_eq_tol(tiny.p.L, dup.p.L, 1e-7);
    ck_assert_double_eq_tol(tiny.p.z_star, dup.p.z_star, 1e-6);
    ck_assert_double_eq_tol(tiny.p.b, dup.p.b, 1e-6);
    ck_assert_double_eq_tol(cs_objective_weighted(z, y, w, n, &dup.p, 0.9, 50.0, 1e-3),
                            dup.objective, 1e-12);
    /* And at the other end: 5e307 times the copy counts (at most 1.5e308,
     * each a double) sums to 5e307 * 450 = 2.25e310 unscaled, past the
     * largest double (1.8e308). The largest weight is not the first
     * (w[0] = 0), so the scale must come from all of them. */
    for (size_t i = 0; i < n; i++)
        w[i] = 5e307 * (double)(i % 4);
    ck_assert_double_eq_tol(cs_objective_weighted(z, y, w, n, &dup.p, 0.9, 50.0, 1e-3),
                            dup.objective, 1e-12);
    o.weights = NULL;

    /* Unequal weights, none 0: the reported objective is J at the fit's
     * parameters as fit.h defines it with weights, the weighted mean. */
    for (size_t i = 0; i < n; i++)
        w[i] = 1.0 + (double)(i % 3);
    o.weights = w;
    cs_fit uneq = fit_or_die(z, y, n, &o);
    ck_assert_double_eq_tol(uneq.objective,
                            cs_objective_weighted(z, y, w, n, &uneq.p, 0.9, 50.0, 1e-3), 1e-15);
    /* Equal weights with zeros (1e-10 on every odd row): the plain fit of the
     * odd rows alone, its coverage too (rows of weight 0 are left out, of
     * the in-sample coverage as well). */
    double *zo = malloc(n / 2 * sizeof *zo), *yo = malloc(n / 2 * sizeof *yo);
    for (size_t i = 0; i < n; i++) {
        w[i] = i % 2 ? 1e-10 : 0.0;
        if (i % 2) {
            zo[i / 2] = z[i];
            yo[i / 2] = y[i];
        }
    }
    cs_fit half = fit_or_die(z, y, n, &o);
    o.weights = NULL;
    cs_fit odd = fit_or_die(zo, yo, n / 2, &o);
    ck_assert_uint_eq(half.n, n / 2);
    ck_assert_double_eq_tol(half.coverage, odd.coverage, 1e-12);
    ck_assert_double_eq_tol(half.objective, odd.objective, 1e-12);
    free(zo);
    free(yo);

    /* Negative, NaN and too few positive weights are errors. */
    cs_error e;
    cs_fit f;
    o.weights = w;
    w[7] = -1.0;
    ck_assert_int_eq(cs_fit_run(z, y, n, &o, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    w[7] = NAN;
    ck_assert_int_eq(cs_fit_run(z, y, n, &o, &f, &e), -1);
    for (size_t i = 0; i < n; i++)
        w[i] = i < CS_MIN_TASK_ROWS - 1 ? 1.0 : 0.0;
    ck_assert_int_eq(cs_fit_run(z, y, n, &o, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    free(z);
    free(y);
    free(w);
    free(zd);
    free(yd);
}
END_TEST

START_TEST(test_errors)
{
    double z[5] = { 21, 22, 23, 24, 25 }, y[5] = { 0.1, 0.2, 0.3, 0.4, 0.5 };
    cs_fit f;
    cs_error e;
    ck_assert_int_eq(cs_fit_run(z, y, 3, NULL, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    ck_assert_int_eq(cs_fit_run(z, y, CS_MIN_TASK_ROWS, NULL, &f, &e), 0);
    z[2] = NAN;
    ck_assert_int_eq(cs_fit_run(z, y, 5, NULL, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    ck_assert_str_eq(e.msg, "row 3: z is not finite"); /* rows counted from 1 */
    z[2] = 23;
    {
        /* The edges of the other checks (fit.h): every weight is checked,
         * the first too; exactly CS_MIN_TASK_ROWS rows of positive weight
         * are enough; a warm start with any part not finite is refused
         * (kappa 0 below). */
        cs_fit_opts o;
        cs_fit_opts_init(&o);
        double w[5] = { -1, 1, 1, 1, 1 };
        o.weights = w;
        ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
        ck_assert_int_eq(e.kind, CS_ERR_INPUT);
        w[0] = NAN;
        ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
        w[0] = 0;
        o.kappa = 40; /* and the result says what it was fitted with */
        memset(&f, 0, sizeof f);
        ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), 0);
        ck_assert_uint_eq(f.n, CS_MIN_TASK_ROWS);
        ck_assert_double_eq(f.kappa, 40);
        ck_assert_double_eq(f.tau, CS_TAU_DEFAULT);
        ck_assert_double_eq(f.lambda_b, CS_LAMBDA_B_DEFAULT);
        cs_fit_opts_init(&o);
        const cs_params warm = { 0.1, NAN, 23, 1 };
        o.warm = &warm;
        ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
        ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    }
    z[2] = INFINITY;
    ck_assert_int_eq(cs_fit_run(z, y, 5, NULL, &f, &e), -1);
    z[2] = 23;
    y[4] = NAN;
    ck_assert_int_eq(cs_fit_run(z, y, 5, NULL, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    y[4] = 1.5;
    ck_assert_int_eq(cs_fit_run(z, y, 5, NULL, &f, &e), -1);
    y[4] = 0.5;
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.tau = 1.0;
    ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_INPUT);
    cs_fit_opts_init(&o);
    o.kappa = 0.0;
    ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
    cs_fit_opts_init(&o);
    o.lambda_b = -1.0;
    ck_assert_int_eq(cs_fit_run(z, y, 5, &o, &f, &e), -1);
    /* defaults */
    cs_fit_opts_init(&o);
    ck_assert_double_eq(o.tau, 0.98);
    ck_assert_double_eq(o.kappa, 50.0);
    ck_assert_double_eq(o.lambda_b, 1e-3);
    ck_assert_ptr_null(o.warm);
}
END_TEST

/* ---- cancellation ---------------------------------------------------------- */

/* A cancel that counts its calls and says stop from call number stop_at on
 * (0: never). */
/* By fit.h's contract a cancelled fit returns -1 with CS_ERR_CANCELLED and
 * leaves *out as it was, whenever the cancel says stop: at the start (no
 * work at all, so before the inputs are even checked) or after any number
 * of passes; a cancel that never says stop changes nothing. */
START_TEST(test_cancel)
{
    const cs_params truth = { 0.1, 0.6, 23.0, 1.2 };
    size_t n = 3000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    synth(&truth, 0.98, 0.08, n, 5, z, y);
    cs_fit plain = fit_or_die(z, y, n, NULL);

    cs_fit_opts o;
    cs_fit_opts_init(&o);
    counted_cancel never = { 0, 0 };
    o.cancel = count_and_stop;
    o.cancel_arg = &never;
    cs_fit asked = fit_or_die(z, y, n, &o);
    ck_assert(memcmp(&asked.p, &plain.p, sizeof plain.p) == 0);
    ck_assert(memcmp(&asked.objective, &plain.objective, sizeof plain.objective) == 0);
    const unsigned total = never.calls;
    ck_assert_uint_ge(total, asked.evals); /* asked at least once a pass */

    cs_fit out, before;
    memset(&before, 0xa5, sizeof before);
    cs_error e;
    const unsigned stops[] = { 1, 2, 3, 10, 100, total / 2, total - 1, total };
    for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
        counted_cancel c = { 0, stops[k] };
        o.cancel_arg = &c;
        memcpy(&out, &before, sizeof out);
        e.kind = CS_ERR_NONE;
        ck_assert_int_eq(cs_fit_run(z, y, n, &o, &out, &e), -1);
        ck_assert_msg(e.kind == CS_ERR_CANCELLED, "stop at call %u: kind %d (%s)", stops[k], e.kind,
                      e.msg);
        ck_assert_msg(memcmp(&out, &before, sizeof out) == 0, "stop at call %u wrote *out", stops[k]);
        ck_assert_uint_eq(c.calls, stops[k]); /* the first stop is final: not asked again */
    }

    /* Cancelled at the start: not even the (bad) inputs are looked at. */
    counted_cancel at_once = { 0, 1 };
    o.cancel_arg = &at_once;
    ck_assert_int_eq(cs_fit_run(z, y, 1, &o, &out, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_CANCELLED);
    ck_assert(memcmp(&out, &before, sizeof out) == 0);

    /* The large-input paths (radix sort, screen on a sample) ask too. */
    size_t big = 100000;
    double *zb = malloc(big * sizeof *zb), *yb = malloc(big * sizeof *yb);
    synth(&truth, 0.98, 0.08, big, 9, zb, yb);
    counted_cancel mid = { 0, 2 };
    o.cancel_arg = &mid;
    ck_assert_int_eq(cs_fit_run(zb, yb, big, &o, &out, &e), -1);
    ck_assert_int_eq(e.kind, CS_ERR_CANCELLED);
    ck_assert(memcmp(&out, &before, sizeof out) == 0);
    free(zb);
    free(yb);
    free(z);
    free(y);
}
END_TEST

/* fit.h: the global multi-start is skipped only with warm_only. A warm
 * start alone is one more start: from a poor one (a near-step at the
 * lowest z) the fit still reaches the cold optimum, and its passes are the
 * cold fit's (the same deterministic search) plus the warm start's own. */
START_TEST(test_warm_without_warm_only_still_searches)
{
    const cs_params truth = { 0.05, 0.75, 22.8, 1.0 };
    size_t n = 2400;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    synth(&truth, 0.98, 0.06, n, 9, z, y);
    for (size_t i = 0; i < n; i++)
        z[i] = 21.0 + 0.1 * floor((z[i] - 21.0) * 10.0);
    cs_fit cold = fit_or_die(z, y, n, NULL);
    const cs_params poor = { 0.0, 0.05, 21.0, 50.0 };
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.warm = &poor;
    cs_fit warm = fit_or_die(z, y, n, &o);
    ck_assert(feasible(&warm));
    ck_assert_msg(warm.objective <= cold.objective + 1e-12, "warm %.12g cold %.12g", warm.objective,
                  cold.objective);
    ck_assert_double_eq_tol(warm.p.z_star, cold.p.z_star, 1e-5);
    ck_assert_msg(warm.evals > cold.evals, "warm %u evals, cold %u", warm.evals, cold.evals);
    free(z);
    free(y);
}
END_TEST

/* Inputs of 65536 rows and more are sorted by a radix sort of the doubles'
 * bits, which must order negative z too: z on [-9, -5] (the z of a 70000-row
 * set, on a grid of 1/64 decade, moved by -30 exactly) give the same
 * optimum as on [21, 25], moved by -30 (test_shift_equivariant's rule). */
START_TEST(test_large_input_with_negative_z)
{
    const cs_params truth = { 0.1, 0.6, 23.0, 1.2 };
    const size_t n = 70000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y), *zs = malloc(n * sizeof *zs);
    synth(&truth, 0.98, 0.08, n, 77, z, y);
    for (size_t i = 0; i < n; i++) {
        z[i] = round(z[i] * 64.0) / 64.0;
        zs[i] = z[i] - 30.0;
    }
    cs_fit a = fit_or_die(z, y, n, NULL), b = fit_or_die(zs, y, n, NULL);
    ck_assert_double_eq(b.z_min, a.z_min - 30.0);
    ck_assert_double_eq(b.z_max, a.z_max - 30.0);
    ck_assert_msg(fabs(b.objective - a.objective) <= 1e-10 * fabs(a.objective), "objective %.12g, unshifted %.12g",
                  b.objective, a.objective);
    ck_assert_double_eq_tol(b.p.z_star + 30.0, a.p.z_star, 1e-5);
    ck_assert_double_eq_tol(b.p.b, a.p.b, 1e-5 * a.p.b);
    free(z);
    free(y);
    free(zs);
}
END_TEST

/* logit(1/2) = 0: with y0 = 0.25, L = 0.5 (both exact) the accuracy 0.5
 * is reached at z_star exactly; z_star = z_max is within the data, so it is
 * reachable, not extrapolated (fit.h: extrapolated when z > z_max). */
START_TEST(test_require_at_the_last_z)
{
    cs_fit f = hand_fit();
    f.p = (cs_params){ 0.25, 0.5, 25.0, 2.0 };
    double z = -1.0;
    ck_assert_int_eq(cs_fit_require(&f, 0.5, &z), CS_REACHABLE);
    ck_assert_double_eq(z, 25.0);
}
END_TEST

static Suite *fit_suite(void)
{
    Suite *s = suite_create("fit");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_softplus);
    tcase_add_test(tc, test_rho);
    tcase_add_test(tc, test_q);
    tcase_add_test(tc, test_objective_by_hand);
    tcase_add_test(tc, test_eval_derivatives);
    tcase_add_test(tc, test_table_matches_the_rows);
    tcase_add_test(tc, test_all_ones);
    tcase_add_test(tc, test_all_zeros);
    tcase_add_test(tc, test_one_level);
    tcase_add_test(tc, test_step_pushes_bounds);
    tcase_add_test(tc, test_flat_ties_do_not_fill_the_polish);
    tcase_add_test(tc, test_constant_scores_flat);
    tcase_add_test(tc, test_constant_scores_tiny_tau);
    tcase_add_test(tc, test_polish_finds_the_lower_basin);
    tcase_add_test(tc, test_large_kappa);
    tcase_add_test(tc, test_random_feasible);
    tcase_add_test(tc, test_extreme_inputs);
    tcase_add_test(tc, test_recovers_known_boundary);
    tcase_add_test(tc, test_demo_recovery);
    tcase_add_test(tc, test_predict_clamps);
    tcase_add_test(tc, test_require);
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_order_invariant);
    tcase_add_test(tc, test_shift_equivariant);
    tcase_add_test(tc, test_warm_equals_cold);
    tcase_add_test(tc, test_weights);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_cancel);
    tcase_add_test(tc, test_eval_derivatives_weighted);
    tcase_add_test(tc, test_long_group_product);
    tcase_add_test(tc, test_warm_without_warm_only_still_searches);
    tcase_add_test(tc, test_large_input_with_negative_z);
    tcase_add_test(tc, test_require_at_the_last_z);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(fit_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
