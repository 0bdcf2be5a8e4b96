/* fuzz_replay.c - the TUI's key scripts (--replay). */
#include "fuzz.h"
#include "tui/replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    tui_replay r;
    cs_error err = { 0 };
    if (tui_replay_parse(&r, text, "fuzz.keys", &err) == 0) {
        size_t n = 0;
        const tui_event *e;
        while ((e = tui_replay_next(&r)) != NULL) {
            FUZZ_ASSERT(e->kind >= TUI_EV_KEY && e->kind <= TUI_EV_WAIT);
            n++;
        }
        FUZZ_ASSERT(n == r.n);
    } else {
        FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
    }
    tui_replay_free(&r);
    free(text);
    return 0;
}
