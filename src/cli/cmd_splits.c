/* capscope splits: fit on one period, judge on the next (method.md, 4-5).
 *
 * Three views of the same runs: one record per split and task (default),
 * the per-bin coverage table (--bins), and how far the boundary moved from
 * one period to the next (--drift).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/date.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/split.h"
#include "cli/cli.h"

static const char splits_help[] =
    "Usage: capscope splits [--data FILE] [--task NAME]... [--scheme SCHEME]\n"
    "                       [OPTIONS]\n"
    "\n"
    "Chronological validation of the capability boundary. Each split fits the\n"
    "boundary on one period's models and judges it on the next period's: in sample\n"
    "on equal-mass bins of the training compute, out of sample on the later models.\n"
    "Errors are |hat_tau - tau| per bin, where hat_tau is the fraction of models on\n"
    "or below the boundary: is_error/oos_error are the macro means over bins,\n"
    "*_micro the means weighted by bin size, *_signed the mean of hat_tau - tau. A\n"
    "negative oos_signed means newer models beat the old boundary: the boundary\n"
    "advanced. oos_n counts the validation rows judged: train-overlap bins end\n"
    "where the training compute does, and a note counts the rows beyond it. Rows\n"
    "without a date, or dated outside the scheme's periods (period4 ends on\n"
    "2025-03-31), are in no split (a note counts them); a --since/--until range\n"
    "without a dated row is an input error, as is a scheme whose periods hold no\n"
    "dated row (use cut dates or rolling windows for later data). JSON and CSV\n"
    "give each period's first and last days (null: open), narrowed to\n"
    "--since/--until.\n"
    "\n"
    "Schemes:\n"
    "  period4            P1 <= 2024-06-30 < P2 <= 2024-09-30 < P3 <= 2024-12-31\n"
    "                     < P4 <= 2025-03-31;\n"
    "                     split k trains on P_k and validates on P_k+1 (default)\n"
    "  year               train before 2025-01-01, validate on 2025\n"
    "  D1,D2,...          periods (-inf, D1), [D1, D2), ..., [Dn, inf)\n"
    "                     (dates YYYY-MM-DD)\n"
    "  period4:D1,D2,D3   period4 with its cuts moved (likewise year:D)\n"
    "  rolling:W,H,S      train on W months, validate on the next H, cut every S\n"
    "                     months, from the first of the month of the first dated row\n"
    "                     within --since/--until\n"
    "\n"
    "Options:\n"
    "      --scheme SCHEME   the periods (default period4)\n"
    "      --split K         only split K (1-based)\n"
    "      --oos-bins MODE   train-overlap (training bins clipped to the overlap of\n"
    "                        the training and validation compute; default) or\n"
    "                        test-fixed (fresh equal-mass bins on the validation\n"
    "                        compute)\n"
    "      --n-bins N        equal-mass bins to aim for (default 10); a bin never\n"
    "                        splits models of one compute, so fewer is normal\n"
    "      --min-bin N       least rows per bin; smaller bins are merged\n"
    "                        (default 30)\n"
    "      --bins            print the per-bin table instead (edges, n, hat_tau)\n"
    "      --drift           print how the boundary moved between consecutive\n"
    "                        periods: dq at fixed compute (where both periods have\n"
    "                        data) and dz, the change of log10 compute needed for\n"
    "                        one accuracy\n"
    "      --drift-flops X   a compute level for --drift (repeatable;\n"
    "                        default 1e23 1e24 1e25; columns named by the value as\n"
    "                        given, dq_1e24; no repeats)\n"
    "      --drift-accuracy A  the accuracy for dz (default: the earlier boundary's\n"
    "                        accuracy in the middle of the shared compute range)\n"
    "      --data FILE       CSV with a header row ('-' = standard input); default:\n"
    "                        the demo data\n"
    "      --config FILE     YAML mapping of column roles (see capscope-config(5))\n"
    "      --task NAME       a task column (repeatable); default: every task column\n"
    "      --tau T           quantile level (default 0.98)\n"
    "      --kappa K         smoothing of the pinball loss, 1 to 1e6 (default 50)\n"
    "      --lambda-b L      ridge penalty on the slope b (default 0.001)\n"
    "      --since DATE      leave out rows dated before DATE\n"
    "      --until DATE      leave out rows dated after DATE\n"
    "      --format FMT      table (default), json or csv\n"
    "      --quiet           no warnings, notes or progress on stderr\n"
    "      --help            this help\n";

enum {
    OPT_SCHEME = CLI_OPT_FIRST_LOCAL, OPT_SPLIT, OPT_OOS_BINS, OPT_N_BINS, OPT_MIN_BIN,
    OPT_BINS, OPT_DRIFT, OPT_DRIFT_FLOPS, OPT_DRIFT_ACCURACY
};

typedef enum view { VIEW_SPLITS, VIEW_BINS, VIEW_DRIFT } view;

typedef struct splits_args {
    const char *scheme;
    size_t split;            /* 0: all */
    cs_split_opts opts;
    view view;
    double levels[CS_DRIFT_MAX_LEVELS]; /* log10 FLOPs */
    double flops[CS_DRIFT_MAX_LEVELS];  /* the same as given, for the column names */
    size_t n_levels;
    double accuracy;         /* NaN: automatic */
} splits_args;

