#include "capscope/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int cs_error_set(cs_error *err, cs_error_kind kind, const char *file, long line,
                 const char *fmt, ...)
{
    if (!err)
        return -1;
    err->kind = kind;
    err->line = line;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return -1;
}

const char *cs_error_string(const cs_error *err, char *buf, size_t size)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, size, "%s", err->msg);
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
