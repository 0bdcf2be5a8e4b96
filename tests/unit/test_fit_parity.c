/* test_fit_parity.c - the fit against the reference and against an exhaustive search.
 *
 * Reads $CAPSCOPE_SHARED_DATA/oll_reeval.csv (skips with exit 77 when it is
 * absent) through the dataset module. The expected row counts come from the
 * data's README, not from the loader.
 *
 * 1. IFEval, all 2409 rows, defaults: method.md section 8 publishes the
 *    reference's optimum (y0 = 0, L = 1, z_star = data minimum, b = 0.39775,
 *    objective 0.0072519, q(1e24) = 0.7609). cs_objective must reproduce the
 *    objective at those parameters (which pins down the objective's
 *    definition), and cs_fit_run must reach an objective no higher.
 * 2. Every task, on all rows and on each period4 period, and at other
 *    (tau, kappa, lambda_b): an exhaustive check. A dense grid over
 *    (z_star, log b) with the inner problem in (y0, L) solved at every node,
 *    then a zooming pattern search from the best nodes, gives the global
 *    minimum independently of the fitter's own multi-start; the fitter must
 *    reach it. The inner solver is verified separately (KKT on the triangle,
 *    with an independent gradient).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/fit.h"
#include "core/fit_local.h"

/* ---- the data ------------------------------------------------------------- */

#define MAX_TASKS 6
static const char *const task_names[MAX_TASKS] = { "ifeval", "bbh", "math_lvl5",
                                                   "gpqa", "musr", "mmlu_pro" };

static cs_dataset *data;
static size_t task_col[MAX_TASKS];   /* index in data->tasks of task_names[k] */

/* period4 (method.md section 5), bounds inclusive; period 0 = all rows */
static const char *const period_lo[5] = { NULL, NULL, "2024-07-01", "2024-10-01", "2025-01-01" };
static const char *const period_hi[5] = { NULL, "2024-06-30", "2024-09-30", "2024-12-31", "2025-03-31" };

/* The scored rows of a task dated in [lo, hi] (undated rows: only when the
 * range is unbounded). */
static size_t select_dated(int task, int32_t lo, int32_t hi, double *z, double *y)
{
    unsigned char *in = malloc(data->n_rows);
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; i < data->n_rows; i++)
        in[i] = (lo == INT32_MIN && hi == INT32_MAX) ||
                (data->date[i] != CS_NO_DATE && data->date[i] >= lo && data->date[i] <= hi);
    size_t m = cs_dataset_task_xy(data, task_col[task], in, z, y, NULL);
    free(in);
    return m;
}

static size_t select_rows(int task, int period, double *z, double *y)
{
    int32_t lo = INT32_MIN, hi = INT32_MAX;
    if (period_lo[period])
        ck_assert_int_eq(cs_parse_date(period_lo[period], &lo), 0);
    if (period_hi[period])
        ck_assert_int_eq(cs_parse_date(period_hi[period], &hi), 0);
    return select_dated(task, lo, hi, z, y);
}

/* ---- the exhaustive check ---------------------------------------------- */

typedef struct grouped {
    fit_problem pb;
    double *zg, *ey, *ky, *sum_y;
    size_t *start;
} grouped;

