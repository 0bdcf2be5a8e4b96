/* pane_split.c - the chronological split: scheme, periods, figures, keys. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/pane.h"

/* Whether [lo, hi) starts and ends on a month's first day (or is open
 * there): a rolling window always does, a cut the user typed may not. */
static int whole_months(int32_t lo, int32_t hi)
{
    int64_t y;
    int mo, d = 1, e = 1;
    if (lo != INT32_MIN)
        cs_civil_from_days(lo, &y, &mo, &d);
    if (hi != INT32_MAX)
        cs_civil_from_days(hi, &y, &mo, &e);
    return d == 1 && e == 1;
}

/* A range [lo, hi) as "2024-07-01..09-30" (the end shown inclusive, its
 * year left out when it is the start's), "..2024-06-30" when open below.
 * By months ("2023-01..2024-12", for whole_months ranges only) both years
 * stay: "2024-07..09" would read as a day. */
static const char *range_text(int32_t lo, int32_t hi, int months, char *buf, size_t size)
{
    char a[16] = "", b[16] = "";
    if (lo != INT32_MIN)
        cs_format_date(lo, a, sizeof a);
    if (hi != INT32_MAX)
        cs_format_date(hi - 1, b, sizeof b);
    const char *end = b;
    if (months) { /* "-DD" off each end, counted from the end: a year past 9999 is longer */
        if (a[0])
            a[strlen(a) - 3] = '\0';
        if (b[0])
            b[strlen(b) - 3] = '\0';
    } else if (a[0] && b[0] && strncmp(a, b, 5) == 0) {
        end = b + 5; /* same year */
    }
    snprintf(buf, size, "%s..%s", a, end);
    return buf;
}

static void put(tui_grid *g, tui_rect r, int *y, int role, const char *text)
{
    if (*y < r.y + r.h)
        tui_grid_line(g, r.x + 1, (*y)++, r.w - 1, text, role);
}

/* "word range" on its line; too wide still (a cut typed off a month's
 * start, two years apart, under 25 columns: "v 2023-03-15..2024-"), the
 * range goes on a second line, each date whole and in full: two-digit
 * years ("23-03-15") would not fit 20 columns either, and read as days. */
static void put_range(tui_grid *g, tui_rect r, int *y, int role, const char *word, const char *range)
{
    char f[80];
    snprintf(f, sizeof f, "%s %s", word, range);
    const char *dots = strstr(range, "..");
    if (tui_grid_width(g, f) <= r.w - 1 || !dots || dots == range) {
        put(g, r, y, role, f);
        return;
    }
    snprintf(f, sizeof f, "%s %.*s..", word, (int)(dots - range), range);
    put(g, r, y, role, f);
    snprintf(f, sizeof f, "%*s%s", (int)strlen(word) + 1, "", dots);
    put(g, r, y, role, f);
}

/* The first of n forms, longest first, that fits the pane's width (else
 * the last, cut): a narrow pane says it in short rather than show half a
 * date or number ("valid 2024-07-01..0"). */
static void put_fit(tui_grid *g, tui_rect r, int *y, int role, const char *const *forms, int n)
{
    int k = 0;
    while (k < n - 1 && tui_grid_width(g, forms[k]) > r.w - 1)
        k++;
    put(g, r, y, role, forms[k]);
}

/* The scheme's name, whole or not at all: a moved period4 names its three
 * cut dates, a list of cuts may name 64, and a date cut off at the pane's
 * edge ("period4:2024-07-01,202") reads as another date. What does not fit
 * on one line is wrapped by whole dates when the pane has the rows to spare
 * beyond the `rest` lines drawn after it; else it is said in short, the
 * current split's dates being on the train and valid lines anyway. */
