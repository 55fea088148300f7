/* features.c - what the server answers: diagnostics, hover, navigation,
 * completion, rename, formatting and code actions.
 *
 * Design notes
 * - Every answer reads the document's analysis (analysis.c), made again
 *   on first use after a change: a burst of changes costs one
 *   compilation.  Hover cards read the declaring statement in the tree, so
 *   they work on a map with errors; a step's summary reads the model when
 *   there is one (the emotion each persona feels follows defaults) and
 *   the tree otherwise.
 * - Completion reads the text before the cursor, not the tree: what is
 *   being typed rarely parses.  A small scan (strings, comments, braces)
 *   finds the blocks the cursor is in.
 * - Rename and references work across the open documents and the files
 *   they import: an occurrence is the same name when it resolves to the
 *   same declaration (kind, id, and the file that declares it).
 * - Ranges in other files than the document asked about are converted on
 *   their own text (an open document's, else the text the compilation
 *   read).
 */
#include "lsp.h"

#include <strings.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---------------------------------------------------------- */

lsp_analysis *lsp_doc_analysis(lsp_server *s, lsp_doc *d)
{
    if (!d->an)
        d->an = lsp_analyze(&s->set, d);
    return d->an;
}

static lsp_doc *param_doc(lsp_server *s, json_t *params, int *code, const char **msg)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&s->docs, uri) : NULL;
    if (!d) {
        *code = uri ? LSP_REQUEST_FAILED : LSP_INVALID_PARAMS;
        *msg = uri ? "the document is not open" : "textDocument.uri is missing";
    }
    return d;
}

static bool param_offset(lsp_doc *d, json_t *params, size_t *off, int *code, const char **msg)
{
    if (!lsp_doc_offset(d, json_object_get(params, "position"), off)) {
        *code = LSP_INVALID_PARAMS;
        *msg = "position is missing or not a position";
        return false;
    }
    return true;
}

/* A range in file `file` of analysis a. */
json_t *lsp_file_range(lsp_server *s, const lsp_analysis *a, uint32_t file, size_t off, size_t end)
{
    const jy_source *src = lsp_an_source(a, file);
    char *path = lsp_normalize_path(src->name);
    lsp_doc *d = lsp_doc_find_path(&s->docs, path);
    free(path);
    if (d)
        return lsp_doc_range(d, off, end);
    uint32_t n;
    uint32_t *lines = lsp_line_starts(src->text, src->len, &n);
    uint32_t l1, c1, l2, c2;
    lsp_offset_to_pos(src->text, src->len, lines, n, off, &l1, &c1);
    lsp_offset_to_pos(src->text, src->len, lines, n, end, &l2, &c2);
    free(lines);
    return json_pack("{s:{s:i,s:i},s:{s:i,s:i}}", "start", "line", (json_int_t)l1, "character", (json_int_t)c1, "end",
                     "line", (json_int_t)l2, "character", (json_int_t)c2);
}

char *lsp_file_uri(const lsp_analysis *a, uint32_t file)
{
    char *path = lsp_normalize_path(lsp_an_source(a, file)->name);
    char *uri = lsp_path_to_uri(path);
    free(path);
    return uri;
}

static json_t *location(lsp_server *s, const lsp_analysis *a, uint32_t file, size_t off, size_t end)
{
    char *uri = lsp_file_uri(a, file);
    json_t *l = json_pack("{s:s,s:o}", "uri", uri, "range", lsp_file_range(s, a, file, off, end));
    free(uri);
    return l;
}

static json_t *jstr(jy_str t)
{
    return json_stringn(t.s, t.n);
}

/* ---- diagnostics ------------------------------------------------------------- */

static bool is_unused(unsigned code)
{
    return code == JY_C_UNUSED_PERSONA || code == JY_C_UNUSED_CHANNEL || code == JY_C_UNUSED_TEAM ||
           code == JY_C_UNUSED_KPI;
}

/* The import statement of the root file that brought file in (the first
 * import when none matches by name). */
static const jy_node *import_for(const lsp_analysis *a, uint32_t file)
{
    const char *name = lsp_an_source(a, file)->name;
    size_t nl = strlen(name);
    const jy_node *first = NULL;
    for (const jy_node *n = a->comp->prog->root->stmts; n; n = n->next) {
        if (n->kind != JY_N_IMPORT || !n->nargs)
            continue;
        if (!first)
            first = n;
        jy_str t = n->args[0].text;
        if (t.n <= nl && memcmp(name + nl - t.n, t.s, t.n) == 0)
            return n;
    }
    return first;
}

