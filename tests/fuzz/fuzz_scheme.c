/* fuzz_scheme.c - the split scheme spec (--scheme, :scheme, the state file).
 *
 * Input: the spec on the first line; the rest, when it is a CSV the reader
 * accepts, is the data the rolling windows are laid over (else a small
 * fixed table, and also no data at all). split.h promises that every name
 * cs_scheme_name writes parses back as the same scheme, so a scheme saved in
 * the session state comes back as it was; that is checked on every scheme
 * parsed, and again after a cut was moved. A refusal says its reason whole:
 * the scheme is quoted shortened (88024ac), so the message is never cut at
 * the size of cs_error's, and it is valid UTF-8 when the spec is.
 */
#include <string.h>

#include "capscope/dataset.h"
#include "capscope/split.h"
#include "fuzz.h"

static const char fixed_csv[] =
    "model,flops,date,alpha\n"
    "m1,1e21,2023-01-15,0.1\n"
    "m2,2e21,2023-11-30,0.2\n"
    "m3,8e22,2024-07-01,0.4\n"
    "m4,1e23,2024-12-31,0.5\n"
    "m5,6e24,2025-03-01,0.7\n";

static void check_scheme(const cs_scheme *s)
{
    FUZZ_ASSERT(s->kind >= CS_SCHEME_PERIOD4 && s->kind <= CS_SCHEME_ROLLING);
    FUZZ_ASSERT(s->n_periods <= CS_MAX_CUTS + 1 && s->n_splits <= CS_MAX_CUTS + 1);
    FUZZ_ASSERT(cs_scheme_n_splits(s) == s->n_splits);
    for (size_t i = 0; i < s->n_periods; i++) {
        FUZZ_ASSERT(s->lo[i] < s->hi[i]);
        FUZZ_ASSERT(i == 0 || s->lo[i] == s->hi[i - 1]);
        /* A period's first day falls in that period and no other. */
        if (s->lo[i] != INT32_MIN)
            FUZZ_ASSERT(cs_scheme_period_of(s, s->lo[i]) == (int)i);
    }
    if (s->kind == CS_SCHEME_ROLLING) {
        FUZZ_ASSERT(s->n_periods == 0 && s->n_splits >= 1);
        FUZZ_ASSERT(s->window_months >= 1 && s->horizon_months >= 1 && s->step_months >= 1);
    } else {
        FUZZ_ASSERT(s->n_periods >= 2 && s->n_splits == s->n_periods - 1);
    }
    for (size_t k = 0; k < s->n_splits; k++) {
        const cs_split_range *r = &s->splits[k];
        FUZZ_ASSERT(r->train_lo < r->train_hi && r->train_hi <= r->val_lo && r->val_lo < r->val_hi);
        /* Training comes strictly before validation. */
        if (r->val_lo != INT32_MIN)
            FUZZ_ASSERT(cs_split_side(s, k + 1, r->val_lo) == 2);
        if (r->train_hi != INT32_MAX && r->train_hi - 1 >= r->train_lo && r->train_hi - 1 != CS_NO_DATE)
            FUZZ_ASSERT(cs_split_side(s, k + 1, r->train_hi - 1) == 1);
    }
}

