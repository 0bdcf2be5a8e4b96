/* fuzz.h - what every harness shares: the libFuzzer entry point and helpers.
 *
 * The same harness sources build two ways: with clang -fsanitize=fuzzer for
 * `make fuzz`, and with the normal compiler plus replay_main.c for `make
 * check`, which replays the seed corpus (and every crash found so far). A
 * harness aborts when a parser breaks its own contract, so that broken
 * invariants count as crashes, not only memory errors.
 */
#ifndef CAPSCOPE_FUZZ_H
#define CAPSCOPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with a message: the fuzzer saves the input, the replay test fails. */
#define FUZZ_ASSERT(cond)                                                                   \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);     \
            abort();                                                                        \
        }                                                                                   \
    } while (0)

/* The input as a C string for the APIs that take one: a copy cut at the
 * first NUL, in a buffer of exactly the needed size so that AddressSanitizer
 * sees any read past its end. NULL when out of memory. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul ? (size_t)(nul - data) : size;
    char *s = malloc(n + 1);
    if (!s)
        return NULL;
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

#endif
