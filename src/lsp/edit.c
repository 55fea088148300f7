/* edit.c - what helps write a map: completion, rename, formatting and
 * code actions.
 *
 * Design notes
 * - Completion reads the text before the cursor, not the tree: what is
 *   being typed rarely parses.  scan() walks it once (strings, triple-
 *   quoted text, comments, braces) and keeps the blocks the cursor is in
 *   and the words of the statement being written.  The statements offered
 *   are those the statement table (ast.h) allows in that block; the ids
 *   offered come from the last analysis of the document, whose tree the
 *   parser recovers around the error being typed.
 * - Rename changes every occurrence of the declaration, in the open
 *   documents and the files they import (each_occurrence, features.c,
 *   decides what is the same name).  It refuses a name that is not an
 *   identifier, one another declaration of the kind has, and a stage or
 *   step whose id is derived from its title (there is nothing to rename).
 * - Formatting is `journey fmt` of the document's text: one edit replacing
 *   the whole, or none when the text has syntax errors.
 */
#include "lsp.h"
#include "journey/fmt.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

/* ---- the context of the cursor ----------------------------------------------- */

#define MAX_DEPTH 64

typedef struct {
    int blocks[MAX_DEPTH];     /* jy_node_kind of each enclosing block */
    int depth;
    char first[32];            /* the statement's first word */
    int words;                 /* words of the statement so far */
    bool in_string, in_comment;
    bool typing_word;          /* the cursor is right after a word */
} cursor_ctx;

static bool word_char(char c, bool first)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
           (!first && ((c >= '0' && c <= '9') || c == '-'));
}

static int block_kind(const char *kw)
{
    for (int k = 0; k < JY_N_COUNT; k++)
        if (jy_ast_block_rule((jy_node_kind)k) != JY_BLOCK_NONE && strcmp(jy_ast_keyword((jy_node_kind)k), kw) == 0)
            return k;
    return -1;
}

static void scan(const char *t, size_t n, cursor_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->blocks[0] = JY_N_FILE;
    c->depth = 1;
    size_t i = 0;
    while (i < n) {
        char ch = t[i];
        c->typing_word = false;
        if (ch == '#') {
            while (i < n && t[i] != '\n')
                i++;
            if (i == n)
                c->in_comment = true;
            continue;
        }
        if (ch == '"') {
            c->words++;
            if (i + 2 < n && t[i + 1] == '"' && t[i + 2] == '"') {
                const char *e = NULL;
                for (size_t p = i + 3; p + 2 < n && !e; p++)
                    if (t[p] == '"' && t[p + 1] == '"' && t[p + 2] == '"')
                        e = t + p;
                if (!e) {
                    c->in_string = true;
                    return;
                }
                i = (size_t)(e - t) + 3;
                continue;
            }
            size_t p = i + 1;
            while (p < n && t[p] != '"' && t[p] != '\n')
                p += t[p] == '\\' && p + 1 < n ? 2 : 1;
            if (p >= n) {
                c->in_string = true;
                return;
            }
            i = t[p] == '"' ? p + 1 : p;   /* a string the line's end cuts: the line still ends */
            continue;
        }
        if (ch == '\n' || ch == ';') {
            c->words = 0;
            c->first[0] = '\0';
            i++;
            continue;
        }
        if (ch == '{') {
            int k = block_kind(c->first);
            if (c->depth < MAX_DEPTH)
                c->blocks[c->depth++] = k < 0 ? -1 : k;
            c->words = 0;
            c->first[0] = '\0';
            i++;
            continue;
        }
        if (ch == '}') {
            if (c->depth > 1)
                c->depth--;
            c->words = 0;
            c->first[0] = '\0';
            i++;
            continue;
        }
        if (word_char(ch, true)) {
            size_t s = i;
            while (i < n && word_char(t[i], false))
                i++;
            if (c->words == 0) {
                size_t len = i - s < sizeof c->first - 1 ? i - s : sizeof c->first - 1;
                memcpy(c->first, t + s, len);
                c->first[len] = '\0';
            }
            c->words++;
            if (i == n)
                c->typing_word = true;
            continue;
        }
        i++;
    }
}

/* ---- completion -------------------------------------------------------------- */

static void item(json_t *list, const char *label, size_t n, int kind, const char *detail, size_t dn)
{
    json_t *it = json_pack("{s:s%,s:i}", "label", label, n, "kind", kind);
    if (detail && dn)
        json_object_set_new(it, "detail", json_stringn(detail, dn));
    json_array_append_new(list, it);
}

