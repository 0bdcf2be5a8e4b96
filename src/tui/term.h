/* term.h - the only curses code: terminal setup, colours, blitting the grid,
 * reading keys and mouse events. */
#ifndef CAPSCOPE_TUI_TERM_H
#define CAPSCOPE_TUI_TERM_H

#include "tui/grid.h"
#include "tui/replay.h"
#include "tui/theme.h"

/* The terminal's state: the curses screen, each role's attributes, the
 * keys it reads (its interrupt character) and its bracketed paste (the
 * mode's strings, the text of the last paste): one struct per terminal,
 * filled by tui_term_open and freed by tui_term_close, rather than file
 * statics (the guide's no global mutable state below the TUI's top level). */
typedef struct tui_term {
    void *screen;                        /* SCREEN * */
    unsigned long attr[TUI_ROLE_COUNT];  /* attr_t */
    short pair[TUI_ROLE_COUNT];
    /* A blank in this role looks as a blank in the default role: the
     * default background, no reverse video, no underline. */
    unsigned char blank_plain[TUI_ROLE_COUNT];
    int intr_char;                       /* VINTR, read as a key; -1 none */
    int utf8_bytes;                      /* keys read as bytes, UTF-8 decoded here (C and UTF-8 locales) */
    const char *paste_on, *paste_off;    /* NULL: no bracketed paste */
    const char *paste_start, *paste_end; /* the markers around a paste (terminfo's PS, PE or xterm's) */
    char *pasted;                        /* the last paste, NUL-free UTF-8 */
    size_t pasted_len, pasted_cap;
    int pasted_cut;
    int pasting;                         /* a paste is being read, over turns of the loop */
    int paste_resized;                   /* a resize came in it, to be read after it */
    double paste_last_ms;                /* when its last character came (monotonic) */
} tui_term;

/* Check that the terminal can run the TUI. Returns 0, or -1 with a message for the user in msg. */
int tui_term_check(char *msg, size_t size);

/* Open curses on the terminal. Until tui_term_close, a crash (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGABRT) or SIGQUIT puts the terminal back as
 * the shell had it before going on to the action the signal had. */
int tui_term_open(tui_term *t, int mouse);
void tui_term_close(tui_term *t);
void tui_term_size(int *cols, int *rows);
void tui_term_mouse(int on);

/* The colours the terminal shows (0 without colour), as the theme's roles take them. */
int tui_term_colors(void);

/* Colour pairs and attributes of every role from the theme. */
void tui_term_theme(tui_term *term, const tui_theme *t, int no_color);

/* Copy rectangles of the grid to the screen; all = everything, with clearok. */
void tui_term_blit(const tui_term *t, const tui_grid *g, const tui_rect *rects, int n, int all);
/* Show the terminal cursor at (x, y), or hide it when x < 0; then update the screen. */
void tui_term_flush(int x, int y);

/* Wait up to timeout_ms (0: poll, -1: forever) for a key or mouse event;
 * returns 1 with *ev filled, 0 on timeout or interruption, or while a
 * paste is still coming: it is read over several calls, a bounded piece
 * each (so the caller's background work goes on), and its one
 * TUI_KEY_PASTE comes when it ends. */
int tui_term_read(tui_term *t, tui_event *ev, int timeout_ms);
/* Milliseconds on the monotonic clock: the loop's timings and the gaps
 * between a paste's bytes. */
double tui_now_ms(void);

/* The text of the paste that the last TUI_KEY_PASTE stands for: UTF-8,
 * newlines and all, as the terminal sent it; *cut is 1 when it was longer
 * than capscope keeps. Valid until the next read. */
const char *tui_term_pasted(const tui_term *t, int *cut);

/* The terminal has gone (hung up, closed): polled when no key came, since
 * a hangup only signals the session leader, and a program whose shell
 * ignores SIGHUP would otherwise spin on a dead terminal. */
int tui_term_hungup(void);

/* Leave curses mode for a suspend, and come back. */
void tui_term_suspend(tui_term *t);
void tui_term_resume(tui_term *t);
/* Redraw everything at the next update (C-l, after a resize or a suspend). */
void tui_term_invalidate(void);
/* Pretend the terminal is cols x rows (replay's <Resize>). */
void tui_term_resize(int cols, int rows);

#endif
