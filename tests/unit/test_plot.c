/* Unit tests of plot.h and the tick rules: layout, ticks and labels, where
 * points and curves land, cell mapping, golden drawings and speed.
 *
 * The golden drawings (tests/golden/plot_*.txt) were checked by eye once;
 * the facts behind them are also asserted here from the rules in plot.h
 * worked by hand: the gutter is the widest y label plus a space, a value v
 * is in area column floor((v - x_min) / (x_max - x_min) * area_cols), a
 * label is centred on its tick, and the curve in a dot column is at the
 * formula's value at the column's centre. CAPSCOPE_UPDATE_GOLDEN=1
 * rewrites the golden files after a deliberate change (golden.h; then look
 * at them).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>

#include "capscope/canvas.h"
#include "capscope/plot.h"
#include "capscope/textwidth.h"
#include "render/ticks.h"
#include "golden.h"

/* The golden figure: 12 hand-placed points, 2 at (24.5, 0.5), 4 at
 * (23.5, 0.35), a cluster of 10 at (22.5, 0.05), and
 * q(z) = 0.1 + 0.8 / (1 + exp(-2 (z - 23))) on [21.5, 24.5]. */
static const double gz[] = { 21.0, 21.0, 21.5, 22.0, 22.5, 23.0, 23.0, 23.5, 24.0, 24.5, 25.0, 25.0,
                             24.5, 24.5, 23.5, 23.5, 23.5, 23.5,
                             22.5, 22.5, 22.5, 22.5, 22.5, 22.5, 22.5, 22.5, 22.5, 22.5 };
static const double gy[] = { 0.05, 0.12, 0.10, 0.20, 0.30, 0.45, 0.20, 0.60, 0.75, 0.80, 0.85, 0.40,
                             0.5, 0.5, 0.35, 0.35, 0.35, 0.35,
                             0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05 };
#define GN (sizeof gz / sizeof gz[0])
static const cs_params gp = { .y0 = 0.1, .L = 0.8, .z_star = 23, .b = 2 };

static cs_plot_series golden_series;
static cs_plot_curve golden_curve;

static void golden_spec(cs_plot_spec *s)
{
    cs_plot_spec_init(s);
    golden_series = (cs_plot_series){ .z = gz, .y = gy, .n = GN, .style = CS_STYLE_POINT };
    golden_curve = (cs_plot_curve){ .p = gp, .z_lo = 21.5, .z_hi = 24.5, .style = CS_STYLE_CURVE };
    s->x_min = 20.5;
    s->x_max = 25.5;
    s->series = &golden_series;
    s->n_series = 1;
    s->curves = &golden_curve;
    s->n_curves = 1;
    s->title = "golden: q = 0.1 + 0.8 s(2 (z - 23))";
}

static double q_formula(double z)
{
    if (z < 21.5)
        z = 21.5;
    if (z > 24.5)
        z = 24.5;
    return 0.1 + 0.8 / (1 + exp(-2 * (z - 23)));
}

static void golden(cs_charset cs, int unicode, const char *name)
{
    cs_canvas *c = cs_canvas_new(40, 12, cs);
    cs_plot_spec s;
    golden_spec(&s);
    s.unicode_labels = unicode;
    cs_plot_draw(c, &s, NULL);
    char *t = cs_canvas_to_text(c);
    golden_check(name, t, strlen(t));
    free(t);
    cs_canvas_free(c);
}

START_TEST(golden_braille) { golden(CS_CHARSET_BRAILLE, 1, "plot_braille.txt"); }
END_TEST
START_TEST(golden_block) { golden(CS_CHARSET_BLOCK, 0, "plot_block.txt"); }
END_TEST
START_TEST(golden_ascii) { golden(CS_CHARSET_ASCII, 0, "plot_ascii.txt"); }
END_TEST

static const char *row_text(const cs_canvas *c, int row, char *buf, size_t size)
{
    size_t n = 0;
    for (int col = 0; col < cs_canvas_cols(c) && n + 5 < size; col++)
        n += (size_t)cs_utf8_encode(cs_canvas_cell(c, col, row)->ch, buf + n);
    buf[n] = '\0';
    return buf;
}

/* The title is laid out by display width: U+6570 and U+5B66 (CJK, East
 * Asian Wide) take two cells each, the second a CS_CELL_WIDE_TAIL; U+0301
 * (a combining acute) joins the e before it. In ascii the same columns hold
 * "????". The cut at the right edge never leaves half a character. */
START_TEST(title_by_display_width)
{
    cs_textwidth *tw = cs_textwidth_open();
    int known = cs_textwidth_known(tw);
    cs_textwidth_close(tw);
    if (!known) {
        fprintf(stderr, "no UTF-8 locale on this system: title widths not checked\n");
        return;
    }
    cs_plot_spec s;
    golden_spec(&s);
    s.title = "\u6570\u5b66 e\u0301x";
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_BRAILLE);
    cs_plot_draw(c, &s, NULL);
    static const uint32_t row0[8] = { 0x6570, CS_CELL_WIDE_TAIL, 0x5b66, CS_CELL_WIDE_TAIL, ' ', 'e', 'x', ' ' };
    for (int k = 0; k < 8; k++)
        ck_assert_uint_eq(cs_canvas_cell(c, k, 0)->ch, row0[k]);
    ck_assert_uint_eq(cs_canvas_cell(c, 5, 0)->mark[0], 0x0301);
    cs_canvas_free(c);

    c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_plot_draw(c, &s, NULL);
    char buf[256];
    ck_assert(strncmp(row_text(c, 0, buf, sizeof buf), "???? ex ", 8) == 0);
    cs_canvas_free(c);

    /* 3 columns: the second character would need columns 3 and 4. */
    c = cs_canvas_new(3, 12, CS_CHARSET_BRAILLE);
    cs_plot_draw(c, &s, NULL);
    ck_assert_uint_eq(cs_canvas_cell(c, 0, 0)->ch, 0x6570);
    ck_assert_uint_eq(cs_canvas_cell(c, 1, 0)->ch, CS_CELL_WIDE_TAIL);
    ck_assert_uint_eq(cs_canvas_cell(c, 2, 0)->ch, ' ');
    cs_canvas_free(c);
}
END_TEST

START_TEST(layout_and_gutter)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_plot_spec s;
    cs_plot_layout l;
    golden_spec(&s);
    cs_plot_draw(c, &s, &l);
    /* Labels 0, 0.25, 0.5, 0.75, 1: the widest is 4, the gutter 4 + 1, then
     * the axis, so the area starts at column 6. Title on row 0; the x axis
     * and labels take the last two rows: 12 - 1 - 2 = 9 area rows. */
    ck_assert_int_eq(l.area_col, 6);
    ck_assert_int_eq(l.area_row, 1);
    ck_assert_int_eq(l.area_cols, 34);
    ck_assert_int_eq(l.area_rows, 9);
    ck_assert_double_eq(l.x_min, 20.5);
    ck_assert_double_eq(l.y_max, 1.0);
    char buf[256];
    /* y = 1 on the top area row, 0 on the bottom one, 0.5 on row 1 + floor(0.5 * 9) = 5,
     * 0.25 on 1 + floor(0.75 * 9) = 7, 0.75 on 1 + floor(0.25 * 9) = 3. */
    ck_assert(strncmp(row_text(c, 1, buf, sizeof buf), "   1 +", 6) == 0);
    ck_assert(strncmp(row_text(c, 3, buf, sizeof buf), "0.75 +", 6) == 0);
    ck_assert(strncmp(row_text(c, 5, buf, sizeof buf), " 0.5 +", 6) == 0);
    ck_assert(strncmp(row_text(c, 7, buf, sizeof buf), "0.25 +", 6) == 0);
    ck_assert(strncmp(row_text(c, 9, buf, sizeof buf), "   0 +", 6) == 0);
    for (int r = 1; r <= 9; r++)
        ck_assert(cs_canvas_cell(c, 5, r)->ch == '|' || cs_canvas_cell(c, 5, r)->ch == '+');
    ck_assert_uint_eq(cs_canvas_cell(c, 5, 10)->ch, '+');   /* the corner */
    ck_assert_uint_eq(cs_canvas_cell(c, 39, 10)->ch, '-');
    ck_assert(strncmp(row_text(c, 0, buf, sizeof buf), "golden:", 7) == 0);

    /* Narrower labels narrow the gutter: in [0, 0.45] multiples of 0.25 are
     * only 0 and 0.25 (fewer than 3), so the step is 0.1: 0, 0.1 .. 0.4;
     * widest 3, gutter 4, area from column 5. */
    s.y_min = 0;
    s.y_max = 0.45;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_col, 5);
    cs_canvas_free(c);
}
END_TEST

