/* loader.h - the thread that reads a data file for :load.
 *
 * A million rows take more than a second to parse; done in the input loop
 * that froze the screen with the old data and the prompt on it, read no
 * key, and could not be cancelled. The loader parses into a new data set
 * of its own (cs_dataset_load_hooked) and touches nothing of the model:
 * the loop polls it, shows how far it has read, and swaps the new
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

/* The state the thread shares, private to loader.c. */
typedef struct tui_load_job tui_load_job;

typedef struct tui_loader {
    tui_load_job *job;       /* the load running or done and not yet polled; NULL: none */
    char *path;              /* its file, owned; stays until the next start or stop */
    /* Results, the loop's once tui_loader_poll said done. */
    int rc;
    cs_dataset *ds;
    cs_error err;
} tui_loader;

/* Start reading path with a copy of cfg; -1 when a load is running or no
 * thread (or memory) can be had (the caller then loads in its own thread),
 * the loader as it was. */
int tui_loader_start(tui_loader *l, const char *path, const cs_config *cfg);
/* 1 when the load finished: rc, ds (the caller's to free) and err are its
 * result, the thread is joined and path stays until the next start or
 * stop; 0 while it runs or when none was started. */
int tui_loader_poll(tui_loader *l);
/* Cancel a running load and drop what it made; frees path. Never waits on
 * the file: a load still opening or reading it (a FIFO with no writer, a
 * stalled network mount) is left to end on its own, detached, and frees
 * what it holds then. */
void tui_loader_stop(tui_loader *l);
int tui_loader_busy(const tui_loader *l);
/* How far the load is (cs_load_progress_text): "412,000 rows", "12.3 MB
 * read", or "" before it read anything or when none runs. Returns buf. */
char *tui_loader_progress(const tui_loader *l, char buf[CS_LOAD_PROGRESS_TEXT]);

#endif
