/* loader.c - the :load thread.
 *
 * The job is on the heap, apart from the loader, so that a load blocked in
 * open() or read() can be abandoned: its thread frees the job when it ends.
 * Who frees it is settled by one atomic exchange of its state: the thread
 * sets DONE, a stop sets ABANDONED, and whichever comes second frees. */
#include <stdlib.h>
#include <string.h>

#include "tui/loader.h"
#include "tui/worker.h"

enum { LOAD_RUNNING, LOAD_DONE, LOAD_ABANDONED };

struct tui_load_job {
    pthread_t thread;
    atomic_int state;
    atomic_int cancel;       /* the load asks it every CS_LOAD_STEP records */
    atomic_size_t bytes;     /* bytes of the file read so far */
    atomic_size_t records;   /* CSV records parsed so far */
    char *path;              /* the thread's own copies of what it reads */
    cs_config cfg;
    int rc;                  /* results, written before the state is DONE */
    cs_dataset *ds;
    cs_error err;
};

static void job_free(tui_load_job *j)
{
    cs_dataset_free(j->ds);
    cs_config_free(&j->cfg);
    free(j->path);
    free(j);
}

static void told_progress(void *ctx, size_t bytes, size_t records)
{
    tui_load_job *j = ctx;
    atomic_store_explicit(&j->bytes, bytes, memory_order_relaxed);
    atomic_store_explicit(&j->records, records, memory_order_relaxed);
}

/* A relaxed load, as the flag publishes no data (the state does). */
static int stop_asked(void *ctx)
{
    return atomic_load_explicit(&((tui_load_job *)ctx)->cancel, memory_order_relaxed);
}

static void *thread_main(void *arg)
{
    tui_load_job *j = arg;
    cs_load_hooks hooks = { .progress = told_progress, .progress_ctx = j, .cancel = stop_asked, .cancel_arg = j };
    j->rc = cs_dataset_load_hooked(j->path, &j->cfg, &hooks, &j->ds, &j->err);
    /* j is not ours to touch after this unless the loader gave it up. */
    if (atomic_exchange(&j->state, LOAD_DONE) == LOAD_ABANDONED)
        job_free(j);
    return NULL;
}

int tui_loader_start(tui_loader *l, const char *path, const cs_config *cfg)
{
    if (l->job)
        return -1;
    char *shown = strdup(path);
    tui_load_job *j = calloc(1, sizeof *j);
    cs_error err;
    if (!shown || !j || !(j->path = strdup(path)) || cs_config_copy(&j->cfg, cfg, &err) != 0) {
        free(shown);
        if (j)
            job_free(j); /* its cfg zeroed by calloc, or left initialised by the copy */
        return -1;
    }
    j->rc = -1;
    atomic_init(&j->state, LOAD_RUNNING);
    atomic_init(&j->cancel, 0);
    atomic_init(&j->bytes, 0);
    atomic_init(&j->records, 0);
    if (tui_thread_create(&j->thread, thread_main, j) != 0) {
        free(shown);
        job_free(j);
        return -1;
    }
    free(l->path);
    l->path = shown;
    l->job = j;
    l->ds = NULL;
    l->rc = -1;
    memset(&l->err, 0, sizeof l->err);
    return 0;
}

int tui_loader_poll(tui_loader *l)
{
    tui_load_job *j = l->job;
    if (!j || atomic_load(&j->state) != LOAD_DONE)
        return 0;
    pthread_join(j->thread, NULL);
    l->rc = j->rc;
    l->ds = j->ds;
    l->err = j->err;
    j->ds = NULL;
    job_free(j);
    l->job = NULL;
    return 1;
}

void tui_loader_stop(tui_loader *l)
{
    tui_load_job *j = l->job;
    if (j) {
        pthread_t thread = j->thread; /* j may be freed by its thread once given up */
        atomic_store(&j->cancel, 1);
        if (atomic_exchange(&j->state, LOAD_ABANDONED) == LOAD_DONE) {
            pthread_join(thread, NULL);
            job_free(j);
        } else {
            pthread_detach(thread);
        }
        l->job = NULL;
    }
    cs_dataset_free(l->ds);
    l->ds = NULL;
    free(l->path);
    l->path = NULL;
}

int tui_loader_busy(const tui_loader *l)
{
    return l->job != NULL;
}

char *tui_loader_progress(const tui_loader *l, char buf[CS_LOAD_PROGRESS_TEXT])
{
    size_t bytes = l->job ? atomic_load_explicit(&l->job->bytes, memory_order_relaxed) : 0;
    size_t records = l->job ? atomic_load_explicit(&l->job->records, memory_order_relaxed) : 0;
    return cs_load_progress_text(bytes, records, buf);
}
