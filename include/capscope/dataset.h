/* dataset.h - the table of models, as a column store.
 *
 * A dataset is loaded once from RFC 4180 CSV (quotes, embedded commas and
 * quotes, CRLF or LF, a UTF-8 BOM, blank lines) and is then read-only except
 * for cs_dataset_set_score(), which the journal uses. Column roles (model,
 * flops, date, cost, base model) are resolved by default names or by a
 * cs_config (config.h). Task columns are the explicitly named ones, or else
 * every other column with at least one value whose non-empty values are all
 * numbers in [0, 1] and not all 0/1 flags.
 *
 * Rows whose flops are empty or <= 0, or written (or derived) positive but
 * nearer 0 than a double holds (1e-400), are dropped and counted in
 * n_dropped_flops (the latter in n_tiny_flops too); any other number no
 * double holds (1e400 anywhere, derived flops as large, 1e-400 as a score
 * or cost) is refused in number.h's words (cs_number_beyond_text). Every
 * other malformed input is an error carrying FILE:LINE. Missing scores are
 * explicit (has[i] == 0), never NaN: the dataset holds no NaN and no
 * infinity anywhere.
 */
#ifndef CAPSCOPE_DATASET_H
#define CAPSCOPE_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "capscope/config.h"
#include "capscope/date.h"
#include "capscope/error.h"

#define CS_MIN_TASK_ROWS 4    /* fewer usable rows than this is an input error */

/* How names fold: lower case in ASCII only, so that the TUI (which runs in
 * the user's LC_CTYPE) and the batch commands group, order and match names
 * alike in every locale (tolower('I') is not 'i' in a Turkish locale). */
static inline int cs_ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* strncmp and strcmp of the texts folded by cs_ascii_lower: strcasecmp
 * follows the locale, and the TUI runs in the user's. */
static inline int cs_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        int ca = cs_ascii_lower((unsigned char)*a), cb = cs_ascii_lower((unsigned char)*b);
        if (ca != cb || ca == 0)
            return (ca > cb) - (ca < cb);
    }
    return 0;
}

static inline int cs_ascii_casecmp(const char *a, const char *b)
{
    return cs_ascii_ncasecmp(a, b, (size_t)-1);
}

typedef struct cs_task {
    char *name;
    double *y;            /* n_rows scores in [0, 1]; 0 where has[i] == 0 */
    unsigned char *has;   /* 1 where the row is scored */
    size_t n_scored;      /* number of rows with has[i] == 1 */
} cs_task;

typedef struct cs_dataset {
    char *source;         /* file name as given by the user, "-" for stdin, "demo" */
    size_t n_rows;        /* rows kept */
    char **model;         /* n_rows names, never NULL */
    char **base_model;    /* n_rows strings ("" when unknown); NULL if no such column */
    double *flops;        /* absolute FLOPs, > 0 */
    double *z;            /* log10(flops) */
    int32_t *date;        /* day numbers (date.h), or CS_NO_DATE */
    char *date_column;    /* header name of the column the dates came from; NULL: none */
    double *cost;         /* evaluation cost (params_b by default); 0 where !has_cost */
    unsigned char *has_cost;
    long *line;           /* source line of each kept row, for messages */
    size_t n_tasks;
    cs_task *tasks;
    size_t n_dropped_flops; /* rows skipped: flops missing, <= 0 or nearer 0 than a double holds */
    size_t n_tiny_flops;    /* of those, flops written or derived positive that no double holds (1e-400) */
    size_t n_derived_flops; /* rows kept whose flops came from derive_flops (config.h) */
    long header_line;     /* line of the header row */
    /* What the loader noticed but did not refuse, one message each in the
     * form "FILE[:LINE]: what": a column of scores left out of the tasks by
     * a few values that are not scores, a model name given twice, flops in
     * the wrong unit, rows skipped for want of flops. The faces show them
     * as warnings. */
    char **warnings;
    size_t n_warnings;
    /* The loader's string storage and model index. A dataset built by hand
     * leaves it NULL; cs_dataset_free() then frees each string (model[i],
     * base_model[i], task names) and array with free(). */
    struct cs_dataset_store *store;
} cs_dataset;

/* Load a CSV file ("-" = standard input). cfg may be NULL for default roles.
 * On success *out owns everything and must be freed with cs_dataset_free.
 *
 * Every cell of a column in use (a role, a task, a derive_flops input) is
 * checked in every row, dropped rows included. Explicit tasks (cfg->tasks)
 * must exist and hold only numbers in [0, 1] (after score_scale), and each
 * must keep at least CS_MIN_TASK_ROWS scored rows (unless cfg->sparse_tasks).
 * Auto-detected tasks can
 * have fewer: callers that fit all tasks check n_scored themselves. No task
 * at all is an error. The role columns, the derive_flops inputs and columns
 * named model, flops, date, params_b, base_model, tokens_t, source, lab,
 * creator or aa_id, in any case, and pandas' names of columns without
 * one ("Unnamed: 0", an index read back), are never auto-detected. A column that is
 * not a task for a few values that are not scores, and repeated model
 * names, are not errors: they are described in ds->warnings. */
int cs_dataset_load(const char *path, const cs_config *cfg, cs_dataset **out, cs_error *err);

