/* fuzz_fmt.c - libFuzzer target: the formatter's round trip.  Whatever
 * input the formatter accepts, its output must parse without errors,
 * format to itself, and (when the input checks) check to the same model,
 * source locations aside.
 */
#include "journey/check.h"
#include "journey/codes.h"
#include "journey/export.h"
#include "journey/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* The checked model as JSON without its "loc" and "source" lines (the
 * only things formatting may change), or NULL when the text has errors. */
static char *model_json(const char *text, size_t len)
{
    jy_diags *d = jy_diags_new();
    jy_diags_set_max_errors(d, 0);
    jy_compile_options o = { NULL, 0, NULL, 20454 };   /* a fixed today: 2026-01-01 */
    jy_compilation *c = jy_compile_text(d, "fuzz.journey", text, len, &o);
    char *out = NULL;
    if (c->model && jy_diags_error_count(d) == 0) {
        char *raw = NULL;
        size_t rawlen = 0;
        FILE *f = open_memstream(&raw, &rawlen);
        if (!f)
            abort();
        jy_export_json(f, c->model, jy_diags_sources(d));
        fclose(f);
        jy_buf b = { 0 };
        for (char *line = raw; line && *line;) {
            char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);
            if (!memmem(line, n, "\"loc\": ", 7) && !memmem(line, n, "\"source\": ", 10))
                jy_buf_add(&b, line, n);
            line += n;
        }
        free(raw);
        out = jy_xstrdup(jy_buf_cstr(&b));
        jy_buf_free(&b);
    }
    jy_compilation_free(c);
    jy_diags_free(d);
    return out;
}

static bool format(const char *text, size_t len, jy_buf *out)
{
    jy_diags *d = jy_diags_new();
    jy_compilation *c = jy_compile_parse_text(d, "fuzz.journey", text, len);
    bool ok = jy_compile_tree_whole(c, d);
    if (ok)
        jy_fmt_ast(out, c->prog->root);
    jy_compilation_free(c);
    jy_diags_free(d);
    return ok;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    jy_buf once = { 0 }, twice = { 0 };
    if (format((const char *)data, size, &once)) {
        if (!format(once.p ? once.p : "", once.len, &twice))
            abort();   /* formatted output that does not parse */
        if (once.len != twice.len || (once.len && memcmp(once.p, twice.p, once.len) != 0))
            abort();   /* not idempotent */
        char *before = model_json((const char *)data, size);
        if (before) {
            char *after = model_json(once.p ? once.p : "", once.len);
            if (!after || strcmp(before, after) != 0)
                abort();   /* formatting changed what the map says */
            free(after);
        }
        free(before);
    }
    jy_buf_free(&once);
    jy_buf_free(&twice);
    return 0;
}
