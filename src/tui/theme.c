/* theme.c - theme files: parsing, finding, and choosing colours by COLORS. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "capscope/dataset.h"
#include "capscope/namelist.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "capscope/utf8.h"
#include "tui/settings.h"
#include "tui/theme.h"

#ifndef CS_THEMEDIR
#define CS_THEMEDIR "/usr/local/share/capscope/themes"
#endif

static const char *const color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

int tui_color_parse(const char *s)
{
    if (strcmp(s, "default") == 0 || strcmp(s, "none") == 0)
        return TUI_COLOR_DEFAULT;
    for (int i = 0; i < 8; i++) {
        if (cs_ascii_casecmp(s, color_names[i]) == 0)
            return i;
        if (cs_ascii_ncasecmp(s, "bright-", 7) == 0 && cs_ascii_casecmp(s + 7, color_names[i]) == 0)
            return 8 + i;
    }
    long long v; /* a colour's number is a count, as both faces read one */
    return cs_parse_count(s, 0, 255, &v) == CS_COUNT_OK ? (int)v : TUI_COLOR_UNSET;
}

static void style_clear(tui_theme_style *st)
{
    for (int i = 0; i < TUI_THEME_ALTS; i++)
        st->fg[i] = st->bg[i] = TUI_COLOR_UNSET;
    st->attrs = 0;
    st->set = 0;
}

static int parse_attr(const char *s, unsigned *out)
{
    static const struct {
        const char *name;
        unsigned bit;
    } attrs[] = { { "bold", TUI_A_BOLD }, { "reverse", TUI_A_REVERSE }, { "underline", TUI_A_UNDERLINE },
                  { "dim", TUI_A_DIM },   { "italic", TUI_A_ITALIC },   { "normal", 0 } };
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (strcmp(s, attrs[i].name) == 0) {
            *out |= attrs[i].bit;
            return 0;
        }
    return -1;
}

/* What an attribute may be, said with the refusal of one that is none. */
#define ATTR_HINT " (an attribute is bold, reverse, underline, dim, italic or normal)"

/* The refusal of a role there is not: the one meant when a single role is
 * near (cs_typo, the rule of every mistyped name), else every role, as the
 * man page's list is far from a file being edited. */
static int unknown_role(cs_error *err, const char *name, long line, const char *role_name)
{
    char shown[64], roles[TUI_ROLE_COUNT * 16];
    cs_quote_short(role_name ? role_name : "?", shown, sizeof shown);
    cs_namelist list;
    cs_namelist_init(&list, role_name ? role_name : "", TUI_ROLE_COUNT, roles, sizeof roles);
    for (int r = 0; r < TUI_ROLE_COUNT; r++)
        if (tui_role_name(r))
            cs_namelist_add(&list, tui_role_name(r));
    cs_namelist_end(&list);
    if (list.near.nearest && list.near.n_nearest == 1)
        return cs_error_set(err, CS_ERR_INPUT, name, line, "unknown role '%s' (did you mean %s?)", shown,
                            list.near.nearest);
    return cs_error_set(err, CS_ERR_INPUT, name, line, "unknown role '%s' (roles: %s)", shown, roles);
}

static const char *scalar(yaml_node_t *n)
{
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static long line_of(yaml_node_t *n)
{
    return n ? (long)n->start_mark.line + 1 : 0;
}

/* What a colour may be, said with the refusal of one that is none. */
#define COLOUR_HINT                                                                                                   \
    ": a colour is default, black, red, green, yellow, blue, magenta, cyan or white (bright-NAME for the bright "  \
    "ones), or a number from 0 to 255"

/* A colour value: scalar or list of alternatives. */
static int parse_colors(yaml_document_t *doc, yaml_node_t *v, int *out, const char *name, cs_error *err)
{
    int n = 0;
    if (v->type == YAML_SCALAR_NODE) {
        int c = tui_color_parse(scalar(v));
        if (c == TUI_COLOR_UNSET)
            return cs_error_set(err, CS_ERR_INPUT, name, line_of(v), "unknown colour '%s'%s", scalar(v), COLOUR_HINT);
        out[n++] = c;
    } else if (v->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
            yaml_node_t *e = yaml_document_get_node(doc, *it);
            const char *s = scalar(e);
            int c = s ? tui_color_parse(s) : TUI_COLOR_UNSET;
            if (c == TUI_COLOR_UNSET)
                return cs_error_set(err, CS_ERR_INPUT, name, line_of(e), "unknown colour '%s'%s", s ? s : "?", COLOUR_HINT);
            /* A fourth would be reached only when the first three cannot be
             * shown; refused rather than dropped, so no fallback is lost unseen. */
            if (n == TUI_THEME_ALTS - 1)
                return cs_error_set(err, CS_ERR_INPUT, name, line_of(e),
                                    "a list of at most %d colours, best first (one each for 256, 16 and 8)",
                                    TUI_THEME_ALTS - 1);
            out[n++] = c;
        }
    } else
        return cs_error_set(err, CS_ERR_INPUT, name, line_of(v), "expected a colour or a list of colours");
    out[n] = TUI_COLOR_UNSET;
    return 0;
}

