/* test_journal.c - the score journal: replay, undo, torn lines, kill -9. */
#define _GNU_SOURCE /* unshare, for a file system of coarse times */
#include <check.h>
#include <errno.h>
#include <float.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "capscope/dataset.h"
#include "capscope/durable.h"
#include "capscope/journal.h"
#include "fallback_journal.h"

#define N_ROWS 300

static char tmpdir[256];
static char jpath[512];

/* N_ROWS models m0 .. m299; task `acc` scored on even rows only. */
static cs_dataset *make_data(void)
{
    size_t cap = 64 + N_ROWS * 48;
    char *csv = malloc(cap);
    size_t k = (size_t)snprintf(csv, cap, "model,flops,params_b,acc,other\n");
    for (int i = 0; i < N_ROWS; i++) {
        if (i % 2 == 0)
            k += (size_t)snprintf(csv + k, cap - k, "m%d,1e%d,%d,0.%03d,0.5\n", i, 21 + i % 4,
                                  1 + i % 7, i % 1000);
        else
            k += (size_t)snprintf(csv + k, cap - k, "m%d,1e%d,%d,,0.25\n", i, 21 + i % 4, 1 + i % 7);
    }
    cs_dataset *ds = NULL;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, k, "mem.csv", NULL, &ds, &err) == 0, "%s", err.msg);
    free(csv);
    return ds;
}

static int task_acc(const cs_dataset *ds)
{
    int t = cs_dataset_task_index(ds, "acc");
    ck_assert(t >= 0);
    return t;
}

/* The test data made afresh, and the journal at jpath opened on it and
 * replayed, which must succeed. */
static cs_journal *open_fresh(cs_dataset **ds, cs_journal_replay *rep)
{
    cs_error err;
    cs_journal *j = NULL;
    *ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, *ds, &j, rep, &err) == 0, "%s", err.msg);
    return j;
}

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/capscope-journal.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    ck_assert(mkdtemp(tmpdir) != NULL);
    snprintf(jpath, sizeof jpath, "%s/data.csv.journal", tmpdir);
}

static void teardown(void)
{
    alarm(0); /* a test that failed before cancelling its alarm */
    unlink(jpath);
    rmdir(tmpdir);
}

static void append_raw(const char *text)
{
    int fd = open(jpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* mkdir -p for a journal's directory: every missing directory made, an
 * existing one fine, a file in the way refused with the reason, and a bare
 * file name has nothing to make. */
START_TEST(test_mkdir_parents)
{
    char path[600], dir[600], file[600];
    snprintf(path, sizeof path, "%s/a/b/c/data.csv.journal", tmpdir);
    ck_assert_int_eq(cs_mkdir_parents(path), 0);
    struct stat st;
    snprintf(dir, sizeof dir, "%s/a/b/c", tmpdir);
    ck_assert(stat(dir, &st) == 0 && S_ISDIR(st.st_mode));
    ck_assert_int_eq(st.st_mode & 0777, 0700);
    ck_assert_int_eq(cs_mkdir_parents(path), 0); /* already there */
    snprintf(path, sizeof path, "%s/a/b/c/", tmpdir);  /* a trailing slash names the directory */
    ck_assert_int_eq(cs_mkdir_parents(path), 0);

    snprintf(file, sizeof file, "%s/f", tmpdir);
    int fd = open(file, O_WRONLY | O_CREAT, 0600);
    ck_assert(fd >= 0);
    close(fd);
    snprintf(path, sizeof path, "%s/f/x/data.csv.journal", tmpdir);
    errno = 0;
    ck_assert_int_eq(cs_mkdir_parents(path), -1);
    ck_assert_int_eq(errno, ENOTDIR);
    ck_assert_int_eq(cs_mkdir_parents("data.csv.journal"), 0);
    ck_assert_int_eq(cs_mkdir_parents(""), 0); /* nothing, and no byte read past its end (ASan) */

    unlink(file);
    static const char *const made[] = { "a/b/c", "a/b", "a" }; /* innermost first */
    for (size_t i = 0; i < sizeof made / sizeof made[0]; i++) {
        snprintf(dir, sizeof dir, "%s/%s", tmpdir, made[i]);
        ck_assert_int_eq(rmdir(dir), 0);
    }
}
END_TEST

/* A journal beside data whose directory is gone since the data was read
 * (an unmounted drive, a removed checkout) is not opened, and the directory
 * is not made again to hold it: it would hide under the mount. The
 * directory under $XDG_DATA_HOME a journal falls back to is made. */
START_TEST(test_open_makes_no_data_directory)
{
    char gone[600], beside[700];
    snprintf(gone, sizeof gone, "%s/gone", tmpdir);
    snprintf(beside, sizeof beside, "%s/data.csv.journal", gone);
    cs_dataset *ds = make_data();
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(beside, ds, &j, &rep, &err), -1);
    ck_assert_ptr_null(j);
    ck_assert_msg(strstr(err.msg, "No such file") || strstr(err.msg, "no such file"), "%s", err.msg);
    struct stat st;
    ck_assert_int_ne(stat(gone, &st), 0);
    const char *old = getenv("XDG_DATA_HOME");
    char *saved = old ? strdup(old) : NULL;
    char xdg[600], xdg_journal[800];
    snprintf(xdg, sizeof xdg, "%s/xdg-home", tmpdir);
    snprintf(xdg_journal, sizeof xdg_journal, "%s/capscope/data.csv-0123456789abcdef.journal", xdg);
    setenv("XDG_DATA_HOME", xdg, 1);
    ck_assert_msg(cs_journal_open_replay(xdg_journal, ds, &j, &rep, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    if (saved) {
        setenv("XDG_DATA_HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("XDG_DATA_HOME");
    }
    ck_assert_int_eq(unlink(xdg_journal), 0);
    snprintf(xdg_journal, sizeof xdg_journal, "%s/capscope", xdg);
    ck_assert_int_eq(rmdir(xdg_journal), 0);
    ck_assert_int_eq(rmdir(xdg), 0);
    cs_dataset_free(ds);
}
END_TEST

/* The names in tmpdir, but for the journal, one line each, sorted: what a
 * write left behind. */
static const char *dir_listing(void)
{
    static char buf[1024];
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -vx data.csv.journal | sort | tr '\\n' ' '", tmpdir);
    FILE *f = popen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    pclose(f);
    return buf;
}

/* cs_write_atomic under a file size limit of 100 bytes; *e is its errno. */
static int write_capped(const char *path, const char *data, size_t n, int replace, int *e)
{
    struct rlimit old, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = 100;
    /* No assertion while the limit holds: check logs each one to a file. */
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    int limited = setrlimit(RLIMIT_FSIZE, &lim);
    errno = ENOTTY; /* a stale errno must not be the one reported */
    int rc = cs_write_atomic(path, data, n, replace);
    *e = errno;
    int restored = setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, was);
    ck_assert_int_eq(limited, 0);
    ck_assert_int_eq(restored, 0);
    return rc;
}

/* cs_write_atomic: a new file with the umask's mode; never a replacement
 * unless asked; a replaced file keeps its mode; a write that fails (the
 * file size limit standing in for a full disk, which cuts the write short
 * and then fails it) says why with the real errno, leaves the old content
 * and no temporary file. */
START_TEST(test_write_atomic)
{
    char path[600];
    snprintf(path, sizeof path, "%s/out.txt", tmpdir);
    mode_t was_mask = umask(027);
    ck_assert_int_eq(cs_write_atomic(path, "one\n", 4, 0), 0);
    umask(was_mask);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0640); /* 0666 less the umask */
    ck_assert_str_eq(read_all(path), "one\n");

    errno = 0;
    ck_assert_int_eq(cs_write_atomic(path, "two\n", 4, 0), -1);
    ck_assert_int_eq(errno, EEXIST);
    ck_assert_str_eq(read_all(path), "one\n");

    ck_assert_int_eq(chmod(path, 0600), 0);
    ck_assert_int_eq(cs_write_atomic(path, "three\n", 6, 1), 0);
    ck_assert_str_eq(read_all(path), "three\n");
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    ck_assert_str_eq(dir_listing(), "out.txt ");

    /* 4000 bytes against a limit of 100: the first write stops at 100, the
     * next fails with EFBIG, which is what must be reported. */
    char big[4000];
    memset(big, 'x', sizeof big);
    int e;
    ck_assert_int_eq(write_capped(path, big, sizeof big, 1, &e), -1);
    ck_assert_msg(e == EFBIG, "errno %d (%s)", e, strerror(e));
    ck_assert_str_eq(read_all(path), "three\n");
    ck_assert_str_eq(dir_listing(), "out.txt ");
    /* And as a new file: nothing made at all. */
    char fresh[600];
    snprintf(fresh, sizeof fresh, "%s/fresh.txt", tmpdir);
    ck_assert_int_eq(write_capped(fresh, big, sizeof big, 0, &e), -1);
    ck_assert_int_eq(e, EFBIG);
    ck_assert_str_eq(dir_listing(), "out.txt ");

    /* A directory that is not there: the reason, and nothing made. */
    snprintf(fresh, sizeof fresh, "%s/no/such/dir/x", tmpdir);
    errno = 0;
    ck_assert_int_eq(cs_write_atomic(fresh, "a", 1, 1), -1);
    ck_assert_int_eq(errno, ENOENT);
    /* A bare name is in the working directory, and the temporary file too. */
    char cwd[600];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(tmpdir), 0);
    ck_assert_int_eq(cs_write_atomic("bare.txt", "b\n", 2, 0), 0);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_str_eq(dir_listing(), "bare.txt out.txt ");
    snprintf(fresh, sizeof fresh, "%s/bare.txt", tmpdir);
    ck_assert_str_eq(read_all(fresh), "b\n");
    unlink(fresh);
    unlink(path);
}
END_TEST

/* Saves the variables cs_xdg_path reads, and puts them back. */
static const char *const xdg_vars[] = { "HOME", "XDG_STATE_HOME", "XDG_DATA_HOME" };
static char *xdg_saved[3];

static void xdg_save(void)
{
    for (size_t i = 0; i < 3; i++)
        xdg_saved[i] = getenv(xdg_vars[i]) ? strdup(getenv(xdg_vars[i])) : NULL;
}

static void xdg_restore(void)
{
    for (size_t i = 0; i < 3; i++) {
        if (xdg_saved[i])
            setenv(xdg_vars[i], xdg_saved[i], 1);
        else
            unsetenv(xdg_vars[i]);
        free(xdg_saved[i]);
        xdg_saved[i] = NULL;
    }
}

static void check_xdg(const char *var, const char *under, const char *name, const char *want)
{
    char *p = cs_xdg_path(var, under, name);
    if (want)
        ck_assert_msg(p && strcmp(p, want) == 0, "%s: got %s, want %s", var, p ? p : "NULL", want);
    else
        ck_assert_msg(p == NULL, "%s: got %s, want NULL", var, p);
    free(p);
}

/* The journal of a data file in a directory with no write bit (read-only
 * even for root, journal.h) is under home/.local/share/capscope, or there
 * is none when home is "" (no home to be found). */
static void check_fallback_journal(const char *home)
{
    char dir[600], data[700], want[1400], share[700];
    snprintf(dir, sizeof dir, "%s/ro", tmpdir);
    snprintf(data, sizeof data, "%s/d.csv", dir);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    int fd = open(data, O_WRONLY | O_CREAT, 0600);
    ck_assert(fd >= 0);
    close(fd);
    ck_assert_int_eq(chmod(dir, 0555), 0);
    char *p = cs_journal_path_for(data);
    snprintf(share, sizeof share, "%s/.local/share", home);
    int ok = home[0] && fallback_journal(share, data, want, sizeof want) == 0;
    chmod(dir, 0700);
    unlink(data);
    rmdir(dir);
    if (home[0]) {
        ck_assert(ok);
        ck_assert_msg(p && strcmp(p, want) == 0, "got %s, want %s", p ? p : "NULL", want);
    } else {
        ck_assert_ptr_null(p);
    }
    free(p);
}

/* The XDG Base Directory spec: an absolute $XDG_* wins; one that is empty
 * or relative is ignored; then $HOME when absolute, else the password
 * file's home (a relative HOME would follow the working directory). */
START_TEST(test_xdg_path)
{
    xdg_save();
    char pw_home[600] = "";
    const struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
        snprintf(pw_home, sizeof pw_home, "%s", pw->pw_dir);
    char want[700];

    setenv("HOME", "/home/u", 1);
    setenv("XDG_STATE_HOME", "/x/state", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", "/x/state/capscope/history");
    check_xdg("XDG_STATE_HOME", ".local/state", NULL, "/x/state/capscope");
    setenv("XDG_STATE_HOME", "x/state", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", "/home/u/.local/state/capscope/history");
    setenv("XDG_STATE_HOME", "", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", "/home/u/.local/state/capscope/history");
    unsetenv("XDG_STATE_HOME");
    check_xdg("XDG_STATE_HOME", ".local/state", "history", "/home/u/.local/state/capscope/history");

    snprintf(want, sizeof want, "%s/.local/state/capscope/history", pw_home);
    setenv("HOME", "foo", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", pw_home[0] ? want : NULL);
    setenv("HOME", "", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", pw_home[0] ? want : NULL);
    unsetenv("HOME");
    check_xdg("XDG_STATE_HOME", ".local/state", "history", pw_home[0] ? want : NULL);
    /* An absolute XDG value needs no home at all. */
    setenv("XDG_STATE_HOME", "/x/state", 1);
    check_xdg("XDG_STATE_HOME", ".local/state", "history", "/x/state/capscope/history");

    /* The journal's directory follows the same rule. */
    setenv("HOME", "rel", 1);
    setenv("XDG_DATA_HOME", "rel/data", 1);
    check_fallback_journal(pw_home);
    xdg_restore();
}
END_TEST

/* "~/x" typed and a path shown as "~/x" follow the home the files use
 * (cs_xdg_path): HOME when absolute, else the password file's. */
START_TEST(test_home_paths)
{
    xdg_save();
    char pw_home[600] = "";
    const struct passwd *pw = getpwuid(getuid());
    if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
        snprintf(pw_home, sizeof pw_home, "%s", pw->pw_dir);
    char buf[700], want[700];

    setenv("HOME", "/home/u", 1);
    ck_assert_str_eq(cs_path_expand_home("~/d.csv", buf, sizeof buf), "/home/u/d.csv");
    ck_assert_str_eq(cs_path_expand_home("~u/d.csv", buf, sizeof buf), "~u/d.csv"); /* not ours to read */
    ck_assert_str_eq(cs_path_expand_home("d.csv", buf, sizeof buf), "d.csv");
    ck_assert_str_eq(cs_path_tilde("/home/u/j/d.journal", buf, sizeof buf), "~/j/d.journal");
    ck_assert_str_eq(cs_path_tilde("/home/uv/d.journal", buf, sizeof buf), "/home/uv/d.journal");
    ck_assert_str_eq(cs_path_tilde("/home/u", buf, sizeof buf), "/home/u");
    setenv("HOME", "/home/u/", 1);
    ck_assert_str_eq(cs_path_tilde("/home/u/d.journal", buf, sizeof buf), "~/d.journal");
    ck_assert_str_eq(cs_path_expand_home("~/d.csv", buf, sizeof buf), "/home/u/d.csv");
    setenv("HOME", "/", 1);
    ck_assert_str_eq(cs_path_expand_home("~/d.csv", buf, sizeof buf), "//d.csv"); /* as a shell has it */
    setenv("HOME", "/home/u", 1);
    char small[4];
    ck_assert_str_eq(cs_path_expand_home("~/d.csv", small, sizeof small), "~/d.csv"); /* too long: as it is */
    ck_assert_str_eq(cs_path_tilde("/home/u/d.journal", small, sizeof small), "/home/u/d.journal");

    /* A relative or missing HOME: the password file's home, as for the
     * journal and the state (it expanded to "foo/d.csv", relative to
     * wherever capscope was started). */
    const char *homes[] = { "foo", NULL };
    for (int k = 0; k < 2; k++) {
        if (homes[k])
            setenv("HOME", homes[k], 1);
        else
            unsetenv("HOME");
        if (!pw_home[0])
            continue;
        snprintf(want, sizeof want, "%s/d.csv", pw_home);
        ck_assert_str_eq(cs_path_expand_home("~/d.csv", buf, sizeof buf), want);
        if (strlen(pw_home) > 1)
            ck_assert_str_eq(cs_path_tilde(want, buf, sizeof buf), "~/d.csv");
        char *h = cs_home_dir();
        ck_assert_str_eq(h, pw_home);
        free(h);
    }
    xdg_restore();
}
END_TEST

START_TEST(test_path_for)
{
    char *p = cs_journal_path_for(tmpdir);
    /* tmpdir's parent is writable: the journal sits beside the data. */
    char want[600];
    snprintf(want, sizeof want, "%s.journal", tmpdir);
    ck_assert_str_eq(p, want);
    free(p);

    /* Without HOME and XDG_DATA_HOME: the password file's home, never a
     * directory of /tmp that another user could have made first. */
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME")) : NULL;
    unsetenv("HOME");
    unsetenv("XDG_DATA_HOME");
    const struct passwd *pw = getpwuid(getuid());
    check_fallback_journal(pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : "");
    /* The built-in demo and standard input keep no journal (the man page's
     * FILES): one stdin.journal would replay one pipe's scores onto the
     * next one's data. */
    ck_assert_ptr_null(cs_journal_path_for(NULL));
    ck_assert_ptr_null(cs_journal_path_for("-"));
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    free(home);
    free(xdg);
}
END_TEST

/* A journal that exists is the one in use, wherever the directory's
 * permissions would put a new one: scores entered while the data's directory
 * was read-only (under $XDG_DATA_HOME, NAME-HASH.journal with HASH the
 * 64-bit FNV-1a of the full path, as the man page says) stay in use once it
 * is writable, and a journal beside the data wins over both. */
START_TEST(test_path_for_prefers_an_existing_journal)
{
    const char *old = getenv("XDG_DATA_HOME");
    char *saved = old ? strdup(old) : NULL;
    char xdg[600], data[600], beside[700], elsewhere[800];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    snprintf(data, sizeof data, "%s/results.csv", tmpdir);
    snprintf(beside, sizeof beside, "%s.journal", data);
    fclose(fopen(data, "w"));
    ck_assert_int_eq(fallback_journal(xdg, data, elsewhere, sizeof elsewhere), 0);
    setenv("XDG_DATA_HOME", xdg, 1);

    char *p = cs_journal_path_for(data);
    ck_assert_str_eq(p, beside); /* a writable directory and no journal yet */
    free(p);
    ck_assert_int_eq(mkdir(xdg, 0700), 0);
    char dir[700];
    snprintf(dir, sizeof dir, "%s/capscope", xdg);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    fclose(fopen(elsewhere, "w"));
    p = cs_journal_path_for(data);
    ck_assert_str_eq(p, elsewhere); /* the existing one, not a new one beside */
    free(p);
    fclose(fopen(beside, "w"));
    p = cs_journal_path_for(data);
    ck_assert_str_eq(p, beside); /* beside, existing, first */
    free(p);

    unlink(beside);
    unlink(elsewhere);
    unlink(data);
    rmdir(dir);
    rmdir(xdg);

    /* A directory with no write bit (a release of data shared r-x): the
     * journal goes under $XDG_DATA_HOME, for root too, whom access() would
     * let write there. */
    char ro[700], ro_data[800], ro_elsewhere[900];
    snprintf(ro, sizeof ro, "%s/release", tmpdir);
    snprintf(ro_data, sizeof ro_data, "%s/results.csv", ro);
    ck_assert_int_eq(mkdir(ro, 0700), 0);
    fclose(fopen(ro_data, "w"));
    ck_assert_int_eq(chmod(ro, 0555), 0);
    ck_assert_int_eq(fallback_journal(xdg, ro_data, ro_elsewhere, sizeof ro_elsewhere), 0);
    p = cs_journal_path_for(ro_data);
    ck_assert_str_eq(p, ro_elsewhere);
    free(p);
    /* Through a link, the journal is the link's, as beside the data: it
     * keeps its scores when the link is pointed at a newer file. */
    char link[800], link_elsewhere[900], legacy[1200];
    snprintf(link, sizeof link, "%s/latest.csv", ro);
    ck_assert_int_eq(chmod(ro, 0700), 0);
    ck_assert_int_eq(symlink("results.csv", link), 0);
    ck_assert_int_eq(chmod(ro, 0555), 0);
    ck_assert_int_eq(fallback_journal(xdg, link, link_elsewhere, sizeof link_elsewhere), 0);
    p = cs_journal_path_for(link);
    ck_assert_str_eq(p, link_elsewhere);
    free(p);
    ck_assert_int_eq(chmod(ro, 0700), 0);
    char newer[800];
    snprintf(newer, sizeof newer, "%s/newer.csv", ro);
    fclose(fopen(newer, "w"));
    ck_assert_int_eq(unlink(link), 0);
    ck_assert_int_eq(symlink("newer.csv", link), 0);
    ck_assert_int_eq(chmod(ro, 0555), 0);
    p = cs_journal_path_for(link);
    ck_assert_str_eq(p, link_elsewhere);
    free(p);
    /* A journal named as before (the link's name, the hash of the file it
     * pointed at) is the one in use while the new name has none. */
    char *target = realpath(link, NULL);
    ck_assert_ptr_nonnull(target);
    unsigned long long h = 14695981039346656037ULL;
    for (const unsigned char *c = (const unsigned char *)target; *c; c++)
        h = (h ^ *c) * 1099511628211ULL;
    free(target);
    snprintf(legacy, sizeof legacy, "%s/capscope/latest.csv-%016llx.journal", xdg, h);
    ck_assert_str_ne(legacy, link_elsewhere);
    snprintf(dir, sizeof dir, "%s/capscope", xdg);
    ck_assert_int_eq(mkdir(xdg, 0700), 0);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    fclose(fopen(legacy, "w"));
    p = cs_journal_path_for(link);
    ck_assert_str_eq(p, legacy);
    free(p);
    fclose(fopen(link_elsewhere, "w"));
    p = cs_journal_path_for(link);
    ck_assert_str_eq(p, link_elsewhere); /* the new name's, once it exists */
    free(p);
    unlink(legacy);
    unlink(link_elsewhere);
    rmdir(dir);
    rmdir(xdg);
    ck_assert_int_eq(chmod(ro, 0700), 0);
    unlink(link);
    unlink(newer);
    unlink(ro_data);
    rmdir(ro);
    if (saved) {
        setenv("XDG_DATA_HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("XDG_DATA_HOME");
    }
}
END_TEST

/* Two data files of the same name in two read-only directories (here two
 * /proc/PID directories, read-only even for root) keep their journals apart
 * under $XDG_DATA_HOME: sharing one would replay one file's scores onto the
 * other, or refuse to load it ("unknown model"). */
START_TEST(test_path_for_read_only_dirs)
{
    if (access("/proc/self", W_OK) == 0 || access("/proc/1", W_OK) == 0 || access("/proc/1", F_OK) != 0)
        return; /* no two read-only directories to try */
    const char *old = getenv("XDG_DATA_HOME");
    char *saved = old ? strdup(old) : NULL;
    setenv("XDG_DATA_HOME", tmpdir, 1);
    char *a = cs_journal_path_for("/proc/self/results.csv");
    char *b = cs_journal_path_for("/proc/1/results.csv");
    char *a_again = cs_journal_path_for("/proc/self/results.csv");
    if (saved) {
        setenv("XDG_DATA_HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("XDG_DATA_HOME");
    }
    ck_assert(a && b && a_again);
    char prefix[300];
    snprintf(prefix, sizeof prefix, "%s/capscope/", tmpdir);
    ck_assert_msg(strncmp(a, prefix, strlen(prefix)) == 0, "%s is not under %s", a, prefix);
    ck_assert_msg(strncmp(b, prefix, strlen(prefix)) == 0, "%s is not under %s", b, prefix);
    ck_assert_msg(strcmp(a, b) != 0, "both data files share the journal %s", a);
    ck_assert_str_eq(a, a_again); /* the same file finds its journal again */
    /* Still named after the data file, for a person looking in the directory. */
    ck_assert_msg(strstr(a + strlen(prefix), "results.csv") != NULL, "%s", a);
    ck_assert_msg(strlen(a) > 8 && strcmp(a + strlen(a) - 8, ".journal") == 0, "%s", a);
    free(a);
    free(b);
    free(a_again);
}
END_TEST

START_TEST(test_score_replay_undo)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    size_t before = ds->tasks[t].n_scored;
    cs_journal *j;
    size_t warn;
    cs_error err;
    mode_t was_mask = umask(022);
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    umask(was_mask);
    ck_assert_uint_eq(warn, 0);
    /* A new journal has the mode of a new file, 0666 less the umask, as the
     * data beside it: at 0600, another user who can read the data could not
     * run a batch command on it (it replays the journal, and stopped). */
    struct stat st;
    ck_assert_int_eq(stat(jpath, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0644);
    ck_assert_int_eq(cs_journal_score(j, ds, "m1", "acc", 0.75, &err), 0);   /* new score */
    ck_assert_int_eq(cs_journal_score(j, ds, "m2", "acc", 0.125, &err), 0);  /* replaces 0.002 */
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.5, &err), 0);
    ck_assert_uint_eq(ds->tasks[t].n_scored, before + 2);
    /* Undo the last: m3 unscored again. */
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(!ds->tasks[t].has[3]);
    ck_assert_uint_eq(ds->tasks[t].n_scored, before + 1);
    /* Bad input changes nothing. */
    ck_assert_int_eq(cs_journal_score(j, ds, "nope", "acc", 0.5, &err), -1);
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 1.5, &err), -1);
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "nope", 0.5, &err), -1);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* A fresh load replays: m1 = 0.75, m2 = 0.125, m3 unscored. */
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, &warn, &err), 0);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.75);
    ck_assert(ds->tasks[t].has[2] && ds->tasks[t].y[2] == 0.125);
    ck_assert(!ds->tasks[t].has[3]);
    /* Undo twice more: m2 back to its file value 0.002, m1 unscored. */
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(ds->tasks[t].has[2] && fabs(ds->tasks[t].y[2] - 0.002) < 1e-15);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(!ds->tasks[t].has[1]);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 1); /* nothing left */
    ck_assert_uint_eq(ds->tasks[t].n_scored, before);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(test_names_round_trip)
{
    /* A tab or backslash in a name must not break the line format: in a
     * model's name, and in a task's. */
    const char *csv = "model,flops,acc\\x\n\"a\tb\\\\c\",1e22,\n x,1e23,0.5\ny,1e23,0.25\nw,1e22,0.75\nv,1e22,0.5\n";
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "mem.csv", NULL, &ds, &err) == 0, "%s",
                  err.msg);
    cs_journal *j;
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), 0);
    ck_assert_msg(cs_journal_score(j, ds, ds->model[0], "acc\\x", 0.5, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ck_assert_int_eq(cs_dataset_parse(csv, strlen(csv), "mem.csv", NULL, &ds, &err), 0);
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[0].has[0] && ds->tasks[0].y[0] == 0.5);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

START_TEST(test_torn_last_line)
{
    const char *text = "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac";
    append_raw(text);
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    size_t warn;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(warn, 1);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert(!ds->tasks[t].has[3]);
    /* Reading changes nothing on disk; the writer cuts the fragment. */
    ck_assert_str_eq(read_all(jpath), text);
    /* The next entry must start on a line of its own. */
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.25, &err), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(warn, 0);
    ck_assert(ds->tasks[t].has[5] && ds->tasks[t].y[5] == 0.25);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A score is a fraction in [0, 1] (journal.h: "a score must be in [0, 1]"),
 * both ends included: 0 (a model that got nothing right) and 1 are scores,
 * entered and replayed; the doubles just outside are not, on either path. */
START_TEST(test_scores_at_the_ends_of_0_1)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert_msg(cs_journal_score(j, ds, "m1", "acc", 0.0, &err) == 0, "%s", err.msg);
    ck_assert_msg(cs_journal_score(j, ds, "m3", "acc", 1.0, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", nextafter(1.0, 2.0), &err), -1);
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", -DBL_MIN, &err), -1);
    ck_assert(!ds->tasks[t].has[5]);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.0);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 1.0);
    cs_journal_close(j);
    cs_dataset_free(ds);
    /* Written by hand just outside: refused at its line. */
    const char *outside[] = { "1.0000000000000002", "-1e-300" };
    for (size_t k = 0; k < sizeof outside / sizeof *outside; k++) {
        unlink(jpath);
        char line[128];
        snprintf(line, sizeof line, "score\tm1\tacc\t1\t1700000000\nscore\tm1\tacc\t%s\t1700000000\n",
                 outside[k]);
        append_raw(line);
        ds = make_data();
        ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == -1, "%s", outside[k]);
        ck_assert_int_eq(err.line, 2);
        cs_dataset_free(ds);
    }
}
END_TEST

