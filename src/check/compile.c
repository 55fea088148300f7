/* compile.c - one compilation from a path or text to a checked model, or
 * to the syntax tree of that file alone (compile_parse_*).  Each entry
 * point runs under an out-of-memory guard (see core.h): memory running out
 * gives a compilation with the read status JY_READ_NO_MEMORY. */
#include "files.h"
#include "journey/codes.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What to compile: a file or text, checked whole or only parsed. */
typedef struct {
    const char *path;          /* a file, or NULL for text */
    const char *name, *text;   /* text in memory, shown as name */
    size_t len;
    bool parse_only;
    const jy_compile_options *opts;
} request;

/* Returned when not even a compilation can be allocated. */
static jy_compilation no_memory = { .read_status = JY_READ_NO_MEMORY };

static void strip_bom(char *text, size_t *len)
{
    if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, *len - 1);   /* the two NULs move too */
        *len -= 3;
    }
}

/* Reads r's file or copies its text into the engine; false (with c's read
 * status set) when the file cannot be read. */
static bool add_source(jy_compilation *c, const request *r, uint32_t *file)
{
    char *text;
    size_t len;
    if (r->path) {
        int err;
        jy_read_status st = jy_file_read(r->path, false, &text, &len, &err);
        if (st != JY_READ_OK) {
            c->read_status = st;
            c->read_errno = err;
            return false;
        }
    } else {
        len = r->len;
        text = jy_xmalloc(len + 2);
        memcpy(text, r->text, len);
        text[len] = text[len + 1] = '\0';
    }
    strip_bom(text, &len);
    const char *stdin_name = r->opts && r->opts->stdin_name ? r->opts->stdin_name : "<stdin>";
    const char *name = !r->path ? r->name : strcmp(r->path, "-") == 0 ? stdin_name : r->path;
    *file = jy_sources_add(jy_diags_sources(c->diags), name, text, len);
    return true;
}

/* Records the identity of every file read: root_path (NULL when the text
 * came from memory) and each import, named as diagnostics name them. */
static void record_inputs(jy_compilation *c, const char *root_path, uint32_t root_file)
{
    c->inputs = jy_arena_alloc(c->arena, (1 + c->prog->nlibs) * sizeof *c->inputs);
    jy_file_id id;
    if (root_path && jy_file_identify(root_path, &id)) {
        id.name = jy_sources_get(jy_diags_sources(c->diags), root_file)->name;
        c->inputs[c->ninputs++] = id;
    }
    for (size_t i = 0; i < c->prog->nlibs; i++) {
        const char *name = jy_sources_get(jy_diags_sources(c->diags), c->prog->libs[i]->file)->name;
        if (jy_file_identify(name, &id)) {
            id.name = name;
            id.imported = true;
            c->inputs[c->ninputs++] = id;
        }
    }
}

/* Every entry point: the whole compilation under one guard, so that memory
 * running out anywhere in it gives a compilation whose read status says so
 * (its arena freed), never an exit. */
static jy_compilation *compile(jy_diags *d, const request *r)
{
    jy_compilation *volatile c = calloc(1, sizeof *c);   /* volatile: read after longjmp */
    if (!c)
        return &no_memory;
    jy_guard g;
    jy_guard_enter(&g);
    if (setjmp(g.env)) {
        jy_arena_free(c->arena);
        memset(c, 0, sizeof *c);
        c->read_status = JY_READ_NO_MEMORY;
        return c;
    }
    c->diags = d;
    uint32_t file;
    if (add_source(c, r, &file)) {
        c->arena = jy_arena_new();
        if (r->parse_only) {
            c->prog = jy_arena_alloc(c->arena, sizeof *c->prog);
            c->prog->root = jy_front_parse(c->arena, d, file);
            c->prog->syntax_errors = c->prog->root->syntax_errors;
            c->prog->lexical_errors = c->prog->root->lexical_errors;
        } else {
            const jy_compile_options *o = r->opts;
            c->prog = jy_front_load_overlay(c->arena, d, file, o ? o->import_root : NULL,
                                            o ? o->include_dirs : NULL, o ? o->ninclude : 0,
                                            o ? o->overlay : NULL);
            record_inputs(c, r->path, file);
            int32_t today = o && o->today ? o->today : jy_compile_today();
            if (c->prog->syntax_errors == 0 && !jy_diags_should_stop(d)) {
                c->model = jy_sema_check(c->arena, d, c->prog, today);
                jy_check_files(c, o, today);
            }
        }
        jy_diags_sort(d);
    }
    jy_guard_leave(&g);
    return c;
}

int32_t jy_compile_today(void)
{
    /* SOURCE_DATE_EPOCH: decimal digits only, and a day before the year
     * 10000; anything else is as if it were unset. */
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        long long secs = 0;
        const char *q = env;
        while (*q >= '0' && *q <= '9' && secs <= 253402300799LL)
            secs = secs * 10 + (*q++ - '0');
        if (!*q && secs <= 253402300799LL)
            return (int32_t)(secs / 86400);
    }
    time_t now = time(NULL);
    if (now == (time_t)-1)
        return 0;
    long long days = (long long)now / 86400 - ((long long)now % 86400 < 0);
    return (int32_t)days;
}

jy_compilation *jy_compile_file(jy_diags *d, const char *path, const jy_compile_options *opts)
{
    request r = { .path = path, .opts = opts };
    return compile(d, &r);
}

jy_compilation *jy_compile_text(jy_diags *d, const char *name, const char *text, size_t len,
                             const jy_compile_options *opts)
{
    request r = { .name = name, .text = text, .len = len, .opts = opts };
    return compile(d, &r);
}

jy_compilation *jy_compile_parse_file(jy_diags *d, const char *path)
{
    request r = { .path = path, .parse_only = true };
    return compile(d, &r);
}

jy_compilation *jy_compile_parse_text(jy_diags *d, const char *name, const char *text, size_t len)
{
    request r = { .name = name, .text = text, .len = len, .parse_only = true };
    return compile(d, &r);
}

bool jy_compile_tree_whole(const jy_compilation *c, const jy_diags *d)
{
    if (!c->prog || c->prog->syntax_errors || jy_diags_should_stop(d))
        return false;
    for (size_t i = 0; i < jy_diags_count(d); i++) {
        const jy_diag *g = jy_diags_get(d, i);
        if (g->sev == JY_SEV_ERROR && g->code != JY_C_REPEATED)
            return false;
    }
    return true;
}

void jy_compilation_free(jy_compilation *c)
{
    if (!c || c == &no_memory)
        return;
    jy_arena_free(c->arena);
    free(c);
}
