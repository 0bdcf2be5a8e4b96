/* costtext.c - the figures of a budget for people (costtext.h). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>

#include "capscope/costtext.h"

int cs_cost_decimals_for(double v, int significant)
{
    if (!(v > 0) || !isfinite(v))
        return 0;
    int dec = significant - 1 - (int)floor(log10(v));
    return dec < 0 ? 0 : dec > CS_COST_DEC_MAX ? CS_COST_DEC_MAX : dec;
}

/* The decimals that write c exactly (0.56: 2), or -1 when more than
 * CS_COST_DEC_MAX would be needed (1/3); c's own rounding error aside. */
static int exact_decimals(double c)
{
    double p = 1;
    for (int d = 0; d <= CS_COST_DEC_MAX; d++, p *= 10)
        if (fabs(c * p - nearbyint(c * p)) < 1e-6 + fabs(c * p) * 4 * DBL_EPSILON)
            return d;
    return -1;
}

int cs_cost_decimals(const cs_design_result *d, int column)
{
    int dec = cs_cost_decimals_for(d->budget, 3);
    double cheapest = INFINITY, dearest = 0;
    int exact = 0;
    for (size_t k = 0; k < d->n_picks; k++) {
        double c = d->picks[k].cost;
        if (isfinite(c) && c > 0) {
            cheapest = c < cheapest ? c : cheapest;
            dearest = c > dearest ? c : dearest;
            int e = exact_decimals(c);
            exact = e < 0 || exact < 0 ? -1 : e > exact ? e : exact;
        }
    }
    if (!isfinite(cheapest))
        return dec;
    int want = exact >= 0 ? exact : cs_cost_decimals_for(cheapest, 1);
    if (want <= dec || column <= 0)
        return want > dec ? want : dec;
    /* "dddd.dd" in the column, its blank before it included */
    int room = column - 2 - (dearest >= 1 ? (int)floor(log10(dearest)) + 1 : 1);
    return want < room ? want : room > dec ? room : dec;
}

int cs_cost_powers(const double *figures, size_t n)
{
    /* Small figures by the largest: "left 0.0" beside a budget of 100 is
     * what is left, and need not put the whole header in powers. */
    double largest = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(figures[i]) && fabs(figures[i]) > largest)
            largest = fabs(figures[i]);
    return largest >= CS_COST_POWERS_FROM || (largest > 0 && largest < CS_COST_POWERS_BELOW);
}

const char *cs_cost_format(int dec, int powers, char *buf, size_t size)
{
    if (powers)
        snprintf(buf, size, "%%.1e");
    else
        snprintf(buf, size, "%%.%df", dec < 0 ? 0 : dec > CS_COST_DEC_MAX ? CS_COST_DEC_MAX : dec);
    return buf;
}

const char *cs_cost_text(double v, int dec, int powers, char *buf, size_t size)
{
    char fmt[16];
    int d = dec < 0 ? 0 : dec > CS_COST_DEC_MAX ? CS_COST_DEC_MAX : dec;
    /* A cost is never written as if free: one too small for the decimals. */
    int reads_zero = v != 0 && fabs(v) < 0.5 * pow(10, -d);
    cs_cost_format(d, powers || !isfinite(v) || reads_zero, fmt, sizeof fmt);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(buf, size, fmt, v);
#pragma GCC diagnostic pop
    return buf;
}
