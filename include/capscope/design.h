/* design.h - budgeted design: which models to evaluate next.
 *
 * Evaluating row i costs cost[i] (params_b). Two designs:
 *
 * CS_PRIOR_PAPER, the paper's (method.md, section 6): greedily pick the row
 * maximising (decrease of the boundary's average prediction variance
 * tr(A M^-1) + balance bonus) / cost, with rank-one (Sherman-Morrison)
 * updates of M^-1, from the fixed prior, until nothing fits the budget or
 * `count` picks are made. `--pool all` reproduces the paper exactly.
 *
 * CS_PRIOR_FIT, the incremental sampler users get: each selected task's
 * current fitted boundary is the prior, its scored rows are in the design,
 * and the picks lower the variance of q at a target compute (default 1e24)
 * when the scored rows are refitted with the design weights
 * (cs_design_weights): every group (one base model's fine-tunes at one
 * compute level) gets a first row (one worth far less than the best further
 * row waits its turn), then rows go where the scores straddle
 * the boundary, per unit of cost, drawn within their group in a seeded
 * order spread along the release date (design_quantile.c and
 * design_spread.c explain it). One design serves all the selected
 * tasks: their variances are summed. Its picks are out of proportion with
 * the pool on purpose, so a plain refit of them is biased: refit them with
 * the design weights.
 *
 * Scores of candidate rows are never read.
 *
 * GSL's error handler must be off (gsl_set_error_handler_off(), once, as
 * capscope's main does): a singular information matrix is an expected
 * case here, reported by GSL's return code, which the default handler
 * would turn into an abort. Swapping the handler around each call would
 * race between threads.
 */
#ifndef CAPSCOPE_DESIGN_H
#define CAPSCOPE_DESIGN_H

#include <stddef.h>

#include "capscope/dataset.h"
#include "capscope/error.h"
#include "capscope/fit.h"

/* The strata and groups of a dataset's rows (design_strata.c: one base
 * model's fine-tunes at one compute level), which the design weights and
 * the sampler are built on. They depend on the rows' compute and base
 * models alone, never on a score, so one layout serves every task, and
 * every dataset with the same rows, compute and base models (a copy with
 * other scores, as the replays make). Building one sorts the compute
 * (0.2 s at 1,000,000 rows); the weights of a task given one take a pass
 * over the rows (5 ms). Read-only once built: threads may share it. */
typedef struct cs_design_layout cs_design_layout;

/* NULL with err set on no memory. cancel(cancel_arg) (cancel may be NULL:
 * never) is asked at the start and between the passes over the rows, as
 * cs_fit_opts.cancel is: the first nonzero answer gives NULL with err->kind
 * CS_ERR_CANCELLED. */
cs_design_layout *cs_design_layout_new(const cs_dataset *ds, int (*cancel)(void *cancel_arg),
                                       void *cancel_arg, cs_error *err);
void cs_design_layout_free(cs_design_layout *lay);

typedef enum cs_prior_kind { CS_PRIOR_PAPER, CS_PRIOR_FIT } cs_prior_kind;
typedef enum cs_pool_kind { CS_POOL_UNSCORED, CS_POOL_ALL } cs_pool_kind;

typedef struct cs_design_opts {
    cs_prior_kind prior;
    cs_pool_kind pool;
    const size_t *tasks;     /* tasks whose boundaries the design serves */
    size_t n_tasks;
    double budget_fraction;  /* of the pool's total cost; <= 0: unused */
    double budget_abs;       /* absolute cost; <= 0: unused */
    size_t count;            /* 0: no limit (budget only) */
    double balance_lambda;   /* 1e-3 */
    size_t grid_bins;        /* 10 */
    const cs_fit *fits;      /* CS_PRIOR_FIT: one fit per task (n_tasks), may be NULL to fit
                                here (with the design weights and the options below) */
    cs_fit_opts fit;         /* those fits' options (defaults; weights ignored) */
    const cs_design_layout *layout; /* CS_PRIOR_FIT: the data's, if the caller has it
                                       (it built the fits' weights on it); NULL: built here */
    double target_z;         /* CS_PRIOR_FIT: log10 FLOPs whose q the picks pin down
                                (CS_DESIGN_TARGET_Z, clamped to the pool's range);
                                NaN: the average over the range */
    /* Called now and then by either design (every 256 picks: 100,000
     * distinct compute levels take seconds); NULL: none. */
    void (*progress)(void *ctx, size_t picks, double used);
    void *progress_ctx;
    /* Optional (NULL: never), as cs_fit_opts.cancel: asked at the start,
     * at least once a pass over the rows and once a pick (and by the fits
     * made here, unless fit.cancel is set); the first nonzero answer stops
     * the design, which returns -1 with err->kind CS_ERR_CANCELLED and
     * leaves *out untouched. */
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
} cs_design_opts;

