/* app.c - the TUI's model as a whole: its life cycle (init, load, restore,
 * unload), its journal, the status line's messages, and what a change of
 * task, of scores or of the fits' weighting makes stale.
 *
 * The rest of the model is split by idea: app_jobs.c the background work,
 * app_cursor.c the points, the cursor and the search, app_band.c and
 * app_coverage.c the band and the coverage strip with their caches,
 * app_state.c the session state, app_input.c where keys and command lines
 * go. app_internal.h declares the little they share.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capscope/date.h"
#include "capscope/demo.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "tui/app_internal.h"
#include "tui/command.h"
#include "tui/worker.h"

void tui_app_init(tui_app *app, const tui_settings *set)
{
    memset(app, 0, sizeof *app);
    app->set = *set;
    app->from_config = *set;
    app->charset = set->charset >= 0 ? set->charset : CS_CHARSET_BRAILLE;
    app->utf8 = 1;
    app->charset_auto = CS_CHARSET_BRAILLE;
    app->cursor = -1;
    app->split_k = 1;
    app->help_last_top = INT_MAX; /* known once the help is drawn */
    app->focus = TUI_PANE_TASKS;
    cs_config_init(&app->cfg);
}

static void unload(tui_app *app)
{
    tui_worker_stop(&app->worker); /* its result would be for the old data */
    tui_app_points_free(&app->pts);
    cs_design_result_free(&app->design);
    memset(&app->design, 0, sizeof app->design);
    if (app->journal)
        cs_journal_close(app->journal);
    app->journal = NULL;
    app->journal_named = 0;
    app->journal_watch_said = 0;
    app->journal_retrying = 0;
    for (size_t t = 0; app->fits && app->ds && t < app->ds->n_tasks; t++)
        free(app->fits[t].order);
    cs_dataset_free(app->ds);
    app->ds = NULL;
    free(app->fits);
    free(app->marked);
    free(app->train);
    free(app->val);
    free(app->matches);
    free(app->undo);
    free(app->zorder);
    app->zorder = NULL;
    app->zorder_n = 0;
    cs_design_layout_free(app->layout); /* the worker, which may read it, is stopped */
    app->layout = NULL;
    free(app->drift);
    app->drift = NULL;
    app->drift_nt = app->drift_ns = 0;
    app->drift_running = app->drift_on = 0;
    app->design_running = 0;
    app->band_valid = app->full_cov_valid = 0;
    app->fits = NULL;
    app->marked = app->train = app->val = NULL;
    app->matches = NULL;
    app->undo = NULL;
    app->n_matches = app->n_undo = app->cap_undo = 0;
    app->spent_valid = app->sampler_why_valid = 0;
}

void tui_app_free(tui_app *app)
{
    tui_loader_stop(&app->loader);
    unload(app);
    free(app->data_path);
    free(app->config_path);
    cs_config_free(&app->cfg);
    app->data_path = app->config_path = NULL;
}

void tui_app_msg(tui_app *app, int error, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int len = vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    /* Too long: cut the whole text at a code point, not at byte 511, which
     * could leave half a UTF-8 sequence (a long model name) to show as U+FFFD. */
    char *whole = len >= (int)sizeof app->msg ? malloc((size_t)len + 1) : NULL;
    if (whole) {
        vsnprintf(whole, (size_t)len + 1, fmt, again);
        size_t cut = cs_text_floor(NULL, whole, sizeof app->msg - 1);
        memcpy(app->msg, whole, cut);
        app->msg[cut] = '\0';
        free(whole);
    }
    va_end(again);
    va_end(ap);
    app->msg_error = error;
    app->msg_serial++;
    /* A message said again (a key pressed twice) would push out the others. */
    if (app->n_msg_log && app->msg_log_error[0] == error && strcmp(app->msg_log[0], app->msg) == 0)
        return;
    size_t keep = app->n_msg_log < TUI_MSG_LOG ? app->n_msg_log : TUI_MSG_LOG - 1;
    memmove(app->msg_log[1], app->msg_log[0], keep * sizeof app->msg_log[0]);
    memmove(&app->msg_log_error[1], &app->msg_log_error[0], keep * sizeof app->msg_log_error[0]);
    memcpy(app->msg_log[0], app->msg, sizeof app->msg);
    app->msg_log_error[0] = error;
    app->n_msg_log = keep + 1;
}

