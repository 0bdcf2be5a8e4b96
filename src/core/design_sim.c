/* design_sim.c - replays of the design: random subsets of equal cost, and
 * the incremental sampler as a person would use it, round after round.
 *
 * The replay is honest by construction: the sampler and the refits work on
 * a copy of the dataset in which only the rows "scored" so far hold scores
 * (has[i] == 0 and y[i] == 0 everywhere else, for every task), exactly what
 * a user's data would hold at that point. Every other column (names, base
 * models, sizes, dates, compute) is shared with the full dataset: a user has
 * those for unscored models too.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "capscope/design.h"
#include "design_internal.h"

static int usable(double c)
{
    return isfinite(c) && c > 0;
}

/* Row indices 0..n-1 in a random order. */
static size_t *shuffled(size_t n, unsigned long seed)
{
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!idx || !r) {
        free(idx);
        if (r)
            gsl_rng_free(r);
        return NULL;
    }
    gsl_rng_set(r, seed);
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    if (n > 1)
        gsl_ran_shuffle(r, idx, n, sizeof *idx);
    gsl_rng_free(r);
    return idx;
}

double cs_sim_random(const double *cost, size_t n, double budget, unsigned long seed,
                     unsigned char *take)
{
    memset(take, 0, n);
    size_t *idx = shuffled(n, seed);
    if (!idx)
        return NAN;
    double used = 0;
    for (size_t k = 0; k < n; k++) {
        size_t i = idx[k];
        if (usable(cost[i]) && cs_design_affordable(used, cost[i], budget)) {
            take[i] = 1;
            used += cost[i];
        }
    }
    free(idx);
    return used;
}

void cs_sim_opts_init(cs_sim_opts *o)
{
    memset(o, 0, sizeof *o);
    o->start = 12;
    o->batch = 20;
    o->seed = 1;
    o->budget = INFINITY;
    o->target_z = CS_DESIGN_TARGET_Z;
    cs_fit_opts_init(&o->fit);
    o->balance_lambda = CS_DESIGN_LAMBDA_DEFAULT;
}

/* The dataset as the user would hold it: the full one's columns, with scores
 * only where `scored` says. Owns its task arrays only; never pass it to
 * cs_dataset_free. */
typedef struct seen_data {
    cs_dataset ds;
    cs_task *tasks;
} seen_data;

static void seen_free(seen_data *v)
{
    if (v->tasks)
        for (size_t t = 0; t < v->ds.n_tasks; t++) {
            free(v->tasks[t].y);
            free(v->tasks[t].has);
        }
    free(v->tasks);
    v->tasks = NULL;
}

static int seen_init(seen_data *v, const cs_dataset *full)
{
    size_t n = full->n_rows;
    v->ds = *full;
    v->tasks = calloc(full->n_tasks ? full->n_tasks : 1, sizeof *v->tasks);
    v->ds.tasks = v->tasks;
    if (!v->tasks)
        return -1;
    for (size_t t = 0; t < full->n_tasks; t++) {
        v->tasks[t].name = full->tasks[t].name;
        v->tasks[t].y = calloc(n ? n : 1, sizeof *v->tasks[t].y);
        v->tasks[t].has = calloc(n ? n : 1, 1);
        if (!v->tasks[t].y || !v->tasks[t].has) {
            seen_free(v);
            return -1;
        }
    }
    return 0;
}

/* Reveal row i's scores (all tasks), as scoring the model would. */
static void seen_reveal(seen_data *v, const cs_dataset *full, size_t i)
{
    for (size_t t = 0; t < full->n_tasks; t++) {
        cs_task *dst = &v->tasks[t];
        const cs_task *src = &full->tasks[t];
        if (dst->has[i] || !src->has[i])
            continue;
        dst->has[i] = 1;
        dst->y[i] = src->y[i];
        dst->n_scored++;
    }
}

