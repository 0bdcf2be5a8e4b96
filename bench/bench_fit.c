/* bench_fit.c - fit time per task, warm-start refit time, and a 1,000,000-row fit.
 *
 * Reads $CAPSCOPE_SHARED_DATA/oll_reeval.csv for the per-task part (skipped
 * with a message when absent) through the dataset module; the large set is
 * synthetic, generated in memory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/fit.h"

#include "bench_util.h"

#define RUNS 21
#define NTASKS 6
static const char *const tasks[NTASKS] = { "ifeval", "bbh", "math_lvl5", "gpqa", "musr", "mmlu_pro" };

/* The per-task columns of oll_reeval.csv, gathered once through the dataset
 * module: every task is fully scored there, so all tasks share the rows. */
typedef struct rows {
    cs_dataset *ds;
    size_t n;
    double *z;
    double *y[NTASKS];
} rows;

static int load(const char *path, rows *r)
{
    cs_error e;
    memset(r, 0, sizeof *r);
    if (cs_dataset_load(path, NULL, &r->ds, &e) != 0)
        return -1;
    size_t cap = r->ds->n_rows;
    r->z = malloc(cap * sizeof *r->z);
    for (int k = 0; k < NTASKS; k++) {
        int t = cs_dataset_task_index(r->ds, tasks[k]);
        r->y[k] = malloc(cap * sizeof *r->y[k]);
        if (t < 0 || !r->z || !r->y[k])
            return -1;
        size_t n = cs_dataset_task_xy(r->ds, (size_t)t, NULL, r->z, r->y[k], NULL);
        if (k > 0 && n != r->n)
            return -1;
        r->n = n;
    }
    return r->n > 0 ? 0 : -1;
}

static void rows_free(rows *r)
{
    cs_dataset_free(r->ds);
    free(r->z);
    for (int k = 0; k < NTASKS; k++)
        free(r->y[k]);
}

/* Every task's fit on all rows, with row weights w (NULL: none). */
static void bench_tasks(rows *r, const double *w, const char *what)
{
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    o.weights = w;
    printf("Per task%s, all %zu rows of oll_reeval.csv, tau %.2f kappa %g lambda_b %g, median of %d "
           "runs:\n",
           what, r->n, o.tau, o.kappa, o.lambda_b, RUNS);
    printf("  %-10s %10s %10s %14s %7s  %s\n", "task", "wall ms", "cpu ms", "objective", "evals",
           "y0 L z_star b");
    double total = 0.0, total_cpu = 0.0;
    for (int k = 0; k < NTASKS; k++) {
        double t[RUNS], c[RUNS];
        cs_fit f;
        cs_error e;
        for (int i = 0; i < RUNS; i++) {
            double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
            if (cs_fit_run(r->z, r->y[k], r->n, &o, &f, &e) != 0) {
                printf("  %s: fit failed: %s\n", tasks[k], e.msg);
                return;
            }
            t[i] = bench_wall_seconds() - t0;
            c[i] = bench_cpu_seconds() - c0;
        }
        double m = bench_median(t, RUNS), mc = bench_median(c, RUNS);
        total += m;
        total_cpu += mc;
        printf("  %-10s %10.3f %10.3f %14.10f %7u  %.4f %.4f %.4f %.5f\n", tasks[k], 1e3 * m, 1e3 * mc,
               f.objective, f.evals, f.p.y0, f.p.L, f.p.z_star, f.p.b);
    }
    printf("  %-10s %10.3f %10.3f\n", "total", 1e3 * total, 1e3 * total_cpu);
}

/* The same fits with row weights 1 and 2 alternating, as a design's weights
 * take a few distinct values: the weighted pass pays a log per row, which
 * the unweighted one avoids. */
static void bench_weighted(rows *r)
{
    double *w = malloc(r->n * sizeof *w);
    if (!w)
        return;
    for (size_t i = 0; i < r->n; i++)
        w[i] = 1.0 + (double)(i % 2);
    bench_tasks(r, w, " weighted (weights 1 and 2 alternating)");
    free(w);
}

/* Scrubbing a cut date: fit the rows before one date, then refit with the cut
 * a week later, warm-started from the first fit (warm_only). */
/* The scores of one task on the rows dated on or before `cut` (YYYY-MM-DD). */
static size_t select_before(const cs_dataset *ds, size_t task, const char *cut,
                            unsigned char *mask, double *z, double *y)
{
    int32_t last = 0;
    cs_parse_date(cut, &last);
    for (size_t i = 0; i < ds->n_rows; i++)
        mask[i] = ds->date[i] <= last;
    return cs_dataset_task_xy(ds, task, mask, z, y, NULL);
}

