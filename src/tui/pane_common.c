/* pane_common.c - what every pane shares: its title line, the marks of a
 * list that goes on past its rows, keys, resize, focus. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/keys.h"
#include "tui/pane.h"

size_t tui_join_parts(const tui_grid *g, int w, const char *lead, const char *const *parts, int n, char *out,
                      size_t size)
{
    if (!size)
        return 0;
    size_t len = (size_t)snprintf(out, size, "%s", lead);
    if (len >= size)
        return size - 1;
    for (int i = 0; i < n; i++) {
        if (!parts[i] || !*parts[i])
            continue;
        size_t before = len;
        int wrote = snprintf(out + len, size - len, "%s%s", len ? "  " : "", parts[i]);
        /* A part that does not fit goes whole, and those after it with it: a
         * number cut short reads as another number. Text before the first
         * part (lead, or the first part itself) is never dropped; the grid
         * cuts it when even it is too wide. */
        int first = before == 0;
        if (wrote < 0 || (size_t)wrote >= size - len || (!first && tui_grid_width(g, out) > w)) {
            out[before] = '\0';
            return before;
        }
        len += (size_t)wrote;
    }
    return len;
}

void tui_pane_title_parts(tui_pane *p, tui_grid *g, const char *const *parts, int n)
{
    char lead[64], buf[1024];
    snprintf(lead, sizeof lead, " %s", p->ops->title);
    tui_join_parts(g, p->rect.w, lead, parts, n, buf, sizeof buf);
    tui_grid_line(g, p->rect.x, p->rect.y, p->rect.w, buf, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
}

void tui_pane_title(tui_pane *p, tui_grid *g, const char *extra)
{
    char buf[256];
    snprintf(buf, sizeof buf, " %s%s%s", p->ops->title, extra && *extra ? "  " : "", extra ? extra : "");
    tui_grid_line(g, p->rect.x, p->rect.y, p->rect.w, buf, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
}

void tui_ref_text(double z, char *out, size_t size)
{
    if (fabs(z - round(z)) < 1e-9)
        snprintf(out, size, "1e%.0f", z);
    else
        snprintf(out, size, "%.3g", pow(10, z));
}

int tui_list_top(int top, long sel, int rows, long total)
{
    if (rows < 1)
        rows = 1;
    if (sel >= 0 && sel < total) {
        if (sel < top)
            top = (int)sel;
        if (sel >= (long)top + rows)
            top = (int)(sel - rows + 1);
    }
    /* Moving up to the last page never hides sel: it is below total. */
    if ((long)top > total - rows)
        top = total > rows ? (int)(total - rows) : 0;
    return top < 0 ? 0 : top;
}

int tui_list_width(int w, int rows, long total)
{
    if (total <= (rows > 0 ? rows : 0))
        return w;
    /* A blank between a row's text and its mark: "1.46e-09v" told the mark
     * from the figure by colour alone. Too narrow for both, the mark only. */
    return w > 2 ? w - 2 : w > 1 ? w - 1 : w;
}

void tui_list_marks(tui_grid *g, int ascii, int x, int y, int rows, long top, long total)
{
    if (rows < 1 || total <= rows)
        return;
    int above = top > 0, below = top + rows < total;
    if (rows == 1 && above && below) {
        tui_grid_put(g, x, y, ascii ? ':' : 0x22ee, TUI_ROLE_MORE);
        return;
    }
    if (above)
        tui_grid_put(g, x, y, ascii ? '^' : 0x25b4, TUI_ROLE_MORE);
    if (below)
        tui_grid_put(g, x, y + rows - 1, ascii ? 'v' : 0x25be, TUI_ROLE_MORE);
}

int tui_pane_ascii(const tui_app *app, const tui_grid *g)
{
    return g->ascii || app->charset == CS_CHARSET_ASCII;
}

unsigned tui_pane_default_key(tui_pane *p, tui_app *app, int key)
{
    const tui_action *a = tui_app_key_action(app, p->scope, key);
    if (tui_action_paged(a)) {
        /* A page of a list pane: its rows under the title and the header. */
        char rows[16];
        snprintf(rows, sizeof rows, "%d", p->rect.h > 3 ? p->rect.h - 2 : 1);
        return tui_app_run(app, a, rows);
    }
    if (!a) {
        /* A key that does nothing says so, or a typo looks like a hang. */
        char name[32];
        tui_key_name(key, name, sizeof name);
        tui_app_msg(app, 0, "%s is not a key in the %s (? lists the keys)", name,
                    tui_scope_name(tui_app_key_scope(app, p->scope)));
        return TUI_CH_STATUS;
    }
    return tui_app_run(app, a, NULL);
}

void tui_pane_default_resize(tui_pane *p, tui_rect r)
{
    p->rect = r;
    p->visible = r.w > 0 && r.h > 0;
    p->dirty = 1;
}

void tui_pane_default_focus(tui_pane *p, int on)
{
    if (p->focused != on)
        p->dirty = 1;
    p->focused = on;
}
