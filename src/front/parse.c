/* parse.c - the parser driver: grammar actions, placement, comments.
 *
 * Design notes
 * - jy_front_parse runs the scanner and the bison parser over one source and
 *   then makes three passes over the tree:
 *     1. placement: every statement must be allowed in its block (the
 *        statement table, JY_NODE_LIST in journey/ast.h); misplaced ones get a message that says where they
 *        belong, and a hint when a missing '}' is the likely cause;
 *        imports come first in a file and a file holds one journey;
 *     2. single statements (those the table marks `once`: description,
 *        state, scale, quote...) appear at most once per block;
 *     3. comments are attached to the statements around them, for fmt.
 * - Syntax and placement errors make the tree unreliable, so the checker
 *   is skipped for that program; a repeated statement or a bad string does
 *   not (the tree is whole), so the checker still runs.
 */
#include "parse_ctx.h"
#include "journey_parser.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- placement ----------------------------------------------------------- */

/* As for names (check.c): a keyword as far from the word as the word is
 * long is no suggestion. */
const char *jy_pa_suggest_keyword(int block, jy_str word)
{
    const char *best = NULL;
    unsigned best_d = word.n <= 3 ? 1 : 2;
    for (int pass = 0; pass < 2 && !best; pass++) {
        for (int k = 0; k < JY_N_COUNT; k++) {
            if (pass == 0 && !jy_ast_allowed(block, k))
                continue;
            const char *kw = jy_ast_keyword((jy_node_kind)k);
            unsigned d = jy_edit_distance(word, jy_str_make(kw, strlen(kw)), best_d);
            if (d <= best_d && (!best || d < best_d) && d < word.n) {
                best = kw;
                best_d = d;
            }
        }
    }
    return best;
}

void jy_pa_list_allowed(jy_buf *b, int block)
{
    bool first = true;
    for (int k = 0; k < JY_N_COUNT; k++) {
        if (!jy_ast_allowed(block, k))
            continue;
        const char *kw = jy_ast_keyword((jy_node_kind)k);
        if (k == JY_N_PERSONAS && jy_ast_allowed(block, JY_N_PERSONA))
            continue;
        jy_buf_printf(b, "%s%s", first ? "" : ", ", kw);
        first = false;
    }
}

/* ---- diagnostics --------------------------------------------------------- */

jy_diag_id jy_pa_error(jy_parser *p, unsigned code, const jy_loc *loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jy_buf b = { 0 };
    char small[512];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap2);
    va_end(ap2);
    if (n >= (int)sizeof small) {
        jy_buf_reserve(&b, (size_t)n + 1);
        vsnprintf(b.p, (size_t)n + 1, fmt, ap);
    }
    va_end(ap);
    jy_diag_id d = jy_diag_report(p->diags, code, loc, "%s", b.p ? b.p : small);
    jy_buf_free(&b);
    p->have_error = true;
    p->last_error_off = loc->off;
    if (jy_diags_should_stop(p->diags))
        p->fatal = true;   /* the scanner ends the input: nothing more is reported */
    return d;
}

bool jy_pa_same_line(const jy_parser *p, uint32_t a, uint32_t b)
{
    if (a > b) {
        uint32_t t = a;
        a = b;
        b = t;
    }
    if (b > p->len)
        b = (uint32_t)p->len;
    return a >= b || memchr(p->base + a, '\n', b - a) == NULL;
}

/* ---- actions ------------------------------------------------------------- */

jy_node *jy_pa_stmt(jy_parser *p, int kind, const jy_loc *loc, int nargs, const jy_arg *a1, const jy_arg *a2,
                 const jy_arg *a3)
{
    jy_node *n = jy_arena_alloc(p->arena, sizeof *n + (size_t)nargs * sizeof n->args[0]);
    n->kind = (uint8_t)kind;
    n->loc = *loc;
    n->nargs = (uint32_t)nargs;
    const jy_arg *src[3] = { a1, a2, a3 };
    for (int i = 0; i < nargs; i++)
        n->args[i] = *src[i];
    /* A stage or step without a name: its id comes from its title. */
    if ((kind == JY_N_STAGE || kind == JY_N_STEP) && n->args[0].type != JY_ARG_IDENT)
        n->id_derived = 1;
    return n;
}

