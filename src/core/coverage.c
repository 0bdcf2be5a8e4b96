/* coverage.c - equal-mass bins on z that never split ties, and per-bin coverage.
 *
 * The binning reproduces the reference's group-aware rule exactly (see
 * coverage.h): bin counts and therefore every reported error depend on where
 * the edges fall, so "roughly equal mass" is not good enough for parity.
 */
#include "capscope/coverage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>

/* Working room for edges before merging: the greedy pass can emit want + 1
 * edges plus one duplicate of the first (see cs_bin_edges). */
#define EDGE_ROOM (CS_MAX_BINS + 3)

/* First index i with v[i] >= x (v sorted ascending). */
static size_t lower_bound(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* First index i with v[i] > x (v sorted ascending). */
static size_t upper_bound(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Rows of sorted z in each bin of edges[0..n_edges-1]; the last bin closed. */
static void bin_counts(const double *z, size_t n, const double *edges, size_t n_edges,
                       size_t *counts)
{
    for (size_t j = 0; j + 1 < n_edges; j++) {
        size_t lo = lower_bound(z, n, edges[j]);
        size_t hi = (j + 2 == n_edges) ? upper_bound(z, n, edges[j + 1])
                                       : lower_bound(z, n, edges[j + 1]);
        counts[j] = hi > lo ? hi - lo : 0;
    }
}

static void remove_edge(double *edges, size_t *n_edges, size_t at)
{
    memmove(edges + at, edges + at + 1, (*n_edges - at - 1) * sizeof *edges);
    (*n_edges)--;
}

/* Merge bins below min_size into a neighbour, one at a time from the left,
 * always towards the smaller neighbour (ties go left), until none is left
 * or one bin remains. */
static void merge_small_bins(const double *z, size_t n, double *edges, size_t *n_edges,
                             size_t min_size)
{
    size_t counts[EDGE_ROOM];
    while (*n_edges > 2) {
        size_t n_bins = *n_edges - 1;
        bin_counts(z, n, edges, *n_edges, counts);
        size_t bad = n_bins;
        for (size_t j = 0; j < n_bins; j++) {
            if (counts[j] < min_size) {
                bad = j;
                break;
            }
        }
        if (bad == n_bins)
            break;
        if (bad == 0)
            remove_edge(edges, n_edges, 1);
        else if (bad == n_bins - 1)
            remove_edge(edges, n_edges, *n_edges - 2);
        else if (counts[bad - 1] <= counts[bad + 1])
            remove_edge(edges, n_edges, bad);
        else
            remove_edge(edges, n_edges, bad + 1);
    }
}

size_t cs_bin_edges(const double *z, size_t n, size_t want, size_t min_size, double *edges)
{
    if (!z || !edges || n == 0)
        return 0;
    if (want < 1)
        want = 1;
    if (want > CS_MAX_BINS)
        want = CS_MAX_BINS;
    if (min_size < 1)
        min_size = 1;

    double *sorted = malloc(n * sizeof *sorted);
    if (!sorted)
        return 0;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(z[i]))
            sorted[m++] = z[i];
    if (m == 0) {
        free(sorted);
        return 0;
    }
    gsl_sort(sorted, 1, m);

    size_t n_groups = 1;
    for (size_t i = 1; i < m; i++)
        if (sorted[i] != sorted[i - 1])
            n_groups++;
    if (n_groups == 1) {
        edges[0] = edges[1] = sorted[0];
        free(sorted);
        return 1;
    }

    size_t k_eff = want < n_groups ? want : n_groups;
    size_t target = (m + k_eff - 1) / k_eff;
    if (target < min_size)
        target = min_size;

    double work[EDGE_ROOM];
    size_t n_work = 0;
    work[n_work++] = sorted[0];
    size_t acc = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && sorted[j] == sorted[i])
            j++;
        acc += j - i;
        if ((acc >= target || j == m) && n_work < EDGE_ROOM) {
            work[n_work++] = sorted[i];
            acc = 0;
        }
        i = j;
    }

    merge_small_bins(sorted, m, work, &n_work, min_size);

    size_t n_edges = 0;
    edges[n_edges++] = work[0];
    for (size_t i = 1; i < n_work && n_edges <= CS_MAX_BINS; i++)
        if (work[i] > edges[n_edges - 1])
            edges[n_edges++] = work[i];
    if (n_edges < 2) {
        edges[0] = edges[1] = sorted[m - 1];
        n_edges = 2;
    }
    free(sorted);
    return n_edges - 1;
}

