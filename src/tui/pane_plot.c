/* pane_plot.c - the scatter and its boundaries, drawn by the shared canvas. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/number.h"
#include "tui/pane.h"

static void add_curve(tui_plot_store *st, cs_plot_spec *spec, const cs_fit *f, cs_style style,
                      const char *label)
{
    if (spec->n_curves >= TUI_PLOT_MAX_CURVES)
        return;
    st->curves[spec->n_curves++] = (cs_plot_curve){ f->p, f->z_min, f->z_max, style, label };
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
    st->marked_part = -1;
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
    /* The task's points change only when they are gathered again; the
     * series after them (suggestions, matches) are drawn every time. */
    spec->points_key = app->pts_generation;
    spec->n_kept_series = spec->n_series;
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
        if (t != app->task && app->marked[t] && f) {
            add_curve(st, spec, f, CS_STYLE_CURVE_ALT, app->ds->tasks[t].name);
            st->n_marked_curves = spec->n_curves;
        }
    }
    if (app->show_quantiles)
        for (size_t i = 0; i < app->set.n_quantiles; i++)
            if (app->qfit_ok[i] == 1) {
                /* As given, as the title's "+ q" list: %g said 0.9999999 as "q 1". */
                char level[CS_NUMBER_TEXT];
                snprintf(st->qlabel[i], sizeof st->qlabel[i], "q %s", cs_number_text(app->set.quantiles[i], level));
                add_curve(st, spec, &app->qfit[i], CS_STYLE_CURVE_ALT, st->qlabel[i]);
            }
    if (app->split_on && app->show_other && app->other_ok) {
        add_curve(st, spec, &app->other_fit, CS_STYLE_CURVE_ALT, "valid"); /* shares the overlays' colour */
        /* The gap between the two periods' boundaries, where both are backed by data. */
        if (app->split_ok && app->split.fitted) {
            const cs_fit *a = &app->split.fit, *b = &app->other_fit;
            double lo = fmax(a->z_min, b->z_min), hi = fmin(a->z_max, b->z_max);
            if (lo < hi) {
                st->bands[0] = (cs_plot_band){ a->p, b->p, lo, hi, CS_STYLE_BAND };
                spec->bands = st->bands;
                spec->n_bands = 1;
            }
        }
    }
    const cs_fit *main_fit = NULL;
    if (app->split_on) {
        if (app->split_ok && app->split.fitted)
            main_fit = &app->split.fit;
    } else
        main_fit = tui_app_fit(app, app->task);
    if (main_fit)
        add_curve(st, spec, main_fit, CS_STYLE_CURVE, NULL);
    long row = tui_app_cursor_row(app);
    if (row >= 0) {
        spec->cursor_set = 1;
        spec->cursor_z = app->ds->z[row];
        spec->cursor_y = task->y[row];
    }
    int ascii = app->charset == CS_CHARSET_ASCII;
    const char *dot = ascii ? "." : "\u00b7", *cross = tui_plot_val_glyph(app, NULL), *gap = ascii ? ":" : "\u2591";
    char full[160], brief[64];
    tui_plot_title_part(st, TUI_TITLE_ALWAYS, task->name, NULL);
    char tau_text[CS_NUMBER_TEXT];
    snprintf(full, sizeof full, "tau %s", cs_number_text(app->set.tau, tau_text));
    tui_plot_title_part(st, TUI_TITLE_ALWAYS, full, NULL);
    /* Which boundary this is: the split's fits are never weighted. */
    if (app->set.design_weights)
        tui_plot_title_part(st, 60, app->split_on ? "unweighted split" : "weighted", NULL);
    if (app->split_on && app->scheme_ok) { /* the split's counts replace n */
        snprintf(full, sizeof full, "split %zu: train %zu %s, valid %zu %s", app->split_k, p->n_train, dot, p->n_val,
                 cross);
        snprintf(brief, sizeof brief, "%zu: %zu %s %zu %s", app->split_k, p->n_train, dot, p->n_val, cross);
        tui_plot_title_part(st, 80, full, brief);
    } else {
        snprintf(full, sizeof full, "n %zu", p->n);
        tui_plot_title_part(st, 30, full, NULL); /* the task list has it too */
    }
    const tui_taskfit *tf = &app->fits[app->task];
    if (!app->split_on && tf->state == TUI_FIT_FAILED) {
        /* The reason cut at a code point: half a UTF-8 sequence (a model
         * or file name in the message) would draw as U+FFFD. */
        snprintf(full, sizeof full, "no boundary: %.*s%s", (int)cs_text_floor(NULL, tf->err, 100), tf->err,
                 tf->retry ? "; select the task again to retry" : "");
        tui_plot_title_part(st, 90, full, "no boundary");
    } else if (app->split_on && app->split_ok && !app->split.fitted)
        tui_plot_title_part(st, 90, "(too few to fit)", "(too few)");
    /* The second colour is shared by every overlay: say which are on. */
    if (app->show_quantiles && app->set.n_quantiles) {
        /* A level whose fit failed draws nothing: it is not listed as drawn
         * (Q on a task of two rows said "+ q 0.5,0.9" over an empty plot). */
        int used = snprintf(full, sizeof full, "+ q"), n_listed = 0;
        size_t n_failed = 0;
        for (size_t i = 0; i < app->set.n_quantiles && used < (int)sizeof full; i++) {
            if (app->qfit_ok[i] == 0) {
                n_failed++;
                continue;
            }
            used += snprintf(full + used, sizeof full - used, "%s%s", n_listed++ ? "," : " ",
                             cs_number_text(app->set.quantiles[i], tau_text));
        }
        if (n_failed == app->set.n_quantiles)
            tui_plot_title_part(st, 40, "+ q: none fitted", "+q none");
        else {
            if (n_failed && used < (int)sizeof full)
                snprintf(full + used, sizeof full - used, " (%zu not fitted)", n_failed);
            tui_plot_title_part(st, 40, full, "+q");
        }
    }
    if (app->split_on && app->show_other) {
        snprintf(full, sizeof full, "+ valid fit, gap %s", gap);
        snprintf(brief, sizeof brief, "+valid %s", gap);
        tui_plot_title_part(st, 50, full, brief);
    }
    size_t n_marked = 0;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        n_marked += app->marked[t] && t != app->task;
    if (n_marked) {
        snprintf(full, sizeof full, "+ %zu marked task%s", n_marked, n_marked > 1 ? "s" : "");
        snprintf(brief, sizeof brief, "+%zu marked", n_marked);
        st->marked_part = st->n_parts < TUI_TITLE_PARTS ? st->n_parts : -1;
        tui_plot_title_part(st, 20, full, brief);
    }
    const cs_fit *band_fit;
    const cs_band *band = tui_app_band(app, &band_fit);
    if (band && band->n_added == 0) {
        snprintf(full, sizeof full, "band %s", gap);
        tui_plot_title_part(st, 45, full, NULL);
    } else if (band) {
        snprintf(full, sizeof full, "band %s%s+%zu picks", gap, ascii ? "=" : "\u2592", band->n_added);
        snprintf(brief, sizeof brief, "band %s%s", gap, ascii ? "=" : "\u2592");
        tui_plot_title_part(st, 45, full, brief);
    }
}