/* The name reads back as the same scheme, and names itself the same way. */
static void check_round_trip(const cs_scheme *s, const cs_dataset *ds)
{
    char name[CS_SCHEME_NAME_MAX], again[CS_SCHEME_NAME_MAX];
    cs_scheme_name(s, name, sizeof name);
    FUZZ_ASSERT(memchr(name, '\0', sizeof name) != NULL && name[0] != '\0');
    cs_scheme back;
    cs_error err = { 0 };
    if (cs_scheme_parse(name, ds, &back, &err) != 0) {
        fprintf(stderr, "scheme named '%s' is refused: %s\n", name, err.msg);
        abort();
    }
    check_scheme(&back);
    cs_scheme_name(&back, again, sizeof again);
    if (strcmp(name, again) != 0 || back.n_periods != s->n_periods || back.n_splits != s->n_splits ||
        memcmp(back.lo, s->lo, sizeof s->lo) != 0 || memcmp(back.hi, s->hi, sizeof s->hi) != 0 ||
        memcmp(back.splits, s->splits, s->n_splits * sizeof s->splits[0]) != 0) {
        fprintf(stderr, "scheme '%s' reads back as '%s'\n", name, again);
        abort();
    }
    /* A buffer too small for the name leaves it empty, never cut. */
    size_t len = strlen(name);
    char small[CS_SCHEME_NAME_MAX];
    cs_scheme_name(s, small, len);
    FUZZ_ASSERT(small[0] == '\0' || len == 0);
}

/* Strict UTF-8 (RFC 3629: no overlong form, surrogate or code point past
 * U+10FFFF), written plainly. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c = *p, n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2
                                                                        : c >= 0xF0 && c < 0xF5 ? 3 : 9;
        if (n == 9)
            return 0;
        uint32_t cp = n == 0 ? c : c & (0x3Fu >> n);
        for (unsigned k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp < 0xE000))
            return 0;
        p += n + 1;
    }
    return 1;
}

static void check_refusal(const cs_error *err, const char *spec)
{
    FUZZ_ASSERT(err->kind == CS_ERR_INPUT && err->msg[0] != '\0');
    if (strlen(err->msg) + 1 >= sizeof err->msg) {
        fprintf(stderr, "scheme of %zu bytes: the refusal fills the message: %s\n", strlen(spec), err->msg);
        abort();
    }
    FUZZ_ASSERT(!valid_utf8(spec) || valid_utf8(err->msg));
}

static void fuzz_one(const char *spec, const cs_dataset *ds, unsigned seed)
{
    cs_scheme s;
    cs_error err = { 0 };
    if (cs_scheme_parse(spec, ds, &s, &err) != 0) {
        check_refusal(&err, spec);
        return;
    }
    check_scheme(&s);
    check_round_trip(&s, ds);

    /* Move each cut by an amount the input chose, as the TUI's cut keys do. */
    for (size_t c = 0; c + 1 < s.n_periods; c++) {
        int32_t step = (int32_t)(seed % 4001) - 2000;
        int32_t day = s.lo[c + 1] == INT32_MIN ? 0 : s.lo[c + 1] + step;
        cs_scheme moved = s;
        if (cs_scheme_move_cut(&moved, c, day, &err) == 0) {
            FUZZ_ASSERT(moved.lo[c + 1] == day);
            check_scheme(&moved);
            check_round_trip(&moved, ds);
        } else {
            FUZZ_ASSERT(err.msg[0] != '\0');
            FUZZ_ASSERT(memcmp(&moved, &s, sizeof s) == 0);
        }
        seed = seed * 1103515245u + 12345u;
    }
    FUZZ_ASSERT(cs_scheme_move_cut(&s, s.n_periods, 0, &err) == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    char *nl = strchr(text, '\n');
    const char *csv = nl ? nl + 1 : "";
    if (nl)
        *nl = '\0';
    unsigned seed = 0;
    for (size_t i = 0; i < size; i++)
        seed = seed * 31u + data[i];

    cs_dataset *ds = NULL;
    cs_error err = { 0 };
    if (*csv && cs_dataset_parse(csv, strlen(csv), "fuzz.csv", NULL, &ds, &err) == 0) {
        fuzz_one(text, ds, seed);
        cs_dataset_free(ds);
        ds = NULL;
    }
    if (cs_dataset_parse(fixed_csv, sizeof fixed_csv - 1, "fixed.csv", NULL, &ds, &err) == 0) {
        fuzz_one(text, ds, seed);
        cs_dataset_free(ds);
    }
    fuzz_one(text, NULL, seed);
    free(text);
    return 0;
}