typedef struct cs_pick {
    size_t rank;             /* 1-based */
    size_t row;              /* index into the dataset */
    double cost;
    double z;
    double gain;             /* paper: decrease of tr(A M^-1) this pick brought;
                                fit: decrease of the variance of the weighted
                                refit's q at target_z, summed over the tasks (a
                                group's first row: the variance its group then
                                holds, cs_design_group_gain) */
    const char *why;         /* static text: which part of the range it pins down */
} cs_pick;

typedef struct cs_design_result {
    double budget;           /* absolute budget (INFINITY when only count limits) */
    double used;             /* the picks' cost; never above budget (a pick that fits
                                only within rounding spends exactly the budget) */
    double pool_cost;        /* total cost of the candidate pool */
    size_t n_picks;
    cs_pick *picks;          /* owned; free with cs_design_result_free */
} cs_design_result;

void cs_design_opts_init(cs_design_opts *o);

/* The rows a design may pick, candidate[i] = 1: the one rule of both faces
 * (suggest, the TUI's sampler). With CS_POOL_ALL every row, with
 * CS_POOL_UNSCORED the rows lacking a score for at least one of the tasks;
 * either way only the first row of a model name. A pick is named by its
 * model, and :score and the journal take a name for its first row, so a
 * later row of a repeated name, once picked, could never be scored.
 * Returns how many rows of the pool were left out as such later rows, so
 * that a face can tell "every row is scored" from "the unscored rows all
 * repeat a name whose first row is scored" when there is no candidate. */
size_t cs_design_candidates(const cs_dataset *ds, const size_t *tasks, size_t nt, cs_pool_kind pool,
                            unsigned char *candidate);

/* Total cost of the rows in `candidate` (NULL: all) that have a positive
 * cost; INFINITY when it passes the largest double. */
double cs_design_pool_cost(const cs_dataset *ds, const unsigned char *candidate);

/* 0 when a pool's total cost (cs_design_pool_cost) is finite, else -1
 * with err set (CS_ERR_INPUT): no budget or spend can be compared against
 * costs that add up past the largest double. */
int cs_design_pool_cost_check(const cs_dataset *ds, double pool_cost, cs_error *err);

/* Rows in `candidate` (NULL: all) without a usable cost: they cannot be picked. */
size_t cs_design_costless(const cs_dataset *ds, const unsigned char *candidate);

/* ---- The array-level engine that cs_design_run drives. ---- */

/* z is centred here, as in the reference: s(z) = sigmoid(a + b (z - 21)). */
#define CS_DESIGN_Z_REF 21.0
#define CS_DESIGN_EPS 1e-9          /* M starts at eps * I */
#define CS_DESIGN_SEED_C 1.543      /* seeds at z0 +/- c / b */
#define CS_DESIGN_LAMBDA_DEFAULT 1e-3
#define CS_DESIGN_MAX_CRITERIA 64
#define CS_BINS_DEFAULT_DESIGN 10   /* equal-mass bins of the grid (min size 1) */
#define CS_DESIGN_TARGET_Z 24.0     /* the sampler's default target: q at 1e24 FLOPs */

/* A boundary in the design's parametrisation: q(z) = y0 + L s(z). */
typedef struct cs_design_prior {
    double y0, L, a, b;
} cs_design_prior;

/* Inverse of a symmetric positive definite 4x4 matrix (an information
 * matrix of the four parameters) by Cholesky; -1 if it is not SPD. */
int cs_design_inverse(const double m[16], double minv[16]);

/* The variance of a linearised estimate in a sandwich, v(g) = g' X^-1 M X^-1 g,
 * for a symmetric positive definite 4x4 X (an information matrix, row-major)
 * and a symmetric M: the sampler's g' H^-1 A H^-1 g (design_quantile.c) and
 * the band's g' A^-1 B A^-1 g (band.h) are this form. It is computed as u' M u
 * with u = X^-1 g solved by X's Cholesky factor, never with X^-1 formed:
 * one backward-stable solve instead of an inverse and two products, and
 * exactly symmetric, as M's upper triangle alone is read. The init
 * factors X once for any number of g; it returns -1 (and the form NaN)
 * when X is not positive definite. */
typedef struct cs_design_sandwich {
    double chol[16];         /* X's Cholesky factor (gsl_linalg_cholesky_decomp1) */
    double m[16];
    int ok;
} cs_design_sandwich;

