/* command.h - the `:` command line: splitting, running and completing. No curses.
 *
 * A command is `NAME [ARG...]`. The arguments are handed to the action's
 * handler as one string, the rest of the line after the name, with
 * surrounding blanks removed; handlers that take words (model and task
 * names, files) split it with tui_split_words, so every command reads a
 * name the same way.
 *
 * Words, as tui_split_words reads them (a small subset of the shell's):
 *   - words are separated by blanks (spaces and tabs);
 *   - '...' takes everything up to the next ' literally: blanks, " and \;
 *   - "..." takes everything up to the next unescaped ", where \" stands
 *     for " and \\ for \; any other backslash is kept as it is;
 *   - outside quotes every character but a blank or a quote is literal,
 *     backslash included;
 *   - quoted and unquoted parts next to each other make one word
 *     (a'b c'd is the word `ab cd`), and "" or '' is an empty word;
 *   - a quote left open makes the whole line an error.
 * So any name can be entered: a name holding both kinds of quote as
 * "it's a \"name\"". tui_quote_word writes a name that way.
 */
#ifndef CAPSCOPE_TUI_COMMAND_H
#define CAPSCOPE_TUI_COMMAND_H

#include <stddef.h>

#include "capscope/textwidth.h"
#include "tui/action.h"

#define TUI_MAX_WORDS 16
/* The longest command line tui_command_parse takes, with its NUL. */
#define TUI_COMMAND_MAX 1024

/* Split line into words (quotes and escapes removed, as above) in buf;
 * returns the count (at most max: the words after those are not read), -1
 * on an unterminated quote or when size < strlen(line) + 1. words[i] point
 * into buf. */
int tui_split_words(const char *line, char *buf, size_t size, char **words, int max);

/* The rest of line after its first word and the blanks around it, the word
 * read as tui_split_words reads it (a quoted part, blanks and all, is in
 * the word); "" when there is no more. :set takes its value so, whole. */
const char *tui_after_first_word(const char *line);

/* word as tui_split_words reads it back as one word: as it is when it holds
 * no blank or quote and is not empty, else in '...', or in "..." with " and
 * \ escaped when it holds a '. Completion and prefilled prompts write names
 * with it. Returns 0, or -1 (out empty) when it does not fit in size. */
int tui_quote_word(const char *word, char *out, size_t size);

/* The quote that writes all of words so (0: none needs one; ' unless one
 * holds a '); a NULL word is none. Completion quotes every candidate alike, so that readline
 * finds their common start ('hellaswag.10 of 'hellaswag.10 v2' and
 * hellaswag.10 began with no common character). */
char tui_quote_for(const char *const *words, size_t n);

/* word written in quote q (0, ' or "; a ' is written only in "), as
 * tui_split_words reads it back. Returns 0, or -1 (out empty). */
int tui_quote_word_as(const char *word, char q, char *out, size_t size);

/* The action named by the first word, and the argument text. Returns NULL
 * (with a message in msg) for an unknown command, missing arguments or a
 * line longer than TUI_COMMAND_MAX - 1 characters. */
const tui_action *tui_command_parse(const char *line, const char **args, char *msg, size_t size);

/* What the word being completed is: given the line up to the cursor,
 * *word_index receives which word (0 = command) and the return value the
 * kind of completion wanted for it. */
tui_complete tui_command_context(const char *line_to_cursor, int *word_index);

/* Candidates starting with prefix, from the n names (none when n is 0),
 * case-sensitive; writes up to max pointers; returns the count. */
size_t tui_complete_from(const char *prefix, const char *const *names, size_t n,
                         const char **out, size_t max);

/* The count of a NULL-terminated list of names, for tui_complete_from. */
size_t tui_count_names(const char *const *names);

/* The candidates of an ambiguous completion as one status line of at most
 * cols columns (textwidth.h; tw may be NULL): "N matches: a b c (+M more)".
 * Whole names only, so the line never ends in half a name, and it says how
 * many did not fit. A common start of the names (common, readline's longest
 * common prefix), taken back to the end of a word in it (after a '/', '-',
 * '_', '.', ':' or blank), is said once when that is 4 columns or more,
 * "N matches demo-tuners/...: a1 b2", and left off each name, when every
 * name is longer and begins with it and it opens no quote; else the names
 * are whole. Where that leaves no
 * room for a name, the start is left off as "N matches ...:" (the prompt's
 * line shows it); where even then no name fits whole, the first is shown
 * as far as it fits, cut after a whole character and ended in "...", so
 * that the row never counts names without showing one. Returns out. */
char *tui_matches_line(const char *const *names, size_t n, const char *common, size_t cols,
                       const cs_textwidth *tw, char *out, size_t size);

/* The part of a line that the prompt's copy of it holds, when the line is
 * longer than cap bytes (a paste): a window of whole characters
 * (textwidth.h; tw may be NULL) with the cursor, at byte point, in it, and
 * three quarters of the room before the cursor for the text that scrolls in
 * on its left. A character is cut only when keeping it whole would leave
 * the cursor out (a letter with hundreds of accents). Returns the window's
 * length, *from its start (the whole line when it fits) and *cursor the
 * code points (cs_utf8_decode: a malformed byte is one) from its start to
 * the cursor, as the screen counts them. */
size_t tui_line_window(const cs_textwidth *tw, const char *line, size_t point, size_t cap, size_t *from,
                       int *cursor);

#endif
