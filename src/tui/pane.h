/* pane.h - panes and the screen manager, drawn into a grid. No curses.
 *
 * A pane is a rectangle with a small vtable (draw, handle_key, resize,
 * focus, and the mouse's click and wheel where a pane takes them) and the
 * set of changes it depends on. The manager lays the panes out (layout.h),
 * routes keys to the focused pane, or to the help, a pane shown in front of
 * the others, and the mouse to the pane under the pointer (or in front),
 * marks panes dirty from the changes handlers report, and redraws
 * only those into its grid; the curses layer then copies the changed
 * rectangles to the terminal (htop's Panel and ScreenManager). Golden tests
 * render the same grid to text.
 */
#ifndef CAPSCOPE_TUI_PANE_H
#define CAPSCOPE_TUI_PANE_H

#include "capscope/number.h" /* CS_NUMBER_TEXT */
#include "capscope/plot.h"
#include "tui/app.h"
#include "tui/grid.h"
#include "tui/layout.h"

typedef struct tui_pane tui_pane;

typedef struct tui_pane_ops {
    const char *title;
    void (*draw)(tui_pane *p, tui_app *app, tui_grid *g);
    unsigned (*handle_key)(tui_pane *p, tui_app *app, int key);
    void (*resize)(tui_pane *p, tui_rect r);
    void (*focus)(tui_pane *p, int on);
    /* The mouse over the pane, at x, y within it (0, 0 its top left cell,
     * the title's): a click, after the manager has focused the pane, and
     * the wheel, dir > 0 up. NULL: a click only focuses, the wheel does
     * nothing. The manager only finds the pane: the one in front, else the
     * one under the pointer. */
    unsigned (*click)(tui_pane *p, tui_app *app, int x, int y);
    unsigned (*wheel)(tui_pane *p, tui_app *app, int x, int y, int dir);
    unsigned depends;        /* TUI_CH_* bits that make it redraw */
} tui_pane_ops;

struct tui_pane {
    const tui_pane_ops *ops;
    tui_scope scope;
    tui_rect rect;
    int visible, dirty, focused;
    int top;                 /* first list row shown */
    int left;                /* first column shown (the drift grid's splits) */
    cs_canvas *canvas;       /* the plot pane's */
    int canvas_charset;
    cs_plot_layout plot;     /* plot area in screen cells, for the mouse */
};

extern const tui_pane_ops tui_tasks_pane, tui_plot_pane, tui_split_pane, tui_sampler_pane;
/* The help (pane_help.c): in front of the others while app->help is set. */
extern const tui_pane_ops tui_help_pane;

/* Shared pane helpers. */
void tui_pane_title(tui_pane *p, tui_grid *g, const char *extra);
/* The title and as many whole parts after it as fit the pane's width. */
void tui_pane_title_parts(tui_pane *p, tui_grid *g, const char *const *parts, int n);
/* lead, then parts[0..n) joined by two blanks, into out: only whole parts,
 * and only while the text fits w columns of g (the first part stays when
 * lead is empty). Empty or NULL parts are skipped. Returns strlen(out). */
size_t tui_join_parts(const tui_grid *g, int w, const char *lead, const char *const *parts, int n, char *out,
                      size_t size);
/* The reference compute z (log10 FLOPs) as the panes name it: "1e24" on a
 * decade, else three significant digits ("3.16e+23"). */
void tui_ref_text(double z, char *out, size_t size);
/* Scrolling lists (the tasks, the suggestions, the drift grid's tasks, the
 * help). A list shows rows [top, top + rows) of total; that it goes on is
 * marked in its right margin: '^' (U+25B4) in the first row shown when rows
 * are above it, 'v' (U+25BE) in the last when rows are below, ':' (U+22EE)
 * in a list one row tall with rows on both sides. The margin is the last
 * column and a blank before it, which the list's rows give up only while
 * the list does not fit, so a mark never covers a name or a number nor
 * touches one, and a list that fits is drawn as before.
 * The glyphs are narrow in every terminal (East Asian width N). */
/* The first row shown: sel (when in the list) kept in view, and no row left
 * empty at the end while rows are above it (a pane grown by a resize). */
int tui_list_top(int top, long sel, int rows, long total);
/* The columns of w that the list's rows may take: w - 2 when the list has
 * more than rows rows (the last column is the marks', the one before it
 * blank; w - 1 when w is 2), else w. */
int tui_list_width(int w, int rows, long total);
/* The marks in column x, beside the list's rows y .. y + rows - 1, in the
 * role TUI_ROLE_MORE; nothing when the list fits. */
void tui_list_marks(tui_grid *g, int ascii, int x, int y, int rows, long top, long total);
/* 1 when the interface's marks must be ASCII: the grid shows nothing else,
 * or the user chose the ascii charset (a font without the glyphs). */
int tui_pane_ascii(const tui_app *app, const tui_grid *g);
unsigned tui_pane_default_key(tui_pane *p, tui_app *app, int key);
void tui_pane_default_resize(tui_pane *p, tui_rect r);
void tui_pane_default_focus(tui_pane *p, int on);

/* What the plot shows, for the pane and for :export. */
#define TUI_PLOT_MAX_CURVES (4 + TUI_MAX_QUANTILES + 64)
/* A piece of the plot's title. A narrow pane shortens the pieces, then
 * drops them, lowest keep first; keep TUI_TITLE_ALWAYS is never dropped. */
