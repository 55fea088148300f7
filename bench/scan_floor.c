/* scan_floor.c - the floor under `journey check`: journey's scanner alone.
 *
 *     scan_floor FILE
 *
 * Reads FILE as `journey check` does and runs the scanner (grammar/journey.l)
 * over it to the end, token by token, with no parser, no tree and no
 * checker: what reading and scanning the map costs, which no command that
 * reads it can beat.  Prints the number of tokens.  bench/run times it
 * beside `journey check`; it is built with the project but not installed.
 */
#include "parse_ctx.h"
#include "journey_parser.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: scan_floor FILE\n");
        return 2;
    }
    char *text;
    size_t len;
    int err;
    if (jy_file_read(argv[1], false, &text, &len, &err) != JY_READ_OK) {
        fprintf(stderr, "scan_floor: cannot read %s\n", argv[1]);
        return 2;
    }
    jy_diags *d = jy_diags_new();
    jy_diags_set_max_errors(d, 0);
    jy_arena *arena = jy_arena_new();
    jy_ast ast = { 0 };
    jy_parser p = { 0 };
    p.arena = arena;
    p.diags = d;
    p.ast = &ast;
    p.file = jy_sources_add(jy_diags_sources(d), argv[1], text, len);
    p.base = text;
    p.len = len;
    p.bol = true;
    p.stmt_kind = -1;

    void *scanner;
    if (jy_lex_init(&p, &scanner) != 0)
        return 2;
    JY_YYSTYPE val;
    JY_YYLTYPE loc;
    unsigned long tokens = 0;
    while (jy_yylex(&val, &loc, scanner) != 0)
        tokens++;
    jy_lex_destroy(scanner);
    printf("%lu tokens\n", tokens);

    free(p.comments);
    jy_buf_free(&p.scratch);
    jy_arena_free(arena);
    jy_diags_free(d);
    return 0;
}
