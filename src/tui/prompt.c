/* prompt.c - readline in the key bar (tig and others do the same).
 *
 * Readline keeps its state in globals and calls back without a context
 * pointer, so this file keeps one static struct pointing at the model and
 * the screen manager while a prompt is open: the price of using readline. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "capscope/canvas.h"
#include "capscope/durable.h"
#include "capscope/error.h"
#include "capscope/textwidth.h"
#include "tui/command.h"
#include "tui/keys.h"
#include "tui/prompt.h"
#include "tui/settings.h"
#include "tui/theme.h"

#define QUEUE_MAX 64
#define MAX_CANDIDATES 2000

static struct {
    tui_manager *m;
    tui_app *app;
    int active, kind;
    unsigned char queue[QUEUE_MAX];
    int qhead, qlen;
    char *done_line;         /* the accepted line, or NULL */
    int done, eof;
    int discard;             /* the line being accepted is a cancelled one (abandon_line) */
    char *history_path;
    size_t history_lost;     /* commands the file did not take (a full disk) */
    int history_errno;       /* why the first of them was not taken */
    FILE *devnull;
    /* Completion candidates, built when a completion starts. */
    const char **cands;
    size_t n_cands, next;
    int quote;               /* names go in as the command line reads them back */
    char quote_char;         /* ... in this quote, the same for every candidate */
    int owned;               /* cands[i] are strdup'ed (theme names, synopsis words) */
    int listed;              /* the status line shows the matches of a Tab Tab */
    /* The matches listed, kept to list them again at a new width: the list
     * is laid out for the width it was made at, and a window made narrower
     * cut its count off ("(+2146 more)" gone). */
    char **shown;            /* the names, then the common start; NULL: none */
    size_t n_shown;
    unsigned long shown_serial; /* the status line's message then (app->msg_serial) */
    /* The `:` and `/` prompts have a history each (Up in a search recalled
     * commands): readline has one, so the one not in use is kept here. */
    int history_kind;        /* whose history readline holds: ':' or '/' */
    HISTORY_STATE *other;    /* the other one's, NULL while it is empty */
    locale_t utf8;           /* LC_CTYPE readline edits in; (locale_t)0: the global one */
} P = { .history_kind = ':' };

#define HISTORY_MAX 1000

/* The line is UTF-8 in every locale (keys are code points, fed as their
 * UTF-8), but readline steps through it by the characters of LC_CTYPE: in
 * the C locale (or Latin-1) by bytes, so Backspace took half of a `u with
 * umlaut' and left a byte that is no character, and the arrows and word
 * motions stopped inside one. Where the locale is not UTF-8, readline runs
 * in a UTF-8 LC_CTYPE of this thread only (uselocale), switched to around
 * the calls that read keys and edit; curses draws outside them, in the
 * user's locale, and the other categories stay the user's. Without such a
 * locale readline edits bytes, and tui_prompt_key still runs no line that
 * is not UTF-8. */
static void utf8_locale_open(void)
{
    static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    const char *codeset = nl_langinfo(CODESET);
    if (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)
        return;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !P.utf8; i++) {
        locale_t base = duplocale(LC_GLOBAL_LOCALE);
        if (!base)
            return;
        P.utf8 = newlocale(LC_CTYPE_MASK, names[i], base);
        if (!P.utf8)
            freelocale(base);
    }
}

/* Enter readline's LC_CTYPE; returns what to give back to utf8_leave. */
static locale_t utf8_enter(void)
{
    return P.utf8 ? uselocale(P.utf8) : (locale_t)0;
}

static void utf8_leave(locale_t old)
{
    if (P.utf8)
        uselocale(old);
}

/* Give readline the history of kind's prompt, keeping the other one's. */
static void use_history_of(int kind)
{
    if (kind == P.history_kind)
        return;
    HISTORY_STATE *now = history_get_history_state();
    if (!now)
        return;
    HISTORY_STATE empty = { 0 };
    history_set_history_state(P.other ? P.other : &empty);
    free(P.other);
    P.other = now;
    P.history_kind = kind;
    stifle_history(HISTORY_MAX);
    using_history(); /* Up starts from the newest line */
}

