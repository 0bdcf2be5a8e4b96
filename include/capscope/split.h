/* split.h - chronological splits: train on one period, validate on the next.
 *
 * A scheme turns dates into periods; split k (1-based) trains on period k and
 * validates on period k + 1 (rolling windows: train on the W months before a
 * cut, validate on the H months after it, the cut stepping by S months).
 * Rows without a date belong to no period. Schemes (method.md, section 5):
 *   period4  P1 <= 2024-06-30 < P2 <= 2024-09-30 < P3 <= 2024-12-31 < P4 <= 2025-03-31
 *   year     train before 2025-01-01, validate on 2025
 *   cuts     D1,D2,...,Dn gives periods (-inf, D1), [D1, D2), ..., [Dn, +inf)
 *   rolling  W,H,S in months (the TUI's and CLI's "rolling:W,H,S")
 * and a named scheme with its cuts moved, "period4:D1,D2,D3" or "year:D":
 * the same periods with other cut dates, the last period still ending where
 * the named scheme's does (2025-03-31, 2025-12-31). Cut dates are ISO
 * YYYY-MM-DD, strictly increasing, within 1900-01-01 .. 2199-12-31, at most
 * CS_MAX_CUTS of them.
 * A split is a pair of row masks, so moving a cut date is a mask update and a
 * warm-started refit, not a reload.
 *
 * Every scheme is also stored as its list of splits (train and validation
 * date ranges), which is what the masks are built from: for period schemes
 * split k is (period k, period k + 1); rolling windows have no periods of
 * their own (n_periods == 0), only splits. Cut dates are written as given;
 * a cut date D always opens the later period (D belongs to it).
 *
 * Rolling windows are anchored at month starts: the first cut is the first
 * day of the month of the earliest dated row, plus W months; cuts then step
 * by S months while a cut is on or before the latest dated row. Split j
 * trains on [cut - W months, cut) and validates on [cut, cut + H months).
 *
 * Scrubbing (the TUI): move one cut with cs_scheme_move_cut, then call
 * cs_split_rerun with the previous result of the same task and split; it
 * rebuilds the masks and refits with a warm start only (cs_fit_opts.warm and
 * warm_only): a median 0.2 ms on 2,409 rows against about 5 ms for the full
 * multi-start (bench/bench_scrub). A warm-only refit can stay in a local optimum after a large
 * move; when the user stops scrubbing, run cs_split_run once for the final
 * figures.
 */
#ifndef CAPSCOPE_SPLIT_H
#define CAPSCOPE_SPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/coverage.h"
#include "capscope/dataset.h"
#include "capscope/error.h"
#include "capscope/fit.h"

#define CS_MAX_CUTS 64

typedef enum cs_scheme_kind { CS_SCHEME_PERIOD4, CS_SCHEME_YEAR, CS_SCHEME_CUTS, CS_SCHEME_ROLLING } cs_scheme_kind;

/* Date ranges [lo, hi) of one split, day numbers, INT32_MIN / INT32_MAX for open ends. */
typedef struct cs_split_range {
    int32_t train_lo, train_hi, val_lo, val_hi;
} cs_split_range;

typedef struct cs_scheme {
    cs_scheme_kind kind;
    /* Periods are [lo[k], hi[k]) in day numbers; INT32_MIN / INT32_MAX for open ends. */
    size_t n_periods;
    int32_t lo[CS_MAX_CUTS + 1], hi[CS_MAX_CUTS + 1];
    int window_months, horizon_months, step_months;  /* rolling only */
    /* The splits, split k (1-based) at splits[k - 1]. */
    size_t n_splits;
    cs_split_range splits[CS_MAX_CUTS + 1];
    int cuts_moved;      /* a named scheme's cuts are not its own ("period4:D1,D2,D3") */
} cs_scheme;

/* Every form cs_scheme_parse reads, as a synopsis: a literal word, or one
 * that ends where its parameters (capitals: D a date, W,H,S months) start,
 * between '|'. Its refusals quote it, and the TUI's :scheme, help and
 * completion are made from it, so none can offer less than is read. */
#define CS_SCHEME_SYNOPSIS "period4|year|D1,D2,...|rolling:W,H,S|period4:D1,D2,D3|year:D"

/* Parse "period4", "year", "2024-07-01,2024-10-01,...", "period4:D1,D2,D3",
 * "year:D" or "rolling:W,H,S" (CS_SCHEME_SYNOPSIS). Rolling windows need the
 * data's date range, hence ds (may be NULL otherwise). */
