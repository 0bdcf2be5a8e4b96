/* scheme.c - period schemes: dates to periods, periods to splits, splits to masks.
 *
 * Everything here is date arithmetic on day numbers; nothing is fitted. A
 * scheme is small and self-contained (no pointers), so the TUI can copy it,
 * move a cut, and rebuild masks without touching the data.
 */
#include "capscope/split.h"

#include "capscope/date.h"
#include "capscope/namelist.h" /* cs_quote_short */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data_internal.h" /* cs_utf8_floor */

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

/* Bytes of a scheme as a message quotes it, "..." and NUL included: four cut
 * dates and the start of a fifth. The date at fault is named on its own. */
#define SCHEME_SHOWN 52

/* Cut dates stay in a range where every one is a plain YYYY-MM-DD that
 * cs_parse_date reads back: a cut in year 12000 (say, after scrubbing an open
 * last cut by thousands of months) would be formatted as an expanded year,
 * and the scheme's name would no longer parse. */
#define CUT_MIN_YEAR 1900
#define CUT_MAX_YEAR 2199

static int32_t cut_min(void) { return (int32_t)cs_days_from_civil(CUT_MIN_YEAR, 1, 1); }
static int32_t cut_max(void) { return (int32_t)cs_days_from_civil(CUT_MAX_YEAR, 12, 31); }

/* The comma-separated cut dates of `list` (all of the scheme, or what follows
 * "period4:" / "year:"), strictly: ISO dates, increasing, within the bounds
 * above, at most CS_MAX_CUTS. `spec` is the whole text as messages quote it. */
static int parse_cut_list(const char *spec, const char *list, int32_t *cuts, size_t *n_out,
                          cs_error *err)
{
    size_t n = 0;
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char tok[32];
        if (len == 0)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "scheme '%s': empty cut date", spec);
        if (n == CS_MAX_CUTS)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "scheme '%s': more than %d cut dates",
                                spec, CS_MAX_CUTS);
        int bad = len >= sizeof tok;
        if (!bad) {
            memcpy(tok, p, len);
            tok[len] = '\0';
            bad = cs_parse_date(tok, &cuts[n]) != 0;
        }
        if (bad) {
            /* Cut at 40 bytes, but not inside a character. */
            size_t cut = len <= 40 ? len : cs_utf8_floor(p, 40);
            char hint[64] = "";
            if (len < sizeof tok)
                cs_date_hint(tok, hint, sizeof hint);
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': '%.*s' is not a date (YYYY-MM-DD%s%s); schemes are "
                                CS_SCHEME_SYNOPSIS, spec, (int)cut, p, hint[0] ? "; " : "", hint);
        }
        if (cuts[n] < cut_min() || cuts[n] > cut_max())
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': cut date %s is outside %d-01-01 .. %d-12-31", spec,
                                tok, CUT_MIN_YEAR, CUT_MAX_YEAR);
        if (n > 0 && cuts[n] <= cuts[n - 1])
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': cut dates must increase ('%s' is not after the one before)",
                                spec, tok);
        n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    *n_out = n;
    return 0;
}

/* The named period schemes: their cuts and where their last period ends
 * (method.md, section 5). "NAME:D1,..." is the same scheme with its cuts
 * moved, which is how cs_scheme_name writes one after cs_scheme_move_cut. */
typedef struct named_scheme {
    const char *name;
    cs_scheme_kind kind;
    size_t n_cuts;
    int cut[3][3];  /* y, m, d */
    int end[3];
} named_scheme;

static const named_scheme named[] = {
    { "period4", CS_SCHEME_PERIOD4, 3, { {2024, 7, 1}, {2024, 10, 1}, {2025, 1, 1} }, {2025, 4, 1} },
    { "year", CS_SCHEME_YEAR, 1, { {2025, 1, 1} }, {2026, 1, 1} },
};

static const named_scheme *named_of_kind(cs_scheme_kind kind)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].kind == kind)
            return &named[i];
    return NULL;
}

