/* design.c - the greedy balanced I-optimal design (method.md, section 6).
 *
 * Each criterion t (one task's boundary) keeps the inverse of its information
 * matrix M_t = eps I + sum g_t g_t^T and its target A_t, the mean of
 * g_t(u) g_t(u)^T over the midpoints u of equal-mass bins of the pool's z. A
 * candidate's score is (sum over the criteria it serves of the decrease of
 * tr(A_t M_t^-1), plus the balance bonus of its bin) / cost; the best one is
 * added and every M_t^-1 it serves gets a Sherman-Morrison update.
 *
 * Candidates with the same z serving the same criteria have the same gain
 * and bonus, so only the cheapest of them can win: they form a group, sorted
 * by cost, and a step scores one member per group. On the main data set
 * (41 compute levels) that turns thousands of candidates into a few dozen
 * groups. Where every row has a compute of its own, a step scores only the
 * groups whose block's bound might beat the best (design_blocks.c).
 */
#include "capscope/design.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "capscope/coverage.h"
#include "design_internal.h"

cs_design_prior cs_design_prior_paper(void)
{
    return (cs_design_prior){ .y0 = 0.2, .L = 0.75, .a = -9.0, .b = 1.0 };
}

cs_design_prior cs_design_prior_from_params(const cs_params *p)
{
    return (cs_design_prior){ .y0 = p->y0, .L = p->L, .a = p->b * (CS_DESIGN_Z_REF - p->z_star),
                              .b = p->b };
}

void cs_design_features(const cs_design_prior *p, double z, double g[4])
{
    double u = z - CS_DESIGN_Z_REF;
    double s = cs_sigmoid(p->a + p->b * u);
    double d = p->L * s * (1.0 - s);
    g[0] = 1.0;
    g[1] = s;
    g[2] = d;
    g[3] = d * u;
}

/* Hand-written rather than gsl_blas_dsymv/dsyr: for a 4x4 matrix the call and
 * view overhead of GSL dominates (bench_design measures a candidate's gain at
 * 10-16 ns by hand against 38-55 ns through GSL BLAS, 3.5-3.8x), and the symmetric form
 * keeps M^-1 exactly symmetric. tests/unit/test_design checks both against
 * an LU inverse from gsl_linalg. */
double cs_design_rank_one(double minv[16], const double g[4])
{
    double v[4];
    for (int i = 0; i < 4; i++)
        v[i] = minv[4 * i] * g[0] + minv[4 * i + 1] * g[1] + minv[4 * i + 2] * g[2] +
               minv[4 * i + 3] * g[3];
    double denom = 1.0 + v[0] * g[0] + v[1] * g[1] + v[2] * g[2] + v[3] * g[3];
    if (!(denom > 1e-15))
        return 0.0;
    for (int i = 0; i < 4; i++)
        for (int j = i; j < 4; j++) {
            double x = minv[4 * i + j] - v[i] * v[j] / denom;
            minv[4 * i + j] = x;
            minv[4 * j + i] = x;
        }
    return denom;
}

double cs_design_trace_gain(const double minv[16], const double a[16], const double g[4],
                            double *denom_out)
{
    double v[4];
    for (int i = 0; i < 4; i++)
        v[i] = minv[4 * i] * g[0] + minv[4 * i + 1] * g[1] + minv[4 * i + 2] * g[2] +
               minv[4 * i + 3] * g[3];
    double denom = 1.0 + v[0] * g[0] + v[1] * g[1] + v[2] * g[2] + v[3] * g[3];
    if (denom_out)
        *denom_out = denom;
    if (!(denom > 1e-15))
        return 0.0;
    double vav = 0.0;
    for (int i = 0; i < 4; i++) {
        double av = a[4 * i] * v[0] + a[4 * i + 1] * v[1] + a[4 * i + 2] * v[2] +
                    a[4 * i + 3] * v[3];
        vav += v[i] * av;
    }
    return vav / denom;
}

/* Inverse of M = eps I + sum over rows of g g^T, through a Cholesky
 * factorisation: summing first and inverting once is more exact than
 * hundreds of rank-one updates from (1/eps) I. */
