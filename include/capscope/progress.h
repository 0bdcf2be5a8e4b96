/* progress.h - when and what a face says of long work on one line.
 *
 * Both faces show how far a load is on standard error when it takes long:
 * the batch commands' progress line, the interface's start before its
 * screen opens. What they print, and how they clear it, is theirs; when a
 * line is due and what it says is decided here, once: after
 * cs_progress_after() seconds of work, then at most every
 * CS_PROGRESS_EVERY_MS, except that the first count of rows after the bytes
 * read shows at once. No state but the caller's; the clock is monotonic.
 */
#ifndef CAPSCOPE_PROGRESS_H
#define CAPSCOPE_PROGRESS_H

#include <stddef.h>

#define CS_PROGRESS_EVERY_MS 100.0 /* a line per 4,096 rows would be hundreds a second */

/* Seconds of work after which a progress line shows: CAPSCOPE_PROGRESS_AFTER
 * when it is a number >= 0 (the tests see the line on short work), else 1. */
double cs_progress_after(void);

/* Milliseconds on the monotonic clock. */
double cs_progress_now_ms(void);

/* A load's line, "reading NAME: 12.3 MB read" then "...: 412,000 rows", the
 * name cut to 80 bytes at a whole character. */
typedef struct cs_load_say {
    const char *name;
    int name_len;
    double t0_ms, last_ms, after_ms;
    int shown, parsing;
} cs_load_say;

/* name is kept (not copied) and must outlive s. */
void cs_load_say_init(cs_load_say *s, const char *name);

/* The line due now for progress told (bytes, records; cs_load_hooks), into
 * buf, or NULL when none is (too soon). */
const char *cs_load_say_due(cs_load_say *s, size_t bytes, size_t records, char *buf, size_t size);

#endif
