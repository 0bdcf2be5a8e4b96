/* error.h - errors as values.
 *
 * Core functions never print and never exit. A function that can fail takes a
 * `cs_error *` (may be NULL) and returns 0 on success, -1 on failure with the
 * error filled in. `file` is empty and `line` 0 where they do not apply. Only
 * main() and the TUI decide how to show an error and exit; `kind` tells them
 * with what status (cs_error_exit_status).
 */
#ifndef CAPSCOPE_ERROR_H
#define CAPSCOPE_ERROR_H

#include <stddef.h>

typedef enum cs_error_kind {
    CS_ERR_NONE = 0,
    CS_ERR_INPUT,    /* bad data, config or usage: exit status 2 */
    CS_ERR_RUNTIME,  /* the computation failed (no convergence, no memory): exit 1 */
    CS_ERR_CANCELLED,/* the caller asked it to stop (cs_fit_opts.cancel): no result,
                        and no fault of the data; never shown as a failure */
} cs_error_kind;

typedef struct cs_error {
    cs_error_kind kind;
    long line;        /* 1-based source line, 0 when none applies */
    char file[512];   /* file name as the user gave it, "" when none applies */
    char msg[512];    /* what is wrong, lower case, no trailing period */
} cs_error;

/* Fill *err (if err is not NULL). Returns -1 so callers can `return cs_error_set(...)`. */
int cs_error_set(cs_error *err, cs_error_kind kind, const char *file, long line,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* strerror(errnum) in a message's lower case ("no space left on device");
 * a first word in capitals (an acronym) keeps them. Returns buf. */
const char *cs_errno_text(int errnum, char *buf, size_t size);

/* cs_error_set with the message "WHAT: REASON", REASON cs_errno_text's. */
int cs_error_errno(cs_error *err, cs_error_kind kind, const char *file, long line, const char *what, int errnum);

/* "FILE:LINE: msg", "FILE: msg" or "msg" into buf; returns buf. */
const char *cs_error_string(const cs_error *err, char *buf, size_t size);

/* After snprintf or vsnprintf into s (size bytes) returned wanted: when the
 * text was cut, drop the start of a UTF-8 sequence the cut split, so that a
 * message quoting a name (a file's, a model's, an option's value) never ends
 * in half a character. The rule of cs_error_set, for messages made outside
 * a cs_error. */
void cs_error_end_whole(char *s, int wanted, size_t size);

/* The exit status of a process that stops on err, the one mapping the batch
 * commands and the TUI share: 2 for CS_ERR_INPUT, 1 for CS_ERR_RUNTIME and
 * CS_ERR_CANCELLED (no result, yet no fault of the input), and 2 for
 * CS_ERR_NONE, a failure that left its error unset. */
int cs_error_exit_status(const cs_error *err);

#endif
