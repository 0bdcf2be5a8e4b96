/* fit_local.c - the grouped objective and the exact-active-set local solver. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/fit.h"
#include "core/fit_local.h"

/* Rows between renormalisations of the running product of 1/a_i (each factor
 * is in [1/2, 1], so 512 of them stay far above the smallest normal double). */
#define PRODUCT_CHUNK 512

/* exp(-t) per row is clamped here: beyond it sigma is 0 to double precision
 * and softplus(t) is t + 0, and the clamp keeps w * sigma finite. */
#define W_MAX 1e300

typedef struct group_sums {
    double pos;       /* sum of max(t, 0), t = kappa (y - q) */
    double sig;       /* sum of sigma(t) */
    double curv;      /* sum of sigma (1 - sigma) */
} group_sums;

/* The running product of 1/a_i (see group_pass), carried across groups so
 * that data with one row per compute value do not pay a log per row. */
typedef struct log_acc {
    double prod, log_sum;
    unsigned count;
} log_acc;

static double log_acc_total(const log_acc *acc)
{
    return acc->log_sum + log(acc->prod);
}

/* fmin/fmax are written as comparisons below: without -ffinite-math-only
 * the library calls are not inlined, and they tripled the cost of a row.
 *
 * One group of rows at prediction q. Per row, with t = kappa (y - q) and
 * w = exp(-t): sigma = 1 / (1 + w) and softplus(t) = max(t, 0) + log(a) where
 * 1/a = sigma * max(w, 1) is in [1/2, 1]. The logs are taken of a running
 * product, once per PRODUCT_CHUNK rows, so a row costs a few multiply-adds and
 * one divide (no exp, no log) on the factored path. */
static group_sums group_pass(const fit_problem *pb, size_t lo, size_t hi, double q, log_acc *acc)
{
    const double *ey = pb->ey, *ky = pb->ky;
    const double kq = (pb->mirror ? -pb->kappa : pb->kappa) * q;
    double pos = 0.0, s1 = 0.0, s2 = 0.0, prod = acc->prod;
    unsigned count = acc->count;

    if (pb->wt) {
        /* Weighted rows: the running product cannot carry a weight as a
         * power, so each row pays its log here (weighted fits are the small
         * refits of a design, where this costs nothing that matters). */
        const double *wt = pb->wt;
        for (size_t i = lo; i < hi; i++) {
            double t = ky[i] - kq;
            double e = exp(-fabs(t));
            double sig = t >= 0.0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
            s1 += wt[i] * sig;
            s2 += wt[i] * sig * (1.0 - sig);
            pos += wt[i] * ((t > 0.0 ? t : 0.0) + log1p(e));
        }
    } else if (pb->factored) {
        const double F = exp((pb->mirror ? -pb->kappa : pb->kappa) * (q - 0.5));
        size_t i = lo;
        /* Two rows per step in independent sums: the four running sums are
         * latency-bound chains, and splitting them made a pass 1.6x faster. */
        double s1b = 0.0, s2b = 0.0, posb = 0.0, prodb = 1.0;
        for (; i + 1 < hi; i += 2) {
            double w = ey[i] * F, wb = ey[i + 1] * F;
            w = w < W_MAX ? w : W_MAX;
            wb = wb < W_MAX ? wb : W_MAX;
            double sig = 1.0 / (1.0 + w), sigb = 1.0 / (1.0 + wb);
            double t = ky[i] - kq, tb = ky[i + 1] - kq;
            s1 += sig;
            s1b += sigb;
            s2 += sig * (1.0 - sig);
            s2b += sigb * (1.0 - sigb);
            prod *= w > 1.0 ? sig * w : sig;
            prodb *= wb > 1.0 ? sigb * wb : sigb;
            pos += t > 0.0 ? t : 0.0;
            posb += tb > 0.0 ? tb : 0.0;
            count += 2;
            if (count >= PRODUCT_CHUNK) {
                acc->log_sum += log(prod * prodb);
                prod = prodb = 1.0;
                count = 0;
            }
        }
        for (; i < hi; i++) {
            double w = ey[i] * F;
            w = w < W_MAX ? w : W_MAX;
            double sig = 1.0 / (1.0 + w);
            double t = ky[i] - kq;
            s1 += sig;
            s2 += sig * (1.0 - sig);
            prod *= w > 1.0 ? sig * w : sig;
            pos += t > 0.0 ? t : 0.0;
            count++;
        }
        s1 += s1b;
        s2 += s2b;
        pos += posb;
        prod *= prodb;
        if (count >= PRODUCT_CHUNK) {
            acc->log_sum += log(prod);
            prod = 1.0;
            count = 0;
        }
    } else {
        /* Large kappa: exp(kappa/2) would overflow, so one exp per row. */
        for (size_t i = lo; i < hi; i++) {
            double t = ky[i] - kq;
            double w = exp(-t < 690.0 ? -t : 690.0);
            double sig = 1.0 / (1.0 + w);
            s1 += sig;
            s2 += sig * (1.0 - sig);
            prod *= w > 1.0 ? sig * w : sig;
            pos += t > 0.0 ? t : 0.0;
            if (++count == PRODUCT_CHUNK) {
                acc->log_sum += log(prod);
                prod = 1.0;
                count = 0;
            }
        }
    }
    acc->prod = prod;
    acc->count = count;
    return (group_sums){ .pos = pos, .sig = s1, .curv = s2 };
}

