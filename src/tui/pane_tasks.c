/* pane_tasks.c - the task list: n, fitted q at the reference compute, and a
 * sparkline of the boundary. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/pane.h"

#define SPARK_MAX 12

static void sparkline(const tui_app *app, const cs_fit *f, int width, char *out, size_t size)
{
    static const char *const blocks[8] = { "\u2581", "\u2582", "\u2583", "\u2584",
                                           "\u2585", "\u2586", "\u2587", "\u2588" };
    static const char ascii[] = "_.,:-=*#";
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < width; i++) {
        double z = width > 1 ? f->z_min + (f->z_max - f->z_min) * i / (width - 1) : f->z_max;
        double q = cs_fit_predict(f, z);
        int level = (int)floor(q * 8);
        level = level < 0 ? 0 : level > 7 ? 7 : level;
        const char *glyph = app->charset == CS_CHARSET_ASCII ? (char[2]){ ascii[level], 0 } : blocks[level];
        int w = snprintf(out + used, size - used, "%s", glyph);
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    char extra[64] = "";
    if (app->fitting && app->fit_total > 1)
        snprintf(extra, sizeof extra, "fitting %zu/%zu", app->fit_done, app->fit_total);
    else if (app->set.design_weights)
        snprintf(extra, sizeof extra, "weighted");
    tui_pane_title(p, g, extra);
    if (!app->ds || r.h < 3)
        return;
    const cs_dataset *ds = app->ds;
    int longest = 4;
    size_t most = 0;
    for (size_t t = 0; t < ds->n_tasks; t++) {
        int w = tui_grid_width(g, ds->tasks[t].name);
        longest = w > longest ? w : longest;
        most = ds->tasks[t].n_scored > most ? ds->tasks[t].n_scored : most;
    }
    /* The n column holds the largest count: 137254 scored rows in a column
     * of 5 pushed q past its head and cut its last digit ("0.68"). */
    int ndigits = 5;
    for (size_t big = 100000; big <= most && ndigits < 20; big *= 10)
        ndigits++;
    /* Columns: mark(2) name [n(6, or 1 + the largest count's digits)]
     * q(7, or 1 + its head) [spark(1 + width)]. A task is told
     * by its name and q, so those come first: the sparkline only takes what
     * the longest name leaves, and when even the name is short of room the n
     * column goes too (its value is in the plot's title). The columns are
     * chosen at the pane's width; when the list goes on past its rows, the
     * marks' margin (pane.h) comes out of the sparkline's room, or else the
     * name's, never out of a column of figures. */
    /* The q column is as wide as its head, "q@1e24" or "q@3.16e+23" off a
     * decade: a wider head was cut at the pane's edge ("q@3.2e") and stood
     * past its figures. */
    char ref[32], refz[24];
    tui_ref_text(app->set.ref_z, refz, sizeof refz);
    snprintf(ref, sizeof ref, "q@%s", refz);
    const int mark = 2, ncol = 1 + ndigits, qcol = 1 + (strlen(ref) > 6 ? (int)strlen(ref) : 6);
    int rows = r.h - 2, w = tui_list_width(r.w, rows, (long)ds->n_tasks);
    int namew = r.w - mark - qcol, show_n = 1;
    if (namew - ncol >= (longest < 10 ? longest : 10))
        namew -= ncol;
    else
        show_n = 0;
    int room = namew - (r.w - w); /* less the marks' margin, when the list has one */
    if (namew > longest)
        namew = longest;
    if (namew > room)
        namew = room;
    if (namew < 1)
        namew = 1;
    int spark = w - mark - namew - (show_n ? ncol : 0) - qcol - 1;
    spark = spark > SPARK_MAX ? SPARK_MAX : spark;
    if (spark < 3)
        spark = 0;
    char line[512], name[4 * 256 + 8], n_text[24];
    if (namew > 256)
        namew = 256;
    n_text[0] = '\0';
    if (show_n)
        snprintf(n_text, sizeof n_text, " %*s", ndigits, "n");
    /* The column's name in whole words: a narrow sparkline cut "boundary" to "bou". */
    const char *spark_head = spark >= 8 ? "boundary" : spark >= 5 ? "curve" : "";
    snprintf(line, sizeof line, "  %s%s %*s %s", tui_grid_fit(g, "task", namew, 0, name, sizeof name), n_text,
             qcol - 1, ref, spark_head);
    tui_grid_line(g, r.x, r.y + 1, r.w, line, TUI_ROLE_HEADER);
    p->top = tui_list_top(p->top, (long)app->task, rows, (long)ds->n_tasks);
    for (int i = 0; i < rows; i++) {
        size_t t = (size_t)(p->top + i);
        if (t >= ds->n_tasks)
            break;
        const tui_taskfit *f = &app->fits[t];
        char q[16], spk[SPARK_MAX * 4 + 1] = "";
        switch (f->state) {
        case TUI_FIT_OK:
            snprintf(q, sizeof q, "%.3f", cs_fit_predict(&f->fit, app->set.ref_z));
            if (spark)
                sparkline(app, &f->fit, spark, spk, sizeof spk);
            break;
        case TUI_FIT_FAILED:
            /* As the plot and the sampler say it: too few rows is no failure. */
            snprintf(q, sizeof q, "%s", f->too_few ? "few" : "failed");
            break;
        case TUI_FIT_CANCELLED:
            snprintf(q, sizeof q, "-");
            break;
        default:
            snprintf(q, sizeof q, "...");
        }
        int y = r.y + 2 + i;
        int role = t == app->task ? TUI_ROLE_SELECTED : app->marked[t] ? TUI_ROLE_MARKED : CS_STYLE_DEFAULT;
        if (show_n)
            snprintf(n_text, sizeof n_text, " %*zu", ndigits, ds->tasks[t].n_scored);
        snprintf(line, sizeof line, "%c %s%s %*s ", app->marked[t] ? '*' : ' ',
                 tui_grid_fit(g, ds->tasks[t].name, namew, TUI_FIT_MIDDLE, name, sizeof name), n_text, qcol - 1, q);
        tui_grid_line(g, r.x, y, w, line, role);
        if (spark && *spk)
            tui_grid_text(g, r.x + mark + namew + (show_n ? ncol : 0) + qcol + 1, y, spark, spk,
                          t == app->task ? role : TUI_ROLE_SPARK);
    }
    tui_list_marks(g, tui_pane_ascii(app, g), r.x + r.w - 1, r.y + 2, rows, p->top, (long)ds->n_tasks);
}

