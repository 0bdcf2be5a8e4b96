/* design_blocks.c - upper bounds that let the greedy skip most candidates.
 *
 * With every row at a compute level of its own the greedy scores every
 * level at every step: on 100,000 rows, 57,000 steps of 100,000 levels. But
 * levels next to each other in z have nearly the same features, so a block
 * of them gets one upper bound on its members' (gain + bonus), and the
 * greedy scores a block's members only where the bound, over the member's
 * cost, could beat the best score found so far. The bounds are rigorous up
 * to a rounding slack far above the rounding of either computation, so the
 * picks are those of scoring everything (tests/unit/test_design compares
 * them).
 *
 * The bound. Within a block, g(z) = gc + gd (z - zc) + r(z): gc and gd the
 * features and their derivative at the block's centre zc, and |r_i| <=
 * rho_i over the members (measured on them: second order in the block's
 * width). A row's gain for one criterion is v'Av / (1 + g'v), v = M^-1 g.
 * With A = C C' (its eigenvectors, negative roundings dropped, which only
 * raises the bound) and W = C' M^-1 the numerator is |W g|^2, and over the
 * block each (W g)_k is at most |(W gc)_k + (W gd)_k d| + sum_i |W_ki|
 * rho_i, largest at an end of the members' offsets d. With M^-1 = K K'
 * (Cholesky), 1 + g'v = 1 + |K' g|^2 is bounded below the same way, by
 * the smallest |(K' gc)_k + (K' gd)_k d| less the remainder.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>

#include "design_internal.h"

/* Rounding slack. M is nearly singular (the features s and L s (1 - s) are
 * nearly proportional), so v = M^-1 g cancels heavily: its rounding is a
 * few ulps of m = |M^-1| |g|, 1e5 times |v| on 100,000 rows. To first
 * order a computed gain then errs by at most a few ulps of
 *   (|A| |v|)' m + |v|' |A| |v|,
 * and the bound by a few ulps of sum_k hi_k (|C'| m)_k (hi_k its bound
 * on |(W g)_k|); the slack is ROUND_SLACK times their sum, some 100 times
 * the first-order error. (The second-order term, ulps squared times
 * m' |A| m, is 1e-20 of the gain.) The denominator 1 + g'v errs by a few
 * ulps of (m + |v|)' |g|. */
#define ROUND_SLACK 1e-13
#define REL_SLACK 1e-9

/* d g / d z for cs_design_features. */
static void feature_slopes(const cs_design_prior *p, double z, double gd[4])
{
    double u = z - CS_DESIGN_Z_REF;
    double s = cs_sigmoid(p->a + p->b * u);
    double ds = p->b * s * (1.0 - s);
    double d = p->L * s * (1.0 - s);
    double dd = p->L * ds * (1.0 - 2.0 * s);
    gd[0] = 0.0;
    gd[1] = ds;
    gd[2] = dd;
    gd[3] = dd * u + d;
}

/* Per block and criterion: gc, gd, rho, gmax (max |g_i| over the members). */
enum { GEO_C = 0, GEO_D = 4, GEO_RHO = 8, GEO_MAX = 12, GEO_SIZE = 16 };

/* What a step's bounds need of one criterion's M^-1. */
typedef struct step_matrices {
    double w[16], wabs[16];   /* W = C' M^-1 and |W| */
    double kt[16], ktabs[16]; /* K' (M^-1 = K K') and |K'| */
    double minv[16], mabs[16];
    int ok;                   /* K exists */
} step_matrices;

struct cs_design_blocks {
    size_t n_blocks, nc;
    cs_design_block *block;
    size_t *member;   /* group indices, each block's cheapest first */
    double *key;      /* per member: its group's least cost */
    double *geo;      /* per block, per criterion: GEO_SIZE values */
    double (*ct)[16]; /* per criterion: C' (row k = sqrt(lambda_k) v_k') */
    double (*ctabs)[16]; /* |C'| */
    double (*aabs)[16];  /* |A| */
    step_matrices *step; /* per criterion, this step's */
};

