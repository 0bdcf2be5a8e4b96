/* svg.h - a plot as an SVG document: what cs_plot_draw puts on a canvas,
 * drawn in pixels for a file (the TUI's `:export FILE.svg`).
 *
 * The same description as the text plot (plot.h: cs_plot_spec), so that
 * the two exports show one view: the view's range as given (it is not
 * fitted to the data here: an unset x range is [21, 25], an unset y range
 * [0, 1]), the title (NULL: empty), the series, the curves with their
 * labels, and the cursor. spec->bands are not drawn: the
 * shaded band is the boundary's pointwise band (band.h), given apart, as a
 * filled polygon q +- CS_BAND_Z sd cut to accuracy [0, 1], today's lighter
 * than the one after the suggestions are scored.
 *
 * The document: a white page of width x height pixels, the plot area inside
 * margins of 56 (left), 16, 28 (top) and 44 pixels; ticks by the text plot's
 * rules (decades on x, 0 .. 1 on y, finer when zoomed), about one x label
 * per 80 pixels and one y label per 30; the points in the view (on its
 * edges too) binned into 2-pixel cells, a cell's opacity growing with its
 * count (a million rows stay a small file);
 * curves as 201-point polylines over the view, flat outside [z_lo, z_hi]
 * (unclamped when that range is empty, as in the text plot).
 * Text is XML 1.0 whatever a name holds: markup escaped, a line break or tab
 * a space, other control characters, U+FFFE, U+FFFF and malformed UTF-8
 * U+FFFD. Coordinates are printed with at most two decimals, so the bytes
 * are the same for the same description. No curses, no printing.
 */
#ifndef CAPSCOPE_SVG_H
#define CAPSCOPE_SVG_H

#include "capscope/band.h"
#include "capscope/fit.h"
#include "capscope/plot.h"

/* The band around a fitted boundary: fit gives q(z), band its sd. */
typedef struct cs_svg_band {
    const cs_fit *fit;
    const cs_band *band;
} cs_svg_band;

/* The least size of a document: its margins (56 + 16 by 28 + 44 pixels)
 * and one pixel of plot. */
#define CS_SVG_MIN_WIDTH 73
#define CS_SVG_MIN_HEIGHT 73

/* The plot as an SVG document (caller frees); band NULL: none. A width or
 * height below the least is taken as the least. NULL when out of memory. */
char *cs_svg_plot(const cs_plot_spec *spec, const cs_svg_band *band, int width, int height);

/* A suggestion to mark at its compute (the sampler's: most have no point
 * in the plot, being unscored), and its rank, 1 the first. */
typedef struct cs_svg_pick {
    double z;
    size_t rank;
} cs_svg_pick;

/* cs_svg_plot, and the n picks (in rank order) in the view marked on the
 * bottom edge of the plot area: a triangle each (class "pick") at its
 * compute, and above it its rank, unless a better one's label stands within
 * 10 pixels (the text plot's rule for its 'next' row, in pixels). */
char *cs_svg_plot_picks(const cs_plot_spec *spec, const cs_svg_band *band, const cs_svg_pick *picks, size_t n,
                        int width, int height);

#endif
