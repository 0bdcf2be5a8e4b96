/* What every batch subcommand shares: options, loading, task selection,
 * and turning errors into messages and exit statuses. */
#include "capscope/design.h"
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capscope/demo.h"
#include "capscope/memfile.h"
#include "capscope/journal.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/progress.h"
#include "capscope/textwidth.h"
#include "face/options.h"

const struct option cli_common_options[] = {
    { "data", required_argument, NULL, CLI_OPT_DATA },
    { "config", required_argument, NULL, CLI_OPT_CONFIG },
    { "task", required_argument, NULL, CLI_OPT_TASK },
    { "format", required_argument, NULL, CLI_OPT_FORMAT },
    { "tau", required_argument, NULL, CLI_OPT_TAU },
    { "kappa", required_argument, NULL, CLI_OPT_KAPPA },
    { "lambda-b", required_argument, NULL, CLI_OPT_LAMBDA_B },
    { "since", required_argument, NULL, CLI_OPT_SINCE },
    { "until", required_argument, NULL, CLI_OPT_UNTIL },
    { "quiet", no_argument, NULL, CLI_OPT_QUIET },
    { "help", no_argument, NULL, CLI_OPT_HELP },
    { NULL, 0, NULL, 0 },
};

void cli_init(cs_cli *c, const char *command)
{
    memset(c, 0, sizeof *c);
    c->command = command;
    cs_config_init(&c->cfg);
    c->format = CLI_FORMAT_TABLE;
    cs_fit_opts_init(&c->fit);
    c->since = CS_NO_DATE;
    c->until = CS_NO_DATE;
    c->journal_wait_ms = CLI_JOURNAL_WAIT_S * 1000L;
    /* Diagnostics in the messages are English and numbers use '.', whatever
     * the locale: capscope never calls setlocale in batch mode. */
}

void cli_warn(cs_cli *c, const char *fmt, ...)
{
    if (c->quiet)
        return;
    char fixed[1024], *line = fixed, *whole = NULL;
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(fixed, sizeof fixed, fmt, ap);
    va_end(ap);
    /* A name the data holds may be of any length (score enters one of
     * 3,000 bytes): cut at 1,023 bytes, the message stopped inside it and
     * never said the score or where it was saved. Cut only without memory. */
    if (n >= 0 && (size_t)n >= sizeof fixed && (whole = malloc((size_t)n + 1)) != NULL) {
        vsnprintf(whole, (size_t)n + 1, fmt, again);
        line = whole;
    }
    va_end(again);
    if (n < 0)
        return;
    if (!whole)
        cs_error_end_whole(fixed, n, sizeof fixed);
    /* Warnings quote the data (model names, cells): its control characters
     * are written escaped, as in errors, never sent to the terminal. */
    char *text = NULL;
    size_t len = 0;
    cs_memfile mem;
    FILE *m = cs_memfile_open(&mem);
    if (m) {
        cli_out_put_text(line, m);
        text = cs_memfile_close(m, &mem, &len);
    }
    char *grown = text ? realloc(c->held, c->held_len + len + sizeof "capscope: \n") : NULL;
    if (!grown) { /* no memory to hold it: say it now rather than never */
        termline_clear();
        fputs("capscope: ", stderr);
        cli_out_put_text(line, stderr);
        fputc('\n', stderr);
        free(text);
        free(whole);
        return;
    }
    c->held = grown;
    c->held_len += (size_t)sprintf(c->held + c->held_len, "capscope: %s\n", text);
    free(text);
    free(whole);
}

void cli_progress_start(cli_progress *p, const cs_cli *c, const char *noun)
{
    memset(p, 0, sizeof *p);
    p->command = c->command;
    p->noun = noun;
    p->due_ms = cs_progress_now_ms() + 1000.0 * cs_progress_after();
    termline_begin(&p->line, isatty(STDERR_FILENO) && !c->quiet);
}

void cli_progress_show(cli_progress *p, size_t count, double used)
{
    if (!p->line.enabled || cs_progress_now_ms() < p->due_ms)
        return;
    if (count)
        termline_show(&p->line, "%s: %s (%zu %s, cost %.0f)", p->command, p->what, count, p->noun, used);
    else
        termline_show(&p->line, "%s: %s", p->command, p->what);
}

void cli_progress_cb(void *ctx, size_t count, double used)
{
    cli_progress_show(ctx, count, used);
}

void cli_progress_done(cli_progress *p)
{
    termline_end(&p->line);
}

int cli_finish(cs_cli *c, int status)
{
    /* Notes follow the output they are about: none after a usage error, nor
     * after output that could not be written (the error is the last word).
     * quiet is asked again: a warning of an option's value is held before a
     * --quiet after it on the command line is read. */
    if (c->held && !c->quiet && status != CS_EXIT_USAGE &&
        !(status == CS_EXIT_RUNTIME && ferror(stdout)))
        fputs(c->held, stderr);
    cli_free(c);
    return status;
}

