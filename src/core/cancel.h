/* cancel.h - a caller's cancel callback as the core asks it (cs_fit_opts.cancel,
 * cs_design_opts.cancel and the like); core-internal, not a public contract.
 *
 * Latched: asked until it first answers nonzero, then never again, and every
 * later check says stop. A long computation checks between its passes, and
 * once one pass was cut short no later pass may pass for a whole result.
 */
#ifndef CAPSCOPE_CANCEL_H
#define CAPSCOPE_CANCEL_H

typedef struct cs_cancel {
    int (*ask)(void *arg); /* NULL: never stop */
    void *arg;
    int stopped;
} cs_cancel;

/* Nonzero once the caller said stop; c may be NULL (never). */
static inline int cs_cancel_asked(cs_cancel *c)
{
    if (c && !c->stopped && c->ask && c->ask(c->arg))
        c->stopped = 1;
    return c && c->stopped;
}

#endif
