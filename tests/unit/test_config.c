/* test_config.c - the YAML config: every key, units, every error with its
 * line, refusal of anchors, aliases and deep nesting, the mapping of roles
 * onto a CSV, score_scale and derive_flops (by hand on small inputs, and on
 * lifearchitect.csv, whose flops the README says are 6 * N * D).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gsl/gsl_errno.h>

#include "capscope/config.h"
#include "capscope/dataset.h"

static void parse_ok(const char *yaml, cs_config *cfg)
{
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_config_parse(yaml, strlen(yaml), "c.yaml", cfg, &err);
    ck_assert_msg(rc == 0, "unexpected error: %s:%ld: %s", err.file, err.line, err.msg);
}

/* The config must be refused at `line` with exactly `msg` (or, when `msg`
 * ends in '*', a message starting with the rest). */
static void parse_fails(const char *yaml, long line, const char *msg)
{
    cs_config cfg;
    cs_error err;
    memset(&err, 0, sizeof err);
    int rc = cs_config_parse(yaml, strlen(yaml), "c.yaml", &cfg, &err);
    ck_assert_msg(rc == -1, "accepted: expected \"%s\"", msg);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.file, "c.yaml");
    size_t n = strlen(msg);
    if (n && msg[n - 1] == '*')
        ck_assert_msg(strncmp(err.msg, msg, n - 1) == 0, "got \"%s\"", err.msg);
    else
        ck_assert_str_eq(err.msg, msg);
    ck_assert_int_eq(err.line, line);
    /* A failed parse leaves the defaults behind. */
    ck_assert_ptr_null(cfg.model_col);
    ck_assert_ptr_null(cfg.path);
    ck_assert_uint_eq(cfg.n_tasks, 0);
    ck_assert(cfg.score_scale == 1);
    cs_config_free(&cfg);
}

START_TEST(defaults)
{
    cs_config cfg;
    cs_config_init(&cfg);
    ck_assert_ptr_null(cfg.model_col);
    ck_assert_ptr_null(cfg.flops_col);
    ck_assert_ptr_null(cfg.derive_params_col);
    ck_assert_uint_eq(cfg.n_tasks, 0);
    ck_assert(cfg.score_scale == 1 && cfg.params_unit == 1 && cfg.tokens_unit == 1);
    cs_config_free(&cfg);
    cs_config_free(&cfg); /* safe twice */

    static const char *const empty[] = { "", "---\n", "# nothing here\n", "~\n", "columns:\n" };
    for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
        parse_ok(empty[i], &cfg);
        ck_assert_ptr_null(cfg.model_col);
        ck_assert_uint_eq(cfg.n_tasks, 0);
        cs_config_free(&cfg);
    }
}
END_TEST

