/* Unit tests of lockholder.h: who holds a flock lock.
 *
 * The /proc/locks texts are written by hand in the kernel's format
 * (fs/locks.c, lock_get_status: "N: FLOCK  ADVISORY  WRITE PID MAJ:MIN:INO
 * 0 EOF", a blocked waiter's line with "-> " after the number); the live
 * test takes a lock in a child and asks for its holder from the parent.
 */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capscope/lockholder.h"

static long holder_in(const char *text, unsigned major, unsigned minor, unsigned long long inode, long self)
{
    FILE *f = fmemopen((void *)text, strlen(text), "r");
    ck_assert_ptr_nonnull(f);
    long pid = cs_lock_holder_in(f, major, minor, inode, self);
    fclose(f);
    return pid;
}

START_TEST(test_exact_device_and_inode)
{
    static const char text[] = "1: POSIX  ADVISORY  WRITE 700 fe:01:5678 0 EOF\n"
                               "2: FLOCK  ADVISORY  WRITE 800 fe:01:1234 0 EOF\n"
                               "2: -> FLOCK  ADVISORY  WRITE 900 fe:01:1234 0 EOF\n"
                               "3: FLOCK  ADVISORY  WRITE 1000 fe:01:5678 0 EOF\n";
    ck_assert_int_eq(holder_in(text, 0xfe, 0x01, 5678, 1), 1000); /* the POSIX lock is no flock */
    ck_assert_int_eq(holder_in(text, 0xfe, 0x01, 1234, 1), 800);  /* not the waiter */
    ck_assert_int_eq(holder_in(text, 0xfe, 0x01, 1234, 800), 0);  /* its own lock */
    ck_assert_int_eq(holder_in(text, 0xfe, 0x01, 99, 1), 0);
    /* 234 is the end of 1234's number, not an inode of that number. */
    ck_assert_int_eq(holder_in(text, 0xfe, 0x01, 234, 1), 0);
}
END_TEST

/* btrfs: stat gives a subvolume's anonymous device (00:2d), /proc/locks
 * the file system's (00:1f). One lock on an inode of the number is the
 * holder; two on different devices are not told apart; an exact match wins. */
START_TEST(test_device_differs)
{
    static const char one[] = "1: FLOCK  ADVISORY  WRITE 4242 00:1f:257 0 EOF\n";
    ck_assert_int_eq(holder_in(one, 0x00, 0x2d, 257, 1), 4242);
    static const char two[] = "1: FLOCK  ADVISORY  WRITE 4242 00:1f:257 0 EOF\n"
                              "2: FLOCK  ADVISORY  WRITE 4343 08:01:257 0 EOF\n";
    ck_assert_int_eq(holder_in(two, 0x00, 0x2d, 257, 1), 0);
    ck_assert_int_eq(holder_in(two, 0x08, 0x01, 257, 1), 4343);
}
END_TEST

/* A child takes the lock and stops: the parent names it, stopped; once it
 * goes on (and holds the lock, paused), not stopped. */
START_TEST(test_live_holder)
{
    if (access("/proc/locks", R_OK) != 0)
        return; /* not Linux: nothing to tell */
    char path[] = "/tmp/capscope-lockholder-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int own = open(path, O_RDONLY);
        if (own < 0 || flock(own, LOCK_EX) != 0)
            _exit(1);
        raise(SIGSTOP);
        pause();
        _exit(0);
    }
    int st;
    ck_assert(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st));
    int stopped = -1;
    ck_assert_int_eq(cs_lock_holder(fd, &stopped), pid);
    ck_assert_int_eq(stopped, 1);
    kill(pid, SIGCONT);
    ck_assert(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
    for (int i = 0; i < 200 && stopped; i++) { /* the state changes as it runs on into pause() */
        ck_assert_int_eq(cs_lock_holder(fd, &stopped), pid);
        if (stopped)
            usleep(10000);
    }
    ck_assert_int_eq(stopped, 0);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    /* Gone, and the lock with it. */
    ck_assert_int_eq(cs_lock_holder(fd, &stopped), 0);
    ck_assert_int_eq(stopped, 0);
    close(fd);
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lockholder");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_exact_device_and_inode);
    tcase_add_test(tc, test_device_differs);
    tcase_add_test(tc, test_live_holder);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
