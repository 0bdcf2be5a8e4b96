/* settings.c - TUI settings (config `tui:` mapping, `:set`), session state,
 * XDG paths and atomic writes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "capscope/canvas.h"
#include "capscope/config.h"
#include "capscope/dataset.h"
#include "capscope/durable.h"
#include "capscope/fit.h"
#include "capscope/fnv.h"
#include "capscope/number.h"
#include "capscope/split.h"
#include "tui/action.h"
#include "tui/settings.h"

static const char *const setting_keys[] = {
    "theme", "charset", "mouse", "reference_flops", "tau", "quantiles",
    "budget", "budget_abs", "pool", "picks", "scheme", "timing", "design_weights", NULL,
};

const char *const *tui_settings_keys(void)
{
    return setting_keys;
}

void tui_settings_init(tui_settings *s)
{
    memset(s, 0, sizeof *s);
    snprintf(s->theme, sizeof s->theme, "default");
    s->charset = -1;
    s->mouse = 1;
    s->ref_flops = 1e24;
    s->ref_z = 24.0;
    s->tau = CS_TAU_DEFAULT;
    s->quantiles[0] = 0.5;
    s->quantiles[1] = 0.9;
    s->n_quantiles = 2;
    s->budget = 0.05;
    s->pool_all = 0;
    s->picks = 20;
    snprintf(s->scheme, sizeof s->scheme, "period4");
}

/* The most suggestions the sampler lists (capscope-config(5)). */
#define MAX_PICKS 10000

