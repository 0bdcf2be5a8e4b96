/* capscope sweep: replay the design at several budgets on the scored rows
 * file and see how close each subset's boundary lands to the full-data one,
 * next to random subsets of equal cost. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capscope/coverage.h"
#include "capscope/design.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/summary.h"
#include "cli/cli.h"

static const char sweep_help[] =
    "Usage: capscope sweep [--data FILE] [--task NAME]... [--budgets F,F,...]\n"
    "                      [--seeds N] [--flops X]\n"
    "                      [--methods paper,random,incremental] [OPTIONS]\n"
    "\n"
    "Replays the design from scratch at several budgets (fractions of the total\n"
    "cost) on the rows scored on every task asked for (the rest are left out, with a\n"
    "note), fits each subset, and reports for every task the macro coverage error of\n"
    "the subset's boundary over all rows and the change of q at a fixed compute\n"
    "against the full-data fit.\n"
    "Methods: the paper's design (fixed prior, from scratch), random subsets of\n"
    "equal cost (mean over the seeds), and the incremental sampler used as a person\n"
    "would: a dozen random models scored at the start, then the next 20 suggestions\n"
    "(aimed at q at --flops), scored, refit, and so on until the budget is spent\n"
    "(mean over the seeds). The sampler is handed a copy of the file in which only\n"
    "the models scored so far have scores, as a user's file would be. Its subsets\n"
    "are refitted with the design weights (each scored model stands for the unscored\n"
    "ones of its base at its compute), the others plainly. abs_dq_se is the\n"
    "standard error of abs_dq's mean over the seeds: the means are noisy (a few\n"
    "subsets land far off), and at 20 seeds differences of 10% are within the\n"
    "noise. n and used are the subsets' rows and cost, means over every seed;\n"
    "runs counts the subsets whose refit could be made (4 scored rows of the\n"
    "task; for \"mean\", of some task), and the other means are over those. Records\n"
    "with task \"mean\" average each run's tasks (those refitted in it), then the\n"
    "runs; their abs_dq_se is over those runs too. Rows without a cost are never\n"
    "drawn (a warning counts them).\n"
    "\n"
    "Options:\n"
    "      --budgets LIST    fractions of the total cost\n"
    "                        (default 0.05,0.1,0.2,0.5,1)\n"
    "      --seeds N         random subsets and incremental replays per budget\n"
    "                        (default 5)\n"
    "      --flops X         compute at which q is compared and the sampler aims\n"
    "                        (default 1e24)\n"
    "      --methods LIST    any of paper, random, incremental (default all three)\n"
    "      --start N         rows scored before the first suggestion (default 12)\n"
    "      --batch N         suggestions per round (default 20); each round refits\n"
    "                        every task, so a large file wants a larger batch:\n"
    "                        on 100,000 rows one 5% replay of one task takes\n"
    "                        13 s at 20 a round, 0.7 s at 500\n"
    "      --data FILE, --config FILE, --task NAME, --tau, --kappa, --lambda-b\n"
    "      --format FMT      table (default), json or csv\n"
    "      --quiet           no warnings, notes or progress on stderr\n"
    "      --help            this help\n";

enum { OPT_BUDGETS = CLI_OPT_FIRST_LOCAL, OPT_SEEDS, OPT_FLOPS, OPT_METHODS, OPT_START, OPT_BATCH };

#define MAX_BUDGETS 32

enum { M_PAPER = 1, M_RANDOM = 2, M_INCREMENTAL = 4 };

typedef struct sweep_args {
    double budgets[MAX_BUDGETS];
    size_t n_budgets;
    size_t seeds, start, batch;
    double flops;
    int methods;
    /* The list options' texts as given, for the refusal of a second one. */
    const char *budgets_arg, *methods_arg;
} sweep_args;

/* A list option given twice would keep only its second list, silently
 * (as a single value's option keeps its last): the user who repeats it, as
 * predict's --flops repeats, meant both. Refused, with the one list. */
