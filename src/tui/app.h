/* app.h - the TUI's model: data, fits, split, sampler, view, cursor, search.
 *
 * Everything the panes show lives here, and nothing here knows about curses,
 * so handlers and panes can be tested off screen. Expensive work (fitting
 * each task, the split's fit, the quantile overlays, the sampler) is queued
 * and done one piece at a time by tui_app_idle() between input polls, so
 * keys stay responsive and long work can be cancelled.
 *
 * Implemented one idea a file (app.c and app_*.c; app.c's comment says
 * which holds what).
 */
#ifndef CAPSCOPE_TUI_APP_H
#define CAPSCOPE_TUI_APP_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/canvas.h"
#include "capscope/config.h"
#include "capscope/dataset.h"
#include "capscope/design.h"
#include "capscope/error.h"
#include "capscope/fit.h"
#include "capscope/journal.h"
#include "capscope/split.h"
#include "tui/action.h"
#include "capscope/band.h"
#include "tui/loader.h"
#include "tui/settings.h"
#include "tui/view.h"
#include "tui/worker.h"

enum { TUI_FIT_PENDING = 0, TUI_FIT_OK, TUI_FIT_FAILED, TUI_FIT_CANCELLED, TUI_FIT_RUNNING };

typedef struct tui_taskfit {
    int state;
    int too_few;      /* failed for too few rows: nothing went wrong */
    int retry;        /* failed at run time (out of memory): fitted again when selected */
    cs_fit fit;
    char err[160];
    /* In-sample coverage of fit over the n_cov rows it was fitted on,
     * computed with it in the worker (its bin edges sort every row). */
    cs_coverage cov;
    int cov_ok;
    size_t n_cov;
    /* The task's cursor order (tui_points.order), sorted in the worker;
     * NULL until then and after the task's scores change. */
    size_t *order;
    size_t n_order;
} tui_taskfit;

/* The points of the current task, and their order by (z, y) for the cursor. */
typedef struct tui_points {
    size_t task;
    int valid;
    size_t n;
    double *z, *y;
    size_t *rows;       /* dataset row of each point */
    size_t *order;      /* point indices sorted by (z, y) */
    size_t *pos;        /* inverse of order, once pos_ready */
    int ordered;        /* order is filled (else only once the cursor needs it) */
    int pos_ready;      /* pos is filled (else only once a search needs every position) */
    size_t cap;         /* entries allocated in each array (rows + 1) */
    int scores_changed; /* a score was entered or undone: gather and sort again */
    double z_lo, z_hi;
    /* In a split view: the training and validation subsets. */
    size_t n_train, n_val;
    double *tz, *ty, *vz, *vy;
} tui_points;

/* One undoable score entry made without a journal (the demo data). */
typedef struct tui_undo {
    size_t row, task;
    double old_value;
    int had;
} tui_undo;

/* One cell of the drift grid: split k of a task. */
enum { TUI_DRIFT_PENDING = 0, TUI_DRIFT_RUNNING, TUI_DRIFT_OK, TUI_DRIFT_EMPTY, TUI_DRIFT_FAILED,
       TUI_DRIFT_CANCELLED };
enum { TUI_DRIFT_ERROR = 0, TUI_DRIFT_DQ };
typedef struct tui_drift_cell {
    int state;
    double signed_err;       /* out-of-sample mean of hat_tau - tau; NaN without bins */
    double macro;            /* out-of-sample macro error */
    double dq;               /* q_validation - q_train at the reference compute; NaN outside both ranges */
    size_t train_n, val_n;
} tui_drift_cell;

enum { TUI_PANE_TASKS = 0, TUI_PANE_PLOT, TUI_PANE_SPLIT, TUI_PANE_SAMPLER, TUI_PANE_COUNT };

#define TUI_PROMPT_MAX 1024
/* Messages :messages shows again, the latest first. */
#define TUI_MSG_LOG 8

/* Which file a name held, and its last change: a file written or replaced
 * since differs (ok 0: the name could not be looked at). */
typedef struct tui_file_id {
    int ok;
    unsigned long long dev, ino, size;
    long long mtime_sec, mtime_nsec;
} tui_file_id;

