/* view.c - zoom and pan of the plot window. */
#include <math.h>

#include "capscope/plot.h"
#include "tui/view.h"

void tui_view_auto(tui_view *v, double z_lo, double z_hi)
{
    /* capscope plot's view of the same points (a margin of its own here
     * set the ticks of a task at one compute elsewhere than the CLI's). */
    if (!isfinite(z_lo) || !isfinite(z_hi) || z_hi < z_lo)
        z_lo = z_hi = 22.0;
    cs_plot_auto_x_view(z_lo, z_hi, &v->x_min, &v->x_max);
    v->y_min = 0.0;
    v->y_max = 1.0;
    v->manual = 0;
}

static void zoom_axis(double *lo, double *hi, double f, double c, double min_span)
{
    double span = *hi - *lo;
    if (!(f > 0) || !isfinite(f))
        return;
    if (!(c >= *lo && c <= *hi))
        c = 0.5 * (*lo + *hi);
    double nspan = span * f;
    if (nspan < min_span)
        nspan = min_span;
    if (nspan > 1e6)
        nspan = 1e6;
    double t = span > 0 ? (c - *lo) / span : 0.5;
    *lo = c - t * nspan;
    *hi = *lo + nspan;
}

/* Zooming out near an edge of accuracy [0, 1] grew the window past it, an
 * axis of negative accuracy beside room left above: the window is slid to
 * show as much of [0, 1] as its height holds. */
static void toward_unit_range(double *lo, double *hi)
{
    double span = *hi - *lo, shift = 0;
    if (span <= 1)
        shift = *lo < 0 ? -*lo : *hi > 1 ? 1 - *hi : 0;
    else
        shift = *lo > 0 ? -*lo : *hi < 1 ? 1 - *hi : 0;
    *lo += shift;
    *hi = *lo + span;
}

void tui_view_zoom(tui_view *v, double fx, double fy, double cz, double cy)
{
    zoom_axis(&v->x_min, &v->x_max, fx, cz, TUI_VIEW_MIN_SPAN_X);
    zoom_axis(&v->y_min, &v->y_max, fy, cy, TUI_VIEW_MIN_SPAN_Y);
    if (fy > 1)
        toward_unit_range(&v->y_min, &v->y_max);
    v->manual = 1;
}

/* One axis of tui_view_clamp. */
static void clamp_axis(double *lo, double *hi, double data_lo, double data_hi, double max_span)
{
    double span = *hi - *lo;
    if (span > max_span) {
        double c = 0.5 * (*lo + *hi);
        span = max_span;
        *lo = c - 0.5 * span;
        *hi = *lo + span;
    }
    if (*hi < data_lo) {
        *hi = data_lo;
        *lo = data_lo - span;
    } else if (*lo > data_hi) {
        *lo = data_hi;
        *hi = data_hi + span;
    }
}

void tui_view_clamp(tui_view *v, double z_lo, double z_hi)
{
    clamp_axis(&v->y_min, &v->y_max, 0, 1, TUI_VIEW_MAX_SPAN_Y);
    if (isfinite(z_lo) && isfinite(z_hi) && z_hi >= z_lo) {
        double d = z_hi - z_lo;
        clamp_axis(&v->x_min, &v->x_max, z_lo, z_hi, TUI_VIEW_MAX_ZOOM_OUT_X * (d > 1 ? d : 1));
    }
}

void tui_view_pan(tui_view *v, double fx, double fy)
{
    double dx = fx * (v->x_max - v->x_min), dy = fy * (v->y_max - v->y_min);
    v->x_min += dx;
    v->x_max += dx;
    v->y_min += dy;
    v->y_max += dy;
    v->manual = 1;
}

int tui_view_contains(const tui_view *v, double z, double y)
{
    return z >= v->x_min && z <= v->x_max && y >= v->y_min && y <= v->y_max;
}
