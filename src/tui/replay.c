/* replay.c - key scripts: parsing lines into events. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capscope/canvas.h"
#include "tui/keys.h"
#include "tui/replay.h"

static int push(tui_replay *r, tui_event ev)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 64;
        tui_event *nev = realloc(r->ev, cap * sizeof *nev);
        if (!nev)
            return -1;
        r->ev = nev;
        r->cap = cap;
    }
    r->ev[r->n++] = ev;
    return 0;
}

static int push_key(tui_replay *r, int key)
{
    return push(r, (tui_event){ .kind = TUI_EV_KEY, .key = key });
}

/* Typed text: every code point a key. */
static int push_text(tui_replay *r, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t used = cs_utf8_decode(s + i, n - i, &cp);
        i += used ? used : 1;
        if (push_key(r, (int)cp) < 0)
            return -1;
    }
    return 0;
}

/* A number as sscanf's %d reads one (blanks, a sign, digits), but kept
 * exact: %d is undefined past INT_MAX and glibc wraps it, so <Sleep
 * 4294967306> slept 10 ms and <Resize 4294967376x24> was 80x24. A value past
 * LIMIT is LIMIT + 1, out of every range the callers accept. NULL when there
 * is no number. */
#define NUMBER_LIMIT 1000000
static const char *read_int(const char *s, int *out)
{
    while (*s == ' ' || *s == '\t')
        s++;
    int negative = *s == '-';
    if (*s == '+' || *s == '-')
        s++;
    if (*s < '0' || *s > '9')
        return NULL;
    long v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        if (v <= NUMBER_LIMIT)
            v = v * 10 + (*s - '0');
    if (v > NUMBER_LIMIT)
        v = NUMBER_LIMIT + 1;
    *out = (int)(negative ? -v : v);
    return s;
}

/* WORD, then numbers each after its separator (the first after blanks),
 * then the end: "Resize 60x20" is numbers_after(tok, "Resize", "x", v). */
static int numbers_after(const char *tok, const char *word, const char *seps, int *v)
{
    size_t wl = strlen(word);
    if (strncmp(tok, word, wl) != 0)
        return -1;
    const char *p = tok + wl;
    for (size_t i = 0;; i++) {
        if (!(p = read_int(p, &v[i])))
            return -1;
        if (!seps[i])
            break;
        if (*p++ != seps[i])
            return -1;
    }
    return *p == '\0' ? 0 : -1;
}

/* <...> contents: a named key or a special entry. */
static int named(tui_replay *r, const char *tok, const char *name, long line, cs_error *err)
{
    int v[2];
    if (numbers_after(tok, "Resize", "x", v) == 0) {
        if (v[0] < 1 || v[1] < 1 || v[0] > 1000 || v[1] > 1000)
            return cs_error_set(err, CS_ERR_INPUT, name, line, "<%s>: a resize is to 1..1000 x 1..1000", tok);
        return push(r, (tui_event){ .kind = TUI_EV_RESIZE, .x = v[0], .y = v[1] });
    }
    if (numbers_after(tok, "Sleep", "", v) == 0) {
        if (v[0] < 0 || v[0] > 60000)
            return cs_error_set(err, CS_ERR_INPUT, name, line, "<%s>: a sleep is 0..60000 ms", tok);
        return push(r, (tui_event){ .kind = TUI_EV_SLEEP, .x = v[0] });
    }
    if (strcmp(tok, "Wait") == 0)
        return push(r, (tui_event){ .kind = TUI_EV_WAIT });
    static const struct {
        const char *word;
        tui_event_kind kind;
    } mouse[] = { { "Click", TUI_EV_CLICK }, { "WheelUp", TUI_EV_WHEEL_UP }, { "WheelDown", TUI_EV_WHEEL_DOWN } };
    for (size_t i = 0; i < 3; i++) {
        size_t wl = strlen(mouse[i].word);
        if (strncmp(tok, mouse[i].word, wl) == 0 && tok[wl] == ' ') {
            if (numbers_after(tok, mouse[i].word, ",", v) != 0 || v[0] < 0 || v[1] < 0 ||
                v[0] > NUMBER_LIMIT || v[1] > NUMBER_LIMIT)
                return cs_error_set(err, CS_ERR_INPUT, name, line, "expected <%s X,Y>", mouse[i].word);
            return push(r, (tui_event){ .kind = mouse[i].kind, .x = v[0], .y = v[1] });
        }
    }
    int key = tui_key_parse(tok);
    if (key == TUI_KEY_NONE)
        return cs_error_set(err, CS_ERR_INPUT, name, line, "unknown key <%s>", tok);
    return push_key(r, key);
}

