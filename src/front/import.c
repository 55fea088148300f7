/* import.c - loading a journey file and every library it imports.
 *
 * Design notes
 * - An import path is tried relative to the importing file's directory,
 *   then relative to each -I directory in order; the first that exists
 *   wins.  Files are identified by realpath(3), so a library reached along
 *   two paths is loaded once and a cycle is recognised whatever the
 *   spelling of the paths.
 * - Every failure is a diagnostic at the import statement's path string:
 *   not found (with the places looked in), a path that cannot be looked
 *   up (a symbolic link loop, a directory without permission: said as
 *   such), a directory, a device or other non-regular file (so /dev/zero
 *   cannot hang the run), a file too large, a cycle (with the chain), a
 *   chain deeper than JY_MAX_IMPORT_DEPTH, and a library that contains a
 *   journey.  A path string with an error of its own (an invalid escape)
 *   was reported by the scanner and is not looked for.
 * - Confinement: with an import root, a file whose real path (symbolic
 *   links resolved) is outside the root is an error and is never read,
 *   whichever directory it was found in.  A place looked in that leads
 *   outside (judged by the real path of the longest part of it that
 *   exists) is that error too, whether the file exists or not: the answer
 *   never says what exists outside the root.
 * - Disclosure: diagnostics quote the lines they point at, so an import of
 *   a file that is not a map (/etc/passwd) could show it line by line.  An
 *   imported file whose name does not end in .journey must therefore be
 *   journey text: at its first diagnostic it is dropped, with its
 *   diagnostics, and one error at the import says so, with a note giving
 *   only the position of the first problem.  Nothing of such a file is
 *   quoted.
 * - Overlay: the caller may hold text for paths (an editor's open
 *   buffers).  A candidate it holds text for exists, whether or not a file
 *   does, and that text is read instead of the file's; such a path that
 *   has no real path is identified by its spelling.
 */
#include "journey/codes.h"
#include "journey/front.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    char *real;                /* canonical path */
    jy_ast *ast;
    bool loading;              /* on the current import chain */
} loaded;

typedef struct {
    jy_arena *arena;
    jy_diags *diags;
    jy_program *prog;
    const char *const *dirs;
    size_t ndirs;
    const char *root;          /* the import root as given, or NULL */
    const jy_overlay *overlay; /* NULL: none */
    char *root_real;           /* its real path (NULL: it has none) */
    loaded *files;
    size_t nfiles, cap;
    jy_ast **libs;
    size_t nlibs, libcap;
} loader;

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return jy_xstrdup("");
    size_t n = (size_t)(slash - path) + 1;
    char *d = jy_xmalloc(n + 1);
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

static char *join(const char *dir, jy_str rel)
{
    jy_buf b = { 0 };
    jy_buf_adds(&b, dir);
    if (b.len && b.p[b.len - 1] != '/')
        jy_buf_addc(&b, '/');
    jy_buf_addstr(&b, rel);
    jy_buf_cstr(&b);
    return b.p;
}

static loaded *find_loaded(loader *L, const char *real)
{
    for (size_t i = 0; i < L->nfiles; i++)
        if (strcmp(L->files[i].real, real) == 0)
            return &L->files[i];
    return NULL;
}

static void load_imports(loader *L, jy_ast *ast, size_t self, int depth);

/* Whether the real path real is the import root or inside it. */
static bool inside_root(const loader *L, const char *real)
{
    if (!L->root_real)
        return false;
    size_t n = strlen(L->root_real);
    if (strncmp(real, L->root_real, n) != 0)
        return false;
    return (n > 0 && L->root_real[n - 1] == '/') || real[n] == '/' || real[n] == '\0';
}

/* Under an import root, whether candidate path c leads outside it, judged
 * by the real path of the longest part of c that exists: a file outside
 * the root is reported as such whether it exists or not, so that the
 * answer tells nothing about the files there. */
static bool leads_outside(const loader *L, const char *c)
{
    if (!L->root)
        return false;
    char *part = jy_xstrdup(c), real[PATH_MAX];
    bool outside;
    for (;;) {
        if (realpath(*part ? part : ".", real)) {
            outside = !inside_root(L, real);
            break;
        }
        char *slash = strrchr(part, '/');
        if (!slash) {
            part[0] = '\0';   /* then the current directory */
        } else if (slash == part) {
            outside = !inside_root(L, "/");
            break;
        } else {
            *slash = '\0';
        }
    }
    free(part);
    return outside;
}

