/* design_run.c - from a dataset and the user's options to a design problem.
 *
 * The pool decides what is already known: `all` ignores every score and
 * designs from scratch (the paper), `unscored` puts each task's scored rows
 * into that task's design and offers the rows missing a score. The prior
 * decides the features: the paper's fixed boundary, or each task's fitted
 * one (see design_incremental.c for how the fitted prior is used).
 */
#include "capscope/design.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h" /* cs_name_index */
#include "design_internal.h"

void cs_design_opts_init(cs_design_opts *o)
{
    memset(o, 0, sizeof *o);
    o->prior = CS_PRIOR_FIT;
    o->pool = CS_POOL_UNSCORED;
    o->balance_lambda = CS_DESIGN_LAMBDA_DEFAULT;
    o->grid_bins = CS_BINS_DEFAULT_DESIGN;
    o->target_z = CS_DESIGN_TARGET_Z;
    cs_fit_opts_init(&o->fit);
}

/* 1 when row i is scored for every one of the tasks. */
static int scored_for_all(const cs_dataset *ds, const size_t *tasks, size_t nt, size_t i)
{
    for (size_t k = 0; k < nt; k++)
        if (!ds->tasks[tasks[k]].has[i])
            return 0;
    return 1;
}

size_t cs_design_candidates(const cs_dataset *ds, const size_t *tasks, size_t nt, cs_pool_kind pool,
                            unsigned char *candidate)
{
    for (size_t i = 0; i < ds->n_rows; i++)
        candidate[i] = pool == CS_POOL_ALL || !scored_for_all(ds, tasks, nt, i);
    /* A loaded dataset knows its repeated names (none, mostly: then nothing
     * to look up, which matters to the TUI, asking on every redraw of an
     * empty sampler); one built by hand (a sweep's subsets) gets an index
     * of its own here, as a scan per row would be quadratic. */
    size_t known = cs_dataset_name_repeats(ds);
    if (known == 0)
        return 0;
    cs_name_repeats rep = { 0, 0, 0 };
    cs_name_index *ix = known == SIZE_MAX ? cs_name_index_build(ds->model, ds->n_rows, &rep) : NULL;
    size_t repeats = 0;
    if (known != SIZE_MAX || rep.n > 0 || !ix)
        for (size_t i = 0; i < ds->n_rows; i++)
            if (candidate[i]) {
                long first = ix ? cs_name_index_find(ix, ds->model, ds->model[i])
                                : cs_dataset_find_model(ds, ds->model[i]);
                candidate[i] = first == (long)i;
                repeats += !candidate[i];
            }
    cs_name_index_free(ix);
    return repeats;
}

double cs_design_pool_cost(const cs_dataset *ds, const unsigned char *candidate)
{
    cs_cost_sum total = { 0, 0 };
    for (size_t i = 0; i < ds->n_rows; i++)
        if ((!candidate || candidate[i]) && ds->has_cost[i] && isfinite(ds->cost[i]) &&
            ds->cost[i] > 0)
            cs_cost_sum_add(&total, ds->cost[i]);
    return cs_cost_sum_value(&total);
}

int cs_design_pool_cost_check(const cs_dataset *ds, double pool_cost, cs_error *err)
{
    if (isfinite(pool_cost))
        return 0;
    return cs_error_set(err, CS_ERR_INPUT, ds->source, 0,
                        "the costs add up past %.2g, the most a number can hold: give them "
                        "in a larger unit",
                        DBL_MAX);
}

size_t cs_design_costless(const cs_dataset *ds, const unsigned char *candidate)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n_rows; i++)
        if ((!candidate || candidate[i]) &&
            !(ds->has_cost[i] && isfinite(ds->cost[i]) && ds->cost[i] > 0))
            n++;
    return n;
}

static int design_run(const cs_dataset *ds, const cs_design_opts *o, cs_design_result *out,
                      cs_error *err);

/* Made in a result of its own, which a cancel drops (cs_design_hand_over). */
int cs_design_run(const cs_dataset *ds, const cs_design_opts *o, cs_design_result *out,
                  cs_error *err)
{
    cs_error e = { .kind = CS_ERR_NONE };
    cs_design_result r;
    int rc = design_run(ds, o, &r, &e);
    return cs_design_hand_over(rc, &r, &e, out, err);
}