static int cmp_pair(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

/* The grouped problem of fit_local.h, built here independently of fit.c. */
static void grouped_build(grouped *g, const double *z, const double *y, size_t n, double tau,
                          double kappa, double lambda_b)
{
    double *zy = malloc(2 * n * sizeof *zy);
    for (size_t i = 0; i < n; i++) {
        zy[2 * i] = z[i];
        zy[2 * i + 1] = y[i];
    }
    qsort(zy, n, 2 * sizeof *zy, cmp_pair);
    g->zg = malloc(n * sizeof *g->zg);
    g->ey = malloc(n * sizeof *g->ey);
    g->ky = malloc(n * sizeof *g->ky);
    g->sum_y = malloc(n * sizeof *g->sum_y);
    g->start = malloc((n + 1) * sizeof *g->start);
    int factored = kappa <= 1400.0;
    size_t G = 0;
    for (size_t i = 0; i < n; i++) {
        if (G == 0 || zy[2 * i] != g->zg[G - 1]) {
            g->zg[G] = zy[2 * i];
            g->start[G] = i;
            g->sum_y[G] = 0.0;
            G++;
        }
        g->sum_y[G - 1] += zy[2 * i + 1];
        g->ky[i] = kappa * zy[2 * i + 1];
        g->ey[i] = factored ? exp(-kappa * (zy[2 * i + 1] - 0.5)) : 0.0;
    }
    g->start[G] = n;
    g->pb = (fit_problem){ .n = n, .G = G, .zg = g->zg, .start = g->start, .ey = g->ey,
                           .ky = g->ky, .sum_y = g->sum_y, .tau = tau, .kappa = kappa,
                           .lambda_b = lambda_b, .factored = factored, .z_lo = zy[0],
                           .z_hi = zy[2 * (n - 1)] };
    free(zy);
}

static void grouped_free(grouped *g)
{
    free(g->zg);
    free(g->ey);
    free(g->ky);
    free(g->sum_y);
    free(g->start);
}

/* V(z_star, log b): the inner problem solved from (y0, L) in th. */
static double profile(fit_problem *pb, double th[4], double zs, double lb)
{
    th[FP_ZS] = fmin(fmax(zs, pb->z_lo), pb->z_hi);
    th[FP_B] = fmin(fmax(exp(lb), CS_B_MIN), CS_B_MAX);
    return fitp_local(pb, th, 1, 200, FITP_EXACT);
}

typedef struct check_result {
    double J;
    double th[4];
} check_result;

static check_result exhaustive(fit_problem *pb)
{
    enum { NZ = 81, NB = 81, KEEP = 4 };
    const double lb_lo = log(CS_B_MIN), lb_hi = log(CS_B_MAX);
    static double V[NZ][NB], TH[NZ][NB][4];
    double th[4] = { 0.0, 0.5, 0.0, 1.0 };
    for (int i = 0; i < NZ; i++) {
        double zs = pb->z_lo + (pb->z_hi - pb->z_lo) * i / (NZ - 1);
        for (int j = 0; j < NB; j++) {
            V[i][j] = profile(pb, th, zs, lb_lo + (lb_hi - lb_lo) * j / (NB - 1));
            memcpy(TH[i][j], th, sizeof th);
        }
        memcpy(th, TH[i][0], sizeof th);
    }
    /* the KEEP best grid local minima (8-neighbourhood) */
    static double minima[NZ * NB][3];
    int nmin = 0;
    for (int i = 0; i < NZ; i++)
        for (int j = 0; j < NB; j++) {
            int is_min = 1;
            for (int di = -1; di <= 1; di++)
                for (int dj = -1; dj <= 1; dj++) {
                    int a = i + di, c = j + dj;
                    if ((di || dj) && a >= 0 && a < NZ && c >= 0 && c < NB && V[a][c] < V[i][j])
                        is_min = 0;
                }
            if (is_min) {
                minima[nmin][0] = V[i][j];
                minima[nmin][1] = i;
                minima[nmin][2] = j;
                nmin++;
            }
        }
    qsort(minima, (size_t)nmin, sizeof minima[0], cmp_pair);
    int pick[KEEP][2], npick = nmin < KEEP ? nmin : KEEP;
    for (int k = 0; k < npick; k++) {
        pick[k][0] = (int)minima[k][1];
        pick[k][1] = (int)minima[k][2];
    }
    /* zooming pattern search: 5 x 5 stencil around the incumbent; shrink when
     * the centre stays best, move otherwise */
    check_result best = { INFINITY, { 0 } };
    for (int k = 0; k < npick; k++) {
        int i = pick[k][0], j = pick[k][1];
        double cz = pb->z_lo + (pb->z_hi - pb->z_lo) * i / (NZ - 1);
        double cb = lb_lo + (lb_hi - lb_lo) * j / (NB - 1);
        double cJ = V[i][j], cth[4];
        memcpy(cth, TH[i][j], sizeof cth);
        double hz = (pb->z_hi - pb->z_lo) / (NZ - 1), hb = (lb_hi - lb_lo) / (NB - 1);
        for (int it = 0; it < 400 && hz > 1e-10 * (pb->z_hi - pb->z_lo); it++) {
            double nz = cz, nb = cb, nJ = cJ, nth[4];
            memcpy(nth, cth, sizeof nth);
            for (int a = -2; a <= 2; a++)
                for (int c = -2; c <= 2; c++) {
                    if (!a && !c)
                        continue;
                    double t[4];
                    memcpy(t, cth, sizeof t);
                    double zz = fmin(fmax(cz + a * hz / 2, pb->z_lo), pb->z_hi);
                    double bb = fmin(fmax(cb + c * hb / 2, lb_lo), lb_hi);
                    double v = profile(pb, t, zz, bb);
                    if (v < nJ) {
                        nJ = v;
                        nz = zz;
                        nb = bb;
                        memcpy(nth, t, sizeof t);
                    }
                }
            if (nJ < cJ) {
                cz = nz;
                cb = nb;
                cJ = nJ;
                memcpy(cth, nth, sizeof cth);
            } else {
                hz /= 2;
                hb /= 2;
            }
        }
        /* the box ends themselves */
        for (int e = 0; e < 4; e++) {
            double t[4];
            memcpy(t, cth, sizeof t);
            double v = profile(pb, t, e == 0 ? pb->z_lo : e == 1 ? pb->z_hi : cz,
                               e == 2 ? lb_lo : e == 3 ? lb_hi : cb);
            if (v < cJ) {
                cJ = v;
                memcpy(cth, t, sizeof cth);
            }
        }
        if (cJ < best.J) {
            best.J = cJ;
            memcpy(best.th, cth, sizeof cth);
        }
    }
    return best;
}

/* ---- tests ---------------------------------------------------------------- */

START_TEST(test_row_counts)
{
    /* ../shared/data/README.md: 2409 rows; period4 puts 513/216/211/229 rows in P1..P4 */
    static const size_t want[5] = { 2409, 513, 216, 211, 229 };
    double *z = malloc(data->n_rows * sizeof *z), *y = malloc(data->n_rows * sizeof *y);
    for (int p = 0; p < 5; p++)
        ck_assert_uint_eq(select_rows(0, p, z, y), want[p]);
    free(z);
    free(y);
}
END_TEST

START_TEST(test_ifeval_reference)
{
    double *z = malloc(data->n_rows * sizeof *z), *y = malloc(data->n_rows * sizeof *y);
    size_t n = select_rows(0, 0, z, y);
    ck_assert_uint_eq(n, 2409);
    double zmin = INFINITY;
    for (size_t i = 0; i < n; i++)
        zmin = fmin(zmin, z[i]);
    ck_assert_double_eq_tol(zmin, 21.089, 5e-4);
    cs_params ref = { 0.0, 1.0, zmin, 0.39775 };
    double J_ref = cs_objective(z, y, n, &ref, 0.98, 50.0, 1e-3);
    ck_assert_double_eq_tol(J_ref, 0.0072519, 1e-7);

    cs_fit f;
    cs_error e;
    ck_assert_int_eq(cs_fit_run(z, y, n, NULL, &f, &e), 0);
    printf("ifeval: y0=%.6g L=%.6g z_star=%.6f b=%.6f J=%.10f (reference 0.0072519) q(1e24)=%.5f\n",
           f.p.y0, f.p.L, f.p.z_star, f.p.b, f.objective, cs_fit_predict(&f, 24.0));
    ck_assert(f.objective <= 0.0072519 + 2e-7);
    ck_assert(f.objective <= J_ref);
    ck_assert_double_eq(f.p.y0, 0.0);
    ck_assert_double_eq(f.p.L, 1.0);
    ck_assert_double_eq(f.p.z_star, zmin);
    ck_assert_double_eq_tol(f.p.b, 0.39775, 5e-5);
    ck_assert_double_eq_tol(cs_fit_predict(&f, 24.0), 0.7609, 1e-4);
    ck_assert_double_eq_tol(f.coverage, 0.9813, 1e-4); /* contract.md's example output */
    free(z);
    free(y);
}
END_TEST

/* The inner solver's result satisfies the KKT conditions on the triangle,
 * checked with a gradient written out directly from the formulas:
 * for every vertex v of the triangle, g . (v - x) >= 0. */
START_TEST(test_inner_kkt)
{
    double *z = malloc(data->n_rows * sizeof *z), *y = malloc(data->n_rows * sizeof *y);
    static const double taus[3] = { 0.98, 0.9, 0.5 }, kappas[3] = { 50, 1000, 10 };
    for (int task = 0; task < MAX_TASKS; task++) {
        size_t n = select_rows(task, task % 5, z, y);
        for (int c = 0; c < 3; c++) {
            grouped g;
            grouped_build(&g, z, y, n, taus[c], kappas[c], 1e-3);
            for (int s = 0; s < 12; s++) {
                double th[4] = { 0.3, 0.2, 0, 0 };
                double zs = g.pb.z_lo + (g.pb.z_hi - g.pb.z_lo) * (s % 4) / 3.0;
                double lb = log(CS_B_MIN) + (log(CS_B_MAX) - log(CS_B_MIN)) * (s % 3) / 2.0;
                profile(&g.pb, th, zs, lb);
                double gy0 = 0.0, gL = 0.0;
                for (size_t i = 0; i < n; i++) {
                    double sg = 1.0 / (1.0 + exp(-th[FP_B] * (z[i] - th[FP_ZS])));
                    double u = y[i] - (th[FP_Y0] + th[FP_L] * sg);
                    double r = 1.0 / (1.0 + exp(-kappas[c] * u)) + taus[c] - 1.0;
                    gy0 -= r / (double)n;
                    gL -= r * sg / (double)n;
                }
                /* The solver ends with a Newton step, after which the
                 * gradient is at rounding level (which grows with the
                 * curvature, of order kappa): no feasible direction may
                 * descend by more than that. */
                static const double vert[3][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 } };
                const double tol = 1e-13 * kappas[c];
                for (int v = 0; v < 3; v++) {
                    double dd = gy0 * (vert[v][0] - th[FP_Y0]) + gL * (vert[v][1] - th[FP_L]);
                    ck_assert_msg(dd >= -tol, "task %d case %d shape %d: g.(v-x) = %g", task, c, s, dd);
                }
                ck_assert(th[FP_Y0] >= 0 && th[FP_L] >= 0 && th[FP_Y0] + th[FP_L] <= 1.0);
            }
            grouped_free(&g);
        }
    }
    free(z);
    free(y);
}
END_TEST

