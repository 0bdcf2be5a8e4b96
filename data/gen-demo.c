/* gen-demo.c - writes the synthetic demo data set (data/demo.csv) to stdout.
 *
 *   data/gen-demo            the CSV (what `make demo` stores as data/demo.csv)
 *   data/gen-demo --truth    the true boundary of every task (and year), one per line
 *   data/gen-demo --stats    row counts, compute levels and the rounding margin
 *
 * The set imitates a leaderboard: 40 synthetic base models, one per compute
 * level from 1e21 to 1e25 FLOPs, each with its own row and a few dozen
 * fine-tunes that share its compute. For every task, conditionally on z =
 * log10 FLOPs (and on the calendar year, for the tasks that advance), a
 * score is y = q(z) + noise where q is a documented sigmoid and the noise
 * has its 0.98-quantile exactly at 0: the 0.98-quantile of the generating
 * process IS the boundary. data/README.md states every parameter.
 *
 * The output is the same byte for byte on every platform:
 * - only gsl_rng_mt19937 (integer arithmetic) supplies randomness, and how
 *   many draws a row takes depends on integers only, so no floating-point
 *   result can shift the stream;
 * - every branch depends on integers or on exact comparisons of a uniform
 *   draw (a multiple of 2^-32) with a constant;
 * - names, sizes, dates and flops are printed from integers;
 * - scores pass through exp() and log10(), whose last bit may differ between
 *   libm versions (and through FMA contraction on some targets). A change of
 *   a few ulps moves y * 10^4 by less than 1e-11, so it cannot change the
 *   printed fourth decimal unless y * 10^4 lies that close to a rounding
 *   boundary; the generator measures the smallest such distance over all
 *   printed scores and refuses to print (exit 1) if it is below 1e-7.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "capscope/date.h"

#define SEED 20230101UL
#define N_BASES 40
#define N_TASKS 6
#define N_YEARS 3
#define FIRST_YEAR 2023
#define TAU 0.98
#define FINETUNE_SPAN 365
#define MIN_TOKENS 0.25e12
#define MAX_TOKENS 40e12

/* The noise, as fractions of all rows (per task):
 *   ABOVE  rows lie above q by ABOVE_MAX * U, U uniform on (0, 1);
 *   NEAR   rows lie below q by a fraction NEAR_WIDTH * U of the headroom
 *          q - chance: fine-tunes that almost reach the frontier;
 *   rest   lie below by a fraction NEAR_WIDTH + (1 - NEAR_WIDTH) * V^1.5 of
 *          the headroom, V triangular on (0, 1): the bulk, well below.
 * P(y <= q) = 1 - ABOVE = 0.98 exactly, and the density is positive on both
 * sides of q (wherever q > chance), so q is the unique 0.98-quantile. */
#define ABOVE (1.0 - TAU)
#define ABOVE_MAX 0.006
#define NEAR 0.20
#define NEAR_WIDTH 0.06
/* A task score is missing (empty cell) with this probability, independently
 * of everything else: the demo needs unscored rows for `capscope suggest`. */
#define MISSING 0.04
/* With this probability a score uses its row's "quality" draws instead of
 * its own: scores of one model correlate across tasks, while each task's
 * noise keeps exactly the distribution above (a mixture of two uniform draws
 * by an independent coin is uniform). */
#define SHARED 0.6

typedef struct boundary {
    double y0, L, z_star, b;
} boundary;

typedef struct task {
    const char *name;
    double chance;              /* floor of the bulk: a guessing model's score */
    int advancing;              /* one boundary per calendar year, else by_year[0] for all */
    boundary by_year[N_YEARS];
} task;

/* Calendar years 2023, 2024, 2025. */
static const task tasks[N_TASKS] = {
    { "reasoning", 0.22, 0, { { 0.24, 0.58, 23.2, 1.4 } } },
    { "math", 0.00, 1, { { 0.02, 0.40, 22.8, 1.5 },
                         { 0.02, 0.60, 22.6, 1.6 },
                         { 0.02, 0.82, 22.3, 1.8 } } },
    { "coding", 0.00, 1, { { 0.03, 0.38, 23.0, 1.2 },
                           { 0.03, 0.55, 22.8, 1.4 },
                           { 0.03, 0.75, 22.5, 1.5 } } },
    { "knowledge", 0.10, 0, { { 0.10, 0.62, 23.8, 1.1 } } },
    { "instruct", 0.10, 0, { { 0.18, 0.72, 22.4, 1.8 } } },
    { "science", 0.25, 0, { { 0.25, 0.38, 24.0, 1.2 } } },
};