bool jy_front_named_journey(const char *path)
{
    size_t n = strlen(path);
    return n >= 8 && strcmp(path + n - 8, ".journey") == 0;
}

jy_diag_id jy_front_not_map(jy_diags *d, unsigned code, const jy_loc *loc, jy_str path, const jy_loc *first)
{
    jy_diag_id g = jy_diag_report(d, code, loc,
                                  "'%.*s' is not a journey map (its name does not end in .journey, and it is "
                                  "not journey text)",
                                  (int)path.n, path.s);
    if (first)
        jy_diag_note(d, g, first, "the first thing that is not journey text is here");
    return g;
}

/* Tries candidate c: true (and *found = c) when it exists, or when it
 * leads outside the import root (the caller then reports that); otherwise
 * frees it, remembering in *why the first failure other than "no such
 * file" (a symbolic link loop, a permission denied). */
static bool overlay_read(const loader *L, const char *path, const char **text, size_t *len)
{
    return L->overlay && L->overlay->read && L->overlay->read(L->overlay->ctx, path, text, len);
}

static bool try_candidate(const loader *L, char *c, char **found, int *why, char **why_path)
{
    struct stat st;
    const char *otext;
    size_t olen;
    if (leads_outside(L, c) || overlay_read(L, c, &otext, &olen) || stat(c, &st) == 0) {
        *found = c;
        return true;
    }
    if (errno != ENOENT && errno != ENOTDIR && !*why) {
        *why = errno;
        *why_path = c;
        return false;
    }
    free(c);
    return false;
}

