/* namelist.c - names in messages (namelist.h). */
#include "capscope/namelist.h"
#include "data_internal.h" /* cs_utf8_floor */

#include <stdio.h>
#include <string.h>

/* The widest " and N more", N up to 20 digits (SIZE_MAX): kept free after
 * every listed name, so the count of the rest never has to push one out. */
#define TAIL_ROOM (sizeof " and " - 1 + 20 + sizeof " more" - 1)

const char *cs_quote_short(const char *s, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    size_t len = strlen(s);
    if (len < size) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    if (size < 4) {
        buf[0] = '\0';
        return buf;
    }
    size_t keep = cs_utf8_floor(s, size - 4);
    memcpy(buf, s, keep);
    memcpy(buf + keep, "...", 4);
    return buf;
}

void cs_namelist_init(cs_namelist *l, const char *want, size_t most, char *buf, size_t size)
{
    l->buf = buf;
    l->size = size;
    l->used = 0;
    l->most = most;
    l->n = 0;
    l->n_listed = 0;
    l->full = 0;
    if (size)
        buf[0] = '\0';
    cs_typo_init(&l->near, want);
}

void cs_namelist_add(cs_namelist *l, const char *name)
{
    l->n++;
    cs_typo_offer(&l->near, name);
    if (l->full || l->n_listed >= l->most)
        return;
    char shown[CS_NAMES_SHOWN];
    const char *sep = l->n_listed ? ", " : "";
    size_t len = strlen(sep) + strlen(cs_quote_short(name, shown, sizeof shown));
    if (l->used + len + TAIL_ROOM >= l->size) {
        l->full = 1; /* the rest are counted, in order, after the names that fit */
        return;
    }
    memcpy(l->buf + l->used, sep, strlen(sep));
    memcpy(l->buf + l->used + strlen(sep), shown, strlen(shown) + 1);
    l->used += len;
    l->n_listed++;
}

const char *cs_namelist_end(cs_namelist *l)
{
    size_t rest = l->n - l->n_listed;
    if (rest == 0 || l->size == 0)
        return l->buf;
    char tail[TAIL_ROOM + 1];
    int w = l->n_listed ? snprintf(tail, sizeof tail, " and %zu more", rest)
                        : snprintf(tail, sizeof tail, "%zu name%s", rest, rest == 1 ? "" : "s");
    /* All ASCII: it fits whole or not at all, as a name does. */
    if (w > 0 && l->used + (size_t)w < l->size) {
        memcpy(l->buf + l->used, tail, (size_t)w + 1);
        l->used += (size_t)w;
    }
    return l->buf;
}