void cli_free(cs_cli *c)
{
    free(c->held);
    c->held = NULL;
    c->held_len = 0;
    cs_journal_close(c->journal); /* and its lock */
    c->journal = NULL;
    free(c->journal_path);
    c->journal_path = NULL;
    cs_dataset_free(c->ds);
    c->ds = NULL;
    cs_config_free(&c->cfg);
}

struct option *cli_options_merge(const struct option *local, struct option *out)
{
    size_t n = 0;
    for (const struct option *o = local; o && o->name; o++)
        out[n++] = *o;
    for (const struct option *o = cli_common_options; o->name; o++)
        out[n++] = *o;
    out[n] = (struct option){ NULL, 0, NULL, 0 };
    return out;
}

/* A number the user wrote as positive that no double holds: 1e400, or
 * 1e-400, which rounds to 0 (cs_number_beyond, the TUI's rule too). Either
 * is refused as that: a range like "must be positive" or "in (0, 1]" would
 * send the user looking for a sign or a misplaced point. 1 after the usage
 * error (unit, e.g. " FLOPs", after the bound), else 0: a negative one is
 * left to the option's own range, which takes none below 0. */
static int refuse_beyond_double(cs_cli *c, const char *option, const char *arg, const char *unit)
{
    char buf[96];
    const char *why = cs_number_beyond_why(arg, unit, buf, sizeof buf);
    if (why)
        cli_usage_error(c, "%s '%s' is %s", option, arg, why);
    return why != NULL;
}

/* The grammar of the data's numbers (number.h): blanks around a number are
 * taken on either side, nan, inf and hexadecimal never. -1e-400 is no
 * number either: it would be taken as -0 by a range that takes 0. */
int cli_parse_double(cs_cli *c, const char *option, const char *arg, double *out)
{
    if (refuse_beyond_double(c, option, arg, ""))
        return -1;
    return cs_parse_number_held(arg, out) == 0 ? 0 : 1;
}

/* The items of a list, at most max, as [start, end) offsets into arg; the
 * count of items, or 0 when one is empty ("1e24,,1e25", "1e24,"), which
 * makes arg no list of numbers. */
static size_t list_items(const char *arg, size_t (*span)[2], size_t max)
{
    static const char seps[] = ",; \t";
    size_t n = 0, i = strspn(arg, " \t");
    while (arg[i]) {
        size_t len = strcspn(arg + i, seps);
        if (len == 0 || n == max)
            return 0;
        span[n][0] = i;
        span[n][1] = i + len;
        n++;
        i += len;
        /* Blanks around a comma or semicolon belong to it: "1e24, 1e25". */
        i += strspn(arg + i, " \t");
        if (arg[i] == ',' || arg[i] == ';') {
            i++;
            i += strspn(arg + i, " \t");
            if (!arg[i])
                return 0;
        }
    }
    return n;
}

int cli_refuse_list(cs_cli *c, const char *option, const char *arg, int repeatable,
                    int (*ok)(double))
{
    enum { MAX_ITEMS = 64, SHOWN = 3 };
    size_t span[MAX_ITEMS][2];
    size_t n = list_items(arg, span, MAX_ITEMS);
    if (n < 2)
        return 0;
    for (size_t k = 0; k < n; k++) {
        char item[64];
        size_t len = span[k][1] - span[k][0];
        double v;
        if (len >= sizeof item)
            return 0;
        memcpy(item, arg + span[k][0], len);
        item[len] = '\0';
        if (cs_parse_number_held(item, &v) != 0 || !ok(v))
            return 0;
    }
    char shown[256];
    cs_quote_short(arg, shown, sizeof shown);
    if (!repeatable) {
        cli_usage_error(c, "%s takes one value, not a list ('%s')", option, shown);
        return 1;
    }
    /* The command line the user meant, the first items of it. */
    char again[512];
    size_t used = 0;
    for (size_t k = 0; k < n && k < SHOWN; k++)
        used += (size_t)snprintf(again + used, sizeof again - used, "%s%s %.*s", k ? " " : "",
                                 option, (int)(span[k][1] - span[k][0]), arg + span[k][0]);
    if (n > SHOWN)
        snprintf(again + used, sizeof again - used, " ...");
    cli_usage_error(c, "%s takes one value, not a list ('%s'); repeat it for several: %s",
                    option, shown, again);
    return 1;
}

static int positive_finite(double v)
{
    return v > 0 && isfinite(v);
}

/* A compute outside CS_FLOPS_PLAUSIBLE_TEXT, the range of language models
 * that the data's flops column is held to (dataset.h), was most likely written in
 * log10 or zFLOPs: "--flops 24" asked for 24 FLOPs, which predict clamps to
 * the data's least compute and marks "clamped", no more. Taken, as a data
 * row outside the range is, with the warning the data gets and the value
 * meant when it is a whole z. */
