/* fuzz_journal.c - the score journal's reader (DATA.journal), and what it writes.
 *
 * The input is the journal file, replayed onto a small fixed dataset, and
 * found as the journal of a renamed data file (cs_journal_orphan).
 * journal.h promises: replay is all or nothing (a refused journal leaves the
 * scores as loaded); a journal in use takes a score and an undo; and what
 * the journal holds after that (a torn line cut, a missing line end added)
 * reads back to the same scores; and read in two parts, its first lines at
 * opening and the rest taken in later, it gives the scores it gives whole
 * (a batch cut by the first part dropped, then taken in whole).
 * The files live in a private directory under
 * $TMPDIR (or /tmp), removed after each input.
 */
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capscope/dataset.h"
#include "capscope/journal.h"
#include "fuzz.h"

/* Names with the characters the journal escapes (tab, backslash). */
static const char fixed_csv[] =
    "model,flops,alpha,beta\n"
    "m1,1e21,0.1,0.2\n"
    "m2,2e21,,0.3\n"
    "\"m\\3\",8e22,0.4,\n"
    "\"m\t4\",1e23,0.5,0.6\n"
    "m5,6e24,,\n";

typedef struct snapshot {
    size_t n;
    double y[64];
    unsigned char has[64];
} snapshot;

static void take(const cs_dataset *ds, snapshot *s)
{
    s->n = 0;
    for (size_t k = 0; k < ds->n_tasks; k++)
        for (size_t i = 0; i < ds->n_rows && s->n < 64; i++, s->n++) {
            s->y[s->n] = ds->tasks[k].y[i];
            s->has[s->n] = ds->tasks[k].has[i];
        }
}

static int same(const snapshot *a, const snapshot *b)
{
    return a->n == b->n && memcmp(a->has, b->has, a->n) == 0 &&
           memcmp(a->y, b->y, a->n * sizeof a->y[0]) == 0;
}

static void check_counts(const cs_dataset *ds)
{
    for (size_t k = 0; k < ds->n_tasks; k++) {
        size_t n = 0;
        for (size_t i = 0; i < ds->n_rows; i++) {
            FUZZ_ASSERT(ds->tasks[k].has[i] <= 1);
            FUZZ_ASSERT(isfinite(ds->tasks[k].y[i]) && ds->tasks[k].y[i] >= 0 && ds->tasks[k].y[i] <= 1);
            FUZZ_ASSERT(ds->tasks[k].has[i] || ds->tasks[k].y[i] == 0);
            n += ds->tasks[k].has[i];
        }
        FUZZ_ASSERT(n == ds->tasks[k].n_scored);
    }
}

static cs_dataset *load(void)
{
    cs_dataset *ds = NULL;
    cs_error err = { 0 };
    FUZZ_ASSERT(cs_dataset_parse(fixed_csv, sizeof fixed_csv - 1, "fixed.csv", NULL, &ds, &err) == 0);
    FUZZ_ASSERT(ds->n_rows == 5 && ds->n_tasks == 2);
    return ds;
}

/* One directory per process, for every input, since libFuzzer gives no
 * hook at the end: removed at exit (each input's file is removed after it).
 * Each input fsyncs three times, so TMPDIR=/dev/shm fuzzes far faster. */
static char dir[512];

static void remove_private_dir(void)
{
    rmdir(dir);
}