int cs_design_inverse(const double m[16], double minv[16])
{
    double buf[16];
    memcpy(buf, m, sizeof buf);
    gsl_matrix_view mv = gsl_matrix_view_array(buf, 4, 4);
    int rc = gsl_linalg_cholesky_decomp1(&mv.matrix);
    if (rc == 0)
        rc = gsl_linalg_cholesky_invert(&mv.matrix);
    if (rc != 0)
        return -1;
    memcpy(minv, buf, sizeof buf);
    return 0;
}

int cs_design_sandwich_init(cs_design_sandwich *s, const double x[16], const double m[16])
{
    memcpy(s->chol, x, sizeof s->chol);
    memcpy(s->m, m, sizeof s->m);
    gsl_matrix_view cv = gsl_matrix_view_array(s->chol, 4, 4);
    s->ok = gsl_linalg_cholesky_decomp1(&cv.matrix) == 0;
    return s->ok ? 0 : -1;
}

double cs_design_sandwich_form(const cs_design_sandwich *s, const double g[4])
{
    if (!s->ok)
        return NAN;
    double u[4];
    gsl_matrix_const_view cv = gsl_matrix_const_view_array(s->chol, 4, 4);
    gsl_vector_const_view gv = gsl_vector_const_view_array(g, 4);
    gsl_vector_view uv = gsl_vector_view_array(u, 4);
    if (gsl_linalg_cholesky_solve(&cv.matrix, &gv.vector, &uv.vector) != 0)
        return NAN;
    double v = 0.0;
    for (int i = 0; i < 4; i++) {
        double off = 0.0;
        for (int j = i + 1; j < 4; j++)
            off += s->m[4 * i + j] * u[j];
        v += u[i] * (s->m[5 * i] * u[i] + 2.0 * off);
    }
    return v;
}

int cs_design_bin_of(const double *edges, size_t n_bins, double z)
{
    if (n_bins == 0)
        return -1;
    /* searchsorted(edges, z, right) - 1, clamped: bins are [e_j, e_j+1). */
    size_t lo = 0, hi = n_bins + 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (edges[mid] <= z)
            lo = mid + 1;
        else
            hi = mid;
    }
    long b = (long)lo - 1;
    if (b < 0)
        b = 0;
    if (b >= (long)n_bins)
        b = (long)n_bins - 1;
    return (int)b;
}

int cs_design_grid(const cs_design_problem *pb, double *edges, size_t *n_bins, cs_error *err)
{
    double *gz = malloc((pb->n ? pb->n : 1) * sizeof *gz);
    if (!gz)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    size_t m = 0, finite = 0;
    for (size_t i = 0; i < pb->n; i++)
        if (!pb->grid_rows || pb->grid_rows[i]) {
            finite += isfinite(pb->z[i]) != 0;
            gz[m++] = pb->z[i];
        }
    *n_bins = m ? cs_bin_edges(gz, m, pb->grid_bins ? pb->grid_bins : CS_BINS_DEFAULT, 1, edges)
                : 0;
    free(gz);
    /* No grid for finite z is a failed allocation: a design without one
     * picked from the whole budget as if every bin were empty. */
    if (*n_bins == 0 && finite)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    return 0;
}

static int usable_cost(double c)
{
    return isfinite(c) && c > 0;
}

/* The static texts of cs_pick.why. */
static const char *const why_seed[4] = {
    "seed: the lowest compute in the pool",
    "seed: the highest compute in the pool",
    "seed: below the boundary's midpoint",
    "seed: above the boundary's midpoint",
};
static const char *const why_seed_in_budget[2] = {
    "seed: the lowest compute within the budget",
    "seed: the highest compute within the budget",
};
/* A seed of z0 -/+ c/b that found no row on its side of the midpoint z0
 * (the paper's prior puts z0 at 30, above every model of the leaderboard):
 * the row nearest its target is then the one nearest z0. */
static const char why_seed_nearest_midpoint[] = "seed: the compute nearest the boundary's midpoint";
static const char *const why_part[3][5] = {
    { "low compute: pins the floor", "low compute: pins the ceiling",
      "low compute: pins the midpoint", "low compute: pins the slope",
      "low compute: fills a thin bin" },
    { "middle compute: pins the floor", "middle compute: pins the ceiling",
      "middle compute: pins the midpoint", "middle compute: pins the slope",
      "middle compute: fills a thin bin" },
    { "high compute: pins the floor", "high compute: pins the ceiling",
      "high compute: pins the midpoint", "high compute: pins the slope",
      "high compute: fills a thin bin" },
};