/* A key given twice: YAML leaves it to the reader, and taking the last one
 * silently dropped the first, unseen (the config's reader refuses it too). */
static int duplicate(cs_error *err, const char *name, long line, const char *where, const char *key,
                     long first)
{
    return cs_error_set(err, CS_ERR_INPUT, name, line, "duplicate key '%s%s%s' (also on line %ld)", where,
                        *where ? "." : "", key, first);
}

static int parse_style(yaml_document_t *doc, yaml_node_t *v, tui_theme_style *st, const char *role,
                       const char *name, cs_error *err)
{
    style_clear(st);
    st->set = 1;
    if (v->type != YAML_MAPPING_NODE)
        return cs_error_set(err, CS_ERR_INPUT, name, line_of(v), "expected { fg: ..., bg: ..., attrs: [...] }");
    static const char *const style_keys[] = { "fg", "bg", "attrs" };
    long seen[3] = { 0 };
    for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key), *val = yaml_document_get_node(doc, p->value);
        const char *key = scalar(k);
        if (!key || !val)
            return cs_error_set(err, CS_ERR_INPUT, name, line_of(k), "expected 'key: value'");
        for (int i = 0; i < 3; i++)
            if (strcmp(key, style_keys[i]) == 0) {
                if (seen[i]) {
                    char where[64];
                    snprintf(where, sizeof where, "styles.%s", role);
                    return duplicate(err, name, line_of(k), where, key, seen[i]);
                }
                seen[i] = line_of(k);
            }
        if (strcmp(key, "fg") == 0 || strcmp(key, "bg") == 0) {
            if (parse_colors(doc, val, key[0] == 'f' ? st->fg : st->bg, name, err) < 0)
                return -1;
        } else if (strcmp(key, "attrs") == 0) {
            if (val->type == YAML_SCALAR_NODE) {
                if (parse_attr(scalar(val), &st->attrs) < 0)
                    return cs_error_set(err, CS_ERR_INPUT, name, line_of(val), "unknown attribute '%s'" ATTR_HINT, scalar(val));
            } else if (val->type == YAML_SEQUENCE_NODE) {
                for (yaml_node_item_t *it = val->data.sequence.items.start; it < val->data.sequence.items.top; it++) {
                    yaml_node_t *e = yaml_document_get_node(doc, *it);
                    const char *s = scalar(e);
                    if (!s || parse_attr(s, &st->attrs) < 0)
                        return cs_error_set(err, CS_ERR_INPUT, name, line_of(e), "unknown attribute '%s'" ATTR_HINT, s ? s : "?");
                }
            } else
                return cs_error_set(err, CS_ERR_INPUT, name, line_of(val), "attrs: expected a list");
        } else
            return cs_error_set(err, CS_ERR_INPUT, name, line_of(k), "unknown style key '%s' (fg, bg, attrs)", key);
    }
    return 0;
}

/* What a node is, for messages: "a list", "a mapping", or the scalar quoted. */
static const char *node_kind(yaml_node_t *n, char *buf, size_t size)
{
    if (!n)
        return "an empty value";
    if (n->type == YAML_SEQUENCE_NODE)
        return "a list";
    if (n->type == YAML_MAPPING_NODE)
        return "a mapping";
    const char *s = scalar(n);
    if (!s || !*s)
        return "an empty value";
    cs_textwidth *tw = cs_textwidth_open(); /* 40 columns of whole characters, not 40 bytes */
    size_t cut = cs_text_prefix(tw, s, 40, size > 3 ? size - 3 : 0);
    cs_textwidth_close(tw);
    snprintf(buf, size, "'%.*s'", (int)cut, s);
    return buf;
}

