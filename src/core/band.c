/* band.c - the variance of the fitted boundary (capscope/band.h).
 *
 * With design weights. The weighted fit solves U_w(theta) = sum_i w_i
 * psi(r_i) g_i = 0 over the scored rows (psi(r) = tau - 1{r < 0}, the
 * check loss's subgradient; the fit smooths it, the asymptotics are the
 * same). With w_i = N_h / n_h in a group h of N_h rows of which n_h are
 * scored, each as likely as any other (design_spread.c), U_w is the
 * Horvitz-Thompson estimate of the pool's U_N = sum over all N rows of
 * psi_i g_i. Linearised, theta_hat - theta = H^-1 U_w(theta) with
 * H = sum_i w_i f_i g_i g_i', the HT estimate of the pool's curvature, and
 * with Koenker's iid f_i = f(0), H = f(0) A, A = sum_i w_i g_i g_i'.
 *
 * The variance of U_w about the model's theta, where psi has mean 0 and
 * variance tau (1 - tau) given z: the design reads no score, so given
 * which rows were scored their psi are independent, and
 * Var U_w = tau (1 - tau) sum_i w_i^2 g_i g_i' = tau (1 - tau) B. For one
 * group (one z, so one g) this is the survey's two parts: the pool's own
 * variance as a draw from the model, N_h tau (1 - tau) g g', plus the
 * expected design variance of the HT total under sampling without
 * replacement, N_h^2 (1 - n_h / N_h) S_h^2 / n_h g g' with E S_h^2 =
 * tau (1 - tau); together N_h^2 / n_h tau (1 - tau) g g', which is
 * n_h (N_h / n_h)^2 tau (1 - tau) g g'. Repeating each row w_i times would
 * give tau (1 - tau) A: the first part alone, as if every row of the pool
 * had been scored. So
 *
 *     Var theta_hat = tau (1 - tau) / f(0)^2  A^-1 B A^-1,
 *
 * Koenker's iid form when every weight is 1 (B = A). A group without a
 * scored row, spread over its stratum's scored rows (design_strata.c),
 * enters through their weights alike; the bias of that stand-in is not in
 * the band. For a constant boundary (g = 1) it is the weighted quantile's
 * variance tau (1 - tau) / f(0)^2 * sum w^2 / (sum w)^2, Kish's effective
 * size (sum w)^2 / sum w^2 in place of n.
 *
 * f(0) is the pool's residual density at zero: the weighted kernel
 * estimate sum w_i K_h(r_i) / sum w_i. The sampler scores rows where the
 * scores straddle the boundary, so the plain estimate would count rows
 * near zero too often and narrow the band. Silverman's bandwidth takes
 * the weighted sd and IQR, and the effective size for n: a row standing
 * for others is one observation, and must not shrink the bandwidth.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>

#include "capscope/band.h"
#include "band_internal.h"

/* Rows between two looks at the cancel: about a millisecond at a million. */
#define CANCEL_STRIDE 65536

static int cancelled(cs_cancel *c, size_t i)
{
    return i % CANCEL_STRIDE == 0 && cs_cancel_asked(c);
}

/* The p-quantile of r as gsl_stats_quantile_from_sorted_data would give on
 * the sorted r (linear interpolation between order statistics), by
 * selection: O(n) where sorting a million residuals took 150 ms. Reorders r. */
static double quantile_by_select(double *r, size_t n, double p)
{
    double index = p * (double)(n - 1);
    size_t lhs = (size_t)index;
    double delta = index - (double)lhs;
    double lo = gsl_stats_select(r, 1, n, lhs);
    if (delta == 0 || lhs + 1 >= n)
        return lo;
    /* Selection leaves every value after lhs at least r[lhs]: the next
     * order statistic is their minimum. */
    double hi = r[lhs + 1];
    for (size_t i = lhs + 2; i < n; i++)
        if (r[i] < hi)
            hi = r[i];
    return (1 - delta) * lo + delta * hi;
}

/* band_internal.h. With every weight 1, u_i = i + 1/2: the interpolation
 * of quantile_by_select, at index p (n - 1). GSL has no weighted quantile
 * (gsl_stats has weighted moments alone, gsl_rstat's quantile is the
 * unweighted P^2 estimate), so it is written here. */
