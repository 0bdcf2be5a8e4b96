/* tui.c - the interactive face: options, setup, the input loop, signals.
 *
 * The loop: render what is dirty, read one event (a key, the mouse, a
 * replayed key), let the focused pane's action handle it, and while the
 * model has background work (fits, the split, the sampler) poll instead of
 * blocking and do one piece of it per turn, so a key is always answered
 * within one piece of work. Signal handlers only set the flags below; the
 * loop acts on them. These flags are the TUI's only global mutable state.
 */
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capscope/config.h"
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
    fputs("  --data FILE      CSV of models (default: the last session's file, with its\n"
          "                   config; else the demo data)\n"
          "  --config FILE    YAML config: column roles, and settings under 'tui:'\n"
          "                   (read on top of $XDG_CONFIG_HOME/capscope/config.yaml)\n"
          "  --theme NAME     default, light, dark, monochrome, or a theme file\n"
          "  --charset SET    plot characters: braille, block or ascii\n"
          "                   (default: from the locale)\n"
          "  --replay FILE    feed the keys of FILE (one key or :command a line) first\n"
          "  --no-mouse       leave the mouse to the terminal\n"
          "  -h, --help       this help\n"
          "  --list-keys      the keys and commands, in the manual's markup\n",
          f);
}

static void usage(FILE *f)
{
    fputs("Usage: capscope [OPTIONS]\n"
          "The interactive interface; 'capscope --help' lists the batch subcommands.\n", f);
    tui_options_help(f);
    fputs("In the interface, ? lists every key and command.\n", f);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct tui_opts {
    const char *data, *config, *theme, *charset, *replay;
    int no_mouse;
} tui_opts;

enum { OPT_DATA = 1, OPT_CONFIG, OPT_THEME, OPT_CHARSET, OPT_REPLAY, OPT_NO_MOUSE, OPT_HELP, OPT_LIST_KEYS };

/* 0 once stdout is written out, else 1 with a message (e.g. a full disk). */
static int flush_stdout(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    fprintf(stderr, "capscope: cannot write the output: %s\n", errno ? strerror(errno) : "write error");
    return 1;
}

const struct option tui_options[] = {
    { "data", required_argument, NULL, OPT_DATA },       { "config", required_argument, NULL, OPT_CONFIG },
    { "theme", required_argument, NULL, OPT_THEME },     { "charset", required_argument, NULL, OPT_CHARSET },
    { "replay", required_argument, NULL, OPT_REPLAY },   { "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
    { "help", no_argument, NULL, OPT_HELP },             { "list-keys", no_argument, NULL, OPT_LIST_KEYS },
    { NULL, 0, NULL, 0 },
};

/* Returns -1 to continue, else an exit status. */
static int parse_options(int argc, char **argv, tui_opts *o)
{
    const struct option *longopts = tui_options;
    memset(o, 0, sizeof *o);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_DATA: o->data = optarg; break;
        case OPT_CONFIG: o->config = optarg; break;
        case OPT_THEME: o->theme = optarg; break;
        case OPT_CHARSET: o->charset = optarg; break;
        case OPT_REPLAY: o->replay = optarg; break;
        case OPT_NO_MOUSE: o->no_mouse = 1; break;
        case 'h':
        case OPT_HELP: usage(stdout); return flush_stdout();
        case OPT_LIST_KEYS: tui_actions_write_man(stdout); return flush_stdout();
        case ':':
            fprintf(stderr, "capscope: option '%s' needs a value\n", argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, "capscope: unknown option '%s' (try 'capscope --help')\n", argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "capscope: unexpected argument '%s' (try 'capscope --help')\n", argv[optind]);
        return 2;
    }
    return -1;
}

static int fail(const cs_error *err)
{
    char buf[1200];
    fprintf(stderr, "capscope: %s\n", cs_error_string(err, buf, sizeof buf));
    return cs_error_exit_status(err);
}

/* 0 when the theme is loaded; else the built-in theme is put in its place
 * and the reason written to msg: -1 when the theme was required, else 1 when
 * it was not found and 2 when it is not a valid theme. */
static int load_theme(tui_theme *t, const char *name, int required, char *msg, size_t size)
{
    char *path = tui_theme_find(name);
    cs_error err;
    if (path && tui_theme_load(t, path, &err) == 0) {
        free(path);
        return 0;
    }
    int found = path != NULL;
    if (found)
        cs_error_string(&err, msg, size);
    else
        snprintf(msg, size, "theme '%s' not found", name);
    free(path);
    tui_theme_builtin(t);
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
            fprintf(c->timing_log, "scrub-redraw %.3f\n", now_ms() - c->key_t0);
            fflush(c->timing_log);
        }
    }
}