static int getc_queue(FILE *f)
{
    (void)f;
    if (P.qlen == 0)
        return EOF;
    int c = P.queue[P.qhead];
    P.qhead = (P.qhead + 1) % QUEUE_MAX;
    P.qlen--;
    return c;
}

static int input_available(void)
{
    return P.qlen > 0;
}

static void push_byte(unsigned char c)
{
    if (P.qlen < QUEUE_MAX) {
        P.queue[(P.qhead + P.qlen) % QUEUE_MAX] = c;
        P.qlen++;
    }
}

static void redisplay(void)
{
    if (!P.m)
        return;
    snprintf(P.m->prompt, sizeof P.m->prompt, "%s", rl_display_prompt ? rl_display_prompt : "");
    const char *line = rl_line_buffer ? rl_line_buffer : "";
    /* A pasted line can outgrow the screen's copy of it. Copying its first
     * bytes would hide the cursor and everything typed after them; the
     * screen shows at most a row around the cursor, so a window of whole
     * characters with the cursor in it is enough. */
    size_t from, point = rl_point < 0 ? 0 : (size_t)rl_point;
    int cursor;
    size_t n = tui_line_window(P.m->grid.width, line, point, sizeof P.m->prompt_line - 1, &from, &cursor);
    memcpy(P.m->prompt_line, line + from, n);
    P.m->prompt_line[n] = '\0';
    P.m->prompt_point = cursor;
}

static void on_line(char *line)
{
    if (P.discard) {
        free(line);
        line = NULL;
    }
    P.done = 1;
    P.eof = line == NULL;
    P.done_line = line;
    rl_callback_handler_remove();
}

/* Readline keeps what a line's keys began (an i-search, a numeric
 * argument, a prefix key, the line's undo list) past
 * rl_callback_handler_remove: a prompt closed in the middle of one handed
 * it to the next prompt, whose keys went on with it (C-r, Esc, and the
 * next `:` was a failed search; M-5, Esc, and `:x` typed five x).
 *
 * A history line edited and left (Up, an edit, Down) keeps the edit in
 * the history until a line is accepted, where revert-all-at-newline
 * (tui_prompt_init) undoes it. A prompt cancelled after such an edit left
 * the history holding a line never run ("tau 0.95" became "tau 0.9Q" for
 * Up): the line is accepted here too, unseen, and dropped (on_line). */
static void abandon_line(void)
{
    rl_callback_sigcleanup(); /* while the handler is still installed */
    P.discard = 1;
    P.done = 0;
    P.qlen = 0;
    push_byte('\r');
    locale_t old = utf8_enter();
    while (P.qlen > 0 && !P.done)
        rl_callback_read_char();
    utf8_leave(old);
    P.qlen = 0;
    P.discard = 0;
    P.done = 0;
    rl_free_line_state();
    rl_callback_handler_remove();
}

static void noop_prep(int meta)
{
    (void)meta;
}

static void noop_deprep(void)
{
}

static void forget_shown(void)
{
    for (size_t i = 0; P.shown && i <= P.n_shown; i++)
        free(P.shown[i]);
    free(P.shown);
    P.shown = NULL;
    P.n_shown = 0;
}

/* The list of matches kept in P.shown, at the status row's width now. */
static void list_shown(void)
{
    char line[sizeof P.app->msg];
    int cols = P.m->grid.cols - 1; /* the status row starts with a blank */
    tui_matches_line((const char *const *)P.shown, P.n_shown, P.shown[P.n_shown], cols > 0 ? (size_t)cols : 1,
                     P.m->grid.width, line, sizeof line);
    tui_app_status(P.app, line);
    P.shown_serial = P.app->msg_serial;
    P.listed = 1;
}

/* The status row lists the matches: as many whole names as fit in it, and
 * how many more (a list cut at the screen's edge hid that there were). */
