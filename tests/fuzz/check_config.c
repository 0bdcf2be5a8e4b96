/* check_config.c - the promises of config.h, checked on a parsed config. */
#include <math.h>
#include <string.h>

#include "check_config.h"
#include "fuzz.h"

void fuzz_check_config(const cs_config *cfg)
{
    FUZZ_ASSERT(cfg->path != NULL);
    FUZZ_ASSERT(cfg->n_tasks <= CS_CONFIG_MAX_TASKS);
    for (size_t k = 0; k < cfg->n_tasks; k++) {
        FUZZ_ASSERT(cfg->tasks[k] != NULL);
        FUZZ_ASSERT(cfg->task_line[k] >= 1);
        for (size_t j = 0; j < k; j++)
            FUZZ_ASSERT(strcmp(cfg->tasks[j], cfg->tasks[k]) != 0);
    }
    FUZZ_ASSERT(isfinite(cfg->score_scale) && cfg->score_scale > 0.0);
    FUZZ_ASSERT(isfinite(cfg->params_unit) && cfg->params_unit > 0.0);
    FUZZ_ASSERT(isfinite(cfg->tokens_unit) && cfg->tokens_unit > 0.0);
    /* derive_flops needs both of its inputs. */
    FUZZ_ASSERT((cfg->derive_params_col == NULL) == (cfg->derive_tokens_col == NULL));
    /* A role set from the file carries the line it was set on. */
    FUZZ_ASSERT(!cfg->model_col || cfg->model_line >= 1);
    FUZZ_ASSERT(!cfg->flops_col || cfg->flops_line >= 1);
    FUZZ_ASSERT(!cfg->date_col || cfg->date_line >= 1);
    FUZZ_ASSERT(!cfg->cost_col || cfg->cost_line >= 1);
    FUZZ_ASSERT(!cfg->base_model_col || cfg->base_model_line >= 1);
    FUZZ_ASSERT(!cfg->derive_params_col || cfg->derive_params_line >= 1);
    FUZZ_ASSERT(!cfg->derive_tokens_col || cfg->derive_tokens_line >= 1);
}

void fuzz_check_config_defaults(const cs_config *cfg)
{
    FUZZ_ASSERT(cfg->model_col == NULL && cfg->flops_col == NULL && cfg->date_col == NULL);
    FUZZ_ASSERT(cfg->cost_col == NULL && cfg->base_model_col == NULL);
    FUZZ_ASSERT(cfg->n_tasks == 0);
    FUZZ_ASSERT(cfg->derive_params_col == NULL && cfg->derive_tokens_col == NULL);
    FUZZ_ASSERT(cfg->score_scale == 1.0 && cfg->params_unit == 1.0 && cfg->tokens_unit == 1.0);
    FUZZ_ASSERT(cfg->path == NULL);
}