double fitp_total_weight(const fit_problem *pb)
{
    return pb->W > 0.0 ? pb->W : (double)pb->n;
}

double fitp_rounding(const fit_problem *pb, const double th[4], double J)
{
    double sum_y = 0.0;
    for (size_t k = 0; k < pb->G; k++)
        sum_y += pb->sum_y[k];
    /* The rows' terms in the form summed (group_values): max(+-u, 0), at
     * most 2 rho(u), and the log term, at most rho(u), so 3 J on average;
     * and min(tau, 1 - tau) (y - q), whose product and difference are
     * rounded at the size of y + q <= y + y0 + L. The log of the running
     * product is off by up to eps per row, eps / kappa in J. */
    const double t = pb->tau < 0.5 ? pb->tau : 1.0 - pb->tau;
    const double row = 3.0 * fabs(J) + t * (sum_y / fitp_total_weight(pb) + th[FP_Y0] + th[FP_L])
                       + 1.0 / pb->kappa;
    return DBL_EPSILON * (4.0 * fabs(J) + sqrt((double)pb->n) * row);
}

/* f_k(q) = (1/n) sum over group k of rho(y - q), with its first two
 * derivatives in q: from the table when there is one, else from the rows.
 * From the rows with acc given, f[0] leaves out the log terms, which go into
 * acc (the caller adds -log_acc_total / (n kappa) once).
 *
 * rho(u) = softplus(kappa u) / kappa + (tau - 1) u is also
 * softplus(-kappa u) / kappa + tau u. Below tau = 1/2 the rows sit mostly
 * above q, where the first form subtracts two terms of size u that nearly
 * cancel and its slope (1 - tau) - sigma two numbers near 1: at tau 1e-9
 * both kept 7 digits and the fit stopped with L at 1e-3 on flat data. The
 * mirrored rows (t = kappa (q - y)) give the second form, its slope
 * sigma(t) - tau and the same curvature, with no such cancellation. */
static void group_values(const fit_problem *pb, size_t k, double q, double f[3], log_acc *acc)
{
    const double inv_n = 1.0 / fitp_total_weight(pb);
    if (pb->table) {
        const int M = pb->table_m;
        double x = q * M;
        int j = (int)x;
        j = j < 0 ? 0 : j >= M ? M - 1 : j;
        double t = x - j;
        const double *c = pb->table + 6 * ((size_t)M * k + (size_t)j);
        f[0] = c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * (c[4] + t * c[5]))));
        f[1] = M * (c[1] + t * (2 * c[2] + t * (3 * c[3] + t * (4 * c[4] + t * 5 * c[5]))));
        f[2] = (double)M * M * (2 * c[2] + t * (6 * c[3] + t * (12 * c[4] + t * 20 * c[5])));
        return;
    }
    const size_t lo = pb->start[k], hi = pb->start[k + 1];
    const double nk = pb->w_g ? pb->w_g[k] : (double)(hi - lo);
    log_acc own = { 1.0, 0.0, 0 };
    group_sums gs = group_pass(pb, lo, hi, q, acc ? acc : &own);
    double sp = acc ? gs.pos : gs.pos - log_acc_total(&own);
    if (pb->mirror) {
        f[0] = inv_n * (sp / pb->kappa + pb->tau * (pb->sum_y[k] - nk * q));
        f[1] = inv_n * (gs.sig - pb->tau * nk);
    } else {
        f[0] = inv_n * (sp / pb->kappa + (pb->tau - 1.0) * (pb->sum_y[k] - nk * q));
        f[1] = inv_n * ((1.0 - pb->tau) * nk - gs.sig);
    }
    f[2] = inv_n * pb->kappa * gs.curv;
}

