/* test_plot_pane.c - the TUI's plot pane and :export, off screen: what the
 * plot pane draws in a zoomed or panned view, and that the exported text,
 * SVG and CSV stay well formed whatever the data file's names hold.
 *
 * Expected values come from the rules in pane.h, export.h and plot.h worked
 * by hand (which rows a value falls in, which bytes XML 1.0 allows), not
 * from the program's own output. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/export.h"
#include "tui/keys.h"
#include "tui/pane.h"

static tui_app app;
static tui_manager m;

static void wait_idle(void)
{
    while (tui_app_busy(&app))
        tui_app_idle(&app);
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

static Suite *suite(void)
{
    Suite *s = suite_create("plot pane");
    TCase *tc = tcase_create("pane");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, band_outside_the_view_is_not_drawn);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
