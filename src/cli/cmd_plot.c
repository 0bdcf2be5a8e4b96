/* capscope plot: the scatter of one task and its fitted boundary, as text on
 * stdout. The drawing is the TUI's (src/render/plot.c); this file only picks
 * the size, the charset and the colour, and adds a title and a legend. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "capscope/canvas.h"
#include "capscope/legend.h"
#include "capscope/number.h"
#include "capscope/plot.h"
#include "capscope/svg.h"
#include "capscope/textwidth.h"
#include "cli/cli.h"

static const char plot_help[] =
    "Usage: capscope plot [--data FILE] [--task NAME] [--width W] [--height H]\n"
    "                     [--charset braille|block|ascii|auto]\n"
    "                     [--color auto|always|never] [OPTIONS]\n"
    "\n"
    "Draw the scatter of one task (accuracy against log10 pretraining FLOPs) and its\n"
    "fitted capability boundary as text: a title line with the task, n and the\n"
    "fitted parameters, the plot, and a legend line. Output is at most W columns and\n"
    "exactly H lines; below 5 lines, or narrower than the legend's shortest form\n"
    "(12 columns, 11 in ascii), the plot takes the legend's line, and below 4 lines\n"
    "the title's too. Without --task the first task of the data is drawn.\n"
    "With --format json or csv, the numbers behind the drawing instead: the fit, and\n"
    "the boundary q at the centre of each plot column (column, z, flops, q).\n"
    "With --band, the boundary's 90% pointwise band too, as the interface's b key\n"
    "shows it: shaded around the curve, or q_lo and q_hi in each column.\n"
    "With --format svg, the drawing as an SVG document of W x H pixels (default\n"
    "800 x 500, at least 73 x 73), for a paper or a web page.\n"
    "\n"
    "Options:\n"
    "      --width W         columns (default: the width of the terminal on standard\n"
    "                        output; into a pipe or a file, 80)\n"
    "      --height H        lines (default: that terminal's height; into a pipe or\n"
    "                        a file, 24)\n"
    "      --charset SET     braille: 2x4 dots per cell; block: 2x2 quadrant blocks;\n"
    "                        ascii: one mark per cell by density\n"
    "                        (. o O @ for 1, 2-3, 4-7, 8+ models); auto, the\n"
    "                        default: braille when the locale's character set is\n"
    "                        UTF-8, else ascii, and ascii on the Linux console\n"
    "                        (TERM=linux), whose font has no braille.\n"
    "                        Use block or ascii when braille shows as boxes (the\n"
    "                        Linux console, some fonts).\n"
    "      --color WHEN      auto (default: on a terminal, unless NO_COLOR is set\n"
    "                        and not empty, or TERM is dumb, empty or unset),\n"
    "                        always or never. Crowded cells are bold.\n"
    "      --data FILE       CSV with a header row ('-' = standard input); default:\n"
    "                        the demo data\n"
    "      --config FILE     YAML mapping of column roles (see capscope-config(5))\n"
    "      --task NAME       the task column to draw\n"
    "      --tau T           quantile level of the boundary (default 0.98)\n"
    "      --kappa K         smoothing of the pinball loss, 1 to 1e6 (default 50)\n"
    "      --lambda-b L      ridge penalty on the slope b (default 0.001)\n"
    "      --since DATE      only rows dated on or after DATE (YYYY-MM-DD)\n"
    "      --until DATE      only rows dated on or before DATE\n"
    "      --band            the boundary's 90% band (q +- 1.645 sd, Koenker's\n"
    "                        asymptotic variance of a quantile fit; at least 8 rows)\n"
    "      --format FMT      table (default: the drawing), json or csv (its\n"
    "                        numbers), or svg (the drawing, W x H pixels)\n"
    "      --quiet           no warnings, notes or progress on stderr\n"
    "      --help            this help\n";

enum { OPT_WIDTH = CLI_OPT_FIRST_LOCAL, OPT_HEIGHT, OPT_CHARSET, OPT_COLOR, OPT_FORMAT, OPT_BAND };
enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

#define MAX_SIZE 4096   /* columns or lines; far beyond any terminal */
/* An SVG's size when none is given: the interface's :export FILE.svg. */
#define SVG_WIDTH 800
#define SVG_HEIGHT 500

