/* dataset.c - from CSV text to the column store of dataset.h: column roles,
 * task detection, validation of every cell in use, dropped rows.
 *
 * One pass over the records. Each row's cells are checked before the row is
 * kept or dropped, so a malformed value is an error wherever it stands;
 * rows then lacking flops are counted and left out. Auto-detected task
 * columns are decided over the whole file and stop being parsed the moment
 * a value rules them out (a text column costs nothing).
 */
#include "capscope/dataset.h"
#include "capscope/namelist.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cancel.h"
#include "data_internal.h"

struct cs_dataset_store {
    cs_strpool *strings;
    cs_name_index *models;
    size_t name_repeats; /* rows whose model name an earlier row has (models built) */
    /* The rows skipped for want of flops, by name: a score or a journal
     * entry naming one is refused as that, not as a model the file lacks. */
    char **skipped_model;
    long *skipped_line;
    size_t n_skipped;
    cs_name_index *skipped;
    /* The warnings that say why a column is no task, and the columns'
     * whole names: the warnings shorten a long name to its start, which
     * another name may share. */
    char **not_task_column;
    size_t *not_task_warning;
    size_t n_not_task;
};

enum {
    ROLE_MODEL = 1 << 0,
    ROLE_FLOPS = 1 << 1,
    ROLE_DATE = 1 << 2,
    ROLE_COST = 1 << 3,
    ROLE_BASE = 1 << 4,
    ROLE_DERIVE_PARAMS = 1 << 5,
    ROLE_DERIVE_TOKENS = 1 << 6,
    ROLE_TASK = 1 << 7, /* explicit or auto-detected task column */
    ROLE_NUMERIC = ROLE_FLOPS | ROLE_COST | ROLE_DERIVE_PARAMS | ROLE_DERIVE_TOKENS | ROLE_TASK,
};

/* Columns that hold numbers in [0, 1] without being scores, by name in any
 * case (Tokens_T of small models is as much a count as tokens_t). */
static const char *const never_tasks[] = {
    "model", "flops", "date", "params_b", "base_model", "tokens_t", "source", "lab", "creator", "aa_id",
};

#define NO_COLUMN ((size_t)-1)

typedef struct task_build {
    size_t col;
    int is_explicit;
    int alive;        /* auto: every value so far is a number in range */
    int all_flags;    /* every raw value so far is exactly 0 or 1 */
    long cfg_line;
    double *y;        /* allocated at the first kept value; zero where no value */
    unsigned char *has;
    size_t cap;       /* entries of y and has: grown by the task's own values */
    size_t n_scored;
    /* Why an auto-detected candidate stopped being one: its first cell that
     * is not a score, and how its cells split (on every row, dropped ones
     * too), so that a column of scores with a stray "N/A" is named in a
     * warning rather than dropped unseen. */
    long bad_line;
    char bad_text[72];
    char bad_why[96];
    char bad_hint[128]; /* what to write instead (not_number_hint), or "" */
    size_t n_bad, n_ok;
    /* Of the cells not a score, those written as a percentage with its sign
     * ("45%", "٤٥٪"), which cs_parse_number takes for no number: a column
     * of them is scores in another notation, and said so. The first one. */
    size_t n_percent;
    long percent_line;
    char percent_text[72];
    double percent_value;
    /* Percent scores (85.3 for 0.853) rule a column out of the tasks; when
     * that leaves none, the message says how to read them. */
    int not_percent;  /* a value that is not a number in [0, 100] */
    size_t n_numbers, n_above_one;
    double max_value; /* the largest value */
    size_t n_fraction; /* of those numbers, the ones not whole (85.3) */
} task_build;

typedef struct loader {
    const char *name;
    const cs_config *cfg;
    cs_config defaults;
    cs_error *err;
    cs_csv csv;
    long header_line;

    size_t n_cols;
    char **col_name;       /* in `strings` */
    unsigned *roles;
    int *task_of;          /* column -> task_build index, or -1 */
    cs_name_index *col_index;
    size_t *active;        /* columns with a role, in column order */
    size_t n_active;
    size_t c_model, c_flops, c_date, c_cost, c_base, c_params, c_tokens;

    task_build *tasks;
    size_t n_tasks;
    /* A named task no column holds: the error waits until the rows are
     * read, so that it can name the tasks the data really has. */
    const char *unknown_task; /* the config's text, or NULL */
    const char *unknown_file;
    long unknown_line;

    double *value;         /* per column: this row's number */
    unsigned char *status; /* per column: cs_num_status of this row's cell */

    size_t n, cap, n_records;
    char **model, **base;
    double *flops;
    int32_t *date;
    double *cost;
    unsigned char *has_cost;
    long *line;
    size_t n_dropped, n_derived;
    char **skipped_model; /* the dropped rows' model names, in the pool */
    long *skipped_line;
    size_t n_skipped, cap_skipped;
    /* Without derive_flops: the first columns whose names hold "param" and
     * "token" (NO_COLUMN: none), and the dropped rows that give both as
     * positive numbers, which derive_flops would have kept. */
    size_t c_param_hint, c_token_hint, n_derivable;
    /* Of the dropped rows, those whose flops were written or derived
     * positive but are nearer 0 than a double holds (1e-400): the first
     * one's line, and its cell's text unless its flops were derived. */
    size_t n_tiny_flops;
    long tiny_line;
    int tiny_derived;
    char tiny_text[72];
    cs_strpool *strings;
    /* The caller's hooks (cs_load_hooks): the cancel latched, as the
     * fits' is. */
    void (*progress)(void *ctx, size_t bytes, size_t records);
    void *progress_ctx;
    size_t n_bytes;          /* the text's whole size, told with the records */
    cs_cancel *cancel;
} loader;

static void *grow_array(void *p, size_t cap, size_t elem)
{
    return cap > SIZE_MAX / elem ? NULL : realloc(p, cap * elem);
}

static int oom(loader *L)
{
    return cs_error_set(L->err, CS_ERR_RUNTIME, L->name, 0, "out of memory loading the data");
}

/* "columns: a, b, c" shortened to fit a message. */
static const char *column_list(const loader *L, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "columns: ");
    for (size_t j = 0; j < L->n_cols && used < size; j++) {
        const char *sep = j ? ", " : "";
        size_t need = strlen(sep) + strlen(L->col_name[j]);
        if (used + need + 5 >= size || need > 64) {
            snprintf(buf + used, size - used, "%s...", sep);
            break;
        }
        used += (size_t)snprintf(buf + used, size - used, "%s%s", sep, L->col_name[j]);
    }
    return buf;
}

static size_t find_column(const loader *L, const char *name)
{
    long j = cs_name_index_find(L->col_index, L->col_name, name);
    return j < 0 ? NO_COLUMN : (size_t)j;
}

/* A role's column: the configured name (which must exist) or the default
 * name (which may be absent). */
static int resolve_role(loader *L, const char *configured, long cfg_line, const char *def,
                        const char *key, size_t *out)
{
    const char *want = configured ? configured : def;
    *out = find_column(L, want);
    if (*out != NO_COLUMN || !configured)
        return 0;
    char cols[320], shown[64];
    cs_quote_short(want, shown, sizeof shown);
    column_list(L, cols, sizeof cols);
    if (cfg_line > 0 && L->cfg->path)
        return cs_error_set(L->err, CS_ERR_INPUT, L->cfg->path, cfg_line,
                            "%s: no column '%s' in %s (%s)", key, shown, L->name, cols);
    return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                        "no column '%s' for %s (%s)", shown, key, cols);
}

static int read_header(loader *L)
{
    int rc = cs_csv_next(&L->csv, L->err);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, 1, "no header: the file holds only blank lines");
    L->header_line = L->csv.record_line;
    L->n_cols = L->csv.n_fields;
    L->col_name = calloc(L->n_cols, sizeof *L->col_name);
    L->roles = calloc(L->n_cols, sizeof *L->roles);
    L->task_of = malloc(L->n_cols * sizeof *L->task_of);
    L->value = calloc(L->n_cols, sizeof *L->value);
    L->status = calloc(L->n_cols, sizeof *L->status);
    L->active = malloc(L->n_cols * sizeof *L->active);
    if (!L->col_name || !L->roles || !L->task_of || !L->value || !L->status || !L->active)
        return oom(L);
    for (size_t j = 0; j < L->n_cols; j++) {
        const char *f = cs_csv_field(&L->csv, j);
        L->col_name[j] = cs_strpool_copy(L->strings, f, strlen(f));
        if (!L->col_name[j])
            return oom(L);
        L->task_of[j] = -1;
    }
    /* No table has one column (a model needs flops and a task beside it):
     * one holding ';' or tabs is a file of another separator, which
     * "no 'model' column (columns: model;flops;...)" would not tell. */
    if (L->n_cols == 1 && strpbrk(L->col_name[0], ";\t")) {
        char shown[64];
        if (strchr(L->col_name[0], ';'))
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                                "the header is one column, '%s': are its fields separated by"
                                " semicolons? capscope reads fields separated by commas (CSV);"
                                " export or save the file so",
                                cs_quote_short(L->col_name[0], shown, sizeof shown));
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                            "the header is one column holding tabs: are its fields separated by tabs?"
                            " capscope reads fields separated by commas (CSV); export or save the file so");
    }
    /* Unnamed columns (a spreadsheet's index) are ignored, so may repeat. */
    cs_name_repeats rep;
    L->col_index = cs_name_index_build(L->col_name, L->n_cols, &rep);
    if (!L->col_index)
        return oom(L);
    if (rep.n) {
        char shown[64];
        cs_quote_short(L->col_name[rep.at], shown, sizeof shown);
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                            "duplicate column name '%s' (also column %zu)", shown, rep.first + 1);
    }
    return 0;
}

/* A header without a model column whose fields are numbers is data. */
static int header_looks_like_data(const loader *L)
{
    for (size_t j = 0; j < L->n_cols; j++) {
        double v;
        if (cs_parse_number(L->col_name[j], &v) == CS_NUM_OK)
            return 1;
    }
    return 0;
}

/* "; 'Model' differs only in case: name it in a --config file, columns:
 * {model: Model}" when a column without a role is the role's default name
 * but for case (a spreadsheet's header), else "". */