static void warn_implausible_flops(cs_cli *c, const char *option, const char *arg, double v)
{
    if (v >= CS_FLOPS_PLAUSIBLE_MIN && v <= CS_FLOPS_PLAUSIBLE_MAX)
        return;
    char shown[64], meant[96] = "";
    cs_quote_short(arg, shown, sizeof shown);
    if (v >= 15 && v <= 30 && v == floor(v))
        snprintf(meant, sizeof meant, " (z = %.0f is %s 1e%.0f)", v, option, v);
    cli_warn(c, "warning: %s %s is outside " CS_FLOPS_PLAUSIBLE_TEXT ": flops are absolute FLOPs such as 1e24, not log10"
             " or zFLOPs%s", option, shown, meant);
}

int cli_parse_flops(cs_cli *c, const char *option, const char *arg, int repeatable,
                    double *out)
{
    double v = 0;
    cs_num_status st = cs_parse_number(arg, &v);
    if (st == CS_NUM_OK && positive_finite(v)) {
        warn_implausible_flops(c, option, arg, v);
        *out = v;
        return 0;
    }
    if (!refuse_beyond_double(c, option, arg, " FLOPs")
        && !cli_refuse_list(c, option, arg, repeatable, positive_finite)) {
        char hint[64];
        cli_usage_error(c, "%s must be a positive number of FLOPs, not '%s'%s", option, arg,
                        cs_flops_hint(arg, hint, sizeof hint));
    }
    return -1;
}

int cli_parse_count(cs_cli *c, const char *option, const char *arg, size_t lo, size_t hi,
                    size_t *out)
{
    /* The core's one grammar of a count (number.h), which the TUI's counts
     * follow too, in the same words. */
    long long v;
    cs_count_status st = cs_parse_count(arg, (long long)lo, (long long)hi, &v);
    if (st == CS_COUNT_OK) {
        *out = (size_t)v;
        return 0;
    }
    char why[96];
    cli_usage_error(c, "%s '%s' is %s", option, arg,
                    cs_count_why(st, (long long)lo, (long long)hi, why, sizeof why));
    return -1;
}

int cli_usage_error(const cs_cli *c, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    cs_error_end_whole(msg, vsnprintf(msg, sizeof msg, fmt, ap), sizeof msg);
    va_end(ap);
    fprintf(stderr, "capscope: %s: ", c->command);
    cli_out_put_text(msg, stderr);
    fprintf(stderr, " (try 'capscope %s --help')\n", c->command);
    return CS_EXIT_USAGE;
}

static int parse_date_opt(cs_cli *c, const char *opt, const char *arg, int32_t *day)
{
    if (cs_parse_date(arg, day) != 0) {
        char hint[64]; /* the data's words for a month alone or a time (date.h) */
        cs_date_hint(arg, hint, sizeof hint);
        cli_usage_error(c, "--%s '%s' is not a date (YYYY-MM-DD%s%s)", opt, arg, hint[0] ? "; " : "",
                        hint);
        return -1;
    }
    return 1;
}

int cli_file_name_given(const cs_cli *c, const char *opt, const char *arg)
{
    if (arg[0])
        return 0;
    /* `--data "$DATA"` with DATA unset: said as the option's refusal, the
     * subcommand and the option named (--from '' said only "cannot open:
     * no such file or directory", with no name at all). */
    cli_usage_error(c, "--%s needs a file name, not an empty word ('-' for standard input)", opt);
    return -1;
}

