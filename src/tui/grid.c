/* grid.c - the off-screen cell grid the panes draw into. */
#include <stdlib.h>
#include <string.h>

#include "capscope/cellrow.h"
#include "tui/grid.h"

static const char *const role_names[TUI_ROLE_COUNT] = {
    [CS_STYLE_DEFAULT] = "default",     [CS_STYLE_AXIS] = "axis",
    [CS_STYLE_LABEL] = "label",         [CS_STYLE_POINT] = "point",
    [CS_STYLE_POINT_ALT] = "point_alt", [CS_STYLE_BAND] = "band",
    [CS_STYLE_SUGGESTED] = "suggested", [CS_STYLE_CURVE_ALT] = "curve_alt",
    [CS_STYLE_CURVE] = "curve",         [CS_STYLE_MATCH] = "match",
    [CS_STYLE_CURSOR] = "cursor",       [TUI_ROLE_TITLE] = "title",
    [TUI_ROLE_TITLE_FOCUS] = "title_focus", [TUI_ROLE_SELECTED] = "selected",
    [TUI_ROLE_MARKED] = "marked",       [TUI_ROLE_STATUS] = "status",
    [TUI_ROLE_BAR] = "bar",             [TUI_ROLE_ERROR] = "error",
    [TUI_ROLE_DIM] = "dim",             [TUI_ROLE_KEY] = "key",
    [TUI_ROLE_HEADER] = "header",       [TUI_ROLE_SPARK] = "spark",
    [TUI_ROLE_COV_GOOD] = "cov_good",   [TUI_ROLE_COV_WARN] = "cov_warn",
    [TUI_ROLE_COV_BAD] = "cov_bad",     [TUI_ROLE_MORE] = "more",
};

const char *tui_role_name(int role)
{
    return role >= 0 && role < TUI_ROLE_COUNT ? role_names[role] : NULL;
}

int tui_role_parse(const char *name)
{
    for (int i = 0; i < TUI_ROLE_COUNT; i++)
        if (role_names[i] && strcmp(role_names[i], name) == 0)
            return i;
    return -1;
}

int tui_grid_init(tui_grid *g, int cols, int rows, int ascii)
{
    if (cols < 0)
        cols = 0;
    if (rows < 0)
        rows = 0;
    tui_cell *cells = calloc((size_t)cols * (size_t)rows + 1, sizeof *cells);
    if (!cells)
        return -1;
    if (!g->width && !(g->width = cs_textwidth_open())) {
        free(cells);
        return -1;
    }
    free(g->cells);
    g->cells = cells;
    g->cols = cols;
    g->rows = rows;
    g->ascii = ascii;
    for (size_t i = 0; i < (size_t)cols * (size_t)rows; i++)
        cells[i].ch = ' ';
    return 0;
}

void tui_grid_free(tui_grid *g)
{
    free(g->cells);
    g->cells = NULL;
    g->cols = g->rows = 0;
    cs_textwidth_close(g->width);
    g->width = NULL;
}

tui_cell *tui_grid_at(tui_grid *g, int x, int y)
{
    if (x < 0 || y < 0 || x >= g->cols || y >= g->rows)
        return NULL;
    return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

/* One row of the grid as cellrow.h reaches it, with the role and
 * attributes that cells written through it get; a row outside the grid
 * takes nothing. Every write goes through cs_cellrow_set, which gives up
 * the other half of a wide character written over. */
typedef struct grid_pen {
    tui_grid *g;
    int y;
    uint8_t role, attr;
} grid_pen;

static tui_cell *pen_cell(void *ctx, int x)
{
    grid_pen *p = ctx;
    return tui_grid_at(p->g, x, p->y);
}

static uint32_t pen_get(void *ctx, int x)
{
    tui_cell *c = pen_cell(ctx, x);
    return c ? c->ch : 0;
}

static void pen_set(void *ctx, int x, uint32_t ch)
{
    grid_pen *p = ctx;
    tui_cell *c = pen_cell(ctx, x);
    if (c) /* a cell that gives up its half of a wide character keeps its role */
        *c = ch ? (tui_cell){ .ch = ch, .role = p->role, .attr = p->attr } : (tui_cell){ .ch = ' ', .role = c->role };
}

static void pen_mark(void *ctx, int x, uint32_t cp)
{
    tui_cell *c = pen_cell(ctx, x);
    if (c)
        cs_cell_mark_add(c->mark, cp);
}

static cs_cellrow grid_row(tui_grid *g, grid_pen *p)
{
    return (cs_cellrow){ .cols = g->cols, .ascii = g->ascii, .width = g->width,
                         .ctx = p, .get = pen_get, .set = pen_set, .mark = pen_mark };
}

void tui_grid_put(tui_grid *g, int x, int y, uint32_t ch, int role)
{
    grid_pen p = { g, y, (uint8_t)role, 0 };
    cs_cellrow r = grid_row(g, &p);
    cs_cellrow_set(&r, x, cs_cell_shown(ch, g->ascii));
}

void tui_grid_fill(tui_grid *g, tui_rect r, uint32_t ch, int role)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            tui_grid_put(g, x, y, ch, role);
}