/* The curve-label tests' plot: the curves over z 21..25, titled. */
static cs_plot_spec labels_spec(const cs_plot_curve *cv, size_t n)
{
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    s.x_min = 21;
    s.x_max = 25;
    s.curves = cv;
    s.n_curves = n;
    s.title = "labels";
    return s;
}

/* A label is text, drawn over the curves: it goes where it hides none of
 * the fitted boundary while a row is free of it. The layout of the test
 * above: "alpha" ends on column 39 beside a flat curve at 0.5 (row 5); the
 * fitted boundary flat at 0.6 lies on row 4 (1 + floor(0.4 * 9)), the
 * label's first choice, so the label goes on row 6 and row 4 is the
 * boundary's. A boundary that crosses every row under the label (a jump
 * at its columns) leaves no such row: the label is drawn all the same. */
START_TEST(curve_labels_keep_off_the_boundary)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_params flat = { .y0 = 0.5, .L = 0, .z_star = 23, .b = 1 };
    cs_params main_flat = { .y0 = 0.6, .L = 0, .z_star = 23, .b = 1 };
    cs_plot_curve cv[2] = {
        { .p = flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE_ALT, .label = "alpha" },
        { .p = main_flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE },
    };
    cs_plot_spec s = labels_spec(cv, 2);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_row, 1);
    ck_assert_int_eq(l.area_rows, 9);
    char buf[256];
    const char *r6 = row_text(c, 6, buf, sizeof buf);
    ck_assert_msg(strlen(r6) >= 5 && strcmp(r6 + strlen(r6) - 5, "alpha") == 0, "row 6: '%s'", r6);
    for (int col = 35; col < 40; col++)
        ck_assert_uint_eq(cs_canvas_cell(c, col, 4)->style, CS_STYLE_CURVE);

    cv[1].p = (cs_params){ .y0 = 0, .L = 1, .z_star = 24.85, .b = 1e4 };
    cs_plot_draw(c, &s, &l);
    const char *r4 = row_text(c, 4, buf, sizeof buf);
    ck_assert_msg(strlen(r4) >= 5 && strcmp(r4 + strlen(r4) - 5, "alpha") == 0, "row 4: '%s'", r4);
    cs_canvas_free(c);
}
END_TEST

/* Which row of c holds text (the first one), -1 when none does. */
static int row_holding(const cs_canvas *c, const char *text)
{
    char buf[512];
    for (int row = 0; row < cs_canvas_rows(c); row++)
        if (strstr(row_text(c, row, buf, sizeof buf), text))
            return row;
    return -1;
}

/* A label names the overlay beside it (they share one colour): kept off
 * the fitted boundary only while that keeps it beside its curve. 40 x 14
 * with a title: area rows 1..11 for 1 down to 0, so flat overlays at 0.5
 * and 0.3 end on rows 1 + floor(0.5 * 11) = 6 and 1 + floor(0.7 * 11) = 8;
 * the boundary rises from 0.1 to 0.9 in the labels' columns, crossing rows
 * 2..10 there. Every row free of it is 3 or more from a curve: "alpha"
 * went to row 1, over the boundary's top, and "beta" to row 11, under its
 * foot, where each read as the boundary's label. Within two rows of its
 * curve, each is. */
START_TEST(curve_labels_stay_beside_their_curves)
{
    cs_canvas *c = cs_canvas_new(40, 14, CS_CHARSET_ASCII);
    cs_plot_curve cv[3] = {
        { .p = { .y0 = 0.5, .L = 0, .z_star = 23, .b = 1 }, .z_lo = 21, .z_hi = 25,
          .style = CS_STYLE_CURVE_ALT, .label = "alpha" },
        { .p = { .y0 = 0.3, .L = 0, .z_star = 23, .b = 1 }, .z_lo = 21, .z_hi = 25,
          .style = CS_STYLE_CURVE_ALT, .label = "beta" },
        { .p = { .y0 = 0.1, .L = 0.8, .z_star = 24.7, .b = 30 }, .z_lo = 21, .z_hi = 25,
          .style = CS_STYLE_CURVE },
    };
    cs_plot_spec s = labels_spec(cv, 3);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_row, 1);
    ck_assert_int_eq(l.area_rows, 11);
    int alpha = row_holding(c, "alpha"), beta = row_holding(c, "beta");
    ck_assert_msg(alpha >= 4 && alpha <= 8, "alpha on row %d", alpha);
    ck_assert_msg(beta >= 6 && beta <= 10, "beta on row %d", beta);
    cs_canvas_free(c);
}
END_TEST

/* A labelled curve's name ends where the curve leaves the view on the
 * right (column 39 of 40), on the row above its end: two flat boundaries at
 * 0.5 end on row 5 (the layout above: 1 + floor(0.5 * 9)), so the first
 * label goes on row 4 and the second, that row taken, on row 6. A wide
 * name takes its display width: U+6570 U+5B66 from column 36. No label,
 * nothing written: the rows keep only the curve and the axis. */
START_TEST(curve_labels_at_the_right_end)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_params flat = { .y0 = 0.5, .L = 0, .z_star = 23, .b = 1 };
    cs_plot_curve cv[3] = {
        { .p = flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE_ALT, .label = "alpha" },
        { .p = flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE_ALT, .label = "beta" },
        { .p = flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE },
    };
    cs_plot_spec s = labels_spec(cv, 3);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_col, 6);
    ck_assert_int_eq(l.area_row, 1);
    ck_assert_int_eq(l.area_rows, 9);
    char buf[256];
    const char *r4 = row_text(c, 4, buf, sizeof buf);
    ck_assert_msg(strlen(r4) >= 5 && strcmp(r4 + strlen(r4) - 5, "alpha") == 0, "row 4: '%s'", r4);
    ck_assert_uint_eq(cs_canvas_cell(c, 39, 4)->style, CS_STYLE_CURVE_ALT);
    const char *r6 = row_text(c, 6, buf, sizeof buf);
    ck_assert_msg(strlen(r6) >= 4 && strcmp(r6 + strlen(r6) - 4, "beta") == 0, "row 6: '%s'", r6);
    /* Without labels the rows beside the curve hold nothing but the axis. */
    cv[0].label = cv[1].label = NULL;
    cs_plot_draw(c, &s, &l);
    for (int col = l.area_col; col < 40; col++) {
        ck_assert_uint_eq(cs_canvas_cell(c, col, 4)->ch, ' ');
        ck_assert_uint_eq(cs_canvas_cell(c, col, 6)->ch, ' ');
    }
    cv[0].label = "\u6570\u5b66";
    cs_plot_draw(c, &s, &l);
    ck_assert_uint_eq(cs_canvas_cell(c, 35, 4)->ch, ' ');
    ck_assert_uint_eq(cs_canvas_cell(c, 36, 4)->ch, '?'); /* ascii: "??" a wide character */
    ck_assert_uint_eq(cs_canvas_cell(c, 39, 4)->ch, '?');
    cs_canvas_free(c);
}
END_TEST

/* Curves whose names found no room are counted, for the caller to say so
 * (19 marked tasks drew 12 names and nothing said the other 7 lines had
 * none). 40 x 12 with a title: area rows 1..9; fourteen flat curves at 0.5
 * end on row 5, and each name takes a row of its own other than that one,
 * at most LABEL_FAR_ROWS (3) from it: rows 2-4 and 6-8, 6 names, 8 curves
 * without (rows 1 and 9, 4 away, would name none: a name that far sat beside
 * another line). A curve above the view (y 2) is not drawn, so not counted;
 * a name wider than the area (41 columns of 34) is. */
