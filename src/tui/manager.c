/* manager.c - the screen manager: layout, focus, dirty panes, status. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/pane.h"

void tui_manager_init(tui_manager *m)
{
    memset(m, 0, sizeof *m);
    const tui_pane_ops *ops[TUI_PANE_COUNT] = { &tui_tasks_pane, &tui_plot_pane, &tui_split_pane,
                                                &tui_sampler_pane };
    const tui_scope scopes[TUI_PANE_COUNT] = { TUI_SCOPE_TASKS, TUI_SCOPE_PLOT, TUI_SCOPE_SPLIT,
                                               TUI_SCOPE_SAMPLER };
    for (int i = 0; i < TUI_PANE_COUNT; i++) {
        m->panes[i].ops = ops[i];
        m->panes[i].scope = scopes[i];
        m->panes[i].canvas_charset = -1;
    }
    m->help.ops = &tui_help_pane;
    m->help.scope = TUI_SCOPE_HELP;
    m->help.canvas_charset = -1;
    m->cursor_x = m->cursor_y = -1;
    m->all_dirty = 1;
}

void tui_manager_free(tui_manager *m)
{
    for (int i = 0; i < TUI_PANE_COUNT; i++)
        cs_canvas_free(m->panes[i].canvas);
    cs_canvas_free(m->help.canvas);
    tui_grid_free(&m->grid);
}

static void apply_layout(tui_manager *m, tui_app *app)
{
    tui_layout_compute(m->grid.cols, m->grid.rows, app->maximized, &m->layout);
    const tui_layout *l = &m->layout;
    tui_rect none = { 0, 0, 0, 0 };
    tui_rect rects[TUI_PANE_COUNT] = { l->tasks, l->plot, l->split, l->sampler };
    for (int i = 0; i < TUI_PANE_COUNT; i++) {
        tui_pane *p = &m->panes[i];
        p->ops->resize(p, l->too_small ? none : rects[i]);
        p->ops->focus(p, i == app->focus);
    }
    /* The help covers the whole area above the status line. */
    tui_rect body = { 0, 0, l->status.w, l->status.y };
    m->help.ops->resize(&m->help, l->too_small ? none : body);
    m->help.ops->focus(&m->help, 1);
    m->all_dirty = 1;
}

void tui_manager_resize(tui_manager *m, tui_app *app, int cols, int rows)
{
    tui_grid_init(&m->grid, cols, rows, app->charset == CS_CHARSET_ASCII && !app->utf8);
    apply_layout(m, app);
}

void tui_manager_changed(tui_manager *m, tui_app *app, unsigned changes)
{
    if (changes & TUI_CH_LAYOUT) {
        m->grid.ascii = !app->utf8;
        apply_layout(m, app);
    }
    for (int i = 0; i < TUI_PANE_COUNT; i++)
        if (changes & m->panes[i].ops->depends)
            m->panes[i].dirty = 1;
    if (changes & m->help.ops->depends)
        m->help.dirty = 1;
}

/* The pane in front of the others while it shows (the help): it covers
 * them, and takes the keys and the wheel. NULL while the panes show. */
static tui_pane *front(tui_manager *m, const tui_app *app)
{
    return app->help ? &m->help : NULL;
}

/* Where the keys go: the pane in front, else the focused one (the plot
 * when it is maximized). */
static tui_pane *key_pane(tui_manager *m, const tui_app *app)
{
    tui_pane *f = front(m, app);
    return f ? f : &m->panes[app->maximized ? TUI_PANE_PLOT : app->focus];
}

static void add_dirty(tui_manager *m, tui_rect r)
{
    if (m->n_dirty < TUI_MAX_DIRTY)
        m->dirty[m->n_dirty++] = r;
}

/* s in at most w columns: cut in the middle (as tig does), since model
 * names differ at either end (an organisation, a fine-tune's suffix). */
static void elide(const tui_grid *g, char *out, size_t size, const char *s, int w)
{
    if (tui_grid_width(g, s) <= w)
        snprintf(out, size, "%s", s);
    else
        tui_grid_fit(g, s, w > 0 ? w : 0, TUI_FIT_MIDDLE, out, size);
}

