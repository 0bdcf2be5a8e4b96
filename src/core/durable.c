/* durable.c - where capscope's own files live, and names that survive a
 * power cut (durable.h). */
#include "capscope/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void cs_sync_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t len = slash ? (slash == path ? 1 : (size_t)(slash - path)) : 1;
    char *dir = malloc(len + 1);
    if (!dir)
        return;
    memcpy(dir, slash ? path : ".", len);
    dir[len] = '\0';
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(dir);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
}

int cs_mkdir_parents(const char *path)
{
    size_t len = strlen(path);
    char *d = malloc(len + 1);
    if (!d) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(d, path, len + 1);
    int rc = 0;
    /* From d, not d + 1, which is past the end of "": the root is skipped
     * as the slash at d. */
    for (char *p = d; *p && rc == 0; p++) {
        if (*p != '/' || p == d)
            continue;
        *p = '\0';
        if (mkdir(d, 0700) == 0)
            cs_sync_dir_of(d);
        else if (errno != EEXIST)
            rc = -1;
        *p = '/';
    }
    int saved = errno;
    free(d);
    errno = saved;
    return rc;
}

#define TEMP_NAME ".capscope-XXXXXX"

/* Create a new temporary file named after tmp's template (its last six
 * characters), open for writing. Not mkstemp: it makes the file 0600, and
 * the mode a new file should have (0666 less the umask) can only be learnt
 * by setting the umask, for the whole process, under the TUI's worker
 * thread. open() with O_EXCL applies the umask itself. */