/* What a caller that loads a large file off its input loop (the TUI's
 * :load) needs: how far the load is, to show it, and a way to stop it.
 * Either may be NULL. progress(progress_ctx, bytes, records) is told the
 * bytes of the file read so far after each read of it (records 0; a file
 * is read in pieces of at most CS_READ_PIECE bytes, so that one on a slow
 * mount or a pipe shows how far it is), then the CSV records parsed so far
 * every CS_LOAD_STEP records and once when the rows are all read (bytes
 * the file's whole size). cancel(cancel_arg) is asked as cs_fit_opts.cancel
 * is: between two reads of the file, after the file is read, after its
 * encoding is checked, as often as records are told, and before the tables
 * are built; the first nonzero answer stops the load with -1, err->kind
 * CS_ERR_CANCELLED and *out NULL. Both are called in the loading thread,
 * and must not touch the config the load reads. no_stdin: the caller
 * reads no data from standard input (the interface, whose standard input
 * is the terminal), so a message names no way through it ("zcat it into
 * standard input, read as '-'", for a compressed file). */
#define CS_LOAD_STEP 4096
#define CS_READ_PIECE ((size_t)4 << 20)
typedef struct cs_load_hooks {
    void (*progress)(void *progress_ctx, size_t bytes, size_t records);
    void *progress_ctx;
    int (*cancel)(void *cancel_arg);
    void *cancel_arg;
    int no_stdin;
} cs_load_hooks;

/* How far a load is, as progress was last told it, for a person: "412,000
 * rows" once records are parsed, "12.3 MB read" while the file is read
 * (decimal units), "" before anything is. Both faces say it. Returns buf. */
#define CS_LOAD_PROGRESS_TEXT 40
char *cs_load_progress_text(size_t bytes, size_t records, char buf[CS_LOAD_PROGRESS_TEXT]);

/* cs_dataset_load with hooks (NULL: none, the same as cs_dataset_load). */
int cs_dataset_load_hooked(const char *path, const cs_config *cfg, const cs_load_hooks *hooks, cs_dataset **out,
                           cs_error *err);

/* Same, from a buffer; `name` is used in messages and as `source`. */
int cs_dataset_parse(const char *text, size_t len, const char *name, const cs_config *cfg,
                     cs_dataset **out, cs_error *err);

void cs_dataset_free(cs_dataset *ds);

/* A new dataset of the rows with keep[i] != 0, in order, with every task
 * (its n_scored recounted) and the same source; warnings are not carried
 * over. Returns 0, or -1 (out of memory) with *out NULL. */
int cs_dataset_subset(const cs_dataset *ds, const unsigned char *keep, cs_dataset **out,
                      cs_error *err);

/* Why the rows make no chronological split, in the words both faces give:
 * NULL when a row has a date, else "column 'released' is empty in every
 * row; splits need dates (YYYY-MM-DD)" when the date column is there (told
 * to name one with --config, the user would look for a column they have),
 * or "no row has a date; splits need a date column (name it with
 * --config)" when it is not. Returns buf or NULL. */
const char *cs_dataset_undated_why(const cs_dataset *ds, char *buf, size_t size);

/* How many rows have no date: every scheme's periods leave them out. */
size_t cs_dataset_n_undated(const cs_dataset *ds);

/* Index of the task called `name`, or -1. */
int cs_dataset_task_index(const cs_dataset *ds, const char *name);

/* The load's warning that says why the column `name` is no task (a stray
 * value among its scores, percentages: "FILE:LINE: column 'x' is not a
 * task: ..."), or NULL when no warning names it (by the column's whole
 * name: the warning shortens a long one to a start that another name may
 * share). Both faces' refusals of an
 * unknown task give it: "no task 'x'" alone, or a guess of a task with a
 * like name, read as if the file had no such column. */
const char *cs_dataset_not_a_task_why(const cs_dataset *ds, const char *name);

/* Absolute FLOPs of language models lie inside [1e15, 1e30]: a compute
 * outside, in a data column or an option, was most likely written in log10
 * or in zFLOPs (log10(FLOPs / 1e21), the authors' unit). Warned of, never
 * refused (a few real models lie outside); the text is the range as the
 * warnings write it. */
#define CS_FLOPS_PLAUSIBLE_MIN 1e15
#define CS_FLOPS_PLAUSIBLE_MAX 1e30
#define CS_FLOPS_PLAUSIBLE_TEXT "[1e15, 1e30]"

/* Index of the first row whose model is `name`, or -1. */
long cs_dataset_find_model(const cs_dataset *ds, const char *name);

/* The line of the first row named `name` that the load skipped for want of
 * flops (missing, <= 0, or nearer 0 than a double holds), or 0 when none
 * was (a dataset built by hand or a subset keeps none). A score naming such
 * a model is refused as that, not as a name the file lacks. */
long cs_dataset_skipped_line(const cs_dataset *ds, const char *name);

/* Both faces' refusal of a score for such a model, into buf: "model 'x'
 * has no flops (FILE:LINE): its row was skipped, as rows without flops are; give
 * it flops in the data file". NULL (buf untouched) when the load skipped no
 * row of that name. */
const char *cs_dataset_skipped_why(const cs_dataset *ds, const char *name, char *buf, size_t size);

/* How many rows repeat an earlier row's model name, as the loader counted
 * them with its index of the names (empty names not counted); SIZE_MAX when
 * the dataset has no such index (one built by hand, a sweep's subsets). */
size_t cs_dataset_name_repeats(const cs_dataset *ds);

/* Enter or replace one score (value in [0, 1]); keeps n_scored right.
 * Passing a NaN value removes the score. Returns -1 on a bad index or value. */
int cs_dataset_set_score(cs_dataset *ds, size_t row, size_t task, double value, cs_error *err);

/* Gather the scored rows of one task, optionally restricted by `mask`
 * (NULL = all rows; else only rows with mask[i] != 0). Writes up to n_rows
 * entries into z_out, y_out and (if not NULL) rows_out; returns the count. */
size_t cs_dataset_task_xy(const cs_dataset *ds, size_t task, const unsigned char *mask,
                          double *z_out, double *y_out, size_t *rows_out);

#endif
