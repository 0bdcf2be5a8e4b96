/* fuzz_text.c - the one width rule and the one layout of text in cells.
 *
 * Arbitrary bytes (malformed UTF-8, runs of combining marks, wide CJK and
 * emoji, controls) against what the headers promise: textwidth.h's
 * boundaries, prefix and width; cellrow.h's layout, reached through a canvas
 * and the TUI's grid (which must agree cell for cell) and checked against
 * the rules the header states, alone and written over other text;
 * tui_grid_blit, tui_grid_fit, tui_grid_wrap and the prompt's
 * tui_line_window; namelist.h's shortened name and list of names, which
 * refusals build from names users type and CSV headers hold. The expected
 * layout below is built from the header's words (where each character
 * starts, what an edge does to a wide one), not from the code's pen.
 *
 * Input: 8 bytes of parameters, then the text; a NUL ends it and starts a
 * second text that is written over the first. For namelist, the lines of
 * the first text are the names and the second is the name looked for.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "capscope/canvas.h"
#include "capscope/cellrow.h"
#include "capscope/namelist.h"
#include "capscope/textwidth.h"
#include "fuzz.h"
#include "tui/command.h"
#include "tui/grid.h"

enum {
    HEADER = 8,
    MAX_TEXT = 1024,   /* some checks are quadratic in the text's length */
    MAX_COLS = 40,
    ROWS = 3,          /* text goes on the middle row; the others must stay as they were */
    ROW = 1,
    ROLE_A = TUI_ROLE_TITLE,
    ROLE_B = TUI_ROLE_STATUS,
};

typedef struct params {
    int ascii, how;
    int cols, x, maxw, x2, maxw2, fitw, cols2, bx;
    size_t cap, point, max_bytes;
} params;

/* One code point of a text as cs_utf8_decode reads it from the start. */
typedef struct cpinfo {
    size_t at, len;
    uint32_t cp;
    int w;
} cpinfo;

/* What a cell shows: its character and its marks. */
typedef struct cellv {
    uint32_t ch;
    uint32_t mark[CS_CELL_MARKS];
} cellv;

static size_t decode_all(const cs_textwidth *tw, const char *s, cpinfo *out)
{
    size_t n = strlen(s), k = 0;
    for (size_t i = 0; i < n; k++) {
        size_t used = cs_utf8_decode(s + i, n - i, &out[k].cp);
        FUZZ_ASSERT(used >= 1 && used <= 4 && i + used <= n);
        out[k].at = i;
        out[k].len = used;
        out[k].w = cs_cp_width(tw, out[k].cp);
        FUZZ_ASSERT(out[k].w >= 0 && out[k].w <= 2);
        FUZZ_ASSERT(tw || out[k].w == 1);
        i += used;
    }
    return k;
}

/* ---- textwidth.h ---------------------------------------------------- */

/* Character boundaries of s by textwidth.h's definition: the start, the
 * end, and the start of every code point that is not zero-width (a mark
 * belongs to the character before it). bound[b] for b in 0 .. n. cols[b]:
 * columns of s[0, b) at a code point boundary, -1 elsewhere. */
static void model_bounds(const cpinfo *cps, size_t ncp, size_t n, char *bound, long *cols)
{
    memset(bound, 0, n + 1);
    for (size_t b = 0; b <= n; b++)
        cols[b] = -1;
    long w = 0;
    for (size_t k = 0; k < ncp; k++) {
        cols[cps[k].at] = w;
        if (cps[k].w != 0)
            bound[cps[k].at] = 1;
        w += cps[k].w;
    }
    cols[n] = w;
    bound[0] = bound[n] = 1;
}

