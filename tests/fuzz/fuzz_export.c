/* fuzz_export.c - the writers of names read from files: CSV, SVG, the table.
 *
 * A model name is data from a file and reaches three writers that promise
 * something a reader relies on, checked here by readers of their own:
 *  - csvwrite.h: a record of cs_csv_field fields reads back, by a small
 *    RFC 4180 reader, as the same fields, byte for byte;
 *  - svg.h: cs_svg_plot's document is XML 1.0 whatever the names hold: well-
 *    formed UTF-8 of XML characters only, tags balanced under one root, '&'
 *    only as an entity, '<' only as markup, text without C0 controls;
 *  - cli/output.h: a record's text cell in a table takes at most 120 columns;
 *    one wider is its escaped text cut in the middle at "...", a start and
 *    an end of the whole, cut between characters (never inside a UTF-8
 *    sequence, never before a combining mark).
 *
 * Input: 8 bytes of parameters (view, size, cursor, curves), then up to
 * four texts ended by NUL: the title, then the curves' labels; every one is
 * a CSV field and a table cell.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "capscope/csvwrite.h"
#include "cli/output.h"
#include "capscope/plot.h"
#include "capscope/svg.h"
#include "capscope/textwidth.h"
#include "fuzz.h"

enum { HEADER = 8, MAX_TEXTS = 4, MAX_TEXT = 4096, CELL_COLS = 120 };

/* One code point of well-formed UTF-8 at s (n bytes): its length, or 0
 * when the bytes there are not well-formed (overlong, surrogate, past
 * U+10FFFF, cut short). Written from RFC 3629's table, not the project's. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    size_t k;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        k = 2, v = c & 0x1f, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        k = 3, v = c & 0x0f, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        k = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < k)
        return 0;
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        v = v << 6 | (s[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0;
    *cp = v;
    return k;
}

static int is_utf8(const char *s, size_t n)
{
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k)
        if ((k = utf8_next((const unsigned char *)s + i, n - i, &cp)) == 0)
            return 0;
    return 1;
}

/* ---- CSV ---------------------------------------------------------------- */

/* Read one field of an RFC 4180 record at *p (end e) into out; 1 when a
 * field was read, 0 on a broken one. *p is left at its separator. */
static int csv_read_field(const char **p, const char *e, char *out, size_t *len)
{
    const char *s = *p;
    size_t n = 0;
    if (s < e && *s == '"') {
        for (s++;; s++) {
            if (s >= e)
                return 0; /* no closing quote */
            if (*s == '"') {
                if (s + 1 < e && s[1] == '"') {
                    out[n++] = '"';
                    s++;
                    continue;
                }
                s++;
                break;
            }
            out[n++] = *s;
        }
    } else {
        for (; s < e && *s != ',' && *s != '\n'; s++) {
            if (*s == '"' || *s == '\r')
                return 0; /* RFC 4180: only in a quoted field */
            out[n++] = *s;
        }
    }
    if (s < e && *s != ',' && *s != '\n')
        return 0; /* text after a closing quote */
    *p = s;
    *len = n;
    return 1;
}

static void check_csv(char *const *texts, size_t n_texts)
{
    char *doc = NULL;
    size_t doc_len = 0;
    FILE *f = open_memstream(&doc, &doc_len);
    FUZZ_ASSERT(f != NULL);
    for (size_t i = 0; i < n_texts; i++) {
        if (i)
            fputc(',', f);
        cs_csv_field(texts[i], f);
    }
    fputc('\n', f);
    FUZZ_ASSERT(fclose(f) == 0);
    const char *p = doc, *e = doc + doc_len;
    char *field = malloc(doc_len + 1);
    FUZZ_ASSERT(field != NULL);
    for (size_t i = 0; i < n_texts; i++) {
        size_t len = 0;
        if (!csv_read_field(&p, e, field, &len)) {
            fprintf(stderr, "CSV field %zu does not read back: %s\n", i, doc);
            abort();
        }
        if (len != strlen(texts[i]) || memcmp(field, texts[i], len) != 0) {
            fprintf(stderr, "CSV field %zu reads back as another text: %s\n", i, doc);
            abort();
        }
        FUZZ_ASSERT(p < e && *p == (i + 1 < n_texts ? ',' : '\n'));
        p++;
    }
    FUZZ_ASSERT(p == e);
    free(field);
    free(doc);
}

