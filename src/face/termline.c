/* termline.c - a line of progress on standard error; see termline.h. */
#include "face/termline.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const int line_signals[TERMLINE_SIGNALS] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static volatile sig_atomic_t line_shown;

/* SA_RESETHAND has put the default action back and the signal is blocked
 * in here, so raise() delivers it on return: capscope ends of it. */
static void on_signal(int sig)
{
    if (line_shown) {
        static const char clear[] = "\r\033[K";
        ssize_t w = write(STDERR_FILENO, clear, sizeof clear - 1);
        (void)w;
    }
    raise(sig);
}

void termline_begin(termline *t, int enabled)
{
    memset(t, 0, sizeof *t);
    line_shown = 0;
    t->enabled = enabled;
    if (!enabled)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < TERMLINE_SIGNALS; i++)
        t->caught[i] = sigaction(line_signals[i], NULL, &t->old[i]) == 0 && t->old[i].sa_handler != SIG_IGN &&
                       sigaction(line_signals[i], &sa, NULL) == 0;
}

void termline_show(termline *t, const char *fmt, ...)
{
    if (!t->enabled)
        return;
    fputs("\r\033[K", stderr);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
    t->shown = 1;
    line_shown = 1;
}

void termline_clear(void)
{
    if (line_shown) {
        fputs("\r\033[K", stderr);
        line_shown = 0;
    }
}

void termline_end(termline *t)
{
    /* Cleared while the signals still clear it: a signal between the two
     * steps would otherwise leave the line there. */
    if (t->shown)
        fputs("\r\033[K", stderr);
    fflush(stderr);
    line_shown = 0;
    for (size_t i = 0; i < TERMLINE_SIGNALS; i++)
        if (t->caught[i])
            sigaction(line_signals[i], &t->old[i], NULL);
    memset(t, 0, sizeof *t);
}
