/* test_tui_logic.c - the TUI's curses-free logic: layout, view transforms,
 * settings, themes, key scripts, session state, atomic writes. */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/date.h"
#include "capscope/canvas.h"
#include "capscope/design.h"
#include "capscope/plot.h"
#include "core/design_internal.h" /* the layout's strata and groups */
#include "band_fixture.h"
#include "fallback_journal.h"
#include "capscope/durable.h"
#include "tui/action.h"
#include "tui/app.h"
#include "tui/command.h"
#include "tui/cursor.h"
#include "tui/handlers.h"
#include "tui/keys.h"
#include "tui/layout.h"
#include "tui/replay.h"
#include "tui/settings.h"
#include "tui/theme.h"
#include "tui/view.h"
#include "tui/worker.h"
#include "counted_cancel.h"
#include "settle.h"

static int overlap(tui_rect a, tui_rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

static int inside(tui_rect r, int cols, int rows)
{
    return r.x >= 0 && r.y >= 0 && r.w > 0 && r.h > 0 && r.x + r.w <= cols && r.y + r.h <= rows;
}

typedef struct zy_point {
    double z, y;
    size_t i;
} zy_point;

static int cmp_zy_point(const void *a, const void *b)
{
    const zy_point *p = a, *q = b;
    if (p->z != q->z)
        return p->z < q->z ? -1 : 1;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* The cursor's order against a plain sort of the points by (z, y, index):
 * a data set with runs of one compute short and long (over 64, sorted the
 * other way), tied scores and unscored rows in between. */
START_TEST(test_cursor_order_matches_a_sort)
{
    enum { N_ROWS = 600 };
    size_t cap = 64 * 1024, k = 0;
    char *csv = malloc(cap);
    k += (size_t)snprintf(csv + k, cap - k, "model,flops,acc\n");
    unsigned x = 12345;
    for (int r = 0; r < N_ROWS; r++) {
        x = x * 1103515245u + 12345u;
        int level = r < 150 ? 7 : (int)((x >> 8) % 40); /* rows 0-149: one run */
        x = x * 1103515245u + 12345u;
        int score = (int)((x >> 8) % 25); /* many ties */
        if ((x >> 20) % 5 == 0)
            k += (size_t)snprintf(csv + k, cap - k, "m%d,1e%d,\n", r, 20 + level % 8);
        else
            k += (size_t)snprintf(csv + k, cap - k, "m%d,%de21,%.2f\n", r, 1 + level, score / 25.0);
    }
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, k, "cursor.csv", NULL, &ds, &err) == 0, "%s", err.msg);
    free(csv);
    const cs_task *task = &ds->tasks[0];
    double *z = malloc(N_ROWS * sizeof *z), *y = malloc(N_ROWS * sizeof *y);
    size_t *order = malloc(N_ROWS * sizeof *order), *scratch = malloc(N_ROWS * sizeof *scratch);
    zy_point *want = malloc(N_ROWS * sizeof *want);
    size_t n = cs_dataset_task_xy(ds, 0, NULL, z, y, NULL);
    ck_assert_uint_gt(n, 300);
    ck_assert_uint_lt(n, ds->n_rows);
    size_t *zorder = tui_rows_by_z(ds);
    ck_assert_ptr_nonnull(zorder);
    ck_assert_int_eq(tui_cursor_order(zorder, ds->n_rows, task->has, z, y, n, order, scratch), 0);
    for (size_t i = 0; i < n; i++)
        want[i] = (zy_point){ z[i], y[i], i };
    qsort(want, n, sizeof *want, cmp_zy_point);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(order[i] == want[i].i, "place %zu: point %zu, want %zu", i, order[i],
                      want[i].i);
    /* A count that is not the task's is refused, too small or too large
     * (n < n_rows, so order and scratch have room for n + 1). */
    ck_assert_int_eq(tui_cursor_order(zorder, ds->n_rows, task->has, z, y, n - 1, order, scratch),
                     -1);
    ck_assert_int_eq(tui_cursor_order(zorder, ds->n_rows, task->has, z, y, n + 1, order, scratch),
                     -1);
    free(zorder);
    free(z);
    free(y);
    free(order);
    free(scratch);
    free(want);
    cs_dataset_free(ds);
}
END_TEST

/* Rows by compute, NaN last, ties by row (cursor.h), by hand: z = NaN, 22,
 * NaN, 21, 22 is rows 3, 1, 4, then 0, 2; z = 21, NaN, 22, NaN, 21.5 (a
 * NaN after a number in the rows) is 0, 4, 2, then 1, 3. */
START_TEST(test_rows_by_z_puts_nan_last)
{
    static const double zs[2][5] = { { NAN, 22, NAN, 21, 22 }, { 21, NAN, 22, NAN, 21.5 } };
    static const size_t want[2][5] = { { 3, 1, 4, 0, 2 }, { 0, 4, 2, 1, 3 } };
    for (int c = 0; c < 2; c++) {
        double z[5];
        memcpy(z, zs[c], sizeof z);
        cs_dataset ds;
        memset(&ds, 0, sizeof ds);
        ds.n_rows = 5;
        ds.z = z;
        size_t *order = tui_rows_by_z(&ds);
        ck_assert_ptr_nonnull(order);
        for (size_t k = 0; k < 5; k++)
            ck_assert_msg(order[k] == want[c][k], "case %d, place %zu: row %zu, want %zu", c, k, order[k],
                          want[c][k]);
        free(order);
    }
}
END_TEST

/* A rectangle holds its cells x .. x + w - 1 and y .. y + h - 1 and no
 * other: a click on the first row or column of the pane below or right of
 * it belongs to that pane (the manager asks the panes in turn). */
START_TEST(test_rect_contains_its_cells_only)
{
    const tui_rect r = { 3, 5, 4, 2 };
    ck_assert(tui_rect_contains(&r, 3, 5));
    ck_assert(tui_rect_contains(&r, 6, 6));
    ck_assert(!tui_rect_contains(&r, 2, 5));
    ck_assert(!tui_rect_contains(&r, 3, 4));
    ck_assert(!tui_rect_contains(&r, 7, 5));
    ck_assert(!tui_rect_contains(&r, 6, 7));
    /* The layout's panes: a cell on the split's first row is not the task
     * list's, one in the plot's first column not the separator's left. */
    tui_layout l;
    tui_layout_compute(100, 30, 0, &l);
    ck_assert(!tui_rect_contains(&l.tasks, 0, l.split.y));
    ck_assert(tui_rect_contains(&l.split, 0, l.split.y));
    ck_assert(!tui_rect_contains(&l.plot, l.plot.x, l.sampler.y));
    ck_assert(!tui_rect_contains(&l.tasks, l.plot.x, 0));
}
END_TEST

/* Every size from the minimum to 300x80: panes inside the screen, disjoint,
 * and with the separator and the two status rows they cover it exactly. */
START_TEST(test_layout_all_sizes)
{
    for (int cols = TUI_MIN_COLS; cols <= 300; cols += 7)
        for (int rows = TUI_MIN_ROWS; rows <= 80; rows += 5) {
            tui_layout l;
            tui_layout_compute(cols, rows, 0, &l);
            ck_assert_int_eq(l.too_small, 0);
            tui_rect r[6] = { l.tasks, l.plot, l.split, l.sampler, l.status, l.bar };
            long area = 0;
            for (int i = 0; i < 6; i++) {
                ck_assert_msg(inside(r[i], cols, rows), "pane %d outside at %dx%d", i, cols, rows);
                area += (long)r[i].w * r[i].h;
                for (int j = i + 1; j < 6; j++)
                    ck_assert_msg(!overlap(r[i], r[j]), "panes %d and %d overlap at %dx%d", i, j, cols, rows);
            }
            ck_assert_int_eq(area + (rows - 2), (long)cols * rows); /* the separator column */
            ck_assert_int_ge(l.plot.h, 4);
            ck_assert_int_ge(l.tasks.w, 20);
            ck_assert_int_ge(l.plot.w, (cols - 21 < 30 ? cols - 21 : 30));
        }
}
END_TEST

/* The plot keeps 30 columns at every width where the task list can still
 * keep its 20 (the steps of 7 above pass over 59 and 60 columns, where a
 * list of 30 would leave the plot 28 and 29). */
START_TEST(test_layout_plot_width_at_every_width)
{
    for (int cols = TUI_MIN_COLS; cols <= 200; cols++) {
        tui_layout l;
        tui_layout_compute(cols, 24, 0, &l);
        ck_assert_msg(l.plot.w >= (cols - 21 < 30 ? cols - 21 : 30), "plot %d columns at %d", l.plot.w, cols);
        ck_assert_int_ge(l.tasks.w, 20);
        ck_assert_int_eq(l.tasks.w + 1 + l.plot.w, cols);
        /* layout.h's drawing: the task list and the split at the left edge,
         * the plot after the separator. */
        ck_assert(l.tasks.x == 0 && l.tasks.y == 0 && l.split.x == 0);
        ck_assert_int_eq(l.plot.x, l.tasks.w + 1);
    }
}
END_TEST

/* The sampler pane takes a quarter of the rows, up to what the sampler's
 * default 20 suggestions need with its title and header: capped at 14 rows
 * it listed 12 of them at 300x80 and at 500x150, where the plot had 60 and
 * 130 rows. */
START_TEST(test_layout_sampler_holds_the_default_picks)
{
    tui_layout l;
    tui_layout_compute(300, 150, 0, &l);
    ck_assert_int_eq(l.sampler.h, 20 + 2);
    tui_layout_compute(300, 80, 0, &l);
    ck_assert_int_eq(l.sampler.h, 78 / 4);
    tui_layout_compute(80, 24, 0, &l);
    ck_assert_int_eq(l.sampler.h, 22 / 4);
    for (int rows = 18; rows <= 400; rows++) { /* below, the pane keeps its 4 rows */
        tui_layout_compute(120, rows, 0, &l);
        ck_assert_int_le(l.sampler.h, 22);
        ck_assert_int_ge(l.plot.h, 3 * l.sampler.h - 3);
    }
}
END_TEST

START_TEST(test_layout_small_and_maximized)
{
    tui_layout l;
    tui_layout_compute(TUI_MIN_COLS - 1, 24, 0, &l);
    ck_assert_int_eq(l.too_small, 1);
    tui_layout_compute(80, TUI_MIN_ROWS - 1, 0, &l);
    ck_assert_int_eq(l.too_small, 1);
    tui_layout_compute(10, 5, 0, &l);
    ck_assert_int_eq(l.too_small, 1);
    tui_layout_compute(0, 0, 0, &l);
    ck_assert_int_eq(l.too_small, 1);
    tui_layout_compute(80, 24, 1, &l);
    ck_assert(l.plot.x == 0 && l.plot.y == 0); /* the whole area above the status line */
    ck_assert_int_eq(l.plot.w, 80);
    ck_assert_int_eq(l.plot.h, 22);
    ck_assert_int_eq(l.tasks.w, 0);
}
END_TEST

/* The plot's compute axis fitted to the data is the render's rule
 * (plot.h: the data's range widened by 3% each side, or by half a decade
 * when all points share one z), so that the interface's plot and capscope
 * plot put their ticks at the same places. A task whose rows all share one
 * compute was shown over [c - 0.53, c + 0.53] by the interface and over
 * [c - 0.5, c + 0.5] by capscope plot. */
START_TEST(test_view_auto_is_the_plots_x_view)
{
    const double ranges[][2] = { { 23, 23 }, { 21, 25 }, { 21.089, 24.819 } };
    for (size_t k = 0; k < sizeof ranges / sizeof ranges[0]; k++) {
        double lo = ranges[k][0], hi = ranges[k][1];
        tui_view v;
        tui_view_auto(&v, lo, hi);
        double pad = hi > lo ? 0.03 * (hi - lo) : 0.5;
        ck_assert_msg(fabs(v.x_min - (lo - pad)) < 1e-12 && fabs(v.x_max - (hi + pad)) < 1e-12,
                      "[%g, %g]: view [%.17g, %.17g], plot.h says [%.17g, %.17g]", lo, hi, v.x_min, v.x_max,
                      lo - pad, hi + pad);
        /* and the render's own auto view of points at lo and hi */
        double z[2] = { lo, hi }, y[2] = { 0.3, 0.6 };
        cs_plot_series points = { .z = z, .y = y, .n = 2, .style = CS_STYLE_POINT };
        cs_plot_spec spec;
        cs_plot_spec_init(&spec);
        spec.series = &points;
        spec.n_series = 1;
        cs_canvas *c = cs_canvas_new(80, 20, CS_CHARSET_ASCII);
        ck_assert_ptr_nonnull(c);
        cs_plot_layout l;
        cs_plot_draw(c, &spec, &l);
        cs_canvas_free(c);
        ck_assert_msg(fabs(v.x_min - l.x_min) < 1e-12 && fabs(v.x_max - l.x_max) < 1e-12,
                      "[%g, %g]: view [%.17g, %.17g], capscope plot's [%.17g, %.17g]", lo, hi, v.x_min, v.x_max,
                      l.x_min, l.x_max);
    }
}
END_TEST

START_TEST(test_view_zoom_keeps_center)
{
    tui_view v;
    tui_view_auto(&v, 21, 25);
    ck_assert(v.x_min < 21 && v.x_max > 25 && v.y_min == 0 && v.y_max == 1 && !v.manual);
    tui_view_zoom(&v, 0.5, 0.5, 22, 0.25);
    /* The zoom point keeps its relative position: it stays at the same screen place. */
    tui_view w;
    tui_view_auto(&w, 21, 25);
    double before = (22 - w.x_min) / (w.x_max - w.x_min), after = (22 - v.x_min) / (v.x_max - v.x_min);
    ck_assert(fabs(before - after) < 1e-12);
    ck_assert(fabs((v.y_max - v.y_min) - 0.5) < 1e-12);
    ck_assert(fabs((0.25 - v.y_min) / (v.y_max - v.y_min) - 0.25) < 1e-12);
    tui_view_zoom(&v, 2, 2, 22, 0.25);
    ck_assert(fabs(v.x_min - w.x_min) < 1e-9 && fabs(v.x_max - w.x_max) < 1e-9);
    ck_assert(fabs(v.y_min) < 1e-12 && fabs(v.y_max - 1) < 1e-12);
    /* Zooming in forever stops at the minimum span. */
    for (int i = 0; i < 200; i++)
        tui_view_zoom(&v, 0.5, 0.5, 22, 0.25);
    ck_assert(v.x_max - v.x_min >= TUI_VIEW_MIN_SPAN_X * 0.999);
    ck_assert(isfinite(v.x_min) && isfinite(v.y_min));
    /* Zoomed out near accuracy 0, the window is slid up to start at 0 rather
     * than show negative accuracy with [0, 1] not all in sight; taller than
     * [0, 1], it holds all of it. */
    tui_view u = { 21, 25, 0.0, 0.2, 1 };
    tui_view_zoom(&u, 2, 2, 23, 0.02);
    ck_assert(fabs(u.y_min) < 1e-12 && fabs(u.y_max - 0.4) < 1e-12);
    u = (tui_view){ 21, 25, 0.8, 1.0, 1 };
    tui_view_zoom(&u, 1, 2, 23, 0.99);
    ck_assert(fabs(u.y_min - 0.6) < 1e-12 && fabs(u.y_max - 1) < 1e-12);
    u = (tui_view){ 21, 25, 0.1, 0.9, 1 };
    tui_view_zoom(&u, 1, 2, 23, 0.15);
    ck_assert(fabs(u.y_min + 0.0) < 1e-12 && fabs(u.y_max - 1.6) < 1e-12);
    tui_view_zoom(&u, 1, 0.5, 23, 0.15); /* zooming in is left as it was */
    ck_assert(fabs(u.y_min - 0.075) < 1e-12 && fabs(u.y_max - 0.875) < 1e-12);
    tui_view_pan(&w, 0.5, -0.25);
    ck_assert(fabs(w.y_min + 0.25) < 1e-12);
    ck_assert(tui_view_contains(&w, 24, 0.5));
    ck_assert(!tui_view_contains(&w, 24, 0.9));
}
END_TEST

/* The view keeps the data in sight: no taller than accuracy [0, 1] twice,
 * no wider than ten times the data's compute span, and touching both. */
START_TEST(test_view_clamp_keeps_the_data_in_sight)
{
    tui_view v = { 21, 25, 0, 1, 1 };
    tui_view_clamp(&v, 21.5, 24.5);
    ck_assert(v.x_min == 21 && v.x_max == 25 && v.y_min == 0 && v.y_max == 1); /* inside: untouched */
    /* Far to the right and above: slid back to touch the data's ends. */
    v = (tui_view){ 60, 64, 7, 8, 1 };
    tui_view_clamp(&v, 21.5, 24.5);
    ck_assert(v.x_min == 24.5 && v.x_max == 28.5 && v.y_min == 1 && v.y_max == 2);
    v = (tui_view){ -30, -26, -8, -7.5, 1 };
    tui_view_clamp(&v, 21.5, 24.5);
    ck_assert(v.x_min == 17.5 && v.x_max == 21.5 && v.y_min == -0.5 && v.y_max == 0);
    /* Too wide and too tall: cut to 10 x 3 decades and 2, about the centre
     * (23 and 0). */
    v = (tui_view){ -27, 73, -10, 10, 1 };
    tui_view_clamp(&v, 21.5, 24.5);
    ck_assert(fabs(v.x_min - 8) < 1e-12 && fabs(v.x_max - 38) < 1e-12);
    ck_assert(v.y_min == -1 && v.y_max == 1);
    /* Cut about a centre of 50, [35, 65] lies past the data: slid to start at its end. */
    v = (tui_view){ 0, 100, 0, 1, 1 };
    tui_view_clamp(&v, 21.5, 24.5);
    ck_assert(v.x_min == 24.5 && fabs(v.x_max - 54.5) < 1e-12);
    /* Data at one compute: the width limit is ten decades. */
    v = (tui_view){ 0, 100, 0, 1, 1 };
    tui_view_clamp(&v, 23, 23);
    ck_assert(fabs(v.x_max - v.x_min - 10) < 1e-12 && v.x_max >= 23 && v.x_min <= 23);
    /* No data: the compute axis is left as it is. */
    v = (tui_view){ 60, 64, 0, 1, 1 };
    tui_view_clamp(&v, NAN, NAN);
    ck_assert(v.x_min == 60 && v.x_max == 64);
}
END_TEST

/* Edges of view.h's rules, by hand. */
START_TEST(test_view_edges)
{
    /* The window holds its edges: a point drawn in its first or last
     * column or row is in view. */
    tui_view v = { 21, 25, 0, 1, 1 };
    ck_assert(tui_view_contains(&v, 21, 0.5) && tui_view_contains(&v, 25, 0.5));
    ck_assert(tui_view_contains(&v, 23, 0) && tui_view_contains(&v, 23, 1));
    ck_assert(!tui_view_contains(&v, 20.999, 0.5) && !tui_view_contains(&v, 23, 1.001));
    /* Zooming out a window below accuracy 0.2 by 2 about its top: [-1.4,
     * 0.2], 1.6 tall, is slid up the least that shows all of [0, 1]:
     * [-0.6, 1]. */
    v = (tui_view){ 21, 25, -0.6, 0.2, 1 };
    tui_view_zoom(&v, 1, 2, 23, 0.2);
    ck_assert_msg(fabs(v.y_min + 0.6) < 1e-12 && fabs(v.y_max - 1) < 1e-12, "[%.17g, %.17g]", v.y_min, v.y_max);
    /* A zoom point off the window cannot keep its place on the screen:
     * the window's centre (23) does, [21, 25] by 0.5 is [22, 24]. */
    v = (tui_view){ 21, 25, 0, 1, 1 };
    tui_view_zoom(&v, 0.5, 1, 30, 0.5);
    ck_assert_msg(fabs(v.x_min - 22) < 1e-12 && fabs(v.x_max - 24) < 1e-12, "[%.17g, %.17g]", v.x_min, v.x_max);
    /* Zooming in is never slid (view.h: only zooming out is): [-0.5, 0.5]
     * by 0.5 about 0 is [-0.25, 0.25]. */
    v = (tui_view){ 21, 25, -0.5, 0.5, 1 };
    tui_view_zoom(&v, 1, 0.5, 23, 0);
    ck_assert_msg(fabs(v.y_min + 0.25) < 1e-12 && fabs(v.y_max - 0.25) < 1e-12, "[%.17g, %.17g]", v.y_min, v.y_max);
    /* A factor that is no zoom (0, infinite) leaves the window as it is. */
    v = (tui_view){ 21, 25, 0, 1, 1 };
    tui_view_zoom(&v, 0, 1, 23, 0.5);
    tui_view_zoom(&v, INFINITY, 1, 23, 0.5);
    ck_assert(v.x_min == 21 && v.x_max == 25);
    /* A window of no width opens about its one compute, to the least span. */
    v = (tui_view){ 23, 23, 0, 1, 1 };
    tui_view_zoom(&v, 0.5, 1, 23, 0.5);
    ck_assert_msg(fabs(v.x_min - (23 - TUI_VIEW_MIN_SPAN_X / 2)) < 1e-12 &&
                      fabs(v.x_max - (23 + TUI_VIEW_MIN_SPAN_X / 2)) < 1e-12,
                  "[%.17g, %.17g]", v.x_min, v.x_max);
    /* A compute range not finite at either end, or upside down, still
     * gives a finite window of some width. */
    static const double bad[][2] = { { NAN, 23 }, { 22, INFINITY }, { -INFINITY, 22 }, { 25, 21 } };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        tui_view_auto(&v, bad[k][0], bad[k][1]);
        ck_assert_msg(isfinite(v.x_min) && isfinite(v.x_max) && v.x_max > v.x_min, "[%g, %g]: [%g, %g]",
                      bad[k][0], bad[k][1], v.x_min, v.x_max);
    }
    /* Data whose compute range is not finite at one end is no data for the
     * compute axis (view.h): the window is left where it is. */
    v = (tui_view){ 0, 4, 0, 1, 1 };
    tui_view_clamp(&v, 22, NAN);
    ck_assert(v.x_min == 0 && v.x_max == 4);
    tui_view_clamp(&v, 22, INFINITY);
    ck_assert(v.x_min == 0 && v.x_max == 4);
    tui_view_clamp(&v, -INFINITY, 22);
    ck_assert(v.x_min == 0 && v.x_max == 4);
}
END_TEST

START_TEST(test_settings_yaml)
{
    tui_settings s;
    tui_settings_init(&s);
    const char *yaml = "columns:\n  model: name\n"
                       "tui:\n  theme: dark\n  charset: ascii\n  mouse: off\n  reference_flops: 1e23\n"
                       "  quantiles: [0.5, 0.9, 0.98]\n  budget: 0.1\n  pool: all\n  picks: 7\n";
    cs_error err;
    ck_assert_int_eq(tui_settings_load_yaml(&s, yaml, strlen(yaml), "c.yaml", &err), 0);
    ck_assert_str_eq(s.theme, "dark");
    ck_assert_int_eq(s.charset, 2);
    ck_assert_int_eq(s.mouse, 0);
    ck_assert(fabs(s.ref_z - 23) < 1e-12);
    ck_assert_uint_eq(s.n_quantiles, 3);
    ck_assert(s.quantiles[2] == 0.98);
    ck_assert(s.budget == 0.1 && s.pool_all == 1 && s.picks == 7);
    const char *bad = "tui:\n  theme: dark\n  tau: 2\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, bad, strlen(bad), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 3);
    ck_assert_str_eq(err.file, "c.yaml");
    /* A scheme the parser refuses without data is refused at its line, as
     * `splits --scheme bogus` is before loading; it was taken, then refused
     * by s with no word of the config, and kept in the state file. */
    const char *scheme = "tui:\n  picks: 3\n  scheme: bogus\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, scheme, strlen(scheme), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 3);
    ck_assert_str_eq(err.msg, "tui.scheme: unknown scheme 'bogus' (" CS_SCHEME_SYNOPSIS ")");
    ck_assert_str_eq(s.scheme, "period4");
    const char *cuts = "tui:\n  scheme: 2024-10-01,2024-07-01\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, cuts, strlen(cuts), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 2);
    /* Rolling windows need the data's dates: judged once it is loaded. */
    const char *rolling = "tui:\n  scheme: rolling:6,3,3\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, rolling, strlen(rolling), "c.yaml", &err), 0);
    ck_assert_str_eq(s.scheme, "rolling:6,3,3");
    const char *year = "tui:\n  scheme: year\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, year, strlen(year), "c.yaml", &err), 0);
    ck_assert_str_eq(s.scheme, "year");
    const char *unknown = "tui:\n  colour: red\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, unknown, strlen(unknown), "c.yaml", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "unknown setting 'colour'"));
    const char *broken = "tui: [\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, broken, strlen(broken), "c.yaml", &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    char buf[64];
    ck_assert_str_eq(tui_settings_get(&s, "quantiles", buf, sizeof buf), "0.5,0.9,0.98");
    ck_assert_ptr_null(tui_settings_get(&s, "nosuch", buf, sizeof buf));
    /* A level twice (0.5 and 0.50 are one level) is refused; the list stays. */
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,0.50", &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "distinct"));
    ck_assert_str_eq(tui_settings_get(&s, "quantiles", buf, sizeof buf), "0.5,0.9,0.98");
    /* Too long to read whole: refused, not cut (the 0.25 at the end read as 0.2). */
    char longer[320];
    memset(longer, ',', 252);
    strcpy(longer + 252, "0.25");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", longer, &err), -1);
    ck_assert_str_eq(err.msg, "quantiles: '...' is not a list of at most 6 levels in 255 characters");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.25", &err), 0);
    ck_assert_str_eq(tui_settings_get(&s, "quantiles", buf, sizeof buf), "0.25");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,0.9,0.98", &err), 0);
    /* A number no double holds is said to be that, in the batch face's words
     * (cli_parse_flops, cli_parse_double), not "not a positive number"; the
     * setting keeps its value; 1e-400 is never taken as 0. */
    double ref = s.ref_flops;
    ck_assert_int_eq(tui_settings_set(&s, "reference_flops", "1e400", &err), -1);
    ck_assert_str_eq(err.msg, "reference_flops: '1e400' is more than a double holds (at most 1.79e308 FLOPs)");
    ck_assert_int_eq(tui_settings_set(&s, "reference_flops", "1e-400", &err), -1);
    ck_assert_str_eq(err.msg, "reference_flops: '1e-400' is nearer 0 than a double holds (the least is 4.9e-324 FLOPs)");
    ck_assert_int_eq(tui_settings_set(&s, "reference_flops", "-1e400", &err), -1);
    ck_assert_str_eq(err.msg, "reference_flops: '-1e400' is not a positive number of FLOPs");
    ck_assert(s.ref_flops == ref);
    ck_assert_int_eq(tui_settings_set(&s, "tau", "1e-400", &err), -1);
    ck_assert_str_eq(err.msg, "tau: '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)");
    ck_assert_int_eq(tui_settings_set(&s, "budget", "1e400", &err), -1);
    ck_assert_str_eq(err.msg, "budget: '1e400' is more than a double holds (at most 1.79e308)");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,1e-400", &err), -1);
    ck_assert_str_eq(err.msg, "quantiles: '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,-1e-400", &err), -1);
    ck_assert_str_eq(err.msg, "quantiles: '0.5,-1e-400' is not a list of levels in (0, 1)");
    ck_assert_str_eq(tui_settings_get(&s, "quantiles", buf, sizeof buf), "0.5,0.9,0.98");
    /* Design weights: off unless asked for (the plain fit is capscope fit's default). */
    ck_assert_int_eq(s.design_weights, 0);
    ck_assert_str_eq(tui_settings_get(&s, "design_weights", buf, sizeof buf), "off");
    const char *dw = "tui:\n  design_weights: yes\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, dw, strlen(dw), "c.yaml", &err), 0);
    ck_assert_int_eq(s.design_weights, 1);
    ck_assert_str_eq(tui_settings_get(&s, "design_weights", buf, sizeof buf), "on");
    ck_assert_int_eq(tui_settings_set(&s, "design_weights", "sometimes", &err), -1);
    ck_assert_int_eq(s.design_weights, 1);
}
END_TEST