static void check_textwidth(const cs_textwidth *tw, const char *s, const params *p)
{
    size_t n = strlen(s);
    cpinfo *cps = malloc((n + 1) * sizeof *cps);
    char *bound = malloc(n + 1), *copy = malloc(n + 1);
    long *cols = malloc((n + 1) * sizeof *cols);
    FUZZ_ASSERT(cps && bound && copy && cols);
    size_t ncp = decode_all(tw, s, cps);
    model_bounds(cps, ncp, n, bound, cols);
    size_t total = cs_text_width(tw, s);
    FUZZ_ASSERT((long)total == cols[n]);

    /* floor: the last boundary at or before i; boundary: the first at or after. */
    size_t last = 0;
    for (size_t i = 0; i <= n; i++) {
        if (bound[i])
            last = i;
        size_t f = cs_text_floor(tw, s, i);
        FUZZ_ASSERT(f == last);
        FUZZ_ASSERT(cs_text_floor(tw, s, f) == f);
        size_t b = cs_text_boundary(tw, s, i);
        FUZZ_ASSERT(b >= i && b <= n && bound[b]);
        for (size_t k = i; k < b; k++)
            FUZZ_ASSERT(!bound[k]);
        FUZZ_ASSERT(cs_text_boundary(tw, s, b) == b);
        FUZZ_ASSERT(cs_text_floor(tw, s, b) == b);
    }
    /* Walking by cs_text_boundary from the start advances and visits every boundary. */
    for (size_t at = 0; at < n;) {
        size_t next = cs_text_boundary(tw, s, at + 1);
        FUZZ_ASSERT(next > at && next <= n);
        for (size_t k = at + 1; k < next; k++)
            FUZZ_ASSERT(!bound[k]);
        at = next;
    }

    /* Width is additive over whole characters (a sample of the cuts when long). */
    size_t step = n / 64 + 1;
    for (size_t b = 0; b <= n; b += step) {
        size_t cut = cs_text_floor(tw, s, b);
        memcpy(copy, s, cut);
        copy[cut] = '\0';
        FUZZ_ASSERT(cs_text_width(tw, copy) + cs_text_width(tw, s + cut) == total);
        FUZZ_ASSERT((long)cs_text_width(tw, copy) == cols[cut]);
    }

    /* The prefix: whole characters, within both limits, and maximal. */
    size_t limits[] = { SIZE_MAX, p->max_bytes };
    for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
        for (size_t mc = 0; mc <= total + 1 && mc <= 80; mc++) {
            size_t pre = cs_text_prefix(tw, s, mc, limits[l]);
            FUZZ_ASSERT(pre <= n && bound[pre]);
            FUZZ_ASSERT(cols[pre] >= 0 && (size_t)cols[pre] <= mc && pre <= limits[l]);
            if (pre < n) {
                size_t next = cs_text_boundary(tw, s, pre + 1);
                FUZZ_ASSERT((size_t)cols[next] > mc || next > limits[l]);
            }
        }
    }
    free(cps);
    free(bound);
    free(copy);
    free(cols);
}

/* ---- cellrow.h through the canvas and the grid ------------------------ */

static uint32_t model_shown(uint32_t cp, int ascii)
{
    if (ascii)
        return cp >= 0x20 && cp < 0x7f ? cp : '?';
    /* C0, C1, and the bidi controls and zero-width characters (Unicode's
     * Bidi_Control property; U+200B-D, U+2060, U+FEFF), textwidth.h */
    int control = cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x61c || (cp >= 0x200b && cp <= 0x200f) ||
                  (cp >= 0x202a && cp <= 0x202e) || cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) ||
                  cp == 0xfeff;
    return control ? 0xFFFDu : cp;
}

/* The cells that text written from column x in at most maxw columns puts
 * in a row of cols cells, by cellrow.h's rules: each character at the
 * column its predecessors' widths put it, a wide one in two cells (its
 * code point, then the tail, "??" in ascii), a wide one across an edge a
 * space in its inside half and the end of the text at the right, marks
 * (none in ascii, at most CS_CELL_MARKS) on a character wholly in the row.
 * e[c].ch 0: the text leaves cell c alone. */
static void model_layout(const cpinfo *cps, size_t ncp, int cols, long long x, long long maxw, int ascii,
                         cellv *e)
{
    memset(e, 0, (size_t)cols * sizeof *e);
    long long pos = x, end = x + maxw;
    long long last = -1;
    for (size_t k = 0; k < ncp; k++) {
        int w = cps[k].w;
        if (w == 0) {
            if (last >= 0 && !ascii)
                for (int m = 0; m < CS_CELL_MARKS; m++)
                    if (!e[last].mark[m]) {
                        e[last].mark[m] = cps[k].cp;
                        break;
                    }
            continue;
        }
        if (pos >= end)
            break;
        last = -1;
        if (w == 2 && (pos + 1 == end || pos + 1 == cols)) {
            if (pos >= 0 && pos < cols)
                e[pos].ch = ' ';
            break;
        }
        if (w == 2 && pos == -1) {
            if (cols > 0)
                e[0].ch = ' ';
        } else if (pos >= 0 && pos + w <= cols) {
            e[pos].ch = model_shown(cps[k].cp, ascii);
            if (w == 2)
                e[pos + 1].ch = ascii ? '?' : CS_CELL_WIDE_TAIL;
            last = pos;
        }
        pos += w;
    }
}

/* Every row of cells: no lone half of a wide character, nothing that
 * drives a terminal, pure ASCII in ascii, marks only on a character. */
