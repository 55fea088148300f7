/* journey/ast.h - the syntax tree of one .journey file.
 *
 * The tree is uniform: every statement is a jy_node with a kind, its
 * arguments in source order and, when it has a block, its children.  The
 * grammar guarantees each kind's argument shape (see docs/language.md), so
 * consumers can rely on it: for example an EMOTION node has an optional
 * IDENT, then a NUMBER, then an optional STRING.
 *
 * Everything is allocated in the compilation's arena.  Locations are byte
 * ranges into the source.  Comments are kept, in source order, and
 * attached to the statements around them for the formatter.
 */
#ifndef JOURNEY_AST_H
#define JOURNEY_AST_H

#include "journey/diag.h"

/* Statement kinds, with the keyword that introduces each. */
#define JY_NODE_LIST(X)                 \
    X(IMPORT, "import")                 \
    X(JOURNEY, "journey")               \
    X(PERSONA, "persona")               \
    X(CHANNEL, "channel")               \
    X(TEAM, "team")                     \
    X(KPI, "kpi")                       \
    X(STAGE, "stage")                   \
    X(STEP, "step")                     \
    X(DESCRIPTION, "description")       \
    X(STATE, "state")                   \
    X(SCALE, "scale")                   \
    X(GOAL, "goal")                     \
    X(NEED, "need")                     \
    X(FRUSTRATION, "frustration")       \
    X(BEHAVIOR, "behavior")             \
    X(QUOTE, "quote")                   \
    X(KIND, "kind")                     \
    X(UNIT, "unit")                     \
    X(TARGET, "target")                 \
    X(BETTER, "better")                 \
    X(PERSONAS, "persona")              \
    X(TOUCHPOINT, "touchpoint")         \
    X(OWNER, "owner")                   \
    X(EMOTION, "emotion")               \
    X(THOUGHT, "thought")               \
    X(PAIN, "pain")                     \
    X(OPPORTUNITY, "opportunity")       \
    X(FRONTSTAGE, "frontstage")         \
    X(BACKSTAGE, "backstage")           \
    X(SUPPORT, "support")               \
    X(METRIC, "metric")                 \
    X(EVIDENCE, "evidence")             \
    X(NOTE, "note")

typedef enum {
#define JY_NODE_ENUM(id, kw) JY_N_##id,
    JY_NODE_LIST(JY_NODE_ENUM)
#undef JY_NODE_ENUM
    JY_N_COUNT,
    JY_N_FILE = JY_N_COUNT     /* the file itself, as a block kind */
} jy_node_kind;

const char *ast_keyword(jy_node_kind k);     /* "emotion" */
const char *ast_kind_noun(jy_node_kind k);   /* "step", "the file" */

typedef enum { JY_ARG_IDENT = 1, JY_ARG_STRING, JY_ARG_NUMBER, JY_ARG_RANGE } jy_arg_type;

typedef struct {
    uint8_t type;
    uint8_t pct;               /* NUMBER: written with % */
    uint8_t is_int;            /* NUMBER: written without a fraction */
    unsigned triple : 1;       /* STRING: written as """...""" */
    unsigned invalid : 1;      /* STRING: had an error (its text is a guess) */
    jy_loc loc;
    jy_str text;               /* IDENT: the name; STRING: the decoded text;
                                  NUMBER, RANGE: the spelling in the source */
    union {
        double num;
        struct {
            int32_t lo, hi;
        } range;
    } v;
} jy_arg;

typedef struct {
    uint32_t lead_first, lead_count;   /* own-line comments before it */
    int32_t trail;                     /* comment after it on its last line, or -1 */
    int32_t header;                    /* comment after its '{' on that line, or -1 */
    uint32_t inner_first, inner_count; /* comments before its closing '}' */
} jy_node_comments;

typedef struct jy_node {
    uint8_t kind;              /* jy_node_kind */
    uint8_t has_block;
    uint8_t id_derived;        /* STAGE, STEP: id derived from the title */
    uint32_t nargs;
    jy_loc loc;                /* keyword through the end of the statement */
    jy_arg *args;
    struct jy_node *child;     /* first statement of the block */
    struct jy_node *next;      /* next statement in the same block */
    jy_str id;                 /* declarations, stages, steps */
    jy_node_comments *cm;      /* NULL when no comment touches it */
} jy_node;

typedef struct {
    jy_loc loc;                /* from '#' to the end of the line */
    jy_str text;               /* including the '#' */
} jy_comment;

typedef struct jy_ast {
    uint32_t file;
    const char *text;          /* the source */
    size_t len;
    jy_node *stmts;            /* top-level statements */
    jy_comment *comments;
    uint32_t ncomments;
    uint32_t tail_first, tail_count;   /* comments after the last statement */
    unsigned syntax_errors;    /* structural errors: the tree may be partial */
    unsigned lexical_errors;   /* bad characters, strings: the tree is whole */
} jy_ast;

/* Location of a node's keyword. */
jy_loc ast_keyword_loc(const jy_node *n);
/* The first argument of the given type, or NULL. */
const jy_arg *ast_arg(const jy_node *n, jy_arg_type type);
/* An id from a title: ASCII letters and digits lower-cased, every run of
 * other characters one '-', none at either end.  May be empty. */
jy_str ast_derive_id(jy_arena *a, jy_str title);

#endif