START_TEST(curve_labels_count_the_unnamed)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_params flat = { .y0 = 0.5, .L = 0, .z_star = 23, .b = 1 };
    cs_params above = { .y0 = 2, .L = 0, .z_star = 23, .b = 1 };
    enum { N = 14 };
    char names[N][8];
    cs_plot_curve cv[N + 2];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "c%02d", i);
        cv[i] = (cs_plot_curve){ .p = flat, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE_ALT, .label = names[i] };
    }
    cv[N] = (cs_plot_curve){ .p = above, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE_ALT, .label = "off" };
    cs_plot_spec s = labels_spec(cv, N + 1);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_rows, 9);
    size_t shown = 0;
    for (int i = 0; i < N; i++)
        shown += row_holding(c, names[i]) >= 0;
    ck_assert_uint_eq(shown, 6);
    for (int i = 0; i < N; i++) {
        int row = row_holding(c, names[i]);
        ck_assert_msg(row < 0 || (row >= 2 && row <= 8 && row != 5), "%s on row %d", names[i], row);
    }
    ck_assert_int_eq(row_holding(c, "off"), -1);
    ck_assert_uint_eq(l.n_unlabelled, N - 6);
    /* Two curves, one name too wide for the area: one unnamed. */
    cv[N + 1] = cv[0];
    cv[N + 1].label = "a-name-of-forty-one-columns-that-is-long!";
    ck_assert_uint_eq(strlen(cv[N + 1].label), 41);
    ck_assert_int_eq(l.area_cols, 34);
    s = labels_spec(cv + N, 2);
    cs_plot_draw(c, &s, &l);
    ck_assert_uint_eq(l.n_unlabelled, 1);
    /* All named: none. */
    s = labels_spec(cv, 2);
    cs_plot_draw(c, &s, &l);
    ck_assert_uint_eq(l.n_unlabelled, 0);
    cs_canvas_free(c);
}
END_TEST

START_TEST(x_tick_labels_where_they_belong)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_plot_spec s;
    golden_spec(&s);
    cs_plot_draw(c, &s, NULL);
    /* Decade d is in column 6 + floor((d - 20.5) / 5 * 34): 21 -> 9,
     * 22 -> 16, 23 -> 23, 24 -> 29, 25 -> 36. A 4-wide label starts 2 left
     * of its tick; the last one (34..37) still fits in 40 columns. */
    static const struct { int col; const char *label; } want[] = {
        { 9, "1e21" }, { 16, "1e22" }, { 23, "1e23" }, { 29, "1e24" }, { 36, "1e25" },
    };
    char buf[256];
    const char *labels = row_text(c, 11, buf, sizeof buf);
    for (size_t i = 0; i < 5; i++) {
        ck_assert_uint_eq(cs_canvas_cell(c, want[i].col, 10)->ch, '+');
        ck_assert_msg(strncmp(labels + want[i].col - 2, want[i].label, 4) == 0, "label %s at %d in '%s'",
                      want[i].label, want[i].col - 2, labels);
    }
    cs_canvas_free(c);

    /* Unicode: 10 and two superscript digits, U+00B2 U+00B2 for 10^22. */
    c = cs_canvas_new(40, 12, CS_CHARSET_BRAILLE);
    s.unicode_labels = 1;
    cs_plot_draw(c, &s, NULL);
    ck_assert(strstr(row_text(c, 11, buf, sizeof buf), "10\u00b2\u00b2") != NULL);
    ck_assert_uint_eq(cs_canvas_cell(c, 16, 10)->ch, 0x252C);   /* BOX DRAWINGS DOWN AND HORIZONTAL */
    cs_canvas_free(c);
}
END_TEST

/* Split the label row into words; every word must be a whole label. */
static int label_words(const char *row, int *starts, int max)
{
    int n = 0;
    for (int i = 0; row[i]; i++)
        if (row[i] != ' ' && (i == 0 || row[i - 1] == ' ') && n < max)
            starts[n++] = i;
    return n;
}

START_TEST(crowded_labels_drop_some_not_all)
{
    /* 16 decades in 30 columns (36 minus a gutter of 5 and the axis): at
     * most 30 / 2 - 1 = 14 ticks, so every 2nd decade: 10, 12, .. 24, in
     * columns 6 + 2 (d - 10) = 6, 10, .. 34. Labels are 4 wide and start 2
     * left of their tick: 4, 8, 12, ..; each one that starts before the
     * previous kept label's end plus a space is dropped, so every other one
     * stays: 1e10 at 4, 1e14 at 12, 1e18 at 20, 1e22 at 28. */
    static const double z[] = { 10, 25 }, y[] = { 0.5, 0.5 };
    cs_plot_series ser = { z, y, 2, CS_STYLE_POINT };
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    s.x_min = 10;
    s.x_max = 25;
    s.series = &ser;
    s.n_series = 1;
    cs_canvas *c = cs_canvas_new(36, 10, CS_CHARSET_ASCII);
    cs_plot_draw(c, &s, NULL);
    char buf[256];
    const char *row = row_text(c, 9, buf, sizeof buf);
    int starts[32];
    int n = label_words(row, starts, 32);
    ck_assert_msg(n == 4, "labels: '%s'", row);
    static const int want_col[4] = { 4, 12, 20, 28 }, want_exp[4] = { 10, 14, 18, 22 };
    for (int i = 0; i < n; i++) {
        int e, used = 0;
        ck_assert_int_eq(starts[i], want_col[i]);
        /* "1eNN" and nothing glued to it. */
        ck_assert_int_eq(sscanf(row + starts[i], "1e%d%n", &e, &used), 1);
        ck_assert(row[starts[i] + used] == ' ' || row[starts[i] + used] == '\0');
        ck_assert_int_eq(e, want_exp[i]);
    }
    /* Every tick keeps its mark on the axis, labelled or not. */
    for (int d = 10; d <= 24; d += 2)
        ck_assert_uint_eq(cs_canvas_cell(c, 6 + 2 * (d - 10), 8)->ch, '+');
    cs_canvas_free(c);
}
END_TEST

/* Labels of different widths ("1e2" and "1e10") over many decades stay
 * evenly spaced: every label k ticks after the one before, for one k.
 * Dropping each label that touched the previous one gave 1e2 1e6 1e10 1e16
 * 1e22 (gaps of 4, 4, 6, 6 decades). */
START_TEST(crowded_labels_evenly_spaced)
{
    static const double ranges[][2] = { { 2, 22 }, { 3, 50 }, { 0, 30 } };
    for (size_t r = 0; r < 3; r++)
        for (int cols = 16; cols <= 140; cols++) {
            double z[] = { ranges[r][0], ranges[r][1] }, y[] = { 0.5, 0.5 };
            cs_plot_series ser = { z, y, 2, CS_STYLE_POINT };
            cs_plot_spec s;
            cs_plot_spec_init(&s);
            s.x_min = z[0];
            s.x_max = z[1];
            s.series = &ser;
            s.n_series = 1;
            cs_canvas *c = cs_canvas_new(cols, 10, CS_CHARSET_ASCII);
            cs_plot_draw(c, &s, NULL);
            char buf[512];
            const char *row = row_text(c, 9, buf, sizeof buf);
            int starts[64], e[64];
            int n = label_words(row, starts, 64);
            for (int k = 0; k < n; k++)
                ck_assert_msg(sscanf(row + starts[k], "1e%d", &e[k]) == 1, "'%s'", row);
            for (int k = 2; k < n; k++)
                ck_assert_msg(e[k] - e[k - 1] == e[1] - e[0], "%d columns, [%g, %g]: '%s'", cols,
                              z[0], z[1], row);
            cs_canvas_free(c);
        }
}
END_TEST

