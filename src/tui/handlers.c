/* handlers.c - what each action does to the model. Each returns what changed. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capscope/durable.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "tui/app.h"
#include "tui/command.h"
#include "tui/export.h"
#include "tui/grid.h"
#include "tui/handlers.h"
#include "tui/pane.h"
#include "tui/theme.h"

#define ZOOM_IN 0.8
#define ZOOM_OUT 1.25
#define PAN_STEP 0.2

/* A number written positive that no double holds (1e400, 1e-400) is said
 * to be that, in the batch face's words, not to be out of the range asked
 * for, which would send the user looking for a sign: 1 after the message. */
static int say_beyond(tui_app *app, const char *what, const char *arg)
{
    char buf[96];
    const char *why = cs_number_beyond_why(arg, "", buf, sizeof buf);
    if (why)
        tui_app_msg(app, 1, "%s: '%s' is %s", what, arg, why);
    return why != NULL;
}

/* The grid is out of date: recompute it when shown, else when next shown. */
static void drift_changed(tui_app *app)
{
    if (!app->drift)
        return;
    if (app->drift_on)
        tui_app_drift_start(app);
    else
        app->drift_stale = 1;
}

static unsigned need_data(tui_app *app)
{
    if (app->ds)
        return 0;
    tui_app_msg(app, 1, "no data loaded (:load FILE)");
    return 1;
}

/* "no task 'mth': did you mean 'math'? (tasks: reasoning, math, code)":
 * the answer of `capscope --task mth`, by the same list and rule
 * (namelist.h), names shortened as it shortens them. */
static void no_task(tui_app *app, const char *name)
{
    /* The typed name and the guess shortened as the listed names are: at 64
     * bytes each, they and eight long names passed the message's 512 bytes,
     * which cut off the count of the rest the list had kept. */
    char list[480], text[CS_UNKNOWN_TASK_TEXT];
    cs_namelist tasks;
    cs_namelist_init(&tasks, name, CS_NAMES_LISTED, list, sizeof list);
    for (size_t k = 0; k < app->ds->n_tasks; k++)
        cs_namelist_add(&tasks, app->ds->tasks[k].name);
    cs_namelist_end(&tasks);
    /* A column of the file that the loader left out of the tasks (a stray
     * value among its scores): its warning says why and on which line, where
     * "no task" alone read as if the file had no such column. */
    const char *why = cs_dataset_not_a_task_why(app->ds, name);
    if (why) {
        char quoted[64];
        tui_app_msg(app, 1, "no task '%s': %s", cs_quote_short(name, quoted, sizeof quoted), why);
        return;
    }
    tui_app_msg(app, 1, "no task %s", cs_unknown_task_text(&tasks, text, sizeof text));
}

/* The model name nearest name (cs_typo), NULL unless it is the only one
 * nearest: a guess among thousands of names, several of them fine-tunes a
 * letter apart, is right only when it is the only one. */
static const char *near_model(const tui_app *app, const char *name, cs_typo *t)
{
    cs_typo_init(t, name);
    for (size_t i = 0; i < app->ds->n_rows; i++)
        cs_typo_offer(t, app->ds->model[i]);
    return t->nearest && t->n_nearest == 1 ? t->nearest : NULL;
}

/* "no model 'x': did you mean 'y'?", by near_model. */
static void no_model(tui_app *app, const char *name)
{
    /* Longer than a message: the data file's name can be long, and what
     * to do comes after it; tui_app_msg cuts it at a whole character. */
    char skipped[2 * sizeof app->msg];
    if (cs_dataset_skipped_why(app->ds, name, skipped, sizeof skipped)) {
        tui_app_msg(app, 1, "%s", skipped);
        return;
    }
    cs_typo t;
    const char *near = near_model(app, name, &t);
    if (near)
        tui_app_msg(app, 1, "no model '%s': did you mean '%s'?%s", name, near,
                    t.best == 0 ? " (case differs)" : "");
    else
        tui_app_msg(app, 1, "no model '%s'", name);
}

unsigned tui_h_quit(tui_app *app, const char *arg)
{
    app->quit = 1;
    return TUI_CH_NONE;
}

unsigned tui_h_help(tui_app *app, const char *arg)
{
    app->help = !app->help;
    app->help_top = 0;
    app->help_last_top = INT_MAX; /* known once drawn */
    return TUI_CH_LAYOUT;
}

unsigned tui_h_messages(tui_app *app, const char *arg)
{
    app->help = 1;
    app->help_messages = 1; /* drawing finds the line, as it lays out the help */
    app->help_last_top = INT_MAX;
    return TUI_CH_LAYOUT;
}

/* The help's scroll keys at its ends did nothing visible: said, as the
 * lists' keys say theirs (list_end). Drawing clamps help_top. */
static unsigned help_scroll(tui_app *app, long by)
{
    if (by < 0 && app->help_top == 0) {
        tui_app_msg(app, 0, "already at the top of the help");
        return TUI_CH_STATUS;
    }
    if (by > 0 && app->help_last_top != INT_MAX && app->help_top >= app->help_last_top) {
        /* The help ends in the messages: this one may lengthen it by a
         * line, and the end it is at follows (drawing clamps). */
        tui_app_msg(app, 0, "already at the end of the help");
        app->help_top = INT_MAX / 2;
        return TUI_CH_LAYOUT;
    }
    long top = (long)app->help_top + by;
    app->help_top = top < 0 ? 0 : top > INT_MAX / 2 ? INT_MAX / 2 : (int)top;
    return TUI_CH_LAYOUT;
}

static long help_page(const tui_app *app)
{
    return app->help_page > 1 ? app->help_page : 1;
}

unsigned tui_h_help_down(tui_app *app, const char *arg) { return help_scroll(app, 3); }
unsigned tui_h_help_up(tui_app *app, const char *arg) { return help_scroll(app, -3); }
unsigned tui_h_help_page_down(tui_app *app, const char *arg) { return help_scroll(app, help_page(app)); }
unsigned tui_h_help_page_up(tui_app *app, const char *arg) { return help_scroll(app, -help_page(app)); }
unsigned tui_h_help_top(tui_app *app, const char *arg) { return help_scroll(app, -(long)INT_MAX); }
unsigned tui_h_help_bottom(tui_app *app, const char *arg) { return help_scroll(app, INT_MAX / 2); }

unsigned tui_h_command(tui_app *app, const char *arg)
{
    app->prompt_request = ':';
    return TUI_CH_STATUS;
}

/* The drift grid covers the plot: a move of its cursor would go unseen, and
 * the status line names no model there (tui_app_cursor_parts). Says so. */
static int cursor_hidden(tui_app *app, const char *action, const char *what)
{
    if (!tui_app_action_hidden(app, tui_action_by_name(action)))
        return 0;
    tui_app_msg(app, 1, "%s the plot's cursor, which the drift grid hides (q closes it)", what);
    return 1;
}

/* A search that finds no point of the task: said as such, and, when models
 * of the data match it all the same, which (one by name) and why they are
 * not in the plot. "no model of bbh matches 'X'" was said of a model in
 * the data with no bbh score yet, which is the one a user searches for to
 * score it. */
static void no_match(tui_app *app, const char *text)
{
    const char *task = app->ds->tasks[app->task].name;
    long first;
    size_t unscored, n = tui_app_search_rows(app, text, &first, &unscored);
    if (n == 0) {
        tui_app_msg(app, 1, "no model of %s matches '%s'", task, text);
        return;
    }
    const char *name = app->ds->model[first];
    if (n == 1 && unscored == 1)
        tui_app_msg(app, 1, "%s has no %s score: no point matches '%s' (:score-edit scores it)", name, task, text);
    else if (unscored == n)
        tui_app_msg(app, 1, "%zu models match '%s', none with a %s score (the first: %s)", n, text, task, name);
    else
        tui_app_msg(app, 1, "%zu model%s match%s '%s', none in the plot%s", n, n == 1 ? "" : "s", n == 1 ? "es" : "",
                    text, app->split_on ? " (the split view's periods)" : "");
}

static unsigned go_match(tui_app *app, int step)
{
    if (cursor_hidden(app, step > 0 ? "search-next" : "search-prev", step > 0 ? "n moves" : "N moves"))
        return TUI_CH_STATUS;
    if (app->n_matches == 0) {
        /* In the search's own words: the matches are the current task's. */
        if (app->search[0] && app->ds)
            no_match(app, app->search);
        else
            tui_app_msg(app, 1, app->search[0] ? "no model matches '%s'" : "no search (press /)%s", app->search);
        return TUI_CH_STATUS;
    }
    size_t n = app->n_matches, cur = (size_t)(app->cursor < 0 ? 0 : app->cursor), k;
    int wrapped = 0; /* said, as vim and less do: the same match again is no hang */
    if (step > 0) {
        /* The first match after the cursor, wrapping around. */
        for (k = 0; k < n && app->matches[k] <= cur && app->cursor >= 0; k++)
            ;
        if (k == n) {
            k = 0;
            wrapped = 1;
        }
    } else {
        k = n;
        for (size_t i = 0; i < n; i++)
            if (app->matches[i] < cur)
                k = i;
        if (k == n || app->cursor < 0) {
            wrapped = app->cursor >= 0;
            k = n - 1;
        }
    }
    app->match_pos = k;
    app->cursor = (long)app->matches[k];
    tui_app_cursor_move(app, 0, 0);
    /* The message takes the status line where the cursor's model would
     * show: it names that model, what a search is for (the search's text
     * is at the line's right end). */
    tui_cursor_parts c;
    const char *wrap = !wrapped ? "" : step > 0 ? " (wrapped to the first)" : " (wrapped to the last)";
    if (tui_app_cursor_parts(app, &c) == 0)
        tui_app_msg(app, 0, "match %zu of %zu%s: %s  %s %s  %s FLOPs", k + 1, n, wrap, c.model, c.task, c.score,
                    c.flops);
    else
        tui_app_msg(app, 0, "match %zu of %zu for '%s'%s", k + 1, n, app->search, wrap);
    return TUI_CH_CURSOR | TUI_CH_STATUS | TUI_CH_VIEW;
}

unsigned tui_h_search(tui_app *app, const char *arg)
{
    if (cursor_hidden(app, "search", "a search moves"))
        return TUI_CH_STATUS;
    if (!*arg) {
        app->prompt_request = '/';
        return TUI_CH_STATUS;
    }
    if (need_data(app))
        return TUI_CH_STATUS;
    /* The search is kept to find again (n, a task changed): a longer text
     * was cut there unsaid, at a byte that could be inside a character. */
    if (strlen(arg) >= sizeof app->search) {
        tui_app_msg(app, 1, "search: too long (%zu bytes, at most %zu)", strlen(arg), sizeof app->search - 1);
        return TUI_CH_STATUS;
    }
    size_t n = tui_app_search(app, arg);
    if (n == 0) {
        no_match(app, arg);
        return TUI_CH_STATUS | TUI_CH_VIEW;
    }
    app->cursor = -1;
    return go_match(app, 1) | TUI_CH_VIEW;
}

unsigned tui_h_search_next(tui_app *app, const char *arg)
{
    return go_match(app, 1);
}

unsigned tui_h_search_prev(tui_app *app, const char *arg)
{
    return go_match(app, -1);
}

/* Tab with the plot alone on the screen has no pane to go to: say how to
 * bring them back rather than ignore the key. */
static int focus_blocked(tui_app *app)
{
    if (app->maximized && !app->help)
        tui_app_msg(app, 0, "the plot is maximized: m shows every pane");
    return app->maximized || app->help;
}

unsigned tui_h_focus_next(tui_app *app, const char *arg)
{
    if (focus_blocked(app))
        return TUI_CH_STATUS;
    app->focus = (app->focus + 1) % TUI_PANE_COUNT;
    return TUI_CH_LAYOUT;
}