static void show_matches(char **matches, int num, int max_len)
{
    (void)max_len;
    if (!P.app || !P.m || num < 1)
        return;
    forget_shown();
    P.shown = calloc((size_t)num + 1, sizeof *P.shown);
    for (int i = 0; P.shown && i < num; i++)
        if (!(P.shown[i] = strdup(matches[i + 1])))
            break;
    if (P.shown && P.shown[num - 1] && (P.shown[num] = strdup(matches[0]))) {
        P.n_shown = (size_t)num;
        list_shown();
        return;
    }
    forget_shown(); /* out of memory: listed once, as it stands */
    char line[sizeof P.app->msg];
    int cols = P.m->grid.cols - 1;
    tui_matches_line((const char *const *)matches + 1, (size_t)num, matches[0], cols > 0 ? (size_t)cols : 1,
                     P.m->grid.width, line, sizeof line);
    tui_app_status(P.app, line);
    P.listed = 1;
}

void tui_prompt_resized(void)
{
    /* Only while the status line still says the list (no edit, no other
     * message since). */
    if (P.active && P.listed && P.shown && P.app && P.m && P.app->msg_serial == P.shown_serial)
        list_shown();
}

static char *generator(const char *text, int state)
{
    (void)text;
    if (state == 0) {
        P.next = 0;
        /* One quote for all: 'a b' beside a plain a had no common start
         * for readline to insert. */
        P.quote_char = tui_quote_for(P.cands, P.n_cands);
    }
    while (P.next < P.n_cands) {
        const char *c = P.cands[P.next++];
        if (!c)
            continue;
        /* A name with a blank, typed without a quote, goes in quoted
         * (tui_quote_word), so that the words after it still split; after
         * an opening quote readline closes it itself. */
        char quoted[TUI_COMMAND_MAX];
        if (P.quote && rl_completion_quote_character == 0 &&
            tui_quote_word_as(c, P.quote_char, quoted, sizeof quoted) == 0)
            return strdup(quoted);
        /* A word that ends where its parameters begin (rolling:) wants
         * them typed right after it. */
        size_t cl = strlen(c);
        if (cl && c[cl - 1] == ':')
            rl_completion_suppress_append = 1;
        return strdup(c);
    }
    return NULL;
}

static void free_cands(void)
{
    if (P.owned)
        for (size_t i = 0; i < P.n_cands; i++)
            free((char *)P.cands[i]);
    free(P.cands);
    P.cands = NULL;
    P.n_cands = 0;
    P.owned = 0;
}

/* Every name that matches, not the first MAX_CANDIDATES: readline inserts
 * what all the candidates it gets have in common, so a cap let Tab write a
 * start that the names past it do not have (mod-a- of 2000 mod-a-N before
 * 100 mod-b-N, which could then not be reached) and the list count 2000
 * of 2100. */
static void set_cands_from(const char *prefix, const char *const *names, size_t n)
{
    free_cands();
    P.cands = malloc((n ? n : 1) * sizeof *P.cands);
    P.n_cands = P.cands ? tui_complete_from(prefix, names, n, P.cands, n) : 0;
}

/* Candidates that are copies (theme names, words of a synopsis). */
static void set_owned_cands(const char *prefix, const char *const *names, size_t n)
{
    free_cands();
    P.cands = malloc(MAX_CANDIDATES * sizeof *P.cands);
    if (!P.cands)
        return;
    P.owned = 1;
    size_t pl = strlen(prefix);
    for (size_t i = 0; i < n && P.n_cands < MAX_CANDIDATES; i++)
        if (strncmp(names[i], prefix, pl) == 0 && (P.cands[P.n_cands] = strdup(names[i])))
            P.n_cands++;
}

/* What the synopsis of an argument names (tui_synopsis_words); for a
 * command or setting without such words, the setting's value now, to edit. */
static void set_synopsis_cands(const char *text, const char *synopsis, const char *setting)
{
    char buf[256], value[256];
    const char *words[32];
    size_t n = synopsis ? tui_synopsis_words(synopsis, buf, sizeof buf, words, 32) : 0;
    if (n == 0 && setting && tui_settings_get(&P.app->set, setting, value, sizeof value)) {
        words[0] = value;
        n = 1;
    }
    set_owned_cands(text, words, n);
}

static void set_theme_cands(const char *text)
{
    free_cands();
    char **names = malloc(MAX_CANDIDATES * sizeof *names);
    if (!names)
        return;
    P.cands = (const char **)names;
    P.n_cands = tui_theme_names(text, names, MAX_CANDIDATES);
    P.owned = 1;
}

