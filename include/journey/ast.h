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

/* The statements: one row each, and everything about a statement that is
 * not its grammar rule (grammar/journey.y) follows from its row:
 *
 *   X(KIND, keyword, TOKEN, block, once, parents, noun)
 *
 *   KIND     the node kind, JY_N_KIND
 *   keyword  the word that starts it (the scanner's keyword table)
 *   TOKEN    the grammar's token for that word, TOK_KW_TOKEN; a word with
 *            two statements (persona: a declaration, or a step's list of
 *            personas) has one token, and the first row with the word is
 *            the kind the scanner reports
 *   block    NONE, OPTIONAL or REQUIRED: whether it takes a { block }
 *   once     the blocks in which it may appear at most once: 0 (none),
 *            EVERY (wherever it appears) or a set IN(JOURNEY) | ... (owner:
 *            once in a journey, an opportunity or a blueprint lane entry,
 *            repeatable in a step)
 *   parents  the blocks it may appear in, as IN(FILE) | IN(STEP) ...
 *   noun     how messages name a block of this kind ("a step"); NULL for
 *            a statement without a block
 *
 * ITEMS is IN(THOUGHT) | IN(PAIN) | IN(OPPORTUNITY), the blocks of a step's
 * items; LANES is IN(FRONTSTAGE) | IN(BACKSTAGE) | IN(SUPPORT), the blocks of
 * its blueprint lanes.
 *
 * tests/grammar/test_table.py fails when the grammar and this table
 * disagree (a token without a rule, a rule for no row). */
