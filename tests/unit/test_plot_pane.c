/* test_plot_pane.c - the TUI's plot pane and :export, off screen: what the
 * plot pane draws in a zoomed or panned view, and that the exported text,
 * SVG and CSV stay well formed whatever the data file's names hold.
 *
 * Expected values come from the rules in pane.h, export.h and plot.h worked
 * by hand (which rows a value falls in, which bytes XML 1.0 allows), not
 * from the program's own output. */
#include <check.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "capscope/legend.h"
#include "tui/export.h"
#include "tui/keys.h"
#include "tui/pane.h"
#include "tui/theme.h"
#include "golden.h"
#include "settle.h"

static tui_app app;
static tui_manager m;

static void wait_idle(void)
{
    settle_app(&app);
}

static void start(const char *data, cs_charset cs)
{
    tui_settings s;
    tui_settings_init(&s);
    s.charset = cs;
    tui_app_init(&app, &s);
    app.charset = cs;
    app.utf8 = cs != CS_CHARSET_ASCII;
    cs_error err;
    ck_assert_msg(tui_app_load(&app, data, &err) == 0, "%s", err.msg);
    wait_idle();
    tui_manager_init(&m);
}

static void stop(void)
{
    tui_manager_free(&m);
    tui_app_free(&app);
}

static void render(int cols, int rows)
{
    tui_manager_resize(&m, &app, cols, rows);
    tui_manager_render(&m, &app);
}

/* The plot area's cells on the screen grid. */
static const tui_cell *area_cell(int col, int row)
{
    const tui_rect *r = &m.layout.plot;
    return tui_grid_at(&m.grid, r->x + col, r->y + 1 + row);
}

/* Band glyphs in the plot area: ':' and '=' in ascii. */
static int band_cells(void)
{
    const cs_plot_layout *l = &m.panes[TUI_PANE_PLOT].plot;
    int n = 0;
    for (int row = l->area_row; row < l->area_row + l->area_rows; row++)
        for (int col = l->area_col; col < l->area_col + l->area_cols; col++)
            n += area_cell(col, row)->role == CS_STYLE_BAND;
    return n;
}

/* The band lies in accuracy [0, 1] (it is cut there); a view panned wholly
 * above or below it must show none of it, not a smear along its edge row. */
START_TEST(band_outside_the_view_is_not_drawn)
{
    start(NULL, CS_CHARSET_ASCII);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    render(120, 40);
    ck_assert_msg(band_cells() > 0, "the band shows in the whole view");
    static const double views[][2] = { { 1.5, 2.0 }, { -1.0, -0.5 } };
    for (size_t i = 0; i < 2; i++) {
        tui_view v = tui_app_view(&app);
        v.y_min = views[i][0];
        v.y_max = views[i][1];
        v.manual = 1;
        app.view = v;
        tui_manager_changed(&m, &app, TUI_CH_VIEW);
        render(120, 40);
        ck_assert_msg(band_cells() == 0, "view y in [%g, %g]: %d band cells", views[i][0], views[i][1],
                      band_cells());
    }
    stop();
}
END_TEST

/* A suggestion at exactly the view's right edge is ticked in the last
 * column, where a point there is drawn (the canvas puts z = x_max in its
 * last column); a floor of (z - x_min) / width * columns alone gives the
 * column after the view. */
START_TEST(pick_at_the_right_edge_is_ticked)
{
    start(NULL, CS_CHARSET_ASCII);
    render(120, 40);
    ck_assert(app.design_ok && app.design.n_picks >= 1);
    const cs_pick *first = &app.design.picks[0];
    ck_assert_uint_eq(first->rank, 1);
    double z = app.ds->z[first->row];
    tui_view v = tui_app_view(&app);
    v.x_min = z - 1;
    v.x_max = z;
    v.manual = 1;
    app.view = v;
    tui_manager_changed(&m, &app, TUI_CH_VIEW);
    render(120, 40);
    const cs_plot_layout *l = &m.panes[TUI_PANE_PLOT].plot;
    const tui_rect *r = &m.layout.plot;
    int found = 0;
    for (int row = 0; row < r->h && !found; row++) {
        const tui_cell *c = tui_grid_at(&m.grid, r->x, r->y + row);
        if (!c || c->ch != 'n' || tui_grid_at(&m.grid, r->x + 1, r->y + row)->ch != 'e')
            continue; /* the ticks row starts with "next" */
        found = 1;
        const tui_cell *last = tui_grid_at(&m.grid, r->x + l->area_col + l->area_cols - 1, r->y + row);
        ck_assert_msg(last->ch == '1', "the last column of the ticks row holds '%c'", (char)last->ch);
    }
    ck_assert_msg(found, "no ticks row");
    stop();
}
END_TEST

/* The row of the suggestions' ranks under the plot (its y on the grid), -1
 * when none. */
static int ticks_row(void)
{
    const tui_rect *r = &m.layout.plot;
    for (int row = 0; row < r->h; row++) {
        const tui_cell *c = tui_grid_at(&m.grid, r->x, r->y + row);
        if (c && c->ch == 'n' && tui_grid_at(&m.grid, r->x + 1, r->y + row)->ch == 'e')
            return r->y + row;
    }
    return -1;
}

/* Ranks in neighbouring columns read as one number: 7 beside 3 as 73, 1
 * beside 9 as 19 (the demo at 80 columns, many suggestions at a few
 * compute levels). A rank beside a digit already there shows as the
 * triangle of ranks past 9; the better rank keeps its digit, and the
 * selected suggestion's, which Enter points to, is drawn first. Every
 * suggestion in the view still has a mark in its column. */
START_TEST(ranks_side_by_side_do_not_read_as_one_number)
{
    start(NULL, CS_CHARSET_ASCII);
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            app.pick_sel = 6; /* the 7th: its digit wins over a better neighbour's */
        tui_manager_changed(&m, &app, TUI_CH_ALL);
        for (int cols = 60; cols <= 130; cols += 7) {
            render(cols, 24);
            int y = ticks_row();
            ck_assert_msg(y >= 0, "%d columns: no ticks row", cols);
            const tui_rect *r = &m.layout.plot;
            const cs_plot_layout *l = &m.panes[TUI_PANE_PLOT].plot;
            for (int c = l->area_col; c + 1 < l->area_col + l->area_cols; c++) {
                uint32_t a = tui_grid_at(&m.grid, r->x + c, y)->ch, b = tui_grid_at(&m.grid, r->x + c + 1, y)->ch;
                ck_assert_msg(!(a >= '0' && a <= '9' && b >= '0' && b <= '9'), "%d columns: ranks %c%c side by side",
                              cols, (char)a, (char)b);
            }
            for (size_t i = 0; i < app.design.n_picks; i++) {
                int c = cs_plot_col_of(l, app.ds->z[app.design.picks[i].row]);
                if (c < l->area_col || c >= l->area_col + l->area_cols)
                    continue;
                uint32_t ch = tui_grid_at(&m.grid, r->x + c, y)->ch;
                ck_assert_msg(ch == '^' || (ch >= '1' && ch <= '9'), "%d columns: rank %zu unmarked", cols,
                              app.design.picks[i].rank);
                if (i == app.pick_sel && pass == 1)
                    ck_assert_msg(ch == '7', "%d columns: the selected 7th shows '%c'", cols, (char)ch);
            }
        }
    }
    stop();
}
END_TEST

/* :export's text is the view, and the suggestions' ranks under the axis
 * are a part of it that the plot alone does not show (an unscored
 * suggestion has no point): the file had the plot and its axis, and no
 * word of what to evaluate next. Under the plot, before the legend, is the
 * 'next' row as the pane draws it, within the same 30 lines. */