static void cands_for(tui_complete kind, const char *text)
{
    tui_app *app = P.app;
    free_cands();
    P.quote = P.kind == ':' && (kind == TUI_COMPLETE_MODEL || kind == TUI_COMPLETE_TASK);
    switch (kind) {
    case TUI_COMPLETE_COMMAND:
        P.cands = malloc(MAX_CANDIDATES * sizeof *P.cands);
        P.n_cands = P.cands ? tui_action_complete(text, P.cands, MAX_CANDIDATES) : 0;
        break;
    case TUI_COMPLETE_TASK:
        if (app->ds) {
            const char **names = malloc((app->ds->n_tasks + 1) * sizeof *names);
            if (names) {
                for (size_t t = 0; t < app->ds->n_tasks; t++)
                    names[t] = app->ds->tasks[t].name;
                set_cands_from(text, names, app->ds->n_tasks);
                free(names);
            }
        }
        break;
    case TUI_COMPLETE_MODEL:
        if (app->ds)
            set_cands_from(text, (const char *const *)app->ds->model, app->ds->n_rows);
        break;
    case TUI_COMPLETE_SETTING:
        set_cands_from(text, tui_settings_keys(), tui_count_names(tui_settings_keys()));
        break;
    case TUI_COMPLETE_THEME:
        set_theme_cands(text);
        break;
    default:
        break;
    }
}

/* Whether name starts with text in another case than text's. */
static int starts_in_other_case(const char *name, const char *text)
{
    size_t tl = strlen(text);
    return name && strlen(name) >= tl && cs_ascii_ncasecmp(name, text, tl) == 0;
}

/* Readline's matches of text from the candidates, or, when there are none,
 * a word on the status row: with the bell off, Tab on a word nothing
 * starts with did nothing at all, and the user could not tell it from a
 * Tab that did not reach the prompt. Names are case-sensitive (:task M
 * completes no math_lvl5: the row names it); the / prompt completes the
 * starts of names, where the search finds any part of one in any case. */
static char **matches_or_say(const char *text, tui_complete kind)
{
    char **matches = rl_completion_matches(text, generator);
    if (matches || !P.app)
        return matches;
    const char *what = kind == TUI_COMPLETE_MODEL     ? "model name"
                       : kind == TUI_COMPLETE_TASK    ? "task"
                       : kind == TUI_COMPLETE_COMMAND ? "command"
                       : kind == TUI_COMPLETE_SETTING ? "setting"
                       : kind == TUI_COMPLETE_THEME   ? "theme"
                                                      : NULL;
    if (!what)
        return NULL;
    const cs_dataset *ds = P.app->ds;
    const char *near = NULL;
    for (size_t i = 0; ds && kind == TUI_COMPLETE_MODEL && !near && i < ds->n_rows; i++)
        if (starts_in_other_case(ds->model[i], text))
            near = ds->model[i];
    for (size_t t = 0; ds && kind == TUI_COMPLETE_TASK && !near && t < ds->n_tasks; t++)
        if (starts_in_other_case(ds->tasks[t].name, text))
            near = ds->tasks[t].name;
    char line[sizeof P.app->msg];
    /* Long words cut after a whole character (the row shows about 80). */
    int n = snprintf(line, sizeof line, "no %s starts with '%.*s'", what,
                     (int)cs_text_prefix(NULL, text, SIZE_MAX, 200), text);
    if (n > 0 && (size_t)n < sizeof line) {
        if (P.kind == '/') { /* the search is in any case, anywhere in a name */
            long first;
            size_t unscored;
            snprintf(line + n, sizeof line - (size_t)n, "%s",
                     tui_app_search_rows(P.app, text, &first, &unscored) ? "; Enter finds it within names"
                                                                        : " or holds it, in any case");
        }
        else if (near)
            snprintf(line + n, sizeof line - (size_t)n, " (case differs: %.*s)", (int)cs_text_prefix(NULL, near, SIZE_MAX, 200),
                     near);
    }
    tui_app_status(P.app, line);
    P.listed = 1; /* gone with the next edit, as a list of matches is */
    return NULL;
}

