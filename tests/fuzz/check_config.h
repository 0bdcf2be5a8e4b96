/* check_config.h - the promises of config.h, checked on a parsed config. */
#ifndef CAPSCOPE_FUZZ_CHECK_CONFIG_H
#define CAPSCOPE_FUZZ_CHECK_CONFIG_H

#include "capscope/config.h"

/* Abort unless cfg is a config cs_config_parse may return on success. */
void fuzz_check_config(const cs_config *cfg);

/* Abort unless cfg holds every default (as after cs_config_init or _free). */
void fuzz_check_config_defaults(const cs_config *cfg);

#endif
