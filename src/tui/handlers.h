/* handlers.h - the handlers of the action table (handlers.c). Private to the TUI. */
#ifndef CAPSCOPE_TUI_HANDLERS_H
#define CAPSCOPE_TUI_HANDLERS_H

#include "tui/action.h"

#define TUI_HANDLERS(X) \
    X(quit) X(help) X(command) X(search) X(search_next) X(search_prev) X(focus_next) \
    X(focus_prev) X(maximize) X(cancel) X(redraw) X(charset) X(theme) X(set) \
    X(task_down) X(task_up) X(task_mark) X(mark) X(unmark) X(task) X(tau) X(quantiles) X(predict) X(require) \
    X(cursor_left) X(cursor_right) X(cursor_up) X(cursor_down) X(zoom_in) X(zoom_out) \
    X(zoom_x_in) X(zoom_x_out) X(zoom_y_in) X(zoom_y_out) X(pan_left) X(pan_right) \
    X(pan_up) X(pan_down) X(reset_view) X(other_period) X(goto_model) \
    X(split) X(split_prev) X(split_next) X(scheme) X(cut) X(cut_day_back) X(cut_day_fwd) \
    X(cut_week_back) X(cut_week_fwd) X(cut_month_back) X(cut_month_fwd) \
    X(pick_down) X(pick_up) X(pick_show) X(budget) X(budget_abs) X(pool) \
    X(load) X(export) X(score) X(undo) X(help_down) X(help_up) X(help_page_down) X(help_page_up) \
    X(band) X(coverage_side) X(drift) X(drift_close) X(score_edit) X(weights) \
    X(task_first) X(task_last) X(task_page_down) X(task_page_up) \
    X(pick_first) X(pick_last) X(pick_page_down) X(pick_page_up) X(help_top) X(help_bottom) \
    X(messages)

#define TUI_DECLARE_HANDLER(name) unsigned tui_h_##name(tui_app *app, const char *arg);
TUI_HANDLERS(TUI_DECLARE_HANDLER)
#undef TUI_DECLARE_HANDLER

#endif