static int ref_kind(const char *kw, int block)
{
    bool item = block == JY_N_THOUGHT || block == JY_N_PAIN || block == JY_N_OPPORTUNITY;
    if ((block == JY_N_STEP || item) && strcmp(kw, "persona") == 0)
        return LSP_K_PERSONA;
    if (block == JY_N_OPPORTUNITY && strcmp(kw, "solves") == 0)
        return LSP_K_ITEM;
    if (block == JY_N_STEP) {
        if (strcmp(kw, "emotion") == 0)
            return LSP_K_PERSONA;
        if (strcmp(kw, "touchpoint") == 0)
            return LSP_K_CHANNEL;
        if (strcmp(kw, "metric") == 0)
            return LSP_K_KPI;
    }
    if (strcmp(kw, "owner") == 0)
        return LSP_K_TEAM;
    return -1;
}

static const struct {
    const char *kw, *values;
} value_lists[] = {
    { "state", "current future as-is to-be" },
    { "better", "higher lower" },
    { "kind", "web app social retail voice" },
    { "severity", "low medium high critical" },
    { "impact", "low medium high" },
    { "effort", "low medium high" },
    { "status", "idea planned doing done dropped" },
};

static void import_paths(json_t *list, const char *dir, const char *prefix, const char *self, int depth)
{
    DIR *dh = opendir(*dir ? dir : ".");
    if (!dh)
        return;
    struct dirent *e;
    size_t count = 0;
    while ((e = readdir(dh)) != NULL && count < 500) {
        if (e->d_name[0] == '.')
            continue;
        jy_buf full = { 0 }, rel = { 0 };
        jy_buf_printf(&full, "%s/%s", dir, e->d_name);
        jy_buf_printf(&rel, "%s%s", prefix, e->d_name);
        size_t nl = strlen(e->d_name);
        if (nl > 8 && strcmp(e->d_name + nl - 8, ".journey") == 0) {
            if (strcmp(jy_buf_cstr(&full), self) != 0) {
                item(list, jy_buf_cstr(&rel), rel.len, 17 /* File */, NULL, 0);
                count++;
            }
        } else if (depth > 0 && (e->d_type == DT_DIR || e->d_type == DT_UNKNOWN)) {
            jy_buf_addc(&rel, '/');
            import_paths(list, jy_buf_cstr(&full), jy_buf_cstr(&rel), self, depth - 1);
        }
        jy_buf_free(&full);
        jy_buf_free(&rel);
    }
    closedir(dh);
}

json_t *lsp_completion(lsp_server *s, json_t *params, int *code, const char **msg)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&s->docs, uri) : NULL;
    size_t off;
    if (!d) {
        *code = uri ? LSP_REQUEST_FAILED : LSP_INVALID_PARAMS;
        *msg = uri ? "the document is not open" : "textDocument.uri is missing";
        return NULL;
    }
    if (!lsp_doc_offset(d, json_object_get(params, "position"), &off)) {
        *code = LSP_INVALID_PARAMS;
        *msg = "position is missing or not a position";
        return NULL;
    }
    cursor_ctx c;
    scan(d->text, off, &c);
    json_t *list = json_array();
    int block = c.blocks[c.depth - 1];
    if (c.in_comment)
        return list;
    if (c.in_string) {
        if (strcmp(c.first, "import") == 0 && c.words == 2 && d->path[0] == '/') {
            char *dir = jy_xstrdup(d->path);
            *strrchr(dir, '/') = '\0';
            import_paths(list, dir, "", d->path, 2);
            free(dir);
        }
        return list;
    }
    bool statement = c.words == 0 || (c.words == 1 && c.typing_word);
    if (statement) {
        if (block < 0)
            return list;
        const char *seen[JY_N_COUNT];
        size_t nseen = 0;
        for (int k = 0; k < JY_N_COUNT; k++) {
            if (!jy_ast_allowed(block, k))
                continue;
            const char *kw = jy_ast_keyword((jy_node_kind)k);
            bool dup = false;
            for (size_t i = 0; i < nseen; i++)
                dup = dup || strcmp(seen[i], kw) == 0;
            if (dup)
                continue;
            seen[nseen++] = kw;
            item(list, kw, strlen(kw), 14 /* Keyword */, NULL, 0);
        }
        return list;
    }
    int rk = ref_kind(c.first, block);
    bool second = c.words == 1 || (c.words == 2 && c.typing_word);
    bool listed = strcmp(c.first, "persona") == 0 || strcmp(c.first, "solves") == 0;   /* persona a, b, ... */
    if (rk >= 0 && (second || listed)) {
        lsp_analysis *a = lsp_doc_analysis(s, d);
        for (size_t i = 0; i < a->nocc; i++) {
            const lsp_occ *o = &a->occ[i];
            if (!o->decl || o->kind != rk || (rk == LSP_K_ITEM && o->node->kind != JY_N_PAIN))
                continue;   /* solves names pains */
            bool dup = false;
            for (size_t j = 0; j < i && !dup; j++)
                dup = a->occ[j].decl && a->occ[j].kind == rk && jy_str_eq(a->occ[j].id, o->id);
            if (dup)
                continue;
            const jy_arg *title = jy_ast_arg(o->node, JY_ARG_STRING);
            item(list, o->id.s, o->id.n, 18 /* Reference */, title ? title->text.s : NULL, title ? title->text.n : 0);
        }
        return list;
    }
    if (second) {
        for (size_t i = 0; i < sizeof value_lists / sizeof *value_lists; i++) {
            if (strcmp(value_lists[i].kw, c.first) != 0)
                continue;
            for (const char *v = value_lists[i].values; *v;) {
                const char *e = strchr(v, ' ');
                size_t n = e ? (size_t)(e - v) : strlen(v);
                item(list, v, n, 20 /* EnumMember */, NULL, 0);
                v += n + (e ? 1 : 0);
            }
        }
    }
    return list;
}