/* budget and tau are fractions, and a text written as a percentage or with
 * a decimal comma is refused with how to write it, in the batch face's
 * words (suggest --budget 20%, fit --tau 98%: cs_fraction_hint), from :set,
 * :budget and the config's tui: mapping alike; the setting keeps its value.
 * Each fraction is N/100 by hand. They were refused without the hint. */
START_TEST(test_fraction_settings_say_how_to_write_one)
{
    tui_settings s;
    tui_settings_init(&s);
    cs_error err;
    double budget = s.budget, tau = s.tau;
    ck_assert_int_eq(tui_settings_set(&s, "budget", "20%", &err), -1);
    ck_assert_str_eq(err.msg, "budget: '20%' is not a fraction in (0, 1]; give a fraction: 0.2");
    ck_assert_int_eq(tui_settings_set(&s, "budget", "0,5", &err), -1);
    ck_assert_str_eq(err.msg, "budget: '0,5' is not a fraction in (0, 1]; use a point: 0.5");
    ck_assert_int_eq(tui_settings_set(&s, "budget", "10", &err), -1);
    ck_assert_str_eq(err.msg, "budget: '10' is not a fraction in (0, 1]; give a fraction: 0.1");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "50,90", &err), -1);
    ck_assert_str_eq(err.msg, "quantiles: '50,90' is not a list of levels in (0, 1); give fractions: 0.5,0.9");
    ck_assert_int_eq(tui_settings_set(&s, "tau", "98%", &err), -1);
    ck_assert_str_eq(err.msg, "tau: '98%' is not a quantile level in (0, 1); give a fraction: 0.98");
    ck_assert(s.budget == budget && s.tau == tau);
    /* the quantiles' list of levels, as the batch face's --budgets */
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "50%,90%", &err), -1);
    ck_assert_str_eq(err.msg, "quantiles: '50%,90%' is not a list of levels in (0, 1); give fractions: 0.5,0.9");
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,90%", &err), -1);
    ck_assert_ptr_null(strstr(err.msg, "give")); /* a mixed list: no one rule to offer */
    ck_assert(s.n_quantiles == 2 && s.quantiles[0] == 0.5 && s.quantiles[1] == 0.9);
    /* no hint where none is right */
    ck_assert_int_eq(tui_settings_set(&s, "budget", "150%", &err), -1);
    ck_assert_str_eq(err.msg, "budget: '150%' is not a fraction in (0, 1]");
    const char *yaml = "tui:\n  budget: 12.5%\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, yaml, strlen(yaml), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_msg(strstr(err.msg, "budget: '12.5%' is not a fraction in (0, 1]; give a fraction: 0.125"), "%s",
                  err.msg);
    ck_assert_int_eq(tui_settings_set(&s, "budget", "0.2", &err), 0);
    ck_assert(s.budget == 0.2);
}
END_TEST

/* The split view on a table dated after period4's end (2025-03-31) showed
 * "n 0 train, 0 valid" in every split without saying why: it is refused,
 * with the rows' dates and the :scheme that fits them. */
START_TEST(test_split_refused_on_rows_after_the_scheme)
{
    const char *csv = "model,flops,date,acc\na,1e21,2026-01-08,0.1\nb,1e22,2026-02-01,0.2\n"
                      "c,1e23,2026-05-20,0.3\nd,1e24,2026-06-30,0.4\n";
    cs_dataset *ds = NULL;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "late.csv", NULL, &ds, &err) == 0, "%s", err.msg);
    cs_scheme sch;
    char why[400];
    const char *off = tui_app_scheme_refusal(ds, "period4", &sch, why, sizeof why);
    ck_assert_str_eq(off ? off : "(none)",
                     "scheme period4 holds no row: try :scheme rolling:6,3,3 or cut dates (its periods: up to "
                     "2025-03-31; the rows: 2026-01-08 to 2026-06-30)");
    ck_assert_ptr_null(tui_app_scheme_refusal(ds, "2026-03-01", &sch, why, sizeof why));
    ck_assert_ptr_null(tui_app_scheme_refusal(ds, "rolling:2,2,1", &sch, why, sizeof why));
    cs_dataset_free(ds);
}
END_TEST

/* picks is a count as the batch face's --count is (cs_parse_count): digits
 * alone, and the same words for what is refused, from :set and from the
 * config's tui: mapping alike. Before, "2.0" and "2e0" were taken here and
 * refused by capscope suggest --count, and 1e400 was "not a count". The
 * expected words are the grammar's in number.h, with picks' range 1 to
 * 10000 (capscope-config(5)). */
START_TEST(test_picks_is_a_count_as_the_cli_reads_one)
{
    tui_settings s;
    tui_settings_init(&s);
    cs_error err;
    static const struct {
        const char *value, *msg;
    } refused[] = {
        { "2.0", "picks: '2.0' is not in digits alone (a whole number from 1 to 10000)" },
        { "2e0", "picks: '2e0' is not in digits alone (a whole number from 1 to 10000)" },
        { "+5", "picks: '+5' is not in digits alone (a whole number from 1 to 10000)" },
        { "0", "picks: '0' is less than it takes (at least 1)" },
        { "-1", "picks: '-1' is less than it takes (at least 1)" },
        { "10001", "picks: '10001' is more than it takes (at most 10000)" },
        { "1e400", "picks: '1e400' is more than it takes (at most 10000)" },
        { "99999999999999999999", "picks: '99999999999999999999' is more than it takes (at most 10000)" },
        { "2.5", "picks: '2.5' is not a whole number from 1 to 10000" },
        { "", "picks: '' is not a whole number from 1 to 10000" },
        { "0x10", "picks: '0x10' is not a whole number from 1 to 10000" },
        { "\xd9\xa3", "picks: '\xd9\xa3' is not a whole number from 1 to 10000" },
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ck_assert_int_eq(tui_settings_set(&s, "picks", refused[i].value, &err), -1);
        ck_assert_str_eq(err.msg, refused[i].msg);
        ck_assert_uint_eq(s.picks, 20); /* kept */
    }
    ck_assert_int_eq(tui_settings_set(&s, "picks", " 5 ", &err), 0);
    ck_assert_uint_eq(s.picks, 5);
    ck_assert_int_eq(tui_settings_set(&s, "picks", "10000", &err), 0);
    ck_assert_uint_eq(s.picks, 10000);
    ck_assert_int_eq(tui_settings_set(&s, "picks", "1", &err), 0);
    ck_assert_uint_eq(s.picks, 1);
    /* The config file says the same, at its line. */
    const char *cfg = "tui:\n  tau: 0.5\n  picks: 2.0\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, cfg, strlen(cfg), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 3);
    ck_assert_str_eq(err.msg, "tui.picks: '2.0' is not in digits alone (a whole number from 1 to 10000)");
    ck_assert_uint_eq(s.picks, 1);
}
END_TEST

/* The TUI reads a config as `capscope fit` does: the same files refused with
 * the same messages, and nothing the batch commands accept refused. */
START_TEST(test_settings_read_like_the_batch_face)
{
    tui_settings s;
    tui_settings_init(&s);
    cs_error err;
    /* An empty tui: means no settings; fit, which skips the key, accepts it too. */
    static const char *const empty[] = { "tui:\n", "tui: []\n", "tui: {}\n", "tui: ~\n", "columns: {}\ntui:\n" };
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++)
        ck_assert_msg(tui_settings_load_yaml(&s, empty[i], strlen(empty[i]), "c.yaml", &err) == 0, "%s: %s",
                      empty[i], err.msg);
    ck_assert_uint_eq(s.picks, 20);
    const char *list = "tui: [tau]\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, list, strlen(list), "c.yaml", &err), -1);
    ck_assert_msg(strstr(err.msg, "tui: expected a mapping of settings"), "%s", err.msg);

    /* A repeated key is refused, as the data layer refuses its own. */
    const char *dup = "tui:\n  tau: 0.9\n  tau: 0.8\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, dup, strlen(dup), "c.yaml", &err), -1);
    ck_assert_str_eq(err.msg, "duplicate key 'tui.tau' (also on line 2)");
    ck_assert_int_eq(err.line, 3);
    ck_assert(s.tau == CS_TAU_DEFAULT);

    /* Not UTF-8: the core's message, at the line of the byte. */
    const char *latin1 = "tui:\n  theme: caf\xe9\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, latin1, strlen(latin1), "c.yaml", &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_msg(strstr(err.msg, "file is not UTF-8 text (byte 0xe9"), "%s", err.msg);

    /* Malformed YAML carries libyaml's context. */
    const char *open = "tui: [\n  x";
    ck_assert_int_eq(tui_settings_load_yaml(&s, open, strlen(open), "c.yaml", &err), -1);
    ck_assert_msg(strstr(err.msg, "(while parsing a flow sequence, line 1)"), "%s", err.msg);

    /* A failed file leaves the settings as they were, not half applied. */
    const char *half = "tui:\n  picks: 7\n  tau: 2\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, half, strlen(half), "c.yaml", &err), -1);
    ck_assert_uint_eq(s.picks, 20);

    /* A value must be a scalar or a list of them. */
    const char *nested = "tui:\n  quantiles: [0.5, [0.9]]\n";
    ck_assert_int_eq(tui_settings_load_yaml(&s, nested, strlen(nested), "c.yaml", &err), -1);
    ck_assert_msg(strstr(err.msg, "tui.quantiles: expected a list of values, got a list in it"), "%s", err.msg);
}
END_TEST

/* Deep nesting is refused before any document is built. libyaml's document
 * loader took quadratic time on it: over 10 s for these 100000 brackets,
 * past Check's time limit, where the bound answers at once. */
START_TEST(test_settings_deep_nesting_is_refused_at_once)
{
    enum { N = 100000 };
    char *text = malloc(2 * N + 32);
    ck_assert_ptr_nonnull(text);
    size_t k = (size_t)sprintf(text, "tui:\n  x: ");
    memset(text + k, '[', N);
    memset(text + k + N, ']', N);
    k += 2 * N;
    text[k++] = '\n';
    tui_settings s;
    tui_settings_init(&s);
    cs_error err;
    ck_assert_int_eq(tui_settings_load_yaml(&s, text, k, "deep.yaml", &err), -1);
    ck_assert_str_eq(err.msg, "tui.x: expected a list of values, got a list in it");
    ck_assert_int_eq(err.line, 2);
    free(text);
}
END_TEST

/* One reading gives both the column roles and the settings, and says which
 * data keys a file sets (the user's config.yaml ignores them). */
START_TEST(test_config_roles_and_settings)
{
    tui_settings s;
    tui_settings_init(&s);
    cs_config cfg;
    cs_error err;
    char keys[64];
    const char *both = "columns: {model: name}\ntasks: [acc]\ntui: {picks: 5}\n";
    ck_assert_int_eq(tui_config_parse(&s, &cfg, both, strlen(both), "c.yaml", &err), 0);
    ck_assert_str_eq(cfg.model_col, "name");
    ck_assert_uint_eq(s.picks, 5);
    ck_assert_str_eq(tui_config_data_keys(&cfg, keys, sizeof keys), "columns, tasks");
    cs_config_free(&cfg);
    const char *only = "tui: {tau: 0.9}\n";
    ck_assert_int_eq(tui_config_parse(&s, &cfg, only, strlen(only), "c.yaml", &err), 0);
    ck_assert_ptr_null(tui_config_data_keys(&cfg, keys, sizeof keys));
    ck_assert(s.tau == 0.9 && s.picks == 5); /* read on top of what was there */
    cs_config_free(&cfg);
    const char *scale = "score_scale: 100\nderive_flops: {params: p, tokens: t}\n";
    ck_assert_int_eq(tui_config_parse(&s, &cfg, scale, strlen(scale), "c.yaml", &err), 0);
    ck_assert_str_eq(tui_config_data_keys(&cfg, keys, sizeof keys), "score_scale, derive_flops");
    cs_config_free(&cfg);
    /* What the data layer refuses, the TUI refuses. */
    const char *typo = "colums: {model: name}\n";
    ck_assert_int_eq(tui_config_parse(&s, &cfg, typo, strlen(typo), "c.yaml", &err), -1);
    ck_assert_msg(strstr(err.msg, "unknown key 'colums'"), "%s", err.msg);
    cs_config_free(&cfg);
}
END_TEST