/* Bin of z among n_bins bins, or -1 when outside them all. */
static long bin_of(const double *edges, size_t n_bins, double z)
{
    if (!(z >= edges[0]) || !(z <= edges[n_bins]))
        return -1;
    /* The lower edges are strictly increasing, so the bin is the last lower
     * edge at or below z; only the last bin may also hold its upper edge. */
    size_t j = upper_bound(edges, n_bins, z);
    return (long)j - 1;
}

void cs_coverage_eval(const cs_fit *f, const double *z, const double *y, size_t n,
                      const double *edges, size_t n_bins, double tau, cs_coverage *out)
{
    cs_coverage_eval_weighted(f, z, y, NULL, n, edges, n_bins, tau, out);
}

/* The power of two that brings the largest weight into [1, 2): the ratios
 * are the same at any scale and a power of two scales exactly, but sums of
 * weights near DBL_MAX would overflow and ones near the smallest doubles
 * lose their digits. 0 when no weight is positive and finite. */
static int weight_scale(const double *w, size_t n)
{
    double wmax = 0.0;
    for (size_t i = 0; i < n; i++)
        if (w[i] > wmax && isfinite(w[i]))
            wmax = w[i];
    return wmax > 0.0 ? -ilogb(wmax) : 0;
}

void cs_coverage_eval_weighted(const cs_fit *f, const double *z, const double *y, const double *w,
                               size_t n, const double *edges, size_t n_bins, double tau,
                               cs_coverage *out)
{
    memset(out, 0, sizeof *out);
    out->macro = out->micro = out->signed_mean = NAN;
    out->weighted = w != NULL;
    if (n_bins > CS_MAX_BINS)
        n_bins = CS_MAX_BINS;
    if (!edges || n_bins == 0)
        return;
    out->n_bins = n_bins;

    /* Unweighted, every row weighs 1 and these sums are the counts exactly. */
    double below[CS_MAX_BINS] = {0}, weight[CS_MAX_BINS] = {0};
    const int scale = w ? weight_scale(w, n) : 0;
    for (size_t j = 0; j < n_bins; j++) {
        out->bins[j].z_lo = edges[j];
        out->bins[j].z_hi = edges[j + 1];
    }
    for (size_t i = 0; i < n; i++) {
        double wi = w ? scalbn(w[i], scale) : 1.0;
        if (!isfinite(y[i]) || !(wi > 0.0) || !isfinite(wi))
            continue;
        long j = bin_of(edges, n_bins, z[i]);
        if (j < 0)
            continue;
        out->bins[j].n++;
        weight[j] += wi;
        if (y[i] <= cs_fit_predict(f, z[i]))
            below[j] += wi;
    }

    double sum_abs = 0, sum_signed = 0, sum_weighted = 0, total = 0;
    size_t non_empty = 0;
    for (size_t j = 0; j < n_bins; j++) {
        cs_bin *b = &out->bins[j];
        if (b->n == 0)
            continue;
        b->hat_tau = below[j] / weight[j];
        double dev = b->hat_tau - tau;
        sum_abs += fabs(dev);
        sum_signed += dev;
        sum_weighted += weight[j] * fabs(dev);
        total += weight[j];
        out->n += b->n;
        non_empty++;
    }
    out->n_judged = non_empty;
    if (non_empty > 0) {
        out->macro = sum_abs / (double)non_empty;
        out->signed_mean = sum_signed / (double)non_empty;
        out->micro = sum_weighted / total;
    }
}

int cs_coverage_in_sample(const cs_fit *f, const double *z, const double *y, const double *w,
                          size_t n, double tau, cs_coverage *out)
{
    double edges[CS_MAX_BINS + 1];
    size_t n_bins = cs_bin_edges(z, n, CS_BINS_DEFAULT, CS_MIN_BIN_DEFAULT, edges);
    if (n_bins == 0)
        return -1;
    cs_coverage_eval_weighted(f, z, y, w, n, edges, n_bins, tau, out);
    return 0;
}

static void finite_range(const double *z, size_t n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(z[i]))
            continue;
        if (z[i] < *lo)
            *lo = z[i];
        if (z[i] > *hi)
            *hi = z[i];
    }
}

static int any_finite(const double *z, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isfinite(z[i]))
            return 1;
    return 0;
}