void tui_app_status(tui_app *app, const char *text)
{
    size_t cut = cs_text_floor(NULL, text, sizeof app->msg - 1);
    memcpy(app->msg, text, cut);
    app->msg[cut] = '\0';
    app->msg_error = 0;
    app->msg_serial++;
}

void tui_app_quantiles_dirty(tui_app *app)
{
    app->qfit_dirty = 1;
    for (size_t i = 0; i < TUI_MAX_QUANTILES; i++)
        app->qfit_ok[i] = -1;
}

const char *tui_app_scheme_refusal(const cs_dataset *ds, const char *text, cs_scheme *out, char *why,
                                   size_t size)
{
    if (cs_dataset_undated_why(ds, why, size))
        return why;
    cs_error err;
    if (cs_scheme_parse(text, ds, out, &err) < 0) {
        snprintf(why, size, "%s", err.msg);
        return why;
    }
    if (cs_scheme_n_splits(out) == 0) {
        snprintf(why, size, "scheme %s has no splits", text);
        return why;
    }
    /* The way out first: a status line of 80 columns cuts the rest. */
    int32_t span[2], rows[2];
    if (cs_scheme_misses_rows(out, ds, NULL, span, rows)) {
        char spanned[48], from[16], to[16];
        snprintf(why, size, "scheme %s holds no row: try :scheme rolling:6,3,3 or cut dates (its periods: %s; "
                 "the rows: %s to %s)", text, cs_scheme_span_text(span, spanned, sizeof spanned),
                 cs_format_date(rows[0], from, sizeof from), cs_format_date(rows[1], to, sizeof to));
        return why;
    }
    return NULL;
}

void tui_app_split_changed(tui_app *app, int warm)
{
    app->split_dirty = 1;
    app->split_warm = warm;
    app->other_dirty = 1;
    app->pts.valid = 0;
}

static void invalidate_task_views(tui_app *app)
{
    tui_app_split_changed(app, 0);
    tui_app_quantiles_dirty(app);
    app->design_dirty = 1;
}

static tui_file_id file_id(const char *path)
{
    tui_file_id id;
    struct stat st;
    memset(&id, 0, sizeof id);
    /* A stream (a FIFO, /dev/fd/63 of a shell's <(...)) has no version on
     * disk: the writes that fed the load move a pipe's times, and it was
     * said to have changed, with a :load that would wait for a writer gone. */
    if (!path || cs_journal_is_stream(path) || stat(path, &st) != 0)
        return id;
    id.ok = 1;
    id.dev = (unsigned long long)st.st_dev;
    id.ino = (unsigned long long)st.st_ino;
    id.size = (unsigned long long)st.st_size;
    id.mtime_sec = (long long)st.st_mtim.tv_sec;
    id.mtime_nsec = (long long)st.st_mtim.tv_nsec;
    return id;
}

/* The data file now against the one loaded: one stat for whether it
 * changed and whether it is there at all. */
enum { DATA_SAME, DATA_CHANGED, DATA_GONE };
static int data_file_look(const tui_app *app)
{
    if (!app->ds || !app->data_id.ok)
        return DATA_SAME;
    tui_file_id now = file_id(app->data_path), was = app->data_id;
    if (!now.ok)
        return DATA_GONE;
    return now.dev != was.dev || now.ino != was.ino || now.size != was.size || now.mtime_sec != was.mtime_sec ||
                   now.mtime_nsec != was.mtime_nsec
               ? DATA_CHANGED
               : DATA_SAME;
}

const char *tui_app_reload_hint(const tui_app *app, char *buf, size_t size)
{
    char quoted[1024];
    if (size == 0)
        return "";
    buf[0] = '\0';
    int look = data_file_look(app);
    if (look == DATA_SAME)
        return buf;
    /* Gone, a :load would fail (tui_app_watch_data): the word on the
     * journal stands over the one that said so, and carries it instead. */
    if (look == DATA_GONE)
        snprintf(buf, size, "the data file is gone from disk since it was loaded (moved or deleted); ");
    else {
        /* A name too long for a command line still has its change said,
         * with the :load in the words the watch uses for it. */
        if (tui_quote_word(app->data_path, quoted, sizeof quoted) < 0)
            snprintf(quoted, sizeof quoted, "FILE");
        snprintf(buf, size, "the data file has changed since it was loaded (:load %s reads it); ", quoted);
    }
    return buf;
}