/* The cursor's line in w columns, after a blank: "MODEL  TASK SCORE  FLOPS
 * FLOPs" and then "  DATE", "  base BASE" (tui_app_cursor_text). The score
 * and the compute must show, so a long model name is elided to make room for
 * them; the date and the base model follow, whole, while they fit. */
/* The part after the model name: "  TASK SCORE  FLOPS FLOPs". */
static const char *cursor_numbers(const tui_cursor_parts *c, char *out, size_t size)
{
    snprintf(out, size, "  %s %s  %s FLOPs", c->task, c->score, c->flops);
    return out;
}

static void cursor_status(const tui_grid *g, char *out, size_t size, const tui_cursor_parts *c, int w)
{
    char numbers[256], date[32], base[300], name[256];
    cursor_numbers(c, numbers, sizeof numbers);
    elide(g, name, sizeof name, c->model, w - 1 - tui_grid_width(g, numbers));
    snprintf(date, sizeof date, "  %s", c->date);
    snprintf(base, sizeof base, "  base %s", c->base);
    snprintf(out, size, " %s%s", name, numbers);
    int used = tui_grid_width(g, out);
    const char *more[2] = { date, base };
    for (int i = 0; i < 2; i++) {
        int fw = tui_grid_width(g, more[i]);
        if (used + fw > w)
            break;
        size_t have = strlen(out);
        snprintf(out + have, size - have, "%s", more[i]);
        used += fw;
    }
}

/* " loading FILE: 412,000 rows... (Esc cancels)" (or "12.3 MB read..."
 * while the file is read) in w columns, the file's name cut in the middle
 * so that the count stays. */
static void loading_status(const tui_grid *g, char *out, size_t size, const tui_app *app, int w)
{
    char far[CS_LOAD_PROGRESS_TEXT], tail[96], name[560];
    tui_loader_progress(&app->loader, far);
    snprintf(tail, sizeof tail, "%s%s... (Esc cancels)", far[0] ? ": " : "", far);
    const char *path = app->loader.path ? app->loader.path : "";
    elide(g, name, sizeof name, path, w - (int)strlen(" loading ") - tui_grid_width(g, tail));
    snprintf(out, size, " loading %s%s", name, tail);
}

/* A message in w columns. One too wide loses its widest word's middle
 * first, when that word is a long one (a model's full name, a path): the
 * end of a message says what happened ("musr/team = 0.5 (saved in the
 * journal)", "did you mean ...?"), and a lab's model names, paths with
 * revision hashes, took all of an 80-column line. What is still too wide
 * ends in an ellipsis at the edge, :messages showing it whole. */
static const char *fit_message(const tui_grid *g, const char *text, int w, char *out, size_t size)
{
    /* A name with a 40-digit revision hash is longer than LONG_WORD; a
     * scheme of three cut dates (41 columns), said whole, is not. A word
     * with a slash (a model's org/name, a path) of NAME_WORD or more gives
     * up its middle too: a score of a plain org/name-7B-Instruct model at
     * 80 columns ended in "(saved in the journ~". */
    enum { LONG_WORD = 48, NAME_WORD = 20, KEPT = 16 };
    int tw = tui_grid_width(g, text);
    if (tw <= w)
        return text;
    const char *word = NULL;
    size_t word_len = 0;
    int word_w = 0;
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, " ");
        if (len > 0 && len < 1024) {
            char one[1024];
            memcpy(one, p, len);
            one[len] = '\0';
            int ow = tui_grid_width(g, one);
            if (ow > word_w) {
                word = p;
                word_len = len;
                word_w = ow;
            }
        }
        p += len;
        p += strspn(p, " ");
    }
    int keep = word_w - (tw - w);
    int long_word = word && (word_w >= LONG_WORD || (word_w >= NAME_WORD && memchr(word, '/', word_len)));
    if (long_word && keep >= KEPT) {
        char one[1024], cut[4 * 1024 + 4];
        memcpy(one, word, word_len);
        one[word_len] = '\0';
        tui_grid_fit(g, one, keep, TUI_FIT_MIDDLE, cut, sizeof cut);
        size_t before = (size_t)(word - text), cl = strlen(cut), after = strlen(word + word_len);
        if (before + cl + after < size) {
            memcpy(out, text, before);
            memcpy(out + before, cut, cl);
            memcpy(out + before + cl, word + word_len, after + 1);
            if (tui_grid_width(g, out) <= w)
                return out;
        }
    }
    return tui_grid_fit(g, text, w, 0, out, size);
}

