/* settle.h - a tui_app's background work run as the TUI's loop runs it
 * while no key comes (src/tui/tui.c), for test_actions, test_tui_logic,
 * test_tui_screen and test_plot_pane.
 *
 * The loop calls tui_app_idle() while tui_app_busy() holds, and naps only
 * when the round found nothing to do and the worker has a job
 * (tui_app_waiting). So busy() with nothing for idle() to do (no job in the
 * worker, none started, nothing applied) is a loop at full CPU that never
 * ends: here it fails the test, rather than hanging it or letting a
 * "while busy, idle" loop spin until the suite's timeout. Twice in a row,
 * since the round that starts nothing may still have changed what the next
 * one sees.
 */
#ifndef CAPSCOPE_TESTS_SETTLE_H
#define CAPSCOPE_TESTS_SETTLE_H

#include <check.h>

#include "tui/app.h"

/* One round of the loop; *empty counts the rounds in a row that did
 * nothing and started nothing (start it at 0). Also for a loop that waits
 * for something else than busy() to end (a fit to start, two fits done):
 * it fails when the work stops short of that, rather than hanging. */
static inline void settle_step(tui_app *app, int *empty)
{
    if (tui_app_idle(app) == TUI_CH_NONE && !tui_app_waiting(app)) {
        ck_assert_msg(++*empty < 2,
                      "the background work is stuck: idle() had nothing to do twice in a row, busy() %d "
                      "(fitting %d; task %zu's fit state %d; split on/dirty/running %d/%d/%d; "
                      "quantiles shown/dirty %d/%d; design dirty/running %d/%d; drift running %d)",
                      tui_app_busy(app), app->fitting, app->task, app->ds ? app->fits[app->task].state : -1,
                      app->split_on, app->split_dirty, app->split_running, app->show_quantiles, app->qfit_dirty,
                      app->design_dirty, app->design_running, app->drift_running);
    } else
        *empty = 0;
}

/* The background work run to its end. */
static inline void settle_app(tui_app *app)
{
    int empty = 0;
    while (tui_app_busy(app))
        settle_step(app, &empty);
}

#endif
