/* app_jobs.c - the background work: which job the worker gets next (most
 * wanted first), the jobs themselves (a task's fit, the quantile overlays,
 * the split, the validation period's boundary, the sampler's design), and
 * applying a finished one unless what it was made for changed meanwhile.
 *
 * Apart from the model's state because this is the one place that knows the
 * worker's protocol: a slot is marked running when its job is handed over,
 * a result is kept only while it still is, and quiescing marks whatever
 * was running to be done again.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/textwidth.h"
#include "tui/app_internal.h"

int tui_app_busy(const tui_app *app)
{
    if (tui_app_loading(app))
        return 1;
    if (!app->ds)
        return 0;
    if (tui_worker_busy(&app->worker) || app->fitting)
        return 1;
    /* The current task's fit cancelled is work too: tui_app_idle starts it. */
    if (app->fits[app->task].state == TUI_FIT_CANCELLED)
        return 1;
    /* A fit pending is work whether or not "fitting" is on: cancel leaves
     * the current task's pending, and a move to another task before it ran
     * left it so (tui_app_idle starts it). */
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        if (app->fits[t].state == TUI_FIT_PENDING)
            return 1;
    if (app->split_on && (app->split_dirty || app->split_running))
        return 1;
    if (app->split_on && app->show_other && app->other_dirty)
        return 1;
    if (app->show_quantiles && app->qfit_dirty)
        return 1;
    if (app->drift_running)
        return 1;
    if (app->band_running || tui_app_band_wanted((tui_app *)app)) /* only refreshes the points' cache */
        return 1;
    return app->design_dirty || app->design_running;
}

unsigned tui_app_cancel(tui_app *app)
{
    if (!app->fitting)
        return 0;
    app->fitting = 0;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        if (app->fits[t].state == TUI_FIT_PENDING && t != app->task)
            app->fits[t].state = TUI_FIT_CANCELLED;
    tui_app_msg(app, 0, "fitting cancelled after %zu of %zu tasks", app->fit_done, app->fit_total);
    return TUI_CH_STATUS | TUI_CH_TASKS;
}

/* A fit job on the rows of task t (restricted by mask) at level tau; with
 * weighted (mask must then be NULL), each row carries its design weight for
 * the pool of every row, as `capscope fit --design-weights` fits: the
 * worker computes the weights (they sort the rows, 0.4 s at a million),
 * over the same rows in the same order. Returns 0, or with a message and
 * no job -2 (too few rows) or -1 (no memory). */
static int make_job(tui_app *app, tui_job_kind kind, size_t t, size_t slot, double tau, const unsigned char *mask,
                    int weighted, tui_job *job, char *msg, size_t msgsize)
{
    size_t n = app->ds->n_rows;
    memset(job, 0, sizeof *job);
    job->kind = kind;
    job->task = t;
    job->slot = slot;
    job->z = malloc((n + 1) * sizeof *job->z);
    job->y = malloc((n + 1) * sizeof *job->y);
    job->w = weighted ? malloc((n + 1) * sizeof *job->w) : NULL;
    if (!job->z || !job->y || (weighted && !job->w)) {
        tui_job_free_inputs(job);
        snprintf(msg, msgsize, "out of memory");
        return -1;
    }
    job->n = cs_dataset_task_xy(app->ds, t, weighted ? NULL : mask, job->z, job->y, NULL);
    if (job->n < CS_MIN_TASK_ROWS) {
        snprintf(msg, msgsize, "%zu row%s: too few to fit", job->n, job->n == 1 ? "" : "s");
        tui_job_free_inputs(job);
        return -2;
    }
    if (weighted || kind == TUI_JOB_TASK)
        job->ds = app->ds; /* read by the worker; scores change only when it is quiet */
    if (weighted)
        job->layout = app->layout; /* NULL: the job builds it (adopt_layout) */
    if (kind == TUI_JOB_TASK)
        job->zorder = tui_app_rows_by_z_ready(app); /* NULL: the job sorts them (zorder_built) */
    cs_fit_opts_init(&job->opts);
    job->opts.tau = tau;
    job->opts.weights = job->w;
    return 0;
}

/* Apply a finished job, unless what it was made for changed meanwhile (the
 * slot is no longer marked running): then it is dropped and redone. */