static int parse_bool(const char *v, int *out)
{
    static const char *const yes[] = { "on", "true", "yes", "1" }, *const no[] = { "off", "false", "no", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (cs_ascii_casecmp(v, yes[i]) == 0)
            return *out = 1, 0;
        if (cs_ascii_casecmp(v, no[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

static int bad(cs_error *err, const char *key, const char *value, const char *want)
{
    return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: '%s' is not %s", key, value, want);
}

/* A number refused: one written positive that no double holds (1e400,
 * 1e-400) is said to be that, in the batch face's words (cs_number_beyond),
 * for "not a positive number" would send the user looking for a sign; any
 * other as not what the setting wants. number is the item of value at fault. */
static int bad_number(cs_error *err, const char *key, const char *number, const char *value,
                      const char *unit, const char *want)
{
    char buf[96];
    const char *why = cs_number_beyond_why(number, unit, buf, sizeof buf);
    if (why)
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: '%s' is %s", key, number, why);
    return bad(err, key, value, want);
}

/* A fraction refused, as a number is, and with how to write it when it was
 * given as 20% or 0,5 (cs_fraction_hint: the batch face's --budget and
 * --tau say the same); for a list (list set) the hint is of the whole
 * value: "50%,90%" gives "0.5,0.9". number is the item at fault, as for
 * bad_number; a text the hint is for is never beyond a double. */
static int bad_fraction(cs_error *err, const char *key, const char *number, const char *value, int flags,
                        const char *want)
{
    char hint[320];
    if (!*cs_fraction_hint(value, flags, hint, sizeof hint))
        return bad_number(err, key, number, value, "", want);
    return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: '%s' is not %s%s", key, value, want, hint);
}

/* A word the setting does not take: the choices are its synopsis's words
 * (tui_setting_synopsis), as the help, the completion and the refusals of
 * :charset, :weights and :drift say them, never a list of its own. */
static int bad_word(cs_error *err, const char *key, const char *value)
{
    char choices[128];
    return bad(err, key, value, tui_setting_choices(key, choices, sizeof choices));
}

int tui_settings_set(tui_settings *s, const char *key, const char *value, cs_error *err)
{
    double d;
    int b;
    if (!value)
        value = "";
    if (strcmp(key, "theme") == 0) {
        if (!*value || strlen(value) >= sizeof s->theme)
            return bad(err, key, value, "a theme name");
        snprintf(s->theme, sizeof s->theme, "%s", value);
    } else if (strcmp(key, "charset") == 0) {
        cs_charset cs;
        if (strcmp(value, "auto") == 0)
            s->charset = -1;
        else if (cs_charset_parse(value, &cs) == 0)
            s->charset = (int)cs;
        else
            return bad_word(err, key, value);
    } else if (strcmp(key, "mouse") == 0 || strcmp(key, "timing") == 0 || strcmp(key, "design_weights") == 0) {
        if (parse_bool(value, &b) < 0)
            return bad_word(err, key, value);
        *(strcmp(key, "mouse") == 0 ? &s->mouse : strcmp(key, "timing") == 0 ? &s->timing : &s->design_weights) = b;
    } else if (strcmp(key, "reference_flops") == 0) {
        if (cs_parse_number_held(value, &d) < 0 || !(d > 0)) {
            char hint[64];
            /* written as prose writes a power of ten: how to write it */
            if (*cs_flops_hint(value, hint, sizeof hint))
                return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: '%s' is not a positive number of FLOPs%s", key,
                                    value, hint);
            return bad_number(err, key, value, value, " FLOPs", "a positive number of FLOPs");
        }
        s->ref_flops = d;
        s->ref_z = log10(d);
    } else if (strcmp(key, "tau") == 0) {
        if (cs_parse_number_held(value, &d) < 0 || !(d > 0 && d < 1))
            return bad_fraction(err, key, value, value, CS_HINT_OPEN, "a quantile level in (0, 1)");
        s->tau = d;
    } else if (strcmp(key, "quantiles") == 0) {
        double q[TUI_MAX_QUANTILES];
        size_t n = 0;
        char buf[256];
        /* Cut to fit, the last level would silently be another (0.25 as 0.2). */
        if (strlen(value) >= sizeof buf)
            return bad(err, key, "...", "a list of at most 6 levels in 255 characters");
        snprintf(buf, sizeof buf, "%s", value);
        for (char *save = NULL, *t = strtok_r(buf, ", []", &save); t; t = strtok_r(NULL, ", []", &save)) {
            if (n == TUI_MAX_QUANTILES)
                return bad(err, key, value, "a list of at most 6 levels");
            if (cs_parse_number_held(t, &d) < 0 || !(d > 0 && d < 1))
                return bad_fraction(err, key, t, value, CS_HINT_LIST | CS_HINT_OPEN, "a list of levels in (0, 1)");
            /* A level twice would draw one curve over another under two legends. */
            for (size_t i = 0; i < n; i++)
                if (q[i] == d)
                    return bad(err, key, value, "a list of distinct levels in (0, 1)");
            q[n++] = d;
        }
        memcpy(s->quantiles, q, n * sizeof q[0]);
        s->n_quantiles = n;
    } else if (strcmp(key, "budget") == 0) {
        if (cs_parse_number_held(value, &d) < 0 || !(d > 0 && d <= 1))
            return bad_fraction(err, key, value, value, 0, "a fraction in (0, 1]");
        s->budget = d;
    } else if (strcmp(key, "budget_abs") == 0) {
        /* A cost, as capscope suggest --budget-abs takes it; off gives the
         * fraction of budget back. */
        if (cs_ascii_casecmp(value, "off") == 0)
            d = 0;
        else if (cs_parse_number_held(value, &d) < 0 || !(d > 0 && isfinite(d)))
            return bad(err, key, value, "a positive cost, or off");
        s->budget_abs = d;
    } else if (strcmp(key, "pool") == 0) {
        if (strcmp(value, "all") == 0)
            s->pool_all = 1;
        else if (strcmp(value, "unscored") == 0)
            s->pool_all = 0;
        else
            return bad_word(err, key, value);
    } else if (strcmp(key, "picks") == 0) {
        /* The core's one grammar of a count, as the CLI's --count reads it. */
        long long n;
        cs_count_status st = cs_parse_count(value, 1, MAX_PICKS, &n);
        if (st != CS_COUNT_OK) {
            char why[96];
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: '%s' is %s", key, value,
                                cs_count_why(st, 1, MAX_PICKS, why, sizeof why));
        }
        s->picks = (size_t)n;
    } else if (strcmp(key, "scheme") == 0) {
        if (!*value || strlen(value) >= sizeof s->scheme)
            return bad(err, key, value, "a split scheme");
        /* What the parser refuses without data is refused here, at the
         * config's line, as `splits --scheme` refuses it before loading:
         * else the start took it, `s` refused it with no word of where it
         * came from, and the state file kept it. Rolling windows are judged
         * on the data's dates, which only the loaded data has. */
        cs_scheme parsed;
        cs_error why;
        if (strncmp(value, "rolling:", 8) != 0 && cs_scheme_parse(value, NULL, &parsed, &why) < 0)
            return cs_error_set(err, CS_ERR_INPUT, "", 0, "%s: %s", key, why.msg);
        snprintf(s->scheme, sizeof s->scheme, "%s", value);
    } else {
        return cs_error_set(err, CS_ERR_INPUT, "", 0, "unknown setting '%s'", key);
    }
    return 0;
}


/* The shortest text that reads back as v (number.h), so a value shown by
 * :set can be set again: %g alone prints 0.9999999 as 1, which is refused
 * as a level. */
static void number_text(double v, char *buf, size_t size)
{
    char text[CS_NUMBER_TEXT];
    snprintf(buf, size, "%s", cs_number_text(v, text));
}

const char *tui_settings_unused(const tui_settings *s, const char *key, char *buf, size_t size)
{
    char cost[64];
    buf[0] = '\0';
    if (strcmp(key, "budget") == 0 && s->budget_abs > 0) {
        number_text(s->budget_abs, cost, sizeof cost);
        snprintf(buf, size, " (not in use: budget_abs %s rules; :budget-abs off gives it back)", cost);
    }
    return buf;
}

const char *tui_settings_get(const tui_settings *s, const char *key, char *buf, size_t size)
{
    static const char *const charsets[] = { "braille", "block", "ascii" };
    if (strcmp(key, "theme") == 0)
        snprintf(buf, size, "%s", s->theme);
    else if (strcmp(key, "charset") == 0)
        snprintf(buf, size, "%s", s->charset < 0 ? "auto" : charsets[s->charset]);
    else if (strcmp(key, "mouse") == 0)
        snprintf(buf, size, "%s", s->mouse ? "on" : "off");
    else if (strcmp(key, "timing") == 0)
        snprintf(buf, size, "%s", s->timing ? "on" : "off");
    else if (strcmp(key, "design_weights") == 0)
        snprintf(buf, size, "%s", s->design_weights ? "on" : "off");
    else if (strcmp(key, "reference_flops") == 0)
        number_text(s->ref_flops, buf, size);
    else if (strcmp(key, "tau") == 0)
        number_text(s->tau, buf, size);
    else if (strcmp(key, "quantiles") == 0) {
        size_t used = 0;
        buf[0] = '\0';
        for (size_t i = 0; i < s->n_quantiles && used < size; i++) {
            char q[32];
            number_text(s->quantiles[i], q, sizeof q);
            used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? "," : "", q);
        }
    } else if (strcmp(key, "budget") == 0)
        number_text(s->budget, buf, size);
    else if (strcmp(key, "budget_abs") == 0) {
        if (s->budget_abs > 0)
            number_text(s->budget_abs, buf, size);
        else
            snprintf(buf, size, "off");
    } else if (strcmp(key, "pool") == 0)
        snprintf(buf, size, "%s", s->pool_all ? "all" : "unscored");
    else if (strcmp(key, "picks") == 0)
        snprintf(buf, size, "%zu", s->picks);
    else if (strcmp(key, "scheme") == 0)
        snprintf(buf, size, "%s", s->scheme);
    else
        return NULL;
    return buf;
}

/* ---- the `tui:` mapping ----
 *
 * The core's config reader (cs_config_parse) reads the whole file, so the
 * TUI and the batch commands accept and refuse the same files with the
 * same messages (UTF-8, malformed YAML, anchors, nesting, duplicate keys),
 * and hands the `tui:` settings over as text (cs_config.tui); only their
 * keys and values are this file's business. */

static int key_index(const char *key)
{
    for (int i = 0; setting_keys[i]; i++)
        if (strcmp(setting_keys[i], key) == 0)
            return i;
    return -1;
}

/* The settings of a config the core has read, onto *s; on failure *s is
 * unchanged. */
static int apply_tui(tui_settings *s, const cs_config *cfg, const char *name, cs_error *err)
{
    tui_settings next = *s;
    for (size_t i = 0; i < cfg->n_tui; i++) {
        const cs_config_setting *t = &cfg->tui[i];
        if (key_index(t->key) < 0) {
            char shown[64], keys[256];
            size_t used = 0;
            keys[0] = '\0';
            for (int k = 0; setting_keys[k] && used < sizeof keys; k++)
                used += (size_t)snprintf(keys + used, sizeof keys - used, "%s%s", k ? ", " : "", setting_keys[k]);
            snprintf(shown, sizeof shown, "%s", t->key);
            return cs_error_set(err, CS_ERR_INPUT, name, t->line, "tui: unknown setting '%s' (expected one of: %s)",
                                shown, keys);
        }
        cs_error e;
        if (tui_settings_set(&next, t->key, t->value, &e) < 0)
            return cs_error_set(err, CS_ERR_INPUT, name, t->line, "tui.%s", e.msg);
    }
    *s = next;
    return 0;
}

int tui_config_parse(tui_settings *s, cs_config *cfg, const char *text, size_t len, const char *name,
                     cs_error *err)
{
    if (!name)
        name = "";
    if (cs_config_parse(text, len, name, cfg, err) < 0)
        return -1;
    if (apply_tui(s, cfg, name, err) < 0) {
        cs_config_free(cfg);
        return -1;
    }
    return 0;
}

int tui_settings_load_yaml(tui_settings *s, const char *text, size_t len, const char *name,
                           cs_error *err)
{
    cs_config cfg;
    int rc = tui_config_parse(s, &cfg, text, len, name, err);
    cs_config_free(&cfg);
    return rc;
}

const char *tui_config_data_keys(const cs_config *cfg, char *buf, size_t size)
{
    const char *keys[4];
    size_t n = 0;
    if (cfg->model_col || cfg->flops_col || cfg->date_col || cfg->cost_col || cfg->base_model_col)
        keys[n++] = "columns";
    if (cfg->n_tasks)
        keys[n++] = "tasks";
    if (cfg->score_scale_line)
        keys[n++] = "score_scale";
    if (cfg->derive_params_col || cfg->derive_tokens_col)
        keys[n++] = "derive_flops";
    if (!n)
        return NULL;
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", keys[i]);
    return buf;
}

/* The state file, whole; NULL when it cannot be read or is not a regular
 * file: a FIFO in its place hung the start in open(). */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0)
        return NULL;
    FILE *f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "rb") : NULL;
    if (!f) {
        close(fd);
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        if (cap > ((size_t)64 << 20)) { /* a session's state is small */
            free(buf);
            buf = NULL;
            break;
        }
        char *nb = realloc(buf, 2 * cap + 1);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

int tui_config_load(tui_settings *s, cs_config *cfg, const char *path, cs_error *err)
{
    if (cs_config_load(path, cfg, err) < 0)
        return -1;
    if (apply_tui(s, cfg, path, err) < 0) {
        cs_config_free(cfg);
        return -1;
    }
    return 0;
}

char *tui_config_path(const char *name)
{
    return cs_xdg_path("XDG_CONFIG_HOME", ".config", name);
}

char *tui_state_path(const char *name)
{
    return cs_xdg_path("XDG_STATE_HOME", ".local/state", name);
}

char *tui_state_path_for_data(const char *data_abs)
{
    /* A name of any length in a file name of fixed length. Two files of
     * one hash share it, and the one that is not the file named in it
     * finds no session there (tui_state.data says whose it is). */
    uint64_t h = cs_fnv1a(CS_FNV1A_START, data_abs);
    char name[64];
    snprintf(name, sizeof name, "sessions/%016llx", (unsigned long long)h);
    return tui_state_path(name);
}

/* A session file's name: 16 hex digits, as tui_state_path_for_data makes. */
static int session_name(const char *name)
{
    size_t n = strspn(name, "0123456789abcdef");
    return n == 16 && name[n] == '\0';
}

typedef struct session_file {
    char name[17];
    struct timespec mtime;
    struct stat st; /* as listed */
} session_file;

static int older_first(const void *a, const void *b)
{
    const session_file *x = a, *y = b;
    if (x->mtime.tv_sec != y->mtime.tv_sec)
        return x->mtime.tv_sec < y->mtime.tv_sec ? -1 : 1;
    if (x->mtime.tv_nsec != y->mtime.tv_nsec)
        return x->mtime.tv_nsec < y->mtime.tv_nsec ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* A session moved aside, to be kept, back at its name path; a file saved
 * there since is newer (written after the move) and wins, the one aside
 * removed. 0 so; -1 when it could be neither put back nor given way to:
 * then it stays aside, never removed, for the next prune or load of the
 * session to put back (tui_state_recover_pruned). */
static int put_back(const char *aside, const char *path)
{
    if (link(aside, path) == 0 || errno == EEXIST) {
        unlink(aside);
        return 0;
    }
    /* As publish_new (durable.c) does: a file system without hard links
     * refuses link(), and there a rename after checking is the best there
     * is; a blind rename replaced a save made since. */
    int e = errno;
    struct stat st;
    if (lstat(path, &st) == 0) {
        unlink(aside);
        return 0;
    }
    if (errno == ENOENT && (e == EPERM || e == EOPNOTSUPP || e == ENOSYS || e == EMLINK) && rename(aside, path) == 0)
        return 0;
    return -1;
}

int tui_state_prune_one(const char *dir, const char *name, const struct stat *listed)
{
    char path[4400], aside[4400];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
        snprintf(aside, sizeof aside, "%s/.%s.pruned-%ld", dir, name, (long)getpid()) >= (int)sizeof aside)
        return 0;
    /* Unlinked by its name, the file at the name when the unlink comes is
     * removed, whichever it is: another capscope's save of this session,
     * which replaces the file, was lost when it came after the listing.
     * Moved aside, the file taken is this prune's alone to look at. */
    if (rename(path, aside) != 0)
        return 0; /* gone (another prune), or not this one's to move */
    struct stat now;
    int same = lstat(aside, &now) == 0 && now.st_dev == listed->st_dev && now.st_ino == listed->st_ino &&
               now.st_mtim.tv_sec == listed->st_mtim.tv_sec && now.st_mtim.tv_nsec == listed->st_mtim.tv_nsec;
    if (same) {
        unlink(aside);
        return 1;
    }
    (void)put_back(aside, path);
    return 0;
}

/* ".NAME.pruned-PID", a session the prune of process PID moved aside:
 * NAME into name and 1, else 0. */
static int aside_of(const char *entry, char name[17], long *pid)
{
    if (entry[0] != '.' || strspn(entry + 1, "0123456789abcdef") != 16 || strncmp(entry + 17, ".pruned-", 8) != 0)
        return 0;
    const char *digits = entry + 25;
    size_t k = strspn(digits, "0123456789");
    if (k == 0 || k > 9 || digits[k] != '\0' || digits[0] == '0')
        return 0;
    memcpy(name, entry + 1, 16);
    name[16] = '\0';
    *pid = strtol(digits, NULL, 10);
    return 1;
}

/* Whether the prune that moved a file aside is over: its process is gone
 * (killed between its two steps), or it is this one, whose prunes run one
 * at a time and are over when this is asked. Another user's process of
 * that number (EPERM) is taken for alive: the file waits for a later look. */
static int prune_over(long pid)
{
    return pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno == ESRCH);
}

