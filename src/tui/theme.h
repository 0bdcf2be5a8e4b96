/* theme.h - colour themes: YAML files mapping roles to colours.
 *
 *   name: dark
 *   styles:
 *     curve:  { fg: [196, bright-red, red], attrs: [bold] }
 *     point:  { fg: [39, cyan] }
 *     title_focus: { fg: black, bg: [75, cyan] }
 *
 * A colour is a name (default black red green yellow blue magenta cyan
 * white, bright-* for the upper eight) or a number 0..255; a list gives
 * alternatives, best first, and the first one the terminal can show is used
 * (a number needs COLORS > number, bright-* needs 16). So one theme looks
 * right on 8-, 16- and 256-colour terminals. No curses here: the screen
 * turns resolved colours into colour pairs.
 */
#ifndef CAPSCOPE_TUI_THEME_H
#define CAPSCOPE_TUI_THEME_H

#include <stddef.h>

#include "capscope/error.h"
#include "tui/grid.h"

#define TUI_THEME_ALTS 4
#define TUI_COLOR_DEFAULT (-1)
#define TUI_COLOR_UNSET (-2)

enum { TUI_A_BOLD = 1, TUI_A_REVERSE = 2, TUI_A_UNDERLINE = 4, TUI_A_DIM = 8, TUI_A_ITALIC = 16 };

typedef struct tui_theme_style {
    int fg[TUI_THEME_ALTS], bg[TUI_THEME_ALTS];   /* candidates, TUI_COLOR_UNSET-terminated */
    unsigned attrs;
    int set;
} tui_theme_style;

typedef struct tui_theme {
    char name[64];
    tui_theme_style style[TUI_ROLE_COUNT];
} tui_theme;

/* A resolved style: colours the terminal has (TUI_COLOR_DEFAULT = terminal's own). */
typedef struct tui_resolved {
    int fg, bg;
    unsigned attrs;
} tui_resolved;

/* The path tui_theme_find gives for the compiled-in default theme. No file
 * has it, and tui_theme_load loads the built-in theme for it. */
#define TUI_THEME_BUILTIN_PATH ""

int tui_theme_parse(tui_theme *t, const char *text, size_t len, const char *name, cs_error *err);
/* Load a theme file (at most 64 KiB), or the built-in theme for TUI_THEME_BUILTIN_PATH. */
int tui_theme_load(tui_theme *t, const char *path, cs_error *err);

/* The built-in default theme (used when no theme file can be found): 0; or
 * -1 when memory ran out reading it, and then t holds tui_theme_plain. */
int tui_theme_builtin(tui_theme *t);
/* The built-in theme as it shows without colour (its attributes, reverse
 * for the roles it draws on a background of their own), made without an
 * allocation: what tui_theme_builtin falls back to. */
void tui_theme_plain(tui_theme *t);

/* Find a theme by name. A path when it contains '/' or ends in .yaml (or
 * .yml); else NAME.yaml in $CAPSCOPE_THEME_PATH (colon-separated),
 * $XDG_CONFIG_HOME/capscope/themes, then the installed themes directory;
 * then, for "default", the built-in theme (TUI_THEME_BUILTIN_PATH); last, a
 * file of that name in the current directory. Caller frees; NULL when not
 * found (errno 0) or when memory ran out looking (errno ENOMEM). */
char *tui_theme_find(const char *name);

/* The names tui_theme_find finds by name alone that start with prefix:
 * "default" and every NAME.yaml of a plain NAME in those directories, each
 * once, strdup'ed into out (room for max; the caller frees them). Returns
 * the count. */
size_t tui_theme_names(const char *prefix, char **out, size_t max);

/* That tui_theme_find found no theme of that name, and then (NULL for
 * nothing) what is done instead ("; the built-in theme is used"), then in
 * parentheses the one name it may be a typo of, else the names there are,
 * or where the themes are installed when no directory holds any (an
 * uninstalled build). For after "capscope: " or the status line. */
void tui_theme_not_found(const char *name, const char *then, char *msg, size_t size);

/* Resolve role for a terminal with `colors` colours. With 0 or no_color,
 * attributes only, plus reverse for a role drawn on a background other than
 * the theme's base one (its `default` role's), which it relied on to be seen. */
tui_resolved tui_theme_resolve(const tui_theme *t, int role, int colors, int no_color);

/* Parse one colour name or number; TUI_COLOR_UNSET when invalid. */
int tui_color_parse(const char *s);

#endif
