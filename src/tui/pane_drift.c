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
#include <stdlib.h>
#include <string.h>

#include "capscope/dataset.h"
#include "capscope/number.h"
#include "tui/pane.h"

/* The title, in the longest form that fits: what the cells hold, the
 * quantile, the progress. */
static void draw_title(tui_pane *p, tui_app *app, tui_grid *g)
{
    int dq = app->drift_metric == TUI_DRIFT_DQ;
    char ref[24];
    tui_ref_text(app->drift_ref_z, ref, sizeof ref);
    char what[3][128];
    if (dq) {
        snprintf(what[0], sizeof what[0], "dq at %s: validation boundary - training boundary", ref);
        snprintf(what[1], sizeof what[1], "dq at %s (valid - train boundary)", ref);
        snprintf(what[2], sizeof what[2], "dq at %s", ref);
    } else {
        snprintf(what[0], sizeof what[0], "signed out-of-sample error (hat_tau - tau)");
        snprintf(what[1], sizeof what[1], "error (hat_tau - tau)");
        snprintf(what[2], sizeof what[2], "error");
    }
    char progress[2][64] = { "", "" };
    if (app->drift_running) {
        snprintf(progress[0], sizeof progress[0], "  %zu/%zu (Esc cancels)", app->drift_done, app->drift_total);
        snprintf(progress[1], sizeof progress[1], "  %zu/%zu", app->drift_done, app->drift_total);
    }
    /* Narrower than every named form, the pane's name goes before what the
     * cells hold, then the quantile: never half a number ("tau 0" of 0.98). */
    char title[256], t[CS_NUMBER_TEXT];
    cs_number_text(app->set.tau, t);
    for (int k = 0; k < 8; k++) {
        if (k < 6)
            snprintf(title, sizeof title, "Drift  %s  tau %s%s", what[k / 2], t, progress[k % 2]);
        else if (k == 6)
            snprintf(title, sizeof title, "%s  tau %s", what[2], t);
        else
            snprintf(title, sizeof title, "%s", what[2]);
        if (tui_grid_width(g, title) <= p->rect.w)
            break;
    }
    tui_grid_line(g, p->rect.x, p->rect.y, p->rect.w, title, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
}

/* Append part to line, two blanks after what is there, if the whole line
 * then fits in w columns; else leave line as it was. 1 if appended. */
static int append_whole(const tui_grid *g, char *line, size_t size, int w, const char *part)
{
    size_t len = strlen(line);
    snprintf(line + len, size - len, "%s%s", len > 1 ? "  " : "", part);
    if (tui_grid_width(g, line) <= w)
        return 1;
    line[len] = '\0';
    return 0;
}

/* What cell (t, k) shows, and in which role. */
static const char *cell_text(const tui_app *app, size_t t, size_t k, char *buf, size_t size, int *role)
{
    const tui_drift_cell *c = &app->drift[t * app->drift_ns + k];
    *role = TUI_ROLE_DIM;
    switch (c->state) {
    case TUI_DRIFT_OK: {
        int dq = app->drift_metric == TUI_DRIFT_DQ;
        double v = dq ? c->dq : c->signed_err;
        /* No later row, or (dq) too few for a later boundary: "few", as
         * capscope splits' note says; "n/a: no overlap" sent the user
         * looking for a compute range the later models do not share. */
        if (!isfinite(v))
            return c->val_n == 0 || (dq && c->val_n < CS_MIN_TASK_ROWS) ? "few" : "n/a";
        snprintf(buf, size, "%+.3f", v);
        /* An error of 0.05 and a rise of 0.05 in accuracy are both large. */
        *role = tui_coverage_role(fabs(v));
        return buf;
    }
    case TUI_DRIFT_EMPTY: return "few";
    case TUI_DRIFT_FAILED: *role = TUI_ROLE_ERROR; return "fail";
    case TUI_DRIFT_CANCELLED: return "-";
    default: return "...";
    }
}

void tui_drift_draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    /* Names take 16 columns, or up to NAME_MAX when every split's column
     * still shows beside them: a wide terminal cut them for nothing. */
    enum { NAME_MIN = 16, NAME_MAX = 48 };
    char line[512], name[4 * NAME_MAX + 8];
    int dq = app->drift_metric == TUI_DRIFT_DQ;
    draw_title(p, app, g);
    if (!app->ds || !app->drift || r.h < 3)
        return;
    const cs_dataset *ds = app->ds;
    size_t nt = app->drift_nt, ns = app->drift_ns;
    int namew = 4;
    for (size_t t = 0; t < nt; t++) {
        int w = tui_grid_width(g, ds->tasks[t].name);
        namew = w > namew ? w : namew;
    }
    /* Columns are headed by the validation period's first month. Head and
     * cells share one width, the widest of either, so "10:23-12" stays over
     * its values however many splits there are. */
    char (*head)[32] = calloc(ns ? ns : 1, sizeof *head);
    if (!head)
        return;
    int cellw = 6; /* "+0.123" */
    for (size_t k = 0; k < ns; k++) {
        char date[16] = "";
        int32_t lo = app->drift_scheme.splits[k].val_lo;
        if (lo != INT32_MIN && lo != INT32_MAX)
            cs_format_date(lo, date, sizeof date);
        snprintf(head[k], sizeof head[k], "%zu:%.5s", k + 1, date[0] ? date + 2 : "");
        int w = (int)strlen(head[k]);
        cellw = w > cellw ? w : cellw;
    }
    cellw++; /* the gap before each column */
    /* the task rows, under the title and the head, above the bottom line;
     * their marks take the last column (after a blank) when they do not all fit */
    int rows = r.h - 3, w = tui_list_width(r.w, rows, (long)nt);
    int room = w - 2 - (int)ns * cellw;
    if (namew > NAME_MAX)
        namew = NAME_MAX;
    if (namew > NAME_MIN && namew > room)
        namew = room > NAME_MIN ? room : NAME_MIN;
    /* A pane too narrow for NAME_MIN and a column (the plot's 19 at 40
     * terminal columns): the names give up what one column needs, or the
     * column counted as shown falls past the edge, and the name's tail with it. */
    if (namew > w - 2 - cellw)
        namew = w - 2 - cellw > 4 ? w - 2 - cellw : 4;
    int x0 = r.x + 2 + namew, fit = (r.x + w - x0) / cellw;
    fit = fit < 1 ? 1 : fit > (int)ns ? (int)ns : fit;
    /* Scroll sideways to keep the split [ and ] step to in view, and never
     * leave room unused at the end after a resize. */
    int sel = app->split_on && app->split_k >= 1 && app->split_k <= ns ? (int)app->split_k - 1 : -1;
    if (sel >= 0 && sel < p->left)
        p->left = sel;
    if (sel >= p->left + fit)
        p->left = sel - fit + 1;
    if (p->left > (int)ns - fit)
        p->left = (int)ns - fit;
    if (p->left < 0)
        p->left = 0;
    size_t first_k = (size_t)p->left, end_k = first_k + (size_t)fit;
    int y = r.y + 1;
    snprintf(line, sizeof line, "  %s", tui_grid_fit(g, "task", namew, 0, name, sizeof name));
    tui_grid_line(g, r.x, y, r.w, line, TUI_ROLE_HEADER);
    for (size_t k = first_k; k < end_k; k++) {
        snprintf(line, sizeof line, "%*s", cellw, head[k]);
        int x = x0 + (int)(k - first_k) * cellw;
        tui_grid_text(g, x, y, r.x + r.w - x, line, TUI_ROLE_HEADER);
        if ((int)k == sel) /* the split the plot and the split pane show */
            tui_grid_text(g, x + cellw - (int)strlen(head[k]), y, r.x + r.w - x, head[k], TUI_ROLE_SELECTED);
    }
    free(head);
    y++;
    /* Keep the current task in view when there are more tasks than rows. */
    size_t first = (size_t)tui_list_top(0, (long)app->task, rows, (long)nt);
    tui_list_marks(g, tui_pane_ascii(app, g), r.x + r.w - 1, y, rows, (long)first, (long)nt);
    for (size_t t = first; t < nt && (int)(t - first) < rows; t++, y++) {
        snprintf(line, sizeof line, "%c %s", t == app->task ? '>' : ' ',
                 tui_grid_fit(g, ds->tasks[t].name, namew, TUI_FIT_MIDDLE, name, sizeof name));
        tui_grid_line(g, r.x, y, w, line, t == app->task ? TUI_ROLE_SELECTED : CS_STYLE_DEFAULT);
        for (size_t k = first_k; k < end_k; k++) {
            char buf[32], text[48];
            int role, x = x0 + (int)(k - first_k) * cellw;
            snprintf(text, sizeof text, "%*s", cellw, cell_text(app, t, k, buf, sizeof buf, &role));
            tui_grid_text(g, x, y, r.x + w - x, text, role);
        }
    }
    if (y >= r.y + r.h)
        return;
    /* The bottom line, by whole parts while they fit: the columns out of
     * view, the keys that reach them, then what the signs mean in the
     * longest form that fits; a part that does not fit goes whole, never
     * cut mid-word ("[ ]: ste"). */
    int ascii = tui_pane_ascii(app, g);
    char part[64];
    snprintf(line, sizeof line, " ");
    int marks = 0;
    if (first_k > 0) {
        snprintf(part, sizeof part, "%s %zu more", ascii ? "<" : "\u2039", first_k);
        marks += append_whole(g, line, sizeof line, r.w, part);
    }
    if (end_k < ns) {
        snprintf(part, sizeof part, "%s %zu more", ascii ? ">" : "\u203a", ns - end_k);
        marks += append_whole(g, line, sizeof line, r.w, part);
    }
    if (marks)
        append_whole(g, line, sizeof line, r.w, "[ ]: step");
    /* What n/a and few mean, said only where a cell shows them: the dq
     * view's n/a (the reference compute outside what both periods share)
     * went unexplained while its legend explained a few no cell showed. */
    int na = 0, few = 0;
    for (size_t t = 0; t < nt; t++)
        for (size_t k = 0; k < ns; k++) {
            char cell[32];
            int role;
            const char *text = cell_text(app, t, k, cell, sizeof cell, &role);
            few |= strcmp(text, "few") == 0;
            na |= strcmp(text, "n/a") == 0;
        }
    static const char *const sign[2][3] = {
        { "- later models beat the boundary (advancing)", "- later models beat the boundary", "- advancing" },
        { "+ the boundary rose (advancing)", "+ the boundary rose", "+ advancing" },
    };
    enum { NA = 1, FEW = 2, NEXT = 4 };
    /* What n/a and few mean comes before the sign's longer words: at 80
     * columns "- later models beat the boundary; n/a: no overlap" is one
     * too wide, and the n/a shown went unsaid. A form asking for them when
     * no cell shows either is passed over: a later one says the same. */
    static const struct {
        int sign, parts;
    } form[] = { { 0, NA | FEW | NEXT }, { 1, NA | FEW }, { 1, NA },  { 2, NA | FEW },
                 { 2, NA },              { 1, 0 },       { 2, 0 } };
    for (size_t i = 0; i < sizeof form / sizeof *form; i++) {
        int parts = form[i].parts & ((na ? NA : 0) | (few ? FEW : 0) | NEXT);
        if (form[i].parts && !parts)
            continue;
        char legend[160];
        snprintf(legend, sizeof legend, "%s%s%s%s", sign[dq][form[i].sign],
                 parts & NA ? "; n/a: no overlap" : "",
                 parts & FEW ? "; few: too few rows" : "", parts & NEXT ? "; D: next view" : "");
        if (append_whole(g, line, sizeof line, r.w, legend))
            break;
    }
    tui_grid_line(g, r.x, r.y + r.h - 1, r.w, line, TUI_ROLE_DIM);
}