#define JY_NODE_LIST(X)                                                                            \
    X(IMPORT, "import", IMPORT, NONE, 0, IN(FILE), NULL)                                           \
    X(JOURNEY, "journey", JOURNEY, REQUIRED, 0, IN(FILE), "a journey")                             \
    X(PERSONA, "persona", PERSONA, OPTIONAL, 0, IN(FILE) | IN(JOURNEY), "a persona")               \
    X(CHANNEL, "channel", CHANNEL, OPTIONAL, 0, IN(FILE) | IN(JOURNEY), "a channel")               \
    X(TEAM, "team", TEAM, OPTIONAL, 0, IN(FILE) | IN(JOURNEY), "a team")                           \
    X(KPI, "kpi", KPI, OPTIONAL, 0, IN(FILE) | IN(JOURNEY), "a kpi")                               \
    X(STAGE, "stage", STAGE, REQUIRED, 0, IN(JOURNEY), "a stage")                                  \
    X(STEP, "step", STEP, OPTIONAL, 0, IN(STAGE), "a step")                                        \
    X(DESCRIPTION, "description", DESCRIPTION, NONE, EVERY,                                        \
      IN(JOURNEY) | IN(PERSONA) | IN(CHANNEL) | IN(TEAM) | IN(KPI) | IN(STAGE) | IN(STEP), NULL)   \
    X(STATE, "state", STATE, NONE, EVERY, IN(JOURNEY), NULL)                                       \
    X(SCALE, "scale", SCALE, NONE, EVERY, IN(JOURNEY), NULL)                                       \
    X(REVIEWED, "reviewed", REVIEWED, NONE, EVERY, IN(JOURNEY), NULL)                              \
    X(NEXT_REVIEW, "next-review", NEXT_REVIEW, NONE, EVERY, IN(JOURNEY), NULL)                     \
    X(GOAL, "goal", GOAL, NONE, 0, IN(PERSONA) | IN(STAGE), NULL)                                  \
    X(NEED, "need", NEED, NONE, 0, IN(PERSONA), NULL)                                              \
    X(FRUSTRATION, "frustration", FRUSTRATION, NONE, 0, IN(PERSONA), NULL)                         \
    X(BEHAVIOR, "behavior", BEHAVIOR, NONE, 0, IN(PERSONA), NULL)                                  \
    X(QUOTE, "quote", QUOTE, NONE, EVERY, IN(PERSONA), NULL)                                       \
    X(KIND, "kind", KIND, NONE, EVERY, IN(CHANNEL), NULL)                                          \
    X(UNIT, "unit", UNIT, NONE, EVERY, IN(KPI), NULL)                                              \
    X(TARGET, "target", TARGET, NONE, EVERY, IN(KPI), NULL)                                        \
    X(BETTER, "better", BETTER, NONE, EVERY, IN(KPI), NULL)                                        \
    X(PERSONAS, "persona", PERSONA, NONE, 0, IN(STEP) | ITEMS, NULL)                               \
    X(TOUCHPOINT, "touchpoint", TOUCHPOINT, NONE, 0, IN(STEP), NULL)                               \
    X(OWNER, "owner", OWNER, NONE, IN(JOURNEY) | IN(OPPORTUNITY) | LANES,                          \
      IN(JOURNEY) | IN(STEP) | IN(OPPORTUNITY) | LANES, NULL)                                      \
    X(EMOTION, "emotion", EMOTION, NONE, 0, IN(STEP), NULL)                                        \
    X(THOUGHT, "thought", THOUGHT, OPTIONAL, 0, IN(STEP), "a thought")                             \
    X(PAIN, "pain", PAIN, OPTIONAL, 0, IN(STEP), "a pain")                                         \
    X(OPPORTUNITY, "opportunity", OPPORTUNITY, OPTIONAL, 0, IN(STEP), "an opportunity")            \
    X(FRONTSTAGE, "frontstage", FRONTSTAGE, OPTIONAL, 0, IN(STEP), "a frontstage action")          \
    X(BACKSTAGE, "backstage", BACKSTAGE, OPTIONAL, 0, IN(STEP), "a backstage action")              \
    X(SUPPORT, "support", SUPPORT, OPTIONAL, 0, IN(STEP), "a support process")                     \
    X(METRIC, "metric", METRIC, NONE, 0, IN(STEP), NULL)                                           \
    X(EVIDENCE, "evidence", EVIDENCE, NONE, 0, IN(STEP), NULL)                                     \
    X(NOTE, "note", NOTE, NONE, 0, IN(STEP), NULL)                                                 \
    X(MOMENT, "moment", MOMENT, NONE, EVERY, IN(STEP), NULL)                                       \
    X(TAG, "tag", TAG, NONE, 0, IN(STEP) | ITEMS | LANES, NULL)                                    \
    X(ARTIFACT, "artifact", ARTIFACT, NONE, 0, IN(STEP), NULL)                                     \
    X(SEVERITY, "severity", SEVERITY, NONE, EVERY, IN(PAIN), NULL)                                 \
    X(SOLVES, "solves", SOLVES, NONE, 0, IN(OPPORTUNITY), NULL)                                    \
    X(IMPACT, "impact", IMPACT, NONE, EVERY, IN(OPPORTUNITY), NULL)                                \
    X(EFFORT, "effort", EFFORT, NONE, EVERY, IN(OPPORTUNITY), NULL)                                \
    X(STATUS, "status", STATUS, NONE, EVERY, IN(OPPORTUNITY), NULL)                                \
    X(BASELINE, "baseline", BASELINE, NONE, EVERY, IN(JOURNEY), NULL)                              \
    X(IMAGE, "image", IMAGE, NONE, EVERY, IN(PERSONA) | IN(STEP), NULL)

typedef enum {
#define JY_NODE_ENUM(id, ...) JY_N_##id,
    JY_NODE_LIST(JY_NODE_ENUM)
#undef JY_NODE_ENUM
    JY_N_COUNT,
    JY_N_FILE = JY_N_COUNT     /* the file itself, as a block kind */
} jy_node_kind;

typedef enum { JY_BLOCK_NONE, JY_BLOCK_OPTIONAL, JY_BLOCK_REQUIRED } jy_block_rule;

const char *jy_ast_keyword(jy_node_kind k);     /* "emotion" */
const char *jy_ast_kind_noun(jy_node_kind k);   /* "a step", "the file" */
jy_block_rule jy_ast_block_rule(jy_node_kind k);
/* Whether a statement of kind k may appear at most once in a block of
 * kind block. */
bool jy_ast_once(int block, jy_node_kind k);
/* Whether a statement of kind k may appear in a block of kind block
 * (JY_N_FILE: at the top of a file). */
bool jy_ast_allowed(int block, int kind);

typedef enum { JY_ARG_IDENT = 1, JY_ARG_STRING, JY_ARG_NUMBER, JY_ARG_RANGE, JY_ARG_DATE } jy_arg_type;

/* An argument: 32 bytes.  A number's value is not stored: jy_ast_number and
 * jy_ast_range read it from the spelling when it is needed, which is for a
 * few arguments of all those a map holds. */
