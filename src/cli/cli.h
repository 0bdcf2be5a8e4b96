/* cli.h - what every batch subcommand shares: option parsing for the data,
 * fit and output options, loading, task selection, and error reporting.
 *
 * A subcommand is `int cmd_NAME(int argc, char **argv)` returning the exit
 * status (0 success, 1 runtime failure, 2 usage or input error). It declares
 * its own extra options and hands every other option to cli_common_option().
 */
#ifndef CAPSCOPE_CLI_H
#define CAPSCOPE_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>

#include "capscope/config.h"
#include "capscope/coverage.h"
#include "capscope/dataset.h"
#include "capscope/error.h"
#include "capscope/fit.h"
#include "capscope/journal.h"
#include "cli/output.h"
#include "face/termline.h"

enum { CS_EXIT_OK = 0, CS_EXIT_RUNTIME = 1, CS_EXIT_USAGE = 2 };

/* What cli_load does with the data's journal: replay it and close it (every
 * subcommand that reads), or, when it exists, keep it open and locked for a
 * command that writes it (score), which creates it when it must, or keep
 * it open unlocked for one that lists it (score --list), which need not
 * wait for a writer: a reader never cuts a line being written. */
enum { CLI_JOURNAL_REPLAY = 0, CLI_JOURNAL_KEEP, CLI_JOURNAL_KEEP_READ };
/* How long a command that writes the journal waits for its lock by default:
 * ample for a queue of jobs that each hold it for milliseconds, and an end
 * to the wait behind one that is stopped or stuck. */
enum { CLI_JOURNAL_WAIT_S = 30 };

/* Long-option codes of the common options (values above any short option). */
enum {
    CLI_OPT_DATA = 1000, CLI_OPT_CONFIG, CLI_OPT_TASK, CLI_OPT_FORMAT, CLI_OPT_TAU,
    CLI_OPT_KAPPA, CLI_OPT_LAMBDA_B, CLI_OPT_SINCE, CLI_OPT_UNTIL, CLI_OPT_HELP,
    CLI_OPT_QUIET,
    CLI_OPT_FIRST_LOCAL = 1100 /* subcommands number their own options from here */
};

/* The common options, for a subcommand's getopt_long table: copy them in
 * with cli_options_merge(). */
extern const struct option cli_common_options[];

typedef struct cs_cli {
    const char *command;      /* "fit", "predict", ... */
    const char *data_path;    /* NULL: the built-in demo data */
    const char *config_path;
    cs_config cfg;            /* roles and explicit tasks (after cli_load, with the --task names) */
    const char *task_names[CS_CONFIG_MAX_TASKS]; /* --task, kept aside until the config is loaded */
    size_t n_task_names;
    cli_format format;
    cs_fit_opts fit;
    int32_t since, until;     /* CS_NO_DATE when not given; rows outside are left out */
    int quiet;                /* no warnings on stderr */
    int design_weights;       /* fits weigh each scored row by the unscored rows it stands for */
    int sparse_tasks;         /* named tasks may have fewer scores than a fit needs (config.h) */
    const char *fit_hint;     /* appended to "fewer than 4": what to do instead */
    cs_dataset *ds;           /* after cli_load() */
    /* The strata and groups of ds that the design weights are built on, when
     * the command made them once for all its fits (cs_design_layout_new; the
     * command frees it); NULL: each fit builds its own. */
    const struct cs_design_layout *layout;
    int journal_mode;         /* CLI_JOURNAL_*, set before cli_load */
    cs_journal *journal;      /* kept open and locked (not CLI_JOURNAL_REPLAY); NULL when none */
    char *journal_path;       /* the data's journal, existing or not (kept modes); NULL for the
                               * demo and standard input, which keep none */
    long journal_wait_ms;     /* kept modes: how long to wait for the journal's lock */
    char *held;               /* warnings and notes, printed by cli_finish */
    size_t held_len;
} cs_cli;

void cli_init(cs_cli *c, const char *command);
void cli_free(cs_cli *c);

/* A warning or note for stderr ("capscope: " is put in front, a newline
 * after), unless --quiet. It is held until the command ends: an input
 * error's message is the one line on stderr (contract.md), so warnings
 * printed before the error was known would break that. */
