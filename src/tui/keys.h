/* keys.h - key codes of the TUI, independent of curses.
 *
 * A key is an int: a Unicode code point for characters (control keys are
 * 1..31, Esc 27, Enter '\n', Tab '\t'), or one of the TUI_KEY_* values above
 * the Unicode range for special keys. The curses layer translates its KEY_*
 * codes into these, so the action table, the replay scripts and the tests
 * never see curses.
 */
#ifndef CAPSCOPE_TUI_KEYS_H
#define CAPSCOPE_TUI_KEYS_H

#include <stddef.h>

enum {
    TUI_KEY_NONE = 0,
    TUI_KEY_TAB = '\t',
    TUI_KEY_ENTER = '\n',
    TUI_KEY_ESC = 27,
    TUI_KEY_SPECIAL = 0x110000,
    TUI_KEY_UP = TUI_KEY_SPECIAL,
    TUI_KEY_DOWN,
    TUI_KEY_LEFT,
    TUI_KEY_RIGHT,
    TUI_KEY_PGUP,
    TUI_KEY_PGDN,
    TUI_KEY_HOME,
    TUI_KEY_END,
    TUI_KEY_BACKSPACE,
    TUI_KEY_DELETE,
    TUI_KEY_INSERT,
    TUI_KEY_BTAB,
    TUI_KEY_S_LEFT,
    TUI_KEY_S_RIGHT,
    TUI_KEY_S_UP,
    TUI_KEY_S_DOWN,
    TUI_KEY_F1,
    TUI_KEY_F12 = TUI_KEY_F1 + 11,
    /* The terminal's interrupt character (C-c unless stty says otherwise).
     * term.c reads it as a key rather than letting it raise SIGINT, so
     * that the prompt can take it to mean cancel. */
    TUI_KEY_INTR,
    /* Not keys but events that travel the same way. */
    TUI_KEY_RESIZE,
    TUI_KEY_MOUSE,
    /* The terminal pasted text (bracketed paste): term.c holds the text
     * (tui_term_pasted), so that pasted newlines can never act as Enter. */
    TUI_KEY_PASTE,
    /* Alt (Meta) held: a flag added to a key, as M-b is TUI_KEY_META | 'b'.
     * Terminals send it as Esc before the key. */
    TUI_KEY_META = 0x1000000,
};

#define TUI_CTRL(c) ((c) & 0x1f)

/* Human name of a key ("q", "Space", "Down", "C-l", "Tab", "M-b") into buf; returns buf. */
const char *tui_key_name(int key, char *buf, size_t size);

/* Parse a key name as written in a replay script, without the angle
 * brackets: "Down", "Space", "Esc", "C-l", "M-b", "F1", "q". Returns the key or
 * TUI_KEY_NONE when unknown. */
int tui_key_parse(const char *name);

#endif
