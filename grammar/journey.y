/* journey.y - the grammar of .journey files.
 *
 * Design notes
 * - Pure and reentrant (api.pure full), prefix jy_yy, %expect 0, LAC so that
 *   the expected-token lists in error messages are exact.
 * - The grammar fixes each statement's shape (which arguments, in which
 *   order, whether it takes a block) but not where it may appear: every
 *   block holds any statement.  parse.c then checks placement against one
 *   table and says "'goal' cannot appear in a step", which is clearer than
 *   any "unexpected token" message the parser could give.
 * - Statements end at a new line or ';', or at the '}' closing their block;
 *   a block's '{' must follow its statement on the same line.  For the
 *   statements whose block is not optional (journey, stage) a '{' on the
 *   next line is unambiguous: it is reported and the block kept, so the
 *   rest of the map is still checked.
 * - Error recovery is per statement: an error skips to the end of its line
 *   (or past a block that follows it on that line, or up to the '}' that
 *   closes the enclosing block) and parsing resumes with the next statement,
 *   so one run reports every independent error.
 */

%require "3.8"
%define api.pure full
%define api.prefix {jy_yy}
%define api.token.prefix {TOK_}
%define api.location.type {jy_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0

%param {void *scanner}
%parse-param {jy_parser *p}

%code requires {
#include "parse_ctx.h"
}

%code provides {
int jy_yylex(JY_YYSTYPE *yylval, JY_YYLTYPE *yylloc, void *scanner);
}

%code {
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                   \
    do {                                                              \
        if (N) {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 1).file;                       \
            (Cur).off = YYRHSLOC(Rhs, 1).off;                         \
            (Cur).end = YYRHSLOC(Rhs, N).end;                         \
        } else {                                                      \
            (Cur).file = YYRHSLOC(Rhs, 0).file;                       \
            (Cur).off = (Cur).end = YYRHSLOC(Rhs, 0).end;             \
        }                                                             \
    } while (0)

static void jy_yyerror(const jy_loc *loc, void *scanner, jy_parser *p, const char *msg);

#define S0(k, l) jy_pa_stmt(p, (k), &(l), 0, NULL, NULL, NULL)
#define S1(k, l, a) jy_pa_stmt(p, (k), &(l), 1, &(a), NULL, NULL)
#define S2(k, l, a, b) jy_pa_stmt(p, (k), &(l), 2, &(a), &(b), NULL)
#define S3(k, l, a, b, c) jy_pa_stmt(p, (k), &(l), 3, &(a), &(b), &(c))
}

%union {
    jy_arg arg;
    jy_node *node;
    jy_list list;
    jy_arglist args;
    int kind;
}

%token <arg> IDENT "name" STRING "string" NUMBER "number" RANGE "range" DATE "date"
%token NL "new line" SEMI ";" COMMA "," LBRACE "{" RBRACE "}"
%token KW_IMPORT "import" KW_JOURNEY "journey" KW_PERSONA "persona" KW_CHANNEL "channel"
       KW_TEAM "team" KW_KPI "kpi" KW_STAGE "stage" KW_STEP "step"
       KW_DESCRIPTION "description" KW_STATE "state" KW_SCALE "scale"
       KW_REVIEWED "reviewed" KW_NEXT_REVIEW "next-review" KW_GOAL "goal"
       KW_NEED "need" KW_FRUSTRATION "frustration" KW_BEHAVIOR "behavior" KW_QUOTE "quote"
       KW_KIND "kind" KW_UNIT "unit" KW_TARGET "target" KW_BETTER "better"
       KW_TOUCHPOINT "touchpoint" KW_OWNER "owner" KW_EMOTION "emotion" KW_THOUGHT "thought"
       KW_PAIN "pain" KW_OPPORTUNITY "opportunity" KW_FRONTSTAGE "frontstage"
       KW_BACKSTAGE "backstage" KW_SUPPORT "support" KW_METRIC "metric"
       KW_EVIDENCE "evidence" KW_NOTE "note" KW_MOMENT "moment" KW_TAG "tag"
       KW_ARTIFACT "artifact" KW_SEVERITY "severity" KW_SOLVES "solves" KW_IMPACT "impact"
       KW_EFFORT "effort" KW_STATUS "status" KW_BASELINE "baseline" KW_IMAGE "image"