static void put_scheme(tui_grid *g, tui_rect r, int *y, const char *name, int rest)
{
    char line[256];
    int w = r.w - 1;
    /* Cuts by columns and whole characters (textwidth.h): a cut by bytes could split one. */
    size_t room = w > 7 ? (size_t)w - 7 : 0, whole = cs_text_prefix(g->width, name, room, sizeof line - 8);
    if (!name[whole]) {
        snprintf(line, sizeof line, "scheme %s", name);
        put(g, r, y, CS_STYLE_DEFAULT, line);
        return;
    }
    const char *colon = strchr(name, ':');
    if (!strncmp(name, "rolling:", 8)) {
        /* No dates: the numbers alone, and whole ("rolling 24,1200,120"
         * read as a 120-month step). Each is at most 1200, so the shortest
         * form fits the narrowest pane (layout.c's 20 columns). */
        char roll[sizeof line];
        const char *const forms[2] = { line, roll };
        snprintf(line, sizeof line, "rolling %s", name + 8);
        snprintf(roll, sizeof roll, "roll %s", name + 8);
        put_fit(g, r, y, CS_STYLE_DEFAULT, forms, 2);
        return;
    }
    const char *list = colon ? colon + 1 : name;
    int head_len = colon ? (int)(colon - name) : 0;
    size_t n_dates = 1;
    for (const char *c = list; *c; c++)
        n_dates += *c == ',';
    /* Dates of 10 columns, one space apart, after a 2-column indent. */
    int per_line = (w - 2 + 1) / 11;
    int lines = per_line > 0 ? 1 + (int)((n_dates + (size_t)per_line - 1) / (size_t)per_line) : 0;
    if (per_line > 0 && *y + lines + rest <= r.y + r.h) {
        if (colon)
            snprintf(line, sizeof line, "scheme %.*s, cuts:", head_len, name);
        else
            snprintf(line, sizeof line, "scheme: cuts");
        put(g, r, y, CS_STYLE_DEFAULT, line);
        const char *c = list;
        while (*c) {
            int used = snprintf(line, sizeof line, " ");
            for (int k = 0; k < per_line && *c && (size_t)used + 2 < sizeof line; k++) {
                size_t len = strcspn(c, ","), space = sizeof line - (size_t)used - 2;
                /* a date is ASCII, but the list is what the user typed: whole characters, and never past line */
                size_t keep = cs_text_prefix(g->width, c, SIZE_MAX, len < space ? len : space);
                used += snprintf(line + used, sizeof line - (size_t)used, " %.*s", (int)keep, c);
                c += len;
                if (*c == ',')
                    c++;
            }
            put(g, r, y, CS_STYLE_DEFAULT, line);
        }
        return;
    }
    if (colon)
        snprintf(line, sizeof line, "scheme %.*s, cuts moved", head_len, name);
    else
        snprintf(line, sizeof line, "scheme: %zu cut dates", n_dates);
    put(g, r, y, CS_STYLE_DEFAULT, line);
}

/* ":scheme SYNOPSIS" from the action table, its alternatives whole: those
 * that fit the pane's width, then an ellipsis for the rest ("D1,D2" cut
 * from "D1,D2,..." read as a scheme of two dates, and rolling went unseen). */
static void scheme_usage(const tui_grid *g, int w, char *out, size_t size)
{
    const tui_action *a = tui_action_by_name("scheme");
    const char *syn = a ? a->args : "";
    const char *more = g->ascii ? "|..." : "|\u2026";
    char cur[256] = ":scheme ", next[256];
    size_t used = strlen(cur);
    for (const char *part = syn; *part;) {
        size_t len = strcspn(part, "|"), sep = part != syn;
        int last = part[len] == '\0';
        if (used + sep + len >= sizeof next)
            break;
        memcpy(next, cur, used);
        memcpy(next + used, "|", sep);
        memcpy(next + used + sep, part, len);
        next[used + sep + len] = '\0';
        /* the room for the ellipsis is kept unless this is the last part */
        int need = tui_grid_width(g, next) + (last ? 0 : tui_grid_width(g, more));
        if (need > w && sep) {
            size_t ml = strlen(more);
            if (used + ml < sizeof cur)
                memcpy(cur + used, more, ml + 1);
            break;
        }
        used += sep + len;
        memcpy(cur, next, used + 1);
        part += len + !last;
    }
    snprintf(out, size, "%s", cur);
}