START_TEST(text_export_has_the_suggestions_row)
{
    start(NULL, CS_CHARSET_ASCII);
    ck_assert(app.design_ok && app.design.n_picks >= 1);
    char *txt = tui_export_text(&app, 100, 30);
    ck_assert_ptr_nonnull(txt);
    size_t lines = 0;
    for (const char *p = txt; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, 1 + 30);
    /* the 'next' row: the last line, or the one before the legend's */
    int legend = cs_plot_legend_fits(100, 30, CS_CHARSET_ASCII, app.set.tau);
    const char *last = txt + strlen(txt) - 1; /* its final line break */
    for (int skip = 0; skip <= legend; skip++) {
        if (skip)
            last--; /* past the line break before it */
        while (last > txt && last[-1] != '\n')
            last--;
    }
    ck_assert_msg(strncmp(last, "next", 4) == 0, "the 'next' row: %s", last);
    /* the first suggestion's rank at its compute's column, from the axis's
     * own rule (plot.h) on the export's layout */
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(&app, &spec, &st);
    cs_canvas *c = cs_canvas_new(100, 29 - legend, CS_CHARSET_ASCII);
    cs_plot_layout lay;
    cs_plot_draw(c, &spec, &lay);
    int col = cs_plot_col_of(&lay, app.ds->z[app.design.picks[0].row]);
    ck_assert_msg(col >= lay.area_col && col < lay.area_col + lay.area_cols, "rank 1 outside the view");
    ck_assert_msg(last[col] == '1', "column %d of '%s' holds '%c'", col, last, last[col]);
    cs_canvas_free(c);
    tui_plot_store_free(&st);
    free(txt);
    stop();
}
END_TEST

/* The SVG export marks the suggestions too, at their compute on the plot's
 * bottom edge, with the ranks: the file had no word of what to evaluate
 * next. Positions from svg.h's margins worked by hand: the plot area is
 * 800 - 56 - 16 = 728 pixels wide from x = 56, so a compute z is at
 * 56 + (z - x_min) / (x_max - x_min) * 728, and the bottom edge at
 * y = 500 - 44 = 456, the triangle's tip 7 pixels above it. */
START_TEST(svg_export_marks_the_suggestions)
{
    start(NULL, CS_CHARSET_BRAILLE);
    ck_assert(app.design_ok && app.design.n_picks >= 1);
    char *svg = tui_export_svg(&app, 800, 500);
    ck_assert_ptr_nonnull(svg);
    tui_view v = tui_app_view(&app);
    size_t in_view = 0;
    for (size_t i = 0; i < app.design.n_picks; i++) {
        double z = app.ds->z[app.design.picks[i].row];
        in_view += z >= v.x_min && z <= v.x_max;
    }
    size_t marks = 0;
    for (const char *p = svg; (p = strstr(p, "class=\"pick\"")); p++)
        marks++;
    ck_assert_uint_eq(marks, in_view);
    /* the best drawn last, on top of those at its compute */
    const char *first = strstr(svg, "<title>suggestion 1</title>");
    ck_assert_ptr_nonnull(first);
    while (first > svg && strncmp(first, "class=\"pick\"", 12) != 0)
        first--;
    const char *pts = strstr(first, "points=\"");
    ck_assert_ptr_nonnull(pts);
    double ax, ay, bx, by, tx, ty;
    ck_assert_int_eq(sscanf(pts, "points=\"%lf,%lf %lf,%lf %lf,%lf", &ax, &ay, &bx, &by, &tx, &ty), 6);
    double want = 56 + (app.ds->z[app.design.picks[0].row] - v.x_min) / (v.x_max - v.x_min) * 728;
    ck_assert_msg(fabs(tx - want) < 0.006, "rank 1's tip at x %g, want %g", tx, want);
    ck_assert(ay == 456 && by == 456 && ty == 449);
    ck_assert_ptr_null(strstr(first + 1, "class=\"pick\"")); /* the last triangle drawn */
    ck_assert_ptr_nonnull(strstr(svg, "class=\"pick-rank\""));
    free(svg);
    stop();
}
END_TEST

/* A pane's text (ascii cells; others as '?'), its rows joined by blanks
 * and blanks squeezed, so that a wrapped message reads as one line. */
static void pane_text(int pane, char *out, size_t size)
{
    const tui_rect *r = &m.panes[pane].rect;
    size_t k = 0;
    for (int y = r->y; y < r->y + r->h; y++)
        for (int x = r->x; x <= r->x + r->w && k + 1 < size; x++) {
            const tui_cell *c = x < r->x + r->w ? tui_grid_at(&m.grid, x, y) : NULL;
            char ch = !c ? ' ' : c->ch < 128 ? (char)c->ch : '?';
            if (ch != ' ' || (k > 0 && out[k - 1] != ' '))
                out[k++] = ch;
        }
    out[k] = '\0';
}

/* The sampler's design run again on the data as the test left it, and
 * the screen drawn at 120x40. */
static void redesign_and_render(void)
{
    app.design_dirty = 1;
    wait_idle();
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 40);
    ck_assert(app.design_ok);
}

/* Rows without a cost are never picked. With every unscored row costless
 * (a file without params_b, as epoch_benchmarks.csv) the sampler has
 * nothing to suggest, and must not say it is because every model is
 * scored: here one in ten demo rows is unscored in the task. */
START_TEST(sampler_says_why_it_picks_nothing)
{
    start(NULL, CS_CHARSET_ASCII);
    const cs_task *t = &app.ds->tasks[app.task];
    ck_assert_uint_lt(t->n_scored, app.ds->n_rows);
    for (size_t i = 0; i < app.ds->n_rows; i++)
        app.ds->has_cost[i] = 0;
    redesign_and_render();
    ck_assert_uint_eq(app.design.n_picks, 0);
    char text[8192];
    pane_text(TUI_PANE_SAMPLER, text, sizeof text);
    ck_assert_msg(!strstr(text, "every model is scored"), "%s", text);
    ck_assert_msg(strstr(text, "no unscored model has a cost (params_b)"), "%s", text);
    /* The reason is kept between redraws (it reads every row), but not
     * past what it reads: the scores (here every row of the task given
     * one, then said, as a score entered says it), then the pool. */
    cs_task *task = &app.ds->tasks[app.task];
    for (size_t i = 0; i < app.ds->n_rows; i++)
        if (!task->has[i]) {
            task->has[i] = 1;
            task->y[i] = 0.5;
            task->n_scored++;
        }
    tui_app_scores_changed(&app, app.task);
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 40);
    pane_text(TUI_PANE_SAMPLER, text, sizeof text);
    ck_assert_msg(strstr(text, "every model is scored"), "%s", text);
    tui_manager_changed(&m, &app, tui_app_command(&app, "pool all"));
    redesign_and_render();
    ck_assert_uint_eq(app.design.n_picks, 0);
    pane_text(TUI_PANE_SAMPLER, text, sizeof text);
    ck_assert_msg(strstr(text, "no model has a cost (params_b)"), "%s", text);
    stop();
}
END_TEST

/* A pick's cost never reads as free: with every cost 0.4, the pool all
 * rows and a budget of half its cost (in the hundreds), the budget alone would
 * give no decimals, and a 0.4 would show as "0"; the cheapest pick gets its
 * first digit, 0.4. */
START_TEST(cheap_picks_do_not_read_as_free)
{
    start(NULL, CS_CHARSET_ASCII);
    app.set.pool_all = 1;
    app.set.budget = 0.5;
    size_t costed = 0;
    for (size_t i = 0; i < app.ds->n_rows; i++) {
        app.ds->cost[i] = 0.4;
        costed += app.ds->has_cost[i];
    }
    ck_assert_uint_gt(costed, 500); /* a budget of 20% of it is above 100 */
    redesign_and_render();
    ck_assert_uint_gt(app.design.n_picks, 0);
    ck_assert_msg(app.design.budget >= 100, "budget %g", app.design.budget);
    char text[8192];
    pane_text(TUI_PANE_SAMPLER, text, sizeof text);
    ck_assert_msg(strstr(text, " 0.4 "), "%s", text);
    stop();
}
END_TEST

