/* check.c - name resolution, the checks, and the checked model.
 *
 * Design notes
 * - Input: a program whose trees parsed without structural errors (the
 *   driver skips the checker otherwise, so that a broken line cannot cause
 *   a cascade of "unknown persona" errors).  Output: a jy_model.
 * - Declarations first: personas, channels, teams and kpis from every
 *   imported library (in import order) and then the root file, top level
 *   and journey alike, into one hash table per kind.  A second declaration
 *   of an id is an error with a note at the first.
 * - Then the journey, stage by stage and step by step, resolving every
 *   reference (with a "did you mean" from the declared ids when one is
 *   close) and filling the model's arrays, sized exactly by counting each
 *   block's statements first.
 * - Warnings last, each under its name; unused-* concern only the root
 *   file's own declarations of a journey file (a library checked alone,
 *   or a library's declarations a map does not use, are not reported).
 */
#include "journey/check.h"
#include "journey/codes.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const jy_node *node;       /* the declaration */
    uint32_t index;
    bool used;
    bool root;                 /* declared in the root file */
} decl;

typedef struct {
    jy_map map;                /* id -> decl */
    decl *items;
    uint32_t n, cap;
    jy_str *title_ids;         /* each title as an id would spell it
                                  (jy_ast_derive_id), made on first need */
    jy_map suggested;          /* unknown name -> its suggestion's index + 2,
                                  or 1 for none (see suggest) */
} decl_table;

/* How many declared ids and titles one compilation may compare with
 * unknown names for "did you mean" suggestions (a search is charged for
 * both passes over its table).  Each comparison is bounded (names past
 * 64 bytes are never compared), so this caps the search at a fraction of
 * a second however many unknown names meet however many declarations; a
 * map with that many misspellings gets suggestions for its first ones. */
#define SUGGEST_BUDGET 2000000u

/* The ids of the stages or the steps checked so far: an open-addressing
 * table of their indices in the model, whose ids are the keys.  Sized
 * once, for all of the journey's stages or steps (counted first), to at
 * most half full: 8 bytes a slot, where a jy_map would take 32 and grow
 * as it fills. */
typedef struct {
    struct {
        uint32_t hash;
        uint32_t index;          /* index + 1; 0: empty */
    } *slots;
    uint32_t mask;
    bool steps;                  /* of steps, else of stages */
} id_table;

typedef struct {
    jy_arena *arena;
    jy_diags *diags;
    const jy_program *prog;
    jy_model *m;
    decl_table personas, channels, teams, kpis;
    id_table stage_ids, step_ids;
    const jy_node *scale_node;
    /* Per-step scratch, one entry per persona, reused from step to step. */
    bool *concerned;
    int32_t *slot;
    const jy_node **given;
    /* Per step: an emotion names an unknown persona.  That error is
     * enough; the step is not also said to miss an emotion. */
    bool *emotion_unknown;
    /* The step being checked: its first persona statement, and whether a
     * name in its persona lists is unknown (then an item's persona that
     * the step seems not to concern may be the one meant there). */
    const jy_node *step_list;
    bool step_list_broken;
    /* Items: every item id (thoughts, pains, opportunities: one namespace)
     * and the pains' alone, which `solves` names; item_of[i] is the item
     * of item_ids.items[i], pain_of[i] that of pain_ids.items[i]. */
    decl_table item_ids, pain_ids;
    jy_item **item_of, **pain_of;
    uint32_t nitem_of, item_of_cap, npain_of, pain_of_cap;
    /* The solves statements, resolved once every pain is known. */
    struct pending_solves {
        jy_item *opp;
        const jy_node *node;
    } *pending;
    uint32_t npending, pending_cap;
    uint32_t *pstamp;          /* per persona: the item that listed it last, + 1 */
    uint32_t stamp;
    uint32_t suggest_budget;   /* comparisons left, see SUGGEST_BUDGET */
    int32_t today;             /* days since 1970-01-01, for overdue-review */
} checker;

/* ---- helpers ------------------------------------------------------------- */

static jy_texts collect_texts(checker *c, const jy_node *block, int kind)
{
    jy_texts t = { NULL, 0 };
    for (const jy_node *n = block; n; n = n->next)
        t.n += n->kind == kind;
    if (!t.n)
        return t;
    t.items = jy_arena_alloc(c->arena, t.n * sizeof *t.items);
    uint32_t i = 0;
    for (const jy_node *n = block; n; n = n->next)
        if (n->kind == kind) {
            t.items[i].text = n->args[0].text;
            t.items[i].loc = n->args[0].loc;
            i++;
        }
    return t;
}

/* An array of n elements in the arena; NULL for none. */
static void *alloc_array(checker *c, uint32_t n, size_t size)
{
    return n ? jy_arena_alloc(c->arena, n * size) : NULL;
}

static jy_str first_text(const jy_node *block, int kind)
{
    for (const jy_node *n = block; n; n = n->next)
        if (n->kind == kind)
            return n->args[0].text;
    return jy_str_make("", 0);
}

static const jy_node *first_node(const jy_node *block, int kind)
{
    for (const jy_node *n = block; n; n = n->next)
        if (n->kind == kind)
            return n;
    return NULL;
}

/* A file the block names (image, baseline): the first statement of that
 * kind (the parser reported a repeat); found later (files.c). */
static jy_file_ref file_ref(const jy_node *block, int kind)
{
    jy_file_ref r;
    memset(&r, 0, sizeof r);
    const jy_node *n = first_node(block, kind);
    if (n) {
        r.given = true;
        r.path = n->args[0].text;
        r.loc = n->args[0].loc;
        r.invalid = n->args[0].invalid;
    }
    return r;
}

static uint32_t count_kind(const jy_node *block, int kind)
{
    uint32_t k = 0;
    for (const jy_node *n = block; n; n = n->next)
        k += n->kind == kind;
    return k;
}

/* A declaration's id (jy_ast_node_id): its first argument. */
static jy_str decl_id(const jy_node *n)
{
    return n->args[0].text;
}

static const jy_arg *title_arg(const jy_node *n)
{
    return &n->args[n->nargs - 1];   /* declarations, stages, steps end in their title */
}

/* The declared id closest to `name`, if close enough to be a likely typo.
 * A candidate as far from the name as the name is long keeps nothing of
 * it ('k' for 'x'): that is no suggestion.  Ties go to the first declared.
 * The answer for each unknown name is kept, so a misspelling used many
 * times is searched once; the search itself draws on the compilation's
 * budget of comparisons, and gives no suggestion once that is spent. */
static const decl *suggest(checker *c, decl_table *t, jy_str name)
{
    uintptr_t known = (uintptr_t)jy_map_get(&t->suggested, name);
    if (known)
        return known >= 2 ? &t->items[known - 2] : NULL;
    if (2 * (uint64_t)t->n > c->suggest_budget)
        return NULL;   /* not remembered: a smaller table may still fit */
    c->suggest_budget -= 2 * t->n;
    unsigned limit = name.n <= 3 ? 1 : name.n <= 6 ? 2 : 3;
    const decl *best = NULL;
    unsigned best_d = limit + 1;
    for (uint32_t i = 0; i < t->n; i++) {
        unsigned d = jy_edit_distance(name, decl_id(t->items[i].node), limit);
        if (d < best_d && d < name.n) {
            best_d = d;
            best = &t->items[i];
        }
    }
    if (!best) {
        /* By title: `touchpoint Instagram` for channel insta "Instagram".
         * Name and titles are compared as ids would spell them (lower
         * case, a dash for each run of other characters). */
        if (!t->title_ids) {
            t->title_ids = jy_arena_alloc(c->arena, (t->n + 1) * sizeof *t->title_ids);
            for (uint32_t i = 0; i < t->n; i++)
                t->title_ids[i] = jy_ast_derive_id(c->arena, title_arg(t->items[i].node)->text);
        }
        jy_str spelt = jy_ast_derive_id(c->arena, name);
        best_d = limit + 1;
        for (uint32_t i = 0; spelt.n && i < t->n; i++) {
            unsigned d = jy_edit_distance(spelt, t->title_ids[i], limit);
            if (d < best_d && d < spelt.n) {
                best_d = d;
                best = &t->items[i];
            }
        }
    }
    jy_map_put(&t->suggested, name, (void *)(best ? (uintptr_t)(best - t->items) + 2 : 1));
    return best;
}

