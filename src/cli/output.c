/* One result, three formats. Values are kept as their JSON text plus a table
 * text, so each format prints exactly what was computed. */
#include "capscope/output.h"
#include "capscope/canvas.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "cli/cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { V_STR, V_NUM, V_LITERAL } vkind; /* LITERAL: true/false/null and integers */

typedef struct field {
    char *key;
    vkind kind;
    char *json;   /* the JSON text of the value */
    char *text;   /* for table and CSV */
} field;

typedef struct record {
    field *f;
    size_t n, cap;
} record;

struct cs_out {
    char *list_name;
    record top;
    record *rows;
    size_t n_rows, cap_rows;
    int in_rows;
    const char *const *columns; /* cs_out_columns: the records' columns, even with none */
};

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("capscope: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

cs_out *cs_out_new(const char *list_name)
{
    cs_out *o = xrealloc(NULL, sizeof *o);
    memset(o, 0, sizeof *o);
    o->list_name = list_name ? xstrdup(list_name) : NULL;
    return o;
}

static void record_free(record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->f[i].key);
        free(r->f[i].json);
        free(r->f[i].text);
    }
    free(r->f);
}

void cs_out_free(cs_out *o)
{
    if (!o)
        return;
    record_free(&o->top);
    for (size_t i = 0; i < o->n_rows; i++)
        record_free(&o->rows[i]);
    free(o->rows);
    free(o->list_name);
    free(o);
}

int cs_format_parse(const char *s, cs_format *out)
{
    static const char *names[] = { "table", "json", "csv" };
    for (int i = 0; i < 3; i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (cs_format)i;
            return 0;
        }
    return -1;
}

void cs_out_columns(cs_out *o, const char *const *keys)
{
    o->columns = keys;
}

void cs_out_record(cs_out *o)
{
    if (o->n_rows == o->cap_rows) {
        o->cap_rows = o->cap_rows ? 2 * o->cap_rows : 16;
        o->rows = xrealloc(o->rows, o->cap_rows * sizeof *o->rows);
    }
    memset(&o->rows[o->n_rows++], 0, sizeof(record));
    o->in_rows = 1;
}

/* A copy of s in which every byte that is not part of well-formed UTF-8
 * (RFC 3629: no overlong forms, surrogates or values past U+10FFFF) is
 * U+FFFD. The loader refuses such files, so this is the last guard rather
 * than the rule: whatever a caller hands in, JSON (RFC 8259 wants UTF-8),
 * CSV and the table never carry bytes a reader cannot decode. */
static char *utf8_clean(const char *s)
{
    size_t n = strlen(s), len = 0;
    char *b = xrealloc(NULL, 3 * n + 1); /* each byte at most one U+FFFD */
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
    return b;
}

static void add(cs_out *o, const char *key, vkind kind, char *json, char *text)
{
    record *r = o->in_rows ? &o->rows[o->n_rows - 1] : &o->top;
    if (r->n == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 8;
        r->f = xrealloc(r->f, r->cap * sizeof *r->f);
    }
    r->f[r->n++] = (field){ utf8_clean(key), kind, json, text };
}

static char *json_quote(const char *s)
{
    size_t cap = 2 * strlen(s) + 8, n = 0;
    char *b = xrealloc(NULL, cap);
    b[n++] = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (n + 8 > cap)
            b = xrealloc(b, cap *= 2);
        switch (*p) {
        case '"': n += (size_t)sprintf(b + n, "\\\""); break;
        case '\\': n += (size_t)sprintf(b + n, "\\\\"); break;
        case '\n': n += (size_t)sprintf(b + n, "\\n"); break;
        case '\r': n += (size_t)sprintf(b + n, "\\r"); break;
        case '\t': n += (size_t)sprintf(b + n, "\\t"); break;
        default:
            if (*p < 0x20)
                n += (size_t)sprintf(b + n, "\\u%04x", *p);
            else
                b[n++] = (char)*p;
        }
    }
    b[n++] = '"';
    b[n] = 0;
    return b;
}