static unsigned apply_job(tui_app *app, const tui_job *job)
{
    switch (job->kind) {
    case TUI_JOB_TASK: {
        tui_taskfit *f = &app->fits[job->task];
        if (f->state != TUI_FIT_RUNNING) {
            free(job->order);
            return TUI_CH_NONE;
        }
        free(f->order);
        f->order = job->order;
        f->n_order = job->n;
        f->state = job->rc == 0 ? TUI_FIT_OK : TUI_FIT_FAILED;
        /* Memory short for a moment left the task failed until something
         * refitted every task: selecting it tries again. */
        f->retry = job->rc != 0 && job->short_of_memory; /* no convergence would fail again */
        f->cov_ok = job->rc == 0 && job->cov_ok;
        f->n_cov = job->n;
        if (f->cov_ok)
            f->cov = job->cov;
        if (job->rc == 0)
            f->fit = job->fit;
        else
            snprintf(f->err, sizeof f->err, "%.*s", (int)cs_text_floor(NULL, job->err.msg, 150), job->err.msg);
        app->fit_done++;
        /* The design serves the current and marked tasks only: another
         * task's fit (most of them, while the file loads) leaves it be. */
        if (job->task == app->task || app->marked[job->task])
            app->design_dirty = 1;
        return TUI_CH_FIT | TUI_CH_TASKS | TUI_CH_STATUS;
    }
    case TUI_JOB_QUANTILE:
        if (job->task != app->task || app->qfit_ok[job->slot] != -2)
            return TUI_CH_NONE;
        app->qfit_ok[job->slot] = job->rc == 0;
        app->qfit[job->slot] = job->fit;
        return TUI_CH_FIT;
    case TUI_JOB_SPLIT:
        if (job->task != app->task || app->split_dirty || !app->split_running)
            return TUI_CH_NONE;
        app->split_running = 0;
        app->split_ok = job->rc == 0;
        if (job->rc == 0)
            app->split = job->split;
        else
            snprintf(app->split_err, sizeof app->split_err, "%.*s", (int)cs_text_floor(NULL, job->err.msg, 150), job->err.msg);
        return TUI_CH_SPLIT | TUI_CH_FIT;
    case TUI_JOB_DRIFT: {
        if (!app->drift || job->task >= app->drift_nt || job->k < 1 || job->k > app->drift_ns)
            return TUI_CH_NONE;
        tui_drift_cell *c = &app->drift[job->task * app->drift_ns + job->k - 1];
        if (c->state != TUI_DRIFT_RUNNING)
            return TUI_CH_NONE;
        c->signed_err = c->macro = c->dq = NAN;
        c->train_n = job->split.train_n;
        c->val_n = job->split.val_n;
        if (job->rc != 0)
            c->state = TUI_DRIFT_FAILED;
        else if (!job->split.fitted)
            c->state = TUI_DRIFT_EMPTY;
        else {
            c->state = TUI_DRIFT_OK;
            if (job->split.oos_cov.n_bins) {
                c->signed_err = job->split.oos_cov.signed_mean;
                c->macro = job->split.oos_cov.macro;
            }
            if (job->drift.fitted && job->drift.n_levels)
                c->dq = job->drift.dq[0];
        }
        app->drift_done++;
        return TUI_CH_VIEW | TUI_CH_STATUS;
    }
    case TUI_JOB_DESIGN: {
        cs_design_result r = job->design;
        if (!app->design_running || app->design_dirty) {
            cs_design_result_free(&r);
            return TUI_CH_NONE;
        }
        app->design_running = app->sampler_why_valid = 0;
        cs_design_result_free(&app->design);
        memset(&app->design, 0, sizeof app->design);
        app->design_ok = job->rc == 0;
        if (job->rc == 0)
            app->design = r;
        else {
            cs_design_result_free(&r);
            snprintf(app->design_err, sizeof app->design_err, "%.*s", (int)cs_text_floor(NULL, job->err.msg, 190), job->err.msg);
        }
        if (app->pick_sel >= app->design.n_picks)
            app->pick_sel = app->design.n_picks ? app->design.n_picks - 1 : 0;
        return TUI_CH_DESIGN;
    }
    case TUI_JOB_BAND:
        return tui_app_apply_band(app, job);
    case TUI_JOB_OTHER:
        if (job->task != app->task || app->other_dirty || !app->other_running)
            return TUI_CH_NONE;
        app->other_running = 0;
        app->other_ok = job->rc == 0;
        app->other_fit = job->fit;
        return TUI_CH_FIT;
    }
    return TUI_CH_NONE;
}

