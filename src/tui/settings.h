/* settings.h - the TUI's settings, its session state and where they live.
 *
 * Settings come from the `tui:` mapping of $XDG_CONFIG_HOME/capscope/config.yaml,
 * then from that of --config FILE (or, with --resume, of the config the last
 * session's data was opened with), then from the command line, then from
 * `:set KEY VALUE` while running. Column roles come from --config FILE only:
 * the user's own file is read by the TUI alone, and roles there would make
 * the TUI read a data file differently from the batch commands. The program
 * never writes a config file. The last session (data file and its config,
 * task, view, split, design weights) is kept in
 * $XDG_STATE_HOME/capscope/state (a session on the demo data is not saved
 * over a data file's, which --resume opens), and wins over the configs'
 * scheme and design weights unless a config says otherwise than it did
 * when that session started; written atomically (temporary file in the
 * same directory, fsync, rename). No curses here.
 */
#ifndef CAPSCOPE_TUI_SETTINGS_H
#define CAPSCOPE_TUI_SETTINGS_H

#include <stddef.h>
#include <sys/stat.h>

#include "capscope/config.h"
#include "capscope/error.h"

#define TUI_MAX_QUANTILES 6

typedef struct tui_settings {
    char theme[128];        /* theme name or path */
    int charset;            /* cs_charset, or -1: from the locale */
    int mouse;
    double ref_flops;       /* reference compute for the task pane's q, as given */
    double ref_z;           /* its log10 */
    double tau;
    double quantiles[TUI_MAX_QUANTILES];   /* overlay quantiles */
    size_t n_quantiles;
    double budget;          /* sampler budget, fraction of the pool's cost */
    double budget_abs;      /* sampler budget in cost units, as suggest --budget-abs; 0: budget rules */
    int pool_all;           /* sampler pool: 0 unscored, 1 all */
    size_t picks;           /* sampler suggestions at most */
    char scheme[256];       /* split scheme spec */
    int timing;             /* show frame times in the status line */
    /* Fit the tasks with design weights (design.h, cs_design_weights): the
     * boundary of the whole file estimated from rows picked out of
     * proportion, as `capscope fit --design-weights` does. Off by default. */
    int design_weights;
} tui_settings;

void tui_settings_init(tui_settings *s);

/* Set one setting from text (the `:set` command and the config file share
 * this). Returns 0, or -1 with a message in err. */
int tui_settings_set(tui_settings *s, const char *key, const char *value, cs_error *err);

/* Value of a setting as text into buf; NULL when the key is unknown. */
const char *tui_settings_get(const tui_settings *s, const char *key, char *buf, size_t size);

/* What a setting's value says nothing of, for a message after "KEY = VALUE":
 * " (not in use: budget_abs 30 rules)" for budget under a budget_abs, else
 * "". Into buf; returns buf. */
const char *tui_settings_unused(const tui_settings *s, const char *key, char *buf, size_t size);

/* Names of the settings (NULL-terminated), for completion and the help screen. */
const char *const *tui_settings_keys(void);

/* Read a config file (capscope-config(5)): the whole file is checked by the
 * core's reader (cs_config_parse), exactly as the batch commands check it,
 * its column roles go into *cfg (initialised here; free it with
 * cs_config_free) and its `tui:` settings onto *s. Returns 0, or -1 with err
 * set, *s unchanged and *cfg initialised. */
int tui_config_parse(tui_settings *s, cs_config *cfg, const char *text, size_t len, const char *name,
                     cs_error *err);
int tui_config_load(tui_settings *s, cs_config *cfg, const char *path, cs_error *err);

/* As tui_config_parse, keeping only the `tui:` settings. */
int tui_settings_load_yaml(tui_settings *s, const char *text, size_t len, const char *name,
                           cs_error *err);

/* The data layer's keys a config sets ("columns, tasks"), or NULL when it
 * sets none: the user's own config.yaml holds settings only, and says so
 * when it is given more. */
const char *tui_config_data_keys(const cs_config *cfg, char *buf, size_t size);

/* $XDG_CONFIG_HOME/capscope/NAME (default ~/.config) and $XDG_STATE_HOME/capscope/NAME
 * (default ~/.local/state), by cs_xdg_path (durable.h): the journal's rule; caller frees;
 * NULL when no home is known. */
char *tui_config_path(const char *name);
char *tui_state_path(const char *name);
/* Where the session on one data file is kept, DATA_ABS its absolute name:
 * $XDG_STATE_HOME/capscope/sessions/HASH (caller frees; NULL as above). */
char *tui_state_path_for_data(const char *data_abs);

/* The session restored at start. */
typedef struct tui_state {
    char data[1024];        /* "" = demo data */
    char config[1024];      /* the --config it was read with, "" = none */
    char task[256];
    double x_min, x_max, y_min, y_max;  /* x_min >= x_max: automatic view */
    char scheme[256];
    int split_on;
    size_t split_k;
    int design_weights;     /* -1: not recorded (the settings' value stands) */
    /* What the configs said of the scheme and the design weights when that
     * session started ("" / -1: not recorded, a state file from before). A
     * config that says otherwise now was edited since, and its word wins
     * over the session's (tui_app_apply_state): else an edit of the config
     * went unseen for as long as the same data was opened. */
    char config_scheme[256];
    int config_weights;
    /* The marked tasks' names, each followed by '\n' (a line "mark=NAME"
     * each in the file); "" = none. The sampler serves them: they are part
     * of a day's work as much as the task shown. Room for a suite's
     * every task (BIG-bench's 200 at 80 bytes a name); a mark past it is
     * not kept. */
    char marked[16384];
} tui_state;

void tui_state_init(tui_state *st);
int tui_state_parse(tui_state *st, const char *text);
/* Text of the state file (caller frees). */
char *tui_state_format(const tui_state *st);
int tui_state_load(tui_state *st, const char *path);
/* Replaces path atomically (cs_write_atomic), keeping its mode and owner;
 * a symbolic link is kept, and the file it leads to replaced. */
int tui_state_save(const tui_state *st, const char *path, cs_error *err);

/* Save st as its data file's own session, then prune: of the sessions
 * directory's files, the TUI_SESSIONS_KEPT last written are kept (this
 * one among them), so that one small file per data file ever opened does
 * not pile up. 0 when saved or st names no data file; -1 with err. */
enum { TUI_SESSIONS_KEPT = 200 };
int tui_state_save_for_data(const tui_state *st, cs_error *err);
/* The pruning alone: own's directory's session files but own, the oldest
 * (by mtime, then name) removed until keep files remain with own. */
void tui_state_prune_sessions(const char *own, size_t keep);
/* Its removal of one file, dir/name, listed as *listed (lstat): removed
 * only when it is still that file (device, inode, mtime), not one saved at
 * its name since (another capscope's save of that session replaces the
 * file) by another capscope between the listing and the removal. The file
 * is moved aside under a name of its own first (.NAME.pruned-PID), then
 * looked at: one saved since is put back, unless a newer one was saved at
 * the name meanwhile. One that cannot be put back stays aside, never
 * removed. 1 when removed, else 0. */
int tui_state_prune_one(const char *dir, const char *name, const struct stat *listed);
/* Sessions left aside by a prune that is over (its process killed between
 * its moves, or its putting back failed) put back at their names, unless a
 * newer save is there, which wins: every one in own's directory (all), or
 * own's alone, before own is loaded. The prune does this first. */
void tui_state_recover_pruned(const char *own, int all);

#endif
