/* fuzz_number.c - the number and date parsers every reader shares.
 *
 * number.h promises the syntax [+-]digits[.digits][e[+-]digits] with blanks
 * around it, the same double as glibc's strtod bit for bit (the fast path
 * included), and a cs_number_text that reads back as the same double; date.h
 * promises strict YYYY-MM-DD that formats back to itself. Each line of the
 * input is tried as both. cs_number_beyond, by which both faces refuse a
 * number no double holds as that (0afc236, 9abf0c1, 09d9dee), is checked
 * against strtod: huge when strtod overflows, tiny when a number written
 * nonzero reads as 0, whatever the sign, and held otherwise, non-numbers
 * included; its words fit any buffer, are said of numbers written positive
 * only (cs_number_beyond_why), and cs_parse_number_held takes no number
 * beyond a double. cs_parse_count takes digits alone, and refuses any other
 * text as strtod reads it: below, above, or whole but written otherwise.
 * cs_fraction_hint's fraction reads back as the percentage / 100 (each of a
 * list's), its point as the decimal comma's text; cs_date_hint names a date
 * cs_parse_date takes; both stay inside a buffer of any size.
 * cs_flops_hint's number reads back as a positive double and stays inside a
 * buffer of any size.
 * cs_percent_sign_value takes only text with a percent sign, and gives a
 * number >= 0; of ASCII text, the number strtod reads without the sign.
 */
#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "capscope/date.h"
#include "capscope/number.h"
#include "fuzz.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The grammar again, written plainly: 1 when s is a decimal number. */
static int is_decimal(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '+' || *s == '-')
        s++;
    int digits = 0;
    while (is_digit(*s))
        s++, digits++;
    if (*s == '.')
        for (s++; is_digit(*s); s++)
            digits++;
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!is_digit(*s))
            return 0;
        while (is_digit(*s))
            s++;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}