typedef struct {
    jy_str text;               /* IDENT: the name; STRING: the decoded text;
                                  NUMBER, RANGE: the spelling in the source */
    jy_loc loc;
    uint8_t type;
    uint8_t pct;               /* NUMBER: written with % */
    uint8_t is_int;            /* NUMBER: written without a fraction */
    unsigned triple : 1;       /* STRING: written as """...""" */
    unsigned invalid : 1;      /* STRING, DATE: had an error (its text is a guess;
                                  a DATE's value is then unknown) */
} jy_arg;

typedef struct {
    uint32_t lead_first, lead_count;   /* own-line comments before it */
    int32_t trail;                     /* comment after it on its last line, or -1 */
    int32_t header;                    /* comment after its '{' on that line, or -1 */
    uint32_t inner_first, inner_count; /* comments before its closing '}' */
} jy_node_comments;

/* A statement.  Its arguments follow it in the same allocation (a map
 * holds about 1.6 arguments a statement, so a pointer to a separate array
 * would cost more than most arguments); its id is not stored, since
 * jy_ast_node_id gives it from the arguments; and its comments, which few
 * statements have, are an index into the tree's table (jy_ast_node_comments).
 * A node takes 40 bytes, and each argument 32 more. */
typedef struct jy_node {
    struct jy_node *child;     /* first statement of the block */
    struct jy_node *next;      /* next statement in the same block */
    jy_loc loc;                /* keyword through the end of the statement */
    uint8_t kind;              /* jy_node_kind */
    uint8_t has_block;
    uint8_t id_derived;        /* STAGE, STEP: no id written, it derives from the title */
    uint32_t cm;               /* 1 + index in the tree's node_comments; 0: no comment touches it */
    uint32_t nargs;
    jy_arg args[];
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
    jy_node_comments *node_comments;   /* what jy_node.cm indexes */
    uint32_t nnode_comments;
    uint32_t tail_first, tail_count;   /* comments after the last statement */
    unsigned syntax_errors;    /* structural errors: the tree may be partial */
    unsigned lexical_errors;   /* bad characters, strings: the tree is whole */
} jy_ast;

/* Location of a node's keyword. */
jy_loc jy_ast_keyword_loc(const jy_node *n);
/* The comments attached to a statement of this tree, or NULL. */
const jy_node_comments *jy_ast_node_comments(const jy_ast *ast, const jy_node *n);
/* The id of a declaration (persona, channel, team, kpi), stage or step:
 * the name written, or for a stage or step without one (id_derived) the
 * id made from its title, allocated in a (see jy_ast_derive_id); of a
 * thought, pain or opportunity, the name written or empty (an item's id
 * is never derived).  Empty for other statements. */
jy_str jy_ast_node_id(jy_arena *a, const jy_node *n);
/* The value of a NUMBER argument, read from its spelling as the scanner
 * reads it: 0 for a number of more than 15 digits before the point (which
 * the scanner reported). */
double jy_ast_number(const jy_arg *a);
/* The ends of a RANGE argument; an end beyond 1000000 (which the scanner
 * reported) is 0. */
void jy_ast_range(const jy_arg *a, int32_t *lo, int32_t *hi);
/* The day of a DATE argument (YYYY-MM-DD, a real day: the scanner
 * reported any other), as days since 1970-01-01; false for an invalid
 * one. */
bool jy_ast_date(const jy_arg *a, int32_t *days);
/* A day (days since 1970-01-01) as YYYY-MM-DD; buf holds 11 bytes. */
const char *jy_ast_format_date(char *buf, int32_t days);
/* The first argument of the given type, or NULL. */
const jy_arg *jy_ast_arg(const jy_node *n, jy_arg_type type);
/* An id from a title: ASCII letters and digits lower-cased, every run of
 * other characters one '-', none at either end.  May be empty. */
jy_str jy_ast_derive_id(jy_arena *a, jy_str title);

/* Text as a map spells it (docs/fmt.md): characters as themselves except
 * '\\', a tab (\t), control and invisible formatting characters
 * (\u{XXXX}), and '"' (escaped in a one-line string; in a triple-quoted
 * text, triple, only where it would make three in a row); a line break is
 * \n unless triple.  Appended to b without quotes. */
void jy_ast_spell_text(jy_buf *b, jy_str t, bool triple);
/* Text as a one-line string literal, quotes included: how a map would say
 * it, safe to show on a terminal. */
void jy_ast_quote_text(jy_buf *out, jy_str text);

#endif
