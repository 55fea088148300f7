/* ast.c - the statement table (JY_NODE_LIST in journey/ast.h) as data, and
 * small helpers over the syntax tree. */
#include "journey/ast.h"

#include <string.h>

typedef struct {
    const char *keyword;
    uint8_t keyword_len;
    const char *noun;
    unsigned long long parents;   /* bit b: allowed in a block of kind b */
    uint8_t block;                /* jy_block_rule */
    bool once;
} stmt_row;

#define IN(k) (1ull << JY_N_##k)
static const stmt_row rows[JY_N_COUNT] = {
#define JY_NODE_ROW(id, kw, tok, blk, one, in, noun) { kw, sizeof kw - 1, noun, in, JY_BLOCK_##blk, one },
    JY_NODE_LIST(JY_NODE_ROW)
#undef JY_NODE_ROW
};
#undef IN
_Static_assert(JY_N_FILE < 64, "the parents of a statement are a 64-bit set of block kinds");

const char *ast_keyword(jy_node_kind k)
{
    return k < JY_N_COUNT ? rows[k].keyword : "file";
}

const char *ast_kind_noun(jy_node_kind k)
{
    if (k >= JY_N_COUNT)
        return "the file";
    return rows[k].noun ? rows[k].noun : "this statement";
}

jy_block_rule ast_block_rule(jy_node_kind k)
{
    return k < JY_N_COUNT ? (jy_block_rule)rows[k].block : JY_BLOCK_REQUIRED;
}

bool ast_once(jy_node_kind k)
{
    return k < JY_N_COUNT && rows[k].once;
}

bool ast_allowed(int block, int kind)
{
    if (block < 0 || block > JY_N_FILE || kind < 0 || kind >= JY_N_COUNT)
        return false;
    return (rows[kind].parents >> block) & 1;
}

jy_loc ast_keyword_loc(const jy_node *n)
{
    jy_loc l = n->loc;
    l.end = l.off + (n->kind < JY_N_COUNT ? rows[n->kind].keyword_len : 4);
    return l;
}

const jy_node_comments *ast_node_comments(const jy_ast *ast, const jy_node *n)
{
    return n->cm && n->cm <= ast->nnode_comments ? &ast->node_comments[n->cm - 1] : NULL;
}

jy_str ast_node_id(jy_arena *a, const jy_node *n)
{
    switch (n->kind) {
    case JY_N_PERSONA:
    case JY_N_CHANNEL:
    case JY_N_TEAM:
    case JY_N_KPI:
        return n->args[0].text;
    case JY_N_STAGE:
    case JY_N_STEP:
        return n->id_derived ? ast_derive_id(a, n->args[0].text) : n->args[0].text;
    default:
        return jy_str_make("", 0);
    }
}

const jy_arg *ast_arg(const jy_node *n, jy_arg_type type)
{
    for (uint32_t i = 0; i < n->nargs; i++)
        if (n->args[i].type == type)
            return &n->args[i];
    return NULL;
}

jy_str ast_derive_id(jy_arena *a, jy_str title)
{
    char *out = arena_alloc(a, title.n + 1);
    size_t n = 0;
    bool dash = false;
    for (uint32_t i = 0; i < title.n; i++) {
        char c = title.s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && n > 0)
                out[n++] = '-';
            out[n++] = c;
            dash = false;
        } else {
            dash = true;
        }
    }
    out[n] = '\0';
    return jy_str_make(out, n);
}