START_TEST(test_theme_resolve_by_colors)
{
    tui_theme t;
    cs_error err;
    const char *y = "name: t\nstyles:\n  curve: { fg: [203, bright-red, red], attrs: [bold] }\n"
                    "  title: { fg: white, bg: [238, blue] }\n  point: { fg: cyan }\n";
    ck_assert_int_eq(tui_theme_parse(&t, y, strlen(y), "t.yaml", &err), 0);
    tui_resolved r = tui_theme_resolve(&t, CS_STYLE_CURVE, 256, 0);
    ck_assert_int_eq(r.fg, 203);
    ck_assert_int_eq(r.attrs, TUI_A_BOLD);
    ck_assert_int_eq(tui_theme_resolve(&t, CS_STYLE_CURVE, 16, 0).fg, 9);  /* bright-red */
    ck_assert_int_eq(tui_theme_resolve(&t, CS_STYLE_CURVE, 8, 0).fg, 1);   /* red */
    ck_assert_int_eq(tui_theme_resolve(&t, TUI_ROLE_TITLE, 8, 0).bg, 4);
    ck_assert_int_eq(tui_theme_resolve(&t, CS_STYLE_POINT, 256, 0).bg, TUI_COLOR_DEFAULT);
    /* A number above 15 is one of xterm's 256 colours, shown by a terminal
     * of 256 only (capscope-config(5)). rxvt-unicode has 88, whose 75 is a
     * pale pink (its cube's levels are 0, 8b, cd, ff: 75 is ff cd ff), not
     * xterm's blue 5fafff; and a direct-colour terminal (xterm-direct,
     * 2^24 colours) reads a number from 8 up as red, green and blue (75 is
     * 00 00 4b), keeping only 0 to 7 as the terminal's own. Each takes the
     * alternative it shows as meant. */
    const char *k = "name: k\nstyles:\n  key: { fg: [75, bright-cyan, cyan] }\n";
    ck_assert_int_eq(tui_theme_parse(&t, k, strlen(k), "k.yaml", &err), 0);
    ck_assert_int_eq(tui_theme_resolve(&t, TUI_ROLE_KEY, 256, 0).fg, 75);
    ck_assert_int_eq(tui_theme_resolve(&t, TUI_ROLE_KEY, 88, 0).fg, 14);
    ck_assert_int_eq(tui_theme_resolve(&t, TUI_ROLE_KEY, 16, 0).fg, 14);
    ck_assert_int_eq(tui_theme_resolve(&t, TUI_ROLE_KEY, 0x1000000, 0).fg, 6);
    ck_assert_int_eq(tui_theme_parse(&t, y, strlen(y), "t.yaml", &err), 0);
    /* NO_COLOR or a terminal without colours: attributes only, and a role that
     * relied on its background is shown in reverse instead. */
    r = tui_theme_resolve(&t, TUI_ROLE_TITLE, 256, 1);
    ck_assert_int_eq(r.fg, TUI_COLOR_DEFAULT);
    ck_assert_int_eq(r.bg, TUI_COLOR_DEFAULT);
    ck_assert(r.attrs & TUI_A_REVERSE);
    ck_assert_int_eq(tui_theme_resolve(&t, CS_STYLE_POINT, 0, 0).fg, TUI_COLOR_DEFAULT);
    const char *bad = "styles:\n  curve: { fg: purple }\n";
    ck_assert_int_eq(tui_theme_parse(&t, bad, strlen(bad), "b.yaml", &err), -1);
    ck_assert_int_eq(err.line, 2);
    const char *badrole = "styles:\n  nosuch: { fg: red }\n";
    ck_assert_int_eq(tui_theme_parse(&t, badrole, strlen(badrole), "b.yaml", &err), -1);
    /* A refusal says what is allowed (capscope-config(5) lists the same):
     * the role meant, when one is near, else every role. */
    ck_assert_str_eq(err.msg, "unknown role 'nosuch' (roles: default, axis, label, point, point_alt, band, "
                              "suggested, curve_alt, curve, match, cursor, title, title_focus, selected, "
                              "marked, status, bar, error, dim, key, header, spark, cov_good, cov_warn, "
                              "cov_bad, more)");
    const char *typo = "styles:\n  piont: { fg: red }\n";
    ck_assert_int_eq(tui_theme_parse(&t, typo, strlen(typo), "b.yaml", &err), -1);
    ck_assert_str_eq(err.msg, "unknown role 'piont' (did you mean point?)");
    const char *attr = "styles:\n  point: { attrs: [bold, blink] }\n";
    ck_assert_int_eq(tui_theme_parse(&t, attr, strlen(attr), "b.yaml", &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.msg, "unknown attribute 'blink' (an attribute is bold, reverse, underline, dim, "
                              "italic or normal)");
    /* A \0 escape would cut the role's name short and pass for curve. */
    const char *nul = "styles:\n  curve: { fg: red }\n  \"curve\\0x\": { fg: blue }\n";
    ck_assert_int_eq(tui_theme_parse(&t, nul, strlen(nul), "b.yaml", &err), -1);
    ck_assert_int_eq(err.line, 3);
    ck_assert_str_eq(err.msg, "a NUL character (\\0) in a value: a theme is text");
    ck_assert_int_eq(tui_color_parse("255"), 255);
    ck_assert_int_eq(tui_color_parse("256"), TUI_COLOR_UNSET);
    /* a number as a count is written: digits alone */
    ck_assert_int_eq(tui_color_parse("+5"), TUI_COLOR_UNSET);
    ck_assert_int_eq(tui_color_parse("5.0"), TUI_COLOR_UNSET);
    ck_assert_int_eq(tui_color_parse("0"), 0);
    const char *big = "styles:\n  curve: { fg: 300 }\n";
    ck_assert_int_eq(tui_theme_parse(&t, big, strlen(big), "b.yaml", &err), -1);
    ck_assert_str_eq(err.msg, "unknown colour '300': a colour is default, black, red, green, yellow, blue, magenta, "
                              "cyan or white (bright-NAME for the bright ones), or a number from 0 to 255");
}
END_TEST

/* What a theme says twice, or in a second document, was dropped unseen (the
 * last key won, the second document was never read): each is refused at its
 * line, as the config's reader refuses them. */
START_TEST(test_theme_refuses_what_it_would_drop)
{
    static const struct {
        const char *text;
        long line;
        const char *msg;
    } cases[] = {
        { "name: a\nstyles:\n  point: { fg: red }\n  point: { fg: blue }\n", 4,
          "duplicate key 'styles.point' (also on line 3)" },
        { "name: a\nstyles:\n  point: { fg: red,\n    fg: blue }\n", 4,
          "duplicate key 'styles.point.fg' (also on line 3)" },
        { "name: a\nstyles:\n  curve: { attrs: [bold], attrs: [dim] }\n", 3,
          "duplicate key 'styles.curve.attrs' (also on line 3)" },
        { "name: a\nstyles: {}\nname: b\n", 3, "duplicate key 'name' (also on line 1)" },
        { "styles:\n  point: { fg: red }\nstyles:\n  curve: { fg: red }\n", 3,
          "duplicate key 'styles' (also on line 1)" },
        /* the second document's colour was never even checked */
        { "name: a\n---\nstyles:\n  point: { fg: purple }\n", 2,
          "more than one YAML document in a theme file" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tui_theme t;
        cs_error err;
        ck_assert_msg(tui_theme_parse(&t, cases[i].text, strlen(cases[i].text), "t.yaml", &err) == -1,
                      "accepted: %s", cases[i].text);
        ck_assert_str_eq(err.msg, cases[i].msg);
        ck_assert_int_eq(err.line, cases[i].line);
    }
    /* one document, ended with ..., is one */
    tui_theme t;
    cs_error err;
    const char *ended = "name: a\nstyles:\n  point: { fg: red }\n...\n";
    ck_assert_int_eq(tui_theme_parse(&t, ended, strlen(ended), "t.yaml", &err), 0);
    ck_assert_int_eq(t.style[CS_STYLE_POINT].fg[0], 1);
}
END_TEST

/* A compressed data file given to the interface is told to be
 * decompressed, without the batch subcommands' "or zcat it into standard
 * input, read as '-'": the interface refuses --data -, its standard input
 * being the terminal. */
START_TEST(test_compressed_data_in_the_interface)
{
    char dir[] = "/tmp/capscope-gz.XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/d.csv.gz", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    static const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03";
    ck_assert_uint_eq(fwrite(gz, 1, sizeof gz - 1, f), sizeof gz - 1);
    ck_assert_int_eq(fclose(f), 0);
    tui_app app;
    tui_settings s;
    tui_settings_init(&s);
    tui_app_init(&app, &s);
    cs_error err;
    ck_assert_int_eq(tui_app_load(&app, path, &err), -1);
    ck_assert_str_eq(err.msg, "file is compressed (gzip), not text: decompress it first (gunzip)");
    tui_app_free(&app);
    /* capscope's batch face reads standard input: it is told so there */
    cs_dataset *ds;
    ck_assert_int_eq(cs_dataset_load(path, NULL, &ds, &err), -1);
    ck_assert_ptr_nonnull(strstr(err.msg, "read as '-'"));
    unlink(path);
    rmdir(dir);
}
END_TEST

/* A theme saved in Latin-1 is told as the data and the config are (not in
 * libyaml's words, "invalid leading UTF-8 octet"), and a FIFO in a theme's
 * place is refused at once, not waited on. */
START_TEST(test_theme_not_text_or_not_a_file)
{
    tui_theme t;
    cs_error err;
    const char *latin1 = "name: caf\xe9\nstyles: {}\n";
    ck_assert_int_eq(tui_theme_parse(&t, latin1, strlen(latin1), "l.yaml", &err), -1);
    ck_assert_int_eq(err.line, 1);
    ck_assert_str_eq(err.msg, "file is not UTF-8 text (byte 0xe9 at column 10); save it as UTF-8");
    /* A compressed theme is said as the data is, but without "zcat it into
     * standard input, read as '-'": --theme - is a theme named '-'. */
    const char gz[] = "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03";
    ck_assert_int_eq(tui_theme_parse(&t, gz, sizeof gz - 1, "t.yaml.gz", &err), -1);
    ck_assert_str_eq(err.msg, "file is compressed (gzip), not text: decompress it first (gunzip)");

    char dir[] = "/tmp/capscope-theme.XXXXXX", fifo[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/t.yaml", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(tui_theme_load(&t, fifo, &err), -1); /* before: blocked in open() */
    ck_assert_str_eq(err.msg, "is a FIFO, a device or a socket, not a theme file");
    ck_assert_int_eq(tui_theme_load(&t, dir, &err), -1);
    ck_assert_str_eq(err.msg, "is a directory, not a theme file");
    unlink(fifo);
    rmdir(dir);
}
END_TEST

/* The shipped themes parse and cover what the screen shows. */
START_TEST(test_shipped_themes)
{
    const char *names[] = { "default", "light", "dark", "monochrome" };
    for (int i = 0; i < 4; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/themes/%s.yaml", SRCDIR, names[i]);
        tui_theme t;
        cs_error err;
        ck_assert_msg(tui_theme_load(&t, path, &err) == 0, "%s: %s", path, err.msg);
        ck_assert_str_eq(t.name, names[i]);
        /* The cursor and the selected row must stand out even without colour. */
        ck_assert(tui_theme_resolve(&t, CS_STYLE_CURSOR, 0, 1).attrs & TUI_A_REVERSE);
        ck_assert(tui_theme_resolve(&t, TUI_ROLE_SELECTED, 0, 1).attrs & TUI_A_REVERSE);
        /* And nothing else looks like them there: a coverage mark far from
         * tau (the strip, the drift grid) was reverse and bold, the cursor. */
        for (int nc = 0; nc < 2; nc++)
            for (int role = TUI_ROLE_COV_GOOD; role <= TUI_ROLE_COV_BAD; role++) {
                int attrs = tui_theme_resolve(&t, role, nc ? 256 : 0, nc).attrs;
                ck_assert_msg(!(attrs & TUI_A_REVERSE), "%s: role %d is reverse without colour", names[i], role);
            }
        ck_assert_msg((tui_theme_resolve(&t, TUI_ROLE_COV_BAD, 0, 1).attrs & (TUI_A_BOLD | TUI_A_UNDERLINE)) ==
                          (TUI_A_BOLD | TUI_A_UNDERLINE),
                      "%s: cov_bad stands out without colour", names[i]);
        /* A warning is not a bin on target there (the default theme's was
         * yellow alone, then plain), nor a bad one. */
        int good = tui_theme_resolve(&t, TUI_ROLE_COV_GOOD, 0, 1).attrs;
        int warn = tui_theme_resolve(&t, TUI_ROLE_COV_WARN, 0, 1).attrs;
        int bad = tui_theme_resolve(&t, TUI_ROLE_COV_BAD, 0, 1).attrs;
        ck_assert_msg(warn & TUI_A_UNDERLINE, "%s: cov_warn stands out without colour", names[i]);
        ck_assert_msg(warn != good && warn != bad, "%s: cov_warn is told apart without colour", names[i]);
    }
    tui_theme b;
    tui_theme_builtin(&b);
    ck_assert_str_eq(b.name, "default");
}
END_TEST

/* The theme put in the built-in one's place when memory runs out reading it
 * (tui_theme_builtin used to abort then) shows what the built-in theme shows
 * on a terminal without colour, role by role, with colour or without: the
 * cursor, the selection and the titles still stand out. */
START_TEST(test_theme_plain_is_builtin_without_colour)
{
    tui_theme builtin, plain;
    ck_assert_int_eq(tui_theme_builtin(&builtin), 0);
    tui_theme_plain(&plain);
    ck_assert_str_eq(plain.name, "default");
    for (int role = 0; role < TUI_ROLE_COUNT; role++) {
        tui_resolved want = tui_theme_resolve(&builtin, role, 0, 1);
        for (int nc = 0; nc < 2; nc++) {
            tui_resolved got = tui_theme_resolve(&plain, role, nc ? 0 : 256, nc);
            ck_assert_msg(got.attrs == want.attrs, "role %d: attrs %u, the built-in's without colour %u", role,
                          got.attrs, want.attrs);
            ck_assert_int_eq(got.fg, TUI_COLOR_DEFAULT);
            ck_assert_int_eq(got.bg, TUI_COLOR_DEFAULT);
        }
    }
    ck_assert(tui_theme_resolve(&plain, CS_STYLE_CURSOR, 256, 0).attrs & TUI_A_REVERSE);
}
END_TEST

/* A key script that cannot be read whole is refused, as --data and
 * --config refuse theirs: a directory given as --replay ran no keys without
 * a word, and a script past the reader's limit ran cut short, its last
 * line typed in part (":export plot.svg" could run as ":exp"). */
START_TEST(test_replay_load_whole_or_refused)
{
    char dir[] = "/tmp/capscope-replay.XXXXXX", path[64];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    tui_replay r;
    cs_error err;
    ck_assert_int_eq(tui_replay_load(&r, dir, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a directory") != NULL, "%s", err.msg);

    /* 40 MiB of 'j' lines: past the 32 MiB the reader holds. */
    snprintf(path, sizeof path, "%s/long.keys", dir);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    static char chunk[1 << 20];
    for (size_t i = 0; i < sizeof chunk; i += 2)
        memcpy(chunk + i, "j\n", 2);
    for (int k = 0; k < 40; k++)
        ck_assert_uint_eq(fwrite(chunk, 1, sizeof chunk, f), sizeof chunk);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(tui_replay_load(&r, path, &err), -1);
    ck_assert_msg(strstr(err.msg, "too long") != NULL, "%s", err.msg);

    /* A script of a few lines still loads whole. */
    f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs("j\n:task math\n", f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_msg(tui_replay_load(&r, path, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(r.n, 1 + strlen(":task math") + 1);
    tui_replay_free(&r);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_replay_parse)
{
    tui_replay r;
    cs_error err;
    const char *script = "# comment\n:task math\nj<Down><Space>\n<Resize 60x20>\n<Sleep 100>\n<Click 3,4>\n<lt>\n<Wait>\n";
    ck_assert_int_eq(tui_replay_parse(&r, script, "s", &err), 0);
    const char *typed = ":task math";
    size_t i = 0;
    for (; typed[i]; i++) {
        ck_assert_int_eq(r.ev[i].kind, TUI_EV_KEY);
        ck_assert_int_eq(r.ev[i].key, typed[i]);
    }
    ck_assert_int_eq(r.ev[i++].key, TUI_KEY_ENTER);
    ck_assert_int_eq(r.ev[i++].key, 'j');
    ck_assert_int_eq(r.ev[i++].key, TUI_KEY_DOWN);
    ck_assert_int_eq(r.ev[i++].key, ' ');
    ck_assert_int_eq(r.ev[i].kind, TUI_EV_RESIZE);
    ck_assert_int_eq(r.ev[i].x, 60);
    ck_assert_int_eq(r.ev[i++].y, 20);
    ck_assert_int_eq(r.ev[i].kind, TUI_EV_SLEEP);
    ck_assert_int_eq(r.ev[i++].x, 100);
    ck_assert_int_eq(r.ev[i].kind, TUI_EV_CLICK);
    ck_assert_int_eq(r.ev[i].x, 3);
    ck_assert_int_eq(r.ev[i++].y, 4);
    ck_assert_int_eq(r.ev[i++].key, '<');
    ck_assert_int_eq(r.ev[i++].kind, TUI_EV_WAIT);
    ck_assert_uint_eq(r.n, i);
    ck_assert_ptr_nonnull(tui_replay_next(&r));
    tui_replay_free(&r);
    ck_assert_int_eq(tui_replay_parse(&r, "j\n<Bogus>\n", "s", &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_int_eq(tui_replay_parse(&r, "<Resize 0x3>\n", "s", &err), -1);
    ck_assert_str_eq(err.msg, "<Resize 0x3>: a resize is to 1..1000 x 1..1000");
    /* Past INT_MAX, not wrapped into range (2^32 + 10 is not 10). */
    ck_assert_int_eq(tui_replay_parse(&r, "<Sleep 4294967306>\n", "s", &err), -1);
    ck_assert_str_eq(err.msg, "<Sleep 4294967306>: a sleep is 0..60000 ms");
    ck_assert_int_eq(tui_replay_parse(&r, "<Resize 4294967376x24>\n", "s", &err), -1);
    ck_assert_int_eq(tui_replay_parse(&r, "<Click 4294967297,1>\n", "s", &err), -1);
    ck_assert_str_eq(err.msg, "expected <Click X,Y>");
    ck_assert_int_eq(tui_replay_parse(&r, "<Sleep  +7><Resize 3x 4>\n", "s", &err), 0);
    ck_assert_int_eq(r.ev[0].x, 7);
    ck_assert_int_eq(r.ev[1].x, 3);
    ck_assert_int_eq(r.ev[1].y, 4);
    tui_replay_free(&r);
    ck_assert_int_eq(tui_replay_parse(&r, "a<b\n", "s", &err), 0); /* no closing '>': literal */
    ck_assert_uint_eq(r.n, 3);
    tui_replay_free(&r);
}
END_TEST

START_TEST(test_state_round_trip)
{
    tui_state st, back;
    tui_state_init(&st);
    snprintf(st.data, sizeof st.data, "/data/x y.csv");
    snprintf(st.config, sizeof st.config, "/data/x y.yaml");
    snprintf(st.task, sizeof st.task, "math_lvl5");
    snprintf(st.scheme, sizeof st.scheme, "2024-07-01,2024-10-01");
    st.split_on = 1;
    st.split_k = 2;
    st.x_min = 21.5;
    st.x_max = 24.25;
    st.y_min = 0.1;
    st.y_max = 0.9;
    char *text = tui_state_format(&st);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    ck_assert_str_eq(back.data, st.data);
    ck_assert_str_eq(back.config, st.config);
    ck_assert_str_eq(back.task, st.task);
    ck_assert_str_eq(back.scheme, st.scheme);
    ck_assert_int_eq(back.split_on, 1);
    ck_assert_uint_eq(back.split_k, 2);
    ck_assert(back.x_min == 21.5 && back.x_max == 24.25 && back.y_min == 0.1 && back.y_max == 0.9);
    ck_assert_int_eq(back.design_weights, -1); /* not recorded: the settings' value stands */
    st.design_weights = 1;
    text = tui_state_format(&st);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    ck_assert_ptr_nonnull(strstr(text, "\nweights=1\n"));
    free(text);
    ck_assert_int_eq(back.design_weights, 1);
    st.design_weights = 0;
    text = tui_state_format(&st);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    ck_assert_int_eq(back.design_weights, 0);
    ck_assert_str_eq(back.config_scheme, "");
    ck_assert_int_eq(back.config_weights, -1);
    snprintf(st.config_scheme, sizeof st.config_scheme, "year");
    st.config_weights = 1;
    text = tui_state_format(&st);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    ck_assert_str_eq(back.config_scheme, "year");
    ck_assert_int_eq(back.config_weights, 1);
    /* A corrupt view line is ignored rather than trusted, and so is a weights line. */
    tui_state_init(&back);
    tui_state_parse(&back, "view=5 1 0 1\ntask=a\nweights=yes\n");
    ck_assert(!(back.x_max > back.x_min));
    ck_assert_str_eq(back.task, "a");
    ck_assert_int_eq(back.design_weights, -1);
    /* A value longer than its field is ignored, not cut to another name. */
    char line[1300];
    memset(line, 'x', sizeof line);
    memcpy(line, "data=", 5);
    line[1100] = '\0';
    tui_state_init(&back);
    tui_state_parse(&back, "data=/first.csv\n");
    tui_state_parse(&back, line);
    ck_assert_str_eq(back.data, "/first.csv");
    memcpy(line, "task=", 5);
    line[5 + 256] = '\0';
    tui_state_parse(&back, line);
    ck_assert_str_eq(back.task, "");
    line[5 + 255] = '\0';
    tui_state_parse(&back, line);
    ck_assert_uint_eq(strlen(back.task), 255);
    /* The split line is read exactly, or not at all (sscanf wrapped it). */
    tui_state_init(&back);
    tui_state_parse(&back, "split=1 3\n");
    ck_assert_int_eq(back.split_on, 1);
    ck_assert_uint_eq(back.split_k, 3);
    tui_state_parse(&back, "split=4294967296 2\nsplit=0 -1\nsplit=0 99999999999999999999999\nsplit=0 4x\n");
    ck_assert_int_eq(back.split_on, 1);
    ck_assert_uint_eq(back.split_k, 3);
    tui_state_parse(&back, "split=0 2\r\n");
    ck_assert_int_eq(back.split_on, 0);
    ck_assert_uint_eq(back.split_k, 2);
}
END_TEST

/* The state file names a file whole or not at all: a path cut to its field
 * (1024 bytes) or one holding a line break (read back as its first line and
 * a key of its own) would name another file, or set another task, at the
 * next start. Such a path is left out, and the next start shows the demo. */
START_TEST(test_state_names_files_whole)
{
    tui_state st, back;
    tui_state_init(&st);
    snprintf(st.data, sizeof st.data, "/d/a\nb.csv");
    snprintf(st.config, sizeof st.config, "/c/x\ntask=other");
    snprintf(st.task, sizeof st.task, "acc");
    char *text = tui_state_format(&st);
    ck_assert_ptr_nonnull(text);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    ck_assert_str_eq(back.data, "");
    ck_assert_str_eq(back.config, "");
    ck_assert_str_eq(back.task, "acc");

    /* A data path longer than the field (no such file: realpath keeps it as
     * given). */
    tui_app app;
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&app, &set);
    char *longpath = malloc(1101);
    ck_assert_ptr_nonnull(longpath);
    memset(longpath, 'x', 1100);
    longpath[0] = '/';
    longpath[1100] = '\0';
    app.data_path = longpath;
    app.config_path = strdup("/no/such/config.yaml");
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.data, "");
    ck_assert_str_eq(st.config, "");
    app.data_path[sizeof st.data - 1] = '\0'; /* one that fits is kept */
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.data, app.data_path);
    ck_assert_str_eq(st.config, "/no/such/config.yaml");
    tui_app_free(&app);
}
END_TEST

/* One session file per data file ever opened piled up: a save keeps the
 * last TUI_SESSIONS_KEPT written, its own among them, and leaves other
 * files of the directory alone. Times set by hand: the file 0 oldest. */
START_TEST(test_sessions_are_pruned_to_the_newest)
{
    char dir[] = "/tmp/capscope-sessions.XXXXXX", path[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    for (int i = 0; i < 8; i++) {
        snprintf(path, sizeof path, "%s/%016x", dir, i);
        FILE *f = fopen(path, "w");
        ck_assert_ptr_nonnull(f);
        fclose(f);
        struct timespec t[2] = { { 1000000 + i, 0 }, { 1000000 + i, 0 } };
        ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    }
    snprintf(path, sizeof path, "%s/notes.txt", dir); /* not a session's name */
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
    /* own: the oldest of all, yet kept */
    snprintf(path, sizeof path, "%s/%016x", dir, 0);
    tui_state_prune_sessions(path, 4);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "test \"$(ls '%s' | tr '\\n' ' ')\" = '0000000000000000 0000000000000005 0000000000000006 "
             "0000000000000007 notes.txt '",
             dir);
    ck_assert_msg(system(cmd) == 0, "not the 3 newest and own");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Another capscope saving a session the prune had listed among the oldest
 * (a data file opened again after weeks), between the listing and the
 * removal: its save replaces the file at the name (a new file, renamed
 * there), and the prune removed it by that name, the session just saved
 * lost. The removal takes a file that is not the one listed for a file to
 * keep, and leaves nothing of its own in the directory. */
START_TEST(test_prune_keeps_a_session_saved_since_it_was_listed)
{
    char dir[] = "/tmp/capscope-sessions.XXXXXX", path[256], cmd[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char name[] = "00000000000000aa";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    cs_error err;
    tui_state st, back;
    tui_state_init(&st);
    snprintf(st.task, sizeof st.task, "old");
    ck_assert_int_eq(tui_state_save(&st, path, &err), 0);
    struct stat listed;
    ck_assert_int_eq(lstat(path, &listed), 0);
    snprintf(st.task, sizeof st.task, "saved since");
    ck_assert_int_eq(tui_state_save(&st, path, &err), 0); /* another capscope's */
    ck_assert_int_eq(tui_state_prune_one(dir, name, &listed), 0);
    tui_state_init(&back);
    ck_assert_int_eq(tui_state_load(&back, path), 0);
    ck_assert_str_eq(back.task, "saved since");
    /* the file listed, still there: removed */
    ck_assert_int_eq(lstat(path, &listed), 0);
    ck_assert_int_eq(tui_state_prune_one(dir, name, &listed), 1);
    ck_assert_int_eq(access(path, F_OK), -1);
    ck_assert_int_eq(tui_state_prune_one(dir, name, &listed), 0); /* gone: nothing to do */
    snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
    ck_assert_msg(system(cmd) == 0, "left something in the directory");
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

/* link() and rename() as a file system without hard links (FAT, some
 * network and FUSE ones) or a failing disk has them, for the prune's tests.
 * Defined here, they are the ones the interface's code linked into this
 * program calls (the C library's own calls are not affected); they pass
 * through to linkat and renameat unless a test turns a fault on, and each
 * such test turns it off again (CK_FORK=no runs them in one process). */
static int fault_no_links;    /* link() fails: EPERM */
static int fault_rename_back; /* rename() from a prune's ".NAME.pruned-PID" fails: EIO */
static const char *fault_save_at, *fault_save_task; /* a session saved at this name first */

static void save_task(const char *path, const char *task);

int link(const char *from, const char *to)
{
    if (fault_save_at && strcmp(to, fault_save_at) == 0) {
        fault_save_at = NULL; /* its own save links too */
        save_task(to, fault_save_task);
    }
    if (fault_no_links) {
        errno = EPERM;
        return -1;
    }
    return linkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}

int rename(const char *from, const char *to)
{
    if (fault_rename_back && strstr(from, ".pruned-")) {
        errno = EIO;
        return -1;
    }
    return renameat(AT_FDCWD, from, AT_FDCWD, to);
}

/* The task of the session saved at path ("" when none is there). */
static const char *session_task(const char *path, tui_state *st)
{
    if (tui_state_load(st, path) != 0)
        st->task[0] = '\0';
    return st->task;
}

static void save_task(const char *path, const char *task)
{
    tui_state st;
    cs_error err;
    tui_state_init(&st);
    snprintf(st.task, sizeof st.task, "%s", task);
    ck_assert_msg(tui_state_save(&st, path, &err) == 0, "%s", err.msg);
}

/* A session saved since the prune listed it, which the prune moved aside
 * and then could not put back (no hard links, and the rename back failed
 * too): it was removed, the session the prune had just decided to keep
 * lost. It stays aside, and the next look puts it back: the session's own
 * load, or the next prune, which also puts back what a prune killed between
 * its moves left aside, once its process is gone, and leaves alone what a
 * running prune has aside. */
START_TEST(test_prune_never_removes_a_session_it_keeps)
{
    char dir[] = "/tmp/capscope-sessions.XXXXXX", path[256], aside[256], cmd[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char name[] = "00000000000000bb";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    save_task(path, "old");
    struct stat listed;
    ck_assert_int_eq(lstat(path, &listed), 0);
    save_task(path, "saved since");
    fault_no_links = fault_rename_back = 1;
    int pruned = tui_state_prune_one(dir, name, &listed);
    fault_no_links = fault_rename_back = 0;
    ck_assert_int_eq(pruned, 0);
    snprintf(aside, sizeof aside, "%s/.%s.pruned-%ld", dir, name, (long)getpid());
    tui_state st;
    ck_assert_msg(strcmp(session_task(aside, &st), "saved since") == 0, "the session kept was removed");
    tui_state_recover_pruned(path, 0); /* as its load does */
    ck_assert_str_eq(session_task(path, &st), "saved since");
    ck_assert_int_eq(access(aside, F_OK), -1);

    /* Left by prunes killed between their moves: a process that is gone
     * (a child waited for), and one that still runs (this one's parent). */
    pid_t child = fork();
    ck_assert_int_ne(child, -1);
    if (child == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(child, NULL, 0), child);
    static const char gone[] = "00000000000000cc", newer[] = "00000000000000dd", running[] = "00000000000000ee";
    char gone_path[256], newer_path[256], running_aside[256];
    snprintf(aside, sizeof aside, "%s/.%s.pruned-%ld", dir, gone, (long)child);
    save_task(aside, "gone's");
    snprintf(gone_path, sizeof gone_path, "%s/%s", dir, gone);
    /* one with a newer save at its name since: the newer wins */
    snprintf(aside, sizeof aside, "%s/.%s.pruned-%ld", dir, newer, (long)child);
    save_task(aside, "older");
    snprintf(newer_path, sizeof newer_path, "%s/%s", dir, newer);
    save_task(newer_path, "newer");
    snprintf(running_aside, sizeof running_aside, "%s/.%s.pruned-%ld", dir, running, (long)getppid());
    save_task(running_aside, "running's");
    tui_state_prune_sessions(path, TUI_SESSIONS_KEPT);
    ck_assert_str_eq(session_task(gone_path, &st), "gone's");
    ck_assert_str_eq(session_task(newer_path, &st), "newer");
    ck_assert_str_eq(session_task(running_aside, &st), "running's");
    ck_assert_str_eq(session_task(path, &st), "saved since");
    snprintf(cmd, sizeof cmd, "test \"$(LC_ALL=C ls -A '%s' | tr '\\n' ' ')\" = '.%s.pruned-%ld %s %s %s '", dir, running,
             (long)getppid(), name, gone, newer);
    ck_assert_msg(system(cmd) == 0, "not the sessions and the running prune's alone");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* On a file system without hard links the prune put a session saved since
 * it was listed back at its name by rename, over a newer save that had
 * landed there in between (another capscope's exit): the newer is kept,
 * as publish_new keeps what is at a name, and the older removed. */
START_TEST(test_prune_without_links_keeps_a_newer_save)
{
    char dir[] = "/tmp/capscope-sessions.XXXXXX", path[256], cmd[512];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    static const char name[] = "00000000000000bb";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    save_task(path, "old");
    struct stat listed;
    ck_assert_int_eq(lstat(path, &listed), 0);
    save_task(path, "saved since");
    fault_no_links = 1;
    fault_save_at = path; /* when the prune tries to put it back */
    fault_save_task = "newest";
    int pruned = tui_state_prune_one(dir, name, &listed);
    int landed = fault_save_at == NULL;
    fault_no_links = 0;
    fault_save_at = NULL;
    ck_assert_int_eq(pruned, 0);
    ck_assert_msg(landed, "no save landed: not the case to test");
    tui_state st;
    ck_assert_str_eq(session_task(path, &st), "newest");
    snprintf(cmd, sizeof cmd, "test \"$(LC_ALL=C ls -A '%s')\" = '%s'", dir, name);
    ck_assert_msg(system(cmd) == 0, "left something aside");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The state file is saved whole (cs_write_atomic, test_journal), its
 * directories made, and a state file the user made private stays private. */
START_TEST(test_state_save)
{
    char dir[] = "/tmp/capscope-tui-test.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char nested[256], cmd[512];
    snprintf(nested, sizeof nested, "%s/a/b/state", dir);
    cs_error err;
    tui_state st;
    tui_state_init(&st);
    snprintf(st.task, sizeof st.task, "acc");
    ck_assert_int_eq(tui_state_save(&st, nested, &err), 0);
    ck_assert_int_eq(access(nested, R_OK), 0);
    ck_assert_int_eq(chmod(nested, 0600), 0);
    snprintf(st.task, sizeof st.task, "other");
    ck_assert_int_eq(tui_state_save(&st, nested, &err), 0);
    struct stat sb;
    ck_assert_int_eq(stat(nested, &sb), 0);
    ck_assert_int_eq(sb.st_mode & 07777, 0600);
    tui_state back;
    ck_assert_int_eq(tui_state_load(&back, nested), 0);
    ck_assert_str_eq(back.task, "other");
    /* Only the state file: no temporary one left. */
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s/a/b')\" = state", dir);
    ck_assert_int_eq(system(cmd), 0);
    /* A failure says why. */
    ck_assert_int_eq(tui_state_save(&st, "/dev/null/x/state", &err), -1);
    ck_assert_str_eq(err.msg, "cannot create its directory: not a directory");
    /* A FIFO in the state's place is no state, at once (open() waited for
     * a writer, and the start with it); so is a directory. */
    char fifo[300];
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    ck_assert_int_eq(tui_state_load(&back, fifo), -1);
    ck_assert_int_eq(tui_state_load(&back, dir), -1);
    /* A state file linked from elsewhere (dotfiles) stays a link, and the
     * file it leads to gets the session, as the history does: replaced
     * by a regular file, the link was cut and its target kept the old. */
    char link_path[300], target[300];
    snprintf(link_path, sizeof link_path, "%s/linked", dir);
    snprintf(target, sizeof target, "%s/a/state.real", dir);
    FILE *f = fopen(target, "w");
    ck_assert_ptr_nonnull(f);
    fputs("task=old\n", f);
    fclose(f);
    ck_assert_int_eq(symlink("a/state.real", link_path), 0);
    snprintf(st.task, sizeof st.task, "linked");
    ck_assert_int_eq(tui_state_save(&st, link_path, &err), 0);
    struct stat lsb;
    ck_assert_int_eq(lstat(link_path, &lsb), 0);
    ck_assert(S_ISLNK(lsb.st_mode));
    ck_assert_int_eq(tui_state_load(&back, target), 0);
    ck_assert_str_eq(back.task, "linked");
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The settings' boundaries as capscope-config(5) states them: tau strictly
 * between 0 and 1, quantile levels in (0, 1), budget_abs any positive cost
 * (a cost below 1 too) or off; the charset is auto until one is chosen. */
START_TEST(test_settings_boundaries)
{
    tui_settings s;
    tui_settings_init(&s);
    char buf[64];
    cs_error err;
    ck_assert_str_eq(tui_settings_get(&s, "charset", buf, sizeof buf), "auto");
    ck_assert_int_eq(tui_settings_set(&s, "tau", "0", &err), -1);
    ck_assert_int_eq(tui_settings_set(&s, "tau", "1", &err), -1);
    ck_assert_int_eq(tui_settings_set(&s, "tau", "0.5", &err), 0);
    ck_assert(s.tau == 0.5);
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0.5,1", &err), -1);
    ck_assert_int_eq(tui_settings_set(&s, "quantiles", "0,0.5", &err), -1);
    ck_assert_uint_eq(s.n_quantiles, 2);
    ck_assert(s.quantiles[0] == 0.5 && s.quantiles[1] == 0.9);
    ck_assert_int_eq(tui_settings_set(&s, "budget_abs", "0.5", &err), 0);
    ck_assert(s.budget_abs == 0.5);
    ck_assert_str_eq(tui_settings_get(&s, "budget_abs", buf, sizeof buf), "0.5");
    ck_assert_int_eq(tui_settings_set(&s, "budget_abs", "0", &err), -1);
    ck_assert_int_eq(tui_settings_set(&s, "budget_abs", "off", &err), 0);
    ck_assert_str_eq(tui_settings_get(&s, "budget_abs", buf, sizeof buf), "off");
    /* picks shows its default, 20 (capscope-config(5)). */
    ck_assert_str_eq(tui_settings_get(&s, "picks", buf, sizeof buf), "20");
    /* reference_flops keeps the FLOPs shown, not only their log. */
    ck_assert_int_eq(tui_settings_set(&s, "reference_flops", "1e23", &err), 0);
    ck_assert(s.ref_flops == 1e23 && fabs(s.ref_z - 23) < 1e-12);
    ck_assert(strtod(tui_settings_get(&s, "reference_flops", buf, sizeof buf), NULL) == 1e23);
    /* A name that is empty or longer than its field is refused, never cut
     * to another: a theme, and a scheme of 28 monthly cuts (307 bytes) that
     * would parse but not fit the 256 bytes kept. */
    ck_assert_int_eq(tui_settings_set(&s, "theme", "", &err), -1);
    char longer[400];
    memset(longer, 'd', sizeof s.theme);
    longer[sizeof s.theme] = '\0';
    ck_assert_int_eq(tui_settings_set(&s, "theme", longer, &err), -1);
    ck_assert_str_eq(s.theme, "default");
    ck_assert_int_eq(tui_settings_set(&s, "scheme", "", &err), -1);
    size_t used = 0;
    for (int m = 0; m < 28; m++)
        used += (size_t)snprintf(longer + used, sizeof longer - used, "%s%04d-%02d-01", m ? "," : "",
                                 2020 + m / 12, 1 + m % 12);
    ck_assert_uint_eq(used, 28 * 11 - 1);
    ck_assert_int_eq(tui_settings_set(&s, "scheme", longer, &err), -1);
    ck_assert_str_eq(s.scheme, "period4");
    longer[10] = '\0'; /* one cut of them is a scheme */
    ck_assert_int_eq(tui_settings_set(&s, "scheme", longer, &err), 0);
    /* A config refused for a setting leaves *cfg initialised (settings.h),
     * its columns not kept: else the caller, told it failed, would not free
     * them. */
    cs_config refused_cfg;
    const char *refused = "columns:\n  model: name\ntui:\n  tau: 2\n";
    ck_assert_int_eq(tui_config_parse(&s, &refused_cfg, refused, strlen(refused), "c.yaml", &err), -1);
    ck_assert_ptr_null(refused_cfg.model_col);
    cs_config_free(&refused_cfg);
    /* Any column named makes the config's columns data keys. */
    static const char *const which[] = { "model", "flops", "date", "cost", "base_model" };
    for (int k = 0; k < 5; k++) {
        cs_config cfg;
        memset(&cfg, 0, sizeof cfg);
        char name[] = "x";
        char **col[] = { &cfg.model_col, &cfg.flops_col, &cfg.date_col, &cfg.cost_col, &cfg.base_model_col };
        *col[k] = name;
        const char *keys = tui_config_data_keys(&cfg, buf, sizeof buf);
        ck_assert_msg(keys && strcmp(keys, "columns") == 0, "%s: %s", which[k], keys ? keys : "(none)");
    }
}
END_TEST

/* A session of many marked tasks (the field holds a suite's 200 names of
 * 80 bytes) writes a state file of many kilobytes; it reads back whole. */
START_TEST(test_state_of_many_marks_reads_back)
{
    char dir[] = "/tmp/capscope-tui-test.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[300], cmd[400];
    snprintf(path, sizeof path, "%s/state", dir);
    tui_state *st = malloc(sizeof *st), *back = malloc(sizeof *back);
    ck_assert(st && back);
    tui_state_init(st);
    snprintf(st->task, sizeof st->task, "acc");
    size_t used = 0;
    for (int i = 0; i < 150; i++) /* 150 lines of 5 + 80 bytes: 12750 bytes */
        used += (size_t)snprintf(st->marked + used, sizeof st->marked - used,
                                 "task-%03d-%071d\n", i, 0);
    ck_assert_uint_eq(used, 150 * 81);
    cs_error err;
    ck_assert_int_eq(tui_state_save(st, path, &err), 0);
    struct stat sb;
    ck_assert_int_eq(stat(path, &sb), 0);
    ck_assert_int_gt(sb.st_size, 12750);
    ck_assert_int_eq(tui_state_load(back, path), 0);
    ck_assert_str_eq(back->task, "acc");
    ck_assert_str_eq(back->marked, st->marked);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
    free(st);
    free(back);
}
END_TEST

/* The marks are kept whole or not at all (settings.h): each name takes its
 * length and a '\n', and the field its NUL. Twelve names of 1300 bytes use
 * 12 * 1301 = 15612 of the 16384 bytes: a 13th of 770 bytes fills them to
 * the last (15612 + 771 + 1 = 16384); one of 771 is not kept. */
START_TEST(test_state_marks_fill_their_field_exactly)
{
    ck_assert_uint_eq(sizeof ((tui_state *)0)->marked, 16384);
    for (int last = 770; last <= 771; last++) {
        size_t cap = 13 * 1400 + 1, k = 0;
        char *text = malloc(cap);
        ck_assert_ptr_nonnull(text);
        for (int i = 0; i < 13; i++) {
            int len = i < 12 ? 1300 : last;
            k += (size_t)snprintf(text + k, cap - k, "mark=%c", 'a' + i);
            memset(text + k, 'x', (size_t)len - 1);
            k += (size_t)len - 1;
            text[k++] = '\n';
        }
        text[k] = '\0';
        tui_state *st = malloc(sizeof *st);
        ck_assert_ptr_nonnull(st);
        tui_state_init(st);
        tui_state_parse(st, text);
        const char *end = memchr(st->marked, '\0', sizeof st->marked);
        ck_assert_ptr_nonnull(end);
        ck_assert_uint_eq((size_t)(end - st->marked), last == 770 ? 16383 : 15612);
        free(st);
        free(text);
    }
}
END_TEST

/* The state file's lines read as tui_state_format writes them, and no
 * other: "split=ON K" with ON 0 or 1 and a blank; a view wider and taller
 * than nothing; weights of 0 recorded as well as 1. The theme's default is
 * the theme named default (capscope-config(5)). */
START_TEST(test_state_lines_read_as_written)
{
    tui_state st;
    static const char *const refused[] = { "split=2 5\n", "split=1x5\n", "split=1 \n", "split=15\n",
                                           "view=22 22 0 1\n", "view=21 25 0.5 0.5\n", "view=25 21 0 1\n" };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        tui_state_init(&st);
        tui_state_parse(&st, refused[i]);
        ck_assert_msg(st.split_on == 0 && st.split_k == 0, "%s", refused[i]);
        ck_assert_msg(st.x_min == 0 && st.x_max == 0 && st.y_min == 0 && st.y_max == 0, "%s", refused[i]);
    }
    tui_state_parse(&st, "split=1 10\n");
    ck_assert_int_eq(st.split_on, 1);
    ck_assert_uint_eq(st.split_k, 10);
    tui_state_parse(&st, "split=1 5\nview=21 25 0 1\n");
    ck_assert_int_eq(st.split_on, 1);
    ck_assert_uint_eq(st.split_k, 5);
    ck_assert(st.x_min == 21 && st.x_max == 25 && st.y_min == 0 && st.y_max == 1);

    tui_state_init(&st);
    char *none = tui_state_format(&st);
    ck_assert_ptr_nonnull(none);
    ck_assert_msg(!strstr(none, "view="), "no view recorded, yet: %s", none);
    free(none);
    st.design_weights = 0;
    st.config_weights = 0;
    char *text = tui_state_format(&st);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "\nweights=0\n"));
    ck_assert_ptr_nonnull(strstr(text, "\nconfig_weights=0\n"));
    tui_state back;
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    ck_assert_int_eq(back.design_weights, 0);
    ck_assert_int_eq(back.config_weights, 0);

    tui_settings set;
    tui_settings_init(&set);
    char buf[64];
    ck_assert_str_eq(tui_settings_get(&set, "theme", buf, sizeof buf), "default");
}
END_TEST

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* Reading the state file closes it: the interface reads it at every start
 * and :load, and a descriptor kept each time is a leak no LeakSanitizer
 * sees (glibc keeps the FILE on its list of open streams). */
START_TEST(test_state_load_closes_its_file)
{
    if (open_fds() < 0)
        return; /* no /proc: nothing to count with */
    char dir[] = "/tmp/capscope-tui-test.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[300];
    snprintf(path, sizeof path, "%s/state", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("task=acc", f); /* no line break at the end: a hand edit's */
    ck_assert_int_eq(fclose(f), 0);
    int before = open_fds();
    tui_state st;
    for (int i = 0; i < 5; i++)
        ck_assert_int_eq(tui_state_load(&st, path), 0);
    ck_assert_str_eq(st.task, "acc");
    ck_assert_int_eq(open_fds(), before);
    ck_assert_int_eq(unlink(path), 0);
    ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

START_TEST(test_xdg_paths)
{
    setenv("XDG_STATE_HOME", "/x/state", 1);
    setenv("XDG_CONFIG_HOME", "/x/config", 1);
    char *a = tui_state_path("history"), *b = tui_config_path("config.yaml");
    ck_assert_str_eq(a, "/x/state/capscope/history");
    ck_assert_str_eq(b, "/x/config/capscope/config.yaml");
    free(a);
    free(b);
    /* Relative XDG values are invalid by the spec: the defaults apply. */
    setenv("XDG_STATE_HOME", "relative", 1);
    setenv("HOME", "/home/u", 1);
    a = tui_state_path("history");
    ck_assert_str_eq(a, "/home/u/.local/state/capscope/history");
    free(a);
    unsetenv("XDG_CONFIG_HOME");
    b = tui_config_path("config.yaml");
    ck_assert_str_eq(b, "/home/u/.config/capscope/config.yaml");
    free(b);
    /* A HOME that is unset or relative is not a home: the password file's
     * is, as for the journal. A relative one put the state under the
     * working directory, an unset one kept none. */
    const struct passwd *pw = getpwuid(getuid());
    char want[1024] = "";
    if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
        snprintf(want, sizeof want, "%s/.local/state/capscope/history", pw->pw_dir);
    static const char *const homes[] = { "foo", NULL };
    for (size_t i = 0; i < 2; i++) {
        if (homes[i])
            setenv("HOME", homes[i], 1);
        else
            unsetenv("HOME");
        a = tui_state_path("history");
        if (want[0])
            ck_assert_msg(a && strcmp(a, want) == 0, "HOME=%s: %s", homes[i] ? homes[i] : "(unset)", a ? a : "NULL");
        else
            ck_assert_ptr_null(a);
        free(a);
    }
}
END_TEST

/* ---- the app driven through its handlers, on a small dated file ---- */

static char fx_dir[64], fx_csv[128], fx_journal[160];

/* Rows in every period4 period, and names that need quoting on the command
 * line: a blank, both kinds of quote, a backslash before a quote. */
static const char fx_text[] =
    "model,flops,date,acc\n"
    "a1,1e21,2024-01-10,0.10\na2,1e22,2024-02-10,0.20\na3,1e23,2024-03-10,0.30\n"
    "a4,1e24,2024-04-10,0.40\na5,1e22,2024-05-10,0.25\n"
    "b1,1e21,2024-07-10,0.15\nb2,1e22,2024-08-10,0.25\nb3,1e23,2024-09-10,0.35\n"
    "b4,1e24,2024-09-20,0.45\nb5,1e23,2024-08-20,0.30\n"
    "c1,1e21,2024-10-10,0.20\nc2,1e22,2024-11-10,0.30\nc3,1e23,2024-12-10,0.40\n"
    "c4,1e24,2024-12-20,0.50\nc5,1e22,2024-11-20,0.35\n"
    "d1,1e21,2025-01-10,0.25\nd2,1e22,2025-02-10,0.35\nd3,1e23,2025-03-10,0.45\n"
    "d4,1e24,2025-03-20,0.55\n"
    "my model,1e22,2024-05-05,0.30\n"
    "\"it's \"\"q\"\"\",1e23,2024-05-06,0.35\n"
    "\"back\\slash\\\"\"\",1e23,2024-05-07,\n";

static void fx_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(text, f) >= 0, 1);
    ck_assert_int_eq(fclose(f), 0);
}

/* The background work run to its end; a spin fails the test (settle.h). */
static void settle(tui_app *app)
{
    settle_app(app);
}

/* :load FILE, its work run to its end. */
static void fx_load(tui_app *app, const char *path)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "load %s", path);
    tui_app_command(app, cmd);
    settle(app);
}

static void fx_open_text(tui_app *app, const char *text)
{
    snprintf(fx_dir, sizeof fx_dir, "/tmp/capscope-tui-app.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(fx_dir));
    snprintf(fx_csv, sizeof fx_csv, "%s/data.csv", fx_dir);
    snprintf(fx_journal, sizeof fx_journal, "%s.journal", fx_csv);
    fx_write(fx_csv, text);
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(app, &set);
    cs_error err;
    ck_assert_msg(tui_app_load(app, fx_csv, &err) == 0, "%s", err.msg);
    settle(app);
}

static void fx_open(tui_app *app)
{
    fx_open_text(app, fx_text);
}

static void fx_close(tui_app *app)
{
    tui_app_free(app);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static int32_t iso(const char *text)
{
    int32_t d;
    ck_assert_int_eq(cs_parse_date(text, &d), 0);
    return d;
}

/* The session of data loaded by a relative name and since deleted (or
 * moved away) is saved under its absolute name, as it was loaded: the name
 * as given was recorded, which --resume from another directory opens as
 * another file, and the session kept for that data file was not updated. */
START_TEST(test_state_of_a_deleted_file_names_it_absolutely)
{
    tui_app app;
    fx_open(&app);
    char here[4096], want[4200];
    ck_assert_ptr_nonnull(getcwd(here, sizeof here));
    char *dir = realpath(fx_dir, NULL);
    ck_assert_ptr_nonnull(dir);
    snprintf(want, sizeof want, "%s/data.csv", dir);
    free(dir);
    ck_assert_int_eq(chdir(fx_dir), 0);
    free(app.data_path);
    app.data_path = strdup("data.csv");
    ck_assert_int_eq(unlink(fx_csv), 0);
    tui_state st;
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.data, want);
    /* and one given as ./data.csv, the same */
    free(app.data_path);
    app.data_path = strdup("./data.csv");
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.data, want);
    ck_assert_int_eq(chdir(here), 0);
    fx_close(&app);
}
END_TEST

/* The last session's scheme and design weights win over the configs' while
 * the configs say what they said when it started; a config edited since
 * wins (its edit was silently ignored for as long as the same data was
 * opened). fx_open's settings are the defaults: period4, weights off. */
START_TEST(test_state_yields_to_an_edited_config)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "scheme year");
    tui_app_command(&app, "weights on");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    settle(&app);
    tui_state st;
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.scheme, "year");
    ck_assert_int_eq(st.design_weights, 1);
    ck_assert_str_eq(st.config_scheme, "period4");
    ck_assert_int_eq(st.config_weights, 0);
    fx_close(&app);

    /* The config unchanged: the session's choices come back. */
    fx_open(&app);
    tui_app_apply_state(&app, &st);
    ck_assert_str_eq(app.set.scheme, "year");
    ck_assert_int_eq(app.set.design_weights, 1);
    settle(&app);
    fx_close(&app);

    /* The config edited since to say 2024-07-01 and weights on: its scheme
     * wins; the weights it asks for are on anyway. */
    fx_open(&app);
    cs_error err;
    ck_assert_int_eq(tui_settings_set(&app.from_config, "scheme", "2024-07-01", &err), 0);
    ck_assert_int_eq(tui_settings_set(&app.from_config, "design_weights", "on", &err), 0);
    app.set = app.from_config;
    st.design_weights = 0; /* the session had turned them off again */
    tui_app_apply_state(&app, &st);
    ck_assert_str_eq(app.set.scheme, "2024-07-01");
    ck_assert_int_eq(app.set.design_weights, 1);
    settle(&app);
    /* And what this session saves records the config it started with. */
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.config_scheme, "2024-07-01");
    ck_assert_int_eq(st.config_weights, 1);
    fx_close(&app);

    /* A state file from before records no config: it wins, as it did. */
    fx_open(&app);
    tui_state old;
    tui_state_init(&old);
    tui_state_parse(&old, "scheme=year\nweights=1\n");
    tui_app_apply_state(&app, &old);
    ck_assert_str_eq(app.set.scheme, "year");
    ck_assert_int_eq(app.set.design_weights, 1);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* A moved cut survives turning the split view off and on, :scheme with the
 * text the pane shows, and a restart through the session state. */
START_TEST(test_moved_cut_survives)
{
    static const char moved[] = "period4:2024-07-02,2024-10-01,2025-01-01";
    tui_app app;
    fx_open(&app);
    tui_h_split(&app, "");
    ck_assert_int_eq(app.split_on, 1);
    tui_h_cut_day_fwd(&app, "");
    ck_assert_str_eq(app.set.scheme, moved);
    settle(&app);
    tui_h_split(&app, "");
    ck_assert_int_eq(app.split_on, 0);
    tui_h_split(&app, "");
    ck_assert_msg(app.split_on == 1 && !app.msg_error, "%s", app.msg);
    ck_assert_int_eq(app.scheme.lo[1], iso("2024-07-02"));
    settle(&app);
    /* A cut the calendar has not says which part is wrong, as the batch
     * options do, and moves nothing. */
    tui_app_command(&app, "cut 2024-13-01");
    ck_assert_str_eq(app.msg, "cut: '2024-13-01' is not a date (YYYY-MM-DD; there is no month 13)");
    ck_assert_str_eq(app.set.scheme, moved);
    tui_app_command(&app, "scheme period4");
    tui_app_command(&app, "scheme period4:2024-07-02,2024-10-01,2025-01-01");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_str_eq(app.set.scheme, moved);
    ck_assert_int_eq(app.scheme.lo[1], iso("2024-07-02"));
    settle(&app);

    tui_state st, back;
    tui_app_get_state(&app, &st);
    char *text = tui_state_format(&st);
    tui_state_init(&back);
    tui_state_parse(&back, text);
    free(text);
    tui_app again;
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&again, &set);
    cs_error err;
    ck_assert_int_eq(tui_app_load(&again, fx_csv, &err), 0);
    tui_app_apply_state(&again, &back);
    ck_assert_str_eq(again.set.scheme, moved);
    ck_assert_int_eq(again.split_on, 1);
    ck_assert_int_eq(again.scheme.lo[1], iso("2024-07-02"));
    settle(&again);

    /* A saved scheme that no longer parses is said, not dropped in silence. */
    snprintf(back.scheme, sizeof back.scheme, "period4:2024-10-02,2024-10-01,2025-01-01");
    again.msg[0] = '\0';
    tui_app_apply_state(&again, &back);
    ck_assert_int_eq(again.msg_error, 1);
    ck_assert_ptr_nonnull(strstr(again.msg, "saved scheme not restored"));
    settle(&again);
    tui_app_free(&again);
    fx_close(&app);
}
END_TEST

/* [ and ] say which split they stepped to, in the words of s, where only
 * the titles used to change; at either end they say there is none. The
 * loop clears the status line before each key, as here. period4 over the
 * fixture's four periods has three splits. */
START_TEST(test_split_steps_are_said)
{
    tui_app app;
    fx_open(&app);
    app.msg[0] = '\0';
    tui_h_split(&app, "");
    ck_assert_str_eq(app.msg, "split view: period4, split 1 of 3 ([ and ] step)");
    settle(&app);
    static const struct {
        unsigned (*key)(tui_app *, const char *);
        size_t k;
        const char *said;
    } steps[] = {
        { tui_h_split_next, 2, "split view: period4, split 2 of 3" },
        { tui_h_split_next, 3, "split view: period4, split 3 of 3" },
        { tui_h_split_next, 3, "split 3 of 3: no later split" },
        { tui_h_split_prev, 2, "split view: period4, split 2 of 3" },
        { tui_h_split_prev, 1, "split view: period4, split 1 of 3" },
        { tui_h_split_prev, 1, "split 1 of 3: no earlier split" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        app.msg[0] = '\0';
        steps[i].key(&app, "");
        ck_assert_uint_eq(app.split_k, steps[i].k);
        ck_assert_msg(strcmp(app.msg, steps[i].said) == 0 && !app.msg_error, "step %zu: '%s'", i, app.msg);
        settle(&app);
    }
    fx_close(&app);
}
END_TEST

/* `:set scheme` keeps only what the parser reads: a refused scheme once
 * stayed the setting, so the split view, the drift grid and the next
 * session started from it ("saved scheme not restored"). The refusal, the
 * help's synopsis and the completion's words name the moved-cut forms the
 * parser reads (period4:D1,D2,D3, year:D), as :scheme does. */
START_TEST(test_set_scheme_keeps_what_parses)
{
    tui_app app;
    fx_open(&app);
    char val[256];
    tui_app_command(&app, "set scheme bogus");
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_msg(strstr(app.msg, "period4:D1,D2,D3") && strstr(app.msg, "year:D"), "%s", app.msg);
    ck_assert_ptr_nonnull(tui_settings_get(&app.set, "scheme", val, sizeof val));
    ck_assert_str_eq(val, "period4");
    ck_assert_int_eq(app.split_on, 0);
    /* as :scheme says it */
    char said[sizeof app.msg];
    snprintf(said, sizeof said, "%s", app.msg);
    tui_app_command(&app, "scheme bogus");
    ck_assert_str_eq(app.msg, said);

    tui_app_command(&app, "set scheme year:2024-11-15");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_str_eq(app.set.scheme, "year:2024-11-15");
    ck_assert_int_eq(app.split_on, 1);
    ck_assert_int_eq(app.scheme.lo[1], iso("2024-11-15"));
    settle(&app);

    /* What Tab offers after `:set scheme ` and `:scheme `: the words the
     * parser starts a scheme with (scheme.c: the named schemes alone or
     * with ':' and cuts, rolling: with its months; a list of dates starts
     * with a digit, which no word can offer). */
    const tui_action *a = tui_action_by_name("scheme");
    char syn[256], arg[256], buf[256];
    const char *w[16];
    ck_assert_ptr_nonnull(tui_setting_synopsis("scheme", syn, sizeof syn));
    ck_assert_str_eq(syn, tui_action_arg_text(a, 0, arg, sizeof arg));
    ck_assert_str_eq(a->args, syn); /* the help and the usage line show it whole */
    size_t n = tui_synopsis_words(syn, buf, sizeof buf, w, 16);
    const char *want[] = { "period4", "year", "rolling:", "period4:", "year:" };
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(w[i], want[i]);
    fx_close(&app);
}
END_TEST

/* Scores entered in an earlier session are replayed from the journal when
 * the data is opened again, and said: n in the task list grew by them
 * without a word. Two entries written here, one taken back by an undo
 * line (the journal's format), leave one score in effect. */
START_TEST(test_open_says_the_scores_replayed)
{
    tui_app app;
    fx_open(&app);
    /* entered after the data file was saved, so no older score stands over a newer one */
    char lines[256];
    long now = (long)time(NULL) + 60;
    snprintf(lines, sizeof lines, "score\ta1\tacc\t0.9\t%ld\nscore\ta2\tacc\t0.8\t%ld\n", now, now + 1);
    fx_write(fx_journal, lines);
    tui_app fresh;
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&fresh, &set);
    cs_error err;
    ck_assert_msg(tui_app_load(&fresh, fx_csv, &err) == 0, "%s", err.msg);
    char want[600];
    snprintf(want, sizeof want, "2 scores entered earlier replayed from %s", fx_journal);
    ck_assert_str_eq(fresh.msg, want);
    ck_assert_int_eq(fresh.msg_error, 0);
    settle(&fresh);
    tui_app_free(&fresh);
    snprintf(lines, sizeof lines, "score\ta1\tacc\t0.9\t%ld\nscore\ta2\tacc\t0.8\t%ld\nundo\n", now, now + 1);
    fx_write(fx_journal, lines);
    fx_load(&app, fx_csv);
    snprintf(want, sizeof want, "1 score entered earlier replayed from %s (loaded 22 models, 1 task)", fx_journal);
    ck_assert_str_eq(app.msg, want);
    /* said once in :messages, with the counts: the words without them
     * took a second place there, pushing out an older message */
    snprintf(want, sizeof want, "1 score entered earlier replayed from %s", fx_journal);
    for (size_t i = 0; i < app.n_msg_log; i++)
        ck_assert_msg(strcmp(app.msg_log[i], want) != 0, "message %zu is the load's word again: '%s'", i, want);
    fx_close(&app);
}
END_TEST

/* :load says what happened to the journal; a stale entry leaves it in use. */
START_TEST(test_load_keeps_the_journal_message)
{
    tui_app app;
    fx_open(&app);
    fx_write(fx_journal, "score\ta1\tacc\t0.9\t1\nscore\tno/such\tacc\t0.5\t1\n");
    fx_load(&app, fx_csv);
    ck_assert_msg(strstr(app.msg, "skipped line 2, unknown model 'no/such'") &&
                  strstr(app.msg, "loaded 22 models"), "%s", app.msg);
    ck_assert_ptr_nonnull(app.journal);
    long a1 = cs_dataset_find_model(app.ds, "a1");
    ck_assert(app.ds->tasks[0].y[a1] == 0.9);
    tui_app_command(&app, "score b1 acc 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);

    /* A refused journal shows none of its scores, and says so after :load. */
    fx_write(fx_journal, "score\ta1\tacc\t0.9\t1\nscore\ta2\tacc\tlots\t1\n");
    fx_load(&app, fx_csv);
    ck_assert_msg(app.msg_error && strstr(app.msg, "journal not used") &&
                  strstr(app.msg, ".journal:2"), "%s", app.msg);
    a1 = cs_dataset_find_model(app.ds, "a1");
    ck_assert(fabs(app.ds->tasks[0].y[a1] - 0.10) < 1e-12);
    fx_close(&app);
}
END_TEST

/* A journal entry older than the data file's last save, over a score of
 * the file's that differs, is said at :load (the journal wins, and the file
 * may have been given the score since); an entry as new as the file is not. */
START_TEST(test_load_names_a_journal_score_over_a_newer_file)
{
    tui_app app;
    fx_open(&app);
    fx_write(fx_journal, "score\ta1\tacc\t0.9\t1\nscore\ta2\tacc\t0.7\t1\n");
    fx_load(&app, fx_csv);
    /* What to do within the 80 columns of a status line, before a model's
     * name of any length. */
    ck_assert_msg(strstr(app.msg, "journal holds scores over the data file's newer ones (:score sets them): "
                                  "the first at line 1, a1 on acc is 0.9, not 0.1; in "), "%s", app.msg);
    ck_assert_ptr_nonnull(strstr(app.msg, ":score sets them"));
    ck_assert_int_le(strstr(app.msg, ":score sets them") - app.msg + (long)strlen(":score sets them"), 79);
    long a1 = cs_dataset_find_model(app.ds, "a1");
    ck_assert(app.ds->tasks[0].y[a1] == 0.9);

    char later[64];
    snprintf(later, sizeof later, "score\ta1\tacc\t0.9\t%lld\n", (long long)time(NULL) + 3600);
    fx_write(fx_journal, later);
    fx_load(&app, fx_csv);
    ck_assert_msg(!strstr(app.msg, "journal line"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* A data file renamed leaves its journal under the old name: :load says
 * how to use its scores, and which file holds them, and applies none. */
START_TEST(test_load_names_the_journal_of_a_renamed_file)
{
    tui_app app;
    fx_open(&app);
    char old_journal[200];
    snprintf(old_journal, sizeof old_journal, "%s/before.csv.journal", fx_dir);
    fx_write(old_journal, "score\ta1\tacc\t0.9\t1\n");
    fx_load(&app, fx_csv);
    /* What to do first, as a status line of 80 columns cuts the rest. */
    char want[512];
    snprintf(want, sizeof want, "rename %s to %s.journal to use its 1 score of these models "
             "(its data file is gone: renamed?)", old_journal, fx_csv);
    ck_assert_msg(strncmp(app.msg, want, strlen(want)) == 0, "%s", app.msg);
    long a1 = cs_dataset_find_model(app.ds, "a1");
    ck_assert(fabs(app.ds->tasks[0].y[a1] - 0.10) < 1e-12);
    ck_assert_ptr_null(app.journal);
    /* A score entered since started the new name's own journal: the old
     * one's score is still not in use, and said so, with how to merge. */
    char own[300];
    snprintf(own, sizeof own, "%s.journal", fx_csv);
    fx_write(own, "score\ta2\tacc\t0.8\t2\n");
    fx_load(&app, fx_csv);
    char merge[2400];
    snprintf(merge, sizeof merge, "to use %s's 1 score of these models, put its lines before %s's: "
             "cat %s %s > %s.new && mv %s.new %s (its data file is gone: renamed?)", old_journal, own,
             old_journal, own, own, own, own);
    ck_assert_msg(strncmp(app.msg, merge, strlen(merge)) == 0, "%s", app.msg);
    ck_assert_ptr_nonnull(app.journal);
    ck_assert(fabs(app.ds->tasks[0].y[a1] - 0.10) < 1e-12);
    /* The same score entered again on the new name: nothing is lost. */
    fx_write(own, "score\ta2\tacc\t0.8\t2\nscore\ta1\tacc\t0.9\t3\n");
    fx_load(&app, fx_csv);
    ck_assert_msg(!strstr(app.msg, "renamed?"), "%s", app.msg);
    /* An own journal that cannot be used (a malformed line) is not a name
     * to rename the old one to, which would replace it and every score it
     * holds: its own refusal is what the status line says. */
    fx_write(own, "score\ta2\tacc\tlots\t2\n");
    fx_load(&app, fx_csv);
    ck_assert_msg(!strstr(app.msg, "rename"), "%s", app.msg);
    ck_assert_msg(app.msg_error && strstr(app.msg, "journal not used"), "%s", app.msg);
    unlink(own);
    unlink(old_journal);
    fx_close(&app);
}
END_TEST

/* Two tasks, acc and gpqa, loaded from fx_csv without a journal; the
 * index of gpqa. */
static int load_two_tasks(tui_app *app)
{
    static const char two[] = "model,flops,acc,gpqa\n"
                              "a1,1e21,0.10,0.05\na2,1e22,0.20,0.10\na3,1e23,0.30,0.20\n"
                              "a4,1e24,0.40,0.30\na5,1e22,0.25,\nb1,1e21,0.15,0.10\n"
                              "b2,1e22,0.25,0.15\nb3,1e23,0.35,0.25\n";
    fx_write(fx_csv, two);
    fx_load(app, fx_csv);
    ck_assert_ptr_null(app->journal);
    int g = cs_dataset_task_index(app->ds, "gpqa");
    ck_assert_int_ge(g, 0);
    return g;
}

/* A journal that appeared after the data was loaded (a second interface on
 * the same file saved the first score) is replayed by the first :score:
 * every task it touched is fitted again, as a fresh load would fit it. Only
 * the scored task was; the others kept the fits of the scores before. */
START_TEST(test_first_score_replays_a_new_journal_everywhere)
{
    tui_app app;
    fx_open(&app);
    int g = load_two_tasks(&app);
    /* Written by the other interface: gpqa scores far above the rest. */
    fx_write(fx_journal, "score\ta5\tgpqa\t0.9\t1\nscore\tb1\tgpqa\t0.95\t1\n");
    tui_app_command(&app, "score b2 acc 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);

    tui_app fresh;
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&fresh, &set);
    cs_error err;
    ck_assert_int_eq(tui_app_load(&fresh, fx_csv, &err), 0);
    settle(&fresh);
    ck_assert_int_eq(fresh.fits[g].state, TUI_FIT_OK);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_OK);
    ck_assert_uint_eq(app.ds->tasks[g].n_scored, fresh.ds->tasks[g].n_scored);
    ck_assert_msg(memcmp(&app.fits[g].fit.p, &fresh.fits[g].fit.p, sizeof app.fits[g].fit.p) == 0,
                  "gpqa: y0 %g L %g, fresh y0 %g L %g", app.fits[g].fit.p.y0, app.fits[g].fit.p.L,
                  fresh.fits[g].fit.p.y0, fresh.fits[g].fit.p.L);
    tui_app_free(&fresh);
    fx_close(&app);
}
END_TEST

/* :load of the data file again (a newer version of it replaced it on disk)
 * or of another file with the same task columns keeps the task shown and
 * the marked tasks, by name: the sampler serves the marked tasks, and it
 * went back to the first task alone without a word, so that the next
 * suggestions were for another benchmark than the ones being scored. */
START_TEST(test_load_keeps_the_task_and_marks_by_name)
{
    tui_app app;
    fx_open(&app);
    static const char three[] = "model,flops,acc,gpqa,math\n"
                                "a1,1e21,0.10,0.05,0.01\na2,1e22,0.20,0.10,0.02\na3,1e23,0.30,0.20,\n"
                                "a4,1e24,0.40,0.30,0.05\na5,1e22,0.25,,0.03\nb1,1e21,0.15,0.10,\n";
    fx_write(fx_csv, three);
    fx_load(&app, fx_csv);
    tui_app_command(&app, "task gpqa");
    tui_app_command(&app, "task-mark");
    tui_app_command(&app, "task math");
    tui_app_command(&app, "task-mark");
    tui_app_command(&app, "task gpqa");
    settle(&app);

    /* the newer file: more rows, its columns in another order */
    static const char newer[] = "model,flops,math,gpqa,acc\n"
                                "a1,1e21,0.01,0.05,0.10\na2,1e22,0.02,0.10,0.20\na3,1e23,,0.20,0.30\n"
                                "a4,1e24,0.05,0.30,0.40\na5,1e22,0.03,,0.25\nb1,1e21,,0.10,0.15\n"
                                "b2,1e22,0.04,0.15,0.25\n";
    fx_write(fx_csv, newer);
    fx_load(&app, fx_csv);
    ck_assert_uint_eq(app.ds->n_rows, 7);
    ck_assert_str_eq(app.ds->tasks[app.task].name, "gpqa");
    int acc = cs_dataset_task_index(app.ds, "acc"), gpqa = cs_dataset_task_index(app.ds, "gpqa"),
        math = cs_dataset_task_index(app.ds, "math");
    ck_assert(!app.marked[acc] && app.marked[gpqa] && app.marked[math]);

    /* a file without the task shown: its first task, and the marks it has */
    static const char other[] = "model,flops,math,ifeval\n"
                                "a1,1e21,0.01,0.5\na2,1e22,0.02,0.6\na3,1e23,0.03,0.7\na4,1e24,0.05,0.8\n";
    fx_write(fx_csv, other);
    fx_load(&app, fx_csv);
    ck_assert_uint_eq(app.task, 0);
    math = cs_dataset_task_index(app.ds, "math");
    int ifeval = cs_dataset_task_index(app.ds, "ifeval");
    ck_assert(app.marked[math] && !app.marked[ifeval]);
    fx_close(&app);
}
END_TEST

/* A suggestion at a compute none of the task's scores has (the first model
 * of a base at a lower level: what the sampler picks first on a file that
 * is mostly unscored) had no rank under the axis, the view spanning the
 * scored points alone; Enter on it said the view was zoomed off it and
 * that 0 shows all, where 0 said the view already showed the whole data.
 * The whole view spans the suggestions too. */
START_TEST(test_whole_view_spans_the_suggestions)
{
    tui_app app;
    fx_open(&app);
    static const char data[] = "model,flops,params_b,acc\n"
                               "a1,1e22,1,0.10\na2,1e22,1,0.20\na3,1e23,2,0.30\na4,1e23,2,0.35\n"
                               "a5,1e24,4,0.40\na6,1e24,4,0.50\nfar,1e20,0.5,\n";
    fx_write(fx_csv, data);
    fx_load(&app, fx_csv);
    tui_app_command(&app, "budget 1"); /* the 5% default pays for none */
    settle(&app);
    ck_assert_msg(app.design_ok && app.design.n_picks == 1, "%s", app.design_err);
    long far = cs_dataset_find_model(app.ds, "far");
    ck_assert_uint_eq(app.design.picks[0].row, (size_t)far);
    tui_view v = tui_app_view(&app);
    ck_assert_msg(v.x_min <= 20 && v.x_max >= 24, "view %g .. %g", v.x_min, v.x_max);
    app.pick_sel = 0;
    tui_app_command(&app, "pick-show");
    ck_assert_msg(strstr(app.msg, "the 1 under the plot's axis marks its compute, 1e+20 FLOPs"), "%s", app.msg);
    /* zoomed in on the scores, it is off the view, and 0 brings it back */
    tui_app_command(&app, "zoom-in");
    tui_app_command(&app, "pick-show");
    ck_assert_msg(strstr(app.msg, "outside the plot's view (0 shows all)"), "%s", app.msg);
    tui_app_command(&app, "reset-view");
    tui_app_command(&app, "pick-show");
    ck_assert_msg(strstr(app.msg, "the 1 under the plot's axis marks its compute"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* :score MODEL TASK with Enter pressed before the value (as after i, whose
 * prompt holds the model and the task): the usage line, and the model and
 * task to type again. A value that is not a score already opens the prompt
 * again with them; so do a missing one and a missing task. */
START_TEST(test_score_without_its_value_asks_for_it)
{
    tui_app app;
    fx_open(&app);
    app.prompt_request = 0;
    tui_app_command(&app, "score a1 acc");
    ck_assert_msg(strstr(app.msg, "score: no value for a1 acc: give a fraction in [0, 1]"), "%s", app.msg);
    ck_assert_int_eq(app.prompt_request, ':');
    ck_assert_str_eq(app.prompt_prefill, "score a1 acc ");
    app.prompt_request = 0;
    tui_app_command(&app, "score 'my model' acc");
    ck_assert_int_eq(app.prompt_request, ':');
    ck_assert_str_eq(app.prompt_prefill, "score 'my model' acc ");
    /* a name that is none: said as before, no prompt */
    app.prompt_request = 0;
    tui_app_command(&app, "score a9 acc");
    ck_assert_msg(strstr(app.msg, "no model 'a9'"), "%s", app.msg);
    ck_assert_int_eq(app.prompt_request, 0);
    /* the model alone: the prompt again with it and the task shown, as i
     * opens it (the usage line made the user type the name again) */
    tui_app_command(&app, "score a1");
    ck_assert_msg(strstr(app.msg, "score: no task and value for a1: the prompt holds the task shown, acc"), "%s",
                  app.msg);
    ck_assert_int_eq(app.prompt_request, ':');
    ck_assert_str_eq(app.prompt_prefill, "score a1 acc ");
    app.prompt_request = 0;
    tui_app_command(&app, "score a9");
    ck_assert_msg(strstr(app.msg, "no model 'a9'"), "%s", app.msg);
    ck_assert_int_eq(app.prompt_request, 0);
    /* no word: the usage */
    tui_app_command(&app, "score");
    ck_assert_msg(strstr(app.msg, "usage: :score MODEL TASK VALUE"), "%s", app.msg);
    ck_assert_int_eq(app.prompt_request, 0);
    fx_close(&app);
}
END_TEST

/* :score MODEL where the model's name fits the command line but the task
 * shown does not fit beside it: no prompt can hold both, and the message
 * said "the prompt holds the task shown" of a prompt that was not opened. */
START_TEST(test_score_model_alone_too_long_for_the_prompt)
{
    enum { NAME = 1010 };
    static char text[2 * NAME], cmd[NAME + 16], name[NAME + 1];
    memset(name, 'x', NAME);
    name[NAME] = '\0';
    snprintf(text, sizeof text,
             "model,flops,a_benchmark_with_a_long_name\n%s,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,0.4\n", name);
    tui_app app;
    fx_open_text(&app, text);
    snprintf(cmd, sizeof cmd, "score %s", name);
    tui_app_command(&app, cmd);
    ck_assert_int_eq(app.prompt_request, 0);
    ck_assert_msg(app.msg_error && !strstr(app.msg, "the prompt holds"), "%s", app.msg);
    ck_assert_msg(strstr(app.msg, "too long for the command line"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* The background threads block the signals the input loop waits on, but
 * not the faults: a fault while blocked is undefined, and Linux killed
 * capscope without the handler that restores the terminal. */
static void *thread_mask(void *arg)
{
    pthread_sigmask(SIG_BLOCK, NULL, arg);
    return NULL;
}

START_TEST(test_threads_block_all_but_the_faults)
{
    sigset_t seen;
    sigemptyset(&seen);
    pthread_t th;
    ck_assert_int_eq(tui_thread_create(&th, thread_mask, &seen), 0);
    pthread_join(th, NULL);
    const int waited[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGQUIT, SIGABRT };
    for (size_t i = 0; i < sizeof waited / sizeof waited[0]; i++)
        ck_assert_msg(sigismember(&seen, waited[i]) == 1, "signal %d not blocked", waited[i]);
    const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
        ck_assert_msg(sigismember(&seen, faults[i]) == 0, "fault %d blocked", faults[i]);
}
END_TEST

/* The first :score of a file with no journal starts one, empty: it
 * replays nothing, so only the scored task is fitted again. Every task was,
 * as if the new journal were another interface's
 * (test_first_score_replays_a_new_journal_everywhere), which at a million
 * rows is seconds of fits for one score. */
START_TEST(test_first_score_of_a_new_journal_refits_its_task)
{
    tui_app app;
    fx_open(&app);
    int g = load_two_tasks(&app);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_OK);
    tui_app_command(&app, "score b2 acc 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    ck_assert_ptr_nonnull(app.journal);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_OK);
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_PENDING);
    ck_assert_uint_eq(app.fit_total, 1);
    settle(&app);
    /* Its undo, which knows the model and task, refits that task alone too
     * (it refitted every task, seconds at a million rows). */
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of b2 acc taken back"), "%s", app.msg);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_OK);
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_PENDING);
    ck_assert_uint_eq(app.fit_total, 1);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* A score that starts a round of fits counts every fit the round will
 * run. One that comes while no round runs (Esc ended it) but a fit does
 * stops that fit (its quiesce) and puts it back to pending, to be run and
 * counted done with the scored task's: counted only the scored task, the
 * round was "fitting task 2 of 1", and with more scores "3 of 2". */
START_TEST(test_score_counts_the_fit_it_stopped)
{
    tui_app app;
    fx_open(&app);
    int g = load_two_tasks(&app);
    ck_assert_int_eq(app.fitting, 0);
    tui_app_command(&app, "weights"); /* every task to be fitted again */
    ck_assert_uint_eq(app.fit_total, 2);
    tui_app_idle(&app); /* the current task's fit starts in the worker */
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_RUNNING);
    tui_app_command(&app, "cancel"); /* Esc: the round ends, that fit goes on */
    ck_assert_int_eq(app.fitting, 0);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_CANCELLED);
    tui_app_command(&app, "score b2 gpqa 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    /* Two fits to come: acc's, stopped by the score, and gpqa's. */
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_PENDING);
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_PENDING);
    ck_assert_int_eq(app.fitting, 1);
    ck_assert_uint_eq(app.fit_done, 0);
    ck_assert_uint_eq(app.fit_total, 2);
    int empty = 0;
    while (app.fitting)
        settle_step(&app, &empty);
    ck_assert_uint_eq(app.fit_done, 2);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* The sampler after Esc stopped the fit of a task it serves: capscope
 * suggest (prior fit, its default and the interface's) stands on every
 * served task's boundary, so without one the pane lists nothing and says
 * which task lacks it. It listed the paper's prior's picks instead, other
 * models than suggest's for the same tasks, under the same title. */
START_TEST(test_sampler_without_a_boundary_does_not_change_its_prior)
{
    tui_app app;
    fx_open(&app);
    static const char data[] = "model,flops,params_b,acc,gpqa\n"
                               "a1,1e21,1,0.10,0.05\na2,1e22,2,0.20,0.10\na3,1e23,3,0.30,0.20\n"
                               "a4,1e24,4,0.40,0.30\na5,1e22,2,0.25,\nb1,1e21,1,0.15,0.10\n"
                               "b2,1e22,2,0.25,0.15\nb3,1e23,3,0.35,\nb4,1e24,4,,0.35\n";
    fx_write(fx_csv, data);
    fx_load(&app, fx_csv);
    settle(&app);
    int g = cs_dataset_task_index(app.ds, "gpqa");
    ck_assert_int_ge(g, 0);
    tui_app_command(&app, "budget 1"); /* the 5% default pays for none of these */
    tui_app_command(&app, "task-mark"); /* acc */
    tui_app_command(&app, "task gpqa");
    tui_app_command(&app, "task-mark");
    settle(&app);
    ck_assert_msg(app.design_ok && app.design.n_picks > 0, "%s", app.design_err);
    tui_app_command(&app, "weights"); /* every task to be fitted again */
    tui_app_idle(&app);               /* gpqa's (the current task's) fit starts */
    ck_assert_int_eq(app.fits[g].state, TUI_FIT_RUNNING);
    tui_app_command(&app, "cancel"); /* Esc: acc's fit is not to come */
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_CANCELLED);
    settle(&app);
    ck_assert_msg(!app.design_ok && app.design.n_picks == 0,
                  "the sampler listed %zu picks without acc's boundary", app.design.n_picks);
    ck_assert_msg(strstr(app.design_err, "acc has no boundary") && strstr(app.design_err, "cancelled"), "%s",
                  app.design_err);
    /* acc selected: its fit comes, and the suggestions with it. */
    tui_app_command(&app, "task acc");
    settle(&app);
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_OK);
    ck_assert_msg(app.design_ok && app.design.n_picks > 0, "%s", app.design_err);
    fx_close(&app);
}
END_TEST

/* A task whose fit fails (a new benchmark with one score) has no boundary
 * either: the pane says why, and names the design that needs none. */
START_TEST(test_sampler_names_the_design_without_a_fit)
{
    tui_app app;
    fx_open(&app);
    static const char data[] = "model,flops,params_b,acc,fresh\n"
                               "a1,1e21,1,0.10,0.05\na2,1e22,2,0.20,\na3,1e23,3,0.30,\n"
                               "a4,1e24,4,0.40,\nb1,1e21,1,0.15,\nb2,1e22,2,0.25,\n";
    fx_write(fx_csv, data);
    fx_load(&app, fx_csv);
    tui_app_command(&app, "task fresh");
    settle(&app);
    int t = cs_dataset_task_index(app.ds, "fresh");
    ck_assert_int_ge(t, 0);
    ck_assert_int_eq(app.fits[t].state, TUI_FIT_FAILED);
    ck_assert(!app.design_ok && app.design.n_picks == 0);
    ck_assert_str_eq(app.fits[t].err, "1 row: too few to fit");
    ck_assert_msg(strstr(app.design_err, "fresh has no boundary (") &&
                  strstr(app.design_err, app.fits[t].err) &&
                  strstr(app.design_err, "capscope suggest --prior paper designs without one"), "%s",
                  app.design_err);
    fx_close(&app);
}
END_TEST

/* What the user's scores cost (the sampler's "spent"): the models of the
 * journal's entries in effect, each once, by hand from the costs below. The
 * journal scores a1 on both tasks (2, once), b1 (0.25), a model the data
 * lacks (stale: nothing) and a2, taken back by the undo: 2 + 0.25 = 2.25.
 * A score entered adds its model's cost (b2: 8), :undo takes it off, and a
 * model without a cost (a3) adds nothing. */
START_TEST(test_spent_is_the_journal_models_cost)
{
    tui_app app;
    fx_open(&app);
    ck_assert(tui_app_spent(&app) == 0);
    static const char costs[] = "model,flops,params_b,acc,gpqa\n"
                                "a1,1e21,2,0.10,0.05\na2,1e22,3.5,0.20,\na3,1e23,,0.30,0.20\n"
                                "a4,1e24,1,0.40,0.30\nb1,1e21,0.25,,0.10\nb2,1e22,8,,0.15\n";
    fx_write(fx_csv, costs);
    fx_write(fx_journal, "score\ta1\tacc\t0.5\t1\nscore\ta1\tgpqa\t0.5\t1\nscore\tb1\tacc\t0.5\t1\n"
                         "score\tgone\tacc\t0.5\t1\nscore\ta2\tgpqa\t0.5\t1\nundo\n");
    fx_load(&app, fx_csv);
    ck_assert_ptr_nonnull(app.journal);
    ck_assert_msg(tui_app_spent(&app) == 2.25, "%g", tui_app_spent(&app));
    tui_app_command(&app, "score b2 acc 0.5");
    settle(&app);
    ck_assert_msg(tui_app_spent(&app) == 10.25, "%g", tui_app_spent(&app));
    tui_app_command(&app, "score a3 gpqa 0.5");
    settle(&app);
    ck_assert_msg(tui_app_spent(&app) == 10.25, "%g", tui_app_spent(&app));
    tui_app_command(&app, "undo");
    tui_app_command(&app, "undo");
    settle(&app);
    ck_assert_msg(tui_app_spent(&app) == 2.25, "%g", tui_app_spent(&app));
    /* Loaded again, the journal is replayed to the same. */
    fx_load(&app, fx_csv);
    ck_assert_msg(tui_app_spent(&app) == 2.25, "%g", tui_app_spent(&app));
    fx_close(&app);
}
END_TEST

/* A score entered for a model the task already has a score for replaces
 * it, and says what it replaced: a name typed a character off an unscored
 * suggestion's could name a scored model, and its score went without a
 * word (the undo would bring it back, had one known). a1's acc is 0.10 in
 * the fixture; the last row's is empty. */
START_TEST(test_score_says_what_it_replaced)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score a1 acc 0.7");
    ck_assert_msg(strstr(app.msg, "a1 acc = 0.7, was 0.1 (saved in the journal)"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "score a1 acc 0.75");
    ck_assert_msg(strstr(app.msg, "a1 acc = 0.75, was 0.7 (saved in the journal)"), "%s", app.msg);
    settle(&app);
    /* The score it holds, typed again: no entry (capscope score enters
     * none), so :undo takes back the 0.75, not a copy of it. */
    tui_app_command(&app, "score a1 acc 0.75");
    ck_assert_msg(strstr(app.msg, "a1 acc is 0.75 already: nothing entered") && !app.msg_error, "%s", app.msg);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of a1 acc taken back (now 0.7)"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "score a1 acc 0.75");
    settle(&app);
    /* 1e-400 reads as 0 and was kept as a score of 0: refused as the batch
     * face refuses it, and a1 keeps its 0.75. */
    tui_app_command(&app, "score a1 acc 1e-400");
    ck_assert_str_eq(app.msg, "score: '1e-400' is nearer 0 than a double holds (the least is 4.9e-324)");
    ck_assert(app.ds->tasks[0].y[cs_dataset_find_model(app.ds, "a1")] == 0.75);
    tui_app_command(&app, "tau 1e400");
    ck_assert_str_eq(app.msg, "tau: '1e400' is more than a double holds (at most 1.79e308)");
    tui_app_command(&app, "set reference_flops 1e400");
    ck_assert_msg(app.msg_error && strstr(app.msg, "'1e400' is more than a double holds (at most 1.79e308 FLOPs)"),
                  "%s", app.msg);
    tui_app_command(&app, "score 'back\\slash\\\"' acc 0.5");
    ck_assert_msg(strstr(app.msg, "acc = 0.5 (saved in the journal)") && !strstr(app.msg, "was"), "%s", app.msg);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* The data's own score typed again, on data with no journal yet: nothing
 * entered, and no journal made for it (an empty file), as capscope score
 * makes none; a score that changes one then starts it. a2's acc is 0.20 in
 * the fixture. */
START_TEST(test_score_held_makes_no_journal)
{
    tui_app app;
    fx_open(&app);
    ck_assert_ptr_null(app.journal);
    tui_app_command(&app, "score a2 acc 0.2");
    ck_assert_msg(strstr(app.msg, "a2 acc is 0.2 already: nothing entered") && !app.msg_error, "%s", app.msg);
    ck_assert_msg(access(fx_journal, F_OK) != 0, "a journal was made for a score held already");
    tui_app_command(&app, "score a2 acc 0.3");
    ck_assert_msg(strstr(app.msg, "a2 acc = 0.3, was 0.2 (saved in the journal)"), "%s", app.msg);
    ck_assert_int_eq(access(fx_journal, F_OK), 0);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* Without a journal (the built-in demo) :undo says what it took back as it
 * does with one: the model, the task and the score now. It said only the
 * model, so after scores of two tasks one could not tell which went. The
 * values are the demo file's (data/demo.csv, its first row). */
START_TEST(test_undo_said_without_journal)
{
    tui_app app;
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&app, &set);
    cs_error err;
    ck_assert_msg(tui_app_load(&app, NULL, &err) == 0, "%s", err.msg);
    settle(&app);
    ck_assert_ptr_null(app.journal);
    tui_app_command(&app, "score demo-north/Fennel-2-0.5B reasoning 0.5");
    ck_assert_msg(strstr(app.msg, "demo: not saved"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "score demo-north/Fennel-2-0.5B math 0.25");
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of demo-north/Fennel-2-0.5B math taken back (now 0.0286)"), "%s",
                  app.msg);
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of demo-north/Fennel-2-0.5B reasoning taken back (now 0.2663)"), "%s",
                  app.msg);
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "nothing to undo"), "%s", app.msg);
    tui_app_free(&app);
}
END_TEST

/* A search's matches are positions among the task's points, which a
 * score entered or taken back moves: :undo with a journal left them as
 * they were, so n then put the cursor on the model after a match (c4 for
 * b4) once the point taken back was gone, and counted it. In the fixture
 * "b" is in b1-b5 and in the backslash model, which has no acc score until
 * scored here: 6 matches, then 5, each a model with a b. */
START_TEST(test_search_follows_a_journal_undo)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score 'back\\slash\\\"' acc 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);
    ck_assert_uint_eq(tui_app_search(&app, "b"), 6);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "taken back (now unscored)"), "%s", app.msg);
    ck_assert_msg(app.n_matches == 5, "%zu matches after the undo", app.n_matches);
    tui_app_points(&app); /* drawn before the next key */
    settle(&app);
    ck_assert_msg(app.n_matches == 5, "%zu matches once settled", app.n_matches);
    for (int i = 0; i < 5; i++) {
        tui_app_run(&app, tui_action_by_name("search-next"), NULL);
        long row = tui_app_cursor_row(&app);
        ck_assert_int_ge(row, 0);
        ck_assert_msg(strpbrk(app.ds->model[row], "bB"), "match %d is %s (%s)", i + 1, app.ds->model[row], app.msg);
    }
    fx_close(&app);
}
END_TEST

/* The plot's cursor keys at the data's edge say so, as the task list's
 * do: the status line kept naming the same point, a missed keypress to the
 * eye. In the fixture the highest compute, 1e24, holds a4 0.40, b4 0.45,
 * c4 0.50 and d4 0.55; the lowest, 1e21, a1, b1, c1 and d1. */
START_TEST(test_cursor_edges_are_said)
{
    tui_app app;
    fx_open(&app);
    static const struct {
        const char *action, *model, *said;
    } steps[] = {
        { "cursor-right", "d4", "" }, /* the first move: the best point of the highest compute */
        { "cursor-right", "d4", "already at the highest compute of the task" },
        { "cursor-up", "d4", "already at the highest score at this compute" },
        { "cursor-down", "c4", "" },
        { "cursor-down", "b4", "" },
        { "cursor-down", "a4", "" },
        { "cursor-down", "a4", "already at the lowest score at this compute" },
        { "cursor-left", NULL, "" }, /* 1e23, then 1e22, then 1e21 */
        { "cursor-left", NULL, "" },
        { "cursor-left", NULL, "" },
        { "cursor-left", NULL, "already at the lowest compute of the task" },
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        app.msg[0] = '\0';
        tui_app_run(&app, tui_action_by_name(steps[i].action), NULL);
        long row = tui_app_cursor_row(&app);
        ck_assert_int_ge(row, 0);
        ck_assert_msg(!steps[i].model || strcmp(app.ds->model[row], steps[i].model) == 0, "step %zu: on %s", i,
                      app.ds->model[row]);
        ck_assert_msg(strcmp(app.msg, steps[i].said) == 0 && !app.msg_error, "step %zu: '%s'", i, app.msg);
    }
    ck_assert_double_eq(app.ds->z[tui_app_cursor_row(&app)], 21.0);
    fx_close(&app);
}
END_TEST

/* 0 on the whole view changed nothing on the screen and said nothing;
 * after a zoom it resets the view, which the plot shows. */
START_TEST(test_reset_view_on_the_whole_view_is_said)
{
    tui_app app;
    fx_open(&app);
    app.msg[0] = '\0';
    tui_app_run(&app, tui_action_by_name("reset-view"), NULL);
    ck_assert_msg(strcmp(app.msg, "the view already shows the whole data") == 0 && !app.msg_error, "'%s'", app.msg);
    tui_app_run(&app, tui_action_by_name("zoom-in"), NULL);
    ck_assert_int_eq(app.view.manual, 1);
    app.msg[0] = '\0';
    tui_app_run(&app, tui_action_by_name("reset-view"), NULL);
    ck_assert_int_eq(app.view.manual, 0);
    ck_assert_msg(app.msg[0] == '\0', "'%s'", app.msg);
    /* Zoomed in and out again, or panned there and back: the whole view,
     * though set by hand, and 0 changed nothing on the screen without a
     * word. */
    static const char *const there_and_back[][2] = { { "zoom-in", "zoom-out" }, { "zoom-x-in", "zoom-x-out" },
                                                     { "pan-left", "pan-right" } };
    for (size_t k = 0; k < 3; k++) {
        tui_app_run(&app, tui_action_by_name(there_and_back[k][0]), NULL);
        tui_app_run(&app, tui_action_by_name(there_and_back[k][1]), NULL);
        app.msg[0] = '\0';
        tui_app_run(&app, tui_action_by_name("reset-view"), NULL);
        ck_assert_msg(strcmp(app.msg, "the view already shows the whole data") == 0, "%s then %s: '%s'",
                      there_and_back[k][0], there_and_back[k][1], app.msg);
        ck_assert_int_eq(app.view.manual, 0);
    }
    fx_close(&app);
}
END_TEST

/* e without a file name writes one of capscope's choosing in the directory
 * capscope runs in, and says that name whole: "wrote capscope-acc.txt" did
 * not say where, and after --resume from another directory the file was
 * not beside the data. A name typed is said as typed. */
START_TEST(test_export_of_a_chosen_name_says_where)
{
    tui_app app;
    fx_open(&app);
    char cwd[4096], dir[4096], want[4200], cmd[300];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_ptr_nonnull(realpath(fx_dir, dir));
    ck_assert_int_eq(chdir(fx_dir), 0);
    tui_app_run(&app, tui_action_by_name("export"), NULL);
    ck_assert_int_eq(chdir(cwd), 0);
    /* (as home-relative, ~/..., when the directory is under $HOME) */
    char shown[4096], name[8400];
    snprintf(want, sizeof want, "wrote %s/capscope-", cs_path_tilde(dir, shown, sizeof shown));
    ck_assert_msg(strncmp(app.msg, want, strlen(want)) == 0 && !app.msg_error, "'%s' is not '%s...'", app.msg, want);
    /* the file it names is there */
    snprintf(name, sizeof name, "%s/%s", dir, app.msg + strlen(want) - strlen("capscope-"));
    ck_assert_msg(access(name, F_OK) == 0, "%s", name);
    snprintf(cmd, sizeof cmd, "export %s/typed.csv", fx_dir);
    tui_app_command(&app, cmd);
    snprintf(want, sizeof want, "wrote %s/typed.csv", fx_dir);
    ck_assert_str_eq(app.msg, want);
    fx_close(&app);
}
END_TEST

/* A name whose extension is a format capscope does not write (a picture,
 * a PDF, JSON) is refused, with the names that do: :export frontier.png
 * wrote the plot as text under that name and said "wrote frontier.png",
 * a file no image viewer opens. The rule is the man page's: .csv the fit
 * table, .svg the plot, else text; .txt and a name without an extension
 * stay text. */
START_TEST(test_export_refuses_a_format_it_cannot_write)
{
    tui_app app;
    fx_open(&app);
    char path[256], cmd[300];
    static const char *const refused[] = { "frontier.png", "frontier.PDF", "fit.json", "plot.jpeg" };
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        snprintf(path, sizeof path, "%s/%s", fx_dir, refused[i]);
        snprintf(cmd, sizeof cmd, "export %s", path);
        tui_app_command(&app, cmd);
        ck_assert_msg(app.msg_error && strstr(app.msg, ".svg") && strstr(app.msg, ".csv"), "%s: '%s'", refused[i],
                      app.msg);
        ck_assert_msg(access(path, F_OK) != 0, "%s was written", path);
    }
    static const char *const text[] = { "frontier.txt", "frontier", "notes.md" };
    for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
        snprintf(path, sizeof path, "%s/%s", fx_dir, text[i]);
        snprintf(cmd, sizeof cmd, "export %s", path);
        tui_app_command(&app, cmd);
        ck_assert_msg(!app.msg_error && strncmp(app.msg, "wrote ", 6) == 0, "%s: '%s'", text[i], app.msg);
        ck_assert_int_eq(access(path, F_OK), 0);
    }
    fx_close(&app);
}
END_TEST

/* e with the drift grid shown writes the plot under it, and says so: "wrote
 * F" read as if the grid on the screen had been written. */
START_TEST(test_export_under_the_drift_grid_says_the_plot)
{
    tui_app app;
    fx_open(&app);
    char path[256], cmd[300];
    snprintf(path, sizeof path, "%s/view.svg", fx_dir);
    snprintf(cmd, sizeof cmd, "export %s", path);
    tui_app_command(&app, cmd);
    ck_assert_msg(strstr(app.msg, "wrote ") && !strstr(app.msg, "drift"), "%s", app.msg);
    tui_app_command(&app, "drift");
    ck_assert_int_eq(app.drift_on, 1);
    snprintf(cmd, sizeof cmd, "export %s force", path);
    tui_app_command(&app, cmd);
    ck_assert_msg(strstr(app.msg, "view.svg (the plot under the drift grid)"), "%s", app.msg);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* n after a search that found nothing says it in the search's words: the
 * matches are the current task's models ("no model matches" read as if no
 * model of any task did). */
START_TEST(test_search_next_without_matches_names_the_task)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "search zzz");
    ck_assert_str_eq(app.msg, "no model of acc matches 'zzz'");
    tui_app_run(&app, tui_action_by_name("search-next"), NULL);
    ck_assert_str_eq(app.msg, "no model of acc matches 'zzz'");
    fx_close(&app);
}
END_TEST

/* A :load of data the split view cannot split closes the view, as s
 * refuses to open it on such data (refuse_undated): it stayed on with the
 * last data's scheme, its dates in the split pane and ] stepping it, and
 * the plot showed none of the new points, all on neither side of a cut. */
START_TEST(test_load_of_undated_data_closes_the_split)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "split");
    ck_assert_int_eq(app.split_on, 1);
    settle(&app);
    char undated[192];
    snprintf(undated, sizeof undated, "%s/undated.csv", fx_dir);
    fx_write(undated, "model,flops,acc\na1,1e21,0.1\na2,1e22,0.2\na3,1e23,0.3\na4,1e24,0.4\n"
                      "b1,1e21,0.15\nb2,1e22,0.25\nb3,1e23,0.35\nb4,1e24,0.45\n");
    fx_load(&app, undated);
    ck_assert_int_eq(app.split_on, 0);
    ck_assert_msg(strstr(app.msg, "split view off") && strstr(app.msg, "loaded 8 models"), "%s", app.msg);
    tui_app_command(&app, "split-next");
    ck_assert_int_eq(app.split_on, 0);
    ck_assert_int_eq(app.msg_error, 1);
    fx_close(&app);
}
END_TEST

