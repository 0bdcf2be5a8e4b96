/* bench_outside.c - time of the note "N rows in no split" at growing sizes.
 *
 * The TUI says how many dated rows a scheme leaves out of every split
 * (cs_scheme_rows_outside) when s opens the split view, at :scheme and at
 * D, and checks at :scheme that some row falls in a split
 * (cs_scheme_misses_rows): both on the interface's thread, while no key is
 * read. This times them on 10,000, 100,000 and 1,000,000 rows dated
 * evenly over 65 months (2020-01 to 2025-05: rolling:1,1,1 then has the
 * most windows a scheme may have), for schemes of few and of many splits.
 * Only the dates matter to either function, so the rows have nothing else.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/date.h"
#include "capscope/split.h"

#include "bench_util.h"

#define REPS 5

/* The month-start cuts 2020-02-01, 2020-03-01, ... as a "D1,D2,..." scheme. */
static void monthly_cuts(char *buf, size_t size, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        int y = 2020 + (i + 1) / 12, m = (i + 1) % 12 + 1;
        used += (size_t)snprintf(buf + used, size - used, "%s%04d-%02d-01", i ? "," : "", y, m);
    }
}

int main(void)
{
    static const size_t sizes[] = { 10000, 100000, 1000000 };
    char cuts[CS_SCHEME_NAME_MAX];
    monthly_cuts(cuts, sizeof cuts, CS_MAX_CUTS);
    const char *schemes[] = { "period4", "year", "rolling:3,3,3", "rolling:1,1,1", "rolling:1,1,3", cuts };
    const char *labels[] = { "period4", "year", "rolling:3,3,3", "rolling:1,1,1", "rolling:1,1,3", "64 monthly cuts" };
    int32_t first = (int32_t)cs_days_from_civil(2020, 1, 1), last = (int32_t)cs_days_from_civil(2025, 5, 31);

    printf("== bench_outside: the note of rows in no split (cs_scheme_rows_outside, cs_scheme_misses_rows)\n");
    printf("%9s  %-16s %6s %10s %12s %12s\n", "rows", "scheme", "splits", "outside", "outside_ms", "misses_ms");
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        cs_dataset ds;
        memset(&ds, 0, sizeof ds);
        ds.n_rows = n;
        ds.date = malloc(n * sizeof *ds.date);
        if (!ds.date)
            return 1;
        for (size_t i = 0; i < n; i++)
            ds.date[i] = first + (int32_t)((uint64_t)i * 2654435761u % (uint64_t)(last - first + 1));
        for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
            cs_scheme s;
            cs_error err;
            if (cs_scheme_parse(schemes[k], &ds, &s, &err)) {
                fprintf(stderr, "bench_outside: %s: %s\n", labels[k], err.msg);
                return 1;
            }
            double t_out[REPS], t_miss[REPS];
            size_t outside[3];
            int32_t span[2], rows[2];
            for (int r = 0; r < REPS; r++) {
                double t0 = bench_wall_seconds();
                cs_scheme_rows_outside(&s, &ds, NULL, outside, span);
                double t1 = bench_wall_seconds();
                cs_scheme_misses_rows(&s, &ds, NULL, span, rows);
                double t2 = bench_wall_seconds();
                t_out[r] = 1e3 * (t1 - t0);
                t_miss[r] = 1e3 * (t2 - t1);
            }
            printf("%9zu  %-16s %6zu %10zu %12.2f %12.2f\n", n, labels[k], cs_scheme_n_splits(&s),
                   outside[0] + outside[1] + outside[2], bench_median(t_out, REPS), bench_median(t_miss, REPS));
        }
        free(ds.date);
    }
    return 0;
}
