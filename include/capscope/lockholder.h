/* lockholder.h - who holds a flock(2) lock, and whether it is stopped.
 *
 * A capscope waiting for the journal's lock says which process holds it,
 * and the interface does not wait for one that is stopped (Ctrl-Z, kill
 * -STOP, a debugger), whose lock will not come. Linux tells through
 * /proc/locks and /proc/PID/stat; elsewhere, or when it cannot be told, the
 * holder is 0 ("another capscope").
 *
 * /proc/locks names a lock's file MAJOR:MINOR:INODE (hex, hex, decimal),
 * with the device of the file system, which stat's st_dev differs from on
 * btrfs subvolumes and overlays: an exact match wins, else the one lock on
 * an inode of that number (two or more such: none). The caller's own
 * locks (self) are not its holder's.
 */
#ifndef CAPSCOPE_LOCKHOLDER_H
#define CAPSCOPE_LOCKHOLDER_H

#include <stdio.h>

/* The process holding a flock lock on fd's file, *stopped 1 when it is
 * stopped; 0 (and *stopped 0) when that cannot be told. */
long cs_lock_holder(int fd, int *stopped);

/* The holder of a FLOCK lock on (major, minor, inode) among the lines of a
 * /proc/locks text read from f, leaving out self's: 0 when none. */
long cs_lock_holder_in(FILE *locks, unsigned major, unsigned minor, unsigned long long inode, long self);

#endif
