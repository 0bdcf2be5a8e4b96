/* capscope fit | predict | require: the boundary itself, and the two
 * questions it answers (accuracy at a compute; compute for an accuracy). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "cli/cli.h"

#define FIT_OPTIONS_HELP \
    "      --data FILE       CSV with a header row ('-' = standard input); default:\n" \
    "                        the demo data\n" \
    "      --config FILE     YAML mapping of column roles (see capscope-config(5))\n" \
    "      --tau T           quantile level (default 0.98)\n" \
    "      --kappa K         smoothing of the pinball loss, 1 to 1e6 (default 50)\n" \
    "      --lambda-b L      ridge penalty on the slope b (default 0.001)\n" \
    "      --since DATE      only rows dated on or after DATE (YYYY-MM-DD)\n" \
    "      --until DATE      only rows dated on or before DATE\n" \
    "      --design-weights  weigh each scored row by the unscored rows of its group\n" \
    "                        (its base model at its compute) it stands for: the fit\n" \
    "                        of the whole file, estimated from rows picked by\n" \
    "                        capscope suggest\n" \
    "      --format FMT      table (default), json or csv\n" \
    "      --quiet           no warnings, notes or progress on stderr\n" \
    "      --help            this help\n"

static const char fit_help[] =
    "Usage: capscope fit [--data FILE] [--task NAME]... [OPTIONS]\n"
    "\n"
    "Fit the capability boundary of each task: the tau-quantile of accuracy against\n"
    "z = log10(pretraining FLOPs), q(z) = y0 + L * sigmoid(b * (z - z_star)), with\n"
    "0 <= y0, 0 <= L, y0 + L <= 1, z_star in the data's z range, 0.05 <= b <= 50,\n"
    "by minimising the objective\n"
    "  J = (1/n) sum_i rho_kappa(y_i - q(z_i)) + lambda_b * b^2,\n"
    "  rho_kappa(u) = softplus(kappa * u) / kappa + (tau - 1) * u\n"
    "(a smoothed pinball loss). Prints n, the parameters, J at them (objective) and\n"
    "the in-sample coverage (the fraction of rows on or below the boundary), and\n"
    "is_error, the macro mean over equal-mass bins of z (10, of at least 30 rows,\n"
    "never splitting one compute) of |hat_tau - tau|, hat_tau being a bin's\n"
    "fraction on or below the boundary (JSON and CSV: also is_micro, weighted by\n"
    "the bins' rows, and is_signed, the mean of hat_tau - tau).\n"
    "Scores entered in the TUI or with capscope score (the data file's journal,\n"
    "FILE.journal) count, as in suggest.\n"
    "\n"
    "Options:\n"
    "      --task NAME       a task column (repeatable); default: every task column\n" FIT_OPTIONS_HELP;

/* The most --flops or --accuracy values one command takes: as many as
 * anyone types, and a fixed array (the help says the number). */
#define MAX_VALUES 256
#define STR_(x) #x
#define STR(x) STR_(x)

/* predict and require answer for one task */
#define ONE_TASK_HELP \
    "      --task NAME       the task (needed unless the data has a single task)\n"

static const char predict_help[] =
    "Usage: capscope predict --task NAME --flops X [--flops X2]... [OPTIONS]\n"
    "\n"
    "The boundary's accuracy q at each pretraining compute X (absolute FLOPs,\n"
    "e.g. 1e24). Compute outside the fitted data's range is evaluated at the\n"
    "nearest end (the boundary is not extrapolated); such rows are marked\n"
    "\"clamped\". (require follows the curve past the data instead, marked\n"
    "\"extrapolated\".)\n"
    "\n"
    "Options:\n"
    "      --flops X         pretraining compute in FLOPs (repeatable: at least one,\n"
    "                        at most " STR(MAX_VALUES) ")\n" ONE_TASK_HELP \
    FIT_OPTIONS_HELP;

static const char require_help[] =
    "Usage: capscope require --task NAME --accuracy A [OPTIONS]\n"
    "\n"
    "The least pretraining compute at which the boundary reaches accuracy A. Not\n"
    "reachable (flops null) when A is at or above the boundary's ceiling y0 + L\n"
    "(and not already reached: a flat boundary, L = 0, reaches its own).\n"
    "A compute beyond the largest fitted model is marked \"extrapolated\": the curve\n"
    "is followed past the data, where predict holds q at the largest fitted compute.\n"
    "When the smallest fitted model already reaches A, its compute is given.\n"
    "\n"
    "Options:\n"
    "      --accuracy A      target accuracy in [0, 1] (repeatable, at most " STR(MAX_VALUES) ":\n"
    "                        several give a list, \"requirements\" in JSON)\n" ONE_TASK_HELP
    FIT_OPTIONS_HELP;

enum { OPT_FLOPS = CLI_OPT_FIRST_LOCAL, OPT_ACCURACY, OPT_DESIGN_WEIGHTS };

typedef struct values {
    const char *name;
    double v[MAX_VALUES];
    size_t n;
} values;

static int in_unit(double x)
{
    return x >= 0 && x <= 1;
}

