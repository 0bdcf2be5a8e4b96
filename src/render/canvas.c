/* canvas.c - the cell grid: dots, lines, shading and text, resolved into glyphs. */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "capscope/canvas.h"
#include "capscope/cellrow.h"
#include "capscope/textwidth.h"

/* Everything that landed in one cell, per layer, before it becomes a glyph. */
typedef struct dot_cell {
    uint32_t points;                     /* points landed here (saturating) */
    uint32_t by_style[CS_STYLE_COUNT];   /* the same, per style: majority colour */
    uint32_t text;                       /* code point of the text layer; 0 = none */
    uint32_t text_mark[CS_CELL_MARKS];   /* its combining marks, 0-terminated unless full */
    uint8_t point_mask, line_mask;       /* dots set, per layer */
    uint8_t line_style, line_glyph;      /* highest line style; ascii slope glyph */
    uint8_t shade_style, has_shade;
    uint8_t text_style;
} dot_cell;

/* A dot_cell's points layer alone, as cs_canvas_points_keep keeps it. */
typedef struct kept_point {
    uint32_t points;
    uint32_t by_style[CS_STYLE_COUNT];
    uint8_t point_mask;
} kept_point;

struct cs_canvas {
    int cols, rows;
    cs_charset charset;
    int dx, dy;            /* dots per cell */
    int sx, sy;            /* log2 of dx, dy: dot -> cell is a shift */
    int clip_x0, clip_y0, clip_x1, clip_y1;   /* dots the dot layers may set: [x0, x1) x [y0, y1) */
    dot_cell *dots;        /* cols * rows */
    kept_point *kept;      /* cols * rows: the points layer cs_canvas_points_keep copied, or NULL */
    uint32_t *tally;       /* cs_canvas_scatter's count per dot, zero between calls; or NULL */
    unsigned char kept_key[CS_CANVAS_KEY_MAX];
    size_t kept_key_size;
    cs_cell *cells;        /* resolved, cols * rows */
    cs_textwidth *width;   /* how many cells a code point of text takes */
};

#define LIGHT_SHADE 0x2591u

/* Braille: dot (x, y) of a 2x4 cell is bit braille_bit[y][x] of U+2800 + mask,
 * the standard numbering 1 2 3 7 down the left column, 4 5 6 8 down the right. */
