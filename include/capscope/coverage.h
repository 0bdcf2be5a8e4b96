/* coverage.h - how a boundary is judged: equal-mass bins and per-bin coverage.
 *
 * Bins are built on z (log10 FLOPs) with equal mass, at most `want` bins,
 * each of at least `min_size` rows where possible, and never splitting a
 * group of identical z values: edges fall only on distinct z values. Bin j is
 * [edge[j], edge[j+1]) and the last bin is closed. Fewer bins than asked is
 * normal (method.md, section 4).
 *
 * For each bin, hat_tau = fraction of its rows with y <= q(z) (q clamped to
 * the fit's range); the error is |hat_tau - tau|, the signed error
 * hat_tau - tau. The summary holds the macro mean over non-empty bins, the
 * n-weighted micro mean, and the mean signed error (macro); all three are NaN
 * when no row fell in any bin (there is nothing to judge).
 *
 * The semantics follow the reference (skill_frontier/evaluation/binning.py):
 * walking the distinct z values in order, a bin is closed once it holds at
 * least max(min_size, ceil(n / want)) rows, and the edge is placed at the
 * distinct value that completed it, so that value opens the next bin; then
 * bins smaller than min_size are merged into their smaller neighbour (the
 * first and last bins into their only neighbour) until none is left.
 */
#ifndef CAPSCOPE_COVERAGE_H
#define CAPSCOPE_COVERAGE_H

#include <stddef.h>

#include "capscope/fit.h"

#define CS_MAX_BINS 64
#define CS_BINS_DEFAULT 10
#define CS_MIN_BIN_DEFAULT 30

typedef struct cs_bin {
    double z_lo, z_hi;
    size_t n;
    double hat_tau;     /* NaN-free: 0 when n == 0 (such bins are left out of the means) */
} cs_bin;

typedef struct cs_coverage {
    size_t n_bins;      /* bins[j] spans [edges[j], edges[j+1]); the last is closed */
    cs_bin bins[CS_MAX_BINS];
    size_t n_judged;    /* bins holding a row (n > 0): those the means are over */
    size_t n;           /* rows that fell in some bin */
    double macro;       /* mean over non-empty bins of |hat_tau - tau| */
    double micro;       /* n-weighted mean of |hat_tau - tau| */
    double signed_mean; /* mean over non-empty bins of hat_tau - tau */
    int weighted;       /* measured with row weights (cs_coverage_eval_weighted) */
} cs_coverage;

typedef enum cs_oos_bins {
    CS_OOS_TRAIN_OVERLAP = 0, /* training edges, clipped to the train/validation overlap */
    CS_OOS_TEST_FIXED,        /* fresh equal-mass bins on the validation z */
} cs_oos_bins;

/* Equal-mass edges over z (n values, any order). Writes n_bins + 1 strictly
 * increasing edges (two equal edges when all z are equal) into edges, which
 * must hold CS_MAX_BINS + 1 values; returns n_bins: 0 when no z is finite
 * (n == 0), and when out of memory, which a caller with a finite z must
 * report rather than go on without bins. */
size_t cs_bin_edges(const double *z, size_t n, size_t want, size_t min_size, double *edges);

/* Coverage of fit f on rows (z, y) in the given bins. */
void cs_coverage_eval(const cs_fit *f, const double *z, const double *y, size_t n,
                      const double *edges, size_t n_bins, double tau, cs_coverage *out);

/* The same with row weights w (NULL: exactly cs_coverage_eval), for a fit
 * made with them (cs_fit_opts.weights, e.g. design weights): a bin's hat_tau
 * is the weight of its rows with y <= q(z) over the weight of its rows, which
 * estimates the coverage of every row the weighted rows stand for (the
 * pool), as the weighted fit estimates its boundary; micro weighs each bin by
 * its weight. Rows of weight 0 (or not > 0) are left out, as the fit leaves
 * them out, so n and bins[j].n count the rows of positive weight. Sets
 * out->weighted when w is not NULL. */
void cs_coverage_eval_weighted(const cs_fit *f, const double *z, const double *y, const double *w,
                               size_t n, const double *edges, size_t n_bins, double tau,
                               cs_coverage *out);

/* In-sample coverage as the fit's own rows judge it: cs_coverage_eval_weighted
 * (w may be NULL) on CS_BINS_DEFAULT equal-mass bins of z of at least
 * CS_MIN_BIN_DEFAULT rows. Returns 0, or -1 with out untouched when no bin
 * can be made (n == 0). */
int cs_coverage_in_sample(const cs_fit *f, const double *z, const double *y, const double *w,
                          size_t n, double tau, cs_coverage *out);

/* Out-of-sample coverage on validation rows: edges from the training z
 * (train_overlap) or from the validation z (test_fixed). Returns 0; 1 when
 * the ranges do not overlap or there are no validation rows (then
 * out->n_bins == 0 and the means are NaN); -1 with err filled when out of
 * memory (out untouched).
 *
 * train_overlap keeps the training edges, each clipped to the overlap
 * [max(min z_train, min z_val), min(max z_train, max z_val)]; bins left
 * without width by that (those wholly outside the overlap) are dropped, so
 * an overlap of a single z leaves none. Only validation rows inside the
 * remaining bins count. A bin inside the overlap may still hold no
 * validation row (the later models skip a compute range): it stays in
 * n_bins, as an edge, but not in n_judged, and the means leave it out. */
/* The edges cs_coverage_oos judges on, without judging: n_bins + 1 values
 * into edges (room for CS_MAX_BINS + 1); returns n_bins, 0 when none (or
 * out of memory). */
size_t cs_oos_edges(const double *z_train, size_t n_train, const double *z_val, size_t n_val,
                    cs_oos_bins mode, size_t want, size_t min_size, double *edges);

/* Parse "train-overlap" | "test-fixed" (also with '_'); -1 when unknown. */
int cs_oos_bins_parse(const char *s, cs_oos_bins *out);
const char *cs_oos_bins_name(cs_oos_bins mode);

int cs_coverage_oos(const cs_fit *f, const double *z_train, size_t n_train,
                    const double *z_val, const double *y_val, size_t n_val,
                    cs_oos_bins mode, size_t want, size_t min_size, double tau,
                    cs_coverage *out, cs_error *err);

#endif