static int splits_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    splits_args *a = ctx;
    double x;
    switch (opt) {
    case OPT_SCHEME:
        a->scheme = arg;
        return 0;
    case OPT_SPLIT:
        return cli_parse_count(c, "--split", arg, 1, CS_MAX_CUTS + 1, &a->split);
    case OPT_OOS_BINS:
        if (cs_oos_bins_parse(arg, &a->opts.oos_bins) == 0)
            return 0;
        cli_usage_error(c, "--oos-bins must be train-overlap or test-fixed, not '%s'", arg);
        return -1;
    case OPT_N_BINS:
        return cli_parse_count(c, "--n-bins", arg, 1, CS_MAX_BINS, &a->opts.bins);
    case OPT_MIN_BIN:
        return cli_parse_count(c, "--min-bin", arg, 1, 1000000000, &a->opts.min_bin);
    case OPT_BINS:
    case OPT_DRIFT:
        if (a->view != VIEW_SPLITS) {
            cli_usage_error(c, "--bins and --drift are different views; choose one");
            return -1;
        }
        a->view = opt == OPT_BINS ? VIEW_BINS : VIEW_DRIFT;
        return 0;
    case OPT_DRIFT_FLOPS:
        if (cli_parse_flops(c, "--drift-flops", arg, 1, &x) != 0)
            return -1;
        for (size_t i = 0; i < a->n_levels; i++) {
            if (a->flops[i] == x) {
                cli_usage_error(c, "--drift-flops %s is given twice", arg);
                return -1;
            }
        }
        if (a->n_levels == CS_DRIFT_MAX_LEVELS) {
            cli_usage_error(c, "at most %d --drift-flops values", CS_DRIFT_MAX_LEVELS);
            return -1;
        }
        a->flops[a->n_levels] = x;
        a->levels[a->n_levels++] = log10(x);
        return 0;
    case OPT_DRIFT_ACCURACY: {
        int st = cli_parse_double(c, "--drift-accuracy", arg, &x);
        if (st < 0)
            return -1;
        if (st == 0 && x >= 0 && x <= 1) {
            a->accuracy = x;
            return 0;
        }
        char hint[320];
        cli_usage_error(c, "--drift-accuracy must be a number in [0, 1], not '%s'%s", arg,
                        cs_fraction_hint(arg, 0, hint, sizeof hint));
        return -1;
    }
    default:
        return -1;
    }
}

static void put_date(cli_out *o, const char *key, int32_t day, int is_end)
{
    char buf[16];
    if (day == INT32_MIN || day == INT32_MAX)
        cli_out_null(o, key);
    else /* ranges are [lo, hi): the last day in is hi - 1 */
        cli_out_str(o, key, cs_format_date(is_end ? day - 1 : day, buf, sizeof buf));
}

/* A period as the rows in it were chosen: --since and --until narrow the
 * scheme's [lo, hi), so the first period reads from --since, not from null.
 * A period wholly outside them keeps the scheme's dates (its n is 0). */
static void narrow_period(const cs_cli *c, int32_t lo, int32_t hi, int32_t *from, int32_t *to)
{
    *from = lo;
    *to = hi;
    if (c->since != CS_NO_DATE && c->since > *from)
        *from = c->since;
    if (c->until != CS_NO_DATE && c->until < *to - 1)
        *to = c->until + 1;
    if (*from >= *to) {
        *from = lo;
        *to = hi;
    }
}

static void put_period(cli_out *o, const cs_cli *c, const char *from_key, const char *to_key,
                        int32_t lo, int32_t hi)
{
    int32_t from, to;
    narrow_period(c, lo, hi, &from, &to);
    put_date(o, from_key, from, 0);
    put_date(o, to_key, to, 1);
}

/* The days of a period in words, as put_period gives them: "2024-07-01 to
 * 2024-09-30", "up to 2024-06-30", "from 2030-01-01 on". */
static const char *period_text(const cs_cli *c, int32_t lo, int32_t hi, char *buf, size_t size)
{
    int32_t from, to;
    narrow_period(c, lo, hi, &from, &to);
    char first[16], last[16];
    int open_lo = from == INT32_MIN, open_hi = to == INT32_MAX;
    if (!open_lo)
        cs_format_date(from, first, sizeof first);
    if (!open_hi)
        cs_format_date(to - 1, last, sizeof last);
    if (open_lo && open_hi)
        snprintf(buf, size, "any day");
    else if (open_lo)
        snprintf(buf, size, "up to %s", last);
    else if (open_hi)
        snprintf(buf, size, "from %s on", first);
    else
        snprintf(buf, size, "%s to %s", first, last);
    return buf;
}

/* Whether --since (1) or else --until (2) leaves out part of a split's
 * days, 0 if neither does. */
