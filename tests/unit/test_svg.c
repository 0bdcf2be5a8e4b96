/* Unit tests of svg.h and csvwrite.h: where the SVG puts a point, a curve,
 * its label, the cursor and the ticks, what its text may hold, and how a
 * CSV field is quoted.
 *
 * Expected values are svg.h's geometry worked by hand: on an 800 x 500
 * page the plot area is 728 x 428 pixels from (56, 28), so in the view
 * [21, 25] x [0, 1] z maps to 56 + (z - 21) / 4 * 728 and accuracy y to
 * 28 + (1 - y) * 428; a point falls in the 2-pixel bin whose centre is one
 * pixel past the bin's corner. CSV fields follow RFC 4180, section 2. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/csvwrite.h"
#include "capscope/svg.h"

static const double pz[] = { 23, 23.5, 23.5, 23.5, 23.5, 23.5, 23.5, 23.5, 23.5 };
static const double py[] = { 0.5, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25 };
static cs_plot_series series;
static cs_plot_curve curve;

static void spec_of(cs_plot_spec *s, double x_min, double x_max)
{
    cs_plot_spec_init(s);
    series = (cs_plot_series){ .z = pz, .y = py, .n = 9, .style = CS_STYLE_POINT };
    /* L = 0: q is y0 = 0.25 everywhere, at pixel y 28 + 0.75 * 428 = 349. */
    curve = (cs_plot_curve){ .p = { .y0 = 0.25, .L = 0, .z_star = 23, .b = 1 },
                             .z_lo = 21, .z_hi = 25, .style = CS_STYLE_CURVE, .label = "q<1>" };
    s->x_min = x_min;
    s->x_max = x_max;
    s->series = &series;
    s->n_series = 1;
    s->curves = &curve;
    s->n_curves = 1;
    s->cursor_set = 1;
    s->cursor_z = 22;
    s->cursor_y = 0.75;
    s->title = "fit & \"odd\"\nname";
}

static void has(const char *svg, const char *want)
{
    if (!strstr(svg, want))
        fprintf(stderr, "%s\n", svg);
    ck_assert_msg(strstr(svg, want) != NULL, "no %s in the SVG (on stderr)", want);
}

START_TEST(points_curve_cursor_land_where_the_geometry_says)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    char *svg = cs_svg_plot(&s, NULL, 800, 500);
    ck_assert_ptr_nonnull(svg);
    ck_assert(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", 44) == 0);
    has(svg, "width=\"800\" height=\"500\" viewBox=\"0 0 800 500\"");
    /* The area: margins 56, 16, 28 and 44. */
    has(svg, "<rect x=\"56\" y=\"28\" width=\"728\" height=\"428\"/>");
    /* (23, 0.5) is pixel (420, 242), bin (182, 107), centre (421, 243):
     * one point, the least opacity. */
    has(svg, "<g fill=\"#1f77b4\">\n<circle cx=\"421\" cy=\"243\" r=\"2\" fill-opacity=\"0.35\"/>\n");
    /* Eight at (23.5, 0.25) = pixel (511, 349), bin (227, 160): opaque. */
    has(svg, "<circle cx=\"511\" cy=\"349\" r=\"2\" fill-opacity=\"1.00\"/>\n</g>\n");
    /* The curve from the left edge to the right, 201 points, flat at 349. */
    has(svg, "stroke-width=\"2\" points=\"56.00,349.00 59.64,349.00 ");
    has(svg, " 784.00,349.00 \"/>\n");
    /* Its label ends 2 pixels left of the right edge, 4 above the curve. */
    has(svg, "<text class=\"curve\" x=\"782.00\" y=\"345.00\" text-anchor=\"end\" fill=\"#d62728\">q&lt;1&gt;</text>");
    /* The cursor at (22, 0.75): pixel (238, 135). */
    has(svg, "<circle cx=\"238.00\" cy=\"135.00\" r=\"5\" fill=\"none\"");
    /* The title, escaped, its line break a space, in both places. */
    has(svg, "<title>fit &amp; &quot;odd&quot; name</title>");
    has(svg, "font-size=\"13\">fit &amp; &quot;odd&quot; name</text>");
    /* No band unless one is given. */
    ck_assert_ptr_null(strstr(svg, "<polygon"));
    ck_assert_str_eq(svg + strlen(svg) - 12, "</g>\n</svg>\n");
    free(svg);
}
END_TEST

START_TEST(ticks_follow_the_text_plot_rules)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    char *svg = cs_svg_plot(&s, NULL, 800, 500);
    /* Decades 21 .. 25 (728 / 80 = 9 labels allowed), labels under the
     * axis at y 28 + 428 + 18 = 474; 10^22 at pixel 238. */
    has(svg, "<text class=\"xtick\" x=\"56.00\" y=\"474\" text-anchor=\"middle\">10\xc2\xb2\xc2\xb9</text>");
    has(svg, "<text class=\"xtick\" x=\"238.00\" y=\"474\" text-anchor=\"middle\">10\xc2\xb2\xc2\xb2</text>");
    has(svg, "<text class=\"xtick\" x=\"784.00\" y=\"474\"");
    /* Quarters on y (428 / 30 = 14 allowed): 0.5 at 242 and 0.75 at 135, each
     * label 4 lower. */
    has(svg, "<text class=\"ytick\" x=\"48\" y=\"246.00\" text-anchor=\"end\">0.5</text>");
    has(svg, "<text class=\"ytick\" x=\"48\" y=\"139.00\" text-anchor=\"end\">0.75</text>");
    free(svg);
}
END_TEST