/* The fit of rows (z, y) reaches the exhaustive check's minimum. */
static void compare_rows(const char *label, const double *z, const double *y, size_t n,
                         double tau, double kappa, double lambda_b)
{
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.tau = tau;
    o.kappa = kappa;
    o.lambda_b = lambda_b;
    cs_fit f;
    cs_error e;
    ck_assert_int_eq(cs_fit_run(z, y, n, &o, &f, &e), 0);

    grouped g;
    grouped_build(&g, z, y, n, tau, kappa, lambda_b);
    check_result c = exhaustive(&g.pb);
    cs_params cp = { c.th[FP_Y0], c.th[FP_L], c.th[FP_ZS], c.th[FP_B] };
    double J_check = cs_objective(z, y, n, &cp, tau, kappa, lambda_b);
    printf("%-13s n=%4zu tau=%.3g kappa=%-4g lambda_b=%-5g  fit J=%.10f (y0=%.4f L=%.4f z*=%.4f b=%.4f)"
           "  exhaustive J=%.10f (z*=%.4f b=%.4f)  diff=%+.2e\n",
           label, n, tau, kappa, lambda_b, f.objective, f.p.y0, f.p.L, f.p.z_star, f.p.b, J_check,
           cp.z_star, cp.b, f.objective - J_check);
    fflush(stdout);
    /* J is evaluated to about 1e-17 here (the two sides differ by at most
     * 5e-18 on the shared data). With 1e-9, a polish stopped once its step
     * promised less than 1e-5 of J failed 2 of the 23 checks, and passed
     * fits up to 9e-10 above the optimum; with 1e-13 it fails 7. */
    ck_assert_msg(f.objective <= J_check + 1e-13 * fmax(1.0, fabs(J_check)),
                  "%s: fit %.12g above exhaustive %.12g", label, f.objective, J_check);
    grouped_free(&g);
}