int cli_common_option(cs_cli *c, int opt, const char *arg)
{
    double v;
    int st;
    switch (opt) {
    case CLI_OPT_DATA:
        if (cli_file_name_given(c, "data", arg) != 0)
            return -1;
        c->data_path = arg;
        return 1;
    case CLI_OPT_CONFIG:
        if (cli_file_name_given(c, "config", arg) != 0)
            return -1;
        c->config_path = arg;
        return 1;
    case CLI_OPT_QUIET: c->quiet = 1; return 1;
    case CLI_OPT_TASK:
        /* `--task "$T"` with T unset said "--task : a task name is empty" */
        if (!arg[0]) {
            cli_usage_error(c, "--task needs a task name, not an empty word");
            return -1;
        }
        for (size_t i = 0; i < c->n_task_names; i++)
            if (strcmp(c->task_names[i], arg) == 0) {
                cli_usage_error(c, "--task %s is given twice", arg);
                return -1;
            }
        if (c->n_task_names == CS_CONFIG_MAX_TASKS) {
            cli_usage_error(c, "at most %d --task options", CS_CONFIG_MAX_TASKS);
            return -1;
        }
        c->task_names[c->n_task_names++] = arg;
        return 1;
    case CLI_OPT_FORMAT:
        if (cli_format_parse(arg, &c->format) != 0) {
            cli_usage_error(c, "--format must be table, json or csv, not '%s'", arg);
            return -1;
        }
        return 1;
    case CLI_OPT_TAU:
        if ((st = cli_parse_double(c, "--tau", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v > 0 && v < 1)) {
            char hint[320];
            cli_usage_error(c, "--tau must be a number strictly between 0 and 1, not '%s'%s", arg,
                            cs_fraction_hint(arg, CS_HINT_OPEN, hint, sizeof hint));
            return -1;
        }
        c->fit.tau = v;
        return 1;
    case CLI_OPT_KAPPA:
        /* Below 1 the smoothing width 1/kappa is wider than the whole range of
         * accuracy, and far below it the objective (about log 2 / kappa) has
         * no digits left for the data: at 1e-300 the fit returned its start. */
        if ((st = cli_parse_double(c, "--kappa", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v >= 1 && v <= 1e6)) {
            cli_usage_error(c, "--kappa must be a number from 1 to 1e6, not '%s'", arg);
            return -1;
        }
        c->fit.kappa = v;
        return 1;
    case CLI_OPT_LAMBDA_B:
        /* The penalty is at least lambda_b * 0.05^2 (b's least value), the
         * data's loss at most about 1: past 1e4 b is pinned at 0.05 anyway,
         * and far past it the sum keeps no digits of the data (at 1e18 the
         * fit returned its start, y0 0 and L 0.5, as a fit). */
        if ((st = cli_parse_double(c, "--lambda-b", arg, &v)) < 0)
            return -1;
        if (st != 0 || !(v >= 0 && v <= 1e4)) {
            cli_usage_error(c, "--lambda-b must be a number from 0 to 1e4, not '%s'", arg);
            return -1;
        }
        c->fit.lambda_b = v;
        return 1;
    case CLI_OPT_SINCE: return parse_date_opt(c, "since", arg, &c->since);
    case CLI_OPT_UNTIL: return parse_date_opt(c, "until", arg, &c->until);
    default: return 0;
    }
}

int cli_fail(const cs_error *err)
{
    char buf[1200];
    termline_clear();
    fputs("capscope: ", stderr);
    cli_out_put_text(cs_error_string(err, buf, sizeof buf), stderr);
    fputc('\n', stderr);
    return cs_error_exit_status(err);
}

int cli_out_of_memory(void)
{
    cs_error err;
    memset(&err, 0, sizeof err);
    cs_error_set(&err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    return cli_fail(&err);
}

static const char *data_name(const cs_cli *c)
{
    return c->data_path ? c->data_path : "demo";
}

/* The journal is replayed over the file, so its scores win; one entered
 * before the file was last saved may stand over the score the file has
 * been given since, which the user would expect to see. */
static void warn_overrides(cs_cli *c, const cs_journal *j, const char *path)
{
    cs_journal_override ov;
    if (cs_journal_overrides(j, c->ds, c->data_path, &ov) != 0 || ov.count == 0)
        return;
    char jv[CS_NUMBER_TEXT], fv[CS_NUMBER_TEXT], which[64] = "the entry";
    /* Removing only the newest of a cell's entries would bring back the
     * one under it, not the file's score. */
    if (ov.entries > 1)
        snprintf(which, sizeof which, "its %zu entries (from line %ld)", ov.entries, ov.first_line);
    cli_warn(c, "warning: %s:%ld: the journal's score %s for %s on %s is used, not the %s of %s, "
             "which was saved after the entry (%zu such score%s); remove %s to use the file's",
             path, ov.line, cs_number_text(ov.journal, jv), c->ds->model[ov.row],
             c->ds->tasks[ov.task].name, cs_number_text(ov.file, fv), c->data_path, ov.count,
             ov.count == 1 ? "" : "s", which);
}

/* A data file renamed leaves its journal under the old name: its scores
 * would be left out without a word. Asked with the data's own journal
 * replayed (own: its path, or NULL when there is none), since the first
 * score entered after the rename starts a new journal and the old one's
 * scores are no less lost; the old one can then no longer be renamed. */
static void warn_orphan(cs_cli *c, const char *own)
{
    size_t entries;
    char *orphan = cs_journal_orphan(c->data_path, c->ds, &entries);
    if (orphan && own)
        cli_warn(c, "warning: %s holds %zu score%s of this data's models that %s not in use, but its data "
                 "file is gone (renamed to %s?): to use them, put its lines "
                 "before those of %s, this data's own journal (cat %s %s > %s.new && mv %s.new %s), "
                 "or remove it to drop them",
                 orphan, entries, entries == 1 ? "" : "s", entries == 1 ? "is" : "are", c->data_path, own, orphan,
                 own, own, own, own);
    else if (orphan)
        cli_warn(c, "warning: %s holds %zu score%s of this data's models, but its data file is gone "
                 "(renamed to %s?); they are not used: rename it %s.journal to use them",
                 orphan, entries, entries == 1 ? "" : "s", c->data_path, c->data_path);
    free(orphan);
}

/* Scores the user entered in the TUI live in the data file's journal: they
 * are scores for every subcommand too, as for the TUI (so that suggest's
 * prior, fit --design-weights and the interface's W show one boundary).
 * Only an existing journal is read (a batch command creates no files). */
/* A journal beside data read from a stream (journal.h,
 * cs_journal_is_stream) is not used: it was written by an older capscope,
 * or for other data fed through the same name. Said, not left out without
 * a word. */
static int warn_stream_journal(cs_cli *c)
{
    size_t n = strlen(c->data_path);
    char *beside = malloc(n + sizeof ".journal");
    if (!beside)
        return cli_out_of_memory();
    memcpy(beside, c->data_path, n);
    memcpy(beside + n, ".journal", sizeof ".journal");
    if (access(beside, F_OK) == 0)
        cli_warn(c, "warning: %s is not used: data read from a stream (standard input by another name, "
                    "a pipe, a FIFO) keeps no journal; give the data file to use its scores", beside);
    free(beside);
    return 0;
}

static int replay_journal(cs_cli *c)
{
    if (!c->data_path || strcmp(c->data_path, "-") == 0)
        return 0;
    if (cs_journal_is_stream(c->data_path))
        return warn_stream_journal(c);
    char *path = cs_journal_path_for(c->data_path);
    if (!path && errno == ENOMEM) /* not "no journal": its scores would be left out */
        return cli_out_of_memory();
    int keep = c->journal_mode != CLI_JOURNAL_REPLAY;
    if (!path || access(path, F_OK) != 0) {
        if (keep)
            c->journal_path = path;
        else
            free(path);
        warn_orphan(c, NULL);
        return 0;
    }
    /* Another user's private journal beside shared data is theirs to
     * share: the command goes on with the file's scores, as the interface
     * does, rather than refuse to run on the data at all. */
    if (!keep && access(path, R_OK) != 0 && errno == EACCES) {
        cli_warn(c, "warning: %s: cannot read the journal (permission denied), so the scores entered "
                 "with :score or capscope score on this data are not used; its owner can share them (chmod a+r)", path);
        free(path);
        return 0;
    }
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    memset(&err, 0, sizeof err);
    int status = 0;
    /* As the TUI does: a line naming a model the CSV no longer has is
     * skipped with a warning, not fatal. */
    int rc = c->journal_mode == CLI_JOURNAL_KEEP
                 ? cs_journal_open_locked(path, c->ds, &j, &rep, c->journal_wait_ms, &err)
                 : cs_journal_open_reader(path, c->ds, &j, &rep, &err);
    if (rc == 1) { /* deleted since access() found it */
        warn_orphan(c, NULL);
    } else if (rc != 0) {
        status = cli_fail(&err);
    } else {
        warn_overrides(c, j, path);
        /* The results then depend on a file beside the data that a copy of
         * the CSV alone would not carry: say so, so that a run elsewhere
         * giving other numbers is no mystery. A model scored again on a
         * task is one score used, not one per entry (the warning of file
         * scores overridden counts so too). */
        size_t used = keep ? 0 : cs_journal_count_scored(j);
        if (used)
            cli_warn(c, "note: %zu score%s entered with :score or capscope score %s used, from %s (move it away to use "
                        "the data file's scores alone)",
                     used, used == 1 ? "" : "s", used == 1 ? "is" : "are", path);
        if (keep)
            c->journal = j;
        else
            cs_journal_close(j);
        if (rep.torn)
            cli_warn(c, "warning: %s: a torn last entry (interrupted write) was dropped", path);
        /* With --task the data holds the named tasks only, so scores of
         * the others are "unknown" without being stale: only unknown
         * models are then (a run without --task names a renamed column). */
        size_t stale = rep.skipped;
        long first = rep.first_skipped;
        const char *why = rep.why;
        if (c->n_task_names > 0) {
            stale -= rep.skipped_task;
            first = rep.first_model;
            why = rep.why_model;
        }
        if (stale)
            cli_warn(c, "warning: %s:%ld: %s (%zu stale journal entr%s skipped)", path, first, why,
                     stale, stale == 1 ? "y" : "ies");
        warn_orphan(c, path);
    }
    if (keep && status == 0)
        c->journal_path = path;
    else
        free(path);
    return status;
}

/* How far reading the data is: a file of millions of rows, or one on a
 * slow mount, takes seconds before the work the command is about begins.
 * When a line is due and what it says: progress.h. */
typedef struct load_progress {
    cli_progress pg;
    cs_load_say say;
} load_progress;

static void load_progress_show(void *ctx, size_t bytes, size_t records)
{
    load_progress *l = ctx;
    if (l->pg.line.enabled && cs_load_say_due(&l->say, bytes, records, l->pg.what, sizeof l->pg.what))
        cli_progress_show(&l->pg, 0, 0);
}

static int load_data(cs_cli *c, cs_error *err)
{
    load_progress l;
    cli_progress_start(&l.pg, c, "");
    cs_load_say_init(&l.say, strcmp(c->data_path, "-") == 0 ? "standard input" : c->data_path);
    const cs_load_hooks hooks = { .progress = load_progress_show, .progress_ctx = &l };
    int rc = cs_dataset_load_hooked(c->data_path, &c->cfg, &hooks, &c->ds, err);
    cli_progress_done(&l.pg);
    return rc;
}

/* --since and --until keep dated rows only. On a table without dates
 * (epoch_benchmarks.csv, livebench.csv) fit said "0 usable rows in the
 * date range", which blames the range; and rows without a date went
 * without a word. */
static int check_date_range(cs_cli *c)
{
    /* splits needs dates with or without a range, and says so itself;
     * suggest's range chooses only its fitted prior's rows (none with
     * --prior paper), not the candidates, which keep every date. */
    if ((c->since == CS_NO_DATE && c->until == CS_NO_DATE) || strcmp(c->command, "splits") == 0 ||
        strcmp(c->command, "suggest") == 0)
        return 0;
    const cs_dataset *ds = c->ds;
    size_t undated = cs_dataset_n_undated(ds);
    const char *option = c->since != CS_NO_DATE && c->until != CS_NO_DATE ? "--since and --until keep"
                         : c->since != CS_NO_DATE                         ? "--since keeps"
                                                                          : "--until keeps";
    if (undated == ds->n_rows) {
        cs_error err;
        memset(&err, 0, sizeof err);
        char shown[72];
        if (ds->date_column)
            cs_error_set(&err, CS_ERR_INPUT, data_name(c), 0,
                         "column '%s' is empty in every row%s, and %s only dated rows: "
                         "leave %s out to use every row",
                         cs_quote_short(ds->date_column, shown, sizeof shown),
                         ds->n_dropped_flops ? " with flops" : "", option,
                         c->since != CS_NO_DATE && c->until != CS_NO_DATE ? "them" : "it");
        else
            cs_error_set(&err, CS_ERR_INPUT, data_name(c), 0,
                         "no row has a date, and %s only dated rows: name the date column with "
                         "--config, or leave %s out to use every row",
                         option, c->since != CS_NO_DATE && c->until != CS_NO_DATE ? "them" : "it");
        return cli_fail(&err);
    }
    /* Counted on the tasks at work (with --task the dataset holds those
     * alone), journal included: an undated row without their scores was
     * no row of theirs to leave out. */
    size_t left_out = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        if (ds->date[i] != CS_NO_DATE)
            continue;
        size_t t = 0;
        while (t < ds->n_tasks && !ds->tasks[t].has[i])
            t++;
        left_out += t < ds->n_tasks;
    }
    if (left_out > 0)
        cli_warn(c, "note: %zu scored row%s without a date %s left out (%s only dated rows)", left_out,
                 left_out == 1 ? "" : "s", left_out == 1 ? "is" : "are", option);
    return 0;
}

int cli_load(cs_cli *c)
{
    cs_error err;
    memset(&err, 0, sizeof err);
    if (c->since != CS_NO_DATE && c->until != CS_NO_DATE && c->since > c->until)
        return cli_usage_error(c, "--since is after --until");
    if (c->config_path && c->data_path && strcmp(c->config_path, "-") == 0 &&
        strcmp(c->data_path, "-") == 0)
        return cli_usage_error(c, "--data - and --config - cannot both read standard input");
    if (c->config_path && cs_config_load(c->config_path, &c->cfg, &err) != 0)
        return cli_fail(&err);
    c->cfg.sparse_tasks = c->sparse_tasks;
    /* --task names the tasks to work on, overriding the config's tasks: list. */
    if (c->n_task_names) {
        for (size_t j = 0; j < c->cfg.n_tasks; j++)
            free(c->cfg.tasks[j]);
        c->cfg.n_tasks = 0;
    }
    for (size_t i = 0; i < c->n_task_names; i++)
        if (cs_config_add_task(&c->cfg, c->task_names[i], &err) != 0)
            /* out of memory is no fault of the option's (status 1, not 2) */
            return err.kind == CS_ERR_RUNTIME ? cli_fail(&err)
                                              : cli_usage_error(c, "--task %s: %s", c->task_names[i], err.msg);
    int rc = c->data_path ? load_data(c, &err)
                          : cs_dataset_parse(cs_demo_csv, cs_demo_csv_size, "demo", &c->cfg, &c->ds, &err);
    if (rc != 0)
        return cli_fail(&err);
    /* The loader refuses a file without task columns, so n_tasks >= 1 here. */
    for (size_t k = 0; k < c->ds->n_warnings; k++)
        cli_warn(c, "warning: %s", c->ds->warnings[k]);
    if ((rc = replay_journal(c)) != 0)
        return rc;
    return check_date_range(c);
}

size_t cli_tasks(const cs_cli *c, size_t *idx)
{
    /* With --task, the dataset holds exactly the named tasks, in that order. */
    for (size_t t = 0; t < c->ds->n_tasks; t++)
        idx[t] = t;
    return c->ds->n_tasks;
}

size_t cli_task_xy(const cs_cli *c, size_t t, double *z, double *y, size_t *rows)
{
    const cs_dataset *ds = c->ds;
    if (c->since == CS_NO_DATE && c->until == CS_NO_DATE)
        return cs_dataset_task_xy(ds, t, NULL, z, y, rows);
    unsigned char *mask = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!mask)
        return 0;
    cli_date_mask(c, mask);
    size_t n = cs_dataset_task_xy(ds, t, mask, z, y, rows);
    free(mask);
    return n;
}

void cli_date_mask(const cs_cli *c, unsigned char *keep)
{
    const cs_dataset *ds = c->ds;
    int all = c->since == CS_NO_DATE && c->until == CS_NO_DATE;
    for (size_t i = 0; i < ds->n_rows; i++) {
        int32_t d = ds->date[i];
        keep[i] = all || (d != CS_NO_DATE && (c->since == CS_NO_DATE || d >= c->since) &&
                          (c->until == CS_NO_DATE || d <= c->until));
    }
}

int cli_flush_stdout(const char *command)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        char reason[256];
        fprintf(stderr, "capscope: %s%scannot write the output: %s\n", command ? command : "",
                command ? ": " : "", errno ? cs_errno_text(errno, reason, sizeof reason) : "write error");
        return CS_EXIT_RUNTIME;
    }
    return CS_EXIT_OK;
}