typedef struct plot_opts {
    int width, height;          /* 0: from the terminal */
    int charset_set;
    cs_charset charset;
    int color;
    int svg;                    /* --format svg: a document, not text */
    int band;                   /* --band */
} plot_opts;

static int parse_size(cs_cli *c, const char *option, const char *arg, int *out)
{
    size_t v;
    if (cli_parse_count(c, option, arg, 1, MAX_SIZE, &v) != 0)
        return -1;
    *out = (int)v;
    return 0;
}

static int plot_option(cs_cli *c, void *ctx, int opt, const char *arg)
{
    plot_opts *po = ctx;
    switch (opt) {
    case OPT_WIDTH:
    case OPT_HEIGHT:
        return opt == OPT_WIDTH ? parse_size(c, "--width", arg, &po->width)
                                : parse_size(c, "--height", arg, &po->height);
    case OPT_CHARSET:
        /* auto as the interface's --charset takes it: what the locale shows. */
        if (strcmp(arg, "auto") == 0) {
            po->charset_set = 0;
            return 0;
        }
        if (cs_charset_parse(arg, &po->charset) != 0) {
            cli_usage_error(c, "--charset must be braille, block, ascii or auto, not '%s'", arg);
            return -1;
        }
        po->charset_set = 1;
        return 0;
    case OPT_FORMAT:
        /* plot's own --format: the three of every subcommand, and svg. */
        po->svg = strcmp(arg, "svg") == 0;
        if (po->svg) {
            c->format = CLI_FORMAT_TABLE;
            return 0;
        }
        if (cli_format_parse(arg, &c->format) != 0) {
            cli_usage_error(c, "--format must be table, json, csv or svg, not '%s'", arg);
            return -1;
        }
        return 0;
    case OPT_BAND:
        po->band = 1;
        return 0;
    case OPT_COLOR:
        if (strcmp(arg, "auto") == 0)
            po->color = COLOR_AUTO;
        else if (strcmp(arg, "always") == 0)
            po->color = COLOR_ALWAYS;
        else if (strcmp(arg, "never") == 0)
            po->color = COLOR_NEVER;
        else {
            cli_usage_error(c, "--color must be auto, always or never, not '%s'", arg);
            return -1;
        }
        return 0;
    default:
        return -1;
    }
}

/* Only LC_CTYPE is taken from the environment, and only for this question:
 * messages and numbers stay in the C locale (common.c). */
static int locale_is_utf8(void)
{
    const char *set = setlocale(LC_CTYPE, "");
    int utf8 = 0;
    if (set) {
        const char *codeset = nl_langinfo(CODESET);
        utf8 = codeset && (cs_ascii_casecmp(codeset, "UTF-8") == 0 || cs_ascii_casecmp(codeset, "utf8") == 0);
    }
    setlocale(LC_CTYPE, "C");
    return utf8;
}

static int colour_wanted(int mode)
{
    if (mode != COLOR_AUTO)
        return mode == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no_color && *no_color) && term && *term &&
           strcmp(term, "dumb") != 0;
}

static void terminal_size(int *width, int *height)
{
    struct winsize ws;
    int w = 80, h = 24;
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
        ws.ws_row > 0) {
        w = ws.ws_col < MAX_SIZE ? ws.ws_col : MAX_SIZE;
        h = ws.ws_row < MAX_SIZE ? ws.ws_row : MAX_SIZE;
    }
    if (*width == 0)
        *width = w;
    if (*height == 0)
        *height = h;
}

/* The boundary as numbers: q at the centre of each column of the plot area,
 * so a script gets exactly the curve the drawing shows. */
