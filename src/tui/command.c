/* command.c - splitting and completing `:` command lines. */
#include <stdio.h>
#include <string.h>

#include "capscope/canvas.h"
#include "capscope/namelist.h"
#include "capscope/textwidth.h"
#include "tui/command.h"
#include "tui/settings.h"

int tui_split_words(const char *line, char *buf, size_t size, char **words, int max)
{
    int n = 0;
    size_t o = 0;
    const char *p = line;
    /* Quotes and escapes only ever shorten a word, so this bounds the output. */
    if (strlen(line) + 1 > size)
        return -1;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (n == max)
            return n;
        words[n++] = buf + o;
        while (*p && *p != ' ' && *p != '\t') {
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                while (*p && *p != q) {
                    /* Inside "...", \" and \\ stand for " and \; any other
                     * backslash is itself, so most names need no doubling. */
                    if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
                        p++;
                    buf[o++] = *p++;
                }
                if (*p != q)
                    return -1;
                p++;
            } else
                buf[o++] = *p++;
        }
        buf[o++] = '\0';
    }
    return n;
}

const char *tui_after_first_word(const char *line)
{
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    while (*p && *p != ' ' && *p != '\t') {
        char q = *p++;
        if (q != '"' && q != '\'')
            continue;
        while (*p && *p != q)
            p += q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\') ? 2 : 1;
        if (*p)
            p++;
    }
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

char tui_quote_for(const char *const *words, size_t n)
{
    char q = 0;
    for (size_t i = 0; i < n; i++) {
        if (!words[i] || (*words[i] && !strpbrk(words[i], " \t\"'")))
            continue;
        if (strchr(words[i], '\''))
            return '"';
        q = '\'';
    }
    return q;
}

int tui_quote_word(const char *word, char *out, size_t size)
{
    return tui_quote_word_as(word, tui_quote_for(&word, 1), out, size);
}

int tui_quote_word_as(const char *word, char q, char *out, size_t size)
{
    size_t need = (q ? 3 : 1) + strlen(word);
    for (const char *c = word; q == '"' && *c; c++)
        need += *c == '"' || *c == '\\';
    if (need > size) {
        if (size)
            out[0] = '\0';
        return -1;
    }
    size_t k = 0;
    if (q)
        out[k++] = q;
    for (const char *c = word; *c; c++) {
        if (q == '"' && (*c == '"' || *c == '\\'))
            out[k++] = '\\';
        out[k++] = *c;
    }
    if (q)
        out[k++] = q;
    out[k] = '\0';
    return 0;
}

/* The commands closest to an unknown name, as ":a" or ":a or :b", into out;
 * returns how many (none when even the closest is too far to be a typo).
 * The rule is the data's (cs_typo, namelist.h), so that ":tsak" and
 * "--task mtah" are judged alike. Unlike a model name, a command is one of
 * some 70 the user can read in the help, so two equally near are both
 * offered rather than neither. */
static int nearest_names(const char *name, char *out, size_t size)
{
    size_t n;
    const tui_action *acts = tui_actions(&n);
    const char *near[3];
    int count = 0;
    cs_typo t;
    cs_typo_init(&t, name);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        /* What the prompt runs, as its completion offers (drift-close too). */
        if (!tui_action_from_prompt(&acts[i]))
            continue;
        size_t before = t.best, d = cs_typo_offer(&t, acts[i].name);
        if (d == SIZE_MAX)
            continue;
        if (d < before)
            count = 0;
        if (count < 3)
            near[count++] = acts[i].name;
    }
    for (int k = 0; k < count; k++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s:%s", k ? " or " : "", near[k]);
    }
    return count;
}

/* The quote that line leaves open (tui_split_words' rules), 0 when none.
 * Tab leaves one open when several names match ('my model, of my model
 * and my model-2), and Enter then has to say what closes it. */
static char open_quote(const char *line)
{
    char q = 0;
    for (const char *p = line; *p; p++) {
        if (!q && (*p == '"' || *p == '\''))
            q = *p;
        else if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
            p++;
        else if (*p == q)
            q = 0;
    }
    return q;
}

