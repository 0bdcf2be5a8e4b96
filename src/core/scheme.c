/* scheme.c - period schemes: dates to periods, periods to splits, splits to masks.
 *
 * Everything here is date arithmetic on day numbers; nothing is fitted. A
 * scheme is small and self-contained (no pointers), so the TUI can copy it,
 * move a cut, and rebuild masks without touching the data.
 */
#include "capscope/split.h"

#include "capscope/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Months since year 0 of the month holding `day`. */
static long month_index(int32_t day)
{
    int64_t y;
    int m, d;
    cs_civil_from_days(day, &y, &m, &d);
    return (long)y * 12 + (m - 1);
}

/* First day of month index mi. */
static int32_t month_start(long mi)
{
    long y = mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
    int m = (int)(mi - y * 12 + 1);
    return (int32_t)cs_days_from_civil(y, m, 1);
}

static int in_range(int32_t day, int32_t lo, int32_t hi)
{
    return day >= lo && (hi == INT32_MAX || day < hi);
}

static void build_period_splits(cs_scheme *s)
{
    s->n_splits = s->n_periods > 1 ? s->n_periods - 1 : 0;
    for (size_t k = 0; k < s->n_splits; k++) {
        s->splits[k].train_lo = s->lo[k];
        s->splits[k].train_hi = s->hi[k];
        s->splits[k].val_lo = s->lo[k + 1];
        s->splits[k].val_hi = s->hi[k + 1];
    }
}

/* Periods from boundaries b[0] < ... < b[n-1]: (-inf, b0), [b0, b1), ...,
 * and a last [b[n-1], end). */
static void set_periods(cs_scheme *s, const int32_t *b, size_t n, int32_t end)
{
    s->n_periods = n + 1;
    for (size_t i = 0; i <= n; i++) {
        s->lo[i] = i == 0 ? INT32_MIN : b[i - 1];
        s->hi[i] = i == n ? end : b[i];
    }
    build_period_splits(s);
}

static int parse_cuts(const char *spec, cs_scheme *s, cs_error *err)
{
    int32_t cuts[CS_MAX_CUTS];
    size_t n = 0;
    const char *p = spec;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char tok[32];
        if (len == 0)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "scheme '%s': empty cut date", spec);
        int bad = len >= sizeof tok;
        if (!bad) {
            memcpy(tok, p, len);
            tok[len] = '\0';
            bad = cs_parse_date(tok, &cuts[n]) != 0;
        }
        if (bad)
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': '%.*s' is not a date (YYYY-MM-DD); schemes are "
                                "period4, year, DATE,DATE,... or rolling:W,H,S",
                                spec, (int)(len < 40 ? len : 40), p);
        if (n > 0 && cuts[n] <= cuts[n - 1])
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': cut dates must increase ('%s' is not after the one before)",
                                spec, tok);
        n++;
        if (!comma)
            break;
        if (n == CS_MAX_CUTS)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "scheme '%s': more than %d cut dates",
                                spec, CS_MAX_CUTS);
        p = comma + 1;
    }
    s->kind = CS_SCHEME_CUTS;
    set_periods(s, cuts, n, INT32_MAX);
    return 0;
}

/* A whole number of months in [1, 1200], strictly (no sign, no trailing text). */
static int parse_months(const char *text, size_t len, int *out)
{
    if (len == 0 || len > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        v = v * 10 + (text[i] - '0');
    }
    if (v < 1 || v > 1200)
        return -1;
    *out = v;
    return 0;
}

static int parse_rolling(const char *spec, const cs_dataset *ds, cs_scheme *s, cs_error *err)
{
    const char *p = spec + strlen("rolling:");
    int v[3];
    for (int i = 0; i < 3; i++) {
        const char *end = i < 2 ? strchr(p, ',') : p + strlen(p);
        if (!end || parse_months(p, (size_t)(end - p), &v[i]))
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': rolling windows are rolling:W,H,S with whole "
                                "months from 1 to 1200 (train W, validate H, step S)", spec);
        p = end + 1;
    }

    int32_t first = INT32_MAX, last = INT32_MIN;
    for (size_t i = 0; ds && i < ds->n_rows; i++) {
        if (ds->date[i] == CS_NO_DATE)
            continue;
        if (ds->date[i] < first)
            first = ds->date[i];
        if (ds->date[i] > last)
            last = ds->date[i];
    }
    if (first > last)
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "scheme '%s': rolling windows need rows with dates", spec);

    long base = month_index(first);
    size_t n = 0;
    for (long j = 0;; j++) {
        long cut_month = base + v[0] + j * v[2];
        int32_t cut = month_start(cut_month);
        if (cut > last)
            break;
        if (n == CS_MAX_CUTS + 1)
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': more than %d windows; use a larger step",
                                spec, CS_MAX_CUTS + 1);
        s->splits[n].train_lo = month_start(cut_month - v[0]);
        s->splits[n].train_hi = cut;
        s->splits[n].val_lo = cut;
        s->splits[n].val_hi = month_start(cut_month + v[1]);
        n++;
    }
    if (n == 0) {
        char a[16], b[16];
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "scheme '%s': the data's dates (%s to %s) are shorter than one "
                            "%d-month training window", spec, cs_format_date(first, a, sizeof a),
                            cs_format_date(last, b, sizeof b), v[0]);
    }
    s->kind = CS_SCHEME_ROLLING;
    s->n_periods = 0;
    s->window_months = v[0];
    s->horizon_months = v[1];
    s->step_months = v[2];
    s->n_splits = n;
    return 0;
}

