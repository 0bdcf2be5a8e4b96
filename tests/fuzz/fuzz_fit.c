/* fuzz_fit.c - the boundary fit on whatever the CSV reader accepts.
 *
 * fit.h promises feasible parameters for any n >= CS_MIN_TASK_ROWS rows with
 * y in [0, 1]: odd data (one compute value, all scores equal, a huge range
 * of compute) must give a feasible fit or an error, never garbage; so must
 * a weighted fit, with the design weights or with the cost column as
 * weights (zeros, huge values). Inputs are kept small because each fit is a
 * multi-start search.
 */
#include <float.h>
#include <math.h>

#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/design.h"
#include "capscope/fit.h"
#include "fuzz.h"

enum { MAX_ROWS = 200, MAX_TASKS = 2 };

static void check_fit(const cs_fit *f, const double *z, size_t n)
{
    const cs_params *p = &f->p;
    FUZZ_ASSERT(f->n == n);
    FUZZ_ASSERT(isfinite(p->y0) && isfinite(p->L) && isfinite(p->z_star) && isfinite(p->b));
    FUZZ_ASSERT(p->y0 >= 0.0 && p->L >= 0.0);
    /* "The constraints hold exactly": allow only the rounding of the sum. */
    FUZZ_ASSERT(p->y0 + p->L <= 1.0 + 2 * DBL_EPSILON);
    FUZZ_ASSERT(p->b >= CS_B_MIN && p->b <= CS_B_MAX);
    FUZZ_ASSERT(f->z_min <= f->z_max && p->z_star >= f->z_min && p->z_star <= f->z_max);
    FUZZ_ASSERT(isfinite(f->objective) && f->objective >= 0.0);
    FUZZ_ASSERT(f->coverage >= 0.0 && f->coverage <= 1.0);
    for (size_t i = 0; i < n; i++) {
        FUZZ_ASSERT(z[i] >= f->z_min && z[i] <= f->z_max);
        double q = cs_fit_predict(f, z[i]);
        FUZZ_ASSERT(isfinite(q) && q >= 0.0 && q <= 1.0 + 2 * DBL_EPSILON);
    }
    /* Predictions clamp to the data's range, so they are bounded outside it too. */
    FUZZ_ASSERT(cs_fit_predict(f, -1e300) == cs_fit_predict(f, f->z_min));
    FUZZ_ASSERT(cs_fit_predict(f, 1e300) == cs_fit_predict(f, f->z_max));
    double zr;
    int r = cs_fit_require(f, 0.5, &zr);
    FUZZ_ASSERT(r == CS_UNREACHABLE || r == CS_REACHABLE || r == CS_REACHED_AT_MIN || r == CS_EXTRAPOLATED);
    if (r != CS_UNREACHABLE)
        FUZZ_ASSERT(isfinite(zr) && zr >= f->z_min);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gsl_set_error_handler_off(); /* as capscope's main does (HACKING.md) */
    cs_dataset *ds = NULL;
    cs_error err = { 0 };
    if (cs_dataset_parse((const char *)data, size, "fuzz.csv", NULL, &ds, &err) != 0)
        return 0;
    if (ds->n_rows > MAX_ROWS) {
        cs_dataset_free(ds);
        return 0;
    }
    size_t n_max = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(n_max * sizeof *z), *y = malloc(n_max * sizeof *y);
    double *w = malloc(n_max * sizeof *w);
    FUZZ_ASSERT(z && y && w);
    cs_fit_opts opts;
    cs_fit_opts_init(&opts);
    for (size_t k = 0; k < ds->n_tasks && k < MAX_TASKS; k++) {
        size_t n = cs_dataset_task_xy(ds, k, NULL, z, y, NULL);
        cs_fit f;
        if (cs_fit_run(z, y, n, &opts, &f, &err) == 0) {
            check_fit(&f, z, n);
            /* A warm start from the optimum may not make the objective worse. */
            cs_fit_opts warm = opts;
            warm.warm = &f.p;
            warm.warm_only = 1;
            cs_fit g;
            if (cs_fit_run(z, y, n, &warm, &g, &err) == 0) {
                check_fit(&g, z, n);
                FUZZ_ASSERT(g.objective <= f.objective * (1 + 1e-9) + 1e-12);
            }
        } else {
            FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
            FUZZ_ASSERT(n >= CS_MIN_TASK_ROWS || err.kind == CS_ERR_INPUT);
        }
        /* The design weights: every scored row has a positive weight. */
        size_t m = cs_design_weighted_xy(ds, k, NULL, z, y, w, &err);
        FUZZ_ASSERT(m == n);
        for (size_t i = 0; i < m; i++)
            FUZZ_ASSERT(isfinite(w[i]) && w[i] >= 1.0);
        cs_fit_opts wo = opts;
        wo.weights = w;
        if (cs_fit_run(z, y, m, &wo, &f, &err) == 0)
            check_fit(&f, z, m);
        /* The cost column as weights: zeros leave rows out, huge values may
         * make the sum overflow (an input error). */
        m = cs_dataset_task_xy(ds, k, NULL, z, y, NULL);
        size_t kept = 0, j = 0;
        for (size_t i = 0; i < ds->n_rows; i++)
            if (ds->tasks[k].has[i]) {
                w[j] = ds->has_cost[i] ? ds->cost[i] : 0.0;
                kept += w[j++] > 0.0;
            }
        FUZZ_ASSERT(j == m);
        if (cs_fit_run(z, y, m, &wo, &f, &err) == 0) {
            FUZZ_ASSERT(f.n == kept && kept >= CS_MIN_TASK_ROWS);
            FUZZ_ASSERT(isfinite(f.objective) && f.objective >= 0.0);
            FUZZ_ASSERT(f.coverage >= 0.0 && f.coverage <= 1.0);
            FUZZ_ASSERT(f.p.y0 >= 0.0 && f.p.L >= 0.0 && f.p.y0 + f.p.L <= 1.0 + 2 * DBL_EPSILON);
            FUZZ_ASSERT(f.p.b >= CS_B_MIN && f.p.b <= CS_B_MAX);
            FUZZ_ASSERT(f.p.z_star >= f.z_min && f.p.z_star <= f.z_max);
            for (size_t i = 0; i < m; i++)
                FUZZ_ASSERT(w[i] == 0.0 || (z[i] >= f.z_min && z[i] <= f.z_max));
        } else {
            FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
        }
    }
    free(z);
    free(y);
    free(w);
    cs_dataset_free(ds);
    return 0;
}
