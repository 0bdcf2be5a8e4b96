/* design_strata.c - strata and groups of the pool, and the design weights.
 *
 * A stratum is a run of compute levels (equal-mass bins of z that never
 * split a level); a group is one base model's fine-tunes at one level (one
 * group per level without a base_model column), and a stratum's groups of
 * fewer than CS_DESIGN_MIN_GROUP rows make one group together (in a table
 * of distinct models the groups are then the strata). On the shared data 3
 * and 1 gave the same replays; a single row cannot be sampled in part.
 * Rows of a group share their compute but not their scores: at one level
 * of the shared data the fine-tunes of one base hold most of a task's rows
 * above the boundary, the other base's almost none.
 *
 * The design weights make a fit on a deliberately unrepresentative subset
 * estimate the fit on the whole pool (post-stratification): a group of N
 * rows of which n > 0 are scored gives each of them weight N / n, so the
 * weighted loss of the scored rows estimates the loss of all N without bias
 * when every row of the group is as likely as any other to be among the n,
 * which is how the sampler draws them (design_spread.c). A group with no
 * scored row is spread over the scored rows of its stratum, in proportion
 * to the weight each already has: a stand-in that is biased when the
 * sampler scored that stratum's groups unevenly, which is why the sampler
 * scores one row of every group first (unless that row costs far more than
 * it is worth, design_quantile.c). The weights sum to the rows of the
 * strata that have a scored row; the rest of the pool is not represented.
 * Scores never enter them.
 *
 * A family is the groups whose bases differ only in their size label (the
 * 7B and 14B bases of one release): the sampler shrinks a group's spread
 * towards its kin's, since the fine-tunes of one release tend to lie alike
 * against the boundary. It only steers the design; the weights ignore it.
 *
 * Tried: shrinking a thinly scored group towards its stratum (N / (n + k)
 * per row, N k / (n + k) to the stratum) measured worse on the shared data
 * for every k > 0: the stratum's scored rows are the sampler's favourites,
 * the rows nearest the boundary, so the stand-in pulls the refit up. Tried
 * again with the sampler drawing along the date: a share l = k / (n + k)
 * of a group's unscored rows to the stratum, each scored row standing for
 * 1 + (N - n)(1 - l) / n (k 0.3 to 3), was within the noise over 200
 * seeds (-0.00002 +- 0.00002 at 20%); over 60 seeds with k = 1 at 5 and
 * 10%, -0.00012 +- 0.00012 and -0.00015 +- 0.00008 (ifeval gains what
 * math_lvl5, whose rows above the boundary few groups hold, loses); in
 * the final refit alone, not in the sampler's, -0.00003 +- 0.00004 at 10%.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/coverage.h"
#include "capscope/design.h"
#include "capscope/fnv.h"
#include "design_internal.h"

size_t cs_design_strata(const double *z, size_t n, int *stratum)
{
    double edges[CS_MAX_BINS + 1];
    size_t ns = cs_bin_edges(z, n, CS_MAX_BINS, 1, edges);
    for (size_t i = 0; i < n; i++)
        stratum[i] = cs_design_bin_of(edges, ns, z[i]);
    return ns;
}

typedef struct grouped {
    double z;
    const char *base;
    size_t row;
} grouped;

static int grouped_cmp(const void *pa, const void *pb)
{
    const grouped *a = pa, *b = pb;
    if (a->z != b->z)
        return a->z < b->z ? -1 : 1;
    int c = strcmp(a->base, b->base);
    if (c)
        return c;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Hash of a row's (compute, base): equal keys (z == z', the same base
 * text) hash alike; 0.0 and -0.0 compare equal, so they hash as one. */
static uint64_t key_hash(double z, const char *base)
{
    uint64_t h = cs_fnv1a(CS_FNV1A_START, base); /* mixed with z's bits */
    if (z == 0)
        z = 0.0;
    uint64_t bits;
    memcpy(&bits, &z, sizeof bits);
    return cs_design_mix64(h ^ cs_design_mix64(bits));
}

/* The rows' distinct (compute, base) pairs are found by hashing and only
 * those are sorted: a sort of every row by (z, base), comparing base names
 * some 20 million times, took 0.25 s at 1,000,000 rows, where the hash
 * takes 0.03 s (1,000 pairs). The pairs' order, and so every group's
 * number, is the one the sort of all rows gave: by z, then base, each pair
 * standing at its first row. */
