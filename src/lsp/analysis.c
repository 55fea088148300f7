/* analysis.c - one compilation per open document, and the names in it.
 *
 * Design notes
 * - A document is compiled as the command line compiles a file, named by
 *   its path so that its imports resolve beside it; the open documents are
 *   the loader's overlay (jy_overlay), so a library edited in the editor
 *   counts as the editor holds it, saved or not.
 * - The checked model resolves names but keeps no place for each
 *   reference; the server needs them all (references, rename), so it
 *   walks the syntax trees of every file of the compilation once and
 *   records every declaration and reference with its bytes.  The table is
 *   rebuilt with the compilation: nothing is patched incrementally.
 * - An analysis owns its engine and compilation and is freed whole.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

#define LSP_MAX_DOCUMENT ((size_t)32 << 20)

static const char *const kind_names[LSP_K_COUNT] = { "persona", "channel", "team", "kpi", "stage", "step", "item" };

const char *lsp_kind_name(int kind)
{
    return kind >= 0 && kind < LSP_K_COUNT ? kind_names[kind] : "";
}

static bool overlay_read(void *ctx, const char *path, const char **text, size_t *len)
{
    lsp_docs *docs = ctx;
    char *n = lsp_normalize_path(path);
    lsp_doc *d = lsp_doc_find_path(docs, n);
    free(n);
    if (!d)
        return false;
    *text = d->text;
    *len = d->len;
    return true;
}

static void add_occ(lsp_analysis *a, int kind, jy_str id, uint32_t file, jy_loc loc, bool decl, bool derived,
                    const jy_node *node)
{
    lsp_occ o = { id, file, loc.off, loc.end, (uint8_t)kind, decl, derived, node };
    VEC_PUSH(a->occ, a->nocc, a->occap, o);
}

static void add_refs(lsp_analysis *a, int kind, uint32_t file, const jy_node *n, bool all)
{
    for (uint32_t i = 0; i < n->nargs; i++) {
        const jy_arg *g = &n->args[i];
        if (g->type != JY_ARG_IDENT)
            continue;
        add_occ(a, kind, g->text, file, g->loc, false, false, n);
        if (!all)
            return;
    }
}

static void walk(lsp_analysis *a, uint32_t file, const jy_node *n)
{
    for (; n; n = n->next) {
        int kind = -1;
        switch (n->kind) {
        case JY_N_PERSONA: kind = LSP_K_PERSONA; break;
        case JY_N_CHANNEL: kind = LSP_K_CHANNEL; break;
        case JY_N_TEAM: kind = LSP_K_TEAM; break;
        case JY_N_KPI: kind = LSP_K_KPI; break;
        case JY_N_STAGE: kind = LSP_K_STAGE; break;
        case JY_N_STEP: kind = LSP_K_STEP; break;
        case JY_N_PERSONAS: add_refs(a, LSP_K_PERSONA, file, n, true); break;
        case JY_N_TOUCHPOINT: add_refs(a, LSP_K_CHANNEL, file, n, false); break;
        case JY_N_OWNER: add_refs(a, LSP_K_TEAM, file, n, false); break;
        case JY_N_EMOTION: add_refs(a, LSP_K_PERSONA, file, n, false); break;
        case JY_N_METRIC: add_refs(a, LSP_K_KPI, file, n, false); break;
        case JY_N_SOLVES: add_refs(a, LSP_K_ITEM, file, n, true); break;
        case JY_N_THOUGHT:
        case JY_N_PAIN:
        case JY_N_OPPORTUNITY: {
            const jy_arg *id = jy_ast_arg(n, JY_ARG_IDENT);   /* items: an id only when written */
            if (id)
                add_occ(a, LSP_K_ITEM, id->text, file, id->loc, true, false, n);
            break;
        }
        default: break;
        }
        if (kind >= 0) {
            const jy_arg *id = jy_ast_arg(n, JY_ARG_IDENT);
            const jy_arg *title = jy_ast_arg(n, JY_ARG_STRING);
            if (id && !n->id_derived)
                add_occ(a, kind, id->text, file, id->loc, true, false, n);
            else if (title)
                add_occ(a, kind, jy_ast_node_id(a->comp->arena, n), file, title->loc, true, true, n);
        }
        if (n->child)
            walk(a, file, n->child);
    }
}

