/* durable.c - names that survive a power cut (durable.h). */
#include "capscope/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