unsigned tui_app_watch_data(tui_app *app)
{
    /* What was said last stands until the file is otherwise: a change
     * once (a file written again and again is not said again and again),
     * gone once, and back. Looked at whatever was said: a file changed,
     * then moved away, was said to be there for the :load offered. */
    int look = data_file_look(app);
    if (look == DATA_SAME) {
        app->data_change_said = 0; /* as loaded again (written back as it was) */
        if (!app->data_gone_said)
            return TUI_CH_NONE;
        /* Back as it was loaded (moved away and back): the word that it
         * was gone stood on the status line. */
        app->data_gone_said = 0;
        tui_app_msg(app, 0, "%s is back on disk, as it was loaded", app->data_path);
        return TUI_CH_STATUS;
    }
    /* Gone (deleted, moved away, or between a delete and a copy): :load
     * would fail, and is not offered. */
    if (look == DATA_GONE) {
        if (app->data_gone_said)
            return TUI_CH_NONE;
        app->data_gone_said = 1;
        app->data_change_said = 0;
        tui_app_msg(app, 1, "%s is gone from disk since it was loaded (moved or deleted): the data, the fits and "
                    "the suggestions shown are the file as it was", app->data_path);
        return TUI_CH_STATUS;
    }
    if (app->data_change_said)
        return TUI_CH_NONE;
    app->data_change_said = 1;
    app->data_gone_said = 0;
    char quoted[1024];
    if (tui_quote_word(app->data_path, quoted, sizeof quoted) < 0)
        snprintf(quoted, sizeof quoted, "FILE");
    /* What to do first: a status line of 80 columns cuts the rest. The
     * suggestions may name models that the new file has scored. */
    tui_app_msg(app, 1, "%s has changed on disk since it was loaded: :load %s reads it (the data, the fits "
                "and the suggestions shown are the file as it was)", app->data_path, quoted);
    return TUI_CH_STATUS;
}

int tui_app_data_changed(const tui_app *app)
{
    return data_file_look(app) != DATA_SAME;
}

/* The names of the task shown and of the marked tasks, the task shown
 * first, NUL after each and an empty name after the last (NULL: no data,
 * or no memory, and nothing to keep). A task's name may hold any byte but
 * NUL: a line break is one in a quoted header. */
static char *kept_task_names(const tui_app *app)
{
    if (!app->ds)
        return NULL;
    const cs_dataset *ds = app->ds;
    size_t size = strlen(ds->tasks[app->task].name) + 2;
    for (size_t t = 0; t < ds->n_tasks; t++)
        size += app->marked[t] ? strlen(ds->tasks[t].name) + 1 : 0;
    char *names = malloc(size), *end = names;
    if (!names)
        return NULL;
    for (size_t k = 0; k <= ds->n_tasks; k++) {
        size_t t = k == 0 ? app->task : k - 1;
        if (k == 0 || app->marked[t]) {
            size_t len = strlen(ds->tasks[t].name) + 1;
            memcpy(end, ds->tasks[t].name, len);
            end += len;
        }
    }
    *end = '\0';
    return names;
}

/* kept_task_names put back on the data now installed: what it has of them. */
static void take_task_names(tui_app *app, const char *names)
{
    for (const char *name = names; name && *name; name += strlen(name) + 1) {
        int t = cs_dataset_task_index(app->ds, name);
        if (t >= 0 && name == names)
            app->task = (size_t)t;
        else if (t >= 0)
            app->marked[t] = 1;
    }
}

/* The cells the journal of the data shown has scores of, held across a
 * :load of another file: a newer export under a new name (lab-1207.csv)
 * has a journal of its own, and the scores entered on the old name stayed
 * in the old one with no word, lost to the user at the next :load. */
typedef struct left_scores {
    char *journal;  /* the old data's journal file, NULL: nothing held */
    char **models;  /* the models of its applied entries, one per entry */
    char **tasks;   /* and their tasks */
    size_t n;
} left_scores;

static void free_left_scores(left_scores *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->models[i]);
        free(l->tasks[i]);
    }
    free(l->models);
    free(l->tasks);
    free(l->journal);
    memset(l, 0, sizeof *l);
}

