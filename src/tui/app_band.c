/* app_band.c - the uncertainty band of the boundary drawn: what it is
 * computed from, when it is wanted again, its job for the worker, and its
 * cache, keyed by what it came from.
 *
 * Apart from the other background work because the band has its own notion
 * of staleness (the boundary drawn, its rows, the unscored suggestions),
 * which the scheduler (app_jobs) only asks about.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tui/app_internal.h"

/* What the band is computed from: the boundary drawn and its rows, and the
 * compute of the suggestions without a score for this task (what scoring
 * them adds; at most 256, their sum keys the cache). -1 when there is no
 * boundary to put a band on. */
typedef struct band_source {
    const cs_fit *f;
    const double *z, *y;
    size_t n, n_add;
    double add[256], sum;
    size_t add_row[256];
    int weighted;            /* the band of the design-weighted fit (capscope/band.h) */
} band_source;

static int get_band_source(tui_app *app, band_source *s)
{
    const tui_points *p = tui_app_points(app);
    s->z = p->z;
    s->y = p->y;
    s->n = p->n;
    if (app->split_on) {
        if (!app->split_ok || !app->split.fitted)
            return -1;
        s->f = &app->split.fit;
        s->z = p->tz;
        s->y = p->ty;
        s->n = p->n_train;
    } else if (!(s->f = tui_app_fit(app, app->task)))
        return -1;
    s->weighted = !app->split_on && app->set.design_weights; /* the split's fits are unweighted */
    const cs_task *task = &app->ds->tasks[app->task];
    s->n_add = 0;
    s->sum = 0;
    for (size_t i = 0; app->design_ok && i < app->design.n_picks && s->n_add < 256; i++) {
        size_t row = app->design.picks[i].row;
        if (row < app->ds->n_rows && !task->has[row] && isfinite(app->ds->z[row])) {
            s->add_row[s->n_add] = row;
            s->sum += s->add[s->n_add++] = app->ds->z[row];
        }
    }
    return 0;
}

static int band_matches(const tui_app *app, const band_source *s)
{
    return app->band_key_task == app->task && app->band_key_n == s->n && app->band_key_add == s->n_add &&
           app->band_key_sum == s->sum && memcmp(&app->band_key, &s->f->p, sizeof s->f->p) == 0;
}

/* 1 when the band is shown and is to be computed (again). */
int tui_app_band_wanted(tui_app *app)
{
    band_source s;
    if (!app->show_band || !app->ds || app->band_running || get_band_source(app, &s) < 0)
        return 0;
    return !app->band_valid || !band_matches(app, &s);
}

/* A million rows take about 100 ms (an exp() or three a row): in the
 * worker, so that a key does not wait for it; the band appears when done. */
unsigned tui_app_start_band(tui_app *app)
{
    band_source s;
    if (get_band_source(app, &s) < 0)
        return TUI_CH_NONE;
    tui_job job;
    memset(&job, 0, sizeof job);
    job.kind = TUI_JOB_BAND;
    job.task = app->task;
    /* Weighted, the worker gathers the rows with their weights from ds. */
    size_t cap = s.weighted ? app->ds->n_rows : s.n;
    job.z = malloc((cap + 1) * sizeof *job.z);
    job.y = malloc((cap + 1) * sizeof *job.y);
    job.band_add = malloc((s.n_add + 1) * sizeof *job.band_add);
    if (s.weighted) {
        job.w = malloc((cap + 1) * sizeof *job.w);
        job.band_add_rows = malloc((s.n_add + 1) * sizeof *job.band_add_rows);
        job.ds = app->ds;
        job.layout = app->layout;
    }
    if (!job.z || !job.y || !job.band_add || (s.weighted && (!job.w || !job.band_add_rows))) {
        /* The band off, said: still wanted, it would be asked for again at
         * once, and the loop would spin without a pause until memory came. */
        tui_job_free_inputs(&job);
        app->show_band = 0;
        tui_app_msg(app, 1, "band: out of memory; b shows it again");
        return TUI_CH_STATUS | TUI_CH_VIEW;
    }
    memcpy(job.z, s.z, s.n * sizeof *job.z);
    memcpy(job.y, s.y, s.n * sizeof *job.y);
    memcpy(job.band_add, s.add, s.n_add * sizeof *job.band_add);
    if (s.weighted)
        memcpy(job.band_add_rows, s.add_row, s.n_add * sizeof *job.band_add_rows);
    job.n = s.n;
    job.n_add = s.n_add;
    job.band_sum = s.sum;
    job.fit = *s.f;
    job.opts.tau = app->set.tau;
    app->band_running = 1;
    return tui_app_launch(app, &job);
}

