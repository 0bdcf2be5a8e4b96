/* number.c - strict decimal numbers, independent of the locale, read and
 * written exactly (cs_number_text, number.h).
 *
 * strtod() alone will not do: it accepts "nan", "inf", hexadecimal and
 * leading junk, and it follows LC_NUMERIC (a German locale reads "0.5" as
 * 0; the TUI keeps LC_NUMERIC at C, but reading does not rely on it). So
 * the syntax is checked here and the common case converted here too: a
 * mantissa of at most 19 digits that fits in 53 bits, times or divided by
 * an exactly representable power of ten, is one correctly rounded IEEE
 * operation (Clinger's fast path). That covers scores like 0.2482014388 and FLOPs like 5.8795065e+22,
 * and is several times faster than strtod() on a million-row file. Anything
 * else goes to strtod() under the C locale.
 */
#include "capscope/number.h"
#include "capscope/utf8.h"
#include "data_internal.h"

#include <float.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double exact_powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* The fast path relies on each operation rounding once, to double; with
 * x87 extended precision (FLT_EVAL_METHOD != 0) it could round twice. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
#define FAST_PATH 1
#else
#define FAST_PATH 0
#endif
#define MAX_EXACT_POW10 22
#define TWO_POW_53 (UINT64_C(1) << 53)

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static double strtod_c_locale(const char *s, size_t len)
{
    char small[64];
    char *buf = len < sizeof small ? small : malloc(len + 1);
    if (!buf)
        return NAN;
    memcpy(buf, s, len);
    buf[len] = '\0';
    double v = NAN;
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_locale != (locale_t)0) {
        locale_t previous = uselocale(c_locale);
        v = strtod(buf, NULL);
        uselocale(previous);
        freelocale(c_locale);
    }
    if (buf != small)
        free(buf);
    return v;
}

cs_num_status cs_parse_number(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s)
        return CS_NUM_EMPTY;

    /* One pass, up to the first byte that cannot continue the number; the
     * text must end there, but for trailing blanks. */
    const char *p = s;
    int negative = 0;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';

    uint64_t mantissa = 0;
    int significant = 0, any_digit = 0;
    long exponent = 0; /* decimal exponent of the last digit kept in mantissa */
    for (; is_digit(*p); p++) {
        any_digit = 1;
        if (mantissa == 0 && *p == '0')
            continue;
        if (significant < 19) {
            mantissa = mantissa * 10 + (uint64_t)(*p - '0');
            significant++;
        } else {
            significant++;
            exponent++;
        }
    }
    if (*p == '.') {
        p++;
        for (; is_digit(*p); p++) {
            any_digit = 1;
            if (mantissa == 0 && *p == '0') {
                exponent--;
                continue;
            }
            if (significant < 19) {
                mantissa = mantissa * 10 + (uint64_t)(*p - '0');
                significant++;
                exponent--;
            } else
                significant++;
        }
    }
    if (!any_digit)
        return CS_NUM_SYNTAX;
    /* A capped exponent is no longer exact: with 100000 zeros after the
     * point it could bring the sum back near 0 and pass for the fast path
     * ("0.000...1e1000000" read as 1, not out of range), so strtod decides. */
    int exponent_capped = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int exp_negative = 0;
        if (*p == '+' || *p == '-')
            exp_negative = *p++ == '-';
        if (!is_digit(*p))
            return CS_NUM_SYNTAX;
        long e = 0;
        for (; is_digit(*p); p++) {
            if (e < 100000) /* far beyond any double; stops overflow */
                e = e * 10 + (*p - '0');
            else
                exponent_capped = 1;
        }
        exponent += exp_negative ? -e : e;
    }
    size_t len = (size_t)(p - s);
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p)
        return CS_NUM_SYNTAX;

    double v;
    int exact_mantissa = FAST_PATH && !exponent_capped && significant <= 19 && mantissa <= TWO_POW_53;
    if (mantissa == 0)
        v = 0.0;
    else if (exact_mantissa && exponent >= -MAX_EXACT_POW10 && exponent <= MAX_EXACT_POW10) {
        double m = (double)mantissa;
        v = exponent < 0 ? m / exact_powers_of_ten[-exponent] : m * exact_powers_of_ten[exponent];
    } else if (exact_mantissa && exponent > MAX_EXACT_POW10 && exponent <= MAX_EXACT_POW10 + 15 &&
               (double)mantissa * exact_powers_of_ten[exponent - MAX_EXACT_POW10] <
                   (double)TWO_POW_53) {
        /* 3.6e+26: move the excess powers into the mantissa while it stays exact. */
        double m = (double)mantissa * exact_powers_of_ten[exponent - MAX_EXACT_POW10];
        v = m * exact_powers_of_ten[MAX_EXACT_POW10];
    } else {
        v = strtod_c_locale(s, len);
        if (isnan(v))
            return CS_NUM_SYNTAX;
        if (isinf(v))
            return CS_NUM_RANGE;
        v = fabs(v);
    }
    *out = negative && v != 0.0 ? -v : v; /* never -0 */
    return CS_NUM_OK;
}

