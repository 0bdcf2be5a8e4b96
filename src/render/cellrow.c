/* cellrow.c - text laid out in a row of cells: wide characters, marks, edges. */
#include "config.h"

#include <string.h>

#include "capscope/cellrow.h"

uint32_t cs_cell_shown(uint32_t cp, int ascii)
{
    if (ascii)
        return cp >= 0x20 && cp < 0x7F ? cp : '?';
    if (cp == CS_CELL_WIDE_TAIL) /* a cell's, not a text's: pen_cp */
        return ' ';
    int invalid = cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF);
    if (cs_cp_control(cp) || invalid)
        return 0xFFFDu;
    return cp;
}

int cs_cell_mark_add(uint32_t marks[CS_CELL_MARKS], uint32_t cp)
{
    for (int k = 0; k < CS_CELL_MARKS; k++)
        if (!marks[k]) {
            marks[k] = cp;
            return 1;
        }
    return 0;
}

static int in_row(const cs_cellrow *r, long long col)
{
    return col >= 0 && col < r->cols;
}

void cs_cellrow_set(const cs_cellrow *r, int col, uint32_t ch)
{
    if (!in_row(r, col))
        return;
    /* A tail is only ever written right after its head, which has just
     * given up any tail to its right: never over another tail. */
    if (ch != CS_CELL_WIDE_TAIL && col > 0 && r->get(r->ctx, col) == CS_CELL_WIDE_TAIL)
        r->set(r->ctx, col - 1, 0);
    if (col + 1 < r->cols && r->get(r->ctx, col + 1) == CS_CELL_WIDE_TAIL)
        r->set(r->ctx, col + 1, 0);
    r->set(r->ctx, col, ch);
}

void cs_cellrow_mark(const cs_cellrow *r, int col, uint32_t cp)
{
    if (r->ascii || !in_row(r, col))
        return;
    uint32_t ch = r->get(r->ctx, col);
    if (ch && ch != CS_CELL_WIDE_TAIL)
        r->mark(r->ctx, col, cp);
}

/* Where a text being laid out is. */
typedef struct pen {
    long long col, maxw;  /* its first column and its room */
    long long w;          /* columns used */
    long long last;       /* the cell of its last character, which a mark joins; -1: none */
} pen;

/* Lay out one code point; 0 when the text ends here (the room is full, or
 * a wide character was cut at the right). */
static int pen_cp(const cs_cellrow *r, pen *p, uint32_t cp)
{
    int cw = cs_cp_width(r->width, cp);
    if (cw == 0) {
        if (p->last >= 0)
            cs_cellrow_mark(r, (int)p->last, cp);
        return 1;
    }
    if (p->w >= p->maxw)
        return 0;
    long long at = p->col + p->w;
    p->last = -1;
    if (cw == 2 && (p->w + 2 > p->maxw || at + 2 > r->cols)) {
        /* Its right half is past the room or the row: a space in its left. */
        if (in_row(r, at))
            cs_cellrow_set(r, (int)at, ' ');
        p->w++;
        return 0;
    }
    if (cw == 2 && at < 0) {
        /* Its left half is before the row: a space in its right. */
        if (in_row(r, at + 1))
            cs_cellrow_set(r, (int)(at + 1), ' ');
        p->w += 2;
        return 1;
    }
    if (in_row(r, at)) {
        /* A zero-width space in the text is a control (textwidth.h), not the
         * tail of a wide character that the same code point marks in a cell. */
        cs_cellrow_set(r, (int)at, cs_cell_shown(cp == CS_CELL_WIDE_TAIL ? 0xFFFDu : cp, r->ascii));
        if (cw == 2) /* ascii shows "??": the same columns as the glyph */
            cs_cellrow_set(r, (int)at + 1, r->ascii ? '?' : CS_CELL_WIDE_TAIL);
        p->last = at;
    }
    p->w += cw;
    return 1;
}

long long cs_cellrow_text(const cs_cellrow *r, long long col, long long maxw, const char *utf8)
{
    pen p = { .col = col, .maxw = maxw, .w = 0, .last = -1 };
    size_t n = strlen(utf8);
    while (n > 0) {
        uint32_t cp;
        size_t used = cs_utf8_decode(utf8, n, &cp);
        if (!pen_cp(r, &p, cp))
            break;
        utf8 += used;
        n -= used;
    }
    return p.w;
}

void cs_cellrow_put(const cs_cellrow *r, int col, uint32_t cp)
{
    pen p = { .col = col, .maxw = (long long)r->cols - col, .w = 0, .last = -1 };
    pen_cp(r, &p, cp);
}