static int32_t civil(const int ymd[3])
{
    return (int32_t)cs_days_from_civil(ymd[0], ymd[1], ymd[2]);
}

/* Whether a period scheme's cuts are other than its named scheme's own: a
 * cut moved back to where the scheme puts it is not moved (the split view
 * said "cuts moved" over period4's own dates). */
static int cuts_moved(const cs_scheme *s, const named_scheme *ns)
{
    if (!ns || s->n_periods != ns->n_cuts + 1)
        return 1;
    for (size_t i = 0; i < ns->n_cuts; i++)
        if (s->lo[i + 1] != civil(ns->cut[i]))
            return 1;
    return 0;
}

/* full is ns->name alone or followed by ':' and the moved cuts; spec is
 * full as messages quote it. */
static int parse_named(const char *full, const char *spec, const named_scheme *ns, cs_scheme *s,
                       cs_error *err)
{
    int32_t cuts[CS_MAX_CUTS];
    size_t n = ns->n_cuts;
    int32_t end = civil(ns->end);
    const char *list = full + strlen(ns->name);
    if (*list == '\0') {
        for (size_t i = 0; i < n; i++)
            cuts[i] = civil(ns->cut[i]);
    } else {
        if (parse_cut_list(spec, list + 1, cuts, &n, err))
            return -1;
        if (n != ns->n_cuts)
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': %s takes exactly %zu cut date%s, not %zu", spec,
                                ns->name, ns->n_cuts, ns->n_cuts == 1 ? "" : "s", n);
        if (cuts[n - 1] >= end) {
            /* end is the first day after the scheme: name its last day. */
            char d[16];
            return cs_error_set(err, CS_ERR_INPUT, "", 0,
                                "scheme '%s': the last cut must be on or before %s, the last day of %s",
                                spec, cs_format_date(end - 1, d, sizeof d), ns->name);
        }
    }
    s->kind = ns->kind;
    set_periods(s, cuts, n, end);
    s->cuts_moved = cuts_moved(s, ns);
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

static int parse_rolling(const char *full, const char *spec, const cs_dataset *ds,
                         const unsigned char *keep, cs_scheme *s, cs_error *err)
{
    const char *p = full + strlen("rolling:");
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
        if (ds->date[i] == CS_NO_DATE || (keep && !keep[i]))
            continue;
        if (ds->date[i] < first)
            first = ds->date[i];
        if (ds->date[i] > last)
            last = ds->date[i];
    }
    if (first > last)
        return cs_error_set(err, CS_ERR_INPUT, "", 0,
                            "scheme '%s': rolling windows need rows with dates%s", spec,
                            keep ? " (in the date range)" : "");

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
    return cs_scheme_parse_kept(spec, ds, NULL, out, err);
}

int cs_scheme_parse_kept(const char *spec, const cs_dataset *ds, const unsigned char *keep,
                         cs_scheme *out, cs_error *err)
{
    cs_scheme s;
    memset(&s, 0, sizeof s);
    if (!spec || !*spec)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "empty scheme (" CS_SCHEME_SYNOPSIS ")");
    /* Messages quote the scheme shortened: 64 cut dates are 700 bytes, and
     * quoted whole they pushed the reason out of the message. */
    char shown[SCHEME_SHOWN];
    const char *full = spec;
    spec = cs_quote_short(full, shown, sizeof shown);
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t len = strlen(named[i].name);
        if (!strncmp(full, named[i].name, len) && (full[len] == '\0' || full[len] == ':')) {
            if (parse_named(full, spec, &named[i], &s, err))
                return -1;
            *out = s;
            return 0;
        }
    }
    if (!strncmp(full, "rolling:", strlen("rolling:"))) {
        if (parse_rolling(full, spec, ds, keep, &s, err))
            return -1;
    } else if (full[0] >= '0' && full[0] <= '9') {
        int32_t cuts[CS_MAX_CUTS];
        size_t n;
        if (parse_cut_list(spec, full, cuts, &n, err))
            return -1;
        s.kind = CS_SCHEME_CUTS;
        set_periods(&s, cuts, n, INT32_MAX);
    } else {
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "unknown scheme '%s' (" CS_SCHEME_SYNOPSIS ")", spec);
    }
    *out = s;
    return 0;
}