/* Where the scores go is said once when it is not beside the data (a
 * journal under $XDG_DATA_HOME, NAME-HASH.journal, HASH the FNV-1a of the
 * full path); :undo names what it took back. */
START_TEST(test_journal_place_and_undo_said)
{
    tui_app app;
    fx_open(&app);
    const char *old = getenv("XDG_DATA_HOME");
    char *saved = old ? strdup(old) : NULL;
    char xdg[200], dir[220], elsewhere[400];
    snprintf(xdg, sizeof xdg, "%s/xdg", fx_dir);
    snprintf(dir, sizeof dir, "%s/capscope", xdg);
    ck_assert_int_eq(fallback_journal(xdg, fx_csv, elsewhere, sizeof elsewhere), 0);
    ck_assert_int_eq(mkdir(xdg, 0700), 0);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    fx_write(elsewhere, "");
    setenv("XDG_DATA_HOME", xdg, 1);
    fx_load(&app, fx_csv);
    tui_app_command(&app, "score b1 acc 0.5");
    /* As the message writes it: under $HOME with ~ (HOME=/tmp in some CI) */
    char shown[sizeof elsewhere];
    ck_assert_msg(strstr(app.msg, cs_path_tilde(elsewhere, shown, sizeof shown)) && !app.msg_error, "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "score b2 acc 0.6");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);
    ck_assert_int_ne(access(fx_journal, F_OK), 0); /* none was started beside the data */
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of b2 acc taken back (now 0.25)"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "score a1 acc 0.7");
    settle(&app);
    tui_app_command(&app, "score a1 acc 0.8");
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of a1 acc taken back (now 0.7)"), "%s", app.msg);
    settle(&app);
    /* The journal in use is never an export's target, also once a journal
     * beside the data has appeared (which is where a new one would go). */
    fx_write(fx_journal, "");
    char before[64 * 1024];
    FILE *jf = fopen(elsewhere, "r");
    ck_assert_ptr_nonnull(jf);
    size_t nb = fread(before, 1, sizeof before - 1, jf);
    fclose(jf);
    before[nb] = '\0';
    char export_cmd[600];
    snprintf(export_cmd, sizeof export_cmd, "export %s force", elsewhere);
    tui_app_command(&app, export_cmd);
    ck_assert_msg(app.msg_error && strstr(app.msg, "journal of the loaded data"), "%s", app.msg);
    jf = fopen(elsewhere, "r");
    ck_assert_ptr_nonnull(jf);
    char after[64 * 1024];
    size_t na = fread(after, 1, sizeof after - 1, jf);
    fclose(jf);
    after[na] = '\0';
    ck_assert_str_eq(after, before);
    if (saved) {
        setenv("XDG_DATA_HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("XDG_DATA_HOME");
    }
    fx_close(&app);
}
END_TEST

/* u takes back the journal's last entry, also one read from the file when
 * the data was opened: yesterday's last score, taken back the next day
 * without a word of where it came from. The message says so, with the
 * journal's line; a score entered since is said as before. */
START_TEST(test_undo_says_a_score_from_before)
{
    tui_app app;
    fx_open(&app);
    fx_write(fx_journal, "score\ta2\tacc\t0.3\t1\nscore\ta1\tacc\t0.9\t1\n");
    fx_load(&app, fx_csv);
    tui_app_command(&app, "score b1 acc 0.5");
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of b1 acc taken back (now 0.15)") && !strstr(app.msg, "before"), "%s",
                  app.msg);
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of a1 acc taken back (now 0.1; entered before the data was opened, "
                                  "journal line 2)"), "%s", app.msg);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* Entries another capscope appends while the interface is open (a
 * cluster job's capscope score) are taken in: the scores counted, every
 * task fitted again, said; a score entered next goes after them instead of
 * being refused, and u on the other's entry says whose it was. A journal
 * made since the data was loaded is opened the same way. */
static void append_line(const char *path, const char *line)
{
    FILE *f = fopen(path, "a");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fputs(line, f) >= 0, 1);
    ck_assert_int_eq(fclose(f), 0);
}

/* Scores another capscope entered refit their tasks only: every task was
 * fitted again for one script's score (twenty tasks of a million rows). An
 * undo among the lines taken in hides which task it took back a score of:
 * then every task is. */
START_TEST(test_take_in_refits_the_tasks_it_touched)
{
    tui_app app;
    fx_open_text(&app, "model,flops,acc,other\n"
                       "m1,1e21,0.10,0.20\nm2,1e22,0.20,0.25\nm3,1e23,0.30,0.35\nm4,1e24,0.40,0.45\n"
                       "m5,1e22,0.25,0.30\nm6,1e23,0.35,\nm7,1e24,0.50,0.50\nm8,1e21,,0.15\n");
    size_t acc = (size_t)cs_dataset_task_index(app.ds, "acc"), other = (size_t)cs_dataset_task_index(app.ds, "other"),
           taken = 0;
    /* A journal made since the load is opened and replayed whole. */
    append_line(fx_journal, "score\tm3\tacc\t0.3\t1\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    settle(&app);
    ck_assert_int_eq(app.fits[acc].state, TUI_FIT_OK);
    ck_assert_int_eq(app.fits[other].state, TUI_FIT_OK);
    append_line(fx_journal, "score\tm8\tacc\t0.9\t1\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 1);
    ck_assert_int_eq(app.fits[acc].state, TUI_FIT_PENDING);
    ck_assert_int_eq(app.fits[other].state, TUI_FIT_OK);
    ck_assert(app.design_dirty);
    settle(&app);
    ck_assert_int_eq(app.fits[acc].state, TUI_FIT_OK);
    ck_assert_uint_eq(app.fits[acc].n_cov, 8); /* refitted with m8's score */
    /* two tasks in one take-in */
    append_line(fx_journal, "score\tm6\tother\t0.4\t2\nscore\tm1\tacc\t0.12\t3\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 2);
    ck_assert(app.fits[acc].state == TUI_FIT_PENDING && app.fits[other].state == TUI_FIT_PENDING);
    settle(&app);
    /* an undo: which score it took back is not among the lines */
    append_line(fx_journal, "score\tm2\tother\t0.3\t4\nundo\nundo\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 3);
    ck_assert(app.fits[acc].state == TUI_FIT_PENDING && app.fits[other].state == TUI_FIT_PENDING);
    settle(&app);
    ck_assert(app.ds->tasks[acc].y[0] == 0.10); /* m1's 0.12 taken back */
    fx_close(&app);
}
END_TEST

START_TEST(test_take_in_what_another_capscope_appended)
{
    tui_app app;
    fx_open(&app); /* no journal yet */
    int acc = cs_dataset_task_index(app.ds, "acc");
    size_t n0 = app.ds->tasks[acc].n_scored, taken = 99;
    ck_assert_uint_eq(tui_app_take_in_journal(&app, &taken), TUI_CH_NONE);
    ck_assert_uint_eq(taken, 0);
    ck_assert_int_eq(access(fx_journal, F_OK), -1); /* looking made none */

    append_line(fx_journal, "score\ta3\tacc\t0.5\t1\n");
    unsigned ch = tui_app_take_in_journal(&app, &taken);
    ck_assert_msg(ch & TUI_CH_DATA, "%s", app.msg);
    ck_assert_uint_eq(taken, 1);
    ck_assert(app.ds->tasks[acc].y[2] == 0.5 && app.ds->tasks[acc].n_scored == n0);
    ck_assert_msg(strstr(app.msg, "journal: 1 entry appended by another capscope"), "%s", app.msg);
    settle(&app);

    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\nscore\ta2\tacc\t0.9\t3\nundo\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 3);
    ck_assert(app.ds->tasks[acc].y[0] == 0.95 && app.ds->tasks[acc].y[1] == 0.2); /* a2's undone */
    settle(&app);
    ck_assert_uint_eq(tui_app_take_in_journal(&app, &taken), TUI_CH_NONE); /* nothing new */

    /* a score goes after another's, taken in first */
    append_line(fx_journal, "score\tb1\tacc\t0.6\t4\n");
    tui_app_command(&app, "score b2 acc 0.7");
    ck_assert_msg(strstr(app.msg, "b2 acc = 0.7, was 0.25 (saved in the journal); 1 journal entry of another "
                                  "capscope taken in first"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "undo");
    settle(&app);
    tui_app_command(&app, "undo");
    ck_assert_msg(strstr(app.msg, "score of b1 acc taken back (now 0.15; entered by another capscope since, "
                                  "journal line 5)"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "undo"); /* a1's */
    settle(&app);
    tui_app_command(&app, "undo"); /* a3's, on line 1 of a journal made after the data was opened */
    ck_assert_msg(strstr(app.msg, "score of a3 acc taken back (now 0.3; entered by another capscope since, "
                                  "journal line 1)"), "%s", app.msg);
    settle(&app);

    /* capscope score --from of two lines: nothing of it while it is being
     * written, then both, counted as the two entries they are (the
     * batch's header is none) */
    append_line(fx_journal, "batch\t2\nscore\ta3\tacc\t0.45\t5\n");
    ck_assert_uint_eq(tui_app_take_in_journal(&app, &taken), TUI_CH_NONE);
    ck_assert(app.ds->tasks[acc].y[2] == 0.3);
    append_line(fx_journal, "score\ta1\tacc\t0.85\t5\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 2);
    ck_assert(app.ds->tasks[acc].y[2] == 0.45 && app.ds->tasks[acc].y[0] == 0.85);
    ck_assert_msg(strstr(app.msg, "journal: 2 entries appended by another capscope"), "%s", app.msg);
    settle(&app);
    tui_app_command(&app, "undo"); /* one entry: a1's, the batch's last */
    ck_assert_msg(strstr(app.msg, "score of a1 acc taken back"), "%s", app.msg);
    ck_assert(app.ds->tasks[acc].y[2] == 0.45);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* One entry of another capscope taken in is named, a score or an undo: the
 * status line said "1 entry appended by another capscope (capscope
 * score?) taken in" over the user's own confirmation, which said nothing of
 * what changed and guessed at who wrote it (another interface, mostly). */
START_TEST(test_take_in_names_one_entry)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score a3 acc 0.5");
    settle(&app);
    int acc = cs_dataset_task_index(app.ds, "acc");
    size_t taken = 99;
    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 1);
    ck_assert_str_eq(app.msg, "journal: a score of another capscope taken in: a1 acc = 0.95");
    settle(&app);
    append_line(fx_journal, "undo\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert(app.ds->tasks[acc].y[0] == 0.10);
    ck_assert_str_eq(app.msg, "journal: an undo of another capscope taken in: a1 acc now 0.1");
    settle(&app);
    /* the undo of a score that had none before: unscored again */
    tui_app_command(&app, "score 'back\\slash\\\"' acc 0.4");
    settle(&app);
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    append_line(fx_journal, "undo\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_msg(strstr(app.msg, "journal: an undo of another capscope taken in: ") &&
                  strstr(app.msg, " acc now unscored"), "%s", app.msg);
    settle(&app);
    /* two: counted */
    append_line(fx_journal, "score\ta1\tacc\t0.9\t3\nscore\ta2\tacc\t0.8\t3\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_msg(strstr(app.msg, "journal: 2 entries appended by another capscope"), "%s", app.msg);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* A line another capscope appended that is no entry (a hand edit, another
 * program's) stops the taking in: said with its line in the journal, which
 * the words alone ("malformed entry (expected ...)") did not give, and of
 * the scores nothing taken in. */
START_TEST(test_take_in_says_the_line_it_refuses)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score a3 acc 0.5");
    settle(&app);
    int acc = cs_dataset_task_index(app.ds, "acc");
    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\nscore a2 acc 0.9\n");
    size_t taken = 99;
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_STATUS);
    ck_assert_uint_eq(taken, 0);
    ck_assert(app.ds->tasks[acc].y[0] == 0.10); /* a1's not taken in either */
    ck_assert_msg(strncmp(app.msg, "journal: nothing taken in, line 3 refused: malformed entry", 58) == 0, "%s",
                  app.msg);
    fx_close(&app);
}
END_TEST

/* AddressSanitizer's allocator ends the program when an allocation fails
 * (allocator_may_return_null is off) rather than return NULL. */
#if defined(__SANITIZE_ADDRESS__)
#define ALLOCATOR_RETURNS_NULL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ALLOCATOR_RETURNS_NULL 0
#endif
#endif
#ifndef ALLOCATOR_RETURNS_NULL
#define ALLOCATOR_RETURNS_NULL 1
#endif

#if ALLOCATOR_RETURNS_NULL
/* The look at the journal with the address space limited to 16 MiB more
 * than this process holds now: reading 64 MiB fails (ENOMEM), as the
 * small allocations of the look do not. Its result, and *taken. */
static unsigned take_in_short_of_memory(tui_app *app, size_t *taken)
{
    FILE *f = fopen("/proc/self/statm", "r");
    ck_assert_ptr_nonnull(f);
    unsigned long pages = 0;
    ck_assert_int_eq(fscanf(f, "%lu", &pages), 1);
    fclose(f);
    struct rlimit was, low;
    ck_assert_int_eq(getrlimit(RLIMIT_AS, &was), 0);
    low.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + ((rlim_t)16 << 20);
    low.rlim_max = was.rlim_max;
    ck_assert(was.rlim_cur == RLIM_INFINITY || was.rlim_cur > low.rlim_cur);
    ck_assert_int_eq(setrlimit(RLIMIT_AS, &low), 0);
    unsigned ch = tui_app_take_in_journal(app, taken);
    ck_assert_int_eq(setrlimit(RLIMIT_AS, &was), 0);
    return ch;
}

/* A look at the journal that ran out of memory for a moment (all that is
 * new read at once, and memory short) stopped every later look until
 * :load, and the scores another capscope entered went unseen. It is said
 * once, and the next look takes them in. */
START_TEST(test_take_in_tries_again_after_running_out_of_memory)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score a3 acc 0.5");
    settle(&app);
    int acc = cs_dataset_task_index(app.ds, "acc");
    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\n");
    /* and a line of 64 MiB still being written (its end not there yet) */
    int fd = open(fx_journal, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    off_t end = lseek(fd, 0, SEEK_END);
    ck_assert_int_eq(ftruncate(fd, end + ((off_t)64 << 20)), 0);
    ck_assert_int_eq(close(fd), 0);
    size_t taken = 99;
    ck_assert(take_in_short_of_memory(&app, &taken) & TUI_CH_STATUS);
    ck_assert_uint_eq(taken, 0);
    ck_assert(app.ds->tasks[acc].y[0] == 0.10);
    ck_assert_msg(strstr(app.msg, "cannot allocate memory; trying again"), "%s", app.msg);
    /* short again: not said over whatever was said since */
    tui_app_msg(&app, 0, "something else");
    ck_assert_uint_eq(take_in_short_of_memory(&app, &taken), TUI_CH_NONE);
    ck_assert_str_eq(app.msg, "something else");
    unsigned ch = tui_app_take_in_journal(&app, &taken);
    ck_assert_msg(ch & TUI_CH_DATA, "%s", app.msg);
    ck_assert_uint_eq(taken, 1);
    ck_assert(app.ds->tasks[acc].y[0] == 0.95);
    settle(&app);
    fx_close(&app);
}
END_TEST
#endif

/* The data file replaced by a newer version with more models while the
 * interface shows the old one, and another capscope (or a script's
 * capscope score) on the new file scores a model only it has: the entry is
 * skipped here. The look at the journal said "1 entry appended by another
 * capscope taken in" over the skip's own warning (a journal made since the
 * load), or "taken in; line N skipped" of the same one entry (a journal in
 * use); and neither said that :load would take it. */
START_TEST(test_take_in_says_what_it_skipped_and_why)
{
    tui_app app;
    fx_open(&app); /* no journal yet */
    int acc = cs_dataset_task_index(app.ds, "acc");
    ck_assert_int_eq(tui_app_data_changed(&app), 0);
    /* the newer file: one model more, written a second later */
    char newer[sizeof fx_text + 64];
    snprintf(newer, sizeof newer, "%snew1,1e22,2025-06-10,\n", fx_text);
    fx_write(fx_csv, newer);
    struct timespec later[2] = { { 0, UTIME_OMIT }, { time(NULL) + 5, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, fx_csv, later, 0), 0);
    ck_assert_int_eq(tui_app_data_changed(&app), 1);

    append_line(fx_journal, "score\tnew1\tacc\t0.5\t1\n");
    size_t taken = 99;
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_STATUS);
    ck_assert_uint_eq(taken, 0);
    ck_assert_msg(!strstr(app.msg, "taken in"), "%s", app.msg);
    ck_assert_msg(strstr(app.msg, "skipped line 1, unknown model 'new1'"), "%s", app.msg);
    ck_assert_msg(strncmp(app.msg, "journal: the data file has changed since it was loaded (:load ", 62) == 0,
                  "%s", app.msg);
    settle(&app);

    /* the journal in use: one entry of a model the data has, one of new1 */
    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\nscore\tnew1\tacc\t0.6\t3\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert(app.ds->tasks[acc].y[0] == 0.95);
    ck_assert_msg(strstr(app.msg, "1 entry appended by another capscope taken in, 1 skipped (line 3, "
                                  "unknown model 'new1'"), "%s", app.msg);
    ck_assert_msg(strncmp(app.msg, "journal: the data file has changed since it was loaded (:load ", 62) == 0,
                  "%s", app.msg);
    settle(&app);
    /* one of new1 alone: nothing taken in */
    append_line(fx_journal, "score\tnew1\tacc\t0.7\t4\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "1 entry appended by another capscope skipped (line 4, unknown model "
                                  "'new1'"), "%s", app.msg);
    settle(&app);

    /* loaded again, the file is the one loaded: no word of a change */
    fx_load(&app, fx_csv);
    ck_assert_int_eq(tui_app_data_changed(&app), 0);
    ck_assert(app.ds->tasks[acc].y[cs_dataset_find_model(app.ds, "new1")] == 0.7);
    fx_close(&app);
}
END_TEST

/* The data file replaced on disk by a newer version while the interface
 * shows the old one: the suggestions stand on the old file's scores, and
 * may name models the newer file has scored (evaluations paid twice).
 * Said once, with the :load that reads it, at the look once a second. */
START_TEST(test_data_file_changed_on_disk_is_said)
{
    tui_app app;
    fx_open(&app);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE);
    char newer[sizeof fx_text + 64];
    snprintf(newer, sizeof newer, "%snew1,1e22,2025-06-10,0.5\n", fx_text);
    char tmp[200];
    snprintf(tmp, sizeof tmp, "%s.new", fx_csv);
    fx_write(tmp, newer);
    ck_assert_int_eq(rename(tmp, fx_csv), 0); /* replaced, as a sync or a download does */
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_msg(strstr(app.msg, "data.csv has changed on disk since it was loaded: :load ") &&
                  strstr(app.msg, "data.csv reads it"), "%s", app.msg);
    tui_app_msg(&app, 0, "something said since");
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE); /* once */
    ck_assert_str_eq(app.msg, "something said since");
    fx_load(&app, fx_csv);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE);
    ck_assert(cs_dataset_find_model(app.ds, "new1") >= 0);
    /* gone: said so, without a :load that would fail; back, and changed, said */
    ck_assert_int_eq(rename(fx_csv, tmp), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv is gone from disk since it was loaded (moved or deleted)") &&
                  !strstr(app.msg, ":load"), "%s", app.msg);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE); /* once */
    /* and a word on the journal carries it so, not as a change to :load */
    char hint[1200];
    tui_app_reload_hint(&app, hint, sizeof hint);
    ck_assert_msg(strstr(hint, "the data file is gone from disk since it was loaded") && !strstr(hint, ":load"),
                  "%s", hint);
    fx_write(fx_csv, fx_text);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv has changed on disk since it was loaded"), "%s", app.msg);
    unlink(tmp);
    /* the demo data has no file to change */
    cs_error err;
    ck_assert_int_eq(tui_app_load(&app, NULL, &err), 0);
    settle(&app);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE);
    fx_close(&app);
}
END_TEST

