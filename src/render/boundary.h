/* boundary.h - a drawn boundary's height at z, for the text plot (plot.c)
 * and the SVG (svg.c), so that the two exports draw one curve.
 * Internal to the renderer.
 *
 * The arithmetic is the core's (cs_q), the q the fit reports and the band's
 * centre (cs_fit_predict) is drawn around: plot.c once wrote it out again as
 * y0 + L / (1 + exp(-t)) so as not to link the core, which the renderer does
 * anyway since the SVG draws the band. Neither is more exact: they differ
 * only for t < 0, by rounding, and on 52 fits (tau 0.5 to 0.99, the demo and
 * the OLL data, 200,001 points of each fitting range) both stayed within
 * 2.6 ulp of q worked in quad precision from the same t, each the nearer at
 * about half the points where they differ; no drawing changed. */
#ifndef CAPSCOPE_RENDER_BOUNDARY_H
#define CAPSCOPE_RENDER_BOUNDARY_H

#include "capscope/fit.h"

/* q(z), with z clamped to [lo, hi] (flat outside) when lo <= hi; an empty
 * or NaN range has nothing to clamp to, and the curve is drawn unclamped. */
static inline double cs_plot_q(const cs_params *p, double lo, double hi, double z)
{
    if (lo <= hi)
        z = z < lo ? lo : z > hi ? hi : z;
    return cs_q(p, z);
}

#endif
