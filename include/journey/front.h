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

/* Parses the root source and, recursively, its imports: relative to the
 * importing file, then to each include directory in order.  With an
 * import_root (a directory; NULL for none), an import that resolves
 * outside it is an error and is not read. */
jy_program *jy_front_load(jy_arena *a, jy_diags *d, uint32_t root_file, const char *import_root,
                       const char *const *include_dirs,
                       size_t ninclude);

#endif