START_TEST(test_malformed_line_is_an_error)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm1\tacc\tlots\t1700000000\nundo\n");
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_error err;
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.file, jpath);
    ck_assert_str_eq(err.msg, "bad score 'lots'"); /* the value the line holds */
    cs_dataset_free(ds);
    unlink(jpath);
    append_raw("undo\n");
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_int_eq(err.line, 1);
    cs_dataset_free(ds);
    /* A value is a decimal number, as in the data: strtod would read
     * hexadecimal 0x1p-1 as 0.5, and the locale's decimal comma. */
    const char *not_decimal[] = { "0x1p-1", "0,5", "nan", "1e-1x" };
    for (size_t k = 0; k < sizeof not_decimal / sizeof *not_decimal; k++) {
        unlink(jpath);
        char line[128];
        snprintf(line, sizeof line, "score\tm1\tacc\t%s\t1700000000\n", not_decimal[k]);
        append_raw(line);
        ds = make_data();
        ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == -1, "%s", not_decimal[k]);
        ck_assert_int_eq(err.line, 1);
        cs_dataset_free(ds);
    }
}
END_TEST

/* ds holds exactly the scores of a fresh make_data(). */
static void same_as_loaded(const cs_dataset *ds)
{
    cs_dataset *fresh = make_data();
    for (size_t t = 0; t < ds->n_tasks; t++) {
        ck_assert_uint_eq(ds->tasks[t].n_scored, fresh->tasks[t].n_scored);
        ck_assert_mem_eq(ds->tasks[t].has, fresh->tasks[t].has, N_ROWS);
        ck_assert_mem_eq(ds->tasks[t].y, fresh->tasks[t].y, N_ROWS * sizeof(double));
    }
    cs_dataset_free(fresh);
}


/* A score is written as the shortest text that reads back as the same
 * double (0.95, not 0.94999999999999996: the journal is text for people
 * and grep too), and replays exactly. Python's repr gives the expected
 * texts. */
START_TEST(test_scores_written_shortest)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(j, ds, "m1", "acc", 0.95, &err), 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m2", "acc", 0.1, &err), 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 1.0 / 3, &err), 0);
    cs_journal_close(j);
    const char *text = read_all(jpath);
    ck_assert_msg(strstr(text, "\tm1\tacc\t0.95\t") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "\tm2\tacc\t0.1\t") != NULL, "%s", text);
    ck_assert_msg(strstr(text, "\tm3\tacc\t0.3333333333333333\t") != NULL, "%s", text);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), 0);
    ck_assert(ds->tasks[t].y[1] == 0.95 && ds->tasks[t].y[2] == 0.1 &&
              ds->tasks[t].y[3] == 1.0 / 3);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

static off_t file_size(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return st.st_size;
}

/* A write cut short by a full disk (RLIMIT_FSIZE stands in for one) leaves
 * no fragment: the next line would have joined it, and the journal would
 * have been refused at the next start with every score in it. */
START_TEST(test_short_write_leaves_no_fragment)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(j, ds, "m1", "acc", 0.5, &err), 0);
    off_t before = file_size(jpath);

    struct rlimit old, lim;
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    lim = old;
    lim.rlim_cur = (rlim_t)before + 8; /* "score\tm3" fits, the rest does not */
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
    int rc = cs_journal_score(j, ds, "m3", "acc", 0.25, &err);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, was);

    ck_assert_int_eq(rc, -1);
    /* What failed, and that nothing of the entry counts. */
    ck_assert_str_eq(err.msg, "cannot write the journal: file too large; nothing was saved");
    ck_assert(!ds->tasks[t].has[3]);            /* not saved, so not shown */
    ck_assert_int_eq(file_size(jpath), before); /* and no fragment left */
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.75, &err), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);

    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert(!ds->tasks[t].has[3]);
    ck_assert(ds->tasks[t].has[5] && ds->tasks[t].y[5] == 0.75);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A refused journal shows none of its scores: they would look saved, and
 * nothing entered after them would be. */
START_TEST(test_refused_journal_changes_nothing)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm2\tother\t0.75\t1700000000\n"
               "score\tm4\tacc\t0.125\t1700000000\nundo\nscore\tm6\tacc\t1\t1700000000\n"
               "score\tm1\tacc\t2\t1700000000\n");
    cs_dataset *ds = make_data();
    cs_journal *j = (cs_journal *)1;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), -1);
    ck_assert_int_eq(err.line, 6);
    ck_assert_ptr_null(j);
    same_as_loaded(ds);
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    same_as_loaded(ds);
    cs_dataset_free(ds);
}
END_TEST

/* An entry for a model no longer in the data (renamed in the CSV, say) is
 * skipped and counted; the journal stays in use, the file is not touched,
 * and the undo lines after it still take back what they took back. */
START_TEST(test_stale_entries_are_skipped)
{
    const char *text = "score\tm1\tacc\t0.5\t1700000000\n"
                       "score\tno/such\tacc\t0.9\t1700000000\n"
                       "score\tm2\tgone\t0.3\t1700000000\n"
                       "score\tm3\tacc\t0.25\t1700000000\n"
                       "undo\n"
                       "undo\n";
    append_raw(text);
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(rep.skipped, 2);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert_int_eq(rep.first_skipped, 2);
    ck_assert_str_eq(rep.why, "unknown model 'no/such'");
    /* The two undos took back m3 and the stale m2 entry, not m1. */
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert(!ds->tasks[t].has[3]);
    ck_assert(fabs(ds->tasks[t].y[2] - 0.002) < 1e-15);
    ck_assert_str_eq(read_all(jpath), text);

    /* Still saving. */
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.375, &err), 0);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(!ds->tasks[t].has[5]);
    /* Next on the stack is the stale no/such entry: taken back, saying so. */
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 2);
    ck_assert_int_eq(err.line, 2);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(!ds->tasks[t].has[1]);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 1);
    cs_journal_close(j);
    same_as_loaded(ds);
    cs_dataset_free(ds);

    /* Replayed again, the undos just written mean the same. */
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(rep.skipped, 2);
    same_as_loaded(ds);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* The strict replay refuses it, and changes nothing. */
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.msg, "unknown model 'no/such'");
    same_as_loaded(ds);
    cs_dataset_free(ds);
}
END_TEST

/* error.h lets a caller pass no error (err NULL): a stale entry, which the
 * lenient replay only counts, took its reason from *err and crashed. */
START_TEST(test_stale_entries_without_err)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n"
               "score\tno/such\tacc\t0.9\t1700000000\n"
               "score\tm2\tgone\t0.3\t1700000000\n");
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j = NULL;
    cs_journal_replay rep;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, NULL), 0);
    ck_assert_uint_eq(rep.skipped, 2);
    ck_assert_uint_eq(rep.skipped_task, 1);
    ck_assert_str_eq(rep.why, "unknown model 'no/such'");
    ck_assert_str_eq(rep.why_model, "unknown model 'no/such'");
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* The data's first model (row 0) is a known model too: its entry for
     * a task the data lacks is one of skipped_task, not of an unknown model. */
    unlink(jpath);
    append_raw("score\tm0\tgone\t0.3\t1700000000\n");
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, NULL), 0);
    ck_assert_uint_eq(rep.skipped, 1);
    ck_assert_uint_eq(rep.skipped_task, 1);
    ck_assert_int_eq(rep.first_model, 0);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* The strict replay fails as before, saying nothing. */
    ds = make_data();
    j = (cs_journal *)1;
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, NULL), -1);
    ck_assert_ptr_null(j);
    same_as_loaded(ds);
    cs_dataset_free(ds);
}
END_TEST

/* The entries in effect, oldest first, as the text above says: m1, then
 * the stale no/such (-1, its place held), then m4 scored on acc and on
 * other; the stale m2/gone and m3 were taken back by the two undos. */
