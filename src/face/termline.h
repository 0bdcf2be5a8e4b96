/* termline.h - a line of progress on standard error, rewritten in place.
 *
 * Both faces show one while long work has nothing else to show: a batch
 * command's progress, the interface's start while it reads the data. A
 * C-c, a kill or a hangup while the line shows must not leave it on the
 * terminal with the shell's prompt after it. So between termline_begin and
 * termline_end, SIGINT, SIGTERM, SIGHUP and SIGQUIT clear the line, then
 * end capscope as their default actions would (status 128 + signal, a core
 * for SIGQUIT), so that a calling script stops too. A signal ignored when
 * the line begins (nohup, a job in the background) stays ignored.
 *
 * One line at a time: the handler knows the line is there only through a
 * process-wide flag, the one kind of global HACKING.md allows.
 */
#ifndef CAPSCOPE_FACE_TERMLINE_H
#define CAPSCOPE_FACE_TERMLINE_H

#include <signal.h>

#define TERMLINE_SIGNALS 4

typedef struct termline {
    int enabled; /* standard error is a terminal, and the line is wanted */
    int shown;
    int caught[TERMLINE_SIGNALS];
    struct sigaction old[TERMLINE_SIGNALS];
} termline;

/* Start a line, shown only when enabled (the caller decides: a terminal,
 * no --quiet); the signals are caught only then. */
void termline_begin(termline *t, int enabled);

/* Replace the line's text (printf-style); nothing when not enabled. */
void termline_show(termline *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Clear the line, whichever termline shows it, before a message is written
 * on standard error: the message starts its own line rather than finish the
 * line's text. The next termline_show draws the line again, under it. */
void termline_clear(void);

/* Clear the line if it shows and give the signals their old actions back. */
void termline_end(termline *t);

#endif
