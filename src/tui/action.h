/* action.h - the one table of actions.
 *
 * Every thing a user can do is a row here: its command name (`:name ARGS`),
 * its group and scope, its default keys, its help text and its handler. Key
 * bindings, the `?` help screen, the status bar hints, `:` completion and
 * the key list of the man page are all generated from this table (tig's
 * request table). Handlers work on the curses-free model (app.h) and return
 * what changed (TUI_CH_*), from which the screen manager decides what to
 * recompute and redraw.
 */
#ifndef CAPSCOPE_TUI_ACTION_H
#define CAPSCOPE_TUI_ACTION_H

#include <stddef.h>
#include <stdio.h>

typedef struct tui_app tui_app;

/* What a handler changed; the screen manager redraws the panes that depend on it. */
enum {
    TUI_CH_NONE = 0,
    TUI_CH_STATUS = 1 << 0,  /* message or status line */
    TUI_CH_CURSOR = 1 << 1,  /* the selected point */
    TUI_CH_VIEW = 1 << 2,    /* zoom, pan, charset, overlays */
    TUI_CH_TASKS = 1 << 3,   /* task selection or marks */
    TUI_CH_FIT = 1 << 4,     /* a boundary changed */
    TUI_CH_SPLIT = 1 << 5,   /* the split or its figures */
    TUI_CH_DESIGN = 1 << 6,  /* the sampler's suggestions */
    TUI_CH_DATA = 1 << 7,    /* the data set itself */
    TUI_CH_LAYOUT = 1 << 8,  /* focus, help screen, pane sizes, theme */
    TUI_CH_ALL = 0x1ff,
};

typedef enum tui_scope {
    TUI_SCOPE_GLOBAL = 0,
    TUI_SCOPE_TASKS,
    TUI_SCOPE_PLOT,
    TUI_SCOPE_SPLIT,
    TUI_SCOPE_SAMPLER,
    /* The drift grid's own keys: while it is shown they act whichever pane
     * has the focus, before that pane's keys (tui_app_key_action), as the
     * help's act while the help is open. */
    TUI_SCOPE_DRIFT,
    TUI_SCOPE_HELP,
    TUI_SCOPE_COUNT
} tui_scope;

/* What the arguments of a command complete to. */
typedef enum tui_complete {
    TUI_COMPLETE_NONE = 0,
    TUI_COMPLETE_COMMAND,
    TUI_COMPLETE_TASK,
    TUI_COMPLETE_MODEL,
    TUI_COMPLETE_FILE,
    TUI_COMPLETE_SETTING,       /* a setting's name */
    TUI_COMPLETE_SETTING_VALUE, /* a value of the setting named before it */
    TUI_COMPLETE_THEME,         /* theme names, those of theme files too */
    /* The argument's words in the action's synopsis (`args`): the words of
     * "[error|dq|off]" are error, dq and off; a placeholder such as LEVEL
     * has none, and an action named as a setting then offers its value. */
    TUI_COMPLETE_WORDS,
    TUI_COMPLETE_LAST = TUI_COMPLETE_WORDS
} tui_complete;

#define TUI_ACTION_KEYS 3
#define TUI_ACTION_ARGS 3

typedef unsigned (*tui_handler)(tui_app *app, const char *arg);

typedef struct tui_action {
    const char *name;                          /* the command */
    const char *group;                         /* section of the help screen */
    tui_scope scope;                           /* where the keys work */
    int keys[TUI_ACTION_KEYS];                 /* default keys (0 = none) */
    const char *args;                          /* synopsis of arguments, "" for none */
    int min_args;                              /* words required */
    unsigned char complete[TUI_ACTION_ARGS];   /* per argument */
    const char *help;
    const char *hint;                          /* key bar label, NULL = not shown */
    unsigned char bar;                         /* the label's rank in the key bar (action.c) */
    tui_handler run;
    unsigned char argument;                    /* how run takes its argument (below) */
} tui_action;

/* TUI_ARG_LINE: the line after the command, one quoted word unquoted by
 * the command line (tui_app_command); TUI_ARG_WORDS: the line as typed,
 * which the handler splits into words itself (tui_split_words). */
