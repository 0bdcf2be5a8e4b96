/* Unit tests of split.h: schemes, periods at their exact boundaries, masks,
 * moving a cut, the split runner and drift.
 *
 * Day numbers are computed here with timegm(3), independently of the
 * calendar code under test.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>

#include "capscope/split.h"

static int32_t day(int y, int m, int d)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    return (int32_t)(timegm(&tm) / 86400);
}

static cs_scheme parse_ok(const char *spec, const cs_dataset *ds)
{
    cs_scheme s;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_scheme_parse(spec, ds, &s, &err) == 0, "%s: %s", spec, err.msg);
    return s;
}

static void parse_fails(const char *spec, const cs_dataset *ds)
{
    cs_scheme s;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_scheme_parse(spec, ds, &s, &err) == -1, "'%s' was accepted", spec);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert(err.msg[0] != '\0');
}

START_TEST(period4_boundaries)
{
    cs_scheme s = parse_ok("period4", NULL);
    ck_assert_uint_eq(s.n_periods, 4);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 3);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(1999, 1, 1)), 0); /* P1 is open below */
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 2, 29)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 6, 30)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 7, 1)), 1);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 9, 30)), 1);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 10, 1)), 2);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 12, 31)), 2);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2025, 1, 1)), 3);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2025, 3, 31)), 3);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2025, 4, 1)), -1); /* after P4: unused */
    ck_assert_int_eq(cs_scheme_period_of(&s, CS_NO_DATE), -1);
    /* Split k trains on P_k and validates on P_k+1. */
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 6, 30)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 7, 1)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 10, 1)), 0);
    ck_assert_int_eq(cs_split_side(&s, 3, day(2024, 12, 31)), 1);
    ck_assert_int_eq(cs_split_side(&s, 3, day(2025, 3, 31)), 2);
    ck_assert_int_eq(cs_split_side(&s, 3, day(2024, 6, 30)), 0);
    ck_assert_int_eq(cs_split_side(&s, 4, day(2024, 6, 30)), 0);
    ck_assert_int_eq(cs_split_side(&s, 1, CS_NO_DATE), 0);
    char name[64];
    ck_assert_str_eq(cs_scheme_name(&s, name, sizeof name), "period4");
}
END_TEST

START_TEST(year_scheme)
{
    cs_scheme s = parse_ok("year", NULL);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2019, 5, 5)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 12, 31)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2025, 1, 1)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2025, 12, 31)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2026, 1, 1)), 0);
}
END_TEST

START_TEST(cut_dates_and_leap_days)
{
    cs_scheme s = parse_ok("2024-02-29,2024-03-01", NULL);
    ck_assert_int_eq(s.kind, CS_SCHEME_CUTS);
    ck_assert_uint_eq(s.n_periods, 3);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 2);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 2, 28)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 2, 29)), 1); /* a cut opens the later period */
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 3, 1)), 2);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2090, 1, 1)), 2); /* the last is open above */
    char name[64];
    ck_assert_str_eq(cs_scheme_name(&s, name, sizeof name), "2024-02-29,2024-03-01");

    cs_scheme one = parse_ok("2025-01-01", NULL);
    ck_assert_uint_eq(cs_scheme_n_splits(&one), 1);
    ck_assert_int_eq(cs_split_side(&one, 1, day(2024, 12, 31)), 1);
    ck_assert_int_eq(cs_split_side(&one, 1, day(2031, 1, 1)), 2);
}
END_TEST

START_TEST(bad_schemes)
{
    parse_fails("", NULL);
    parse_fails("period5", NULL);
    parse_fails("Period4", NULL);
    parse_fails("2023-02-29", NULL);        /* not a leap year */
    parse_fails("2024-13-45", NULL);
    parse_fails("2024-07-01,", NULL);
    parse_fails(",2024-07-01", NULL);
    parse_fails("2024-07-01,,2024-10-01", NULL);
    parse_fails("2024-07-01 ,2024-10-01", NULL);
    parse_fails("2024-10-01,2024-07-01", NULL); /* not increasing */
    parse_fails("2024-07-01,2024-07-01", NULL);
    parse_fails("2024-07-01x", NULL);
    parse_fails("rolling:", NULL);
    parse_fails("rolling:3,3", NULL);
    parse_fails("rolling:0,3,3", NULL);
    parse_fails("rolling:3,-1,3", NULL);
    parse_fails("rolling:3,3,3x", NULL);
    parse_fails("rolling:a,b,c", NULL);
    parse_fails("rolling:3,3,3", NULL);    /* needs dated data */

    char many[CS_MAX_CUTS * 12 + 32] = "";
    for (int i = 0; i <= CS_MAX_CUTS; i++) {
        char d[16];
        snprintf(d, sizeof d, "%s%d-01-01", i ? "," : "", 1950 + i);
        strcat(many, d);
    }
    parse_fails(many, NULL);

    /* A long token is quoted in whole characters: 13 three-byte ones are 39
     * bytes, and the 40th byte would be the first of the 14th. */
    cs_scheme s;
    cs_error err;
    const char *wide = "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
                       "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac";
    char spec[64];
    snprintf(spec, sizeof spec, "2024-01-01,%s", wide);
    ck_assert_int_eq(cs_scheme_parse(spec, NULL, &s, &err), -1);
    char quoted[64];
    snprintf(quoted, sizeof quoted, "': '%.39s' is not a date", wide);
    ck_assert_msg(strstr(err.msg, quoted) != NULL, "%s", err.msg);

    /* A cut the calendar has not says which part is wrong. */
    ck_assert_int_eq(cs_scheme_parse("2024-01-01,2024-02-30", NULL, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "'2024-02-30' is not a date (YYYY-MM-DD; 2024-02 has 29 days)") != NULL, "%s",
                  err.msg);
}
END_TEST

/* A dataset of dates only (no tasks): enough for schemes and masks. */
typedef struct dated {
    cs_dataset ds;
    int32_t dates[16];
} dated;

static void dated_init(dated *d, const int32_t *dates, size_t n)
{
    memset(d, 0, sizeof *d);
    memcpy(d->dates, dates, n * sizeof *dates);
    d->ds.n_rows = n;
    d->ds.date = d->dates;
}

START_TEST(rolling_windows)
{
    const int32_t dates[] = {day(2024, 1, 15), CS_NO_DATE, day(2024, 12, 10), day(2024, 5, 5)};
    dated d;
    dated_init(&d, dates, 4);
    /* Anchor 2024-01; cuts every 3 months from 2024-04-01 while on or before
     * 2024-12-10: 04-01, 07-01, 10-01. Train 3 months back, validate 2. */
    cs_scheme s = parse_ok("rolling:3,2,3", &d.ds);
    ck_assert_int_eq(s.kind, CS_SCHEME_ROLLING);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 3);
    ck_assert_int_eq(s.splits[0].train_lo, day(2024, 1, 1));
    ck_assert_int_eq(s.splits[0].train_hi, day(2024, 4, 1));
    ck_assert_int_eq(s.splits[0].val_lo, day(2024, 4, 1));
    ck_assert_int_eq(s.splits[0].val_hi, day(2024, 6, 1));
    ck_assert_int_eq(s.splits[2].train_lo, day(2024, 7, 1));
    ck_assert_int_eq(s.splits[2].val_hi, day(2024, 12, 1));
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 3, 31)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 4, 1)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 5, 31)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 6, 1)), 0);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2023, 12, 31)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 5, 5)), -1); /* rolling has no periods */
    char name[64];
    ck_assert_str_eq(cs_scheme_name(&s, name, sizeof name), "rolling:3,2,3");

    /* Windows that cross a year end: train 2 months, step 1, from 2024-11. */
    const int32_t dates2[] = {day(2024, 11, 30), day(2025, 2, 1)};
    dated_init(&d, dates2, 2);
    s = parse_ok("rolling:2,1,1", &d.ds);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 2); /* cuts 2025-01-01 and 2025-02-01 */
    ck_assert_int_eq(s.splits[0].train_lo, day(2024, 11, 1));
    ck_assert_int_eq(s.splits[1].val_lo, day(2025, 2, 1));
    ck_assert_int_eq(s.splits[1].val_hi, day(2025, 3, 1));

    /* Dates shorter than one training window (of W = 12 months: the message
     * names W, not H or S). */
    parse_fails("rolling:12,1,1", &d.ds);
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_scheme_parse("rolling:12,1,1", &d.ds, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "one 12-month training window") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(rolling_months_are_whole_numbers_from_1_to_1200)
{
    /* split.h: W, H and S are whole months from 1 to 1200. Refusals need
     * dated data here: without it every rolling scheme fails anyway. */
    const int32_t dates[] = {day(2024, 1, 15), day(2024, 12, 10)};
    dated d;
    dated_init(&d, dates, 2);
    const char *const bad[] = {"rolling:0,1,1", "rolling:1,0,1",    "rolling:1,1,0",
                               "rolling:1201,1,1", "rolling:1,1201,1", "rolling:,1,1",
                               "rolling:1,,1",     "rolling:1,1,"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cs_scheme s;
        cs_error err;
        memset(&err, 0, sizeof err);
        ck_assert_msg(cs_scheme_parse(bad[i], &d.ds, &s, &err) == -1, "'%s' was accepted", bad[i]);
    }
    /* The largest horizon: anchor 2024-01, one-month windows cut on the
     * first of every month from 2024-02-01 to 2024-12-01 (11 splits), each
     * validated for 1200 months = 100 years: the first up to 2124-02-01. */
    cs_scheme s = parse_ok("rolling:1,1200,1", &d.ds);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 11);
    ck_assert_int_eq(s.splits[0].val_lo, day(2024, 2, 1));
    ck_assert_int_eq(s.splits[0].val_hi, day(2124, 2, 1));
    ck_assert_int_eq(s.splits[10].train_lo, day(2024, 11, 1));
}
END_TEST

