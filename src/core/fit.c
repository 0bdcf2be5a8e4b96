/* fit.c - the capability boundary: public functions and the global search.
 *
 * Design (variable projection, then a joint polish):
 *  1. Rows are sorted by z and grouped by distinct z (fit_local.h): the
 *     reference data have 41 distinct z among 2409 rows.
 *  2. Screen: for fixed (z_star, b), q is linear in (y0, L) and J is convex on
 *     the triangle 0 <= y0, 0 <= L, y0 + L <= 1; that inner problem is solved
 *     exactly (damped Newton, exact faces) at every start of a multi-start over
 *     (z_star, log b) as thorough as the reference's: 10 equally spaced
 *     z_star plus the 0.15/0.35/0.5/0.65/0.85 quantiles of z, times 10
 *     log-spaced b in [0.05, 50], plus 100 random pairs from a local, seeded
 *     RNG. The screen only ranks starts, so it may work on a cheaper copy of
 *     the problem: each group's loss tabulated in q (quintic Hermite, exact
 *     value, slope and curvature at the nodes), and for inputs with nearly
 *     all z distinct, z rounded to at most 512 levels and at most 20000 rows
 *     (a systematic sample of the z-sorted rows).
 *  3. Polish: the best starts are refined jointly in all four parameters on
 *     every row with the same exact-face Newton method, until six distinct
 *     optima are found (or twelve starts tried), and parameters left within
 *     rounding of a bound are put on it; the lowest objective wins.
 * The objective reported is recomputed by cs_objective on the caller's rows.
 */
#include <float.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "capscope/dataset.h"
#include "capscope/fit.h"
#include "core/fit_local.h"

#define SCREEN_NZ 10          /* equally spaced z_star values */
#define SCREEN_NB 10          /* log-spaced b values */
#define SCREEN_NRANDOM 100    /* random (z_star, b) pairs, as many as the reference */
#define SCREEN_GAPS 64        /* most gaps between compute levels given a start of their own */
#define SCREEN_MAX_ROWS 20000 /* above this the screen uses a sample */
#define SCREEN_LEVELS 512     /* most z values of the screen when nearly all are distinct */
#define POLISH_STARTS 6       /* distinct optima refined jointly */
#define POLISH_TRIES 12       /* most starts polished to find them */
#define INNER_ITER 60
#define SCREEN_RTOL 1e-10     /* the screen ranks starts: V to 1e-10 relative is plenty */
#define JOINT_ITER 400
#define FIT_SEED 20240601UL
/* Above this kappa the loss is nearly piecewise linear in q: the screen's
 * inner solves and the Newton polish stall at its kinks (at kappa 1e6 a
 * polish from 6 rows stopped at 4x the optimum, one from 200 rows needed
 * 900 iterations). The search then runs at KAPPA_DIRECT and its polished
 * optima are continued through kappa steps of KAPPA_STEP, as the reference
 * continues its starts through a kappa schedule. */
#define KAPPA_DIRECT 1e4
#define KAPPA_STEP 10.0

void cs_fit_opts_init(cs_fit_opts *o)
{
    o->tau = CS_TAU_DEFAULT;
    o->kappa = CS_KAPPA_DEFAULT;
    o->lambda_b = CS_LAMBDA_B_DEFAULT;
    o->warm = NULL;
    o->warm_only = 0;
    o->weights = NULL;
    o->cancel = NULL;
    o->cancel_arg = NULL;
}

double cs_softplus(double t)
{
    return t > 0.0 ? t + log1p(exp(-t)) : log1p(exp(t));
}

/* Below tau = 1/2 in the mirrored form softplus(-kappa u) / kappa + tau u
 * (the same function: softplus(t) = t + softplus(-t)), as the fit sums it
 * (fit_local.c): the first form cancels two terms of size u where u > 0,
 * and at tau 1e-9 the reported objective kept 8 digits. */
double cs_rho(double u, double tau, double kappa)
{
    if (tau < 0.5)
        return cs_softplus(-kappa * u) / kappa + tau * u;
    return cs_softplus(kappa * u) / kappa + (tau - 1.0) * u;
}

double cs_q(const cs_params *p, double z)
{
    return p->y0 + p->L * cs_sigmoid(p->b * (z - p->z_star));
}

double cs_fit_predict(const cs_fit *f, double z)
{
    if (z < f->z_min)
        z = f->z_min;
    if (z > f->z_max)
        z = f->z_max;
    return cs_q(&f->p, z);
}

/* The power of two (as its exponent, for scalbn: 2^1027 itself is no
 * double) that brings the largest of w[0..n) into [1, 2). The weighted mean
 * is the same for any scale, and a power of two scales every product and
 * sum exactly, but weights far from 1 (1e-310: the reciprocal of their
 * total overflows) would otherwise break the arithmetic. 0 when no weight
 * is positive. */
static int weight_exponent(const double *w, size_t n)
{
    double wmax = 0.0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > wmax)
            wmax = w[i];
    return wmax > 0.0 && isfinite(wmax) ? -ilogb(wmax) : 0;
}

