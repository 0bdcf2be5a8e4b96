/* config.c - the YAML config (schema in config.h), read with libyaml's event
 * API.
 *
 * Events rather than libyaml's document tree: the schema is two levels deep,
 * a streaming reader can refuse anchors, aliases and deep nesting the moment
 * they appear (so an alias bomb or a million nested brackets costs nothing),
 * and every event carries the line its message needs.
 */
#include "capscope/config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "data_internal.h"

/* The schema needs two levels; the skipped `tui` mapping may use a few more. */
#define MAX_DEPTH 8

void cs_config_init(cs_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->score_scale = 1.0;
    cfg->params_unit = 1.0;
    cfg->tokens_unit = 1.0;
}

/* The config's own strings outside its arrays: one list for the free and
 * the copy, so that a field added to one is in the other (a field the copy
 * missed would be freed twice). */
static const size_t string_fields[] = {
    offsetof(cs_config, model_col),         offsetof(cs_config, flops_col),
    offsetof(cs_config, date_col),          offsetof(cs_config, cost_col),
    offsetof(cs_config, base_model_col),    offsetof(cs_config, derive_params_col),
    offsetof(cs_config, derive_tokens_col), offsetof(cs_config, path),
};
#define N_STRING_FIELDS (sizeof string_fields / sizeof string_fields[0])

static char **string_field(cs_config *cfg, size_t k)
{
    return (char **)((char *)cfg + string_fields[k]);
}

void cs_config_free(cs_config *cfg)
{
    if (!cfg)
        return;
    for (size_t k = 0; k < N_STRING_FIELDS; k++)
        free(*string_field(cfg, k));
    for (size_t i = 0; i < cfg->n_tasks; i++)
        free(cfg->tasks[i]);
    for (size_t i = 0; i < cfg->n_tui; i++) {
        free(cfg->tui[i].key);
        free(cfg->tui[i].value);
    }
    cs_config_init(cfg);
}

/* strdup that copies NULL as NULL; *ok drops to 0 when memory runs out. */
static char *dup_or_null(const char *s, int *ok)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *ok = 0;
    return d;
}

int cs_config_copy(cs_config *dst, const cs_config *src, cs_error *err)
{
    *dst = *src;
    int ok = 1;
    for (size_t k = 0; k < N_STRING_FIELDS; k++)
        *string_field(dst, k) = dup_or_null(*string_field(dst, k), &ok);
    for (size_t i = 0; i < src->n_tasks; i++)
        dst->tasks[i] = dup_or_null(src->tasks[i], &ok);
    for (size_t i = 0; i < src->n_tui; i++) {
        dst->tui[i].key = dup_or_null(src->tui[i].key, &ok);
        dst->tui[i].value = dup_or_null(src->tui[i].value, &ok);
    }
    if (ok)
        return 0;
    cs_config_free(dst); /* free(NULL) for what was not copied */
    return cs_error_set(err, CS_ERR_RUNTIME, NULL, 0, "out of memory");
}

static int add_task(cs_config *cfg, const char *name, long line, cs_error *err, const char *file)
{
    for (size_t i = 0; i < cfg->n_tasks; i++)
        if (strcmp(cfg->tasks[i], name) == 0) {
            if (cfg->task_line[i] > 0 && line > 0)
                return cs_error_set(err, CS_ERR_INPUT, file, line,
                                    "tasks: '%s' is listed twice (also on line %ld)", name,
                                    cfg->task_line[i]);
            return cs_error_set(err, CS_ERR_INPUT, file, line, "task '%s' is named twice", name);
        }
    if (cfg->n_tasks == CS_CONFIG_MAX_TASKS)
        return cs_error_set(err, CS_ERR_INPUT, file, line, "more than %d tasks", CS_CONFIG_MAX_TASKS);
    char *copy = strdup(name);
    if (!copy)
        return cs_error_set(err, CS_ERR_RUNTIME, file, line, "out of memory");
    cfg->task_line[cfg->n_tasks] = line;
    cfg->tasks[cfg->n_tasks++] = copy;
    return 0;
}