/* A curve is flat outside [z_lo, z_hi], and drawn unclamped when that range
 * is empty, as the text plot draws it (plot.h). q = sigmoid(z - 23): at
 * z 21, 22, 23, 24, 25 it is 0.1192029, 0.2689414, 0.5, 0.7310586 and
 * 0.8807971, pixel y 28 + (1 - q) * 428 = 404.98, 340.89, 242, 143.11 and
 * 79.02. */
START_TEST(curves_clamp_to_their_range_unless_it_is_empty)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    curve = (cs_plot_curve){ .p = { .y0 = 0, .L = 1, .z_star = 23, .b = 1 },
                             .z_lo = 22, .z_hi = 24, .style = CS_STYLE_CURVE, .label = "q" };
    char *svg = cs_svg_plot(&s, NULL, 800, 500);
    has(svg, "points=\"56.00,340.89 ");
    has(svg, " 420.00,242.00 ");
    has(svg, " 784.00,143.11 \"/>\n");
    has(svg, "<text class=\"curve\" x=\"782.00\" y=\"139.11\"");
    free(svg);
    /* z_lo > z_hi: nothing to clamp to (clamping to it anyway drew q(24)
     * left of 24 and q(22) right of it). */
    curve.z_lo = 24;
    curve.z_hi = 22;
    svg = cs_svg_plot(&s, NULL, 800, 500);
    has(svg, "points=\"56.00,404.98 ");
    has(svg, " 420.00,242.00 ");
    has(svg, " 784.00,79.02 \"/>\n");
    has(svg, "<text class=\"curve\" x=\"782.00\" y=\"75.02\"");
    free(svg);
    /* A y view [0.3, 0.6] the curve leaves at q = 0.6, z = 23 + ln 1.5 =
     * 23.405: its name at the rightmost of the 201 samples inside, z = 23.4
     * (x 56 + 0.6 * 728 - 2 = 490.80), q = s(0.4) = 0.5986877 (y 28 +
     * (0.6 - q) / 0.3 * 428 - 4 = 25.87); it was at q(25) = 0.88, above
     * the view and clipped away. A curve wholly outside has no name. */
    s.y_min = 0.3;
    s.y_max = 0.6;
    svg = cs_svg_plot(&s, NULL, 800, 500);
    has(svg, "<text class=\"curve\" x=\"490.80\" y=\"25.87\"");
    free(svg);
    curve.p.y0 = 0.9;
    curve.p.L = 0.05;
    svg = cs_svg_plot(&s, NULL, 800, 500);
    ck_assert_ptr_null(strstr(svg, "<text class=\"curve\""));
    free(svg);
}
END_TEST

/* An unset view is [21, 25] x [0, 1]: the same document as that view. */
START_TEST(unset_view_is_the_default_view)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    char *set = cs_svg_plot(&s, NULL, 640, 400);
    spec_of(&s, 0, 0);
    char *unset = cs_svg_plot(&s, NULL, 640, 400);
    ck_assert_str_eq(set, unset);
    /* So is a view the text plot would not take either: not finite, or
     * narrower than 1e-9 (one wrote nan and inf into the coordinates). */
    const double bad[][2] = { { 21, INFINITY }, { NAN, 25 }, { 21, 21 + 1e-12 } };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        spec_of(&s, bad[k][0], bad[k][1]);
        char *doc = cs_svg_plot(&s, NULL, 640, 400);
        ck_assert_msg(strcmp(doc, set) == 0, "view [%g, %g] is not the default one", bad[k][0], bad[k][1]);
        free(doc);
    }
    free(set);
    free(unset);
}
END_TEST

/* A size below the margins and a pixel of plot is taken as that least
 * size (it had a negative plot area, and ASan stopped on a negative
 * allocation); 0 and negative sizes alike. */
START_TEST(tiny_sizes_are_the_least_size)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    char *least = cs_svg_plot(&s, NULL, CS_SVG_MIN_WIDTH, CS_SVG_MIN_HEIGHT);
    ck_assert_ptr_nonnull(least);
    ck_assert_ptr_nonnull(strstr(least, "width=\"73\" height=\"73\""));
    const int sizes[][2] = { { 1, 1 }, { 72, 500 }, { 500, 0 }, { -5, -5 } };
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char *doc = cs_svg_plot(&s, NULL, sizes[k][0], sizes[k][1]);
        ck_assert_ptr_nonnull(doc);
        char want[64];
        snprintf(want, sizeof want, "width=\"%d\" height=\"%d\"", sizes[k][0] < 73 ? 73 : sizes[k][0],
                 sizes[k][1] < 73 ? 73 : sizes[k][1]);
        ck_assert_msg(strstr(doc, want) != NULL, "%dx%d: no %s", sizes[k][0], sizes[k][1], want);
        free(doc);
    }
    free(least);
}
END_TEST