START_TEST(curve_cells_follow_the_formula)
{
    cs_charset sets[3] = { CS_CHARSET_BRAILLE, CS_CHARSET_BLOCK, CS_CHARSET_ASCII };
    for (int k = 0; k < 3; k++) {
        cs_canvas *c = cs_canvas_new(40, 12, sets[k]);
        cs_plot_spec s;
        cs_plot_layout l;
        golden_spec(&s);
        s.n_series = 0;   /* the curve alone */
        cs_plot_draw(c, &s, &l);
        int dx, dy;
        cs_charset_dots(sets[k], &dx, &dy);
        int dots_x = l.area_cols * dx, dots_y = l.area_rows * dy;
        for (int x = 0; x < dots_x; x++) {
            double z = 20.5 + (x + 0.5) / dots_x * 5.0;
            int dot_row = (int)floor((1 - q_formula(z)) * dots_y);
            int col = l.area_col + x / dx, row = l.area_row + dot_row / dy;
            const cs_cell *cell = cs_canvas_cell(c, col, row);
            ck_assert_msg(cell->style == CS_STYLE_CURVE, "charset %d: dot column %d (z %.3f, q %.3f): no curve at %d,%d",
                          k, x, z, q_formula(z), col, row);
        }
        /* Flat outside [21.5, 24.5]: the first and last area columns hold
         * the curve on the rows of q(21.5) and q(24.5). */
        int r_lo = l.area_row + (int)floor((1 - q_formula(21.5)) * dots_y) / dy;
        int r_hi = l.area_row + (int)floor((1 - q_formula(24.5)) * dots_y) / dy;
        ck_assert_int_eq(cs_canvas_cell(c, l.area_col, r_lo)->style, CS_STYLE_CURVE);
        ck_assert_int_eq(cs_canvas_cell(c, l.area_col + l.area_cols - 1, r_hi)->style, CS_STYLE_CURVE);
        /* Nothing but the curve in the area. */
        for (int row = l.area_row; row < l.area_row + l.area_rows; row++)
            for (int col = l.area_col; col < l.area_col + l.area_cols; col++) {
                const cs_cell *cell = cs_canvas_cell(c, col, row);
                ck_assert(cell->ch == ' ' || cell->style == CS_STYLE_CURVE);
            }
        cs_canvas_free(c);
    }
}
END_TEST

START_TEST(points_land_in_their_cells)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_ASCII);
    cs_plot_spec s;
    cs_plot_layout l;
    golden_spec(&s);
    s.n_curves = 0;
    cs_plot_draw(c, &s, &l);
    /* Column 6 + floor((z - 20.5) / 5 * 34), row 1 + floor((1 - y) * 9):
     * (22.5, 0.05) x 10 -> column 19, row 9, '@'; (23.5, 0.35) x 4 -> 26, 6, 'O';
     * (24.5, 0.5) x 2 -> 33, 5, 'o'; (25, 0.85) -> 36, 2, '.'. No other
     * point shares these cells. */
    ck_assert_uint_eq(cs_canvas_cell(c, 19, 9)->ch, '@');
    ck_assert_uint_eq(cs_canvas_count(c, 19, 9), 10);
    ck_assert_uint_eq(cs_canvas_cell(c, 26, 6)->ch, 'O');
    ck_assert_uint_eq(cs_canvas_cell(c, 33, 5)->ch, 'o');
    ck_assert_uint_eq(cs_canvas_cell(c, 36, 2)->ch, '.');
    int col, row;
    ck_assert(cs_plot_to_cell(&l, 25.0, 0.85, &col, &row));
    ck_assert_int_eq(col, 36);
    ck_assert_int_eq(row, 2);
    /* Points outside the view, or not finite, are left out. */
    static const double oz[] = { 19.0, 22.0, NAN, 22.0 }, oy[] = { 0.5, 1.5, 0.5, INFINITY };
    cs_plot_series out = { oz, oy, 4, CS_STYLE_POINT_ALT };
    s.series = &out;
    cs_plot_draw(c, &s, &l);
    for (int r = l.area_row; r < l.area_row + l.area_rows; r++)
        for (int k = l.area_col; k < l.area_col + l.area_cols; k++)
            ck_assert_uint_eq(cs_canvas_cell(c, k, r)->ch, ' ');
    cs_canvas_free(c);
}
END_TEST

/* A zoomed y view: each point is drawn in the cell cs_plot_to_cell gives
 * it (plot.h: a value's cell is that of the dot the points put it in), a
 * second path to the same cell; the one on the view's bottom edge (y =
 * y_min) is drawn on the area's last row, not left out. One point a
 * drawing, on an ascii canvas, so the only mark is that point's; then a
 * flat boundary at the same score, on the same row. */
START_TEST(points_of_a_zoomed_y_view_land_in_their_cells)
{
    const double zs[] = { 21.0, 22.5, 24.0, 23.2 }, ys[] = { 0.75, 0.5, 0.9, 0.6 };
    for (size_t k = 0; k < 4; k++) {
        cs_canvas *c = cs_canvas_new(60, 20, CS_CHARSET_ASCII);
        cs_plot_series ser = { &zs[k], &ys[k], 1, CS_STYLE_POINT };
        cs_plot_spec s;
        cs_plot_spec_init(&s);
        s.x_min = 20;
        s.x_max = 25;
        s.y_min = 0.5;
        s.y_max = 1;
        s.series = &ser;
        s.n_series = 1;
        cs_plot_layout l;
        cs_plot_draw(c, &s, &l);
        ck_assert_double_eq(l.y_min, 0.5);
        int col, row, found = 0;
        ck_assert(cs_plot_to_cell(&l, zs[k], ys[k], &col, &row));
        for (int r = l.area_row; r < l.area_row + l.area_rows; r++)
            for (int q = l.area_col; q < l.area_col + l.area_cols; q++)
                if (cs_canvas_cell(c, q, r)->ch == '.') {
                    ck_assert_msg(q == col && r == row, "point %zu drawn at %d,%d, its cell %d,%d", k, q, r,
                                  col, row);
                    found++;
                }
        ck_assert_msg(found == 1, "point %zu: %d marks", k, found);
        if (ys[k] == 0.5)
            ck_assert_int_eq(row, l.area_row + l.area_rows - 1);
        /* A flat boundary at that score instead (L = 0: q = y0), which is
         * drawn by its own path: every column of the area shows it on the
         * same row. */
        cs_plot_curve cv;
        memset(&cv, 0, sizeof cv);
        cv.p = (cs_params){ ys[k], 0, 22, 1 };
        cv.z_lo = 20;
        cv.z_hi = 25;
        cv.style = CS_STYLE_CURVE;
        s.series = NULL;
        s.n_series = 0;
        s.curves = &cv;
        s.n_curves = 1;
        cs_plot_draw(c, &s, &l);
        for (int q = l.area_col; q < l.area_col + l.area_cols; q++)
            for (int r = l.area_row; r < l.area_row + l.area_rows; r++)
                ck_assert_msg((cs_canvas_cell(c, q, r)->ch == '-') == (r == row),
                              "flat boundary at %g: cell %d,%d is '%c', its row %d", ys[k], q, r,
                              (char)cs_canvas_cell(c, q, r)->ch, row);
        cs_canvas_free(c);
    }
}
END_TEST

/* The x view fitted to nothing (plot.h): no points and no curve with a
 * range give [20, 26] widened by 3% each side, [19.82, 26.18]; with no
 * points the curves' ranges count, and a curve that is not clamped (z_lo
 * > z_hi) has none: [21, 23] alone, widened by 0.06. */
START_TEST(auto_x_view_without_points)
{
    cs_canvas *c = cs_canvas_new(60, 20, CS_CHARSET_ASCII);
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    ck_assert_double_eq_tol(l.x_min, 19.82, 1e-12);
    ck_assert_double_eq_tol(l.x_max, 26.18, 1e-12);
    cs_plot_curve cv[2];
    memset(cv, 0, sizeof cv);
    cv[0].p = (cs_params){ 0.1, 0.7, 22, 1 };
    cv[0].z_lo = 21;
    cv[0].z_hi = 23;
    cv[0].style = CS_STYLE_CURVE;
    cv[1] = cv[0];
    cv[1].z_lo = 25;
    cv[1].z_hi = 24.5; /* not clamped: no range */
    s.curves = cv;
    s.n_curves = 2;
    cs_plot_draw(c, &s, &l);
    ck_assert_double_eq_tol(l.x_min, 20.94, 1e-12);
    ck_assert_double_eq_tol(l.x_max, 23.06, 1e-12);
    cs_canvas_free(c);
}
END_TEST

