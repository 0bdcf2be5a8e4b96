/* action.c - the action table and everything generated from it. */
#include <stdio.h>
#include <string.h>

#include "capscope/split.h"
#include "tui/action.h"
#include "tui/handlers.h"
#include "tui/keys.h"

#define K(...) { __VA_ARGS__ }
#define C(...) { __VA_ARGS__ }
#define NOKEY K(0)
#define NOC C(0)

#define G TUI_SCOPE_GLOBAL
#define T TUI_SCOPE_TASKS
#define P TUI_SCOPE_PLOT
#define S TUI_SCOPE_SPLIT
#define D TUI_SCOPE_SAMPLER
#define H TUI_SCOPE_HELP
#define DG TUI_SCOPE_DRIFT
enum { CT = TUI_COMPLETE_TASK, CM = TUI_COMPLETE_MODEL, CF = TUI_COMPLETE_FILE,
       CS = TUI_COMPLETE_SETTING, CSV = TUI_COMPLETE_SETTING_VALUE, CTH = TUI_COMPLETE_THEME,
       CCMD = TUI_COMPLETE_COMMAND };
enum { LINE = TUI_ARG_LINE, WORDS = TUI_ARG_WORDS };

/* The key bar shows the labelled actions whose key works where the keys
 * go now (the focused pane, else anywhere), by rank: 1 first, left to
 * right, while whole labels fit. Ranks 1-8 are what 80 columns have always
 * shown; 9 is the focused pane's own first action; then what a wider
 * terminal adds, most used first. Actions of different scopes may share a
 * rank, since only one of them shows at a time. */
