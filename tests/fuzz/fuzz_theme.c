/* fuzz_theme.c - the TUI's theme loader (YAML), and resolving what it read. */
#include <string.h>

#include "fuzz.h"
#include "tui/theme.h"

static void check_alternatives(const int *alts)
{
    for (int i = 0; i < TUI_THEME_ALTS && alts[i] != TUI_COLOR_UNSET; i++)
        FUZZ_ASSERT(alts[i] == TUI_COLOR_DEFAULT || (alts[i] >= 0 && alts[i] <= 255));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tui_theme t;
    cs_error err = { 0 };
    if (tui_theme_parse(&t, (const char *)data, size, "fuzz-theme.yaml", &err) != 0) {
        FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(memchr(t.name, '\0', sizeof t.name) != NULL);
    static const int depths[] = { 0, 8, 16, 88, 256 };
    for (int role = 0; role < TUI_ROLE_COUNT; role++) {
        check_alternatives(t.style[role].fg);
        check_alternatives(t.style[role].bg);
        for (size_t d = 0; d < sizeof depths / sizeof depths[0]; d++) {
            for (int no_color = 0; no_color <= 1; no_color++) {
                tui_resolved r = tui_theme_resolve(&t, role, depths[d], no_color);
                int colors = no_color ? 0 : depths[d];
                /* The terminal must be able to show what was chosen. */
                FUZZ_ASSERT(r.fg == TUI_COLOR_DEFAULT || (colors >= 8 && r.fg >= 0 && r.fg < colors));
                FUZZ_ASSERT(r.bg == TUI_COLOR_DEFAULT || (colors >= 8 && r.bg >= 0 && r.bg < colors));
            }
        }
    }
    return 0;
}