static void compare_with_exhaustive(int task, int period, double tau, double kappa, double lambda_b)
{
    double *z = malloc(data->n_rows * sizeof *z), *y = malloc(data->n_rows * sizeof *y);
    size_t n = select_rows(task, period, z, y);
    char label[32];
    snprintf(label, sizeof label, "%s %s", task_names[task],
             period ? (const char *[]){ "", "P1", "P2", "P3", "P4" }[period] : "all");
    compare_rows(label, z, y, n, tau, kappa, lambda_b);
    free(z);
    free(y);
}

START_TEST(test_exhaustive_all_rows)
{
    compare_with_exhaustive(_i, 0, 0.98, 50.0, 1e-3);
}
END_TEST

START_TEST(test_exhaustive_periods)
{
    for (int p = 1; p <= 4; p++)
        compare_with_exhaustive(_i, p, 0.98, 50.0, 1e-3);
}
END_TEST

START_TEST(test_exhaustive_far_from_defaults)
{
    /* other quantiles (the TUI overlays several) and near-pinball smoothing */
    compare_with_exhaustive(_i, 0, 0.9, 50.0, 1e-3);
    compare_with_exhaustive(_i, 0, 0.5, 50.0, 1e-3);
    compare_with_exhaustive(_i, 0, 0.98, 1000.0, 1e-5);
    compare_with_exhaustive(_i, 1 + _i % 4, 0.98, 1000.0, 1e-5);
    /* No ridge at a high quantile: b runs to its bound 50 and the profile
     * in z_star is a staircase with a basin per gap between compute levels
     * (ifeval: the screen's grid missed the best gap, 0.8% above). */
    compare_with_exhaustive(_i, 0, 0.999, 50.0, 0.0);
}
END_TEST