/* Model sizes as labels go, in tenths of a billion parameters. */
static const int size_labels[] = { 5, 10, 15, 20, 30, 40, 70, 80, 90, 120, 140, 220, 270,
                                   320, 340, 400, 700, 720, 1040, 1230, 1410, 2350, 4050 };
#define N_SIZES (sizeof size_labels / sizeof size_labels[0])

/* ceil(1000 * 10^(j/10)), j = 0..10: mantissas that split a decade into ten
 * equal steps of log10 compute. */
static const int decade_steps[11] = { 1000, 1259, 1585, 1996, 2512, 3163,
                                      3982, 5012, 6310, 7944, 10000 };

static const char *const base_orgs[] = { "demo-lab", "demo-north", "demo-ai", "demo-open" };
static const char *const families[] = { "Aster", "Bramble", "Cinder", "Dorado", "Eyrie",
                                        "Fennel", "Gossamer", "Halyard" };
static const char *const tuners[] = { "demo-tuners", "demo-community", "demo-merges",
                                      "demo-research", "demo-hobbyist", "demo-school" };
static const char *const recipes[] = { "sft", "dpo", "instruct", "chat", "math", "code",
                                       "merge", "orpo", "rl", "distill" };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct base {
    char name[80];
    int mantissa, exponent;     /* flops = mantissa * 10^(exponent - 3), mantissa in [1000, 9999] */
    int params_tenths;          /* size label, tenths of a billion */
    long tokens_per_param;
    long day;                   /* release, days since 1970-01-01 */
    int n_finetunes;
} base;

static int year_of(long day)
{
    int64_t y;
    int m, d;
    cs_civil_from_days(day, &y, &m, &d);
    return (int)y;
}

/* Uniform integer in [lo, hi]. */
static long draw_int(gsl_rng *r, long lo, long hi)
{
    return lo + (long)gsl_rng_uniform_int(r, (unsigned long)(hi - lo + 1));
}

static void format_size(int tenths, char *buf, size_t size)
{
    if (tenths % 10)
        snprintf(buf, size, "%d.%d", tenths / 10, tenths % 10);
    else
        snprintf(buf, size, "%d", tenths / 10);
}

static double flops_of(const base *b)
{
    double f = b->mantissa;
    for (int e = 0; e < b->exponent - 3; e++)
        f *= 10.0;
    return f;
}

/* Release year of base k (2023 + digit - 3), by compute slot: later bases
 * tend to be larger, yet every year has small ones, and 2023 reaches far
 * enough up (z ~ 24) for a fit of that year alone to see the boundary bend.
 * Counts: 16 bases in 2023, 15 in 2024, 9 in 2025. */
static const char release_years[N_BASES + 1] = "3343343534" "3433453434"
                                               "4345343543" "4534545545";

/* Bases, ordered by compute: base k lies in the k-th tenth of a decade above
 * 1e21. A base trains on more tokens per parameter the later it comes out
 * (2023: 30-300, 2024: 100-1200, 2025: 300-2000); its size label is the one
 * nearest (in log) to sqrt(flops / (6 * ratio)), chosen with exact IEEE
 * products and comparisons only, never libm. Family generations are
 * numbered in release order. */
