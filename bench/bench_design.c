/* bench_design.c - how long the design takes, with sizes.
 *
 *   1. the paper's design (--pool all --prior paper) at 20% on the shared
 *      data (2409 rows) or, when it is absent, the built-in demo set;
 *   2. the incremental sampler (--prior fit) asked for the next 20 on the
 *      same rows with 90% of the scores hidden;
 *   3. both on 100,000 synthetic rows (1,000 base models sharing compute);
 *   4. the paper's design on 100,000 rows that each have a compute of their
 *      own (sizes and token counts drawn apart), where design_blocks.c
 *      does the work, and at 10,000 such rows with and without its blocks;
 *   5. the 4x4 kernel of a greedy step, hand-written against GSL BLAS
 *      (the reason design.c does not call gsl_blas_dsyr).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/demo.h"
#include "capscope/design.h"
#include "core/design_internal.h"

#include "bench_util.h"

static int run(const char *what, const cs_dataset *ds, cs_prior_kind prior, cs_pool_kind pool,
               double fraction, size_t count)
{
    cs_design_opts o;
    cs_design_opts_init(&o);
    o.prior = prior;
    o.pool = pool;
    o.budget_fraction = fraction;
    o.count = count;
    cs_design_result r;
    cs_error err;
    double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
    if (cs_design_run(ds, &o, &r, &err) != 0) {
        fprintf(stderr, "bench_design: %s: %s\n", what, err.msg);
        return -1;
    }
    double dt = bench_wall_seconds() - t0, dc = bench_cpu_seconds() - c0;
    printf("  %-44s %7zu rows %6zu picks  used %10.1f of %10.1f  %8.3f s  cpu %8.3f s\n", what,
           ds->n_rows, r.n_picks, r.used, r.budget, dt, dc);
    cs_design_result_free(&r);
    return 0;
}

/* Hide all but `keep` of the scores, at random (seeded). */
static void hide_scores(cs_dataset *ds, double keep, unsigned long seed)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, seed);
    for (size_t i = 0; i < ds->n_rows; i++)
        if (gsl_rng_uniform(g) >= keep)
            for (size_t t = 0; t < ds->n_tasks; t++)
                cs_dataset_set_score(ds, i, t, NAN, NULL);
    gsl_rng_free(g);
}

/* The protocol run on every data set: the paper's design on all models, then
 * the incremental design with 10% of the scores kept, for the next 20 models
 * and for `fraction` of the unscored models' cost. */
static int run_set(cs_dataset *ds, double fraction)
{
    char what[64];
    if (run("paper design, 20% (--pool all --prior paper)", ds, CS_PRIOR_PAPER, CS_POOL_ALL, 0.2, 0) != 0)
        return -1;
    hide_scores(ds, 0.1, 7);
    snprintf(what, sizeof what, "incremental, %g%% of the unscored cost", 100 * fraction);
    if (run("incremental, next 20 (10% scored)", ds, CS_PRIOR_FIT, CS_POOL_UNSCORED, 0, 20) != 0 ||
        run(what, ds, CS_PRIOR_FIT, CS_POOL_UNSCORED, fraction, 0) != 0)
        return -1;
    return 0;
}

/* n rows on 1,000 bases with compute 1e21..1e25 and a size (fine-tunes
 * share both), or with `distinct`, every row its own model: a size of
 * 0.1-100B and 0.1-20T tokens drawn apart, so compute and cost differ
 * from row to row. Two tasks following sigmoids with a spread below them. */
static char *synthetic_csv(size_t n, int distinct, size_t *len)
{
    size_t cap = n * 64 + 64, k = 0;
    char *csv = malloc(cap);
    if (!csv)
        return NULL;
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 2024);
    double bz[1000], bc[1000];
    for (int b = 0; b < 1000; b++) {
        bz[b] = 21 + 4 * gsl_rng_uniform(g);
        bc[b] = pow(10, (bz[b] - 21) / 2.5) * (0.5 + gsl_rng_uniform(g));
    }
    k += (size_t)snprintf(csv + k, cap - k, "model,flops,params_b,acc,acc2\n");
    for (size_t i = 0; i < n; i++) {
        int b = (int)gsl_rng_uniform_int(g, 1000);
        if (distinct) {
            double params = pow(10, -1 + 3 * gsl_rng_uniform(g));
            double tokens = pow(10, -1 + 2.3 * gsl_rng_uniform(g));
            bz[b] = log10(6 * params * 1e9 * tokens * 1e12);
            bc[b] = params;
        }
        double q1 = 0.1 + 0.8 / (1 + exp(-1.1 * (bz[b] - 23.2)));
        double q2 = 0.2 + 0.6 / (1 + exp(-0.8 * (bz[b] - 23.8)));
        double y1 = q1 * (1 - 0.5 * gsl_ran_beta(g, 1.2, 3)), y2 = q2 * (1 - 0.5 * gsl_ran_beta(g, 1.2, 3));
        k += (size_t)snprintf(csv + k, cap - k, "s%zu,%.6e,%.3g,%.4f,%.4f\n", i, pow(10, bz[b]),
                              bc[b], y1, y2);
    }
    gsl_rng_free(g);
    *len = k;
    return csv;
}

/* The paper's design on n rows of distinct compute, through the greedy
 * with its blocks and scoring every candidate at every step. */
