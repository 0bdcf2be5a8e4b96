/* export.c - writing the current view to a file: CSV fit table, text plot, SVG. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capscope/durable.h"
#include "capscope/journal.h"
#include "capscope/number.h"
#include "capscope/textwidth.h"
#include "render/ticks.h"
#include "tui/export.h"
#include "tui/pane.h"

/* A growing string. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    int failed;
} sbuf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int w = vsnprintf(b->s ? b->s + b->n : NULL, b->s ? b->cap - b->n : 0, fmt, ap);
        va_end(ap);
        if (w < 0) {
            b->failed = 1;
            return;
        }
        if (b->s && b->n + (size_t)w < b->cap) {
            b->n += (size_t)w;
            return;
        }
        size_t cap = b->cap ? b->cap : 4096;
        while (cap <= b->n + (size_t)w)
            cap *= 2;
        char *ns = realloc(b->s, cap);
        if (!ns) {
            b->failed = 1;
            return;
        }
        b->s = ns;
        b->cap = cap;
    }
}

static char *sb_done(sbuf *b)
{
    if (b->failed) {
        free(b->s);
        return NULL;
    }
    if (!b->s)
        return calloc(1, 1);
    return b->s;
}

static void csv_field(sbuf *b, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        sb_printf(b, "%s", s);
        return;
    }
    sb_printf(b, "\"");
    for (; *s; s++)
        sb_printf(b, *s == '"' ? "\"\"" : "%c", *s);
    sb_printf(b, "\"");
}

/* As `capscope fit --format csv` prints it, so the two tables agree to the
 * bit and a fit on a bound (y0 + L = 1) does not read as past it. */
static void csv_num(sbuf *b, double value)
{
    char buf[CS_NUMBER_TEXT];
    sb_printf(b, ",%s", cs_number_text(value, buf));
}

char *tui_export_csv(const tui_app *app)
{
    sbuf b = { 0 };
    /* design_weights says which boundary it is: the plain fit of the scored
     * rows (off) or the whole file's (on, as capscope fit --design-weights). */
    const char *weights = app->set.design_weights ? "on" : "off";
    sb_printf(&b, "task,n,tau,kappa,lambda_b,y0,L,z_star,b,objective,coverage,reference_flops,q_reference,status,"
                  "design_weights\r\n");
    for (size_t t = 0; app->ds && t < app->ds->n_tasks; t++) {
        const tui_taskfit *f = &app->fits[t];
        csv_field(&b, app->ds->tasks[t].name);
        if (f->state == TUI_FIT_OK) {
            const cs_fit *x = &f->fit;
            const double v[] = { x->tau,     x->kappa, x->lambda_b,  x->p.y0,
                                 x->p.L,     x->p.z_star, x->p.b,    x->objective,
                                 x->coverage, app->set.ref_flops, cs_fit_predict(x, app->set.ref_z) };
            sb_printf(&b, ",%zu", x->n);
            for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
                csv_num(&b, v[i]);
            sb_printf(&b, ",ok,%s\r\n", weights);
        } else {
            sb_printf(&b, ",%zu", app->ds->tasks[t].n_scored);
            csv_num(&b, app->set.tau);
            sb_printf(&b, ",,,,,,,,");
            csv_num(&b, app->set.ref_flops);
            sb_printf(&b, ",,%s,%s\r\n",
                      f->state == TUI_FIT_FAILED ? "failed" : f->state == TUI_FIT_CANCELLED ? "cancelled" : "pending",
                      weights);
        }
    }
    return sb_done(&b);
}