/* Which parameter's variance this pick shrinks most, relative to what it was. */
static int dominant_parameter(const double minv[16], const double g[4])
{
    double v[4];
    for (int i = 0; i < 4; i++)
        v[i] = minv[4 * i] * g[0] + minv[4 * i + 1] * g[1] + minv[4 * i + 2] * g[2] +
               minv[4 * i + 3] * g[3];
    int best = 0;
    double best_r = -1.0;
    for (int k = 0; k < 4; k++) {
        double var = minv[5 * k];
        double r = var > 0 ? v[k] * v[k] / var : 0.0;
        if (r > best_r) {
            best_r = r;
            best = k;
        }
    }
    return best;
}

const char *cs_design_why_range(double z, double z_lo, double z_hi, int part)
{
    int third = 1;
    if (z_hi > z_lo) {
        double f = (z - z_lo) / (z_hi - z_lo);
        third = f < 1.0 / 3 ? 0 : f > 2.0 / 3 ? 2 : 1;
    }
    return why_part[third][part];
}

typedef struct cand {
    double z, cost;
    uint64_t mask; /* criteria this row serves */
    size_t row;
} cand;

static int cand_cmp(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->z != b->z)
        return a->z < b->z ? -1 : 1;
    if (a->mask != b->mask)
        return a->mask < b->mask ? -1 : 1;
    if (a->cost != b->cost)
        return a->cost < b->cost ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

typedef struct group {
    size_t first, end, next; /* members in the sorted candidate array */
    int bin;
    int dead;
} group;

typedef struct engine {
    const cs_design_problem *pb;
    size_t nc;                /* criteria */
    double (*minv)[16], (*amat)[16];
    double edges[CS_MAX_BINS + 1];
    size_t n_bins;
    size_t *bin_count;
    double z_lo, z_hi;        /* of the grid, for the "why" texts */
    cand *cands;
    size_t n_cands;
    group *groups;
    size_t n_groups;
    double *gfeat;            /* per group, per criterion: 4 features */
    unsigned char *picked;    /* per row */
    double bonus[CS_MAX_BINS]; /* this step's balance bonus of each bin */
    cs_design_blocks *blocks; /* NULL: score every group at every step */
    cs_cost_sum used;         /* out->used, to the last bit */
    cs_design_result *out;
    size_t cap;
    cs_cancel stop;           /* the caller's cancel */
} engine;

static void engine_free(engine *e)
{
    free(e->minv);
    free(e->amat);
    free(e->bin_count);
    free(e->cands);
    free(e->groups);
    free(e->gfeat);
    free(e->picked);
    cs_design_blocks_free(e->blocks);
}

static int push_pick(engine *e, size_t row, double gain, const char *why)
{
    cs_design_result *r = e->out;
    if (r->n_picks == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 64;
        cs_pick *p = realloc(r->picks, cap * sizeof *p);
        if (!p)
            return -1;
        r->picks = p;
        e->cap = cap;
    }
    cs_pick *p = &r->picks[r->n_picks++];
    p->rank = r->n_picks;
    p->row = row;
    p->cost = e->pb->cost[row];
    p->z = e->pb->z[row];
    p->gain = gain;
    p->why = why;
    cs_cost_sum_add(&e->used, p->cost);
    r->used = cs_cost_sum_value(&e->used);
    e->picked[row] = 1;
    return 0;
}

/* Add row (serving the criteria in mask) to the design; returns the gain. */
static double commit(engine *e, size_t row, uint64_t mask)
{
    double gain = 0.0, g[4];
    for (size_t t = 0; t < e->nc; t++) {
        if (!(mask >> t & 1))
            continue;
        cs_design_features(&e->pb->crit[t].prior, e->pb->z[row], g);
        gain += cs_design_trace_gain(e->minv[t], e->amat[t], g, NULL);
        cs_design_rank_one(e->minv[t], g);
    }
    int b = cs_design_bin_of(e->edges, e->n_bins, e->pb->z[row]);
    if (b >= 0)
        e->bin_count[b]++;
    return gain;
}