%nterm <list> items block
%nterm <node> stmt
%nterm <kind> text_kw ident_kw item_kw lane_kw
%nterm <args> idlist

%%

file:
    items               { jy_pa_finish(p, $1); }
  | items stmt          { jy_pa_finish(p, jy_pa_append($1, $2)); }
  | items error         { jy_pa_finish(p, $1); }
  ;

items:
    %empty              { $$.first = $$.last = NULL; }
  | items sep           { $$ = $1; }
  | items stmt sep      { $$ = jy_pa_append($1, $2); }
  | items error sep     { $$ = $1; yyerrok; }
  | items error junk_block { $$ = $1; yyerrok; }
  ;

sep: NL | SEMI ;

block:
    LBRACE items RBRACE       { $$ = $2; }
  | LBRACE items stmt RBRACE  { $$ = jy_pa_append($2, $3); }
  | LBRACE items error RBRACE { $$ = $2; yyerrok; }
  ;

/* What error recovery skips: a block, with any blocks inside it. */
junk_block: LBRACE junk RBRACE ;
junk:
    %empty
  | junk junk_token
  | junk LBRACE junk RBRACE
  ;
junk_token:
    IDENT | STRING | NUMBER | RANGE | DATE | NL | SEMI | COMMA
  | KW_IMPORT | KW_JOURNEY | KW_PERSONA | KW_CHANNEL | KW_TEAM | KW_KPI | KW_STAGE | KW_STEP
  | KW_DESCRIPTION | KW_STATE | KW_SCALE | KW_REVIEWED | KW_NEXT_REVIEW | KW_GOAL | KW_NEED | KW_FRUSTRATION | KW_BEHAVIOR
  | KW_QUOTE | KW_KIND | KW_UNIT | KW_TARGET | KW_BETTER | KW_TOUCHPOINT | KW_OWNER | KW_EMOTION
  | KW_THOUGHT | KW_PAIN | KW_OPPORTUNITY | KW_FRONTSTAGE | KW_BACKSTAGE | KW_SUPPORT
  | KW_METRIC | KW_EVIDENCE | KW_NOTE | KW_MOMENT | KW_TAG | KW_ARTIFACT
  | KW_SEVERITY | KW_SOLVES | KW_IMPACT | KW_EFFORT | KW_STATUS | KW_BASELINE | KW_IMAGE
  ;