static void draw_status(tui_manager *m, tui_app *app)
{
    /* A model name shorter than this is not elided to make room for the search count. */
    enum { GAP = 2, MIN_MODEL = 16, SEARCH_COLS = 40, SEARCH_BYTES = 160 };
    tui_grid *g = &m->grid;
    tui_rect s = m->layout.status;
    char left[700], right[SEARCH_BYTES + 64] = "";
    int role = TUI_ROLE_STATUS;
    if (app->search[0]) {
        /* By columns and whole characters: a cut by bytes could split one. */
        size_t cut = cs_text_prefix(g->width, app->search, SEARCH_COLS, SEARCH_BYTES);
        snprintf(right, sizeof right, "/%.*s %zu ", (int)cut, app->search, app->n_matches);
    }
    if (app->set.timing) {
        size_t used = strlen(right);
        snprintf(right + used, sizeof right - used, "%.1f ms ", app->frame_ms);
    }
    int rw = tui_grid_width(g, right);
    int show_right = rw > 0 && rw < s.w / 2;
    if (app->msg[0]) {
        if (tui_app_loading(app)) {
            /* Esc would cancel the load under the message: it shows too. */
            loading_status(g, left, sizeof left, app, s.w / 2);
            size_t used = strlen(left);
            snprintf(left + used, sizeof left - used, "  %s", app->msg);
        } else
            snprintf(left, sizeof left, " %s", app->msg);
        if (app->msg_error)
            role = TUI_ROLE_ERROR;
    } else if (m->prompt_active) {
        /* The keys go to the line now, not to a pane: a pane's hint (j/k
         * ...) would only be typed. readline's keys, so not the action table's. */
        snprintf(left, sizeof left, " %s",
                 m->prompt[0] == ':' ? "Enter runs  Tab completes  Up/Down history  Esc cancels"
                 : m->prompt[0] == '/' ? "Enter searches  Up/Down history  Esc cancels"
                                       /* an i-search (C-r): Enter runs what it found, and "accepts"
                                        * did not say so, nor how to edit it instead */
                                       : "Enter runs it  C-r an older one  Right edits it  Esc cancels");
    } else if (tui_app_loading(app)) {
        loading_status(g, left, sizeof left, app, s.w);
    } else if (app->drift_running) {
        snprintf(left, sizeof left, " drift: %zu of %zu task x split cells... (Esc cancels)", app->drift_done,
                 app->drift_total);
    } else if (app->fitting && app->fit_total > 1) {
        snprintf(left, sizeof left, " fitting task %zu of %zu... (Esc cancels)", app->fit_done + 1, app->fit_total);
    } else {
        tui_cursor_parts c;
        if (tui_app_cursor_parts(app, &c) == 0) {
            /* The cursor's numbers and a recognisable model name outrank
             * the search count, which outranks the rest of the name and the date. */
            char numbers[256];
            cursor_numbers(&c, numbers, sizeof numbers);
            int model_w = tui_grid_width(g, c.model);
            int need = 1 + (model_w < MIN_MODEL ? model_w : MIN_MODEL) + tui_grid_width(g, numbers);
            if (show_right && need + GAP + rw > s.w)
                show_right = 0;
            cursor_status(g, left, sizeof left, &c, s.w - (show_right ? rw + GAP : 0));
        } else {
            char text[600];
            snprintf(left, sizeof left, " %s", tui_app_cursor_text(app, text, sizeof text));
        }
    }
    /* A message outranks the search count too. */
    if (show_right && tui_grid_width(g, left) + GAP + rw > s.w)
        show_right = 0;
    /* Cut at the edge, a message would read as whole: the ellipsis says
     * there is more, which :messages shows. */
    char cut[4 * sizeof left + 8];
    const char *shown = fit_message(g, left, s.w, cut, sizeof cut);
    tui_grid_line(g, s.x, s.y, s.w, shown, role);
    if (show_right)
        tui_grid_text(g, s.x + s.w - rw, s.y, rw, right, TUI_ROLE_STATUS);
}

