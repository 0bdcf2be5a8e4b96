/* journal_tail_race.c - a torn tail another capscope replaced, under a
 * failing allocator (tests/cli/journal_tail_alloc.sh runs it under
 * failmalloc.so with each allocation in turn made to fail).
 *
 *   journal_tail_race DIR
 *
 * Two journals open on DIR/data.csv.journal, whose last line is torn
 * ("score" without its line end). The second takes back the entry above
 * it: it cuts the torn line and writes "undo\n", as many bytes, so that
 * the file is the size both read. Then the first enters a score: the file
 * is no longer as it read it, and the torn tail it would cut is the other's
 * acknowledged undo. Whatever allocation fails, that score must be refused
 * and the file left as the other left it.
 *
 * Exit status: 0 the score refused and the file untouched (its message on
 * stdout); 1 the score written, or the file changed (said on stderr); 3
 * the failure came before the first score was tried (nothing tested). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "capscope/dataset.h"
#include "capscope/journal.h"

static const char csv[] = "model,flops,acc\nm1,1e21,0.1\nm2,1e22,0.2\nm3,1e23,0.3\nm4,1e24,0.4\n";
static const char before[] = "score\tm1\tacc\t0.5\t1700000000\nscore";
static const char after[] = "score\tm1\tacc\t0.5\t1700000000\nundo\n";

/* The file's bytes into buf (no allocation: the allocator may fail). */
static long read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, size - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
        if (n == size - 1)
            break;
    }
    close(fd);
    buf[n] = '\0';
    return (long)n;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: journal_tail_race DIR\n");
        return 2;
    }
    char path[4096];
    if (snprintf(path, sizeof path, "%s/data.csv.journal", argv[1]) >= (int)sizeof path)
        return 2;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || write(fd, before, strlen(before)) != (ssize_t)strlen(before) || close(fd) != 0)
        return 2;
    cs_dataset *ds = NULL, *other = NULL;
    cs_journal *j = NULL, *k = NULL;
    cs_journal_replay rep;
    cs_error err;
    if (cs_dataset_parse(csv, strlen(csv), "data.csv", NULL, &ds, &err) != 0 ||
        cs_dataset_parse(csv, strlen(csv), "data.csv", NULL, &other, &err) != 0 ||
        cs_journal_open_replay(path, ds, &j, &rep, &err) != 0 || rep.torn != 1 ||
        cs_journal_open_replay(path, other, &k, &rep, &err) != 0 || rep.torn != 1 ||
        cs_journal_undo(k, other, &err) != 0)
        return 3;
    cs_journal_close(k);
    cs_dataset_free(other);
    char got[4096];
    if (read_file(path, got, sizeof got) < 0 || strcmp(got, after) != 0) {
        fprintf(stderr, "journal_tail_race: the other's undo is not what the file holds\n");
        return 1;
    }
    int rc = cs_journal_score(j, ds, "m3", "acc", 0.25, &err);
    int status = 0;
    if (rc == 0) {
        fprintf(stderr, "journal_tail_race: the score was written over the other's undo\n");
        status = 1;
    } else {
        printf("%s\n", err.msg);
    }
    if (read_file(path, got, sizeof got) < 0 || strcmp(got, after) != 0) {
        fprintf(stderr, "journal_tail_race: the file changed: \"%s\"\n", got);
        status = 1;
    }
    cs_journal_close(j);
    cs_dataset_free(ds);
    return status;
}