static void check_row(const cs_textwidth *tw, const cellv *row, int cols, int ascii)
{
    for (int c = 0; c < cols; c++) {
        uint32_t ch = row[c].ch;
        FUZZ_ASSERT(ch != 0);
        if (ascii) {
            FUZZ_ASSERT(ch >= 0x20 && ch < 0x7f);
            FUZZ_ASSERT(row[c].mark[0] == 0);
            continue;
        }
        FUZZ_ASSERT(!(ch < 0x20 || (ch >= 0x7f && ch < 0xa0)));
        if (ch == CS_CELL_WIDE_TAIL) {
            FUZZ_ASSERT(c > 0 && row[c - 1].ch != CS_CELL_WIDE_TAIL && cs_cp_width(tw, row[c - 1].ch) == 2);
            FUZZ_ASSERT(row[c].mark[0] == 0);
            continue;
        }
        FUZZ_ASSERT(cs_cp_width(tw, ch) != 0 && !cs_cp_control(ch));
        if (cs_cp_width(tw, ch) == 2)
            FUZZ_ASSERT(c + 1 < cols && row[c + 1].ch == CS_CELL_WIDE_TAIL);
        for (int m = 0; m < CS_CELL_MARKS && row[c].mark[m]; m++)
            FUZZ_ASSERT(cs_cp_width(tw, row[c].mark[m]) == 0 && !cs_cp_control(row[c].mark[m]));
    }
}

static void canvas_row(const cs_canvas *cv, int r, cellv *out, uint8_t *style)
{
    int cols = cs_canvas_cols(cv);
    for (int c = 0; c < cols; c++) {
        const cs_cell *cell = cs_canvas_cell(cv, c, r);
        FUZZ_ASSERT(cell != NULL);
        out[c].ch = cell->ch;
        memcpy(out[c].mark, cell->mark, sizeof out[c].mark);
        if (style)
            style[c] = cell->style;
    }
}

static void grid_row(tui_grid *g, int r, cellv *out, uint8_t *role)
{
    for (int c = 0; c < g->cols; c++) {
        const tui_cell *cell = tui_grid_at(g, c, r);
        FUZZ_ASSERT(cell != NULL);
        out[c].ch = cell->ch;
        memcpy(out[c].mark, cell->mark, sizeof out[c].mark);
        if (role)
            role[c] = cell->role;
    }
}

static int same_cell(const cellv *a, const cellv *b)
{
    return a->ch == b->ch && memcmp(a->mark, b->mark, sizeof a->mark) == 0;
}

/* The columns a text's cells occupy: from max(x, 0) to where its width (at
 * most maxw) or the row ends. */
static void check_span(const cellv *e, int cols, long long x, long long maxw, size_t width)
{
    long long w = (long long)width < maxw ? (long long)width : maxw;
    long long from = x > 0 ? x : 0, to = x + w < cols ? x + w : cols;
    for (int c = 0; c < cols; c++)
        FUZZ_ASSERT((e[c].ch != 0) == (c >= from && c < to));
}

/* Cells after a second text: its own as the model says, the rest as
 * before, except the other half of a wide character it wrote over (at
 * either end of it), given up: `gone` tells such a cell. */
static void check_over(const cellv *before, const cellv *after, const uint8_t *tag_after, uint8_t tag_b,
                       const cellv *eb, int cols, int (*gone)(const cellv *, uint8_t))
{
    int from = -1, to = -1;
    for (int c = 0; c < cols; c++)
        if (eb[c].ch) {
            from = from < 0 ? c : from;
            to = c + 1;
        }
    for (int c = 0; c < cols; c++) {
        if (eb[c].ch) {
            FUZZ_ASSERT(same_cell(&after[c], &eb[c]) && tag_after[c] == tag_b);
        } else if (!same_cell(&after[c], &before[c])) {
            FUZZ_ASSERT(from >= 0 && (c == from - 1 || c == to));
            FUZZ_ASSERT(c == to ? before[c].ch == CS_CELL_WIDE_TAIL : before[c + 1].ch == CS_CELL_WIDE_TAIL);
            FUZZ_ASSERT(gone(&after[c], tag_after[c]));
        }
    }
}

static int canvas_gone(const cellv *c, uint8_t style)
{
    (void)style;
    return c->ch == 0x2591u || c->ch == ':'; /* the shade under the text shows again */
}

static int grid_gone(const cellv *c, uint8_t role)
{
    return c->ch == ' ' && c->mark[0] == 0 && role == ROLE_A; /* a blank that keeps its role */
}

static void expect_untouched(const cellv *row, int cols, uint32_t blank)
{
    for (int c = 0; c < cols; c++)
        FUZZ_ASSERT(row[c].ch == blank && row[c].mark[0] == 0);
}

