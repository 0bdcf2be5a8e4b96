/* options.h - what getopt_long's refusal of an argument means, in words both
 * faces print alike (the batch commands with their name and usage hint, the
 * interface with its own): "unknown option '-x'", "option '--quiet' takes no
 * value (given '--quiet=1')", "unknown option '--frobnicate'".
 *
 * Called right after getopt_long returned '?' (with opterr 0), with its
 * optind (next_arg) and optopt (bad_letter), and the table it was given
 * (named apart from getopt's globals: clang's -Wshadow warns of a parameter
 * named optind); the argument is quoted shortened (cs_quote_short). buf of
 * 256 bytes holds any refusal.
 */
#ifndef CAPSCOPE_FACE_OPTIONS_H
#define CAPSCOPE_FACE_OPTIONS_H

#include <getopt.h>
#include <stddef.h>

const char *face_option_refusal(char *const *argv, int next_arg, int bad_letter, const struct option *opts, char *buf,
                                size_t size);

#endif