double cs_band_weighted_quantile(const double *r, const double *w, size_t n, double total, double p)
{
    double lo = w[0] / 2, hi = total - w[n - 1] / 2;
    double target = lo + p * (hi - lo), before = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        double u = before + w[i] / 2, next = before + w[i] + w[i + 1] / 2;
        if (target <= next) {
            double delta = next > u ? (target - u) / (next - u) : 0;
            delta = fmin(fmax(delta, 0), 1);
            return (1 - delta) * r[i] + delta * r[i + 1];
        }
        before += w[i];
    }
    return r[n - 1];
}

/* band_internal.h; the weights as the head comment says. GSL has no kernel
 * density estimate (its histograms are binned counts), and one point of it
 * is one sum. */
double cs_band_density_at_zero(double *r, double *w, size_t n, cs_cancel *c)
{
    double sd, q25, q75, size = (double)n, total = (double)n;
    if (!w) {
        sd = gsl_stats_sd(r, 1, n);
        q75 = quantile_by_select(r, n, 0.75);
        q25 = quantile_by_select(r, n, 0.25);
    } else {
        double squares = 0;
        total = 0;
        for (size_t i = 0; i < n; i++) {
            total += w[i];
            squares += w[i] * w[i];
        }
        size = total * total / squares;
        sd = gsl_stats_wsd(w, 1, r, 1, n);
        if (cs_cancel_asked(c))
            return NAN;
        gsl_sort2(r, 1, w, 1, n);
        /* Where residuals tie (rows of one compute and one score), the
         * midpoints depend on which weight comes first: by weight, so the
         * quantile depends on the rows and not on the sort's whims. */
        for (size_t i = 0, j; i < n; i = j) {
            for (j = i + 1; j < n && r[j] == r[i]; j++)
                ;
            if (j - i > 1)
                gsl_sort(w + i, 1, j - i);
        }
        q75 = cs_band_weighted_quantile(r, w, n, total, 0.75);
        q25 = cs_band_weighted_quantile(r, w, n, total, 0.25);
    }
    double iqr = q75 - q25;
    double spread = iqr > 0 ? fmin(sd, iqr / 1.34) : sd;
    if (!(spread > 0) || !isfinite(size))
        return NAN;
    double h = 0.9 * spread * pow(size, -0.2), sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (cancelled(c, i))
            return NAN;
        double u = r[i] / h;
        sum += (w ? w[i] : 1) * exp(-0.5 * u * u);
    }
    return sum / (total * h * sqrt(2 * M_PI));
}

/* m += w g g'; excess += (w^2 - w) g g', which is B - A (head comment)
 * built up directly: exactly 0 when every weight is 1. */
static void add_outer(double m[16], double excess[16], const double g[4], double w)
{
    double e = w * w - w;
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) {
            m[4 * i + j] += w * g[i] * g[j];
            excess[4 * i + j] += e * g[i] * g[j];
        }
}

/* m plus 1e-12 of its trace on the diagonal. A tiny ridge relative to the
 * diagonal keeps a design whose rows all sit on the flat part of the sigmoid
 * (b's column near zero) invertible. */
static void ridge(double m[16])
{
    double tr = m[0] + m[5] + m[10] + m[15];
    for (int i = 0; i < 4; i++)
        m[5 * i] += 1e-12 * tr;
}

/* The sandwich A^-1 B A^-1 from a = A and excess = B - A, each ridged by
 * 1e-12 of its trace (ridge): B's ridge is then A's plus excess's, so
 * weights all 1 (excess 0) give exactly the plain A^-1 form (g' A^-1 A
 * A^-1 g), and weights all c (c A, c^2 B) the same band, as the fit is the
 * same. The form itself is cs_design_sandwich, shared with the sampler.
 * -1 when A is singular. */
static int sandwich(const double a[16], const double excess[16], cs_design_sandwich *out)
{
    double x[16], d[16], bm[16];
    memcpy(x, a, sizeof x);
    ridge(x);
    memcpy(d, excess, sizeof d);
    ridge(d);
    for (int i = 0; i < 16; i++)
        bm[i] = x[i] + d[i];
    return cs_design_sandwich_init(out, x, bm);
}