static void hold_left_scores(const tui_app *app, const char *path, left_scores *l)
{
    if (!app->journal || !app->ds || !app->data_path || strcmp(app->data_path, path) == 0)
        return;
    size_t n = cs_journal_count(app->journal);
    if (n == 0 || !(l->models = calloc(n, sizeof *l->models)) || !(l->tasks = calloc(n, sizeof *l->tasks)) ||
        !(l->journal = strdup(cs_journal_file(app->journal)))) {
        free_left_scores(l);
        return; /* advice only: nothing said for want of memory */
    }
    for (size_t k = 0; k < n; k++) {
        cs_journal_item it;
        if (cs_journal_item_at(app->journal, app->ds, k, &it) != 0 || !it.applied ||
            !(l->models[l->n] = strdup(it.model)))
            continue;
        if (!(l->tasks[l->n] = strdup(it.task_name))) {
            free(l->models[l->n]);
            continue;
        }
        l->n++;
    }
}

/* How many of the held scores name a model and a task of ds: a table of
 * another benchmark names the same models (names are shared across
 * evaluations), and a copy of the journal there would bring only entries
 * skipped as stale at every load. */
static size_t left_scores_here(const left_scores *l, const cs_dataset *ds)
{
    size_t here = 0;
    for (size_t i = 0; i < l->n; i++)
        here += cs_dataset_find_model(ds, l->models[i]) >= 0 && cs_dataset_task_index(ds, l->tasks[i]) >= 0;
    return here;
}

/* Replace what is loaded with ds (taken, freed on failure), read from
 * path (NULL: the demo data). id: the file at path as it was before it was read, for
 * tui_app_data_changed. Taken after the read, it was the identity of a
 * newer version moved over the file during a load of seconds, and the data
 * shown, the older, was never said to have changed. (Replaced between that
 * look and the read, the newer is shown and said to have changed: a :load
 * more, rather than stale data unsaid.) */
