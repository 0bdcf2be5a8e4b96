/* capscope suggest: which models to evaluate next, within a budget. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/costtext.h"
#include "capscope/design.h"
#include "capscope/number.h"
#include "cli/cli.h"

static const char suggest_help[] =
    "Usage: capscope suggest [--data FILE] [--task NAME]...\n"
    "                        (--budget FRACTION | --budget-abs COST | --count N)\n"
    "                        [--pool unscored|all] [--prior fit|paper] [OPTIONS]\n"
    "\n"
    "Which models to evaluate next, until the budget is spent or N models are\n"
    "picked. Evaluating a model costs its cost column (params_b by default); rows\n"
    "without a cost cannot be picked. Scores of candidates are never read; every\n"
    "other column may be. Scores entered in the TUI or with\n"
    "capscope score (the data file's journal, FILE.journal) count as scored.\n"
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
    "      --prior paper       the paper's fixed prior (y0 0.2, L 0.75, z_star 30,\n"
    "                          b 1: the paper's a = -9)\n"
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
    "      --quiet             no warnings, notes or progress on stderr\n"
    "      --help              this help\n";

enum {
    OPT_BUDGET = CLI_OPT_FIRST_LOCAL, OPT_BUDGET_ABS, OPT_COUNT, OPT_POOL, OPT_PRIOR, OPT_LAMBDA,
    OPT_FLOPS
};

static const struct option suggest_options[] = {
    { "budget", required_argument, NULL, OPT_BUDGET },
    { "budget-abs", required_argument, NULL, OPT_BUDGET_ABS },
    { "count", required_argument, NULL, OPT_COUNT },
    { "pool", required_argument, NULL, OPT_POOL },
    { "prior", required_argument, NULL, OPT_PRIOR },
    { "lambda", required_argument, NULL, OPT_LAMBDA },
    { "flops", required_argument, NULL, OPT_FLOPS },
    { NULL, 0, NULL, 0 },
};

/* One run of suggest: the design's options as the command line gave them,
 * and what the run holds until its end (suggest_run_free). */
typedef struct suggest_run {
    cs_design_opts o;
    int have_fraction, have_abs, have_lambda, have_flops;
    size_t *tasks;
    cs_fit *fits;              /* --prior fit: one per task */
    cs_design_layout *layout;  /* --prior fit: the weights' strata and groups */
} suggest_run;

