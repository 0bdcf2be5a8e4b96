/* band.h - how uncertain the fitted boundary is, and how much scoring the
 * suggested models would help.
 *
 * Method. The band is the asymptotic pointwise interval of a quantile
 * regression (Koenker 2005, section 4.2, the iid case) at the fitted
 * boundary q:
 *
 *     Var q(z) = tau (1 - tau) / f(0)^2  *  g(z)' (G'G)^-1 g(z)
 *
 * where g is the gradient of q with respect to its four parameters
 * (cs_design_features, the design's own linearisation), G stacks g over
 * the rows the boundary was fitted on, and f(0) is the density of the
 * residuals y - q(z) at zero (a Gaussian kernel estimate, Silverman's
 * bandwidth). "After" adds the gradients of rows that have no score yet
 * (the suggested models), as if each were scored once: the same noise,
 * more rows where the design put them. Drawn as q(z) +- CS_BAND_Z sd(z).
 *
 * A boundary fitted with design weights w_i (cs_design_weights: each scored
 * row stands for the rows of its group) gets the survey sandwich instead,
 *
 *     Var q(z) = tau (1 - tau) / f_w(0)^2  *  g' A^-1 B A^-1 g,
 *     A = sum w_i g_i g_i',  B = sum w_i^2 g_i g_i',
 *
 * with f_w(0) the weighted kernel estimate (band.c derives it). It is
 * invariant to the weights' scale, is the band above when they are all
 * equal, and is not the band of the rows repeated w_i times: a row standing
 * for others is one draw, not w_i of them.
 *
 * Assumptions: the residuals' density at zero is the same at every z
 * (Koenker's iid case), the fit is at its optimum (the band is about it,
 * not about how it was found), n is large enough for the normal
 * approximation (at least 8 rows are required, which is a floor, not a
 * guarantee), and a row's weight does not depend on its score. The bias of
 * a wrong boundary shape is not in the band.
 *
 * Cost: O(n) with one exp() per row and a 4x4 factorisation; with weights a
 * sort of the residuals (O(n log n)). Re-entrant; allocates O(n).
 */
#ifndef CAPSCOPE_BAND_H
#define CAPSCOPE_BAND_H

#include <stddef.h>

#include "capscope/design.h"
#include "capscope/fit.h"

#define CS_BAND_Z 1.6448536269514722   /* two-sided 90%: the 0.95 normal quantile */
#define CS_BAND_MIN_ROWS 8             /* the floor of the normal approximation (above) */

typedef struct cs_band {
    int ok;                  /* 0: too few rows, a singular design, or cancelled */
    cs_design_prior prior;
    double scale;            /* tau (1 - tau) / f(0)^2 */
    /* g' (G'G)^-1 g, or g' A^-1 B A^-1 g with weights */
    cs_design_sandwich before;
    cs_design_sandwich after; /* with the added rows */
    size_t n;                /* the rows the band is from: those of a positive weight */
    size_t n_added;          /* the rows added for "after", as given */
    double z_min, z_max;     /* the fit's range: q, and so its variance, is clamped to it */
} cs_band;

/* The rows of a band. */
typedef struct cs_band_rows {
    const double *z, *y;     /* the n rows the boundary was fitted on */
    const double *w;         /* their design weights (finite, >= 0), or NULL: all 1 */
    size_t n;
    const double *add_z;     /* the compute of n_add rows to add for "after" (may be NULL) */
    size_t n_add;
    const double *w_after;   /* the n rows' weights once those are scored (NULL: w) */
    const double *add_w;     /* the added rows' weights (NULL: 1 each) */
    /* Asked now and then (every 65,536 rows); nonzero gives up (-1). NULL: never. */
    int (*cancel)(void *arg);
    void *cancel_arg;
} cs_band_rows;

/* cs_band_compute_rows for the n unweighted rows (z, y) that f was fitted
 * on, no cancel; add_z: the compute of n_add rows to add for "after" (may
 * be NULL). Returns 0, or -1 (b->ok == 0). */
int cs_band_compute(cs_band *b, const cs_fit *f, const double *z, const double *y, size_t n,
                    const double *add_z, size_t n_add, double tau);

/* The same for rows that may carry weights; rows of weight 0 do not count
 * (at least 8 must have a positive weight). tau must be inside (0, 1).
 * Returns 0, or -1 (b->ok == 0): too few rows, a weight negative or not
 * finite, residuals without spread, a singular design, out of memory (then
 * errno is ENOMEM), or cancelled. */
int cs_band_compute_rows(cs_band *b, const cs_fit *f, const cs_band_rows *rows, double tau);

/* Standard deviation of q(z) before (after == 0) or after the additions;
 * z outside the fit's range is taken at the nearest end, as cs_fit_predict
 * takes it. NaN when b->ok is 0. */
double cs_band_sd(const cs_band *b, int after, double z);

#endif
