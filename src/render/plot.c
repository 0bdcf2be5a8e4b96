/* plot.c - lay out axes, ticks and labels, then draw bands, points, curves
 * and the cursor onto a canvas. */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/canvas.h"
#include "capscope/plot.h"
#include "render/boundary.h"
#include "render/ticks.h"

#define MAX_TICKS 64
#define PAD_FRACTION 0.03

void cs_plot_spec_init(cs_plot_spec *s)
{
    if (!s)
        return;
    memset(s, 0, sizeof *s);
    s->x_min = s->x_max = 0;     /* fit to data */
    s->y_min = 0;
    s->y_max = 1;
}

/* 1e-9 of a decade or of accuracy is far below a dot anyway. */
int cs_plot_view_usable(double lo, double hi)
{
    return isfinite(lo) && isfinite(hi) && hi - lo >= 1e-9 && isfinite(hi - lo);
}

static void fit_x_view(const cs_plot_spec *s, double *lo, double *hi)
{
    double a = INFINITY, b = -INFINITY;
    for (size_t k = 0; k < s->n_series; k++) {
        const cs_plot_series *ser = &s->series[k];
        if (!ser->z)
            continue;
        for (size_t i = 0; i < ser->n; i++) {
            double z = ser->z[i];
            if (isfinite(z)) {
                if (z < a)
                    a = z;
                if (z > b)
                    b = z;
            }
        }
    }
    if (!(a <= b)) {
        for (size_t k = 0; k < s->n_curves; k++) {
            const cs_plot_curve *cv = &s->curves[k];
            if (isfinite(cv->z_lo) && isfinite(cv->z_hi) && cv->z_lo <= cv->z_hi) {
                a = fmin(a, cv->z_lo);
                b = fmax(b, cv->z_hi);
            }
        }
    }
    if (!(a <= b)) {
        a = 20;
        b = 26;
    }
    cs_plot_auto_x_view(a, b, lo, hi);
}

void cs_plot_auto_x_view(double z_lo, double z_hi, double *lo, double *hi)
{
    double pad = z_hi - z_lo >= 1e-9 ? (z_hi - z_lo) * PAD_FRACTION : 0.5;
    *lo = z_lo - pad;
    *hi = z_hi + pad;
    if (!cs_plot_view_usable(*lo, *hi)) {
        *lo = 20;
        *hi = 26;
    }
}

typedef struct geometry {
    cs_plot_layout l;
    int dx, dy;                  /* dots per cell */
    int dot_col, dot_row;        /* area origin in canvas dots */
    int dot_cols, dot_rows;      /* area size in dots */
} geometry;

/* Data -> area dot row, as a double (no clamping): the caller decides. */
static double dot_y(const geometry *g, double y)
{
    return (g->l.y_max - y) / (g->l.y_max - g->l.y_min) * g->dot_rows;
}

/* Area dot column -> data, at the column's middle: where a curve or band
 * is sampled in that column. */
static double dot_z(const geometry *g, int x)
{
    return g->l.x_min + (x + 0.5) / g->dot_cols * (g->l.x_max - g->l.x_min);
}

/* A dot row for a value of any size, kept far enough off the area to stay
 * an int and still clip correctly; the value on the bottom edge maps to the
 * last row, not one past it. */
static int dot_row_of(const geometry *g, double y)
{
    double f = dot_y(g, y);
    double limit = 4.0 * g->dot_rows + 8;
    if (f < -limit)
        f = -limit;
    if (f > limit)
        f = limit;
    int r = (int)floor(f);
    if (r == g->dot_rows && y >= g->l.y_min)
        r = g->dot_rows - 1;
    return r;
}

static void draw_bands(cs_canvas *c, const cs_plot_spec *s, const geometry *g)
{
    for (size_t k = 0; k < s->n_bands; k++) {
        const cs_plot_band *band = &s->bands[k];
        for (int x = 0; x < g->dot_cols; x++) {
            double z = dot_z(g, x);
            double a = cs_plot_q(&band->lo, band->z_lo, band->z_hi, z);
            double b = cs_plot_q(&band->hi, band->z_lo, band->z_hi, z);
            if (!isfinite(a) || !isfinite(b))
                continue;
            cs_canvas_shade(c, g->dot_col + x, g->dot_row + dot_row_of(g, a),
                            g->dot_row + dot_row_of(g, b), band->style);
        }
    }
}