static int suggest_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    suggest_run *a = ctx;
    double v;
    int st;
    switch (opt) {
    case OPT_BUDGET:
        if ((st = cli_parse_double(c, "--budget", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v > 0 && v <= 1)) {
            char hint[320];
            cs_fraction_hint(arg, 0, hint, sizeof hint);
            /* A number above 1 may be meant as a cost rather than a percentage. */
            cli_usage_error(c, "--budget is a fraction of the pool's cost in (0, 1], not '%s'%s%s%s", arg, hint,
                            st == 0 && v > 1 ? (*hint ? ", or --budget-abs " : "; for a cost, --budget-abs ") : "",
                            st == 0 && v > 1 ? arg : "");
            return -1;
        }
        a->o.budget_fraction = v;
        a->have_fraction = 1;
        return 0;
    case OPT_BUDGET_ABS:
        if ((st = cli_parse_double(c, "--budget-abs", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v > 0)) {
            cli_usage_error(c, "--budget-abs must be a positive cost, not '%s'", arg);
            return -1;
        }
        a->o.budget_abs = v;
        a->have_abs = 1;
        return 0;
    case OPT_COUNT:
        return cli_parse_count(c, "--count", arg, 1, 100000000, &a->o.count);
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
        if (cli_parse_flops(c, "--flops", arg, 0, &v) != 0)
            return -1;
        a->o.target_z = log10(v);
        a->have_flops = 1;
        return 0;
    case OPT_LAMBDA:
        if ((st = cli_parse_double(c, "--lambda", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v >= 0)) {
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

/* A pick's cost in the header's decimals (dec) and its own notation, as
 * the sampler pane writes it: the header's powers of ten, which a large
 * pool's cost brings, wrote 405 as "4.0e+02" and 1.25 as "1.2e+00". */
static void put_pick(cli_out *o, const cs_dataset *ds, const cs_pick *p, int dec)
{
    char date[16], cost_fmt[16];
    cli_out_record(o);
    cli_out_int(o, "rank", (long long)p->rank);
    cli_out_str(o, "model", ds->model[p->row]);
    cs_cost_format(dec, !isfinite(p->cost) || fabs(p->cost) >= CS_COST_POWERS_FROM, cost_fmt, sizeof cost_fmt);
    cli_out_num(o, "cost", p->cost, cost_fmt);
    cli_out_num(o, "z", p->z, "%.3f");
    cli_out_num(o, "flops", ds->flops[p->row], "%.3g");
    cli_out_num(o, "gain", p->gain, "%.3g");
    cli_out_str(o, "why", p->why);
    /* An empty cell is a missing value, as a file without the column is. */
    const char *base = ds->base_model ? ds->base_model[p->row] : NULL;
    cli_out_str(o, "base_model", base && base[0] ? base : NULL);
    if (ds->date[p->row] == CS_NO_DATE)
        cli_out_null(o, "date");
    else
        cli_out_str(o, "date", cs_format_date(ds->date[p->row], date, sizeof date));
}

/* The candidates as cs_design_run sees them (cs_design_candidates, the one
 * rule): how many, how many of them lack a cost (so cannot be picked), the
 * least cost among the others (INFINITY when none has one), and how many
 * rows of the pool were left out as later rows of a repeated name. */
typedef struct candidates {
    size_t n, costless, repeats;
    double cheapest;
} candidates;

static void count_candidates(const cs_dataset *ds, const cs_design_opts *o, candidates *cand)
{
    cand->n = 0;
    cand->costless = 0;
    cand->repeats = 0;
    cand->cheapest = INFINITY;
    unsigned char *is = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!is)
        return;
    cand->repeats = cs_design_candidates(ds, o->tasks, o->n_tasks, o->pool, is);
    for (size_t i = 0; i < ds->n_rows; i++) {
        cand->n += is[i];
        if (is[i] && ds->has_cost[i] && ds->cost[i] < cand->cheapest)
            cand->cheapest = ds->cost[i];
    }
    cand->costless = cs_design_costless(ds, is);
    free(is);
}

/* An option the chosen design does not read is worth a word: the user
 * expects it to change the picks. */
static void warn_unused_options(cs_cli *c, const suggest_run *a)
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

/* A budget, a count or both: what stops the picking. */
static int check_budget(const cs_cli *c, const suggest_run *a)
{
    if (a->have_fraction && a->have_abs)
        return cli_usage_error(c, "give --budget or --budget-abs, not both");
    if (!a->have_fraction && !a->have_abs && a->o.count == 0)
        return cli_usage_error(c, "give --budget FRACTION, --budget-abs COST or --count N");
    return 0;
}

/* The paper's design reads no score: a new benchmark with none yet is
 * what it is for. The fitted prior needs a fit of every task, and
 * cli_fit_task says so, pointing to the paper's design. */
static int load_data(cs_cli *c)
{
    c->sparse_tasks = 1;
    c->fit_hint = " (--prior paper designs without a fit)";
    return cli_load(c);
}

static int choose_tasks(cs_cli *c, suggest_run *a)
{
    if (!(a->tasks = malloc(c->ds->n_tasks * sizeof *a->tasks)))
        return cli_out_of_memory(); /* status 1 without a word otherwise */
    size_t nt = cli_tasks(c, a->tasks);
    if (nt > CS_DESIGN_MAX_CRITERIA)
        return cli_usage_error(c, "at most %d tasks at once (name some with --task)", CS_DESIGN_MAX_CRITERIA);
    a->o.tasks = a->tasks;
    a->o.n_tasks = nt;
    return 0;
}

/* Fitted here so that the fit options and --since/--until apply;
 * weighted, since the scored rows may be this sampler's picks. */
static int fit_prior(cs_cli *c, suggest_run *a)
{
    size_t nt = a->o.n_tasks;
    c->design_weights = 1;
    if (!(a->fits = malloc(nt * sizeof *a->fits)))
        return cli_out_of_memory();
    /* The weights' strata and groups hold no score: built once for every
     * task's fit and the design (at a million rows, 0.2 s a build). */
    cs_error err;
    memset(&err, 0, sizeof err);
    if (!(a->layout = cs_design_layout_new(c->ds, NULL, NULL, &err)))
        return cli_fail(&err);
    c->layout = a->layout;
    a->o.layout = a->layout;
    int status = 0;
    cli_progress pg;
    cli_progress_start(&pg, c, "");
    for (size_t k = 0; k < nt && status == 0; k++) {
        snprintf(pg.what, sizeof pg.what, "fitting the prior, task %zu of %zu", k + 1, nt);
        cli_progress_show(&pg, 0, 0);
        status = cli_fit_task(c, a->tasks[k], &a->fits[k]);
    }
    cli_progress_done(&pg);
    if (status == 0)
        a->o.fits = a->fits;
    return status;
}

static void warn_about_candidates(cs_cli *c, const candidates *cand, size_t n_tasks)
{
    /* One cause, one line: with no cost anywhere the count of rows without
     * one and "nothing can be picked" were two messages about the same
     * missing column, and only the second said what to do. */
    if (cand->costless && cand->costless == cand->n)
        cli_warn(c, "warning: no candidate has a cost (%zu row%s), so none can be picked (name "
                    "the cost column with --config, see capscope-config(5))",
                 cand->n, cand->n == 1 ? "" : "s");
    else if (cand->costless)
        cli_warn(c, "warning: %zu candidate row%s without a cost cannot be picked", cand->costless,
                 cand->costless == 1 ? "" : "s");
    /* A later row of a repeated name is unscored while its name's first
     * row is scored: "every row is scored" would be false there. */
    if (cand->n == 0 && cand->repeats)
        cli_warn(c, "note: the %zu unscored row%s on the task%s asked for repeat%s an earlier model name"
                    " whose first row is scored, and suggest offers only a name's first row, so there"
                    " is nothing to suggest (--pool all replays the design over all rows)",
                 cand->repeats, cand->repeats == 1 ? "" : "s", n_tasks == 1 ? "" : "s",
                 cand->repeats == 1 ? "s" : "");
    else if (cand->n == 0)
        cli_warn(c, "note: every row is scored on the task%s asked for, so there is nothing to "
                    "suggest (--pool all replays the design over all rows)",
                 n_tasks == 1 ? "" : "s");
}

static int run_design(cs_cli *c, const cs_design_opts *opts, cs_design_result *r)
{
    cs_design_opts o = *opts;
    cs_error err;
    memset(&err, 0, sizeof err);
    cli_progress pg;
    cli_progress_start(&pg, c, "picked");
    snprintf(pg.what, sizeof pg.what, "%s", o.prior == CS_PRIOR_PAPER ? "the paper's design" : "the sampler");
    o.progress = cli_progress_cb;
    o.progress_ctx = &pg;
    int rc = cs_design_run(c->ds, &o, r, &err);
    cli_progress_done(&pg);
    return rc != 0 ? cli_fail(&err) : 0;
}

/* No pick is no failure, but the user asked for some: say why. */
static void say_why_none_picked(cs_cli *c, const cs_design_result *r, const candidates *cand)
{
    /* (With no candidate that has a cost, warn_about_candidates said so.) */
    if (r->n_picks == 0 && cand->n > cand->costless)
        cli_warn(c, "note: nothing fits the budget of %.4g: the cheapest candidate costs %.4g",
                 r->budget, cand->cheapest);
}

static int write_picks(cs_cli *c, const cs_design_opts *opts, const cs_design_result *r)
{
    cli_out *o = cli_out_new("picked");
    cli_out_columns(o, pick_columns);
    /* The table's header by the sampler pane's rule (costtext.h): one
     * notation and the budget's decimals for all three; "%.1f" wrote a
     * budget of 0.05 as "0.1" beside "used: 0.0". The cost column in
     * those decimals too, as the pane's: "%.4g" wrote 0.5, 2 and 27 under
     * "used: 87.0". */
    const double figures[] = { r->budget, r->used, r->pool_cost };
    char fmt[16];
    int dec = cs_cost_decimals(r, 0);
    cs_cost_format(dec, cs_cost_powers(figures, 3), fmt, sizeof fmt);
    cli_out_num(o, "budget", r->budget, fmt); /* INFINITY (no budget) prints null */
    cli_out_num(o, "used", r->used, fmt);
    cli_out_num(o, "pool_cost", r->pool_cost, fmt);
    cli_out_str(o, "pool", opts->pool == CS_POOL_ALL ? "all" : "unscored");
    cli_out_str(o, "prior", opts->prior == CS_PRIOR_FIT ? "fit" : "paper");
    cli_out_int(o, "n_picked", (long long)r->n_picks);
    /* The picks are all made: written as they are added, a million of them
     * never wait in memory as text (the table's widths still want them). */
    cli_stream(c, o);
    for (size_t i = 0; i < r->n_picks; i++)
        put_pick(o, c->ds, &r->picks[i], dec);
    int status = cli_emit(c, o);
    cli_out_free(o);
    return status;
}

/* The design over the candidates, and its picks written out. */
static int suggest(cs_cli *c, const cs_design_opts *opts)
{
    candidates cand;
    count_candidates(c->ds, opts, &cand);
    warn_about_candidates(c, &cand, opts->n_tasks);
    cs_design_result r;
    int status = run_design(c, opts, &r);
    if (status != 0)
        return status;
    say_why_none_picked(c, &r, &cand);
    status = write_picks(c, opts, &r);
    cs_design_result_free(&r);
    return status;
}

static void suggest_run_free(cs_cli *c, suggest_run *a)
{
    free(a->tasks);
    free(a->fits);
    c->layout = NULL;
    cs_design_layout_free(a->layout);
}

int cmd_suggest(int argc, char **argv)
{
    cs_cli c;
    cli_init(&c, "suggest");
    suggest_run a;
    memset(&a, 0, sizeof a);
    cs_design_opts_init(&a.o);
    int status = cli_parse(&c, argc, argv, suggest_options, suggest_option, &a, suggest_help);
    if (status >= 0)
        return cli_finish(&c, status);
    status = check_budget(&c, &a);
    if (status == 0) {
        warn_unused_options(&c, &a);
        status = load_data(&c);
    }
    if (status == 0)
        status = choose_tasks(&c, &a);
    if (status == 0 && a.o.prior == CS_PRIOR_FIT)
        status = fit_prior(&c, &a);
    if (status == 0)
        status = suggest(&c, &a.o);
    suggest_run_free(&c, &a);
    return cli_finish(&c, status);
}
