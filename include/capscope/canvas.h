/* canvas.h - a grid of character cells that plots are drawn on, without curses.
 *
 * Each cell holds one Unicode code point, up to CS_CELL_MARKS combining
 * marks and a style id (a colour role, see cs_style). Drawing is in "dot" coordinates: braille gives 2x4 dots per cell
 * (U+2800 plus a bit mask), block gives 2x2 (quadrant blocks), ascii gives
 * 1x1 (a mark by density: . o O @). Points accumulate counts per cell so
 * crowded regions show density; a cell's style is the majority style of its
 * dots (VisiData's rule), and a higher layer (the boundary curve) wins over
 * a lower one. The TUI blits cells to ncurses; `capscope plot` prints them
 * with cs_canvas_print; tests compare cs_canvas_to_text against golden files.
 *
 * Layers, lowest first; a cell shows the highest layer that touched it:
 *   shade   bands (cs_canvas_shade): a light fill, shown only in cells with
 *           nothing else: U+2591 (light shade) in braille and block, ':' in ascii;
 *   points  (cs_canvas_dot): braille/block show the dots that are set; ascii
 *           shows the count: 1 '.', 2-3 'o', 4-7 'O', 8 or more '@';
 *   lines   (cs_canvas_line): braille and block show the line's dots only
 *           (the points under it give way, so the curve stays a thin line
 *           even without colour); ascii shows the slope: '-', '/', '\', '|';
 *   text    (cs_canvas_text, cs_canvas_put): replaces the cell.
 * Text is laid out by display width (textwidth.h), as a terminal shows it
 * and as the TUI's grid lays it out (the one layout, cellrow.h): a
 * wide character (CJK, most emoji) takes two cells, the second holding
 * CS_CELL_WIDE_TAIL, which renderers skip (the first cell's glyph covers
 * it); a zero-width character (a combining accent) joins the marks of the
 * cell of the character before it in the same text, and one with no
 * character before it is dropped; a wide character that would straddle an
 * edge leaves a space in the half that is on the canvas. Writing over either
 * half of a wide character gives up the other half, which shows the layers
 * under the text. An ascii canvas keeps the layout and shows a wide
 * character as "??" and no marks.
 * Density mode: a cell holding CS_CANVAS_DENSE points or more is marked
 * CS_ATTR_DENSE (the same threshold as '@' in ascii). Braille and block
 * cannot show a count in the glyph (a cell of 50 points on 2 dots looks like
 * one of 2 points), so dense cells are drawn bold: cs_canvas_print emits SGR 1
 * for them and the TUI maps the attribute to A_BOLD.
 * Point styles: the majority of the points in the cell, a tie going to the
 * higher style; but a highlight (a style above CS_STYLE_BAND: suggested,
 * match, cursor) wins whenever one of its points is in the cell, so a single
 * match among many points still shows. Line styles: the highest style of
 * the lines in the cell.
 *
 * Out-of-range dots and cells are clipped silently, and the dot layers
 * (points, lines, shade) to the canvas's clip as well (cs_canvas_clip). In the ascii charset
 * every code point outside printable ASCII becomes '?', so ascii output is
 * pure ASCII; control characters become U+FFFD (or '?') everywhere, so text
 * from a data file cannot drive the terminal. Every function accepts a NULL
 * canvas and does nothing (cs_canvas_new returns NULL when the size, or
 * either side, exceeds CS_CANVAS_MAX_CELLS or memory runs out). A canvas of 0 columns or rows is
 * valid and empty.
 */
#ifndef CAPSCOPE_CANVAS_H
#define CAPSCOPE_CANVAS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capscope/utf8.h" /* cs_utf8_encode, cs_utf8_decode: text on the canvas */

typedef enum cs_charset { CS_CHARSET_BRAILLE, CS_CHARSET_BLOCK, CS_CHARSET_ASCII } cs_charset;