double cs_objective_weighted(const double *z, const double *y, const double *w, size_t n,
                             const cs_params *p, double tau, double kappa, double lambda_b)
{
    /* Neumaier-compensated sums: the objective is compared at the 1e-9
     * level across solvers, and n may be in the millions. */
    double sum = 0.0, comp = 0.0, W = 0.0;
    const int scale = w ? weight_exponent(w, n) : 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? scalbn(w[i], scale) : 1.0;
        if (wi == 0.0)
            continue;
        double v = wi * cs_rho(y[i] - cs_q(p, z[i]), tau, kappa);
        double t = sum + v;
        comp += fabs(sum) >= fabs(v) ? (sum - t) + v : (v - t) + sum;
        sum = t;
        W += wi;
    }
    return (W > 0.0 ? (sum + comp) / W : 0.0) + lambda_b * p->b * p->b;
}

double cs_objective(const double *z, const double *y, size_t n, const cs_params *p,
                    double tau, double kappa, double lambda_b)
{
    return cs_objective_weighted(z, y, NULL, n, p, tau, kappa, lambda_b);
}

int cs_fit_require(const cs_fit *f, double accuracy, double *z)
{
    const cs_params *p = &f->p;
    const double ceiling = p->y0 + p->L;
    /* First: a flat boundary (L = 0) is its own ceiling, and reaches it. */
    if (accuracy <= cs_q(p, f->z_min)) {
        *z = f->z_min;
        return CS_REACHED_AT_MIN;
    }
    if (!(accuracy < ceiling))
        return CS_UNREACHABLE;
    /* logit((a - y0) / L) as a difference of logs: exact near the ceiling. */
    double zz = p->z_star + (log(accuracy - p->y0) - log(ceiling - accuracy)) / p->b;
    *z = zz;
    return zz > f->z_max ? CS_EXTRAPOLATED : CS_REACHABLE;
}

/* ---- the grouped problem ---------------------------------------------- */

typedef struct problem_store {
    fit_problem pb;
    double *zg, *ey, *ky, *sum_y, *s_cache, *wt, *w_g;
    size_t *start;
} problem_store;

static void store_free(problem_store *s)
{
    free(s->zg);
    free(s->ey);
    free(s->ky);
    free(s->sum_y);
    free(s->start);
    free(s->s_cache);
    free(s->wt);
    free(s->w_g);
    memset(s, 0, sizeof *s);
}

/* Build from n rows sorted by z (with weights ws, or NULL), using m of them
 * (a systematic sample when m < n). With levels > 0, z is rounded to that
 * many equally spaced values (rounding keeps the order), for a screen of
 * data whose z are all distinct. */
static int store_build(problem_store *s, const double *zs, const double *ys, const double *ws,
                       size_t n, size_t m, int levels, double tau, double kappa, double lambda_b,
                       cs_cancel *cancel)
{
    const double z_lo = zs[0], z_hi = zs[n - 1];
    const double quantum = levels > 1 ? (z_hi - z_lo) / (levels - 1) : 0.0;
    memset(s, 0, sizeof *s);
    s->ey = malloc(m * sizeof *s->ey);
    s->ky = malloc(m * sizeof *s->ky);
    s->zg = malloc(m * sizeof *s->zg);
    s->sum_y = malloc(m * sizeof *s->sum_y);
    s->start = malloc((m + 1) * sizeof *s->start);
    s->s_cache = malloc(m * sizeof *s->s_cache);
    if (ws) {
        s->wt = malloc(m * sizeof *s->wt);
        s->w_g = malloc(m * sizeof *s->w_g);
    }
    if (!s->ey || !s->ky || !s->zg || !s->sum_y || !s->start || !s->s_cache
        || (ws && (!s->wt || !s->w_g))) {
        store_free(s);
        return -1;
    }
    double W = 0.0;
    const int factored = kappa * 0.5 <= 700.0, mirror = tau < 0.5;
    size_t G = 0;
    for (size_t j = 0; j < m; j++) {
        /* A systematic sample of the sorted rows when m < n. */
        size_t i = m == n ? j : (size_t)(((double)j + 0.5) * (double)n / (double)m);
        double yi = ys[i], wi = ws ? ws[i] : 1.0;
        double zi = quantum > 0.0 ? z_lo + quantum * round((zs[i] - z_lo) / quantum) : zs[i];
        if (G == 0 || zi != s->zg[G - 1]) {
            s->zg[G] = zi;
            s->start[G] = j;
            s->sum_y[G] = 0.0;
            if (ws)
                s->w_g[G] = 0.0;
            G++;
        }
        s->sum_y[G - 1] += wi * yi;
        if (ws) {
            s->wt[j] = wi;
            s->w_g[G - 1] += wi;
            W += wi;
        }
        s->ky[j] = (mirror ? -kappa : kappa) * yi;
        s->ey[j] = factored ? exp((mirror ? kappa : -kappa) * (yi - 0.5)) : 0.0;
    }
    s->start[G] = m;
    s->pb = (fit_problem){
        .n = m, .G = G, .zg = s->zg, .start = s->start, .ey = s->ey, .ky = s->ky,
        .sum_y = s->sum_y, .tau = tau, .kappa = kappa, .lambda_b = lambda_b,
        .factored = factored, .mirror = mirror, .z_lo = z_lo, .z_hi = z_hi,
        .s_cache = s->s_cache, .wt = s->wt, .w_g = s->w_g, .W = W, .cancel = cancel,
    };
    return 0;
}

