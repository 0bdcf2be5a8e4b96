/* namelist.c - names in messages (namelist.h). */
#include "capscope/namelist.h"
#include "data_internal.h" /* cs_utf8_floor, cs_ascii_lower */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The widest " and N more", N up to 20 digits (SIZE_MAX): kept free after
 * every listed name, so the count of the rest never has to push one out. */
#define TAIL_ROOM (sizeof " and " - 1 + 20 + sizeof " more" - 1)

const char *cs_quote_short(const char *s, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    size_t len = strlen(s);
    if (len < size) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    if (size < 4) {
        buf[0] = '\0';
        return buf;
    }
    size_t keep = cs_utf8_floor(s, size - 4);
    memcpy(buf, s, keep);
    memcpy(buf + keep, "...", 4);
    return buf;
}

const char *cs_shell_word(const char *s, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    size_t need = 2, plain = *s != '\0';
    for (const char *p = s; *p; p++) {
        plain = plain && (strchr("_-./:@%+=,", *p) || (*p >= '0' && *p <= '9') ||
                          (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
        need += *p == '\'' ? 4 : 1;
    }
    if (plain || need >= size)
        return cs_quote_short(s, buf, size);
    char *o = buf;
    *o++ = '\'';
    for (const char *p = s; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return buf;
}

void cs_namelist_init(cs_namelist *l, const char *want, size_t most, char *buf, size_t size)
{
    l->buf = buf;
    l->size = size;
    l->used = 0;
    l->most = most;
    l->n = 0;
    l->n_listed = 0;
    l->full = 0;
    if (size)
        buf[0] = '\0';
    cs_typo_init(&l->near, want);
}

void cs_namelist_add(cs_namelist *l, const char *name)
{
    l->n++;
    cs_typo_offer(&l->near, name);
    if (l->full || l->n_listed >= l->most)
        return;
    char shown[CS_NAMES_SHOWN];
    const char *sep = l->n_listed ? ", " : "";
    size_t len = strlen(sep) + strlen(cs_quote_short(name, shown, sizeof shown));
    if (l->used + len + TAIL_ROOM >= l->size) {
        l->full = 1; /* the rest are counted, in order, after the names that fit */
        return;
    }
    memcpy(l->buf + l->used, sep, strlen(sep));
    memcpy(l->buf + l->used + strlen(sep), shown, strlen(shown) + 1);
    l->used += len;
    l->n_listed++;
}

const char *cs_namelist_end(cs_namelist *l)
{
    size_t rest = l->n - l->n_listed;
    if (rest == 0 || l->size == 0)
        return l->buf;
    char tail[TAIL_ROOM + 1];
    int w = l->n_listed ? snprintf(tail, sizeof tail, " and %zu more", rest)
                        : snprintf(tail, sizeof tail, "%zu name%s", rest, rest == 1 ? "" : "s");
    /* All ASCII: it fits whole or not at all, as a name does. */
    if (w > 0 && l->used + (size_t)w < l->size) {
        memcpy(l->buf + l->used, tail, (size_t)w + 1);
        l->used += (size_t)w;
    }
    return l->buf;
}

/* The optimal string alignment distance of a and b (namelist.h's rule),
 * letters folded, or SIZE_MAX when it is over limit. Each cell is capped at
 * limit + 1: only whether a distance is within the limit matters, and the
 * cap passes through the recurrence's minimum unchanged, so three rows of
 * bytes hold it. Once two rows in a row are past the limit, every later
 * one is too (each cell draws on those two rows), and the loop stops. */
static size_t typo_edits(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
    unsigned char rows[3][CS_TYPO_LONGEST + 1];
    unsigned char *before = rows[0], *prev = rows[1], *cur = rows[2];
    const unsigned cap = (unsigned)limit + 1;
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (unsigned char)(j < cap ? j : cap);
    unsigned prev_low = 0;
    for (size_t i = 1; i <= na; i++) {
        int ca = cs_ascii_lower((unsigned char)a[i - 1]);
        unsigned low = cur[0] = (unsigned char)(i < cap ? i : cap);
        for (size_t j = 1; j <= nb; j++) {
            int cb = cs_ascii_lower((unsigned char)b[j - 1]);
            unsigned v = prev[j - 1] + (ca != cb);
            if (prev[j] + 1u < v)
                v = prev[j] + 1u;
            if (cur[j - 1] + 1u < v)
                v = cur[j - 1] + 1u;
            if (i > 1 && j > 1 && ca == cs_ascii_lower((unsigned char)b[j - 2]) &&
                cs_ascii_lower((unsigned char)a[i - 2]) == cb && before[j - 2] + 1u < v)
                v = before[j - 2] + 1u;
            cur[j] = (unsigned char)(v < cap ? v : cap);
            if (cur[j] < low)
                low = cur[j];
        }
        if (low >= cap && prev_low >= cap)
            return SIZE_MAX;
        prev_low = low;
        unsigned char *spare = before;
        before = prev;
        prev = cur;
        cur = spare;
    }
    return prev[nb] < cap ? prev[nb] : SIZE_MAX;
}

void cs_typo_init(cs_typo *t, const char *want)
{
    t->want = want;
    t->want_len = strlen(want);
    /* at most CS_TYPO_EDITS, and at most a third of the name: "ma" is not
     * a typo of "math", though two edits */
    t->limit = t->want_len / 3 < CS_TYPO_EDITS ? t->want_len / 3 : CS_TYPO_EDITS;
    t->best = SIZE_MAX;
    t->nearest = NULL;
    t->n_nearest = 0;
}

/* Whether the typed name begins candidate, letters folded, and is long
 * enough to mean it ("mmlu" for "MMLU (5-shot)"). */
static int typo_prefix(const cs_typo *t, const char *candidate, size_t n)
{
    if (t->want_len < CS_TYPO_PREFIX || t->want_len >= n)
        return 0;
    for (size_t i = 0; i < t->want_len; i++)
        if (cs_ascii_lower((unsigned char)t->want[i]) != cs_ascii_lower((unsigned char)candidate[i]))
            return 0;
    return 1;
}

/* A name the typed one begins, taken while no candidate is within the
 * edits: each counts as one edit more than the limit allows, so any name
 * within the edits replaces it, and two of them are ambiguous. */
static void offer_prefix(cs_typo *t, const char *candidate, size_t n)
{
    size_t rank = t->limit + 1;
    if (t->best < rank || !typo_prefix(t, candidate, n))
        return;
    if (t->best > rank) {
        t->best = rank;
        t->nearest = candidate;
        t->n_nearest = 1;
    } else if (strcmp(candidate, t->nearest) != 0)
        t->n_nearest++;
}

size_t cs_typo_offer(cs_typo *t, const char *candidate)
{
    size_t n = strlen(candidate);
    /* Nothing further than the nearest so far matters. */
    size_t limit = t->best < t->limit ? t->best : t->limit;
    size_t gap = n > t->want_len ? n - t->want_len : t->want_len - n;
    size_t d = SIZE_MAX;
    if (gap <= limit && n <= CS_TYPO_LONGEST && t->want_len <= CS_TYPO_LONGEST)
        d = typo_edits(t->want, t->want_len, candidate, n, limit);
    if (d == SIZE_MAX) {
        offer_prefix(t, candidate, n);
        return SIZE_MAX;
    }
    if (d < t->best) {
        t->best = d;
        t->nearest = candidate;
        t->n_nearest = 1;
    } else if (strcmp(candidate, t->nearest) != 0)
        t->n_nearest++;
    return d;
}

const char *cs_typo_guess(const cs_typo *t, const char *plural, char *buf, size_t size)
{
    char shown[CS_NAMES_SHOWN];
    if (!t->nearest)
        snprintf(buf, size, "%s", "");
    else if (t->n_nearest == 1)
        snprintf(buf, size, ": did you mean '%s'?", cs_quote_short(t->nearest, shown, sizeof shown));
    else
        snprintf(buf, size, ": %s %zu %s", t->best > t->limit ? "the start of" : "as near to",
                 t->n_nearest, plural);
    return buf;
}

const char *cs_unknown_task_text(const cs_namelist *tasks, char *buf, size_t size)
{
    char shown[CS_NAMES_SHOWN], guess[CS_NAMES_SHOWN + 32];
    cs_quote_short(tasks->near.want, shown, sizeof shown);
    if (tasks->n == 0)
        snprintf(buf, size, "'%s' (the data has no task column)", shown);
    else
        snprintf(buf, size, "'%s'%s (%s%s: %s)", shown, cs_typo_guess(&tasks->near, "tasks", guess, sizeof guess),
                 tasks->near.best == 0 && tasks->near.n_nearest == 1 ? "case differs; " : "",
                 tasks->n == 1 ? "task" : "tasks", tasks->buf);
    return buf;
}