enum { TUI_ARG_LINE, TUI_ARG_WORDS };

const tui_action *tui_actions(size_t *n);

/* The action bound to key in scope, else the global one; NULL when none. */
const tui_action *tui_action_for_key(tui_scope scope, int key);

/* 1 when the action moves by N rows of a list: its key passes the pane's
 * page (the rows it shows) as N. */
int tui_action_paged(const tui_action *a);

/* 1 when the action's handler reads its argument as words itself
 * (tui_split_words: quotes, blanks between words); the others get it as
 * one value, unquoted by the command line when it is one word. */
int tui_action_reads_words(const tui_action *a);

/* By exact name (any action's), or by a prefix: the action whose name is
 * the common start of the names tui_action_complete gives for it, which
 * is what Tab (readline) completes the prefix to: :drift-c runs
 * drift-close, :dri drift (of drift and drift-close), :zoom nothing. NULL
 * otherwise. The help's own actions, which the prompt does not run, go by
 * their whole name only, so that help-top never makes :hel ambiguous. */
const tui_action *tui_action_by_name(const char *name);

/* 1 when the `:` prompt can run the action: every one but the help's own,
 * for the prompt does not open over the help (only the help's keys act
 * there). The drift grid's own (drift-close) run from the prompt while the
 * grid shows, whichever pane has the focus. */
int tui_action_from_prompt(const tui_action *a);

/* Names starting with prefix, in table order, into out (room for max);
 * returns the count: every action the prompt runs (tui_action_from_prompt),
 * so that whatever it accepts, Tab offers. */
size_t tui_action_complete(const char *prefix, const char **out, size_t max);

/* "j, Down" into buf; "" when the action has no key. */
const char *tui_action_keys_text(const tui_action *a, char *buf, size_t size);

/* The synopsis of argument arg (0 = the first) of an action, its brackets
 * taken off: "braille|block|ascii|auto" of `[braille|block|ascii|auto]`;
 * NULL when it has fewer arguments. */
const char *tui_action_arg_text(const tui_action *a, int arg, char *buf, size_t size);

/* The literal words of a synopsis ("on|off" -> on, off; "rolling:W,H,S" ->
 * rolling:, the part before its placeholder; FILE -> none): copied into buf,
 * pointed to from out (room for max). Returns the count. The completion,
 * the help screen and the usage messages read these, never lists of their own. */
size_t tui_synopsis_words(const char *synopsis, char *buf, size_t size, const char **out, size_t max);

/* The words of the first argument of the action called name as a list,
 * "error, dq or off" of `[error|dq|off]`, into buf; "" when it has none.
 * A message refusing a word names the choices from here, so that it says
 * what the synopsis, the completion and the help say. */
const char *tui_action_choices(const char *name, char *buf, size_t size);

/* "usage: :NAME ARGS" of the action called name into buf. */
const char *tui_action_usage(const char *name, char *buf, size_t size);

/* The synopsis of a setting's values ("braille|block|ascii|auto" for
 * charset): that of the action of the same meaning, else the setting's
 * own; NULL for a key that is not a setting. */
const char *tui_setting_synopsis(const char *key, char *buf, size_t size);

/* The words of a setting's synopsis as a list, "unscored or all" of pool,
 * into buf; "" when it takes a placeholder (tau's LEVEL). A refused value
 * is answered from here, as tui_action_choices answers a command's. */
const char *tui_setting_choices(const char *key, char *buf, size_t size);

/* 1 for the scope of a view's own actions (the help, the drift grid). */
int tui_scope_is_view(tui_scope s);

const char *tui_scope_name(tui_scope s);
/* What to press in a pane, for the status line while no point is under the cursor. */
const char *tui_scope_hint(tui_scope s);
/* The split pane's hint while the split view is off, where its keys show
 * the view before they move a cut. */
const char *tui_split_off_hint(void);
/* The split pane's hint under rolling windows, which have no cut to scrub. */
const char *tui_split_rolling_hint(void);

/* The key list for the man page (troff .TP paragraphs grouped by .SS). */
void tui_actions_write_man(FILE *f);

#endif
