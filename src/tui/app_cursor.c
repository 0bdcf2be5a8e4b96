/* app_cursor.c - the current task's points, the cursor over them, the
 * search of their model names, the view, and what the status line says of
 * the point under the cursor.
 *
 * Apart from loading and the background work because all of it is one
 * structure (tui_points and its cursor order) read on the input thread:
 * gathered on demand, ordered only once the cursor or a search needs it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app_internal.h"
#include "tui/cursor.h"

void tui_app_points_free(tui_points *p)
{
    free(p->z);
    free(p->y);
    free(p->rows);
    free(p->order);
    free(p->pos);
    free(p->tz);
    free(p->ty);
    free(p->vz);
    free(p->vy);
    memset(p, 0, sizeof *p);
}

/* The rows by compute when they are sorted already, else NULL. */
const size_t *tui_app_rows_by_z_ready(const tui_app *app)
{
    return app->zorder && app->zorder_n == app->ds->n_rows ? app->zorder : NULL;
}

/* The rows by compute, built once per data set and shared by the tasks'
 * cursor orders (cursor.h), in the worker too: it lives until the data set
 * is unloaded, and the worker is stopped first. The first task job sorts
 * them in the worker (worker.h); this sorts them here only when the cursor
 * needs an order before that job is done. */
const size_t *tui_app_rows_by_z(tui_app *app)
{
    size_t n = app->ds->n_rows;
    if (app->zorder && app->zorder_n == n)
        return app->zorder;
    free(app->zorder);
    app->zorder = tui_rows_by_z(app->ds);
    app->zorder_n = app->zorder ? n : 0;
    return app->zorder;
}

/* order: the points by (z, y, index); pos its inverse. */
/* The cursor order of the points: the worker's, sorted with the task's fit,
 * when it has come; else sorted here, O(n log n) on this thread. Its
 * inverse waits until a search needs it: scattering a million positions
 * was a fifth of a task switch (3 ms), which needs none. */
static int order_points(tui_app *app, tui_points *p)
{
    const tui_taskfit *tf = &app->fits[app->task];
    p->pos_ready = 0; /* pos is the sort's scratch below, and order changes */
    if (tf->order && tf->n_order == p->n) {
        memcpy(p->order, tf->order, p->n * sizeof *p->order);
    } else {
        const size_t *zorder = tui_app_rows_by_z(app);
        if (!zorder || tui_cursor_order(zorder, app->ds->n_rows, app->ds->tasks[app->task].has,
                                        p->z, p->y, p->n, p->order, p->pos) < 0)
            return -1;
    }
    p->ordered = 1;
    return 0;
}

/* The position of every point in the cursor order. */
static void position_all(tui_points *p)
{
    if (p->pos_ready)
        return;
    for (size_t q = 0; q < p->n; q++)
        p->pos[p->order[q]] = q;
    p->pos_ready = 1;
}

/* The position of point i in the cursor order: a scan of the order (one
 * read of it) when the inverse is not there, rather than building it. */
static size_t position_of(const tui_points *p, size_t i)
{
    if (p->pos_ready)
        return p->pos[i];
    size_t q = 0;
    while (q < p->n && p->order[q] != i)
        q++;
    return q;
}

/* The points with their cursor order, for what moves or finds the cursor. */
static const tui_points *ordered_points(tui_app *app)
{
    tui_app_points(app);
    tui_points *p = &app->pts;
    if (p->valid && !p->ordered && order_points(app, p) < 0)
        tui_app_points_free(p);
    return p;
}

