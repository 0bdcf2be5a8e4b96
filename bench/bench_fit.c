/* bench_fit.c - fit time per task, warm-start refit time, and a 1,000,000-row fit.
 *
 * Reads $CAPSCOPE_SHARED_DATA/oll_reeval.csv for the per-task part (skipped
 * with a message when absent) through a tiny local reader of the columns it
 * needs; the large set is synthetic, generated in memory.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_rng.h>

#include "capscope/fit.h"

#define RUNS 21
#define NTASKS 6
static const char *const tasks[NTASKS] = { "ifeval", "bbh", "math_lvl5", "gpqa", "musr", "mmlu_pro" };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* CPU time of this process: unlike the wall clock, it does not count the
 * time other processes on a busy machine took from us. */
static double cpu_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* Split a CSV line in place, honouring quotes. */
static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *w = p;
        int quoted = 0;
        f[n++] = p;
        for (;;) {
            char c = *p;
            if (c == '\0' || c == '\n' || c == '\r') {
                *w = '\0';
                return n;
            }
            if (quoted) {
                if (c == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (c == '"') {
                    quoted = 0;
                    p++;
                } else {
                    *w++ = *p++;
                }
            } else if (c == '"') {
                quoted = 1;
                p++;
            } else if (c == ',') {
                *w = '\0';
                p++;
                break;
            } else {
                *w++ = *p++;
            }
        }
    }
    return n;
}

typedef struct rows {
    size_t n;
    double z[8192];
    char date[8192][11];
    double y[NTASKS][8192];
} rows;

static int load(const char *path, rows *r)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return -1;
    static char line[1 << 16];
    char *f[64];
    int cf = -1, cd = -1, ct[NTASKS] = { -1, -1, -1, -1, -1, -1 };
    if (!fgets(line, sizeof line, fp)) {
        fclose(fp);
        return -1;
    }
    int nf = split_fields(line, f, 64);
    for (int i = 0; i < nf; i++) {
        cf = strcmp(f[i], "flops") ? cf : i;
        cd = strcmp(f[i], "date") ? cd : i;
        for (int k = 0; k < NTASKS; k++)
            ct[k] = strcmp(f[i], tasks[k]) ? ct[k] : i;
    }
    r->n = 0;
    while (r->n < 8192 && fgets(line, sizeof line, fp)) {
        nf = split_fields(line, f, 64);
        if (cf < 0 || cd < 0 || nf <= cf || nf <= cd || !(atof(f[cf]) > 0))
            continue;
        int ok = 1;
        for (int k = 0; k < NTASKS; k++)
            ok &= ct[k] >= 0 && ct[k] < nf && *f[ct[k]];
        if (!ok)
            continue;
        r->z[r->n] = log10(atof(f[cf]));
        snprintf(r->date[r->n], sizeof r->date[0], "%.10s", f[cd]);
        for (int k = 0; k < NTASKS; k++)
            r->y[k][r->n] = atof(f[ct[k]]);
        r->n++;
    }
    fclose(fp);
    return r->n > 0 ? 0 : -1;
}

static void bench_tasks(rows *r)
{
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    printf("Per task, all %zu rows of oll_reeval.csv, tau %.2f kappa %g lambda_b %g, median of %d runs:\n",
           r->n, o.tau, o.kappa, o.lambda_b, RUNS);
    printf("  %-10s %10s %10s %14s %7s  %s\n", "task", "wall ms", "cpu ms", "objective", "evals",
           "y0 L z_star b");
    double total = 0.0, total_cpu = 0.0;
    for (int k = 0; k < NTASKS; k++) {
        double t[RUNS], c[RUNS];
        cs_fit f;
        cs_error e;
        for (int i = 0; i < RUNS; i++) {
            double t0 = now(), c0 = cpu_now();
            if (cs_fit_run(r->z, r->y[k], r->n, &o, &f, &e) != 0) {
                printf("  %s: fit failed: %s\n", tasks[k], e.msg);
                return;
            }
            t[i] = now() - t0;
            c[i] = cpu_now() - c0;
        }
        double m = median(t, RUNS), mc = median(c, RUNS);
        total += m;
        total_cpu += mc;
        printf("  %-10s %10.3f %10.3f %14.10f %7u  %.4f %.4f %.4f %.5f\n", tasks[k], 1e3 * m, 1e3 * mc,
               f.objective, f.evals, f.p.y0, f.p.L, f.p.z_star, f.p.b);
    }
    printf("  %-10s %10.3f %10.3f\n", "total", 1e3 * total, 1e3 * total_cpu);
}