START_TEST(rolling_windows_are_at_most_the_scheme_can_hold)
{
    /* A scheme holds CS_MAX_CUTS + 1 = 65 splits. One-month windows stepping
     * by one month from anchor 2024-01 cut on 2024-02-01 + j months: the
     * 65th cut (j = 64 = 5 years 4 months) is 2029-06-01. Data up to that
     * day make 65 windows; a month more would make a 66th, refused. */
    const int32_t dates[] = {day(2024, 1, 15), day(2029, 6, 1)};
    dated d;
    dated_init(&d, dates, 2);
    cs_scheme s = parse_ok("rolling:1,1,1", &d.ds);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), CS_MAX_CUTS + 1);
    ck_assert_int_eq(s.splits[CS_MAX_CUTS].val_lo, day(2029, 6, 1));
    d.dates[1] = day(2029, 7, 1);
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_scheme_parse("rolling:1,1,1", &d.ds, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "more than 65 windows") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(masks_follow_the_dates)
{
    const int32_t dates[] = {day(2024, 6, 30), day(2024, 7, 1), day(2024, 10, 1), CS_NO_DATE,
                             day(2025, 3, 31), day(2025, 4, 1)};
    dated d;
    dated_init(&d, dates, 6);
    cs_scheme s = parse_ok("period4", NULL);
    unsigned char tr[6], va[6];
    const unsigned char want_tr[3][6] = {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}};
    const unsigned char want_va[3][6] = {{0, 1, 0, 0, 0, 0}, {0, 0, 1, 0, 0, 0}, {0, 0, 0, 0, 1, 0}};
    for (size_t k = 1; k <= 3; k++) {
        cs_split_masks(&s, &d.ds, k, tr, va);
        ck_assert_mem_eq(tr, want_tr[k - 1], 6);
        ck_assert_mem_eq(va, want_va[k - 1], 6);
    }
    const unsigned char none[6] = {0};
    cs_split_masks(&s, &d.ds, 4, tr, va);
    ck_assert_mem_eq(tr, none, 6);
    ck_assert_mem_eq(va, none, 6);
}
END_TEST

START_TEST(moving_a_cut)
{
    cs_scheme s = parse_ok("period4", NULL);
    cs_error err;
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2024, 7, 15), &err), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 7, 14)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 7, 15)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 7, 10)), 1);
    ck_assert_int_eq(cs_split_side(&s, 2, day(2024, 7, 10)), 0);
    ck_assert_int_eq(cs_split_side(&s, 2, day(2024, 7, 15)), 1);
    char name[96];
    ck_assert_str_eq(cs_scheme_name(&s, name, sizeof name),
                     "period4:2024-07-15,2024-10-01,2025-01-01");

    cs_scheme before = s;
    /* The message names the days the cut may take: after the boundary
     * before it (none for the first: the earliest cut date), before the one
     * after it (P4's end, 2025-04-01, for the last); an open end (the
     * first cut's earlier side) is the cut dates' own limit, 1900-01-01,
     * which the message leaves out. */
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2024, 10, 1), &err), -1); /* onto the next */
    ck_assert_str_eq(err.msg, "it must stay on or before 2024-09-30");
    ck_assert_int_eq(cs_scheme_move_cut(&s, 2, day(2025, 4, 1), &err), -1);  /* past P4's end */
    ck_assert_str_eq(err.msg, "it must stay within 2024-10-02 .. 2025-03-31");
    {
        /* A list of cuts: the last period has no end, so the last cut is
         * bounded by the one before it alone. */
        cs_scheme c = parse_ok("2024-02-29,2024-03-01", NULL);
        ck_assert_int_eq(cs_scheme_move_cut(&c, 1, day(2024, 2, 29), &err), -1);
        ck_assert_str_eq(err.msg, "it must stay on or after 2024-03-01");
        ck_assert_int_eq(cs_scheme_move_cut(&c, 0, day(2024, 3, 1), &err), -1);
        ck_assert_str_eq(err.msg, "it must stay on or before 2024-02-29");
    }
    ck_assert_int_eq(cs_scheme_move_cut(&s, 3, day(2025, 2, 1), &err), -1);  /* no such cut */
    /* Index 3 is the fourth cut, as people count; period4 has three. */
    ck_assert_str_eq(err.msg, "no cut 4 (the scheme has 3)");
    ck_assert_int_eq(cs_scheme_move_cut(&s, 1, CS_NO_DATE, &err), -1);
    /* split_k - 1 with split_k 0: cut + 1 wraps to 0, which is no cut either
     * (a day inside period 1, which would pass the range checks of cut -1). */
    ck_assert_int_eq(cs_scheme_move_cut(&s, (size_t)-1, day(2024, 6, 1), &err), -1);
    ck_assert_mem_eq(s.lo, before.lo, sizeof s.lo);
    ck_assert_mem_eq(s.hi, before.hi, sizeof s.hi);
    /* The last cut may move right up to the day before P4 ends. */
    ck_assert_int_eq(cs_scheme_move_cut(&s, 2, day(2025, 3, 31), &err), 0);

    const int32_t dates[] = {day(2024, 1, 15), day(2024, 12, 10)};
    dated d;
    dated_init(&d, dates, 2);
    cs_scheme r = parse_ok("rolling:3,2,3", &d.ds);
    ck_assert_int_eq(cs_scheme_move_cut(&r, 0, day(2024, 5, 1), &err), -1);
}
END_TEST

/* name(parse(name(s))) == name(s), and the parsed scheme is s: what the TUI
 * saves after a cut moved (its session state, :scheme, the split toggle) and
 * `capscope splits --scheme` read back is the same scheme. */
static void round_trips(const cs_scheme *s, const cs_dataset *ds)
{
    char name[CS_SCHEME_NAME_MAX], again[CS_SCHEME_NAME_MAX];
    cs_scheme_name(s, name, sizeof name);
    ck_assert_msg(name[0] != '\0', "no name for a scheme of kind %d", (int)s->kind);
    cs_scheme back = parse_ok(name, ds);
    ck_assert_str_eq(cs_scheme_name(&back, again, sizeof again), name);
    ck_assert_int_eq(back.kind, s->kind);
    ck_assert_int_eq(back.cuts_moved, s->cuts_moved);
    ck_assert_uint_eq(back.n_periods, s->n_periods);
    ck_assert_mem_eq(back.lo, s->lo, s->n_periods * sizeof s->lo[0]);
    ck_assert_mem_eq(back.hi, s->hi, s->n_periods * sizeof s->hi[0]);
    ck_assert_uint_eq(back.n_splits, s->n_splits);
    ck_assert_mem_eq(back.splits, s->splits, s->n_splits * sizeof s->splits[0]);
}

/* Every cut of s moved by `step` days at a time as far as it goes each
 * way (then put back), every intermediate scheme round-tripping. */
static void every_move_round_trips(cs_scheme s, int step)
{
    for (size_t c = 0; c + 1 < s.n_periods; c++) {
        int moved = 0;
        for (int dir = -1; dir <= 1; dir += 2) {
            cs_scheme m = s;
            cs_error err;
            for (int32_t d = m.lo[c + 1] + dir * step;
                 cs_scheme_move_cut(&m, c, d, &err) == 0; d += dir * step) {
                round_trips(&m, NULL);
                moved++;
            }
        }
        char nm[CS_SCHEME_NAME_MAX];
        ck_assert_msg(moved > 0, "%s: cut %zu never moved", cs_scheme_name(&s, nm, sizeof nm), c);
    }
}

START_TEST(every_scheme_name_parses_back)
{
    const char *const plain[] = {"period4", "year", "2025-01-01", "2024-02-29,2024-03-01",
                                 "1900-01-01,2199-12-31"};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        cs_scheme s = parse_ok(plain[i], NULL);
        round_trips(&s, NULL);
        every_move_round_trips(s, 7);
    }
    char many[CS_SCHEME_NAME_MAX] = "";
    for (int i = 0; i < CS_MAX_CUTS; i++) {
        char d[16];
        snprintf(d, sizeof d, "%s%d-01-01", i ? "," : "", 1950 + i);
        strcat(many, d);
    }
    cs_scheme s = parse_ok(many, NULL);
    round_trips(&s, NULL);
    every_move_round_trips(s, 61);

    const int32_t dates[] = {day(2023, 3, 3), day(2025, 2, 2)};
    dated d;
    dated_init(&d, dates, 2);
    s = parse_ok("rolling:3,2,3", &d.ds);
    round_trips(&s, &d.ds);

    /* A moved cut written the way the split pane shows it. */
    s = parse_ok("period4:2024-07-02,2024-10-01,2025-01-01", NULL);
    ck_assert_int_eq(s.kind, CS_SCHEME_PERIOD4);
    ck_assert_int_eq(s.cuts_moved, 1);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 7, 1)), 0);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2024, 7, 2)), 1);
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2025, 3, 31)), 3); /* P4 still ends there */
    ck_assert_int_eq(cs_scheme_period_of(&s, day(2025, 4, 1)), -1);
    /* Moved back to the scheme's own date, a cut is not moved: the name is
     * the scheme's (the split pane read "scheme period4, cuts moved" over
     * period4's own three dates), and so is the name written with them. */
    cs_error err;
    char nm[CS_SCHEME_NAME_MAX];
    s = parse_ok("period4", NULL);
    ck_assert_int_eq(cs_scheme_move_cut(&s, 1, day(2024, 10, 8), &err), 0);
    ck_assert_str_eq(cs_scheme_name(&s, nm, sizeof nm), "period4:2024-07-01,2024-10-08,2025-01-01");
    ck_assert_int_eq(cs_scheme_move_cut(&s, 1, day(2024, 10, 1), &err), 0);
    ck_assert_int_eq(s.cuts_moved, 0);
    ck_assert_str_eq(cs_scheme_name(&s, nm, sizeof nm), "period4");
    s = parse_ok("year:2025-01-01", NULL);
    ck_assert_int_eq(s.cuts_moved, 0);
    ck_assert_str_eq(cs_scheme_name(&s, nm, sizeof nm), "year");
    s = parse_ok("year:2024-11-15", NULL);
    ck_assert_int_eq(s.kind, CS_SCHEME_YEAR);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 11, 14)), 1);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2024, 11, 15)), 2);
    ck_assert_int_eq(cs_split_side(&s, 1, day(2026, 1, 1)), 0);
}
END_TEST