START_TEST(every_key)
{
    cs_config cfg;
    parse_ok("# capscope config\n"
             "columns:\n"
             "  model: name\n"
             "  flops: compute\n"
             "  date: released\n"
             "  cost: price\n"
             "  base_model: base\n"
             "tasks: [mmlu, \"gpqa diamond\"]\n"
             "score_scale: 100\n"
             "derive_flops:\n"
             "  params: n_params\n"
             "  params_unit: 1e9\n"
             "  tokens: n_tokens\n"
             "  tokens_unit: trillion\n"
             "tui:\n"
             "  theme: dark\n"
             "  quantiles: [0.5, 0.9]\n"
             "  anything: unknown keys are the TUI's to judge\n",
             &cfg);
    ck_assert_str_eq(cfg.path, "c.yaml");
    ck_assert_str_eq(cfg.model_col, "name");
    ck_assert_int_eq(cfg.model_line, 3);
    ck_assert_str_eq(cfg.flops_col, "compute");
    ck_assert_int_eq(cfg.flops_line, 4);
    ck_assert_str_eq(cfg.date_col, "released");
    ck_assert_int_eq(cfg.date_line, 5);
    ck_assert_str_eq(cfg.cost_col, "price");
    ck_assert_int_eq(cfg.cost_line, 6);
    ck_assert_str_eq(cfg.base_model_col, "base");
    ck_assert_int_eq(cfg.base_model_line, 7);
    ck_assert_uint_eq(cfg.n_tasks, 2);
    ck_assert_str_eq(cfg.tasks[0], "mmlu");
    ck_assert_str_eq(cfg.tasks[1], "gpqa diamond");
    ck_assert_int_eq(cfg.task_line[1], 8);
    ck_assert(cfg.score_scale == 100);
    ck_assert_int_eq(cfg.score_scale_line, 9);
    ck_assert_str_eq(cfg.derive_params_col, "n_params");
    ck_assert_int_eq(cfg.derive_params_line, 11);
    ck_assert(cfg.params_unit == 1e9);
    ck_assert_str_eq(cfg.derive_tokens_col, "n_tokens");
    ck_assert_int_eq(cfg.derive_tokens_line, 13);
    ck_assert(cfg.tokens_unit == 1e12);
    /* tui: kept as text for the TUI, a list's items joined by commas */
    ck_assert_uint_eq(cfg.n_tui, 3);
    ck_assert_str_eq(cfg.tui[0].key, "theme");
    ck_assert_str_eq(cfg.tui[0].value, "dark");
    ck_assert_int_eq(cfg.tui[0].line, 16);
    ck_assert_str_eq(cfg.tui[1].key, "quantiles");
    ck_assert_str_eq(cfg.tui[1].value, "0.5,0.9");
    ck_assert_str_eq(cfg.tui[2].value, "unknown keys are the TUI's to judge");

    /* The CLI's --task adds to the config's list. */
    cs_error err;
    ck_assert_int_eq(cs_config_add_task(&cfg, "hle", &err), 0);
    ck_assert_uint_eq(cfg.n_tasks, 3);
    ck_assert_int_eq(cfg.task_line[2], 0);
    ck_assert_int_eq(cs_config_add_task(&cfg, "mmlu", &err), -1);
    ck_assert_str_eq(err.msg, "task 'mmlu' is named twice");
    cs_config_free(&cfg);

    /* Block-style list, flow mapping, quoted numbers. */
    parse_ok("{columns: {model: m}, tasks: [a], score_scale: '100'}\n", &cfg);
    ck_assert_str_eq(cfg.model_col, "m");
    ck_assert(cfg.score_scale == 100);
    cs_config_free(&cfg);
    parse_ok("tasks:\n  - a\n  - b\n", &cfg);
    ck_assert_uint_eq(cfg.n_tasks, 2);
    ck_assert_int_eq(cfg.task_line[1], 3);
    cs_config_free(&cfg);
}
END_TEST