int fitp_tabulate(fit_problem *pb, int M, double *table)
{
    const double h = 1.0 / M;
    double *prev = malloc(3 * pb->G * sizeof *prev);
    if (!prev)
        return -1;
    for (int j = 0; j <= M; j++) {
        const double q = j == M ? 1.0 : (double)j / M;
        if (fitp_cancelled(pb)) {
            free(prev);
            return -1;
        }
        pb->evals++;
        for (size_t k = 0; k < pb->G; k++) {
            double f[3];
            group_values(pb, k, q, f, NULL);
            if (j > 0) {
                /* Quintic Hermite on [q_{j-1}, q_j] in t = (q - q_{j-1}) / h,
                 * matching value, slope and curvature at both ends. */
                const double *p0 = prev + 3 * k;
                double *c = table + 6 * ((size_t)M * k + (size_t)(j - 1));
                c[0] = p0[0];
                c[1] = h * p0[1];
                c[2] = 0.5 * h * h * p0[2];
                double A = f[0] - (c[0] + c[1] + c[2]);
                double B = h * f[1] - (c[1] + 2.0 * c[2]);
                double C = h * h * f[2] - 2.0 * c[2];
                c[3] = 10.0 * A - 4.0 * B + 0.5 * C;
                c[4] = -15.0 * A + 7.0 * B - C;
                c[5] = 6.0 * A - 3.0 * B + 0.5 * C;
            }
            memcpy(prev + 3 * k, f, sizeof f);
        }
    }
    free(prev);
    return 0;
}

double fitp_eval(fit_problem *pb, const double th[4], double g[4], double H[16])
{
    const double y0 = th[FP_Y0], L = th[FP_L], zs = th[FP_ZS], b = th[FP_B];
    double J = 0.0;
    log_acc acc = { 1.0, 0.0, 0 };

    if (fitp_cancelled(pb))
        return NAN;
    pb->evals += pb->table == NULL;
    if (g)
        memset(g, 0, 4 * sizeof *g);
    if (H)
        memset(H, 0, 16 * sizeof *H);

    for (size_t k = 0; k < pb->G; k++) {
        const double d = pb->zg[k] - zs;
        const double s = cs_sigmoid(b * d);
        const double q = y0 + L * s;
        double fv[3];
        group_values(pb, k, q, fv, &acc);
        J += fv[0];
        if (!g)
            continue;
        const double f1 = fv[1];
        const double sp = s * (1.0 - s);
        const double dq[4] = { 1.0, s, -L * b * sp, L * d * sp };
        for (int i = 0; i < 4; i++)
            g[i] += f1 * dq[i];
        if (!H)
            continue;
        const double f2 = fv[2];
        const double spp = sp * (1.0 - 2.0 * s);
        for (int i = 0; i < 4; i++)
            for (int j = i; j < 4; j++)
                H[4 * i + j] += f2 * dq[i] * dq[j];
        /* f1 times the Hessian of q (y0 enters q linearly, L bilinearly). */
        H[4 * FP_L + FP_ZS] += f1 * (-b * sp);
        H[4 * FP_L + FP_B] += f1 * (d * sp);
        H[4 * FP_ZS + FP_ZS] += f1 * (L * b * b * spp);
        H[4 * FP_ZS + FP_B] += f1 * (-L * sp - L * b * d * spp);
        H[4 * FP_B + FP_B] += f1 * (L * d * d * spp);
    }

    if (!pb->table)
        J -= log_acc_total(&acc) / (fitp_total_weight(pb) * pb->kappa);
    J += pb->lambda_b * b * b;
    if (g)
        g[FP_B] += 2.0 * pb->lambda_b * b;
    if (H) {
        H[4 * FP_B + FP_B] += 2.0 * pb->lambda_b;
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < i; j++)
                H[4 * i + j] = H[4 * j + i];
    }
    return J;
}

/* J and its derivatives in (y0, L) only, at a fixed shape whose sigmoid
 * values s[k] are given: the inner problem, where most of the work of the
 * screen is done. g and H are 4-vectors and 4x4 as above (shape entries 0). */