/* The synopsis names every form the parser reads, and no other: each
 * example below, one of every kind the parser reads (written from
 * cs_scheme_parse's branches, not from the synopsis), matches exactly one
 * form, and every form is matched. A form matches by its literal part:
 * the whole text when it has no parameters, else the text's start with
 * something after it ("D1,D2,..." has none: a text starting with a digit).
 * The refusals quote the synopsis, so they name these forms too. */
static int form_matches(const char *form, size_t len, const char *text)
{
    size_t lit = 0;
    while (lit < len && ((form[lit] >= 'a' && form[lit] <= 'z') || (form[lit] >= '0' && form[lit] <= '9') ||
                         form[lit] == ':'))
        lit++;
    if (lit == len)
        return strlen(text) == len && strncmp(form, text, len) == 0;
    if (lit == 0)
        return text[0] >= '0' && text[0] <= '9';
    return strncmp(form, text, lit) == 0 && text[lit] != '\0';
}

START_TEST(the_synopsis_names_every_form)
{
    const int32_t dates[] = {day(2023, 3, 3), day(2025, 2, 2)};
    dated d;
    dated_init(&d, dates, 2);
    const char *const read[] = {"period4", "year", "2025-01-01", "2024-02-29,2024-03-01", "rolling:3,2,3",
                                "period4:2024-07-02,2024-10-01,2025-01-01", "year:2024-11-15"};
    const char *syn = CS_SCHEME_SYNOPSIS;
    size_t n_forms = 0;
    int matched[16] = {0};
    for (size_t i = 0; i < sizeof read / sizeof read[0]; i++) {
        parse_ok(read[i], &d.ds);
        int forms = 0;
        size_t f = 0;
        for (const char *p = syn; *p; f++) {
            size_t len = strcspn(p, "|");
            if (form_matches(p, len, read[i]))
                forms++, matched[f]++;
            p += len + (p[len] == '|');
        }
        n_forms = f;
        ck_assert_msg(forms == 1, "'%s' matches %d forms of %s", read[i], forms, syn);
    }
    ck_assert_uint_eq(n_forms, 6);
    for (size_t f = 0; f < n_forms; f++)
        ck_assert_msg(matched[f] > 0, "form %zu of %s matches nothing the parser reads", f + 1, syn);

    const char *const refused[] = {"bogus", "", "2024-13-01", "Period4"};
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        cs_scheme s;
        cs_error err;
        ck_assert_int_eq(cs_scheme_parse(refused[i], &d.ds, &s, &err), -1);
        ck_assert_msg(strstr(err.msg, syn) != NULL, "'%s': %s", refused[i], err.msg);
    }
}
END_TEST

START_TEST(moved_cuts_are_checked)
{
    parse_fails("period4:", NULL);
    parse_fails("period4:2024-07-01,2024-10-01", NULL);                       /* two cuts */
    parse_fails("period4:2024-07-01,2024-10-01,2025-01-01,2025-02-01", NULL); /* four */
    parse_fails("period4:2024-07-01,2024-10-01,2025-04-01", NULL);            /* P4 is empty */
    parse_fails("period4:2024-10-01,2024-07-01,2025-01-01", NULL);            /* not increasing */
    parse_fails("period4:2024-07-01,2024-07-01,2025-01-01", NULL);
    parse_fails("period4:2024-7-1,2024-10-01,2025-01-01", NULL);              /* not ISO */
    parse_fails("period4:2024-07-01,2024-10-01,2025-01-01,", NULL);
    parse_fails("period4 :2024-07-01,2024-10-01,2025-01-01", NULL);
    parse_fails("period4x", NULL);
    parse_fails("year:", NULL);
    parse_fails("year:2026-01-01", NULL);
    {
        /* The message names the last day allowed: year validates on 2025. */
        cs_scheme y;
        cs_error err;
        ck_assert_int_eq(cs_scheme_parse("year:2026-01-01", NULL, &y, &err), -1);
        ck_assert_str_eq(err.msg, "scheme 'year:2026-01-01': the last cut must be on or before "
                                  "2025-12-31, the last day of year");
        ck_assert_int_eq(cs_scheme_parse("year:2025-12-31", NULL, &y, &err), 0);
    }
    parse_fails("year:2024-02-30", NULL);
    parse_fails("year:2024-01-01,2024-06-01", NULL);
    parse_fails("rolling:3,3,3:2024-01-01", NULL);
    parse_fails("1899-12-31", NULL);                                          /* out of bounds */
    parse_fails("2200-01-01", NULL);
    parse_fails("period4:1899-12-31,2024-10-01,2025-01-01", NULL);

    /* Scrubbing cannot carry a cut where its name would no longer parse. */
    cs_scheme s = parse_ok("2199-12-01", NULL);
    cs_error err;
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2199, 12, 31), &err), 0);
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2200, 1, 1), &err), -1);
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(12000, 1, 1), &err), -1);
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(1899, 12, 31), &err), -1);

    /* A name that does not fit is left out, not cut off into another scheme. */
    s = parse_ok("2024-02-29,2024-03-01", NULL);
    char small[16] = "junk";
    ck_assert_str_eq(cs_scheme_name(&s, small, sizeof small), "");
    s = parse_ok("period4", NULL);
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2024, 7, 2), &err), 0);
    char fits[sizeof "period4:2024-07-02,2024-10-01,2025-01-01"];
    ck_assert_str_eq(cs_scheme_name(&s, fits, sizeof fits), "period4:2024-07-02,2024-10-01,2025-01-01");
    ck_assert_str_eq(cs_scheme_name(&s, fits, sizeof fits - 1), "");
}
END_TEST

/* cs_scheme_parse_kept anchors rolling windows on the kept rows only: with
 * 2024-01-15 left out, the first kept date is 2024-05-05, so rolling:3,2,3
 * cuts on 2024-08-01 and 2024-11-01 (2025-02-01 is after the last date,
 * 2024-12-10): two windows, the first trained from 2024-05-01. Every row
 * kept anchors on 2024-01 (three windows, rolling_windows). */
START_TEST(rolling_windows_follow_the_kept_rows)
{
    const int32_t dates[] = {day(2024, 1, 15), day(2024, 12, 10), day(2024, 5, 5)};
    dated d;
    dated_init(&d, dates, 3);
    const unsigned char keep[] = {0, 1, 1};
    cs_scheme s;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_scheme_parse_kept("rolling:3,2,3", &d.ds, keep, &s, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 2);
    ck_assert_int_eq(s.splits[0].train_lo, day(2024, 5, 1));
    ck_assert_int_eq(s.splits[0].val_lo, day(2024, 8, 1));
    ck_assert_int_eq(s.splits[1].val_lo, day(2024, 11, 1));
    ck_assert_int_eq(s.splits[1].val_hi, day(2025, 1, 1));
    /* Keeping none of the dated rows is no dates at all. */
    const unsigned char none[] = {0, 0, 0};
    ck_assert_int_eq(cs_scheme_parse_kept("rolling:3,2,3", &d.ds, none, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "need rows with dates (in the date range)") != NULL, "%s", err.msg);
}
END_TEST

/* Data on a single day have dates: they are shorter than a window, not
 * missing (2024-03-05: a one-month window from 2024-03 would cut on
 * 2024-04-01, after it). */
START_TEST(rolling_windows_over_a_single_day)
{
    const int32_t dates[] = {day(2024, 3, 5), CS_NO_DATE, day(2024, 3, 5)};
    dated d;
    dated_init(&d, dates, 3);
    cs_scheme s;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_scheme_parse("rolling:1,1,1", &d.ds, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "(2024-03-05 to 2024-03-05) are shorter than one 1-month") != NULL, "%s",
                  err.msg);
}
END_TEST

/* A named scheme is its name alone or followed by ':': "yearly" and
 * "period4x" are unknown schemes, not "year"/"period4" with a bad cut list.
 * A cut list is any spec starting with a digit, 9 included, so a cut in
 * 9999 is refused for its range, not as an unknown scheme. */
START_TEST(scheme_refusals_name_the_right_fault)
{
    cs_scheme s;
    cs_error err;
    memset(&err, 0, sizeof err);
    const char *const unknown[] = {"yearly", "period4x", "year2025-01-01"};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(cs_scheme_parse(unknown[i], NULL, &s, &err), -1);
        ck_assert_msg(strncmp(err.msg, "unknown scheme", 14) == 0, "%s: %s", unknown[i], err.msg);
    }
    ck_assert_int_eq(cs_scheme_parse("9999-01-01", NULL, &s, &err), -1);
    ck_assert_msg(strstr(err.msg, "cut date 9999-01-01 is outside 1900-01-01 .. 2199-12-31") != NULL, "%s",
                  err.msg);
}
END_TEST

/* One dated row, after period4's end, is a table the scheme misses: its
 * first and last dates are the same day. */
START_TEST(a_scheme_that_misses_a_single_row)
{
    const char *csv = "model,flops,date,acc\na,1e22,2026-01-08,0.2\nd,1e22,,0.3\n";
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "one", NULL, &ds, &err) == 0, "%s", err.msg);
    cs_scheme s = parse_ok("period4", ds);
    int32_t span[2], rows[2];
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, NULL, span, rows), 1);
    ck_assert(rows[0] == day(2026, 1, 8) && rows[1] == day(2026, 1, 8));
    cs_dataset_free(ds);
}
END_TEST

/* Synthetic data for the runner: 40 rows in P1 (scores at most 0.4), 30 in
 * P2 all scoring 0.99, 20 in P3 at 0.6, and 2 undated rows. */
