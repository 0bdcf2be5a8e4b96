/* capscope score: enter scores in the data file's journal from a script, as
 * the interface's :score and :undo do, and list what the journal holds.
 *
 * The journal is opened locked (cs_journal_open_locked) and held until the
 * command ends, so an interface appending to it at the same time waits for
 * the few milliseconds this takes, and takes the new entries in before its
 * own (cs_journal_catch_up), as it does within a second while idle. The
 * names and values are refused in the interface's words (cs_typo's
 * guess, the list of tasks, cs_fraction_hint), before the journal is
 * created or touched. */
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capscope/durable.h"
#include "capscope/journal.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/scorefile.h"
#include "cli/cli.h"

static const char score_help[] =
    "Usage: capscope score --data FILE MODEL TASK VALUE\n"
    "       capscope score --data FILE --from FILE|-\n"
    "       capscope score --data FILE --undo\n"
    "       capscope score --data FILE --list\n"
    "\n"
    "Enter scores in the data file's journal, as the interface's :score and :undo\n"
    "do: every subcommand, and the interface when it loads the data, counts them.\n"
    "MODEL and TASK are named exactly as in the data (quote a name with blanks);\n"
    "VALUE is a fraction in [0, 1] (0.635, not 63.5). A note on stderr says what\n"
    "was entered or taken back, and the score it replaced. A score held already\n"
    "is not entered again.\n"
    "\n"
    "Options:\n"
    "      --data FILE       the CSV data, whose journal is FILE.journal (or under\n"
    "                        $XDG_DATA_HOME/capscope/); required: the demo data and\n"
    "                        streams (standard input, /dev/stdin, a pipe, a FIFO)\n"
    "                        keep no journal\n"
    "      --config FILE     YAML mapping of column roles (see capscope-config(5))\n"
    "      --from FILE       enter every score of FILE ('-' = standard input), one\n"
    "                        MODEL,TASK,VALUE record a line (CSV; a line\n"
    "                        model,task,value, a header, is skipped wherever it\n"
    "                        is). All or none: every line is checked first, each\n"
    "                        bad one is reported with its line number, and then\n"
    "                        nothing is entered\n"
    "      --undo            take back the journal's last entry\n"
    "      --list            list the journal's entries in effect, oldest first\n"
    "      --format FMT      table (default), json or csv: --list's list; else json\n"
    "                        and csv print the entries made or taken back on\n"
    "                        stdout (table: nothing, the note says it)\n"
    "      --wait SECONDS    how long to wait for the journal's lock, which another\n"
    "                        capscope holds while it writes (default 30); then\n"
    "                        nothing is entered, and the message names the process\n"
    "      --quiet           no note of what was done, no warnings on stderr\n"
    "      --help            this help\n";

enum { OPT_FROM = CLI_OPT_FIRST_LOCAL, OPT_UNDO, OPT_LIST, OPT_WAIT };

typedef struct score_args {
    const char *from;
    int undo, list;
} score_args;

static int score_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    score_args *a = ctx;
    if (opt == OPT_FROM) {
        if (cli_file_name_given(c, "from", arg) != 0)
            return -1;
        if (a->from) {
            cli_usage_error(c, "--from is given twice (one file, or cat them: --from -)");
            return -1;
        }
        a->from = arg;
    } else if (opt == OPT_UNDO) {
        a->undo = 1;
    } else if (opt == OPT_LIST) {
        a->list = 1;
    } else if (opt == OPT_WAIT) {
        size_t s;
        if (cli_parse_count(c, "--wait", arg, 0, 86400, &s) != 0)
            return -1;
        c->journal_wait_ms = (long)s * 1000;
    } else {
        return -1;
    }
    return 0;
}

/* The common options that choose rows or fit: score has none of that to
 * do, and a --task taken silently would read as the task to score. */
static const char *not_for_score(int argc, char **argv)
{
    static const char *const names[] = { "--task", "--tau", "--kappa", "--lambda-b", "--since", "--until" };
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            size_t n = strlen(names[k]);
            if (strncmp(argv[i], names[k], n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '='))
                return names[k];
        }
    return NULL;
}

/* "no model 'x': did you mean 'y'?", by cs_typo's rule as the interface
 * words it; when several names are equally near, they are listed (the
 * interface gives no guess then; a script's log can show them all). */