int tui_grid_cp_width(const tui_grid *g, uint32_t cp)
{
    return cs_cp_width(g->width, cp);
}

int tui_grid_width(const tui_grid *g, const char *utf8)
{
    return (int)cs_text_width(g->width, utf8);
}

size_t tui_grid_wrap(const tui_grid *g, const char *utf8, int w, size_t max_bytes)
{
    size_t fit = cs_text_prefix(g->width, utf8, w > 0 ? (size_t)w : 0, max_bytes);
    if (fit == 0 && *utf8)
        return cs_text_boundary(g->width, utf8, 1); /* one character, too wide: a wrap must advance */
    if (!utf8[fit] || utf8[fit] == ' ')
        return fit;
    /* Not a blank at the start: the line would take nothing and never advance. */
    for (size_t i = fit; i > 1; i--)
        if (utf8[i - 1] == ' ')
            return i - 1;
    return fit;
}

int tui_grid_text(tui_grid *g, int x, int y, int maxw, const char *utf8, int role)
{
    grid_pen p = { g, y, (uint8_t)role, 0 };
    cs_cellrow r = grid_row(g, &p);
    return (int)cs_cellrow_text(&r, x, maxw, utf8);
}

/* One decoded character of a string being fitted. */
static size_t next_cp(const tui_grid *g, const char *s, size_t n, size_t i, uint32_t *cp, int *cw)
{
    size_t used = cs_utf8_decode(s + i, n - i, cp);
    *cw = tui_grid_cp_width(g, *cp);
    return used;
}

/* Append code point cp to out if it fits (never half a character). */
static int put_cp(char *out, size_t size, size_t *len, uint32_t cp)
{
    char buf[5]; /* cs_utf8_encode ends it with a NUL */
    int k = cs_utf8_encode(cp, buf);
    if (*len + (size_t)k + 1 > size)
        return 0;
    memcpy(out + *len, buf, (size_t)k);
    *len += (size_t)k;
    out[*len] = '\0';
    return 1;
}

/* Copy the characters of s from byte i on while they fit in avail columns
 * and in out, each whole (a code point and its marks, textwidth.h): a
 * letter cut from its accent by a full buffer would show as another letter.
 * Returns the columns copied, *end the byte where it stopped. */
static int copy_cols(const tui_grid *g, const char *s, size_t n, size_t i, int avail, char *out, size_t size,
                     size_t *len, size_t *end)
{
    int w = 0;
    while (i < n) {
        uint32_t cp;
        int cw, mw;
        char buf[5];
        size_t stop = i + next_cp(g, s, n, i, &cp, &cw), bytes = (size_t)cs_utf8_encode(cp, buf);
        for (size_t k; stop < n && (k = next_cp(g, s, n, stop, &cp, &mw)) && mw == 0; stop += k)
            bytes += (size_t)cs_utf8_encode(cp, buf);
        if (w + cw > avail || *len + bytes + 1 > size)
            break;
        while (i < stop) {
            i += next_cp(g, s, n, i, &cp, &mw);
            put_cp(out, size, len, cp);
        }
        w += cw;
    }
    if (end)
        *end = i;
    return w;
}