unsigned tui_h_focus_prev(tui_app *app, const char *arg)
{
    if (focus_blocked(app))
        return TUI_CH_STATUS;
    app->focus = (app->focus + TUI_PANE_COUNT - 1) % TUI_PANE_COUNT;
    return TUI_CH_LAYOUT;
}

unsigned tui_h_maximize(tui_app *app, const char *arg)
{
    app->maximized = !app->maximized;
    if (app->maximized)
        app->focus = TUI_PANE_PLOT;
    return TUI_CH_LAYOUT;
}

unsigned tui_h_cancel(tui_app *app, const char *arg)
{
    if (app->help) {
        app->help = 0;
        return TUI_CH_LAYOUT;
    }
    /* The load first: it is the one the status line shows. */
    if (tui_app_loading(app))
        return tui_app_load_cancel(app);
    if (app->fitting || app->drift_running) {
        unsigned ch = tui_app_drift_cancel(app);
        return app->fitting ? ch | tui_app_cancel(app) : ch;
    }
    if (app->drift_on) {
        app->drift_on = 0;
        return TUI_CH_VIEW | TUI_CH_LAYOUT;
    }
    if (app->search[0]) {
        tui_app_search(app, "");
        tui_app_msg(app, 0, "search cleared");
        return TUI_CH_VIEW | TUI_CH_STATUS;
    }
    if (app->maximized) {
        app->maximized = 0;
        return TUI_CH_LAYOUT;
    }
    tui_app_msg(app, 0, "nothing to cancel (q quits)");
    return TUI_CH_STATUS;
}

unsigned tui_h_redraw(tui_app *app, const char *arg)
{
    app->redraw_all = 1;
    return TUI_CH_ALL;
}

static const char *const charset_names[] = { "braille", "block", "ascii" };

unsigned tui_h_charset(tui_app *app, const char *arg)
{
    cs_charset cs;
    if (*arg) {
        if (strcmp(arg, "auto") == 0)
            cs = (cs_charset)app->charset_auto;
        else if (cs_charset_parse(arg, &cs) < 0) {
            char choices[128];
            tui_app_msg(app, 1, "charset: '%s' is not %s", arg, tui_action_choices("charset", choices, sizeof choices));
            return TUI_CH_STATUS;
        }
    } else
        cs = (cs_charset)((app->charset + 1) % 3);
    if (!app->utf8 && cs != CS_CHARSET_ASCII) {
        tui_app_msg(app, 1, "the locale is not UTF-8: only the ascii charset can be shown");
        return TUI_CH_STATUS;
    }
    app->charset = (int)cs;
    app->set.charset = (int)cs;
    tui_app_msg(app, 0, "charset %s", charset_names[cs]);
    return TUI_CH_ALL;
}

unsigned tui_h_theme(tui_app *app, const char *arg)
{
    char *path = tui_theme_find(arg);
    tui_theme t;
    cs_error err;
    if (!path) {
        char msg[700];
        if (errno == ENOMEM)
            snprintf(msg, sizeof msg, "theme '%s': out of memory looking for it", arg);
        else
            tui_theme_not_found(arg, NULL, msg, sizeof msg);
        tui_app_msg(app, 1, "%s", msg);
        return TUI_CH_STATUS;
    }
    int rc = tui_theme_load(&t, path, &err);
    free(path);
    if (rc < 0) {
        char buf[700];
        tui_app_msg(app, 1, "%s", cs_error_string(&err, buf, sizeof buf));
        return TUI_CH_STATUS;
    }
    snprintf(app->set.theme, sizeof app->set.theme, "%s", arg);
    app->theme_changed = 1;
    /* Without colour a theme changes little: said, or the change looked
     * like a key that did nothing. */
    if (app->no_colour_why)
        tui_app_msg(app, 0, "theme %s (%s: only its bold, underline and reverse video show)", arg,
                    app->no_colour_why);
    else
        tui_app_msg(app, 0, "theme %s", arg);
    return TUI_CH_ALL;
}

/* "unknown setting 'tua' (did you mean tau?)", by the rule of every name. */
static void no_setting(tui_app *app, const char *key)
{
    cs_typo t;
    cs_typo_init(&t, key);
    for (const char *const *k = tui_settings_keys(); *k; k++)
        cs_typo_offer(&t, *k);
    if (t.nearest && t.n_nearest > 1) {
        /* Equally near names are all said: "budget_a" is as near budget as
         * budget_abs, and the first alone ("did you mean budget?") was the
         * other one of the two it was typed for. */
        char names[256] = "";
        size_t used = 0;
        for (const char *const *k = tui_settings_keys(); *k && used < sizeof names; k++) {
            cs_typo one;
            cs_typo_init(&one, key);
            cs_typo_offer(&one, *k);
            if (one.nearest && one.best == t.best)
                used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", used ? " or " : "", *k);
        }
        tui_app_msg(app, 1, "unknown setting '%s' (did you mean %s?)", key, names);
    } else if (t.nearest)
        tui_app_msg(app, 1, "unknown setting '%s' (did you mean %s?)", key, t.nearest);
    else
        tui_app_msg(app, 1, "unknown setting '%s' (Tab completes setting names)", key);
}

unsigned tui_h_set(tui_app *app, const char *arg)
{
    char buf[512], *words[TUI_MAX_WORDS], val[256];
    int nw = tui_split_words(arg, buf, sizeof buf, words, TUI_MAX_WORDS);
    if (nw < 1) {
        /* Which keys there are, as Tab and the help list them. */
        char usage[160], keys[400];
        size_t used = 0;
        for (const char *const *k = tui_settings_keys(); *k && used < sizeof keys; k++)
            used += (size_t)snprintf(keys + used, sizeof keys - used, "%s%s", used ? ", " : "", *k);
        tui_app_msg(app, 1, "%s (keys: %s)", tui_action_usage("set", usage, sizeof usage), keys);
        return TUI_CH_STATUS;
    }
    if (nw == 1) {
        char unused[128];
        if (tui_settings_get(&app->set, words[0], val, sizeof val))
            tui_app_msg(app, 0, "%s = %s%s", words[0], val,
                        tui_settings_unused(&app->set, words[0], unused, sizeof unused));
        else
            no_setting(app, words[0]);
        return TUI_CH_STATUS;
    }
    /* The value is everything after the key, so lists with blanks work
     * (found after the key as written: a quoted key was found inside its
     * quotes, and its closing quote taken into the value). */
    const char *value = tui_after_first_word(arg);
    /* One word is its text, as for a command of one value (app_input.c):
     * :set theme 'dark' looked for a theme named 'dark' with its quotes. */
    if (nw == 2)
        value = words[1];
    if (strcmp(words[0], "theme") == 0)
        return tui_h_theme(app, value);
    if (strcmp(words[0], "charset") == 0)
        return tui_h_charset(app, value);
    /* Only a scheme the parser reads is kept, or the split view, the drift
     * grid and the next session would start from one it refuses. */
    if (strcmp(words[0], "scheme") == 0)
        return tui_h_scheme(app, value);
    if (!tui_settings_get(&app->set, words[0], val, sizeof val)) {
        no_setting(app, words[0]);
        return TUI_CH_STATUS;
    }
    tui_settings old = app->set;
    cs_error err;
    if (tui_settings_set(&app->set, words[0], value, &err) < 0) {
        tui_app_msg(app, 1, "%s", err.msg);
        return TUI_CH_STATUS;
    }
    /* The last budget given rules, as at :budget (the cost set before
     * would have stood over the fraction just set). */
    if (strcmp(words[0], "budget") == 0)
        app->set.budget_abs = 0;
    tui_settings_get(&app->set, words[0], val, sizeof val);
    tui_app_msg(app, 0, "%s = %s", words[0], val);
    if (old.tau != app->set.tau || old.design_weights != app->set.design_weights)
        tui_app_refit_all(app);
    if (old.tau != app->set.tau || old.ref_z != app->set.ref_z)
        drift_changed(app);
    if (strcmp(words[0], "quantiles") == 0) {
        tui_app_quantiles_dirty(app);
        app->show_quantiles = app->set.n_quantiles > 0;
    }
    app->design_dirty = 1;
    return TUI_CH_ALL;
}

static unsigned select_task(tui_app *app, size_t t)
{
    if (!app->ds || t >= app->ds->n_tasks)
        return TUI_CH_NONE;
    tui_app_set_task(app, t);
    return TUI_CH_TASKS | TUI_CH_FIT | TUI_CH_VIEW | TUI_CH_CURSOR | TUI_CH_SPLIT | TUI_CH_DESIGN | TUI_CH_STATUS;
}

/* A move past either end of a list says where the cursor is (mutt's "You
 * are on the last entry"): a key that does nothing silently reads as a
 * missed keypress. */
static unsigned list_end(tui_app *app, const char *what, int last)
{
    if (!what)
        return need_data(app) ? TUI_CH_STATUS : TUI_CH_NONE;
    tui_app_msg(app, 0, "already on the %s %s", last ? "last" : "first", what);
    return TUI_CH_STATUS;
}

unsigned tui_h_task_down(tui_app *app, const char *arg)
{
    if (!app->ds || app->task + 1 >= app->ds->n_tasks)
        return list_end(app, app->ds ? "task" : NULL, 1);
    return select_task(app, app->task + 1);
}

unsigned tui_h_task_up(tui_app *app, const char *arg)
{
    if (!app->ds || app->task == 0)
        return list_end(app, app->ds ? "task" : NULL, 0);
    return select_task(app, app->task - 1);
}

/* The rows a page key moves: N from the pane (its visible rows), or typed. */
static int page_rows(tui_app *app, const char *arg, size_t *rows)
{
    long long n = 10;
    cs_count_status st = *arg ? cs_parse_count(arg, 1, 1000000000, &n) : CS_COUNT_OK;
    if (st != CS_COUNT_OK) {
        char why[96];
        tui_app_msg(app, 1, "rows: '%s' is %s", arg, cs_count_why(st, 1, 1000000000, why, sizeof why));
        return -1;
    }
    *rows = (size_t)n;
    return 0;
}

unsigned tui_h_task_first(tui_app *app, const char *arg)
{
    if (!app->ds || app->task == 0)
        return list_end(app, app->ds ? "task" : NULL, 0);
    return select_task(app, 0);
}

unsigned tui_h_task_last(tui_app *app, const char *arg)
{
    if (!app->ds || app->task + 1 >= app->ds->n_tasks)
        return list_end(app, app->ds ? "task" : NULL, 1);
    return select_task(app, app->ds->n_tasks - 1);
}

unsigned tui_h_task_page_down(tui_app *app, const char *arg)
{
    size_t rows;
    if (page_rows(app, arg, &rows) < 0)
        return TUI_CH_STATUS;
    if (!app->ds || app->task + 1 >= app->ds->n_tasks)
        return list_end(app, app->ds ? "task" : NULL, 1);
    size_t last = app->ds->n_tasks - 1;
    return select_task(app, last - app->task > rows ? app->task + rows : last);
}

unsigned tui_h_task_page_up(tui_app *app, const char *arg)
{
    size_t rows;
    if (page_rows(app, arg, &rows) < 0)
        return TUI_CH_STATUS;
    if (!app->ds || app->task == 0)
        return list_end(app, app->ds ? "task" : NULL, 0);
    return select_task(app, app->task > rows ? app->task - rows : 0);
}

unsigned tui_h_task_mark(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    app->marked[app->task] = !app->marked[app->task];
    app->design_dirty = 1;
    /* Then on to the next task, as Space tags in htop, mc and mutt: marking
     * a run of tasks is Space Space Space, not Space j Space j Space. */
    if (app->task + 1 < app->ds->n_tasks)
        return select_task(app, app->task + 1);
    return TUI_CH_TASKS | TUI_CH_VIEW | TUI_CH_DESIGN;
}