const char *cs_scheme_name(const cs_scheme *s, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    size_t used;
    if (s->kind == CS_SCHEME_ROLLING) {
        used = (size_t)snprintf(buf, size, "rolling:%d,%d,%d", s->window_months,
                                s->horizon_months, s->step_months);
    } else {
        const named_scheme *ns = named_of_kind(s->kind);
        buf[0] = '\0';
        used = ns ? (size_t)snprintf(buf, size, "%s%s", ns->name, s->cuts_moved ? ":" : "") : 0;
        if (!ns || s->cuts_moved) {
            for (size_t i = 1; i < s->n_periods && used < size; i++) {
                char d[16];
                used += (size_t)snprintf(buf + used, size - used, "%s%s", i > 1 ? "," : "",
                                         cs_format_date(s->lo[i], d, sizeof d));
            }
        }
    }
    /* A cut-off name could still parse, as a different scheme: none at all
     * is refused by cs_scheme_parse instead. */
    if (used >= size)
        buf[0] = '\0';
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

/* The first day of the splits' earliest training period and the day after
 * their last validation period (INT32_MIN / INT32_MAX for an open end). */
static void splits_span(const cs_scheme *s, int32_t span[2])
{
    span[0] = INT32_MAX;
    span[1] = INT32_MIN;
    for (size_t k = 0; k < s->n_splits; k++) {
        span[0] = s->splits[k].train_lo < span[0] ? s->splits[k].train_lo : span[0];
        span[1] = s->splits[k].val_hi > span[1] ? s->splits[k].val_hi : span[1];
    }
}

int cs_scheme_misses_rows(const cs_scheme *s, const cs_dataset *ds, const unsigned char *keep, int32_t span[2],
                          int32_t rows[2])
{
    if (!s || !ds || s->n_splits == 0)
        return 0;
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (size_t i = 0; i < ds->n_rows; i++) {
        int32_t d = ds->date[i];
        if (d == CS_NO_DATE || (keep && !keep[i]))
            continue;
        for (size_t k = 1; k <= s->n_splits; k++)
            if (cs_split_side(s, k, d))
                return 0;
        first = d < first ? d : first;
        last = d > last ? d : last;
    }
    if (first > last)
        return 0; /* no dated row: the faces say so in words of their own */
    splits_span(s, span);
    rows[0] = first;
    rows[1] = last;
    return 1;
}

/* The days some split holds, as disjoint increasing ranges [lo, hi) (hi
 * INT64_MAX for an open end): at most two a split, sorted and merged. */
typedef struct day_range {
    int64_t lo, hi;
} day_range;

static int cmp_range_lo(const void *a, const void *b)
{
    int64_t x = ((const day_range *)a)->lo, y = ((const day_range *)b)->lo;
    return x < y ? -1 : x > y;
}

static size_t splits_union(const cs_scheme *s, day_range out[2 * (CS_MAX_CUTS + 1)])
{
    size_t n = 0;
    for (size_t k = 0; k < s->n_splits; k++) {
        const cs_split_range *r = &s->splits[k];
        int32_t lo[2] = { r->train_lo, r->val_lo }, hi[2] = { r->train_hi, r->val_hi };
        for (int j = 0; j < 2; j++) {
            int64_t h = hi[j] == INT32_MAX ? INT64_MAX : hi[j]; /* in_range's open end */
            if (lo[j] < h)
                out[n++] = (day_range){ lo[j], h };
        }
    }
    qsort(out, n, sizeof *out, cmp_range_lo);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && out[i].lo <= out[m - 1].hi) {
            if (out[i].hi > out[m - 1].hi)
                out[m - 1].hi = out[i].hi;
        } else
            out[m++] = out[i];
    }
    return m;
}