static int range_cuts(const cs_cli *c, const cs_split_range *range)
{
    if (c->since != CS_NO_DATE && c->since > range->train_lo)
        return 1;
    if (c->until != CS_NO_DATE && c->until < range->val_hi - 1)
        return 2;
    return 0;
}

static void put_split(cli_out *o, const cs_cli *c, const cs_scheme *s, const cs_split_result *r)
{
    int table = c->format == CLI_FORMAT_TABLE;
    const cs_split_range *range = &s->splits[r->k - 1];
    cli_out_record(o);
    cli_out_int(o, "k", (long long)r->k);
    /* A table names each split by its cut, as the interface's drift grid
     * does: k alone says nothing of when, under rolling windows or cut
     * dates of one's own. JSON and CSV give both periods' days instead. */
    if (table)
        put_date(o, "cut", range->val_lo, 0);
    cli_out_str(o, "task", c->ds->tasks[r->task].name);
    if (!table) {
        put_period(o, c, "train_from", "train_to", range->train_lo, range->train_hi);
        put_period(o, c, "val_from", "val_to", range->val_lo, range->val_hi);
    }
    cli_out_int(o, "train_n", (long long)r->train_n);
    cli_out_int(o, "val_n", (long long)r->val_n);
    if (!table)
        cli_out_bool(o, "fitted", r->fitted);
    const cs_fit *f = &r->fit;
    double nan = NAN;
    if (!table) {
        cli_out_num(o, "y0", r->fitted ? f->p.y0 : nan, "%.4f");
        cli_out_num(o, "L", r->fitted ? f->p.L : nan, "%.4f");
    }
    cli_out_num(o, "z_star", r->fitted ? f->p.z_star : nan, "%.3f");
    cli_out_num(o, "b", r->fitted ? f->p.b : nan, "%.4f");
    cli_out_num(o, "objective", r->fitted ? f->objective : nan, "%.7f");
    cli_out_num(o, "is_error", r->is_cov.macro, "%.4f");
    if (!table) {
        cli_out_num(o, "is_micro", r->is_cov.micro, "%.4f");
        cli_out_num(o, "is_signed", r->is_cov.signed_mean, "%+.4f");
    }
    cli_out_num(o, "oos_error", r->oos_cov.macro, "%.4f");
    if (!table)
        cli_out_num(o, "oos_micro", r->oos_cov.micro, "%.4f");
    cli_out_num(o, "oos_signed", r->oos_cov.signed_mean, "%+.4f");
    cli_out_int(o, "bins", (long long)r->is_cov.n_bins);
    /* The bins judged: a bin of the overlap that no validation row falls
     * in is no part of oos_error (--bins still lists it, with n 0). In the
     * table too: bins counts the in-sample bins, and oos_error is a mean
     * over others (fewer under train-overlap where the later models skip a
     * compute range, fresh ones under test-fixed). */
    cli_out_int(o, "oos_bins", (long long)r->oos_cov.n_judged);
    /* In the table too: with train-overlap bins, validation rows outside
     * the training compute are not judged, and val_n alone read as if
     * oos_error were over all of them (115 of 367 left out on
     * oll_reeval.csv with cuts 2024-03-01,2024-09-01). */
    cli_out_int(o, "oos_n", (long long)r->oos_cov.n);
    if (!table)
        cli_out_num(o, "coverage", r->fitted ? f->coverage : nan, "%.4f");
}

static void put_bins(cli_out *o, const cs_cli *c, const cs_split_result *r, const char *set,
                      const cs_coverage *cov, double tau)
{
    for (size_t j = 0; j < cov->n_bins; j++) {
        const cs_bin *b = &cov->bins[j];
        cli_out_record(o);
        cli_out_int(o, "k", (long long)r->k);
        cli_out_str(o, "task", c->ds->tasks[r->task].name);
        cli_out_str(o, "set", set);
        cli_out_int(o, "bin", (long long)(j + 1));
        cli_out_num(o, "z_lo", b->z_lo, "%.3f");
        cli_out_num(o, "z_hi", b->z_hi, "%.3f");
        cli_out_int(o, "n", (long long)b->n);
        double hat = b->n > 0 ? b->hat_tau : NAN;
        cli_out_num(o, "hat_tau", hat, "%.4f");
        cli_out_num(o, "error", fabs(hat - tau), "%.4f");
        cli_out_num(o, "signed", hat - tau, "%+.4f");
    }
}

/* "dq_1e24" for 10^24 FLOPs: the level in the fewest %g digits that read
 * back as the value given, without the exponent's '+', so that distinct
 * levels never share a column name (1e24 and 1.0000001e24 would at %g's
 * six digits). */
static void level_key(char *buf, size_t size, const char *prefix, double flops)
{
    char num[40], clean[40];
    for (int digits = 6; digits <= 17; digits++) {
        double back;
        snprintf(num, sizeof num, "%.*g", digits, flops);
        if (cs_parse_number(num, &back) == CS_NUM_OK && back == flops)
            break;
    }
    size_t j = 0;
    for (size_t i = 0; num[i] && j + 1 < sizeof clean; i++)
        if (num[i] != '+')
            clean[j++] = num[i];
    clean[j] = '\0';
    snprintf(buf, size, "%s_%s", prefix, clean);
}