static void no_model(const cs_dataset *ds, const char *name, char *buf, size_t size)
{
    char shown[CS_NAMES_SHOWN * 2];
    cs_quote_short(name, shown, sizeof shown);
    cs_typo t;
    cs_typo_init(&t, name);
    for (size_t i = 0; i < ds->n_rows; i++)
        cs_typo_offer(&t, ds->model[i]);
    if (!t.nearest) {
        snprintf(buf, size, "no model '%s' in the data", shown);
        return;
    }
    if (t.n_nearest == 1) {
        char near[CS_NAMES_SHOWN * 2];
        snprintf(buf, size, "no model '%s': did you mean '%s'?%s", shown,
                 cs_quote_short(t.nearest, near, sizeof near), t.best == 0 ? " (case differs)" : "");
        return;
    }
    char list[480];
    cs_namelist l;
    cs_namelist_init(&l, name, CS_NAMES_LISTED, list, sizeof list);
    for (size_t i = 0; i < ds->n_rows; i++) {
        cs_typo one;
        cs_typo_init(&one, name);
        /* each name once: its first row */
        if (cs_typo_offer(&one, ds->model[i]) == t.best && cs_dataset_find_model(ds, ds->model[i]) == (long)i)
            cs_namelist_add(&l, ds->model[i]);
    }
    cs_namelist_end(&l);
    snprintf(buf, size, "no model '%s': %zu names are as near: %s", shown, l.n, list);
}

/* "no task 'mth': did you mean 'math'? (tasks: ...)", the interface's and
 * --task's words: of several tasks as near, no guess (cs_typo_guess). */
static void no_task(const cs_dataset *ds, const char *name, char *buf, size_t size)
{
    /* A column the load left out of the tasks (percentages, a stray N/A):
     * its warning says why, where a guess of a task named like it ("did
     * you mean 'bbh v3'?" of a column bbh) sent the script's author astray. */
    const char *why = cs_dataset_not_a_task_why(ds, name);
    if (why) {
        char quoted[64];
        snprintf(buf, size, "no task '%s': %s", cs_quote_short(name, quoted, sizeof quoted), why);
        return;
    }
    char list[480], text[CS_UNKNOWN_TASK_TEXT];
    cs_namelist l;
    cs_namelist_init(&l, name, CS_NAMES_LISTED, list, sizeof list);
    for (size_t k = 0; k < ds->n_tasks; k++)
        cs_namelist_add(&l, ds->tasks[k].name);
    cs_namelist_end(&l);
    snprintf(buf, size, "no task %s", cs_unknown_task_text(&l, text, sizeof text));
}

/* The unknown models of a --from file whose nearest name is looked for:
 * each look reads every row of the data (2000 lines of a script's own
 * spelling took two minutes against 200,000 rows), and a few show the
 * mistake. */
#define FROM_GUESSES 10

/* Why MODEL TASK VALUE cannot be entered (into buf; returns -1), or 0 with
 * the value: in the interface's order and words. guesses (NULL: no limit):
 * how many unknown models may still be given their nearest name, counted
 * down. */
static int check_score(const cs_dataset *ds, const char *model, const char *task, const char *value, double *v,
                       size_t *guesses, char *buf, size_t size)
{
    if (cs_dataset_find_model(ds, model) < 0) {
        if (cs_dataset_skipped_why(ds, model, buf, size))
            return -1;
        if (!guesses || *guesses > 0) {
            no_model(ds, model, buf, size);
            if (guesses)
                (*guesses)--;
        } else {
            char shown[CS_NAMES_SHOWN * 2];
            snprintf(buf, size, "no model '%s' in the data", cs_quote_short(model, shown, sizeof shown));
        }
        return -1;
    }
    if (cs_dataset_task_index(ds, task) < 0) {
        no_task(ds, task, buf, size);
        return -1;
    }
    if (cs_parse_number_held(value, v) == 0 && *v >= 0 && *v <= 1)
        return 0;
    char shown[CS_NAMES_SHOWN * 2], beyond[96], hint[320];
    cs_quote_short(value, shown, sizeof shown);
    if (cs_number_beyond_why(value, "", beyond, sizeof beyond))
        snprintf(buf, size, "'%s' is %s", shown, beyond);
    else
        snprintf(buf, size, "'%s' is not a score in [0, 1]%s", shown, cs_fraction_hint(value, 0, hint, sizeof hint));
    return -1;
}

