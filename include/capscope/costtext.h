/* costtext.h - how both faces write the figures of a budget for people: the
 * sampler pane's title (budget, used, left, spent) and cost column, and the
 * header of suggest's table (budget, used, pool_cost).
 *
 * One rule for a header's figures. Decimals: as many as give the budget
 * three significant digits (none from 100 on, at most CS_COST_DEC_MAX), the
 * same for every figure, so that they line up and add up by hand ("%.4g"
 * wrote "used 52" beside "budget 52.2"; "%.1f" wrote a budget of 0.05 as
 * "0.1" beside "used 0.0"). More when the picks' costs need them to be
 * written exactly (14, 0.56 and 0.27: two), or, when a cost needs more than
 * CS_COST_DEC_MAX (1/3), enough for the cheapest pick's first digit, so
 * that it does not read as free; with a cost column, only as many as let
 * the dearest still fit it. Without a budget (a count alone) the picks'
 * costs decide. Notation: powers of ten ("5.2e+07") for every figure of a
 * header when one of them is 1e6 or more, or the largest is not 0 and under
 * 1e-4 (five decimals would give it one significant digit or none), else
 * fixed: a header never mixes "budget 1.2e+06" with "used 999500".
 *
 * Programs read cs_number_text instead (contract.md): JSON and CSV never
 * go through this.
 */
#ifndef CAPSCOPE_COSTTEXT_H
#define CAPSCOPE_COSTTEXT_H

#include <stddef.h>

#include "capscope/design.h"

#define CS_COST_DEC_MAX 5
#define CS_COST_POWERS_FROM 1e6
#define CS_COST_POWERS_BELOW 1e-4

/* Decimals that give v `significant` significant digits, in [0,
 * CS_COST_DEC_MAX]; 0 for v not finite or <= 0. */
int cs_cost_decimals_for(double v, int significant);

/* The decimals of d's figures by the rule above; column: the width of a
 * cost column the picks' costs must fit ("dddd.dd" with its blank before
 * it), or 0 for none. */
int cs_cost_decimals(const cs_design_result *d, int column);

/* 1 when a header of these n figures is written in powers of ten: the
 * largest in magnitude (of the finite ones) is CS_COST_POWERS_FROM or
 * more, or not 0 and under CS_COST_POWERS_BELOW. */
int cs_cost_powers(const double *figures, size_t n);

/* v in dec decimals, or in powers of ten (two significant digits) when
 * powers is set, v is not finite, or v is not 0 and would read 0 in dec
 * decimals (a cost never reads as free). Returns buf. */
const char *cs_cost_text(double v, int dec, int powers, char *buf, size_t size);

/* The printf format cs_cost_text writes with ("%.2f", "%.1e"), for a
 * table that takes a format (the CLI's cli_out_num). Returns buf. */
const char *cs_cost_format(int dec, int powers, char *buf, size_t size);

#endif