/* ---- rename ------------------------------------------------------------------ */

static const lsp_occ *rename_target(lsp_server *s, json_t *params, lsp_doc **dp, const lsp_occ **at, int *code,
                                    const char **msg)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&s->docs, uri) : NULL;
    size_t off;
    if (!d || !lsp_doc_offset(d, json_object_get(params, "position"), &off)) {
        *code = LSP_INVALID_PARAMS;
        *msg = d ? "position is missing or not a position" : "the document is not open";
        return NULL;
    }
    lsp_analysis *a = lsp_doc_analysis(s, d);
    const lsp_occ *o = lsp_occ_at(a, off);
    const lsp_occ *decl = lsp_occ_decl(a, o);
    *code = LSP_REQUEST_FAILED;
    if (!o) {
        *msg = "there is no persona, channel, team, kpi, stage, step or item id here";
        return NULL;
    }
    if (!decl) {
        *msg = "this name is not declared";
        return NULL;
    }
    if (decl->derived || o->derived) {
        *msg = "this id is derived from the title: give it an id to rename it";
        return NULL;
    }
    *dp = d;
    *at = o;
    return decl;
}

json_t *lsp_prepare_rename(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d;
    const lsp_occ *at;
    if (!rename_target(s, params, &d, &at, code, msg))
        return NULL;
    return json_pack("{s:o,s:o}", "range", lsp_doc_range(d, at->off, at->end), "placeholder", json_stringn(at->id.s, at->id.n));
}

typedef struct {
    json_t *changes;
    const char *name;
} rename_ctx;

static void add_edit(lsp_server *s, const lsp_analysis *a, const lsp_occ *o, void *ctx)
{
    rename_ctx *r = ctx;
    char *uri = lsp_file_uri(a, o->file);
    json_t *edits = json_object_get(r->changes, uri);
    if (!edits) {
        edits = json_array();
        json_object_set_new(r->changes, uri, edits);
    }
    json_array_append_new(edits, json_pack("{s:o,s:s}", "range", lsp_file_range(s, a, o->file, o->off, o->end),
                                           "newText", r->name));
    free(uri);
}

static bool is_identifier(const char *z)
{
    if (!word_char(*z, true))
        return false;
    for (z++; *z; z++)
        if (!word_char(*z, false))
            return false;
    return true;
}

