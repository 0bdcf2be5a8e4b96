/* design_quantile.c - the incremental sampler: a design for a 0.98 quantile.
 *
 * What pins a high quantile down. The fit solves the estimating equation
 *     sum_i (psi_i - (1 - tau)) grad q(z_i) = 0,  psi_i = sigma(kappa (y_i - q(z_i))),
 * so a row counts through psi alone: a row far below the boundary has
 * psi = 0 whatever its score, rows near or above it carry the information
 * and the noise. The rows of one group (one base model's fine-tunes at one
 * compute level, design_strata.c) share q and its gradient, and the groups
 * differ enormously: on the shared data one group of 97 rows (4.6% of the
 * cost) holds 29 of ifeval's 45 rows above the full-data boundary, most
 * groups hold none.
 *
 * So the sampler allocates rows to groups the way a survey statistician
 * allocates a sample to strata (Neyman allocation), and the refit undoes the
 * allocation with design weights (cs_design_weights: each scored row stands
 * for N / n rows of its group). The weighted refit estimates the full pool's
 * fit whatever the allocation, and the allocation is then free to spend the
 * budget where psi varies. Linearised, the error of the refit's q at the
 * target compute z* is
 *     c' H^-1 sum_g N_g (psibar_g(scored) - psibar_g(all)) grad q(z_g),
 *     c = grad q(z*),  H = sum_g N_g f_g grad q(z_g) grad q(z_g)',
 * with f_g the mean curvature kappa psi (1 - psi) of group g's rows, so with
 * n_g of N_g rows drawn at random its variance is
 *     sum_g v_g (1/n_g - 1/N_g),  v_g = N_g^2 (c' H^-1 grad q(z_g))^2 S_g^2,
 * S_g^2 the spread of psi within the group. The greedy step takes the row
 * that lowers this most per unit of cost (summed over the selected tasks),
 * after every group has a first row: a group nobody scored would have to be
 * stood in for by other groups, whose scored rows are the sampler's
 * favourites (the weights would then pull the refit up). A first row worth
 * less than FIRST_WAIT of the best further row waits for its turn among the
 * other rows: on the shared data these are the lone rows of 20B-57B bases
 * far below the boundary (Qwen2-57B-A14B, Yi-1.5-34B, gpt-neox-20b), each
 * 2-6% of a 5% budget, whose stand-in costs less than their price buys
 * elsewhere. Within a group the
 * rows come in a seeded order spread along the release date
 * (design_spread.c): every row is as likely as any other to be among the
 * first n, which is what makes N / n the right weight, and the spread
 * stratifies the group finely by release, which the formula above does not
 * count (it is that of a simple random draw) but the refit gains from.
 *
 * Three things make the estimate of that variance good enough to steer by:
 *  - grad q is taken in the directions the fit's constraints leave free
 *    (cs_design_free_directions). Four of the six tasks' fits on the shared
 *    data sit at y0 = 0 and y0 + L = 1; there only z_star and b move, and
 *    with all four directions counted the formula gave the Qwen2.5-32B
 *    fine-tunes 5% of bbh's variance where refits with that group alone
 *    subsampled (the rest of the pool kept whole) give it 61%; counted in
 *    the free directions, 56%. The other tasks' main groups agree as well
 *    (tests/unit/test_design checks the directions against differences
 *    of q).
 *  - S_g^2 is measured with psi at SOFT_SHARE of the fit's kappa and scaled
 *    so that the task's total, sum_g N_g S_g^2, is the one psi at kappa
 *    gives. The rows above the boundary are rare: a group with 2 of 124
 *    such rows usually shows none in a sample of 20, but it shows rows just
 *    below, which the softer psi counts. The scaling keeps the balance
 *    between the tasks that of the variance being minimised.
 *  - the spreads are shrunk, with GROUP_PSEUDO rows, towards the family's
 *    other groups (design_strata.c: bases that differ only in size), then
 *    the stratum and the pool (PSEUDO rows): when the 12B base's
 *    fine-tunes lie above the boundary, so may the 4B's.
 * f_g is the group's mean curvature, shrunk towards its stratum's.
 *
 * Measured on the shared data (six tasks, mean |change of q(1e24)| against
 * the full-data fit, at 5 / 10 / 20% of the cost; the incremental replay
 * starts from 12 random rows and asks for 20 a round; capscope sweep, 200
 * seeds, with the standard error of the mean):
 *   random subsets          0.0102 / 0.0069 / 0.0046 (+- 0.0003 / 0.0002 / 0.0001)
 *   this sampler, weighted  0.0064 / 0.0037 / 0.0020 (+- 0.0002 / 0.0001 / 0.00005)
 *   ratio                   0.63 / 0.54 / 0.44
 * Every first row ahead of any further row (no FIRST_WAIT) it landed 0.0070
 * / 0.0038 / 0.0020: paired over 200 seeds the wait gains 0.00052 +- 0.00012
 * at 5% and 0.00014 +- 0.00005 at 10%, with every task gaining, and at 20%,
 * where every first row is bought in the end, 0.00003 +- 0.00002 is lost to
 * the order (FIRST_WAIT 0.01 and 0.1 did no better at 5% over 100 seeds,
 * 0.003 worse). With rows drawn at random within groups instead of along the
 * date it landed 0.0070 / 0.0043 / 0.0024 (0.69 / 0.62 / 0.52; paired over
 * the same 200 seeds at 20% the spread gains 0.00041 +- 0.00007, and every
 * task gains); before the three changes above 0.0074 / 0.0046 / 0.0027 (0.72
 * / 0.67 / 0.58); the paper's design 0.026 / 0.020 / 0.013. At 5% half the
 * budget goes to the first row of each group, so the order within groups has
 * little to act on. Per task at 20%: ifeval 0.0026 (random 0.0101),
 * math_lvl5 0.0027 (0.0068), mmlu_pro 0.0022 (0.0031), bbh 0.0018 (0.0034),
 * musr 0.0017 (0.0025), gpqa 0.0012 (0.0015); at 10% ifeval 0.0050 (0.0154),
 * math_lvl5 0.0058 (0.0109), mmlu_pro 0.0035 (0.0045), bbh 0.0032 (0.0047),
 * musr 0.0028 (0.0037), gpqa 0.0018 (0.0021): at small budgets the tasks
 * whose boundary many groups share gain least.
 *
 * Why the date: fine-tunes of one base released close together are often
 * one lab's versions of a recipe or the iterations of one method, and lie
 * alike against the boundary. At a fixed allocation (the Neyman one from
 * the full data) a draw spread along the date has 22% less variance than a
 * simple random one, spread along the name 25% less; in the replays the
 * date (names breaking ties) did best (0.00180 against 0.00195 for the
 * name and 0.00218 for the uploader then the date, 100 seeds).
 *
 * How far group-level allocation can go: given every group's true S_g^2
 * (from the full data) the replays with random draws within groups landed
 * 0.0020 at 20% (40 seeds), and random draws in the counts the sampler
 * chose landed within 0.0001 of the sampler itself. What remains there is
 * estimating the spread of groups whose rows above the boundary are rare.
 *
 * What holds 10% and 5% back (60-100 seeds, paired). With the tallies taken
 * over every row of the pool (scores the sampler cannot have) it lands 0.0032
 * at 10% and 0.0054 at 5% (0.46 and 0.53 of random) against 0.0038 and
 * 0.0067; against the sampler's own fits instead of the full-data ones,
 * 0.00345 against 0.00400: what it lacks is rows, not a better boundary. Nor
 * is it the weighted refit's optimiser: started from the full-data fit's
 * parameters, a local search found no lower weighted objective in any of
 * 120 refits at 10% (20 seeds, six tasks): the error is the weighted
 * data's, not the search's. Its refits are also biased low (at 10% bbh -0.0015, math_lvl5 -0.0029, musr
 * -0.0013, mmlu_pro -0.0016; random subsets within 0.0003 on all but ifeval
 * and math_lvl5, -0.0011): the weighted psi mass at the full-data boundary
 * falls 3-6% short, a little in many groups (Qwen2.5-14B's 0.5-0.8 of 5.7-8.2
 * rows' worth). That is the stopping bias of any adaptive allocation: a group
 * whose first rows lie low is left with an estimate of zero, one whose first
 * rows lie high is sampled on and regresses to its mean. With the allocation
 * fixed in advance (the tallies over the pool) more than half of it remains
 * on bbh, musr and mmlu_pro (-0.0009, -0.0008, -0.0009 at 10%). Within-group
 * bootstrap bias correction of the refit barely sees it (corrected 0.00400,
 * plain 0.00405, 40 seeds; math_lvl5's bias -0.0031 against -0.0038, the
 * others' within 0.0002); a floor of 0.1 or 0.3 of the mean spread on S_g^2
 * does not remove it (+0.00002, +0.00017); a prior spread from the pool's
 * within-group residuals shifted to the group's own mean residual cuts the
 * exploration of low groups that hold rare high rows (+0.0004: ifeval and
 * math_lvl5 lose). The bias is not what holds 10% back, though: taking each
 * task's mean error off every replay's (a perfect correction, 60 seeds) lands
 * 0.00385 against 0.00400. A refit that spreads each weighted row's N / n - 1
 * stand-ins over a normal kernel, c times the pooled within-group spread of
 * the scored scores wide, cuts the bias of bbh, math_lvl5 and mmlu_pro to
 * -0.0003 to -0.0006 at c = 0.2 and lands 0.00395 (ifeval's bias grows from
 * +0.0011 to +0.0029); at c = 0.5 it overshoots (0.0070). Half of what the
 * tallies over the pool gain at 10% comes from knowing the groups with less
 * than half a row's psi mass on every task: with their spread set to zero and
 * the rest measured as usual it lands 0.00371 against 0.00400 (+- 0.00012;
 * the pool's tallies 0.00341); part of that gain is the low bias of bbh, musr
 * and mmlu_pro gone (those groups' weight passes to their strata). A few
 * scored rows cannot single those groups out: on its best task the median row
 * of such a group lies 0.8-3.7 within-group spreads below the boundary, that
 * of a group holding a row's worth or more above it 0.2-2.6.
 *
 * Tried and not kept (40-200 seeds at 20%; within the noise or worse): a
 * row-level predictor of the score from name tokens (the uploader and the
 * words of the model's name, ridge-fitted per task with a group effect):
 * within a group it correlates 0.5-0.7 with the score but tells the rows
 * near the boundary from the rest only weakly (AUC 0.6-0.74); as post-strata
 * within groups it landed 0.0027 (0.0023 after the changes above, as without
 * it, over 50 seeds), as imputation of the unscored rows it biased the refit
 * by 0.01 to 0.04 (the 0.98 quantile sits in the predictive tail). With the
 * free directions alone: a normal model of each group's residuals for S_g^2
 * (0.0026-0.0029), a kernel-smoothed psi (0.0025-0.0026), GROUP_PSEUDO 0.5,
 * 1, 4 or 8 (0.0026-0.0028), an exploration bonus c / (n_g + 1) on S_g^2
 * (with the families too: 0.0026-0.0027). With all three changes (100-200
 * seeds, paired): GROUP_PSEUDO and PSEUDO 0.5 or 1 (within 0.00003),
 * SOFT_SHARE 0.35 or 0.7 (within 0.0001), the larger or the geometric mean
 * of the hard and soft spreads (0.0023-0.0024), per-task weights that
 * minimise the summed standard deviations instead of the variances (0.00241
 * against 0.00234), equal spreads for every group over the first quarter or
 * half of the budget (0.0023, 0.0024), a boost of the prior for groups whose
 * best scored row lies near the boundary (within 0.00005). Damping the prior
 * for groups whose best scored row lies far below it costs much
 * (0.0028-0.0029): such groups hold the rare rows the sampler finds late, so
 * the prior's exploration of them pays. The soft spread unscaled lands
 * 0.0024-0.0025 (ifeval loses what math gains). Before any of them: the
 * average over the compute range instead of q at z* (0.0030 at 20%); a floor
 * on S_g^2; two first rows per group (worse at 5%). Without the first row
 * for every group the replays landed 0.0087 / 0.0053 / 0.0034. With random
 * draws within groups, paired over 100 seeds: the hard and the soft spread
 * mixed by the group's rows n or its rows above the boundary k (n / (n +
 * A), k / (k + A): ifeval gains 0.0001-0.0005 and math_lvl5 loses as much
 * or more); the stratum replaced by the groups whose median residual lies
 * near the group's (within 0.00005); the weights raised to a power 0.8-0.9
 * to trim them (ifeval and math_lvl5 biased up by 0.003-0.010). With the
 * draw along the date: the spread estimated from successive differences
 * along the date, as for a systematic sample (within 0.00004); weights
 * from each scored row's share of its group's date order (nearest
 * neighbours) instead of N / n (within 0.00006 at 10%); at 10%, per-task
 * weights for the summed standard deviations, SOFT_SHARE 0.35 or 0.7,
 * GROUP_PSEUDO 1 or 4 (within 0.0001), the hard spread for a task with
 * many scored rows above its boundary (ifeval gains 0.0006, the other
 * tasks lose more), ifeval's variance halved (it is predicted at twice
 * its actual error, but ifeval loses 0.0008), and the groups without a
 * row above any boundary told to the sampler (ifeval, bbh and math_lvl5
 * gain 0.0004-0.0005, gpqa, musr and mmlu_pro lose as much: near rows of
 * such groups move the flat boundaries more than the linearised variance
 * says). At 10% (60 seeds, paired): a group's prior mean of psi taken from
 * the other groups weighted by a normal kernel in their mean release date
 * (90 days), in compute (0.3 decades) or in both, instead of from its
 * stratum: +0.00008, +0.00000, +0.00009 (+- 0.00008). Across groups the
 * release date goes with the spread of psi on math_lvl5 (rank correlation
 * 0.58 on the full data), but the family and the stratum already carry it.
 * Three more, paired against the same seeds: a group of 20 or 40 rows and
 * more split at its median release date into two groups, so that the newer
 * half may get more rows (60 seeds at 10%: +0.00014 +- 0.00026 and -0.00004
 * +- 0.00031); each group's spread mixed, a share w of it, with the mean
 * over the tasks of its spread relative to the task's mean spread, since
 * the same rows are scored on every task (w = 0.3, 0.6, 1 at 10%: -0.00003
 * +- 0.00009, -0.00008 +- 0.00012, +0.00010 +- 0.00015; ifeval loses what
 * the others gain; w = 0.6 at 5%: -0.00006 +- 0.00016); fewer first rows
 * to buy at 5% by sending groups of fewer than 5, 6 or 8 rows (not 3) to
 * their stratum's remainder (200 seeds: +0.00032 +- 0.00019, +0.00009 +-
 * 0.00029 and the same).
 * The group's size as a predictor of its prior: on the full data a group's
 * share of rows above the boundary does not grow with its size N_g (rank
 * correlation across the 43 groups -0.27 to +0.21 by task, -0.47 to +0.16
 * among the groups at z >= 23; the largest third of the groups has the
 * lowest share on five tasks); the number of distinct uploaders is the size
 * again (0.97), uploaders per row go with the spread on math_lvl5 only
 * (0.35). Paired over 200 seeds at 5 / 10 / 20% (positive: worse), the
 * prior mean scaled by (N_g / median N)^beta with beta fitted each round on
 * the scored rows: +0.00008 +- 0.00007, +0.00008 +- 0.00005, +0.00002 +-
 * 0.00002; beta fixed at +0.3: +0.00018 +- 0.00007 (ifeval +0.0007),
 * +0.00001, +0.00002; uploaders per row in place of N_g: +0.00004 +-
 * 0.00005, +0.00002 +- 0.00003, +0.00002 +- 0.00002.
 * Adaptive cluster sampling (Thompson 1990), at 5 / 10% (100 seeds, paired;
 * positive: worse): within groups the rows above the full-data boundary
 * cluster along the release date, but mostly through their group (adjacent
 * pairs both above against a within-group shuffle: ifeval 20 against 16.4,
 * math_lvl5 10 against 7.4, p 0.08-0.09; bbh and mmlu_pro 1-2 pairs against
 * 0.1), and in the replays a date-neighbour of a row at or above the current
 * fit on some task meets that condition itself half the time (0.47-0.49),
 * against 0.19-0.33 for the sampler's own rows in those groups. Scoring the
 * unscored neighbours of such rows each round (about 10% of the rows at 5%,
 * 12% at 10%) costs: with the plain weights +0.00088 +- 0.00023 / +0.00071
 * +- 0.00015, with the modified Hansen-Hurwitz network means +0.00101 +-
 * 0.00020 / +0.00086 +- 0.00014, the same as giving the added rows weight 0
 * (+0.00101 / +0.00092); a margin of 0.01 or two neighbours a side lose
 * more (up to +0.0017 / +0.0014); ifeval loses most (+0.002 to +0.0045).
 * The neighbours land where the Neyman allocation is already spending, and
 * the draw spread along the date already stratifies there.
 * A composite estimator in the refit (small-area estimation): a group with
 * n of N rows scored keeps n + lambda (N - n) of its mass, lambda = n / (n +
 * A), and passes the rest to its stratum's scored rows as the groups nobody
 * scored do, so that a group's few first rows stand less alone (paired,
 * positive: worse): A = 0.5, 1, 3 at 10% (60 seeds) -0.00002 +- 0.00008,
 * -0.00011 +- 0.00009, -0.00001 +- 0.00012; A = 1 at 5% (100 seeds)
 * +0.00001 +- 0.00010. ifeval gains (its high rows sit in large groups the
 * sampler follows) what math_lvl5 loses (its bias falls from -0.0027 to
 * -0.0046 at 10%, -0.0100 at 5%: the mass passed on lands, on the whole,
 * on rows with less psi than the groups' own).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/coverage.h"
#include "capscope/design.h"
#include "design_internal.h"

#define PSEUDO 2.0        /* prior weight (rows) of the pool's rates in a stratum's, and so on */
#define GROUP_PSEUDO 2.0  /* prior weight (rows) of the kin's rates in a group's */
#define NEAR_CURVATURE 0.02 /* prior mean of psi (1 - psi) before any row is scored */
#define SOFT_SHARE 0.5    /* the share of the fit's kappa at which spreads are measured */
#define BOUND_TOL 1e-7    /* a parameter this close to its bound is held there */
#define FIRST_WAIT 0.03   /* a first row worth less than this share of the best next waits */

