/* One result, three formats. A value is kept as the text each format prints
 * (a number as its table text and its JSON text), so each format prints
 * exactly what was computed. Fields are packed one after another in one
 * growing buffer and name their key by number: a million records cost their
 * text and a few bytes a field, not a malloc per value. */
#include "cli/output.h"
#include "capscope/canvas.h"
#include "capscope/csvwrite.h"
#include "capscope/memfile.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "cli/cli.h"
#include "face/plaintext.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LITERAL: true/false and integers, the same text in every format. */
typedef enum { V_STR, V_NUM, V_LITERAL, V_NULL } vkind;
enum { HAS_JSON = 0x80 }; /* in a field's kind byte: a JSON text follows the table's */

/* A packed field: the key's number (4 bytes), the kind (1 byte), the text
 * for the table and CSV with its NUL; for a number also its JSON text with
 * its NUL (HAS_JSON), unless only the table will be printed. */
typedef struct arena {
    char *b;
    size_t len, cap;
} arena;

typedef struct field {
    uint32_t key;
    vkind kind;
    const char *text;
    const char *json; /* NULL unless kind is V_NUM and HAS_JSON */
} field;

typedef struct out_key {
    char *text; /* as printed: UTF-8 (cleaned) */
    char *json; /* quoted and escaped */
    int in_rows; /* already in o->order */
} out_key;

struct cli_out {
    char *list_name;
    out_key *keys;
    size_t n_keys, cap_keys;
    uint32_t next_key; /* the key most likely asked next: records repeat their order */
    arena top;   /* top-level fields */
    arena rows;  /* the records held (streaming: the record being built) */
    size_t *row_start;
    size_t n_rows, cap_rows;
    int in_rows;
    uint32_t *order; /* the records' keys in order of first appearance */
    size_t n_order;
    const char *const *columns; /* cli_out_columns: the records' columns, even with none */
    field *view; /* one decoded record */
    size_t cap_view;
    /* cli_out_stream */
    int streaming;      /* JSON and CSV: records are written as they come */
    int table_only;     /* numbers keep no JSON text */
    int no_table;       /* JSON or CSV: numbers keep no table text */
    cli_format fmt;
    FILE *f;
    size_t n_written;
    int head_written;
    int failed, failed_errno;
    size_t n_columns;      /* streamed CSV: the declared columns ... */
    uint32_t *column_keys; /* ... and their keys */
};

static const char *done_before; /* cli_out_done_before's: a command is one process */

void cli_out_done_before(const char *done)
{
    done_before = done;
}

const char *cli_out_done(void)
{
    return done_before;
}

/* The end of a command that has no memory left for its result: said, and
 * status 1 (a runtime failure), as the checked failures of the core end.
 * abort() made it a crash: status 134, "Aborted" and a core dump for a
 * condition that is no bug. */
