/* namelist.h - names in messages: one name shortened, a list of them, and
 * the nearest to a mistyped one.
 *
 * A refusal of an unknown name answers with the names there are, "(tasks:
 * reasoning, math, code and 5 more)", and the one the user most likely
 * meant. Both faces build that answer here, so that `capscope --task mth`
 * and the interface's `:task mth` word it alike: at most CS_NAMES_LISTED
 * names, each shortened by cs_quote_short (names come from CSV headers and
 * file names, and can be megabytes long), in the order they were added,
 * then " and N more"; the nearest by cs_typo's rule (below) over every
 * name added, listed or not.
 *
 * The list is cut at a whole name, never inside one: a name is listed only
 * while room remains after it for the widest " and N more", so the count
 * of the rest always fits and the text is always valid UTF-8 when the
 * names are. No allocation; the caller owns the buffer.
 */
#ifndef CAPSCOPE_NAMELIST_H
#define CAPSCOPE_NAMELIST_H

#include <stddef.h>

/* "Did you mean": the name a mistyped one most likely meant, one face's
 * rule for task, model and command names alike. Offer every candidate to
 * cs_typo_offer(); a candidate counts when it is within CS_TYPO_EDITS edits
 * of the typed name (an insertion, deletion, substitution or a swap of two
 * neighbours, letters folded by cs_ascii_lower, dataset.h) and its edits are at most a
 * third of the typed name's bytes; a case-only difference is 0 edits and
 * always counts. Failing any such, a candidate that the typed name begins
 * (letters folded, at least CS_TYPO_PREFIX bytes typed: "mmlu" for "MMLU
 * (5-shot)") counts as one edit past the limit. The nearest wins; `nearest`
 * is the first candidate offered
 * at that distance and `n_nearest` counts the distinct names there, so that
 * a caller can refuse an ambiguous guess. A candidate whose length differs
 * by more than the limit costs a comparison of lengths only, and names
 * longer than CS_TYPO_LONGEST bytes are never guesses, so thousands of
 * model names stay cheap. No allocation; want must outlive the struct. */
#define CS_TYPO_EDITS 2
#define CS_TYPO_LONGEST 255
#define CS_TYPO_PREFIX 3
typedef struct cs_typo {
    const char *want;
    size_t want_len;
    size_t limit;        /* most edits that still count */
    size_t best;         /* edits of the nearest; SIZE_MAX while none counts */
    const char *nearest; /* NULL while none counts */
    size_t n_nearest;    /* distinct names at `best` */
} cs_typo;

void cs_typo_init(cs_typo *t, const char *want);

/* The edits from the typed name to candidate when it counts (and it is
 * then taken into nearest / n_nearest), else SIZE_MAX. */
size_t cs_typo_offer(cs_typo *t, const char *candidate);

/* The guess as a refusal says it, after the typed name: ": did you mean
 * 'math'?" for one nearest name; for several tied, which one would be a
 * coin toss, so it says how many there are: ": the start of 2 tasks" when
 * the typed name only begins them ("mmlu" of mmlu_pro and mmlu_redux),
 * ": as near to 2 tasks" when they are as many edits away; "" for none.
 * `plural` names the kind ("tasks"). Returns buf. */
const char *cs_typo_guess(const cs_typo *t, const char *plural, char *buf, size_t size);

/* `s` shortened to fit buf for a message ("..." appended when cut, never
 * splitting a UTF-8 sequence): values can be megabytes long. A size below
 * 4 leaves room for no "...", and a name that does not fit is then "".
 * Returns buf. */
const char *cs_quote_short(const char *s, char *buf, size_t size);

/* `s` as one word of a shell command that a message offers (--task NAME):
 * as it is when every byte is a letter, a digit or one of _-./:@%+=, and
 * else in single quotes, a ' written '\'' ("--task 'MMLU (5-shot)'"), so
 * that the command can be pasted as it stands. A quoted word too long for
 * buf is left unquoted and shortened as cs_quote_short does. Returns buf. */
const char *cs_shell_word(const char *s, char *buf, size_t size);

#define CS_NAMES_LISTED 8  /* names a refusal lists before " and N more" */
#define CS_NAMES_SHOWN 40  /* bytes of one listed name with its NUL ("..." included when cut) */

typedef struct cs_namelist {
    char *buf;          /* the list so far, always NUL-terminated */
    size_t size, used;
    size_t most;        /* names listed at most */
    size_t n;           /* names added */
    size_t n_listed;    /* names in buf */
    int full;           /* a name did not fit: no later one is listed either */
    cs_typo near;       /* the nearest to want among every name added */
} cs_namelist;

/* Start an empty list in buf (size >= 1) of at most `most` names; want is
 * the mistyped name, and must outlive the list as cs_typo's does. */
void cs_namelist_init(cs_namelist *l, const char *want, size_t most, char *buf, size_t size);

/* Count name, offer it to the nearest, and list it when it is among the
 * first `most` and fits. name need only live as long as l->near may be read
 * (it is l->near.nearest when nearest). */
void cs_namelist_add(cs_namelist *l, const char *name);

/* Close the list: " and N more" after the listed names when some were not
 * listed; "N names" (or "1 name") when none fitted at all; "" when none
 * was added. Returns l->buf. */
const char *cs_namelist_end(cs_namelist *l);

/* The refusal of an unknown task's name after its first words ("no task",
 * "unknown column"), one text for both faces and capscope score: "'mth':
 * did you mean 'math'? (tasks: reasoning, math, code)", "'Math': did you
 * mean 'math'? (case differs; tasks: ...)", "'mmlu': the start of 2 tasks
 * (tasks: ...)", "'xyz' (tasks: ...)", and "'x' (the data has no task
 * column)" when none was added. tasks is closed (cs_namelist_end) and was
 * started with want; the names are shortened as cs_quote_short does.
 * CS_UNKNOWN_TASK_TEXT holds any. Returns buf. */
#define CS_UNKNOWN_TASK_TEXT 640
const char *cs_unknown_task_text(const cs_namelist *tasks, char *buf, size_t size);

#endif
