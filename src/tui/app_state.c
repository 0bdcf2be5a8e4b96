/* app_state.c - the session state: what is saved at exit (the data file and
 * its config, the task, a manual view, the split, the weights) and how it is
 * put back at the next start.
 *
 * Apart from loading because it decides what of a saved session still
 * holds (a config edited since wins over the saved word), not how data is
 * read; settings.c reads and writes the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app.h"

/* The absolute name of a path that names no file now (deleted, moved
 * away): its directory's, and its last part; NULL when the directory is
 * gone too. */
static char *absolute_of_missing(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL, *abs = NULL;
    free(dir);
    if (real && *base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) {
        size_t n = strlen(real) + strlen(base) + 2;
        if ((abs = malloc(n)) != NULL)
            snprintf(abs, n, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", base);
    }
    free(real);
    return abs;
}

/* The absolute name of path into field, whole or not at all: cut to the
 * field, it would name another file at the next start (tui_state_parse
 * ignores a value too long for its field on the same grounds). A file gone
 * since it was loaded is named by its directory: its name as given,
 * relative, would be another file's from another directory. */
static void file_name(char *field, size_t size, const char *path)
{
    char *abs = realpath(path, NULL);
    if (!abs)
        abs = absolute_of_missing(path);
    const char *name = abs ? abs : path;
    if (strlen(name) < size)
        memcpy(field, name, strlen(name) + 1);
    free(abs);
}

void tui_app_get_state(const tui_app *app, tui_state *st)
{
    tui_state_init(st);
    /* A stream (journal.h: a FIFO, <(...)) was read once: no file to open
     * again, as standard input is none. */
    if (app->data_path && !cs_journal_is_stream(app->data_path)) {
        file_name(st->data, sizeof st->data, app->data_path);
        /* The data was read with these column roles, and may need them
         * again: without them, none is recorded. */
        if (st->data[0] && app->config_path && strcmp(app->config_path, "-") != 0)
            file_name(st->config, sizeof st->config, app->config_path);
    }
    if (app->ds)
        snprintf(st->task, sizeof st->task, "%s", app->ds->tasks[app->task].name);
    if (app->view.manual) {
        st->x_min = app->view.x_min;
        st->x_max = app->view.x_max;
        st->y_min = app->view.y_min;
        st->y_max = app->view.y_max;
    }
    snprintf(st->scheme, sizeof st->scheme, "%s", app->set.scheme);
    st->split_on = app->split_on;
    st->split_k = app->split_k;
    st->design_weights = app->set.design_weights;
    /* Names with a line break in them are left out: a line each in the file. */
    for (size_t t = 0; app->ds && t < app->ds->n_tasks; t++) {
        const char *name = app->ds->tasks[t].name;
        size_t have = strlen(st->marked), len = strlen(name);
        if (app->marked[t] && len > 0 && !strpbrk(name, "\r\n") && have + len + 1 < sizeof st->marked) {
            memcpy(st->marked + have, name, len);
            memcpy(st->marked + have + len, "\n", 2);
        }
    }
    snprintf(st->config_scheme, sizeof st->config_scheme, "%s", app->from_config.scheme);
    st->config_weights = app->from_config.design_weights;
}

void tui_app_apply_state(tui_app *app, const tui_state *st)
{
    if (!app->ds)
        return;
    int t = st->task[0] ? cs_dataset_task_index(app->ds, st->task) : -1;
    if (t >= 0)
        tui_app_set_task(app, (size_t)t);
    /* The marks of tasks the data still has (a renamed column's are lost). */
    char name[sizeof st->marked];
    for (const char *m = st->marked; *m;) {
        size_t len = strcspn(m, "\n");
        memcpy(name, m, len);
        name[len] = '\0';
        int mt = cs_dataset_task_index(app->ds, name);
        if (mt >= 0) {
            app->marked[mt] = 1;
            app->design_dirty = 1;
        }
        m += len + (m[len] == '\n');
    }
    if (st->x_max > st->x_min && st->y_max > st->y_min) {
        app->view = (tui_view){ st->x_min, st->x_max, st->y_min, st->y_max, 1 };
    }
    /* A config that says otherwise than when that session started was
     * edited since: its word is the user's latest, and wins. */
    int scheme_edited = st->config_scheme[0] && strcmp(st->config_scheme, app->from_config.scheme) != 0;
    int weights_edited = st->config_weights >= 0 && st->config_weights != app->from_config.design_weights;
    if (st->scheme[0] && !scheme_edited) {
        cs_scheme s;
        cs_error err;
        if (cs_scheme_parse(st->scheme, app->ds, &s, &err) == 0)
            snprintf(app->set.scheme, sizeof app->set.scheme, "%s", st->scheme);
        else /* said, since the state file will be rewritten without it */
            tui_app_msg(app, 1, "saved scheme not restored: %s", err.msg);
    }
    if (st->design_weights >= 0 && !weights_edited)
        tui_app_set_design_weights(app, st->design_weights);
    if (st->split_on) {
        /* Only where s would open it (the one test of the view's openings). */
        char why[300];
        app->scheme_ok = !tui_app_scheme_refusal(app->ds, app->set.scheme, &app->scheme, why, sizeof why);
        app->split_on = app->scheme_ok;
        app->split_k = st->split_k ? st->split_k : 1;
        app->split_dirty = 1;
        app->pts.valid = 0;
    }
}