/* Same for a fixed set of words (state, better): within 2 edits. */
static const char *suggest_word(jy_str name, const char *const *words, size_t n)
{
    return jy_suggest_within(name, words, n, 2);
}

/* A statement given again where it may be given once: the error at its
 * keyword, a note at the first one's. */
static void report_repeated(checker *c, const jy_node *again, const jy_node *first, const char *msg)
{
    jy_loc kw = jy_ast_keyword_loc(again);
    jy_diag_id g = jy_diag_report(c->diags, JY_C_REPEATED, &kw, "%s", msg);
    jy_loc fl = jy_ast_keyword_loc(first);
    jy_diag_note(c->diags, g, &fl, "it is first given here");
}

/* ---- declarations -------------------------------------------------------- */

static decl *lookup(decl_table *t, jy_str id)
{
    uintptr_t v = (uintptr_t)jy_map_get(&t->map, id);
    return v ? &t->items[v - 1] : NULL;
}

static void declare(checker *c, decl_table *t, const jy_node *n, bool root, const char *what)
{
    decl dd = { n, t->n, false, root };
    jy_str id = decl_id(n);
    const decl *prev = lookup(t, id);
    if (prev) {
        jy_diag_id g = jy_diag_report(c->diags, JY_C_DUPLICATE_ID, &n->args[0].loc, "%s '%.*s' is declared twice",
                                 what, (int)id.n, id.s);
        jy_diag_note(c->diags, g, &prev->node->args[0].loc, "'%.*s' is first declared here", (int)id.n, id.s);
        return;
    }
    VEC_PUSH(t->items, t->n, t->cap, dd);
    /* Pointers into items move as it grows: the map stores the index + 1. */
    jy_map_put(&t->map, id, (void *)(uintptr_t)(t->n));
}

static void declare_block(checker *c, const jy_node *first, bool root)
{
    for (const jy_node *n = first; n; n = n->next) {
        switch (n->kind) {
        case JY_N_PERSONA: declare(c, &c->personas, n, root, "persona"); break;
        case JY_N_CHANNEL: declare(c, &c->channels, n, root, "channel"); break;
        case JY_N_TEAM: declare(c, &c->teams, n, root, "team"); break;
        case JY_N_KPI: declare(c, &c->kpis, n, root, "kpi"); break;
        case JY_N_JOURNEY:
            if (root)
                declare_block(c, n->child, root);
            break;
        default: break;
        }
    }
}

/* A reference to a declaration, or an error with a suggestion. */
static decl *resolve(checker *c, decl_table *t, const jy_arg *ref, unsigned code, const char *what)
{
    decl *d = lookup(t, ref->text);
    if (d) {
        d->used = true;
        return d;
    }
    const decl *s = suggest(c, t, ref->text);
    jy_diag_id g;
    if (s) {
        jy_str id = decl_id(s->node);
        g = jy_diag_report(c->diags, code, &ref->loc, "unknown %s '%.*s'; did you mean '%.*s'?", what,
                        (int)ref->text.n, ref->text.s, (int)id.n, id.s);
        jy_diag_note(c->diags, g, &s->node->args[0].loc, "'%.*s' is declared here", (int)id.n, id.s);
        /* Likely meant: do not also call it unused. */
        ((decl *)s)->used = true;
    } else if (t->n == 0) {
        jy_diag_report(c->diags, code, &ref->loc, "unknown %s '%.*s'; no %s is declared", what,
                        (int)ref->text.n, ref->text.s, what);
    } else {
        jy_diag_report(c->diags, code, &ref->loc, "unknown %s '%.*s'", what, (int)ref->text.n, ref->text.s);
    }
    return NULL;
}

static void build_decls(checker *c)
{
    jy_model *m = c->m;
    m->npersonas = c->personas.n;
    m->personas = jy_arena_alloc(c->arena, (m->npersonas + 1) * sizeof *m->personas);
    for (uint32_t i = 0; i < c->personas.n; i++) {
        const jy_node *n = c->personas.items[i].node;
        jy_persona *p = &m->personas[i];
        p->id = decl_id(n);
        p->title = title_arg(n)->text;
        p->loc = n->args[0].loc;
        p->imported = !c->personas.items[i].root;
        p->description = first_text(n->child, JY_N_DESCRIPTION);
        p->quote = first_text(n->child, JY_N_QUOTE);
        p->goals = collect_texts(c, n->child, JY_N_GOAL);
        p->needs = collect_texts(c, n->child, JY_N_NEED);
        p->frustrations = collect_texts(c, n->child, JY_N_FRUSTRATION);
        p->behaviors = collect_texts(c, n->child, JY_N_BEHAVIOR);
        p->image = file_ref(n->child, JY_N_IMAGE);
    }
    m->nchannels = c->channels.n;
    m->channels = jy_arena_alloc(c->arena, (m->nchannels + 1) * sizeof *m->channels);
    for (uint32_t i = 0; i < c->channels.n; i++) {
        const jy_node *n = c->channels.items[i].node;
        jy_channel *ch = &m->channels[i];
        ch->id = decl_id(n);
        ch->title = title_arg(n)->text;
        ch->loc = n->args[0].loc;
        ch->imported = !c->channels.items[i].root;
        const jy_node *k = first_node(n->child, JY_N_KIND);
        if (k)
            ch->kind = k->args[0].text;
        ch->description = first_text(n->child, JY_N_DESCRIPTION);
    }
    m->nteams = c->teams.n;
    m->teams = jy_arena_alloc(c->arena, (m->nteams + 1) * sizeof *m->teams);
    for (uint32_t i = 0; i < c->teams.n; i++) {
        const jy_node *n = c->teams.items[i].node;
        jy_team *t = &m->teams[i];
        t->id = decl_id(n);
        t->title = title_arg(n)->text;
        t->loc = n->args[0].loc;
        t->imported = !c->teams.items[i].root;
        t->description = first_text(n->child, JY_N_DESCRIPTION);
    }
    m->nkpis = c->kpis.n;
    m->kpis = jy_arena_alloc(c->arena, (m->nkpis + 1) * sizeof *m->kpis);
    static const char *const betters[] = { "higher", "lower" };
    for (uint32_t i = 0; i < c->kpis.n; i++) {
        const jy_node *n = c->kpis.items[i].node;
        jy_kpi *k = &m->kpis[i];
        k->id = decl_id(n);
        k->title = title_arg(n)->text;
        k->loc = n->args[0].loc;
        k->imported = !c->kpis.items[i].root;
        k->unit = first_text(n->child, JY_N_UNIT);
        k->description = first_text(n->child, JY_N_DESCRIPTION);
        const jy_node *t = first_node(n->child, JY_N_TARGET);
        if (t) {
            k->has_target = true;
            k->target = jy_ast_number(&t->args[0]);
        }
        const jy_node *b = first_node(n->child, JY_N_BETTER);
        if (b) {
            jy_str v = b->args[0].text;
            if (jy_str_eqz(v, "higher")) {
                k->better = JY_BETTER_HIGHER;
            } else if (jy_str_eqz(v, "lower")) {
                k->better = JY_BETTER_LOWER;
            } else {
                const char *s = suggest_word(v, betters, 2);
                jy_diag_id g = s ? jy_diag_report(c->diags, JY_C_BAD_BETTER, &b->args[0].loc,
                                             "unknown direction '%.*s'; did you mean '%s'?", (int)v.n, v.s, s)
                               : jy_diag_report(c->diags, JY_C_BAD_BETTER, &b->args[0].loc,
                                             "unknown direction '%.*s'", (int)v.n, v.s);
                jy_diag_note(c->diags, g, NULL, "'better' is 'higher' or 'lower'");
            }
        }
    }
}

