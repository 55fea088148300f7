/* test_front.c - the scanner, parser and checker, asserted on the syntax
 * tree and the checked model rather than on printed text.
 *
 *   test_front EXAMPLES_DIR
 *
 * The last test parses every prefix of every example (every truncation)
 * in-process: each must end with a diagnosis or a clean result, never a
 * crash (run under the sanitizers in CI).
 */
#include "check.h"
#include "journey/check.h"
#include "journey/codes.h"

#include <dirent.h>
#include <stdlib.h>

typedef struct {
    jy_diags *d;
    jy_compilation *c;
} run;

static run compile(const char *text)
{
    run r;
    r.d = jy_diags_new();
    jy_diags_set_max_errors(r.d, 0);
    r.c = jy_compile_text(r.d, "t.journey", text, strlen(text), NULL);
    return r;
}

static void done(run r)
{
    jy_compilation_free(r.c);
    jy_diags_free(r.d);
}

static bool has_code(const run *r, unsigned code)
{
    for (size_t i = 0; i < jy_diags_count(r->d); i++)
        if (jy_diags_get(r->d, i)->code == code)
            return true;
    return false;
}

static unsigned errors(const run *r)
{
    return jy_diags_error_count(r->d);
}

static const jy_node *first_stmt(const run *r)
{
    return r->c->prog->root->stmts;
}

/* Each text must give at least one error (of `code`, unless it is -1). */
static void check_rejected(const char *what, const char *const *texts, size_t n, int code)
{
    for (size_t i = 0; i < n; i++) {
        run r = compile(texts[i]);
        bool ok = code < 0 ? errors(&r) > 0 : has_code(&r, (unsigned)code);
        if (!ok)
            fprintf(stderr, "%s case %zu: no error\n", what, i);
        CHECK(ok);
        done(r);
    }
}

static void test_strings(void)
{
    run r = compile("import \"a\\\"b\\\\c\\nd\\te\\u{1F600}\\u{e9}\"\n");
    const jy_node *n = first_stmt(&r);
    CHECK(n && n->kind == JY_N_IMPORT);
    CHECK_STR(n->args[0].text, "a\"b\\c\nd\te\xF0\x9F\x98\x80\xC3\xA9");
    done(r);

    /* A string without escapes is the source text itself. */
    r = compile("journey \"Plain title\" {\n}\n");
    n = first_stmt(&r);
    CHECK(n->args[0].text.s == r.c->prog->root->text + 9);
    done(r);

    static const char *const bad[] = {
        "journey \"x\\q\" {\n}\n",          /* unknown escape */
        "journey \"x\\u{110000}\" {\n}\n",  /* beyond Unicode */
        "journey \"x\\u{D800}\" {\n}\n",    /* surrogate */
        "journey \"x\\u{}\" {\n}\n",        /* no digits */
        "journey \"x\\u{0}\" {\n}\n",       /* NUL */
        "journey \"x\\u41\" {\n}\n",        /* no braces */
        "journey \"unterminated {\n}\n",
        "journey \"tab\x01\" {\n}\n",       /* control character */
    };
    check_rejected("string", bad, sizeof bad / sizeof bad[0], JY_C_BAD_STRING);
}

static void test_triple(void)
{
    run r = compile("journey \"T\" {\n"
                    "  description \"\"\"\n"
                    "    First line\n"
                    "      indented \"quoted\" line\n"
                    "\n"
                    "    last \\u{e9}\n"
                    "    \"\"\"\n"
                    "}\n");
    const jy_node *j = first_stmt(&r);
    CHECK(errors(&r) == 0);
    CHECK(j && j->child && j->child->kind == JY_N_DESCRIPTION);
    CHECK_STR(j->child->args[0].text, "First line\n  indented \"quoted\" line\n\nlast \xC3\xA9");
    CHECK(j->child->args[0].triple);
    done(r);

    r = compile("journey \"T\" { description \"\"\"one line\"\"\" }\n");
    CHECK_STR(first_stmt(&r)->child->args[0].text, "one line");
    done(r);

    r = compile("journey \"T\" {\r\n  description \"\"\"\r\n    a\r\n    b\r\n  \"\"\"\r\n}\r\n");
    CHECK(errors(&r) == 0);
    CHECK_STR(first_stmt(&r)->child->args[0].text, "a\nb");
    done(r);

    r = compile("journey \"T\" {\n  description \"\"\"never closed\n}\n");
    CHECK(has_code(&r, JY_C_BAD_STRING));
    done(r);
}