double cs_design_group_gain(double v, double n, double N)
{
    if (!(n < N))
        return 0.0;
    if (n < 1.0)
        return v * (1.0 - 1.0 / N);
    return v * (1.0 / n - 1.0 / (n + 1.0));
}

/* A candidate at its place in its group's order. */
typedef struct keyed {
    size_t key;
    size_t group, row;
} keyed;

static int keyed_cmp(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Per (group, task) tallies of the scored rows against the current fit:
 * psi at the fit's kappa ([HARD]) and at SOFT_SHARE of it ([SOFT]). */
enum { HARD, SOFT };

typedef struct tally {
    double n, psi[2], psi2[2], curv;
} tally;

static void tally_add(tally *a, const double psi[2], double curv)
{
    a->n += 1;
    for (int k = HARD; k <= SOFT; k++) {
        a->psi[k] += psi[k];
        a->psi2[k] += psi[k] * psi[k];
    }
    a->curv += curv;
}

static void tally_sub(tally *a, const tally *b)
{
    a->n -= b->n;
    for (int k = HARD; k <= SOFT; k++) {
        a->psi[k] -= b->psi[k];
        a->psi2[k] -= b->psi2[k];
    }
    a->curv -= b->curv;
}

/* Within-group spread of psi, shrunk towards what the family's other groups,
 * the stratum and the pool show. t_g: the group's tally; t_f: its family's
 * other groups'; t_s: its stratum's; m0: the pool's mean; ratio: how the
 * spread within groups compares with m (1 - m) (see below). */
static double group_spread(const tally *t_g, const tally *t_f, const tally *t_s, double m0,
                           double ratio, int k)
{
    double m = (t_s->psi[k] + PSEUDO * m0) / (t_s->n + PSEUDO);
    if (t_f->n > 0)
        m = (t_f->psi[k] + PSEUDO * m) / (t_f->n + PSEUDO);
    double m_g = (t_g->psi[k] + GROUP_PSEUDO * m) / (t_g->n + GROUP_PSEUDO);
    double mu = t_g->n > 0 ? t_g->psi[k] / t_g->n : 0;
    double own = t_g->n > 0 ? t_g->psi2[k] - t_g->n * mu * mu : 0;
    if (own < 0)
        own = 0;
    return (own + GROUP_PSEUDO * ratio * m_g * (1 - m_g)) /
           ((t_g->n > 1 ? t_g->n - 1 : 0) + GROUP_PSEUDO);
}

size_t cs_design_free_directions(const cs_fit *f, double basis[4][4])
{
    const cs_params *p = &f->p;
    memset(basis, 0, 16 * sizeof basis[0][0]);
    int y0_fixed = p->y0 <= BOUND_TOL, L_fixed = p->L <= BOUND_TOL;
    int sum_fixed = p->y0 + p->L >= 1.0 - BOUND_TOL;
    double zr = BOUND_TOL * (1.0 + fabs(f->z_max - f->z_min));
    int z_fixed = p->z_star <= f->z_min + zr || p->z_star >= f->z_max - zr;
    int b_fixed = p->b <= CS_B_MIN * (1 + BOUND_TOL) || p->b >= CS_B_MAX * (1 - BOUND_TOL);
    size_t k = 0;
    /* In the (y0, L) plane two active constraints leave nothing free. */
    if (y0_fixed + L_fixed + sum_fixed < 2) {
        if (y0_fixed) {
            basis[k++][1] = 1.0;
        } else if (L_fixed) {
            basis[k++][0] = 1.0;
        } else if (sum_fixed) {
            basis[k][0] = M_SQRT1_2; /* along the edge y0 + L = 1 */
            basis[k++][1] = -M_SQRT1_2;
        } else {
            basis[k++][0] = 1.0;
            basis[k++][1] = 1.0;
        }
    }
    if (!z_fixed)
        basis[k++][2] = 1.0;
    if (!b_fixed)
        basis[k++][3] = 1.0;
    return k;
}

void cs_design_fit_features(const cs_params *p, const double basis[4][4], size_t k, double z,
                            double g[4])
{
    double s = cs_sigmoid(p->b * (z - p->z_star));
    double d = p->L * s * (1.0 - s);
    double full[4] = { 1.0, s, -d * p->b, d * (z - p->z_star) };
    for (size_t r = 0; r < 4; r++) {
        g[r] = 0.0;
        if (r < k)
            for (int c = 0; c < 4; c++)
                g[r] += basis[r][c] * full[c];
    }
}

/* H for one task, so that a group's weight is g' H^-1 A H^-1 g
 * (cs_design_sandwich): from the groups' pool counts, curvatures and
 * features gv (k of 4 directions free; the others get a unit diagonal and
 * no weight). */
static void task_information(const double (*gv)[4], const double *gN, const double *f, size_t ng,
                             size_t k, double h[16])
{
    memset(h, 0, 16 * sizeof *h);
    for (size_t g = 0; g < ng; g++)
        for (int r = 0; r < 16; r++)
            h[r] += gN[g] * f[g] * gv[g][r / 4] * gv[g][r % 4];
    for (size_t r = 0; r < 4; r++)
        h[5 * r] += r < k ? CS_DESIGN_EPS : 1.0;
}

/* Why a row was picked: kind 0 a further row of a base's group, 1 a further
 * row of a group without a known base (or of a stratum's remainder), 2 the
 * first of a base at a level, 3 the first at a compute value without a
 * known base, 4 the first of a stratum's remainder (its small groups). */
enum { WHY_MORE_BASE, WHY_MORE, WHY_FIRST_BASE, WHY_FIRST, WHY_FIRST_REST, WHY_KINDS };

static const char *why_for(int kind, double z, double z_lo, double z_hi)
{
    static const char *const texts[WHY_KINDS][3] = {
        { "low compute: its base's scores here straddle the boundary",
          "middle compute: its base's scores here straddle the boundary",
          "high compute: its base's scores here straddle the boundary" },
        { "low compute: scores here straddle the boundary",
          "middle compute: scores here straddle the boundary",
          "high compute: scores here straddle the boundary" },
        { "low compute: first of its base at this level, none scored yet",
          "middle compute: first of its base at this level, none scored yet",
          "high compute: first of its base at this level, none scored yet" },
        { "low compute: first at this compute, none scored yet",
          "middle compute: first at this compute, none scored yet",
          "high compute: first at this compute, none scored yet" },
        { "low compute: first of the lone models of this compute range",
          "middle compute: first of the lone models of this compute range",
          "high compute: first of the lone models of this compute range" },
    };
    int third = 1;
    if (z_hi > z_lo) {
        double u = (z - z_lo) / (z_hi - z_lo);
        third = u < 1.0 / 3 ? 0 : u > 2.0 / 3 ? 2 : 1;
    }
    return texts[kind][third];
}

/* A tournament tree over the groups: each node holds the group with the
 * largest key among its leaves' eligible groups, the lowest group on a tie,
 * so the root is what a scan from group 0 keeping the strictly larger key
 * finds. The greedy step used to rescan every group's offer for every pick,
 * O(picks x groups x tasks): 60 s for 277,901 picks among 1,000 groups of a
 * million rows and 20 tasks. Only the picked group's offer changes with a
 * pick, and those whose next row no longer fits the budget, so the trees
 * are updated for these alone. */
#define NO_GROUP SIZE_MAX

typedef struct wtree {
    size_t size; /* leaves, a power of two */
    size_t *node; /* 2 size: node 1 the root, node size + g the leaf of group g */
} wtree;

static int wtree_init(wtree *w, size_t n)
{
    w->size = 1;
    while (w->size < n)
        w->size *= 2;
    w->node = malloc(2 * w->size * sizeof *w->node);
    if (!w->node)
        return -1;
    for (size_t i = 0; i < 2 * w->size; i++)
        w->node[i] = NO_GROUP;
    return 0;
}

static size_t wtree_pick(size_t a, size_t b, const double *key)
{
    if (a == NO_GROUP)
        return b;
    if (b == NO_GROUP)
        return a;
    return key[b] > key[a] ? b : a; /* a is the lower group */
}

static void wtree_set(wtree *w, size_t g, int eligible, const double *key)
{
    size_t i = w->size + g;
    w->node[i] = eligible ? g : NO_GROUP;
    for (i /= 2; i >= 1; i /= 2)
        w->node[i] = wtree_pick(w->node[2 * i], w->node[2 * i + 1], key);
}

static size_t wtree_top(const wtree *w)
{
    return w->node[1];
}

/* The greedy step's view of the groups' offers. */
typedef struct offers {
    const cs_design_fitted_problem *fp;
    const keyed *order;
    const size_t *end;
    const unsigned char *picked;
    const double *gn, *v, *gN;
    size_t nt;
    const double *used;
    size_t *cursor;
    double *gain;
    unsigned char *first;
    double *score, *cost;
    wtree *trees[4]; /* every offer, first rows, further rows (by score); every offer by cost */
} offers;

/* Group g's offer: its next candidate that is not picked and fits, the gain
 * of scoring it, and whether it would be the group's first row. */
static void refresh_offer(offers *o, size_t g)
{
    const cs_design_fitted_problem *fp = o->fp;
    size_t nt = o->nt;
    while (o->cursor[g] < o->end[g] &&
           (o->picked[o->order[o->cursor[g]].row] ||
            !cs_design_affordable(*o->used, fp->cost[o->order[o->cursor[g]].row], fp->budget)))
        o->cursor[g]++;
    int has = o->cursor[g] < o->end[g], first = 0;
    if (has) {
        size_t row = o->order[o->cursor[g]].row;
        double gain = 0;
        for (size_t t = 0; t < nt; t++) {
            if (fp->scored && fp->scored[t] && fp->scored[t][row])
                continue; /* the row already serves this task */
            double m = o->gn[g * nt + t];
            first |= m < 1;
            gain += cs_design_group_gain(o->v[g * nt + t], m, o->gN[g]);
        }
        o->gain[g] = gain;
        o->first[g] = (unsigned char)first;
        o->cost[g] = fp->cost[row];
        o->score[g] = gain / fp->cost[row];
    }
    wtree_set(o->trees[0], g, has, o->score);
    wtree_set(o->trees[1], g, has && first, o->score);
    wtree_set(o->trees[2], g, has && !first, o->score);
    wtree_set(o->trees[3], g, has, o->cost);
}

/* What the sampler holds between its steps: the groups of the layout, what
 * their scored rows say of each task, and, while picking, each group's
 * candidates in its order and its offer. Arrays per group have ng + 1
 * entries, per (group, task) (ng + 1) nt, g * nt + t. */
typedef struct sampler {
    const cs_dataset *ds;
    const cs_design_fitted_problem *fp;
    size_t n, nt;
    const cs_design_layout *lay;
    cs_design_layout *own;   /* lay when built here */
    size_t ns, ng, nf;       /* strata, groups, families */
    double *gN, *gz, *f;     /* rows, mean z, curvature f_g */
    size_t *g_first;         /* a row of each group */
    unsigned char *g_rest;   /* a stratum's remainder */
    int *g_stratum;
    size_t *g_family;
    tally *gt, *st, *ft;     /* per group, stratum, family, and task */
    tally pool[CS_DESIGN_MAX_CRITERIA];
    double (*gfeat)[4];      /* the groups' features, one task at a time */
    double *v;               /* v_g per task */
    double *gn;              /* rows in the design, per task */
    double grid[CS_MAX_BINS + 1];
    size_t n_grid;
    double z_lo, z_hi, z_target;
    /* The picking. */
    unsigned char *picked;   /* per row */
    keyed *order;
    size_t *cursor, *end, *rank;
    double *offer_gain, *offer_score, *offer_cost;
    unsigned char *offer_first;
    wtree t_all, t_first, t_next, t_cost;
    offers of;
} sampler;

static void sampler_free(sampler *s)
{
    cs_design_layout_free(s->own);
    free(s->gN);
    free(s->gz);
    free(s->f);
    free(s->g_first);
    free(s->g_rest);
    free(s->g_stratum);
    free(s->gt);
    free(s->st);
    free(s->g_family);
    free(s->ft);
    free(s->gfeat);
    free(s->v);
    free(s->gn);
    free(s->picked);
    free(s->order);
    free(s->cursor);
    free(s->end);
    free(s->rank);
    free(s->offer_gain);
    free(s->offer_score);
    free(s->offer_cost);
    free(s->offer_first);
    free(s->t_all.node);
    free(s->t_first.node);
    free(s->t_next.node);
    free(s->t_cost.node);
}

static int out_of_memory(cs_error *err)
{
    return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
}

/* The layout (the caller's, or built here) and the groups' families. */
static int sampler_init(sampler *s, const cs_dataset *ds, const cs_design_fitted_problem *fp,
                        cs_cancel *stop, cs_error *err)
{
    memset(s, 0, sizeof *s);
    s->ds = ds;
    s->fp = fp;
    s->n = ds->n_rows;
    s->nt = fp->n_tasks;
    if (!(s->lay = cs_design_layout_use(fp->layout, ds, stop, &s->own, err)))
        return -1;
    size_t ng = s->ng = s->lay->ng, nt = s->nt;
    s->ns = s->lay->ns;
    s->gN = calloc(ng + 1, sizeof *s->gN);
    s->gz = calloc(ng + 1, sizeof *s->gz);
    s->f = calloc(ng + 1, sizeof *s->f);
    s->g_first = malloc((ng + 1) * sizeof *s->g_first);
    s->g_rest = calloc(ng + 1, 1);
    s->g_stratum = calloc(ng + 1, sizeof *s->g_stratum);
    s->gt = calloc((ng + 1) * nt, sizeof *s->gt);
    s->st = calloc((s->ns + 1) * nt, sizeof *s->st);
    s->g_family = malloc((ng + 1) * sizeof *s->g_family);
    if (s->g_family && s->g_first && s->g_rest) {
        cs_design_group_heads(ds, s->lay->group, ng, s->g_first, s->g_rest);
        s->nf = cs_design_families(ds, s->g_first, s->g_rest, ng, s->g_family);
    }
    s->ft = calloc((s->nf + 1) * nt, sizeof *s->ft);
    s->gfeat = malloc((ng + 1) * sizeof *s->gfeat);
    s->v = calloc((ng + 1) * nt, sizeof *s->v);
    s->gn = calloc((ng + 1) * nt, sizeof *s->gn);
    s->picked = calloc(s->n, 1);
    if (!s->gN || !s->gz || !s->f || !s->g_first || !s->g_rest || !s->g_stratum || !s->gt ||
        !s->st || !s->g_family || s->nf == 0 || !s->ft || !s->gfeat || !s->v || !s->gn ||
        !s->picked)
        return out_of_memory(err);
    return 0;
}

/* The groups' sizes and mean compute, and each task's scored rows tallied
 * against its fit by group, family, stratum and pool. */
static void tally_scored(sampler *s)
{
    const cs_dataset *ds = s->ds;
    const cs_design_fitted_problem *fp = s->fp;
    const int *stratum = s->lay->stratum;
    const size_t *group = s->lay->group;
    size_t nt = s->nt;
    for (size_t i = 0; i < s->n; i++) {
        size_t g = group[i];
        s->gN[g] += 1;
        s->gz[g] += ds->z[i]; /* the mean, below: a stratum's remainder spans levels */
        s->g_stratum[g] = stratum[i];
        for (size_t t = 0; t < nt; t++) {
            if (!(fp->scored && fp->scored[t] && fp->scored[t][i]))
                continue;
            s->gn[g * nt + t] += 1;
            if (!(fp->fitted && fp->fitted[t]))
                continue;
            const cs_fit *fit = &fp->fits[t];
            double r = ds->tasks[fp->tasks[t]].y[i] - cs_q(&fit->p, ds->z[i]);
            double psi[2] = { cs_sigmoid(fit->kappa * r), cs_sigmoid(SOFT_SHARE * fit->kappa * r) };
            double curv = fit->kappa * psi[HARD] * (1.0 - psi[HARD]);
            tally_add(&s->gt[g * nt + t], psi, curv);
            tally_add(&s->ft[s->g_family[g] * nt + t], psi, curv);
            tally_add(&s->st[(size_t)stratum[i] * nt + t], psi, curv);
            tally_add(&s->pool[t], psi, curv);
        }
    }
    for (size_t g = 0; g < s->ng; g++)
        s->gz[g] /= s->gN[g];
}

/* The compute grid, whose range the target is clamped to and whose bins'
 * midpoints stand in for it when it is not finite. */
static int target_grid(sampler *s, cs_error *err)
{
    const cs_design_fitted_problem *fp = s->fp;
    s->n_grid = cs_bin_edges(s->ds->z, s->n,
                             fp->grid_bins ? fp->grid_bins : CS_BINS_DEFAULT_DESIGN, 1, s->grid);
    if (s->n_grid == 0) /* n > 0 rows of finite z: only an allocation fails */
        return out_of_memory(err);
    s->z_lo = s->grid[0];
    s->z_hi = s->grid[s->n_grid];
    s->z_target = fp->target_z;
    if (isfinite(s->z_target))
        s->z_target = s->z_target < s->z_lo ? s->z_lo
                      : s->z_target > s->z_hi ? s->z_hi
                                              : s->z_target;
    return 0;
}

/* How the spread of psi within a group compares with m (1 - m), the most a
 * variable in [0, 1] with mean m can spread, pooled over the groups with
 * two rows or more. */
static double spread_ratio(const sampler *s, size_t t, int k)
{
    double ss = 0, mm = 0;
    for (size_t g = 0; g < s->ng; g++) {
        const tally *a = &s->gt[g * s->nt + t];
        if (a->n < 2)
            continue;
        double mu = a->psi[k] / a->n;
        ss += a->psi2[k] - a->n * mu * mu;
        mm += a->n * mu * (1 - mu);
    }
    return (ss + PSEUDO * 0.5) / (mm + PSEUDO);
}

/* Task t's S_g^2 into v (measured with the soft psi) and its f_g into f;
 * returns the factor that scales the soft spreads to the hard one's total. */
static double group_spreads(sampler *s, size_t t, double tau, double kappa)
{
    size_t nt = s->nt;
    const tally *pool = &s->pool[t];
    /* Pool-wide rates, shrunk towards what a tau-quantile implies. */
    double m0[2];
    for (int k = HARD; k <= SOFT; k++)
        m0[k] = (pool->psi[k] + PSEUDO * (1 - tau)) / (pool->n + PSEUDO);
    double c0 = (pool->curv + PSEUDO * kappa * NEAR_CURVATURE) / (pool->n + PSEUDO);
    double ratio[2];
    for (int k = HARD; k <= SOFT; k++)
        ratio[k] = spread_ratio(s, t, k);
    double total[2] = { 0, 0 };
    for (size_t g = 0; g < s->ng; g++) {
        const tally *a = &s->gt[g * nt + t], *b = &s->st[(size_t)s->g_stratum[g] * nt + t];
        tally kin = s->ft[s->g_family[g] * nt + t];
        tally_sub(&kin, a);
        double c_s = (b->curv + PSEUDO * c0) / (b->n + PSEUDO);
        s->f[g] = (a->curv + GROUP_PSEUDO * c_s) / (a->n + GROUP_PSEUDO);
        for (int k = HARD; k <= SOFT; k++) {
            double s2 = group_spread(a, &kin, b, m0[k], ratio[k], k);
            total[k] += s->gN[g] * s2;
            if (k == SOFT)
                s->v[g * nt + t] = s2;
        }
    }
    return total[SOFT] > 0 ? total[HARD] / total[SOFT] : 1.0;
}

/* group_spreads at task t's tau and kappa (the defaults when it has no fit). */
static double task_spreads(sampler *s, size_t t)
{
    const cs_design_fitted_problem *fp = s->fp;
    int fitted = fp->fitted && fp->fitted[t];
    double tau = fitted ? fp->fits[t].tau : CS_TAU_DEFAULT;
    double kappa = fitted ? fp->fits[t].kappa : CS_KAPPA_DEFAULT;
    return group_spreads(s, t, tau, kappa);
}

/* grad q at z for task t: in the directions its fit's constraints leave
 * free, or the paper's prior's when the task has no fit. */
static void task_features(const cs_design_fitted_problem *fp, size_t t,
                          const double basis[4][4], size_t k_free, double z, double g[4])
{
    if (fp->fitted && fp->fitted[t]) {
        cs_design_fit_features(&fp->fits[t].p, basis, k_free, z, g);
    } else {
        cs_design_prior pr = cs_design_prior_paper();
        cs_design_features(&pr, z, g);
    }
}

/* A = c c' at the target, or its mean over the grid's midpoints. */
static void target_outer(const sampler *s, size_t t, const double basis[4][4], size_t k_free,
                         double amat[16])
{
    memset(amat, 0, 16 * sizeof *amat);
    size_t n_c = isfinite(s->z_target) ? 1 : s->n_grid;
    for (size_t u = 0; u < n_c; u++) {
        double c[4];
        double z = isfinite(s->z_target) ? s->z_target : 0.5 * (s->grid[u] + s->grid[u + 1]);
        task_features(s->fp, t, basis, k_free, z, c);
        for (int r = 0; r < 16; r++)
            amat[r] += c[r / 4] * c[r % 4] / (double)n_c;
    }
}

/* Task t's v_g = N_g^2 (c' H^-1 grad q(z_g))^2 S_g^2, S_g^2 scaled to the
 * hard psi's total. */
static int task_variance_terms(sampler *s, size_t t, cs_error *err)
{
    const cs_design_fitted_problem *fp = s->fp;
    size_t nt = s->nt, ng = s->ng;
    int fitted = fp->fitted && fp->fitted[t];
    double scale = task_spreads(s, t);
    /* The directions the fit's constraints leave free: a bound that holds
     * (y0 = 0 and y0 + L = 1 on most of the shared data's tasks) keeps its
     * parameter where it is, so the rows cannot move it. */
    double basis[4][4];
    size_t k_free = fitted ? cs_design_free_directions(&fp->fits[t], basis) : 4;
    for (size_t g = 0; g < ng; g++)
        task_features(fp, t, basis, k_free, s->gz[g], s->gfeat[g]);
    double amat[16], h[16];
    target_outer(s, t, basis, k_free, amat);
    task_information((const double(*)[4])s->gfeat, s->gN, s->f, ng, k_free, h);
    cs_design_sandwich sw;
    if (cs_design_sandwich_init(&sw, h, amat) != 0)
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "the design's information is singular");
    for (size_t g = 0; g < ng; g++) {
        double w = cs_design_sandwich_form(&sw, s->gfeat[g]);
        s->v[g * nt + t] *= scale * s->gN[g] * s->gN[g] * w;
    }
    return 0;
}

