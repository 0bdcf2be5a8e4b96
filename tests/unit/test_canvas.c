/* Unit tests of canvas.h: glyphs per charset, density, styles, layers,
 * clipping and UTF-8; the text layout of cellrow.h and cs_text_floor.
 *
 * Expected glyphs come from the Unicode code charts, not from the code:
 * braille U+2800 + a bit mask where dot k (numbered 1 2 3 7 down the left
 * column, 4 5 6 8 down the right) is bit k-1, so U+2801 is dots-1 and U+2880
 * dots-8; the quadrant blocks are named by what they fill (U+2598 QUADRANT
 * UPPER LEFT, U+259A QUADRANT UPPER LEFT AND LOWER RIGHT, U+2580 UPPER HALF
 * BLOCK ...). UTF-8 byte sequences are worked out from RFC 3629.
 */
#include <check.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "capscope/canvas.h"
#include "capscope/cellrow.h"
#include "capscope/textwidth.h"

static uint32_t glyph(const cs_canvas *c, int col, int row)
{
    const cs_cell *cell = cs_canvas_cell(c, col, row);
    ck_assert_ptr_nonnull(cell);
    return cell->ch;
}

static int style_at(const cs_canvas *c, int col, int row)
{
    const cs_cell *cell = cs_canvas_cell(c, col, row);
    ck_assert_ptr_nonnull(cell);
    return cell->style;
}

START_TEST(braille_each_dot)
{
    /* (x, y) of dots 1..8 and the Unicode name's dot number. */
    static const struct { int x, y; uint32_t cp; } dots[8] = {
        { 0, 0, 0x2801 }, /* dots-1 */ { 0, 1, 0x2802 }, /* dots-2 */
        { 0, 2, 0x2804 }, /* dots-3 */ { 1, 0, 0x2808 }, /* dots-4 */
        { 1, 1, 0x2810 }, /* dots-5 */ { 1, 2, 0x2820 }, /* dots-6 */
        { 0, 3, 0x2840 }, /* dots-7 */ { 1, 3, 0x2880 }, /* dots-8 */
    };
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_BRAILLE);
    for (int i = 0; i < 8; i++) {
        cs_canvas_clear(c);
        cs_canvas_dot(c, dots[i].x, dots[i].y, CS_STYLE_POINT);
        cs_canvas_finish(c);
        ck_assert_msg(glyph(c, 0, 0) == dots[i].cp, "dot %d: U+%04X, expected U+%04X", i + 1,
                      glyph(c, 0, 0), dots[i].cp);
    }
    /* All eight: U+28FF dots-12345678. Dots 1, 5 and 8: U+2891 dots-158. */
    cs_canvas_clear(c);
    for (int i = 0; i < 8; i++)
        cs_canvas_dot(c, dots[i].x, dots[i].y, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x28FF);
    cs_canvas_clear(c);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_dot(c, 1, 1, CS_STYLE_POINT);
    cs_canvas_dot(c, 1, 3, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2891);
    cs_canvas_free(c);
}
END_TEST

/* The points layer kept under a key comes back only under that key, on
 * top of the other layers drawn since, and points set after it add to it:
 * the same cells as drawing every point again (the reference, drawn on a
 * canvas that keeps nothing). */
START_TEST(kept_points_come_back_under_their_key)
{
    static const int xs[] = { 0, 1, 1, 5, 5, 5, 7 }, ys[] = { 0, 3, 3, 6, 6, 6, 11 };
    const int n = (int)(sizeof xs / sizeof xs[0]);
    cs_canvas *c = cs_canvas_new(4, 3, CS_CHARSET_BRAILLE), *ref = cs_canvas_new(4, 3, CS_CHARSET_BRAILLE);
    const char key[] = "points, view 1", other[] = "points, view 2";
    ck_assert_int_eq(cs_canvas_points_reuse(c, key, sizeof key), 0); /* nothing kept yet */
    for (int i = 0; i < n; i++)
        cs_canvas_dot(c, xs[i], ys[i], CS_STYLE_POINT);
    ck_assert_int_eq(cs_canvas_points_keep(c, key, sizeof key), 0);

    cs_canvas_clear(c);
    ck_assert_int_eq(cs_canvas_points_reuse(c, other, sizeof other), 0);
    ck_assert_int_eq(cs_canvas_points_reuse(c, key, sizeof key - 1), 0);
    cs_canvas_finish(c);
    for (int row = 0; row < 3; row++) /* a wrong key put nothing back */
        for (int col = 0; col < 4; col++) {
            ck_assert_uint_eq(glyph(c, col, row), ' ');
            ck_assert_uint_eq(cs_canvas_count(c, col, row), 0);
        }

    cs_canvas_clear(c);
    cs_canvas_line(c, 0, 11, 7, 0, CS_STYLE_CURVE);
    ck_assert_int_eq(cs_canvas_points_reuse(c, key, sizeof key), 1);
    cs_canvas_dot(c, 5, 6, CS_STYLE_MATCH);
    cs_canvas_finish(c);
    cs_canvas_line(ref, 0, 11, 7, 0, CS_STYLE_CURVE);
    for (int i = 0; i < n; i++)
        cs_canvas_dot(ref, xs[i], ys[i], CS_STYLE_POINT);
    cs_canvas_dot(ref, 5, 6, CS_STYLE_MATCH);
    cs_canvas_finish(ref);
    for (int row = 0; row < 3; row++)
        for (int col = 0; col < 4; col++) {
            const cs_cell *a = cs_canvas_cell(c, col, row), *b = cs_canvas_cell(ref, col, row);
            ck_assert_msg(a->ch == b->ch && a->style == b->style && a->attr == b->attr,
                          "cell %d,%d: U+%04X style %d, expected U+%04X style %d", col, row, a->ch, a->style,
                          b->ch, b->style);
            ck_assert_uint_eq(cs_canvas_count(c, col, row), cs_canvas_count(ref, col, row));
        }
    ck_assert_uint_eq(cs_canvas_count(c, 2, 1), 4); /* three points and the match */

    char long_key[CS_CANVAS_KEY_MAX + 1] = { 0 };
    ck_assert_int_eq(cs_canvas_points_keep(c, long_key, sizeof long_key), -1);
    ck_assert_int_eq(cs_canvas_points_reuse(c, key, sizeof key), 0); /* forgotten */
    cs_canvas_free(c);
    cs_canvas_free(ref);
}
END_TEST

/* cs_canvas_scatter against the dots it stands for, set one at a time by
 * the rule canvas.h gives (the reference's own arithmetic: an offset from
 * lo, or from hi when flipped, times the scale, the last dot at most):
 * values on the edges, outside, NaN and infinite, on every charset, in a
 * clip that holds the axes and in one that cuts them. */
static int reference_dot(const cs_dot_axis *a, double v, int *dot)
{
    if (!(v >= a->lo && v <= a->hi))
        return 0;
    int d = (int)((a->flip ? a->hi - v : v - a->lo) * a->scale);
    *dot = a->origin + (d < a->dots - 1 ? d : a->dots - 1);
    return 1;
}

