/* band_internal.h - the band's two estimates of the residuals (band.c), for
 * its unit test; core-internal, not a public contract.
 */
#ifndef CAPSCOPE_BAND_INTERNAL_H
#define CAPSCOPE_BAND_INTERNAL_H

#include <stddef.h>

#include "cancel.h"

/* The p-quantile of sorted r (n >= 1) with positive weights w summing to
 * total: the order statistic i sits at the middle of its weight, u_i = w_0
 * + ... + w_(i-1) + w_i / 2, and the quantile interpolates linearly between
 * the two r_i whose u_i bracket u_0 + p (u_(n-1) - u_0). With every weight 1
 * it is gsl_stats_quantile_from_sorted_data's. */
double cs_band_weighted_quantile(const double *r, const double *w, size_t n, double total, double p);

/* The density at zero of the n residuals r by a Gaussian kernel, Silverman's
 * rule of thumb for the bandwidth, h = 0.9 min(sd, IQR / 1.34) n^-1/5; with
 * weights w (NULL: none) each residual counts w_i, sd and the quartiles are
 * weighted, and n is Kish's effective size (sum w)^2 / sum w^2. Reorders r
 * (and w along). NaN when the residuals have no spread or c said stop. */
double cs_band_density_at_zero(double *r, double *w, size_t n, cs_cancel *c);

#endif