START_TEST(test_entries_in_effect)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n"
               "score\tno/such\tacc\t0.9\t1700000000\n"
               "score\tm2\tgone\t0.3\t1700000000\n"
               "score\tm3\tacc\t0.25\t1700000000\n"
               "undo\n"
               "undo\n"
               "score\tm4\tacc\t0.5\t1700000000\n"
               "score\tm4\tother\t0.5\t1700000000\n");
    cs_dataset *ds = make_data();
    int t = task_acc(ds), other = cs_dataset_task_index(ds, "other");
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(cs_journal_count(j), 4);
    size_t row = 99, task = 99;
    ck_assert_int_eq(cs_journal_entry(j, 0, &row, &task), 0);
    ck_assert_uint_eq(row, 1);
    ck_assert_uint_eq(task, (size_t)t);
    ck_assert_int_eq(cs_journal_entry(j, 1, &row, &task), -1); /* stale */
    ck_assert_int_eq(cs_journal_entry(j, 2, &row, &task), 0);
    ck_assert_uint_eq(row, 4);
    ck_assert_uint_eq(task, (size_t)t);
    ck_assert_int_eq(cs_journal_entry(j, 3, &row, &task), 0);
    ck_assert_uint_eq(row, 4);
    ck_assert_uint_eq(task, (size_t)other);
    ck_assert_int_eq(cs_journal_entry(j, 4, &row, &task), -1); /* past them */
    ck_assert_uint_eq(cs_journal_count_applied(j), 3); /* all but the stale one */
    /* The entry an undo would take back: m4's on other. */
    row = task = 99;
    ck_assert_int_eq(cs_journal_last(j, &row, &task), 0);
    ck_assert_uint_eq(row, 4);
    ck_assert_uint_eq(task, (size_t)other);
    /* A score entered counts; an undo takes the last one away. */
    ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.5, &err), 0);
    ck_assert_uint_eq(cs_journal_count(j), 5);
    ck_assert_int_eq(cs_journal_entry(j, 4, &row, &task), 0);
    ck_assert_uint_eq(row, 7);
    row = task = 99;
    ck_assert_int_eq(cs_journal_last(j, &row, &task), 0);
    ck_assert_uint_eq(row, 7);
    ck_assert_uint_eq(task, (size_t)t);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert_uint_eq(cs_journal_count(j), 3);
    ck_assert_int_eq(cs_journal_entry(j, 3, &row, &task), -1);
    /* Next to take back is m4 on acc; after it the stale entry, which
     * holds no cell (journal.h: -1 for a stale one), then m1. */
    ck_assert_int_eq(cs_journal_last(j, &row, &task), 0);
    ck_assert_uint_eq(row, 4);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert_int_eq(cs_journal_last(j, &row, &task), -1);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Several scores go in together or not at all: one bad item (here the
 * third, a model the data lacks) leaves the file and the data as they
 * were; a good batch is one entry each, in order, undone one by one. */
START_TEST(test_score_all_is_all_or_nothing)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_locked(jpath, ds, &j, &rep, -1, &err) == 0, "%s", err.msg);
    char *before = strdup(read_all(jpath)); /* read_all's buffer is reused */
    const cs_journal_score_item bad[] = { { "m3", "acc", 0.25 }, { "m5", "acc", 0.75 }, { "m9999", "acc", 0.5 } };
    size_t failed = 99;
    ck_assert_int_eq(cs_journal_score_all(j, ds, bad, 3, &failed, &err), -1);
    ck_assert_uint_eq(failed, 2);
    ck_assert_str_eq(err.msg, "unknown model 'm9999'");
    const cs_journal_score_item range[] = { { "m3", "acc", 0.25 }, { "m5", "acc", 1.5 } };
    ck_assert_int_eq(cs_journal_score_all(j, ds, range, 2, &failed, &err), -1);
    ck_assert_uint_eq(failed, 1);
    ck_assert_str_eq(read_all(jpath), before);
    ck_assert(!ds->tasks[t].has[3] && !ds->tasks[t].has[5]); /* odd rows are unscored */
    ck_assert_uint_eq(cs_journal_count(j), 1);
    /* m3 twice: the second entry's score before it is the first's. */
    const cs_journal_score_item good[] = { { "m3", "acc", 0.25 }, { "m5", "acc", 0.75 }, { "m3", "acc", 0.5 } };
    ck_assert_msg(cs_journal_score_all(j, ds, good, 3, &failed, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.5 && ds->tasks[t].y[5] == 0.75);
    const char *after = read_all(jpath);
    ck_assert_ptr_nonnull(strstr(after, "score\tm3\tacc\t0.25\t"));
    ck_assert_ptr_nonnull(strstr(after, "\nscore\tm5\tacc\t0.75\t"));
    ck_assert_ptr_nonnull(strstr(after, "\nscore\tm3\tacc\t0.5\t"));
    ck_assert(strstr(after, "\tm3\tacc\t0.25") < strstr(after, "\tm5\t"));
    cs_journal_item it;
    ck_assert_int_eq(cs_journal_item_at(j, ds, 3, &it), 0);
    ck_assert_str_eq(it.model, "m3");
    ck_assert_str_eq(it.task_name, "acc");
    ck_assert(it.applied && it.had && it.before == 0.25 && it.value == 0.5);
    ck_assert_int_eq(cs_journal_item_at(j, ds, 1, &it), 0);
    ck_assert(it.applied && !it.had && it.value == 0.25);
    ck_assert_int_eq(cs_journal_item_at(j, ds, 0, &it), 0);
    ck_assert_int_eq(it.line, 1);
    ck_assert_int_eq(it.when, 1700000000);
    ck_assert(!it.had && it.value == 0.5); /* m1, an odd row, was unscored */
    ck_assert_int_eq(cs_journal_item_at(j, ds, 4, &it), -1);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(ds->tasks[t].y[3] == 0.25);
    cs_journal_close(j);
    /* Replayed, the file says the same. */
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(cs_journal_count(j), 3);
    ck_assert(ds->tasks[t].y[3] == 0.25 && ds->tasks[t].y[5] == 0.75);
    cs_journal_close(j);
    cs_dataset_free(ds);
    free(before);
}
END_TEST

/* A stale entry keeps its names and value for a list of the journal. */
START_TEST(test_item_of_a_stale_entry)
{
    append_raw("score\tno/such\tacc\t0.9\t1700000001\nscore\tm2\tgone\t0.3\t1700000002\n");
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    cs_journal_item it;
    ck_assert_int_eq(cs_journal_item_at(j, ds, 0, &it), 0);
    ck_assert(!it.applied);
    ck_assert_str_eq(it.model, "no/such");
    ck_assert_str_eq(it.task_name, "acc");
    ck_assert(it.value == 0.9 && it.line == 1 && it.when == 1700000001);
    ck_assert_int_eq(cs_journal_item_at(j, ds, 1, &it), 0);
    ck_assert_str_eq(it.model, "m2");
    ck_assert_str_eq(it.task_name, "gone");
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 2); /* frees its names (ASan) */
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* cs_journal_open_locked holds the lock until closed: another process
 * cannot take it meanwhile (it would append between the read and the
 * write), and can once the journal is closed. */
START_TEST(test_open_locked_holds_the_lock)
{
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_locked(jpath, ds, &j, &rep, -1, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.5, &err), 0); /* still held after */
    for (int pass = 0; pass < 2; pass++) {
        pid_t pid = fork();
        ck_assert(pid >= 0);
        if (pid == 0) {
            int fd = open(jpath, O_RDWR);
            _exit(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
        }
        int st;
        ck_assert(waitpid(pid, &st, 0) == pid && WIFEXITED(st));
        ck_assert_int_eq(WEXITSTATUS(st), pass == 0 ? 1 : 0);
        if (pass == 0)
            cs_journal_close(j);
    }
    cs_dataset_free(ds);
}
END_TEST

/* A process that holds the journal's lock and is stopped (Ctrl-Z, kill
 * -STOP) held up every other capscope for good: a batch command's open
 * and the interface's append both waited in flock(2) with no end and no
 * word. Each now waits its bound, then fails naming the holder, stopped,
 * having read and written nothing; once the holder has gone, it succeeds. */
/* A child that takes the journal's lock and stops holding it (Ctrl-Z);
 * continued, it ends, letting go. Returns once the lock is taken. */
static pid_t stopped_holder(void)
{
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        int fd = open(jpath, O_RDWR);
        if (fd < 0 || flock(fd, LOCK_EX) != 0)
            _exit(1);
        raise(SIGSTOP); /* holding it */
        _exit(0);
    }
    int st;
    ck_assert(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st)); /* the lock is taken */
    return pid;
}

START_TEST(test_lock_wait_is_bounded)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    pid_t pid = stopped_holder();
    int st;
    alarm(20); /* a wait with no end fails the test rather than hanging it */
    char who[64];
    snprintf(who, sizeof who, "locked by process %ld, stopped: kill -CONT %ld", (long)pid, (long)pid);
    int has_proc_locks = access("/proc/locks", R_OK) == 0;

    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_locked(jpath, ds, &j, &rep, 200, &err), -1);
    ck_assert_ptr_null(j);
    ck_assert_msg(strstr(err.msg, "journal locked by") && strstr(err.msg, "nothing was done"), "%s", err.msg);
    if (has_proc_locks)
        ck_assert_msg(strstr(err.msg, who), "%s", err.msg);
    ck_assert(!ds->tasks[t].has[1]); /* nothing replayed */

    /* The interface's way: opened unlocked, each append locks. Its input
     * thread waits: a holder known to be stopped is not waited for (the
     * screen stood still for the wait's 5 s, to say the same). */
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    cs_journal_set_lock_wait(j, has_proc_locks ? 10000 : 200);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    ck_assert_msg(strstr(err.msg, "journal locked by"), "%s", err.msg);
    if (has_proc_locks) {
        double waited = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        ck_assert_msg(waited < 5.0, "waited %.1f s of 10 for a stopped holder", waited);
        ck_assert_msg(strstr(err.msg, who) && strstr(err.msg, "(not waited for)"), "%s", err.msg);
    }
    ck_assert(!ds->tasks[t].has[3]);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), -1);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert_str_eq(read_all(jpath), "score\tm1\tacc\t0.5\t1700000000\n");

    /* The holder gone, the same journal takes the entry. */
    kill(pid, SIGKILL);
    ck_assert(waitpid(pid, &st, 0) == pid);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open_locked(jpath, ds, &j, &rep, 200, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25);
    alarm(0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A child scores rows one by one and reports each acknowledged entry
 * through a pipe; the parent kills it with SIGKILL mid-stream. Every
 * acknowledged score must be there after a replay. */
START_TEST(test_survives_kill_9)
{
    int fds[2];
    ck_assert(pipe(fds) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        cs_dataset *ds = make_data();
        cs_journal *j;
        if (cs_journal_open(jpath, ds, &j, NULL, NULL) != 0)
            _exit(3);
        for (int i = 1; i < N_ROWS; i += 2) {
            char m[16];
            snprintf(m, sizeof m, "m%d", i);
            if (cs_journal_score(j, ds, m, "acc", (double)i / 1000.0, NULL) != 0)
                _exit(4);
            int ack = i;
            if (write(fds[1], &ack, sizeof ack) != sizeof ack)
                _exit(5);
        }
        for (;;)
            pause(); /* wait for the kill */
    }
    close(fds[1]);
    int last = -1, ack;
    while (last < 60 && read(fds[0], &ack, sizeof ack) == sizeof ack)
        last = ack;
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    while (read(fds[0], &ack, sizeof ack) == sizeof ack)
        last = ack; /* acknowledged before the kill landed */
    close(fds[0]);
    ck_assert(last >= 61);

    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    size_t warn;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    ck_assert(warn <= 1);
    for (int i = 1; i <= last; i += 2)
        ck_assert_msg(ds->tasks[t].has[i] && ds->tasks[t].y[i] == (double)i / 1000.0,
                      "acknowledged score of m%d lost", i);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* The whole of a file (caller frees), *len its length. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void write_raw(const char *text, size_t len)
{
    int fd = open(jpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(fd >= 0);
    ck_assert(write(fd, text, len) == (ssize_t)len);
    close(fd);
}

/* The journal's lines, as a reader counts them: LF ends a line. */
static size_t lines_in(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    return n;
}

/* A batch of scores (capscope score --from) cut by a crash at any byte of
 * its write: it counts for none of its scores, with the warning of a torn
 * last line, opening leaves the file as it is, and the next entry written
 * cuts it away. With only the final line end missing (an editor may save
 * a file so) the batch is whole. Before batches had a header, the first
 * lines of a cut batch were replayed and the rest dropped. */
START_TEST(test_batch_cut_anywhere_counts_for_none)
{
    static const char first[] = "score\tm1\tacc\t0.5\t1700000000\n";
    append_raw(first);
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    /* Odd rows are unscored in the data: a score there is the batch's. */
    const cs_journal_score_item batch[] = { { "m3", "acc", 0.25 }, { "m5", "acc", 0.75 }, { "m7", "acc", 0.125 } };
    ck_assert_msg(cs_journal_score_all(j, ds, batch, 3, NULL, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    size_t len;
    char *whole = slurp(jpath, &len);
    const size_t start = sizeof first - 1;
    /* As journal.h has it: a header counting the lines, then the lines. */
    ck_assert(strncmp(whole, first, start) == 0);
    static const char head[] = "batch\t3\nscore\tm3\tacc\t0.25\t";
    ck_assert_msg(strncmp(whole + start, head, sizeof head - 1) == 0, "%s", whole);
    ck_assert_uint_eq(lines_in(whole + start, len - start), 4);
    ck_assert(whole[len - 1] == '\n');
    static const int rows[] = { 3, 5, 7 };
    static const double values[] = { 0.25, 0.75, 0.125 };
    for (size_t cut = start + 1; cut < len; cut++) {
        int all = cut == len - 1; /* only the last line end missing */
        write_raw(whole, cut);
        ds = make_data();
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "cut at %zu: %s:%ld: %s", cut,
                      err.file, err.line, err.msg);
        ck_assert_msg(rep.torn == (size_t)!all, "cut at %zu: torn %zu", cut, rep.torn);
        ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
        for (size_t r = 0; r < 3; r++)
            ck_assert_msg(ds->tasks[t].has[rows[r]] == all && (!all || ds->tasks[t].y[rows[r]] == values[r]),
                          "cut at %zu: m%d %s", cut, rows[r], all ? "not scored" : "scored");
        ck_assert_uint_eq(cs_journal_count(j), (all ? 4 : 1));
        ck_assert_int_eq(cs_journal_lines_at_open(j), (all ? 5 : 1)); /* the header is a line */
        size_t now_len;
        char *now = slurp(jpath, &now_len);
        ck_assert_msg(now_len == cut && memcmp(now, whole, cut) == 0, "cut at %zu: opening changed the file", cut);
        free(now);
        /* The next entry: on a line of its own after the first, the batch
         * cut away (whole, after it, its line ended). */
        ck_assert_msg(cs_journal_score(j, ds, "m9", "acc", 0.5, &err) == 0, "cut at %zu: %s", cut, err.msg);
        cs_journal_close(j);
        cs_dataset_free(ds);
        now = slurp(jpath, &now_len);
        size_t kept = all ? len : start;
        ck_assert_msg(now_len > kept && memcmp(now, whole, kept - 1) == 0 && now[kept - 1] == '\n' &&
                          strncmp(now + kept, "score\tm9\tacc\t0.5\t", 17) == 0,
                      "cut at %zu: written after it: %s", cut, now);
        free(now);
        ds = make_data();
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "cut at %zu: %s", cut, err.msg);
        ck_assert_uint_eq(rep.torn, 0);
        ck_assert(ds->tasks[t].has[9] && ds->tasks[t].y[9] == 0.5);
        for (size_t r = 0; r < 3; r++)
            ck_assert(ds->tasks[t].has[rows[r]] == all);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    /* Whole, the batch counts, and an undo takes back its last entry only. */
    write_raw(whole, len);
    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].has[5] && ds->tasks[t].y[7] == 0.125);
    ck_assert_int_eq(cs_journal_last_line(j), 5);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].has[5] && !ds->tasks[t].has[7]);
    cs_journal_close(j);
    cs_dataset_free(ds);
    free(whole);
}
END_TEST

/* One score, alone or as a batch of one, is the one line it always was:
 * a journal without batches is written as before batches were. */
START_TEST(test_one_score_is_one_line)
{
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    const cs_journal_score_item one = { "m3", "acc", 0.25 };
    ck_assert_msg(cs_journal_score_all(j, ds, &one, 1, NULL, &err) == 0, "%s", err.msg);
    ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    size_t len;
    char *text = slurp(jpath, &len);
    char m3[32], m5[32];
    long long t3, t5;
    ck_assert_msg(sscanf(text, "score\tm3\tacc\t0.25\t%lld\nscore\tm5\tacc\t0.75\t%lld\n", &t3, &t5) == 2, "%s", text);
    snprintf(m3, sizeof m3, "%lld", t3);
    snprintf(m5, sizeof m5, "%lld", t5);
    ck_assert_uint_eq(len, 2 * strlen("score\tm3\tacc\t0.25\t\n") + strlen(m3) + strlen(m5));
    free(text);
}
END_TEST

/* The time on a batch's last line tells a crash's cut from an editor's
 * missing line end: the writer gives every line of a batch one time, and a
 * last line whose time is cut short still reads as a whole entry. */
START_TEST(test_batch_last_line_time_cut)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    append_raw("batch\t2\nscore\tm3\tacc\t0.25\t1700000000\nscore\tm5\tacc\t0.75\t170000");
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert(!ds->tasks[t].has[3] && !ds->tasks[t].has[5]);
    cs_journal_close(j);
    cs_dataset_free(ds);
    /* A batch of one written by hand has no other time to agree with: its
     * last line, whole, counts as any. */
    static const char one[] = "batch\t1\nscore\tm5\tacc\t0.75\t17";
    write_raw(one, sizeof one - 1);
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[5]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A batch cut short by lines that follow it is no crash's (a crash leaves
 * a torn tail, cut before anything is written after it): the journal is
 * refused with the line, as any malformed one, nothing applied; the same
 * when another capscope's lines are taken in. A line that follows is told
 * from the batch's own by what it is (an undo, a header) or by its time,
 * as the writer gives all of a batch's lines one. A bad header is refused
 * too. A torn batch's names are not looked up: a strict reader drops it
 * as well. */