/* The directory of the session file `own` into dir; its name after the
 * slash, or NULL when own has no directory (or one too long). */
static const char *sessions_dir(const char *own, char dir[4096])
{
    const char *slash = strrchr(own, '/');
    if (!slash || (size_t)(slash - own) >= 4096)
        return NULL;
    memcpy(dir, own, (size_t)(slash - own));
    dir[slash - own] = '\0';
    return slash + 1;
}

void tui_state_recover_pruned(const char *own, int all)
{
    char dir[4096];
    const char *base = sessions_dir(own, dir);
    if (!base)
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    /* Listed first, moved after: a directory changed while it is read
     * may list a name twice or not at all. */
    char (*found)[40] = NULL; /* aside_of's names: 34 bytes at most */
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        char name[17];
        long pid;
        if (!aside_of(e->d_name, name, &pid) || (!all && strcmp(name, base) != 0) || !prune_over(pid))
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 8;
            char (*grown)[40] = realloc(found, nc * sizeof *found);
            if (!grown)
                break; /* the rest at the next look */
            found = grown;
            cap = nc;
        }
        memcpy(found[n++], e->d_name, strlen(e->d_name) + 1);
    }
    closedir(d);
    for (size_t i = 0; i < n; i++) {
        char path[4400], aside[4400];
        snprintf(aside, sizeof aside, "%s/%s", dir, found[i]);
        snprintf(path, sizeof path, "%s/%.16s", dir, found[i] + 1);
        (void)put_back(aside, path);
    }
    free(found);
}

