/* pane_drift.c - the drift grid: every task against every split at once.
 *
 * Rows are tasks, columns splits (headed by the first month of the
 * validation period). A cell is the signed out-of-sample error of the
 * boundary fitted on the training period (mean of hat_tau - tau over the
 * validation bins: negative means later models beat the old boundary more
 * often than 1 - tau allows, i.e. the capability advanced), or, as the
 * other metric, dq: how far the boundary fitted on the validation period
 * lies above the training one at the reference compute. Colour by size,
 * sign by its character, so the grid reads in monochrome too.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/pane.h"

void tui_drift_draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    char line[512], title[256];
    int dq = app->drift_metric == TUI_DRIFT_DQ;
    double rz = app->drift_ref_z;
    char ref[24];
    if (fabs(rz - round(rz)) < 1e-9)
        snprintf(ref, sizeof ref, "1e%.0f", rz);
    else
        snprintf(ref, sizeof ref, "%.3g", pow(10, rz));
    snprintf(title, sizeof title, "Drift  %s  tau %g",
             dq ? "dq: validation boundary - training boundary at" : "signed out-of-sample error (hat_tau - tau)", app->set.tau);
    if (dq) {
        size_t used = strlen(title);
        snprintf(title + used, sizeof title - used, " %s", ref);
    }
    if (app->drift_running) {
        size_t used = strlen(title);
        snprintf(title + used, sizeof title - used, "  %zu/%zu (Esc cancels)", app->drift_done, app->drift_total);
    }
    tui_grid_line(g, r.x, r.y, r.w, title, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
    if (!app->ds || !app->drift || r.h < 3)
        return;
    const cs_dataset *ds = app->ds;
    size_t nt = app->drift_nt, ns = app->drift_ns;
    int namew = 4;
    for (size_t t = 0; t < nt; t++)
        if ((int)strlen(ds->tasks[t].name) > namew)
            namew = (int)strlen(ds->tasks[t].name);
    if (namew > 16)
        namew = 16;
    enum { CELL = 8 };
    int y = r.y + 1;
    /* Header: the validation period's first month of each split. */
    int used = snprintf(line, sizeof line, "  %-*s", namew, "task");
    for (size_t k = 0; k < ns && used < (int)sizeof line - CELL; k++) {
        char date[16] = "", head[32];
        int32_t lo = app->drift_scheme.splits[k].val_lo;
        if (lo != INT32_MIN && lo != INT32_MAX)
            cs_format_date(lo, date, sizeof date);
        snprintf(head, sizeof head, "%zu:%.5s", k + 1, date[0] ? date + 2 : "");
        used += snprintf(line + used, sizeof line - used, " %*s", CELL - 1, head);
    }
    tui_grid_line(g, r.x, y++, r.w, line, TUI_ROLE_HEADER);
    int rows = r.y + r.h - y - 1;
    /* Keep the current task in view when there are more tasks than rows. */
    size_t first = rows > 0 && app->task >= (size_t)rows ? app->task - (size_t)rows + 1 : 0;
    for (size_t t = first; t < nt && (int)(t - first) < rows; t++, y++) {
        snprintf(line, sizeof line, "%c %-*.*s", t == app->task ? '>' : ' ', namew, namew, ds->tasks[t].name);
        tui_grid_line(g, r.x, y, r.w, line, t == app->task ? TUI_ROLE_SELECTED : CS_STYLE_DEFAULT);
        int x = r.x + 2 + namew;
        for (size_t k = 0; k < ns && x + CELL <= r.x + r.w; k++, x += CELL) {
            const tui_drift_cell *c = &app->drift[t * ns + k];
            char cell[32];
            int role = TUI_ROLE_DIM;
            switch (c->state) {
            case TUI_DRIFT_OK: {
                double v = dq ? c->dq : c->signed_err;
                if (isfinite(v)) {
                    snprintf(cell, sizeof cell, "%+.3f", v);
                    /* An error of 0.05 and a rise of 0.05 in accuracy are both large. */
                    role = tui_coverage_role(fabs(v));
                } else
                    snprintf(cell, sizeof cell, "n/a");
                break;
            }
            case TUI_DRIFT_EMPTY: snprintf(cell, sizeof cell, "few"); break;
            case TUI_DRIFT_FAILED: snprintf(cell, sizeof cell, "fail"); role = TUI_ROLE_ERROR; break;
            case TUI_DRIFT_CANCELLED: snprintf(cell, sizeof cell, "-"); break;
            default: snprintf(cell, sizeof cell, "..."); break;
            }
            char text[40];
            snprintf(text, sizeof text, " %*s", CELL - 1, cell);
            tui_grid_text(g, x, y, CELL, text, role);
        }
    }
    if (y < r.y + r.h)
        tui_grid_line(g, r.x, r.y + r.h - 1, r.w,
                      dq ? " + the boundary rose (advancing); few: too few rows; D: next view"
                         : " - later models beat the boundary (advancing); n/a: no overlap; D: next view",
                      TUI_ROLE_DIM);
}