int cs_design_sandwich_init(cs_design_sandwich *s, const double x[16], const double m[16]);
double cs_design_sandwich_form(const cs_design_sandwich *s, const double g[4]);

/* The paper's fixed prior: y0 0.2, L 0.75, a -9, b 1 (midpoint at z = 30). */
cs_design_prior cs_design_prior_paper(void);

/* The same boundary as a fit's parameters: a = b (21 - z_star). */
cs_design_prior cs_design_prior_from_params(const cs_params *p);

/* Gradient of q with respect to (y0, L, a, b) at z:
 * g = (1, s, L s (1 - s), L s (1 - s) (z - 21)). */
void cs_design_features(const cs_design_prior *p, double z, double g[4]);

/* Sherman-Morrison on a symmetric 4x4 inverse, in place:
 * minv <- (M + g g^T)^-1 given minv = M^-1 (row-major 16 values).
 * Returns 1 + g^T M^-1 g, or 0 (and leaves minv alone) when that is <= 1e-15. */
double cs_design_rank_one(double minv[16], const double g[4]);

/* Decrease of tr(A M^-1) when g is added: (v^T A v) / (1 + g^T v), v = M^-1 g.
 * *denom (may be NULL) receives 1 + g^T v; returns 0 when that is <= 1e-15. */
double cs_design_trace_gain(const double minv[16], const double a[16], const double g[4],
                            double *denom);

/* One criterion of the design: a boundary to pin down (one task). */
typedef struct cs_design_criterion {
    cs_design_prior prior;
    /* Rows already in this criterion's design (scored for this task), or NULL.
     * Picking such a row adds nothing to this criterion. */
    const unsigned char *in_design;
} cs_design_criterion;

typedef struct cs_design_problem {
    size_t n;                       /* rows */
    const double *z;                /* n */
    const double *cost;             /* n; a row without a positive finite cost is never picked */
    const unsigned char *candidate; /* n, 1 = may be picked; NULL = every row */
    /* The rows the grid and the balance bins are built on (the pool), NULL = every row. */
    const unsigned char *grid_rows;
    size_t n_crit;                  /* 1 .. CS_DESIGN_MAX_CRITERIA */
    const cs_design_criterion *crit;
    double budget;                  /* absolute; INFINITY for none */
    size_t count;                   /* 0 = no limit */
    double balance_lambda;
    size_t grid_bins;               /* equal-mass bins of the grid (min size 1) */
    int seeds;                      /* start from the four seeds when the design is empty */
    void (*progress)(void *ctx, size_t picks, double used); /* every 256 picks; may be NULL */
    void *progress_ctx;
    int (*cancel)(void *cancel_arg); /* as cs_design_opts.cancel; may be NULL */
    void *cancel_arg;
} cs_design_problem;

/* Greedy balanced I-optimal design. Fills out->picks in order (out->budget,
 * used, n_picks; pool_cost is left to the caller). Deterministic: ties go to
 * the cheaper row, then to the lower row index (the reference breaks them at
 * random). Identical candidates (same z and same criteria served) form one
 * group whose cheapest member stands for it: leaderboards, whose fine-tunes
 * share their base's compute, have few groups. Many groups (distinct
 * compute levels) are scored in blocks with an upper bound on their gain,
 * which skips most of them with the same picks: 100,000 distinct levels at
 * a 20% budget (57,000 picks) take seconds, not the two minutes of scoring
 * every group at every step. */
int cs_design_greedy(const cs_design_problem *pb, cs_design_result *out, cs_error *err);

int cs_design_run(const cs_dataset *ds, const cs_design_opts *o, cs_design_result *out,
                  cs_error *err);

void cs_design_result_free(cs_design_result *r);

/* ---- The fitted-prior sampler on explicit masks (what --prior fit runs). ---- */

typedef struct cs_design_fitted_problem {
    const size_t *tasks;                  /* n_tasks task indices */
    size_t n_tasks;
    const unsigned char *const *scored;   /* per task: rows already in its design (NULL: none) */
    const cs_fit *fits;                   /* per task: its current boundary */
    const int *fitted;                    /* per task: 0 = no fit yet, use the paper's prior */
    const unsigned char *candidate;       /* rows that may be picked */
    const double *cost;                   /* per row, NaN where unknown */
    double budget;                        /* absolute, INFINITY for none */
    size_t count;
    double balance_lambda;
    size_t grid_bins;
    unsigned long seed;                   /* the draw within a group (design_spread.c) */
    double target_z;                      /* as in cs_design_opts */
    void (*progress)(void *ctx, size_t picks, double used); /* every 256 picks; may be NULL */
    void *progress_ctx;
    const cs_design_layout *layout;       /* the dataset's, or NULL: built here */
    int (*cancel)(void *cancel_arg);      /* as cs_design_opts.cancel; may be NULL */
    void *cancel_arg;
} cs_design_fitted_problem;

