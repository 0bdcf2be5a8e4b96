/* export.c - writing the current view to a file: what goes in it (the fit
 * table, the text plot, the SVG the renderer draws: svg.h) and the file
 * policy (names, never replacing by accident, atomic writes). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capscope/csvwrite.h"
#include "capscope/dataset.h"
#include "capscope/durable.h"
#include "capscope/journal.h"
#include "capscope/legend.h"
#include "capscope/memfile.h"
#include "capscope/number.h"
#include "capscope/svg.h"
#include "capscope/textwidth.h"
#include "capscope/utf8.h"
#include "tui/export.h"
#include "tui/pane.h"

/* As `capscope fit --format csv` prints it, so the two tables agree to the
 * bit and a fit on a bound (y0 + L = 1) does not read as past it. */
static void csv_num(FILE *f, double value)
{
    char buf[CS_NUMBER_TEXT];
    fprintf(f, ",%s", cs_number_text(value, buf));
}

char *tui_export_csv(const tui_app *app)
{
    cs_memfile m;
    FILE *f = cs_memfile_open(&m);
    if (!f)
        return NULL;
    /* design_weights says which boundary it is: the plain fit of the scored
     * rows (off) or the whole file's (on, as capscope fit --design-weights). */
    const char *weights = app->set.design_weights ? "on" : "off";
    fputs("task,n,tau,kappa,lambda_b,y0,L,z_star,b,objective,coverage,reference_flops,q_reference,status,"
          "design_weights\n", f);
    for (size_t t = 0; app->ds && t < app->ds->n_tasks; t++) {
        const tui_taskfit *fit = &app->fits[t];
        /* A name is quoted as the batch face quotes it (csvwrite.h). */
        cs_csv_field(app->ds->tasks[t].name, f);
        if (fit->state == TUI_FIT_OK) {
            const cs_fit *x = &fit->fit;
            const double v[] = { x->tau,     x->kappa, x->lambda_b,  x->p.y0,
                                 x->p.L,     x->p.z_star, x->p.b,    x->objective,
                                 x->coverage, app->set.ref_flops, cs_fit_predict(x, app->set.ref_z) };
            fprintf(f, ",%zu", x->n);
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
                csv_num(f, v[i]);
            fprintf(f, ",ok,%s\n", weights);
        } else {
            fprintf(f, ",%zu", app->ds->tasks[t].n_scored);
            csv_num(f, app->set.tau);
            fputs(",,,,,,,,", f);
            csv_num(f, app->set.ref_flops);
            /* too few rows is no failure: nothing went wrong, as the task
             * pane's "few" says */
            const char *status = fit->state == TUI_FIT_FAILED      ? (fit->too_few ? "too_few" : "failed")
                                 : fit->state == TUI_FIT_CANCELLED ? "cancelled"
                                                                   : "pending";
            fprintf(f, ",,%s,%s\n", status, weights);
        }
    }
    /* NULL when a write was lost (open_memstream lost a write it could not
     * grow for without a word: a CSV with a hole in it). */
    return cs_memfile_close(f, &m, NULL);
}

/* The 'next' row of the suggestions' ranks under the plot, as the pane
 * draws it (tui_plot_tick_cells), and its line break; NULL when out of
 * memory. */
static char *ticks_line(tui_app *app, const cs_plot_layout *lay, int cols)
{
    uint32_t *cells = calloc((size_t)cols + 1, sizeof *cells);
    char *line = malloc(4 * (size_t)cols + 2);
    if (!cells || !line) {
        free(cells);
        free(line);
        return NULL;
    }
    tui_plot_tick_cells(app, lay, cells, cols);
    size_t n = 0;
    for (int c = 0; c < cols; c++) {
        uint32_t cp = c < lay->area_col ? (c < 4 ? (uint32_t)"next"[c] : ' ') : cells[c] ? cells[c] : ' ';
        n += (size_t)cs_utf8_encode(cp, line + n);
    }
    while (n > 0 && line[n - 1] == ' ')
        n--; /* as the canvas's rows end */
    line[n++] = '\n';
    line[n] = '\0';
    free(cells);
    return line;
}

/* The n pieces one after another (caller frees); NULL when one of them is
 * NULL (it could not be made) or memory runs out. */