typedef struct tui_app {
    tui_settings set;
    tui_settings from_config;    /* the settings at start, before any :set or restored state */
    int charset;                 /* cs_charset in use */
    int utf8;                    /* the locale can show UTF-8 */
    int charset_auto;            /* cs_charset that auto means here (tui.c: auto_charset) */
    const char *no_colour_why;   /* why a theme's colours do not show (NO_COLOR, the terminal), or NULL */

    char *data_path;             /* NULL: the demo data */
    char *config_path;           /* NULL: none */
    cs_config cfg;
    cs_dataset *ds;
    cs_journal *journal;
    int journal_named;           /* its place (not beside the data) was said */
    int journal_watch_said;      /* a journal that cannot be taken in was said, once a load */
    int journal_retrying;        /* a look at it failed for a moment (no memory): said once, tried again */
    long journal_lines_before;   /* its lines when the data was loaded: later ones are others' since */
    tui_file_id data_id;         /* the data file as loaded (tui_app_data_changed) */
    /* Called when a load is about to replace the data shown (NULL: not):
     * the interface keeps the session of the file it leaves (tui.c). */
    void (*before_unload)(const struct tui_app *app, void *ctx);
    void *before_unload_ctx;
    /* What tui_app_watch_data said last of the file (at most one): */
    int data_change_said;        /* that it changed on disk (said once while it differs) */
    int data_gone_said;          /* that it is gone (said once while it is) */
    tui_undo *undo;
    size_t n_undo, cap_undo;
    double spent;                /* tui_app_spent's, while spent_valid */
    int spent_valid;
    /* Why the design shown picked nothing (tui_sampler_empty_reason, with
     * the screen's width rule), while sampler_why_valid: it reads every
     * row, 3 ms at a million, and the pane was redrawn with each key that
     * redraws everything and each fit that came in. Invalid from a new
     * design on, a score changed or new data. */
    char sampler_why[256];
    int sampler_why_valid;

    /* Per-task boundaries, fitted in the background, current task first. */
    tui_taskfit *fits;
    int fitting;                 /* the queue is being worked on */
    size_t fit_done, fit_total;

    size_t task;
    unsigned char *marked;       /* tasks toggled for multi-task views */
    tui_points pts;
    /* Counts the gatherings of pts (its values or its split subsets): the
     * plot keeps the dots of those drawn last while it stays the same
     * (cs_plot_spec.points_key). Kept apart from pts, which is zeroed when
     * freed, so that it never repeats for the app's life. */
    unsigned long long pts_generation;
    size_t *zorder;              /* every row, by compute (shared by the tasks' cursor orders) */
    size_t zorder_n;
    /* The data set's design layout (design.h: strata and groups, from the
     * rows' compute and base models, never a score, so :score keeps it):
     * built by the first worker job that needs it, shared read-only with
     * the later ones, freed on unload after the worker is stopped. */
    cs_design_layout *layout;
    long cursor;                 /* index into pts.order, -1 when none */
    tui_view view;

    /* Quantile overlays for the current task (qfit_ok: 1 fitted, 0 failed, -1 to do, -2 running). */
    int show_quantiles;
    cs_fit qfit[TUI_MAX_QUANTILES];
    int qfit_ok[TUI_MAX_QUANTILES];
    int qfit_dirty;

    /* Chronological split. */
    int split_on;
    cs_scheme scheme;
    int scheme_ok;
    size_t split_k;
    cs_split_result split;
    int split_ok, split_dirty, split_warm, split_running;
    char split_err[160];
    int show_other;              /* boundary of the validation period */
    cs_fit other_fit;
    int other_ok, other_dirty, other_running;
    unsigned char *train, *val;

    /* Sampler. */
    cs_design_result design;
    int design_ok, design_dirty;
    int design_running;          /* in the worker; dropped there when design_dirty is set meanwhile */
    char design_err[400];
    size_t pick_sel;

    /* Uncertainty band (capscope/band.h), cached by what it was computed from. */
    int show_band;
    cs_band band;
    int band_valid;
    int band_running;            /* computed in the worker: O(n) with exp() per row */
    cs_params band_key;
    size_t band_key_n, band_key_add, band_key_task;
    double band_key_sum;

    /* The coverage strip: 1 shows in-sample coverage in a split view too. */
    int cov_in_sample;
    cs_coverage full_cov;        /* in-sample coverage of the task's own fit (no split) */
    int full_cov_ok, full_cov_valid;
    cs_params full_cov_key;
    size_t full_cov_key_n, full_cov_key_task;

    /* Drift grid: tasks x splits, one worker job a cell. */
    int drift_on, drift_metric;
    tui_drift_cell *drift;       /* drift_nt * drift_ns, row-major by task */
    size_t drift_nt, drift_ns;
    int drift_running, drift_stale;
    size_t drift_done, drift_total;
    double drift_ref_z;
    cs_scheme drift_scheme;

    /* A handler wanting the prompt opened with text already in it. */
    char prompt_prefill[TUI_PROMPT_MAX];
    /* The row i opened a :score prompt for, plus 1 (0: none), for the
     * next action only: the :score it runs then opens the prompt again for
     * the next marked task that row has no score for (tui_h_score). */
    size_t score_chain;
    int scrub_mark;              /* a cut moved: its redraw is to be timed */

    /* Search. */
    char search[256];
    size_t *matches;             /* indices into pts (by position in order) */
    size_t n_matches, match_pos;

    /* Interface state the screen manager reads. */
    int focus;                   /* TUI_PANE_* */
    int help;                    /* the help is shown, in front of the panes */
    /* The help's first line shown: the app's and not its tui_pane's top.
     * The lists' top only follows a selection kept here (task, pick_sel),
     * which their actions move; the help has no selection, so its scroll
     * position is itself what its actions move (j, k, PgDn, g, G, the
     * wheel through them, :help-bottom, :messages), and a handler reaches
     * only the app (tui_app_run, tui_app_command). In the pane it would
     * need a pointer from the app to the pane, or the help's keys handled
     * apart from the action table. Drawing clamps it (pane_help.c). */
    int help_top;
    int help_page;              /* lines PgDn turns in the help: set as it is drawn */
    int help_last_top;          /* help_top of its last page, as last drawn (INT_MAX: not yet) */
    int help_messages;          /* the help is to open at its messages (:messages) */
    int maximized;
    int quit;
    int prompt_request;          /* ':' or '/' when a handler wants the prompt opened */
    int redraw_all;
    int theme_changed;
    char msg[512];
    int msg_error;
    unsigned long msg_serial;    /* messages said so far: whether a call said one */
    /* The status line cuts what is longer than it: the last messages are
     * kept whole, for :messages. */
    char msg_log[TUI_MSG_LOG][512];
    int msg_log_error[TUI_MSG_LOG];
    size_t n_msg_log;
    double frame_ms;
    tui_worker worker;           /* fits run here, off the input loop */
    tui_loader loader;           /* a :load reads its file here (loader.h) */
    tui_file_id loading_id;      /* its file as it was before the loader read it */
    char load_shown[CS_LOAD_PROGRESS_TEXT]; /* how far the status line last said the load was */
} tui_app;