/* Keep the layout a finished job built, for the data set's later jobs.
 * A job of the data unloaded since never gets here: unload stops the
 * worker, which drops it. */
static void adopt_layout(tui_app *app, tui_job *job)
{
    if (!job->layout_built)
        return;
    if (!app->layout && job->ds == app->ds)
        app->layout = job->layout_built;
    else
        cs_design_layout_free(job->layout_built);
    job->layout_built = NULL;
}

/* Keep the rows by compute a finished task job sorted, for the data set's
 * later jobs and the cursor, unless the app has them already (the cursor
 * moved before the job ended) or the job was of other data. */
static void adopt_zorder(tui_app *app, tui_job *job)
{
    if (!job->zorder_built)
        return;
    if (job->ds == app->ds && !tui_app_rows_by_z_ready(app)) {
        free(app->zorder);
        app->zorder = job->zorder_built;
        app->zorder_n = app->ds->n_rows;
    } else
        free(job->zorder_built);
    job->zorder_built = NULL;
}

/* Hand the job to the worker, or run it here when no thread can be had. */
unsigned tui_app_launch(tui_app *app, tui_job *job)
{
    if (tui_worker_start(&app->worker, job) == 0)
        return TUI_CH_NONE;
    tui_job_run(job);
    tui_job_free_inputs(job);
    adopt_layout(app, job);
    adopt_zorder(app, job);
    return apply_job(app, job);
}

static unsigned start_task_fit(tui_app *app, size_t t)
{
    tui_taskfit *f = &app->fits[t];
    tui_job job;
    int made = make_job(app, TUI_JOB_TASK, t, 0, app->set.tau, NULL, app->set.design_weights, &job, f->err,
                        sizeof f->err);
    f->too_few = made == -2;
    f->retry = made == -1;
    if (made < 0) {
        f->state = TUI_FIT_FAILED;
        app->fit_done++;
        app->design_dirty = 1;
        return TUI_CH_FIT | TUI_CH_TASKS | TUI_CH_STATUS;
    }
    f->state = TUI_FIT_RUNNING;
    return tui_app_launch(app, &job) | TUI_CH_TASKS;
}

int tui_app_split_masks(tui_app *app)
{
    if (!app->scheme_ok)
        return -1;
    size_t ns = cs_scheme_n_splits(&app->scheme);
    if (ns == 0)
        return -1;
    if (app->split_k < 1)
        app->split_k = 1;
    if (app->split_k > ns)
        app->split_k = ns;
    cs_split_masks(&app->scheme, app->ds, app->split_k, app->train, app->val);
    return 0;
}

static unsigned start_split(tui_app *app)
{
    app->split_dirty = 0;
    app->split_err[0] = '\0';
    if (tui_app_split_masks(app) < 0) {
        app->split_ok = 0;
        snprintf(app->split_err, sizeof app->split_err, "the scheme has no splits");
        return TUI_CH_SPLIT;
    }
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_SPLIT;
    job.task = app->task;
    job.ds = app->ds;
    job.scheme = app->scheme;
    job.k = app->split_k;
    cs_split_opts_init(&job.split_opts);
    job.split_opts.fit.tau = app->set.tau;
    job.warm = app->split_warm && app->split_ok && app->split.fitted && app->split.task == app->task;
    if (job.warm)
        job.split = app->split;
    app->split_warm = 0;
    app->split_running = 1;
    app->pts.valid = 0; /* the train / validation subsets changed */
    return tui_app_launch(app, &job) | TUI_CH_SPLIT;
}

static unsigned start_other(tui_app *app)
{
    app->other_dirty = 0;
    app->other_ok = 0;
    if (tui_app_split_masks(app) < 0)
        return TUI_CH_FIT;
    tui_job job;
    char msg[160];
    /* Unweighted, as the split's own fits are: the gap compares like with like. */
    if (make_job(app, TUI_JOB_OTHER, app->task, 0, app->set.tau, app->val, 0, &job, msg, sizeof msg) < 0)
        return TUI_CH_FIT;
    app->other_running = 1;
    return tui_app_launch(app, &job);
}