static const char *private_dir(void)
{
    if (!dir[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/capscope-fuzz-journal-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        FUZZ_ASSERT(mkdtemp(dir) != NULL);
        atexit(remove_private_dir);
    }
    return dir;
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    FUZZ_ASSERT(fd >= 0);
    for (size_t done = 0; done < size;) {
        ssize_t w = write(fd, data + done, size - done);
        FUZZ_ASSERT(w > 0);
        done += (size_t)w;
    }
    FUZZ_ASSERT(close(fd) == 0);
}

/* Whether text[0..n), whole lines, ends inside a batch: after a header
 * "batch<TAB>N" (N digits, no leading zero) with fewer than N lines after
 * it. As journal.h has it, a reader drops such a batch as a torn tail. */
static int ends_in_a_batch(const uint8_t *text, size_t n)
{
    unsigned long long left = 0;
    size_t i = n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n) {
        size_t e = i;
        while (e < n && text[e] != '\n' && text[e] != '\r')
            e++;
        size_t digits = e - i > 6 ? e - i - 6 : 0;
        int header = e - i > 6 && memcmp(text + i, "batch\t", 6) == 0 && text[i + 6] != '0' && digits <= 15;
        unsigned long long count = 0;
        for (size_t k = i + 6; header && k < e; k++) {
            header = text[k] >= '0' && text[k] <= '9';
            count = count * 10 + (unsigned long long)(text[k] - '0');
        }
        if (header)
            left = count;
        else if (left > 0)
            left--;
        i = e + 1 + (e + 1 < n && text[e] == '\r' && text[e + 1] == '\n');
    }
    return left > 0;
}

/* The file read in two parts, its first lines opened and the rest
 * appended later and taken in (cs_journal_catch_up, as an interface takes
 * in another capscope's entries), gives the scores and stale entries that
 * opening it whole gives, when every line is whole (it ends with a line
 * end: a last line without one waits to be taken in). The first part is
 * data[0..k), k just past a line end. When it ends inside a batch (a
 * reader opening while the batch is written), the first part drops the
 * batch as torn, none of it applied, and the rest takes it in whole.
 * mid_line: k in the middle of a line, read before the rest of it was
 * written. A torn start is read again whole; one read as a whole entry
 * (all its fields there) may not be taken back, and catch-up refuses
 * what was written onto it, saying to load the data again. */
static void parts_agree(const uint8_t *data, size_t size, size_t k, int mid_line, const snapshot *whole,
                        size_t skipped)
{
    char path[600];
    snprintf(path, sizeof path, "%s/parts.journal", private_dir());
    write_file(path, data, k);
    cs_dataset *ds = load();
    cs_journal *j = NULL;
    cs_journal_replay first, rest;
    cs_error err = { 0 };
    if (cs_journal_open_replay(path, ds, &j, &first, &err) == 0) {
        int fd = open(path, O_WRONLY | O_APPEND);
        FUZZ_ASSERT(fd >= 0 && write(fd, data + k, size - k) == (ssize_t)(size - k) && close(fd) == 0);
        size_t lines = 0;
        int rc = cs_journal_catch_up(j, ds, &rest, &lines, &err);
        if (rc != 0 && mid_line && strstr(err.msg, "load the data again")) {
            cs_journal_close(j);
            cs_dataset_free(ds);
            unlink(path);
            return;
        }
        if (rc != 0) {
            fprintf(stderr, "the rest (from byte %zu) is refused though the whole was read: %s:%ld: %s\n", k,
                    err.file, err.line, err.msg);
            abort();
        }
        /* nothing taken in: only when the rest is all of a batch that the
         * whole drops too */
        FUZZ_ASSERT(mid_line || ((lines > 0 || ends_in_a_batch(data, size)) &&
                                 first.torn == (size_t)ends_in_a_batch(data, k)));
        FUZZ_ASSERT(first.skipped + rest.skipped == skipped);
        snapshot got;
        take(ds, &got);
        FUZZ_ASSERT(same(&got, whole));
        check_counts(ds);
        cs_journal_close(j);
    }
    cs_dataset_free(ds);
    unlink(path);
}

/* Cut at the first line end from the middle on; and, when there is one
 * from the middle on, between the CR and the LF of a CRLF (a line end
 * half written when the first part was read: the CR ends the line, and
 * the LF after it is no line of its own); and in the middle, when that is
 * inside a line. */