int cs_sim_incremental(const cs_dataset *ds, const size_t *tasks, size_t nt,
                       const cs_sim_opts *o, unsigned char *scored, double *used_out,
                       size_t *rounds_out, cs_error *err)
{
    size_t n = ds->n_rows;
    if (nt == 0 || nt > CS_DESIGN_MAX_CRITERIA)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "the replay needs 1 to %d tasks",
                            CS_DESIGN_MAX_CRITERIA);
    double *cost = malloc((n ? n : 1) * sizeof *cost);
    double *z = malloc((n ? n : 1) * sizeof *z), *y = malloc((n ? n : 1) * sizeof *y);
    double *w = malloc((n ? n : 1) * sizeof *w);
    unsigned char *cand = malloc(n ? n : 1);
    size_t *order = shuffled(n, o->seed);
    seen_data seen = { 0 };
    /* The strata and groups hold no score: one layout serves every round
     * (and every replay, when the caller gives it). */
    const cs_design_layout *lay;
    cs_design_layout *own = NULL;
    cs_fit fits[CS_DESIGN_MAX_CRITERIA];
    int fitted[CS_DESIGN_MAX_CRITERIA];
    const unsigned char *scored_per_task[CS_DESIGN_MAX_CRITERIA];
    int rc = -1;
    if (!(lay = cs_design_layout_use(o->layout, ds, NULL, &own, err)))
        goto done;
    if (!cost || !z || !y || !w || !cand || !order || seen_init(&seen, ds) != 0) {
        cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        cost[i] = ds->has_cost[i] ? ds->cost[i] : NAN;
    memset(scored, 0, n);
    double used = 0;
    size_t n_scored = 0, rounds = 0;
    for (size_t k = 0; k < n && n_scored < o->start; k++) {
        size_t i = order[k];
        if (usable(cost[i]) && cs_design_affordable(used, cost[i], o->budget)) {
            scored[i] = 1;
            seen_reveal(&seen, ds, i);
            used += cost[i];
            n_scored++;
        }
    }
    for (size_t k = 0; k < nt; k++) {
        scored_per_task[k] = scored;
        fitted[k] = 0;
    }

    for (;;) {
        for (size_t k = 0; k < nt; k++) {
            cs_fit_opts fo = o->fit;
            cs_params warm; /* a copy: the fit writes into fits[k] */
            if (fitted[k]) {
                warm = fits[k].p;
                fo.warm = &warm;
            }
            if (cs_design_refit(lay, &seen.ds, tasks[k], scored, &fo, z, y, w, &fits[k],
                                &fitted[k], err) != 0)
                goto done;
        }
        if (o->observe)
            o->observe(o->observe_ctx, &seen.ds, scored);
        for (size_t i = 0; i < n; i++)
            cand[i] = !scored[i];
        cs_design_fitted_problem fp = {
            .tasks = tasks, .n_tasks = nt, .scored = scored_per_task, .fits = fits,
            .fitted = fitted, .candidate = cand, .cost = cost, .budget = o->budget - used,
            .count = o->batch ? o->batch : 20, .balance_lambda = o->balance_lambda,
            .seed = o->seed, .target_z = o->target_z, .layout = lay,
        };
        cs_design_result r;
        if (cs_design_fitted(&seen.ds, &fp, &r, err) != 0)
            goto done;
        size_t got = r.n_picks;
        for (size_t p = 0; p < r.n_picks; p++) {
            scored[r.picks[p].row] = 1;
            seen_reveal(&seen, ds, r.picks[p].row);
            used += r.picks[p].cost;
            n_scored++;
        }
        cs_design_result_free(&r);
        rounds++;
        if (o->progress)
            o->progress(o->progress_ctx, n_scored, used);
        if (got == 0)
            break;
    }
    *used_out = used;
    if (rounds_out)
        *rounds_out = rounds;
    rc = 0;
done:
    free(cost);
    free(z);
    free(y);
    free(w);
    free(cand);
    free(order);
    seen_free(&seen);
    cs_design_layout_free(own);
    return rc;
}