/* A theme given as a file (tui_theme_find: a name with a slash) is
 * completed as one, by readline; theme names have none. Sets readline to
 * complete file names. */
static int theme_file_word(const char *text)
{
    if (!strchr(text, '/'))
        return 0;
    rl_attempted_completion_over = 0;
    return 1;
}

static char **complete(const char *text, int start, int end)
{
    (void)end;
    rl_attempted_completion_over = 1;
    P.quote = 0;
    if (P.kind == '/') {
        cands_for(TUI_COMPLETE_MODEL, text);
        return matches_or_say(text, TUI_COMPLETE_MODEL);
    }
    /* The line before the word, less the quote the word opens ('./my
     * themes/...): with it the line's words did not split, and :set theme
     * lost its key. */
    size_t before = (size_t)start;
    if (before > 0 && strchr(rl_completer_quote_characters, rl_line_buffer[before - 1]))
        before--;
    char *upto = strndup(rl_line_buffer, before);
    if (!upto)
        return NULL;
    int word;
    tui_complete kind = tui_command_context(upto, &word);
    char buf[TUI_COMMAND_MAX], *w[3] = { NULL };
    int nw = tui_split_words(upto, buf, sizeof buf, w, 3);
    free(upto);
    const tui_action *a = nw >= 1 ? tui_action_by_name(w[0]) : NULL;
    if (kind == TUI_COMPLETE_SETTING_VALUE || kind == TUI_COMPLETE_WORDS) {
        if (!a || word < 1)
            return NULL;
        char synopsis[256];
        if (kind == TUI_COMPLETE_SETTING_VALUE) {
            /* `:set KEY VALUE`: what KEY takes. */
            const char *key = nw >= 2 ? w[1] : "";
            if (strcmp(key, "theme") == 0 && theme_file_word(text))
                return NULL;
            if (strcmp(key, "theme") == 0)
                set_theme_cands(text);
            else
                set_synopsis_cands(text, tui_setting_synopsis(key, synopsis, sizeof synopsis), key);
        } else
            set_synopsis_cands(text, tui_action_arg_text(a, word - 1, synopsis, sizeof synopsis),
                               word == 1 ? a->name : NULL);
        return rl_completion_matches(text, generator);
    }
    if (kind == TUI_COMPLETE_FILE || (kind == TUI_COMPLETE_THEME && theme_file_word(text))) {
        rl_attempted_completion_over = 0; /* readline's own file name completion */
        return NULL;
    }
    if (kind == TUI_COMPLETE_NONE)
        return NULL;
    cands_for(kind, text);
    return matches_or_say(text, kind);
}

/* A file name goes into the line as tui_split_words reads it back (readline
 * would leave "my file.csv" bare, read back as two words): in '...', or in
 * "..." with " and \ escaped when the name holds a ' or that quote was
 * typed. Readline closes the quote itself (*quote is the one to close) once
 * the match is the only one, and leaves it open for more typing otherwise. */
static char *quote_file(char *name, int match_type, char *quote)
{
    (void)match_type;
    char q = *quote == '"' || strchr(name, '\'') ? '"' : '\'';
    char *out = malloc(2 * strlen(name) + 2);
    if (!out)
        return NULL;
    size_t k = 0;
    out[k++] = q;
    for (const char *c = name; *c; c++) {
        if (q == '"' && (*c == '"' || *c == '\\'))
            out[k++] = '\\';
        out[k++] = *c;
    }
    out[k] = '\0';
    *quote = q;
    return out;
}

/* What a partly typed "..." word names: \" and \\ undone, as
 * tui_split_words does, before readline looks the name up. */
static char *dequote_file(char *text, int quote)
{
    char *out = malloc(strlen(text) + 1);
    if (!out)
        return NULL;
    size_t k = 0;
    for (const char *c = text; *c; c++) {
        if (quote == '"' && *c == '\\' && (c[1] == '"' || c[1] == '\\'))
            c++;
        out[k++] = *c;
    }
    out[k] = '\0';
    return out;
}