static int valid_weights(const double *w, size_t n)
{
    for (size_t i = 0; w && i < n; i++)
        if (!(w[i] >= 0) || !isfinite(w[i]))
            return 0;
    return 1;
}

int cs_band_compute_rows(cs_band *b, const cs_fit *f, const cs_band_rows *rows, double tau)
{
    memset(b, 0, sizeof *b);
    cs_cancel cancel = { rows->cancel, rows->cancel_arg, 0 };
    size_t n = rows->n;
    const double *w = rows->w, *w_after = rows->w_after ? rows->w_after : w;
    if (n < CS_BAND_MIN_ROWS || !(tau > 0 && tau < 1) || !valid_weights(w, n) || !valid_weights(w_after, n) ||
        !valid_weights(rows->add_w, rows->n_add))
        return -1;
    double *r = malloc(n * sizeof *r), *rw = w ? malloc(n * sizeof *rw) : NULL;
    if (!r || (w && !rw)) {
        free(r);
        free(rw);
        errno = ENOMEM; /* band.h: told apart from a band the rows cannot give */
        return -1;
    }
    b->prior = cs_design_prior_from_params(&f->p);
    double m[16] = { 0 }, excess[16] = { 0 }, g[4];
    size_t used = 0; /* rows of a positive weight: the others do not count */
    for (size_t i = 0; i < n; i++) {
        if (cancelled(&cancel, i))
            goto fail;
        if (w && w[i] == 0)
            continue;
        if (rw)
            rw[used] = w[i];
        r[used++] = rows->y[i] - cs_fit_predict(f, rows->z[i]);
        cs_design_features(&b->prior, rows->z[i], g);
        add_outer(m, excess, g, w ? w[i] : 1);
    }
    double f0 = used >= 8 ? cs_band_density_at_zero(r, rw, used, &cancel) : NAN;
    if (!(f0 > 0) || !isfinite(f0) || sandwich(m, excess, &b->before) < 0)
        goto fail;
    if (w_after != w) { /* the scored rows' weights change too */
        memset(m, 0, sizeof m);
        memset(excess, 0, sizeof excess);
        for (size_t i = 0; i < n; i++) {
            if (cancelled(&cancel, i))
                goto fail;
            if (w_after[i] == 0)
                continue;
            cs_design_features(&b->prior, rows->z[i], g);
            add_outer(m, excess, g, w_after[i]);
        }
    }
    for (size_t i = 0; i < rows->n_add; i++) {
        cs_design_features(&b->prior, rows->add_z[i], g);
        add_outer(m, excess, g, rows->add_w ? rows->add_w[i] : 1);
    }
    if (sandwich(m, excess, &b->after) < 0)
        b->after = b->before;
    free(r);
    free(rw);
    b->scale = tau * (1 - tau) / (f0 * f0);
    b->n = used;
    b->n_added = rows->n_add;
    b->z_min = f->z_min;
    b->z_max = f->z_max;
    b->ok = 1;
    return 0;
fail:
    free(r);
    free(rw);
    return -1;
}

int cs_band_compute(cs_band *b, const cs_fit *f, const double *z, const double *y, size_t n,
                    const double *add_z, size_t n_add, double tau)
{
    cs_band_rows rows = { .z = z, .y = y, .n = n, .add_z = add_z, .n_add = n_add };
    return cs_band_compute_rows(b, f, &rows, tau);
}

double cs_band_sd(const cs_band *b, int after, double z)
{
    if (!b->ok)
        return NAN;
    const cs_design_sandwich *sw = after ? &b->after : &b->before;
    /* The prediction beyond the range is q at its end (method.md, section
     * 4): the unclamped sigmoid's gradient there would widen a flat line. */
    if (z < b->z_min)
        z = b->z_min;
    if (z > b->z_max)
        z = b->z_max;
    double g[4];
    cs_design_features(&b->prior, z, g);
    double v = cs_design_sandwich_form(sw, g);
    return v > 0 ? sqrt(b->scale * v) : 0;
}