static const char *case_hint(const loader *L, const char *role, const char *key, char *buf,
                             size_t size)
{
    buf[0] = '\0';
    for (size_t j = 0; j < L->n_cols; j++) {
        if (cs_ascii_casecmp(L->col_name[j], role) != 0 || (L->roles[j] & ~(unsigned)ROLE_TASK))
            continue;
        char shown[64];
        cs_quote_short(L->col_name[j], shown, sizeof shown);
        snprintf(buf, size, "; '%s' differs only in case: name it in a --config file, columns: {%s: %s}",
                 shown, key, shown);
        break;
    }
    return buf;
}

/* case_hint, or for a required role without such a column how to name
 * the user's own: their header is not capscope's (Model Name, Training
 * FLOPs), and the error should say where that is said. */
static const char *required_hint(const loader *L, const char *role, char *buf, size_t size)
{
    if (case_hint(L, role, role, buf, size)[0])
        return buf;
    /* One column that says the role's name in its own (Training FLOPs,
     * Model Name) is likely it: named in the hint, never taken. */
    size_t found = SIZE_MAX, n_found = 0, rl = strlen(role);
    for (size_t j = 0; j < L->n_cols; j++) {
        const char *name = L->col_name[j];
        if (L->roles[j] & ~(unsigned)ROLE_TASK)
            continue;
        for (size_t k = 0; name[k]; k++)
            if (cs_ascii_ncasecmp(name + k, role, rl) == 0) {
                found = j;
                n_found++;
                break;
            }
    }
    const char *name = n_found == 1 ? L->col_name[found] : NULL;
    if (name && (strlen(name) > 80 || strpbrk(name, "\"\\")))
        name = NULL;
    for (const char *c = name; c && *c; c++)
        if ((unsigned char)*c < 0x20)
            name = NULL;
    if (name)
        snprintf(buf, size, "; is '%s' it? name it in a --config file, columns: {%s: \"%s\"} (capscope-config(5))",
                 name, role, name);
    else
        snprintf(buf, size, "; name yours in a --config file, columns: {%s: NAME} (capscope-config(5))", role);
    return buf;
}

static int resolve_roles(loader *L)
{
    const cs_config *c = L->cfg;
    char cols[320];
    if (resolve_role(L, c->model_col, c->model_line, "model", "columns.model", &L->c_model) != 0)
        return -1;
    if (L->c_model == NO_COLUMN) {
        if (header_looks_like_data(L))
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                                "no header: the first row holds numbers; it must name the columns "
                                "(model, flops, ...)");
        char hint[320];
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line, "no 'model' column (%s)%s",
                            column_list(L, cols, sizeof cols), required_hint(L, "model", hint, sizeof hint));
    }
    if (resolve_role(L, c->flops_col, c->flops_line, "flops", "columns.flops", &L->c_flops) != 0 ||
        resolve_role(L, c->date_col, c->date_line, "date", "columns.date", &L->c_date) != 0 ||
        resolve_role(L, c->cost_col, c->cost_line, "params_b", "columns.cost", &L->c_cost) != 0 ||
        resolve_role(L, c->base_model_col, c->base_model_line, "base_model", "columns.base_model",
                     &L->c_base) != 0)
        return -1;
    L->c_params = L->c_tokens = NO_COLUMN;
    int derive = c->derive_params_col && c->derive_tokens_col;
    if (derive &&
        (resolve_role(L, c->derive_params_col, c->derive_params_line, "", "derive_flops.params",
                      &L->c_params) != 0 ||
         resolve_role(L, c->derive_tokens_col, c->derive_tokens_line, "", "derive_flops.tokens",
                      &L->c_tokens) != 0))
        return -1;
    if (L->c_flops == NO_COLUMN && !derive) {
        char hint[320];
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                            "no 'flops' column, and no derive_flops in a config (%s)%s",
                            column_list(L, cols, sizeof cols), required_hint(L, "flops", hint, sizeof hint));
    }

    const struct {
        size_t col;
        unsigned role;
        const char *key;
        long line;
    } roles[] = {
        { L->c_model, ROLE_MODEL, "columns.model", c->model_line },
        { L->c_flops, ROLE_FLOPS, "columns.flops", c->flops_line },
        { L->c_date, ROLE_DATE, "columns.date", c->date_line },
        { L->c_cost, ROLE_COST, "columns.cost", c->cost_line },
        { L->c_base, ROLE_BASE, "columns.base_model", c->base_model_line },
        { L->c_params, ROLE_DERIVE_PARAMS, "derive_flops.params", c->derive_params_line },
        { L->c_tokens, ROLE_DERIVE_TOKENS, "derive_flops.tokens", c->derive_tokens_line },
    };
    /* Roles that read a cell alike may share a column (the cost is often the
     * parameter count that derive_flops reads, or the compute itself; a
     * model may be its own base); any other pair would read one cell two
     * ways, and the error would blame the data for what the config said. */
    const unsigned alike[] = { ROLE_FLOPS | ROLE_COST | ROLE_DERIVE_PARAMS | ROLE_DERIVE_TOKENS,
                               ROLE_MODEL | ROLE_BASE };
    size_t n_roles = sizeof roles / sizeof roles[0];
    for (size_t i = 0; i < n_roles; i++) {
        size_t col = roles[i].col;
        if (col == NO_COLUMN)
            continue;
        for (size_t k = 0; k < i; k++) {
            if (roles[k].col != col)
                continue;
            unsigned pair = roles[i].role | roles[k].role;
            if ((pair & alike[0]) == pair || (pair & alike[1]) == pair)
                continue;
            long line = roles[i].line > 0 ? roles[i].line : roles[k].line;
            int in_config = line > 0 && c->path;
            char shown[64];
            cs_quote_short(L->col_name[col], shown, sizeof shown);
            return cs_error_set(L->err, CS_ERR_INPUT, in_config ? c->path : L->name,
                                in_config ? line : L->header_line,
                                "column '%s' is given two roles, %s and %s", shown, roles[k].key,
                                roles[i].key);
        }
        L->roles[col] |= roles[i].role;
    }
    return 0;
}

static const char *role_name(unsigned roles)
{
    if (roles & ROLE_MODEL)
        return "model";
    if (roles & ROLE_FLOPS)
        return "flops";
    if (roles & ROLE_DATE)
        return "date";
    if (roles & ROLE_COST)
        return "cost";
    if (roles & ROLE_BASE)
        return "base model";
    return "derive_flops input";
}

static int add_task_build(loader *L, size_t col, int is_explicit, long cfg_line)
{
    task_build *t = &L->tasks[L->n_tasks];
    *t = (task_build){ .col = col, .is_explicit = is_explicit, .alive = 1, .all_flags = 1,
                       .cfg_line = cfg_line };
    L->task_of[col] = (int)L->n_tasks++;
    L->roles[col] |= ROLE_TASK;
    return 0;
}

/* "Unnamed: 3": the name pandas gives a column without one when it reads a
 * file back, its index (to_csv writes it nameless) most often. The row
 * numbers 0, 1, 2 ... read as scores under score_scale 100, so such a
 * column is ignored as a nameless one is, unless it is named. */
static int pandas_unnamed(const char *name)
{
    static const char prefix[] = "Unnamed: ";
    if (strncmp(name, prefix, sizeof prefix - 1) != 0)
        return 0;
    name += sizeof prefix - 1;
    return name[0] && strspn(name, "0123456789") == strlen(name);
}

/* Whether name holds word (lower case) in any case: "Tokens (T)" holds
 * "token". */
static int name_holds(const char *name, const char *word)
{
    size_t len = strlen(word);
    for (size_t i = 0; name[i]; i++) {
        size_t k = 0;
        while (k < len && name[i + k] && cs_ascii_lower((unsigned char)name[i + k]) == word[k])
            k++;
        if (k == len)
            return 1;
    }
    return 0;
}

/* The candidates of auto-detection: every column without a role, a name,
 * or a name that is never a task. A count of parameters or tokens is no
 * score whatever its name's shape ("Tokens (T)", "n_params"): under a
 * score_scale of 100 its values (2 to 15 trillion tokens) passed for
 * percentages, and the column was fitted, and designed for, as a task. */
static int counted_by_name(const char *name)
{
    return name_holds(name, "token") || name_holds(name, "param");
}

/* Whether name is one of never_tasks, letters folded. */
static int never_a_task(const char *name)
{
    for (size_t i = 0; i < sizeof never_tasks / sizeof never_tasks[0]; i++)
        if (cs_ascii_casecmp(name, never_tasks[i]) == 0)
            return 1;
    return 0;
}

static void add_auto_candidates(loader *L)
{
    for (size_t j = 0; j < L->n_cols; j++) {
        if (L->roles[j] || !L->col_name[j][0] || pandas_unnamed(L->col_name[j]))
            continue;
        int reserved = counted_by_name(L->col_name[j]) || never_a_task(L->col_name[j]);
        if (!reserved)
            add_task_build(L, j, 0, 0);
    }
}

static int choose_tasks(loader *L)
{
    const cs_config *c = L->cfg;
    /* room for every column too: an unknown name falls back to detection */
    size_t room = c->n_tasks > L->n_cols ? c->n_tasks : L->n_cols;
    L->tasks = calloc(room ? room : 1, sizeof *L->tasks);
    if (!L->tasks)
        return oom(L);
    if (c->n_tasks) {
        for (size_t k = 0; k < c->n_tasks; k++) {
            const char *want = c->tasks[k];
            long cfg_line = c->task_line[k];
            const char *file = cfg_line > 0 && c->path ? c->path : L->name;
            long line = cfg_line > 0 && c->path ? cfg_line : L->header_line;
            size_t col = find_column(L, want);
            char shown[64];
            cs_quote_short(want, shown, sizeof shown);
            if (col == NO_COLUMN || !want[0]) {
                L->unknown_task = want;
                L->unknown_file = file;
                L->unknown_line = line;
                break;
            }
            if (L->roles[col] & ~(unsigned)ROLE_TASK)
                return cs_error_set(L->err, CS_ERR_INPUT, file, line,
                                    "column '%s' is the %s column; it cannot be a task", shown,
                                    role_name(L->roles[col]));
            if (L->roles[col] & ROLE_TASK)
                return cs_error_set(L->err, CS_ERR_INPUT, file, line, "task '%s' is named twice", shown);
            add_task_build(L, col, 1, cfg_line);
        }
        if (!L->unknown_task)
            return 0;
        for (size_t k = 0; k < L->n_tasks; k++) {
            L->roles[L->tasks[k].col] &= ~(unsigned)ROLE_TASK;
            L->task_of[L->tasks[k].col] = -1;
        }
        L->n_tasks = 0;
    }
    add_auto_candidates(L);
    return 0;
}