stmt:
    KW_IMPORT STRING                    { $$ = S1(JY_N_IMPORT, @$, $2); }
  | KW_JOURNEY STRING block             { $$ = S1(JY_N_JOURNEY, @$, $2); jy_pa_set_block($$, $3); }
  | KW_JOURNEY STRING NL block          { $$ = S1(JY_N_JOURNEY, @$, $2); jy_pa_set_block($$, $4);
                                          jy_pa_brace_next_line(p, &@4, &@1, "journey"); }
  | KW_PERSONA IDENT STRING             { $$ = S2(JY_N_PERSONA, @$, $2, $3); }
  | KW_PERSONA IDENT STRING block       { $$ = S2(JY_N_PERSONA, @$, $2, $3); jy_pa_set_block($$, $4); }
  | KW_PERSONA idlist                   { $$ = jy_pa_list_stmt(p, JY_N_PERSONAS, &@$, &$2); }
  | KW_CHANNEL IDENT STRING             { $$ = S2(JY_N_CHANNEL, @$, $2, $3); }
  | KW_CHANNEL IDENT STRING block       { $$ = S2(JY_N_CHANNEL, @$, $2, $3); jy_pa_set_block($$, $4); }
  | KW_TEAM IDENT STRING                { $$ = S2(JY_N_TEAM, @$, $2, $3); }
  | KW_TEAM IDENT STRING block          { $$ = S2(JY_N_TEAM, @$, $2, $3); jy_pa_set_block($$, $4); }
  | KW_KPI IDENT STRING                 { $$ = S2(JY_N_KPI, @$, $2, $3); }
  | KW_KPI IDENT STRING block           { $$ = S2(JY_N_KPI, @$, $2, $3); jy_pa_set_block($$, $4); }
  | KW_STAGE STRING block               { $$ = S1(JY_N_STAGE, @$, $2); jy_pa_set_block($$, $3); }
  | KW_STAGE IDENT STRING block         { $$ = S2(JY_N_STAGE, @$, $2, $3); jy_pa_set_block($$, $4); }
  | KW_STAGE STRING NL block            { $$ = S1(JY_N_STAGE, @$, $2); jy_pa_set_block($$, $4);
                                          jy_pa_brace_next_line(p, &@4, &@1, "stage"); }
  | KW_STAGE IDENT STRING NL block      { $$ = S2(JY_N_STAGE, @$, $2, $3); jy_pa_set_block($$, $5);
                                          jy_pa_brace_next_line(p, &@5, &@1, "stage"); }
  | KW_STEP STRING                      { $$ = S1(JY_N_STEP, @$, $2); }
  | KW_STEP STRING block                { $$ = S1(JY_N_STEP, @$, $2); jy_pa_set_block($$, $3); }
  | KW_STEP IDENT STRING                { $$ = S2(JY_N_STEP, @$, $2, $3); }
  | KW_STEP IDENT STRING block          { $$ = S2(JY_N_STEP, @$, $2, $3); jy_pa_set_block($$, $4); }
  | text_kw STRING                      { $$ = S1($1, @$, $2); }
  | item_kw STRING                      { $$ = S1($1, @$, $2); }
  | item_kw STRING block                { $$ = S1($1, @$, $2); jy_pa_set_block($$, $3); }
  | item_kw IDENT STRING                { $$ = S2($1, @$, $2, $3); }
  | item_kw IDENT STRING block          { $$ = S2($1, @$, $2, $3); jy_pa_set_block($$, $4); }
  | lane_kw STRING                      { $$ = S1($1, @$, $2); }
  | lane_kw STRING block                { $$ = S1($1, @$, $2); jy_pa_set_block($$, $3); }
  | ident_kw IDENT                      { $$ = S1($1, @$, $2); }
  | KW_SCALE RANGE                      { $$ = S1(JY_N_SCALE, @$, $2); }
  | KW_REVIEWED DATE                    { $$ = S1(JY_N_REVIEWED, @$, $2); }
  | KW_NEXT_REVIEW DATE                 { $$ = S1(JY_N_NEXT_REVIEW, @$, $2); }
  | KW_TARGET NUMBER                    { $$ = S1(JY_N_TARGET, @$, $2); }
  | KW_TOUCHPOINT IDENT                 { $$ = S1(JY_N_TOUCHPOINT, @$, $2); }
  | KW_TOUCHPOINT IDENT STRING          { $$ = S2(JY_N_TOUCHPOINT, @$, $2, $3); }
  | KW_TOUCHPOINT STRING                { $$ = S1(JY_N_TOUCHPOINT, @$, $2); }
  | KW_EMOTION NUMBER                   { $$ = S1(JY_N_EMOTION, @$, $2); }
  | KW_EMOTION NUMBER STRING            { $$ = S2(JY_N_EMOTION, @$, $2, $3); }
  | KW_EMOTION IDENT NUMBER             { $$ = S2(JY_N_EMOTION, @$, $2, $3); }
  | KW_EMOTION IDENT NUMBER STRING      { $$ = S3(JY_N_EMOTION, @$, $2, $3, $4); }
  | KW_METRIC IDENT NUMBER              { $$ = S2(JY_N_METRIC, @$, $2, $3); }
  | KW_EVIDENCE IDENT STRING            { $$ = S2(JY_N_EVIDENCE, @$, $2, $3); }
  | KW_MOMENT                           { $$ = S0(JY_N_MOMENT, @$); }
  | KW_MOMENT STRING                    { $$ = S1(JY_N_MOMENT, @$, $2); }
  | KW_TAG idlist                       { $$ = jy_pa_list_stmt(p, JY_N_TAG, &@$, &$2); }
  | KW_SOLVES idlist                    { $$ = jy_pa_list_stmt(p, JY_N_SOLVES, &@$, &$2); }
  ;

