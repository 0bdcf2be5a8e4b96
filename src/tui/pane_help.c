/* pane_help.c - the help: every key and command of the action table, the
 * settings and the last messages, in a pane that covers the others.
 *
 * The manager shows it in front of the panes while app->help is set, over
 * the whole area above the status line, and gives it every key and the
 * mouse (pane.h): the wheel scrolls it, a click does nothing. Its place in
 * the list (help_top) is the app's, as the help's actions move it (their
 * handlers, and :messages, reach the app and not the panes); drawing clamps
 * it, as only a layout knows how many lines the help has at this width.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/pane.h"

/* The help is laid out twice: once to count its lines, so that the scroll
 * position is clamped before anything is drawn, then to draw the lines
 * past the scroll position while rows are left. */
typedef struct help_writer {
    tui_grid *g;
    int x;          /* the lines' first column */
    int cols;       /* the lines' width: the pane's, less the marks' margin when it scrolls */
    int draw;       /* 0: count only */
    int skip;       /* lines scrolled off the top */
    int rows;       /* the help ends above this row */
    int y;          /* the next row to draw */
    int total;      /* lines laid out so far */
    int messages_at; /* the line of the messages' heading */
} help_writer;

static void help_line(help_writer *w, const char *text, int role, const char *keys)
{
    if (w->draw && w->total >= w->skip && w->y < w->rows) {
        tui_grid_line(w->g, w->x, w->y, w->cols, text, role);
        if (keys && *keys)
            tui_grid_text(w->g, w->x + 2, w->y, tui_grid_width(w->g, keys), keys, TUI_ROLE_KEY);
        w->y++;
    }
    w->total++;
}

/* s and then blanks to w columns ("%-*s" pads by bytes). */
static const char *padded(const tui_grid *g, const char *s, int w, char *out, size_t size)
{
    int pad = w - tui_grid_width(g, s);
    snprintf(out, size, "%s%*s", s, pad > 0 ? pad : 0, "");
    return out;
}

/* Bytes of a command that go on a line of w columns (and at most
 * max_bytes bytes; tui_grid_wrap's signature, so that help_wrapped takes
 * either): all of it when it fits, else up to the last blank or '|' that
 * fits, so that a synopsis's alternatives stay whole ("|y" cut from
 * "|year:D" reads as another word), else as much as tui_grid_wrap puts
 * there. */
static size_t command_wrap(const tui_grid *g, const char *cmd, int w, size_t max_bytes)
{
    char part[256];
    size_t len = strlen(cmd), best = 0, limit = max_bytes < sizeof part - 1 ? max_bytes : sizeof part - 1;
    if (len <= limit && tui_grid_width(g, cmd) <= w)
        return len;
    for (size_t i = 0; i < len && i < limit; i++) {
        if (cmd[i] != '|' && cmd[i] != ' ')
            continue;
        size_t k = cmd[i] == '|' ? i + 1 : i;
        memcpy(part, cmd, k);
        part[k] = '\0';
        if (tui_grid_width(g, part) > w)
            break;
        best = k;
    }
    return best ? best : tui_grid_wrap(g, cmd, w, limit);
}

/* text wrapped at width columns by wrap (tui_grid_wrap or command_wrap),
 * each line after indent blanks, in role; the blanks where a line breaks
 * are dropped. Returns the lines laid out: none for a blank text. */
static int help_wrapped(help_writer *w, const char *text, int indent, int width, int role,
                        size_t (*wrap)(const tui_grid *, const char *, int, size_t))
{
    char line[1024];
    int lines = 0;
    for (;; lines++) {
        while (*text == ' ')
            text++;
        if (!*text)
            return lines;
        size_t cut = wrap(w->g, text, width, sizeof line - 1 - (size_t)indent);
        snprintf(line, sizeof line, "%*s%.*s", indent, "", (int)cut, text);
        help_line(w, line, role, NULL);
        text += cut;
    }
}

/* One entry: keys, command and description in three columns, the
 * description wrapped under its column. When the terminal is too narrow for
 * a readable third column, the description goes under the keys and the
 * command instead, so it always shows. */