static void put_drift(cli_out *o, const cs_cli *c, const cs_scheme *s, const cs_drift *d,
                       const splits_args *a)
{
    int table = c->format == CLI_FORMAT_TABLE;
    const cs_split_range *range = &s->splits[d->k - 1];
    cli_out_record(o);
    cli_out_int(o, "k", (long long)d->k);
    if (table) /* as put_split's */
        put_date(o, "cut", range->val_lo, 0);
    cli_out_str(o, "task", c->ds->tasks[d->task].name);
    if (!table) {
        put_period(o, c, "from_start", "from_end", range->train_lo, range->train_hi);
        put_period(o, c, "to_start", "to_end", range->val_lo, range->val_hi);
    }
    cli_out_int(o, "from_n", (long long)d->from_n);
    cli_out_int(o, "to_n", (long long)d->to_n);
    if (!table)
        cli_out_bool(o, "fitted", d->fitted);
    for (size_t i = 0; i < a->n_levels; i++) {
        char key[64];
        double q_from = d->fitted ? d->q_from[i] : NAN, q_to = d->fitted ? d->q_to[i] : NAN;
        if (!table) {
            level_key(key, sizeof key, "q_from", a->flops[i]);
            cli_out_num(o, key, q_from, "%.4f");
            level_key(key, sizeof key, "q_to", a->flops[i]);
            cli_out_num(o, key, q_to, "%.4f");
        }
        level_key(key, sizeof key, "dq", a->flops[i]);
        cli_out_num(o, key, d->fitted ? d->dq[i] : NAN, "%+.4f");
    }
    cli_out_num(o, "accuracy", d->fitted ? d->accuracy : NAN, "%.4f");
    if (!table) {
        cli_out_num(o, "z_from", d->fitted ? d->z_from : NAN, "%.3f");
        cli_out_num(o, "z_to", d->fitted ? d->z_to : NAN, "%.3f");
        cli_out_str(o, "reach_from", d->fitted ? cs_reach_name(d->reach_from) : NULL);
        cli_out_str(o, "reach_to", d->fitted ? cs_reach_name(d->reach_to) : NULL);
    }
    cli_out_num(o, "dz", d->fitted ? d->dz : NAN, "%+.3f");
}

/* The tasks of one split that a note is about, named in one line: a task
 * per line made 20 tasks print 20 notes per split. The first four are
 * named, quoted, in namelist's list (namelist.h), which keeps room for the
 * count of the rest however long the names are. */
typedef struct task_note {
    cs_namelist names; /* writes into list: a task_note is never copied */
    char list[256];
} task_note;

static void note_init(task_note *t)
{
    cs_namelist_init(&t->names, "", 4, t->list, sizeof t->list);
}

static void note_add(task_note *t, const char *name)
{
    /* Shortened before it is quoted, so that the closing quote stays and
     * the quoted name fits namelist's CS_NAMES_SHOWN whole. */
    char shown[CS_NAMES_SHOWN - 2], quoted[CS_NAMES_SHOWN];
    snprintf(quoted, sizeof quoted, "'%s'", cs_quote_short(name, shown, sizeof shown));
    cs_namelist_add(&t->names, quoted);
}

/* "task 'a'" or "3 tasks ('a', 'b', 'c')" or "9 tasks ('a', ..., 'd' and 5 more)".
 * Once per note: it closes the list. */
static const char *note_subject(task_note *t, char *buf, size_t size)
{
    const char *list = cs_namelist_end(&t->names);
    if (t->names.n == 1)
        snprintf(buf, size, "task %s", list);
    else
        snprintf(buf, size, "%zu tasks (%s)", t->names.n, list);
    return buf;
}