/* A drawing whose points are kept under a key (plot.h: points_key) is the
 * drawing without one, the first time and again: the key names the values,
 * and the view is part of what the kept dots depend on, so a wider view
 * under the same key draws the points where the wider view puts them.
 * The second method is the same spec drawn with no key. */
static char *drawn_text(cs_canvas *c, const cs_plot_spec *s)
{
    cs_plot_draw(c, s, NULL);
    return cs_canvas_to_text(c);
}

START_TEST(kept_points_draw_what_drawing_them_would)
{
    cs_canvas *kept = cs_canvas_new(73, 19, CS_CHARSET_BRAILLE), *plain = cs_canvas_new(73, 19, CS_CHARSET_BRAILLE);
    cs_plot_spec s;
    golden_spec(&s);
    for (int wider = 0; wider < 2; wider++) {
        s.x_max = wider ? 26.5 : 25.5;
        s.points_key = 0;
        s.n_kept_series = 0;
        char *want = drawn_text(plain, &s);
        s.points_key = 42;
        s.n_kept_series = 1;
        for (int again = 0; again < 2; again++) {
            char *got = drawn_text(kept, &s);
            ck_assert_msg(strcmp(got, want) == 0, "view to %g, drawing %d:\n%s\nwithout a key:\n%s", s.x_max,
                          again, got, want);
            free(got);
        }
        free(want);
    }
    cs_canvas_free(kept);
    cs_canvas_free(plain);
}
END_TEST

/* A layout cs_plot_to_cell cannot map (plot.h: returns 0 when outside
 * the area): an area of no rows has no cell, a view of no width neither;
 * an area of one row has its one. cs_plot_col_of of a view the layout
 * cannot map is the area's first column. */
START_TEST(cells_of_degenerate_layouts)
{
    cs_plot_layout l = { .area_col = 5, .area_row = 2, .area_cols = 10, .area_rows = 1,
                         .x_min = 20, .x_max = 25, .y_min = 0, .y_max = 1, .dots_x = 2, .dots_y = 4 };
    int col = -1, row = -1;
    ck_assert(cs_plot_to_cell(&l, 22.5, 0.5, &col, &row));
    ck_assert_int_eq(row, 2);
    l.area_rows = 0;
    ck_assert(!cs_plot_to_cell(&l, 22.5, 0.5, &col, &row));
    l.area_rows = 1;
    l.x_max = 20;
    ck_assert(!cs_plot_to_cell(&l, 20, 0.5, &col, &row));
    ck_assert_int_eq(cs_plot_col_of(&l, 20), 5);
    ck_assert_int_eq(cs_plot_col_of(&l, 23), 5);
}
END_TEST

START_TEST(mapping_round_trips)
{
    cs_canvas *c = cs_canvas_new(73, 19, CS_CHARSET_BRAILLE);
    cs_plot_spec s;
    cs_plot_layout l;
    golden_spec(&s);
    cs_plot_draw(c, &s, &l);
    for (int row = l.area_row; row < l.area_row + l.area_rows; row++)
        for (int col = l.area_col; col < l.area_col + l.area_cols; col++) {
            double z, y;
            int c2, r2;
            cs_plot_from_cell(&l, col, row, &z, &y);
            ck_assert(cs_plot_to_cell(&l, z, y, &c2, &r2));
            ck_assert_int_eq(c2, col);
            ck_assert_int_eq(r2, row);
        }
    /* Data -> cell -> data lands within half a cell of where it started. */
    double cell_w = (l.x_max - l.x_min) / l.area_cols, cell_h = (l.y_max - l.y_min) / l.area_rows;
    for (int i = 0; i <= 100; i++) {
        double z = l.x_min + (l.x_max - l.x_min) * i / 100.0, y = 1.0 - i / 100.0, z2, y2;
        int col, row;
        ck_assert(cs_plot_to_cell(&l, z, y, &col, &row));
        cs_plot_from_cell(&l, col, row, &z2, &y2);
        ck_assert(fabs(z2 - z) <= cell_w / 2 + 1e-12);
        ck_assert(fabs(y2 - y) <= cell_h / 2 + 1e-12);
    }
    /* The view's corners: (x_min, y_max) top-left, (x_max, y_min) bottom-right. */
    int col, row;
    ck_assert(cs_plot_to_cell(&l, l.x_min, l.y_max, &col, &row));
    ck_assert(col == l.area_col && row == l.area_row);
    ck_assert(cs_plot_to_cell(&l, l.x_max, l.y_min, &col, &row));
    ck_assert(col == l.area_col + l.area_cols - 1 && row == l.area_row + l.area_rows - 1);
    ck_assert(!cs_plot_to_cell(&l, l.x_min - 0.01, 0.5, &col, &row));
    ck_assert(!cs_plot_to_cell(&l, 22, 1.01, &col, &row));
    ck_assert(!cs_plot_to_cell(&l, NAN, 0.5, &col, &row));
    cs_canvas_free(c);
}
END_TEST

START_TEST(auto_fit_view)
{
    cs_canvas *c = cs_canvas_new(60, 16, CS_CHARSET_BRAILLE);
    cs_plot_spec s;
    cs_plot_layout l;
    golden_spec(&s);
    s.x_min = s.x_max = 0;
    s.y_min = s.y_max = 0;
    cs_plot_draw(c, &s, &l);
    /* Data z in [21, 25]: padded by 3% of 4 = 0.12 each side; y defaults to [0, 1]. */
    ck_assert_double_eq_tol(l.x_min, 20.88, 1e-12);
    ck_assert_double_eq_tol(l.x_max, 25.12, 1e-12);
    ck_assert_double_eq(l.y_min, 0);
    ck_assert_double_eq(l.y_max, 1);
    /* One distinct z: half a decade each side. */
    static const double z1[] = { 22, 22 }, y1[] = { 0.1, 0.2 };
    cs_plot_series one = { z1, y1, 2, CS_STYLE_POINT };
    s.series = &one;
    s.x_min = 5;   /* x_min > x_max also means "fit" */
    s.x_max = 4;
    cs_plot_draw(c, &s, &l);
    ck_assert_double_eq_tol(l.x_min, 21.5, 1e-12);
    ck_assert_double_eq_tol(l.x_max, 22.5, 1e-12);
    cs_canvas_free(c);
}
END_TEST

START_TEST(bands_and_cursor)
{
    cs_canvas *c = cs_canvas_new(40, 12, CS_CHARSET_BRAILLE);
    cs_plot_spec s;
    cs_plot_layout l;
    cs_plot_spec_init(&s);
    s.x_min = 20;
    s.x_max = 26;
    /* A band between two flat curves at 0.2 and 0.8 (L = 0: q = y0). */
    cs_plot_band band = { .lo = { 0.2, 0, 23, 1 }, .hi = { 0.8, 0, 23, 1 }, .z_lo = 20, .z_hi = 26,
                          .style = CS_STYLE_BAND };
    s.bands = &band;
    s.n_bands = 1;
    s.cursor_set = 1;
    s.cursor_z = 21;
    s.cursor_y = 0.9;
    cs_plot_draw(c, &s, &l);
    int col, row;
    ck_assert(cs_plot_to_cell(&l, 23, 0.5, &col, &row));
    ck_assert_uint_eq(cs_canvas_cell(c, col, row)->ch, 0x2591);
    ck_assert_int_eq(cs_canvas_cell(c, col, row)->style, CS_STYLE_BAND);
    ck_assert(cs_plot_to_cell(&l, 23, 0.95, &col, &row));   /* above the band: empty */
    ck_assert_uint_eq(cs_canvas_cell(c, col, row)->ch, ' ');
    ck_assert(cs_plot_to_cell(&l, 21, 0.9, &col, &row));
    ck_assert_int_eq(cs_canvas_cell(c, col, row)->style, CS_STYLE_CURSOR);
    ck_assert_uint_eq(cs_canvas_cell(c, col, row)->ch, 0x25C6);
    cs_canvas_free(c);
}
END_TEST

