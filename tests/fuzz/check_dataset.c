/* check_dataset.c - the promises of dataset.h, checked on a loaded dataset.
 *
 * The loader promises no NaN and no infinity anywhere, flops > 0 with
 * z = log10(flops), scores in [0, 1] with explicit `has` flags counted in
 * n_scored, at least one task, and explicit tasks kept as named. Each is
 * checked here so that a fuzzed input breaking one is a crash.
 */
#include <math.h>
#include <string.h>

#include "check_dataset.h"
#include "fuzz.h"

static void check_task(const cs_dataset *ds, size_t k)
{
    const cs_task *t = &ds->tasks[k];
    FUZZ_ASSERT(t->name != NULL && t->name[0] != '\0');
    FUZZ_ASSERT(ds->n_rows == 0 || (t->y != NULL && t->has != NULL));
    size_t scored = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        FUZZ_ASSERT(t->has[i] == 0 || t->has[i] == 1);
        FUZZ_ASSERT(isfinite(t->y[i]) && t->y[i] >= 0.0 && t->y[i] <= 1.0);
        FUZZ_ASSERT(t->has[i] || t->y[i] == 0.0);
        scored += t->has[i];
    }
    FUZZ_ASSERT(scored == t->n_scored);
    /* A later task may share a name only if the lookup finds an earlier one. */
    int found = cs_dataset_task_index(ds, t->name);
    FUZZ_ASSERT(found >= 0 && (size_t)found <= k);
}

static void check_task_xy(const cs_dataset *ds)
{
    size_t n = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(n * sizeof *z), *y = malloc(n * sizeof *y);
    size_t *rows = malloc(n * sizeof *rows);
    FUZZ_ASSERT(z && y && rows);
    for (size_t k = 0; k < ds->n_tasks; k++) {
        size_t m = cs_dataset_task_xy(ds, k, NULL, z, y, rows);
        FUZZ_ASSERT(m == ds->tasks[k].n_scored);
        for (size_t j = 0; j < m; j++) {
            FUZZ_ASSERT(rows[j] < ds->n_rows && ds->tasks[k].has[rows[j]]);
            FUZZ_ASSERT(z[j] == ds->z[rows[j]] && y[j] == ds->tasks[k].y[rows[j]]);
            FUZZ_ASSERT(j == 0 || rows[j] > rows[j - 1]);
        }
    }
    free(z);
    free(y);
    free(rows);
}

void fuzz_check_dataset(const cs_dataset *ds, const cs_config *cfg)
{
    FUZZ_ASSERT(ds != NULL);
    FUZZ_ASSERT(ds->source != NULL);
    FUZZ_ASSERT(ds->n_tasks >= 1 && ds->tasks != NULL);
    FUZZ_ASSERT(ds->header_line >= 1);
    for (size_t i = 0; i < ds->n_rows; i++) {
        FUZZ_ASSERT(ds->model[i] != NULL);
        FUZZ_ASSERT(ds->base_model == NULL || ds->base_model[i] != NULL);
        FUZZ_ASSERT(isfinite(ds->flops[i]) && ds->flops[i] > 0.0);
        FUZZ_ASSERT(isfinite(ds->z[i]) && fabs(ds->z[i] - log10(ds->flops[i])) <= 1e-9 * (1.0 + fabs(ds->z[i])));
        FUZZ_ASSERT(isfinite(ds->cost[i]));
        FUZZ_ASSERT(ds->has_cost[i] == 0 || ds->has_cost[i] == 1);
        FUZZ_ASSERT(ds->has_cost[i] || ds->cost[i] == 0.0);
        FUZZ_ASSERT(ds->line[i] > ds->header_line);
        FUZZ_ASSERT(i == 0 || ds->line[i] > ds->line[i - 1]);
        if (ds->date[i] != CS_NO_DATE) {
            /* A kept date must print as a date that parses back to itself. */
            char buf[32];
            int32_t back;
            FUZZ_ASSERT(cs_format_date(ds->date[i], buf, sizeof buf) != NULL);
            FUZZ_ASSERT(cs_parse_date(buf, &back) == 0 && back == ds->date[i]);
        }
        long first = cs_dataset_find_model(ds, ds->model[i]);
        FUZZ_ASSERT(first >= 0 && (size_t)first <= i && strcmp(ds->model[first], ds->model[i]) == 0);
    }
    FUZZ_ASSERT(ds->n_derived_flops <= ds->n_rows);
    for (size_t k = 0; k < ds->n_tasks; k++)
        check_task(ds, k);
    check_task_xy(ds);

    if (cfg && cfg->n_tasks > 0) {
        FUZZ_ASSERT(ds->n_tasks == cfg->n_tasks);
        for (size_t k = 0; k < ds->n_tasks; k++) {
            FUZZ_ASSERT(strcmp(ds->tasks[k].name, cfg->tasks[k]) == 0);
            FUZZ_ASSERT(ds->tasks[k].n_scored >= CS_MIN_TASK_ROWS);
        }
    }
}

void fuzz_check_load_error(const cs_dataset *out, const cs_error *err)
{
    FUZZ_ASSERT(out == NULL);
    FUZZ_ASSERT(err->kind == CS_ERR_INPUT || err->kind == CS_ERR_RUNTIME);
    FUZZ_ASSERT(memchr(err->msg, '\0', sizeof err->msg) != NULL && err->msg[0] != '\0');
    FUZZ_ASSERT(memchr(err->file, '\0', sizeof err->file) != NULL);
    FUZZ_ASSERT(err->line >= 0);
}
