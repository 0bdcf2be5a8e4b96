/* legend.h - the line under a plot that says what its marks mean.
 *
 * The models' marks (in ascii the density key ". 1 o 2-3 O 4-7 @ 8+", else
 * a sample of dots) and a sample of the boundary with its tau, in the
 * marks' own styles, on a canvas of one row: `capscope plot` prints it
 * under the plot, the interface's text export writes it under its plot.
 * The longest of three forms that fits the width is drawn, never one cut
 * off in mid-word.
 */
#ifndef CAPSCOPE_LEGEND_H
#define CAPSCOPE_LEGEND_H

#include "capscope/canvas.h"

/* Whether a plot of width x height (the legend's row included) can spare a
 * row for it: at least 5 rows, so that the plot above keeps its title, a
 * row of points, the axis and its labels, and the width of its shortest
 * form. */
int cs_plot_legend_fits(int width, int height, cs_charset cs, double tau);

/* Draw the legend on lg's first row and finish the canvas. colour: the
 * output shows colour, where crowded cells are bold (cs_canvas_print), which
 * the legend then says. */
void cs_plot_legend_draw(cs_canvas *lg, double tau, int colour);

#endif