static const tui_action table[] = {
    /* name, group, scope, keys, args, min_args, completion, help, hint, bar rank, handler, argument */
    { "quit", "General", G, K('q', TUI_KEY_F1 + 9), "", 0, NOC, "Quit; the session (data, task, view, split) is kept for --resume and the same data (in the help and the drift grid q closes them, F10 still quits)", "Quit", 1, tui_h_quit, LINE },
    { "help", "General", G, K('?', TUI_KEY_F1), "", 0, NOC, "Show or close this help", "Help", 2, tui_h_help, LINE },
    { "command", "General", G, K(':'), "", 0, NOC, "Open the command prompt (Tab completes, Up/Down recall history)", "Cmd", 3, tui_h_command, LINE },
    { "search", "General", G, K('/'), "[TEXT]", 0, C(CM), "Search model names (case-insensitive) and highlight the matches", "Search", 4, tui_h_search, LINE },
    { "search-next", "General", G, K('n'), "", 0, NOC, "Move the cursor to the next match", NULL, 0, tui_h_search_next, LINE },
    { "search-prev", "General", G, K('N'), "", 0, NOC, "Move the cursor to the previous match", NULL, 0, tui_h_search_prev, LINE },
    { "focus-next", "General", G, K(TUI_KEY_TAB), "", 0, NOC, "Focus the next pane (or click a pane)", "Pane", 5, tui_h_focus_next, LINE },
    { "focus-prev", "General", G, K(TUI_KEY_BTAB), "", 0, NOC, "Focus the previous pane", NULL, 0, tui_h_focus_prev, LINE },
    { "maximize", "General", G, K('m'), "", 0, NOC, "Show the plot alone, or all panes again", "Max", 14, tui_h_maximize, LINE },
    { "cancel", "General", G, K(TUI_KEY_ESC), "", 0, NOC, "Stop background fits, a :load and the drift grid; close the help or the drift grid; clear the search", "Cancel", 22, tui_h_cancel, LINE },
    { "messages", "General", G, K(0), "", 0, NOC, "Show the last messages of the status line whole, the latest first, at the end of the help (a message wider than the status line ends there in an ellipsis)", NULL, 0, tui_h_messages, LINE },
    { "redraw", "General", G, K(TUI_CTRL('l')), "", 0, NOC, "Redraw the whole screen", NULL, 0, tui_h_redraw, LINE },
    { "charset", "General", G, K('c'), "[braille|block|ascii|auto]", 0, NOC, "Cycle or choose the plot's characters (braille needs a font that has it)", "Charset", 6, tui_h_charset, LINE },
    { "theme", "General", G, K(0), "NAME", 1, C(CTH), "Use a colour theme (default, light, dark, monochrome, or a file)", NULL, 0, tui_h_theme, LINE },
    { "set", "General", G, K(0), "KEY [VALUE]", 0, C(CS, CSV), "Show or change a setting: one of the tui: settings of capscope-config(5) (Tab completes its name and values)", NULL, 0, tui_h_set, WORDS },

    { "task-down", "Tasks", T, K(TUI_KEY_DOWN, 'j'), "", 0, NOC, "Select the next task", NULL, 0, tui_h_task_down, LINE },
    { "task-up", "Tasks", T, K(TUI_KEY_UP, 'k'), "", 0, NOC, "Select the previous task", NULL, 0, tui_h_task_up, LINE },
    { "task-first", "Tasks", T, K(TUI_KEY_HOME, 'g'), "", 0, NOC, "Select the first task", NULL, 0, tui_h_task_first, LINE },
    { "task-last", "Tasks", T, K(TUI_KEY_END, 'G'), "", 0, NOC, "Select the last task", NULL, 0, tui_h_task_last, LINE },
    { "task-page-down", "Tasks", T, K(TUI_KEY_PGDN), "[N]", 0, NOC, "Select the task a page (N rows, 10 when typed without N) further down", NULL, 0, tui_h_task_page_down, LINE },
    { "task-page-up", "Tasks", T, K(TUI_KEY_PGUP), "[N]", 0, NOC, "Select the task a page (N rows, 10 when typed without N) further up", NULL, 0, tui_h_task_page_up, LINE },
    { "task-mark", "Tasks", T, K(' '), "", 0, NOC, "Mark the task for multi-task views (overlaid boundaries, the sampler) and move to the next", "Mark", 9, tui_h_task_mark, LINE },
    { "mark", "Tasks", G, K(0), "TEXT", 1, NOC, "Mark every task whose name holds TEXT (in any case): :mark v2 marks each benchmark's v2", NULL, 0, tui_h_mark, LINE },
    { "unmark", "Tasks", G, K(0), "[TEXT]", 0, NOC, "Unmark every task, or those whose names hold TEXT (in any case)", NULL, 0, tui_h_unmark, LINE },
    { "task", "Tasks", G, K(0), "NAME", 1, C(CT), "Select a task by name", NULL, 0, tui_h_task, LINE },
    { "tau", "Tasks", G, K(0), "LEVEL", 1, NOC, "Fit the boundaries at another quantile level (0.98 by default)", NULL, 0, tui_h_tau, LINE },
    { "predict", "Tasks", G, K(0), "FLOPS", 1, NOC, "Say the accuracy the boundary gives at FLOPS (clamped to the data's compute, as capscope predict) for the marked tasks, else the current one", NULL, 0, tui_h_predict, LINE },
    { "require", "Tasks", G, K(0), "ACCURACY", 1, NOC, "Say the least compute at which the boundary reaches ACCURACY (as capscope require) for the marked tasks, else the current one", NULL, 0, tui_h_require, LINE },
    { "drift", "Tasks", G, K('D'), "[error|dq|off]", 0, NOC, "Drift grid of every task x split, computed in the background (Esc cancels): the signed out-of-sample error of each split's boundary (negative: later models beat it, the capability advanced), D again for dq, the rise of the boundary at the reference compute, D again closes. [ and ] step the split; the grid scrolls sideways to follow it", "Drift", 7, tui_h_drift, LINE },
    { "weights", "Tasks", G, K('W'), "[on|off]", 0, NOC, "Toggle design weights for the task fits (the boundary, the task list and the quantile overlays): each scored row counts for the unscored rows of its group (its base model at its compute), so the fit estimates the whole file's boundary even from rows the sampler picked out of proportion, as capscope fit --design-weights does. Off (the default): the plain fit of the scored rows. The sampler's priors are weighted either way, as capscope suggest's are. The coverage strip judges the weighted boundary by the same weights (each bin's share of the weight at or below it, which estimates the pool's coverage) and says weighted; the band is the weighted fit's (a survey sandwich: a scored row counts as one draw however many rows it stands for); the split view and the drift grid stay unweighted", "Weights", 10, tui_h_weights, LINE },
    { "quantiles", "Tasks", G, K('Q'), "[LEVELS]", 0, NOC, "Toggle the quantile overlays, or set them: up to 6 distinct levels (e.g. 0.5,0.9,0.98)", "Quantiles", 16, tui_h_quantiles, LINE },
    /* The grid is a view opened over the panes: q leaves it, as it leaves
     * the help (and a view in tig), whichever pane has the focus; F10 still
     * quits. */
    { "drift-close", "Tasks", DG, K('q'), "", 0, NOC, "Close the drift grid, whichever pane has the focus; its fits go on, so D shows it again at once", "Close", 1, tui_h_drift_close, LINE },

    { "cursor-left", "Plot", P, K(TUI_KEY_LEFT, 'h'), "", 0, NOC, "Cursor to the next lower compute", NULL, 0, tui_h_cursor_left, LINE },
    { "cursor-right", "Plot", P, K(TUI_KEY_RIGHT, 'l'), "", 0, NOC, "Cursor to the next higher compute", NULL, 0, tui_h_cursor_right, LINE },
    { "cursor-up", "Plot", P, K(TUI_KEY_UP, 'k'), "", 0, NOC, "Cursor to the next higher score at this compute", NULL, 0, tui_h_cursor_up, LINE },
    { "cursor-down", "Plot", P, K(TUI_KEY_DOWN, 'j'), "", 0, NOC, "Cursor to the next lower score at this compute", NULL, 0, tui_h_cursor_down, LINE },
    { "zoom-in", "Plot", P, K('+', '='), "", 0, NOC, "Zoom in on both axes around the cursor (or the mouse wheel)", "Zoom", 9, tui_h_zoom_in, LINE },
    { "zoom-out", "Plot", P, K('-'), "", 0, NOC, "Zoom out on both axes", NULL, 0, tui_h_zoom_out, LINE },
    { "zoom-x-in", "Plot", P, K('x'), "", 0, NOC, "Zoom in on the compute axis", NULL, 0, tui_h_zoom_x_in, LINE },
    { "zoom-x-out", "Plot", P, K('X'), "", 0, NOC, "Zoom out on the compute axis", NULL, 0, tui_h_zoom_x_out, LINE },
    { "zoom-y-in", "Plot", P, K('y'), "", 0, NOC, "Zoom in on the accuracy axis", NULL, 0, tui_h_zoom_y_in, LINE },
    { "zoom-y-out", "Plot", P, K('Y'), "", 0, NOC, "Zoom out on the accuracy axis", NULL, 0, tui_h_zoom_y_out, LINE },
    { "pan-left", "Plot", P, K('H'), "", 0, NOC, "Pan towards less compute", NULL, 0, tui_h_pan_left, LINE },
    { "pan-right", "Plot", P, K('L'), "", 0, NOC, "Pan towards more compute", NULL, 0, tui_h_pan_right, LINE },
    { "pan-up", "Plot", P, K('K'), "", 0, NOC, "Pan towards higher accuracy", NULL, 0, tui_h_pan_up, LINE },
    { "pan-down", "Plot", P, K('J'), "", 0, NOC, "Pan towards lower accuracy", NULL, 0, tui_h_pan_down, LINE },
    { "reset-view", "Plot", G, K('0'), "", 0, NOC, "Reset zoom and pan to the whole data", "Reset", 17, tui_h_reset_view, LINE },
    { "other-period", "Plot", G, K('o'), "", 0, NOC, "Overlay the boundary fitted on the validation period (split view)", "Other", 19, tui_h_other_period, LINE },
    { "band", "Plot", G, K('b'), "", 0, NOC, "Toggle the 90% band of the boundary: the asymptotic variance of the tau-quantile fit (tau(1-tau)/f(0)^2 g'(G'G)^-1 g, Koenker; with design weights (W) the sandwich g'A^-1 B A^-1 g, A = sum w g g', B = sum w^2 g g', and f(0) weighted). Outer shade: today; inner, denser shade: if the sampler's unscored suggestions were scored (none without one). Suggestions scored for the plotted task are diamonds in the plot (* in ascii); the ranks of all stand on the 'next' row under it", "Band", 11, tui_h_band, LINE },
    { "coverage-side", "Plot", G, K('v'), "", 0, NOC, "Coverage strip under the plot (hat_tau of each bin, coloured by |hat_tau - tau|: within 0.02, within 0.05, further; a bin too narrow for its number shows =, ~ or ! for the same): switch between out-of-sample and in-sample in a split view", "Coverage", 18, tui_h_coverage_side, LINE },
    { "goto", "Plot", G, K(0), "MODEL", 1, C(CM), "Put the cursor on a model", NULL, 0, tui_h_goto_model, WORDS },

    { "split", "Split", G, K('s'), "", 0, NOC, "Toggle the chronological split view (train and validation points)", "Split", 8, tui_h_split, LINE },
    { "split-prev", "Split", G, K('['), "", 0, NOC, "Step to the previous split", "Earlier", 20, tui_h_split_prev, LINE },
    { "split-next", "Split", G, K(']'), "", 0, NOC, "Step to the next split", "Later", 21, tui_h_split_next, LINE },
    { "scheme", "Split", G, K(0), CS_SCHEME_SYNOPSIS, 1, NOC, "Choose the split scheme", NULL, 0, tui_h_scheme, LINE },
    { "cut", "Split", G, K(0), "YYYY-MM-DD", 1, NOC, "Move the current split's cut date", NULL, 0, tui_h_cut, LINE },
    { "cut-day-back", "Split", S, K(TUI_KEY_LEFT, 'h'), "[N]", 0, NOC, "Scrub the cut date one day earlier, or N days", "Day-", 9, tui_h_cut_day_back, LINE },
    { "cut-day-fwd", "Split", S, K(TUI_KEY_RIGHT, 'l'), "[N]", 0, NOC, "Scrub the cut date one day later, or N days", "Day+", 9, tui_h_cut_day_fwd, LINE },
    { "cut-week-back", "Split", S, K(TUI_KEY_DOWN, 'j'), "[N]", 0, NOC, "Scrub the cut date one week earlier, or N weeks", "Week-", 9, tui_h_cut_week_back, LINE },
    { "cut-week-fwd", "Split", S, K(TUI_KEY_UP, 'k'), "[N]", 0, NOC, "Scrub the cut date one week later, or N weeks", "Week+", 9, tui_h_cut_week_fwd, LINE },
    { "cut-month-back", "Split", S, K(TUI_KEY_PGDN), "[N]", 0, NOC, "Scrub the cut date one month earlier, or N months", NULL, 0, tui_h_cut_month_back, LINE },
    { "cut-month-fwd", "Split", S, K(TUI_KEY_PGUP), "[N]", 0, NOC, "Scrub the cut date one month later, or N months", NULL, 0, tui_h_cut_month_fwd, LINE },

    { "pick-down", "Sampler", D, K(TUI_KEY_DOWN, 'j'), "", 0, NOC, "Select the next suggestion", NULL, 0, tui_h_pick_down, LINE },
    { "pick-up", "Sampler", D, K(TUI_KEY_UP, 'k'), "", 0, NOC, "Select the previous suggestion", NULL, 0, tui_h_pick_up, LINE },
    { "pick-first", "Sampler", D, K(TUI_KEY_HOME, 'g'), "", 0, NOC, "Select the first suggestion", NULL, 0, tui_h_pick_first, LINE },
    { "pick-last", "Sampler", D, K(TUI_KEY_END, 'G'), "", 0, NOC, "Select the last suggestion", NULL, 0, tui_h_pick_last, LINE },
    { "pick-page-down", "Sampler", D, K(TUI_KEY_PGDN), "[N]", 0, NOC, "Select the suggestion a page (N rows, 10 when typed without N) further down", NULL, 0, tui_h_pick_page_down, LINE },
    { "pick-page-up", "Sampler", D, K(TUI_KEY_PGUP), "[N]", 0, NOC, "Select the suggestion a page (N rows, 10 when typed without N) further up", NULL, 0, tui_h_pick_page_up, LINE },
    { "pick-show", "Sampler", D, K(TUI_KEY_ENTER), "", 0, NOC, "Show the selected suggestion in the plot and say why it was picked, with its score if it has one, else where its rank marks its compute under the axis", "Show", 9, tui_h_pick_show, LINE },
    { "budget", "Sampler", G, K(0), "FRACTION", 1, NOC, "Sampler budget as a fraction of the pool's total cost", NULL, 0, tui_h_budget, LINE },
    { "budget-abs", "Sampler", G, K(0), "COST|off", 1, NOC, "Sampler budget in cost units, as capscope suggest --budget-abs takes it; off, or :budget, gives the fraction back", NULL, 0, tui_h_budget_abs, LINE },
    { "pool", "Sampler", G, K(0), "unscored|all", 1, NOC, "Sampler candidates: unscored rows, or every row as in the paper", NULL, 0, tui_h_pool, LINE },

    { "load", "Data", G, K(0), "FILE", 1, C(CF), "Load another CSV file", NULL, 0, tui_h_load, WORDS },
    { "export", "Data", G, K('e'), "[FILE [force]]", 0, C(CF), "Write the view: FILE.csv the fit table (each task's status ok, too_few, failed, cancelled or pending), FILE.svg the plot (800 x 500 pixels), else the plot as text with the legend of its marks (a title over 100 columns by 30 lines; a fresh name without FILE; .png, .pdf, .json and other formats it does not write are refused). A FILE that exists is kept unless force is given, and then only a regular file is replaced, keeping its permissions; the data file, its journal and the config never are", "Export", 15, tui_h_export, WORDS },
    { "score", "Data", G, K(0), "MODEL TASK VALUE", 1, C(CM, CT), "Enter a score (kept in the data file's journal)", NULL, 0, tui_h_score, WORDS },
    { "score-edit", "Data", G, K('i'), "[MODEL]", 0, C(CM), "Enter a score for the model under the cursor (or the selected suggestion): opens the prompt with :score MODEL TASK filled in; with tasks marked, Enter opens it again for each marked task the model has no score for (Esc stops)", "Score", 12, tui_h_score_edit, WORDS },
    { "undo", "Data", G, K('u'), "", 0, NOC, "Take back the last score entered", "Undo", 13, tui_h_undo, LINE },

    /* q in the help goes back to the panes, as q leaves a sub-view in tig
     * and any key leaves htop's help; F10 (quit's other key) still quits. */
    { "help-close", "Help", H, K('q'), "", 0, NOC, "Close the help", "Close", 1, tui_h_help, LINE },
    { "help-down", "Help", H, K('j', TUI_KEY_DOWN), "", 0, NOC, "Scroll the help down", "Down", 2, tui_h_help_down, LINE },
    { "help-up", "Help", H, K('k', TUI_KEY_UP), "", 0, NOC, "Scroll the help up", "Up", 3, tui_h_help_up, LINE },
    { "help-page-down", "Help", H, K(TUI_KEY_PGDN), "", 0, NOC, "Turn the help a page down", "Page", 4, tui_h_help_page_down, LINE },
    { "help-page-up", "Help", H, K(TUI_KEY_PGUP), "", 0, NOC, "Turn the help a page up", NULL, 0, tui_h_help_page_up, LINE },
    { "help-top", "Help", H, K('g', TUI_KEY_HOME), "", 0, NOC, "Go to the top of the help", "Top", 5, tui_h_help_top, LINE },
    { "help-bottom", "Help", H, K('G', TUI_KEY_END), "", 0, NOC, "Go to the end of the help", "End", 6, tui_h_help_bottom, LINE },
};