START_TEST(test_batch_cut_short_is_an_error)
{
    static const struct {
        const char *text;
        long line;
        const char *says;
    } bad[] = {
        { "score\tm1\tacc\t0.5\t1\nbatch\t3\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\nundo\n", 5,
          "the batch of line 2 is cut short here, after 2 of its 3 scores" },
        { "batch\t3\nscore\tm3\tacc\t0.25\t1\nbatch\t2\nscore\tm5\tacc\t0.25\t1\nscore\tm7\tacc\t0.25\t1\n", 3,
          "the batch of line 1 is cut short here, after 1 of its 3 scores" },
        { "batch\t2\nscore\tm3\tacc\t0.25\t1\nundo", 3, "the batch of line 1 is cut short here" },
        /* a journal that ends in a cut batch put before another (cat):
         * the batch's time is not the next lines' */
        { "batch\t3\nscore\tm3\tacc\t0.25\t5\nscore\tm5\tacc\t0.25\t5\nscore\tm7\tacc\t0.25\t6\n", 4,
          "the batch of line 1 is cut short here, after 2 of its 3 scores" },
        { "batch\t2\nscore\tm3\tacc\t0.25\t15\nscore\tm5\tacc\t0.25\t16", 3,
          "the batch of line 1 is cut short here, after 1 of its 2 scores" },
        { "batch\t2\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\tx\t1\n", 3, "bad score 'x'" },
        { "score\tm1\tacc\t0.5\t1\nbatch\t0\nscore\tm3\tacc\t0.25\t1\n", 2, "bad batch header" },
        { "batch\t02\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\n", 1, "bad batch header" },
        { "batch\t-2\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\n", 1, "bad batch header" },
        { "batch\t2 \nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\n", 1, "bad batch header" },
        /* no count at all; a count with a letter in it */
        { "batch\t\nscore\tm3\tacc\t0.25\t1\n", 1, "bad batch header" },
        { "batch\t2x\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\n", 1, "bad batch header" },
        /* a header with one line of the batch before it left */
        { "batch\t2\nscore\tm3\tacc\t0.25\t1\nbatch\t1\nscore\tm5\tacc\t0.25\t1\n", 3,
          "the batch of line 1 is cut short here, after 1 of its 2 scores" },
        /* another time that starts as the batch's does: a time cut short
         * is torn only on the last line, with no line end after it */
        { "batch\t2\nscore\tm3\tacc\t0.25\t15\nscore\tm5\tacc\t0.25\t1\n", 3,
          "the batch of line 1 is cut short here, after 1 of its 2 scores" },
        /* the start of a score with its line end: no crash's cut */
        { "batch\t2\nscore\tm3\tacc\nscore\tm5\tacc\t0.25\t1\n", 2, "malformed entry" },
        /* on the last line, shorter but not its start */
        { "batch\t2\nscore\tm3\tacc\t0.25\t15\nscore\tm5\tacc\t0.25\t2", 3,
          "the batch of line 1 is cut short here, after 1 of its 2 scores" },
    };
    cs_error err;
    cs_journal *j;
    cs_journal_replay rep;
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        write_raw(bad[k].text, strlen(bad[k].text));
        cs_dataset *ds = make_data();
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == -1, "%zu: opened", k);
        ck_assert_msg(err.line == bad[k].line && strstr(err.msg, bad[k].says), "%zu: %ld: %s", k, err.line, err.msg);
        ck_assert_str_eq(err.file, jpath);
        same_as_loaded(ds);
        cs_dataset_free(ds);
        /* The same lines appended after a journal was opened (whole
         * lines: a last one without its line end waits). */
        if (bad[k].text[strlen(bad[k].text) - 1] != '\n')
            continue;
        static const char m9[] = "score\tm9\tacc\t0.5\t1\n";
        write_raw(m9, sizeof m9 - 1);
        ds = make_data();
        ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
        append_raw(bad[k].text);
        size_t lines = 99;
        ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == -1, "%zu: taken in", k);
        /* one line down, and so is the header the message names */
        /* the header's line one down too: "the batch of line L+1 ..." */
        char shifted[160];
        long header;
        int at;
        if (sscanf(bad[k].says, "the batch of line %ld%n", &header, &at) == 1)
            snprintf(shifted, sizeof shifted, "the batch of line %ld%s", header + 1, bad[k].says + at);
        const char *says = strncmp(bad[k].says, "the batch of line", 17) == 0 ? shifted : bad[k].says;
        ck_assert_msg(err.line == bad[k].line + 1 && strstr(err.msg, says), "%zu: %ld: %s", k, err.line, err.msg);
        ck_assert(!ds->tasks[task_acc(ds)].has[3]);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    static const char stale[] = "score\tm1\tacc\t0.5\t1\nbatch\t2\nscore\tgone\tacc\t0.25\t1\n";
    write_raw(stale, sizeof stale - 1);
    cs_dataset *ds = make_data();
    size_t warnings = 0;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warnings, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(warnings, 1);
    ck_assert_uint_eq(cs_journal_count(j), 1);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Another capscope's batch is taken in whole or not yet: while its lines
 * are not all there (being written, or its writer killed), nothing of it,
 * though the entries before it are; once whole, all of it. Opened in the
 * middle of a batch, the journal takes in the batch from its header. */
START_TEST(test_catch_up_takes_a_batch_whole)
{
    cs_dataset *ds = make_data(), *other = make_data();
    int t = task_acc(ds);
    cs_journal *j, *k;
    cs_journal_replay rep;
    cs_error err;
    size_t lines = 99;
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    append_raw("score\tm9\tacc\t0.5\t1700000001\nbatch\t3\nscore\tm3\tacc\t0.25\t1700000002\nscore\tm5\tacc\t0.75\t17");
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[9] && !ds->tasks[t].has[3]);
    append_raw("00000002\n");
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 0);
    ck_assert(!ds->tasks[t].has[3] && !ds->tasks[t].has[5]);
    /* Not the journal as it read it, its writer still writing (holding
     * the lock until its fsync): nothing written until it is taken in. */
    int writer = open(jpath, O_RDONLY);
    ck_assert_int_eq(flock(writer, LOCK_EX), 0);
    cs_journal_set_lock_wait(j, 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m11", "acc", 0.5, &err), -1);
    append_raw("score\tm7\tacc\t0.125\t1700000002\n");
    close(writer);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 3); /* entries: the header is none */
    ck_assert(ds->tasks[t].y[3] == 0.25 && ds->tasks[t].y[5] == 0.75 && ds->tasks[t].y[7] == 0.125);
    ck_assert_int_eq(cs_journal_last_line(j), 6);
    ck_assert_msg(cs_journal_score(j, ds, "m11", "acc", 0.5, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* Opened mid-batch: a torn tail at opening, taken in whole later. */
    unlink(jpath);
    ds = make_data();
    append_raw("score\tm1\tacc\t0.5\t1700000000\nbatch\t2\nscore\tm3\tacc\t0.25\t1700000002\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert(!ds->tasks[t].has[3]);
    append_raw("score\tm5\tacc\t0.75\t1700000002\n");
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 2);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].has[5]);
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.5, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].has[5] && ds->tasks[t].has[7]);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* Its writer killed: the next capscope to write cuts the batch, and
     * what it writes is taken in, the batch never. */
    unlink(jpath);
    ds = make_data();
    append_raw("score\tm1\tacc\t0.5\t1700000000\nbatch\t2\nscore\tm3\tacc\t0.25\t1700000002\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_open_replay(jpath, other, &k, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert_msg(cs_journal_score(k, other, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
    cs_journal_close(k);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[5] && !ds->tasks[t].has[3]);
    ck_assert_int_eq(cs_journal_last_line(j), 2);
    cs_journal_close(j);
    cs_dataset_free(ds);
    cs_dataset_free(other);
}
END_TEST

/* A batch command's replay reads the journal and writes nothing: a journal
 * deleted between its look and its open was made again, empty, by the open
 * for writing. A reader's open makes none, reads what is there as any
 * open does, and refuses to write. */
START_TEST(test_reader_creates_and_writes_nothing)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j = (cs_journal *)&j;
    cs_journal_replay rep;
    cs_error err;
    struct stat st;
    ck_assert_int_eq(cs_journal_open_reader(jpath, ds, &j, &rep, &err), 1);
    ck_assert_ptr_null(j);
    ck_assert_int_eq(stat(jpath, &st), -1);
    ck_assert_int_eq(errno, ENOENT);

    append_raw("score\tm1\tacc\t0.5\t1700000000\nbatch\t2\nscore\tm3\tacc\t0.25\t1700000002\n");
    ck_assert_int_eq(cs_journal_open_reader(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert(ds->tasks[t].y[1] == 0.5 && !ds->tasks[t].has[3]);
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.75, &err), -1);
    ck_assert(strstr(err.msg, "read only") != NULL);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), -1);
    ck_assert(ds->tasks[t].y[1] == 0.5 && !ds->tasks[t].has[5]);
    cs_journal_close(j);
    ck_assert_str_eq(read_all(jpath), "score\tm1\tacc\t0.5\t1700000000\nbatch\t2\nscore\tm3\tacc\t0.25\t1700000002\n");
    cs_dataset_free(ds);
}
END_TEST

/* What a writer killed mid-write leaves after the entries an interface has
 * taken in: a batch without all its lines, or the start of a line. The
 * interface's next score, under the lock (so no writer is mid-write), cuts
 * it as opening would drop it, and is written; it was refused ("changed
 * since it was read") until the data was loaded again. A tail that is
 * whole entries not yet taken in, or that a writer holding the lock may
 * still finish, is not cut. */
START_TEST(test_dead_writer_s_tail_is_cut_by_the_next_score)
{
    static const char *const tails[] = {
        "batch\t3\nscore\tm3\tacc\t0.25\t1700000002\nscore\tm5\tacc\t0.75\t17",
        "batch\t2\nscore\tm3\tacc\t0.25\t1700000002\n",
        "batch\t2\nscore\tm3\tacc\t0.",
        "batch\t1",
        "score\tm3\tacc\t0.2",
        "und",
    };
    int t = -1;
    for (size_t c = 0; c < sizeof tails / sizeof *tails; c++) {
        unlink(jpath);
        cs_dataset *ds = make_data();
        t = task_acc(ds);
        cs_journal *j;
        cs_journal_replay rep;
        cs_error err;
        size_t lines;
        append_raw("score\tm1\tacc\t0.5\t1700000000\n");
        ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
        cs_journal_set_lock_wait(j, 0);
        append_raw("score\tm9\tacc\t0.5\t1700000001\n");
        append_raw(tails[c]);
        ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
        ck_assert_uint_eq(lines, 1);
        /* A writer holding the lock may still finish it: left alone. */
        int writer = open(jpath, O_RDONLY);
        ck_assert_int_eq(flock(writer, LOCK_EX), 0);
        ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.125, &err), -1);
        close(writer);
        /* Its writer gone: the next score cuts the tail and is written. */
        ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.125, &err) == 0, "tail %zu: %s", c, err.msg);
        cs_journal_close(j);
        static const char kept[] = "score\tm1\tacc\t0.5\t1700000000\nscore\tm9\tacc\t0.5\t1700000001\n"
                                   "score\tm7\tacc\t0.125\t";
        const char *text = read_all(jpath);
        ck_assert_msg(strncmp(text, kept, sizeof kept - 1) == 0, "tail %zu left:\n%s", c, text);
        ck_assert_uint_eq(lines_in(text, strlen(text)), 3);
        cs_dataset_free(ds);
        ds = make_data();
        ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
        ck_assert_uint_eq(rep.torn, 0);
        ck_assert(ds->tasks[t].has[1] && ds->tasks[t].has[9] && ds->tasks[t].y[7] == 0.125);
        ck_assert(!ds->tasks[t].has[3] && !ds->tasks[t].has[5]);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }

    /* Whole entries not yet taken in are no tail to cut: still refused. */
    unlink(jpath);
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    append_raw("batch\t2\nscore\tm3\tacc\t0.25\t1700000002\nscore\tm5\tacc\t0.75\t1700000002\n");
    ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.125, &err), -1);
    ck_assert(strstr(err.msg, "changed since it was read") != NULL);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A torn tail two interfaces read, which one of them cut and replaced
 * with entries of its own that happen to be as long: the other found the
 * file the size it read and cut at the torn tail's start, taking the new
 * entries with it, though their writer had been told they were saved. The
 * size alone does not tell; what lies there does. */
START_TEST(test_torn_tail_replaced_by_as_many_bytes_is_not_cut)
{
    static const struct {
        const char *torn;  /* after the first entry */
        int batch;         /* the other writes a batch of two, else an undo */
    } cases[] = {
        { "score", 0 },    /* 5 bytes, as "undo\n" */
        /* 68 bytes (its last time cut short), as the batch of two below */
        { "batch\t2\nscore\tm155\tacc\t0.25\t1700000002\nscore\tm157\tacc\t0.75\t170000000", 1 },
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        unlink(jpath);
        append_raw("score\tm1\tacc\t0.5\t1700000000\n");
        append_raw(cases[c].torn);
        cs_dataset *ds = make_data(), *other = make_data();
        int t = task_acc(ds);
        cs_journal *j, *k;
        cs_journal_replay rep;
        cs_error err;
        ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
        ck_assert_uint_eq(rep.torn, 1);
        ck_assert_int_eq(cs_journal_open_replay(jpath, other, &k, &rep, &err), 0);
        ck_assert_uint_eq(rep.torn, 1);
        struct stat before, after;
        ck_assert_int_eq(stat(jpath, &before), 0);
        if (cases[c].batch) {
            const cs_journal_score_item two[] = { { "m7", "acc", 0.125 }, { "m9", "acc", 0.625 } };
            ck_assert_msg(cs_journal_score_all(k, other, two, 2, NULL, &err) == 0, "%s", err.msg);
        } else {
            ck_assert_msg(cs_journal_undo(k, other, &err) == 0, "%s", err.msg);
        }
        cs_journal_close(k);
        cs_dataset_free(other);
        ck_assert_int_eq(stat(jpath, &after), 0);
        ck_assert_msg(after.st_size == before.st_size, "case %zu: %lld bytes, then %lld: not the case to test",
                      c, (long long)before.st_size, (long long)after.st_size);
        /* The other's entries are whole lines where the torn tail was. */
        ck_assert_int_eq(cs_journal_score(j, ds, "m11", "acc", 0.5, &err), -1);
        ck_assert_msg(strstr(err.msg, "changed since it was read") != NULL, "%s", err.msg);
        cs_journal_close(j);
        cs_dataset_free(ds);
        ds = make_data();
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
        ck_assert_uint_eq(rep.torn, 0);
        if (cases[c].batch)
            ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[7] == 0.125 && ds->tasks[t].y[9] == 0.625);
        else
            ck_assert(!ds->tasks[t].has[1]);
        ck_assert(!ds->tasks[t].has[11]);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
}
END_TEST

/* A journal with CRLF line ends (an editor saved it so, or a script on
 * another system appends to it) read while its last line end was half
 * there: the CR ends the line, which the interface takes in; the LF that
 * follows is the rest of that line end, as opening reads CRLF, not an
 * empty line. It was "malformed entry", and the interface told to load
 * the data again for a journal that opens fine. */
START_TEST(test_catch_up_after_a_cr_takes_its_lf_as_the_same_line_end)
{
    static const char *const parts[] = {
        "score\tm1\tacc\t0.5\t1700000000\r",
        "\nbatch\t2\r\nscore\tm3\tacc\t0.25\t1700000001\r\nscore\tm5\tacc\t0.75\t1700000001\r",
        "\n",
        "\nundo\r\n", /* an empty line: malformed, as opening has it */
    };
    append_raw(parts[0]);
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    size_t lines;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert(ds->tasks[t].y[1] == 0.5);
    append_raw(parts[1]);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s:%ld: %s", err.file, err.line, err.msg);
    ck_assert_uint_eq(lines, 2);
    ck_assert(ds->tasks[t].y[3] == 0.25 && ds->tasks[t].y[5] == 0.75);
    append_raw(parts[2]);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s:%ld: %s", err.file, err.line, err.msg);
    ck_assert_uint_eq(lines, 0);
    /* The next entry goes after it, and the file reads as the interface has it. */
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.125, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_last_line(j), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s:%ld: %s", err.file, err.line, err.msg);
    ck_assert(ds->tasks[t].y[1] == 0.5 && ds->tasks[t].y[3] == 0.25 && ds->tasks[t].y[5] == 0.75 &&
              ds->tasks[t].y[7] == 0.125);
    ck_assert_uint_eq(cs_journal_count(j), 4);
    /* An LF after a whole CRLF is an empty line, in catch-up as at opening. */
    append_raw(parts[3]);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_int_eq(err.line, 6);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), -1);
    ck_assert_int_eq(err.line, 6);
    cs_dataset_free(ds);
}
END_TEST

/* A last line without its line end, read as a whole entry, that text
 * written since goes on with (appended by hand with no line end first, or
 * read while its writer was still writing it): a fresh open reads the two
 * as one line. Catch-up took the new text as a line of its own, entries
 * that no open of the file has (it refuses the joined line), or refused it
 * as malformed at the wrong line; now it says to load the data again. */
START_TEST(test_catch_up_of_text_glued_to_the_last_line)
{
    static const struct {
        const char *last, *more;
    } cases[] = {
        { "score\tm1\tacc\t0.5\t1700000000", "score\tm3\tacc\t0.25\t1700000001\n" },
        { "score\tm1\tacc\t0.5\t1700000000", "1\n" }, /* its time written on */
    };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        unlink(jpath);
        append_raw(""); /* an empty file */
        append_raw(cases[c].last);
        cs_dataset *ds;
        cs_journal_replay rep;
        cs_journal *j = open_fresh(&ds, &rep);
        int t = task_acc(ds);
        cs_error err;
        size_t lines = 99;
        ck_assert(ds->tasks[t].y[1] == 0.5);
        append_raw(cases[c].more);
        ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
        ck_assert_msg(strstr(err.msg, "load the data again") != NULL, "case %zu: %s", c, err.msg);
        ck_assert_int_eq(err.line, 1);
        ck_assert_msg(!ds->tasks[t].has[3], "case %zu: taken in", c);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    /* One read with its time cut short is a torn line (its writer was
     * still writing it), read again from its start once whole. */
    unlink(jpath);
    append_raw("score\tm1\tacc\t0.5\t17000000");
    cs_dataset *ds;
    cs_journal_replay rep;
    cs_journal *j = open_fresh(&ds, &rep);
    int t = task_acc(ds);
    cs_error err;
    size_t lines = 99;
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert(!ds->tasks[t].has[1]);
    append_raw("00\n");
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* kill -9 of a writer in the middle of a large batch's write(2) (the
 * kernel stops copying a write at a fatal signal, leaving its first pages
 * in the file): the batch counts whole or not at all, never in part. The
 * parent watches the file grow and kills the child at once; whether the
 * write was cut depends on the timing, so either outcome passes, but a
 * cut one must leave none of the batch, say so, and be cut by the next
 * entry. */
START_TEST(test_kill_9_mid_batch)
{
    enum { ITEMS = 150000 };
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    struct stat st;
    ck_assert_int_eq(stat(jpath, &st), 0);
    const off_t before = st.st_size;
    int ready[2];
    ck_assert(pipe(ready) == 0);
    pid_t pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        cs_dataset *ds = make_data();
        cs_journal *j;
        cs_journal_replay rep;
        cs_journal_score_item *items = malloc(ITEMS * sizeof *items);
        char (*names)[8] = malloc(N_ROWS * sizeof *names);
        if (!items || !names || cs_journal_open_locked(jpath, ds, &j, &rep, -1, NULL) != 0)
            _exit(3);
        for (int r = 0; r < N_ROWS; r++)
            snprintf(names[r], sizeof names[r], "m%d", r);
        /* the last item of each odd row: 0.5 (what the parent looks for) */
        for (int i = 0; i < ITEMS; i++)
            items[i] = (cs_journal_score_item){ names[i % N_ROWS], "acc", i >= ITEMS - N_ROWS ? 0.5 : 0.25 };
        if (write(ready[1], "", 1) != 1)
            _exit(4);
        cs_journal_score_all(j, ds, items, ITEMS, NULL, NULL);
        for (;;)
            pause();
    }
    close(ready[1]);
    char c;
    ck_assert(read(ready[0], &c, 1) == 1);
    close(ready[0]);
    int fd = open(jpath, O_RDONLY);
    ck_assert(fd >= 0);
    int status;
    for (;;) {
        ck_assert_int_eq(fstat(fd, &st), 0);
        if (st.st_size > before)
            break;
        ck_assert_msg(waitpid(pid, &status, WNOHANG) == 0, "the writer ended: %d", status);
    }
    kill(pid, SIGKILL);
    ck_assert(waitpid(pid, &status, 0) == pid);
    ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    ck_assert_int_eq(fstat(fd, &st), 0);
    close(fd);

    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    size_t n = cs_journal_count(j);
    ck_assert_msg(n == 1 || n == 1 + ITEMS, "%zu of the batch's %d entries count", n - 1, ITEMS);
    ck_assert_uint_eq(rep.torn, (n == 1));
    for (int r = 1; r < N_ROWS; r += 2)
        ck_assert(ds->tasks[t].has[r] == (n > 1) || r == 1);
    ck_assert(ds->tasks[t].y[1] == 0.5);
    /* which it was, for whoever wonders whether the test tests anything */
    fprintf(stderr, "test_kill_9_mid_batch: %s (%lld bytes of it in the file)\n",
            n == 1 ? "cut mid-write" : "written whole", (long long)(st.st_size - before));
    if (n == 1) {
        ck_assert_msg(cs_journal_score(j, ds, "m3", "acc", 0.125, &err) == 0, "%s", err.msg);
        ck_assert_int_eq(stat(jpath, &st), 0);
        ck_assert_int_eq(st.st_size, before + (off_t)strlen("score\tm3\tacc\t0.125\t1700000000\n"));
    }
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A batch command reads the journal while the interface may be appending to
 * it: the reader can see an entry half written. It must leave the file
 * alone; it once cut the half it saw, and the writer's acknowledged entry
 * became a fragment that made the whole journal refused. */