static int is_candidate(const cs_design_fitted_problem *fp, size_t i)
{
    return fp->candidate[i] && isfinite(fp->cost[i]) && fp->cost[i] > 0;
}

/* Candidates per group in the group's order (design_spread.c: seeded,
 * spread along the date); a group offers the first that is not picked and
 * fits. Neither condition ever turns back (the budget only shrinks), so
 * each group's cursor only advances. */
static int order_candidates(sampler *s, cs_cancel *stop, cs_error *err)
{
    const cs_design_fitted_problem *fp = s->fp;
    const size_t *group = s->lay->group;
    size_t n = s->n, ng = s->ng, n_cand = 0;
    for (size_t i = 0; i < n; i++)
        n_cand += is_candidate(fp, i) != 0;
    s->order = malloc((n_cand ? n_cand : 1) * sizeof *s->order);
    s->cursor = calloc(ng + 1, sizeof *s->cursor);
    s->end = calloc(ng + 1, sizeof *s->end);
    s->rank = malloc(n * sizeof *s->rank);
    s->offer_gain = calloc(ng + 1, sizeof *s->offer_gain);
    s->offer_first = calloc(ng + 1, 1);
    if (!s->order || !s->cursor || !s->end || !s->rank || !s->offer_gain || !s->offer_first ||
        cs_design_spread_order(s->ds, group, fp->seed, s->rank) != 0)
        return out_of_memory(err);
    if (cs_cancel_asked(stop))
        return cs_design_cancelled(err);
    n_cand = 0;
    for (size_t i = 0; i < n; i++)
        if (is_candidate(fp, i))
            s->order[n_cand++] = (keyed){ s->rank[i], group[i], i };
    qsort(s->order, n_cand, sizeof *s->order, keyed_cmp);
    for (size_t k = 0; k < n_cand; k++)
        s->end[s->order[k].group] = k + 1;
    for (size_t k = n_cand; k-- > 0;)
        s->cursor[s->order[k].group] = k;
    return 0;
}