char *cs_count_text(size_t n, char buf[CS_COUNT_TEXT])
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%zu", n);
    size_t k = 0;
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

char *cs_number_text(double value, char buf[CS_NUMBER_TEXT])
{
    if (value == 0)
        value = 0; /* -0 prints as 0 */
    /* A normal double whose shortest text has k <= 15 digits is printed
     * as those digits by %.15g (DBL_DIG: 15 digits survive text -> double ->
     * text), so the search starts at 15: three tries at most, not seventeen
     * (a quarter of suggest's time on 100,000 rows went to this loop).
     * Subnormals hold fewer digits and start at 1. */
    int digits = fabs(value) >= DBL_MIN ? DBL_DIG : 1, printed = 0;
    if (isfinite(value))
        for (; digits < 17; digits++) {
            snprintf(buf, CS_NUMBER_TEXT, "%.*g", digits, value);
            if (strtod(buf, NULL) == value) {
                printed = digits;
                break;
            }
        }
    /* %g writes a whole number of more digits than its precision in
     * exponent form; those of up to 17 digits are written out. The search
     * ends at 15 digits or more for a normal number (a subnormal's are
     * below 1), so only |value| >= 1e15, an exact double, can be one. */
    if (fabs(value) >= 1e15 && isfinite(value)) {
        int exp10 = (int)floor(log10(fabs(value)));
        /* log10 rounds: for the doubles just below 1e17 it gives 17.0, and
         * the 17-digit whole number 99999999999999984 came out as
         * 9.999999999999998e+16. The exact powers of ten settle it. */
        if (exp10 <= MAX_EXACT_POW10 && fabs(value) < exact_powers_of_ten[exp10])
            exp10--;
        else if (exp10 < MAX_EXACT_POW10 && fabs(value) >= exact_powers_of_ten[exp10 + 1])
            exp10++;
        if (exp10 >= digits && exp10 < 17)
            digits = exp10 + 1;
    }
    /* The text the search ended on is the answer unless the precision
     * changed: one snprintf fewer for nearly every number. */
    if (digits == printed)
        return buf;
    snprintf(buf, CS_NUMBER_TEXT, "%.*g", digits, value);
    return buf;
}

cs_num_beyond cs_number_beyond(const char *s)
{
    double v = 0;
    cs_num_status st = cs_parse_number(s, &v);
    if (st == CS_NUM_RANGE)
        return CS_NUM_HUGE;
    /* Read as 0 though a digit other than 0 comes before the exponent:
     * "0e999" and "0.000" are 0 as written, "1e-400" is not. */
    if (st == CS_NUM_OK && v == 0 && strcspn(s, "123456789") < strcspn(s, "eE"))
        return CS_NUM_TINY;
    return CS_NUM_HELD;
}

char *cs_number_beyond_text(cs_num_beyond b, const char *unit, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (b == CS_NUM_HUGE)
        snprintf(buf, size, "more than a double holds (at most 1.79e308%s)", unit);
    else if (b == CS_NUM_TINY)
        snprintf(buf, size, "nearer 0 than a double holds (the least is 4.9e-324%s)", unit);
    else
        buf[0] = '\0';
    return buf;
}

const char *cs_number_beyond_why(const char *s, const char *unit, char *buf, size_t size)
{
    cs_num_beyond b = cs_number_beyond(s);
    if (b == CS_NUM_HELD || s[strspn(s, " \t")] == '-')
        return NULL;
    return cs_number_beyond_text(b, unit, buf, size);
}

int cs_parse_number_held(const char *s, double *out)
{
    double v;
    if (cs_parse_number(s, &v) != CS_NUM_OK || cs_number_beyond(s) != CS_NUM_HELD)
        return -1;
    *out = v;
    return 0;
}

/* Exponents beyond this are kept at it: a text would need as many digits
 * to bring such a number back to a whole one within reach. */
#define COUNT_EXP_CAP 1000000000000000LL

