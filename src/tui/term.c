/* term.c - ncurses: setup, theme colours, blitting, keys and mouse. */
#define _XOPEN_SOURCE_EXTENDED 1
#define _DEFAULT_SOURCE 1 /* on_exit */
#include "config.h"
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>
#include <term.h>

#include "capscope/canvas.h"
#include "capscope/progress.h"
#include "tui/keys.h"
#include "tui/term.h"

/* Bracketed paste (xterm's mode 2004): the terminal wraps pasted text in
 * Esc[200~ ... Esc[201~, so a pasted newline is not an Enter that runs the
 * prompt's line and sends the rest to the panes as keys. The mode belongs
 * to the terminal, not to the alternate screen: it is turned off whenever
 * curses mode is left (quit, suspend, a signal, an error after the start),
 * else the shell would get the markers around everything pasted into it.
 * Strings are from terminfo (BE/BD, PS/PE) when it has them; otherwise the
 * xterm ones are sent to any terminal that positions its cursor with CSI
 * sequences (ECMA-48, vt100, the Linux console), since those ignore a
 * private mode they do not implement; a terminal of another family is
 * never sent them. The strings and the last paste are the tui_term's. */
enum { CURSES_PASTE_START = KEY_MAX + 1, CURSES_PASTE_END = KEY_MAX + 2 };
/* A paste is at most this long (a line for the prompt, not a file), and
 * its end marker comes within this gap of the text before it, else the
 * paste is taken to have ended (a terminal that lost the marker). */
#define PASTE_MAX (1u << 20)
#define PASTE_GAP_MS 1000
/* At most this many characters of a paste are read in one turn of the
 * loop, which does a piece of the background work between turns: a paste
 * that keeps coming (a terminal that lost the end marker, a file of text)
 * must not hold up the fits and the sampler until it ends. */
#define PASTE_CHUNK 4096
/* The bytes of one UTF-8 character come in one write of the terminal's;
 * a lone lead byte is given up on after this long. */
#define UTF8_GAP_MS 50
/* How long a lone Esc waits for a key that would make it a sequence (an
 * arrow key, or Alt held down: Esc then the key): curses' escape delay. */
#define ESC_GAP_MS 25
/* How long each next byte of a sequence may take once Esc [ or Esc O has
 * come, for a key curses does not know and a mouse report alike: a slow
 * link, or ssh carrying a burst of wheel reports, cuts them between
 * packets, 50 ms apart and more. A sequence whose next byte takes longer
 * has stopped short and is dropped whole. Longer than the escape delay,
 * which every Esc pressed waits: this one only delays Alt+[ and Alt+O. */
#define SEQ_GAP_MS 100
/* An unknown sequence longer than this is no key: given up on. */
#define SEQ_MAX 64

/* C-c is turned into a key instead of SIGINT: only the input loop knows
 * whether the prompt is open (C-c cancels it) or not (C-c ends capscope
 * as before). Telling them apart in a signal handler cannot work, since a
 * C-c typed after `:` but before the loop reads the `:` would already have
 * been signalled. C-\ would send SIGQUIT, whose default ends the program
 * with a core dump and leaves the terminal in curses mode (no echo, the
 * alternate screen, the mouse on): a key typed by mistake must not do
 * that, so it becomes an ordinary key, bound to nothing. The shell's modes,
 * saved by newterm(), are what endwin() restores, so the shell gets both
 * keys back on a suspend and at exit; the signal handlers still serve
 * `kill -INT`. C-s is not left to the terminal's flow control either: it
 * stopped all output until a C-q, which looks like a hang. */
static void control_keys_as_keys(tui_term *t)
{
    struct termios tio;
    t->intr_char = -1;
    if (tcgetattr(STDIN_FILENO, &tio) < 0)
        return;
    cc_t intr = tio.c_cc[VINTR];
    tio.c_cc[VINTR] = _POSIX_VDISABLE;
    tio.c_cc[VQUIT] = _POSIX_VDISABLE;
    tio.c_iflag &= ~(tcflag_t)IXON;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &tio) == 0 && intr != _POSIX_VDISABLE)
        t->intr_char = intr;
    def_prog_mode(); /* what curses restores after a suspend */
}

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
        /* Mostly a terminal of its own (kitty, foot, alacritty, ghostty)
         * reached by ssh, whose entry this machine lacks: say how to go
         * on, with a TERM that this terminfo has and that such terminals
         * all understand. */
        static const char *const common[] = { "xterm-256color", "xterm" };
        const char *other = NULL;
        for (size_t i = 0; i < sizeof common / sizeof *common && !other; i++)
            if (setupterm((char *)common[i], STDOUT_FILENO, &err) == OK) {
                del_curterm(cur_term);
                other = common[i];
            }
        if (other)
            snprintf(msg, size,
                     "terminal '%s' is not known to terminfo; TERM=%s capscope works in most terminals, or "
                     "install its entry (infocmp -x on the machine it runs on, tic -x here)",
                     term, other);
        else
            snprintf(msg, size,
                     "terminal '%s' is not known to terminfo; install its entry (infocmp -x on the machine it "
                     "runs on, tic -x here)",
                     term);
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