/* strerror, in the lower case of the project's messages. */
static const char *reason(int err, char buf[128])
{
    snprintf(buf, 128, "%s", strerror(err));
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* Where a path a map names is looked for: relative to the directory of
 * from (the file that names it; standard input: the current directory),
 * then to each include directory; an absolute path as it is.  See
 * jy_front_find. */
static jy_find_status find(const loader *L, const char *from, jy_str path, char **found, int *why)
{
    char *why_path = NULL;
    *found = NULL;
    *why = 0;
    if (path.s[0] == '/') {
        try_candidate(L, join("", path), found, why, &why_path);
    } else {
        char *dir = strcmp(from, "-") == 0 || strcmp(from, "<stdin>") == 0 ? jy_xstrdup("") : dir_of(from);
        bool hit = try_candidate(L, join(dir, path), found, why, &why_path);
        free(dir);
        for (size_t i = 0; !hit && i < L->ndirs; i++)
            hit = try_candidate(L, join(L->dirs[i], path), found, why, &why_path);
    }
    if (!*found && *why) {
        *found = why_path;
        return JY_FIND_ERROR;
    }
    free(why_path);
    *why = 0;
    if (!*found)
        return JY_FIND_NOT_FOUND;
    return leads_outside(L, *found) ? JY_FIND_OUTSIDE_ROOT : JY_FIND_OK;
}

/* "looked in DIR, -I DIRS" for a relative path that was not found. */
static void places(jy_buf *b, const char *from, const char *const *dirs, size_t ndirs)
{
    char *dir = strcmp(from, "-") == 0 || strcmp(from, "<stdin>") == 0 ? jy_xstrdup("") : dir_of(from);
    jy_buf_printf(b, "looked in %s", *dir ? dir : "./");
    free(dir);
    for (size_t i = 0; i < ndirs; i++)
        jy_buf_printf(b, ", %s", dirs[i]);
    if (!ndirs)
        jy_buf_adds(b, " (add directories to search with -I DIR)");
}

static void import_error_cycle(loader *L, const jy_arg *path, size_t target)
{
    /* The chain: the files still loading, from target to the importer. */
    jy_buf b = { 0 };
    for (size_t i = target; i < L->nfiles; i++) {
        if (!L->files[i].loading)
            continue;
        jy_buf_printf(&b, "%s -> ", jy_sources_get(jy_diags_sources(L->diags), L->files[i].ast->file)->name);
    }
    jy_buf_adds(&b, jy_sources_get(jy_diags_sources(L->diags), L->files[target].ast->file)->name);
    jy_diag_report(L->diags, JY_C_IMPORT_CYCLE, &path->loc, "import cycle: %s", jy_buf_cstr(&b));
    jy_buf_free(&b);
}

static void load_one(loader *L, jy_ast *importer, const jy_node *imp, int depth)
{
    const jy_arg *path = &imp->args[0];
    jy_diags *d = L->diags;
    const char *importer_name = jy_sources_get(jy_diags_sources(d), importer->file)->name;
    if (path->invalid) {
        L->prog->syntax_errors++;   /* reported at the string's error */
        return;
    }
    if (memchr(path->text.s, '\0', path->text.n) || path->text.n == 0) {
        jy_diag_report(d, JY_C_IMPORT_MISSING, &path->loc, "an import needs a file name");
        L->prog->syntax_errors++;
        return;
    }
    if (depth >= JY_MAX_IMPORT_DEPTH) {
        jy_diag_report(d, JY_C_LIMIT, &path->loc, "imports nested more than %d deep", JY_MAX_IMPORT_DEPTH);
        L->prog->syntax_errors++;
        return;
    }

    char *found = NULL;
    int why = 0;
    jy_find_status fs = find(L, importer_name, path->text, &found, &why);
    if (fs == JY_FIND_ERROR) {
        char buf[128];
        jy_diag_report(d, JY_C_IMPORT_MISSING, &path->loc, "cannot import '%s': %s", found, reason(why, buf));
        L->prog->syntax_errors++;
        free(found);
        return;
    }
    if (fs == JY_FIND_NOT_FOUND) {
        jy_diag_id g = jy_diag_report(d, JY_C_IMPORT_MISSING, &path->loc, "cannot find '%.*s' to import",
                                 (int)path->text.n, path->text.s);
        if (path->text.s[0] != '/') {
            jy_buf b = { 0 };
            places(&b, importer_name, L->dirs, L->ndirs);
            jy_diag_note(d, g, NULL, "%s", jy_buf_cstr(&b));
            jy_buf_free(&b);
        }
        L->prog->syntax_errors++;
        return;
    }

    /* Outside the root (found or not: see try_candidate): an error, and
     * the file is not read. */
    if (fs == JY_FIND_OUTSIDE_ROOT) {
        jy_diag_id g = jy_diag_report(d, JY_C_IMPORT_OUTSIDE_ROOT, &path->loc, "'%.*s' is outside the import root",
                                 (int)path->text.n, path->text.s);
        jy_diag_note(d, g, NULL, "imports must resolve to files inside '%s' (--import-root, JOURNEY_IMPORT_ROOT)",
                  L->root);
        L->prog->syntax_errors++;
        free(found);
        return;
    }
    char real[PATH_MAX];
    const char *otext = NULL;
    size_t olen = 0;
    bool held = overlay_read(L, found, &otext, &olen);
    if (held && !realpath(found, real)) {
        if (strlen(found) >= sizeof real)
            held = false;
        else
            strcpy(real, found);   /* no file there: its spelling identifies it */
    }
    if (!held && !realpath(found, real)) {
        char buf[128];
        jy_diag_report(d, JY_C_IMPORT_MISSING, &path->loc, "cannot import '%s': %s", found, reason(errno, buf));
        L->prog->syntax_errors++;
        free(found);
        return;
    }
    loaded *prev = find_loaded(L, real);
    if (prev) {
        if (prev->loading) {
            import_error_cycle(L, path, (size_t)(prev - L->files));
            L->prog->syntax_errors++;
        }
        free(found);
        return;   /* already loaded along another path: once is enough */
    }

    char *text;
    size_t len;
    int err;
    jy_read_status rs = JY_READ_OK;
    if (held) {
        text = jy_xmalloc(olen + 2);
        memcpy(text, otext, olen);
        text[olen] = text[olen + 1] = '\0';
        len = olen;
    } else {
        rs = jy_file_read(found, true, &text, &len, &err);
    }
    if (rs != JY_READ_OK) {
        jy_diag_report(d, JY_C_IMPORT_MISSING, &path->loc, "cannot import '%s': %s", found,
                    jy_file_read_status_text(rs, err));
        L->prog->syntax_errors++;
        free(found);
        return;
    }
    /* A leading byte order mark is not part of the text. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(text, text + 3, len - 1);
        len -= 3;
    }
    uint32_t file = jy_sources_add(jy_diags_sources(d), found, text, len);
    bool map_name = jy_front_named_journey(found);
    free(found);

    loaded entry = { jy_xstrdup(real), NULL, true };
    VEC_PUSH(L->files, L->nfiles, L->cap, entry);
    size_t self = L->nfiles - 1;
    size_t mark = jy_diags_count(d);
    jy_ast *lib = jy_front_parse(L->arena, d, file);
    L->files[self].ast = lib;
    if (!map_name && jy_diags_count(d) > mark) {
        /* Not journey text: say so once, without quoting any of it. */
        jy_loc first = jy_diags_get(d, mark)->loc;
        bool has_loc = jy_diags_get(d, mark)->has_loc;
        jy_diags_truncate(d, mark);
        jy_front_not_map(d, JY_C_IMPORT_NOT_MAP, &path->loc, path->text, has_loc ? &first : NULL);
        L->prog->syntax_errors++;
        L->files[self].loading = false;
        return;
    }
    L->prog->syntax_errors += lib->syntax_errors;
    L->prog->lexical_errors += lib->lexical_errors;

    for (const jy_node *n = lib->stmts; n; n = n->next) {
        if (n->kind == JY_N_JOURNEY) {
            jy_diag_id g = jy_diag_report(d, JY_C_IMPORT_JOURNEY, &path->loc,
                                     "'%.*s' contains a journey; only files without one (libraries) can be imported",
                                     (int)path->text.n, path->text.s);
            jy_loc kw = jy_ast_keyword_loc(n);
            jy_diag_note(d, g, &kw, "the journey is here");
            L->prog->syntax_errors++;
            break;
        }
    }
    load_imports(L, lib, self, depth + 1);
    L->files[self].loading = false;
    VEC_PUSH(L->libs, L->nlibs, L->libcap, lib);
}