const tui_action *tui_actions(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}

int tui_action_paged(const tui_action *a)
{
    return a && (a->run == tui_h_task_page_down || a->run == tui_h_task_page_up || a->run == tui_h_pick_page_down ||
                 a->run == tui_h_pick_page_up);
}

int tui_action_reads_words(const tui_action *a)
{
    return a && a->argument == TUI_ARG_WORDS;
}

static const tui_action *find_key(tui_scope scope, int key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].scope != scope)
            continue;
        for (int k = 0; k < TUI_ACTION_KEYS; k++)
            if (table[i].keys[k] == key && key != 0)
                return &table[i];
    }
    return NULL;
}

const tui_action *tui_action_for_key(tui_scope scope, int key)
{
    const tui_action *a = scope != TUI_SCOPE_GLOBAL ? find_key(scope, key) : NULL;
    return a ? a : find_key(TUI_SCOPE_GLOBAL, key);
}

int tui_action_from_prompt(const tui_action *a)
{
    return a && a->scope != TUI_SCOPE_HELP;
}

/* The one lookup of a prefix, for Tab and for Enter alike: every action
 * the prompt runs whose name starts with it, in table order. Not "no
 * view's own": that left out drift-close, which the prompt runs while the
 * grid shows, from Tab once and from abbreviations until now. */