static const uint8_t braille_bit[4][2] = {
    { 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

/* Block: quadrants upper-left 1, upper-right 2, lower-left 4, lower-right 8. */
static const uint8_t block_bit[2][2] = { { 1, 2 }, { 4, 8 } };
static const uint32_t block_glyph[16] = {
    ' ',    0x2598, 0x259D, 0x2580, 0x2596, 0x258C, 0x259E, 0x259B,
    0x2597, 0x259A, 0x2590, 0x259C, 0x2584, 0x2599, 0x259F, 0x2588,
};

void cs_charset_dots(cs_charset cs, int *dx, int *dy)
{
    int x = 1, y = 1;
    if (cs == CS_CHARSET_BRAILLE) {
        x = 2;
        y = 4;
    } else if (cs == CS_CHARSET_BLOCK) {
        x = 2;
        y = 2;
    }
    if (dx)
        *dx = x;
    if (dy)
        *dy = y;
}

cs_charset cs_charset_auto(int utf8, const char *term)
{
    if (!utf8 || (term && (strcmp(term, "linux") == 0 || strncmp(term, "linux-", 6) == 0)))
        return CS_CHARSET_ASCII;
    return CS_CHARSET_BRAILLE;
}

int cs_charset_parse(const char *s, cs_charset *out)
{
    static const struct { const char *name; cs_charset cs; } names[] = {
        { "braille", CS_CHARSET_BRAILLE }, { "block", CS_CHARSET_BLOCK }, { "ascii", CS_CHARSET_ASCII },
    };
    if (!s)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            if (out)
                *out = names[i].cs;
            return 0;
        }
    return -1;
}

static int log2_small(int v)
{
    return v == 4 ? 2 : v == 2 ? 1 : 0;
}

cs_canvas *cs_canvas_new(int cols, int rows, cs_charset cs)
{
    if (cols < 0)
        cols = 0;
    if (rows < 0)
        rows = 0;
    if (cs != CS_CHARSET_BRAILLE && cs != CS_CHARSET_BLOCK && cs != CS_CHARSET_ASCII)
        return NULL;
    /* Each side too: a canvas of 0 rows and INT_MAX columns holds no cell,
     * but its dot width (cols * 2) would overflow an int. */
    if (cols > CS_CANVAS_MAX_CELLS || rows > CS_CANVAS_MAX_CELLS ||
        (cols > 0 && rows > CS_CANVAS_MAX_CELLS / cols))
        return NULL;
    cs_canvas *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cols = cols;
    c->rows = rows;
    c->charset = cs;
    cs_charset_dots(cs, &c->dx, &c->dy);
    c->sx = log2_small(c->dx);
    c->sy = log2_small(c->dy);
    c->clip_x1 = cols * c->dx;
    c->clip_y1 = rows * c->dy;
    size_t n = (size_t)cols * (size_t)rows;
    /* calloc(0) may return NULL; keep one element so NULL always means failure. */
    c->dots = calloc(n ? n : 1, sizeof *c->dots);
    c->cells = calloc(n ? n : 1, sizeof *c->cells);
    c->width = cs_textwidth_open();
    if (!c->dots || !c->cells || !c->width) {
        cs_canvas_free(c);
        return NULL;
    }
    cs_canvas_clear(c);
    return c;
}

void cs_canvas_free(cs_canvas *c)
{
    if (!c)
        return;
    free(c->dots);
    free(c->kept);
    free(c->tally);
    free(c->cells);
    cs_textwidth_close(c->width);
    free(c);
}

void cs_canvas_clear(cs_canvas *c)
{
    if (!c)
        return;
    size_t n = (size_t)c->cols * (size_t)c->rows;
    memset(c->dots, 0, n * sizeof *c->dots);
    for (size_t i = 0; i < n; i++)
        c->cells[i] = (cs_cell){ .ch = ' ', .style = CS_STYLE_DEFAULT, .attr = 0, .mark = { 0 } };
}

void cs_canvas_clip(cs_canvas *c, int col, int row, int cols, int rows)
{
    if (!c)
        return;
    /* In cells, clamped to the canvas; in long long, as col + cols may not fit an int. */
    long long x0 = col, y0 = row, x1 = x0 + cols, y1 = y0 + rows;
    x0 = x0 < 0 ? 0 : x0 > c->cols ? c->cols : x0;
    y0 = y0 < 0 ? 0 : y0 > c->rows ? c->rows : y0;
    x1 = x1 < x0 ? x0 : x1 > c->cols ? c->cols : x1;
    y1 = y1 < y0 ? y0 : y1 > c->rows ? c->rows : y1;
    c->clip_x0 = (int)x0 * c->dx;
    c->clip_y0 = (int)y0 * c->dy;
    c->clip_x1 = (int)x1 * c->dx;
    c->clip_y1 = (int)y1 * c->dy;
}

int cs_canvas_cols(const cs_canvas *c) { return c ? c->cols : 0; }
int cs_canvas_rows(const cs_canvas *c) { return c ? c->rows : 0; }
cs_charset cs_canvas_charset(const cs_canvas *c) { return c ? c->charset : CS_CHARSET_ASCII; }

static uint8_t dot_bit(const cs_canvas *c, int x, int y)
{
    int bx = x & (c->dx - 1), by = y & (c->dy - 1);
    switch (c->charset) {
    case CS_CHARSET_BRAILLE: return braille_bit[by][bx];
    case CS_CHARSET_BLOCK: return block_bit[by][bx];
    default: return 1;
    }
}

static dot_cell *dot_cell_at(cs_canvas *c, int x, int y)
{
    return &c->dots[(size_t)(y >> c->sy) * (size_t)c->cols + (size_t)(x >> c->sx)];
}

/* A dot the dot layers may set: on the canvas and in its clip. */
static int inside(const cs_canvas *c, int x, int y)
{
    return x >= c->clip_x0 && x < c->clip_x1 && y >= c->clip_y0 && y < c->clip_y1;
}

static int valid_style(cs_style s)
{
    return (unsigned)s < CS_STYLE_COUNT;
}

void cs_canvas_dot(cs_canvas *c, int x, int y, cs_style style)
{
    if (!c || !inside(c, x, y))
        return;
    if (!valid_style(style))
        style = CS_STYLE_POINT;
    dot_cell *d = dot_cell_at(c, x, y);
    d->point_mask |= dot_bit(c, x, y);
    if (d->points != UINT32_MAX) {
        d->points++;
        d->by_style[style]++;
    }
}

int cs_canvas_points_keep(cs_canvas *c, const void *key, size_t size)
{
    if (!c)
        return -1;
    size_t n = (size_t)c->cols * (size_t)c->rows;
    if (!c->kept)
        c->kept = malloc((n ? n : 1) * sizeof *c->kept);
    if (!c->kept || !key || size > sizeof c->kept_key) {
        free(c->kept);
        c->kept = NULL;
        c->kept_key_size = 0;
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const dot_cell *d = &c->dots[i];
        kept_point *k = &c->kept[i];
        k->points = d->points;
        memcpy(k->by_style, d->by_style, sizeof k->by_style);
        k->point_mask = d->point_mask;
    }
    memcpy(c->kept_key, key, size);
    c->kept_key_size = size;
    return 0;
}

int cs_canvas_points_reuse(cs_canvas *c, const void *key, size_t size)
{
    if (!c || !c->kept || !key || size != c->kept_key_size || memcmp(key, c->kept_key, size) != 0)
        return 0;
    size_t n = (size_t)c->cols * (size_t)c->rows;
    for (size_t i = 0; i < n; i++) {
        dot_cell *d = &c->dots[i];
        const kept_point *k = &c->kept[i];
        d->points = k->points;
        memcpy(d->by_style, k->by_style, sizeof d->by_style);
        d->point_mask = k->point_mask;
    }
    return 1;
}

/* The dot offset t = (v - base) * scale of a value, clamped to [0, last]:
 * also for a value that is not drawn (NaN, or far outside), so that no
 * double out of an int's range is converted. SSE2's maxsd and minsd clamp
 * without a branch (NaN gives 0); compilers keep a branch for a clamp of a
 * double written in C (NaN and -0 rules), which scattered points in a
 * zoomed view mispredict half the time: 7-9 ms a million points against
 * 2.4 ms (Zen, gcc 12 -O2). */
static inline int clamp_dot(double t, double last)
{
#if defined(__SSE2__)
    __m128d v = _mm_max_sd(_mm_set_sd(t), _mm_setzero_pd());
    return _mm_cvttsd_si32(_mm_min_sd(v, _mm_set_sd(last)));
#else
    t = t > 0 ? t : 0;
    return (int)(t < last ? t : last);
#endif
}

/* cs_canvas_scatter's counts per dot, added to the cells' points layer and
 * zeroed. */
static void add_tally(cs_canvas *c, cs_style style)
{
    size_t width = (size_t)c->cols * (size_t)c->dx;
    for (int row = 0; row < c->rows; row++)
        for (int col = 0; col < c->cols; col++) {
            uint32_t add = 0;
            uint8_t mask = 0;
            for (int by = 0; by < c->dy; by++)
                for (int bx = 0; bx < c->dx; bx++) {
                    int x = col * c->dx + bx, y = row * c->dy + by;
                    uint32_t *t = &c->tally[(size_t)y * width + (size_t)x];
                    if (*t) {
                        add += *t; /* a cell's dots hold at most 2^31 points a block */
                        mask |= dot_bit(c, x, y);
                        *t = 0;
                    }
                }
            if (!add)
                continue;
            dot_cell *d = &c->dots[(size_t)row * (size_t)c->cols + (size_t)col];
            d->point_mask |= mask;
            /* Saturating as cs_canvas_dot: both counts stop where points reaches the top. */
            uint32_t room = UINT32_MAX - d->points;
            add = add < room ? add : room;
            d->points += add;
            d->by_style[style] += add;
        }
}

void cs_canvas_scatter(cs_canvas *c, const double *xv, const double *yv, size_t n, const cs_dot_axis *ax,
                       const cs_dot_axis *ay, cs_style style)
{
    if (!c || !xv || !yv || !ax || !ay || ax->dots <= 0 || ay->dots <= 0)
        return;
    if (!valid_style(style))
        style = CS_STYLE_POINT;
    /* hi - v is exactly -(v - hi) (and 0 stays 0 once clamped): one form
     * for both directions. */
    const double xlo = ax->lo, xhi = ax->hi, xbase = ax->flip ? xhi : xlo, xscale = ax->flip ? -ax->scale : ax->scale;
    const double ylo = ay->lo, yhi = ay->hi, ybase = ay->flip ? yhi : ylo, yscale = ay->flip ? -ay->scale : ay->scale;
    const double xlast = ax->dots - 1, ylast = ay->dots - 1;
    const int xorigin = ax->origin, yorigin = ay->origin;
    /* Each dot the axes reach is in the clip, so that a point is drawn
     * exactly when its values are on the axes; else (not so in a plot) one
     * dot at a time, with cs_canvas_dot's own clipping. */
    int fast = (long long)xorigin >= c->clip_x0 && (long long)xorigin + ax->dots <= c->clip_x1 &&
               (long long)yorigin >= c->clip_y0 && (long long)yorigin + ay->dots <= c->clip_y1;
    const size_t width = (size_t)c->cols * (size_t)c->dx;
    if (fast && !c->tally)
        c->tally = calloc(width * (size_t)c->rows * (size_t)c->dy + 1, sizeof *c->tally);
    if (!fast || !c->tally) {
        for (size_t i = 0; i < n; i++) {
            double x = xv[i], y = yv[i];
            if (x >= xlo && x <= xhi && y >= ylo && y <= yhi)
                cs_canvas_dot(c, xorigin + clamp_dot((x - xbase) * xscale, xlast),
                              yorigin + clamp_dot((y - ybase) * yscale, ylast), style);
        }
        return;
    }
    uint32_t *tally = c->tally;
    /* Blocks small enough that no count overflows its uint32. */
    const size_t block = (size_t)1 << 31;
    for (size_t from = 0; from < n; from += block) {
        size_t to = n - from > block ? from + block : n;
        for (size_t i = from; i < to; i++) {
            double xd = xv[i], yd = yv[i];
            /* & rather than &&, and a point not drawn adds 0 to the dot its
             * clamped offsets give: no branch on the data. */
            uint32_t in = (xd >= xlo) & (xd <= xhi) & (yd >= ylo) & (yd <= yhi);
            size_t x = (size_t)(xorigin + clamp_dot((xd - xbase) * xscale, xlast));
            size_t y = (size_t)(yorigin + clamp_dot((yd - ybase) * yscale, ylast));
            tally[y * width + x] += in;
        }
        add_tally(c, style);
    }
}

/* The glyph an ascii line shows for a segment of slope (dx, dy), y down. */
static uint8_t slope_glyph(long long dx, long long dy)
{
    long long ax = dx < 0 ? -dx : dx, ay = dy < 0 ? -dy : dy;
    if (ax == 0 && ay == 0)
        return '*';
    if (2 * ay <= ax)
        return '-';
    if (2 * ax <= ay)
        return '|';
    return (dx > 0) == (dy < 0) ? '/' : '\\';
}

static void line_dot(cs_canvas *c, int x, int y, cs_style style, uint8_t glyph)
{
    if (!inside(c, x, y))
        return;
    dot_cell *d = dot_cell_at(c, x, y);
    d->line_mask |= dot_bit(c, x, y);
    if (style >= d->line_style || !d->line_glyph) {
        d->line_style = (uint8_t)style;
        d->line_glyph = glyph;
    }
}

/* Liang-Barsky: clip the segment to the canvas's clip, [clip_x0, clip_x1 - 1]
 * x [clip_y0, clip_y1 - 1]; 0 when nothing is left. */
static int clip_segment(const cs_canvas *c, double *x0, double *y0, double *x1, double *y1)
{
    double t0 = 0, t1 = 1, ddx = *x1 - *x0, ddy = *y1 - *y0;
    const double p[4] = { -ddx, ddx, -ddy, ddy };
    const double q[4] = { *x0 - c->clip_x0, c->clip_x1 - 1 - *x0, *y0 - c->clip_y0, c->clip_y1 - 1 - *y0 };
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return 0;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0) {
            if (t > t1)
                return 0;
            if (t > t0)
                t0 = t;
        } else {
            if (t < t0)
                return 0;
            if (t < t1)
                t1 = t;
        }
    }
    double ax = *x0 + t0 * ddx, ay = *y0 + t0 * ddy;
    double bx = *x0 + t1 * ddx, by = *y0 + t1 * ddy;
    *x0 = ax;
    *y0 = ay;
    *x1 = bx;
    *y1 = by;
    return 1;
}