static int emit_curve(const cs_cli *c, size_t task, const cs_fit *f, const cs_plot_layout *l, const cs_band *band)
{
    cli_out *o = cli_out_new("curve");
    cli_out_str(o, "task", c->ds->tasks[task].name);
    cli_out_int(o, "n", (long long)f->n);
    cli_out_num_given(o, "tau", f->tau);
    cli_out_num(o, "y0", f->p.y0, "%.4f");
    cli_out_num(o, "L", f->p.L, "%.4f");
    cli_out_num(o, "z_star", f->p.z_star, "%.3f");
    cli_out_num(o, "b", f->p.b, "%.4f");
    for (int col = 0; col < l->area_cols; col++) {
        double z = l->x_min + (l->x_max - l->x_min) * (col + 0.5) / l->area_cols;
        cli_out_record(o);
        cli_out_int(o, "column", col);
        cli_out_num(o, "z", z, "%.3f");
        cli_out_num(o, "flops", pow(10, z), "%.3g");
        double q = cs_fit_predict(f, z);
        cli_out_num(o, "q", q, "%.4f");
        if (band) { /* cut to [0, 1] as the drawing is; null without a band */
            double h = band->ok ? CS_BAND_Z * cs_band_sd(band, 0, z) : NAN; /* fmax would take NaN for 0 */
            cli_out_num(o, "q_lo", isnan(h) ? NAN : fmax(q - h, 0), "%.4f");
            cli_out_num(o, "q_hi", isnan(h) ? NAN : fmin(q + h, 1), "%.4f");
        }
    }
    int status = cli_emit(c, o);
    cli_out_free(o);
    return status;
}

/* The title: the task's name, then n and the parameters while whole ones fit
 * the width. The canvas cuts text at its edge, and a number cut there reads
 * as another number (z*=21.09 as z*=21.0, b=0.398 as b=0), so a field that
 * does not fit is left out, never cut; only a name too long for the width is. */
static void plot_title(char *title, size_t size, const char *name, size_t n, const cs_fit *f, int band, int width)
{
    cs_textwidth *tw = cs_textwidth_open(); /* 200 columns of whole characters, in at most 400 bytes */
    size_t cut = cs_text_prefix(tw, name, 200, 400);
    snprintf(title, size, "%.*s", (int)cut, name);
    size_t cols = cs_text_width(tw, title);
    cs_textwidth_close(tw);
    char field[5][48];
    snprintf(field[0], sizeof field[0], "  n=%zu", n);
    snprintf(field[1], sizeof field[1], "  y0=%.3f", f->p.y0);
    snprintf(field[2], sizeof field[2], " L=%.3f", f->p.L);
    snprintf(field[3], sizeof field[3], " z*=%.2f", f->p.z_star);
    snprintf(field[4], sizeof field[4], " b=%.3f", f->p.b);
    /* The band's words are all that names its shading (the legend has
     * none): the fields before it give way to them, rather than they to
     * the fields (a long task's name at 80 columns left the band
     * unnamed). The parameters are in the JSON and CSV too. */
    static const char band_field[] = "  90% band";
    size_t band_w = band && cols + strlen(band_field) <= (size_t)width ? strlen(band_field) : 0;
    for (int i = 0; i < 5; i++) {
        size_t len = strlen(title), w = strlen(field[i]);   /* ASCII: one column a byte */
        if (cols + w + band_w > (size_t)width || len + w + band_w >= size)
            break;
        memcpy(title + len, field[i], w + 1);
        cols += w;
    }
    size_t len = strlen(title);
    if (band_w && len + band_w < size)
        memcpy(title + len, band_field, band_w + 1);
}

/* One task's drawing, text or SVG: its points and its fitted boundary
 * (labelled, or not when label is NULL) under the title. */
static void task_scene(cs_plot_spec *spec, cs_plot_series *points, cs_plot_curve *boundary, const double *z,
                       const double *y, size_t n, const cs_fit *f, const char *title, const char *label)
{
    *points = (cs_plot_series){ .z = z, .y = y, .n = n, .style = CS_STYLE_POINT };
    *boundary = (cs_plot_curve){ .p = f->p, .z_lo = f->z_min, .z_hi = f->z_max, .style = CS_STYLE_CURVE,
                                 .label = label };
    cs_plot_spec_init(spec);
    spec->series = points;
    spec->n_series = 1;
    spec->curves = boundary;
    spec->n_curves = 1;
    spec->title = title;
}

/* The band of f over the rows it was fitted on, when --band asks for it
 * (*band NULL otherwise): 0, with b->ok 0 and a note when the rows cannot
 * give one; -1 when memory ran out, which must not pass for that (nulls
 * and status 0). */