/* Each group's offer: its next candidate that fits, the gain of scoring it,
 * and whether it would be the group's first row. A group's offer changes
 * only when one of its rows is picked or its next row no longer fits; the
 * trees keep the best offers (see wtree). */
static int make_offers(sampler *s, const cs_design_result *out, cs_error *err)
{
    size_t ng = s->ng;
    s->offer_score = malloc((ng + 1) * sizeof *s->offer_score);
    s->offer_cost = malloc((ng + 1) * sizeof *s->offer_cost);
    if (!s->offer_score || !s->offer_cost || wtree_init(&s->t_all, ng) != 0 ||
        wtree_init(&s->t_first, ng) != 0 || wtree_init(&s->t_next, ng) != 0 ||
        wtree_init(&s->t_cost, ng) != 0)
        return out_of_memory(err);
    s->of = (offers){ s->fp, s->order, s->end, s->picked, s->gn, s->v, s->gN, s->nt, &out->used,
                      s->cursor, s->offer_gain, s->offer_first, s->offer_score, s->offer_cost,
                      { &s->t_all, &s->t_first, &s->t_next, &s->t_cost } };
    for (size_t g = 0; g < ng; g++)
        refresh_offer(&s->of, g);
    return 0;
}

/* The group whose offer is taken next (NO_GROUP: none left). Every group's
 * first row before any group's next, ranked among themselves by gain per
 * cost; but a first row worth less than FIRST_WAIT of the best further row
 * (a few costly rows far below the boundary) waits, and competes as any
 * row. */