text_kw:
    KW_DESCRIPTION      { $$ = JY_N_DESCRIPTION; }
  | KW_GOAL             { $$ = JY_N_GOAL; }
  | KW_NEED             { $$ = JY_N_NEED; }
  | KW_FRUSTRATION      { $$ = JY_N_FRUSTRATION; }
  | KW_BEHAVIOR         { $$ = JY_N_BEHAVIOR; }
  | KW_QUOTE            { $$ = JY_N_QUOTE; }
  | KW_UNIT             { $$ = JY_N_UNIT; }
  | KW_NOTE             { $$ = JY_N_NOTE; }
  | KW_ARTIFACT         { $$ = JY_N_ARTIFACT; }
  | KW_BASELINE         { $$ = JY_N_BASELINE; }
  | KW_IMAGE            { $$ = JY_N_IMAGE; }
  ;

ident_kw:
    KW_STATE            { $$ = JY_N_STATE; }
  | KW_BETTER           { $$ = JY_N_BETTER; }
  | KW_KIND             { $$ = JY_N_KIND; }
  | KW_OWNER            { $$ = JY_N_OWNER; }
  | KW_SEVERITY         { $$ = JY_N_SEVERITY; }
  | KW_IMPACT           { $$ = JY_N_IMPACT; }
  | KW_EFFORT           { $$ = JY_N_EFFORT; }
  | KW_STATUS           { $$ = JY_N_STATUS; }
  ;

/* A step's items: an optional id, the text, an optional block. */
item_kw:
    KW_THOUGHT          { $$ = JY_N_THOUGHT; }
  | KW_PAIN             { $$ = JY_N_PAIN; }
  | KW_OPPORTUNITY      { $$ = JY_N_OPPORTUNITY; }
  ;

/* A step's blueprint lanes: the text, an optional block. */
lane_kw:
    KW_FRONTSTAGE       { $$ = JY_N_FRONTSTAGE; }
  | KW_BACKSTAGE        { $$ = JY_N_BACKSTAGE; }
  | KW_SUPPORT          { $$ = JY_N_SUPPORT; }
  ;

idlist:
    IDENT               { $$.items = NULL; $$.n = $$.cap = 0; jy_pa_arglist_push(p, &$$, &$1); }
  | idlist COMMA IDENT    { $$ = $1; jy_pa_arglist_push(p, &$$, &$3); }
  ;

%%

/* Called by the parser only when its stack is exhausted. */
static void jy_yyerror(const jy_loc *loc, void *scanner, jy_parser *p, const char *msg)
{
    (void)scanner;
    jy_pa_error(p, JY_C_LIMIT, loc, "the parser gave up: %s", msg);
    p->ast->syntax_errors++;
}

/* ---- syntax error messages ---------------------------------------------- */

typedef enum { W_STMT = 1, W_NAME = 2, W_STRING = 4, W_NUMBER = 8, W_RANGE = 16, W_END = 32,
               W_RBRACE = 64, W_LBRACE = 128, W_COMMA = 256, W_EOF = 512, W_DATE = 1024 } wanted;