int cs_design_fitted(const cs_dataset *ds, const cs_design_fitted_problem *fp,
                     cs_design_result *out, cs_error *err);

/* The design weights' options; cs_design_weights_opts_init (or a NULL
 * options pointer) gives every one NULL. */
typedef struct cs_design_weights_opts {
    /* The dataset's; NULL: built and dropped. To weight several tasks,
     * build one (cs_design_layout_new) and pass it here. */
    const cs_design_layout *layout;
    const unsigned char *pool;       /* NULL: every row */
    const unsigned char *mask;       /* NULL: every scored row */
    /* Optional (NULL: never), as cs_fit_opts.cancel: asked at the start and
     * at least once a pass over the rows; the first nonzero answer gives
     * -1 (or (size_t)-1) with err->kind CS_ERR_CANCELLED, the outputs
     * untouched. */
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
} cs_design_weights_opts;

void cs_design_weights_opts_init(cs_design_weights_opts *o);

/* Design weights for refitting `task` on its scored rows (has[i], and
 * mask[i] when o->mask is not NULL) so that the fit estimates the whole
 * pool's (the rows with pool[i], or every row when o->pool is NULL) even
 * when the design chose them out of proportion: design_strata.c explains
 * them. w[i] is set for every row, 0 where not scored or not in the pool.
 * o may be NULL for the defaults. Returns 0, or -1 with err set. */
int cs_design_weights(const cs_dataset *ds, size_t task, const cs_design_weights_opts *o,
                      double *w, cs_error *err);

/* The scored rows of `task` in the pool (and in the mask), in row order,
 * into z, y and their design weights into w (each n_rows long); o as for
 * cs_design_weights. Returns the count, or (size_t)-1 with err set. */
size_t cs_design_weighted_xy(const cs_dataset *ds, size_t task, const cs_design_weights_opts *o,
                             double *z, double *y, double *w, cs_error *err);

/* ---- Replays for `capscope sweep` and the benchmarks. ---- */

/* A random subset of equal cost: rows with a usable cost in a seeded random
 * order, each taken when it still fits the budget. Sets take[i]; returns the
 * cost used, or NaN when out of memory (then take holds no row). */
double cs_sim_random(const double *cost, size_t n, double budget, unsigned long seed,
                     unsigned char *take);

typedef struct cs_sim_opts {
    size_t start;          /* rows scored at the outset, drawn at random (12) */
    size_t batch;          /* picks asked for per round (20) */
    unsigned long seed;    /* of the starting rows */
    double budget;         /* absolute, including the starting rows */
    double target_z;       /* the sampler's target (CS_DESIGN_TARGET_Z) */
    cs_fit_opts fit;
    double balance_lambda;
    /* Called after each round (may be NULL): rows scored so far. */
    void (*progress)(void *ctx, size_t scored, double used);
    void *progress_ctx;
    /* Called before each round's design (may be NULL) with the dataset the
     * sampler and the refits are given: a copy in which only the rows scored
     * so far hold scores (has[i] == 0 elsewhere, for every task). Valid only
     * during the call. Tests use it to check the replay's honesty. */
    void (*observe)(void *ctx, const cs_dataset *seen, const unsigned char *scored);
    void *observe_ctx;
    /* ds's (cs_design_layout_new), or NULL: built here. It holds no score,
     * so the caller of many replays on one dataset builds it once. */
    const cs_design_layout *layout;
} cs_sim_opts;

void cs_sim_opts_init(cs_sim_opts *o);

/* The incremental sampler used as a person would: score `start` random rows,
 * ask for the next `batch`, score them (revealing their true scores for all
 * the tasks), refit with the design weights, repeat until nothing fits the
 * budget. Judge the result by a weighted refit too. The sampler and
 * the refits only ever see a copy of ds in which rows not yet "scored" have
 * no scores (has[i] == 0). Sets scored[i] (n_rows); returns 0 or -1. */
int cs_sim_incremental(const cs_dataset *ds, const size_t *tasks, size_t n_tasks,
                       const cs_sim_opts *o, unsigned char *scored, double *used,
                       size_t *rounds, cs_error *err);

#endif
