#include "capscope/error.h"
#include "data_internal.h" /* cs_utf8_floor */

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A name in a message cut at n bytes would otherwise end it in half a
 * character, shown as U+FFFD or worse. */
void cs_error_end_whole(char *s, int wanted, size_t size)
{
    if (wanted < 0 || (size_t)wanted < size || size < 2 || !s[0])
        return;
    size_t n = strlen(s), start = cs_utf8_floor(s, n - 1);
    unsigned char lead = (unsigned char)s[start];
    size_t need = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (start + need > n)
        s[start] = '\0';
}

int cs_error_set(cs_error *err, cs_error_kind kind, const char *file, long line,
                 const char *fmt, ...)
{
    if (!err)
        return -1;
    err->kind = kind;
    err->line = line;
    const char *f = file ? file : "";
    cs_error_end_whole(err->file, snprintf(err->file, sizeof err->file, "%s", f), sizeof err->file);
    va_list ap;
    va_start(ap, fmt);
    cs_error_end_whole(err->msg, vsnprintf(err->msg, sizeof err->msg, fmt, ap), sizeof err->msg);
    va_end(ap);
    return -1;
}

const char *cs_errno_text(int errnum, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    snprintf(buf, size, "%s", strerror(errnum));
    if (buf[0] && buf[1] && !isupper((unsigned char)buf[1]))
        buf[0] = (char)tolower((unsigned char)buf[0]);
    return buf;
}

int cs_error_errno(cs_error *err, cs_error_kind kind, const char *file, long line, const char *what, int errnum)
{
    char reason[256];
    return cs_error_set(err, kind, file, line, "%s: %s", what, cs_errno_text(errnum, reason, sizeof reason));
}

const char *cs_error_string(const cs_error *err, char *buf, size_t size)
{
    int wanted;
    if (err->file[0] && err->line > 0)
        wanted = snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        wanted = snprintf(buf, size, "%s: %s", err->file, err->msg);
    else
        wanted = snprintf(buf, size, "%s", err->msg);
    cs_error_end_whole(buf, wanted, size);
    return buf;
}

int cs_error_exit_status(const cs_error *err)
{
    /* No default: a new kind must choose its status here (-Wswitch). */
    switch (err->kind) {
    case CS_ERR_INPUT: return 2;
    case CS_ERR_RUNTIME: return 1;
    case CS_ERR_CANCELLED: return 1;
    case CS_ERR_NONE: return 2;
    }
    return 2;
}