static void make_bases(gsl_rng *r, base *bases)
{
    static const long ratio_lo[N_YEARS] = { 30, 100, 300 };
    static const long ratio_hi[N_YEARS] = { 300, 1200, 2000 };
    size_t family[N_BASES];
    for (int k = 0; k < N_BASES; k++) {
        base *b = &bases[k];
        int step = k % 10;
        int y = release_years[k] - '3';
        b->exponent = 21 + k / 10;
        b->mantissa = (int)draw_int(r, decade_steps[step] + 20, decade_steps[step + 1] - 21);
        /* 2025 releases stop at the end of September, leaving every base a
         * quarter for its fine-tunes. */
        long jan1 = cs_days_from_civil(FIRST_YEAR + y, 1, 1);
        long latest = y == N_YEARS - 1 ? cs_days_from_civil(FIRST_YEAR + y, 9, 30)
                                       : cs_days_from_civil(FIRST_YEAR + y, 12, 31);
        b->day = draw_int(r, jan1, latest);
        b->tokens_per_param = draw_int(r, ratio_lo[y], ratio_hi[y]);
        /* params^2 = flops / (6 * ratio); label i holds params in the
         * geometric interval (sqrt(s[i-1] s[i]), sqrt(s[i] s[i+1])]. */
        double params_sq = flops_of(b) / (6.0 * (double)b->tokens_per_param);
        size_t i = 0;
        while (i + 1 < N_SIZES &&
               params_sq > (double)size_labels[i] * 1e8 * (double)size_labels[i + 1] * 1e8)
            i++;
        /* Keep the implied token count (flops / (6 params)) plausible. */
        while (i + 1 < N_SIZES && flops_of(b) > 6.0 * size_labels[i] * 1e8 * MAX_TOKENS)
            i++;
        while (i > 0 && flops_of(b) < 6.0 * size_labels[i] * 1e8 * MIN_TOKENS)
            i--;
        b->params_tenths = size_labels[i];
        b->n_finetunes = (int)draw_int(r, 15, 85);
        family[k] = (size_t)draw_int(r, 0, COUNT(families) - 1);
    }
    int generation[COUNT(families)] = { 0 };
    int named[N_BASES] = { 0 };
    for (int done = 0; done < N_BASES; done++) {
        int next = -1;
        for (int k = 0; k < N_BASES; k++)
            if (!named[k] && (next < 0 || bases[k].day < bases[next].day))
                next = k;
        named[next] = 1;
        base *b = &bases[next];
        size_t f = family[next];
        char size[16];
        format_size(b->params_tenths, size, sizeof size);
        snprintf(b->name, sizeof b->name, "%s/%s-%d-%sB", base_orgs[f % COUNT(base_orgs)],
                 families[f], ++generation[f], size);
    }
}

static double sigmoid_q(const boundary *p, double z)
{
    return p->y0 + p->L / (1.0 + exp(-p->b * (z - p->z_star)));
}

static const boundary *boundary_for(const task *t, int year)
{
    return &t->by_year[t->advancing ? year - FIRST_YEAR : 0];
}

/* Per-row draws, taken whether used or not so that every row consumes the
 * same stream. */
typedef struct quality {
    double side, v1, v2;
} quality;

static quality draw_quality(gsl_rng *r)
{
    quality q;
    q.side = gsl_rng_uniform(r);
    q.v1 = gsl_rng_uniform_pos(r);
    q.v2 = gsl_rng_uniform_pos(r);
    return q;
}

/* One score: the noise model above. Returns y in [0, 1]. */
static double draw_score(const task *t, const boundary *p, double z, const quality *row,
                         const quality *own, double shared_coin)
{
    const quality *u = shared_coin < SHARED ? row : own;
    double q = sigmoid_q(p, z);
    if (u->side < ABOVE)
        return q + ABOVE_MAX * u->v1;
    double headroom = q - t->chance;
    if (u->side < ABOVE + NEAR)
        return q - headroom * NEAR_WIDTH * u->v1;
    double v = 0.5 * (u->v1 + u->v2);     /* triangular on (0, 1) */
    return q - headroom * (NEAR_WIDTH + (1.0 - NEAR_WIDTH) * v * sqrt(v));
}

typedef struct summary {
    size_t rows, per_year[N_YEARS], scored[N_TASKS];
    size_t year_task[N_YEARS][N_TASKS];
    double z_min[N_YEARS], z_max[N_YEARS];
    double margin;              /* least distance of y * 10^4 + 0.5 to an integer */
    double min_tokens_t, max_tokens_t;
    size_t above[N_TASKS];      /* scored rows above the true boundary, as printed */
    size_t flipped[N_TASKS];    /* rows that rounding moved across the boundary */
} summary;

/* Prints y with 4 decimals (from integers, so never "-0.0000") and returns
 * the value printed. */