void cli_stream(const cs_cli *c, cli_out *o)
{
    cli_out_stream(o, c->format, stdout);
}

int cli_emit(const cs_cli *c, cli_out *o)
{
    if (cli_out_print(o, c->format, stdout) != 0) {
        char reason[256];
        fprintf(stderr, "capscope: %s: cannot write the output: %s", c->command,
                cs_errno_text(errno, reason, sizeof reason));
        /* score's entries stand (status 1 alone read as though none did,
         * and a script that tried again entered them twice) */
        const char *done = cli_out_done();
        if (done) {
            fputs(" (", stderr);
            cli_out_put_text(done, stderr);
            fputc(')', stderr);
        }
        fputc('\n', stderr);
        return CS_EXIT_RUNTIME;
    }
    return CS_EXIT_OK;
}

const char *cli_inexact_option(int argc, char **argv, const struct option *opts,
                               const char **near, const char **word)
{
    *near = NULL;
    if (word)
        *word = NULL;
    const char *bad = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0)
            break;
        if (strncmp(a, "--", 2) != 0) {
            if (word && !*word && a[0] != '-')
                *word = a;
            continue;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const struct option *hit = NULL;
        for (const struct option *o = opts; o->name; o++)
            if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
                hit = o;
        if (!hit) {
            if (!bad) {
                bad = a;
                for (const struct option *o = opts; o->name && !*near; o++)
                    if (len > 0 && strncmp(o->name, name, len) == 0)
                        *near = o->name;
            }
            continue;
        }
        if (hit->has_arg == required_argument && !eq)
            i++;
    }
    return bad;
}

