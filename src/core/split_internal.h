/* split_internal.h - what the split runner (split.c) and the drift report
 * (drift.c) share: both take a split number and work on its row masks.
 */
#ifndef CAPSCOPE_SPLIT_INTERNAL_H
#define CAPSCOPE_SPLIT_INTERNAL_H

#include "capscope/split.h"

/* Check that split k (1-based) exists in scheme s, then allocate and fill its
 * train and validation masks (cs_split_masks), max(ds->n_rows, 1) bytes each.
 * Returns 0 (the caller frees both), or -1 with err set and both NULL: no
 * data or no scheme, no such split (input errors), out of memory. */
int cs_split_masks_new(const cs_dataset *ds, const cs_scheme *s, size_t k,
                       unsigned char **train, unsigned char **val, cs_error *err);

#endif
