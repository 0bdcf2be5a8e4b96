/* demo.h - the synthetic demo data set, compiled into the binary.
 *
 * cs_demo_csv holds the bytes of data/demo.csv exactly (ASCII CSV with the
 * default column names; data/README.md documents it and the true boundaries
 * that generated it). cs_demo_csv_size is the file's length in bytes; a NUL
 * follows the last byte for convenience and is not counted. The C source that
 * defines both is generated at build time from data/demo.csv by
 * data/embed-csv.awk, so the CSV in the tree is the single source of truth.
 */
#ifndef CAPSCOPE_DEMO_H
#define CAPSCOPE_DEMO_H

#include <stddef.h>

extern const char cs_demo_csv[];
extern const size_t cs_demo_csv_size;

#endif
