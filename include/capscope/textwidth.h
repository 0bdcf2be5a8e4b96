/* textwidth.h - the columns a terminal gives UTF-8 text, without the process locale.
 *
 * A terminal shows a wide character (CJK, most emoji) in 2 columns and a
 * combining mark (the accent of "e" + U+0301) in none, on the cell before it.
 * wcwidth knows which, but only under a UTF-8 LC_CTYPE, while batch mode runs
 * in the C locale and the text is UTF-8 whatever the locale (the loader
 * checks it). So a cs_textwidth holds a UTF-8 locale object of its own
 * (newlocale of C.UTF-8, else en_US.UTF-8) and consults it through uselocale
 * for the calling thread only: the process locale is never read or changed,
 * and the object, read-only once open, may be shared between threads. On a
 * system without any UTF-8 locale every code point counts one column.
 *
 * This is the one width rule of capscope: the canvas lays text out by it, the
 * CLI's tables align by it and the TUI's grid draws and truncates by it.
 */
#ifndef CAPSCOPE_TEXTWIDTH_H
#define CAPSCOPE_TEXTWIDTH_H

#include <stddef.h>
#include <stdint.h>

typedef struct cs_textwidth cs_textwidth;

/* NULL only when out of memory; a NULL object counts every code point one column. */
cs_textwidth *cs_textwidth_open(void);
void cs_textwidth_close(cs_textwidth *tw);

/* 1 when a UTF-8 locale backs tw, 0 when every code point counts one column. */
int cs_textwidth_known(const cs_textwidth *tw);

/* 1 for a code point no face hands a terminal as it is: the CLI's tables
 * show it as an escape (\x1b, \u202e), cells (the canvas, the TUI's grid)
 * as U+FFFD. The C0 and C1 controls, which drive the terminal; the bidi
 * controls (U+061C, U+200E-F, U+202A-E, U+2066-9), after which a terminal
 * that orders text both ways shows the rest of the line reversed, one
 * name's columns over another's; and the zero-width characters U+200B-D,
 * U+2060 and U+FEFF, which show as nothing, so that two different names
 * look the same. The one list, for both faces. */
int cs_cp_control(uint32_t cp);

/* Columns of one code point: 0, 1 or 2 (tw NULL: 1). Printable ASCII is 1;
 * what cs_cp_control names, surrogates, values past U+10FFFF and what the
 * locale cannot print count 1, as callers show them as one replacement
 * glyph. */
int cs_cp_width(const cs_textwidth *tw, uint32_t cp);

/* Sum of cs_cp_width over UTF-8 text decoded by cs_utf8_decode (each
 * malformed byte one U+FFFD). */
size_t cs_text_width(const cs_textwidth *tw, const char *utf8);

/* A character, for cutting text, is a code point with the combining marks
 * (zero-width code points) after it: cut between a letter and its accent, the
 * accent would show alone or be lost. With tw NULL every code point is a
 * character, so a cut never splits a UTF-8 sequence, but may split those. */

/* Bytes of the longest start of utf8 made of whole characters that takes at
 * most max_cols columns and max_bytes bytes: "%.*s" with it replaces a "%.40s"
 * that would cut a character in two (SIZE_MAX: no limit of that kind). */
size_t cs_text_prefix(const cs_textwidth *tw, const char *utf8, size_t max_cols, size_t max_bytes);

/* End of the character that starts at byte i of s (n bytes, i < n): its
 * code point and the combining marks after it; *cols gets its columns
 * (cs_cp_width of the code point). */
size_t cs_text_char_end(const cs_textwidth *tw, const char *s, size_t n, size_t i, int *cols);

/* The first character boundary at or after byte i of utf8 (strlen at most):
 * past the rest of a UTF-8 sequence and past combining marks, whose letter is
 * before i. Where text is shown from byte i on (a tail, a scrolled line). */
size_t cs_text_boundary(const cs_textwidth *tw, const char *utf8, size_t i);

/* The last character boundary at or before byte i of utf8 (strlen at most):
 * the start of the character that holds byte i, back over the rest of its
 * UTF-8 sequence and over combining marks to their letter (or the start of
 * utf8). Where text is cut to at most i bytes. With tw NULL, the start of
 * the code point that holds byte i. Both go by cs_utf8_decode: a malformed
 * byte is a code point of its own, so a run of them is never backed over. */
size_t cs_text_floor(const cs_textwidth *tw, const char *utf8, size_t i);

#endif
