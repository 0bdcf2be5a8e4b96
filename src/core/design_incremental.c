/* design_incremental.c - the sampler users get: the fitted boundary as prior.
 *
 * Every selected task is fitted on its scored rows with the design weights
 * (or its fit is given); its scored rows are already in its design, and the
 * candidates are the rows missing a score. A task with too few scores to fit falls back to the
 * paper's prior. How the picks are made: design_quantile.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/design.h"
#include "design_internal.h"

int cs_design_fitted(const cs_dataset *ds, const cs_design_fitted_problem *fp,
                     cs_design_result *out, cs_error *err)
{
    return cs_design_quantile(ds, fp, out, err);
}

int cs_design_incremental(const cs_dataset *ds, const size_t *tasks, size_t nt,
                          const cs_design_opts *o, const unsigned char *cand, const double *cost,
                          double budget, cs_design_result *out, cs_error *err)
{
    size_t n = ds->n_rows;
    cs_fit fits[CS_DESIGN_MAX_CRITERIA];
    int fitted[CS_DESIGN_MAX_CRITERIA];
    const unsigned char *scored[CS_DESIGN_MAX_CRITERIA];
    /* One layout for the refits and the design: it holds no score. */
    cs_design_layout *own;
    cs_cancel stop = { o->cancel, o->cancel_arg, 0 };
    const cs_design_layout *lay = cs_design_layout_use(o->layout, ds, &stop, &own, err);
    if (!lay)
        return -1;
    /* The refits stop with the design unless they have a cancel of their own. */
    cs_fit_opts fo = o->fit;
    if (!fo.cancel) {
        fo.cancel = o->cancel;
        fo.cancel_arg = o->cancel_arg;
    }
    double *z = NULL, *y = NULL, *w = NULL;
    int rc = -1;
    if (!o->fits) {
        z = malloc((n ? n : 1) * sizeof *z);
        y = malloc((n ? n : 1) * sizeof *y);
        w = malloc((n ? n : 1) * sizeof *w);
        if (!z || !y || !w) {
            cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
            goto done;
        }
    }
    for (size_t k = 0; k < nt; k++) {
        const cs_task *t = &ds->tasks[tasks[k]];
        scored[k] = o->pool == CS_POOL_ALL ? NULL : t->has;
        fitted[k] = 0;
        if (o->fits) {
            fits[k] = o->fits[k];
            fitted[k] = 1;
            continue;
        }
        if (cs_design_refit(lay, ds, tasks[k], NULL, &fo, z, y, w, &fits[k], &fitted[k],
                            err) != 0)
            goto done;
    }
    free(z);
    free(y);
    free(w);
    z = y = w = NULL;
    cs_design_fitted_problem fp = {
        .tasks = tasks, .n_tasks = nt, .scored = scored, .fits = fits, .fitted = fitted,
        .candidate = cand, .cost = cost, .budget = budget, .count = o->count,
        .balance_lambda = o->balance_lambda, .grid_bins = o->grid_bins,
        .target_z = o->target_z, .progress = o->progress, .progress_ctx = o->progress_ctx,
        .layout = lay, .cancel = o->cancel, .cancel_arg = o->cancel_arg,
    };
    rc = cs_design_fitted(ds, &fp, out, err);
done:
    free(z);
    free(y);
    free(w);
    cs_design_layout_free(own);
    return rc;
}