static char *synthetic_csv(void)
{
    size_t cap = 16384, len = 0;
    char *buf = malloc(cap);
    len += (size_t)snprintf(buf + len, cap - len, "model,flops,date,acc\n");
    for (int i = 0; i < 40; i++) {
        double z = 21 + 0.3 * (i % 10);
        double y = 0.1 + 0.03 * (i % 10) - 0.01 * ((i * 7) % 5);
        len += (size_t)snprintf(buf + len, cap - len, "p1-%d,%.6e,2024-%02d-%02d,%.4f\n", i,
                                pow(10, z), 1 + i / 28, 1 + i % 28, y);
    }
    for (int i = 0; i < 30; i++)
        len += (size_t)snprintf(buf + len, cap - len, "p2-%d,%.6e,2024-08-%02d,0.99\n", i,
                                pow(10, 21.2 + 0.1 * i), 1 + i);
    for (int i = 0; i < 20; i++)
        len += (size_t)snprintf(buf + len, cap - len, "p3-%d,%.6e,2024-11-%02d,0.6\n", i,
                                pow(10, 21 + 0.15 * i), 1 + i);
    len += (size_t)snprintf(buf + len, cap - len, "u-1,1e22,,0.5\nu-2,1e23,,0.5\n");
    return buf;
}

static cs_dataset *synthetic(void)
{
    char *csv = synthetic_csv();
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_dataset_parse(csv, strlen(csv), "synthetic", NULL, &ds, &err);
    free(csv);
    ck_assert_msg(rc == 0, "synthetic data: %s", err.msg);
    ck_assert_uint_eq(ds->n_tasks, 1);
    return ds;
}

START_TEST(runner_counts_and_advancing_boundary)
{
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("period4", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    ck_assert_uint_eq(o.bins, CS_BINS_DEFAULT);
    ck_assert_uint_eq(o.min_bin, CS_MIN_BIN_DEFAULT);
    ck_assert_int_eq(o.oos_bins, CS_OOS_TRAIN_OVERLAP);
    o.min_bin = 5;
    cs_split_result r;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(r.k, 1);
    ck_assert_uint_eq(r.train_n, 40);
    ck_assert_uint_eq(r.val_n, 30);
    ck_assert(r.fitted);
    ck_assert_uint_eq(r.fit.n, 40);
    ck_assert_uint_eq(r.is_cov.n, 40); /* training bins span the training z */
    ck_assert_uint_gt(r.is_cov.n_bins, 0);
    /* Every P2 score (0.99) is above a boundary fitted to scores <= 0.4, so
     * hat_tau = 0 in every bin: signed error exactly -0.98. */
    ck_assert_uint_gt(r.oos_cov.n_bins, 0);
    ck_assert_double_eq_tol(r.oos_cov.signed_mean, -0.98, 1e-12);
    ck_assert_double_eq_tol(r.oos_cov.macro, 0.98, 1e-12);

    /* Split 2 (P2 -> P3) and 3 (P3 -> P4, nothing in P4). */
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 2, &o, &r, &err), 0);
    ck_assert_uint_eq(r.train_n, 30);
    ck_assert_uint_eq(r.val_n, 20);

    ck_assert_int_eq(cs_split_run(ds, 0, &s, 3, &o, &r, &err), 0);
    ck_assert_uint_eq(r.train_n, 20);
    ck_assert_uint_eq(r.val_n, 0);
    ck_assert(r.fitted);
    ck_assert_uint_eq(r.oos_cov.n_bins, 0);
    ck_assert(isnan(r.oos_cov.macro));

    ck_assert_int_eq(cs_split_run(ds, 0, &s, 4, &o, &r, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    /* No task 1: an input error, about no place in a file (error.h: file
     * empty and line 0 where they do not apply). */
    ck_assert_int_eq(cs_split_run(ds, 1, &s, 1, &o, &r, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.file, "");
    ck_assert_int_eq(err.line, 0);
    cs_dataset_free(ds);
}
END_TEST

/* A split whose coverage is known without fitting by hand: 40 training
 * rows (P1) scoring 0.3 at ten compute levels, 4 each, one of them dated
 * on P1's last day, plus a P1 row without a score; 20 validation rows (P2)
 * at the same levels, one scoring 0.1 and one 0.9 at each, the first dated
 * on the cut itself (2024-07-01 opens P2); and a P3 row that split 1 must
 * not see. */
static cs_dataset *known_coverage_data(void)
{
    size_t cap = 8192, len = 0;
    char *buf = malloc(cap);
    len += (size_t)snprintf(buf + len, cap - len, "model,flops,date,acc\n");
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(buf + len, cap - len, "t-%d,%.6e,%s,0.3\n", i, pow(10, 21 + 0.1 * (i % 10)),
                                i == 0 ? "2024-06-30" : "2024-03-01");
    len += (size_t)snprintf(buf + len, cap - len, "t-missing,3e21,2024-03-01,\n");
    for (int i = 0; i < 20; i++)
        len += (size_t)snprintf(buf + len, cap - len, "v-%d,%.6e,%s,%s\n", i, pow(10, 21 + 0.1 * (i % 10)),
                                i == 0 ? "2024-07-01" : "2024-08-01", i < 10 ? "0.1" : "0.9");
    len += (size_t)snprintf(buf + len, cap - len, "p3,3e21,2024-10-01,0.2\n");
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_dataset_parse(buf, len, "known", NULL, &ds, &err);
    free(buf);
    ck_assert_msg(rc == 0, "known data: %s", err.msg);
    return ds;
}

START_TEST(runner_coverage_by_hand)
{
    /* In sample: every training score is 0.3, so the smoothed loss is
     * least, row by row, at u = y - q with sigmoid(kappa u) = 1 - tau, i.e.
     * q = 0.3 - logit(0.02) / 50 = 0.3778 at every z: a flat boundary
     * (L = 0), which leaves b to the penalty, at its bound 0.05. Its
     * objective is rho(u) + lambda_b 0.05^2 with kappa u = log(0.02 / 0.98):
     * (-log 0.98 - 0.02 log(0.02 / 0.98)) / 50 + 2.5e-6. Every training
     * row lies below it, so hat_tau = 1 in each bin whatever the bins are:
     * macro = micro = signed = 1 - 0.98 = 0.02.
     * Out of sample: each compute level holds one validation row below q
     * (0.1) and one above (0.9), and the bins never split a level, so
     * hat_tau = 1/2 in every bin: macro = micro = 0.48, signed -0.48. Both
     * bin modes agree, since the validation levels are the training ones.
     * The bins themselves (coverage.h's rule, 10 wanted): training has 10
     * levels 21.0 .. 21.9 of 4 rows. With min 4 (target 4) every level
     * closes a bin, the empty [21.0, 21.0) merges away: 9 bins, the last
     * [21.8, 21.9] of 8 rows; train-overlap keeps them (the ranges are the
     * same). With min 30, [21.0, 21.7) holds 28 rows and merges: 1 bin, in
     * sample and out. test-fixed with min 4 bins the validation rows, 2 a
     * level: bins close at 21.1, 21.3, 21.5, 21.7, 21.9, the first (2 rows)
     * merges: 4 bins. */
    cs_dataset *ds = known_coverage_data();
    cs_scheme s = parse_ok("period4", NULL);
    static const struct {
        cs_oos_bins mode;
        size_t min_bin, is_bins, oos_bins;
    } cases[3] = { { CS_OOS_TRAIN_OVERLAP, 4, 9, 9 }, { CS_OOS_TEST_FIXED, 30, 1, 1 },
                   { CS_OOS_TEST_FIXED, 4, 9, 4 } };
    for (int mode = 0; mode < 3; mode++) {
        cs_split_opts o;
        cs_split_opts_init(&o);
        o.oos_bins = cases[mode].mode;
        o.min_bin = cases[mode].min_bin;
        cs_split_result r;
        cs_error err;
        memset(&err, 0, sizeof err);
        ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
        ck_assert_uint_eq(r.train_n, 40); /* the unscored row is not an observation */
        ck_assert_uint_eq(r.val_n, 20);   /* the row on the cut validates; P3's does not */
        ck_assert(r.fitted);
        double q = 0.3 - log(0.02 / 0.98) / 50;
        ck_assert_double_eq_tol(cs_fit_predict(&r.fit, 21.45), q, 1e-4);
        double j = (-log(0.98) - 0.02 * log(0.02 / 0.98)) / 50 + 1e-3 * 0.05 * 0.05;
        ck_assert_double_eq_tol(r.fit.objective, j, 1e-9);
        ck_assert_double_eq_tol(r.fit.coverage, 1, 1e-12);
        ck_assert_uint_eq(r.is_cov.n, 40);
        ck_assert_uint_eq(r.is_cov.n_bins, cases[mode].is_bins);
        ck_assert_uint_eq(r.oos_cov.n_bins, cases[mode].oos_bins);
        ck_assert_double_eq_tol(r.is_cov.macro, 0.02, 1e-12);
        ck_assert_double_eq_tol(r.is_cov.micro, 0.02, 1e-12);
        ck_assert_double_eq_tol(r.is_cov.signed_mean, 0.02, 1e-12);
        ck_assert_uint_eq(r.oos_cov.n, 20);
        ck_assert_uint_gt(r.oos_cov.n_bins, 0);
        for (size_t b = 0; b < r.oos_cov.n_bins; b++)
            ck_assert_double_eq_tol(r.oos_cov.bins[b].hat_tau, 0.5, 1e-12);
        ck_assert_double_eq_tol(r.oos_cov.macro, 0.48, 1e-12);
        ck_assert_double_eq_tol(r.oos_cov.micro, 0.48, 1e-12);
        ck_assert_double_eq_tol(r.oos_cov.signed_mean, -0.48, 1e-12);
    }
    cs_dataset_free(ds);
}
END_TEST

START_TEST(too_few_training_rows_is_not_an_error)
{
    cs_dataset *ds = synthetic();
    /* (-inf, 2024-01-04) holds p1-0..p1-2: three rows. */
    cs_scheme s = parse_ok("2024-01-04", NULL);
    cs_split_result r;
    cs_error err;
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, NULL, &r, &err), 0);
    ck_assert_uint_eq(r.train_n, 3);
    ck_assert_uint_eq(r.val_n, 37 + 30 + 20);
    ck_assert(!r.fitted);
    /* A day later, p1-3 too: four rows, CS_MIN_TASK_ROWS, are enough. */
    s = parse_ok("2024-01-05", NULL);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, NULL, &r, &err), 0);
    ck_assert_uint_eq(r.train_n, CS_MIN_TASK_ROWS);
    ck_assert(r.fitted);
    cs_dataset_free(ds);
}
END_TEST