static void help_entry(help_writer *w, const char *keys, const char *cmd, const char *help)
{
    enum { KEYS_W = 14, CMD_W = 24, WIDE = 2 + KEYS_W + 1 + CMD_W + 1, NARROW = 6, MIN_TEXT = 24, MAX_TEXT = 400 };
    char line[1024], kcol[256], ccol[256], lead[300];
    int indent = WIDE, cmd_x = -1;
    const char *rest = help, *cmd_rest = "";
    if (w->cols - WIDE < MIN_TEXT) {
        indent = NARROW;
        snprintf(lead, sizeof lead, "  %s%s", keys, *keys ? "  " : "");
        cmd_x = tui_grid_width(w->g, lead);
    } else if (tui_grid_width(w->g, cmd) > CMD_W) {
        snprintf(lead, sizeof lead, "  %s ", padded(w->g, keys, KEYS_W, kcol, sizeof kcol));
        cmd_x = tui_grid_width(w->g, lead);
    } else {
        size_t used = (size_t)snprintf(line, sizeof line, "  %s %s ", padded(w->g, keys, KEYS_W, kcol, sizeof kcol),
                                       padded(w->g, cmd, CMD_W, ccol, sizeof ccol));
        size_t room = sizeof line - 1 - used; /* keys and cmd take at most 2 * 256 + 4 */
        size_t cut = tui_grid_wrap(w->g, help, w->cols - WIDE < MAX_TEXT ? w->cols - WIDE : MAX_TEXT, room);
        snprintf(line + used, room + 1, "%.*s", (int)cut, help);
        rest = help + cut;
    }
    /* the command's columns when it has its own line(s) (cmd_x >= 0) */
    int cw = w->cols - cmd_x > 1 ? w->cols - cmd_x : 1;
    if (cmd_x >= 0) {
        /* The command alone on its line(s), the text below: a command
         * wider than the row goes on under itself. */
        size_t used = strlen(lead);
        size_t cut = command_wrap(w->g, cmd, cw, sizeof line - 1 - used);
        snprintf(line, sizeof line, "%s%.*s", lead, (int)cut, cmd);
        cmd_rest = cmd + cut;
    }
    help_line(w, line, CS_STYLE_DEFAULT, keys);
    help_wrapped(w, cmd_rest, cmd_x, cw, CS_STYLE_DEFAULT, command_wrap);
    int width = w->cols - indent < MAX_TEXT ? w->cols - indent : MAX_TEXT;
    help_wrapped(w, rest, indent, width, CS_STYLE_DEFAULT, tui_grid_wrap);
}

/* The status line's last messages, whole, wrapped under a heading (the
 * line :messages opens the help at): the status line cuts a long one. */
static void help_messages(help_writer *w, const tui_app *app)
{
    enum { INDENT = 2 };
    w->messages_at = w->total;
    help_line(w, "Messages (the latest first; :messages shows them here)", TUI_ROLE_HEADER, NULL);
    if (!app->n_msg_log)
        help_line(w, "  none yet", TUI_ROLE_DIM, NULL);
    int width = w->cols - INDENT > 1 ? w->cols - INDENT : 1;
    for (size_t i = 0; i < app->n_msg_log; i++) {
        int role = app->msg_log_error[i] ? TUI_ROLE_ERROR : CS_STYLE_DEFAULT;
        /* A blank message keeps its line, as the log keeps it. */
        if (!help_wrapped(w, app->msg_log[i], INDENT, width, role, tui_grid_wrap))
            help_line(w, "", role, NULL);
    }
}

/* The help's lines, from the action table like the man page's key list: a
 * heading for each group, and for each pane whose keys work only there, with
 * the man page's words. */
