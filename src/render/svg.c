/* svg.c - a plot as an SVG document (svg.h). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/svg.h"
#include "capscope/canvas.h"
#include "capscope/memfile.h"
#include "render/boundary.h"
#include "render/ticks.h"

/* Text for XML 1.0: markup escaped, white space (a line break in a task
 * name) a space, and what XML does not allow at all (other control
 * characters, U+FFFE, U+FFFF, malformed UTF-8) U+FFFD, or the document
 * would not parse. */
static void xml_text(FILE *f, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t used = cs_utf8_decode(s, n, &cp);
        switch (cp) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\t': case '\n': case '\r': fputc(' ', f); break;
        default: {
            char buf[8];
            if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
                cp = 0xFFFD;
            cs_utf8_encode(cp, buf);
            fputs(buf, f);
        }
        }
        s += used;
        n -= used;
    }
}

static const char *svg_color(cs_style s)
{
    switch (s) {
    case CS_STYLE_POINT: return "#1f77b4";
    case CS_STYLE_POINT_ALT: return "#c2409c";
    case CS_STYLE_SUGGESTED: return "#d4a000";
    case CS_STYLE_CURVE_ALT: return "#2ca02c";
    case CS_STYLE_CURVE: return "#d62728";
    case CS_STYLE_MATCH: return "#ff7f0e";
    case CS_STYLE_BAND: return "#d62728";
    default: return "#444444";
    }
}

/* The margins around the plot area, in pixels: the tick labels and the axis
 * titles. The least size (svg.h) is theirs and one pixel of plot. */
enum { MARGIN_LEFT = 56, MARGIN_RIGHT = 16, MARGIN_TOP = 28, MARGIN_BOTTOM = 44 };
_Static_assert(CS_SVG_MIN_WIDTH == MARGIN_LEFT + MARGIN_RIGHT + 1, "svg.h's least width");
_Static_assert(CS_SVG_MIN_HEIGHT == MARGIN_TOP + MARGIN_BOTTOM + 1, "svg.h's least height");

char *cs_svg_plot(const cs_plot_spec *spec, const cs_svg_band *band, int width, int height)
{
    return cs_svg_plot_picks(spec, band, NULL, 0, width, height);
}