static int is_blank_only(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* number.h: a whole part of up to 17 digits is written out, never as an
 * exponent; and what is written reads back as the same double. */
static void check_text(double v)
{
    char buf[CS_NUMBER_TEXT];
    cs_number_text(v, buf);
    FUZZ_ASSERT(memchr(buf, '\0', sizeof buf) != NULL);
    if (fabs(v) >= 1 && fabs(v) < 1e17 && strchr(buf, 'e')) {
        fprintf(stderr, "%.17g is written as '%s'\n", v, buf);
        abort();
    }
    double back = 1;
    if (cs_parse_number(buf, &back) != CS_NUM_OK || !(back == v || (back == 0 && v == 0))) {
        fprintf(stderr, "%.17g is written as '%s', which reads back as %.17g\n", v, buf, back);
        abort();
    }
}

/* A digit other than 0 before any exponent: the number is written nonzero. */
static int written_nonzero(const char *s)
{
    for (; *s && *s != 'e' && *s != 'E'; s++)
        if (*s >= '1' && *s <= '9')
            return 1;
    return 0;
}

/* A text written into buffers of every size up to the whole: NUL-terminated
 * within the buffer, a start of the whole when cut, nothing written into a
 * buffer of 0 bytes, nothing past any (each buffer exactly its size). fn
 * writes the text for arg into buf and returns buf. */
typedef const char *(*text_fn)(const void *arg, char *buf, size_t size);

static void check_cut_sizes(text_fn fn, const void *arg, const char *whole)
{
    size_t n = strlen(whole);
    for (size_t size = 0; size <= n + 1; size++) {
        char *buf = malloc(size ? size : 1);
        FUZZ_ASSERT(buf != NULL);
        buf[0] = 'x';
        FUZZ_ASSERT(fn(arg, buf, size) == buf);
        if (size == 0) {
            FUZZ_ASSERT(buf[0] == 'x');
        } else {
            size_t k = strnlen(buf, size);
            FUZZ_ASSERT(k < size && memcmp(buf, whole, k) == 0);
        }
        free(buf);
    }
}

struct beyond_arg {
    cs_num_beyond b;
    const char *unit;
};

static const char *beyond_text(const void *arg, char *buf, size_t size)
{
    const struct beyond_arg *a = arg;
    return cs_number_beyond_text(a->b, a->unit, buf, size);
}

/* The words for b, in buffers of every size up to the whole: NUL-terminated
 * within the buffer, a start of the whole when cut, and nothing written into
 * a buffer of 0 bytes. */
static void check_beyond_text(cs_num_beyond b, const char *unit)
{
    char whole[256];
    FUZZ_ASSERT(cs_number_beyond_text(b, unit, whole, sizeof whole) == whole);
    size_t n = strnlen(whole, sizeof whole);
    FUZZ_ASSERT(n < sizeof whole - 1);
    if (b == CS_NUM_HELD) {
        FUZZ_ASSERT(n == 0);
    } else {
        /* "more than a double holds (at most B UNIT)", "nearer 0 than a double holds (the least is B UNIT)" */
        const char *start = b == CS_NUM_HUGE ? "more than a double holds (at most " :
                                               "nearer 0 than a double holds (the least is ";
        size_t ls = strlen(start), lu = strlen(unit);
        FUZZ_ASSERT(n > ls + lu + 1 && memcmp(whole, start, ls) == 0 && whole[n - 1] == ')' &&
                    memcmp(whole + n - 1 - lu, unit, lu) == 0);
        if (b == CS_NUM_TINY) {
            /* The least named is one a double holds, above 0. */
            char bound[64];
            size_t lb = n - 1 - lu - ls;
            FUZZ_ASSERT(lb < sizeof bound);
            memcpy(bound, whole + ls, lb);
            bound[lb] = '\0';
            double v = 0;
            FUZZ_ASSERT(cs_parse_number(bound, &v) == CS_NUM_OK && v > 0 &&
                        cs_number_beyond(bound) == CS_NUM_HELD);
        }
    }
    const struct beyond_arg arg = { b, unit };
    check_cut_sizes(beyond_text, &arg, whole);
}

static void check_beyond(const char *s, locale_t c_locale)
{
    cs_num_beyond b = cs_number_beyond(s);
    cs_num_beyond want = CS_NUM_HELD;
    if (!is_blank_only(s) && is_decimal(s)) {
        locale_t previous = uselocale(c_locale);
        double ref = strtod(s, NULL);
        uselocale(previous);
        if (isinf(ref))
            want = CS_NUM_HUGE;
        else if (ref == 0 && written_nonzero(s))
            want = CS_NUM_TINY;
    }
    if (b != want) {
        fprintf(stderr, "'%s' is beyond a double as %d, not %d\n", s, (int)b, (int)want);
        abort();
    }
    /* The refusal is said of a number written positive only (a sign is
     * what is wrong with a negative one), in cs_number_beyond_text's words. */
    char why[128], words[128];
    const char *said = cs_number_beyond_why(s, " FLOPs", why, sizeof why);
    int negative = s[strspn(s, " \t")] == '-';
    FUZZ_ASSERT((said != NULL) == (want != CS_NUM_HELD && !negative));
    if (said)
        FUZZ_ASSERT(said == why && strcmp(why, cs_number_beyond_text(want, " FLOPs", words, sizeof words)) == 0);
    /* The held parse: what cs_parse_number reads, unless no double holds it
     * (1e-400 and -1e-400 are no 0 and -0); *out alone on a refusal. */
    double ref = 7, held = 7;
    int ok = cs_parse_number(s, &ref) == CS_NUM_OK && want == CS_NUM_HELD;
    int rc = cs_parse_number_held(s, &held);
    FUZZ_ASSERT(rc == (ok ? 0 : -1));
    if (ok)
        FUZZ_ASSERT(held == ref && !signbit(held) == !signbit(ref) && (held != 0 || !written_nonzero(s)));
    else
        FUZZ_ASSERT(held == 7);
}

static void check_number(const char *s, locale_t c_locale)
{
    double v = 12345.0;
    cs_num_status st = cs_parse_number(s, &v);
    check_beyond(s, c_locale);
    if (is_blank_only(s)) {
        FUZZ_ASSERT(st == CS_NUM_EMPTY);
        return;
    }
    if (!is_decimal(s)) {
        FUZZ_ASSERT(st == CS_NUM_SYNTAX);
        return;
    }
    locale_t previous = uselocale(c_locale);
    double ref = strtod(s, NULL);
    uselocale(previous);
    if (isinf(ref)) {
        FUZZ_ASSERT(st == CS_NUM_RANGE);
        return;
    }
    if (st != CS_NUM_OK || !(v == ref || (v == 0 && ref == 0))) {
        fprintf(stderr, "'%s': status %d, %.17g, strtod gives %.17g\n", s, (int)st, v, ref);
        abort();
    }
    FUZZ_ASSERT(!(v == 0 && signbit(v))); /* never -0 */
    check_text(v);
    /* Its neighbours too: the edges of each decade are where texts change form. */
    check_text(nextafter(v, 0));
    double out = nextafter(v, v < 0 ? -INFINITY : INFINITY);
    if (isfinite(out)) /* past the largest double is no number to write */
        check_text(out);
}

/* A count in [1, 10000] (cs_parse_count): digits alone are read by hand
 * here; any other text is refused, and a refusal of a decimal number agrees
 * with strtod's reading of it, which keeps whole numbers whole (every double
 * from 2^52 up is whole) and their order with 1 and 10000 (both doubles). */
static void check_count(const char *s, locale_t c_locale)
{
    long long v = 7;
    cs_count_status st = cs_parse_count(s, 1, 10000, &v);
    char why[96];
    FUZZ_ASSERT(cs_count_why(st, 1, 10000, why, sizeof why) == why && (why[0] == '\0') == (st == CS_COUNT_OK));
    FUZZ_ASSERT(st == CS_COUNT_OK || v == 7);
    if (is_blank_only(s) || !is_decimal(s)) {
        FUZZ_ASSERT(st == CS_COUNT_NOT_WHOLE);
        return;
    }
    const char *p = s + strspn(s, " \t");
    size_t nd = strspn(p, "0123456789");
    if (nd > 0 && p[nd + strspn(p + nd, " \t")] == '\0') {
        long long x = 0; /* kept from 10001 on: past the most is all it need say */
        for (size_t i = 0; i < nd; i++)
            if (x <= 10000)
                x = x * 10 + (p[i] - '0');
        FUZZ_ASSERT(st == (x < 1 ? CS_COUNT_LOW : x > 10000 ? CS_COUNT_HIGH : CS_COUNT_OK));
        FUZZ_ASSERT(st != CS_COUNT_OK || v == x);
        return;
    }
    FUZZ_ASSERT(st != CS_COUNT_OK);
    locale_t previous = uselocale(c_locale);
    double ref = strtod(s, NULL);
    uselocale(previous);
    if (st == CS_COUNT_FORM)
        FUZZ_ASSERT(ref >= 1 && ref <= 10000 && ref == floor(ref));
    else if (st == CS_COUNT_LOW)
        FUZZ_ASSERT(ref <= 0 && ref == floor(ref));
    else if (st == CS_COUNT_HIGH)
        FUZZ_ASSERT(ref >= 10001 && ref == floor(ref));
}

static void check_date(const char *s)
{
    int32_t day = 7;
    if (cs_parse_date(s, &day) != 0) {
        FUZZ_ASSERT(day == 7);
        return;
    }
    /* Only the exact form is read, so it must be written back unchanged. */
    FUZZ_ASSERT(strlen(s) == 10);
    char buf[32];
    FUZZ_ASSERT(cs_format_date(day, buf, sizeof buf) == buf);
    if (strcmp(buf, s) != 0) {
        fprintf(stderr, "date '%s' is written back as '%s'\n", s, buf);
        abort();
    }
    int64_t y;
    int m, d;
    cs_civil_from_days(day, &y, &m, &d);
    FUZZ_ASSERT(cs_days_from_civil(y, m, d) == day);
    FUZZ_ASSERT(m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 0 && y <= 9999);
}

/* The hints as text_fn (check_cut_sizes). */
struct hint_arg {
    const char *s;
    int list;
};

static const char *fraction_hint(const void *arg, char *buf, size_t size)
{
    const struct hint_arg *a = arg;
    return cs_fraction_hint(a->s, a->list, buf, size);
}

static const char *date_hint(const void *arg, char *buf, size_t size)
{
    return cs_date_hint(arg, buf, size);
}

static const char *flops_hint(const void *arg, char *buf, size_t size)
{
    return cs_flops_hint(arg, buf, size);
}

/* number.h: a hint names a positive number the parser takes, and only for
 * a text the parser refuses. */
static void check_flops_hint(const char *s)
{
    char whole[128];
    FUZZ_ASSERT(cs_flops_hint(s, whole, sizeof whole) == whole);
    check_cut_sizes(flops_hint, s, whole);
    if (!whole[0])
        return;
    const char *write = "; write ";
    FUZZ_ASSERT(strncmp(whole, write, strlen(write)) == 0);
    double v, held;
    FUZZ_ASSERT(cs_parse_number_held(whole + strlen(write), &v) == 0 && v > 0);
    FUZZ_ASSERT(cs_parse_number_held(s, &held) < 0);
}

/* "N%" (blanks around) with N a number a double holds in [0, 100]: 1, and
 * N in *v. */
static int percent_of(const char *s, size_t len, double *v)
{
    char item[256];
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len < 1 || len >= sizeof item || s[len - 1] != '%')
        return 0;
    memcpy(item, s, len - 1);
    item[len - 1] = '\0';
    return cs_parse_number_held(item, v) == 0 && *v >= 0 && *v <= 100;
}