/* Colour roles; themes map them to colours. Order = drawing priority (low to high). */
typedef enum cs_style {
    CS_STYLE_DEFAULT = 0,
    CS_STYLE_AXIS,
    CS_STYLE_LABEL,
    CS_STYLE_POINT,        /* data points (training points in a split view) */
    CS_STYLE_POINT_ALT,    /* validation points */
    CS_STYLE_BAND,         /* shaded gap / uncertainty band */
    CS_STYLE_SUGGESTED,    /* models the sampler suggests */
    CS_STYLE_CURVE_ALT,    /* second boundary (other period, other quantile) */
    CS_STYLE_CURVE,        /* the fitted boundary */
    CS_STYLE_MATCH,        /* search matches */
    CS_STYLE_CURSOR,       /* the selected point */
    CS_STYLE_COUNT
} cs_style;

/* Cell attributes (cs_cell.attr). */
enum { CS_ATTR_DENSE = 1 };   /* at least CS_CANVAS_DENSE points: draw bold */

#define CS_CANVAS_DENSE 8
/* Largest canvas cs_canvas_new accepts (cols * rows), about 90 bytes a cell. */
#define CS_CANVAS_MAX_CELLS (1L << 20)

/* Combining marks a cell keeps (ncurses takes at least 4 with a base). */
#define CS_CELL_MARKS 2
/* The right half of a wide character. A zero-width space, so that a
 * renderer copying every cell adds nothing visible; renderers skip it. */
#define CS_CELL_WIDE_TAIL 0x200Bu

typedef struct cs_cell {
    uint32_t ch;           /* code point; ' ' when empty; CS_CELL_WIDE_TAIL */
    uint32_t mark[CS_CELL_MARKS]; /* combining marks drawn on ch; 0 ends them */
    uint8_t style;         /* cs_style */
    uint8_t attr;          /* CS_ATTR_* */
} cs_cell;

typedef struct cs_canvas cs_canvas;

/* Negative sizes count as 0. NULL when too large or out of memory. */
cs_canvas *cs_canvas_new(int cols, int rows, cs_charset cs);
void cs_canvas_free(cs_canvas *c);
void cs_canvas_clear(cs_canvas *c);
int cs_canvas_cols(const cs_canvas *c);
int cs_canvas_rows(const cs_canvas *c);
cs_charset cs_canvas_charset(const cs_canvas *c);

/* Dots per cell horizontally and vertically for the charset (2x4, 2x2, 1x1). */
void cs_charset_dots(cs_charset cs, int *dx, int *dy);

/* Parse "braille" | "block" | "ascii"; -1 when unknown. */
int cs_charset_parse(const char *s, cs_charset *out);

/* What "auto" draws with for a terminal of type term (TERM; NULL: unknown)
 * in a locale that is UTF-8 or not: braille, but ascii without UTF-8 and
 * on the Linux console (linux, linux-*), whose kernel font has no braille,
 * eighth blocks or quadrants. */
cs_charset cs_charset_auto(int utf8, const char *term);

/* From now on points, lines and shade set only dots in the cells
 * [col, col + cols) x [row, row + rows), cut to the canvas; text and
 * cs_canvas_put are not clipped. A new canvas clips to itself; so does
 * cs_canvas_clip(c, 0, 0, cols, rows). cs_canvas_clear keeps the clip. */
void cs_canvas_clip(cs_canvas *c, int col, int row, int cols, int rows);

/* Set one dot of the plot area (dot coordinates, origin top-left); counts for density. */
void cs_canvas_dot(cs_canvas *c, int x, int y, cs_style style);

/* How cs_canvas_scatter maps a value to a dot along one axis: a value v
 * in [lo, hi] goes to dot origin + (int)(offset * scale), where offset is
 * v - lo, or hi - v when flip (y grows down), and at most the last dot,
 * origin + dots - 1; a value outside [lo, hi] (or NaN) is not drawn. */
typedef struct cs_dot_axis {
    double lo, hi, scale;
    int origin, dots, flip;
} cs_dot_axis;

/* The points (xv[i], yv[i]), i < n, mapped to dots by ax and ay and set
 * as cs_canvas_dot sets them: the same cells, counts and styles, at a
 * fraction of the cost for a million points (counted per cell in a
 * scratch that stays in cache, without a branch per point, then added to
 * the cells). */