/* Whether day is in one of the n merged ranges: a binary search, so that
 * a row costs log2 of the ranges, not a test of every split (64 of them a
 * row, 45 ms at a million rows, each time the TUI says the note). */
static int in_union(const day_range *u, size_t n, int32_t day)
{
    size_t lo = 0, hi = n; /* the first range with u.lo > day is at hi */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u[mid].lo <= day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 && day < u[lo - 1].hi;
}

void cs_scheme_rows_outside(const cs_scheme *s, const cs_dataset *ds, const unsigned char *keep, size_t outside[3],
                            int32_t span[2])
{
    outside[0] = outside[1] = outside[2] = 0;
    span[0] = INT32_MAX;
    span[1] = INT32_MIN;
    if (!s || !ds || s->n_splits == 0)
        return;
    splits_span(s, span);
    day_range u[2 * (CS_MAX_CUTS + 1)];
    size_t nu = splits_union(s, u);
    for (size_t i = 0; i < ds->n_rows; i++) {
        int32_t d = ds->date[i];
        if (d == CS_NO_DATE || (keep && !keep[i]))
            continue;
        if (!in_union(u, nu, d)) {
            int before = span[0] != INT32_MIN && d < span[0], after = span[1] != INT32_MAX && d >= span[1];
            outside[0] += before;
            outside[1] += after;
            outside[2] += !before && !after;
        }
    }
}

const char *cs_scheme_span_text(const int32_t span[2], char *buf, size_t size)
{
    char a[16], b[16];
    if (span[0] == INT32_MIN && span[1] == INT32_MAX)
        snprintf(buf, size, "every date");
    else if (span[0] == INT32_MIN)
        snprintf(buf, size, "up to %s", cs_format_date(span[1] - 1, b, sizeof b));
    else if (span[1] == INT32_MAX)
        snprintf(buf, size, "from %s on", cs_format_date(span[0], a, sizeof a));
    else
        snprintf(buf, size, "%s to %s", cs_format_date(span[0], a, sizeof a),
                 cs_format_date(span[1] - 1, b, sizeof b));
    return buf;
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
    /* Not cut + 1 >= n_periods: (size_t)-1 + 1 wraps to 0 and would index lo[-1]. */
    if (s->n_periods < 2 || cut > s->n_periods - 2)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "no cut %zu (the scheme has %zu)", cut + 1,
                            s->n_periods > 0 ? s->n_periods - 1 : 0);
    if (day == CS_NO_DATE || day <= s->lo[cut] || (s->hi[cut + 1] != INT32_MAX && day >= s->hi[cut + 1])) {
        /* The days it may take, short enough for a status line. An open
         * end is the cut dates' own limit (1900, 2099), which is no news:
         * the message names only the neighbour's side. */
        int open_lo = s->lo[cut] == INT32_MIN, open_hi = s->hi[cut + 1] == INT32_MAX;
        int32_t first = open_lo ? cut_min() : s->lo[cut] + 1;
        int32_t last = open_hi ? cut_max() : s->hi[cut + 1] - 1;
        char a[16], b[16];
        cs_format_date(first, a, sizeof a);
        cs_format_date(last, b, sizeof b);
        if (open_lo != open_hi)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "it must stay on or %s %s", open_lo ? "before" : "after",
                                open_lo ? b : a);
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "it must stay within %s .. %s", a, b);
    }
    /* cs_scheme_parse would refuse the scheme's name otherwise. */
    if (day < cut_min() || day > cut_max())
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "a cut date must be within %d-01-01 .. %d-12-31",
                            CUT_MIN_YEAR, CUT_MAX_YEAR);
    s->hi[cut] = s->lo[cut + 1] = day;
    /* A list of cuts is named by its cuts anyway; only a named scheme must
     * say that its own were moved. */
    s->cuts_moved = s->kind != CS_SCHEME_CUTS && cuts_moved(s, named_of_kind(s->kind));
    build_period_splits(s);
    return 0;
}