int cs_config_add_task(cs_config *cfg, const char *name, cs_error *err)
{
    if (!name || !name[0])
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "a task name is empty");
    return add_task(cfg, name, 0, err, NULL);
}

/* ---- the event reader ---- */

typedef struct reader {
    yaml_parser_t parser;
    const char *text; /* the document, for what libyaml's events leave out (comments) */
    size_t len;
    const char *name;
    cs_error *err;
    cs_config *cfg;
    int depth;
} reader;

static long line_of(const yaml_event_t *ev)
{
    return (long)ev->start_mark.line + 1;
}

static int fail(reader *r, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(reader *r, long line, const char *fmt, ...)
{
    char msg[sizeof r->err->msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return cs_error_set(r->err, CS_ERR_INPUT, r->name, line, "%s", msg);
}

/* Next event, with the checks every event needs: parse errors, anchors and
 * aliases, depth. On failure no event is held. */
static int next_event(reader *r, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&r->parser, ev)) {
        if (r->parser.error == YAML_MEMORY_ERROR)
            return cs_error_set(r->err, CS_ERR_RUNTIME, r->name, 0, "out of memory reading YAML");
        const char *problem = r->parser.problem ? r->parser.problem : "unreadable";
        long line = (long)r->parser.problem_mark.line + 1;
        if (r->parser.context)
            return fail(r, line, "malformed YAML: %s (%s, line %ld)", problem, r->parser.context,
                        (long)r->parser.context_mark.line + 1);
        return fail(r, line, "malformed YAML: %s", problem);
    }
    const yaml_char_t *anchor = NULL;
    switch (ev->type) {
    case YAML_ALIAS_EVENT: {
        long line = line_of(ev);
        char name[64];
        cs_quote_short((const char *)ev->data.alias.anchor, name, sizeof name);
        yaml_event_delete(ev);
        return fail(r, line, "YAML aliases (*%s) are not allowed in a config; write the value out",
                    name);
    }
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        r->depth++;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        r->depth++;
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        r->depth--;
        break;
    default:
        break;
    }
    if (anchor) {
        long line = line_of(ev);
        char name[64];
        cs_quote_short((const char *)anchor, name, sizeof name);
        yaml_event_delete(ev);
        return fail(r, line, "YAML anchors (&%s) are not allowed in a config; write the value out",
                    name);
    }
    /* libyaml decodes a "\0" escape into the value, and C strings end there:
     * "al\0pha" would silently name the column "al". */
    if (ev->type == YAML_SCALAR_EVENT &&
        memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) != NULL) {
        long line = line_of(ev);
        char shown[64];
        cs_quote_short((const char *)ev->data.scalar.value, shown, sizeof shown);
        yaml_event_delete(ev);
        return fail(r, line, "a NUL character (\\0) after '%s': names and settings are text", shown);
    }
    if (r->depth > MAX_DEPTH) {
        long line = line_of(ev);
        yaml_event_delete(ev);
        return fail(r, line, "nesting deeper than %d levels", MAX_DEPTH);
    }
    return 0;
}

static const char *what_is(const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_MAPPING_START_EVENT:
        return "a mapping";
    case YAML_SEQUENCE_START_EVENT:
        return "a list";
    default:
        return "something else";
    }
}

static int is_null(const yaml_event_t *ev)
{
    if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return 0;
    const char *v = (const char *)ev->data.scalar.value;
    return !v[0] || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 || strcmp(v, "Null") == 0 ||
           strcmp(v, "NULL") == 0;
}

/* A quoted "" is no null, but names no column either: the data's columns
 * without a name are ignored (capscope-config(5)), and a role given to one
 * read whatever stood under it, as --task "" is refused for the same reason. */
static int is_column_name(const yaml_event_t *ev)
{
    return ev->type == YAML_SCALAR_EVENT && !is_null(ev) && ev->data.scalar.length > 0;
}

