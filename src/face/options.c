/* options.c - getopt_long's refusals said in words (options.h). */
#include <stdio.h>
#include <string.h>

#include "capscope/namelist.h"
#include "face/options.h"

const char *face_option_refusal(char *const *argv, int next_arg, int bad_letter, const struct option *opts, char *buf,
                                size_t size)
{
    /* An unknown letter: within a group ("-xy") getopt's optind has not
     * moved past it, and argv[next_arg - 1] is the argument before. */
    if (bad_letter > ' ' && bad_letter < 0x7f) {
        snprintf(buf, size, "unknown option '-%c'", bad_letter);
        return buf;
    }
    /* getopt_long says '?' for "--quiet=1" too: that option exists. An
     * argument can be megabytes long: quoted shortened. */
    char shown[160];
    const char *a = argv[next_arg - 1], *eq = strchr(a, '=');
    cs_quote_short(a, shown, sizeof shown);
    for (const struct option *o = opts; eq && strncmp(a, "--", 2) == 0 && o->name; o++)
        if (o->has_arg == no_argument && strlen(o->name) == (size_t)(eq - a - 2) &&
            strncmp(o->name, a + 2, (size_t)(eq - a - 2)) == 0) {
            snprintf(buf, size, "option '--%s' takes no value (given '%s')", o->name, shown);
            return buf;
        }
    snprintf(buf, size, "unknown option '%s'", shown);
    return buf;
}
