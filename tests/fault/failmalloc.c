/* failmalloc.c - a test's allocator that fails on request, for LD_PRELOAD.
 *
 * Interposes malloc, calloc, realloc, reallocarray, strdup, strndup and the
 * aligned allocators, counting every call from the first one after the
 * library is loaded (the C library's own calls too: glibc's strdup,
 * open_memstream, fopen and qsort reach malloc through its public symbol,
 * which is what makes interposition work). Each call otherwise goes to the
 * next allocator (the C library's).
 *
 *   CAPSCOPE_FAIL_ALLOC=N        the Nth call (from 1) returns NULL with errno
 *                                ENOMEM; the calls before and after succeed.
 *   CAPSCOPE_ALLOC_COUNT=FILE    at exit, write the number of calls made to
 *                                FILE (those counted: see _FROM), so that a
 *                                test knows how far to count.
 *   CAPSCOPE_FAIL_ALLOC_TRACE=1  print the failed call's stack on stderr
 *                                (for finding which allocation it was).
 *   CAPSCOPE_FAIL_ALLOC_FROM=S   count (and fail) only the calls made from
 *                                a loaded object whose file name contains S
 *                                (libreadline): one library's Nth call,
 *                                which other threads' allocations do not
 *                                move, where the Nth of all calls would.
 *
 * The calls are counted, not their sizes: one binary, one environment and
 * one input make the same calls in the same order, so N names one
 * allocation site reproducibly (the batch commands are single-threaded).
 *
 * dlsym itself may call calloc (for its error state) before the real
 * allocator is known: those few calls are served from a static buffer,
 * which free ignores and realloc copies out of.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Exported allocator entry points: the interposition is the point. */
void *malloc(size_t n);
void *calloc(size_t count, size_t size);
void *realloc(void *p, size_t n);
void *reallocarray(void *p, size_t count, size_t size);
void free(void *p);
char *strdup(const char *s);
char *strndup(const char *s, size_t n);
int posix_memalign(void **out, size_t align, size_t n);
void *aligned_alloc(size_t align, size_t n);
void *memalign(size_t align, size_t n);

static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static void (*next_free)(void *);
static int (*next_posix_memalign)(void **, size_t, size_t);
static void *(*next_aligned_alloc)(size_t, size_t);
static void *(*next_memalign)(size_t, size_t);

/* dlsym's own allocations, before the real allocator is known. Each block
 * keeps its size in front so that realloc can copy it out. */
static alignas(max_align_t) unsigned char bootstrap[16384];
static size_t bootstrap_used;
static int resolving;

static atomic_long calls;
static long fail_at = -1;
static int trace;
static const char *count_path;
static const char *from_object;
/* Nonzero while the trace is printed: backtrace() may allocate (it loads
 * libgcc_s once), which must neither count nor fail. */
static _Thread_local int inside;

static int in_bootstrap(const void *p)
{
    const unsigned char *b = p;
    return b >= bootstrap && b < bootstrap + sizeof bootstrap;
}

static void *bootstrap_alloc(size_t n)
{
    size_t head = sizeof(max_align_t);
    size_t need = (head + n + head - 1) / head * head;
    if (need < n || bootstrap_used + need > sizeof bootstrap)
        return NULL;
    unsigned char *b = bootstrap + bootstrap_used;
    bootstrap_used += need;
    memcpy(b, &n, sizeof n);
    memset(b + head, 0, n);
    return b + head;
}

static size_t bootstrap_size(const void *p)
{
    size_t n;
    memcpy(&n, (const unsigned char *)p - sizeof(max_align_t), sizeof n);
    return n;
}

static void resolve(void)
{
    if (next_malloc || resolving)
        return;
    resolving = 1;
    next_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    next_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    next_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    next_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    next_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    next_aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    next_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
    const char *at = getenv("CAPSCOPE_FAIL_ALLOC");
    if (at && *at) {
        char *end;
        long v = strtol(at, &end, 10);
        if (*end == '\0' && v > 0)
            fail_at = v;
    }
    const char *t = getenv("CAPSCOPE_FAIL_ALLOC_TRACE");
    trace = t && *t && strcmp(t, "0") != 0;
    count_path = getenv("CAPSCOPE_ALLOC_COUNT");
    const char *from = getenv("CAPSCOPE_FAIL_ALLOC_FROM");
    from_object = from && *from ? from : NULL;
    resolving = 0;
}