static void test_numbers(void)
{
    run r = compile("kpi k \"K\" { target +85.5 }\nkpi m \"M\" { target -3 }\n");
    const jy_node *k = first_stmt(&r);
    CHECK(errors(&r) == 0);
    const jy_arg *t = &k->child->args[0];
    CHECK(t->type == JY_ARG_NUMBER && jy_ast_number(t) == 85.5 && !t->is_int && !t->pct);
    CHECK_STR(t->text, "+85.5");
    CHECK(jy_ast_number(&k->next->child->args[0]) == -3 && k->next->child->args[0].is_int);
    done(r);

    r = compile("journey \"J\" {\n scale -3..+3\n persona a \"A\"\n kpi c \"C\"\n"
                " stage \"S\" { step \"X\" { emotion -3; metric c 34% } }\n}\n");
    CHECK(errors(&r) == 0);
    CHECK(r.c->model->scale_lo == -3 && r.c->model->scale_hi == 3);
    const jy_step *s = &r.c->model->steps[0];
    CHECK(s->nmetrics == 1 && s->metrics[0].value == 34 && s->metrics[0].pct);
    CHECK_STR(s->metrics[0].spelling, "34%");
    CHECK(s->nfeel == 1 && s->feel[0].has && s->feel[0].score == -3);
    done(r);

    r = compile("kpi k \"K\" { target 12345678901234567890 }\n");
    CHECK(has_code(&r, JY_C_BAD_NUMBER));
    done(r);
}

static void test_keywords(void)
{
    /* Keywords only where a statement starts. */
    run r = compile("team support \"Support\"\npersona goal \"Goal\" { goal \"g\" }\nchannel step \"Step\"\n");
    const jy_node *n = first_stmt(&r);
    CHECK(errors(&r) == 0);
    CHECK(n->kind == JY_N_TEAM);
    CHECK_STR(jy_ast_node_id(r.c->arena, n), "support");
    CHECK(n->next->kind == JY_N_PERSONA && n->next->child->kind == JY_N_GOAL);
    CHECK_STR(jy_ast_node_id(r.c->arena, n->next), "goal");
    CHECK_STR(jy_ast_node_id(r.c->arena, n->next->next), "step");
    done(r);

    r = compile("journey \"J\" {\n  emotoin 2\n}\n");
    CHECK(has_code(&r, JY_C_SYNTAX));
    done(r);

    /* A block's '{' must be on the line of its statement. */
    r = compile("journey \"J\"\n{\n}\n");
    CHECK(has_code(&r, JY_C_SYNTAX));
    done(r);

    /* One-line blocks with ';'; a missing ';' is an error. */
    r = compile("kpi k \"K\" { unit \"%\"; target 5; better higher }\n");
    CHECK(errors(&r) == 0);
    done(r);
    r = compile("kpi k \"K\" { unit \"%\" target 5 }\n");
    CHECK(has_code(&r, JY_C_SYNTAX));
    done(r);
}

static void test_ids(void)
{
    jy_arena *a = jy_arena_new();
    CHECK_STR(jy_ast_derive_id(a, JY_STR("Sees an ad!")), "sees-an-ad");
    CHECK_STR(jy_ast_derive_id(a, JY_STR("  Pays -- and  GETS confirmation ")), "pays-and-gets-confirmation");
    CHECK_STR(jy_ast_derive_id(a, JY_STR("Caf\xC3\xA9 au lait")), "caf-au-lait");
    CHECK_STR(jy_ast_derive_id(a, JY_STR("3 days later")), "3-days-later");
    CHECK_STR(jy_ast_derive_id(a, JY_STR("!!!")), "");
    jy_arena_free(a);

    run r = compile("journey \"J\" {\n persona a \"A\"\n"
                    " stage \"First stage!\" { step \"Sees an ad\" { emotion 1 }; step \"\xC3\xA9\xC3\xA9\" { emotion 1 } }\n"
                    " stage own \"Own id\" { step x \"X\" { emotion 0 } }\n}\n");
    CHECK(errors(&r) == 0);
    const jy_model *m = r.c->model;
    CHECK(m->nstages == 2 && m->nsteps == 3);
    CHECK_STR(m->stages[0].id, "first-stage");
    CHECK(m->stages[0].id_derived && !m->stages[1].id_derived);
    CHECK_STR(m->steps[0].id, "sees-an-ad");
    CHECK_STR(m->steps[1].id, "step-2");      /* no ASCII letter: by position */
    CHECK_STR(m->steps[2].id, "x");
    CHECK(m->steps[2].stage == 1);
    done(r);
}