cs_count_status cs_parse_count(const char *s, long long lo, long long hi, long long *out)
{
    /* The syntax is cs_parse_number's (one grammar of a decimal number);
     * its value is then read from the text again, exactly, for a double
     * would make 2.0000000000000001 whole and 9007199254740993 even. */
    double ignored;
    cs_num_status st = cs_parse_number(s, &ignored);
    if (st != CS_NUM_OK && st != CS_NUM_RANGE)
        return CS_COUNT_NOT_WHOLE;
    const char *p = s + strspn(s, " \t");
    int negative = 0, plain = 1;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        plain = negative && lo < 0;
        p++;
    }
    const char *whole = p, *frac = p;
    size_t n_whole = strspn(p, "0123456789"), n_frac = 0;
    p += n_whole;
    if (*p == '.') {
        plain = 0;
        frac = ++p;
        n_frac = strspn(p, "0123456789");
        p += n_frac;
    }
    long long exp = 0;
    if (*p == 'e' || *p == 'E') {
        plain = 0;
        p++;
        int exp_negative = 0;
        if (*p == '+' || *p == '-')
            exp_negative = *p++ == '-';
        for (; is_digit(*p); p++)
            if (exp < COUNT_EXP_CAP)
                exp = exp * 10 + (*p - '0');
        if (exp_negative)
            exp = -exp;
    }
    /* Digit i of the n written stands for 10^(n_whole - 1 - i + exp). */
    long long n = (long long)(n_whole + n_frac), first = -1, last = -1;
#define COUNT_DIGIT(i) ((i) < (long long)n_whole ? whole[i] : frac[(i) - (long long)n_whole])
    for (long long i = 0; i < n; i++)
        if (COUNT_DIGIT(i) != '0') {
            if (first < 0)
                first = i;
            last = i;
        }
    unsigned long long v = 0;
    if (first >= 0) {
        if ((long long)n_whole - 1 - last + exp < 0)
            return CS_COUNT_NOT_WHOLE;
        long long top = (long long)n_whole - 1 - first + exp;
        if (top >= 19) /* 1e19 and more: beyond any long long */
            return negative ? CS_COUNT_LOW : CS_COUNT_HIGH;
        for (long long power = top; power >= 0; power--) {
            long long i = (long long)n_whole - 1 + exp - power;
            v = v * 10 + (unsigned long long)(i < n ? COUNT_DIGIT(i) - '0' : 0);
        }
    }
#undef COUNT_DIGIT
    long long x;
    if (negative && v > (unsigned long long)LLONG_MAX + 1)
        return CS_COUNT_LOW;
    if (!negative && v > (unsigned long long)LLONG_MAX)
        return CS_COUNT_HIGH;
    if (negative)
        x = v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v;
    else
        x = (long long)v;
    if (x < lo)
        return CS_COUNT_LOW;
    if (x > hi)
        return CS_COUNT_HIGH;
    if (!plain)
        return CS_COUNT_FORM;
    *out = x;
    return CS_COUNT_OK;
}

char *cs_count_why(cs_count_status st, long long lo, long long hi, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    switch (st) {
    case CS_COUNT_NOT_WHOLE:
        snprintf(buf, size, "not a whole number from %lld to %lld", lo, hi);
        break;
    case CS_COUNT_FORM:
        snprintf(buf, size, "not in digits alone (a whole number from %lld to %lld)", lo, hi);
        break;
    case CS_COUNT_LOW:
        snprintf(buf, size, "less than it takes (at least %lld)", lo);
        break;
    case CS_COUNT_HIGH:
        snprintf(buf, size, "more than it takes (at most %lld)", hi);
        break;
    default:
        buf[0] = '\0';
    }
    return buf;
}

/* "N%" (blanks around allowed) as the fraction N/100 in [0, 1], into out. */
static int percent_fraction(const char *s, size_t len, char out[CS_NUMBER_TEXT])
{
    char item[64];
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len < 2 || len >= sizeof item || s[len - 1] != '%')
        return 0;
    memcpy(item, s, len - 1);
    item[len - 1] = '\0';
    double v;
    if (cs_parse_number_held(item, &v) != 0 || !(v >= 0 && v <= 100))
        return 0;
    cs_number_text(v / 100, out);
    return 1;
}

/* One code point at *p (advanced past it); a malformed byte is U+FFFD,
 * which is neither a digit nor a sign. */
static long next_code_point(const char **p)
{
    uint32_t cp;
    *p += cs_utf8_decode(*p, strnlen(*p, 4), &cp);
    return (long)cp;
}