int tui_prompt_init(const char *history_path, char *why, size_t size)
{
    P.devnull = fopen("/dev/null", "w");
    utf8_locale_open();
    rl_readline_name = "capscope";
    rl_catch_signals = 0;
    rl_catch_sigwinch = 0;
    rl_change_environment = 0;
    rl_getc_function = getc_queue;
    rl_input_available_hook = input_available;
    rl_redisplay_function = redisplay;
    rl_prep_term_function = noop_prep;
    rl_deprep_term_function = noop_deprep;
    rl_outstream = P.devnull ? P.devnull : stderr;
    rl_instream = stdin;
    rl_attempted_completion_function = complete;
    rl_completion_display_matches_hook = show_matches;
    rl_completer_quote_characters = "\"'";
    rl_filename_quote_characters = " \t\"'";
    rl_filename_quoting_function = quote_file;
    rl_filename_dequoting_function = dequote_file;
    rl_variable_bind("bell-style", "none");
    rl_variable_bind("horizontal-scroll-mode", "on");
    /* Up recalls lines as they were run, not as last edited and left. */
    rl_variable_bind("revert-all-at-newline", "on");
    /* The first Tab on an ambiguous word completes what its matches share
     * and lists them on the status row: with the bell off it completed in
     * silence, and a user who did not know to press Tab again saw nothing.
     * Bound before readline reads ~/.inputrc, which may turn it off. */
    rl_variable_bind("show-all-if-ambiguous", "on");
    using_history();
    stifle_history(HISTORY_MAX);
    if (!history_path)
        return 0;
    /* Through a symbolic link, as the file is kept (keep_history_tail). */
    struct stat st;
    int there = stat(history_path, &st) == 0;
    if (there && !S_ISREG(st.st_mode)) {
        snprintf(why, size, "is not a regular file");
        return -1;
    }
    /* Else every line typed would be lost without a word. */
    if (there && access(history_path, R_OK | W_OK) < 0) {
        cs_errno_text(errno, why, size);
        return -1;
    }
    /* append_history needs the file to exist; one that cannot be made (a
     * read-only state directory) is said as one that cannot be written. */
    int made = there ? 0 : cs_mkdir_parents(history_path) < 0 ? errno : write_history(history_path);
    if (made != 0) {
        cs_errno_text(made, why, size);
        return -1;
    }
    P.history_path = strdup(history_path);
    if (P.history_path)
        read_history(P.history_path);
    return 0;
}

/* The history file keeps its last max lines. Not history_truncate_file:
 * it rewrites the file 0600 (a user's 0644 history changed its mode) and
 * syncs nothing, so a power cut after the rename could leave it empty. The
 * file is the user's, replaced whole or not at all as every file of theirs
 * is, at a symlink's target (dotfiles link it). A file too large to read
 * in one piece is left as it is. */
static void keep_history_tail(const char *path, size_t max)
{
    enum { READ_LIMIT = 64 << 20 };
    char *target = realpath(path, NULL);
    FILE *f = fopen(target ? target : path, "rb");
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    if (f && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= READ_LIMIT &&
        (text = malloc((size_t)st.st_size + 1)) != NULL) {
        len = fread(text, 1, (size_t)st.st_size + 1, f);
        if (ferror(f) || len > (size_t)st.st_size)
            len = 0; /* unreadable, or grown while read: next time */
    }
    if (f)
        fclose(f);
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    if (len > 0 && text[len - 1] != '\n')
        lines++;
    if (lines > max) {
        size_t drop = lines - max, from = 0;
        while (drop > 0)
            drop -= text[from++] == '\n';
        cs_write_atomic(target ? target : path, text + from, len - from, 1);
    }
    free(text);
    free(target);
}

size_t tui_prompt_history_lost(int *first_errno)
{
    *first_errno = P.history_errno;
    return P.history_lost;
}

void tui_prompt_shutdown(void)
{
    if (P.active)
        abandon_line();
    P.active = 0;
    forget_shown();
    use_history_of(':');
    if (P.other) {
        /* The search history is in memory only: free it. */
        HISTORY_STATE *commands = history_get_history_state();
        history_set_history_state(P.other);
        clear_history();
        free(history_list());
        if (commands) {
            history_set_history_state(commands);
            free(commands);
        }
        free(P.other);
        P.other = NULL;
    }
    if (P.history_path)
        keep_history_tail(P.history_path, HISTORY_MAX);
    free(P.history_path);
    free_cands();
    P.history_path = NULL;
    if (P.devnull)
        fclose(P.devnull);
    P.devnull = NULL;
    if (P.utf8)
        freelocale(P.utf8);
    P.utf8 = (locale_t)0;
    rl_outstream = NULL;
}