/* A number from 2 to 100 written without a percent sign (blanks around),
 * which a hint reads as a percentage: 1, and the number in *v. */
static int plain_percent_of(const char *s, size_t len, double *v)
{
    char item[256];
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len < 1 || len >= sizeof item)
        return 0;
    memcpy(item, s, len);
    item[len] = '\0';
    return cs_parse_number_held(item, v) == 0 && *v >= 2 && *v <= 100;
}

/* number.h: the fraction a hint gives reads back as the percentage / 100,
 * one for each item of a list, written with its sign or, from 2 to 100,
 * without; a decimal comma's hint is the text with a point; a percentage
 * in [0, 100] of a short text always gets its hint, and so does a number
 * from 2 to 100 without a comma. */
static void check_fraction_hint(const char *s, int list)
{
    char whole[512];
    FUZZ_ASSERT(cs_fraction_hint(s, list, whole, sizeof whole) == whole);
    FUZZ_ASSERT(strnlen(whole, sizeof whole) < sizeof whole - 1);
    const struct hint_arg arg = { s, list };
    check_cut_sizes(fraction_hint, &arg, whole);
    const char *one = "; give a fraction: ", *many = "; give fractions: ", *point = "; use a point: ";
    if (strncmp(whole, one, strlen(one)) == 0 || strncmp(whole, many, strlen(many)) == 0) {
        int is_many = strncmp(whole, many, strlen(many)) == 0;
        const char *f = whole + strlen(is_many ? many : one);
        const char *item = s;
        size_t n_items = 0;
        for (;;) {
            const char *comma = list ? strchr(item, ',') : NULL;
            size_t len = comma ? (size_t)(comma - item) : strlen(item);
            double v;
            FUZZ_ASSERT(strchr(s, '%') ? percent_of(item, len, &v) : plain_percent_of(item, len, &v));
            const char *fend = strchr(f, ',');
            size_t flen = fend ? (size_t)(fend - f) : strlen(f);
            char ftext[CS_NUMBER_TEXT + 8];
            FUZZ_ASSERT(flen > 0 && flen < sizeof ftext);
            memcpy(ftext, f, flen);
            ftext[flen] = '\0';
            double back;
            if (cs_parse_number(ftext, &back) != CS_NUM_OK || back != v / 100) {
                fprintf(stderr, "'%s': hint '%s' is not %.17g / 100\n", s, whole, v);
                abort();
            }
            n_items++;
            f += flen;
            if (!comma)
                break;
            FUZZ_ASSERT(*f == ',');
            f++;
            item = comma + 1;
        }
        FUZZ_ASSERT(*f == '\0' && is_many == (n_items > 1));
    } else if (strncmp(whole, point, strlen(point)) == 0) {
        const char *d = whole + strlen(point);
        const char *t = s + strspn(s, " \t");
        size_t a = strspn(t, "0123456789");
        FUZZ_ASSERT(a > 0 && t[a] == ',' && strlen(d) >= a + 2 && memcmp(d, t, a) == 0 && d[a] == '.');
        size_t b = strspn(t + a + 1, "0123456789");
        FUZZ_ASSERT(b > 0 && strlen(d) == a + 1 + b && memcmp(d + a + 1, t + a + 1, b) == 0);
        FUZZ_ASSERT(t[a + 1 + b + strspn(t + a + 1 + b, " \t")] == '\0');
        double v;
        FUZZ_ASSERT(cs_parse_number_held(d, &v) == 0);
    } else {
        FUZZ_ASSERT(whole[0] == '\0');
        double v;
        if (!list && strlen(s) < 40 && percent_of(s, strlen(s), &v)) {
            fprintf(stderr, "'%s' is N%% with N in [0, 100] and gets no hint\n", s);
            abort();
        }
        if (strlen(s) < 40 && !strchr(s, ',') && !strchr(s, '%') && plain_percent_of(s, strlen(s), &v)) {
            fprintf(stderr, "'%s' is a number in [2, 100] and gets no hint\n", s);
            abort();
        }
    }
}

