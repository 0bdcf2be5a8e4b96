/* band_fixture.h - the band's test boundary and rows, shared by test_band.c
 * (the statistics) and test_tui_logic.c (the worker's band job).
 *
 * q = 0.1 + 0.8 sigmoid(z - 22) fitted on [20, 24]; band_rows: eight rows
 * at z = 20, 20.5, ..., 23.5 whose residuals y - q are -a, +a, -a, +a, ...
 * with a = BAND_A; band_weighted_rows: 64 rows at z = 20 .. 23.9375,
 * residuals of a few sizes (so quartiles interpolate), and weights 1 .. 5
 * in a cycle.
 */
#ifndef CAPSCOPE_TEST_BAND_FIXTURE_H
#define CAPSCOPE_TEST_BAND_FIXTURE_H

#include <stddef.h>
#include <string.h>

#include "capscope/fit.h"

#define BAND_N 8
#define BAND_A 0.01
#define BAND_WN 64

static inline cs_fit band_fit(void)
{
    cs_fit f;
    memset(&f, 0, sizeof f);
    f.p.y0 = 0.1;
    f.p.L = 0.8;
    f.p.z_star = 22;
    f.p.b = 1;
    f.z_min = 20;
    f.z_max = 24;
    f.tau = 0.98;
    return f;
}

static inline void band_rows(const cs_fit *f, double *z, double *y)
{
    for (size_t i = 0; i < BAND_N; i++) {
        z[i] = 20 + 0.5 * (double)i;
        y[i] = cs_fit_predict(f, z[i]) + (i % 2 ? BAND_A : -BAND_A);
    }
}

static inline void band_weighted_rows(const cs_fit *f, double *z, double *y, double *w)
{
    static const double res[] = { -0.013, 0.004, -0.002, 0.011, 0.007, -0.009, 0.001 };
    for (size_t i = 0; i < BAND_WN; i++) {
        z[i] = 20 + 0.0625 * (double)i;
        y[i] = cs_fit_predict(f, z[i]) + res[i % 7];
        w[i] = (double)(1 + i % 5);
    }
}

#endif