/* Why libyaml gave up: its allocator failing is no fault of the file, and
 * leaves no problem text, which read as "malformed YAML: syntax error" at
 * line 1 of a good theme. Its loader's copies of tags give up without
 * setting any error (YAML_NO_ERROR), which only a failed allocation does. */
static int load_failed(const yaml_parser_t *parser, const char *name, cs_error *err)
{
    if (parser->error == YAML_MEMORY_ERROR || parser->error == YAML_NO_ERROR)
        return cs_error_set(err, CS_ERR_RUNTIME, name, 0, "out of memory reading YAML");
    return cs_error_set(err, CS_ERR_INPUT, name, (long)parser->problem_mark.line + 1, "malformed YAML: %s",
                        parser->problem ? parser->problem : "syntax error");
}

int tui_theme_parse(tui_theme *t, const char *text, size_t len, const char *name, cs_error *err)
{
    memset(t, 0, sizeof *t);
    for (int r = 0; r < TUI_ROLE_COUNT; r++)
        style_clear(&t->style[r]);
    /* As the data and the config are: libyaml's own word for Latin-1 is
     * "invalid leading UTF-8 octet" at a byte offset. */
    if (cs_check_utf8_text_unpiped(text, len, name, err) != 0)
        return -1;
    yaml_parser_t parser;
    yaml_document_t doc;
    if (!yaml_parser_initialize(&parser))
        return cs_error_set(err, CS_ERR_RUNTIME, name, 0, "out of memory");
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    if (!yaml_parser_load(&parser, &doc)) {
        load_failed(&parser, name, err);
        yaml_parser_delete(&parser);
        return -1;
    }
    int rc = 0;
    char kind[48];
    long name_line = 0, styles_line = 0, role_line[TUI_ROLE_COUNT] = { 0 };
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    /* libyaml decodes a "\0" escape into the value, and C strings end there:
     * "axis\0x" would silently be the role axis, "red\0..." red. */
    for (yaml_node_t *n = doc.nodes.start; rc == 0 && n < doc.nodes.top; n++)
        if (n->type == YAML_SCALAR_NODE && memchr(n->data.scalar.value, '\0', n->data.scalar.length))
            rc = cs_error_set(err, CS_ERR_INPUT, name, line_of(n),
                              "a NUL character (\\0) in a value: a theme is text");
    if (rc == 0 && (!root || root->type != YAML_MAPPING_NODE))
        rc = cs_error_set(err, CS_ERR_INPUT, name, 1, "a theme is a mapping with 'name' and 'styles'");
    for (yaml_node_pair_t *p = rc ? NULL : root->data.mapping.pairs.start;
         p && p < root->data.mapping.pairs.top && rc == 0; p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key), *v = yaml_document_get_node(&doc, p->value);
        const char *key = scalar(k);
        long *first = !key ? NULL : strcmp(key, "name") == 0 ? &name_line : strcmp(key, "styles") == 0 ? &styles_line : NULL;
        if (first && *first) {
            rc = duplicate(err, name, line_of(k), "", key, *first);
            continue;
        }
        if (first)
            *first = line_of(k);
        /* A known key with a value of the wrong kind is named as such: calling
         * it unknown would send the user looking for a typo that is not there. */
        if (key && strcmp(key, "name") == 0) {
            if (!scalar(v))
                rc = cs_error_set(err, CS_ERR_INPUT, name, line_of(v), "name: expected a text, not %s",
                                  node_kind(v, kind, sizeof kind));
            else
                snprintf(t->name, sizeof t->name, "%s", scalar(v));
        } else if (key && strcmp(key, "styles") == 0 && (!v || v->type != YAML_MAPPING_NODE)) {
            rc = cs_error_set(err, CS_ERR_INPUT, name, line_of(v),
                              "styles: expected a mapping of role: { fg, bg, attrs }, not %s",
                              node_kind(v, kind, sizeof kind));
        } else if (key && strcmp(key, "styles") == 0) {
            for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top && rc == 0; q++) {
                yaml_node_t *rk = yaml_document_get_node(&doc, q->key), *rv = yaml_document_get_node(&doc, q->value);
                const char *role_name = scalar(rk);
                int role = role_name ? tui_role_parse(role_name) : -1;
                if (role < 0)
                    rc = unknown_role(err, name, line_of(rk), role_name);
                else if (role_line[role])
                    rc = duplicate(err, name, line_of(rk), "styles", role_name, role_line[role]);
                else if (!rv)
                    rc = cs_error_set(err, CS_ERR_INPUT, name, line_of(rk), "missing style");
                else {
                    role_line[role] = line_of(rk);
                    rc = parse_style(&doc, rv, &t->style[role], role_name, name, err);
                }
            }
        } else
            rc = cs_error_set(err, CS_ERR_INPUT, name, line_of(k), "unknown key '%s' (name, styles)",
                              key ? key : "?");
    }
    yaml_document_delete(&doc);
    /* A second document was never read: its styles, right or wrong, were
     * dropped unseen. Loading it says whether there is one (an empty
     * document, no root, at the stream's end). */
    if (rc == 0) {
        if (!yaml_parser_load(&parser, &doc))
            rc = load_failed(&parser, name, err);
        else {
            yaml_node_t *next = yaml_document_get_root_node(&doc);
            if (next)
                rc = cs_error_set(err, CS_ERR_INPUT, name, (long)doc.start_mark.line + 1,
                                  "more than one YAML document in a theme file");
            yaml_document_delete(&doc);
        }
    }
    yaml_parser_delete(&parser);
    return rc;
}

