/* prompt.h - the `:` and `/` prompt: GNU readline's callback interface
 * inside curses.
 *
 * Keys from the curses input loop are turned into bytes and fed to
 * rl_callback_read_char() through rl_getc_function; readline's display is
 * redirected (rl_redisplay_function) into the key bar of the screen
 * manager, and its terminal handling is switched off, so readline never
 * writes to the terminal. History lives in $XDG_STATE_HOME/capscope/history;
 * Tab completes commands, task names, model names, settings and files.
 */
#ifndef CAPSCOPE_TUI_PROMPT_H
#define CAPSCOPE_TUI_PROMPT_H

#include "tui/app.h"
#include "tui/pane.h"

/* Set readline up; history_path may be NULL (no history file). 0, or -1
 * with why (size bytes) saying what is wrong with the file at history_path:
 * something other than a regular file (a FIFO would hang the start, and
 * the exit, in open()), one the user may not read and write (another
 * user's, left by a run under sudo), or none and none can be made (a
 * read-only state directory). The history is then kept in memory
 * only, and that file is left alone. */
int tui_prompt_init(const char *history_path, char *why, size_t size);
void tui_prompt_shutdown(void);
/* Commands run that the history file did not take (a full disk, a file
 * past the size limit), and the errno of the first; 0 when none. */
size_t tui_prompt_history_lost(int *first_errno);

/* Open the prompt; kind is ':' (commands) or '/' (search). */
void tui_prompt_open(tui_manager *m, tui_app *app, int kind);
int tui_prompt_active(void);
/* Put text into the open prompt's line, as if typed (an edit form). */
void tui_prompt_insert(const char *text);
/* Insert pasted text (bracketed paste) literally: never runs the line. */
unsigned tui_prompt_paste(tui_manager *m, tui_app *app, const char *text, int cut);
/* Feed one key; returns what changed (a finished command runs here). */
unsigned tui_prompt_key(tui_manager *m, tui_app *app, int key);
/* The window changed size: a list of Tab's matches on the status line is
 * laid out again at the new width. */
void tui_prompt_resized(void);

#endif
