/* compile.c - one compilation from a path or text to a checked model, or
 * to the syntax tree of that file alone (compile_parse_*). */
#include "journey/check.h"
#include "journey/codes.h"

#include <stdlib.h>
#include <string.h>

static jy_compilation *compile_source(jy_diags *d, uint32_t file, const jy_compile_options *opts)
{
    jy_compilation *c = xcalloc(1, sizeof *c);
    c->arena = arena_new();
    c->diags = d;
    c->prog = front_load(c->arena, d, file, opts ? opts->import_root : NULL, opts ? opts->include_dirs : NULL,
                         opts ? opts->ninclude : 0);
    if (c->prog->syntax_errors == 0 && !diags_should_stop(d))
        c->model = sema_check(c->arena, d, c->prog);
    diags_sort(d);
    return c;
}

static jy_compilation *parse_source(jy_diags *d, uint32_t file)
{
    jy_compilation *c = xcalloc(1, sizeof *c);
    c->arena = arena_new();
    c->diags = d;
    c->prog = arena_alloc(c->arena, sizeof *c->prog);
    c->prog->root = front_parse(c->arena, d, file);
    c->prog->syntax_errors = c->prog->root->syntax_errors;
    c->prog->lexical_errors = c->prog->root->lexical_errors;
    diags_sort(d);
    return c;
}

static void strip_bom(char *text, size_t *len)
{
    if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, *len - 1);   /* the two NULs move too */
        *len -= 3;
    }
}

/* Reads path into the engine; on failure returns a compilation that holds
 * only the read status. */
static jy_compilation *read_source(jy_diags *d, const char *path, uint32_t *file)
{
    char *text;
    size_t len;
    int err;
    jy_read_status st = file_read(path, false, &text, &len, &err);
    if (st != JY_READ_OK) {
        jy_compilation *c = xcalloc(1, sizeof *c);
        c->read_status = st;
        c->read_errno = err;
        return c;
    }
    strip_bom(text, &len);
    *file = diags_add_source(d, strcmp(path, "-") == 0 ? "<stdin>" : path, text, len);
    return NULL;
}

static uint32_t add_text(jy_diags *d, const char *name, const char *text, size_t len)
{
    char *copy = xmalloc(len + 2);
    memcpy(copy, text, len);
    copy[len] = copy[len + 1] = '\0';
    strip_bom(copy, &len);
    return diags_add_source(d, name, copy, len);
}

jy_compilation *compile_file(jy_diags *d, const char *path, const jy_compile_options *opts)
{
    uint32_t file;
    jy_compilation *failed = read_source(d, path, &file);
    return failed ? failed : compile_source(d, file, opts);
}

jy_compilation *compile_text(jy_diags *d, const char *name, const char *text, size_t len,
                             const jy_compile_options *opts)
{
    return compile_source(d, add_text(d, name, text, len), opts);
}

jy_compilation *compile_parse_file(jy_diags *d, const char *path)
{
    uint32_t file;
    jy_compilation *failed = read_source(d, path, &file);
    return failed ? failed : parse_source(d, file);
}

jy_compilation *compile_parse_text(jy_diags *d, const char *name, const char *text, size_t len)
{
    return parse_source(d, add_text(d, name, text, len));
}

bool compile_tree_whole(const jy_compilation *c, const jy_diags *d)
{
    if (!c->prog || c->prog->syntax_errors || diags_should_stop(d))
        return false;
    for (size_t i = 0; i < diags_count(d); i++) {
        const jy_diag *g = diags_get(d, i);
        if (g->sev == JY_SEV_ERROR && g->code != JY_C_REPEATED)
            return false;
    }
    return true;
}

void compilation_free(jy_compilation *c)
{
    if (!c)
        return;
    arena_free(c->arena);
    free(c);
}