jy_node *jy_pa_list_stmt(jy_parser *p, int kind, const jy_loc *loc, const jy_arglist *list)
{
    jy_node *n = jy_arena_alloc(p->arena, sizeof *n + (size_t)list->n * sizeof n->args[0]);
    n->kind = (uint8_t)kind;
    n->loc = *loc;
    n->nargs = list->n;
    if (list->n)
        memcpy(n->args, list->items, list->n * sizeof n->args[0]);
    return n;
}

void jy_pa_arglist_push(jy_parser *p, jy_arglist *l, const jy_arg *a)
{
    if (l->n == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 4;
        jy_arg *items = jy_arena_alloc(p->arena, cap * sizeof *items);
        if (l->n)
            memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = *a;
}

void jy_pa_set_block(jy_node *n, jy_list block)
{
    n->has_block = 1;
    n->child = block.first;
}

jy_list jy_pa_append(jy_list l, jy_node *n)
{
    if (!n)
        return l;
    n->next = NULL;
    if (l.last)
        l.last->next = n;
    else
        l.first = n;
    l.last = n;
    return l;
}

void jy_pa_finish(jy_parser *p, jy_list top)
{
    p->ast->stmts = top.first;
}

void jy_pa_brace_next_line(jy_parser *p, const jy_loc *block, const jy_loc *kw, const char *keyword)
{
    jy_loc brace = { block->file, block->off, block->off + 1 };
    jy_loc word = { kw->file, kw->off, kw->off + (uint32_t)strlen(keyword) };
    jy_diag_id d = jy_pa_error(p, JY_C_SYNTAX, &brace, "a block's '{' must be on the same line as its statement");
    jy_diag_note(p->diags, d, &word, "it belongs on the line of this '%s'", keyword);
    p->ast->lexical_errors++;   /* the block is kept: the tree is whole */
}

/* ---- pass 1 and 2: placement and single statements ----------------------- */

static void check_block(jy_parser *p, int block, const jy_node *parent, const jy_node *first,
                        const jy_node *const *ancestors, int nanc)
{
    const jy_node *seen[JY_N_COUNT] = { 0 };
    const jy_node *first_decl = NULL, *journey = NULL;
    for (const jy_node *n = first; n; n = n->next) {
        jy_loc kw = jy_ast_keyword_loc(n);
        if (block == JY_N_FILE) {
            if (n->kind == JY_N_IMPORT && first_decl) {
                jy_diag_id d = jy_pa_error(p, JY_C_MISPLACED, &kw, "imports must come before everything else in the file");
                jy_loc fl = jy_ast_keyword_loc(first_decl);
                jy_diag_note(p->diags, d, &fl, "the first %s is here", jy_ast_keyword((jy_node_kind)first_decl->kind));
                p->ast->syntax_errors++;
            } else if (n->kind != JY_N_IMPORT && !first_decl) {
                first_decl = n;
            }
            if (n->kind == JY_N_JOURNEY) {
                if (journey) {
                    jy_diag_id d = jy_pa_error(p, JY_C_MISPLACED, &kw, "a file may hold only one journey");
                    jy_loc fl = jy_ast_keyword_loc(journey);
                    jy_diag_note(p->diags, d, &fl, "the first journey is here");
                    p->ast->syntax_errors++;
                } else {
                    journey = n;
                }
            }
        }
        if (!jy_ast_allowed(block, n->kind)) {
            p->ast->syntax_errors++;
            jy_diag_id d;
            if (n->kind == JY_N_PERSONAS && jy_ast_allowed(block, JY_N_PERSONA)) {
                d = jy_pa_error(p, JY_C_SYNTAX, &n->loc, "a persona declaration needs a title, as in: persona %.*s \"Full name\"",
                             (int)n->args[0].text.n, n->args[0].text.s);
            } else if (n->kind == JY_N_PERSONA && jy_ast_allowed(block, JY_N_PERSONAS)) {
                /* "a step", "an opportunity": the noun without its article */
                const char *noun = jy_ast_kind_noun((jy_node_kind)block);
                const char *bare = strchr(noun, ' ') ? strchr(noun, ' ') + 1 : noun;
                d = jy_pa_error(p, JY_C_MISPLACED, &kw,
                             "personas are declared in the journey, not in %s; to say whom this %s "
                             "concerns, write: persona %.*s",
                             noun, bare, (int)n->args[0].text.n, n->args[0].text.s);
            } else {
                d = jy_pa_error(p, JY_C_MISPLACED, &kw, "'%s' cannot appear in %s", jy_ast_keyword((jy_node_kind)n->kind),
                             jy_ast_kind_noun((jy_node_kind)block));
                /* A statement that belongs to an enclosing block usually
                 * means the '}' of the block it landed in is missing. */
                bool outer = false;
                bool opens_block = jy_ast_block_rule((jy_node_kind)n->kind) != JY_BLOCK_NONE;
                for (int i = nanc - 1; i >= 0 && !outer; i--)
                    outer = jy_ast_allowed(i ? ancestors[i - 1]->kind : JY_N_FILE, n->kind);
                if (outer && opens_block && parent) {
                    jy_loc pl = jy_ast_keyword_loc(parent);
                    jy_diag_note(p->diags, d, &pl, "is a '}' missing? the %s that contains it starts here",
                              jy_ast_keyword((jy_node_kind)parent->kind));
                } else {
                    jy_buf b = { 0 };
                    jy_pa_list_allowed(&b, block);
                    if (b.len)
                        jy_diag_note(p->diags, d, NULL, "%s may contain: %s", jy_ast_kind_noun((jy_node_kind)block),
                                  jy_buf_cstr(&b));
                    else
                        jy_diag_note(p->diags, d, NULL, "%s has no block statements", jy_ast_kind_noun((jy_node_kind)block));
                    jy_buf_free(&b);
                }
            }
        } else if (jy_ast_once(block, (jy_node_kind)n->kind)) {
            if (seen[n->kind]) {
                jy_diag_id d = jy_pa_error(p, JY_C_REPEATED, &kw, "'%s' may appear only once in %s",
                                      jy_ast_keyword((jy_node_kind)n->kind), jy_ast_kind_noun((jy_node_kind)block));
                jy_loc fl = jy_ast_keyword_loc(seen[n->kind]);
                jy_diag_note(p->diags, d, &fl, "it is first given here");
                p->ast->lexical_errors++;
            } else {
                seen[n->kind] = n;
            }
        }
        if (n->child && nanc < JY_MAX_NESTING) {
            const jy_node *anc[JY_MAX_NESTING + 1];
            if (nanc)
                memcpy(anc, ancestors, (size_t)nanc * sizeof *anc);
            anc[nanc] = n;
            check_block(p, n->kind == JY_N_PERSONAS ? JY_N_PERSONA : n->kind, n, n->child, anc, nanc + 1);
        }
        if (jy_diags_should_stop(p->diags))
            return;
    }
}

/* ---- pass 3: comments ---------------------------------------------------- */

typedef struct {
    jy_parser *p;
    uint32_t cur;
} attach_ctx;

static jy_node_comments *cm_of(jy_parser *p, jy_node *n)
{
    if (!n->cm) {
        jy_node_comments empty = { 0, 0, -1, -1, 0, 0 };
        VEC_PUSH(p->node_comments, p->nnode_comments, p->nccap, empty);
        n->cm = p->nnode_comments;
    }
    return &p->node_comments[n->cm - 1];
}

static uint32_t lbrace_offset(const jy_parser *p, const jy_node *n)
{
    uint32_t off = n->nargs ? n->args[n->nargs - 1].loc.end : n->loc.off;
    while (off < p->len && p->base[off] != '{')
        off++;
    return off;
}

/* Attaches the comments of one block, whose statements start at `first`
 * and which ends at `limit` (its closing '}', or the end of the file).  A
 * comment on the line where a statement ends trails that statement only if
 * it comes before the next statement and before the block's end: in
 * `a; b  # c` the comment belongs to b, and in `step "S" { a }  # c` to the
 * step, not to a.  Likewise a comment after a '{' is the block's header
 * only if it comes before the block's first statement. */
static void attach(attach_ctx *c, jy_node *first, uint32_t limit)
{
    jy_parser *p = c->p;
    const jy_comment *cs = p->comments;
    for (jy_node *n = first; n && c->cur < p->ncomments; n = n->next) {
        uint32_t start = c->cur;
        while (c->cur < p->ncomments && cs[c->cur].loc.off < n->loc.off)
            c->cur++;
        if (c->cur > start) {
            jy_node_comments *m = cm_of(p, n);
            m->lead_first = start;
            m->lead_count = c->cur - start;
        }
        if (n->has_block) {
            uint32_t lb = lbrace_offset(p, n);
            uint32_t body = n->child ? n->child->loc.off : n->loc.end;
            if (c->cur < p->ncomments && cs[c->cur].loc.off > lb && cs[c->cur].loc.off < body &&
                jy_pa_same_line(p, lb, cs[c->cur].loc.off))
                cm_of(p, n)->header = (int32_t)c->cur++;
            attach(c, n->child, n->loc.end);
            start = c->cur;
            while (c->cur < p->ncomments && cs[c->cur].loc.off < n->loc.end)
                c->cur++;
            if (c->cur > start) {
                jy_node_comments *m = cm_of(p, n);
                m->inner_first = start;
                m->inner_count = c->cur - start;
            }
        }
        uint32_t before = n->next ? n->next->loc.off : limit;
        if (c->cur < p->ncomments && cs[c->cur].loc.off < before && jy_pa_same_line(p, n->loc.end, cs[c->cur].loc.off))
            cm_of(p, n)->trail = (int32_t)c->cur++;
    }
}

/* ---- driver -------------------------------------------------------------- */

jy_ast *jy_front_parse(jy_arena *a, jy_diags *d, uint32_t file)
{
    jy_sources *sources = jy_diags_sources(d);
    const jy_source *src = jy_sources_get(sources, file);
    jy_ast *ast = jy_arena_alloc(a, sizeof *ast);
    ast->file = file;
    ast->text = src->text;
    ast->len = src->len;

    jy_parser p = { 0 };
    p.arena = a;
    p.diags = d;
    p.ast = ast;
    p.file = file;
    p.base = src->text;
    p.len = src->len;
    p.bol = true;
    p.stmt_kind = -1;

    /* NUL bytes: one error per run, then they become spaces (see the
     * design notes of journey.l).  The text is the engine's own copy. */
    char *text = jy_sources_text(sources, file);   /* the scanner works in place */
    for (char *q = memchr(text, '\0', src->len); q; q = memchr(q, '\0', (size_t)(text + src->len - q))) {
        char *start = q;
        while (q < text + src->len && *q == '\0')
            *q++ = ' ';
        jy_loc at = { file, (uint32_t)(start - text), (uint32_t)(q - text) };
        jy_pa_error(&p, JY_C_BAD_CHAR, &at, q - start > 1 ? "NUL bytes in the text" : "a NUL byte in the text");
        ast->lexical_errors++;
        if (q >= text + src->len)
            break;
    }

    void *scanner;
    if (jy_lex_init(&p, &scanner) != 0)
        jy_out_of_memory();
    int rc = jy_yyparse(scanner, &p);
    jy_lex_destroy(scanner);
    if (rc == 2) {
        jy_loc at = { file, 0, 0 };
        jy_pa_error(&p, JY_C_LIMIT, &at, "the parser ran out of memory");
        ast->syntax_errors++;
    } else if (rc != 0 && ast->syntax_errors == 0) {
        ast->syntax_errors++;   /* aborted on an error already reported */
    }

    if (!jy_diags_should_stop(d))
        check_block(&p, JY_N_FILE, NULL, ast->stmts, NULL, 0);

    /* Move the comments into the arena and attach them. */
    if (p.ncomments) {
        ast->comments = jy_arena_alloc(a, p.ncomments * sizeof *ast->comments);
        memcpy(ast->comments, p.comments, p.ncomments * sizeof *ast->comments);
        ast->ncomments = p.ncomments;
    }
    attach_ctx c = { &p, 0 };
    if (p.ncomments)
        attach(&c, ast->stmts, (uint32_t)ast->len);
    ast->tail_first = c.cur;
    ast->tail_count = p.ncomments - c.cur;
    if (p.nnode_comments) {
        ast->node_comments = jy_arena_alloc(a, p.nnode_comments * sizeof *ast->node_comments);
        memcpy(ast->node_comments, p.node_comments, p.nnode_comments * sizeof *ast->node_comments);
        ast->nnode_comments = p.nnode_comments;
    }
    free(p.node_comments);
    free(p.comments);
    jy_buf_free(&p.scratch);
    return ast;
}
