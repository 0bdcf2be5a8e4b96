/* cursor.h - the cursor's order of a task's points: by compute, then
 * score, then point index.
 *
 * Compute belongs to the row, not the task, so the rows are sorted by
 * compute once per data set (tui_rows_by_z) and a task's order is that
 * order filtered by the task's scores, with only the runs of equal compute
 * left to sort by score: O(n) plus the runs instead of a sort of n points
 * (about 150 ms at a million). The fit worker builds it for each task off
 * the screen's thread; a task shown before its worker is done builds it in
 * place, the same way. */
#ifndef CAPSCOPE_TUI_CURSOR_H
#define CAPSCOPE_TUI_CURSOR_H

#include <stddef.h>

#include "capscope/dataset.h"

/* Every row of ds by compute (NaN last), ties by row: a new array of
 * ds->n_rows (+1) to free, or NULL on no memory. */
size_t *tui_rows_by_z(const cs_dataset *ds);

/* The points of a task, its n scored rows (has) in row order as
 * cs_dataset_task_xy gives them (z their compute, y their scores), in the
 * cursor's order: order[k] = the k-th point index by (compute, score,
 * index). zorder from tui_rows_by_z for n_rows rows; scratch: n_rows of
 * scratch. Returns 0, or -1 on no memory or when the task's scored rows
 * are not n. */
int tui_cursor_order(const size_t *zorder, size_t n_rows, const unsigned char *has,
                     const double *z, const double *y, size_t n, size_t *order, size_t *scratch);

#endif