static int install(tui_app *app, cs_dataset *ds, const char *path, const tui_file_id *id, cs_error *err)
{
    if (ds->n_tasks == 0) {
        cs_dataset_free(ds);
        return cs_error_set(err, CS_ERR_INPUT, path ? path : "demo", 0, "no task columns (scores in [0, 1])");
    }
    size_t n = ds->n_rows;
    tui_taskfit *fits = calloc(ds->n_tasks, sizeof *fits);
    unsigned char *marked = calloc(ds->n_tasks, 1), *train = calloc(n + 1, 1), *val = calloc(n + 1, 1);
    if (!fits || !marked || !train || !val) {
        free(fits);
        free(marked);
        free(train);
        free(val);
        cs_dataset_free(ds);
        return cs_error_set(err, CS_ERR_RUNTIME, path ? path : "demo", 0, "out of memory");
    }
    char *newpath = path ? strdup(path) : NULL;
    /* The task shown and the marks, by name, for the new data: a newer
     * version of the file (:load it again) or another with the same
     * columns is read for the same benchmarks, and the sampler serves the
     * marked ones. */
    char *kept = kept_task_names(app);
    left_scores left = { 0 };
    if (path)
        hold_left_scores(app, path, &left);
    if (app->ds && app->before_unload)
        app->before_unload(app, app->before_unload_ctx);
    unload(app);
    free(app->data_path);
    app->data_path = newpath;
    app->data_id = *id;
    app->data_change_said = 0;
    app->data_gone_said = 0;
    app->ds = ds;
    app->fits = fits;
    app->marked = marked;
    app->train = train;
    app->val = val;
    app->task = 0;
    app->cursor = -1;
    app->pick_sel = 0;
    app->score_chain = 0;
    app->search[0] = '\0';
    app->view.manual = 0;
    app->msg[0] = '\0';
    take_task_names(app, kept);
    free(kept);
    /* What the loader noticed (a column of scores with a stray value, a
     * repeated name, rows without flops) goes on the status line, unless
     * the journal's word comes after it, which is what to act on first.
     * The others go to :messages before it, so that they read in the
     * file's order there: sending the user to a shell for them is no help
     * over SSH. */
    if (ds->n_warnings) {
        size_t logged = ds->n_warnings < TUI_MSG_LOG ? ds->n_warnings : TUI_MSG_LOG;
        for (size_t i = logged; i-- > 1;)
            tui_app_msg(app, 1, "%s", ds->warnings[i]);
        size_t more = ds->n_warnings - 1;
        if (more == 0)
            tui_app_msg(app, 1, "%s", ds->warnings[0]);
        else if (more < TUI_MSG_LOG)
            tui_app_msg(app, 1, "%s (%zu more: :messages)", ds->warnings[0], more);
        else
            tui_app_msg(app, 1, "%s (%zu more, %zu in :messages: capscope fit --data %s lists them)",
                        ds->warnings[0], more, (size_t)TUI_MSG_LOG - 1, path ? path : "FILE");
    }
    /* An existing journal is replayed now; a new one is only created by the
     * first :score, so merely looking at a file never writes beside it. */
    if (path && strcmp(path, "-") != 0) {
        char *jpath = cs_journal_path_for(path);
        size_t entries;
        char *orphan;
        /* Out of memory is not "no journal": tried, and the refusal said,
         * rather than the data shown without its journal's scores. */
        int exists = jpath ? access(jpath, F_OK) == 0 : errno == ENOMEM;
        int own = exists && tui_app_open_journal(app) == 0;
        /* Refused now (its message stands): not tried, and said, again a
         * second later by the look at the journal (tui_app_take_in_journal). */
        if (exists && !own)
            app->journal_watch_said = 1;
        /* The file renamed: its scores are in the old name's journal, and
         * stay there once a score entered since has started this name's
         * own. Said last, over the journal's own word (in :messages): these
         * scores are not in use at all. The way out first: a status line
         * of 80 columns cut it off after the old journal's name and why.
         * Not over an own journal's refusal (a malformed line): that is
         * what to see first, and "rename" would replace it. */
        /* The data shown before had scores of these models in its own
         * journal: said, with the way to bring them here, while this file
         * has no journal yet (once it has, its entries would come after
         * the copied ones, and merging is the user's call). */
        size_t here = !exists && jpath ? left_scores_here(&left, ds) : 0;
        if (here) {
            /* The copy as a shell takes it, and the :load as the command
             * line does, pasted: a name with a blank quoted. */
            char from[1024], to[1024], again[1024];
            if (tui_quote_word(path, again, sizeof again) < 0)
                snprintf(again, sizeof again, "%s", path);
            tui_app_msg(app, 1, "%zu score%s of these models entered on the data shown before %s in %s: "
                        "cp %s %s, then :load %s, to use %s here",
                        here, here == 1 ? "" : "s", here == 1 ? "stays" : "stay", left.journal,
                        cs_shell_word(left.journal, from, sizeof from), cs_shell_word(jpath, to, sizeof to), again,
                        here == 1 ? "it" : "them");
        }
        if ((!exists || own) && (orphan = cs_journal_orphan(path, ds, &entries))) {
            if (own)
                tui_app_msg(app, 1, "to use %s's %zu score%s of these models, put its lines before %s's: "
                            "cat %s %s > %s.new && mv %s.new %s (its data file is gone: renamed?)", orphan,
                            entries, entries == 1 ? "" : "s", jpath, orphan, jpath, jpath, jpath, jpath);
            else
                tui_app_msg(app, 1, "rename %s to %s.journal to use its %zu score%s of these models "
                            "(its data file is gone: renamed?)", orphan, path, entries,
                            entries == 1 ? "" : "s");
            free(orphan);
        }
        free(jpath);
    }
    /* Scores entered in an earlier session come back silently otherwise:
     * n in the task list grows by them, and nothing says why. */
    size_t replayed = cs_journal_count_applied(app->journal);
    if (!app->msg[0] && replayed)
        tui_app_msg(app, 0, "%zu score%s entered earlier replayed from %s", replayed, replayed == 1 ? "" : "s",
                    cs_journal_file(app->journal));
    /* The split view stays only on data it can split, as s opens it only
     * there (refuse_undated): kept with the last data's scheme, it showed
     * none of the new points, each on neither side of that scheme's cut. */
    if (app->split_on) {
        char why[300];
        const char *off = tui_app_scheme_refusal(ds, app->set.scheme, &app->scheme, why, sizeof why);
        app->scheme_ok = !off;
        if (off) {
            app->split_on = app->show_other = 0;
            if (!app->msg[0])
                tui_app_msg(app, 0, "split view off: %s", off);
        }
    }
    free_left_scores(&left);
    tui_app_refit_all(app);
    invalidate_task_views(app);
    return 0;
}