START_TEST(scatter_sets_the_dots_one_at_a_time_would)
{
    enum { N = 5000 };
    static double xs[N], ys[N];
    const double specials[] = { 21.0, 25.0, 20.999999, 25.000001, NAN, INFINITY, -INFINITY, 23.0, 1e300, -1e300 };
    const size_t n_special = sizeof specials / sizeof specials[0];
    unsigned long seed = 12345;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        double u = (double)(seed >> 11) / 9007199254740992.0;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        double w = (double)(seed >> 11) / 9007199254740992.0;
        xs[i] = i % 7 == 0 ? specials[i / 7 % n_special] : 20.5 + 5 * u;
        ys[i] = i % 11 == 0 ? (i % 3 ? 0.0 : 1.0) : i % 13 == 0 ? NAN : -0.1 + 1.2 * w;
    }
    const cs_charset sets[] = { CS_CHARSET_BRAILLE, CS_CHARSET_BLOCK, CS_CHARSET_ASCII };
    for (size_t k = 0; k < 3; k++)
        for (int cut = 0; cut < 4; cut++) {
            int dx, dy;
            cs_charset_dots(sets[k], &dx, &dy);
            cs_canvas *c = cs_canvas_new(30, 12, sets[k]), *ref = cs_canvas_new(30, 12, sets[k]);
            /* The area: cells 4.. and 1..10, as a plot lays it out; the cut clip leaves out its
             * edges, or only its left columns (cut 2), or only its top row (cut 3): an axis
             * half in the clip is drawn one dot at a time too. */
            const cs_dot_axis ax = { 21.0, 25.0, 26 * dx / 4.0, 4 * dx, 26 * dx, 0 };
            const cs_dot_axis ay = { 0.0, 1.0, 10 * dy / 1.0, 1 * dy, 10 * dy, 1 };
            if (cut == 1) {
                cs_canvas_clip(c, 6, 2, 20, 7);
                cs_canvas_clip(ref, 6, 2, 20, 7);
            } else if (cut == 2) {
                cs_canvas_clip(c, 6, 1, 24, 10);
                cs_canvas_clip(ref, 6, 1, 24, 10);
            } else if (cut == 3) {
                cs_canvas_clip(c, 4, 2, 26, 9);
                cs_canvas_clip(ref, 4, 2, 26, 9);
            } else {
                cs_canvas_clip(c, 4, 1, 26, 10);
                cs_canvas_clip(ref, 4, 1, 26, 10);
            }
            cs_canvas_dot(c, 5 * dx, 3 * dy, CS_STYLE_MATCH); /* a layer already there stays */
            cs_canvas_dot(ref, 5 * dx, 3 * dy, CS_STYLE_MATCH);
            cs_canvas_scatter(c, xs, ys, N, &ax, &ay, CS_STYLE_POINT);
            cs_canvas_scatter(c, xs, ys, N / 2, &ax, &ay, CS_STYLE_POINT_ALT);
            size_t drawn = 0;
            for (int pass = 0; pass < 2; pass++)
                for (size_t i = 0; i < (pass ? N / 2 : N); i++) {
                    int x, y;
                    if (reference_dot(&ax, xs[i], &x) && reference_dot(&ay, ys[i], &y)) {
                        cs_canvas_dot(ref, x, y, pass ? CS_STYLE_POINT_ALT : CS_STYLE_POINT);
                        drawn++;
                    }
                }
            ck_assert_uint_gt(drawn, N / 2); /* most points are in the view */
            cs_canvas_finish(c);
            cs_canvas_finish(ref);
            for (int row = 0; row < 12; row++)
                for (int col = 0; col < 30; col++) {
                    const cs_cell *a = cs_canvas_cell(c, col, row), *b = cs_canvas_cell(ref, col, row);
                    ck_assert_msg(a->ch == b->ch && a->style == b->style && a->attr == b->attr &&
                                      cs_canvas_count(c, col, row) == cs_canvas_count(ref, col, row),
                                  "charset %d clip %d cell %d,%d: U+%04X style %d count %lu, one at a time U+%04X "
                                  "style %d count %lu",
                                  (int)sets[k], cut, col, row, a->ch, a->style, cs_canvas_count(c, col, row), b->ch,
                                  b->style, cs_canvas_count(ref, col, row));
                }
            cs_canvas_free(c);
            cs_canvas_free(ref);
        }
}
END_TEST

START_TEST(braille_dots_address_the_right_cell)
{
    /* Dot (5, 6) is in cell (5/2, 6/4) = (2, 1), at (1, 2) inside it: dots-6. */
    cs_canvas *c = cs_canvas_new(4, 3, CS_CHARSET_BRAILLE);
    cs_canvas_dot(c, 5, 6, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 2, 1), 0x2820);
    for (int row = 0; row < 3; row++)
        for (int col = 0; col < 4; col++)
            if (col != 2 || row != 1)
                ck_assert_uint_eq(glyph(c, col, row), ' ');
    cs_canvas_free(c);
}
END_TEST

static uint32_t block_of(const int (*xy)[2], int n)
{
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_BLOCK);
    for (int i = 0; i < n; i++)
        cs_canvas_dot(c, xy[i][0], xy[i][1], CS_STYLE_POINT);
    cs_canvas_finish(c);
    uint32_t g = glyph(c, 0, 0);
    cs_canvas_free(c);
    return g;
}

START_TEST(block_quadrants)
{
    static const int ul[][2] = { { 0, 0 } }, ur[][2] = { { 1, 0 } }, ll[][2] = { { 0, 1 } },
                     lr[][2] = { { 1, 1 } }, top[][2] = { { 0, 0 }, { 1, 0 } },
                     bottom[][2] = { { 0, 1 }, { 1, 1 } }, left[][2] = { { 0, 0 }, { 0, 1 } },
                     right[][2] = { { 1, 0 }, { 1, 1 } }, diag[][2] = { { 0, 0 }, { 1, 1 } },
                     anti[][2] = { { 1, 0 }, { 0, 1 } },
                     no_lr[][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 } },
                     no_ll[][2] = { { 0, 0 }, { 1, 0 }, { 1, 1 } },
                     no_ur[][2] = { { 0, 0 }, { 0, 1 }, { 1, 1 } },
                     no_ul[][2] = { { 1, 0 }, { 0, 1 }, { 1, 1 } },
                     all[][2] = { { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };
    ck_assert_uint_eq(block_of(ul, 1), 0x2598);     /* QUADRANT UPPER LEFT */
    ck_assert_uint_eq(block_of(ur, 1), 0x259D);     /* QUADRANT UPPER RIGHT */
    ck_assert_uint_eq(block_of(ll, 1), 0x2596);     /* QUADRANT LOWER LEFT */
    ck_assert_uint_eq(block_of(lr, 1), 0x2597);     /* QUADRANT LOWER RIGHT */
    ck_assert_uint_eq(block_of(top, 2), 0x2580);    /* UPPER HALF BLOCK */
    ck_assert_uint_eq(block_of(bottom, 2), 0x2584); /* LOWER HALF BLOCK */
    ck_assert_uint_eq(block_of(left, 2), 0x258C);   /* LEFT HALF BLOCK */
    ck_assert_uint_eq(block_of(right, 2), 0x2590);  /* RIGHT HALF BLOCK */
    ck_assert_uint_eq(block_of(diag, 2), 0x259A);   /* UPPER LEFT AND LOWER RIGHT */
    ck_assert_uint_eq(block_of(anti, 2), 0x259E);   /* UPPER RIGHT AND LOWER LEFT */
    ck_assert_uint_eq(block_of(no_lr, 3), 0x259B);  /* UL, UR and LL */
    ck_assert_uint_eq(block_of(no_ll, 3), 0x259C);  /* UL, UR and LR */
    ck_assert_uint_eq(block_of(no_ur, 3), 0x2599);  /* UL, LL and LR */
    ck_assert_uint_eq(block_of(no_ul, 3), 0x259F);  /* UR, LL and LR */
    ck_assert_uint_eq(block_of(all, 4), 0x2588);    /* FULL BLOCK */
}
END_TEST

