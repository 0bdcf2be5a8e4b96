/* progress.c - when and what a face says of long work (progress.h). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <string.h>

#include "capscope/dataset.h"
#include "capscope/number.h"
#include "capscope/progress.h"
#include "data_internal.h" /* cs_utf8_floor */

#define NAME_MAX_BYTES 80

double cs_progress_after(void)
{
    const char *after = getenv("CAPSCOPE_PROGRESS_AFTER");
    double a;
    return after && cs_parse_number(after, &a) == CS_NUM_OK && a >= 0 ? a : 1.0;
}

double cs_progress_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void cs_load_say_init(cs_load_say *s, const char *name)
{
    s->name = name;
    size_t len = strlen(name);
    s->name_len = (int)(len > NAME_MAX_BYTES ? cs_utf8_floor(name, NAME_MAX_BYTES) : len);
    s->t0_ms = s->last_ms = cs_progress_now_ms();
    s->after_ms = 1000.0 * cs_progress_after();
    s->shown = s->parsing = 0;
}

const char *cs_load_say_due(cs_load_say *s, size_t bytes, size_t records, char *buf, size_t size)
{
    double now = cs_progress_now_ms();
    if (now - s->t0_ms < s->after_ms ||
        (s->shown && (records > 0) == s->parsing && now - s->last_ms < CS_PROGRESS_EVERY_MS))
        return NULL;
    s->shown = 1;
    s->parsing = records > 0;
    s->last_ms = now;
    char far[CS_LOAD_PROGRESS_TEXT];
    snprintf(buf, size, "reading %.*s: %s", s->name_len, s->name, cs_load_progress_text(bytes, records, far));
    return buf;
}