static void help_lines(help_writer *w, const tui_app *app)
{
    size_t n;
    const tui_action *acts = tui_actions(&n);
    const char *group = NULL;
    tui_scope scope = TUI_SCOPE_GLOBAL;
    char head[128], keys[64], cmd[96], note[256];
    for (size_t i = 0; i < n; i++) {
        const tui_action *a = &acts[i];
        if (a->scope == TUI_SCOPE_HELP)
            continue;
        if (!group || strcmp(group, a->group) != 0 || a->scope != scope) {
            if (a->scope != TUI_SCOPE_GLOBAL)
                snprintf(head, sizeof head, "%s (keys work in the %s)", a->group, tui_scope_name(a->scope));
            else if (group && strcmp(group, a->group) == 0)
                snprintf(head, sizeof head, "%s (keys work %s)", a->group, tui_scope_name(a->scope));
            else
                snprintf(head, sizeof head, "%s", a->group);
            group = a->group;
            scope = a->scope;
            help_line(w, head, TUI_ROLE_HEADER, NULL);
        }
        tui_action_keys_text(a, keys, sizeof keys);
        snprintf(cmd, sizeof cmd, ":%s%s%s", a->name, *a->args ? " " : "", a->args);
        help_entry(w, keys, cmd, a->help);
    }
    help_line(w, "Settings", TUI_ROLE_HEADER, NULL);
    /* Block elements are Unicode too: a locale that is not UTF-8 shows
     * ASCII alone, and c says so there. */
    if (app->utf8)
        snprintf(note, sizeof note, "now %s; braille needs a font that has it, block is in most fonts, ascii in all",
                 app->charset == CS_CHARSET_BRAILLE ? "braille"
                 : app->charset == CS_CHARSET_BLOCK ? "block"
                                                    : "ascii");
    else
        snprintf(note, sizeof note, "now ascii; the locale is not UTF-8, so only ascii can be shown");
    /* The values and the keys are the action table's and the settings'
     * own, as the completion reads them, so the three never disagree. */
    char values[128], entry[160], keys_text[512] = "keys:";
    const char *syn = tui_setting_synopsis("charset", values, sizeof values);
    snprintf(entry, sizeof entry, ":set charset %s", syn ? syn : "");
    help_entry(w, "c", entry, note);
    for (const char *const *k = tui_settings_keys(); *k; k++) {
        size_t used = strlen(keys_text);
        snprintf(keys_text + used, sizeof keys_text - used, " %s", *k);
    }
    size_t used = strlen(keys_text);
    snprintf(keys_text + used, sizeof keys_text - used, "; the config file's tui: mapping takes the same keys");
    help_entry(w, "", ":set KEY VALUE", keys_text);
    help_messages(w, app);
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    int bottom = r.y + r.h;
    /* a page keeps one line of the last for context, below the title */
    app->help_page = r.h > 3 ? r.h - 2 : 1;
    /* Laid out again narrower when it does not fit its rows (under the
     * title): the last column is then the marks', after a blank (pane.h). */
    /* Read to its end (not a help that fits), it stays at its end when laid
     * out again: wrapped at another width, the same line number is
     * elsewhere, near the top when the terminal shrank. */
    int at_end = app->help_last_top != INT_MAX && app->help_last_top > 0 && app->help_top >= app->help_last_top;
    help_writer count = { .g = g, .x = r.x, .cols = r.w, .rows = bottom };
    help_lines(&count, app);
    int cols = tui_list_width(r.w, r.h - 1, count.total);
    if (cols < r.w) {
        count = (help_writer){ .g = g, .x = r.x, .cols = cols, .rows = bottom };
        help_lines(&count, app);
    }
    if (app->help_messages) {
        app->help_top = count.messages_at;
        app->help_messages = 0;
        at_end = 0;
    }
    /* The last line may come up to the bottom, no further. */
    int last_top = count.total - (r.h - 1);
    app->help_last_top = last_top > 0 ? last_top : 0;
    if (at_end)
        app->help_top = app->help_last_top;
    if (app->help_top > app->help_last_top)
        app->help_top = app->help_last_top;
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    /* The help's keys as the status line would name them (action.c). */
    char title[160];
    snprintf(title, sizeof title, " %s   %s", p->ops->title, tui_scope_hint(p->scope));
    if (tui_grid_width(g, title) > r.w)
        snprintf(title, sizeof title, " help: %s", tui_scope_hint(p->scope));
    if (tui_grid_width(g, title) > r.w)
        snprintf(title, sizeof title, " help: Esc closes");
    tui_grid_line(g, r.x, r.y, r.w, title, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
    help_writer w = { .g = g, .x = r.x, .cols = cols, .draw = 1, .skip = app->help_top, .rows = bottom, .y = r.y + 1 };
    help_lines(&w, app);
    tui_list_marks(g, tui_pane_ascii(app, g), r.x + r.w - 1, r.y + 1, r.h - 1, app->help_top, count.total);
}

static int is_action(const tui_action *a, const char *name)
{
    return a && strcmp(a->name, name) == 0;
}

/* The help covers the panes: their keys would change what cannot be seen,
 * so only the help's own keys act there, and these. */
static int acts_in_help(const tui_action *a)
{
    return a && (a->scope == TUI_SCOPE_HELP || is_action(a, "help") || is_action(a, "cancel") ||
                 is_action(a, "quit") || is_action(a, "redraw"));
}

static unsigned handle_key(tui_pane *p, tui_app *app, int key)
{
    const tui_action *a = tui_action_for_key(p->scope, key);
    if (acts_in_help(a))
        return tui_app_run(app, a, NULL);
    char name[32];
    tui_key_name(key, name, sizeof name);
    tui_app_msg(app, 0, "%s does nothing in the help: q or Esc closes it, F10 quits", name);
    return TUI_CH_STATUS;
}

/* Three lines a notch, as its j and k scroll it. */
static unsigned wheel(tui_pane *p, tui_app *app, int x, int y, int dir)
{
    (void)p, (void)x, (void)y;
    return tui_app_run(app, tui_action_by_name(dir > 0 ? "help-up" : "help-down"), NULL);
}

const tui_pane_ops tui_help_pane = {
    .title = "capscope help",
    .draw = draw,
    .handle_key = handle_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .wheel = wheel,
    /* Its messages and the charset it names change with anything. */
    .depends = TUI_CH_ALL,
};