static int is_action(const tui_action *a, const char *name)
{
    return a && strcmp(a->name, name) == 0;
}

/* The open prompt in row b, scrolled so that its cursor shows; the
 * terminal's cursor goes there. */
static void draw_prompt(tui_manager *m, tui_rect b)
{
    tui_grid *g = &m->grid;
    tui_grid_line(g, b.x, b.y, b.w, "", TUI_ROLE_BAR);
    int pw = tui_grid_text(g, b.x, b.y, b.w, m->prompt, TUI_ROLE_KEY);
    int avail = b.w - pw - 1;
    if (avail < 1)
        return;
    /* readline's point counts code points, the screen columns: a CJK
     * character before the cursor takes two. */
    const char *line = m->prompt_line;
    size_t len = strlen(line);
    int col = 0;
    const char *at = line;
    for (int i = 0; i < m->prompt_point && at < line + len; i++) {
        uint32_t cp;
        size_t used = cs_utf8_decode(at, len - (size_t)(at - line), &cp);
        col += tui_grid_cp_width(g, cp);
        at += used ? used : 1;
    }
    /* scrolled so that the cursor shows: whole characters off the left, a
     * letter with its accents, or the line would start on an accent alone */
    const char *s = line;
    int start = 0;
    while (col - start > avail && s < at) {
        uint32_t cp;
        size_t used = cs_utf8_decode(s, len - (size_t)(s - line), &cp);
        start += tui_grid_cp_width(g, cp);
        s = line + cs_text_boundary(g->width, line, (size_t)(s - line) + (used ? used : 1));
    }
    /* The last column is kept for the cursor at the end of the line; a
     * cursor inside the line may sit there, and the character under it shows. */
    tui_grid_text(g, b.x + pw, b.y, avail + 1, s, TUI_ROLE_BAR);
    m->cursor_x = b.x + pw + col - start;
    m->cursor_y = b.y;
}

static int is_printable_key(int key)
{
    return key > ' ' && key < 0x7f;
}

static void draw_bar(tui_manager *m, tui_app *app)
{
    tui_grid *g = &m->grid;
    tui_rect b = m->layout.bar;
    m->cursor_x = m->cursor_y = -1;
    if (m->prompt_active) {
        draw_prompt(m, b);
        return;
    }
    tui_grid_line(g, b.x, b.y, b.w, "", TUI_ROLE_BAR);
    size_t n;
    const tui_action *acts = tui_actions(&n);
    int x = b.x, last_rank = 0;
    for (size_t i = 0; i < n; i++)
        if (acts[i].hint && acts[i].bar > last_rank)
            last_rank = acts[i].bar;
    /* The bar names, for each action with a label, a key that does
     * that action where the keys go now: the focused pane's keys and the
     * global ones, and the drift grid's while it shows; in a pane in front
     * (the help) its own keys and F10 for quit, since q closes the help
     * there (and the grid). Labels go by the table's rank while whole ones
     * fit; the first that does not ends the bar, so that a lower rank never
     * takes the place of a higher one. */
    int in_front = front(m, app) != NULL;
    tui_scope scope = key_pane(m, app)->scope;
    for (int rank = 1; rank <= last_rank; rank++)
        for (size_t i = 0; i < n; i++) {
            const tui_action *a = &acts[i];
            if (!a->hint || a->bar != rank)
                continue;
            if (in_front ? a->scope != scope && !is_action(a, "quit")
                         : a->scope != TUI_SCOPE_GLOBAL && a->scope != scope &&
                               !(a->scope == TUI_SCOPE_DRIFT && app->drift_on))
                continue;
            /* Of the keys that do it here, a letter before a named key:
             * "h Day-" where the table lists Left, h. */
            int k = -1;
            for (int j = 0; j < TUI_ACTION_KEYS && a->keys[j]; j++)
                if (tui_app_key_action(app, scope, a->keys[j]) == a &&
                    (k < 0 || (!is_printable_key(a->keys[k]) && is_printable_key(a->keys[j]))))
                    k = j;
            if (k < 0 || tui_app_action_hidden(app, a))
                continue;
            char key[32], label[64];
            tui_key_name(a->keys[k], key, sizeof key);
            snprintf(label, sizeof label, "%s ", a->hint);
            int need = tui_grid_width(g, key) + 1 + tui_grid_width(g, label);
            if (x + need > b.x + b.w)
                return;
            x += tui_grid_text(g, x, b.y, b.w - (x - b.x), key, TUI_ROLE_KEY);
            x += tui_grid_text(g, x, b.y, 1, " ", TUI_ROLE_BAR);
            x += tui_grid_text(g, x, b.y, b.w - (x - b.x), label, TUI_ROLE_BAR);
        }
}