static int key_cmp_ctx_sort(const void *pa, const void *pb, const double *key)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (key[a] != key[b])
        return key[a] < key[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* Insertion sort by key: blocks are small, and qsort has no context. */
static void sort_members(size_t *m, size_t n, const double *gkey)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = m[i], j = i;
        while (j > 0 && key_cmp_ctx_sort(&m[j - 1], &x, gkey) > 0) {
            m[j] = m[j - 1];
            j--;
        }
        m[j] = x;
    }
}

/* C with C C' = A, as C' rows sqrt(lambda_k) v_k'. */
static int factor_target(const double a[16], double ct[16])
{
    double buf[16];
    memcpy(buf, a, sizeof buf);
    gsl_matrix_view av = gsl_matrix_view_array(buf, 4, 4);
    gsl_vector *eval = gsl_vector_alloc(4);
    gsl_matrix *evec = gsl_matrix_alloc(4, 4);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(4);
    int rc = -1;
    if (eval && evec && w && gsl_eigen_symmv(&av.matrix, eval, evec, w) == 0) {
        for (int k = 0; k < 4; k++) {
            double l = gsl_vector_get(eval, (size_t)k);
            double r = l > 0 ? sqrt(l) : 0.0;
            for (int i = 0; i < 4; i++)
                ct[4 * k + i] = r * gsl_matrix_get(evec, (size_t)i, (size_t)k);
        }
        rc = 0;
    }
    gsl_eigen_symmv_free(w);
    gsl_matrix_free(evec);
    gsl_vector_free(eval);
    return rc;
}

void cs_design_blocks_free(cs_design_blocks *bl)
{
    if (!bl)
        return;
    free(bl->block);
    free(bl->member);
    free(bl->key);
    free(bl->geo);
    free(bl->ct);
    free(bl->ctabs);
    free(bl->aabs);
    free(bl->step);
    free(bl);
}