static int list_given_twice(cs_cli *c, const char *option, const char *first, const char *arg)
{
    char a[128], b[128];
    cli_usage_error(c, "%s is given twice; give one list, %s %s,%s", option, option,
                    cs_quote_short(first, a, sizeof a), cs_quote_short(arg, b, sizeof b));
    return -1;
}

/* 0; 1 for the caller to say what --budgets takes; -1 after the usage error
 * of an item no double holds (cli_parse_double). */
static int parse_budgets(cs_cli *c, const char *arg, sweep_args *a)
{
    /* Split on commas by hand: strtok would let "0.1,,0.2" and "0.1," pass. */
    a->n_budgets = 0;
    for (const char *p = arg;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char tok[64];
        double v;
        if (len == 0 || len >= sizeof tok)
            return 1;
        memcpy(tok, p, len);
        tok[len] = '\0';
        int st = cli_parse_double(c, "--budgets", tok, &v);
        if (st != 0)
            return st;
        if (!(v > 0 && v <= 1))
            return 1;
        /* A set, as --methods is: a budget named twice (0.1,0.10) runs once,
         * where it was first named, not twice to the same records. */
        size_t seen = 0;
        while (seen < a->n_budgets && a->budgets[seen] != v)
            seen++;
        if (seen == a->n_budgets && a->n_budgets == MAX_BUDGETS)
            return 1;
        if (seen == a->n_budgets)
            a->budgets[a->n_budgets++] = v;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

static int parse_methods(const char *arg, int *out)
{
    /* By hand, as the budgets: strtok would let "paper," and ",random" pass. */
    static const struct { const char *name; int bit; } known[] = {
        { "paper", M_PAPER }, { "random", M_RANDOM }, { "incremental", M_INCREMENTAL },
    };
    *out = 0;
    for (const char *p = arg;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p), k = 0;
        while (k < sizeof known / sizeof known[0] &&
               !(strlen(known[k].name) == len && strncmp(known[k].name, p, len) == 0))
            k++;
        if (k == sizeof known / sizeof known[0])
            return -1;
        *out |= known[k].bit;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

static int sweep_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    sweep_args *a = ctx;
    switch (opt) {
    case OPT_BUDGETS: {
        if (a->budgets_arg)
            return list_given_twice(c, "--budgets", a->budgets_arg, arg);
        a->budgets_arg = arg;
        int st = parse_budgets(c, arg, a);
        if (st <= 0)
            return st;
        char hint[320];
        cli_usage_error(c, "--budgets is a comma-separated list of at most %d fractions in (0, 1], not '%s'%s",
                        MAX_BUDGETS, arg, cs_fraction_hint(arg, CS_HINT_LIST, hint, sizeof hint));
        return -1;
    }
    case OPT_SEEDS:
        return cli_parse_count(c, "--seeds", arg, 1, 1000, &a->seeds);
    case OPT_START:
        return cli_parse_count(c, "--start", arg, CS_MIN_TASK_ROWS, 100000, &a->start);
    case OPT_BATCH:
        return cli_parse_count(c, "--batch", arg, 1, 100000, &a->batch);
    case OPT_FLOPS:
        return cli_parse_flops(c, "--flops", arg, 0, &a->flops);
    case OPT_METHODS:
        if (a->methods_arg)
            return list_given_twice(c, "--methods", a->methods_arg, arg);
        a->methods_arg = arg;
        if (parse_methods(arg, &a->methods) == 0)
            return 0;
        cli_usage_error(c, "--methods is a list of paper, random, incremental, not '%s'", arg);
        return -1;
    default:
        return -1;
    }
}

/* What one subset gives for every task. */
typedef struct outcome {
    double dq, cov;
    int ok;
} outcome;

typedef struct sweep_ctx {
    const cs_cli *c;
    const size_t *tasks;
    size_t nt;
    double z_ref;
    cs_fit *full;
    double *edges;           /* per task: CS_MAX_BINS + 1 edges over all its rows */
    size_t *n_bins;
    double *z, *y, *w, *zall, *yall;
    int weighted;            /* refit with the design weights */
    /* The data's strata and groups, built once: every subset's weights and
     * every replay use them (they hold no score). */
    const cs_design_layout *layout;
    double pool_cost;        /* every row's cost, checked finite before any fit */
} sweep_ctx;

/* Fit every task on the rows in `take` and compare with the full fit. */
static int judge(const sweep_ctx *s, const unsigned char *take, outcome *out)
{
    const cs_dataset *ds = s->c->ds;
    for (size_t k = 0; k < s->nt; k++) {
        size_t t = s->tasks[k];
        out[k].ok = 0;
        cs_fit f;
        cs_error err;
        cs_fit_opts fo = s->c->fit;
        size_t m;
        if (s->weighted) {
            const cs_design_weights_opts wo = { .layout = s->layout, .mask = take };
            m = cs_design_weighted_xy(ds, t, &wo, s->z, s->y, s->w, &err);
            if (m == (size_t)-1)
                return cli_fail(&err);
            fo.weights = s->w;
        } else {
            m = cs_dataset_task_xy(ds, t, take, s->z, s->y, NULL);
        }
        if (m < CS_MIN_TASK_ROWS)
            continue;
        int frc = cs_fit_run(s->z, s->y, m, &fo, &f, &err);
        if (frc != 0) {
            if (err.kind == CS_ERR_RUNTIME)
                return cli_fail(&err);
            continue;
        }
        size_t n = cs_dataset_task_xy(ds, t, NULL, s->zall, s->yall, NULL);
        cs_coverage cov;
        cs_coverage_eval(&f, s->zall, s->yall, n, s->edges + k * (CS_MAX_BINS + 1), s->n_bins[k],
                         f.tau, &cov);
        out[k].dq = cs_fit_predict(&f, s->z_ref) - cs_fit_predict(&s->full[k], s->z_ref);
        out[k].cov = cov.macro;
        out[k].ok = 1;
    }
    return 0;
}

/* One (budget, method)'s runs: for each run and task, what its refit gave,
 * where it could be made. */
typedef struct tally {
    size_t nt, cap, runs;
    double rows, used;             /* sums over the runs */
    double *dq, *adq, *cov;        /* runs x tasks, row-major */
    unsigned char *ok;             /* runs x tasks: the refit was made */
    double *scratch;               /* cap entries */
} tally;

static void tally_free(tally *t)
{
    free(t->dq);
    free(t->adq);
    free(t->cov);
    free(t->ok);
    free(t->scratch);
}

/* Room for `runs` runs of nt tasks; CS_EXIT_RUNTIME, said, when out of memory. */
static int tally_init(tally *t, size_t nt, size_t runs)
{
    size_t cells = (nt ? nt : 1) * (runs ? runs : 1);
    *t = (tally){ .nt = nt, .cap = runs };
    t->dq = malloc(cells * sizeof *t->dq);
    t->adq = malloc(cells * sizeof *t->adq);
    t->cov = malloc(cells * sizeof *t->cov);
    t->ok = calloc(cells, 1);
    t->scratch = malloc((runs ? runs : 1) * sizeof *t->scratch);
    if (t->dq && t->adq && t->cov && t->ok && t->scratch)
        return 0;
    tally_free(t);
    *t = (tally){ 0 }; /* tally_free may be called again */
    return cli_out_of_memory();
}

static void tally_add(tally *t, const sweep_ctx *s, const unsigned char *take, double used,
                      const outcome *o)
{
    size_t rows = 0;
    for (size_t i = 0; i < s->c->ds->n_rows; i++)
        rows += take[i] != 0;
    if (t->runs == t->cap)
        return; /* never: the caller sized the tally for its runs */
    t->rows += (double)rows;
    t->used += used;
    size_t at = t->runs++ * t->nt;
    for (size_t k = 0; k < s->nt; k++) {
        t->ok[at + k] = (unsigned char)(o[k].ok != 0);
        t->dq[at + k] = o[k].ok ? o[k].dq : 0;
        t->adq[at + k] = o[k].ok ? fabs(o[k].dq) : 0;
        t->cov[at + k] = o[k].ok ? o[k].cov : 0;
    }
}

/* Task k's values in the runs where its refit was made. */
static cs_summary task_summary(const tally *t, const double *x, size_t k)
{
    size_t m = 0;
    for (size_t r = 0; r < t->runs; r++)
        if (t->ok[r * t->nt + k])
            t->scratch[m++] = x[r * t->nt + k];
    return cs_summary_mean_se(t->scratch, 1, m);
}

static void tally_emit(cli_out *o, const tally *t, const sweep_ctx *s, double budget,
                        const char *method)
{
    for (size_t k = 0; k < s->nt; k++) {
        cli_out_record(o);
        cli_out_num(o, "budget", budget, "%g");
        cli_out_str(o, "method", method);
        cli_out_str(o, "task", s->c->ds->tasks[s->tasks[k]].name);
        cli_out_num(o, "n", t->runs ? t->rows / (double)t->runs : NAN, "%.1f");
        cli_out_num(o, "used", t->runs ? t->used / (double)t->runs : NAN, "%.1f");
        cs_summary adq = task_summary(t, t->adq, k);
        cli_out_int(o, "runs", (long long)adq.n);
        double q_full = cs_fit_predict(&s->full[k], s->z_ref);
        cli_out_num(o, "q_full", q_full, "%.4f");
        if (adq.n) {
            cli_out_num(o, "coverage_error", task_summary(t, t->cov, k).mean, "%.4f");
            cli_out_num(o, "dq", task_summary(t, t->dq, k).mean, "%+.4f");
            cli_out_num(o, "abs_dq", adq.mean, "%.4f");
            cli_out_num(o, "abs_dq_se", adq.se, "%.4f");
        } else {
            cli_out_null(o, "coverage_error");
            cli_out_null(o, "dq");
            cli_out_null(o, "abs_dq");
            cli_out_null(o, "abs_dq_se");
        }
    }
    /* Run first (summary.h): each run's tasks averaged, then the runs, so
     * that abs_dq and its standard error are of one sample even when a task
     * could not be refitted in some runs. runs counts those where some task
     * could be (a subset of fewer than 4 rows fits none). */
    cs_summary adq = cs_summary_run_means(t->adq, t->ok, t->runs, t->nt, t->scratch);
    cs_summary cov = cs_summary_run_means(t->cov, t->ok, t->runs, t->nt, t->scratch);
    cli_out_record(o);
    cli_out_num(o, "budget", budget, "%g");
    cli_out_str(o, "method", method);
    cli_out_str(o, "task", "mean");
    cli_out_num(o, "n", t->runs ? t->rows / (double)t->runs : NAN, "%.1f");
    cli_out_num(o, "used", t->runs ? t->used / (double)t->runs : NAN, "%.1f");
    cli_out_int(o, "runs", (long long)adq.n);
    cli_out_null(o, "q_full");
    cli_out_num(o, "coverage_error", cov.mean, "%.4f");
    cli_out_null(o, "dq");
    cli_out_num(o, "abs_dq", adq.mean, "%.4f");
    cli_out_num(o, "abs_dq_se", adq.se, "%.4f");
}

/* The replays need every score of the pool, so a row missing one of the
 * tasks' scores (the demo leaves some for the sampler) is left out of the
 * pool, with a note. */
static int keep_fully_scored(cs_cli *c, const size_t *tasks, size_t nt)
{
    cs_dataset *ds = c->ds;
    unsigned char *keep = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!keep)
        return cli_out_of_memory();
    size_t n_keep = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        keep[i] = 1;
        for (size_t k = 0; k < nt; k++)
            keep[i] &= ds->tasks[tasks[k]].has[i];
        n_keep += keep[i];
    }
    int status = 0;
    cs_error err;
    memset(&err, 0, sizeof err);
    if (n_keep == ds->n_rows) {
        free(keep);
        return 0;
    }
    /* On a sparse file (each source scored different tasks) the rows with
     * every score can be a handful: say which task keeps most. */
    size_t best = 0, best_n = 0;
    for (size_t k = 0; k < nt && nt > 1; k++) {
        size_t n = 0;
        for (size_t i = 0; i < ds->n_rows; i++)
            n += ds->tasks[tasks[k]].has[i] != 0;
        if (n > best_n) {
            best = k;
            best_n = n;
        }
    }
    char hint[160] = "", word[96];
    if (best_n > n_keep)
        snprintf(hint, sizeof hint, "; fewer tasks keep more (--task %s alone keeps %zu)",
                 cs_shell_word(ds->tasks[tasks[best]].name, word, sizeof word), best_n);
    /* Too few for any fit: said as such, not as the subset's "task 'a'
     * has 3 usable rows" about a task the file scores on more. */
    if (n_keep < CS_MIN_TASK_ROWS) {
        free(keep);
        cs_error_set(&err, CS_ERR_INPUT, c->data_path ? c->data_path : "demo", 0,
                     "sweep needs %d rows scored on every task asked for, and %zu %s%s",
                     CS_MIN_TASK_ROWS, n_keep, n_keep == 1 ? "is" : "are", hint);
        return cli_fail(&err);
    }
    cs_dataset *sub;
    if (cs_dataset_subset(ds, keep, &sub, &err) != 0) {
        status = cli_fail(&err);
    } else {
        cli_warn(c, "note: sweep replays on the %zu rows scored on every task asked for; %zu rows "
                    "missing a score are left out%s",
                 n_keep, ds->n_rows - n_keep, hint);
        cs_dataset_free(ds);
        c->ds = sub;
    }
    free(keep);
    return status;
}