START_TEST(ascii_density_thresholds)
{
    /* canvas.h: 1 '.', 2-3 'o', 4-7 'O', 8 or more '@'. */
    static const struct { int n; uint32_t ch; } cases[] = {
        { 1, '.' }, { 2, 'o' }, { 3, 'o' }, { 4, 'O' }, { 7, 'O' }, { 8, '@' }, { 1000, '@' },
    };
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_ASCII);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_canvas_clear(c);
        for (int k = 0; k < cases[i].n; k++)
            cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
        cs_canvas_finish(c);
        ck_assert_msg(glyph(c, 0, 0) == cases[i].ch, "%d points: '%c'", cases[i].n, (int)glyph(c, 0, 0));
        ck_assert_uint_eq(cs_canvas_count(c, 0, 0), (unsigned long)cases[i].n);
    }
    cs_canvas_free(c);
}
END_TEST

START_TEST(dense_cells_are_marked)
{
    /* Seven points on one braille dot: not dense; the eighth makes it dense. */
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_BRAILLE);
    for (int k = 0; k < CS_CANVAS_DENSE - 1; k++)
        cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_int_eq(cs_canvas_cell(c, 0, 0)->attr & CS_ATTR_DENSE, 0);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_int_eq(cs_canvas_cell(c, 0, 0)->attr & CS_ATTR_DENSE, CS_ATTR_DENSE);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2801);   /* the glyph still shows the dots set */
    cs_canvas_free(c);
}
END_TEST

START_TEST(majority_style)
{
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_BRAILLE);
    /* 3 training points against 2 validation points, on different dots. */
    for (int k = 0; k < 3; k++)
        cs_canvas_dot(c, 0, k, CS_STYLE_POINT);
    cs_canvas_dot(c, 1, 0, CS_STYLE_POINT_ALT);
    cs_canvas_dot(c, 1, 1, CS_STYLE_POINT_ALT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_POINT);
    /* 3 against 4: the other way round, whatever the order of arrival. */
    cs_canvas_dot(c, 1, 2, CS_STYLE_POINT_ALT);
    cs_canvas_dot(c, 1, 3, CS_STYLE_POINT_ALT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_POINT_ALT);
    /* A tie (4 and 4) goes to the higher style. */
    cs_canvas_dot(c, 0, 3, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_POINT_ALT);
    /* One search match among eight points: a highlight, it wins. */
    cs_canvas_dot(c, 0, 0, CS_STYLE_MATCH);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_MATCH);
    cs_canvas_free(c);

    /* A single validation point is the whole majority of its cell. */
    c = cs_canvas_new(1, 1, CS_CHARSET_BRAILLE);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT_ALT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_POINT_ALT);
    cs_canvas_free(c);

    /* CS_STYLE_BAND is no highlight (those are the styles above it): one
     * such point among two training points goes by the majority. */
    c = cs_canvas_new(1, 1, CS_CHARSET_BRAILLE);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_dot(c, 0, 1, CS_STYLE_POINT);
    cs_canvas_dot(c, 1, 0, CS_STYLE_BAND);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_POINT);
    cs_canvas_free(c);
}
END_TEST

START_TEST(curve_layer_wins)
{
    cs_canvas *c = cs_canvas_new(2, 1, CS_CHARSET_BRAILLE);
    /* Many points in cell 0, then a line along its top dot row. */
    for (int k = 0; k < 20; k++)
        cs_canvas_dot(c, 1, 3, CS_STYLE_POINT);
    cs_canvas_line(c, 0, 0, 3, 0, CS_STYLE_CURVE);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_CURVE);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2809);    /* dots-14: the line only */
    ck_assert_uint_eq(glyph(c, 1, 0), 0x2809);
    ck_assert_int_eq(cs_canvas_cell(c, 0, 0)->attr, 0);
    /* The fitted boundary beats a second boundary in a shared cell, in either order. */
    cs_canvas_line(c, 0, 1, 3, 1, CS_STYLE_CURVE_ALT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_CURVE);
    cs_canvas_clear(c);
    cs_canvas_line(c, 0, 1, 3, 1, CS_STYLE_CURVE);
    cs_canvas_line(c, 0, 0, 3, 0, CS_STYLE_CURVE_ALT);
    cs_canvas_finish(c);
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_CURVE);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x281B);    /* dots-1245 */
    cs_canvas_free(c);
}
END_TEST

/* A cell is blank until a layer draws in it; a blank written as text (the
 * space between a label's words) counts as drawn. */
START_TEST(blank_means_no_layer_drew)
{
    cs_canvas *c = cs_canvas_new(6, 2, CS_CHARSET_ASCII);
    for (int col = 0; col < 6; col++)
        ck_assert(cs_canvas_blank(c, col, 0) && cs_canvas_blank(c, col, 1));
    cs_canvas_text(c, 0, 0, "q 0", CS_STYLE_CURVE_ALT);
    cs_canvas_dot(c, 4, 1, CS_STYLE_POINT);
    cs_canvas_line(c, 5, 1, 5, 1, CS_STYLE_CURVE);
    cs_canvas_shade(c, 3, 1, 1, CS_STYLE_BAND);
    cs_canvas_finish(c);
    ck_assert(!cs_canvas_blank(c, 0, 0) && !cs_canvas_blank(c, 1, 0) && !cs_canvas_blank(c, 2, 0));
    ck_assert(cs_canvas_blank(c, 3, 0));
    ck_assert(!cs_canvas_blank(c, 3, 1) && !cs_canvas_blank(c, 4, 1) && !cs_canvas_blank(c, 5, 1));
    ck_assert(cs_canvas_blank(c, 0, 1));
    ck_assert(!cs_canvas_blank(c, -1, 0) && !cs_canvas_blank(c, 6, 0) && !cs_canvas_blank(NULL, 0, 0));
    cs_canvas_clear(c);
    ck_assert(cs_canvas_blank(c, 1, 0) && cs_canvas_blank(c, 4, 1));
    cs_canvas_free(c);
}
END_TEST

START_TEST(ascii_line_shows_slope)
{
    cs_canvas *c = cs_canvas_new(8, 8, CS_CHARSET_ASCII);
    cs_canvas_line(c, 0, 0, 7, 0, CS_STYLE_CURVE);   /* flat */
    cs_canvas_line(c, 0, 7, 3, 4, CS_STYLE_CURVE);   /* up and right, 45 degrees */
    cs_canvas_line(c, 7, 2, 7, 6, CS_STYLE_CURVE);   /* vertical */
    cs_canvas_line(c, 4, 4, 6, 6, CS_STYLE_CURVE);   /* down and right */
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 3, 0), '-');
    ck_assert_uint_eq(glyph(c, 1, 6), '/');
    ck_assert_uint_eq(glyph(c, 7, 4), '|');
    ck_assert_uint_eq(glyph(c, 5, 5), '\\');
    cs_canvas_free(c);
}
END_TEST

/* Bresenham's property: an x-major line has one dot per column, within half
 * a dot of the ideal line; a y-major one, one dot per row. */
