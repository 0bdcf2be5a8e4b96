/* export.h - `:export`: the current view written to a file, atomically.
 *
 * FILE.csv gets the fit table (one row per task at the current tau),
 * FILE.svg the plot as SVG, any other name the plot as text (the canvas the
 * plot pane shows, in the current charset); extensions in any case. A name
 * ending in the extension of a format not written (.png, .pdf, .json, ...)
 * is refused, as the plot as text would be written under it. Every
 * write is atomic (temporary file in the same directory, fsync, then link or
 * rename), and nothing of the user's is replaced by accident: a name that
 * exists is refused unless replacing was asked for, and even then only a
 * regular file is replaced, keeping its permission bits. The loaded data
 * file, its journal and the config file in use are never replaced. Without
 * a name a fresh one is chosen (capscope-TASK.txt, -2, -3, ...). No curses.
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

/* Write the export; name NULL or "": choose a fresh name. A file that
 * exists is never replaced. *written receives the path used (caller frees).
 * Returns 0 or -1 with err. */
int tui_export(tui_app *app, const char *name, char **written, cs_error *err);
/* The same, but with replace set a regular file that exists is replaced
 * (`:export FILE force`): deliberately, never by default. */
int tui_export_file(tui_app *app, const char *name, int replace, char **written, cs_error *err);

#endif
