/* capscope suggest: which models to evaluate next, within a budget. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/design.h"
#include "cli/cli.h"

static const char suggest_help[] =
    "Usage: capscope suggest [--data FILE] [--task NAME]...\n"
    "                        (--budget FRACTION | --budget-abs COST | --count N)\n"
    "                        [--pool unscored|all] [--prior fit|paper] [OPTIONS]\n"
    "\n"
    "Which models to evaluate next, until the budget is spent or N models are\n"
    "picked. Evaluating a model costs its cost column (params_b by default); rows\n"
    "without a cost cannot be picked. Scores of candidates are never read; every\n"
    "other column may be. Scores entered in the TUI (the data file's journal,\n"
    "FILE.journal) count as scored.\n"
    "\n"
    "With --prior fit (the default) every task is fitted on its scored rows, each\n"
    "weighted by the unscored rows of its base model at its compute that it stands\n"
    "for (as fit --design-weights), and one design serves them all. A 0.98 quantile\n"
    "is pinned down by the few rows near and above it, which cluster in a few base\n"
    "models at a few compute levels, so the picks go where they are: first one model\n"
    "of every base at every level (a costly one worth far less than the next pick\n"
    "waits its turn), then models of the groups whose scores straddle the boundary,\n"
    "where they lower the variance of the weighted refit's q at --flops most per\n"
    "unit of cost, spread along the release date within each group (fine-tunes\n"
    "released together tend to score alike).\n"
    "Use it in rounds: score the picks, ask again, and read the boundary with fit\n"
    "--design-weights (the picks are out of proportion with the pool on purpose, so\n"
    "a plain fit of them is biased).\n"
    "Replayed that way on the Open LLM Leaderboard re-evaluation (six tasks, 200\n"
    "seeds), the weighted refit's q(1e24) lands 0.0064 / 0.0037 / 0.0020 from the\n"
    "full-data one at 5 / 10 / 20% of the cost, random models of equal cost\n"
    "0.0102 / 0.0069 / 0.0046.\n"
    "\n"
    "With --prior paper it is the paper's balanced I-optimal design (Zhang, Jin,\n"
    "Syrgkanis and Kakade 2026): the greedy pick of the model that most reduces the\n"
    "boundary's average prediction variance per unit of cost, from a fixed prior. It\n"
    "reads no score, so a --task may have none yet: which models to score first on a\n"
    "new benchmark.\n"
    "\n"
    "Options:\n"
    "      --budget FRACTION   budget as a fraction of the pool's total cost\n"
    "                          (e.g. 0.2)\n"
    "      --budget-abs COST   budget in cost units\n"
    "      --count N           the next N picks (within the budget when one is\n"
    "                          given)\n"
    "      --pool unscored     candidates are rows missing a score for the tasks;\n"
    "                          scored rows are already in the design (default)\n"
    "      --pool all          ignore scores: design from scratch over every row\n"
    "                          (the paper)\n"
    "      --prior fit         the current fitted boundary of each task; one design\n"
    "                          serves all the tasks at once (default)\n"
    "      --prior paper       the paper's fixed prior (y0 0.2, L 0.75, a -9, b 1)\n"
    "      --flops X           --prior fit: the compute whose boundary value the\n"
    "                          picks pin down\n"
    "                          (default 1e24, clamped to the data's range)\n"
    "      --lambda L          weight of the bin-balance bonus of --prior paper\n"
    "                          (default 0.001)\n"
    "      --data FILE         CSV with a header row ('-' = standard input);\n"
    "                          default: the demo data\n"
    "      --config FILE       YAML mapping of column roles (see capscope-config(5))\n"
    "      --task NAME         a task column (repeatable); default: every task\n"
    "                          column\n"
    "      --tau, --kappa, --lambda-b, --since, --until\n"
    "                          fit options of the fitted prior (candidates are\n"
    "                          every unscored row, whatever its date)\n"
    "      --format FMT        table (default), json or csv\n"
    "      --quiet             no warnings, no progress\n"
    "      --help              this help\n";

enum {
    OPT_BUDGET = CLI_OPT_FIRST_LOCAL, OPT_BUDGET_ABS, OPT_COUNT, OPT_POOL, OPT_PRIOR, OPT_LAMBDA,
    OPT_FLOPS
};

typedef struct suggest_args {
    cs_design_opts o;
    int have_fraction, have_abs, have_lambda, have_flops;
} suggest_args;

static int suggest_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    suggest_args *a = ctx;
    double v;
    switch (opt) {
    case OPT_BUDGET:
        if (cli_parse_double(arg, &v) != 0 || !(v > 0 && v <= 1)) {
            cli_usage_error(c, "--budget is a fraction of the pool's cost in (0, 1], not '%s'", arg);
            return -1;
        }
        a->o.budget_fraction = v;
        a->have_fraction = 1;
        return 0;
    case OPT_BUDGET_ABS:
        if (cli_parse_double(arg, &v) != 0 || !(v > 0)) {
            cli_usage_error(c, "--budget-abs must be a positive cost, not '%s'", arg);
            return -1;
        }
        a->o.budget_abs = v;
        a->have_abs = 1;
        return 0;
    case OPT_COUNT:
        if (cli_parse_count(arg, 1, 100000000, &a->o.count) != 0) {
            cli_usage_error(c, "--count must be a positive whole number, not '%s'", arg);
            return -1;
        }
        return 0;
    case OPT_POOL:
        if (strcmp(arg, "unscored") == 0)
            a->o.pool = CS_POOL_UNSCORED;
        else if (strcmp(arg, "all") == 0)
            a->o.pool = CS_POOL_ALL;
        else {
            cli_usage_error(c, "--pool must be unscored or all, not '%s'", arg);
            return -1;
        }
        return 0;
    case OPT_PRIOR:
        if (strcmp(arg, "fit") == 0)
            a->o.prior = CS_PRIOR_FIT;
        else if (strcmp(arg, "paper") == 0)
            a->o.prior = CS_PRIOR_PAPER;
        else {
            cli_usage_error(c, "--prior must be fit or paper, not '%s'", arg);
            return -1;
        }
        return 0;
    case OPT_FLOPS:
        if (cli_parse_double(arg, &v) != 0 || !(v > 0) || !isfinite(v)) {
            cli_usage_error(c, "--flops must be a positive number of FLOPs, not '%s'", arg);
            return -1;
        }
        a->o.target_z = log10(v);
        a->have_flops = 1;
        return 0;
    case OPT_LAMBDA:
        if (cli_parse_double(arg, &v) != 0 || !(v >= 0)) {
            cli_usage_error(c, "--lambda must be a number >= 0, not '%s'", arg);
            return -1;
        }
        a->o.balance_lambda = v;
        a->have_lambda = 1;
        return 0;
    default:
        return -1;
    }
}

/* The fields of a pick, as put_pick adds them. */
static const char *const pick_columns[] = { "rank", "model", "cost", "z", "flops", "gain", "why",
                                            "base_model", "date", NULL };

