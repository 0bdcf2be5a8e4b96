/* utf8.c - one code point to and from UTF-8, and whether a text is (utf8.h). */
#include "capscope/utf8.h"
#include "data_internal.h"

#include <stdio.h>
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

/* What a file that is not text is, by its first bytes, for the formats a
 * data file arrives in by mistake: compressed (results.csv.gz handed on as
 * it came) or a workbook (the .xlsx, not its CSV export). Without this they
 * were "a NUL byte (at column 9)", which says nothing of what to do. Said
 * in buf; piped: the file could be read from standard input, as '-' (the
 * data, a config, --from; not a theme, where '-' would be a theme's name).
 * NULL for anything else. */
static const char *not_text_kind(const unsigned char *s, size_t len, int piped, char *buf, size_t size)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *what, *unpack, *cat; /* cat NULL: what is the whole message */
    } kinds[] = {
        {"\x1f\x8b", 2, "gzip", "gunzip", "zcat"},
        {"\xfd" "7zXZ\0", 6, "xz", "unxz", "xzcat"},
        {"\x28\xb5\x2f\xfd", 4, "zstd", "unzstd", "zstdcat"},
        {"PK\x03\x04", 4, "a ZIP archive (an .xlsx or .ods workbook?), not text: export the sheet as CSV "
                          "(UTF-8), or unzip it", NULL, NULL},
        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an Office document (an .xls workbook?), not text: "
                                                     "export the sheet as CSV (UTF-8)", NULL, NULL},
        /* bzip2: "BZh", the block size 1-9, then a block's magic (pi) or
         * the end of stream's (sqrt(pi)), so that a header spelt "BZh1" is
         * text: matched below. */
        {"BZh", 3, "bzip2", "bunzip2", "bzcat"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (len < kinds[i].n || memcmp(s, kinds[i].magic, kinds[i].n) != 0)
            continue;
        if (kinds[i].magic[0] == 'B' &&
            !(len >= 10 && s[3] >= '1' && s[3] <= '9' &&
              (memcmp(s + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0 ||
               memcmp(s + 4, "\x17\x72\x45\x38\x50\x90", 6) == 0)))
            continue;
        if (!kinds[i].cat)
            return kinds[i].what;
        if (piped)
            snprintf(buf, size, "compressed (%s), not text: decompress it first (%s, or %s it into standard "
                                "input, read as '-')", kinds[i].what, kinds[i].unpack, kinds[i].cat);
        else
            snprintf(buf, size, "compressed (%s), not text: decompress it first (%s)", kinds[i].what,
                     kinds[i].unpack);
        return buf;
    }
    return NULL;
}

static int check_text(const char *text, size_t len, const char *name, int piped, cs_error *err);

int cs_check_utf8_text(const char *text, size_t len, const char *name, cs_error *err)
{
    return check_text(text, len, name, 1, err);
}

int cs_check_utf8_text_unpiped(const char *text, size_t len, const char *name, cs_error *err)
{
    return check_text(text, len, name, 0, err);
}

static int check_text(const char *text, size_t len, const char *name, int piped, cs_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    char said[160];
    const char *kind = not_text_kind(s, len, piped, said, sizeof said);
    if (kind)
        return cs_error_set(err, CS_ERR_INPUT, name, 1, "file is %s", kind);
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
