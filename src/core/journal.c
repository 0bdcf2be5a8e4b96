/* journal.c - the append-only record of scores the user entered.
 *
 * Durability: every entry is one write(2) on an O_APPEND descriptor followed
 * by fsync(2), and the dataset changes only after both succeed, so what the
 * caller was told is saved is on disk (the directory of a journal, or of a
 * directory for it, created by the open is synced too, for its name). A
 * crash can leave at most one torn tail at the end: the start of an entry,
 * with no line end yet, or the start of a batch (several scores written at
 * once under a header "batch<TAB>N" that counts them) without all N of its
 * lines. It was never acknowledged, so opening drops it, all of it, and
 * counts a warning; the file is cut back to where it began just before the
 * next entry is written, so that the entry does not glue onto it, nor
 * count as one of the batch's lines. Only a writer cuts: opening changes
 * nothing on disk, so a batch command that merely reads the journal, or one
 * running beside the interface as it appends, cannot destroy an entry.
 * Lines end with LF, CRLF or a lone CR, as in the data file (an editor may
 * have saved the file so). A last line with no line end that is a whole
 * entry (written by hand) is applied, and a line end goes before the next
 * entry (one whose time has fewer digits than the file's mtime, and
 * begins as a time no later than it, is torn: the writer writes a time
 * whole); anything else unterminated that is not the start of an entry is
 * malformed, never cut away.
 *
 * A journal that cannot be opened for writing (read-only, on a read-only
 * file system) is still read: its scores count, and entering a new one
 * fails saying why, rather than the scores being hidden.
 *
 * Fields are separated by tabs; a backslash escapes tab, newline, carriage
 * return and itself in model and task names, so any name round-trips.
 *
 * Replay is all or nothing: a journal that is refused leaves the dataset as
 * it was, since nothing would be saved on top of the scores it showed. An
 * entry naming a model or task the data lacks (renamed in the CSV since, or
 * the journal of an older copy) is a stale entry, not a corrupt one: the
 * lenient replay keeps a place for it on the undo stack, so that the undo
 * lines after it take back what they took back when they were written, and
 * the file itself is never rewritten, so the entry comes back to life if the
 * name does.
 */
#include "capscope/durable.h"
#include "capscope/fnv.h"
#include "capscope/journal.h"
#include "capscope/lockholder.h"
#include "capscope/number.h"
#include "data_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct entry {
    size_t row, task; /* row SKIPPED_ROW: a stale entry, only holding its place */
    int had;          /* the row was scored before this entry */
    double before;
    double value;     /* the score it set (or names, when stale) */
    long line;        /* in the journal; 0 for an entry written since it was read */
    long long when;   /* the entry's time (unix seconds) */
    char *names;      /* a stale entry's model and task ("model\0task\0"), else NULL */
} entry;

#define SKIPPED_ROW SIZE_MAX

/* What to do about something else at the journal's name, which every
 * command that loads the data refuses. */
#define NOT_A_JOURNAL_WAY ": move it away (the data's scores are kept in a file of that name)"

/* open_journal's hold_wait_ms for a journal that locks each append instead,
 * and for one opened to be read only (never created, never written). */
#define HOLD_NOT (-2)
#define HOLD_READER (-3)

struct cs_journal {
    int fd;
    char *path;
    entry *e;         /* entries still in effect, oldest first (undo pops) */
    size_t n, cap;
    int read_only;    /* errno of the failed open for writing, 0 when writable */
    int reader;       /* opened to be read only (cs_journal_open_reader) */
    /* Before the next entry is written: cut a torn last line at torn_at, or
     * end a last line that has no line end. Every write only while the file
     * is still size_read bytes long, as read or as this journal left it. */
    int torn, need_newline;
    off_t torn_at, size_read;
    /* The last byte read is a CR: an LF after it (written since) is the
     * rest of a CRLF, no empty line of its own, as opening reads it. */
    int after_cr;
    /* The file's lock is held from before it was read until it is closed
     * (cs_journal_open_locked), rather than taken for each append. */
    int held;
    /* Whole lines in the file as far as this journal has read or written
     * it, and of those, how many were there when it was opened: an entry
     * on a later line was caught up (another capscope's, read since). */
    long n_lines, lines_at_open;
    long lock_wait_ms; /* how long an append waits for the lock */
    /* What was read or written of the file, up to torn_at when torn, else
     * size_read: its hash (FNV-1a), and the file's times when that was
     * last known to be so. Text edited in place, the inode and the size
     * kept, moves the times: the hash tells an edit from a touch. */
    uint64_t hash;
    struct timespec mtime, ctime;
    /* Those times are of a change too recent to tell another from: one
     * made in the same tick of the file system's clock leaves them. */
    int racy;
};

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s%s", a, b, c);
    return s;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* $XDG_DATA_HOME/capscope, else ~/.local/share/capscope (durable.h); NULL
 * when there is no home to be found. */
static char *xdg_dir(void)
{
    return cs_xdg_path("XDG_DATA_HOME", ".local/share", NULL);
}

/* path, in place, cut to its directory: "a/b" to "a", "/b" to "/", "b"
 * to "." (path has room for the 2 bytes of "."). */
static void cut_to_dir(char *path)
{
    char *slash = strrchr(path, '/');
    if (slash == path)
        path[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(path, ".");
}

/* The directory of a file's path: "." for a bare name, "/" for one in
 * the root (caller frees; NULL when out of memory). */
static char *dir_of(const char *path)
{
    size_t n = strlen(path);
    char *dir = malloc(n + 2); /* "" cuts to "." */
    if (dir) {
        memcpy(dir, path, n + 1);
        cut_to_dir(dir);
    }
    return dir;
}

/* FNV-1a (64 bits) of the data file's absolute path, so that every way of
 * naming the file finds the same journal. Its directory's links are
 * resolved, the name's own is not: a journal follows the name, as beside
 * the data, so that a link such as latest.csv keeps its scores when it is
 * pointed at a newer file. legacy: the whole path resolved, as before. */
static int path_hash(const char *data_path, int legacy, uint64_t *hash)
{
    char *dir = legacy ? NULL : dir_of(data_path);
    if (!legacy && !dir)
        return -1;
    char *abs = realpath(legacy ? data_path : dir, NULL);
    int realpath_errno = errno;
    free(dir);
    /* A path that cannot be resolved is hashed as given; one that could not
     * for want of memory would name another journal than its own. */
    if (!abs && realpath_errno == ENOMEM)
        return -1;
    uint64_t h = CS_FNV1A_START;
    if (abs && !legacy) {
        h = cs_fnv1a(h, abs);
        h = cs_fnv1a(h, strcmp(abs, "/") == 0 ? "" : "/");
        h = cs_fnv1a(h, base_name(data_path));
    } else if (abs) {
        h = cs_fnv1a(h, abs);
    } else {
        char cwd[4096];
        if (data_path[0] != '/' && getcwd(cwd, sizeof cwd)) {
            h = cs_fnv1a(h, cwd);
            h = cs_fnv1a(h, "/");
        }
        h = cs_fnv1a(h, data_path);
    }
    free(abs);
    *hash = h;
    return 0;
}

/* $XDG_DATA_HOME/capscope/NAME-HASH.journal (caller frees); NULL with errno
 * set: ENOMEM, or what cs_xdg_path says (ENOENT: no home). */
static char *xdg_journal(const char *data_path, int legacy)
{
    uint64_t hash;
    if (path_hash(data_path, legacy, &hash) != 0) {
        errno = ENOMEM;
        return NULL;
    }
    char *xdg = xdg_dir();
    if (!xdg)
        return NULL; /* errno set */
    char tag[24];
    snprintf(tag, sizeof tag, "-%016llx", (unsigned long long)hash);
    char *p = join(xdg, "/", base_name(data_path));
    free(xdg);
    char *q = p ? join(p, tag, ".journal") : NULL;
    free(p);
    if (!q)
        errno = ENOMEM;
    return q;
}

/* cs_journal_path_for's failure for want of memory: a journal may exist,
 * and a caller that went on as if none did would leave its scores out. */
static char *path_out_of_memory(char *a, char *b)
{
    free(a);
    free(b);
    errno = ENOMEM;
    return NULL;
}

/* Whether path names an open descriptor, /proc/PID/fd/N, through however
 * many links (/dev/stdin -> /proc/self/fd/0, /dev/fd -> /proc/self/fd): a
 * name that means another file in every process. Not judged (0) past
 * PATH_MAX or a loop of links, as such a name is no descriptor's. */
static int names_a_descriptor(const char *path)
{
    char cur[PATH_MAX], dir[PATH_MAX], abs[PATH_MAX], target[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur)
        return 0;
    for (int hop = 0; hop < 16; hop++) {
        memcpy(dir, cur, sizeof dir);
        cut_to_dir(dir);
        if (!realpath(dir, abs))
            return 0;
        size_t n = strlen(abs);
        if (strncmp(abs, "/proc/", 6) == 0 && n >= 3 && strcmp(abs + n - 3, "/fd") == 0)
            return 1;
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return 0;
        ssize_t len = readlink(cur, target, sizeof target - 1);
        if (len <= 0)
            return 0;
        target[len] = '\0';
        int wanted = target[0] == '/' ? snprintf(cur, sizeof cur, "%s", target)
                                      : snprintf(cur, sizeof cur, "%s/%s", abs, target);
        if (wanted >= (int)sizeof cur)
            return 0;
    }
    return 0;
}

int cs_journal_is_stream(const char *data_path)
{
    if (strcmp(data_path, "-") == 0)
        return 1;
    /* /dev/stdin is standard input by another name, and names another
     * file in every process, as does a shell's <(...) (/dev/fd/63, a pipe).
     * A name that cannot be looked at is left to the reader, which says why. */
    struct stat st;
    if (stat(data_path, &st) == 0 &&
        (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode)))
        return 1;
    return names_a_descriptor(data_path);
}