static bool is_keyword(yysymbol_kind_t s)
{
    static const yysymbol_kind_t kw[] = {
#define KW_SYMBOL(id, kw, tok, ...) YYSYMBOL_KW_##tok,
        JY_NODE_LIST(KW_SYMBOL)
#undef KW_SYMBOL
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (kw[i] == s)
            return true;
    return false;
}

static unsigned classify(yysymbol_kind_t s)
{
    if (is_keyword(s))
        return W_STMT;
    switch (s) {
    case YYSYMBOL_IDENT: return W_NAME;
    case YYSYMBOL_STRING: return W_STRING;
    case YYSYMBOL_NUMBER: return W_NUMBER;
    case YYSYMBOL_RANGE: return W_RANGE;
    case YYSYMBOL_DATE: return W_DATE;
    case YYSYMBOL_NL: case YYSYMBOL_SEMI: return W_END;
    case YYSYMBOL_RBRACE: return W_RBRACE;
    case YYSYMBOL_LBRACE: return W_LBRACE;
    case YYSYMBOL_COMMA: return W_COMMA;
    case YYSYMBOL_YYEOF: return W_EOF;
    default: return 0;
    }
}

static void describe_wanted(jy_buf *b, unsigned w)
{
    static const struct { unsigned bit; const char *text; } names[] = {
        { W_STMT, "a statement" }, { W_NAME, "a name" }, { W_STRING, "a string" },
        { W_NUMBER, "a number" }, { W_RANGE, "a range such as -2..2" },
        { W_DATE, "a date such as 2026-01-31" }, { W_COMMA, "','" },
        { W_LBRACE, "'{'" }, { W_END, "';'" }, { W_END, "a new line" }, { W_RBRACE, "'}'" },
        { W_EOF, "the end of the file" },
    };
    unsigned count = 0, total = 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        total += (w & names[i].bit) != 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(w & names[i].bit))
            continue;
        if (count)
            jy_buf_adds(b, count + 1 == total ? " or " : ", ");
        jy_buf_adds(b, names[i].text);
        count++;
    }
}

static void describe_found(jy_buf *b, jy_parser *p, yysymbol_kind_t tok, const jy_loc *loc)
{
    jy_str text = jy_str_make(p->base + loc->off, loc->end - loc->off);
    bool clipped = text.n > 40;
    if (clipped)
        text.n = 40;
    switch (tok) {
    case YYSYMBOL_YYEOF: jy_buf_adds(b, "the end of the file"); return;
    case YYSYMBOL_NL: jy_buf_adds(b, "the end of the line"); return;
    case YYSYMBOL_IDENT: jy_buf_printf(b, "'%.*s%s'", (int)text.n, text.s, clipped ? "..." : ""); return;
    case YYSYMBOL_STRING: jy_buf_adds(b, "a string"); return;
    case YYSYMBOL_NUMBER: jy_buf_printf(b, "the number %.*s", (int)text.n, text.s); return;
    case YYSYMBOL_RANGE: jy_buf_printf(b, "the range %.*s", (int)text.n, text.s); return;
    case YYSYMBOL_DATE: jy_buf_printf(b, "the date %.*s%s", (int)text.n, text.s, clipped ? "..." : ""); return;
    default: jy_buf_printf(b, "'%.*s'", (int)text.n, text.s); return;
    }
}

