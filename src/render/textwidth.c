/* textwidth.c - display columns from a private UTF-8 locale object. */
#include "config.h"

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700 /* wcwidth, newlocale, uselocale */
#endif
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "capscope/canvas.h"
#include "capscope/textwidth.h"

struct cs_textwidth {
    locale_t utf8;   /* (locale_t)0 when the system has no UTF-8 locale */
};

cs_textwidth *cs_textwidth_open(void)
{
    static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8" };
    cs_textwidth *tw = calloc(1, sizeof *tw);
    if (!tw)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !tw->utf8; i++)
        tw->utf8 = newlocale(LC_CTYPE_MASK, names[i], (locale_t)0);
    return tw;
}

void cs_textwidth_close(cs_textwidth *tw)
{
    if (!tw)
        return;
    if (tw->utf8)
        freelocale(tw->utf8);
    free(tw);
}

int cs_textwidth_known(const cs_textwidth *tw)
{
    return tw && tw->utf8;
}

int cs_cp_control(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
        return 1;
    if (cp < 0x61c || cp > 0xfeff) /* the common case, in one test */
        return 0;
    return cp == 0x61c || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
           cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

int cs_cp_width(const cs_textwidth *tw, uint32_t cp)
{
    if (cp < 0x7f || cs_cp_control(cp) || !tw || !tw->utf8 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 1;
    locale_t old = uselocale(tw->utf8);
    int w = wcwidth((wchar_t)cp);
    uselocale(old);
    return w < 0 ? 1 : w > 2 ? 2 : w;
}

size_t cs_text_width(const cs_textwidth *tw, const char *utf8)
{
    size_t w = 0, n = strlen(utf8);
    while (n > 0) {
        uint32_t cp;
        size_t k = cs_utf8_decode(utf8, n, &cp);
        w += (size_t)cs_cp_width(tw, cp);
        utf8 += k;
        n -= k;
    }
    return w;
}

size_t cs_text_char_end(const cs_textwidth *tw, const char *s, size_t n, size_t i, int *cols)
{
    uint32_t cp;
    size_t end = i + cs_utf8_decode(s + i, n - i, &cp);
    *cols = cs_cp_width(tw, cp);
    while (end < n) {
        size_t k = cs_utf8_decode(s + end, n - end, &cp);
        if (cs_cp_width(tw, cp) != 0)
            break;
        end += k;
    }
    return end;
}

size_t cs_text_prefix(const cs_textwidth *tw, const char *utf8, size_t max_cols, size_t max_bytes)
{
    size_t n = strlen(utf8), i = 0, cols = 0;
    while (i < n) {
        int w;
        size_t end = cs_text_char_end(tw, utf8, n, i, &w);
        if (cols + (size_t)w > max_cols || end > max_bytes)
            break;
        cols += (size_t)w;
        i = end;
    }
    return i;
}

/* The start of the code point that holds byte i (i < n) as cs_utf8_decode
 * reads s from its start. Only a byte that is not a continuation byte
 * (10xxxxxx) can start one, and a sequence that holds i starts at most three
 * bytes before it, at the first such byte back: decoding goes through that
 * byte, as no well-formed sequence holds it after its first byte. */
static size_t cp_start(const char *s, size_t n, size_t i)
{
    for (size_t k = 0; k <= 3 && k <= i; k++) {
        if (((unsigned char)s[i - k] & 0xc0) == 0x80)
            continue;
        uint32_t cp;
        return k > 0 && cs_utf8_decode(s + i - k, n - (i - k), &cp) > k ? i - k : i;
    }
    return i;
}

size_t cs_text_boundary(const cs_textwidth *tw, const char *utf8, size_t i)
{
    size_t n = strlen(utf8);
    if (i >= n)
        return n;
    if (i == 0) /* marks there have no letter before them: they start the first character */
        return 0;
    size_t start = cp_start(utf8, n, i);
    if (start < i) {
        uint32_t cp;
        i = start + cs_utf8_decode(utf8 + start, n - start, &cp);
    }
    while (i < n) {
        uint32_t cp;
        size_t k = cs_utf8_decode(utf8 + i, n - i, &cp);
        if (cs_cp_width(tw, cp) != 0)
            break;
        i += k;
    }
    return i;
}

size_t cs_text_floor(const cs_textwidth *tw, const char *utf8, size_t i)
{
    size_t n = strlen(utf8);
    if (i >= n)
        return n;
    i = cp_start(utf8, n, i);
    while (i > 0) {
        uint32_t cp;
        cs_utf8_decode(utf8 + i, n - i, &cp);
        if (cs_cp_width(tw, cp) != 0)
            break;
        i = cp_start(utf8, n, i - 1);
    }
    return i;
}