void tui_state_prune_sessions(const char *own, size_t keep)
{
    char dir[4096];
    const char *base = sessions_dir(own, dir);
    if (!base)
        return;
    tui_state_recover_pruned(own, 1);
    DIR *d = opendir(dir);
    if (!d)
        return;
    session_file *files = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (!session_name(e->d_name) || strcmp(e->d_name, base) == 0)
            continue;
        char path[4400];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            session_file *grown = realloc(files, nc * sizeof *files);
            if (!grown)
                break; /* a prune is housekeeping: what was listed is enough */
            files = grown;
            cap = nc;
        }
        memcpy(files[n].name, e->d_name, 17);
        files[n].st = st;
        files[n++].mtime = st.st_mtim;
    }
    closedir(d);
    /* own is kept, and counts among the keep */
    if (keep > 0 && n > keep - 1) {
        qsort(files, n, sizeof *files, older_first);
        for (size_t i = 0; i < n - (keep - 1); i++)
            (void)tui_state_prune_one(dir, files[i].name, &files[i].st);
    }
    free(files);
}

int tui_state_save_for_data(const tui_state *st, cs_error *err)
{
    char *own = st->data[0] ? tui_state_path_for_data(st->data) : NULL;
    if (!own)
        return 0;
    int rc = tui_state_save(st, own, err);
    if (rc == 0)
        tui_state_prune_sessions(own, TUI_SESSIONS_KEPT);
    free(own);
    return rc;
}

