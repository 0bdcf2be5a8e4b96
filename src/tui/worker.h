/* worker.h - one background thread for boundary fits.
 *
 * A fit of a million rows takes about a second; done between input polls it
 * would freeze the keyboard for that long. The worker runs cs_fit_run on
 * private copies of the rows, so it shares nothing with the model while it
 * runs; the loop polls it and applies the result if the inputs it was made
 * from are still current (each job carries the generation it belongs to).
 */
#ifndef CAPSCOPE_TUI_WORKER_H
#define CAPSCOPE_TUI_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "capscope/dataset.h"
#include "capscope/error.h"
#include "capscope/fit.h"
#include "capscope/split.h"

typedef enum tui_job_kind { TUI_JOB_TASK, TUI_JOB_QUANTILE, TUI_JOB_OTHER, TUI_JOB_SPLIT, TUI_JOB_DRIFT } tui_job_kind;

typedef struct tui_job {
    tui_job_kind kind;
    size_t task, slot;       /* which task; which quantile overlay */
    unsigned gen;            /* the model's generation when the job was made */
    double *z, *y;           /* owned by the job */
    size_t n;
    cs_fit_opts opts;
    /* A split job reads the data set, which must not change until it is
     * done (the model stops the worker before it enters a score). */
    const cs_dataset *ds;
    cs_scheme scheme;
    size_t k;
    cs_split_opts split_opts;
    int warm;                /* rerun from split (warm start) */
    cs_split_result split;   /* in: the previous result when warm; out: the result */
    /* A drift job: split k of task judged out of sample, and the boundary
     * of its validation period compared at ref_z (one cell of the grid). */
    double ref_z;
    cs_drift drift;
    int rc;                  /* results */
    cs_fit fit;
    cs_error err;
} tui_job;

typedef struct tui_worker {
    pthread_t thread;
    int running;             /* a thread was started and not joined yet */
    atomic_int done;
    tui_job job;
} tui_worker;

/* Start job (the worker takes z and y, which may be NULL for a split job); -1 when a job is still running or
 * the thread cannot be created (the caller then runs it itself). */
int tui_worker_start(tui_worker *w, const tui_job *job);
/* 1 and the finished job in *out (its z, y freed) when one is ready; 0 otherwise. */
int tui_worker_poll(tui_worker *w, tui_job *out);
/* Wait for a running job and drop its result. */
void tui_worker_stop(tui_worker *w);
int tui_worker_busy(const tui_worker *w);
/* Run a job in the calling thread (the fallback, and for tests). */
void tui_job_run(tui_job *job);

#endif