/* A date a hint names, of a text cs_parse_date refused: one it takes,
 * whose year the text holds as written. */
static void check_hinted_date(const char *s, const char *whole, const char *d)
{
    int32_t day, refused;
    char year[5];
    memcpy(year, d, 4);
    year[4] = '\0';
    if (cs_parse_date(d, &day) != 0 || cs_parse_date(s, &refused) == 0 || !strstr(s, year)) {
        fprintf(stderr, "'%s': the hint '%s' names no date of it\n", s, whole);
        abort();
    }
}

/* date.h: a hint names a date that cs_parse_date takes, the start of the
 * text refused: its first day for a month alone, its day for a date with a
 * time, the date of another form ("that is"), or the two a month and a day
 * that could be either make. */
static void check_date_hint(const char *s)
{
    char whole[128];
    FUZZ_ASSERT(cs_date_hint(s, whole, sizeof whole) == whole);
    check_cut_sizes(date_hint, s, whole);
    const char *month = "a month as its first day: ", *time = "a date without the time: ", *that = "that is ";
    const char *d = NULL;
    char mdy[11], dmy[11];
    if (strncmp(whole, month, strlen(month)) == 0) {
        d = whole + strlen(month);
        FUZZ_ASSERT(strlen(d) == 10 && strcmp(d + 7, "-01") == 0);
        /* YYYY-MM is that month's first day; "1902-2," (a month of one
         * digit, a trailing comma) is February's too, read part by part. */
        FUZZ_ASSERT(!(strlen(s) == 7 && s[4] == '-' && strspn(s, "0123456789") == 4 &&
                      strspn(s + 5, "0123456789") == 2) ||
                    memcmp(d, s, 7) == 0);
        check_hinted_date(s, whole, d);
    } else if (strncmp(whole, that, strlen(that)) == 0) {
        d = whole + strlen(that);
        FUZZ_ASSERT(strlen(d) == 10);
        check_hinted_date(s, whole, d);
    } else if (sscanf(whole, "%10s as month/day/year, %10s as day/month/year", mdy, dmy) == 2) {
        /* The same year, the month of one the day of the other. */
        FUZZ_ASSERT(strcmp(mdy, dmy) != 0 && memcmp(mdy, dmy, 5) == 0 && memcmp(mdy + 5, dmy + 8, 2) == 0 &&
                    memcmp(mdy + 8, dmy + 5, 2) == 0);
        check_hinted_date(s, whole, mdy);
        check_hinted_date(s, whole, dmy);
    } else if (strncmp(whole, time, strlen(time)) == 0) {
        d = whole + strlen(time);
        FUZZ_ASSERT(strlen(s) > 11 && memcmp(d, s, 10) == 0 && d[10] == '\0');
    } else if (whole[0]) {
        /* Which part of a date of the right shape the calendar refuses. */
        int32_t refused;
        FUZZ_ASSERT(strlen(s) == 10 && cs_parse_date(s, &refused) != 0);
        int count = 0;
        FUZZ_ASSERT(strncmp(whole, "there is no month ", 18) == 0 || strcmp(whole, "days count from 01") == 0 ||
                    (sscanf(whole, "%*4d-%*2d has %d days", &count) == 1 && count >= 28 && count <= 31 &&
                     memcmp(whole, s, 7) == 0));
    }
    int32_t day;
    if (d && cs_parse_date(d, &day) != 0) {
        fprintf(stderr, "'%s': the hint '%s' names no date\n", s, whole);
        abort();
    }
}