/* ---- steps --------------------------------------------------------------- */

/* Builds the step's feelings: which personas it concerns and how each
 * feels.  An emotion without a persona covers every persona the step
 * concerns that has no emotion of its own. */
static void check_emotions(checker *c, jy_step *s, const jy_node *step)
{
    jy_model *m = c->m;
    const jy_node *body = step->child;
    /* Which personas: the persona statements, or all of them. */
    bool *concerned = c->concerned;
    memset(concerned, 0, m->npersonas * sizeof *concerned);
    const jy_node *list_node = NULL;
    bool list_broken = false;    /* a name in the list is unknown */
    for (const jy_node *n = body; n; n = n->next) {
        if (n->kind != JY_N_PERSONAS)
            continue;
        if (!list_node)
            list_node = n;
        s->personas_listed = true;
        for (uint32_t i = 0; i < n->nargs; i++) {
            decl *d = resolve(c, &c->personas, &n->args[i], JY_C_UNKNOWN_PERSONA, "persona");
            if (d)
                concerned[d->index] = true;
            else
                list_broken = true;
        }
    }
    c->step_list = list_node;
    c->step_list_broken = list_broken;
    if (!s->personas_listed)
        for (uint32_t i = 0; i < m->npersonas; i++)
            concerned[i] = true;
    uint32_t nfeel = 0;
    for (uint32_t i = 0; i < m->npersonas; i++)
        nfeel += concerned[i];
    s->nfeel = nfeel;
    s->feel = alloc_array(c, nfeel, sizeof *s->feel);
    int32_t *slot = c->slot;
    for (uint32_t i = 0, k = 0; i < m->npersonas; i++) {
        slot[i] = -1;
        if (concerned[i]) {
            s->feel[k].persona = i;
            slot[i] = (int32_t)k++;
            c->personas.items[i].used = true;
        }
    }

    const jy_node **given = c->given;
    memset(given, 0, m->npersonas * sizeof *given);
    const jy_node *shared = NULL;
    for (const jy_node *n = body; n; n = n->next) {
        if (n->kind != JY_N_EMOTION)
            continue;
        const jy_arg *who = jy_ast_arg(n, JY_ARG_IDENT);
        const jy_arg *num = jy_ast_arg(n, JY_ARG_NUMBER);
        const jy_arg *label = jy_ast_arg(n, JY_ARG_STRING);
        double v = jy_ast_number(num);
        if (num->pct || !num->is_int) {
            jy_diag_report(c->diags, JY_C_BAD_EMOTION, &num->loc, "an emotion is a whole number on the scale %d..%d, not %.*s",
                        m->scale_lo, m->scale_hi, (int)num->text.n, num->text.s);
        } else if (v < m->scale_lo || v > m->scale_hi) {
            jy_diag_id g = jy_diag_report(c->diags, JY_C_EMOTION_RANGE, &num->loc, "emotion %.*s is outside the scale %d..%d",
                                     (int)num->text.n, num->text.s, m->scale_lo, m->scale_hi);
            if (c->scale_node)
                jy_diag_note(c->diags, g, &c->scale_node->args[0].loc, "the scale is set here");
        }
        /* An invalid score is reported; the model gets the nearest valid
         * one, so that it never holds a value off the scale and the step
         * does not also count as having no emotion. */
        int score = v < m->scale_lo ? m->scale_lo : v > m->scale_hi ? m->scale_hi : (int)(v < 0 ? v - 0.5 : v + 0.5);
        if (!who) {
            if (shared) {
                report_repeated(c, n, shared, "this step already has an emotion for all its personas");
                continue;
            }
            shared = n;
            s->has_mood = true;
            s->mood = score;
            s->mood_label = label ? label->text : jy_str_make("", 0);
            continue;
        }
        decl *d = resolve(c, &c->personas, who, JY_C_UNKNOWN_PERSONA, "persona");
        if (!d) {
            c->emotion_unknown[s - m->steps] = true;
            continue;
        }
        if (slot[d->index] < 0) {
            /* With a misspelt name in the list, the persona may well be
             * the one meant there: that error is enough. */
            if (list_broken)
                continue;
            jy_diag_id g = jy_diag_report(c->diags, JY_C_EMOTION_PERSONA, &who->loc,
                                     "this step does not concern persona '%.*s'", (int)who->text.n, who->text.s);
            if (list_node) {
                jy_loc ll = jy_ast_keyword_loc(list_node);
                jy_diag_note(c->diags, g, &ll, "the personas it concerns are listed here");
            }
            continue;
        }
        if (given[d->index]) {
            jy_diag_id g = jy_diag_report(c->diags, JY_C_REPEATED, &who->loc, "this step already has an emotion for persona '%.*s'",
                                     (int)who->text.n, who->text.s);
            const jy_arg *fw = jy_ast_arg(given[d->index], JY_ARG_IDENT);
            jy_diag_note(c->diags, g, &fw->loc, "it is first given here");
            continue;
        }
        given[d->index] = n;
        jy_feeling *f = &s->feel[slot[d->index]];
        f->has = true;
        f->score = score;
        f->label = label ? label->text : jy_str_make("", 0);
        f->loc = n->loc;
    }
    if (shared) {
        for (uint32_t k = 0; k < s->nfeel; k++) {
            jy_feeling *f = &s->feel[k];
            if (f->has || given[f->persona])
                continue;
            f->has = true;
            f->shared = true;
            f->score = s->mood;
            f->label = s->mood_label;
            f->loc = shared->loc;
        }
    }
}

static void ids_init(id_table *t, uint32_t n, bool steps)
{
    uint32_t cap = 16;
    while (cap / 2 < n)
        cap *= 2;
    t->slots = jy_xcalloc(cap, sizeof *t->slots);
    t->mask = cap - 1;
    t->steps = steps;
}

/* The stage or step at index i of the model, whose id is already set. */
static const jy_str *ids_key(const checker *c, const id_table *t, uint32_t i, const jy_loc **loc)
{
    if (t->steps) {
        *loc = &c->m->steps[i].loc;
        return &c->m->steps[i].id;
    }
    *loc = &c->m->stages[i].loc;
    return &c->m->stages[i].id;
}

/* Adds the stage or step at index i with the given id, unless one before
 * it has that id: then returns the location of that one's id. */