static int run_sweep(cs_cli *c, const sweep_args *a, const size_t *tasks, size_t nt,
                     sweep_ctx *s, cli_out *o)
{
    const cs_dataset *ds = c->ds;
    size_t n = ds->n_rows;
    unsigned char *take = calloc(n ? n : 1, 1);
    double *cost = malloc((n ? n : 1) * sizeof *cost);
    outcome res[CS_DESIGN_MAX_CRITERIA];
    int status = 0;
    if (!take || !cost) {
        status = cli_out_of_memory();
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        cost[i] = ds->has_cost[i] ? ds->cost[i] : NAN;
    double pool_cost = s->pool_cost;
    cli_out_num(o, "pool_cost", pool_cost, "%.1f");
    cli_out_num(o, "flops", a->flops, "%.3g");
    cli_out_int(o, "seeds", (long long)a->seeds);

    cli_progress pg;
    cli_progress_start(&pg, c, "scored");
    for (size_t b = 0; b < a->n_budgets && status == 0; b++) {
        double frac = a->budgets[b], budget = frac * pool_cost;
        if (a->methods & M_PAPER) {
            snprintf(pg.what, sizeof pg.what, "budget %g: the paper's design", frac);
            cli_progress_show(&pg, 0, 0);
            cs_design_opts d;
            cs_design_opts_init(&d);
            d.progress = cli_progress_cb;
            d.progress_ctx = &pg;
            d.prior = CS_PRIOR_PAPER;
            d.pool = CS_POOL_ALL;
            d.tasks = tasks;
            d.n_tasks = nt;
            d.budget_fraction = frac;
            cs_design_result r;
            cs_error err;
            if (cs_design_run(ds, &d, &r, &err) != 0) {
                status = cli_fail(&err);
                break;
            }
            memset(take, 0, n);
            for (size_t p = 0; p < r.n_picks; p++)
                take[r.picks[p].row] = 1;
            tally t;
            if ((status = tally_init(&t, nt, 1)) == 0 && (status = judge(s, take, res)) == 0) {
                tally_add(&t, s, take, r.used, res);
                tally_emit(o, &t, s, frac, "paper");
            }
            tally_free(&t);
            cs_design_result_free(&r);
        }
        if ((a->methods & M_RANDOM) && status == 0) {
            tally t;
            status = tally_init(&t, nt, a->seeds);
            for (size_t seed = 1; seed <= a->seeds && status == 0; seed++) {
                snprintf(pg.what, sizeof pg.what, "budget %g: random subset %zu/%zu", frac, seed,
                         a->seeds);
                cli_progress_show(&pg, 0, 0);
                double used = cs_sim_random(cost, n, budget, seed, take);
                /* NaN: the empty subset of no memory, which judged would
                 * pass for a draw that afforded nothing. */
                if (isnan(used))
                    status = cli_out_of_memory();
                else if ((status = judge(s, take, res)) == 0)
                    tally_add(&t, s, take, used, res);
            }
            if (status == 0)
                tally_emit(o, &t, s, frac, "random");
            tally_free(&t);
        }
        if ((a->methods & M_INCREMENTAL) && status == 0) {
            tally t;
            size_t unsuggested = 0; /* replays whose first round took nothing */
            status = tally_init(&t, nt, a->seeds);
            for (size_t seed = 1; seed <= a->seeds && status == 0; seed++) {
                snprintf(pg.what, sizeof pg.what, "budget %g: incremental replay %zu/%zu", frac,
                         seed, a->seeds);
                cli_progress_show(&pg, 0, 0);
                cs_sim_opts so;
                cs_sim_opts_init(&so);
                so.seed = seed;
                so.start = a->start;
                so.batch = a->batch;
                so.budget = budget;
                so.fit = c->fit;
                so.target_z = s->z_ref;
                so.layout = s->layout;
                so.progress = cli_progress_cb;
                so.progress_ctx = &pg;
                double used;
                size_t rounds;
                cs_error err;
                if (cs_sim_incremental(ds, tasks, nt, &so, take, &used, &rounds, &err) != 0) {
                    status = cli_fail(&err);
                    break;
                }
                unsuggested += rounds <= 1;
                s->weighted = 1; /* its picks are out of proportion on purpose */
                status = judge(s, take, res);
                s->weighted = 0;
                if (status == 0)
                    tally_add(&t, s, take, used, res);
            }
            if (status == 0)
                tally_emit(o, &t, s, frac, "incremental");
            tally_free(&t);
            /* On a small table the starting rows can spend the whole budget:
             * such a replay never asked the sampler, and is the random
             * subset of the same seed, which its figures then repeat. Said,
             * so that "incremental no better than random" is not read as a
             * finding about the sampler. Not where no row has a cost: the
             * budget is 0, and the note of that is the one to read. */
            if (status == 0 && unsuggested && pool_cost > 0)
                cli_warn(c, "note: budget %g: %zu of %zu incremental replays took no suggestion: their "
                            "random starting rows (--start %zu) left no room in the budget, so they are "
                            "random subsets; a smaller --start or a larger budget leaves room",
                         frac, unsuggested, a->seeds, a->start);
        }
    }
    cli_progress_done(&pg);
out:
    free(take);
    free(cost);
    return status;
}

int cmd_sweep(int argc, char **argv)
{
    static const struct option local[] = {
        { "budgets", required_argument, NULL, OPT_BUDGETS },
        { "seeds", required_argument, NULL, OPT_SEEDS },
        { "flops", required_argument, NULL, OPT_FLOPS },
        { "methods", required_argument, NULL, OPT_METHODS },
        { "start", required_argument, NULL, OPT_START },
        { "batch", required_argument, NULL, OPT_BATCH },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "sweep");
    sweep_args a = { .budgets = { 0.05, 0.1, 0.2, 0.5, 1.0 }, .n_budgets = 5, .seeds = 5,
                     .start = 12, .batch = 20, .flops = 1e24,
                     .methods = M_PAPER | M_RANDOM | M_INCREMENTAL };
    sweep_ctx s;
    memset(&s, 0, sizeof s);
    size_t *tasks = NULL;
    cs_design_layout *layout = NULL;
    int status = cli_parse(&c, argc, argv, local, sweep_option, &a, sweep_help);
    if (status >= 0)
        goto out;
    if (c.since != CS_NO_DATE || c.until != CS_NO_DATE) {
        /* The replays work on whole files; a date window would apply to the
         * full-data fit and not to the subsets. */
        status = cli_usage_error(&c, "--since and --until do not apply to sweep");
        goto out;
    }
    if ((status = cli_load(&c)) != 0)
        goto out;
    tasks = malloc(c.ds->n_tasks * sizeof *tasks);
    if (!tasks) {
        status = cli_out_of_memory();
        goto out;
    }
    size_t nt = cli_tasks(&c, tasks);
    if (nt > CS_DESIGN_MAX_CRITERIA) {
        status = cli_usage_error(&c, "at most %d tasks at once (name some with --task)",
                                 CS_DESIGN_MAX_CRITERIA);
        goto out;
    }
    if ((status = keep_fully_scored(&c, tasks, nt)) != 0)
        goto out;
    cs_error cost_err;
    s.pool_cost = cs_design_pool_cost(c.ds, NULL);
    if (cs_design_pool_cost_check(c.ds, s.pool_cost, &cost_err) != 0) {
        status = cli_fail(&cost_err);
        goto out;
    }
    size_t n = c.ds->n_rows;
    /* A row without a cost is never drawn, by any method: say so, as
     * suggest does, rather than print a table of empty subsets. */
    size_t costless = cs_design_costless(c.ds, NULL);
    if (costless == n)
        cli_warn(&c, "note: no row has a cost, so every subset is empty (name the cost column "
                     "with --config, see capscope-config(5))");
    else if (costless)
        cli_warn(&c, "warning: %zu row%s without a cost %s never drawn into a subset (the "
                     "full-data fit and the coverage still use %s)",
                 costless, costless == 1 ? "" : "s", costless == 1 ? "is" : "are",
                 costless == 1 ? "it" : "them");
    /* A task named "mean" and the records that average the tasks share
     * their "task": a script selecting one gets both. */
    for (size_t k = 0; k < nt; k++)
        if (strcmp(c.ds->tasks[tasks[k]].name, "mean") == 0)
            cli_warn(&c, "warning: task 'mean' has the name of the records that average the tasks: tell "
                         "them apart by q_full, null in the average's");
    s.c = &c;
    s.tasks = tasks;
    s.nt = nt;
    s.z_ref = log10(a.flops);
    s.full = malloc((nt ? nt : 1) * sizeof *s.full);
    s.edges = malloc((nt ? nt : 1) * (CS_MAX_BINS + 1) * sizeof *s.edges);
    s.n_bins = malloc((nt ? nt : 1) * sizeof *s.n_bins);
    s.z = malloc((n ? n : 1) * sizeof *s.z);
    s.y = malloc((n ? n : 1) * sizeof *s.y);
    s.w = malloc((n ? n : 1) * sizeof *s.w);
    s.zall = malloc((n ? n : 1) * sizeof *s.zall);
    s.yall = malloc((n ? n : 1) * sizeof *s.yall);
    if (!s.full || !s.edges || !s.n_bins || !s.z || !s.y || !s.w || !s.zall || !s.yall) {
        status = cli_out_of_memory();
        goto out;
    }
    for (size_t k = 0; k < nt; k++) {
        if ((status = cli_fit_task(&c, tasks[k], &s.full[k])) != 0)
            goto out;
        size_t m = cs_dataset_task_xy(c.ds, tasks[k], NULL, s.zall, s.yall, NULL);
        s.n_bins[k] = cs_bin_edges(s.zall, m, CS_BINS_DEFAULT, CS_MIN_BIN_DEFAULT,
                                   s.edges + k * (CS_MAX_BINS + 1));
        if (s.n_bins[k] == 0) { /* the task was fitted on these rows: no memory */
            status = cli_out_of_memory();
            goto out;
        }
    }
    if (a.methods & M_INCREMENTAL) { /* the others weigh nothing */
        cs_error err;
        if (!(layout = cs_design_layout_new(c.ds, NULL, NULL, &err))) {
            status = cli_fail(&err);
            goto out;
        }
        s.layout = layout;
    }
    cli_out *o = cli_out_new("results");
    status = run_sweep(&c, &a, tasks, nt, &s, o);
    if (status == 0)
        status = cli_emit(&c, o);
    cli_out_free(o);
out:
    cs_design_layout_free(layout);
    free(s.full);
    free(s.edges);
    free(s.n_bins);
    free(s.z);
    free(s.y);
    free(s.w);
    free(s.zall);
    free(s.yall);
    free(tasks);
    return cli_finish(&c, status);
}
