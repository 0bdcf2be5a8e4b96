/* drift.c - how far the boundary moved between two periods.
 *
 * Comparisons are only made where both boundaries are backed by data (the
 * overlap of their fitting ranges): outside it, clamped predictions would
 * report a flat extrapolation as movement.
 */
#include "capscope/split.h"
#include "split_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *cs_reach_name(int status)
{
    switch (status) {
    case CS_REACHABLE: return "reachable";
    case CS_EXTRAPOLATED: return "extrapolated";
    case CS_REACHED_AT_MIN: return "at_min";
    default: return "unreachable";
    }
}

static double reach(const cs_fit *f, double accuracy, int *status)
{
    double z = NAN;
    *status = isfinite(accuracy) ? cs_fit_require(f, accuracy, &z) : CS_UNREACHABLE;
    return *status == CS_UNREACHABLE ? NAN : z;
}

static int exact_reach(int status)
{
    return status == CS_REACHABLE || status == CS_EXTRAPOLATED;
}

void cs_drift_between(const cs_fit *from, const cs_fit *to, const double *z_levels,
                      size_t n_levels, double accuracy, cs_drift *out)
{
    size_t k = out->k, task = out->task, from_n = out->from_n, to_n = out->to_n;
    memset(out, 0, sizeof *out);
    out->k = k;
    out->task = task;
    out->from_n = from_n;
    out->to_n = to_n;
    out->fitted = 1;
    out->from = *from;
    out->to = *to;
    out->z_lo = from->z_min > to->z_min ? from->z_min : to->z_min;
    out->z_hi = from->z_max < to->z_max ? from->z_max : to->z_max;
    int overlap = out->z_lo <= out->z_hi;

    out->n_levels = n_levels < CS_DRIFT_MAX_LEVELS ? n_levels : CS_DRIFT_MAX_LEVELS;
    for (size_t i = 0; i < out->n_levels; i++) {
        double z = z_levels[i];
        out->z[i] = z;
        if (overlap && z >= out->z_lo && z <= out->z_hi) {
            out->q_from[i] = cs_fit_predict(from, z);
            out->q_to[i] = cs_fit_predict(to, z);
            out->dq[i] = out->q_to[i] - out->q_from[i];
        } else {
            out->q_from[i] = out->q_to[i] = out->dq[i] = NAN;
        }
    }

    if (isnan(accuracy) && overlap)
        accuracy = cs_fit_predict(from, 0.5 * (out->z_lo + out->z_hi));
    out->accuracy = accuracy;
    out->z_from = reach(from, accuracy, &out->reach_from);
    out->z_to = reach(to, accuracy, &out->reach_to);
    out->dz = exact_reach(out->reach_from) && exact_reach(out->reach_to)
                  ? out->z_to - out->z_from
                  : NAN;
}

/* Fit the rows of `task` under mask; 1 fitted, 0 too few rows, -1 error. */
static int fit_masked(const cs_dataset *ds, size_t task, const unsigned char *mask,
                      const cs_fit_opts *fo, double *z, double *y, size_t *n, cs_fit *out,
                      cs_error *err)
{
    *n = cs_dataset_task_xy(ds, task, mask, z, y, NULL);
    if (*n < CS_MIN_TASK_ROWS)
        return 0;
    return cs_fit_run(z, y, *n, fo, out, err) ? -1 : 1;
}

int cs_split_drift_masks(const cs_dataset *ds, size_t task, const unsigned char *train,
                         const unsigned char *val, const cs_split_opts *o, const cs_fit *from,
                         const double *z_levels, size_t n_levels, double accuracy,
                         cs_drift *out, cs_error *err)
{
    size_t k = out->k;
    memset(out, 0, sizeof *out);
    out->k = k;
    out->task = task;
    if (!ds || task >= ds->n_tasks)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no task %zu", task);
    cs_split_opts defaults;
    if (!o) {
        cs_split_opts_init(&defaults);
        o = &defaults;
    }
    size_t n = ds->n_rows > 0 ? ds->n_rows : 1;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    if (!z || !y) {
        free(z);
        free(y);
        return cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory");
    }

    /* Both boundaries are fully fitted (no warm start): drift compares two
     * answers, and each must be the best one. */
    cs_fit_opts fo = o->fit;
    fo.warm = NULL;
    fo.warm_only = 0;
    cs_fit from_fit, to_fit;
    int rc = -1, have_from = 1;
    if (from) {
        from_fit = *from;
        out->from_n = cs_dataset_task_xy(ds, task, train, z, y, NULL);
    } else {
        have_from = fit_masked(ds, task, train, &fo, z, y, &out->from_n, &from_fit, err);
        if (have_from < 0)
            goto done;
    }
    int have_to = fit_masked(ds, task, val, &fo, z, y, &out->to_n, &to_fit, err);
    if (have_to < 0)
        goto done;
    if (have_from && have_to)
        cs_drift_between(&from_fit, &to_fit, z_levels, n_levels, accuracy, out);
    rc = 0;
done:
    free(z);
    free(y);
    return rc;
}

int cs_split_drift(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                   const cs_split_opts *o, const cs_split_result *done,
                   const double *z_levels, size_t n_levels, double accuracy,
                   cs_drift *out, cs_error *err)
{
    memset(out, 0, sizeof *out);
    unsigned char *train, *val;
    if (cs_split_masks_new(ds, s, k, &train, &val, err))
        return -1;
    const cs_fit *from = done && done->fitted && done->task == task && done->k == k ? &done->fit
                                                                                   : NULL;
    out->k = k;
    int rc = cs_split_drift_masks(ds, task, train, val, o, from, z_levels, n_levels, accuracy,
                                  out, err);
    free(train);
    free(val);
    return rc;
}
