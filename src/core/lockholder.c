/* lockholder.c - who holds a flock(2) lock: /proc/locks, /proc/PID/stat. */
#include "capscope/lockholder.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

long cs_lock_holder_in(FILE *locks, unsigned major, unsigned minor, unsigned long long inode, long self)
{
    char line[256], want[64], ino[32];
    snprintf(want, sizeof want, "%02x:%02x:%llu", major, minor, inode);
    snprintf(ino, sizeof ino, ":%llu", inode);
    size_t il = strlen(ino);
    long exact = 0, by_inode = 0;
    int n_by_inode = 0;
    while (fgets(line, sizeof line, locks)) {
        /* "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF"; a waiter's line
         * has "->" after the number, so its second word is no FLOCK. */
        char kind[16], dev[64];
        long p;
        if (sscanf(line, "%*s %15s %*s %*s %ld %63s", kind, &p, dev) != 3 || strcmp(kind, "FLOCK") != 0 ||
            p == self)
            continue;
        if (!exact && strcmp(dev, want) == 0)
            exact = p;
        size_t dl = strlen(dev);
        /* ":5678" after a device: the inode's number whole, not its end. */
        if (dl > il && strcmp(dev + dl - il, ino) == 0) {
            by_inode = p;
            n_by_inode++;
        }
    }
    return exact ? exact : n_by_inode == 1 ? by_inode : 0;
}

long cs_lock_holder(int fd, int *stopped)
{
    *stopped = 0;
    struct stat st;
    FILE *f = fstat(fd, &st) == 0 ? fopen("/proc/locks", "r") : NULL;
    if (!f)
        return 0;
    long pid = cs_lock_holder_in(f, major(st.st_dev), minor(st.st_dev), (unsigned long long)st.st_ino,
                                 (long)getpid());
    fclose(f);
    if (pid > 0) {
        char stat_path[64], text[512];
        snprintf(stat_path, sizeof stat_path, "/proc/%ld/stat", pid);
        FILE *s = fopen(stat_path, "r");
        if (s) {
            /* "pid (comm) S ...": the state after the last ')' (a name may
             * hold one); T stopped by a signal, t by a debugger. */
            size_t n = fread(text, 1, sizeof text - 1, s);
            text[n] = '\0';
            const char *paren = strrchr(text, ')');
            *stopped = paren && paren[1] == ' ' && (paren[2] == 'T' || paren[2] == 't');
            fclose(s);
        }
    }
    return pid;
}
