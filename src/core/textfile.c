/* textfile.c - reading a whole text file and refusing what is not UTF-8 text.
 *
 * Inputs are read whole: data files of a few hundred megabytes fit in memory
 * comfortably, and a buffer makes line numbers and multi-line quoted fields
 * trivial. Encoding problems are reported with what the user can do about
 * them, because "row has 1 fields" is a baffling way to learn that a
 * spreadsheet saved UTF-16.
 */
#include "data_internal.h"
#include "cancel.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* cancel is asked between two reads (not before the first, so that a
 * file read in one is asked nothing): a pipe whose writer never stops is
 * read until memory runs out otherwise, and a :load given up (Esc) while
 * its thread still read one went on filling memory after the interface had
 * said it was cancelled. A read takes at most CS_READ_PIECE bytes, so that
 * a large file on a slow mount is told (hooks' progress) and asked as it
 * is read, not once at its end. */
static int read_fd(int fd, size_t size_hint, unsigned flags, cs_cancel *cancel, const cs_load_hooks *hooks,
                   char **text, size_t *len)
{
    size_t cap = size_hint > 0 && size_hint < SIZE_MAX ? size_hint + 1 : 65536;
    size_t limit = flags & CS_READ_AT_MOST_HINT && size_hint > 0 ? size_hint : SIZE_MAX;
    char *buf = malloc(cap);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    size_t n = 0;
    for (;;) {
        if (n >= limit)
            break;
        if (n > 0 && cs_cancel_asked(cancel)) {
            free(buf);
            errno = ECANCELED;
            return -1;
        }
        if (n + 1 >= cap) {
            size_t ncap = cap * 2;
            char *nbuf = ncap > cap ? realloc(buf, ncap) : NULL;
            if (!nbuf) {
                free(buf);
                errno = ENOMEM;
                return -1;
            }
            buf = nbuf;
            cap = ncap;
        }
        size_t want = cap - 1 - n < limit - n ? cap - 1 - n : limit - n;
        if (want > CS_READ_PIECE)
            want = CS_READ_PIECE;
        ssize_t r = read(fd, buf + n, want);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(buf);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (hooks && hooks->progress)
            hooks->progress(hooks->progress_ctx, n, 0);
        if (flags & CS_READ_STOP_AT_NUL && memchr(buf + n - (size_t)r, '\0', (size_t)r))
            break;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

int cs_read_fd(int fd, size_t size_hint, unsigned flags, char **text, size_t *len)
{
    return read_fd(fd, size_hint, flags, NULL, NULL, text, len);
}

int cs_load_cancelled_error(cs_error *err)
{
    return cs_error_set(err, CS_ERR_CANCELLED, "", 0, "loading was cancelled");
}

int cs_read_text_file_hooked(const char *path, cs_cancel *cancel, const cs_load_hooks *hooks, char **text,
                             size_t *len, cs_error *err)
{
    *text = NULL;
    *len = 0;
    int is_stdin = strcmp(path, "-") == 0;
    /* O_NOCTTY: a terminal named as a file is refused below, and must not
     * become the controlling terminal of a process without one first. */
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot open", errno);
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", errno);
        goto fail_fd;
    }
    if (S_ISDIR(st.st_mode)) {
        cs_error_set(err, CS_ERR_INPUT, path, 0, "is a directory, not a file");
        goto fail_fd;
    }
    /* A terminal named as a file (/dev/tty) is no data, and the
     * interface's :load read it in a thread of its own, taking the keys
     * (Esc, q) from the interface on the same terminal. Standard input
     * ("-") may still be typed in. */
    if (!is_stdin && isatty(fd)) {
        cs_error_set(err, CS_ERR_INPUT, path, 0, "is a terminal, not a file");
        goto fail_fd;
    }
    /* Regular files announce their size; pipes and terminals grow the buffer. */
    size_t hint = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
    if (read_fd(fd, hint, CS_READ_AT_MOST_HINT | CS_READ_STOP_AT_NUL, cancel, hooks, text, len) != 0) {
        int e = errno;
        if (e == ECANCELED)
            cs_load_cancelled_error(err);
        else if (e == ENOMEM)
            cs_error_set(err, CS_ERR_RUNTIME, path, 0, "out of memory reading the file");
        else if (e == EISDIR)
            cs_error_set(err, CS_ERR_INPUT, path, 0, "is a directory, not a file");
        else
            cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", e);
        goto fail_fd;
    }
    if (!is_stdin)
        close(fd);
    return 0;

fail_fd:
    if (!is_stdin)
        close(fd);
    return -1;
}

int cs_read_text_file(const char *path, char **text, size_t *len, cs_error *err)
{
    return cs_read_text_file_hooked(path, NULL, NULL, text, len, err);
}

long cs_line_of_offset(const char *text, size_t pos)
{
    long line = 1;
    for (size_t i = 0; i < pos; i++) {
        if (text[i] == '\n')
            line++;
        else if (text[i] == '\r' && text[i + 1] != '\n')
            line++;
    }
    return line;
}

