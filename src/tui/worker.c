/* worker.c - the fit thread. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cursor.h"
#include "tui/worker.h"

/* The task's cursor order, or NULL (out of memory, or no rows by compute:
 * the screen then builds it). Done here, a task switch on the screen only
 * copies it. The rows by compute are the app's, else sorted here once and
 * handed back (zorder_built). */
static size_t *task_cursor_order(tui_job *job)
{
    if (!job->ds)
        return NULL;
    if (!job->zorder && !job->zorder_built)
        job->zorder_built = tui_rows_by_z(job->ds);
    const size_t *zorder = job->zorder ? job->zorder : job->zorder_built;
    if (!zorder)
        return NULL;
    size_t n_rows = job->ds->n_rows;
    size_t *order = malloc((job->n + 1) * sizeof *order);
    size_t *scratch = malloc((n_rows + 1) * sizeof *scratch);
    if (order && scratch &&
        tui_cursor_order(zorder, n_rows, job->ds->tasks[job->task].has, job->z, job->y, job->n,
                         order, scratch) == 0) {
        free(scratch);
        return order;
    }
    free(order);
    free(scratch);
    return NULL;
}

/* Whether the job was cancelled, asking its cancel again when its fit
 * finished: at a million rows the steps after it (the cursor order, the
 * coverage bins) each sort every row, which is no time to make a quit wait. */
static int job_cancelled(tui_job *job)
{
    if (job->rc != 0)
        return job->err.kind == CS_ERR_CANCELLED;
    if (!job->opts.cancel || !job->opts.cancel(job->opts.cancel_arg))
        return 0;
    job->rc = cs_error_set(&job->err, CS_ERR_CANCELLED, "", 0, "the job was cancelled");
    return 1;
}

/* The job's design layout: the app's, or one built here (asking the
 * job's cancel) and handed back in layout_built. NULL with err set when
 * it cannot be built or the job was cancelled. */
static const cs_design_layout *job_layout(tui_job *job)
{
    if (job->layout)
        return job->layout;
    if (!job->layout_built)
        job->layout_built = cs_design_layout_new(job->ds, job->opts.cancel, job->opts.cancel_arg, &job->err);
    return job->layout_built;
}

/* The options of the job's design weights: its layout and its cancel.
 * -1 when the layout cannot be built (err says why). */
static int job_weights_opts(tui_job *job, cs_design_weights_opts *wo)
{
    cs_design_weights_opts_init(wo);
    wo->layout = job_layout(job);
    wo->cancel = job->opts.cancel;
    wo->cancel_arg = job->opts.cancel_arg;
    return wo->layout ? 0 : -1;
}

/* The job's design weights: z, y, w of task's scored rows on the job's
 * layout, asking its cancel. Returns the count, or (size_t)-1. */
static size_t job_weighted_xy(tui_job *job)
{
    cs_design_weights_opts wo;
    if (job_weights_opts(job, &wo) != 0)
        return (size_t)-1;
    return cs_design_weighted_xy(job->ds, job->task, &wo, job->z, job->y, job->w, &job->err);
}

/* The design weights of task's scored rows (in row order) and of the rows
 * add (n_add) were those scored too, into w_after and add_w: the weights
 * on a private view of ds whose task has add among its scored rows (the
 * weights read which rows are scored, never their scores). -1 when out of
 * memory or the weights fail. */
static int weights_after(tui_job *job, const size_t *add, size_t n_add, double *w_after, double *add_w)
{
    const cs_dataset *ds = job->ds;
    size_t task = job->task;
    size_t n_rows = ds->n_rows;
    unsigned char *has = malloc(n_rows + 1);
    double *all = malloc((n_rows + 1) * sizeof *all);
    cs_task *tasks = malloc(ds->n_tasks * sizeof *tasks);
    int rc = -1;
    if (has && all && tasks) {
        const unsigned char *scored = ds->tasks[task].has;
        memcpy(has, scored, n_rows);
        memcpy(tasks, ds->tasks, ds->n_tasks * sizeof *tasks);
        for (size_t j = 0; j < n_add; j++)
            if (add[j] < n_rows && !has[add[j]]) {
                has[add[j]] = 1;
                tasks[task].n_scored++;
            }
        tasks[task].has = has;
        cs_dataset view = *ds;
        view.tasks = tasks;
        /* The layout holds no score: ds's serves the view. */
        cs_design_weights_opts wo;
        if (job_weights_opts(job, &wo) == 0 && cs_design_weights(&view, task, &wo, all, NULL) == 0) {
            size_t m = 0;
            for (size_t i = 0; i < n_rows; i++)
                if (scored[i])
                    w_after[m++] = all[i];
            for (size_t j = 0; j < n_add; j++)
                add_w[j] = add[j] < n_rows ? all[add[j]] : 0;
            rc = 0;
        }
    }
    free(has);
    free(all);
    free(tasks);
    return rc;
}

/* A band job (worker.h). The weights and their "after" ask the cancel,
 * and it is asked after each. */
static int run_band(tui_job *job)
{
    int (*cancel)(void *) = job->opts.cancel;
    void *arg = job->opts.cancel_arg;
    cs_band_rows rows = { .z = job->z, .y = job->y, .n = job->n, .add_z = job->band_add, .n_add = job->n_add,
                           .cancel = cancel, .cancel_arg = arg };
    memset(&job->band, 0, sizeof job->band);
    if (!job->w)
        return cs_band_compute_rows(&job->band, &job->fit, &rows, job->opts.tau);
    double *w_after = NULL, *add_w = NULL;
    int rc = -1;
    if (job_weighted_xy(job) != job->n || (cancel && cancel(arg)))
        return -1;
    rows.w = job->w;
    if (job->n_add && job->band_add_rows) {
        w_after = malloc(job->n * sizeof *w_after);
        add_w = malloc(job->n_add * sizeof *add_w);
        if (!w_after || !add_w ||
            weights_after(job, job->band_add_rows, job->n_add, w_after, add_w) < 0 ||
            (cancel && cancel(arg)))
            goto done;
        rows.w_after = w_after;
        rows.add_w = add_w;
    }
    rc = cs_band_compute_rows(&job->band, &job->fit, &rows, job->opts.tau);
done:
    free(w_after);
    free(add_w);
    return rc;
}

