/* ticks.h - where the axes of a plot get their ticks, and what the labels say.
 * Internal to the renderer: plot.c lays them out, tests check them. */
#ifndef CAPSCOPE_RENDER_TICKS_H
#define CAPSCOPE_RENDER_TICKS_H

#include <stddef.h>

typedef struct cs_tick {
    double v;           /* position in data units */
    char label[32];     /* UTF-8 */
    int width;          /* label width in columns */
} cs_tick;

/* Accuracy ticks in [lo, hi]: multiples of 0.25 when that gives 3 to
 * max_ticks of them, else the nearest 1-2.5-5 step that does. Labels
 * "0", "0.25", "0.5", "0.75", "1". Returns the count (<= cap). */
size_t cs_ticks_y(double lo, double hi, int max_ticks, cs_tick *out, size_t cap);

/* Compute ticks in [lo, hi] (log10 FLOPs): integer decades, every 2nd, 5th,
 * 10th ... decade when there are more than max_ticks of them, and 2x and 5x
 * (then 1x..9x) inside a decade when fewer than 2 decades are in view, and
 * nice steps of the FLOPs (1, 2, 5 x 10^k: "3.164e22") when even 1x..9x
 * give fewer than 2 (a deep zoom) or are too crowded. At most max_ticks
 * ticks, none closer than (hi - lo) / (max_ticks + 1), as evenly spaced
 * ticks would be: 1x..9x are not even. Labels "1e22" / "2e22", or with
 * unicode "10²²" / "2×10²²". */
size_t cs_ticks_x(double lo, double hi, int max_ticks, int unicode, cs_tick *out, size_t cap);

#endif