/* "capscope: WHERE: msg" on stderr, the data's text escaped. */
static void say_error(const char *where, long line, const char *msg)
{
    fprintf(stderr, "capscope: ");
    cli_out_put_text(where, stderr);
    if (line > 0)
        fprintf(stderr, ":%ld", line);
    fputs(": ", stderr);
    cli_out_put_text(msg, stderr);
    fputc('\n', stderr);
}

static void iso_time(long long when, char *buf, size_t size)
{
    time_t t = (time_t)when;
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(buf, size, "%lld", when);
}

/* The journal's path for a note: ~ for the home directory. */
/* The journal's file for a message. None at all when it could go nowhere
 * (beside the data is not writable, and there is no home for
 * $XDG_DATA_HOME): said so, not as "(null)". */
#define NO_PLACE_FOR_JOURNAL "no journal (no place for one: no home directory for $XDG_DATA_HOME)"

static const char *journal_shown(const cs_cli *c, char *buf, size_t size)
{
    const char *path = c->journal ? cs_journal_file(c->journal) : c->journal_path;
    return path ? cs_path_tilde(path, buf, size) : NO_PLACE_FOR_JOURNAL;
}

static const char *const entry_columns[] = { "model", "task", "value", "was", NULL };

static void put_entry(cli_out *o, const cs_journal_item *it)
{
    cli_out_record(o);
    cli_out_str(o, "model", it->model);
    cli_out_str(o, "task", it->task_name);
    cli_out_num_given(o, "value", it->value);
    if (it->applied && it->had)
        cli_out_num_given(o, "was", it->before);
    else
        cli_out_null(o, "was");
}

/* The journal's lock is let go before the output is written: a reader of
 * a pipe that is slow to read must not hold up an interface's :score.
 * (o holds copies of what it needs.) */
static void release_journal(cs_cli *c)
{
    cs_journal_close(c->journal);
    c->journal = NULL;
}

/* json and csv: the result on stdout; the table is the note's. */
static int emit_unless_table(cs_cli *c, cli_out *o)
{
    release_journal(c);
    return c->format == CLI_FORMAT_TABLE ? CS_EXIT_OK : cli_emit(c, o);
}

/* --from's file as the notes name it. */
static const char *from_shown(const char *from)
{
    return strcmp(from, "-") == 0 ? "standard input" : from;
}

/* No entry made: the list of entries empty, under the journal's name. */
static int emit_no_entries(cs_cli *c)
{
    cli_out *o = cli_out_new("entries");
    cli_out_str(o, "journal", c->journal ? cs_journal_file(c->journal) : c->journal_path);
    cli_out_columns(o, entry_columns);
    int status = emit_unless_table(c, o);
    cli_out_free(o);
    return status;
}

/* The journal to write, opened (created) when cli_load found none. */
static int open_for_writing(cs_cli *c)
{
    if (c->journal)
        return 0;
    if (!c->journal_path) {
        cs_error err;
        cs_error_set(&err, CS_ERR_RUNTIME, c->data_path, 0,
                     "no place for its journal (no home directory for $XDG_DATA_HOME): set XDG_DATA_HOME "
                     "to a directory of yours; nothing was entered");
        return cli_fail(&err);
    }
    cs_journal_replay rep;
    cs_error err;
    memset(&err, 0, sizeof err);
    /* Another capscope may have started it since cli_load looked: it is
     * replayed then, as it would have been. */
    if (cs_journal_open_locked(c->journal_path, c->ds, &c->journal, &rep, c->journal_wait_ms, &err) != 0) {
        /* Said here, not by the journal: the interface enters a score it
         * cannot save all the same ("not saved: no journal"). */
        size_t used = strlen(err.msg);
        snprintf(err.msg + used, sizeof err.msg - used, "; nothing was entered");
        return cli_fail(&err);
    }
    return 0;
}

/* SIGINT, SIGTERM, SIGHUP and SIGQUIT held back while the journal is
 * written: one that ends the command in the middle of a write of many
 * lines (a scheduler's SIGTERM at a job's time limit) left the first lines
 * entered and the rest a torn line, where --from promises all or none. Held
 * back, it ends the command once the write and its sync are done, the
 * batch whole. kill -9 cannot be held back: what it leaves of the batch
 * (journal.h: a torn tail) counts for none of it. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGQUIT);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

/* A line of a --from file and its cell (row, task), for finding the lines
 * that name one cell. */