const tui_points *tui_app_points(tui_app *app)
{
    tui_points *p = &app->pts;
    if (!app->ds)
        return p;
    if (p->valid && p->task == app->task)
        return p;
    size_t n = app->ds->n_rows;
    /* Only the split subsets changed: keep the sorted points. */
    int reuse = p->task == app->task && p->z && !p->scores_changed && p->n == app->ds->tasks[app->task].n_scored;
    p->scores_changed = 0;
    if (!reuse) {
        /* The arrays are sized by the data set, not the task: reuse them. */
        if (!p->z || p->cap != n + 1) {
            tui_app_points_free(p);
            p->z = malloc((n + 1) * sizeof *p->z);
            p->y = malloc((n + 1) * sizeof *p->y);
            p->rows = malloc((n + 1) * sizeof *p->rows);
            p->order = malloc((n + 1) * sizeof *p->order);
            p->pos = malloc((n + 1) * sizeof *p->pos);
            p->cap = n + 1;
        }
        if (!p->z || !p->y || !p->rows || !p->order || !p->pos) {
            tui_app_points_free(p);
            return p;
        }
        p->n = cs_dataset_task_xy(app->ds, app->task, NULL, p->z, p->y, p->rows);
        p->z_lo = INFINITY;
        p->z_hi = -INFINITY;
        for (size_t i = 0; i < p->n; i++) {
            if (p->z[i] < p->z_lo)
                p->z_lo = p->z[i];
            if (p->z[i] > p->z_hi)
                p->z_hi = p->z[i];
        }
        /* Sorting a million points here took 130 ms of a key that only
         * switched the task while its fit (which sorts them in the worker)
         * ran: the order waits until the cursor or a search needs it. */
        const tui_taskfit *tf = &app->fits[app->task];
        p->ordered = p->pos_ready = 0;
        if (((tf->order && tf->n_order == p->n) || app->cursor >= 0 || app->search[0]) &&
            order_points(app, p) < 0) {
            tui_app_points_free(p);
            return p;
        }
    }
    p->task = app->task;
    p->n_train = p->n_val = 0;
    if (app->split_on && app->scheme_ok && tui_app_split_masks(app) == 0) {
        if (!p->tz) {
            p->tz = malloc((n + 1) * sizeof *p->tz);
            p->ty = malloc((n + 1) * sizeof *p->ty);
            p->vz = malloc((n + 1) * sizeof *p->vz);
            p->vy = malloc((n + 1) * sizeof *p->vy);
        }
        if (p->tz && p->ty && p->vz && p->vy)
            for (size_t i = 0; i < p->n; i++) {
                size_t r = p->rows[i];
                if (app->train[r]) {
                    p->tz[p->n_train] = p->z[i];
                    p->ty[p->n_train++] = p->y[i];
                } else if (app->val[r]) {
                    p->vz[p->n_val] = p->z[i];
                    p->vy[p->n_val++] = p->y[i];
                }
            }
    }
    p->valid = 1;
    app->pts_generation++;
    if (app->cursor >= (long)p->n)
        app->cursor = p->n ? (long)p->n - 1 : -1;
    return p;
}

long tui_app_cursor_row(const tui_app *app)
{
    const tui_points *p = &app->pts;
    if (app->cursor < 0 || !p->valid || (size_t)app->cursor >= p->n)
        return -1;
    return (long)p->rows[p->order[app->cursor]];
}

/* First position in order with z > zv (upper bound) or z >= zv (lower bound). */
static size_t bound(const tui_points *p, double zv, int upper)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        double z = p->z[p->order[mid]];
        if (upper ? z <= zv : z < zv)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* In the column [lo, hi) (same z, sorted by y), the position nearest in y. */
static size_t nearest_in_column(const tui_points *p, size_t lo, size_t hi, double yv)
{
    size_t a = lo, b = hi;
    while (a < b) {
        size_t mid = a + (b - a) / 2;
        if (p->y[p->order[mid]] < yv)
            a = mid + 1;
        else
            b = mid;
    }
    if (a >= hi)
        return hi - 1;
    if (a > lo && fabs(p->y[p->order[a - 1]] - yv) <= fabs(p->y[p->order[a]] - yv))
        return a - 1;
    return a;
}

static void keep_cursor_visible(tui_app *app)
{
    if (!app->view.manual || app->cursor < 0)
        return;
    const tui_points *p = &app->pts;
    size_t i = p->order[app->cursor];
    if (tui_view_contains(&app->view, p->z[i], p->y[i]))
        return;
    double w = app->view.x_max - app->view.x_min, h = app->view.y_max - app->view.y_min;
    if (p->z[i] < app->view.x_min || p->z[i] > app->view.x_max) {
        app->view.x_min = p->z[i] - w / 2;
        app->view.x_max = p->z[i] + w / 2;
    }
    if (p->y[i] < app->view.y_min || p->y[i] > app->view.y_max) {
        app->view.y_min = p->y[i] - h / 2;
        app->view.y_max = p->y[i] + h / 2;
    }
}

