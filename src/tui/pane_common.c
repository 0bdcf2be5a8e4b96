/* pane_common.c - what every pane shares: its title line, keys, resize, focus. */
#include <stdio.h>

#include "tui/pane.h"

void tui_pane_title(tui_pane *p, tui_grid *g, const char *extra)
{
    char buf[256];
    snprintf(buf, sizeof buf, " %s%s%s", p->ops->title, extra && *extra ? "  " : "", extra ? extra : "");
    tui_grid_line(g, p->rect.x, p->rect.y, p->rect.w, buf, p->focused ? TUI_ROLE_TITLE_FOCUS : TUI_ROLE_TITLE);
}

unsigned tui_pane_default_key(tui_pane *p, tui_app *app, int key)
{
    const tui_action *a = tui_action_for_key(p->scope, key);
    return a ? tui_app_run(app, a, NULL) : TUI_CH_NONE;
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
