/* durable.h - where capscope's own files live, and names that survive a
 * power cut.
 *
 * fsync(2) of a file writes its data, not its name: a file (or directory)
 * just created, renamed or linked into place is only there after a crash
 * once the directory holding the name is synced too. The journal, the
 * session state, the history and exports all create names; they make
 * their directories and sync them here, one way. Both are best effort
 * where the file system cannot sync a directory: there is nothing better
 * to offer.
 */
#ifndef CAPSCOPE_DURABLE_H
#define CAPSCOPE_DURABLE_H

#include <stddef.h>

/* mkdir -p of the directory part of path (mode 0700), syncing the parent of
 * every directory it creates. 0, or -1 with errno set when a directory can
 * be neither made nor found. */
int cs_mkdir_parents(const char *path);

/* fsync the directory holding path ("." when path has no slash), after a
 * name was created, renamed or linked there. */
void cs_sync_dir_of(const char *path);

/* Put len bytes of data at path, all or nothing: a temporary file
 * (.capscope-XXXXXX, short so that any name the directory can hold can be
 * written) in path's directory, written whole and fsynced, then renamed
 * over path (replace) or linked to it, never replacing a file (not replace:
 * EEXIST; where the file system has no hard links, a rename after checking
 * that path is still free), and the directory synced. A regular file
 * replaced keeps its permission bits and, where allowed, its owner and
 * group; a new file gets 0666 less the umask. 0, or -1 with errno saying
 * why (EFBIG, ENOSPC, EIO for a write that stopped short with no reason)
 * and path as it was, no temporary file left. The directory must exist
 * (cs_mkdir_parents). */
int cs_write_atomic(const char *path, const void *data, size_t len, int replace);

/* The user's home: HOME when it is absolute, else the password file's
 * home (a relative HOME would mean wherever the program was started). The
 * caller frees; NULL with errno ENOENT (none to be found) or ENOMEM. */
char *cs_home_dir(void);

/* "~/x" as the home's x into buf (size bytes), as a shell would (the
 * home's trailing slashes left out: /home/u/x, not /home/u//x); any other
 * path, or one too long for buf, or no home, is returned as it is. */
const char *cs_path_expand_home(const char *path, char *buf, size_t size);

/* A path under the home shown short for a message: "/home/u/x" as "~/x"
 * in buf; any other path (or one too long for buf) is returned as it is. */
const char *cs_path_tilde(const char *path, char *buf, size_t size);

/* Where capscope keeps a kind of file, by the XDG Base Directory spec:
 * $VAR/capscope/NAME, or HOME/UNDER_HOME/capscope/NAME when VAR is unset,
 * empty or not absolute (the spec says to ignore a relative value), with
 * HOME the environment's when it is absolute and else the password file's
 * home of the user: a relative HOME would put the files wherever the
 * program was started; the base's trailing slashes are dropped (no "//"
 * in the path). NAME NULL gives the directory, .../capscope. The
 * caller frees; NULL with errno set (ENOENT: no home to be found, ENOMEM).
 * Never a shared directory such as /tmp: another user could create it
 * first and read or feed the files. */
char *cs_xdg_path(const char *var, const char *under_home, const char *name);

#endif
