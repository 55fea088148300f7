/* ast.c - small helpers over the syntax tree. */
#include "journey/ast.h"

#include <string.h>

static const char *const keywords[JY_N_COUNT] = {
#define JY_NODE_KW(id, kw) kw,
    JY_NODE_LIST(JY_NODE_KW)
#undef JY_NODE_KW
};

const char *ast_keyword(jy_node_kind k)
{
    return k < JY_N_COUNT ? keywords[k] : "file";
}

const char *ast_kind_noun(jy_node_kind k)
{
    switch (k) {
    case JY_N_FILE: return "the file";
    case JY_N_JOURNEY: return "a journey";
    case JY_N_PERSONA: return "a persona";
    case JY_N_CHANNEL: return "a channel";
    case JY_N_TEAM: return "a team";
    case JY_N_KPI: return "a kpi";
    case JY_N_STAGE: return "a stage";
    case JY_N_STEP: return "a step";
    default: return "this statement";
    }
}

jy_loc ast_keyword_loc(const jy_node *n)
{
    jy_loc l = n->loc;
    l.end = l.off + (uint32_t)strlen(ast_keyword((jy_node_kind)n->kind));
    return l;
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
