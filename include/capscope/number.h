/* number.h - a double as text and back, exactly.
 *
 * cs_parse_number reads the decimal numbers of a data file and of the
 * command line alike: [+-]digits[.digits][e[+-]digits], blanks around it
 * allowed, whatever the locale; nan, inf and hexadecimal are refused.
 *
 * cs_number_text writes the fewest significant digits (at most 17) that
 * read back as the same double, with a whole part of up to 17 digits
 * written out ("50", not "5e+01"). Every number capscope writes for a
 * program to read (JSON, CSV, exports) goes through it, so that what holds
 * exactly in a fit (y0 + L = 1, z_star at the least compute) holds in what
 * is read back. -0 is written as 0. Infinities and NaN are written as %g
 * would; callers print them as null or empty first. Numbers use '.', as in
 * the C numeric locale, which capscope never changes.
 */
#ifndef CAPSCOPE_NUMBER_H
#define CAPSCOPE_NUMBER_H

#include <stddef.h>

typedef enum cs_num_status {
    CS_NUM_OK = 0,
    CS_NUM_EMPTY,        /* "" : a missing value */
    CS_NUM_SYNTAX,       /* not a decimal number (nan, inf, 0x10, 1e22x, ...) */
    CS_NUM_RANGE,        /* a decimal number too large for a double */
} cs_num_status;

/* Parse the whole of s, independent of the locale. */
cs_num_status cs_parse_number(const char *s, double *out);

/* Which way a decimal number lies outside what a double holds, whatever
 * its sign. The one rule by which both faces refuse such a number as that,
 * not by the value's own range ("must be positive", "in (0, 1)"), which
 * would send the user looking for a sign or a misplaced point. */
typedef enum cs_num_beyond {
    CS_NUM_HELD = 0, /* a double holds it, or it is no number at all */
    CS_NUM_HUGE,     /* 1e400, -1e400: cs_parse_number says CS_NUM_RANGE */
    CS_NUM_TINY,     /* 1e-400, -1e-400: written nonzero (a digit other than
                      * 0 before any exponent), read as 0 or -0 */
} cs_num_beyond;

cs_num_beyond cs_number_beyond(const char *s);

/* What to say of a number beyond a double, after "'1e400' is ": "more
 * than a double holds (at most 1.79e308 FLOPs)" or "nearer 0 than a double
 * holds (the least is 4.9e-324 FLOPs)", unit (" FLOPs", or "") after the
 * bound; "" for CS_NUM_HELD. Returns buf. */
char *cs_number_beyond_text(cs_num_beyond b, const char *unit, char *buf, size_t size);

/* The refusal of s when it is written positive and no double holds it
 * (cs_number_beyond_text's words, into buf), else NULL. Every value these
 * refusals serve takes nothing below 0, so a number written negative is
 * left to the caller's own range ("must be positive"): its sign is what is
 * wrong with it. */
const char *cs_number_beyond_why(const char *s, const char *unit, char *buf, size_t size);

/* cs_parse_number that also refuses a number no double holds, whatever its
 * sign: 1e-400 and -1e-400 would be taken as 0 and -0 by a range that takes
 * 0. 0, or -1 with *out unchanged. */
int cs_parse_number_held(const char *s, double *out);

#define CS_NUMBER_TEXT 32 /* room for any result and its NUL */

/* Returns buf. */
char *cs_number_text(double value, char buf[CS_NUMBER_TEXT]);

#endif