static int add_value(cs_cli *c, void *ctx, int opt, const char *arg)
{
    values *vals = ctx;
    double x;
    if (opt == OPT_DESIGN_WEIGHTS) {
        c->design_weights = 1;
        return 0;
    }
    if (opt != OPT_FLOPS && opt != OPT_ACCURACY)
        return -1;
    if (vals->n == MAX_VALUES) {
        cli_usage_error(c, "at most %d --%s values", MAX_VALUES, vals->name);
        return -1;
    }
    if (opt == OPT_FLOPS) {
        if (cli_parse_flops(c, "--flops", arg, 1, &x) != 0)
            return -1;
    } else {
        int st = cli_parse_double(c, "--accuracy", arg, &x);
        if (st < 0)
            return -1;
        if (st != 0 || !in_unit(x)) {
            if (!cli_refuse_list(c, "--accuracy", arg, 1, in_unit)) {
                char hint[320];
                cli_usage_error(c, "--accuracy must be a number in [0, 1], not '%s'%s", arg,
                                cs_fraction_hint(arg, 0, hint, sizeof hint));
            }
            return -1;
        }
    }
    vals->v[vals->n++] = x;
    return 0;
}

static void put_fit(cli_out *o, const cs_fit *f)
{
    cli_out_int(o, "n", (long long)f->n);
    cli_out_num_given(o, "tau", f->tau);
    cli_out_num(o, "kappa", f->kappa, "%g");
    cli_out_num(o, "lambda_b", f->lambda_b, "%g");
    cli_out_num(o, "y0", f->p.y0, "%.4f");
    cli_out_num(o, "L", f->p.L, "%.4f");
    cli_out_num(o, "z_star", f->p.z_star, "%.3f");
    cli_out_num(o, "b", f->p.b, "%.4f");
    cli_out_num(o, "objective", f->objective, "%.7f");
    cli_out_num(o, "coverage", f->coverage, "%.4f");
}

int cmd_fit(int argc, char **argv)
{
    static const struct option local[] = {
        { "design-weights", no_argument, NULL, OPT_DESIGN_WEIGHTS },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "fit");
    values none = { .name = "" };
    int status = cli_parse(&c, argc, argv, local, add_value, &none, fit_help);
    if (status >= 0 || (status = cli_load(&c)) != 0)
        goto out;
    size_t *tasks = malloc(c.ds->n_tasks * sizeof *tasks);
    if (!tasks) { /* an empty "fits" with status 0 otherwise */
        status = cli_out_of_memory();
        goto out;
    }
    size_t nt = cli_tasks(&c, tasks);
    cli_out *o = cli_out_new("fits");
    cli_progress pg;
    cli_progress_start(&pg, &c, "");
    cs_textwidth *tw = cs_textwidth_open(); /* a name cut at 60 columns of whole characters, not 60 bytes */
    for (size_t i = 0; i < nt && status == 0; i++) {
        cs_fit f;
        const char *name = c.ds->tasks[tasks[i]].name;
        snprintf(pg.what, sizeof pg.what, "task %zu of %zu (%.*s)", i + 1, nt, (int)cs_text_prefix(tw, name, 60, 64),
                 name);
        cli_progress_show(&pg, 0, 0);
        cs_coverage judged;
        status = cli_fit_task_judged(&c, tasks[i], &f, &judged);
        if (status != 0)
            break;
        cli_out_record(o);
        cli_out_str(o, "task", c.ds->tasks[tasks[i]].name);
        put_fit(o, &f);
        /* In sample as splits judges a period's fit (method.md, section 4),
         * so that a fit of all rows is judged as the paper's is. */
        cli_out_num(o, "is_error", judged.macro, "%.4f");
        if (c.format != CLI_FORMAT_TABLE) {
            cli_out_num(o, "is_micro", judged.micro, "%.4f");
            cli_out_num(o, "is_signed", judged.signed_mean, "%+.4f");
        }
        cli_out_int(o, "bins", (long long)judged.n_bins);
        cli_out_num(o, "z_min", f.z_min, "%.3f");
        cli_out_num(o, "z_max", f.z_max, "%.3f");
    }
    cli_progress_done(&pg);
    cs_textwidth_close(tw);
    if (status == 0)
        status = cli_emit(&c, o);
    cli_out_free(o);
    free(tasks);
out:
    return cli_finish(&c, status);
}

/* The single task predict and require work on: exactly one --task, or a data
 * set with a single task. */
static int one_task(cs_cli *c, size_t *task)
{
    if (c->ds->n_tasks != 1) {
        /* The names, not just their number: the next command needs one.
         * Listed as an unknown --task lists them (namelist.h), so that the
         * count of the rest is never cut off by long names. */
        char names[512], path[256];
        cs_namelist l;
        cs_namelist_init(&l, "", CS_NAMES_LISTED, names, sizeof names);
        for (size_t t = 0; t < c->ds->n_tasks; t++)
            cs_namelist_add(&l, c->ds->tasks[t].name);
        /* The path shortened too: one of 800 bytes pushed the list's end
         * past the message's 1200. */
        return cli_usage_error(c, "name one task with --task (%zu tasks in %s: %s)", c->ds->n_tasks,
                               c->data_path ? cs_quote_short(c->data_path, path, sizeof path) : "the demo data",
                               cs_namelist_end(&l));
    }
    *task = 0;
    return 0;
}