static void check_percent_sign(const char *s, locale_t c_locale)
{
    double v;
    if (!cs_percent_sign_value(s, &v))
        return;
    FUZZ_ASSERT(isfinite(v) && v >= 0);
    FUZZ_ASSERT(strchr(s, '%') || strstr(s, "\xef\xbc\x85") || strstr(s, "\xd9\xaa") || strstr(s, "\xef\xb9\xaa"));
    char plain[256];
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p >= 0x80 || n + 1 >= sizeof plain)
            return; /* other scripts: no strtod to compare with */
        if (*p != '%')
            plain[n++] = *p;
    }
    plain[n] = '\0';
    FUZZ_ASSERT(is_decimal(plain) && !strpbrk(plain, "eE+-"));
    locale_t previous = uselocale(c_locale);
    double ref = strtod(plain, NULL);
    uselocale(previous);
    if (ref != v) {
        fprintf(stderr, "'%s': %.17g, strtod reads %.17g\n", s, v, ref);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    FUZZ_ASSERT(c_locale != (locale_t)0);
    char *line = text;
    for (;;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        check_number(line, c_locale);
        check_count(line, c_locale);
        check_date(line);
        check_fraction_hint(line, 0);
        check_fraction_hint(line, 1);
        check_date_hint(line);
        check_flops_hint(line);
        check_percent_sign(line, c_locale);
        if (!nl)
            break;
        line = nl + 1;
    }
    freelocale(c_locale);
    static const char *const units[] = { "", " FLOPs" };
    for (size_t u = 0; u < 2; u++)
        for (int b = CS_NUM_HELD; b <= CS_NUM_TINY; b++)
            check_beyond_text((cs_num_beyond)b, units[u]);

    /* Any bit pattern as a double: finite ones are written so as to read back. */
    if (size >= sizeof(double)) {
        double v;
        memcpy(&v, data, sizeof v);
        if (isfinite(v))
            check_text(v);
    }
    free(text);
    return 0;
}
