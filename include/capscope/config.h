/* config.h - the YAML file that maps a user's columns to capscope's roles.
 *
 * Schema (all keys optional; unknown keys are an error with FILE:LINE, except
 * the top-level `tui` mapping, which belongs to the TUI's settings):
 *
 *   columns:                 # role: column name in the CSV
 *     model: name
 *     flops: compute         # absolute FLOPs
 *     date: released         # ISO YYYY-MM-DD
 *     cost: params_b         # evaluation cost (defaults to params_b)
 *     base_model: base
 *   tasks: [mmlu, gpqa]      # explicit task columns (else auto-detected)
 *   score_scale: 100         # divide scores by this (percent columns)
 *   derive_flops:            # flops = 6 * params * tokens, when flops is empty
 *     params: params_b
 *     params_unit: 1e9       # a number, or one of: thousand million billion trillion
 *     tokens: tokens_t
 *     tokens_unit: trillion
 *
 * Units default to 1; derive_flops needs both params and tokens. Every
 * column named here must exist in the data (checked when the data is
 * loaded, reported at the config's FILE:LINE).
 *
 * Loading goes through libyaml; anchors and aliases are refused (no alias
 * bombs), and so is a document deeper than a handful of levels.
 */
#ifndef CAPSCOPE_CONFIG_H
#define CAPSCOPE_CONFIG_H

#include <stddef.h>

#include "capscope/error.h"

#define CS_CONFIG_MAX_TASKS 64
#define CS_CONFIG_MAX_TUI 32   /* settings under `tui:` */

/* One setting under `tui:`, kept as text for the interactive face, which
 * knows the keys: a scalar's text, or a list of scalars joined by commas
 * (quantiles: [0.5, 0.9] is "0.5,0.9"). */
typedef struct cs_config_setting {
    char *key, *value;
    long line;
} cs_config_setting;

typedef struct cs_config {
    /* Role column names; NULL means the default name (model, flops, date, params_b, base_model). */
    char *model_col, *flops_col, *date_col, *cost_col, *base_model_col;
    /* Explicit task columns; n_tasks == 0 means auto-detect. */
    char *tasks[CS_CONFIG_MAX_TASKS];
    size_t n_tasks;
    double score_scale;            /* 1 unless set */
    /* Explicit tasks may keep fewer than CS_MIN_TASK_ROWS scored rows, even
     * none: for a design that reads no scores (suggest --prior paper on a
     * new benchmark). Not a config file setting. */
    int sparse_tasks;
    /* flops = 6 * params * params_unit * tokens * tokens_unit, for rows without flops. */
    char *derive_params_col, *derive_tokens_col; /* both NULL: no derivation */
    double params_unit, tokens_unit;
    /* Where the settings came from, so that a column the data lacks is
     * reported at its line in the config: the config file as the user gave
     * it (NULL when none was loaded) and the line of each setting (0 for a
     * default or one the CLI set). */
    char *path;
    long model_line, flops_line, date_line, cost_line, base_model_line;
    long task_line[CS_CONFIG_MAX_TASKS];
    long score_scale_line, derive_params_line, derive_tokens_line;
    /* The `tui:` mapping, each key once; empty (tui:, {} or []) is none.
     * The data layer reads nothing from it. */
    cs_config_setting tui[CS_CONFIG_MAX_TUI];
    size_t n_tui;
} cs_config;

/* A config with every default (what cs_config_load starts from). */
void cs_config_init(cs_config *cfg);

/* Parse a YAML file into *cfg (which it initialises first). On failure *cfg
 * is left initialised (defaults), so cs_config_free() is always safe. A
 * regular file longer than CS_CONFIG_MAX_BYTES is refused unread. */
#define CS_CONFIG_MAX_BYTES (1024 * 1024)
int cs_config_load(const char *path, cs_config *cfg, cs_error *err);

/* Parse YAML from a buffer; `name` is used in messages. */
int cs_config_parse(const char *text, size_t len, const char *name, cs_config *cfg, cs_error *err);

/* Add an explicit task name (the CLI's --task); -1 when full or a duplicate
 * (CS_ERR_INPUT, no file or line). */
int cs_config_add_task(cs_config *cfg, const char *name, cs_error *err);

/* A deep copy of src into dst, which owns it (cs_config_free); on failure
 * (out of memory) dst is left initialised and -1 returned. */
int cs_config_copy(cs_config *dst, const cs_config *src, cs_error *err);

/* Free what cfg owns and leave it initialised, as after cs_config_init(). */
void cs_config_free(cs_config *cfg);

#endif
