/* bench_util.h - the clocks and the summary statistic every benchmark uses.
 *
 * Header-only (each benchmark is its own program). Wall time is
 * CLOCK_MONOTONIC; CPU time is this process's, which unlike the wall clock
 * does not count the time other processes on a busy machine took from us.
 */
#ifndef CAPSCOPE_BENCH_UTIL_H
#define CAPSCOPE_BENCH_UTIL_H

#include <stddef.h>
#include <time.h>

#include <gsl/gsl_sort.h>

static inline double bench_wall_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline double bench_cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Sorts v[0..n-1] (n >= 1) in place and returns v[n / 2]: the median for odd
 * n, the upper of the two middle values for even n (always a measured time). */
static inline double bench_median(double *v, size_t n)
{
    gsl_sort(v, 1, n);
    return v[n / 2];
}

#endif