static int grow_rows(loader *L)
{
    size_t cap = L->cap ? L->cap * 2 : 1024;
    int ok = 1;
    /* On failure an array keeps its old block, still the loader's to free. */
#define GROW(a)                                                  \
    do {                                                         \
        void *grown = grow_array((a), cap, sizeof *(a));         \
        if (grown)                                               \
            (a) = grown;                                         \
        else                                                     \
            ok = 0;                                              \
    } while (0)
    GROW(L->model);
    if (L->c_base != NO_COLUMN)
        GROW(L->base);
    GROW(L->flops);
    GROW(L->date);
    GROW(L->cost);
    GROW(L->has_cost);
    GROW(L->line);
#undef GROW
    if (!ok)
        return oom(L);
    L->cap = cap;
    return 0;
}

static void drop_candidate(loader *L, task_build *t, const char *text, const char *why)
{
    if (t->alive) {
        t->bad_line = L->csv.record_line;
        cs_quote_short(text, t->bad_text, sizeof t->bad_text);
        snprintf(t->bad_why, sizeof t->bad_why, "%s", why);
    }
    t->alive = 0;
    t->n_bad++;
    free(t->y);
    free(t->has);
    t->y = NULL;
    t->has = NULL;
    t->cap = 0;
}

/* Room in a task's arrays for row i. Each task grows by its own values, not
 * with the rows: a file of a million sparse columns would otherwise hold a
 * row-sized array per column (9 GB for a 12 MB header). The new entries are
 * zero: no score. */
