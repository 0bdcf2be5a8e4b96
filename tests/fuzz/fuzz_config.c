/* fuzz_config.c - the YAML config loader. */
#include <string.h>

#include "capscope/config.h"
#include "check_config.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cs_config cfg;
    cs_error err = { 0 };
    if (cs_config_parse((const char *)data, size, "fuzz.yaml", &cfg, &err) == 0) {
        fuzz_check_config(&cfg);
        /* The CLI's --task goes through the same list: a new name is added
         * while there is room, a duplicate never is. */
        const char *extra = "fuzz-extra-task";
        int present = 0;
        for (size_t k = 0; k < cfg.n_tasks; k++)
            present |= strcmp(cfg.tasks[k], extra) == 0;
        size_t before = cfg.n_tasks;
        int rc = cs_config_add_task(&cfg, extra, &err);
        if (present || before == CS_CONFIG_MAX_TASKS)
            FUZZ_ASSERT(rc == -1 && cfg.n_tasks == before);
        else
            FUZZ_ASSERT(rc == 0 && cfg.n_tasks == before + 1 && strcmp(cfg.tasks[before], extra) == 0);
        FUZZ_ASSERT(cs_config_add_task(&cfg, extra, &err) == -1);
    } else {
        FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
        /* On failure the config is left initialised. */
        fuzz_check_config_defaults(&cfg);
    }
    cs_config_free(&cfg);
    fuzz_check_config_defaults(&cfg);
    /* Freeing twice must be harmless too: the CLI frees on every path. */
    cs_config_free(&cfg);
    return 0;
}
