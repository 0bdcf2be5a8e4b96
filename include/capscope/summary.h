/* summary.h - a mean over repeated runs and the standard error of that mean,
 * as sweep reports them over its seeds.
 *
 * The standard error is s / sqrt(n), s the sample standard deviation
 * (divisor n - 1): the spread of the mean of n independent runs. With fewer
 * than two runs there is no spread to estimate and it is NaN; with none the
 * mean is NaN too.
 *
 * Several quantities per run (one per task) with some missing (a task whose
 * refit could not be made in that run) are summarised run first: each run's
 * present values are averaged, and the mean and its standard error are over
 * the runs with at least one value. Both numbers describe the same sample, so
 * they agree however the gaps fall; a mean of per-task means would weight a
 * task that fails often as much as one that never fails, and its standard
 * error would not follow from the runs.
 */
#ifndef CAPSCOPE_SUMMARY_H
#define CAPSCOPE_SUMMARY_H

#include <stddef.h>

typedef struct cs_summary {
    size_t n;    /* values (or runs) summarised */
    double mean; /* NaN when n == 0 */
    double se;   /* standard error of the mean; NaN when n < 2 */
} cs_summary;

/* The n values x[0], x[stride], ..., x[(n - 1) * stride]. */
cs_summary cs_summary_mean_se(const double *x, size_t stride, size_t n);

/* Runs by columns, row-major: x[r * n_cols + k] counts when has[r * n_cols + k]
 * is non-zero. Each run with some value gives the mean of its values, written
 * to run_means (n_runs entries of room; the first summary.n are used), and the
 * summary is of those run means. */
cs_summary cs_summary_run_means(const double *x, const unsigned char *has, size_t n_runs,
                                size_t n_cols, double *run_means);

#endif
