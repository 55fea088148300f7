/* journey/front.h - from bytes to syntax trees: parsing and imports. */
#ifndef JOURNEY_FRONT_H
#define JOURNEY_FRONT_H

#include "journey/ast.h"

/* Resource limits (documented in docs/language.md). */
#define JY_MAX_NESTING 16          /* blocks inside blocks */
#define JY_MAX_IMPORT_DEPTH 32     /* files importing files */
#define JY_MAX_STRING (1u << 20)   /* bytes in one string */

/* Parses the source `file` (already added to the engine).  Never returns
 * NULL; syntax errors are reported to the engine and counted in the tree. */
jy_ast *jy_front_parse(jy_arena *a, jy_diags *d, uint32_t file);

/* A journey file with everything it imports. */
typedef struct {
    jy_ast *root;
    jy_ast **libs;             /* imported files, each once, imports first */
    size_t nlibs;
    unsigned syntax_errors;    /* in any file, including import errors */
    unsigned lexical_errors;
} jy_program;

/* Text the caller holds for a path, read instead of the file: an editor's
 * unsaved buffer.  read(ctx, path, &text, &len) is asked about each place
 * an import is looked for, with the path as the loader spells it (the
 * importer's directory joined with the import's text, no normalisation);
 * it returns true and the text (which the loader copies) when it has
 * contents for that path, whether or not a file exists there. */
typedef struct {
    bool (*read)(void *ctx, const char *path, const char **text, size_t *len);
    void *ctx;
} jy_overlay;

/* Parses the root source and, recursively, its imports: relative to the
 * importing file, then to each include directory in order.  With an
 * import_root (a directory; NULL for none), an import that resolves
 * outside it is an error and is not read. */
jy_program *jy_front_load(jy_arena *a, jy_diags *d, uint32_t root_file, const char *import_root,
                       const char *const *include_dirs,
                       size_t ninclude);
/* The same, with an overlay (NULL: none) that supplies the text of paths
 * the caller holds. */
jy_program *jy_front_load_overlay(jy_arena *a, jy_diags *d, uint32_t root_file, const char *import_root,
                               const char *const *include_dirs, size_t ninclude, const jy_overlay *overlay);

/* Finding a file a map names (an import, a baseline, an image): path is
 * tried relative to the directory of `from` (the name of the file that
 * names it, as its source is named; standard input: the current
 * directory), then relative to each include directory in order; an
 * absolute path as it is.  The path found is the directory joined with
 * path, never made absolute, so that it is as relative as the names it
 * comes from.  With an import_root (NULL: none), a path that resolves
 * outside it is JY_FIND_OUTSIDE_ROOT, whether it exists or not.  Only
 * stat(2) and realpath(3) look at the file: nothing is opened.
 *   JY_FIND_OK, JY_FIND_OUTSIDE_ROOT: *found (malloc'd) is the path;
 *   JY_FIND_ERROR: a place could not be looked in (a symbolic link loop,
 *     a permission denied): *found is that place, *err_no says why;
 *   JY_FIND_NOT_FOUND (also for an empty path): *found is NULL. */
typedef enum { JY_FIND_OK, JY_FIND_NOT_FOUND, JY_FIND_ERROR, JY_FIND_OUTSIDE_ROOT } jy_find_status;
jy_find_status jy_front_find(const char *from, jy_str path, const char *import_root, const char *const *include_dirs,
                             size_t ninclude, char **found, int *err_no);
/* Appends where a relative path was looked for: "looked in DIR, -I DIRS"
 * (or a hint to add -I when there is none). */
void jy_front_find_places(jy_buf *b, const char *from, const char *const *include_dirs, size_t ninclude);
/* Whether path is named as a journey map: it ends in ".journey". */
bool jy_front_named_journey(const char *path);
/* Reports with code at loc that the file a map names as path is not a
 * journey map (its name does not say so, and it is not journey text),
 * without quoting any of it; first (NULL: none) is the first thing in it
 * that is not journey text, said in a note. */
jy_diag_id jy_front_not_map(jy_diags *d, unsigned code, const jy_loc *loc, jy_str path, const jy_loc *first);

#endif
