/* pane_sampler.c - the sampler's suggestions: which models to evaluate next. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/costtext.h"
#include "tui/pane.h"

static const char *pick_name(const tui_app *app, const cs_pick *pk)
{
    return pk->row < app->ds->n_rows ? app->ds->model[pk->row] : "?";
}

/* Bytes every pick's name starts with, up to and including a separator
 * (an org's "demo-tuners/", a family's "Qwen2.5-"): they tell no pick apart,
 * so narrow panes spend their columns on the rest. 0 when one name would be
 * left empty. */
static size_t common_prefix(const tui_app *app, const cs_design_result *d)
{
    if (d->n_picks < 2)
        return 0;
    const char *first = pick_name(app, &d->picks[0]);
    size_t len = strlen(first);
    for (size_t k = 1; k < d->n_picks && len; k++) {
        const char *s = pick_name(app, &d->picks[k]);
        size_t i = 0;
        while (i < len && s[i] == first[i])
            i++;
        len = i;
    }
    while (len && !strchr("/-_ .:", first[len - 1]))
        len--;
    for (size_t k = 0; k < d->n_picks && len; k++)
        if (pick_name(app, &d->picks[k])[len] == '\0')
            len = 0;
    return len;
}

/* Bytes of the whole words at the start of s that fit in w columns (at
 * least the first word, which the grid then cuts). */
static size_t words_fit(const tui_grid *g, const char *s, int w)
{
    char line[512];
    size_t n = 0, fit = 0;
    for (;;) {
        size_t end = n;
        while (s[end] == ' ')
            end++;
        while (s[end] && s[end] != ' ')
            end++;
        if (end == n || end >= sizeof line)
            break;
        memcpy(line, s, end);
        line[end] = '\0';
        if (fit && tui_grid_width(g, line) > w)
            break;
        fit = n = end;
        if (tui_grid_width(g, line) >= w)
            break;
    }
    return fit ? fit : strlen(s); /* nothing fits whole (or no room left): the grid cuts the rest */
}

/* A message over the pane's rows, cut between words: its end is often the
 * way out (":pool all ..."), and a message cut at the edge loses it. A word
 * longer than the row is cut by the grid. When the rows run out first, the
 * last ends in an ellipsis: it said nothing of the words left out. */
static void put_wrapped(tui_grid *g, int x, int y, int w, int rows, const char *text, int role, int ascii)
{
    const char *more = ascii ? "..." : "\u2026";
    char line[512];
    const char *s = text;
    for (int i = 0; i < rows && *s; i++) {
        while (*s == ' ')
            s++;
        size_t fit = words_fit(g, s, w);
        const char *rest = s + fit;
        while (*rest == ' ')
            rest++;
        if (i == rows - 1 && *rest) {
            fit = words_fit(g, s, w - tui_grid_width(g, more));
            snprintf(line, sizeof line, "%.*s%s", (int)fit, s, more);
        } else
            snprintf(line, sizeof line, "%.*s", (int)fit, s);
        tui_grid_line(g, x, y + i, w, line, role);
        s += fit;
    }
}

/* Why the design picked nothing, from its candidates by the one rule
 * (cs_design_candidates: every row, or the rows unscored in a task served,
 * the marked ones, else the current one; a name's first row only). Rows
 * without a positive cost are never picked, so a file without a cost
 * column (params_b) has unscored rows and still no suggestion: "every
 * model is scored" would be false there, as it would be when the unscored
 * rows all repeat a name whose first row is scored. */
void tui_sampler_empty_reason(const tui_app *app, const cs_textwidth *width, char *out, size_t size)
{
    const cs_dataset *ds = app->ds;
    size_t *served = malloc((ds->n_tasks ? ds->n_tasks : 1) * sizeof *served);
    unsigned char *cand = malloc(ds->n_rows ? ds->n_rows : 1);
    if (!served || !cand) {
        free(served);
        free(cand);
        snprintf(out, size, "out of memory");
        return;
    }
    size_t nt = tui_app_served(app, served);
    size_t repeats = cs_design_candidates(ds, served, nt, app->set.pool_all ? CS_POOL_ALL : CS_POOL_UNSCORED,
                                          cand);
    size_t pool = 0;
    for (size_t i = 0; i < ds->n_rows; i++)
        pool += cand[i];
    size_t costless = cs_design_costless(ds, cand);
    free(served);
    free(cand);
    const char *what = app->set.pool_all ? "" : "unscored ";
    const char *cost_col = app->cfg.cost_col && *app->cfg.cost_col ? app->cfg.cost_col : "params_b";
    if (pool == 0 && repeats)
        snprintf(out, size, "the %zu unscored row%s repeat%s a model whose first row is scored, and only a"
                            " name's first row is offered: nothing to suggest (:pool all designs from scratch)",
                 repeats, repeats == 1 ? "" : "s", repeats == 1 ? "s" : "");
    else if (pool == 0)
        snprintf(out, size, "every model is scored: nothing to suggest (:pool all designs from scratch)");
    else if (costless == pool) {
        /* 60 columns of whole characters, not 60 bytes; the words after it fit in 256 */
        size_t cut = cs_text_prefix(width, cost_col, 60, 120);
        snprintf(out, size, "no %smodel has a cost (%.*s), so none can be picked: name the cost column with "
                            "--config (capscope-config(5))", what, (int)cut, cost_col);
    } else
        snprintf(out, size, "no %smodel fits the budget (%s raises it)", what,
                 app->set.budget_abs > 0 ? ":budget-abs COST" : ":budget FRACTION");
}