static char *joined(char *const *pieces, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pieces[i])
            return NULL;
        len += strlen(pieces[i]);
    }
    char *text = malloc(len + 1), *end = text;
    for (size_t i = 0; text && i < n; i++) {
        size_t k = strlen(pieces[i]);
        memcpy(end, pieces[i], k);
        end += k;
    }
    if (text)
        *end = '\0';
    return text;
}

char *tui_export_text(tui_app *app, int cols, int rows)
{
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    /* The legend's line as `capscope plot` has it: what . o O @ count was
     * nowhere in the file. Its row is the plot's last. */
    int has_legend = cs_plot_legend_fits(cols, rows, (cs_charset)app->charset, app->set.tau);
    /* The suggestions' row below the plot, within the rows, as in the pane. */
    int ticks = app->design_ok && app->design.n_picks && rows - has_legend >= 10 && cols >= 4;
    cs_canvas *c = cs_canvas_new(cols, rows - has_legend - ticks, (cs_charset)app->charset);
    cs_canvas *lg = has_legend ? cs_canvas_new(cols, 1, (cs_charset)app->charset) : NULL;
    char *text = NULL;
    if (c && (lg || !has_legend)) {
        cs_plot_layout lay;
        cs_plot_draw(c, &spec, &lay);
        tui_plot_marks(app, c, &lay);
        tui_plot_title_unlabelled(&st, lay.n_unlabelled);
        /* The title through a canvas row too: the canvas's rules keep a line
         * break or an escape sequence in a task name out of the file, and an
         * ascii export pure ASCII. */
        cs_textwidth *tw = cs_textwidth_open();
        cs_canvas *tc = cs_canvas_new((int)cs_text_width(tw, st.title), 1, (cs_charset)app->charset);
        cs_textwidth_close(tw);
        cs_canvas_text(tc, 0, 0, st.title, CS_STYLE_LABEL);
        cs_canvas_finish(tc);
        if (lg)
            cs_plot_legend_draw(lg, app->set.tau, 0);
        /* title, plot, the suggestions' row, legend */
        char *pieces[4];
        size_t n = 0;
        char *title = tc ? cs_canvas_to_text(tc) : NULL;
        if (title && !title[0]) { /* an empty title is still the file's first line */
            free(title);
            title = strdup("\n");
        }
        pieces[n++] = title;
        pieces[n++] = cs_canvas_to_text(c);
        if (ticks)
            pieces[n++] = ticks_line(app, &lay, cols);
        if (lg)
            pieces[n++] = cs_canvas_to_text(lg);
        text = joined(pieces, n);
        for (size_t i = 0; i < n; i++)
            free(pieces[i]);
        cs_canvas_free(tc);
    }
    cs_canvas_free(c);
    cs_canvas_free(lg);
    tui_plot_store_free(&st);
    return text;
}

char *tui_export_svg(tui_app *app, int width, int height)
{
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    /* The file's title is every part in full: no pane width to fit. */
    spec.title = st.title;
    /* The band when the view shows it (b), around the boundary it is of. */
    cs_svg_band band;
    band.band = tui_app_band(app, &band.fit);
    /* The suggestions, as the pane's 'next' row shows them. */
    size_t n = app->design_ok ? app->design.n_picks : 0, k = 0;
    cs_svg_pick *picks = n ? malloc(n * sizeof *picks) : NULL;
    for (size_t i = 0; picks && i < n; i++)
        if (app->design.picks[i].row < app->ds->n_rows)
            picks[k++] = (cs_svg_pick){ app->ds->z[app->design.picks[i].row], app->design.picks[i].rank };
    char *svg = n && !picks ? NULL : cs_svg_plot_picks(&spec, band.band ? &band : NULL, picks, k, width, height);
    free(picks);
    tui_plot_store_free(&st);
    return svg;
}

/* Extensions as people type them: fit.CSV is a CSV file too. */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && cs_ascii_casecmp(s + n - k, suffix) == 0;
}

/* Extensions of formats capscope does not write, which a person types
 * expecting one (a picture for a slide, a PDF, JSON for a script): the plot
 * as text under such a name opens in nothing that reads the name. */
static const char *not_written(const char *path)
{
    static const char *const formats[] = { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff",
                                            ".pdf", ".eps", ".ps",  ".json", ".html", ".htm", ".xlsx", ".xls" };
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (ends_with(path, formats[i]))
            return formats[i];
    return NULL;
}

static char *render_for(tui_app *app, const char *path)
{
    if (ends_with(path, ".csv"))
        return tui_export_csv(app);
    if (ends_with(path, ".svg"))
        return tui_export_svg(app, 800, 500);
    return tui_export_text(app, 100, 30);
}

