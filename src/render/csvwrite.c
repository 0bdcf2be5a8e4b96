/* csvwrite.c - a CSV field as written (csvwrite.h). */
#include <stdio.h>
#include <string.h>

#include "capscope/csvwrite.h"

/* capscope's reader (csv.c) drops blanks around an unquoted field, as
 * spreadsheets pad "model, flops": a name that begins or ends with one is
 * quoted, or a script that cuts the model column from suggest's CSV and
 * hands it back to score --from names another model. */
static int blank_at_an_end(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
}

void cs_csv_field(const char *s, FILE *f)
{
    if (strpbrk(s, ",\"\r\n") == NULL && !blank_at_an_end(s)) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}