static char *fmt_alloc(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

static char *fmt_alloc(const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return xstrdup(buf);
}

void cs_out_str(cs_out *o, const char *key, const char *value)
{
    if (!value) {
        cs_out_null(o, key);
        return;
    }
    char *clean = utf8_clean(value);
    add(o, key, V_STR, json_quote(clean), clean);
}

/* A fit that sits exactly on y0 + L = 1 or z_star = z_min must not print
 * as 1.00000000003 or as a hair below the data's least compute. */
static char *shortest_text(double value)
{
    char buf[CS_NUMBER_TEXT];
    return xstrdup(cs_number_text(value, buf));
}

void cs_out_num(cs_out *o, const char *key, double value, const char *table_fmt)
{
    if (!isfinite(value)) {
        cs_out_null(o, key);
        return;
    }
    char tbuf[64];
    if (value == 0)
        value = 0; /* -0 would print as "-0.0000" */
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
    add(o, key, V_NUM, shortest_text(value), xstrdup(tbuf));
}

void cs_out_num_given(cs_out *o, const char *key, double value)
{
    if (!isfinite(value)) {
        cs_out_null(o, key);
        return;
    }
    add(o, key, V_NUM, shortest_text(value), shortest_text(value));
}

/* m x 10^e with m in [1, 10) rounded to `digits`, as "6.03e+466". */
static char *pow10_text(double e, int digits)
{
    double whole = floor(e), m = pow(10, e - whole);
    char mant[48];
    snprintf(mant, sizeof mant, "%.*e", digits - 1, m); /* "6.03e+00", or "1.00e+01" */
    char *x = strchr(mant, 'e');
    int carry = atoi(x + 1);
    *x = '\0';
    /* %g's way: no trailing zeros after the point */
    if (strchr(mant, '.')) {
        char *end = mant + strlen(mant);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            end[-1] = '\0';
    }
    return fmt_alloc("%se%+d", mant, (int)whole + carry);
}

void cs_out_pow10(cs_out *o, const char *key, double e, int table_digits)
{
    if (!isfinite(e)) {
        cs_out_null(o, key);
        return;
    }
    if (e < 300) {
        char tf[16];
        snprintf(tf, sizeof tf, "%%.%dg", table_digits);
        cs_out_num(o, key, pow(10, e), tf);
        return;
    }
    add(o, key, V_NUM, pow10_text(e, 10), pow10_text(e, table_digits));
}

void cs_out_int(cs_out *o, const char *key, long long value)
{
    add(o, key, V_LITERAL, fmt_alloc("%lld", value), fmt_alloc("%lld", value));
}

void cs_out_bool(cs_out *o, const char *key, int value)
{
    add(o, key, V_LITERAL, xstrdup(value ? "true" : "false"), xstrdup(value ? "true" : "false"));
}

void cs_out_null(cs_out *o, const char *key)
{
    add(o, key, V_LITERAL, xstrdup("null"), xstrdup(""));
}

static void print_json_record(const record *r, FILE *f)
{
    fputc('{', f);
    for (size_t i = 0; i < r->n; i++) {
        char *k = json_quote(r->f[i].key);
        fprintf(f, "%s%s: %s", i ? ", " : "", k, r->f[i].json);
        free(k);
    }
    fputc('}', f);
}

static void print_json(const cs_out *o, FILE *f)
{
    fputc('{', f);
    for (size_t i = 0; i < o->top.n; i++) {
        char *k = json_quote(o->top.f[i].key);
        fprintf(f, "%s%s: %s", i ? ", " : "", k, o->top.f[i].json);
        free(k);
    }
    if (!o->list_name) {
        fputs("}\n", f);
        return;
    }
    if (o->top.n)
        fputs(", ", f);
    char *ln = json_quote(o->list_name);
    fprintf(f, "%s: [", ln);
    free(ln);
    for (size_t i = 0; i < o->n_rows; i++) {
        fputs(i ? ",\n  " : "\n  ", f);
        print_json_record(&o->rows[i], f);
    }
    fputs(o->n_rows ? "\n]}\n" : "]}\n", f);
}

static void csv_field(const char *s, FILE *f)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* Columns of the record list: the union of keys, in order of first appearance. */
static size_t collect_columns(const cs_out *o, const char ***cols_out)
{
    size_t n = 0, cap = 16;
    const char **cols = xrealloc(NULL, cap * sizeof *cols);
    for (const char *const *k = o->columns; k && *k; k++) {
        if (n == cap)
            cols = xrealloc(cols, (cap *= 2) * sizeof *cols);
        cols[n++] = *k;
    }
    for (size_t r = 0; r < o->n_rows; r++)
        for (size_t i = 0; i < o->rows[r].n; i++) {
            const char *k = o->rows[r].f[i].key;
            size_t j = 0;
            while (j < n && strcmp(cols[j], k) != 0)
                j++;
            if (j == n) {
                if (n == cap)
                    cols = xrealloc(cols, (cap *= 2) * sizeof *cols);
                cols[n++] = k;
            }
        }
    *cols_out = cols;
    return n;
}

static const field *find(const record *r, const char *key)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->f[i].key, key) == 0)
            return &r->f[i];
    return NULL;
}

static void print_csv(const cs_out *o, FILE *f)
{
    const char **cols;
    size_t nc = collect_columns(o, &cols);
    int first = 1;
    for (size_t i = 0; i < o->top.n; i++, first = 0) {
        if (!first)
            fputc(',', f);
        csv_field(o->top.f[i].key, f);
    }
    for (size_t c = 0; c < nc; c++, first = 0) {
        if (!first)
            fputc(',', f);
        csv_field(cols[c], f);
    }
    fputc('\n', f);
    /* A flat result (no list) is one line of its top-level fields. A list
     * with no records is its header alone: a line there would read as a
     * record (suggest's "no picks" as one pick with an empty model). */
    for (size_t r = 0; r < o->n_rows || (r == 0 && !o->list_name && o->top.n); r++) {
        first = 1;
        for (size_t i = 0; i < o->top.n; i++, first = 0) {
            if (!first)
                fputc(',', f);
            csv_field(o->top.f[i].kind == V_NUM ? o->top.f[i].json : o->top.f[i].text, f);
        }
        for (size_t c = 0; c < nc; c++, first = 0) {
            if (!first)
                fputc(',', f);
            const field *fl = find(&o->rows[r], cols[c]);
            if (fl)
                csv_field(fl->kind == V_NUM ? fl->json : fl->text, f);
        }
        fputc('\n', f);
    }
    free(cols);
}