/* The name as messages show it: a long one is cut in the middle, so that
 * what went wrong still fits on the status line. */
static const char *shown_name(const char *path, char *buf, size_t size)
{
    size_t n = strlen(path);
    if (n <= 60)
        return path;
    /* whole characters at both ends: a cut by bytes could split one */
    cs_textwidth *tw = cs_textwidth_open();
    size_t head = cs_text_prefix(tw, path, SIZE_MAX, 24), tail = cs_text_boundary(tw, path, n - 28);
    cs_textwidth_close(tw);
    snprintf(buf, size, "%.*s...%s", (int)head, path, path + tail);
    return buf;
}

/* Where path would be, as an absolute name, whether or not it exists: its
 * directory resolved, its last component as given. NULL when the directory
 * cannot be resolved (caller frees). */
static char *where(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!real)
        return NULL;
    const char *base = slash ? slash + 1 : path;
    size_t size = strlen(real) + strlen(base) + 2;
    char *out = malloc(size);
    if (out)
        snprintf(out, size, "%s/%s", real, base);
    free(real);
    return out;
}

/* Does path (whose lstat is *st, or NULL when it does not exist) name the
 * same file as other? A file that does not exist yet (the journal before the
 * first score) is compared by where it would be. -1 when that cannot be
 * told for want of memory: the caller then keeps the file, as if the same. */
static int same_file(const char *path, const struct stat *st, const char *other)
{
    struct stat os;
    if (st && stat(other, &os) == 0)
        return st->st_dev == os.st_dev && st->st_ino == os.st_ino;
    if (st)
        return 0;
    errno = 0;
    char *a = where(path);
    int a_errno = errno;
    char *b = where(other);
    int same = a && b ? strcmp(a, b) == 0 : a_errno == ENOMEM || errno == ENOMEM ? -1 : 0;
    free(a);
    free(b);
    return same;
}

/* What same_file's answer makes of a file: role when the same; when it
 * cannot be told, perhaps that (the file is kept all the same). */
static const char *kept_as(int same, const char *role, const char *perhaps)
{
    return same > 0 ? role : same < 0 ? perhaps : NULL;
}
#define KEPT_AS(same, role) kept_as((same), role, "perhaps " role " (out of memory comparing names)")

/* What an export must never replace, not even deliberately: the files the
 * session is made of. Returns what the file is, or NULL. */
static const char *protected_role(const tui_app *app, const char *path, const struct stat *st)
{
    /* "-" is standard input: no file to protect, and no journal. */
    if (app->data_path && strcmp(app->data_path, "-") != 0) {
        const char *role = KEPT_AS(same_file(path, st, app->data_path), "the loaded data file");
        /* The journal in use, and the one a first score would create: they
         * differ when the one in use is under $XDG_DATA_HOME (journal.h). */
        if (!role && app->journal)
            role = KEPT_AS(same_file(path, st, cs_journal_file(app->journal)), "the journal of the loaded data");
        if (role)
            return role;
        char *journal = cs_journal_path_for(app->data_path);
        if (!journal && errno == ENOMEM)
            return "perhaps the journal of the loaded data (out of memory looking for it)";
        role = journal ? KEPT_AS(same_file(path, st, journal), "the journal of the loaded data") : NULL;
        free(journal);
        if (role)
            return role;
    }
    if (app->config_path)
        return KEPT_AS(same_file(path, st, app->config_path), "the config file in use");
    return NULL;
}

#define EXISTS_HINT "already exists (:export FILE force replaces it)"

/* Why an existing file is not replaced, or NULL when it may be. */
static const char *why_kept(const struct stat *st, int replace)
{
    /* Replacing a link would cut it, and anything but a regular file (a
     * device, a FIFO) is not an export to replace. */
    if (S_ISLNK(st->st_mode))
        return "is a symbolic link: not replaced (export to its target)";
    if (S_ISDIR(st->st_mode))
        return "is a directory";
    if (!S_ISREG(st->st_mode))
        return "is not a regular file: not replaced";
    return replace ? NULL : EXISTS_HINT;
}

enum { WRITE_OK = 0, WRITE_FAILED = -1, WRITE_EXISTS = -2 };

