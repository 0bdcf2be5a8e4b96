/* csvwrite.c - a CSV field as written (csvwrite.h). */
#include <stdio.h>
#include <string.h>

#include "capscope/csvwrite.h"

void cs_csv_field(const char *s, FILE *f)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
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