static void check_layout(const cs_textwidth *tw, const char *a, const char *b, const params *p)
{
    int cols = p->cols, ascii = p->ascii;
    size_t na = strlen(a), nb = strlen(b);
    cpinfo *ca = malloc((na + 1) * sizeof *ca), *cb = malloc((nb + 1) * sizeof *cb);
    cellv ea[MAX_COLS + 1], eb[MAX_COLS + 1], r3[MAX_COLS + 1];
    /* canvas_row fills the canvas's columns, which gcc -O3 cannot tell are
     * the cols read here (-Wmaybe-uninitialized): zeroed, a short canvas
     * shows as a cell of character 0, which check_row refuses. */
    cellv r1[MAX_COLS + 1] = { 0 }, r2[MAX_COLS + 1] = { 0 };
    uint8_t tag1[MAX_COLS + 1], tag2[MAX_COLS + 1];
    FUZZ_ASSERT(ca && cb);
    size_t ka = decode_all(tw, a, ca), kb = decode_all(tw, b, cb);
    size_t wa = cs_text_width(tw, a), wb = cs_text_width(tw, b);
    cs_charset cset = ascii ? CS_CHARSET_ASCII : CS_CHARSET_BRAILLE;

    /* A canvas shaded all over, so that a cell the text leaves alone shows. */
    cs_canvas *cv = cs_canvas_new(cols, ROWS, cset);
    FUZZ_ASSERT(cv != NULL);
    int dx, dy;
    cs_charset_dots(cset, &dx, &dy);
    for (int x = 0; x < cols * dx; x++)
        cs_canvas_shade(cv, x, 0, ROWS * dy - 1, CS_STYLE_BAND);
    cs_canvas_finish(cv);
    uint32_t shade = ascii ? ':' : 0x2591u;
    cs_canvas_text(cv, p->x, ROW, a, CS_STYLE_LABEL);
    model_layout(ca, ka, cols, p->x, (long long)cols - p->x, ascii, ea);
    check_span(ea, cols, p->x, (long long)cols - p->x, wa);
    canvas_row(cv, ROW, r1, tag1);
    check_row(tw, r1, cols, ascii);
    for (int c = 0; c < cols; c++)
        if (ea[c].ch)
            FUZZ_ASSERT(same_cell(&r1[c], &ea[c]) && tag1[c] == CS_STYLE_LABEL);
        else
            FUZZ_ASSERT(r1[c].ch == shade && r1[c].mark[0] == 0);
    canvas_row(cv, 0, r3, NULL);
    expect_untouched(r3, cols, shade);
    canvas_row(cv, 2, r3, NULL);
    expect_untouched(r3, cols, shade);
    cs_canvas_text(cv, p->x2, ROW, b, CS_STYLE_MATCH);
    model_layout(cb, kb, cols, p->x2, (long long)cols - p->x2, ascii, eb);
    canvas_row(cv, ROW, r2, tag2);
    check_row(tw, r2, cols, ascii);
    check_over(r1, r2, tag2, CS_STYLE_MATCH, eb, cols, canvas_gone);

    /* The grid, with room for maxw columns, over a blank row. */
    tui_grid g = { 0 };
    FUZZ_ASSERT(tui_grid_init(&g, cols, ROWS, ascii) == 0);
    int used = tui_grid_text(&g, p->x, ROW, p->maxw, a, ROLE_A);
    FUZZ_ASSERT(used >= 0 && used <= (p->maxw > 0 ? p->maxw : 0));
    model_layout(ca, ka, cols, p->x, p->maxw, ascii, ea);
    check_span(ea, cols, p->x, p->maxw, wa);
    grid_row(&g, ROW, r1, tag1);
    check_row(tw, r1, cols, ascii);
    for (int c = 0; c < cols; c++)
        if (ea[c].ch)
            FUZZ_ASSERT(same_cell(&r1[c], &ea[c]) && tag1[c] == ROLE_A);
        else
            FUZZ_ASSERT(r1[c].ch == ' ' && r1[c].mark[0] == 0 && tag1[c] == 0);
    grid_row(&g, 0, r3, NULL);
    expect_untouched(r3, cols, ' ');
    grid_row(&g, 2, r3, NULL);
    expect_untouched(r3, cols, ' ');
    tui_grid_text(&g, p->x2, ROW, p->maxw2, b, ROLE_B);
    model_layout(cb, kb, cols, p->x2, p->maxw2, ascii, eb);
    check_span(eb, cols, p->x2, p->maxw2, wb);
    grid_row(&g, ROW, r2, tag2);
    check_row(tw, r2, cols, ascii);
    check_over(r1, r2, tag2, ROLE_B, eb, cols, grid_gone);

    /* The canvas and the grid lay the same texts out alike. */
    cs_canvas *plain = cs_canvas_new(cols, ROWS, cset);
    FUZZ_ASSERT(plain != NULL);
    cs_canvas_finish(plain);
    tui_grid h = { 0 };
    FUZZ_ASSERT(tui_grid_init(&h, cols, ROWS, ascii) == 0);
    cs_canvas_text(plain, p->x, ROW, a, CS_STYLE_LABEL);
    tui_grid_text(&h, p->x, ROW, cols - p->x, a, ROLE_A);
    cs_canvas_text(plain, p->x2, ROW, b, CS_STYLE_LABEL);
    tui_grid_text(&h, p->x2, ROW, cols - p->x2, b, ROLE_A);
    canvas_row(plain, ROW, r1, NULL);
    grid_row(&h, ROW, r2, NULL);
    for (int c = 0; c < cols; c++)
        FUZZ_ASSERT(same_cell(&r1[c], &r2[c]));

    /* A canvas copied into a grid at any offset keeps whole glyphs. */
    tui_grid k = { 0 };
    FUZZ_ASSERT(tui_grid_init(&k, p->cols2, ROWS, ascii) == 0);
    tui_grid_blit(&k, p->bx, 0, plain);
    for (int r = 0; r < ROWS; r++) {
        cellv row[MAX_COLS + 1];
        grid_row(&k, r, row, NULL);
        check_row(tw, row, k.cols, ascii);
    }

    /* One code point put is that code point as a text. */
    cs_canvas *one = cs_canvas_new(cols, 1, cset), *two = cs_canvas_new(cols, 1, cset);
    FUZZ_ASSERT(one && two);
    for (size_t i = 0; i < ka && i < 4; i++) {
        char buf[8];
        cs_canvas_clear(one);
        cs_canvas_clear(two);
        cs_canvas_finish(one);
        cs_canvas_finish(two);
        buf[cs_utf8_encode(ca[i].cp, buf)] = '\0';
        cs_canvas_put(one, p->x, 0, ca[i].cp, CS_STYLE_LABEL);
        if (p->x >= 0)
            cs_canvas_text(two, p->x, 0, buf, CS_STYLE_LABEL);
        canvas_row(one, 0, r1, NULL);
        canvas_row(two, 0, r2, NULL);
        for (int c = 0; c < cols; c++)
            FUZZ_ASSERT(same_cell(&r1[c], &r2[c]));
    }
    cs_canvas_free(one);
    cs_canvas_free(two);
    cs_canvas_free(plain);
    cs_canvas_free(cv);
    tui_grid_free(&g);
    tui_grid_free(&h);
    tui_grid_free(&k);
    free(ca);
    free(cb);
}