char *cs_journal_path_for(const char *data_path)
{
    /* A stream's journal would be /dev/stdin.journal, one for every pipe
     * fed through it, or one named by the pid behind /dev/fd/63, never
     * found again: the demo's and standard input's rule, for every stream. */
    if (!data_path || cs_journal_is_stream(data_path)) {
        errno = 0;
        return NULL;
    }
    /* Beside the data when its directory is writable; but a journal that
     * already exists, either there or under $XDG_DATA_HOME, is the one in
     * use: the directory made read-only (or writable) since must not start
     * an empty journal and leave the scores in the other. Beside first, as
     * appending to an existing file needs no write permission on its
     * directory. */
    char *beside = join(data_path, ".journal", "");
    if (!beside)
        return path_out_of_memory(NULL, NULL);
    if (access(beside, F_OK) == 0)
        return beside;
    char *dir = dir_of(data_path);
    if (!dir)
        return path_out_of_memory(beside, NULL);
    /* A directory with no write bit at all (r-x for everyone) is read-only
     * by intent: access() says root may write there, but root should not
     * leave a journal in a release of data shared that way. */
    struct stat st;
    int writable = access(dir, W_OK) == 0 && stat(dir, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH));
    free(dir);
    /* Elsewhere, the name alone would let two files called results.csv in two
     * read-only directories share one journal, and one file's scores would be
     * replayed onto the other: the name carries a hash of the full path too. */
    char *q = xdg_journal(data_path, 0);
    if (!q && errno == ENOMEM)
        return path_out_of_memory(beside, NULL);
    if (q && access(q, F_OK) != 0) {
        /* One named before a link's own name counted (for a name that is
         * no link, the same path) is the one in use. */
        char *legacy = xdg_journal(data_path, 1);
        if (!legacy && errno == ENOMEM)
            return path_out_of_memory(beside, q);
        if (legacy && access(legacy, F_OK) == 0) {
            free(q);
            q = legacy;
        } else {
            free(legacy);
        }
    }
    if (writable && !(q && access(q, F_OK) == 0)) {
        free(q);
        return beside;
    }
    free(beside);
    if (!q)
        errno = ENOENT; /* no home to go under */
    return q;
}

/* Returns -1 when the escaped name does not fit. */
static int escape_into(char *out, size_t size, const char *s)
{
    size_t k = 0;
    for (; *s; s++) {
        if (k + 3 > size)
            return -1;
        char c = *s;
        const char *rep = c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : c == '\\' ? "\\\\" : NULL;
        if (rep) {
            out[k++] = rep[0];
            out[k++] = rep[1];
        } else {
            out[k++] = c;
        }
    }
    out[k] = '\0';
    return 0;
}

/* In place; returns -1 on a bad escape. */
static int unescape(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r != '\\') {
            *w++ = *r;
            continue;
        }
        r++;
        switch (*r) {
        case 't': *w++ = '\t'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case '\\': *w++ = '\\'; break;
        default: return -1;
        }
    }
    *w = '\0';
    return 0;
}

/* Room for more entries (at least one more); -1 when out of memory. */
static int reserve_more(cs_journal *j)
{
    size_t cap = j->cap ? 2 * j->cap : 32;
    entry *p = realloc(j->e, cap * sizeof *p);
    if (!p)
        return -1;
    j->e = p;
    j->cap = cap;
    return 0;
}

/* Room for one more entry; -1 when out of memory. */
static int reserve(cs_journal *j)
{
    return j->n < j->cap ? 0 : reserve_more(j);
}

static int push(cs_journal *j, entry e)
{
    if (reserve(j) != 0)
        return -1;
    j->e[j->n++] = e;
    return 0;
}

static int apply_score(cs_journal *j, cs_dataset *ds, size_t row, size_t task, double value,
                       long line, long long when, cs_error *err)
{
    entry e = { row, task, ds->tasks[task].has[row], ds->tasks[task].y[row], value, line, when, NULL };
    if (push(j, e) != 0)
        return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
    if (cs_dataset_set_score(ds, row, task, value, err) != 0) {
        j->n--;
        return -1;
    }
    return 0;
}

static int apply_undo(cs_journal *j, cs_dataset *ds, cs_error *err)
{
    entry e = j->e[--j->n];
    if (e.row == SKIPPED_ROW) {
        free(e.names);
        return 0;
    }
    return cs_dataset_set_score(ds, e.row, e.task, e.had ? e.before : NAN, err);
}

/* Undo everything in effect, newest first: each entry's `before` is the
 * value the one under it left, so this restores the dataset as loaded. */
static void roll_back(cs_journal *j, cs_dataset *ds)
{
    cs_error ignored;
    while (j->n > 0)
        apply_undo(j, ds, &ignored); /* cannot fail: row and task were checked when applied */
}

static int resolve(const cs_dataset *ds, const char *model, const char *task, size_t *row,
                   size_t *t, cs_error *err, const char *file, long line)
{
    long r = cs_dataset_find_model(ds, model);
    /* A row that has lost its flops in a newer export is in the file: its
     * entry stays skipped, but "unknown" sent the user looking for a rename. */
    long skipped = r < 0 ? cs_dataset_skipped_line(ds, model) : 0;
    if (skipped)
        return cs_error_set(err, CS_ERR_INPUT, file, line, "unknown model '%s' (its row, %s:%ld, has no flops)",
                            model, ds->source, skipped);
    if (r < 0)
        return cs_error_set(err, CS_ERR_INPUT, file, line, "unknown model '%s'", model);
    int k = cs_dataset_task_index(ds, task);
    if (k < 0)
        return cs_error_set(err, CS_ERR_INPUT, file, line, "unknown task '%s'", task);
    *row = (size_t)r;
    *t = (size_t)k;
    return 0;
}

static int parse_value(const char *s, double *v)
{
    return cs_parse_number(s, v) == CS_NUM_OK && *v >= 0 && *v <= 1 ? 0 : -1;
}

/* A line's tab-separated fields, in place, at most six (a sixth means too
 * many); returns how many. */
static size_t split_entry(char *line, char *f[6])
{
    size_t nf = 0;
    for (char *p = line; nf < 6;) {
        f[nf++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return nf;
}

/* One complete line (without its newline). With rep (lenient replay), an
 * entry naming an unknown model or task is counted there and holds its place
 * on the undo stack instead of being an error. */
/* One line read as an entry, in place: an undo (f NULL), or a score's
 * names (f[1], f[2], unescaped), value and time; -1 with err when it is
 * neither. */
typedef struct parsed_line {
    int undo;
    char *f[6];
    double v;
    long long when;
} parsed_line;

static int parse_line(const cs_journal *j, char *line, long lineno, parsed_line *p, cs_error *err)
{
    p->undo = strcmp(line, "undo") == 0;
    if (p->undo)
        return 0;
    char **f = p->f;
    size_t nf = split_entry(line, f);
    if (nf != 5 || strcmp(f[0], "score") != 0)
        return cs_error_set(err, CS_ERR_INPUT, j->path, lineno,
                            "malformed entry (expected 'score<TAB>model<TAB>task<TAB>value<TAB>time', 'undo' "
                            "or 'batch<TAB>N')");
    if (unescape(f[1]) != 0 || unescape(f[2]) != 0)
        return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "bad escape in a name");
    if (parse_value(f[3], &p->v) != 0)
        return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "bad score '%s'", f[3]);
    char *end;
    errno = 0;
    p->when = strtoll(f[4], &end, 10);
    if (errno || end == f[4] || *end)
        return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "bad time '%s'", f[4]);
    return 0;
}

static int replay_line(cs_journal *j, cs_dataset *ds, char *line, long lineno,
                       cs_journal_replay *rep, cs_error *err)
{
    parsed_line p;
    if (parse_line(j, line, lineno, &p, err) != 0)
        return -1;
    if (p.undo) {
        if (j->n == 0)
            return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "undo with nothing to undo");
        return apply_undo(j, ds, err);
    }
    char **f = p.f;
    double v = p.v;
    long long when = p.when;
    /* resolve sets both when it returns 0; gcc -O3 (inlining it, but not
     * cs_error_set) warns that they may be used unset. */
    size_t row = 0, task = 0;
    /* The reason a stale entry is counted with is needed even when the
     * caller passed no err (error.h: err may be NULL). */
    cs_error unknown;
    if (resolve(ds, f[1], f[2], &row, &task, &unknown, j->path, lineno) != 0) {
        if (!rep) {
            if (err)
                *err = unknown;
            return -1;
        }
        /* Its names kept, for a list of what the journal holds. */
        size_t ml = strlen(f[1]) + 1, tl = strlen(f[2]) + 1;
        entry stale = { SKIPPED_ROW, 0, 0, 0.0, v, lineno, when, malloc(ml + tl) };
        if (!stale.names || push(j, stale) != 0) {
            free(stale.names);
            return cs_error_set(err, CS_ERR_RUNTIME, j->path, lineno, "out of memory");
        }
        memcpy(stale.names, f[1], ml);
        memcpy(stale.names + ml, f[2], tl);
        if (rep->skipped++ == 0) {
            rep->first_skipped = lineno;
            snprintf(rep->why, sizeof rep->why, "%s", unknown.msg);
        }
        if (cs_dataset_find_model(ds, f[1]) >= 0) {
            rep->skipped_task++;
        } else if (rep->first_model == 0) {
            rep->first_model = lineno;
            snprintf(rep->why_model, sizeof rep->why_model, "%s", unknown.msg);
        }
        return 0;
    }
    return apply_score(j, ds, row, task, v, lineno, when, err);
}

static size_t tabs_in(const char *s, size_t n)
{
    size_t tabs = 0;
    for (size_t i = 0; i < n; i++)
        tabs += s[i] == '\t';
    return tabs;
}

/* Whether time[0..len), a batch's last line's without its line end, is
 * the start of the batch's first, first[0..first_len) (first NULL: none
 * known): a crash cut into it, and the batch is a torn tail. */
static int time_cut_short(const char *time, size_t len, const char *first, size_t first_len)
{
    return first && len < first_len && memcmp(time, first, len) == 0;
}

/* A batch's header, s[0..n): "batch<TAB>N", N a count of at least 1 in
 * digits with no leading zero. Returns N; 0 when the line is no header
 * (it does not start "batch<TAB>"); -1 when it starts as one and the count
 * is not a count (nothing, a sign, a leading zero, too many digits). */
#define BATCH_TAG "batch\t"
#define BATCH_TAG_LEN (sizeof BATCH_TAG - 1)
#define BATCH_MAX_DIGITS 15