static int blocks_bench(size_t n)
{
    double *z = malloc(n * sizeof *z), *cost = malloc(n * sizeof *cost), total = 0;
    if (!z || !cost) {
        free(z);
        free(cost);
        return -1;
    }
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(g, 5);
    for (size_t i = 0; i < n; i++) {
        cost[i] = pow(10, -1 + 3 * gsl_rng_uniform(g));
        z[i] = log10(6 * cost[i] * 1e9 * pow(10, -1 + 2.3 * gsl_rng_uniform(g)) * 1e12);
        total += cost[i];
    }
    gsl_rng_free(g);
    cs_design_criterion c = { cs_design_prior_paper(), NULL };
    cs_design_problem pb = { .n = n, .z = z, .cost = cost, .n_crit = 1, .crit = &c,
                             .budget = 0.2 * total, .balance_lambda = CS_DESIGN_LAMBDA_DEFAULT,
                             .grid_bins = CS_BINS_DEFAULT_DESIGN, .seeds = 1 };
    int rc = 0;
    for (int blocked = 1; blocked >= 0 && rc == 0; blocked--) {
        cs_design_result r;
        double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
        rc = cs_design_greedy_blocked(&pb, &r, NULL, blocked ? -1 : 0);
        double dt = bench_wall_seconds() - t0, dc = bench_cpu_seconds() - c0;
        if (rc == 0) {
            printf("  %-44s %7zu rows %6zu picks  %30s %8.3f s  cpu %8.3f s\n",
                   blocked ? "paper design, 20%, blocks of sqrt(levels)"
                           : "paper design, 20%, every level at every step",
                   n, r.n_picks, "", dt, dc);
            cs_design_result_free(&r);
        }
    }
    free(z);
    free(cost);
    return rc;
}

/* The greedy step's kernel: gain and rank-one update, hand-written vs BLAS. */
static void kernel_bench(void)
{
    double minv[16], a[16], g[4] = { 1, 0.3, 0.1, 0.2 };
    cs_design_prior p = cs_design_prior_paper();
    for (int i = 0; i < 16; i++)
        minv[i] = a[i] = (i % 5 == 0) ? 1.0 : 0.01;
    const int reps = 2000000;
    double sink = 0, t0 = bench_wall_seconds();
    for (int r = 0; r < reps; r++) {
        g[1] = 0.3 + 1e-7 * r;
        sink += cs_design_trace_gain(minv, a, g, NULL);
    }
    double hand = bench_wall_seconds() - t0;
    gsl_matrix_view mv = gsl_matrix_view_array(minv, 4, 4), av = gsl_matrix_view_array(a, 4, 4);
    gsl_vector_view gv = gsl_vector_view_array(g, 4);
    double vb[4], avb[4];
    gsl_vector_view vv = gsl_vector_view_array(vb, 4), avv = gsl_vector_view_array(avb, 4);
    t0 = bench_wall_seconds();
    for (int r = 0; r < reps; r++) {
        g[1] = 0.3 + 1e-7 * r;
        double d, vav;
        gsl_blas_dsymv(CblasUpper, 1.0, &mv.matrix, &gv.vector, 0.0, &vv.vector);
        gsl_blas_ddot(&gv.vector, &vv.vector, &d);
        gsl_blas_dsymv(CblasUpper, 1.0, &av.matrix, &vv.vector, 0.0, &avv.vector);
        gsl_blas_ddot(&vv.vector, &avv.vector, &vav);
        sink += vav / (1 + d);
    }
    double blas = bench_wall_seconds() - t0;
    printf("  greedy-step kernel (gain of one candidate): hand-written %.1f ns, GSL BLAS %.1f ns"
           " (%.1fx)%s\n", 1e9 * hand / reps, 1e9 * blas / reps, blas / hand,
           sink == 42 ? " " : "");
    (void)p;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    printf("bench_design: sampler time\n");
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/oll_reeval.csv", dir ? dir : "../shared/data");
    cs_dataset *ds = NULL;
    cs_error err;
    const char *name = "shared oll_reeval.csv";
    if (cs_dataset_load(path, NULL, &ds, &err) != 0) {
        name = "demo (shared data absent)";
        if (cs_dataset_parse(cs_demo_csv, cs_demo_csv_size, "demo", NULL, &ds, &err) != 0) {
            fprintf(stderr, "bench_design: demo: %s\n", err.msg);
            return 1;
        }
    }
    printf(" %s\n", name);
    if (run_set(ds, 0.2) != 0)
        return 1;
    cs_dataset_free(ds);

    size_t len;
    char *csv = synthetic_csv(100000, 0, &len);
    if (!csv || cs_dataset_parse(csv, len, "synthetic", NULL, &ds, &err) != 0) {
        fprintf(stderr, "bench_design: synthetic: %s\n", csv ? err.msg : "out of memory");
        return 1;
    }
    free(csv);
    printf(" synthetic, 1000 compute levels\n");
    if (run_set(ds, 0.05) != 0)
        return 1;
    cs_dataset_free(ds);

    csv = synthetic_csv(100000, 1, &len);
    if (!csv || cs_dataset_parse(csv, len, "synthetic", NULL, &ds, &err) != 0) {
        fprintf(stderr, "bench_design: synthetic: %s\n", csv ? err.msg : "out of memory");
        return 1;
    }
    free(csv);
    printf(" synthetic, every row its own compute level\n");
    if (run("paper design, 20% (--pool all --prior paper)", ds, CS_PRIOR_PAPER, CS_POOL_ALL, 0.2,
            0) != 0)
        return 1;
    cs_dataset_free(ds);
    if (blocks_bench(10000) != 0)
        return 1;
    kernel_bench();
    return 0;
}