/* A control character in a name (ESC opening an escape sequence, BEL, a
 * newline) would drive the terminal or break the alignment: the table shows
 * it as text, as JSON would. Returns how many bytes of s the escape in out
 * stands for, 0 when s starts with a printable character. C1 controls
 * (U+0080-U+009F, two bytes in UTF-8) count too: some terminals obey them. */
static size_t control_escape(const char *s, char out[8])
{
    const unsigned char *p = (const unsigned char *)s;
    if (*p < 0x20 || *p == 0x7f) {
        switch (*p) {
        case '\n': snprintf(out, 8, "\\n"); break;
        case '\r': snprintf(out, 8, "\\r"); break;
        case '\t': snprintf(out, 8, "\\t"); break;
        default: snprintf(out, 8, "\\x%02x", *p); break;
        }
        return 1;
    }
    if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
        snprintf(out, 8, "\\u%04x", p[1]);
        return 2;
    }
    return 0;
}

/* Display width of UTF-8 text as cs_out_put_text prints it (control
 * characters as their escapes, the rest as a terminal shows it: textwidth.h). */
static size_t text_width_in(const char *s, const cs_textwidth *tw)
{
    size_t w = 0, k, n = strlen(s);
    char esc[8];
    while (*s) {
        if ((k = control_escape(s, esc)) != 0) {
            w += strlen(esc);
        } else {
            uint32_t cp;
            k = cs_utf8_decode(s, n, &cp);
            w += (size_t)cs_cp_width(tw, cp);
        }
        s += k;
        n -= k;
    }
    return w;
}

void cs_out_put_text(const char *s, FILE *f)
{
    size_t k;
    char esc[8];
    while (*s) {
        if ((k = control_escape(s, esc)) != 0) {
            fputs(esc, f);
            s += k;
        } else {
            fputc(*s++, f);
        }
    }
}

static void pad(FILE *f, size_t n)
{
    while (n--)
        fputc(' ', f);
}

/* A table shows a missing value as "-", where CSV leaves the field empty:
 * "budget: " reads as a value lost, not as none given. */
static const char *table_text(const field *fl)
{
    if (!fl)
        return "";
    return fl->kind == V_LITERAL && strcmp(fl->json, "null") == 0 ? "-" : fl->text;
}

static void print_table(const cs_out *o, FILE *f)
{
    for (size_t i = 0; i < o->top.n; i++) {
        cs_out_put_text(o->top.f[i].key, f);
        fputs(": ", f);
        cs_out_put_text(table_text(&o->top.f[i]), f);
        fputc('\n', f);
    }
    if (o->n_rows == 0) {
        if (o->top.n == 0)
            fprintf(f, "(no %s)\n", o->list_name ? o->list_name : "results");
        return;
    }
    if (o->top.n)
        fputc('\n', f);
    const char **cols;
    size_t nc = collect_columns(o, &cols);
    cs_textwidth *tw = cs_textwidth_open();
    size_t *width = xrealloc(NULL, nc * sizeof *width);
    int *right = xrealloc(NULL, nc * sizeof *right);
    for (size_t c = 0; c < nc; c++) {
        width[c] = text_width_in(cols[c], tw);
        right[c] = 1;
        for (size_t r = 0; r < o->n_rows; r++) {
            const field *fl = find(&o->rows[r], cols[c]);
            if (!fl)
                continue;
            size_t w = text_width_in(table_text(fl), tw);
            if (w > width[c])
                width[c] = w;
            if (fl->kind == V_STR)
                right[c] = 0;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        size_t w = text_width_in(cols[c], tw);
        if (c)
            fputs("  ", f);
        if (right[c])
            pad(f, width[c] - w);
        cs_out_put_text(cols[c], f);
        if (!right[c] && c + 1 < nc)
            pad(f, width[c] - w);
    }
    fputc('\n', f);
    for (size_t r = 0; r < o->n_rows; r++) {
        for (size_t c = 0; c < nc; c++) {
            const field *fl = find(&o->rows[r], cols[c]);
            const char *t = table_text(fl);
            size_t w = text_width_in(t, tw);
            if (c)
                fputs("  ", f);
            if (right[c])
                pad(f, width[c] - w);
            cs_out_put_text(t, f);
            if (!right[c] && c + 1 < nc)
                pad(f, width[c] - w);
        }
        fputc('\n', f);
    }
    free(width);
    free(right);
    free(cols);
    cs_textwidth_close(tw);
}

int cs_out_print(const cs_out *o, cs_format fmt, FILE *f)
{
    switch (fmt) {
    case CS_FORMAT_JSON: print_json(o, f); break;
    case CS_FORMAT_CSV: print_csv(o, f); break;
    case CS_FORMAT_TABLE: print_table(o, f); break;
    }
    if (fflush(f) != 0 || ferror(f))
        return -1;
    return 0;
}