/* ---- the drift grid ---- */

void tui_app_drift_start(tui_app *app)
{
    if (!app->ds)
        return;
    char why[300];
    if (app->scheme_ok)
        app->drift_scheme = app->scheme;
    else if (tui_app_scheme_refusal(app->ds, app->set.scheme, &app->drift_scheme, why, sizeof why)) {
        tui_app_msg(app, 1, "drift: %s", why);
        return;
    }
    size_t nt = app->ds->n_tasks, ns = cs_scheme_n_splits(&app->drift_scheme);
    tui_drift_cell *cells = ns ? calloc(nt * ns, sizeof *cells) : NULL;
    if (!cells) {
        tui_app_msg(app, 1, ns ? "drift: out of memory" : "drift: the scheme has no splits");
        return;
    }
    tui_app_quiesce(app); /* a cell of the old grid may be running */
    free(app->drift);
    app->drift = cells;
    app->drift_nt = nt;
    app->drift_ns = ns;
    app->drift_done = 0;
    app->drift_total = nt * ns;
    app->drift_running = 1;
    app->drift_stale = 0;
    app->drift_ref_z = app->set.ref_z;
}

unsigned tui_app_drift_cancel(tui_app *app)
{
    if (!app->drift_running)
        return TUI_CH_NONE;
    app->drift_running = 0;
    for (size_t i = 0; i < app->drift_nt * app->drift_ns; i++)
        if (app->drift[i].state == TUI_DRIFT_PENDING)
            app->drift[i].state = TUI_DRIFT_CANCELLED;
    tui_app_msg(app, 0, "drift cancelled after %zu of %zu cells", app->drift_done, app->drift_total);
    return TUI_CH_VIEW | TUI_CH_STATUS;
}

static unsigned start_drift_cell(tui_app *app)
{
    size_t n = app->drift_nt * app->drift_ns, i = 0;
    while (i < n && app->drift[i].state != TUI_DRIFT_PENDING)
        i++;
    if (i == n) {
        int running = 0;
        for (size_t j = 0; j < n; j++)
            running |= app->drift[j].state == TUI_DRIFT_RUNNING;
        if (!running)
            app->drift_running = 0;
        return TUI_CH_VIEW | TUI_CH_STATUS;
    }
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_DRIFT;
    job.task = i / app->drift_ns;
    job.k = i % app->drift_ns + 1;
    job.ds = app->ds;
    job.scheme = app->drift_scheme;
    job.ref_z = app->drift_ref_z;
    cs_split_opts_init(&job.split_opts);
    job.split_opts.fit.tau = app->set.tau;
    app->drift[i].state = TUI_DRIFT_RUNNING;
    return tui_app_launch(app, &job);
}

/* The next quantile overlay to fit; 0 when none is left. */
static int start_quantile(tui_app *app, unsigned *ch)
{
    for (size_t i = 0; i < app->set.n_quantiles; i++) {
        if (app->qfit_ok[i] == -2)
            return 1; /* one at a time: it is running */
        if (app->qfit_ok[i] == -1) {
            tui_job job;
            char msg[160];
            if (make_job(app, TUI_JOB_QUANTILE, app->task, i, app->set.quantiles[i], NULL, app->set.design_weights,
                         &job, msg, sizeof msg) < 0) {
                app->qfit_ok[i] = 0;
                *ch |= TUI_CH_FIT;
                continue;
            }
            app->qfit_ok[i] = -2;
            *ch |= tui_app_launch(app, &job);
            return 1;
        }
    }
    app->qfit_dirty = 0;
    return 0;
}

size_t tui_app_served(const tui_app *app, size_t *tasks)
{
    size_t k = 0;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        if (app->marked[t])
            tasks[k++] = t;
    if (k == 0)
        tasks[k++] = app->task;
    return k;
}

/* The sampler's design, in the worker: at a million rows it takes about
 * a third of a second, which between polls would hold up the keyboard. */