/* Whether name holds text, letters folded as the batch commands fold them
 * (cs_ascii_lower): "" is in every name. */
static int name_holds(const char *name, const char *text)
{
    size_t n = strlen(text);
    for (const char *p = name;; p++) {
        if (cs_ascii_ncasecmp(p, text, n) == 0)
            return 1;
        if (!*p)
            return 0;
    }
}

/* Marks, or unmarks, the tasks whose names hold text (every task for ""),
 * and says how many that changed and how many are marked: with 50 tasks,
 * Space on each of 30 (and again to clear them) was the only way. */
static unsigned set_marks(tui_app *app, const char *verb, const char *text, int mark)
{
    size_t matched = 0, changed = 0, marked = 0;
    for (size_t t = 0; t < app->ds->n_tasks; t++) {
        if (name_holds(app->ds->tasks[t].name, text)) {
            matched++;
            changed += app->marked[t] != mark;
            app->marked[t] = (unsigned char)mark;
        }
        marked += app->marked[t] != 0;
    }
    if (*text && matched == 0) {
        char quoted[64];
        tui_app_msg(app, 1, "%s: no task name holds '%s'", verb, cs_quote_short(text, quoted, sizeof quoted));
        return TUI_CH_STATUS;
    }
    app->design_dirty = 1;
    tui_app_msg(app, 0, "%s %zu task%s (%zu already); %zu of %zu marked", mark ? "marked" : "unmarked", matched,
                matched == 1 ? "" : "s", matched - changed, marked, app->ds->n_tasks);
    return TUI_CH_TASKS | TUI_CH_VIEW | TUI_CH_DESIGN | TUI_CH_STATUS;
}

unsigned tui_h_mark(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    return set_marks(app, "mark", arg, 1);
}

unsigned tui_h_unmark(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    return set_marks(app, "unmark", arg, 0);
}

unsigned tui_h_task(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    int t = cs_dataset_task_index(app->ds, arg);
    if (t < 0) {
        no_task(app, arg);
        return TUI_CH_STATUS;
    }
    return select_task(app, (size_t)t);
}

unsigned tui_h_tau(tui_app *app, const char *arg)
{
    double tau;
    if (cs_parse_number_held(arg, &tau) < 0 || !(tau > 0 && tau < 1)) {
        char hint[320]; /* 98% or 0,98: how to write it, as :set tau and --tau say */
        if (!say_beyond(app, "tau", arg))
            tui_app_msg(app, 1, "tau: '%s' is not a level in (0, 1)%s", arg,
                        cs_fraction_hint(arg, CS_HINT_OPEN, hint, sizeof hint));
        return TUI_CH_STATUS;
    }
    app->set.tau = tau;
    tui_app_refit_all(app);
    drift_changed(app);
    /* Numbers the user gave, or a file holds, are said whole (cs_number_text):
     * %g said 0.9999999 as 1, another level or score than the one set. */
    char level[CS_NUMBER_TEXT];
    tui_app_msg(app, 0, "refitting every task at tau %s", cs_number_text(tau, level));
    return TUI_CH_ALL;
}

/* What the boundaries of the served tasks (the marked ones, else the
 * current one) say, one clause a task, into the message after `head`: the
 * batch face's predict and require, asked of the boundaries shown. */
typedef void (*boundary_clause)(const cs_fit *f, double x, char *out, size_t size);

static unsigned say_of_boundaries(tui_app *app, const char *head, double x, boundary_clause clause)
{
    size_t *tasks = malloc((app->ds->n_tasks + 1) * sizeof *tasks);
    if (!tasks) {
        tui_app_msg(app, 1, "out of memory");
        return TUI_CH_STATUS;
    }
    size_t nt = tui_app_served(app, tasks);
    /* Built past the message's size, which tui_app_msg then cuts at a
     * character: cut here at its size, a task's name could end in half a
     * UTF-8 sequence. */
    char msg[2 * sizeof app->msg];
    size_t used = (size_t)snprintf(msg, sizeof msg, "%s", head);
    for (size_t k = 0; k < nt && used < sizeof app->msg; k++) {
        /* Whole clauses only, and the count of those left out when they do
         * not all fit: with 30 tasks marked the message ended in half a
         * name ("arc-c/2"), the rest of the tasks gone unsaid. */
        char more[96];
        snprintf(more, sizeof more, "; and %zu more task%s (mark fewer to see them)", nt - k, nt - k == 1 ? "" : "s");
        size_t room = sizeof app->msg - 1 - strlen(more); /* a clause must leave this for more */
        const tui_taskfit *tf = &app->fits[tasks[k]];
        char what[160];
        if (tf->state == TUI_FIT_OK)
            clause(&tf->fit, x, what, sizeof what);
        else
            snprintf(what, sizeof what, "%s",
                     tf->state == TUI_FIT_FAILED && tf->too_few ? "no boundary (too few rows to fit)"
                     : tf->state == TUI_FIT_FAILED && tf->retry ? "no boundary (the fit failed: select it again to retry)"
                     : tf->state == TUI_FIT_FAILED    ? "no boundary (the fit failed)"
                     : tf->state == TUI_FIT_CANCELLED ? "not fitted (cancelled; select it to fit it)"
                                                      : "not fitted yet");
        char said[sizeof msg];
        size_t cl = (size_t)snprintf(said, sizeof said, "%s%s %s", k ? "; " : " ",
                                     app->ds->tasks[tasks[k]].name, what);
        int last = k + 1 == nt;
        if (cl >= sizeof said || used + cl > (last ? sizeof app->msg - 1 : room)) {
            /* not this one (nor, being in order, the ones after it) */
            if (used + strlen(more) < sizeof msg)
                used += (size_t)snprintf(msg + used, sizeof msg - used, "%s", k ? more : more + 1);
            break;
        }
        memcpy(msg + used, said, cl + 1);
        used += cl;
    }
    free(tasks);
    tui_app_msg(app, 0, "%s", msg);
    return TUI_CH_STATUS;
}

static void predict_clause(const cs_fit *f, double z, char *out, size_t size)
{
    const char *edge = z < f->z_min ? " (the data's least compute)"
                       : z > f->z_max ? " (the data's most compute)" : "";
    snprintf(out, size, "%.4f%s", cs_fit_predict(f, z), edge);
}

static void require_clause(const cs_fit *f, double accuracy, char *out, size_t size)
{
    double z = NAN;
    int reach = cs_fit_require(f, accuracy, &z);
    if (reach == CS_UNREACHABLE) {
        snprintf(out, size, "unreachable (the boundary levels off at %.*f)",
                 cs_decimals_apart(f->p.y0 + f->p.L, accuracy, 4, 10), f->p.y0 + f->p.L);
        return;
    }
    /* Close to the ceiling the compute is beyond a double: its text. */
    char flops[CS_POW10_TEXT];
    snprintf(out, size, "%s FLOPs%s", cs_pow10_text(z, 3, flops),
             reach == CS_REACHED_AT_MIN  ? " (already at the data's least compute)"
             : reach == CS_EXTRAPOLATED ? " (beyond the data's most compute)"
                                        : "");
}

unsigned tui_h_predict(tui_app *app, const char *arg)
{
    double flops;
    if (need_data(app))
        return TUI_CH_STATUS;
    if (cs_parse_number_held(arg, &flops) < 0 || !(flops > 0)) {
        char hint[64];
        if (!say_beyond(app, "predict", arg))
            tui_app_msg(app, 1, "predict: '%s' is not a positive number of FLOPs%s", arg,
                        cs_flops_hint(arg, hint, sizeof hint));
        return TUI_CH_STATUS;
    }
    char head[128], level[CS_NUMBER_TEXT];
    snprintf(head, sizeof head, "accuracy at %.3g FLOPs (tau %s%s):", flops, cs_number_text(app->set.tau, level),
             app->set.design_weights ? ", design weights" : "");
    return say_of_boundaries(app, head, log10(flops), predict_clause);
}

unsigned tui_h_require(tui_app *app, const char *arg)
{
    double accuracy;
    if (need_data(app))
        return TUI_CH_STATUS;
    if (cs_parse_number_held(arg, &accuracy) < 0 || !(accuracy >= 0 && accuracy <= 1)) {
        char hint[320]; /* as capscope require --accuracy says it */
        if (!say_beyond(app, "require", arg))
            tui_app_msg(app, 1, "require: '%s' is not an accuracy in [0, 1]%s", arg,
                        cs_fraction_hint(arg, 0, hint, sizeof hint));
        return TUI_CH_STATUS;
    }
    /* The accuracy asked as capscope require gives it back, whole: %g made
     * 0.9999999 and 1, one reachable and one not, both "1". */
    char asked[CS_NUMBER_TEXT], level[CS_NUMBER_TEXT], head[128];
    snprintf(head, sizeof head, "least compute for %s (tau %s%s):", cs_number_text(accuracy, asked),
             cs_number_text(app->set.tau, level), app->set.design_weights ? ", design weights" : "");
    return say_of_boundaries(app, head, accuracy, require_clause);
}

unsigned tui_h_weights(tui_app *app, const char *arg)
{
    int on = !app->set.design_weights;
    if (*arg) {
        cs_error err;
        tui_settings probe = app->set;
        if (tui_settings_set(&probe, "design_weights", arg, &err) < 0) {
            char choices[128];
            tui_app_msg(app, 1, "weights: '%s' is not %s", arg, tui_action_choices("weights", choices, sizeof choices));
            return TUI_CH_STATUS;
        }
        on = probe.design_weights;
    }
    tui_app_set_design_weights(app, on);
    /* Within the 79 columns the status line has at 80: cut, the message
     * lost what the weighted boundary is. The help says more. */
    if (on)
        tui_app_msg(app, 0, "design weights on: each scored row counts for its group's unscored rows");
    else
        tui_app_msg(app, 0, "design weights off: the plain fit of the scored rows");
    return TUI_CH_ALL;
}

unsigned tui_h_quantiles(tui_app *app, const char *arg)
{
    if (*arg) {
        cs_error err;
        if (tui_settings_set(&app->set, "quantiles", arg, &err) < 0) {
            tui_app_msg(app, 1, "%s", err.msg);
            return TUI_CH_STATUS;
        }
        app->show_quantiles = app->set.n_quantiles > 0;
    } else if (!app->show_quantiles && app->set.n_quantiles == 0) {
        /* ":quantiles []" left no level to draw: on, Q said "quantile overlays " and drew nothing. */
        tui_app_msg(app, 1, "quantiles: no levels to show; set some, e.g. :quantiles 0.5,0.9");
        return TUI_CH_STATUS;
    } else
        app->show_quantiles = !app->show_quantiles;
    tui_app_quantiles_dirty(app);
    char buf[128];
    tui_settings_get(&app->set, "quantiles", buf, sizeof buf);
    size_t n = app->ds ? app->ds->tasks[app->task].n_scored : 0;
    if (app->show_quantiles && app->ds && n < CS_MIN_TASK_ROWS)
        /* As the fit's own "no boundary" says it: none of them can be drawn. */
        tui_app_msg(app, 0, "quantile overlays %s, none drawn: %s has %zu row%s, too few to fit", buf,
                    app->ds->tasks[app->task].name, n, n == 1 ? "" : "s");
    else
        tui_app_msg(app, 0, app->show_quantiles ? "quantile overlays %s" : "quantile overlays off%.0s", buf);
    return TUI_CH_VIEW | TUI_CH_FIT | TUI_CH_STATUS;
}

unsigned tui_h_cursor_left(tui_app *app, const char *arg)
{
    return tui_app_cursor_move(app, -1, 0);
}

unsigned tui_h_cursor_right(tui_app *app, const char *arg)
{
    return tui_app_cursor_move(app, 1, 0);
}