#define THEME_MAX_BYTES (64 * 1024)

int tui_theme_load(tui_theme *t, const char *path, cs_error *err)
{
    if (strcmp(path, TUI_THEME_BUILTIN_PATH) == 0)
        return tui_theme_builtin(t) == 0 ? 0
                                         : cs_error_set(err, CS_ERR_RUNTIME, "built-in theme", 0, "out of memory");
    /* O_NONBLOCK: a FIFO in a theme's place would hang the start in open(). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", errno);
    /* Say what it is rather than how reading it failed (EISDIR) or waited. */
    struct stat sb;
    int known = fstat(fd, &sb) == 0;
    if (!known || !S_ISREG(sb.st_mode)) {
        int dir = known && S_ISDIR(sb.st_mode);
        close(fd);
        return cs_error_set(err, CS_ERR_INPUT, path, 0, "is %s, not a theme file",
                            dir ? "a directory" : "a FIFO, a device or a socket");
    }
    (void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        /* fdopen's buffer: no fault of the theme's. */
        return cs_error_errno(err, e == ENOMEM ? CS_ERR_RUNTIME : CS_ERR_INPUT, path, 0, "cannot read", e);
    }
    /* One byte past the limit tells a file of exactly the limit from a longer one. */
    char *buf = malloc(THEME_MAX_BYTES + 1);
    if (!buf) {
        fclose(f);
        return cs_error_set(err, CS_ERR_RUNTIME, path, 0, "out of memory");
    }
    size_t n = fread(buf, 1, THEME_MAX_BYTES + 1, f);
    int read_errno = ferror(f) ? errno : 0;
    fclose(f);
    int rc;
    if (read_errno)
        rc = cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", read_errno);
    else if (n > THEME_MAX_BYTES)
        rc = cs_error_set(err, CS_ERR_INPUT, path, 0, "too long: a theme file is at most 64 KiB");
    else
        rc = tui_theme_parse(t, buf, n, path, err);
    free(buf);
    return rc;
}

/* Compiled in so the program looks right even before `make install`; it is
 * the same as themes/default.yaml. */
static const char builtin_theme[] =
    "name: default\n"
    "styles:\n"
    "  axis: { fg: [244, white] }\n"
    "  label: { fg: default }\n"
    "  point: { fg: [39, bright-cyan, cyan] }\n"
    "  point_alt: { fg: [170, bright-magenta, magenta] }\n"
    "  band: { fg: [24, blue] }\n"
    "  suggested: { fg: [220, bright-yellow, yellow], attrs: [bold] }\n"
    "  curve_alt: { fg: [78, bright-green, green] }\n"
    "  curve: { fg: [203, bright-red, red], attrs: [bold] }\n"
    "  match: { fg: black, bg: [220, yellow] }\n"
    "  cursor: { attrs: [reverse, bold] }\n"
    "  title: { fg: [250, white], bg: [238, blue] }\n"
    "  title_focus: { fg: [16, black], bg: [75, cyan], attrs: [bold] }\n"
    "  selected: { attrs: [reverse] }\n"
    "  marked: { fg: [220, yellow], attrs: [bold] }\n"
    "  status: { fg: [252, white], bg: [236, blue] }\n"
    "  bar: { fg: default }\n"
    "  error: { fg: [196, bright-red, red], attrs: [bold] }\n"
    "  dim: { fg: [242, white], attrs: [dim] }\n"
    "  key: { fg: [75, cyan], attrs: [bold] }\n"
    "  header: { attrs: [bold, underline] }\n"
    "  spark: { fg: [203, red] }\n"
    "  cov_good: { fg: [78, green] }\n"
    "  cov_warn: { fg: [220, yellow] }\n"
    "  cov_bad: { fg: [196, bright-red, red], attrs: [bold, reverse] }\n"
    "  more: { fg: [75, cyan], attrs: [bold] }\n";

