/* fuzz_check.c - libFuzzer target: any bytes through the whole front end
 * and checker, and the diagnostics printed in every format.  A crash, a
 * sanitizer report, a hang or a leak is a bug; so is an error without a
 * diagnostic, or a clean run without a model.
 */
#include "journey/check.h"
#include "journey/codes.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    jy_diags *d = jy_diags_new();
    jy_diags_set_all_warnings(d, true);
    /* A fixed today (2026-01-01): the same input, the same run. */
    jy_compile_options o = { NULL, 0, NULL, 20454 };
    jy_compilation *c = jy_compile_text(d, "fuzz.journey", (const char *)data, size, &o);
    if (jy_diags_error_count(d) == 0 && !c->model)
        abort();   /* no error, yet nothing to work with */
    if (c->prog->syntax_errors && jy_diags_error_count(d) == 0)
        abort();   /* a syntax error nobody was told about */
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        jy_diags_print(d, sink, JY_DFMT_TEXT, true);
        jy_diags *engines[1] = { d };
        jy_diags_write_sarif(engines, 1, sink, "fuzz");
        fclose(sink);
    }
    jy_compilation_free(c);
    jy_diags_free(d);
    return 0;
}