/* A part's text: cut at a code point boundary, as half a UTF-8 sequence
 * would draw as U+FFFD. */
static void part_set(tui_title_part *t, int keep, const char *full, const char *brief)
{
    size_t n = cs_text_floor(NULL, full, sizeof t->full - 1);
    memcpy(t->full, full, n);
    t->full[n] = '\0';
    snprintf(t->brief, sizeof t->brief, "%s", brief ? brief : "");
    t->keep = keep;
}

/* st->title: every part in full that fits. */
static void title_join(tui_plot_store *st)
{
    size_t used = 0;
    st->title[0] = '\0';
    for (int i = 0; i < st->n_parts; i++) {
        size_t n = strlen(st->parts[i].full);
        if (used + n + 2 < sizeof st->title)
            used += (size_t)snprintf(st->title + used, sizeof st->title - used, "%s%s", used ? "  " : "",
                                     st->parts[i].full);
    }
}

void tui_plot_title_part(tui_plot_store *st, int keep, const char *full, const char *brief)
{
    if (st->n_parts >= TUI_TITLE_PARTS)
        return;
    part_set(&st->parts[st->n_parts++], keep, full, brief);
    title_join(st);
}

/* A plot of 19 marked tasks named 12 lines and said nothing of the 7 that
 * had no row free for a name: they read as named elsewhere, or as the
 * boundary's. The count outranks "n" (the task list shows it) in a narrow
 * title, since nothing else says it. */