static double eval_inner(fit_problem *pb, const double *s, const double th[4], double g[4],
                         double H[16])
{
    double J = 0.0, g0 = 0.0, g1 = 0.0, h00 = 0.0, h01 = 0.0, h11 = 0.0;
    log_acc acc = { 1.0, 0.0, 0 };
    if (fitp_cancelled(pb))
        return NAN;
    pb->evals += pb->table == NULL;
    for (size_t k = 0; k < pb->G; k++) {
        double fv[3];
        group_values(pb, k, th[FP_Y0] + th[FP_L] * s[k], fv, &acc);
        J += fv[0];
        g0 += fv[1];
        g1 += fv[1] * s[k];
        h00 += fv[2];
        h01 += fv[2] * s[k];
        h11 += fv[2] * s[k] * s[k];
    }
    if (!pb->table)
        J -= log_acc_total(&acc) / (fitp_total_weight(pb) * pb->kappa);
    memset(g, 0, 4 * sizeof *g);
    memset(H, 0, 16 * sizeof *H);
    g[FP_Y0] = g0;
    g[FP_L] = g1;
    H[0] = h00;
    H[1] = H[4] = h01;
    H[5] = h11;
    return J + pb->lambda_b * th[FP_B] * th[FP_B];
}

void fitp_project(const fit_problem *pb, double th[4])
{
    th[FP_Y0] = fmin(fmax(th[FP_Y0], 0.0), 1.0);
    th[FP_L] = fmin(fmax(th[FP_L], 0.0), 1.0);
    if (th[FP_Y0] + th[FP_L] > 1.0) {
        th[FP_L] = 1.0 - th[FP_Y0];
        /* 1 - y0 is rounded; step down until the sum is feasible in doubles. */
        while (th[FP_L] > 0.0 && th[FP_Y0] + th[FP_L] > 1.0)
            th[FP_L] = nextafter(th[FP_L], 0.0);
    }
    th[FP_ZS] = fmin(fmax(th[FP_ZS], pb->z_lo), pb->z_hi);
    th[FP_B] = fmin(fmax(th[FP_B], CS_B_MIN), CS_B_MAX);
}

/* In-place Cholesky of an r x r SPD matrix (r <= 4). Hand-rolled: the
 * step solves up to 63 of these tiny systems, where GSL's per-call set-up
 * would cost more than the arithmetic. Returns -1 if not positive definite. */
static int chol_small(double *A, int r)
{
    for (int j = 0; j < r; j++) {
        double d = A[4 * j + j];
        for (int k = 0; k < j; k++)
            d -= A[4 * j + k] * A[4 * j + k];
        if (!(d > 0.0))
            return -1;
        d = sqrt(d);
        A[4 * j + j] = d;
        for (int i = j + 1; i < r; i++) {
            double v = A[4 * i + j];
            for (int k = 0; k < j; k++)
                v -= A[4 * i + k] * A[4 * j + k];
            A[4 * i + j] = v / d;
        }
    }
    return 0;
}

static void chol_solve_small(const double *C, int r, double *x)
{
    for (int i = 0; i < r; i++) {
        double v = x[i];
        for (int k = 0; k < i; k++)
            v -= C[4 * i + k] * x[k];
        x[i] = v / C[4 * i + i];
    }
    for (int i = r - 1; i >= 0; i--) {
        double v = x[i];
        for (int k = i + 1; k < r; k++)
            v -= C[4 * k + i] * x[k];
        x[i] = v / C[4 * i + i];
    }
}

/* The same over the triangle alone (z_star and b frozen): the inner problem
 * of the screen, where this runs thousands of times, written out in 2-D. */