static void do_resize(loop_ctx *c)
{
    int cols, rows;
    tui_term_size(&cols, &rows);
    tui_manager_resize(c->m, c->app, cols, rows);
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
    if (tui_prompt_active())
        return tui_prompt_key(m, app, ev->key);
    app->msg[0] = '\0';
    unsigned ch = tui_manager_key(m, app, ev->key) | TUI_CH_STATUS;
    if (app->prompt_request) {
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
        if (load_theme(&c->theme, app->set.theme, 1, msg, sizeof msg) < 0)
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

/* Sleep for a replayed <Sleep N> while still answering signals and doing background work. */
static void replay_sleep(loop_ctx *c, int ms)
{
    double until = now_ms() + ms;
    while (!got_quit_signal && now_ms() < until) {
        unsigned ch = tui_app_busy(c->app) ? tui_app_idle(c->app) : 0;
        if (ch) {
            after_changes(c, ch);
            render(c, 0);
        } else
            nanosleep(&(struct timespec){ 0, 5000000 }, NULL);
    }
}

static int run_loop(loop_ctx *c)
{
    tui_app *app = c->app;
    int last_mouse = app->set.mouse, idle_was_empty = 0;
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
            if (rep->kind == TUI_EV_SLEEP) {
                replay_sleep(c, rep->x);
                continue;
            }
            if (rep->kind == TUI_EV_WAIT) {
                while (tui_app_busy(app) && !got_quit_signal) {
                    unsigned ch = tui_app_idle(app);
                    if (ch) {
                        after_changes(c, ch);
                        render(c, 0);
                    } else
                        nanosleep(&(struct timespec){ 0, 2000000 }, NULL);
                }
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
             * that long, and a longer nap would be most of a scrub step's latency. */
            int wait_ms = !tui_app_busy(app) ? 200 : idle_was_empty && tui_app_waiting(app) ? 2 : 0;
            have = tui_term_read(&c->term, &ev, wait_ms);
            if (!have && tui_term_hungup()) {
                got_quit_signal = SIGHUP;
                break;
            }
        }
        if (have) {
            double t0 = now_ms();
            c->key_t0 = t0;
            unsigned ch = handle_event(c, &ev);
            after_changes(c, ch);
            render(c, 0);
            app->frame_ms = now_ms() - t0;
            if (c->timing_log) {
                char name[32];
                fprintf(c->timing_log, "%s %.3f\n",
                        ev.kind == TUI_EV_KEY ? tui_key_name(ev.key, name, sizeof name) : "event", app->frame_ms);
            }
        } else if (tui_app_busy(app)) {
            unsigned ch = tui_app_idle(app);
            idle_was_empty = ch == TUI_CH_NONE;
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

int tui_main(int argc, char **argv)
{
    tui_opts o;
    int rc = parse_options(argc, argv, &o);
    if (rc >= 0)
        return rc;
    /* The user's locale for characters (UTF-8, wide glyphs) and messages of
     * the C library, never for numbers: strtod and printf would read and
     * write "0,25" in a decimal-comma locale, and the journal, the config
     * and the exports must read the same everywhere (capscope-config(5)). */
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C");
    int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;

    tui_settings set;
    tui_settings_init(&set);
    cs_error err;
    char notes[sizeof ((tui_app *)0)->msg] = ""; /* what the start has to say, for the status line */

    /* The user's own file gives settings only (settings.h says why). */
    char *user_config = tui_config_path("config.yaml");
    if (user_config && access(user_config, R_OK) == 0) {
        cs_config ignored;
        char keys[64];
        int read = tui_config_load(&set, &ignored, user_config, &err);
        if (read == 0 && tui_config_data_keys(&ignored, keys, sizeof keys)) {
            const char *home = getenv("HOME");
            size_t hl = home ? strlen(home) : 0;
            int tilde = hl > 1 && strncmp(user_config, home, hl) == 0 && user_config[hl] == '/';
            add_note(notes, sizeof notes,
                     "%s ignored in %s%s (it holds tui: settings only; roles go in --config FILE)", keys,
                     tilde ? "~" : "", user_config + (tilde ? hl : 0));
        }
        cs_config_free(&ignored);
        if (read < 0) {
            free(user_config);
            return fail(&err);
        }
    }
    free(user_config);

    /* The last session: without --data its data file comes back, read with
     * the config it was opened with unless --config names another. */
    tui_state st;
    char *state_path = tui_state_path("state");
    int have_state = state_path && tui_state_load(&st, state_path) == 0;
    int restoring = !o.data && have_state && st.data[0];
    const char *config = o.config ? o.config : restoring && st.config[0] ? st.config : NULL;
    cs_config cfg;
    cs_config_init(&cfg);
    if (config && tui_config_load(&set, &cfg, config, &err) < 0) {
        if (o.config) {
            free(state_path);
            return fail(&err);
        }
        char buf[700];
        add_note(notes, sizeof notes, "last session not restored, showing the demo data: %s",
                 cs_error_string(&err, buf, sizeof buf));
        restoring = 0;
        config = NULL;
    }
    if (o.theme)
        snprintf(set.theme, sizeof set.theme, "%s", o.theme);
    if (o.charset && tui_settings_set(&set, "charset", o.charset, &err) < 0) {
        fprintf(stderr, "capscope: --charset: '%s' is not braille, block or ascii\n", o.charset);
        cs_config_free(&cfg);
        free(state_path);
        return 2;
    }
    if (o.no_mouse)
        set.mouse = 0;

    tui_replay replay = { 0 };
    if (o.replay && tui_replay_load(&replay, o.replay, &err) < 0) {
        cs_config_free(&cfg);
        free(state_path);
        return fail(&err);
    }

    char msg[600];
    if (tui_term_check(msg, sizeof msg) < 0) {
        fprintf(stderr,
                "capscope: %s.\n"
                "capscope: use the batch subcommands instead, e.g. 'capscope fit', 'capscope plot' or "
                "'capscope suggest' (see 'capscope --help')\n",
                msg);
        cs_config_free(&cfg);
        free(state_path);
        tui_replay_free(&replay);
        return 2;
    }

    tui_app app;
    tui_app_init(&app, &set);
    app.utf8 = utf8;
    if (set.charset >= 0)
        app.charset = set.charset;
    else
        app.charset = utf8 ? CS_CHARSET_BRAILLE : CS_CHARSET_ASCII;
    int downgraded = !utf8 && app.charset != CS_CHARSET_ASCII;
    if (downgraded)
        app.charset = CS_CHARSET_ASCII; /* the locale cannot show the other glyphs */
    app.cfg = cfg; /* the app owns it from here */
    if (config && !(app.config_path = strdup(config))) {
        fprintf(stderr, "capscope: out of memory\n");
        tui_app_free(&app);
        free(state_path);
        tui_replay_free(&replay);
        return 1;
    }

    rc = restoring ? tui_app_restore(&app, st.data, &err) : tui_app_load(&app, o.data, &err);
    if (rc < 0) {
        int status = fail(&err);
        tui_app_free(&app);
        free(state_path);
        tui_replay_free(&replay);
        return status;
    }
    if (have_state) {
        /* The rest of the session (task, view, split) belongs to its data. */
        int same;
        if (restoring)
            same = app.data_path != NULL; /* else the demo data stands in for it */
        else if (o.data) {
            char *abs = realpath(o.data, NULL);
            same = abs && strcmp(abs, st.data) == 0;
            free(abs);
        } else
            same = st.data[0] == '\0';
        if (same)
            tui_app_apply_state(&app, &st);
    }

    loop_ctx c = { .app = &app, .replay = o.replay ? &replay : NULL };
    const char *nc = getenv("NO_COLOR");
    c.no_color = nc && *nc;
    int theme_rc = load_theme(&c.theme, app.set.theme, o.theme != NULL, msg, sizeof msg);
    if (theme_rc < 0) {
        fprintf(stderr, "capscope: --theme: %s\n", msg);
        tui_app_free(&app);
        free(state_path);
        tui_replay_free(&replay);
        return 2;
    }
    if (theme_rc > 0) {
        /* A config's theme is not worth refusing to start over, but is said:
         * the colours are not what the user asked for. */
        if (theme_rc == 1)
            add_note(notes, sizeof notes, "%s; the built-in theme is used", msg);
        else
            add_note(notes, sizeof notes, "theme '%s' not used: %s", app.set.theme, msg);
        snprintf(app.set.theme, sizeof app.set.theme, "default"); /* what :set theme shows */
    }
    const char *tl = getenv("CAPSCOPE_TIMING_LOG");
    if (tl && *tl)
        c.timing_log = fopen(tl, "w");

    char *history = tui_state_path("history");
    tui_prompt_init(history);
    free(history);
    install_signals();
    if (tui_term_open(&c.term, set.mouse) < 0) {
        fprintf(stderr, "capscope: cannot initialise the terminal; use the batch subcommands (capscope --help)\n");
        tui_prompt_shutdown();
        tui_app_free(&app);
        free(state_path);
        tui_replay_free(&replay);
        return 2;
    }
    tui_term_theme(&c.term, &c.theme, c.no_color);
    tui_manager m;
    tui_manager_init(&m);
    c.m = &m;
    int cols, rows;
    tui_term_size(&cols, &rows);
    tui_manager_resize(&m, &app, cols, rows);
    if (downgraded)
        add_note(notes, sizeof notes, "the locale is not UTF-8: the plot uses the ascii charset");
    /* What loading the data said (a restore that failed, the journal) comes first. */
    if (app.msg[0] && notes[0]) {
        char loaded[sizeof app.msg];
        snprintf(loaded, sizeof loaded, "%s", app.msg);
        tui_app_msg(&app, 1, "%s | %s", loaded, notes);
    } else if (notes[0])
        tui_app_msg(&app, 1, "%s", notes);
    else if (!app.msg[0])
        tui_app_msg(&app, 0, "? help  : commands  Tab next pane  q quit");

    int status = run_loop(&c);

    tui_term_close(&c.term);
    tui_prompt_shutdown();
    tui_manager_free(&m);
    if (state_path) {
        tui_state now;
        tui_app_get_state(&app, &now);
        if (tui_state_save(&now, state_path, &err) < 0 && status == 0) {
            char buf[1200];
            fprintf(stderr, "capscope: session not saved: %s\n", cs_error_string(&err, buf, sizeof buf));
        }
    }
    if (c.timing_log)
        fclose(c.timing_log);
    free(state_path);
    tui_app_free(&app);
    tui_replay_free(&replay);
    return status;
}
