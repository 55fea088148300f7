/* ast.c - the statement table (JY_NODE_LIST in journey/ast.h) as data, and
 * small helpers over the syntax tree. */
#include "journey/ast.h"
#include "lex_text.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *keyword;
    uint8_t keyword_len;
    const char *noun;
    unsigned long long parents;   /* bit b: allowed in a block of kind b */
    unsigned long long once;      /* bit b: at most once in a block of kind b */
    uint8_t block;                /* jy_block_rule */
} stmt_row;

#define IN(k) (1ull << JY_N_##k)
#define EVERY (~0ull)
#define ITEMS (IN(THOUGHT) | IN(PAIN) | IN(OPPORTUNITY))
#define LANES (IN(FRONTSTAGE) | IN(BACKSTAGE) | IN(SUPPORT))
static const stmt_row rows[JY_N_COUNT] = {
#define JY_NODE_ROW(id, kw, tok, blk, one, in, noun) { kw, sizeof kw - 1, noun, in, one, JY_BLOCK_##blk },
    JY_NODE_LIST(JY_NODE_ROW)
#undef JY_NODE_ROW
};
#undef IN
#undef EVERY
#undef ITEMS
#undef LANES
_Static_assert(JY_N_FILE < 64, "the parents of a statement are a 64-bit set of block kinds");

const char *jy_ast_keyword(jy_node_kind k)
{
    return k < JY_N_COUNT ? rows[k].keyword : "file";
}

const char *jy_ast_kind_noun(jy_node_kind k)
{
    if (k >= JY_N_COUNT)
        return "the file";
    return rows[k].noun ? rows[k].noun : "this statement";
}

jy_block_rule jy_ast_block_rule(jy_node_kind k)
{
    return k < JY_N_COUNT ? (jy_block_rule)rows[k].block : JY_BLOCK_REQUIRED;
}

bool jy_ast_once(int block, jy_node_kind k)
{
    if (block < 0 || block > JY_N_FILE || k >= JY_N_COUNT)
        return false;
    return (rows[k].once >> block) & 1;
}

bool jy_ast_allowed(int block, int kind)
{
    if (block < 0 || block > JY_N_FILE || kind < 0 || kind >= JY_N_COUNT)
        return false;
    return (rows[kind].parents >> block) & 1;
}

jy_loc jy_ast_keyword_loc(const jy_node *n)
{
    jy_loc l = n->loc;
    l.end = l.off + (n->kind < JY_N_COUNT ? rows[n->kind].keyword_len : 4);
    return l;
}

const jy_node_comments *jy_ast_node_comments(const jy_ast *ast, const jy_node *n)
{
    return n->cm && n->cm <= ast->nnode_comments ? &ast->node_comments[n->cm - 1] : NULL;
}

jy_str jy_ast_node_id(jy_arena *a, const jy_node *n)
{
    switch (n->kind) {
    case JY_N_PERSONA:
    case JY_N_CHANNEL:
    case JY_N_TEAM:
    case JY_N_KPI:
        return n->args[0].text;
    case JY_N_STAGE:
    case JY_N_STEP:
        return n->id_derived ? jy_ast_derive_id(a, n->args[0].text) : n->args[0].text;
    case JY_N_THOUGHT:
    case JY_N_PAIN:
    case JY_N_OPPORTUNITY:
        /* an item's id is never derived */
        return n->nargs > 1 && n->args[0].type == JY_ARG_IDENT ? n->args[0].text : jy_str_make("", 0);
    default:
        return jy_str_make("", 0);
    }
}

/* The scanner's own reading of a number or range (lex_text.c), from the
 * spelling the tree keeps. */
double jy_ast_number(const jy_arg *a)
{
    lex_num num;
    jy_lex_parse_number(a->text.s, a->text.n, &num);
    return num.value;
}

void jy_ast_range(const jy_arg *a, int32_t *lo, int32_t *hi)
{
    lex_bounds r;
    jy_lex_parse_range(a->text.s, a->text.n, &r);
    *lo = r.end[0];
    *hi = r.end[1];
}

bool jy_ast_date(const jy_arg *a, int32_t *days)
{
    *days = 0;
    return a->type == JY_ARG_DATE && !a->invalid && jy_lex_parse_date(a->text.s, a->text.n, days, NULL);
}

const char *jy_ast_format_date(char *buf, int32_t days)
{
    int32_t y, m, d;
    jy_lex_civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999)
        y = y < 1 ? 0 : 9999;
    snprintf(buf, 11, "%04d-%02d-%02d", (int)y, (int)m, (int)d);
    return buf;
}

const jy_arg *jy_ast_arg(const jy_node *n, jy_arg_type type)
{
    for (uint32_t i = 0; i < n->nargs; i++)
        if (n->args[i].type == type)
            return &n->args[i];
    return NULL;
}

jy_str jy_ast_derive_id(jy_arena *a, jy_str title)
{
    char *out = jy_arena_alloc(a, title.n + 1);
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

/* ---- the spelling of text in a map --------------------------------------- */

/* Characters written as \u{XXXX}: controls, and characters that change
 * how text around them reads without showing themselves. */
static bool escaped_char(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF;
}

/* Renders text (without line breaks) to b: escapes as the design notes
 * say.  In a triple-quoted text (triple), '"' is escaped only as the third
 * of a run; elsewhere a line break is \n (the formatter writes a text with
 * one triple-quoted, but jy_ast_quote_text shows any text on one line). */
void jy_ast_spell_text(jy_buf *b, jy_str t, bool triple)
{
    const unsigned char *s = (const unsigned char *)t.s;
    size_t n = t.n, i = 0;
    int quotes = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] >= 0x20 && s[j] < 0x7F && s[j] != '"' && s[j] != '\\')
            j++;
        if (j > i) {
            jy_buf_add(b, s + i, j - i);
            quotes = 0;
            i = j;
            continue;
        }
        unsigned char c = s[i];
        if (c == '"') {
            if (!triple || ++quotes == 3) {
                jy_buf_add(b, "\\\"", 2);
                quotes = 0;
            } else {
                jy_buf_addc(b, '"');
            }
            i++;
            continue;
        }
        quotes = 0;
        if (c == '\\') {
            jy_buf_add(b, "\\\\", 2);
            i++;
            continue;
        }
        if (c == '\t' || c == '\n') {
            jy_buf_add(b, c == '\t' ? "\\t" : "\\n", 2);
            i++;
            continue;
        }
        size_t len = c < 0x80 ? 1 : jy_utf8_seq_len(s + i, n - i);
        if (len == 0)
            len = 1;   /* cannot happen: the scanner validated the text */
        uint32_t cp = jy_utf8_decode((const char *)s + i, len);
        if (escaped_char(cp))
            jy_buf_printf(b, "\\u{%04X}", (unsigned)cp);
        else
            jy_buf_add(b, s + i, len);
        i += len;
    }
}

void jy_ast_quote_text(jy_buf *out, jy_str text)
{
    jy_buf_addc(out, '"');
    jy_ast_spell_text(out, text, false);
    jy_buf_addc(out, '"');
}