static double qp_triangle(const fit_problem *pb, const double th[4], const double g[4],
                          const double M[16], double p_best[4])
{
    const double a = M[0], c = M[1], d = M[5];
    const double y0 = th[FP_Y0], L = th[FP_L];
    double cand[7][2];
    int nc = 0;
    const double det = a * d - c * c;
    if (det > 0.0) { /* interior: p = th - M^-1 g */
        cand[nc][0] = y0 - (d * g[0] - c * g[1]) / det;
        cand[nc][1] = L - (a * g[1] - c * g[0]) / det;
        nc++;
    }
    if (d > 0.0) { /* y0 = 0 */
        cand[nc][0] = 0.0;
        cand[nc][1] = L - (g[1] - c * y0) / d;
        nc++;
    }
    if (a > 0.0) { /* L = 0 */
        cand[nc][0] = y0 - (g[0] - c * L) / a;
        cand[nc][1] = 0.0;
        nc++;
    }
    const double uMu = a - 2.0 * c + d;
    if (uMu > 0.0) { /* y0 + L = 1: p = (y0 + t, 1 - y0 - t) */
        const double e = 1.0 - y0 - L; /* the L step to reach the edge at t = 0 */
        double t = -((g[0] + c * e) - (g[1] + d * e)) / uMu;
        cand[nc][0] = y0 + t;
        cand[nc][1] = 1.0 - (y0 + t);
        nc++;
    }
    static const double vertices[3][2] = { { 0, 0 }, { 0, 1 }, { 1, 0 } };
    for (int v = 0; v < 3; v++, nc++) {
        cand[nc][0] = vertices[v][0];
        cand[nc][1] = vertices[v][1];
    }
    const double tol = 1e-13;
    double best = INFINITY;
    for (int k = 0; k < nc; k++) {
        const double p0 = cand[k][0], p1 = cand[k][1];
        if (p0 < -tol || p1 < -tol || p0 + p1 > 1.0 + tol)
            continue;
        const double d0 = p0 - y0, d1 = p1 - L;
        const double m = g[0] * d0 + g[1] * d1 + 0.5 * (a * d0 * d0 + 2.0 * c * d0 * d1 + d * d1 * d1);
        if (m < best) {
            best = m;
            p_best[FP_Y0] = p0;
            p_best[FP_L] = p1;
        }
    }
    p_best[FP_ZS] = th[FP_ZS];
    p_best[FP_B] = th[FP_B];
    if (!isfinite(best)) {
        memcpy(p_best, th, 4 * sizeof *th);
        return 0.0;
    }
    fitp_project(pb, p_best);
    return best;
}

/* Minimise the model m(p) = g.(p - th) + (p - th)' M (p - th) / 2 over the
 * feasible polytope (triangle in (y0, L) times box in (z_star, b)). M is
 * positive definite on the free variables, so the minimiser is the stationary
 * point of the one face whose relative interior holds it: try every face and
 * keep the feasible stationary point of least model value. Fixed coordinates
 * are written exactly (0, 1 - y0, a bound). */