/* The comment on the line of ev, a value YAML read as nothing: a header
 * such as "#Params (B)" named unquoted is one ('#' after a blank starts a
 * comment), which the user did not mean. Into buf, or NULL. */
static const char *comment_on_line(const reader *r, const yaml_event_t *ev, char *buf, size_t size)
{
    const char *p = r->text, *end = r->text + r->len;
    for (size_t line = 0; line < ev->start_mark.line && p < end; p++)
        line += *p == '\n';
    const char *eol = p;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
    const char *hash = p;
    while (hash < eol && !(*hash == '#' && hash > p && (hash[-1] == ' ' || hash[-1] == '\t')))
        hash++;
    while (eol > hash && (eol[-1] == ' ' || eol[-1] == '\t'))
        eol--;
    size_t n = (size_t)(eol - hash);
    char name[256];
    if (hash == eol || n >= sizeof name || memchr(hash, '"', n) || memchr(hash, '\\', n))
        return NULL;
    memcpy(name, hash, n);
    name[n] = '\0';
    return cs_quote_short(name, buf, size);
}

/* What stood where a column name was expected, for the message. */
static const char *name_got(const reader *r, const yaml_event_t *ev, char *buf, size_t size)
{
    if (ev->type != YAML_SCALAR_EVENT)
        return what_is(ev);
    if (!is_null(ev))
        return "an empty name (columns without a name are ignored)";
    char comment[64];
    if (ev->data.scalar.length == 0 && comment_on_line(r, ev, comment, sizeof comment)) {
        snprintf(buf, size, "nothing ('#' starts a comment in YAML: quote the name, \"%s\")", comment);
        return buf;
    }
    return "nothing";
}

/* Consume the rest of a node whose first event was ev (already read). */
static int skip_node(reader *r, const yaml_event_t *first)
{
    if (first->type != YAML_MAPPING_START_EVENT && first->type != YAML_SEQUENCE_START_EVENT)
        return 0;
    int target = r->depth - 1;
    while (r->depth > target) {
        yaml_event_t ev;
        if (next_event(r, &ev) != 0)
            return -1;
        yaml_event_delete(&ev);
    }
    return 0;
}

/* A scalar value holding a column name, into *out (replacing any). */
static int read_name(reader *r, const char *key, char **out, long *line_out)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    long line = line_of(&ev);
    if (!is_column_name(&ev)) {
        char buf[128];
        const char *got = name_got(r, &ev, buf, sizeof buf);
        yaml_event_delete(&ev);
        return fail(r, line, "%s: expected a column name, got %s", key, got);
    }
    char *copy = strdup((const char *)ev.data.scalar.value);
    yaml_event_delete(&ev);
    if (!copy)
        return cs_error_set(r->err, CS_ERR_RUNTIME, r->name, line, "out of memory");
    free(*out);
    *out = copy;
    *line_out = line;
    return 0;
}

static const struct {
    const char *name;
    double value;
} unit_names[] = {
    { "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 }, { "trillion", 1e12 },
};

/* A positive finite number; with allow_units, also a unit name. */
static int read_positive(reader *r, const char *key, int allow_units, double *out, long *line_out)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    long line = line_of(&ev);
    if (ev.type != YAML_SCALAR_EVENT || is_null(&ev)) {
        const char *got = ev.type == YAML_SCALAR_EVENT ? "nothing" : what_is(&ev);
        yaml_event_delete(&ev);
        return fail(r, line, "%s: expected a number, got %s", key, got);
    }
    const char *text = (const char *)ev.data.scalar.value;
    char shown[64];
    cs_quote_short(text, shown, sizeof shown);
    double v = 0;
    int found = 0;
    if (allow_units)
        for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
            if (cs_ascii_casecmp(text, unit_names[i].name) == 0) {
                v = unit_names[i].value;
                found = 1;
            }
    int rc = 0;
    if (!found) {
        cs_num_status st = cs_parse_number(text, &v);
        char buf[CS_NUMBER_TEXT * 2];
        const char *why = cs_number_beyond_why(text, "", buf, sizeof buf);
        if (why) /* in the words both faces use for their options */
            rc = fail(r, line, "%s: %s is %s", key, shown, why);
        else if (st == CS_NUM_RANGE) /* -1e400: its sign is what is wrong */
            rc = fail(r, line, "%s: %s is not positive", key, shown);
        else if (st != CS_NUM_OK && allow_units)
            rc = fail(r, line,
                      "%s: unknown unit '%s' (a number, or one of: thousand, million, billion, "
                      "trillion)",
                      key, shown);
        else if (st != CS_NUM_OK)
            rc = fail(r, line, "%s: '%s' is not a number", key, shown);
        else if (!(v > 0))
            rc = fail(r, line, "%s: %s is not positive", key, shown);
    }
    yaml_event_delete(&ev);
    if (rc == 0) {
        *out = v;
        if (line_out)
            *line_out = line;
    }
    return rc;
}

