/* summary.c - means over runs and their standard errors (summary.h). */
#include <math.h>

#include <gsl/gsl_statistics_double.h>

#include "capscope/summary.h"

cs_summary cs_summary_mean_se(const double *x, size_t stride, size_t n)
{
    cs_summary s = { .n = n, .mean = NAN, .se = NAN };
    if (n == 0)
        return s;
    s.mean = gsl_stats_mean(x, stride, n);
    if (n >= 2)
        s.se = gsl_stats_sd_m(x, stride, n, s.mean) / sqrt((double)n);
    return s;
}

cs_summary cs_summary_run_means(const double *x, const unsigned char *has, size_t n_runs,
                                size_t n_cols, double *run_means)
{
    size_t m = 0;
    for (size_t r = 0; r < n_runs; r++) {
        double sum = 0;
        size_t present = 0;
        for (size_t k = 0; k < n_cols; k++) {
            if (!has[r * n_cols + k])
                continue;
            sum += x[r * n_cols + k];
            present++;
        }
        if (present)
            run_means[m++] = sum / (double)present;
    }
    return cs_summary_mean_se(run_means, 1, m);
}