unsigned tui_h_cursor_up(tui_app *app, const char *arg)
{
    return tui_app_cursor_move(app, 0, 1);
}

unsigned tui_h_cursor_down(tui_app *app, const char *arg)
{
    return tui_app_cursor_move(app, 0, -1);
}

/* A view zoomed or panned far from the data shows nothing, and its axes
 * run off into labels that mean nothing (accuracy 500000, 10^60000000
 * FLOPs): the view keeps the data in sight (view.h). A key that can move it
 * no further says so, rather than doing nothing. */
static unsigned keep_in_sight(tui_app *app, tui_view v, const char *at_limit)
{
    const tui_points *p = tui_app_points(app);
    tui_view before = tui_app_view(app);
    tui_view_clamp(&v, p->n ? p->z_lo : NAN, p->n ? p->z_hi : NAN);
    /* Within rounding: a zoom at the smallest span recomputes the same window. */
    double ex = 1e-9 * (before.x_max - before.x_min), ey = 1e-9 * (before.y_max - before.y_min);
    if (fabs(v.x_min - before.x_min) <= ex && fabs(v.x_max - before.x_max) <= ex &&
        fabs(v.y_min - before.y_min) <= ey && fabs(v.y_max - before.y_max) <= ey) {
        tui_app_msg(app, 0, "%s (0 resets the view)", at_limit);
        return TUI_CH_STATUS;
    }
    app->view = v;
    return TUI_CH_VIEW;
}

static unsigned zoom(tui_app *app, double fx, double fy)
{
    tui_view v = tui_app_view(app);
    double cz = 0.5 * (v.x_min + v.x_max), cy = 0.5 * (v.y_min + v.y_max);
    long row = tui_app_cursor_row(app);
    if (row >= 0 && tui_view_contains(&v, app->ds->z[row], app->ds->tasks[app->task].y[row])) {
        cz = app->ds->z[row];
        cy = app->ds->tasks[app->task].y[row];
    }
    tui_view_zoom(&v, fx, fy, cz, cy);
    return keep_in_sight(app, v, fx < 1 || fy < 1 ? "zoomed in as far as it goes"
                                                  : "zoomed out as far as it goes");
}

unsigned tui_h_zoom_in(tui_app *app, const char *arg) { return zoom(app, ZOOM_IN, ZOOM_IN); }
unsigned tui_h_zoom_out(tui_app *app, const char *arg) { return zoom(app, ZOOM_OUT, ZOOM_OUT); }
unsigned tui_h_zoom_x_in(tui_app *app, const char *arg) { return zoom(app, ZOOM_IN, 1); }
unsigned tui_h_zoom_x_out(tui_app *app, const char *arg) { return zoom(app, ZOOM_OUT, 1); }
unsigned tui_h_zoom_y_in(tui_app *app, const char *arg) { return zoom(app, 1, ZOOM_IN); }
unsigned tui_h_zoom_y_out(tui_app *app, const char *arg) { return zoom(app, 1, ZOOM_OUT); }

static unsigned pan(tui_app *app, double fx, double fy)
{
    tui_view v = tui_app_view(app);
    tui_view_pan(&v, fx, fy);
    return keep_in_sight(app, v, "the data ends here: the view pans no further");
}

unsigned tui_h_pan_left(tui_app *app, const char *arg) { return pan(app, -PAN_STEP, 0); }
unsigned tui_h_pan_right(tui_app *app, const char *arg) { return pan(app, PAN_STEP, 0); }
unsigned tui_h_pan_up(tui_app *app, const char *arg) { return pan(app, 0, PAN_STEP); }
unsigned tui_h_pan_down(tui_app *app, const char *arg) { return pan(app, 0, -PAN_STEP); }

unsigned tui_h_reset_view(tui_app *app, const char *arg)
{
    /* Pressed on the whole view, 0 changed nothing on the screen: said, as
     * the zoom and pan keys say their limits. So is a view set by hand that
     * is the whole view again (zoomed in and out, panned there and back). */
    tui_view was = tui_app_view(app);
    app->view.manual = 0;
    tui_view whole = tui_app_view(app);
    double ex = 1e-9 * (whole.x_max - whole.x_min), ey = 1e-9 * (whole.y_max - whole.y_min);
    if (fabs(was.x_min - whole.x_min) <= ex && fabs(was.x_max - whole.x_max) <= ex &&
        fabs(was.y_min - whole.y_min) <= ey && fabs(was.y_max - whole.y_max) <= ey) {
        tui_app_msg(app, 0, "the view already shows the whole data");
        return TUI_CH_STATUS;
    }
    return TUI_CH_VIEW;
}

/* A chronological split of rows without dates would put every row on no
 * side: the view would empty and the drift grid fill with "few". Said as
 * `capscope splits` says it (cs_dataset_undated_why). */
static int refuse_undated(tui_app *app)
{
    char why[200];
    if (!cs_dataset_undated_why(app->ds, why, sizeof why))
        return 0;
    tui_app_msg(app, 1, "%s", why);
    return 1;
}

static int enable_split(tui_app *app)
{
    if (app->split_on)
        return 0;
    char why[300];
    if (tui_app_scheme_refusal(app->ds, app->set.scheme, &app->scheme, why, sizeof why)) {
        tui_app_msg(app, 1, "%s", why); /* it names the scheme */
        return -1;
    }
    app->scheme_ok = 1;
    app->split_on = 1;
    tui_app_split_changed(app, 0);
    return 0;
}

unsigned tui_h_other_period(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    int was_on = app->split_on;
    if (!app->show_other && !app->split_on && enable_split(app) < 0)
        return TUI_CH_STATUS;
    app->show_other = !app->show_other;
    app->other_dirty = 1;
    /* The points change colour and the split pane fills: say why. */
    if (!was_on)
        tui_app_msg(app, 0, "split view on (%s, split %zu of %zu) with the validation-period boundary",
                    app->set.scheme, app->split_k, cs_scheme_n_splits(&app->scheme));
    else
        tui_app_msg(app, 0, "validation-period boundary %s", app->show_other ? "shown" : "hidden");
    return TUI_CH_VIEW | TUI_CH_SPLIT | TUI_CH_STATUS;
}

/* The one model name in arg, read as every command reads words
 * (command.h); -1 with a message when arg is not one word. A line of
 * several unquoted words that is exactly a model's name is that name: the
 * argument is the whole line, and a name typed as shown needs no quotes.
 * So is one that is a typo of exactly one model's name (cs_typo), so that
 * the caller's no_model says "did you mean 'my model'?" for :goto my modle,
 * as for :goto "my modle"; the usage is left for a line near no name, where
 * a first word read alone ("no model 'my'") would mislead. */
static int one_model_word(tui_app *app, const char *cmd, const char *arg, char *buf, size_t size,
                          const char **name)
{
    char *w[2];
    int nw = tui_split_words(arg, buf, size, w, 2);
    if (nw == 1) {
        *name = w[0];
        return 0;
    }
    if (nw > 1 && app->ds && !strpbrk(arg, "\"'\\")) {
        while (*arg == ' ' || *arg == '\t')
            arg++;
        size_t len = strlen(arg);
        while (len && (arg[len - 1] == ' ' || arg[len - 1] == '\t'))
            len--;
        if (len < size) {
            memcpy(buf, arg, len);
            buf[len] = '\0';
            cs_typo t;
            if (cs_dataset_find_model(app->ds, buf) >= 0 || near_model(app, buf, &t)) {
                *name = buf;
                return 0;
            }
        }
    }
    if (nw < 0)
        tui_app_msg(app, 1, "%s: unterminated quote", cmd);
    else {
        char usage[160];
        tui_app_msg(app, 1, "%s (quote a name with blanks: \"my model\")", tui_action_usage(cmd, usage, sizeof usage));
    }
    return -1;
}

unsigned tui_h_goto_model(tui_app *app, const char *arg)
{
    char buf[TUI_COMMAND_MAX];
    const char *name;
    if (need_data(app) || cursor_hidden(app, "goto", ":goto moves") ||
        one_model_word(app, "goto", arg, buf, sizeof buf, &name) < 0)
        return TUI_CH_STATUS;
    long row = cs_dataset_find_model(app->ds, name);
    if (row < 0) {
        no_model(app, name);
        return TUI_CH_STATUS;
    }
    if (!tui_app_cursor_to_row(app, (size_t)row)) {
        tui_app_msg(app, 1, "%s has no %s score: no point to show", name, app->ds->tasks[app->task].name);
        return TUI_CH_STATUS;
    }
    return TUI_CH_CURSOR | TUI_CH_STATUS | TUI_CH_VIEW;
}

static const unsigned split_changes = TUI_CH_SPLIT | TUI_CH_FIT | TUI_CH_VIEW | TUI_CH_STATUS | TUI_CH_CURSOR;

/* What s, [ and ] say: the split now shown, and the keys that step it
 * when the view has just opened (titles alone change too quietly). */
/* "; 678 rows in no split (after 2025-03-31)", the words that matter
 * first (an 80-column status line cuts the end), when the scheme's periods
 * leave dated rows out (period4 ends on 2025-03-31: a third of the demo
 * data, and a lab's newest models, were out of every split unsaid; the
 * split pane's counts alone do not show it), else "". */
static const char *outside_note(const tui_app *app, const cs_scheme *scheme, char *buf, size_t size)
{
    size_t outside[3];
    int32_t span[2];
    char day[16];
    buf[0] = '\0';
    cs_scheme_rows_outside(scheme, app->ds, NULL, outside, span);
    char first[16];
    if (outside[2]) {
        /* the windows' gaps: the total first, the gaps' share after it */
        size_t all = outside[0] + outside[1] + outside[2];
        snprintf(buf, size, "; %zu row%s in no split (%zu between its windows)", all, all == 1 ? "" : "s",
                 outside[2]);
    } else if (outside[0] && outside[1])
        snprintf(buf, size, "; %zu rows in no split (%zu before %s, %zu after %s)", outside[0] + outside[1],
                 outside[0], cs_format_date(span[0], first, sizeof first), outside[1],
                 cs_format_date(span[1] - 1, day, sizeof day));
    else if (outside[1])
        snprintf(buf, size, "; %zu row%s in no split (after %s)", outside[1], outside[1] == 1 ? "" : "s",
                 cs_format_date(span[1] - 1, day, sizeof day));
    else if (outside[0])
        snprintf(buf, size, "; %zu row%s in no split (before %s)", outside[0], outside[0] == 1 ? "" : "s",
                 cs_format_date(span[0], day, sizeof day));
    /* Undated rows are in no period of any scheme: a table with some dates
     * missing showed fewer rows on the split's two sides than it has, and
     * nothing said where the others went (capscope splits notes them). */
    size_t undated = cs_dataset_n_undated(app->ds);
    if (undated) {
        size_t used = strlen(buf);
        if (used)
            snprintf(buf + used, size - used, " and %zu without a date", undated);
        else
            snprintf(buf, size, "; %zu row%s without a date in no split", undated, undated == 1 ? "" : "s");
    }
    return buf;
}

static void split_shown(tui_app *app, int opened)
{
    char note[160] = "";
    tui_app_msg(app, 0, "split view: %s, split %zu of %zu%s%s", app->set.scheme, app->split_k,
                cs_scheme_n_splits(&app->scheme), opened ? " ([ and ] step)" : "",
                opened ? outside_note(app, &app->scheme, note, sizeof note) : "");
}

unsigned tui_h_split(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    if (app->split_on) {
        app->split_on = 0;
        app->show_other = 0;
        app->pts.valid = 0;
        tui_app_msg(app, 0, "split view off");
        return split_changes;
    }
    if (enable_split(app) < 0)
        return TUI_CH_STATUS;
    split_shown(app, 1);
    return split_changes;
}