static const char *cap(const char *name)
{
    const char *s = tigetstr((char *)name);
    return s && s != (char *)-1 && *s ? s : NULL;
}

/* mousemask switches the terminal's mouse reporting on and off, but a
 * terminal's reports are read here (read_sequence), not by curses: ncurses
 * 6.4 reads a report's body with read() right after its prefix and on to
 * its end, whatever the timeout, so a report cut short (Alt+[ then <, or
 * then M with TERM=screen) left the loop asleep until more keys came, and
 * those keys went into the report; and it dropped an event outside the
 * mask by reading on for the next one. So the prefix is no key of curses':
 * neither the terminfo one (kmous: Esc [< for xterm's SGR reports, Esc [M
 * for X10's) nor the one ncurses adds for a terminal named xterm without
 * one. The mask stays every button's for where curses still reads the
 * mouse itself (the Linux console's GPM), and tui_term_read passes over
 * the events nothing acts on. */
void tui_term_mouse(int on)
{
    if (on)
        mousemask(ALL_MOUSE_EVENTS, NULL);
    else
        mousemask(0, NULL);
    mouseinterval(0);
    const char *prefix[] = { cap("kmous"), "\033[M", "\033[<" };
    for (size_t i = 0; i < sizeof prefix / sizeof *prefix; i++)
        if (prefix[i] && key_defined(prefix[i]) == KEY_MOUSE)
            define_key(prefix[i], 0);
}

/* Written with write(2), not stdio: curses has flushed its own output
 * before these are called, and the terminal may be gone (a hangup); the
 * crash handler writes so too, write being what a handler may call. */