void tui_plot_title_unlabelled(tui_plot_store *st, size_t n)
{
    enum { KEEP = 35 };
    if (n == 0)
        return;
    char full[sizeof st->parts[0].full], brief[sizeof st->parts[0].brief];
    /* The marked tasks' curves come first; a named curve after them (a
     * quantile overlay, the validation fit) may be the one unnamed. */
    size_t named_curves = 0;
    for (size_t k = 0; k < TUI_PLOT_MAX_CURVES; k++)
        named_curves += st->curves[k].label != NULL;
    if (st->marked_part >= 0 && named_curves == st->n_marked_curves) {
        tui_title_part *t = &st->parts[st->marked_part];
        snprintf(full, sizeof full, "%.100s (%zu unlabelled)", t->full, n);
        snprintf(brief, sizeof brief, "%.30s (%zu unlabelled)", t->brief, n);
        part_set(t, KEEP, full, brief);
    } else {
        snprintf(full, sizeof full, "%zu unlabelled", n);
        tui_plot_title_part(st, KEEP, full, NULL);
    }
    title_join(st);
}

/* The pane's title line: " Plot  " and the parts, in the longest form that
 * fits. What goes first at narrow widths: the pane's name (it is obviously
 * the plot), then the long wording of each part, then whole parts, lowest
 * keep first; the task name is cut in the middle last of all. */
