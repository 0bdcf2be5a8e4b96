/* capscope: the capability boundary of language models, in a terminal.
 * main() only dispatches: a subcommand runs in batch mode, no subcommand
 * starts the TUI. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <gsl/gsl_errno.h>

#include "capscope/namelist.h"
#include "cli/cli.h"
#include "face/plaintext.h"
#include "tui/tui.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    { "fit", cmd_fit, "fit the capability boundary of each task" },
    { "predict", cmd_predict, "the boundary's accuracy at given compute" },
    { "require", cmd_require, "the least compute that reaches an accuracy" },
    { "splits", cmd_splits, "chronological splits: does the boundary hold later?" },
    { "suggest", cmd_suggest, "which models to evaluate next, within a budget" },
    { "sweep", cmd_sweep, "replay the design at several budgets against random subsets" },
    { "plot", cmd_plot, "draw the scatter and the boundary as text, or as SVG" },
    { "score", cmd_score, "enter scores in the data's journal, as :score and :undo" },
};

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: capscope [--data FILE | --resume] [--config FILE] [--theme NAME]\n"
            "                [--charset SET] [--replay FILE] [--no-mouse]\n"
            "                                              (interactive, on a terminal)\n"
            "       capscope SUBCOMMAND [OPTIONS]          (batch)\n"
            "\n"
            "What accuracy is attainable at a given pretraining compute, after\n"
            "post-training: capscope fits a high quantile (tau = 0.98) of accuracy against\n"
            "log10 FLOPs with a monotone saturating sigmoid, checks it on later models, and\n"
            "suggests which models to evaluate next.\n"
            "\n"
            "Subcommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n"
            "Run 'capscope SUBCOMMAND --help' (or 'capscope help SUBCOMMAND') for its\n"
            "options, 'man capscope' for the whole manual.\n"
            "\n"
            "Interactive options:\n");
    tui_options_help(f);
    fprintf(f, "In the interface, ? lists every key and command.\n");
}

static int is_command(const char *s)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(s, commands[i].name) == 0)
            return 1;
    return 0;
}

/* The one rule for a mistyped name (cs_typo), as the interface's ':' prompt
 * and --task use it: "capscope fitt" names fit. */
static int unknown_subcommand(const char *name)
{
    char shown[256], word[256];
    cs_quote_short(name, shown, sizeof shown);
    /* "capscope results.csv": a file, meant as the data to open, with the
     * command as it can be pasted ("my results.csv" quoted). */
    struct stat st;
    if (stat(name, &st) == 0 && S_ISREG(st.st_mode)) {
        face_say("unknown subcommand '%s' (to open it: capscope --data %s)", shown,
                 cs_shell_word(name, word, sizeof word));
        return CS_EXIT_USAGE;
    }
    cs_typo near;
    cs_typo_init(&near, name);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        cs_typo_offer(&near, commands[i].name);
    cs_typo_offer(&near, "help"); /* not in the table: main takes it first */
    if (near.nearest && near.n_nearest == 1)
        face_say("unknown subcommand '%s' (did you mean '%s'? try 'capscope --help')", shown, near.nearest);
    else
        face_say("unknown subcommand '%s' (try 'capscope --help')", shown);
    return CS_EXIT_USAGE;
}

/* The interface's arguments, checked before the terminal is touched: an
 * abbreviated option, or a subcommand after options ("capscope --data F
 * fit"), gets a message that says what to write instead. */
static int check_interactive_args(int argc, char **argv)
{
    const char *near, *word, *bad = cli_inexact_option(argc, argv, tui_options, &near, &word);
    if (bad && near) {
        char shown[256];
        face_say("unknown option '%s' (options are written in full: --%s?)",
                 cs_quote_short(bad, shown, sizeof shown), near);
        return CS_EXIT_USAGE;
    }
    if (word && is_command(word)) {
        fprintf(stderr, "capscope: the subcommand goes first: capscope %s [OPTIONS] (try 'capscope %s --help')\n",
                word, word);
        return CS_EXIT_USAGE;
    }
    if (word && strcmp(word, "help") == 0) {
        fprintf(stderr, "capscope: help goes first: capscope help [SUBCOMMAND]\n");
        return CS_EXIT_USAGE;
    }
    return -1;
}

/* Output whose reader has gone (`capscope fit | head -1`, also --help and
 * --list-keys) ends quietly by SIGPIPE, status 141 (man page, EXIT STATUS).
 * A parent that ignored or blocked SIGPIPE (Python's subprocess, some CI
 * runners) would instead turn the write into EPIPE and a "Broken pipe"
 * error on stderr: the default action is put back so a pipeline behaves one
 * way wherever it runs. The interface writes to a terminal, where no
 * SIGPIPE arises. */
static void sigpipe_default(void)
{
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
    signal(SIGPIPE, SIG_DFL);
}

/* A file grown past the file size limit (ulimit -f, a quota of sorts) is a
 * write error like a full disk, said and ending with status 1, not the
 * default SIGXFSZ that dumped core: the interface died with the terminal
 * raw, its session unsaved and a partial temporary file beside the export
 * it was writing. Ignored, the signal makes write(2) fail with EFBIG, which
 * every writer already checks. */
static void file_size_limit_as_error(void)
{
    signal(SIGXFSZ, SIG_IGN);
}

int main(int argc, char **argv)
{
    /* GSL's default error handler aborts: an allocation that fails in a
     * GSL call would end a batch command with a core dump (status 134)
     * instead of the checked "out of memory" (status 1). It is one global,
     * so it is turned off here, once, before any thread exists; code that
     * swapped it around a call would race with itself in the interface's
     * worker thread. Every caller checks the codes. */
    gsl_set_error_handler_off();
    sigpipe_default();
    file_size_limit_as_error();
    /* "capscope help [SUBCOMMAND]", as git and go take it: the word a user
     * tries first was an unknown subcommand. */
    if (argc >= 2 && strcmp(argv[1], "help") == 0) {
        /* help's own help is the summary: "help help" was an unknown
         * subcommand 'help', of the word just taken as one. */
        if (argc == 2 || (argc == 3 && (strcmp(argv[2], "help") == 0 || strcmp(argv[2], "--help") == 0 ||
                                        strcmp(argv[2], "-h") == 0))) {
            usage(stdout);
            return cli_flush_stdout(NULL);
        }
        if (argc > 3 || !is_command(argv[2])) {
            if (argc == 3 && argv[2][0] != '-')
                return unknown_subcommand(argv[2]);
            face_say("help takes one subcommand (try 'capscope --help')");
            return CS_EXIT_USAGE;
        }
        char help_opt[] = "--help";
        char *help_argv[] = { argv[2], help_opt, NULL };
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[2], commands[i].name) == 0)
                return commands[i].run(2, help_argv);
    }
    if (argc >= 2 && argv[1][0] != '-') {
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                return commands[i].run(argc - 1, argv + 1);
        return unknown_subcommand(argv[1]);
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return cli_flush_stdout(NULL);
    }
    if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
        printf("capscope %s\n", PACKAGE_VERSION);
        return cli_flush_stdout(NULL);
    }
    int status = check_interactive_args(argc, argv);
    if (status >= 0)
        return status;
    return tui_main(argc, argv);
}