static void apply_warnings(jy_diags *d, const lsp_settings *set)
{
    for (size_t i = 0; i < set->nwarnings; i++) {
        const char *w = set->warnings[i];
        bool on = strncmp(w, "no-", 3) != 0;
        const char *name = on ? w : w + 3;
        if (strcmp(name, "all") == 0)
            jy_diags_set_all_warnings(d, on);
        else if (strcmp(name, "error") == 0)
            jy_diags_set_werror(d, on);
        else
            jy_diags_set_warning(d, name, on);   /* an unknown name is ignored */
    }
}

lsp_analysis *lsp_analyze(const lsp_settings *set, lsp_doc *doc)
{
    lsp_analysis *a = jy_xcalloc(1, sizeof *a);
    a->diags = jy_diags_new();
    jy_diags_set_max_errors(a->diags, 100);
    apply_warnings(a->diags, set);
    if (doc->len > LSP_MAX_DOCUMENT) {
        a->too_large = true;
        return a;
    }
    jy_overlay ov = { overlay_read, set->docs };
    jy_compile_options o = { set->include_dirs, set->ninclude, NULL, jy_compile_today(), NULL, &ov };
    a->comp = jy_compile_text(a->diags, doc->path, doc->text, doc->len, &o);
    if (a->comp->read_status != JY_READ_OK || !a->comp->prog)
        return a;
    const jy_program *p = a->comp->prog;
    a->root = p->root->file;
    walk(a, p->root->file, p->root->stmts);
    for (size_t i = 0; i < p->nlibs; i++) {
        walk(a, p->libs[i]->file, p->libs[i]->stmts);
        char *dep = lsp_normalize_path(lsp_an_source(a, p->libs[i]->file)->name);
        VEC_PUSH(a->deps, a->ndeps, a->depcap, dep);
    }
    return a;
}

void lsp_analysis_free(lsp_analysis *a)
{
    if (!a)
        return;
    jy_compilation_free(a->comp);
    jy_diags_free(a->diags);
    for (size_t i = 0; i < a->ndeps; i++)
        free(a->deps[i]);
    free(a->deps);
    free(a->occ);
    free(a);
}

const jy_source *lsp_an_source(const lsp_analysis *a, uint32_t file)
{
    return jy_sources_get(jy_diags_sources(a->diags), file);
}

const lsp_occ *lsp_occ_at(const lsp_analysis *a, size_t off)
{
    for (size_t i = 0; i < a->nocc; i++) {
        const lsp_occ *o = &a->occ[i];
        if (o->file == a->root && o->off <= off && off <= o->end)
            return o;
    }
    return NULL;
}

const lsp_occ *lsp_decl_of(const lsp_analysis *a, int kind, jy_str id)
{
    for (size_t i = 0; i < a->nocc; i++) {
        const lsp_occ *o = &a->occ[i];
        if (o->decl && o->kind == kind && jy_str_eq(o->id, id))
            return o;
    }
    return NULL;
}

const lsp_occ *lsp_occ_decl(const lsp_analysis *a, const lsp_occ *o)
{
    return o ? o->decl ? o : lsp_decl_of(a, o->kind, o->id) : NULL;
}

static const jy_node *node_in(const jy_node *n, size_t off)
{
    for (; n; n = n->next) {
        if (n->loc.off <= off && off <= n->loc.end) {
            const jy_node *inner = n->child ? node_in(n->child, off) : NULL;
            return inner ? inner : n;
        }
    }
    return NULL;
}

const jy_node *lsp_node_at(const lsp_analysis *a, size_t off)
{
    if (!a->comp || !a->comp->prog)
        return NULL;
    return node_in(a->comp->prog->root->stmts, off);
}