static void check_line(int x0, int y0, int x1, int y1)
{
    cs_canvas *c = cs_canvas_new(20, 20, CS_CHARSET_ASCII);
    cs_canvas_line(c, x0, y0, x1, y1, CS_STYLE_CURVE);
    cs_canvas_finish(c);
    if (x0 == x1 && y0 == y1) {   /* a single dot */
        char *t = cs_canvas_to_text(c);
        int marks = 0;
        for (char *p = t; *p; p++)
            marks += *p != ' ' && *p != '\n';
        ck_assert_int_eq(marks, 1);
        ck_assert_uint_eq(glyph(c, x0, y0), '*');
        free(t);
        cs_canvas_free(c);
        return;
    }
    int xmajor = abs(x1 - x0) >= abs(y1 - y0);
    ck_assert(glyph(c, x0, y0) != ' ' && glyph(c, x1, y1) != ' ');
    int lo = xmajor ? (x0 < x1 ? x0 : x1) : (y0 < y1 ? y0 : y1);
    int hi = xmajor ? (x0 < x1 ? x1 : x0) : (y0 < y1 ? y1 : y0);
    int total = 0;
    for (int row = 0; row < 20; row++)
        for (int col = 0; col < 20; col++)
            total += glyph(c, col, row) != ' ';
    ck_assert_int_eq(total, hi - lo + 1);
    for (int a = lo; a <= hi; a++) {
        double t = xmajor ? (double)(a - x0) / (x1 - x0) : (double)(a - y0) / (y1 - y0);
        double ideal = xmajor ? y0 + t * (y1 - y0) : x0 + t * (x1 - x0);
        int found = 0;
        for (int b = 0; b < 20; b++) {
            uint32_t g = xmajor ? glyph(c, a, b) : glyph(c, b, a);
            if (g != ' ') {
                found++;
                ck_assert_msg(b - ideal <= 0.5 && ideal - b <= 0.5, "line (%d,%d)-(%d,%d): dot %d at %d, ideal %.2f",
                              x0, y0, x1, y1, a, b, ideal);
            }
        }
        ck_assert_int_eq(found, 1);
    }
    cs_canvas_free(c);
}

START_TEST(bresenham_lines)
{
    check_line(0, 0, 9, 3);
    check_line(9, 3, 0, 0);
    check_line(2, 17, 15, 4);
    check_line(3, 0, 7, 19);
    check_line(5, 5, 5, 12);
    check_line(4, 4, 4, 4);
}
END_TEST

START_TEST(clipping)
{
    cs_canvas *c = cs_canvas_new(3, 2, CS_CHARSET_ASCII);
    cs_canvas_dot(c, -1, 0, CS_STYLE_POINT);
    cs_canvas_dot(c, 3, 0, CS_STYLE_POINT);
    cs_canvas_dot(c, 0, 2, CS_STYLE_POINT);
    cs_canvas_dot(c, INT_MIN, INT_MAX, CS_STYLE_POINT);
    cs_canvas_finish(c);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\n\n");
    free(t);
    /* A line from far outside crosses the whole row, and costs no more than
     * the canvas (this would take 2e9 steps unclipped). */
    cs_canvas_line(c, INT_MIN / 2, 1, INT_MAX / 2, 1, CS_STYLE_CURVE);
    /* One that misses the canvas draws nothing. */
    cs_canvas_line(c, -100, -5, 100, -5, CS_STYLE_CURVE);
    cs_canvas_finish(c);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\n---\n");
    free(t);
    /* A steep line through the canvas from far above to far below. */
    cs_canvas_clear(c);
    cs_canvas_line(c, 1, -1000000, 1, 1000000, CS_STYLE_CURVE);
    cs_canvas_shade(c, 2, -50, 50, CS_STYLE_BAND);
    cs_canvas_finish(c);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, " |:\n |:\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(text_is_clipped)
{
    cs_canvas *c = cs_canvas_new(5, 2, CS_CHARSET_ASCII);
    cs_canvas_text(c, 3, 0, "hello", CS_STYLE_LABEL);
    cs_canvas_text(c, -2, 1, "hello", CS_STYLE_LABEL);
    cs_canvas_text(c, 0, 2, "below", CS_STYLE_LABEL);
    cs_canvas_text(c, 0, -1, "above", CS_STYLE_LABEL);
    cs_canvas_text(c, INT_MIN, 0, "x", CS_STYLE_LABEL);
    cs_canvas_put(c, 5, 0, 'Z', CS_STYLE_LABEL);
    cs_canvas_finish(c);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "   he\nllo\n");
    free(t);
    ck_assert_int_eq(style_at(c, 4, 0), CS_STYLE_LABEL);
    cs_canvas_free(c);
}
END_TEST

START_TEST(text_sanitised)
{
    cs_canvas *b = cs_canvas_new(6, 1, CS_CHARSET_BRAILLE);
    cs_canvas *a = cs_canvas_new(6, 1, CS_CHARSET_ASCII);
    /* e-acute, ESC, an invalid byte, then "ok". */
    const char *s = "\xc3\xa9\x1b\xffok";
    cs_canvas_text(b, 0, 0, s, CS_STYLE_LABEL);
    cs_canvas_text(a, 0, 0, s, CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(b, 0, 0), 0xE9);
    ck_assert_uint_eq(glyph(b, 1, 0), 0xFFFD);
    ck_assert_uint_eq(glyph(b, 2, 0), 0xFFFD);
    ck_assert_uint_eq(glyph(b, 3, 0), 'o');
    char *t = cs_canvas_to_text(a);
    ck_assert_str_eq(t, "???ok\n");
    free(t);
    cs_canvas_free(a);
    cs_canvas_free(b);
}
END_TEST

START_TEST(utf8_encoding)
{
    char buf[8];
    ck_assert_int_eq(cs_utf8_encode('A', buf), 1);
    ck_assert_str_eq(buf, "A");
    ck_assert_int_eq(cs_utf8_encode(0xE9, buf), 2);
    ck_assert_str_eq(buf, "\xc3\xa9");
    ck_assert_int_eq(cs_utf8_encode(0x7FF, buf), 2);
    ck_assert_str_eq(buf, "\xdf\xbf");
    ck_assert_int_eq(cs_utf8_encode(0x2800, buf), 3);   /* 0010 1000 0000 0000 */
    ck_assert_str_eq(buf, "\xe2\xa0\x80");
    ck_assert_int_eq(cs_utf8_encode(0x28FF, buf), 3);
    ck_assert_str_eq(buf, "\xe2\xa3\xbf");
    ck_assert_int_eq(cs_utf8_encode(0x1F600, buf), 4);
    ck_assert_str_eq(buf, "\xf0\x9f\x98\x80");
    ck_assert_int_eq(cs_utf8_encode(0xD800, buf), 3);   /* surrogate: U+FFFD */
    ck_assert_str_eq(buf, "\xef\xbf\xbd");
    ck_assert_int_eq(cs_utf8_encode(0x110000, buf), 3);
    ck_assert_str_eq(buf, "\xef\xbf\xbd");

    uint32_t cp;
    ck_assert_uint_eq(cs_utf8_decode("\xe2\xa0\x80", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x2800);
    ck_assert_uint_eq(cs_utf8_decode("\xe2\xa0\x80", 2, &cp), 1);   /* truncated */
    ck_assert_uint_eq(cp, 0xFFFD);
    ck_assert_uint_eq(cs_utf8_decode("\xc0\x80", 2, &cp), 1);       /* overlong NUL */
    ck_assert_uint_eq(cp, 0xFFFD);
    ck_assert_uint_eq(cs_utf8_decode("\xed\xa0\x80", 3, &cp), 1);   /* encoded surrogate */
    ck_assert_uint_eq(cp, 0xFFFD);
    ck_assert_uint_eq(cs_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1F600);
    ck_assert_uint_eq(cs_utf8_decode("x", 0, &cp), 0);
}
END_TEST

START_TEST(text_output_and_sizes)
{
    cs_canvas *c = cs_canvas_new(0, 0, CS_CHARSET_BRAILLE);
    ck_assert_ptr_nonnull(c);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_line(c, 0, 0, 5, 5, CS_STYLE_CURVE);
    cs_canvas_finish(c);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "");
    free(t);
    ck_assert_ptr_null(cs_canvas_cell(c, 0, 0));
    cs_canvas_free(c);

    c = cs_canvas_new(5, 0, CS_CHARSET_BLOCK);
    ck_assert_ptr_nonnull(c);
    cs_canvas_shade(c, 0, 0, 3, CS_STYLE_BAND);
    cs_canvas_free(c);

    c = cs_canvas_new(1, 1, CS_CHARSET_ASCII);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_finish(c);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, ".\n");
    free(t);
    cs_canvas_free(c);

    /* Negative sizes count as zero; absurd ones are refused, not attempted. */
    c = cs_canvas_new(-3, 4, CS_CHARSET_ASCII);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(cs_canvas_cols(c), 0);
    cs_canvas_free(c);
    ck_assert_ptr_null(cs_canvas_new(INT_MAX, INT_MAX, CS_CHARSET_BRAILLE));
    ck_assert_ptr_null(cs_canvas_new(100000, 100000, CS_CHARSET_ASCII));
    /* No cell, but a side whose dots (x2, x4) no int holds. */
    ck_assert_ptr_null(cs_canvas_new(INT_MAX, 0, CS_CHARSET_BRAILLE));
    ck_assert_ptr_null(cs_canvas_new(0, INT_MAX, CS_CHARSET_BRAILLE));
    ck_assert_ptr_null(cs_canvas_new(10, 10, (cs_charset)42));

    /* The largest allowed canvas works end to end. */
    c = cs_canvas_new(1024, 1024, CS_CHARSET_BRAILLE);
    ck_assert_ptr_nonnull(c);
    cs_canvas_line(c, 0, 0, 2047, 0, CS_STYLE_CURVE);
    cs_canvas_dot(c, 2047, 4095, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 1023, 0), 0x2809);      /* the line's last cell, dots-14 */
    ck_assert_uint_eq(glyph(c, 1023, 1023), 0x2880);   /* the last dot, dots-8 */
    t = cs_canvas_to_text(c);
    ck_assert_ptr_nonnull(t);
    free(t);
    cs_canvas_free(c);

    /* NULL canvases are ignored everywhere. */
    cs_canvas_dot(NULL, 0, 0, CS_STYLE_POINT);
    cs_canvas_line(NULL, 0, 0, 1, 1, CS_STYLE_CURVE);
    cs_canvas_text(NULL, 0, 0, "x", CS_STYLE_LABEL);
    cs_canvas_finish(NULL);
    cs_canvas_clear(NULL);
    ck_assert_ptr_null(cs_canvas_to_text(NULL));
    ck_assert_int_eq(cs_canvas_print(NULL, stdout, 1), 0);
    cs_canvas_free(NULL);
}
END_TEST