START_TEST(units)
{
    static const struct {
        const char *text;
        double value;
    } ok[] = {
        { "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 }, { "trillion", 1e12 },
        { "Billion", 1e9 },  { "TRILLION", 1e12 }, { "1", 1 },        { "1e9", 1e9 },
        { "1000000", 1e6 },  { "2.5e11", 2.5e11 }, { "'1e12'", 1e12 },
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        char yaml[256];
        snprintf(yaml, sizeof yaml,
                 "derive_flops:\n  params: p\n  tokens: t\n  params_unit: %s\n  tokens_unit: %s\n",
                 ok[i].text, ok[i].text);
        cs_config cfg;
        parse_ok(yaml, &cfg);
        ck_assert_msg(cfg.params_unit == ok[i].value && cfg.tokens_unit == ok[i].value, "%s",
                      ok[i].text);
        cs_config_free(&cfg);
    }
    parse_fails("derive_flops:\n  params: p\n  tokens: t\n  tokens_unit: gazillion\n", 4,
                "derive_flops.tokens_unit: unknown unit 'gazillion' (a number, or one of: thousand, "
                "million, billion, trillion)");
    parse_fails("derive_flops:\n  params: p\n  params_unit: 0\n  tokens: t\n", 3,
                "derive_flops.params_unit: 0 is not positive");
    parse_fails("derive_flops:\n  params: p\n  params_unit: -1e9\n  tokens: t\n", 3,
                "derive_flops.params_unit: -1e9 is not positive");
    parse_fails("derive_flops:\n  params: p\n  params_unit: [1]\n  tokens: t\n", 3,
                "derive_flops.params_unit: expected a number, got a list");
    parse_fails("derive_flops:\n  params: p\n  params_unit: nan\n  tokens: t\n", 3,
                "derive_flops.params_unit: unknown unit 'nan' (a number, or one of: thousand, "
                "million, billion, trillion)");
}
END_TEST

/* A tui: setting's nothing (empty, ~, null) is handed over as nothing,
 * for the interface to judge as it judges an empty value: as text, "~"
 * was looked up as a theme's name. A quoted "~" is text. */
START_TEST(tui_null_is_nothing)
{
    const char *yaml = "tui:\n  theme: ~\n  quantiles: null\n  tau:\n  charset: \"~\"\n";
    cs_config cfg;
    cs_error err;
    ck_assert_int_eq(cs_config_parse(yaml, strlen(yaml), "c.yaml", &cfg, &err), 0);
    ck_assert_uint_eq(cfg.n_tui, 4);
    ck_assert_str_eq(cfg.tui[0].value, "");
    ck_assert_str_eq(cfg.tui[1].value, "");
    ck_assert_str_eq(cfg.tui[2].value, "");
    ck_assert_str_eq(cfg.tui[3].value, "~");
    cs_config_free(&cfg);
}
END_TEST

START_TEST(errors_with_lines)
{
    parse_fails("columns:\n  model: a\n  flops: 'b\n", 4,
                "malformed YAML: found unexpected end of stream (while scanning a quoted scalar, "
                "line 3)");
    parse_fails("columns:\n  model: a\n bad: b\n", 3,
                "malformed YAML: did not find expected key (while parsing a block mapping, line 1)");
    parse_fails("score_scale: 1\n\tcolumns: x\n", 2, "malformed YAML: *");
    parse_fails("colums:\n  model: x\n", 1,
                "unknown key 'colums' (expected one of: columns, tasks, score_scale, derive_flops, tui)");
    parse_fails("columns:\n  model: x\n  modle: y\n", 3,
                "unknown key 'columns.modle' (expected one of: model, flops, date, cost, base_model)");
    parse_fails("derive_flops:\n  params: p\n  token: t\n", 3,
                "unknown key 'derive_flops.token' (expected one of: params, params_unit, tokens, "
                "tokens_unit)");
    parse_fails("score_scale: 1\ntasks: [a]\nscore_scale: 2\n", 3,
                "duplicate key 'score_scale' (also on line 1)");
    parse_fails("columns:\n  model: a\n  model: b\n", 3, "duplicate key 'columns.model' (also on line 2)");
    parse_fails("columns: [a, b]\n", 1, "columns: expected a mapping of keys, got a list");
    parse_fails("columns: model\n", 1, "columns: expected a mapping of keys, got a single value");
    parse_fails("columns:\n  model: {a: b}\n", 2, "columns.model: expected a column name, got a mapping");
    parse_fails("columns:\n  model:\n  flops: f\n", 2, "columns.model: expected a column name, got nothing");
    /* '#' after a blank starts a comment: a header such as "#Params (B)"
     * named unquoted is read as nothing, which the user did not write. */
    parse_fails("columns:\n  model: m\n  cost: #Params (B) \r\n  date: Date\n", 3,
                "columns.cost: expected a column name, got nothing ('#' starts a comment in YAML: quote"
                " the name, \"#Params (B)\")");
    parse_fails("tasks:\n  - a\n  -  #wins\n", 3,
                "tasks: expected a column name, got nothing ('#' starts a comment in YAML: quote the name,"
                " \"#wins\")");
    parse_fails("columns:\n  model: # the name\n", 2,
                "columns.model: expected a column name, got nothing ('#' starts a comment in YAML: quote the name,"
                " \"# the name\")");
    parse_fails("columns:\n  model: #\"x\"\n", 2, "columns.model: expected a column name, got nothing");
    /* A quoted "" is no null, and names no column: a role given to the data's
     * nameless column read what stood under it (a date there, say). */
    parse_fails("columns:\n  model: m\n  date: \"\"\n", 3,
                "columns.date: expected a column name, got an empty name (columns without a name are ignored)");
    parse_fails("derive_flops:\n  params: ''\n  tokens: t\n", 2,
                "derive_flops.params: expected a column name, got an empty name (columns without a name are "
                "ignored)");
    parse_fails("tasks:\n  - a\n  - \"\"\n", 3,
                "tasks: expected a column name, got an empty name (columns without a name are ignored)");
    parse_fails("tasks: mmlu\n", 1,
                "tasks: expected a list of column names such as [mmlu, gpqa], got a single value");
    parse_fails("tasks:\n  - a\n  - [b]\n", 3, "tasks: expected a column name, got a list");
    parse_fails("tasks: [a, b, a]\n", 1, "tasks: 'a' is listed twice (also on line 1)");
    parse_fails("score_scale: abc\n", 1, "score_scale: 'abc' is not a number");
    parse_fails("score_scale: -5\n", 1, "score_scale: -5 is not positive");
    parse_fails("score_scale: {a: 1}\n", 1, "score_scale: expected a number, got a mapping");
    parse_fails("score_scale: 1e999\n", 1, "score_scale: 1e999 is more than a double holds (at most 1.79e308)");
    /* read as 0, but not written as 0: not "is not positive" */
    parse_fails("score_scale: 1e-400\n", 1, "score_scale: 1e-400 is nearer 0 than a double holds (the least is 4.9e-324)");
    /* written negative: the sign is what is wrong, as the options say it */
    parse_fails("score_scale: -1e-400\n", 1, "score_scale: -1e-400 is not positive");
    parse_fails("score_scale: -1e400\n", 1, "score_scale: -1e400 is not positive");
    /* a unit that takes words too: too large, not an unknown word */
    parse_fails("derive_flops:\n  params: p\n  tokens: t\n  params_unit: 1e400\n", 4,
                "derive_flops.params_unit: 1e400 is more than a double holds (at most 1.79e308)");
    parse_fails("derive_flops:\n  params: p\n", 1,
                "derive_flops: needs both 'params' and 'tokens' (the tokens column is not named)");
    parse_fails("derive_flops: [p, t]\n", 1, "derive_flops: expected a mapping of keys, got a list");
    parse_fails("- a\n- b\n", 1, "the config must be a mapping of keys (columns:, tasks:, ...), not a list");
    parse_fails("hello\n", 1,
                "the config must be a mapping of keys (columns:, tasks:, ...), not a single value");
    parse_fails("score_scale: 1\n---\nscore_scale: 2\n", 2, "more than one YAML document in a config file");
    parse_fails("[a]: b\n", 1, "keys must be names, not a list");
    /* A "\0" escape would cut the name short: the column "al", not "al\0pha". */
    parse_fails("tasks: [\"al\\0pha\"]\n", 1, "a NUL character (\\0) after 'al': names and settings are text");
    parse_fails("tui:\n  theme: \"dark\\x00x\"\n", 2,
                "a NUL character (\\0) after 'dark': names and settings are text");
    /* Not text. */
    cs_config cfg;
    cs_error err;
    ck_assert_int_eq(cs_config_parse("tasks: [a]\n\0", 12, "c.yaml", &cfg, &err), -1);
    ck_assert_int_eq(err.line, 2);
    ck_assert(strncmp(err.msg, "file holds a NUL byte", 21) == 0);
    ck_assert_int_eq(cs_config_parse("tasks: [\xE9]\n", 11, "c.yaml", &cfg, &err), -1);
    ck_assert(strncmp(err.msg, "file is not UTF-8 text", 22) == 0);
}
END_TEST

START_TEST(anchors_aliases_and_depth)
{
    parse_fails("columns:\n  model: &m name\n  base_model: *m\n", 2,
                "YAML anchors (&m) are not allowed in a config; write the value out");
    parse_fails("columns:\n  base_model: *m\n", 2,
                "YAML aliases (*m) are not allowed in a config; write the value out");
    /* The "billion laughs" alias bomb, inside the tui section too. */
    parse_fails("tui:\n"
                "  a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
                "  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                "  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                "  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
                2, "YAML anchors (&a) are not allowed in a config; write the value out");
    parse_fails("tasks: &t [a]\n", 1, "YAML anchors (&t) are not allowed in a config; write the value out");
    /* A setting is a value or a flat list: nesting is refused where it starts. */
    parse_fails("tui: {a: {b: {c: {d: {e: {f: {g: {h: 1}}}}}}}}\n", 1,
                "tui.a: expected a value or a list of values, got a mapping");
    parse_fails("tui:\n  x: [1, [2]]\n", 2, "tui.x: expected a list of values, got a list in it");
    parse_fails("tui:\n  x: 1\n  x: 2\n", 3, "duplicate key 'tui.x' (also on line 2)");
    parse_fails("tui: [tau]\n", 1, "tui: expected a mapping of settings (key: value), got a list");
    parse_fails("tui: 5\n", 1, "tui: expected a mapping of settings (key: value), got a single value");
    /* Far deeper than any stack would like: refused at the ninth level, cheaply. */
    size_t depth = 200000;
    char *deep = malloc(2 * depth + 16);
    ck_assert_ptr_nonnull(deep);
    strcpy(deep, "tui: ");
    memset(deep + 5, '[', depth);
    memset(deep + 5 + depth, ']', depth);
    strcpy(deep + 5 + 2 * depth, "\n");
    parse_fails(deep, 1, "nesting deeper than 8 levels");
    free(deep);
}
END_TEST

START_TEST(load_from_file)
{
    char dir[] = "/tmp/capscope-test-config.XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/c.yaml", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("columns:\n  model: name\n\nfoo: 1\n", f);
    fclose(f);
    cs_config cfg;
    cs_error err;
    ck_assert_int_eq(cs_config_load(path, &cfg, &err), -1);
    ck_assert_str_eq(err.file, path);
    ck_assert_int_eq(err.line, 4);
    ck_assert(strncmp(err.msg, "unknown key 'foo'", 17) == 0);
    cs_config_free(&cfg);
    unlink(path);
    ck_assert_int_eq(cs_config_load(path, &cfg, &err), -1);
    ck_assert_str_eq(err.file, path);
    ck_assert_str_eq(err.msg, "cannot open: no such file or directory");
    rmdir(dir);

    for (int i = 0; i < CS_CONFIG_MAX_TASKS; i++) {
        char name[16];
        snprintf(name, sizeof name, "t%d", i);
        ck_assert_int_eq(cs_config_add_task(&cfg, name, &err), 0);
    }
    ck_assert_int_eq(cs_config_add_task(&cfg, "one_more", &err), -1);
    ck_assert_str_eq(err.msg, "more than 64 tasks");
    ck_assert_int_eq(cs_config_add_task(&cfg, "", &err), -1);
    cs_config_free(&cfg);
}
END_TEST

/* ---- the config applied to data ---- */

static void load_fails(const char *yaml, const char *csv, const char *file, long line, const char *msg)
{
    cs_config cfg;
    parse_ok(yaml, &cfg);
    cs_dataset *ds;
    cs_error err;
    ck_assert_int_eq(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err), -1);
    ck_assert_int_eq(err.kind, CS_ERR_INPUT);
    ck_assert_str_eq(err.file, file);
    ck_assert_int_eq(err.line, line);
    ck_assert_str_eq(err.msg, msg);
    cs_config_free(&cfg);
}