const tui_action *tui_command_parse(const char *line, const char **args, char *msg, size_t size)
{
    /* Said first: a longer line would fail to split below and be blamed
     * on its quotes. */
    /* In bytes, as the limit is: "at most 1023 characters" refused 605
     * characters of é. */
    size_t len = strlen(line);
    if (len > TUI_COMMAND_MAX - 1) {
        snprintf(msg, size, "command line too long (%zu bytes, at most %d)", len, TUI_COMMAND_MAX - 1);
        return NULL;
    }
    while (*line == ' ' || *line == '\t' || *line == ':')
        line++;
    size_t nl = strcspn(line, " \t");
    char name[64];
    if (nl == 0) {
        snprintf(msg, size, "no command");
        return NULL;
    }
    if (nl >= sizeof name) {
        cs_textwidth *tw = cs_textwidth_open(); /* 32 columns of whole characters, not 32 bytes */
        size_t cut = cs_text_prefix(tw, line, 32, size > 24 ? size - 24 : 0);
        cs_textwidth_close(tw);
        snprintf(msg, size, "unknown command '%.*s'", (int)cut, line);
        return NULL;
    }
    memcpy(name, line, nl);
    name[nl] = '\0';
    const tui_action *a = tui_action_by_name(name);
    if (!a) {
        const char *cands[4];
        size_t nc = tui_action_complete(name, cands, 4);
        if (nc > 1) {
            snprintf(msg, size, "ambiguous command '%s' (%s, %s%s)", name, cands[0], cands[1], nc > 2 ? ", ..." : "");
            return NULL;
        }
        char near[160];
        if (nearest_names(name, near, sizeof near) > 0)
            snprintf(msg, size, "unknown command '%s' (did you mean %s?)", name, near);
        else
            snprintf(msg, size, "unknown command '%s' (press ? for the list)", name);
        return NULL;
    }
    const char *rest = line + nl;
    while (*rest == ' ' || *rest == '\t')
        rest++;
    *args = rest;
    /* A command that takes nothing ran with its words dropped unsaid
     * (":quit now" quit, ":undo 3" took back one score). */
    if (*rest && !*a->args) {
        snprintf(msg, size, "usage: :%s (it takes no argument)", a->name);
        return NULL;
    }
    /* Every command's words are read by tui_split_words: an open quote is
     * said as such, not as the command's usage. */
    if (*rest || a->min_args > 0) {
        char buf[TUI_COMMAND_MAX];
        char *words[TUI_MAX_WORDS];
        int nw = tui_split_words(rest, buf, sizeof buf, words, TUI_MAX_WORDS);
        if (nw < 0) {
            /* An open ' may be a name's apostrophe (:goto it's) rather
             * than a quote the user forgot to close. */
            if (open_quote(rest) == '\'')
                snprintf(msg, size, "%s: unterminated quote ': close it, or put a name with ' in \"...\"", a->name);
            else
                snprintf(msg, size, "%s: unterminated quote \": close it (\\\" is a \" inside it)", a->name);
            return NULL;
        }
        if (nw < a->min_args) {
            snprintf(msg, size, "usage: :%s %s", a->name, a->args);
            return NULL;
        }
    }
    return a;
}

