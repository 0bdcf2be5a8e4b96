/* plaintext.c - text written as text on a terminal; see plaintext.h. */
#include "face/plaintext.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "capscope/error.h"
#include "capscope/textwidth.h"
#include "capscope/utf8.h"

/* face_control_escape of s's first n bytes (n >= 1): a character that
 * goes on past them is bytes that start none. */
static size_t control_escape_n(const char *s, size_t n, char out[8])
{
    if ((unsigned char)*s >= 0x80) {
        uint32_t cp;
        size_t k = cs_utf8_decode(s, n < 4 ? n : 4, &cp);
        /* A byte that starts no character (the decoder's U+FFFD of one
         * byte) could be C1's CSI to an 8-bit terminal: shown as the byte. */
        if (cp == CS_UTF8_REPLACEMENT && k == 1) {
            snprintf(out, 8, "\\x%02x", (unsigned char)*s);
            return 1;
        }
        if (!cs_cp_control(cp))
            return 0;
        snprintf(out, 8, "\\u%04x", (unsigned)cp);
        return k;
    }
    const unsigned char *p = (const unsigned char *)s;
    if (*p < 0x20 || *p == 0x7f) {
        switch (*p) {
        case '\n': snprintf(out, 8, "\\n"); break;
        case '\r': snprintf(out, 8, "\\r"); break;
        case '\t': snprintf(out, 8, "\\t"); break;
        default: snprintf(out, 8, "\\x%02x", *p); break;
        }
        return 1;
    }
    return 0;
}

size_t face_control_escape(const char *s, char out[8])
{
    return control_escape_n(s, strnlen(s, 4), out);
}

void face_put_text(const char *s, FILE *f)
{
    face_put_text_n(s, strlen(s), f);
}

void face_put_text_n(const char *s, size_t n, FILE *f)
{
    char esc[8];
    for (size_t i = 0, k; i < n; i += k) {
        if ((k = control_escape_n(s + i, n - i, esc)) != 0) {
            fputs(esc, f);
        } else {
            /* a whole character: its continuation bytes alone would read
             * as bytes that start none */
            uint32_t cp;
            k = cs_utf8_decode(s + i, n - i, &cp);
            fwrite(s + i, 1, k, f);
        }
    }
}

void face_say(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    cs_error_end_whole(line, n, sizeof line);
    fputs("capscope: ", stderr);
    face_put_text(line, stderr);
    fputc('\n', stderr);
}
