/* fallback_journal.h - where a data file's journal goes when it is not
 * beside the data, computed independently of journal.c from the rule the
 * man page states: $XDG_DATA_HOME/capscope/NAME-HASH.journal, NAME the data
 * file's name as given and HASH the 64-bit FNV-1a of its full path with
 * its directory's links resolved (not the name's own), in 16 hexadecimal
 * digits. The directory must exist. */
#ifndef CAPSCOPE_TEST_FALLBACK_JOURNAL_H
#define CAPSCOPE_TEST_FALLBACK_JOURNAL_H

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int fallback_journal(const char *xdg_data_home, const char *data, char *out, size_t size)
{
    char dir_copy[4096], name_copy[4096];
    snprintf(dir_copy, sizeof dir_copy, "%s", data);
    snprintf(name_copy, sizeof name_copy, "%s", data);
    const char *name = basename(name_copy);
    char *abs_dir = realpath(dirname(dir_copy), NULL);
    if (!abs_dir)
        return -1;
    char full[8192];
    snprintf(full, sizeof full, "%s%s%s", abs_dir, strcmp(abs_dir, "/") == 0 ? "" : "/", name);
    free(abs_dir);
    unsigned long long h = 14695981039346656037ULL;
    for (const unsigned char *c = (const unsigned char *)full; *c; c++)
        h = (h ^ *c) * 1099511628211ULL;
    snprintf(out, size, "%s/capscope/%s-%016llx.journal", xdg_data_home, name, h);
    return 0;
}

#endif