json_t *lsp_rename(lsp_server *s, json_t *params, int *code, const char **msg)
{
    lsp_doc *d;
    const lsp_occ *at;
    const lsp_occ *decl = rename_target(s, params, &d, &at, code, msg);
    if (!decl)
        return NULL;
    const char *name = json_string_value(json_object_get(params, "newName"));
    if (!name || !is_identifier(name) || strlen(name) > 1000) {
        *code = LSP_INVALID_PARAMS;
        *msg = "the new name is not an identifier (a letter or _, then letters, digits, _ or -)";
        return NULL;
    }
    jy_str nn = jy_str_make(name, strlen(name));
    if (jy_str_eq(nn, decl->id))
        return json_pack("{s:{}}", "changes");
    for (size_t k = 0; k < s->docs.n; k++) {
        lsp_analysis *a = lsp_doc_analysis(s, s->docs.docs[k]);
        if (lsp_decl_of(a, decl->kind, nn)) {
            *code = LSP_REQUEST_FAILED;
            *msg = "another declaration of this kind already has that id";
            return NULL;
        }
    }
    rename_ctx r = { json_object(), name };
    lsp_each_occurrence(s, d, decl, true, add_edit, &r);
    return json_pack("{s:o}", "changes", r.changes);
}

/* ---- formatting -------------------------------------------------------------- */

json_t *lsp_formatting(lsp_server *s, json_t *params, int *code, const char **msg)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&s->docs, uri) : NULL;
    if (!d) {
        *code = LSP_INVALID_PARAMS;
        *msg = "the document is not open";
        return NULL;
    }
    jy_diags *g = jy_diags_new();
    jy_compilation *c = jy_compile_parse_text(g, d->path, d->text, d->len);
    json_t *edits = json_array();
    if (c->read_status == JY_READ_OK && jy_compile_tree_whole(c, g)) {
        jy_buf out = { 0 };
        jy_fmt_ast(&out, c->prog->root);
        if (out.len != d->len || memcmp(out.p, d->text, d->len) != 0)
            json_array_append_new(edits, json_pack("{s:o,s:s%}", "range", lsp_doc_range(d, 0, d->len), "newText",
                                                   out.p ? out.p : "", out.len));
        jy_buf_free(&out);
    }
    jy_compilation_free(c);
    jy_diags_free(g);
    return edits;
}

/* ---- code actions ------------------------------------------------------------ */

static json_t *action(const char *title, const char *uri, json_t *range, const char *text, json_t *diag)
{
    json_t *a = json_pack("{s:s,s:s,s:{s:{s:[{s:o,s:s}]}}}", "title", title, "kind", "quickfix", "edit", "changes", uri,
                          "range", range, "newText", text);
    if (diag)
        json_object_set_new(a, "diagnostics", json_pack("[O]", diag));
    return a;
}

/* The line's indentation at byte off of d. */
static size_t indent_at(const lsp_doc *d, size_t off)
{
    size_t start = off;
    while (start > 0 && d->text[start - 1] != '\n')
        start--;
    size_t p = start;
    while (p < d->len && (d->text[p] == ' ' || d->text[p] == '\t'))
        p++;
    return p - start;
}

static size_t line_start(const lsp_doc *d, size_t off)
{
    while (off > 0 && d->text[off - 1] != '\n')
        off--;
    return off;
}

/* Where a declaration goes: before the journey's first stage (at its
 * indentation), else at the end of the file. */
static size_t decl_place(const lsp_analysis *a, const lsp_doc *d, size_t *indent)
{
    *indent = 0;
    for (const jy_node *n = a->comp->prog->root->stmts; n; n = n->next) {
        if (n->kind != JY_N_JOURNEY)
            continue;
        for (const jy_node *c = n->child; c; c = c->next)
            if (c->kind == JY_N_STAGE) {
                *indent = indent_at(d, c->loc.off);
                return line_start(d, c->loc.off);
            }
    }
    return d->len;
}

