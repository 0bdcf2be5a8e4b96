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

/* A row as the group's order sees it. */
typedef struct spread_key {
    size_t group;
    int32_t date;
    const char *name; /* the model's name after its uploader */
    size_t row;
} spread_key;

static int spread_key_cmp(const void *pa, const void *pb)
{
    const spread_key *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->date != b->date)
        return a->date < b->date ? -1 : 1;
    int c = cs_ascii_casecmp(a->name, b->name);
    if (c != 0)
        return c;
    return (a->row > b->row) - (a->row < b->row);
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

int cs_design_spread_order(const cs_dataset *ds, const size_t *group, uint64_t seed, size_t *rank)
{
    size_t n = ds->n_rows;
    if (n == 0)
        return 0;
    spread_key *keys = malloc(n * sizeof *keys);
    size_t *slot_at = malloc(n * sizeof *slot_at);
    unsigned char *claimed = malloc(n);
    if (!keys || !slot_at || !claimed) {
        free(keys);
        free(slot_at);
        free(claimed);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(ds->model[i], '/');
        keys[i] = (spread_key){ group[i], ds->date ? ds->date[i] : CS_NO_DATE,
                                slash ? slash + 1 : ds->model[i], i };
    }
    qsort(keys, n, sizeof *keys, spread_key_cmp);
    uint64_t salt = mix64(seed ^ 0x5851F42D4C957F2DULL);
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && keys[b].group == keys[a].group)
            b++;
        size_t m = b - a;
        double u = (double)(mix64(salt + keys[a].group) >> 11) * 0x1.0p-53;
        cs_design_kronecker_order(m, u, claimed, slot_at);
        for (size_t k = 0; k < m; k++)
            rank[keys[a + slot_at[k]].row] = k;
        a = b;
    }
    free(keys);
    free(slot_at);
    free(claimed);
    return 0;
}