/* cs_bin_edges found no bin for z that has a finite value: its sort's copy
 * could not be allocated. */
static int binning_failed(size_t n_bins, const double *z, size_t n)
{
    return n_bins == 0 && z && any_finite(z, n);
}

/* cs_oos_edges, with *nomem set when a binning ran out of memory (and 0
 * returned), which is no statement about the overlap. */
static size_t oos_edges(const double *z_train, size_t n_train, const double *z_val, size_t n_val,
                        cs_oos_bins mode, size_t want, size_t min_size, double *edges, int *nomem)
{
    *nomem = 0;
    if (n_val == 0 || !z_val || !edges)
        return 0;
    if (mode == CS_OOS_TEST_FIXED) {
        size_t n_bins = cs_bin_edges(z_val, n_val, want, min_size, edges);
        *nomem = binning_failed(n_bins, z_val, n_val);
        return n_bins;
    }

    double train_edges[CS_MAX_BINS + 1];
    size_t n_bins = cs_bin_edges(z_train, n_train, want, min_size, train_edges);
    if (n_bins == 0) {
        *nomem = binning_failed(n_bins, z_train, n_train);
        return 0;
    }
    double tr_lo, tr_hi, va_lo, va_hi;
    finite_range(z_train, n_train, &tr_lo, &tr_hi);
    finite_range(z_val, n_val, &va_lo, &va_hi);
    double lo = tr_lo > va_lo ? tr_lo : va_lo;
    double hi = tr_hi < va_hi ? tr_hi : va_hi;
    if (!(lo <= hi))
        return 0;

    /* Every edge is clipped, not only the outer two: a training bin that
     * lies wholly outside the overlap holds no validation row, and kept as
     * an empty bin it would be counted (oos_bins) and printed (--bins) as if
     * it had been judged. */
    for (size_t j = 0; j <= n_bins; j++) {
        if (train_edges[j] < lo)
            train_edges[j] = lo;
        if (train_edges[j] > hi)
            train_edges[j] = hi;
    }
    /* Keep the bins that still have width (the reference's 1e-12 guard);
     * clipped edges are still ordered, so what is kept is one run of
     * consecutive bins. */
    size_t first = n_bins, last = 0;
    for (size_t j = 0; j < n_bins; j++) {
        if (train_edges[j + 1] > train_edges[j] + 1e-12) {
            if (first == n_bins)
                first = j;
            last = j;
        }
    }
    /* An overlap of one z value (the ranges touch, or one side has a single
     * compute level) leaves no bin: there is no range to bin. */
    if (first == n_bins)
        return 0;
    size_t kept = last - first + 1;
    memcpy(edges, train_edges + first, (kept + 1) * sizeof *edges);
    return kept;
}

size_t cs_oos_edges(const double *z_train, size_t n_train, const double *z_val, size_t n_val,
                    cs_oos_bins mode, size_t want, size_t min_size, double *edges)
{
    int nomem;
    return oos_edges(z_train, n_train, z_val, n_val, mode, want, min_size, edges, &nomem);
}

int cs_coverage_oos(const cs_fit *f, const double *z_train, size_t n_train,
                    const double *z_val, const double *y_val, size_t n_val,
                    cs_oos_bins mode, size_t want, size_t min_size, double tau,
                    cs_coverage *out, cs_error *err)
{
    double edges[CS_MAX_BINS + 1];
    int nomem;
    size_t n_bins = oos_edges(z_train, n_train, z_val, n_val, mode, want, min_size, edges, &nomem);
    if (nomem)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    cs_coverage_eval(f, z_val, y_val, n_val, edges, n_bins, tau, out);
    return n_bins > 0 ? 0 : 1;
}

int cs_oos_bins_parse(const char *s, cs_oos_bins *out)
{
    if (!s)
        return -1;
    if (!strcmp(s, "train-overlap") || !strcmp(s, "train_overlap")) {
        *out = CS_OOS_TRAIN_OVERLAP;
        return 0;
    }
    if (!strcmp(s, "test-fixed") || !strcmp(s, "test_fixed")) {
        *out = CS_OOS_TEST_FIXED;
        return 0;
    }
    return -1;
}

const char *cs_oos_bins_name(cs_oos_bins mode)
{
    return mode == CS_OOS_TEST_FIXED ? "test-fixed" : "train-overlap";
}