unsigned tui_app_cursor_move(tui_app *app, int dx, int dy)
{
    const tui_points *p = ordered_points(app);
    if (p->n == 0)
        return TUI_CH_NONE;
    if (app->cursor < 0) {
        /* First move: start at the best point of the highest compute, where the boundary matters. */
        app->cursor = (long)p->n - 1;
        return TUI_CH_CURSOR | TUI_CH_STATUS;
    }
    size_t start = (size_t)app->cursor, pos = start, i = p->order[pos];
    double z = p->z[i], y = p->y[i];
    if (dx > 0) {
        size_t lo = bound(p, z, 1);
        if (lo < p->n)
            pos = nearest_in_column(p, lo, bound(p, p->z[p->order[lo]], 1), y);
    } else if (dx < 0) {
        size_t first = bound(p, z, 0);
        if (first > 0) {
            double zp = p->z[p->order[first - 1]];
            pos = nearest_in_column(p, bound(p, zp, 0), first, y);
        }
    } else if (dy > 0) {
        if (pos + 1 < p->n && p->z[p->order[pos + 1]] == z)
            pos++;
    } else if (dy < 0) {
        if (pos > 0 && p->z[p->order[pos - 1]] == z)
            pos--;
    }
    app->cursor = (long)pos;
    unsigned ch = TUI_CH_CURSOR | TUI_CH_STATUS;
    /* A move past the data's edge says where the cursor is, as the task
     * list's and the sampler's keys do: the status line kept naming the
     * same point, which read as a missed keypress. */
    if (pos == start && (dx || dy))
        tui_app_msg(app, 0, "already at the %s", dx > 0   ? "highest compute of the task"
                                                 : dx < 0 ? "lowest compute of the task"
                                                 : dy > 0 ? "highest score at this compute"
                                                          : "lowest score at this compute");
    tui_view before = app->view;
    keep_cursor_visible(app);
    if (memcmp(&before, &app->view, sizeof before) != 0)
        ch |= TUI_CH_VIEW;
    return ch;
}

unsigned tui_app_cursor_nearest(tui_app *app, double z, double y)
{
    const tui_points *p = ordered_points(app);
    tui_view v = tui_app_view(app);
    double sx = v.x_max - v.x_min, sy = v.y_max - v.y_min, best = INFINITY;
    long bi = -1;
    if (!(sx > 0) || !(sy > 0))
        return TUI_CH_NONE;
    for (size_t i = 0; i < p->n; i++) {
        double dz = (p->z[i] - z) / sx, dyv = (p->y[i] - y) / sy, d = dz * dz + dyv * dyv;
        if (d < best) {
            best = d;
            bi = (long)i;
        }
    }
    if (bi < 0)
        return TUI_CH_NONE;
    app->cursor = (long)position_of(p, (size_t)bi);
    return TUI_CH_CURSOR | TUI_CH_STATUS;
}

int tui_app_cursor_to_row(tui_app *app, size_t row)
{
    const tui_points *p = ordered_points(app);
    for (size_t i = 0; i < p->n; i++)
        if (p->rows[i] == row) {
            app->cursor = (long)position_of(p, i);
            keep_cursor_visible(app);
            return 1;
        }
    return 0;
}

/* Case-insensitive substring test (names fold by cs_ascii_lower, as the
 * batch commands fold them); needle is already folded. Hand-rolled: strncasecmp at every
 * position goes through the locale and made a search of a million names
 * take most of 100 ms. */