json_t *lsp_publish_params(lsp_server *s, lsp_doc *d)
{
    lsp_analysis *a = lsp_doc_analysis(s, d);
    json_t *list = json_array();
    if (a->too_large || !a->comp || a->comp->read_status != JY_READ_OK) {
        const char *why = a->too_large ? "the document is too large to check as it is typed (the limit is 32 MiB); "
                                         "run journey check on the file"
                                       : "out of memory checking the document";
        json_array_append_new(list, json_pack("{s:o,s:i,s:s,s:s}", "range", lsp_doc_range(d, 0, 0), "severity", 1,
                                              "source", "journey", "message", why));
    } else {
        for (size_t i = 0; i < jy_diags_count(a->diags); i++) {
            const jy_diag *g = jy_diags_get(a->diags, i);
            size_t off = 0, end = 0;
            jy_buf msg = { 0 };
            jy_buf_adds(&msg, g->msg);
            json_t *related = json_array();
            if (g->has_loc && g->loc.file == a->root) {
                off = g->loc.off;
                end = g->loc.end;
            } else if (g->has_loc) {
                /* In an imported file: said at the import that brings it in. */
                const jy_node *imp = import_for(a, g->loc.file);
                if (imp) {
                    off = imp->args[0].loc.off;
                    end = imp->args[0].loc.end;
                }
                jy_buf_free(&msg);
                jy_buf_printf(&msg, "in %s: %s", lsp_an_source(a, g->loc.file)->name, g->msg);
                json_array_append_new(related, json_pack("{s:o,s:s}", "location",
                                                         location(s, a, g->loc.file, g->loc.off, g->loc.end),
                                                         "message", g->msg));
            }
            for (size_t k = 0; k < g->nnotes; k++) {
                const jy_note *nt = &g->notes[k];
                if (nt->has_loc)
                    json_array_append_new(related, json_pack("{s:o,s:s}", "location",
                                                             location(s, a, nt->loc.file, nt->loc.off, nt->loc.end),
                                                             "message", nt->msg));
                else
                    jy_buf_printf(&msg, "\n%s", nt->msg);
            }
            int sev = g->sev == JY_SEV_ERROR ? 1 : g->sev == JY_SEV_WARNING ? 2 : 3;
            json_t *o = json_pack("{s:o,s:i,s:s,s:s,s:s}", "range", lsp_doc_range(d, off, end), "severity", sev, "code",
                                  jy_codes[g->code].name, "source", "journey", "message", jy_buf_cstr(&msg));
            jy_buf_free(&msg);
            if (json_array_size(related))
                json_object_set_new(o, "relatedInformation", related);
            else
                json_decref(related);
            if (is_unused(g->code))
                json_object_set_new(o, "tags", json_pack("[i]", 1));
            json_array_append_new(list, o);
        }
    }
    json_t *p = json_pack("{s:s,s:o}", "uri", d->uri, "diagnostics", list);
    json_object_set_new(p, "version", json_integer(d->version));
    return p;
}

/* ---- hover ------------------------------------------------------------------- */