void tui_theme_plain(tui_theme *t)
{
    /* The attributes of the built-in theme's roles without colour: its own,
     * and reverse for the roles drawn on a background of their own (the
     * titles, the status line, the matches), as tui_theme_resolve gives. */
    static const struct {
        int role;
        unsigned attrs;
    } shown[] = {
        { CS_STYLE_SUGGESTED, TUI_A_BOLD },
        { CS_STYLE_CURVE, TUI_A_BOLD },
        { CS_STYLE_MATCH, TUI_A_REVERSE },
        { CS_STYLE_CURSOR, TUI_A_REVERSE | TUI_A_BOLD },
        { TUI_ROLE_TITLE, TUI_A_REVERSE },
        { TUI_ROLE_TITLE_FOCUS, TUI_A_REVERSE | TUI_A_BOLD },
        { TUI_ROLE_SELECTED, TUI_A_REVERSE },
        { TUI_ROLE_MARKED, TUI_A_BOLD },
        { TUI_ROLE_STATUS, TUI_A_REVERSE },
        { TUI_ROLE_ERROR, TUI_A_BOLD },
        { TUI_ROLE_DIM, TUI_A_DIM },
        { TUI_ROLE_KEY, TUI_A_BOLD },
        { TUI_ROLE_HEADER, TUI_A_BOLD | TUI_A_UNDERLINE },
        { TUI_ROLE_COV_WARN, TUI_A_UNDERLINE },
        { TUI_ROLE_COV_BAD, TUI_A_BOLD | TUI_A_UNDERLINE },
        { TUI_ROLE_MORE, TUI_A_BOLD },
    };
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "default");
    for (int r = 0; r < TUI_ROLE_COUNT; r++)
        style_clear(&t->style[r]);
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        t->style[shown[i].role].attrs = shown[i].attrs;
        t->style[shown[i].role].set = 1;
    }
}

int tui_theme_builtin(tui_theme *t)
{
    cs_error err;
    if (tui_theme_parse(t, builtin_theme, sizeof builtin_theme - 1, "built-in theme", &err) == 0)
        return 0;
    /* A broken built-in theme is a programming error caught by the tests;
     * memory running out while libyaml reads it is not, and aborted the
     * start (or a :theme) whenever the theme asked for was not used. */
    if (err.kind != CS_ERR_RUNTIME)
        abort();
    tui_theme_plain(t);
    return -1;
}

/* DIR/NAME.yaml when it is readable; else NULL, with *oom set when memory
 * ran out (the search stops there: going on could find another theme of the
 * name in a later directory, and use it without a word). */
static char *try_dir(const char *dir, size_t dlen, const char *name, int *oom)
{
    size_t size = dlen + strlen(name) + 16;
    char *p = malloc(size);
    if (!p) {
        *oom = 1;
        return NULL;
    }
    snprintf(p, size, "%.*s/%s.yaml", (int)dlen, dir, name);
    if (access(p, R_OK) == 0)
        return p;
    free(p);
    return NULL;
}

/* A copy of path, or NULL with errno ENOMEM. */
static char *found_copy(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        errno = ENOMEM;
    return copy;
}

/* A file of that name (the caller's copy), or NULL: errno 0 when there is
 * none, ENOMEM when memory ran out. */
static char *file_named(const char *name)
{
    if (access(name, F_OK) != 0) {
        errno = 0;
        return NULL;
    }
    return found_copy(name);
}

static int ends_with_yaml(const char *s)
{
    size_t n = strlen(s);
    return (n > 5 && cs_ascii_casecmp(s + n - 5, ".yaml") == 0) || (n > 4 && cs_ascii_casecmp(s + n - 4, ".yml") == 0);
}

/* A name a theme directory may hold: letters, digits, - _ and . alone. */
static int plain_name(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-' || s[i] == '_' || s[i] == '.'))
            return 0;
    return n > 0;
}