/* Every task of epoch_benchmarks.csv (few rows, a narrow range of compute)
 * at the defaults and at a high quantile with no ridge. There gpqa_diamond
 * (65 rows) polished six screen starts that met in three basins and missed
 * the best one, 1.1e-3 lower. Skipped, with a message, when the file is
 * absent. */
START_TEST(test_exhaustive_epoch)
{
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/epoch_benchmarks.csv", dir && *dir ? dir : "../shared/data");
    cs_dataset *ep;
    cs_error err;
    if (cs_dataset_load(path, NULL, &ep, &err) != 0) {
        printf("test_exhaustive_epoch: %s is absent or unreadable (%s), not checked\n", path,
               err.msg);
        return;
    }
    double *z = malloc(ep->n_rows * sizeof *z), *y = malloc(ep->n_rows * sizeof *y);
    ck_assert(z && y);
    int gpqa_seen = 0;
    for (size_t t = 0; t < ep->n_tasks; t++) {
        size_t n = cs_dataset_task_xy(ep, t, NULL, z, y, NULL);
        if (n < CS_MIN_TASK_ROWS)
            continue;
        gpqa_seen |= strcmp(ep->tasks[t].name, "gpqa_diamond") == 0;
        compare_rows(ep->tasks[t].name, z, y, n, 0.98, 50.0, 1e-3);
        compare_rows(ep->tasks[t].name, z, y, n, 0.999, 1000.0, 0.0);
    }
    ck_assert_msg(gpqa_seen, "%s: no task gpqa_diamond", path);
    free(z);
    free(y);
    cs_dataset_free(ep);
}
END_TEST