static int task_room(task_build *t, size_t i)
{
    if (i < t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 16;
    while (cap <= i)
        cap *= 2;
    double *y = grow_array(t->y, cap, sizeof *y);
    if (!y)
        return -1;
    t->y = y;
    unsigned char *has = grow_array(t->has, cap, sizeof *has);
    if (!has)
        return -1;
    t->has = has;
    memset(t->y + t->cap, 0, (cap - t->cap) * sizeof *t->y);
    memset(t->has + t->cap, 0, cap - t->cap);
    t->cap = cap;
    return 0;
}

static int cell_error(loader *L, size_t col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int cell_error(loader *L, size_t col, const char *fmt, ...)
{
    char name[64], msg[400];
    cs_quote_short(L->col_name[col], name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->csv.record_line, "column '%s': %s", name, msg);
}

/* A date cell's text without the blanks around it, as a number's are
 * dropped and as the tokenizer drops them around an unquoted field: a
 * quoted " 2024-05-04 " is the date an unquoted one is, and a quoted blank
 * is a missing date, as it is a missing number. buf, or text itself when
 * that is too long for buf (no date is, and its refusal quotes it whole). */
static const char *date_text(const char *text, char *buf, size_t size)
{
    size_t lead = strspn(text, " \t"), len = strlen(text + lead);
    while (len > 0 && (text[lead + len - 1] == ' ' || text[lead + len - 1] == '\t'))
        len--;
    if (len >= size)
        return text;
    memcpy(buf, text + lead, len);
    buf[len] = '\0';
    return buf;
}

/* A percentage (45 for "45%") as the score it means under the config's
 * score_scale, in its shortest text: what both the warning of a column of
 * them and the error of one named with --task tell the user to write. */
static const char *percent_as_score(const loader *L, double percent, char num[CS_NUMBER_TEXT])
{
    return cs_number_text(percent * L->cfg->score_scale / 100, num);
}

/* What a cell that is no number most likely meant, as spreadsheets and
 * leaderboards export one, or "": a mark of no value (N/A, -, #N/A), a
 * decimal comma (0,412), thousands separators (3,200,000). A number is
 * plain (capscope-config(5)), so each is refused all the same; the hint
 * says what to write. "1,234" may be either comma: both are given. nan is
 * left to its refusal: the contract calls it no number. */
static const char *not_number_hint(const char *text, char *buf, size_t size)
{
    static const char *const no_value[] = { "n/a", "na", "#n/a", "n.a.", "-", "--", "?", "null", "none",
                                            "\xe2\x80\x93", "\xe2\x80\x94" /* en and em dashes */ };
    buf[0] = '\0';
    size_t lead = strspn(text, " \t"), len = strlen(text + lead);
    while (len > 0 && (text[lead + len - 1] == ' ' || text[lead + len - 1] == '\t'))
        len--;
    char t[24]; /* longer than any number a spreadsheet writes */
    if (len == 0 || len >= sizeof t)
        return buf;
    memcpy(t, text + lead, len);
    t[len] = '\0';
    for (size_t i = 0; i < sizeof no_value / sizeof no_value[0]; i++)
        if (cs_ascii_casecmp(t, no_value[i]) == 0) {
            snprintf(buf, size, "a missing value is an empty cell");
            return buf;
        }
    /* Commas between digits: groups of three after the first (thousands),
     * or one comma where a point would be. */
    size_t n_commas = 0, first = strcspn(t, ","), last_group = 0;
    int grouped = first >= 1 && first <= (size_t)(3 + (t[0] == '-' || t[0] == '+'));
    for (const char *p = t + first; *p == ','; n_commas++) {
        size_t digits = strspn(p + 1, "0123456789");
        grouped &= digits == 3;
        last_group = digits;
        p += 1 + digits;
    }
    if (n_commas == 0)
        return buf;
    char plain[sizeof t], point[sizeof t];
    size_t k = 0;
    for (const char *p = t; *p; p++)
        if (*p != ',')
            plain[k++] = *p;
    plain[k] = '\0';
    snprintf(point, sizeof point, "%s", t);
    point[first] = '.';
    double v;
    int as_thousands = grouped && cs_parse_number(plain, &v) == CS_NUM_OK;
    int as_decimal = n_commas == 1 && !strchr(t, '.') && cs_parse_number(point, &v) == CS_NUM_OK;
    /* A leading 0 is no thousands group, and 3 digits and more after them
     * are a fraction's: "0,412", "1,2345". */
    if (as_thousands && as_decimal && (t[strspn(t, "+-")] == '0' || last_group != 3))
        as_thousands = 0;
    if (as_thousands && as_decimal)
        snprintf(buf, size, "a decimal comma or a thousands separator? write %s or %s", point, plain);
    else if (as_decimal)
        snprintf(buf, size, "a decimal comma? write %s", point);
    else if (as_thousands)
        snprintf(buf, size, "thousands separators? write %s", plain);
    return buf;
}

/* Parse and check one cell of a column in use; the number goes to L->value. */
static int check_cell(loader *L, size_t col)
{
    const char *text = cs_csv_field(&L->csv, col);
    char shown[72]; /* the value as quoted in messages: cells can be megabytes */
    unsigned roles = L->roles[col];
    if (roles & ROLE_MODEL && !text[0])
        return cell_error(L, col, "the model name is empty");
    char date[64];
    const char *d = roles & ROLE_DATE ? date_text(text, date, sizeof date) : "";
    if (d[0]) {
        int32_t day;
        if (cs_parse_date(d, &day) != 0) {
            /* A month alone or a date with a time is a common export: say how to write it. */
            char hint[64];
            cs_date_hint(d, hint, sizeof hint);
            return cell_error(L, col, "'%s' is not a valid date (YYYY-MM-DD%s%s)",
                              cs_quote_short(text, shown, sizeof shown), hint[0] ? "; " : "", hint);
        }
    }
    if (!(roles & ROLE_NUMERIC))
        return 0;

    task_build *t = L->task_of[col] >= 0 ? &L->tasks[L->task_of[col]] : NULL;
    /* Role columns and explicit tasks must be right; an auto-detected
     * candidate that is not simply stops being one. */
    int strict = !t || t->is_explicit || (roles & ~(unsigned)ROLE_TASK) != 0;
    double v = 0;
    cs_num_status st = cs_parse_number(text, &v);
    /* A number no double holds (1e400; 1e-400, read as 0) is refused as
     * that, in the words of the options' refusals (number.h), not as "out
     * of range" or taken as a score of 0. Flops of 1e-400 drop the row,
     * counted apart from the empty ones; a negative cost or derive_flops
     * input is wrong by its sign first. */
    cs_num_beyond beyond = st == CS_NUM_RANGE          ? CS_NUM_HUGE
                           : st == CS_NUM_OK && v == 0 ? cs_number_beyond(text)
                                                       : CS_NUM_HELD;
    int refused = beyond == CS_NUM_HUGE ||
                  (beyond == CS_NUM_TINY && !(roles & ROLE_FLOPS) &&
                   ((roles & ROLE_TASK) || text[strspn(text, " \t")] != '-'));
    double pv;
    int percent = t && st == CS_NUM_SYNTAX && cs_percent_sign_value(text, &pv) && pv >= 0 && pv <= 100;
    if (percent && !strict) {
        if (t->n_percent++ == 0) {
            t->percent_line = L->csv.record_line;
            cs_quote_short(text, t->percent_text, sizeof t->percent_text);
            t->percent_value = pv;
        }
    }
    if (t && st != CS_NUM_EMPTY) {
        if (st == CS_NUM_OK && !refused && v >= 0 && v <= 100) {
            t->n_numbers++;
            t->n_above_one += v > 1;
            t->max_value = v > t->max_value ? v : t->max_value;
            t->n_fraction += v != floor(v);
        } else {
            t->not_percent = 1;
        }
    }
    if (!strict && !t->alive) {
        L->status[col] = CS_NUM_EMPTY; /* a ruled-out candidate: only counted */
        if (st == CS_NUM_OK && !refused && v / L->cfg->score_scale >= 0 &&
            v / L->cfg->score_scale <= 1)
            t->n_ok++;
        else if (st != CS_NUM_EMPTY)
            t->n_bad++;
        return 0;
    }
    L->status[col] = (unsigned char)st;
    L->value[col] = v;
    if (st == CS_NUM_EMPTY)
        return 0;
    if (refused) {
        char why[96];
        cs_number_beyond_text(beyond, roles & ROLE_FLOPS ? " FLOPs" : "", why + 3, sizeof why - 3);
        memcpy(why, "is ", 3);
        cs_quote_short(text, shown, sizeof shown);
        if (!strict) {
            drop_candidate(L, t, text, why);
            return 0;
        }
        return cell_error(L, col, "'%s' %s", shown, why);
    }
    if (st != CS_NUM_OK) {
        if (!strict) {
            int first_bad = t->alive;
            drop_candidate(L, t, text, "is not a number");
            if (first_bad)
                not_number_hint(text, t->bad_hint, sizeof t->bad_hint);
            return 0;
        }
        cs_quote_short(text, shown, sizeof shown);
        if (st == CS_NUM_RANGE)
            return cell_error(L, col, "%s is out of range", shown);
        if (percent) {
            /* A task named with --task: the warning of an auto-detected
             * column of these says what to write, so its error does too. */
            char num[CS_NUMBER_TEXT];
            return cell_error(L, col, "'%s' is not a number: a percentage; write it as %s", shown,
                              percent_as_score(L, pv, num));
        }
        char hint[sizeof ((task_build *)0)->bad_hint];
        not_number_hint(text, hint, sizeof hint);
        return cell_error(L, col, "'%s' is not a number%s%s%s", shown, hint[0] ? " (" : "", hint,
                          hint[0] ? ")" : "");
    }
    if (roles & ROLE_COST && !(v > 0))
        return cell_error(L, col, "cost %s is not positive", cs_quote_short(text, shown, sizeof shown));
    if (t && t->alive) {
        double scale = L->cfg->score_scale;
        double y = v / scale;
        if (!(y >= 0 && y <= 1)) {
            if (!t->is_explicit) {
                drop_candidate(L, t, text, "is not a score in [0, 1]");
                return 0;
            }
            cs_quote_short(text, shown, sizeof shown);
            if (scale == 1 && v > 1 && v <= 100)
                return cell_error(L, col,
                                  "score %s is outside [0, 1] (percentages? score_scale: 100 in a"
                                  " --config file reads them)",
                                  shown);
            if (scale == 1)
                return cell_error(L, col, "score %s is outside [0, 1]", shown);
            return cell_error(L, col, "score %s is outside [0, %g] (score_scale %g)", shown, scale,
                              scale);
        }
        if (v != 0 && v != 1)
            t->all_flags = 0;
        t->n_ok++;
        L->value[col] = y;
    }
    return 0;
}

static int keep_row(loader *L, double flops)
{
    if (L->n == L->cap && grow_rows(L) != 0)
        return -1;
    size_t i = L->n;
    const char *m = cs_csv_field(&L->csv, L->c_model);
    L->model[i] = cs_strpool_copy(L->strings, m, strlen(m));
    if (!L->model[i])
        return oom(L);
    if (L->base) {
        const char *b = cs_csv_field(&L->csv, L->c_base);
        L->base[i] = cs_strpool_intern(L->strings, b, strlen(b));
        if (!L->base[i])
            return oom(L);
    }
    L->flops[i] = flops;
    L->date[i] = CS_NO_DATE;
    if (L->c_date != NO_COLUMN) {
        char date[64];
        const char *d = date_text(cs_csv_field(&L->csv, L->c_date), date, sizeof date);
        if (d[0])
            cs_parse_date(d, &L->date[i]); /* checked in check_cell */
    }
    int has_cost = L->c_cost != NO_COLUMN && L->status[L->c_cost] == CS_NUM_OK;
    L->has_cost[i] = (unsigned char)has_cost;
    L->cost[i] = has_cost ? L->value[L->c_cost] : 0.0;
    L->line[i] = L->csv.record_line;
    for (size_t k = 0; k < L->n_tasks; k++) {
        task_build *t = &L->tasks[k];
        if (!t->alive)
            continue;
        if (L->status[t->col] != CS_NUM_OK)
            continue; /* no score: the entry stays zero */
        if (task_room(t, i) != 0)
            return oom(L);
        t->has[i] = 1;
        t->y[i] = L->value[t->col];
        t->n_scored++;
    }
    L->n++;
    return 0;
}

/* 6 * params * params_unit * tokens * tokens_unit, taken left to right;
 * only when that comes out inf or 0, again with the powers of two apart:
 * a factor beyond a double on the way (1e300 params of a billion, 1e-300
 * tokens) makes inf or 0 of a product a double holds, and the row would be
 * refused or dropped for what it is not. Not the powers apart always:
 * where the product is subnormal they round it twice (the mantissas'
 * product, then ldexp), and 6 * 3.6177714021567032e-166 *
 * 1.1380524797363593e-159, 4.9e-324 taken left to right, came out 0. */
static double derive_product(double params, double params_unit, double tokens, double tokens_unit)
{
    double plain = 6.0 * params * params_unit * tokens * tokens_unit;
    if (plain != 0 && isfinite(plain))
        return plain;
    int e1, e2, e3, e4;
    double m = 6.0 * frexp(params, &e1) * frexp(params_unit, &e2) * frexp(tokens, &e3) *
               frexp(tokens_unit, &e4);
    return ldexp(m, e1 + e2 + e3 + e4);
}

/* The row's flops: its own cell, else derived; 0 when there is none. */
static int row_flops(loader *L, double *out)
{
    *out = 0;
    if (L->c_flops != NO_COLUMN && L->status[L->c_flops] == CS_NUM_OK) {
        *out = L->value[L->c_flops];
        return 0;
    }
    if (L->c_params == NO_COLUMN || L->status[L->c_params] != CS_NUM_OK ||
        L->status[L->c_tokens] != CS_NUM_OK)
        return 0;
    const cs_config *c = L->cfg;
    double f = derive_product(L->value[L->c_params], c->params_unit, L->value[L->c_tokens], c->tokens_unit);
    if (!isfinite(f)) {
        /* In the words a flops cell of 1e400 is refused in. */
        char why[96];
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->csv.record_line,
                            "derive_flops: 6 * %s * %s is %s", L->col_name[L->c_params], L->col_name[L->c_tokens],
                            cs_number_beyond_text(CS_NUM_HUGE, " FLOPs", why, sizeof why));
    }
    *out = f;
    if (f > 0)
        L->n_derived++;
    return 0;
}

/* A dropped row whose flops were written positive, 1e-400, or derived
 * from positive params and tokens whose product is as small, which no
 * double holds: "empty or <= 0" would not say what is wrong with it. */
static void count_tiny_flops(loader *L)
{
    const char *text = NULL;
    if (L->c_flops != NO_COLUMN && L->status[L->c_flops] == CS_NUM_OK) {
        text = cs_csv_field(&L->csv, L->c_flops);
        char why[96];
        if (L->value[L->c_flops] != 0 || !cs_number_beyond_why(text, "", why, sizeof why))
            return;
    } else if (L->c_params == NO_COLUMN || L->status[L->c_params] != CS_NUM_OK ||
               L->status[L->c_tokens] != CS_NUM_OK || !(L->value[L->c_params] > 0) ||
               !(L->value[L->c_tokens] > 0)) {
        return; /* no flops, or derived <= 0 by a factor's sign or zero */
    }
    if (L->n_tiny_flops++ == 0) {
        L->tiny_line = L->csv.record_line;
        L->tiny_derived = text == NULL;
        if (text)
            cs_quote_short(text, L->tiny_text, sizeof L->tiny_text);
    }
}

/* -1 with the error when the caller said stop. */
static int load_cancelled(cs_cancel *cancel, cs_error *err)
{
    if (!cs_cancel_asked(cancel))
        return 0;
    return cs_load_cancelled_error(err);
}

/* The first column whose name holds word (lower case) in any case
 * (tokens_t, Tokens (T), train_tokens for "token") and not other, or
 * NO_COLUMN: a name holding both ("tokens_per_param") is a ratio, neither
 * a count of parameters nor one of tokens. */
static size_t column_holding(const loader *L, const char *word, const char *other)
{
    for (size_t j = 0; j < L->n_cols; j++)
        if (name_holds(L->col_name[j], word) && !name_holds(L->col_name[j], other))
            return j;
    return NO_COLUMN;
}

/* A row dropped for its flops that gives parameters and tokens: a table
 * that has them where it lacks FLOPs need not lose the row (derive_flops). */
static void count_derivable(loader *L)
{
    if (L->c_param_hint == NO_COLUMN || L->c_token_hint == NO_COLUMN)
        return;
    double p, t;
    if (cs_parse_number(cs_csv_field(&L->csv, L->c_param_hint), &p) == CS_NUM_OK && p > 0 &&
        cs_parse_number(cs_csv_field(&L->csv, L->c_token_hint), &t) == CS_NUM_OK && t > 0)
        L->n_derivable++;
}

/* The model of a row dropped for want of flops, kept by name (its
 * strings are few beside the kept rows'). */
static int remember_skipped(loader *L)
{
    if (L->c_model == NO_COLUMN)
        return 0;
    if (L->n_skipped == L->cap_skipped) {
        size_t cap = L->cap_skipped ? 2 * L->cap_skipped : 64;
        char **m = realloc(L->skipped_model, cap * sizeof *m);
        if (m)
            L->skipped_model = m;
        long *ln = m ? realloc(L->skipped_line, cap * sizeof *ln) : NULL;
        if (!ln)
            return cs_error_set(L->err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
        L->skipped_line = ln;
        L->cap_skipped = cap;
    }
    const char *m = cs_csv_field(&L->csv, L->c_model);
    char *copy = cs_strpool_intern(L->strings, m, strlen(m));
    if (!copy)
        return cs_error_set(L->err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
    L->skipped_model[L->n_skipped] = copy;
    L->skipped_line[L->n_skipped++] = L->csv.record_line;
    return 0;
}

/* The record is the header again, field for field (the first may start
 * with a byte-order mark): files joined with cat, each with its header.
 * Said as that, where it was "column 'flops': 'flops' is not a number", or
 * of an auto-detected task "no task column". Cheap: almost every row
 * differs from the header in its first field. */
static int repeats_header(const loader *L)
{
    for (size_t j = 0; j < L->n_cols; j++) {
        const char *f = cs_csv_field(&L->csv, j);
        if (j == 0 && strncmp(f, "\xEF\xBB\xBF", 3) == 0)
            f += 3;
        if (strcmp(f, L->col_name[j]) != 0)
            return 0;
    }
    return 1;
}

static int read_rows(loader *L)
{
    L->n_active = 0;
    for (size_t j = 0; j < L->n_cols; j++)
        if (L->roles[j])
            L->active[L->n_active++] = j;
    L->c_param_hint = L->c_token_hint = NO_COLUMN;
    if (!L->cfg->derive_params_col) {
        L->c_param_hint = column_holding(L, "param", "token");
        L->c_token_hint = column_holding(L, "token", "param");
    }
    int rc;
    while ((rc = cs_csv_next(&L->csv, L->err)) == 1) {
        if (++L->n_records % CS_LOAD_STEP == 0) {
            if (L->progress)
                L->progress(L->progress_ctx, L->n_bytes, L->n_records);
            if (load_cancelled(L->cancel, L->err))
                return -1;
        }
        if (L->csv.n_fields != L->n_cols)
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->csv.record_line,
                                "row has %zu field%s, header has %zu", L->csv.n_fields,
                                L->csv.n_fields == 1 ? "" : "s", L->n_cols);
        if (repeats_header(L))
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->csv.record_line,
                                "the header again (files joined with cat, each with its header?): keep "
                                "only the first file's, as with tail -n +2 of the others");
        for (size_t a = 0; a < L->n_active; a++)
            if (check_cell(L, L->active[a]) != 0)
                return -1;
        double flops;
        if (row_flops(L, &flops) != 0)
            return -1;
        if (!(flops > 0)) {
            if (remember_skipped(L) != 0)
                return -1;
            L->n_dropped++;
            count_tiny_flops(L);
            count_derivable(L);
            continue;
        }
        if (keep_row(L, flops) != 0)
            return -1;
    }
    if (rc == 0 && L->progress)
        L->progress(L->progress_ctx, L->n_bytes, L->n_records);
    return rc;
}

static void free_task_builds(loader *L)
{
    for (size_t k = 0; k < L->n_tasks; k++) {
        free(L->tasks[k].y);
        free(L->tasks[k].has);
    }
    free(L->tasks);
    L->tasks = NULL;
    L->n_tasks = 0;
}

static void loader_free(loader *L)
{
    cs_csv_free(&L->csv);
    free(L->col_name);
    free(L->roles);
    free(L->task_of);
    free(L->value);
    free(L->status);
    free(L->active);
    cs_name_index_free(L->col_index);
    free_task_builds(L);
    free(L->model);
    free(L->base);
    free(L->flops);
    free(L->date);
    free(L->cost);
    free(L->has_cost);
    free(L->line);
    free(L->skipped_model);
    free(L->skipped_line);
    cs_strpool_free(L->strings);
}

/* Warnings are advice: one that cannot be stored for want of memory is
 * left out rather than failing the load. */
static void add_warning(cs_dataset *ds, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Whole, however long: a warning names the data's path and columns, and
 * one cut at a fixed size lost its advice, or ended inside a character. */
static void add_warning(cs_dataset *ds, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    va_end(again);
    char **grown = msg ? realloc(ds->warnings, (ds->n_warnings + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(msg);
        return;
    }
    ds->warnings = grown;
    grown[ds->n_warnings++] = msg;
}

/* A candidate that held mostly scores, CS_MIN_TASK_ROWS of them or more,
 * was probably meant as a task. */
static int nearly_a_task(const task_build *t)
{
    /* Percentages with their sign are scores in another notation. */
    size_t near = t->n_ok + t->n_percent;
    return !t->is_explicit && !t->alive && near >= CS_MIN_TASK_ROWS && t->n_bad - t->n_percent <= near;
}

/* Whether its percentages are most of what rules such a column out. */
static int ruled_out_by_percentages(const task_build *t)
{
    return t->n_percent > 0 && t->n_percent >= t->n_bad - t->n_percent;
}

/* The line of the cell a ruled-out column's warning names. */
static long ruled_out_line(const task_build *t)
{
    return ruled_out_by_percentages(t) ? t->percent_line : t->bad_line;
}

/* Why such a column is not a task: "column 'x' is not a task: 'N/A' is not
 * a number (...)", or "'45%' is a percentage (...)" with what to write. */
static void why_not_a_task(const loader *L, const task_build *t, char *buf, size_t size)
{
    char name[64], word[96];
    cs_quote_short(L->col_name[t->col], name, sizeof name);
    cs_shell_word(L->col_name[t->col], word, sizeof word);
    if (ruled_out_by_percentages(t)) {
        char num[CS_NUMBER_TEXT]; /* what the first one would be as a score */
        percent_as_score(L, t->percent_value, num);
        snprintf(buf, size,
                 "column '%s' is not a task: '%s' is a percentage (%zu of its %zu values %s; write it"
                 " as %s; --task %s makes %s an error)",
                 name, t->percent_text, t->n_percent, t->n_ok + t->n_bad,
                 t->n_percent == 1 ? "is one" : "are", num,
                 word, t->n_percent == 1 ? "it" : "each");
        return;
    }
    snprintf(buf, size,
             "column '%s' is not a task: '%s' %s (%zu of its %zu values %s%s%s; --task %s makes %s an"
             " error)",
             name, t->bad_text, t->bad_why, t->n_bad, t->n_ok + t->n_bad,
             t->n_bad == 1 ? "is not a score" : "are not scores", t->bad_hint[0] ? "; " : "", t->bad_hint,
             word, t->n_bad == 1 ? "it" : "each");
}

/* Say why each column that was nearly a task is not one. */
/* The warning just added, if it was, as the one of column `name`
 * (cs_dataset_not_a_task_why). Without memory it is not noted: the
 * refusal of the name then gives no reason, not another column's. */
static void note_not_a_task(cs_dataset *ds, size_t warnings_before, const char *name)
{
    struct cs_dataset_store *st = ds->store;
    if (!st || ds->n_warnings != warnings_before + 1)
        return;
    size_t n = st->n_not_task + 1;
    char **cols = realloc(st->not_task_column, n * sizeof *cols);
    if (!cols)
        return;
    st->not_task_column = cols;
    size_t *idx = realloc(st->not_task_warning, n * sizeof *idx);
    if (!idx)
        return;
    st->not_task_warning = idx;
    if ((cols[st->n_not_task] = strdup(name)) == NULL)
        return;
    idx[st->n_not_task++] = warnings_before;
}

static void warn_ruled_out(const loader *L, cs_dataset *ds)
{
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        if (!nearly_a_task(t))
            continue;
        char why[640]; /* room for each part at its longest */
        why_not_a_task(L, t, why, sizeof why);
        size_t before = ds->n_warnings;
        add_warning(ds, "%s:%ld: %s", L->name, ruled_out_line(t), why);
        note_not_a_task(ds, before, L->col_name[t->col]);
    }
}

/* Whether a candidate that is no task holds percent scores (85.3 for
 * 0.853): numbers in [0, 100], most above 1 and most not whole (counts,
 * and sizes in billions such as 0.5, 7, 13, 70, are mostly whole),
 * CS_MIN_TASK_ROWS of them or more. */
static int looks_like_percentages(const loader *L, const task_build *t)
{
    return L->cfg->score_scale == 1 && !t->is_explicit && !t->alive && !t->not_percent &&
           t->n_numbers >= CS_MIN_TASK_ROWS && t->max_value > 1 && 2 * t->n_above_one >= t->n_numbers &&
           2 * t->n_fraction > t->n_numbers;
}

/* A pipeline that writes a few benchmarks in percent beside fractions lost
 * those columns unsaid: the others made tasks, so no error named them.
 * score_scale divides every task, so the way to keep them is to write
 * them as fractions (capscope-config(5)). */
static void warn_percent_columns(const loader *L, cs_dataset *ds)
{
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        if (!looks_like_percentages(L, t) || nearly_a_task(t))
            continue;
        char name[64], max[CS_NUMBER_TEXT], frac[CS_NUMBER_TEXT];
        size_t before = ds->n_warnings;
        add_warning(ds,
                    "%s:%ld: column '%s' is not a task: %zu of its %zu values are above 1, up to %s;"
                    " if they are percent scores, write them as fractions (%s as %s; score_scale: 100"
                    " would divide every task)",
                    L->name, L->header_line, cs_quote_short(L->col_name[t->col], name, sizeof name),
                    t->n_above_one, t->n_numbers, cs_number_text(t->max_value, max),
                    max, cs_number_text(t->max_value / 100, frac));
        note_not_a_task(ds, before, L->col_name[t->col]);
    }
}

/* Names are how the journal, :score and suggest's output refer to rows; a
 * repeated name (found when the model index was built) means its first row
 * there, and suggest offers no other (cs_design_candidates). */
static void warn_duplicates(cs_dataset *ds, const cs_name_repeats *rep)
{
    if (rep->n == 0)
        return;
    char shown[72];
    add_warning(ds,
                "%s:%ld: model '%s' is also on line %ld (%zu %s an earlier name; the"
                " journal and :score mean the first, and suggest offers no other)",
                ds->source, ds->line[rep->at], cs_quote_short(ds->model[rep->at], shown, sizeof shown),
                ds->line[rep->first], rep->n, rep->n == 1 ? "row repeats" : "rows repeat");
}

/* A table that lists its base models beside their fine-tunes often leaves
 * a base's own base_model cell empty, as a spreadsheet would. The sampler's
 * groups are one base's rows at one compute (design_strata.c), so such a
 * base stood apart from its fine-tunes, a lone model that the design picks
 * early whatever it costs. A row that rows at its compute name as their
 * base is a base model, its own: taken so, as if it named itself. */
static void take_own_bases(cs_dataset *ds)
{
    if (!ds->base_model)
        return;
    for (size_t i = 0; i < ds->n_rows; i++) {
        if (!ds->base_model[i][0])
            continue;
        long r = cs_dataset_find_model(ds, ds->base_model[i]);
        if (r >= 0 && (size_t)r != i && !ds->base_model[r][0] && ds->z[r] == ds->z[i])
            ds->base_model[r] = ds->model[r]; /* both in the loader's string pool */
    }
}

/* A column mostly outside CS_FLOPS_PLAUSIBLE_MIN .. _MAX is most likely in
 * log10 or in zFLOPs, and every fit on it would be nonsense. A few rows
 * outside are real (LifeArchitect lists a 4.7M-parameter model at 4.4e13)
 * and are left alone. */

static void warn_flops_range(cs_dataset *ds)
{
    size_t n_out = 0, at = 0;
    for (size_t i = 0; i < ds->n_rows; i++)
        if (!(ds->flops[i] >= CS_FLOPS_PLAUSIBLE_MIN && ds->flops[i] <= CS_FLOPS_PLAUSIBLE_MAX) &&
            n_out++ == 0)
            at = i;
    if (2 * n_out <= ds->n_rows)
        return;
    add_warning(ds,
                "%s:%ld: flops %g: %zu of %zu rows lie outside " CS_FLOPS_PLAUSIBLE_TEXT "; flops are absolute"
                " FLOPs such as 7.2e23, not log10 or zFLOPs",
                ds->source, ds->line[at], ds->flops[at], n_out, ds->n_rows);
}

/* A build that becomes one of the dataset's tasks. */
static int kept_as_task(const task_build *t)
{
    return t->is_explicit || (t->alive && !t->all_flags && t->n_scored > 0);
}

/* How many task names `want` lists, when it is two or more of the data's
 * tasks joined by commas ("reasoning,math", "reasoning, math"); else 0. The
 * user meant a list where each name is given on its own (--task, a YAML
 * sequence), and the nearest-name guess would offer one of them as a typo. */
static size_t listed_tasks(const loader *L, const char *want)
{
    size_t n = 0;
    const char *p = want;
    for (;;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, ",");
        while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        char name[256];
        if (len == 0 || len >= sizeof name)
            return 0;
        memcpy(name, p, len);
        name[len] = '\0';
        size_t col = find_column(L, name);
        if (col == NO_COLUMN || L->task_of[col] < 0 || !kept_as_task(&L->tasks[L->task_of[col]]))
            return 0;
        n++;
        p = strchr(p, ',');
        if (!p)
            return n >= 2 ? n : 0;
        p++;
    }
}

