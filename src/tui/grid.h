/* grid.h - the screen as a grid of cells, drawn by the panes without curses.
 *
 * Panes draw into a grid; the curses layer copies changed rectangles to the
 * terminal, and golden tests turn a grid into text. A cell's role is a
 * cs_style (plot roles) or one of the interface roles below; themes map
 * roles to colours and attributes.
 */
#ifndef CAPSCOPE_TUI_GRID_H
#define CAPSCOPE_TUI_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/canvas.h"
#include "tui/layout.h"

typedef enum tui_role {
    TUI_ROLE_TITLE = CS_STYLE_COUNT,   /* pane title, unfocused */
    TUI_ROLE_TITLE_FOCUS,
    TUI_ROLE_SELECTED,                 /* selected row */
    TUI_ROLE_MARKED,                   /* marked (toggled) rows */
    TUI_ROLE_STATUS,                   /* the status line */
    TUI_ROLE_BAR,                      /* the key bar */
    TUI_ROLE_ERROR,
    TUI_ROLE_DIM,
    TUI_ROLE_KEY,                      /* key names in the bar and help */
    TUI_ROLE_HEADER,                   /* column headers */
    TUI_ROLE_SPARK,                    /* sparklines */
    TUI_ROLE_COV_GOOD,                 /* coverage error below 0.02 */
    TUI_ROLE_COV_WARN,                 /* 0.02 to 0.05 */
    TUI_ROLE_COV_BAD,                  /* above 0.05 */
    TUI_ROLE_COUNT
} tui_role;

/* Name of a role as used in theme files ("point", "title_focus"); NULL if out of range. */
const char *tui_role_name(int role);
int tui_role_parse(const char *name);

enum { TUI_ATTR_DENSE = CS_ATTR_DENSE };

typedef struct tui_cell {
    uint32_t ch;
    uint8_t role;
    uint8_t attr;
} tui_cell;

typedef struct tui_grid {
    int cols, rows;
    int ascii;              /* everything outside printable ASCII becomes '?' */
    tui_cell *cells;
} tui_grid;

int tui_grid_init(tui_grid *g, int cols, int rows, int ascii);
void tui_grid_free(tui_grid *g);
tui_cell *tui_grid_at(tui_grid *g, int x, int y);   /* NULL outside */

void tui_grid_fill(tui_grid *g, tui_rect r, uint32_t ch, int role);
void tui_grid_put(tui_grid *g, int x, int y, uint32_t ch, int role);
/* UTF-8 text from (x, y), at most maxw columns; control characters shown as '?'.
 * Returns the columns written. */
int tui_grid_text(tui_grid *g, int x, int y, int maxw, const char *utf8, int role);
/* Text padded with the role's background to exactly w columns. */
void tui_grid_line(tui_grid *g, int x, int y, int w, const char *utf8, int role);
/* Copy a finished canvas into the grid at (x, y). */
void tui_grid_blit(tui_grid *g, int x, int y, const cs_canvas *c);
/* Rows joined by '\n', trailing spaces trimmed (caller frees). */
char *tui_grid_to_text(const tui_grid *g, tui_rect r);

/* Display width of UTF-8 text as the grid counts it (one column per code point). */
int tui_text_width(const char *utf8);

#endif