static void draw_series(cs_canvas *c, const cs_plot_spec *s, const geometry *g, size_t from, size_t to)
{
    /* The hot loop for big data sets: one multiply-add per axis per point. */
    const cs_dot_axis ax = { g->l.x_min, g->l.x_max, g->dot_cols / (g->l.x_max - g->l.x_min), g->dot_col,
                             g->dot_cols, 0 };
    const cs_dot_axis ay = { g->l.y_min, g->l.y_max, g->dot_rows / (g->l.y_max - g->l.y_min), g->dot_row,
                             g->dot_rows, 1 };
    for (size_t k = from; k < to; k++) {
        const cs_plot_series *ser = &s->series[k];
        cs_canvas_scatter(c, ser->z, ser->y, ser->n, &ax, &ay, ser->style);
    }
}

/* What the kept series' dots depend on: the caller's key for their values,
 * and everything draw_series maps them by. Compared as bytes: zeroed
 * first, so that padding compares equal. */
#define KEPT_SERIES_MAX 4
typedef struct points_key {
    unsigned long long values;
    double x_min, x_max, y_min, y_max;
    int dot_col, dot_row, dot_cols, dot_rows;
    size_t n_series;
    struct {
        const double *z, *y;
        size_t n, style;
    } series[KEPT_SERIES_MAX];
} points_key;

/* Points are counts per cell, so the order they are set in does not
 * matter: the kept series first (from the last frame when nothing they
 * depend on changed), the others (a few highlights) after. */
static void draw_points(cs_canvas *c, const cs_plot_spec *s, const geometry *g)
{
    size_t kept = s->points_key ? s->n_kept_series : 0;
    if (kept > s->n_series || kept > KEPT_SERIES_MAX)
        kept = 0;
    if (kept) {
        points_key key;
        memset(&key, 0, sizeof key);
        key.values = s->points_key;
        key.x_min = g->l.x_min;
        key.x_max = g->l.x_max;
        key.y_min = g->l.y_min;
        key.y_max = g->l.y_max;
        key.dot_col = g->dot_col;
        key.dot_row = g->dot_row;
        key.dot_cols = g->dot_cols;
        key.dot_rows = g->dot_rows;
        key.n_series = kept;
        for (size_t k = 0; k < kept; k++) {
            key.series[k].z = s->series[k].z;
            key.series[k].y = s->series[k].y;
            key.series[k].n = s->series[k].n;
            key.series[k].style = (size_t)s->series[k].style;
        }
        if (!cs_canvas_points_reuse(c, &key, sizeof key)) {
            draw_series(c, s, g, 0, kept);
            cs_canvas_points_keep(c, &key, sizeof key);
        }
    }
    draw_series(c, s, g, kept, s->n_series);
}

static void draw_curves(cs_canvas *c, const cs_plot_spec *s, const geometry *g)
{
    for (size_t k = 0; k < s->n_curves; k++) {
        const cs_plot_curve *cv = &s->curves[k];
        int have_prev = 0, prev_x = 0, prev_y = 0;
        for (int x = 0; x < g->dot_cols; x++) {
            double z = dot_z(g, x);
            double q = cs_plot_q(&cv->p, cv->z_lo, cv->z_hi, z);
            if (!isfinite(q)) {
                have_prev = 0;
                continue;
            }
            int cx = g->dot_col + x, cy = g->dot_row + dot_row_of(g, q);
            if (have_prev)
                cs_canvas_line(c, prev_x, prev_y, cx, cy, cv->style);
            else
                cs_canvas_line(c, cx, cy, cx, cy, cv->style);
            have_prev = 1;
            prev_x = cx;
            prev_y = cy;
        }
    }
}

/* The cell rows the fitted boundary (CS_STYLE_CURVE) crosses in each
 * column of the area, lo[i]..hi[i] for area column i (hi < lo: none), as
 * draw_curves draws it: a line from each dot column's point to the next,
 * counted in both columns it joins. */