/* ---- tui_grid_fit, tui_grid_wrap -------------------------------------- */

/* Well-formed UTF-8: every U+FFFD is a real one, not a malformed byte. */
static int valid_utf8(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = cs_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFDu && used == 1)
            return 0;
        i += used;
    }
    return 1;
}

/* The text as the fit copies it: each malformed byte one U+FFFD. */
static char *normalised(const char *s)
{
    size_t n = strlen(s), len = 0;
    char *out = malloc(3 * n + 1);
    FUZZ_ASSERT(out != NULL);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += cs_utf8_decode(s + i, n - i, &cp);
        len += (size_t)cs_utf8_encode(cp, out + len);
    }
    out[len] = '\0';
    return out;
}

static size_t trailing_spaces(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && s[n - 1 - k] == ' ')
        k++;
    return k;
}

/* out = head, ellipsis, tail, padding: head a start of norm and tail an
 * end of it (empty without TUI_FIT_MIDDLE), both cut at character
 * boundaries. */
static int cut_shape(const cs_textwidth *tw, const char *norm, const char *out, const char *ell, int middle)
{
    size_t nn = strlen(norm), no = strlen(out), el = strlen(ell);
    for (size_t at = 0; at + el <= no; at++) {
        if (memcmp(out + at, ell, el) != 0 || at > nn || memcmp(out, norm, at) != 0 ||
            cs_text_floor(tw, norm, at) != at)
            continue;
        const char *rest = out + at + el;
        size_t nr = strlen(rest), pad = trailing_spaces(rest, nr);
        if (!middle && pad == nr)
            return 1;
        /* The tail may end in blanks of its own: try every split of them. */
        for (size_t t = nr - pad; middle && t <= nr; t++)
            if (t <= nn && memcmp(rest, norm + nn - t, t) == 0 && cs_text_boundary(tw, norm, nn - t) == nn - t)
                return 1;
    }
    return 0;
}