int cli_parse(cs_cli *c, int argc, char **argv, const struct option *local, cli_option_fn fn,
              void *ctx, const char *help_text)
{
    return cli_parse_args(c, argc, argv, local, fn, ctx, help_text, NULL);
}

int cli_parse_args(cs_cli *c, int argc, char **argv, const struct option *local, cli_option_fn fn,
                   void *ctx, const char *help_text, int *first)
{
    struct option opts[64];
    cli_options_merge(local, opts);
    const char *near, *bad = cli_inexact_option(argc, argv, opts, &near, NULL);
    if (bad && near)
        return cli_usage_error(c, "unknown option '%s' (options are written in full: --%s?)", bad,
                               near);
    optind = 1;
    opterr = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (opt == CLI_OPT_HELP || opt == 'h') {
            fputs(help_text, stdout);
            return cli_flush_stdout(c->command);
        }
        if (opt == '?') {
            char why[256];
            return cli_usage_error(c, "%s", face_option_refusal(argv, optind, optopt, opts, why, sizeof why));
        }
        if (opt == ':')
            return cli_usage_error(c, "option '%s' needs a value", argv[optind - 1]);
        int r = cli_common_option(c, opt, optarg);
        if (r == 0 && fn)
            r = fn(c, ctx, opt, optarg) == 0 ? 1 : -1;
        if (r < 0)
            return CS_EXIT_USAGE;
    }
    if (first)
        *first = optind;
    else if (optind < argc)
        return cli_usage_error(c, "unexpected argument '%s'", argv[optind]);
    return -1;
}

