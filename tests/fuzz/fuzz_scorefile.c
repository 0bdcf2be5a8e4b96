/* fuzz_scorefile.c - the records of `capscope score --from`.
 *
 * scorefile.h promises: any text is read or refused without harm; the
 * records come in the order of the file, each at the physical line where it
 * starts, with at least one field; a record model,task,value is a header
 * and never a record, wherever it is. And the records are what the file says: each
 * three-field record written back as CSV, every field quoted, reads back
 * as the same fields in the same order (behind a header line, so that a
 * record spelt model,task,value is read as one).
 */
#include <string.h>

#include "capscope/dataset.h"
#include "capscope/scorefile.h"
#include "fuzz.h"

static int is_header(const cs_score_record *r)
{
    return r->n_fields == 3 && cs_ascii_casecmp(r->model, "model") == 0 &&
           cs_ascii_casecmp(r->task, "task") == 0 && cs_ascii_casecmp(r->value, "value") == 0;
}

/* s quoted as RFC 4180 quotes a field: in quotes, a quote doubled. */
static size_t put_quoted(char *out, const char *s)
{
    size_t n = 0;
    out[n++] = '"';
    for (; *s; s++) {
        if (*s == '"')
            out[n++] = '"';
        out[n++] = *s;
    }
    out[n++] = '"';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    cs_scorefile sf;
    cs_error err = { 0 };
    if (cs_scorefile_parse(text, size, "fuzz.csv", &sf, &err) != 0) {
        FUZZ_ASSERT(err.msg[0] != '\0');
        FUZZ_ASSERT(sf.n == 0 && sf.rec == NULL && sf.text == NULL);
        return 0;
    }
    long last = 1;
    size_t kept = 0, room = 64;
    for (size_t k = 0; k < sf.n; k++) {
        const cs_score_record *r = &sf.rec[k];
        FUZZ_ASSERT(r->n_fields >= 1);
        FUZZ_ASSERT(r->line >= last);
        last = r->line;
        FUZZ_ASSERT(r->model && r->task && r->value);
        FUZZ_ASSERT(r->n_fields >= 2 || (r->task[0] == '\0' && r->value[0] == '\0'));
        FUZZ_ASSERT(r->n_fields >= 3 || r->value[0] == '\0');
        FUZZ_ASSERT(!is_header(r));
        if (r->n_fields == 3) {
            kept++;
            room += 2 * (strlen(r->model) + strlen(r->task) + strlen(r->value)) + 10;
        }
    }
    /* Written back, every field quoted, behind a header. */
    char *back = malloc(room);
    FUZZ_ASSERT(back);
    size_t n = 0;
    memcpy(back, "model,task,value\n", 17);
    n = 17;
    for (size_t k = 0; k < sf.n; k++) {
        const cs_score_record *r = &sf.rec[k];
        if (r->n_fields != 3)
            continue;
        n += put_quoted(back + n, r->model);
        back[n++] = ',';
        n += put_quoted(back + n, r->task);
        back[n++] = ',';
        n += put_quoted(back + n, r->value);
        back[n++] = '\n';
    }
    back[n] = '\0';
    FUZZ_ASSERT(n < room);
    cs_scorefile again;
    FUZZ_ASSERT(cs_scorefile_parse(back, n, "back.csv", &again, &err) == 0);
    FUZZ_ASSERT(again.n == kept);
    for (size_t k = 0, j = 0; k < sf.n; k++) {
        const cs_score_record *r = &sf.rec[k];
        if (r->n_fields != 3)
            continue;
        const cs_score_record *a = &again.rec[j++];
        FUZZ_ASSERT(a->n_fields == 3);
        FUZZ_ASSERT(strcmp(a->model, r->model) == 0);
        FUZZ_ASSERT(strcmp(a->task, r->task) == 0);
        FUZZ_ASSERT(strcmp(a->value, r->value) == 0);
    }
    cs_scorefile_free(&again);
    cs_scorefile_free(&sf);
    return 0;
}
