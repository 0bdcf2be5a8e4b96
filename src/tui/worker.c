/* worker.c - the fit thread. */
#include <math.h>
#include <stdlib.h>

#include "tui/worker.h"

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
    if (job->kind == TUI_JOB_SPLIT)
        job->rc = job->warm ? cs_split_rerun(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split,
                                             &job->split, &job->err)
                            : cs_split_run(job->ds, job->task, &job->scheme, job->k, &job->split_opts, &job->split,
                                           &job->err);
    else
        job->rc = cs_fit_run(job->z, job->y, job->n, &job->opts, &job->fit, &job->err);
}

static void *thread_main(void *arg)
{
    tui_worker *w = arg;
    tui_job_run(&w->job);
    atomic_store(&w->done, 1);
    return NULL;
}

int tui_worker_start(tui_worker *w, const tui_job *job)
{
    if (w->running)
        return -1;
    w->job = *job;
    w->job.opts.warm = NULL; /* a warm start would point into the model */
    atomic_store(&w->done, 0);
    if (pthread_create(&w->thread, NULL, thread_main, w) != 0)
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
    *out = w->job;
    free(out->z);
    free(out->y);
    out->z = out->y = NULL;
    return 1;
}

void tui_worker_stop(tui_worker *w)
{
    if (!w->running)
        return;
    pthread_join(w->thread, NULL);
    w->running = 0;
    free(w->job.z);
    free(w->job.y);
    w->job.z = w->job.y = NULL;
}

int tui_worker_busy(const tui_worker *w)
{
    return w->running;
}