START_TEST(roles_from_config)
{
    cs_config cfg;
    parse_ok("columns:\n  model: name\n  flops: compute\n  date: released\n  cost: price\n"
             "  base_model: base\n",
             &cfg);
    const char *csv = "name,compute,released,price,base,acc,flops,model\n"
                      "a,1e22,2024-01-02,3,b1,0.5,0.5,0.5\n"
                      "b,2e22,,,b1,0.25,0.5,0.5\n";
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_str_eq(ds->model[1], "b");
    ck_assert(ds->flops[1] == 2e22);
    ck_assert(ds->has_cost[0] && ds->cost[0] == 3 && !ds->has_cost[1]);
    ck_assert_ptr_eq(ds->base_model[0], ds->base_model[1]);
    ck_assert(ds->date[0] != CS_NO_DATE && ds->date[1] == CS_NO_DATE);
    /* Columns named like the default roles never become tasks. */
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert_str_eq(ds->tasks[0].name, "acc");
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    const char *plain = "model,flops,acc\na,1e22,0.5\n";
    load_fails("\ncolumns:\n  flops: compute\n", plain, "c.yaml", 3,
               "columns.flops: no column 'compute' in t.csv (columns: model, flops, acc)");
    load_fails("columns:\n  model: name\n", plain, "c.yaml", 2,
               "columns.model: no column 'name' in t.csv (columns: model, flops, acc)");
    load_fails("columns:\n  date: when\n", plain, "c.yaml", 2,
               "columns.date: no column 'when' in t.csv (columns: model, flops, acc)");
    load_fails("tasks:\n  - acc\n  - foo\n", plain, "c.yaml", 3,
               "unknown column 'foo' (task: acc)");
    load_fails("derive_flops:\n  params: p\n  tokens: t\n", plain, "c.yaml", 2,
               "derive_flops.params: no column 'p' in t.csv (columns: model, flops, acc)");
    load_fails("tasks: [acc]\n", plain, "c.yaml", 1,
               "task 'acc' has 1 usable row (a score and flops > 0), fewer than 4");
}
END_TEST

