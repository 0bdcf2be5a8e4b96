/* split.c - fit one split and judge it in and out of sample.
 *
 * The runner works on row masks; the scheme only decides which rows go in
 * them. That keeps a scrubbed cut cheap: new masks, a warm-started refit,
 * and two coverage passes over at most n_rows values.
 */
#include "capscope/split.h"
#include "split_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void cs_split_opts_init(cs_split_opts *o)
{
    memset(o, 0, sizeof *o);
    cs_fit_opts_init(&o->fit);
    o->oos_bins = CS_OOS_TRAIN_OVERLAP;
    o->bins = CS_BINS_DEFAULT;
    o->min_bin = CS_MIN_BIN_DEFAULT;
}

static void empty_coverage(cs_coverage *c)
{
    memset(c, 0, sizeof *c);
    c->macro = c->micro = c->signed_mean = NAN;
}

/* Scratch for one task's rows on both sides of a split. */
typedef struct split_rows {
    double *z_tr, *y_tr, *z_va, *y_va;
} split_rows;

static int rows_alloc(split_rows *r, size_t n)
{
    size_t m = n > 0 ? n : 1;
    r->z_tr = malloc(m * sizeof(double));
    r->y_tr = malloc(m * sizeof(double));
    r->z_va = malloc(m * sizeof(double));
    r->y_va = malloc(m * sizeof(double));
    return r->z_tr && r->y_tr && r->z_va && r->y_va ? 0 : -1;
}

static void rows_free(split_rows *r)
{
    free(r->z_tr);
    free(r->y_tr);
    free(r->z_va);
    free(r->y_va);
}

/* A warm start must be feasible for the new rows: the previous z_star may
 * lie outside the new training range after a cut moved. */
static cs_params feasible_warm(const cs_params *warm, const double *z, size_t n)
{
    cs_params p = *warm;
    double lo = z[0], hi = z[0];
    for (size_t i = 1; i < n; i++) {
        if (z[i] < lo)
            lo = z[i];
        if (z[i] > hi)
            hi = z[i];
    }
    if (p.z_star < lo)
        p.z_star = lo;
    if (p.z_star > hi)
        p.z_star = hi;
    return p;
}

int cs_split_run_masks(const cs_dataset *ds, size_t task, const unsigned char *train,
                       const unsigned char *val, const cs_split_opts *o,
                       const cs_params *warm, cs_split_result *out, cs_error *err)
{
    /* out may alias the result warm points into: take the warm start first. */
    cs_params warm_copy = {0, 0, 0, 0};
    if (warm)
        warm_copy = *warm;

    if (!ds || task >= ds->n_tasks)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no task %zu", task);
    cs_split_opts defaults;
    if (!o) {
        cs_split_opts_init(&defaults);
        o = &defaults;
    }

    memset(out, 0, sizeof *out);
    out->task = task;
    empty_coverage(&out->is_cov);
    empty_coverage(&out->oos_cov);

    split_rows r;
    if (rows_alloc(&r, ds->n_rows)) {
        rows_free(&r);
        return cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory");
    }
    out->train_n = cs_dataset_task_xy(ds, task, train, r.z_tr, r.y_tr, NULL);
    out->val_n = cs_dataset_task_xy(ds, task, val, r.z_va, r.y_va, NULL);
    if (out->train_n < CS_MIN_TASK_ROWS) {
        rows_free(&r);
        return 0;
    }

    cs_fit_opts fo = o->fit;
    cs_params start = {0, 0, 0, 0};
    if (warm) {
        start = feasible_warm(&warm_copy, r.z_tr, out->train_n);
        fo.warm = &start;
        fo.warm_only = 1;
    }
    if (cs_fit_run(r.z_tr, r.y_tr, out->train_n, &fo, &out->fit, err)) {
        rows_free(&r);
        return -1;
    }
    out->fitted = 1;

    double edges[CS_MAX_BINS + 1];
    size_t n_bins = cs_bin_edges(r.z_tr, out->train_n, o->bins, o->min_bin, edges);
    if (n_bins == 0) { /* rows were fitted: only an allocation fails */
        rows_free(&r);
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    }
    cs_coverage_eval(&out->fit, r.z_tr, r.y_tr, out->train_n, edges, n_bins, fo.tau,
                     &out->is_cov);
    /* No overlap or no validation rows leaves oos_cov empty (1); not an
     * error, as running out of memory is. */
    int oos = cs_coverage_oos(&out->fit, r.z_tr, out->train_n, r.z_va, r.y_va, out->val_n,
                              o->oos_bins, o->bins, o->min_bin, fo.tau, &out->oos_cov, err);
    rows_free(&r);
    return oos < 0 ? -1 : 0;
}

int cs_split_masks_new(const cs_dataset *ds, const cs_scheme *s, size_t k,
                       unsigned char **train, unsigned char **val, cs_error *err)
{
    *train = *val = NULL;
    if (!ds || !s)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no data or no scheme");
    if (k < 1 || k > cs_scheme_n_splits(s))
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no split %zu (the scheme has %zu)", k,
                            cs_scheme_n_splits(s));
    size_t n = ds->n_rows > 0 ? ds->n_rows : 1;
    *train = malloc(n);
    *val = malloc(n);
    if (!*train || !*val) {
        free(*train);
        free(*val);
        *train = *val = NULL;
        return cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory");
    }
    cs_split_masks(s, ds, k, *train, *val);
    return 0;
}

static int run_split(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                     const cs_split_opts *o, const cs_params *warm, cs_split_result *out,
                     cs_error *err)
{
    unsigned char *train, *val;
    if (cs_split_masks_new(ds, s, k, &train, &val, err))
        return -1;
    int rc = cs_split_run_masks(ds, task, train, val, o, warm, out, err);
    free(train);
    free(val);
    if (rc == 0)
        out->k = k;
    return rc;
}

int cs_split_run(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                 const cs_split_opts *o, cs_split_result *out, cs_error *err)
{
    return run_split(ds, task, s, k, o, NULL, out, err);
}

int cs_split_rerun(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                   const cs_split_opts *o, const cs_split_result *prev,
                   cs_split_result *out, cs_error *err)
{
    cs_params warm;
    int have_warm = prev && prev->fitted && prev->task == task;
    if (have_warm)
        warm = prev->fit.p;
    return run_split(ds, task, s, k, o, have_warm ? &warm : NULL, out, err);
}