void cs_canvas_scatter(cs_canvas *c, const double *xv, const double *yv, size_t n, const cs_dot_axis *ax,
                       const cs_dot_axis *ay, cs_style style);

/* The points layer kept between frames. Setting a million dots is most of
 * a frame of the TUI's plot, and most keys (a cursor move, a redraw) leave
 * the points as they were: cs_canvas_points_keep copies the points layer
 * as drawn so far, under a key of the caller's (up to CS_CANVAS_KEY_MAX
 * bytes, compared as bytes: what the points were drawn from, and how);
 * cs_canvas_points_reuse, on a canvas whose points layer is empty (just
 * cleared), puts that copy back when the key is the same and returns 1,
 * else it changes nothing and returns 0. Points set after either add to
 * the layer as they would have to the one drawn again. The copy survives
 * cs_canvas_clear; keep returns -1 (and forgets any copy) when the key is
 * too long or memory runs out. */
#define CS_CANVAS_KEY_MAX 256
int cs_canvas_points_keep(cs_canvas *c, const void *key, size_t size);
int cs_canvas_points_reuse(cs_canvas *c, const void *key, size_t size);

/* Line between dots (Bresenham), on top of points. Endpoints may lie far
 * outside the canvas: the line is clipped first, so the cost is bounded by
 * the canvas, not by the coordinates. */
void cs_canvas_line(cs_canvas *c, int x0, int y0, int x1, int y1, cs_style style);

/* Shade the dots (x, y0..y1) inclusive, either order: the band layer. */
void cs_canvas_shade(cs_canvas *c, int x, int y0, int y1, cs_style style);

/* Put text at a cell (UTF-8 input), laid out by display width from col on,
 * clipped at the edges; invalid UTF-8 becomes U+FFFD ('?' in ascii). */
void cs_canvas_text(cs_canvas *c, int col, int row, const char *utf8, cs_style style);

/* The columns cs_canvas_text would lay utf8 out in (the canvas's width
 * rule: a wide character two), so that a caller can place text by its end. */
int cs_canvas_text_width(const cs_canvas *c, const char *utf8);

/* Put one code point at a cell, as cs_canvas_text would (a lone zero-width
 * code point puts nothing). */
void cs_canvas_put(cs_canvas *c, int col, int row, uint32_t ch, cs_style style);

/* Resolve dots into cells (glyphs and majority styles). Idempotent. Text
 * and code points put after it show at once (they write the cell too). */
void cs_canvas_finish(cs_canvas *c);

/* The cell as of the last cs_canvas_finish; NULL outside the canvas. */
const cs_cell *cs_canvas_cell(const cs_canvas *c, int col, int row);

/* Whether nothing was drawn in a cell, on any layer: a blank that text put
 * there (between a label's words) is drawn, so that a fill put after the
 * canvas is finished (the TUI's band) keeps to the empty cells. 0 outside
 * the canvas. */
int cs_canvas_blank(const cs_canvas *c, int col, int row);

/* Points that landed in a cell (for a density legend or a tooltip). */
unsigned long cs_canvas_count(const cs_canvas *c, int col, int row);

/* Plain text: every row followed by '\n', trailing spaces trimmed (an empty
 * canvas gives ""), each cell's character followed by its marks, wide
 * characters' right halves left out; caller frees. NULL when out of memory. */
char *cs_canvas_to_text(const cs_canvas *c);

/* Print to f; with colour, styles become ANSI SGR sequences (8 colours:
 * points cyan, validation points magenta, band blue, suggested yellow,
 * second curve green, curve red, matches black on yellow, cursor reverse;
 * dense cells bold). Cells and trimming as in cs_canvas_to_text. Returns 0, or -1 on a write error. */
int cs_canvas_print(const cs_canvas *c, FILE *f, int colour);

/* The SGR parameters ("31", "1;36", "" for none) of a style and attributes. */
const char *cs_style_sgr(cs_style style, int attr, char *buf, size_t size);

#endif