static void boundary_rows(const cs_plot_spec *s, const geometry *g, int *lo, int *hi)
{
    for (int i = 0; i < g->l.area_cols; i++) {
        lo[i] = INT_MAX;
        hi[i] = -1;
    }
    for (size_t k = 0; k < s->n_curves; k++) {
        const cs_plot_curve *cv = &s->curves[k];
        if (cv->style != CS_STYLE_CURVE)
            continue;
        int have_prev = 0, prev_col = 0, prev_row = 0;
        for (int x = 0; x < g->dot_cols; x++) {
            double q = cs_plot_q(&cv->p, cv->z_lo, cv->z_hi, dot_z(g, x));
            if (!isfinite(q)) {
                have_prev = 0;
                continue;
            }
            int col = x / g->dx, row = (g->dot_row + dot_row_of(g, q)) / g->dy;
            int a = have_prev && prev_row < row ? prev_row : row, b = have_prev && prev_row > row ? prev_row : row;
            for (int i = have_prev ? prev_col : col; i <= col; i++) {
                lo[i] = a < lo[i] ? a : lo[i];
                hi[i] = b > hi[i] ? b : hi[i];
            }
            have_prev = 1;
            prev_col = col;
            prev_row = row;
        }
    }
}

/* Whether a label on `row` from area column `from` for `w` columns would
 * hide part of the fitted boundary. */
static int hides_boundary(const int *lo, const int *hi, int area_cols, int row, int from, int w)
{
    for (int i = from < 0 ? 0 : from; i < from + w && i < area_cols; i++)
        if (row >= lo[i] && row <= hi[i])
            return 1;
    return 0;
}

/* How far from its curve's end a label may go to keep off the fitted
 * boundary: further, it sits beside other lines (the boundary's own top or
 * foot) and reads as theirs, naming none. */
#define LABEL_NEAR_ROWS 2
/* How far it may go at all: six tasks marked at 80x24 put ifeval's name at
 * the top right, beside no line; a name left off is counted (the title says
 * how many), one far from its line names the wrong one. */
#define LABEL_FAR_ROWS 3

/* A row for a curve's label next to cell row `at`: the one above first, so
 * that the label does not hide the curve's end, then further out, rows taken
 * by earlier labels skipped, and rows where it would hide the fitted
 * boundary (lo/hi: boundary_rows; NULL: none known) while others within
 * LABEL_NEAR_ROWS are free; -1 when none within LABEL_FAR_ROWS is free. */
static int label_row(const cs_plot_layout *l, int at, const int *taken, size_t n_taken, const int *lo,
                     const int *hi, int from, int w)
{
    for (int pass = lo ? 0 : 1; pass < 2; pass++)
        for (int d = 1; d <= (pass == 0 ? LABEL_NEAR_ROWS : LABEL_FAR_ROWS); d++)
            for (int side = -1; side <= 1; side += 2) {
                int row = at + side * d;
                if (row < l->area_row || row >= l->area_row + l->area_rows)
                    continue;
                size_t k = 0;
                while (k < n_taken && taken[k] != row)
                    k++;
                if (k == n_taken && (pass == 1 || !hides_boundary(lo, hi, l->area_cols, row, from, w)))
                    return row;
            }
    return -1;
}

/* Each labelled curve's name where it leaves the view on the right, in its
 * style: overlays share one colour, so the name tells them apart. A label
 * is text, drawn over the curves: it goes where it hides none of the fitted
 * boundary, the curve the plot is for, while there is such a row near it.
 * Returns how many curves in the view kept no name (no free row, or a name
 * wider than the area): their lines alone could not say so. */