char *tui_export_text(tui_app *app, int cols, int rows)
{
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    cs_canvas *c = cs_canvas_new(cols, rows, (cs_charset)app->charset);
    char *text = NULL;
    if (c) {
        cs_plot_layout lay;
        cs_plot_draw(c, &spec, &lay);
        tui_plot_marks(app, c, &lay);
        char *body = cs_canvas_to_text(c);
        /* The title through a canvas row too: the canvas's rules keep a line
         * break or an escape sequence in a task name out of the file, and an
         * ascii export pure ASCII. */
        cs_textwidth *tw = cs_textwidth_open();
        cs_canvas *tc = cs_canvas_new((int)cs_text_width(tw, st.title), 1, (cs_charset)app->charset);
        cs_textwidth_close(tw);
        cs_canvas_text(tc, 0, 0, st.title, CS_STYLE_LABEL);
        cs_canvas_finish(tc);
        char *title = tc ? cs_canvas_to_text(tc) : NULL;
        if (body && title) {
            sbuf b = { 0 };
            sb_printf(&b, "%s%s", title[0] ? title : "\n", body);
            text = sb_done(&b);
        }
        free(title);
        free(body);
        cs_canvas_free(tc);
        cs_canvas_free(c);
    }
    tui_plot_store_free(&st);
    return text;
}

/* Text for XML 1.0: markup escaped, white space (a line break in a task
 * name) a space, and what XML does not allow at all (other control
 * characters, U+FFFE, U+FFFF, malformed UTF-8) U+FFFD, or the document
 * would not parse. */
static void xml_text(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t used = cs_utf8_decode(s, n, &cp);
        switch (cp) {
        case '<': sb_printf(b, "&lt;"); break;
        case '>': sb_printf(b, "&gt;"); break;
        case '&': sb_printf(b, "&amp;"); break;
        case '"': sb_printf(b, "&quot;"); break;
        case '\t': case '\n': case '\r': sb_printf(b, " "); break;
        default: {
            char buf[8];
            if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
                cp = 0xFFFD;
            cs_utf8_encode(cp, buf);
            sb_printf(b, "%s", buf);
        }
        }
        s += used;
        n -= used;
    }
}

static const char *svg_color(cs_style s)
{
    switch (s) {
    case CS_STYLE_POINT: return "#1f77b4";
    case CS_STYLE_POINT_ALT: return "#c2409c";
    case CS_STYLE_SUGGESTED: return "#d4a000";
    case CS_STYLE_CURVE_ALT: return "#2ca02c";
    case CS_STYLE_CURVE: return "#d62728";
    case CS_STYLE_MATCH: return "#ff7f0e";
    case CS_STYLE_BAND: return "#d62728";
    default: return "#444444";
    }
}