static int open_temp(char *tmp)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    char *x = tmp + strlen(tmp) - 6;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30) ^ ((uint64_t)getpid() << 40) ^
                    (uint64_t)(uintptr_t)&ts;
    for (int attempt = 0; attempt < 1000; attempt++) {
        /* splitmix64: any two names differ however close the seeds. */
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        for (int i = 0; i < 6; i++, z /= 62)
            x[i] = alphabet[z % 62];
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* Give the finished temporary file its name, never replacing a file that is
 * there (EEXIST). The temporary name is gone either way. */
static int publish_new(const char *tmp, const char *path)
{
    int rc = link(tmp, path);
    int e = errno;
    /* File systems without hard links (FAT, some network and FUSE ones)
     * refuse link(); there a rename after checking is the best there is, and
     * only a file created in the instant between the two could be lost. */
    struct stat st;
    if (rc < 0 && (e == EPERM || e == EOPNOTSUPP || e == ENOSYS || e == EMLINK) && lstat(path, &st) < 0 &&
        errno == ENOENT) {
        if (rename(tmp, path) == 0)
            return 0;
        e = errno;
    }
    unlink(tmp);
    errno = e;
    return rc < 0 ? -1 : 0;
}

int cs_write_atomic(const char *path, const void *data, size_t len, int replace)
{
    struct stat st;
    int keep = replace && lstat(path, &st) == 0 && S_ISREG(st.st_mode);
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = malloc(dlen + sizeof TEMP_NAME);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(tmp, path, dlen);
    memcpy(tmp + dlen, TEMP_NAME, sizeof TEMP_NAME);
    int fd = open_temp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    int e = 0;
    if (keep) {
        /* Owner first: fchown() clears the set-id bits fchmod() restores.
         * Only root may give a file away; for anyone else failing is
         * harmless, the file stays theirs. */
        if (fchown(fd, st.st_uid, st.st_gid) < 0) {
        }
        if (fchmod(fd, st.st_mode & 07777) < 0)
            e = errno;
    }
    const char *p = data;
    size_t off = 0;
    while (off < len && !e) {
        ssize_t w = write(fd, p + off, len - off);
        if (w > 0)
            off += (size_t)w;
        else if (w == 0)
            e = EIO; /* no progress and no reason given: errno would be stale */
        else if (errno != EINTR)
            e = errno;
    }
    if (!e && fsync(fd) < 0)
        e = errno;
    if (close(fd) < 0 && !e)
        e = errno;
    if (e) {
        unlink(tmp);
    } else if (replace) {
        if (rename(tmp, path) < 0) {
            e = errno;
            unlink(tmp);
        }
    } else if (publish_new(tmp, path) < 0) {
        e = errno;
    }
    free(tmp);
    if (e) {
        errno = e;
        return -1;
    }
    cs_sync_dir_of(path);
    return 0;
}

/* The password file's home of the user (caller frees), or NULL with
 * errno ENOMEM when memory ran out, ENOENT when there is none. The _r
 * form: getpwuid's static result would race with any other caller. */
static char *passwd_home(void)
{
    long max = sysconf(_SC_GETPW_R_SIZE_MAX);
    size_t size = max > 0 ? (size_t)max : 1024;
    for (;;) {
        char *buf = malloc(size);
        if (!buf) {
            errno = ENOMEM;
            return NULL;
        }
        struct passwd pw, *found = NULL;
        int rc = getpwuid_r(getuid(), &pw, buf, size, &found);
        if (rc == ERANGE && size < (1u << 20)) {
            free(buf);
            size *= 2;
            continue;
        }
        char *home = NULL;
        int none = !(rc == 0 && found && pw.pw_dir && pw.pw_dir[0] == '/');
        if (!none)
            home = strdup(pw.pw_dir);
        free(buf);
        errno = none ? ENOENT : home ? 0 : ENOMEM;
        return home;
    }
}

char *cs_home_dir(void)
{
    const char *home = getenv("HOME");
    if (home && home[0] == '/') {
        char *out = strdup(home);
        if (!out)
            errno = ENOMEM;
        return out;
    }
    return passwd_home(); /* errno ENOMEM or ENOENT when NULL */
}

/* The home's length without its trailing slashes (HOME=/home/u/: ~/x is
 * /home/u/x, not /home/u//x); "/" stays itself. */
static size_t home_len(const char *home)
{
    size_t hl = strlen(home);
    while (hl > 1 && home[hl - 1] == '/')
        hl--;
    return hl;
}

const char *cs_path_expand_home(const char *path, char *buf, size_t size)
{
    if (path[0] != '~' || path[1] != '/')
        return path;
    char *home = cs_home_dir();
    if (!home)
        return path;
    size_t hl = home_len(home);
    int n = snprintf(buf, size, "%.*s%s", (int)hl, home, path + 1);
    free(home);
    return n >= 0 && (size_t)n < size ? buf : path;
}

const char *cs_path_tilde(const char *path, char *buf, size_t size)
{
    char *home = cs_home_dir();
    size_t hl = home ? home_len(home) : 0;
    int under = hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/';
    free(home);
    if (!under)
        return path;
    int n = snprintf(buf, size, "~%s", path + hl);
    return n >= 0 && (size_t)n < size ? buf : path;
}

char *cs_xdg_path(const char *var, const char *under_home, const char *name)
{
    const char *base = getenv(var);
    const char *under = "";
    char *owned = NULL;
    if (!base || base[0] != '/') {
        under = under_home;
        base = owned = cs_home_dir();
        if (!base)
            return NULL; /* errno set */
    }
    /* XDG_DATA_HOME=/d/ or HOME=/home/u/ gave /d//capscope/..., the path
     * that score --list prints and a script compares: its slashes are
     * dropped as cs_path_tilde drops them ("/" is itself, and adds none). */
    size_t bl = home_len(base);
    size_t size = bl + strlen(under) + (name ? strlen(name) : 0) + sizeof "//capscope/";
    char *out = malloc(size);
    if (out)
        snprintf(out, size, "%.*s%s%s/capscope%s%s", bl == 1 ? 0 : (int)bl, base, *under ? "/" : "", under,
                 name ? "/" : "", name ? name : "");
    free(owned);
    if (!out)
        errno = ENOMEM;
    return out;
}