/* The copy owns every string of its own (the original freed first, the
 * copy still reads whole) and reads the data as the original does. */
START_TEST(copy_is_deep)
{
    cs_config cfg, copy;
    parse_ok("columns:\n  model: name\n  flops: compute\n  cost: size\n"
             "tasks: [acc, f1]\nscore_scale: 100\n"
             "derive_flops:\n  params: p\n  params_unit: billion\n  tokens: t\n"
             "tui:\n  tau: 0.9\n", &cfg);
    cs_error err;
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(cs_config_copy(&copy, &cfg, &err), 0);
    ck_assert_ptr_ne(copy.model_col, cfg.model_col);
    ck_assert_ptr_ne(copy.tasks[1], cfg.tasks[1]);
    ck_assert_ptr_ne(copy.tui[0].value, cfg.tui[0].value);
    cs_config_free(&cfg);
    ck_assert_str_eq(copy.model_col, "name");
    ck_assert_str_eq(copy.flops_col, "compute");
    ck_assert_str_eq(copy.cost_col, "size");
    ck_assert_ptr_null(copy.date_col);
    ck_assert_uint_eq(copy.n_tasks, 2);
    ck_assert_str_eq(copy.tasks[0], "acc");
    ck_assert_str_eq(copy.tasks[1], "f1");
    ck_assert_int_eq(copy.task_line[1], 5); /* the YAML's fifth line */
    ck_assert(copy.score_scale == 100 && copy.params_unit == 1e9 && copy.tokens_unit == 1);
    ck_assert_str_eq(copy.derive_params_col, "p");
    ck_assert_str_eq(copy.derive_tokens_col, "t");
    ck_assert_uint_eq(copy.n_tui, 1);
    ck_assert_str_eq(copy.tui[0].key, "tau");
    ck_assert_str_eq(copy.tui[0].value, "0.9");

    const char *csv = "name,compute,size,p,t,acc,f1\na,1e22,1,1,1,50,10\nb,1e23,2,1,1,60,20\n"
                      "c,1e24,3,1,1,70,30\nd,,4,2,1,80,40\n";
    cs_dataset *ds;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &copy, &ds, &err) == 0, "%s",
                  err.msg);
    ck_assert_uint_eq(ds->n_tasks, 2);
    /* d's flops derived with the copied units: 6 * 2e9 * 1 */
    ck_assert(ds->tasks[1].y[3] == 0.4 && ds->cost[2] == 3 && ds->flops[3] == 1.2e10);
    cs_dataset_free(ds);
    cs_config_free(&copy);
}
END_TEST

