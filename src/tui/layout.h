/* layout.h - where the panes go for a terminal size. No curses.
 *
 *   +- tasks ------+- plot -------------------+
 *   |              |                          |
 *   +- split ------+- sampler ----------------+
 *   status line (cursor, messages, progress)
 *   key bar or prompt
 */
#ifndef CAPSCOPE_TUI_LAYOUT_H
#define CAPSCOPE_TUI_LAYOUT_H

typedef struct tui_rect {
    int x, y, w, h;
} tui_rect;

#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 12

typedef struct tui_layout {
    int cols, rows;
    int too_small;          /* only the notice is shown */
    tui_rect tasks, plot, split, sampler, status, bar;
    int sep_x;              /* the vertical separator column, -1 when none */
} tui_layout;

/* maximized: the plot takes the whole area above the status line. */
void tui_layout_compute(int cols, int rows, int maximized, tui_layout *out);

int tui_rect_contains(const tui_rect *r, int x, int y);

#endif
