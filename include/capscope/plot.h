/* plot.h - the scatter of (log10 FLOPs, accuracy) with boundaries, on a canvas.
 *
 * cs_plot_draw lays out a gutter for y labels (sized to the widest label),
 * an x axis with ticks at integer decades ("1e22" in ASCII, "10²²" otherwise;
 * a label that would overlap is dropped, not all of them), y ticks at 0, .25,
 * .5, .75, 1, then draws points (density where they overlap), curves on top,
 * and the cursor. The same drawing serves `capscope plot`, the TUI's plot
 * pane and golden tests. Nothing here knows about curses.
 *
 * Layout of a canvas of C x R cells: the title on row 0 (when there is one
 * and R >= 4); the x tick labels on the last row, the x axis above it; the y
 * labels right-aligned in a gutter as wide as the widest label, a space, the
 * y axis; the plot area is what is left, up and right. A canvas too small
 * for axes (fewer than 3 rows under the title, or no column left for the
 * area) is all plot area. Axes use box drawing (ASCII '|', '-', '+' on an
 * ascii canvas). Points outside the view are left out, points on its edge
 * are drawn; a dot column shows the curve at its centre, and consecutive
 * columns are joined by a line so steep parts stay connected. Bands shade
 * the cells between their two curves (canvas.h: the shade layer). Curves
 * and bands past the view (a zoomed y range) stop at the area's edge.
 * The auto-fitted x view is the data's range (or, with no points, the
 * curves' [z_lo, z_hi]; with neither, [20, 26]) widened by 3% each side,
 * or by half a decade when all points share one z. A view that is not
 * finite or is narrower than 1e-9 counts as unset.
 */
#ifndef CAPSCOPE_PLOT_H
#define CAPSCOPE_PLOT_H

#include <stddef.h>

#include "capscope/band.h"
#include "capscope/canvas.h"
#include "capscope/fit.h"

typedef struct cs_plot_series {
    const double *z, *y;      /* n points */
    size_t n;
    cs_style style;
} cs_plot_series;

typedef struct cs_plot_curve {
    cs_params p;              /* drawn over [z_lo, z_hi], flat (clamped) outside */
    double z_lo, z_hi;        /* z_lo > z_hi or NaN: not clamped */
    cs_style style;
    /* Shown at the curve's right end in the view, on the row above it (below
     * at the top), not over another curve's label; NULL: none. Overlays that
     * share a colour are told apart by it. */
    const char *label;
} cs_plot_curve;

typedef struct cs_plot_band {
    cs_params lo, hi;         /* shade between two curves */
    double z_lo, z_hi;
    cs_style style;
} cs_plot_band;

typedef struct cs_plot_spec {
    double x_min, x_max;      /* view in log10 FLOPs; x_min >= x_max: fit to data */
    double y_min, y_max;      /* view in accuracy; y_min >= y_max: [0, 1] */
    const cs_plot_series *series; size_t n_series;
    const cs_plot_curve *curves;  size_t n_curves;
    const cs_plot_band *bands;    size_t n_bands;
    int cursor_set;           /* draw a cursor at (cursor_z, cursor_y) */
    double cursor_z, cursor_y;
    const char *title;        /* optional, top line */
    int unicode_labels;       /* 10²² style ticks (else 1e22) */
    /* Nonzero: names the values of series[0 .. n_kept_series), so that a
     * canvas drawn again with the same key, view and layout takes their
     * dots from the last drawing (cs_canvas_points_keep) instead of
     * setting them one by one. The caller changes the key whenever those
     * values may have changed; 0 (cs_plot_spec_init) draws every time. */
    unsigned long long points_key;
    size_t n_kept_series;
} cs_plot_spec;

/* Plot area geometry after layout, to map screen cells back to data (mouse, cursor). */
typedef struct cs_plot_layout {
    int area_col, area_row, area_cols, area_rows;   /* the plot area in cells */
    double x_min, x_max, y_min, y_max;              /* the view actually used */
    int dots_x, dots_y;                             /* dots a cell holds (charset); 0: 1 */
    /* Curves with a label, drawn in the view, whose label found no room
     * (no free row near the curve's end, or wider than the area): the
     * caller says that some lines are unnamed, which the plot cannot. */
    size_t n_unlabelled;
} cs_plot_layout;

void cs_plot_spec_init(cs_plot_spec *s);

/* 1 when [lo, hi] is a view the drawing's arithmetic can take: finite,
 * ordered and at least 1e-9 wide (a scale factor overflows below). A spec's
 * view that is not is replaced (x: fitted to the data; y: [0, 1]); the SVG
 * document asks the same test and has its own replacement (svg.h). */
int cs_plot_view_usable(double lo, double hi);

/* The auto-fitted x view of data spanning [z_lo, z_hi] (above: 3% each
 * side, half a decade each side when the span is under 1e-9; [20, 26]
 * when that is no usable view), into *lo and *hi. The interface's plot
 * asks it too, so that it and capscope plot put the ticks at one place. */
void cs_plot_auto_x_view(double z_lo, double z_hi, double *lo, double *hi);

/* Draw onto c (cleared first) and finish it; layout may be NULL. */
void cs_plot_draw(cs_canvas *c, const cs_plot_spec *s, cs_plot_layout *layout);

/* A compute label for log10 FLOPs z: "1e22", "2e22", "3.16e22", or with
 * unicode "10²²", "2×10²²". Returns its width in columns. */
int cs_plot_flops_label(double z, int unicode, char *buf, size_t size);

/* Map data -> cell (returns 0 when outside the area) and cell -> data. A
 * value's cell is that of the dot the points put it in, so that the cursor,
 * the ticks and the strips under the plot sit on their points' cells (a
 * cell computed from the view alone differed at a cell's edge). */
int cs_plot_to_cell(const cs_plot_layout *l, double z, double y, int *col, int *row);
/* The column of z and the row of y so, not clamped: x_max is one past the
 * last column and y_min one past the last row (the caller clamps); a view
 * the layout cannot map gives the area's first column or row. */
int cs_plot_col_of(const cs_plot_layout *l, double z);
int cs_plot_row_of(const cs_plot_layout *l, double y);
void cs_plot_from_cell(const cs_plot_layout *l, int col, int row, double *z, double *y);

/* The boundary f's band b (band.h: q +- CS_BAND_Z sd, cut to [0, 1]) in
 * the empty cells of a drawn plot's area, within the fit's compute range:
 * the band after the added rows are scored (denser: U+2592, '=' in ascii)
 * inside, today's (U+2591, ':') around it; without added rows today's
 * alone. Cells with anything in them, a label's blank included, keep it. */
void cs_plot_shade_band(cs_canvas *c, const cs_plot_layout *l, const cs_band *b, const cs_fit *f);

#endif
