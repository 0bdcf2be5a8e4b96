/* durable.h - names that survive a power cut.
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

/* mkdir -p of the directory part of path (mode 0700), syncing the parent of
 * every directory it creates. 0, or -1 with errno set when a directory can
 * be neither made nor found. */
int cs_mkdir_parents(const char *path);

/* fsync the directory holding path ("." when path has no slash), after a
 * name was created, renamed or linked there. */
void cs_sync_dir_of(const char *path);

#endif