START_TEST(trailing_spaces_trimmed)
{
    cs_canvas *c = cs_canvas_new(6, 3, CS_CHARSET_ASCII);
    cs_canvas_text(c, 1, 1, "ab", CS_STYLE_LABEL);
    cs_canvas_put(c, 5, 2, ' ', CS_STYLE_LABEL);
    cs_canvas_finish(c);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\n ab\n\n");
    free(t);
    /* finish is idempotent, and text put after it shows at once. */
    cs_canvas_finish(c);
    cs_canvas_put(c, 0, 0, '#', CS_STYLE_LABEL);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "#\n ab\n\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(shade_is_the_lowest_layer)
{
    cs_canvas *c = cs_canvas_new(3, 1, CS_CHARSET_BLOCK);
    cs_canvas_shade(c, 0, 0, 1, CS_STYLE_BAND);
    cs_canvas_shade(c, 2, 1, 0, CS_STYLE_BAND);   /* either order */
    cs_canvas_shade(c, 4, 0, 1, CS_STYLE_BAND);
    cs_canvas_dot(c, 2, 0, CS_STYLE_POINT);        /* cell 1: a point in the band */
    cs_canvas_line(c, 4, 1, 5, 1, CS_STYLE_CURVE); /* cell 2: a curve in the band */
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2591);     /* LIGHT SHADE */
    ck_assert_int_eq(style_at(c, 0, 0), CS_STYLE_BAND);
    ck_assert_uint_eq(glyph(c, 1, 0), 0x2598);
    ck_assert_int_eq(style_at(c, 1, 0), CS_STYLE_POINT);
    ck_assert_uint_eq(glyph(c, 2, 0), 0x2584);
    ck_assert_int_eq(style_at(c, 2, 0), CS_STYLE_CURVE);
    cs_canvas_free(c);
}
END_TEST

static char *print_to_string(const cs_canvas *c, int colour)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(cs_canvas_print(c, f, colour), 0);
    fclose(f);
    return buf;
}

START_TEST(print_with_and_without_colour)
{
    cs_canvas *c = cs_canvas_new(4, 1, CS_CHARSET_ASCII);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    for (int k = 0; k < CS_CANVAS_DENSE; k++)
        cs_canvas_dot(c, 1, 0, CS_STYLE_POINT);
    cs_canvas_put(c, 2, 0, '-', CS_STYLE_CURVE);
    cs_canvas_finish(c);
    char *plain = print_to_string(c, 0);
    ck_assert_str_eq(plain, ".@-\n");
    free(plain);
    /* ECMA-48 SGR: 36 cyan, 1 bold, 31 red, 0 reset. */
    char *col = print_to_string(c, 1);
    ck_assert_str_eq(col, "\033[36m.\033[0m\033[1;36m@\033[0m\033[31m-\033[0m\n");
    free(col);
    cs_canvas_free(c);
}
END_TEST

START_TEST(charset_names)
{
    cs_charset cs;
    int dx, dy;
    ck_assert_int_eq(cs_charset_parse("braille", &cs), 0);
    ck_assert_int_eq(cs, CS_CHARSET_BRAILLE);
    ck_assert_int_eq(cs_charset_parse("block", &cs), 0);
    ck_assert_int_eq(cs, CS_CHARSET_BLOCK);
    ck_assert_int_eq(cs_charset_parse("ascii", &cs), 0);
    ck_assert_int_eq(cs, CS_CHARSET_ASCII);
    ck_assert_int_eq(cs_charset_parse("Braille", &cs), -1);
    ck_assert_int_eq(cs_charset_parse("", &cs), -1);
    ck_assert_int_eq(cs_charset_parse(NULL, &cs), -1);
    /* auto: braille in UTF-8, but not on the Linux console's kernel font */
    ck_assert_int_eq(cs_charset_auto(1, "xterm-256color"), CS_CHARSET_BRAILLE);
    ck_assert_int_eq(cs_charset_auto(1, NULL), CS_CHARSET_BRAILLE);
    ck_assert_int_eq(cs_charset_auto(1, "linux"), CS_CHARSET_ASCII);
    ck_assert_int_eq(cs_charset_auto(1, "linux-16color"), CS_CHARSET_ASCII);
    ck_assert_int_eq(cs_charset_auto(1, "linuxconsole"), CS_CHARSET_BRAILLE);
    ck_assert_int_eq(cs_charset_auto(0, "xterm"), CS_CHARSET_ASCII);
    cs_charset_dots(CS_CHARSET_BRAILLE, &dx, &dy);
    ck_assert(dx == 2 && dy == 4);
    cs_charset_dots(CS_CHARSET_BLOCK, &dx, &dy);
    ck_assert(dx == 2 && dy == 2);
    cs_charset_dots(CS_CHARSET_ASCII, &dx, &dy);
    ck_assert(dx == 1 && dy == 1);
}
END_TEST

/* Display-width layout. Widths from Unicode: U+6570 (a CJK ideograph) is
 * East Asian Wide, two columns; U+0301 COMBINING ACUTE ACCENT is a
 * nonspacing mark, none. UTF-8: U+6570 is E6 95 B0, U+0301 is CC 81. Without
 * any UTF-8 locale on the system every code point is one column, so these
 * tests have nothing to check there. */