static uint64_t serves(const cs_design_problem *pb, size_t row)
{
    uint64_t m = 0;
    for (size_t t = 0; t < pb->n_crit; t++)
        if (!pb->crit[t].in_design || !pb->crit[t].in_design[row])
            m |= (uint64_t)1 << t;
    return m;
}

static int engine_init(engine *e, const cs_design_problem *pb, cs_design_result *out,
                       cs_error *err)
{
    memset(e, 0, sizeof *e);
    e->pb = pb;
    e->out = out;
    e->stop = (cs_cancel){ pb->cancel, pb->cancel_arg, 0 };
    if (cs_cancel_asked(&e->stop))
        return cs_design_cancelled(err);
    e->nc = pb->n_crit;
    size_t n = pb->n;
    e->minv = calloc(e->nc, sizeof *e->minv);
    e->amat = calloc(e->nc, sizeof *e->amat);
    e->picked = calloc(n ? n : 1, 1);
    e->cands = malloc((n ? n : 1) * sizeof *e->cands);
    if (!e->minv || !e->amat || !e->picked || !e->cands)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");

    if (cs_design_grid(pb, e->edges, &e->n_bins, err) != 0)
        return -1;
    e->bin_count = calloc(e->n_bins ? e->n_bins : 1, sizeof *e->bin_count);
    if (!e->bin_count)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    e->z_lo = e->n_bins ? e->edges[0] : 0;
    e->z_hi = e->n_bins ? e->edges[e->n_bins] : 0;

    /* Targets A_t over the bin midpoints, information of the rows already in. */
    for (size_t t = 0; t < e->nc; t++) {
        const cs_design_prior *p = &pb->crit[t].prior;
        double g[4], m[16] = { 0 };
        for (size_t j = 0; j < e->n_bins; j++) {
            cs_design_features(p, 0.5 * (e->edges[j] + e->edges[j + 1]), g);
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    e->amat[t][4 * r + c] += g[r] * g[c] / (double)e->n_bins;
        }
        for (int k = 0; k < 4; k++)
            m[5 * k] = CS_DESIGN_EPS;
        const unsigned char *in = pb->crit[t].in_design;
        for (size_t i = 0; in && i < n; i++) {
            if (!in[i])
                continue;
            cs_design_features(p, pb->z[i], g);
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    m[4 * r + c] += g[r] * g[c];
        }
        if (cs_design_inverse(m, e->minv[t]) != 0)
            return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0,
                                "the design's information matrix is not positive definite");
        if (cs_cancel_asked(&e->stop))
            return cs_design_cancelled(err);
    }
    for (size_t i = 0; i < n; i++) {
        int in_any = 0;
        for (size_t t = 0; t < e->nc; t++)
            in_any |= pb->crit[t].in_design && pb->crit[t].in_design[i];
        if (in_any) {
            int b = cs_design_bin_of(e->edges, e->n_bins, pb->z[i]);
            if (b >= 0)
                e->bin_count[b]++;
        }
    }

    if (cs_cancel_asked(&e->stop))
        return cs_design_cancelled(err);
    /* Candidates, grouped by (z, criteria served), cheapest first. */
    for (size_t i = 0; i < n; i++) {
        if (pb->candidate && !pb->candidate[i])
            continue;
        if (!usable_cost(pb->cost[i]) || !isfinite(pb->z[i]))
            continue;
        uint64_t m = serves(pb, i);
        if (!m)
            continue;
        e->cands[e->n_cands++] = (cand){ pb->z[i], pb->cost[i], m, i };
    }
    if (cs_cancel_asked(&e->stop))
        return cs_design_cancelled(err);
    qsort(e->cands, e->n_cands, sizeof *e->cands, cand_cmp);
    e->groups = malloc((e->n_cands ? e->n_cands : 1) * sizeof *e->groups);
    if (!e->groups)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    for (size_t i = 0; i < e->n_cands;) {
        size_t j = i + 1;
        while (j < e->n_cands && e->cands[j].z == e->cands[i].z &&
               e->cands[j].mask == e->cands[i].mask)
            j++;
        e->groups[e->n_groups++] = (group){ .first = i, .end = j, .next = i,
                                            .bin = cs_design_bin_of(e->edges, e->n_bins,
                                                                    e->cands[i].z) };
        i = j;
    }
    e->gfeat = malloc((e->n_groups ? e->n_groups : 1) * e->nc * 4 * sizeof *e->gfeat);
    if (!e->gfeat)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    for (size_t k = 0; k < e->n_groups; k++)
        for (size_t t = 0; t < e->nc; t++)
            cs_design_features(&pb->crit[t].prior, e->cands[e->groups[k].first].z,
                               &e->gfeat[(k * e->nc + t) * 4]);
    return 0;
}