char *tui_theme_find(const char *name)
{
    if (!name || !*name) {
        errno = 0;
        return NULL;
    }
    /* Existence, not readability: loading an unreadable file says why it
     * failed, where "not found" would be a lie. */
    if (strchr(name, '/') || ends_with_yaml(name))
        return file_named(name);
    /* Theme directories hold plain names (letters, digits, - _ .); a name
     * with anything else in it can only be a file here. */
    int plain = plain_name(name, strlen(name));
    const char *path = plain ? getenv("CAPSCOPE_THEME_PATH") : NULL;
    char *found;
    int oom = 0;
    while (path && *path && !oom) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        if (len && (found = try_dir(path, len, name, &oom)))
            return found;
        path = colon ? colon + 1 : NULL;
    }
    char *user = plain && !oom ? tui_config_path("themes") : NULL;
    if (plain && !oom && !user && errno == ENOMEM)
        oom = 1;
    if (user) {
        found = try_dir(user, strlen(user), name, &oom);
        free(user);
        if (found)
            return found;
    }
    if (plain && !oom && (found = try_dir(CS_THEMEDIR, strlen(CS_THEMEDIR), name, &oom)))
        return found;
    if (oom) {
        errno = ENOMEM;
        return NULL;
    }
    /* Compiled in, so an uninstalled build or a damaged installation still
     * has the theme every setting defaults to. */
    if (strcmp(name, "default") == 0)
        return found_copy(TUI_THEME_BUILTIN_PATH);
    /* A file in the current directory comes last, so that `theme: dark` in a
     * config file never depends on where capscope was started. */
    return file_named(name);
}

static size_t add_name(const char *name, size_t len, const char *prefix, char **out, size_t n, size_t max)
{
    if (n >= max || strncmp(name, prefix, strlen(prefix)) != 0 || len < strlen(prefix))
        return n;
    for (size_t i = 0; i < n; i++)
        if (strlen(out[i]) == len && strncmp(out[i], name, len) == 0)
            return n;
    char *copy = strndup(name, len);
    if (copy)
        out[n++] = copy;
    return n;
}

/* NAME.yaml files only: the suffix tui_theme_find tries (try_dir). */
static size_t names_in(const char *dir, size_t dlen, const char *prefix, char **out, size_t n, size_t max)
{
    char path[4096];
    if (dlen == 0 || dlen >= sizeof path)
        return n;
    memcpy(path, dir, dlen);
    path[dlen] = '\0';
    DIR *d = opendir(path);
    if (!d)
        return n;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0 && plain_name(e->d_name, len - 5))
            n = add_name(e->d_name, len - 5, prefix, out, n, max);
    }
    closedir(d);
    return n;
}

size_t tui_theme_names(const char *prefix, char **out, size_t max)
{
    size_t n = add_name("default", 7, prefix, out, 0, max);
    for (const char *path = getenv("CAPSCOPE_THEME_PATH"); path && *path;) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        n = names_in(path, len, prefix, out, n, max);
        path = colon ? colon + 1 : NULL;
    }
    char *user = tui_config_path("themes");
    if (user)
        n = names_in(user, strlen(user), prefix, out, n, max);
    free(user);
    return names_in(CS_THEMEDIR, strlen(CS_THEMEDIR), prefix, out, n, max);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void tui_theme_not_found(const char *name, const char *then, char *msg, size_t size)
{
    if (!then)
        then = "";
    /* The names :theme finds, as Tab completes them; a path is no typo. */
    char *names[64];
    size_t n = strchr(name, '/') ? 0 : tui_theme_names("", names, sizeof names / sizeof names[0]);
    /* In order, as readline shows Tab's candidates, not the directories' order. */
    qsort(names, n, sizeof names[0], cmp_names);
    char list[400];
    cs_namelist themes;
    cs_namelist_init(&themes, name, CS_NAMES_LISTED, list, sizeof list);
    for (size_t i = 0; i < n; i++)
        cs_namelist_add(&themes, names[i]);
    cs_namelist_end(&themes);
    /* The typed name shortened as the listed ones are: a long one, pasted,
     * pushed the list and its count out of the message. */
    char shown[CS_NAMES_SHOWN], near_shown[CS_NAMES_SHOWN];
    cs_quote_short(name, shown, sizeof shown);
    if (themes.near.nearest && themes.near.n_nearest == 1)
        snprintf(msg, size, "theme '%s' not found%s (did you mean %s?)", shown, then,
                 cs_quote_short(themes.near.nearest, near_shown, sizeof near_shown));
    else if (n == 1)
        /* The built-in default alone: an uninstalled build, most often. */
        snprintf(msg, size, "theme '%s' not found%s (the only theme is the built-in default: the others are "
                 "installed in %s by make install; before that, CAPSCOPE_THEME_PATH=themes from the top of "
                 "the source tree)", shown, then, CS_THEMEDIR);
    else if (n)
        snprintf(msg, size, "theme '%s' not found%s (themes: %s)", shown, then, list);
    else
        snprintf(msg, size, "theme '%s' not found%s", shown, then); /* a path: no names to offer */
    for (size_t i = 0; i < n; i++)
        free(names[i]);
}