static size_t prompt_matches(const char *prefix, const tui_action **out, size_t max)
{
    size_t k = 0, pl = strlen(prefix);
    for (size_t i = 0; i < sizeof table / sizeof table[0] && k < max; i++)
        if (tui_action_from_prompt(&table[i]) && strncmp(table[i].name, prefix, pl) == 0)
            out[k++] = &table[i];
    return k;
}

const tui_action *tui_action_by_name(const char *name)
{
    if (name[0] == '\0')
        return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    /* Abbreviations of vi and tig, before prefixes (q would be ambiguous). */
    if (strcmp(name, "q") == 0 || strcmp(name, "q!") == 0)
        return &table[0];
    /* What Tab makes of the prefix: readline completes it to the names'
     * common start, so the one name that is that start (drift, of drift
     * and drift-close) is what Enter runs, and nothing when none is. */
    const tui_action *m[sizeof table / sizeof table[0]];
    size_t n = prompt_matches(name, m, sizeof m / sizeof m[0]);
    if (n == 0)
        return NULL;
    size_t common = strlen(m[0]->name);
    for (size_t k = 1; k < n; k++) {
        size_t c = 0;
        while (c < common && m[k]->name[c] == m[0]->name[c])
            c++;
        common = c;
    }
    for (size_t k = 0; k < n; k++)
        if (strlen(m[k]->name) == common)
            return m[k];
    return NULL;
}