/* ---- the search ------------------------------------------------------- */

typedef struct start {
    double J;
    double th[4];
    unsigned order;  /* tie-break: keeps the sort deterministic */
} start;

static int start_cmp(const void *a, const void *b)
{
    const start *x = a, *y = b;
    if (x->J < y->J)
        return -1;
    if (x->J > y->J)
        return 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Evaluate the profile V(z_star, b) = min over (y0, L) at one shape, warm
 * started from th's (y0, L). */
static void screen_one(fit_problem *pb, double th[4], double zs, double b, start *out,
                       unsigned order)
{
    th[FP_ZS] = zs;
    th[FP_B] = b;
    out->J = fitp_local(pb, th, 1, INNER_ITER, SCREEN_RTOL);
    if (!isfinite(out->J))
        out->J = INFINITY;
    memcpy(out->th, th, sizeof out->th);
    out->order = order;
}

/* The starts in starts, ranked, their count in *n_starts; -1 when out of
 * memory (the random starts' generator): a screen without them would
 * still give a boundary, but not the one the same data gives otherwise. */
static int screen(fit_problem *pb, const double *z_sorted, size_t n, start *starts,
                  size_t *n_starts)
{
    static const double quantiles[5] = { 0.15, 0.35, 0.5, 0.65, 0.85 };
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return -1;
    double zgrid[SCREEN_NZ + 5], bgrid[SCREEN_NB];
    const double z_lo = pb->z_lo, z_hi = pb->z_hi;
    const double lb_lo = log(CS_B_MIN), lb_hi = log(CS_B_MAX);
    size_t ns = 0;

    for (int i = 0; i < SCREEN_NZ; i++)
        zgrid[i] = i == SCREEN_NZ - 1 ? z_hi : z_lo + (z_hi - z_lo) * i / (SCREEN_NZ - 1);
    for (int i = 0; i < 5; i++)
        zgrid[SCREEN_NZ + i] = gsl_stats_quantile_from_sorted_data(z_sorted, 1, n, quantiles[i]);
    for (int j = 0; j < SCREEN_NB; j++)
        bgrid[j] = j == 0 ? CS_B_MIN : j == SCREEN_NB - 1
                 ? CS_B_MAX : exp(lb_lo + (lb_hi - lb_lo) * j / (SCREEN_NB - 1));

    double th[4] = { 0.0, 0.5, z_lo, CS_B_MIN };
    for (int i = 0; i < SCREEN_NZ + 5; i++) {
        double row_start[4];
        memcpy(row_start, th, sizeof th);
        for (int j = 0; j < SCREEN_NB; j++) {
            screen_one(pb, th, zgrid[i], bgrid[j], &starts[ns], (unsigned)ns);
            ns++;
            if (j == 0)
                memcpy(row_start, th, sizeof th);
        }
        memcpy(th, row_start, sizeof th); /* next z_star starts near this one's b_min */
    }

    gsl_rng_set(rng, FIT_SEED);
    for (int r = 0; r < SCREEN_NRANDOM; r++) {
        double zs = z_lo + (z_hi - z_lo) * gsl_rng_uniform(rng);
        double b = exp(lb_lo + (lb_hi - lb_lo) * gsl_rng_uniform(rng));
        /* Warm start the inner solve from the nearest grid point's (y0, L). */
        int bi = (int)lround((log(b) - lb_lo) / (lb_hi - lb_lo) * (SCREEN_NB - 1));
        int zi = z_hi > z_lo ? (int)lround((zs - z_lo) / (z_hi - z_lo) * (SCREEN_NZ - 1)) : 0;
        memcpy(th, starts[zi * SCREEN_NB + bi].th, sizeof th);
        screen_one(pb, th, zs, b, &starts[ns], (unsigned)ns);
        ns++;
    }
    gsl_rng_free(rng);

    /* A slope b whose transition (width 1/b) is narrower than the z grid's
     * step makes the profile a staircase with one basin per gap between
     * compute levels: the grid and the random pairs can miss the best gap
     * (ifeval at tau 0.999, lambda_b 0: z_star in the gap at 22.95 beat the
     * one found in the gap at 23.61 by 0.8%). Every gap (a systematic subset
     * of SCREEN_GAPS when there are more) gets its midpoint as a start, at
     * each such b of the grid. */
    const size_t gaps = pb->G > 1 ? pb->G - 1 : 0, ng = gaps < SCREEN_GAPS ? gaps : SCREEN_GAPS;
    const double zstep = (z_hi - z_lo) / (SCREEN_NZ - 1);
    for (int j = 0; j < SCREEN_NB; j++) {
        if (!(1.0 / bgrid[j] < zstep))
            continue;
        for (size_t g = 0; g < ng; g++) {
            size_t k = ng == gaps ? g : (size_t)(((double)g + 0.5) * (double)gaps / (double)ng);
            double zs = 0.5 * (pb->zg[k] + pb->zg[k + 1]);
            int zi = (int)lround((zs - z_lo) / (z_hi - z_lo) * (SCREEN_NZ - 1));
            memcpy(th, starts[zi * SCREEN_NB + j].th, sizeof th);
            screen_one(pb, th, zs, bgrid[j], &starts[ns], (unsigned)ns);
            ns++;
        }
    }
    qsort(starts, ns, sizeof *starts, start_cmp);
    *n_starts = ns;
    return 0;
}

/* Put parameter c of t on its bound (c: 0 y0 = 0, 1 L = 0, 2 y0 + L = 1,
 * 3 z_star = z_min, 4 z_star = z_max, 5 b = b_min, 6 b = b_max) if it lies
 * within `near` of it (relative to the range); returns 0 if it does not. */
static int snap_one(const fit_problem *pb, double t[4], int c, double near)
{
    const double zspan = pb->z_hi - pb->z_lo;
    switch (c) {
    case 0:
        if (!(t[FP_Y0] > 0.0 && t[FP_Y0] < near))
            return 0;
        t[FP_Y0] = 0.0;
        break;
    case 1:
        if (!(t[FP_L] > 0.0 && t[FP_L] < near))
            return 0;
        t[FP_L] = 0.0;
        break;
    case 2:
        if (!(t[FP_Y0] + t[FP_L] < 1.0 && t[FP_Y0] + t[FP_L] > 1.0 - near))
            return 0;
        t[FP_L] = 1.0 - t[FP_Y0];
        break;
    case 3:
        if (!(t[FP_ZS] > pb->z_lo && t[FP_ZS] < pb->z_lo + near * zspan))
            return 0;
        t[FP_ZS] = pb->z_lo;
        break;
    case 4:
        if (!(t[FP_ZS] < pb->z_hi && t[FP_ZS] > pb->z_hi - near * zspan))
            return 0;
        t[FP_ZS] = pb->z_hi;
        break;
    case 5:
        if (!(t[FP_B] > CS_B_MIN && t[FP_B] < CS_B_MIN * (1.0 + near)))
            return 0;
        t[FP_B] = CS_B_MIN;
        break;
    default:
        if (!(t[FP_B] < CS_B_MAX && t[FP_B] > CS_B_MAX * (1.0 - near)))
            return 0;
        t[FP_B] = CS_B_MAX;
        break;
    }
    fitp_project(pb, t);
    return 1;
}

/* The local solver stops once its model cannot lower J by more than
 * rounding. Where J is flat to second order (L -> 0 makes z_star and b
 * irrelevant) that can leave a parameter a hair off its bound, L at 1e-8 on
 * data with no rise. Put each such parameter on its bound, let (y0, L)
 * follow (inner solve), and keep the result when J does not rise beyond
 * its rounding (fitp_rounding: 8 eps J, used before, was below it at a few
 * thousand rows, and constant scores kept L at 1.5e-8 where it is 0). */
static double snap_to_bounds(fit_problem *pb, double th[4], double J)
{
    for (int c = 0; c < 7; c++) {
        double t[4];
        memcpy(t, th, sizeof t);
        if (!snap_one(pb, t, c, 1e-6))
            continue;
        double Jt = fitp_local(pb, t, 1, INNER_ITER, FITP_EXACT);
        /* The inner solve may leave (y0, L) a rounding step off a bound
         * they were on (L at 1e-16 after z_star went to its end). */
        int moved = 0;
        for (int c2 = 0; c2 < 7; c2++)
            moved |= snap_one(pb, t, c2, 1e-12);
        if (moved)
            Jt = fitp_eval(pb, t, NULL, NULL);
        /* J stays the lowest seen, so that the snaps' rises within rounding
         * cannot add up past one rounding; the J returned may then be that
         * much below the point's own (the reported objective is recomputed). */
        if (Jt <= J + fitp_rounding(pb, th, J)) {
            memcpy(th, t, sizeof t);
            J = fmin(J, Jt);
        }
    }
    return J;
}

/* Local search from a warm start (the previous optimum, moved into the new
 * feasible box). A cross of neighbouring shapes was tried as well: on
 * chained weekly refits of the shared data it cost twice the time and found
 * no better optimum, so the local search stays alone. */
static void warm_search(fit_problem *pb, const cs_params *warm, double best[4], double *best_J)
{
    double th[4] = { warm->y0, warm->L, warm->z_star, warm->b };
    fitp_project(pb, th);
    double J = fitp_local(pb, th, 0, JOINT_ITER, FITP_EXACT);
    if (isfinite(J) && J < *best_J) {
        *best_J = J;
        memcpy(best, th, sizeof th);
    }
}

/* Starts whose boundaries agree on the data are one start: when the flat
 * boundary (L = 0, where z_star and b do not matter) ranks first, every
 * shape screens to it with the same J, and the polish would spend all its
 * starts on that one point while a better basin ranks just below. Two starts
 * are the same when q differs by at most DISTINCT_TOL at DISTINCT_PROBES of
 * the group z values (all of them when there are fewer): far above the
 * screen's inner tolerance, far below a difference between basins. */
#define DISTINCT_PROBES 64
#define DISTINCT_TOL 1e-4

static void probe_q(const fit_problem *pb, const double th[4], double *q, size_t *np)
{
    const size_t G = pb->G, P = G < DISTINCT_PROBES ? G : DISTINCT_PROBES;
    const cs_params p = { th[FP_Y0], th[FP_L], th[FP_ZS], th[FP_B] };
    for (size_t j = 0; j < P; j++) {
        size_t k = P > 1 ? (size_t)(((double)j * (double)(G - 1)) / (double)(P - 1) + 0.5) : 0;
        q[j] = cs_q(&p, pb->zg[k]);
    }
    *np = P;
}

/* The first of the k optima found (their probes in q) that qi's boundary
 * agrees with, or k when none does. */
static size_t same_as(double (*q)[DISTINCT_PROBES], size_t k, const double *qi, size_t np)
{
    size_t a = 0;
    for (; a < k; a++) {
        double d = 0.0;
        for (size_t j = 0; j < np; j++)
            d = fmax(d, fabs(qi[j] - q[a][j]));
        if (d <= DISTINCT_TOL)
            break;
    }
    return a;
}

/* Move to the front of starts[0, ns) (sorted by J) the first `want` that
 * are distinct in the sense above, keeping their order; returns how many. */
static size_t pick_distinct(const fit_problem *pb, start *starts, size_t ns, size_t want)
{
    double q[POLISH_TRIES][DISTINCT_PROBES], qi[DISTINCT_PROBES];
    size_t k = 0, np = 0;
    if (want > POLISH_TRIES)
        want = POLISH_TRIES;
    for (size_t i = 0; i < ns && k < want; i++) {
        probe_q(pb, starts[i].th, qi, &np);
        if (same_as(q, k, qi, np) < k)
            continue;
        memcpy(q[k], qi, np * sizeof *qi);
        if (i != k) {
            start s = starts[i];
            memmove(starts + k + 1, starts + k, (i - k) * sizeof *starts);
            starts[k] = s;
        }
        k++;
    }
    return k;
}

/* Polish starts[0, n) jointly on pb's rows, in their order and in place,
 * until `want` (at most POLISH_STARTS) distinct optima are found; returns
 * how many, moved to the front. Starts distinct on the screen can still
 * polish to one optimum: at tau 0.999, kappa 1000, no ridge, gpqa_diamond
 * of epoch_benchmarks (65 rows) spent its six polishes on three basins,
 * and the best basin, 1.1e-3 lower, ranked seventh. A start that polishes
 * to an optimum already found (in the sense of pick_distinct) does not
 * count, and the lower of the two is kept. Past the first POLISH_STARTS
 * starts, where most polish to an optimum found already, a start is first
 * polished only to POLISH_PROBE_RTOL (q then within about 1e-6 of its
 * optimum, far inside DISTINCT_TOL) and finished only if it is new or
 * lower by more than rounding. */
#define POLISH_PROBE_RTOL 1e-9
static size_t polish_distinct(fit_problem *pb, start *starts, size_t n, size_t want)
{
    double q[POLISH_STARTS][DISTINCT_PROBES], qi[DISTINCT_PROBES];
    size_t k = 0, np = 0;
    if (want > POLISH_STARTS)
        want = POLISH_STARTS;
    for (size_t i = 0; i < n && k < want; i++) {
        const int extra = i >= POLISH_STARTS;
        start s = starts[i];
        size_t a = 0;
        for (int pass = 0; pass < 1 + extra; pass++) {
            const double rtol = extra && pass == 0 ? POLISH_PROBE_RTOL : FITP_EXACT;
            s.J = fitp_local(pb, s.th, 0, JOINT_ITER, rtol);
            if (!isfinite(s.J))
                break;
            probe_q(pb, s.th, qi, &np);
            a = same_as(q, k, qi, np);
            if (extra && a < k
                && !(s.J < starts[a].J - fitp_rounding(pb, starts[a].th, starts[a].J)))
                s.J = NAN; /* an optimum found already, no lower */
            if (!isfinite(s.J))
                break;
        }
        if (!isfinite(s.J))
            continue;
        if (a == k)
            k++; /* a new optimum; slots below i are spent */
        else if (!(s.J < starts[a].J))
            continue;
        starts[a] = s;
        memcpy(q[a], qi, np * sizeof *qi);
    }
    return k;
}

/* Cells of the screening table. The table only ranks starts, so an error
 * far below the gaps between basins (1e-6 and up) is enough. Measured on the
 * shared data, the largest |J_table - J| over the box: kappa 50 and 64 cells
 * 6e-10; kappa 200 and 256 cells 5e-11; kappa 1000 and 512 cells 9e-10. */
static int table_cells(double kappa)
{
    double m = ceil(1.25 * kappa);
    return m < 64.0 ? 64 : m > 512.0 ? 512 : (int)m;
}

/* Screen the starts, then polish the best few jointly on every row; each
 * polished optimum is also appended to cands (when not NULL, room for
 * POLISH_STARTS more after *n_cands). */
static int global_search(fit_problem *pb, const double *zs, const double *ys, const double *ws,
                         size_t n, const cs_fit_opts *o, start *starts, problem_store *sample,
                         double best[4], double *best_J, start *cands, size_t *n_cands)
{
    fit_problem *spb = pb;
    size_t m = n;
    if (n > SCREEN_MAX_ROWS) {
        m = SCREEN_MAX_ROWS;
        if (store_build(sample, zs, ys, ws, n, m, 0, o->tau, o->kappa, o->lambda_b, pb->cancel) != 0)
            return -1;
        spb = &sample->pb;
    }

    /* With few groups, M + 1 passes tabulate every group's loss and the
     * 250 inner solves of the screen then cost almost nothing per row. When
     * nearly every z is distinct, the screen (which only ranks starts) runs
     * on z rounded to at most SCREEN_LEVELS values, so that the table pays. */
    problem_store rounded = { 0 };
    fit_problem screen_pb = *spb;
    const size_t levels = spb->n / 8 < SCREEN_LEVELS ? spb->n / 8 : SCREEN_LEVELS;
    if (spb->G * 8 > spb->n && levels >= 32) {
        if (store_build(&rounded, zs, ys, ws, n, m, (int)levels, o->tau, o->kappa,
                        o->lambda_b, pb->cancel) != 0)
            return -1;
        screen_pb = rounded.pb;
    }
    double *table = NULL;
    screen_pb.evals = 0;
    if (screen_pb.G * 8 <= screen_pb.n) {
        int M = table_cells(o->kappa);
        table = malloc(screen_pb.G * (size_t)M * 6 * sizeof *table);
        if (!table || fitp_tabulate(&screen_pb, M, table) != 0) {
            free(table);
            store_free(&rounded);
            return -1;
        }
        screen_pb.table = table;
        screen_pb.table_m = M;
    }
    size_t ns = 0;
    int screened = screen(&screen_pb, zs, n, starts, &ns);
    free(table);
    store_free(&rounded);
    if (screened != 0)
        return -1;
    pb->evals += screen_pb.evals;

    size_t n_polish = pick_distinct(pb, starts, ns, POLISH_TRIES);
    if (spb != pb) {
        /* Large input: polish on the sample first; only the best two go on
         * to the full rows. */
        n_polish = polish_distinct(spb, starts, n_polish, POLISH_STARTS);
        pb->evals += spb->evals;
        qsort(starts, n_polish, sizeof *starts, start_cmp);
        n_polish = pick_distinct(pb, starts, n_polish, 2);
    }
    n_polish = polish_distinct(pb, starts, n_polish, POLISH_STARTS);
    for (size_t k = 0; k < n_polish; k++) {
        const double J = starts[k].J, *th = starts[k].th;
        if (cands) {
            cands[*n_cands] = (start){ .J = J, .order = (unsigned)*n_cands };
            memcpy(cands[*n_cands].th, th, sizeof cands[*n_cands].th);
            ++*n_cands;
        }
        if (isfinite(J) && J < *best_J) {
            *best_J = J;
            memcpy(best, th, 4 * sizeof *th);
        }
    }
    return 0;
}

/* The search ran at a kappa below the target (KAPPA_DIRECT): carry its
 * candidates through the kappa steps, polishing each on every row at every
 * step (full is rebuilt in place, so pb stays valid), and keep the best at
 * the target. A warm start, near the target's optimum already, is also
 * polished at the target directly. */
static int continue_kappa(problem_store *full, const double *zs, const double *ys,
                          const double *ws, size_t n, const cs_fit_opts *o, double kappa0,
                          start *cands, size_t nc, double best[4], double *best_J)
{
    fit_problem *pb = &full->pb;
    for (double k = kappa0; k < o->kappa;) {
        k = k * KAPPA_STEP < o->kappa ? k * KAPPA_STEP : o->kappa;
        unsigned evals = pb->evals;
        cs_cancel *cancel = pb->cancel;
        store_free(full);
        if (store_build(full, zs, ys, ws, n, n, 0, o->tau, k, o->lambda_b, cancel) != 0)
            return -1;
        pb->evals = evals;
        for (size_t c = 0; c < nc; c++)
            if (isfinite(cands[c].J))
                cands[c].J = fitp_local(pb, cands[c].th, 0, JOINT_ITER, FITP_EXACT);
    }
    *best_J = INFINITY;
    if (o->warm) {
        double th[4] = { 0.0, 0.0, 0.0, 0.0 };
        warm_search(pb, o->warm, th, best_J);
        if (isfinite(*best_J))
            memcpy(best, th, sizeof th);
    }
    for (size_t c = 0; c < nc; c++)
        if (isfinite(cands[c].J) && cands[c].J < *best_J) {
            *best_J = cands[c].J;
            memcpy(best, cands[c].th, sizeof cands[c].th);
        }
    return 0;
}

static int check_inputs(const double *z, const double *y, size_t n, const cs_fit_opts *o,
                        cs_error *err)
{
    if (n < CS_MIN_TASK_ROWS)
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "too few rows to fit: %zu (at least %d are needed)", n,
                            CS_MIN_TASK_ROWS);
    if (!(o->tau > 0.0 && o->tau < 1.0))
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "tau must be in (0, 1), got %g", o->tau);
    if (!(o->kappa > 0.0) || !isfinite(o->kappa))
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "kappa must be positive and finite, got %g",
                            o->kappa);
    if (!(o->lambda_b >= 0.0) || !isfinite(o->lambda_b))
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "lambda_b must be non-negative and finite, got %g", o->lambda_b);
    size_t positive = 0;
    double total = 0.0;
    for (size_t i = 0; i < n && o->weights; i++) {
        double w = o->weights[i];
        if (!(w >= 0.0) || !isfinite(w))
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "row %zu: weight %g is not a finite number >= 0", i + 1, w);
        positive += w > 0.0;
        total += w;
    }
    if (o->weights && !isfinite(total))
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "the weights' sum is not finite");
    if (o->weights && positive < CS_MIN_TASK_ROWS)
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "too few rows of positive weight to fit: %zu (at least %d are needed)",
                            positive, CS_MIN_TASK_ROWS);
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(z[i]))
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "row %zu: z is not finite", i + 1);
        if (!(y[i] >= 0.0 && y[i] <= 1.0))
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "row %zu: score %g is not a number in [0, 1]", i + 1, y[i]);
    }
    if (o->warm) {
        const cs_params *w = o->warm;
        if (!isfinite(w->y0) || !isfinite(w->L) || !isfinite(w->z_star) || !isfinite(w->b))
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "warm start is not finite");
    }
    return 0;
}

