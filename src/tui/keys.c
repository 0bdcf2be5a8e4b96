/* keys.c - names of keys, both ways (help screen, man page, replay scripts). */
#include <stdio.h>
#include <string.h>

#include "capscope/canvas.h"
#include "capscope/dataset.h"
#include "tui/keys.h"

static const struct {
    int key;
    const char *name;
} named[] = {
    { TUI_KEY_UP, "Up" },         { TUI_KEY_DOWN, "Down" },       { TUI_KEY_LEFT, "Left" },
    { TUI_KEY_RIGHT, "Right" },   { TUI_KEY_PGUP, "PgUp" },       { TUI_KEY_PGDN, "PgDn" },
    { TUI_KEY_HOME, "Home" },     { TUI_KEY_END, "End" },         { TUI_KEY_BACKSPACE, "Backspace" },
    { TUI_KEY_DELETE, "Delete" }, { TUI_KEY_INSERT, "Insert" },   { TUI_KEY_BTAB, "S-Tab" },
    { TUI_KEY_S_LEFT, "S-Left" }, { TUI_KEY_S_RIGHT, "S-Right" }, { TUI_KEY_S_UP, "S-Up" },
    { TUI_KEY_S_DOWN, "S-Down" }, { TUI_KEY_TAB, "Tab" },         { TUI_KEY_ENTER, "Enter" },
    { TUI_KEY_ESC, "Esc" },       { ' ', "Space" },               { TUI_KEY_RESIZE, "Resize" },
    { TUI_KEY_MOUSE, "Mouse" },   { TUI_KEY_INTR, "Intr" },       { TUI_KEY_PASTE, "Paste" },
};

/* Aliases accepted when parsing only. */
static const struct {
    int key;
    const char *name;
} aliases[] = {
    { TUI_KEY_BTAB, "BTab" },  { TUI_KEY_ENTER, "Return" }, { TUI_KEY_ENTER, "CR" },
    { TUI_KEY_ESC, "Escape" }, { TUI_KEY_PGUP, "PageUp" },  { TUI_KEY_PGDN, "PageDown" },
    { TUI_KEY_DELETE, "Del" }, { TUI_KEY_BACKSPACE, "BS" }, { '<', "lt" }, { '>', "gt" },
};

const char *tui_key_name(int key, char *buf, size_t size)
{
    if (key & TUI_KEY_META) {
        char base[32];
        tui_key_name(key & ~TUI_KEY_META, base, sizeof base);
        snprintf(buf, size, "M-%s", base);
        return buf;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (named[i].key == key) {
            snprintf(buf, size, "%s", named[i].name);
            return buf;
        }
    if (key >= TUI_KEY_F1 && key <= TUI_KEY_F12)
        snprintf(buf, size, "F%d", key - TUI_KEY_F1 + 1);
    else if (key > 0 && key <= 26)
        snprintf(buf, size, "C-%c", key + 'a' - 1);
    else if (key > 26 && key < 32) /* C-\ C-] C-^ C-_ (27 is Esc, named above) */
        snprintf(buf, size, "C-%c", key + '@');
    else if (key == 127)
        snprintf(buf, size, "Backspace");
    else if (key > 32 && key < TUI_KEY_SPECIAL) {
        char u[8];
        cs_utf8_encode((uint32_t)key, u);
        snprintf(buf, size, "%s", u);
    } else
        snprintf(buf, size, "?");
    return buf;
}

int tui_key_parse(const char *name)
{
    size_t n = strlen(name);
    if (n == 0)
        return TUI_KEY_NONE;
    if (n > 2 && (name[0] == 'M' || name[0] == 'm') && name[1] == '-') {
        int key = tui_key_parse(name + 2);
        return key == TUI_KEY_NONE || (key & TUI_KEY_META) ? TUI_KEY_NONE : key | TUI_KEY_META;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (cs_ascii_casecmp(named[i].name, name) == 0 && named[i].key != TUI_KEY_RESIZE &&
            named[i].key != TUI_KEY_MOUSE && named[i].key != TUI_KEY_PASTE)
            return named[i].key;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (cs_ascii_casecmp(aliases[i].name, name) == 0)
            return aliases[i].key;
    if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
        int k = 0;
        for (size_t i = 1; i < n; i++) {
            if (name[i] < '0' || name[i] > '9')
                return TUI_KEY_NONE;
            k = 10 * k + (name[i] - '0');
        }
        return k >= 1 && k <= 12 ? TUI_KEY_F1 + k - 1 : TUI_KEY_NONE;
    }
    if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
        char c = name[2];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || c == '\\' || c == ']' || c == '^' || c == '_')
            return TUI_CTRL(c);
        return TUI_KEY_NONE;
    }
    uint32_t cp = 0;
    if (cs_utf8_decode(name, n, &cp) == n && cp > 32 && cp != 127)
        return (int)cp;
    return TUI_KEY_NONE;
}
