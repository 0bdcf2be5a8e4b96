/* fit.h - the capability boundary: a constrained smoothed-pinball sigmoid fit.
 *
 *   q(z) = y0 + L * sigmoid(b * (z - z_star)),  z = log10 FLOPs
 *   J    = (1/n) sum rho_kappa(y_i - q(z_i)) + lambda_b * b^2
 *   rho_kappa(u) = softplus(kappa u) / kappa + (tau - 1) u
 *
 * subject to 0 <= y0, 0 <= L, y0 + L <= 1, z_min <= z_star <= z_max (of the
 * fitting rows) and CS_B_MIN <= b <= CS_B_MAX. The constraints hold exactly:
 * every returned parameter vector is feasible, and optima on a bound are
 * reached, not approached. Method: ../shared/docs/method.md, sections 2-3.
 *
 * cs_fit is deterministic (fixed internal seed) and re-entrant: no global
 * state, the caller owns all memory. It reaches an objective no higher than
 * the reference implementation's on the same data.
 */
#ifndef CAPSCOPE_FIT_H
#define CAPSCOPE_FIT_H

#include <math.h>
#include <stddef.h>

#include "capscope/error.h"

#define CS_B_MIN 0.05
#define CS_B_MAX 50.0
#define CS_TAU_DEFAULT 0.98
#define CS_KAPPA_DEFAULT 50.0
#define CS_LAMBDA_B_DEFAULT 1e-3

typedef struct cs_params {
    double y0, L, z_star, b;
} cs_params;

typedef struct cs_fit_opts {
    double tau;       /* quantile level, in (0, 1) */
    double kappa;     /* smoothing; larger is closer to the pinball loss, > 0 */
    double lambda_b;  /* ridge on b, >= 0 */
    /* Optional warm start (e.g. the fit at the previous cut date while
     * scrubbing). With warm_only the global multi-start is skipped and only a
     * local search from *warm (and its neighbourhood) is run: much faster, and
     * right whenever the data changed a little. */
    const cs_params *warm;
    int warm_only;
    /* Optional row weights, one per row given to cs_fit_run (NULL: all 1).
     * Row i's loss counts weights[i] times and the sum is divided by the
     * total weight, so weights that are all equal give the unweighted fit.
     * Each must be finite and >= 0; rows of weight 0 are left out (of the
     * range of z too). Used to refit a design that is out of proportion
     * with its pool (see design.h, cs_design_weights). */
    const double *weights;
    /* Optional (NULL: never). cs_fit_run calls cancel(cancel_arg) in its
     * own thread at its start and at least once a pass over the rows; the
     * first nonzero answer stops it (it asks no more), and it returns -1
     * with err->kind CS_ERR_CANCELLED, leaving *out untouched. Typically
     * the load of a flag another thread sets (the TUI's worker). */
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
} cs_fit_opts;

typedef struct cs_fit {
    cs_params p;
    double objective;   /* J at p */
    double coverage;    /* in-sample fraction of rows with y <= q(z) (of the weight, when weighted) */
    size_t n;           /* rows fitted (of positive weight) */
    double z_min, z_max;/* range of the fitting rows; predictions clamp to it */
    double tau, kappa, lambda_b;
    unsigned evals;     /* passes over the rows (each gives the objective with its
                           gradient and Hessian) used (for benchmarks) */
} cs_fit;

/* Defaults of method.md: tau 0.98, kappa 50, lambda_b 1e-3, no warm start,
 * no weights, no cancel. */
void cs_fit_opts_init(cs_fit_opts *o);

/* The logistic function 1 / (1 + e^-t), without overflow for any t; inline
 * because the fit and the design call it once per row in their inner loops. */
static inline double cs_sigmoid(double t)
{
    return t >= 0.0 ? 1.0 / (1.0 + exp(-t)) : exp(t) / (1.0 + exp(t));
}

/* Stable softplus log(1 + e^t) and the smoothed check loss. */
double cs_softplus(double t);
double cs_rho(double u, double tau, double kappa);

/* The boundary q(z), unclamped. */
double cs_q(const cs_params *p, double z);

/* q at z clamped to [f->z_min, f->z_max] (method.md, section 4). */
double cs_fit_predict(const cs_fit *f, double z);

/* The objective J at p over n rows. */
double cs_objective(const double *z, const double *y, size_t n, const cs_params *p,
                    double tau, double kappa, double lambda_b);

/* The same with row weights w (NULL: all 1): the sum of w_i rho_i divided by
 * the sum of w_i, plus the ridge. */
double cs_objective_weighted(const double *z, const double *y, const double *w, size_t n,
                             const cs_params *p, double tau, double kappa, double lambda_b);

/* Fit n >= CS_MIN_TASK_ROWS rows (z, y) (of positive weight, with
 * o->weights); y in [0, 1], all finite. Returns 0, or -1 with err set (too
 * few rows, a non-finite z, a y outside [0, 1], a weight that is negative or
 * not finite, bad options: CS_ERR_INPUT; no convergence or no memory: CS_ERR_RUNTIME,
 * errno ENOMEM for the latter, which a caller may try again;
 * o->cancel said stop: CS_ERR_CANCELLED, *out untouched). o may
 * be NULL for the defaults. When every z is equal, only q at that z is
 * identified: the result is z_star = that z, b = CS_B_MIN, L = 0 and y0 the
 * fitted level (a flat boundary, claiming no growth). */
int cs_fit_run(const double *z, const double *y, size_t n, const cs_fit_opts *o,
               cs_fit *out, cs_error *err);

/* The least compute at which the boundary reaches `accuracy`, from the
 * sigmoid itself (not clamped): the ceiling is y0 + L.
 *   accuracy <= q(z_min)    -> returns CS_REACHED_AT_MIN, *z = z_min (already
 *                              reached by the smallest model fitted; so too
 *                              y0 on a flat boundary, L = 0);
 *   accuracy >= y0 + L      -> returns CS_UNREACHABLE, *z untouched;
 *   otherwise               -> *z = z_star + logit((accuracy - y0) / L) / b,
 *                              returns CS_REACHABLE, or CS_EXTRAPOLATED when
 *                              *z > z_max (beyond the data: say so to the user). */
enum { CS_UNREACHABLE = 0, CS_REACHABLE = 1, CS_REACHED_AT_MIN = 2, CS_EXTRAPOLATED = 3 };
int cs_fit_require(const cs_fit *f, double accuracy, double *z);

#endif