tui_complete tui_command_context(const char *line, int *word_index)
{
    while (*line == ' ' || *line == ':')
        line++;
    /* Count completed words before the cursor, honouring quotes. */
    int idx = 0;
    char name[64] = "";
    const char *p = line;
    char quote = 0;
    size_t nl = 0;
    int in_word = 0;
    for (; *p; p++) {
        if (quote) {
            if (quote == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
                p++; /* an escaped quote does not end the word (tui_split_words) */
            else if (*p == quote)
                quote = 0;
            continue;
        }
        if (*p == '"' || *p == '\'') {
            quote = *p;
            in_word = 1;
            continue;
        }
        if (*p == ' ' || *p == '\t') {
            if (in_word)
                idx++;
            in_word = 0;
            continue;
        }
        if (idx == 0 && nl + 1 < sizeof name)
            name[nl++] = *p;
        in_word = 1;
    }
    name[nl] = '\0';
    *word_index = idx;
    if (idx == 0)
        return TUI_COMPLETE_COMMAND;
    const tui_action *a = tui_action_by_name(name);
    if (!a)
        return TUI_COMPLETE_NONE;
    if (idx - 1 < TUI_ACTION_ARGS && a->complete[idx - 1])
        return (tui_complete)a->complete[idx - 1];
    /* Otherwise the synopsis says: its words, or the value of the setting
     * the command changes (:tau, :quantiles) to edit. */
    char text[128], words[128];
    const char *w[16];
    if (!tui_action_arg_text(a, idx - 1, text, sizeof text))
        return TUI_COMPLETE_NONE;
    if (tui_synopsis_words(text, words, sizeof words, w, 16) > 0)
        return TUI_COMPLETE_WORDS;
    if (idx == 1)
        for (const char *const *k = tui_settings_keys(); *k; k++)
            if (strcmp(*k, a->name) == 0)
                return TUI_COMPLETE_WORDS;
    return TUI_COMPLETE_NONE;
}

size_t tui_complete_from(const char *prefix, const char *const *names, size_t n, const char **out, size_t max)
{
    size_t k = 0, pl = strlen(prefix);
    for (size_t i = 0; i < n && k < max; i++)
        if (names[i] && strncmp(names[i], prefix, pl) == 0)
            out[k++] = names[i];
    return k;
}

size_t tui_count_names(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    return n;
}

char *tui_matches_line(const char *const *names, size_t n, const char *common, size_t cols,
                       const cs_textwidth *tw, char *out, size_t size)
{
    size_t skip = common ? strlen(common) : 0;
    /* Readline's common start is what it would insert: quoted names ('a b',
     * written by completion) do not begin with the text typed, and a start
     * that opens a quote would leave each name a closing quote alone. Left
     * off only where every name begins with it, so that no name is cut
     * within a character or shown with its first letters missing. */
    if (skip && (common[0] == '\'' || common[0] == '"'))
        skip = 0;
    /* Left off up to the end of a word of it (a '/', '-', '_', '.', ':' or
     * blank): cut inside one, the ends read as other names ("Qwen/Qw...:
     * Q-32B en2-0.5B" for QwQ-32B and Qwen2-0.5B). That is never inside a
     * character either (readline's start is bytes where the locale is not
     * UTF-8: caf and the first byte of é). */
    while (skip && !strchr("/-_.: ", common[skip - 1]))
        skip--;
    for (size_t i = 0; i < n && skip; i++)
        if (strlen(names[i]) <= skip || strncmp(names[i], common, skip) != 0)
            skip = 0;
    int sw = 0;
    for (size_t i = 0; i < skip && sw < 4;) {
        int c;
        i = cs_text_char_end(tw, common, skip, i, &c);
        sw += c;
    }
    if (sw < 4)
        skip = 0;
    const char *noun = n == 1 ? "match" : "matches";
    int w = skip ? snprintf(out, size, "%zu %s %.*s...:", n, noun, (int)skip, common)
                 : snprintf(out, size, "%zu %s:", n, noun);
    if (w < 0 || (size_t)w >= size || n == 0)
        return out;
    size_t used = (size_t)w, cw = cs_text_width(tw, out), rest = 0;
    for (size_t i = 0; i < n; i++)
        rest += 1 + cs_text_width(tw, names[i] + skip);
    /* Whether the first name fits whole, with the count of the others
     * unless all of them fit too. */
    char others[32];
    size_t ow = n > 1 ? (size_t)snprintf(others, sizeof others, " (+%zu more)", n - 1) : 0;
    size_t first = 1 + cs_text_width(tw, names[0] + skip);
    int fits = cw + rest <= cols || cw + first + ow <= cols;
    /* A common start as wide as the row left no room for any name: it is
     * on the prompt's line already (readline has just written it there),
     * so the row says it was left off and gives the names' ends. */
    if (skip && !fits) {
        w = snprintf(out, size, "%zu %s ...:", n, noun);
        used = (size_t)w;
        cw = cs_text_width(tw, out);
        fits = cw + rest <= cols || cw + first + ow <= cols;
    }
    /* Names wider than the row: the first one as far as it fits, cut
     * where a character ends, rather than a count and no name at all. */
    if (!fits) {
        size_t dots = 3, room = cols > cw + 1 + dots + ow ? cols - cw - 1 - dots - ow : 0;
        size_t bytes = room && used + 1 + dots + ow + 1 < size
                           ? cs_text_prefix(tw, names[0] + skip, room, size - used - 1 - dots - ow - 1)
                           : 0;
        if (bytes > 0)
            snprintf(out + used, size - used, " %.*s...%s", (int)bytes, names[0] + skip, n > 1 ? others : "");
        return out;
    }
    for (size_t i = 0; i < n; i++) {
        char more[32];
        size_t item = 1 + cs_text_width(tw, names[i] + skip);
        /* Room for saying what is left, unless all that is left fits. */
        int mw = cw + rest > cols ? snprintf(more, sizeof more, " (+%zu more)", n - i - 1) : 0;
        rest -= item;
        size_t bytes = 1 + strlen(names[i] + skip);
        if (cw + item + (size_t)mw > cols || used + bytes + sizeof more >= size) {
            snprintf(out + used, size - used, " (+%zu more)", n - i);
            break;
        }
        snprintf(out + used, size - used, " %s", names[i] + skip);
        used += bytes;
        cw += item;
    }
    return out;
}

size_t tui_line_window(const cs_textwidth *tw, const char *line, size_t point, size_t cap, size_t *from,
                       int *cursor)
{
    size_t len = strlen(line), start = 0;
    if (point > len)
        point = len;
    if (len > cap) {
        start = point > cap / 4 * 3 ? point - cap / 4 * 3 : 0;
        if (start + cap > len)
            start = len - cap;
        /* At the letter of the character cut, with all its accents: they
         * would show as marks with nothing to join. Or past it, when that
         * leaves the cursor out; at the code point when the cursor is in it,
         * or past that one too when going back to its start leaves the
         * cursor out (a cap of a few bytes). */
        size_t letter = cs_text_floor(tw, line, start), next = cs_text_boundary(tw, line, start);
        size_t cp = cs_text_floor(NULL, line, start);
        if (point - cp > cap)
            cp = cs_text_boundary(NULL, line, start);
        start = point - letter <= cap ? letter : next <= point ? next : cp;
    }
    size_t n = len - start < cap ? len - start : cap;
    if (start + n < len) {
        /* Before the character cut at the end, which would lose accents,
         * unless the cursor is in it or it is all there is. */
        size_t end = cs_text_floor(tw, line, start + n);
        n = (end > start && end >= point ? end : cs_text_floor(NULL, line, start + n)) - start;
    }
    *from = start;
    *cursor = 0;
    for (size_t i = start; i < point; ++*cursor) {
        uint32_t cp;
        i += cs_utf8_decode(line + i, len - i, &cp);
    }
    return n;
}
