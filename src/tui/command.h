/* command.h - the `:` command line: splitting, running and completing. No curses.
 *
 * A command is `NAME [ARG...]`. Words are separated by blanks; a word may
 * be quoted with "..." or '...' (model names can hold anything). The
 * arguments are handed to the action's handler as one string, the rest of
 * the line after the name, with surrounding blanks removed.
 */
#ifndef CAPSCOPE_TUI_COMMAND_H
#define CAPSCOPE_TUI_COMMAND_H

#include <stddef.h>

#include "tui/action.h"

#define TUI_MAX_WORDS 16
/* The longest command line tui_command_parse takes, with its NUL. */
#define TUI_COMMAND_MAX 1024

/* Split line into words (quotes removed) in buf; returns the count, -1 on an
 * unterminated quote. words[i] point into buf (size >= strlen(line) + 1). */
int tui_split_words(const char *line, char *buf, size_t size, char **words, int max);

/* The action named by the first word, and the argument text. Returns NULL
 * (with a message in msg) for an unknown command, missing arguments or a
 * line longer than TUI_COMMAND_MAX - 1 characters. */
const tui_action *tui_command_parse(const char *line, const char **args, char *msg, size_t size);

/* What the word being completed is: given the line up to the cursor,
 * *word_index receives which word (0 = command) and the return value the
 * kind of completion wanted for it. */
tui_complete tui_command_context(const char *line_to_cursor, int *word_index);

/* Candidates starting with prefix, from a list of names (NULL-terminated or n
 * entries), case-sensitive; writes up to max pointers; returns the count. */
size_t tui_complete_from(const char *prefix, const char *const *names, size_t n,
                         const char **out, size_t max);

#endif