size_t cs_design_groups(const cs_dataset *ds, const int *stratum, size_t ns, size_t *group)
{
    size_t n = ds->n_rows, ng = 0;
    if (n == 0 || ns == 0)
        return 0;
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    size_t *slot = malloc(cap * sizeof *slot); /* a pair's number, SIZE_MAX: empty */
    grouped *pair = malloc(n * sizeof *pair);   /* per pair: z, base, first row */
    size_t *size = calloc(n, sizeof *size), *id = malloc(n * sizeof *id);
    size_t *rest = malloc(ns * sizeof *rest);
    if (!slot || !pair || !size || !id || !rest)
        goto done;
    for (size_t k = 0; k < cap; k++)
        slot[k] = SIZE_MAX;
    size_t raw = 0;
    for (size_t i = 0; i < n; i++) {
        double z = ds->z[i];
        const char *base = ds->base_model ? ds->base_model[i] : "";
        size_t k = (size_t)key_hash(z, base) & (cap - 1);
        for (;; k = (k + 1) & (cap - 1)) {
            size_t r = slot[k];
            if (r == SIZE_MAX) {
                slot[k] = r = raw++;
                pair[r] = (grouped){ z, base, i };
            } else if (!(pair[r].z == z && strcmp(pair[r].base, base) == 0)) {
                continue;
            }
            group[i] = r;
            size[r]++;
            break;
        }
    }
    /* Numbers in the pairs' order (rank[j]: the j-th pair's number). */
    size_t *rank = slot; /* the table is done with */
    qsort(pair, raw, sizeof *pair, grouped_cmp);
    for (size_t j = 0; j < raw; j++)
        rank[j] = group[pair[j].row];
    /* Groups of fewer than CS_DESIGN_MIN_GROUP rows join their stratum's
     * remainder: in a table of distinct models (one per compute value, no
     * fine-tunes) every group would be a single row, which can neither be
     * sampled in part nor stand for anything but itself. */
    for (size_t s = 0; s < ns; s++)
        rest[s] = SIZE_MAX;
    for (size_t j = 0; j < raw; j++) {
        size_t r = rank[j];
        if (size[r] >= CS_DESIGN_MIN_GROUP) {
            id[r] = ng++;
        } else {
            size_t s = (size_t)stratum[pair[j].row];
            if (rest[s] == SIZE_MAX)
                rest[s] = ng++;
            id[r] = rest[s];
        }
    }
    for (size_t i = 0; i < n; i++)
        group[i] = id[group[i]];
done:
    free(slot);
    free(pair);
    free(size);
    free(id);
    free(rest);
    return ng;
}

/* Is tok[0..len) a size label: digits, an optional fraction, then b or m
 * ("7B", "1.5b", "270m"), or a mixture's active size ("A3B")? */
static int is_size_token(const char *tok, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (tok[0] == 'a' || tok[0] == 'A') && isdigit((unsigned char)tok[1]))
        i = 1;
    size_t digits = 0;
    while (i < len && isdigit((unsigned char)tok[i])) {
        i++;
        digits++;
    }
    if (digits == 0)
        return 0;
    if (i < len && tok[i] == '.') {
        i++;
        if (i >= len || !isdigit((unsigned char)tok[i]))
            return 0;
        while (i < len && isdigit((unsigned char)tok[i]))
            i++;
    }
    return i + 1 == len && strchr("bBmM", tok[i]) != NULL;
}

size_t cs_design_family_key(const char *base, char *out, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return 0;
    const char *slash = strchr(base, '/');
    const char *p = base;
    if (slash) {
        for (; p < slash && o + 1 < cap; p++)
            out[o++] = (char)cs_ascii_lower((unsigned char)*p);
        if (o + 1 < cap)
            out[o++] = '/';
        p = slash + 1;
    }
    int first = 1;
    while (*p) {
        const char *tok = p;
        while (*p && *p != '-' && *p != '_' && *p != '/')
            p++;
        size_t len = (size_t)(p - tok);
        if (*p)
            p++;
        if (len == 0 || is_size_token(tok, len))
            continue;
        if (!first && o + 1 < cap)
            out[o++] = '-';
        for (size_t i = 0; i < len && o + 1 < cap; i++)
            out[o++] = (char)cs_ascii_lower((unsigned char)tok[i]);
        first = 0;
    }
    out[o] = '\0';
    return o;
}

typedef struct keyed_group {
    char key[CS_DESIGN_FAMILY_KEY];
    size_t group;
} keyed_group;

static int keyed_group_cmp(const void *pa, const void *pb)
{
    const keyed_group *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    return a->group < b->group ? -1 : a->group > b->group;
}

void cs_design_group_heads(const cs_dataset *ds, const size_t *group, size_t ng, size_t *first,
                           unsigned char *mixed)
{
    for (size_t g = 0; g < ng; g++) {
        first[g] = SIZE_MAX;
        mixed[g] = 0;
    }
    for (size_t i = 0; i < ds->n_rows; i++) {
        size_t g = group[i], h = first[g];
        if (h == SIZE_MAX)
            first[g] = i;
        else if (ds->z[i] != ds->z[h] ||
                 (ds->base_model && strcmp(ds->base_model[i], ds->base_model[h]) != 0))
            mixed[g] = 1;
    }
}