void tui_state_init(tui_state *st)
{
    memset(st, 0, sizeof *st);
    st->x_min = st->x_max = 0;
    st->design_weights = -1;
    st->config_weights = -1;
}

/* A value too long for its field is ignored like a line too long: cut
 * short, a data path would name another file, a task another task. */
static void set_whole(char *field, size_t size, const char *v)
{
    size_t n = strlen(v);
    if (n < size)
        memcpy(field, v, n + 1);
}

/* "ON K" as written by tui_state_format: two whole numbers, ON 0 or 1.
 * Not sscanf's %d %zu, which are undefined past their type's range (glibc
 * wraps them: split=4294967296 3 read as off) and take "-1" as SIZE_MAX. */
static int read_split(const char *v, int *on, size_t *k)
{
    if ((v[0] != '0' && v[0] != '1') || v[1] != ' ' || v[2] < '0' || v[2] > '9')
        return -1;
    size_t n = 0;
    const char *p = v + 2;
    for (; *p >= '0' && *p <= '9'; p++) {
        if (n > (SIZE_MAX - (size_t)(*p - '0')) / 10)
            return -1;
        n = n * 10 + (size_t)(*p - '0');
    }
    if (*p && strcmp(p, "\r") != 0)
        return -1;
    *on = v[0] == '1';
    *k = n;
    return 0;
}