static void put_pick(cs_out *o, const cs_dataset *ds, const cs_pick *p)
{
    char date[16];
    cs_out_record(o);
    cs_out_int(o, "rank", (long long)p->rank);
    cs_out_str(o, "model", ds->model[p->row]);
    cs_out_num(o, "cost", p->cost, "%.4g");
    cs_out_num(o, "z", p->z, "%.3f");
    cs_out_num(o, "flops", ds->flops[p->row], "%.3g");
    cs_out_num(o, "gain", p->gain, "%.3g");
    cs_out_str(o, "why", p->why);
    cs_out_str(o, "base_model", ds->base_model ? ds->base_model[p->row] : NULL);
    if (ds->date[p->row] == CS_NO_DATE)
        cs_out_null(o, "date");
    else
        cs_out_str(o, "date", cs_format_date(ds->date[p->row], date, sizeof date));
}

/* The candidates as cs_design_run sees them: how many, how many of them
 * lack a cost (so cannot be picked), and the least cost among the others
 * (INFINITY when none has one). */
static size_t count_candidates(const cs_dataset *ds, const cs_design_opts *o, size_t *costless,
                               double *cheapest)
{
    *costless = 0;
    *cheapest = INFINITY;
    unsigned char *cand = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!cand)
        return 0;
    size_t n = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        cand[i] = o->pool == CS_POOL_ALL;
        for (size_t k = 0; k < o->n_tasks && !cand[i]; k++)
            cand[i] = !ds->tasks[o->tasks[k]].has[i];
        n += cand[i];
        if (cand[i] && ds->has_cost[i] && ds->cost[i] < *cheapest)
            *cheapest = ds->cost[i];
    }
    *costless = cs_design_costless(ds, cand);
    free(cand);
    return n;
}