/* A data file to write, fresh under TMPDIR (else /tmp): path gets its
 * name; the caller writes it, closes it and unlinks it. */
static FILE *temp_csv(char *path, size_t size, const char *stem)
{
    const char *dir = getenv("TMPDIR");
    snprintf(path, size, "%s/capscope-%s.XXXXXX", dir && *dir ? dir : "/tmp", stem);
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    return f;
}

/* What b says follows the band: once computed in the background it says
 * what the band is from, and when there is none to draw (a boundary on 7
 * rows: the band's density at zero takes 8, band.h) it says why; "shown
 * once computed" stayed on the status line for good, and b seemed to do
 * nothing. */
START_TEST(band_status_follows_the_computation)
{
    char path[256];
    FILE *f = temp_csv(path, sizeof path, "few-rows");
    fputs("model,flops,score\n", f);
    for (int i = 0; i < 7; i++)
        fprintf(f, "m%d,%s,0.%d\n", i, i < 4 ? "1e22" : "1e24", 3 + i);
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    ck_assert_ptr_nonnull(tui_app_fit(&app, app.task));
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    ck_assert_msg(!strstr(app.msg, "once computed") && strstr(app.msg, "no band") && strstr(app.msg, "7 rows"),
                  "%s", app.msg);
    stop();
    unlink(path);

    start(NULL, CS_CHARSET_ASCII);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    const cs_fit *band_fit;
    ck_assert_ptr_nonnull(tui_app_band(&app, &band_fit));
    ck_assert_msg(strstr(app.msg, "90% band"), "%s", app.msg);
    /* A message said since the band was asked for is not replaced. */
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    tui_app_command(&app, "tau 0.9");
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    ck_assert_msg(strstr(app.msg, "once computed"), "%s", app.msg);
    tui_app_run(&app, tui_action_by_name("coverage-side"), NULL);
    char said[sizeof app.msg];
    snprintf(said, sizeof said, "%s", app.msg);
    wait_idle();
    ck_assert_ptr_nonnull(tui_app_band(&app, &band_fit));
    ck_assert_str_eq(app.msg, said);
    stop();
}
END_TEST

/* A split with too few training rows has no boundary, so no band will
 * come: b said "shown once computed in the background" there, for good. */
START_TEST(band_without_a_boundary_says_so)
{
    char path[256];
    FILE *f = temp_csv(path, sizeof path, "unfitted-split");
    /* period4's first period (to 2024-06-30) holds 3 rows: fewer than the
     * 4 a split's fit takes (capscope(1), splits). */
    fputs("model,flops,date,score\n", f);
    for (int i = 0; i < 24; i++)
        fprintf(f, "m%d,%de21,%s,0.%02d\n", i, 1 + i % 9, i < 3 ? "2024-03-01" : "2024-08-01", 20 + 2 * i);
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    tui_app_command(&app, "split");
    wait_idle();
    ck_assert(app.split_on && app.split_ok && !app.split.fitted);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    ck_assert_msg(!strstr(app.msg, "once computed") && strstr(app.msg, "no boundary"), "%s", app.msg);
    stop();
    unlink(path);
}
END_TEST

/* The inner band is the band if the unscored suggestions were scored:
 * with none (every row here costless, so nothing is picked) it is today's
 * band, and drawing it in the inner shade, titled "+0 picks", showed a
 * promise of narrowing that no pick makes. Today's shade alone, then. */
START_TEST(band_without_suggestions_has_no_inner_shade)
{
    start(NULL, CS_CHARSET_ASCII);
    for (size_t i = 0; i < app.ds->n_rows; i++)
        app.ds->has_cost[i] = 0;
    redesign_and_render();
    ck_assert_uint_eq(app.design.n_picks, 0);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 40);
    const cs_plot_layout *l = &m.panes[TUI_PANE_PLOT].plot;
    int today = 0, inner = 0;
    for (int row = l->area_row; row < l->area_row + l->area_rows; row++)
        for (int col = l->area_col; col < l->area_col + l->area_cols; col++) {
            const tui_cell *c = area_cell(col, row);
            today += c->role == CS_STYLE_BAND && c->ch == ':';
            inner += c->role == CS_STYLE_BAND && c->ch == '=';
        }
    ck_assert_msg(today > 0 && inner == 0, "today's shade in %d cells, the inner one in %d", today, inner);
    char text[16384];
    pane_text(TUI_PANE_PLOT, text, sizeof text);
    ck_assert_msg(strstr(text, "band :") && !strstr(text, "picks"), "%s", text);
    /* b off and on again, the band computed: what b says of it. */
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    ck_assert_msg(strstr(app.msg, "90% band") && !strstr(app.msg, "suggestions"), "%s", app.msg);
    stop();
}
END_TEST

/* A curve's label is text, the top layer: the band fills only the cells
 * nothing else was drawn in, never the blank between a label's words.
 * "q 0.9" read "q:0.9" where the band passed under it (ascii; braille's
 * shade showed the same way). */
START_TEST(band_does_not_show_through_labels)
{
    start(NULL, CS_CHARSET_ASCII);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    tui_app_run(&app, tui_action_by_name("quantiles"), "0.5,0.9");
    tui_app_run(&app, tui_action_by_name("maximize"), NULL);
    wait_idle();
    static const int sizes[][2] = { { 80, 24 }, { 100, 30 }, { 120, 40 } };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        tui_manager_changed(&m, &app, TUI_CH_ALL);
        render(sizes[i][0], sizes[i][1]);
        ck_assert_msg(band_cells() > 0, "%dx%d: no band to test against", sizes[i][0], sizes[i][1]);
        char text[16384];
        pane_text(TUI_PANE_PLOT, text, sizeof text);
        ck_assert_msg(strstr(text, "q 0.5") && strstr(text, "q 0.9"), "%dx%d: %s", sizes[i][0], sizes[i][1], text);
    }
    stop();
}
END_TEST

/* Marked tasks' boundaries share the overlay colour: each carries its
 * task's name, in the plot area, where the title only counts them. */
START_TEST(marked_boundaries_are_named)
{
    start(NULL, CS_CHARSET_ASCII);
    ck_assert_uint_ge(app.ds->n_tasks, 3);
    size_t a = (app.task + 1) % app.ds->n_tasks, b = (app.task + 2) % app.ds->n_tasks;
    render(120, 36);
    char before[16384], after[16384];
    pane_text(TUI_PANE_PLOT, before, sizeof before);
    app.marked[a] = app.marked[b] = 1;
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    pane_text(TUI_PANE_PLOT, after, sizeof after);
    ck_assert_msg(strstr(after, "+ 2 marked tasks"), "%s", after);
    for (size_t t = 0; t < 2; t++) {
        const char *name = app.ds->tasks[t ? b : a].name;
        ck_assert_msg(strstr(after, name) && !strstr(before, name), "%s not named: %s", name, after);
    }
    /* The quantile overlays, in the same colour, by their level. */
    tui_app_run(&app, tui_action_by_name("quantiles"), "0.5,0.9");
    wait_idle();
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    pane_text(TUI_PANE_PLOT, after, sizeof after);
    ck_assert_msg(strstr(after, "q 0.5") && strstr(after, "q 0.9"), "%s", after);
    /* The SVG export names them too, in the overlay's colour. */
    char *svg = tui_export_svg(&app, 800, 500);
    for (size_t t = 0; t < 2; t++) {
        char want[96];
        snprintf(want, sizeof want, ">%s</text>", app.ds->tasks[t ? b : a].name);
        const char *at = strstr(svg, want);
        ck_assert_msg(at, "no %s in the SVG", want);
        const char *open = at;
        while (open > svg && strncmp(open, "<text", 5) != 0)
            open--;
        ck_assert(strncmp(open, "<text class=\"curve\"", 18) == 0);
    }
    free(svg);
    stop();
}
END_TEST