int tui_state_parse(tui_state *st, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        char line[1400];
        if (n < sizeof line) {
            memcpy(line, p, n);
            line[n] = '\0';
            char *eq = strchr(line, '=');
            if (eq && line[0] != '#') {
                *eq = '\0';
                const char *k = line, *v = eq + 1;
                if (strcmp(k, "data") == 0)
                    set_whole(st->data, sizeof st->data, v);
                else if (strcmp(k, "config") == 0)
                    set_whole(st->config, sizeof st->config, v);
                else if (strcmp(k, "task") == 0)
                    set_whole(st->task, sizeof st->task, v);
                else if (strcmp(k, "scheme") == 0)
                    set_whole(st->scheme, sizeof st->scheme, v);
                else if (strcmp(k, "split") == 0) {
                    int on;
                    size_t kk;
                    if (read_split(v, &on, &kk) == 0) {
                        st->split_on = on;
                        st->split_k = kk;
                    }
                } else if (strcmp(k, "config_scheme") == 0)
                    set_whole(st->config_scheme, sizeof st->config_scheme, v);
                else if (strcmp(k, "mark") == 0) {
                    /* whole or not at all, as set_whole takes a value;
                     * a CRLF file's \r is no part of the name */
                    size_t have = strlen(st->marked), vn = strlen(v);
                    while (vn > 0 && v[vn - 1] == '\r')
                        vn--;
                    if (vn > 0 && have + vn + 1 < sizeof st->marked) {
                        memcpy(st->marked + have, v, vn);
                        memcpy(st->marked + have + vn, "\n", 2);
                    }
                }
                else if (strcmp(k, "weights") == 0 || strcmp(k, "config_weights") == 0) {
                    if (strcmp(v, "1") == 0 || strcmp(v, "0") == 0)
                        *(k[0] == 'w' ? &st->design_weights : &st->config_weights) = v[0] == '1';
                } else if (strcmp(k, "view") == 0) {
                    double a, b, c, d;
                    if (sscanf(v, "%lf %lf %lf %lf", &a, &b, &c, &d) == 4 && isfinite(a) &&
                        isfinite(b) && isfinite(c) && isfinite(d) && b > a && d > c) {
                        st->x_min = a;
                        st->x_max = b;
                        st->y_min = c;
                        st->y_max = d;
                    }
                }
            }
        }
        p += n;
        if (*p == '\n')
            p++;
    }
    return 0;
}