char *tui_export_svg(tui_app *app, int width, int height)
{
    cs_plot_spec spec;
    tui_plot_store st;
    tui_plot_build(app, &spec, &st);
    sbuf b = { 0 };
    const double ml = 56, mr = 16, mt = 28, mb = 44;
    double pw = width - ml - mr, ph = height - mt - mb;
    double x0 = spec.x_min, x1 = spec.x_max, y0 = spec.y_min, y1 = spec.y_max;
    if (!(x1 > x0)) {
        x0 = 21;
        x1 = 25;
    }
    if (!(y1 > y0)) {
        y0 = 0;
        y1 = 1;
    }
#define PX(z) (ml + ((z) - x0) / (x1 - x0) * pw)
#define PY(y) (mt + (y1 - (y)) / (y1 - y0) * ph)
    sb_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                  "font-family=\"sans-serif\" font-size=\"11\">\n",
              width, height, width, height);
    sb_printf(&b, "<title>");
    xml_text(&b, st.title);
    sb_printf(&b, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    sb_printf(&b, "<text x=\"%g\" y=\"18\" font-size=\"13\">", ml);
    xml_text(&b, st.title);
    sb_printf(&b, "</text>\n<defs><clipPath id=\"area\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></clipPath></defs>\n",
              ml, mt, pw, ph);
    sb_printf(&b, "<g stroke=\"#888\" fill=\"none\"><rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\"/></g>\n", ml, mt, pw, ph);
    /* Ticks by the text plot's rules (render/ticks.h): decades, or steps
     * inside a decade when zoomed in; 0, .25 .. 1 or a finer step on y.
     * About one x label per 80 pixels and one y label per 30, so they do
     * not collide. */
    cs_tick ticks[64];
    int max_x = (int)(pw / 80), max_y = (int)(ph / 30);
    size_t nt = cs_ticks_x(x0, x1, max_x > 2 ? max_x : 2, 1, ticks, 64);
    for (size_t i = 0; i < nt; i++) {
        sb_printf(&b, "<line x1=\"%.2f\" y1=\"%g\" x2=\"%.2f\" y2=\"%g\" stroke=\"#888\"/>"
                      "<text class=\"xtick\" x=\"%.2f\" y=\"%g\" text-anchor=\"middle\">",
                  PX(ticks[i].v), mt + ph, PX(ticks[i].v), mt + ph + 5, PX(ticks[i].v), mt + ph + 18);
        xml_text(&b, ticks[i].label);
        sb_printf(&b, "</text>\n");
    }
    nt = cs_ticks_y(y0, y1, max_y > 3 ? max_y : 3, ticks, 64);
    for (size_t i = 0; i < nt; i++) {
        sb_printf(&b, "<line x1=\"%g\" y1=\"%.2f\" x2=\"%g\" y2=\"%.2f\" stroke=\"#888\"/>"
                      "<text class=\"ytick\" x=\"%g\" y=\"%.2f\" text-anchor=\"end\">",
                  ml - 5, PY(ticks[i].v), ml, PY(ticks[i].v), ml - 8, PY(ticks[i].v) + 4);
        xml_text(&b, ticks[i].label);
        sb_printf(&b, "</text>\n");
    }
    sb_printf(&b, "<text x=\"%g\" y=\"%d\" text-anchor=\"middle\">pretraining compute (FLOPs)</text>\n", ml + pw / 2,
              height - 8);
    sb_printf(&b, "<text transform=\"translate(14,%g) rotate(-90)\" text-anchor=\"middle\">accuracy</text>\n", mt + ph / 2);
    sb_printf(&b, "<g clip-path=\"url(#area)\">\n");
    /* The uncertainty band when the view shows it (b), under the points:
     * today's lighter, the one after the suggestions are scored denser, each
     * q +- CS_BAND_Z sd cut to accuracy [0, 1], as on screen. */
    const cs_fit *band_fit = NULL;
    const cs_band *band = tui_app_band(app, &band_fit);
    for (int after = 0; band && after <= 1; after++) {
        sb_printf(&b, "<polygon class=\"%s\" fill=\"%s\" fill-opacity=\"%s\" stroke=\"none\" points=\"",
                  after ? "band-after" : "band", svg_color(CS_STYLE_BAND), after ? "0.30" : "0.15");
        for (int side = 0; side <= 1; side++)
            for (int i = 0; i <= 200; i++) {
                double z = side ? x1 - (x1 - x0) * i / 200.0 : x0 + (x1 - x0) * i / 200.0;
                double q = cs_fit_predict(band_fit, z), h = CS_BAND_Z * cs_band_sd(band, after, z);
                double y = side ? q - h : q + h;
                y = y < 0 ? 0 : y > 1 ? 1 : y;
                if (isfinite(y))
                    sb_printf(&b, "%.2f,%.2f ", PX(z), PY(y));
            }
        sb_printf(&b, "\"/>\n");
    }
    /* Points are binned into 2-pixel cells so a million rows stay a small
     * file; the opacity of a cell grows with its count (density). */
    int gw = (int)(pw / 2) + 1, gh = (int)(ph / 2) + 1;
    unsigned *bins = calloc((size_t)gw * (size_t)gh, sizeof *bins);
    for (size_t s = 0; bins && s < spec.n_series; s++) {
        const cs_plot_series *se = &spec.series[s];
        memset(bins, 0, (size_t)gw * (size_t)gh * sizeof *bins);
        for (size_t i = 0; i < se->n; i++) {
            double px = (PX(se->z[i]) - ml) / 2, py = (PY(se->y[i]) - mt) / 2;
            if (px >= 0 && py >= 0 && px < gw && py < gh)
                bins[(size_t)py * (size_t)gw + (size_t)px]++;
        }
        sb_printf(&b, "<g fill=\"%s\">\n", svg_color(se->style));
        for (int gy = 0; gy < gh; gy++)
            for (int gx = 0; gx < gw; gx++) {
                unsigned c = bins[(size_t)gy * (size_t)gw + (size_t)gx];
                if (c)
                    sb_printf(&b, "<circle cx=\"%d\" cy=\"%d\" r=\"2\" fill-opacity=\"%.2f\"/>\n", (int)ml + 2 * gx + 1,
                              (int)mt + 2 * gy + 1, c >= 8 ? 1.0 : 0.35 + 0.65 * (c - 1) / 7.0);
            }
        sb_printf(&b, "</g>\n");
    }
    free(bins);
    for (size_t k = 0; k < spec.n_curves; k++) {
        const cs_plot_curve *cv = &spec.curves[k];
        sb_printf(&b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"", svg_color(cv->style),
                  cv->style == CS_STYLE_CURVE ? "2" : "1.5");
        for (int i = 0; i <= 200; i++) {
            double z = x0 + (x1 - x0) * i / 200.0;
            double zc = z < cv->z_lo ? cv->z_lo : z > cv->z_hi ? cv->z_hi : z;
            sb_printf(&b, "%.2f,%.2f ", PX(z), PY(cs_q(&cv->p, zc)));
        }
        sb_printf(&b, "\"/>\n");
        /* The name where the curve ends on the right, as on the screen. */
        if (cv->label) {
            double zc = x1 < cv->z_lo ? cv->z_lo : x1 > cv->z_hi ? cv->z_hi : x1;
            sb_printf(&b, "<text class=\"curve\" x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" fill=\"%s\">",
                      PX(x1) - 2, PY(cs_q(&cv->p, zc)) - 4, svg_color(cv->style));
            xml_text(&b, cv->label);
            sb_printf(&b, "</text>\n");
        }
    }
    if (spec.cursor_set)
        sb_printf(&b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"5\" fill=\"none\" stroke=\"black\" stroke-width=\"1.5\"/>\n",
                  PX(spec.cursor_z), PY(spec.cursor_y));
    sb_printf(&b, "</g>\n</svg>\n");
#undef PX
#undef PY
    tui_plot_store_free(&st);
    return sb_done(&b);
}