/* A click on a task's row makes it the current task. */
static unsigned click(tui_pane *p, tui_app *app, int x, int y)
{
    (void)x;
    if (!app->ds || y < 2)
        return TUI_CH_NONE;
    size_t t = (size_t)(p->top + y - 2);
    /* the task shown changes nothing, unless its failed fit is tried again */
    if (!tui_app_set_task(app, t))
        return TUI_CH_NONE;
    return TUI_CH_TASKS | TUI_CH_FIT | TUI_CH_VIEW | TUI_CH_SPLIT | TUI_CH_DESIGN | TUI_CH_CURSOR;
}

/* The wheel scrolls the selection, as in htop and mutt, focused or not:
 * three rows a notch, as the help scrolls. */
static unsigned wheel(tui_pane *p, tui_app *app, int x, int y, int dir)
{
    (void)p, (void)x, (void)y;
    return tui_app_run(app, tui_action_by_name(dir > 0 ? "task-page-up" : "task-page-down"), "3");
}

const tui_pane_ops tui_tasks_pane = {
    .title = "Tasks",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .click = click,
    .wheel = wheel,
    .depends = TUI_CH_TASKS | TUI_CH_FIT | TUI_CH_DATA | TUI_CH_LAYOUT | TUI_CH_VIEW,
};
