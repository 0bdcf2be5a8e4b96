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
 *
 * cs_parse_count reads a count (digits alone) for both faces, and
 * cs_count_why says why one is refused, in the one set of words;
 * cs_fraction_hint says how to write a fraction given as 20% or 0,5.
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

/* A count: a whole number written in decimal digits alone, blanks around it
 * allowed as around any number, and a '-' before the digits only where the
 * range holds negatives (lo < 0). No '+', point, exponent or other digits:
 * "20", not "2e1", "20.0", "+20" or "٢٠". Both faces read every count
 * through it (the CLI's --count, --split, ...; the TUI's picks, from :set
 * and the config's tui: mapping; :scrub's steps), so they take and refuse
 * the same texts, and say the same of each (cs_count_why).
 *
 * A refused text is judged as the decimal number it is, when it is one, and
 * exactly (never through a double): a whole number outside [lo, hi] is
 * below or above what it takes, however it is written and however many
 * digits it has (99999999999999999999, 1e400: above), which the user can
 * act on; one inside, written otherwise ("2.0", "1e3", "+5"), is refused
 * for its form. A count is never a double, so 1e400 is not refused as more
 * than a double holds (number.h's rule for values that are doubles) but as
 * more than the count takes. */
typedef enum cs_count_status {
    CS_COUNT_OK = 0,
    CS_COUNT_NOT_WHOLE, /* no whole number: "", "x", "0x10", "2.5", "1e-400", "٣" */
    CS_COUNT_FORM,      /* a whole number in [lo, hi] written otherwise: "2.0", "1e3", "+5" */
    CS_COUNT_LOW,       /* a whole number below lo: "0" of 1 to 10, "-1", "-1e400" */
    CS_COUNT_HIGH,      /* a whole number above hi: "11" of 1 to 10, "1e400" */
} cs_count_status;

/* Parse the whole of s as a count in [lo, hi] (lo <= hi). *out is set only
 * on CS_COUNT_OK. */
cs_count_status cs_parse_count(const char *s, long long lo, long long hi, long long *out);

/* What to say of a refused count, after "'TEXT' is ": "not a whole number
 * from 1 to 10000", "not in digits alone (a whole number from 1 to
 * 10000)", "less than it takes (at least 1)", "more than it takes (at
 * most 10000)"; "" for CS_COUNT_OK. Returns buf. */
char *cs_count_why(cs_count_status st, long long lo, long long hi, char *buf, size_t size);

#define CS_NUMBER_TEXT 32 /* room for any result and its NUL */

/* Returns buf. */
char *cs_number_text(double value, char buf[CS_NUMBER_TEXT]);

#define CS_COUNT_TEXT 32 /* room for any size_t grouped, and its NUL */

/* n with its thousands grouped by commas, whatever the locale: "412,000".
 * Both faces count rows read so while a file loads. Returns buf. */
char *cs_count_text(size_t n, char buf[CS_COUNT_TEXT]);

#define CS_POW10_TEXT 64 /* room for any result of cs_pow10_text and its NUL */
#define CS_POW10_BEYOND 300 /* from this e on, cs_pow10_text writes what no double holds */

/* 10^e as text to `digits` significant digits (1-17), as %g writes it
 * ("5.51e+22"), also where 10^e is beyond a double ("5.87e+339", e >= 300:
 * the compute a sigmoid needs for an accuracy close to its ceiling). Both
 * faces say required compute so. Returns buf; e not finite or from 1e15
 * on (no fraction of it left to write): "inf" or "0". */
char *cs_pow10_text(double e, int digits, char buf[CS_POW10_TEXT]);

/* The fewest decimals, from least to most, at which value and other are
 * written apart by %.*f; least when they are equal, most when none is
 * enough. A ceiling of 0.846247 beside an accuracy of 0.8462 is written
 * 0.84625: at 4 decimals both read 0.8462, a reachable accuracy "at" its
 * ceiling. */
int cs_decimals_apart(double value, double other, int least, int most);

/* What to append to the refusal of a fraction that was written as a
 * percentage or with a decimal comma, or "": "; give a fraction: 0.2" for
 * "20%", "; give fractions: 0.05,0.1" for a list ("5%,10%"; list: the
 * value is a comma-separated list of fractions), "; use a point: 0.5" for
 * "0,5" (outside a list, where a comma separates items). N% is N/100 in
 * its shortest text (cs_number_text), only for N a number a double holds
 * in [0, 100]; so is a number N in [2, 100] written without the sign (70
 * where a fraction is taken is most likely 70%: "; give a fraction: 0.7",
 * and "5,10" as a list gives 0.05,0.1; 1.5 may as well be a slip, and gets
 * none); a decimal comma is digits, one
 * comma, digits, blanks around either. The text is refused all the same: the
 * grammar is a fraction (contract.md), and 0,5 is a list elsewhere. Both
 * faces append it (the CLI's --budget, --accuracy, --tau, ...; the TUI's
 * :budget, :tau, :require and :score, and :set and the config's tui:
 * mapping). flags: CS_HINT_LIST, CS_HINT_OPEN (tau and the quantile
 * levels, where "100" would be hinted to 1, refused in turn). The hint is
 * cut to size, never past buf. Returns buf. */
#define CS_HINT_LIST 1 /* arg is a comma-separated list of fractions */
#define CS_HINT_OPEN 2 /* the value is strictly inside (0, 1): no hint of 0 or 1 */
const char *cs_fraction_hint(const char *arg, int flags, char *buf, size_t size);

/* What to append to the refusal of a compute written as a power of ten, as
 * prose writes it, or "": "; write 1e24" for "10^24" or "10**24", "; write
 * 3e23" for "3x10^23", "3 * 10^23" or 3, U+00D7 and 10^23 (a mantissa of
 * digits with at most one point, then x, X, * or the multiplication sign,
 * blanks around it). The text is refused all the same: the grammar is the
 * number's. Both faces append it (the CLI's --flops, the TUI's :predict and
 * reference_flops). Cut to size, never past buf. Returns buf. */
const char *cs_flops_hint(const char *arg, char *buf, size_t size);

/* Whether s is a percentage written with its sign, as a spreadsheet exports
 * one: blanks, a percent sign (%, U+FF05 fullwidth, U+066A Arabic, U+FE6A
 * small) before or after a decimal number, never inside it ("4%5", ".%5";
 * blanks may part the number from a sign after it: "45 %"), blanks. The
 * number's digits are of one script, ASCII or another's decimal digits
 * (Arabic-Indic, Persian, Devanagari, fullwidth, ...: "٤٥٪"), with a point
 * (or U+066B, the Arabic decimal separator) and no sign or exponent. 1 with
 * the number (45 for "45%") in *percent, or 0. Such text is no number to
 * cs_parse_number: the loader says why a column of them is not a task. */
int cs_percent_sign_value(const char *s, double *percent);

#endif