char *tui_grid_fit(const tui_grid *g, const char *utf8, int w, int how, char *out, size_t size)
{
    if (size == 0)
        return out;
    out[0] = '\0';
    size_t len = 0, n = strlen(utf8);
    if (w <= 0)
        return out;
    int total = tui_grid_width(g, utf8), used;
    if (total <= w) {
        int right = how & TUI_FIT_RIGHT;
        for (int k = 0; right && k < w - total && put_cp(out, size, &len, ' '); k++)
            ;
        copy_cols(g, utf8, n, 0, total, out, size, &len, NULL);
        for (int k = 0; !right && k < w - total && put_cp(out, size, &len, ' '); k++)
            ;
        return out;
    }
    uint32_t ell = g->ascii ? '~' : 0x2026;
    int room = w - 1; /* the ellipsis takes one column */
    if (how & TUI_FIT_MIDDLE) {
        /* A third for the head, the rest for the tail: model and task names
         * share their starts (an org, a benchmark) and differ at the end. */
        int head = room / 3, tail;
        used = copy_cols(g, utf8, n, 0, head, out, size, &len, NULL);
        put_cp(out, size, &len, ell);
        tail = room - used;
        /* The tail starts at the first character after which at most tail columns remain. */
        size_t i = 0;
        int before = 0;
        while (i < n && total - before > tail) {
            uint32_t cp;
            int cw;
            i += next_cp(g, utf8, n, i, &cp, &cw);
            before += cw;
        }
        /* nor with the marks of a character the cut took */
        for (;;) {
            uint32_t cp;
            int cw;
            size_t k = i < n ? next_cp(g, utf8, n, i, &cp, &cw) : 0;
            if (!k || cw != 0)
                break;
            i += k;
        }
        used += 1 + copy_cols(g, utf8, n, i, tail, out, size, &len, NULL);
    } else {
        used = copy_cols(g, utf8, n, 0, room, out, size, &len, NULL);
        used += put_cp(out, size, &len, ell);
    }
    /* A wide character that did not fit leaves a column to pad. */
    for (; used < w && put_cp(out, size, &len, ' '); used++)
        ;
    return out;
}

void tui_grid_line(tui_grid *g, int x, int y, int w, const char *utf8, int role)
{
    int used = tui_grid_text(g, x, y, w, utf8, role);
    tui_grid_fill(g, (tui_rect){ x + used, y, w - used, 1 }, ' ', role);
}

void tui_grid_blit(tui_grid *g, int x, int y, const cs_canvas *c)
{
    int cols = cs_canvas_cols(c), rows = cs_canvas_rows(c);
    for (int r = 0; r < rows; r++)
        for (int k = 0; k < cols; k++) {
            const cs_cell *src = cs_canvas_cell(c, k, r);
            if (!src)
                continue;
            uint32_t ch = src->ch;
            const cs_cell *next = cs_canvas_cell(c, k + 1, r);
            int wide = next && next->ch == CS_CELL_WIDE_TAIL;
            if (ch == CS_CELL_WIDE_TAIL) /* its head was drawn, or blanked below, or is left of the grid */
                ch = g->ascii ? '?' : tui_grid_at(g, x + k - 1, y + r) ? ch : ' ';
            else if (wide && (g->ascii || !tui_grid_at(g, x + k + 1, y + r)))
                ch = g->ascii ? '?' : ' '; /* "??" in ascii; never half a glyph at the edge */
            else
                ch = cs_cell_shown(ch, g->ascii);
            grid_pen p = { g, y + r, src->style, src->attr };
            cs_cellrow row = grid_row(g, &p);
            cs_cellrow_set(&row, x + k, ch);
            for (int m = 0; m < CS_CELL_MARKS && src->mark[m]; m++)
                cs_cellrow_mark(&row, x + k, src->mark[m]);
        }
}

char *tui_grid_to_text(const tui_grid *g, tui_rect r)
{
    size_t cap = (size_t)(r.w > 0 ? r.w : 0) * 4 * (1 + CS_CELL_MARKS) * (size_t)(r.h > 0 ? r.h : 0) +
                 (size_t)(r.h > 0 ? r.h : 0) + 1;
    char *out = malloc(cap + 1), *p = out;
    if (!out)
        return NULL;
    for (int y = r.y; y < r.y + r.h; y++) {
        char *line = p, *end = p;
        for (int x = r.x; x < r.x + r.w; x++) {
            const tui_cell *c = (x >= 0 && y >= 0 && x < g->cols && y < g->rows)
                                    ? &g->cells[(size_t)y * (size_t)g->cols + (size_t)x]
                                    : NULL;
            uint32_t ch = c ? c->ch : ' ';
            if (ch == TUI_CELL_WIDE_TAIL)
                continue; /* its head already took both columns */
            p += cs_utf8_encode(ch ? ch : ' ', p);
            for (int m = 0; c && m < CS_CELL_MARKS && c->mark[m]; m++)
                p += cs_utf8_encode(c->mark[m], p);
            if ((ch != ' ' && ch != 0) || (c && c->mark[0]))
                end = p;
        }
        p = end > line ? end : line;
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}