static size_t next_group(const sampler *s)
{
    double best_next = 0; /* the best gain per cost of a further row */
    size_t top = wtree_top(&s->t_next);
    if (top != NO_GROUP && s->offer_score[top] > best_next)
        best_next = s->offer_score[top];
    size_t best_g = wtree_top(&s->t_first);
    if (best_g == NO_GROUP || !(s->offer_score[best_g] >= FIRST_WAIT * best_next))
        best_g = wtree_top(&s->t_all);
    return best_g;
}

/* Appends group g's offer to out's picks; -1 on no memory. */
static int push_pick(sampler *s, size_t g, cs_design_result *out, size_t *cap,
                     cs_cost_sum *used)
{
    const cs_dataset *ds = s->ds;
    size_t row = s->order[s->cursor[g]].row;
    if (out->n_picks == *cap) {
        size_t nc = *cap ? 2 * *cap : 64;
        cs_pick *p = realloc(out->picks, nc * sizeof *p);
        if (!p)
            return -1;
        out->picks = p;
        *cap = nc;
    }
    cs_pick *p = &out->picks[out->n_picks++];
    p->rank = out->n_picks;
    p->row = row;
    p->cost = s->fp->cost[row];
    p->z = ds->z[row];
    p->gain = s->offer_gain[g];
    int based = !s->g_rest[g] && ds->base_model && ds->base_model[row][0] != '\0';
    int kind = !s->offer_first[g] ? (based ? WHY_MORE_BASE : WHY_MORE)
               : s->g_rest[g]     ? WHY_FIRST_REST
               : based            ? WHY_FIRST_BASE
                                  : WHY_FIRST;
    p->why = why_for(kind, p->z, s->z_lo, s->z_hi);
    cs_cost_sum_add(used, p->cost);
    out->used = cs_cost_sum_value(used);
    s->picked[row] = 1;
    return 0;
}

