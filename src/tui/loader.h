/* loader.h - the thread that reads a data file for :load.
 *
 * A million rows take more than a second to parse; done in the input loop
 * that froze the screen with the old data and the prompt on it, read no
 * key, and could not be cancelled. The loader parses into a new data set
 * of its own (cs_dataset_load_hooked) and touches nothing of the model:
 * the loop polls it, shows how many rows it has read, and swaps the new
 * data in when it is done. Apart from the worker (worker.h) because it
 * does not stop the work on the data shown: the fits go on until the new
 * data replaces them, and cancelling the load loses nothing.
 */
#ifndef CAPSCOPE_TUI_LOADER_H
#define CAPSCOPE_TUI_LOADER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "capscope/config.h"
#include "capscope/dataset.h"
#include "capscope/error.h"

typedef struct tui_loader {
    pthread_t thread;
    int running;             /* a thread was started and not joined yet */
    atomic_int done;
    atomic_int cancel;       /* set by tui_loader_stop; the load asks it every CS_LOAD_STEP records */
    atomic_size_t records;   /* CSV records read so far */
    char *path;              /* the file, owned */
    /* The config the file is read with: the app's, which nothing changes
     * once the interface runs (tui_app_restore, which may, loads in the
     * calling thread before). Read-only here. */
    const cs_config *cfg;
    /* Results, the loop's once tui_loader_poll said done. */
    int rc;
    cs_dataset *ds;
    cs_error err;
} tui_loader;

/* Start reading path with cfg; -1 when a load is running or no thread can
 * be had (the caller then loads in its own thread). */
int tui_loader_start(tui_loader *l, const char *path, const cs_config *cfg);
/* 1 when the load finished: rc, ds (the caller's to free) and err are its
 * result, the thread is joined and path stays until the next start or
 * stop; 0 while it runs or when none was started. */
int tui_loader_poll(tui_loader *l);
/* Cancel a running load, wait for it (within CS_LOAD_STEP records, or the
 * reading of the file) and drop what it made; frees path. */
void tui_loader_stop(tui_loader *l);
int tui_loader_busy(const tui_loader *l);
size_t tui_loader_records(const tui_loader *l);

#endif