START_TEST(score_scale)
{
    cs_config cfg;
    parse_ok("score_scale: 100\n", &cfg);
    cs_dataset *ds;
    cs_error err;
    const char *csv = "model,flops,pct,flag\na,1e22,50,1\nb,1e22,100,0\nc,1e22,0,1\nd,1e22,12.5,0\n";
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    /* flag is still a 0/1 flag: the scale does not hide it. */
    ck_assert_uint_eq(ds->n_tasks, 1);
    ck_assert(ds->tasks[0].y[0] == 0.5 && ds->tasks[0].y[1] == 1 && ds->tasks[0].y[3] == 0.125);
    ck_assert_uint_eq(ds->n_warnings, 0);
    cs_dataset_free(ds);

    /* A column of fractions beside the percentages is divided too, to
     * scores of at most 0.01 that no fit can tell from 0: it is taken (the
     * scale is the config's to give), and said. */
    csv = "model,flops,pct,frac\na,1e22,50,0.1\nb,1e22,100,0.5\nc,1e22,0,\nd,1e22,12.5,1\n";
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_tasks, 2);
    ck_assert(ds->tasks[1].y[1] == 0.005);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0], "t.csv:1: task 'frac' holds no value above 1, so no score above 0.01"
                                      " after score_scale 100: fractions already? score_scale divides"
                                      " every task: write it in percent too (its values times 100), or"
                                      " leave it out with a tasks: list of the others");
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    load_fails("score_scale: 100\ntasks: [pct]\n", "model,flops,pct\na,1e22,50\n\nb,1e22,150\n", "t.csv",
               4, "column 'pct': score 150 is outside [0, 100] (score_scale 100)");
}
END_TEST

START_TEST(derive_flops_arithmetic)
{
    cs_config cfg;
    parse_ok("derive_flops:\n  params: p\n  params_unit: billion\n  tokens: t\n  tokens_unit: 1e12\n",
             &cfg);
    const char *csv = "model,flops,p,t,acc\n"
                      "a,,7,2,0.5\n"      /* 6 * 7e9 * 2e12 = 8.4e22 */
                      "b,1e20,7,2,0.5\n"  /* has flops: kept as is */
                      "c,,,2,0.5\n"       /* no params: dropped */
                      "d,,0.5,15,0.5\n"   /* 6 * 0.5e9 * 15e12 = 4.5e22 */
                      "e,,7,0,0.5\n";     /* 0 tokens: flops 0, dropped */
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 3);
    ck_assert_uint_eq(ds->n_derived_flops, 2);
    ck_assert_uint_eq(ds->n_dropped_flops, 2);
    ck_assert(fabs(ds->flops[0] / 8.4e22 - 1) < 1e-15);
    ck_assert(ds->flops[1] == 1e20);
    ck_assert(fabs(ds->flops[2] / 4.5e22 - 1) < 1e-15);
    /* p and t feed the derivation; neither is a task although t looks like scores elsewhere. */
    ck_assert_uint_eq(ds->n_tasks, 1);
    cs_dataset_free(ds);

    /* No flops column at all: every row derives. */
    const char *no_flops = "model,p,t,acc\na,1,1,0.5\nb,2,0.5,0.25\n";
    ck_assert_msg(cs_dataset_parse(no_flops, strlen(no_flops), "t.csv", &cfg, &ds, &err) == 0, "%s",
                  err.msg);
    ck_assert_uint_eq(ds->n_derived_flops, 2);
    ck_assert(fabs(ds->flops[0] / 6e21 - 1) < 1e-15 && fabs(ds->flops[1] / 6e21 - 1) < 1e-15);
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    load_fails("derive_flops:\n  params: p\n  tokens: t\n", "model,p,t,acc\na,x,1,0.5\n", "t.csv", 2,
               "column 'p': 'x' is not a number");
}
END_TEST