#define TUI_TITLE_PARTS 12
#define TUI_TITLE_ALWAYS 100
typedef struct tui_title_part {
    char full[160], brief[64];   /* brief "": no shorter form */
    int keep;
} tui_title_part;
typedef struct tui_plot_store {
    cs_plot_series series[6];
    cs_plot_curve curves[TUI_PLOT_MAX_CURVES];
    cs_plot_band bands[2];
    char qlabel[TUI_MAX_QUANTILES][2 + CS_NUMBER_TEXT]; /* the quantile overlays' labels, "q 0.9" */
    double *mz, *my, *sz, *sy;   /* search matches and suggestions (owned) */
    char title[256];             /* every part, in full (the export's title) */
    tui_title_part parts[TUI_TITLE_PARTS];
    int n_parts;
    int marked_part;             /* the parts' "+ N marked tasks", -1: none */
    size_t n_marked_curves;      /* the curves that are marked tasks' boundaries */
} tui_plot_store;
void tui_plot_build(tui_app *app, cs_plot_spec *spec, tui_plot_store *st);
/* Add a part to the title (and to st->title); brief may be NULL. */
void tui_plot_title_part(tui_plot_store *st, int keep, const char *full, const char *brief);
/* After cs_plot_draw: the title says how many of the lines drawn have no
 * name (cs_plot_layout.n_unlabelled), with the marked tasks when every
 * named line is a marked task's boundary (else apart: a quantile overlay
 * unnamed is no marked task's), and keeps that above the count of points
 * when the pane is narrow. Nothing when n is 0. */
void tui_plot_title_unlabelled(tui_plot_store *st, size_t n);
void tui_plot_store_free(tui_plot_store *st);
/* What the pane draws over cs_plot_draw's canvas, and :export's text with
 * it, since the title's legend names them: the band (b), the validation
 * points' cross, the scored suggestions' diamond. Returns 0, drawing
 * nothing, when lay has no area. */
int tui_plot_marks(tui_app *app, cs_canvas *c, const cs_plot_layout *lay);
/* The suggestions' marks on the 'next' row under the plot, as the pane and
 * :export's text draw them: cells[c] for the canvas columns c below
 * lay->area_col + lay->area_cols (at most n), the rank's digit, a triangle
 * (^ in ascii) for a rank past 9 or beside another, 0 for none. Returns how
 * many columns are marked: 0 without suggestions or none in the view. */
int tui_plot_tick_cells(tui_app *app, const cs_plot_layout *lay, uint32_t *cells, int n);
/* The drift grid, drawn in the plot pane's place while it is shown (pane_drift.c). */
void tui_drift_draw(tui_pane *p, tui_app *app, tui_grid *g);
/* The validation points' glyph (its UTF-8 text; *cp its code point when cp is not NULL). */
const char *tui_plot_val_glyph(const tui_app *app, uint32_t *cp);
/* Why the sampler's design picked nothing, with the way out, as the
 * sampler pane says it (pane_sampler.c); width may be NULL. */
void tui_sampler_empty_reason(const tui_app *app, const cs_textwidth *width, char *out, size_t size);
/* The role of a coverage error of this size (|hat_tau - tau|). */
int tui_coverage_role(double abs_err);

#define TUI_MAX_DIRTY 16

typedef struct tui_manager {
    tui_pane panes[TUI_PANE_COUNT];
    /* A pane in front of the others, over the whole area above the status
     * line: it takes every key and the mouse wherever the pointer is (the
     * help: the wheel, and no clicks). */
    tui_pane help;
    tui_pane *front;         /* the pane in front at the last render, NULL for none */
    tui_layout layout;
    tui_grid grid;
    int all_dirty;           /* everything, e.g. after a resize or the help */
    int blit_all;            /* the last render redrew everything: copy it all */
    tui_rect dirty[TUI_MAX_DIRTY];
    int n_dirty;
    /* The prompt, shown in the key bar while active. */
    int prompt_active;
    char prompt[128];
    char prompt_line[TUI_PROMPT_MAX];
    int prompt_point;        /* cursor in the line, in code points (as readline counts) */
    int cursor_x, cursor_y;  /* where the terminal cursor goes, -1 hidden */
} tui_manager;

void tui_manager_init(tui_manager *m);
void tui_manager_free(tui_manager *m);
void tui_manager_resize(tui_manager *m, tui_app *app, int cols, int rows);
/* Mark what depends on the changes as dirty. */
void tui_manager_changed(tui_manager *m, tui_app *app, unsigned changes);
/* Redraw the dirty parts into the grid; fills m->dirty with the rectangles. */
void tui_manager_render(tui_manager *m, tui_app *app);
/* A key for the pane in front (the help), else the focused pane. Keys, clicks
 * and wheel notches clear the status line's message first: what it says
 * then is of this input, not of what came before. */
unsigned tui_manager_key(tui_manager *m, tui_app *app, int key);
/* Mouse, at screen cell x, y: a click focuses the pane under it, which then
 * selects what is under it (a task, a suggestion, the plot's nearest point);
 * the wheel goes to the pane under the pointer, focused or not (the lists
 * scroll their selection, the plot zooms there). A pane in front takes both
 * wherever the pointer is (the help scrolls; a click there does nothing). */
unsigned tui_manager_click(tui_manager *m, tui_app *app, int x, int y);
unsigned tui_manager_wheel(tui_manager *m, tui_app *app, int x, int y, int dir);

#endif