/* "unknown column 'Reasoning': did you mean 'reasoning'? (case differs;
 * tasks: reasoning, math, code)": the data's tasks only, as detection found
 * them, and the nearest one when it differs by case or a typo or two. */
static int unknown_task_error(const loader *L)
{
    const char *want = L->unknown_task;
    char list[480], text[CS_UNKNOWN_TASK_TEXT];
    cs_namelist tasks;
    cs_namelist_init(&tasks, want, CS_NAMES_LISTED, list, sizeof list);
    for (size_t k = 0; k < L->n_tasks; k++)
        if (kept_as_task(&L->tasks[k]))
            cs_namelist_add(&tasks, L->col_name[L->tasks[k].col]);
    cs_namelist_end(&tasks);
    size_t listed = tasks.n ? listed_tasks(L, want) : 0;
    if (listed) {
        char shown[CS_NAMES_SHOWN];
        return cs_error_set(L->err, CS_ERR_INPUT, L->unknown_file, L->unknown_line,
                            "unknown column '%s': a list of %zu tasks? name each on its own"
                            " (%s: %s)", cs_quote_short(want, shown, sizeof shown), listed,
                            tasks.n == 1 ? "task" : "tasks", list);
    }
    return cs_error_set(L->err, CS_ERR_INPUT, L->unknown_file, L->unknown_line, "unknown column %s",
                        cs_unknown_task_text(&tasks, text, sizeof text));
}