static size_t draw_curve_labels(cs_canvas *c, const cs_plot_spec *s, const geometry *g)
{
    int taken[64];
    size_t n_taken = 0, unlabelled = 0;
    int *lo = NULL, *hi = NULL;
    for (size_t k = 0; k < s->n_curves; k++) {
        const cs_plot_curve *cv = &s->curves[k];
        int w = cv->label ? cs_canvas_text_width(c, cv->label) : 0;
        if (w <= 0)
            continue;
        int x = g->dot_cols - 1, r = -1;
        for (; x >= 0; x--) {
            double z = dot_z(g, x);
            double q = cs_plot_q(&cv->p, cv->z_lo, cv->z_hi, z);
            if (isfinite(q) && (r = dot_row_of(g, q)) >= 0 && r < g->dot_rows)
                break;
        }
        if (x < 0)
            continue;
        if (w > g->l.area_cols || n_taken == sizeof taken / sizeof taken[0]) {
            unlabelled++;
            continue;
        }
        if (!lo && (lo = malloc((size_t)g->l.area_cols * sizeof *lo)) &&
            (hi = malloc((size_t)g->l.area_cols * sizeof *hi)))
            boundary_rows(s, g, lo, hi);
        if (!hi) { /* out of memory: labels as before, over the boundary */
            free(lo);
            lo = NULL;
        }
        int at = (g->dot_row + r) / g->dy, end = (g->dot_col + x) / g->dx + 1;
        int col = end - w < g->l.area_col ? g->l.area_col : end - w;
        int row = label_row(&g->l, at, taken, n_taken, lo, hi, col - g->l.area_col, w);
        if (row < 0) {
            unlabelled++;
            continue;
        }
        cs_canvas_text(c, col, row, cv->label, cv->style);
        taken[n_taken++] = row;
    }
    free(lo);
    free(hi);
    return unlabelled;
}

typedef struct axis_glyphs {
    uint32_t vertical, horizontal, corner, y_tick, x_tick;
} axis_glyphs;

static axis_glyphs glyphs_for(cs_charset cs)
{
    if (cs == CS_CHARSET_ASCII)
        return (axis_glyphs){ '|', '-', '+', '+', '+' };
    return (axis_glyphs){ 0x2502, 0x2500, 0x2514, 0x2524, 0x252C };
}

static void draw_axes(cs_canvas *c, const cs_plot_spec *s, const geometry *g,
                      const cs_tick *yt, size_t n_yt, int gutter)
{
    const cs_plot_layout *l = &g->l;
    axis_glyphs ag = glyphs_for(cs_canvas_charset(c));
    int axis_col = l->area_col - 1, axis_row = l->area_row + l->area_rows;
    int label_row = axis_row + 1;
    for (int r = l->area_row; r < axis_row; r++)
        cs_canvas_put(c, axis_col, r, ag.vertical, CS_STYLE_AXIS);
    for (int col = l->area_col; col < l->area_col + l->area_cols; col++)
        cs_canvas_put(c, col, axis_row, ag.horizontal, CS_STYLE_AXIS);
    cs_canvas_put(c, axis_col, axis_row, ag.corner, CS_STYLE_AXIS);

    /* y labels: one per row, the first one wins a row. */
    int last_row = -1;
    for (size_t i = 0; i < n_yt; i++) {
        int col, row;
        if (!cs_plot_to_cell(l, l->x_min, yt[i].v, &col, &row) || row == last_row)
            continue;
        last_row = row;
        cs_canvas_put(c, axis_col, row, ag.y_tick, CS_STYLE_AXIS);
        cs_canvas_text(c, gutter - 1 - yt[i].width, row, yt[i].label, CS_STYLE_LABEL);
    }

    /* x labels centred under their ticks, kept inside the canvas, under
     * every k-th tick for the least k at which no label touches the next:
     * evenly spaced. (Dropping each label that touches the one before
     * leaves uneven gaps when widths differ: 1e2 1e6 1e10 1e16 1e22.) */
    cs_tick xt[MAX_TICKS];
    /* Ticks are no closer than area_cols / (max_x + 1) cells (ticks.h):
     * 2 or more, so that no two marks fall in neighbouring cells. */
    int max_x = l->area_cols / 2 - 1 > 0 ? l->area_cols / 2 - 1 : 1;
    size_t n_xt = cs_ticks_x(l->x_min, l->x_max, max_x < MAX_TICKS ? max_x : MAX_TICKS,
                             s->unicode_labels && cs_canvas_charset(c) != CS_CHARSET_ASCII, xt,
                             MAX_TICKS);
    int cols = cs_canvas_cols(c), start[MAX_TICKS];
    size_t shown[MAX_TICKS], m = 0;
    for (size_t i = 0; i < n_xt; i++) {
        int col, row;
        if (!cs_plot_to_cell(l, xt[i].v, l->y_min, &col, &row))
            continue;
        cs_canvas_put(c, col, axis_row, ag.x_tick, CS_STYLE_AXIS);
        int at = col - xt[i].width / 2;
        if (at + xt[i].width > cols)
            at = cols - xt[i].width;
        start[m] = at < 0 ? 0 : at;
        shown[m++] = i;
    }
    for (size_t k = 1; k <= m; k++) {
        int free_from = 0, fits = 1;
        for (size_t j = 0; j < m && fits; j += k) {
            fits = start[j] >= free_from && start[j] + xt[shown[j]].width <= cols;
            free_from = start[j] + xt[shown[j]].width + 1;
        }
        if (!fits)
            continue;
        for (size_t j = 0; j < m; j += k)
            cs_canvas_text(c, start[j], label_row, xt[shown[j]].label, CS_STYLE_LABEL);
        break;
    }
}