/* The pane's figures of cost go by costtext.h's rule: the title's budget,
 * used, left and spent in one notation and the budget's decimals (more for
 * the picks' costs, as long as the dearest fits the cost column). */
enum { COST_COL = 8 };

/* A pick's cost in the column: its own notation, the column's decimals. */
static const char *cost_text(double v, int dec, char *buf, size_t size)
{
    return cs_cost_text(v, dec, fabs(v) >= CS_COST_POWERS_FROM, buf, size); /* not finite: powers too */
}

/* The why's head: the part of the compute range it names, up to its first
 * ':' ("middle compute:"), or its first word when it has no colon. */
static size_t why_head(const char *why)
{
    const char *colon = strchr(why, ':');
    size_t word = strcspn(why, " ");
    return colon && (size_t)(colon - why) >= word ? (size_t)(colon - why) + 1 : word;
}

/* The bytes of why that show in w columns with the ellipsis after them, cut
 * after a whole word (at a blank); its whole length when it fits, 0 when not
 * even its first word does. */
static size_t why_cut(const tui_grid *g, const char *why, int w, const char *ellipsis)
{
    if (tui_grid_width(g, why) <= w)
        return strlen(why);
    int room = w - tui_grid_width(g, ellipsis);
    size_t end = cs_text_prefix(g->width, why, room > 0 ? (size_t)room : 0, SIZE_MAX);
    while (end > 0 && why[end] != ' ')
        end--;
    return end;
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    char line[512];
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    if (!app->ds) {
        tui_pane_title(p, g, NULL);
        return;
    }
    const cs_design_result *d = &app->design;
    char budget[40], used_text[40], left_text[40], spent_text[40] = "", pool[40], fig[32];
    int dec = app->design_ok ? cs_cost_decimals(d, COST_COL) : 0;
    /* While the design is redone its budget, used and left are the last
     * one's, and beside a spent already counting the new scores they read
     * as one account that does not add up: left out until it is done. */
    int stale = app->design_dirty || app->design_running;
    if (app->design_ok && stale) {
        double spent = tui_app_spent(app);
        if (isfinite(spent))
            snprintf(spent_text, sizeof spent_text, "spent %s",
                     cs_cost_text(spent, spent > 0 && spent < pow(10, -dec) ? cs_cost_decimals_for(spent, 1) : dec,
                                  cs_cost_powers(&spent, 1), fig, sizeof fig));
        snprintf(pool, sizeof pool, "(%s)", app->set.pool_all ? "all rows" : "unscored rows");
        const char *parts[] = { spent_text, pool };
        tui_pane_title_parts(p, g, parts, 2);
    } else if (app->design_ok) {
        double left = isfinite(d->budget) ? d->budget - d->used : NAN;
        /* what is left after a sum of costs can come out as -0.0, or, the
         * budget all used, as rounding either side of 0 (the pool's costs
         * and the picks' summed in other orders): a residue of 1e-16 is
         * nothing left, not a figure that puts the title in powers of ten */
        if ((left <= 0 && left > -0.5 * pow(10, -dec)) || fabs(left) <= 1e-9 * fabs(d->budget))
            left = 0;
        double spent = tui_app_spent(app);
        const double figures[] = { d->budget, d->used, left, spent };
        int powers = cs_cost_powers(figures, 4);
        snprintf(budget, sizeof budget, "budget %s", cs_cost_text(d->budget, dec, powers, fig, sizeof fig));
        snprintf(used_text, sizeof used_text, "used %s", cs_cost_text(d->used, dec, powers, fig, sizeof fig));
        snprintf(left_text, sizeof left_text, "left %s", cs_cost_text(left, dec, powers, fig, sizeof fig));
        /* What the user's scores have cost: the budget is a fraction of
         * the unscored rows' cost, so it shrinks as they are scored, and
         * "used" is what the suggestions would spend. Not a term of the
         * sum above (budget = used + left), so it comes after it; in the
         * same decimals, unless its first digit is past them (0.5 spent
         * under a budget of 1234 read "0", as if nothing were). */
        if (isfinite(spent)) {
            int sdec = spent > 0 && spent < pow(10, -dec) ? cs_cost_decimals_for(spent, 1) : dec;
            snprintf(spent_text, sizeof spent_text, "spent %s", cs_cost_text(spent, sdec, powers, fig, sizeof fig));
        }
        snprintf(pool, sizeof pool, "(%s)", app->set.pool_all ? "all rows" : "unscored rows");
        const char *parts[] = { budget, used_text, left_text, spent_text, pool };
        tui_pane_title_parts(p, g, parts, 5);
    } else {
        snprintf(pool, sizeof pool, "pool %s", app->set.pool_all ? "all" : "unscored");
        const char *parts[] = { pool };
        tui_pane_title_parts(p, g, parts, 1);
    }
    int y = r.y + 1;
    if (stale) {
        tui_grid_line(g, r.x + 1, y, r.w - 1, "waiting for the fits...", TUI_ROLE_DIM);
        return;
    }
    if (!app->design_ok) {
        put_wrapped(g, r.x + 1, y, r.w - 1, r.y + r.h - y, app->design_err[0] ? app->design_err : "no design",
                    TUI_ROLE_ERROR, tui_pane_ascii(app, g));
        return;
    }
    if (d->n_picks == 0) {
        if (!app->sampler_why_valid) {
            tui_sampler_empty_reason(app, g->width, app->sampler_why, sizeof app->sampler_why);
            app->sampler_why_valid = 1;
        }
        put_wrapped(g, r.x + 1, y, r.w - 1, r.y + r.h - y, app->sampler_why, TUI_ROLE_DIM, tui_pane_ascii(app, g));
        return;
    }
    /* rank name [cost(8)] [z(7)] [gain(9)]. Which columns show, by need: the
     * name first, since a pick is worth nothing unless one can tell which
     * model it is; then the cost, what the pick spends, and the gain, what it
     * buys (the order does not tell it: a dear pick can gain more than the one
     * ranked above it); the compute last, it is in the plot's ticks. Each
     * column needs the name to keep this many columns. */
    enum { COL_COST, COL_GAIN, COL_Z };
    static const int col_w[3] = { COST_COL, 9, 7 }, name_min[3] = { 8, 16, 24 };
    size_t max_rank = 0;
    for (size_t k = 0; k < d->n_picks; k++)
        max_rank = d->picks[k].rank > max_rank ? d->picks[k].rank : max_rank;
    /* the rows under the title and the header; their marks take a column, and a blank, when they do not fit */
    int rows = r.y + r.h - y - 1, listw = tui_list_width(r.w, rows, (long)d->n_picks);
    int rankw = r.w >= 40 ? 2 : 1; /* a margin like the other panes', when there is room */
    for (size_t v = max_rank; v >= 10; v /= 10)
        rankw++;
    /* Whole names when they fit; when one does not, the shared prefix goes first. */
    size_t pre = 0, common = common_prefix(app, d);
    int namew, cols, longest;
    for (;;) {
        longest = 5;
        for (size_t k = 0; k < d->n_picks; k++) {
            int w = tui_grid_width(g, pick_name(app, &d->picks[k]) + pre);
            longest = w > longest ? w : longest;
        }
        namew = r.w - rankw - 1;
        cols = 0;
        while (cols < 3 && namew - col_w[cols] >= (longest < name_min[cols] ? longest : name_min[cols]))
            namew -= col_w[cols++];
        if (longest <= namew || pre == common)
            break;
        pre = common;
    }
    /* The columns are chosen at the pane's width, so that the marks'
     * margin (pane.h) never drops the cost (a pane of 19 columns did): it
     * comes out of the name's, where the name fills the row. */
    int room = namew - (r.w - listw);
    if (namew > longest)
        namew = longest;
    if (namew > room)
        namew = room;
    if (namew < 1)
        namew = 1;
    if (namew > 200)
        namew = 200;
    /* The why last, the least needed: the figures say what a pick spends
     * and buys, the why says it in words (and suggest --format json has
     * it whole). It takes only what the row leaves after the gain, so
     * every other column is drawn as without it: it shows with every
     * column and whole names, and only when each pick's head (the part of
     * the range it names) fits with the ellipsis after it; a why cut
     * mid-word, or only its first word, would read as another reason. */
    const char *ellipsis = g->ascii ? "~" : "\u2026";
    int whyw = 0;
    if (cols == 3 && pre == 0 && namew == longest) {
        whyw = room - namew - 2; /* room: the row less the rank and the three figures */
        size_t with_why = 0;
        for (size_t k = 0; k < d->n_picks && whyw > 0; k++) {
            const char *why = d->picks[k].why;
            if (!why || !*why)
                continue;
            with_why++;
            if (why_cut(g, why, whyw, ellipsis) < why_head(why))
                whyw = 0;
        }
        if (!with_why)
            whyw = 0;
    }
    char name[4 * 200 + 8], label[256], served_text[600] = "";
    const char *shown = label;
    /* The start the rows leave off, then what follows it: "..." in ascii,
     * where the rows' one-column "~" after a start read as part of a name
     * ("model (demo-~)"). */
    snprintf(label, sizeof label, "model (%.*s%s)", (int)pre, pick_name(app, &d->picks[0]),
             g->ascii ? "..." : ellipsis);
    if (!pre || tui_grid_width(g, label) > namew)
        snprintf(label, sizeof label, "model");
    /* Which tasks the picks serve, where the column has room: the current
     * one, or the marked ones. capscope suggest serves every task unless
     * told, so its list and this one differed with nothing to say why. */
    size_t *served = malloc(app->ds->n_tasks * sizeof *served);
    if (served) {
        size_t ns = tui_app_served(app, served);
        if (ns == 1)
            snprintf(served_text, sizeof served_text, "%s for %s", label, app->ds->tasks[served[0]].name);
        else
            snprintf(served_text, sizeof served_text, "%s for %zu marked tasks", label, ns);
        free(served);
        if (tui_grid_width(g, served_text) <= namew)
            shown = served_text;
    }
    int used = snprintf(line, sizeof line, "%*s %s", rankw, "#", tui_grid_fit(g, shown, namew, 0, name, sizeof name));
    /* shown in the order cost, z, gain */
    used += snprintf(line + used, sizeof line - used, "%s%s%s", cols > COL_COST ? "    cost" : "",
                     cols > COL_Z ? "      z" : "", cols > COL_GAIN ? "     gain" : "");
    if (whyw > 0 && used < (int)sizeof line)
        snprintf(line + used, sizeof line - used, "  why");
    tui_grid_line(g, r.x, y++, r.w, line, TUI_ROLE_HEADER);
    if (rows <= 0)
        return;
    p->top = tui_list_top(p->top, (long)app->pick_sel, rows, (long)d->n_picks);
    for (int i = 0; i < rows; i++) {
        size_t k = (size_t)(p->top + i);
        if (k >= d->n_picks)
            break;
        const cs_pick *pk = &d->picks[k];
        used = snprintf(line, sizeof line, "%*zu %s", rankw, pk->rank,
                        tui_grid_fit(g, pick_name(app, pk) + pre, namew, TUI_FIT_MIDDLE, name, sizeof name));
        if (cols > COL_COST && used < (int)sizeof line)
            used += snprintf(line + used, sizeof line - used, " %7s", cost_text(pk->cost, dec, fig, sizeof fig));
        if (cols > COL_Z && used < (int)sizeof line)
            used += snprintf(line + used, sizeof line - used, " %6.2f", pk->z);
        if (cols > COL_GAIN && used < (int)sizeof line)
            used += snprintf(line + used, sizeof line - used, " %8.3g", pk->gain);
        if (whyw > 0 && pk->why && used < (int)sizeof line) {
            size_t cut = why_cut(g, pk->why, whyw, ellipsis);
            snprintf(line + used, sizeof line - used, "  %.*s%s", (int)cut, pk->why,
                     pk->why[cut] ? ellipsis : "");
        }
        /* Shown focused or not, as the task list's is: the wheel moves it
         * without the focus, and i and Enter act on it. */
        tui_grid_line(g, r.x, y + i, listw, line, k == app->pick_sel ? TUI_ROLE_SELECTED : CS_STYLE_SUGGESTED);
    }
    tui_list_marks(g, tui_pane_ascii(app, g), r.x + r.w - 1, y, rows, p->top, (long)d->n_picks);
}

/* A click on a suggestion's row selects it; while the pane waits for the
 * fits it shows no rows (draw), so none is under the pointer. */
static unsigned click(tui_pane *p, tui_app *app, int x, int y)
{
    (void)x;
    if (!app->design_ok || app->design_dirty || app->design_running || y < 2)
        return TUI_CH_NONE;
    size_t k = (size_t)(p->top + y - 2);
    if (k >= app->design.n_picks)
        return TUI_CH_NONE;
    app->pick_sel = k;
    return TUI_CH_DESIGN;
}

/* The wheel scrolls the selection, focused or not, as the task list's does. */
static unsigned wheel(tui_pane *p, tui_app *app, int x, int y, int dir)
{
    (void)p, (void)x, (void)y;
    return tui_app_run(app, tui_action_by_name(dir > 0 ? "pick-page-up" : "pick-page-down"), "3");
}

const tui_pane_ops tui_sampler_pane = {
    .title = "Sampler",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .click = click,
    .wheel = wheel,
    .depends = TUI_CH_DESIGN | TUI_CH_DATA | TUI_CH_LAYOUT | TUI_CH_TASKS | TUI_CH_FIT,
};