START_TEST(tiny_and_odd_canvases)
{
    static const int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 2, 1 }, { 3, 2 }, { 7, 3 }, { 5, 4 }, { 300, 2 }, { 1, 200 } };
    cs_plot_spec s;
    golden_spec(&s);
    for (int cs = 0; cs < 3; cs++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            cs_canvas *c = cs_canvas_new(sizes[i][0], sizes[i][1], (cs_charset)cs);
            cs_plot_layout l;
            cs_plot_draw(c, &s, &l);
            ck_assert_int_le(l.area_cols, sizes[i][0]);
            ck_assert_int_le(l.area_rows, sizes[i][1]);
            char *t = cs_canvas_to_text(c);
            ck_assert_ptr_nonnull(t);
            free(t);
            cs_canvas_free(c);
        }
    /* A 1x1 canvas is all plot area: the whole view maps to its one cell. */
    cs_canvas *c = cs_canvas_new(1, 1, CS_CHARSET_ASCII);
    cs_plot_layout l;
    s.n_curves = 0;
    cs_plot_draw(c, &s, &l);
    ck_assert_int_eq(l.area_cols, 1);
    ck_assert_uint_eq(cs_canvas_count(c, 0, 0), GN);
    cs_canvas_free(c);
    /* Odd views do not crash or hang. */
    c = cs_canvas_new(50, 15, CS_CHARSET_BRAILLE);
    double views[][4] = { { 1e300, 1.1e300, 0, 1 }, { -1e6, 1e6, -1e300, 1e300 }, { 22, 22.0000001, 0.5, 0.5000001 },
                          { NAN, 5, NAN, 1 }, { 22, 23, INFINITY, -INFINITY } };
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
        s.x_min = views[i][0];
        s.x_max = views[i][1];
        s.y_min = views[i][2];
        s.y_max = views[i][3];
        s.n_curves = 1;
        cs_plot_draw(c, &s, &l);
    }
    cs_plot_draw(NULL, &s, &l);
    cs_plot_draw(c, NULL, &l);
    cs_canvas_free(c);
}
END_TEST

START_TEST(tick_rules)
{
    cs_tick t[64];
    size_t n = cs_ticks_y(0, 1, 20, t, 64);
    ck_assert_uint_eq(n, 5);
    const char *want[] = { "0", "0.25", "0.5", "0.75", "1" };
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(t[i].label, want[i]);
        ck_assert_double_eq_tol(t[i].v, 0.25 * i, 1e-12);
    }
    /* Room for 3: every 0.5. */
    n = cs_ticks_y(0, 1, 3, t, 64);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(t[1].label, "0.5");
    /* A narrow view: 0.25 and 0.1 give fewer than 3; 0.05 gives 0.3 .. 0.45. */
    n = cs_ticks_y(0.3, 0.45, 20, t, 64);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(t[0].label, "0.3");
    ck_assert_str_eq(t[1].label, "0.35");
    ck_assert_str_eq(t[3].label, "0.45");
    ck_assert_uint_eq(cs_ticks_y(1, 0, 5, t, 64), 0);
    /* A view that starts on a tick the division misses: 0.07 / 0.01 is
     * 7.000000000000001 in doubles, and the tick at 0.07 must still be
     * there (0.025 gives 0.075, 0.1: too few; 0.01 gives 0.07 .. 0.1). */
    n = cs_ticks_y(0.07, 0.1, 10, t, 64);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(t[0].label, "0.07");
    ck_assert_str_eq(t[3].label, "0.1");

    n = cs_ticks_x(20.5, 25.5, 10, 0, t, 64);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(t[0].label, "1e21");
    ck_assert_str_eq(t[4].label, "1e25");
    n = cs_ticks_x(20.5, 25.5, 10, 1, t, 64);
    ck_assert_str_eq(t[1].label, "10\u00b2\u00b2");
    ck_assert_int_eq(t[1].width, 4);
    /* Under two decades: 2x and 5x: log10(2) = 0.301, log10(5) = 0.699. */
    n = cs_ticks_x(22.1, 22.9, 10, 0, t, 64);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(t[0].label, "2e22");
    ck_assert_str_eq(t[1].label, "5e22");
    n = cs_ticks_x(22.1, 22.9, 10, 1, t, 64);
    ck_assert_str_eq(t[0].label, "2\u00d710\u00b2\u00b2");
    /* A view ending on a decade: its 1x is a tick too (2x, 5x, then 1e23). */
    n = cs_ticks_x(22.1, 23, 10, 0, t, 64);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(t[2].label, "1e23");
    /* The widest view taken, two million decades, with room for two: the
     * steps ended at a million, whose multiples -1e6, 0, 1e6 are three;
     * 1e7's are one (0). */
    n = cs_ticks_x(-1e6, 1e6, 2, 0, t, 64);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(t[0].label, "1e0");
    /* Exactly max_ticks decades: every decade, not every other. */
    n = cs_ticks_x(20, 25, 6, 0, t, 64);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(t[1].label, "1e21");
    /* 0 .. 100 with room for 10: steps 1, 2, 5, 10 give 101, 51, 21, 11; 20 gives 6. */
    n = cs_ticks_x(0, 100, 10, 0, t, 64);
    ck_assert_uint_eq(n, 6);
    ck_assert_str_eq(t[1].label, "1e20");

    char buf[64];
    ck_assert_int_eq(cs_plot_flops_label(22, 0, buf, sizeof buf), 4);
    ck_assert_str_eq(buf, "1e22");
    cs_plot_flops_label(log10(2e22), 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "2\u00d710\u00b2\u00b2");
    cs_plot_flops_label(-3, 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "10\u207b\u00b3");
    cs_plot_flops_label(23.5, 0, buf, sizeof buf);   /* 10^0.5 = 3.16 */
    ck_assert_str_eq(buf, "3.16e23");
    /* 10^0.99999 = 9.99977, three digits "10": the next decade's 1, not 10e22. */
    cs_plot_flops_label(22.99999, 0, buf, sizeof buf);
    ck_assert_str_eq(buf, "1e23");
    cs_plot_flops_label(22.99999, 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "1\u00d710\u00b2\u00b3");
    cs_plot_flops_label(22.9978, 0, buf, sizeof buf); /* 9.95: still this decade */
    ck_assert_str_eq(buf, "9.95e22");
}
END_TEST

/* A deep zoom (the TUI allows a view of 1e-3 decades) is narrower than the
 * gap between 1x..9x of a decade (log10(10/9) = 0.046 at the least), so
 * those give at most one tick there; the FLOPs themselves then get nice
 * steps. Each label must read back as the FLOPs at its tick, lie in the
 * view, and the ticks must be evenly spaced in FLOPs. */