static _Noreturn void out_of_memory(void)
{
    termline_clear();
    fputs("capscope: out of memory", stderr);
    if (done_before) {
        fputs(" (", stderr);
        cli_out_put_text(done_before, stderr);
        fputc(')', stderr);
    }
    fputc('\n', stderr);
    exit(CS_EXIT_RUNTIME);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory();
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static char *arena_room(arena *a, size_t n)
{
    if (a->len + n > a->cap) {
        size_t cap = a->cap ? a->cap : 256;
        while (a->len + n > cap)
            cap *= 2;
        a->b = xrealloc(a->b, cap);
        a->cap = cap;
    }
    return a->b + a->len;
}

static void arena_put(arena *a, const void *p, size_t n)
{
    memcpy(arena_room(a, n), p, n);
    a->len += n;
}

static void arena_put_str(arena *a, const char *s)
{
    arena_put(a, s, strlen(s) + 1);
}

/* s with every byte that is not part of well-formed UTF-8 (RFC 3629: no
 * overlong forms, surrogates or values past U+10FFFF) as U+FFFD, with its
 * NUL. The loader refuses such files, so this is the last guard rather than
 * the rule: whatever a caller hands in, JSON (RFC 8259 wants UTF-8), CSV and
 * the table never carry bytes a reader cannot decode. */
static void arena_put_clean(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *b = arena_room(a, 3 * n + 1); /* each byte at most one U+FFFD */
    size_t len = 0;
    while (n) {
        uint32_t cp;
        size_t k = cs_utf8_decode(s, n, &cp);
        if (cp == 0xFFFD && k == 1) {
            memcpy(b + len, "\xEF\xBF\xBD", 3);
            len += 3;
        } else {
            memcpy(b + len, s, k);
            len += k;
        }
        s += k;
        n -= k;
    }
    b[len] = '\0';
    a->len += len + 1;
}

static char *utf8_clean(const char *s)
{
    arena a = { 0 };
    arena_put_clean(&a, s);
    return a.b;
}

/* The JSON string of s: '"', '\\' and U+0000-U+001F escaped (RFC 8259). */
static void json_put(const char *s, FILE *f)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static char *json_quote(const char *s)
{
    cs_memfile mem;
    FILE *m = cs_memfile_open(&mem);
    if (!m)
        out_of_memory();
    json_put(s, m);
    char *text = cs_memfile_close(m, &mem, NULL);
    if (!text)
        out_of_memory();
    return text;
}

cli_out *cli_out_new(const char *list_name)
{
    cli_out *o = xrealloc(NULL, sizeof *o);
    memset(o, 0, sizeof *o);
    o->list_name = list_name ? xstrdup(list_name) : NULL;
    return o;
}

void cli_out_free(cli_out *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_keys; i++) {
        free(o->keys[i].text);
        free(o->keys[i].json);
    }
    free(o->keys);
    free(o->top.b);
    free(o->rows.b);
    free(o->row_start);
    free(o->order);
    free(o->view);
    free(o->column_keys);
    free(o->list_name);
    free(o);
}

int cli_format_parse(const char *s, cli_format *out)
{
    static const char *names[] = { "table", "json", "csv" };
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (cli_format)i;
            return 0;
        }
    return -1;
}

void cli_out_columns(cli_out *o, const char *const *keys)
{
    o->columns = keys;
}

static long find_key(const cli_out *o, const char *s)
{
    if (o->next_key < o->n_keys && strcmp(o->keys[o->next_key].text, s) == 0)
        return o->next_key;
    for (size_t i = 0; i < o->n_keys; i++)
        if (strcmp(o->keys[i].text, s) == 0)
            return (long)i;
    return -1;
}

/* The number of key s. Keys are compared as printed (cleaned), as a reader
 * sees them; a key that is its own cleaned form needs no cleaning to find. */
static uint32_t intern(cli_out *o, const char *s)
{
    long k = find_key(o, s);
    if (k < 0) {
        char *clean = utf8_clean(s);
        k = find_key(o, clean);
        if (k < 0) {
            if (o->n_keys == o->cap_keys) {
                o->cap_keys = o->cap_keys ? 2 * o->cap_keys : 16;
                o->keys = xrealloc(o->keys, o->cap_keys * sizeof *o->keys);
            }
            o->keys[o->n_keys] = (out_key){ clean, json_quote(clean), 0 };
            k = (long)o->n_keys++;
        } else {
            free(clean);
        }
    }
    o->next_key = (uint32_t)k + 1;
    return (uint32_t)k;
}

/* The fields of a packed record from b[start] to b[end] (into o->view). */
static size_t decode(cli_out *o, const char *b, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t p = start; p < end; n++) {
        if (n == o->cap_view) {
            o->cap_view = o->cap_view ? 2 * o->cap_view : 16;
            o->view = xrealloc(o->view, o->cap_view * sizeof *o->view);
        }
        field *fl = &o->view[n];
        memcpy(&fl->key, b + p, 4);
        unsigned char kind = (unsigned char)b[p + 4];
        fl->kind = (vkind)(kind & ~HAS_JSON);
        fl->text = b + p + 5;
        p += 5 + strlen(fl->text) + 1;
        fl->json = NULL;
        if (kind & HAS_JSON) {
            fl->json = b + p;
            p += strlen(fl->json) + 1;
        }
    }
    return n;
}

