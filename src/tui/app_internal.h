/* app_internal.h - what the app's own files (app.c, app_*.c) share.
 *
 * The model is one struct split by idea over several files; these are the
 * few steps one file takes on behalf of another. Panes, handlers and tests
 * use app.h only.
 */
#ifndef CAPSCOPE_TUI_APP_INTERNAL_H
#define CAPSCOPE_TUI_APP_INTERNAL_H

#include "tui/app.h"

/* Free the points' arrays and zero them: nothing valid, nothing allocated. */
void tui_app_points_free(tui_points *p);

/* Every row by compute, built once per data set and kept until it is
 * unloaded (after the worker, which reads it, is stopped); NULL when out
 * of memory. */
const size_t *tui_app_rows_by_z(tui_app *app);
const size_t *tui_app_rows_by_z_ready(const tui_app *app);

/* Fill app->train and app->val with split app->split_k (clamped to the
 * scheme's splits) of app->scheme; -1 when there is no scheme or no split. */
int tui_app_split_masks(tui_app *app);

/* Hand a job to the worker (TUI_CH_NONE), or, when no thread can be had,
 * run it here and return what applying it changed. The job's inputs are
 * the worker's (or freed) either way. */
unsigned tui_app_launch(tui_app *app, tui_job *job);

/* The band (app_band.c), for the scheduler: 1 when it is shown and is to
 * be computed (again); its job queued (what changed); a finished band job
 * kept when it is still the band of what is shown (what changed). */
int tui_app_band_wanted(tui_app *app);
unsigned tui_app_start_band(tui_app *app);
unsigned tui_app_apply_band(tui_app *app, const tui_job *job);

#endif
