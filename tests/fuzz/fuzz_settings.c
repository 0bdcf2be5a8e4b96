/* fuzz_settings.c - the `tui:` mapping of the config file, and `:set`. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "tui/settings.h"

static void check_settings(const tui_settings *s)
{
    FUZZ_ASSERT(memchr(s->theme, '\0', sizeof s->theme) != NULL);
    FUZZ_ASSERT(memchr(s->scheme, '\0', sizeof s->scheme) != NULL);
    FUZZ_ASSERT(s->n_quantiles <= TUI_MAX_QUANTILES);
    for (size_t i = 0; i < s->n_quantiles; i++)
        FUZZ_ASSERT(isfinite(s->quantiles[i]));
    FUZZ_ASSERT(isfinite(s->ref_z) && isfinite(s->tau) && isfinite(s->budget));
    char buf[512];
    for (const char *const *k = tui_settings_keys(); *k; k++) {
        const char *v = tui_settings_get(s, *k, buf, sizeof buf);
        FUZZ_ASSERT(v != NULL && memchr(buf, '\0', sizeof buf) != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tui_settings s;
    cs_error err = { 0 };
    tui_settings_init(&s);
    if (tui_settings_load_yaml(&s, (const char *)data, size, "fuzz.yaml", &err) != 0)
        FUZZ_ASSERT(err.kind != CS_ERR_NONE && err.msg[0] != '\0');
    check_settings(&s);

    /* `:set KEY VALUE` with the input's first line as the value of every key:
     * what a setting prints must be accepted back (a round trip). */
    char *text = fuzz_cstring(data, size);
    if (!text)
        return 0;
    text[strcspn(text, "\n")] = '\0';
    char buf[512];
    for (const char *const *k = tui_settings_keys(); *k; k++) {
        tui_settings t;
        tui_settings_init(&t);
        if (tui_settings_set(&t, *k, text, &err) != 0)
            continue;
        check_settings(&t);
        const char *shown = tui_settings_get(&t, *k, buf, sizeof buf);
        FUZZ_ASSERT(shown != NULL);
        char *again = strdup(shown);
        FUZZ_ASSERT(again != NULL);
        tui_settings u;
        tui_settings_init(&u);
        if (tui_settings_set(&u, *k, again, &err) != 0) {
            fprintf(stderr, "setting %s = '%s' prints as '%s', which is refused: %s\n", *k, text, again, err.msg);
            abort();
        }
        free(again);
    }
    free(text);
    return 0;
}