/* Data read from a FIFO (a named pipe, or a shell's <(...) as /dev/fd/63):
 * its writes while it was read changed the pipe's times, and the look once
 * a second said "has changed on disk since it was loaded: :load FIFO reads
 * it", a :load that waits for a writer that is gone. A stream has no
 * version on disk to compare. */
START_TEST(test_data_from_a_fifo_is_not_said_to_change)
{
    tui_app app;
    fx_open(&app);
    char fifo[200];
    snprintf(fifo, sizeof fifo, "%s/pipe.csv", fx_dir);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    /* made long ago: the writes below give it times of now */
    struct timespec past[2] = { { time(NULL) - 100, 0 }, { time(NULL) - 100, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, fifo, past, 0), 0);
    pid_t writer = fork();
    ck_assert_int_ge(writer, 0);
    if (writer == 0) {
        int fd = open(fifo, O_WRONLY);
        size_t len = strlen(fx_text);
        _exit(fd >= 0 && write(fd, fx_text, len) == (ssize_t)len && close(fd) == 0 ? 0 : 1);
    }
    cs_error err;
    ck_assert_msg(tui_app_load(&app, fifo, &err) == 0, "%s", err.msg);
    settle(&app);
    int status;
    ck_assert_int_eq(waitpid(writer, &status, 0), writer);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_eq(tui_app_data_changed(&app), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE);
    char hint[1200];
    ck_assert_str_eq(tui_app_reload_hint(&app, hint, sizeof hint), "");
    unlink(fifo);
    fx_close(&app);
}
END_TEST