/* Code points that a and b start with alike, in bytes of b. */
static size_t common_start(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
    while (i < na && j < nb) {
        uint32_t ca, cb;
        size_t ka = cs_utf8_decode(a + i, na - i, &ca), kb = cs_utf8_decode(b + j, nb - j, &cb);
        if (ca != cb)
            break;
        i += ka;
        j += kb;
    }
    return j;
}

static void check_fit(tui_grid *g, const char *s, const params *p)
{
    int w = p->fitw, how = p->how;
    size_t n = strlen(s);
    size_t big = 4 * (size_t)(w > 0 ? w : 0) + 4 + 4 * n + 8;
    char *out = malloc(big);
    char *norm = normalised(s);
    FUZZ_ASSERT(out != NULL);
    tui_grid_fit(g, s, w, how, out, big);
    FUZZ_ASSERT(valid_utf8(out));
    int total = tui_grid_width(g, s);
    if (w <= 0) {
        FUZZ_ASSERT(out[0] == '\0');
    } else {
        FUZZ_ASSERT(tui_grid_width(g, out) == w);
        if (total <= w) {
            size_t pad = (size_t)(w - total), nn = strlen(norm);
            FUZZ_ASSERT(strlen(out) == pad + nn);
            const char *text = how & TUI_FIT_RIGHT ? out + pad : out;
            const char *blank = how & TUI_FIT_RIGHT ? out : out + nn;
            FUZZ_ASSERT(memcmp(text, norm, nn) == 0);
            for (size_t k = 0; k < pad; k++)
                FUZZ_ASSERT(blank[k] == ' ');
        } else {
            FUZZ_ASSERT(cut_shape(g->width, norm, out, g->ascii ? "~" : "\xe2\x80\xa6", how & TUI_FIT_MIDDLE));
        }
    }
    /* Too small a buffer: shorter, never past it, never inside a character. */
    for (size_t size = 1; size < big && size <= 4 * (size_t)(w > 0 ? w : 0) + 4; size += 1 + size / 4) {
        char *small = malloc(size);
        FUZZ_ASSERT(small != NULL);
        tui_grid_fit(g, s, w, how, small, size);
        size_t len = strnlen(small, size);
        FUZZ_ASSERT(len < size);
        FUZZ_ASSERT(valid_utf8(small));
        FUZZ_ASSERT(tui_grid_width(g, small) <= (w > 0 ? w : 0));
        /* Its text, where it ends early, ends at a character boundary (a
         * letter keeps its accents): the copy from the start of the text,
         * unless padding comes first or the ellipsis could pass for text. */
        if (w > 0 && !(how & (TUI_FIT_RIGHT | TUI_FIT_MIDDLE)) && !strstr(norm, "\xe2\x80\xa6") &&
            !strchr(norm, '~')) {
            size_t at = common_start(small, norm);
            while (at > 0 && norm[at - 1] == ' ' && cs_text_floor(g->width, norm, at) != at)
                at--; /* padding that passes for the text's blanks */
            FUZZ_ASSERT(cs_text_floor(g->width, norm, at) == at);
        }
        free(small);
    }
    free(out);
    free(norm);
}

static void check_wrap(tui_grid *g, const char *s, const params *p)
{
    size_t n = strlen(s);
    char *copy = malloc(n + 1);
    FUZZ_ASSERT(copy != NULL);
    size_t limits[] = { SIZE_MAX, p->max_bytes };
    for (size_t l = 0; l < 2; l++)
        for (int w = -1; w <= p->fitw; w += 1 + p->fitw / 8) {
            size_t r = tui_grid_wrap(g, s, w, limits[l]);
            FUZZ_ASSERT(r <= n);
            FUZZ_ASSERT(n == 0 || r > 0); /* a wrap always advances */
            FUZZ_ASSERT(cs_text_floor(g->width, s, r) == r);
            memcpy(copy, s, r);
            copy[r] = '\0';
            int fits = tui_grid_width(g, copy) <= w && r <= limits[l];
            if ((size_t)tui_grid_width(g, s) <= (size_t)(w > 0 ? w : 0) && n <= limits[l])
                FUZZ_ASSERT(r == n);
            if (!fits) /* only one character, too wide for the line */
                FUZZ_ASSERT(r == cs_text_boundary(g->width, s, 1));
        }
    free(copy);
}

/* ---- the prompt's window ---------------------------------------------- */