/* An option the chosen design does not read is worth a word: the user
 * expects it to change the picks. */
static void warn_unused_options(cs_cli *c, const suggest_args *a)
{
    if (a->o.prior == CS_PRIOR_FIT && a->have_lambda)
        cli_warn(c, "warning: --lambda weighs the bin balance of --prior paper; ignored with "
                    "--prior fit");
    if (a->o.prior == CS_PRIOR_PAPER) {
        cs_fit_opts def;
        cs_fit_opts_init(&def);
        if (a->have_flops)
            cli_warn(c, "warning: --flops is the target of --prior fit; ignored with --prior paper");
        if (c->fit.tau != def.tau || c->fit.kappa != def.kappa || c->fit.lambda_b != def.lambda_b)
            cli_warn(c, "warning: --tau, --kappa and --lambda-b shape the fitted prior; ignored "
                        "with --prior paper");
        /* The paper's design reads no dates: every candidate stays one. */
        if (c->since != CS_NO_DATE || c->until != CS_NO_DATE)
            cli_warn(c, "warning: --since and --until choose the rows of the fitted prior; "
                        "ignored with --prior paper");
    }
}

int cmd_suggest(int argc, char **argv)
{
    static const struct option local[] = {
        { "budget", required_argument, NULL, OPT_BUDGET },
        { "budget-abs", required_argument, NULL, OPT_BUDGET_ABS },
        { "count", required_argument, NULL, OPT_COUNT },
        { "pool", required_argument, NULL, OPT_POOL },
        { "prior", required_argument, NULL, OPT_PRIOR },
        { "lambda", required_argument, NULL, OPT_LAMBDA },
        { "flops", required_argument, NULL, OPT_FLOPS },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "suggest");
    suggest_args a;
    memset(&a, 0, sizeof a);
    cs_design_opts_init(&a.o);
    size_t *tasks = NULL;
    cs_fit *fits = NULL;
    cs_design_layout *layout = NULL;
    int status = cli_parse(&c, argc, argv, local, suggest_option, &a, suggest_help);
    if (status >= 0)
        goto out;
    if (a.have_fraction && a.have_abs) {
        status = cli_usage_error(&c, "give --budget or --budget-abs, not both");
        goto out;
    }
    if (!a.have_fraction && !a.have_abs && a.o.count == 0) {
        status = cli_usage_error(&c, "give --budget FRACTION, --budget-abs COST or --count N");
        goto out;
    }
    warn_unused_options(&c, &a);
    /* The paper's design reads no score: a new benchmark with none yet is
     * what it is for. The fitted prior needs a fit of every task, and
     * cli_fit_task says so, pointing to the paper's design. */
    c.sparse_tasks = 1;
    c.fit_hint = " (--prior paper designs without a fit)";
    if ((status = cli_load(&c)) != 0)
        goto out;

    tasks = malloc(c.ds->n_tasks * sizeof *tasks);
    if (!tasks) {
        status = CS_EXIT_RUNTIME;
        goto out;
    }
    size_t nt = cli_tasks(&c, tasks);
    if (nt > CS_DESIGN_MAX_CRITERIA) {
        status = cli_usage_error(&c, "at most %d tasks at once (name some with --task)",
                                 CS_DESIGN_MAX_CRITERIA);
        goto out;
    }
    a.o.tasks = tasks;
    a.o.n_tasks = nt;
    if (a.o.prior == CS_PRIOR_FIT) {
        /* Fitted here so that the fit options and --since/--until apply;
         * weighted, since the scored rows may be this sampler's picks. */
        c.design_weights = 1;
        fits = malloc(nt * sizeof *fits);
        if (!fits) {
            status = CS_EXIT_RUNTIME;
            goto out;
        }
        /* The weights' strata and groups hold no score: built once for every
         * task's fit and the design (at a million rows, 0.2 s a build). */
        cs_error lerr;
        memset(&lerr, 0, sizeof lerr);
        if (!(layout = cs_design_layout_new(c.ds, NULL, NULL, &lerr))) {
            status = cli_fail(&lerr);
            goto out;
        }
        c.layout = layout;
        a.o.layout = layout;
        cli_progress fpg;
        cli_progress_start(&fpg, &c, "");
        for (size_t k = 0; k < nt && status == 0; k++) {
            snprintf(fpg.what, sizeof fpg.what, "fitting the prior, task %zu of %zu", k + 1, nt);
            cli_progress_show(&fpg, 0, 0);
            status = cli_fit_task(&c, tasks[k], &fits[k]);
        }
        cli_progress_done(&fpg);
        if (status != 0)
            goto out;
        a.o.fits = fits;
    }

    size_t costless;
    double cheapest;
    size_t n_cand = count_candidates(c.ds, &a.o, &costless, &cheapest);
    if (costless)
        cli_warn(&c, "warning: %zu candidate row%s without a cost cannot be picked", costless,
                 costless == 1 ? "" : "s");
    if (n_cand == 0)
        cli_warn(&c, "note: every row is scored on the task%s asked for, so there is nothing to "
                     "suggest (--pool all replays the design over all rows)",
                 nt == 1 ? "" : "s");

    cs_design_result r;
    cs_error err;
    memset(&err, 0, sizeof err);
    cli_progress pg;
    cli_progress_start(&pg, &c, "picked");
    snprintf(pg.what, sizeof pg.what, "%s", a.o.prior == CS_PRIOR_PAPER ? "the paper's design" : "the sampler");
    a.o.progress = cli_progress_cb;
    a.o.progress_ctx = &pg;
    int rc = cs_design_run(c.ds, &a.o, &r, &err);
    cli_progress_done(&pg);
    if (rc != 0) {
        status = cli_fail(&err);
        goto out;
    }
    if (r.n_picks == 0 && n_cand > costless)
        cli_warn(&c, "note: nothing fits the budget of %.4g: the cheapest candidate costs %.4g",
                 r.budget, cheapest);
    else if (r.n_picks == 0 && n_cand > 0)
        cli_warn(&c, "note: no candidate has a cost, so none can be picked (name the cost column "
                     "with --config, see capscope-config(5))");
    cs_out *o = cs_out_new("picked");
    cs_out_columns(o, pick_columns);
    cs_out_num(o, "budget", r.budget, "%.1f"); /* INFINITY (no budget) prints null */
    cs_out_num(o, "used", r.used, "%.1f");
    cs_out_num(o, "pool_cost", r.pool_cost, "%.1f");
    cs_out_str(o, "pool", a.o.pool == CS_POOL_ALL ? "all" : "unscored");
    cs_out_str(o, "prior", a.o.prior == CS_PRIOR_FIT ? "fit" : "paper");
    cs_out_int(o, "n_picked", (long long)r.n_picks);
    /* The picks are all made: written as they are added, a million of them
     * never wait in memory as text (the table's widths still want them). */
    cli_stream(&c, o);
    for (size_t i = 0; i < r.n_picks; i++)
        put_pick(o, c.ds, &r.picks[i]);
    status = cli_emit(&c, o);
    cs_out_free(o);
    cs_design_result_free(&r);
out:
    free(tasks);
    free(fits);
    c.layout = NULL;
    cs_design_layout_free(layout);
    return cli_finish(&c, status);
}