/* Scrubbing a cut date: refit at every week from 2024-01-01 to 2025-10-01,
 * each refit warm-started (warm_only) from the previous week's warm fit. At
 * the defaults every chained warm refit must reach the cold optimum. */
START_TEST(test_scrub_warm_chain)
{
    double *z = malloc(data->n_rows * sizeof *z), *y = malloc(data->n_rows * sizeof *y);
    int refits = 0;
    unsigned long warm_evals = 0, cold_evals = 0;
    for (int task = 0; task < MAX_TASKS; task++) {
        cs_params prev;
        int have = 0;
        for (int week = 0; week < 92; week++) {
            int32_t cut_day;
            ck_assert_int_eq(cs_parse_date("2024-01-01", &cut_day), 0);
            cut_day += 7 * week;
            char cut[16];
            cs_format_date(cut_day, cut, sizeof cut);
            size_t n = select_dated(task, INT32_MIN, cut_day, z, y);
            cs_fit_opts o;
            cs_fit_opts_init(&o);
            cs_fit cold, warm;
            cs_error e;
            ck_assert_int_eq(cs_fit_run(z, y, n, &o, &cold, &e), 0);
            if (!have) {
                prev = cold.p;
                have = 1;
                continue;
            }
            o.warm = &prev;
            o.warm_only = 1;
            ck_assert_int_eq(cs_fit_run(z, y, n, &o, &warm, &e), 0);
            ck_assert_msg(warm.objective <= cold.objective + 1e-12,
                          "%s cut %s: warm %.12g cold %.12g", task_names[task], cut, warm.objective,
                          cold.objective);
            warm_evals += warm.evals;
            cold_evals += cold.evals;
            prev = warm.p;
            refits++;
        }
    }
    printf("scrub: %d chained weekly warm refits, all at the cold optimum; passes over the rows: "
           "warm %lu, cold %lu\n", refits, warm_evals, cold_evals);
    /* the point of a warm start: far less work on average */
    ck_assert(warm_evals * 5 < cold_evals);
    free(z);
    free(y);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/oll_reeval.csv", dir && *dir ? dir : "../shared/data");
    cs_error err;
    if (cs_dataset_load(path, NULL, &data, &err) != 0) {
        printf("SKIP: %s is absent or unreadable (%s): the parity tests need the shared data\n",
               path, err.msg);
        return 77;
    }
    for (int k = 0; k < MAX_TASKS; k++) {
        int t = cs_dataset_task_index(data, task_names[k]);
        if (t < 0) {
            printf("%s: no task column '%s'\n", path, task_names[k]);
            cs_dataset_free(data);
            return EXIT_FAILURE;
        }
        task_col[k] = (size_t)t;
    }
    Suite *s = suite_create("fit_parity");
    TCase *tc = tcase_create("parity");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_row_counts);
    tcase_add_test(tc, test_ifeval_reference);
    tcase_add_test(tc, test_inner_kkt);
    tcase_add_test(tc, test_scrub_warm_chain);
    tcase_add_loop_test(tc, test_exhaustive_all_rows, 0, MAX_TASKS);
    tcase_add_loop_test(tc, test_exhaustive_periods, 0, MAX_TASKS);
    tcase_add_loop_test(tc, test_exhaustive_far_from_defaults, 0, MAX_TASKS);
    tcase_add_test(tc, test_exhaustive_epoch);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    cs_dataset_free(data);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
