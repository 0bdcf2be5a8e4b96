/* design_internal.h - pieces the design's files share; not a public contract. */
#ifndef CAPSCOPE_DESIGN_INTERNAL_H
#define CAPSCOPE_DESIGN_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "capscope/design.h"
#include "capscope/error.h"
#include "cancel.h"
#include "data_internal.h" /* cs_ascii_lower */

/* Whether a row of cost `cost` still fits when `used` of `budget` is spent.
 * The budget is a fraction of a sum taken in another order than `used`, so
 * "exactly the rest" can miss by an ulp; a relative 1e-9 keeps such a row.
 * INFINITY (no budget) fits everything. */
static inline int cs_design_affordable(double used, double cost, double budget)
{
    return cost <= budget - used + 1e-9 * budget;
}

/* A sum of costs kept to the last bit (Neumaier's compensated summation):
 * the budget is a fraction of the pool's cost summed in row order and
 * `used` the picks' costs in pick order, so with plain sums --budget 1
 * could report more used than the budget. Kept so, the two are the sum of
 * the same numbers rounded once, and agree. */
typedef struct cs_cost_sum {
    double sum, carry;
} cs_cost_sum;

static inline void cs_cost_sum_add(cs_cost_sum *a, double x)
{
    double t = a->sum + x;
    if (fabs(a->sum) >= fabs(x))
        a->carry += (a->sum - t) + x;
    else
        a->carry += (x - t) + a->sum;
    a->sum = t;
}

/* Past the largest double the sum is infinite and the carry, an infinity
 * less another, NaN: the total is then the infinity, not NaN. */
static inline double cs_cost_sum_value(const cs_cost_sum *a)
{
    return isfinite(a->sum) ? a->sum + a->carry : a->sum;
}

/* MurmurHash3's 64-bit finalizer: every input bit moves every output bit,
 * so nearby keys (group numbers, a seed plus a group) give unrelated values. */
static inline uint64_t cs_design_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Sets err to CS_ERR_CANCELLED; returns -1. */
int cs_design_cancelled(cs_error *err);

/* How the design's entry points keep their promise that a cancel leaves the
 * caller's *out as it was (design.h): the work fills a result r of its own
 * and an error e of its own (the caller's err may be NULL), and this hands
 * them over. Failed (rc != 0), e goes to err; cancelled too, r is freed and
 * *out untouched; otherwise *out = *r (empty after a failure). A cancel is
 * told by e's kind, not by a latch: it may have been asked in a nested call
 * with a latch of its own (the layout's, the sampler's). Returns rc. */
static inline int cs_design_hand_over(int rc, cs_design_result *r, const cs_error *e,
                                      cs_design_result *out, cs_error *err)
{
    if (rc != 0 && err)
        *err = *e;
    if (rc != 0 && e->kind == CS_ERR_CANCELLED) {
        cs_design_result_free(r);
        return rc;
    }
    *out = *r;
    return rc;
}

/* Equal-mass edges (min size 1) over the problem's grid rows; edges holds
 * CS_MAX_BINS + 1 values. */
int cs_design_grid(const cs_design_problem *pb, double *edges, size_t *n_bins, cs_error *err);

/* Bin of z: [e_j, e_j+1), clamped to the first and last bin; -1 when no bins. */
int cs_design_bin_of(const double *edges, size_t n_bins, double z);

/* Static "why" text: the third of [z_lo, z_hi] z falls in, and the part of the
 * boundary (0 floor, 1 ceiling, 2 midpoint, 3 slope, 4 a thin bin). */
const char *cs_design_why_range(double z, double z_lo, double z_hi, int part);


/* Blocks of groups next to each other in z, with an upper bound on their
 * members' gain + bonus that lets the paper's greedy skip most of them
 * exactly (design_blocks.c). The greedy owns head; members [first, end)
 * are in order of key, the group's least cost, which a group's current
 * cost never falls below. */
typedef struct cs_design_block {
    size_t first, end, head;
    uint64_t mask;       /* criteria some member serves */
    int bin_lo, bin_hi;  /* bins of the members, -1 when none */
    double d_lo, d_hi;   /* the members' z less the block's centre */
    double bound;        /* this step's bound on a member's gain + bonus */
} cs_design_block;
typedef struct cs_design_blocks cs_design_blocks;