/* Reads a key of a mapping: 1 with *key set (caller frees), 0 at the
 * mapping's end, -1 on error. Keys must be plain scalars and not repeat. */
typedef struct seen_keys {
    char *name[CS_CONFIG_MAX_TUI];
    long line[CS_CONFIG_MAX_TUI];
    size_t n;
} seen_keys;

static void seen_free(seen_keys *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->name[i]);
}

static int read_key(reader *r, const char *where, seen_keys *seen, char **key, long *line)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    if (ev.type == YAML_MAPPING_END_EVENT) {
        yaml_event_delete(&ev);
        return 0;
    }
    *line = line_of(&ev);
    if (ev.type != YAML_SCALAR_EVENT) {
        const char *got = what_is(&ev);
        yaml_event_delete(&ev);
        return fail(r, *line, "%s%skeys must be names, not %s", where, where[0] ? ": " : "", got);
    }
    *key = strdup((const char *)ev.data.scalar.value);
    yaml_event_delete(&ev);
    if (!*key)
        return cs_error_set(r->err, CS_ERR_RUNTIME, r->name, *line, "out of memory");
    for (size_t i = 0; i < seen->n; i++)
        if (strcmp(seen->name[i], *key) == 0) {
            char shown[64];
            cs_quote_short(*key, shown, sizeof shown);
            free(*key);
            *key = NULL; /* the caller frees what is left in it */
            return fail(r, *line, "duplicate key '%s%s%s' (also on line %ld)", where,
                        where[0] ? "." : "", shown, seen->line[i]);
        }
    if (seen->n < sizeof seen->name / sizeof seen->name[0]) {
        seen->name[seen->n] = strdup(*key);
        seen->line[seen->n] = *line;
        if (seen->name[seen->n])
            seen->n++;
    }
    return 1;
}

static int unknown_key(reader *r, long line, const char *where, const char *key, const char *expected)
{
    char shown[64];
    cs_quote_short(key, shown, sizeof shown);
    return fail(r, line, "unknown key '%s%s%s' (expected one of: %s)", where, where[0] ? "." : "",
                shown, expected);
}

/* The value after `key` must open a collection (`start`: a mapping or a
 * sequence), described by `expected` in the message when it does not.
 * Returns 1 when it opens one, 0 for an empty value (nothing to read), -1. */
static int open_collection(reader *r, const char *key, yaml_event_type_t start,
                           const char *expected)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    long line = line_of(&ev);
    if (ev.type == start) {
        yaml_event_delete(&ev);
        return 1;
    }
    int empty = is_null(&ev);
    const char *got = ev.type == YAML_SCALAR_EVENT ? "a single value" : what_is(&ev);
    int rc = empty ? 0 : fail(r, line, "%s: expected %s, got %s", key, expected, got);
    if (rc == 0)
        rc = skip_node(r, &ev);
    yaml_event_delete(&ev);
    return rc;
}

static int open_mapping(reader *r, const char *key)
{
    return open_collection(r, key, YAML_MAPPING_START_EVENT, "a mapping of keys");
}

/* Reads the value of one key of a mapping: 0, -1 (err set), or KEY_UNKNOWN. */
enum { KEY_UNKNOWN = -2 };
typedef int (*value_reader)(reader *r, const char *key, long line);