size_t cs_design_families(const cs_dataset *ds, const size_t *first, const unsigned char *mixed,
                          size_t ng, size_t *family)
{
    if (ng == 0)
        return 0;
    keyed_group *k = calloc(ng, sizeof *k);
    if (!k)
        return 0;
    for (size_t g = 0; g < ng; g++) {
        k[g].group = g;
        const char *base = ds->base_model && first[g] != SIZE_MAX ? ds->base_model[first[g]] : "";
        /* A stratum's remainder mixes bases; a group without a base has no
         * kin: each is a family of its own ("" sorts first, the group's
         * number keeps them apart). */
        if (mixed[g] || base[0] == '\0')
            k[g].key[0] = '\0';
        else
            cs_design_family_key(base, k[g].key, sizeof k[g].key);
    }
    qsort(k, ng, sizeof *k, keyed_group_cmp);
    size_t nf = 0;
    for (size_t j = 0; j < ng; j++) {
        if (j == 0 || k[j].key[0] == '\0' || strcmp(k[j].key, k[j - 1].key) != 0)
            nf++;
        family[k[j].group] = nf - 1;
    }
    free(k);
    return nf;
}

int cs_design_cancelled(cs_error *err)
{
    return cs_error_set(err, CS_ERR_CANCELLED, "", 0, "the design was cancelled");
}

/* The cancel is asked between the sort of the compute (cs_design_strata)
 * and the grouping, the two passes that take the time. */
cs_design_layout *cs_design_layout_make(const cs_dataset *ds, cs_cancel *stop, cs_error *err)
{
    size_t n = ds->n_rows;
    if (cs_cancel_asked(stop)) {
        cs_design_cancelled(err);
        return NULL;
    }
    cs_design_layout *lay = calloc(1, sizeof *lay);
    if (lay) {
        lay->n = n;
        lay->stratum = malloc((n ? n : 1) * sizeof *lay->stratum);
        lay->group = malloc((n ? n : 1) * sizeof *lay->group);
    }
    if (!lay || !lay->stratum || !lay->group)
        goto oom;
    if (n == 0)
        return lay;
    lay->ns = cs_design_strata(ds->z, n, lay->stratum);
    if (cs_cancel_asked(stop))
        goto cancelled;
    lay->ng = lay->ns ? cs_design_groups(ds, lay->stratum, lay->ns, lay->group) : 0;
    if (lay->ng == 0) /* n > 0 rows: only an allocation fails */
        goto oom;
    if (cs_cancel_asked(stop))
        goto cancelled;
    return lay;
oom:
    cs_design_layout_free(lay);
    cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    return NULL;
cancelled:
    cs_design_layout_free(lay);
    cs_design_cancelled(err);
    return NULL;
}

cs_design_layout *cs_design_layout_new(const cs_dataset *ds, int (*cancel)(void *cancel_arg),
                                       void *cancel_arg, cs_error *err)
{
    cs_cancel stop = { cancel, cancel_arg, 0 };
    return cs_design_layout_make(ds, &stop, err);
}

void cs_design_layout_free(cs_design_layout *lay)
{
    if (!lay)
        return;
    free(lay->stratum);
    free(lay->group);
    free(lay);
}

int cs_design_layout_check(const cs_design_layout *lay, const cs_dataset *ds, cs_error *err)
{
    if (lay->n != ds->n_rows)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0,
                            "the design's strata are of %zu rows, the data has %zu", lay->n,
                            ds->n_rows);
    return 0;
}

const cs_design_layout *cs_design_layout_use(const cs_design_layout *given,
                                             const cs_dataset *ds, cs_cancel *stop,
                                             cs_design_layout **own, cs_error *err)
{
    *own = NULL;
    if (given)
        return cs_design_layout_check(given, ds, err) == 0 ? given : NULL;
    return *own = cs_design_layout_make(ds, stop, err);
}

void cs_design_weights_opts_init(cs_design_weights_opts *o)
{
    memset(o, 0, sizeof *o);
}

static const cs_design_weights_opts no_weights_opts;

int cs_design_weights(const cs_dataset *ds, size_t task, const cs_design_weights_opts *o,
                      double *w, cs_error *err)
{
    if (!o)
        o = &no_weights_opts;
    cs_cancel stop = { o->cancel, o->cancel_arg, 0 };
    return cs_design_weights_stop(o->layout, ds, task, o->pool, o->mask, w, &stop, err);
}

/* w is written in the last pass alone, after the last look at the cancel,
 * so a cancelled call leaves it as it was. */
