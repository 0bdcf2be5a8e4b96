/* pane_sampler.c - the sampler's suggestions: which models to evaluate next. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/pane.h"

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    char line[512];
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    if (!app->ds) {
        tui_pane_title(p, g, NULL);
        return;
    }
    const cs_design_result *d = &app->design;
    if (app->design_ok) {
        double left = isfinite(d->budget) ? d->budget - d->used : NAN;
        snprintf(line, sizeof line, "budget %.4g  used %.4g  left %.4g  (%s)", d->budget, d->used, left,
                 app->set.pool_all ? "all rows" : "unscored rows");
    } else
        snprintf(line, sizeof line, "pool %s", app->set.pool_all ? "all" : "unscored");
    tui_pane_title(p, g, line);
    int y = r.y + 1;
    if (app->design_dirty || app->design_running) {
        tui_grid_line(g, r.x + 1, y, r.w - 1, "waiting for the fits...", TUI_ROLE_DIM);
        return;
    }
    if (!app->design_ok) {
        tui_grid_line(g, r.x + 1, y, r.w - 1, app->design_err[0] ? app->design_err : "no design", TUI_ROLE_ERROR);
        return;
    }
    if (d->n_picks == 0) {
        tui_grid_line(g, r.x + 1, y++, r.w - 1,
                      app->set.pool_all ? "no candidate fits the budget"
                                        : "every model is scored: nothing to suggest (:pool all designs from scratch)",
                      TUI_ROLE_DIM);
        return;
    }
    /* rank(4) name cost(8) z(7) gain(9): the gain goes first when narrow. */
    int gain = r.w >= 60;
    int namew = r.w - 4 - 8 - 7 - (gain ? 9 : 0) - 1;
    if (namew < 8)
        namew = 8;
    snprintf(line, sizeof line, "%3s %-*s %7s %6s%s", "#", namew, "model", "cost", "z", gain ? "     gain" : "");
    tui_grid_line(g, r.x, y++, r.w, line, TUI_ROLE_HEADER);
    int rows = r.y + r.h - y;
    if (rows <= 0)
        return;
    if ((long)app->pick_sel < p->top)
        p->top = (int)app->pick_sel;
    if ((long)app->pick_sel >= p->top + rows)
        p->top = (int)app->pick_sel - rows + 1;
    for (int i = 0; i < rows; i++) {
        size_t k = (size_t)(p->top + i);
        if (k >= d->n_picks)
            break;
        const cs_pick *pk = &d->picks[k];
        const char *name = pk->row < app->ds->n_rows ? app->ds->model[pk->row] : "?";
        snprintf(line, sizeof line, "%3zu %-*.*s %7.4g %6.2f", pk->rank, namew, namew, name, pk->cost, pk->z);
        if (gain) {
            size_t used = strlen(line);
            snprintf(line + used, sizeof line - used, " %8.3g", pk->gain);
        }
        tui_grid_line(g, r.x, y + i, r.w, line,
                      k == app->pick_sel && p->focused ? TUI_ROLE_SELECTED : CS_STYLE_SUGGESTED);
    }
}

const tui_pane_ops tui_sampler_pane = {
    .title = "Sampler",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .depends = TUI_CH_DESIGN | TUI_CH_DATA | TUI_CH_LAYOUT | TUI_CH_TASKS | TUI_CH_FIT,
};