/* While too small only q acts (and a resize). A prompt opened before the
 * terminal shrank stays open: it is drawn on the last row, and the notice
 * says how to close it, since q would only be typed into it. */
static void draw_too_small(tui_manager *m)
{
    tui_grid *g = &m->grid;
    tui_grid_fill(g, (tui_rect){ 0, 0, g->cols, g->rows }, ' ', CS_STYLE_DEFAULT);
    char lines[3][64];
    int wide = g->cols >= 26;
    snprintf(lines[0], sizeof lines[0], "%s", wide ? "Terminal too small" : "Too small");
    snprintf(lines[1], sizeof lines[1], "%dx%d, need %dx%d", g->cols, g->rows, TUI_MIN_COLS, TUI_MIN_ROWS);
    if (m->prompt_active)
        snprintf(lines[2], sizeof lines[2], "%s", wide ? "Esc closes the prompt" : "Esc: close");
    else
        snprintf(lines[2], sizeof lines[2], "%s", wide ? "q quits" : "q: quit");
    int y = g->rows / 2 - 1;
    if (y < 0 || g->rows < 3)
        y = 0;
    for (int i = 0; i < 3; i++) {
        int x = (g->cols - (int)strlen(lines[i])) / 2;
        tui_grid_text(g, x < 0 ? 0 : x, y + i, g->cols, lines[i], i == 0 ? TUI_ROLE_ERROR : CS_STYLE_DEFAULT);
    }
    m->cursor_x = m->cursor_y = -1;
    if (m->prompt_active)
        draw_prompt(m, (tui_rect){ 0, g->rows - 1, g->cols, 1 });
}

static void draw_pane(tui_manager *m, tui_app *app, tui_pane *p)
{
    if (!p->visible || !(p->dirty || m->all_dirty))
        return;
    p->ops->draw(p, app, &m->grid);
    p->dirty = 0;
    add_dirty(m, p->rect);
}

void tui_manager_render(tui_manager *m, tui_app *app)
{
    tui_grid *g = &m->grid;
    m->n_dirty = 0;
    m->blit_all = m->all_dirty;
    if (m->layout.too_small) {
        draw_too_small(m);
        m->blit_all = 1;
        m->all_dirty = 0;
        return;
    }
    tui_pane *f = front(m, app);
    if (f != m->front) {
        /* A pane came in front of the panes or went: all is drawn anew,
         * as a pane's own changes would not redraw what was covered. */
        m->front = f;
        m->all_dirty = m->blit_all = 1;
    }
    if (f) {
        f->ops->focus(f, 1);
        draw_pane(m, app, f);
    } else {
        for (int i = 0; i < TUI_PANE_COUNT; i++) {
            tui_pane *p = &m->panes[i];
            p->ops->focus(p, i == app->focus);
            draw_pane(m, app, p);
        }
        if (m->layout.sep_x >= 0 && m->all_dirty) {
            uint32_t bar = app->utf8 ? 0x2502 : '|';
            for (int y = 0; y < m->layout.status.y; y++)
                tui_grid_put(g, m->layout.sep_x, y, bar, TUI_ROLE_TITLE);
        }
    }
    draw_status(m, app);
    draw_bar(m, app);
    add_dirty(m, m->layout.status);
    add_dirty(m, m->layout.bar);
    if (m->n_dirty == TUI_MAX_DIRTY)
        m->blit_all = 1;
    m->all_dirty = 0;
}


