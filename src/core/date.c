/* date.c - ISO dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian calendar).
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days:
 * exact integer arithmetic over 400-year eras, no time zones, no time_t and
 * no libc state, so a date means the same day on every machine.
 */
#include "capscope/date.h"

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
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
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

char *cs_date_hint(const char *s, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    buf[0] = '\0';
    if (!s)
        return buf;
    size_t n = strlen(s);
    int y, m;
    char day[11];
    int32_t dn;
    /* Only a month there is: the hint is a date, and 2024-13-01 is none. */
    if (n == 7 && digits(s, 4, &y) == 0 && s[4] == '-' && digits(s + 5, 2, &m) == 0) {
        snprintf(day, sizeof day, "%.7s-01", s);
        if (cs_parse_date(day, &dn) == 0)
            snprintf(buf, size, "a month as its first day: %s", day);
        return buf;
    }
    /* The shape is right and the calendar says no: which part is wrong. */
    int d;
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
    }
    return buf;
}
