/* cursor.c - the cursor's order of a task's points (cursor.h). */
#include <math.h>
#include <stdlib.h>

#include "tui/cursor.h"

typedef struct z_row {
    double z;
    size_t row;
} z_row;

static int cmp_z_row(const void *a, const void *b)
{
    const z_row *p = a, *q = b;
    int pn = isnan(p->z), qn = isnan(q->z);
    if (pn != qn)
        return pn - qn;
    if (!pn && p->z != q->z)
        return p->z < q->z ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

size_t *tui_rows_by_z(const cs_dataset *ds)
{
    size_t n = ds->n_rows;
    z_row *tmp = malloc((n + 1) * sizeof *tmp);
    size_t *order = malloc((n + 1) * sizeof *order);
    if (!tmp || !order) {
        free(tmp);
        free(order);
        return NULL;
    }
    for (size_t r = 0; r < n; r++)
        tmp[r] = (z_row){ ds->z[r], r };
    qsort(tmp, n, sizeof *tmp, cmp_z_row);
    for (size_t k = 0; k < n; k++)
        order[k] = tmp[k].row;
    free(tmp);
    return order;
}

/* Sort order[lo, hi) (point indices of equal compute, ascending) by (y,
 * index). Runs are short (models sharing a compute), so insertion sort,
 * which is linear on the usual run of one or two; it is stable, so equal
 * scores keep their index order. */
static void sort_run_by_y(size_t *order, size_t lo, size_t hi, const double *y)
{
    for (size_t k = lo + 1; k < hi; k++) {
        size_t v = order[k], j = k;
        while (j > lo && y[order[j - 1]] > y[v]) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

typedef struct y_index {
    double y;
    size_t i;
} y_index;

static int cmp_y_index(const void *a, const void *b)
{
    const y_index *p = a, *q = b;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* A long run (many models at one compute) is sorted with qsort instead, to
 * keep the worst case O(n log n) rather than quadratic. */
static int sort_long_run(size_t *order, size_t lo, size_t hi, const double *y)
{
    size_t m = hi - lo;
    y_index *tmp = malloc(m * sizeof *tmp);
    if (!tmp)
        return -1;
    for (size_t k = 0; k < m; k++)
        tmp[k] = (y_index){ y[order[lo + k]], order[lo + k] };
    qsort(tmp, m, sizeof *tmp, cmp_y_index);
    for (size_t k = 0; k < m; k++)
        order[lo + k] = tmp[k].i;
    free(tmp);
    return 0;
}

int tui_cursor_order(const size_t *zorder, size_t n_rows, const unsigned char *has,
                     const double *z, const double *y, size_t n, size_t *order, size_t *scratch)
{
    size_t k = 0;
    for (size_t r = 0; r < n_rows; r++)
        if (has[r])
            scratch[r] = k++; /* the row's point index */
    if (k != n)
        return -1;
    k = 0;
    for (size_t j = 0; j < n_rows; j++)
        if (has[zorder[j]])
            order[k++] = scratch[zorder[j]];
    for (size_t a = 0; a < n;) {
        size_t b = a + 1;
        double za = z[order[a]];
        while (b < n && (z[order[b]] == za || (isnan(za) && isnan(z[order[b]]))))
            b++;
        if (b - a > 64) {
            if (sort_long_run(order, a, b, y) < 0)
                return -1;
        } else if (b - a > 1)
            sort_run_by_y(order, a, b, y);
        a = b;
    }
    return 0;
}