static void write_all(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static void bracketed_paste_setup(tui_term *t)
{
    const char *cup = cap("cup");
    int csi = cup && strncmp(cup, "\033[", 2) == 0;
    t->paste_on = cap("BE");
    t->paste_off = cap("BD");
    if (!t->paste_on || !t->paste_off) {
        t->paste_on = csi ? "\033[?2004h" : NULL;
        t->paste_off = csi ? "\033[?2004l" : NULL;
    }
    if (!t->paste_on)
        return;
    const char *start = cap("PS"), *end = cap("PE");
    t->paste_start = start ? start : "\033[200~";
    t->paste_end = end ? end : "\033[201~";
    define_key(t->paste_start, CURSES_PASTE_START);
    define_key(t->paste_end, CURSES_PASTE_END);
}

static void bracketed_paste(const tui_term *t, int on)
{
    const char *s = on ? t->paste_on : t->paste_off;
    if (s)
        write_all(s, strlen(s));
}

/* The other spellings of the editing keys that terminals and multiplexers
 * send whatever TERM's entry lists (htop binds the same): tmux sends Esc
 * [1~ and Esc [4~ for Home and End, and xterm-256color, often TERM inside
 * tmux, lists Esc OH and Esc OF only, so Home and End did nothing there
 * (the sequence skip dropped them); vt100's entry lists no Home, End,
 * PgUp, PgDn, Delete or F5-F12 at all, and vt100's and xterm-mono's no
 * Shift-Tab (kcbt), which xterm and tmux send as Esc [Z whatever TERM says.
 * Only a sequence the entry does not bind, nor begins a longer key of, is
 * added. */
static void alternate_keys(void)
{
    static const struct {
        const char *seq;
        int key;
    } alt[] = {
        { "\033[1~", KEY_HOME },  { "\033[7~", KEY_HOME },  { "\033[H", KEY_HOME },    { "\033OH", KEY_HOME },
        { "\033[4~", KEY_END },   { "\033[8~", KEY_END },   { "\033[F", KEY_END },     { "\033OF", KEY_END },
        { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE }, { "\033[3~", KEY_DC },     { "\033[2~", KEY_IC },
        { "\033OP", KEY_F(1) },   { "\033OQ", KEY_F(2) },   { "\033OR", KEY_F(3) },    { "\033OS", KEY_F(4) },
        { "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },  { "\033[14~", KEY_F(4) },
        { "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },  { "\033[19~", KEY_F(8) },
        { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
        { "\033[Z", KEY_BTAB },
    };
    for (size_t i = 0; i < sizeof alt / sizeof *alt; i++)
        if (key_defined(alt[i].seq) == 0)
            define_key(alt[i].seq, alt[i].key);
    /* The Linux console's entry binds Esc [Z as kcbt2, an extended key
     * with a code of its own past KEY_MAX, which no switch here knows. */
    if (key_defined("\033[Z") > KEY_MAX)
        define_key("\033[Z", KEY_BTAB);
}

/* A crash (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) or a kill -QUIT
 * (C-\ is a key here) ends capscope without the loop's close, and the
 * shell got the alternate screen, the mouse's reports, no echo and no C-c.
 * Their handler puts the terminal back with what a signal handler may
 * call: write(2) the strings that leave curses, made when the terminal
 * opens, and tcsetattr the modes from before curses; then the signal goes
 * on to the action it had (a core dump, a sanitizer's report). A handler
 * has no context, so this is term.c's one static, as readline's is
 * prompt.c's. */
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGQUIT };
#define N_CRASH (sizeof crash_signals / sizeof crash_signals[0])
static struct {
    volatile sig_atomic_t armed;
    int have_modes;
    struct termios modes; /* the shell's */
    char undo[512];       /* what leave_curses writes, padding and all */
    size_t undo_len;
    struct sigaction old[N_CRASH];
    int caught[N_CRASH];
    int exit_hooked;
} crash;

static void on_crash(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    if (crash.armed) {
        crash.armed = 0;
        write_all(crash.undo, crash.undo_len); /* padding may hold NULs: not strlen */
        if (crash.have_modes)
            tcsetattr(STDIN_FILENO, TCSADRAIN, &crash.modes);
    }
    for (size_t i = 0; i < N_CRASH; i++)
        if (crash_signals[i] == sig)
            sigaction(sig, &crash.old[i], NULL);
    /* A fault runs its instruction again on return, under the old action;
     * a signal that was sent (kill, raise, abort) is sent again, and so is
     * a quit from the terminal's own key (si_code SI_KERNEL, not <= 0),
     * which is no fault to run again. */
    if (!info || info->si_code <= 0 || sig == SIGQUIT)
        raise(sig);
}

/* A library that gives up ends the process with exit() of its own:
 * readline's xmalloc ("xmalloc: out of virtual memory", status 2) when an
 * allocation of the prompt's fails, at its first opening, a key or the
 * history. The loop's close never ran, and the shell got the alternate
 * screen, no echo and no C-c. So the crash handler's undo also runs at
 * exit while the terminal is the interface's (after the loop's close it is
 * disarmed and this does nothing). stdio's buffer goes out first; what
 * ncurses keeps in its own buffer is lost, which leaves nothing drawn
 * over the shell's screen. */
static void exit_armed(int status)
{
    if (!crash.armed)
        return;
    crash.armed = 0;
    fflush(stdout);
    write_all(crash.undo, crash.undo_len);
    if (crash.have_modes)
        tcsetattr(STDIN_FILENO, TCSADRAIN, &crash.modes);
    /* The library's own word ("xmalloc: out of virtual memory") was
     * written on the interface's screen, which the undo has just left:
     * the shell showed its prompt and nothing else. */
    if (status >= 0)
        fprintf(stderr, "capscope: the interface was ended by a library, with exit status %d; "
                        "what it wrote was on the interface's screen\n",
                status);
    else
        fputs("capscope: the interface was ended by a library; what it wrote was on the interface's "
              "screen\n",
              stderr);
}

#ifdef HAVE_ON_EXIT
static void on_exit_armed(int status, void *unused)
{
    (void)unused;
    exit_armed(status);
}
#define HOOK_EXIT() (on_exit(on_exit_armed, NULL) == 0)
#else
static void on_exit_armed(void)
{
    exit_armed(-1);
}
#define HOOK_EXIT() (atexit(on_exit_armed) == 0)
#endif

static int crash_put(int c)
{
    if (crash.undo_len < sizeof crash.undo)
        crash.undo[crash.undo_len++] = (char)c;
    return c;
}

static void crash_add(const char *s)
{
    if (s)
        tputs(s, 1, crash_put);
}

/* After curses is set up: its strings are known. The mouse's modes are
 * turned off as xterm numbers them on a terminal of CSI sequences, as
 * bracketed paste's are, whether or not the mouse is on now. A signal
 * the shell ignored (a background job's SIGQUIT) stays ignored. */
static void crash_arm(const tui_term *t)
{
    const char *cup = cap("cup");
    crash.undo_len = 0;
    crash_add(cap("sgr0"));
    crash_add(cap("cnorm"));
    crash_add(cap("rmkx"));
    if (cup && strncmp(cup, "\033[", 2) == 0)
        crash_add("\033[?1006l\033[?1003l\033[?1002l\033[?1000l");
    crash_add(t->paste_off);
    crash_add(cap("rmcup") ? cap("rmcup") : cap("clear"));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO;
    for (size_t i = 0; i < N_CRASH; i++) {
        crash.caught[i] = sigaction(crash_signals[i], NULL, &crash.old[i]) == 0 &&
                          crash.old[i].sa_handler != SIG_IGN &&
                          sigaction(crash_signals[i], &sa, NULL) == 0;
    }
    if (!crash.exit_hooked)
        crash.exit_hooked = HOOK_EXIT();
    crash.armed = 1;
}

static void crash_disarm(void)
{
    crash.armed = 0;
    for (size_t i = 0; i < N_CRASH; i++)
        if (crash.caught[i])
            sigaction(crash_signals[i], &crash.old[i], NULL);
    memset(crash.caught, 0, sizeof crash.caught);
}

int tui_term_open(tui_term *t, int mouse)
{
    t->screen = NULL;
    t->intr_char = -1;
    /* A single-byte locale without a character above 0x7f (C, POSIX), or
     * a UTF-8 one: there get_wch, given a character's first byte alone
     * (a paste the link cut in the middle of one), dropped it and what
     * followed in that read. */
    t->utf8_bytes = (MB_CUR_MAX == 1 && btowc(0xc3) == WEOF) || strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    t->paste_on = t->paste_off = NULL;
    t->paste_start = t->paste_end = NULL;
    t->pasted = NULL;
    t->pasted_len = t->pasted_cap = 0;
    t->pasted_cut = 0;
    t->pasting = t->paste_resized = 0;
    crash.have_modes = tcgetattr(STDIN_FILENO, &crash.modes) == 0;
    /* The terminal's size is what the terminal says (TIOCGWINSZ), at the
     * start and at every resize (follow_window_size). By default ncurses
     * takes LINES and COLUMNS from the environment over it, and a profile
     * or a program that ran capscope may have left them there, stale: a
     * 100x30 window was drawn as 60x20, or at 200x50, each row wrapping
     * into the next. With use_tioctl those variables are set from the
     * terminal instead (where it answers; else they still give the size). */
#if defined(NCURSES_VERSION_PATCH) && NCURSES_VERSION_PATCH >= 20120714
    use_tioctl(TRUE);
#endif
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen)
        return -1;
    t->screen = screen;
    set_term(screen);
    /* capscope never redefines a colour (no init_color): the terminal's
     * palette is the user's (a base16 or solarized theme set by the shell).
     * ncurses sends orig_colors when it comes back from endwin with colours
     * on, at every resume from C-z, and xterm's (OSC 104) resets that
     * palette to the terminal's defaults. The string is emptied in this
     * process's copy of the terminal's entry (what tigetstr returns is the
     * copy ncurses reads; term.h's orig_colors names another, unused). */
    char *reset_palette = tigetstr("oc");
    if (reset_palette && reset_palette != (char *)-1)
        reset_palette[0] = '\0';
    /* ncurses (6.4) flushes its output at every cursor move of an update
     * until the screen has once been left (endwin) and come back to: a
     * frame went out in a write(2) per move, each a packet of its own over
     * SSH with the packet's overheads (a plot cursor move in 3 or 4, a
     * task switch at 300x80 in 500). So the screen is left and come back
     * to at once, before anything is drawn. */
    endwin();
    doupdate();
    cbreak();
    control_keys_as_keys(t);
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    alternate_keys();
    set_escdelay(ESC_GAP_MS);
    curs_set(0);
    leaveok(stdscr, FALSE);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    tui_term_mouse(mouse);
    bracketed_paste_setup(t);
    bracketed_paste(t, 1);
    crash_arm(t);
    return 0;
}

static int put_byte(int c)
{
    return putchar(c);
}

/* Leave curses mode for the shell. A terminal without an alternate screen
 * (vt100, the Linux console, a serial line) keeps the last frame after
 * endwin(), with the cursor on the key bar: the shell's prompt and a
 * job's "Stopped" would be written into it. There the screen is cleared,
 * as the alternate screen's exit would have left no trace either. */
static void leave_curses(const tui_term *t)
{
    int keeps_frame = !cap("rmcup");
    endwin();
    bracketed_paste(t, 0);
    const char *clear_cap = cap("clear");
    if (keeps_frame && clear_cap) {
        tputs(clear_cap, LINES > 0 ? LINES : 1, put_byte);
        fflush(stdout);
    }
}

void tui_term_close(tui_term *t)
{
    if (!t->screen)
        return;
    crash_disarm();
    curs_set(1);
    leave_curses(t);
    delscreen(t->screen);
    t->screen = NULL;
    free(t->pasted);
    t->pasted = NULL;
    t->pasted_len = t->pasted_cap = 0;
    t->pasting = 0;
}

void tui_term_size(int *cols, int *rows)
{
    getmaxyx(stdscr, *rows, *cols);
}

int tui_term_colors(void)
{
    return has_colors() ? COLORS : 0;
}

void tui_term_theme(tui_term *term, const tui_theme *t, int no_color)
{
    int colors = tui_term_colors();
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
        term->blank_plain[r] = res.bg == TUI_COLOR_DEFAULT && !(res.attrs & (TUI_A_REVERSE | TUI_A_UNDERLINE));
        if (colors >= 8 && !no_color && r + 1 < COLOR_PAIRS &&
            (res.fg != TUI_COLOR_DEFAULT || res.bg != TUI_COLOR_DEFAULT)) {
            init_pair((short)(r + 1), (short)res.fg, (short)res.bg);
            term->pair[r] = (short)(r + 1);
        }
    }
}

/* A cell's attributes and colour pair as curses is given them. */
static void cell_look(const tui_term *t, const tui_cell *c, attr_t *a, short *pair)
{
    int role = c->role < TUI_ROLE_COUNT ? c->role : 0;
    *a = (attr_t)t->attr[role];
    if (c->attr & TUI_ATTR_DENSE)
        *a |= A_BOLD;
    *pair = t->pair[role];
}

/* The cell shows a blank the same in any look of a role whose blank is plain. */
static int plain_blank(const tui_term *t, const tui_cell *c)
{
    int role = c->role < TUI_ROLE_COUNT ? c->role : 0;
    return c->ch == ' ' && !c->mark[0] && t->blank_plain[role];
}

/* A cell whose look a plain blank can be written in and still look blank. */
static int lends_look(const tui_term *t, const tui_cell *c)
{
    int role = c->role < TUI_ROLE_COUNT ? c->role : 0;
    return c->ch != TUI_CELL_WIDE_TAIL && t->blank_plain[role];
}

/* The run of plain blanks that starts at x in row, within [from, to):
 * returns its end, and the look it is written in: that of the cells on
 * both sides of it when they look alike, so that the terminal is sent no
 * attribute change into the run and none out of it (a plot's dots have
 * spaces between them, bold where crowded: those changes were most of a
 * redraw's bytes). *pair is -1 when the run keeps its own look. */
static int blank_run(const tui_term *t, const tui_cell *row, int x, int from, int to, attr_t *a, short *pair)
{
    int end = x;
    while (end < to && plain_blank(t, &row[end]))
        end++;
    *pair = -1;
    if (x > from && end < to && lends_look(t, &row[x - 1]) && lends_look(t, &row[end])) {
        attr_t ra;
        short rp;
        cell_look(t, &row[x - 1], a, pair);
        cell_look(t, &row[end], &ra, &rp);
        if (ra != *a || rp != *pair)
            *pair = -1;
    }
    return end;
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
        int x_end = r.x + r.w;
        if (x_end > maxx)
            x_end = maxx;
        if (x_end > g->cols)
            x_end = g->cols;
        for (int y = r.y; y < r.y + r.h && y < maxy && y < g->rows; y++) {
            const tui_cell *row = &g->cells[(size_t)y * (size_t)g->cols];
            int run_end = r.x; /* the cells before it have been looked at for runs */
            attr_t run_a = A_NORMAL;
            short run_pair = -1;
            for (int x = r.x; x < x_end; x++) {
                const tui_cell *c = &row[x];
                /* the right half of a double-width character: ncurses
                 * fills it when it draws the left half */
                if (c->ch == TUI_CELL_WIDE_TAIL)
                    continue;
                attr_t a;
                short pair;
                cell_look(t, c, &a, &pair);
                if (x >= run_end) {
                    run_pair = -1;
                    run_end = plain_blank(t, c) ? blank_run(t, row, x, r.x, x_end, &run_a, &run_pair) : x + 1;
                }
                if (run_pair >= 0)
                    a = run_a, pair = run_pair;
                /* setcchar takes a spacing character and its combining marks */
                wchar_t wc[2 + CS_CELL_MARKS] = { (wchar_t)c->ch };
                for (int m = 0; m < CS_CELL_MARKS && c->mark[m]; m++)
                    wc[1 + m] = (wchar_t)c->mark[m];
                cchar_t cc;
                setcchar(&cc, wc, a, pair, NULL);
                mvadd_wch(y, x, &cc);
            }
        }
    }
}

void tui_term_flush(int x, int y)
{
    /* A hidden cursor is left where the frame's last character put it:
     * brought back to stdscr's cursor (the last cell blitted) it cost
     * every frame a move that shows nothing. */
    if (x >= 0 && y >= 0) {
        leaveok(stdscr, FALSE);
        move(y, x);
        curs_set(1);
    } else {
        /* A terminal that cannot hide it (vt100 has no civis) shows the
         * cursor: there it is brought back to one place, not left on the
         * plot or in the message where the frame's last character went.
         * (curs_set's ERR says so only once: ncurses then takes the
         * cursor for hidden.) */
        curs_set(0);
        leaveok(stdscr, cap("civis") != NULL);
    }
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
    /* A VT220's Find and Select keys sit where a PC keyboard's Home and
     * End do, and send what they send to programs that emulate it (Esc
     * [1~, Esc [4~): entries such as xterm-mono name them so. */
    case KEY_FIND: return TUI_KEY_HOME;
    case KEY_SELECT: return TUI_KEY_END;
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

/* A key as get_wch reads it, with the delay mode left at ms. In the C
 * locale get_wch takes a byte above 0x7f for the start of a character that
 * never comes (the locale has none) and swallows the keys after it: a name
 * typed with an accent lost the rest of the line and the keys typed next.
 * In a UTF-8 locale it dropped a character whose bytes came in two reads
 * when it was asked not to wait (a paste's turns). In both the keys are
 * read as bytes and decoded as UTF-8, which is what a terminal sends
 * whatever LANG says (and what the data is in), so a key is a code point
 * in every locale; a malformed sequence is U+FFFD. A character's next bytes
 * are waited for UTF8_GAP_MS, in a paste as long as its gap. */
static int read_wch(const tui_term *t, wint_t *wc, int ms)
{
    if (!t->utf8_bytes)
        return get_wch(wc);
    int ch = getch();
    if (ch == ERR)
        return ERR;
    *wc = (wint_t)ch;
    if (ch >= KEY_MIN)
        return KEY_CODE_YES;
    if (ch < 0x80)
        return OK;
    char u[4] = { (char)ch };
    size_t need = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : ch >= 0xc0 ? 2 : 1, n = 1;
    timeout(t->pasting ? PASTE_GAP_MS : UTF8_GAP_MS);
    while (n < need) {
        int c = getch();
        if (c == ERR)
            break;
        if (c >= KEY_MIN || (c & 0xc0) != 0x80) {
            ungetch(c); /* a key of its own */
            break;
        }
        u[n++] = (char)c;
    }
    timeout(ms);
    uint32_t cp;
    *wc = cs_utf8_decode(u, n, &cp) == n && n == need ? (wint_t)cp : 0xfffd;
    return OK;
}

static void paste_add(tui_term *t, wint_t wc)
{
    char u[8];
    int n = wc == 0 ? 0 : cs_utf8_encode((uint32_t)wc, u);
    if (n <= 0)
        return;
    if (t->pasted_len + (size_t)n + 1 > PASTE_MAX) {
        t->pasted_cut = 1;
        return;
    }
    if (t->pasted_len + (size_t)n + 1 > t->pasted_cap) {
        size_t cap_new = t->pasted_cap ? 2 * t->pasted_cap : 256;
        while (cap_new < t->pasted_len + (size_t)n + 1)
            cap_new *= 2;
        char *p = realloc(t->pasted, cap_new);
        if (!p) {
            t->pasted_cut = 1;
            return;
        }
        t->pasted = p;
        t->pasted_cap = cap_new;
    }
    memcpy(t->pasted + t->pasted_len, u, (size_t)n);
    t->pasted_len += (size_t)n;
    t->pasted[t->pasted_len] = '\0';
}

double tui_now_ms(void)
{
    return cs_progress_now_ms(); /* the core's one monotonic clock */
}

static void paste_begin(tui_term *t)
{
    t->pasted_len = 0;
    t->pasted_cut = 0;
    if (t->pasted)
        t->pasted[0] = '\0';
    t->pasting = 1;
    t->paste_resized = 0;
    t->paste_last_ms = tui_now_ms();
}

/* An Esc in a paste: the end marker's first byte when curses did not see
 * the marker whole (the link cut it beyond the escape delay, as ssh may).
 * Its next bytes are read with up to SEQ_GAP_MS each while they follow the
 * marker: 1 when it came whole, else 0 with the Esc and the bytes that
 * followed the marker so far added to the paste as text, and a byte that
 * did not put back to be read next. */
static int paste_end_cut(tui_term *t)
{
    const char *end = t->paste_end;
    if (!end || end[0] != '\033') {
        paste_add(t, 27);
        return 0;
    }
    size_t n = 1;
    timeout(SEQ_GAP_MS);
    for (; end[n]; n++) {
        int b = getch();
        if (b == ERR)
            break;
        if (b != (unsigned char)end[n]) {
            ungetch(b);
            break;
        }
    }
    if (!end[n])
        return 1;
    for (size_t i = 0; i < n; i++)
        paste_add(t, (unsigned char)end[i]);
    return 0;
}

/* Everything up to the end marker is text, whatever keys its bytes spell:
 * an Enter in it must not run anything, nor a q quit. A turn reads what
 * has come, up to PASTE_CHUNK characters, waiting at most timeout_ms (the
 * loop's wait) for the first; returns 1 with the paste's event once the
 * end marker came or nothing came for PASTE_GAP_MS, else 0 (still
 * pasting: the next read goes on with it). */
static int paste_turn(tui_term *t, tui_event *ev, int timeout_ms)
{
    for (int n = 0;; n++) {
        if (n == PASTE_CHUNK)
            return 0;
        /* Nothing is judged missing before it was looked for: the loop may
         * have been away longer than the gap with the bytes waiting. */
        int left = (int)(t->paste_last_ms + PASTE_GAP_MS - tui_now_ms()) + 1;
        int ms = n > 0 || left < 0 ? 0 : left;
        if (n == 0 && timeout_ms >= 0 && timeout_ms < ms)
            ms = timeout_ms;
        timeout(ms);
        wint_t wc;
        int rc = read_wch(t, &wc, ms);
        if (rc == ERR) {
            if (tui_now_ms() - t->paste_last_ms < PASTE_GAP_MS)
                return 0;
            break; /* a terminal that lost the end marker */
        }
        t->paste_last_ms = tui_now_ms();
        if (rc == KEY_CODE_YES) {
            if (wc == CURSES_PASTE_END)
                break;
            if (wc == KEY_RESIZE)
                t->paste_resized = 1; /* not lost: handled after the paste */
            continue;
        }
        if (wc == 27) {
            if (paste_end_cut(t))
                break;
            t->paste_last_ms = tui_now_ms();
            continue;
        }
        paste_add(t, wc);
    }
    t->pasting = 0;
    if (t->paste_resized)
        ungetch(KEY_RESIZE);
    *ev = (tui_event){ .kind = TUI_EV_KEY, .key = TUI_KEY_PASTE };
    return 1;
}

const char *tui_term_pasted(const tui_term *t, int *cut)
{
    if (cut)
        *cut = t->pasted_cut;
    return t->pasted ? t->pasted : "";
}

static int char_key(wint_t wc)
{
    if (wc == '\r' || wc == '\n')
        return TUI_KEY_ENTER;
    if (wc == 127 || wc == 8)
        return TUI_KEY_BACKSPACE;
    return (int)wc;
}

static int is_intr(const tui_term *t, wint_t wc)
{
    return t->intr_char >= 0 && wc == (wint_t)t->intr_char;
}

/* Put back what read_wch read, to be read again next. ungetch is last in,
 * first out, so a character's bytes go back last one first. */
static void put_back(const tui_term *t, int rc, wint_t wc)
{
    if (rc == KEY_CODE_YES || wc < 0x80) {
        ungetch((int)wc);
        return;
    }
    if (!t->utf8_bytes) {
        unget_wch((wchar_t)wc);
        return;
    }
    char u[8];
    for (int n = cs_utf8_encode((uint32_t)wc, u); n > 0; n--)
        ungetch((unsigned char)u[n - 1]);
}

/* The next byte of a sequence, waiting up to SEQ_GAP_MS (ERR: none came),
 * as the terminal sent it, whatever the locale: an X10 report's cells are
 * bytes up to 0xff, no character. curses turns a byte that is a key of
 * one byte in the terminfo entry into that key (kbs, ^? in most entries,
 * is the X10 cell of column 95): such a key is given back as its byte. */
static int seq_byte(void)
{
    int ch = getch();
    if (ch == ERR || ch < KEY_MIN)
        return ch;
    char *s = keybound(ch, 0);
    if (s && s[0] && !s[1])
        ch = (unsigned char)s[0];
    free(s);
    return ch;
}

/* A mouse report's button code and 0-based cell as an event: a left press
 * is a click, buttons 4 and 5 (64, 65) the wheel, whatever Shift, Alt or
 * Control held (4, 8, 16); a release, a motion (32), any other button is
 * nothing. Returns 1 with *ev filled, 0 for nothing. */
static int mouse_event(tui_event *ev, int code, int release, int x, int y)
{
    if (release || x < 0 || y < 0)
        return 0;
    code &= ~(4 | 8 | 16);
    tui_event_kind kind;
    if (code == 0)
        kind = TUI_EV_CLICK;
    else if (code == 64)
        kind = TUI_EV_WHEEL_UP;
    else if (code == 65)
        kind = TUI_EV_WHEEL_DOWN;
    else
        return 0;
    *ev = (tui_event){ .kind = kind, .x = x, .y = y };
    return 1;
}

/* The body of an X10 report after Esc [M: three bytes, the button code
 * plus 32 (3: a release) and the 1-based column and row plus 32. A cell
 * past the 223 a byte holds is 0 from xterm (256 cut to a byte): part of
 * the report, a cell of no event; taken for a key, the byte after it (the
 * row, '?' for row 31) acted as one. */
static int x10_report(tui_event *ev)
{
    int b[3];
    for (int i = 0; i < 3; i++) {
        b[i] = seq_byte();
        if (b[i] == ERR)
            return 0;
        if ((b[i] < 0x20 && !(i > 0 && b[i] == 0)) || b[i] >= KEY_MIN) {
            ungetch(b[i]); /* no report: a key of its own */
            return 0;
        }
    }
    return mouse_event(ev, b[0] - 32, ((b[0] - 32) & 3) == 3, b[1] - 33, b[2] - 33);
}

/* An SGR report, Esc [< then "Pb;Px;Py" and M (a press) or m (a release),
 * the column and row 1-based: s is what came after Esc [, final byte too. */
static int sgr_report(tui_event *ev, const char *s, int n)
{
    long v[3] = { 0, 0, 0 };
    int k = 0, digits = 0;
    for (int i = 1; i < n - 1; i++) {
        if (s[i] == ';' && digits && k < 2) {
            k++;
            digits = 0;
        } else if (s[i] >= '0' && s[i] <= '9' && digits < 6) {
            v[k] = 10 * v[k] + (s[i] - '0');
            digits++;
        } else
            return 0;
    }
    if (k != 2 || !digits || (s[n - 1] != 'M' && s[n - 1] != 'm'))
        return 0;
    return mouse_event(ev, (int)v[0], s[n - 1] == 'm', (int)v[1] - 1, (int)v[2] - 1);
}

/* Esc [ or Esc O that curses did not take for a key: the start of a
 * control sequence (CSI) or single shift (SS3), read here to its end with
 * up to SEQ_GAP_MS for each next byte. A mouse report (Esc [< SGR, Esc [M
 * X10) becomes its event. Any other is a key the terminfo entry does not
 * list, such as C-Left (Esc [1;5D), which tmux sends whatever TERM says
 * and which TERM=screen, tmux's default, does not have: its parameter and
 * intermediate bytes (0x20-0x3f) and final byte (0x40-0x7e, ECMA-48) are
 * read and the whole sequence is dropped (read as keys, it was M-[ then
 * 1 ; 5 D, and the D opened the drift grid, or "1;5D" went into the
 * prompt's line), and so is a report that stops short. Returns 1 with *ev
 * a mouse event, 0 when the sequence was dropped, -1 when nothing of one
 * came (Alt+[ or Alt+O typed), with a key that cannot be part of one put
 * back, 2 for the start of a paste that curses did not see whole (cut
 * beyond the escape delay: dropped, the text after it would act as keys). */
static int read_sequence(const tui_term *t, int intro, tui_event *ev)
{
    char s[SEQ_MAX];
    timeout(SEQ_GAP_MS);
    for (int n = 0; n < SEQ_MAX; n++) {
        int b = seq_byte();
        if (b == ERR)
            return n > 0 ? 0 : -1;
        if (intro == '[' && n == 0 && b == 'M')
            return x10_report(ev);
        if (b < 0x20 || b > 0x7e) {
            ungetch(b);
            return n > 0 ? 0 : -1;
        }
        s[n] = (char)b;
        if (b >= 0x40) {
            const char *ps = t->paste_start;
            if (ps && ps[0] == '\033' && ps[1] == intro && strlen(ps + 2) == (size_t)n + 1 &&
                memcmp(ps + 2, s, (size_t)n + 1) == 0)
                return 2;
            return intro == '[' && s[0] == '<' ? sgr_report(ev, s, n + 1) : 0;
        }
    }
    return 0;
}

/* What came right after Esc, within the escape delay that curses has
 * already waited: Alt held down (the key with TUI_KEY_META), a sequence
 * of curses' or read here (a mouse event), or nothing (a lone Esc), with
 * anything else put back to be read on its own. Returns 1 with *ev
 * filled, 0 when a sequence of no known key was read and dropped; the
 * start of a paste curses did not see whole is read on as a paste is
 * (paste_turn). */
static int esc_event(tui_term *t, tui_event *ev)
{
    ev->key = TUI_KEY_ESC;
    wint_t wc;
    timeout(0);
    int rc = read_wch(t, &wc, 0);
    if (rc == ERR)
        return 1;
    if (rc == OK && (wc == '[' || wc == 'O')) {
        int seq = read_sequence(t, (int)wc, ev);
        if (seq == 2) {
            paste_begin(t);
            return paste_turn(t, ev, 0);
        }
        if (seq >= 0)
            return seq;
    }
    if (rc == KEY_CODE_YES) {
        int key = wc == KEY_MOUSE || wc == KEY_RESIZE ? TUI_KEY_NONE : translate((int)wc);
        if (key != TUI_KEY_NONE)
            ev->key = key | TUI_KEY_META;
        else
            put_back(t, rc, wc);
        return 1;
    }
    /* Esc twice is two presses of Esc; Esc then C-c still interrupts. */
    if (wc == 27 || is_intr(t, wc))
        put_back(t, rc, wc);
    else
        ev->key = char_key(wc) | TUI_KEY_META;
    return 1;
}

/* A resize from the terminal: ncurses 6.4 keeps the size it started with
 * when LINES and COLUMNS are in the environment, use_tioctl or not, so
 * each resize was drawn at the old size. The terminal's own size is
 * asked for and taken; a resize of --replay's (<Resize WxH>) never comes
 * here. resizeterm queues another KEY_RESIZE, which finds the size right. */
static void follow_window_size(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0 &&
        (ws.ws_row != LINES || ws.ws_col != COLS))
        resizeterm(ws.ws_row, ws.ws_col);
}

int tui_term_read(tui_term *t, tui_event *ev, int timeout_ms)
{
    if (t->pasting)
        return paste_turn(t, ev, timeout_ms);
    timeout(timeout_ms);
    wint_t wc;
    int rc = read_wch(t, &wc, timeout_ms);
    if (rc == ERR)
        return 0;
    *ev = (tui_event){ .kind = TUI_EV_KEY };
    if (rc == KEY_CODE_YES) {
        /* Where curses reads the mouse itself (GPM on the Linux
         * console); a terminal's reports come through esc_event. */
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
        if (wc == CURSES_PASTE_START) {
            paste_begin(t);
            return paste_turn(t, ev, 0);
        }
        if (wc == CURSES_PASTE_END)
            return 0; /* an end without a start: nothing to do */
        if (wc == KEY_RESIZE)
            follow_window_size();
        ev->key = translate((int)wc);
        return ev->key != TUI_KEY_NONE;
    }
    if (is_intr(t, wc))
        ev->key = TUI_KEY_INTR;
    else if (wc == 27)
        return esc_event(t, ev);
    else
        ev->key = char_key(wc);
    return 1;
}

void tui_term_suspend(tui_term *t)
{
    leave_curses(t);
}

void tui_term_resume(tui_term *t)
{
    refresh();
    bracketed_paste(t, 1);
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
