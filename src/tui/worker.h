/* worker.h - one background thread for boundary fits.
 *
 * A fit of a million rows takes about a second; done between input polls it
 * would freeze the keyboard for that long. The worker runs cs_fit_run on
 * private copies of the rows, so it shares nothing with the model while it
 * runs; the loop polls it and applies the result if the inputs it was made
 * from are still current (the slot it fills is still marked running: a
 * change of its inputs marks the slot again and the result is dropped).
 * Everything else that is O(n log n) or an exp() per row at a million rows
 * runs here too, so a key costs O(n) at most: a task's cursor order and
 * in-sample coverage (with its fit), the sampler's design and the band.
 */
#ifndef CAPSCOPE_TUI_WORKER_H
#define CAPSCOPE_TUI_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "capscope/coverage.h"
#include "capscope/dataset.h"
#include "capscope/design.h"
#include "capscope/error.h"
#include "capscope/fit.h"
#include "capscope/split.h"
#include "capscope/band.h"

typedef enum tui_job_kind { TUI_JOB_TASK, TUI_JOB_QUANTILE, TUI_JOB_OTHER, TUI_JOB_SPLIT, TUI_JOB_DRIFT,
                               TUI_JOB_DESIGN, TUI_JOB_BAND } tui_job_kind;

typedef struct tui_job {
    tui_job_kind kind;
    size_t task, slot;       /* which task; which quantile overlay */
    double *z, *y;           /* owned by the job */
    size_t n;
    cs_fit_opts opts;
    /* Design weights of the n rows (NULL: unweighted), owned by the job and
     * filled by the worker from ds; opts.weights points here, so they live
     * as long as z and y. */
    double *w;
    /* A split job, and a weighted fit job, read the data set, which must not
     * change until it is done (the model stops the worker before it enters
     * a score). */
    const cs_dataset *ds;
    /* The design layout of ds (design.h) for the design weights and the
     * sampler: the app's, read-only and alive until the job is done, as ds
     * is. NULL: a job that needs one builds it into layout_built, which it
     * hands back with its result (the app keeps it for its next jobs). */
    const cs_design_layout *layout;
    cs_design_layout *layout_built;
    cs_scheme scheme;
    size_t k;
    cs_split_opts split_opts;
    int warm;                /* rerun from split (warm start) */
    cs_split_result split;   /* in: the previous result when warm; out: the result */
    /* A drift job: split k of task judged out of sample, and the boundary
     * of its validation period compared at ref_z (one cell of the grid). */
    double ref_z;
    cs_drift drift;
    /* A design job: the sampler's suggestions (design_opts points into
     * design_tasks and design_fits, which the job owns). */
    cs_design_opts design_opts;
    size_t *design_tasks;
    cs_fit *design_fits;
    cs_design_result design;
    /* A band job: the band of fit (an input here) over z, y, with band_add
     * (owned, n_add of them) as the rows to add; band_sum keys the result.
     * With w (and ds), the band of the design-weighted fit: the worker
     * fills z, y and w from ds as a weighted fit job does (each then
     * ds->n_rows long), and weighs "after" as if band_add_rows (owned, the
     * rows of band_add, NULL when unweighted) were scored too. */
    double *band_add;
    size_t *band_add_rows;
    size_t n_add;
    double band_sum;
    cs_band band;
    int rc;                  /* results */
    int short_of_memory;     /* rc -1 for want of memory (errno ENOMEM): worth another try */
    cs_fit fit;
    cs_error err;
    /* A task job also measures its fit's in-sample coverage (cov_ok 0 when
     * there are no bins), sparing the screen a sort of every row. */
    cs_coverage cov;
    int cov_ok;
    /* ... and its cursor order (cursor.h): the point indices sorted by (z,
     * y, index), owned by the job (NULL when out of memory), from zorder,
     * the rows by compute (the app's, read-only while the job runs). NULL
     * zorder: the job sorts ds's rows by compute itself into zorder_built
     * (a fifth of a second at a million rows, which on the screen froze
     * the keyboard once per data set) and hands it back with its result,
     * as layout_built, for the app to keep. */
    const size_t *zorder;
    size_t *zorder_built;
    size_t *order;
} tui_job;

typedef struct tui_worker {
    pthread_t thread;
    int running;             /* a thread was started and not joined yet */
    atomic_int done;
    /* Set by tui_worker_stop: the job's fits (its own, a split's, a
     * design's), its design weights and its design read it once a pass
     * over the rows (a design once a pick too) and give up, so quitting
     * during a fit of a million rows does not wait for it. */
    atomic_int cancel;
    tui_job job;
} tui_worker;

/* Start job (the worker takes z and y, which may be NULL for a split job); -1 when a job is still running or
 * the thread cannot be created (the caller then runs it itself). */
int tui_worker_start(tui_worker *w, const tui_job *job);
/* 1 and the finished job in *out (its z, y, w and design inputs freed; a
 * design result, a layout_built and a zorder_built are the caller's to
 * free) when one is ready; 0 otherwise. */
int tui_worker_poll(tui_worker *w, tui_job *out);
/* Cancel a running job, wait for it (a fit, the design weights, a band and
 * a design stop within a pass over their rows or a pick) and drop its
 * result, a layout it built too. */
void tui_worker_stop(tui_worker *w);
int tui_worker_busy(const tui_worker *w);
/* pthread_create with every signal blocked in the new thread, so that the
 * signals reach the input loop, whose waits they cut short (a resize, a
 * quit); the worker and the loader start theirs so. Not the faults
 * (SIGSEGV, SIGBUS, SIGFPE, SIGILL): one raised while blocked is undefined
 * (POSIX), and Linux kills without a handler, so a fault in the thread left
 * the terminal in curses' modes; unblocked, term.c's handler restores it.
 * 0 or an errno. */
int tui_thread_create(pthread_t *thread, void *(*run)(void *), void *arg);
/* Run a job in the calling thread (the fallback, and for tests). A task job
 * also asks opts.cancel after its fit and after its cursor order. A job
 * cancelled so ends with rc -1 and err.kind CS_ERR_CANCELLED, and computes
 * nothing more. */
void tui_job_run(tui_job *job);
/* Free what the job owns as its inputs (z, y, w, the design's and the
 * band's arrays) and clear the pointers; its results stay. */
void tui_job_free_inputs(tui_job *job);

#endif