static void check_window(const cs_textwidth *tw, const char *line, const params *p)
{
    size_t len = strlen(line), from = SIZE_MAX;
    int cursor = -1;
    size_t point = p->point % (len + 3);
    size_t n = tui_line_window(tw, line, point, p->cap, &from, &cursor);
    size_t pt = point < len ? point : len;
    FUZZ_ASSERT(from <= len && n <= len - from);
    if (len <= p->cap) {
        FUZZ_ASSERT(from == 0 && n == len);
    } else {
        FUZZ_ASSERT(n <= p->cap);
    }
    /* readline's cursor sits between code points; inside one, only memory safety. */
    if (cs_text_floor(NULL, line, pt) != pt)
        return;
    FUZZ_ASSERT(from <= pt && pt <= from + n);
    FUZZ_ASSERT(cs_text_floor(NULL, line, from) == from);
    FUZZ_ASSERT(cs_text_floor(NULL, line, from + n) == from + n);
    /* Whole characters, unless keeping one whole would leave the cursor out. */
    size_t letter = cs_text_floor(tw, line, from);
    if (letter != from)
        FUZZ_ASSERT(pt - letter > p->cap);
    size_t end = from + n;
    if (end < len && cs_text_floor(tw, line, end) != end) {
        size_t e = cs_text_floor(tw, line, end);
        FUZZ_ASSERT(e <= from || e < pt);
    }
    int count = 0;
    for (size_t i = from; i < pt; count++) {
        uint32_t cp;
        i += cs_utf8_decode(line + i, len - i, &cp);
    }
    FUZZ_ASSERT(cursor == count);
}

/* ---- namelist.h ------------------------------------------------------ */

/* cs_quote_short into a buffer of exactly size bytes: s whole when it
 * fits, else a start of s and "...", "" below 4 bytes; never inside a
 * UTF-8 sequence, so valid UTF-8 stays valid, and cut no further back than
 * the character that did not fit. */
static void check_quote(const char *s, size_t size)
{
    char *buf = malloc(size ? size : 1);
    FUZZ_ASSERT(buf != NULL);
    FUZZ_ASSERT(cs_quote_short(s, buf, size) == buf);
    if (size == 0) {
        free(buf);
        return;
    }
    size_t n = strnlen(buf, size), len = strlen(s);
    FUZZ_ASSERT(n < size);
    if (len < size) {
        FUZZ_ASSERT(strcmp(buf, s) == 0);
    } else if (size < 4) {
        FUZZ_ASSERT(n == 0);
    } else {
        FUZZ_ASSERT(n >= 3 && memcmp(buf + n - 3, "...", 3) == 0 && memcmp(buf, s, n - 3) == 0);
        if (valid_utf8(s)) {
            size_t keep = n - 3;
            FUZZ_ASSERT(cs_text_floor(NULL, s, keep) == keep);
            FUZZ_ASSERT(cs_text_boundary(NULL, s, keep + 1) > size - 4);
        }
    }
    FUZZ_ASSERT(!valid_utf8(s) || valid_utf8(buf));
    free(buf);
}

/* The list of k names in a buffer of exactly size bytes, at most `most`
 * listed: the first names, whole as cs_quote_short shows them in
 * CS_NAMES_SHOWN bytes, joined by ", ", each listed only while room for
 * the widest " and N more" (and the NUL) remains after it, and none after
 * the first that did not fit; then " and N more" for the rest, which
 * therefore always fits, or "N names" ("1 name") alone when none was
 * listed and it fits. Valid UTF-8 when every name is. */