static double qp_step(const fit_problem *pb, const double th[4], const double g[4],
                      const double M[16], int frozen_shape, double p_best[4])
{
    static const double tri_dir[7][2][2] = {
        { { 1, 0 }, { 0, 1 } }, /* interior */
        { { 0, 1 }, { 0, 0 } }, /* y0 = 0 */
        { { 1, 0 }, { 0, 0 } }, /* L = 0 */
        { { 1, -1 }, { 0, 0 } },/* y0 + L = 1 */
        { { 0, 0 }, { 0, 0 } }, /* (0, 0) */
        { { 0, 0 }, { 0, 0 } }, /* (0, 1) */
        { { 0, 0 }, { 0, 0 } }, /* (1, 0) */
    };
    static const int tri_ndir[7] = { 2, 1, 1, 1, 0, 0, 0 };
    const double tol = 1e-13;
    const double ztol = 1e-13 * fmax(1.0, fabs(pb->z_hi));
    const int nzs = frozen_shape || pb->z_lo == pb->z_hi ? 1 : 3;
    const int nb = frozen_shape ? 1 : 3;
    double best = INFINITY;

    if (frozen_shape)
        return qp_triangle(pb, th, g, M, p_best);

    for (int t = 0; t < 7; t++) {
        for (int zf = 0; zf < nzs; zf++) {
            for (int bf = 0; bf < nb; bf++) {
                double p0[4], N[4][4] = { { 0 } };
                int r = 0;
                switch (t) {
                case 0: p0[0] = th[0]; p0[1] = th[1]; break;
                case 1: p0[0] = 0.0; p0[1] = th[1]; break;
                case 2: p0[0] = th[0]; p0[1] = 0.0; break;
                case 3: p0[0] = th[0]; p0[1] = 1.0 - th[0]; break;
                case 4: p0[0] = 0.0; p0[1] = 0.0; break;
                case 5: p0[0] = 0.0; p0[1] = 1.0; break;
                default: p0[0] = 1.0; p0[1] = 0.0; break;
                }
                for (int c = 0; c < tri_ndir[t]; c++, r++) {
                    N[0][r] = tri_dir[t][c][0];
                    N[1][r] = tri_dir[t][c][1];
                }
                p0[2] = zf == 0 ? th[2] : zf == 1 ? pb->z_lo : pb->z_hi;
                if (zf == 0 && nzs == 3)
                    N[2][r++] = 1.0;
                p0[3] = bf == 0 ? th[3] : bf == 1 ? CS_B_MIN : CS_B_MAX;
                if (bf == 0 && nb == 3)
                    N[3][r++] = 1.0;

                /* Reduced system (N' M N) w = -N' (g + M (p0 - th)). */
                double dp[4], grad[4], p[4];
                for (int i = 0; i < 4; i++)
                    dp[i] = p0[i] - th[i];
                for (int i = 0; i < 4; i++) {
                    grad[i] = g[i];
                    for (int j = 0; j < 4; j++)
                        grad[i] += M[4 * i + j] * dp[j];
                }
                memcpy(p, p0, sizeof p);
                if (r > 0) {
                    double A[16], w[4], MN[4][4];
                    for (int i = 0; i < 4; i++)
                        for (int c = 0; c < r; c++) {
                            double v = 0.0;
                            for (int j = 0; j < 4; j++)
                                v += M[4 * i + j] * N[j][c];
                            MN[i][c] = v;
                        }
                    for (int a = 0; a < r; a++) {
                        double v = 0.0;
                        for (int i = 0; i < 4; i++)
                            v -= N[i][a] * grad[i];
                        w[a] = v;
                        for (int c = 0; c < r; c++) {
                            double m = 0.0;
                            for (int i = 0; i < 4; i++)
                                m += N[i][a] * MN[i][c];
                            A[4 * a + c] = m;
                        }
                    }
                    if (chol_small(A, r) != 0)
                        continue;
                    chol_solve_small(A, r, w);
                    for (int i = 0; i < 4; i++)
                        for (int c = 0; c < r; c++)
                            p[i] += N[i][c] * w[c];
                    if (t == 3)
                        p[1] = 1.0 - p[0];
                }
                /* Feasible (to rounding) in the constraints this face leaves free? */
                if (p[0] < -tol || p[1] < -tol || p[0] + p[1] > 1.0 + tol)
                    continue;
                if (p[2] < pb->z_lo - ztol || p[2] > pb->z_hi + ztol)
                    continue;
                if (p[3] < CS_B_MIN * (1 - tol) || p[3] > CS_B_MAX * (1 + tol))
                    continue;
                double d[4], m = 0.0;
                for (int i = 0; i < 4; i++)
                    d[i] = p[i] - th[i];
                for (int i = 0; i < 4; i++) {
                    double v = g[i];
                    for (int j = 0; j < 4; j++)
                        v += 0.5 * M[4 * i + j] * d[j];
                    m += d[i] * v;
                }
                if (m < best) {
                    best = m;
                    memcpy(p_best, p, 4 * sizeof *p);
                }
            }
        }
    }
    if (!isfinite(best)) {
        memcpy(p_best, th, 4 * sizeof *th);
        return 0.0;
    }
    fitp_project(pb, p_best);
    return best;
}

/* Is M positive definite on the free variables? */
static int free_block_pd(const double M[16], int frozen_shape, int single_z)
{
    int idx[4], r = 0;
    double A[16];
    idx[r++] = FP_Y0;
    idx[r++] = FP_L;
    if (!frozen_shape && !single_z)
        idx[r++] = FP_ZS;
    if (!frozen_shape)
        idx[r++] = FP_B;
    for (int i = 0; i < r; i++)
        for (int j = 0; j < r; j++)
            A[4 * i + j] = M[4 * idx[i] + idx[j]];
    return chol_small(A, r) == 0;
}