cs_design_blocks *cs_design_blocks_new(const cs_design_problem *pb, const double (*amat)[16],
                                       size_t n_groups, const double *gz, const double *gfeat,
                                       const double *gkey, const uint64_t *gmask,
                                       const int *gbin, size_t size)
{
    size_t nc = pb->n_crit;
    cs_design_blocks *bl = calloc(1, sizeof *bl);
    if (!bl || size == 0)
        goto fail;
    bl->nc = nc;
    bl->n_blocks = (n_groups + size - 1) / size;
    size_t nb = bl->n_blocks ? bl->n_blocks : 1;
    bl->block = calloc(nb, sizeof *bl->block);
    bl->member = malloc((n_groups ? n_groups : 1) * sizeof *bl->member);
    bl->key = malloc((n_groups ? n_groups : 1) * sizeof *bl->key);
    bl->geo = calloc(nb * nc * GEO_SIZE, sizeof *bl->geo);
    bl->ct = calloc(nc, sizeof *bl->ct);
    bl->ctabs = calloc(nc, sizeof *bl->ctabs);
    bl->aabs = calloc(nc, sizeof *bl->aabs);
    bl->step = calloc(nc, sizeof *bl->step);
    if (!bl->block || !bl->member || !bl->key || !bl->geo || !bl->ct || !bl->ctabs || !bl->aabs ||
        !bl->step)
        goto fail;
    for (size_t t = 0; t < nc; t++) {
        if (factor_target(amat[t], bl->ct[t]) != 0)
            goto fail;
        for (int i = 0; i < 16; i++) {
            bl->ctabs[t][i] = fabs(bl->ct[t][i]);
            bl->aabs[t][i] = fabs(amat[t][i]);
        }
    }
    for (size_t b = 0; b < bl->n_blocks; b++) {
        cs_design_block *B = &bl->block[b];
        B->first = b * size;
        B->end = B->first + size < n_groups ? B->first + size : n_groups;
        B->head = B->first;
        B->bin_lo = -1;
        B->bin_hi = -1;
        double zlo = gz[B->first], zhi = gz[B->end - 1];
        double zc = 0.5 * (zlo + zhi);
        B->d_lo = zlo - zc;
        B->d_hi = zhi - zc;
        for (size_t k = B->first; k < B->end; k++) {
            bl->member[k] = k;
            B->mask |= gmask[k];
            if (gbin[k] >= 0) {
                if (B->bin_lo < 0 || gbin[k] < B->bin_lo)
                    B->bin_lo = gbin[k];
                if (gbin[k] > B->bin_hi)
                    B->bin_hi = gbin[k];
            }
        }
        sort_members(&bl->member[B->first], B->end - B->first, gkey);
        for (size_t m = B->first; m < B->end; m++)
            bl->key[m] = gkey[bl->member[m]];
        for (size_t t = 0; t < nc; t++) {
            double *geo = &bl->geo[(b * nc + t) * GEO_SIZE];
            cs_design_features(&pb->crit[t].prior, zc, &geo[GEO_C]);
            feature_slopes(&pb->crit[t].prior, zc, &geo[GEO_D]);
            for (size_t k = B->first; k < B->end; k++) {
                const double *g = &gfeat[(k * nc + t) * 4];
                double d = gz[k] - zc;
                for (int i = 0; i < 4; i++) {
                    double r = fabs(g[i] - geo[GEO_C + i] - geo[GEO_D + i] * d);
                    if (r > geo[GEO_RHO + i])
                        geo[GEO_RHO + i] = r;
                    if (fabs(g[i]) > geo[GEO_MAX + i])
                        geo[GEO_MAX + i] = fabs(g[i]);
                }
            }
            for (int i = 0; i < 4; i++)
                geo[GEO_RHO + i] = geo[GEO_RHO + i] * (1.0 + REL_SLACK) +
                                   1e-12 * (geo[GEO_MAX + i] + fabs(geo[GEO_C + i]));
        }
    }
    return bl;
fail:
    cs_design_blocks_free(bl);
    return NULL;
}

size_t cs_design_blocks_count(const cs_design_blocks *bl)
{
    return bl->n_blocks;
}

cs_design_block *cs_design_blocks_at(cs_design_blocks *bl, size_t b)
{
    return &bl->block[b];
}

size_t cs_design_blocks_member(const cs_design_blocks *bl, size_t m)
{
    return bl->member[m];
}

double cs_design_blocks_key(const cs_design_blocks *bl, size_t m)
{
    return bl->key[m];
}

/* Lower Cholesky factor of a 4x4 symmetric matrix (GSL, as
 * cs_design_inverse); -1 unless positive definite. */
static int cholesky4(const double a[16], double l[16])
{
    memcpy(l, a, 16 * sizeof *l);
    gsl_matrix_view lv = gsl_matrix_view_array(l, 4, 4);
    int rc = gsl_linalg_cholesky_decomp1(&lv.matrix);
    if (rc != 0)
        return -1;
    for (int i = 0; i < 4; i++) /* decomp1 leaves L' above the diagonal */
        for (int j = i + 1; j < 4; j++)
            l[4 * i + j] = 0.0;
    return 0;
}

static void mat_vec(const double m[16], const double x[4], double y[4])
{
    for (int i = 0; i < 4; i++)
        y[i] = m[4 * i] * x[0] + m[4 * i + 1] * x[1] + m[4 * i + 2] * x[2] + m[4 * i + 3] * x[3];
}

/* The largest and the smallest |c + s d| over d in [lo, hi]. */
static double abs_max(double c, double s, double lo, double hi)
{
    double a = fabs(c + s * lo), b = fabs(c + s * hi);
    return a > b ? a : b;
}

static double abs_min(double c, double s, double lo, double hi)
{
    double a = c + s * lo, b = c + s * hi;
    if ((a <= 0 && b >= 0) || (a >= 0 && b <= 0))
        return 0.0;
    a = fabs(a);
    b = fabs(b);
    return a < b ? a : b;
}