size_t tui_action_complete(const char *prefix, const char **out, size_t max)
{
    const tui_action *m[sizeof table / sizeof table[0]];
    size_t n = prompt_matches(prefix, m, max < sizeof m / sizeof m[0] ? max : sizeof m / sizeof m[0]);
    for (size_t k = 0; k < n; k++)
        out[k] = m[k]->name;
    return n;
}

const char *tui_action_keys_text(const tui_action *a, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < TUI_ACTION_KEYS && a->keys[k]; k++) {
        char name[32];
        tui_key_name(a->keys[k], name, sizeof name);
        int w = snprintf(buf + used, size - used, "%s%s", k ? ", " : "", name);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    return buf;
}

int tui_scope_is_view(tui_scope s)
{
    return s == TUI_SCOPE_DRIFT || s == TUI_SCOPE_HELP;
}

const char *tui_scope_name(tui_scope s)
{
    static const char *const names[TUI_SCOPE_COUNT] = { "anywhere", "task list", "plot", "split pane",
                                                        "sampler", "drift grid", "help" };
    return s < TUI_SCOPE_COUNT ? names[s] : "?";
}

const char *tui_scope_hint(tui_scope s)
{
    /* Every key named here is bound in its scope (tests/unit/test_actions
     * checks it against the table above). */
    static const char *const hints[TUI_SCOPE_COUNT] = {
        [TUI_SCOPE_TASKS] = "j/k choose a task  Space mark it  g/G first/last  Tab next pane",
        [TUI_SCOPE_PLOT] = "h/l/j/k move the cursor (or click a point)  +/- zoom  0 whole view  m maximize",
        [TUI_SCOPE_SPLIT] = "h/l move the cut a day  j/k a week  PgDn/PgUp a month  [ ] step the split",
        [TUI_SCOPE_SAMPLER] = "j/k select a suggestion  Enter show it  i score it  u undo",
        [TUI_SCOPE_DRIFT] = "D next view (error, dq, closed)  [ ] step the split  q/Esc close",
        [TUI_SCOPE_HELP] = "j/k scroll  PgDn/PgUp a page  g/G top/end  q/Esc/? close  F10 quit",
    };
    return s < TUI_SCOPE_COUNT && hints[s] ? hints[s] : hints[TUI_SCOPE_PLOT];
}