void cli_warn(cs_cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Progress for long work: one line on stderr, rewritten in place once the
 * work has taken a second, only on a terminal and without --quiet, cleared
 * by cli_progress_done. "COMMAND: WHAT (N NOUN, cost X)". Between start and
 * done, a signal that ends the program (Ctrl-C) clears the line first; the
 * program still dies of it (exit status 128 + signal). */
typedef struct cli_progress {
    termline line;            /* SIGINT, SIGTERM, SIGHUP, SIGQUIT clear it first */
    double due_ms;            /* when the line may show (progress.h: a second in) */
    const char *command, *noun;
    char what[128];
} cli_progress;

void cli_progress_start(cli_progress *p, const cs_cli *c, const char *noun);
/* count 0: WHAT alone. */
void cli_progress_show(cli_progress *p, size_t count, double used);
/* The same, as the design's and the replay's progress callback (ctx: p). */
void cli_progress_cb(void *ctx, size_t count, double used);
void cli_progress_done(cli_progress *p);

/* End a command: print the held warnings unless it ends in a usage or input
 * error (status CS_EXIT_USAGE), free everything, and return status. */
int cli_finish(cs_cli *c, int status);

/* Merge the common options with a subcommand's own (terminated by a zero
 * entry) into out (room for 64); returns out. */
struct option *cli_options_merge(const struct option *local, struct option *out);

/* getopt_long takes any unambiguous prefix of a long option ("--lambda" for
 * "--lambda-b"); capscope takes names in full only, so that a script keeps
 * its meaning when options are added. Returns the first argument of argv
 * (before "--") that names no option of opts exactly, or NULL; a value given
 * as the next argument of an option that takes one is not looked at.
 * *near is set to an option the argument is a prefix of, or NULL; *word
 * (may be NULL) to the first argument (before "--") that is no option and
 * no option's value, or NULL. */
const char *cli_inexact_option(int argc, char **argv, const struct option *opts,
                               const char **near, const char **word);

/* A subcommand's handler for its own options: 0 handled, -1 bad value
 * (message printed). */
typedef int (*cli_option_fn)(cs_cli *c, void *ctx, int opt, const char *arg);

/* Parse argv (argv[0] is the subcommand name): the common options, the local
 * ones through fn, --help (prints help_text to stdout). Returns -1 to go on,
 * or the exit status to stop with (0 after --help, 2 on a usage error). */
int cli_parse(cs_cli *c, int argc, char **argv, const struct option *local, cli_option_fn fn,
              void *ctx, const char *help_text);
/* The same for a subcommand that takes arguments besides its options: they
 * are argv[*first .. argc) (getopt puts them last; "--" ends the options,
 * for a name that begins with '-'). */
int cli_parse_args(cs_cli *c, int argc, char **argv, const struct option *local, cli_option_fn fn,
                   void *ctx, const char *help_text, int *first);

/* Fit task t of the loaded data (honouring --since/--until) with the fit
 * options, and with the design weights (cs_design_weights, the pool being
 * the rows in the date range) when c->design_weights is set. Returns 0, or the exit status after printing the error (a task
 * with fewer than CS_MIN_TASK_ROWS usable rows is an input error). */
int cli_fit_task(cs_cli *c, size_t t, cs_fit *out);
/* cli_fit_task, and the fit judged in sample on the rows it was fitted on
 * (cs_coverage_in_sample: the default bins, the design weights when set). */
int cli_fit_task_judged(cs_cli *c, size_t t, cs_fit *out, cs_coverage *in_sample);

/* Report task t of the loaded data, left with n < CS_MIN_TASK_ROWS usable
 * rows (in --since/--until), as the input error it is; returns its exit
 * status. */
int cli_too_few_rows(const cs_cli *c, size_t t, size_t n);

/* The advice of the note on a flat boundary on or above every score: "; a
 * sharper loss, --kappa 1000 --lambda-b 1e-5, follows the top rows more
 * closely", naming only what the fit options are not already as sharp as,
 * or "" when they all are. */
const char *cli_flat_advice(const cs_cli *c);

/* Handle one common option. Returns 1 if handled, 0 if not a common option,
 * -1 on a bad value (message printed, exit status 2 follows). */
int cli_common_option(cs_cli *c, int opt, const char *arg);

/* 0 when arg, the value of the file option --opt, is a name; -1 with the
 * usage error printed when it is empty (a shell variable left unset). */
int cli_file_name_given(const cs_cli *c, const char *opt, const char *arg);

/* Load the data (or the demo set) with the config, apply --since/--until by
 * leaving rows out of the task masks, print the dropped-flops warning.
 * Returns 0 or an exit status. */
int cli_load(cs_cli *c);

/* The tasks to work on: --task ones, or all. Fills idx (room for n_tasks of
 * the dataset) and returns the count. */
size_t cli_tasks(const cs_cli *c, size_t *idx);

/* Gather (z, y) of task t honouring --since/--until; arrays of ds->n_rows. */
size_t cli_task_xy(const cs_cli *c, size_t t, double *z, double *y, size_t *rows);

/* The rows --since/--until leave in: keep[i] = 1 for every row when neither
 * is given, else only for dated rows inside the range. keep has ds->n_rows. */
void cli_date_mask(const cs_cli *c, unsigned char *keep);

/* Report an error as "capscope: FILE:LINE: msg" and return its exit status. */
int cli_fail(const cs_error *err);
/* "capscope: out of memory"; returns CS_EXIT_RUNTIME. */
int cli_out_of_memory(void);

/* "capscope: <command>: msg" for usage errors; returns CS_EXIT_USAGE. */
int cli_usage_error(const cs_cli *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parse the number of `option` (e.g. "--tau") strictly: the whole string,
 * finite. 0 with *out set; -1 after the usage error when it is a positive
 * number no double holds, "more than a double holds" (1e400) or "nearer 0
 * than a double holds" (1e-400, which rounds to 0), for the option's own
 * range ("in (0, 1]", "positive") would be wrong or misleading for it;
 * 1, saying nothing, for anything else: no number, or a negative one no
 * double holds (-1e400, or -1e-400, which would be -0), which no option
 * takes (the caller says what it takes, as for a number out of its range). */
int cli_parse_double(cs_cli *c, const char *option, const char *arg, double *out);

/* Parse the compute of `option` (e.g. "--flops"): a finite number > 0. On
 * failure, -1 after the usage error, which says a number too large for a
 * double (1e400), or too near 0 for one (1e-400, which rounds to 0), is
 * that, not that it is not positive, and a list of computes ("1e24,1e25")
 * is a list (cli_refuse_list; repeatable: the option may be given again). */
int cli_parse_flops(cs_cli *c, const char *option, const char *arg, int repeatable,
                    double *out);

/* A list of two or more numbers, each of which ok() takes, given to an
 * option that takes one number ("--flops 1e24,1e25", or "1e24 1e25" from an
 * unquoted variable): 1 after the usage error, which says to repeat the
 * option for several, with the list rewritten so (repeatable), or that the
 * option takes one; else 0, saying nothing. Items are split at commas,
 * semicolons and blanks. */
int cli_refuse_list(cs_cli *c, const char *option, const char *arg, int repeatable,
                    int (*ok)(double));

/* Parse the count of `option` (e.g. "--count") in [lo, hi], lo >= 1 and
 * hi at most LLONG_MAX, by cs_parse_count (number.h): decimal digits alone,
 * blanks around them. On failure, -1 after the usage error "OPTION 'ARG' is
 * WHY" in cs_count_why's words, the TUI's for its counts: "more than it
 * takes (at most HI)" of a whole number above hi however it is written or
 * how many digits it has, not that it is not a whole number. */
int cli_parse_count(cs_cli *c, const char *option, const char *arg, size_t lo, size_t hi,
                    size_t *out);

/* Flush stdout (after --help or --version text); 0, or CS_EXIT_RUNTIME after
 * printing "capscope: COMMAND: cannot write the output: ..." (command may be
 * NULL) when the text could not be written, e.g. to a full disk. */
int cli_flush_stdout(const char *command);

/* Write o's records to stdout in the chosen format as they are added
 * (cli_out_stream): for a result whose records are all computed, so that no
 * error can follow the first one written. cli_emit then ends it. */
void cli_stream(const cs_cli *c, cli_out *o);

/* Print the result in the chosen format; returns 0 or CS_EXIT_RUNTIME on a
 * write error (when streamed, the output written before it is cut short). */
int cli_emit(const cs_cli *c, cli_out *o);

/* The subcommands. */
int cmd_fit(int argc, char **argv);
int cmd_predict(int argc, char **argv);
int cmd_require(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_splits(int argc, char **argv);
int cmd_suggest(int argc, char **argv);
int cmd_sweep(int argc, char **argv);
int cmd_score(int argc, char **argv);

#endif