/* With many marked tasks the plot has rows for some of their names only:
 * the title says how many lines it left unnamed, a count taken here from
 * the names found in the plot area (19 overlays, less those shown), not
 * from the drawing's own. 20 tasks of 80 models, each a rising boundary
 * at its own height, at 80x24 in ascii; at 300x80 every name fits and the
 * title says nothing of it. */
START_TEST(unnamed_boundaries_are_counted)
{
    enum { TASKS = 20, MODELS = 80 };
    char path[64];
    snprintf(path, sizeof path, "/tmp/capscope-plot-pane-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs("model,flops", f);
    for (int t = 0; t < TASKS; t++)
        fprintf(f, ",bench_%02d", t);
    fputs("\n", f);
    for (int i = 0; i < MODELS; i++) {
        double z = 21 + 4.0 * i / (MODELS - 1);
        fprintf(f, "m%02d,%.6e", i, pow(10, z));
        for (int t = 0; t < TASKS; t++)
            fprintf(f, ",%.4f", (0.2 + 0.035 * t) / (1 + exp(-(z - 23) * 1.5)) * (0.6 + 0.4 * ((i * 7 + t) % 5) / 4.0));
        fputs("\n", f);
    }
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    ck_assert_uint_eq(app.ds->n_tasks, TASKS);
    for (size_t t = 0; t < TASKS; t++)
        app.marked[t] = 1;
    wait_idle();
    static const int sizes[][2] = { { 80, 24 }, { 300, 80 } };
    for (size_t k = 0; k < 2; k++) {
        tui_manager_changed(&m, &app, TUI_CH_ALL);
        render(sizes[k][0], sizes[k][1]);
        char title[1024], area[65536];
        const tui_rect *r = &m.panes[TUI_PANE_PLOT].rect;
        tui_rect top = { r->x, r->y, r->w, 1 }, below = { r->x, r->y + 1, r->w, r->h - 1 };
        char *tt = tui_grid_to_text(&m.grid, top), *at = tui_grid_to_text(&m.grid, below);
        snprintf(title, sizeof title, "%s", tt);
        snprintf(area, sizeof area, "%s", at);
        free(tt);
        free(at);
        size_t named = 0;
        for (size_t t = 0; t < TASKS; t++)
            if (t != app.task)
                named += strstr(area, app.ds->tasks[t].name) != NULL;
        char want[64];
        snprintf(want, sizeof want, "(%zu unlabelled)", TASKS - 1 - named);
        if (k == 0) {
            ck_assert_msg(named < TASKS - 1, "80x24 named all %zu: no test", named);
            ck_assert_msg(strstr(title, want), "80x24: want %s in '%s'", want, title);
            /* The text export says it too, of its own drawing. */
            char *txt = tui_export_text(&app, 60, 16);
            ck_assert_ptr_nonnull(txt);
            const char *body = txt + strcspn(txt, "\n");
            named = 0;
            for (size_t t = 0; t < TASKS; t++)
                if (t != app.task)
                    named += strstr(body, app.ds->tasks[t].name) != NULL;
            snprintf(want, sizeof want, "(%zu unlabelled)", TASKS - 1 - named);
            ck_assert_msg(named < TASKS - 1, "60x16 named all %zu: no test", named);
            ck_assert_msg(strstr(txt, want) && strstr(txt, want) < body, "want %s in '%.*s'", want,
                          (int)(body - txt), txt);
            free(txt);
        } else {
            ck_assert_uint_eq(named, TASKS - 1);
            ck_assert_msg(!strstr(title, "unlabelled"), "300x80: '%s'", title);
        }
    }
    stop();
    unlink(path);
}
END_TEST

/* The count of unnamed lines goes with the marked tasks only when the
 * lines left unnamed are theirs: with six quantile overlays and one marked
 * task at 140x24 the task's name shows and a level's does not, and the
 * title said "+ 1 marked task (1 unlabelled)" of the task it had named.
 * Counted here from the names found in the plot area. */
START_TEST(unnamed_overlays_are_not_counted_as_marked_tasks)
{
    start(NULL, CS_CHARSET_ASCII);
    size_t a = (app.task + 1) % app.ds->n_tasks;
    app.marked[a] = 1;
    static const char *const levels[] = { "q 0.1", "q 0.3", "q 0.5", "q 0.7", "q 0.8", "q 0.9" };
    tui_app_run(&app, tui_action_by_name("quantiles"), "0.1,0.3,0.5,0.7,0.8,0.9");
    wait_idle();
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(140, 24);
    const tui_rect *r = &m.panes[TUI_PANE_PLOT].rect;
    tui_rect top = { r->x, r->y, r->w, 1 }, below = { r->x, r->y + 1, r->w, r->h - 1 };
    char *title = tui_grid_to_text(&m.grid, top), *area = tui_grid_to_text(&m.grid, below);
    size_t unnamed = 0;
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++)
        unnamed += strstr(area, levels[i]) == NULL;
    int task_named = strstr(area, app.ds->tasks[a].name) != NULL;
    ck_assert_msg(task_named && unnamed > 0, "no test: the task %s named, %zu levels unnamed: %s",
                  task_named ? "is" : "is not", unnamed, area);
    char want[64];
    snprintf(want, sizeof want, "%zu unlabelled", unnamed);
    ck_assert_msg(strstr(title, want), "want '%s' in '%s'", want, title);
    ck_assert_msg(!strstr(title, "task ("), "the marked task, named, is said unlabelled: '%s'", title);
    free(title);
    free(area);
    stop();
}
END_TEST

/* The validation period's boundary (o in the split view) shares the
 * overlays' colour: it is named at its curve as they are, not only in the
 * title's "+ valid fit" (found by persona ux6). */
START_TEST(validation_boundary_is_named)
{
    start(NULL, CS_CHARSET_ASCII);
    tui_app_run(&app, tui_action_by_name("split"), NULL);
    wait_idle();
    ck_assert(app.split_on && app.split_ok && app.split.fitted);
    tui_app_run(&app, tui_action_by_name("other-period"), NULL);
    wait_idle();
    ck_assert(app.show_other && app.other_ok);
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    /* Below the title row, which says "valid 138" and "+ valid fit". */
    const tui_rect *r = &m.panes[TUI_PANE_PLOT].rect;
    int named = 0;
    for (int y = r->y + 1; y < r->y + r->h; y++) {
        char row[512];
        int k = 0;
        for (int x = r->x; x < r->x + r->w && k + 1 < (int)sizeof row; x++) {
            const tui_cell *c = tui_grid_at(&m.grid, x, y);
            row[k++] = c->ch < 128 ? (char)c->ch : '?';
        }
        row[k] = '\0';
        named += strstr(row, "valid") != NULL;
    }
    ck_assert_msg(named == 1, "the validation boundary is named on %d rows of the plot", named);
    char *svg = tui_export_svg(&app, 800, 500);
    const char *at = strstr(svg, ">valid</text>");
    ck_assert_msg(at, "no valid label in the SVG");
    while (at > svg && strncmp(at, "<text", 5) != 0)
        at--;
    ck_assert(strncmp(at, "<text class=\"curve\"", 18) == 0);
    free(svg);
    stop();
}
END_TEST

/* A quantile overlay's curve is labelled by its level as given, as the
 * title's "+ q" list and tau are (3a33374): %g wrote 0.9999999 as "q 1",
 * a level the overlays cannot even take (they are in (0, 1)). */
START_TEST(quantile_labels_are_the_levels_given)
{
    start(NULL, CS_CHARSET_ASCII);
    tui_app_run(&app, tui_action_by_name("quantiles"), "0.5,0.9999999");
    wait_idle();
    ck_assert_int_eq(app.qfit_ok[1], 1);
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    char *svg = tui_export_svg(&app, 800, 500);
    ck_assert_msg(strstr(svg, ">q 0.9999999</text>"), "no q 0.9999999 label in the SVG");
    ck_assert_msg(!strstr(svg, ">q 1</text>"), "q 1 in the SVG");
    free(svg);
    stop();
}
END_TEST