static unsigned step_split(tui_app *app, int dir)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    if (!app->split_on) {
        if (enable_split(app) < 0)
            return TUI_CH_STATUS;
        split_shown(app, 1);
    } else {
        size_t ns = cs_scheme_n_splits(&app->scheme);
        if ((dir < 0 && app->split_k <= 1) || (dir > 0 && app->split_k >= ns)) {
            tui_app_msg(app, 0, "split %zu of %zu: no %s split", app->split_k, ns, dir < 0 ? "earlier" : "later");
            return TUI_CH_STATUS;
        }
        app->split_k = (size_t)((long)app->split_k + dir);
        split_shown(app, 0);
    }
    tui_app_split_changed(app, 0);
    return split_changes;
}

unsigned tui_h_split_prev(tui_app *app, const char *arg) { return step_split(app, -1); }
unsigned tui_h_split_next(tui_app *app, const char *arg) { return step_split(app, 1); }

unsigned tui_h_scheme(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    cs_scheme s;
    char why[300];
    if (tui_app_scheme_refusal(app->ds, arg, &s, why, sizeof why)) {
        tui_app_msg(app, 1, "%s", why); /* it names the scheme and its forms */
        return TUI_CH_STATUS;
    }
    /* Cut short, it would be saved and restored as another scheme, or none. */
    if (strlen(arg) >= sizeof app->set.scheme) {
        tui_app_msg(app, 1, "scheme: at most %zu characters", sizeof app->set.scheme - 1);
        return TUI_CH_STATUS;
    }
    snprintf(app->set.scheme, sizeof app->set.scheme, "%s", arg);
    app->scheme = s;
    app->scheme_ok = 1;
    app->split_on = 1;
    app->split_k = 1;
    tui_app_split_changed(app, 0);
    size_t ns = cs_scheme_n_splits(&s);
    char note[160];
    tui_app_msg(app, 0, "scheme %s: %zu split%s%s", arg, ns, ns == 1 ? "" : "s",
                outside_note(app, &app->scheme, note, sizeof note));
    drift_changed(app);
    return split_changes;
}

/* Days in a month of the proleptic Gregorian calendar. */
static int month_days(int y, int m)
{
    static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 ? 28 + leap : d[m - 1];
}

static int add_months(int32_t day, int months, int32_t *out)
{
    char buf[16];
    int y, m, d;
    cs_format_date(day, buf, sizeof buf);
    if (sscanf(buf, "%d-%d-%d", &y, &m, &d) != 3)
        return -1;
    long total = (long)y * 12 + (m - 1) + months;
    y = (int)(total / 12);
    m = (int)(total % 12) + 1;
    if (d > month_days(y, m))
        d = month_days(y, m);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return cs_parse_date(buf, out);
}

static unsigned move_cut_to(tui_app *app, int32_t day)
{
    cs_error err;
    char buf[16], name[CS_SCHEME_NAME_MAX];
    cs_scheme moved = app->scheme;
    if (cs_scheme_move_cut(&moved, app->split_k - 1, day, &err) < 0) {
        tui_app_msg(app, 1, "cannot move the cut to %s: %s", cs_format_date(day, buf, sizeof buf), err.msg);
        return TUI_CH_STATUS;
    }
    /* The name is what the session saves and what toggling the split view
     * parses again: a move it cannot hold would be lost there. */
    cs_scheme_name(&moved, name, sizeof name);
    if (!name[0] || strlen(name) >= sizeof app->set.scheme) {
        tui_app_msg(app, 1, "cannot move the cut: the scheme's name would be longer than %zu characters",
                    sizeof app->set.scheme - 1);
        return TUI_CH_STATUS;
    }
    app->scheme = moved;
    memcpy(app->set.scheme, name, strlen(name) + 1);
    tui_app_split_changed(app, 1);
    app->scrub_mark = 1;
    drift_changed(app); /* its column of this split: D showed the old cut's again */
    tui_app_msg(app, 0, "cut %s", cs_format_date(day, buf, sizeof buf));
    return split_changes;
}

static unsigned scrub(tui_app *app, const char *arg, int days, int months)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    long long times = 1;
    cs_count_status st = *arg ? cs_parse_count(arg, -10000, 10000, &times) : CS_COUNT_OK;
    if (st != CS_COUNT_OK) {
        char why[96];
        tui_app_msg(app, 1, "steps: '%s' is %s", arg, cs_count_why(st, -10000, 10000, why, sizeof why));
        return TUI_CH_STATUS;
    }
    /* With the view off, the key shows it and the cut it would move: a
     * cut moved unseen changes the scheme that the session saves. A count
     * typed at the prompt asks for the move itself, as :cut DATE does:
     * it opens the view and moves (":cut-day-back 5" only opened it, the
     * 5 and even ":cut-day-back x" dropped unsaid). */
    if (!app->split_on) {
        if (enable_split(app) < 0)
            return TUI_CH_STATUS;
        if (!*arg) {
            split_shown(app, 1);
            return split_changes;
        }
    }
    if (app->split_k < 1 || app->split_k > app->scheme.n_splits)
        return TUI_CH_STATUS;
    int32_t cut = app->scheme.splits[app->split_k - 1].val_lo, day = cut;
    if (cut == INT32_MIN || cut == INT32_MAX) {
        tui_app_msg(app, 1, "this split has no cut date to move");
        return TUI_CH_STATUS;
    }
    if (months) {
        if (add_months(cut, months * (int)times, &day) < 0)
            return TUI_CH_STATUS;
    } else
        day = cut + days * (int32_t)times;
    return move_cut_to(app, day);
}

unsigned tui_h_cut(tui_app *app, const char *arg)
{
    int32_t day;
    if (need_data(app))
        return TUI_CH_STATUS;
    if (cs_parse_date(arg, &day) < 0) {
        char hint[64]; /* which part is wrong, as the batch options say (date.h) */
        cs_date_hint(arg, hint, sizeof hint);
        tui_app_msg(app, 1, "cut: '%s' is not a date (YYYY-MM-DD%s%s)", arg, hint[0] ? "; " : "", hint);
        return TUI_CH_STATUS;
    }
    if (!app->split_on && enable_split(app) < 0)
        return TUI_CH_STATUS;
    return move_cut_to(app, day);
}

unsigned tui_h_cut_day_back(tui_app *app, const char *arg) { return scrub(app, arg, -1, 0); }
unsigned tui_h_cut_day_fwd(tui_app *app, const char *arg) { return scrub(app, arg, 1, 0); }
unsigned tui_h_cut_week_back(tui_app *app, const char *arg) { return scrub(app, arg, -7, 0); }
unsigned tui_h_cut_week_fwd(tui_app *app, const char *arg) { return scrub(app, arg, 7, 0); }
unsigned tui_h_cut_month_back(tui_app *app, const char *arg) { return scrub(app, arg, 0, -1); }
unsigned tui_h_cut_month_fwd(tui_app *app, const char *arg) { return scrub(app, arg, 0, 1); }

/* A sampler key with no suggestion to act on: why there is none, in the
 * words the sampler pane has for it, with their way out (":pool all
 * designs from scratch", ":budget FRACTION raises it"); "no suggestion
 * selected" left the user to find the pane's reason. */
static unsigned no_picks(tui_app *app)
{
    char why[256];
    if (!app->ds)
        tui_app_msg(app, 1, "no suggestions: no data loaded");
    else if (app->design_dirty || app->design_running)
        tui_app_msg(app, 0, "no suggestions yet: the sampler is waiting for the fits");
    else if (!app->design_ok)
        tui_app_msg(app, 1, "no suggestions: %s", app->design_err[0] ? app->design_err : "no design");
    else {
        tui_sampler_empty_reason(app, NULL, why, sizeof why);
        tui_app_msg(app, 0, "no suggestions: %s", why);
    }
    return TUI_CH_STATUS;
}

/* The suggestions the sampler pane lists: none while it waits for a new
 * design (it shows "waiting for the fits...", and a click selects none),
 * so that its keys act on what is shown, not on the last design's list. */
static size_t picks_shown(const tui_app *app)
{
    return app->design_ok && !app->design_dirty && !app->design_running ? app->design.n_picks : 0;
}

/* The suggestion list's end, or that it is empty, as list_end says it. */
static unsigned pick_end(tui_app *app, int last)
{
    if (picks_shown(app) == 0)
        return no_picks(app);
    return list_end(app, "suggestion", last) | TUI_CH_DESIGN;
}

unsigned tui_h_pick_down(tui_app *app, const char *arg)
{
    if (app->pick_sel + 1 >= picks_shown(app))
        return pick_end(app, 1);
    app->pick_sel++;
    return TUI_CH_DESIGN;
}

unsigned tui_h_pick_up(tui_app *app, const char *arg)
{
    if (app->pick_sel == 0 || picks_shown(app) == 0)
        return pick_end(app, 0);
    app->pick_sel--;
    return TUI_CH_DESIGN;
}

unsigned tui_h_pick_first(tui_app *app, const char *arg)
{
    if (app->pick_sel == 0 || picks_shown(app) == 0)
        return pick_end(app, 0);
    app->pick_sel = 0;
    return TUI_CH_DESIGN;
}

unsigned tui_h_pick_last(tui_app *app, const char *arg)
{
    if (app->pick_sel + 1 >= picks_shown(app))
        return pick_end(app, 1);
    app->pick_sel = app->design.n_picks - 1;
    return TUI_CH_DESIGN;
}

unsigned tui_h_pick_page_down(tui_app *app, const char *arg)
{
    size_t rows, n = picks_shown(app);
    if (page_rows(app, arg, &rows) < 0)
        return TUI_CH_STATUS;
    if (app->pick_sel + 1 >= n)
        return pick_end(app, 1);
    app->pick_sel = n - 1 - app->pick_sel > rows ? app->pick_sel + rows : n - 1;
    return TUI_CH_DESIGN;
}

unsigned tui_h_pick_page_up(tui_app *app, const char *arg)
{
    size_t rows;
    if (page_rows(app, arg, &rows) < 0)
        return TUI_CH_STATUS;
    if (app->pick_sel == 0 || picks_shown(app) == 0)
        return pick_end(app, 0);
    app->pick_sel = app->pick_sel > rows ? app->pick_sel - rows : 0;
    return TUI_CH_DESIGN;
}

/* The columns of the status line that a message's start is worded for:
 * a terminal of 80 columns, less the status line's blank before the
 * message and the ellipsis that ends it when the rest is cut. */
enum { STATUS_COLS = 80 - 2 };

/* name in at most cols columns, for a message whose words after it must
 * stay on the status line: cut in the middle as the panes cut names
 * (tui_grid_fit, by display width, with the grid's ellipsis), since names
 * share their starts (an organisation) and differ at the end. Returns name
 * itself when it fits. */
static const char *short_name(const tui_app *app, const char *name, int cols, char *out, size_t size)
{
    cs_textwidth *tw = cs_textwidth_open();
    /* the status line's grid, as the manager makes it: only its width rule and charset are read */
    tui_grid g = { .ascii = app->charset == CS_CHARSET_ASCII && !app->utf8, .width = tw };
    const char *shown = name;
    if (tui_grid_width(&g, name) > cols) {
        shown = tui_grid_fit(&g, name, cols, TUI_FIT_MIDDLE, out, size);
        /* the blank that pads the column a wide character could not take */
        size_t len = strlen(out);
        while (len && out[len - 1] == ' ')
            out[--len] = '\0';
    }
    cs_textwidth_close(tw);
    return shown;
}

/* The task i opens for a suggestion: one the sampler serves (the marked
 * tasks, which need not hold the current one) that the model has no score
 * for, the current task first; with all scored (:pool all), the current
 * task if served, to re-score, else the first served. With no task marked
 * that is the current task, as for a point under the plot's cursor. */