/* Whether a flat boundary at level lies on or above every score. */
static int flat_above_all(double level, const double *y, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (y[i] > level)
            return 0;
    return 1;
}

const char *cli_flat_advice(const cs_cli *c)
{
    /* Only the settings not already that sharp: at --kappa 1e6 the advice
     * to use 1000 would blunt the loss, and a flat boundary there (tau next
     * to 1: the top score) is no smoothing's doing, so nothing is advised. */
    const int kappa = c->fit.kappa < 1000, lambda = c->fit.lambda_b > 1e-5;
    if (kappa && lambda)
        return "; a sharper loss, --kappa 1000 --lambda-b 1e-5, follows the top rows more closely";
    if (kappa)
        return "; a sharper loss, --kappa 1000, follows the top rows more closely";
    if (lambda)
        return "; a lighter penalty on b, --lambda-b 1e-5, follows the top rows more closely";
    return "";
}

int cli_too_few_rows(const cs_cli *c, size_t t, size_t n)
{
    cs_error err;
    memset(&err, 0, sizeof err);
    /* The core's wording (dataset.c), for a task it was not told to check. */
    cs_error_set(&err, CS_ERR_INPUT, data_name(c), 0,
                 "task '%s' has %zu usable row%s (a score and flops > 0)%s, fewer than %d%s",
                 c->ds->tasks[t].name, n, n == 1 ? "" : "s",
                 (c->since != CS_NO_DATE || c->until != CS_NO_DATE) ? " in the date range" : "",
                 CS_MIN_TASK_ROWS, c->fit_hint ? c->fit_hint : "");
    return cli_fail(&err);
}