/* Only characters XML 1.0 allows: a control character, U+FFFF and a byte
 * that is not UTF-8 become U+FFFD; no title is an empty one. */
START_TEST(text_is_xml_whatever_a_name_holds)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    s.title = NULL;
    curve.label = "a\x01" "b\xef\xbf\xbf" "c\xff" "d";
    char *svg = cs_svg_plot(&s, NULL, 800, 500);
    has(svg, "<title></title>");
    has(svg, ">a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd" "d</text>");
    ck_assert_ptr_null(strchr(svg, '\x01'));
    free(svg);
}
END_TEST

static char *field(const char *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    cs_csv_field(s, f);
    ck_assert_int_eq(fclose(f), 0);
    return text;
}

static void field_is(const char *s, const char *want)
{
    char *got = field(s);
    ck_assert_str_eq(got, want);
    free(got);
}

/* Points outside the view are left out, as in the text plot (plot.h):
 * z = 25.004 is 0.73 pixel right of the area and y = -0.003 1.28 pixels
 * below it, each inside a bin past the edge (the bins run to 365 x 215),
 * and were drawn there, a sliver of their circles inside the clip; NaN and
 * infinities too. The points on the edges, (25, 0) and (21, 1), are drawn:
 * bins (364, 214) and (0, 0). */
START_TEST(points_outside_the_view_are_left_out)
{
    static const double z[] = { 25.004, 23, 25, 21, NAN, INFINITY, 23 };
    static const double y[] = { 0.5, -0.003, 0, 1, 0.5, 0.5, -INFINITY };
    cs_plot_series ser = { .z = z, .y = y, .n = 7, .style = CS_STYLE_POINT };
    cs_plot_spec s;
    cs_plot_spec_init(&s);
    s.x_min = 21;
    s.x_max = 25;
    s.series = &ser;
    s.n_series = 1;
    char *svg = cs_svg_plot(&s, NULL, 800, 500);
    ck_assert_ptr_nonnull(svg);
    has(svg, "<g fill=\"#1f77b4\">\n<circle cx=\"57\" cy=\"29\" r=\"2\" fill-opacity=\"0.35\"/>\n"
             "<circle cx=\"785\" cy=\"457\" r=\"2\" fill-opacity=\"0.35\"/>\n</g>\n");
    free(svg);
}
END_TEST

/* RFC 4180 2.6 and 2.7: a field with a comma, a quote, CR or LF is quoted,
 * its quotes doubled; any other is as it is, bytes and all. */
/* The default 20 suggestions spread over the view, 0.2 decades (36.4
 * pixels) apart: no rank's label is within 10 pixels of another's, so
 * each is labelled above its triangle (svg.h). Ranks 17 to 20 had none:
 * the labels were counted against a list of 16. Label k is at x = 56 +
 * (21.1 + 0.2 (k - 1) - 21) / 4 * 728. */
START_TEST(every_pick_apart_from_the_others_has_its_rank)
{
    cs_plot_spec s;
    spec_of(&s, 21, 25);
    cs_svg_pick picks[20];
    for (size_t i = 0; i < 20; i++)
        picks[i] = (cs_svg_pick){ 21.1 + 0.2 * (double)i, i + 1 };
    char *svg = cs_svg_plot_picks(&s, NULL, picks, 20, 800, 500);
    ck_assert_ptr_nonnull(svg);
    size_t labels = 0;
    for (const char *p = svg; (p = strstr(p, "class=\"pick-rank\"")); p++)
        labels++;
    ck_assert_uint_eq(labels, 20);
    has(svg, "<text class=\"pick-rank\" x=\"765.80\" y=\"447.00\" text-anchor=\"middle\" font-size=\"9\">20</text>");
    free(svg);
}
END_TEST

START_TEST(csv_fields_are_quoted_as_rfc_4180_says)
{
    field_is("plain text", "plain text");
    field_is("", "");
    field_is("a,b", "\"a,b\"");
    field_is("say \"hi\"", "\"say \"\"hi\"\"\"");
    field_is("\"", "\"\"\"\"");
    field_is("two\nlines", "\"two\nlines\"");
    field_is("cr\r", "\"cr\r\"");
    field_is("esc\x1b[31m \xc3\xbc", "esc\x1b[31m \xc3\xbc");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("svg");
    TCase *tc = tcase_create("svg");
    tcase_add_test(tc, points_curve_cursor_land_where_the_geometry_says);
    tcase_add_test(tc, ticks_follow_the_text_plot_rules);
    tcase_add_test(tc, curves_clamp_to_their_range_unless_it_is_empty);
    tcase_add_test(tc, unset_view_is_the_default_view);
    tcase_add_test(tc, tiny_sizes_are_the_least_size);
    tcase_add_test(tc, text_is_xml_whatever_a_name_holds);
    tcase_add_test(tc, points_outside_the_view_are_left_out);
    tcase_add_test(tc, csv_fields_are_quoted_as_rfc_4180_says);
    tcase_add_test(tc, every_pick_apart_from_the_others_has_its_rank);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
