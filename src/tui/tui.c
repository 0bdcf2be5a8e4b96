/* tui.c - the interactive face: options, setup, the input loop, signals.
 *
 * The loop: render what is dirty, read one event (a key, the mouse, a
 * replayed key), let the focused pane's action handle it, and while the
 * model has background work (fits, the split, the sampler) poll instead of
 * blocking and do one piece of it per turn, so a key is always answered
 * within one piece of work. Signal handlers only set the flags below; the
 * loop acts on them. These flags are the TUI's only global mutable state.
 */
#include "config.h" /* PACKAGE_VERSION */

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "capscope/config.h"
#include "capscope/durable.h"
#include "capscope/progress.h"
#include "capscope/namelist.h"
#include "face/options.h"
#include "face/plaintext.h"
#include "face/termline.h"
#include "tui/app.h"
#include "tui/keys.h"
#include "tui/pane.h"
#include "tui/prompt.h"
#include "tui/replay.h"
#include "tui/settings.h"
#include "tui/term.h"
#include "tui/theme.h"
#include "tui/tui.h"

static volatile sig_atomic_t got_quit_signal;
static volatile sig_atomic_t got_suspend;
static volatile sig_atomic_t got_continue;

static void on_quit_signal(int sig)
{
    got_quit_signal = sig;
}

static void on_suspend(int sig)
{
    (void)sig;
    got_suspend = 1;
}

static void on_continue(int sig)
{
    (void)sig;
    got_continue = 1;
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_quit_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_suspend;
    sigaction(SIGTSTP, &sa, NULL);
    sa.sa_handler = on_continue;
    sigaction(SIGCONT, &sa, NULL);
}

void tui_options_help(FILE *f)
{
    fputs("  --data FILE      CSV of models (default: the built-in demo data)\n"
          "  --resume         open the last session's data file again, with its config\n"
          "  --config FILE    YAML config: column roles, and settings under 'tui:'\n"
          "                   (read on top of $XDG_CONFIG_HOME/capscope/config.yaml)\n"
          "  --theme NAME     default, light, dark, monochrome, or a theme file\n"
          "  --charset SET    plot characters: braille, block, ascii or auto\n"
          "                   (default auto: from the locale)\n"
          "  --replay FILE    feed the keys of FILE (one key or :command a line) first\n"
          "  --no-mouse       leave the mouse to the terminal\n"
          "  -h, --help       this help\n"
          "  --list-keys      the keys and commands, in the manual's markup\n"
          "  -V, --version    the version\n",
          f);
}

static void usage(FILE *f)
{
    fputs("Usage: capscope [OPTIONS]\n"
          "The interactive interface; 'capscope --help' lists the batch subcommands.\n", f);
    tui_options_help(f);
    fputs("In the interface, ? lists every key and command.\n", f);
}

typedef struct tui_opts {
    const char *data, *config, *theme, *charset, *replay;
    int no_mouse, resume;
} tui_opts;

enum {
    OPT_DATA = 1,
    OPT_CONFIG,
    OPT_THEME,
    OPT_CHARSET,
    OPT_REPLAY,
    OPT_NO_MOUSE,
    OPT_RESUME,
    OPT_HELP,
    OPT_LIST_KEYS,
    OPT_VERSION
};

/* 0 once stdout is written out, else 1 with a message (e.g. a full disk). */
static int flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    char reason[256];
    fprintf(stderr, "capscope: cannot write the output: %s\n",
            errno ? cs_errno_text(errno, reason, sizeof reason) : "write error");
    return 1;
}