double fitp_local(fit_problem *pb, double th[4], int frozen_shape, int max_iter, double rtol)
{
    double g[4], H[16], M[16], p[4], gp[4], Hp[16];
    const int single_z = pb->z_lo == pb->z_hi;
    double mu = frozen_shape ? 1e-9 : 1e-4;

    fitp_project(pb, th);
    const double *s = NULL;
    if (frozen_shape && pb->s_cache) {
        for (size_t k = 0; k < pb->G; k++)
            pb->s_cache[k] = cs_sigmoid(th[FP_B] * (pb->zg[k] - th[FP_ZS]));
        s = pb->s_cache;
    }
    double J = s ? eval_inner(pb, s, th, g, H) : fitp_eval(pb, th, g, H);
    if (!isfinite(J))
        return J;

    for (int it = 0, rejects = 0; it < max_iter; it++) {
        /* Stop at once, rather than let the cancelled evaluations count as
         * up to 40 rejected steps. */
        if (fitp_cancelled(pb))
            return NAN;
        double D[4];
        for (int i = 0; i < 4; i++)
            D[i] = fmax(fabs(H[5 * i]), 1e-8);
        /* Damp until the model is convex on the free variables. */
        for (;;) {
            memcpy(M, H, sizeof M);
            for (int i = 0; i < 4; i++)
                M[5 * i] += mu * D[i];
            if (free_block_pd(M, frozen_shape, single_z))
                break;
            mu = fmax(mu * 10.0, 1e-6);
            if (mu > 1e30)
                return J;
        }
        double model = qp_step(pb, th, g, M, frozen_shape, p);
        double pred = -model;
        if (!(pred > rtol * fabs(J) + 1e-300)) {
            /* The model cannot lower J by more than asked: a first-order
             * point. At full precision a (nearly) undamped Newton step is
             * still trusted to shrink the gradient (J cannot see it): take it
             * unless J rises beyond its rounding. */
            if (rtol <= FITP_EXACT && mu < 1e-3 && memcmp(p, th, sizeof p) != 0) {
                double Jp = s ? eval_inner(pb, s, p, gp, Hp) : fitp_eval(pb, p, gp, Hp);
                if (Jp <= J + fitp_rounding(pb, th, J)) {
                    memcpy(th, p, 4 * sizeof *th);
                    J = fmin(J, Jp);
                }
            }
            break;
        }
        double Jp = s ? eval_inner(pb, s, p, gp, Hp) : fitp_eval(pb, p, gp, Hp);
        double actual = J - Jp;
        if (isfinite(Jp) && !(fabs(actual) > fitp_rounding(pb, th, J))) {
            /* J cannot tell the two points apart, but the gradients can:
             * J is rounded at the size of its largest terms (the ridge,
             * the rows' y + q, the logs), its slope at the size of tau and
             * kappa tau. The trapezoid rule on the slopes gives the change
             * exactly for a quadratic J, which the model is. Without it, at
             * tau 5e-9 (curvature kappa tau) on flat data every step below
             * J's rounding was a coin toss and the fit stopped with L at
             * 1e-4 where it is 0. */
            actual = 0.0;
            for (int i = 0; i < 4; i++)
                actual -= 0.5 * (g[i] + gp[i]) * (p[i] - th[i]);
        }
        if (isfinite(Jp) && actual > 1e-4 * pred) {
            double ratio = actual / pred;
            if (ratio > 1.25 && mu >= 1e-3) {
                /* J fell clearly more than the damped model said: along a
                 * valley of negative curvature the damping that keeps the
                 * model convex also keeps the steps short (a warm start
                 * sliding to L = 0 took 130 such steps). Extend the step
                 * while J keeps falling (clamped to the feasible set). */
                double step[4], q[4], gq[4], Hq[16];
                for (int i = 0; i < 4; i++)
                    step[i] = p[i] - th[i];
                for (double t = 2.0; t <= 1024.0; t *= 2.0) {
                    for (int i = 0; i < 4; i++)
                        q[i] = th[i] + t * step[i];
                    fitp_project(pb, q);
                    double Jq = s ? eval_inner(pb, s, q, gq, Hq) : fitp_eval(pb, q, gq, Hq);
                    if (!(Jq < Jp))
                        break;
                    Jp = Jq;
                    memcpy(p, q, sizeof q);
                    memcpy(gp, gq, sizeof gp);
                    memcpy(Hp, Hq, sizeof Hp);
                    if (memcmp(q, th, sizeof q) == 0)
                        break;
                }
            }
            memcpy(th, p, 4 * sizeof *th);
            memcpy(g, gp, sizeof g);
            memcpy(H, Hp, sizeof H);
            J = Jp;
            rejects = 0;
            if (ratio > 0.75)
                mu *= 0.1;
            else if (ratio < 0.25)
                mu *= 4.0;
            if (mu < 1e-12)
                mu = 0.0;
        } else {
            /* The step did not pay: shorten it. Repeated rejections of tiny
             * predicted decreases are rounding noise: stop. */
            if (++rejects > 40 || pred < 1e-13 * fabs(J))
                break;
            mu = mu > 0.0 ? mu * 8.0 : 1e-8;
        }
    }
    return J;
}