static const jy_loc *ids_put(const checker *c, id_table *t, jy_str id, uint32_t i)
{
    uint32_t h = jy_str_hash(id);
    for (uint32_t k = h & t->mask;; k = (k + 1) & t->mask) {
        if (!t->slots[k].index) {
            t->slots[k].hash = h;
            t->slots[k].index = i + 1;
            return NULL;
        }
        const jy_loc *loc;
        if (t->slots[k].hash == h && jy_str_eq(*ids_key(c, t, t->slots[k].index - 1, &loc), id))
            return loc;
    }
}

/* FNV-1a, 32 bits, as published (jy_str_hash is the map's, which differs
 * in never being 0): ids made from it are part of the language. */
static uint32_t fnv1a(jy_str s)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < s.n; i++)
        h = (h ^ (unsigned char)s.s[i]) * 16777619u;
    return h;
}

/* The id of a stage or step: its own or the one made from its title; a
 * title that leaves no letter or digit (jy_ast_derive_id: "🙂", "…") falls
 * back to a short hash of the title, 24 bits of its FNV-1a ("step-3f9a0c"):
 * unlike its position, that stays when a step is inserted before it.  Ids
 * must be unique within their kind across the journey. */
static jy_str unique_id(checker *c, id_table *ids, const jy_node *n, const char *what, uint32_t position)
{
    jy_str id = jy_ast_node_id(c->arena, n);
    if (id.n == 0) {
        char buf[32];
        int len = snprintf(buf, sizeof buf, "%s-%06x", what, (unsigned)(fnv1a(n->args[0].text) & 0xFFFFFF));
        id = jy_str_make(jy_arena_strndup(c->arena, buf, (size_t)len), (size_t)len);
    }
    const jy_loc *prev = ids_put(c, ids, id, position - 1);
    if (prev) {
        jy_diag_id g = jy_diag_report(c->diags, JY_C_DUPLICATE_ID, &n->args[0].loc,
                                 n->id_derived ? "%s id '%.*s' (made from this title) is already used"
                                               : "%s id '%.*s' is already used",
                                 what, (int)id.n, id.s);
        jy_diag_note(c->diags, g, prev, "the first %s with id '%.*s' is here", what, (int)id.n, id.s);
        if (n->id_derived)
            jy_diag_note(c->diags, g, NULL, "give one of them an id of its own: %s ID \"Title\"", what);
    }
    return id;
}

/* A step's tags: free words, kept once each in the order first written (a
 * tag repeated in one step is merged without a word: saying it twice says
 * nothing more).  A step has a few; a long list is deduplicated through a
 * map so that a hostile one stays linear. */
#define TAGS_SCAN 16
static void add_tags(jy_texts *tags, const jy_node *n, jy_map *seen_map)
{
    for (uint32_t i = 0; i < n->nargs; i++) {
        const jy_arg *a = &n->args[i];
        bool seen = false;
        if (!seen_map) {
            for (uint32_t k = 0; k < tags->n && !seen; k++)
                seen = jy_str_eq(tags->items[k].text, a->text);
        } else {
            seen = jy_map_put(seen_map, a->text, (void *)(uintptr_t)1) != NULL;
        }
        if (!seen) {
            tags->items[tags->n].text = a->text;
            tags->items[tags->n].loc = a->loc;
            tags->n++;
        }
    }
}

/* The tags of a block (a step's, an item's): every tag statement in it. */
static void collect_tags(checker *c, jy_texts *tags, const jy_node *body)
{
    uint32_t ntags = 0;
    for (const jy_node *n = body; n; n = n->next)
        if (n->kind == JY_N_TAG)
            ntags += n->nargs;
    tags->items = alloc_array(c, ntags, sizeof *tags->items);
    tags->n = 0;
    if (!ntags)
        return;
    jy_map tag_map;
    if (ntags > TAGS_SCAN)
        jy_map_init(&tag_map);
    for (const jy_node *n = body; n; n = n->next)
        if (n->kind == JY_N_TAG)
            add_tags(tags, n, ntags > TAGS_SCAN ? &tag_map : NULL);
    if (ntags > TAGS_SCAN)
        jy_map_free(&tag_map);
}

/* ---- items and blueprint entries ------------------------------------------ */

static const char *article(const char *noun)
{
    return strchr("aeiou", noun[0]) ? "an" : "a";
}

/* Registers an item's id in the journey's one namespace of item ids (and
 * a pain's among the pains); a second item with the id is an error with a
 * note at the first. */
static void declare_item(checker *c, jy_item *it, const jy_node *n)
{
    const decl *prev = lookup(&c->item_ids, it->id);
    if (prev) {
        const jy_item *first = c->item_of[prev->index];
        const char *k = jy_item_kind_name((jy_item_kind)first->kind);
        jy_diag_id g = jy_diag_report(c->diags, JY_C_DUPLICATE_ID, &it->id_loc, "id '%.*s' is already used by %s %s",
                                      (int)it->id.n, it->id.s, article(k), k);
        jy_diag_note(c->diags, g, &first->id_loc, "the %s with id '%.*s' is here", k, (int)it->id.n, it->id.s);
        return;
    }
    decl dd = { n, c->item_ids.n, false, true };
    VEC_PUSH(c->item_ids.items, c->item_ids.n, c->item_ids.cap, dd);
    jy_map_put(&c->item_ids.map, it->id, (void *)(uintptr_t)c->item_ids.n);
    VEC_PUSH(c->item_of, c->nitem_of, c->item_of_cap, it);
    if (it->kind == JY_ITEM_PAIN) {
        decl pd = { n, c->pain_ids.n, false, true };
        VEC_PUSH(c->pain_ids.items, c->pain_ids.n, c->pain_ids.cap, pd);
        jy_map_put(&c->pain_ids.map, it->id, (void *)(uintptr_t)c->pain_ids.n);
        VEC_PUSH(c->pain_of, c->npain_of, c->pain_of_cap, it);
    }
}

/* A level or status word (severity, impact, effort, status): its value,
 * or an error that lists the valid words, with a suggestion when one is
 * close. */
