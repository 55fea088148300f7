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
    diags_set_max_errors(r.d, 0);
    r.c = compile_text(r.d, "t.journey", text, strlen(text), NULL);
    return r;
}

static void done(run r)
{
    compilation_free(r.c);
    diags_free(r.d);
}

static bool has_code(const run *r, unsigned code)
{
    for (size_t i = 0; i < diags_count(r->d); i++)
        if (diags_get(r->d, i)->code == code)
            return true;
    return false;
}

static unsigned errors(const run *r)
{
    return diags_error_count(r->d);
}

static const jy_node *first_stmt(const run *r)
{
    return r->c->prog->root->stmts;
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
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = compile(bad[i]);
        if (!has_code(&r, JY_C_BAD_STRING))
            fprintf(stderr, "no invalid-string for case %zu\n", i);
        CHECK(has_code(&r, JY_C_BAD_STRING));
        done(r);
    }
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
    CHECK(t->type == JY_ARG_NUMBER && t->v.num == 85.5 && !t->is_int && !t->pct);
    CHECK_STR(t->text, "+85.5");
    CHECK(k->next->child->args[0].v.num == -3 && k->next->child->args[0].is_int);
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
    CHECK_STR(n->id, "support");
    CHECK(n->next->kind == JY_N_PERSONA && n->next->child->kind == JY_N_GOAL);
    CHECK_STR(n->next->id, "goal");
    CHECK_STR(n->next->next->id, "step");
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
    jy_arena *a = arena_new();
    CHECK_STR(ast_derive_id(a, JY_STR("Sees an ad!")), "sees-an-ad");
    CHECK_STR(ast_derive_id(a, JY_STR("  Pays -- and  GETS confirmation ")), "pays-and-gets-confirmation");
    CHECK_STR(ast_derive_id(a, JY_STR("Caf\xC3\xA9 au lait")), "caf-au-lait");
    CHECK_STR(ast_derive_id(a, JY_STR("3 days later")), "3-days-later");
    CHECK_STR(ast_derive_id(a, JY_STR("!!!")), "");
    arena_free(a);

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
    CHECK(j->cm && j->cm->lead_count == 1 && j->cm->lead_first == 0);
    CHECK(j->cm->header == 1);
    const jy_node *p = j->child;
    CHECK(p->cm && p->cm->lead_count == 1 && p->cm->lead_first == 2 && p->cm->trail == 3);
    CHECK(j->cm->inner_count == 1 && j->cm->inner_first == 4);
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

static void test_bom_crlf(void)
{
    run r = compile("\xEF\xBB\xBFjourney \"J\" {\r\n  persona a \"A\"\r\n  stage \"S\" {\r\n"
                    "    step \"X\" { emotion 9 }\r\n  }\r\n}\r\n");
    CHECK(has_code(&r, JY_C_EMOTION_RANGE));
    const jy_diag *g = diags_get(r.d, 0);
    jy_pos p = diags_position(r.d, g->loc.file, g->loc.off);
    CHECK(p.line == 4 && p.col == 24);
    done(r);
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
        CHECK(file_read(path, true, &text, &len, &err) == JY_READ_OK);
        files++;
        for (size_t cut = 0; cut <= len; cut++) {
            jy_diags *d = jy_diags_new();
            jy_compile_options opts = { (const char *const[]){ dir }, 1 };
            jy_compilation *c = compile_text(d, path, text, cut, &opts);
            /* Without errors there must be a model; with a syntax error,
             * a diagnostic says so. */
            if (diags_error_count(d) == 0 && !c->model)
                CHECK(!"no error and no model");
            if (c->prog->syntax_errors && diags_error_count(d) == 0)
                CHECK(!"syntax error without a diagnostic");
            compilation_free(c);
            diags_free(d);
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
    test_bom_crlf();
    test_triple_more();
    if (argc > 1)
        test_truncations(argv[1]);
    TEST_DONE();
}