/* The data file moved away and back as it was (a mv to look at it
 * elsewhere, a sync that restores it): the status line went on saying it
 * was gone, and a second move away was never said, the first word having
 * been said "once a load". The man page: said again when it is back. */
START_TEST(test_data_file_gone_and_back_unchanged_is_said)
{
    tui_app app;
    fx_open(&app);
    char away[200];
    snprintf(away, sizeof away, "%s.away", fx_csv);
    ck_assert_int_eq(rename(fx_csv, away), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "is gone from disk"), "%s", app.msg);
    ck_assert_int_eq(rename(away, fx_csv), 0); /* back, the same file */
    ck_assert_int_eq(tui_app_data_changed(&app), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv is back on disk") && !strstr(app.msg, "gone"), "%s", app.msg);
    ck_assert_int_eq(app.msg_error, 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE); /* once */
    ck_assert_int_eq(rename(fx_csv, away), 0); /* and gone again */
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "is gone from disk"), "%s", app.msg);
    ck_assert_int_eq(rename(away, fx_csv), 0);
    fx_close(&app);
}
END_TEST

/* The data file replaced by a newer version, said with the :load that
 * reads it, then moved away or deleted before that :load: the look said
 * nothing more (a change was said, once a load), and the :load it had
 * offered failed. Gone is said, as it is of a file that had not changed;
 * and back, changed still, the :load is offered again. */
