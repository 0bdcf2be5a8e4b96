/* utf8.c - one code point to and from UTF-8, and whether a text is (utf8.h). */
#include "capscope/utf8.h"
#include "data_internal.h"

#include <string.h>

int cs_utf8_encode(uint32_t cp, char *buf)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = CS_UTF8_REPLACEMENT;
    int n;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    b[n] = '\0';
    return n;
}

size_t cs_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *b = (const unsigned char *)s;
    if (n == 0)
        return 0;
    *cp = CS_UTF8_REPLACEMENT;
    if (b[0] < 0x80) {
        *cp = b[0];
        return 1;
    }
    size_t len;
    uint32_t v, min;
    if (b[0] >= 0xC2 && b[0] <= 0xDF) {
        len = 2;
        v = b[0] & 0x1F;
        min = 0x80;
    } else if (b[0] >= 0xE0 && b[0] <= 0xEF) {
        len = 3;
        v = b[0] & 0x0F;
        min = 0x800;
    } else if (b[0] >= 0xF0 && b[0] <= 0xF4) {
        len = 4;
        v = b[0] & 0x07;
        min = 0x10000;
    } else {
        return 1;
    }
    if (n < len)
        return 1;
    for (size_t i = 1; i < len; i++) {
        if ((b[i] & 0xC0) != 0x80)
            return 1;
        v = (v << 6) | (b[i] & 0x3F);
    }
    /* Overlong forms, surrogates and values past U+10FFFF are malformed. */
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 1;
    *cp = v;
    return len;
}

static size_t column_of_offset(const char *text, size_t pos)
{
    size_t start = pos;
    while (start > 0 && text[start - 1] != '\n' && text[start - 1] != '\r')
        start--;
    return pos - start + 1;
}

int cs_check_utf8_text(const char *text, size_t len, const char *name, cs_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len >= 4 && ((s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) ||
                     (s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)))
        return cs_error_set(err, CS_ERR_INPUT, name, 1, "file is UTF-32; save it as UTF-8");
    /* Without a byte-order mark, ASCII text in UTF-16 shows as a zero byte
     * beside every character. */
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF) ||
                     (s[0] != 0 && s[1] == 0) || (s[0] == 0 && s[1] != 0)))
        return cs_error_set(err, CS_ERR_INPUT, name, 1, "file is UTF-16; save it as UTF-8");

    const char *nul = memchr(text, '\0', len);
    if (nul)
        return cs_error_set(err, CS_ERR_INPUT, name, cs_line_of_offset(text, (size_t)(nul - text)),
                            "file holds a NUL byte (at column %zu); it is not a text file",
                            column_of_offset(text, (size_t)(nul - text)));

    size_t i = 0;
    while (i < len) {
        /* Most data is ASCII: skip eight bytes at a time while no high bit is set. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & UINT64_C(0x8080808080808080))
                break;
            i += 8;
        }
        if (i >= len)
            break;
        uint32_t cp;
        size_t n = cs_utf8_decode(text + i, len - i, &cp);
        if (n == 1 && s[i] >= 0x80) /* a byte of 0x80 or more alone: malformed (utf8.h) */
            return cs_error_set(err, CS_ERR_INPUT, name, cs_line_of_offset(text, i),
                                "file is not UTF-8 text (byte 0x%02x at column %zu); save it as UTF-8",
                                s[i], column_of_offset(text, i));
        i += n;
    }
    return 0;
}