/* The keys of a mapping whose start was read, up to its end: each key once
 * (a repeated key is an error), its value through read_value; `expected`
 * lists the known keys for the message about an unknown one. */
static int read_mapping(reader *r, const char *where, value_reader read_value,
                        const char *expected)
{
    seen_keys seen = { 0 };
    int rc;
    char *key = NULL;
    long line;
    while ((rc = read_key(r, where, &seen, &key, &line)) == 1) {
        rc = read_value(r, key, line);
        if (rc == KEY_UNKNOWN)
            rc = unknown_key(r, line, where, key, expected);
        free(key);
        key = NULL;
        if (rc != 0)
            break;
    }
    seen_free(&seen);
    return rc;
}

static int read_column(reader *r, const char *key, long line)
{
    (void)line;
    cs_config *cfg = r->cfg;
    if (strcmp(key, "model") == 0)
        return read_name(r, "columns.model", &cfg->model_col, &cfg->model_line);
    if (strcmp(key, "flops") == 0)
        return read_name(r, "columns.flops", &cfg->flops_col, &cfg->flops_line);
    if (strcmp(key, "date") == 0)
        return read_name(r, "columns.date", &cfg->date_col, &cfg->date_line);
    if (strcmp(key, "cost") == 0)
        return read_name(r, "columns.cost", &cfg->cost_col, &cfg->cost_line);
    if (strcmp(key, "base_model") == 0)
        return read_name(r, "columns.base_model", &cfg->base_model_col, &cfg->base_model_line);
    return KEY_UNKNOWN;
}

static int read_columns(reader *r)
{
    int open = open_mapping(r, "columns");
    if (open <= 0)
        return open;
    return read_mapping(r, "columns", read_column, "model, flops, date, cost, base_model");
}

static int read_tasks(reader *r)
{
    int open = open_collection(r, "tasks", YAML_SEQUENCE_START_EVENT,
                               "a list of column names such as [mmlu, gpqa]");
    if (open <= 0)
        return open;
    for (;;) {
        yaml_event_t ev;
        if (next_event(r, &ev) != 0)
            return -1;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            return 0;
        }
        long line = line_of(&ev);
        if (!is_column_name(&ev)) {
            char buf[128];
            const char *got = name_got(r, &ev, buf, sizeof buf);
            yaml_event_delete(&ev);
            return fail(r, line, "tasks: expected a column name, got %s", got);
        }
        char *name = strdup((const char *)ev.data.scalar.value);
        yaml_event_delete(&ev);
        if (!name)
            return cs_error_set(r->err, CS_ERR_RUNTIME, r->name, line, "out of memory");
        int rc = add_task(r->cfg, name, line, r->err, r->name);
        free(name);
        if (rc != 0)
            return -1;
    }
}

static int read_derive_key(reader *r, const char *key, long line)
{
    (void)line;
    cs_config *cfg = r->cfg;
    if (strcmp(key, "params") == 0)
        return read_name(r, "derive_flops.params", &cfg->derive_params_col, &cfg->derive_params_line);
    if (strcmp(key, "tokens") == 0)
        return read_name(r, "derive_flops.tokens", &cfg->derive_tokens_col, &cfg->derive_tokens_line);
    if (strcmp(key, "params_unit") == 0)
        return read_positive(r, "derive_flops.params_unit", 1, &cfg->params_unit, NULL);
    if (strcmp(key, "tokens_unit") == 0)
        return read_positive(r, "derive_flops.tokens_unit", 1, &cfg->tokens_unit, NULL);
    return KEY_UNKNOWN;
}

static int read_derive(reader *r, long derive_line)
{
    int open = open_mapping(r, "derive_flops");
    if (open <= 0)
        return open;
    cs_config *cfg = r->cfg;
    int rc = read_mapping(r, "derive_flops", read_derive_key,
                          "params, params_unit, tokens, tokens_unit");
    if (rc == 0 && (!cfg->derive_params_col || !cfg->derive_tokens_col))
        rc = fail(r, derive_line, "derive_flops: needs both 'params' and 'tokens' (the %s column is "
                                  "not named)", cfg->derive_params_col ? "tokens" : "params");
    return rc;
}