/* Derived flops that no double holds get the reason a flops cell of that
 * size gets: 6 * 1e-200 * 1e-200 = 6e-400 is dropped as nearer 0 than a
 * double holds, not as empty or <= 0; 6 * 1e200 * 1e200 = 6e400 is refused
 * as more than a double holds. A product a double holds is not lost to a
 * factor beyond one on the way: 6 * 1e300 * 1e9 * 1e-300 * 1 = 6e9. */
START_TEST(derive_flops_beyond_double)
{
    cs_config cfg;
    parse_ok("derive_flops:\n  params: p\n  tokens: t\n", &cfg);
    const char *csv = "model,p,t,acc\n"
                      "a,7e9,1e12,0.5\n"
                      "b,1e-200,1e-200,0.5\n" /* 6e-400 */
                      "c,0,1e12,0.5\n"        /* 0: empty or <= 0 */
                      "d,-1e-200,1e-200,0.5\n" /* <= 0 by its sign */
                      "e,1e-160,1e-160,0.5\n" /* 6e-320: held (subnormal), kept */
                      "f,3e-300,2e-100,0.5\n";/* 3.6e-399 */
    cs_dataset *ds;
    cs_error err;
    ck_assert_msg(cs_dataset_parse(csv, strlen(csv), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 2);
    ck_assert_uint_eq(ds->n_dropped_flops, 4);
    ck_assert_uint_eq(ds->n_tiny_flops, 2);
    ck_assert(ds->flops[1] > 0 && fabs(ds->flops[1] / 6e-320 - 1) < 1e-3);
    ck_assert_uint_eq(ds->n_warnings, 2);
    ck_assert_str_eq(ds->warnings[0], "t.csv: 2 rows without flops (empty or <= 0) skipped");
    ck_assert_str_eq(ds->warnings[1], "t.csv:3: derive_flops: 6 * p * t is nearer 0 than a double holds"
                                      " (the least is 4.9e-324 FLOPs): 2 rows with such flops skipped");
    cs_dataset_free(ds);

    /* 4.9e-324 taken left to right, the least double: kept, as a cell of
     * that number is (with the powers of two apart it was rounded twice, to 0). */
    const char *least = "model,p,t,acc\na,7e9,1e12,0.5\nb,3.6177714021567032e-166,1.1380524797363593e-159,0.5\n";
    ck_assert_msg(cs_dataset_parse(least, strlen(least), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 2);
    ck_assert_uint_eq(ds->n_tiny_flops, 0);
    ck_assert(ds->flops[1] == 4.9406564584124654e-324);
    cs_dataset_free(ds);

    /* A written 1e-400 beside a derived one: one count, the first row's words. */
    const char *mixed = "model,flops,p,t,acc\n"
                        "a,1e22,1,1,0.5\n"
                        "b,1e-400,1,1,0.5\n"
                        "c,,1e-200,1e-200,0.5\n";
    ck_assert_msg(cs_dataset_parse(mixed, strlen(mixed), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_tiny_flops, 2);
    ck_assert_uint_eq(ds->n_warnings, 1);
    ck_assert_str_eq(ds->warnings[0], "t.csv:3: flops '1e-400' is nearer 0 than a double holds"
                                      " (the least is 4.9e-324 FLOPs): 2 rows with such flops skipped");
    cs_dataset_free(ds);
    cs_config_free(&cfg);

    load_fails("derive_flops:\n  params: p\n  tokens: t\n", "model,p,t,acc\na,1e-200,1e-200,0.5\n", "t.csv",
               0, "no row has flops > 0 (all 1 rows dropped: flops empty, <= 0 or nearer 0 than a double"
                  " holds)");
    load_fails("derive_flops:\n  params: p\n  tokens: t\n", "model,p,t,acc\na,1,1,0.5\nb,1e200,1e200,0.5\n",
               "t.csv", 3,
               "derive_flops: 6 * p * t is more than a double holds (at most 1.79e308 FLOPs)");

    parse_ok("derive_flops:\n  params: p\n  params_unit: billion\n  tokens: t\n", &cfg);
    const char *detour = "model,p,t,acc\na,1e300,1e-300,0.5\nb,1e-300,1e300,0.5\n";
    ck_assert_msg(cs_dataset_parse(detour, strlen(detour), "t.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 2);
    ck_assert(fabs(ds->flops[0] / 6e9 - 1) < 1e-14 && fabs(ds->flops[1] / 6e9 - 1) < 1e-14);
    cs_dataset_free(ds);
    cs_config_free(&cfg);
}
END_TEST

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

START_TEST(derive_on_lifearchitect)
{
    const char *dir = getenv("CAPSCOPE_SHARED_DATA");
    char path[1024];
    snprintf(path, sizeof path, "%s/lifearchitect.csv", dir ? dir : "../shared/data");
    size_t len;
    char *text = read_all(path, &len);
    if (!text) {
        fprintf(stderr, "SKIP: %s is absent (set CAPSCOPE_SHARED_DATA)\n", path);
        return;
    }
    cs_config cfg;
    parse_ok("derive_flops:\n  params: params_b\n  params_unit: billion\n"
             "  tokens: tokens_t\n  tokens_unit: trillion\n",
             &cfg);
    cs_dataset *given, *ds;
    cs_error err;
    ck_assert_int_eq(cs_dataset_parse(text, len, "la.csv", NULL, &given, &err), 0);

    /* README: flops is filled in the 657 rows that have both params and
     * tokens, so on the file as it is derivation gains no row. */
    ck_assert_msg(cs_dataset_parse(text, len, "la.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 657);
    ck_assert_uint_eq(ds->n_derived_flops, 0);
    ck_assert_uint_eq(ds->n_dropped_flops, 95);
    cs_dataset_free(ds);

    /* Hide the flops column (rename it in the header): derivation must
     * recover all 657 rows, each equal to the file's 6 * N * D. */
    char *header_flops = strstr(text, ",flops,");
    ck_assert_ptr_nonnull(header_flops);
    ck_assert(header_flops < strchr(text, '\n'));
    memcpy(header_flops + 1, "FLOPS", 5);
    ck_assert_int_eq(cs_dataset_parse(text, len, "la.csv", NULL, &ds, &err), -1);
    ck_assert(strncmp(err.msg, "no 'flops' column", 17) == 0);
    ck_assert_msg(cs_dataset_parse(text, len, "la.csv", &cfg, &ds, &err) == 0, "%s", err.msg);
    ck_assert_uint_eq(ds->n_rows, 657);
    ck_assert_uint_eq(ds->n_derived_flops, 657);
    ck_assert_uint_eq(ds->n_dropped_flops, 95);
    for (size_t i = 0; i < ds->n_rows; i++) {
        long r = cs_dataset_find_model(given, ds->model[i]);
        ck_assert(r >= 0);
        ck_assert_msg(fabs(ds->flops[i] / given->flops[r] - 1) < 1e-9, "%s: %g vs %g", ds->model[i],
                      ds->flops[i], given->flops[r]);
    }
    ck_assert_uint_eq(ds->n_tasks, given->n_tasks);
    cs_dataset_free(ds);
    cs_dataset_free(given);
    cs_config_free(&cfg);
    free(text);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("yaml");
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, every_key);
    tcase_add_test(tc, units);
    tcase_add_test(tc, errors_with_lines);
    tcase_add_test(tc, tui_null_is_nothing);
    tcase_add_test(tc, anchors_aliases_and_depth);
    tcase_add_test(tc, load_from_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("applied");
    tcase_add_test(tc, roles_from_config);
    tcase_add_test(tc, copy_is_deep);
    tcase_add_test(tc, score_scale);
    tcase_add_test(tc, derive_flops_arithmetic);
    tcase_add_test(tc, derive_flops_beyond_double);
    tcase_add_test(tc, derive_on_lifearchitect);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    gsl_set_error_handler_off(); /* as capscope's main does: the core checks GSL's codes */
    SRunner *sr = srunner_create(config_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
