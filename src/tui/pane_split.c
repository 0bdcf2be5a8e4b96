/* pane_split.c - the chronological split: scheme, periods, figures, keys. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/pane.h"

/* A range [lo, hi) as "2024-07-01..09-30" (the end shown inclusive, its
 * year left out when it is the start's), "..2024-06-30" when open below. */
static const char *range_text(int32_t lo, int32_t hi, char *buf, size_t size)
{
    char a[16] = "", b[16] = "";
    if (lo != INT32_MIN)
        cs_format_date(lo, a, sizeof a);
    if (hi != INT32_MAX)
        cs_format_date(hi - 1, b, sizeof b);
    const char *end = b;
    if (a[0] && b[0] && strncmp(a, b, 5) == 0)
        end = b + 5; /* same year */
    snprintf(buf, size, "%s..%s", a, end);
    return buf;
}

static void put(tui_grid *g, tui_rect r, int *y, int role, const char *text)
{
    if (*y < r.y + r.h)
        tui_grid_line(g, r.x + 1, (*y)++, r.w - 1, text, role);
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    char line[256];
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    if (!app->split_on) {
        tui_pane_title(p, g, "off");
        int y = r.y + 1;
        snprintf(line, sizeof line, "scheme %.200s", app->set.scheme);
        put(g, r, &y, CS_STYLE_DEFAULT, line);
        put(g, r, &y, TUI_ROLE_DIM, "s: split view  [ ]: step");
        put(g, r, &y, TUI_ROLE_DIM, ":scheme period4|year|D1,D2");
        return;
    }
    size_t ns = cs_scheme_n_splits(&app->scheme);
    snprintf(line, sizeof line, "%zu of %zu", app->split_k, ns);
    tui_pane_title(p, g, line);
    int y = r.y + 1;
    snprintf(line, sizeof line, "scheme %.200s", app->set.scheme);
    put(g, r, &y, CS_STYLE_DEFAULT, line);
    if (app->split_k >= 1 && app->split_k <= app->scheme.n_splits) {
        const cs_split_range *s = &app->scheme.splits[app->split_k - 1];
        const tui_points *pts = tui_app_points(app);
        char range[48];
        snprintf(line, sizeof line, "train %s", range_text(s->train_lo, s->train_hi, range, sizeof range));
        put(g, r, &y, CS_STYLE_POINT, line);
        snprintf(line, sizeof line, "valid %s", range_text(s->val_lo, s->val_hi, range, sizeof range));
        put(g, r, &y, CS_STYLE_POINT_ALT, line);
        snprintf(line, sizeof line, "n %zu train, %zu valid", pts->n_train, pts->n_val);
        put(g, r, &y, CS_STYLE_DEFAULT, line);
    }
    if (app->split_dirty || app->split_running)
        put(g, r, &y, TUI_ROLE_DIM, "fitting...");
    else if (!app->split_ok)
        put(g, r, &y, TUI_ROLE_ERROR, app->split_err[0] ? app->split_err : "no fit");
    else if (!app->split.fitted)
        put(g, r, &y, TUI_ROLE_DIM, "too few training rows to fit");
    else {
        snprintf(line, sizeof line, "in-sample err %.4f", app->split.is_cov.macro);
        put(g, r, &y, CS_STYLE_DEFAULT, line);
        if (app->split.oos_cov.n_bins && isfinite(app->split.oos_cov.macro)) {
            snprintf(line, sizeof line, "out-of-sample err %.4f", app->split.oos_cov.macro);
            put(g, r, &y, CS_STYLE_DEFAULT, line);
            snprintf(line, sizeof line, "signed %+.4f  bins %zu", app->split.oos_cov.signed_mean,
                     app->split.oos_cov.n_bins);
            put(g, r, &y, app->split.oos_cov.signed_mean < -0.05 ? TUI_ROLE_ERROR : CS_STYLE_DEFAULT, line);
        } else
            put(g, r, &y, TUI_ROLE_DIM, "no out-of-sample bins");
    }
    if (p->focused) {
        put(g, r, &y, TUI_ROLE_DIM, app->utf8 ? "\u2190\u2192 day  \u2193\u2191 week" : "h/l day  j/k week");
        put(g, r, &y, TUI_ROLE_DIM, "PgDn/PgUp month");
    } else
        put(g, r, &y, TUI_ROLE_DIM, "Tab here to scrub the cut");
}

const tui_pane_ops tui_split_pane = {
    .title = "Split",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .depends = TUI_CH_SPLIT | TUI_CH_FIT | TUI_CH_DATA | TUI_CH_LAYOUT | TUI_CH_TASKS,
};