static int is_percent_sign(long c)
{
    return c == '%' || c == 0xFF05 || c == 0x066A || c == 0xFE6A;
}

/* The zero of the script whose decimal digit c is (its digits are zero ..
 * zero + 9), or -1. Unicode's decimal digits in the scripts a benchmark
 * sheet is likely written in; others are simply not seen as digits. */
static long digit_zero(long c)
{
    static const long zeros[] = {
        '0',    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66,
        0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    };
    for (size_t i = 0; i < sizeof zeros / sizeof zeros[0]; i++)
        if (c >= zeros[i] && c <= zeros[i] + 9)
            return zeros[i];
    return -1;
}

int cs_percent_sign_value(const char *s, double *percent)
{
    char ascii[64];
    size_t n = 0;
    int signs = 0, digits = 0, points = 0, sign_after = 0;
    long zero = -1;
    const char *p = s + strspn(s, " \t");
    while (*p && *p != ' ' && *p != '\t') {
        long c = next_code_point(&p);
        long z = digit_zero(c);
        if (is_percent_sign(c)) {
            signs++;
            /* after any of the number, its point too: ".%5" is no 0.5% */
            sign_after = digits > 0 || points > 0;
        } else if (z >= 0 && (zero < 0 || z == zero) && !(signs && sign_after)) {
            zero = z;
            digits++;
            if (n + 1 >= sizeof ascii)
                return 0;
            ascii[n++] = (char)('0' + (c - z));
        } else if ((c == '.' || c == 0x066B) && !points && !(signs && sign_after)) {
            points++;
            if (n + 1 >= sizeof ascii)
                return 0;
            ascii[n++] = '.';
        } else {
            return 0;
        }
        /* blanks between the number and a sign after it: "45 %" */
        if (digits && !signs && (*p == ' ' || *p == '\t')) {
            const char *q = p + strspn(p, " \t");
            const char *r = q;
            if (*q && is_percent_sign(next_code_point(&r)))
                p = q;
        }
    }
    if (p[strspn(p, " \t")] != '\0' || signs != 1 || digits == 0)
        return 0;
    ascii[n] = '\0';
    double v;
    if (cs_parse_number_held(ascii, &v) != 0)
        return 0;
    *percent = v;
    return 1;
}

/* A number from 2 to 100, where a fraction is taken, is most likely a
 * percentage written without its sign (--accuracy 70 for 70%, :score 63.5
 * on a table read with score_scale: 100): its fraction, N/100. Just above 1
 * (1.5) it is as likely a slip of a fraction, and gets no hint. */
static int whole_percent_fraction(const char *s, size_t len, char out[CS_NUMBER_TEXT])
{
    char item[64];
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0 || len >= sizeof item)
        return 0;
    memcpy(item, s, len);
    item[len] = '\0';
    double v;
    if (cs_parse_number_held(item, &v) != 0 || !(v >= 2 && v <= 100))
        return 0;
    cs_number_text(v / 100, out);
    return 1;
}

/* "; give a fraction: F" (or fractions, for a list) when every item of arg
 * reads as a fraction through to_fraction, else "". */
static const char *fractions_hint(const char *arg, int flags,
                                  int (*to_fraction)(const char *, size_t, char *), char *buf, size_t size)
{
    int list = flags & CS_HINT_LIST;
    char f[CS_NUMBER_TEXT];
    char fractions[256] = "";
    size_t used = 0, n = 0;
    for (const char *p = arg;; n++) {
        const char *comma = list ? strchr(p, ',') : NULL;
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (!to_fraction(p, len, f) || used + strlen(f) + 2 >= sizeof fractions)
            return buf;
        /* "give a fraction: 1" for a level strictly inside (0, 1) would be
         * refused in turn. */
        if ((flags & CS_HINT_OPEN) && (strcmp(f, "0") == 0 || strcmp(f, "1") == 0))
            return buf;
        used += (size_t)snprintf(fractions + used, sizeof fractions - used, "%s%s", n ? "," : "", f);
        if (!comma)
            break;
        p = comma + 1;
    }
    snprintf(buf, size, "; give %s: %s", n ? "fractions" : "a fraction", fractions);
    return buf;
}