static void missing_emotion_fix(json_t *list, const lsp_analysis *a, lsp_doc *d, const jy_diag *g, json_t *diag)
{
    const jy_node *step = NULL;
    for (size_t i = 0; i < a->nocc; i++)
        if (a->occ[i].decl && a->occ[i].kind == LSP_K_STEP && a->occ[i].file == a->root &&
            a->occ[i].off == g->loc.off)
            step = a->occ[i].node;
    if (!step)
        return;
    /* The personas the message names, or none (a journey without personas). */
    jy_buf stmts = { 0 };
    const char *p = strstr(g->msg, " for persona");
    size_t ind = indent_at(d, step->loc.off) + 2;
    if (p) {
        for (const char *q = strchr(p, '\''); q; q = strchr(q, '\'')) {
            const char *e = strchr(q + 1, '\'');
            if (!e)
                break;
            jy_buf_printf(&stmts, "%*semotion %.*s 0\n", (int)ind, "", (int)(e - q - 1), q + 1);
            q = e + 1;
        }
    } else {
        jy_buf_printf(&stmts, "%*semotion 0\n", (int)ind, "");
    }
    if (!stmts.len)
        return;
    jy_buf text = { 0 };
    size_t at;
    if (step->has_block) {
        at = step->loc.end - 1;   /* the closing brace */
        bool own_line = indent_at(d, at) + line_start(d, at) == at;
        if (own_line) {
            at = line_start(d, at);
            jy_buf_add(&text, stmts.p, stmts.len);
        } else {
            jy_buf_adds(&text, "\n");
            jy_buf_add(&text, stmts.p, stmts.len);
            jy_buf_printf(&text, "%*s", (int)(ind - 2), "");
        }
    } else {
        at = step->loc.end;
        jy_buf_adds(&text, " {\n");
        jy_buf_add(&text, stmts.p, stmts.len);
        jy_buf_printf(&text, "%*s}", (int)(ind - 2), "");
    }
    json_array_append_new(list, action("Add missing emotion", d->uri, lsp_doc_range(d, at, at), jy_buf_cstr(&text), diag));
    jy_buf_free(&text);
    jy_buf_free(&stmts);
}

json_t *lsp_code_action(lsp_server *s, json_t *params, int *code, const char **msg)
{
    const char *uri = json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    lsp_doc *d = uri ? lsp_doc_find(&s->docs, uri) : NULL;
    json_t *range = json_object_get(params, "range");
    size_t r0, r1;
    if (!d || !lsp_doc_offset(d, json_object_get(range, "start"), &r0) ||
        !lsp_doc_offset(d, json_object_get(range, "end"), &r1)) {
        *code = LSP_INVALID_PARAMS;
        *msg = d ? "range is missing" : "the document is not open";
        return NULL;
    }
    lsp_analysis *a = lsp_doc_analysis(s, d);
    json_t *list = json_array();
    if (!a->comp || !a->comp->prog)
        return list;
    json_t *pub = lsp_publish_params(s, d);
    json_t *diags = json_object_get(pub, "diagnostics");
    size_t k = 0;
    for (size_t i = 0; i < jy_diags_count(a->diags); i++) {
        const jy_diag *g = jy_diags_get(a->diags, i);
        json_t *diag = json_array_get(diags, k++);
        if (!g->has_loc || g->loc.file != a->root || g->loc.end < r0 || g->loc.off > r1)
            continue;
        const char *dym = strstr(g->msg, "did you mean '");
        if (dym) {
            dym += 14;
            const char *e = strchr(dym, '\'');
            if (e) {
                jy_buf t = { 0 }, txt = { 0 };
                jy_buf_add(&txt, dym, (size_t)(e - dym));
                jy_buf_printf(&t, "Change to '%s'", jy_buf_cstr(&txt));
                json_array_append_new(list, action(jy_buf_cstr(&t), d->uri, lsp_doc_range(d, g->loc.off, g->loc.end),
                                                   jy_buf_cstr(&txt), diag));
                jy_buf_free(&t);
                jy_buf_free(&txt);
            }
        }
        const char *what = g->code == JY_C_UNKNOWN_PERSONA   ? "persona"
                           : g->code == JY_C_UNKNOWN_CHANNEL ? "channel"
                           : g->code == JY_C_UNKNOWN_TEAM    ? "team"
                           : g->code == JY_C_UNKNOWN_KPI     ? "kpi"
                                                              : NULL;
        if (what) {
            size_t ind, at = decl_place(a, d, &ind);
            jy_str id = jy_str_make(d->text + g->loc.off, g->loc.end - g->loc.off);
            jy_buf t = { 0 }, txt = { 0 };
            jy_buf_printf(&t, "Declare %s '%.*s'", what, (int)id.n, id.s);
            if (at == d->len && d->len && d->text[d->len - 1] != '\n')
                jy_buf_addc(&txt, '\n');
            jy_buf_printf(&txt, "%*s%s %.*s \"%.*s\"\n", (int)ind, "", what, (int)id.n, id.s, (int)id.n, id.s);
            json_array_append_new(list, action(jy_buf_cstr(&t), d->uri, lsp_doc_range(d, at, at), jy_buf_cstr(&txt), diag));
            jy_buf_free(&t);
            jy_buf_free(&txt);
        }
        if (g->code == JY_C_MISSING_EMOTION)
            missing_emotion_fix(list, a, d, g, diag);
    }
    json_decref(pub);
    return list;
}
