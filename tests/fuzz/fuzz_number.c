/* fuzz_number.c - the number and date parsers every reader shares.
 *
 * number.h promises the syntax [+-]digits[.digits][e[+-]digits] with blanks
 * around it, the same double as glibc's strtod bit for bit (the fast path
 * included), and a cs_number_text that reads back as the same double; date.h
 * promises strict YYYY-MM-DD that formats back to itself. Each line of the
 * input is tried as both.
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

static void check_number(const char *s, locale_t c_locale)
{
    double v = 12345.0;
    cs_num_status st = cs_parse_number(s, &v);
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
    check_text(nextafter(v, v < 0 ? -INFINITY : INFINITY));
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
        check_date(line);
        if (!nl)
            break;
        line = nl + 1;
    }
    freelocale(c_locale);

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