int cs_scheme_parse(const char *spec, const cs_dataset *ds, cs_scheme *out, cs_error *err);

/* The same, with rolling windows anchored on the rows whose keep[i] is set
 * (keep == NULL: every row), e.g. the rows within --since / --until, so that
 * no window falls wholly before or after the rows being judged. */
int cs_scheme_parse_kept(const char *spec, const cs_dataset *ds, const unsigned char *keep,
                         cs_scheme *out, cs_error *err);

/* The longest name cs_scheme_name writes, with its NUL: "period4:" and
 * CS_MAX_CUTS dates of 10 characters with their commas. */
#define CS_SCHEME_NAME_MAX (16 + CS_MAX_CUTS * 11)

/* The scheme's name ("period4", "year", "2024-07-01,2024-10-01",
 * "period4:2024-07-15,2024-10-01,2025-01-01", "rolling:6,3,3"), into buf;
 * returns buf. cs_scheme_parse reads every name back as the same scheme
 * (moved cuts included), so a name can be saved and restored. A name that
 * does not fit in size is not cut off: buf is left empty, which no scheme
 * parses from. */
const char *cs_scheme_name(const cs_scheme *s, char *buf, size_t size);

/* Number of splits (n_periods - 1 for period schemes, the windows for rolling). */
size_t cs_scheme_n_splits(const cs_scheme *s);

/* Period index of a day, or -1 when it falls in none (or day == CS_NO_DATE). */
int cs_scheme_period_of(const cs_scheme *s, int32_t day);

/* Which side of split k (1-based) a day is on: 1 train, 2 validation, 0 neither. */
int cs_split_side(const cs_scheme *s, size_t k, int32_t day);

/* Whether no split of s can be fitted on ds's dates: 1 when no dated row
 * (of those whose keep[i] is set; keep NULL: every row) falls in any period
 * of s, as a table dated after period4's or year's fixed end (2025-03-31,
 * 2025-12-31) does; span then holds the periods' first day and the day
 * after their last (INT32_MIN / INT32_MAX for an open end), rows the rows'
 * first and last dates. 0 when some row falls in one, or no row is dated.
 * Each face says it, with how to choose a scheme, in its own words. */
int cs_scheme_misses_rows(const cs_scheme *s, const cs_dataset *ds, const unsigned char *keep, int32_t span[2],
                          int32_t rows[2]);

/* The dated rows (of those whose keep[i] is set; keep NULL: every row) in
 * no split of s because they lie outside its periods: outside[0] the rows
 * dated before its first period, outside[1] those after its last (period4
 * ends on 2025-03-31, year on 2025-12-31, while a table may run on). span
 * holds the periods' first day and the day after their last, as
 * cs_scheme_misses_rows gives it. outside[2]: the rows between them in no
 * period all the same (rolling windows cut further apart than a window and
 * its validation: rolling:6,1,12 leaves five months of each year out).
 * All three 0 when s has no split. Each
 * face says it in its own words: the rows would otherwise go unseen. */
void cs_scheme_rows_outside(const cs_scheme *s, const cs_dataset *ds, const unsigned char *keep, size_t outside[3],
                            int32_t span[2]);

/* A span as cs_scheme_misses_rows gives it, in words: "up to 2025-03-31",
 * "from 2024-01-01 on", "2024-01-01 to 2025-03-31" or "every date". */
const char *cs_scheme_span_text(const int32_t span[2], char *buf, size_t size);

/* Masks for split k (1-based) over ds->n_rows rows; caller allocates n_rows each.
 * An out-of-range k gives empty masks. */
void cs_split_masks(const cs_scheme *s, const cs_dataset *ds, size_t k,
                    unsigned char *train, unsigned char *val);

/* Move cut `cut` (0-based: the boundary between period cut and cut + 1) of a
 * period scheme to `day`, which must stay strictly between its neighbouring
 * boundaries and within the cut dates' bounds; the splits follow, and for
 * period4 and year cuts_moved is set while any cut is off the scheme's own
 * date (cs_scheme_name then lists the cuts).
 * Returns -1 (scheme unchanged) for rolling windows, a bad index, an order
 * violation or a day out of bounds. */
int cs_scheme_move_cut(cs_scheme *s, size_t cut, int32_t day, cs_error *err);

/* One split of one task: fit on train, judge in and out of sample. */
typedef struct cs_split_result {
    size_t k, task;
    size_t train_n, val_n;
    int fitted;                  /* 0 when train_n < CS_MIN_TASK_ROWS (nothing else valid) */
    cs_fit fit;
    cs_coverage is_cov, oos_cov; /* oos_cov.n_bins == 0 when val_n == 0 or no overlap */
} cs_split_result;

