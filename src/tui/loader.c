/* loader.c - the :load thread. */
#include <stdlib.h>
#include <string.h>

#include "tui/loader.h"

static void told_records(void *ctx, size_t records)
{
    atomic_store_explicit(&((tui_loader *)ctx)->records, records, memory_order_relaxed);
}

/* A relaxed load, as the flag publishes no data (the join does). */
static int stop_asked(void *ctx)
{
    return atomic_load_explicit(&((tui_loader *)ctx)->cancel, memory_order_relaxed);
}

static void *thread_main(void *arg)
{
    tui_loader *l = arg;
    cs_load_hooks hooks = { told_records, l, stop_asked, l };
    l->rc = cs_dataset_load_hooked(l->path, l->cfg, &hooks, &l->ds, &l->err);
    atomic_store(&l->done, 1);
    return NULL;
}

int tui_loader_start(tui_loader *l, const char *path, const cs_config *cfg)
{
    if (l->running)
        return -1;
    free(l->path);
    l->path = strdup(path);
    if (!l->path)
        return -1;
    l->cfg = cfg;
    l->ds = NULL;
    l->rc = -1;
    memset(&l->err, 0, sizeof l->err);
    atomic_store(&l->done, 0);
    atomic_store(&l->cancel, 0);
    atomic_store(&l->records, 0);
    if (pthread_create(&l->thread, NULL, thread_main, l) != 0)
        return -1;
    l->running = 1;
    return 0;
}

int tui_loader_poll(tui_loader *l)
{
    if (!l->running || !atomic_load(&l->done))
        return 0;
    pthread_join(l->thread, NULL);
    l->running = 0;
    return 1;
}

void tui_loader_stop(tui_loader *l)
{
    if (l->running) {
        atomic_store(&l->cancel, 1);
        pthread_join(l->thread, NULL);
        l->running = 0;
        cs_dataset_free(l->ds);
        l->ds = NULL;
    }
    free(l->path);
    l->path = NULL;
}

int tui_loader_busy(const tui_loader *l)
{
    return l->running;
}

size_t tui_loader_records(const tui_loader *l)
{
    return atomic_load_explicit(&l->records, memory_order_relaxed);
}
