/* band.c - the variance of the fitted boundary (band.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "tui/band.h"

/* The p-quantile of r as gsl_stats_quantile_from_sorted_data would give on
 * the sorted r (linear interpolation between order statistics), by
 * selection: O(n) where sorting a million residuals took 150 ms. Reorders r. */
static double quantile_by_select(double *r, size_t n, double p)
{
    double index = p * (double)(n - 1);
    size_t lhs = (size_t)index;
    double delta = index - (double)lhs;
    double lo = gsl_stats_select(r, 1, n, lhs);
    if (delta == 0 || lhs + 1 >= n)
        return lo;
    /* Selection leaves every value after lhs at least r[lhs]: the next
     * order statistic is their minimum. */
    double hi = r[lhs + 1];
    for (size_t i = lhs + 2; i < n; i++)
        if (r[i] < hi)
            hi = r[i];
    return (1 - delta) * lo + delta * hi;
}

/* f(0) of the residuals by a Gaussian kernel, Silverman's rule of thumb
 * (0.9 min(sd, IQR / 1.34) n^-1/5). NaN when it cannot be estimated. */
static double density_at_zero(double *r, size_t n)
{
    double sd = gsl_stats_sd(r, 1, n);
    double q75 = quantile_by_select(r, n, 0.75), q25 = quantile_by_select(r, n, 0.25);
    double iqr = q75 - q25;
    double spread = iqr > 0 ? fmin(sd, iqr / 1.34) : sd;
    if (!(spread > 0))
        return NAN;
    double h = 0.9 * spread * pow((double)n, -0.2), sum = 0;
    for (size_t i = 0; i < n; i++) {
        double u = r[i] / h;
        sum += exp(-0.5 * u * u);
    }
    return sum / (n * h * sqrt(2 * M_PI));
}

static void add_outer(double m[16], const double g[4])
{
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            m[4 * i + j] += g[i] * g[j];
}

/* Inverse of a symmetric positive definite 4x4; -1 when singular. */
static int invert(const double m[16], double out[16])
{
    double a[16];
    memcpy(a, m, sizeof a);
    /* A tiny ridge relative to the diagonal keeps a design whose rows all sit
     * on the flat part of the sigmoid (b's column near zero) invertible. */
    double tr = a[0] + a[5] + a[10] + a[15];
    for (int i = 0; i < 4; i++)
        a[5 * i] += 1e-12 * tr;
    return cs_design_inverse(a, out);
}

int tui_band_compute(tui_band *b, const cs_fit *f, const double *z, const double *y, size_t n,
                     const double *add_z, size_t n_add, double tau)
{
    memset(b, 0, sizeof *b);
    if (n < 8 || !(tau > 0 && tau < 1))
        return -1;
    double *r = malloc(n * sizeof *r);
    if (!r)
        return -1;
    b->prior = cs_design_prior_from_params(&f->p);
    double m[16] = { 0 }, g[4];
    for (size_t i = 0; i < n; i++) {
        r[i] = y[i] - cs_fit_predict(f, z[i]);
        cs_design_features(&b->prior, z[i], g);
        add_outer(m, g);
    }
    double f0 = density_at_zero(r, n);
    free(r);
    if (!(f0 > 0) || !isfinite(f0) || invert(m, b->inv_before) < 0)
        return -1;
    for (size_t i = 0; i < n_add; i++) {
        cs_design_features(&b->prior, add_z[i], g);
        add_outer(m, g);
    }
    if (invert(m, b->inv_after) < 0)
        memcpy(b->inv_after, b->inv_before, sizeof b->inv_after);
    b->scale = tau * (1 - tau) / (f0 * f0);
    b->n = n;
    b->n_added = n_add;
    b->z_min = f->z_min;
    b->z_max = f->z_max;
    b->ok = 1;
    return 0;
}

double tui_band_sd(const tui_band *b, int after, double z)
{
    if (!b->ok)
        return NAN;
    const double *inv = after ? b->inv_after : b->inv_before;
    /* The prediction beyond the range is q at its end (method.md, section
     * 4): the unclamped sigmoid's gradient there would widen a flat line. */
    if (z < b->z_min)
        z = b->z_min;
    if (z > b->z_max)
        z = b->z_max;
    double g[4], v = 0;
    cs_design_features(&b->prior, z, g);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            v += g[i] * inv[4 * i + j] * g[j];
    return v > 0 ? sqrt(b->scale * v) : 0;
}
