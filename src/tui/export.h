/* export.h - `:export`: the current view written to a file, atomically.
 *
 * FILE.csv gets the fit table (one row per task at the current tau),
 * FILE.svg the plot as SVG, any other name the plot as text (the canvas the
 * plot pane shows, in the current charset). A file the user named may be
 * replaced (atomically: temporary file, fsync, rename); without a name a
 * fresh one is chosen (capscope-TASK.txt, -2, -3, ...) and nothing is ever
 * replaced. No curses.
 */
#ifndef CAPSCOPE_TUI_EXPORT_H
#define CAPSCOPE_TUI_EXPORT_H

#include <stddef.h>

#include "capscope/error.h"
#include "tui/app.h"

/* The fit table as CSV (caller frees). */
char *tui_export_csv(const tui_app *app);
/* The plot as text, cols x rows cells (caller frees). */
char *tui_export_text(tui_app *app, int cols, int rows);
/* The plot as an SVG document, width x height pixels (caller frees). */
char *tui_export_svg(tui_app *app, int width, int height);

/* Write the export; name NULL or "": choose a fresh name. *written receives
 * the path used (caller frees). Returns 0 or -1 with err. */
int tui_export(tui_app *app, const char *name, char **written, cs_error *err);

#endif
