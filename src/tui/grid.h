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
#include "capscope/textwidth.h"
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
    TUI_ROLE_MORE,                     /* the mark of a list that goes on (pane.h) */
    TUI_ROLE_COUNT
} tui_role;

/* Name of a role as used in theme files ("point", "title_focus"); NULL if out of range. */
const char *tui_role_name(int role);
int tui_role_parse(const char *name);

enum { TUI_ATTR_DENSE = CS_ATTR_DENSE };

typedef struct tui_cell {
    uint32_t ch;
    uint32_t mark[CS_CELL_MARKS];   /* combining marks drawn on ch; 0 ends them */
    uint8_t role;
    uint8_t attr;
} tui_cell;

typedef struct tui_grid {
    int cols, rows;
    int ascii;              /* everything outside printable ASCII becomes '?' */
    tui_cell *cells;
    cs_textwidth *width;    /* the one width rule (textwidth.h) */
} tui_grid;

/* g zeroed, or initialised before: a resize keeps its width object. */
int tui_grid_init(tui_grid *g, int cols, int rows, int ascii);
void tui_grid_free(tui_grid *g);
tui_cell *tui_grid_at(tui_grid *g, int x, int y);   /* NULL outside */

void tui_grid_fill(tui_grid *g, tui_rect r, uint32_t ch, int role);
void tui_grid_put(tui_grid *g, int x, int y, uint32_t ch, int role);
/* The right half of a double-width character lives in the cell after it
 * and holds this, as in a canvas: a terminal layer should skip these cells. */
#define TUI_CELL_WIDE_TAIL CS_CELL_WIDE_TAIL

/* UTF-8 text from (x, y), at most maxw display columns (textwidth.h), laid
 * out as on a canvas (cellrow.h): control characters shown as U+FFFD ('?'
 * in an ascii grid), a zero-width character (a combining accent) added to
 * the marks of the cell before it (dropped in an ascii grid, or with no
 * character before it in the text), a double-width character that does not
 * fit, or whose left half is before column 0, replaced by a space; an ascii
 * grid shows a double-width character as "??", so the layout is the same.
 * Returns the columns written. */
int tui_grid_text(tui_grid *g, int x, int y, int maxw, const char *utf8, int role);
/* Text padded with the role's background to exactly w columns. */
void tui_grid_line(tui_grid *g, int x, int y, int w, const char *utf8, int role);
/* Copy a finished canvas into the grid at (x, y). */
void tui_grid_blit(tui_grid *g, int x, int y, const cs_canvas *c);
/* Rows joined by '\n', trailing spaces trimmed (caller frees). */
char *tui_grid_to_text(const tui_grid *g, tui_rect r);

/* Display columns of one code point: 0 (combining), 1 or 2 (CJK, emoji),
 * by the one width rule (textwidth.h), the same in an ascii grid. */
int tui_grid_cp_width(const tui_grid *g, uint32_t cp);
/* Display width of UTF-8 text as this grid draws it. The grid's width
 * object serves every measure of a frame: opening one (newlocale) costs more
 * than measuring a line with it. */
int tui_grid_width(const tui_grid *g, const char *utf8);

/* Bytes of utf8 that go on a line of w columns (and at most max_bytes
 * bytes): all of it when it fits, else up to the last blank that fits (but
 * not one at its start), else (one long word) as many whole characters
 * (textwidth.h) as fit, at least one, so that a wrap always advances. */
size_t tui_grid_wrap(const tui_grid *g, const char *utf8, int w, size_t max_bytes);

/* How tui_grid_fit cuts and pads. */
enum {
    TUI_FIT_RIGHT = 1,      /* pad on the left (numbers, right-aligned) */
    TUI_FIT_MIDDLE = 2,     /* cut in the middle: names that share a prefix differ in their tail */
};
/* utf8 fitted into exactly w display columns of g: padded with spaces, or
 * cut at a character boundary with an ellipsis ("\u2026", '~' in an ASCII
 * grid) at the end or in the middle. Invalid UTF-8 becomes U+FFFD. Returns
 * out, always terminated; 4 * w + 4 bytes hold any result without combining
 * characters (past size the text ends early, never inside a character). */
char *tui_grid_fit(const tui_grid *g, const char *utf8, int w, int how, char *out, size_t size);

#endif
