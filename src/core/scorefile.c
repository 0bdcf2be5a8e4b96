/* scorefile.c - the records of `capscope score --from`, by the data file's
 * own CSV reader, so that a name quoted in the data is quoted the same way
 * here. */
#include "capscope/scorefile.h"

#include <stdlib.h>
#include <string.h>

#include "data_internal.h"

void cs_scorefile_free(cs_scorefile *sf)
{
    free(sf->rec);
    free(sf->text);
    memset(sf, 0, sizeof *sf);
}

static int is_header(const cs_csv *c)
{
    static const char *const names[3] = { "model", "task", "value" };
    if (c->n_fields != 3)
        return 0;
    for (size_t i = 0; i < 3; i++)
        if (cs_ascii_casecmp(cs_csv_field(c, i), names[i]) != 0)
            return 0;
    return 1;
}

/* The records' fields are copied into one block; the pointers are set once
 * it stops moving (offsets meanwhile). */
typedef struct pending {
    long line;
    size_t n_fields;
    size_t off[3];
} pending;

int cs_scorefile_read(const char *path, cs_scorefile *out, cs_error *err)
{
    memset(out, 0, sizeof *out);
    char *text;
    size_t len;
    if (cs_read_text_file(path, &text, &len, err) != 0)
        return -1;
    return cs_scorefile_parse(text, len, path, out, err);
}

/* A byte-order mark, as a spreadsheet's export starts with, dropped at the
 * start of the text and of every line: lists joined with cat (each a
 * "CSV UTF-8" export) put one before each list's header, which was then
 * refused as a record of a model named "\ufeffmodel". Bytes within a line
 * go, so the lines keep their numbers. Returns the new length. */
static size_t drop_line_boms(char *text, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        int line_start = r == 0 || text[r - 1] == '\n' || text[r - 1] == '\r';
        if (line_start && len - r >= 3 && memcmp(text + r, "\xEF\xBB\xBF", 3) == 0) {
            r += 3;
            continue;
        }
        text[w++] = text[r++];
    }
    return w;
}

int cs_scorefile_parse(char *text, size_t len, const char *name, cs_scorefile *out, cs_error *err)
{
    memset(out, 0, sizeof *out);
    const char *path = name;
    if (cs_check_utf8_text(text, len, path, err) != 0) {
        free(text);
        return -1;
    }
    len = drop_line_boms(text, len);
    cs_csv c;
    cs_csv_init(&c, text, len, path);
    pending *p = NULL;
    char *fields = NULL;
    size_t n = 0, cap = 0, used = 0, room = 0;
    int rc;
    while ((rc = cs_csv_next(&c, err)) == 1) {
        /* Wherever it is: lists joined with cat repeat it, and it can be
         * no record ("value" is no score). */
        if (is_header(&c))
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            pending *q = realloc(p, nc * sizeof *q);
            if (!q)
                goto no_memory;
            p = q;
            cap = nc;
        }
        pending r = { c.record_line, c.n_fields, { 0, 0, 0 } };
        for (size_t i = 0; i < 3; i++) {
            const char *f = i < c.n_fields ? cs_csv_field(&c, i) : "";
            size_t fl = strlen(f) + 1;
            if (used + fl > room) {
                size_t nr = room ? room : 1024;
                while (used + fl > nr)
                    nr *= 2;
                char *g = realloc(fields, nr);
                if (!g)
                    goto no_memory;
                fields = g;
                room = nr;
            }
            memcpy(fields + used, f, fl);
            r.off[i] = used;
            used += fl;
        }
        p[n++] = r;
    }
    cs_csv_free(&c);
    free(text);
    if (rc < 0) {
        free(p);
        free(fields);
        return -1;
    }
    out->rec = n ? malloc(n * sizeof *out->rec) : NULL;
    if (n && !out->rec) {
        free(p);
        free(fields);
        return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    }
    for (size_t k = 0; k < n; k++)
        out->rec[k] = (cs_score_record){ p[k].line, p[k].n_fields, fields + p[k].off[0], fields + p[k].off[1],
                                         fields + p[k].off[2] };
    out->n = n;
    out->text = fields;
    free(p);
    return 0;
no_memory:
    cs_csv_free(&c);
    free(text);
    free(p);
    free(fields);
    return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
}