static void test_comments(void)
{
    run r = compile("# file header\n"
                    "journey \"J\" { # after brace\n"
                    "  # before persona\n"
                    "  persona a \"A\" # trailing\n"
                    "  # dangling at end of block\n"
                    "}\n"
                    "# tail\n");
    CHECK(errors(&r) == 0);
    const jy_ast *ast = r.c->prog->root;
    CHECK(ast->ncomments == 6);
    const jy_node *j = ast->stmts;
    const jy_node_comments *jc = jy_ast_node_comments(ast, j);
    CHECK(jc && jc->lead_count == 1 && jc->lead_first == 0);
    CHECK(jc && jc->header == 1);
    const jy_node *p = j->child;
    const jy_node_comments *pc = jy_ast_node_comments(ast, p);
    CHECK(pc && pc->lead_count == 1 && pc->lead_first == 2 && pc->trail == 3);
    CHECK(jc && jc->inner_count == 1 && jc->inner_first == 4);
    CHECK(ast->tail_count == 1 && ast->tail_first == 5);
    CHECK_STR(ast->comments[3].text, "# trailing");
    done(r);
}

static void test_emotions(void)
{
    run r = compile("journey \"J\" {\n"
                    "  persona anna \"Anna\"\n  persona ben \"Ben\"\n  persona cy \"Cy\"\n"
                    "  stage s \"S\" {\n"
                    "    step a \"A\" { emotion 1 \"ok\"; emotion ben -2 \"bad\" }\n"
                    "    step b \"B\" { persona cy; persona anna; emotion cy 2 }\n"
                    "  }\n}\n");
    const jy_model *m = r.c->model;
    CHECK(m && m->nsteps == 2);
    const jy_step *a = &m->steps[0];
    CHECK(a->nfeel == 3);
    CHECK(a->feel[0].persona == 0 && a->feel[0].has && a->feel[0].shared && a->feel[0].score == 1);
    CHECK_STR(a->feel[0].label, "ok");
    CHECK(a->feel[1].persona == 1 && a->feel[1].score == -2 && !a->feel[1].shared);
    CHECK(a->feel[2].persona == 2 && a->feel[2].score == 1);
    const jy_step *b = &m->steps[1];
    CHECK(b->personas_listed && b->nfeel == 2);
    CHECK(b->feel[0].persona == 0 && !b->feel[0].has);   /* declaration order */
    CHECK(b->feel[1].persona == 2 && b->feel[1].score == 2);
    CHECK(has_code(&r, JY_C_MISSING_EMOTION));
    CHECK(errors(&r) == 0);
    done(r);
}

/* Items and blueprint entries in the model: ids, whom they concern, the
 * pains an opportunity solves and the other way, levels, owners; and the
 * model's facts about them. */
