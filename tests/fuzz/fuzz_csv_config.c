/* fuzz_csv_config.c - the CSV reader driven by a YAML config.
 *
 * Input: a config, the line "==csv==", then the CSV. Without that line the
 * whole input is the config and the CSV is a small fixed table, so that the
 * fuzzer can also explore configs that name columns the data lacks.
 */
#include <string.h>

#include "capscope/config.h"
#include "capscope/dataset.h"
#include "check_config.h"
#include "check_dataset.h"
#include "fuzz.h"

static const char separator[] = "\n==csv==\n";

static const char fixed_csv[] =
    "model,base_model,params_b,tokens_t,flops,date,alpha,beta,pct\n"
    "m1,m1,1,1,1e21,2024-01-01,0.1,0.2,10\n"
    "m2,m1,2,,,2024-03-01,0.2,0.3,20\n"
    "m3,m3,7,2,8.4e22,2024-07-15,0.4,,35\n"
    "m4,m3,13,15,,2024-10-01,0.5,0.6,55\n"
    "m5,,70,15,6.3e24,2025-02-01,0.7,0.8,80\n";

/* The first separator line (memmem is a GNU extension). */
static const char *find_separator(const char *text, size_t size)
{
    size_t n = sizeof separator - 1;
    for (size_t i = 0; i + n <= size; i++)
        if (text[i] == '\n' && memcmp(text + i, separator, n) == 0)
            return text + i;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *csv = fixed_csv;
    size_t yaml_len = size, csv_len = sizeof fixed_csv - 1;
    const char *sep = find_separator(text, size);
    if (sep) {
        yaml_len = (size_t)(sep - text) + 1;
        csv = sep + sizeof separator - 1;
        csv_len = size - (size_t)(csv - text);
    }

    cs_config cfg;
    cs_error err = { 0 };
    if (cs_config_parse(text, yaml_len, "fuzz.yaml", &cfg, &err) == 0) {
        fuzz_check_config(&cfg);
        cs_dataset *ds = NULL;
        if (cs_dataset_parse(csv, csv_len, "fuzz.csv", &cfg, &ds, &err) == 0) {
            fuzz_check_dataset(ds, &cfg);
            cs_dataset_free(ds);
        } else {
            fuzz_check_load_error(ds, &err);
        }
    }
    cs_config_free(&cfg);
    return 0;
}
