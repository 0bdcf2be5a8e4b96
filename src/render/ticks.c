/* ticks.c - tick positions and labels for the accuracy and compute axes. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "capscope/canvas.h"
#include "capscope/plot.h"
#include "capscope/textwidth.h"
#include "render/ticks.h"

/* Tick labels hold digits, signs, '.', 'e', U+00D7 and superscripts: one
 * column each, so no locale is needed to count them. */
static int label_width(const char *label)
{
    return (int)cs_text_width(NULL, label);
}

/* Nice steps m * 10^e with m in {1, 2.5, 5}, indexed so that index 0 is 0.25
 * and each index up is the next larger step. */
static double nice_step(int k, int *decimals)
{
    static const double mant[3] = { 1.0, 2.5, 5.0 };
    int j = k + 1;                       /* 0.25 = mant[1] * 10^-1 */
    int e = (j >= 0 ? j / 3 : -((-j + 2) / 3)) - 1;
    int m = j - 3 * (e + 1);
    if (decimals) {
        int d = -e + (m == 1 ? 1 : 0);
        *decimals = d > 0 ? d : 0;
    }
    return mant[m] * pow(10.0, e);
}

/* A tick the tolerance of 1e-9 let in at an end of the view, on that end:
 * i * step rounds (6 * 0.1 is 0.6000000000000001), and a tick a hair past
 * the view is one the plot leaves out, with its label (the top "0.6" of
 * [0.3, 0.6]). The label still says the value, 1e-9 of a step away. */
static double in_view(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static size_t count_multiples(double lo, double hi, double step)
{
    double first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9);
    double n = last - first + 1;
    /* The comparison also catches NaN and infinity from an extreme view. */
    return n >= 1 && n < 1e9 ? (size_t)n : n >= 1e9 ? (size_t)1e9 : 0;
}

/* "%.*f" without the trailing zeros and point: 0.50 -> 0.5, 1.00 -> 1. */
static void format_plain(double v, int decimals, char *buf, size_t size)
{
    snprintf(buf, size, "%.*f", decimals, v);
    if (strchr(buf, '.')) {
        char *end = buf + strlen(buf) - 1;
        while (*end == '0')
            *end-- = '\0';
        if (*end == '.')
            *end = '\0';
    }
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

size_t cs_ticks_y(double lo, double hi, int max_ticks, cs_tick *out, size_t cap)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi) || max_ticks < 1 || cap == 0)
        return 0;
    int k = 0, decimals;
    /* Finer until at least 3 ticks show, coarser while more than max_ticks do;
     * the bounds on k keep pow() finite for any view. */
    while (k > -300 && count_multiples(lo, hi, nice_step(k, NULL)) < 3)
        k--;
    while (k < 300 && count_multiples(lo, hi, nice_step(k, NULL)) > (size_t)max_ticks)
        k++;
    double step = nice_step(k, &decimals);
    if (count_multiples(lo, hi, step) > (size_t)max_ticks)
        return 0;   /* a view too wide for any step: no ticks rather than nonsense */
    double first = ceil(lo / step - 1e-9), last = floor(hi / step + 1e-9);
    size_t n = 0;
    for (double i = first; i <= last && n < cap; i++) {
        cs_tick *t = &out[n++];
        t->v = in_view(i * step, lo, hi);
        format_plain(t->v, decimals, t->label, sizeof t->label);
        t->width = label_width(t->label);
    }
    return n;
}

static const char *const superscript[10] = {
    "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074", "\u2075", "\u2076", "\u2077", "\u2078", "\u2079",
};

/* m x 10^e as "me<e>" or "m×10<sup e>" (m == 1: "1e<e>" / "10<sup e>"). */
static void power_label(int m, int e, int unicode, char *buf, size_t size)
{
    if (!unicode) {
        snprintf(buf, size, "%de%d", m, e);
        return;
    }
    char sup[64] = "", digits[16];
    if (e < 0)
        strcat(sup, "\u207b");
    snprintf(digits, sizeof digits, "%d", e < 0 ? -e : e);
    for (const char *d = digits; *d; d++)
        strcat(sup, superscript[*d - '0']);
    if (m == 1)
        snprintf(buf, size, "10%s", sup);
    else
        snprintf(buf, size, "%d\u00d710%s", m, sup);
}

int cs_plot_flops_label(double z, int unicode, char *buf, size_t size)
{
    if (!buf || size == 0)
        return 0;
    if (!isfinite(z) || fabs(z) > 1e6) {
        snprintf(buf, size, "?");
        return label_width(buf);
    }
    double e = floor(z + 1e-9), mant = pow(10.0, z - e);
    double m = round(mant);
    if (fabs(mant - m) < 1e-6 * mant && m >= 1 && m <= 10) {
        if (m == 10) {
            m = 1;
            e += 1;
        }
        power_label((int)m, (int)e, unicode, buf, size);
        return label_width(buf);
    }
    /* Three digits of a mantissa just below 10 read "10" (22.99999 as
     * 10e22): that is the next decade's 1. */
    char three[32];
    snprintf(three, sizeof three, "%.3g", mant);
    if (strcmp(three, "10") == 0) {
        mant /= 10;
        e += 1;
    }
    if (!unicode) {
        snprintf(buf, size, "%.3ge%d", mant, (int)e);
    } else {
        char sup[64];
        power_label(1, (int)e, 1, sup, sizeof sup);
        snprintf(buf, size, "%.3g\u00d7%s", mant, sup);
    }
    return label_width(buf);
}