static int budget_left(const engine *e, double c)
{
    return cs_design_affordable(e->out->used, c, e->pb->budget);
}

static int count_left(const engine *e)
{
    return e->pb->count == 0 || e->out->n_picks < e->pb->count;
}

/* The paper's seeds: the rows nearest min z, max z and z0 -/+ c/b that fit. */
static int place_seeds(engine *e)
{
    const cs_design_problem *pb = e->pb;
    if (e->n_cands == 0)
        return 0;
    double zmin = e->cands[0].z, zmax = e->cands[e->n_cands - 1].z;
    const cs_design_prior *p = &pb->crit[0].prior;
    double b = p->b > 1e-8 ? p->b : 1e-8;
    double z0 = CS_DESIGN_Z_REF - p->a / b;
    double target[4] = { zmin, zmax, z0 - CS_DESIGN_SEED_C / b, z0 + CS_DESIGN_SEED_C / b };
    for (int s = 0; s < 4 && count_left(e); s++) {
        if (cs_cancel_asked(&e->stop))
            return -2;
        long best = -1;
        double best_d = INFINITY;
        for (size_t k = 0; k < e->n_cands; k++) {
            const cand *c = &e->cands[k];
            if (e->picked[c->row] || !budget_left(e, c->cost))
                continue;
            double d = fabs(c->z - target[s]);
            /* Ties go to the cheaper row, then the lower row, as in the greedy
             * steps (design.h). The sort by z settles only ties at one z, not
             * rows as far from the target on either side of it. */
            const cand *bc = best >= 0 ? &e->cands[best] : NULL;
            if (d < best_d ||
                (d == best_d && bc &&
                 (c->cost < bc->cost || (c->cost == bc->cost && c->row < bc->row)))) {
                best_d = d;
                best = (long)k;
            }
        }
        if (best < 0)
            continue;
        const cand *c = &e->cands[best];
        double gain = commit(e, c->row, c->mask);
        /* The end of the range the budget left, not the pool's end. */
        const char *why = s < 2 && c->z != target[s] ? why_seed_in_budget[s] : why_seed[s];
        if ((s == 2 && !(c->z < z0)) || (s == 3 && !(c->z > z0)))
            why = why_seed_nearest_midpoint;
        if (push_pick(e, c->row, gain, why) != 0)
            return -1;
    }
    return 0;
}

static void step_bonus(engine *e)
{
    const double eps_bal = 1e-6;
    for (size_t j = 0; j < e->n_bins; j++) {
        double nb = (double)e->bin_count[j];
        e->bonus[j] = e->pb->balance_lambda > 0
                          ? e->pb->balance_lambda * (log(nb + 1.0 + eps_bal) - log(nb + eps_bal))
                          : 0.0;
    }
}

/* The best candidate of a step: highest score, then cheapest, then first row. */
typedef struct choice {
    long g;
    double score, cost, gain, bonus;
    size_t row;
} choice;

/* Scores group k's cheapest candidate left into *best if it beats it.
 * Returns 0 when the group is dead (nothing of it fits any more). */
static int consider(engine *e, size_t k, choice *best)
{
    group *gr = &e->groups[k];
    if (gr->dead)
        return 0;
    while (gr->next < gr->end && e->picked[e->cands[gr->next].row])
        gr->next++;
    if (gr->next == gr->end || !budget_left(e, e->cands[gr->next].cost)) {
        gr->dead = 1; /* the budget only shrinks: none of it will ever fit */
        return 0;
    }
    const cand *c = &e->cands[gr->next];
    double gain = 0.0;
    for (size_t t = 0; t < e->nc; t++)
        if (c->mask >> t & 1)
            gain += cs_design_trace_gain(e->minv[t], e->amat[t], &e->gfeat[(k * e->nc + t) * 4],
                                         NULL);
    double bonus = gr->bin >= 0 ? e->bonus[gr->bin] : 0.0;
    double score = (gain + bonus) / c->cost;
    if (score > best->score ||
        (best->g >= 0 && score == best->score &&
         (c->cost < best->cost || (c->cost == best->cost && c->row < best->row))))
        *best = (choice){ (long)k, score, c->cost, gain, bonus, c->row };
    return 1;
}