int cs_design_weights_stop(const cs_design_layout *lay, const cs_dataset *ds, size_t task,
                           const unsigned char *pool, const unsigned char *mask, double *w,
                           cs_cancel *stop, cs_error *err)
{
    size_t n = ds->n_rows;
    if (cs_cancel_asked(stop))
        return cs_design_cancelled(err);
    if (task >= ds->n_tasks)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "no task %zu", task);
    if (n == 0) /* nothing to weight; a layout given must still be of no rows */
        return lay ? cs_design_layout_check(lay, ds, err) : 0;
    cs_design_layout *own;
    if (!(lay = cs_design_layout_use(lay, ds, stop, &own, err)))
        return -1;
    const unsigned char *has = ds->tasks[task].has;
    const int *stratum = lay->stratum;
    const size_t *group = lay->group;
    size_t ns = lay->ns, ng = lay->ng;
    double *gN = calloc(ng + 1, sizeof *gN), *gn = calloc(ng + 1, sizeof *gn);
    double *rest = calloc(ns + 1, sizeof *rest), *donors = calloc(ns + 1, sizeof *donors);
    int *g_stratum = malloc((ng + 1) * sizeof *g_stratum);
    int rc = -1;
    if (!gN || !gn || !rest || !donors || !g_stratum) {
        cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        g_stratum[group[i]] = stratum[i];
        if (pool && !pool[i])
            continue;
        gN[group[i]] += 1;
        gn[group[i]] += has[i] && (!mask || mask[i]);
    }
    /* Per stratum: the rows of its groups without a scored row, and the
     * weight its scored rows carry for their own groups. */
    for (size_t g = 0; g < ng; g++) {
        if (gn[g] == 0)
            rest[g_stratum[g]] += gN[g];
        else
            donors[g_stratum[g]] += gN[g]; /* the sum over its rows of gN / gn */
    }
    if (cs_cancel_asked(stop)) {
        cs_design_cancelled(err);
        goto done;
    }
    memset(w, 0, n * sizeof *w);
    for (size_t i = 0; i < n; i++) {
        if (!has[i] || (mask && !mask[i]) || (pool && !pool[i]))
            continue;
        size_t g = group[i];
        int s = stratum[i];
        w[i] = (gN[g] / gn[g]) * (1.0 + rest[s] / donors[s]);
    }
    rc = 0;
done:
    cs_design_layout_free(own);
    free(gN);
    free(gn);
    free(rest);
    free(donors);
    free(g_stratum);
    return rc;
}

/* The weights of every row, then the gather: the cancel is asked between,
 * and z, y, w are written only once it has said no. */
static size_t weighted_xy(const cs_design_layout *lay, const cs_dataset *ds, size_t task,
                          const unsigned char *pool, const unsigned char *mask, double *z,
                          double *y, double *w, cs_cancel *stop, cs_error *err)
{
    size_t n = ds->n_rows;
    if (cs_cancel_asked(stop)) {
        cs_design_cancelled(err);
        return (size_t)-1;
    }
    double *all = malloc((n ? n : 1) * sizeof *all);
    if (!all) {
        cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
        return (size_t)-1;
    }
    if (cs_design_weights_stop(lay, ds, task, pool, mask, all, stop, err) != 0) {
        free(all);
        return (size_t)-1;
    }
    if (cs_cancel_asked(stop)) {
        free(all);
        cs_design_cancelled(err);
        return (size_t)-1;
    }
    /* The rows cs_dataset_task_xy would gather for the mask, within the pool
     * (the weights refused a task out of range). */
    const unsigned char *has = ds->tasks[task].has;
    const cs_task *tk = &ds->tasks[task];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!has[i] || (mask && !mask[i]) || (pool && !pool[i]))
            continue;
        z[m] = ds->z[i];
        y[m] = tk->y[i];
        w[m] = all[i];
        m++;
    }
    free(all);
    return m;
}

size_t cs_design_weighted_xy(const cs_dataset *ds, size_t task, const cs_design_weights_opts *o,
                             double *z, double *y, double *w, cs_error *err)
{
    if (!o)
        o = &no_weights_opts;
    cs_cancel stop = { o->cancel, o->cancel_arg, 0 };
    return weighted_xy(o->layout, ds, task, o->pool, o->mask, z, y, w, &stop, err);
}

int cs_design_refit(const cs_design_layout *lay, const cs_dataset *ds, size_t task,
                    const unsigned char *mask, const cs_fit_opts *fo, double *z, double *y,
                    double *w, cs_fit *f, int *fitted, cs_error *err)
{
    cs_cancel stop = { fo->cancel, fo->cancel_arg, 0 };
    size_t m = weighted_xy(lay, ds, task, NULL, mask, z, y, w, &stop, err);
    if (m == (size_t)-1)
        return -1;
    *fitted = 0;
    if (m < CS_MIN_TASK_ROWS)
        return 0;
    cs_fit_opts fw = *fo;
    fw.weights = w;
    if (cs_fit_run(z, y, m, &fw, f, err) != 0)
        return -1;
    *fitted = 1;
    return 0;
}
