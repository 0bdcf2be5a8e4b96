/* bench_scrub.c - latency of re-running a split while a cut date is scrubbed.
 *
 * The TUI moves the P1|P2 cut of period4 one day (or one week) per key press
 * and re-runs split 1 with cs_split_rerun: new masks, a warm-started local
 * refit, in- and out-of-sample coverage. This measures that step on
 * $CAPSCOPE_SHARED_DATA/oll_reeval.csv (2409 rows), or on the built-in demo
 * data when the shared data is absent, and compares each warm result with a
 * cold cs_split_run at the same cut (the warm start must not lose accuracy).
 * Target: well under 50 ms per step.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>

#include "capscope/demo.h"
#include "capscope/split.h"

#include "bench_util.h"

#define MAX_STEPS 400

typedef struct scrub_stats {
    size_t steps;
    double median_ms, max_ms, cold_median_ms;
    double cpu_median_ms, cpu_max_ms;   /* this process's CPU time: the machine may be shared */
    double worst_gap;        /* max over steps of warm objective - cold objective */
    size_t train_lo, train_hi; /* training rows at the two ends of the scrub */
} scrub_stats;

/* Move cut 0 from `from` to `to` (day numbers) in steps of `step` days,
 * re-running split 1 warm after each move. */
static int scrub(const cs_dataset *ds, size_t task, int32_t from, int32_t to, int32_t step,
                 scrub_stats *st, cs_error *err)
{
    static double warm_ms[MAX_STEPS], cold_ms[MAX_STEPS], warm_cpu_ms[MAX_STEPS];
    cs_scheme s;
    if (cs_scheme_parse("period4", NULL, &s, err))
        return -1;
    cs_split_opts o;
    cs_split_opts_init(&o);
    cs_split_result cur, cold;
    if (cs_scheme_move_cut(&s, 0, from, err) || cs_split_run(ds, task, &s, 1, &o, &cur, err))
        return -1;
    memset(st, 0, sizeof *st);
    st->train_lo = cur.train_n;
    st->worst_gap = -INFINITY;
    for (int32_t day = from + step; day <= to && st->steps < MAX_STEPS; day += step) {
        if (cs_scheme_move_cut(&s, 0, day, err))
            return -1;
        double t0 = 1e3 * bench_wall_seconds(), c0 = 1e3 * bench_cpu_seconds();
        if (cs_split_rerun(ds, task, &s, 1, &o, &cur, &cur, err))
            return -1;
        double t1 = 1e3 * bench_wall_seconds(), c1 = 1e3 * bench_cpu_seconds();
        if (cs_split_run(ds, task, &s, 1, &o, &cold, err))
            return -1;
        double t2 = 1e3 * bench_wall_seconds();
        warm_ms[st->steps] = t1 - t0;
        warm_cpu_ms[st->steps] = c1 - c0;
        cold_ms[st->steps] = t2 - t1;
        if (cur.fitted && cold.fitted && cur.fit.objective - cold.fit.objective > st->worst_gap)
            st->worst_gap = cur.fit.objective - cold.fit.objective;
        st->steps++;
    }
    st->train_hi = cur.train_n;
    if (st->steps == 0)
        return 0;
    st->median_ms = bench_median(warm_ms, st->steps);
    st->max_ms = warm_ms[st->steps - 1]; /* sorted by bench_median */
    st->cold_median_ms = bench_median(cold_ms, st->steps);
    st->cpu_median_ms = bench_median(warm_cpu_ms, st->steps);
    st->cpu_max_ms = warm_cpu_ms[st->steps - 1];
    return 0;
}

static void report(const char *what, const scrub_stats *st)
{
    printf("  %-22s %3zu steps  warm median %.3f ms  max %.3f ms  (cpu median %.3f ms  max %.3f ms; "
           "cold median %.2f ms)  training rows %zu..%zu  worst objective gap warm-cold %+.2e\n",
           what, st->steps, st->median_ms, st->max_ms, st->cpu_median_ms, st->cpu_max_ms,
           st->cold_median_ms, st->train_lo, st->train_hi, st->worst_gap);
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[4096];
    cs_dataset *ds = NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc;
    snprintf(path, sizeof path, "%s/oll_reeval.csv", dir && *dir ? dir : "../shared/data");
    FILE *probe = fopen(path, "r");
    if (probe) {
        fclose(probe);
        rc = cs_dataset_load(path, NULL, &ds, &err);
    } else {
        printf("bench_scrub: %s is absent; scrubbing the built-in demo data instead\n", path);
        rc = cs_dataset_parse(cs_demo_csv, cs_demo_csv_size, "demo", NULL, &ds, &err);
    }
    if (rc) {
        char buf[1200];
        fprintf(stderr, "bench_scrub: %s\n", cs_error_string(&err, buf, sizeof buf));
        return 1;
    }

    size_t task = 0;
    int ifeval = cs_dataset_task_index(ds, "ifeval");
    if (ifeval >= 0)
        task = (size_t)ifeval;
    int32_t start, end;
    cs_parse_date("2024-01-01", &start);
    cs_parse_date("2024-09-30", &end);
    printf("bench_scrub: %s, %zu rows, task %s, period4 split 1, cut P1|P2 scrubbed "
           "2024-01-01..2024-09-30\n", ds->source, ds->n_rows, ds->tasks[task].name);

    scrub_stats daily, weekly;
    if (scrub(ds, task, start, end, 1, &daily, &err) ||
        scrub(ds, task, start, end, 7, &weekly, &err)) {
        char buf[1200];
        fprintf(stderr, "bench_scrub: %s\n", cs_error_string(&err, buf, sizeof buf));
        cs_dataset_free(ds);
        return 1;
    }
    report("day by day", &daily);
    report("week by week", &weekly);
    int ok = daily.max_ms < 50 && weekly.max_ms < 50;
    printf("  target: every step under 50 ms: %s\n", ok ? "met" : "MISSED");
    cs_dataset_free(ds);
    return 0;
}