void tui_job_run(tui_job *job)
{
    if (job->kind == TUI_JOB_DRIFT) {
        job->rc = cs_split_run(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split, &job->err);
        job->drift.fitted = 0;
        if (job->rc == 0 && job->split.fitted)
            job->rc = cs_split_drift(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split,
                                     &job->ref_z, 1, NAN, &job->drift, &job->err);
        return;
    }
    if (job->kind == TUI_JOB_BAND) {
        job->rc = run_band(job);
        return;
    }
    if (job->kind == TUI_JOB_DESIGN) {
        /* Only the fitted prior's sampler stands on the layout. */
        if (job->design_opts.prior == CS_PRIOR_FIT && !job->design_opts.layout &&
            !(job->design_opts.layout = job_layout(job))) {
            job->rc = -1;
            return;
        }
        job->rc = cs_design_run(job->ds, &job->design_opts, &job->design, &job->err);
        return;
    }
    if (job->kind == TUI_JOB_SPLIT)
        job->rc = job->warm ? cs_split_rerun(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split,
                                             &job->split, &job->err)
                            : cs_split_run(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split,
                                           &job->err);
    else {
        errno = 0;
        if (job->w && job_weighted_xy(job) != job->n)
            job->rc = -1; /* no memory or cancelled (err says so); the rows cannot differ */
        else
            job->rc = cs_fit_run(job->z, job->y, job->n, &job->opts, &job->fit, &job->err);
        job->short_of_memory = job->rc != 0 && errno == ENOMEM;
    }
    job->cov_ok = 0;
    if (job->kind != TUI_JOB_TASK || job_cancelled(job))
        return;
    job->order = task_cursor_order(job);
    /* A weighted fit is judged by the same weights (coverage.h). */
    if (job->rc == 0 && !job_cancelled(job))
        job->cov_ok = cs_coverage_in_sample(&job->fit, job->z, job->y, job->w, job->n, job->opts.tau,
                                            &job->cov) == 0;
}

void tui_job_free_inputs(tui_job *job)
{
    free(job->z);
    free(job->y);
    free(job->w);
    job->w = NULL;
    job->opts.weights = NULL;
    free(job->design_tasks);
    free(job->design_fits);
    free(job->band_add);
    free(job->band_add_rows);
    job->band_add = NULL;
    job->band_add_rows = NULL;
    job->z = job->y = NULL;
    job->design_tasks = NULL;
    job->design_fits = NULL;
}

/* The fits' cancel (fit.h): a relaxed load, as the flag publishes no data. */
static int stop_asked(void *flag)
{
    return atomic_load_explicit((atomic_int *)flag, memory_order_relaxed);
}

/* Every cancel a job's computations ask (its fits' and its design's), in
 * one place so that setting them and clearing them cannot drift apart. */
static void set_cancel(tui_job *job, int (*cancel)(void *), void *arg)
{
    cs_fit_opts *fits[] = { &job->opts, &job->split_opts.fit, &job->design_opts.fit };
    for (size_t i = 0; i < sizeof fits / sizeof *fits; i++) {
        fits[i]->cancel = cancel;
        fits[i]->cancel_arg = arg;
    }
    job->design_opts.cancel = cancel;
    job->design_opts.cancel_arg = arg;
}

static void *thread_main(void *arg)
{
    tui_worker *w = arg;
    tui_job_run(&w->job);
    atomic_store(&w->done, 1);
    return NULL;
}

int tui_thread_create(pthread_t *thread, void *(*run)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        sigdelset(&all, faults[i]);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(thread, NULL, run, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

int tui_worker_start(tui_worker *w, const tui_job *job)
{
    if (w->running)
        return -1;
    w->job = *job;
    w->job.opts.warm = NULL; /* a warm start would point into the model */
    atomic_store(&w->done, 0);
    atomic_store(&w->cancel, 0);
    set_cancel(&w->job, stop_asked, &w->cancel);
    if (tui_thread_create(&w->thread, thread_main, w) != 0)
        return -1;
    w->running = 1;
    return 0;
}

int tui_worker_poll(tui_worker *w, tui_job *out)
{
    if (!w->running || !atomic_load(&w->done))
        return 0;
    pthread_join(w->thread, NULL);
    w->running = 0;
    tui_job_free_inputs(&w->job);
    *out = w->job;
    /* The flag is the worker's: a copy of the options run later elsewhere
     * must not read it. */
    set_cancel(out, NULL, NULL);
    return 1;
}

void tui_worker_stop(tui_worker *w)
{
    if (!w->running)
        return;
    atomic_store(&w->cancel, 1);
    pthread_join(w->thread, NULL);
    atomic_store(&w->cancel, 0);
    w->running = 0;
    tui_job_free_inputs(&w->job);
    free(w->job.order);
    w->job.order = NULL;
    cs_design_layout_free(w->job.layout_built);
    w->job.layout_built = NULL;
    free(w->job.zorder_built);
    w->job.zorder_built = NULL;
    if (w->job.kind == TUI_JOB_DESIGN)
        cs_design_result_free(&w->job.design);
}

int tui_worker_busy(const tui_worker *w)
{
    return w->running;
}