const char *tui_split_off_hint(void)
{
    return "split view off: s or [ ] shows it, then h/l move its cut";
}

const char *tui_split_rolling_hint(void)
{
    return "[ ] step the split; rolling windows have no cut to move";
}

const char *tui_action_arg_text(const tui_action *a, int arg, char *buf, size_t size)
{
    /* Arguments are the synopsis's blank-separated words; brackets only
     * say which are optional ("[FILE [force]]" is FILE, then force). */
    const char *p = a->args;
    for (int i = 0;; i++) {
        while (*p == ' ')
            p++;
        if (!*p)
            return NULL;
        size_t k = 0;
        for (; *p && *p != ' '; p++)
            if (*p != '[' && *p != ']' && k + 1 < size)
                buf[k++] = *p;
        buf[k] = '\0';
        if (i == arg)
            return buf;
    }
}

static int is_literal_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
}

size_t tui_synopsis_words(const char *synopsis, char *buf, size_t size, const char **out, size_t max)
{
    size_t n = 0, used = 0;
    for (const char *p = synopsis; *p && n < max;) {
        const char *end = strchr(p, '|');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        /* The literal part: up to a placeholder (capitals) or a list. */
        size_t lit = 0;
        while (lit < len && is_literal_char(p[lit]))
            lit++;
        /* A whole word, or a prefix that ends where its parameters start. */
        if (lit > 0 && (lit == len || p[lit - 1] == ':') && used + lit + 1 <= size) {
            memcpy(buf + used, p, lit);
            buf[used + lit] = '\0';
            out[n++] = buf + used;
            used += lit + 1;
        }
        p += len;
        if (*p == '|')
            p++;
    }
    return n;
}

