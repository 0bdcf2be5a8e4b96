/* term.c - ncurses: setup, theme colours, blitting, keys and mouse. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "tui/keys.h"
#include "tui/term.h"

int tui_term_check(char *msg, size_t size)
{
    const char *term = getenv("TERM");
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(msg, size, "the interactive interface needs a terminal on standard input and output");
        return -1;
    }
    if (!term || !*term) {
        snprintf(msg, size, "TERM is not set, so the terminal cannot be driven");
        return -1;
    }
    int err = 0;
    if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) {
        snprintf(msg, size, "terminal '%s' is not known to terminfo", term);
        return -1;
    }
    const char *cup = tigetstr("cup");
    int dumb = strcmp(term, "dumb") == 0 || !cup || cup == (char *)-1;
    del_curterm(cur_term);
    if (dumb) {
        snprintf(msg, size, "terminal '%s' cannot position the cursor", term);
        return -1;
    }
    return 0;
}

void tui_term_mouse(int on)
{
    if (on)
        mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    else
        mousemask(0, NULL);
    mouseinterval(0);
}

int tui_term_open(tui_term *t, int mouse)
{
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return -1;
    t->screen = screen;
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    leaveok(stdscr, FALSE);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    tui_term_mouse(mouse);
    return 0;
}

void tui_term_close(tui_term *t)
{
    if (!t->screen)
        return;
    curs_set(1);
    endwin();
    delscreen(t->screen);
    t->screen = NULL;
}

void tui_term_size(int *cols, int *rows)
{
    getmaxyx(stdscr, *rows, *cols);
}

void tui_term_theme(tui_term *term, const tui_theme *t, int no_color)
{
    int colors = has_colors() ? COLORS : 0;
    for (int r = 0; r < TUI_ROLE_COUNT; r++) {
        tui_resolved res = tui_theme_resolve(t, r, colors, no_color);
        attr_t a = A_NORMAL;
        if (res.attrs & TUI_A_BOLD)
            a |= A_BOLD;
        if (res.attrs & TUI_A_REVERSE)
            a |= A_REVERSE;
        if (res.attrs & TUI_A_UNDERLINE)
            a |= A_UNDERLINE;
        if (res.attrs & TUI_A_DIM)
            a |= A_DIM;
#ifdef A_ITALIC
        if (res.attrs & TUI_A_ITALIC)
            a |= A_ITALIC;
#endif
        term->attr[r] = a;
        term->pair[r] = 0;
        if (colors >= 8 && !no_color && r + 1 < COLOR_PAIRS &&
            (res.fg != TUI_COLOR_DEFAULT || res.bg != TUI_COLOR_DEFAULT)) {
            init_pair((short)(r + 1), (short)res.fg, (short)res.bg);
            term->pair[r] = (short)(r + 1);
        }
    }
}

void tui_term_blit(const tui_term *t, const tui_grid *g, const tui_rect *rects, int n, int all)
{
    tui_rect whole = { 0, 0, g->cols, g->rows };
    if (all) {
        rects = &whole;
        n = 1;
    }
    int maxy, maxx;
    getmaxyx(stdscr, maxy, maxx);
    for (int k = 0; k < n; k++) {
        tui_rect r = rects[k];
        for (int y = r.y; y < r.y + r.h && y < maxy && y < g->rows; y++)
            for (int x = r.x; x < r.x + r.w && x < maxx && x < g->cols; x++) {
                const tui_cell *c = &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
                int role = c->role < TUI_ROLE_COUNT ? c->role : 0;
                wchar_t wc[2] = { (wchar_t)c->ch, 0 };
                attr_t a = (attr_t)t->attr[role];
                if (c->attr & TUI_ATTR_DENSE)
                    a |= A_BOLD;
                cchar_t cc;
                setcchar(&cc, wc, a, t->pair[role], NULL);
                mvadd_wch(y, x, &cc);
            }
    }
}

void tui_term_flush(int x, int y)
{
    if (x >= 0 && y >= 0) {
        move(y, x);
        curs_set(1);
    } else
        curs_set(0);
    wnoutrefresh(stdscr);
    doupdate();
}

static int translate(int ch)
{
    switch (ch) {
    case KEY_UP: return TUI_KEY_UP;
    case KEY_DOWN: return TUI_KEY_DOWN;
    case KEY_LEFT: return TUI_KEY_LEFT;
    case KEY_RIGHT: return TUI_KEY_RIGHT;
    case KEY_PPAGE: return TUI_KEY_PGUP;
    case KEY_NPAGE: return TUI_KEY_PGDN;
    case KEY_HOME: return TUI_KEY_HOME;
    case KEY_END: return TUI_KEY_END;
    case KEY_BACKSPACE: return TUI_KEY_BACKSPACE;
    case KEY_DC: return TUI_KEY_DELETE;
    case KEY_IC: return TUI_KEY_INSERT;
    case KEY_BTAB: return TUI_KEY_BTAB;
    case KEY_SLEFT: return TUI_KEY_S_LEFT;
    case KEY_SRIGHT: return TUI_KEY_S_RIGHT;
    case KEY_SR: return TUI_KEY_S_UP;
    case KEY_SF: return TUI_KEY_S_DOWN;
    case KEY_ENTER: return TUI_KEY_ENTER;
    case KEY_RESIZE: return TUI_KEY_RESIZE;
    default:
        if (ch >= KEY_F(1) && ch <= KEY_F(12))
            return TUI_KEY_F1 + (ch - KEY_F(1));
        return TUI_KEY_NONE;
    }
}

int tui_term_hungup(void)
{
    struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
    if (poll(&p, 1, 0) < 0)
        return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int tui_term_read(tui_event *ev, int timeout_ms)
{
    timeout(timeout_ms);
    wint_t wc;
    int rc = get_wch(&wc);
    if (rc == ERR)
        return 0;
    *ev = (tui_event){ .kind = TUI_EV_KEY };
    if (rc == KEY_CODE_YES) {
        if (wc == KEY_MOUSE) {
            MEVENT me;
            if (getmouse(&me) != OK)
                return 0;
            ev->x = me.x;
            ev->y = me.y;
            if (me.bstate & BUTTON4_PRESSED)
                ev->kind = TUI_EV_WHEEL_UP;
            else if (me.bstate & BUTTON5_PRESSED)
                ev->kind = TUI_EV_WHEEL_DOWN;
            else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
                ev->kind = TUI_EV_CLICK;
            else
                return 0;
            return 1;
        }
        ev->key = translate((int)wc);
        return ev->key != TUI_KEY_NONE;
    }
    if (wc == '\r' || wc == '\n')
        ev->key = TUI_KEY_ENTER;
    else if (wc == 127 || wc == 8)
        ev->key = TUI_KEY_BACKSPACE;
    else
        ev->key = (int)wc;
    return 1;
}

void tui_term_suspend(void)
{
    endwin();
}

void tui_term_resume(void)
{
    refresh();
    clearok(curscr, TRUE);
}

void tui_term_resize(int cols, int rows)
{
    resizeterm(rows, cols);
}

void tui_term_invalidate(void)
{
    clearok(curscr, TRUE);
}