static unsigned item_word(checker *c, const jy_node *n, const char *owner_noun)
{
    static const char *const sev[] = { "low", "medium", "high", "critical" };
    static const char *const st[] = { "idea", "planned", "doing", "done", "dropped" };
    const jy_arg *a = &n->args[0];
    const char *const *words = sev;
    size_t nwords = 3;
    const char *list = jy_level_words(false);
    unsigned code, v;
    switch (n->kind) {
    case JY_N_SEVERITY:
        v = jy_level_parse(a->text, true);
        code = JY_C_BAD_SEVERITY;
        nwords = 4;
        list = jy_level_words(true);
        break;
    case JY_N_IMPACT: v = jy_level_parse(a->text, false); code = JY_C_BAD_IMPACT; break;
    case JY_N_EFFORT: v = jy_level_parse(a->text, false); code = JY_C_BAD_EFFORT; break;
    default:
        v = jy_status_parse(a->text);
        code = JY_C_BAD_STATUS;
        words = st;
        nwords = 5;
        list = jy_status_words();
        break;
    }
    if (v)
        return v;
    const char *kw = jy_ast_keyword((jy_node_kind)n->kind);
    const char *sugg = suggest_word(a->text, words, nwords);
    jy_diag_id g = sugg ? jy_diag_report(c->diags, code, &a->loc, "unknown %s '%.*s'; did you mean '%s'?", kw,
                                         (int)a->text.n, a->text.s, sugg)
                        : jy_diag_report(c->diags, code, &a->loc, "unknown %s '%.*s'", kw, (int)a->text.n, a->text.s);
    jy_diag_note(c->diags, g, NULL, "%s's %s is %s", owner_noun, kw, list);
    return 0;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* An item's persona lists: each name declared, and one its step concerns. */
static void item_personas(checker *c, jy_item *it, const jy_node *body, const jy_step *s)
{
    uint32_t n = 0;
    for (const jy_node *ch = body; ch; ch = ch->next)
        if (ch->kind == JY_N_PERSONAS)
            n += ch->nargs;
    it->personas_listed = n > 0;
    if (!n)
        return;
    it->personas = jy_arena_alloc(c->arena, n * sizeof *it->personas);
    uint32_t stamp = ++c->stamp;
    for (const jy_node *ch = body; ch; ch = ch->next) {
        if (ch->kind != JY_N_PERSONAS)
            continue;
        for (uint32_t i = 0; i < ch->nargs; i++) {
            const jy_arg *a = &ch->args[i];
            decl *d = resolve(c, &c->personas, a, JY_C_UNKNOWN_PERSONA, "persona");
            if (!d)
                continue;
            if (!c->concerned[d->index]) {
                if (!c->step_list_broken) {
                    jy_diag_id g = jy_diag_report(c->diags, JY_C_ITEM_PERSONA, &a->loc,
                                                  "step '%.*s' does not concern persona '%.*s'", (int)s->id.n, s->id.s,
                                                  (int)a->text.n, a->text.s);
                    if (c->step_list) {
                        jy_loc ll = jy_ast_keyword_loc(c->step_list);
                        jy_diag_note(c->diags, g, &ll, "the personas it concerns are listed here");
                    } else {
                        jy_diag_note(c->diags, g, &s->loc, "the step is here");
                    }
                }
                continue;
            }
            if (c->pstamp[d->index] == stamp)
                continue;   /* listed twice: once is enough */
            c->pstamp[d->index] = stamp;
            it->personas[it->npersonas++] = d->index;
        }
    }
    qsort(it->personas, it->npersonas, sizeof *it->personas, cmp_u32);
}

/* A thought, pain or opportunity (an item), or a frontstage, backstage or
 * support entry, with its block.  The parser placed every statement of the
 * block and reported repeated single ones: the first one counts. */
static void check_item(checker *c, jy_step *s, jy_item *it, const jy_node *n, jy_item_kind kind)
{
    const jy_arg *text = &n->args[n->nargs - 1];
    it->kind = (uint8_t)kind;
    it->step = (uint32_t)(s - c->m->steps);
    it->text = text->text;
    it->loc = text->loc;
    it->owner = -1;
    if (n->nargs > 1 && n->args[0].type == JY_ARG_IDENT) {
        it->id = n->args[0].text;
        it->id_loc = n->args[0].loc;
        declare_item(c, it, n);
    }
    if (!n->child)
        return;
    const char *noun = jy_ast_kind_noun((jy_node_kind)n->kind);
    item_personas(c, it, n->child, s);
    collect_tags(c, &it->tags, n->child);
    bool have_owner = false;
    for (const jy_node *ch = n->child; ch; ch = ch->next) {
        switch (ch->kind) {
        case JY_N_SEVERITY:
            if (!it->severity)
                it->severity = (uint8_t)item_word(c, ch, noun);
            break;
        case JY_N_IMPACT:
            if (!it->impact)
                it->impact = (uint8_t)item_word(c, ch, noun);
            break;
        case JY_N_EFFORT:
            if (!it->effort)
                it->effort = (uint8_t)item_word(c, ch, noun);
            break;
        case JY_N_STATUS:
            if (!it->status)
                it->status = (uint8_t)item_word(c, ch, noun);
            break;
        case JY_N_OWNER: {
            if (have_owner)
                break;
            have_owner = true;
            it->owner_loc = ch->args[0].loc;
            decl *d = resolve(c, &c->teams, &ch->args[0], JY_C_UNKNOWN_TEAM, "team");
            if (d)
                it->owner = (int32_t)d->index;
            break;
        }
        case JY_N_SOLVES: {
            it->solves_listed = true;
            struct pending_solves ps = { it, ch };
            VEC_PUSH(c->pending, c->npending, c->pending_cap, ps);
            break;
        }
        default:
            break;
        }
    }
}

/* The pains each opportunity solves, once every pain of the journey is
 * known (an opportunity may solve a pain of a later step), and, the other
 * way, the opportunities that solve each pain, in journey order. */
static void resolve_solves(checker *c)
{
    /* Count, to size each opportunity's list and each pain's.  mark[p] is
     * 1 + the first pending entry of the last opportunity that named pain
     * p: a pain named twice by one opportunity is kept once, in time
     * linear in the names however long the list. */
    uint32_t *mark = jy_xcalloc(c->npain_of + 1, sizeof *mark);
    uint32_t first = 0;
    for (uint32_t i = 0; i < c->npending; i++) {
        jy_item *opp = c->pending[i].opp;
        if (!i || c->pending[i - 1].opp != opp)
            first = i + 1;
        if (!opp->solves) {
            uint32_t n = 0;
            for (uint32_t k = i; k < c->npending && c->pending[k].opp == opp; k++)
                n += c->pending[k].node->nargs;
            opp->solves = jy_arena_alloc(c->arena, n * sizeof *opp->solves);
        }
        const jy_node *node = c->pending[i].node;
        for (uint32_t a = 0; a < node->nargs; a++) {
            const jy_arg *ref = &node->args[a];
            const decl *pd = lookup(&c->pain_ids, ref->text);
            if (!pd) {
                const decl *other = lookup(&c->item_ids, ref->text);
                if (other) {
                    const jy_item *it = c->item_of[other->index];
                    const char *k = jy_item_kind_name((jy_item_kind)it->kind);
                    jy_diag_id g = jy_diag_report(c->diags, JY_C_UNKNOWN_PAIN, &ref->loc,
                                                  "'%.*s' is %s %s, not a pain: an opportunity solves pains",
                                                  (int)ref->text.n, ref->text.s, article(k), k);
                    jy_diag_note(c->diags, g, &it->id_loc, "the %s '%.*s' is here", k, (int)ref->text.n, ref->text.s);
                } else if (c->pain_ids.n == 0) {
                    jy_diag_report(c->diags, JY_C_UNKNOWN_PAIN, &ref->loc, "unknown pain '%.*s'; no pain has an id",
                                   (int)ref->text.n, ref->text.s);
                } else {
                    resolve(c, &c->pain_ids, ref, JY_C_UNKNOWN_PAIN, "pain");
                }
                continue;
            }
            if (mark[pd->index] == first)
                continue;   /* named twice: once is enough */
            mark[pd->index] = first;
            opp->solves[opp->nsolves++] = c->pain_of[pd->index];
            c->pain_of[pd->index]->nsolved_by++;
        }
    }
    free(mark);
    /* The other way: the solvers of each pain. */
    for (uint32_t i = 0; i < c->npain_of; i++) {
        jy_item *pain = c->pain_of[i];
        if (pain->nsolved_by) {
            pain->solved_by = jy_arena_alloc(c->arena, pain->nsolved_by * sizeof *pain->solved_by);
            pain->nsolved_by = 0;
        }
    }
    for (uint32_t i = 0; i < c->npending; i++) {
        jy_item *opp = c->pending[i].opp;
        if (i + 1 < c->npending && c->pending[i + 1].opp == opp)
            continue;   /* the opportunity's last solves statement: its list is whole */
        for (uint32_t k = 0; k < opp->nsolves; k++) {
            jy_item *pain = (jy_item *)opp->solves[k];
            pain->solved_by[pain->nsolved_by++] = opp;
        }
    }
}

static void check_step(checker *c, jy_step *s, const jy_node *step, uint32_t stage_index)
{
    const jy_node *body = step->child;
    s->title = title_arg(step)->text;
    s->id_derived = step->id_derived;
    s->loc = step->args[0].loc;
    s->stage = stage_index;
    s->description = first_text(body, JY_N_DESCRIPTION);

    s->id = unique_id(c, &c->step_ids, step, "step", (uint32_t)(s - c->m->steps) + 1);

    check_emotions(c, s, step);

    /* One pass to count, one to fill: arrays are sized exactly. */
    uint32_t count[JY_N_COUNT] = { 0 };
    for (const jy_node *n = body; n; n = n->next)
        count[n->kind]++;
    s->touchpoints = alloc_array(c, count[JY_N_TOUCHPOINT], sizeof *s->touchpoints);
    s->owners = alloc_array(c, count[JY_N_OWNER], sizeof *s->owners);
    s->metrics = alloc_array(c, count[JY_N_METRIC], sizeof *s->metrics);
    s->evidence = alloc_array(c, count[JY_N_EVIDENCE], sizeof *s->evidence);
    if (count[JY_N_IMAGE])   /* most steps have none: no walk for it */
        s->image = file_ref(body, JY_N_IMAGE);
    collect_tags(c, &s->tags, body);
    static const struct {
        int kind;
        size_t field;
    } text_fields[] = {
        { JY_N_NOTE, offsetof(jy_step, notes) },
        { JY_N_ARTIFACT, offsetof(jy_step, artifacts) },
    };
    static const struct {
        int kind;
        jy_item_kind item;
        size_t field;
    } item_fields[] = {
        { JY_N_THOUGHT, JY_ITEM_THOUGHT, offsetof(jy_step, thoughts) },
        { JY_N_PAIN, JY_ITEM_PAIN, offsetof(jy_step, pains) },
        { JY_N_OPPORTUNITY, JY_ITEM_OPPORTUNITY, offsetof(jy_step, opportunities) },
        { JY_N_FRONTSTAGE, JY_ITEM_FRONTSTAGE, offsetof(jy_step, frontstage) },
        { JY_N_BACKSTAGE, JY_ITEM_BACKSTAGE, offsetof(jy_step, backstage) },
        { JY_N_SUPPORT, JY_ITEM_SUPPORT, offsetof(jy_step, support) },
    };
    jy_texts *texts[JY_N_COUNT] = { 0 };
    jy_items *items[JY_N_COUNT] = { 0 };
    jy_item_kind item_kind[JY_N_COUNT] = { 0 };
    for (size_t i = 0; i < sizeof text_fields / sizeof text_fields[0]; i++) {
        jy_texts *t = (jy_texts *)((char *)s + text_fields[i].field);
        t->items = alloc_array(c, count[text_fields[i].kind], sizeof *t->items);
        texts[text_fields[i].kind] = t;
    }
    for (size_t i = 0; i < sizeof item_fields / sizeof item_fields[0]; i++) {
        jy_items *t = (jy_items *)((char *)s + item_fields[i].field);
        t->items = alloc_array(c, count[item_fields[i].kind], sizeof *t->items);
        items[item_fields[i].kind] = t;
        item_kind[item_fields[i].kind] = item_fields[i].item;
    }
    for (const jy_node *n = body; n; n = n->next) {
        if (texts[n->kind]) {
            jy_texts *t = texts[n->kind];
            t->items[t->n].text = n->args[0].text;
            t->items[t->n].loc = n->args[0].loc;
            t->n++;
            continue;
        }
        if (items[n->kind]) {
            jy_items *t = items[n->kind];
            check_item(c, s, &t->items[t->n++], n, item_kind[n->kind]);
            continue;
        }
        switch (n->kind) {
        case JY_N_TOUCHPOINT: {
            jy_touchpoint *t = &s->touchpoints[s->ntouchpoints++];
            const jy_arg *ch = jy_ast_arg(n, JY_ARG_IDENT);
            const jy_arg *text = jy_ast_arg(n, JY_ARG_STRING);
            t->channel = -1;
            t->loc = n->loc;
            t->text = text ? text->text : jy_str_make("", 0);
            if (ch) {
                decl *d = resolve(c, &c->channels, ch, JY_C_UNKNOWN_CHANNEL, "channel");
                if (d)
                    t->channel = (int32_t)d->index;
            }
            break;
        }
        case JY_N_OWNER: {
            decl *d = resolve(c, &c->teams, &n->args[0], JY_C_UNKNOWN_TEAM, "team");
            if (d)
                s->owners[s->nowners++] = d->index;
            break;
        }
        case JY_N_METRIC: {
            decl *d = resolve(c, &c->kpis, &n->args[0], JY_C_UNKNOWN_KPI, "kpi");
            if (d) {
                jy_metric *mt = &s->metrics[s->nmetrics++];
                mt->kpi = d->index;
                mt->value = jy_ast_number(&n->args[1]);
                mt->pct = n->args[1].pct;
                mt->spelling = n->args[1].text;
                mt->loc = n->loc;
            }
            break;
        }
        case JY_N_MOMENT:
            /* the parser reported a repeat: the first one counts */
            if (!s->has_moment) {
                s->has_moment = true;
                s->moment = n->nargs ? n->args[0].text : jy_str_make("", 0);
                s->moment_loc = n->loc;
            }
            break;
        case JY_N_EVIDENCE: {
            jy_evidence *e = &s->evidence[s->nevidence++];
            e->kind = n->args[0].text;
            e->source = n->args[1].text;
            e->loc = n->loc;
            break;
        }
        default:
            break;
        }
    }
}

/* ---- the journey --------------------------------------------------------- */

/* The journey's owner: a team (the parser reported a second one). */
static void check_journey_owner(checker *c, const jy_node *j)
{
    const jy_node *n = first_node(j->child, JY_N_OWNER);
    if (!n)
        return;
    c->m->owner_loc = n->args[0].loc;
    decl *d = resolve(c, &c->teams, &n->args[0], JY_C_UNKNOWN_TEAM, "team");
    if (d)
        c->m->owner = (int32_t)d->index;
}

static void take_date(jy_date *out, const jy_node *n)
{
    if (!n)
        return;
    const jy_arg *a = &n->args[0];
    out->spelling = a->text;
    out->loc = a->loc;
    out->set = jy_ast_date(a, &out->days);
}

/* reviewed and next-review (the scanner reported impossible days, which
 * stay unset); the next review may not come before the last. */
static void check_review(checker *c, const jy_node *j)
{
    jy_model *m = c->m;
    take_date(&m->reviewed, first_node(j->child, JY_N_REVIEWED));
    take_date(&m->next_review, first_node(j->child, JY_N_NEXT_REVIEW));
    if (m->reviewed.set && m->next_review.set && m->next_review.days < m->reviewed.days) {
        jy_diag_id g = jy_diag_report(c->diags, JY_C_REVIEW_ORDER, &m->next_review.loc,
                                      "the next review (%.*s) comes before the last one (%.*s)",
                                      (int)m->next_review.spelling.n, m->next_review.spelling.s,
                                      (int)m->reviewed.spelling.n, m->reviewed.spelling.s);
        jy_diag_note(c->diags, g, &m->reviewed.loc, "the last review is dated here");
    }
}

static void check_journey(checker *c, const jy_node *j)
{
    jy_model *m = c->m;
    m->has_journey = true;
    m->title = j->args[0].text;
    m->loc = j->args[0].loc;
    m->description = first_text(j->child, JY_N_DESCRIPTION);
    m->state = JY_STATE_CURRENT;
    m->state_word = jy_str_make("current", 7);
    m->scale_lo = -2;
    m->scale_hi = 2;
    const jy_node *st = first_node(j->child, JY_N_STATE);
    if (st) {
        jy_str v = st->args[0].text;
        /* as-is means current, to-be future: the meaning is the index's parity. */
        static const char *const states[] = { "current", "future", "as-is", "to-be" };
        size_t k = 0;
        while (k < 4 && !jy_str_eqz(v, states[k]))
            k++;
        if (k < 4) {
            m->state = k % 2 ? JY_STATE_FUTURE : JY_STATE_CURRENT;
            m->state_word = v;
        } else {
            const char *s = suggest_word(v, states, 4);
            jy_diag_id g = s ? jy_diag_report(c->diags, JY_C_BAD_STATE, &st->args[0].loc,
                                         "unknown state '%.*s'; did you mean '%s'?", (int)v.n, v.s, s)
                           : jy_diag_report(c->diags, JY_C_BAD_STATE, &st->args[0].loc, "unknown state '%.*s'",
                                         (int)v.n, v.s);
            jy_diag_note(c->diags, g, NULL,
                         "a journey's state is 'current' or 'as-is' (a map of today), 'future' or 'to-be' (the service to come)");
        }
    }
    const jy_node *sc = first_node(j->child, JY_N_SCALE);
    if (sc) {
        int32_t lo, hi;
        jy_ast_range(&sc->args[0], &lo, &hi);
        if (lo >= hi) {
            jy_diag_report(c->diags, JY_C_BAD_SCALE, &sc->args[0].loc,
                        "the scale's low end must be below its high end, as in -2..2");
        } else {
            m->scale_lo = lo;
            m->scale_hi = hi;
            c->scale_node = sc;
        }
    }
    check_journey_owner(c, j);
    check_review(c, j);
    m->baseline_file = file_ref(j->child, JY_N_BASELINE);

    m->nstages = count_kind(j->child, JY_N_STAGE);
    m->stages = jy_arena_alloc(c->arena, (m->nstages + 1) * sizeof *m->stages);
    ids_init(&c->stage_ids, m->nstages, false);
    m->nsteps = 0;
    for (const jy_node *n = j->child; n; n = n->next)
        if (n->kind == JY_N_STAGE)
            m->nsteps += count_kind(n->child, JY_N_STEP);
    m->steps = jy_arena_alloc(c->arena, (m->nsteps + 1) * sizeof *m->steps);
    ids_init(&c->step_ids, m->nsteps, true);
    c->emotion_unknown = jy_arena_alloc(c->arena, (m->nsteps + 1) * sizeof *c->emotion_unknown);

    uint32_t si = 0, ti = 0;
    for (const jy_node *n = j->child; n; n = n->next) {
        if (n->kind != JY_N_STAGE)
            continue;
        jy_stage *g = &m->stages[si];
        g->title = title_arg(n)->text;
        g->id_derived = n->id_derived;
        g->loc = n->args[0].loc;
        g->description = first_text(n->child, JY_N_DESCRIPTION);
        g->goals = collect_texts(c, n->child, JY_N_GOAL);
        g->first_step = ti;
        g->id = unique_id(c, &c->stage_ids, n, "stage", si + 1);
        for (const jy_node *s = n->child; s; s = s->next) {
            if (s->kind != JY_N_STEP)
                continue;
            check_step(c, &m->steps[ti], s, si);
            ti++;
            if (jy_diags_should_stop(c->diags))
                break;
        }
        g->nsteps = ti - g->first_step;
        si++;
        if (jy_diags_should_stop(c->diags))
            break;
    }
    m->nstages = si;
    m->nsteps = ti;
    if (!jy_diags_should_stop(c->diags))
        resolve_solves(c);
}

/* ---- warnings ------------------------------------------------------------ */

static void warn_unused(checker *c, decl_table *t, unsigned code, const char *what)
{
    for (uint32_t i = 0; i < t->n; i++) {
        const decl *d = &t->items[i];
        if (d->used || !d->root)
            continue;
        jy_str id = decl_id(d->node);
        jy_diag_report(c->diags, code, &d->node->args[0].loc, "%s '%.*s' is declared but never used", what,
                    (int)id.n, id.s);
    }
}

static void warn_journey(checker *c, const jy_node *j)
{
    jy_model *m = c->m;
    if (m->npersonas == 0) {
        jy_loc kw = jy_ast_keyword_loc(j);
        jy_diag_report(c->diags, JY_C_NO_PERSONA, &kw, "this journey has no persona");
    }
    for (uint32_t i = 0; i < m->nstages; i++)
        if (m->stages[i].nsteps == 0)
            jy_diag_report(c->diags, JY_C_EMPTY_STAGE, &m->stages[i].loc, "stage '%.*s' has no step",
                        (int)m->stages[i].id.n, m->stages[i].id.s);

    bool cliff = jy_diags_warning_enabled(c->diags, JY_C_EMOTION_CLIFF);
    int32_t *last = jy_arena_alloc(c->arena, (m->npersonas + 1) * sizeof *last);
    const jy_step **last_step = jy_arena_alloc(c->arena, (m->npersonas + 1) * sizeof *last_step);
    for (uint32_t i = 0; i <= m->npersonas; i++)
        last[i] = INT32_MIN;

    for (uint32_t i = 0; i < m->nsteps; i++) {
        const jy_step *s = &m->steps[i];
        /* missing-emotion */
        if (c->emotion_unknown[i]) {
            /* already an error */
        } else if (m->npersonas == 0) {
            if (!s->has_mood)
                jy_diag_report(c->diags, JY_C_MISSING_EMOTION, &s->loc, "step '%.*s' has no emotion", (int)s->id.n,
                            s->id.s);
        } else {
            jy_buf b = { 0 };
            unsigned missing = 0;
            for (uint32_t k = 0; k < s->nfeel; k++) {
                if (s->feel[k].has)
                    continue;
                const jy_persona *p = &m->personas[s->feel[k].persona];
                jy_buf_printf(&b, "%s'%.*s'", missing ? ", " : "", (int)p->id.n, p->id.s);
                missing++;
            }
            if (missing)
                jy_diag_report(c->diags, JY_C_MISSING_EMOTION, &s->loc, "step '%.*s' has no emotion for %s %s",
                            (int)s->id.n, s->id.s, missing > 1 ? "personas" : "persona", jy_buf_cstr(&b));
            jy_buf_free(&b);
        }
        if (s->pains.n && !s->opportunities.n) {
            /* A pain that an opportunity elsewhere solves is addressed. */
            uint32_t k = 0;
            while (k < s->pains.n && s->pains.items[k].nsolved_by)
                k++;
            if (k < s->pains.n)
                jy_diag_report(c->diags, JY_C_UNADDRESSED_PAIN, &s->pains.items[k].loc,
                               "this pain has no opportunity in step '%.*s'", (int)s->id.n, s->id.s);
        }
        if (!s->nevidence)
            jy_diag_report(c->diags, JY_C_NO_EVIDENCE, &s->loc, "step '%.*s' has no evidence", (int)s->id.n, s->id.s);
        if (!cliff)
            continue;
        /* emotion-cliff: along each persona's own steps. */
        if (m->npersonas == 0) {
            if (s->has_mood) {
                if (last[0] != INT32_MIN && last[0] - s->mood >= 3) {
                    jy_diag_id g = jy_diag_report(c->diags, JY_C_EMOTION_CLIFF, &s->loc,
                                             "the emotion falls from %d to %d at step '%.*s'", (int)last[0], s->mood,
                                             (int)s->id.n, s->id.s);
                    jy_diag_note(c->diags, g, &last_step[0]->loc, "the previous step is here");
                }
                last[0] = s->mood;
                last_step[0] = s;
            }
            continue;
        }
        for (uint32_t k = 0; k < s->nfeel; k++) {
            const jy_feeling *f = &s->feel[k];
            if (!f->has)
                continue;
            if (last[f->persona] != INT32_MIN && last[f->persona] - f->score >= 3) {
                const jy_persona *p = &m->personas[f->persona];
                jy_diag_id g = jy_diag_report(c->diags, JY_C_EMOTION_CLIFF, &f->loc,
                                         "%.*s's emotion falls from %d to %d at step '%.*s'", (int)p->id.n, p->id.s,
                                         (int)last[f->persona], f->score, (int)s->id.n, s->id.s);
                jy_diag_note(c->diags, g, &last_step[f->persona]->loc, "the previous step for %.*s is here",
                          (int)p->id.n, p->id.s);
            }
            last[f->persona] = f->score;
            last_step[f->persona] = s;
        }
    }
    warn_unused(c, &c->personas, JY_C_UNUSED_PERSONA, "persona");
    warn_unused(c, &c->channels, JY_C_UNUSED_CHANNEL, "channel");
    warn_unused(c, &c->teams, JY_C_UNUSED_TEAM, "team");
    warn_unused(c, &c->kpis, JY_C_UNUSED_KPI, "kpi");
}

/* unsolved-pain, unsolved-severe-pain and orphan-opportunity.  A severe
 * pain that no opportunity solves is said to be so once: as severe when
 * that warning is on, else as unsolved. */
static void warn_items(checker *c)
{
    const jy_model *m = c->m;
    bool severe_on = jy_diags_warning_enabled(c->diags, JY_C_UNSOLVED_SEVERE_PAIN);
    bool any_solves = c->npending > 0;
    for (uint32_t i = 0; i < m->nsteps && !jy_diags_should_stop(c->diags); i++) {
        const jy_step *s = &m->steps[i];
        for (uint32_t k = 0; k < s->pains.n; k++) {
            const jy_item *p = &s->pains.items[k];
            if (p->nsolved_by)
                continue;
            if (p->id.n) {
                /* A second pain with an id is an error: no more about it. */
                const decl *d = lookup(&c->pain_ids, p->id);
                if (!d || c->pain_of[d->index] != p)
                    continue;
            }
            const jy_loc *at = p->id.n ? &p->id_loc : &p->loc;
            if (p->severity >= JY_LEVEL_HIGH && severe_on) {
                const char *sev = jy_level_name((jy_level)p->severity);
                jy_diag_id g = p->id.n ? jy_diag_report(c->diags, JY_C_UNSOLVED_SEVERE_PAIN, at,
                                                        "pain '%.*s' is %s and no opportunity solves it", (int)p->id.n,
                                                        p->id.s, sev)
                                       : jy_diag_report(c->diags, JY_C_UNSOLVED_SEVERE_PAIN, at,
                                                        "this pain is %s and no opportunity solves it", sev);
                if (!p->id.n)
                    jy_diag_note(c->diags, g, NULL,
                                 "give the pain an id (pain ID \"...\") and name it in an opportunity's 'solves'");
            } else if (p->id.n) {
                jy_diag_report(c->diags, JY_C_UNSOLVED_PAIN, at, "no opportunity solves pain '%.*s'", (int)p->id.n,
                               p->id.s);
            }
        }
        if (!any_solves)
            continue;
        for (uint32_t k = 0; k < s->opportunities.n; k++) {
            const jy_item *o = &s->opportunities.items[k];
            if (o->solves_listed)
                continue;
            const jy_loc *at = o->id.n ? &o->id_loc : &o->loc;
            jy_diag_id g = o->id.n ? jy_diag_report(c->diags, JY_C_ORPHAN_OPPORTUNITY, at,
                                                    "opportunity '%.*s' solves no pain", (int)o->id.n, o->id.s)
                                   : jy_diag_report(c->diags, JY_C_ORPHAN_OPPORTUNITY, at,
                                                    "this opportunity solves no pain");
            jy_diag_note(c->diags, g, NULL, "say which pains it solves: solves PAIN-ID");
        }
    }
}

/* overdue-review and no-review. */
static void warn_review(checker *c, const jy_node *j)
{
    const jy_model *m = c->m;
    if (m->next_review.set && c->today > m->next_review.days &&
        !(m->reviewed.set && m->next_review.days < m->reviewed.days)) {
        char today[11];
        jy_diag_report(c->diags, JY_C_OVERDUE_REVIEW, &m->next_review.loc,
                       "the review due on %.*s is overdue (today is %s)", (int)m->next_review.spelling.n,
                       m->next_review.spelling.s, jy_ast_format_date(today, c->today));
    }
    if (!first_node(j->child, JY_N_REVIEWED)) {
        jy_loc kw = jy_ast_keyword_loc(j);
        jy_diag_report(c->diags, JY_C_NO_REVIEW, &kw, "this journey has no 'reviewed' date");
    }
}

/* ---- entry --------------------------------------------------------------- */

static void table_free(decl_table *t)
{
    jy_map_free(&t->map);
    jy_map_free(&t->suggested);
    free(t->items);
}

jy_model *jy_sema_check(jy_arena *a, jy_diags *d, const jy_program *prog, int32_t today)
{
    checker c = { 0 };
    c.today = today;
    c.arena = a;
    c.diags = d;
    c.prog = prog;
    c.suggest_budget = SUGGEST_BUDGET;
    c.m = jy_arena_alloc(a, sizeof *c.m);
    c.m->scale_lo = -2;
    c.m->scale_hi = 2;
    c.m->owner = -1;

    for (size_t i = 0; i < prog->nlibs; i++)
        declare_block(&c, prog->libs[i]->stmts, false);
    declare_block(&c, prog->root->stmts, true);
    build_decls(&c);
    c.concerned = jy_xcalloc(c.m->npersonas + 1, sizeof *c.concerned);
    c.slot = jy_xcalloc(c.m->npersonas + 1, sizeof *c.slot);
    c.given = jy_xcalloc(c.m->npersonas + 1, sizeof *c.given);
    c.pstamp = jy_xcalloc(c.m->npersonas + 1, sizeof *c.pstamp);

    const jy_node *journey = first_node(prog->root->stmts, JY_N_JOURNEY);
    if (journey && !jy_diags_should_stop(d)) {
        check_journey(&c, journey);
        if (!jy_diags_should_stop(d))
            warn_journey(&c, journey);
        if (!jy_diags_should_stop(d))
            warn_review(&c, journey);
        if (!jy_diags_should_stop(d))
            warn_items(&c);
    }

    free(c.concerned);
    free(c.slot);
    free(c.given);
    free(c.pstamp);
    table_free(&c.item_ids);
    table_free(&c.pain_ids);
    free(c.item_of);
    free(c.pain_of);
    free(c.pending);
    table_free(&c.personas);
    table_free(&c.channels);
    table_free(&c.teams);
    table_free(&c.kpis);
    free(c.stage_ids.slots);
    free(c.step_ids.slots);
    return c.m;
}
