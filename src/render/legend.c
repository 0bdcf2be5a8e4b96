/* legend.c - the line under a plot that says what its marks mean; see legend.h. */
#include "capscope/legend.h"

#include <stdio.h>
#include <string.h>

#include "capscope/number.h"

/* The legend's shortest form: the curve's sample (2 columns in ascii, else
 * 3), a space and "tau T". */
static int legend_least_width(cs_charset cs, double tau)
{
    char brief[64], t[CS_NUMBER_TEXT];
    snprintf(brief, sizeof brief, "tau %s", cs_number_text(tau, t));
    return (cs == CS_CHARSET_ASCII ? 2 : 3) + 1 + (int)strlen(brief);
}

/* The legend's line, when the plot can spare it: at least 5 lines, so that
 * the plot above keeps its title, a row of points, the axis and its labels
 * (plot.h draws no title on fewer than 4), and the width of its shortest
 * form. Cut at the edge, its sample of the curve read as part of the plot
 * (5x4 showed the axis labels, then a stroke and "t"). */
int cs_plot_legend_fits(int width, int height, cs_charset cs, double tau)
{
    return height >= 5 && width >= legend_least_width(cs, tau);
}

/* One line under the plot: what the marks mean, in the marks' own styles.
 * The longest of three forms that fits the width, so a narrow plot gets a
 * shorter legend rather than one cut off in mid-word. Crowded cells are
 * bold only in colour (cs_canvas_print), so only then does it say so. */
void cs_plot_legend_draw(cs_canvas *lg, double tau, int colour)
{
    char boundary[64], brief[64], t[CS_NUMBER_TEXT];
    snprintf(boundary, sizeof boundary, "boundary (tau %s)", cs_number_text(tau, t));
    snprintf(brief, sizeof brief, "tau %s", t);
    cs_charset cs = cs_canvas_charset(lg);
    int ascii = cs == CS_CHARSET_ASCII, width = cs_canvas_cols(lg);
    static const struct { char mark; const char *what; } marks[] = {
        { '.', "1" }, { 'o', "2-3" }, { 'O', "4-7" }, { '@', "8+" },
    };
    /* Widths: the density key ". 1 o 2-3 O 4-7 @ 8+" is 20 columns; the
     * curve's sample is 2 (ascii) or 3 columns, then a space. */
    const char *models = colour ? "models (bold: 8+ in a cell)" : "models";
    int curve_w = ascii ? 2 : 3;
    int full_points = ascii ? 17 + 20 : 2 + (int)strlen(models), short_points = ascii ? 20 : 1 + 7;
    int form;   /* 0 full, 1 short, 2 the curve only */
    if (full_points + 2 + curve_w + 1 + (int)strlen(boundary) <= width)
        form = 0;
    else if (short_points + 2 + curve_w + 1 + (int)strlen(boundary) <= width)
        form = 1;
    else
        form = 2;
    int col = 0;
    if (form < 2 && ascii) {
        if (form == 0) {
            cs_canvas_text(lg, col, 0, "models per cell:", CS_STYLE_LABEL);
            col += 17;
        }
        for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
            cs_canvas_put(lg, col, 0, (uint32_t)marks[i].mark, CS_STYLE_POINT);
            cs_canvas_text(lg, col + 2, 0, marks[i].what, CS_STYLE_LABEL);
            col += 3 + (int)strlen(marks[i].what);
        }
        col += 1;
    } else if (form < 2) {
        /* Sample glyphs: a few dots. */
        cs_canvas_put(lg, col, 0, cs == CS_CHARSET_BRAILLE ? 0x2836 : 0x259A, CS_STYLE_POINT);
        cs_canvas_text(lg, col + 2, 0, form == 0 ? models : "models", CS_STYLE_LABEL);
        col += (form == 0 ? full_points : short_points) + 2;
    }
    if (ascii) {
        cs_canvas_text(lg, col, 0, "-/", CS_STYLE_CURVE);
    } else {
        /* A short rising stroke. */
        cs_canvas_put(lg, col, 0, cs == CS_CHARSET_BRAILLE ? 0x28C0 : 0x2584, CS_STYLE_CURVE);
        cs_canvas_put(lg, col + 1, 0, cs == CS_CHARSET_BRAILLE ? 0x2814 : 0x259E, CS_STYLE_CURVE);
        cs_canvas_put(lg, col + 2, 0, cs == CS_CHARSET_BRAILLE ? 0x2809 : 0x2580, CS_STYLE_CURVE);
    }
    cs_canvas_text(lg, col + curve_w + 1, 0, form == 2 ? brief : boundary, CS_STYLE_LABEL);
    cs_canvas_finish(lg);
}