/* Run every requested split of every task into o. */
static int run_all(cs_cli *c, const cs_scheme *s, const splits_args *a, cli_out *o)
{
    const cs_dataset *ds = c->ds;
    size_t n = ds->n_rows ? ds->n_rows : 1;
    unsigned char *keep = malloc(n), *train = malloc(n), *val = malloc(n);
    size_t *tasks = malloc((ds->n_tasks ? ds->n_tasks : 1) * sizeof *tasks);
    int status = CS_EXIT_OK;
    cs_error err;
    memset(&err, 0, sizeof err);
    cli_progress pg;
    memset(&pg, 0, sizeof pg);
    if (!keep || !train || !val || !tasks) {
        status = cli_out_of_memory();
        goto done;
    }
    cli_date_mask(c, keep);
    /* The latest dated row in range: a validation period after it is
     * empty whatever the task, which its note says. */
    int32_t latest = CS_NO_DATE;
    for (size_t i = 0; i < ds->n_rows; i++)
        if (keep[i] && ds->date[i] != CS_NO_DATE && (latest == CS_NO_DATE || ds->date[i] > latest))
            latest = ds->date[i];
    size_t nt = cli_tasks(c, tasks);
    /* A task too sparse to fit at all is bad input, as it is to fit: found
     * by auto-detection it would otherwise give splits that are all unfitted
     * (a task named with --task is refused when the data is loaded). */
    for (size_t ti = 0; ti < nt; ti++) {
        size_t m = cs_dataset_task_xy(ds, tasks[ti], keep, NULL, NULL, NULL);
        if (m < CS_MIN_TASK_ROWS) {
            status = cli_too_few_rows(c, tasks[ti], m);
            goto done;
        }
    }
    size_t first = a->split ? a->split : 1;
    size_t last = a->split ? a->split : cs_scheme_n_splits(s);
    cli_progress_start(&pg, c, "");
    for (size_t k = first; k <= last && status == CS_EXIT_OK; k++) {
        cs_split_masks(s, ds, k, train, val);
        for (size_t i = 0; i < n; i++) {
            train[i] &= keep[i];
            val[i] &= keep[i];
        }
        const cs_split_range *range = &s->splits[k - 1];
        task_note no_bin, no_fit, no_val, no_later, no_dz, flat, no_rows, no_dq, one_bin, unjudged;
        unsigned char null_level[CS_DRIFT_MAX_LEVELS] = { 0 };
        note_init(&one_bin);
        note_init(&unjudged);
        /* The first such task's counts and training compute, for the note;
         * the note gives them only when every task it names shares them. */
        size_t unjudged_val = 0, unjudged_out = 0;
        double unjudged_lo = 0.0, unjudged_hi = 0.0;
        int unjudged_same = 1;
        note_init(&no_dq);
        note_init(&no_rows);
        note_init(&no_later);
        note_init(&no_dz);
        note_init(&no_bin);
        note_init(&no_fit);
        note_init(&no_val);
        note_init(&flat);
        double flat_at = 0.0; /* the level of the first flat boundary: the note's, for one task */
        for (size_t ti = 0; ti < nt; ti++) {
            cs_split_result r;
            snprintf(pg.what, sizeof pg.what, "split %zu of %zu, task %zu of %zu", k - first + 1,
                     last - first + 1, ti + 1, nt);
            cli_progress_show(&pg, 0, 0);
            if (cs_split_run_masks(ds, tasks[ti], train, val, &a->opts, NULL, &r, &err) != 0) {
                status = cli_fail(&err);
                break;
            }
            r.k = k;
            /* Not an error (the reference drops such bins too), but an
             * out-of-sample error of null needs its reason said; so does a
             * split with no fit at all. */
            if (r.fitted && r.val_n > 0 && r.oos_cov.n_judged == 0 && a->view != VIEW_DRIFT)
                note_add(&no_bin, ds->tasks[tasks[ti]].name);
            /* Validation rows outside the training compute fall in no
             * train-overlap bin (method.md, section 4): oos_error is over
             * the others, which the user must be told. */
            else if (r.fitted && r.oos_cov.n_judged > 0 && r.oos_cov.n < r.val_n &&
                     a->view != VIEW_DRIFT) {
                size_t out = r.val_n - r.oos_cov.n;
                if (unjudged.names.n == 0) {
                    unjudged_val = r.val_n;
                    unjudged_out = out;
                    unjudged_lo = r.fit.z_min;
                    unjudged_hi = r.fit.z_max;
                } else if (unjudged_val != r.val_n || unjudged_out != out ||
                           unjudged_lo != r.fit.z_min || unjudged_hi != r.fit.z_max) {
                    unjudged_same = 0;
                }
                note_add(&unjudged, ds->tasks[tasks[ti]].name);
            }
            /* A fitted split with an empty validation side (a cut after
             * the task's last dated row) showed null errors without a word. */
            if (r.fitted && r.val_n == 0 && a->view != VIEW_DRIFT)
                note_add(&no_val, ds->tasks[tasks[ti]].name);
            if (!r.fitted && r.train_n + r.val_n > 0)
                note_add(&no_fit, ds->tasks[tasks[ti]].name);
            /* Training rows too few for two bins of --min-bin (or of one
             * compute) make one bin of them all (method.md, as the
             * reference): a coarse judge whose is_error looked like any
             * other. --bins 1 asked for it. */
            if (r.fitted && r.is_cov.n_bins == 1 && a->opts.bins > 1 && a->view != VIEW_DRIFT)
                note_add(&one_bin, ds->tasks[tasks[ti]].name);
            /* A split without a row of the task says so itself (train_n
             * and val_n 0), but not that --since or --until emptied it. */
            if (r.train_n + r.val_n == 0 && range_cuts(c, range))
                note_add(&no_rows, ds->tasks[tasks[ti]].name);
            /* fit's note (cli_fit_task), for a period's fit: flat, and on or
             * above every training score (coverage 1: q is y0 everywhere).
             * musr's first period of oll_reeval is flat at 0.511 above every
             * score, which fit --until 2024-06-30 said and splits did not. */
            if (r.fitted && !(r.fit.p.L > 0) && r.fit.coverage >= 1.0) {
                if (flat.names.n == 0)
                    flat_at = r.fit.p.y0;
                note_add(&flat, ds->tasks[tasks[ti]].name);
            }
            if (a->view == VIEW_SPLITS) {
                put_split(o, c, s, &r);
            } else if (a->view == VIEW_BINS) {
                if (r.fitted) {
                    put_bins(o, c, &r, "in_sample", &r.is_cov, a->opts.fit.tau);
                    put_bins(o, c, &r, "out_of_sample", &r.oos_cov, a->opts.fit.tau);
                }
            } else {
                cs_drift d;
                d.k = k;
                if (cs_split_drift_masks(ds, tasks[ti], train, val, &a->opts,
                                         r.fitted ? &r.fit : NULL, a->levels, a->n_levels,
                                         a->accuracy, &d, &err) != 0) {
                    status = cli_fail(&err);
                    break;
                }
                put_drift(o, c, s, &d, a);
                /* --drift has no oos_error: what it needs is a boundary of
                 * the later period, and both boundaries to reach one accuracy. */
                if (r.fitted && !d.fitted)
                    note_add(&no_later, ds->tasks[tasks[ti]].name);
                else if (d.fitted && isnan(d.dz))
                    note_add(&no_dz, ds->tasks[tasks[ti]].name);
                /* A level outside the compute both periods span has no dq,
                 * which a null said without its reason. */
                int outside = 0;
                for (size_t i = 0; d.fitted && i < a->n_levels; i++)
                    if (isnan(d.dq[i]))
                        null_level[i] = outside = 1;
                if (outside)
                    note_add(&no_dq, ds->tasks[tasks[ti]].name);
            }
        }
        char subject[320];
        if (no_fit.names.n) {
            /* --since may be why: it cut into the training period. */
            char since[80] = "", day[16];
            if (c->since != CS_NO_DATE && c->since > range->train_lo)
                snprintf(since, sizeof since, " (--since %s leaves out its rows before that day)",
                         cs_format_date(c->since, day, sizeof day));
            cli_warn(c, "note: split %zu, %s: fewer than %d training rows%s: not fitted, so the fit "
                        "and its errors are null",
                     k, note_subject(&no_fit, subject, sizeof subject), CS_MIN_TASK_ROWS, since);
        }
        if (no_rows.names.n) {
            char days[64], why[96] = "", day[16];
            if (range_cuts(c, range) == 1)
                snprintf(why, sizeof why, " (--since %s leaves out the rows before it)",
                         cs_format_date(c->since, day, sizeof day));
            else
                snprintf(why, sizeof why, " (--until %s leaves out the rows after it)",
                         cs_format_date(c->until, day, sizeof day));
            cli_warn(c, "note: split %zu, %s: no scored row dated %s%s, so the split is empty: its fit "
                        "and errors are null",
                     k, note_subject(&no_rows, subject, sizeof subject),
                     period_text(c, range->train_lo, range->val_hi, days, sizeof days), why);
        }
        if (one_bin.names.n)
            cli_warn(c, "note: split %zu, %s: the training rows make one bin (fewer than two bins of --min-bin "
                        "%zu, or one compute), so the in-sample errors are judged on one bin of them all",
                     k, note_subject(&one_bin, subject, sizeof subject), a->opts.min_bin);
        if (flat.names.n == 1)
            cli_warn(c, "note: split %zu, %s: the boundary is flat at %.4g (L = 0), on or above every "
                        "training score%s",
                     k, note_subject(&flat, subject, sizeof subject), flat_at,
                     cli_flat_advice(c));
        else if (flat.names.n > 1)
            cli_warn(c, "note: split %zu, %s: the boundaries are flat (L = 0), on or above every "
                        "training score%s",
                     k, note_subject(&flat, subject, sizeof subject), cli_flat_advice(c));
        if (no_val.names.n) {
            char days[64], advice[96] = "";
            if (c->until != CS_NO_DATE && c->until < range->val_lo) {
                char until[16];
                snprintf(advice, sizeof advice, "; --until %s ends before it",
                         cs_format_date(c->until, until, sizeof until));
            } else if (latest != CS_NO_DATE && latest < range->val_lo) {
                char day[16];
                snprintf(advice, sizeof advice, "; the latest row is dated %s: cut before it",
                         cs_format_date(latest, day, sizeof day));
            }
            cli_warn(c, "note: split %zu, %s: no validation row (none dated %s), so the "
                        "out-of-sample errors are null%s",
                     k, note_subject(&no_val, subject, sizeof subject),
                     period_text(c, range->val_lo, range->val_hi, days, sizeof days), advice);
        }
        if (no_later.names.n) {
            char days[64];
            cli_warn(c, "note: split %zu, %s: fewer than %d rows in the later period (%s): no later "
                        "boundary, so the drift is null",
                     k, note_subject(&no_later, subject, sizeof subject), CS_MIN_TASK_ROWS,
                     period_text(c, range->val_lo, range->val_hi, days, sizeof days));
        }
        if (no_dz.names.n)
            cli_warn(c, "note: split %zu, %s: dz is null: a boundary reaches the accuracy already at "
                        "its least compute, or never (below it everywhere); JSON and CSV say which "
                        "(reach_from, reach_to)%s",
                     k, note_subject(&no_dz, subject, sizeof subject),
                     isnan(a->accuracy) ? "; --drift-accuracy A asks about another accuracy" : "");
        if (no_dq.names.n) {
            char keys[CS_DRIFT_MAX_LEVELS * 40] = "";
            size_t len = 0, n_null = 0;
            for (size_t i = 0; i < a->n_levels; i++) {
                if (!null_level[i])
                    continue;
                char key[40];
                level_key(key, sizeof key, "dq", a->flops[i]);
                len += (size_t)snprintf(keys + len, sizeof keys - len, "%s%s", n_null ? ", " : "", key);
                n_null++;
            }
            cli_warn(c, "note: split %zu, %s: %s %s null: outside the compute that the rows of both periods "
                        "span, where the two boundaries are compared",
                     k, note_subject(&no_dq, subject, sizeof subject), keys, n_null == 1 ? "is" : "are");
        }
        if (unjudged.names.n && unjudged_same)
            cli_warn(c, "note: split %zu, %s: %zu of the %zu validation rows %s outside the training "
                        "compute (z %.3f to %.3f), where the train-overlap bins end: oos_error is over "
                        "the other %zu (oos_n); --oos-bins test-fixed judges %s",
                     k, note_subject(&unjudged, subject, sizeof subject), unjudged_out, unjudged_val,
                     unjudged_out == 1 ? "lies" : "lie", unjudged_lo, unjudged_hi, unjudged_val - unjudged_out,
                     unjudged_out == 1 ? "it too" : "them all");
        else if (unjudged.names.n)
            cli_warn(c, "note: split %zu, %s: some validation rows lie outside the training compute, "
                        "where the train-overlap bins end: oos_error is over the oos_n rows within it; "
                        "--oos-bins test-fixed judges them all",
                     k, note_subject(&unjudged, subject, sizeof subject));
        if (no_bin.names.n)
            cli_warn(c, "note: split %zu, %s: no out-of-sample bin (%s), so oos_error is null%s", k,
                     note_subject(&no_bin, subject, sizeof subject),
                     a->opts.oos_bins == CS_OOS_TRAIN_OVERLAP
                         ? "the training and validation compute overlap too little"
                         : "too few validation rows for one",
                     a->opts.oos_bins == CS_OOS_TRAIN_OVERLAP
                         ? "; --oos-bins test-fixed bins the validation compute alone"
                         : "");
    }
done:
    cli_progress_done(&pg);
    free(keep);
    free(train);
    free(val);
    free(tasks);
    return status;
}

