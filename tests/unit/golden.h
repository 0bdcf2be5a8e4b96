/* golden.h - a drawing or an export compared byte for byte with its file
 * under tests/golden (GOLDEN_DIR, given by the test's CFLAGS), for
 * test_plot, test_tui_screen and test_plot_pane.
 *
 * CAPSCOPE_UPDATE_GOLDEN=1 rewrites the file with what the test got, after
 * a deliberate change (then review the diff: git diff tests/golden).
 * Otherwise a mismatch fails the test, says where the two first differ
 * (byte, line, both lines) and leaves what the test got in NAME.actual in
 * the build directory, for `diff -u GOLDEN NAME.actual`.
 */
#ifndef CAPSCOPE_TESTS_GOLDEN_H
#define CAPSCOPE_TESTS_GOLDEN_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/durable.h"

#ifndef GOLDEN_DIR
#error "golden.h needs GOLDEN_DIR, the tests/golden directory (-DGOLDEN_DIR=...)"
#endif

/* The whole file, NUL-terminated, its length in *len; NULL when unreadable. */
static inline char *golden_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    do {
        if (n + 4097 > cap)
            ck_assert_ptr_nonnull(buf = realloc(buf, cap = 2 * cap + 4097));
        k = fread(buf + n, 1, 4096, f);
        n += k;
    } while (k > 0);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The line of text (len bytes) that byte at falls in, for a message. */
static inline void golden_line_at(const char *text, size_t len, size_t at, const char **start, int *n)
{
    size_t s = at < len ? at : len;
    while (s > 0 && text[s - 1] != '\n')
        s--;
    size_t e = s;
    while (e < len && text[e] != '\n')
        e++;
    *start = text + s;
    *n = (int)(e - s);
}

/* got (len bytes) is the file GOLDEN_DIR/name, byte for byte. */
static inline void golden_check(const char *name, const char *got, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", GOLDEN_DIR, name);
    const char *update = getenv("CAPSCOPE_UPDATE_GOLDEN");
    if (update && *update == '1') {
        /* All or nothing (durable.h): a write cut short leaves the golden
         * file as it was, not a truncated one the next run compares with. */
        ck_assert_msg(cs_write_atomic(path, got, len, 1) == 0, "cannot write golden file %s: %s", path,
                      strerror(errno));
        return;
    }
    size_t n = 0;
    char *want = golden_read(path, &n);
    ck_assert_msg(want != NULL, "missing golden file %s", path);
    size_t at = 0, line = 1;
    while (at < len && at < n && got[at] == want[at])
        line += got[at++] == '\n';
    if (at < len || at < n) {
        char actual[1100];
        snprintf(actual, sizeof actual, "%s.actual", name);
        FILE *w = fopen(actual, "wb");
        if (w) {
            fwrite(got, 1, len, w);
            fclose(w);
        }
        const char *ws, *gs;
        int wn, gn;
        golden_line_at(want, n, at, &ws, &wn);
        golden_line_at(got, len, at, &gs, &gn);
        fprintf(stderr, "%s: line %zu differs\n- %.*s\n+ %.*s\n(diff -u %s %s)\n", name, line, wn, ws, gn,
                gs, path, actual);
    }
    free(want);
    ck_assert_msg(at == len && at == n,
                  "%s differs from its golden file from byte %zu on, line %zu (%zu bytes, golden %zu;"
                  " got in %s.actual)",
                  name, at, line, len, n, name);
}

#endif