int tui_prompt_active(void)
{
    return P.active;
}

void tui_prompt_open(tui_manager *m, tui_app *app, int kind)
{
    P.m = m;
    P.app = app;
    P.kind = kind;
    P.active = 1;
    P.done = 0;
    P.qlen = 0;
    m->prompt_active = 1;
    P.listed = 0;
    use_history_of(kind);
    char prompt[2] = { (char)kind, 0 };
    /* rl_initialize, run from here, reads whether LC_CTYPE is UTF-8. */
    locale_t old = utf8_enter();
    rl_callback_handler_install(prompt, on_line);
    utf8_leave(old);
    /* The line is UTF-8 in every locale (keys are code points, fed as their
     * UTF-8). In the C locale readline would read a byte above 0x7f as Meta
     * and the key after Esc, running commands instead of inserting a name's
     * letters; set here, after readline's first initialisation has read
     * the locale and the inputrc. */
    rl_variable_bind("input-meta", "on");
    rl_variable_bind("convert-meta", "off");
    rl_variable_bind("output-meta", "on");
    redisplay();
}

void tui_prompt_insert(const char *text)
{
    if (!P.active || !text || !*text)
        return;
    rl_insert_text(text);
    redisplay();
}

/* Pasted text goes into the line as text: a newline or a tab becomes a
 * blank (CR LF one blank), so that a paste never runs the line, and other
 * control characters are dropped, as readline would read them as
 * commands when typed and they show as nothing. */
unsigned tui_prompt_paste(tui_manager *m, tui_app *app, const char *text, int cut)
{
    P.m = m;
    P.app = app;
    if (!P.active || !text)
        return TUI_CH_NONE;
    char *line = malloc(strlen(text) + 1);
    if (!line)
        return TUI_CH_NONE;
    size_t k = 0;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '\r' && c[1] == '\n')
            continue;
        if (*c == '\n' || *c == '\r' || *c == '\t')
            line[k++] = ' ';
        else if (*c >= 0x20 && *c != 0x7f)
            line[k++] = (char)*c;
    }
    line[k] = '\0';
    if (k)
        rl_insert_text(line);
    free(line);
    redisplay();
    if (P.listed)
        app->msg[0] = '\0';
    P.listed = 0;
    if (cut)
        tui_app_msg(app, 1, "the paste was cut: only its first part is in the line");
    return TUI_CH_STATUS;
}

/* Whether s is UTF-8 text. Readline keeps characters whole while it edits
 * in a UTF-8 LC_CTYPE, but bytes that are no character can still come in:
 * a history file written by a build that cut characters in half, an
 * inputrc macro, readline without a UTF-8 locale to edit in. A name or a
 * file name made of them would match nothing, or be written into the
 * journal, the state file or a file's name, which every reader refuses. */
static int is_utf8(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t k = cs_utf8_decode(s, n, &cp);
        if (k == 1 && cp == 0xfffd)
            return 0;
        s += k;
        n -= k;
    }
    return 1;
}

static void close_prompt(tui_manager *m)
{
    P.active = 0;
    P.listed = 0;
    forget_shown();
    use_history_of(':');
    m->prompt_active = 0;
    m->prompt_line[0] = '\0';
}

/* Editing keys become the Emacs control keys readline binds by default. */
static void push_key(int key)
{
    switch (key) {
    case TUI_KEY_ENTER: push_byte('\r'); break;
    case TUI_KEY_LEFT: push_byte(TUI_CTRL('b')); break;
    case TUI_KEY_RIGHT: push_byte(TUI_CTRL('f')); break;
    case TUI_KEY_HOME: push_byte(TUI_CTRL('a')); break;
    case TUI_KEY_END: push_byte(TUI_CTRL('e')); break;
    case TUI_KEY_UP: push_byte(TUI_CTRL('p')); break;
    case TUI_KEY_DOWN: push_byte(TUI_CTRL('n')); break;
    case TUI_KEY_BACKSPACE: push_byte(127); break;
    default:
        if (key > 0 && key < TUI_KEY_SPECIAL) {
            char buf[8];
            int n = cs_utf8_encode((uint32_t)key, buf);
            for (int i = 0; i < n; i++)
                push_byte((unsigned char)buf[i]);
        }
    }
}