static void test_items(void)
{
    run r = compile("journey \"J\" {\n"
                    "  persona anna \"Anna\"\n  persona ben \"Ben\"\n  persona cy \"Cy\"\n"
                    "  team ops \"Ops\"\n  team cx \"CX\"\n"
                    "  stage s \"S\" {\n"
                    "    step a \"A\" {\n"
                    "      emotion 1\n"
                    "      opportunity early \"Early\" { solves p2, p1, p2; impact low; status done; owner cx }\n"
                    "      backstage \"Stock\" { owner ops; tag x, y, x }\n"
                    "      frontstage \"Desk\"\n"
                    "    }\n"
                    "    step b \"B\" {\n"
                    "      persona cy, anna\n      emotion 0\n"
                    "      thought t1 \"T\" { persona cy }\n"
                    "      pain p1 \"P1\" { severity critical; persona cy, anna, cy; tag k }\n"
                    "      pain p2 \"P2\"\n"
                    "      opportunity \"Late\" { solves p1; effort high }\n"
                    "    }\n"
                    "  }\n}\n");
    const jy_model *m = r.c->model;
    CHECK(m && m->nsteps == 2 && errors(&r) == 0);
    if (!m || m->nsteps != 2) {
        done(r);
        return;
    }
    const jy_step *a = &m->steps[0], *b = &m->steps[1];
    CHECK(a->opportunities.n == 1 && b->pains.n == 2 && b->thoughts.n == 1 && b->opportunities.n == 1);
    const jy_item *early = &a->opportunities.items[0], *late = &b->opportunities.items[0];
    const jy_item *p1 = &b->pains.items[0], *p2 = &b->pains.items[1];
    CHECK_STR(early->id, "early");
    CHECK_STR(early->text, "Early");
    CHECK(early->kind == JY_ITEM_OPPORTUNITY && early->step == 0 && early->solves_listed);
    CHECK(early->nsolves == 2 && early->solves[0] == p2 && early->solves[1] == p1);
    CHECK(early->impact == JY_LEVEL_LOW && early->effort == JY_LEVEL_NONE && early->status == JY_STATUS_DONE);
    CHECK(early->owner == 1);
    CHECK(late->id.n == 0 && late->nsolves == 1 && late->solves[0] == p1 && late->effort == JY_LEVEL_HIGH);
    CHECK(late->owner == -1 && late->status == JY_STATUS_NONE);
    /* The other way, in journey order. */
    CHECK(p1->nsolved_by == 2 && p1->solved_by[0] == early && p1->solved_by[1] == late);
    CHECK(p2->nsolved_by == 1 && p2->solved_by[0] == early);
    CHECK(p1->severity == JY_LEVEL_CRITICAL && p2->severity == JY_LEVEL_NONE);
    CHECK(p1->tags.n == 1);
    CHECK_STR(p1->tags.items[0].text, "k");
    /* Whom they concern: listed (declaration order, once), or the step's. */
    uint32_t who[4];
    CHECK(p1->personas_listed && p1->npersonas == 2 && p1->personas[0] == 0 && p1->personas[1] == 2);
    CHECK(jy_item_personas(b, p1, who) == 2 && who[0] == 0 && who[1] == 2);
    CHECK(!p2->personas_listed && jy_item_personas(b, p2, who) == 2 && who[0] == 0 && who[1] == 2);
    CHECK(jy_item_personas(a, early, who) == 3);
    CHECK(jy_item_concerns(b, &b->thoughts.items[0], 2) && !jy_item_concerns(b, &b->thoughts.items[0], 0));
    CHECK(jy_item_concerns(b, p2, 0) && !jy_item_concerns(b, p2, 1));
    /* Blueprint entries: an owner and tags (each once), no persona. */
    const jy_item *stock = &a->backstage.items[0], *desk = &a->frontstage.items[0];
    CHECK(stock->kind == JY_ITEM_BACKSTAGE && stock->owner == 0 && stock->tags.n == 2);
    CHECK(desk->kind == JY_ITEM_FRONTSTAGE && desk->owner == -1 && desk->tags.n == 0);
    CHECK(jy_item_personas(a, stock, who) == 0 && !jy_item_concerns(a, stock, 0));
    /* Names and values. */
    CHECK(strcmp(jy_item_kind_name(JY_ITEM_SUPPORT), "support") == 0);
    CHECK(strcmp(jy_level_name(JY_LEVEL_CRITICAL), "critical") == 0 && jy_level_name(JY_LEVEL_NONE) == NULL);
    CHECK(strcmp(jy_status_name(JY_STATUS_DROPPED), "dropped") == 0 && jy_status_name(JY_STATUS_NONE) == NULL);
    CHECK(jy_level_parse(jy_str_make("critical", 8), true) == JY_LEVEL_CRITICAL);
    CHECK(jy_level_parse(jy_str_make("critical", 8), false) == JY_LEVEL_NONE);
    CHECK(jy_status_parse(jy_str_make("doing", 5)) == JY_STATUS_DOING);
    CHECK(JY_LEVEL_LOW < JY_LEVEL_MEDIUM && JY_LEVEL_HIGH < JY_LEVEL_CRITICAL);
    CHECK(jy_item_done(early) && !jy_item_done(late));
    /* The table: owner is single in an opportunity, a lane entry and the
     * journey, not in a step. */
    CHECK(jy_ast_once(JY_N_OPPORTUNITY, JY_N_OWNER) && jy_ast_once(JY_N_SUPPORT, JY_N_OWNER));
    CHECK(jy_ast_once(JY_N_JOURNEY, JY_N_OWNER) && !jy_ast_once(JY_N_STEP, JY_N_OWNER));
    CHECK(jy_ast_allowed(JY_N_PAIN, JY_N_SEVERITY) && !jy_ast_allowed(JY_N_OPPORTUNITY, JY_N_SEVERITY));
    CHECK(jy_ast_once(JY_N_STEP, JY_N_DESCRIPTION) && !jy_ast_once(JY_N_STEP, JY_N_TAG));
    done(r);
}

