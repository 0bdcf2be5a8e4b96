/* fuzz_state.c - the TUI's session state file: parse, print, parse again. */
#include <string.h>

#include "fuzz.h"
#include "tui/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    tui_state st;
    tui_state_init(&st);
    tui_state_parse(&st, text);
    FUZZ_ASSERT(memchr(st.data, '\0', sizeof st.data) != NULL);
    FUZZ_ASSERT(memchr(st.task, '\0', sizeof st.task) != NULL);
    FUZZ_ASSERT(memchr(st.scheme, '\0', sizeof st.scheme) != NULL);

    /* What the program writes it must read back to the same text. */
    char *once = tui_state_format(&st);
    FUZZ_ASSERT(once != NULL);
    tui_state back;
    tui_state_init(&back);
    tui_state_parse(&back, once);
    char *twice = tui_state_format(&back);
    FUZZ_ASSERT(twice != NULL);
    if (strcmp(once, twice) != 0) {
        fprintf(stderr, "state does not survive a round trip:\n--- written\n%s--- read back and written\n%s", once, twice);
        abort();
    }
    free(once);
    free(twice);
    free(text);
    return 0;
}