/* Fresh model with settings; no data yet. */
void tui_app_init(tui_app *app, const tui_settings *set);
void tui_app_free(tui_app *app);

/* Load the data (path NULL: demo data), replacing what is loaded; replays
 * the journal. Returns 0 or -1 with err. */
int tui_app_load(tui_app *app, const char *path, cs_error *err);
/* The same, the file read with hooks (NULL: none): the start's progress. */
int tui_app_load_hooked(tui_app *app, const char *path, const cs_load_hooks *hooks, cs_error *err);

/* :load FILE: read it in the loader's thread (the data shown stays, and
 * its work goes on, until it is read; a load still reading is cancelled
 * first), or here when no thread can be had or it is standard input
 * ("-"), saying on the status line what was loaded or why not. Returns
 * what changed. */
unsigned tui_app_load_file(tui_app *app, const char *path);
/* A load is reading its file (tui_app_busy is then 1). */
int tui_app_loading(const tui_app *app);
/* The loop's look at the load (tui_app_idle asks it): when it is done,
 * the new data replaces the old, as tui_app_load does, or the status line
 * says why not and the old stays; while it reads, TUI_CH_STATUS when it
 * read more records since the last look. */
unsigned tui_app_load_poll(tui_app *app);
/* Stop a load (Esc): the data shown stays. Returns what changed. */
unsigned tui_app_load_cancel(tui_app *app);

/* Load the last session's data file (--resume) with app->cfg (the config
 * it was opened with), read with hooks (NULL: none). When that fails for
 * any reason (the file moved, its columns changed, the config went), the
 * demo data is loaded instead, with default roles, and the status line
 * says what failed: the interface opens rather than ending on a file the
 * user may no longer have. -1 (with err) only when the demo data cannot be
 * loaded either. */
int tui_app_restore(tui_app *app, const char *path, const cs_load_hooks *hooks, cs_error *err);

/* Open (creating if needed) the journal of the data file; -1 with a message when it cannot be. */
int tui_app_open_journal(tui_app *app);
/* Whether the data file is another now than when it was loaded (replaced
 * by a newer version, written since, or gone): 0 for the demo data,
 * standard input, and a file that could not be looked at when loaded. */
