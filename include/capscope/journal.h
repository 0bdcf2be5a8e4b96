/* journal.h - scores entered by the user, kept safe.
 *
 * An append-only text file next to the data file (DATA.journal), or under
 * $XDG_DATA_HOME/capscope/ when that directory is not writable. Each entry is
 * one line, written with O_APPEND and fsync before the call returns, so a
 * crash or a dropped SSH connection loses nothing that was acknowledged:
 *     score <TAB> model <TAB> task <TAB> value <TAB> unix-time
 *     undo
 * Several scores entered at once (cs_journal_score_all, capscope score
 * --from) follow a header that counts them, in the same write:
 *     batch <TAB> N          N >= 1, digits, no leading zero
 * and the N lines after it must all be score lines of one time (the writer
 * gives all of a batch the time it was entered). A single score keeps its
 * one line, so a journal without batches is as it always was.
 * Loading the data replays the journal; a torn tail (crash mid-write) is
 * dropped with a warning (it was never acknowledged) and cut from the file
 * just before the next entry is written, never by opening, so a reader
 * changes nothing on disk. A torn tail is a torn last line (the start of an
 * entry without its line end), or a batch whose N lines are not all there
 * at the end of the file: all of it, header included, so that a batch
 * counts whole or not at all. Any other malformed line is an error with
 * FILE:LINE, and so is a batch cut short by a line that is none of its
 * scores (an undo, another header, a score of another time: other lines
 * after a cut batch, as cat of a journal that ends in one before another
 * leaves, or lines lost from its middle; no crash does that).
 * Lines may end with LF, CRLF or a lone CR; a last entry without a line
 * end (written by hand, or saved so by an editor) counts, and so does the
 * last line of a batch; but one whose time is the start of the batch's is
 * the start of that line, a crash having cut into its time, and so is a
 * score line's outside a batch whose time has fewer digits than the
 * file's modification time has and is the start of a time no later than
 * it (the writer writes the time in full, with no leading zero, and
 * before that mtime; 0 or 20240101 is a time written so by hand).
 * An undo takes back one entry, the score line above it, in a batch too:
 * the header is no entry, and as many undos as the batch has lines take
 * it back.
 *
 * An entry is written only while the file is as this cs_journal read it or
 * last wrote it (same file, same size, and the same text when its times
 * moved, checked under an advisory lock):
 * an undo takes back the entry above it, so an entry appended by another
 * capscope in between would be the one a later undo takes back at replay.
 * cs_journal_score and cs_journal_undo then fail, changing nothing, until
 * cs_journal_catch_up has taken in what was appended. What follows that
 * may be a torn tail another capscope left when it was killed mid-write:
 * found under the lock (no writer is then mid-write), it is cut as any
 * torn tail, and the entry written.
 *
 * A journal that cannot be opened for writing (read-only) is read all the
 * same; cs_journal_score and cs_journal_undo then fail, changing nothing.
 * A journal that is not a regular file (a directory, a FIFO) is an error.
 *
 * Replay is all or nothing: when opening fails, the dataset is left exactly
 * as it was loaded, so scores are never shown from a journal that is not in
 * use (and whose later entries would therefore not be saved).
 *
 * A score entry naming a model or task that is not in the data (a model
 * renamed in the CSV since, a task column dropped) is stale, not corrupt.
 * cs_journal_open_replay skips it with a count, and keeps the journal in use:
 * the line stays in the file untouched (it applies again once the name is
 * back), and it keeps its place for the undo lines after it, so every other
 * entry means what it meant when it was written. cs_journal_open, for
 * callers that must not act on part of a journal, refuses it instead.
 */
#ifndef CAPSCOPE_JOURNAL_H
#define CAPSCOPE_JOURNAL_H

#include <stddef.h>

#include "capscope/dataset.h"
#include "capscope/error.h"

typedef struct cs_journal cs_journal;

/* 1 when data_path is standard input ("-"), names a pipe, a FIFO, a device
 * or a socket (a shell's <(...) as /dev/fd/63, a named pipe), or
 * names a descriptor (/dev/stdin, /dev/fd/N, /proc/self/fd/N, even when it
 * is a file redirected): read once, or another file in every process. */
int cs_journal_is_stream(const char *data_path);

/* Path of the journal for a data file (caller frees). NULL for the built-in
 * demo (data_path NULL) and a stream (cs_journal_is_stream), which keep no
 * journal: one journal for every pipe would replay one data's scores onto
 * another's models (errno 0). NULL too when a journal that cannot go beside the
 * data has no home to go under (errno ENOENT), or memory runs out (errno
 * ENOMEM): then a journal may exist, and a caller must not go on as if
 * there were none. */
char *cs_journal_path_for(const char *data_path);