/* Is the caller's code in the object CAPSCOPE_FAIL_ALLOC_FROM names (or
 * is no object named)? dladdr allocates nothing, but is kept out of the
 * count all the same. */
static int counted_caller(const void *caller)
{
    if (!from_object)
        return 1;
    inside = 1;
    Dl_info info;
    int found = dladdr(caller, &info) != 0 && info.dli_fname && strstr(info.dli_fname, from_object);
    inside = 0;
    return found;
}

/* Counts one call from caller; nonzero when it is the one to fail. */
static int should_fail_from(const void *caller)
{
    if (inside || !counted_caller(caller))
        return 0;
    long k = atomic_fetch_add(&calls, 1) + 1;
    if (k != fail_at)
        return 0;
    if (trace) {
        inside = 1;
        void *frames[64];
        int depth = backtrace(frames, 64);
        dprintf(2, "failmalloc: failing allocation %ld:\n", k);
        backtrace_symbols_fd(frames, depth, 2);
        inside = 0;
    }
    errno = ENOMEM;
    return 1;
}

__attribute__((destructor)) static void write_count(void)
{
    if (!count_path || !*count_path)
        return;
    int fd = open(count_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char text[32];
    int len = snprintf(text, sizeof text, "%ld\n", (long)atomic_load(&calls));
    if (len > 0 && write(fd, text, (size_t)len) != len) {
        /* a short count shows as a test failure; nothing to do here */
    }
    close(fd);
}

void *malloc(size_t n)
{
    resolve();
    if (!next_malloc)
        return bootstrap_alloc(n);
    if (should_fail_from(__builtin_return_address(0)))
        return NULL;
    return next_malloc(n);
}

void *calloc(size_t count, size_t size)
{
    resolve();
    if (!next_calloc) {
        if (size && count > SIZE_MAX / size)
            return NULL;
        return bootstrap_alloc(count * size);
    }
    if (should_fail_from(__builtin_return_address(0)))
        return NULL;
    return next_calloc(count, size);
}

/* realloc on behalf of caller (reallocarray's: its caller is the one
 * CAPSCOPE_FAIL_ALLOC_FROM looks at, not this file). */
static void *realloc_for(void *p, size_t n, const void *caller)
{
    resolve();
    if (!next_realloc)
        return NULL;
    if (should_fail_from(caller))
        return NULL;
    if (p && in_bootstrap(p)) {
        void *q = next_malloc(n ? n : 1);
        if (q) {
            size_t old = bootstrap_size(p);
            memcpy(q, p, old < n ? old : n);
        }
        return q;
    }
    return next_realloc(p, n);
}

void *realloc(void *p, size_t n)
{
    return realloc_for(p, n, __builtin_return_address(0));
}

void *reallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc_for(p, count * size, __builtin_return_address(0));
}

void free(void *p)
{
    if (!p || in_bootstrap(p))
        return;
    resolve();
    if (next_free)
        next_free(p);
}

/* malloc on behalf of caller (strdup's and strndup's). */
static void *malloc_for(size_t n, const void *caller)
{
    resolve();
    if (!next_malloc)
        return bootstrap_alloc(n);
    if (should_fail_from(caller))
        return NULL;
    return next_malloc(n);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc_for(n, __builtin_return_address(0));
    return d ? memcpy(d, s, n) : NULL;
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *d = malloc_for(len + 1, __builtin_return_address(0));
    if (!d)
        return NULL;
    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    if (!next_posix_memalign)
        return ENOMEM;
    if (should_fail_from(__builtin_return_address(0)))
        return ENOMEM;
    return next_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    if (!next_aligned_alloc || should_fail_from(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return next_aligned_alloc(align, n);
}

void *memalign(size_t align, size_t n)
{
    resolve();
    if (!next_memalign || should_fail_from(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return next_memalign(align, n);
}