/* The greedy steps: take the next group's offer until none is left or the
 * count is reached. */
static int pick_rows(sampler *s, cs_design_result *out, cs_cancel *stop, cs_error *err)
{
    const cs_design_fitted_problem *fp = s->fp;
    size_t nt = s->nt, cap = 0;
    cs_cost_sum used = { 0, 0 };
    for (;;) {
        if (cs_cancel_asked(stop))
            return cs_design_cancelled(err);
        if (fp->count && out->n_picks >= fp->count)
            return 0;
        size_t g = next_group(s);
        if (g == NO_GROUP)
            return 0;
        size_t row = s->order[s->cursor[g]].row;
        if (push_pick(s, g, out, &cap, &used) != 0)
            return out_of_memory(err);
        if (fp->progress && (out->n_picks & 255) == 0)
            fp->progress(fp->progress_ctx, out->n_picks, out->used);
        for (size_t t = 0; t < nt; t++)
            if (!(fp->scored && fp->scored[t] && fp->scored[t][row]))
                s->gn[g * nt + t] += 1;
        refresh_offer(&s->of, g);
        /* Offers that no longer fit, costliest first (what fits is monotone
         * in the cost). */
        for (size_t h; (h = wtree_top(&s->t_cost)) != NO_GROUP &&
                       !cs_design_affordable(out->used, s->offer_cost[h], fp->budget);)
            refresh_offer(&s->of, h);
    }
}

