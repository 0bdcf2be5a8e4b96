/* utf8.c - one code point to and from UTF-8 (utf8.h). */
#include "capscope/utf8.h"

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
