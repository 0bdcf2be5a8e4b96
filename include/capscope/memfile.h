/* memfile.h - text written through a FILE * into memory, where every write
 * that could not be kept shows.
 *
 * glibc's open_memstream loses the bytes of a write that its buffer could
 * not grow for without setting the stream's error flag, and later writes go
 * on after the gap: an SVG document came out with half an element and no
 * error, and its last growth, in fclose, fails with fclose returning 0 and
 * the text NULL. A memfile is a stream of fopencookie(3) whose writer says
 * a failed growth to stdio, which then sets the error flag; the close
 * reports that and every other failure at once.
 *
 * Contract: cs_memfile_open gives a write-only stream (NULL when out of
 * memory); cs_memfile_close closes it and returns the whole text written,
 * NUL-terminated, with its length in *len (len may be NULL), for the caller
 * to free, or NULL when any write, the flush or the close failed (then
 * nothing is left to free). m is the caller's and lives until the close.
 */
#ifndef CAPSCOPE_MEMFILE_H
#define CAPSCOPE_MEMFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct cs_memfile {
    char *text;
    size_t len, cap;
    int failed;
} cs_memfile;

FILE *cs_memfile_open(cs_memfile *m);
char *cs_memfile_close(FILE *f, cs_memfile *m, size_t *len);

#endif