START_TEST(test_reader_never_cuts_a_line_being_written)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac");
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    size_t warn;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(warn, 1);
    append_raw("c\t0.25\t1700000000\n"); /* the writer's write completes */
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s:%ld: %s", err.file,
                  err.line, err.msg);
    ck_assert_uint_eq(warn, 0);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* A writer that finds the file grown since it read it cuts nothing. */
    unlink(jpath);
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac");
    ds = make_data();
    ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "%s", err.msg);
    append_raw("c\t0.25\t1700000000\n");
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.75, &err), -1);
    ck_assert_msg(strstr(err.msg, "changed since it was read"), "%s", err.msg);
    ck_assert(!ds->tasks[t].has[5]);
    cs_journal_close(j);
    ck_assert_str_eq(read_all(jpath),
                     "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t1700000000\n");
    cs_dataset_free(ds);
}
END_TEST

/* Line ends as an editor may leave them: CRLF, lone CRs (the whole file was
 * once one "torn line", and opening it cut it to nothing), a byte-order
 * mark, and a last entry written by hand without a line end (it was cut
 * away as torn). Each entry counts; nothing is cut. */
START_TEST(test_line_ends_an_editor_leaves)
{
    static const char *const texts[] = {
        "score\tm1\tacc\t0.5\t1700000000\rscore\tm3\tacc\t0.25\t1700000000\r",
        "score\tm1\tacc\t0.5\t1700000000\r\nscore\tm3\tacc\t0.25\t1700000000\r\n",
        "\xEF\xBB\xBFscore\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t1700000000\n",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t1700000000",
        "score\tm1\tacc\t0.5\t1700000000\rscore\tm3\tacc\t0.25\t1700000000",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        unlink(jpath);
        append_raw(texts[k]);
        cs_dataset *ds = make_data();
        int t = task_acc(ds);
        cs_journal *j;
        size_t warn;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "text %zu: %ld: %s", k,
                      err.line, err.msg);
        ck_assert_uint_eq(warn, 0);
        ck_assert_msg(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5, "text %zu", k);
        ck_assert_msg(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25, "text %zu", k);
        ck_assert_str_eq(read_all(jpath), texts[k]);
        /* The next entry goes on a line of its own. */
        ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
        ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
        ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.125, &err), 0);
        cs_journal_close(j);
        cs_dataset_free(ds);
        ds = make_data();
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "text %zu again: %ld: %s",
                      k, err.line, err.msg);
        ck_assert_uint_eq(warn, 0);
        ck_assert(ds->tasks[t].has[1] && ds->tasks[t].has[3] && !ds->tasks[t].has[5]);
        ck_assert(ds->tasks[t].has[7] && ds->tasks[t].y[7] == 0.125);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
}
END_TEST

/* An unterminated last line that cannot be the start of an entry was not
 * written by capscope: it is malformed, and the file is left as it is. A
 * NUL byte is named with its line. */
START_TEST(test_foreign_last_line_is_not_cut)
{
    static const struct {
        const char *text;
        long line;
    } cases[] = {
        { "score\tm1\tacc\t0.5\t1700000000\n# scored by hand", 2 },
        { "score\tm1\tacc\t0.5\t1700000000\nundo\nundo", 3 },
        { "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t17\0\nundo\n", 2 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        unlink(jpath);
        size_t n = strlen(cases[k].text);
        if (k == 2)
            n = sizeof "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t17\0\nundo\n" - 1;
        int fd = open(jpath, O_WRONLY | O_CREAT, 0600);
        ck_assert(fd >= 0 && write(fd, cases[k].text, n) == (ssize_t)n);
        close(fd);
        cs_dataset *ds = make_data();
        cs_journal *j;
        cs_error err;
        ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
        ck_assert_msg(err.line == cases[k].line, "case %zu: line %ld: %s", k, err.line, err.msg);
        if (k == 2) /* "score\tm3\tacc\t0.25\t17" is 20 bytes: the NUL is the 21st */
            ck_assert_str_eq(err.msg, "the journal holds a NUL byte (at column 21); it is not a text file");
        ck_assert_int_eq(file_size(jpath), (off_t)n);
        same_as_loaded(ds);
        cs_dataset_free(ds);
    }
}
END_TEST

/* More lines no capscope writes, each refused with its line and the file
 * left as it is: a bad escape in a name (journal.c's names escape only
 * \t \n \r and \\); a batch header whose count is not digits alone; an
 * entry that is not "score" (capscope writes it in lower case); a time
 * with more than digits; and,
 * as the last line without its line end, the start of no entry ("scorer":
 * a crash leaves the start of "score<TAB>...", not a longer word) and the
 * start of one followed by a NUL and then more than zero bytes (a crash
 * leaves only zero bytes after what it wrote). */
START_TEST(test_more_foreign_lines_are_refused)
{
    static const char bad_escape[] = "score\tm\\q1\tacc\t0.5\t1700000000\n";
    static const char colon_count[] = "batch\t1:\nscore\tm1\tacc\t0.5\t1700000000\n";
    static const char longer_word[] = "score\tm1\tacc\t0.5\t1700000000\nscorer";
    static const char after_nul[] = "score\tm1\tacc\t0.5\t1700000000\nscore\t\0x";
    static const char not_score[] = "SCORE\tm1\tacc\t0.5\t1700000000\n";
    static const char time_tail[] = "score\tm1\tacc\t0.5\t1700000000x\n";
    static const struct {
        const char *text;
        size_t n;
        long line;
    } cases[] = {
        { bad_escape, sizeof bad_escape - 1, 1 },
        { colon_count, sizeof colon_count - 1, 1 },
        { longer_word, sizeof longer_word - 1, 2 },
        { after_nul, sizeof after_nul - 1, 2 },
        { not_score, sizeof not_score - 1, 1 },
        { time_tail, sizeof time_tail - 1, 1 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        unlink(jpath);
        int fd = open(jpath, O_WRONLY | O_CREAT, 0600);
        ck_assert(fd >= 0 && write(fd, cases[k].text, cases[k].n) == (ssize_t)cases[k].n);
        close(fd);
        cs_dataset *ds = make_data();
        cs_journal *j;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == -1, "case %zu opened", k);
        ck_assert_msg(err.line == cases[k].line, "case %zu: line %ld: %s", k, err.line, err.msg);
        if (k == 0)
            ck_assert_str_eq(err.msg, "bad escape in a name");
        if (k == 5)
            ck_assert_str_eq(err.msg, "bad time '1700000000x'");
        ck_assert_int_eq(file_size(jpath), (off_t)cases[k].n);
        same_as_loaded(ds);
        cs_dataset_free(ds);
    }
}
END_TEST

/* journal.h: the last entry's line as read from the file, 0 when there is
 * none: an empty journal, or one whose entries are all taken back (not a
 * read before its first entry). */
START_TEST(test_last_line_of_an_empty_journal)
{
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_error err;
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), 0);
    ck_assert_int_eq(cs_journal_last_line(j), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), 0);
    ck_assert_int_eq(cs_journal_last_line(j), 1);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert_int_eq(cs_journal_last_line(j), 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A hang is a failure of this program alone. Check's own SIGALRM handler,
 * which the suite runs under in CK_NOFORK, calls killpg(0, SIGKILL): it
 * would kill make check's whole process group, the other tests with it. */
static void hang_is_a_failure(int sig)
{
    (void)sig;
    static const char msg[] = "test_journal: opening a journal hung\n";
    ssize_t said = write(STDERR_FILENO, msg, sizeof msg - 1);
    (void)said;
    _exit(EXIT_FAILURE);
}

/* A FIFO or a device in the journal's place is refused at once: reading it
 * once waited forever (a FIFO) or until memory ran out (/dev/zero). */
START_TEST(test_not_a_regular_file)
{
    ck_assert_int_eq(mkfifo(jpath, 0600), 0);
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_error err;
    signal(SIGALRM, hang_is_a_failure);
    alarm(10); /* a hang is a failure */
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a FIFO, a device or a socket, not a journal file"), "%s",
                  err.msg);
    unlink(jpath);
    ck_assert_int_eq(symlink("/dev/zero", jpath), 0);
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_msg(strstr(err.msg, "is a FIFO, a device or a socket, not a journal file"), "%s",
                  err.msg);
    unlink(jpath);
    ck_assert_int_eq(mkdir(jpath, 0700), 0);
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_msg(strcmp(err.msg, "is a directory, not a journal file: move it away (the data's scores are kept in a file of that name)") == 0, "%s", err.msg);
    rmdir(jpath);
    alarm(0);
    signal(SIGALRM, SIG_DFL);
    same_as_loaded(ds);
    cs_dataset_free(ds);
}
END_TEST

/* Two interfaces on one journal: an undo means "take back the entry above
 * me", so an entry written by one on top of the other's makes the other's
 * next undo take back the wrong score at the next replay (B's acknowledged
 * m3 was lost, and A's screen and the file disagreed about m1). A writer
 * that finds the file grown since it last read or wrote it refuses. */
START_TEST(test_two_writers_cannot_lose_a_score)
{
    cs_dataset *a = make_data(), *b = make_data();
    int t = task_acc(a);
    cs_journal *ja, *jb;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, a, &ja, NULL, &err) == 0, "%s", err.msg);
    ck_assert_msg(cs_journal_open(jpath, b, &jb, NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(ja, a, "m1", "acc", 0.5, &err), 0);
    ck_assert_int_eq(cs_journal_score(jb, b, "m3", "acc", 0.25, &err), -1);
    ck_assert_msg(strstr(err.msg, "changed since it was read"), "%s", err.msg);
    ck_assert(!b->tasks[t].has[3]);
    /* A's own entries do not count as a change. */
    ck_assert_int_eq(cs_journal_score(ja, a, "m5", "acc", 0.75, &err), 0);
    ck_assert_int_eq(cs_journal_undo(ja, a, &err), 0);
    ck_assert_int_eq(cs_journal_undo(jb, b, &err), 1); /* nothing of B's to undo */
    cs_journal_close(ja);
    cs_journal_close(jb);
    cs_dataset_free(b);
    /* The file says what A's screen says. */
    b = make_data();
    ck_assert_msg(cs_journal_open(jpath, b, &jb, NULL, &err) == 0, "%s", err.msg);
    for (size_t i = 0; i < N_ROWS; i++)
        ck_assert_msg(b->tasks[t].has[i] == a->tasks[t].has[i] &&
                      (!b->tasks[t].has[i] || b->tasks[t].y[i] == a->tasks[t].y[i]), "row %zu", i);
    ck_assert(b->tasks[t].has[1] && b->tasks[t].y[1] == 0.5 && !b->tasks[t].has[5]);
    cs_journal_close(jb);
    cs_dataset_free(a);
    cs_dataset_free(b);
}
END_TEST

/* A journal replaced behind the writer's back (an editor that saves by
 * renaming, a user who deletes it) no longer takes entries: they would go
 * to a file no one will ever read, acknowledged as saved. */