const char *cs_fraction_hint(const char *arg, int flags, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = '\0';
    int list = flags & CS_HINT_LIST;
    if (strchr(arg, '%'))
        return fractions_hint(arg, flags, percent_fraction, buf, size);
    if (list || !strchr(arg, ','))
        if (*fractions_hint(arg, flags, whole_percent_fraction, buf, size))
            return buf;
    /* A decimal comma: digits, one comma, digits (blanks around). Not in a
     * list, whose comma separates its items: 5,10 there is two budgets. */
    if (list)
        return buf;
    const char *p = arg + strspn(arg, " \t");
    size_t a = strspn(p, "0123456789");
    if (a == 0 || p[a] != ',')
        return buf;
    size_t b = strspn(p + a + 1, "0123456789");
    if (b == 0 || p[a + 1 + b + strspn(p + a + 1 + b, " \t")] != '\0' || a + 1 + b >= 64)
        return buf;
    char dotted[64];
    memcpy(dotted, p, a + 1 + b);
    dotted[a] = '.';
    dotted[a + 1 + b] = '\0';
    double v;
    if (cs_parse_number_held(dotted, &v) == 0 && (!(flags & CS_HINT_OPEN) || (v > 0 && v < 1)))
        snprintf(buf, size, "; use a point: %s", dotted);
    return buf;
}

const char *cs_flops_hint(const char *arg, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = '\0';
    const char *p = arg + strspn(arg, " \t");
    /* the mantissa and its sign of multiplication, or neither */
    size_t whole = strspn(p, "0123456789"), frac = 0;
    if (whole && p[whole] == '.')
        frac = 1 + strspn(p + whole + 1, "0123456789");
    const char *m = p, *q = p + whole + frac;
    /* "3." is 3, and "3.e24" would read as a slip */
    size_t mlen = frac == 1 ? whole : whole + frac;
    q += strspn(q, " \t");
    if (mlen && (*q == 'x' || *q == 'X' || *q == '*') && q[1] != '*')
        q++;
    else if (mlen && (unsigned char)q[0] == 0xC3 && (unsigned char)q[1] == 0x97)
        q += 2;
    else {
        q = p;
        mlen = 0;
    }
    q += strspn(q, " \t");
    if (strncmp(q, "10", 2) != 0)
        return buf;
    q += 2;
    if (*q == '^')
        q++;
    else if (q[0] == '*' && q[1] == '*')
        q += 2;
    else
        return buf;
    const char *e = q;
    size_t elen = (*q == '+' || *q == '-') ? 1 : 0;
    size_t digits = strspn(q + elen, "0123456789");
    if (digits == 0 || digits > 4 || mlen > 32 || q[elen + digits + strspn(q + elen + digits, " \t")] != '\0')
        return buf;
    elen += digits;
    char text[48];
    snprintf(text, sizeof text, "%.*se%.*s", mlen ? (int)mlen : 1, mlen ? m : "1", (int)elen, e);
    double v;
    if (cs_parse_number_held(text, &v) == 0 && v > 0)
        snprintf(buf, size, "; write %s", text);
    return buf;
}

int cs_decimals_apart(double value, double other, int least, int most)
{
    if (value == other)
        return least;
    for (int d = least; d < most; d++) {
        char a[400], b[400]; /* %.*f of a double up to 1e308 with `most` decimals */
        snprintf(a, sizeof a, "%.*f", d, value);
        snprintf(b, sizeof b, "%.*f", d, other);
        if (strcmp(a, b) != 0)
            return d;
    }
    return most;
}

char *cs_pow10_text(double e, int digits, char buf[CS_POW10_TEXT])
{
    if (digits < 1)
        digits = 1;
    if (digits > 17)
        digits = 17;
    /* From 1e15 on a double holds no fraction of e to write, and the
     * exponent's digits would outgrow the buffer: said as a double says it. */
    if (!isfinite(e) || e < CS_POW10_BEYOND || e >= 1e15) {
        snprintf(buf, CS_POW10_TEXT, "%.*g", digits, pow(10, e));
        return buf;
    }
    /* m x 10^whole, m in [1, 10) rounded to digits (a carry makes 10.0) */
    double whole = floor(e), m = pow(10, e - whole);
    char mant[48];
    snprintf(mant, sizeof mant, "%.*e", digits - 1, m); /* "6.03e+00", or "1.00e+01" */
    char *x = strchr(mant, 'e');
    int carry = atoi(x + 1);
    *x = '\0';
    /* %g's way: no trailing zeros after the point */
    if (strchr(mant, '.')) {
        char *end = mant + strlen(mant);
        while (end[-1] == '0')
            *--end = '\0';
        if (end[-1] == '.')
            end[-1] = '\0';
    }
    snprintf(buf, CS_POW10_TEXT, "%se%+.0f", mant, whole + carry); /* whole may pass an int */
    return buf;
}