static int widths_known(void)
{
    cs_textwidth *tw = cs_textwidth_open();
    int known = cs_textwidth_known(tw);
    cs_textwidth_close(tw);
    if (!known)
        fprintf(stderr, "no UTF-8 locale on this system: display-width layout not checked\n");
    return known;
}

static const uint32_t *marks(const cs_canvas *c, int col, int row)
{
    const cs_cell *cell = cs_canvas_cell(c, col, row);
    ck_assert_ptr_nonnull(cell);
    return cell->mark;
}

START_TEST(wide_character_takes_two_cells)
{
    if (!widths_known())
        return;
    cs_canvas *c = cs_canvas_new(6, 1, CS_CHARSET_BRAILLE);
    cs_canvas_text(c, 0, 0, "a\u6570b", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), 'a');
    ck_assert_uint_eq(glyph(c, 1, 0), 0x6570);
    ck_assert_uint_eq(glyph(c, 2, 0), CS_CELL_WIDE_TAIL);
    ck_assert_uint_eq(glyph(c, 3, 0), 'b');
    ck_assert_uint_eq(glyph(c, 4, 0), ' ');
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "a\xe6\x95\xb0" "b\n");   /* the right half adds nothing */
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(combining_mark_joins_the_cell_before)
{
    if (!widths_known())
        return;
    cs_canvas *c = cs_canvas_new(4, 1, CS_CHARSET_BLOCK);
    cs_canvas_text(c, 0, 0, "e\u0301x", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), 'e');
    ck_assert_uint_eq(marks(c, 0, 0)[0], 0x0301);
    ck_assert_uint_eq(marks(c, 0, 0)[1], 0);
    ck_assert_uint_eq(glyph(c, 1, 0), 'x');
    ck_assert_uint_eq(marks(c, 1, 0)[0], 0);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "e\xcc\x81x\n");
    free(t);
    /* A mark with no character before it in the text has nothing to join. */
    cs_canvas_clear(c);
    cs_canvas_text(c, 1, 0, "\u0301y", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), ' ');
    ck_assert_uint_eq(glyph(c, 1, 0), 'y');
    ck_assert_uint_eq(marks(c, 1, 0)[0], 0);
    /* A cell keeps CS_CELL_MARKS marks (2); the third is dropped. */
    cs_canvas_clear(c);
    cs_canvas_text(c, 0, 0, "a\u0301\u0302\u0303b", CS_STYLE_LABEL);
    ck_assert_uint_eq(marks(c, 0, 0)[0], 0x0301);
    ck_assert_uint_eq(marks(c, 0, 0)[1], 0x0302);
    ck_assert_uint_eq(glyph(c, 1, 0), 'b');
    /* A space with a mark is not a trailing space. */
    cs_canvas_clear(c);
    cs_canvas_text(c, 0, 0, "a \u0301", CS_STYLE_LABEL);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "a \xcc\x81\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(wide_character_at_the_edges)
{
    if (!widths_known())
        return;
    /* Its right half would fall past the last column: a space instead. */
    cs_canvas *c = cs_canvas_new(3, 1, CS_CHARSET_BRAILLE);
    cs_canvas_text(c, 0, 0, "ab\u6570", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 2, 0), ' ');
    /* Its left half before column 0: the right half is a space, and the
     * text goes on after it. */
    cs_canvas_clear(c);
    cs_canvas_text(c, -1, 0, "\u6570yz", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), ' ');
    ck_assert_uint_eq(glyph(c, 1, 0), 'y');
    ck_assert_uint_eq(glyph(c, 2, 0), 'z');
    /* cs_canvas_put lays a wide character out the same way. */
    cs_canvas_clear(c);
    cs_canvas_put(c, 1, 0, 0x6570, CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 1, 0), 0x6570);
    ck_assert_uint_eq(glyph(c, 2, 0), CS_CELL_WIDE_TAIL);
    cs_canvas_put(c, 0, 0, 0x0301, CS_STYLE_LABEL);   /* alone: nothing to show */
    ck_assert_uint_eq(glyph(c, 0, 0), ' ');
    cs_canvas_free(c);
}
END_TEST