/* Write data to path atomically (cs_write_atomic): a new file never replaces
 * one that appeared meanwhile, and an existing one is replaced only when
 * replace is set and path is a regular file, keeping its permission bits
 * and, where allowed, its owner. WRITE_EXISTS when path exists and is not
 * replaced; err says why in both failures. */
static int write_export(const tui_app *app, const char *path, const char *data, size_t len, int replace, cs_error *err)
{
    char shown_buf[64];
    const char *shown = shown_name(path, shown_buf, sizeof shown_buf);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base)
        return cs_error_set(err, CS_ERR_INPUT, shown, 0, "names a directory, not a file");
    if (strlen(base) > NAME_MAX)
        return cs_error_set(err, CS_ERR_INPUT, shown, 0, "file name too long (%zu bytes, at most %d)", strlen(base),
                            NAME_MAX);
    struct stat st;
    int exists = lstat(path, &st) == 0;
    if (!exists && errno != ENOENT)
        return cs_error_errno(err, CS_ERR_RUNTIME, shown, 0, "cannot write", errno);
    const char *role = protected_role(app, path, exists ? &st : NULL);
    if (role) {
        cs_error_set(err, CS_ERR_INPUT, shown, 0, "is %s: never replaced", role);
        return exists ? WRITE_EXISTS : WRITE_FAILED;
    }
    const char *why = exists ? why_kept(&st, replace) : NULL;
    if (why) {
        cs_error_set(err, CS_ERR_INPUT, shown, 0, "%s", why);
        return WRITE_EXISTS;
    }
    if (cs_write_atomic(path, data, len, exists) < 0) {
        int e = errno;
        if (e == EEXIST) {
            cs_error_set(err, CS_ERR_INPUT, shown, 0, EXISTS_HINT);
            return WRITE_EXISTS;
        }
        if (!exists)
            return cs_error_errno(err, CS_ERR_RUNTIME, shown, 0, "cannot write", e);
        /* A file replaced is written beside it first: a permission refused
         * is the directory's, which "cannot write" alone sent the user
         * looking for in the file's own mode. What a failure keeps is said,
         * so that nobody wonders whether the old contents survived. */
        char reason[128];
        cs_errno_text(e, reason, sizeof reason);
        return cs_error_set(err, CS_ERR_RUNTIME, shown, 0, "cannot write%s: %s; the file is as it was",
                            e == EACCES || e == EPERM ? " in its directory" : "", reason);
    }
    return WRITE_OK;
}

int tui_export(tui_app *app, const char *name, char **written, cs_error *err)
{
    return tui_export_file(app, name, 0, written, err);
}

int tui_export_file(tui_app *app, const char *name, int replace, char **written, cs_error *err)
{
    *written = NULL;
    const char *format = name ? not_written(name) : NULL;
    if (format)
        return cs_error_set(err, CS_ERR_INPUT, name, 0,
                            "capscope writes no %s file: .svg writes the plot as an image, .csv the fit table, "
                            "any other name (.txt) the plot as text",
                            format);
    if (name && *name) {
        char *data = render_for(app, name);
        if (!data)
            return cs_error_set(err, CS_ERR_RUNTIME, name, 0, "out of memory");
        int rc = write_export(app, name, data, strlen(data), replace, err);
        free(data);
        if (rc != WRITE_OK)
            return -1;
        if (!(*written = strdup(name)))
            return cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory");
        return 0;
    }
    /* No name given: a fresh file in the current directory, never one that exists. */
    char base[200], path[256];
    const char *task = app->ds->tasks[app->task].name;
    size_t k = 0;
    for (const char *s = task; *s && k + 1 < sizeof base; s++)
        base[k++] = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
                            *s == '_'
                        ? *s
                        : '_';
    base[k] = '\0';
    char *data = NULL;
    for (int i = 1; i < 1000; i++) {
        if (i == 1)
            snprintf(path, sizeof path, "capscope-%s.txt", base);
        else
            snprintf(path, sizeof path, "capscope-%s-%d.txt", base, i);
        if (!data && !(data = render_for(app, path)))
            return cs_error_set(err, CS_ERR_RUNTIME, path, 0, "out of memory");
        int rc = write_export(app, path, data, strlen(data), 0, err);
        if (rc == WRITE_OK) {
            free(data);
            if (!(*written = strdup(path)))
                return cs_error_set(err, CS_ERR_RUNTIME, "", 0, "out of memory");
            return 0;
        }
        if (rc != WRITE_EXISTS)
            break;
    }
    free(data);
    return -1;
}