int tui_app_data_changed(const tui_app *app);
/* "the data file has changed since it was loaded (:load FILE reads it); "
 * into buf when it has, "the data file is gone from disk since it was
 * loaded (moved or deleted); " when it is gone, else "": what to do, first
 * in a message about journal entries of models or tasks the data shown
 * lacks, which the newer file may have (a status line cuts the end of a
 * long model's name). */
const char *tui_app_reload_hint(const tui_app *app, char *buf, size_t size);
/* The look at the data file, once a second while idle: when it has changed
 * on disk since it was loaded (tui_app_data_changed), a message says so and
 * that :load reads it (TUI_CH_STATUS); gone, that it is gone; back as it
 * was loaded, that it is back; each once, until the file is otherwise
 * (changed, then gone, is said; written again and again, said once);
 * else TUI_CH_NONE. */
unsigned tui_app_watch_data(tui_app *app);

/* Entries other capscopes appended to the journal since it was read (a
 * script's capscope score, another interface) taken in, and a journal made
 * since the data was loaded opened: every task fitted again, and said.
 * Costs one fstat when nothing is new; the interface calls it about once a
 * second while idle, and before each score and undo it writes. The worker
 * must be quiet (it reads the scores). Returns the changes; *taken (may be
 * NULL) counts the entries taken in. */
unsigned tui_app_take_in_journal(tui_app *app, size_t *taken);

/* Choose the current task (index); resets the cursor and queues its work.
 * The task shown again is fitted again only when its fit failed short of
 * memory. Returns whether anything changed. */
int tui_app_set_task(tui_app *app, size_t task);

/* Scores of task (or of every task when task is SIZE_MAX) changed: drop
 * what was derived from the old ones. */
void tui_app_scores_changed(tui_app *app, size_t task);

/* The cost of the models the user has scored: the rows of the journal's
 * entries in effect (replayed or entered, not taken back), or without a
 * journal of the scores :undo can take back; a row once however many of
 * its tasks were scored, and 0 for a row without a positive cost, as the
 * design counts it. Not the sampler's "used": its budget is a fraction of
 * the unscored rows' cost, which shrinks as they are scored. */
double tui_app_spent(tui_app *app);

/* The tasks the sampler's design serves, into tasks (room for every
 * task): the marked ones, else the current one. Returns how many. */
size_t tui_app_served(const tui_app *app, size_t *tasks);

/* Queue the fits of every task (e.g. after tau changed). */
void tui_app_refit_all(tui_app *app);

/* Fit the tasks with design weights (on) or plainly; refits every task
 * when that changes. */
void tui_app_set_design_weights(tui_app *app, int on);

/* One piece of background work; returns what changed (0 when idle). */
unsigned tui_app_idle(tui_app *app);
int tui_app_busy(const tui_app *app);
/* Wait for the worker and forget what it was doing (it is redone): before
 * the data set changes under it. */
void tui_app_quiesce(tui_app *app);
/* Only waiting for the worker or the loader: poll slowly rather than spin. */
int tui_app_waiting(const tui_app *app);
/* Stop the background fits (the rest stay unfitted until asked for). */
unsigned tui_app_cancel(tui_app *app);

/* The points of the current task, gathered on demand. */
const tui_points *tui_app_points(tui_app *app);

/* Row under the cursor, or -1. */
long tui_app_cursor_row(const tui_app *app);
/* Move the cursor: dx steps to the neighbouring compute column, dy within a column. */
unsigned tui_app_cursor_move(tui_app *app, int dx, int dy);
/* The point nearest (z, y) in view units (span-normalised). */
unsigned tui_app_cursor_nearest(tui_app *app, double z, double y);
/* Put the cursor on a dataset row if it is a point of the task; 0 when not. */
int tui_app_cursor_to_row(tui_app *app, size_t row);

/* Search model names (case-insensitive substring); returns the matches. */
size_t tui_app_search(tui_app *app, const char *text);
/* The data's rows whose model name text matches as a search does, plotted
 * or not (a search finds only the current task's points): their count,
 * the first of them in *first (-1 when none), and in *unscored how many
 * have no score for the current task. */
size_t tui_app_search_rows(const tui_app *app, const char *text, long *first, size_t *unscored);

/* The view actually shown (automatic when not manual). */
tui_view tui_app_view(tui_app *app);

