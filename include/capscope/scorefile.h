/* scorefile.h - a list of scores to enter, as a script writes one.
 *
 * `capscope score --from FILE` reads MODEL,TASK,VALUE records: CSV by RFC
 * 4180 (the data file's reader: quoted fields for names with commas or
 * quotes, CRLF or LF, a UTF-8 byte-order mark (at the start of any line:
 * exports joined with cat each bring one), blank lines skipped,
 * blanks around an unquoted field dropped). A record that is exactly
 * model,task,value (any case) is a header and skipped, wherever it is
 * (lists joined with cat repeat it; no record can be one). The file
 * must be UTF-8 text without NUL bytes, as the data file.
 *
 * Reading checks the text, not the records: a record with other than three
 * fields is kept with its count, so that the caller can report every bad
 * record at once (with the physical line where it starts), and decide the
 * names and values against the data. Only what stops the reading (a file
 * that cannot be read, is not text, a quote left open) is an error.
 */
#ifndef CAPSCOPE_SCOREFILE_H
#define CAPSCOPE_SCOREFILE_H

#include <stddef.h>

#include "capscope/error.h"

typedef struct cs_score_record {
    long line;          /* physical line where the record starts */
    size_t n_fields;    /* 3 for a well-formed record */
    const char *model, *task, *value; /* the first three fields ("" when missing) */
} cs_score_record;

typedef struct cs_scorefile {
    cs_score_record *rec;
    size_t n;
    char *text;         /* the records' fields (owned) */
} cs_scorefile;

/* Read path ("-" = standard input, named "-" in messages as the data). 0, or -1
 * with err (FILE:LINE where there is one), *out left empty. */
int cs_scorefile_read(const char *path, cs_scorefile *out, cs_error *err);

/* The same of text[0..len), with a NUL at text[len] as cs_read_text_file
 * leaves it (malloc'd; taken over and freed, whatever the outcome), name
 * standing for the file in messages. */
int cs_scorefile_parse(char *text, size_t len, const char *name, cs_scorefile *out, cs_error *err);

void cs_scorefile_free(cs_scorefile *sf);

#endif