/* Parse, load and fit the one task. Returns 1 when there is a fit to
 * report, else 0 with *status set (0 after --help, or the error's). */
static int fit_one(cs_cli *c, int argc, char **argv, const struct option *local, values *vals,
                   const char *help, size_t *task, cs_fit *f, int *status)
{
    if ((*status = cli_parse(c, argc, argv, local, add_value, vals, help)) >= 0)
        return 0;
    if (c->n_task_names > 1)
        *status = cli_usage_error(c, "name exactly one --task");
    else if (vals->n == 0)
        *status = cli_usage_error(c, "give at least one --%s", vals->name);
    else if ((*status = cli_load(c)) == 0 && (*status = one_task(c, task)) == 0)
        *status = cli_fit_task(c, *task, f);
    return *status == 0;
}

int cmd_predict(int argc, char **argv)
{
    static const struct option local[] = {
        { "flops", required_argument, NULL, OPT_FLOPS },
        { "design-weights", no_argument, NULL, OPT_DESIGN_WEIGHTS },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "predict");
    values vals = { .name = "flops" };
    size_t t;
    cs_fit f;
    int status;
    if (fit_one(&c, argc, argv, local, &vals, predict_help, &t, &f, &status)) {
        cli_out *o = cli_out_new("predictions");
        cli_out_str(o, "task", c.ds->tasks[t].name);
        for (size_t i = 0; i < vals.n; i++) {
            double z = log10(vals.v[i]);
            cli_out_record(o);
            cli_out_num(o, "flops", vals.v[i], "%.3g");
            cli_out_num(o, "z", z, "%.3f");
            cli_out_num(o, "q", cs_fit_predict(&f, z), "%.4f");
            cli_out_bool(o, "clamped", z < f.z_min || z > f.z_max);
        }
        status = cli_emit(&c, o);
        cli_out_free(o);
    }
    return cli_finish(&c, status);
}

/* The least compute among the rows task t was fitted on: what require gives
 * when that compute already reaches the accuracy. 10^z_min would not do: it
 * reads back as 1.2275639999999986e+21 for a file's 1.227564e+21. NAN when
 * the rows cannot be gathered (no memory). */
static double least_fitted_flops(const cs_cli *c, size_t t)
{
    const cs_dataset *ds = c->ds;
    size_t cap = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(cap * sizeof *z), *y = malloc(cap * sizeof *y);
    size_t *rows = malloc(cap * sizeof *rows);
    double least = NAN;
    if (z && y && rows) {
        size_t n = cli_task_xy(c, t, z, y, rows);
        for (size_t i = 0; i < n; i++)
            if (!(ds->flops[rows[i]] >= least))
                least = ds->flops[rows[i]];
    }
    free(z);
    free(y);
    free(rows);
    return least;
}

int cmd_require(int argc, char **argv)
{
    static const struct option local[] = {
        { "accuracy", required_argument, NULL, OPT_ACCURACY },
        { "design-weights", no_argument, NULL, OPT_DESIGN_WEIGHTS },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "require");
    values vals = { .name = "accuracy" };
    size_t t;
    cs_fit f;
    int status;
    if (fit_one(&c, argc, argv, local, &vals, require_help, &t, &f, &status)) {
        /* One accuracy: the contract's flat object. Several: a list. */
        cli_out *o = cli_out_new(vals.n > 1 ? "requirements" : NULL);
        double least = least_fitted_flops(&c, t);
        cli_out_str(o, "task", c.ds->tasks[t].name);
        for (size_t i = 0; i < vals.n; i++) {
            double z = NAN;
            int r = cs_fit_require(&f, vals.v[i], &z);
            if (vals.n > 1)
                cli_out_record(o);
            cli_out_num_given(o, "accuracy", vals.v[i]);
            cli_out_bool(o, "reachable", r != CS_UNREACHABLE);
            if (r == CS_UNREACHABLE) {
                cli_out_null(o, "flops");
                cli_out_null(o, "z");
            } else {
                if (r == CS_REACHED_AT_MIN && log10(least) == z)
                    cli_out_num(o, "flops", least, "%.3g");
                else
                    cli_out_pow10(o, "flops", z, 3);
                cli_out_num(o, "z", z, "%.3f");
            }
            cli_out_bool(o, "extrapolated", r == CS_EXTRAPOLATED);
            cli_out_bool(o, "reached_at_min", r == CS_REACHED_AT_MIN);
            /* 4 decimals, or as many as tell the ceiling from the
             * accuracy asked (cs_decimals_apart) */
            char ceiling_fmt[8];
            snprintf(ceiling_fmt, sizeof ceiling_fmt, "%%.%df",
                     cs_decimals_apart(f.p.y0 + f.p.L, vals.v[i], 4, 10));
            cli_out_num(o, "ceiling", f.p.y0 + f.p.L, ceiling_fmt);
        }
        status = cli_emit(&c, o);
        cli_out_free(o);
    }
    return cli_finish(&c, status);
}
