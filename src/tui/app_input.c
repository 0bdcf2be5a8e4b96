/* app_input.c - where input goes: a command line to its action, a key in a
 * pane of a scope to the action it runs as things are now.
 *
 * Apart from the model's state because the routing is one rule that the
 * screen manager, the key bar, the help and the tests all ask (a key must do
 * what the bar says it does), while the model only holds what it routes on:
 * the focus, the help, the drift grid.
 */
#include <string.h>

#include "tui/app.h"
#include "tui/command.h"
#include "tui/settings.h"

unsigned tui_app_run(tui_app *app, const tui_action *a, const char *args)
{
    if (!a || !a->run)
        return TUI_CH_NONE;
    /* i's chain of :score prompts lasts while the user scores; any other
     * action (Esc on the prompt, then a key) ends it. */
    if (strcmp(a->name, "score") != 0 && strcmp(a->name, "score-edit") != 0)
        app->score_chain = 0;
    return a->run(app, args ? args : "");
}

/* A command that sets a setting, typed without its value (:tau, :budget,
 * :scheme, :pool, :theme), says the value now before its usage, as :set
 * KEY does: "tau = 0.98 (usage: :tau LEVEL)". Its usage alone left the
 * value to be looked up with :set, under another name (budget_abs for
 * :budget-abs). 1 when said. */
static int say_setting(tui_app *app, const char *line, const char *usage)
{
    while (*line == ' ' || *line == '\t' || *line == ':')
        line++;
    char name[64], key[64], val[256];
    size_t nl = strcspn(line, " \t");
    if (nl == 0 || nl >= sizeof name || line[nl + strspn(line + nl, " \t")] != '\0')
        return 0;
    memcpy(name, line, nl);
    name[nl] = '\0';
    const tui_action *a = tui_action_by_name(name);
    const char *cands[2];
    if (!a && tui_action_complete(name, cands, 2) == 1)
        a = tui_action_by_name(cands[0]);
    if (!a || a->min_args == 0 || strncmp(usage, "usage: ", 7) != 0)
        return 0;
    snprintf(key, sizeof key, "%s", a->name);
    for (char *c = key; *c; c++)
        if (*c == '-')
            *c = '_';
    if (!tui_settings_get(&app->set, key, val, sizeof val))
        return 0;
    char unused[128];
    tui_app_msg(app, 0, "%s = %s%s (%s)", key, val, tui_settings_unused(&app->set, key, unused, sizeof unused), usage);
    return 1;
}

unsigned tui_app_command(tui_app *app, const char *line)
{
    char msg[256], buf[TUI_PROMPT_MAX];
    const char *args = "";
    /* Completion leaves a blank after the last word: arguments are trimmed. */
    size_t len = strlen(line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
    /* A longer line would be cut here and then misread (a value cut short, a
     * usage error); tui_command_parse words the refusal. */
    if (len >= sizeof buf) {
        tui_command_parse(line, &args, msg, sizeof msg);
        tui_app_msg(app, 1, "%s", msg);
        return TUI_CH_STATUS;
    }
    memcpy(buf, line, len);
    buf[len] = '\0';
    const tui_action *a = tui_command_parse(buf, &args, msg, sizeof msg);
    if (!a) {
        if (!say_setting(app, buf, msg))
            tui_app_msg(app, 1, "%s", msg);
        return TUI_CH_STATUS;
    }
    /* The help's own keys would scroll a page nobody sees. */
    if (a->scope == TUI_SCOPE_HELP && !app->help) {
        tui_app_msg(app, 1, ":%s scrolls the help, which is not shown (? shows it)", a->name);
        return TUI_CH_STATUS;
    }
    if (a->scope == TUI_SCOPE_DRIFT && !app->drift_on) {
        tui_app_msg(app, 1, ":%s acts in the drift grid, which is not shown (D shows it)", a->name);
        return TUI_CH_STATUS;
    }
    /* One quoted word is its text, as Tab completion writes a name with a
     * blank ('my task') and as the commands that read words take it:
     * :task 'my task' said "no task ''my task'': did you mean 'my task'?",
     * and :search found nothing. Several words stay the line as typed, so
     * an unquoted name with blanks still names it. */
    char word[TUI_PROMPT_MAX], *w[2];
    if (!tui_action_reads_words(a) && tui_split_words(args, word, sizeof word, w, 2) == 1) {
        /* '' is an argument given empty, not none: :weights '' toggled. */
        if (!*w[0]) {
            char usage[160];
            tui_app_msg(app, 1, "%s (an empty argument is none)", tui_action_usage(a->name, usage, sizeof usage));
            return TUI_CH_STATUS;
        }
        args = w[0];
    }
    return tui_app_run(app, a, args) | TUI_CH_STATUS;
}

tui_scope tui_app_key_scope(const tui_app *app, tui_scope scope)
{
    return app->drift_on && !app->help && scope == TUI_SCOPE_PLOT ? TUI_SCOPE_DRIFT : scope;
}

const tui_action *tui_app_key_action(const tui_app *app, tui_scope scope, int key)
{
    if (app->drift_on && !app->help) {
        const tui_action *a = tui_action_for_key(TUI_SCOPE_DRIFT, key);
        if (a && a->scope == TUI_SCOPE_DRIFT)
            return a;
    }
    return tui_action_for_key(tui_app_key_scope(app, scope), key);
}

int tui_app_action_hidden(const tui_app *app, const tui_action *a)
{
    static const char *const movers[] = { "search", "search-next", "search-prev", "goto" };
    if (!a || app->help)
        return 0;
    /* The maximized plot is the only pane: Tab says "m shows every pane". */
    if (app->maximized && (strcmp(a->name, "focus-next") == 0 || strcmp(a->name, "focus-prev") == 0))
        return 1;
    /* Not UTF-8: ascii is the only charset, and c only says so. */
    if (!app->utf8 && strcmp(a->name, "charset") == 0)
        return 1;
    if (!app->drift_on)
        return 0;
    for (size_t i = 0; i < sizeof movers / sizeof movers[0]; i++)
        if (strcmp(a->name, movers[i]) == 0)
            return 1;
    return 0;
}

tui_scope tui_app_scope(const tui_app *app)
{
    static const tui_scope scopes[TUI_PANE_COUNT] = { TUI_SCOPE_TASKS, TUI_SCOPE_PLOT, TUI_SCOPE_SPLIT,
                                                       TUI_SCOPE_SAMPLER };
    if (app->help)
        return TUI_SCOPE_HELP;
    if (app->maximized)
        return TUI_SCOPE_PLOT;
    return app->focus >= 0 && app->focus < TUI_PANE_COUNT ? scopes[app->focus] : TUI_SCOPE_GLOBAL;
}