static double print_score(double y, summary *s, FILE *out)
{
    double scaled = y * 10000.0 + 0.5;
    double k = floor(scaled);
    double frac = scaled - k;
    double margin = frac < 1.0 - frac ? frac : 1.0 - frac;
    if (margin < s->margin)
        s->margin = margin;
    long v = (long)k;
    fprintf(out, ",%ld.%04ld", v / 10000, v % 10000);
    return k / 10000.0;
}

static void write_date(long day, FILE *out)
{
    char iso[16];
    fprintf(out, ",%s", cs_format_date((int32_t)day, iso, sizeof iso));
}

/* Writes the data set to out and sums it up in s. Returns 0, or -1 when a
 * check on the output fails (message on stderr). */
static int generate(FILE *out, summary *s)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) {
        fputs("gen-demo: out of memory\n", stderr);
        return -1;
    }
    gsl_rng_set(r, SEED);
    base bases[N_BASES];
    make_bases(r, bases);

    memset(s, 0, sizeof *s);
    s->margin = 1.0;
    s->min_tokens_t = INFINITY;
    for (int y = 0; y < N_YEARS; y++) {
        s->z_min[y] = INFINITY;
        s->z_max[y] = -INFINITY;
    }
    const long last = cs_days_from_civil(2025, 12, 31);
    int status = 0;
    fputs("model,base_model,params_b,flops,date", out);
    for (int t = 0; t < N_TASKS; t++)
        fprintf(out, ",%s", tasks[t].name);
    fputc('\n', out);
    for (int k = 0; k < N_BASES; k++) {
        const base *b = &bases[k];
        double tokens_t = flops_of(b) / (6.0 * b->params_tenths * 1e8) / 1e12;
        if (tokens_t < s->min_tokens_t)
            s->min_tokens_t = tokens_t;
        if (tokens_t > s->max_tokens_t)
            s->max_tokens_t = tokens_t;
        double z = log10((double)b->mantissa) + (b->exponent - 3);
        char size[16];
        format_size(b->params_tenths, size, sizeof size);
        for (int i = 0; i <= b->n_finetunes; i++) {
            char finetune[160];
            const char *model = b->name;
            long day = b->day;
            if (i > 0) {
                const char *slash = strchr(b->name, '/');
                size_t tuner = (size_t)draw_int(r, 0, COUNT(tuners) - 1);
                size_t recipe = (size_t)draw_int(r, 0, COUNT(recipes) - 1);
                snprintf(finetune, sizeof finetune, "%s/%s-%s-%d", tuners[tuner], slash + 1,
                         recipes[recipe], i);
                model = finetune;
                /* Fine-tunes follow their base, most of them within months:
                 * the earlier of two uniform days in the next FINETUNE_SPAN
                 * days (or up to the end of 2025). */
                long span = last - b->day < FINETUNE_SPAN ? last - b->day : FINETUNE_SPAN;
                long d1 = draw_int(r, 1, span), d2 = draw_int(r, 1, span);
                day = b->day + (d1 < d2 ? d1 : d2);
            }
            int year = year_of(day);
            int yi = year - FIRST_YEAR;
            s->rows++;
            s->per_year[yi]++;
            if (z < s->z_min[yi])
                s->z_min[yi] = z;
            if (z > s->z_max[yi])
                s->z_max[yi] = z;
            quality row_quality = draw_quality(r);
            fprintf(out, "%s,%s,%s,%d.%03de+%d", model, b->name, size, b->mantissa / 1000,
                    b->mantissa % 1000, b->exponent);
            write_date(day, out);
            for (int t = 0; t < N_TASKS; t++) {
                quality own = draw_quality(r);
                double coin = gsl_rng_uniform(r);
                double missing = gsl_rng_uniform(r);
                const boundary *truth = boundary_for(&tasks[t], year);
                double y = draw_score(&tasks[t], truth, z, &row_quality, &own, coin);
                if (!(y >= 0.0 && y <= 1.0)) {
                    fprintf(stderr, "gen-demo: %s: %s score %g outside [0, 1]\n", model,
                            tasks[t].name, y);
                    status = -1;
                }
                if (missing < MISSING) {
                    fputc(',', out);
                    continue;
                }
                s->scored[t]++;
                s->year_task[yi][t]++;
                double q = sigmoid_q(truth, z), printed = print_score(y, s, out);
                s->above[t] += printed > q;
                s->flipped[t] += (printed > q) != (y > q);
            }
            fputc('\n', out);
        }
    }
    gsl_rng_free(r);
    if (s->margin < 1e-7) {
        fprintf(stderr, "gen-demo: a score lies %.3g (in units of 1e-4) from a rounding boundary: "
                "its printed digit would depend on libm; change the seed\n", s->margin);
        status = -1;
    }
    return status;
}

