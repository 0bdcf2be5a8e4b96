/* csvwrite.h - a CSV field as written (RFC 4180), the one rule for every
 * CSV capscope writes: `--format csv` (src/cli/output.h) and the TUI's
 * `:export FILE.csv`.
 *
 * A field holding a comma, a double quote, CR or LF, or beginning or ending
 * with a space or a tab (which capscope's reader drops around an unquoted
 * field), is enclosed in double quotes, each double quote in it doubled; any
 * other is written as it is (an empty one empty). The bytes are kept: a name read from a file is
 * data here, not cleaned or escaped. The caller writes the separators and
 * the line ends. Writes to the caller's stream; a write error is the
 * stream's (ferror).
 */
#ifndef CAPSCOPE_CSVWRITE_H
#define CAPSCOPE_CSVWRITE_H

#include <stdio.h>

void cs_csv_field(const char *s, FILE *f);

#endif