static void test_bom_crlf(void)
{
    run r = compile("\xEF\xBB\xBFjourney \"J\" {\r\n  persona a \"A\"\r\n  stage \"S\" {\r\n"
                    "    step \"X\" { emotion 9 }\r\n  }\r\n}\r\n");
    CHECK(has_code(&r, JY_C_EMOTION_RANGE));
    const jy_diag *g = jy_diags_get(r.d, 0);
    jy_pos p = jy_sources_position(jy_diags_sources(r.d), g->loc.file, g->loc.off);
    CHECK(p.line == 4 && p.col == 24);
    done(r);
}

/* Line and column of the first diagnostic with this code, or 0:0. */
static jy_pos where(const run *r, unsigned code)
{
    for (size_t i = 0; i < jy_diags_count(r->d); i++) {
        const jy_diag *g = jy_diags_get(r->d, i);
        if (g->code == code)
            return jy_sources_position(jy_diags_sources(r->d), g->loc.file, g->loc.off);
    }
    jy_pos none = { 0, 0 };
    return none;
}

static unsigned count_children(const jy_node *n)
{
    unsigned k = 0;
    for (const jy_node *c = n ? n->child : NULL; c; c = c->next)
        k++;
    return k;
}

/* Lexical rules, one by one (docs/language.md, "Writing a file"). */
static void test_line_ends(void)
{
    /* LF and CRLF give the same tree, with the same text. */
    static const char lf[] = "journey \"J\" {\n  persona a \"A\" # note\n\n\n  stage \"S\" { step \"X\" }\n}\n";
    static const char crlf[] = "journey \"J\" {\r\n  persona a \"A\" # note\r\n\r\n\r\n  stage \"S\" { step \"X\" }\r\n}\r\n";
    run a = compile(lf), b = compile(crlf);
    CHECK(errors(&a) == 0 && errors(&b) == 0);
    const jy_node *ja = first_stmt(&a), *jb = first_stmt(&b);
    CHECK(count_children(ja) == 2 && count_children(jb) == 2);
    CHECK_STR(ja->child->args[1].text, "A");
    CHECK_STR(jb->child->args[1].text, "A");
    CHECK_STR(jy_ast_node_id(b.c->arena, jb->child->next->child), "x");
    CHECK(a.c->prog->root->ncomments == 1 && b.c->prog->root->ncomments == 1);
    CHECK_STR(b.c->prog->root->comments[0].text, "# note");   /* no CR kept */
    done(a);
    done(b);

    /* A BOM is skipped only at the very start: elsewhere it is a character
     * like any other that starts no token. */
    run r = compile("\xEF\xBB\xBFteam t \"T\"\n");
    CHECK(errors(&r) == 0 && first_stmt(&r)->kind == JY_N_TEAM);
    done(r);
    r = compile("team t \"T\"\n\xEF\xBB\xBFteam u \"U\"\n");
    CHECK(has_code(&r, JY_C_BAD_CHAR));
    CHECK(where(&r, JY_C_BAD_CHAR).line == 2 && where(&r, JY_C_BAD_CHAR).col == 1);
    done(r);
}

static void test_comments_lexical(void)
{
    /* '#' starts a comment anywhere outside a string, and runs to the end
     * of the line; inside a string it is text. */
    run r = compile("team t \"Support # 1\" # the first line\n# a whole line\nteam u \"U\"#no space\n");
    const jy_node *n = first_stmt(&r);
    CHECK(errors(&r) == 0);
    CHECK_STR(n->args[1].text, "Support # 1");
    CHECK(n->next && n->next->kind == JY_N_TEAM && !n->next->next);
    CHECK(r.c->prog->root->ncomments == 3);
    CHECK_STR(r.c->prog->root->comments[2].text, "#no space");
    done(r);
}