/* One setting of `tui:`, as text (config.h): a scalar, or a list of
 * scalars joined by commas. */
static int read_tui_key(reader *r, const char *key, long line)
{
    cs_config *cfg = r->cfg;
    if (cfg->n_tui == CS_CONFIG_MAX_TUI)
        return fail(r, line, "tui: more than %d settings", CS_CONFIG_MAX_TUI);
    char shown[64], text[512];
    cs_quote_short(key, shown, sizeof shown);
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    int rc = 0;
    size_t used = 0;
    text[0] = '\0';
    if (is_null(&ev)) {
        /* ~ and null are YAML's nothing, as an empty value is, and are
         * handed over as one (the interface judges it: no theme, no
         * levels): as text, "~" was looked up as a theme's name. */
    } else if (ev.type == YAML_SCALAR_EVENT) {
        if (ev.data.scalar.length >= sizeof text)
            rc = fail(r, line, "tui.%s: the value is too long", shown);
        else
            memcpy(text, ev.data.scalar.value, ev.data.scalar.length + 1);
    } else if (ev.type == YAML_SEQUENCE_START_EVENT) {
        for (;;) {
            yaml_event_t item;
            if (next_event(r, &item) != 0) {
                rc = -1;
                break;
            }
            int end = item.type == YAML_SEQUENCE_END_EVENT;
            if (!end && item.type != YAML_SCALAR_EVENT)
                rc = fail(r, line_of(&item), "tui.%s: expected a list of values, got %s in it", shown,
                          what_is(&item));
            else if (!end && used + item.data.scalar.length + 2 > sizeof text)
                rc = fail(r, line_of(&item), "tui.%s: the list is too long", shown);
            else if (!end)
                used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", used ? "," : "",
                                         (const char *)item.data.scalar.value);
            yaml_event_delete(&item);
            if (end || rc != 0)
                break;
        }
    } else {
        rc = fail(r, line, "tui.%s: expected a value or a list of values, got %s", shown,
                  what_is(&ev));
    }
    yaml_event_delete(&ev);
    if (rc != 0)
        return rc;
    cs_config_setting *s = &cfg->tui[cfg->n_tui];
    s->key = strdup(key);
    s->value = strdup(text);
    s->line = line;
    if (!s->key || !s->value) {
        free(s->key);
        free(s->value);
        return cs_error_set(r->err, CS_ERR_RUNTIME, r->name, line, "out of memory");
    }
    cfg->n_tui++;
    return 0;
}

/* `tui:` is a mapping of settings; empty (nothing, {} or []) is none. */
static int read_tui(reader *r, long line)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    int rc = 0;
    if (ev.type == YAML_MAPPING_START_EVENT) {
        rc = read_mapping(r, "tui", read_tui_key, "");
    } else if (ev.type == YAML_SEQUENCE_START_EVENT) {
        /* [] is none; anything in it is refused, once the list has been
         * read through (a malformed file is said to be malformed first). */
        int target = r->depth - 1, items = 0;
        while (rc == 0 && r->depth > target) {
            yaml_event_t item;
            if (next_event(r, &item) != 0) {
                rc = -1;
                break;
            }
            items += r->depth > target;
            yaml_event_delete(&item);
        }
        if (rc == 0 && items)
            rc = fail(r, line, "tui: expected a mapping of settings (key: value), got a list");
    } else if (!is_null(&ev)) {
        rc = fail(r, line, "tui: expected a mapping of settings (key: value), got %s",
                  ev.type == YAML_SCALAR_EVENT ? "a single value" : what_is(&ev));
    }
    yaml_event_delete(&ev);
    return rc;
}