/* Overlays that cannot be fitted are not listed as drawn: Q on a task of
 * two scored rows said "quantile overlays 0.5,0.9" and the title "+ q
 * 0.5,0.9" over a plot with no curve at all. */
START_TEST(quantiles_on_a_task_too_small_say_none_is_drawn)
{
    char path[256];
    FILE *f = temp_csv(path, sizeof path, "two-rows");
    fputs("model,flops,a,b\n", f);
    for (int i = 0; i < 8; i++)
        fprintf(f, "m%d,1e2%d,0.%d,%s\n", i, 1 + i % 4, 2 + i, i < 2 ? "0.5" : "");
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    tui_app_command(&app, "task b");
    tui_app_run(&app, tui_action_by_name("quantiles"), NULL);
    ck_assert_msg(strstr(app.msg, "none drawn: b has 2 rows, too few to fit"), "%s", app.msg);
    wait_idle();
    ck_assert_int_eq(app.qfit_ok[0], 0);
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    char text[8192];
    pane_text(TUI_PANE_PLOT, text, sizeof text);
    ck_assert_msg(strstr(text, "+ q: none fitted") && !strstr(text, "+ q 0.5"), "%s", text);
    /* On a task that has them the levels are listed as before. */
    tui_app_command(&app, "task a");
    wait_idle();
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(120, 36);
    pane_text(TUI_PANE_PLOT, text, sizeof text);
    ck_assert_msg(strstr(text, "+ q 0.5,0.9") && !strstr(text, "not fitted"), "%s", text);
    stop();
    unlink(path);
}
END_TEST

/* A failed fit's reason in the title is cut at a whole character: a
 * two-byte letter straddling the cut (bytes 100 and 101 of the reason) must
 * not leave half a UTF-8 sequence, which draws as U+FFFD. */
START_TEST(failed_fit_reason_is_cut_at_a_whole_character)
{
    start(NULL, CS_CHARSET_BRAILLE);
    tui_taskfit *tf = &app.fits[app.task];
    memset(tf->err, 'x', 99);
    snprintf(tf->err + 99, sizeof tf->err - 99, "\xC3\xA9 and more");
    tf->state = TUI_FIT_FAILED;
    tui_manager_changed(&m, &app, TUI_CH_ALL);
    render(300, 40);
    const tui_rect *r = &m.layout.plot;
    int xs = 0;
    for (int col = r->x; col < r->x + r->w; col++) {
        const tui_cell *c = tui_grid_at(&m.grid, col, r->y);
        ck_assert_msg(c->ch != 0xFFFD, "U+FFFD in the title at column %d", col);
        xs += c->ch == 'x';
    }
    ck_assert_int_eq(xs, 99); /* the reason is in the title, up to the cut */
    stop();
}
END_TEST

/* An out-of-sample bin no validation row falls in is an edge, not a verdict:
 * the coverage line counts the bins its means are over. Training: 30 rows
 * at each of four compute levels; validation, after the cut: rows at the
 * lowest and the highest level only, so the overlap is the whole training
 * range, it keeps every training bin, and two of them hold a validation row. */
START_TEST(coverage_line_counts_judged_out_of_sample_bins)
{
    char path[256];
    FILE *f = temp_csv(path, sizeof path, "oos-bins");
    static const char *const flops[] = { "1e21", "1e22", "1e23", "1e24" };
    fputs("model,flops,date,score\n", f);
    for (int level = 0; level < 4; level++)
        for (int i = 0; i < 30; i++)
            fprintf(f, "t%d-%d,%s,2024-01-%02d,0.%02d\n", level, i, flops[level], 1 + i % 28,
                    10 + 2 * i + 5 * level);
    for (int i = 0; i < 5; i++) {
        fprintf(f, "v0-%d,%s,2024-09-%02d,0.%02d\n", i, flops[0], 1 + i, 20 + i);
        fprintf(f, "v3-%d,%s,2024-09-%02d,0.%02d\n", i, flops[3], 1 + i, 40 + i);
    }
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    snprintf(app.set.scheme, sizeof app.set.scheme, "2024-06-01");
    tui_app_run(&app, tui_action_by_name("split"), NULL);
    wait_idle();
    ck_assert_int_eq(app.split_on, 1);
    ck_assert_int_eq(app.split_ok, 1);
    /* However the four levels merge, the lowest and the highest lie in the
     * first and the last bin, and the bins between get no validation row. */
    size_t n_bins = app.split.is_cov.n_bins;
    ck_assert_uint_ge(n_bins, 3);
    ck_assert_uint_eq(app.split.oos_cov.n_bins, n_bins);
    render(120, 40);
    char text[8192], all[32];
    pane_text(TUI_PANE_PLOT, text, sizeof text);
    snprintf(all, sizeof all, " %zu bins", n_bins);
    ck_assert_msg(strstr(text, "out-of-sample"), "%s", text);
    ck_assert_msg(strstr(text, " 2 bins"), "%s", text);
    ck_assert_msg(!strstr(text, all), "%s", text);
    stop();
    unlink(path);
}
END_TEST

/* Rows at one compute make one coverage bin: "1 bin", not "1 bins". */
START_TEST(coverage_line_counts_one_bin)
{
    char path[256];
    FILE *f = temp_csv(path, sizeof path, "one-bin");
    fputs("model,flops,score\n", f);
    for (int i = 0; i < 12; i++)
        fprintf(f, "m%d,1e23,0.%02d\n", i, 10 + 5 * i);
    fclose(f);
    start(path, CS_CHARSET_ASCII);
    render(120, 40);
    const cs_coverage *cov = tui_app_full_coverage(&app);
    ck_assert_ptr_nonnull(cov);
    ck_assert_uint_eq(cov->n_bins, 1);
    char text[8192];
    pane_text(TUI_PANE_PLOT, text, sizeof text);
    ck_assert_msg(strstr(text, " 1 bin ") || strstr(text, " 1 bin("), "%s", text);
    ck_assert_msg(!strstr(text, "1 bins"), "%s", text);
    stop();
    unlink(path);
}
END_TEST

/* PgDn pressed in a list pane moves by the rows that pane shows: at 80x24
 * the sampler shows fewer suggestions than the demo's design has. */
START_TEST(page_keys_move_by_the_pane_rows)
{
    start(NULL, CS_CHARSET_ASCII);
    render(80, 24);
    size_t n = app.design.n_picks;
    int page = m.panes[TUI_PANE_SAMPLER].rect.h - 2; /* under its title and header */
    ck_assert_int_ge(page, 1);
    ck_assert_uint_gt(n, (size_t)page);
    app.focus = TUI_PANE_SAMPLER;
    tui_manager_changed(&m, &app, TUI_CH_LAYOUT);
    tui_manager_key(&m, &app, TUI_KEY_PGDN);
    ck_assert_uint_eq(app.pick_sel, (size_t)page);
    tui_manager_key(&m, &app, TUI_KEY_END);
    ck_assert_uint_eq(app.pick_sel, n - 1);
    tui_manager_key(&m, &app, TUI_KEY_PGUP);
    ck_assert_uint_eq(app.pick_sel, n - 1 - (size_t)page);
    /* The selection stays in view: its row is drawn. */
    render(80, 24);
    ck_assert_int_le(m.panes[TUI_PANE_SAMPLER].top, (int)app.pick_sel);
    ck_assert_int_gt(m.panes[TUI_PANE_SAMPLER].top + page, (int)app.pick_sel);
    stop();
}
END_TEST

/* The plot pane keeps the points' dots from one frame to the next while
 * they stay the same (cs_plot_spec.points_key). After each kind of change
 * the pane's drawing must be the one a pane that keeps nothing draws (a
 * second manager, new for each comparison, draws from scratch): a kept
 * drawing that outlived its points would show the last task's, the old
 * score's, the whole set instead of the split's. */