/* Blocks of `size` consecutive groups. The ng groups are sorted by z (gz);
 * gfeat holds each group's features for each criterion (4 per pair),
 * gkey its least cost, gmask its criteria, gbin its bin (-1: none); amat
 * the criteria's targets A. NULL on no memory. */
cs_design_blocks *cs_design_blocks_new(const cs_design_problem *pb, const double (*amat)[16],
                                       size_t ng, const double *gz, const double *gfeat,
                                       const double *gkey, const uint64_t *gmask,
                                       const int *gbin, size_t size);
void cs_design_blocks_free(cs_design_blocks *bl);
size_t cs_design_blocks_count(const cs_design_blocks *bl);
cs_design_block *cs_design_blocks_at(cs_design_blocks *bl, size_t b);
size_t cs_design_blocks_member(const cs_design_blocks *bl, size_t m); /* its group */
double cs_design_blocks_key(const cs_design_blocks *bl, size_t m);

/* cs_design_greedy with blocks of block_size groups (0: score every group
 * at every step; -1: chosen by the number of groups). The picks are the
 * same whatever the size. */
int cs_design_greedy_blocked(const cs_design_problem *pb, cs_design_result *out, cs_error *err,
                             long block_size);

/* Sets every live block's bound for the inverses minv (per criterion) and
 * the bonus of each of the n_bins bins; INFINITY where it cannot bound. */
void cs_design_blocks_bound(cs_design_blocks *bl, const double (*minv)[16], const double *bonus,
                            size_t n_bins);

/* The incremental sampler (design_quantile.c). */
int cs_design_quantile(const cs_dataset *ds, const cs_design_fitted_problem *fp,
                       cs_design_result *out, cs_error *err);

/* What the incremental sampler steers by for task t of fp, per group g of
 * the layout (fp->layout's, or cs_design_layout_new's: the callers' arrays
 * hold its ng entries): spread[g] its S_g^2 (measured with the soft psi,
 * scaled to the hard psi's total), curv[g] its f_g, v[g] its variance term
 * v_g (design_quantile.c's top comment). Any of them may be NULL. Returns
 * 0, or -1 with err set. For the tests: the sampler computes them itself. */
int cs_design_quantile_terms(const cs_dataset *ds, const cs_design_fitted_problem *fp, size_t t,
                             double *spread, double *curv, double *v, cs_error *err);

/* The fitted-prior sampler (design_incremental.c). cand: candidate rows;
 * cost: per row, NaN where unknown; budget absolute (INFINITY: none). */
int cs_design_incremental(const cs_dataset *ds, const size_t *tasks, size_t n_tasks,
                          const cs_design_opts *o, const unsigned char *cand, const double *cost,
                          double budget, cs_design_result *out, cs_error *err);

/* Strata of compute: up to CS_MAX_BINS equal-mass bins of z that never
 * split a level. Sets stratum[i]; returns their number (0 when n == 0). */
size_t cs_design_strata(const double *z, size_t n, int *stratum);

/* What cs_design_layout_new builds: cs_design_strata and cs_design_groups
 * of every row. */
struct cs_design_layout {
    size_t n;        /* rows */
    size_t ns, ng;   /* strata, groups (0 only when n is) */
    int *stratum;    /* n */
    size_t *group;   /* n */
};

/* cs_design_layout_new with the caller's stop (may be NULL), which the
 * caller goes on asking. */
cs_design_layout *cs_design_layout_make(const cs_dataset *ds, cs_cancel *stop, cs_error *err);

/* 0 when lay is of ds's rows (as many), else -1 with err set. */
int cs_design_layout_check(const cs_design_layout *lay, const cs_dataset *ds, cs_error *err);

/* The layout a computation on ds works on: the caller's `given` once
 * cs_design_layout_check passes, or, when given is NULL, one built here
 * (cs_design_layout_make, asking stop), which *own holds too. *own is NULL
 * otherwise, so cs_design_layout_free(*own) is always right and the only
 * free the caller owes. NULL with err set. */
const cs_design_layout *cs_design_layout_use(const cs_design_layout *given,
                                             const cs_dataset *ds, cs_cancel *stop,
                                             cs_design_layout **own, cs_error *err);