int tui_replay_parse(tui_replay *r, const char *text, const char *name, cs_error *err)
{
    memset(r, 0, sizeof *r);
    long line = 0;
    for (const char *p = text; *p;) {
        const char *eol = strchr(p, '\n');
        size_t n = eol ? (size_t)(eol - p) : strlen(p);
        line++;
        if (n && p[n - 1] == '\r')
            n--;
        if (n == 0 || p[0] == '#') {
            /* blank line or comment */
        } else if (p[0] == ':' || p[0] == '/') {
            if (push_text(r, p, n) < 0 || push_key(r, TUI_KEY_ENTER) < 0)
                goto oom;
        } else {
            for (size_t i = 0; i < n;) {
                const char *close = p[i] == '<' ? memchr(p + i, '>', n - i) : NULL;
                if (close && close > p + i + 1) {
                    char tok[128];
                    size_t tl = (size_t)(close - (p + i + 1));
                    if (tl >= sizeof tok) {
                        cs_error_set(err, CS_ERR_INPUT, name, line, "key name too long");
                        goto fail;
                    }
                    memcpy(tok, p + i + 1, tl);
                    tok[tl] = '\0';
                    if (named(r, tok, name, line, err) < 0)
                        goto fail;
                    i += tl + 2;
                } else {
                    uint32_t cp;
                    size_t used = cs_utf8_decode(p + i, n - i, &cp);
                    if (push_key(r, (int)cp) < 0)
                        goto oom;
                    i += used ? used : 1;
                }
            }
        }
        p += n;
        if (*p == '\r')
            p++;
        if (*p == '\n')
            p++;
    }
    return 0;
oom:
    cs_error_set(err, CS_ERR_RUNTIME, name, line, "out of memory");
fail:
    tui_replay_free(r);
    return -1;
}

/* A script past this is refused rather than run in part; the bound keeps
 * a FIFO that never ends (--replay <(yes j)) from filling memory. */
#define REPLAY_MAX_BYTES ((size_t)32 << 20)

int tui_replay_load(tui_replay *r, const char *path, cs_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", errno);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int read_errno = 0, too_long = 0;
    while (buf) {
        n += fread(buf + n, 1, cap - 1 - n, f);
        if (ferror(f)) {
            read_errno = errno;
            break;
        }
        if (n > REPLAY_MAX_BYTES) {
            too_long = 1;
            break;
        }
        if (n < cap - 1)
            break; /* the end of the file */
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    if (!buf)
        return cs_error_set(err, CS_ERR_RUNTIME, path, 0, "out of memory");
    if (read_errno || too_long) {
        free(buf);
        if (too_long)
            return cs_error_set(err, CS_ERR_INPUT, path, 0, "a key script is too long (more than %zu MiB)",
                                REPLAY_MAX_BYTES >> 20);
        if (read_errno == EISDIR) /* as --data and --config say it */
            return cs_error_set(err, CS_ERR_INPUT, path, 0, "is a directory, not a file");
        return cs_error_errno(err, CS_ERR_INPUT, path, 0, "cannot read", read_errno);
    }
    buf[n] = '\0';
    if (strlen(buf) != n) {
        free(buf);
        return cs_error_set(err, CS_ERR_INPUT, path, 0, "a key script is text: it holds a NUL byte");
    }
    int rc = tui_replay_parse(r, buf, path, err);
    free(buf);
    return rc;
}

void tui_replay_free(tui_replay *r)
{
    free(r->ev);
    memset(r, 0, sizeof *r);
}

const tui_event *tui_replay_next(tui_replay *r)
{
    return r->pos < r->n ? &r->ev[r->pos++] : NULL;
}
