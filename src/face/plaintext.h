/* plaintext.h - text from the user or the data, written on a terminal as
 * text and nothing else.
 *
 * A word on a command line or a name in a file may hold control characters:
 * ESC opening an escape sequence would drive the terminal (turn it red,
 * clear it), a newline would split a one-line message in two. Both faces
 * write such characters as escapes that read as what they are: \n, \r, \t,
 * \xHH for the other C0 controls and DEL, \uHHHH for C1 controls and for
 * the bidi controls and zero-width characters (cs_cp_control, the cells'
 * rule too: U+202E would show the rest of the line reversed), \xHH for a
 * byte that starts no UTF-8 character (0x9b is CSI to an 8-bit terminal).
 * Everything else is written as it is.
 */
#ifndef CAPSCOPE_FACE_PLAINTEXT_H
#define CAPSCOPE_FACE_PLAINTEXT_H

#include <stddef.h>
#include <stdio.h>

/* The escape for the character s starts with, in out: how many bytes of s
 * it stands for, 0 (out untouched) when s starts with no control. */
size_t face_control_escape(const char *s, char out[8]);

/* s on f, each control character as its escape. */
void face_put_text(const char *s, FILE *f);

/* The same for bytes [0, n) of s, never one past them: a character that
 * n cuts is written as bytes that start none (\xHH). */
void face_put_text_n(const char *s, size_t n, FILE *f);

/* "capscope: " and the message (printf-style) on standard error, as one
 * line: its controls as escapes, cut at a whole character past 2,047
 * bytes. */
void face_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