static long long batch_count(const char *s, size_t n)
{
    if (n < BATCH_TAG_LEN || memcmp(s, BATCH_TAG, BATCH_TAG_LEN) != 0)
        return 0;
    size_t digits = n - BATCH_TAG_LEN;
    const char *d = s + BATCH_TAG_LEN;
    if (digits == 0 || digits > BATCH_MAX_DIGITS || d[0] == '0')
        return -1;
    long long count = 0;
    for (size_t i = 0; i < digits; i++) {
        if (d[i] < '0' || d[i] > '9')
            return -1;
        count = count * 10 + (d[i] - '0');
    }
    return count;
}

/* Could the unterminated last line s[0..n) be an entry cut short by a crash?
 * An entry is written whole by one write(2), so what a crash leaves is the
 * start of one: of "undo", "batch<TAB>N" or "score<TAB>..." (names are
 * escaped, so it holds no line break), perhaps followed by the zero bytes
 * some file systems leave of a block never written. Anything else was not
 * written by capscope. Among a batch's lines (in_batch) only the start of a
 * score can be: the batch was written in one write(2) of scores alone. */
static int could_be_torn(const char *s, size_t n, int in_batch)
{
    const char *nul = memchr(s, '\0', n);
    size_t text = nul ? (size_t)(nul - s) : n;
    for (size_t i = text; i < n; i++)
        if (s[i] != '\0')
            return 0;
    if (!in_batch && text < 4 && memcmp(s, "undo", text) == 0)
        return 1;
    /* A header is never a whole entry at the end: it promises lines after it. */
    if (!in_batch && memcmp(s, BATCH_TAG, text < BATCH_TAG_LEN ? text : BATCH_TAG_LEN) == 0) {
        if (text <= BATCH_TAG_LEN)
            return 1;
        if (text - BATCH_TAG_LEN > BATCH_MAX_DIGITS || s[BATCH_TAG_LEN] == '0')
            return 0;
        for (size_t i = BATCH_TAG_LEN; i < text; i++)
            if (s[i] < '0' || s[i] > '9')
                return 0;
        return 1;
    }
    if (memcmp(s, "score\t", text < 6 ? text : 6) != 0)
        return 0;
    /* With no zero bytes after it, a line that has all five fields and some
     * of the time was not cut before its value: whatever is wrong with it
     * was written so (by hand), and is reported, not cut away. */
    if (text == n) {
        size_t tabs = tabs_in(s, n);
        if (tabs > 4 || (tabs == 4 && s[n - 1] != '\t'))
            return 0;
    }
    return 1;
}

/* Whether s[0..n), an unterminated last line that reads as a whole score
 * entry, holds a time cut short by a crash: the writer writes a time in
 * digits (%lld of time(NULL): no leading zero), as many as a time of when
 * the file was written has (mtime, of that write or a later one), and no
 * later than it, so a time of fewer digits that begins as such a time does
 * is the start of one. A time that cannot begin one (0, a date such as
 * 20240101, 42) was written so, by hand: whole, as it was before times
 * were judged, and never cut away. A file dated before 2001 (9 digits)
 * cuts less, never more. A time written by hand in other ways (a sign, a
 * space) is no writer's: whole, or malformed. */
static int score_time_cut(const char *s, size_t n, long long mtime)
{
    if (n < 6 || memcmp(s, "score\t", 6) != 0 || tabs_in(s, n) != 4)
        return 0;
    const char *time = s + n;
    while (time > s && time[-1] != '\t')
        time--;
    size_t digits = (size_t)(s + n - time), file_digits = 0;
    for (size_t i = 0; i < digits; i++)
        if (time[i] < '0' || time[i] > '9')
            return 0;
    for (long long m = mtime; m > 0; m /= 10)
        file_digits++;
    if (digits == 0 || digits >= file_digits || time[0] == '0')
        return 0;
    /* mtime's leading digits, as many as the time has: the start of a
     * time no later than mtime is no greater */
    long long start = 0, top = mtime;
    for (size_t i = 0; i < digits; i++)
        start = start * 10 + (time[i] - '0');
    for (size_t i = digits; i < file_digits; i++)
        top /= 10;
    return start <= top;
}

/* Whether the open file st describes is still the one at path: linked,
 * and path names it (not a file put in its place, nor nothing). */
static int still_at_path(const struct stat *st, const char *path)
{
    struct stat at_path;
    return st->st_nlink > 0 && stat(path, &at_path) == 0 && at_path.st_dev == st->st_dev &&
           at_path.st_ino == st->st_ino;
}

/* The time before a look at the file (fstat) whose times note_times may
 * be given. */
static struct timespec look_time(void)
{
    struct timespec t = { 0, 0 };
    (void)clock_gettime(CLOCK_REALTIME, &t);
    return t;
}

/* The file's times, as they were when what this journal read or wrote
 * was last known to be all of the file's text before torn_at (or
 * size_read); looked: the time taken before the fstat that gave them.
 * A file system's times are only as fine as its clock's tick (two seconds
 * on FAT, one on ext4 of 128-byte inodes, a few milliseconds on most
 * before Linux 6.13): a change made in the tick of the one noted leaves
 * the times as noted. Until the change noted is older than a tick the
 * times prove nothing, and every look compares the text (git's "racily
 * clean" entries): its ctime, which no one can set, decides. */
static void note_times(cs_journal *j, const struct stat *st, struct timespec looked)
{
    j->mtime = st->st_mtim;
    j->ctime = st->st_ctim;
    j->racy = st->st_ctim.tv_sec >= looked.tv_sec - 2;
}

static int same_times(const cs_journal *j, const struct stat *st)
{
    return !j->racy && st->st_mtim.tv_sec == j->mtime.tv_sec && st->st_mtim.tv_nsec == j->mtime.tv_nsec &&
           st->st_ctim.tv_sec == j->ctime.tv_sec && st->st_ctim.tv_nsec == j->ctime.tv_nsec;
}

/* Whether the file's first `upto` bytes are still the text this journal
 * read or wrote there (its hash): 1 when they are, 0 when they were
 * changed in place (an editor that writes over the file, not replacing
 * it), -1 with errno when they cannot be read. */
static int text_unchanged(const cs_journal *j, off_t upto)
{
    enum { CHUNK = 1 << 16 };
    char *buf = malloc(CHUNK);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    uint64_t h = CS_FNV1A_START;
    off_t at = 0;
    int rc = 1;
    while (at < upto) {
        size_t want = upto - at < CHUNK ? (size_t)(upto - at) : CHUNK;
        ssize_t r = pread(j->fd, buf, want, at);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = -1;
            break;
        }
        if (r == 0) {
            rc = 0; /* shorter than that now */
            break;
        }
        h = cs_fnv1a_n(h, buf, (size_t)r);
        at += r;
    }
    free(buf);
    return rc == 1 && h != j->hash ? 0 : rc;
}

/* The lock of kind LOCK_EX or LOCK_SH, waited for at most wait_ms (forever
 * when negative, not at all at 0): another capscope holds it for the few
 * milliseconds of an append, but one stopped (Ctrl-Z, kill -STOP) or stuck
 * holds it for good. Polled, as flock(2) has no timeout; a signal does not
 * end the wait. Returns 0 when held; 1 when the file system has no locks;
 * -1 when the wait ran out. */