void cs_plot_draw(cs_canvas *c, const cs_plot_spec *s, cs_plot_layout *layout)
{
    if (!c || !s) {
        if (layout)
            memset(layout, 0, sizeof *layout);
        return;
    }
    cs_canvas_clear(c);
    geometry g;
    memset(&g, 0, sizeof g);
    cs_plot_layout *l = &g.l;

    if (cs_plot_view_usable(s->x_min, s->x_max)) {
        l->x_min = s->x_min;
        l->x_max = s->x_max;
    } else {
        fit_x_view(s, &l->x_min, &l->x_max);
    }
    if (cs_plot_view_usable(s->y_min, s->y_max)) {
        l->y_min = s->y_min;
        l->y_max = s->y_max;
    } else {
        l->y_min = 0;
        l->y_max = 1;
    }

    int cols = cs_canvas_cols(c), rows = cs_canvas_rows(c);
    int title_rows = s->title && rows >= 4 ? 1 : 0;
    int area_rows = rows - title_rows - 2;
    cs_tick yt[MAX_TICKS];
    size_t n_yt = 0;
    int gutter = 0;
    if (area_rows >= 1) {
        n_yt = cs_ticks_y(l->y_min, l->y_max, area_rows < MAX_TICKS ? area_rows : MAX_TICKS, yt,
                          MAX_TICKS);
        for (size_t i = 0; i < n_yt; i++)
            if (yt[i].width + 1 > gutter)
                gutter = yt[i].width + 1;
    }
    int axes = area_rows >= 1 && cols >= gutter + 2;
    l->area_row = title_rows;
    if (axes) {
        l->area_col = gutter + 1;
        l->area_cols = cols - l->area_col;
        l->area_rows = area_rows;
    } else {
        l->area_col = 0;
        l->area_cols = cols;
        l->area_rows = rows - title_rows;
    }

    cs_charset_dots(cs_canvas_charset(c), &g.dx, &g.dy);
    l->dots_x = g.dx;
    l->dots_y = g.dy;
    g.dot_col = l->area_col * g.dx;
    g.dot_row = l->area_row * g.dy;
    g.dot_cols = l->area_cols * g.dx;
    g.dot_rows = l->area_rows * g.dy;

    if (g.dot_cols > 0 && g.dot_rows > 0) {
        /* A curve or band past the view (a zoomed y range) stops at the
         * area's edge, off the title, the axes and their labels. */
        cs_canvas_clip(c, l->area_col, l->area_row, l->area_cols, l->area_rows);
        draw_bands(c, s, &g);
        draw_points(c, s, &g);
        draw_curves(c, s, &g);
        cs_canvas_clip(c, 0, 0, cols, rows);
        l->n_unlabelled = draw_curve_labels(c, s, &g);
    }
    if (axes)
        draw_axes(c, s, &g, yt, n_yt, gutter);
    if (title_rows)
        cs_canvas_text(c, 0, 0, s->title, CS_STYLE_LABEL);
    int col, row;
    if (s->cursor_set && cs_plot_to_cell(l, s->cursor_z, s->cursor_y, &col, &row))
        cs_canvas_put(c, col, row, cs_canvas_charset(c) == CS_CHARSET_ASCII ? 'X' : 0x25C6,
                      CS_STYLE_CURSOR);
    cs_canvas_finish(c);
    if (layout)
        *layout = *l;
}

/* Cells of `offset` (a value's distance from the view's start) along an
 * axis of `cells` cells of `dots` dots over `span`: the dot as draw_points
 * finds it, (int)(offset * (dots * cells / span)), then its cell; kept in
 * an int's range far outside the area. */
