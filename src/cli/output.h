/* output.h - one result, three formats: an aligned table, JSON or CSV. The
 * batch face's own (no library has it, the TUI writes its one CSV with
 * csvwrite.h and number.h), so it may do what the core and render layers may
 * not: a failed allocation prints "capscope: out of memory" and exits with
 * status 1.
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
 * Memory: o holds its records until cli_out_print, packed (text and a few
 * bytes a field), unless cli_out_stream writes them as they come.
 */
#ifndef CAPSCOPE_CLI_OUTPUT_H
#define CAPSCOPE_CLI_OUTPUT_H

#include <stdio.h>

typedef enum cli_format { CLI_FORMAT_TABLE, CLI_FORMAT_JSON, CLI_FORMAT_CSV } cli_format;

typedef struct cli_out cli_out;

/* What the command has done that stands whatever follows (score: "3 scores
 * saved in tiny.csv.journal"), said after "out of memory" should the output
 * run out of it, or after "cannot write the output" should stdout fail:
 * status 1 alone read as though nothing was done. NULL for
 * nothing. The text is not copied: it must outlive the output's calls. */
void cli_out_done_before(const char *done);
/* That text, or NULL: for any other failure to say after it (the output
 * that cannot be written, cli_emit). */
const char *cli_out_done(void);

/* list_name: the JSON key of the record list ("fits", "predictions", ...);
 * NULL for a result that is a single flat object (no records). */
cli_out *cli_out_new(const char *list_name);
void cli_out_free(cli_out *o);

/* Parse "table" | "json" | "csv"; -1 when unknown. */
int cli_format_parse(const char *s, cli_format *out);

/* Begin a new record; fields added after this go into it. Fields added
 * before the first cli_out_record() are top-level. */
void cli_out_record(cli_out *o);

/* The columns of o's records, for a list that may have none (suggest with
 * nothing to pick): CSV puts them in its header even then, so a script
 * finds the same columns either way. keys ends with NULL and must outlive
 * o (a static array); they come first, in this order. */
void cli_out_columns(cli_out *o, const char *const *keys);

/* Add a field. `table_fmt` is the printf format for the table (e.g. "%.4f"),
 * NULL for "%.6g"; JSON and CSV always use full precision. */
void cli_out_str(cli_out *o, const char *key, const char *value);   /* NULL value prints null */
void cli_out_num(cli_out *o, const char *key, double value, const char *table_fmt);
void cli_out_int(cli_out *o, const char *key, long long value);
void cli_out_bool(cli_out *o, const char *key, int value);
void cli_out_null(cli_out *o, const char *key);
/* A value the user gave, echoed in the table too with the fewest digits that
 * read back as the same double (an accuracy of 0.99999999999999 is not 1). */
void cli_out_num_given(cli_out *o, const char *key, double value);
/* 10^e as a number even past the largest double (a compute of 1e466 FLOPs
 * is absurd but finite, and a null would read as "unreachable"): JSON and
 * CSV get 10 significant digits (no double holds it exactly), the table
 * `table_digits`. */
void cli_out_pow10(cli_out *o, const char *key, double e, int table_digits);

/* Write s with its control characters (textwidth.h: cs_cp_control) shown as
 * escapes (\n, \x1b, \u202e): a name read from a file must not drive the
 * terminal, split a one-line message or reorder the rest of a line. The
 * table's text goes through it; JSON and CSV keep the bytes. */
void cli_out_put_text(const char *s, FILE *f);

/* Print fmt to f as records come rather than all at cli_out_print: JSON
 * writes the top-level fields and each record once the next one begins (or
 * at cli_out_print), CSV too when cli_out_columns named every key the records
 * will have (a record with another key is a bug: abort); otherwise, and for
 * the table, whose widths need every row, o holds the records, for the table
 * without their JSON texts, for JSON and CSV without their table texts. The
 * bytes are those cli_out_print alone would write. Call it after the
 * top-level fields and cli_out_columns, before the first record, and only
 * when nothing after it can fail: an error found later would leave half a
 * document. cli_out_print must then get the same fmt and f; it writes the
 * rest. */
void cli_out_stream(cli_out *o, cli_format fmt, FILE *f);

/* Print (after cli_out_stream: the rest); returns 0, or -1 with errno set on
 * a write error (e.g. a closed pipe or full disk), including one while
 * streaming, after which o writes nothing more. */
int cli_out_print(cli_out *o, cli_format fmt, FILE *f);

#endif