static int lock_within(int fd, int kind, long wait_ms)
{
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    long pause_us = 500;
    for (;;) {
        if (flock(fd, kind | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return 1;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long waited = (long)(now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (wait_ms >= 0 && waited >= wait_ms)
            return -1;
        long left_us = wait_ms < 0 ? pause_us : (wait_ms - waited) * 1000;
        struct timespec nap = { 0, (pause_us < left_us ? pause_us : left_us) * 1000 };
        nanosleep(&nap, NULL);
        if (pause_us < 20000)
            pause_us *= 2;
    }
}

/* The journal's lock for writing, waited for at most wait_ms: a wait with
 * no end would hang a job, or freeze the interface, with no word. Returns
 * 0 when held; 1 when the file system has no locks (best effort: the size
 * check still catches most); -1 with err, naming the holder, when the wait
 * ran out. */
static int lock_bounded(int fd, const char *path, long wait_ms, int not_for_stopped, cs_error *err)
{
    /* A moment first, before the holder is looked at: a writer holds the
     * lock for milliseconds, and one traced (strace) shows as stopped at
     * each of its system calls. */
    long moment = wait_ms >= 0 && wait_ms < 100 ? wait_ms : 100;
    int got = lock_within(fd, LOCK_EX, moment);
    int stopped = 0;
    long pid = 0;
    /* The interface appends on its input thread: behind a holder that is
     * stopped, whose lock will not come within the wait, it would only
     * freeze the screen for the wait's length and then say the same. */
    if (got < 0 && not_for_stopped) {
        pid = cs_lock_holder(fd, &stopped);
        if (pid > 0 && stopped)
            wait_ms = 0;
    }
    if (got < 0 && wait_ms != 0)
        got = lock_within(fd, LOCK_EX, wait_ms < 0 ? -1 : wait_ms - moment);
    if (got >= 0)
        return got;
    pid = cs_lock_holder(fd, &stopped);
    char waited[32];
    if (wait_ms == 0)
        snprintf(waited, sizeof waited, "not waited for");
    else if (wait_ms % 1000 == 0)
        snprintf(waited, sizeof waited, "%ld s", wait_ms / 1000);
    else
        snprintf(waited, sizeof waited, "%ld ms", wait_ms);
    /* The way out first: a status line of 80 columns cuts off the end. */
    if (pid > 0 && stopped)
        return cs_error_set(err, CS_ERR_RUNTIME, path, 0,
                            "journal locked by process %ld, stopped: kill -CONT %ld (or fg it) or end it, "
                            "then try again; nothing was done (%s%s)", pid, pid, wait_ms ? "waited " : "", waited);
    char who[64] = "another capscope";
    if (pid > 0)
        snprintf(who, sizeof who, "process %ld", pid);
    return cs_error_set(err, CS_ERR_RUNTIME, path, 0,
                        "journal locked by %s: try again once it lets go; nothing was done (%s%s)", who,
                        wait_ms ? "waited " : "", waited);
}

/* Where the line starting at text[at] ends (at its line end, or at n) and
 * where the next begins (CRLF is one line end). */
static size_t line_end(const char *text, size_t n, size_t at, size_t *next)
{
    size_t eol = at;
    while (eol < n && text[eol] != '\n' && text[eol] != '\r')
        eol++;
    *next = eol + 1;
    if (*next < n && text[eol] == '\r' && text[*next] == '\n')
        ++*next;
    return eol;
}

/* The error at a line among a batch's count that is none of its scores:
 * an undo, a header, or a score of another time (the writer gives all of a
 * batch one time). No writer leaves that, the batch being one write: the
 * batch was cut short, and other lines follow (journals put together with
 * cat, one ending in a batch a crash cut), or lines were lost from it. */
static int batch_cut_short(const cs_journal *j, long lineno, long header_line, long long count,
                           long long got, cs_error *err)
{
    return cs_error_set(err, CS_ERR_INPUT, j->path, lineno,
                        "the batch of line %ld is cut short here, after %lld of its %lld scores "
                        "(this line is none of them: lines are missing)", header_line, got, count);
}

/* The count lines after a batch's header (from buf[from] on; the header is
 * on line header_line): 1 when all are there, each a score of the batch's
 * time (its first line's: the writer gives all of them one); 0 when the
 * file ends first, each line there such a score and the last perhaps the
 * start of one: a crash cut the batch's write, and all of it is a torn
 * tail, dropped as a torn last line is; -1 with err at a line that is
 * neither. The last line may lack its line end, as any last line (an
 * editor that saves none), when it is whole; one whose time is the start
 * of the batch's is the start of the line, a crash having cut into its
 * time (it reads as a whole entry). Names are not looked up: a stale
 * entry is replay's business. */
static int batch_extent(const cs_journal *j, const char *buf, size_t len, size_t from, long long count,
                        long header_line, cs_error *err)
{
    char *copy = NULL;
    size_t cap = 0;
    long lineno = header_line;
    long long first_when = 0;
    const char *first_time = NULL; /* its text, in buf */
    size_t first_len = 0;
    int rc = 1;
    for (long long k = 0; k < count; k++) {
        if (from >= len) {
            rc = 0;
            break;
        }
        size_t next, eol = line_end(buf, len, from, &next);
        const char *line = buf + from;
        size_t n = eol - from;
        lineno++;
        if (n + 1 > cap) {
            char *p = realloc(copy, n + 1);
            if (!p) {
                rc = cs_error_set(err, CS_ERR_RUNTIME, j->path, lineno, "out of memory");
                break;
            }
            copy = p;
            cap = n + 1;
        }
        memcpy(copy, line, n);
        copy[n] = '\0';
        const char *nul = memchr(line, '\0', n);
        parsed_line p = { 0 };
        cs_error why;
        if (!nul && batch_count(line, n) == 0 && parse_line(j, copy, lineno, &p, &why) == 0 && !p.undo) {
            const char *time_text = line + (p.f[4] - copy); /* split in place: same offset */
            size_t time_len = strlen(p.f[4]);
            if (k == 0) {
                first_when = p.when;
                first_time = time_text;
                first_len = time_len;
            } else if (p.when != first_when) {
                if (eol == len && time_cut_short(time_text, time_len, first_time, first_len)) {
                    rc = 0; /* its time cut short */
                    break;
                }
                rc = batch_cut_short(j, lineno, header_line, count, k, err);
                break;
            }
            from = next;
            continue;
        }
        if (eol == len && could_be_torn(line, n, 1)) {
            rc = 0;
            break;
        }
        if (nul)
            rc = cs_error_set(err, CS_ERR_INPUT, j->path, lineno,
                              "the journal holds a NUL byte (at column %zu); it is not a text file",
                              (size_t)(nul - line) + 1);
        else if (p.undo || batch_count(line, n) != 0)
            rc = batch_cut_short(j, lineno, header_line, count, k, err);
        else {
            if (err)
                *err = why;
            rc = -1;
        }
        break;
    }
    free(copy);
    return rc;
}

/* What opening found from byte at on is a torn tail: dropped, counted, and
 * cut before the next entry is written (prepare_append). */
static void mark_torn(cs_journal *j, size_t at, size_t *torn)
{
    (*torn)++;
    j->torn = 1;
    j->torn_at = (off_t)at;
}

static int open_journal(const char *path, cs_dataset *ds, cs_journal **out, size_t *torn,
                        cs_journal_replay *rep, long hold_wait_ms, cs_error *err)
{
    int reader = hold_wait_ms == HOLD_READER;
    int hold = hold_wait_ms != HOLD_NOT && !reader;
    *out = NULL;
    *torn = 0;
    /* The directory $XDG_DATA_HOME/capscope is made when first needed; the
     * data's own is not: gone since the data was loaded (a drive unmounted,
     * a checkout removed), a journal made again in its place would hide
     * under the mount or be lost with the next checkout. open says why. */
    char *xdg = xdg_dir();
    size_t xl = xdg ? strlen(xdg) : 0;
    /* When that fails and open then finds no directory, it is the reason to
     * give: open would say only "no such file or directory" of a journal
     * under a home that is read-only (a CI job's, a container's), and send
     * the reader looking for a file. (A file system may refuse mkdir of a
     * directory that exists, not with EEXIST: open's error stands then.) */
    int mkdir_errno = 0;
    if (!reader && xdg && strncmp(path, xdg, xl) == 0 && path[xl] == '/' && cs_mkdir_parents(path) != 0)
        mkdir_errno = errno;
    free(xdg);
    int replaced = 0; /* times the file was replaced at its path while this one waited */
reopen:;
    struct stat before;
    int existed = stat(path, &before) == 0;
    /* O_NONBLOCK: a FIFO in the journal's place must not hang the open.
     * 0666 less the umask, as a new data file: readable by whoever may read
     * the data beside it (it is part of the data: every command replays
     * it); the XDG directory a journal falls back to is private (0700). */
    int fd = reader ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
                    : open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0666);
    if (fd < 0 && reader && errno == ENOENT)
        return 1; /* deleted since the caller looked: no journal, not an empty one to create */
    if (fd >= 0 && !existed)
        cs_sync_dir_of(path);
    int read_only = 0;
    if (fd < 0 && !reader && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        read_only = errno;
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0)
            errno = read_only;
    }
    if (fd < 0) {
        if (errno == EISDIR)
            return cs_error_set(err, CS_ERR_INPUT, path, 0, "is a directory, not a journal file%s", NOT_A_JOURNAL_WAY);
        if (mkdir_errno && (errno == ENOENT || errno == ENOTDIR)) { /* the directory is not there */
            char why[128];
            cs_errno_text(mkdir_errno, why, sizeof why);
            char *dir = dir_of(path);
            cs_error_set(err, CS_ERR_RUNTIME, dir ? dir : path, 0,
                         "cannot make the journal's directory: %s; set XDG_DATA_HOME to a directory of yours",
                         why);
            free(dir);
            return -1;
        }
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot open the journal", errno);
    }
    struct stat st;
    struct timespec looked = look_time();
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read the journal", e);
    }
    /* A FIFO would never end, a device might never end. */
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return cs_error_set(err, CS_ERR_INPUT, path, 0, "is %s, not a journal file%s",
                            S_ISDIR(st.st_mode) ? "a directory" : "a FIFO, a device or a socket", NOT_A_JOURNAL_WAY);
    }
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    /* Held from before the read: no other capscope can append between what
     * this one read and what it writes. Best effort, as append_durably's. */
    int held = 0;
    if (hold && !read_only) {
        int got = lock_bounded(fd, path, hold_wait_ms, 0, err);
        if (got < 0) {
            close(fd);
            return -1;
        }
        held = got == 0;
    }
    /* Its size once the lock is ours: what another capscope appended while
     * this one waited for the lock is read too. With the size from before
     * the wait, every batch command that had to wait (a few started at
     * once) found the journal "changed" and entered nothing. */
    if (held)
        looked = look_time();
    if (held && fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read the journal", e);
    }
    /* Another file put at the path meanwhile (journals merged, as the
     * warning of an orphan journal advises: cat ... > J.new && mv J.new J):
     * that one is the journal now, and the one this waited for would refuse
     * every entry ("changed since it was read"). A few times at most. */
    struct stat at_path;
    if (held && replaced < 8 && stat(path, &at_path) == 0 && !still_at_path(&st, path)) {
        close(fd);
        replaced++;
        goto reopen;
    }
    /* A reader takes the shared lock if it comes within a moment, and
     * reads the file as it is then: half of a --from batch that another
     * capscope was writing read as a torn last line, and was said to be
     * one ("interrupted write"). Not waited for longer: a capscope stopped
     * while it holds the lock must not keep the data from loading, which
     * then reads what is there, as before. */
    int shared = 0;
    if (!held && lock_within(fd, LOCK_SH, CS_JOURNAL_READ_WAIT_MS) == 0) {
        struct stat now;
        struct timespec at = look_time();
        shared = 1;
        if (fstat(fd, &now) == 0) {
            st = now;
            looked = at;
        }
    }
    cs_journal *j = calloc(1, sizeof *j);
    char *buf = NULL;
    size_t len = 0;
    /* As long as it was when opened: an entry appended meanwhile by another
     * capscope is left for it, not read torn. */
    size_t size = st.st_size > 0 ? (size_t)st.st_size : 0;
    int read_failed = !j || !(j->path = dup_str(path)) || cs_read_fd(fd, size, CS_READ_AT_MOST_HINT, &buf, &len) != 0;
    int read_errno = errno;
    if (shared)
        (void)flock(fd, LOCK_UN);
    if (read_failed) {
        int e = j ? read_errno : ENOMEM;
        close(fd);
        if (j)
            free(j->path);
        free(j);
        return cs_error_errno(err, CS_ERR_RUNTIME, path, 0, "cannot read the journal", e);
    }
    j->fd = fd;
    j->read_only = read_only;
    j->reader = reader;
    j->held = held;
    j->lock_wait_ms = CS_JOURNAL_APPEND_WAIT_MS;
    j->size_read = (off_t)len;
    int ends_in_cr = len > 0 && buf[len - 1] == '\r';
    /* A byte-order mark, as an editor may put before the first entry. */
    size_t done = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    long lineno = 0;
    /* The text's hash, line by line before a line is split in place, up to
     * the line being read (hash_at: a torn one's start). */
    uint64_t hash = cs_fnv1a_n(CS_FNV1A_START, buf, done), hash_at = hash;
    long long batch_left = 0; /* lines of a whole batch still to come */
    while (done < len) {
        size_t next, end = line_end(buf, len, done, &next);
        char *line = buf + done, *eol = buf + end;
        hash_at = hash;
        hash = cs_fnv1a_n(hash, line, (next < len ? next : len) - done);
        lineno++;
        size_t n = (size_t)(eol - line);
        char *nul = memchr(line, '\0', n);
        /* A batch's header, with its line end: the batch is replayed line
         * by line as any entries once all its lines are known to be there;
         * when the file ends before they are, all of it is a torn tail. One
         * without a line end is the start of a batch, torn, or malformed. */
        long long count = batch_count(line, n);
        if (count != 0 && !nul && eol < buf + len) {
            if (count < 0) {
                cs_error_set(err, CS_ERR_INPUT, path, lineno, "bad batch header (expected 'batch<TAB>N', N a count of scores)");
                goto refused;
            }
            int whole = batch_extent(j, buf, len, next, count, lineno, err);
            if (whole < 0)
                goto refused;
            if (!whole) {
                mark_torn(j, done, torn);
                lineno--; /* none of it whole */
                break;
            }
            batch_left = count;
            done = next;
            continue;
        }
        int in_batch = batch_left > 0;
        batch_left -= in_batch;
        if (eol == buf + len) {
            /* The last line, without a line end (buf ends with a NUL). */
            int maybe_torn = could_be_torn(line, n, 0);
            /* A batch's, whole, is batch_extent's to judge: its time is
             * its first line's, and the batch counts whole or not at all. */
            if (!nul && !in_batch && score_time_cut(line, n, (long long)st.st_mtime)) {
                mark_torn(j, done, torn);
                lineno--;
                break;
            }
            if (!nul && replay_line(j, ds, line, lineno, rep, err) == 0) {
                j->need_newline = 1; /* a whole entry */
                break;
            }
            if (maybe_torn) {
                mark_torn(j, done, torn);
                lineno--; /* not a whole line */
                break;
            }
        }
        if (nul)
            cs_error_set(err, CS_ERR_INPUT, path, lineno,
                         "the journal holds a NUL byte (at column %zu); it is not a text file",
                         (size_t)(nul - line) + 1);
        if (eol < buf + len)
            *eol = '\0';
        if (nul || eol == buf + len || replay_line(j, ds, line, lineno, rep, err) != 0)
            goto refused;
        done = next;
    }
    free(buf);
    j->n_lines = j->lines_at_open = lineno;
    j->after_cr = ends_in_cr && !j->torn;
    j->hash = j->torn ? hash_at : hash;
    note_times(j, &st, looked);
    *out = j;
    return 0;