static unsigned start_design(tui_app *app)
{
    app->design_dirty = app->sampler_why_valid = 0;
    app->design_err[0] = '\0';
    size_t nt = app->ds->n_tasks;
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_DESIGN;
    job.ds = app->ds;
    job.layout = app->layout;
    job.design_tasks = malloc(nt * sizeof *job.design_tasks);
    job.design_fits = malloc(nt * sizeof *job.design_fits);
    if (!job.design_tasks || !job.design_fits) {
        free(job.design_tasks);
        free(job.design_fits);
        cs_design_result_free(&app->design);
        memset(&app->design, 0, sizeof app->design);
        app->design_ok = 0;
        snprintf(app->design_err, sizeof app->design_err, "out of memory");
        return TUI_CH_DESIGN;
    }
    size_t k = tui_app_served(app, job.design_tasks);
    for (size_t i = 0; i < k; i++) {
        const cs_fit *f = tui_app_fit(app, job.design_tasks[i]);
        if (f) {
            job.design_fits[i] = *f;
            continue;
        }
        /* A served task without a boundary (its fit cancelled by Esc, or
         * failed): no design, and why. Falling back to the paper's prior
         * listed other models than capscope suggest for the same tasks,
         * under the same title, and fitting here would undo the Esc. Its
         * fit, when it comes, starts the design again (apply_job). */
        const tui_taskfit *tf = &app->fits[job.design_tasks[i]];
        const char *name = app->ds->tasks[job.design_tasks[i]].name;
        int name_len = (int)cs_text_floor(NULL, name, 60);
        if (tf->state == TUI_FIT_FAILED)
            /* A new benchmark with too few scores, most often: the way
             * to a first design is the paper's, which needs no fit. */
            snprintf(app->design_err, sizeof app->design_err,
                     "%.*s has no boundary (%.*s), and the sampler stands on the boundaries; capscope suggest "
                     "--prior paper designs without one", name_len, name,
                     (int)cs_text_floor(NULL, tf->err, 160), tf->err);
        else
            snprintf(app->design_err, sizeof app->design_err,
                     "%.*s has no boundary (its fit was cancelled: select it to fit it), and the sampler "
                     "stands on the boundaries, as capscope suggest does", name_len, name);
        free(job.design_tasks);
        free(job.design_fits);
        cs_design_result_free(&app->design);
        memset(&app->design, 0, sizeof app->design);
        app->design_ok = 0;
        return TUI_CH_DESIGN;
    }
    cs_design_opts *o = &job.design_opts;
    cs_design_opts_init(o);
    o->prior = CS_PRIOR_FIT;
    o->pool = app->set.pool_all ? CS_POOL_ALL : CS_POOL_UNSCORED;
    o->tasks = job.design_tasks;
    o->n_tasks = k;
    if (app->set.budget_abs > 0)
        o->budget_abs = app->set.budget_abs;
    else
        o->budget_fraction = app->set.budget;
    o->count = app->set.picks;
    /* The priors are the weighted fits, as capscope suggest's are, since the
     * scored rows may be the sampler's own picks: the tasks' own fits when
     * W has weighted them, else fitted so by the design (in the worker). */
    o->fits = app->set.design_weights ? job.design_fits : NULL;
    o->fit.tau = app->set.tau;
    o->target_z = app->set.ref_z; /* the compute the task list reads q at, as suggest --flops */
    o->layout = app->layout;      /* NULL: the worker builds it (adopt_layout) */
    app->design_running = 1;
    return tui_app_launch(app, &job) | TUI_CH_DESIGN;
}

/* Of the tasks the design serves: the first whose fit is still to start
 * (n_tasks when none), and in *waits whether any fit of theirs is pending
 * or running. */
static size_t served_fit_pending(const tui_app *app, int *waits)
{
    size_t n = app->ds->n_tasks, first = n;
    *waits = 0;
    size_t *served = malloc((n ? n : 1) * sizeof *served);
    if (!served)
        return n;
    size_t k = tui_app_served(app, served);
    for (size_t i = 0; i < k; i++) {
        int st = app->fits[served[i]].state;
        *waits |= st == TUI_FIT_PENDING || st == TUI_FIT_RUNNING;
        if (st == TUI_FIT_PENDING && first == n)
            first = served[i];
    }
    free(served);
    return first;
}