START_TEST(deep_zoom_keeps_x_ticks)
{
    static const double views[][2] = { { 22.5, 22.501 }, { 22.9995, 23.0005 }, { 22.05, 22.29 },
                                       { 22.3, 22.31 },  { -3.0001, -2.9999 },
                                       /* 1.99942 .. 2.05012 x 1e22: steps of 0.05 give
                                        * 2 ticks, of 0.02 three (2, 2.02, 2.04) */
                                       { 22.3009, 22.3119 } };
    for (size_t k = 0; k < sizeof views / sizeof views[0]; k++)
        for (int unicode = 0; unicode < 2; unicode++) {
            double lo = views[k][0], hi = views[k][1];
            cs_tick t[64];
            size_t n = cs_ticks_x(lo, hi, 10, unicode, t, 64);
            /* The coarsest step giving 3 (fine_ticks): 1-2-5 steps are at
             * most 2.5 apart, so from 2 ticks a finer step gives 3 to 6. */
            ck_assert_msg(n >= 3 && n <= 10, "[%g, %g]: %zu ticks", lo, hi, n);
            double prev = 0, step = 0;
            for (size_t i = 0; i < n; i++) {
                ck_assert(t[i].v >= lo - 1e-9 && t[i].v <= hi + 1e-9);
                if (unicode)
                    continue;
                char *end;
                double f = strtod(t[i].label, &end);
                ck_assert_msg(*end == '\0' && f > 0, "label '%s'", t[i].label);
                /* Scientific notation: the mantissa in [1, 10), "1e23" and
                 * not "10e22" for the decade itself. */
                char digits[sizeof t[i].label];
                memcpy(digits, t[i].label, sizeof digits);
                char *exponent = strchr(digits, 'e');
                ck_assert_msg(exponent != NULL, "label '%s'", t[i].label);
                *exponent = '\0';
                double mantissa = strtod(digits, &end);
                ck_assert_msg(*end == '\0' && mantissa >= 1 && mantissa < 10, "label '%s'", t[i].label);
                ck_assert_msg(fabs(log10(f) - t[i].v) < 1e-9, "label '%s' at %.9f", t[i].label, t[i].v);
                if (i >= 2)
                    ck_assert_msg(fabs((f - prev) - step) <= 1e-6 * step, "uneven: '%s'", t[i].label);
                if (i >= 1)
                    step = f - prev;
                prev = f;
            }
        }
    /* And the plot shows them: a view of 1e-3 decades in 60 columns. */
    static const double z[] = { 22.5005 }, y[] = { 0.5 };
    cs_plot_series ser = { z, y, 1, CS_STYLE_POINT };
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    s.x_min = 22.5;
    s.x_max = 22.501;
    s.series = &ser;
    s.n_series = 1;
    cs_canvas *c = cs_canvas_new(60, 12, CS_CHARSET_ASCII);
    cs_plot_draw(c, &s, NULL);
    char buf[256];
    const char *row = row_text(c, 11, buf, sizeof buf);
    ck_assert_msg(strstr(row, "e22") != NULL, "no x label: '%s'", row);
    cs_canvas_free(c);
}
END_TEST

/* The cell of a value is that of its point's dot, in every charset: at a
 * cell's edge (z = x_min + k * width / cols, and a double either side) the
 * cursor's cell was computed from the view alone and could sit a cell off
 * its point (about 1 in 200 random values). Each value is drawn alone and
 * its point's cell found in the canvas. */
START_TEST(cells_are_the_points_cells)
{
    const cs_charset sets[] = { CS_CHARSET_BRAILLE, CS_CHARSET_BLOCK, CS_CHARSET_ASCII };
    size_t checked = 0;
    for (size_t k = 0; k < 3; k++) {
        cs_canvas *c = cs_canvas_new(40, 12, sets[k]);
        double z = 23, y = 0.37;
        cs_plot_series one = { .z = &z, .y = &y, .n = 1, .style = CS_STYLE_POINT };
        cs_plot_spec s;
        cs_plot_spec_init(&s);
        s.x_min = 21.1;
        s.x_max = 24.9;
        s.y_min = 0.1;
        s.y_max = 0.9;
        s.series = &one;
        s.n_series = 1;
        cs_plot_layout l;
        cs_plot_draw(c, &s, &l);
        for (int e = 0; e <= l.area_cols; e++)
            for (int side = -1; side <= 1; side++) {
                z = l.x_min + e * (l.x_max - l.x_min) / l.area_cols;
                y = l.y_max - (e % l.area_rows) * (l.y_max - l.y_min) / l.area_rows;
                if (side)
                    z = nextafter(z, side * INFINITY), y = nextafter(y, -side * INFINITY);
                int col, row;
                if (!cs_plot_to_cell(&l, z, y, &col, &row))
                    continue;
                cs_plot_draw(c, &s, &l);
                int found = 0;
                for (int r = l.area_row; r < l.area_row + l.area_rows; r++)
                    for (int q = l.area_col; q < l.area_col + l.area_cols; q++) {
                        const cs_cell *cell = cs_canvas_cell(c, q, r);
                        if (cell->ch != ' ' && cell->style == CS_STYLE_POINT) {
                            ck_assert_msg(q == col && r == row, "charset %zu: z %.17g y %.17g drawn at (%d, %d), "
                                          "mapped to (%d, %d)", k, z, y, q, r, col, row);
                            found++;
                        }
                    }
                ck_assert_int_eq(found, 1);
                checked++;
            }
        cs_canvas_free(c);
    }
    ck_assert_uint_ge(checked, 250);
}
END_TEST

/* A view zoomed on y: [20, 26] decades by [0.3, 0.6] of accuracy. */
static void zoomed_spec(cs_plot_spec *s)
{
    cs_plot_spec_init(s);
    s->x_min = 20;
    s->x_max = 26;
    s->y_min = 0.3;
    s->y_max = 0.6;
}

/* A tick on an end of the view is in the view and the plot labels it:
 * 6 * 0.1 is 0.6000000000000001, past a view that ends at 0.6, and the
 * top row of a y view [0.3, 0.6] had no "0.6". Likewise a decade a hair
 * (5e-10) left of an x view that starts there. */
START_TEST(ticks_at_the_ends_of_the_view)
{
    cs_tick t[64];
    size_t n = cs_ticks_y(0.3, 0.6, 9, t, 64);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(t[3].label, "0.6");
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(t[i].v >= 0.3 && t[i].v <= 0.6, "tick %s at %.17g", t[i].label, t[i].v);
    n = cs_ticks_x(21 + 5e-10, 25, 10, 0, t, 64);
    ck_assert_uint_eq(n, 5);
    ck_assert_str_eq(t[0].label, "1e21");
    ck_assert(t[0].v >= 21 + 5e-10);

    cs_plot_spec s;
    zoomed_spec(&s);
    cs_canvas *c = cs_canvas_new(40, 11, CS_CHARSET_ASCII);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    char buf[256];
    /* Gutter "0.6 " then the axis: the top row of the area is y = 0.6. */
    ck_assert_msg(strncmp(row_text(c, l.area_row, buf, sizeof buf), "0.6 +", 5) == 0, "'%s'", buf);
    ck_assert_msg(strncmp(row_text(c, l.area_row + l.area_rows - 1, buf, sizeof buf), "0.3 +", 5) == 0, "'%s'", buf);
    cs_canvas_free(c);
}
END_TEST

/* 1x..9x of a decade crowd towards its top: 8x and 9x are log10(9/8) =
 * 0.0512 decades apart. The view [2.05e22, 9.9e22] is 0.6838 decades wide
 * and holds only 5x of 1x, 2x, 5x, so 1x..9x gave 3e22 .. 9e22, seven
 * ticks, whatever the room: max_ticks 8 (a plot 16 columns wide) put 8x
 * and 9x 0.0512 / 0.6838 * 16 = 1.2 cells apart, and max_ticks 1 got
 * seven. Evenly spaced, 8 ticks in that view are at least 0.6838 / 9 =
 * 0.076 apart; nice steps of the FLOPs are: 4, 6, 8 (log10(8/6) = 0.125).
 * At max_ticks 16 (least gap 0.6838 / 17 = 0.040) 1x..9x have the room. */