typedef struct zy_pair {
    double z, y, w;
} zy_pair;

static int pair_cmp(const void *a, const void *b)
{
    const zy_pair *p = a, *q = b;
    if (p->z != q->z)
        return p->z < q->z ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return (p->w > q->w) - (p->w < q->w);
}

/* An unsigned key that orders like the (finite) double. */
static uint64_t order_key(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u >> 63 ? ~u : u | (UINT64_C(1) << 63);
}

/* Sort (z, y) pairs by z, then y, so that rows in any input order give the
 * same grouped problem (bit-identical fits). Small inputs use qsort; large
 * ones an LSD radix sort on the 128-bit key (y's key, then z's, 8 bits a
 * pass; one read pass counts every digit, and passes whose digit is the same
 * for all keys are skipped). At 10^6 rows on the busy 2-core test machine
 * it took 85-130 ms, qsort 280-460 ms and gsl_sort_index with the gather
 * about 1000 ms. Returns -1 on no memory, or when cancelled (asked between
 * passes). */
static int sort_pairs(zy_pair *a, size_t n, cs_cancel *cancel)
{
    if (n < 65536) {
        qsort(a, n, sizeof *a, pair_cmp);
        return 0;
    }
    zy_pair *tmp = malloc(n * sizeof *tmp);
    size_t (*count)[256] = calloc(16, sizeof *count);
    if (!tmp || !count) {
        free(tmp);
        free(count);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t ky = order_key(a[i].y), kz = order_key(a[i].z);
        for (int d = 0; d < 8; d++) {
            count[d][(ky >> (8 * d)) & 0xff]++;
            count[8 + d][(kz >> (8 * d)) & 0xff]++;
        }
    }
    for (int pass = 0; pass < 16; pass++) {
        if (cs_cancel_asked(cancel)) {
            free(count);
            free(tmp);
            return -1;
        }
        const int shift = 8 * (pass % 8), on_z = pass >= 8;
        size_t *c = count[pass], sum = 0;
        int trivial = 0;
        for (int d = 0; d < 256; d++) {
            size_t k = c[d];
            trivial |= k == n;
            c[d] = sum; /* now the first slot of digit d */
            sum += k;
        }
        if (trivial)
            continue; /* every key has the same digit here */
        for (size_t i = 0; i < n; i++)
            tmp[c[(order_key(on_z ? a[i].z : a[i].y) >> shift) & 0xff]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
    free(count);
    free(tmp);
    return 0;
}

static int cancelled_error(cs_error *err)
{
    return cs_error_set(err, CS_ERR_CANCELLED, "", 0, "the boundary fit was cancelled");
}

int cs_fit_run(const double *z, const double *y, size_t n, const cs_fit_opts *o,
               cs_fit *out, cs_error *err)
{
    cs_fit_opts defaults;
    if (!o) {
        cs_fit_opts_init(&defaults);
        o = &defaults;
    }
    cs_cancel cancel = { o->cancel, o->cancel_arg, 0 };
    if (cs_cancel_asked(&cancel))
        return cancelled_error(err);
    if (!z || !y || !out)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no data to fit");
    if (check_inputs(z, y, n, o, err) != 0)
        return -1;

    int rc = -1;
    const double *w_in = o->weights;
    /* Equal positive weights change nothing but which rows count (those of
     * weight 0 are left out): the unweighted path is then used, which is
     * 2-3x faster (no log per row) and gives the plain fit bit for bit. */
    int uniform = 1;
    double w_first = 0.0;
    for (size_t i = 0; i < n && w_in && uniform; i++)
        if (w_in[i] > 0.0) {
            if (w_first == 0.0)
                w_first = w_in[i];
            else if (w_in[i] != w_first)
                uniform = 0;
        }
    zy_pair *pairs = malloc(n * sizeof *pairs);
    double *zs = malloc(n * sizeof *zs), *ys = malloc(n * sizeof *ys);
    double *ws = w_in && !uniform ? malloc(n * sizeof *ws) : NULL;
    start *starts = NULL;
    problem_store full = { 0 }, sample = { 0 };
    if (!pairs || !zs || !ys || (w_in && !uniform && !ws))
        goto nomem;
    size_t n_all = n;
    n = 0;
    for (size_t i = 0; i < n_all; i++)
        if (!w_in || w_in[i] > 0.0)
            pairs[n++] = (zy_pair){ z[i], y[i], w_in && !uniform ? w_in[i] : 1.0 };
    if (sort_pairs(pairs, n, &cancel) != 0)
        goto nomem;
    for (size_t i = 0; i < n; i++) {
        zs[i] = pairs[i].z;
        ys[i] = pairs[i].y;
        if (ws)
            ws[i] = pairs[i].w;
    }
    if (ws) {
        const int scale = weight_exponent(ws, n); /* exact: the fit is the same */
        for (size_t i = 0; i < n; i++)
            ws[i] = scalbn(ws[i], scale);
    }
    free(pairs);
    pairs = NULL;
    /* The search's kappa (see KAPPA_DIRECT); one level needs no search. */
    cs_fit_opts o_search = *o;
    if (o_search.kappa > KAPPA_DIRECT && zs[0] < zs[n - 1])
        o_search.kappa = KAPPA_DIRECT;
    if (store_build(&full, zs, ys, ws, n, n, 0, o->tau, o_search.kappa, o->lambda_b, &cancel) != 0)
        goto nomem;
    fit_problem *pb = &full.pb;

    double best[4] = { 0.0, 0.0, 0.0, 0.0 };
    double best_J = INFINITY;
    if (pb->z_lo == pb->z_hi) {
        /* One compute level: q(z_min) = y0 + L/2 is all the data can pin
         * down. z_star is that level, b sits at its lower bound (only the
         * ridge lambda_b b^2 depends on it), and the boundary is reported
         * flat (L = 0, y0 = the fitted level), so no growth is claimed. */
        double th[4] = { 0.0, 0.5, pb->z_lo, CS_B_MIN };
        fitp_local(pb, th, 1, JOINT_ITER, FITP_EXACT);
        th[FP_Y0] = th[FP_Y0] + 0.5 * th[FP_L];
        th[FP_L] = 0.0;
        fitp_project(pb, th);
        best_J = fitp_local(pb, th, 1, 0, FITP_EXACT);
        memcpy(best, th, sizeof best);
    } else {
        starts = malloc((size_t)((SCREEN_NZ + 5 + SCREEN_GAPS) * SCREEN_NB + SCREEN_NRANDOM + 1)
                        * sizeof *starts);
        if (!starts)
            goto nomem;
        start cands[POLISH_STARTS + 1];
        size_t nc = 0;
        if (o->warm) {
            warm_search(pb, o->warm, best, &best_J);
            if (isfinite(best_J)) {
                cands[nc] = (start){ .J = best_J, .order = 0 };
                memcpy(cands[nc++].th, best, sizeof best);
            }
        }
        /* warm_only, unless the local search from the warm start failed */
        if (!o->warm || !o->warm_only || !isfinite(best_J)) {
            if (global_search(pb, zs, ys, ws, n, &o_search, starts, &sample, best, &best_J,
                              cands, &nc) != 0)
                goto nomem;
        }
        if (o_search.kappa < o->kappa
            && continue_kappa(&full, zs, ys, ws, n, o, o_search.kappa, cands, nc, best,
                              &best_J) != 0)
            goto nomem;
    }
    if (isfinite(best_J) && pb->z_lo < pb->z_hi)
        best_J = snap_to_bounds(pb, best, best_J);
    if (cs_cancel_asked(&cancel)) { /* whatever was found is no result: passes were cut short */
        rc = cancelled_error(err);
        goto done;
    }
    if (!isfinite(best_J)) {
        rc = cs_error_set(err, CS_ERR_RUNTIME, "", 0, "the boundary fit did not converge");
        goto done;
    }

    out->p = (cs_params){ best[FP_Y0], best[FP_L], best[FP_ZS], best[FP_B] };
    /* With no row of weight 0 and equal weights, exactly the plain fit's sum. */
    out->objective = cs_objective_weighted(z, y, uniform && n == n_all ? NULL : w_in, n_all,
                                           &out->p, o->tau, o->kappa, o->lambda_b);
    if (!isfinite(out->objective)) {
        rc = cs_error_set(err, CS_ERR_RUNTIME, "", 0, "the boundary fit did not converge");
        goto done;
    }
    double below = 0.0, total = 0.0;
    for (size_t i = 0; i < n_all; i++) {
        double wi = !w_in ? 1.0 : uniform ? (w_in[i] > 0.0) : w_in[i];
        below += y[i] <= cs_q(&out->p, z[i]) ? wi : 0.0;
        total += wi;
    }
    out->coverage = below / total;
    out->n = n;
    out->z_min = pb->z_lo;
    out->z_max = pb->z_hi;
    out->tau = o->tau;
    out->kappa = o->kappa;
    out->lambda_b = o->lambda_b;
    out->evals = pb->evals;
    rc = 0;
    goto done;

nomem:
    /* The sort and the table also stop this way when cancelled. */
    if (cs_cancel_asked(&cancel))
        rc = cancelled_error(err);
    else {
        rc = cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory fitting %zu rows", n);
        errno = ENOMEM; /* fit.h: told apart from no convergence */
    }
done:
    free(starts);
    store_free(&sample);
    store_free(&full);
    free(pairs);
    free(zs);
    free(ys);
    free(ws);
    return rc;
}
