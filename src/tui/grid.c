/* grid.c - the off-screen cell grid the panes draw into. */
#include <stdlib.h>
#include <string.h>

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
    [TUI_ROLE_COV_BAD] = "cov_bad",
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
}

tui_cell *tui_grid_at(tui_grid *g, int x, int y)
{
    if (x < 0 || y < 0 || x >= g->cols || y >= g->rows)
        return NULL;
    return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

static uint32_t shown(const tui_grid *g, uint32_t ch)
{
    if (ch < 32 || ch == 127 || (ch >= 0x80 && ch < 0xa0))
        return g->ascii ? '?' : 0xfffd;
    if (g->ascii && ch > 126)
        return '?';
    return ch;
}

void tui_grid_put(tui_grid *g, int x, int y, uint32_t ch, int role)
{
    tui_cell *c = tui_grid_at(g, x, y);
    if (c) {
        c->ch = shown(g, ch);
        c->role = (uint8_t)role;
        c->attr = 0;
    }
}

void tui_grid_fill(tui_grid *g, tui_rect r, uint32_t ch, int role)
{
    for (int y = r.y; y < r.y + r.h; y++)
        for (int x = r.x; x < r.x + r.w; x++)
            tui_grid_put(g, x, y, ch, role);
}

int tui_grid_text(tui_grid *g, int x, int y, int maxw, const char *utf8, int role)
{
    int w = 0;
    size_t n = strlen(utf8);
    for (size_t i = 0; i < n && w < maxw;) {
        uint32_t cp;
        size_t used = cs_utf8_decode(utf8 + i, n - i, &cp);
        i += used ? used : 1;
        tui_grid_put(g, x + w, y, cp, role);
        w++;
    }
    return w;
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
            tui_cell *dst = tui_grid_at(g, x + k, y + r);
            if (src && dst) {
                dst->ch = shown(g, src->ch);
                dst->role = src->style;
                dst->attr = src->attr;
            }
        }
}

char *tui_grid_to_text(const tui_grid *g, tui_rect r)
{
    size_t cap = (size_t)(r.w > 0 ? r.w : 0) * 4 * (size_t)(r.h > 0 ? r.h : 0) + (size_t)r.h + 1;
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
            p += cs_utf8_encode(ch ? ch : ' ', p);
            if (ch != ' ' && ch != 0)
                end = p;
        }
        p = end > line ? end : line;
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

int tui_text_width(const char *utf8)
{
    int w = 0;
    size_t n = strlen(utf8);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = cs_utf8_decode(utf8 + i, n - i, &cp);
        i += used ? used : 1;
        w++;
    }
    return w;
}
