/* fuzz_command.c - the TUI's `:` command line: splitting, parsing, completion context. */
#include <string.h>

#include "fuzz.h"
#include "tui/command.h"
#include "tui/settings.h"

static void check_split(const char *line)
{
    size_t size = strlen(line) + 1;
    char *buf = malloc(size);
    char *words[TUI_MAX_WORDS];
    FUZZ_ASSERT(buf != NULL);
    int n = tui_split_words(line, buf, size, words, TUI_MAX_WORDS);
    FUZZ_ASSERT(n >= -1 && n <= TUI_MAX_WORDS);
    /* Words lie inside buf, in order, each NUL-terminated before its end. */
    for (int i = 0; i < n; i++) {
        FUZZ_ASSERT(words[i] >= buf && words[i] < buf + size);
        FUZZ_ASSERT(words[i] + strlen(words[i]) < buf + size);
        FUZZ_ASSERT(i == 0 || words[i] > words[i - 1]);
    }
    free(buf);
    /* A buffer one byte too small is refused, not overrun. */
    if (size > 1) {
        char *small = malloc(size - 1);
        FUZZ_ASSERT(small != NULL);
        FUZZ_ASSERT(tui_split_words(line, small, size - 1, words, TUI_MAX_WORDS) == -1);
        free(small);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = fuzz_cstring(data, size);
    if (!line)
        return 0;
    check_split(line);

    const char *args = NULL;
    char msg[256];
    const tui_action *a = tui_command_parse(line, &args, msg, sizeof msg);
    if (a) {
        FUZZ_ASSERT(a->name != NULL && args != NULL);
        FUZZ_ASSERT(args >= line && args <= line + strlen(line));
    } else {
        FUZZ_ASSERT(memchr(msg, '\0', sizeof msg) != NULL && msg[0] != '\0');
    }

    int word = -1;
    tui_complete kind = tui_command_context(line, &word);
    FUZZ_ASSERT(word >= 0);
    FUZZ_ASSERT(kind >= TUI_COMPLETE_NONE && kind <= TUI_COMPLETE_LAST);

    const char *cands[8];
    size_t nc = tui_complete_from(line, tui_settings_keys(), tui_count_names(tui_settings_keys()), cands, 8);
    for (size_t i = 0; i < nc; i++)
        FUZZ_ASSERT(strncmp(cands[i], line, strlen(line)) == 0);
    free(line);
    return 0;
}