/* Whether n ticks in [lo, hi] are sparse enough for room for max_ticks:
 * at most max_ticks of them, and no two closer than max_ticks evenly
 * spaced ticks can be, (hi - lo) / (max_ticks + 1). The decades meet this
 * by their count alone; 1x..9x of a decade crowd towards its top (9x and
 * 10x are 0.046 decades apart), so their count alone let seven marks into
 * a plot 2 columns wide and put them 1.2 cells apart at 16 columns. */
static int spaced_enough(const cs_tick *t, size_t n, double lo, double hi, int max_ticks)
{
    if (n > (size_t)max_ticks)
        return 0;
    double least_gap = (hi - lo) / (max_ticks + 1.0);
    for (size_t i = 1; i < n; i++)
        if (t[i].v - t[i - 1].v < least_gap * (1 - 1e-9))
            return 0;
    return 1;
}

/* The ticks of fine_ticks for one step (in units of the decade e). */
static size_t fine_ticks_at(double lo, double hi, double e, double a, double b, double step, int unicode,
                            cs_tick *out, size_t cap)
{
    size_t n = 0;
    double first = ceil(a / step - 1e-9), last = floor(b / step + 1e-9);
    for (double i = first; i <= last && n < cap; i++) {
        double t = i * step, m = t, se = step;
        int ex = (int)e;
        if (t < 1 - 1e-9) {   /* below the decade at hi: the decade under it */
            m *= 10;
            se *= 10;
            ex -= 1;
        }
        double v = ex + log10(m);
        if (!(m > 0) || v < lo - 1e-9 || v > hi + 1e-9)
            continue;
        int decimals = -(int)floor(log10(se) + 1e-9);
        char digits[32], sup[64], label[128];
        format_plain(m, decimals > 0 ? decimals : 0, digits, sizeof digits);
        power_label(1, ex, unicode, sup, sizeof sup);
        if (strcmp(digits, "1") == 0)
            snprintf(label, sizeof label, "%s", sup);
        else if (!unicode)
            snprintf(label, sizeof label, "%se%d", digits, ex);
        else
            snprintf(label, sizeof label, "%s\u00d7%s", digits, sup);
        if (strlen(label) >= sizeof out[n].label)
            continue;   /* a step far below a dot; no room to say it */
        cs_tick *tk = &out[n++];
        tk->v = in_view(v, lo, hi);
        memcpy(tk->label, label, strlen(label) + 1);
        tk->width = label_width(tk->label);
    }
    return n;
}

/* A view too narrow for 1x..9x of a decade (a deep zoom), or too wide for
 * them in the room there is: nice steps (1, 2, 5 x 10^k) of the FLOPs
 * themselves, counted in units of the decade at hi, so the mantissa of a
 * label has the step's digits: "3.162e22". The coarsest step giving 3
 * ticks, else 2, else 1, spaced enough for max_ticks. */
static size_t fine_ticks(double lo, double hi, int max_ticks, int unicode, cs_tick *out, size_t cap)
{
    double e = floor(hi), a = pow(10.0, lo - e), b = pow(10.0, hi - e);
    if (!(a < b) || !isfinite(a) || !isfinite(b))
        return 0;
    static const double mant[3] = { 1.0, 2.0, 5.0 };
    int top = (int)floor(log10(b - a)) + 1;
    for (size_t want = 3; want >= 1; want--)
        for (int k = top; k >= top - 3; k--)
            for (int i = 2; i >= 0; i--) {
                double st = mant[i] * pow(10.0, k);
                size_t c = count_multiples(a, b, st);
                if (c < want || c > (size_t)max_ticks)
                    continue;
                size_t n = fine_ticks_at(lo, hi, e, a, b, st, unicode, out, cap);
                if (n >= want && spaced_enough(out, n, lo, hi, max_ticks))
                    return n;
            }
    return 0;
}

size_t cs_ticks_x(double lo, double hi, int max_ticks, int unicode, cs_tick *out, size_t cap)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi) || fabs(lo) > 1e6 || fabs(hi) > 1e6 ||
        max_ticks < 1 || cap == 0)
        return 0;
    size_t n = 0;
    if (count_multiples(lo, hi, 1.0) >= 2) {
        static const int every[3] = { 1, 2, 5 };
        int step = 1;
        for (int k = 0; count_multiples(lo, hi, step) > (size_t)max_ticks && step < 100000000; k++)
            step = every[(k + 1) % 3] * (int)pow(10, (k + 1) / 3);
        for (double d = ceil(lo / step - 1e-9) * step; d <= hi + 1e-9 && n < cap; d += step) {
            out[n].v = in_view(d, lo, hi);
            power_label(1, (int)d, unicode, out[n].label, sizeof out[n].label);
            out[n].width = label_width(out[n].label);
            n++;
        }
        return n;
    }
    /* Less than two decades in view: mark multiples inside the decades. */
    static const int coarse[3] = { 1, 2, 5 }, fine[9] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    for (int pass = 0; pass < 2; pass++) {
        const int *ms = pass == 0 ? coarse : fine;
        int nm = pass == 0 ? 3 : 9;
        n = 0;
        for (double e = floor(lo); e <= ceil(hi) && n < cap; e++)
            for (int i = 0; i < nm && n < cap; i++) {
                double v = e + log10(ms[i]);
                if (v < lo - 1e-9 || v > hi + 1e-9)
                    continue;
                out[n].v = in_view(v, lo, hi);
                power_label(ms[i], (int)e, unicode, out[n].label, sizeof out[n].label);
                out[n].width = label_width(out[n].label);
                n++;
            }
        if (n >= 2 && spaced_enough(out, n, lo, hi, max_ticks))
            return n;
    }
    return fine_ticks(lo, hi, max_ticks, unicode, out, cap);
}