typedef struct cell_line {
    size_t row, task, k;
} cell_line;

static int by_cell_then_line(const void *a, const void *b)
{
    const cell_line *x = a, *y = b;
    if (x->task != y->task)
        return x->task < y->task ? -1 : 1;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* Which items would change a score: keep[k] is 0 for an item whose value is
 * the one its cell holds when it comes (the data's or the journal's, or an
 * earlier item's for that cell). Such an entry changes nothing, and a
 * script that enters its results again (a nightly job, a rerun after a
 * failure) would double the journal's lines, each an entry that an undo
 * then takes back without a change to show. Returns how many are kept,
 * or SIZE_MAX out of memory. */
static size_t changing_items(const cs_dataset *ds, const cs_journal_score_item *items, size_t n,
                             unsigned char *keep)
{
    cell_line *cl = malloc(n * sizeof *cl);
    if (!cl)
        return SIZE_MAX;
    size_t m = 0, kept = 0;
    for (size_t k = 0; k < n; k++) {
        long row = cs_dataset_find_model(ds, items[k].model);
        int t = cs_dataset_task_index(ds, items[k].task);
        keep[k] = 1; /* a name the journal will refuse is kept: it says so */
        if (row >= 0 && t >= 0)
            cl[m++] = (cell_line){ (size_t)row, (size_t)t, k };
    }
    qsort(cl, m, sizeof *cl, by_cell_then_line);
    for (size_t i = 0; i < m; i++) {
        const cs_task *t = &ds->tasks[cl[i].task];
        int first = i == 0 || cl[i - 1].task != cl[i].task || cl[i - 1].row != cl[i].row;
        int held = first ? t->has[cl[i].row] : 1;
        double now = first ? t->y[cl[i].row] : items[cl[i - 1].k].value;
        keep[cl[i].k] = !(held && now == items[cl[i].k].value);
    }
    free(cl);
    for (size_t k = 0; k < n; k++)
        kept += keep[k];
    return kept;
}

/* Every item already held: nothing written, and said. */
static int say_nothing_changed(cs_cli *c, const cs_journal_score_item *items, size_t n, const char *from)
{
    char v[CS_NUMBER_TEXT];
    if (!from)
        cli_warn(c, "%s %s is %s already: nothing entered", items[0].model, items[0].task,
                 cs_number_text(items[0].value, v));
    else
        cli_warn(c, "nothing entered from %s: %s already", from_shown(from),
                 n == 1 ? "its score is held" : "its scores are held");
    return emit_no_entries(c);
}

/* The n items that change a score, of n_in given. */
static int enter_changing(cs_cli *c, const cs_journal_score_item *items, size_t n, size_t n_in, const char *from,
                          const long *lines)
{
    cs_error err;
    memset(&err, 0, sizeof err);
    size_t before = cs_journal_count(c->journal), failed = n;
    sigset_t old;
    hold_signals(&old);
    int rc = cs_journal_score_all(c->journal, c->ds, items, n, &failed, &err);
    release_signals(&old);
    if (rc != 0) {
        /* An item refused here (a name the data holds but an entry cannot)
         * is named by its line, as check_score's refusals are. */
        if (from && failed < n && err.kind == CS_ERR_INPUT) {
            say_error(from, lines[failed], err.msg);
            say_error(from, 0, "no score was entered");
            return CS_EXIT_USAGE;
        }
        return cli_fail(&err);
    }
    char shown[4096], done[4200];
    const char *where = journal_shown(c, shown, sizeof shown);
    snprintf(done, sizeof done, "%s saved in %s", n == 1 ? "the score was" : "the scores were", where);
    cli_out_done_before(done);
    cli_out *o = cli_out_new("entries");
    cli_out_str(o, "journal", cs_journal_file(c->journal));
    cli_out_columns(o, entry_columns);
    size_t replaced = 0;
    cs_journal_item it = { 0 };
    for (size_t k = before; k < cs_journal_count(c->journal); k++) {
        if (cs_journal_item_at(c->journal, c->ds, k, &it) != 0)
            continue;
        replaced += it.had;
        put_entry(o, &it);
    }
    if (!from) {
        char v[CS_NUMBER_TEXT], was[CS_NUMBER_TEXT + 8] = "";
        if (it.had)
            snprintf(was, sizeof was, ", was %s", cs_number_text(it.before, v));
        cli_warn(c, "%s %s = %s%s (saved in %s)", it.model, it.task_name, cs_number_text(it.value, v), was, where);
    } else {
        char rep[64] = "", held[64] = "";
        if (replaced)
            snprintf(rep, sizeof rep, ", %zu of them replacing a score", replaced);
        if (n_in > n)
            snprintf(held, sizeof held, "; %zu held already, not entered again", n_in - n);
        cli_warn(c, "%zu score%s entered from %s%s%s (saved in %s)", n, n == 1 ? "" : "s",
                 from_shown(from), rep, held, where);
    }
    int status = emit_unless_table(c, o);
    cli_out_free(o);
    cli_out_done_before(NULL);
    return status;
}

/* Enter items (all or none) and say so. from: the file they came from, or
 * NULL for one score given as arguments; lines: each item's line in it. */
static int enter_scores(cs_cli *c, const cs_journal_score_item *items, size_t n, const char *from,
                        const long *lines)
{
    unsigned char *keep = malloc(n);
    cs_journal_score_item *changing = malloc(n * sizeof *changing);
    long *changing_line = malloc(n * sizeof *changing_line);
    int status = 0;
    size_t n_changing = SIZE_MAX;
    /* No journal when the data was loaded, and none now: the data's scores
     * are all there is, and a batch whose scores it holds enters nothing,
     * so no journal is made for it (an empty file, as no refusal leaves
     * one). Made since, it is opened and asked under its lock below. */
    if (keep && changing && changing_line && !c->journal && c->journal_path &&
        access(c->journal_path, F_OK) != 0 && errno == ENOENT &&
        (n_changing = changing_items(c->ds, items, n, keep)) == 0) {
        status = say_nothing_changed(c, items, n, from);
        goto done;
    }
    if ((status = open_for_writing(c)) != 0)
        goto done;
    /* Under the journal's lock, with every entry of it counted: what is
     * already held is known for sure. */
    n_changing = keep && changing && changing_line ? changing_items(c->ds, items, n, keep) : SIZE_MAX;
    if (n_changing == SIZE_MAX) {
        status = cli_out_of_memory();
    } else {
        for (size_t k = 0, m = 0; k < n; k++)
            if (keep[k]) {
                changing[m] = items[k];
                changing_line[m++] = lines ? lines[k] : 0;
            }
        status = n_changing == 0 ? say_nothing_changed(c, items, n, from)
                                 : enter_changing(c, changing, n_changing, n, from, changing_line);
    }
done:
    free(keep);
    free(changing);
    free(changing_line);
    return status;
}

static int score_one(cs_cli *c, char **words)
{
    double v;
    char why[1200];
    if (check_score(c->ds, words[0], words[1], words[2], &v, NULL, why, sizeof why) != 0) {
        say_error("score", 0, why);
        return CS_EXIT_USAGE;
    }
    const cs_journal_score_item it = { words[0], words[1], v };
    return enter_scores(c, &it, 1, NULL, NULL);
}

static int score_from(cs_cli *c, const cs_scorefile *sf, const char *from)
{
    if (sf->n == 0) {
        cli_warn(c, "no scores in %s: nothing entered", from_shown(from));
        return emit_no_entries(c);
    }
    cs_journal_score_item *items = malloc(sf->n * sizeof *items);
    long *lines = malloc(sf->n * sizeof *lines);
    if (!items || !lines) {
        free(items);
        free(lines);
        return cli_out_of_memory();
    }
    size_t bad = 0, guesses = FROM_GUESSES, unknown = 0;
    char why[1200];
    for (size_t k = 0; k < sf->n; k++) {
        const cs_score_record *r = &sf->rec[k];
        lines[k] = r->line;
        unknown += r->n_fields == 3 && cs_dataset_find_model(c->ds, r->model) < 0;
        if (r->n_fields != 3) {
            /* A spreadsheet in a locale with a decimal comma exports
             * m;t;0,5, which reads as two fields, "m;t;0" and "5". */
            const char *sep = "";
            if (r->n_fields == 1 && strchr(r->model, '\t'))
                sep = " (fields are separated by commas, not tabs)";
            else if (r->n_fields == 1 && strchr(r->model, ';'))
                sep = " (fields are separated by commas, not semicolons)";
            else if (strchr(r->model, ';'))
                sep = " (fields are separated by commas, not semicolons, and a fraction is written with a "
                      "point: 0.5, not 0,5)";
            snprintf(why, sizeof why, "expected MODEL,TASK,VALUE, found %zu field%s%s", r->n_fields,
                     r->n_fields == 1 ? "" : "s", sep);
        } else if (check_score(c->ds, r->model, r->task, r->value, &items[k].value, &guesses, why, sizeof why) ==
                   0) {
            items[k].model = r->model;
            items[k].task = r->task;
            continue;
        }
        say_error(from, r->line, why);
        bad++;
    }
    int status;
    if (bad) {
        char msg[200], capped[96] = "";
        if (unknown > FROM_GUESSES)
            snprintf(capped, sizeof capped, " (the nearest names guessed for the first %d unknown models)",
                     FROM_GUESSES);
        snprintf(msg, sizeof msg, "%zu of %zu line%s refused%s; no score was entered", bad, sf->n,
                 sf->n == 1 ? "" : "s", capped);
        say_error(from, 0, msg);
        status = CS_EXIT_USAGE;
    } else {
        status = enter_scores(c, items, sf->n, from, lines);
    }
    free(items);
    free(lines);
    return status;
}

static int undo_last(cs_cli *c)
{
    cli_out *o = cli_out_new("entries");
    cli_out_str(o, "journal", c->journal ? cs_journal_file(c->journal) : c->journal_path);
    cli_out_columns(o, (const char *const[]){ "model", "task", "value", "now", "line", NULL });
    char buf[4096];
    const char *shown = journal_shown(c, buf, sizeof buf);
    size_t n = c->journal ? cs_journal_count(c->journal) : 0;
    int status = CS_EXIT_OK;
    char *model = NULL, *task = NULL;
    if (n == 0) {
        cli_warn(c, c->journal || c->journal_path ? "nothing to undo in %s" : "nothing to undo: %s", shown);
        goto out;
    }
    cs_journal_item it;
    cs_journal_item_at(c->journal, c->ds, n - 1, &it);
    /* The names outlive the entry popped: the data's, or copied. Whole:
     * a name of 1,100 bytes came out cut at 1,023 in JSON and CSV. */
    model = strdup(it.model);
    task = strdup(it.task_name);
    if (!model || !task) {
        status = cli_out_of_memory();
        goto out;
    }
    char v[CS_NUMBER_TEXT], now[CS_NUMBER_TEXT + 8];
    cs_error err;
    memset(&err, 0, sizeof err);
    sigset_t old;
    hold_signals(&old);
    int rc = cs_journal_undo(c->journal, c->ds, &err);
    release_signals(&old);
    if (rc < 0) {
        status = cli_fail(&err);
        goto out;
    }
    char done[4200];
    snprintf(done, sizeof done, "the last entry was taken back from %s", shown);
    cli_out_done_before(done);
    cli_out_record(o);
    cli_out_str(o, "model", model);
    cli_out_str(o, "task", task);
    cli_out_num_given(o, "value", it.value);
    if (rc == 2) {
        cli_out_null(o, "now");
        cli_out_int(o, "line", it.line);
        cli_warn(c, "took back line %ld of %s, %s %s = %s, a model or task not in the data (no score changed)",
                 it.line, shown, model, task, cs_number_text(it.value, v));
    } else {
        const cs_task *t = &c->ds->tasks[it.task];
        if (t->has[it.row]) {
            cli_out_num_given(o, "now", t->y[it.row]);
            snprintf(now, sizeof now, "now %s", cs_number_text(t->y[it.row], v));
        } else {
            cli_out_null(o, "now");
            snprintf(now, sizeof now, "now unscored");
        }
        cli_out_int(o, "line", it.line);
        char when[32];
        iso_time(it.when, when, sizeof when);
        cli_warn(c, "took back %s %s = %s (%s), line %ld of %s, entered %s", model, task,
                 cs_number_text(it.value, v), now, it.line, shown, when);
    }
out:
    if (status == CS_EXIT_OK)
        status = emit_unless_table(c, o);
    cli_out_free(o);
    cli_out_done_before(NULL);
    free(model);
    free(task);
    return status;
}

static int list_entries(cs_cli *c)
{
    cli_out *o = cli_out_new("entries");
    cli_out_str(o, "journal", c->journal ? cs_journal_file(c->journal) : c->journal_path);
    static const char *const cols[] = { "line", "time", "model", "task", "value", "was", "applied", NULL };
    cli_out_columns(o, cols);
    size_t n = c->journal ? cs_journal_count(c->journal) : 0;
    for (size_t k = 0; k < n; k++) {
        cs_journal_item it;
        if (cs_journal_item_at(c->journal, c->ds, k, &it) != 0)
            continue;
        char when[32];
        iso_time(it.when, when, sizeof when);
        cli_out_record(o);
        cli_out_int(o, "line", it.line);
        cli_out_str(o, "time", when);
        cli_out_str(o, "model", it.model);
        cli_out_str(o, "task", it.task_name);
        cli_out_num_given(o, "value", it.value);
        if (it.applied && it.had)
            cli_out_num_given(o, "was", it.before);
        else
            cli_out_null(o, "was");
        cli_out_bool(o, "applied", it.applied);
    }
    if (!c->journal) {
        char shown[4096];
        if (c->journal_path)
            cli_warn(c, "%s does not exist: no score has been entered on this data",
                     journal_shown(c, shown, sizeof shown));
        else
            cli_warn(c, "%s: no score has been entered on this data", journal_shown(c, shown, sizeof shown));
    }
    release_journal(c);
    int status = cli_emit(c, o);
    cli_out_free(o);
    return status;
}

int cmd_score(int argc, char **argv)
{
    static const struct option local[] = {
        { "from", required_argument, NULL, OPT_FROM },
        { "undo", no_argument, NULL, OPT_UNDO },
        { "list", no_argument, NULL, OPT_LIST },
        { "wait", required_argument, NULL, OPT_WAIT },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "score");
    score_args a = { 0 };
    cs_scorefile sf = { 0 };
    int first = argc;
    int status = cli_parse_args(&c, argc, argv, local, score_option, &a, score_help, &first);
    if (status >= 0)
        goto out;
    const char *bad = not_for_score(argc, argv);
    int n_words = argc - first, modes = (a.from != NULL) + a.undo + a.list + (n_words > 0);
    if (bad)
        status = cli_usage_error(&c, "%s does not apply to score (it names the model and task it enters)", bad);
    else if (modes == 0)
        status = cli_usage_error(&c, "give MODEL TASK VALUE, --from FILE, --undo or --list");
    else if (modes > 1)
        status = cli_usage_error(&c, "give one of MODEL TASK VALUE, --from FILE, --undo and --list");
    else if (n_words > 0 && n_words != 3)
        status = cli_usage_error(&c, "expected MODEL TASK VALUE, got %d argument%s (quote a name with blanks)",
                                 n_words, n_words == 1 ? "" : "s");
    else if (!c.data_path)
        status = cli_usage_error(&c, "needs --data FILE: the demo data keeps no journal (it is the same every time)");
    else if (strcmp(c.data_path, "-") == 0)
        status = cli_usage_error(&c, "--data - (standard input) keeps no journal: give the data file");
    else if (cs_journal_is_stream(c.data_path))
        status = cli_usage_error(&c, "--data %s is a stream (standard input by another name, a pipe, a "
                                 "FIFO or a device): it keeps no journal; give the data file", c.data_path);
    else if (a.from && c.config_path && strcmp(a.from, "-") == 0 && strcmp(c.config_path, "-") == 0)
        status = cli_usage_error(&c, "--from - and --config - cannot both read standard input");
    if (status >= 0)
        goto out;
    /* The scores are read before the data and its journal: the journal is
     * locked from then until the end, and a pipe's writer may be slow. */
    cs_error err;
    memset(&err, 0, sizeof err);
    if (a.from && cs_scorefile_read(a.from, &sf, &err) != 0) {
        status = cli_fail(&err);
        goto out;
    }
    /* --list only reads: it does not wait for a writer's lock (one that
     * is stopped held it up, and a colleague's look at the list with it). */
    c.journal_mode = a.list ? CLI_JOURNAL_KEEP_READ : CLI_JOURNAL_KEEP;
    if ((status = cli_load(&c)) != 0)
        goto out;
    if (a.list)
        status = list_entries(&c);
    else if (a.undo)
        status = undo_last(&c);
    else if (a.from)
        status = score_from(&c, &sf, a.from);
    else
        status = score_one(&c, argv + first);
out:
    cs_scorefile_free(&sf);
    return cli_finish(&c, status);
}