static void draw(tui_pane *p, tui_app *app, tui_grid *g)
{
    tui_rect r = p->rect;
    char line[256];
    tui_grid_fill(g, r, ' ', CS_STYLE_DEFAULT);
    if (!app->split_on) {
        tui_pane_title(p, g, "off");
        int y = r.y + 1;
        put_scheme(g, r, &y, app->set.scheme, 2);
        put(g, r, &y, TUI_ROLE_DIM, "s or [ ]: show it"); /* [ ] step once it shows */
        scheme_usage(g, r.w - 1, line, sizeof line);
        put(g, r, &y, TUI_ROLE_DIM, line);
        return;
    }
    size_t ns = cs_scheme_n_splits(&app->scheme);
    snprintf(line, sizeof line, "%zu of %zu", app->split_k, ns);
    tui_pane_title(p, g, line);
    int y = r.y + 1;
    /* After it: train, valid, n, three lines of figures, two of keys. */
    put_scheme(g, r, &y, app->set.scheme, 8);
    if (app->split_k >= 1 && app->split_k <= app->scheme.n_splits) {
        const cs_split_range *s = &app->scheme.splits[app->split_k - 1];
        const tui_points *pts = tui_app_points(app);
        char tr[48], va[48], f[4][80];
        const char *const forms[4] = { f[0], f[1], f[2], f[3] };
        /* Both lines short when either must be, the letter staying when the
         * word goes: without colour it alone tells the lines apart. */
        range_text(s->train_lo, s->train_hi, 0, tr, sizeof tr);
        range_text(s->val_lo, s->val_hi, 0, va, sizeof va);
        snprintf(f[0], sizeof f[0], "train %s", tr);
        snprintf(f[1], sizeof f[1], "valid %s", va);
        int brief = tui_grid_width(g, f[0]) > r.w - 1 || tui_grid_width(g, f[1]) > r.w - 1;
        /* Still too wide (two years under 25 columns: "t 2023-01-01..2024-"),
         * a range of whole months drops its days, as a rolling window's
         * always can; both lines alike, so that they still line up. */
        snprintf(f[0], sizeof f[0], "t %s", tr);
        snprintf(f[1], sizeof f[1], "v %s", va);
        if (tui_grid_width(g, f[0]) > r.w - 1 || tui_grid_width(g, f[1]) > r.w - 1) {
            if (whole_months(s->train_lo, s->train_hi))
                range_text(s->train_lo, s->train_hi, 1, tr, sizeof tr);
            if (whole_months(s->val_lo, s->val_hi))
                range_text(s->val_lo, s->val_hi, 1, va, sizeof va);
        }
        put_range(g, r, &y, CS_STYLE_POINT, brief ? "t" : "train", tr);
        put_range(g, r, &y, CS_STYLE_POINT_ALT, brief ? "v" : "valid", va);
        /* Validation rows outside the training compute fall in no
         * train-overlap bin: the out-of-sample error is over the others,
         * which "138 valid" alone did not say (the demo's math, split 1:
         * 100 of 138 judged), as splits' oos_n and its note do. */
        size_t judged = pts->n_val;
        if (!app->split_dirty && !app->split_running && app->split_ok && app->split.fitted &&
            app->split.oos_cov.n_bins > 0)
            judged = app->split.oos_cov.n;
        /* the counts alone as the last resort, when some are not judged */
        char said[2][40] = { "", "" };
        if (judged < pts->n_val) {
            snprintf(said[0], sizeof said[0], ", %zu judged", judged);
            snprintf(said[1], sizeof said[1], " (%zu judged)", judged);
        }
        snprintf(f[0], sizeof f[0], "n %zu train, %zu valid%s", pts->n_train, pts->n_val, said[0]);
        snprintf(f[1], sizeof f[1], "n %zu + %zu valid%s", pts->n_train, pts->n_val, said[1]);
        snprintf(f[2], sizeof f[2], "n %zu + %zu%s", pts->n_train, pts->n_val, said[1]);
        snprintf(f[3], sizeof f[3], "n %zu + %zu", pts->n_train, pts->n_val);
        put_fit(g, r, &y, CS_STYLE_DEFAULT, forms, judged < pts->n_val ? 4 : 3);
    }
    if (app->split_dirty || app->split_running)
        put(g, r, &y, TUI_ROLE_DIM, "fitting...");
    else if (!app->split_ok)
        put(g, r, &y, TUI_ROLE_ERROR, app->split_err[0] ? app->split_err : "no fit");
    else if (!app->split.fitted) {
        static const char *const few[] = { "too few training rows to fit", "too few rows to fit" };
        put_fit(g, r, &y, TUI_ROLE_DIM, few, 2);
    } else {
        /* Each figure line names its own bins: the in-sample ones are
         * `capscope splits`' bins column, the out-of-sample ones (often fewer:
         * clipped to the overlap) its oos_bins. One "bins" under the
         * out-of-sample figures read as the CLI's bins and disagreed.
         * Short, they take the names of its columns (is_error, oos_error). */
        char f[3][80];
        const char *const forms[3] = { f[0], f[1], f[2] };
        snprintf(f[0], sizeof f[0], "in-sample err %.4f  bins %zu", app->split.is_cov.macro, app->split.is_cov.n_bins);
        snprintf(f[1], sizeof f[1], "in-sample err %.4f", app->split.is_cov.macro);
        snprintf(f[2], sizeof f[2], "is err %.4f", app->split.is_cov.macro);
        put_fit(g, r, &y, CS_STYLE_DEFAULT, forms, 3);
        if (app->split.oos_cov.n_bins && isfinite(app->split.oos_cov.macro)) {
            snprintf(f[0], sizeof f[0], "out-of-sample err %.4f", app->split.oos_cov.macro);
            snprintf(f[1], sizeof f[1], "oos err %.4f", app->split.oos_cov.macro);
            put_fit(g, r, &y, CS_STYLE_DEFAULT, forms, 2);
            /* as splits' oos_bins: the bins judged */
            snprintf(f[0], sizeof f[0], "signed %+.4f  bins %zu", app->split.oos_cov.signed_mean,
                     app->split.oos_cov.n_judged);
            snprintf(f[1], sizeof f[1], "signed %+.4f", app->split.oos_cov.signed_mean);
            put_fit(g, r, &y, app->split.oos_cov.signed_mean < -0.05 ? TUI_ROLE_ERROR : CS_STYLE_DEFAULT, forms, 2);
        } else {
            static const char *const none[] = { "no out-of-sample bins", "no oos bins" };
            put_fit(g, r, &y, TUI_ROLE_DIM, none, 2);
        }
    }
    if (app->scheme.kind == CS_SCHEME_ROLLING) {
        /* Rolling windows have no cut to move (scheme.h): the keys that
         * scrub one would each be refused. */
        static const char *const step[] = { "[ ] step the split", "[ ] step" };
        put_fit(g, r, &y, TUI_ROLE_DIM, step, 2);
    } else if (p->focused) {
        put(g, r, &y, TUI_ROLE_DIM, app->utf8 ? "\u2190\u2192 day  \u2193\u2191 week" : "h/l day  j/k week");
        put(g, r, &y, TUI_ROLE_DIM, "PgDn/PgUp month");
    } else {
        static const char *const tab[] = { "Tab here to scrub the cut", "Tab: scrub the cut" };
        put_fit(g, r, &y, TUI_ROLE_DIM, tab, 2);
    }
}

const tui_pane_ops tui_split_pane = {
    .title = "Split",
    .draw = draw,
    .handle_key = tui_pane_default_key,
    .resize = tui_pane_default_resize,
    .focus = tui_pane_default_focus,
    .depends = TUI_CH_SPLIT | TUI_CH_FIT | TUI_CH_DATA | TUI_CH_LAYOUT | TUI_CH_TASKS,
};