static void plot_is_drawn_afresh(const char *after)
{
    tui_manager fresh;
    tui_manager_init(&fresh);
    tui_manager_resize(&fresh, &app, m.grid.cols, m.grid.rows);
    tui_manager_render(&fresh, &app);
    const tui_rect r = m.layout.plot;
    ck_assert_int_eq(r.w, fresh.layout.plot.w);
    ck_assert_int_eq(r.h, fresh.layout.plot.h);
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++) {
            const tui_cell *a = tui_grid_at(&m.grid, x, y), *b = tui_grid_at(&fresh.grid, x, y);
            ck_assert_msg(a->ch == b->ch && a->role == b->role && a->attr == b->attr,
                          "after %s: cell %d,%d is U+%04X role %d, drawn afresh U+%04X role %d", after, x, y,
                          a->ch, a->role, b->ch, b->role);
        }
    tui_manager_free(&fresh);
}

/* A command, its frame, then (settle) its background work done and the
 * frame after it. */
static void change_and_compare(const char *command, int settle)
{
    tui_manager_changed(&m, &app, tui_app_command(&app, command) | TUI_CH_STATUS);
    tui_manager_render(&m, &app);
    plot_is_drawn_afresh(command);
    while (settle && tui_app_busy(&app))
        tui_manager_changed(&m, &app, tui_app_idle(&app));
    tui_manager_render(&m, &app);
    plot_is_drawn_afresh(command);
}

START_TEST(kept_points_follow_every_change)
{
    start(NULL, CS_CHARSET_BRAILLE);
    render(120, 40);
    app.focus = TUI_PANE_PLOT;
    tui_manager_changed(&m, &app, TUI_CH_LAYOUT);
    tui_manager_render(&m, &app);
    plot_is_drawn_afresh("the start");
    static const char *const changes[] = {
        "cursor-right", "cursor-right", "zoom-in", "pan-left", "cursor-up", "reset-view",
        "task math", "cursor-right", "search code", "cancel", "split", "split-next", "cursor-right",
        "split", "task reasoning", "redraw",
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++)
        change_and_compare(changes[i], 1);
    /* A score entered and taken back: the same task, the same number of
     * points, one value changed. */
    long row = tui_app_cursor_row(&app);
    ck_assert_int_ge(row, 0);
    double y = app.ds->tasks[app.task].y[row];
    char score[512];
    snprintf(score, sizeof score, "score %s %s %g", app.ds->model[row], app.ds->tasks[app.task].name,
             y > 0.5 ? y - 0.4 : y + 0.4);
    change_and_compare(score, 0);
    ck_assert_double_eq_tol(app.ds->tasks[app.task].y[row], y > 0.5 ? y - 0.4 : y + 0.4, 1e-12);
    change_and_compare("cursor-left", 1);
    change_and_compare("undo", 1);
    ck_assert_double_eq(app.ds->tasks[app.task].y[row], y);
    stop();
}
END_TEST

/* The i-th "x,y" pair of the points attribute after marker in svg. */
static int svg_point(const char *svg, const char *marker, int i, double *x, double *y)
{
    const char *s = strstr(svg, marker);
    if (!s || !(s = strstr(s, "points=\"")))
        return 0;
    s += strlen("points=\"");
    for (int k = 0; k < i; k++) {
        s = strchr(s, ' ');
        if (!s)
            return 0;
        s++;
    }
    return sscanf(s, "%lf,%lf", x, y) == 2;
}

/* The SVG export shows the uncertainty band when the view does (b), both
 * bands around the boundary: at the middle of the view the band's upper
 * edge lies above the curve and its lower edge below (y grows down), and
 * the band after the suggestions lies within today's. */
START_TEST(svg_export_shows_the_band)
{
    start(NULL, CS_CHARSET_ASCII);
    char *svg = tui_export_svg(&app, 800, 500);
    ck_assert_ptr_null(strstr(svg, "class=\"band"));
    free(svg);
    tui_app_run(&app, tui_action_by_name("band"), NULL);
    wait_idle();
    const cs_fit *band_fit = NULL;
    ck_assert_ptr_nonnull(tui_app_band(&app, &band_fit));
    svg = tui_export_svg(&app, 800, 500);
    double cx, cy, ux, uy, lx, ly, aux, auy, alx, aly;
    /* 201 points along the top from the left, then 201 back along the bottom. */
    ck_assert(svg_point(svg, "stroke-width=\"2\"", 100, &cx, &cy));
    ck_assert(svg_point(svg, "class=\"band\"", 100, &ux, &uy));
    ck_assert(svg_point(svg, "class=\"band\"", 201 + 100, &lx, &ly));
    ck_assert(svg_point(svg, "class=\"band-after\"", 100, &aux, &auy));
    ck_assert(svg_point(svg, "class=\"band-after\"", 201 + 100, &alx, &aly));
    ck_assert(fabs(ux - cx) < 0.01 && fabs(lx - cx) < 0.01 && fabs(aux - cx) < 0.01);
    ck_assert_msg(uy <= cy + 0.01 && cy <= ly + 0.01, "band %g..%g, curve %g", uy, ly, cy);
    ck_assert_msg(uy < ly, "the band has no height: %g..%g", uy, ly);
    ck_assert_msg(uy <= auy + 0.01 && aly <= ly + 0.01, "after %g..%g outside today's %g..%g", auy, aly, uy, ly);
    free(svg);
    stop();
}
END_TEST

/* A data file whose task names hold what a name may: a quote, a comma and
 * a line break (RFC 4180), an escape sequence, UTF-8, and U+FFFF (valid
 * UTF-8, but not a character XML allows). */
static char data_path[64];

static void write_odd_data(void)
{
    snprintf(data_path, sizeof data_path, "/tmp/capscope-plot-pane-XXXXXX");
    int fd = mkstemp(data_path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    ck_assert_ptr_nonnull(f);
    fputs("model,flops,\"we \"\"odd\"\", task\ntwo\",\"esc\033[31mred\",\"\xc3\xbc" "n\xc3\xaf" "c\xc3\xb8" "d\xc3\xa9\xef\xbf\xbf\"\n",
          f);
    static const double acc[] = { 0.1, 0.3, 0.5, 0.7, 0.75 };
    for (int i = 0; i < 5; i++)
        fprintf(f, "m%d,1e%d,%g,%g,%g\n", i, 21 + i, acc[i], acc[i] + 0.05, acc[i] + 0.1);
    fclose(f);
}

static int has_control(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f)
            return 1;
    return 0;
}

/* The text export is the title line, then exactly the canvas's rows: a line
 * break or an escape sequence from a task name must not reach the file. */
START_TEST(text_export_title_is_one_clean_line)
{
    write_odd_data();
    cs_charset sets[2] = { CS_CHARSET_ASCII, CS_CHARSET_BRAILLE };
    for (int k = 0; k < 2; k++) {
        start(data_path, sets[k]);
        for (size_t t = 0; t < app.ds->n_tasks; t++) {
            tui_app_set_task(&app, t);
            wait_idle();
            char *txt = tui_export_text(&app, 60, 20);
            ck_assert_ptr_nonnull(txt);
            size_t lines = 0;
            for (const char *p = txt; *p; p++)
                lines += *p == '\n';
            ck_assert_msg(lines == 1 + 20, "task %zu, charset %d: %zu lines:\n%s", t, k, lines, txt);
            ck_assert_msg(strchr(txt, '\033') == NULL, "an escape sequence in the export");
            ck_assert(!has_control(txt, strcspn(txt, "\n")));
            if (sets[k] == CS_CHARSET_ASCII)
                for (const char *p = txt; *p; p++)
                    ck_assert_msg((unsigned char)*p < 0x80, "non-ASCII in an ascii export");
            free(txt);
        }
        stop();
    }
    unlink(data_path);
}
END_TEST

