/* fuzz_csv.c - the CSV reader with default column roles. */
#include <math.h>

#include "capscope/dataset.h"
#include "check_dataset.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_dataset *ds = NULL;
    cs_error err = { 0 };
    if (cs_dataset_parse((const char *)data, size, "fuzz.csv", NULL, &ds, &err) == 0) {
        fuzz_check_dataset(ds, NULL);
        /* The journal edits scores in place; the counts must follow. */
        if (ds->n_rows > 0) {
            cs_task *t = &ds->tasks[0];
            size_t before = t->n_scored - t->has[0];
            FUZZ_ASSERT(cs_dataset_set_score(ds, 0, 0, 0.5, &err) == 0);
            FUZZ_ASSERT(t->has[0] && t->y[0] == 0.5 && t->n_scored == before + 1);
            FUZZ_ASSERT(cs_dataset_set_score(ds, 0, 0, NAN, &err) == 0);
            FUZZ_ASSERT(!t->has[0] && t->y[0] == 0.0 && t->n_scored == before);
            FUZZ_ASSERT(cs_dataset_set_score(ds, 0, 0, 1.5, &err) == -1);
            FUZZ_ASSERT(cs_dataset_set_score(ds, ds->n_rows, 0, 0.5, &err) == -1);
        }
        cs_dataset_free(ds);
    } else {
        fuzz_check_load_error(ds, &err);
    }
    return 0;
}
