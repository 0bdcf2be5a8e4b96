/* term.h - the only curses code: terminal setup, colours, blitting the grid,
 * reading keys and mouse events. */
#ifndef CAPSCOPE_TUI_TERM_H
#define CAPSCOPE_TUI_TERM_H

#include "tui/grid.h"
#include "tui/replay.h"
#include "tui/theme.h"

/* The terminal's state: the curses screen and each role's attributes. */
typedef struct tui_term {
    void *screen;                        /* SCREEN * */
    unsigned long attr[TUI_ROLE_COUNT];  /* attr_t */
    short pair[TUI_ROLE_COUNT];
} tui_term;

/* Check that the terminal can run the TUI. Returns 0, or -1 with a message for the user in msg. */
int tui_term_check(char *msg, size_t size);

int tui_term_open(tui_term *t, int mouse);
void tui_term_close(tui_term *t);
void tui_term_size(int *cols, int *rows);
void tui_term_mouse(int on);

/* Colour pairs and attributes of every role from the theme. */
void tui_term_theme(tui_term *term, const tui_theme *t, int no_color);

/* Copy rectangles of the grid to the screen; all = everything, with clearok. */
void tui_term_blit(const tui_term *t, const tui_grid *g, const tui_rect *rects, int n, int all);
/* Show the terminal cursor at (x, y), or hide it when x < 0; then update the screen. */
void tui_term_flush(int x, int y);

/* Wait up to timeout_ms (0: poll, -1: forever) for a key or mouse event;
 * returns 1 with *ev filled, 0 on timeout or interruption. */
int tui_term_read(tui_event *ev, int timeout_ms);

/* The text of the paste that the last TUI_KEY_PASTE stands for: UTF-8,
 * newlines and all, as the terminal sent it; *cut is 1 when it was longer
 * than capscope keeps. Valid until the next read. */
const char *tui_term_pasted(int *cut);

/* The terminal has gone (hung up, closed): polled when no key came, since
 * a hangup only signals the session leader, and a program whose shell
 * ignores SIGHUP would otherwise spin on a dead terminal. */
int tui_term_hungup(void);

/* Leave curses mode for a suspend, and come back. */
void tui_term_suspend(void);
void tui_term_resume(void);
/* Redraw everything at the next update (C-l, after a resize or a suspend). */
void tui_term_invalidate(void);
/* Pretend the terminal is cols x rows (replay's <Resize>). */
void tui_term_resize(int cols, int rows);

#endif