START_TEST(x_ticks_inside_a_decade_keep_their_room)
{
    double lo = log10(2.05e22), hi = log10(9.9e22);
    cs_tick t[64];
    size_t n = cs_ticks_x(lo, hi, 8, 0, t, 64);
    ck_assert_uint_eq(n, 3);
    ck_assert_str_eq(t[0].label, "4e22");
    ck_assert_str_eq(t[1].label, "6e22");
    ck_assert_str_eq(t[2].label, "8e22");
    n = cs_ticks_x(lo, hi, 16, 0, t, 64);
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(t[0].label, "3e22");
    ck_assert_str_eq(t[6].label, "9e22");

    /* The rule over many views inside two decades and every room: at most
     * max_ticks, none closer than evenly spaced ones can be. */
    for (int max_ticks = 1; max_ticks <= 40; max_ticks++)
        for (double from = 21.0; from < 22.0; from += 0.0137)
            for (double width = 1e-4; width < 1.9; width *= 1.3) {
                double a = from, b = from + width;
                n = cs_ticks_x(a, b, max_ticks, 1, t, 64);
                ck_assert_msg(n <= (size_t)max_ticks, "[%.6f, %.6f] room %d: %zu ticks", a, b, max_ticks, n);
                for (size_t i = 1; i < n; i++)
                    ck_assert_msg(t[i].v - t[i - 1].v >= (b - a) / (max_ticks + 1) * (1 - 1e-9),
                                  "[%.6f, %.6f] room %d: %s and %s too close", a, b, max_ticks,
                                  t[i - 1].label, t[i].label);
            }

    /* And on the plot: no two marks on the axis closer than 2 cells. */
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    s.x_min = lo;
    s.x_max = hi;
    cs_canvas *c = cs_canvas_new(21, 8, CS_CHARSET_ASCII);
    cs_plot_layout l;
    cs_plot_draw(c, &s, &l);
    char buf[256];
    row_text(c, l.area_row + l.area_rows, buf, sizeof buf);
    int last = -100, marks = 0;
    for (int col = l.area_col; buf[col]; col++)
        if (buf[col] == '+') {
            ck_assert_msg(col - last >= 2, "marks at %d and %d: '%s'", last, col, buf);
            last = col;
            marks++;
        }
    ck_assert_msg(marks >= 2, "'%s'", buf);
    cs_canvas_free(c);

    /* Over views from a deep zoom to 20 decades and plots 12 to 110
     * columns wide: no two marks in neighbouring cells. Ticks no closer than
     * area_cols / (max_ticks + 1) cells are 2 cells apart once max_ticks is
     * at most area_cols / 2 - 1; at area_cols / 2 the decades of
     * [33.4222, 47.9879] at 34 columns (14 ticks in 28 cells, 1.92 apart)
     * drew "++". */
    for (int w = 12; w <= 110; w += 7)
        for (double from = 20.0; from < 30.0; from += 0.37)
            for (double span = 1e-3; span < 20; span *= 1.7) {
                cs_plot_spec_init(&s);
                s.x_min = from;
                s.x_max = from + span;
                c = cs_canvas_new(w, 8, CS_CHARSET_ASCII);
                cs_plot_draw(c, &s, &l);
                row_text(c, l.area_row + l.area_rows, buf, sizeof buf);
                last = -100;
                for (int col = l.area_col; buf[col]; col++)
                    if (buf[col] == '+') {
                        ck_assert_msg(col - last >= 2, "[%g, %g] at %d: '%s'", s.x_min, s.x_max, w, buf);
                        last = col;
                    }
                cs_canvas_free(c);
            }
}
END_TEST

/* A curve and a band past a zoomed y view stop at the area's edge: the
 * steep curve q = s(2 (z - 23)) crosses the view [0.3, 0.6] and leaves it
 * above and below, and was drawn on up into the title's row and down
 * into the x labels' row, the band's shade with it. Outside the area only
 * the title, the axes and the labels may be. */
START_TEST(curves_and_bands_stay_in_the_area)
{
    cs_plot_curve cv = { .p = { .y0 = 0, .L = 1, .z_star = 23, .b = 2 }, .z_lo = 20, .z_hi = 26,
                         .style = CS_STYLE_CURVE };
    cs_plot_band band = { .lo = { .y0 = 0, .L = 1, .z_star = 23.5, .b = 2 },
                          .hi = { .y0 = 0, .L = 1, .z_star = 22.5, .b = 2 },
                          .z_lo = 20, .z_hi = 26, .style = CS_STYLE_BAND };
    cs_plot_spec s;
    zoomed_spec(&s);
    s.title = "t";
    s.curves = &cv;
    s.n_curves = 1;
    s.bands = &band;
    s.n_bands = 1;
    for (int cs = CS_CHARSET_BRAILLE; cs <= CS_CHARSET_ASCII; cs++) {
        cs_canvas *c = cs_canvas_new(40, 12, (cs_charset)cs);
        cs_plot_layout l;
        cs_plot_draw(c, &s, &l);
        int drawn = 0;
        for (int row = 0; row < 12; row++)
            for (int col = 0; col < 40; col++) {
                const cs_cell *cell = cs_canvas_cell(c, col, row);
                int in = row >= l.area_row && row < l.area_row + l.area_rows && col >= l.area_col &&
                         col < l.area_col + l.area_cols;
                int dots = cell->style == CS_STYLE_CURVE || cell->style == CS_STYLE_BAND;
                drawn += in && dots;
                ck_assert_msg(in || !dots, "charset %d: curve or band at (%d, %d) outside the area", cs, col, row);
            }
        ck_assert(drawn > 0);
        cs_canvas_free(c);
    }
}
END_TEST

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

START_TEST(speed)
{
    /* Reported, and bounded loosely so sanitizer builds pass; the targets
     * (1e6 points well under 100 ms, 2409 well under 1 ms) are for -O2. */
    size_t n = 1000000;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    unsigned s = 12345;
    for (size_t i = 0; i < n; i++) {
        s = s * 1103515245u + 12345u;
        z[i] = 21 + 4.0 * (s >> 8) / (1u << 24);
        s = s * 1103515245u + 12345u;
        y[i] = (s >> 8) / (double)(1u << 24);
    }
    cs_plot_series ser = { z, y, n, CS_STYLE_POINT };
    cs_plot_curve cv = { .p = gp, .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE };
    cs_plot_spec sp;
    cs_plot_spec_init(&sp);
    sp.series = &ser;
    sp.n_series = 1;
    sp.curves = &cv;
    sp.n_curves = 1;
    sp.title = "speed";
    cs_canvas *c = cs_canvas_new(200, 60, CS_CHARSET_BRAILLE);
    double t0 = now_ms();
    cs_plot_draw(c, &sp, NULL);
    double big = now_ms() - t0;
    cs_canvas_free(c);

    c = cs_canvas_new(80, 24, CS_CHARSET_BRAILLE);
    ser.n = 2409;
    int reps = 200;
    t0 = now_ms();
    for (int r = 0; r < reps; r++)
        cs_plot_draw(c, &sp, NULL);
    double small = (now_ms() - t0) / reps;
    cs_canvas_free(c);
    fprintf(stderr, "speed: 1,000,000 points on 200x60 braille: %.2f ms; 2,409 points on 80x24: %.4f ms\n",
            big, small);
    ck_assert(big < 1000);
    ck_assert(small < 10);
    free(z);
    free(y);
}
END_TEST

static Suite *plot_suite(void)
{
    Suite *s = suite_create("plot");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, golden_braille);
    tcase_add_test(tc, golden_block);
    tcase_add_test(tc, golden_ascii);
    tcase_add_test(tc, layout_and_gutter);
    tcase_add_test(tc, curve_labels_at_the_right_end);
    tcase_add_test(tc, curve_labels_keep_off_the_boundary);
    tcase_add_test(tc, curve_labels_stay_beside_their_curves);
    tcase_add_test(tc, curve_labels_count_the_unnamed);
    tcase_add_test(tc, title_by_display_width);
    tcase_add_test(tc, x_tick_labels_where_they_belong);
    tcase_add_test(tc, crowded_labels_drop_some_not_all);
    tcase_add_test(tc, crowded_labels_evenly_spaced);
    tcase_add_test(tc, curve_cells_follow_the_formula);
    tcase_add_test(tc, points_land_in_their_cells);
    tcase_add_test(tc, mapping_round_trips);
    tcase_add_test(tc, kept_points_draw_what_drawing_them_would);
    tcase_add_test(tc, cells_of_degenerate_layouts);
    tcase_add_test(tc, points_of_a_zoomed_y_view_land_in_their_cells);
    tcase_add_test(tc, auto_x_view_without_points);
    tcase_add_test(tc, auto_fit_view);
    tcase_add_test(tc, bands_and_cursor);
    tcase_add_test(tc, tiny_and_odd_canvases);
    tcase_add_test(tc, tick_rules);
    tcase_add_test(tc, deep_zoom_keeps_x_ticks);
    tcase_add_test(tc, x_ticks_inside_a_decade_keep_their_room);
    tcase_add_test(tc, ticks_at_the_ends_of_the_view);
    tcase_add_test(tc, curves_and_bands_stay_in_the_area);
    tcase_add_test(tc, cells_are_the_points_cells);
    tcase_add_test(tc, speed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(plot_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