static size_t suggestion_task(const tui_app *app, size_t row)
{
    size_t *served = malloc(app->ds->n_tasks * sizeof *served);
    if (!served)
        return app->task;
    size_t ns = tui_app_served(app, served), unscored = SIZE_MAX, current = SIZE_MAX;
    for (size_t k = 0; k < ns; k++) {
        if (served[k] == app->task)
            current = served[k];
        if (!app->ds->tasks[served[k]].has[row] && (unscored == SIZE_MAX || served[k] == app->task))
            unscored = served[k];
    }
    size_t t = unscored != SIZE_MAX ? unscored : current != SIZE_MAX ? current : served[0];
    free(served);
    return t;
}

unsigned tui_h_pick_show(tui_app *app, const char *arg)
{
    if (app->pick_sel >= picks_shown(app))
        return no_picks(app);
    const cs_pick *pk = &app->design.picks[app->pick_sel];
    size_t row = pk->row;
    const cs_task *task = &app->ds->tasks[app->task];
    /* The key that acts on it and why it was picked (the sampler shows
     * that only when wide) come right after the name: at the end of the
     * message, after a name of 30 columns, the key was already past an
     * 80-column status line, which cuts the rest (:messages has it
     * whole). A name too long for the key to follow it there is cut in
     * the middle. The why leads with the part of the range. i opens
     * :score MODEL TASK for the selected suggestion, which replaces the
     * score of one already scored (after :pool all). */
    size_t opens = suggestion_task(app, row);
    char hint[64];
    /* a task's name past a few words would leave the model's no room */
    /* with every served task scored (:pool all) i opens one to re-score */
    const char *verb = app->ds->tasks[opens].has[row] ? "re-scores" : "scores";
    if (opens != app->task && strlen(app->ds->tasks[opens].name) <= 24)
        snprintf(hint, sizeof hint, "(i %s its %s)", verb, app->ds->tasks[opens].name);
    else if (opens != app->task)
        snprintf(hint, sizeof hint, "(i %s a marked task)", verb);
    else
        snprintf(hint, sizeof hint, "%s", task->has[row] ? "(i re-scores it)" : "(i scores it)");
    char name[4 * STATUS_COLS + 8];
    /* the name, a blank, the hint and its colon */
    const char *shown = short_name(app, app->ds->model[row], STATUS_COLS - 2 - (int)strlen(hint), name, sizeof name);
    const char *why = pk->why ? pk->why : "", *sep = *why ? "; " : "";
    int on_plot = tui_app_cursor_to_row(app, row);
    if (!on_plot && !task->has[row]) {
        /* A suggestion is mostly unscored: no point to move to, but its
         * rank stands under the plot's axis at its compute (pane_plot.c). */
        const tui_view v = tui_app_view(app);
        const double z = app->ds->z[row];
        if (!(z >= v.x_min && z <= v.x_max)) {
            /* zoomed or panned off it: no mark under the axis to point to */
            tui_app_msg(app, 0, "%s %s: %s%sno %s score yet; its compute, %.3g FLOPs, is outside the plot's view "
                        "(0 shows all)", shown, hint, why, sep, task->name, app->ds->flops[row]);
            return TUI_CH_STATUS;
        }
        char mark[8];
        if (pk->rank < 10)
            snprintf(mark, sizeof mark, "%zu", pk->rank);
        else
            snprintf(mark, sizeof mark, "%s", app->charset == CS_CHARSET_ASCII ? "^" : "\u25b2");
        tui_app_msg(app, 0, "%s %s: %s%sno %s score yet, the %s under the plot's axis marks its compute, %.3g FLOPs",
                    shown, hint, why, sep, task->name, mark, app->ds->flops[row]);
        return TUI_CH_STATUS;
    }
    /* Scored: the cursor is on it, and the message takes the status line
     * the cursor's numbers would have, so it says the score. */
    char score[CS_NUMBER_TEXT];
    tui_app_msg(app, 0, "%s %s: %s%sits %s score, %s, is %s", shown, hint, why, sep, task->name,
                cs_number_text(task->y[row], score), on_plot ? "under the plot's cursor" : "not in the plot");
    return on_plot ? TUI_CH_CURSOR | TUI_CH_STATUS | TUI_CH_VIEW : TUI_CH_STATUS;
}

unsigned tui_h_budget(tui_app *app, const char *arg)
{
    cs_error err;
    if (tui_settings_set(&app->set, "budget", arg, &err) < 0) {
        tui_app_msg(app, 1, "%s", err.msg);
        return TUI_CH_STATUS;
    }
    app->design_dirty = 1;
    app->set.budget_abs = 0; /* the last budget given rules, as one of suggest's two options */
    char share[CS_NUMBER_TEXT];
    tui_app_msg(app, 0, "budget %s of the pool's cost", cs_number_text(app->set.budget, share));
    return TUI_CH_DESIGN | TUI_CH_STATUS;
}

unsigned tui_h_budget_abs(tui_app *app, const char *arg)
{
    cs_error err;
    if (tui_settings_set(&app->set, "budget_abs", arg, &err) < 0) {
        tui_app_msg(app, 1, "%s", err.msg);
        return TUI_CH_STATUS;
    }
    app->design_dirty = 1;
    char cost[CS_NUMBER_TEXT];
    if (app->set.budget_abs > 0)
        tui_app_msg(app, 0, "budget %s in cost units", cs_number_text(app->set.budget_abs, cost));
    else
        tui_app_msg(app, 0, "budget %s of the pool's cost", cs_number_text(app->set.budget, cost));
    return TUI_CH_DESIGN | TUI_CH_STATUS;
}

unsigned tui_h_pool(tui_app *app, const char *arg)
{
    cs_error err;
    if (tui_settings_set(&app->set, "pool", arg, &err) < 0) {
        tui_app_msg(app, 1, "%s", err.msg);
        return TUI_CH_STATUS;
    }
    app->design_dirty = 1;
    tui_app_msg(app, 0, app->set.pool_all ? "pool all: every model is a candidate, as in the paper"
                                          : "pool unscored: the sampler suggests models not yet scored");
    return TUI_CH_DESIGN | TUI_CH_STATUS;
}

unsigned tui_h_load(tui_app *app, const char *arg)
{
    char buf[4096], words_buf[4096], *words[2];
    /* '' names no file: the load of "" said nothing at all. */
    if (tui_split_words(arg, words_buf, sizeof words_buf, words, 2) != 1 || !*words[0]) {
        char usage[160];
        tui_app_msg(app, 1, "%s", tui_action_usage("load", usage, sizeof usage));
        return TUI_CH_STATUS;
    }
    return tui_app_load_file(app, cs_path_expand_home(words[0], buf, sizeof buf));
}

unsigned tui_h_export(tui_app *app, const char *arg)
{
    char buf[4096], words_buf[4096], *words[3];
    if (need_data(app))
        return TUI_CH_STATUS;
    int nw = tui_split_words(arg, words_buf, sizeof words_buf, words, 3);
    int force = nw == 2 && strcmp(words[1], "force") == 0;
    if (nw < 0 || nw > 2 || (nw == 2 && !force)) {
        char usage[160], shown[CS_NAMES_SHOWN];
        tui_action_usage("export", usage, sizeof usage);
        /* The word after the file is the one that can only be force. */
        if (nw == 2)
            tui_app_msg(app, 1, "'%s' is not force: %s (a file name with a blank is quoted)",
                        cs_quote_short(words[1], shown, sizeof shown), usage);
        else
            tui_app_msg(app, 1, "%s", usage);
        return TUI_CH_STATUS;
    }
    const char *path = nw >= 1 ? cs_path_expand_home(words[0], buf, sizeof buf) : NULL;
    char *written = NULL;
    cs_error err;
    if (tui_export_file(app, path, force, &written, &err) < 0) {
        char msg[700];
        tui_app_msg(app, 1, "export: %s", cs_error_string(&err, msg, sizeof msg));
        return TUI_CH_STATUS;
    }
    /* A name of capscope's choosing is in the directory capscope started
     * in, which after --resume (the data file's own path) need not be the
     * data's, nor where one looks: said whole. A name typed is said as
     * typed. */
    char *abs = path ? NULL : realpath(written, NULL), shown[4096];
    const char *said = abs ? cs_path_tilde(abs, shown, sizeof shown) : written;
    /* The drift grid is drawn over the plot: say which of the two went. */
    tui_app_msg(app, 0, "wrote %s%s", said, app->drift_on ? " (the plot under the drift grid)" : "");
    free(abs);
    free(written);
    return TUI_CH_STATUS;
}

/* Scores of any task changed, which ones unknown (a journal replayed, a
 * journal's line taken back): every task is fitted again, and the search's
 * matches, positions among the points, are found again among the new ones. */
static void after_scores(tui_app *app)
{
    tui_app_scores_changed(app, SIZE_MAX);
    tui_app_refit_all(app);
    if (app->search[0])
        tui_app_search(app, app->search);
    drift_changed(app);
}

/* One fit more to do, in the round of fits going on if there is one (its
 * count and progress are the user's), else in a round of its own. A fit
 * pending is already counted (the callers quiesce: none runs). A new round
 * counts the fits pending before it too: tui_app_idle runs them and counts
 * them done whether or not a round runs, and the quiesce has just put back
 * to pending a fit it stopped (one Esc left running): counted from 0, two
 * scores made "fitting task 3 of 2". */
static void refit_task(tui_app *app, size_t task)
{
    if (!app->fitting) {
        app->fitting = 1;
        app->fit_done = app->fit_total = 0;
        for (size_t t = 0; t < app->ds->n_tasks; t++)
            app->fit_total += app->fits[t].state == TUI_FIT_PENDING;
    }
    if (app->fits[task].state != TUI_FIT_PENDING)
        app->fit_total++;
    app->fits[task].state = TUI_FIT_PENDING;
    tui_app_scores_changed(app, task);
}

static unsigned after_score(tui_app *app, size_t task)
{
    refit_task(app, task);
    app->design_dirty = 1;
    app->split_dirty = 1;
    app->other_dirty = 1;
    tui_app_quantiles_dirty(app);
    if (app->search[0])
        tui_app_search(app, app->search);
    drift_changed(app);
    return TUI_CH_DATA | TUI_CH_ALL;
}

/* Entries taken in at [from, journal's count): each a score now in effect
 * when the count grew by as many as the lines taken in (no undo among
 * them, none stale). Then only their tasks are fitted again, and 1 is
 * returned; 0 when the tasks are not known so, for every task to be. A
 * million rows of twenty tasks were all refitted for one script's score. */
static int refit_taken_in(tui_app *app, size_t from, size_t lines)
{
    size_t n_tasks = app->ds->n_tasks, to = cs_journal_count(app->journal);
    if (to != from + lines)
        return 0;
    unsigned char *touched = calloc(n_tasks ? n_tasks : 1, 1);
    if (!touched)
        return 0;
    for (size_t k = from; k < to; k++) {
        cs_journal_item it;
        if (cs_journal_item_at(app->journal, app->ds, k, &it) != 0 || it.task >= n_tasks) {
            free(touched);
            return 0;
        }
        touched[it.task] = 1;
    }
    size_t last = n_tasks;
    for (size_t t = 0; t < n_tasks; t++)
        if (touched[t]) {
            refit_task(app, t);
            last = t;
        }
    free(touched);
    if (last < n_tasks)
        after_score(app, last); /* and what every score changes, once */
    return 1;
}

/* One entry of another capscope taken in, named: what changed, rather than
 * a count and a guess at who wrote it. A score is the newest entry in
 * effect now (before + 1 of them); an undo took back the newest entry in
 * effect before (row and task of it, SIZE_MAX when there was none or it was
 * a stale one). 0 when neither, for the count to be said. */
