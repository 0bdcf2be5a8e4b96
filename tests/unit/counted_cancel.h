/* counted_cancel.h - a cancel callback for tests of cs_fit_opts.cancel and
 * the design's cancels: it counts its calls and says stop from call stop_at
 * on (stop_at 0: never), so a test can stop a computation at its first ask,
 * part-way or at its last, without threads. */
#ifndef CAPSCOPE_TEST_COUNTED_CANCEL_H
#define CAPSCOPE_TEST_COUNTED_CANCEL_H

typedef struct counted_cancel {
    unsigned calls, stop_at;
} counted_cancel;

static inline int count_and_stop(void *arg)
{
    counted_cancel *c = arg;
    c->calls++;
    return c->stop_at && c->calls >= c->stop_at;
}

#endif
