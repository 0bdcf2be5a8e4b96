/* fit_local.h - private to the fit module: the grouped problem and its local solver.
 *
 * Rows that share a compute value share q(z) and the sigmoid, so the problem
 * keeps the rows grouped by distinct z (ascending). One pass over the rows
 * gives, per group, the smoothed loss, its slope and its curvature in q; the
 * derivatives in the four parameters follow per group. The local solver is a
 * Levenberg-Marquardt damped Newton method whose step solves the quadratic
 * model over the feasible polytope exactly (every face is tried), so bounds
 * are reached exactly, not approached.
 */
#ifndef CAPSCOPE_FIT_LOCAL_H
#define CAPSCOPE_FIT_LOCAL_H

#include <stddef.h>

#include "cancel.h"

/* Parameter order in the 4-vectors below. */
enum { FP_Y0 = 0, FP_L = 1, FP_ZS = 2, FP_B = 3 };

typedef struct fit_problem {
    size_t n;             /* rows */
    size_t G;             /* distinct z values (groups) */
    const double *zg;     /* G distinct z, ascending */
    const size_t *start;  /* G + 1 offsets of each group's rows */
    const double *ey;     /* per row exp(-kappa (y - 1/2)) (factored path only) */
    const double *ky;     /* per row kappa * y */
    /* tau < 1/2: ey and ky are taken of -y (exp(kappa (y - 1/2)), -kappa y),
     * and the loss is summed in its mirrored form (see fit_local.c). */
    int mirror;
    const double *sum_y;  /* per group sum of y (weighted when wt is set) */
    /* Optional row weights (NULL: every row weighs 1). With them each row's
     * loss counts wt[i] times, w_g holds each group's total weight and W the
     * total, which divides the sum in place of n (W <= 0: use n). */
    const double *wt;
    const double *w_g;
    double W;
    double tau, kappa, lambda_b;
    int factored;         /* exp(kappa (q - y)) = ey * exp(kappa (q - 1/2)) is safe */
    double z_lo, z_hi;    /* bounds of z_star */
    unsigned evals;       /* passes over the rows so far */
    /* Optional: f_k(q) tabulated as quintic Hermite pieces on table_m equal
     * cells of [0, 1] (6 coefficients per group and cell). Used to rank the
     * starts cheaply when there are far fewer groups than rows. */
    const double *table;
    int table_m;
    double *s_cache;      /* G doubles of scratch for the inner problem, or NULL */
    cs_cancel *cancel;  /* asked once a pass over the rows; NULL: never */
} fit_problem;

static inline int fitp_cancelled(const fit_problem *pb)
{
    return cs_cancel_asked(pb->cancel);
}

/* What the row losses are divided by: W, or n when unweighted. */
double fitp_total_weight(const fit_problem *pb);

/* J at th; with g (and H, 4x4 row-major) not NULL also its gradient and
 * Hessian. th must be feasible (q in [0, 1]). NaN when cancelled. */
double fitp_eval(fit_problem *pb, const double th[4], double g[4], double H[16]);

/* How far J as evaluated at th (J its value) may be from J computed
 * exactly: the sums behind it hold terms as large as y + q per row, whose
 * rounding is far above eps J where J is small, and grows like the square
 * root of the rows summed. Two values of J closer than this are equal as
 * far as the evaluation can tell. */
double fitp_rounding(const fit_problem *pb, const double th[4], double J);

/* Fill table (G * M * 6 doubles) from M + 1 passes over the rows: value,
 * slope and curvature of every f_k at q = j / M. Returns -1 on no memory
 * or when cancelled. */
int fitp_tabulate(fit_problem *pb, int M, double *table);

/* Local minimisation from th (feasible), in place. frozen_shape != 0 keeps
 * z_star and b fixed (the inner problem in (y0, L), which is convex).
 * max_iter bounds the Newton iterations; the search stops when the model
 * promises a decrease below rtol * J (FITP_EXACT: rounding level, and a last
 * Newton step then takes the gradient to rounding level too). Returns J at
 * the result, or a non-finite value if the evaluation failed or the fit was
 * cancelled. */
#define FITP_EXACT 1e-15
double fitp_local(fit_problem *pb, double th[4], int frozen_shape, int max_iter, double rtol);

/* Clamp th into the feasible set exactly (y0 + L <= 1 holds in floating point). */
void fitp_project(const fit_problem *pb, double th[4]);

#endif