static void test_separators(void)
{
    /* Statements end at a new line, a ';' or the '}' of their block; blank
     * lines and extra ';' are nothing. */
    run r = compile("journey \"J\" {\n\n  persona a \"A\";;\n\n\n  stage \"S\" { step \"Pays\" { emotion 2; touchpoint \"shop\" } ; }\n}\n");
    const jy_node *j = first_stmt(&r);
    CHECK(errors(&r) == 0);
    CHECK(count_children(j) == 2);
    const jy_node *step = j->child->next->child;
    CHECK(step && step->kind == JY_N_STEP && count_children(step) == 2);
    CHECK(step->child->kind == JY_N_EMOTION && step->child->next->kind == JY_N_TOUCHPOINT);
    done(r);

    /* A whole journey on one line. */
    r = compile("journey \"J\" { persona a \"A\"; stage \"S\" { step \"X\" { emotion 1 } } }");
    CHECK(errors(&r) == 0 && r.c->model && r.c->model->nsteps == 1);
    done(r);
}

static void test_identifiers(void)
{
    /* [A-Za-z_][A-Za-z0-9_-]*: letters, digits, '_' and '-', not first a
     * digit or '-'; case matters. */
    run r = compile("team _a-b_2 \"T\"\nteam Ops \"O\"\nteam ops \"o\"\n");
    const jy_node *n = first_stmt(&r);
    CHECK(errors(&r) == 0);
    CHECK_STR(jy_ast_node_id(r.c->arena, n), "_a-b_2");
    CHECK_STR(jy_ast_node_id(r.c->arena, n->next), "Ops");
    CHECK_STR(jy_ast_node_id(r.c->arena, n->next->next), "ops");
    done(r);
    static const char *const bad[] = {
        "team 2ab \"T\"\n",        /* a digit first: a number */
        "team -ab \"T\"\n",        /* '-' first */
        "team a.b \"T\"\n",        /* '.' */
        "team caf\xC3\xA9 \"T\"\n", /* not ASCII */
    };
    check_rejected("identifier", bad, sizeof bad / sizeof bad[0], -1);
}

static void test_numbers_more(void)
{
    /* Sign, '+', fraction and '%' in any combination; the spelling is
     * kept; a range needs integers and no spaces. */
    run r = compile("kpi a \"A\" { target -12.5% }\nkpi b \"B\" { target +0 }\nkpi c \"C\" { target 007 }\n");
    const jy_node *n = first_stmt(&r);
    CHECK(errors(&r) == 0);
    const jy_arg *t = &n->child->args[0];
    CHECK(jy_ast_number(t) == -12.5 && t->pct && !t->is_int);
    CHECK_STR(t->text, "-12.5%");
    CHECK(jy_ast_number(&n->next->child->args[0]) == 0 && n->next->child->args[0].is_int);
    CHECK(jy_ast_number(&n->next->next->child->args[0]) == 7);
    done(r);

    r = compile("journey \"J\" {\n scale 1..5\n}\n");
    CHECK(errors(&r) == 0 && r.c->model->scale_lo == 1 && r.c->model->scale_hi == 5);
    done(r);
    static const char *const bad[] = {
        "journey \"J\" {\n scale -2 .. 2\n}\n",
        "journey \"J\" {\n scale -2.5..2\n}\n",
        "journey \"J\" {\n scale 2\n}\n",
        "kpi k \"K\" { target 5.%\n}\n",
        "kpi k \"K\" { target 1000000000000000 }\n",   /* 16 digits */
    };
    check_rejected("number", bad, sizeof bad / sizeof bad[0], -1);
    r = compile("kpi k \"K\" { target 999999999999999.75 }\n");   /* 15 digits */
    CHECK(errors(&r) == 0);
    done(r);
}