START_TEST(test_replaced_journal_takes_no_entry)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_error err;
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_score(j, ds, "m1", "acc", 0.5, &err), 0);
    char other[600];
    snprintf(other, sizeof other, "%s.new", jpath);
    FILE *f = fopen(other, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm1\tacc\t0.5\t1700000000\n", f);
    fclose(f);
    ck_assert_int_eq(rename(other, jpath), 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    ck_assert_msg(strstr(err.msg, "changed since it was read"), "%s", err.msg);
    ck_assert(!ds->tasks[t].has[3]);
    unlink(jpath);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    /* Deleted is said as such: "another capscope wrote it?" was no reason. */
    ck_assert_str_eq(err.msg, "the journal was deleted; its scores are on screen only, nothing saved");
    ck_assert(!ds->tasks[t].has[3]);
    cs_journal_close(j);
    /* Moved away (renamed with its data, say) is no deletion: its scores
     * are safe where it went, which "on screen only" denied. */
    ck_assert_msg(cs_journal_open(jpath, ds, &j, NULL, &err) == 0, "%s", err.msg);
    char moved[600];
    snprintf(moved, sizeof moved, "%s.moved", jpath);
    ck_assert_int_eq(rename(jpath, moved), 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    ck_assert_str_eq(err.msg, "the journal was moved away (its scores went with it); nothing saved");
    ck_assert(!ds->tasks[t].has[3]);
    cs_journal_close(j);
    unlink(moved);
    cs_dataset_free(ds);
}
END_TEST

/* A whole last line without a line end that is wrong (a typo in an entry
 * written by hand; a model the data lacks, for the strict reader) is not a
 * torn write: capscope writes an entry in one write(2), so what a crash
 * leaves is a prefix of a valid entry, and one with all five fields and a
 * time is not cut short. It was dropped as "torn" and cut from the file by
 * the next score. */
START_TEST(test_whole_bad_last_line_is_not_torn)
{
    static const char *const texts[] = {
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0,25\t1700000000",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t1.5\t1700000000",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tno-such\tacc\t0.25\t1700000000",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t1700000000\textra",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        unlink(jpath);
        append_raw(texts[k]);
        cs_dataset *ds = make_data();
        cs_journal *j;
        size_t warn = 0;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == -1, "text %zu: torn %zu", k,
                      warn);
        ck_assert_int_eq(err.line, 2);
        same_as_loaded(ds);
        ck_assert_str_eq(read_all(jpath), texts[k]);
        cs_dataset_free(ds);
    }
    /* A prefix of an entry is still torn: the value or the time cut short. */
    static const char *const torn[] = {
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.2",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t",
        "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t17\0\0",
    };
    for (size_t k = 0; k < sizeof torn / sizeof *torn; k++) {
        unlink(jpath);
        size_t n = strlen(torn[k]) + (k == 2 ? 2 : 0);
        int fd = open(jpath, O_WRONLY | O_CREAT, 0600);
        ck_assert(fd >= 0 && write(fd, torn[k], n) == (ssize_t)n);
        close(fd);
        cs_dataset *ds = make_data();
        int t = task_acc(ds);
        cs_journal *j;
        size_t warn = 0;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "torn %zu: %s", k, err.msg);
        ck_assert_uint_eq(warn, 1);
        ck_assert(ds->tasks[t].has[1] && !ds->tasks[t].has[3]);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
}
END_TEST

/* A last line, without its line end, cut by a crash inside its time: the
 * writer writes a time of as many digits as the file's time has (its
 * mtime, set by that very write or a later one), so a time of fewer
 * digits is the start of one, and the line a torn one, as a line cut
 * before its time is. It read as a whole entry with a time of 1970 (a
 * journal of that one line too). A whole time still counts, and one of as
 * few digits as the file's own time (a file dated 1990) is not cut. Left
 * by another capscope killed while it wrote, it is cut as any torn tail
 * before this journal's next entry. */
START_TEST(test_last_line_time_cut)
{
    static const char first[] = "score\tm1\tacc\t0.5\t1700000000\n";
    static const struct {
        const char *text;
        size_t torn;
        int m3;
        long long mtime; /* 0: now */
    } cases[] = {
        { "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t170000000", 1, 0, 0 },
        { "score\tm3\tacc\t0.25\t17", 1, 0, 0 },
        { "score\tm3\tacc\t0.25\t1", 1, 0, 0 },
        { "score\tm3\tacc\t0.25\t1700000000", 0, 1, 0 },
        { "score\tm3\tacc\t0.25\t631152000", 0, 1, 631152000 },
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        unlink(jpath);
        append_raw(cases[k].text);
        if (cases[k].mtime) {
            struct timespec times[2] = { { cases[k].mtime, 0 }, { cases[k].mtime, 0 } };
            ck_assert_int_eq(utimensat(AT_FDCWD, jpath, times, 0), 0);
        }
        cs_dataset *ds = make_data();
        int t = task_acc(ds);
        cs_journal *j;
        cs_journal_replay rep;
        cs_error err;
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%zu: %s", k, err.msg);
        ck_assert_msg(rep.torn == cases[k].torn, "%zu: torn %zu", k, rep.torn);
        ck_assert_msg(ds->tasks[t].has[3] == cases[k].m3, "%zu", k);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }

    /* another capscope's, killed as it wrote: cut before this one writes */
    unlink(jpath);
    append_raw(first);
    cs_dataset *ds;
    cs_journal_replay rep;
    cs_journal *j = open_fresh(&ds, &rep);
    int t = task_acc(ds);
    cs_error err;
    append_raw("score\tm3\tacc\t0.25\t17000");
    ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ck_assert(strncmp(read_all(jpath), first, sizeof first - 1) == 0 &&
              strncmp(read_all(jpath) + sizeof first - 1, "score\tm5\tacc\t0.75\t", 18) == 0);
    j = open_fresh(&ds, &rep);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[1] && !ds->tasks[t].has[3] && ds->tasks[t].has[5]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A last line without its line end written by hand, whose time has fewer
 * digits than the file's mtime but cannot be the start of a time a writer
 * wrote (a writer's %lld of time(NULL), no later than that mtime, has no
 * leading zero and begins with no greater digits): a whole entry, not a
 * torn one. Dropped as torn, it was cut from the file by the next entry
 * written, the hand-written score lost; appended by hand while a journal
 * is open, it was cut as a dead writer's tail. A time that can be the
 * start of one is still torn. */
START_TEST(test_hand_written_short_time_is_whole)
{
    static const char *const times[] = { "0", "20240101", "42", "9" };
    char text[128];
    for (size_t k = 0; k < sizeof times / sizeof *times; k++) {
        unlink(jpath);
        snprintf(text, sizeof text, "score\tm3\tacc\t0.25\t%s", times[k]);
        append_raw(text);
        cs_dataset *ds = make_data();
        int t = task_acc(ds);
        cs_journal *j;
        cs_journal_replay rep;
        cs_error err;
        ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s: %s", times[k], err.msg);
        ck_assert_msg(rep.torn == 0 && ds->tasks[t].has[3], "%s: dropped as torn", times[k]);
        ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
        cs_journal_close(j);
        cs_dataset_free(ds);
        ck_assert_msg(strncmp(read_all(jpath), text, strlen(text)) == 0 && read_all(jpath)[strlen(text)] == '\n',
                      "%s: the hand-written line was cut", times[k]);
    }

    /* appended by hand while the journal is open: not a dead writer's */
    unlink(jpath);
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    append_raw("score\tm3\tacc\t0.25\t20240101");
    ck_assert_int_eq(cs_journal_score(j, ds, "m5", "acc", 0.75, &err), -1);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ck_assert_str_eq(read_all(jpath), "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t20240101");

    /* the start of a time no later than the file's: torn, as before */
    unlink(jpath);
    append_raw("score\tm3\tacc\t0.25\t17");
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* The checks of test_read_only_journal; 0 when all hold. */
static int read_only_checks(void)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    if (cs_journal_open_replay(jpath, ds, &j, &rep, &err) != 0)
        return 1; /* was: cannot open the journal: Permission denied */
    if (!(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5) || rep.torn != 1)
        return 2;
    if (cs_journal_score(j, ds, "m5", "acc", 0.75, &err) != -1 || ds->tasks[t].has[5] ||
        strcmp(err.msg, "cannot write the journal (permission denied): its owner can let you (chmod g+w), "
                        "or copy the data and its journal to a directory of yours; nothing was saved") != 0)
        return 3;
    if (cs_journal_undo(j, ds, &err) != -1 || !ds->tasks[t].has[1])
        return 4;
    cs_journal_close(j);
    cs_dataset_free(ds);
    return 0;
}

/* A journal that cannot be written (read-only, a shared copy) is still
 * read: its scores count for every subcommand, which all failed on it, and
 * entering a new score fails saying why, changing nothing. */
START_TEST(test_read_only_journal)
{
    const char *text = "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac";
    append_raw(text);
    ck_assert_int_eq(chmod(jpath, 0444), 0);
    int rc;
    if (geteuid() != 0) {
        rc = read_only_checks();
    } else {
        /* Root writes anything: check as nobody. */
        ck_assert_int_eq(chmod(tmpdir, 0755), 0);
        pid_t pid = fork();
        ck_assert(pid >= 0);
        if (pid == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(77);
            _exit(read_only_checks());
        }
        int status;
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert(WIFEXITED(status));
        rc = WEXITSTATUS(status);
        if (rc == 77)
            rc = 0; /* no user to become */
    }
    ck_assert_msg(rc == 0, "check %d failed", rc);
    ck_assert_str_eq(read_all(jpath), text);
    chmod(jpath, 0600);
}
END_TEST

/* A journal entry that predates the data file's last save, over a score the
 * file has and that differs, is one the file may have been given since:
 * counted, with the first such entry's line and both scores. Entries written
 * after the save, equal to the file's, over an unscored row, or taken back
 * are not. The save times are set by hand: 1.5e9 (2017) is after the
 * entries of time 1000 and before those of 1.6e9 and of now. */
START_TEST(test_overrides_of_a_file_saved_since)
{
    char data[600];
    snprintf(data, sizeof data, "%s/data.csv", tmpdir);
    int fd = open(data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(fd >= 0);
    close(fd);
    struct timespec at[2] = { { 1500000000, 0 }, { 1500000000, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    append_raw("score\tm2\tacc\t0.5\t1000\n"        /* 1: file 0.002: counted, the first */
               "score\tm4\tacc\t0.004\t1000\n"      /* 2: the file's own score */
               "score\tm1\tacc\t0.7\t1000\n"        /* 3: the file has none */
               "score\tm6\tacc\t0.9\t1600000000\n"  /* 4: after the save */
               "score\tm8\tacc\t0.3\t1000\n"
               "score\tm8\tacc\t0.4\t1600000000\n"  /* 6: the newest is after the save */
               "score\tm10\tacc\t0.3\t1000\n"
               "score\tm10\tacc\t0.6\t1001\n"       /* 8: counted */
               "score\tm12\tacc\t0.9\t1000\n"
               "undo\n"                                /* 10: m12 taken back */
               "score\tnobody\tacc\t0.9\t1000\n");  /* 11: stale */
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    cs_journal_override ov;
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 2);
    ck_assert_int_eq(ov.line, 1);
    ck_assert_uint_eq(ov.row, (size_t)cs_dataset_find_model(ds, "m2"));
    ck_assert_uint_eq(ov.task, (size_t)t);
    ck_assert_double_eq(ov.journal, 0.5);
    ck_assert_double_eq_tol(ov.file, 0.002, 1e-15);
    ck_assert_uint_eq(ov.entries, 1);
    ck_assert_int_eq(ov.first_line, 1);

    /* A score entered now is after the save: it wins knowingly. */
    ck_assert_msg(cs_journal_score(j, ds, "m14", "acc", 0.8, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 2);
    /* Nor is anything counted against a file saved before every entry, or
     * one that is not there. */
    at[0].tv_sec = at[1].tv_sec = 500;
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 0);
    at[0].tv_sec = at[1].tv_sec = 1000; /* the same second as the entries: not after them */
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 0);
    at[0].tv_sec = at[1].tv_sec = 1001; /* after line 1's, not line 8's */
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 1);
    ck_assert_int_eq(ov.line, 1);
    /* Line 8's cell has two entries in effect, lines 7 and 8: both stand
     * over the file's score (removing 8 alone would bring back 7's). */
    at[0].tv_sec = at[1].tv_sec = 1002;
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    append_raw("score\tm2\tacc\t0.002\t1000\n"); /* m2 back to the file's own */
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 1); /* m10's; m2 is the file's own again */
    ck_assert_int_eq(ov.line, 8);
    ck_assert_uint_eq(ov.entries, 2);
    ck_assert_int_eq(ov.first_line, 7);
    unlink(data);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Overrides counts cells (journal.h), not entries nor runs of entries:
 * a journal of one entry has one, and a row scored on two tasks, its
 * entries interleaved, has two, each with its own entries in effect. */
START_TEST(test_overrides_count_cells)
{
    char data[600];
    snprintf(data, sizeof data, "%s/data.csv", tmpdir);
    int fd = open(data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert(fd >= 0);
    close(fd);
    struct timespec at[2] = { { 1500000000, 0 }, { 1500000000, 0 } };
    ck_assert_int_eq(utimensat(AT_FDCWD, data, at, 0), 0);
    /* m2 has acc 0.002 and other 0.5 in the file (make_data). */
    append_raw("score\tm2\tacc\t0.5\t1000\n");
    cs_dataset *ds = make_data();
    int acc = task_acc(ds), other = cs_dataset_task_index(ds, "other");
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    cs_journal_override ov;
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 1);
    ck_assert_int_eq(ov.line, 1);
    ck_assert_uint_eq(ov.entries, 1);
    cs_journal_close(j);
    cs_dataset_free(ds);

    unlink(jpath);
    append_raw("score\tm2\tacc\t0.3\t1000\n"     /* 1 */
               "score\tm2\tother\t0.6\t1000\n"   /* 2: the other cell, its only entry */
               "score\tm2\tacc\t0.4\t1000\n");   /* 3: acc's newest, over line 1 */
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_int_eq(cs_journal_overrides(j, ds, data, &ov), 0);
    ck_assert_uint_eq(ov.count, 2);
    /* The first is the cell whose entry in effect comes first: other's, line 2. */
    ck_assert_int_eq(ov.line, 2);
    ck_assert_uint_eq(ov.row, (size_t)cs_dataset_find_model(ds, "m2"));
    ck_assert_uint_eq(ov.task, (size_t)other);
    ck_assert_double_eq(ov.journal, 0.6);
    ck_assert_double_eq(ov.file, 0.5);
    ck_assert_uint_eq(ov.entries, 1);
    ck_assert_int_eq(ov.first_line, 2);
    ck_assert(ds->tasks[acc].y[2] == 0.4);
    cs_journal_close(j);
    cs_dataset_free(ds);
    unlink(data);
}
END_TEST

/* Another capscope's entries, appended while this one had the journal
 * open (capscope score from a cluster job), are taken in: the scores
 * become those a fresh open reads, this journal may write after them, and
 * they are told apart from those read at opening by their lines. */
START_TEST(test_catch_up_takes_in_what_others_appended)
{
    cs_dataset *ds = make_data(), *other = make_data();
    int t = task_acc(ds);
    cs_journal *j, *k;
    cs_journal_replay rep;
    cs_error err;
    size_t lines = 99;
    append_raw("score\tm1\tacc\t0.5\t1700000000\n"); /* before either opened */
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_lines_at_open(j), 1);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 0); /* nothing new */

    ck_assert_int_eq(cs_journal_open_replay(jpath, other, &k, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_score(k, other, "m3", "acc", 0.75, &err), 0);
    ck_assert_int_eq(cs_journal_score(k, other, "m5", "acc", 0.25, &err), 0);
    ck_assert_int_eq(cs_journal_undo(k, other, &err), 0);  /* m5 back to unscored */
    ck_assert_int_eq(cs_journal_score(k, other, "nosuch", "acc", 0.1, &err), -1); /* refused, not written */
    ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.3, &err), -1); /* changed: as before */

    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 3);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.75);
    ck_assert(!ds->tasks[t].has[5]);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    ck_assert_uint_eq(ds->tasks[t].n_scored, other->tasks[t].n_scored);
    ck_assert_int_eq(cs_journal_last_line(j), 2); /* m3's, on line 2, past line 1 read at opening */

    /* ... and then writes after them, its undo taking back its own entry */
    ck_assert_int_eq(cs_journal_score(j, ds, "m7", "acc", 0.3, &err), 0);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0);
    ck_assert_int_eq(cs_journal_undo(j, ds, &err), 0); /* then m3's */
    ck_assert(!ds->tasks[t].has[3] && !ds->tasks[t].has[7]);
    cs_journal_close(j);
    cs_journal_close(k);
    cs_dataset_free(ds);
    cs_dataset_free(other);

    /* A fresh open reads the same: m1 alone of the odd rows scored. */
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert(ds->tasks[t].has[1] && !ds->tasks[t].has[3] && !ds->tasks[t].has[5] && !ds->tasks[t].has[7]);
    ck_assert_int_eq(cs_journal_lines_at_open(j), 7);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Another capscope holding the lock (stopped while it wrote, say) is not
 * waited for: the interface looks every second, and would freeze. Nothing
 * is taken in until the lock is let go. */
START_TEST(test_catch_up_does_not_wait_for_the_lock)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    size_t lines = 99;
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    int holder = open(jpath, O_RDWR);
    ck_assert_int_ge(holder, 0);
    ck_assert_int_eq(flock(holder, LOCK_EX), 0); /* its own open file: a lock of its own */
    append_raw("score\tm3\tacc\t0.25\t1700000001\n");
    signal(SIGALRM, hang_is_a_failure);
    alarm(10); /* a hang is a failure */
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    alarm(0);
    ck_assert_uint_eq(lines, 0);
    ck_assert(!ds->tasks[t].has[3]);
    close(holder); /* and with it the lock */
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Opening while another capscope writes a long --from batch under its
 * lock: the reader waits for it (a moment), rather than read half of an
 * entry and call it a torn line from an interrupted write. The writer here
 * is a child process holding the lock, which writes the rest of its line
 * 30 ms later and ends. */
START_TEST(test_open_waits_a_moment_for_a_writer)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    int fd = open(jpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(flock(fd, LOCK_EX), 0);
    static const char head[] = "score\tm1\tacc\t0.5", tail[] = "\t1700000000\n";
    ck_assert(write(fd, head, sizeof head - 1) == (ssize_t)(sizeof head - 1));
    pid_t writer = fork();
    ck_assert_int_ge(writer, 0);
    if (writer == 0) {
        struct timespec nap = { 0, 30000000 };
        nanosleep(&nap, NULL);
        _exit(write(fd, tail, sizeof tail - 1) == (ssize_t)(sizeof tail - 1) ? 0 : 1);
    }
    close(fd); /* the lock stays with the child's copy of the open file */
    signal(SIGALRM, hang_is_a_failure);
    alarm(10);
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    alarm(0);
    int status;
    ck_assert_int_eq(waitpid(writer, &status, 0), writer);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* Only whole lines: a line still without its end waits, then counts; a
 * malformed line is refused with its line, nothing taken in, and refused
 * again; a file made shorter is no longer this journal's to write. */
START_TEST(test_catch_up_whole_lines_only)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    size_t lines;
    append_raw("score\tm1\tacc\t0.5\t1700000000"); /* no line end: whole, by hand */
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert(ds->tasks[t].has[1]);
    /* another writer ends that line before its own entry (append_locked) */
    append_raw("\nscore\tm3\tacc\t0.2");
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 0); /* m3's line has no end yet */
    ck_assert(!ds->tasks[t].has[3]);
    append_raw("5\t1700000001\nscore\tm5\tacc\t0.4\t1700000002\n");
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 2);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25);
    ck_assert(ds->tasks[t].has[5] && ds->tasks[t].y[5] == 0.4);
    ck_assert_int_eq(cs_journal_last_line(j), 3);

    /* a stale entry counts in rep, and holds its place */
    append_raw("score\tgone\tacc\t0.1\t1700000003\nscore\tm7\tacc\t0.7\t1700000004\nscore\tm9\tacc\tx\t1\n");
    errno = ENOMEM;
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_int_eq(errno, 0); /* no later look takes it: the interface stops looking */
    ck_assert_int_eq(err.line, 6);
    ck_assert(!ds->tasks[t].has[7]); /* all or nothing */
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* truncated to its first line, behind a journal's back */
    ds = make_data();
    ck_assert_int_eq(truncate(jpath, 0), 0);
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.6\t1700000001\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    append_raw("score\tgone\tacc\t0.1\t1700000003\nundo\nundo\n");
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    ck_assert_uint_eq(lines, 3);
    ck_assert_uint_eq(rep.skipped, 1);
    ck_assert_int_eq(rep.first_skipped, 3);
    ck_assert(ds->tasks[t].has[1] && !ds->tasks[t].has[3]); /* the undos took gone's, then m3's */
    ck_assert_int_eq(truncate(jpath, 10), 0);
    errno = ENOMEM;
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_int_eq(errno, 0);
    ck_assert_msg(strstr(err.msg, "load the data again"), "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A journal replaced at its name by a file of the same size (mv of an
 * edited copy: 0.5 made 0.7) is said at the next look, as a longer or
 * shorter one is: the size of the file it has open did not change, so it
 * went unsaid until the next score was refused. A journal deleted or moved
 * away is said in the words a score would get. */