static void load_imports(loader *L, jy_ast *ast, size_t self, int depth)
{
    (void)self;
    for (const jy_node *n = ast->stmts; n; n = n->next) {
        if (n->kind != JY_N_IMPORT)
            continue;
        if (jy_diags_should_stop(L->diags))
            return;
        load_one(L, ast, n, depth);
    }
}

jy_program *jy_front_load(jy_arena *a, jy_diags *d, uint32_t root_file, const char *import_root,
                       const char *const *include_dirs, size_t ninclude)
{
    return jy_front_load_overlay(a, d, root_file, import_root, include_dirs, ninclude, NULL);
}

jy_program *jy_front_load_overlay(jy_arena *a, jy_diags *d, uint32_t root_file, const char *import_root,
                               const char *const *include_dirs, size_t ninclude, const jy_overlay *overlay)
{
    jy_program *prog = jy_arena_alloc(a, sizeof *prog);
    loader L = { 0 };
    L.arena = a;
    L.diags = d;
    L.prog = prog;
    L.dirs = include_dirs;
    L.ndirs = ninclude;
    L.root = import_root;
    L.overlay = overlay;
    char root_real[PATH_MAX];
    if (import_root && realpath(import_root, root_real))
        L.root_real = root_real;   /* else nothing is inside it */

    prog->root = jy_front_parse(a, d, root_file);
    prog->syntax_errors = prog->root->syntax_errors;
    prog->lexical_errors = prog->root->lexical_errors;

    const char *name = jy_sources_get(jy_diags_sources(d), root_file)->name;
    char real[PATH_MAX];
    loaded root = { jy_xstrdup(strcmp(name, "-") != 0 && realpath(name, real) ? real : "<stdin>"), prog->root, true };
    VEC_PUSH(L.files, L.nfiles, L.cap, root);
    load_imports(&L, prog->root, 0, 1);

    if (L.nlibs) {
        prog->libs = jy_arena_alloc(a, L.nlibs * sizeof *prog->libs);
        memcpy(prog->libs, L.libs, L.nlibs * sizeof *prog->libs);
        prog->nlibs = L.nlibs;
    }
    free(L.libs);
    for (size_t i = 0; i < L.nfiles; i++)
        free(L.files[i].real);
    free(L.files);
    return prog;
}

jy_find_status jy_front_find(const char *from, jy_str path, const char *import_root, const char *const *include_dirs,
                             size_t ninclude, char **found, int *err_no)
{
    loader L = { 0 };
    L.dirs = include_dirs;
    L.ndirs = ninclude;
    L.root = import_root;
    char root_real[PATH_MAX];
    if (import_root && realpath(import_root, root_real))
        L.root_real = root_real;
    *found = NULL;
    *err_no = 0;
    if (path.n == 0 || memchr(path.s, '\0', path.n))
        return JY_FIND_NOT_FOUND;
    return find(&L, from, path, found, err_no);
}

void jy_front_find_places(jy_buf *b, const char *from, const char *const *include_dirs, size_t ninclude)
{
    places(b, from, include_dirs, ninclude);
}