int cli_fit_task(cs_cli *c, size_t t, cs_fit *out)
{
    return cli_fit_task_judged(c, t, out, NULL);
}

int cli_fit_task_judged(cs_cli *c, size_t t, cs_fit *out, cs_coverage *in_sample)
{
    const cs_dataset *ds = c->ds;
    size_t cap = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(cap * sizeof *z), *y = malloc(cap * sizeof *y);
    double *w = c->design_weights ? malloc(cap * sizeof *w) : NULL;
    unsigned char *pool = c->design_weights ? malloc(cap) : NULL;
    cs_error err;
    memset(&err, 0, sizeof err);
    int status = CS_EXIT_OK;
    cs_fit_opts fo = c->fit;
    if (!z || !y || (c->design_weights && (!w || !pool))) {
        status = cli_out_of_memory();
        goto done;
    }
    size_t n;
    if (c->design_weights) {
        cli_date_mask(c, pool);
        cs_design_weights_opts wo;
        cs_design_weights_opts_init(&wo);
        wo.layout = c->layout;
        wo.pool = pool;
        n = cs_design_weighted_xy(ds, t, &wo, z, y, w, &err);
        if (n == (size_t)-1) {
            status = cli_fail(&err);
            goto done;
        }
        fo.weights = w;
    } else {
        n = cli_task_xy(c, t, z, y, NULL);
    }
    if (n < CS_MIN_TASK_ROWS) {
        status = cli_too_few_rows(c, t, n);
        goto done;
    }
    if (cs_fit_run(z, y, n, &fo, out, &err) != 0) {
        if (!err.file[0])
            snprintf(err.file, sizeof err.file, "%s", data_name(c));
        cs_error task_err = err;
        const char *name = ds->tasks[t].name;
        cs_error_set(&task_err, err.kind, err.file, err.line, "task '%.*s': %s",
                     (int)cs_text_floor(NULL, name, 100), name, err.msg);
        status = cli_fail(&task_err);
        goto done;
    }
    /* The macro error on bins is method.md's primary measure of coverage
     * (section 4); the fraction below the boundary alone hides a boundary
     * that is too high at one compute and too low at another. */
    if (in_sample && cs_coverage_in_sample(out, z, y, w, n, fo.tau, in_sample) != 0) {
        status = cli_out_of_memory();
        goto done;
    }
    if (!(out->p.L > 0) && flat_above_all(out->p.y0, y, n)) {
        /* A flat boundary is a legitimate optimum, but a surprising one on
         * scores that rise with compute: with few rows near the top the
         * smoothed loss puts the quantile above them all (epoch's
         * math_level5 at kappa 50: y0 = 1, where models of 1e24 FLOPs score
         * about 0.2). Said, with what to try. A flat boundary with rows
         * above it (a low tau: 0 at 1e-9) is no such case, and the advice
         * about the top rows would mislead there. */
        cli_warn(c, "note: task '%s': the boundary is flat at %.4g (L = 0)%s", ds->tasks[t].name,
                 out->p.y0, cli_flat_advice(c));
    }
done:
    free(z);
    free(y);
    free(w);
    free(pool);
    return status;
}