/* Characters XML 1.0 allows: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD,
 * U+10000..U+10FFFF (Extensible Markup Language 1.0, production [2]). */
static void assert_xml_chars(const char *s)
{
    const unsigned char *b = (const unsigned char *)s;
    while (*b) {
        uint32_t cp;
        size_t n = strlen((const char *)b), used = cs_utf8_decode((const char *)b, n, &cp);
        ck_assert_msg(!(cp == 0xFFFD && !(used == 3 && b[0] == 0xEF && b[1] == 0xBF && b[2] == 0xBD)),
                      "malformed UTF-8 in the SVG");
        int ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
        ck_assert_msg(ok, "U+%04X is not an XML character", (unsigned)cp);
        b += used;
    }
}

/* The exports byte for byte: tests/golden/export_demo.svg and .csv are the
 * demo's first view, export_odd.csv the table of the odd names above, as
 * the TUI wrote them (commit 0f24793) before the SVG drawing moved to the
 * renderer (svg.h) and the CSV fields to csvwrite.h: a move that changes
 * no byte. The CSVs' lines then ended in CRLF; they end in LF since, as
 * capscope fit --format csv's do (the goldens lost their CRs and nothing
 * else). CAPSCOPE_UPDATE_GOLDEN=1 rewrites them (golden.h) after a deliberate
 * change (then look at them: the SVG in a browser). */
static void export_golden(const char *name, char *got)
{
    ck_assert_ptr_nonnull(got);
    golden_check(name, got, strlen(got));
    free(got);
}

START_TEST(exports_match_their_golden_bytes)
{
    start(NULL, CS_CHARSET_BRAILLE);
    export_golden("export_demo.svg", tui_export_svg(&app, 800, 500));
    export_golden("export_demo.csv", tui_export_csv(&app));
    stop();
    write_odd_data();
    start(data_path, CS_CHARSET_BRAILLE);
    export_golden("export_odd.csv", tui_export_csv(&app));
    stop();
    unlink(data_path);
}
END_TEST

START_TEST(svg_export_holds_only_xml_characters)
{
    write_odd_data();
    start(data_path, CS_CHARSET_BRAILLE);
    for (size_t t = 0; t < app.ds->n_tasks; t++) {
        tui_app_set_task(&app, t);
        wait_idle();
        char *svg = tui_export_svg(&app, 800, 500);
        ck_assert_ptr_nonnull(svg);
        assert_xml_chars(svg);
        free(svg);
    }
    /* The line break inside the first name separates words, as in the file. */
    tui_app_set_task(&app, 0);
    wait_idle();
    char *svg = tui_export_svg(&app, 800, 500);
    ck_assert_ptr_nonnull(strstr(svg, "task two"));
    free(svg);
    stop();
    unlink(data_path);
}
END_TEST

/* One RFC 4180 field from *p (which moves past it and its comma). */
static void csv_next(const char **p, char *out, size_t size)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '"') {
        for (s++; *s; s++) {
            if (*s == '"' && s[1] == '"')
                s++;
            else if (*s == '"') {
                s++;
                break;
            }
            if (n + 1 < size)
                out[n++] = *s;
        }
    } else
        for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++)
            if (n + 1 < size)
                out[n++] = *s;
    out[n] = '\0';
    if (*s == ',')
        s++;
    *p = s;
}

START_TEST(csv_export_quotes_odd_names)
{
    write_odd_data();
    start(data_path, CS_CHARSET_ASCII);
    char *csv = tui_export_csv(&app);
    ck_assert_ptr_nonnull(csv);
    ck_assert_ptr_null(strchr(csv, '\r')); /* lines end in LF, as --format csv's */
    const char *p = strchr(csv, '\n');
    ck_assert_ptr_nonnull(p);
    p += 1;
    for (size_t t = 0; t < app.ds->n_tasks; t++) {
        char field[256];
        csv_next(&p, field, sizeof field);
        ck_assert_str_eq(field, app.ds->tasks[t].name);
        int fields = 1;
        for (; *p && *p != '\n'; fields++)
            csv_next(&p, field, sizeof field);
        ck_assert_int_eq(fields, 15);
        ck_assert(p[0] == '\n');
        p += 1;
    }
    ck_assert_int_eq(*p, '\0');
    free(csv);
    stop();
    unlink(data_path);
}
END_TEST

/* The text of every <text class="CLASS" ...>LABEL</text>, and its x or y. */
static size_t svg_ticks(const char *svg, const char *cls, double *pos, char labels[][32], size_t cap)
{
    char open[64];
    snprintf(open, sizeof open, "<text class=\"%s\" ", cls);
    size_t n = 0;
    for (const char *p = strstr(svg, open); p && n < cap; p = strstr(p + 1, open)) {
        double x, y;
        ck_assert_int_eq(sscanf(p + strlen(open), "x=\"%lf\" y=\"%lf\"", &x, &y), 2);
        pos[n] = strcmp(cls, "xtick") == 0 ? x : y;
        const char *gt = strchr(p, '>'), *end = strstr(p, "</text>");
        snprintf(labels[n], 32, "%.*s", (int)(end - gt - 1), gt + 1);
        n++;
    }
    return n;
}

static void set_view(double x0, double x1, double y0, double y1)
{
    tui_view v = { x0, x1, y0, y1, 1 };
    app.view = v;
}

/* The SVG's axes label the view it shows, as the text plot does: within a
 * decade when zoomed in, at a finer step than quarters on a narrow
 * accuracy range, and not one label per decade across a hundred. The SVG
 * is 800 x 500 with margins 56 left, 16 right, 28 top, 44 bottom (export.c):
 * a plot area 728 x 428 from (56, 28), y labels 4 below their value's pixel. */
START_TEST(svg_ticks_follow_the_view)
{
    start(NULL, CS_CHARSET_BRAILLE);
    double pos[128];
    char labels[128][32];

    set_view(22.5, 22.9, 0.3, 0.45);
    char *svg = tui_export_svg(&app, 800, 500);
    size_t n = svg_ticks(svg, "xtick", pos, labels, 128);
    /* 10^22.5 = 3.16e22 .. 10^22.9 = 7.94e22: 5x10^22 (22.699) is a 1-2-5 multiple. */
    ck_assert_msg(n >= 2, "%zu x labels in a zoomed view", n);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(labels[i], "5\u00d710\u00b2\u00b2") == 0) {
            found = 1;
            ck_assert_double_eq_tol(pos[i], 56 + (log10(5e22) - 22.5) / 0.4 * 728, 0.01);
        }
    ck_assert_msg(found, "no 5x10^22 label");
    /* y in [0.3, 0.45]: quarters give one; 0.05 steps give 0.3 .. 0.45. */
    n = svg_ticks(svg, "ytick", pos, labels, 128);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(labels[1], "0.35");
    ck_assert_double_eq_tol(pos[1], 28 + (0.45 - 0.35) / 0.15 * 428 + 4, 0.01);
    free(svg);

    set_view(0, 100, 0, 1);
    svg = tui_export_svg(&app, 800, 500);
    n = svg_ticks(svg, "xtick", pos, labels, 128);
    ck_assert_msg(n >= 2 && n <= 728 / 60, "%zu x labels over 100 decades in 728 pixels", n);
    free(svg);
    stop();
}
END_TEST

/* A theme with a background of its own (dark: its `default` role paints
 * 233) must give every role a background, or the cells of a role without
 * one show the terminal's own background: a stripe of another colour
 * across the screen (a light one behind light text on a light terminal). */