static int stop_at_once(void *arg)
{
    (void)arg;
    return 1;
}

START_TEST(a_cancelled_split_fails)
{
    /* Enough training rows to fit (see above), and a cancel that says stop:
     * the split must fail as cancelled, not pass for one with too few rows
     * (fitted == 0 and success). */
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("2024-01-05", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.fit.cancel = stop_at_once;
    cs_split_result r;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, &o, &r, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(a_rerun_without_a_usable_prev_is_a_full_run)
{
    /* split.h: prev NULL, not fitted or of another task gives a full
     * cs_split_run. The fit is deterministic, so the same parameters and the
     * same number of passes over the rows, bit for bit. */
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("2024-01-20,2024-09-01", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.min_bin = 5;
    cs_split_result cold, unfitted, other, out;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, &o, &cold, &err), 0);
    ck_assert(cold.fitted);
    cs_scheme few = parse_ok("2024-01-04", NULL);
    ck_assert_int_eq(cs_split_run(ds, 0, &few, 1, &o, &unfitted, &err), 0);
    ck_assert(!unfitted.fitted);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 2, &o, &other, &err), 0);
    ck_assert(other.fitted);
    other.task = 1; /* a fit of another task */
    const cs_split_result *prevs[] = { NULL, &unfitted, &other };
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(cs_split_rerun(ds, 0, &s, 1, &o, prevs[i], &out, &err), 0);
        ck_assert(out.fitted);
        ck_assert_msg(memcmp(&out.fit.p, &cold.fit.p, sizeof out.fit.p) == 0, "prev %zu", i);
        ck_assert_uint_eq(out.fit.evals, cold.fit.evals);
    }
    cs_dataset_free(ds);
}
END_TEST