static int plot_band(cs_cli *c, const plot_opts *po, const cs_fit *f, const double *z, const double *y, size_t n,
                     cs_band *b, const cs_band **band)
{
    *band = NULL;
    if (!po->band)
        return 0;
    errno = 0;
    if (cs_band_compute(b, f, z, y, n, NULL, 0, f->tau) != 0) {
        if (errno == ENOMEM)
            return -1;
        /* in the interface's words (app_band.c) */
        if (n < CS_BAND_MIN_ROWS)
            cli_warn(c, "note: no band: the boundary is fitted on %zu rows, the band needs %d", n, CS_BAND_MIN_ROWS);
        else
            cli_warn(c, "note: no band: the %zu rows do not determine the boundary's variance", n);
    }
    *band = b;
    return 0;
}

static int draw(cs_cli *c, size_t task, const cs_fit *f, const plot_opts *po, int colour)
{
    const cs_dataset *ds = c->ds;
    size_t cap = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(cap * sizeof *z), *y = malloc(cap * sizeof *y);
    int has_legend = cs_plot_legend_fits(po->width, po->height, po->charset, f->tau);
    int plot_rows = has_legend ? po->height - 1 : po->height;
    cs_canvas *canvas = cs_canvas_new(po->width, plot_rows, po->charset);
    cs_canvas *legend = has_legend ? cs_canvas_new(po->width, 1, po->charset) : NULL;
    int status = CS_EXIT_OK;
    if (!z || !y || !canvas || (has_legend && !legend)) {
        fprintf(stderr, "capscope: plot: out of memory\n");
        status = CS_EXIT_RUNTIME;
        goto done;
    }
    size_t n = cli_task_xy(c, task, z, y, NULL);

    cs_band b;
    const cs_band *band;
    if (plot_band(c, po, f, z, y, n, &b, &band) != 0) {
        status = cli_out_of_memory();
        goto done;
    }
    char title[512];
    plot_title(title, sizeof title, ds->tasks[task].name, n, f, band && band->ok, po->width);
    cs_plot_series points;
    cs_plot_curve boundary;
    cs_plot_spec spec;
    task_scene(&spec, &points, &boundary, z, y, n, f, title, NULL);
    spec.unicode_labels = po->charset != CS_CHARSET_ASCII;
    cs_plot_layout layout;
    cs_plot_draw(canvas, &spec, &layout);
    if (c->format != CLI_FORMAT_TABLE) {
        status = emit_curve(c, task, f, &layout, band);
        goto done;
    }
    if (band && band->ok)
        cs_plot_shade_band(canvas, &layout, band, f);
    if (legend)
        cs_plot_legend_draw(legend, f->tau, colour);

    int printed = cs_canvas_print(canvas, stdout, colour) == 0 &&
                  (!legend || cs_canvas_print(legend, stdout, colour) == 0);
    /* cli_flush_stdout names the reason (a full disk, a closed pipe) when
     * stdout failed; a print that failed otherwise still needs a message. */
    status = cli_flush_stdout("plot");
    if (!printed && status == CS_EXIT_OK) {
        fprintf(stderr, "capscope: plot: cannot write the output\n");
        status = CS_EXIT_RUNTIME;
    }
done:
    cs_canvas_free(canvas);
    cs_canvas_free(legend);
    free(z);
    free(y);
    return status;
}

/* The drawing as an SVG document on stdout: the points and the boundary in
 * the view the text plot fits to them, under the title with every field
 * (no width of columns to fit). */