/* Dated rows (within --since / --until) before the scheme's first period or
 * after its last are in no split either: period4 ends on 2025-03-31, and a
 * file running to 2026 lost its newest rows without a word. */
static void note_outside(cs_cli *c, const cs_scheme *s)
{
    const cs_dataset *ds = c->ds;
    if (s->n_splits == 0)
        return;
    unsigned char *keep = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!keep)
        return;
    cli_date_mask(c, keep);
    size_t outside[3];
    int32_t span[2];
    cs_scheme_rows_outside(s, ds, keep, outside, span);
    free(keep);
    size_t before = outside[0], after = outside[1];
    int32_t first = span[0], last = span[1];
    char day[16];
    if (before)
        cli_warn(c, "note: %zu row%s dated before %s, where the scheme's first period starts, %s "
                    "in no split",
                 before, before == 1 ? "" : "s", cs_format_date(first, day, sizeof day),
                 before == 1 ? "is" : "are");
    if (after)
        cli_warn(c, "note: %zu row%s dated after %s, where the scheme's last period ends, %s in "
                    "no split; with cut dates of your own (--scheme D1,D2,...) the last period "
                    "has no end",
                 after, after == 1 ? "" : "s", cs_format_date(last - 1, day, sizeof day),
                 after == 1 ? "is" : "are");
    if (outside[2])
        cli_warn(c, "note: %zu row%s dated between the scheme's windows (cut further apart than a window "
                    "and its validation) %s in no split",
                 outside[2], outside[2] == 1 ? "" : "s", outside[2] == 1 ? "is" : "are");
}