static void draw_title(tui_pane *p, tui_grid *g, const tui_plot_store *st)
{
    enum { FULL, BRIEF, GONE };
    int form[TUI_TITLE_PARTS] = { 0 }, label = 1, n = st->n_parts, w = p->rect.w;
    int order[TUI_TITLE_PARTS];
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++) /* stable, by keep */
        for (int j = i; j > 0 && st->parts[order[j]].keep < st->parts[order[j - 1]].keep; j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    char line[1024], name[4 * 256 + 8];
    for (int step = 0;; step++) {
        /* step 0: all; 1: no label; then each part brief, then each part gone. */
        if (step == 1)
            label = 0;
        else if (step >= 2 && step < 2 + n) {
            const tui_title_part *t = &st->parts[order[step - 2]];
            if (!t->brief[0])
                continue;
            form[order[step - 2]] = BRIEF;
        } else if (step >= 2 + n && step < 2 + 2 * n) {
            if (st->parts[order[step - 2 - n]].keep >= TUI_TITLE_ALWAYS)
                continue;
            form[order[step - 2 - n]] = GONE;
        }
        int used = snprintf(line, sizeof line, " %s", label ? p->ops->title : "");
        int task_at = -1;
        for (int i = 0; i < n && used < (int)sizeof line; i++) {
            if (form[i] == GONE)
                continue;
            const tui_title_part *t = &st->parts[i];
            used += snprintf(line + used, sizeof line - used, "%s", used > 1 ? "  " : "");
            task_at = task_at < 0 ? used : task_at;
            used += snprintf(line + used, sizeof line - used, "%s", form[i] == BRIEF ? t->brief : t->full);
        }
        int over = tui_grid_width(g, line) - w;
        if (over <= 0 || step >= 2 + 2 * n) {
            /* Still too wide: the task name (the first part) gives up its middle. */
            if (over > 0 && n > 0 && task_at >= 0) {
                int tw = tui_grid_width(g, st->parts[0].full), keep = tw - over;
                if (keep >= 4) {
                    char rest[1024];
                    snprintf(rest, sizeof rest, "%s", line + task_at + strlen(st->parts[0].full));
                    line[task_at] = '\0';
                    snprintf(line + task_at, sizeof line - (size_t)task_at, "%s%s",
                             tui_grid_fit(g, st->parts[0].full, keep, TUI_FIT_MIDDLE, name, sizeof name), rest);
                }
            }
            break;
        }
    }
    tui_grid_line(g, p->rect.x, p->rect.y, w, line, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
}

/* Replace the glyph of every cell a style won, so the distinction survives
 * without colour: validation points become a cross, suggestions a diamond. */
static void mark_cells(cs_canvas *c, const cs_plot_layout *lay, cs_style style, uint32_t glyph)
{
    for (int row = lay->area_row; row < lay->area_row + lay->area_rows; row++)
        for (int col = lay->area_col; col < lay->area_col + lay->area_cols; col++) {
            const cs_cell *cell = cs_canvas_cell(c, col, row);
            if (cell && cell->style == style && cell->ch != ' ')
                cs_canvas_put(c, col, row, glyph, style);
        }
}

int tui_plot_marks(tui_app *app, cs_canvas *c, const cs_plot_layout *lay)
{
    if (!(lay->area_cols > 0 && lay->area_rows > 0 && lay->x_max > lay->x_min && lay->y_max > lay->y_min))
        return 0;
    const cs_fit *band_fit = NULL;
    const cs_band *band = tui_app_band(app, &band_fit);
    if (band)
        cs_plot_shade_band(c, lay, band, band_fit);
    uint32_t vg;
    tui_plot_val_glyph(app, &vg);
    mark_cells(c, lay, CS_STYLE_POINT_ALT, vg);
    mark_cells(c, lay, CS_STYLE_SUGGESTED, app->charset == CS_CHARSET_ASCII ? '*' : 0x25c6);
    return 1;
}

int tui_coverage_role(double e)
{
    /* A little slack so that a bin at exactly 1.00 against tau 0.98 counts as 0.02. */
    return !isfinite(e) ? TUI_ROLE_DIM : e <= 0.02 + 1e-9 ? TUI_ROLE_COV_GOOD : e <= 0.05 + 1e-9 ? TUI_ROLE_COV_WARN : TUI_ROLE_COV_BAD;
}

/* The coverage strip: each bin at its compute, its hat_tau in the cells,
 * coloured by |hat_tau - tau|; then a line with the macro error. */
static void draw_strip(tui_app *app, tui_grid *g, int x0, int y, int w, const cs_plot_layout *lay)
{
    const cs_coverage *cov = NULL;
    char what[96];
    if (app->split_on) {
        if (app->split_ok && app->split.fitted) {
            int oos = !app->cov_in_sample && app->split.oos_cov.n_bins > 0;
            cov = oos ? &app->split.oos_cov : &app->split.is_cov;
            snprintf(what, sizeof what, "%s, split %zu", oos ? "out-of-sample" : "in-sample", app->split_k);
        }
    } else {
        cov = tui_app_full_coverage(app);
        snprintf(what, sizeof what, "in-sample");
    }
    tui_grid_text(g, x0, y, lay->area_col, "cov", TUI_ROLE_DIM);
    if (!cov || cov->n_judged == 0) {
        tui_grid_line(g, x0, y + 1, w, " coverage: no bins to judge", TUI_ROLE_DIM);
        return;
    }
    int ascii = app->charset == CS_CHARSET_ASCII;
    double tau = app->set.tau;
    for (size_t j = 0; j < cov->n_bins; j++) {
        const cs_bin *bin = &cov->bins[j];
        if (bin->n == 0)
            continue;
        /* bins are [lo, hi) */
        int c0 = cs_plot_col_of(lay, bin->z_lo), c1 = cs_plot_col_of(lay, bin->z_hi) - (j + 1 < cov->n_bins);
        int lo = lay->area_col, hi = lay->area_col + lay->area_cols - 1;
        c0 = c0 < lo ? lo : c0;
        c1 = c1 > hi ? hi : c1;
        if (c1 < c0)
            continue;
        int role = tui_coverage_role(fabs(bin->hat_tau - tau)), width = c1 - c0 + 1;
        /* A separator opens each bin wide enough; the value takes what is left. */
        int sep = width >= 2, avail = width - sep;
        char text[16];
        if (avail >= 4)
            snprintf(text, sizeof text, "%.2f", bin->hat_tau);
        else if (avail == 3)
            snprintf(text, sizeof text, bin->hat_tau >= 0.995 ? "1.0" : ".%02.0f", fmin(99, 100 * bin->hat_tau));
        else
            snprintf(text, sizeof text, "%c", role == TUI_ROLE_COV_BAD ? '!' : role == TUI_ROLE_COV_WARN ? '~' : '=');
        for (int c = c0; c <= c1; c++)
            tui_grid_put(g, x0 + c, y, c == c0 && sep ? (ascii ? '|' : 0x2502) : ' ', role);
        int tw = (int)strlen(text), start = c0 + sep + (avail - tw) / 2;
        tui_grid_text(g, x0 + start, y, c1 - start + 1, text, role);
    }
    char line[512], head[160], sign[40], bins[40], vs[40];
    /* A weighted fit is judged by its weights (coverage.h): say so, as the
     * plain counts would tell another story. */
    const char *weighted = cov->weighted ? " weighted" : "";
    snprintf(head, sizeof head, " %s%s coverage: macro err %.4f", what, weighted, cov->macro);
    if (tui_grid_width(g, head) > w) /* the row above says "cov" */
        snprintf(head, sizeof head, "%s macro err %.4f", weighted, cov->macro);
    snprintf(sign, sizeof sign, "signed %+.4f", cov->signed_mean);
    /* The bins the means are over: an out-of-sample bin no validation row
     * falls in is an edge, not a verdict (coverage.h). */
    snprintf(bins, sizeof bins, "%zu bin%s", cov->n_judged, cov->n_judged == 1 ? "" : "s");
    char t[CS_NUMBER_TEXT];
    snprintf(vs, sizeof vs, "(hat_tau vs tau %s)", cs_number_text(tau, t));
    const char *parts[] = { head, sign, bins, vs, app->split_on ? "v: switch" : NULL };
    tui_join_parts(g, w, "", parts, 5, line, sizeof line);
    tui_grid_line(g, x0, y + 1, w, line, tui_coverage_role(cov->macro));
}

/* One suggestion's mark on the compute axis: its rank, or a triangle past
 * 9 and beside another rank, as two digits side by side read as one number
 * (7 beside 3 as 73). A column already marked keeps its mark: the marks are
 * set best first. */
static void tick_cell(tui_app *app, const cs_plot_layout *lay, const cs_pick *pk, uint32_t *cells)
{
    if (pk->row >= app->ds->n_rows || !isfinite(app->ds->z[pk->row]))
        return;
    double z = app->ds->z[pk->row];
    int c = cs_plot_col_of(lay, z), lo = lay->area_col, hi = lay->area_col + lay->area_cols;
    if (c == hi && z <= lay->x_max)
        c--; /* the view's right edge is in its last column, as for the points */
    if (c < lo || c >= hi || cells[c])
        return;
    int beside = (c > lo && cells[c - 1] >= '0' && cells[c - 1] <= '9') ||
                 (c + 1 < hi && cells[c + 1] >= '0' && cells[c + 1] <= '9');
    cells[c] = pk->rank < 10 && !beside ? (uint32_t)('0' + pk->rank)
                                        : (app->charset == CS_CHARSET_ASCII ? '^' : 0x25b2);
}

int tui_plot_tick_cells(tui_app *app, const cs_plot_layout *lay, uint32_t *cells, int n)
{
    int end = lay->area_col + lay->area_cols;
    if (!app->ds || !app->design_ok || !app->design.n_picks || end > n || end < 1)
        return 0;
    memset(cells, 0, (size_t)end * sizeof *cells);
    if (app->pick_sel < app->design.n_picks)
        tick_cell(app, lay, &app->design.picks[app->pick_sel], cells);
    for (size_t i = 0; i < app->design.n_picks; i++)
        if (i != app->pick_sel)
            tick_cell(app, lay, &app->design.picks[i], cells);
    int marked = 0;
    for (int c = 0; c < end; c++)
        marked += cells[c] != 0;
    return marked;
}

/* The suggestions on the compute axis, by rank: those without a score for
 * this task have no point in the plot, only this tick. Where several share a
 * column the best rank shows, except for the selected suggestion, set
 * first: Enter on it says that its rank marks its compute here, and a
 * fine-tune of the same base as a better pick shares that pick's column. */
static void draw_ticks(tui_app *app, tui_grid *g, int x0, int y, const cs_plot_layout *lay)
{
    tui_grid_text(g, x0, y, lay->area_col, "next", TUI_ROLE_DIM);
    int end = lay->area_col + lay->area_cols;
    uint32_t *cells = end > 0 ? malloc((size_t)end * sizeof *cells) : NULL;
    if (cells && tui_plot_tick_cells(app, lay, cells, end))
        for (int c = lay->area_col; c < end; c++)
            if (cells[c])
                tui_grid_put(g, x0 + c, y, cells[c], CS_STYLE_SUGGESTED);
    free(cells);
}

const char *tui_plot_val_glyph(const tui_app *app, uint32_t *cp)
{
    int ascii = app->charset == CS_CHARSET_ASCII;
    if (cp)
        *cp = ascii ? 'x' : 0xd7;
    return ascii ? "x" : "\u00d7";
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    if (app->drift_on) {
        tui_drift_draw(p, app, g);
        return;
    }
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    int cols = r.w, rows = r.h - 1;
    /* Under the plot when there is room: the suggestions' ticks, the coverage
     * strip. The ticks come first: an unscored suggestion has no point in the
     * plot, so at 80x24 they are the only mark of what to evaluate next. */
    int ticks = app->ds && app->design_ok && app->design.n_picks && rows >= 10 ? 1 : 0;
    int strip = app->ds && rows >= 16 ? 2 : 0;
    rows -= strip + ticks;
    if (rows >= 1 && cols >= 1 &&
        (!p->canvas || cs_canvas_cols(p->canvas) != cols || cs_canvas_rows(p->canvas) != rows ||
         p->canvas_charset != app->charset)) {
        cs_canvas_free(p->canvas);
        p->canvas = cs_canvas_new(cols, rows, (cs_charset)app->charset);
        p->canvas_charset = app->charset;
    }
    if (rows >= 1 && cols >= 1 && p->canvas) {
        cs_plot_layout lay;
        cs_plot_draw(p->canvas, &spec, &lay);
        if (tui_plot_marks(app, p->canvas, &lay)) {
            if (ticks)
                draw_ticks(app, g, r.x, r.y + 1 + rows, &lay);
            if (strip)
                draw_strip(app, g, r.x, r.y + 1 + rows + ticks, r.w, &lay);
        }
        tui_grid_blit(g, r.x, r.y + 1, p->canvas);
        p->plot = lay; /* canvas cells; the canvas starts one row below the title */
        /* The title last: it says what the drawing left unnamed. */
        tui_plot_title_unlabelled(&st, lay.n_unlabelled);
    }
    if (app->ds)
        draw_title(p, g, &st);
    else
        tui_pane_title(p, g, NULL);
    tui_plot_store_free(&st);
}

static void resize(tui_pane *p, tui_rect r)
{
    tui_pane_default_resize(p, r);
}

/* Pane cell x, y -> canvas cell; 1 when inside the plot area. */
static int plot_cell(const tui_pane *p, int x, int y, int *col, int *row)
{
    const cs_plot_layout *l = &p->plot;
    *col = x;
    *row = y - 1; /* the canvas starts below the title */
    return *col >= l->area_col && *row >= l->area_row && *col < l->area_col + l->area_cols &&
           *row < l->area_row + l->area_rows;
}

/* A click in the plot area puts the cursor on the point nearest to it. Not
 * under the drift grid, where the point picked would not be on screen:
 * there a click only focuses. */
static unsigned click(tui_pane *p, tui_app *app, int x, int y)
{
    int col, row;
    if (app->drift_on || !plot_cell(p, x, y, &col, &row))
        return TUI_CH_NONE;
    double z, yy;
    cs_plot_from_cell(&p->plot, col, row, &z, &yy);
    return tui_app_cursor_nearest(app, z, yy);
}

/* The wheel zooms around the pointer (around the view's centre when the
 * pointer is off the plot area). The drift grid covers the plot: a zoom
 * there would not show. */
static unsigned wheel(tui_pane *p, tui_app *app, int x, int y, int dir)
{
    if (app->drift_on)
        return TUI_CH_NONE;
    tui_view v = tui_app_view(app);
    double z = 0.5 * (v.x_min + v.x_max), yy = 0.5 * (v.y_min + v.y_max);
    int col, row;
    if (plot_cell(p, x, y, &col, &row))
        cs_plot_from_cell(&p->plot, col, row, &z, &yy);
    double f = dir > 0 ? 0.8 : 1.25;
    tui_view_zoom(&v, f, f, z, yy);
    /* As the zoom keys do: the wheel once took the axes to +-500000. */
    const tui_points *pts = tui_app_points(app);
    tui_view_clamp(&v, pts->n ? pts->z_lo : NAN, pts->n ? pts->z_hi : NAN);
    app->view = v;
    return TUI_CH_VIEW;
}

const tui_pane_ops tui_plot_pane = {
    .title = "Plot",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = resize,
    .focus = tui_pane_default_focus,
    .click = click,
    .wheel = wheel,
    .depends = TUI_CH_CURSOR | TUI_CH_VIEW | TUI_CH_FIT | TUI_CH_SPLIT | TUI_CH_DATA | TUI_CH_LAYOUT |
               TUI_CH_TASKS | TUI_CH_DESIGN,
};
