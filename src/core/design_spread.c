/* design_spread.c - the order in which a group offers its rows to the sampler.
 *
 * A group's rows (one base model's fine-tunes at one compute level,
 * design_strata.c) are put in order of release date, then of the model's
 * name without its uploader, then of row: slots 0..M-1. The sampler takes
 * them in the order the sequence x_k = u + k phi (mod 1), phi = (sqrt 5 -
 * 1) / 2, first lands in each slot's share [s / M, (s + 1) / M) of [0, 1),
 * with u drawn per group from the seed: a randomized systematic draw along
 * the date.
 *
 * Why: fine-tunes of one base released close together resemble each other
 * (one lab's versions of a recipe, the iterations of one method, a batch of
 * merges) and lie alike against the boundary. A draw spread along the date
 * stratifies the group finely by release, so the handful of rows above the
 * boundary that decide a 0.98 quantile are neither missed together nor
 * found together as often as in a simple random draw. On the shared data
 * this is the largest single gain of the sampler (design_quantile.c).
 *
 * Two properties make it safe:
 *  - every prefix is spread: by the three-distance theorem the gaps between
 *    the first n points take at most three sizes, the largest at most
 *    1 + phi times the smallest, for every n, so the sampler need not know
 *    how many rows it will take from the group;
 *  - u is uniform, so each x_k is: a slot is among the first n slots with
 *    probability n / M (tests/unit/test_design checks it on a grid of u),
 *    and the design weights N / n (cs_design_weights) stay those of an
 *    equal-probability draw.
 * Scores never enter the order; a row without a date sorts first.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/date.h"
#include "design_internal.h"

#define GOLDEN_FRACTION 0.61803398874989484820 /* (sqrt 5 - 1) / 2 */

/* Points of the sequence to try before the unclaimed slots are appended in
 * order: fewer than 2 M points claim all M slots for every M up to 5000 on
 * a grid of u, so the fallback only guards the loop. */
#define MAX_POINTS_PER_SLOT 4

void cs_design_kronecker_order(size_t m, double u, unsigned char *claimed, size_t *slot_at)
{
    if (m == 0)
        return;
    memset(claimed, 0, m);
    size_t filled = 0;
    size_t max_points = MAX_POINTS_PER_SLOT * m + 16;
    for (size_t k = 0; filled < m && k < max_points; k++) {
        double x = u + (double)k * GOLDEN_FRACTION;
        x -= floor(x);
        size_t s = (size_t)(x * (double)m);
        if (s >= m) /* x just below 1 rounded up */
            s = m - 1;
        if (claimed[s])
            continue;
        claimed[s] = 1;
        slot_at[filled++] = s;
    }
    for (size_t s = 0; filled < m && s < m; s++)
        if (!claimed[s])
            slot_at[filled++] = s;
}

/* A row of a run of one group and date, as the order sees it. */
typedef struct named_row {
    const char *name; /* the model's name after its uploader */
    size_t row;
} named_row;

static int named_row_cmp(const void *pa, const void *pb)
{
    const named_row *a = pa, *b = pb;
    int c = cs_ascii_casecmp(a->name, b->name);
    if (c != 0)
        return c;
    return (a->row > b->row) - (a->row < b->row);
}

/* Byte `d` of row i's sort key: 0-3 the date (its sign flipped, so that the
 * bytes order as the signed days do), 4-11 the group. */
static unsigned key_byte(const int32_t *date, const size_t *group, size_t i, int d)
{
    if (d < 4) {
        uint32_t u = (uint32_t)(date ? date[i] : CS_NO_DATE) ^ 0x80000000u;
        return (u >> (8 * d)) & 0xff;
    }
    return (unsigned)(((uint64_t)group[i] >> (8 * (d - 4))) & 0xff);
}

#define KEY_BYTES 12

/* The end of the run of one group and date that starts at idx[a]. */
static size_t run_end(const cs_dataset *ds, const size_t *group, const size_t *idx, size_t a)
{
    size_t b = a + 1;
    while (b < ds->n_rows && group[idx[b]] == group[idx[a]] &&
           (!ds->date || ds->date[idx[b]] == ds->date[idx[a]]))
        b++;
    return b;
}

/* Rows in order of group, date, name without the uploader (ASCII case
 * folded), row: a stable radix sort on (group, date), then each run of one
 * group and date by name. A qsort of every row by all four took 0.38 s at
 * 1,000,000 rows in 1,000 groups; this takes 0.19 s, the Kronecker order
 * included. */
static int spread_sort(const cs_dataset *ds, const size_t *group, size_t *idx)
{
    size_t n = ds->n_rows;
    size_t(*count)[256] = calloc(KEY_BYTES, sizeof *count);
    size_t *tmp = malloc(n * sizeof *tmp);
    named_row *run = NULL;
    int rc = -1;
    if (!count || !tmp)
        goto done;
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
        for (int d = 0; d < KEY_BYTES; d++)
            count[d][key_byte(ds->date, group, i, d)]++;
    }
    for (int d = 0; d < KEY_BYTES; d++) {
        size_t *c = count[d], at = 0;
        if (c[key_byte(ds->date, group, 0, d)] == n)
            continue; /* every row has this byte: the pass would change nothing */
        for (int v = 0; v < 256; v++) {
            size_t k = c[v];
            c[v] = at;
            at += k;
        }
        for (size_t k = 0; k < n; k++)
            tmp[c[key_byte(ds->date, group, idx[k], d)]++] = idx[k];
        memcpy(idx, tmp, n * sizeof *idx);
    }
    size_t longest = 0;
    for (size_t a = 0, b; a < n; a = b) {
        b = run_end(ds, group, idx, a);
        if (b - a > longest)
            longest = b - a;
    }
    if (longest > 1 && !(run = malloc(longest * sizeof *run)))
        goto done;
    for (size_t a = 0, b; a < n && longest > 1; a = b) {
        b = run_end(ds, group, idx, a);
        if (b - a < 2)
            continue;
        for (size_t k = a; k < b; k++) {
            const char *m = ds->model[idx[k]], *slash = strrchr(m, '/');
            run[k - a] = (named_row){ slash ? slash + 1 : m, idx[k] };
        }
        qsort(run, b - a, sizeof *run, named_row_cmp);
        for (size_t k = a; k < b; k++)
            idx[k] = run[k - a].row;
    }
    rc = 0;
done:
    free(count);
    free(tmp);
    free(run);
    return rc;
}

int cs_design_spread_order(const cs_dataset *ds, const size_t *group, uint64_t seed, size_t *rank)
{
    size_t n = ds->n_rows;
    if (n == 0)
        return 0;
    size_t *idx = malloc(n * sizeof *idx);
    size_t *slot_at = malloc(n * sizeof *slot_at);
    unsigned char *claimed = malloc(n);
    if (!idx || !slot_at || !claimed || spread_sort(ds, group, idx) != 0) {
        free(idx);
        free(slot_at);
        free(claimed);
        return -1;
    }
    uint64_t salt = cs_design_mix64(seed ^ 0x5851F42D4C957F2DULL);
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && group[idx[b]] == group[idx[a]])
            b++;
        size_t m = b - a;
        double u = (double)(cs_design_mix64(salt + group[idx[a]]) >> 11) * 0x1.0p-53;
        cs_design_kronecker_order(m, u, claimed, slot_at);
        for (size_t k = 0; k < m; k++)
            rank[idx[a + slot_at[k]]] = k;
        a = b;
    }
    free(idx);
    free(slot_at);
    free(claimed);
    return 0;
}