static int say_one_taken(tui_app *app, size_t before, size_t undone_row, size_t undone_task)
{
    size_t now = cs_journal_count(app->journal), row, task;
    char v[CS_NUMBER_TEXT], hint[1200];
    tui_app_reload_hint(app, hint, sizeof hint); /* as say_taken_in says it */
    if (now == before + 1 && cs_journal_entry(app->journal, now - 1, &row, &task) == 0) {
        tui_app_msg(app, hint[0] != '\0', "journal: %sa score of another capscope taken in: %s %s = %s", hint,
                    app->ds->model[row], app->ds->tasks[task].name, cs_number_text(app->ds->tasks[task].y[row], v));
        return 1;
    }
    if (now + 1 == before && undone_row != SIZE_MAX) {
        const cs_task *t = &app->ds->tasks[undone_task];
        tui_app_msg(app, hint[0] != '\0', "journal: %san undo of another capscope taken in: %s %s now %s", hint,
                    app->ds->model[undone_row], t->name,
                    t->has[undone_row] ? cs_number_text(t->y[undone_row], v) : "unscored");
        return 1;
    }
    return 0;
}

/* The count of entries of another capscope taken in. Both words on them
 * carry the data file's change on disk, as the word on entries skipped
 * does: the look at the file that says it comes just before the look at
 * the journal, whose word stood over it on the status line (a pipeline
 * that replaced the file and entered a score within the second), and the
 * change was said once a load. */
static void say_taken_in(tui_app *app, size_t taken)
{
    char hint[1200];
    tui_app_reload_hint(app, hint, sizeof hint);
    tui_app_msg(app, hint[0] != '\0', "journal: %s%zu entr%s appended by another capscope (capscope score?) taken in",
                hint, taken, taken == 1 ? "y" : "ies");
}

unsigned tui_app_take_in_journal(tui_app *app, size_t *taken)
{
    size_t dummy;
    if (!taken)
        taken = &dummy;
    *taken = 0;
    if (!app->ds || !app->data_path || strcmp(app->data_path, "-") == 0 || app->journal_watch_said)
        return TUI_CH_NONE;
    if (!app->journal) {
        /* Made since the data was loaded: opened (and replayed whole). A
         * journal not there yet is left uncreated, as a load leaves it. */
        char *jpath = cs_journal_path_for(app->data_path);
        int exists = jpath && access(jpath, F_OK) == 0;
        free(jpath);
        if (!exists)
            return TUI_CH_NONE;
        unsigned long said = app->msg_serial;
        if (tui_app_open_journal(app) != 0) {
            app->journal_watch_said = 1; /* its message stands; not again every second */
            return TUI_CH_STATUS;
        }
        app->journal_lines_before = 0; /* every line written since the data was loaded */
        *taken = cs_journal_count_applied(app->journal);
        if (app->msg_serial != said) {
            /* What opening warned of (entries skipped, a score over the
             * file's newer one) stands: the count said over it hid it. */
            if (*taken == 0)
                return TUI_CH_STATUS;
            after_scores(app);
            char warned[sizeof app->msg];
            const char *w = strncmp(app->msg, "journal: ", 9) == 0 ? app->msg + 9 : app->msg;
            snprintf(warned, sizeof warned, "%s", w);
            tui_app_msg(app, 1, "journal: %zu entr%s appended by another capscope taken in; %s", *taken,
                        *taken == 1 ? "y" : "ies", warned);
            return TUI_CH_DATA | TUI_CH_ALL;
        }
        if (*taken == 0)
            return TUI_CH_NONE;
        after_scores(app);
        if (*taken == 1 && cs_journal_count(app->journal) == 1 && say_one_taken(app, 0, SIZE_MAX, SIZE_MAX))
            return TUI_CH_DATA | TUI_CH_ALL;
    } else {
        cs_journal_replay rep;
        cs_error err;
        size_t before = cs_journal_count(app->journal), undone_row = SIZE_MAX, undone_task = SIZE_MAX;
        if (before && cs_journal_entry(app->journal, before - 1, &undone_row, &undone_task) != 0)
            undone_row = undone_task = SIZE_MAX;
        if (cs_journal_catch_up(app->journal, app->ds, &rep, taken, &err) != 0) {
            int e = errno;
            if (e == ENOMEM || e == EINTR || e == EAGAIN) {
                /* Nothing taken in, the journal as it was: memory short
                 * for a moment stops nothing, and the next look tries
                 * again (once a second while idle), said once, not over
                 * every message in between. */
                if (app->journal_retrying)
                    return TUI_CH_NONE;
                app->journal_retrying = 1;
                tui_app_msg(app, 1, "journal: %s; trying again", err.msg);
                return TUI_CH_STATUS;
            }
            app->journal_retrying = 0;
            app->journal_watch_said = 1;
            /* A line refused is named: the words alone do not say where,
             * and the journal's path would push the line off 80 columns. */
            if (err.line > 0)
                tui_app_msg(app, 1, "journal: nothing taken in, line %ld refused: %s", err.line, err.msg);
            else
                tui_app_msg(app, 1, "journal: %s", err.msg);
            return TUI_CH_STATUS;
        }
        app->journal_retrying = 0;
        if (*taken == 0)
            return TUI_CH_NONE;
        if (rep.skipped) {
            /* Of a model or task the data lacks: most likely one that a
             * newer version of the data file has. */
            char hint[1200];
            tui_app_reload_hint(app, hint, sizeof hint);
            size_t in = *taken > rep.skipped ? *taken - rep.skipped : 0;
            if (in == 0) {
                tui_app_msg(app, 1, "journal: %s%zu entr%s appended by another capscope skipped (%s %ld, %s; "
                            "kept in the journal)", hint, rep.skipped, rep.skipped == 1 ? "y" : "ies",
                            rep.skipped > 1 ? "the first at line" : "line", rep.first_skipped, rep.why);
                *taken = 0;
                return TUI_CH_STATUS;
            }
            after_scores(app);
            tui_app_msg(app, 1, "journal: %s%zu entr%s appended by another capscope taken in, %zu skipped (%s "
                        "%ld, %s; kept in the journal)", hint, in, in == 1 ? "y" : "ies", rep.skipped,
                        rep.skipped > 1 ? "the first at line" : "line", rep.first_skipped, rep.why);
            *taken = in;
            return TUI_CH_DATA | TUI_CH_ALL;
        }
        if (!refit_taken_in(app, before, *taken))
            after_scores(app);
        if (*taken == 1 && say_one_taken(app, before, undone_row, undone_task))
            return TUI_CH_DATA | TUI_CH_ALL;
    }
    say_taken_in(app, *taken);
    return TUI_CH_DATA | TUI_CH_ALL;
}

/* The prompt asked to open with ":score MODEL TASK " (names quoted as the
 * command line reads them back): 0, or -1 with nothing asked when the line
 * would not hold them (cut short, a quoted name would read as another). */
static int prefill_score(tui_app *app, size_t row, size_t task)
{
    char model[TUI_COMMAND_MAX], tname[TUI_COMMAND_MAX];
    if (tui_quote_word(app->ds->model[row], model, sizeof model) < 0 ||
        tui_quote_word(app->ds->tasks[task].name, tname, sizeof tname) < 0 ||
        (size_t)snprintf(app->prompt_prefill, sizeof app->prompt_prefill, "score %s %s ", model, tname) >=
            sizeof app->prompt_prefill) {
        app->prompt_prefill[0] = '\0';
        return -1;
    }
    app->prompt_request = ':';
    return 0;
}

/* After a score that i's prompt entered, the prompt again, for the next
 * marked task (the sampler's design serves them all, so one evaluates a
 * suggestion on each) that the model has no score for: a score on one
 * task takes the model out of the suggestions, and its other tasks had
 * to be typed in full. Said on the status line; Esc ends the chain. */
static void chain_score(tui_app *app, size_t row, size_t t)
{
    size_t chained = app->score_chain;
    app->score_chain = 0;
    if (chained != row + 1)
        return;
    size_t *served = malloc(app->ds->n_tasks * sizeof *served);
    if (!served)
        return;
    size_t ns = tui_app_served(app, served), next = SIZE_MAX, left = 0;
    for (size_t k = 0; k < ns; k++) {
        if (served[k] == t || app->ds->tasks[served[k]].has[row])
            continue;
        left++;
        /* the next after t in task order, wrapping round */
        if (next == SIZE_MAX || (next < t && served[k] > t))
            next = served[k];
    }
    free(served);
    if (next == SIZE_MAX || prefill_score(app, row, next) < 0)
        return;
    size_t used = strlen(app->msg);
    snprintf(app->msg + used, sizeof app->msg - used, "; next %s (%zu left, Esc stops)", app->ds->tasks[next].name,
             left);
    app->score_chain = row + 1;
}