static void check_namelist(char **names, size_t k, const char *want, size_t most, size_t size)
{
    char *buf = malloc(size ? size : 1);
    FUZZ_ASSERT(buf != NULL);
    cs_namelist l;
    cs_namelist_init(&l, want, most, buf, size);
    for (size_t i = 0; i < k; i++)
        cs_namelist_add(&l, names[i]);
    FUZZ_ASSERT(cs_namelist_end(&l) == buf && l.n == k);
    int found = l.near.nearest == NULL;
    for (size_t i = 0; i < k && !found; i++)
        found = l.near.nearest == names[i];
    FUZZ_ASSERT(found && (l.near.nearest == NULL || l.near.n_nearest >= 1));
    if (size == 0) {
        free(buf);
        return;
    }
    FUZZ_ASSERT(strnlen(buf, size) < size);

    size_t widest = (size_t)snprintf(NULL, 0, " and %zu more", (size_t)SIZE_MAX);
    size_t at = 0, listed = 0;
    int all_valid = 1;
    for (size_t i = 0; i < k; i++)
        all_valid = all_valid && valid_utf8(names[i]);
    while (listed < k && listed < most) {
        char shown[CS_NAMES_SHOWN];
        cs_quote_short(names[listed], shown, sizeof shown);
        const char *sep = listed ? ", " : "";
        size_t ls = strlen(sep), ln = strlen(shown);
        if (at + ls + ln + widest >= size)
            break;
        FUZZ_ASSERT(memcmp(buf + at, sep, ls) == 0 && strncmp(buf + at + ls, shown, ln) == 0);
        at += ls + ln;
        listed++;
    }
    FUZZ_ASSERT(l.n_listed == listed && listed <= most);
    size_t rest = k - listed;
    char tail[64] = "";
    if (rest && listed)
        snprintf(tail, sizeof tail, " and %zu more", rest);
    else if (rest && at + (size_t)snprintf(tail, sizeof tail, "%zu name%s", rest, rest == 1 ? "" : "s") >= size)
        tail[0] = '\0';
    if (strcmp(buf + at, tail) != 0) {
        fprintf(stderr, "%zu names, %zu listed, in %zu bytes: '%s' ends in '%s', not '%s'\n", k, listed,
                size, buf, buf + at, tail);
        abort();
    }
    FUZZ_ASSERT(!all_valid || valid_utf8(buf));
    free(buf);
}

/* Cuts text into its lines in place: the last check of an input. */
static void check_names(char *text, const char *want, const uint8_t *h)
{
    size_t k = 1;
    for (const char *c = text; *c; c++)
        k += *c == '\n';
    char **names = malloc(k * sizeof *names);
    FUZZ_ASSERT(names != NULL);
    k = 0;
    for (char *line = text;;) {
        names[k++] = line;
        char *nl = strchr(line, '\n');
        if (!nl)
            break;
        *nl = '\0';
        line = nl + 1;
    }
    for (size_t i = 0; i < k; i++) {
        size_t len = strlen(names[i]);
        for (size_t size = 0; size <= len + 2 && size <= 64; size++)
            check_quote(names[i], size);
        check_quote(names[i], CS_NAMES_SHOWN);
    }
    check_namelist(names, k, want, h[2] % (CS_NAMES_LISTED + 3), 1 + (size_t)(h[1] << 8 | h[6]) % 640);
    check_namelist(names, k, want, CS_NAMES_LISTED, 480); /* the unknown task's, TUI and batch */
    check_namelist(names, k, want, 4, 256);               /* splits' notes */
    free(names);
}

/* ---- the entry point -------------------------------------------------- */

static params read_params(const uint8_t *h)
{
    params p;
    p.ascii = h[0] & 1;
    p.how = (h[0] >> 1) & 3;
    p.cols = h[1] % (MAX_COLS + 1);
    p.x = (signed char)h[2] % (MAX_COLS + 8);
    p.maxw = (signed char)h[3] % 64;
    p.x2 = (signed char)h[4] % (MAX_COLS + 8);
    p.maxw2 = (signed char)(h[3] ^ h[4]) % 64;
    p.fitw = h[5] % 81;
    p.cols2 = (h[6] >> 2) % (MAX_COLS + 1);
    p.bx = (signed char)h[4] % 8 + p.x % 8;
    p.cap = 1 + h[6] % 64;
    p.point = h[7];
    p.max_bytes = (h[7] ^ h[5]) % 64;
    return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cs_textwidth *tw; /* one locale object for every input: newlocale is slow */
    if (!tw)
        tw = cs_textwidth_open();
    FUZZ_ASSERT(tw != NULL);
    uint8_t head[HEADER] = { 0 };
    memcpy(head, data, size < HEADER ? size : HEADER);
    params p = read_params(head);
    data += size < HEADER ? size : HEADER;
    size -= size < HEADER ? size : HEADER;
    if (size > MAX_TEXT)
        size = MAX_TEXT;
    char *a = fuzz_cstring(data, size);
    FUZZ_ASSERT(a != NULL);
    size_t na = strlen(a);
    char *b = fuzz_cstring(na < size ? data + na + 1 : data + size, na < size ? size - na - 1 : 0);
    FUZZ_ASSERT(b != NULL);

    check_textwidth(tw, a, &p);
    check_textwidth(NULL, a, &p);
    check_layout(tw, a, b, &p);
    tui_grid g = { 0 };
    FUZZ_ASSERT(tui_grid_init(&g, 1, 1, p.ascii) == 0);
    check_fit(&g, a, &p);
    check_wrap(&g, a, &p);
    tui_grid_free(&g);
    check_window(tw, a, &p);
    check_window(NULL, a, &p);
    check_names(a, b, head);
    free(a);
    free(b);
    return 0;
}