/* Scrubbing a cut date: fit the rows before one date, then refit with the cut
 * a week later, warm-started from the first fit (warm_only). */
static void bench_warm(rows *r)
{
    static double z[8192], y[8192];
    static const char *const cuts[][2] = { { "2024-12-31", "2025-01-07" }, { "2025-03-31", "2025-04-07" },
                                           { "2025-06-30", "2025-07-07" } };
    printf("Warm-start refit (cut date moved by a week, warm_only), median of %d runs:\n", RUNS);
    printf("  %-10s %-10s %6s %6s %10s %10s %16s %16s\n", "task", "cut", "n_old", "n_new", "cold ms",
           "warm ms", "cold objective", "warm objective");
    for (int k = 0; k < NTASKS; k += 2) {
        for (int c = 0; c < 3; c++) {
            size_t n0 = 0, n1 = 0;
            for (size_t i = 0; i < r->n; i++)
                if (strcmp(r->date[i], cuts[c][0]) <= 0) {
                    z[n0] = r->z[i];
                    y[n0] = r->y[k][i];
                    n0++;
                }
            cs_fit_opts o;
            cs_fit_opts_init(&o);
            cs_fit first, cold, warm;
            cs_error e;
            if (cs_fit_run(z, y, n0, &o, &first, &e) != 0)
                continue;
            for (size_t i = 0; i < r->n; i++)
                if (strcmp(r->date[i], cuts[c][1]) <= 0) {
                    z[n1] = r->z[i];
                    y[n1] = r->y[k][i];
                    n1++;
                }
            double tc[RUNS], tw[RUNS];
            for (int i = 0; i < RUNS; i++) {
                double t0 = now();
                cs_fit_run(z, y, n1, &o, &cold, &e);
                tc[i] = now() - t0;
            }
            o.warm = &first.p;
            o.warm_only = 1;
            for (int i = 0; i < RUNS; i++) {
                double t0 = now();
                cs_fit_run(z, y, n1, &o, &warm, &e);
                tw[i] = now() - t0;
            }
            printf("  %-10s %-10s %6zu %6zu %10.3f %10.3f %16.12f %16.12f\n", tasks[k], cuts[c][1], n0,
                   n1, 1e3 * median(tc, RUNS), 1e3 * median(tw, RUNS), cold.objective, warm.objective);
        }
    }
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
    double t[3];
    for (int i = 0; i < 3; i++) {
        double t0 = now();
        if (cs_fit_run(z, y, n, &o, &f, &e) != 0) {
            printf("large set: fit failed: %s\n", e.msg);
            break;
        }
        t[i] = now() - t0;
    }
    printf("Synthetic set, %zu rows (continuous z), defaults, median of 3 runs: %.1f ms, objective %.10f, "
           "evals %u, y0 %.4f L %.4f z_star %.4f b %.4f\n",
           n, 1e3 * median(t, 3), f.objective, f.evals, f.p.y0, f.p.L, f.p.z_star, f.p.b);
    free(z);
    free(y);
}

int main(void)
{
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/oll_reeval.csv", dir && *dir ? dir : "../shared/data");
    static rows r;
    printf("== bench_fit ==\n");
    if (load(path, &r) == 0) {
        bench_tasks(&r);
        bench_warm(&r);
    } else {
        printf("%s is absent: skipping the per-task and warm-start benchmarks\n", path);
    }
    bench_large(1000000);
    return 0;
}
