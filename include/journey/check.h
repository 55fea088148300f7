/* journey/check.h - checking a program, and the whole compilation. */
#ifndef JOURNEY_CHECK_H
#define JOURNEY_CHECK_H

#include "journey/front.h"
#include "journey/model.h"

/* Resolves names, runs every check and builds the model.  Reports to d.
 * today (days since 1970-01-01, UTC) is the day date checks compare with
 * (overdue-review). */
jy_model *jy_sema_check(jy_arena *a, jy_diags *d, const jy_program *prog, int32_t today);

/* One compilation: a file, everything it imports, and its model. */
typedef struct {
    jy_arena *arena;
    jy_diags *diags;           /* owns the sources */
    jy_program *prog;
    jy_model *model;           /* NULL when the trees had structural errors */
    jy_read_status read_status;/* of the root file; not OK: nothing else is set */
    int read_errno;
    jy_file_id *inputs;        /* the regular files read: the root file (also
                                  as standard input) and each import; what an
                                  output must never replace */
    size_t ninputs;
} jy_compilation;

typedef struct {
    const char *const *include_dirs;
    size_t ninclude;
    const char *import_root;   /* imports must resolve inside it; NULL: anywhere */
    int32_t today;             /* the day date checks take as today, in days
                                  since 1970-01-01 (UTC); 0: jy_compile_today() */
    const char *stdin_name;    /* what standard input ("-") is called in
                                  diagnostics, and where its imports are
                                  looked for (beside it); NULL: "<stdin>",
                                  imports from the current directory */
    const jy_overlay *overlay; /* text held for paths, read instead of the
                                  files (imports); NULL: none */
} jy_compile_options;

/* Today for date checks, in days since 1970-01-01 (UTC): from
 * SOURCE_DATE_EPOCH (seconds since the epoch) when it is set to a valid
 * value, so that a build or CI gets the same result every time, else from
 * the clock.  Read when called: a caller that fills
 * jy_compile_options.today itself decides where today comes from. */
int32_t jy_compile_today(void);

/* Reads path ("-" for standard input) into the engine d (which the caller
 * creates and configures, and which outlives the compilation) and
 * compiles it.  The result is owned by the caller: jy_compilation_free. */
jy_compilation *jy_compile_file(jy_diags *d, const char *path, const jy_compile_options *opts);
/* The same from text in memory (copied); name is shown in diagnostics. */
jy_compilation *jy_compile_text(jy_diags *d, const char *name, const char *text, size_t len,
                             const jy_compile_options *opts);
/* Parses path ("-" for standard input) or text in memory alone: no import
 * is loaded and nothing is checked, so neither missing imports nor
 * semantic errors matter (the formatter's view of a file).  prog->root is
 * the tree, prog->nlibs is 0, model is NULL; syntax and lexical errors are
 * reported to d and counted in prog. */
jy_compilation *jy_compile_parse_file(jy_diags *d, const char *path);
jy_compilation *jy_compile_parse_text(jy_diags *d, const char *name, const char *text, size_t len);
/* Whether a parse left a tree the formatter can write again: no structural
 * or lexical error, and the run was not cut short by the error limit (a
 * statement repeated where it may appear once is the checker's business
 * and does not count). */
bool jy_compile_tree_whole(const jy_compilation *c, const jy_diags *d);
void jy_compilation_free(jy_compilation *c);

#endif
