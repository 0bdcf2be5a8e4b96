/* fuzz_home.c - the home in paths typed as ~/x and shown as ~/x (durable.h).
 *
 * The first line of the input is $HOME, each line after it a path. With
 * HOME absolute, durable.h promises: cs_home_dir is HOME; "~/x" expands to
 * HOME's x (HOME's trailing slashes aside), anything else is returned as it is; a path under HOME (its
 * trailing slashes aside) is shown as ~ and the rest, anything else as it
 * is; a result too long for the buffer is the path as it is, and no buffer
 * is written past its size (each buffer below is exactly its size). So
 * what is shown as ~/x expands back to the path. With HOME relative the home is the password file's: only the
 * buffers are checked.
 */
#include <stdlib.h>
#include <string.h>

#include "capscope/durable.h"
#include "fuzz.h"

typedef const char *(*path_fn)(const char *path, char *buf, size_t size);

/* fn(path) into buffers of every size up to the whole: buf or path itself,
 * buf only when the whole fits, and then the whole. Returns the whole
 * (caller frees) or NULL when fn returns path. */
static char *check_sizes(path_fn fn, const char *path)
{
    size_t cap = strlen(path) + 8192;
    char *big = malloc(cap);
    FUZZ_ASSERT(big != NULL);
    const char *r = fn(path, big, cap);
    FUZZ_ASSERT(r == path || r == big);
    if (r == path) {
        free(big);
        return NULL;
    }
    size_t n = strlen(big);
    for (size_t size = 0; size <= n + 1; size++) {
        char *buf = malloc(size ? size : 1);
        FUZZ_ASSERT(buf != NULL);
        const char *got = fn(path, buf, size);
        if (size <= n)
            FUZZ_ASSERT(got == path);
        else
            FUZZ_ASSERT(got == buf && strcmp(buf, big) == 0);
        free(buf);
    }
    return big;
}

static void check_path(const char *home, const char *path)
{
    int absolute = home[0] == '/';
    size_t hl = strlen(home);
    while (hl > 1 && home[hl - 1] == '/')
        hl--;
    char *expanded = check_sizes(cs_path_expand_home, path);
    int tilde_form = path[0] == '~' && path[1] == '/';
    if (!tilde_form)
        FUZZ_ASSERT(expanded == NULL);
    else if (absolute) {
        /* HOME without its trailing slashes, then the rest after the '~' */
        FUZZ_ASSERT(expanded != NULL && strncmp(expanded, home, hl) == 0 && strcmp(expanded + hl, path + 1) == 0);
    }
    char *shown = check_sizes(cs_path_tilde, path);
    if (absolute) {
        int under = hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/';
        FUZZ_ASSERT((shown != NULL) == under);
        if (shown)
            FUZZ_ASSERT(shown[0] == '~' && strcmp(shown + 1, path + hl) == 0);
    }
    /* Shown short and typed again: the same path. */
    if (absolute && expanded && hl > 1) {
        char *again = check_sizes(cs_path_tilde, expanded);
        FUZZ_ASSERT(again != NULL && strcmp(again, path) == 0);
        free(again);
    }
    free(expanded);
    free(shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    char *nl = strchr(text, '\n');
    if (nl)
        *nl = '\0';
    const char *home = text;
    FUZZ_ASSERT(setenv("HOME", home, 1) == 0);
    if (home[0] == '/') {
        char *h = cs_home_dir();
        FUZZ_ASSERT(h != NULL && strcmp(h, home) == 0);
        free(h);
    }
    for (char *line = nl ? nl + 1 : NULL; line;) {
        char *next = strchr(line, '\n');
        if (next)
            *next = '\0';
        check_path(home, line);
        line = next ? next + 1 : NULL;
    }
    free(text);
    return 0;
}