START_TEST(split_numbers_start_at_one)
{
    /* Split k is 1-based (split.h): 0 and one past the last are input errors. */
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("2024-01-20,2024-09-01", NULL);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 2);
    cs_split_result r;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 0, NULL, &r, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 3, NULL, &r, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(warm_rerun_after_moving_a_cut)
{
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("2024-01-20,2024-09-01", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.min_bin = 5;
    cs_split_result prev, warm, cold;
    cs_error err;
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, &o, &prev, &err), 0);
    ck_assert_uint_eq(prev.train_n, 19);
    /* One more day of training rows: the warm refit must agree with a cold one. */
    ck_assert_int_eq(cs_scheme_move_cut(&s, 0, day(2024, 1, 21), &err), 0);
    ck_assert_int_eq(cs_split_rerun(ds, 0, &s, 1, &o, &prev, &warm, &err), 0);
    ck_assert_int_eq(cs_split_run(ds, 0, &s, 1, &o, &cold, &err), 0);
    ck_assert_uint_eq(warm.train_n, 20);
    ck_assert_uint_eq(warm.val_n, cold.val_n);
    ck_assert(warm.fitted);
    ck_assert_double_le_tol(warm.fit.objective, cold.fit.objective, 1e-6);
    /* The rerun is a local search only (split.h), so it passes over the rows
     * fewer times than the cold fit's global search: a rerun that searched
     * globally would agree as well, and only this tells them apart. */
    ck_assert_uint_lt(warm.fit.evals, cold.fit.evals);
    /* out may be prev. */
    ck_assert_int_eq(cs_split_rerun(ds, 0, &s, 1, &o, &warm, &warm, &err), 0);
    ck_assert_uint_eq(warm.train_n, 20);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(drift_between_hand_made_boundaries)
{
    /* from: flat 0.4 on [21, 24]; to: flat 0.6 on [22, 25]. The overlap is
     * [22, 24]: at 1e23 (z = 23) dq = 0.2; 1e21 and 1e25 are outside. The
     * default accuracy is from's value mid-overlap (0.4), which the flat
     * `to` boundary reaches already at its smallest model. */
    cs_fit from = {0}, to = {0};
    from.p = (cs_params){0.4, 0, 22, 1};
    from.z_min = 21;
    from.z_max = 24;
    to.p = (cs_params){0.6, 0, 23, 1};
    to.z_min = 22;
    to.z_max = 25;
    const double levels[] = {21, 23, 25};
    cs_drift d = {0};
    cs_drift_between(&from, &to, levels, 3, NAN, &d);
    ck_assert(d.fitted);
    /* the levels asked for, as given (fewer than CS_DRIFT_MAX_LEVELS) */
    ck_assert_uint_eq(d.n_levels, 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_double_eq(d.z[i], levels[i]);
    ck_assert_double_eq(d.z_lo, 22);
    ck_assert_double_eq(d.z_hi, 24);
    ck_assert(isnan(d.dq[0]) && isnan(d.dq[2]));
    ck_assert_double_eq_tol(d.dq[1], 0.2, 1e-12);
    /* the two levels splits --drift prints beside dq: q_from_1e23 is the
     * flat 0.4, q_to_1e23 the flat 0.6; outside the overlap both are NaN */
    ck_assert_double_eq_tol(d.q_from[1], 0.4, 1e-12);
    ck_assert_double_eq_tol(d.q_to[1], 0.6, 1e-12);
    ck_assert(isnan(d.q_from[0]) && isnan(d.q_to[2]));
    ck_assert_double_eq_tol(d.accuracy, 0.4, 1e-12);
    ck_assert_int_eq(d.reach_to, CS_REACHED_AT_MIN);
    ck_assert(isnan(d.dz));

    /* Two sigmoids, the second shifted one decade left: reaching 0.5 (their
     * midpoint) needs exactly one decade less compute. */
    from.p = (cs_params){0, 1, 23, 2};
    to.p = (cs_params){0, 1, 22, 2};
    from.z_min = to.z_min = 20;
    from.z_max = to.z_max = 26;
    cs_drift_between(&from, &to, levels, 3, 0.5, &d);
    ck_assert_int_eq(d.reach_from, CS_REACHABLE);
    ck_assert_int_eq(d.reach_to, CS_REACHABLE);
    ck_assert_double_eq_tol(d.z_from, 23, 1e-9);
    ck_assert_double_eq_tol(d.z_to, 22, 1e-9); /* z_to: the shifted midpoint */
    ck_assert_double_eq_tol(d.dz, -1, 1e-9);
    ck_assert_double_eq_tol(d.dq[1], 1 / (1 + exp(-2.0)) - 0.5, 1e-12); /* q_to(23) - q_from(23) */
    ck_assert_double_eq_tol(d.q_from[1], 0.5, 1e-12);                 /* from's midpoint */
    ck_assert_double_eq_tol(d.q_to[1], 1 / (1 + exp(-2.0)), 1e-12);   /* sigmoid(2 (23 - 22)) */

    /* dz needs both reaches exact: against a flat 0.6, which reaches 0.5 at
     * its smallest model (CS_REACHED_AT_MIN), there is no dz. */
    to.p = (cs_params){0.6, 0, 22, 2};
    cs_drift_between(&from, &to, levels, 3, 0.5, &d);
    ck_assert_int_eq(d.reach_from, CS_REACHABLE);
    ck_assert_int_eq(d.reach_to, CS_REACHED_AT_MIN);
    ck_assert(isnan(d.dz));
    to.p = (cs_params){0, 1, 22, 2};

    cs_drift_between(&from, &to, levels, 3, 1.0, &d); /* at the ceiling: unreachable */
    ck_assert_int_eq(d.reach_from, CS_UNREACHABLE);
    ck_assert(isnan(d.z_from) && isnan(d.dz));
    ck_assert_str_eq(cs_reach_name(CS_UNREACHABLE), "unreachable");
}
END_TEST

START_TEST(drift_at_the_overlap_edges_and_without_overlap)
{
    /* Flat 0.4 on [21, 24] against flat 0.6 on [22, 25]: the overlap
     * [22, 24] is closed, so levels on its ends are compared (dq 0.2) and
     * levels just outside are not. */
    cs_fit from = {0}, to = {0};
    from.p = (cs_params){0.4, 0, 22, 1};
    from.z_min = 21;
    from.z_max = 24;
    to.p = (cs_params){0.6, 0, 23, 1};
    to.z_min = 22;
    to.z_max = 25;
    const double edges[] = {21.999, 22, 24, 24.001};
    cs_drift d = {0};
    cs_drift_between(&from, &to, edges, 4, NAN, &d);
    ck_assert(isnan(d.dq[0]) && isnan(d.q_from[0]) && isnan(d.q_to[0]));
    ck_assert_double_eq_tol(d.dq[1], 0.2, 1e-12);
    ck_assert_double_eq_tol(d.dq[2], 0.2, 1e-12);
    ck_assert(isnan(d.dq[3]));

    /* Disjoint ranges: sigmoid(2 (z - 21.5)) on [21, 22] and
     * sigmoid(2 (z - 23.5)) on [23, 24]. Nothing to compare at any level,
     * and no default accuracy (no middle of an overlap). Asked for 0.5,
     * each reaches it at its midpoint: dz = +2. Asked for 0.9, each needs
     * logit(0.9) / 2 = 1.0986 decades past its midpoint, beyond its range
     * (extrapolated), still dz = +2. */
    from.p = (cs_params){0, 1, 21.5, 2};
    from.z_min = 21;
    from.z_max = 22;
    to.p = (cs_params){0, 1, 23.5, 2};
    to.z_min = 23;
    to.z_max = 24;
    const double levels[] = {21.5, 23.5};
    cs_drift_between(&from, &to, levels, 2, NAN, &d);
    ck_assert(d.z_lo > d.z_hi);
    ck_assert(isnan(d.dq[0]) && isnan(d.dq[1]));
    ck_assert(isnan(d.accuracy) && isnan(d.dz));
    ck_assert_int_eq(d.reach_from, CS_UNREACHABLE);
    cs_drift_between(&from, &to, levels, 2, 0.5, &d);
    ck_assert_int_eq(d.reach_from, CS_REACHABLE);
    ck_assert_int_eq(d.reach_to, CS_REACHABLE);
    ck_assert_double_eq_tol(d.z_from, 21.5, 1e-12);
    ck_assert_double_eq_tol(d.dz, 2, 1e-12);
    cs_drift_between(&from, &to, levels, 2, 0.9, &d);
    ck_assert_int_eq(d.reach_from, CS_EXTRAPOLATED);
    ck_assert_int_eq(d.reach_to, CS_EXTRAPOLATED);
    ck_assert_double_eq_tol(d.z_from, 21.5 + log(9.0) / 2, 1e-12);
    ck_assert_double_eq_tol(d.dz, 2, 1e-12);

    /* Ranges that touch, [21, 23] and [23, 25]: the overlap is the one
     * level 23 (z_lo == z_hi is an overlap; split.h: none is z_lo > z_hi),
     * compared there, and the default accuracy is from's value at it,
     * sigmoid(2 (23 - 22)). */
    from.p = (cs_params){0, 1, 22, 2};
    from.z_min = 21;
    from.z_max = 23;
    to.p = (cs_params){0, 1, 21, 2};
    to.z_min = 23;
    to.z_max = 25;
    const double touch[] = {23};
    cs_drift_between(&from, &to, touch, 1, NAN, &d);
    ck_assert_double_eq(d.z_lo, 23);
    ck_assert_double_eq(d.z_hi, 23);
    ck_assert_double_eq_tol(d.dq[0], 1 / (1 + exp(-4.0)) - 1 / (1 + exp(-2.0)), 1e-12);
    ck_assert_double_eq_tol(d.accuracy, 1 / (1 + exp(-2.0)), 1e-12);
}
END_TEST

/* The default accuracy is from's value in the middle of the overlap: here
 * [21, 25] of [20, 26] and [21, 25], so from's midpoint 23 and 0.5. (dz
 * does not tell: the two boundaries are one decade apart at every
 * accuracy.) */
START_TEST(drift_default_accuracy_mid_overlap)
{
    cs_fit from = {0}, to = {0};
    from.p = (cs_params){0, 1, 23, 2};
    from.z_min = 20;
    from.z_max = 26;
    to.p = (cs_params){0, 1, 22, 2};
    to.z_min = 21;
    to.z_max = 25;
    const double levels[] = {23};
    cs_drift d = {0};
    cs_drift_between(&from, &to, levels, 1, NAN, &d);
    ck_assert_double_eq_tol(d.accuracy, 0.5, 1e-12);
    ck_assert_double_eq_tol(d.z_from, 23, 1e-9);
    ck_assert_double_eq_tol(d.dz, -1, 1e-9);
}
END_TEST

/* More levels than CS_DRIFT_MAX_LEVELS: the first CS_DRIFT_MAX_LEVELS are
 * compared and the rest are dropped, without touching what the kept ones
 * say. from = sigmoid(2 (z - 23)) and to = sigmoid(2 (z - 22)) on
 * [20, 26]; at z = 23 from is at its midpoint, 0.5, and to is one decade
 * past its own, 1 / (1 + e^-2) = 0.8808. The extra level 24 must leave no
 * trace in the kept ones. */
START_TEST(drift_keeps_at_most_the_maximum_levels)
{
    cs_fit from = {0}, to = {0};
    from.p = (cs_params){0, 1, 23, 2};
    to.p = (cs_params){0, 1, 22, 2};
    from.z_min = to.z_min = 20;
    from.z_max = to.z_max = 26;
    double levels[CS_DRIFT_MAX_LEVELS + 1];
    for (size_t i = 0; i < CS_DRIFT_MAX_LEVELS; i++)
        levels[i] = 23;
    levels[CS_DRIFT_MAX_LEVELS] = 24;
    cs_drift d = {0};
    cs_drift_between(&from, &to, levels, CS_DRIFT_MAX_LEVELS + 1, 0.5, &d);
    ck_assert_uint_eq(d.n_levels, CS_DRIFT_MAX_LEVELS);
    const double q_to = 1 / (1 + exp(-2.0));
    for (size_t i = 0; i < CS_DRIFT_MAX_LEVELS; i++) {
        ck_assert_double_eq(d.z[i], 23);
        ck_assert_double_eq_tol(d.q_from[i], 0.5, 1e-12);
        ck_assert_double_eq_tol(d.q_to[i], q_to, 1e-12);
        ck_assert_double_eq_tol(d.dq[i], q_to - 0.5, 1e-12);
    }
    ck_assert_double_eq(d.accuracy, 0.5);
}
END_TEST

START_TEST(drift_of_a_split)
{
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("period4", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    const double levels[] = {21.5, 22.5};
    cs_drift d;
    cs_error err;
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, NULL, levels, 2, NAN, &d, &err), 0);
    ck_assert(d.fitted);
    ck_assert_uint_eq(d.from_n, 40);
    ck_assert_uint_eq(d.to_n, 30);
    /* P2 scores all 0.99, P1 at most 0.4: the boundary rose by more than 0.5. */
    ck_assert(d.dq[0] > 0.5 && d.dq[1] > 0.5);
    const cs_drift fresh = d;

    /* The split's own result is reused as `from`: the same drift, and from_n
     * still counts the training rows (P1's 40), not the validation rows. */
    cs_split_result r;
    ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
    ck_assert(r.fitted);
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, &r, levels, 2, NAN, &d, &err), 0);
    ck_assert(d.fitted);
    ck_assert_uint_eq(d.from_n, 40);
    ck_assert_uint_eq(d.to_n, 30);
    ck_assert_double_eq(d.from.p.y0, r.fit.p.y0);
    ck_assert(d.dq[0] > 0.5 && d.dq[1] > 0.5);

    /* Another split's result is not: split 2's boundary is fitted on P2
     * (all 0.99), and taken as split 1's `from` it would show no rise. */
    ck_assert_msg(cs_split_run(ds, 0, &s, 2, &o, &r, &err) == 0, "%s", err.msg);
    ck_assert(r.fitted && r.k == 2);
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, &r, levels, 2, NAN, &d, &err), 0);
    ck_assert(d.fitted);
    ck_assert_double_eq(d.dq[0], fresh.dq[0]);
    ck_assert_double_eq(d.dq[1], fresh.dq[1]);
    /* Nor is a result of another task (the data has one: made here by
     * labelling split 1's result task 1, its boundary a flat 0.99). */
    ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
    r.task = 1;
    r.fit.p = (cs_params){0.99, 0, 22, 1};
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, &r, levels, 2, NAN, &d, &err), 0);
    ck_assert_double_eq(d.dq[0], fresh.dq[0]);
    ck_assert_double_eq(d.dq[1], fresh.dq[1]);
    /* P3 -> P4: no rows in P4, nothing to compare. */
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 3, &o, NULL, levels, 2, NAN, &d, &err), 0);
    ck_assert(!d.fitted);
    ck_assert_uint_eq(d.k, 3);
    /* Too few rows on the training side is no error either (split.h): three
     * rows before 2024-01-04; four, CS_MIN_TASK_ROWS, before 2024-01-05. */
    cs_scheme few = parse_ok("2024-01-04", NULL);
    ck_assert_int_eq(cs_split_drift(ds, 0, &few, 1, &o, NULL, levels, 2, NAN, &d, &err), 0);
    ck_assert(!d.fitted);
    ck_assert_uint_eq(d.from_n, 3);
    few = parse_ok("2024-01-05", NULL);
    ck_assert_int_eq(cs_split_drift(ds, 0, &few, 1, &o, NULL, levels, 2, NAN, &d, &err), 0);
    ck_assert_uint_eq(d.from_n, CS_MIN_TASK_ROWS);
    ck_assert(d.fitted);
    /* A split or task that is not there, and a cancel, are errors. */
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 0, &o, NULL, levels, 2, NAN, &d, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_int_eq(cs_split_drift(ds, 1, &s, 1, &o, NULL, levels, 2, NAN, &d, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    o.fit.cancel = stop_at_once;
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, NULL, levels, 2, NAN, &d, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_CANCELLED);
    cs_dataset_free(ds);
}
END_TEST

/* split.h: dz is NaN unless both reaches are exact. The mirror of
 * drift_between_hand_made_boundaries' case: here `from` is the flat 0.6
 * that reaches 0.5 at its smallest model (CS_REACHED_AT_MIN, z_from its
 * z_min, 20) and `to` reaches it exactly at its midpoint 22. */
START_TEST(drift_needs_an_exact_reach_on_the_from_side_too)
{
    cs_fit from = {0}, to = {0};
    from.p = (cs_params){0.6, 0, 22, 2};
    to.p = (cs_params){0, 1, 22, 2};
    from.z_min = to.z_min = 20;
    from.z_max = to.z_max = 26;
    const double levels[] = {23};
    cs_drift d = {0};
    cs_drift_between(&from, &to, levels, 1, 0.5, &d);
    ck_assert_int_eq(d.reach_from, CS_REACHED_AT_MIN);
    ck_assert_int_eq(d.reach_to, CS_REACHABLE);
    ck_assert_double_eq_tol(d.z_to, 22, 1e-12);
    ck_assert(isnan(d.dz));
}
END_TEST

/* Both boundaries of a drift are fully fitted (drift.c: no warm start,
 * whatever the split options say), and a split result that holds no fit
 * is no `from`: the same drift as with no result, each boundary the one
 * cs_fit_run gives on its rows with the default options (the second
 * method). */