void cs_canvas_line(cs_canvas *c, int x0, int y0, int x1, int y1, cs_style style)
{
    if (!c || c->clip_x1 <= c->clip_x0 || c->clip_y1 <= c->clip_y0)
        return;
    if (!valid_style(style))
        style = CS_STYLE_CURVE;
    uint8_t glyph = slope_glyph((long long)x1 - x0, (long long)y1 - y0);
    if (!inside(c, x0, y0) || !inside(c, x1, y1)) {
        double ax = x0, ay = y0, bx = x1, by = y1;
        if (!clip_segment(c, &ax, &ay, &bx, &by))
            return;
        x0 = (int)lround(ax);
        y0 = (int)lround(ay);
        x1 = (int)lround(bx);
        y1 = (int)lround(by);
    }
    /* Both ends are now inside, so the walk is at most the canvas's size. */
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        line_dot(c, x0, y0, style, glyph);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

void cs_canvas_shade(cs_canvas *c, int x, int y0, int y1, cs_style style)
{
    if (!c || x < c->clip_x0 || x >= c->clip_x1 || c->clip_y1 <= c->clip_y0)
        return;
    if (!valid_style(style))
        style = CS_STYLE_BAND;
    if (y0 > y1) {
        int t = y0;
        y0 = y1;
        y1 = t;
    }
    if (y1 < c->clip_y0 || y0 >= c->clip_y1)
        return;
    if (y0 < c->clip_y0)
        y0 = c->clip_y0;
    if (y1 >= c->clip_y1)
        y1 = c->clip_y1 - 1;
    for (int row = y0 >> c->sy; row <= y1 >> c->sy; row++) {
        dot_cell *d = &c->dots[(size_t)row * (size_t)c->cols + (size_t)(x >> c->sx)];
        if (!d->has_shade || style >= d->shade_style)
            d->shade_style = (uint8_t)style;
        d->has_shade = 1;
    }
}

static cs_cell resolve(const cs_canvas *c, const dot_cell *d);

/* The text layer of one row, for the layout of cellrow.h: a cell that
 * gives up its text shows the layers under it again. */
typedef struct text_pen {
    cs_canvas *c;
    int row;
    uint8_t style;
} text_pen;

static dot_cell *pen_cell(const text_pen *p, int col, size_t *i)
{
    *i = (size_t)p->row * (size_t)p->c->cols + (size_t)col;
    return &p->c->dots[*i];
}

static uint32_t pen_get(void *ctx, int col)
{
    size_t i;
    return pen_cell(ctx, col, &i)->text;
}

static void pen_set(void *ctx, int col, uint32_t ch)
{
    text_pen *p = ctx;
    size_t i;
    dot_cell *d = pen_cell(p, col, &i);
    d->text = ch;
    if (ch)
        d->text_style = p->style;
    memset(d->text_mark, 0, sizeof d->text_mark);
    p->c->cells[i] = resolve(p->c, d);
}

static void pen_mark(void *ctx, int col, uint32_t cp)
{
    text_pen *p = ctx;
    size_t i;
    dot_cell *d = pen_cell(p, col, &i);
    if (cs_cell_mark_add(d->text_mark, cp))
        p->c->cells[i] = resolve(p->c, d);
}

static cs_cellrow text_row(cs_canvas *c, text_pen *p)
{
    return (cs_cellrow){ .cols = c->cols, .ascii = c->charset == CS_CHARSET_ASCII, .width = c->width,
                         .ctx = p, .get = pen_get, .set = pen_set, .mark = pen_mark };
}

void cs_canvas_put(cs_canvas *c, int col, int row, uint32_t ch, cs_style style)
{
    if (!c || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return;
    if (!valid_style(style))
        style = CS_STYLE_DEFAULT;
    text_pen p = { c, row, (uint8_t)style };
    cs_cellrow r = text_row(c, &p);
    cs_cellrow_put(&r, col, ch);
}

void cs_canvas_text(cs_canvas *c, int col, int row, const char *utf8, cs_style style)
{
    if (!c || !utf8 || row < 0 || row >= c->rows)
        return;
    if (!valid_style(style))
        style = CS_STYLE_DEFAULT;
    text_pen p = { c, row, (uint8_t)style };
    cs_cellrow r = text_row(c, &p);
    cs_cellrow_text(&r, col, (long long)c->cols - col, utf8);
}

int cs_canvas_text_width(const cs_canvas *c, const char *utf8)
{
    if (!c || !utf8)
        return 0;
    size_t w = cs_text_width(c->width, utf8);
    return w > INT_MAX ? INT_MAX : (int)w;
}

/* Highlights (styles above the band: suggested models, matches, the cursor)
 * win whenever present, or one match among many points would vanish; the
 * ordinary point styles go by majority, ties to the higher style. */
static uint8_t majority_style(const dot_cell *d)
{
    for (int s = CS_STYLE_COUNT - 1; s > CS_STYLE_BAND; s--)
        if (d->by_style[s] > 0)
            return (uint8_t)s;
    uint8_t best = CS_STYLE_POINT;
    uint32_t best_n = 0;
    for (int s = 0; s <= CS_STYLE_BAND; s++)
        if (d->by_style[s] > 0 && d->by_style[s] >= best_n) {
            best = (uint8_t)s;
            best_n = d->by_style[s];
        }
    return best;
}

static uint32_t ascii_density(uint32_t n)
{
    return n >= CS_CANVAS_DENSE ? '@' : n >= 4 ? 'O' : n >= 2 ? 'o' : '.';
}

static uint32_t mask_glyph(const cs_canvas *c, uint8_t mask)
{
    if (c->charset == CS_CHARSET_BRAILLE)
        return 0x2800u + mask;
    return block_glyph[mask & 15];
}

static cs_cell resolve(const cs_canvas *c, const dot_cell *d)
{
    cs_cell out = { .ch = ' ', .style = CS_STYLE_DEFAULT, .attr = 0 };
    if (d->text) {
        out.ch = d->text;
        out.style = d->text_style;
        memcpy(out.mark, d->text_mark, sizeof out.mark);
        return out;
    }
    int ascii = c->charset == CS_CHARSET_ASCII;
    if (d->line_mask) {
        out.ch = ascii ? d->line_glyph : mask_glyph(c, d->line_mask);
        out.style = d->line_style;
    } else if (d->point_mask) {
        out.ch = ascii ? ascii_density(d->points) : mask_glyph(c, d->point_mask);
        out.style = majority_style(d);
        if (d->points >= CS_CANVAS_DENSE)
            out.attr = CS_ATTR_DENSE;
    } else if (d->has_shade) {
        out.ch = ascii ? ':' : LIGHT_SHADE;
        out.style = d->shade_style;
    }
    return out;
}

int cs_canvas_blank(const cs_canvas *c, int col, int row)
{
    if (!c || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return 0;
    const dot_cell *d = &c->dots[(size_t)row * (size_t)c->cols + (size_t)col];
    return !d->text && !d->line_mask && !d->point_mask && !d->has_shade;
}

void cs_canvas_finish(cs_canvas *c)
{
    if (!c)
        return;
    size_t n = (size_t)c->cols * (size_t)c->rows;
    for (size_t i = 0; i < n; i++)
        c->cells[i] = resolve(c, &c->dots[i]);
}

const cs_cell *cs_canvas_cell(const cs_canvas *c, int col, int row)
{
    if (!c || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return NULL;
    return &c->cells[(size_t)row * (size_t)c->cols + (size_t)col];
}

unsigned long cs_canvas_count(const cs_canvas *c, int col, int row)
{
    if (!c || col < 0 || row < 0 || col >= c->cols || row >= c->rows)
        return 0;
    return c->dots[(size_t)row * (size_t)c->cols + (size_t)col].points;
}

/* Cells of the row up to the last one that is not a space. */
static int row_length(const cs_canvas *c, int row)
{
    const cs_cell *r = &c->cells[(size_t)row * (size_t)c->cols];
    int n = c->cols;
    while (n > 0 && r[n - 1].ch == ' ' && !r[n - 1].mark[0])
        n--;
    return n;
}

/* A cell as UTF-8: its character and its marks; nothing for the right half
 * of a wide character, which the left half's glyph covers. buf holds
 * 4 * (1 + CS_CELL_MARKS) + 1 bytes. Returns the length. */
static int cell_utf8(const cs_cell *cell, char *buf)
{
    buf[0] = '\0';
    if (cell->ch == CS_CELL_WIDE_TAIL)
        return 0;
    int n = cs_utf8_encode(cell->ch, buf);
    for (int k = 0; k < CS_CELL_MARKS && cell->mark[k]; k++)
        n += cs_utf8_encode(cell->mark[k], buf + n);
    return n;
}

char *cs_canvas_to_text(const cs_canvas *c)
{
    if (!c)
        return NULL;
    size_t cap = (size_t)c->rows * ((size_t)c->cols * 4 * (1 + CS_CELL_MARKS) + 1) + 1;
    char *out = malloc(cap), *p = out;
    if (!out)
        return NULL;
    for (int row = 0; row < c->rows; row++) {
        const cs_cell *r = &c->cells[(size_t)row * (size_t)c->cols];
        int n = row_length(c, row);
        for (int col = 0; col < n; col++)
            p += cell_utf8(&r[col], p);
        *p++ = '\n';
    }
    *p = '\0';
    return out;
}

const char *cs_style_sgr(cs_style style, int attr, char *buf, size_t size)
{
    static const char *const colour[CS_STYLE_COUNT] = {
        [CS_STYLE_DEFAULT] = "", [CS_STYLE_AXIS] = "", [CS_STYLE_LABEL] = "",
        [CS_STYLE_POINT] = "36", [CS_STYLE_POINT_ALT] = "35", [CS_STYLE_BAND] = "34",
        [CS_STYLE_SUGGESTED] = "33", [CS_STYLE_CURVE_ALT] = "32", [CS_STYLE_CURVE] = "31",
        [CS_STYLE_MATCH] = "30;43", [CS_STYLE_CURSOR] = "7",
    };
    const char *col = valid_style(style) ? colour[style] : "";
    int bold = (attr & CS_ATTR_DENSE) != 0;
    if (size == 0)
        return buf;
    snprintf(buf, size, "%s%s%s", bold ? "1" : "", bold && *col ? ";" : "", col);
    return buf;
}

int cs_canvas_print(const cs_canvas *c, FILE *f, int colour)
{
    if (!c || !f)
        return 0;
    char glyph[4 * (1 + CS_CELL_MARKS) + 1], sgr[32];
    for (int row = 0; row < c->rows; row++) {
        const cs_cell *r = &c->cells[(size_t)row * (size_t)c->cols];
        int n = row_length(c, row);
        int cur_style = -1, cur_attr = -1, open = 0;
        for (int col = 0; col < n; col++) {
            if (r[col].ch == CS_CELL_WIDE_TAIL)
                continue;
            /* A space has no foreground: leave its colour as it is. */
            if (colour && r[col].ch != ' ' && (r[col].style != cur_style || r[col].attr != cur_attr)) {
                cs_style_sgr((cs_style)r[col].style, r[col].attr, sgr, sizeof sgr);
                if (open)
                    fputs("\033[0m", f);
                open = sgr[0] != '\0';
                if (open)
                    fprintf(f, "\033[%sm", sgr);
                cur_style = r[col].style;
                cur_attr = r[col].attr;
            }
            cell_utf8(&r[col], glyph);
            fputs(glyph, f);
        }
        if (open)
            fputs("\033[0m", f);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