static bool takes_block(int kind)
{
    return jy_ast_block_rule((jy_node_kind)kind) != JY_BLOCK_NONE;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, jy_parser *p)
{
    (void)scanner;
    yysymbol_kind_t tok = yypcontext_token(ctx);
    const jy_loc *loc = yypcontext_location(ctx);
    if (p->fatal)
        return 0;
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    unsigned want = 0;
    for (int i = 0; i < n; i++)
        want |= classify(expected[i]);
    p->ast->syntax_errors++;
    if (p->have_error && jy_pa_same_line(p, p->last_error_off, loc->off))
        return 0;   /* one syntax error per line: the rest is usually fallout */

    jy_buf m = { 0 };
    jy_diag_id d = 0;
    const char *kw = p->stmt_kind >= 0 ? jy_ast_keyword((jy_node_kind)p->stmt_kind) : NULL;
    int block = p->depth > 0 ? p->braces[p->depth - 1].stmt : JY_N_FILE;

    /* (Blocks still open at the end of the file are the scanner's to
     * report: see lex_eof.) */
    if (tok == YYSYMBOL_RBRACE && p->stray_rbrace) {
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "'}' without a matching '{'");
    } else if (tok == YYSYMBOL_LBRACE && p->prev_tok == TOK_NL) {
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "a block's '{' must be on the same line as its statement");
        /* (Unless that statement's block is the one this '{' is in.) */
        if (kw && takes_block(p->stmt_kind) &&
            !(p->depth >= 2 && p->braces[p->depth - 2].stmt_off == p->stmt_loc.off))
            jy_diag_note(p->diags, d, &p->stmt_loc, "it belongs on the line of this '%s'", kw);
    } else if (tok == YYSYMBOL_NL && (want & W_LBRACE) && p->brace_after_nl && kw) {
        /* The statement needs a block and its '{' went to the next line:
         * say so at the '{' (the error there, on its own line, would
         * otherwise follow as a second one). */
        jy_loc at = { loc->file, p->brace_after_nl, p->brace_after_nl + 1 };
        d = jy_pa_error(p, JY_C_SYNTAX, &at, "a block's '{' must be on the same line as its statement");
        jy_diag_note(p->diags, d, &p->stmt_loc, "it belongs on the line of this '%s'", kw);
    } else if (tok == YYSYMBOL_LBRACE && !(want & W_LBRACE) && kw && !takes_block(p->stmt_kind) &&
               p->prev_tok != TOK_SEMI && p->prev_tok != TOK_LBRACE && p->prev_tok != TOK_RBRACE) {
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "unexpected '{': '%s' takes no block", kw);
    } else if (tok == YYSYMBOL_IDENT && (want & W_STMT)) {
        jy_str word = jy_str_make(p->base + loc->off, loc->end - loc->off);
        const char *sugg = jy_pa_suggest_keyword(block, word);
        const char *more = word.n > 40 ? "..." : "";
        if (word.n > 40)
            word.n = 40;
        if (sugg)
            d = jy_pa_error(p, JY_C_SYNTAX, loc, "unknown statement '%.*s'; did you mean '%s'?", (int)word.n,
                         word.s, sugg);
        else
            d = jy_pa_error(p, JY_C_SYNTAX, loc, "unknown statement '%.*s%s'", (int)word.n, word.s, more);
        jy_pa_list_allowed(&m, block);
        if (m.len)
            jy_diag_note(p->diags, d, NULL, "%s may contain: %s", jy_ast_kind_noun((jy_node_kind)block), jy_buf_cstr(&m));
    } else if ((want & W_END) && !(want & ~(W_END | W_RBRACE | W_EOF | W_LBRACE)) && kw) {
        /* (A block may follow a statement that takes one: '{' is not
         * what a stray word after a complete statement usually lacks.) */
        jy_buf_adds(&m, "expected ';' or a new line before ");
        describe_found(&m, p, tok, loc);
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "%s (the '%s' statement is complete)", jy_buf_cstr(&m), kw);
    } else if ((tok == YYSYMBOL_NL || tok == YYSYMBOL_YYEOF || tok == YYSYMBOL_SEMI ||
                tok == YYSYMBOL_RBRACE) && kw && !(want & W_STMT)) {
        jy_buf_adds(&m, "expected ");
        describe_wanted(&m, want & ~(W_END | W_RBRACE | W_EOF));
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "%s after '%s'", jy_buf_cstr(&m), kw);
    } else {
        jy_buf_adds(&m, "expected ");
        describe_wanted(&m, want);
        if (kw && !(want & W_STMT))   /* inside the statement: name it */
            jy_buf_printf(&m, " after '%s'", kw);
        jy_buf_adds(&m, ", found ");
        describe_found(&m, p, tok, loc);
        d = jy_pa_error(p, JY_C_SYNTAX, loc, "%s", jy_buf_cstr(&m));
    }
    (void)d;
    jy_buf_free(&m);
    return 0;
}
