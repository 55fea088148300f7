/* codes.c - the catalog behind journey/codes.h.
 *
 * The engine's copy of the catalog also carries each code's documentation
 * for SARIF rules: docs/language.md's row for it, turned into C by CMake
 * (cmake/code_docs.cmake, code_docs.inc), and the address of its section
 * under JY_DOCS_URL (the documentation installed, unless the build names
 * another place).
 */
#include "journey/codes.h"

#include <string.h>
#include <threads.h>

#ifndef JY_DOCS_URL
#define JY_DOCS_URL "file:///usr/local/share/doc/journey/"
#endif

const jy_diag_code jy_codes[JY_C_COUNT] = {
#define JY_CODE_ENTRY(id, name, warn, on, summary) { name, warn, on, summary, NULL, NULL, NULL, NULL },
    JY_CODE_LIST(JY_CODE_ENTRY)
#undef JY_CODE_ENTRY
};

static const struct {
    const char *name, *section, *full, *text, *markdown, *uri;
} docs[] = {
#define JY_CODE_DOC(name, section, full, text, markdown) \
    { name, section, full, text, markdown, JY_DOCS_URL "language.md#" section },
#include "code_docs.inc"
#undef JY_CODE_DOC
};

static jy_diag_code documented[JY_C_COUNT];
static once_flag documented_once = ONCE_FLAG_INIT;

static void document(void)
{
    for (size_t k = 0; k < JY_C_COUNT; k++) {
        documented[k] = jy_codes[k];
        for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
            if (strcmp(docs[i].name, jy_codes[k].name) == 0) {
                documented[k].description = docs[i].full;
                documented[k].help_text = docs[i].text;
                documented[k].help_markdown = docs[i].markdown;
                documented[k].help_uri = docs[i].uri;
            }
    }
}

jy_diags *jy_diags_new(void)
{
    call_once(&documented_once, document);
    return jy_diags_create(documented, JY_C_COUNT);
}