/* Groups: one base model's rows at one compute level; those of fewer than
 * CS_DESIGN_MIN_GROUP rows form one group per stratum instead (stratum:
 * the ns strata of cs_design_strata), so a group lies in one stratum. Sets
 * group[i]; returns their number, 0 on no memory or when n or ns is 0. */
#define CS_DESIGN_MIN_GROUP 3
size_t cs_design_groups(const cs_dataset *ds, const int *stratum, size_t ns, size_t *group);

/* A base model's family: its name in lower case without the size labels
 * ("Qwen/Qwen2.5-14B" and "Qwen/Qwen2.5-32B" are "qwen/qwen2.5";
 * "Qwen/Qwen3-30B-A3B-Base" is "qwen/qwen3-base"). Writes at most cap bytes
 * with the NUL; returns the key's length. */
#define CS_DESIGN_FAMILY_KEY 128
size_t cs_design_family_key(const char *base, char *out, size_t cap);

/* For each of the ng groups of cs_design_groups: its first row (first[g])
 * and whether its rows differ in compute or base (mixed[g]: a stratum's
 * remainder). */
void cs_design_group_heads(const cs_dataset *ds, const size_t *group, size_t ng, size_t *first,
                           unsigned char *mixed);

/* Families of the groups (first, mixed: cs_design_group_heads): groups
 * whose bases share a family key. A group without a base, or a mixed one,
 * is a family of its own. Sets family[g] for the ng groups; returns the
 * number of families, 0 on no memory. */
size_t cs_design_families(const cs_dataset *ds, const size_t *first, const unsigned char *mixed,
                          size_t ng, size_t *family);

/* The slots 0..m-1 in the order the sequence u + k phi (mod 1), phi the
 * golden fraction, first lands in each slot's share of [0, 1): slot_at[k],
 * k < m. claimed: m bytes of scratch. */
void cs_design_kronecker_order(size_t m, double u, unsigned char *claimed, size_t *slot_at);

/* The order in which each group of cs_design_groups offers its rows to the
 * sampler: a randomized systematic draw along the release date
 * (design_spread.c). Sets rank[i], row i's place in its group's order,
 * for every row. The same seed and groups give the same order. Returns 0,
 * or -1 on no memory. */
int cs_design_spread_order(const cs_dataset *ds, const size_t *group, uint64_t seed, size_t *rank);

/* The directions of (y0, L, z_star, b) that the constraints of cs_fit_run
 * leave free at f's parameters: an orthonormal basis in basis[0..k) (the
 * rest zero). y0 = 0 and y0 + L = 1 together fix both; y0 + L = 1 alone
 * leaves (1, -1) / sqrt 2; z_star at an end of its range or b at a bound
 * fixes that coordinate. Returns k (0 to 4). */
size_t cs_design_free_directions(const cs_fit *f, double basis[4][4]);

/* The gradient of q(z) with respect to (y0, L, z_star, b) at p, in the
 * coordinates of basis[0..k): g[r] = basis[r] . grad q, 0 for r >= k. */
void cs_design_fit_features(const cs_params *p, const double basis[4][4], size_t k, double z,
                            double g[4]);

/* Fit `task` on its scored rows (within mask when not NULL) with the design
 * weights (on lay, the dataset's layout; NULL: built here) and the options
 * fo (their weights are replaced; their cancel is asked by the weights too). z, y, w: scratch of n_rows each.
 * *fitted is 0 when fewer than CS_MIN_TASK_ROWS rows are scored (f
 * untouched). Returns 0, or -1 with err set. */
int cs_design_refit(const cs_design_layout *lay, const cs_dataset *ds, size_t task,
                    const unsigned char *mask, const cs_fit_opts *fo, double *z, double *y,
                    double *w, cs_fit *f, int *fitted, cs_error *err);
/* The weights as cs_design_weights, asking stop (may be NULL). */
int cs_design_weights_stop(const cs_design_layout *lay, const cs_dataset *ds, size_t task,
                           const unsigned char *pool, const unsigned char *mask, double *w,
                           cs_cancel *stop, cs_error *err);

/* The sampler's gain from one more row of a group whose variance term is
 * v (1/n - 1/N) with n of its N rows in the design: v (1/n - 1/(n + 1));
 * for a group with no row yet, v (1 - 1/N), its variance once represented;
 * 0 once n >= N (design_quantile.c). */
double cs_design_group_gain(double v, double n, double N);

#endif