/* What each format prints for a field. */
static void json_value(const field *fl, FILE *f)
{
    switch (fl->kind) {
    case V_STR: json_put(fl->text, f); break;
    case V_NUM: fputs(fl->json, f); break;
    case V_LITERAL: fputs(fl->text, f); break;
    case V_NULL: fputs("null", f); break;
    }
}

static const char *csv_text(const field *fl)
{
    return fl->kind == V_NUM ? fl->json : fl->text; /* V_NULL's text is "" */
}

/* A table shows a missing value as "-", where CSV leaves the field empty:
 * "budget: " reads as a value lost, not as none given. */
static const char *table_text(const field *fl)
{
    if (!fl)
        return "";
    return fl->kind == V_NULL ? "-" : fl->text;
}

static void json_fields(const cli_out *o, const field *v, size_t n, FILE *f)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", f);
        fputs(o->keys[v[i].key].json, f);
        fputs(": ", f);
        json_value(&v[i], f);
    }
}

/* JSON: a single object, top-level fields first, then the list. */
static void json_head(cli_out *o, FILE *f)
{
    size_t n = decode(o, o->top.b, 0, o->top.len);
    fputc('{', f);
    json_fields(o, o->view, n, f);
    if (!o->list_name)
        return;
    if (n)
        fputs(", ", f);
    json_put(o->list_name, f);
    fputs(": [", f);
}

static void json_record(cli_out *o, size_t index, const char *b, size_t start, size_t end, FILE *f)
{
    size_t n = decode(o, b, start, end);
    fputs(index ? ",\n  {" : "\n  {", f);
    json_fields(o, o->view, n, f);
    fputc('}', f);
}

static void json_tail(const cli_out *o, size_t n_records, FILE *f)
{
    if (!o->list_name)
        fputs("}\n", f);
    else
        fputs(n_records ? "\n]}\n" : "]}\n", f);
}

/* The columns of the record list: the declared ones (cli_out_columns), then
 * the records' other keys in order of first appearance. Each names its key
 * by number in *key_of (UINT32_MAX: a declared column no record has). */
static size_t collect_columns(const cli_out *o, const char ***names, uint32_t **key_of)
{
    size_t nd = 0;
    for (const char *const *k = o->columns; k && *k; k++)
        nd++;
    const char **cols = xrealloc(NULL, (nd + o->n_order) * sizeof *cols);
    uint32_t *keys = xrealloc(NULL, (nd + o->n_order) * sizeof *keys);
    size_t n = 0;
    for (; n < nd; n++) {
        cols[n] = o->columns[n];
        long k = find_key(o, cols[n]);
        keys[n] = k < 0 ? UINT32_MAX : (uint32_t)k;
    }
    for (size_t i = 0; i < o->n_order; i++) {
        size_t j = 0;
        while (j < nd && keys[j] != o->order[i])
            j++;
        if (j == nd) {
            cols[n] = o->keys[o->order[i]].text;
            keys[n++] = o->order[i];
        }
    }
    *names = cols;
    *key_of = keys;
    return n;
}

static const field *find(const field *v, size_t n, uint32_t key)
{
    for (size_t i = 0; i < n; i++)
        if (v[i].key == key)
            return &v[i];
    return NULL;
}

/* CSV (RFC 4180): one header line, then a line per record led by the
 * top-level values. */
static void csv_header(cli_out *o, const char *const *cols, size_t nc, FILE *f)
{
    size_t n = decode(o, o->top.b, 0, o->top.len);
    int first = 1;
    for (size_t i = 0; i < n; i++, first = 0) {
        if (!first)
            fputc(',', f);
        cs_csv_field(o->keys[o->view[i].key].text, f);
    }
    for (size_t c = 0; c < nc; c++, first = 0) {
        if (!first)
            fputc(',', f);
        cs_csv_field(cols[c], f);
    }
    fputc('\n', f);
}

