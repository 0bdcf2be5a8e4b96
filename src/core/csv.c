/* csv.c - the RFC 4180 tokenizer.
 *
 * One record at a time from a buffer: fields separated by commas, records by
 * CRLF, LF or a lone CR (old spreadsheets), fields optionally in double quotes
 * with "" for a quote and line breaks inside. Each record's fields are copied
 * into one growing buffer, NUL-terminated, so the caller can hand them to
 * string functions without caring how they were quoted.
 *
 * Leniencies, each because real files need it: spaces around unquoted fields
 * are dropped ("model, flops" headers), a quote inside an unquoted field is
 * kept literally, and records that hold nothing (blank lines, ",,,," rows
 * that spreadsheets append) are skipped.
 */
#include "data_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* First byte at or after p that is one of the three, or end. (Scanning a
 * word at a time was measured: no faster, fields are short.) */
static const char *scan3(const char *p, const char *end, char a, char b, char c)
{
    while (p < end && *p != a && *p != b && *p != c)
        p++;
    return p;
}

void cs_csv_init(cs_csv *c, const char *text, size_t len, const char *name)
{
    memset(c, 0, sizeof *c);
    c->p = text;
    c->end = text + len;
    c->name = name;
    c->line = 1;
}

void cs_csv_free(cs_csv *c)
{
    free(c->buf);
    free(c->offset);
    c->buf = NULL;
    c->offset = NULL;
}

static int reserve_bytes(cs_csv *c, size_t more)
{
    if (c->buf_len + more <= c->buf_cap)
        return 0;
    size_t cap = c->buf_cap ? c->buf_cap : 4096;
    while (cap < c->buf_len + more) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *nb = realloc(c->buf, cap);
    if (!nb)
        return -1;
    c->buf = nb;
    c->buf_cap = cap;
    return 0;
}

static int start_field(cs_csv *c)
{
    if (c->n_fields == c->fields_cap) {
        size_t cap = c->fields_cap ? c->fields_cap * 2 : 64;
        size_t *no = realloc(c->offset, cap * sizeof *no);
        if (!no)
            return -1;
        c->offset = no;
        c->fields_cap = cap;
    }
    c->offset[c->n_fields++] = c->buf_len;
    return 0;
}

static int append(cs_csv *c, const char *s, size_t n)
{
    if (reserve_bytes(c, n + 1) != 0)
        return -1;
    memcpy(c->buf + c->buf_len, s, n);
    c->buf_len += n;
    return 0;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Consume one line ending at p (which must point at '\r' or '\n'). */
static const char *skip_newline(cs_csv *c, const char *p)
{
    if (*p == '\r' && p + 1 < c->end && p[1] == '\n')
        p++;
    c->line++;
    return p + 1;
}

/* Skip lines holding only spaces and tabs. */
static void skip_blank_lines(cs_csv *c)
{
    const char *p = c->p;
    for (;;) {
        const char *q = p;
        while (q < c->end && is_blank(*q))
            q++;
        if (q == c->end) {
            p = q;
            break;
        }
        if (*q != '\r' && *q != '\n')
            break;
        p = skip_newline(c, q);
    }
    c->p = p;
}

/* The body of a quoted field, cursor just after the opening quote. */
static int quoted_field(cs_csv *c, const char **pp, cs_error *err)
{
    const char *p = *pp;
    long open_line = c->line;
    for (;;) {
        /* Copy the run up to the next quote or line break in one go. */
        const char *q = scan3(p, c->end, '"', '\n', '\r');
        if (append(c, p, (size_t)(q - p)) != 0)
            goto oom;
        p = q;
        if (p == c->end)
            return cs_error_set(err, CS_ERR_INPUT, c->name, open_line,
                                "unterminated quoted field (opened on this line)");
        if (*p == '"') {
            if (p + 1 < c->end && p[1] == '"') {
                if (append(c, "\"", 1) != 0)
                    goto oom;
                p += 2;
                continue;
            }
            *pp = p + 1;
            return 0;
        }
        /* A line break inside the quotes belongs to the value. */
        const char *nl = p;
        p = skip_newline(c, p);
        if (append(c, nl, (size_t)(p - nl)) != 0)
            goto oom;
    }
oom:
    return cs_error_set(err, CS_ERR_RUNTIME, c->name, c->record_line, "out of memory reading a record");
}

int cs_csv_next(cs_csv *c, cs_error *err)
{
    for (;;) {
        skip_blank_lines(c);
        if (c->p >= c->end)
            return 0;
        c->record_line = c->line;
        c->n_fields = 0;
        c->buf_len = 0;
        int any_content = 0;
        const char *p = c->p;
        for (;;) {
            if (start_field(c) != 0)
                goto oom;
            while (p < c->end && is_blank(*p))
                p++;
            if (p < c->end && *p == '"') {
                p++;
                if (quoted_field(c, &p, err) != 0)
                    return -1;
                any_content = 1; /* "" is a deliberate (empty) value */
                while (p < c->end && is_blank(*p))
                    p++;
                if (p < c->end && *p != ',' && *p != '\n' && *p != '\r') {
                    cs_error_set(err, CS_ERR_INPUT, c->name, c->record_line,
                                 "text after the closing quote of field %zu "
                                 "(a quote inside a quoted field is written \"\")",
                                 c->n_fields);
                    c->p = p;
                    return -1;
                }
            } else {
                const char *q = scan3(p, c->end, ',', '\n', '\r');
                const char *e = q;
                while (e > p && is_blank(e[-1]))
                    e--;
                if (e > p)
                    any_content = 1;
                if (append(c, p, (size_t)(e - p)) != 0)
                    goto oom;
                p = q;
            }
            c->buf[c->buf_len++] = '\0'; /* room reserved by append() */
            if (p < c->end && *p == ',') {
                p++;
                continue;
            }
            if (p < c->end)
                p = skip_newline(c, p);
            break;
        }
        c->p = p;
        if (any_content)
            return 1;
    }
oom:
    return cs_error_set(err, CS_ERR_RUNTIME, c->name, c->record_line, "out of memory reading a record");
}