/* Whether a terminal of COLORS colours shows colour c as a theme means it:
 * 0-7 and 8-15 are the terminal's own, 16-255 xterm's cube and greys. A
 * terminal of 88 (rxvt-unicode) has a cube of its own, 4 levels a side, so
 * xterm's 75 (blue) was a pale pink there and its 78 (green, a bin on
 * target) a pale yellow; a direct-colour one (xterm-direct, 2^24) reads a
 * number from 8 up as 0xRRGGBB, so every number above 7 was a dark blue. */
static int shows_as_meant(int c, int colors)
{
    if (c < 8)
        return 1;
    if (c < 16)
        return colors >= 16 && colors <= 256;
    return colors == 256;
}

static int pick(const int *alts, int colors)
{
    for (int i = 0; i < TUI_THEME_ALTS && alts[i] != TUI_COLOR_UNSET; i++) {
        if (alts[i] == TUI_COLOR_DEFAULT)
            return TUI_COLOR_DEFAULT;
        if (shows_as_meant(alts[i], colors))
            return alts[i];
    }
    return TUI_COLOR_DEFAULT;
}

static int same_colors(const int *a, const int *b)
{
    for (int i = 0; i < TUI_THEME_ALTS; i++) {
        if (a[i] != b[i])
            return 0;
        if (a[i] == TUI_COLOR_UNSET)
            break;
    }
    return 1;
}

/* A background of its own: one that is not the screen's. A dark theme paints
 * every role on the base background (its `default` role's); only the roles
 * drawn on another one, and so relying on it to be seen, count. */
static int stands_out_by_background(const tui_theme *t, int role)
{
    const int *bg = t->style[role].bg;
    if (role == CS_STYLE_DEFAULT || bg[0] == TUI_COLOR_UNSET || bg[0] == TUI_COLOR_DEFAULT)
        return 0;
    return !same_colors(bg, t->style[CS_STYLE_DEFAULT].bg);
}

tui_resolved tui_theme_resolve(const tui_theme *t, int role, int colors, int no_color)
{
    tui_resolved r = { TUI_COLOR_DEFAULT, TUI_COLOR_DEFAULT, 0 };
    if (role < 0 || role >= TUI_ROLE_COUNT)
        return r;
    const tui_theme_style *st = &t->style[role];
    r.attrs = st->attrs;
    if (!no_color && colors >= 8) {
        r.fg = pick(st->fg, colors);
        r.bg = pick(st->bg, colors);
    } else if (role == TUI_ROLE_COV_BAD || role == TUI_ROLE_COV_WARN) {
        /* Without colour, reverse is the selection's and the cursor's: a
         * coverage mark shown so (cov_bad's red block) read as one in the
         * drift grid and the strip. It keeps to bold and underline. And a
         * warning that was only yellow (the built-in theme's) read as a
         * bin on target: underlined, as the monochrome theme has it, and a
         * bad bin bold besides. */
        if (r.attrs & TUI_A_REVERSE)
            r.attrs = (r.attrs & ~TUI_A_REVERSE) | TUI_A_BOLD | TUI_A_UNDERLINE;
        r.attrs |= role == TUI_ROLE_COV_BAD ? TUI_A_BOLD | TUI_A_UNDERLINE : TUI_A_UNDERLINE;
    } else if (stands_out_by_background(t, role) && !(r.attrs & TUI_A_REVERSE)) {
        /* Without colour a role that relied on its background (titles, the
         * status line, the selection) still needs to stand out. */
        r.attrs |= TUI_A_REVERSE;
    }
    return r;
}
