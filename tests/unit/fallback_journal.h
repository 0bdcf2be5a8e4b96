/* fallback_journal.h - where a data file's journal goes when it is not
 * beside the data, computed independently of journal.c from the rule the
 * man page states: $XDG_DATA_HOME/capscope/NAME-HASH.journal, NAME the data
 * file's name and HASH the 64-bit FNV-1a of its full (resolved) path, in
 * 16 hexadecimal digits. The data file must exist. */
#ifndef CAPSCOPE_TEST_FALLBACK_JOURNAL_H
#define CAPSCOPE_TEST_FALLBACK_JOURNAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int fallback_journal(const char *xdg_data_home, const char *data, char *out, size_t size)
{
    char *abs = realpath(data, NULL);
    if (!abs)
        return -1;
    unsigned long long h = 14695981039346656037ULL;
    for (const unsigned char *c = (const unsigned char *)abs; *c; c++)
        h = (h ^ *c) * 1099511628211ULL;
    const char *slash = strrchr(abs, '/');
    snprintf(out, size, "%s/capscope/%s-%016llx.journal", xdg_data_home, slash ? slash + 1 : abs, h);
    free(abs);
    return 0;
}

#endif