const struct option tui_options[] = {
    { "data", required_argument, NULL, OPT_DATA },       { "config", required_argument, NULL, OPT_CONFIG },
    { "theme", required_argument, NULL, OPT_THEME },     { "charset", required_argument, NULL, OPT_CHARSET },
    { "replay", required_argument, NULL, OPT_REPLAY },   { "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
    { "resume", no_argument, NULL, OPT_RESUME },         { "help", no_argument, NULL, OPT_HELP },
    { "list-keys", no_argument, NULL, OPT_LIST_KEYS },   { "version", no_argument, NULL, OPT_VERSION },
    { NULL, 0, NULL, 0 },
};

/* What the steps of the start return to go on; anything else is the exit status. */
enum { RUNNING = -1 };

/* Returns RUNNING to go on, else an exit status. */
static int parse_options(int argc, char **argv, tui_opts *o)
{
    const struct option *longopts = tui_options;
    memset(o, 0, sizeof *o);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DATA: o->data = optarg; break;
        case OPT_CONFIG: o->config = optarg; break;
        case OPT_THEME: o->theme = optarg; break;
        case OPT_CHARSET: o->charset = optarg; break;
        case OPT_REPLAY: o->replay = optarg; break;
        case OPT_NO_MOUSE: o->no_mouse = 1; break;
        case OPT_RESUME: o->resume = 1; break;
        case 'h':
        case OPT_HELP: usage(stdout); return flush_stdout();
        case OPT_LIST_KEYS: tui_actions_write_man(stdout); return flush_stdout();
        /* Anywhere among the options, as --help is: "capscope --data F
         * --version" asks the version, not for an unknown option. */
        case 'V':
        case OPT_VERSION: printf("capscope %s\n", PACKAGE_VERSION); return flush_stdout();
        case ':':
            face_say("option '%s' needs a value", argv[optind - 1]);
            return 2;
        default: {
            char why[256];
            face_say("%s (try 'capscope --help')",
                    face_option_refusal(argv, optind, optopt, longopts, why, sizeof why));
            return 2;
        }
        }
    }
    if (optind < argc) {
        char shown[256];
        face_say("unexpected argument '%s' (try 'capscope --help')",
                 cs_quote_short(argv[optind], shown, sizeof shown));
        return 2;
    }
    if (o->resume && o->data) {
        fprintf(stderr, "capscope: --resume opens the last session's data, --data other data: give one\n");
        return 2;
    }
    /* Standard input is the terminal the keys come from (tui_term_check
     * refuses any other): read as a file, it took what was typed on a blank
     * screen until C-d. :load - is refused in the same words. */
    const char *const named[][2] = { { "--data", o->data }, { "--config", o->config }, { "--replay", o->replay } };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        /* As `--data "$DATA"` with DATA unset gives it: the batch face
         * refuses it so (common.c), where --replay '' said only "cannot
         * read: no such file or directory", naming nothing. */
        if (named[i][1] && !*named[i][1]) {
            fprintf(stderr, "capscope: %s needs a file name, not an empty word\n", named[i][0]);
            return 2;
        }
        if (named[i][1] && strcmp(named[i][1], "-") == 0) {
            fprintf(stderr,
                    "capscope: %s -: standard input is the terminal the keys come from; name a file "
                    "(the batch subcommands read -)\n",
                    named[i][0]);
            return 2;
        }
    }
    return RUNNING;
}

static int fail(const cs_error *err)
{
    char buf[1200];
    face_say("%s", cs_error_string(err, buf, sizeof buf));
    return cs_error_exit_status(err);
}

/* 0 when the theme is loaded; else the built-in theme is put in its place
 * and the reason written to msg: -1 when the theme was required, else 1 when
 * it was not found and 2 when it is not a valid theme. The exit status a
 * refusal of a required theme ends with goes to *status when status is not
 * NULL: 2 for a theme that is not found or not valid, 1 for a failure that
 * is no fault of the theme's (out of memory). */
static int load_theme(tui_theme *t, const char *name, int required, char *msg, size_t size, int *status)
{
    char *path = tui_theme_find(name);
    int lookup_oom = !path && errno == ENOMEM;
    cs_error err;
    if (path && tui_theme_load(t, path, &err) == 0) {
        free(path);
        return 0;
    }
    int found = path != NULL;
    if (found)
        cs_error_string(&err, msg, size);
    else if (lookup_oom)
        snprintf(msg, size, "theme '%s': out of memory looking for it", name);
    else
        tui_theme_not_found(name, required ? NULL : "; the built-in theme is used", msg, size);
    if (status)
        *status = found ? cs_error_exit_status(&err) : lookup_oom ? 1 : 2;
    free(path);
    if (tui_theme_builtin(t) < 0) {
        /* Its colours are not what the user sees either. */
        size_t used = strlen(msg);
        snprintf(msg + used, size - used, " (and out of memory reading the built-in theme: no colours)");
    }
    return required ? -1 : found ? 2 : 1;
}