char *cs_svg_plot_picks(const cs_plot_spec *spec, const cs_svg_band *band, const cs_svg_pick *picks, size_t n,
                        int width, int height)
{
    cs_memfile mem;
    FILE *f = cs_memfile_open(&mem);
    if (!f)
        return NULL;
    int failed = 0;
    const char *title = spec->title ? spec->title : "";
    const double ml = MARGIN_LEFT, mr = MARGIN_RIGHT, mt = MARGIN_TOP, mb = MARGIN_BOTTOM;
    /* the margins and a pixel of plot at least (svg.h): a smaller size had
     * a negative plot area, and a negative count of bins to allocate */
    if (width < CS_SVG_MIN_WIDTH)
        width = CS_SVG_MIN_WIDTH;
    if (height < CS_SVG_MIN_HEIGHT)
        height = CS_SVG_MIN_HEIGHT;
    double pw = width - ml - mr, ph = height - mt - mb;
    double x0 = spec->x_min, x1 = spec->x_max, y0 = spec->y_min, y1 = spec->y_max;
    if (!cs_plot_view_usable(x0, x1)) {
        x0 = 21;
        x1 = 25;
    }
    if (!cs_plot_view_usable(y0, y1)) {
        y0 = 0;
        y1 = 1;
    }
#define PX(z) (ml + ((z) - x0) / (x1 - x0) * pw)
#define PY(y) (mt + (y1 - (y)) / (y1 - y0) * ph)
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                  "font-family=\"sans-serif\" font-size=\"11\">\n",
              width, height, width, height);
    fprintf(f, "<title>");
    xml_text(f, title);
    fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"%g\" y=\"18\" font-size=\"13\">", ml);
    xml_text(f, title);
    fprintf(f, "</text>\n<defs><clipPath id=\"area\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></clipPath></defs>\n",
              ml, mt, pw, ph);
    fprintf(f, "<g stroke=\"#888\" fill=\"none\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></g>\n", ml, mt, pw, ph);
    /* Ticks by the text plot's rules (ticks.h): decades, or steps inside a
     * decade when zoomed in; 0, .25 .. 1 or a finer step on y. About one x
     * label per 80 pixels and one y label per 30, so they do not collide. */
    cs_tick ticks[64];
    int max_x = (int)(pw / 80), max_y = (int)(ph / 30);
    size_t nt = cs_ticks_x(x0, x1, max_x > 2 ? max_x : 2, 1, ticks, 64);
    for (size_t i = 0; i < nt; i++) {
        fprintf(f, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#888\"/>"
                      "<text class=\"xtick\" x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">",
                  PX(ticks[i].v), mt + ph, PX(ticks[i].v), mt + ph + 5, PX(ticks[i].v), mt + ph + 18);
        xml_text(f, ticks[i].label);
        fprintf(f, "</text>\n");
    }
    nt = cs_ticks_y(y0, y1, max_y > 3 ? max_y : 3, ticks, 64);
    for (size_t i = 0; i < nt; i++) {
        fprintf(f, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#888\"/>"
                      "<text class=\"ytick\" x=\"%g\" y=\"%.2f\" text-anchor=\"end\">",
                  ml - 5, PY(ticks[i].v), ml, PY(ticks[i].v), ml - 8, PY(ticks[i].v) + 4);
        xml_text(f, ticks[i].label);
        fprintf(f, "</text>\n");
    }
    fprintf(f, "<text x=\"%g\" y=\"%d\" text-anchor=\"middle\">pretraining compute (FLOPs)</text>\n", ml + pw / 2,
              height - 8);
    fprintf(f, "<text transform=\"translate(14,%g) rotate(-90)\" text-anchor=\"middle\">accuracy</text>\n", mt + ph / 2);
    fprintf(f, "<g clip-path=\"url(#area)\">\n");
    /* The band under the points: today's lighter, the one after the
     * suggestions are scored denser, each cut to accuracy [0, 1] as on
     * screen. Without suggestions to add (capscope plot --band) the two
     * are one, today's alone, as cs_plot_shade_band draws it: a second
     * polygon on the first doubled its shade and was named band-after. */
    for (int after = 0; band && after <= (band->band->n_added > 0); after++) {
        fprintf(f, "<polygon class=\"%s\" fill=\"%s\" fill-opacity=\"%s\" stroke=\"none\" points=\"",
                  after ? "band-after" : "band", svg_color(CS_STYLE_BAND), after ? "0.30" : "0.15");
        for (int side = 0; side <= 1; side++)
            for (int i = 0; i <= 200; i++) {
                double z = side ? x1 - (x1 - x0) * i / 200.0 : x0 + (x1 - x0) * i / 200.0;
                double q = cs_fit_predict(band->fit, z), h = CS_BAND_Z * cs_band_sd(band->band, after, z);
                double y = side ? q - h : q + h;
                y = y < 0 ? 0 : y > 1 ? 1 : y;
                if (isfinite(y))
                    fprintf(f, "%.2f,%.2f ", PX(z), PY(y));
            }
        fprintf(f, "\"/>\n");
    }
    /* Points are binned into 2-pixel cells so a million rows stay a small
     * file; the opacity of a cell grows with its count (density). */
    int gw = (int)(pw / 2) + 1, gh = (int)(ph / 2) + 1;
    unsigned *bins = calloc((size_t)gw * (size_t)gh, sizeof *bins);
    if (!bins)
        failed = 1;
    for (size_t s = 0; bins && s < spec->n_series; s++) {
        const cs_plot_series *se = &spec->series[s];
        memset(bins, 0, (size_t)gw * (size_t)gh * sizeof *bins);
        for (size_t i = 0; i < se->n; i++) {
            /* In the view, as in the text plot (plot.h): the last bins
             * reach past the area's edge, and a point there showed a
             * sliver of its circle inside the clip. Also drops NaN. */
            double z = se->z[i], y = se->y[i];
            if (!(z >= x0 && z <= x1 && y >= y0 && y <= y1))
                continue;
            double px = (PX(z) - ml) / 2, py = (PY(y) - mt) / 2;
            if (px < gw && py < gh)
                bins[(size_t)py * (size_t)gw + (size_t)px]++;
        }
        fprintf(f, "<g fill=\"%s\">\n", svg_color(se->style));
        for (int gy = 0; gy < gh; gy++)
            for (int gx = 0; gx < gw; gx++) {
                unsigned c = bins[(size_t)gy * (size_t)gw + (size_t)gx];
                if (c)
                    fprintf(f, "<circle cx=\"%d\" cy=\"%d\" r=\"2\" fill-opacity=\"%.2f\"/>\n", (int)ml + 2 * gx + 1,
                              (int)mt + 2 * gy + 1, c >= 8 ? 1.0 : 0.35 + 0.65 * (c - 1) / 7.0);
            }
        fprintf(f, "</g>\n");
    }
    free(bins);
    for (size_t k = 0; k < spec->n_curves; k++) {
        const cs_plot_curve *cv = &spec->curves[k];
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"", svg_color(cv->style),
                  cv->style == CS_STYLE_CURVE ? "2" : "1.5");
        for (int i = 0; i <= 200; i++) {
            double z = x0 + (x1 - x0) * i / 200.0;
            fprintf(f, "%.2f,%.2f ", PX(z), PY(cs_plot_q(&cv->p, cv->z_lo, cv->z_hi, z)));
        }
        fprintf(f, "\"/>\n");
        /* The name where the curve leaves the view on the right, as on the
         * screen: at its rightmost point inside the view (at x_max it was
         * clipped away whenever a zoomed y view cut the curve), none when
         * no point is inside. */
        int at = 200;
        double q = NAN;
        for (; at >= 0; at--) {
            q = cs_plot_q(&cv->p, cv->z_lo, cv->z_hi, x0 + (x1 - x0) * at / 200.0);
            if (q >= y0 && q <= y1)
                break;
        }
        if (cv->label && at >= 0) {
            fprintf(f, "<text class=\"curve\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" fill=\"%s\">",
                      PX(x0 + (x1 - x0) * at / 200.0) - 2, PY(q) - 4, svg_color(cv->style));
            xml_text(f, cv->label);
            fprintf(f, "</text>\n");
        }
    }
    if (spec->cursor_set)
        fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"5\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n",
                  PX(spec->cursor_z), PY(spec->cursor_y));
    fprintf(f, "</g>\n");
    /* The suggestions on the bottom edge, over everything, the best drawn
     * last (on top, and its title the one a pointer finds); their ranks
     * where no better rank's label is near (the labels of picks sharing a
     * compute, or nearly, would stack into an unreadable blot). */
    for (size_t i = n; i-- > 0;) {
        double z = picks[i].z, px = PX(z), py = mt + ph;
        if (z >= x0 && z <= x1)
            fprintf(f, "<polygon class=\"pick\" fill=\"%s\" stroke=\"black\" stroke-width=\"0.5\" "
                       "points=\"%.2f,%.2f %.2f,%.2f %.2f,%.2f\"><title>suggestion %zu</title></polygon>\n",
                      svg_color(CS_STYLE_SUGGESTED), px - 4, py, px + 4, py, px, py - 7, picks[i].rank);
    }
    /* Every label is kept to compare with: a list of 16 left ranks 17 to 20
     * of the default 20 unlabelled wherever they were. */
    double *labelled = n ? malloc(n * sizeof *labelled) : NULL;
    size_t n_labelled = 0;
    if (n && !labelled)
        failed = 1;
    for (size_t i = 0; labelled && i < n; i++) {
        double z = picks[i].z, px = PX(z);
        int near = !(z >= x0 && z <= x1);
        for (size_t k = 0; k < n_labelled && !near; k++)
            near = fabs(labelled[k] - px) < 10;
        if (near)
            continue;
        labelled[n_labelled++] = px;
        fprintf(f, "<text class=\"pick-rank\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\" font-size=\"9\">%zu</text>\n",
                  px, mt + ph - 9, picks[i].rank);
    }
    free(labelled);
    fprintf(f, "</svg>\n");
#undef PX
#undef PY
    char *doc = cs_memfile_close(f, &mem, NULL);
    if (failed) {
        free(doc);
        return NULL;
    }
    return doc;
}
