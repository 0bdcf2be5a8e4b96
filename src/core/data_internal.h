/* data_internal.h - the pieces the data layer is built from, shared by
 * dataset.c and config.c (and cs_read_fd by journal.c) and tested through
 * them: reading a whole text file, checking its encoding, the RFC 4180
 * tokenizer, strict number parsing and string storage. Not part of the
 * public API.
 */
#ifndef CAPSCOPE_DATA_INTERNAL_H
#define CAPSCOPE_DATA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/dataset.h" /* cs_ascii_lower */
#include "capscope/error.h"
#include "capscope/namelist.h" /* cs_quote_short */
#include "capscope/number.h"
#include "capscope/utf8.h" /* cs_check_utf8_text */

/* ---- textfile.c: whole files and their encoding ---- */

/* Read an open file from its position to its end into a malloc'd buffer
 * with a NUL after the last byte (not counted in *len); size_hint > 0 (the
 * expected size) saves reallocations. Flags: CS_READ_AT_MOST_HINT stops
 * after size_hint bytes (a regular file's size when opened: a file that
 * keeps growing is read as it was); CS_READ_STOP_AT_NUL stops after the
 * first block that holds a NUL byte (text, where a NUL is refused anyway:
 * --data /dev/zero fails at once instead of filling memory). Returns 0,
 * or -1 with errno set (ENOMEM when out of memory) and nothing allocated.
 * The journal reads its own open descriptor with it. */
enum { CS_READ_AT_MOST_HINT = 1, CS_READ_STOP_AT_NUL = 2 };
int cs_read_fd(int fd, size_t size_hint, unsigned flags, char **text, size_t *len);

/* Read all of `path` ("-" = standard input) into a malloc'd buffer with a
 * NUL after the last byte (not counted in *len). Errors name the file as
 * given. */
int cs_read_text_file(const char *path, char **text, size_t *len, cs_error *err);
/* The same, asking cancel (NULL: never) between two reads of the file and
 * telling hooks' progress (hooks NULL: none) the bytes read after each: a
 * cancel while it is read ends it with CS_ERR_CANCELLED, nothing allocated.
 * A read that waits (a FIFO no one writes) is not cut short. */
struct cs_cancel;
int cs_read_text_file_hooked(const char *path, struct cs_cancel *cancel, const cs_load_hooks *hooks, char **text,
                             size_t *len, cs_error *err);
/* The error of a load that was cancelled (CS_ERR_CANCELLED); returns -1. */
int cs_load_cancelled_error(cs_error *err);

/* 1-based physical line of byte offset `pos` (CRLF, LF and lone CR end a line). */
long cs_line_of_offset(const char *text, size_t pos);

/* ---- csv.c: the RFC 4180 tokenizer ---- */

typedef struct cs_csv {
    const char *p, *end;   /* the cursor in the input */
    const char *name;      /* for messages */
    long line;             /* physical line at the cursor */
    long record_line;      /* physical line where the current record starts */
    char *buf;             /* the current record's fields, each NUL-terminated */
    size_t buf_len, buf_cap;
    size_t *offset;        /* start of field i in buf */
    size_t n_fields, fields_cap;
} cs_csv;

void cs_csv_init(cs_csv *c, const char *text, size_t len, const char *name);

/* Next record: 1 when one was read, 0 at the end of input, -1 on an error
 * (unterminated quote, text after a closing quote, no memory). Blank lines
 * and lines of empty fields (",,,") are skipped. Unquoted fields lose
 * surrounding spaces and tabs; quoted fields keep their content exactly. */
int cs_csv_next(cs_csv *c, cs_error *err);

static inline const char *cs_csv_field(const cs_csv *c, size_t i)
{
    return c->buf + c->offset[i];
}

void cs_csv_free(cs_csv *c);

/* ---- number.c: strict decimal numbers (cs_parse_number: number.h) ---- */

/* Where to cut s at byte i (i < strlen(s)) without splitting a UTF-8
 * sequence: the start of the sequence that holds byte i. */
static inline size_t cs_utf8_floor(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

/* ---- strpool.c: string storage ---- */

typedef struct cs_strpool cs_strpool;

cs_strpool *cs_strpool_new(void);
/* A copy of s[0..len) that lives as long as the pool; NULL when out of memory. */
char *cs_strpool_copy(cs_strpool *pool, const char *s, size_t len);
/* The same, but equal strings share one copy. */
char *cs_strpool_intern(cs_strpool *pool, const char *s, size_t len);
void cs_strpool_free(cs_strpool *pool);

uint64_t cs_hash_string(const char *s, size_t len);

/* A name -> first index map over an array of strings (the model column,
 * the header). Building it finds the repeated names: *rep (may be NULL)
 * gets how many entries repeat an earlier one, and the first such entry and
 * the one it repeats; empty names are not counted. */
typedef struct cs_name_index cs_name_index;
typedef struct cs_name_repeats {
    size_t n, at, first;
} cs_name_repeats;
cs_name_index *cs_name_index_build(char *const *names, size_t n, cs_name_repeats *rep);
long cs_name_index_find(const cs_name_index *ix, char *const *names, const char *name);
void cs_name_index_free(cs_name_index *ix);

#endif
