/* check_dataset.h - the promises of dataset.h, checked on a loaded dataset. */
#ifndef CAPSCOPE_FUZZ_CHECK_DATASET_H
#define CAPSCOPE_FUZZ_CHECK_DATASET_H

#include "capscope/config.h"
#include "capscope/dataset.h"
#include "capscope/error.h"

/* Abort unless ds keeps every promise of dataset.h (and, when cfg names
 * tasks, holds exactly those). */
void fuzz_check_dataset(const cs_dataset *ds, const cs_config *cfg);

/* Abort unless a failed load left *out NULL and a meaningful error. */
void fuzz_check_load_error(const cs_dataset *out, const cs_error *err);

#endif