/* What the status line says of the point under the cursor. */
typedef struct tui_cursor_parts {
    const char *model, *task;   /* the data set's strings */
    char score[32];             /* "0.7500" */
    char flops[32];             /* "1.2e+24" (the text before " FLOPs") */
    char date[16];              /* YYYY-MM-DD or "no date" */
    const char *base;           /* the base model, "(itself)" or "unknown" */
} tui_cursor_parts;
/* The parts for the cursor's point; -1 (out untouched) when there is none
 * on screen: none at all, or the drift grid covers the plot, where the
 * status line naming it would describe a point nobody sees. */
int tui_app_cursor_parts(const tui_app *app, tui_cursor_parts *out);
/* Status line text for the cursor into buf: the parts as
 * "MODEL  TASK SCORE  FLOPS FLOPs  DATE  base BASE", or the hint of where
 * the keys go (tui_app_key_scope: the drift grid's over the plot). */
const char *tui_app_cursor_text(const tui_app *app, char *buf, size_t size);

/* Set the message line; the message is kept in msg_log too. */
void tui_app_msg(tui_app *app, int error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Set the message line to text, not kept in msg_log: what is read at once
 * and shown again on demand (the prompt's Tab Tab list of matches), which
 * pushed the messages :messages is for out of it. */
void tui_app_status(tui_app *app, const char *text);

/* Run a command line (without the ':'); returns what changed. */
unsigned tui_app_command(tui_app *app, const char *line);
/* Run an action (arguments may be NULL). */
unsigned tui_app_run(tui_app *app, const tui_action *a, const char *args);

/* The scope of the focused pane (or help). */
tui_scope tui_app_scope(const tui_app *app);
/* Where the keys of a pane of this scope go as things are now: the drift
 * grid's while it covers the plot, else the pane's own scope. */
tui_scope tui_app_key_scope(const tui_app *app, tui_scope scope);
/* The action key runs in a pane of this scope as things are now: while the
 * drift grid is shown its own keys (q closes it) come first, and the
 * plot's keys do nothing under it (they would move a cursor and a zoom
 * that nobody sees); else tui_action_for_key's. The panes, the key bar and
 * the tests ask here, so that the bar names what a key does. NULL when the
 * key does nothing. */
const tui_action *tui_app_key_action(const tui_app *app, tui_scope scope, int key);
/* 1 when a can do nothing as things are now, its handler refusing and
 * saying why, so that the key bar leaves it out: a move of the plot's
 * cursor (a search, n, N, :goto) while the drift grid hides it, whichever
 * pane has the focus; a change of focus (Tab) while the plot is maximized;
 * the charset (c) where the locale is not UTF-8, so ascii is the only one. */
int tui_app_action_hidden(const tui_app *app, const tui_action *a);

/* Fit of the current task, or NULL. */
const cs_fit *tui_app_fit(const tui_app *app, size_t task);

/* After the quantile levels changed. */
void tui_app_quantiles_dirty(tui_app *app);
/* Why the scheme `text` cannot split ds, or NULL when it can (*out then
 * holds it): the data has no dates, the text does not parse (the parser's
 * message, which names it), or it makes no splits on these dates, or none
 * of its periods holds a dated row (cs_scheme_misses_rows). The one
 * test of the split view's openings: s, :scheme, a :load, a restored
 * session. */
const char *tui_app_scheme_refusal(const cs_dataset *ds, const char *text, cs_scheme *out, char *why,
                                   size_t size);
/* After the split shown changed (the view, its split, its scheme, its cut,
 * the data): its fit and the plot's points are redone, warm (1) from the
 * last split's fit when a cut moved a little, else from scratch. */
void tui_app_split_changed(tui_app *app, int warm);

/* The drift grid: (re)start computing it; cancel what is left. */
void tui_app_drift_start(tui_app *app);
unsigned tui_app_drift_cancel(tui_app *app);
/* In-sample coverage of the current task's boundary (no split), or NULL. */
const cs_coverage *tui_app_full_coverage(tui_app *app);
/* The band of the boundary drawn (split: its training fit), or NULL when off or not computable. */
const cs_band *tui_app_band(tui_app *app, const cs_fit **fit);
/* Say on the status line what the band shown is from, that it is being
 * computed, or why there is none (b, and the band's arrival after it). */
void tui_app_say_band(tui_app *app);

/* Session state (to save at exit, restore at start). */
void tui_app_get_state(const tui_app *app, tui_state *st);
void tui_app_apply_state(tui_app *app, const tui_state *st);

#endif