static const struct {
    const char *kw, *doc;
} keyword_docs[] = {
    { "import", "Loads the declarations of a library (a file without a journey), relative to this file." },
    { "journey", "The map: its stages, steps, and the declarations they use." },
    { "persona", "Declares a persona (`persona ID \"Name\"`), or, in a step, the personas it concerns." },
    { "channel", "Declares a channel a touchpoint can name." },
    { "team", "Declares a team that can own steps." },
    { "kpi", "Declares a kpi that metrics measure, with its unit, target and better direction." },
    { "stage", "A phase of the journey: a column of the map, holding steps." },
    { "step", "One thing the customer does or meets, in a stage." },
    { "description", "A description of the block it is in." },
    { "state", "What the map shows: current (as-is) or future (to-be)." },
    { "scale", "The range of emotion scores, LOW..HIGH (default -2..2)." },
    { "reviewed", "The day of the map's last review, YYYY-MM-DD." },
    { "next-review", "The day the map's next review is due, YYYY-MM-DD." },
    { "goal", "A goal of the persona or of the stage." },
    { "need", "A need of the persona." },
    { "frustration", "A frustration of the persona." },
    { "behavior", "A behavior of the persona." },
    { "quote", "Something the persona would say." },
    { "kind", "The kind of channel (web, app, store, phone...)." },
    { "unit", "The unit of the kpi's values." },
    { "target", "The kpi's target value." },
    { "better", "Which way the kpi improves: higher or lower." },
    { "touchpoint", "Where the step happens: a channel, a text, or both." },
    { "owner", "The team that owns the step (or the whole journey)." },
    { "emotion", "How a persona feels at the step: [persona] score [\"label\"]." },
    { "thought", "What the customer thinks at the step." },
    { "pain", "A pain point at the step." },
    { "opportunity", "An opportunity to improve the step." },
    { "frontstage", "What the customer sees the organisation do (blueprint)." },
    { "backstage", "What the organisation does out of the customer's sight (blueprint)." },
    { "support", "Systems and processes that support the step (blueprint)." },
    { "metric", "A kpi's value measured at the step: kpi value." },
    { "evidence", "Research behind the step: kind \"source\"." },
    { "note", "A note about the step." },
    { "moment", "Marks the step as a moment of truth." },
    { "tag", "Free words that group steps." },
    { "artifact", "Physical evidence the customer meets at the step (blueprint)." },
    { "severity", "How much a pain hurts: low, medium, high or critical." },
    { "solves", "The pains (by id) an opportunity solves, anywhere in the journey." },
    { "impact", "How much an opportunity would help: low, medium or high." },
    { "effort", "How much an opportunity would cost: low, medium or high." },
    { "status", "Where an opportunity stands: idea, planned, doing, done or dropped." },
};

static const char *keyword_doc(jy_str kw)
{
    for (size_t i = 0; i < sizeof keyword_docs / sizeof *keyword_docs; i++)
        if (jy_str_eqz(kw, keyword_docs[i].kw))
            return keyword_docs[i].doc;
    return NULL;
}

/* An item's id and settings after its text: " (`acct`, severity high)". */
static void item_details(jy_buf *b, const jy_node *item)
{
    const jy_arg *id = jy_ast_arg(item, JY_ARG_IDENT);
    bool any = false;
    if (id) {
        jy_buf_adds(b, " (`");
        jy_buf_addstr(b, id->text);
        jy_buf_adds(b, "`");
        any = true;
    }
    for (const jy_node *c = item->child; c; c = c->next) {
        if (c->kind != JY_N_SEVERITY && c->kind != JY_N_IMPACT && c->kind != JY_N_EFFORT && c->kind != JY_N_STATUS &&
            c->kind != JY_N_SOLVES)
            continue;
        jy_buf_adds(b, any ? ", " : " (");
        any = true;
        jy_buf_adds(b, jy_ast_keyword((jy_node_kind)c->kind));
        for (uint32_t i = 0; i < c->nargs; i++) {
            jy_buf_adds(b, i ? ", " : " ");
            jy_buf_addstr(b, c->args[i].text);
        }
    }
    if (any)
        jy_buf_addc(b, ')');
}

static void md_list(jy_buf *b, const jy_node *decl, jy_node_kind k, const char *heading)
{
    bool any = false;
    for (const jy_node *c = decl->child; c; c = c->next) {
        const jy_arg *t = c->kind == k ? jy_ast_arg(c, JY_ARG_STRING) : NULL;
        if (!t)
            continue;
        if (!any)
            jy_buf_printf(b, "\n\n**%s**\n", heading);
        any = true;
        jy_buf_adds(b, "\n- ");
        jy_buf_addstr(b, t->text);
        item_details(b, c);
    }
}

static jy_str child_text(const jy_node *decl, jy_node_kind k, jy_arg_type type)
{
    for (const jy_node *c = decl->child; c; c = c->next)
        if (c->kind == k) {
            const jy_arg *t = jy_ast_arg(c, type);
            if (t)
                return t->text;
        }
    return JY_STR("");
}