refused:
    free(buf);
    roll_back(j, ds);
    cs_journal_close(j);
    return -1;
}

int cs_journal_open(const char *path, cs_dataset *ds, cs_journal **out, size_t *warnings,
                    cs_error *err)
{
    size_t torn;
    int rc = open_journal(path, ds, out, &torn, NULL, HOLD_NOT, err);
    if (warnings)
        *warnings = torn;
    return rc;
}

int cs_journal_open_replay(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, cs_error *err)
{
    memset(rep, 0, sizeof *rep);
    return open_journal(path, ds, out, &rep->torn, rep, HOLD_NOT, err);
}

int cs_journal_open_reader(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, cs_error *err)
{
    memset(rep, 0, sizeof *rep);
    return open_journal(path, ds, out, &rep->torn, rep, HOLD_READER, err);
}

int cs_journal_open_locked(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, long wait_ms, cs_error *err)
{
    memset(rep, 0, sizeof *rep);
    return open_journal(path, ds, out, &rep->torn, rep, wait_ms < 0 ? -1 : wait_ms, err);
}

void cs_journal_set_lock_wait(cs_journal *j, long wait_ms)
{
    j->lock_wait_ms = wait_ms < 0 ? -1 : wait_ms;
}

/* Only while the file is as this journal last read or wrote it, and still
 * the file at its path: an entry another capscope appended since would be
 * taken back by this one's next undo at the next replay (an undo takes back
 * the entry above it), cutting a torn line would take its entry, and an
 * entry written to a file replaced or removed since would be lost. Then,
 * what opening left: a torn last line to cut, or a last line to end. The
 * caller holds the file's lock, so another capscope cannot append between
 * the check and the write. */
/* Whether the bytes from `from` to `size` are a torn tail, as opening
 * would read them: the start of an entry without its line end, or a batch
 * whose lines are not all there (1); or not (0); -1 when it cannot be told
 * (too large to read, no memory: errno EFBIG, ENOMEM, or the read's).
 * Asked under the exclusive lock, where no
 * writer can be in the middle of its write (each holds the lock from its
 * check to its fsync): such a tail is what a writer killed mid-write left,
 * and will never be finished. */
static int dead_tail(const cs_journal *j, off_t from, off_t size)
{
    if (size <= from)
        return 0;
    if (size - from > ((off_t)1 << 30)) {
        errno = EFBIG;
        return -1;
    }
    size_t n = (size_t)(size - from);
    char *buf = malloc(n + 1);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    size_t got = 0;
    int e = EIO; /* a file shorter than its size said: no reason given */
    while (got < n) {
        ssize_t r = pread(j->fd, buf + got, n - got, from + (off_t)got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            e = errno;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    int dead = got == n ? 0 : -1;
    size_t at = 0;
    /* The line end another writer put before its entry, this journal's
     * last line having none (append_locked's joined line). */
    if (got == n && j->need_newline && n > 0 && buf[0] == '\n')
        at = 1;
    if (got == n && at < n) {
        buf[n] = '\0';
        size_t next, eol = line_end(buf, n, at, &next);
        long long count = batch_count(buf + at, eol - at);
        struct stat st;
        if (eol == n)
            dead = could_be_torn(buf + at, n - at, 0) ||
                   (!memchr(buf + at, '\0', n - at) && fstat(j->fd, &st) == 0 &&
                    score_time_cut(buf + at, n - at, (long long)st.st_mtime));
        else if (count > 0)
            dead = batch_extent(j, buf, n, next, count, 0, NULL) == 0;
    }
    free(buf);
    if (dead < 0)
        errno = e;
    return dead;
}

/* Refused when whether a tail is torn cannot be told: cutting it might
 * take entries another capscope wrote there and was told were saved, and
 * taking it for theirs refuses every score until the data is loaded
 * again, where trying later may do. The way out first, as the status
 * line cuts off the end. errno: dead_tail's. */
static int say_tail_unread(const cs_journal *j, int errnum, cs_error *err)
{
    char reason[128];
    cs_errno_text(errnum, reason, sizeof reason);
    return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0,
                        "nothing was written: cannot tell whether another capscope wrote where the "
                        "journal's last line was torn (%s)",
                        reason);
}

/* Gone from its name (the file, or the data's directory, deleted): not
 * "another capscope wrote it", and loading again would not bring back the
 * scores it held, which the screen still shows. A file still linked
 * somewhere was moved (renamed with its data), its scores safe there.
 * -1 with err so; 0 while the name names a file. st: the open file's. */
static int say_gone(const cs_journal *j, const struct stat *st, cs_error *err)
{
    struct stat at_path;
    if (stat(j->path, &at_path) != 0 && errno == ENOENT)
        return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "%s",
                            st->st_nlink == 0 ? "the journal was deleted; its scores are on screen only, nothing saved"
                                              : "the journal was moved away (its scores went with it); nothing saved");
    return 0;
}

static int prepare_append(cs_journal *j, int exclusive, cs_error *err)
{
    if (j->reader)
        return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "the journal was opened to be read only; nothing was saved");
    if (j->read_only) {
        /* What to do too: the scores live in this one file, which another
         * user may own (a journal beside shared data). */
        char reason[128];
        cs_errno_text(j->read_only, reason, sizeof reason);
        return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "cannot write the journal (%s)%s; nothing was saved",
                            reason,
                            j->read_only == EACCES ? ": its owner can let you (chmod g+w), or copy the data "
                                                     "and its journal to a directory of yours"
                            : j->read_only == EROFS ? ": copy the data and its journal to a directory of yours"
                                                    : "");
    }
    struct stat st;
    struct timespec seen = look_time();
    if (fstat(j->fd, &st) != 0)
        return cs_error_errno(err, CS_ERR_RUNTIME, j->path, 0, "cannot write the journal", errno);
    if (say_gone(j, &st, err) != 0)
        return -1;
    /* Edited in place (the inode and perhaps the size kept): what this
     * journal read is no longer what the file says, and its undo would
     * take back another entry than the file's. */
    off_t read_upto = j->torn ? j->torn_at : j->size_read;
    if (!same_times(j, &st) && j->size_read >= 0) {
        int same = text_unchanged(j, read_upto);
        if (same < 0)
            return cs_error_errno(err, CS_ERR_RUNTIME, j->path, 0, "cannot read the journal", errno);
        if (!same)
            return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0,
                                "the journal changed since it was read: load the data again "
                                "(edited in place?); nothing was written");
        note_times(j, &st, seen);
    }
    /* Left by a writer killed mid-write (capscope score --from under
     * kill -9): dropped as opening drops a torn tail, cut below, rather
     * than refuse every score until the data is loaded again. Only under
     * the lock: without it the writer may still be writing. */
    off_t base = j->torn ? j->torn_at : j->size_read;
    int looked = 0;
    if (exclusive && st.st_size != j->size_read && still_at_path(&st, j->path) && j->size_read >= 0 &&
        dead_tail(j, base, st.st_size) == 1) {
        j->torn = 1;
        j->torn_at = base;
        j->size_read = st.st_size;
        looked = 1;
    }
    /* The size alone does not tell that the torn tail this journal read is
     * still all that lies past torn_at: another capscope that read it too
     * may have cut it and written entries as long in its place (an "undo"
     * where "score" was torn), which the cut below would take, though
     * their writer was told they were saved. Not told (no memory): not
     * cut either. */
    int replaced = 0;
    if (!looked && j->torn && st.st_size == j->size_read) {
        int dead = dead_tail(j, j->torn_at, st.st_size);
        if (dead < 0)
            return say_tail_unread(j, errno, err);
        replaced = dead == 0;
    }
    if (st.st_size != j->size_read || replaced || !still_at_path(&st, j->path))
        /* The way out first: a status line of 80 columns cut it off last. */
        return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0,
                            "the journal changed since it was read: load the data again "
                            "(another capscope wrote it?); nothing was written");
    if (j->torn) {
        if (ftruncate(j->fd, j->torn_at) != 0 || fsync(j->fd) != 0)
            return cs_error_errno(err, CS_ERR_RUNTIME, j->path, 0, "cannot drop the torn last line",
                               errno);
        j->torn = 0;
        j->size_read = j->torn_at;
    }
    return 0;
}

