/* fuzz_convert.c - libFuzzer target: any bytes through the Mermaid reader
 * (journey convert --from mermaid).  A crash, a sanitizer report, a hang
 * or a leak is a bug; so is a refusal without an error, or a conversion
 * whose map the language does not read without errors.
 */
#include "journey/check.h"
#include "journey/codes.h"
#include "journey/convert.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    jy_diags *d = jy_convert_diags_new();
    char *text = jy_xmalloc(size + 2);
    if (size)
        memcpy(text, data, size);
    text[size] = text[size + 1] = '\0';
    uint32_t file = jy_sources_add(jy_diags_sources(d), "fuzz.mmd", text, size);
    jy_buf map = { 0 };
    jy_convert_status st = jy_convert_mermaid(d, file, "fuzz", &map);
    if (st == JY_CONVERT_ERRORS && jy_diags_error_count(d) == 0)
        abort();   /* refused without saying why */
    if (st == JY_CONVERT_OK) {
        if (jy_diags_error_count(d))
            abort();
        jy_diags *check = jy_diags_new();
        jy_compile_options o = { NULL, 0, NULL, 20454 };
        jy_compilation *c = jy_compile_text(check, "fuzz.journey", map.p ? map.p : "", map.len, &o);
        if (jy_diags_error_count(check) || !c->model)
            abort();   /* the map written is not one the language reads */
        jy_compilation_free(c);
        jy_diags_free(check);
    }
    jy_buf_free(&map);
    jy_diags_free(d);
    return 0;
}