START_TEST(test_data_file_changed_then_gone_is_said)
{
    tui_app app;
    fx_open(&app);
    char newer[sizeof fx_text + 64], tmp[200];
    snprintf(newer, sizeof newer, "%snew1,1e22,2025-06-10,0.5\n", fx_text);
    snprintf(tmp, sizeof tmp, "%s.new", fx_csv);
    fx_write(tmp, newer);
    ck_assert_int_eq(rename(tmp, fx_csv), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv has changed on disk since it was loaded"), "%s", app.msg);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE); /* once */
    ck_assert_int_eq(rename(fx_csv, tmp), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv is gone from disk") && !strstr(app.msg, ":load"), "%s", app.msg);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_NONE); /* once */
    ck_assert_int_eq(rename(tmp, fx_csv), 0);
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv has changed on disk since it was loaded: :load "), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* A data file whose name is too long for a command line (over 1,023
 * bytes: deep in a tree of long directory names) changed on disk: the
 * look said so, with ':load FILE', but the word on journal entries said
 * nothing of it, as the hint was left empty when the name could not be
 * quoted. */
START_TEST(test_long_data_path_changed_is_hinted)
{
    tui_app app;
    fx_open(&app);
    char path[1400];
    size_t len = (size_t)snprintf(path, sizeof path, "%s", fx_dir);
    while (len < 1100) {
        len += (size_t)snprintf(path + len, sizeof path - len, "/%s",
                                "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd");
        ck_assert_int_eq(mkdir(path, 0700), 0);
    }
    snprintf(path + len, sizeof path - len, "/data.csv");
    fx_write(path, fx_text);
    cs_error err;
    ck_assert_msg(tui_app_load(&app, path, &err) == 0, "%s", err.msg);
    settle(&app);
    char hint[1200];
    ck_assert_str_eq(tui_app_reload_hint(&app, hint, sizeof hint), "");
    struct timespec later[2] = { { 0, UTIME_OMIT }, { time(NULL) + 5, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, path, later, 0), 0);
    ck_assert_int_eq(tui_app_data_changed(&app), 1);
    tui_app_reload_hint(&app, hint, sizeof hint);
    ck_assert_msg(strncmp(hint, "the data file has changed since it was loaded", 45) == 0, "'%s'", hint);
    fx_close(&app);
}
END_TEST

/* A load's progress hook that replaces the data file once, after the old
 * one was read: as a newer version is moved over it during a long load. */
static void replace_during_load(void *ctx, size_t bytes, size_t records)
{
    (void)bytes;
    (void)records;
    int *done = ctx;
    if (*done)
        return;
    *done = 1;
    char newer[sizeof fx_text + 64], tmp[200];
    snprintf(newer, sizeof newer, "%snew1,1e22,2025-06-10,0.5\n", fx_text);
    snprintf(tmp, sizeof tmp, "%s.new", fx_csv);
    fx_write(tmp, newer);
    ck_assert_int_eq(rename(tmp, fx_csv), 0);
}

/* The file replaced while it was being read: the data shown is the old
 * one, and the look at the file says so. Its identity was taken after the
 * load, from the new file, and the change went unsaid for good. */
START_TEST(test_data_file_replaced_during_its_load_is_said)
{
    tui_app app;
    fx_open(&app);
    int done = 0;
    cs_load_hooks hooks = { .progress = replace_during_load, .progress_ctx = &done };
    cs_error err;
    ck_assert_msg(tui_app_load_hooked(&app, fx_csv, &hooks, &err) == 0, "%s", err.msg);
    settle(&app);
    ck_assert_int_eq(done, 1);
    ck_assert(cs_dataset_find_model(app.ds, "new1") < 0); /* the old data is shown */
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    ck_assert_msg(strstr(app.msg, "data.csv has changed on disk since it was loaded"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* The data file replaced and another capscope's score appended within the
 * same second: the look at the file said so, and the journal's word on its
 * score, said next in the same look, stood over it on the status line, so
 * the data shown, the old file, went unsaid again (once a load). The
 * journal's word carries it, as it does for entries it skips. */
START_TEST(test_data_changed_is_said_with_the_journal_taken_in)
{
    tui_app app;
    fx_open(&app);
    tui_app_command(&app, "score a3 acc 0.5"); /* the journal in use */
    settle(&app);
    char newer[sizeof fx_text + 64], tmp[200];
    snprintf(newer, sizeof newer, "%snew1,1e22,2025-06-10,0.5\n", fx_text);
    snprintf(tmp, sizeof tmp, "%s.new", fx_csv);
    fx_write(tmp, newer);
    ck_assert_int_eq(rename(tmp, fx_csv), 0);
    append_line(fx_journal, "score\ta1\tacc\t0.95\t2\n");
    /* as the interface's loop looks, once a second while idle */
    ck_assert_uint_eq(tui_app_watch_data(&app), TUI_CH_STATUS);
    size_t taken = 0;
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 1);
    ck_assert_msg(strstr(app.msg, "a score of another capscope taken in: a1 acc = 0.95") &&
                      strstr(app.msg, "the data file has changed since it was loaded (:load "),
                  "%s", app.msg);
    settle(&app);
    /* two entries: the count, and the change */
    append_line(fx_journal, "score\ta2\tacc\t0.9\t3\nscore\ta3\tacc\t0.9\t3\n");
    ck_assert(tui_app_take_in_journal(&app, &taken) & TUI_CH_DATA);
    ck_assert_uint_eq(taken, 2);
    ck_assert_msg(strstr(app.msg, "2 entries appended by another capscope") &&
                      strstr(app.msg, "the data file has changed since it was loaded (:load "),
                  "%s", app.msg);
    settle(&app);
    fx_close(&app);
}
END_TEST

/* A journal refused at the load (a malformed line) is said once: the look
 * at the journal a second later tried it again and said it again, over
 * whatever the status line said since. */
START_TEST(test_journal_refused_at_load_is_not_tried_again)
{
    tui_app app;
    fx_open(&app);
    fx_write(fx_journal, "score\ta1\tacc\tnot-a-number\t1\n");
    fx_load(&app, fx_csv);
    ck_assert_ptr_null(app.journal);
    ck_assert_msg(strstr(app.msg, "journal not used"), "%s", app.msg);
    tui_app_msg(&app, 0, "something said since");
    size_t taken = 99;
    ck_assert_uint_eq(tui_app_take_in_journal(&app, &taken), TUI_CH_NONE);
    ck_assert_uint_eq(taken, 0);
    ck_assert_str_eq(app.msg, "something said since");
    fx_close(&app);
}
END_TEST

/* The last session's data comes back with the config it was opened with,
 * and when it cannot (its columns changed, the file went), the demo data
 * stands in with the reason on the status line, instead of an exit that
 * would repeat at every start. */
START_TEST(test_restore_uses_its_config_or_falls_back)
{
    tui_app app;
    fx_open(&app);
    char csv[200], yaml[200];
    snprintf(csv, sizeof csv, "%s/renamed.csv", fx_dir);
    snprintf(yaml, sizeof yaml, "%s/renamed.yaml", fx_dir);
    fx_write(csv, "name,compute,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\n");
    fx_write(yaml, "columns: {model: name, flops: compute}\n");
    tui_app_free(&app);

    tui_settings set;
    tui_settings_init(&set);
    cs_error err;
    tui_app_init(&app, &set);
    ck_assert_int_eq(tui_config_load(&app.set, &app.cfg, yaml, &err), 0);
    app.config_path = strdup(yaml);
    ck_assert_int_eq(tui_app_restore(&app, csv, NULL, &err), 0);
    settle(&app);
    ck_assert_ptr_nonnull(app.data_path);
    ck_assert_uint_eq(app.ds->n_rows, 4);
    tui_state st;
    tui_app_get_state(&app, &st);
    char *abs = realpath(yaml, NULL);
    ck_assert_str_eq(st.config, abs);
    free(abs);
    tui_app_free(&app);

    /* Without its config the file has no model column. */
    tui_app_init(&app, &set);
    ck_assert_int_eq(tui_app_restore(&app, csv, NULL, &err), 0);
    settle(&app);
    ck_assert_ptr_null(app.data_path);
    ck_assert_msg(app.msg_error && strstr(app.msg, "last session not restored, showing the demo data") &&
                      strstr(app.msg, "no 'model' column"),
                  "%s", app.msg);
    tui_app_get_state(&app, &st);
    ck_assert_str_eq(st.data, "");
    tui_app_free(&app);

    /* A config whose roles do not fit is dropped with the file. */
    tui_app_init(&app, &set);
    ck_assert_int_eq(tui_config_load(&app.set, &app.cfg, yaml, &err), 0);
    app.config_path = strdup(yaml);
    ck_assert_int_eq(tui_app_restore(&app, fx_csv, NULL, &err), 0);
    settle(&app);
    ck_assert_ptr_null(app.data_path);
    ck_assert_ptr_null(app.config_path);
    ck_assert_ptr_null(app.cfg.model_col);
    ck_assert_msg(strstr(app.msg, "columns.model: no column 'name'"), "%s", app.msg);
    tui_app_free(&app);

    /* A file that is gone. */
    tui_app_init(&app, &set);
    ck_assert_int_eq(unlink(csv), 0);
    ck_assert_int_eq(tui_app_restore(&app, csv, NULL, &err), 0);
    settle(&app);
    ck_assert_ptr_null(app.data_path);
    ck_assert_msg(strstr(app.msg, "renamed.csv"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

/* The loader's warnings reach the status line on :load, as the CLI prints
 * them on stderr. */
START_TEST(test_load_shows_loader_warnings)
{
    tui_app app;
    fx_open(&app);
    char path[200];
    snprintf(path, sizeof path, "%s/stray.csv", fx_dir);
    fx_write(path, "model,flops,acc,musr\na,1e21,0.1,0.2\nb,1e22,0.2,0.3\nc,1e23,0.3,N/A\n"
                   "d,1e24,0.4,0.4\ne,1e24,0.5,0.5\n");
    fx_load(&app, path);
    ck_assert_msg(app.msg_error && strstr(app.msg, "stray.csv:4: column 'musr' is not a task") &&
                      strstr(app.msg, "loaded 5 models, 1 task)"),
                  "%s", app.msg);
    snprintf(path, sizeof path, "%s/noflops.csv", fx_dir);
    fx_write(path, "model,flops,acc\na,,0.1\nb,1e22,0.2\nc,1e23,0.3\nd,1e24,0.4\ne,1e24,0.5\n");
    fx_load(&app, path);
    ck_assert_msg(strstr(app.msg, "1 row without flops (empty or <= 0) skipped"), "%s", app.msg);

    /* A load that fails says why, and that the data shown stays. */
    snprintf(path, sizeof path, "%s/bad.csv", fx_dir);
    fx_write(path, "model,flops,acc\na,1e21,0.1\nb,1e22,0.2\nc,1e23\nd,1e24,0.4\n");
    fx_load(&app, path);
    char want[300];
    snprintf(want, sizeof want, "bad.csv:4: ");
    ck_assert_msg(app.msg_error && strstr(app.msg, want), "%s", app.msg);
    snprintf(want, sizeof want, "; %s/noflops.csv still loaded", fx_dir);
    ck_assert_msg(strstr(app.msg, want), "%s", app.msg);
    ck_assert_uint_eq(app.ds->n_rows, 4); /* noflops.csv's rows with flops */
    fx_close(&app);
}
END_TEST

START_TEST(test_split_words_quoting)
{
    char buf[256], *w[8];
    ck_assert_int_eq(tui_split_words("\"it's \\\"q\\\"\" acc", buf, sizeof buf, w, 8), 2);
    ck_assert_str_eq(w[0], "it's \"q\"");
    ck_assert_int_eq(tui_split_words("\"a\\b\\\\c\"", buf, sizeof buf, w, 8), 1);
    ck_assert_str_eq(w[0], "a\\b\\c"); /* only \" and \\ are escapes */
    ck_assert_int_eq(tui_split_words("a\\b 'c\\\"d'", buf, sizeof buf, w, 8), 2);
    ck_assert_str_eq(w[0], "a\\b");     /* literal outside quotes */
    ck_assert_str_eq(w[1], "c\\\"d");   /* and inside '...' */
    ck_assert_int_eq(tui_split_words("\"\" ''", buf, sizeof buf, w, 8), 2);
    ck_assert_str_eq(w[0], "");
    ck_assert_str_eq(w[1], "");
    ck_assert_int_eq(tui_split_words("\"a\\\"", buf, sizeof buf, w, 8), -1); /* \" does not close */

    /* Every name, quoted by tui_quote_word, reads back as that one word. */
    static const char *const names[] = {"plain", "my model", "it's", "say \"hi\"", "it's \"q\"",
                                        "back\\slash\\\"", "\\", "trailing\\", "'", "\"", "\t",
                                        "", "a\\\\\"b'c d", "org/m-7b_v2.1"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char q[64], line[96];
        ck_assert_int_eq(tui_quote_word(names[i], q, sizeof q), 0);
        snprintf(line, sizeof line, "%s acc", q);
        ck_assert_msg(tui_split_words(line, buf, sizeof buf, w, 8) == 2 && strcmp(w[0], names[i]) == 0,
                      "'%s' quoted as %s", names[i], q);
        int idx;
        snprintf(line, sizeof line, "score %s ", q);
        tui_command_context(line, &idx);
        ck_assert_msg(idx == 2, "%s: completing word %d", line, idx);
    }
    char small[8];
    ck_assert_int_eq(tui_quote_word("my model", small, sizeof small), -1);
    ck_assert_str_eq(small, "");
    char exact[sizeof "'my mode'"];
    ck_assert_int_eq(tui_quote_word("my mode", exact, sizeof exact), 0);
    ck_assert_str_eq(exact, "'my mode'");
    ck_assert_int_eq(tui_quote_word("my mode", exact, sizeof exact - 1), -1);
}
END_TEST

/* Every command that takes a model name reads it the same way. */
START_TEST(test_model_names_are_quoted_alike)
{
    tui_app app;
    fx_open(&app);
    long mine = cs_dataset_find_model(app.ds, "my model");
    long both = cs_dataset_find_model(app.ds, "it's \"q\"");
    ck_assert(mine >= 0 && both >= 0);
    tui_app_command(&app, "goto \"my model\"");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_int_eq(tui_app_cursor_row(&app), mine);
    tui_app_command(&app, "goto 'it'\"'\"'s \"q\"'");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_int_eq(tui_app_cursor_row(&app), both);
    /* Unquoted, a line that is exactly a model's name is that name; one
     * a typo from exactly one model's name gets the suggestion, as the
     * quoted line does (the man page's rule: the line is the name); one
     * near no name stays a usage error (not "no model 'my'"). */
    tui_app_command(&app, "goto a2");
    ck_assert_int_ne(tui_app_cursor_row(&app), mine);
    tui_app_command(&app, "goto   my model ");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_int_eq(tui_app_cursor_row(&app), mine);
    tui_app_command(&app, "goto my modelx");
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_str_eq(app.msg, "no model 'my modelx': did you mean 'my model'?");
    tui_app_command(&app, "goto \"my modle\"");
    ck_assert_str_eq(app.msg, "no model 'my modle': did you mean 'my model'?");
    tui_app_command(&app, "goto  my modle ");
    ck_assert_str_eq(app.msg, "no model 'my modle': did you mean 'my model'?");
    tui_app_command(&app, "score-edit my modle");
    ck_assert_str_eq(app.msg, "no model 'my modle': did you mean 'my model'?");
    tui_app_command(&app, "goto your big model");
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_ptr_nonnull(strstr(app.msg, "usage"));
    ck_assert_int_eq(tui_app_cursor_row(&app), mine);

    tui_app_command(&app, "score \"back\\\\slash\\\\\\\"\" acc 0.5");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);
    long bs = cs_dataset_find_model(app.ds, "back\\slash\\\"");
    ck_assert(bs >= 0 && app.ds->tasks[0].has[bs] && app.ds->tasks[0].y[bs] == 0.5);

    /* score-edit writes a line :score reads back as the same model. */
    tui_app_command(&app, "score-edit \"it's \\\"q\\\"\"");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    char line[TUI_PROMPT_MAX + 8]; /* the prefill and the score typed after it */
    snprintf(line, sizeof line, "%s0.75", app.prompt_prefill);
    tui_app_command(&app, line);
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s: %s", line, app.msg);
    settle(&app);
    ck_assert(app.ds->tasks[0].y[both] == 0.75);
    fx_close(&app);
}
END_TEST

/* i on the point of a row whose name an earlier row has: the score named
 * the model and went to the earlier row (line 3, no score for other), the
 * point under the cursor (line 5, 0.4) kept its score and a new point
 * showed elsewhere. Refused, with both lines and what to do. */
/* :score for a model whose row the load skipped for want of flops says so
 * in the interface too, with the file and line, and whole: a data file
 * 150 bytes deep (as --resume names it, absolutely) cut the message at
 * 256 bytes, losing what to do ("give it flops in the data file"). */
START_TEST(test_score_of_a_row_without_flops_is_said_whole)
{
    char dir[64], deep[512], csv[600], cmd[700];
    snprintf(dir, sizeof dir, "/tmp/capscope-tui-deep.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(deep, sizeof deep, "%s/%0150d", dir, 0);
    ck_assert_int_eq(mkdir(deep, 0700), 0);
    snprintf(csv, sizeof csv, "%s/data.csv", deep);
    fx_write(csv, "model,flops,acc\nm1,1e21,0.1\nm2,,0.2\nm3,1e23,0.3\nm4,1e24,0.4\nm5,1e24,0.5\n");
    tui_settings set;
    tui_settings_init(&set);
    tui_app app;
    tui_app_init(&app, &set);
    cs_error err;
    ck_assert_msg(tui_app_load(&app, csv, &err) == 0, "%s", err.msg);
    settle(&app);
    tui_app_command(&app, "score m2 acc 0.5");
    char want[800];
    snprintf(want, sizeof want,
             "model 'm2' has no flops (%s:3): its row was skipped, as rows without flops are;"
             " give it flops in the data file", csv);
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_str_eq(app.msg, want);
    tui_app_free(&app);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_score_edit_refuses_a_repeated_name)
{
    tui_app app;
    fx_open_text(&app, "model,flops,acc,other\nm1,1e21,0.1,0.2\ndup,1e22,0.2,\nm3,1e23,0.3,0.3\n"
                       "dup,1e24,,0.4\nm5,1e24,0.5,0.5\nm6,1e22,0.25,0.5\n");
    tui_app_command(&app, "task other");
    settle(&app);
    ck_assert_int_eq(tui_app_cursor_to_row(&app, 3), 1);
    ck_assert_int_eq(tui_app_cursor_row(&app), 3);
    app.prompt_prefill[0] = '\0';
    tui_app_command(&app, "score-edit");
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_str_eq(app.msg, "'dup' here (line 5) repeats the name on line 3, where a score by name goes:"
                              " give the rows different names in the data file");
    ck_assert_str_eq(app.prompt_prefill, "");
    /* The first row of the name opens the prompt as before. */
    tui_app_command(&app, "task acc");
    settle(&app);
    ck_assert_int_eq(tui_app_cursor_to_row(&app, 1), 1);
    tui_app_command(&app, "score-edit");
    ck_assert_str_eq(app.prompt_prefill, "score dup acc ");
    fx_close(&app);
}
END_TEST

/* :predict with many tasks marked: the message was cut at its 512 bytes
 * within a task's name ("arc-c/2"), the tasks after it unsaid. It keeps
 * whole clauses and counts the rest. 30 tasks named
 * benchmark_with_a_long_name_NN (29 bytes): the head "accuracy at 1e+23
 * FLOPs (tau 0.98):" is 35 bytes, the first clause " NAME 0.xxxx" 37, each
 * next "; NAME 0.xxxx" 38, and "; and NN more tasks (mark fewer to see
 * them)" 44: 35 + 37 + 38 (k - 1) + 44 <= 511 holds for k = 11 clauses,
 * not 12, so 11 are said and 19 counted. */
START_TEST(test_predict_many_tasks_counts_the_rest)
{
    char text[8192];
    size_t used = (size_t)snprintf(text, sizeof text, "model,flops");
    for (int t = 10; t < 40; t++)
        used += (size_t)snprintf(text + used, sizeof text - used, ",benchmark_with_a_long_name_%d", t);
    used += (size_t)snprintf(text + used, sizeof text - used, "\n");
    for (int i = 0; i < 8; i++) {
        used += (size_t)snprintf(text + used, sizeof text - used, "m%d,1e%d", i, 21 + i % 4);
        for (int t = 10; t < 40; t++)
            used += (size_t)snprintf(text + used, sizeof text - used, ",0.%d", 1 + i);
        used += (size_t)snprintf(text + used, sizeof text - used, "\n");
    }
    ck_assert_uint_lt(used, sizeof text);
    tui_app app;
    fx_open_text(&app, text);
    for (int t = 0; t < 30; t++)
        tui_app_command(&app, "task-mark");
    settle(&app);
    tui_app_command(&app, "predict 1e23");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_msg(strncmp(app.msg, "accuracy at 1e+23 FLOPs (tau 0.98): benchmark_with_a_long_name_10 0.", 68) == 0,
                  "%s", app.msg);
    const char *tail = "_20 0.";
    char *last = strstr(app.msg, tail);
    ck_assert_msg(last && strcmp(last + strlen(tail) + 4, "; and 19 more tasks (mark fewer to see them)") == 0, "%s",
                  app.msg);
    ck_assert_ptr_null(strstr(app.msg, "_21 "));
    fx_close(&app);
}
END_TEST

/* With 50 tasks, marking 30 took 30 Spaces and clearing them as many:
 * :mark TEXT marks the tasks whose names hold TEXT (in any case), :unmark
 * [TEXT] unmarks them (every task without TEXT). */
START_TEST(test_mark_by_name)
{
    tui_app app;
    fx_open_text(&app, "model,flops,bbh,bbh v2,GPQA v2,math\nm1,1e21,0.1,0.1,0.1,0.1\nm2,1e22,0.2,0.2,0.2,0.2\n"
                       "m3,1e23,0.3,0.3,0.3,0.3\nm4,1e24,0.4,0.4,0.4,0.4\n");
    tui_app_command(&app, "mark V2");
    ck_assert_msg(!app.msg_error, "%s", app.msg);
    ck_assert_str_eq(app.msg, "marked 2 tasks (0 already); 2 of 4 marked");
    ck_assert(!app.marked[0] && app.marked[1] && app.marked[2] && !app.marked[3]);
    size_t served[4];
    ck_assert_uint_eq(tui_app_served(&app, served), 2);
    tui_app_command(&app, "mark v2");
    ck_assert_str_eq(app.msg, "marked 2 tasks (2 already); 2 of 4 marked");
    tui_app_command(&app, "unmark bbh");
    ck_assert_str_eq(app.msg, "unmarked 2 tasks (1 already); 1 of 4 marked");
    ck_assert(!app.marked[0] && !app.marked[1] && app.marked[2] && !app.marked[3]);
    tui_app_command(&app, "mark xyz");
    ck_assert_int_eq(app.msg_error, 1);
    ck_assert_str_eq(app.msg, "mark: no task name holds 'xyz'");
    ck_assert(app.marked[2]);
    tui_app_command(&app, "unmark");
    ck_assert_str_eq(app.msg, "unmarked 4 tasks (3 already); 0 of 4 marked");
    ck_assert(!app.marked[0] && !app.marked[1] && !app.marked[2] && !app.marked[3]);
    fx_close(&app);
}
END_TEST

/* :load of a newer export under another name: the scores entered on the
 * old name stayed in its journal and the new data showed none of them,
 * with no word. Said, with the copy that brings them; done, they count. */
START_TEST(test_load_other_name_says_where_scores_are)
{
    tui_app app;
    static const char v1[] = "model,flops,acc\nm1,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,\nm5,1e24,0.5\n";
    fx_open_text(&app, v1);
    tui_app_command(&app, "score m4 acc 0.9");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);
    char v2[sizeof fx_csv + 16], v2_journal[sizeof fx_csv + 32], want[2048];
    snprintf(v2, sizeof v2, "%s/v 2.csv", fx_dir); /* a blank: the cp quotes the name */
    snprintf(v2_journal, sizeof v2_journal, "%s.journal", v2);
    fx_write(v2, "model,flops,acc\nm1,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,\nm5,1e24,0.5\nm6,1e22,0.4\n");
    char v2_quoted[sizeof v2 + 8];
    snprintf(v2_quoted, sizeof v2_quoted, "'%s'", v2);
    fx_load(&app, v2_quoted);
    snprintf(want, sizeof want,
             "1 score of these models entered on the data shown before stays in %s: cp %s '%s', then :load '%s',"
             " to use it here (loaded 6 models, 1 task)",
             fx_journal, fx_journal, v2_journal, v2);
    ck_assert_str_eq(app.msg, want);
    long m4 = cs_dataset_find_model(app.ds, "m4");
    ck_assert(m4 >= 0 && !app.ds->tasks[0].has[m4]);
    /* The copy the message gives, and the score is there. */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp '%s' '%s'", fx_journal, v2_journal);
    ck_assert_int_eq(system(cmd), 0);
    fx_load(&app, v2_quoted);
    m4 = cs_dataset_find_model(app.ds, "m4");
    ck_assert(m4 >= 0 && app.ds->tasks[0].has[m4] && app.ds->tasks[0].y[m4] == 0.9);
    ck_assert_ptr_null(strstr(app.msg, "stays in"));
    /* Another table, none of whose models the old journal scored: nothing said. */
    fx_write(v2, "model,flops,acc\nx1,1e21,0.1\nx2,1e22,0.2\nx3,1e23,0.3\nx4,1e24,0.5\n");
    ck_assert_int_eq(unlink(v2_journal), 0);
    fx_load(&app, fx_csv);
    fx_load(&app, v2_quoted);
    ck_assert_msg(!strstr(app.msg, "stays in"), "%s", app.msg);
    /* Another benchmark's table of the same models (model names are shared
     * across evaluations): the old scores are of a task it lacks, and a
     * copy of the journal would only bring entries skipped as stale at
     * every load. Nothing said. */
    fx_write(v2, "model,flops,gpqa\nm1,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,\nm5,1e24,0.5\n");
    fx_load(&app, fx_csv);
    fx_load(&app, v2_quoted);
    ck_assert_msg(!strstr(app.msg, "stays in"), "%s", app.msg);
    fx_close(&app);
}
END_TEST

static int band_cancel_now(void *arg)
{
    (void)arg;
    return 1;
}

START_TEST(test_band_job_stops_when_cancelled)
{
    /* The TUI's quit sets the worker's cancel: a band job run as the
     * worker runs it gives up (the band's own cancel is test_band's). */
    cs_fit f = band_fit();
    double z[BAND_WN], y[BAND_WN], w[BAND_WN];
    band_weighted_rows(&f, z, y, w);
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_BAND;
    job.z = malloc(BAND_WN * sizeof *job.z);
    job.y = malloc(BAND_WN * sizeof *job.y);
    memcpy(job.z, z, sizeof z);
    memcpy(job.y, y, sizeof y);
    job.n = BAND_WN;
    job.fit = f;
    job.opts.tau = 0.98;
    tui_job_run(&job);
    ck_assert_int_eq(job.rc, 0); /* no cancel: the band */
    ck_assert(job.band.ok);
    job.opts.cancel = band_cancel_now;
    tui_job_run(&job);
    ck_assert_int_eq(job.rc, -1);
    ck_assert(!job.band.ok);
    tui_job_free_inputs(&job);
}
END_TEST

/* With design weights on, the coverage strip judges the weighted fit by the
 * same weights (coverage.h), whether the worker measured it with the fit or
 * the screen measures it again (when the rows shown are not those the
 * worker measured): the same numbers either way, and said to be weighted;
 * off, not. */
START_TEST(test_coverage_strip_is_weighted_with_the_fit)
{
    tui_app app;
    fx_open(&app);
    tui_app_set_design_weights(&app, 1);
    settle(&app);
    const cs_coverage *c = tui_app_full_coverage(&app);
    ck_assert_ptr_nonnull(c);
    ck_assert(c->weighted);
    const cs_coverage worker = *c;
    app.fits[app.task].n_cov = 0; /* the screen measures it again */
    c = tui_app_full_coverage(&app);
    ck_assert_ptr_nonnull(c);
    ck_assert(c != &app.fits[app.task].cov);
    ck_assert(c->weighted);
    ck_assert_uint_eq(c->n_bins, worker.n_bins);
    for (size_t j = 0; j < c->n_bins; j++)
        ck_assert_double_eq(c->bins[j].hat_tau, worker.bins[j].hat_tau);
    ck_assert_double_eq(c->macro, worker.macro);
    tui_app_set_design_weights(&app, 0);
    settle(&app);
    c = tui_app_full_coverage(&app);
    ck_assert_ptr_nonnull(c);
    ck_assert(!c->weighted);
    fx_close(&app);
}
END_TEST

/* A task job's steps after its fit (cursor order, coverage: each a sort of
 * every row at a million) ask the cancel too: told to stop at the first ask
 * after the fit's own asks (counted on the same rows by the fit alone, which
 * is deterministic), the job ends cancelled without its coverage. */
START_TEST(test_task_job_asks_after_its_fit)
{
    const size_t n = 300;
    double z[300], y[300];
    for (size_t i = 0; i < n; i++) {
        z[i] = 21.0 + 0.01 * (double)i;
        y[i] = 0.5 * (double)(i % 10) / 9.0 * (z[i] - 20.0) / 4.0;
    }
    cs_fit_opts o;
    cs_fit_opts_init(&o);
    counted_cancel fit_alone = { 0, 0 };
    o.cancel = count_and_stop;
    o.cancel_arg = &fit_alone;
    cs_fit f;
    ck_assert_int_eq(cs_fit_run(z, y, n, &o, &f, NULL), 0);

    for (int stop = 0; stop < 2; stop++) {
        tui_job job;
        memset(&job, 0, sizeof job);
        job.kind = TUI_JOB_TASK;
        job.n = n;
        job.z = malloc(n * sizeof *job.z);
        job.y = malloc(n * sizeof *job.y);
        memcpy(job.z, z, sizeof z);
        memcpy(job.y, y, sizeof y);
        job.opts = o;
        counted_cancel c = { 0, stop ? fit_alone.calls + 1 : 0 };
        job.opts.cancel_arg = &c;
        tui_job_run(&job);
        if (stop) {
            ck_assert_int_eq(job.rc, -1);
            ck_assert_int_eq(job.err.kind, CS_ERR_CANCELLED);
            ck_assert_int_eq(job.cov_ok, 0);
        } else {
            ck_assert_msg(job.rc == 0, "%s", job.err.msg);
            ck_assert_int_eq(job.cov_ok, 1);
            ck_assert_uint_gt(c.calls, fit_alone.calls); /* asked after the fit */
        }
        tui_job_free_inputs(&job);
        free(job.order);
    }
}
END_TEST

/* The rows by compute (what every task's cursor order is built from: a
 * sort of every row, a fifth of a second at a million rows) are sorted by
 * the first task job in the worker, not on the screen when the job is made,
 * which froze the keyboard once per data set; the app keeps the worker's
 * for later jobs and the cursor. They are every row once, by compute, rows
 * of one compute in row order (cursor.h), and the task's cursor order came
 * with the fit. */
START_TEST(test_rows_by_compute_are_sorted_in_the_worker)
{
    tui_app app;
    snprintf(fx_dir, sizeof fx_dir, "/tmp/capscope-tui-app.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(fx_dir));
    snprintf(fx_csv, sizeof fx_csv, "%s/data.csv", fx_dir);
    fx_write(fx_csv, fx_text);
    tui_settings set;
    tui_settings_init(&set);
    tui_app_init(&app, &set);
    cs_error err;
    ck_assert_msg(tui_app_load(&app, fx_csv, &err) == 0, "%s", err.msg);
    tui_app_idle(&app); /* hands the current task's fit to the worker */
    ck_assert_int_eq(app.fits[app.task].state, TUI_FIT_RUNNING);
    ck_assert_msg(app.zorder == NULL, "the rows by compute were sorted on the screen");
    settle(&app);
    const cs_dataset *ds = app.ds;
    ck_assert_ptr_nonnull(app.zorder);
    ck_assert_uint_eq(app.zorder_n, ds->n_rows);
    unsigned char *seen = calloc(ds->n_rows + 1, 1);
    ck_assert_ptr_nonnull(seen);
    for (size_t k = 0; k < ds->n_rows; k++) {
        size_t r = app.zorder[k];
        ck_assert_uint_lt(r, ds->n_rows);
        ck_assert(!seen[r]);
        seen[r] = 1;
        if (k > 0) {
            size_t q = app.zorder[k - 1];
            ck_assert_msg(ds->z[q] < ds->z[r] || (ds->z[q] == ds->z[r] && q < r), "rows %zu, %zu out of order", q,
                          r);
        }
    }
    free(seen);
    const tui_taskfit *f = &app.fits[app.task];
    ck_assert_int_eq(f->state, TUI_FIT_OK);
    ck_assert_ptr_nonnull(f->order);
    ck_assert_uint_eq(f->n_order, ds->tasks[app.task].n_scored);
    fx_close(&app);
}
END_TEST

/* Quitting (or any stop) during a fit of a million rows must not wait for
 * it: tui_worker_stop cancels the job's fit (fit.h: CS_ERR_CANCELLED, no
 * result). The fit of these rows makes hundreds of passes over them, so the
 * stop, one store after the thread is made, always lands inside it. A job
 * after the stop is not cancelled, and a finished job hands back options that
 * no longer point at the worker's flag. */
START_TEST(test_worker_stop_cancels_the_fit)
{
    const size_t n = 1000000;
    tui_worker w;
    memset(&w, 0, sizeof w);
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_OTHER;
    job.n = n;
    job.z = malloc(n * sizeof *job.z);
    job.y = malloc(n * sizeof *job.y);
    ck_assert(job.z && job.y);
    for (size_t i = 0; i < n; i++) {
        job.z[i] = 21.0 + 4.0 * (double)(i % 1000) / 999.0;
        job.y[i] = (double)((i * 7919) % 1000) / 999.0 * (job.z[i] - 20.0) / 5.0;
    }
    cs_fit_opts_init(&job.opts);
    ck_assert_int_eq(tui_worker_start(&w, &job), 0);
    tui_worker_stop(&w);
    ck_assert(!tui_worker_busy(&w));
    ck_assert_int_eq(w.job.rc, -1);
    ck_assert_msg(w.job.err.kind == CS_ERR_CANCELLED, "kind %d: %s", w.job.err.kind, w.job.err.msg);

    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_OTHER;
    job.n = 20;
    job.z = malloc(job.n * sizeof *job.z);
    job.y = malloc(job.n * sizeof *job.y);
    for (size_t i = 0; i < job.n; i++) {
        job.z[i] = 21.0 + (double)(i % 5);
        job.y[i] = 0.1 * (double)(i % 5) + 0.01 * (double)(i % 3);
    }
    cs_fit_opts_init(&job.opts);
    ck_assert_int_eq(tui_worker_start(&w, &job), 0);
    tui_job out;
    while (!tui_worker_poll(&w, &out))
        sched_yield();
    ck_assert_msg(out.rc == 0, "the next job failed: %s", out.err.msg);
    ck_assert(out.opts.cancel == NULL && out.opts.cancel_arg == NULL);
    ck_assert(out.split_opts.fit.cancel == NULL && out.design_opts.fit.cancel == NULL);
}
END_TEST

/* The background threads leave the signals to the input loop: one that
 * reached a worker would not cut the loop's wait short (a resize or a quit
 * would wait for the loop's next look). The mask is read in the thread. */
static void *read_mask(void *arg)
{
    pthread_sigmask(SIG_SETMASK, NULL, (sigset_t *)arg);
    return NULL;
}

START_TEST(test_threads_leave_signals_to_the_loop)
{
    sigset_t seen, none, before, after;
    sigemptyset(&seen);
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, &before);
    pthread_t t;
    ck_assert_int_eq(tui_thread_create(&t, read_mask, &seen), 0);
    pthread_join(t, NULL);
    pthread_sigmask(SIG_SETMASK, &before, &after);
    int sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        ck_assert_msg(sigismember(&seen, sigs[i]) == 1, "signal %d not blocked in the thread", sigs[i]);
    /* The caller's own mask is as it was. */
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        ck_assert_int_eq(sigismember(&after, sigs[i]), 0);
}
END_TEST

/* The same strata and groups as a layout built apart from the app. */
static void assert_layout_of(const cs_design_layout *lay, const cs_dataset *ds)
{
    ck_assert_ptr_nonnull(lay);
    cs_error err;
    cs_design_layout *fresh = cs_design_layout_new(ds, NULL, NULL, &err);
    ck_assert_ptr_nonnull(fresh);
    ck_assert_uint_eq(lay->n, ds->n_rows);
    ck_assert_uint_eq(lay->ns, fresh->ns);
    ck_assert_uint_eq(lay->ng, fresh->ng);
    ck_assert(memcmp(lay->stratum, fresh->stratum, ds->n_rows * sizeof *lay->stratum) == 0);
    ck_assert(memcmp(lay->group, fresh->group, ds->n_rows * sizeof *lay->group) == 0);
    cs_design_layout_free(fresh);
}

/* One design layout per data set (app.h): the first job that needs it
 * builds it (the sampler's design here, a weighted fit after a load with
 * W on), the later jobs share it, a score leaves it be (it holds none),
 * and a load replaces it. The weighted fit made on it is the one of the
 * weights computed apart. */
START_TEST(test_app_keeps_one_layout_per_data_set)
{
    tui_app app;
    fx_open(&app);
    assert_layout_of(app.layout, app.ds); /* the sampler's fitted-prior design built it */
    const cs_design_layout *lay = app.layout;
    tui_app_set_design_weights(&app, 1);
    settle(&app);
    ck_assert_ptr_eq(app.layout, lay);
    ck_assert_int_eq(app.fits[0].state, TUI_FIT_OK);
    size_t n = app.ds->n_rows;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y), *w = malloc(n * sizeof *w);
    cs_error err;
    size_t m = cs_design_weighted_xy(app.ds, 0, NULL, z, y, w, &err);
    ck_assert_uint_gt(m, 0);
    cs_fit_opts fo;
    cs_fit_opts_init(&fo);
    fo.tau = app.set.tau;
    fo.weights = w;
    cs_fit f;
    ck_assert_int_eq(cs_fit_run(z, y, m, &fo, &f, &err), 0);
    ck_assert(memcmp(&app.fits[0].fit.p, &f.p, sizeof f.p) == 0);
    free(z);
    free(y);
    free(w);

    tui_app_command(&app, "score a1 acc 0.12");
    ck_assert_msg(strstr(app.msg, "saved in the journal"), "%s", app.msg);
    settle(&app);
    ck_assert_ptr_eq(app.layout, lay);

    char cmd[256];
    snprintf(cmd, sizeof cmd, "load %s", fx_csv);
    tui_app_command(&app, cmd);
    /* Read in the loader's thread: the turn that swaps the data in starts
     * no job, so no layout is built yet. */
    while (tui_app_loading(&app))
        tui_app_idle(&app);
    ck_assert_ptr_null(app.layout); /* the old data's is gone with it */
    settle(&app);
    assert_layout_of(app.layout, app.ds); /* built by the first weighted fit */
    fx_close(&app);
}
END_TEST

/* Quitting during a design, or during the design weights of a fit, at
 * many rows does not wait for them: tui_worker_stop cancels the job
 * (CS_ERR_CANCELLED) and drops a layout it built. The paper's design of
 * 60,000 distinct compute levels at 20% picks thousands of rows (seconds),
 * so the stop, one store after the thread is made, lands inside it. */
START_TEST(test_worker_stop_cancels_the_design)
{
    const size_t n = 60000;
    size_t cap = n * 64 + 64, k = 0;
    char *csv = malloc(cap);
    k += (size_t)snprintf(csv + k, cap - k, "model,base_model,flops,params_b,acc\n");
    for (size_t i = 0; i < n; i++) {
        double z = 21.0 + 4.0 * (double)i / (double)n;
        if (i % 10 == 0)
            k += (size_t)snprintf(csv + k, cap - k, "m%zu,b%zu,%.17g,%.6g,%.4f\n", i, i / 50, pow(10, z),
                                  0.5 + (double)(i % 7), 0.2 + 0.5 * (double)(i % 13) / 13.0);
        else
            k += (size_t)snprintf(csv + k, cap - k, "m%zu,b%zu,%.17g,%.6g,\n", i, i / 50, pow(10, z),
                                  0.5 + (double)(i % 7));
    }
    cs_dataset *ds = NULL;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, k, "many.csv", NULL, &ds, &err) == 0, "%s", err.msg);
    free(csv);
    for (int kind = 0; kind < 3; kind++) {
        tui_worker w;
        memset(&w, 0, sizeof w);
        tui_job job;
        memset(&job, 0, sizeof job);
        job.ds = ds;
        if (kind < 2) {
            job.kind = TUI_JOB_DESIGN;
            cs_design_opts_init(&job.design_opts);
            job.design_opts.prior = kind == 0 ? CS_PRIOR_PAPER : CS_PRIOR_FIT;
            job.design_opts.pool = kind == 0 ? CS_POOL_ALL : CS_POOL_UNSCORED;
            job.design_opts.budget_fraction = 0.2;
        } else { /* a weighted fit: its layout, weights and fit */
            job.kind = TUI_JOB_OTHER;
            job.z = malloc(n * sizeof *job.z);
            job.y = malloc(n * sizeof *job.y);
            job.w = malloc(n * sizeof *job.w);
            job.n = cs_dataset_task_xy(ds, 0, NULL, job.z, job.y, NULL);
            cs_fit_opts_init(&job.opts);
            job.opts.weights = job.w;
        }
        ck_assert_int_eq(tui_worker_start(&w, &job), 0);
        tui_worker_stop(&w);
        ck_assert(!tui_worker_busy(&w));
        ck_assert_int_eq(w.job.rc, -1);
        ck_assert_msg(w.job.err.kind == CS_ERR_CANCELLED, "job %d: kind %d: %s", kind, w.job.err.kind,
                      w.job.err.msg);
        ck_assert_ptr_null(w.job.layout_built);
        ck_assert_uint_eq(w.job.design.n_picks, 0);
    }
    /* Not stopped, the job makes its design and hands back the layout it built. */
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_DESIGN;
    job.ds = ds;
    cs_design_opts_init(&job.design_opts);
    job.design_opts.count = 5;
    tui_job_run(&job);
    ck_assert_msg(job.rc == 0, "%s", job.err.msg);
    ck_assert_uint_eq(job.design.n_picks, 5);
    ck_assert_ptr_nonnull(job.layout_built); /* the job's, handed back */
    assert_layout_of(job.layout_built, ds);
    cs_design_layout_free(job.layout_built);
    cs_design_result_free(&job.design);
    cs_dataset_free(ds);
}
END_TEST

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    Suite *s = suite_create("tui logic");
    TCase *tc = tcase_create("logic");
    tcase_add_test(tc, test_rect_contains_its_cells_only);
    tcase_add_test(tc, test_layout_all_sizes);
    tcase_add_test(tc, test_layout_plot_width_at_every_width);
    tcase_add_test(tc, test_layout_small_and_maximized);
    tcase_add_test(tc, test_view_auto_is_the_plots_x_view);
    tcase_add_test(tc, test_view_zoom_keeps_center);
    tcase_add_test(tc, test_view_clamp_keeps_the_data_in_sight);
    tcase_add_test(tc, test_view_edges);
    tcase_add_test(tc, test_settings_yaml);
    tcase_add_test(tc, test_settings_read_like_the_batch_face);
    tcase_add_test(tc, test_picks_is_a_count_as_the_cli_reads_one);
    tcase_add_test(tc, test_fraction_settings_say_how_to_write_one);
    tcase_add_test(tc, test_split_refused_on_rows_after_the_scheme);
    tcase_add_test(tc, test_settings_deep_nesting_is_refused_at_once);
    tcase_add_test(tc, test_config_roles_and_settings);
    tcase_add_test(tc, test_theme_resolve_by_colors);
    tcase_add_test(tc, test_theme_refuses_what_it_would_drop);
    tcase_add_test(tc, test_shipped_themes);
    tcase_add_test(tc, test_theme_plain_is_builtin_without_colour);
    tcase_add_test(tc, test_theme_not_text_or_not_a_file);
    tcase_add_test(tc, test_compressed_data_in_the_interface);
    tcase_add_test(tc, test_replay_parse);
    tcase_add_test(tc, test_replay_load_whole_or_refused);
    tcase_add_test(tc, test_state_round_trip);
    tcase_add_test(tc, test_state_save);
    tcase_add_test(tc, test_sessions_are_pruned_to_the_newest);
    tcase_add_test(tc, test_prune_keeps_a_session_saved_since_it_was_listed);
    tcase_add_test(tc, test_prune_never_removes_a_session_it_keeps);
    tcase_add_test(tc, test_prune_without_links_keeps_a_newer_save);
    tcase_add_test(tc, test_state_names_files_whole);
    tcase_add_test(tc, test_settings_boundaries);
    tcase_add_test(tc, test_state_of_many_marks_reads_back);
    tcase_add_test(tc, test_state_marks_fill_their_field_exactly);
    tcase_add_test(tc, test_state_lines_read_as_written);
    tcase_add_test(tc, test_state_load_closes_its_file);
    tcase_add_test(tc, test_xdg_paths);
    tcase_add_test(tc, test_cursor_order_matches_a_sort);
    tcase_add_test(tc, test_rows_by_z_puts_nan_last);
    tcase_add_test(tc, test_moved_cut_survives);
    tcase_add_test(tc, test_state_yields_to_an_edited_config);
    tcase_add_test(tc, test_split_steps_are_said);
    tcase_add_test(tc, test_set_scheme_keeps_what_parses);
    tcase_add_test(tc, test_load_keeps_the_journal_message);
    tcase_add_test(tc, test_open_says_the_scores_replayed);
    tcase_add_test(tc, test_load_names_a_journal_score_over_a_newer_file);
    tcase_add_test(tc, test_load_names_the_journal_of_a_renamed_file);
    tcase_add_test(tc, test_first_score_replays_a_new_journal_everywhere);
    tcase_add_test(tc, test_first_score_of_a_new_journal_refits_its_task);
    tcase_add_test(tc, test_score_counts_the_fit_it_stopped);
    tcase_add_test(tc, test_threads_block_all_but_the_faults);
    tcase_add_test(tc, test_journal_place_and_undo_said);
    tcase_add_test(tc, test_undo_says_a_score_from_before);
    tcase_add_test(tc, test_take_in_what_another_capscope_appended);
    tcase_add_test(tc, test_take_in_refits_the_tasks_it_touched);
    tcase_add_test(tc, test_journal_refused_at_load_is_not_tried_again);
    tcase_add_test(tc, test_take_in_says_the_line_it_refuses);
#if ALLOCATOR_RETURNS_NULL
    tcase_add_test(tc, test_take_in_tries_again_after_running_out_of_memory);
#endif
    tcase_add_test(tc, test_undo_said_without_journal);
    tcase_add_test(tc, test_search_follows_a_journal_undo);
    tcase_add_test(tc, test_cursor_edges_are_said);
    tcase_add_test(tc, test_reset_view_on_the_whole_view_is_said);
    tcase_add_test(tc, test_search_next_without_matches_names_the_task);
    tcase_add_test(tc, test_export_under_the_drift_grid_says_the_plot);
    tcase_add_test(tc, test_export_of_a_chosen_name_says_where);
    tcase_add_test(tc, test_export_refuses_a_format_it_cannot_write);
    tcase_add_test(tc, test_load_of_undated_data_closes_the_split);
    tcase_add_test(tc, test_score_says_what_it_replaced);
    tcase_add_test(tc, test_score_held_makes_no_journal);
    tcase_add_test(tc, test_sampler_without_a_boundary_does_not_change_its_prior);
    tcase_add_test(tc, test_sampler_names_the_design_without_a_fit);
    tcase_add_test(tc, test_spent_is_the_journal_models_cost);
    tcase_add_test(tc, test_load_shows_loader_warnings);
    tcase_add_test(tc, test_threads_leave_signals_to_the_loop);
    tcase_add_test(tc, test_worker_stop_cancels_the_fit);
    tcase_add_test(tc, test_app_keeps_one_layout_per_data_set);
    tcase_add_test(tc, test_worker_stop_cancels_the_design);
    tcase_add_test(tc, test_task_job_asks_after_its_fit);
    tcase_add_test(tc, test_rows_by_compute_are_sorted_in_the_worker);
    tcase_add_test(tc, test_coverage_strip_is_weighted_with_the_fit);
    tcase_add_test(tc, test_restore_uses_its_config_or_falls_back);
    tcase_add_test(tc, test_split_words_quoting);
    tcase_add_test(tc, test_model_names_are_quoted_alike);
    tcase_add_test(tc, test_score_edit_refuses_a_repeated_name);
    tcase_add_test(tc, test_score_of_a_row_without_flops_is_said_whole);
    tcase_add_test(tc, test_predict_many_tasks_counts_the_rest);
    tcase_add_test(tc, test_mark_by_name);
    tcase_add_test(tc, test_load_other_name_says_where_scores_are);
    tcase_add_test(tc, test_band_job_stops_when_cancelled);
    tcase_add_test(tc, test_load_keeps_the_task_and_marks_by_name);
    tcase_add_test(tc, test_whole_view_spans_the_suggestions);
    tcase_add_test(tc, test_take_in_says_what_it_skipped_and_why);
    tcase_add_test(tc, test_take_in_names_one_entry);
    tcase_add_test(tc, test_score_without_its_value_asks_for_it);
    tcase_add_test(tc, test_score_model_alone_too_long_for_the_prompt);
    tcase_add_test(tc, test_state_of_a_deleted_file_names_it_absolutely);
    tcase_add_test(tc, test_layout_sampler_holds_the_default_picks);
    tcase_add_test(tc, test_data_file_changed_on_disk_is_said);
    tcase_add_test(tc, test_data_file_replaced_during_its_load_is_said);
    tcase_add_test(tc, test_data_changed_is_said_with_the_journal_taken_in);
    tcase_add_test(tc, test_data_from_a_fifo_is_not_said_to_change);
    tcase_add_test(tc, test_data_file_gone_and_back_unchanged_is_said);
    tcase_add_test(tc, test_data_file_changed_then_gone_is_said);
    tcase_add_test(tc, test_long_data_path_changed_is_hinted);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