void cs_design_blocks_bound(cs_design_blocks *bl, const double (*minv)[16], const double *bonus,
                            size_t n_bins)
{
    size_t nc = bl->nc;
    for (size_t t = 0; t < nc; t++) {
        step_matrices *sm = &bl->step[t];
        double l[16];
        sm->ok = cholesky4(minv[t], l) == 0;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) {
                double x = 0.0;
                for (int k = 0; k < 4; k++)
                    x += bl->ct[t][4 * i + k] * minv[t][4 * k + j];
                sm->w[4 * i + j] = x;
                sm->wabs[4 * i + j] = fabs(x);
                sm->kt[4 * i + j] = l[4 * j + i];
                sm->ktabs[4 * i + j] = fabs(l[4 * j + i]);
                sm->minv[4 * i + j] = minv[t][4 * i + j];
                sm->mabs[4 * i + j] = fabs(minv[t][4 * i + j]);
            }
    }
    for (size_t b = 0; b < bl->n_blocks; b++) {
        cs_design_block *B = &bl->block[b];
        if (B->head == B->end)
            continue;
        double gain = 0.0;
        for (size_t t = 0; t < nc && isfinite(gain); t++) {
            if (!(B->mask >> t & 1))
                continue;
            const step_matrices *sm = &bl->step[t];
            if (!sm->ok) {
                gain = INFINITY;
                break;
            }
            const double *geo = &bl->geo[(b * nc + t) * GEO_SIZE];
            double wc[4], wd[4], e[4], yc[4], yd[4], f[4];
            double m[4], cm[4], vc[4], vd[4], vr[4], vb[4], avb[4];
            mat_vec(sm->w, &geo[GEO_C], wc);
            mat_vec(sm->w, &geo[GEO_D], wd);
            mat_vec(sm->wabs, &geo[GEO_RHO], e);
            mat_vec(sm->kt, &geo[GEO_C], yc);
            mat_vec(sm->kt, &geo[GEO_D], yd);
            mat_vec(sm->ktabs, &geo[GEO_RHO], f);
            mat_vec(sm->mabs, &geo[GEO_MAX], m);
            mat_vec(bl->ctabs[t], m, cm);
            mat_vec(sm->minv, &geo[GEO_C], vc);
            mat_vec(sm->minv, &geo[GEO_D], vd);
            mat_vec(sm->mabs, &geo[GEO_RHO], vr);
            for (int k = 0; k < 4; k++)
                vb[k] = abs_max(vc[k], vd[k], B->d_lo, B->d_hi) + vr[k];
            mat_vec(bl->aabs[t], vb, avb);
            double num = 0.0, den = 0.0, slack = 0.0, slack_den = 0.0;
            for (int k = 0; k < 4; k++) {
                double hi = abs_max(wc[k], wd[k], B->d_lo, B->d_hi) + e[k];
                num += hi * hi;
                double lo = abs_min(yc[k], yd[k], B->d_lo, B->d_hi) - f[k];
                if (lo > 0)
                    den += lo * lo;
                slack += avb[k] * m[k] + vb[k] * avb[k] + hi * cm[k];
                slack_den += (m[k] + vb[k]) * geo[GEO_MAX + k];
            }
            num = num * (1.0 + REL_SLACK) + ROUND_SLACK * slack;
            den = 1.0 + den * (1.0 - REL_SLACK) - ROUND_SLACK * slack_den;
            if (den < 1.0)
                den = 1.0;
            gain += num / (den * (1.0 - REL_SLACK));
        }
        double bmax = 0.0;
        for (int j = B->bin_lo; j >= 0 && j <= B->bin_hi && (size_t)j < n_bins; j++)
            if (bonus[j] > bmax)
                bmax = bonus[j];
        B->bound = (gain + bmax) * (1.0 + REL_SLACK);
    }
}