static void catch_up_agrees(const uint8_t *data, size_t size, const snapshot *whole, size_t skipped)
{
    if (size == 0 || (data[size - 1] != '\n' && data[size - 1] != '\r'))
        return;
    size_t k = size / 2;
    while (k < size && data[k] != '\n')
        k++;
    if (++k < size)
        parts_agree(data, size, k, 0, whole, skipped);
    for (k = size / 2; k + 2 < size && !(data[k] == '\r' && data[k + 1] == '\n'); k++)
        ;
    if (k + 2 < size)
        parts_agree(data, size, k + 1, 0, whole, skipped);
    k = size / 2;
    if (k > 0 && data[k - 1] != '\n' && data[k - 1] != '\r')
        parts_agree(data, size, k, 1, whole, skipped);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[600];
    snprintf(path, sizeof path, "%s/data.journal", private_dir());
    write_file(path, data, size);

    cs_dataset *ds = load();
    snapshot loaded, replayed, again;
    take(ds, &loaded);

    /* The file is also the journal of a data file "data" that is gone: a
     * data file beside it with no journal of its own finds it when it holds
     * scores of the fixed models, and counts no more than its score lines. */
    char other[600];
    snprintf(other, sizeof other, "%s/other.csv", private_dir());
    size_t entries = 0, score_lines = 0;
    char *orphan = cs_journal_orphan(other, ds, &entries);
    for (size_t i = 0; i + 6 <= size; i++)
        score_lines += (i == 0 || data[i - 1] == '\n' || data[i - 1] == '\r' ||
                        (i == 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)) &&
                       memcmp(data + i, "score\t", 6) == 0;
    FUZZ_ASSERT((orphan != NULL) == (entries > 0) && entries <= score_lines);
    FUZZ_ASSERT(!orphan || strcmp(orphan, path) == 0);
    free(orphan);
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err = { 0 };
    if (cs_journal_open_replay(path, ds, &j, &rep, &err) != 0) {
        FUZZ_ASSERT(j == NULL && err.kind != CS_ERR_NONE && err.msg[0] != '\0');
        take(ds, &replayed);
        FUZZ_ASSERT(same(&loaded, &replayed)); /* all or nothing */
        /* The strict reader refuses what the lenient one does. */
        cs_dataset *ds2 = load();
        FUZZ_ASSERT(cs_journal_open(path, ds2, &j, NULL, &err) == -1 && j == NULL);
        cs_dataset_free(ds2);
        cs_dataset_free(ds);
        unlink(path);
        return 0;
    }
    FUZZ_ASSERT(j != NULL && rep.torn <= 1 && rep.skipped_task <= rep.skipped);
    FUZZ_ASSERT((rep.skipped == 0) == (rep.first_skipped == 0));
    check_counts(ds);
    take(ds, &replayed);
    catch_up_agrees(data, size, &replayed, rep.skipped);

    /* A score and its undo leave the scores as replayed. */
    size_t row = 0, task = 0;
    FUZZ_ASSERT(cs_journal_score(j, ds, "m\t4", "beta", 0.25, &err) == 0);
    FUZZ_ASSERT(cs_journal_last(j, &row, &task) == 0 && row == 3 && task == 1);
    FUZZ_ASSERT(ds->tasks[1].has[3] && ds->tasks[1].y[3] == 0.25);
    FUZZ_ASSERT(cs_journal_undo(j, ds, &err) == 0);
    take(ds, &again);
    FUZZ_ASSERT(same(&replayed, &again));
    /* And a score kept: the file must now hold it, after whatever was there. */
    FUZZ_ASSERT(cs_journal_score(j, ds, "m\\3", "beta", 0.75, &err) == 0);
    take(ds, &replayed);
    check_counts(ds);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* What was written reads back as the same scores, strictly unless some
     * entries were stale to begin with. */
    ds = load();
    if (cs_journal_open_replay(path, ds, &j, &rep, &err) != 0) {
        fprintf(stderr, "the journal as written is refused: %s:%ld: %s\n", err.file, err.line, err.msg);
        abort();
    }
    FUZZ_ASSERT(rep.torn == 0);
    take(ds, &again);
    FUZZ_ASSERT(same(&replayed, &again));
    cs_journal_close(j);
    cs_dataset_free(ds);
    unlink(path);
    return 0;
}