/* Extensions as people type them: fit.CSV is a CSV file too. */
static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
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
 * first score) is compared by where it would be. */
static int same_file(const char *path, const struct stat *st, const char *other)
{
    struct stat os;
    if (st && stat(other, &os) == 0)
        return st->st_dev == os.st_dev && st->st_ino == os.st_ino;
    if (st)
        return 0;
    char *a = where(path), *b = where(other);
    int same = a && b && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

/* What an export must never replace, not even deliberately: the files the
 * session is made of. Returns what the file is, or NULL. */
static const char *protected_role(const tui_app *app, const char *path, const struct stat *st)
{
    /* "-" is standard input: no file to protect, and no journal. */
    if (app->data_path && strcmp(app->data_path, "-") != 0) {
        if (same_file(path, st, app->data_path))
            return "the loaded data file";
        /* The journal in use, and the one a first score would create: they
         * differ when the one in use is under $XDG_DATA_HOME (journal.h). */
        if (app->journal && same_file(path, st, cs_journal_file(app->journal)))
            return "the journal of the loaded data";
        char *journal = cs_journal_path_for(app->data_path);
        int is_journal = journal && same_file(path, st, journal);
        free(journal);
        if (is_journal)
            return "the journal of the loaded data";
    }
    if (app->config_path && same_file(path, st, app->config_path))
        return "the config file in use";
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
        return cs_error_set(err, CS_ERR_RUNTIME, shown, 0, "cannot write: %s", strerror(errno));
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
        if (errno == EEXIST) {
            cs_error_set(err, CS_ERR_INPUT, shown, 0, EXISTS_HINT);
            return WRITE_EXISTS;
        }
        return cs_error_set(err, CS_ERR_RUNTIME, shown, 0, "cannot write: %s", strerror(errno));
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