static int draw_svg(cs_cli *c, size_t task, const cs_fit *f, const plot_opts *po)
{
    const cs_dataset *ds = c->ds;
    size_t cap = ds->n_rows ? ds->n_rows : 1;
    double *z = malloc(cap * sizeof *z), *y = malloc(cap * sizeof *y);
    char *svg = NULL;
    int status = CS_EXIT_OK;
    cs_band b;
    const cs_band *band = NULL;
    size_t n = z && y ? cli_task_xy(c, task, z, y, NULL) : 0;
    /* out of memory for the band: said below, as svg is NULL */
    if (z && y && plot_band(c, po, f, z, y, n, &b, &band) == 0) {
        const cs_svg_band shaded = { f, band };
        char title[512], level[CS_NUMBER_TEXT], label[CS_NUMBER_TEXT + 8];
        plot_title(title, sizeof title, ds->tasks[task].name, n, f, band && band->ok, INT_MAX);
        /* As the interface names a quantile's curve in its SVG: q and the level. */
        snprintf(label, sizeof label, "q %s", cs_number_text(f->tau, level));
        cs_plot_series points;
        cs_plot_curve boundary;
        cs_plot_spec spec;
        task_scene(&spec, &points, &boundary, z, y, n, f, title, label);
        /* The points span the fit's rows, as the curve does: the text
         * plot's view of them (svg.h draws a view as given). */
        cs_plot_auto_x_view(f->z_min, f->z_max, &spec.x_min, &spec.x_max);
        svg = cs_svg_plot(&spec, band && band->ok ? &shaded : NULL, po->width, po->height);
    }
    if (!svg) {
        fprintf(stderr, "capscope: plot: out of memory\n");
        status = CS_EXIT_RUNTIME;
    } else {
        /* A write that fails inside fputs (a full disk) leaves nothing for
         * the flush to fail on, nor its errno: it is said here. */
        errno = 0;
        if (fputs(svg, stdout) == EOF) {
            char reason[256];
            fprintf(stderr, "capscope: plot: cannot write the output: %s\n",
                    errno ? cs_errno_text(errno, reason, sizeof reason) : "write error");
            status = CS_EXIT_RUNTIME;
        } else {
            status = cli_flush_stdout("plot");
        }
    }
    free(svg);
    free(z);
    free(y);
    return status;
}

int cmd_plot(int argc, char **argv)
{
    static const struct option local[] = {
        { "width", required_argument, NULL, OPT_WIDTH },
        { "height", required_argument, NULL, OPT_HEIGHT },
        { "charset", required_argument, NULL, OPT_CHARSET },
        { "color", required_argument, NULL, OPT_COLOR },
        { "colour", required_argument, NULL, OPT_COLOR },
        { "band", no_argument, NULL, OPT_BAND },
        /* before the common --format, which getopt would match otherwise */
        { "format", required_argument, NULL, OPT_FORMAT },
        { NULL, 0, NULL, 0 },
    };
    cs_cli c;
    cli_init(&c, "plot");
    plot_opts po = { .color = COLOR_AUTO };
    int status = cli_parse(&c, argc, argv, local, plot_option, &po, plot_help);
    if (status >= 0)
        goto out;
    if (c.n_task_names > 1) {
        status = cli_usage_error(&c, "plot draws one task: name one --task");
        goto out;
    }
    if (po.svg) {
        /* Pixels, not a terminal's cells: the size of the interface's export. */
        po.width = po.width ? po.width : SVG_WIDTH;
        po.height = po.height ? po.height : SVG_HEIGHT;
        if (po.width < CS_SVG_MIN_WIDTH || po.height < CS_SVG_MIN_HEIGHT) {
            status = cli_usage_error(&c, "an SVG is at least %d x %d pixels (its margins and one pixel of "
                                         "plot), not %d x %d", CS_SVG_MIN_WIDTH, CS_SVG_MIN_HEIGHT,
                                     po.width, po.height);
            goto out;
        }
    }
    if ((status = cli_load(&c)) != 0)
        goto out;
    terminal_size(&po.width, &po.height);
    if (!po.svg && (long)po.width * po.height > CS_CANVAS_MAX_CELLS) {
        status = cli_usage_error(&c, "--width x --height is at most %ld cells", CS_CANVAS_MAX_CELLS);
        goto out;
    }
    if (!po.charset_set)
        po.charset = cs_charset_auto(locale_is_utf8(), getenv("TERM")); /* the interface's rule */

    size_t task = 0;   /* with --task the data holds just that task; else the first */
    cs_fit f;
    if ((status = cli_fit_task(&c, task, &f)) != 0)
        goto out;
    status = po.svg ? draw_svg(&c, task, &f, &po) : draw(&c, task, &f, &po, colour_wanted(po.color));
out:
    return cli_finish(&c, status);
}
