/* replay.h - key scripts (--replay FILE) for tests and reproducible demos.
 *
 * One entry a line: a line starting with ':' or '/' is typed as it is and
 * followed by Enter; '#' starts a comment line; anything else is a sequence
 * of keys, where <Name> is a named key (<Down>, <Space>, <Esc>, <Enter>,
 * <Tab>, <C-l>, <F1>, <lt> for '<') and other characters are themselves.
 * Special entries: <Resize 60x20>, <Sleep 100> (milliseconds),
 * <Click X,Y> and <WheelUp X,Y> / <WheelDown X,Y> (screen cells, 0-based),
 * <Wait> (until background fits are done). No curses.
 */
#ifndef CAPSCOPE_TUI_REPLAY_H
#define CAPSCOPE_TUI_REPLAY_H

#include <stddef.h>

#include "capscope/error.h"

typedef enum tui_event_kind {
    TUI_EV_KEY,
    TUI_EV_RESIZE,
    TUI_EV_SLEEP,
    TUI_EV_CLICK,
    TUI_EV_WHEEL_UP,
    TUI_EV_WHEEL_DOWN,
    TUI_EV_WAIT,
} tui_event_kind;

typedef struct tui_event {
    tui_event_kind kind;
    int key;
    int x, y;               /* resize: cols, rows; mouse: cell; sleep: x = ms */
} tui_event;

typedef struct tui_replay {
    tui_event *ev;
    size_t n, pos, cap;
} tui_replay;

int tui_replay_parse(tui_replay *r, const char *text, const char *name, cs_error *err);
int tui_replay_load(tui_replay *r, const char *path, cs_error *err);
void tui_replay_free(tui_replay *r);
/* The next event, or NULL at the end. */
const tui_event *tui_replay_next(tui_replay *r);

#endif