/* A line is in the journal whole, synced, or not at all: a write cut short
 * (a full disk) would leave a fragment that the next line joins, and the
 * journal would be refused at the next start, every score in it with it. */
static int append_locked(cs_journal *j, int exclusive, const char *text, size_t text_len, cs_error *err);

static int append_durably(cs_journal *j, const char *text, size_t text_len, cs_error *err)
{
    /* Advisory, between capscope processes; best effort where the file
     * system has no locks (the size check still catches most). */
    int locked = 0;
    if (!j->held && !j->read_only && !j->reader) {
        int got = lock_bounded(j->fd, j->path, j->lock_wait_ms, 1, err);
        if (got < 0)
            return -1;
        locked = got == 0;
    }
    int rc = append_locked(j, j->held || locked, text, text_len, err);
    if (locked)
        (void)flock(j->fd, LOCK_UN);
    return rc;
}

static int append_locked(cs_journal *j, int exclusive, const char *text, size_t text_len, cs_error *err)
{
    if (prepare_append(j, exclusive, err) != 0)
        return -1;
    /* After a last line without a line end, the entry starts a line of its
     * own, written with it: one write, cut back whole if it fails. */
    char *joined = NULL;
    const char *line = text;
    size_t len = text_len;
    if (j->need_newline) {
        if (!(joined = malloc(text_len + 1)))
            return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory; nothing was saved");
        joined[0] = '\n';
        memcpy(joined + 1, text, text_len);
        line = joined;
        len = text_len + 1;
    }
    off_t start = lseek(j->fd, 0, SEEK_END);
    size_t off = 0;
    const char *what = NULL;
    int saved = 0;
    while (off < len) {
        ssize_t w = write(j->fd, line + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            what = "write";
            saved = w < 0 ? errno : ENOSPC;
            break;
        }
        off += (size_t)w;
    }
    if (!what && fsync(j->fd) != 0) {
        what = "sync";
        saved = errno;
    }
    if (!what)
        j->hash = cs_fnv1a_n(j->hash, line, len); /* before joined, which line may be, is freed */
    free(joined);
    if (!what) {
        if (joined)
            j->need_newline = 0;
        j->after_cr = 0;
        j->size_read += (off_t)len; /* as checked under the lock, the file's size */
        struct stat st;
        struct timespec looked = look_time();
        if (fstat(j->fd, &st) == 0)
            note_times(j, &st, looked);
        for (size_t i = 0; i < text_len; i++)
            j->n_lines += text[i] == '\n';
        return 0;
    }
    /* What is left is said: the user must know whether the entry counts. A
     * part that could not be cut away is a torn last line, which the next
     * open drops (could_be_torn). */
    int cut = start >= 0 && ftruncate(j->fd, start) == 0;
    if (cut)
        (void)fsync(j->fd);
    char reason[128];
    cs_errno_text(saved, reason, sizeof reason);
    return cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "cannot %s the journal: %s; %s", what, reason,
                        cut ? "nothing was saved" : "not saved (the part written is dropped at the next start)");
}

/* One entry's line, escaped, appended to *text (grown as needed); -1
 * with err when memory runs out. A name of any length: the reader splits
 * lines of any length, and a name over 1023 bytes could not be scored. */
static int append_entry_text(char **text, size_t *len, size_t *cap, const cs_journal_score_item *it,
                             long long now, cs_error *err)
{
    size_t lm = strlen(it->model), lk = strlen(it->task);
    /* an escape doubles a byte at most */
    char *m = lm < SIZE_MAX / 2 ? malloc(2 * lm + 1) : NULL, *k = lk < SIZE_MAX / 2 ? malloc(2 * lk + 1) : NULL;
    char num[CS_NUMBER_TEXT];
    int n = -1;
    if (m && k && escape_into(m, 2 * lm + 1, it->model) == 0 && escape_into(k, 2 * lk + 1, it->task) == 0)
        n = snprintf(NULL, 0, "score\t%s\t%s\t%s\t%lld\n", m, k, cs_number_text(it->value, num), now);
    if (n >= 0 && *len + (size_t)n + 1 > *cap) {
        size_t nc = *cap ? *cap : 256;
        while (*len + (size_t)n + 1 > nc)
            nc *= 2;
        char *p = realloc(*text, nc);
        if (!p)
            n = -1;
        else {
            *text = p;
            *cap = nc;
        }
    }
    if (n >= 0) {
        snprintf(*text + *len, (size_t)n + 1, "score\t%s\t%s\t%s\t%lld\n", m, k, num, now);
        *len += (size_t)n;
    }
    free(m);
    free(k);
    return n >= 0 ? 0 : cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
}

int cs_journal_score_all(cs_journal *j, cs_dataset *ds, const cs_journal_score_item *items, size_t n,
                         size_t *failed, cs_error *err)
{
    if (failed)
        *failed = 0;
    if (n == 0)
        return 0;
    size_t *row = malloc(n * sizeof *row), *task = malloc(n * sizeof *task);
    char *text = NULL;
    size_t len = 0, cap = 0, k = 0;
    int rc = -1;
    long long now = (long long)time(NULL);
    if (!row || !task) {
        cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
        goto out;
    }
    /* Several go under a header that counts them, so that a reader takes
     * them all or none: a crash that cuts the write leaves the header and
     * some of them, which every reader drops as a torn tail. One alone is
     * the one line it always was. */
    if (n > 1) {
        cap = 64;
        if (!(text = malloc(cap))) {
            k = n;
            cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
            goto out;
        }
        len = (size_t)snprintf(text, cap, BATCH_TAG "%zu\n", n);
    }
    /* Every item is checked before a byte is written. */
    for (k = 0; k < n; k++) {
        const cs_journal_score_item *it = &items[k];
        if (resolve(ds, it->model, it->task, &row[k], &task[k], err, NULL, 0) != 0)
            goto out;
        if (!(isfinite(it->value) && it->value >= 0 && it->value <= 1)) {
            cs_error_set(err, CS_ERR_INPUT, NULL, 0, "a score must be in [0, 1]");
            goto out;
        }
        if (append_entry_text(&text, &len, &cap, it, now, err) != 0)
            goto out;
    }
    /* The entries' room first: a line written and then not applied (out of
     * memory) would be one entry more in the file than in the undo list,
     * and an undo would take back different scores now and at replay. */
    k = n; /* what fails now is no one item's */
    while (j->cap - j->n < n)
        if (reserve_more(j) != 0) {
            cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
            goto out;
        }
    /* One write and one sync under the lock: no other capscope's entry
     * comes between these, and a failure cuts all of them back. */
    if (append_durably(j, text, len, err) != 0)
        goto out;
    for (size_t i = 0; i < n; i++)
        (void)apply_score(j, ds, row[i], task[i], items[i].value, 0, now, err); /* room reserved, checked */
    rc = 0;
out:
    if (rc != 0 && failed)
        *failed = k;
    free(row);
    free(task);
    free(text);
    return rc;
}

int cs_journal_score(cs_journal *j, cs_dataset *ds, const char *model, const char *task,
                     double value, cs_error *err)
{
    const cs_journal_score_item it = { model, task, value };
    return cs_journal_score_all(j, ds, &it, 1, NULL, err);
}

/* The lines of text[0..n), which ends with a line end, one by one as
 * opening reads them (LF, CRLF or a lone CR ends a line): checked only
 * (apply 0: the syntax, and every undo having an entry to take back, from
 * depth entries on; *scores the score lines), or replayed (*scores the
 * entries: score and undo lines, not batch headers). The check gives in
 * *whole where the lines that can be taken in now end: before a batch
 * whose lines are not all there yet (its writer is still writing it, or
 * was killed while it did: either way it is taken in whole or not at
 * all), else at n. The first line is empty when this journal's last line
 * had no line end and the writer of the next entry ended it
 * (append_locked), or when the last line read ended with the CR of a CRLF
 * whose LF comes now: that is no line of its own. */