START_TEST(dark_theme_paints_every_role_on_its_background)
{
    tui_theme t;
    cs_error err;
    ck_assert_msg(tui_theme_load(&t, SRCDIR "/themes/dark.yaml", &err) == 0, "%s", err.msg);
    tui_resolved base = tui_theme_resolve(&t, CS_STYLE_DEFAULT, 256, 0);
    ck_assert_int_eq(base.bg, 233);
    for (int colors = 8; colors <= 256; colors *= 2) {
        if (colors == 32 || colors == 64 || colors == 128)
            continue;
        for (int role = 0; role < TUI_ROLE_COUNT; role++) {
            tui_resolved r = tui_theme_resolve(&t, role, colors, 0);
            ck_assert_msg(r.bg != TUI_COLOR_DEFAULT, "role %d has the terminal's background at %d colours", role,
                          colors);
        }
    }
}
END_TEST

/* xterm's default colours (its 16, the 6x6x6 cube and the greys of 256)
 * as 0xRRGGBB, and the WCAG contrast of two of them. */
static unsigned xterm_rgb(int c)
{
    static const unsigned base[16] = { 0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
                                        0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                        0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff };
    if (c < 16)
        return base[c];
    if (c >= 232) {
        unsigned g = 8 + 10 * (unsigned)(c - 232);
        return g << 16 | g << 8 | g;
    }
    static const unsigned level[6] = { 0, 95, 135, 175, 215, 255 };
    c -= 16;
    return level[c / 36] << 16 | level[c / 6 % 6] << 8 | level[c % 6];
}

static double luminance(unsigned rgb)
{
    double w[3] = { 0.2126, 0.7152, 0.0722 }, l = 0;
    for (int i = 0; i < 3; i++) {
        double v = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
        l += w[i] * (v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4));
    }
    return l;
}

static double contrast(unsigned a, unsigned b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* The light theme is for dark text on a light background, on every number
 * of colours: TERM=xterm gives 8, and there its marked tasks and the
 * sampler's suggestions were bold yellow, which xterm shows bright yellow,
 * 1.07:1 on white (unreadable), its coverage warnings and on-target bins
 * yellow and green (1.7:1, 2.2:1). Every role's text must reach 3:1 (WCAG's
 * least, for large text) against its background in xterm's own colours,
 * the terminal's default taken as black on white, bold as xterm draws it
 * (one of the first 8 colours as its bright one). The band alone is left
 * out: a faint shade behind the points, on purpose (153 at 256, 1.5:1). */
START_TEST(light_theme_text_reads_on_a_light_background)
{
    tui_theme t;
    cs_error err;
    ck_assert_msg(tui_theme_load(&t, SRCDIR "/themes/light.yaml", &err) == 0, "%s", err.msg);
    const int counts[] = { 8, 16, 256 };
    char faults[2048] = "";
    size_t used = 0;
    for (size_t k = 0; k < sizeof counts / sizeof *counts; k++)
        for (int role = 0; role < TUI_ROLE_COUNT; role++) {
            if (role == CS_STYLE_BAND)
                continue;
            tui_resolved r = tui_theme_resolve(&t, role, counts[k], 0);
            int fg = r.fg, bg = r.bg;
            if ((r.attrs & TUI_A_BOLD) && fg >= 0 && fg < 8)
                fg += 8;
            unsigned f = fg == TUI_COLOR_DEFAULT ? 0x000000 : xterm_rgb(fg);
            unsigned b = bg == TUI_COLOR_DEFAULT ? 0xffffff : xterm_rgb(bg);
            if (r.attrs & TUI_A_REVERSE) {
                unsigned swap = f;
                f = b;
                b = swap;
            }
            double ratio = contrast(f, b);
            if (ratio < 3.0 && used < sizeof faults)
                used += (size_t)snprintf(faults + used, sizeof faults - used, " %s at %d colours: %06x on %06x is %.2f:1;",
                                         tui_role_name(role), counts[k], f, b, ratio);
        }
    ck_assert_msg(used == 0, "light theme:%s", faults);
}
END_TEST

/* A role drawn in a colour of its own on a background of its own reads at
 * 256 colours in every shipped theme and the built-in one, bold drawn as
 * xterm, iTerm2, Terminal.app and PuTTY draw it by default: colours 0-7
 * bright. The focused pane's title was bold black (0) on 75, and the dark
 * theme's on 117, which those show grey, #7f7f7f: 1.7:1 and 2.5:1, the
 * title that says where the keys go. The band is left out, as above. */
START_TEST(own_backgrounds_read_with_bold_bright)
{
    const char *names[] = { "default", "light", "dark", "monochrome", NULL };
    char faults[2048] = "";
    size_t used = 0;
    for (int i = 0; i < 5; i++) {
        tui_theme t;
        cs_error err;
        char path[1024];
        if (names[i]) {
            snprintf(path, sizeof path, "%s/themes/%s.yaml", SRCDIR, names[i]);
            ck_assert_msg(tui_theme_load(&t, path, &err) == 0, "%s: %s", path, err.msg);
        } else
            ck_assert_int_eq(tui_theme_builtin(&t), 0);
        for (int role = 0; role < TUI_ROLE_COUNT; role++) {
            tui_resolved r = tui_theme_resolve(&t, role, 256, 0);
            if (role == CS_STYLE_BAND || r.fg == TUI_COLOR_DEFAULT || r.bg == TUI_COLOR_DEFAULT)
                continue;
            int fg = (r.attrs & TUI_A_BOLD) && r.fg < 8 ? r.fg + 8 : r.fg;
            double ratio = contrast(xterm_rgb(fg), xterm_rgb(r.bg));
            if (ratio < 3.0 && used < sizeof faults)
                used += (size_t)snprintf(faults + used, sizeof faults - used, " %s: %s %d on %d is %.2f:1;",
                                         names[i] ? names[i] : "built-in", tui_role_name(role), fg, r.bg, ratio);
        }
    }
    ck_assert_msg(used == 0, "%s", faults);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("plot pane");
    TCase *tc = tcase_create("pane");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, band_outside_the_view_is_not_drawn);
    tcase_add_test(tc, pick_at_the_right_edge_is_ticked);
    tcase_add_test(tc, svg_export_shows_the_band);
    tcase_add_test(tc, text_export_title_is_one_clean_line);
    tcase_add_test(tc, quantile_labels_are_the_levels_given);
    tcase_add_test(tc, validation_boundary_is_named);
    tcase_add_test(tc, quantiles_on_a_task_too_small_say_none_is_drawn);
    tcase_add_test(tc, failed_fit_reason_is_cut_at_a_whole_character);
    tcase_add_test(tc, marked_boundaries_are_named);
    tcase_add_test(tc, unnamed_boundaries_are_counted);
    tcase_add_test(tc, unnamed_overlays_are_not_counted_as_marked_tasks);
    tcase_add_test(tc, band_does_not_show_through_labels);
    tcase_add_test(tc, band_without_suggestions_has_no_inner_shade);
    tcase_add_test(tc, band_status_follows_the_computation);
    tcase_add_test(tc, band_without_a_boundary_says_so);
    tcase_add_test(tc, cheap_picks_do_not_read_as_free);
    tcase_add_test(tc, svg_export_holds_only_xml_characters);
    tcase_add_test(tc, exports_match_their_golden_bytes);
    tcase_add_test(tc, csv_export_quotes_odd_names);
    tcase_add_test(tc, svg_ticks_follow_the_view);
    tcase_add_test(tc, dark_theme_paints_every_role_on_its_background);
    tcase_add_test(tc, light_theme_text_reads_on_a_light_background);
    tcase_add_test(tc, own_backgrounds_read_with_bold_bright);
    tcase_add_test(tc, sampler_says_why_it_picks_nothing);
    tcase_add_test(tc, coverage_line_counts_one_bin);
    tcase_add_test(tc, coverage_line_counts_judged_out_of_sample_bins);
    tcase_add_test(tc, page_keys_move_by_the_pane_rows);
    tcase_add_test(tc, kept_points_follow_every_change);
    tcase_add_test(tc, ranks_side_by_side_do_not_read_as_one_number);
    tcase_add_test(tc, text_export_has_the_suggestions_row);
    tcase_add_test(tc, svg_export_marks_the_suggestions);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