typedef struct cs_split_opts {
    cs_fit_opts fit;
    cs_oos_bins oos_bins;
    size_t bins, min_bin;
} cs_split_opts;

/* Defaults: cs_fit_opts_init, train-overlap, CS_BINS_DEFAULT, CS_MIN_BIN_DEFAULT. */
void cs_split_opts_init(cs_split_opts *o);

/* Fit split k (1-based) of `task` on its training rows and judge it in
 * sample (bins on the training z) and out of sample. Fewer than
 * CS_MIN_TASK_ROWS training rows is not an error: out->fitted == 0. A bad k
 * or task is CS_ERR_INPUT; a fit that fails is passed on. */
int cs_split_run(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                 const cs_split_opts *o, cs_split_result *out, cs_error *err);

/* The same, warm-started from prev (a fitted result of the same task, usually
 * of the same split before a cut moved) with a local search only. prev ==
 * NULL, not fitted or of another task: a full cs_split_run. out may be prev. */
int cs_split_rerun(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                   const cs_split_opts *o, const cs_split_result *prev,
                   cs_split_result *out, cs_error *err);

/* The core of both, on masks the caller built (e.g. a hand-picked split). */
int cs_split_run_masks(const cs_dataset *ds, size_t task, const unsigned char *train,
                       const unsigned char *val, const cs_split_opts *o,
                       const cs_params *warm, cs_split_result *out, cs_error *err);

/* Drift: how far the boundary moved from one period to the next. For split
 * k, `from` is fitted on its training rows and `to` on its validation rows
 * (for period schemes: period k and period k + 1). The boundaries are
 * compared where both are backed by data: at each compute level inside the
 * overlap [z_lo, z_hi] of their fitting ranges, dq = q_to - q_from (positive:
 * the boundary rose); and for one accuracy, the compute each needs to reach
 * it, dz = z_to - z_from (negative: the newer models need less compute). */
#define CS_DRIFT_MAX_LEVELS 8

typedef struct cs_drift {
    size_t k, task;
    size_t from_n, to_n;     /* rows behind each boundary */
    int fitted;              /* both fitted; nothing below is valid otherwise */
    cs_fit from, to;
    double z_lo, z_hi;       /* overlap of the fitting ranges; z_lo > z_hi: none */
    size_t n_levels;
    double z[CS_DRIFT_MAX_LEVELS];        /* compute levels, log10 FLOPs */
    double q_from[CS_DRIFT_MAX_LEVELS], q_to[CS_DRIFT_MAX_LEVELS];
    double dq[CS_DRIFT_MAX_LEVELS];       /* NaN (all three) outside [z_lo, z_hi] */
    double accuracy;
    int reach_from, reach_to;             /* cs_fit_require statuses */
    double z_from, z_to;                  /* NaN when unreachable */
    double dz;                            /* NaN unless both are CS_REACHABLE or CS_EXTRAPOLATED */
} cs_drift;

/* Compare two fitted boundaries. accuracy NaN: the accuracy the `from`
 * boundary reaches in the middle of the overlap, so that dz says how much
 * less (or more) compute the newer boundary needs for it. At most
 * CS_DRIFT_MAX_LEVELS levels are used. */
void cs_drift_between(const cs_fit *from, const cs_fit *to, const double *z_levels,
                      size_t n_levels, double accuracy, cs_drift *out);

/* Drift of split k of a task. `done` may hold the split's cs_split_run result
 * (its fit is reused as `from`), or be NULL. Too few rows on either side is
 * not an error: out->fitted == 0. */
int cs_split_drift(const cs_dataset *ds, size_t task, const cs_scheme *s, size_t k,
                   const cs_split_opts *o, const cs_split_result *done,
                   const double *z_levels, size_t n_levels, double accuracy,
                   cs_drift *out, cs_error *err);

/* The same on masks the caller built; `from` may be a boundary already
 * fitted on the training rows (NULL: fitted here). */
int cs_split_drift_masks(const cs_dataset *ds, size_t task, const unsigned char *train,
                         const unsigned char *val, const cs_split_opts *o, const cs_fit *from,
                         const double *z_levels, size_t n_levels, double accuracy,
                         cs_drift *out, cs_error *err);

/* The reach status as a word: "reachable", "extrapolated", "at_min", "unreachable". */
const char *cs_reach_name(int status);

#endif