static int read_top_key(reader *r, const char *key, long line)
{
    if (strcmp(key, "columns") == 0)
        return read_columns(r);
    if (strcmp(key, "tasks") == 0)
        return read_tasks(r);
    if (strcmp(key, "score_scale") == 0)
        return read_positive(r, "score_scale", 0, &r->cfg->score_scale, &r->cfg->score_scale_line);
    if (strcmp(key, "derive_flops") == 0)
        return read_derive(r, line);
    if (strcmp(key, "tui") == 0)
        return read_tui(r, line);
    return KEY_UNKNOWN;
}

static int read_top(reader *r)
{
    return read_mapping(r, "", read_top_key, "columns, tasks, score_scale, derive_flops, tui");
}

/* Expect an event of `type`; anything else is an error at its line. */
static int expect(reader *r, yaml_event_type_t type, const char *what)
{
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    int ok = ev.type == type;
    long line = line_of(&ev);
    yaml_event_delete(&ev);
    return ok ? 0 : fail(r, line, "%s", what);
}

static int read_stream(reader *r)
{
    if (expect(r, YAML_STREAM_START_EVENT, "malformed YAML") != 0)
        return -1;
    yaml_event_t ev;
    if (next_event(r, &ev) != 0)
        return -1;
    if (ev.type == YAML_STREAM_END_EVENT) { /* an empty file: all defaults */
        yaml_event_delete(&ev);
        return 0;
    }
    yaml_event_delete(&ev); /* the document start */
    if (next_event(r, &ev) != 0)
        return -1;
    long line = line_of(&ev);
    int rc;
    if (ev.type == YAML_MAPPING_START_EVENT) {
        yaml_event_delete(&ev);
        rc = read_top(r);
    } else if (is_null(&ev)) {
        yaml_event_delete(&ev);
        rc = 0;
    } else {
        const char *got = ev.type == YAML_SCALAR_EVENT ? "a single value" : what_is(&ev);
        yaml_event_delete(&ev);
        rc = fail(r, line, "the config must be a mapping of keys (columns:, tasks:, ...), not %s", got);
    }
    if (rc != 0)
        return rc;
    if (expect(r, YAML_DOCUMENT_END_EVENT, "malformed YAML: the document does not end") != 0)
        return -1;
    return expect(r, YAML_STREAM_END_EVENT, "more than one YAML document in a config file");
}

int cs_config_parse(const char *text, size_t len, const char *name, cs_config *cfg, cs_error *err)
{
    cs_config_init(cfg);
    if (!name)
        name = "";
    if (cs_check_utf8_text(text, len, name, err) != 0)
        return -1;
    cfg->path = strdup(name);
    if (!cfg->path)
        return cs_error_set(err, CS_ERR_RUNTIME, name, 0, "out of memory");
    reader r = { .text = text, .len = len, .name = name, .err = err, .cfg = cfg };
    if (!yaml_parser_initialize(&r.parser)) {
        cs_config_free(cfg);
        return cs_error_set(err, CS_ERR_RUNTIME, name, 0, "out of memory");
    }
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    int rc = read_stream(&r);
    yaml_parser_delete(&r.parser);
    if (rc != 0)
        cs_config_free(cfg);
    return rc;
}

int cs_config_load(const char *path, cs_config *cfg, cs_error *err)
{
    cs_config_init(cfg);
    if (!path || !path[0])
        return cs_error_set(err, CS_ERR_INPUT, NULL, 0, "no config file name");
    /* A config is a page of YAML; a data file given as one by mistake
     * (--config big.csv) would be read whole before the YAML refused it.
     * A pipe (--config <(...)) is read whole: it has no size to ask. */
    struct stat st;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > CS_CONFIG_MAX_BYTES)
        return cs_error_set(err, CS_ERR_INPUT, path, 0,
                            "is %.1f MiB, too long for a config file (at most 1 MiB)",
                            (double)st.st_size / (1024.0 * 1024.0));
    char *text;
    size_t len;
    if (cs_read_text_file(path, &text, &len, err) != 0)
        return -1;
    int rc = cs_config_parse(text, len, path, cfg, err);
    free(text);
    return rc;
}