static void test_string_errors(void)
{
    /* An unterminated string is reported at its opening quote, and the
     * next line is read as usual. */
    run r = compile("team t \"Support\nteam u \"U\"\n");
    CHECK(errors(&r) == 1 && has_code(&r, JY_C_BAD_STRING));
    CHECK(where(&r, JY_C_BAD_STRING).line == 1 && where(&r, JY_C_BAD_STRING).col == 8);
    const jy_node *n = first_stmt(&r);
    CHECK(n && n->next && n->next->kind == JY_N_TEAM);
    CHECK_STR(jy_ast_node_id(r.c->arena, n->next), "u");
    done(r);

    /* An unknown escape is reported at the backslash. */
    r = compile("team t \"a\\qb\"\n");
    CHECK(where(&r, JY_C_BAD_STRING).col == 10);
    done(r);

    /* A string of more than 1 MiB is over the limit. */
    size_t big = JY_MAX_STRING + 16;
    char *text = jy_xmalloc(big + 32);
    memcpy(text, "team t \"", 8);
    memset(text + 8, 'x', big);
    memcpy(text + 8 + big, "\"\n", 3);
    r = compile(text);
    CHECK(has_code(&r, JY_C_LIMIT));
    done(r);
    free(text);
}

static void test_triple_more(void)
{
    /* Text on the line of the opening quotes is kept, and its own lack of
     * indentation does not stop the others' from being removed; tabs
     * indent like spaces; a blank line inside stays, empty; escapes are
     * decoded. */
    run r = compile("team t \"T\" {\n  description \"\"\"First\n\t\tsecond\\t(tab)\n\n\t\tthird\"\"\"\n}\n");
    CHECK(errors(&r) == 0);
    CHECK_STR(first_stmt(&r)->child->args[0].text, "First\nsecond\t(tab)\n\nthird");
    done(r);
}

static void test_positions(void)
{
    /* Columns count characters: a tab is one, an accented letter one, an
     * emoji one.  Invalid UTF-8 is reported at its own byte. */
    run r = compile("team t \"\xC3\xA9\xF0\x9F\x98\x80\" \xFF\n");
    jy_pos p = where(&r, JY_C_BAD_UTF8);
    CHECK(p.line == 1 && p.col == 13);
    done(r);
    r = compile("# c\n\tteam\tt \"T\" @\n");
    p = where(&r, JY_C_BAD_CHAR);
    CHECK(p.line == 2 && p.col == 13);
    done(r);
    r = compile("team t \"a\xE2\x82\" \n");   /* a cut sequence in a string */
    p = where(&r, JY_C_BAD_UTF8);
    CHECK(p.line == 1 && p.col == 10);
    done(r);
}

/* Every prefix of every example: no crash, errors only with diagnostics. */
static void test_truncations(const char *dir)
{
    DIR *dp = opendir(dir);
    CHECK(dp != NULL);
    if (!dp)
        return;
    struct dirent *e;
    unsigned files = 0, runs = 0;
    while ((e = readdir(dp))) {
        size_t n = strlen(e->d_name);
        if (n < 9 || strcmp(e->d_name + n - 8, ".journey") != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text;
        size_t len;
        int err;
        CHECK(jy_file_read(path, true, &text, &len, &err) == JY_READ_OK);
        files++;
        for (size_t cut = 0; cut <= len; cut++) {
            jy_diags *d = jy_diags_new();
            jy_compile_options opts = { (const char *const[]){ dir }, 1 };
            jy_compilation *c = jy_compile_text(d, path, text, cut, &opts);
            /* Without errors there must be a model; with a syntax error,
             * a diagnostic says so. */
            if (jy_diags_error_count(d) == 0 && !c->model)
                CHECK(!"no error and no model");
            if (c->prog->syntax_errors && jy_diags_error_count(d) == 0)
                CHECK(!"syntax error without a diagnostic");
            jy_compilation_free(c);
            jy_diags_free(d);
            runs++;
        }
        free(text);
    }
    closedir(dp);
    CHECK(files >= 5);
    printf("truncations: %u files, %u prefixes\n", files, runs);
}

int main(int argc, char **argv)
{
    test_strings();
    test_triple();
    test_numbers();
    test_keywords();
    test_ids();
    test_comments();
    test_emotions();
    test_items();
    test_bom_crlf();
    test_line_ends();
    test_comments_lexical();
    test_separators();
    test_identifiers();
    test_numbers_more();
    test_string_errors();
    test_triple_more();
    test_positions();
    if (argc > 1)
        test_truncations(argv[1]);
    TEST_DONE();
}