/* The algorithm of the top comment: tally the scored rows by group, turn
 * them into each task's variance terms v_g, then pick greedily by the
 * variance each row removes per unit of cost. */
static int quantile(const cs_dataset *ds, const cs_design_fitted_problem *fp,
                    cs_design_result *out, cs_cancel *stop, cs_error *err)
{
    memset(out, 0, sizeof *out);
    out->budget = fp->budget;
    if (fp->n_tasks == 0 || fp->n_tasks > CS_DESIGN_MAX_CRITERIA)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "the design needs 1 to %d tasks",
                            CS_DESIGN_MAX_CRITERIA);
    if (ds->n_rows == 0)
        return 0;
    sampler s;
    int rc = sampler_init(&s, ds, fp, stop, err);
    if (rc == 0) {
        tally_scored(&s);
        if (cs_cancel_asked(stop))
            rc = cs_design_cancelled(err);
    }
    if (rc == 0 && (rc = target_grid(&s, err)) == 0 && cs_cancel_asked(stop))
        rc = cs_design_cancelled(err);
    for (size_t t = 0; rc == 0 && t < s.nt; t++)
        rc = task_variance_terms(&s, t, err);
    if (rc == 0 && cs_cancel_asked(stop))
        rc = cs_design_cancelled(err);
    if (rc == 0 && (rc = order_candidates(&s, stop, err)) == 0 &&
        (rc = make_offers(&s, out, err)) == 0)
        rc = pick_rows(&s, out, stop, err);
    if (rc != 0)
        cs_design_result_free(out);
    sampler_free(&s);
    return rc;
}