/* What b says while the band is being computed; the band's arrival
 * replaces it, unless another message was said since. */
static const char band_pending[] = "band on (shown once computed in the background)";

/* 1 when the boundary the band would be put on is missing and will not
 * come without a change (a split too small to fit, a failed fit), rather
 * than still being fitted. */
static int no_boundary_coming(const tui_app *app)
{
    if (app->split_on)
        return !app->split_dirty && !app->split_running && (!app->split_ok || !app->split.fitted);
    return app->fits[app->task].state == TUI_FIT_FAILED;
}

void tui_app_say_band(tui_app *app)
{
    const cs_fit *f;
    band_source s;
    const cs_band *b = tui_app_band(app, &f);
    if (!app->show_band)
        tui_app_msg(app, 0, "band off");
    else if (b && b->n_added == 0)
        tui_app_msg(app, 0, "90%% band of the boundary from %zu rows", b->n);
    else if (b)
        tui_app_msg(app, 0, "90%% band of the boundary from %zu rows; inner: with the %zu unscored suggestions scored",
                    b->n, b->n_added);
    else if (no_boundary_coming(app))
        tui_app_msg(app, 0, "band on, but there is no boundary here to put it on");
    else if (app->band_valid && get_band_source(app, &s) == 0 && band_matches(app, &s)) {
        /* Computed, and there is none: say why, or b seems to do nothing. */
        if (s.n < CS_BAND_MIN_ROWS)
            tui_app_msg(app, 1, "no band: the boundary is fitted on %zu rows, the band needs %d", s.n,
                        CS_BAND_MIN_ROWS);
        else
            tui_app_msg(app, 1, "no band: the %zu rows do not determine the boundary's variance", s.n);
    } else
        tui_app_msg(app, 0, "%s", band_pending);
}

/* A finished band, kept when it is still the band of what is shown. */
unsigned tui_app_apply_band(tui_app *app, const tui_job *job)
{
    app->band_running = 0;
    band_source s;
    if (job->task != app->task || get_band_source(app, &s) < 0 || s.n != job->n || s.n_add != job->n_add ||
        s.sum != job->band_sum || memcmp(&s.f->p, &job->fit.p, sizeof s.f->p) != 0)
        return TUI_CH_NONE; /* redone from what is current */
    app->band = job->band;
    app->band_valid = 1;
    app->band_key = job->fit.p;
    app->band_key_n = job->n;
    app->band_key_add = job->n_add;
    app->band_key_sum = job->band_sum;
    app->band_key_task = job->task;
    if (app->show_band && strcmp(app->msg, band_pending) == 0) {
        tui_app_say_band(app);
        return TUI_CH_VIEW | TUI_CH_STATUS;
    }
    return TUI_CH_VIEW;
}

const cs_band *tui_app_band(tui_app *app, const cs_fit **fit)
{
    *fit = NULL;
    band_source s;
    if (!app->show_band || !app->ds || get_band_source(app, &s) < 0)
        return NULL;
    if (!app->band_valid || !band_matches(app, &s))
        return NULL; /* being computed (tui_app_idle) */
    *fit = s.f;
    return app->band.ok ? &app->band : NULL;
}