/* ---- SVG ---------------------------------------------------------------- */

static int xml_char(uint32_t cp)
{
    return cp == 0x9 || cp == 0xa || cp == 0xd || (cp >= 0x20 && cp <= 0xd7ff) ||
           (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

static int name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

static int name_char(char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* An entity reference at s ('&' first): its length, or 0 when it is none
 * of XML's five or a character reference to an XML character. */
static size_t entity(const char *s, const char *e)
{
    static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
    for (size_t i = 0; i < sizeof named / sizeof *named; i++) {
        size_t n = strlen(named[i]);
        if ((size_t)(e - s) >= n && memcmp(s, named[i], n) == 0)
            return n;
    }
    if (e - s < 4 || s[1] != '#')
        return 0;
    const char *p = s + 2;
    int hex = *p == 'x';
    p += hex;
    uint32_t v = 0;
    size_t digits = 0;
    for (; p < e && *p != ';'; p++, digits++) {
        int d = *p >= '0' && *p <= '9' ? *p - '0' :
                hex && *p >= 'a' && *p <= 'f' ? *p - 'a' + 10 :
                hex && *p >= 'A' && *p <= 'F' ? *p - 'A' + 10 : -1;
        if (d < 0 || digits > 8)
            return 0;
        v = v * (hex ? 16 : 10) + (uint32_t)d;
    }
    if (p >= e || digits == 0 || !xml_char(v))
        return 0;
    return (size_t)(p + 1 - s);
}

/* Character data (text or an attribute's value, up to stop): entities
 * only, no '<', no C0 control but in whitespace between elements. */
static void check_chars(const char *s, const char *e, int text)
{
    int blank = 1;
    for (const char *p = s; p < e; p++)
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
            blank = 0;
    for (const char *p = s; p < e;) {
        FUZZ_ASSERT(*p != '<');
        if (*p == '&') {
            size_t k = entity(p, e);
            if (k == 0) {
                fprintf(stderr, "a bare '&' in the SVG: %.40s\n", p);
                abort();
            }
            p += k;
            continue;
        }
        if ((unsigned char)*p < 0x20 && !(text && blank)) {
            fprintf(stderr, "a control character 0x%02x in the SVG's %s\n", (unsigned char)*p,
                    text ? "text" : "attribute");
            abort();
        }
        p++;
    }
}

static void check_svg_doc(const char *doc, size_t n)
{
    /* XML characters, well-formed UTF-8. */
    uint32_t cp;
    for (size_t i = 0, k; i < n; i += k) {
        k = utf8_next((const unsigned char *)doc + i, n - i, &cp);
        if (k == 0 || !xml_char(cp)) {
            fprintf(stderr, "the SVG holds a byte 0x%02x that is no XML character at %zu\n",
                    (unsigned char)doc[i], i);
            abort();
        }
    }
    enum { DEPTH = 64 };
    const char *stack[DEPTH];
    size_t stack_len[DEPTH], depth = 0, roots = 0;
    const char *p = doc, *e = doc + n;
    while (p < e) {
        if (*p != '<') {
            const char *q = memchr(p, '<', (size_t)(e - p));
            q = q ? q : e;
            check_chars(p, q, 1);
            if (depth == 0)
                for (const char *r = p; r < q; r++)
                    FUZZ_ASSERT(*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r');
            p = q;
            continue;
        }
        if (e - p >= 2 && p[1] == '?') { /* a processing instruction: <?xml ...?> */
            const char *q = strstr(p, "?>");
            FUZZ_ASSERT(q != NULL);
            p = q + 2;
            continue;
        }
        if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *q = strstr(p + 4, "-->");
            FUZZ_ASSERT(q != NULL);
            p = q + 3;
            continue;
        }
        if (e - p >= 2 && p[1] == '!') { /* <!DOCTYPE ...> */
            FUZZ_ASSERT(depth == 0 && roots == 0);
            const char *q = memchr(p, '>', (size_t)(e - p));
            FUZZ_ASSERT(q != NULL);
            p = q + 1;
            continue;
        }
        int closing = e - p >= 2 && p[1] == '/';
        p += 1 + closing;
        const char *name = p;
        FUZZ_ASSERT(p < e && name_start(*p));
        while (p < e && name_char(*p))
            p++;
        size_t name_len = (size_t)(p - name);
        if (closing) {
            while (p < e && (*p == ' ' || *p == '\n'))
                p++;
            FUZZ_ASSERT(p < e && *p == '>');
            p++;
            if (depth == 0 || stack_len[depth - 1] != name_len ||
                memcmp(stack[depth - 1], name, name_len) != 0) {
                fprintf(stderr, "</%.*s> closes no open element\n", (int)name_len, name);
                abort();
            }
            depth--;
            continue;
        }
        if (depth == 0) {
            FUZZ_ASSERT(roots == 0); /* one root */
            roots++;
        }
        for (;;) {
            int space = 0;
            while (p < e && (*p == ' ' || *p == '\n' || *p == '\t')) {
                p++;
                space = 1;
            }
            FUZZ_ASSERT(p < e);
            if (*p == '>' || (*p == '/' && p + 1 < e && p[1] == '>'))
                break;
            FUZZ_ASSERT(space && name_start(*p));
            while (p < e && name_char(*p))
                p++;
            FUZZ_ASSERT(p + 1 < e && *p == '=' && (p[1] == '"' || p[1] == '\''));
            char quote = p[1];
            p += 2;
            const char *q = memchr(p, quote, (size_t)(e - p));
            FUZZ_ASSERT(q != NULL);
            check_chars(p, q, 0);
            p = q + 1;
        }
        if (*p == '/') {
            p += 2;
        } else {
            p++;
            FUZZ_ASSERT(depth < DEPTH);
            stack[depth] = name;
            stack_len[depth++] = name_len;
        }
    }
    if (depth != 0 || roots != 1) {
        fprintf(stderr, "the SVG leaves %zu element(s) open, has %zu root(s)\n", depth, roots);
        abort();
    }
}

static void check_svg(const uint8_t *h, char *const *texts, size_t n_texts, const uint8_t *data,
                      size_t size)
{
    cs_plot_spec spec;
    cs_plot_spec_init(&spec);
    if (h[0] & 1) {
        spec.x_min = 18 + h[3] / 32.0;
        spec.x_max = 18 + h[4] / 32.0; /* not above x_min: unset */
    }
    if (h[0] & 2) {
        spec.y_min = (h[5] - 64) / 128.0;
        spec.y_max = (h[6] - 64) / 128.0;
    }
    spec.cursor_set = (h[0] & 4) != 0;
    spec.cursor_z = 18 + h[7] / 24.0;
    spec.cursor_y = (h[5] ^ h[6]) / 200.0 - 0.1;
    spec.unicode_labels = (h[0] & 8) != 0;
    spec.title = n_texts > 0 ? texts[0] : NULL;
    cs_plot_curve curves[MAX_TEXTS - 1];
    size_t n_curves = 0;
    for (size_t i = 1; i < n_texts && n_curves < (h[0] >> 6) + 1u; i++) {
        curves[n_curves] = (cs_plot_curve){
            .p = { .y0 = 0.25, .L = 0.7 - 0.1 * (double)n_curves, .z_star = 20 + h[7] / 32.0,
                   .b = 0.5 + h[3] / 64.0 },
            .z_lo = 19, .z_hi = 25 + (h[4] & 3), .style = 0, .label = texts[i] };
        n_curves++;
    }
    spec.curves = curves;
    spec.n_curves = n_curves;
    /* Points from the bytes: a few, inside and outside the view. */
    enum { MAX_POINTS = 64 };
    double z[MAX_POINTS], y[MAX_POINTS];
    size_t n_points = 0;
    for (size_t i = 0; i + 1 < size && n_points < MAX_POINTS; i += 2, n_points++) {
        z[n_points] = 18 + data[i] / 28.0;
        y[n_points] = (data[i + 1] - 16) / 220.0;
    }
    cs_plot_series series = { .z = z, .y = y, .n = n_points, .style = 0 };
    if (h[0] & 16) {
        spec.series = &series;
        spec.n_series = 1;
    }
    /* svg.h states no least size; the callers ask 800 x 500. Below about
     * 72 x 72 the plot area has no size at all (the margins take it). */
    int width = 160 + h[1] * 4, height = 120 + h[2] * 3;
    char *doc = cs_svg_plot(&spec, NULL, width, height);
    FUZZ_ASSERT(doc != NULL);
    check_svg_doc(doc, strlen(doc));
    free(doc);
}

/* ---- the table's text cell ---------------------------------------------- */

/* The lines of s (n bytes), each without its '\n'. */
static size_t line_at(const char *s, size_t n, size_t k, const char **line)
{
    const char *p = s, *e = s + n;
    for (; k; k--) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        FUZZ_ASSERT(nl != NULL);
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    FUZZ_ASSERT(nl != NULL);
    *line = p;
    return (size_t)(nl - p);
}

/* A code point that belongs to the character before it (textwidth.h: a
 * combining mark, zero columns), unless that is a control the table shows
 * as an escape, after which a mark is a unit of its own. */
static int is_mark_after(const cs_textwidth *tw, const uint32_t *cp, size_t k)
{
    return k > 0 && cs_cp_width(tw, cp[k]) == 0 && !cs_cp_control(cp[k]) && !cs_cp_control(cp[k - 1]);
}

static void check_table(const cs_textwidth *tw, const char *text)
{
    cli_out *o = cli_out_new("rows");
    FUZZ_ASSERT(o != NULL);
    cli_out_record(o);
    cli_out_str(o, "name", text);
    char *doc = NULL;
    size_t doc_len = 0;
    FILE *f = open_memstream(&doc, &doc_len);
    FUZZ_ASSERT(f != NULL);
    FUZZ_ASSERT(cli_out_print(o, CLI_FORMAT_TABLE, f) == 0);
    FUZZ_ASSERT(fclose(f) == 0);
    cli_out_free(o);
    /* The header "name", the row, maybe the note of the cut. */
    const char *row;
    size_t row_len = line_at(doc, doc_len, 1, &row);
    FUZZ_ASSERT(is_utf8(doc, doc_len));
    char *r = malloc(row_len + 1);
    FUZZ_ASSERT(r != NULL);
    memcpy(r, row, row_len);
    r[row_len] = '\0';
    size_t cols = cs_text_width(tw, r);
    if (cols > CELL_COLS && cols != 4) { /* at most its room, or padded to "name" */
        fprintf(stderr, "a table cell of %zu columns: '%s'\n", cols, r);
        abort();
    }
    size_t n = strlen(text);
    if (!is_utf8(text, n)) {
        free(r);
        free(doc);
        return;
    }
    /* The text as the table escapes it, whole, and where each code point's
     * escape or bytes start in it (at[k]; at[n_cp] its end). */
    uint32_t *cp = malloc((n + 1) * sizeof *cp);
    size_t *at = malloc((n + 1) * sizeof *at), n_cp = 0;
    FUZZ_ASSERT(cp && at);
    char *full = NULL;
    size_t full_len = 0;
    FILE *g = open_memstream(&full, &full_len);
    FUZZ_ASSERT(g != NULL);
    for (size_t i = 0, k; i < n; i += k, n_cp++) {
        k = utf8_next((const unsigned char *)text + i, n - i, &cp[n_cp]);
        char one[5] = { 0 };
        memcpy(one, text + i, k);
        FUZZ_ASSERT(fflush(g) == 0);
        at[n_cp] = full_len;
        cli_out_put_text(one, g);
    }
    FUZZ_ASSERT(fflush(g) == 0);
    at[n_cp] = full_len;
    FUZZ_ASSERT(fclose(g) == 0);
    {   /* code point by code point as the whole is escaped */
        char *whole = NULL;
        size_t whole_len = 0;
        FILE *w = open_memstream(&whole, &whole_len);
        FUZZ_ASSERT(w != NULL);
        cli_out_put_text(text, w);
        FUZZ_ASSERT(fclose(w) == 0);
        FUZZ_ASSERT(whole_len == full_len && memcmp(whole, full, full_len) == 0);
        free(whole);
    }
    /* The note under the row (the text itself may say anything). */
    const char *after = row + row_len + 1, *note = "(1 cell longer than 120 columns cut in the middle at '...'; ";
    int cut = (size_t)(doc + doc_len - after) > strlen(note) && memcmp(after, note, strlen(note)) == 0;
    FUZZ_ASSERT(cut || after == doc + doc_len);
    FUZZ_ASSERT(cut == (cs_text_width(tw, full) > CELL_COLS));
    if (!cut) {
        /* whole, padded to the header's width */
        FUZZ_ASSERT(row_len >= full_len && memcmp(r, full, full_len) == 0);
        for (size_t i = full_len; i < row_len; i++)
            FUZZ_ASSERT(r[i] == ' ');
    } else {
        /* START...END: code points [0, i) and [j, n_cp), each escaped
         * whole, neither cut before a mark of the character before it */
        int found = 0;
        for (size_t i = 0; i <= n_cp && !found; i++) {
            size_t head = at[i];
            if (head + 3 > row_len || memcmp(r, full, head) != 0 || memcmp(r + head, "...", 3) != 0)
                continue;
            size_t tail = row_len - head - 3;
            for (size_t j = i; j <= n_cp; j++)
                if (full_len - at[j] == tail && memcmp(r + head + 3, full + at[j], tail) == 0) {
                    found = 1;
                    if ((i < n_cp && is_mark_after(tw, cp, i)) || (j < n_cp && is_mark_after(tw, cp, j))) {
                        fprintf(stderr, "the cut row '%s' splits a character from its mark\n", r);
                        abort();
                    }
                    FUZZ_ASSERT(cs_text_width(tw, r) <= CELL_COLS);
                    break;
                }
        }
        if (!found) {
            fprintf(stderr, "the cut row is no start and end of the text, whole code points: '%s'\n", r);
            abort();
        }
    }
    free(full);
    free(cp);
    free(at);
    free(r);
    free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cs_textwidth *tw;
    if (!tw)
        tw = cs_textwidth_open();
    FUZZ_ASSERT(tw != NULL);
    uint8_t h[HEADER] = { 0 };
    memcpy(h, data, size < HEADER ? size : HEADER);
    data += size < HEADER ? size : HEADER;
    size -= size < HEADER ? size : HEADER;
    if (size > MAX_TEXT)
        size = MAX_TEXT;
    char *texts[MAX_TEXTS];
    size_t n_texts = 0;
    const uint8_t *p = data, *e = data + size;
    while (n_texts < MAX_TEXTS && (p < e || n_texts == 0)) {
        const uint8_t *nul = memchr(p, 0, (size_t)(e - p));
        size_t n = nul ? (size_t)(nul - p) : (size_t)(e - p);
        texts[n_texts] = fuzz_cstring(p, n);
        FUZZ_ASSERT(texts[n_texts] != NULL);
        n_texts++;
        p += n + (nul != NULL);
    }
    check_csv(texts, n_texts);
    check_svg(h, texts, n_texts, data, size);
    for (size_t i = 0; i < n_texts; i++)
        check_table(tw, texts[i]);
    for (size_t i = 0; i < n_texts; i++)
        free(texts[i]);
    return 0;
}