/* Whether a served task's fit is still to come (the design waits for it).
 * Out of memory it does not wait: start_design says so. */
static int design_waits(const tui_app *app)
{
    int waits;
    served_fit_pending(app, &waits);
    return waits;
}

unsigned tui_app_idle(tui_app *app)
{
    /* The rows read so far, and the new data once it is read, which
     * replaces the old with its work (the rest starts at the next turn). */
    unsigned ch = tui_app_loading(app) ? tui_app_load_poll(app) : TUI_CH_NONE;
    if (!app->ds || (ch & TUI_CH_DATA))
        return ch;
    tui_job done;
    if (tui_worker_poll(&app->worker, &done)) {
        adopt_layout(app, &done);
        adopt_zorder(app, &done);
        return apply_job(app, &done) | TUI_CH_STATUS | ch;
    }
    if (!tui_worker_busy(&app->worker)) {
        /* Next fit for the worker, most wanted first. */
        int st = app->fits[app->task].state;
        if (st == TUI_FIT_PENDING || st == TUI_FIT_CANCELLED)
            ch |= start_task_fit(app, app->task);
        else if (app->split_on && app->split_dirty)
            ch |= start_split(app);
        else if (app->show_quantiles && app->qfit_dirty && start_quantile(app, &ch))
            ;
        else if (app->split_on && app->show_other && app->other_dirty)
            ch |= start_other(app);
        else if (app->design_dirty && !design_waits(app))
            ch |= start_design(app);
        else if (tui_app_band_wanted(app))
            ch |= tui_app_start_band(app);
        else if (app->drift_running)
            ch |= start_drift_cell(app);
        else {
            /* Any fit still pending, fitting or not: Esc cancels the fits
             * not yet started but the current task's, and a fit the drift
             * grid's start stopped is pending again; one that waited for
             * "fitting" stayed pending for ever, and a design serving its
             * task waited on it with busy() true and nothing to start (the
             * loop spun at full CPU). The fits a design waits on first: in
             * task order alone, with task 3 marked the sampler waited for
             * the fits of tasks 1 and 2, which it does not use. */
            int waits;
            size_t t = app->design_dirty ? served_fit_pending(app, &waits) : app->ds->n_tasks;
            if (t == app->ds->n_tasks)
                t = 0;
            while (t < app->ds->n_tasks && app->fits[t].state != TUI_FIT_PENDING)
                t++;
            if (t < app->ds->n_tasks)
                ch |= start_task_fit(app, t);
        }
    }
    if (app->fitting) {
        int left = 0;
        for (size_t t = 0; t < app->ds->n_tasks; t++)
            left |= app->fits[t].state == TUI_FIT_PENDING || app->fits[t].state == TUI_FIT_RUNNING;
        if (!left) {
            app->fitting = 0;
            ch |= TUI_CH_STATUS | TUI_CH_TASKS;
        }
    }
    return ch;
}

void tui_app_quiesce(tui_app *app)
{
    if (!tui_worker_busy(&app->worker))
        return;
    tui_worker_stop(&app->worker);
    /* Whatever was running is to be done again (tui_app_idle starts a
     * pending fit whether or not the fits are being refitted). */
    for (size_t t = 0; app->ds && t < app->ds->n_tasks; t++)
        if (app->fits[t].state == TUI_FIT_RUNNING)
            app->fits[t].state = TUI_FIT_PENDING;
    for (size_t i = 0; i < TUI_MAX_QUANTILES; i++)
        if (app->qfit_ok[i] == -2)
            app->qfit_ok[i] = -1;
    for (size_t i = 0; app->drift && i < app->drift_nt * app->drift_ns; i++)
        if (app->drift[i].state == TUI_DRIFT_RUNNING)
            app->drift[i].state = TUI_DRIFT_PENDING;
    if (app->split_running)
        app->split_dirty = 1;
    if (app->design_running)
        app->design_dirty = 1;
    app->design_running = app->band_running = 0;
    if (app->other_running)
        app->other_dirty = 1;
    app->split_running = app->other_running = 0;
}

int tui_app_waiting(const tui_app *app)
{
    return tui_worker_busy(&app->worker) || tui_app_loading(app);
}
