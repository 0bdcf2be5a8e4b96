/* app_coverage.c - the coverage strip's in-sample coverage of the current
 * task's boundary, cached by the fit and rows it was measured on.
 *
 * Apart from the background work because it is usually measured there, with
 * the fit (tui_taskfit.cov); this is the fallback on the input thread when
 * that measure is not of the fit shown, and its cache.
 */
#include <stdlib.h>
#include <string.h>

#include "tui/app_internal.h"

/* The fit drawn is weighted by the design weights: judge it by the same
 * weights, on the rows it was fitted on, as the worker does (coverage.h).
 * A layout built here is kept for the data set's later jobs, as one a job
 * built is (adopt_layout): jobs hold their own copy of the pointer. */
static int weighted_coverage(tui_app *app, const cs_fit *f, cs_coverage *out)
{
    size_t rows = app->ds->n_rows;
    double *z = malloc((rows + 1) * sizeof *z), *y = malloc((rows + 1) * sizeof *y);
    double *w = malloc((rows + 1) * sizeof *w);
    int rc = -1;
    if (!app->layout)
        app->layout = cs_design_layout_new(app->ds, NULL, NULL, NULL); /* NULL: built below, dropped */
    cs_design_weights_opts wo;
    cs_design_weights_opts_init(&wo);
    wo.layout = app->layout;
    size_t n = z && y && w ? cs_design_weighted_xy(app->ds, app->task, &wo, z, y, w, NULL) : (size_t)-1;
    if (n != (size_t)-1)
        rc = cs_coverage_in_sample(f, z, y, w, n, app->set.tau, out);
    free(z);
    free(y);
    free(w);
    return rc;
}

const cs_coverage *tui_app_full_coverage(tui_app *app)
{
    const cs_fit *f = tui_app_fit(app, app->task);
    const tui_points *p = tui_app_points(app);
    if (!f || p->n == 0)
        return NULL;
    /* Usually measured in the worker along with the fit. */
    const tui_taskfit *tf = &app->fits[app->task];
    if (tf->n_cov == p->n && memcmp(&tf->fit.p, &f->p, sizeof f->p) == 0)
        return tf->cov_ok ? &tf->cov : NULL;
    if (app->full_cov_valid && app->full_cov_key_task == app->task && app->full_cov_key_n == p->n &&
        memcmp(&app->full_cov_key, &f->p, sizeof f->p) == 0)
        return app->full_cov_ok ? &app->full_cov : NULL;
    app->full_cov_ok = app->set.design_weights ? weighted_coverage(app, f, &app->full_cov) == 0
                                               : cs_coverage_in_sample(f, p->z, p->y, NULL, p->n, app->set.tau,
                                                                       &app->full_cov) == 0;
    app->full_cov_valid = 1;
    app->full_cov_key = f->p;
    app->full_cov_key_n = p->n;
    app->full_cov_key_task = app->task;
    return app->full_cov_ok ? &app->full_cov : NULL;
}