/* A key, a click or a wheel notch is new input: the status line then tells
 * of it (the point a click picked, a key's refusal), no longer of what came
 * before it. */
static unsigned forget_message(tui_app *app)
{
    int had = app->msg[0] != '\0';
    app->msg[0] = '\0';
    return had ? TUI_CH_STATUS : TUI_CH_NONE;
}

static unsigned key_at(tui_manager *m, tui_app *app, int key)
{
    if (key == TUI_KEY_INTR) {
        /* C-c comes as a key so that the prompt can cancel on it; anywhere
         * else it ends capscope as the terminal's SIGINT always has. */
        raise(SIGINT);
        return TUI_CH_NONE;
    }
    if (m->layout.too_small) {
        /* No pane shows, so no prompt is opened either: a command typed
         * blind would run unseen, and q would go into the prompt. */
        const tui_action *a = tui_action_for_key(TUI_SCOPE_GLOBAL, key);
        if (is_action(a, "quit") || is_action(a, "redraw"))
            return tui_app_run(app, a, NULL);
        return TUI_CH_NONE;
    }
    tui_pane *p = key_pane(m, app);
    return p->ops->handle_key(p, app, key);
}

static int pane_at(tui_manager *m, int x, int y)
{
    for (int i = 0; i < TUI_PANE_COUNT; i++)
        if (m->panes[i].visible && tui_rect_contains(&m->panes[i].rect, x, y))
            return i;
    return -1;
}

static unsigned click_at(tui_manager *m, tui_app *app, int x, int y)
{
    /* A pane in front covers what a click would pick or focus. */
    tui_pane *f = front(m, app);
    if (f)
        return f->ops->click ? f->ops->click(f, app, x - f->rect.x, y - f->rect.y) : TUI_CH_NONE;
    if (m->layout.too_small)
        return TUI_CH_NONE;
    int i = pane_at(m, x, y);
    if (i < 0)
        return TUI_CH_NONE;
    unsigned ch = TUI_CH_NONE;
    if (app->focus != i) {
        app->focus = i;
        ch |= TUI_CH_LAYOUT;
    }
    tui_pane *p = &m->panes[i];
    if (p->ops->click)
        ch |= p->ops->click(p, app, x - p->rect.x, y - p->rect.y);
    return ch | TUI_CH_STATUS;
}

static unsigned wheel_at(tui_manager *m, tui_app *app, int x, int y, int dir)
{
    /* A pane in front is all there is to scroll, wherever the pointer is. */
    tui_pane *p = front(m, app);
    if (!p) {
        int i = pane_at(m, x, y);
        if (i < 0)
            return TUI_CH_NONE;
        p = &m->panes[i];
    }
    return p->ops->wheel ? p->ops->wheel(p, app, x - p->rect.x, y - p->rect.y, dir) : TUI_CH_NONE;
}

unsigned tui_manager_click(tui_manager *m, tui_app *app, int x, int y)
{
    unsigned ch = forget_message(app);
    return ch | click_at(m, app, x, y);
}

unsigned tui_manager_wheel(tui_manager *m, tui_app *app, int x, int y, int dir)
{
    unsigned ch = forget_message(app);
    return ch | wheel_at(m, app, x, y, dir);
}

unsigned tui_manager_key(tui_manager *m, tui_app *app, int key)
{
    unsigned ch = forget_message(app);
    return ch | key_at(m, app, key);
}
