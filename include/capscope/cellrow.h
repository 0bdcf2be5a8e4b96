/* cellrow.h - UTF-8 text laid out in a row of character cells.
 *
 * The one layout of text in cells, shared by the canvas (canvas.h) and the
 * TUI's grid, so that a label looks the same in `capscope plot` and on the
 * screen. Widths come from the one width rule (textwidth.h):
 *   - a wide character takes two cells: its code point, then
 *     CS_CELL_WIDE_TAIL ("??" in ascii, where nothing is a tail);
 *   - a zero-width character (a combining accent) joins the marks of the
 *     cell of the character before it in the same text, up to
 *     CS_CELL_MARKS, more are dropped; one with no character before it, or
 *     after a character clipped at an edge, is dropped; ascii has no marks;
 *   - a wide character that would straddle an edge (the row's ends, or the
 *     end of the columns given) leaves a space in the half that is inside,
 *     in every charset; at the right the text stops there;
 *   - a cell written over either half of a wide character gives up the
 *     other half too, or the terminal would show half a glyph or shift the
 *     rest of the line;
 *   - control characters (cs_cp_control: C0, C1, bidi controls and
 *     zero-width characters, a zero-width space in the text included)
 *     show as U+FFFD, one cell, in ascii everything outside printable
 *     ASCII as '?', so text from a data file cannot drive the terminal or
 *     reorder the rest of a row.
 * The cells belong to the caller, who reaches them through three functions:
 * a canvas keeps text as a layer over its dots, the grid as plain cells.
 */
#ifndef CAPSCOPE_CELLROW_H
#define CAPSCOPE_CELLROW_H

#include <stdint.h>

#include "capscope/canvas.h"
#include "capscope/textwidth.h"

typedef struct cs_cellrow {
    int cols;                   /* the row's cells are 0 .. cols - 1 */
    int ascii;                  /* printable ASCII only */
    const cs_textwidth *width;  /* NULL: every code point one column */
    void *ctx;                  /* handed to the three functions */
    /* The code point of cell col: CS_CELL_WIDE_TAIL for the right half of
     * a wide character, 0 for a cell without text. */
    uint32_t (*get)(void *ctx, int col);
    /* Cell col holds ch now, without marks; ch 0: the cell gives up its
     * text (the other half of a wide character written over). */
    void (*set)(void *ctx, int col, uint32_t ch);
    /* Add cp to the marks of cell col (cs_cell_mark_add), which holds a
     * character that takes marks. */
    void (*mark)(void *ctx, int col, uint32_t cp);
} cs_cellrow;

/* What cp shows as in a cell: U+FFFD for a control (cs_cp_control), a surrogate
 * or a value past U+10FFFF, CS_CELL_WIDE_TAIL (which only the layout puts
 * in a cell) as a space; in ascii '?' for all outside printable ASCII. */
uint32_t cs_cell_shown(uint32_t cp, int ascii);

/* Add cp to the first free place of marks; 0 when all CS_CELL_MARKS are taken. */
int cs_cell_mark_add(uint32_t marks[CS_CELL_MARKS], uint32_t cp);

/* Write ch as it is (a code point already shown, or CS_CELL_WIDE_TAIL) in
 * cell col, giving up the other half of a wide character written over.
 * Outside the row: nothing. */
void cs_cellrow_set(const cs_cellrow *r, int col, uint32_t ch);

/* Join mark cp to the character in cell col: nothing in ascii, outside the
 * row, on an empty cell or on the right half of a wide character. */
void cs_cellrow_mark(const cs_cellrow *r, int col, uint32_t cp);

/* Lay utf8 out from cell col on (negative: its start is clipped) in at most
 * maxw columns; invalid UTF-8 is one U+FFFD a byte. Returns the columns
 * used, those outside the row included, and the space left for a wide
 * character cut at the right. */
long long cs_cellrow_text(const cs_cellrow *r, long long col, long long maxw, const char *utf8);

/* One code point at cell col, as cs_cellrow_text lays it out with the rest
 * of the row as room (a lone zero-width code point puts nothing). */
void cs_cellrow_put(const cs_cellrow *r, int col, uint32_t cp);

#endif