/* A value is one line: one holding a line break would be read back as its
 * first line (another file, for a path) and a line of its own, perhaps a
 * key. Such a value is left out, as if not recorded. */
static const char *one_line(const char *v)
{
    return strchr(v, '\n') ? "" : v;
}

char *tui_state_format(const tui_state *st)
{
    /* a mark's line adds "mark=" to each name of marked */
    size_t size = sizeof *st + 256 + 5 * sizeof st->marked;
    char *out = malloc(size);
    if (!out)
        return NULL;
    int n = snprintf(out, size, "# capscope session, rewritten at every exit\ndata=%s\ntask=%s\nscheme=%s\nsplit=%d %zu\n",
                     one_line(st->data), one_line(st->task), one_line(st->scheme), st->split_on, st->split_k);
    if (*one_line(st->config) && n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "config=%s\n", st->config);
    if (st->design_weights >= 0 && n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "weights=%d\n", st->design_weights != 0);
    if (*one_line(st->config_scheme) && n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "config_scheme=%s\n", st->config_scheme);
    if (st->config_weights >= 0 && n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "config_weights=%d\n", st->config_weights != 0);
    if (st->x_max > st->x_min && n > 0 && (size_t)n < size)
        n += snprintf(out + n, size - (size_t)n, "view=%.17g %.17g %.17g %.17g\n", st->x_min, st->x_max,
                      st->y_min, st->y_max);
    for (const char *m = st->marked; *m && n > 0 && (size_t)n < size;) {
        size_t len = strcspn(m, "\n");
        n += snprintf(out + n, size - (size_t)n, "mark=%.*s\n", (int)len, m);
        m += len + (m[len] == '\n');
    }
    return out;
}

int tui_state_load(tui_state *st, const char *path)
{
    size_t len;
    tui_state_init(st);
    char *text = slurp(path, &len);
    if (!text)
        return -1;
    tui_state_parse(st, text);
    free(text);
    return 0;
}

int tui_state_save(const tui_state *st, const char *path, cs_error *err)
{
    char *text = tui_state_format(st);
    if (!text)
        return cs_error_set(err, CS_ERR_RUNTIME, path, 0, "out of memory");
    if (cs_mkdir_parents(path) < 0) {
        free(text);
        return cs_error_errno(err, CS_ERR_RUNTIME, path, 0, "cannot create its directory", errno);
    }
    /* At a symbolic link's target, as the history is kept: a state file
     * linked from elsewhere (dotfiles) was cut from its link and replaced
     * by a regular file, the target left with the old session. */
    char *target = realpath(path, NULL);
    int rc = cs_write_atomic(target ? target : path, text, strlen(text), 1);
    int e = errno;
    free(target);
    free(text);
    if (rc < 0)
        return cs_error_errno(err, CS_ERR_RUNTIME, path, 0, "cannot write", e);
    return 0;
}