int cs_design_quantile_terms(const cs_dataset *ds, const cs_design_fitted_problem *fp, size_t t,
                             double *spread, double *curv, double *v, cs_error *err)
{
    if (t >= fp->n_tasks || fp->n_tasks > CS_DESIGN_MAX_CRITERIA)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "no task %zu of %zu", t, fp->n_tasks);
    if (ds->n_rows == 0)
        return 0;
    sampler s;
    int rc = sampler_init(&s, ds, fp, NULL, err);
    if (rc == 0) {
        tally_scored(&s);
        rc = target_grid(&s, err);
    }
    if (rc == 0)
        rc = task_variance_terms(&s, t, err);
    for (size_t g = 0; rc == 0 && g < s.ng; g++) {
        if (curv)
            curv[g] = s.f[g];
        if (v)
            v[g] = s.v[g * s.nt + t];
    }
    if (rc == 0 && spread) {
        double scale = task_spreads(&s, t);
        for (size_t g = 0; g < s.ng; g++)
            spread[g] = scale * s.v[g * s.nt + t];
    }
    sampler_free(&s);
    return rc;
}

/* Made in a result of its own, which a cancel drops (cs_design_hand_over). */
int cs_design_quantile(const cs_dataset *ds, const cs_design_fitted_problem *fp,
                       cs_design_result *out, cs_error *err)
{
    cs_cancel stop = { fp->cancel, fp->cancel_arg, 0 };
    if (cs_cancel_asked(&stop))
        return cs_design_cancelled(err);
    cs_error e = { .kind = CS_ERR_NONE };
    cs_design_result r;
    int rc = quantile(ds, fp, &r, &stop, &e);
    return cs_design_hand_over(rc, &r, &e, out, err);
}