static int contains_nocase(const char *hay, const char *needle, size_t n)
{
    if (n == 0)
        return 1;
    unsigned char first = (unsigned char)needle[0];
    for (const unsigned char *h = (const unsigned char *)hay; *h; h++) {
        if (cs_ascii_lower(*h) != first)
            continue;
        size_t k = 1;
        while (k < n && h[k] && cs_ascii_lower(h[k]) == (unsigned char)needle[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

size_t tui_app_search_rows(const tui_app *app, const char *text, long *first, size_t *unscored)
{
    const cs_dataset *ds = app->ds;
    char needle[sizeof app->search];
    size_t len = strlen(text), n = 0;
    *first = -1;
    *unscored = 0;
    if (!ds || len == 0 || len >= sizeof needle)
        return 0;
    for (size_t k = 0; k <= len; k++)
        needle[k] = (char)cs_ascii_lower((unsigned char)text[k]);
    for (size_t i = 0; i < ds->n_rows; i++)
        if (contains_nocase(ds->model[i], needle, len)) {
            if (*first < 0)
                *first = (long)i;
            n++;
            *unscored += !ds->tasks[app->task].has[i];
        }
    return n;
}

size_t tui_app_search(tui_app *app, const char *text)
{
    ordered_points(app);
    tui_points *p = &app->pts;
    free(app->matches);
    app->matches = NULL;
    app->n_matches = app->match_pos = 0;
    /* text is the search itself when a search is found again among new
     * points (a task changed, a score): copied onto itself, snprintf empties it. */
    if (text != app->search)
        snprintf(app->search, sizeof app->search, "%s", text);
    if (!*app->search || p->n == 0)
        return 0;
    app->matches = malloc(p->n * sizeof *app->matches);
    if (!app->matches)
        return 0;
    position_all(p);
    char needle[sizeof app->search];
    size_t len = strlen(app->search);
    for (size_t k = 0; k <= len; k++)
        needle[k] = (char)cs_ascii_lower((unsigned char)app->search[k]);
    for (size_t i = 0; i < p->n; i++)
        if (contains_nocase(app->ds->model[p->rows[i]], needle, len))
            app->matches[app->n_matches++] = p->pos[i];
    qsort(app->matches, app->n_matches, sizeof *app->matches, cmp_size);
    return app->n_matches;
}

tui_view tui_app_view(tui_app *app)
{
    if (app->view.manual)
        return app->view;
    const tui_points *p = tui_app_points(app);
    double lo = p->n ? p->z_lo : INFINITY, hi = p->n ? p->z_hi : -INFINITY;
    /* The suggestions too: an unscored one has no point, only its rank
     * under the axis, and the sampler's first picks are often at a compute
     * no score of the task has yet (the first model of a base there). */
    for (size_t i = 0; app->ds && app->design_ok && i < app->design.n_picks; i++) {
        size_t row = app->design.picks[i].row;
        double z = row < app->ds->n_rows ? app->ds->z[row] : NAN;
        if (isfinite(z)) {
            lo = z < lo ? z : lo;
            hi = z > hi ? z : hi;
        }
    }
    tui_view v;
    if (lo <= hi)
        tui_view_auto(&v, lo, hi);
    else
        tui_view_auto(&v, 21, 25);
    return v;
}

int tui_app_cursor_parts(const tui_app *app, tui_cursor_parts *out)
{
    long row = tui_app_cursor_row(app);
    if (row < 0 || (app->drift_on && !app->help))
        return -1;
    const cs_dataset *ds = app->ds;
    out->model = ds->model[row];
    out->task = ds->tasks[app->task].name;
    snprintf(out->score, sizeof out->score, "%.4f", ds->tasks[app->task].y[row]);
    snprintf(out->flops, sizeof out->flops, "%.3g", ds->flops[row]);
    snprintf(out->date, sizeof out->date, "no date");
    if (ds->date[row] != CS_NO_DATE)
        cs_format_date(ds->date[row], out->date, sizeof out->date);
    out->base = ds->base_model && ds->base_model[row][0] ? ds->base_model[row] : "unknown";
    if (strcmp(out->base, ds->model[row]) == 0)
        out->base = "(itself)";
    return 0;
}

const char *tui_app_cursor_text(const tui_app *app, char *buf, size_t size)
{
    tui_cursor_parts c;
    if (tui_app_cursor_parts(app, &c) < 0) {
        tui_scope s = tui_app_key_scope(app, tui_app_scope(app));
        snprintf(buf, size, "%s",
                 !app->ds                                                         ? ""
                 : s == TUI_SCOPE_SPLIT && !app->split_on                         ? tui_split_off_hint()
                 : s == TUI_SCOPE_SPLIT && app->scheme.kind == CS_SCHEME_ROLLING ? tui_split_rolling_hint()
                                                                                  : tui_scope_hint(s));
        return buf;
    }
    /* The score and compute first: they survive a narrow status line. */
    snprintf(buf, size, "%s  %s %s  %s FLOPs  %s  base %s", c.model, c.task, c.score, c.flops, c.date, c.base);
    return buf;
}