/* A record's line; b NULL: the top-level values alone. */
static void csv_line(cli_out *o, const uint32_t *key_of, size_t nc, const char *b, size_t start,
                      size_t end, FILE *f)
{
    size_t nt = decode(o, o->top.b, 0, o->top.len);
    int first = 1;
    for (size_t i = 0; i < nt; i++, first = 0) {
        if (!first)
            fputc(',', f);
        cs_csv_field(csv_text(&o->view[i]), f);
    }
    size_t n = b ? decode(o, b, start, end) : 0;
    for (size_t c = 0; c < nc; c++, first = 0) {
        if (!first)
            fputc(',', f);
        const field *fl = find(o->view, n, key_of[c]);
        if (fl)
            cs_csv_field(csv_text(fl), f);
    }
    fputc('\n', f);
}

static size_t row_end(const cli_out *o, size_t r)
{
    return r + 1 < o->n_rows ? o->row_start[r + 1] : o->rows.len;
}

static void print_json(cli_out *o, FILE *f)
{
    json_head(o, f);
    if (o->list_name)
        for (size_t r = 0; r < o->n_rows; r++)
            json_record(o, r, o->rows.b, o->row_start[r], row_end(o, r), f);
    json_tail(o, o->list_name ? o->n_rows : 0, f);
}

static void print_csv(cli_out *o, FILE *f)
{
    const char **cols;
    uint32_t *key_of;
    size_t nc = collect_columns(o, &cols, &key_of);
    csv_header(o, cols, nc, f);
    /* A flat result (no list) is one line of its top-level fields. A list
     * with no records is its header alone: a line there would read as a
     * record (suggest's "no picks" as one pick with an empty model). */
    if (o->n_rows == 0 && !o->list_name && o->top.len)
        csv_line(o, key_of, nc, NULL, 0, 0, f);
    for (size_t r = 0; r < o->n_rows; r++)
        csv_line(o, key_of, nc, o->rows.b, o->row_start[r], row_end(o, r), f);
    free(cols);
    free(key_of);
}

/* The next unit of s (n bytes) as the table shows it: a control character
 * as its escape, or a character with the combining marks after it (a cut
 * between them would show the mark alone); its bytes, its columns in *w. */
static size_t text_unit(const char *s, size_t n, const cs_textwidth *tw, size_t *w)
{
    char esc[8];
    size_t k = face_control_escape(s, esc);
    if (k) {
        *w = strlen(esc);
        return k;
    }
    /* the letter and its marks; a control after it counts 1 (cs_cp_width),
     * so it is not taken along */
    int cols;
    k = cs_text_char_end(tw, s, n, 0, &cols);
    *w = (size_t)cols;
    return k;
}

/* Display width of UTF-8 text as cli_out_put_text prints it (control
 * characters as their escapes, the rest as a terminal shows it: textwidth.h). */
static size_t text_width_in(const char *s, const cs_textwidth *tw)
{
    size_t w = 0, n = strlen(s);
    while (n) {
        if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
            w++; /* printable ASCII, most of any table, one column */
            s++;
            n--;
            continue;
        }
        size_t cw, k = text_unit(s, n, tw, &cw);
        w += cw;
        s += k;
        n -= k;
    }
    return w;
}

/* A text cell of a record takes at most CELL_COLS columns in a table: one
 * 3000-character model name made every row 3130 columns wide. Past that it
 * is cut in the middle, as the TUI cuts names (tui_grid_fit: a third for
 * the head), since model names share their starts (an organisation) and
 * differ at either end; JSON and CSV keep it whole. The longest name in the
 * shared data takes 96 columns, a Hugging Face id up to about 140. */
enum { CELL_COLS = 120 };
#define CELL_CUT "..."

typedef struct cell_cut {
    size_t head;  /* bytes of the text before the ellipsis */
    size_t tail;  /* where the text after it starts */
    size_t cols;  /* columns of the cell as printed */
} cell_cut;

/* Where text s of width cols is cut to fit CELL_COLS; 0 when it fits. */
static int cut_cell(const char *s, size_t cols, const cs_textwidth *tw, cell_cut *cut)
{
    if (cols <= CELL_COLS)
        return 0;
    size_t room = CELL_COLS - strlen(CELL_CUT), head_room = room / 3;
    size_t n = strlen(s), i = 0, used = 0, w;
    for (size_t k; i < n && (k = text_unit(s + i, n - i, tw, &w), used + w <= head_room); i += k)
        used += w;
    cut->head = i;
    /* The tail starts at the first unit after which at most the rest of the room remains. */
    size_t tail_room = room - used, before = used;
    while (i < n && cols - before > tail_room) {
        i += text_unit(s + i, n - i, tw, &w);
        before += w;
    }
    cut->tail = i;
    cut->cols = used + strlen(CELL_CUT) + (cols - before);
    return 1;
}