/* No row to keep: none after the header, or none with flops. */
static int no_rows_error(const loader *L)
{
    if (L->n_records == 0)
        return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line, "no data rows after the header");
    return cs_error_set(L->err, CS_ERR_INPUT, L->name, 0, "no row has flops > 0 (all %zu rows dropped: flops %s)",
                        L->n_dropped,
                        L->n_tiny_flops ? "empty, <= 0 or nearer 0 than a double holds" : "empty or <= 0");
}

/* A task the user named needs CS_MIN_TASK_ROWS rows to fit, unless the
 * caller reads sparse tasks; the error points at the config's line that
 * named it, when a config did. */
static int check_explicit_tasks(const loader *L)
{
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        if (t->is_explicit && t->n_scored < CS_MIN_TASK_ROWS && !L->cfg->sparse_tasks) {
            const char *file = t->cfg_line > 0 && L->cfg->path ? L->cfg->path : L->name;
            long line = t->cfg_line > 0 && L->cfg->path ? t->cfg_line : 0;
            return cs_error_set(L->err, CS_ERR_INPUT, file, line,
                                "task '%s' has %zu usable row%s (a score and flops > 0), fewer than %d",
                                L->col_name[t->col], t->n_scored, t->n_scored == 1 ? "" : "s",
                                CS_MIN_TASK_ROWS);
        }
    }
    return 0;
}

static size_t count_kept_tasks(const loader *L)
{
    size_t n_kept = 0;
    for (size_t k = 0; k < L->n_tasks; k++)
        n_kept += kept_as_task(&L->tasks[k]);
    return n_kept;
}

/* Most specific first: a column of scores but for a few cells (the
 * warning there would be, but without a task it is the error), a column
 * of percentages, a column of 0/1 flags. */
static int no_task_error(const loader *L)
{
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        if (nearly_a_task(t)) {
            char why[640]; /* room for each part at its longest */
            why_not_a_task(L, t, why, sizeof why);
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, ruled_out_line(t), "no task column: %s", why);
        }
    }
    for (size_t k = 0; k < L->n_tasks && L->cfg->score_scale == 1; k++) {
        const task_build *t = &L->tasks[k];
        if (!t->alive && !t->not_percent && t->max_value > 1 && 2 * t->n_above_one >= t->n_numbers) {
            char name[64], max[CS_NUMBER_TEXT];
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                                "no task column: no column holds only scores in [0, 1]; '%s'"
                                " holds numbers up to %s: percentages? score_scale: 100 in a"
                                " --config file reads them",
                                cs_quote_short(L->col_name[t->col], name, sizeof name),
                                cs_number_text(t->max_value, max));
        }
    }
    /* A column of 0s and 1s reads as flags, not scores (capscope-config(5)). */
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        char word[96];
        if (t->alive && t->all_flags && t->n_scored > 0)
            return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                                "no task column: '%s' holds only 0 and 1, read as a flag, not"
                                " scores (--task %s makes it a task)",
                                L->col_name[t->col], cs_shell_word(L->col_name[t->col], word, sizeof word));
    }
    /* A benchmark named for tokens ("RULER 128k tokens") is passed over as
     * a count, unread: "no column holds only scores" would be said of a
     * column of scores, with no word of why it was not one. */
    char cols[320], counted[160] = "";
    for (size_t j = 0; j < L->n_cols; j++) {
        const char *name = L->col_name[j];
        if (!L->roles[j] && name[0] && !pandas_unnamed(name) && counted_by_name(name) && !never_a_task(name)) {
            char shown[64], word[96];
            snprintf(counted, sizeof counted,
                     "; '%s' is passed over by its name, as a count of tokens or parameters (--task %s"
                     " makes it a task)",
                     cs_quote_short(name, shown, sizeof shown), cs_shell_word(name, word, sizeof word));
            break;
        }
    }
    return cs_error_set(L->err, CS_ERR_INPUT, L->name, L->header_line,
                        "no task column: no column holds only scores in [0, 1] (%s)%s",
                        column_list(L, cols, sizeof cols), counted);
}

/* The kept tasks, their columns moved out of the builds and grown to
 * every row, scored or not (a sparse task may have none yet); NULL when
 * memory ran out, the builds then still owning what was not moved. */
static cs_task *take_tasks(loader *L, size_t n_kept)
{
    cs_task *tasks = calloc(n_kept, sizeof *tasks);
    if (!tasks)
        return NULL;
    size_t kt = 0;
    for (size_t k = 0; k < L->n_tasks; k++) {
        task_build *t = &L->tasks[k];
        if (!kept_as_task(t))
            continue;
        int room = task_room(t, L->n - 1);
        tasks[kt].name = strdup(L->col_name[t->col]);
        if (room != 0 || !tasks[kt].name) {
            for (size_t i = 0; i <= kt; i++) {
                free(tasks[i].name);
                free(tasks[i].y);
                free(tasks[i].has);
            }
            free(tasks);
            return NULL;
        }
        tasks[kt].y = t->y;
        tasks[kt].has = t->has;
        tasks[kt].n_scored = t->n_scored;
        t->y = NULL;
        t->has = NULL;
        kt++;
    }
    return tasks;
}

/* The rows' columns and their strings move from the loader to the
 * dataset, with an index of the model names (repeats counts the names
 * seen before). */
static void hand_over_rows(loader *L, cs_dataset *ds, struct cs_dataset_store *store,
                           cs_name_repeats *repeats)
{
    ds->n_rows = L->n;
    ds->model = L->model;
    ds->base_model = L->base;
    ds->flops = L->flops;
    ds->date = L->date;
    /* Left NULL for want of memory: the undated message then says less. */
    ds->date_column = L->c_date != NO_COLUMN ? strdup(L->col_name[L->c_date]) : NULL;
    ds->cost = L->cost;
    ds->has_cost = L->has_cost;
    ds->line = L->line;
    ds->n_dropped_flops = L->n_dropped;
    ds->n_tiny_flops = L->n_tiny_flops;
    ds->n_derived_flops = L->n_derived;
    ds->header_line = L->header_line;
    store->strings = L->strings;
    store->models = cs_name_index_build(ds->model, ds->n_rows, repeats); /* NULL: find_model scans */
    store->name_repeats = store->models ? repeats->n : 0;
    store->skipped_model = L->skipped_model;
    store->skipped_line = L->skipped_line;
    store->n_skipped = L->n_skipped;
    /* NULL: cs_dataset_skipped_line scans */
    store->skipped = L->n_skipped ? cs_name_index_build(L->skipped_model, L->n_skipped, NULL) : NULL;
    L->skipped_model = NULL;
    L->skipped_line = NULL;
    ds->store = store;
    L->model = L->base = NULL;
    L->flops = L->cost = NULL;
    L->date = NULL;
    L->has_cost = NULL;
    L->line = NULL;
    L->strings = NULL;
}