static void bench_warm(rows *r)
{
    const cs_dataset *ds = r->ds;
    double *z = malloc(ds->n_rows * sizeof *z), *y = malloc(ds->n_rows * sizeof *y);
    unsigned char *before = malloc(ds->n_rows);
    if (!z || !y || !before) {
        printf("warm-start refit: out of memory\n");
        goto done;
    }
    static const char *const cuts[][2] = { { "2024-12-31", "2025-01-07" }, { "2025-03-31", "2025-04-07" },
                                           { "2025-06-30", "2025-07-07" } };
    printf("Warm-start refit (cut date moved by a week, warm_only), median of %d runs:\n", RUNS);
    printf("  %-10s %-10s %6s %6s %10s %10s %12s %12s %16s %16s\n", "task", "cut", "n_old", "n_new",
           "cold ms", "warm ms", "cold cpu ms", "warm cpu ms", "cold objective", "warm objective");
    for (int k = 0; k < NTASKS; k += 2) {
        int task = cs_dataset_task_index(ds, tasks[k]);
        for (int c = 0; c < 3; c++) {
            size_t n0 = select_before(ds, (size_t)task, cuts[c][0], before, z, y);
            cs_fit_opts o;
            cs_fit_opts_init(&o);
            cs_fit first, cold, warm;
            cs_error e;
            if (cs_fit_run(z, y, n0, &o, &first, &e) != 0)
                continue;
            size_t n1 = select_before(ds, (size_t)task, cuts[c][1], before, z, y);
            double tc[RUNS], tw[RUNS], cc[RUNS], cw[RUNS];
            for (int i = 0; i < RUNS; i++) {
                double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
                cs_fit_run(z, y, n1, &o, &cold, &e);
                tc[i] = bench_wall_seconds() - t0;
                cc[i] = bench_cpu_seconds() - c0;
            }
            o.warm = &first.p;
            o.warm_only = 1;
            for (int i = 0; i < RUNS; i++) {
                double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
                cs_fit_run(z, y, n1, &o, &warm, &e);
                tw[i] = bench_wall_seconds() - t0;
                cw[i] = bench_cpu_seconds() - c0;
            }
            printf("  %-10s %-10s %6zu %6zu %10.3f %10.3f %12.3f %12.3f %16.12f %16.12f\n", tasks[k],
                   cuts[c][1], n0, n1, 1e3 * bench_median(tc, RUNS), 1e3 * bench_median(tw, RUNS),
                   1e3 * bench_median(cc, RUNS), 1e3 * bench_median(cw, RUNS), cold.objective,
                   warm.objective);
        }
    }
done:
    free(z);
    free(y);
    free(before);
}

static void bench_large(size_t n)
{
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    if (!z || !y) {
        printf("large set: out of memory\n");
        free(z);
        free(y);
        return;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 42);
    const cs_params truth = { 0.05, 0.8, 23.2, 1.3 };
    for (size_t i = 0; i < n; i++) {
        z[i] = 20.0 + 5.0 * gsl_rng_uniform(rng); /* continuous: nearly every z distinct */
        double u = gsl_rng_uniform(rng);
        y[i] = cs_q(&truth, z[i]) * (1.0 - 0.6 * u * u);
    }
    gsl_rng_free(rng);
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    cs_fit f;
    cs_error e;
    double t[3], c[3];
    for (int i = 0; i < 3; i++) {
        double t0 = bench_wall_seconds(), c0 = bench_cpu_seconds();
        if (cs_fit_run(z, y, n, &o, &f, &e) != 0) {
            printf("large set: fit failed: %s\n", e.msg);
            break;
        }
        t[i] = bench_wall_seconds() - t0;
        c[i] = bench_cpu_seconds() - c0;
    }
    printf("Synthetic set, %zu rows (continuous z), defaults, median of 3 runs: %.1f ms (cpu %.1f ms), "
           "objective %.10f, evals %u, y0 %.4f L %.4f z_star %.4f b %.4f\n",
           n, 1e3 * bench_median(t, 3), 1e3 * bench_median(c, 3), f.objective, f.evals, f.p.y0, f.p.L,
           f.p.z_star, f.p.b);
    free(z);
    free(y);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/oll_reeval.csv", dir && *dir ? dir : "../shared/data");
    rows r;
    printf("== bench_fit ==\n");
    if (load(path, &r) == 0) {
        bench_tasks(&r, NULL, "");
        bench_weighted(&r);
        bench_warm(&r);
    } else {
        printf("%s is absent: skipping the per-task and warm-start benchmarks\n", path);
    }
    rows_free(&r);
    bench_large(1000000);
    return 0;
}