START_TEST(drift_fits_afresh_whatever_it_is_given)
{
    cs_dataset *ds = synthetic();
    cs_scheme s = parse_ok("period4", NULL);
    const double levels[] = {21.5, 22.5};
    cs_error err;
    unsigned char *train = malloc(ds->n_rows), *val = malloc(ds->n_rows);
    cs_split_masks(&s, ds, 1, train, val);
    double *z = malloc(ds->n_rows * sizeof *z), *y = malloc(ds->n_rows * sizeof *y);
    cs_fit_opts fo;
    cs_fit_opts_init(&fo);
    cs_fit want_from, want_to;
    size_t n = cs_dataset_task_xy(ds, 0, train, z, y, NULL);
    ck_assert_int_eq(cs_fit_run(z, y, n, &fo, &want_from, &err), 0);
    n = cs_dataset_task_xy(ds, 0, val, z, y, NULL);
    ck_assert_int_eq(cs_fit_run(z, y, n, &fo, &want_to, &err), 0);

    /* A warm start far from either optimum, and warm only: a refit from it
     * would stay near it. */
    cs_params far = {0.0, 0.05, 25.5, 0.2};
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.fit.warm = &far;
    o.fit.warm_only = 1;
    cs_drift d;
    ck_assert_int_eq(cs_split_drift_masks(ds, 0, train, val, &o, NULL, levels, 2, NAN, &d, &err), 0);
    ck_assert(d.fitted);
    ck_assert_double_eq_tol(d.from.p.y0, want_from.p.y0, 1e-9);
    ck_assert_double_eq_tol(d.from.p.L, want_from.p.L, 1e-9);
    ck_assert_double_eq_tol(d.to.p.y0, want_to.p.y0, 1e-9);
    ck_assert_double_eq_tol(d.to.p.L, want_to.p.L, 1e-9);
    ck_assert_double_eq_tol(d.dq[0], cs_fit_predict(&want_to, 21.5) - cs_fit_predict(&want_from, 21.5), 1e-9);
    /* The same search, not one from the warm start that lands on the same
     * optimum: as many passes over the rows as the fresh fits took. */
    ck_assert_uint_eq(d.from.evals, want_from.evals);
    ck_assert_uint_eq(d.to.evals, want_to.evals);

    /* A result of this split and task that holds no fit: its (flat 0.99)
     * boundary is not taken as `from`. */
    cs_split_opts_init(&o);
    cs_split_result r;
    memset(&r, 0, sizeof r);
    r.task = 0;
    r.k = 1;
    r.fitted = 0;
    r.fit.p = (cs_params){0.99, 0, 22, 1};
    r.fit.z_min = 21;
    r.fit.z_max = 23;
    ck_assert_int_eq(cs_split_drift(ds, 0, &s, 1, &o, &r, levels, 2, NAN, &d, &err), 0);
    ck_assert(d.fitted);
    ck_assert_double_eq_tol(d.from.p.y0, want_from.p.y0, 1e-9);
    ck_assert_double_eq_tol(d.from.p.L, want_from.p.L, 1e-9);
    ck_assert_double_eq_tol(d.dq[1], cs_fit_predict(&want_to, 22.5) - cs_fit_predict(&want_from, 22.5), 1e-9);
    free(z);
    free(y);
    free(train);
    free(val);
    cs_dataset_free(ds);
}
END_TEST

/* A table dated after period4's end (2025-03-31) or year's (2025-12-31)
 * falls in no split: the scheme says so with its span and the rows' dates,
 * which the faces turn into an error; one row inside any period, or a
 * scheme of cut dates (open at the end), and it says nothing. */
START_TEST(a_scheme_that_misses_every_row)
{
    const char *csv = "model,flops,date,acc\n"
                      "a,1e22,2026-01-08,0.2\nb,1e23,2026-03-01,0.4\nc,1e24,2025-06-03,0.6\n"
                      "d,1e22,,0.3\n";
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "late", NULL, &ds, &err) == 0, "%s", err.msg);
    int32_t span[2], rows[2];
    char text[48];
    cs_scheme s = parse_ok("period4", ds);
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, NULL, span, rows), 1);
    ck_assert(span[0] == INT32_MIN && span[1] == day(2025, 4, 1)); /* P1 is open below, P4 ends on 03-31 */
    ck_assert(rows[0] == day(2025, 6, 3) && rows[1] == day(2026, 3, 1));
    ck_assert_str_eq(cs_scheme_span_text(span, text, sizeof text), "up to 2025-03-31");
    s = parse_ok("period4:2024-01-01,2024-02-01,2024-03-01", ds);
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, NULL, span, rows), 1);
    /* year: 2025-06-03 is in its validation period */
    s = parse_ok("year", ds);
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, NULL, span, rows), 0);
    /* ... unless the rows kept leave it out */
    const unsigned char keep[] = {1, 1, 0, 1};
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, keep, span, rows), 1);
    ck_assert(span[1] == day(2026, 1, 1) && rows[0] == day(2026, 1, 8) && rows[1] == day(2026, 3, 1));
    /* cut dates leave both ends open: every dated row is in a period */
    s = parse_ok("2024-07-01,2024-10-01", ds);
    ck_assert_int_eq(cs_scheme_misses_rows(&s, ds, NULL, span, rows), 0);
    const int32_t closed[2] = {day(2024, 1, 1), day(2025, 4, 1)}, open_end[2] = {day(2024, 1, 1), INT32_MAX},
                  open[2] = {INT32_MIN, INT32_MAX};
    ck_assert_str_eq(cs_scheme_span_text(closed, text, sizeof text), "2024-01-01 to 2025-03-31");
    ck_assert_str_eq(cs_scheme_span_text(open_end, text, sizeof text), "from 2024-01-01 on");
    ck_assert_str_eq(cs_scheme_span_text(open, text, sizeof text), "every date");
    cs_dataset_free(ds);
}
END_TEST

/* The rows a scheme's periods leave out, counted at either end; the faces
 * say them (splits' notes, the interface's split view). By hand: period4
 * is open below and ends on 2025-03-31, so the three dated rows (2025-06-03
 * and two of 2026) are after it; year ends on 2025-12-31, so the two of
 * 2026 are; a scheme of cut dates is open at both ends; the undated row
 * is never counted. */
START_TEST(rows_outside_the_periods_are_counted)
{
    const char *csv = "model,flops,date,acc\n"
                      "a,1e22,2026-01-08,0.2\nb,1e23,2026-03-01,0.4\nc,1e24,2025-06-03,0.6\n"
                      "d,1e22,,0.3\ne,1e22,2024-05-01,0.3\n";
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "late", NULL, &ds, &err) == 0, "%s", err.msg);
    size_t out[3] = { 0, 0, 0 };
    int32_t span[2];
    cs_scheme s = parse_ok("period4", ds);
    cs_scheme_rows_outside(&s, ds, NULL, out, span);
    ck_assert_uint_eq(out[0], 0);
    ck_assert_uint_eq(out[1], 3);
    ck_assert(span[0] == INT32_MIN && span[1] == day(2025, 4, 1));
    s = parse_ok("year", ds);
    cs_scheme_rows_outside(&s, ds, NULL, out, span);
    ck_assert_uint_eq(out[1], 2);
    const unsigned char keep[] = {1, 0, 1, 1, 1};
    cs_scheme_rows_outside(&s, ds, keep, out, span);
    ck_assert_uint_eq(out[1], 1);
    s = parse_ok("2024-07-01,2024-10-01", ds);
    cs_scheme_rows_outside(&s, ds, NULL, out, span);
    ck_assert(out[0] == 0 && out[1] == 0 && out[2] == 0);
    cs_dataset_free(ds);
    /* rolling:1,1,12 from 2024-05: train on May 2024, validate on June,
     * then May and June 2025. September 2024 is in neither window, nor
     * before the first or after the last: between them. */
    const char *gaps = "model,flops,date,acc\n"
                       "a,1e22,2024-05-01,0.2\nb,1e23,2024-06-10,0.4\nc,1e24,2024-09-15,0.6\n"
                       "d,1e22,2025-05-20,0.3\ne,1e23,2025-06-02,0.5\n";
    ck_assert_msg(cs_dataset_parse(gaps, strlen(gaps), "gaps", NULL, &ds, &err) == 0, "%s", err.msg);
    s = parse_ok("rolling:1,1,12", ds);
    ck_assert_uint_eq(cs_scheme_n_splits(&s), 2);
    cs_scheme_rows_outside(&s, ds, NULL, out, span);
    ck_assert(out[0] == 0 && out[1] == 0);
    ck_assert_uint_eq(out[2], 1);
    cs_dataset_free(ds);
}
END_TEST

/* The count of rows in no split, against its definition asked row by row
 * and split by split (cs_split_side): the count no longer asks every split
 * of every row (64 splits of a million rows were 45 ms on the interface's
 * thread), and must count the same rows. Dates fill 2019-2026 day by day
 * (every cut and window edge has rows on it and beside it), some rows are
 * undated, some not kept; the schemes have open and closed ends, gaps
 * between rolling windows, windows that overlap, and moved cuts. */