/* An optional role that the config does not name, whose default name a
 * column has but for case: that column is not the role, as 'Model' is not
 * the model (an error), and its dates, costs or bases would be left out
 * unseen. */
static void warn_roles_in_case(const loader *L, cs_dataset *ds)
{
    const struct {
        size_t col;
        const char *configured, *name, *key;
    } optional[] = {
        { L->c_date, L->cfg->date_col, "date", "date" },
        { L->c_cost, L->cfg->cost_col, "params_b", "cost" },
        { L->c_base, L->cfg->base_model_col, "base_model", "base_model" },
    };
    for (size_t k = 0; k < sizeof optional / sizeof optional[0]; k++) {
        char hint[200];
        if (optional[k].col != NO_COLUMN || optional[k].configured ||
            !case_hint(L, optional[k].name, optional[k].key, hint, sizeof hint)[0])
            continue;
        add_warning(ds, "%s:%ld: no '%s' column%s", L->name, L->header_line, optional[k].name, hint);
    }
}

/* score_scale divides every task: a column of fractions beside the
 * percentages it is meant for becomes scores of at most 1/score_scale,
 * which a fit cannot tell from 0. Taken (the user may have a task nobody
 * scores 1% on), and said, with the two ways out: there is no scale of
 * one column's own, so the column is rewritten or left out. */
static void warn_scaled_fractions(const loader *L, cs_dataset *ds)
{
    double scale = L->cfg->score_scale;
    if (!(scale > 1))
        return;
    for (size_t k = 0; k < L->n_tasks; k++) {
        const task_build *t = &L->tasks[k];
        if (!kept_as_task(t) || t->n_numbers == 0 || t->n_above_one > 0 || t->not_percent)
            continue;
        char name[64], most[CS_NUMBER_TEXT], scale_text[CS_NUMBER_TEXT];
        add_warning(ds,
                    "%s:%ld: task '%s' holds no value above 1, so no score above %s after score_scale %s:"
                    " fractions already? score_scale divides every task: write it in percent too (its"
                    " values times 100), or leave it out with a tasks: list of the others",
                    L->name, L->header_line, cs_quote_short(L->col_name[t->col], name, sizeof name),
                    cs_number_text(1 / scale, most), cs_number_text(scale, scale_text));
    }
}

/* What the load did not refuse but the user should hear of. */
static void add_load_warnings(const loader *L, cs_dataset *ds, const cs_name_repeats *repeats)
{
    warn_ruled_out(L, ds);
    warn_percent_columns(L, ds);
    warn_roles_in_case(L, ds);
    warn_scaled_fractions(L, ds);
    warn_duplicates(ds, repeats); /* none counted when the index could not be built */
    warn_flops_range(ds);
    size_t n_empty = ds->n_dropped_flops - ds->n_tiny_flops;
    if (n_empty) {
        /* Rows that give parameters and tokens where they lack FLOPs need
         * not be lost: say how to keep them, and only when there are such
         * rows (the shared tables' tokens_t is empty where flops are). */
        char pname[64], tname[64];
        if (L->n_derivable)
            add_warning(ds, "%s: %zu row%s without flops (empty or <= 0) skipped; %zu of them give%s '%s' and "
                        "'%s', from which derive_flops in a --config file computes flops", ds->source, n_empty,
                        n_empty == 1 ? "" : "s", L->n_derivable, L->n_derivable == 1 ? "s" : "",
                        cs_quote_short(L->col_name[L->c_param_hint], pname, sizeof pname),
                        cs_quote_short(L->col_name[L->c_token_hint], tname, sizeof tname));
        else
            add_warning(ds, "%s: %zu row%s without flops (empty or <= 0) skipped", ds->source, n_empty,
                        n_empty == 1 ? "" : "s");
    }
    if (ds->n_tiny_flops) {
        char why[96];
        cs_number_beyond_text(CS_NUM_TINY, " FLOPs", why, sizeof why);
        size_t n = ds->n_tiny_flops;
        if (L->tiny_derived)
            add_warning(ds, "%s:%ld: derive_flops: 6 * %s * %s is %s: %zu row%s with such flops skipped",
                        ds->source, L->tiny_line, L->col_name[L->c_params], L->col_name[L->c_tokens], why, n,
                        n == 1 ? "" : "s");
        else
            add_warning(ds, "%s:%ld: flops '%s' is %s: %zu row%s with such flops skipped", ds->source,
                        L->tiny_line, L->tiny_text, why, n, n == 1 ? "" : "s");
    }
}

/* Move the finished tables into a dataset, or say why there is none. */
static int build_dataset(loader *L, cs_dataset **out)
{
    if (L->n == 0)
        return no_rows_error(L);
    if (L->unknown_task)
        return unknown_task_error(L);
    if (check_explicit_tasks(L) != 0)
        return -1;
    size_t n_kept = count_kept_tasks(L);
    if (n_kept == 0)
        return no_task_error(L);

    cs_dataset *ds = calloc(1, sizeof *ds);
    struct cs_dataset_store *store = calloc(1, sizeof *store);
    double *z = malloc(L->n * sizeof *z);
    char *source = strdup(L->name);
    cs_task *tasks = ds && store && z && source ? take_tasks(L, n_kept) : NULL;
    if (!tasks) {
        free(ds);
        free(store);
        free(z);
        free(source);
        return oom(L);
    }
    for (size_t i = 0; i < L->n; i++)
        z[i] = log10(L->flops[i]);
    ds->source = source;
    ds->z = z;
    ds->n_tasks = n_kept;
    ds->tasks = tasks;
    cs_name_repeats repeats;
    hand_over_rows(L, ds, store, &repeats);
    take_own_bases(ds);
    add_load_warnings(L, ds, &repeats);
    *out = ds;
    return 0;
}

static int parse_hooked(const char *text, size_t len, const char *name, const cs_config *cfg,
                        const cs_load_hooks *hooks, cs_cancel *cancel, cs_dataset **out, cs_error *err)
{
    *out = NULL;
    const size_t whole = len;
    if (!name)
        name = "";
    /* Named '-' as every other fault of standard input is (contract: FILE:
     * what is wrong); "file is empty" would speak of a file that is not there. */
    int is_stdin = strcmp(name, "-") == 0;
    const char *empty = is_stdin ? "standard input is empty" : "file is empty";
    if (len == 0)
        return cs_error_set(err, CS_ERR_INPUT, name, 0, "%s", empty);
    int text_ok = hooks && hooks->no_stdin ? cs_check_utf8_text_unpiped(text, len, name, err)
                                           : cs_check_utf8_text(text, len, name, err);
    if (text_ok != 0 || load_cancelled(cancel, err))
        return -1;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
        if (len == 0)
            return cs_error_set(err, CS_ERR_INPUT, name, 0, "%s (only a byte-order mark)",
                                empty);
    }

    loader L = { .name = name, .err = err, .cancel = cancel, .n_bytes = whole };
    if (hooks) {
        L.progress = hooks->progress;
        L.progress_ctx = hooks->progress_ctx;
    }
    if (!cfg) {
        cs_config_init(&L.defaults);
        cfg = &L.defaults;
    }
    L.cfg = cfg;
    L.strings = cs_strpool_new();
    if (!L.strings)
        return oom(&L);
    cs_csv_init(&L.csv, text, len, name);
    int rc = read_header(&L);
    if (rc == 0)
        rc = resolve_roles(&L);
    if (rc == 0)
        rc = choose_tasks(&L);
    if (rc == 0)
        rc = read_rows(&L);
    if (rc == 0)
        rc = load_cancelled(cancel, err);
    if (rc == 0)
        rc = build_dataset(&L, out);
    loader_free(&L);
    return rc;
}

int cs_dataset_parse(const char *text, size_t len, const char *name, const cs_config *cfg,
                     cs_dataset **out, cs_error *err)
{
    return parse_hooked(text, len, name, cfg, NULL, NULL, out, err);
}

char *cs_load_progress_text(size_t bytes, size_t records, char buf[CS_LOAD_PROGRESS_TEXT])
{
    if (records) {
        char count[CS_COUNT_TEXT];
        snprintf(buf, CS_LOAD_PROGRESS_TEXT, "%s row%s", cs_count_text(records, count), records == 1 ? "" : "s");
        return buf;
    }
    if (!bytes) {
        buf[0] = '\0';
        return buf;
    }
    if (bytes < 1000) {
        snprintf(buf, CS_LOAD_PROGRESS_TEXT, "%zu byte%s read", bytes, bytes == 1 ? "" : "s");
        return buf;
    }
    /* The unit in which the value rounds below 1000: 999,960 bytes is
     * "1.0 MB", not "1000.0 kB". */
    static const char *const units[] = { "kB", "MB", "GB", "TB", "PB", "EB" };
    double v = (double)bytes / 1000.0;
    size_t u = 0;
    while (v >= 999.95 && u + 1 < sizeof units / sizeof units[0]) {
        v /= 1000.0;
        u++;
    }
    snprintf(buf, CS_LOAD_PROGRESS_TEXT, "%.1f %s read", v, units[u]);
    return buf;
}