unsigned tui_h_score(tui_app *app, const char *arg)
{
    char buf[1024], *w[4];
    if (need_data(app))
        return TUI_CH_STATUS;
    int nw = tui_split_words(arg, buf, sizeof buf, w, 4);
    if (nw == 1 && app->task < app->ds->n_tasks) {
        /* the model alone: the prompt again with it and the task shown, as
         * i opens it, rather than the usage and the name to type again */
        long row = cs_dataset_find_model(app->ds, w[0]);
        if (row < 0) {
            no_model(app, w[0]);
            return TUI_CH_STATUS;
        }
        /* said of a prompt that opens: a name that fits the command line
         * alone may leave no room for the task's */
        char shown[72];
        if (prefill_score(app, (size_t)row, app->task) < 0)
            tui_app_msg(app, 1, "score: no task and value for '%s', whose name is too long for the command line "
                        "to hold the task shown as well", cs_quote_short(w[0], shown, sizeof shown));
        else
            tui_app_msg(app, 1, "score: no task and value for %s: the prompt holds the task shown, %s", w[0],
                        app->ds->tasks[app->task].name);
        return TUI_CH_STATUS;
    }
    if (nw != 2 && nw != 3) {
        char usage[160];
        tui_app_msg(app, 1, "%s (quote a model name with blanks)", tui_action_usage("score", usage, sizeof usage));
        return TUI_CH_STATUS;
    }
    double v;
    long row = cs_dataset_find_model(app->ds, w[0]);
    int t = cs_dataset_task_index(app->ds, w[1]);
    if (row < 0) {
        no_model(app, w[0]);
        return TUI_CH_STATUS;
    }
    if (t < 0) {
        no_task(app, w[1]);
        return TUI_CH_STATUS;
    }
    if (nw == 2) {
        /* Enter before the value (i's prompt holds the model and the task):
         * the prompt again with them, as for a value that is no score. */
        tui_app_msg(app, 1, "score: no value for %s %s: give a fraction in [0, 1]", w[0], w[1]);
        prefill_score(app, (size_t)row, (size_t)t);
        return TUI_CH_STATUS;
    }
    if (cs_parse_number_held(w[2], &v) < 0 || v < 0 || v > 1) {
        char hint[320];
        if (!say_beyond(app, "score", w[2]))
            tui_app_msg(app, 1, "score: '%s' is not a score in [0, 1]%s", w[2],
                        cs_fraction_hint(w[2], 0, hint, sizeof hint));
        /* The model and task were right: the prompt opens again with them,
         * for the value alone (58 for 0.58 is the usual slip), as i left
         * it. Retyped, or i again and the value, they were lost. */
        prefill_score(app, (size_t)row, (size_t)t);
        return TUI_CH_STATUS;
    }
    cs_error err;
    tui_app_quiesce(app); /* a split fit in the worker reads the data set */
    /* Entries another capscope appended since (a script's capscope score)
     * first, so that this one goes after them rather than be refused: a
     * journal opened only now, or entries appended to the one in use. One
     * this score starts holds none. */
    size_t taken = 0;
    unsigned took = tui_app_take_in_journal(app, &taken);
    int replayed = taken > 0;
    /* A journal there already is opened (replayed) before the score is
     * compared with the one held; one not there yet is made only for a
     * score that changes one (below): an empty file for nothing else. */
    if (!app->journal && app->data_path) {
        char *jpath = cs_journal_path_for(app->data_path);
        if (jpath && access(jpath, F_OK) == 0)
            (void)tui_app_open_journal(app);
        free(jpath);
    }
    char first[96] = "";
    if (taken)
        snprintf(first, sizeof first, "; %zu journal entr%s of another capscope taken in first", taken,
                 taken == 1 ? "y" : "ies");
    /* A score that replaces one says so: a name typed a character off an
     * unscored suggestion's can name a scored model, whose score would go
     * without a word. */
    const cs_task *task = &app->ds->tasks[t];
    char was[48] = "", given[CS_NUMBER_TEXT], old[CS_NUMBER_TEXT];
    /* The score held already (typed again, or taken in just now): an entry
     * would change nothing, and :undo would take it back with nothing to
     * show; capscope score enters none either. */
    if (task->has[row] && task->y[row] == v) {
        tui_app_msg(app, 0, "%s %s is %s already: nothing entered%s", w[0], w[1], cs_number_text(v, given), first);
        chain_score(app, (size_t)row, (size_t)t);
        return replayed ? TUI_CH_DATA | TUI_CH_ALL : took | TUI_CH_STATUS;
    }
    if (!app->journal && app->data_path)
        (void)tui_app_open_journal(app);
    if (task->has[row])
        snprintf(was, sizeof was, ", was %s", cs_number_text(task->y[row], old));
    cs_number_text(v, given);
    if (app->journal) {
        if (cs_journal_score(app->journal, app->ds, w[0], w[1], v, &err) < 0) {
            tui_app_msg(app, 1, "score: %s", err.msg);
            return replayed ? TUI_CH_DATA | TUI_CH_ALL : took | TUI_CH_STATUS;
        }
        /* A journal that is not beside the data is named, once: it is where
         * the scores are, and the man page's FILES is far away. */
        const char *jpath = cs_journal_file(app->journal);
        size_t dl = strlen(app->data_path);
        if (!app->journal_named &&
            !(strncmp(jpath, app->data_path, dl) == 0 && strcmp(jpath + dl, ".journal") == 0)) {
            char shown[4096];
            tui_app_msg(app, 0, "%s %s = %s%s (saved in %s)%s", w[0], w[1], given, was,
                        cs_path_tilde(jpath, shown, sizeof shown), first);
            app->journal_named = 1;
        } else
            tui_app_msg(app, 0, "%s %s = %s%s (saved in the journal)%s", w[0], w[1], given, was, first);
    } else {
        if (app->n_undo == app->cap_undo) {
            size_t cap = app->cap_undo ? 2 * app->cap_undo : 16;
            tui_undo *nu = realloc(app->undo, cap * sizeof *nu);
            if (!nu) {
                tui_app_msg(app, 1, "out of memory");
                return TUI_CH_STATUS;
            }
            app->undo = nu;
            app->cap_undo = cap;
        }
        tui_undo u = { (size_t)row, (size_t)t, task->y[row], task->has[row] };
        if (cs_dataset_set_score(app->ds, (size_t)row, (size_t)t, v, &err) < 0) {
            tui_app_msg(app, 1, "score: %s", err.msg);
            return TUI_CH_STATUS;
        }
        app->undo[app->n_undo++] = u;
        /* The built-in demo has no file to keep a journal beside, on purpose:
         * it is the same every time it starts. Say, briefly enough for 80
         * columns, how to keep scores. */
        if (app->data_path)
            tui_app_msg(app, 0, "%s %s = %s%s (not saved: no journal)", w[0], w[1], given, was);
        else
            tui_app_msg(app, 0, "%s %s = %s%s (demo: not saved; --data FILE)", w[0], w[1], given, was);
    }
    unsigned changed = after_score(app, (size_t)t) | took;
    chain_score(app, (size_t)row, (size_t)t);
    return changed;
}

/* What :undo took back, with a journal or without: the model alone did
 * not tell which of its tasks' scores went. line: the journal line of a
 * score read from the file, entered before the data was opened (u at the
 * start of the next day took back yesterday's last score without a word
 * of it), else 0. */
static void say_taken_back(tui_app *app, size_t row, size_t task, long line)
{
    const cs_task *t = &app->ds->tasks[task];
    char now[CS_NUMBER_TEXT], when[96] = "";
    if (line > 0 && app->journal && line > app->journal_lines_before)
        snprintf(when, sizeof when, "; entered by another capscope since, journal line %ld", line);
    else if (line > 0)
        snprintf(when, sizeof when, "; entered before the data was opened, journal line %ld", line);
    if (t->has[row])
        tui_app_msg(app, 0, "score of %s %s taken back (now %s%s)", app->ds->model[row], t->name,
                    cs_number_text(t->y[row], now), when);
    else
        tui_app_msg(app, 0, "score of %s %s taken back (now unscored%s)", app->ds->model[row], t->name, when);
}

unsigned tui_h_undo(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    cs_error err;
    tui_app_quiesce(app);
    /* What another capscope appended since is taken in first: the last
     * entry is the journal's, whoever wrote it (as at the next load), and
     * the message says whose it was. */
    unsigned took = tui_app_take_in_journal(app, NULL);
    if (app->journal) {
        size_t row = 0, task = 0;
        int live = cs_journal_last(app->journal, &row, &task) == 0;
        long line = cs_journal_last_line(app->journal);
        int rc = cs_journal_undo(app->journal, app->ds, &err);
        if (rc < 0) {
            tui_app_msg(app, 1, "undo: %s", err.msg);
            return took | TUI_CH_STATUS;
        }
        if (rc == 1) {
            tui_app_msg(app, 0, "nothing to undo");
            return took | TUI_CH_STATUS;
        }
        if (rc == 2) {
            tui_app_msg(app, 0, "undo: took back journal line %ld, a score for a model or task not in "
                        "the data (no score changed)", err.line);
            return took | TUI_CH_STATUS;
        }
        /* Known: that task alone is refitted, as without a journal. */
        if (live) {
            say_taken_back(app, row, task, line);
            return took | after_score(app, task);
        }
        tui_app_msg(app, 0, "last score taken back");
        after_scores(app);
        return TUI_CH_ALL;
    }
    if (app->n_undo == 0) {
        tui_app_msg(app, 0, "nothing to undo");
        return TUI_CH_STATUS;
    }
    tui_undo u = app->undo[--app->n_undo];
    cs_dataset_set_score(app->ds, u.row, u.task, u.had ? u.old_value : NAN, &err);
    say_taken_back(app, u.row, u.task, 0);
    return after_score(app, u.task);
}

unsigned tui_h_band(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    app->show_band = !app->show_band;
    tui_app_say_band(app);
    return TUI_CH_VIEW | TUI_CH_STATUS;
}

unsigned tui_h_coverage_side(tui_app *app, const char *arg)
{
    app->cov_in_sample = !app->cov_in_sample;
    tui_app_msg(app, 0, "coverage strip: %s", app->cov_in_sample ? "in-sample" : "out-of-sample (in a split view)");
    return TUI_CH_VIEW | TUI_CH_STATUS;
}

unsigned tui_h_drift(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    int on = app->drift_on, metric = app->drift_metric;
    if (strcmp(arg, "error") == 0 || strcmp(arg, "err") == 0)
        on = 1, metric = TUI_DRIFT_ERROR;
    else if (strcmp(arg, "dq") == 0)
        on = 1, metric = TUI_DRIFT_DQ;
    else if (strcmp(arg, "off") == 0)
        on = 0;
    else if (*arg) {
        char choices[128];
        tui_app_msg(app, 1, "drift: '%s' is not %s", arg, tui_action_choices("drift", choices, sizeof choices));
        return TUI_CH_STATUS;
    } else if (!on)
        on = 1, metric = TUI_DRIFT_ERROR;
    else if (metric == TUI_DRIFT_ERROR)
        metric = TUI_DRIFT_DQ;
    else
        on = 0;
    if (on && !app->drift_on && refuse_undated(app))
        return TUI_CH_STATUS;
    int was_on = app->drift_on;
    app->drift_metric = metric;
    app->drift_on = on;
    if (on && (!app->drift || app->drift_stale || app->drift_ref_z != app->set.ref_z ||
               (!app->drift_running && app->drift_done < app->drift_total)))
        tui_app_drift_start(app);
    /* Not "computing": the message outlives the work, whose progress the
     * drift pane's title shows. */
    char note[160];
    if (on && app->drift)
        tui_app_msg(app, 0, "drift of %zu task%s x %zu split%s (D: %s)%s", app->drift_nt,
                    app->drift_nt == 1 ? "" : "s", app->drift_ns, app->drift_ns == 1 ? "" : "s",
                    metric == TUI_DRIFT_ERROR ? "dq view" : "close",
                    outside_note(app, &app->drift_scheme, note, sizeof note));
    else if (!on)
        tui_app_msg(app, 0, was_on ? "drift view closed" : "the drift view is not open (D opens it)");
    if (!app->drift)
        app->drift_on = 0;
    return TUI_CH_VIEW | TUI_CH_STATUS | TUI_CH_LAYOUT;
}

unsigned tui_h_drift_close(tui_app *app, const char *arg)
{
    return tui_h_drift(app, "off");
}

unsigned tui_h_score_edit(tui_app *app, const char *arg)
{
    if (need_data(app))
        return TUI_CH_STATUS;
    long row = -1;
    int suggested = 0;
    if (app->focus == TUI_PANE_SAMPLER && !app->maximized && app->pick_sel < picks_shown(app)) {
        row = (long)app->design.picks[app->pick_sel].row;
        suggested = 1;
    } else if (!app->drift_on) /* the drift grid hides the cursor: its model would be a guess */
        row = tui_app_cursor_row(app);
    if (*arg) {
        char buf[TUI_COMMAND_MAX];
        const char *name;
        suggested = 0;
        if (one_model_word(app, "score-edit", arg, buf, sizeof buf, &name) < 0)
            return TUI_CH_STATUS;
        row = cs_dataset_find_model(app->ds, name);
        if (row < 0) {
            no_model(app, name);
            return TUI_CH_STATUS;
        }
    }
    if (row < 0 || (size_t)row >= app->ds->n_rows) {
        if (app->drift_on)
            tui_app_msg(app, 1, "no model: the drift grid hides the cursor (q closes it), or select a suggestion");
        else
            tui_app_msg(app, 1, "no model selected: put the cursor on a point, or select a suggestion");
        return TUI_CH_STATUS;
    }
    /* A row whose name an earlier row has: a score names its model, and
     * so goes to the earlier row (the journal's rule), while the point
     * under the cursor kept its old score, the new one showing elsewhere.
     * Suggestions are never such rows (cs_design_candidates). */
    long first = cs_dataset_find_model(app->ds, app->ds->model[row]);
    if (first >= 0 && first != row) {
        char shown[72];
        tui_app_msg(app, 1,
                    "'%s' here (line %ld) repeats the name on line %ld, where a score by name goes:"
                    " give the rows different names in the data file",
                    cs_quote_short(app->ds->model[row], shown, sizeof shown), app->ds->line[row],
                    app->ds->line[first]);
        return TUI_CH_STATUS;
    }
    if (prefill_score(app, (size_t)row, suggested ? suggestion_task(app, (size_t)row) : app->task) < 0) {
        tui_app_msg(app, 1, "score-edit: the model's name is too long for the command line");
        return TUI_CH_STATUS;
    }
    app->score_chain = (size_t)row + 1;
    return TUI_CH_STATUS;
}
