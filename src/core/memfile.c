/* memfile.c - a FILE * into memory that says when a write was lost
 * (memfile.h: why not open_memstream). */
#define _GNU_SOURCE
#include "capscope/memfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Room for need more bytes and a NUL; 0, or -1 (the text as it was). */
static int room(cs_memfile *m, size_t need)
{
    if (need > (size_t)-1 - m->len - 1)
        return -1;
    size_t want = m->len + need + 1;
    if (want <= m->cap)
        return 0;
    size_t cap = m->cap ? m->cap : 256;
    while (cap < want)
        cap = cap > (size_t)-1 / 2 ? want : cap * 2;
    char *grown = realloc(m->text, cap);
    if (!grown)
        return -1;
    m->text = grown;
    m->cap = cap;
    return 0;
}

/* A short count makes stdio set the stream's error flag (fopencookie(3)). */
static ssize_t memfile_write(void *cookie, const char *buf, size_t size)
{
    cs_memfile *m = cookie;
    if (m->failed || room(m, size) != 0) {
        m->failed = 1;
        errno = ENOMEM;
        return 0;
    }
    memcpy(m->text + m->len, buf, size);
    m->len += size;
    m->text[m->len] = '\0';
    return (ssize_t)size;
}

FILE *cs_memfile_open(cs_memfile *m)
{
    memset(m, 0, sizeof *m);
    cookie_io_functions_t io = { .write = memfile_write };
    return fopencookie(m, "w", io);
}

char *cs_memfile_close(FILE *f, cs_memfile *m, size_t *len)
{
    int failed = ferror(f);
    failed |= fclose(f) != 0;
    /* A stream that was never written to still gives text: "". */
    if (!failed && !m->failed && room(m, 0) != 0)
        failed = 1;
    if (failed || m->failed) {
        free(m->text);
        memset(m, 0, sizeof *m);
        return NULL;
    }
    m->text[m->len] = '\0';
    if (len)
        *len = m->len;
    char *text = m->text;
    memset(m, 0, sizeof *m);
    return text;
}