/* Appends one of the things a start has to say to the status line. */
static void add_note(char *notes, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void add_note(char *notes, size_t size, const char *fmt, ...)
{
    size_t used = strlen(notes);
    if (used && used + 3 < size) {
        memcpy(notes + used, " | ", 4);
        used += 3;
    }
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(notes + used, size - used, fmt, ap);
    va_end(ap);
}

typedef struct loop_ctx {
    tui_app *app;
    tui_manager *m;
    tui_replay *replay;
    int no_color;
    tui_theme theme;
    tui_term term;
    FILE *timing_log;
    double key_t0;           /* when the last key arrived */
} loop_ctx;

static void render(loop_ctx *c, int force_all)
{
    tui_manager *m = c->m;
    if (force_all)
        m->all_dirty = 1;
    tui_manager_render(m, c->app);
    tui_term_blit(&c->term, &m->grid, m->dirty, m->n_dirty, m->blit_all);
    tui_term_flush(m->cursor_x, m->cursor_y);
    /* A moved cut is refitted in the worker: the time that matters is from
     * the key to the frame that shows the refit, not the key's own frame. */
    tui_app *app = c->app;
    if (app->scrub_mark && !app->split_dirty && !app->split_running) {
        app->scrub_mark = 0;
        if (c->timing_log) {
            fprintf(c->timing_log, "scrub-redraw %.3f\n", tui_now_ms() - c->key_t0);
            fflush(c->timing_log);
        }
    }
}

static void do_resize(loop_ctx *c)
{
    int cols, rows;
    tui_term_size(&cols, &rows);
    tui_manager_resize(c->m, c->app, cols, rows);
    tui_prompt_resized();
    tui_term_invalidate();
}

static unsigned handle_event(loop_ctx *c, const tui_event *ev)
{
    tui_app *app = c->app;
    tui_manager *m = c->m;
    switch (ev->kind) {
    case TUI_EV_RESIZE:
        tui_term_resize(ev->x, ev->y);
        do_resize(c);
        return TUI_CH_ALL;
    case TUI_EV_CLICK:
        return tui_manager_click(m, app, ev->x, ev->y);
    case TUI_EV_WHEEL_UP:
    case TUI_EV_WHEEL_DOWN:
        return tui_manager_wheel(m, app, ev->x, ev->y, ev->kind == TUI_EV_WHEEL_UP ? 1 : -1);
    case TUI_EV_SLEEP:
    case TUI_EV_WAIT:
        return TUI_CH_NONE;
    case TUI_EV_KEY:
        break;
    }
    if (ev->key == TUI_KEY_RESIZE) {
        do_resize(c);
        return TUI_CH_ALL;
    }
    if (ev->key == TUI_KEY_PASTE) {
        /* Text pasted at the panes would act as keys: a q in it quits. */
        int cut;
        const char *text = tui_term_pasted(&c->term, &cut);
        if (tui_prompt_active())
            return tui_prompt_paste(m, app, text, cut);
        tui_app_msg(app, 0, "paste ignored: press : first");
        return TUI_CH_STATUS;
    }
    /* A line run at the prompt can ask for a prompt too (:score-edit,
     * :search, :command): asked only after a key at the panes, it opened
     * at the next key, which also acted (j moved the task and opened
     * ":score MODEL TASK" of a :score-edit long done). */
    unsigned ch = tui_prompt_active() ? tui_prompt_key(m, app, ev->key)
                                      : tui_manager_key(m, app, ev->key) | TUI_CH_STATUS;
    if (app->prompt_request && !tui_prompt_active()) {
        tui_prompt_open(m, app, app->prompt_request);
        tui_prompt_insert(app->prompt_prefill);
        app->prompt_prefill[0] = '\0';
        app->prompt_request = 0;
    }
    return ch;
}

static void after_changes(loop_ctx *c, unsigned ch)
{
    tui_app *app = c->app;
    if (app->theme_changed) {
        char msg[600];
        if (load_theme(&c->theme, app->set.theme, 1, msg, sizeof msg, NULL) < 0)
            tui_app_msg(app, 1, "%s", msg);
        tui_term_theme(&c->term, &c->theme, c->no_color);
        app->theme_changed = 0;
        c->m->all_dirty = 1;
    }
    if (app->redraw_all) {
        tui_term_invalidate();
        c->m->all_dirty = 1;
        app->redraw_all = 0;
    }
    tui_manager_changed(c->m, app, ch);
}

/* One turn of the background work done here (a finished fit applied, the
 * next job's rows copied out, the frame that shows them): while it runs no
 * key is read, so the timing log has it too ("idle MS"), for the turns that
 * changed something. Returns what changed (TUI_CH_NONE: nothing). */
static unsigned idle_pass(loop_ctx *c)
{
    double t0 = tui_now_ms();
    unsigned ch = tui_app_idle(c->app);
    if (ch) {
        after_changes(c, ch);
        render(c, 0);
        if (c->timing_log)
            fprintf(c->timing_log, "idle %.3f\n", tui_now_ms() - t0);
    }
    return ch;
}

/* Do the background work until pending says it is done (or a signal
 * ends capscope): a replayed <Wait>, and a replayed :load. */
static void replay_wait(loop_ctx *c, int (*pending)(const tui_app *))
{
    while (pending(c->app) && !got_quit_signal)
        if (!idle_pass(c))
            nanosleep(&(struct timespec){ 0, 2000000 }, NULL);
}

/* Sleep for a replayed <Sleep N> while still answering signals and doing background work. */
static void replay_sleep(loop_ctx *c, int ms)
{
    double until = tui_now_ms() + ms;
    while (!got_quit_signal && tui_now_ms() < until) {
        if (!tui_app_busy(c->app) || !idle_pass(c))
            nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
    }
}

static int run_loop(loop_ctx *c)
{
    tui_app *app = c->app;
    int last_mouse = app->set.mouse, idle_was_empty = 0;
    double journal_looked = tui_now_ms();
    render(c, 1);
    while (!app->quit && !got_quit_signal) {
        if (got_suspend) {
            got_suspend = 0;
            tui_term_suspend(&c->term);
            signal(SIGTSTP, SIG_DFL);
            raise(SIGTSTP); /* stops here until SIGCONT */
            install_signals();
            tui_term_resume(&c->term);
            do_resize(c);
            render(c, 1);
        }
        if (got_continue) {
            got_continue = 0;
            tui_term_invalidate();
            render(c, 1);
        }
        tui_event ev;
        int have = 0;
        const tui_event *rep = c->replay ? tui_replay_next(c->replay) : NULL;
        if (rep) {
            /* A script's line after a :load is for the new data, as when
             * the file was read in the loop: the load is read to its end. */
            replay_wait(c, tui_app_loading);
            if (rep->kind == TUI_EV_SLEEP) {
                replay_sleep(c, rep->x);
                continue;
            }
            if (rep->kind == TUI_EV_WAIT) {
                replay_wait(c, tui_app_busy);
                continue;
            }
            ev = *rep;
            have = 1;
        } else {
            if (c->replay) {
                tui_replay_free(c->replay);
                c->replay = NULL;
            }
            /* Poll while there is work to do here; while only the worker is
             * busy, wait a little for keys instead of spinning. */
            /* 2 ms while the worker runs: a warm-started refit takes about
             * that long, and a longer nap would be most of a scrub step's
             * latency. 50 ms while only a :load reads: its count of rows
             * read needs no more, and a load stuck on a FIFO may wait long. */
            int wait_ms = !tui_app_busy(app)                           ? 200
                          : !idle_was_empty || !tui_app_waiting(app)   ? 0
                          : tui_worker_busy(&app->worker)              ? 2
                                                                       : 50;
            have = tui_term_read(&c->term, &ev, wait_ms);
            if (!have && tui_term_hungup()) {
                got_quit_signal = SIGHUP;
                break;
            }
        }
        if (have) {
            double t0 = tui_now_ms();
            c->key_t0 = t0;
            unsigned ch = handle_event(c, &ev);
            after_changes(c, ch);
            render(c, 0);
            app->frame_ms = tui_now_ms() - t0;
            if (c->timing_log) {
                char name[32];
                fprintf(c->timing_log, "%s %.3f\n",
                        ev.kind == TUI_EV_KEY ? tui_key_name(ev.key, name, sizeof name) : "event", app->frame_ms);
            }
        } else if (tui_app_busy(app))
            idle_was_empty = !idle_pass(c);
        else if (!c->replay && tui_now_ms() - journal_looked >= 1000) {
            /* A cluster job's capscope score, shown within a second of
             * its entry, without a key; an fstat a second when idle. */
            journal_looked = tui_now_ms();
            /* And at the data file, replaced by a newer version (the
             * journal's word on entries it skips for that comes after). */
            unsigned ch = tui_app_watch_data(app);
            ch |= tui_app_take_in_journal(app, NULL);
            if (ch) {
                after_changes(c, ch);
                render(c, 0);
            }
        }
        if (app->set.mouse != last_mouse) {
            tui_term_mouse(app->set.mouse);
            last_mouse = app->set.mouse;
        }
    }
    return got_quit_signal ? 128 + got_quit_signal : 0;
}

/* Everything one run of the interface holds, from the options to the exit
 * status. Each step below returns RUNNING to go on, else an exit status;
 * a step that fails undoes its own half-done work, and session_free
 * releases what the steps before it made. */
typedef struct session {
    const tui_opts *opts;
    int utf8; /* the locale's characters are UTF-8 */
    tui_settings set;
    char notes[sizeof ((tui_app *)0)->msg]; /* what the start has to say, for the status line */
    int offer_resume;                       /* the demo data shown, the last session's file readable */
    char *state_path;                       /* where the session is saved, or NULL */
    tui_state last;                         /* the last session, when have_last */
    int have_last, restoring;
    const char *config; /* the config the data is read with, or NULL */
    cs_config cfg;      /* until the app owns it */
    tui_replay replay;
    tui_app app;
    int have_app, downgraded;
    tui_manager m;
    loop_ctx loop;
} session;

static void session_init(session *s, const tui_opts *o, int utf8)
{
    memset(s, 0, sizeof *s);
    s->opts = o;
    s->utf8 = utf8;
    tui_settings_init(&s->set);
    cs_config_init(&s->cfg);
    s->loop.app = &s->app;
    s->loop.m = &s->m;
}

static void session_free(session *s)
{
    if (s->loop.timing_log)
        fclose(s->loop.timing_log);
    free(s->state_path);
    if (s->have_app)
        tui_app_free(&s->app); /* and with it the config */
    else
        cs_config_free(&s->cfg);
    tui_replay_free(&s->replay);
}

/* The user's locale for characters (UTF-8, wide glyphs) and messages of
 * the C library, never for numbers: strtod and printf would read and
 * write "0,25" in a decimal-comma locale, and the journal, the config
 * and the exports must read the same everywhere (capscope-config(5)).
 * Returns whether the locale's characters are UTF-8. */
static int use_locale_for_text(void)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

/* What charset auto draws with (cs_charset_auto): on the Linux console
 * (TERM=linux, linux-16color, ...) the font is the kernel's, at most 512
 * glyphs: the PC's box drawing, shades and half blocks, and no braille,
 * eighth blocks or quadrants, which it showed as boxes or blanks. ascii
 * there; c and :charset still give the others, for a console whose font
 * has them. */
static int auto_charset(int utf8)
{
    return cs_charset_auto(utf8, getenv("TERM"));
}

/* The user's own file gives settings only (settings.h says why). */
static int read_user_config(session *s)
{
    char *path = tui_config_path("config.yaml");
    int status = RUNNING;
    if (!path || access(path, R_OK) != 0) { /* none: the defaults */
        free(path);
        return status;
    }
    struct stat st;
    cs_error err;
    if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {
        /* Read at every start unasked: a FIFO there would hang it. A
         * device is read as any file (a link to /dev/null is an empty
         * config; /dev/zero stops at its first NUL, a terminal is refused). */
        cs_error_set(&err, CS_ERR_INPUT, path, 0, "is a FIFO, not a config file");
        status = fail(&err);
    } else {
        cs_config ignored;
        char keys[64];
        int read = tui_config_load(&s->set, &ignored, path, &err);
        if (read == 0 && tui_config_data_keys(&ignored, keys, sizeof keys)) {
            char shown[4096];
            add_note(s->notes, sizeof s->notes,
                     "%s ignored in %s (it holds tui: settings only; roles go in --config FILE)", keys,
                     cs_path_tilde(path, shown, sizeof shown));
        }
        cs_config_free(&ignored);
        if (read < 0)
            status = fail(&err);
    }
    free(path);
    return status;
}

/* Whether capscope --resume could open the last session's file: it and
 * the config it was read with are there to read. The start's hint promises
 * it only then; a file moved or deleted since would be promised at every
 * start, as the demo session is not saved over it. */
static int resumable(const tui_state *last)
{
    return access(last->data, R_OK) == 0 && (!last->config[0] || access(last->config, R_OK) == 0);
}

/* The last session. With --resume its data file comes back, read with
 * the config it was opened with unless --config names another. Without,
 * a start with no --data shows the demo data, as the contract says, and
 * names the last session's file: it is a command away. */
static void recall_last_session(session *s)
{
    s->state_path = tui_state_path("state");
    s->have_last = s->state_path && tui_state_load(&s->last, s->state_path) == 0;
    int had_data = s->have_last && s->last.data[0];
    s->restoring = s->opts->resume && had_data;
    s->config = s->opts->config ? s->opts->config : s->restoring && s->last.config[0] ? s->last.config : NULL;
    if (s->opts->resume && !had_data)
        add_note(s->notes, sizeof s->notes, "no last session's data file to resume: showing the demo data");
    else if (!s->opts->resume && !s->opts->data && had_data && resumable(&s->last))
        s->offer_resume = 1;
}

/* A --config that cannot be read stops the start; the last session's
 * config only stops its restoring. */
static int read_config(session *s)
{
    cs_error err;
    if (!s->config || tui_config_load(&s->set, &s->cfg, s->config, &err) == 0)
        return RUNNING;
    if (s->opts->config)
        return fail(&err);
    char buf[700];
    add_note(s->notes, sizeof s->notes, "last session not restored, showing the demo data: %s",
             cs_error_string(&err, buf, sizeof buf));
    s->restoring = 0;
    s->config = NULL;
    return RUNNING;
}

/* The command line's settings win over every config's. */
static int apply_options(session *s)
{
    const tui_opts *o = s->opts;
    cs_error err;
    if (o->theme)
        snprintf(s->set.theme, sizeof s->set.theme, "%s", o->theme);
    if (o->charset && tui_settings_set(&s->set, "charset", o->charset, &err) < 0) {
        char choices[128], shown[256];
        face_say("--charset: '%s' is not %s", cs_quote_short(o->charset, shown, sizeof shown),
                 tui_setting_choices("charset", choices, sizeof choices));
        return 2;
    }
    if (o->no_mouse)
        s->set.mouse = 0;
    return RUNNING;
}

static int read_replay(session *s)
{
    cs_error err;
    if (!s->opts->replay)
        return RUNNING;
    if (tui_replay_load(&s->replay, s->opts->replay, &err) < 0)
        return fail(&err);
    s->loop.replay = &s->replay;
    return RUNNING;
}

/* Before the data is read: a terminal the interface cannot work in is
 * said at once, with what to use instead. */
static int check_terminal(void)
{
    char msg[600];
    if (tui_term_check(msg, sizeof msg) >= 0)
        return RUNNING;
    /* msg names $TERM, the environment's word (an ESC in it drove the terminal) */
    face_say("%s.", msg);
    face_say("use the batch subcommands instead, e.g. 'capscope fit', 'capscope plot' or "
        "'capscope suggest' (see 'capscope --help')");
    return 2;
}

/* The rest of the last session (task, view, split) belongs to its data. */
static int same_data_as_last(const session *s)
{
    if (s->restoring)
        return s->app.data_path != NULL; /* else the demo data stands in for it */
    if (s->opts->data) {
        char *abs = realpath(s->opts->data, NULL);
        int same = abs && strcmp(abs, s->last.data) == 0;
        free(abs);
        return same;
    }
    return s->last.data[0] == '\0';
}

/* The session last saved on this data file, when it is not the last
 * session: a look at another file in between (the demo, a colleague's)
 * took the task, the marks, the view and the split of this one away. */
static void recall_data_session(session *s)
{
    if (!s->opts->data || strcmp(s->opts->data, "-") == 0 || !s->app.data_path)
        return;
    char *abs = realpath(s->opts->data, NULL);
    char *path = abs ? tui_state_path_for_data(abs) : NULL;
    tui_state st;
    if (path)
        tui_state_recover_pruned(path, 0); /* a prune killed while it had it aside */
    if (path && tui_state_load(&st, path) == 0 && strcmp(st.data, abs) == 0)
        tui_app_apply_state(&s->app, &st);
    free(path);
    free(abs);
}

/* A :load replacing a data file: its session kept as its own, as at exit
 * (save_session), for a start on it later. Nothing is said of a failure:
 * the screen is the interface's, and the session at exit is saved anyway. */
static void keep_data_session(const tui_app *app, void *ctx)
{
    (void)ctx;
    if (!app->data_path || strcmp(app->data_path, "-") == 0)
        return;
    tui_state now;
    tui_app_get_state(app, &now);
    cs_error err;
    (void)tui_state_save_for_data(&now, &err);
}

/* A data file of millions of rows, or one on a slow mount, takes seconds
 * to read before the screen is the interface's: how far it is shows on
 * standard error when that is a terminal, one line rewritten in place (when
 * and what: progress.h, as for a batch command's line) and cleared before
 * the screen opens, or by a C-c, SIGTERM, SIGHUP or SIGQUIT that ends the
 * start (termline.h; they have their default actions until the screen
 * opens). */
typedef struct start_progress {
    cs_load_say say;
    termline line;
} start_progress;

static void start_progress_show(void *ctx, size_t bytes, size_t records)
{
    start_progress *p = ctx;
    char line[160];
    if (p->line.enabled && cs_load_say_due(&p->say, bytes, records, line, sizeof line))
        termline_show(&p->line, "capscope: %s", line);
}

static void start_progress_begin(start_progress *p, const char *path)
{
    memset(p, 0, sizeof *p);
    termline_begin(&p->line, path && isatty(STDERR_FILENO));
    if (p->line.enabled)
        cs_load_say_init(&p->say, path);
}

/* The app, holding the config, the data and its journal. */
static int open_data(session *s)
{
    tui_app *app = &s->app;
    tui_app_init(app, &s->set);
    app->utf8 = s->utf8;
    app->charset_auto = auto_charset(s->utf8);
    if (s->set.charset >= 0)
        app->charset = s->set.charset;
    else
        app->charset = app->charset_auto;
    s->downgraded = !s->utf8 && app->charset != CS_CHARSET_ASCII;
    if (s->downgraded)
        app->charset = CS_CHARSET_ASCII; /* the locale cannot show the other glyphs */
    app->cfg = s->cfg;
    s->have_app = 1; /* the app owns the config from here */
    if (s->config && !(app->config_path = strdup(s->config))) {
        fprintf(stderr, "capscope: out of memory\n");
        return 1;
    }
    cs_error err;
    start_progress pg;
    start_progress_begin(&pg, s->restoring ? s->last.data : s->opts->data);
    const cs_load_hooks hooks = { .progress = start_progress_show, .progress_ctx = &pg };
    int rc = s->restoring ? tui_app_restore(app, s->last.data, &hooks, &err)
                          : tui_app_load_hooked(app, s->opts->data, &hooks, &err);
    termline_end(&pg.line);
    if (rc < 0 && s->opts->config && !s->opts->data && !s->restoring) {
        /* A --config written for the user's data, alone: before --resume
         * existed such a start reopened the last session's file. */
        size_t used = strlen(err.msg);
        snprintf(err.msg + used, sizeof err.msg - used,
                 " (without --data the demo data is read; --data FILE, or --resume for the last session's file)");
    }
    if (rc < 0)
        return fail(&err);
    if (s->have_last && same_data_as_last(s))
        tui_app_apply_state(app, &s->last);
    else
        recall_data_session(s);
    app->before_unload = keep_data_session;
    return RUNNING;
}

/* Only a --theme that cannot be used stops the start. */
static int choose_theme(session *s)
{
    tui_app *app = &s->app;
    const char *nc = getenv("NO_COLOR");
    s->loop.no_color = nc && *nc;
    char msg[600];
    int status = 2;
    int theme_rc = load_theme(&s->loop.theme, app->set.theme, s->opts->theme != NULL, msg, sizeof msg, &status);
    if (theme_rc < 0) {
        face_say("--theme: %s", msg);
        return status;
    }
    if (theme_rc > 0) {
        /* A config's theme is not worth refusing to start over, but is said:
         * the colours are not what the user asked for. */
        if (theme_rc == 1)
            add_note(s->notes, sizeof s->notes, "%s", msg);
        else
            add_note(s->notes, sizeof s->notes, "theme '%s' not used: %s", app->set.theme, msg);
        snprintf(app->set.theme, sizeof app->set.theme, "default"); /* what :set theme shows */
    }
    return RUNNING;
}

/* From here until close_terminal the screen is the interface's, and the
 * signal handlers only set flags for the loop. */
static int open_terminal(session *s)
{
    /* Each key's time to its frame, for the scale tests and bench. */
    const char *tl = getenv("CAPSCOPE_TIMING_LOG");
    if (tl && *tl)
        s->loop.timing_log = fopen(tl, "w");
    char *history = tui_state_path("history");
    char why[128];
    if (tui_prompt_init(history, why, sizeof why) < 0) {
        char shown[4096];
        add_note(s->notes, sizeof s->notes, "the command history is not kept: %s: %s",
                 cs_path_tilde(history, shown, sizeof shown), why);
    }
    free(history);
    install_signals();
    errno = 0;
    if (tui_term_open(&s->loop.term, s->set.mouse) < 0) {
        /* Out of memory is no fault of the terminal's, nor a usage error. */
        int nomem = errno == ENOMEM;
        if (nomem)
            fprintf(stderr, "capscope: out of memory starting the interface\n");
        else
            fprintf(stderr, "capscope: cannot initialise the terminal; use the batch subcommands (capscope --help)\n");
        tui_prompt_shutdown();
        return nomem ? 1 : 2;
    }
    tui_term_theme(&s->loop.term, &s->loop.theme, s->loop.no_color);
    /* tui_theme_resolve's rule: fewer than 8 colours is none. */
    if (s->loop.no_color)
        s->app.no_colour_why = "NO_COLOR is set";
    else if (tui_term_colors() < 8)
        s->app.no_colour_why = "the terminal has no colours";
    tui_manager_init(&s->m);
    int cols, rows;
    tui_term_size(&cols, &rows);
    tui_manager_resize(&s->m, &s->app, cols, rows);
    return RUNNING;
}

/* The first status line: what loading the data said (a restore that
 * failed, the journal's trouble) comes first, then the start's notes, then
 * what loading reported that needs nothing done, else a hint. */
static void show_start_notes(session *s)
{
    tui_app *app = &s->app;
    if (s->downgraded)
        add_note(s->notes, sizeof s->notes, "the locale is not UTF-8: the plot uses the ascii charset");
    if (app->msg[0] && s->notes[0]) {
        char loaded[sizeof app->msg];
        snprintf(loaded, sizeof loaded, "%s", app->msg);
        /* A trouble of the load's first; a mere report of it (the scores
         * the journal replayed) after the start's troubles. */
        if (app->msg_error)
            tui_app_msg(app, 1, "%s | %s", loaded, s->notes);
        else
            tui_app_msg(app, 1, "%s | %s", s->notes, loaded);
    } else if (s->notes[0])
        tui_app_msg(app, 1, "%s", s->notes);
    else if (!app->msg[0] && s->offer_resume) {
        /* The command before the path: a status line of 80 columns cuts a
         * long path, and tui_app_msg cuts a text too long for it at a
         * character, not in one. */
        char shown[4096];
        tui_app_msg(app, 0, "the demo data; capscope --resume reopens the last session's %s",
                    cs_path_tilde(s->last.data, shown, sizeof shown));
    } else if (!app->msg[0] && app->ds) {
        /* What is shown, which nothing else says at the start; the keys
         * are on the bar below (this line repeated them). */
        char shown[4096];
        if (app->data_path)
            tui_app_msg(app, 0, "%s: %zu model%s, %zu task%s; ? lists every key",
                        cs_path_tilde(app->data_path, shown, sizeof shown), app->ds->n_rows,
                        app->ds->n_rows == 1 ? "" : "s", app->ds->n_tasks, app->ds->n_tasks == 1 ? "" : "s");
        else
            tui_app_msg(app, 0, "the demo data: %zu models, %zu tasks; ? lists every key; --data FILE opens yours",
                        app->ds->n_rows, app->ds->n_tasks);
    }
}

static void close_terminal(session *s)
{
    tui_term_close(&s->loop.term);
    tui_prompt_shutdown();
    tui_manager_free(&s->m);
}

/* After the terminal is restored, so that a failure can be read; said only
 * when the run itself ended well. */
static void save_session(session *s, int status)
{
    /* A look at the demo data is not saved over a data file's session:
     * --resume would have nothing left to open. Nor one at a stream's (a
     * FIFO, <(...)), read once: --resume opened its name, and waited for a
     * writer or could not open it at all. */
    int no_file = !s->app.data_path || cs_journal_is_stream(s->app.data_path);
    if (!s->state_path || (no_file && s->have_last && s->last.data[0]))
        return;
    tui_state now;
    cs_error err;
    tui_app_get_state(&s->app, &now);
    if (tui_state_save(&now, s->state_path, &err) < 0 && status == 0) {
        char buf[1200];
        face_say("session not saved: %s", cs_error_string(&err, buf, sizeof buf));
        return;
    }
    /* And as this data file's own, for a start on it after other files. */
    if (tui_state_save_for_data(&now, &err) < 0 && status == 0) {
        char buf[1200];
        face_say("session not saved: %s", cs_error_string(&err, buf, sizeof buf));
    }
}

/* A full disk, or a file past the size limit, refused commands to the
 * history: the commands ran, and the status line had their own messages to
 * show, so the loss is said here, where it can be read. */
static void say_history_lost(void)
{
    int e;
    size_t lost = tui_prompt_history_lost(&e);
    if (!lost)
        return;
    char *history = tui_state_path("history"), shown[4096], why[256];
    face_say("%zu command%s not added to the history %s: %s", lost, lost == 1 ? " was" : "s were",
        history ? cs_path_tilde(history, shown, sizeof shown) : "file", cs_errno_text(e, why, sizeof why));
    free(history);
}

int tui_main(int argc, char **argv)
{
    tui_opts o;
    int status = parse_options(argc, argv, &o);
    if (status != RUNNING)
        return status;
    session s;
    session_init(&s, &o, use_locale_for_text());
    status = read_user_config(&s);
    if (status == RUNNING) {
        recall_last_session(&s);
        status = read_config(&s);
    }
    if (status == RUNNING)
        status = apply_options(&s);
    if (status == RUNNING)
        status = read_replay(&s);
    if (status == RUNNING)
        status = check_terminal();
    if (status == RUNNING)
        status = open_data(&s);
    if (status == RUNNING)
        status = choose_theme(&s);
    if (status == RUNNING)
        status = open_terminal(&s);
    if (status == RUNNING) {
        show_start_notes(&s);
        status = run_loop(&s.loop);
        close_terminal(&s);
        save_session(&s, status);
        say_history_lost();
    }
    session_free(&s);
    return status;
}
