/* pane_plot.c - the scatter and its boundaries, drawn by the shared canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/pane.h"

static void add_curve(tui_plot_store *st, cs_plot_spec *spec, const cs_fit *f, cs_style style)
{
    if (spec->n_curves >= TUI_PLOT_MAX_CURVES)
        return;
    st->curves[spec->n_curves++] = (cs_plot_curve){ f->p, f->z_min, f->z_max, style };
}

void tui_plot_store_free(tui_plot_store *st)
{
    free(st->mz);
    free(st->my);
    free(st->sz);
    free(st->sy);
    st->mz = st->my = st->sz = st->sy = NULL;
}

void tui_plot_build(tui_app *app, cs_plot_spec *spec, tui_plot_store *st)
{
    memset(st, 0, sizeof *st);
    cs_plot_spec_init(spec);
    spec->series = st->series;
    spec->curves = st->curves;
    spec->unicode_labels = app->charset != CS_CHARSET_ASCII;
    if (!app->ds)
        return;
    const tui_points *p = tui_app_points(app);
    tui_view v = tui_app_view(app);
    spec->x_min = v.x_min;
    spec->x_max = v.x_max;
    spec->y_min = v.y_min;
    spec->y_max = v.y_max;
    const cs_task *task = &app->ds->tasks[app->task];
    if (app->split_on && app->scheme_ok) {
        st->series[spec->n_series++] = (cs_plot_series){ p->tz, p->ty, p->n_train, CS_STYLE_POINT };
        st->series[spec->n_series++] = (cs_plot_series){ p->vz, p->vy, p->n_val, CS_STYLE_POINT_ALT };
    } else
        st->series[spec->n_series++] = (cs_plot_series){ p->z, p->y, p->n, CS_STYLE_POINT };
    /* Suggestions that already have a score for this task (pool "all"). */
    if (app->design_ok && app->design.n_picks) {
        st->sz = malloc(app->design.n_picks * sizeof *st->sz);
        st->sy = malloc(app->design.n_picks * sizeof *st->sy);
        size_t k = 0;
        for (size_t i = 0; st->sz && st->sy && i < app->design.n_picks; i++) {
            size_t row = app->design.picks[i].row;
            if (row < app->ds->n_rows && task->has[row]) {
                st->sz[k] = app->ds->z[row];
                st->sy[k++] = task->y[row];
            }
        }
        if (k)
            st->series[spec->n_series++] = (cs_plot_series){ st->sz, st->sy, k, CS_STYLE_SUGGESTED };
    }
    if (app->n_matches) {
        st->mz = malloc(app->n_matches * sizeof *st->mz);
        st->my = malloc(app->n_matches * sizeof *st->my);
        for (size_t i = 0; st->mz && st->my && i < app->n_matches; i++) {
            size_t idx = p->order[app->matches[i]];
            st->mz[i] = p->z[idx];
            st->my[i] = p->y[idx];
        }
        if (st->mz && st->my)
            st->series[spec->n_series++] = (cs_plot_series){ st->mz, st->my, app->n_matches, CS_STYLE_MATCH };
    }
    /* Other tasks marked for a multi-task view: their boundaries, second colour. */
    for (size_t t = 0; t < app->ds->n_tasks; t++) {
        const cs_fit *f = tui_app_fit(app, t);
        if (t != app->task && app->marked[t] && f)
            add_curve(st, spec, f, CS_STYLE_CURVE_ALT);
    }
    if (app->show_quantiles)
        for (size_t i = 0; i < app->set.n_quantiles; i++)
            if (app->qfit_ok[i] == 1)
                add_curve(st, spec, &app->qfit[i], CS_STYLE_CURVE_ALT);
    if (app->split_on && app->show_other && app->other_ok)
        add_curve(st, spec, &app->other_fit, CS_STYLE_CURVE_ALT);
    const cs_fit *main_fit = NULL;
    if (app->split_on) {
        if (app->split_ok && app->split.fitted)
            main_fit = &app->split.fit;
    } else
        main_fit = tui_app_fit(app, app->task);
    if (main_fit)
        add_curve(st, spec, main_fit, CS_STYLE_CURVE);
    long row = tui_app_cursor_row(app);
    if (row >= 0) {
        spec->cursor_set = 1;
        spec->cursor_z = app->ds->z[row];
        spec->cursor_y = task->y[row];
    }
    char extra[160] = "";
    if (app->split_on && app->scheme_ok)
        snprintf(extra, sizeof extra, "  split %zu: train %zu, validation %zu", app->split_k, p->n_train, p->n_val);
    const tui_taskfit *tf = &app->fits[app->task];
    if (!app->split_on && tf->state == TUI_FIT_FAILED)
        snprintf(extra, sizeof extra, "  no boundary: %.100s", tf->err);
    else if (app->split_on && app->split_ok && !app->split.fitted)
        snprintf(extra + strlen(extra), sizeof extra - strlen(extra), "  (too few to fit)");
    /* The second colour is shared by every overlay: say which are on. */
    char legend[160] = "";
    size_t used = 0;
    if (app->show_quantiles && app->set.n_quantiles) {
        used += (size_t)snprintf(legend + used, sizeof legend - used, "  + q");
        for (size_t i = 0; i < app->set.n_quantiles && used < sizeof legend; i++)
            used += (size_t)snprintf(legend + used, sizeof legend - used, "%s%g", i ? "," : " ", app->set.quantiles[i]);
    }
    if (app->split_on && app->show_other && used < sizeof legend)
        used += (size_t)snprintf(legend + used, sizeof legend - used, "  + validation fit");
    size_t n_marked = 0;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        n_marked += app->marked[t] && t != app->task;
    if (n_marked && used < sizeof legend)
        snprintf(legend + used, sizeof legend - used, "  + %zu marked task%s", n_marked, n_marked > 1 ? "s" : "");
    snprintf(st->title, sizeof st->title, "%s  tau %g  n %zu%s%s", task->name, app->set.tau, p->n, extra, legend);
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    tui_pane_title(p, g, st.title);
    int cols = r.w, rows = r.h - 1;
    if (rows < 1 || cols < 1) {
        tui_plot_store_free(&st);
        return;
    }
    if (!p->canvas || cs_canvas_cols(p->canvas) != cols || cs_canvas_rows(p->canvas) != rows ||
        p->canvas_charset != app->charset) {
        cs_canvas_free(p->canvas);
        p->canvas = cs_canvas_new(cols, rows, (cs_charset)app->charset);
        p->canvas_charset = app->charset;
    }
    if (!p->canvas) {
        tui_plot_store_free(&st);
        return;
    }
    cs_plot_layout lay;
    cs_plot_draw(p->canvas, &spec, &lay);
    tui_grid_blit(g, r.x, r.y + 1, p->canvas);
    p->plot = lay; /* canvas cells; the canvas starts one row below the title */
    tui_plot_store_free(&st);
}

static void resize(tui_pane *p, tui_rect r)
{
    tui_pane_default_resize(p, r);
}

const tui_pane_ops tui_plot_pane = {
    .title = "Plot",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = resize,
    .focus = tui_pane_default_focus,
    .depends = TUI_CH_CURSOR | TUI_CH_VIEW | TUI_CH_FIT | TUI_CH_SPLIT | TUI_CH_DATA | TUI_CH_LAYOUT |
               TUI_CH_TASKS | TUI_CH_DESIGN,
};
