/* replay_main.c - run a fuzz harness over saved inputs, without libFuzzer.
 *
 * Usage: replay_TARGET [FILE|DIR]...; with no argument, the corpus of the
 * target the program was built for (FUZZ_CORPUS_ROOT/FUZZ_TARGET). Each file
 * is read into a buffer of exactly its size (so an overread is caught by
 * AddressSanitizer in the sanitizer build) and handed to
 * LLVMFuzzerTestOneInput. A harness that crashes or aborts fails the test;
 * the name of each input is printed first so the log says which one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            fprintf(stderr, "replay: %s: out of memory\n", path);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        fprintf(stderr, "replay: %s: read error\n", path);
        return -1;
    }
    /* Exactly n bytes, as libFuzzer gives them. */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        fprintf(stderr, "replay: %s: out of memory\n", path);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    printf("%s (%zu bytes)\n", path, n);
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    return 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of a directory, in name order so that logs are stable. */
static int replay_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                rc = -1;
                break;
            }
            names = more;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = -1;
            break;
        }
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(names[i]) < 0)
                rc = -1;
            else
                (*count)++;
        }
        free(names[i]);
    }
    free(names);
    if (rc < 0)
        fprintf(stderr, "replay: %s: could not read every input\n", dir);
    return rc;
}

int main(int argc, char **argv)
{
#if defined(FUZZ_CORPUS_ROOT) && defined(FUZZ_TARGET)
    static char *fallback[] = { NULL, FUZZ_CORPUS_ROOT "/" FUZZ_TARGET, NULL };
    if (argc < 2) {
        fallback[0] = argv[0];
        argv = fallback;
        argc = 2;
    }
#endif
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    size_t count = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            rc = 1;
        } else if (S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count) < 0)
                rc = 1;
        } else if (replay_file(argv[i]) < 0) {
            rc = 1;
        } else {
            count++;
        }
    }
    /* An empty corpus would make the test pass without testing anything. */
    if (count == 0) {
        fprintf(stderr, "replay: no input found\n");
        rc = 1;
    }
    printf("%zu input(s) replayed without a crash\n", count);
    return rc;
}