int tui_app_load_hooked(tui_app *app, const char *path, const cs_load_hooks *hooks, cs_error *err)
{
    cs_dataset *ds = NULL;
    tui_file_id id = file_id(path);
    /* Standard input is the terminal here: a message names no '-'. */
    cs_load_hooks own = hooks ? *hooks : (cs_load_hooks){ 0 };
    own.no_stdin = 1;
    int rc = path ? cs_dataset_load_hooked(path, &app->cfg, &own, &ds, err)
                  : cs_dataset_parse(cs_demo_csv, cs_demo_csv_size, "demo", &app->cfg, &ds, err);
    return rc < 0 ? -1 : install(app, ds, path, &id, err);
}

int tui_app_load(tui_app *app, const char *path, cs_error *err)
{
    return tui_app_load_hooked(app, path, NULL, err);
}

/* What :load says once the data is in: what loading said (about the
 * journal, the loader's warnings) first, as it is what to act on. */
static void say_loaded(tui_app *app, const char *path)
{
    char said[sizeof app->msg];
    int said_error = app->msg_error;
    snprintf(said, sizeof said, "%s", app->msg);
    size_t nm = app->ds->n_rows, nt = app->ds->n_tasks;
    if (said[0]) {
        /* The same words, with the counts after them, take its place in
         * :messages: said twice there, they pushed out one of the load's
         * other warnings. */
        if (app->n_msg_log && strcmp(app->msg_log[0], said) == 0) {
            app->n_msg_log--;
            memmove(app->msg_log[0], app->msg_log[1], app->n_msg_log * sizeof app->msg_log[0]);
            memmove(&app->msg_log_error[0], &app->msg_log_error[1], app->n_msg_log * sizeof app->msg_log_error[0]);
        }
        tui_app_msg(app, said_error, "%s (loaded %zu model%s, %zu task%s)", said, nm, nm == 1 ? "" : "s", nt,
                    nt == 1 ? "" : "s");
    } else
        tui_app_msg(app, 0, "loaded %s: %zu model%s, %zu task%s", path, nm, nm == 1 ? "" : "s", nt,
                    nt == 1 ? "" : "s");
}

/* What the data shown came from, for a message. */
static const char *shown_name(const tui_app *app)
{
    return app->data_path ? app->data_path : "the demo data";
}

/* A failed load leaves the data as it was, and says so when there is any. */
static unsigned say_not_loaded(tui_app *app, const cs_error *err)
{
    char msg[700];
    cs_error_string(err, msg, sizeof msg);
    if (app->ds)
        tui_app_msg(app, 1, "%s; %s still loaded", msg, shown_name(app));
    else
        tui_app_msg(app, 1, "%s", msg);
    return TUI_CH_STATUS;
}

unsigned tui_app_load_file(tui_app *app, const char *path)
{
    /* The interface runs on a terminal on standard input (tui_term_check):
     * read as data in raw mode, it took the keys as rows and never ended,
     * no Esc, no q, and SIGTERM only interrupted a read that went on. */
    if (strcmp(path, "-") == 0 && isatty(STDIN_FILENO)) {
        tui_app_msg(app, 1, "-: standard input is the terminal the keys come from, not data; :load a file by name");
        return TUI_CH_STATUS;
    }
    tui_loader_stop(&app->loader); /* a new :load replaces one still reading */
    app->loading_id = file_id(path);
    /* Standard input that is not the terminal (only where no interface
     * runs, as in the unit tests) is read here, to its end. */
    if (strcmp(path, "-") != 0 && tui_loader_start(&app->loader, path, &app->cfg) == 0) {
        app->load_shown[0] = '\0';
        app->msg[0] = '\0'; /* the status line shows the rows read */
        return TUI_CH_STATUS;
    }
    cs_error err;
    if (tui_app_load(app, path, &err) < 0)
        return say_not_loaded(app, &err);
    say_loaded(app, path);
    return TUI_CH_ALL;
}

int tui_app_loading(const tui_app *app)
{
    return tui_loader_busy(&app->loader);
}

