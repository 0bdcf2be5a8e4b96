/* utf8.h - one code point to and from UTF-8.
 *
 * The one decoder and encoder of the project: the core reads text with them
 * (a percentage's digits in another script, number.h), the renderer and the
 * faces measure, cut and draw it. Malformed input never stops a reader: it
 * decodes as U+FFFD for one byte, so text is always walked to its end.
 */
#ifndef CAPSCOPE_UTF8_H
#define CAPSCOPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/error.h"

#define CS_UTF8_REPLACEMENT 0xFFFDu

/* Encode a code point as UTF-8 into buf (>= 5 bytes, NUL-terminated);
 * returns the length. Surrogates and values past U+10FFFF encode U+FFFD. */
int cs_utf8_encode(uint32_t cp, char *buf);

/* Decode one code point from s (at most n bytes); returns the bytes used
 * (>= 1 when n >= 1, 0 when n == 0). Malformed input (an overlong form, a
 * surrogate, a value past U+10FFFF, a sequence cut short) yields U+FFFD for
 * one byte. */
size_t cs_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Refuse what is not UTF-8 text, saying what it is and where (name, line,
 * column) for a file called name: compressed (gzip, bzip2, xz, zstd) or a
 * workbook (ZIP, OLE2), by its first bytes; UTF-16/32 (by BOM or by zero
 * bytes in the first characters), NUL bytes, malformed UTF-8 as
 * cs_utf8_decode finds it.
 * Every text file capscope reads (data, config, theme) is checked so. */
int cs_check_utf8_text(const char *text, size_t len, const char *name, cs_error *err);
/* The same, for a file only ever named, never read from standard input (a
 * theme: '-' is a theme's name): its advice for a compressed file names
 * no "zcat it into standard input". */
int cs_check_utf8_text_unpiped(const char *text, size_t len, const char *name, cs_error *err);

#endif