static void hover_decl(jy_buf *b, const lsp_analysis *a, const lsp_occ *decl)
{
    const jy_node *n = decl->node;
    const jy_arg *title = jy_ast_arg(n, JY_ARG_STRING);
    jy_buf_printf(b, "**%s** `%.*s`", lsp_kind_name(decl->kind), (int)decl->id.n, decl->id.s);
    if (title) {
        jy_buf_adds(b, " — ");
        jy_buf_addstr(b, title->text);
    }
    if (decl->file != a->root)
        jy_buf_printf(b, "\n\n*from %s*", lsp_an_source(a, decl->file)->name);
    jy_str desc = child_text(n, JY_N_DESCRIPTION, JY_ARG_STRING);
    if (desc.n) {
        jy_buf_adds(b, "\n\n");
        jy_buf_addstr(b, desc);
    }
    switch (decl->kind) {
    case LSP_K_PERSONA: {
        md_list(b, n, JY_N_GOAL, "Goals");
        md_list(b, n, JY_N_NEED, "Needs");
        md_list(b, n, JY_N_FRUSTRATION, "Frustrations");
        jy_str q = child_text(n, JY_N_QUOTE, JY_ARG_STRING);
        if (q.n) {
            jy_buf_adds(b, "\n\n> ");
            jy_buf_addstr(b, q);
        }
        break;
    }
    case LSP_K_CHANNEL: {
        jy_str k = child_text(n, JY_N_KIND, JY_ARG_IDENT);
        if (k.n) {
            jy_buf_adds(b, "\n\nKind: ");
            jy_buf_addstr(b, k);
        }
        break;
    }
    case LSP_K_KPI: {
        jy_str t = child_text(n, JY_N_TARGET, JY_ARG_NUMBER), u = child_text(n, JY_N_UNIT, JY_ARG_STRING),
               better = child_text(n, JY_N_BETTER, JY_ARG_IDENT);
        if (t.n) {
            jy_buf_adds(b, "\n\nTarget: ");
            jy_buf_addstr(b, t);
            if (u.n) {
                if (!jy_str_eqz(u, "%"))
                    jy_buf_addc(b, ' ');
                jy_buf_addstr(b, u);
            }
            if (better.n) {
                jy_buf_adds(b, ", ");
                jy_buf_addstr(b, better);
                jy_buf_adds(b, " is better");
            }
        } else if (better.n) {
            jy_buf_adds(b, "\n\n");
            jy_buf_addstr(b, better);
            jy_buf_adds(b, " is better");
        }
        break;
    }
    default:
        break;
    }
}

static void hover_step(jy_buf *b, const lsp_analysis *a, const lsp_occ *decl)
{
    const jy_model *m = a->comp->model;
    const jy_step *s = NULL;
    for (uint32_t i = 0; m && i < m->nsteps; i++)
        if (jy_str_eq(m->steps[i].id, decl->id))
            s = &m->steps[i];
    const jy_arg *title = jy_ast_arg(decl->node, JY_ARG_STRING);
    jy_buf_printf(b, "**step** `%.*s`", (int)decl->id.n, decl->id.s);
    if (title) {
        jy_buf_adds(b, " — ");
        jy_buf_addstr(b, title->text);
    }
    if (s) {
        jy_feel_view *v = jy_xmalloc((s->nfeel ? s->nfeel : 1) * sizeof *v);
        uint32_t nv = jy_step_views(s, v);
        jy_buf_adds(b, "\n\n**Emotions**\n");
        for (uint32_t k = 0; k < nv; k++) {
            jy_buf_adds(b, "\n- ");
            if (v[k].persona != JY_MOOD) {
                const jy_persona *p = &m->personas[v[k].persona];
                jy_buf_addstr(b, jy_display_name(p->title, p->id));
                jy_buf_adds(b, ": ");
            }
            if (v[k].has) {
                jy_buf_printf(b, "%d", v[k].score);
                if (v[k].label.n) {
                    jy_buf_adds(b, " (");
                    jy_buf_addstr(b, v[k].label);
                    jy_buf_addc(b, ')');
                }
            } else {
                jy_buf_adds(b, "none given");
            }
        }
        free(v);
    } else {
        bool any = false;
        for (const jy_node *c = decl->node->child; c; c = c->next) {
            if (c->kind != JY_N_EMOTION)
                continue;
            const jy_arg *p = jy_ast_arg(c, JY_ARG_IDENT), *num = jy_ast_arg(c, JY_ARG_NUMBER);
            if (!any)
                jy_buf_adds(b, "\n\n**Emotions**\n");
            any = true;
            jy_buf_adds(b, "\n- ");
            if (p) {
                jy_buf_addstr(b, p->text);
                jy_buf_adds(b, ": ");
            }
            if (num)
                jy_buf_addstr(b, num->text);
        }
    }
    md_list(b, decl->node, JY_N_PAIN, "Pains");
    md_list(b, decl->node, JY_N_OPPORTUNITY, "Opportunities");
}