unsigned tui_app_load_poll(tui_app *app)
{
    if (!tui_loader_poll(&app->loader)) {
        char now[CS_LOAD_PROGRESS_TEXT];
        if (!tui_loader_busy(&app->loader) ||
            strcmp(tui_loader_progress(&app->loader, now), app->load_shown) == 0)
            return TUI_CH_NONE;
        memcpy(app->load_shown, now, sizeof now);
        return TUI_CH_STATUS;
    }
    tui_loader *l = &app->loader;
    char *path = l->path;
    l->path = NULL;
    cs_dataset *ds = l->ds;
    l->ds = NULL;
    unsigned ch;
    cs_error err = l->err;
    /* install stops the worker (unload): its jobs were for the old data. */
    if (l->rc < 0 || install(app, ds, path, &app->loading_id, &err) < 0)
        ch = say_not_loaded(app, &err);
    else {
        say_loaded(app, path);
        ch = TUI_CH_ALL;
    }
    free(path);
    return ch;
}

unsigned tui_app_load_cancel(tui_app *app)
{
    if (!tui_loader_busy(&app->loader))
        return TUI_CH_NONE;
    /* Said first: the stop frees the loader's path. */
    tui_app_msg(app, 0, "loading %s cancelled; %s still loaded", app->loader.path, shown_name(app));
    tui_loader_stop(&app->loader);
    return TUI_CH_STATUS;
}

int tui_app_restore(tui_app *app, const char *path, const cs_load_hooks *hooks, cs_error *err)
{
    cs_error why;
    if (tui_app_load_hooked(app, path, hooks, &why) == 0)
        return 0;
    /* The config's roles name the last file's columns, not the demo's. */
    cs_config_free(&app->cfg);
    free(app->config_path);
    app->config_path = NULL;
    if (tui_app_load(app, NULL, err) < 0)
        return -1;
    char buf[700];
    tui_app_msg(app, 1, "last session not restored, showing the demo data: %s",
                cs_error_string(&why, buf, sizeof buf));
    return 0;
}

int tui_app_open_journal(tui_app *app)
{
    if (app->journal)
        return 0;
    if (!app->data_path || strcmp(app->data_path, "-") == 0)
        return -1;
    char *jpath = cs_journal_path_for(app->data_path);
    int lookup_errno = errno;
    cs_journal_replay rep;
    cs_journal_override ov;
    char jv[CS_NUMBER_TEXT], fv[CS_NUMBER_TEXT];
    cs_error jerr;
    int rc = -1;
    if (!jpath && lookup_errno == ENOMEM)
        tui_app_msg(app, 1, "journal not used: out of memory looking for it; its scores are not shown, "
                    "and new ones are not saved");
    else if (!jpath)
        /* No place beside the data (its directory is read-only) and no
         * home to go under: what capscope score says, and what to do. */
        tui_app_msg(app, 1, "journal not used: no place for it (no home directory for $XDG_DATA_HOME): set "
                    "XDG_DATA_HOME to a directory of yours; scores are not saved");
    else if (cs_journal_open_replay(jpath, app->ds, &app->journal, &rep, &jerr) < 0) {
        char buf[700];
        tui_app_msg(app, 1, "journal not used: %s", cs_error_string(&jerr, buf, sizeof buf));
        app->journal = NULL;
    } else {
        rc = 0;
        app->journal_lines_before = cs_journal_lines_at_open(app->journal);
        /* Stale entries are kept in the file and scores are still saved;
         * the user is told so, once, with the first such line to look at
         * (what matters first: a status line is often narrower than this). */
        char hint[1200];
        tui_app_reload_hint(app, hint, sizeof hint);
        if (rep.skipped == 1)
            tui_app_msg(app, 1, "journal: %sskipped line %ld, %s (kept in %s; new scores are saved)", hint,
                        rep.first_skipped, rep.why, jpath);
        else if (rep.skipped)
            tui_app_msg(app, 1, "journal: %sskipped %zu entries, the first at line %ld, %s (kept in %s; "
                        "new scores are saved)", hint, rep.skipped, rep.first_skipped, rep.why, jpath);
        else if (cs_journal_overrides(app->journal, app->ds, app->data_path, &ov) == 0 && ov.count)
            /* The journal is replayed over the file: the file's newer score
             * would otherwise be replaced without a word. What to do comes
             * before the model's name, which may be long: a status line of
             * 80 columns cut ":score sets it" off. */
            tui_app_msg(app, 1, "journal holds %s over the data file's newer %s (:score sets %s): %sline %ld, "
                        "%s on %s is %s, not %s; in %s", ov.count == 1 ? "a score" : "scores",
                        ov.count == 1 ? "one" : "ones", ov.count == 1 ? "it" : "them",
                        ov.count == 1 ? "" : "the first at ", ov.line, app->ds->model[ov.row],
                        app->ds->tasks[ov.task].name, cs_number_text(ov.journal, jv),
                        cs_number_text(ov.file, fv), jpath);
        else if (rep.torn)
            tui_app_msg(app, 1, "journal %s: a torn last entry (interrupted write) was dropped", jpath);
    }
    free(jpath);
    return rc;
}

