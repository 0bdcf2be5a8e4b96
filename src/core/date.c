/* date.c - ISO dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian calendar).
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days:
 * exact integer arithmetic over 400-year eras, no time zones, no time_t and
 * no libc state, so a date means the same day on every machine.
 */
#include "capscope/date.h"
#include "capscope/dataset.h" /* cs_ascii_ncasecmp */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int64_t cs_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                  /* [0, 399] */
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void cs_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Whether the calendar has year y's month m, day d. */
static int valid_ymd(int y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int cs_parse_date(const char *s, int32_t *day)
{
    int y, m, d;
    if (!s || digits(s, 4, &y) != 0 || s[4] != '-' || digits(s + 5, 2, &m) != 0 ||
        s[7] != '-' || digits(s + 8, 2, &d) != 0 || s[10] != '\0')
        return -1;
    if (!valid_ymd(y, m, d))
        return -1;
    *day = (int32_t)cs_days_from_civil(y, m, d);
    return 0;
}

char *cs_format_date(int32_t day, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (day == CS_NO_DATE) {
        buf[0] = '\0';
        return buf;
    }
    int64_t y;
    int m, d;
    cs_civil_from_days(day, &y, &m, &d);
    if (y >= 0 && y <= 9999)
        snprintf(buf, size, "%04lld-%02d-%02d", (long long)y, m, d);
    else
        snprintf(buf, size, "%+lld-%02d-%02d", (long long)y, m, d); /* ISO 8601 expanded years */
    return buf;
}

/* 1..12 for an English month's name or its first three letters (Sept
 * too), in any case; 0 for any other word. */
static int month_of_name(const char *w, size_t n)
{
    static const char *const names[] = { "january", "february", "march",     "april",   "may",      "june",
                                         "july",    "august",   "september", "october", "november", "december" };
    for (int m = 0; m < 12; m++) {
        size_t len = strlen(names[m]);
        if ((n == 3 || n == len) && cs_ascii_ncasecmp(w, names[m], n) == 0)
            return m + 1;
    }
    return n == 4 && cs_ascii_ncasecmp(w, "sept", 4) == 0 ? 9 : 0;
}

/* A date as spreadsheets and leaderboards write it: up to three parts,
 * numbers (at most 4 digits) or a month's name, parted by blanks, commas,
 * '/', '.' or '-'. The separator between numbers ('/', '.' or '-'; 0 for
 * none) goes to *sep. The count of parts, or 0 for any other text. */
typedef struct date_part {
    int value; /* the number, or the month of a name */
    int digits; /* 0 for a name */
} date_part;

static int date_parts(const char *s, date_part part[3], char *sep)
{
    int n = 0;
    *sep = 0;
    while (*s) {
        size_t gap = strspn(s, " ,./-");
        for (size_t i = 0; i < gap; i++)
            if (s[i] == '/' || s[i] == '.' || s[i] == '-')
                *sep = *sep ? *sep : s[i];
        s += gap;
        if (!*s)
            break;
        size_t nd = strspn(s, "0123456789");
        size_t nl = 0;
        while ((s[nl] >= 'a' && s[nl] <= 'z') || (s[nl] >= 'A' && s[nl] <= 'Z'))
            nl++;
        if (n == 3 || (nd == 0 && nl == 0) || nd > 4)
            return 0;
        if (nd) {
            digits(s, (int)nd, &part[n].value);
            part[n].digits = (int)nd;
            s += nd;
        } else {
            if (!(part[n].value = month_of_name(s, nl)))
                return 0;
            part[n].digits = 0;
            s += nl;
        }
        n++;
    }
    return n;
}

/* "YYYY-MM-DD" of y, m, d into day (11 bytes), when the calendar has it. */
static int iso_of(int y, int m, int d, char day[11])
{
    if (y < 1000 || y > 9999 || !valid_ymd(y, m, d))
        return -1;
    snprintf(day, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
    return 0;
}

/* The hint for a date written in another common form: year, month and
 * day in another order, separator or width (2024/03/15, 3/15/2024,
 * 15.03.2024, Mar 15 2024, 20240315), or a month alone (Mar 2024,
 * 03/2024). Both orders when the month and the day could be either. */
static int other_form_hint(const char *s, char *buf, size_t size)
{
    date_part p[3];
    char sep, a[11], b[11];
    int n = date_parts(s, p, &sep);
    int y = -1, m = -1, d = -1;
    if (n == 2) {
        /* A month and a year, in either order: Mar 2024, 2024 Mar, 03/2024. */
        int yi = p[0].digits == 4 ? 0 : p[1].digits == 4 ? 1 : -1;
        if (yi < 0 || (p[1 - yi].digits != 0 && p[1 - yi].digits > 2))
            return 0;
        if (iso_of(p[yi].value, p[1 - yi].value, 1, a) != 0)
            return 0;
        snprintf(buf, size, "a month as its first day: %s", a);
        return 1;
    } else if (n == 3) {
        int names = (p[0].digits == 0) + (p[1].digits == 0) + (p[2].digits == 0);
        if (names == 1 && p[2].digits == 4 && p[0].digits == 0 && p[1].digits <= 2) {
            y = p[2].value, m = p[0].value, d = p[1].value; /* Mar 15, 2024 */
        } else if (names == 1 && p[2].digits == 4 && p[1].digits == 0 && p[0].digits <= 2) {
            y = p[2].value, m = p[1].value, d = p[0].value; /* 15 Mar 2024, 15-Mar-2024 */
        } else if (names == 0 && p[0].digits == 4 && p[1].digits <= 2 && p[2].digits <= 2) {
            y = p[0].value, m = p[1].value, d = p[2].value; /* 2024/03/15, 2024-3-5 */
        } else if (names == 0 && p[2].digits == 4 && p[0].digits <= 2 && p[1].digits <= 2) {
            int first = p[0].value, second = p[1].value;
            y = p[2].value;
            if (sep == '.') {
                m = second, d = first; /* 15.03.2024: day first wherever dots are written */
            } else {
                int mdy = iso_of(y, first, second, a) == 0, dmy = iso_of(y, second, first, b) == 0;
                if (mdy && dmy && first != second) {
                    snprintf(buf, size, "%s as month/day/year, %s as day/month/year", a, b);
                    return 1;
                }
                if (mdy)
                    m = first, d = second;
                else if (dmy)
                    m = second, d = first;
            }
        }
    }
    if (iso_of(y, m, d, a) != 0)
        return 0;
    snprintf(buf, size, "that is %s", a);
    return 1;
}

char *cs_date_hint(const char *s, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!s)
        return buf;
    size_t n = strlen(s);
    int y, m, d;
    char day[11];
    int32_t dn;
    /* The shape is right and the calendar says no: which part is wrong.
     * (A month alone, 2024-03, is one of other_form_hint's forms.) */
    if (n == 10 && digits(s, 4, &y) == 0 && s[4] == '-' && digits(s + 5, 2, &m) == 0 && s[7] == '-' &&
        digits(s + 8, 2, &d) == 0) {
        if (m < 1 || m > 12)
            snprintf(buf, size, "there is no month %02d", m);
        else if (d < 1)
            snprintf(buf, size, "days count from 01");
        else if (d > days_in_month(y, m))
            snprintf(buf, size, "%.7s has %d days", s, days_in_month(y, m));
        return buf;
    }
    /* ISO 8601's 'T' (or a blank, as many exports write it) then the hour. */
    if (n > 11 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && s[11] >= '0' && s[11] <= '9') {
        memcpy(day, s, 10);
        day[10] = '\0';
        if (cs_parse_date(day, &dn) == 0)
            snprintf(buf, size, "a date without the time: %s", day);
        return buf;
    }
    /* 20240315, the ISO basic form. */
    if (n == 8 && digits(s, 4, &y) == 0 && digits(s + 4, 2, &m) == 0 && digits(s + 6, 2, &d) == 0) {
        if (iso_of(y, m, d, day) == 0)
            snprintf(buf, size, "that is %s", day);
        return buf;
    }
    other_form_hint(s, buf, size);
    return buf;
}