static int cell_along(double offset, double span, int cells, int dots)
{
    if (dots <= 0)
        dots = 1;
    if (!(cells > 0 && span > 0 && isfinite(offset)))
        return 0;
    int n = cells * dots;
    double f = floor(offset * (n / span)), limit = 4.0 * n + 8;
    f = f < -limit ? -limit : f > limit ? limit : f;
    return (int)floor(f / dots);
}

int cs_plot_col_of(const cs_plot_layout *l, double z)
{
    return l->area_col + cell_along(z - l->x_min, l->x_max - l->x_min, l->area_cols, l->dots_x);
}

int cs_plot_row_of(const cs_plot_layout *l, double y)
{
    return l->area_row + cell_along(l->y_max - y, l->y_max - l->y_min, l->area_rows, l->dots_y);
}

int cs_plot_to_cell(const cs_plot_layout *l, double z, double y, int *col, int *row)
{
    if (!l || l->area_cols <= 0 || l->area_rows <= 0 || !(l->x_min < l->x_max) ||
        !(l->y_min < l->y_max))
        return 0;
    if (!(z >= l->x_min && z <= l->x_max && y >= l->y_min && y <= l->y_max))
        return 0;
    /* x_max and y_min are in the last column and row, as the points are. */
    int c = cs_plot_col_of(l, z), r = cs_plot_row_of(l, y);
    if (c >= l->area_col + l->area_cols)
        c = l->area_col + l->area_cols - 1;
    if (r >= l->area_row + l->area_rows)
        r = l->area_row + l->area_rows - 1;
    if (col)
        *col = c;
    if (row)
        *row = r;
    return 1;
}

void cs_plot_from_cell(const cs_plot_layout *l, int col, int row, double *z, double *y)
{
    if (!l)
        return;
    double fx = l->area_cols > 0 ? (col - l->area_col + 0.5) / l->area_cols : 0;
    double fy = l->area_rows > 0 ? (row - l->area_row + 0.5) / l->area_rows : 0;
    if (z)
        *z = l->x_min + fx * (l->x_max - l->x_min);
    if (y)
        *y = l->y_max - fy * (l->y_max - l->y_min);
}

/* Row of the area where accuracy y falls (its points' row), clamped into
 * the area. */
static int area_row_of(const cs_plot_layout *lay, double y)
{
    int row = cs_plot_row_of(lay, y);
    return row < lay->area_row ? lay->area_row : row >= lay->area_row + lay->area_rows ? lay->area_row + lay->area_rows - 1 : row;
}

/* Without added rows (an unscored suggestion in the interface) the two
 * bands are one: today's alone. */
void cs_plot_shade_band(cs_canvas *c, const cs_plot_layout *lay, const cs_band *b, const cs_fit *f)
{
    if (!c || !b || !b->ok || !(lay->area_cols > 0 && lay->area_rows > 0 && lay->x_max > lay->x_min &&
                                lay->y_max > lay->y_min))
        return;
    int ascii = cs_canvas_charset(c) == CS_CHARSET_ASCII;
    const uint32_t glyph[2] = { ascii ? ':' : 0x2591, ascii ? '=' : 0x2592 };
    for (int after = b->n_added > 0; after >= 0; after--)
        for (int col = lay->area_col; col < lay->area_col + lay->area_cols; col++) {
            /* over the whole view, held at the fit's ends as the curve is
             * (cs_fit_predict and cs_band_sd take z there), as in the SVG
             * and plot's q_lo and q_hi */
            double z = lay->x_min + (col - lay->area_col + 0.5) * (lay->x_max - lay->x_min) / lay->area_cols;
            double q = cs_fit_predict(f, z), h = CS_BAND_Z * cs_band_sd(b, after, z);
            if (!isfinite(h))
                continue;
            double hi = fmin(q + h, 1), lo = fmax(q - h, 0);
            /* area_row_of clamps into the area: a band wholly above or below a
             * zoomed view would otherwise smear along its edge row. */
            if (hi < lay->y_min || lo > lay->y_max)
                continue;
            int top = area_row_of(lay, hi), bottom = area_row_of(lay, lo);
            /* Empty cells only: a label's blank is text too (and the inner
             * band, put first, is left to stand). */
            for (int row = top; row <= bottom; row++)
                if (cs_canvas_blank(c, col, row))
                    cs_canvas_put(c, col, row, glyph[after], CS_STYLE_BAND);
        }
}