void tui_app_refit_all(tui_app *app)
{
    if (!app->ds)
        return;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        app->fits[t].state = TUI_FIT_PENDING;
    app->fitting = 1;
    app->fit_done = 0;
    app->fit_total = app->ds->n_tasks;
    invalidate_task_views(app);
}

void tui_app_set_design_weights(tui_app *app, int on)
{
    on = on != 0;
    if (app->set.design_weights == on)
        return;
    app->set.design_weights = on;
    tui_app_refit_all(app);
}

void tui_app_scores_changed(tui_app *app, size_t task)
{
    if (!app->ds)
        return;
    for (size_t t = 0; t < app->ds->n_tasks; t++)
        if (task == SIZE_MAX || t == task) {
            free(app->fits[t].order);
            app->fits[t].order = NULL;
            app->fits[t].n_order = 0;
        }
    app->pts.valid = 0;
    app->pts.scores_changed = 1;
    app->spent_valid = app->sampler_why_valid = 0;
}

double tui_app_spent(tui_app *app)
{
    if (!app->ds)
        return 0;
    if (app->spent_valid)
        return app->spent;
    const cs_dataset *ds = app->ds;
    size_t n = app->journal ? cs_journal_count(app->journal) : app->n_undo;
    if (n == 0) {
        app->spent = 0;
        app->spent_valid = 1;
        return 0;
    }
    /* The pool's own sum over a mask of the rows: each row once, and the
     * same rounding as the budget's total. */
    unsigned char *mask = calloc(ds->n_rows ? ds->n_rows : 1, 1);
    if (!mask)
        return NAN; /* not cached: tried again at the next frame */
    for (size_t k = 0; k < n; k++) {
        size_t row, task;
        if (!app->journal)
            row = app->undo[k].row;
        else if (cs_journal_entry(app->journal, k, &row, &task) != 0)
            continue; /* a stale entry: no row of this data */
        if (row < ds->n_rows)
            mask[row] = 1;
    }
    app->spent = cs_design_pool_cost(ds, mask);
    app->spent_valid = 1;
    free(mask);
    return app->spent;
}

/* A task whose fit failed at run time (memory short for a moment) is
 * fitted again when it is selected, the task shown too: its title says to
 * select it again, and it is the one fitted first, so the one most often
 * short. Returns whether it will be. */
static int retry_failed_fit(tui_app *app, size_t task)
{
    if (app->fits[task].state != TUI_FIT_FAILED || !app->fits[task].retry)
        return 0;
    app->fits[task].state = TUI_FIT_PENDING; /* tui_app_idle fits the current task first */
    app->fits[task].retry = 0;
    /* Its failure was counted done in the round going on: the retry is
     * one fit more of it, or the status ran to "fitting task 7 of 6". */
    if (app->fitting)
        app->fit_total++;
    return 1;
}

int tui_app_set_task(tui_app *app, size_t task)
{
    if (!app->ds || task >= app->ds->n_tasks)
        return 0;
    if (task == app->task) {
        if (!retry_failed_fit(app, task))
            return 0;
        invalidate_task_views(app);
        return 1;
    }
    long row = tui_app_cursor_row(app);
    app->task = task;
    retry_failed_fit(app, task);
    invalidate_task_views(app);
    app->cursor = -1;
    if (row >= 0)
        tui_app_cursor_to_row(app, (size_t)row);
    if (app->search[0])
        tui_app_search(app, app->search);
    return 1;
}

const cs_fit *tui_app_fit(const tui_app *app, size_t task)
{
    if (!app->ds || task >= app->ds->n_tasks || app->fits[task].state != TUI_FIT_OK)
        return NULL;
    return &app->fits[task].fit;
}
