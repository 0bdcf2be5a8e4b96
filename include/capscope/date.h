/* date.h - calendar dates as day numbers.
 *
 * A day number counts days since 1970-01-01 (negative before it) in the
 * proleptic Gregorian calendar, with no time zone, no time_t and no libc
 * state: a date is the same number on every machine. The dataset stores
 * dates this way (cs_dataset.date); code that needs the calendar itself
 * (month arithmetic for rolling windows, fixed period boundaries, the demo
 * generator) converts with cs_days_from_civil / cs_civil_from_days instead
 * of carrying its own copy of the arithmetic.
 */
#ifndef CAPSCOPE_DATE_H
#define CAPSCOPE_DATE_H

#include <stddef.h>
#include <stdint.h>

#define CS_NO_DATE INT32_MIN  /* a dataset row without a date */

/* ISO YYYY-MM-DD <-> day number.
 * cs_parse_date returns 0 and sets *day, or -1 for anything else (2024-13-45,
 * 2023-02-29, trailing text). cs_format_date writes "YYYY-MM-DD" (buf >= 11),
 * an empty string for CS_NO_DATE, and a signed year outside years 0..9999. */
int cs_parse_date(const char *s, int32_t *day);
char *cs_format_date(int32_t day, char *buf, size_t size);

/* What a text that cs_parse_date refuses most likely meant, for both
 * faces' refusals to add after "(YYYY-MM-DD; ": a month alone (2024-03)
 * as "a month as its first day: 2024-03-01" (none for 2024-13, whose first
 * day is no date), a date with a time
 * (2024-01-05T10:00:00, 2024-01-05 10:00) as "a date without the time:
 * 2024-01-05". A date is a day (the contract), so a time is refused rather
 * than dropped unseen: the user decides which day a time zone makes it.
 * A date of the right shape that the calendar has not says which part is
 * wrong: "there is no month 13", "days count from 01", "2023-02 has 28
 * days". A date in another common form says the date it is: "that is
 * 2024-03-15" for 2024/03/15, 2024-3-15, 20240315, 03/15/2024,
 * 15/03/2024, 15.03.2024 (dots: day first), Mar 15, 2024 or 15-Mar-2024;
 * a month and a day that could be either give both ("2024-03-04 as
 * month/day/year, 2024-04-03 as day/month/year"), and a month alone
 * written otherwise (Mar 2024, 03/2024) its first day. Only four-digit
 * years and English month names; "" when none applies. At most 63 bytes.
 * Returns buf. */
char *cs_date_hint(const char *s, char *buf, size_t size);

/* Day number of year y, month m (1..12), day d. The day is not checked
 * against the month's length: d counts on from the 1st (d = 0 is the day
 * before it), so callers validate dates themselves (cs_parse_date does).
 * Exact integer arithmetic for |y| < 2^40; m outside 1..12 is undefined. */
int64_t cs_days_from_civil(int64_t y, int m, int d);

/* The inverse: year, month (1..12) and day of month (1..31) of day number
 * `day`, exact for |day| < 2^48. */
void cs_civil_from_days(int64_t day, int64_t *y, int *m, int *d);

#endif