/* The words of a synopsis (NULL: none) as "a, b or c" into buf. */
static const char *choices_text(const char *syn, char *buf, size_t size)
{
    char words[256];
    const char *w[16];
    size_t n = 0, used = 0;
    if (size)
        buf[0] = '\0';
    if (syn)
        n = tui_synopsis_words(syn, words, sizeof words, w, sizeof w / sizeof w[0]);
    for (size_t i = 0; i < n && used < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", w[i]);
        if (k < 0)
            break;
        used += (size_t)k;
    }
    return buf;
}

const char *tui_action_choices(const char *name, char *buf, size_t size)
{
    const tui_action *a = tui_action_by_name(name);
    char syn[256];
    return choices_text(a ? tui_action_arg_text(a, 0, syn, sizeof syn) : NULL, buf, size);
}

const char *tui_action_usage(const char *name, char *buf, size_t size)
{
    const tui_action *a = tui_action_by_name(name);
    if (!a)
        snprintf(buf, size, "usage: :%s", name);
    else
        snprintf(buf, size, "usage: :%s%s%s", a->name, *a->args ? " " : "", a->args);
    return buf;
}

const char *tui_setting_synopsis(const char *key, char *buf, size_t size)
{
    /* A setting that a command also changes takes what the command takes;
     * the others say here what they take. */
    static const struct {
        const char *key, *action, *values;
    } settings[] = {
        { "theme", "theme", NULL },       { "charset", "charset", NULL },   { "mouse", NULL, "on|off" },
        { "reference_flops", NULL, "FLOPS" }, { "tau", "tau", NULL },      { "quantiles", "quantiles", NULL },
        { "budget", "budget", NULL },     { "budget_abs", "budget-abs", NULL }, { "pool", "pool", NULL },
        { "picks", NULL, "N" },
        { "scheme", "scheme", NULL },     { "timing", NULL, "on|off" },     { "design_weights", "weights", NULL },
    };
    for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
        if (strcmp(settings[i].key, key) != 0)
            continue;
        if (settings[i].values) {
            snprintf(buf, size, "%s", settings[i].values);
            return buf;
        }
        const tui_action *a = tui_action_by_name(settings[i].action);
        return a ? tui_action_arg_text(a, 0, buf, size) : NULL;
    }
    return NULL;
}

const char *tui_setting_choices(const char *key, char *buf, size_t size)
{
    char syn[256];
    return choices_text(tui_setting_synopsis(key, syn, sizeof syn), buf, size);
}

/* troff needs backslashes and leading dots or quotes escaped. */
static void man_text(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", f);
        else if (*s == '-')
            fputs("\\-", f);
        else
            fputc(*s, f);
    }
}

void tui_actions_write_man(FILE *f)
{
    fputs(".\\\" Generated from the TUI's action table (src/tui/action.c); do not edit.\n", f);
    const char *group = NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const tui_action *a = &table[i];
        if (a->scope == TUI_SCOPE_HELP)
            continue;
        if (!group || strcmp(group, a->group) != 0) {
            group = a->group;
            fputs(".SS ", f);
            man_text(f, group);
            fputc('\n', f);
        }
        char keys[64];
        tui_action_keys_text(a, keys, sizeof keys);
        fputs(".TP\n", f);
        if (*keys) {
            fputs("\\fB", f);
            man_text(f, keys);
            fputs("\\fR (", f);
        }
        fputs("\\fB:", f);
        man_text(f, a->name);
        fputs("\\fR", f);
        if (*a->args) {
            fputs(" \\fI", f);
            man_text(f, a->args);
            fputs("\\fR", f);
        }
        if (*keys)
            fputs(")", f);
        fputc('\n', f);
        man_text(f, a->help);
        if (a->scope != TUI_SCOPE_GLOBAL) {
            fputs(" (keys work in the ", f);
            man_text(f, tui_scope_name(a->scope));
            fputs(")", f);
        }
        fputs(".\n", f);
    }
}