json_t *lsp_hover(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d = param_doc(s, params, code, msg);
    size_t off;
    if (!d || !param_offset(d, params, &off, code, msg))
        return NULL;
    lsp_analysis *a = lsp_doc_analysis(s, d);
    if (!a->comp || !a->comp->prog)
        return json_null();
    jy_buf b = { 0 };
    size_t r0 = 0, r1 = 0;
    const lsp_occ *o = lsp_occ_at(a, off);
    if (o) {
        const lsp_occ *decl = lsp_occ_decl(a, o);
        if (decl && decl->kind == LSP_K_STEP) {
            hover_step(&b, a, decl);
        } else if (decl && decl->kind == LSP_K_ITEM) {
            const jy_arg *t = jy_ast_arg(decl->node, JY_ARG_STRING);
            jy_buf_printf(&b, "**%s**", jy_ast_keyword((jy_node_kind)decl->node->kind));
            if (t) {
                jy_buf_adds(&b, " — ");
                jy_buf_addstr(&b, t->text);
            }
            item_details(&b, decl->node);
        }
        else if (decl)
            hover_decl(&b, a, decl);
        else
            jy_buf_printf(&b, "unknown %s `%.*s`", lsp_kind_name(o->kind), (int)o->id.n, o->id.s);
        r0 = o->off;
        r1 = o->end;
    } else {
        const jy_node *n = lsp_node_at(a, off);
        if (n) {
            jy_loc kw = jy_ast_keyword_loc(n);
            if (kw.off <= off && off <= kw.end) {
                const char *doc = keyword_doc(jy_str_make(d->text + kw.off, kw.end - kw.off));
                if (doc) {
                    jy_buf_printf(&b, "`%.*s`: %s", (int)(kw.end - kw.off), d->text + kw.off, doc);
                    r0 = kw.off;
                    r1 = kw.end;
                }
            }
        }
    }
    if (!b.len)
        return json_null();
    json_t *h = json_pack("{s:{s:s,s:s},s:o}", "contents", "kind", "markdown", "value", jy_buf_cstr(&b), "range",
                          lsp_doc_range(d, r0, r1));
    jy_buf_free(&b);
    return h;
}

/* ---- definition, references ------------------------------------------------ */

/* The document a position request names, its analysis and the declaration
 * of the name at the position (NULL where there is none).  False, with
 * *code and *msg set, where the parameters are wrong. */
static bool param_decl(lsp_server *s, json_t *params, lsp_doc **dp, lsp_analysis **ap, const lsp_occ **declp,
                       int *code, const char **msg)
{
    lsp_doc *d = param_doc(s, params, code, msg);
    size_t off;
    if (!d || !param_offset(d, params, &off, code, msg))
        return false;
    lsp_analysis *a = lsp_doc_analysis(s, d);
    *dp = d;
    *ap = a;
    *declp = lsp_occ_decl(a, lsp_occ_at(a, off));
    return true;
}

json_t *lsp_definition(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d;
    lsp_analysis *a;
    const lsp_occ *decl;
    if (!param_decl(s, params, &d, &a, &decl, code, msg))
        return NULL;
    if (!decl)
        return json_null();
    return location(s, a, decl->file, decl->off, decl->end);
}

typedef struct {
    char *path;
    uint32_t off, end;
} place;

typedef struct {
    place *p;
    size_t n, cap;
} places;

static bool places_has(const places *ps, const char *path, uint32_t off)
{
    for (size_t i = 0; i < ps->n; i++)
        if (ps->p[i].off == off && strcmp(ps->p[i].path, path) == 0)
            return true;
    return false;
}

static void places_free(places *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->p[i].path);
    free(ps->p);
}