/* Alt+key: readline's own meta bindings (M-b, M-f, M-d, M-Backspace...),
 * fed as Esc then the key, which is how readline reads Meta. Special keys
 * other than word motion have no meta binding worth the surprise, and
 * Esc [ or Esc O alone would start an arrow key's sequence and swallow the
 * next key typed. */
static void push_meta(int key)
{
    int base = key & ~TUI_KEY_META;
    if (base == TUI_KEY_LEFT)
        base = 'b';
    else if (base == TUI_KEY_RIGHT)
        base = 'f';
    else if (base == TUI_KEY_BACKSPACE)
        base = 127;
    /* Readline reads Esc and the first byte of a character of more than
     * one byte as a meta key, and inserts the bytes after it alone, which
     * are no character: Alt with a non-ASCII letter is bound to nothing,
     * and does nothing here. */
    if (base <= 0 || base >= 0x80 || base == TUI_KEY_ENTER || base == '[' || base == 'O')
        return;
    push_byte(27);
    push_byte((unsigned char)base);
}

unsigned tui_prompt_key(tui_manager *m, tui_app *app, int key)
{
    P.m = m;
    P.app = app;
    /* The list of matches is about the word as it was: an edit makes it
     * stale (another Tab Tab lists again). */
    if (P.listed && key != TUI_KEY_TAB) {
        app->msg[0] = '\0';
        P.listed = 0;
    }
    /* C-c cancels, as in a shell's readline, rather than ending capscope;
     * C-g too, as it leaves Emacs's minibuffer (readline's own C-g only
     * abandons an i-search and would leave the prompt open). Backspace on
     * an empty line leaves it, as in vim. */
    if (key == TUI_KEY_ESC || key == TUI_KEY_INTR || key == TUI_CTRL('g') ||
        (key == TUI_KEY_BACKSPACE && rl_end == 0)) {
        abandon_line();
        close_prompt(m);
        return TUI_CH_STATUS;
    }
    if (key == TUI_KEY_DELETE) {
        if (rl_point < rl_end) {
            locale_t old = utf8_enter();
            rl_delete(1, 0);
            utf8_leave(old);
            redisplay();
        }
        return TUI_CH_STATUS;
    }
    if (key & TUI_KEY_META)
        push_meta(key);
    else
        push_key(key);
    locale_t old = utf8_enter();
    while (P.qlen > 0 && !P.done)
        rl_callback_read_char();
    utf8_leave(old);
    P.qlen = 0;
    if (!P.done)
        return TUI_CH_STATUS;
    char *line = P.done_line;
    int kind = P.kind;
    P.done_line = NULL;
    int text = line && is_utf8(line);
    if (line && *line) {
        /* A line run again right after itself is kept once, as bash's
         * ignoredups and vim do, so Up reaches the line before it. Only
         * the commands are kept in the file, as before, and only as text. */
        HIST_ENTRY *last = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
        if (!last || strcmp(last->line, line) != 0) {
            add_history(line);
            if (kind == ':' && P.history_path && text) {
                int e = append_history(1, P.history_path);
                if (e != 0 && P.history_lost++ == 0)
                    P.history_errno = e;
            }
        }
    }
    close_prompt(m);
    unsigned ch = TUI_CH_STATUS;
    if (line && *line && !text)
        /* Whole on 80 columns: "(half a character?)" pushed the way back
         * (Up) past the edge. */
        tui_app_msg(app, 1, "the line holds bytes that are not UTF-8 text: not run; Up brings it back");
    else if (line && *line) {
        if (kind == ':') {
            app->msg[0] = '\0';
            ch |= tui_app_command(app, line);
        } else {
            const tui_action *a = tui_action_by_name("search");
            app->msg[0] = '\0';
            ch |= tui_app_run(app, a, line);
        }
    }
    free(line);
    return ch;
}