START_TEST(writing_over_half_a_wide_character)
{
    if (!widths_known())
        return;
    cs_canvas *c = cs_canvas_new(4, 1, CS_CHARSET_BRAILLE);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);   /* under the left half: dots-1 */
    cs_canvas_finish(c);
    cs_canvas_text(c, 0, 0, "\u6570", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x6570);
    /* Over the right half: the left half gives way to the point under it. */
    cs_canvas_put(c, 1, 0, 'x', CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2801);
    ck_assert_uint_eq(glyph(c, 1, 0), 'x');
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 0, 0), 0x2801);
    /* Over the left half: the right half is blank. */
    cs_canvas_text(c, 2, 0, "\u6570", CS_STYLE_LABEL);
    cs_canvas_put(c, 2, 0, 'y', CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 2, 0), 'y');
    ck_assert_uint_eq(glyph(c, 3, 0), ' ');
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\xe2\xa0\x81xy\n");   /* U+2801 */
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(ascii_keeps_the_layout)
{
    if (!widths_known())
        return;
    /* A wide character is "??", a mark is dropped, invalid UTF-8 is '?':
     * the text takes the same columns as in the other charsets. */
    cs_canvas *c = cs_canvas_new(8, 1, CS_CHARSET_ASCII);
    cs_canvas_text(c, 0, 0, "\u6570e\u0301\xff|", CS_STYLE_LABEL);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "??e?|\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(print_skips_right_halves)
{
    if (!widths_known())
        return;
    cs_canvas *c = cs_canvas_new(4, 1, CS_CHARSET_BRAILLE);
    cs_canvas_text(c, 0, 0, "\u6570e\u0301", CS_STYLE_CURVE);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(cs_canvas_print(c, f, 1), 0);
    ck_assert_int_eq(cs_canvas_print(c, f, 0), 0);
    fclose(f);
    /* The curve is red (SGR 31), set once for the row. */
    ck_assert_str_eq(buf, "\033[31m\xe6\x95\xb0" "e\xcc\x81\033[0m\n"
                          "\xe6\x95\xb0" "e\xcc\x81\n");
    free(buf);
    cs_canvas_free(c);
}
END_TEST

/* The clip: an ascii canvas of 6 x 5 cells (a dot a cell) clipped to the
 * cells [1, 4) x [1, 3). Dots, lines and shade outside it are dropped;
 * a line from far outside keeps its part inside, end to end (the slope
 * 0 line along row 2 fills columns 1..3); text is not clipped. */
START_TEST(clip_keeps_dots_inside)
{
    cs_canvas *c = cs_canvas_new(6, 5, CS_CHARSET_ASCII);
    cs_canvas_clip(c, 1, 1, 3, 2);
    cs_canvas_dot(c, 0, 1, CS_STYLE_POINT);   /* left of it */
    cs_canvas_dot(c, 2, 0, CS_STYLE_POINT);   /* above it */
    cs_canvas_dot(c, 2, 3, CS_STYLE_POINT);   /* below it */
    cs_canvas_dot(c, 2, 1, CS_STYLE_POINT);   /* in it */
    cs_canvas_line(c, -100, 2, 100, 2, CS_STYLE_CURVE);
    cs_canvas_line(c, 5, 0, 5, 4, CS_STYLE_CURVE);   /* wholly right of it */
    cs_canvas_shade(c, 1, -10, 10, CS_STYLE_BAND);
    /* The clip is [1, 4) x [1, 3): a shade ending on row 3, the first row
     * past it, stops on row 2; one in column 4, the first past it, is not. */
    cs_canvas_shade(c, 3, 1, 3, CS_STYLE_BAND);
    cs_canvas_shade(c, 4, 1, 2, CS_STYLE_BAND);
    cs_canvas_text(c, 0, 4, "abcdef", CS_STYLE_LABEL);
    cs_canvas_finish(c);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\n :.:\n ---\n\nabcdef\n");
    free(t);
    /* "NULL outside the canvas" (canvas.h), just past each edge too. */
    ck_assert_ptr_nonnull(cs_canvas_cell(c, 5, 4));
    ck_assert_ptr_null(cs_canvas_cell(c, 6, 0));
    ck_assert_ptr_null(cs_canvas_cell(c, 0, 5));
    ck_assert_ptr_null(cs_canvas_cell(c, -1, 0));
    ck_assert_ptr_null(cs_canvas_cell(c, 0, -1));
    /* The whole canvas again. */
    cs_canvas_clip(c, 0, 0, 6, 5);
    cs_canvas_dot(c, 0, 0, CS_STYLE_POINT);
    cs_canvas_finish(c);
    ck_assert_uint_eq(glyph(c, 0, 0), '.');
    /* An empty clip draws nothing, and sizes past an int do not overflow. */
    cs_canvas_clear(c);
    cs_canvas_clip(c, 3, 3, 0, 2);
    cs_canvas_line(c, 0, 0, 5, 4, CS_STYLE_CURVE);
    cs_canvas_clip(c, INT_MAX, INT_MAX, INT_MAX, INT_MAX);
    cs_canvas_shade(c, 5, 0, 4, CS_STYLE_BAND);
    cs_canvas_finish(c);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "\n\n\n\n\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(mark_on_the_last_column)
{
    if (!widths_known())
        return;
    /* The accent of the letter in the last column joins it: the text is
     * not over until a character that takes a column finds none. */
    cs_canvas *c = cs_canvas_new(3, 1, CS_CHARSET_BRAILLE);
    cs_canvas_text(c, 2, 0, "e\u0301\u0302x", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 2, 0), 'e');
    ck_assert_uint_eq(marks(c, 2, 0)[0], 0x0301);
    ck_assert_uint_eq(marks(c, 2, 0)[1], 0x0302);
    /* So does that of a wide character in the last two. */
    cs_canvas_clear(c);
    cs_canvas_text(c, 1, 0, "\u6570\u0301", CS_STYLE_LABEL);
    ck_assert_uint_eq(glyph(c, 1, 0), 0x6570);
    ck_assert_uint_eq(marks(c, 1, 0)[0], 0x0301);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, " \xe6\x95\xb0\xcc\x81\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

START_TEST(ascii_wide_character_at_the_edges)
{
    if (!widths_known())
        return;
    /* As in the other charsets, half a wide character on the canvas is a
     * space, not half of its "??". */
    cs_canvas *c = cs_canvas_new(3, 1, CS_CHARSET_ASCII);
    cs_canvas_text(c, 0, 0, "ab\u6570", CS_STYLE_LABEL);
    char *t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, "ab\n");
    free(t);
    ck_assert_uint_eq(glyph(c, 2, 0), ' ');
    cs_canvas_clear(c);
    cs_canvas_text(c, -1, 0, "\u6570yz", CS_STYLE_LABEL);
    t = cs_canvas_to_text(c);
    ck_assert_str_eq(t, " yz\n");
    free(t);
    cs_canvas_free(c);
}
END_TEST

/* cellrow.h on a row of plain cells: the layout rules themselves, which
 * the canvas and the TUI's grid both follow. */
typedef struct plain_row {
    uint32_t ch[6];
    uint32_t mark[6][CS_CELL_MARKS];
} plain_row;

static uint32_t plain_get(void *ctx, int col)
{
    return ((plain_row *)ctx)->ch[col];
}

static void plain_set(void *ctx, int col, uint32_t ch)
{
    plain_row *p = ctx;
    p->ch[col] = ch;
    memset(p->mark[col], 0, sizeof p->mark[col]);
}

static void plain_mark(void *ctx, int col, uint32_t cp)
{
    cs_cell_mark_add(((plain_row *)ctx)->mark[col], cp);
}

START_TEST(cellrow_layout)
{
    if (!widths_known())
        return;
    cs_textwidth *tw = cs_textwidth_open();
    plain_row p;
    cs_cellrow r = { .cols = 6, .ascii = 0, .width = tw, .ctx = &p,
                     .get = plain_get, .set = plain_set, .mark = plain_mark };
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(cs_cellrow_text(&r, 0, 6, "a\u6570b"), 4);
    const uint32_t row1[6] = { 'a', 0x6570, CS_CELL_WIDE_TAIL, 'b', 0, 0 };
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(p.ch[i], row1[i]);
    /* Two columns of room: 'a' takes one, the wide character would take
     * two and leaves a space in the one left; the text ends there. */
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(cs_cellrow_text(&r, 0, 2, "a\u6570b"), 2);
    ck_assert_uint_eq(p.ch[1], ' ');
    ck_assert_uint_eq(p.ch[2], 0);
    /* Its left half before the row: a space in its right half, and on. */
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(cs_cellrow_text(&r, -1, 7, "\u6570x"), 3);
    ck_assert_uint_eq(p.ch[0], ' ');
    ck_assert_uint_eq(p.ch[1], 'x');
    /* A letter clipped at the left takes its accent with it; the columns
     * past the row's end are counted, not written. */
    memset(&p, 0, sizeof p);
    ck_assert_int_eq(cs_cellrow_text(&r, -1, 9, "e\u0301x"), 2);
    ck_assert_uint_eq(p.ch[0], 'x');
    ck_assert_uint_eq(p.mark[0][0], 0);
    ck_assert_int_eq(cs_cellrow_text(&r, 5, 4, "abc"), 3);
    ck_assert_uint_eq(p.ch[5], 'a');
    /* Two marks a cell, the third dropped. */
    memset(&p, 0, sizeof p);
    cs_cellrow_text(&r, 0, 6, "e\u0301\u0302\u0303");
    ck_assert_uint_eq(p.mark[0][0], 0x0301);
    ck_assert_uint_eq(p.mark[0][1], 0x0302);
    /* Over either half of a wide character, the other gives up its text. */
    memset(&p, 0, sizeof p);
    cs_cellrow_text(&r, 0, 6, "\u6570\u6570");
    cs_cellrow_set(&r, 1, 'y');
    ck_assert_uint_eq(p.ch[0], 0);
    ck_assert_uint_eq(p.ch[1], 'y');
    cs_cellrow_set(&r, 2, 'z');
    ck_assert_uint_eq(p.ch[2], 'z');
    ck_assert_uint_eq(p.ch[3], 0);
    cs_cellrow_put(&r, 5, 0x6570); /* in the last column: a space */
    ck_assert_uint_eq(p.ch[5], ' ');
    /* ascii: "??" for a wide character, no marks. */
    memset(&p, 0, sizeof p);
    r.ascii = 1;
    cs_cellrow_text(&r, 0, 6, "\u6570e\u0301\x1b");
    const uint32_t row2[6] = { '?', '?', 'e', '?', 0, 0 };
    for (int i = 0; i < 6; i++)
        ck_assert_uint_eq(p.ch[i], row2[i]);
    ck_assert_uint_eq(p.mark[2][0], 0);
    /* What a code point shows as. */
    ck_assert_uint_eq(cs_cell_shown(0x1b, 0), 0xFFFD);
    ck_assert_uint_eq(cs_cell_shown(0x85, 0), 0xFFFD);   /* a C1 control */
    ck_assert_uint_eq(cs_cell_shown(0xD800, 0), 0xFFFD); /* a surrogate */
    ck_assert_uint_eq(cs_cell_shown(CS_CELL_WIDE_TAIL, 0), ' ');
    ck_assert_uint_eq(cs_cell_shown(0xE9, 0), 0xE9);
    ck_assert_uint_eq(cs_cell_shown(0xE9, 1), '?');
    ck_assert_uint_eq(cs_cell_shown('~', 1), '~');
    /* A bidi control (U+202E RIGHT-TO-LEFT OVERRIDE) or a zero-width
     * character in a text takes a cell of its own and shows as U+FFFD, as
     * a control character does: as a mark on the letter before it, the
     * terminal would get it and show the rest of the row reversed, or two
     * names alike. A zero-width space in the text is no wide tail. */
    memset(&p, 0, sizeof p);
    r.ascii = 0;
    ck_assert_int_eq(cs_cellrow_text(&r, 0, 6, "a\u202eb\u200bc"), 5);
    const uint32_t row3[6] = { 'a', 0xFFFD, 'b', 0xFFFD, 'c', 0 };
    for (int i = 0; i < 6; i++) {
        ck_assert_uint_eq(p.ch[i], row3[i]);
        ck_assert_uint_eq(p.mark[i][0], 0);
    }
    static const uint32_t controls[] = { 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A,
                                         0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067,
                                         0x2068, 0x2069, 0xFEFF };
    for (size_t i = 0; i < sizeof controls / sizeof controls[0]; i++) {
        ck_assert_int_eq(cs_cp_control(controls[i]), 1);
        ck_assert_int_eq(cs_cp_width(tw, controls[i]), 1);
        if (controls[i] != CS_CELL_WIDE_TAIL)
            ck_assert_uint_eq(cs_cell_shown(controls[i], 0), 0xFFFD);
    }
    /* and their neighbours are not: U+200A HAIR SPACE, U+2010 HYPHEN,
     * U+2065 (unassigned, before the isolates), U+FEFE an Arabic form. */
    ck_assert_int_eq(cs_cp_control(0x200A), 0);
    ck_assert_int_eq(cs_cp_control(0x2010), 0);
    ck_assert_int_eq(cs_cp_control(0x2065), 0);
    ck_assert_int_eq(cs_cp_control(0xFEFE), 0);
    ck_assert_int_eq(cs_cp_control(0x0301), 0); /* a combining mark joins its letter */
    cs_textwidth_close(tw);
}
END_TEST

/* cs_text_floor and cs_text_boundary go by cs_utf8_decode: a well-formed
 * sequence (RFC 3629: a lead byte, then 10xxxxxx bytes) is one code point,
 * any other byte one of its own. */
START_TEST(text_floor)
{
    cs_textwidth *tw = cs_textwidth_open();
    /* U+6570 U+5B66 are E6 95 B0 E5 AD A6: bytes 1 and 2 are in the first. */
    const char *cjk = "\u6570\u5b66";
    ck_assert_uint_eq(cs_text_floor(tw, cjk, 0), 0);
    ck_assert_uint_eq(cs_text_floor(tw, cjk, 2), 0);
    ck_assert_uint_eq(cs_text_floor(NULL, cjk, 4), 3);
    ck_assert_uint_eq(cs_text_floor(tw, cjk, 6), 6);    /* the end */
    ck_assert_uint_eq(cs_text_floor(tw, cjk, 99), 6);
    /* U+1F600 is F0 9F 98 80; a fifth 80 after it is a stray byte. */
    ck_assert_uint_eq(cs_text_floor(NULL, "\xf0\x9f\x98\x80\x80", 3), 0);
    ck_assert_uint_eq(cs_text_floor(NULL, "\xf0\x9f\x98\x80\x80", 4), 4);
    /* Stray continuation bytes are code points each, never backed over:
     * a cut in a run of them keeps the 'a' before it. */
    ck_assert_uint_eq(cs_text_floor(NULL, "a\x80\x80\x80\x80" "b", 4), 4);
    ck_assert_uint_eq(cs_text_floor(tw, "a\x80\x80\x80\x80" "b", 4), 4);
    /* E6 95 then 'x' is no sequence: E6 and 95 are code points each. */
    ck_assert_uint_eq(cs_text_floor(NULL, "\xe6\x95x", 1), 1);
    /* ...and so is C0 80 (an overlong NUL). */
    ck_assert_uint_eq(cs_text_floor(NULL, "\xc0\x80", 1), 1);
    /* A boundary: a stray byte starts a character, a sequence's inside does not. */
    ck_assert_uint_eq(cs_text_boundary(tw, "a\x80\x80" "b", 1), 1);
    ck_assert_uint_eq(cs_text_boundary(tw, cjk, 1), 3);
    if (cs_textwidth_known(tw)) {
        /* e + U+0301 (CC 81): byte 1 and 2 are its accent, whose letter is at 0. */
        ck_assert_uint_eq(cs_text_floor(tw, "e\xcc\x81x", 1), 0);
        ck_assert_uint_eq(cs_text_floor(tw, "e\xcc\x81x", 2), 0);
        ck_assert_uint_eq(cs_text_floor(tw, "e\xcc\x81x", 3), 3);
        ck_assert_uint_eq(cs_text_floor(NULL, "e\xcc\x81x", 2), 1); /* NULL: the accent's own start */
        /* Marks with no letter before them start the text's first character. */
        ck_assert_uint_eq(cs_text_floor(tw, "\xcc\x81\xcc\x82" "a", 2), 0);
        /* ...so the start is a boundary for cs_text_boundary too, as for
         * cs_text_prefix; after it, the next one is the letter. */
        ck_assert_uint_eq(cs_text_boundary(tw, "\xcc\x81\xcc\x82" "a", 0), 0);
        ck_assert_uint_eq(cs_text_boundary(tw, "\xcc\x81\xcc\x82" "a", 1), 4);
    }
    cs_textwidth_close(tw);
}
END_TEST

static Suite *canvas_suite(void)
{
    Suite *s = suite_create("canvas");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, braille_each_dot);
    tcase_add_test(tc, kept_points_come_back_under_their_key);
    tcase_add_test(tc, scatter_sets_the_dots_one_at_a_time_would);
    tcase_add_test(tc, braille_dots_address_the_right_cell);
    tcase_add_test(tc, block_quadrants);
    tcase_add_test(tc, ascii_density_thresholds);
    tcase_add_test(tc, dense_cells_are_marked);
    tcase_add_test(tc, majority_style);
    tcase_add_test(tc, curve_layer_wins);
    tcase_add_test(tc, blank_means_no_layer_drew);
    tcase_add_test(tc, ascii_line_shows_slope);
    tcase_add_test(tc, bresenham_lines);
    tcase_add_test(tc, clipping);
    tcase_add_test(tc, text_is_clipped);
    tcase_add_test(tc, text_sanitised);
    tcase_add_test(tc, utf8_encoding);
    tcase_add_test(tc, text_output_and_sizes);
    tcase_add_test(tc, trailing_spaces_trimmed);
    tcase_add_test(tc, shade_is_the_lowest_layer);
    tcase_add_test(tc, print_with_and_without_colour);
    tcase_add_test(tc, charset_names);
    tcase_add_test(tc, wide_character_takes_two_cells);
    tcase_add_test(tc, combining_mark_joins_the_cell_before);
    tcase_add_test(tc, wide_character_at_the_edges);
    tcase_add_test(tc, writing_over_half_a_wide_character);
    tcase_add_test(tc, ascii_keeps_the_layout);
    tcase_add_test(tc, print_skips_right_halves);
    tcase_add_test(tc, mark_on_the_last_column);
    tcase_add_test(tc, clip_keeps_dots_inside);
    tcase_add_test(tc, ascii_wide_character_at_the_edges);
    tcase_add_test(tc, cellrow_layout);
    tcase_add_test(tc, text_floor);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(canvas_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