static int catch_up_lines(cs_journal *j, cs_dataset *ds, char *text, size_t n, int apply, size_t depth,
                          size_t *scores, size_t *whole, cs_journal_replay *rep, cs_error *err)
{
    long lineno = j->n_lines;
    long long batch_left = 0, batch_size = 0, batch_when = 0;
    long batch_line = 0;
    size_t batch_at = 0;
    *scores = 0;
    for (size_t done = 0; done < n;) {
        size_t next, end = line_end(text, n, done, &next);
        char *line = text + done, *eol = text + end;
        int lf = *eol == '\n';
        *eol = '\0';
        if (done == 0 && line == eol && (j->need_newline || (j->after_cr && lf))) {
            done = next;
            continue;
        }
        /* Written onto the last line read, which had no line end: opening
         * reads the two as one line, which no entry taken in can match. */
        if (done == 0 && j->need_newline)
            return cs_error_set(err, CS_ERR_RUNTIME, j->path, j->n_lines,
                                "load the data again: this last line, read without its line end, was written "
                                "on since");
        lineno++;
        if (strlen(line) != (size_t)(eol - line))
            return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "the journal holds a NUL byte; it is not a text file");
        long long count = batch_count(line, (size_t)(eol - line));
        if (apply) {
            /* Checked: a header, and the whole batch after it. A header
             * is no entry: *scores counts the entries replayed. */
            if (count == 0 && replay_line(j, ds, line, lineno, rep, err) != 0)
                return -1;
            *scores += count == 0;
        } else if (count != 0) {
            if (batch_left > 0)
                return batch_cut_short(j, lineno, batch_line, batch_size, batch_size - batch_left, err);
            if (count < 0)
                return cs_error_set(err, CS_ERR_INPUT, j->path, lineno,
                                    "bad batch header (expected 'batch<TAB>N', N a count of scores)");
            batch_left = batch_size = count;
            batch_line = lineno;
            batch_at = done;
        } else {
            parsed_line p;
            if (parse_line(j, line, lineno, &p, err) != 0)
                return -1;
            if (batch_left > 0 && (p.undo || (batch_left < batch_size && p.when != batch_when)))
                return batch_cut_short(j, lineno, batch_line, batch_size, batch_size - batch_left, err);
            if (batch_left == batch_size && batch_left > 0)
                batch_when = p.when; /* the batch's first score: its time is all of theirs */
            if (p.undo && depth == 0)
                return cs_error_set(err, CS_ERR_INPUT, j->path, lineno, "undo with nothing to undo");
            depth = p.undo ? depth - 1 : depth + 1;
            *scores += !p.undo;
            batch_left -= batch_left > 0;
        }
        done = next;
    }
    if (apply)
        j->n_lines = lineno;
    else
        *whole = batch_left > 0 ? batch_at : n;
    return 0;
}

/* cs_journal_catch_up's failure: -1, errno errnum, which tells whether
 * another call may succeed (journal.h). */
static int failed_with(int errnum)
{
    errno = errnum;
    return -1;
}

int cs_journal_catch_up(cs_journal *j, cs_dataset *ds, cs_journal_replay *rep, size_t *lines, cs_error *err)
{
    memset(rep, 0, sizeof *rep);
    *lines = 0;
    struct stat st;
    if (fstat(j->fd, &st) != 0) {
        int e = errno;
        cs_error_errno(err, CS_ERR_RUNTIME, j->path, 0, "cannot read the journal", e);
        return failed_with(e);
    }
    /* Only entries appended to the file as this journal left it can be
     * taken in: a shorter or replaced file changed what was read (one put
     * at its name, of any size: the open file's size tells nothing of it).
     * A torn last line is read again from its start: another capscope that
     * wrote since has cut it (prepare_append), or it was a line still being
     * written, now whole. */
    off_t from = j->torn ? j->torn_at : j->size_read;
    int at_path = still_at_path(&st, j->path);
    if (at_path && st.st_size == j->size_read && same_times(j, &st))
        return 0;
    if (!at_path && say_gone(j, &st, err) != 0)
        return failed_with(0);
    if (j->size_read < 0 || st.st_size < from || !at_path) {
        cs_error_set(err, CS_ERR_RUNTIME, j->path, 0,
                     "load the data again: the journal changed since it was read, and not only by new entries");
        return failed_with(0);
    }
    /* Shared: a writer's entries go in whole under its exclusive lock.
     * Not waited for: a capscope stopped while it holds the lock would
     * freeze the interface that looks here every second. Busy, nothing is
     * taken in now; the next look takes it. */
    int locked = 0;
    if (!j->held) {
        int got = lock_within(j->fd, LOCK_SH, 0);
        if (got < 0)
            return 0;
        locked = got == 0;
    }
    char *text = NULL;
    size_t got = 0;
    int e = 0, edited = 0;
    struct timespec looked = look_time();
    if (fstat(j->fd, &st) != 0)
        e = errno;
    else if (!same_times(j, &st)) {
        /* Written since: past what was read, as appending does, or over
         * it, as an editor that keeps the file (and perhaps its size). */
        int same = text_unchanged(j, from);
        if (same < 0)
            e = errno;
        edited = same == 0;
    }
    if (!e && !edited && st.st_size > from) {
        size_t want = (size_t)(st.st_size - from);
        if (!(text = malloc(want + 1)))
            e = ENOMEM;
        while (text && got < want) {
            ssize_t r = pread(j->fd, text + got, want - got, from + (off_t)got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                e = r < 0 ? errno : 0;
                break;
            }
            got += (size_t)r;
        }
    }
    if (locked)
        (void)flock(j->fd, LOCK_UN);
    if (e) {
        free(text);
        cs_error_errno(err, CS_ERR_RUNTIME, j->path, 0, "cannot read the journal", e);
        return failed_with(e);
    }
    if (edited) {
        cs_error_set(err, CS_ERR_RUNTIME, j->path, 0,
                     "load the data again: the journal changed since it was read, and not only by new entries");
        return failed_with(0);
    }
    note_times(j, &st, looked); /* the text read stands: only what follows it is new */
    /* Whole lines only: a line without its end yet is left for later (a
     * torn one, of a capscope that crashed, is the next opening's), and so
     * is a batch without all its lines (catch_up_lines). */
    size_t cut = got;
    while (cut > 0 && text[cut - 1] != '\n' && text[cut - 1] != '\r')
        cut--;
    if (cut == 0) {
        /* A torn line cut, and nothing after it: the next entry goes there. */
        if (j->torn && got == 0 && st.st_size == from) {
            j->torn = 0;
            j->size_read = from;
        }
        free(text);
        return 0;
    }
    /* All or nothing: checked on a copy first, then replayed with room for
     * every entry made beforehand, so that only a stale entry's names can
     * run out of memory halfway. */
    char *copy = malloc(cut + 1);
    size_t scores = 0;
    int rc = -1, why = 0;
    if (!copy) {
        cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
        why = ENOMEM;
    } else {
        memcpy(copy, text, cut);
        copy[cut] = '\0';
        text[cut] = '\0';
        rc = catch_up_lines(j, ds, copy, cut, 0, j->n, &scores, &cut, rep, err);
    }
    free(copy);
    if (rc == 0 && cut == 0) {
        free(text); /* a batch not yet whole, and nothing before it */
        return 0;
    }
    while (rc == 0 && j->cap - j->n < scores)
        if (reserve_more(j) != 0) {
            rc = cs_error_set(err, CS_ERR_RUNTIME, j->path, 0, "out of memory");
            why = ENOMEM;
        }
    int ends_in_cr = cut > 0 && text[cut - 1] == '\r'; /* before the lines are split in place */
    uint64_t hash = cs_fnv1a_n(j->hash, text, cut);
    if (rc == 0) {
        text[cut] = '\0';
        if (catch_up_lines(j, ds, text, cut, 1, j->n, &scores, NULL, rep, err) != 0) {
            /* Part replayed: the screen no longer matches any state of
             * the file, and no entry may be written after it. */
            j->size_read = -1;
            free(text);
            return failed_with(0);
        }
        *lines = scores;
        j->hash = hash;
        j->size_read = from + (off_t)cut;
        j->need_newline = 0;
        j->torn = 0;
        j->after_cr = ends_in_cr;
    }
    free(text);
    return rc == 0 ? 0 : failed_with(why);
}

long cs_journal_lines_at_open(const cs_journal *j)
{
    return j->lines_at_open;
}

/* Entries in effect, ordered by cell, then oldest first. */
typedef struct cell_order {
    const entry *e;
    size_t k;
} cell_order;

static int by_cell(const void *pa, const void *pb)
{
    const cell_order *a = pa, *b = pb;
    if (a->e->row != b->e->row)
        return a->e->row < b->e->row ? -1 : 1;
    if (a->e->task != b->e->task)
        return a->e->task < b->e->task ? -1 : 1;
    return a->k < b->k ? -1 : a->k > b->k;
}

int cs_journal_overrides(const cs_journal *j, const cs_dataset *ds, const char *data_path,
                         cs_journal_override *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (j->n == 0 || !data_path || stat(data_path, &st) != 0)
        return 0;
    cell_order *o = malloc(j->n * sizeof *o);
    if (!o)
        return -1;
    size_t n = 0;
    for (size_t k = 0; k < j->n; k++)
        if (j->e[k].row != SKIPPED_ROW)
            o[n++] = (cell_order){ &j->e[k], k };
    qsort(o, n, sizeof *o, by_cell);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a + 1; b < n && o[b].e->row == o[a].e->row && o[b].e->task == o[a].e->task; b++)
            ;
        /* The oldest entry for the cell saw the file's score; the newest
         * set the score in effect. Written after the file was last saved,
         * it overrides the file's score knowingly; written before, the file
         * may have been given a score of its own since. */
        const entry *oldest = o[a].e, *newest = o[b - 1].e;
        double now = ds->tasks[newest->task].y[newest->row];
        if (!oldest->had || now == oldest->before || newest->when >= (long long)st.st_mtime)
            continue;
        if (out->count++ == 0 || (newest->line && newest->line < out->line)) {
            out->line = newest->line;
            out->row = newest->row;
            out->task = newest->task;
            out->journal = now;
            out->file = oldest->before;
            out->entries = b - a;
            out->first_line = oldest->line;
        }
    }
    free(o);
    return 0;
}

/* A score entry of an orphan journal: its cell in ds, row SKIPPED_ROW for
 * one that names no cell of ds (or no valid score), which still holds its
 * place for the undo lines after it. */
typedef struct orphan_cell {
    size_t row, task, pos;
    double value;
} orphan_cell;

static int orphan_by_cell(const void *pa, const void *pb)
{
    const orphan_cell *a = pa, *b = pb;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->task < b->task ? -1 : a->task > b->task;
}

static int by_cell_then_pos(const void *pa, const void *pb)
{
    const orphan_cell *a = pa, *b = pb;
    int c = orphan_by_cell(pa, pb);
    return c ? c : a->pos < b->pos ? -1 : a->pos > b->pos;
}


/* The score entries of journal text that a replay would leave in effect,
 * *n of them, by cell and then in the file's order (those naming no cell
 * of ds last): an undo line takes back the entry above it (a stale one
 * too, as replay_line does). Malformed lines pass: this only asks what the
 * journal would bring. NULL with *n 0 when there are none (or no memory). */