/* What cs_journal_open_replay passed over. */
typedef struct cs_journal_replay {
    size_t torn;          /* a torn tail dropped (0 or 1): a last line, or a batch, cut short */
    size_t skipped;       /* stale entries: a model or task not in the data */
    long first_skipped;   /* the first one's line, 0 when none */
    char why[512];        /* and why, e.g. "unknown model 'x'" (a cs_error message) */
    /* Of those, the entries of a known model for a task the data lacks: a
     * batch --task loads only some tasks, so these may be left out rather
     * than stale. The others (unknown models) apart: */
    size_t skipped_task;
    long first_model;     /* the first entry of an unknown model, 0 when none */
    char why_model[512];
} cs_journal_replay;

/* How long opening waits for a writer to finish before it reads (a
 * --from batch being written; a capscope stopped while it holds the lock
 * is not waited for longer): milliseconds. */
#define CS_JOURNAL_READ_WAIT_MS 2000

/* Open (creating if needed) and replay onto ds, skipping stale entries.
 * Returns -1 with err (nothing applied, *out NULL) on a malformed line or an
 * I/O failure. */
int cs_journal_open_replay(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, cs_error *err);

/* The same for a caller that only reads (a batch command's replay,
 * capscope score --list): opened read-only, never created, never written
 * (cs_journal_score and cs_journal_undo fail). Returns 1, *out NULL and
 * nothing applied, when there is no file at path: one deleted since the
 * caller looked is no journal, where opening for writing would make an
 * empty one. */
int cs_journal_open_reader(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, cs_error *err);

/* The same, strictly: a stale entry is an error too (FILE:LINE: unknown
 * model 'x'). *warnings (may be NULL) counts torn tails dropped (a torn
 * batch's names are not looked up: it is dropped whatever they are). */
int cs_journal_open(const char *path, cs_dataset *ds, cs_journal **out, size_t *warnings,
                    cs_error *err);

/* The same, holding the journal's lock from before it is read until
 * cs_journal_close, for a caller that reads, writes and closes at once (a
 * batch command): another capscope cannot append between what it read and
 * what it writes, and waits (in its own append) until it is closed. The
 * interface, open for hours, takes the lock for each append instead.
 * The lock is waited for at most wait_ms (negative: for good): another
 * capscope holds it for milliseconds, but one stopped (Ctrl-Z) or stuck
 * holds it until it goes on. Then -1, nothing read or written, err saying
 * so (naming the process that holds the lock, and whether it is stopped,
 * when /proc/locks tells). A file put at the path while it waited (two
 * journals merged by cat and mv) is opened and read in its place. */
int cs_journal_open_locked(const char *path, cs_dataset *ds, cs_journal **out,
                           cs_journal_replay *rep, long wait_ms, cs_error *err);

/* How long an append of a journal not opened locked waits for the lock
 * (the interface's :score and :undo, on its input thread), by default
 * CS_JOURNAL_APPEND_WAIT_MS; then it fails as above, changing nothing.
 * A holder known to be stopped (/proc/locks) is not waited for at all:
 * its lock will not come within the wait. */
enum { CS_JOURNAL_APPEND_WAIT_MS = 5000 };
void cs_journal_set_lock_wait(cs_journal *j, long wait_ms);

/* Apply to ds and append durably. */
int cs_journal_score(cs_journal *j, cs_dataset *ds, const char *model, const char *task,
                     double value, cs_error *err);

/* Several scores, all or none: every item is checked (model and task in
 * ds, value in [0, 1], names that fit an entry) before anything is
 * written, and the entries go into the file in one write and one fsync,
 * under the lock, so that no other capscope's entry comes between them
 * and a failed write is cut back whole. Returns 0, or -1 with err, nothing
 * applied or written, and *failed (may be NULL) the index of the item
 * refused, or n when the failure is no one item's (I/O, memory). More
 * than one go under a batch header, all with one time: a crash during the
 * write leaves a torn batch, which every reader drops whole, so that the
 * scores count all or none across a crash too. Each is an entry of its
 * own: an undo takes back the last. */
typedef struct cs_journal_score_item {
    const char *model, *task;
    double value;
} cs_journal_score_item;
int cs_journal_score_all(cs_journal *j, cs_dataset *ds, const cs_journal_score_item *items, size_t n,
                         size_t *failed, cs_error *err);

/* Entries another capscope appended since this journal last read or
 * wrote the file (capscope score from a script, another interface),
 * replayed onto ds as opening replays them, stale ones counted in rep:
 * *lines counts the entries taken in, a line each (0: nothing new, the
 * usual case, at the cost of one fstat; a batch's header is no entry, and
 * not counted). Only whole lines are taken; one still without its line
 * end waits, and so does a batch whose lines are not all there (still
 * being written, or its writer killed: it is taken in whole or never;
 * what comes before it is taken in now), as everything does while another
 * capscope holds the lock (never waited for: it may be stopped). All or
 * nothing: a malformed new line is an error with FILE:LINE and nothing is
 * applied. A torn tail that opening dropped is read again from its start:
 * cut by another capscope's entry
 * (what follows is taken in, and this journal writes after it), or ended
 * by a writer it was read from mid-write (then taken in whole). A file
 * changed otherwise (shorter, replaced, text written over what was read,
 * told by the file's times and then its text's hash, or text written onto
 * a last line that was read without its line end) is an error saying
 * to load the data again, and so is a replay that ran out of memory
 * halfway, after which this journal writes nothing more. Entries taken in
 * lie on lines past cs_journal_lines_at_open. On failure, errno is
 * ENOMEM, EINTR or EAGAIN when nothing was taken in and the journal stands
 * as before, so that a later call may succeed (memory short for a moment);
 * 0 when none will (the file changed, a line refused: load the data
 * again), or a read's error. */
