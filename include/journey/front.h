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

#endif