static int design_run(const cs_dataset *ds, const cs_design_opts *o, cs_design_result *out,
                      cs_error *err)
{
    memset(out, 0, sizeof *out);
    cs_cancel stop = { o->cancel, o->cancel_arg, 0 };
    if (cs_cancel_asked(&stop))
        return cs_design_cancelled(err);
    size_t all_tasks[CS_DESIGN_MAX_CRITERIA];
    const size_t *tasks = o->tasks;
    size_t nt = o->n_tasks;
    if (nt == 0) {
        /* Every task: more than fit in one design is refused below, as a
         * list of them is, not cut to the first CS_DESIGN_MAX_CRITERIA. */
        if (ds->n_tasks > CS_DESIGN_MAX_CRITERIA)
            return cs_error_set(err, CS_ERR_INPUT, ds->source, 0,
                                "at most %d tasks at once (the data has %zu)",
                                CS_DESIGN_MAX_CRITERIA, ds->n_tasks);
        nt = ds->n_tasks;
        for (size_t k = 0; k < nt; k++)
            all_tasks[k] = k;
        tasks = all_tasks;
    }
    if (nt == 0)
        return cs_error_set(err, CS_ERR_INPUT, ds->source, 0, "no task to design for");
    if (nt > CS_DESIGN_MAX_CRITERIA)
        return cs_error_set(err, CS_ERR_INPUT, ds->source, 0, "at most %d tasks at once",
                            CS_DESIGN_MAX_CRITERIA);
    for (size_t k = 0; k < nt; k++)
        if (tasks[k] >= ds->n_tasks)
            return cs_error_set(err, CS_ERR_INPUT, ds->source, 0, "no such task (%zu)", tasks[k]);
    if (o->budget_fraction <= 0 && o->budget_abs <= 0 && o->count == 0)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0,
                            "a budget (fraction or absolute) or a count is needed");

    size_t n = ds->n_rows;
    unsigned char *cand = calloc(n ? n : 1, 1);
    if (!cand)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    cs_design_candidates(ds, tasks, nt, o->pool, cand);

    /* Past the largest double, a budget (a fraction of the total) and the
     * picks' spend turn infinite or NaN, and every comparison with them
     * fails: the picks would stop early, or the budget read as negative. */
    double pool_cost = cs_design_pool_cost(ds, cand);
    if (cs_design_pool_cost_check(ds, pool_cost, err) != 0) {
        free(cand);
        return -1;
    }
    double budget = INFINITY;
    if (o->budget_abs > 0)
        budget = o->budget_abs;
    else if (o->budget_fraction > 0)
        budget = o->budget_fraction * pool_cost;

    /* Costs as the engine sees them: a row without one is never picked. */
    double *cost = malloc((n ? n : 1) * sizeof *cost);
    if (!cost) {
        free(cand);
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        cost[i] = ds->has_cost[i] ? ds->cost[i] : NAN;

    int rc;
    if (o->prior == CS_PRIOR_FIT) {
        rc = cs_design_incremental(ds, tasks, nt, o, cand, cost, budget, out, err);
    } else {
        cs_design_criterion crit[CS_DESIGN_MAX_CRITERIA];
        unsigned char *scored_all = NULL;
        size_t nc = 1;
        crit[0] = (cs_design_criterion){ cs_design_prior_paper(), NULL };
        if (o->pool == CS_POOL_UNSCORED) {
            /* One boundary-agnostic criterion: rows scored for every task are in it.
             * Asked of the scores, not as "not a candidate": a later row of a
             * repeated name is no candidate (cs_design_candidates) but, unscored,
             * it tells the design nothing. */
            scored_all = malloc(n ? n : 1);
            if (!scored_all) {
                free(cand);
                free(cost);
                return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
            }
            for (size_t i = 0; i < n; i++)
                scored_all[i] = (unsigned char)scored_for_all(ds, tasks, nt, i);
            crit[0].in_design = scored_all;
        }
        cs_design_problem pb = {
            .n = n, .z = ds->z, .cost = cost, .candidate = cand, .grid_rows = NULL,
            .n_crit = nc, .crit = crit, .budget = budget, .count = o->count,
            .balance_lambda = o->balance_lambda,
            .grid_bins = o->grid_bins ? o->grid_bins : CS_BINS_DEFAULT_DESIGN, .seeds = 1,
            .progress = o->progress, .progress_ctx = o->progress_ctx,
            .cancel = o->cancel, .cancel_arg = o->cancel_arg,
        };
        rc = cs_design_greedy(&pb, out, err);
        free(scored_all);
    }
    out->budget = budget;
    /* A pick is taken when it fits within rounding (cs_design_affordable):
     * 0.1 + 0.2 of a budget of 0.3 sums to 0.30000000000000004. What was
     * spent is then the budget, not a hair above it, which a script's
     * used <= budget would read as overspending. */
    if (rc == 0 && out->used > budget)
        out->used = budget;
    out->pool_cost = pool_cost;
    free(cand);
    free(cost);
    return rc;
}
