/* parse_ctx.h - state shared by the scanner, the grammar and parse.c.
 * Internal to the front end. */
#ifndef JOURNEY_PARSE_CTX_H
#define JOURNEY_PARSE_CTX_H

#include "journey/ast.h"
#include "journey/codes.h"
#include "journey/front.h"

typedef struct {
    jy_node *first, *last;
} jy_list;

typedef struct {
    jy_arg *items;
    uint32_t n, cap;
} jy_arglist;

typedef struct {
    int stmt;                  /* node kind of the statement that opened it */
    jy_loc loc;                /* the '{' */
    uint32_t stmt_off;         /* where that statement's keyword starts */
} jy_brace;

typedef struct jy_parser {
    jy_arena *arena;
    jy_diags *diags;
    jy_ast *ast;
    uint32_t file;
    const char *base;          /* the source text */
    size_t len;

    /* scanner state */
    bool bol;                  /* the next word starts a statement */
    int stmt_kind;             /* node kind of the current statement's keyword, -1 */
    jy_loc stmt_loc;           /* its keyword */
    int prev_tok;              /* token returned before the current one */
    int cur_tok;
    uint32_t brace_after_nl;   /* the current token is a new line and the next
                                  line starts with a '{' here; else 0 */
    jy_brace braces[JY_MAX_NESTING];
    int depth;                 /* open braces (may exceed the array: then fatal) */
    bool stray_rbrace;         /* the last '}' matched no '{' */
    bool eof_reported;         /* blocks open at the end were reported */
    bool fatal;                /* stop: the scanner returns end of file */
    uint32_t triple_start;     /* offset of an open """ */
    bool triple_open;          /* a """ ran to the end of the file */
    uint32_t bad_end;          /* end of the last run of bad characters */
    jy_buf scratch;            /* string decoding */
    jy_comment *comments;
    uint32_t ncomments, ccap;
    jy_node_comments *node_comments;   /* what jy_node.cm indexes (pass 3) */
    uint32_t nnode_comments, nccap;

    /* errors */
    bool have_error;
    uint32_t last_error_off;   /* anti-cascade: one syntax error per line */
} jy_parser;

/* Scanner interface (journey.l). */
int jy_lex_init(jy_parser *p, void **scanner);
void jy_lex_destroy(void *scanner);

/* Grammar actions (parse.c). */
jy_node *jy_pa_stmt(jy_parser *p, int kind, const jy_loc *loc, int nargs, const jy_arg *a1, const jy_arg *a2,
                 const jy_arg *a3);
jy_node *jy_pa_list_stmt(jy_parser *p, int kind, const jy_loc *loc, const jy_arglist *list);
void jy_pa_set_block(jy_node *n, jy_list block);
jy_list jy_pa_append(jy_list l, jy_node *n);
void jy_pa_arglist_push(jy_parser *p, jy_arglist *l, const jy_arg *a);
void jy_pa_finish(jy_parser *p, jy_list top);
/* A block whose '{' is on the line after its statement (block: the block,
 * kw: the statement's keyword): an error at the '{', counted as one that
 * leaves the tree whole. */
void jy_pa_brace_next_line(jy_parser *p, const jy_loc *block, const jy_loc *kw, const char *keyword);

/* Diagnostics helpers (parse.c). */
jy_diag_id jy_pa_error(jy_parser *p, unsigned code, const jy_loc *loc, const char *fmt, ...) JY_PRINTF(4, 5);
bool jy_pa_same_line(const jy_parser *p, uint32_t a, uint32_t b);
/* The keyword closest to `word` among those allowed in a block of kind
 * `block` (a node kind or JY_N_FILE), or NULL. */
const char *jy_pa_suggest_keyword(int block, jy_str word);
/* The keywords of the statements a block of kind `block` may hold, joined
 * by ", " (the file's top level: JY_N_FILE). */
void jy_pa_list_allowed(jy_buf *b, int block);

#endif