void lsp_each_occurrence(lsp_server *s, lsp_doc *origin, const lsp_occ *decl, bool with_decl, lsp_occ_fn fn,
                            void *ctx)
{
    lsp_analysis *a0 = lsp_doc_analysis(s, origin);
    char *decl_path = lsp_normalize_path(lsp_an_source(a0, decl->file)->name);
    int kind = decl->kind;
    jy_str id = decl->id;
    places seen = { 0 };
    /* The origin first, then the other open documents. */
    for (size_t k = 0; k <= s->docs.n; k++) {
        lsp_doc *d = k == 0 ? origin : s->docs.docs[k - 1];
        if (k > 0 && d == origin)
            continue;
        lsp_analysis *a = lsp_doc_analysis(s, d);
        const lsp_occ *dd = lsp_decl_of(a, kind, id);
        if (!dd)
            continue;
        char *dp = lsp_normalize_path(lsp_an_source(a, dd->file)->name);
        bool same = strcmp(dp, decl_path) == 0;
        free(dp);
        if (!same)
            continue;
        for (size_t i = 0; i < a->nocc; i++) {
            const lsp_occ *o = &a->occ[i];
            if (o->kind != kind || !jy_str_eq(o->id, id) || (o->decl && !with_decl))
                continue;
            char *p = lsp_normalize_path(lsp_an_source(a, o->file)->name);
            if (places_has(&seen, p, o->off)) {
                free(p);
                continue;
            }
            place pl = { p, o->off, o->end };
            VEC_PUSH(seen.p, seen.n, seen.cap, pl);
            fn(s, a, o, ctx);
        }
    }
    places_free(&seen);
    free(decl_path);
}

static void add_location(lsp_server *s, const lsp_analysis *a, const lsp_occ *o, void *ctx)
{
    json_array_append_new(ctx, location(s, a, o->file, o->off, o->end));
}

json_t *lsp_references(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d;
    lsp_analysis *a;
    const lsp_occ *decl;
    if (!param_decl(s, params, &d, &a, &decl, code, msg))
        return NULL;
    if (!decl)
        return json_null();
    bool with_decl = json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration"));
    json_t *list = json_array();
    lsp_each_occurrence(s, d, decl, with_decl, add_location, list);
    return list;
}

/* ---- symbols, folding ------------------------------------------------------- */

static int symbol_kind(int kind)
{
    static const int k[LSP_K_COUNT] = { 5 /* Class */, 11 /* Interface */, 19 /* Object */, 14 /* Constant */,
                                         3 /* Namespace */, 24 /* Event */, 8 /* Field */ };
    return kind >= 0 && kind < LSP_K_COUNT ? k[kind] : 13;
}

static int occ_kind_of(const jy_node *n)
{
    switch (n->kind) {
    case JY_N_PERSONA: return LSP_K_PERSONA;
    case JY_N_CHANNEL: return LSP_K_CHANNEL;
    case JY_N_TEAM: return LSP_K_TEAM;
    case JY_N_KPI: return LSP_K_KPI;
    case JY_N_STAGE: return LSP_K_STAGE;
    case JY_N_STEP: return LSP_K_STEP;
    default: return -1;
    }
}

static json_t *doc_symbols(lsp_doc *d, jy_arena *arena, const jy_node *n)
{
    json_t *list = json_array();
    for (; n; n = n->next) {
        int k = occ_kind_of(n);
        if (k < 0 && n->kind != JY_N_JOURNEY)
            continue;
        const jy_arg *title = jy_ast_arg(n, JY_ARG_STRING);
        const jy_arg *id = jy_ast_arg(n, JY_ARG_IDENT);
        jy_str name = k < 0 ? (title ? title->text : JY_STR("journey")) : jy_ast_node_id(arena, n);
        if (!name.n)
            name = JY_STR("?");
        jy_loc sel = id && !n->id_derived ? id->loc : title ? title->loc : jy_ast_keyword_loc(n);
        json_t *sym = json_pack("{s:o,s:i,s:o,s:o}", "name", jstr(name), "kind", k < 0 ? 2 : symbol_kind(k), "range",
                                lsp_doc_range(d, n->loc.off, n->loc.end), "selectionRange",
                                lsp_doc_range(d, sel.off, sel.end));
        if (k >= 0 && title)
            json_object_set_new(sym, "detail", jstr(title->text));
        if (n->child && (n->kind == JY_N_JOURNEY || n->kind == JY_N_STAGE))
            json_object_set_new(sym, "children", doc_symbols(d, arena, n->child));
        json_array_append_new(list, sym);
    }
    return list;
}

json_t *lsp_document_symbol(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d = param_doc(s, params, code, msg);
    if (!d)
        return NULL;
    lsp_analysis *a = lsp_doc_analysis(s, d);
    if (!a->comp || !a->comp->prog)
        return json_array();
    return doc_symbols(d, a->comp->arena, a->comp->prog->root->stmts);
}