int cs_scheme_parse(const char *spec, const cs_dataset *ds, cs_scheme *out, cs_error *err)
{
    cs_scheme s;
    memset(&s, 0, sizeof s);
    if (!spec || !*spec)
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "empty scheme (period4, year, DATE,DATE,... or rolling:W,H,S)");
    if (!strcmp(spec, "period4")) {
        const int32_t b[3] = {(int32_t)cs_days_from_civil(2024, 7, 1),
                              (int32_t)cs_days_from_civil(2024, 10, 1),
                              (int32_t)cs_days_from_civil(2025, 1, 1)};
        s.kind = CS_SCHEME_PERIOD4;
        set_periods(&s, b, 3, (int32_t)cs_days_from_civil(2025, 4, 1));
    } else if (!strcmp(spec, "year")) {
        const int32_t b[1] = {(int32_t)cs_days_from_civil(2025, 1, 1)};
        s.kind = CS_SCHEME_YEAR;
        set_periods(&s, b, 1, (int32_t)cs_days_from_civil(2026, 1, 1));
    } else if (!strncmp(spec, "rolling:", strlen("rolling:"))) {
        if (parse_rolling(spec, ds, &s, err))
            return -1;
    } else if (spec[0] >= '0' && spec[0] <= '9') {
        if (parse_cuts(spec, &s, err))
            return -1;
    } else {
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "unknown scheme '%s' (period4, year, DATE,DATE,... or rolling:W,H,S)",
                            spec);
    }
    *out = s;
    return 0;
}

const char *cs_scheme_name(const cs_scheme *s, char *buf, size_t size)
{
    static const char *const names[] = {"period4", "year", NULL, NULL};
    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (s->kind == CS_SCHEME_ROLLING) {
        snprintf(buf, size, "rolling:%d,%d,%d", s->window_months, s->horizon_months,
                 s->step_months);
        return buf;
    }
    const char *name = names[s->kind];
    if (name && !s->cuts_moved) {
        snprintf(buf, size, "%s", name);
        return buf;
    }
    size_t used = 0;
    if (name)
        used += (size_t)snprintf(buf, size, "%s:", name);
    for (size_t i = 1; i < s->n_periods && used < size; i++) {
        char d[16];
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i > 1 ? "," : "",
                                 cs_format_date(s->lo[i], d, sizeof d));
    }
    return buf;
}

size_t cs_scheme_n_splits(const cs_scheme *s)
{
    return s ? s->n_splits : 0;
}

int cs_scheme_period_of(const cs_scheme *s, int32_t day)
{
    if (!s || day == CS_NO_DATE)
        return -1;
    for (size_t i = 0; i < s->n_periods; i++)
        if (in_range(day, s->lo[i], s->hi[i]))
            return (int)i;
    return -1;
}

int cs_split_side(const cs_scheme *s, size_t k, int32_t day)
{
    if (!s || k < 1 || k > s->n_splits || day == CS_NO_DATE)
        return 0;
    const cs_split_range *r = &s->splits[k - 1];
    if (in_range(day, r->train_lo, r->train_hi))
        return 1;
    if (in_range(day, r->val_lo, r->val_hi))
        return 2;
    return 0;
}

void cs_split_masks(const cs_scheme *s, const cs_dataset *ds, size_t k,
                    unsigned char *train, unsigned char *val)
{
    for (size_t i = 0; i < ds->n_rows; i++) {
        int side = cs_split_side(s, k, ds->date[i]);
        train[i] = side == 1;
        val[i] = side == 2;
    }
}

int cs_scheme_move_cut(cs_scheme *s, size_t cut, int32_t day, cs_error *err)
{
    if (s->kind == CS_SCHEME_ROLLING)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "rolling windows have no cut to move");
    if (cut + 1 >= s->n_periods)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no cut %zu (the scheme has %zu)", cut + 1,
                            s->n_periods > 0 ? s->n_periods - 1 : 0);
    if (day == CS_NO_DATE || day <= s->lo[cut] || (s->hi[cut + 1] != INT32_MAX && day >= s->hi[cut + 1]))
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "a cut must stay strictly between its neighbouring boundaries");
    s->hi[cut] = s->lo[cut + 1] = day;
    s->cuts_moved = 1;
    build_period_splits(s);
    return 0;
}