int cmd_splits(int argc, char **argv)
{
    static const struct option local[] = {
        { "scheme", required_argument, NULL, OPT_SCHEME },
        { "split", required_argument, NULL, OPT_SPLIT },
        { "oos-bins", required_argument, NULL, OPT_OOS_BINS },
        { "n-bins", required_argument, NULL, OPT_N_BINS },
        { "min-bin", required_argument, NULL, OPT_MIN_BIN },
        { "bins", no_argument, NULL, OPT_BINS },
        { "drift", no_argument, NULL, OPT_DRIFT },
        { "drift-flops", required_argument, NULL, OPT_DRIFT_FLOPS },
        { "drift-accuracy", required_argument, NULL, OPT_DRIFT_ACCURACY },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "splits");
    splits_args a;
    memset(&a, 0, sizeof a);
    a.scheme = "period4";
    cs_split_opts_init(&a.opts);
    a.accuracy = NAN;

    int status = cli_parse(&c, argc, argv, local, splits_option, &a, splits_help);
    if (status >= 0)
        goto out;
    if (a.view != VIEW_DRIFT && (a.n_levels > 0 || !isnan(a.accuracy))) {
        status = cli_usage_error(&c, "--drift-flops and --drift-accuracy go with --drift");
        goto out;
    }
    if (a.n_levels == 0) {
        const double defaults[] = {23, 24, 25}, flops[] = {1e23, 1e24, 1e25};
        memcpy(a.levels, defaults, sizeof defaults);
        memcpy(a.flops, flops, sizeof flops);
        a.n_levels = 3;
    }
    a.opts.fit = c.fit;

    /* A scheme that needs no data is checked before loading any. */
    cs_scheme scheme;
    cs_error err;
    memset(&err, 0, sizeof err);
    if (strncmp(a.scheme, "rolling:", 8) != 0 && cs_scheme_parse(a.scheme, NULL, &scheme, &err)) {
        status = cli_usage_error(&c, "%s", err.msg);
        goto out;
    }
    if ((status = cli_load(&c)) != 0)
        goto out;
    /* Rolling windows are anchored on the rows in --since / --until, so
     * none lies wholly outside them. */
    unsigned char *keep = malloc(c.ds->n_rows ? c.ds->n_rows : 1);
    if (!keep) {
        status = cli_out_of_memory();
        goto out;
    }
    cli_date_mask(&c, keep);
    size_t dated = 0, kept = 0;
    for (size_t i = 0; i < c.ds->n_rows; i++) {
        dated += c.ds->date[i] != CS_NO_DATE;
        kept += c.ds->date[i] != CS_NO_DATE && keep[i];
    }
    int parsed = dated > 0 && kept > 0 ? cs_scheme_parse_kept(a.scheme, c.ds, keep, &scheme, &err)
                                       : 0;
    /* A table dated after period4's or year's fixed end fits in no split:
     * an input error, as a --since/--until range without rows is, rather
     * than a table of empty splits that says success. */
    int32_t span[2], rows[2];
    int misses = dated > 0 && kept > 0 && !parsed && cs_scheme_misses_rows(&scheme, c.ds, keep, span, rows);
    free(keep);
    if (misses) {
        char spanned[48], from[16], to[16];
        cs_error_set(&err, CS_ERR_INPUT, c.data_path ? c.data_path : "demo", 0,
                     "scheme %s: no dated row falls in its periods (%s): the rows are dated %s to %s; give cut "
                     "dates within them (--scheme D1,D2,...) or rolling windows (--scheme rolling:6,3,3)",
                     a.scheme, cs_scheme_span_text(span, spanned, sizeof spanned),
                     cs_format_date(rows[0], from, sizeof from), cs_format_date(rows[1], to, sizeof to));
        status = cli_fail(&err);
        goto out;
    }
    if (dated == 0 || kept == 0) {
        char why[200];
        cs_error_set(&err, CS_ERR_INPUT, c.data_path ? c.data_path : "demo", 0, "%s",
                     dated == 0 ? cs_dataset_undated_why(c.ds, why, sizeof why)
                                : "no row is dated within --since / --until");
        status = cli_fail(&err);
        goto out;
    }
    if (parsed) {
        status = cli_usage_error(&c, "%s", err.msg);
        goto out;
    }
    /* Undated rows belong to no period: every split leaves them out, which
     * train_n and val_n alone would not tell. */
    if (dated < c.ds->n_rows)
        cli_warn(&c, "note: %zu row%s without a date %s in no split", c.ds->n_rows - dated,
                 c.ds->n_rows - dated == 1 ? "" : "s", c.ds->n_rows - dated == 1 ? "is" : "are");
    if (!parsed)
        note_outside(&c, &scheme);
    if (a.split > cs_scheme_n_splits(&scheme)) {
        status = cli_usage_error(&c, "--split %zu: the scheme has %zu split%s", a.split,
                                 cs_scheme_n_splits(&scheme),
                                 cs_scheme_n_splits(&scheme) == 1 ? "" : "s");
        goto out;
    }

    static const char *const lists[] = {"splits", "bins", "drift"};
    cli_out *o = cli_out_new(lists[a.view]);
    char name[CS_MAX_CUTS * 12 + 32];
    cli_out_str(o, "scheme", cs_scheme_name(&scheme, name, sizeof name));
    cli_out_str(o, "oos_bins_mode", cs_oos_bins_name(a.opts.oos_bins));
    cli_out_num_given(o, "tau", a.opts.fit.tau);
    status = run_all(&c, &scheme, &a, o);
    if (status == CS_EXIT_OK)
        status = cli_emit(&c, o);
    cli_out_free(o);
out:
    return cli_finish(&c, status);
}