json_t *lsp_workspace_symbol(lsp_server *s, json_t *params, int *code, const char **msg)
{
    (void)code;
    (void)msg;
    const char *q = json_string_value(json_object_get(params, "query"));
    if (!q)
        q = "";
    json_t *list = json_array();
    for (size_t k = 0; k < s->docs.n; k++) {
        lsp_doc *d = s->docs.docs[k];
        lsp_analysis *a = lsp_doc_analysis(s, d);
        for (size_t i = 0; i < a->nocc; i++) {
            const lsp_occ *o = &a->occ[i];
            if (!o->decl || o->file != a->root)
                continue;
            /* Case-insensitive substring match of the query. */
            size_t ql = strlen(q);
            bool hit = ql == 0;
            for (size_t p = 0; !hit && p + ql <= o->id.n; p++)
                hit = strncasecmp(o->id.s + p, q, ql) == 0;
            if (!hit)
                continue;
            json_array_append_new(list, json_pack("{s:o,s:i,s:{s:s,s:o},s:s}", "name", jstr(o->id), "kind",
                                                  symbol_kind(o->kind), "location", "uri", d->uri, "range",
                                                  lsp_doc_range(d, o->off, o->end), "containerName",
                                                  lsp_kind_name(o->kind)));
        }
    }
    return list;
}

static void folds(lsp_doc *d, const jy_node *n, json_t *list)
{
    for (; n; n = n->next) {
        uint32_t l1, l2, c;
        if (n->has_block) {
            lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, n->loc.off, &l1, &c);
            lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, n->loc.end, &l2, &c);
            if (l2 > l1)
                json_array_append_new(list, json_pack("{s:i,s:i}", "startLine", (json_int_t)l1, "endLine",
                                                      (json_int_t)l2 - 1));
        }
        for (uint32_t i = 0; i < n->nargs; i++) {
            if (n->args[i].type != JY_ARG_STRING || !n->args[i].triple)
                continue;
            lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, n->args[i].loc.off, &l1, &c);
            lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, n->args[i].loc.end, &l2, &c);
            if (l2 > l1)
                json_array_append_new(list, json_pack("{s:i,s:i}", "startLine", (json_int_t)l1, "endLine",
                                                      (json_int_t)l2));
        }
        if (n->child)
            folds(d, n->child, list);
    }
}

json_t *lsp_folding_range(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d = param_doc(s, params, code, msg);
    if (!d)
        return NULL;
    lsp_analysis *a = lsp_doc_analysis(s, d);
    json_t *list = json_array();
    if (a->comp && a->comp->prog)
        folds(d, a->comp->prog->root->stmts, list);
    return list;
}

/* ---- semantic tokens ----------------------------------------------------------- */

/* The token types, in lsp_kind order (the legend initialize sends). */
const char *const lsp_token_types[LSP_K_COUNT] = { "class", "interface", "struct", "enum",
                                                   "namespace", "function", "property" };

static int by_offset(const void *a, const void *b)
{
    const lsp_occ *x = *(const lsp_occ *const *)a, *y = *(const lsp_occ *const *)b;
    return x->off < y->off ? -1 : x->off > y->off;
}

json_t *lsp_semantic_tokens(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d = param_doc(s, params, code, msg);
    if (!d)
        return NULL;
    lsp_analysis *a = lsp_doc_analysis(s, d);
    const lsp_occ **v = jy_xmalloc((a->nocc + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < a->nocc; i++)
        if (a->occ[i].file == a->root && !a->occ[i].derived)
            v[n++] = &a->occ[i];
    qsort(v, n, sizeof *v, by_offset);
    json_t *data = json_array();
    uint32_t pl = 0, pc = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t l, c, l2, c2;
        lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, v[i]->off, &l, &c);
        lsp_offset_to_pos(d->text, d->len, d->lines, d->nlines, v[i]->end, &l2, &c2);
        if (l2 != l || c2 <= c)
            continue;
        if (l == 0 && d->bom) {
            c++;
            c2++;
        }
        json_array_append_new(data, json_integer(l - pl));
        json_array_append_new(data, json_integer(l == pl ? c - pc : c));
        json_array_append_new(data, json_integer(c2 - c));
        json_array_append_new(data, json_integer(v[i]->kind));
        json_array_append_new(data, json_integer(v[i]->decl ? 1 : 0));
        pl = l;
        pc = c;
    }
    free(v);
    return json_pack("{s:o}", "data", data);
}