int cs_journal_catch_up(cs_journal *j, cs_dataset *ds, cs_journal_replay *rep, size_t *lines, cs_error *err);

/* The whole lines the file had when it was opened. */
long cs_journal_lines_at_open(const cs_journal *j);

/* Take the last entry back (restoring the previous value); 1 if nothing to
 * undo, 2 (with err saying which line) when the entry was a stale one, which
 * changes no score. */
int cs_journal_undo(cs_journal *j, cs_dataset *ds, cs_error *err);

/* The entry cs_journal_undo would take back: 0 with its row and task, -1
 * when there is none or it is a stale one. */
int cs_journal_last(const cs_journal *j, size_t *row, size_t *task);

/* The journal line of that entry when it was read from the file (entered
 * before the journal was opened: in an earlier session, or by another
 * instance), 0 when it was written since or there is none. */
long cs_journal_last_line(const cs_journal *j);

/* The entries in effect (written or replayed, not taken back), oldest
 * first: how many, and the k-th one's row and task (0), or -1 when k is past
 * them or the entry is a stale one (a model or task not in the data). What
 * the journal has scored, e.g. to sum the cost of it. */
size_t cs_journal_count(const cs_journal *j);
/* Of those, the entries that set a score (not stale ones): what the faces
 * say was used or replayed from the journal. */
size_t cs_journal_count_applied(const cs_journal *j);
/* Of those, the scores they leave in the data: one for each model and task
 * however often it was scored again (the same count when memory is short). */
size_t cs_journal_count_scored(const cs_journal *j);
int cs_journal_entry(const cs_journal *j, size_t k, size_t *row, size_t *task);

/* The k-th entry in effect (as cs_journal_entry counts them) in full, for
 * a list of what the journal holds: 0, or -1 when k is past them. A stale
 * entry (applied 0) keeps the names it was written with; row and task are
 * then SIZE_MAX. The names live as long as j and ds. */
typedef struct cs_journal_item {
    long line;             /* its line in the journal; 0 for one written since it was read */
    long long when;        /* unix seconds */
    const char *model, *task_name;
    double value;          /* the score it set */
    int applied;           /* 0: a model or task not in the data (stale) */
    size_t row, task;
    int had;               /* the cell had a score before it */
    double before;         /* that score (0 when none) */
} cs_journal_item;
int cs_journal_item_at(const cs_journal *j, const cs_dataset *ds, size_t k, cs_journal_item *out);

/* Scores of the data file that the journal's stand over although the file
 * was saved (its mtime) after the entries: the file may have been given
 * the score since, e.g. the evaluation's own result in place of a figure
 * entered by hand, and the journal, replayed last, silently wins. Counts
 * cells whose file score is a number other than the journal's, and gives
 * the one whose entry comes first in the journal. A journal that wins
 * knowingly (an entry written after the file's last save) is not counted.
 * Returns 0, or -1 when out of memory; a data file that cannot be stat'ed
 * counts none. */
typedef struct cs_journal_override {
    size_t count;         /* cells */
    long line;            /* the first one's entry (its line in the journal) */
    size_t entries;       /* the first one's entries in effect (line: the newest's); */
    long first_line;      /* the oldest's line: all of them stand over the file's score */
    size_t row, task;
    double journal, file; /* the score in effect and the data file's */
} cs_journal_override;

int cs_journal_overrides(const cs_journal *j, const cs_dataset *ds, const char *data_path,
                         cs_journal_override *out);

/* A journal beside the data file whose own data file is gone (NAME.journal
 * with no NAME in the directory) and that holds scores of ds's cells other
 * than those ds shows: most likely this file's journal from before it was
 * renamed, whose scores a load would otherwise leave out without a word.
 * Asked whether or not the data file has a journal of its own (one is
 * created by the first score entered after the rename), of ds as shown,
 * that journal replayed. Returns its path (caller frees), the first such in
 * name order, with *entries the count of the cells whose score merging it
 * before the data's own journal (or renaming it, when there is none) would
 * change (a cell's newest score once, none an undo line took back, none ds
 * already shows, none the own journal scores, as its entries come after:
 * scores entered again or corrected, or written into the data file, are
 * not lost, and a merge done leaves none); NULL when there is none (and for the demo and
 * a stream). A journal under $XDG_DATA_HOME, named by a hash of the
 * old path, cannot be matched so and is not looked for. */
char *cs_journal_orphan(const char *data_path, const cs_dataset *ds, size_t *entries);

/* The journal's file, as opened. */
const char *cs_journal_file(const cs_journal *j);

void cs_journal_close(cs_journal *j);

#endif
