/* strpool.c - string storage for the dataset.
 *
 * A million model names as a million malloc() calls cost time and memory
 * overhead, so strings live in large blocks freed at once. Repeated strings
 * (base_model: 44 distinct values over 2409 rows in the OLL file) are
 * interned through an open-addressing hash set. The same hashing gives the
 * model-name index behind cs_dataset_find_model().
 */
#include "data_internal.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE 65536

typedef struct block {
    struct block *next;
    size_t used, size;
    char data[];
} block;

typedef struct intern_slot {
    uint64_t hash;
    char *str;    /* NULL: empty slot */
    size_t len;
} intern_slot;

struct cs_strpool {
    block *blocks;
    intern_slot *slots;
    size_t n_slots, n_used; /* n_slots is 0 or a power of two */
};

uint64_t cs_hash_string(const char *s, size_t len)
{
    /* FNV-1a, then a final mix so that the low bits used as the slot index
     * depend on every byte. */
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(0x100000001b3);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    return h;
}

cs_strpool *cs_strpool_new(void)
{
    return calloc(1, sizeof(cs_strpool));
}

void cs_strpool_free(cs_strpool *pool)
{
    if (!pool)
        return;
    for (block *b = pool->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(pool->slots);
    free(pool);
}

char *cs_strpool_copy(cs_strpool *pool, const char *s, size_t len)
{
    block *b = pool->blocks;
    if (!b || b->size - b->used < len + 1) {
        /* Long strings get a block of their own, behind the current one, so
         * the current block's free space is not wasted. */
        size_t size = len + 1 > BLOCK_SIZE / 4 ? len + 1 : BLOCK_SIZE;
        block *nb = malloc(sizeof(block) + size);
        if (!nb)
            return NULL;
        nb->used = 0;
        nb->size = size;
        if (b && size != BLOCK_SIZE) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            pool->blocks = nb;
        }
        b = nb;
    }
    char *dst = b->data + b->used;
    memcpy(dst, s, len);
    dst[len] = '\0';
    b->used += len + 1;
    return dst;
}

static int grow_slots(cs_strpool *pool)
{
    size_t n = pool->n_slots ? pool->n_slots * 2 : 256;
    intern_slot *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < pool->n_slots; i++) {
        intern_slot *old = &pool->slots[i];
        if (!old->str)
            continue;
        size_t j = (size_t)old->hash & (n - 1);
        while (slots[j].str)
            j = (j + 1) & (n - 1);
        slots[j] = *old;
    }
    free(pool->slots);
    pool->slots = slots;
    pool->n_slots = n;
    return 0;
}

char *cs_strpool_intern(cs_strpool *pool, const char *s, size_t len)
{
    if ((pool->n_used + 1) * 2 > pool->n_slots && grow_slots(pool) != 0)
        return NULL;
    uint64_t h = cs_hash_string(s, len);
    size_t mask = pool->n_slots - 1;
    size_t j = (size_t)h & mask;
    for (; pool->slots[j].str; j = (j + 1) & mask) {
        intern_slot *sl = &pool->slots[j];
        if (sl->hash == h && sl->len == len && memcmp(sl->str, s, len) == 0)
            return sl->str;
    }
    char *copy = cs_strpool_copy(pool, s, len);
    if (!copy)
        return NULL;
    pool->slots[j] = (intern_slot){ h, copy, len };
    pool->n_used++;
    return copy;
}

typedef struct name_slot {
    size_t row1;     /* row + 1; 0 is an empty slot */
    uint64_t hash;   /* compared before the strings: a million names probe fast */
} name_slot;

struct cs_name_index {
    size_t n_slots;  /* a power of two */
    name_slot *slots;
};

cs_name_index *cs_name_index_build(char *const *names, size_t n, cs_name_repeats *rep)
{
    if (rep)
        *rep = (cs_name_repeats){ 0, 0, 0 };
    cs_name_index *ix = malloc(sizeof *ix);
    if (!ix)
        return NULL;
    ix->n_slots = 16;
    while (ix->n_slots < 2 * n)
        ix->n_slots *= 2;
    ix->slots = calloc(ix->n_slots, sizeof *ix->slots);
    if (!ix->slots) {
        free(ix);
        return NULL;
    }
    size_t mask = ix->n_slots - 1;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = cs_hash_string(names[i], strlen(names[i]));
        size_t j = (size_t)h & mask;
        int duplicate = 0;
        for (; ix->slots[j].row1; j = (j + 1) & mask)
            if (ix->slots[j].hash == h && strcmp(names[ix->slots[j].row1 - 1], names[i]) == 0) {
                duplicate = 1; /* the first row keeps the name */
                break;
            }
        if (!duplicate)
            ix->slots[j] = (name_slot){ i + 1, h };
        else if (rep && names[i][0] && rep->n++ == 0) {
            rep->at = i;
            rep->first = ix->slots[j].row1 - 1;
        }
    }
    return ix;
}

long cs_name_index_find(const cs_name_index *ix, char *const *names, const char *name)
{
    size_t mask = ix->n_slots - 1;
    uint64_t h = cs_hash_string(name, strlen(name));
    for (size_t j = (size_t)h & mask; ix->slots[j].row1; j = (j + 1) & mask)
        if (ix->slots[j].hash == h && strcmp(names[ix->slots[j].row1 - 1], name) == 0)
            return (long)(ix->slots[j].row1 - 1);
    return -1;
}

void cs_name_index_free(cs_name_index *ix)
{
    if (!ix)
        return;
    free(ix->slots);
    free(ix);
}
