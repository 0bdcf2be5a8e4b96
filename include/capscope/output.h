/* output.h - one result, three formats: an aligned table, JSON or CSV.
 *
 * A result is a set of top-level fields plus one list of records (rows) with
 * named fields; the batch subcommands build one and print it in the format
 * the user chose. JSON: a single object, top-level fields first, then
 * "<list>": [ {...}, ... ]; numbers with the fewest digits that read back
 * as the same double (at most 17), NaN and
 * infinities as null. CSV (RFC 4180): one header line, then one line per
 * record, each preceded by the top-level fields as leading columns. Table:
 * "key: value" lines for top-level fields, then the records aligned under a
 * header, numbers right-aligned, a null as "-" (CSV leaves it empty), a
 * record's text wider than 120 columns cut in the middle at "..." by
 * display width, with a line under the rows that says how many. Values
 * are copied; the caller keeps nothing. Text (keys and strings) is written
 * as UTF-8 in every format: a byte that is not part of well-formed UTF-8
 * becomes U+FFFD. JSON strings escape '"', '\\' and U+0000-U+001F (\n, \r,
 * \t, else \u00XX), as RFC 8259 requires.
 *
 * Memory: o holds its records until cs_out_print, packed (text and a few
 * bytes a field), unless cs_out_stream writes them as they come.
 */
#ifndef CAPSCOPE_OUTPUT_H
#define CAPSCOPE_OUTPUT_H

#include <stdio.h>

typedef enum cs_format { CS_FORMAT_TABLE, CS_FORMAT_JSON, CS_FORMAT_CSV } cs_format;

typedef struct cs_out cs_out;

/* list_name: the JSON key of the record list ("fits", "predictions", ...);
 * NULL for a result that is a single flat object (no records). */
cs_out *cs_out_new(const char *list_name);
void cs_out_free(cs_out *o);

/* Parse "table" | "json" | "csv"; -1 when unknown. */
int cs_format_parse(const char *s, cs_format *out);

/* Begin a new record; fields added after this go into it. Fields added
 * before the first cs_out_record() are top-level. */
void cs_out_record(cs_out *o);

/* The columns of o's records, for a list that may have none (suggest with
 * nothing to pick): CSV puts them in its header even then, so a script
 * finds the same columns either way. keys ends with NULL and must outlive
 * o (a static array); they come first, in this order. */
void cs_out_columns(cs_out *o, const char *const *keys);

/* Add a field. `table_fmt` is the printf format for the table (e.g. "%.4f"),
 * NULL for "%.6g"; JSON and CSV always use full precision. */
void cs_out_str(cs_out *o, const char *key, const char *value);   /* NULL value prints null */
void cs_out_num(cs_out *o, const char *key, double value, const char *table_fmt);
void cs_out_int(cs_out *o, const char *key, long long value);
void cs_out_bool(cs_out *o, const char *key, int value);
void cs_out_null(cs_out *o, const char *key);
/* A value the user gave, echoed in the table too with the fewest digits that
 * read back as the same double (an accuracy of 0.99999999999999 is not 1). */
void cs_out_num_given(cs_out *o, const char *key, double value);
/* 10^e as a number even past the largest double (a compute of 1e466 FLOPs
 * is absurd but finite, and a null would read as "unreachable"): JSON and
 * CSV get 10 significant digits (no double holds it exactly), the table
 * `table_digits`. */
void cs_out_pow10(cs_out *o, const char *key, double e, int table_digits);

/* Write s with its control characters (textwidth.h: cs_cp_control) shown as
 * escapes (\n, \x1b, \u202e): a name read from a file must not drive the
 * terminal, split a one-line message or reorder the rest of a line. The
 * table's text goes through it; JSON and CSV keep the bytes. */
void cs_out_put_text(const char *s, FILE *f);

/* Print fmt to f as records come rather than all at cs_out_print: JSON
 * writes the top-level fields and each record once the next one begins (or
 * at cs_out_print), CSV too when cs_out_columns named every key the records
 * will have (a record with another key is a bug: abort); otherwise, and for
 * the table, whose widths need every row, o holds the records, for the table
 * without their JSON texts, for JSON and CSV without their table texts. The
 * bytes are those cs_out_print alone would write. Call it after the
 * top-level fields and cs_out_columns, before the first record, and only
 * when nothing after it can fail: an error found later would leave half a
 * document. cs_out_print must then get the same fmt and f; it writes the
 * rest. */
void cs_out_stream(cs_out *o, cs_format fmt, FILE *f);

/* Print (after cs_out_stream: the rest); returns 0, or -1 with errno set on
 * a write error (e.g. a closed pipe or full disk), including one while
 * streaming, after which o writes nothing more. */
int cs_out_print(cs_out *o, cs_format fmt, FILE *f);

#endif