int cs_dataset_load_hooked(const char *path, const cs_config *cfg, const cs_load_hooks *hooks, cs_dataset **out,
                           cs_error *err)
{
    *out = NULL;
    if (!path || !path[0])
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "no data file name");
    cs_cancel cancel = { .ask = hooks ? hooks->cancel : NULL, .arg = hooks ? hooks->cancel_arg : NULL };
    char *text;
    size_t len;
    if (cs_read_text_file_hooked(path, &cancel, hooks, &text, &len, err) != 0)
        return -1;
    int rc = load_cancelled(&cancel, err);
    if (rc == 0)
        rc = parse_hooked(text, len, path, cfg, hooks, &cancel, out, err);
    free(text);
    return rc;
}

int cs_dataset_load(const char *path, const cs_config *cfg, cs_dataset **out, cs_error *err)
{
    return cs_dataset_load_hooked(path, cfg, NULL, out, err);
}

int cs_dataset_subset(const cs_dataset *ds, const unsigned char *keep, cs_dataset **out,
                      cs_error *err)
{
    *out = NULL;
    size_t n = 0, cap;
    for (size_t i = 0; i < ds->n_rows; i++)
        n += keep[i] != 0;
    cap = n ? n : 1;
    cs_dataset *s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    /* Built by hand (store NULL): cs_dataset_free frees each string. */
    s->source = strdup(ds->source ? ds->source : "");
    s->model = calloc(cap, sizeof *s->model);
    s->base_model = ds->base_model ? calloc(cap, sizeof *s->base_model) : NULL;
    s->flops = malloc(cap * sizeof *s->flops);
    s->z = malloc(cap * sizeof *s->z);
    s->date = malloc(cap * sizeof *s->date);
    s->cost = malloc(cap * sizeof *s->cost);
    s->has_cost = malloc(cap);
    s->line = malloc(cap * sizeof *s->line);
    s->tasks = calloc(ds->n_tasks ? ds->n_tasks : 1, sizeof *s->tasks);
    if (!s->source || !s->model || (ds->base_model && !s->base_model) || !s->flops || !s->z ||
        !s->date || !s->cost || !s->has_cost || !s->line || !s->tasks)
        goto oom;
    s->n_tasks = ds->n_tasks;
    for (size_t k = 0; k < ds->n_tasks; k++) {
        cs_task *t = &s->tasks[k];
        t->name = strdup(ds->tasks[k].name);
        t->y = malloc(cap * sizeof *t->y);
        t->has = malloc(cap);
        if (!t->name || !t->y || !t->has)
            goto oom;
    }
    s->n_dropped_flops = ds->n_dropped_flops;
    s->n_tiny_flops = ds->n_tiny_flops;
    if (ds->date_column && !(s->date_column = strdup(ds->date_column)))
        goto oom;
    s->n_derived_flops = ds->n_derived_flops;
    s->header_line = ds->header_line;
    for (size_t i = 0, j = 0; i < ds->n_rows; i++) {
        if (!keep[i])
            continue;
        s->n_rows = j + 1; /* so that a failure frees the strings copied so far */
        s->model[j] = strdup(ds->model[i]);
        if (!s->model[j] || (s->base_model && !(s->base_model[j] = strdup(ds->base_model[i]))))
            goto oom;
        s->flops[j] = ds->flops[i];
        s->z[j] = ds->z[i];
        s->date[j] = ds->date[i];
        s->cost[j] = ds->cost[i];
        s->has_cost[j] = ds->has_cost[i];
        s->line[j] = ds->line[i];
        for (size_t k = 0; k < ds->n_tasks; k++) {
            s->tasks[k].y[j] = ds->tasks[k].y[i];
            s->tasks[k].has[j] = ds->tasks[k].has[i];
            s->tasks[k].n_scored += ds->tasks[k].has[i];
        }
        j++;
    }
    *out = s;
    return 0;
oom:
    cs_dataset_free(s);
    return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
}

void cs_dataset_free(cs_dataset *ds)
{
    if (!ds)
        return;
    if (ds->store) {
        cs_strpool_free(ds->store->strings);
        cs_name_index_free(ds->store->models);
        cs_name_index_free(ds->store->skipped);
        for (size_t k = 0; k < ds->store->n_not_task; k++)
            free(ds->store->not_task_column[k]);
        free(ds->store->not_task_column);
        free(ds->store->not_task_warning);
        free(ds->store->skipped_model);
        free(ds->store->skipped_line);
        free(ds->store);
    } else {
        for (size_t i = 0; i < ds->n_rows; i++) {
            if (ds->model)
                free(ds->model[i]);
            if (ds->base_model)
                free(ds->base_model[i]);
        }
    }
    for (size_t k = 0; k < ds->n_tasks; k++) {
        free(ds->tasks[k].name);
        free(ds->tasks[k].y);
        free(ds->tasks[k].has);
    }
    free(ds->tasks);
    for (size_t k = 0; k < ds->n_warnings; k++)
        free(ds->warnings[k]);
    free(ds->warnings);
    free(ds->source);
    free(ds->model);
    free(ds->base_model);
    free(ds->flops);
    free(ds->z);
    free(ds->date);
    free(ds->date_column);
    free(ds->cost);
    free(ds->has_cost);
    free(ds->line);
    free(ds);
}

size_t cs_dataset_n_undated(const cs_dataset *ds)
{
    size_t n = 0;
    for (size_t i = 0; i < ds->n_rows; i++)
        n += ds->date[i] == CS_NO_DATE;
    return n;
}

const char *cs_dataset_undated_why(const cs_dataset *ds, char *buf, size_t size)
{
    for (size_t i = 0; i < ds->n_rows; i++)
        if (ds->date[i] != CS_NO_DATE)
            return NULL;
    if (!ds->date_column) {
        snprintf(buf, size, "no row has a date; splits need a date column (name it with --config)");
        return buf;
    }
    char shown[72];
    /* Dates on rows dropped for want of flops are not in the data. */
    snprintf(buf, size, "column '%s' is empty in every row%s; splits need dates (YYYY-MM-DD)",
             cs_quote_short(ds->date_column, shown, sizeof shown),
             ds->n_dropped_flops ? " with flops" : "");
    return buf;
}

int cs_dataset_task_index(const cs_dataset *ds, const char *name)
{
    for (size_t k = 0; ds && name && k < ds->n_tasks; k++)
        if (strcmp(ds->tasks[k].name, name) == 0)
            return (int)k;
    return -1;
}

const char *cs_dataset_not_a_task_why(const cs_dataset *ds, const char *name)
{
    if (!ds || !name)
        return NULL;
    /* A loaded file's: by the column's whole name. */
    if (ds->store) {
        const struct cs_dataset_store *st = ds->store;
        for (size_t k = 0; k < st->n_not_task; k++)
            if (strcmp(st->not_task_column[k], name) == 0 && st->not_task_warning[k] < ds->n_warnings)
                return ds->warnings[st->not_task_warning[k]];
        return NULL;
    }
    /* Shortened as the warnings shorten it (why_not_a_task, warn_percent_columns). */
    char quoted[64], column[96];
    snprintf(column, sizeof column, "column '%s' is not a task: ", cs_quote_short(name, quoted, sizeof quoted));
    for (size_t i = 0; i < ds->n_warnings; i++)
        if (strstr(ds->warnings[i], column))
            return ds->warnings[i];
    return NULL;
}

size_t cs_dataset_name_repeats(const cs_dataset *ds)
{
    return ds && ds->store && ds->store->models ? ds->store->name_repeats : SIZE_MAX;
}

long cs_dataset_find_model(const cs_dataset *ds, const char *name)
{
    if (!ds || !name)
        return -1;
    if (ds->store && ds->store->models)
        return cs_name_index_find(ds->store->models, ds->model, name);
    for (size_t i = 0; i < ds->n_rows; i++)
        if (strcmp(ds->model[i], name) == 0)
            return (long)i;
    return -1;
}

long cs_dataset_skipped_line(const cs_dataset *ds, const char *name)
{
    if (!ds || !name || !ds->store || ds->store->n_skipped == 0)
        return 0;
    const struct cs_dataset_store *st = ds->store;
    long i = -1;
    if (st->skipped)
        i = cs_name_index_find(st->skipped, st->skipped_model, name);
    else
        for (size_t k = 0; k < st->n_skipped && i < 0; k++)
            if (strcmp(st->skipped_model[k], name) == 0)
                i = (long)k;
    return i < 0 ? 0 : st->skipped_line[i];
}

const char *cs_dataset_skipped_why(const cs_dataset *ds, const char *name, char *buf, size_t size)
{
    long line = cs_dataset_skipped_line(ds, name);
    if (!line)
        return NULL;
    char shown[72];
    snprintf(buf, size,
             "model '%s' has no flops (%s:%ld): its row was skipped, as rows without flops are;"
             " give it flops in the data file",
             cs_quote_short(name, shown, sizeof shown), ds->source, line);
    return buf;
}

int cs_dataset_set_score(cs_dataset *ds, size_t row, size_t task, double value, cs_error *err)
{
    if (!ds || row >= ds->n_rows)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "row %zu is out of range (the data has %zu rows)",
                            row, ds ? ds->n_rows : 0);
    if (task >= ds->n_tasks)
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "task %zu is out of range (the data has %zu tasks)",
                            task, ds->n_tasks);
    cs_task *t = &ds->tasks[task];
    if (isnan(value)) {
        if (t->has[row]) {
            t->has[row] = 0;
            t->y[row] = 0.0;
            t->n_scored--;
        }
        return 0;
    }
    if (!(value >= 0 && value <= 1))
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "score %g is outside [0, 1]", value);
    if (!t->has[row]) {
        t->has[row] = 1;
        t->n_scored++;
    }
    t->y[row] = value + 0.0; /* never -0 */
    return 0;
}

size_t cs_dataset_task_xy(const cs_dataset *ds, size_t task, const unsigned char *mask,
                          double *z_out, double *y_out, size_t *rows_out)
{
    if (!ds || task >= ds->n_tasks)
        return 0;
    const cs_task *t = &ds->tasks[task];
    size_t n = 0;
    for (size_t i = 0; i < ds->n_rows; i++) {
        if (!t->has[i] || (mask && !mask[i]))
            continue;
        if (z_out)
            z_out[n] = ds->z[i];
        if (y_out)
            y_out[n] = t->y[i];
        if (rows_out)
            rows_out[n] = i;
        n++;
    }
    return n;
}
