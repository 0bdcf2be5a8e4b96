/* fnv.h - FNV-1a (64 bits) of text.
 *
 * The hash that names a file by another's path (a journal under
 * $XDG_DATA_HOME, an interface's session of a data file) and that the
 * sampler's groups start from: stable across runs and builds, which those
 * file names need; and of a journal's text as read, to tell an edit in
 * place from a touch. Start from CS_FNV1A_START; a string hashed in pieces
 * hashes as the pieces joined.
 */
#ifndef CAPSCOPE_FNV_H
#define CAPSCOPE_FNV_H

#include <stddef.h>
#include <stdint.h>

#define CS_FNV1A_START UINT64_C(14695981039346656037)

static inline uint64_t cs_fnv1a(uint64_t h, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++)
        h = (h ^ *c) * UINT64_C(1099511628211);
    return h;
}

/* The same over n bytes, which may hold NULs: a file's contents. */
static inline uint64_t cs_fnv1a_n(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * UINT64_C(1099511628211);
    return h;
}

#endif
