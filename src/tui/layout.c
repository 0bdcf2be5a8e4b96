/* layout.c - pane rectangles for a terminal size. */
#include "tui/layout.h"

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void tui_layout_compute(int cols, int rows, int maximized, tui_layout *out)
{
    *out = (tui_layout){ .cols = cols, .rows = rows, .sep_x = -1 };
    if (cols < TUI_MIN_COLS || rows < TUI_MIN_ROWS) {
        out->too_small = 1;
        return;
    }
    out->status = (tui_rect){ 0, rows - 2, cols, 1 };
    out->bar = (tui_rect){ 0, rows - 1, cols, 1 };
    int body = rows - 2;
    if (maximized) {
        out->plot = (tui_rect){ 0, 0, cols, body };
        return;
    }
    /* The left column holds the task list and the split; it grows slowly so
     * the plot keeps most of a wide terminal. */
    int left = clampi(cols * 3 / 10, 30, 44);
    if (cols - left - 1 < 30) /* the plot needs room more than the names do */
        left = cols - 31 < 20 ? 20 : cols - 31;
    out->sep_x = left;
    int right_x = left + 1, right_w = cols - right_x;
    int tasks_h = clampi(body * 11 / 20, 5, body - 5);
    out->tasks = (tui_rect){ 0, 0, left, tasks_h };
    out->split = (tui_rect){ 0, tasks_h, left, body - tasks_h };
    /* A quarter of the rows, up to the default 20 suggestions (the picks
     * setting) with the pane's title and header: more rows are the plot's. */
    int sampler_h = clampi(body / 4, 4, 20 + 2);
    out->plot = (tui_rect){ right_x, 0, right_w, body - sampler_h };
    out->sampler = (tui_rect){ right_x, body - sampler_h, right_w, sampler_h };
}

int tui_rect_contains(const tui_rect *r, int x, int y)
{
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}