void cli_out_put_text(const char *s, FILE *f)
{
    face_put_text(s, f);
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* cut NULL: t whole, w columns. */
static void table_cell(FILE *f, size_t c, size_t nc, const char *t, size_t w, size_t width,
                       int right, const cell_cut *cut)
{
    if (c)
        fputs("  ", f);
    if (cut)
        w = cut->cols;
    if (right)
        pad(f, width - w);
    if (cut) {
        face_put_text_n(t, cut->head, f);
        fputs(CELL_CUT, f);
        cli_out_put_text(t + cut->tail, f);
    } else {
        cli_out_put_text(t, f);
    }
    if (!right && c + 1 < nc)
        pad(f, width - w);
}

/* Table: "key: value" lines, then the records under a header, each column
 * as wide as its widest cell (a pass over the held records), numbers
 * right-aligned. */
static void print_table(cli_out *o, FILE *f)
{
    size_t nt = decode(o, o->top.b, 0, o->top.len);
    for (size_t i = 0; i < nt; i++) {
        cli_out_put_text(o->keys[o->view[i].key].text, f);
        fputs(": ", f);
        cli_out_put_text(table_text(&o->view[i]), f);
        fputc('\n', f);
    }
    if (o->n_rows == 0) {
        if (nt == 0)
            fprintf(f, "(no %s)\n", o->list_name ? o->list_name : "results");
        return;
    }
    if (nt)
        fputc('\n', f);
    const char **cols;
    uint32_t *key_of;
    size_t nc = collect_columns(o, &cols, &key_of);
    cs_textwidth *tw = cs_textwidth_open();
    size_t *width = xrealloc(NULL, nc * sizeof *width);
    int *right = xrealloc(NULL, nc * sizeof *right);
    for (size_t c = 0; c < nc; c++) {
        width[c] = text_width_in(cols[c], tw);
        right[c] = 1;
    }
    for (size_t r = 0; r < o->n_rows; r++) {
        size_t n = decode(o, o->rows.b, o->row_start[r], row_end(o, r));
        for (size_t c = 0; c < nc; c++) {
            const field *fl = find(o->view, n, key_of[c]);
            if (!fl)
                continue;
            size_t w = text_width_in(table_text(fl), tw);
            cell_cut cut;
            if (fl->kind == V_STR && cut_cell(fl->text, w, tw, &cut))
                w = cut.cols;
            if (w > width[c])
                width[c] = w;
            if (fl->kind == V_STR)
                right[c] = 0;
        }
    }
    for (size_t c = 0; c < nc; c++)
        table_cell(f, c, nc, cols[c], text_width_in(cols[c], tw), width[c], right[c], NULL);
    fputc('\n', f);
    size_t n_cut = 0;
    for (size_t r = 0; r < o->n_rows; r++) {
        size_t n = decode(o, o->rows.b, o->row_start[r], row_end(o, r));
        for (size_t c = 0; c < nc; c++) {
            const field *fl = find(o->view, n, key_of[c]);
            const char *t = table_text(fl);
            size_t w = text_width_in(t, tw);
            cell_cut cut;
            int is_cut = fl && fl->kind == V_STR && cut_cell(t, w, tw, &cut);
            n_cut += (size_t)is_cut;
            table_cell(f, c, nc, t, w, width[c], right[c], is_cut ? &cut : NULL);
        }
        fputc('\n', f);
    }
    /* Said once, under the rows it is about: the table is for a reader. */
    if (n_cut)
        fprintf(f, "(%zu cell%s longer than %d columns cut in the middle at '" CELL_CUT "'; "
                   "--format csv or json gives the whole text)\n",
                n_cut, n_cut == 1 ? "" : "s", CELL_COLS);
    free(width);
    free(right);
    free(cols);
    free(key_of);
    cs_textwidth_close(tw);
}

/* Streaming: the header once, then the finished record, which is dropped. */
static void stream_note_error(cli_out *o)
{
    if (!o->failed && ferror(o->f)) {
        o->failed = 1;
        o->failed_errno = errno ? errno : EIO;
    }
}

static void stream_head(cli_out *o)
{
    if (o->head_written)
        return;
    o->head_written = 1;
    if (o->fmt == CLI_FORMAT_JSON)
        json_head(o, o->f);
    else
        csv_header(o, (const char *const *)o->columns, o->n_columns, o->f);
}

static void stream_flush_record(cli_out *o)
{
    if (o->n_rows == 0)
        return;
    if (!o->failed) {
        stream_head(o);
        if (o->fmt == CLI_FORMAT_JSON)
            json_record(o, o->n_written, o->rows.b, 0, o->rows.len, o->f);
        else
            csv_line(o, o->column_keys, o->n_columns, o->rows.b, 0, o->rows.len, o->f);
        stream_note_error(o);
    }
    o->n_written++;
    o->n_rows = 0;
    o->rows.len = 0;
}

void cli_out_record(cli_out *o)
{
    if (o->streaming)
        stream_flush_record(o);
    if (o->n_rows == o->cap_rows) {
        o->cap_rows = o->cap_rows ? 2 * o->cap_rows : 16;
        o->row_start = xrealloc(o->row_start, o->cap_rows * sizeof *o->row_start);
    }
    o->row_start[o->n_rows++] = o->rows.len;
    o->in_rows = 1;
}

/* Open a field: its key and kind; the caller appends its text(s). */
static arena *add(cli_out *o, const char *key_name, vkind kind, int has_json)
{
    uint32_t k = intern(o, key_name);
    arena *a = o->in_rows ? &o->rows : &o->top;
    if (o->in_rows && !o->keys[k].in_rows) {
        if (o->streaming && o->fmt == CLI_FORMAT_CSV) {
            size_t c = 0;
            while (c < o->n_columns && o->column_keys[c] != k)
                c++;
            if (c == o->n_columns) { /* the header is out: a bug of the caller's */
                fprintf(stderr, "capscope: internal error: '%s' is no declared column\n",
                        o->keys[k].text);
                abort();
            }
        }
        o->keys[k].in_rows = 1;
        o->order = xrealloc(o->order, (o->n_order + 1) * sizeof *o->order);
        o->order[o->n_order++] = k;
    }
    char head[5];
    memcpy(head, &k, 4);
    head[4] = (char)(kind | (has_json ? HAS_JSON : 0));
    arena_put(a, head, 5);
    return a;
}

static int keeps_json(const cli_out *o)
{
    return !(o->in_rows && o->table_only);
}

/* A table text costs a printf a number, 4% of the instructions of
 * `suggest --prior paper --pool all --budget 1 --format csv` on 100,000
 * rows (callgrind), where nothing reads it. */
static int keeps_table(const cli_out *o)
{
    return !(o->in_rows && o->no_table);
}

void cli_out_str(cli_out *o, const char *key, const char *value)
{
    if (!value) {
        cli_out_null(o, key);
        return;
    }
    arena_put_clean(add(o, key, V_STR, 0), value);
}

void cli_out_null(cli_out *o, const char *key)
{
    arena_put_str(add(o, key, V_NULL, 0), "");
}

void cli_out_int(cli_out *o, const char *key, long long value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", value);
    arena_put_str(add(o, key, V_LITERAL, 0), buf);
}

void cli_out_bool(cli_out *o, const char *key, int value)
{
    arena_put_str(add(o, key, V_LITERAL, 0), value ? "true" : "false");
}

static void add_num(cli_out *o, const char *key, const char *table, const char *json)
{
    int j = keeps_json(o);
    arena *a = add(o, key, V_NUM, j);
    arena_put_str(a, table);
    if (j)
        arena_put_str(a, json);
}

void cli_out_num(cli_out *o, const char *key, double value, const char *table_fmt)
{
    if (!isfinite(value)) {
        cli_out_null(o, key);
        return;
    }
    if (value == 0)
        value = 0; /* -0 would print as "-0.0000" */
    char jbuf[CS_NUMBER_TEXT];
    if (!keeps_table(o)) {
        add_num(o, key, "", cs_number_text(value, jbuf));
        return;
    }
    char tbuf[64];
    /* The table format comes from the subcommand's own literals. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    int len = snprintf(tbuf, sizeof tbuf, table_fmt ? table_fmt : "%.6g", value);
#pragma GCC diagnostic pop
    /* A fixed-point format meant for 374.2 would print 1e300 in 300 digits
     * (or cut it at the buffer): past a column's worth, exponent form. */
    if (len < 0 || len > 16)
        snprintf(tbuf, sizeof tbuf, "%.6g", value);
    /* ... and would print a budget of 0.04 as "0.0", or -1e-17 as "-0.0000":
     * a value that is not zero keeps a digit that says so. */
    else if (value != 0 && !strpbrk(tbuf, "123456789"))
        snprintf(tbuf, sizeof tbuf, "%.3g", value);
    /* A fit that sits exactly on y0 + L = 1 or z_star = z_min must not print
     * as 1.00000000003 or as a hair below the data's least compute. */
    add_num(o, key, tbuf, keeps_json(o) ? cs_number_text(value, jbuf) : "");
}

void cli_out_num_given(cli_out *o, const char *key, double value)
{
    if (!isfinite(value)) {
        cli_out_null(o, key);
        return;
    }
    char buf[CS_NUMBER_TEXT];
    cs_number_text(value, buf);
    add_num(o, key, buf, buf);
}

void cli_out_pow10(cli_out *o, const char *key, double e, int table_digits)
{
    if (!isfinite(e)) {
        cli_out_null(o, key);
        return;
    }
    if (e < CS_POW10_BEYOND) {
        char tf[16];
        snprintf(tf, sizeof tf, "%%.%dg", table_digits);
        cli_out_num(o, key, pow(10, e), tf);
        return;
    }
    char table[CS_POW10_TEXT], json[CS_POW10_TEXT];
    add_num(o, key, cs_pow10_text(e, table_digits, table), cs_pow10_text(e, 10, json));
}

void cli_out_stream(cli_out *o, cli_format fmt, FILE *f)
{
    o->fmt = fmt;
    o->f = f;
    if (fmt == CLI_FORMAT_TABLE) {
        o->table_only = 1; /* the widths want every row: held, without JSON */
        return;
    }
    o->no_table = 1; /* held or not, the records print as fmt alone */
    /* A flat result has no records; CSV without declared columns cannot
     * write its header before the last record: both print when asked. */
    if (!o->list_name || (fmt == CLI_FORMAT_CSV && !o->columns))
        return;
    if (fmt == CLI_FORMAT_CSV) {
        for (const char *const *k = o->columns; *k; k++)
            o->n_columns++;
        o->column_keys = xrealloc(NULL, (o->n_columns ? o->n_columns : 1) * sizeof *o->column_keys);
        for (size_t c = 0; c < o->n_columns; c++)
            o->column_keys[c] = intern(o, o->columns[c]);
    }
    o->streaming = 1;
}

int cli_out_print(cli_out *o, cli_format fmt, FILE *f)
{
    if (o->streaming) {
        f = o->f;
        stream_flush_record(o);
        if (!o->failed) {
            stream_head(o);
            if (o->fmt == CLI_FORMAT_JSON)
                json_tail(o, o->n_written, o->f);
            stream_note_error(o);
        }
    } else {
        switch (fmt) {
        case CLI_FORMAT_JSON: print_json(o, f); break;
        case CLI_FORMAT_CSV: print_csv(o, f); break;
        case CLI_FORMAT_TABLE: print_table(o, f); break;
        }
    }
    errno = 0;
    if (fflush(f) != 0 || ferror(f) || o->failed) {
        if (o->failed)
            errno = o->failed_errno;
        else if (errno == 0)
            errno = EIO;
        return -1;
    }
    return 0;
}