/* Whether a bound (of gain + bonus, per unit of cost) might still reach the best. */
static int may_win(double bound_per_cost, const choice *best)
{
    return !(bound_per_cost < best->score);
}

/* Scores the members of a block that might beat *best, cheapest first. */
static void scan_block(engine *e, cs_design_block *B, choice *best)
{
    for (size_t m = B->head; m < B->end; m++) {
        if (!may_win(B->bound / cs_design_blocks_key(e->blocks, m), best))
            break; /* the rest cost more */
        if (!consider(e, cs_design_blocks_member(e->blocks, m), best) && m == B->head)
            B->head++;
    }
}

/* As scoring every group, but skipping blocks whose bound cannot win:
 * the block most likely to win first, so that its best prunes the rest. */
static void scan_blocks(engine *e, choice *best)
{
    cs_design_blocks *bl = e->blocks;
    size_t nb = cs_design_blocks_count(bl);
    for (size_t b = 0; b < nb; b++) {
        cs_design_block *B = cs_design_blocks_at(bl, b);
        while (B->head < B->end && e->groups[cs_design_blocks_member(bl, B->head)].dead)
            B->head++;
        if (B->head < B->end && !budget_left(e, cs_design_blocks_key(bl, B->head)))
            B->head = B->end; /* its cheapest member no longer fits */
    }
    cs_design_blocks_bound(bl, (const double(*)[16])e->minv, e->bonus, e->n_bins);
    long top = -1;
    double top_bound = -1.0;
    for (size_t b = 0; b < nb; b++) {
        cs_design_block *B = cs_design_blocks_at(bl, b);
        if (B->head == B->end)
            continue;
        double x = B->bound / cs_design_blocks_key(bl, B->head);
        if (top < 0 || x > top_bound || isnan(x)) {
            top = (long)b;
            top_bound = x;
        }
    }
    if (top < 0)
        return;
    scan_block(e, cs_design_blocks_at(bl, (size_t)top), best);
    for (size_t b = 0; b < nb; b++) {
        cs_design_block *B = cs_design_blocks_at(bl, b);
        if ((long)b != top && B->head < B->end &&
            may_win(B->bound / cs_design_blocks_key(bl, B->head), best))
            scan_block(e, B, best);
    }
}

/* Below this many groups a step scores them all. Above, blocks of about
 * sqrt(groups) balance the bounds a step computes against the members it
 * scores (100,000 distinct levels at 20% of the cost: 4.4 s at 316 a
 * block, 10 s at 64, 87 s scoring every group; 1,000 levels of 100 rows:
 * 0.38 s against 0.59 s). A second level, spans of cbrt(groups) blocks of
 * cbrt(groups) with a bound of their own, was slower on 100,000 distinct
 * levels (7.7 s with the cost following the compute, 14.8 s with it drawn
 * apart): a span's least cost lies far below most of its members', so
 * nearly every span has to be opened. */
#define BLOCKS_FROM 256

static int build_blocks(engine *e, size_t size)
{
    size_t ng = e->n_groups;
    double *gz = malloc((ng ? ng : 1) * sizeof *gz), *gkey = malloc((ng ? ng : 1) * sizeof *gkey);
    uint64_t *gmask = malloc((ng ? ng : 1) * sizeof *gmask);
    int *gbin = malloc((ng ? ng : 1) * sizeof *gbin);
    if (gz && gkey && gmask && gbin) {
        for (size_t k = 0; k < ng; k++) {
            const cand *c = &e->cands[e->groups[k].first];
            gz[k] = c->z;
            gkey[k] = c->cost;
            gmask[k] = c->mask;
            gbin[k] = e->groups[k].bin;
        }
        e->blocks = cs_design_blocks_new(e->pb, (const double(*)[16])e->amat, ng, gz, e->gfeat,
                                         gkey, gmask, gbin, size);
    }
    free(gz);
    free(gkey);
    free(gmask);
    free(gbin);
    return e->blocks ? 0 : -1;
}