static orphan_cell *cells_in_effect(char *text, const cs_dataset *ds, size_t *n_out)
{
    orphan_cell *cell = NULL;
    size_t n = 0, cap = 0, pos = 0;
    /* A batch whose lines are not all there is a torn tail: it brings
     * nothing (n goes back to where it began). */
    long long batch_left = 0, batch_size = 0;
    size_t n_before_batch = 0;
    const char *batch_time = NULL; /* the time of its first line, in text */
    if (strncmp(text, "\xEF\xBB\xBF", 3) == 0) /* a byte-order mark, as open_journal allows */
        text += 3;
    for (char *line = text; line && *line;) {
        char *eol = line + strcspn(line, "\r\n");
        /* CRLF is one line end: its LF no empty line of its own, which
         * would count as one of a batch's lines. */
        char *next = !*eol ? NULL : eol[0] == '\r' && eol[1] == '\n' ? eol + 2 : eol + 1;
        *eol = '\0';
        char *f[6];
        size_t split_count = 0;
        long long count = batch_count(line, (size_t)(eol - line));
        if (count > 0) {
            batch_left = batch_size = count;
            batch_time = NULL;
            n_before_batch = n;
            line = next;
            continue;
        }
        /* Counted in a batch once whole: with its line end, or (the last
         * line) all five fields of a score whose time is not the start of
         * the batch's, as opening takes it (batch_extent). */
        int first_of_batch = batch_left > 0 && batch_left == batch_size;
        const char *last_tab = strrchr(line, '\t');
        if (batch_left > 0 &&
            (next || (strncmp(line, "score\t", 6) == 0 && tabs_in(line, strlen(line)) == 4 &&
                      !time_cut_short(last_tab + 1, strlen(last_tab + 1), batch_time, batch_time ? strlen(batch_time) : 0))))
            batch_left--;
        if (strcmp(line, "undo") == 0) {
            n -= n > 0;
        } else if ((split_count = split_entry(line, f)) >= 4 && strcmp(f[0], "score") == 0) {
            if (n == cap) {
                size_t nc = cap ? 2 * cap : 64;
                orphan_cell *p = realloc(cell, nc * sizeof *p);
                if (!p)
                    break;
                cell = p;
                cap = nc;
            }
            orphan_cell c = { SKIPPED_ROW, 0, pos++, 0.0 };
            long r;
            int t;
            if (unescape(f[1]) == 0 && unescape(f[2]) == 0 && parse_value(f[3], &c.value) == 0 &&
                (r = cs_dataset_find_model(ds, f[1])) >= 0 && (t = cs_dataset_task_index(ds, f[2])) >= 0) {
                c.row = (size_t)r;
                c.task = (size_t)t;
            }
            cell[n++] = c;
            if (first_of_batch && split_count == 5)
                batch_time = f[4];
        }
        line = next;
    }
    if (batch_left > 0)
        n = n_before_batch;
    if (n > 1)
        qsort(cell, n, sizeof *cell, by_cell_then_pos);
    *n_out = n;
    return cell;
}

/* The cells of ds whose score merging this journal text before the data's
 * own journal (own: its cells in effect, cells_in_effect's order) would
 * change: a cell entered twice counts once, with its newest score; a cell
 * the own journal holds a score of keeps that one (it is replayed after),
 * so a score entered again on the new name, or corrected there, is no
 * loss, and nor is a score ds already shows (written into the data file
 * since). A merge done as advised therefore leaves nothing to count. */
static size_t entries_for(char *text, const cs_dataset *ds, const orphan_cell *own, size_t n_own)
{
    size_t n;
    orphan_cell *cell = cells_in_effect(text, ds, &n);
    size_t count = 0;
    for (size_t i = 0; i < n && cell[i].row != SKIPPED_ROW; i++) {
        int newest = i + 1 == n || orphan_by_cell(&cell[i + 1], &cell[i]) != 0;
        if (!newest || (n_own && bsearch(&cell[i], own, n_own, sizeof *own, orphan_by_cell)))
            continue;
        const cs_task *t = &ds->tasks[cell[i].task];
        count += !(t->has[cell[i].row] && t->y[cell[i].row] == cell[i].value);
    }
    free(cell);
    return count;
}

/* A journal file's text, when it is a regular file of a sane size. */
static char *read_small_journal(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return NULL;
    struct stat st;
    char *text = NULL;
    size_t len;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= (64 << 20) &&
        cs_read_fd(fd, (size_t)st.st_size, CS_READ_AT_MOST_HINT | CS_READ_STOP_AT_NUL, &text, &len) == 0 &&
        memchr(text, '\0', len)) {
        free(text);
        text = NULL;
    }
    close(fd);
    return text;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *cs_journal_orphan(const char *data_path, const cs_dataset *ds, size_t *entries)
{
    *entries = 0;
    if (!data_path || cs_journal_is_stream(data_path))
        return NULL;
    char *dir = dir_of(data_path);
    if (!dir)
        return NULL;
    const char *sep = strcmp(dir, "/") == 0 ? "" : "/";
    DIR *d = opendir(dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    static const char suffix[] = ".journal";
    const size_t suffix_len = sizeof suffix - 1;
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= suffix_len || strcmp(e->d_name + len - suffix_len, suffix) != 0)
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 8;
            char **p = realloc(names, nc * sizeof *p);
            if (!p)
                break;
            names = p;
            cap = nc;
        }
        if (!(names[n] = dup_str(e->d_name)))
            break;
        n++;
    }
    if (d)
        closedir(d);
    /* In name order, so that the same one is named every time. */
    if (n > 1)
        qsort(names, n, sizeof *names, by_name);
    /* The data's own journal, if any, is replayed after an orphan merged
     * before it: the cells it holds keep its scores. Read once, and only
     * when there is an orphan to weigh. */
    size_t n_own = 0;
    orphan_cell *own = NULL;
    int own_read = 0;
    char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, sep, names[i]);
        if (!found && path) {
            /* Its data file, the name less ".journal": gone, or nothing
             * to do with it. */
            path[strlen(path) - suffix_len] = '\0';
            struct stat st;
            int gone = lstat(path, &st) != 0 && errno == ENOENT;
            path[strlen(path)] = '.';
            char *text = gone ? read_small_journal(path) : NULL;
            if (text && !own_read) {
                own_read = 1;
                char *own_path = cs_journal_path_for(data_path);
                char *own_text = own_path ? read_small_journal(own_path) : NULL;
                if (own_text)
                    own = cells_in_effect(own_text, ds, &n_own);
                free(own_text);
                free(own_path);
            }
            size_t k = text ? entries_for(text, ds, own, n_own) : 0;
            free(text);
            if (k) {
                found = path;
                path = NULL;
                *entries = k;
            }
        }
        free(path);
        free(names[i]);
    }
    free(own);
    free(names);
    free(dir);
    return found;
}

int cs_journal_last(const cs_journal *j, size_t *row, size_t *task)
{
    if (j->n == 0 || j->e[j->n - 1].row == SKIPPED_ROW)
        return -1;
    *row = j->e[j->n - 1].row;
    *task = j->e[j->n - 1].task;
    return 0;
}

long cs_journal_last_line(const cs_journal *j)
{
    return j && j->n > 0 ? j->e[j->n - 1].line : 0;
}

size_t cs_journal_count(const cs_journal *j)
{
    return j->n;
}

size_t cs_journal_count_scored(const cs_journal *j)
{
    size_t n = cs_journal_count_applied(j);
    orphan_cell *cells = n ? malloc(n * sizeof *cells) : NULL;
    if (!cells)
        return n; /* no memory: the entries, which are at least as many */
    size_t k = 0;
    for (size_t i = 0; i < j->n; i++)
        if (j->e[i].row != SKIPPED_ROW)
            cells[k++] = (orphan_cell){ j->e[i].row, j->e[i].task, i, 0.0 };
    qsort(cells, k, sizeof *cells, orphan_by_cell);
    size_t distinct = 0;
    for (size_t i = 0; i < k; i++)
        distinct += i == 0 || orphan_by_cell(&cells[i], &cells[i - 1]) != 0;
    free(cells);
    return distinct;
}

int cs_journal_entry(const cs_journal *j, size_t k, size_t *row, size_t *task)
{
    if (k >= j->n || j->e[k].row == SKIPPED_ROW)
        return -1;
    *row = j->e[k].row;
    *task = j->e[k].task;
    return 0;
}

int cs_journal_item_at(const cs_journal *j, const cs_dataset *ds, size_t k, cs_journal_item *out)
{
    if (k >= j->n)
        return -1;
    const entry *e = &j->e[k];
    memset(out, 0, sizeof *out);
    out->line = e->line;
    out->when = e->when;
    out->value = e->value;
    out->applied = e->row != SKIPPED_ROW;
    if (out->applied) {
        out->row = e->row;
        out->task = e->task;
        out->model = ds->model[e->row];
        out->task_name = ds->tasks[e->task].name;
        out->had = e->had;
        out->before = e->had ? e->before : 0.0;
    } else {
        out->row = out->task = SIZE_MAX;
        out->model = e->names;
        out->task_name = e->names + strlen(e->names) + 1;
    }
    return 0;
}

size_t cs_journal_count_applied(const cs_journal *j)
{
    size_t n = 0;
    for (size_t k = 0; j && k < j->n; k++)
        n += j->e[k].row != SKIPPED_ROW;
    return n;
}

const char *cs_journal_file(const cs_journal *j)
{
    return j->path;
}

int cs_journal_undo(cs_journal *j, cs_dataset *ds, cs_error *err)
{
    if (j->n == 0)
        return 1;
    if (append_durably(j, "undo\n", 5, err) != 0)
        return -1;
    long stale = j->e[j->n - 1].row == SKIPPED_ROW ? j->e[j->n - 1].line : 0;
    if (apply_undo(j, ds, err) != 0)
        return -1;
    if (stale) {
        cs_error_set(err, CS_ERR_INPUT, j->path, stale,
                     "the entry taken back names a model or task not in the data; no score changed");
        return 2;
    }
    return 0;
}

void cs_journal_close(cs_journal *j)
{
    if (!j)
        return;
    close(j->fd); /* and with it the lock, when held */
    for (size_t k = 0; k < j->n; k++)
        free(j->e[k].names);
    free(j->path);
    free(j->e);
    free(j);
}