START_TEST(test_catch_up_sees_a_journal_replaced_at_its_name)
{
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    size_t lines;
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    char copy[600];
    snprintf(copy, sizeof copy, "%s.new", jpath);
    FILE *f = fopen(copy, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm1\tacc\t0.7\t1700000000\n", f);
    ck_assert_int_eq(fclose(f), 0);
    ck_assert_int_eq(rename(copy, jpath), 0);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_msg(strstr(err.msg, "load the data again"), "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    /* deleted: its scores are on screen only */
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_int_eq(unlink(jpath), 0);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_msg(strstr(err.msg, "the journal was deleted"), "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A journal edited in place, its inode and its size kept (an editor that
 * writes over the file, as nano or vim with backupcopy=yes do, or cp -p of
 * an edited copy onto it: 0.5 made 0.7), is said at the next look as a
 * journal replaced at its name is, and takes no entry: neither its size
 * nor its inode tells, and it went unsaid until the data was loaded again.
 * So is an edit of a line read with another capscope's entry appended
 * after it. A file touched, its text the same, is no change. */
static void overwrite_at(const char *text, off_t at)
{
    /* past the clock's tick (a jiffy, for the file's times): the edit
     * must not carry the time of what the journal last saw */
    struct timespec nap = { 0, 20000000 };
    nanosleep(&nap, NULL);
    int fd = open(jpath, O_WRONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert(pwrite(fd, text, strlen(text), at) == (ssize_t)strlen(text));
    ck_assert_int_eq(close(fd), 0);
}

START_TEST(test_catch_up_sees_a_journal_edited_in_place)
{
    cs_dataset *ds;
    cs_journal_replay rep;
    cs_error err;
    size_t lines;
    static const char line[] = "score\tm1\tacc\t0.5\t1700000000\n";
    const off_t value_at = (off_t)strlen("score\tm1\tacc\t");
    append_raw(line);
    cs_journal *j = open_fresh(&ds, &rep);
    int t = task_acc(ds);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), 0);
    struct stat before, after;
    ck_assert_int_eq(stat(jpath, &before), 0);
    overwrite_at("0.7", value_at);
    ck_assert_int_eq(stat(jpath, &after), 0);
    ck_assert(after.st_ino == before.st_ino && after.st_size == before.st_size);
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_msg(strstr(err.msg, "load the data again"), "%s", err.msg);
    ck_assert(ds->tasks[t].y[1] == 0.5); /* as read: nothing taken in */
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    ck_assert_msg(strstr(err.msg, "changed since it was read"), "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ck_assert_str_eq(read_all(jpath), "score\tm1\tacc\t0.7\t1700000000\n"); /* nothing written */

    /* edited, and another capscope's entry appended after the edit */
    j = open_fresh(&ds, &rep);
    overwrite_at("0.9", value_at);
    append_raw("score\tm3\tacc\t0.25\t1700000001\n");
    ck_assert_int_eq(cs_journal_catch_up(j, ds, &rep, &lines, &err), -1);
    ck_assert_msg(strstr(err.msg, "load the data again"), "%s", err.msg);
    ck_assert(!ds->tasks[t].has[3]);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* touched, or written over with what it held: no change */
    j = open_fresh(&ds, &rep);
    overwrite_at("0.9", value_at);
    ck_assert_int_eq(utimensat(AT_FDCWD, jpath, NULL, 0), 0);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 0);
    ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
    overwrite_at("0.9", value_at);
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.5, &err) == 0, "%s", err.msg);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A directory on a file system whose times are as coarse as the clock's
 * tick (ramfs has no fine-grained times; FAT's are of two seconds, ext4's
 * of 128-byte inodes of one, and every one's a tick before Linux 6.13), in
 * a mount namespace of this process's own (a user namespace too when not
 * root). 0 when none can be had. */
static int coarse_dir(const char *dir)
{
    if (geteuid() != 0) {
        char map[64];
        uid_t uid = geteuid();
        gid_t gid = getegid();
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return 0;
        int fd = open("/proc/self/setgroups", O_WRONLY);
        if (fd >= 0) {
            (void)!write(fd, "deny", 4);
            close(fd);
        }
        snprintf(map, sizeof map, "0 %ld 1", (long)uid);
        if ((fd = open("/proc/self/uid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
            return 0;
        close(fd);
        snprintf(map, sizeof map, "0 %ld 1", (long)gid);
        if ((fd = open("/proc/self/gid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
            return 0;
        close(fd);
    } else if (unshare(CLONE_NEWNS) != 0) {
        return 0;
    }
    (void)mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL); /* nothing seen outside */
    return mount("ramfs", dir, "ramfs", 0, NULL) == 0;
}

/* The edits of test_edit_in_the_tick_of_the_times_noted, in a child on a
 * file system of coarse times: 0 when each was seen, 77 when there is no
 * such file system, 1 (said on stderr) when one was missed. */
static int edits_in_one_tick(const char *dir)
{
    if (!coarse_dir(dir))
        return 77;
    char path[700];
    snprintf(path, sizeof path, "%s/data.csv.journal", dir);
    static const char line[] = "score\tm1\tacc\t0.5\t1700000000\n";
    for (int k = 0; k < 5; k++) {
        cs_dataset *ds = make_data();
        cs_journal *j;
        cs_journal_replay rep;
        cs_error err;
        size_t lines;
        unlink(path);
        int fd = open(path, O_WRONLY | O_CREAT, 0600);
        if (fd < 0 || write(fd, line, sizeof line - 1) != (ssize_t)(sizeof line - 1) || close(fd) != 0)
            return 77;
        if (cs_journal_open_replay(path, ds, &j, &rep, &err) != 0)
            return fprintf(stderr, "open: %s\n", err.msg), 1;
        /* at once, as a script's edit may follow an entry: 0.5 made 0.7 */
        fd = open(path, O_WRONLY);
        if (fd < 0 || pwrite(fd, "7", 1, 15) != 1 || close(fd) != 0)
            return 77;
        if (cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0)
            return fprintf(stderr, "%d: the edit was taken for no change\n", k), 1;
        if (cs_journal_score(j, ds, "m3", "acc", 0.25, &err) == 0)
            return fprintf(stderr, "%d: an entry was written onto the edited journal\n", k), 1;
        cs_journal_close(j);
        /* and no edit: nothing said, entries written */
        unlink(path);
        fd = open(path, O_WRONLY | O_CREAT, 0600);
        if (fd < 0 || write(fd, line, sizeof line - 1) != (ssize_t)(sizeof line - 1) || close(fd) != 0)
            return 77;
        cs_dataset_free(ds);
        ds = make_data();
        if (cs_journal_open_replay(path, ds, &j, &rep, &err) != 0 ||
            cs_journal_catch_up(j, ds, &rep, &lines, &err) != 0 ||
            cs_journal_score(j, ds, "m3", "acc", 0.25, &err) != 0 ||
            cs_journal_catch_up(j, ds, &rep, &lines, &err) != 0 ||
            cs_journal_score(j, ds, "m5", "acc", 0.25, &err) != 0)
            return fprintf(stderr, "%d: unedited: %s\n", k, err.msg), 1;
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    return 0;
}

/* A journal edited in place in the same tick of the file system's clock
 * as the change whose times this journal noted keeps those times (a
 * second on FAT or ext4 of 128-byte inodes, a few milliseconds on others
 * before Linux 6.13): it was taken for unchanged, at that look and every
 * later one, and entries were written onto the edited text. Times noted
 * of a change that recent are no proof: the text is compared until they
 * are older than a tick. */
START_TEST(test_edit_in_the_tick_of_the_times_noted)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s/coarse", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        _exit(edits_in_one_tick(dir));
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    rmdir(dir);
    ck_assert(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77)
        fprintf(stderr, "test_edit_in_the_tick_of_the_times_noted: skipped (no ramfs to be had)\n");
    else
        ck_assert_msg(WEXITSTATUS(status) == 0, "an edit in place went unseen (stderr says which)");
}
END_TEST

/* A torn last line found at opening is cut by the first capscope that
 * writes: when that is another one (a script's capscope score), what it
 * appended is still taken in, from where the torn line began, and so is
 * the rest of a line that was being written, not torn; this journal writes
 * after them. It was refused as "changed, not only by new entries", and
 * every score after it until the data was loaded again. */
START_TEST(test_catch_up_after_a_torn_line)
{
    cs_dataset *ds = make_data(), *other = make_data();
    int t = task_acc(ds);
    cs_journal *j, *k;
    cs_journal_replay rep;
    cs_error err;
    size_t lines;
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    ck_assert_int_eq(cs_journal_open_replay(jpath, other, &k, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_score(k, other, "m5", "acc", 0.75, &err), 0); /* cuts the torn line */
    cs_journal_close(k);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[5] && ds->tasks[t].y[5] == 0.75 && !ds->tasks[t].has[3]);
    ck_assert_int_eq(cs_journal_last_line(j), 2); /* the torn line's place */
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.25, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    cs_dataset_free(other);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].has[5] && ds->tasks[t].has[7] && !ds->tasks[t].has[3]);
    cs_journal_close(j);
    cs_dataset_free(ds);

    /* the rest of a line being written when the file was read */
    unlink(jpath);
    ds = make_data();
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    append_raw("c\t0.25\t1700000001\n");
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 1);
    ck_assert(ds->tasks[t].has[3] && ds->tasks[t].y[3] == 0.25);
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.5, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    static const char want[] = "score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tacc\t0.25\t1700000001\n"
                               "score\tm7\tacc\t0.5\t";
    ck_assert_msg(strncmp(read_all(jpath), want, sizeof want - 1) == 0, "%s", read_all(jpath));
    cs_dataset_free(ds);

    /* cut and nothing written after it: this journal's next entry goes
     * where the torn line was */
    unlink(jpath);
    ds = make_data();
    append_raw("score\tm1\tacc\t0.5\t1700000000\nscore\tm3\tac");
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_int_eq(truncate(jpath, (off_t)strlen("score\tm1\tacc\t0.5\t1700000000\n")), 0);
    ck_assert_msg(cs_journal_catch_up(j, ds, &rep, &lines, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(lines, 0);
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.5, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[7] && !ds->tasks[t].has[3]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A data file renamed leaves its journal under the old name: beside the
 * data, a NAME.journal with no NAME that holds scores of the data's models
 * is found (the first in name order), its score entries of known models
 * counted (unknown models' and those undone are not). One whose data file is
 * there, one of other models' scores, and a FIFO (not waited on) are not. */
START_TEST(test_orphan_journal_of_a_renamed_file)
{
    char data[600], orphan[600], other[600], kept[600], kept_data[600], fifo[600];
    snprintf(data, sizeof data, "%s/new.csv", tmpdir);
    snprintf(orphan, sizeof orphan, "%s/old.csv.journal", tmpdir);
    snprintf(other, sizeof other, "%s/a-other.csv.journal", tmpdir);
    snprintf(kept, sizeof kept, "%s/b-kept.csv.journal", tmpdir);
    snprintf(kept_data, sizeof kept_data, "%s/b-kept.csv", tmpdir);
    snprintf(fifo, sizeof fifo, "%s/0-fifo.csv.journal", tmpdir);
    cs_dataset *ds = make_data();
    size_t entries = 99;
    ck_assert_ptr_null(cs_journal_orphan(data, ds, &entries)); /* none there */
    ck_assert_uint_eq(entries, 0);
    const char *files[][2] = {
        { orphan, "score\tm2\tacc\t0.5\t1000\nundo\nscore\tm4\tacc\t0.5\t1000\n"
                  "score\tnobody\tacc\t0.5\t1000\nscore\tm6\tother\t0.6\t1000" },
        { other, "score\tnobody\tacc\t0.5\t1000\n" },
        { kept, "score\tm2\tacc\t0.5\t1000\n" },
        { kept_data, "model\n" },
        { data, "model\n" },
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        FILE *f = fopen(files[i][0], "w");
        ck_assert_ptr_nonnull(f);
        fputs(files[i][1], f);
        fclose(f);
    }
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    char *found = cs_journal_orphan(data, ds, &entries);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, orphan);
    ck_assert_uint_eq(entries, 2); /* m4 and m6 (another task's score is the model's still); m2 taken back */
    free(found);
    /* Named relative to the working directory, it is named so. */
    char cwd[4096];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(tmpdir), 0);
    found = cs_journal_orphan("new.csv", ds, &entries);
    ck_assert_int_eq(chdir(cwd), 0);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, "./old.csv.journal");
    free(found);
    ck_assert_ptr_null(cs_journal_orphan(NULL, ds, &entries));
    ck_assert_ptr_null(cs_journal_orphan("-", ds, &entries));
    unlink(orphan);
    ck_assert_ptr_null(cs_journal_orphan(data, ds, &entries));
    const char *gone[] = { other, kept, kept_data, data, fifo };
    for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
        ck_assert_int_eq(unlink(gone[i]), 0);
    cs_dataset_free(ds);
}
END_TEST

/* What an orphan journal is said to hold is what renaming it would bring
 * in: a score taken back by an undo line is none (a journal of nothing but
 * taken-back scores is not named), a cell entered twice is one score, and
 * the first entry after a byte-order mark (an editor's, CRLF lines) counts.
 * A score the data already shows (m2's acc is 0.002 in the file, m6's other
 * 0.5) brings nothing, unless a newer entry of the cell differs; nor does a
 * task the data lacks. */
START_TEST(test_orphan_counts_the_scores_in_effect)
{
    char data[600], orphan[600];
    snprintf(data, sizeof data, "%s/new.csv", tmpdir);
    snprintf(orphan, sizeof orphan, "%s/old.csv.journal", tmpdir);
    cs_dataset *ds = make_data();
    FILE *f = fopen(data, "w");
    ck_assert_ptr_nonnull(f);
    fputs("model\n", f);
    fclose(f);
    size_t entries = 99;
    const struct {
        const char *text;
        size_t scores;
    } cases[] = {
        { "score\tm2\tacc\t0.5\t1000\nundo\n", 0 },
        { "score\tm2\tacc\t0.5\t1000\nscore\tnobody\tacc\t0.5\t1000\nundo\nundo\n", 0 },
        { "score\tm2\tacc\t0.5\t1000\nscore\tnobody\tacc\t0.5\t1000\nundo\n", 1 },
        { "score\tm2\tacc\t0.5\t1000\nscore\tm2\tacc\t0.6\t1001\nscore\tm2\tother\t0.6\t1001\n", 2 },
        { "\xEF\xBB\xBFscore\tm2\tacc\t0.5\t1000\r\n", 1 },
        { "score\tm2\tacc\t0.002\t1000\nscore\tm6\tother\t0.5\t1000\n", 0 },
        { "score\tm2\tacc\t0.5\t1000\nscore\tm2\tacc\t0.002\t1001\n", 0 },
        { "score\tm2\tacc\t0.002\t1000\nscore\tm2\tacc\t0.5\t1001\n", 1 },
        /* The same behind another cell's entry: m1's counts, m2's newest is the data's own. */
        { "score\tm1\tacc\t0.5\t1000\nscore\tm2\tacc\t0.5\t1000\nscore\tm2\tacc\t0.002\t1001\n", 1 },
        /* A batch without all its lines brings none of them, with CRLF
         * line ends too (each CRLF one line end, as opening reads it). */
        { "score\tm1\tacc\t0.5\t1000\nbatch\t3\nscore\tm3\tacc\t0.5\t1001\nscore\tm5\tacc\t0.5\t1001", 1 },
        { "score\tm1\tacc\t0.5\t1000\r\nbatch\t3\r\nscore\tm3\tacc\t0.5\t1001\r\nscore\tm5\tacc\t0.5\t1001", 1 },
        { "score\tm1\tacc\t0.5\t1000\r\nbatch\t2\r\nscore\tm3\tacc\t0.5\t1001\r\nscore\tm5\tacc\t0.5\t1001\r\n", 3 },
        { "score\tm1\tacc\t0.5\t1000\nscore\tm2\tnosuch\t0.5\t1000\n", 1 },
        /* A batch counts whole, its last line whole without its line end
         * too; one without all its lines is a torn tail and brings none. */
        { "score\tm1\tacc\t0.5\t1000\nbatch\t2\nscore\tm3\tacc\t0.25\t1001\nscore\tm5\tacc\t0.25\t1001\n", 3 },
        { "batch\t2\nscore\tm3\tacc\t0.25\t1001\nscore\tm5\tacc\t0.25\t1001", 2 },
        { "score\tm1\tacc\t0.5\t1000\nbatch\t2\nscore\tm3\tacc\t0.25\t1001\n", 1 },
        { "score\tm1\tacc\t0.5\t1000\nbatch\t3\nscore\tm3\tacc\t0.25\t1001\nscore\tm5\tacc\t0.25\t1001\n", 1 },
        { "score\tm1\tacc\t0.5\t1000\nbatch\t2\nscore\tm3\tacc\t0.25\t1001\nscore\tm5\tacc\t0.2", 1 },
        /* five fields, but the time the start of the batch's: a crash cut
         * into it (journal.h), and opening drops the batch */
        { "score\tm1\tacc\t0.5\t1000\nbatch\t2\nscore\tm3\tacc\t0.25\t1001\nscore\tm5\tacc\t0.25\t10", 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f = fopen(orphan, "w");
        ck_assert_ptr_nonnull(f);
        fputs(cases[i].text, f);
        fclose(f);
        char *found = cs_journal_orphan(data, ds, &entries);
        if (cases[i].scores == 0) {
            ck_assert_msg(found == NULL, "case %zu: named %s", i, found);
        } else {
            ck_assert_msg(found != NULL, "case %zu: not named", i);
            ck_assert_str_eq(found, orphan);
        }
        ck_assert_msg(entries == cases[i].scores, "case %zu: %zu scores", i, entries);
        free(found);
    }
    /* The last case, read as a journal: the batch is a torn tail, m1's
     * score the one entry, as the count says. */
    {
        cs_dataset *as_read = make_data();
        cs_journal *oj;
        cs_journal_replay orep;
        cs_error oerr;
        ck_assert_msg(cs_journal_open_reader(orphan, as_read, &oj, &orep, &oerr) == 0, "%s", oerr.msg);
        ck_assert_uint_eq(orep.torn, 1);
        ck_assert_uint_eq(cs_journal_count(oj), 1);
        cs_journal_close(oj);
        cs_dataset_free(as_read);
    }
    /* The data file's own journal, replayed, gives m1 the same score: the
     * orphan (the last case's) holds nothing more. */
    cs_error err;
    ck_assert_int_eq(cs_dataset_set_score(ds, (size_t)cs_dataset_find_model(ds, "m1"), (size_t)task_acc(ds),
                                          0.5, &err), 0);
    ck_assert_ptr_null(cs_journal_orphan(data, ds, &entries));
    ck_assert_uint_eq(entries, 0);
    unlink(orphan);
    unlink(data);
    cs_dataset_free(ds);
}
END_TEST

/* With the data's own journal, an orphan's score counts only where merging
 * it before that journal (the way both faces give) would change the cell:
 * a cell the own journal scores keeps the own journal's score, whatever
 * the orphan held, so the merge done as advised leaves nothing to name. A
 * score the own journal took back by undo is no longer its own: the
 * orphan's comes back in the merge (the undo restores what was before). */
START_TEST(test_orphan_beside_its_data_s_own_journal)
{
    char data[600], orphan[600], own[600];
    snprintf(data, sizeof data, "%s/new.csv", tmpdir);
    snprintf(orphan, sizeof orphan, "%s/old.csv.journal", tmpdir);
    snprintf(own, sizeof own, "%s/new.csv.journal", tmpdir);
    cs_dataset *ds = make_data();
    FILE *f = fopen(data, "w");
    ck_assert_ptr_nonnull(f);
    fputs("model\n", f);
    fclose(f);
    f = fopen(orphan, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm3\tacc\t0.5\t1000\nscore\tm1\tacc\t0.5\t1000\n", f);
    fclose(f);
    /* m3 scored again on the new name, differently (a correction): the
     * data shows the own journal's 0.7, replayed. */
    f = fopen(own, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm3\tacc\t0.7\t2000\n", f);
    fclose(f);
    cs_error err;
    size_t m3 = (size_t)cs_dataset_find_model(ds, "m3"), acc = (size_t)task_acc(ds);
    ck_assert_int_eq(cs_dataset_set_score(ds, m3, acc, 0.7, &err), 0);
    size_t entries = 99;
    char *found = cs_journal_orphan(data, ds, &entries);
    ck_assert_ptr_nonnull(found);
    ck_assert_str_eq(found, orphan);
    ck_assert_uint_eq(entries, 1); /* m1's; m3 keeps 0.7 in a merge */
    free(found);
    /* The merge as both faces give it (the orphan's lines first), replayed:
     * m1 at 0.5, m3 at 0.7. Nothing more to bring in. */
    f = fopen(own, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm3\tacc\t0.5\t1000\nscore\tm1\tacc\t0.5\t1000\nscore\tm3\tacc\t0.7\t2000\n", f);
    fclose(f);
    ck_assert_int_eq(cs_dataset_set_score(ds, (size_t)cs_dataset_find_model(ds, "m1"), acc, 0.5, &err), 0);
    ck_assert_ptr_null(cs_journal_orphan(data, ds, &entries));
    ck_assert_uint_eq(entries, 0);
    /* An own journal whose m3 score was taken back holds no m3: the data
     * shows m3 unscored, and a merge would give it the orphan's 0.5. */
    f = fopen(own, "w");
    ck_assert_ptr_nonnull(f);
    fputs("score\tm3\tacc\t0.7\t2000\nundo\n", f);
    fclose(f);
    cs_dataset_free(ds);
    ds = make_data();
    found = cs_journal_orphan(data, ds, &entries);
    ck_assert_ptr_nonnull(found);
    ck_assert_uint_eq(entries, 2);
    free(found);
    unlink(own);
    unlink(orphan);
    unlink(data);
    cs_dataset_free(ds);
}
END_TEST

/* A last line without its line end that starts "batch<TAB>" is torn when
 * it is the start of a header (journal.h: batch <TAB> N, N >= 1, digits,
 * no leading zero): nothing after the tab yet, or digits so far. With a
 * count no writer writes (0, a leading zero, a sign, a blank, a letter,
 * more digits than any size_t holds) it is no crash's cut: an error at its
 * line, as any malformed last line, the file left as it is. Inside a batch
 * only the start of a score can be torn (the batch is one write of scores
 * alone): a cut "undo" or header there is an error too. */
START_TEST(test_batch_header_as_last_line)
{
    static const char first[] = "score\tm1\tacc\t0.5\t1700000000\n";
    static const char *const torn[] = { "b", "batch", "batch\t", "batch\t1", "batch\t12", "batch\t123456" };
    static const char *const bad[] = { "batch\t0", "batch\t01", "batch\t-1", "batch\t+1", "batch\t1 ",
                                       "batch\t1x", "batch\t2:", "batch\t99999999999999999999" };
    char text[128];
    for (size_t k = 0; k < sizeof torn / sizeof *torn; k++) {
        snprintf(text, sizeof text, "%s%s", first, torn[k]);
        write_raw(text, strlen(text));
        cs_dataset *ds = make_data();
        int t = task_acc(ds);
        cs_journal *j;
        size_t warn = 0;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == 0, "'%s': %s", torn[k], err.msg);
        ck_assert_msg(warn == 1, "'%s': %zu warnings", torn[k], warn);
        ck_assert(ds->tasks[t].has[1] && ds->tasks[t].y[1] == 0.5);
        ck_assert_int_eq(cs_journal_lines_at_open(j), 1);
        ck_assert_str_eq(read_all(jpath), text);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        snprintf(text, sizeof text, "%s%s", first, bad[k]);
        write_raw(text, strlen(text));
        cs_dataset *ds = make_data();
        cs_journal *j;
        size_t warn = 0;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == -1, "'%s': opened, %zu torn", bad[k], warn);
        ck_assert_msg(err.line == 2, "'%s': line %ld: %s", bad[k], err.line, err.msg);
        same_as_loaded(ds);
        ck_assert_str_eq(read_all(jpath), text);
        cs_dataset_free(ds);
    }
    /* Cut inside a batch: an undo or a header is none of its scores. */
    static const char *const in_batch[] = { "und", "undo", "batc", "batch\t1" };
    for (size_t k = 0; k < sizeof in_batch / sizeof *in_batch; k++) {
        snprintf(text, sizeof text, "%sbatch\t2\nscore\tm3\tacc\t0.25\t1700000001\n%s", first, in_batch[k]);
        write_raw(text, strlen(text));
        cs_dataset *ds = make_data();
        cs_journal *j;
        size_t warn = 0;
        cs_error err;
        ck_assert_msg(cs_journal_open(jpath, ds, &j, &warn, &err) == -1, "'%s': opened, %zu torn", in_batch[k], warn);
        ck_assert_msg(err.line == 4, "'%s': line %ld: %s", in_batch[k], err.line, err.msg);
        same_as_loaded(ds);
        cs_dataset_free(ds);
    }
    /* Where whole headers stop being counts, their starts stop being torn:
     * a header read with its line end and one read without it are the same
     * text, and opening must judge them alike (a count taken as one whole
     * leaves its batch a torn tail here, with no lines after it; refused,
     * the cut start is refused too). */
    for (int digits = 14; digits <= 17; digits++) {
        char count[24];
        memset(count, '9', (size_t)digits);
        count[digits] = '\0';
        int as_header = -1;
        for (int ended = 1; ended >= 0; ended--) {
            snprintf(text, sizeof text, "%sbatch\t%s%s", first, count, ended ? "\n" : "");
            write_raw(text, strlen(text));
            cs_dataset *ds = make_data();
            cs_journal *j;
            size_t warn = 0;
            cs_error err;
            int rc = cs_journal_open(jpath, ds, &j, &warn, &err);
            ck_assert_msg(rc == 0 ? warn == 1 : err.line == 2, "%d digits%s: rc %d, %zu torn, line %ld: %s", digits,
                          ended ? ", line end" : "", rc, warn, err.line, rc ? err.msg : "");
            if (ended)
                as_header = rc == 0;
            else
                ck_assert_msg(as_header == (rc == 0), "%d digits: %s with its line end, %s without", digits,
                              as_header ? "a torn batch" : "refused", rc == 0 ? "torn" : "refused");
            if (rc == 0)
                cs_journal_close(j);
            cs_dataset_free(ds);
        }
        if (digits == 14)
            ck_assert_msg(as_header, "a count of 14 digits refused");
    }
}
END_TEST

/* A batch of more than nine scores: its header's count has two digits,
 * read as the decimal number it is. The twelve lines after "batch\t12"
 * are the batch, whole, each an entry. */
START_TEST(test_batch_of_twelve)
{
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    cs_journal_score_item items[12];
    char names[12][8];
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], sizeof names[i], "m%d", 2 * i + 1); /* unscored rows */
        items[i] = (cs_journal_score_item){ names[i], "acc", (double)(i + 1) / 16.0 };
    }
    ck_assert_msg(cs_journal_score_all(j, ds, items, 12, NULL, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    cs_dataset_free(ds);
    ck_assert(strncmp(read_all(jpath), "batch\t12\n", 9) == 0);
    ds = make_data();
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert_uint_eq(cs_journal_count(j), 12);
    ck_assert_int_eq(cs_journal_lines_at_open(j), 13);
    for (int i = 0; i < 12; i++)
        ck_assert(ds->tasks[t].has[2 * i + 1] && ds->tasks[t].y[2 * i + 1] == (double)(i + 1) / 16.0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A header holding a NUL byte is said to be what it is: no text file. */
START_TEST(test_nul_in_a_header)
{
    static const char text[] = "batch\t2\0\nscore\tm3\tacc\t0.25\t1\nscore\tm5\tacc\t0.25\t1\n";
    write_raw(text, sizeof text - 1);
    cs_dataset *ds = make_data();
    cs_journal *j;
    cs_error err;
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_msg(err.line == 1 && strstr(err.msg, "NUL byte"), "%ld: %s", err.line, err.msg);
    cs_dataset_free(ds);
    /* and one in a batch's line, after a whole score */
    static const char in_line[] = "batch\t2\nscore\tm3\tacc\t0.25\t1\0x\nscore\tm5\tacc\t0.25\t1\n";
    write_raw(in_line, sizeof in_line - 1);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open(jpath, ds, &j, NULL, &err), -1);
    ck_assert_msg(err.line == 2 && strstr(err.msg, "NUL byte"), "%ld: %s", err.line, err.msg);
    same_as_loaded(ds);
    cs_dataset_free(ds);
}
END_TEST

/* A batch command's open waits its bound for a holder that is stopped
 * (journal.h: CS_JOURNAL_READ_WAIT_MS; only an append of the interface
 * does not wait for one): a Ctrl-Z'd capscope brought back with fg within
 * the wait lets go, and the open goes ahead. */
START_TEST(test_open_locked_waits_for_a_stopped_holder)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    pid_t holder = stopped_holder();
    int st;
    alarm(20);
    pid_t waker = fork();
    ck_assert(waker >= 0);
    if (waker == 0) {
        struct timespec nap = { 0, 300 * 1000 * 1000 };
        nanosleep(&nap, NULL);
        kill(holder, SIGCONT);
        _exit(0);
    }
    cs_dataset *ds = make_data();
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err;
    int rc = cs_journal_open_locked(jpath, ds, &j, &rep, 5000, &err);
    ck_assert(waitpid(waker, &st, 0) == waker);
    ck_assert(waitpid(holder, &st, 0) == holder);
    alarm(0);
    ck_assert_msg(rc == 0, "%s", err.msg);
    ck_assert(ds->tasks[task_acc(ds)].has[1]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* With no wait at all (cs_journal_set_lock_wait 0) behind a holder that
 * is running, the refusal says it did not wait, in words that read. */
START_TEST(test_lock_not_waited_for_says_so)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    int go[2];
    ck_assert(pipe(go) == 0);
    pid_t holder = fork();
    ck_assert(holder >= 0);
    if (holder == 0) {
        close(go[1]);
        int fd = open(jpath, O_RDWR);
        if (fd < 0 || flock(fd, LOCK_EX) != 0)
            _exit(1);
        char c;
        (void)!read(go[0], &c, 1); /* holds the lock until the parent's end of the pipe closes */
        _exit(0);
    }
    close(go[0]);
    alarm(20);
    cs_dataset *ds = make_data();
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_msg(cs_journal_open_replay(jpath, ds, &j, &rep, &err) == 0, "%s", err.msg);
    /* taken: the child's flock is in place once a try of ours fails */
    int probe = open(jpath, O_RDONLY);
    ck_assert(probe >= 0);
    while (flock(probe, LOCK_EX | LOCK_NB) == 0) {
        flock(probe, LOCK_UN);
        struct timespec nap = { 0, 1000 * 1000 };
        nanosleep(&nap, NULL);
    }
    close(probe);
    cs_journal_set_lock_wait(j, 0);
    ck_assert_int_eq(cs_journal_score(j, ds, "m3", "acc", 0.25, &err), -1);
    ck_assert_msg(strstr(err.msg, "nothing was done (not waited for)"), "%s", err.msg);
    close(go[1]);
    int st;
    ck_assert(waitpid(holder, &st, 0) == holder);
    alarm(0);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A reader holds no lock while it is open: the interface beside a batch
 * command that reads (capscope fit, score --list) saves its scores. */
START_TEST(test_reader_leaves_the_lock_free)
{
    append_raw("score\tm1\tacc\t0.5\t1700000000\n");
    cs_dataset *ds = make_data(), *other = make_data();
    cs_journal *r, *w;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_reader(jpath, ds, &r, &rep, &err), 0);
    ck_assert_int_eq(cs_journal_open_replay(jpath, other, &w, &rep, &err), 0);
    cs_journal_set_lock_wait(w, 200);
    ck_assert_msg(cs_journal_score(w, other, "m3", "acc", 0.25, &err) == 0, "%s", err.msg);
    cs_journal_close(w);
    cs_journal_close(r);
    cs_dataset_free(ds);
    cs_dataset_free(other);
}
END_TEST

/* Nor does a reader make the directory under $XDG_DATA_HOME that a
 * journal falls back to: it creates nothing (journal.h). */
START_TEST(test_reader_makes_no_directory)
{
    char xdg[600], dir[700], path[800];
    snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
    snprintf(dir, sizeof dir, "%s/capscope", xdg);
    snprintf(path, sizeof path, "%s/data.csv-0123456789abcdef.journal", dir);
    const char *old = getenv("XDG_DATA_HOME");
    char *saved = old ? strdup(old) : NULL;
    setenv("XDG_DATA_HOME", xdg, 1);
    cs_dataset *ds = make_data();
    cs_journal *j = NULL;
    cs_journal_replay rep;
    cs_error err;
    int rc = cs_journal_open_reader(path, ds, &j, &rep, &err);
    struct stat st;
    int made = stat(xdg, &st) == 0;
    rmdir(dir);
    rmdir(xdg);
    if (saved)
        setenv("XDG_DATA_HOME", saved, 1);
    else
        unsetenv("XDG_DATA_HOME");
    free(saved);
    cs_dataset_free(ds);
    ck_assert_int_eq(rc, 1);
    ck_assert_msg(!made, "the reader made %s", xdg);
}
END_TEST

/* Tails the next score must not cut: whole lines another capscope (or a
 * hand) appended since this journal read the file are no torn write, even
 * malformed ones: refused as changed, the file as it was. And what is one:
 * a dead writer's entry after this journal's last line, which had no line
 * end (the writer ends it first, in the same write), is cut, and the
 * score written on a line of its own. */
START_TEST(test_dead_tail_only_what_a_crash_leaves)
{
    static const char first[] = "score\tm1\tacc\t0.5\t1700000000\n";
    static const char *const whole[] = { "score\tm3\tacc\t0.25\n", "score\tm3\tacc\n", "undo\n" };
    for (size_t k = 0; k < sizeof whole / sizeof *whole; k++) {
        write_raw(first, sizeof first - 1);
        cs_dataset *ds = make_data();
        cs_journal *j;
        cs_journal_replay rep;
        cs_error err;
        ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
        append_raw(whole[k]);
        ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == -1, "'%s' cut", whole[k]);
        char expect[128];
        snprintf(expect, sizeof expect, "%s%s", first, whole[k]);
        ck_assert_str_eq(read_all(jpath), expect);
        cs_journal_close(j);
        cs_dataset_free(ds);
    }
    /* The last line without its end; the dead writer's "\n" then its start. */
    static const char unended[] = "score\tm1\tacc\t0.5\t1700000000";
    write_raw(unended, sizeof unended - 1);
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    append_raw("\nscore\tm9\tacc\t0.");
    ck_assert_msg(cs_journal_score(j, ds, "m5", "acc", 0.75, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    const char *text = read_all(jpath);
    ck_assert_msg(strncmp(text, "score\tm1\tacc\t0.5\t1700000000\nscore\tm5\tacc\t0.75\t", 45) == 0 &&
                      lines_in(text, strlen(text)) == 2, "%s", text);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert(ds->tasks[t].has[1] && ds->tasks[t].has[5] && !ds->tasks[t].has[9]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

/* A torn last line at opening, cut by another capscope that then died
 * writing a batch after it: this journal's next score cuts from where its
 * own torn line began (the batch is the tail now), and is written. */
START_TEST(test_dead_batch_where_a_torn_line_was)
{
    static const char first[] = "score\tm1\tacc\t0.5\t1700000000\n";
    char text[256];
    snprintf(text, sizeof text, "%sscore\tm3\tac", first);
    write_raw(text, strlen(text));
    cs_dataset *ds = make_data();
    int t = task_acc(ds);
    cs_journal *j;
    cs_journal_replay rep;
    cs_error err;
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 1);
    /* The other capscope: cut to the torn line's start, then a batch of
     * two, one line of it written. */
    snprintf(text, sizeof text, "%sbatch\t2\nscore\tm5\tacc\t0.75\t1700000001\n", first);
    write_raw(text, strlen(text));
    ck_assert_msg(cs_journal_score(j, ds, "m7", "acc", 0.125, &err) == 0, "%s", err.msg);
    cs_journal_close(j);
    const char *now = read_all(jpath);
    ck_assert_msg(strncmp(now, first, sizeof first - 1) == 0 &&
                      strncmp(now + sizeof first - 1, "score\tm7\tacc\t0.125\t", 19) == 0 &&
                      lines_in(now, strlen(now)) == 2, "%s", now);
    cs_dataset_free(ds);
    ds = make_data();
    ck_assert_int_eq(cs_journal_open_replay(jpath, ds, &j, &rep, &err), 0);
    ck_assert_uint_eq(rep.torn, 0);
    ck_assert(ds->tasks[t].has[7] && !ds->tasks[t].has[5] && !ds->tasks[t].has[3]);
    cs_journal_close(j);
    cs_dataset_free(ds);
}
END_TEST

static Suite *journal_suite(void)
{
    Suite *s = suite_create("journal");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_path_for);
    tcase_add_test(tc, test_open_makes_no_data_directory);
    tcase_add_test(tc, test_path_for_read_only_dirs);
    tcase_add_test(tc, test_path_for_prefers_an_existing_journal);
    tcase_add_test(tc, test_score_replay_undo);
    tcase_add_test(tc, test_scores_written_shortest);
    tcase_add_test(tc, test_names_round_trip);
    tcase_add_test(tc, test_torn_last_line);
    tcase_add_test(tc, test_reader_never_cuts_a_line_being_written);
    tcase_add_test(tc, test_line_ends_an_editor_leaves);
    tcase_add_test(tc, test_foreign_last_line_is_not_cut);
    tcase_add_test(tc, test_more_foreign_lines_are_refused);
    tcase_add_test(tc, test_last_line_of_an_empty_journal);
    tcase_add_test(tc, test_not_a_regular_file);
    tcase_add_test(tc, test_read_only_journal);
    tcase_add_test(tc, test_malformed_line_is_an_error);
    tcase_add_test(tc, test_scores_at_the_ends_of_0_1);
    tcase_add_test(tc, test_refused_journal_changes_nothing);
    tcase_add_test(tc, test_stale_entries_are_skipped);
    tcase_add_test(tc, test_stale_entries_without_err);
    tcase_add_test(tc, test_entries_in_effect);
    tcase_add_test(tc, test_score_all_is_all_or_nothing);
    tcase_add_test(tc, test_item_of_a_stale_entry);
    tcase_add_test(tc, test_open_locked_holds_the_lock);
    tcase_add_test(tc, test_catch_up_after_a_torn_line);
    tcase_add_test(tc, test_lock_wait_is_bounded);
    tcase_add_test(tc, test_short_write_leaves_no_fragment);
    tcase_add_test(tc, test_survives_kill_9);
    tcase_add_test(tc, test_one_score_is_one_line);
    tcase_add_test(tc, test_batch_cut_anywhere_counts_for_none);
    tcase_add_test(tc, test_batch_last_line_time_cut);
    tcase_add_test(tc, test_batch_cut_short_is_an_error);
    tcase_add_test(tc, test_catch_up_takes_a_batch_whole);
    tcase_add_test(tc, test_dead_writer_s_tail_is_cut_by_the_next_score);
    tcase_add_test(tc, test_torn_tail_replaced_by_as_many_bytes_is_not_cut);
    tcase_add_test(tc, test_catch_up_after_a_cr_takes_its_lf_as_the_same_line_end);
    tcase_add_test(tc, test_catch_up_of_text_glued_to_the_last_line);
    tcase_add_test(tc, test_reader_creates_and_writes_nothing);
    tcase_add_test(tc, test_batch_header_as_last_line);
    tcase_add_test(tc, test_batch_of_twelve);
    tcase_add_test(tc, test_nul_in_a_header);
    tcase_add_test(tc, test_open_locked_waits_for_a_stopped_holder);
    tcase_add_test(tc, test_lock_not_waited_for_says_so);
    tcase_add_test(tc, test_reader_leaves_the_lock_free);
    tcase_add_test(tc, test_reader_makes_no_directory);
    tcase_add_test(tc, test_dead_tail_only_what_a_crash_leaves);
    tcase_add_test(tc, test_dead_batch_where_a_torn_line_was);
    tcase_add_test(tc, test_kill_9_mid_batch);
    tcase_add_test(tc, test_two_writers_cannot_lose_a_score);
    tcase_add_test(tc, test_replaced_journal_takes_no_entry);
    tcase_add_test(tc, test_whole_bad_last_line_is_not_torn);
    tcase_add_test(tc, test_last_line_time_cut);
    tcase_add_test(tc, test_hand_written_short_time_is_whole);
    tcase_add_test(tc, test_mkdir_parents);
    tcase_add_test(tc, test_overrides_of_a_file_saved_since);
    tcase_add_test(tc, test_overrides_count_cells);
    tcase_add_test(tc, test_orphan_journal_of_a_renamed_file);
    tcase_add_test(tc, test_catch_up_takes_in_what_others_appended);
    tcase_add_test(tc, test_catch_up_whole_lines_only);
    tcase_add_test(tc, test_catch_up_sees_a_journal_replaced_at_its_name);
    tcase_add_test(tc, test_catch_up_sees_a_journal_edited_in_place);
    tcase_add_test(tc, test_edit_in_the_tick_of_the_times_noted);
    tcase_add_test(tc, test_catch_up_does_not_wait_for_the_lock);
    tcase_add_test(tc, test_open_waits_a_moment_for_a_writer);
    tcase_add_test(tc, test_orphan_counts_the_scores_in_effect);
    tcase_add_test(tc, test_orphan_beside_its_data_s_own_journal);
    tcase_add_test(tc, test_write_atomic);
    tcase_add_test(tc, test_xdg_path);
    tcase_add_test(tc, test_home_paths);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(journal_suite());
    /* The kill test forks on its own; run tests in this process. */
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
