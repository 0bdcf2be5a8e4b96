/* journal.h - scores entered by the user, kept safe.
 *
 * An append-only text file next to the data file (DATA.journal), or under
 * $XDG_DATA_HOME/capscope/ when that directory is not writable. Each entry is
 * one line, written with O_APPEND and fsync before the call returns, so a
 * crash or a dropped SSH connection loses nothing that was acknowledged:
 *     score <TAB> model <TAB> task <TAB> value <TAB> unix-time
 *     undo
 * Loading the data replays the journal; a torn last line (crash mid-write) is
 * ignored with a warning, any other malformed line is an error with FILE:LINE.
 */
#ifndef CAPSCOPE_JOURNAL_H
#define CAPSCOPE_JOURNAL_H

#include <stddef.h>

#include "capscope/dataset.h"
#include "capscope/error.h"

typedef struct cs_journal cs_journal;

/* Path of the journal for a data file (caller frees). */
char *cs_journal_path_for(const char *data_path);

/* Open (creating if needed) and replay onto ds. *warnings counts skipped torn lines. */
int cs_journal_open(const char *path, cs_dataset *ds, cs_journal **out, size_t *warnings,
                    cs_error *err);

/* Apply to ds and append durably. */
int cs_journal_score(cs_journal *j, cs_dataset *ds, const char *model, const char *task,
                     double value, cs_error *err);

/* Take the last entry back (restoring the previous value); 1 if nothing to undo. */
int cs_journal_undo(cs_journal *j, cs_dataset *ds, cs_error *err);

void cs_journal_close(cs_journal *j);

#endif