START_TEST(rows_outside_agree_with_every_split_asked)
{
    cs_dataset ds;
    memset(&ds, 0, sizeof ds);
    int32_t first = day(2019, 1, 1), last = day(2026, 12, 31);
    ds.n_rows = 3 * (size_t)(last - first + 1);
    ds.date = malloc(ds.n_rows * sizeof *ds.date);
    unsigned char *keep = malloc(ds.n_rows);
    ck_assert(ds.date && keep);
    for (size_t i = 0; i < ds.n_rows; i++) {
        ds.date[i] = i % 17 == 5 ? CS_NO_DATE : first + (int32_t)(i % (size_t)(last - first + 1));
        keep[i] = i % 7 != 3;
    }
    const char *fixed[] = { "period4", "year", "period4:2023-02-10,2024-08-01,2024-08-02", "year:2020-02-29",
                            "2019-01-01", "2020-06-15,2020-06-16,2026-12-31",
                            "2019-03-01,2019-06-01,2020-01-01,2021-07-04,2022-02-28,2023-12-31,2025-05-05" };
    char spec[64];
    size_t schemes = 0, in_none = 0;
    for (size_t f = 0; f < sizeof fixed / sizeof fixed[0] + 6 * 6 * 6; f++) {
        if (f < sizeof fixed / sizeof fixed[0])
            snprintf(spec, sizeof spec, "%s", fixed[f]);
        else {
            size_t r = f - sizeof fixed / sizeof fixed[0];
            snprintf(spec, sizeof spec, "rolling:%zu,%zu,%zu", 1 + r % 6 * 2, 1 + r / 6 % 6, 1 + r / 36 * 3);
        }
        cs_scheme s;
        cs_error err;
        if (cs_scheme_parse(spec, &ds, &s, &err) < 0)
            continue; /* more windows than a scheme holds */
        schemes++;
        for (int with_keep = 0; with_keep < 2; with_keep++) {
            const unsigned char *k = with_keep ? keep : NULL;
            size_t want[3] = { 0, 0, 0 }, got[3];
            int32_t span[2];
            cs_scheme_rows_outside(&s, &ds, k, got, span);
            for (size_t i = 0; i < ds.n_rows; i++) {
                if (ds.date[i] == CS_NO_DATE || (k && !k[i]))
                    continue;
                int side = 0;
                for (size_t j = 1; j <= cs_scheme_n_splits(&s); j++)
                    side |= cs_split_side(&s, j, ds.date[i]);
                if (!side)
                    want[(span[0] != INT32_MIN && ds.date[i] < span[0])   ? 0
                         : (span[1] != INT32_MAX && ds.date[i] >= span[1]) ? 1
                                                                          : 2]++;
            }
            for (int j = 0; j < 3; j++)
                ck_assert_msg(got[j] == want[j], "%s%s: outside[%d] %zu, by every split %zu", spec,
                              with_keep ? " (kept rows)" : "", j, got[j], want[j]);
            in_none += want[0] + want[1] + want[2];
        }
    }
    ck_assert_uint_ge(schemes, 100); /* the rolling windows mostly fit */
    ck_assert_uint_gt(in_none, 0);   /* and the counts are not all zero */
    free(keep);
    free(ds.date);
}
END_TEST

/* The split's own tau and bins judge it in sample too. known_coverage_data
 * at tau 0.9: every training score is 0.3 and the smoothed optimum is flat
 * at 0.3 - logit(0.1) / 50 = 0.344, above all of them, so hat_tau = 1 in
 * every bin: macro = signed = 1 - 0.9 = 0.1; out of sample each level has
 * one row below (0.1) and one above (0.9): 0.5 - 0.9 = -0.4. With 2 bins
 * wanted (min 4), target max(4, 40 / 2) = 20 closes bins at z = 21.4 (the
 * levels 21.0 .. 21.4, 20 rows) and 21.9: edges {21.0, 21.4, 21.9}. */
START_TEST(runner_judges_with_the_splits_tau_and_bins)
{
    cs_dataset *ds = known_coverage_data();
    cs_scheme s = parse_ok("period4", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.fit.tau = 0.9;
    o.bins = 2;
    o.min_bin = 4;
    cs_split_result r;
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
    ck_assert_double_eq_tol(cs_fit_predict(&r.fit, 21.45), 0.3 - log(0.1 / 0.9) / 50, 1e-4);
    ck_assert_uint_eq(r.is_cov.n_bins, 2);
    ck_assert_double_eq_tol(r.is_cov.bins[0].z_lo, 21.0, 1e-6);
    ck_assert_double_eq_tol(r.is_cov.bins[0].z_hi, 21.4, 1e-6);
    ck_assert_double_eq_tol(r.is_cov.bins[1].z_hi, 21.9, 1e-6);
    ck_assert_double_eq_tol(r.is_cov.macro, 0.1, 1e-12);
    ck_assert_double_eq_tol(r.is_cov.signed_mean, 0.1, 1e-12);
    ck_assert_uint_eq(r.oos_cov.n_bins, 2);
    ck_assert_double_eq_tol(r.oos_cov.signed_mean, -0.4, 1e-12);
    cs_dataset_free(ds);
}
END_TEST

/* A split asked for CS_MAX_BINS bins of one row at least gets them all, in
 * sample and out of sample, where the runner keeps the edges
 * (CS_MAX_BINS + 1 of them) on its stack. 128 distinct z = 20 + i / 32 in
 * training (P1) and the same 128 in validation (P2): as in test_coverage's
 * the_cap_itself_is_reachable, ceil(128 / 64) = 2 rows a bin, edges at the
 * first z and at z of rows 1, 3, ..., 127, so edge j (j >= 1) is
 * 20 + (2 j - 1) / 32; the validation range is the training range, so the
 * train-overlap bins are the same 64. */
START_TEST(runner_at_the_bin_cap)
{
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    len += (size_t)snprintf(buf + len, cap - len, "model,flops,date,acc\n");
    for (int side = 0; side < 2; side++)
        for (int i = 0; i < 128; i++)
            len += (size_t)snprintf(buf + len, cap - len, "%c-%d,%.15e,%s,0.3\n", side ? 'v' : 't', i,
                                    pow(10, 20 + i / 32.0), side ? "2024-08-01" : "2024-03-01");
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_dataset_parse(buf, len, "cap", NULL, &ds, &err);
    free(buf);
    ck_assert_msg(rc == 0, "cap data: %s", err.msg);
    cs_scheme s = parse_ok("period4", NULL);
    cs_split_opts o;
    cs_split_opts_init(&o);
    o.bins = CS_MAX_BINS;
    o.min_bin = 1;
    cs_split_result r;
    ck_assert_msg(cs_split_run(ds, 0, &s, 1, &o, &r, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(r.train_n, 128);
    ck_assert_uint_eq(r.val_n, 128);
    ck_assert_uint_eq(r.is_cov.n_bins, CS_MAX_BINS);
    ck_assert_uint_eq(r.oos_cov.n_bins, CS_MAX_BINS);
    ck_assert_double_eq_tol(r.is_cov.bins[0].z_lo, 20, 1e-9);
    ck_assert_double_eq_tol(r.oos_cov.bins[0].z_lo, 20, 1e-9);
    for (int j = 1; j <= CS_MAX_BINS; j++) {
        ck_assert_double_eq_tol(r.is_cov.bins[j - 1].z_hi, 20 + (2 * j - 1) / 32.0, 1e-9);
        ck_assert_double_eq_tol(r.oos_cov.bins[j - 1].z_hi, 20 + (2 * j - 1) / 32.0, 1e-9);
    }
    cs_dataset_free(ds);
}
END_TEST

START_TEST(reach_names)
{
    ck_assert_str_eq(cs_reach_name(CS_REACHABLE), "reachable");
    ck_assert_str_eq(cs_reach_name(CS_EXTRAPOLATED), "extrapolated");
    ck_assert_str_eq(cs_reach_name(CS_REACHED_AT_MIN), "at_min");
    ck_assert_str_eq(cs_reach_name(CS_UNREACHABLE), "unreachable");
}
END_TEST

static Suite *split_suite(void)
{
    Suite *s = suite_create("split");
    TCase *sch = tcase_create("schemes");
    tcase_add_test(sch, period4_boundaries);
    tcase_add_test(sch, year_scheme);
    tcase_add_test(sch, cut_dates_and_leap_days);
    tcase_add_test(sch, bad_schemes);
    tcase_add_test(sch, the_synopsis_names_every_form);
    tcase_add_test(sch, rolling_windows);
    tcase_add_test(sch, rolling_months_are_whole_numbers_from_1_to_1200);
    tcase_add_test(sch, rolling_windows_are_at_most_the_scheme_can_hold);
    tcase_add_test(sch, masks_follow_the_dates);
    tcase_add_test(sch, moving_a_cut);
    tcase_add_test(sch, every_scheme_name_parses_back);
    tcase_add_test(sch, moved_cuts_are_checked);
    tcase_add_test(sch, a_scheme_that_misses_every_row);
    tcase_add_test(sch, rows_outside_the_periods_are_counted);
    tcase_add_test(sch, rows_outside_agree_with_every_split_asked);
    tcase_add_test(sch, rolling_windows_follow_the_kept_rows);
    tcase_add_test(sch, rolling_windows_over_a_single_day);
    tcase_add_test(sch, scheme_refusals_name_the_right_fault);
    tcase_add_test(sch, a_scheme_that_misses_a_single_row);
    suite_add_tcase(s, sch);
    TCase *run = tcase_create("runner");
    tcase_set_timeout(run, 60);
    tcase_add_test(run, runner_counts_and_advancing_boundary);
    tcase_add_test(run, runner_coverage_by_hand);
    tcase_add_test(run, too_few_training_rows_is_not_an_error);
    tcase_add_test(run, a_cancelled_split_fails);
    tcase_add_test(run, a_rerun_without_a_usable_prev_is_a_full_run);
    tcase_add_test(run, split_numbers_start_at_one);
    tcase_add_test(run, warm_rerun_after_moving_a_cut);
    tcase_add_test(run, drift_between_hand_made_boundaries);
    tcase_add_test(run, drift_at_the_overlap_edges_and_without_overlap);
    tcase_add_test(run, drift_default_accuracy_mid_overlap);
    tcase_add_test(run, drift_keeps_at_most_the_maximum_levels);
    tcase_add_test(run, drift_of_a_split);
    tcase_add_test(run, drift_needs_an_exact_reach_on_the_from_side_too);
    tcase_add_test(run, drift_fits_afresh_whatever_it_is_given);
    tcase_add_test(run, runner_judges_with_the_splits_tau_and_bins);
    tcase_add_test(run, runner_at_the_bin_cap);
    tcase_add_test(run, reach_names);
    suite_add_tcase(s, run);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(split_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