/* Every true z_star must lie inside the compute range of the rows it governs,
 * and chance below the boundary, or the documented truth is not what a fit
 * can recover. */
static int check_truth(const summary *s)
{
    double lo_all = INFINITY, hi_all = -INFINITY;
    for (int y = 0; y < N_YEARS; y++) {
        lo_all = fmin(lo_all, s->z_min[y]);
        hi_all = fmax(hi_all, s->z_max[y]);
    }
    int status = 0;
    for (int t = 0; t < N_TASKS; t++) {
        int advancing = tasks[t].advancing;
        for (int y = 0; y < (advancing ? N_YEARS : 1); y++) {
            const boundary *p = &tasks[t].by_year[y];
            double lo = advancing ? s->z_min[y] : lo_all, hi = advancing ? s->z_max[y] : hi_all;
            if (p->z_star < lo || p->z_star > hi || p->y0 < tasks[t].chance || !(p->L > 0) ||
                p->y0 + p->L + ABOVE_MAX > 1.0) {
                fprintf(stderr, "gen-demo: the true %s boundary (year %d%s) does not fit the data\n",
                        tasks[t].name, FIRST_YEAR + y, advancing ? "" : " and later");
                status = -1;
            }
        }
    }
    return status;
}

static void print_truth(FILE *out)
{
    fputs("task year y0 L z_star b\n", out);
    for (int t = 0; t < N_TASKS; t++)
        for (int y = 0; y < (tasks[t].advancing ? N_YEARS : 1); y++) {
            const boundary *p = &tasks[t].by_year[y];
            fprintf(out, "%s ", tasks[t].name);
            if (tasks[t].advancing)
                fprintf(out, "%d", FIRST_YEAR + y);
            else
                fputs("all", out);
            fprintf(out, " %.2f %.2f %.2f %.2f\n", p->y0, p->L, p->z_star, p->b);
        }
}

static void print_stats(const summary *s, FILE *out)
{
    fprintf(out, "rows %zu\nbases %d\nseed %lu\n", s->rows, N_BASES, SEED);
    for (int y = 0; y < N_YEARS; y++)
        fprintf(out, "year %d rows %zu z %.3f %.3f\n", FIRST_YEAR + y, s->per_year[y],
                s->z_min[y], s->z_max[y]);
    for (int t = 0; t < N_TASKS; t++) {
        fprintf(out, "task %s scored %zu", tasks[t].name, s->scored[t]);
        for (int y = 0; y < N_YEARS; y++)
            fprintf(out, " %zu", s->year_task[y][t]);
        fprintf(out, " above %zu flipped_by_rounding %zu\n", s->above[t], s->flipped[t]);
    }
    fprintf(out, "tokens_t %.2f %.2f\n", s->min_tokens_t, s->max_tokens_t);
    fprintf(out, "rounding_margin %.3g\n", s->margin);
}

int main(int argc, char **argv)
{
    enum { CSV, TRUTH, STATS } mode = CSV;
    if (argc == 2 && strcmp(argv[1], "--truth") == 0)
        mode = TRUTH;
    else if (argc == 2 && strcmp(argv[1], "--stats") == 0)
        mode = STATS;
    else if (argc != 1) {
        fputs("usage: gen-demo [--truth | --stats]\n", stderr);
        return 2;
    }
    if (mode == TRUTH) {
        print_truth(stdout);
    } else {
        /* --stats generates the same rows (the rounding margin is measured
         * while printing), into nowhere. */
        FILE *out = mode == CSV ? stdout : fopen("/dev/null", "w");
        if (!out) {
            perror("gen-demo: /dev/null");
            return 1;
        }
        summary s;
        int rc = generate(out, &s);
        rc |= check_truth(&s);
        if (mode == STATS) {
            fclose(out);
            print_stats(&s, stdout);
        }
        if (rc != 0)
            return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen-demo: stdout");
        return 1;
    }
    return 0;
}