int cs_design_greedy(const cs_design_problem *pb, cs_design_result *out, cs_error *err)
{
    return cs_design_greedy_blocked(pb, out, err, -1);
}

static int greedy(const cs_design_problem *pb, cs_design_result *out, cs_error *err,
                  long block_size);

/* Made in a result of its own, which a cancel drops (cs_design_hand_over). */
int cs_design_greedy_blocked(const cs_design_problem *pb, cs_design_result *out, cs_error *err,
                             long block_size)
{
    cs_error e = { .kind = CS_ERR_NONE };
    cs_design_result r;
    int rc = greedy(pb, &r, &e, block_size);
    return cs_design_hand_over(rc, &r, &e, out, err);
}

static int greedy(const cs_design_problem *pb, cs_design_result *out, cs_error *err,
                  long block_size)
{
    memset(out, 0, sizeof *out);
    out->budget = pb->budget;
    if (pb->n_crit < 1 || pb->n_crit > CS_DESIGN_MAX_CRITERIA)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "the design needs 1 to %d criteria",
                            CS_DESIGN_MAX_CRITERIA);
    if (!(pb->budget >= 0))
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "the budget must be >= 0");
    engine e;
    if (engine_init(&e, pb, out, err) != 0) {
        engine_free(&e);
        return -1;
    }
    if (block_size < 0)
        block_size = e.n_groups >= BLOCKS_FROM ? (long)sqrt((double)e.n_groups) : 0;
    if (block_size > 0 && build_blocks(&e, (size_t)block_size) != 0)
        goto oom;
    int empty = 1;
    for (size_t t = 0; t < pb->n_crit && empty; t++)
        for (size_t i = 0; pb->crit[t].in_design && i < pb->n && empty; i++)
            empty = !pb->crit[t].in_design[i];
    if (pb->seeds && empty) {
        int sr = place_seeds(&e);
        if (sr == -2)
            goto cancel;
        if (sr != 0)
            goto oom;
    }

    while (count_left(&e)) {
        if (cs_cancel_asked(&e.stop))
            goto cancel;
        choice best = { .g = -1 };
        step_bonus(&e);
        if (e.blocks)
            scan_blocks(&e, &best);
        else
            for (size_t k = 0; k < e.n_groups; k++)
                consider(&e, k, &best);
        long best_g = best.g;
        double best_gain = best.gain, best_bonus = best.bonus;
        if (best_g < 0 || !(best.score > 0))
            break;
        group *gr = &e.groups[best_g];
        const cand *c = &e.cands[gr->next];
        /* The "why" is read off the state before the update. */
        const char *why;
        if (best_bonus > best_gain) {
            why = cs_design_why_range(c->z, e.z_lo, e.z_hi, 4);
        } else {
            size_t tmax = 0;
            double gmax = -1;
            for (size_t t = 0; t < e.nc; t++) {
                if (!(c->mask >> t & 1))
                    continue;
                double gt = cs_design_trace_gain(e.minv[t], e.amat[t],
                                                 &e.gfeat[((size_t)best_g * e.nc + t) * 4], NULL);
                if (gt > gmax) {
                    gmax = gt;
                    tmax = t;
                }
            }
            int part = dominant_parameter(e.minv[tmax], &e.gfeat[((size_t)best_g * e.nc + tmax) * 4]);
            /* (y0, L, a, b): a moves the midpoint, b the slope. */
            why = cs_design_why_range(c->z, e.z_lo, e.z_hi, part);
        }
        double gain = commit(&e, c->row, c->mask);
        if (push_pick(&e, c->row, gain, why) != 0)
            goto oom;
        if (pb->progress && out->n_picks % 256 == 0)
            pb->progress(pb->progress_ctx, out->n_picks, out->used);
    }
    engine_free(&e);
    return 0;
oom:
    engine_free(&e);
    cs_design_result_free(out);
    return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
cancel:
    engine_free(&e);
    cs_design_result_free(out);
    return cs_design_cancelled(err);
}

void cs_design_result_free(cs_design_result *r)
{
    if (!r)
        return;
    free(r->picks);
    r->picks = NULL;
    r->n_picks = 0;
}
