/* diff.c - what changed between two versions of a map (journey diff).
 *
 * Design notes
 * - Input is two checked models; the text is never read, so layout,
 *   comments and spelling are not changes.  Output is a list of changes,
 *   each a record (entity, change, field, old and new values), built once
 *   and then written as text, Markdown or JSON.  Records point into the
 *   models; nothing is formatted until it is written.
 * - Matching: declarations, stages and steps by id, through hash tables
 *   (linear).  A stage or step whose id is derived from its title gets a
 *   new id when it is retitled; to report that as a retitle rather than a
 *   removal and an addition, an unmatched old and an unmatched new one
 *   that both have derived ids are paired when each is the only unmatched
 *   one between the same two matched neighbours, and their titles are
 *   close (or, for steps, everything else about them is equal; for stages,
 *   they share a step).
 * - Moves: a step whose stage changed moved to another stage.  Within a
 *   stage, the matched steps that stayed form a sequence of old positions;
 *   its longest increasing subsequence (patience sorting, n log n) stayed
 *   in place and only the others moved, so inserting a step does not make
 *   every later step "moved".  Stages likewise.
 * - Lists inside a step (pains, touchpoints, owners, evidence, tags...) compare
 *   as multisets: sorted copies merged, so reordering is not a change and
 *   a long list costs n log n.  A step whose lists are equal item by item,
 *   the common case, costs one pass.  Metrics pair by kpi, in order.
 * - Order of the records: the journey, then declarations (in the new
 *   map's order, removed ones after), then one group per stage in the new
 *   map's order, a removed stage after the stage that preceded it; inside
 *   a stage its own changes, then its steps in order, a removed step after
 *   the step that preceded it.  Deterministic for the same two maps.
 * - Not changes: locations, the spelling of a metric's number (its value
 *   and % are compared), whether an id was written or derived, whether a
 *   declaration comes from a library, the order of declarations, the
 *   order of statements inside a step, an emotion given to all personas
 *   versus one each with the same scores.
 */
#include "journey/diff.h"
#include "journey/ast.h"
#include "journey/emit.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

bool jy_diff_format_parse(const char *name, diff_format *out)
{
    if (strcmp(name, "text") == 0)
        *out = DIFF_TEXT;
    else if (strcmp(name, "json") == 0)
        *out = DIFF_JSON;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = DIFF_MARKDOWN;
    else
        return false;
    return true;
}

/* ---- changes ------------------------------------------------------------- */

/* delivered, dropped: an opportunity that disappeared (field opportunity)
 * or whose status became done or dropped (field status). */
typedef enum { OP_ADDED, OP_REMOVED, OP_CHANGED, OP_MOVED, OP_DELIVERED, OP_DROPPED } op_kind;
static const char *const op_names[] = { "added", "removed", "changed", "moved", "delivered", "dropped" };

typedef enum { E_JOURNEY, E_PERSONA, E_CHANNEL, E_TEAM, E_KPI, E_STAGE, E_STEP } entity_kind;
static const char *const entity_names[] = { "journey", "persona", "channel", "team", "kpi", "stage", "step" };

#define FIELD_LIST(X)                                                                                   \
    X(NONE, NULL) X(TITLE, "title") X(DESCRIPTION, "description") X(STATE, "state") X(SCALE, "scale")  \
    X(MEAN, "mean-emotion") X(QUOTE, "quote") X(GOAL, "goal") X(NEED, "need")                          \
    X(FRUSTRATION, "frustration") X(BEHAVIOR, "behavior") X(KIND, "kind") X(UNIT, "unit")              \
    X(TARGET, "target") X(BETTER, "better") X(PERSONA, "persona") X(EMOTION, "emotion")                \
    X(THOUGHT, "thought") X(PAIN, "pain") X(OPPORTUNITY, "opportunity") X(TOUCHPOINT, "touchpoint")    \
    X(OWNER, "owner") X(FRONTSTAGE, "frontstage") X(BACKSTAGE, "backstage") X(SUPPORT, "support")      \
    X(METRIC, "metric") X(EVIDENCE, "evidence") X(NOTE, "note")                                       \
    X(REVIEWED, "reviewed") X(NEXT_REVIEW, "next-review") X(MOMENT, "moment") X(TAG, "tag")             \
    X(ARTIFACT, "artifact") X(SEVERITY, "severity") X(IMPACT, "impact") X(EFFORT, "effort")              \
    X(STATUS, "status") X(SOLVES, "solves") X(BASELINE, "baseline") X(IMAGE, "image")

typedef enum {
#define FIELD_ENUM(id, name) F_##id,
    FIELD_LIST(FIELD_ENUM)
#undef FIELD_ENUM
} field_kind;

static const char *const field_names[] = {
#define FIELD_NAME(id, name) name,
    FIELD_LIST(FIELD_NAME)
#undef FIELD_NAME
};

typedef enum {
    V_NONE,                    /* absent */
    V_TEXT,                    /* text: a string of the map */
    V_WORD,                    /* text: a keyword value (state, better, kind), a date */
    V_NUM,                     /* num */
    V_SCORE,                   /* num: the score, text: the label */
    V_RANGE,                   /* lo..hi */
    V_METRIC,                  /* num, pct, text: spelling, met */
    V_MEAN,                    /* num, shown with 2 decimals */
    V_REF,                     /* text: an id (a team, a persona) */
    V_TOUCH,                   /* key: channel id or empty, text */
    V_EVIDENCE,                /* key: kind, text: source */
    V_MOMENT                   /* text: a moment of truth's text, empty: none */
} value_kind;

typedef struct {
    uint8_t type;
    bool pct;
    int8_t met;                /* jy_metric_met: 1, 0, -1 */
    int32_t lo, hi;
    double num;
    jy_str text, key;
} value;

typedef struct {
    uint8_t entity, op, field;
    bool removed_group;        /* listed under a removed stage */
    jy_str id, title;          /* the declaration, stage or step */
    jy_str stage, stage_title; /* stages and steps: the stage it is listed under */
    jy_str who;                /* emotion, mean-emotion: persona id; metric: kpi id */
    jy_str old_id;             /* retitle that changed a derived id */
    jy_str from_stage;         /* moved from another stage (else empty) */
    jy_str after;              /* moved after this sibling (empty: to the start) */
    jy_str from_step, to_step; /* an item that moved to another step */
    jy_str item_id, item_text; /* item_field: the item or blueprint entry the
                                  record is about (its id, empty for none) */
    uint8_t item_field;        /* F_THOUGHT ... F_SUPPORT, or F_NONE */
    value old, new;
} change;

struct diff_result {
    change *items;
    size_t n, cap;
    jy_str journey_title;
    unsigned steps[4];         /* steps added, removed, changed, moved */
};

/* ---- the differ ------------------------------------------------------------ */

typedef struct {
    jy_str k1, k2;
    uint32_t i;
} ms_item;

typedef struct {
    const jy_model *a, *b;     /* old, new */
    diff_result *r;
    int32_t *persona_a2b, *persona_b2a;
    int32_t *stage_a2b, *stage_b2a;
    int32_t *step_a2b, *step_b2a;
    bool *stage_kept, *step_kept;   /* new side: stayed in order (or paired) */
    bool *stage_paired, *step_paired;
    /* the entity and the group of the records being made */
    entity_kind entity;
    jy_str id, title, stage, stage_title;
    bool removed_group;
    field_kind item_field;     /* the item the records are about (see change) */
    jy_str item_id, item_text;
    jy_map *items[2];          /* each map's item ids -> the item, made on first need */
    /* scratch for list comparison */
    ms_item *ma, *mb;
    int32_t *pa, *pb;
    size_t mcap;
    jy_str *keys[4];           /* keys of old (0, 1) and new (2, 3) items */
    size_t kcap;
} differ;

static change *push(differ *D, op_kind op, field_kind field)
{
    change c;
    memset(&c, 0, sizeof c);
    c.entity = (uint8_t)D->entity;
    c.op = (uint8_t)op;
    c.field = (uint8_t)field;
    c.removed_group = D->removed_group;
    c.id = D->id;
    c.title = D->title;
    c.stage = D->stage;
    c.stage_title = D->stage_title;
    c.item_field = (uint8_t)D->item_field;
    c.item_id = D->item_id;
    c.item_text = D->item_text;
    VEC_PUSH(D->r->items, D->r->n, D->r->cap, c);
    return &D->r->items[D->r->n - 1];
}

static void set_entity(differ *D, entity_kind e, jy_str id, jy_str title)
{
    D->entity = e;
    D->id = id;
    D->title = title;
}

/* ---- values -------------------------------------------------------------- */

static value v_none(void)
{
    value v;
    memset(&v, 0, sizeof v);
    return v;
}

static value v_str(value_kind type, jy_str s)
{
    value v = v_none();
    v.type = (uint8_t)type;
    v.text = s;
    return v;
}

/* An optional text: empty is absent (the model does not tell them apart). */
static value v_opt(value_kind type, jy_str s)
{
    return s.n ? v_str(type, s) : v_none();
}

static value v_num(value_kind type, double n)
{
    value v = v_none();
    v.type = (uint8_t)type;
    v.num = n;
    return v;
}

static value v_score(int score, jy_str label)
{
    value v = v_num(V_SCORE, score);
    v.text = label;
    return v;
}

static value v_metric(const jy_model *m, const jy_metric *mt)
{
    value v = v_num(V_METRIC, mt->value);
    v.pct = mt->pct;
    v.text = mt->spelling;
    v.met = (int8_t)jy_metric_met(m, mt);
    return v;
}

static value v_pair(value_kind type, jy_str key, jy_str text)
{
    value v = v_str(type, text);
    v.key = key;
    return v;
}

static bool values_equal(const value *x, const value *y)
{
    if (x->type != y->type)
        return false;
    switch (x->type) {
    case V_NONE: return true;
    case V_NUM: return x->num == y->num;
    case V_SCORE: return x->num == y->num && jy_str_eq(x->text, y->text);
    case V_RANGE: return x->lo == y->lo && x->hi == y->hi;
    case V_METRIC: return x->num == y->num && x->pct == y->pct;
    case V_MEAN: {
        char a[32], b[32];
        return strcmp(jy_format_mean(a, x->num), jy_format_mean(b, y->num)) == 0;
    }
    default: return jy_str_eq(x->text, y->text) && jy_str_eq(x->key, y->key);
    }
}

/* A field of the current entity, reported when it differs. */
static void field_change(differ *D, field_kind f, value old, value new)
{
    if (values_equal(&old, &new))
        return;
    change *c = push(D, OP_CHANGED, f);
    c->old = old;
    c->new = new;
}

/* ---- matching helpers ---------------------------------------------------- */

/* Every struct matched by id has the id as its first member. */
_Static_assert(offsetof(jy_persona, id) == 0, "id first");
_Static_assert(offsetof(jy_channel, id) == 0, "id first");
_Static_assert(offsetof(jy_team, id) == 0, "id first");
_Static_assert(offsetof(jy_kpi, id) == 0, "id first");
_Static_assert(offsetof(jy_stage, id) == 0, "id first");
_Static_assert(offsetof(jy_step, id) == 0, "id first");

static jy_str id_at(const void *base, size_t stride, size_t i)
{
    jy_str s;
    memcpy(&s, (const char *)base + i * stride, sizeof s);
    return s;
}

/* Matches two arrays by id: a2b and b2a get the index on the other side,
 * or -1.  Ids are unique on each side (the checker saw to it). */
static void match_ids(const void *a, size_t na, const void *b, size_t nb, size_t stride, int32_t *a2b, int32_t *b2a)
{
    jy_map m;
    jy_map_init(&m);
    for (size_t i = 0; i < na; i++) {
        a2b[i] = -1;
        jy_map_put(&m, id_at(a, stride, i), (void *)(uintptr_t)(i + 1));
    }
    for (size_t j = 0; j < nb; j++) {
        uintptr_t v = (uintptr_t)jy_map_get(&m, id_at(b, stride, j));
        b2a[j] = v ? (int32_t)(v - 1) : -1;
        if (v && a2b[v - 1] < 0)
            a2b[v - 1] = (int32_t)j;
        else if (v)
            b2a[j] = -1;   /* a duplicate id left by a map with errors */
    }
    jy_map_free(&m);
}

static int32_t *alloc_index(size_t n)
{
    return jy_xmalloc((n + 1) * sizeof(int32_t));
}

/* Marks in keep[] one longest strictly increasing subsequence of v. */
static void longest_increasing(const int32_t *v, size_t n, bool *keep)
{
    memset(keep, 0, n * sizeof *keep);
    if (!n)
        return;
    int32_t *tail = jy_xmalloc(n * sizeof *tail), *prev = jy_xmalloc(n * sizeof *prev);
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t lo = 0, hi = len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v[tail[mid]] < v[i])
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[i] = lo ? tail[lo - 1] : -1;
        tail[lo] = (int32_t)i;
        if (lo == len)
            len++;
    }
    for (int32_t k = tail[len - 1]; k >= 0; k = prev[k])
        keep[k] = true;
    free(tail);
    free(prev);
}

static bool titles_close(jy_str a, jy_str b)
{
    if (a.n > 200 || b.n > 200)
        return jy_str_eq(a, b);
    unsigned longer = a.n > b.n ? a.n : b.n;
    unsigned limit = (longer + 2) / 3;
    if (limit < 2)
        limit = 2;
    return jy_edit_distance(a, b, limit) <= limit;
}

typedef bool (*similar_fn)(differ *D, uint32_t ai, uint32_t bi);

typedef struct {
    int32_t *b2a, *a2b;
    bool *kept, *paired;
    similar_fn similar;
} pairing;

/* Pairs the only unmatched new item of [bf, bt) with the only unmatched
 * old item of [af, at), if there is one of each and similar() agrees;
 * in_order says whether the pair stays in place (else it moved). */
static void pair_lone(differ *D, const pairing *p, uint32_t bf, uint32_t bt, uint32_t af, uint32_t at,
                      bool in_order)
{
    int64_t lone_b = -1, lone_a = -1;
    unsigned nb = 0, na = 0;
    for (uint32_t x = bf; x < bt && nb < 2; x++)
        if (p->b2a[x] < 0)
            lone_b = x, nb++;
    for (uint32_t y = af; y < at && na < 2; y++)
        if (p->a2b[y] < 0)
            lone_a = y, na++;
    if (nb != 1 || na != 1 || !p->similar(D, (uint32_t)lone_a, (uint32_t)lone_b))
        return;
    p->b2a[lone_b] = (int32_t)lone_a;
    p->a2b[lone_a] = (int32_t)lone_b;
    p->paired[lone_b] = true;
    p->kept[lone_b] = in_order;
}

/* Pairs, in each gap between kept items, the lone unmatched new item with
 * the lone unmatched old one; then, in the whole range, the only unmatched
 * ones left (a retitled item that also moved).  New items are [b0, b1) and
 * old ones [a0, a1); a kept new item t is matched to b2a[t], and kept items
 * are increasing on both sides. */
static void pair_gaps(differ *D, const pairing *p, uint32_t b0, uint32_t b1, uint32_t a0, uint32_t a1)
{
    uint32_t gb = b0, ga = a0;
    for (uint32_t t = b0; t <= b1; t++) {
        if (t < b1 && !p->kept[t])
            continue;
        uint32_t ea = t < b1 ? (uint32_t)p->b2a[t] : a1;
        pair_lone(D, p, gb, t, ga, ea, true);
        gb = t + 1;
        ga = ea + 1;
    }
    pair_lone(D, p, b0, b1, a0, a1, false);
}

/* ---- lists --------------------------------------------------------------- */

static int str_cmp(jy_str x, jy_str y)
{
    size_t n = x.n < y.n ? x.n : y.n;
    int c = n ? memcmp(x.s, y.s, n) : 0;
    return c ? c : (x.n > y.n) - (x.n < y.n);
}

static int ms_keys(const ms_item *x, const ms_item *y)
{
    int c = str_cmp(x->k1, y->k1);
    return c ? c : str_cmp(x->k2, y->k2);
}

static int ms_cmp(const void *p, const void *q)
{
    const ms_item *x = p, *y = q;
    int c = ms_keys(x, y);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

static void ms_reserve(differ *D, size_t n)
{
    if (n <= D->mcap)
        return;
    D->mcap = n * 2;
    D->ma = jy_xrealloc(D->ma, D->mcap * sizeof *D->ma);
    D->mb = jy_xrealloc(D->mb, D->mcap * sizeof *D->mb);
    D->pa = jy_xrealloc(D->pa, D->mcap * sizeof *D->pa);
    D->pb = jy_xrealloc(D->pb, D->mcap * sizeof *D->pb);
}

/* Pairs equal items of D->ma[0..na) and D->mb[0..nb) (equal keys in order
 * of appearance): D->pa[i] is the new item paired with old item i, or -1,
 * and D->pb the other way.  Returns whether every item is paired. */
static bool ms_pair(differ *D, size_t na, size_t nb)
{
    bool same = na == nb;   /* the common case: equal item by item */
    for (size_t i = 0; same && i < na; i++)
        if (ms_keys(&D->ma[i], &D->mb[i]) == 0)
            D->pa[i] = D->pb[i] = (int32_t)i;
        else
            same = false;
    if (same)
        return true;
    for (size_t i = 0; i < na; i++)
        D->pa[i] = -1;
    for (size_t j = 0; j < nb; j++)
        D->pb[j] = -1;
    qsort(D->ma, na, sizeof *D->ma, ms_cmp);
    qsort(D->mb, nb, sizeof *D->mb, ms_cmp);
    size_t paired = 0;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        int c = ms_keys(&D->ma[i], &D->mb[j]);
        if (c == 0) {
            D->pa[D->ma[i].i] = (int32_t)D->mb[j].i;
            D->pb[D->mb[j].i] = (int32_t)D->ma[i].i;
            paired++;
            i++, j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return paired == na && paired == nb;
}

static void ms_set(ms_item *it, uint32_t i, jy_str k1, jy_str k2)
{
    it->k1 = k1;
    it->k2 = k2;
    it->i = i;
}

/* Compares two lists given by their keys (k2 arrays may be NULL): old
 * items left unpaired are removed, new ones added, in order of appearance
 * (ms_pair sorts D->ma and D->mb; the values come from the key arrays). */
static void report_list(differ *D, field_kind f, value_kind type, const jy_str *ka1, const jy_str *ka2, size_t na,
                        const jy_str *kb1, const jy_str *kb2, size_t nb)
{
    ms_reserve(D, na > nb ? na : nb);
    for (size_t i = 0; i < na; i++)
        ms_set(&D->ma[i], (uint32_t)i, ka1[i], ka2 ? ka2[i] : jy_str_make("", 0));
    for (size_t j = 0; j < nb; j++)
        ms_set(&D->mb[j], (uint32_t)j, kb1[j], kb2 ? kb2[j] : jy_str_make("", 0));
    if (ms_pair(D, na, nb))
        return;
    for (size_t i = 0; i < na; i++)
        if (D->pa[i] < 0) {
            change *c = push(D, OP_REMOVED, f);
            c->old = ka2 ? v_pair(type, ka1[i], ka2[i]) : v_str(type, ka1[i]);
        }
    for (size_t j = 0; j < nb; j++)
        if (D->pb[j] < 0) {
            change *c = push(D, OP_ADDED, f);
            c->new = kb2 ? v_pair(type, kb1[j], kb2[j]) : v_str(type, kb1[j]);
        }
}

/* Key arrays for report_list, reused from list to list. */
static void keys_reserve(differ *D, size_t n)
{
    if (n <= D->kcap)
        return;
    D->kcap = n * 2;
    for (int i = 0; i < 4; i++)
        D->keys[i] = jy_xrealloc(D->keys[i], D->kcap * sizeof *D->keys[i]);
}

static bool texts_equal(const jy_texts *x, const jy_texts *y)
{
    if (x->n != y->n)
        return false;
    for (uint32_t i = 0; i < x->n; i++)
        if (!jy_str_eq(x->items[i].text, y->items[i].text))
            return false;
    return true;
}

static void compare_texts(differ *D, field_kind f, const jy_texts *x, const jy_texts *y)
{
    if (texts_equal(x, y))
        return;
    keys_reserve(D, x->n > y->n ? x->n : y->n);
    for (uint32_t i = 0; i < x->n; i++)
        D->keys[0][i] = x->items[i].text;
    for (uint32_t j = 0; j < y->n; j++)
        D->keys[2][j] = y->items[j].text;
    report_list(D, f, V_TEXT, D->keys[0], NULL, x->n, D->keys[2], NULL, y->n);
}

/* ---- items and blueprint entries -------------------------------------------- */

static jy_str team_id(const jy_model *m, int32_t t)
{
    return t >= 0 ? m->teams[t].id : jy_str_make("", 0);
}

static value v_word(const char *w)
{
    return w ? v_str(V_WORD, jy_str_make(w, strlen(w))) : v_none();
}

/* Whether two items say the same, in the same order of their lists. */
static bool item_same(const differ *D, const jy_item *p, const jy_item *q)
{
    if (!jy_str_eq(p->text, q->text) || !jy_str_eq(p->id, q->id) || p->severity != q->severity ||
        p->impact != q->impact || p->effort != q->effort || p->status != q->status ||
        !jy_str_eq(team_id(D->a, p->owner), team_id(D->b, q->owner)) || !texts_equal(&p->tags, &q->tags) ||
        p->nsolves != q->nsolves || p->personas_listed != q->personas_listed || p->npersonas != q->npersonas)
        return false;
    for (uint32_t k = 0; k < p->nsolves; k++)
        if (!jy_str_eq(p->solves[k]->id, q->solves[k]->id))
            return false;
    for (uint32_t k = 0; k < p->npersonas; k++)
        if (!jy_str_eq(D->a->personas[p->personas[k]].id, D->b->personas[q->personas[k]].id))
            return false;
    return true;
}

static void item_context(differ *D, field_kind f, const jy_item *it)
{
    D->item_field = f;
    D->item_id = it ? it->id : jy_str_make("", 0);
    D->item_text = it ? it->text : jy_str_make("", 0);
}

/* A list of ids (tags, solves, personas) added or removed. */
static void compare_id_lists(differ *D, field_kind f, const jy_str *x, size_t nx, const jy_str *y, size_t ny)
{
    bool same = nx == ny;
    for (size_t i = 0; same && i < nx; i++)
        same = jy_str_eq(x[i], y[i]);
    if (!same)
        report_list(D, f, f == F_TAG ? V_WORD : V_REF, x, NULL, nx, y, NULL, ny);
}

/* The ids of an item's tags (k 0: old side, 2: new side), solves or
 * personas, in D->keys[k]. */
static size_t item_keys(differ *D, int k, field_kind f, const jy_model *m, const jy_step *s, const jy_item *it)
{
    size_t n = 0;
    if (f == F_TAG) {
        keys_reserve(D, it->tags.n);
        for (uint32_t i = 0; i < it->tags.n; i++)
            D->keys[k][n++] = it->tags.items[i].text;
    } else if (f == F_SOLVES) {
        keys_reserve(D, it->nsolves);
        for (uint32_t i = 0; i < it->nsolves; i++)
            D->keys[k][n++] = it->solves[i]->id;
    } else {
        uint32_t *who = jy_xmalloc((s->nfeel + 1) * sizeof *who);
        uint32_t np = jy_item_personas(s, it, who);
        keys_reserve(D, np);
        for (uint32_t i = 0; i < np; i++)
            D->keys[k][n++] = m->personas[who[i]].id;
        free(who);
    }
    return n;
}

/* What changed about an item or entry that is in both maps. */
static void compare_item(differ *D, field_kind f, const jy_step *sx, const jy_item *p, const jy_step *sy,
                         const jy_item *q)
{
    item_context(D, f, q);
    if (!jy_str_eq(p->text, q->text)) {
        change *c = push(D, OP_CHANGED, f);   /* reworded */
        c->old = v_str(V_TEXT, p->text);
        c->new = v_str(V_TEXT, q->text);
    }
    field_change(D, F_SEVERITY, v_word(jy_level_name((jy_level)p->severity)),
                 v_word(jy_level_name((jy_level)q->severity)));
    field_change(D, F_IMPACT, v_word(jy_level_name((jy_level)p->impact)), v_word(jy_level_name((jy_level)q->impact)));
    field_change(D, F_EFFORT, v_word(jy_level_name((jy_level)p->effort)), v_word(jy_level_name((jy_level)q->effort)));
    if (p->status != q->status) {
        /* Done or dropped now: the opportunity is delivered or dropped. */
        op_kind op = q->status == JY_STATUS_DONE ? OP_DELIVERED : q->status == JY_STATUS_DROPPED ? OP_DROPPED : OP_CHANGED;
        change *c = push(D, op, F_STATUS);
        c->old = v_word(jy_status_name((jy_status)p->status));
        c->new = v_word(jy_status_name((jy_status)q->status));
    }
    field_change(D, F_OWNER, p->owner >= 0 ? v_str(V_REF, team_id(D->a, p->owner)) : v_none(),
                 q->owner >= 0 ? v_str(V_REF, team_id(D->b, q->owner)) : v_none());
    static const field_kind lists[] = { F_PERSONA, F_SOLVES, F_TAG };
    for (size_t l = 0; l < sizeof lists / sizeof lists[0]; l++) {
        field_kind lf = lists[l];
        if (lf == F_PERSONA && (f > F_OPPORTUNITY || (!p->personas_listed && !q->personas_listed)))
            continue;   /* as for steps: when either lists them */
        if (lf == F_SOLVES && f != F_OPPORTUNITY)
            continue;
        size_t nx = item_keys(D, 0, lf, D->a, sx, p);
        size_t ny = item_keys(D, 2, lf, D->b, sy, q);
        compare_id_lists(D, lf, D->keys[0], nx, D->keys[2], ny);
    }
    item_context(D, F_NONE, NULL);
}

/* The thought, pain or opportunity with this id in the old map (side 0)
 * or the new one (1), anywhere in it; NULL for none. */
static const jy_item *find_item(differ *D, int side, jy_str id)
{
    if (!D->items[side]) {
        const jy_model *m = side ? D->b : D->a;
        D->items[side] = jy_xcalloc(1, sizeof *D->items[side]);
        jy_map_init(D->items[side]);
        for (uint32_t t = 0; t < m->nsteps; t++) {
            const jy_items *lists[] = { &m->steps[t].thoughts, &m->steps[t].pains, &m->steps[t].opportunities };
            for (int l = 0; l < 3; l++)
                for (uint32_t i = 0; i < lists[l]->n; i++)
                    if (lists[l]->items[i].id.n)
                        jy_map_put(D->items[side], lists[l]->items[i].id, (void *)&lists[l]->items[i]);
        }
    }
    return jy_map_get(D->items[side], id);
}

static bool b_has_item(differ *D, jy_str id)
{
    return find_item(D, 1, id) != NULL;
}

/* An item with an id that the other map has in another step, of the same
 * kind: it moved there.  NULL when it did not. */
static const jy_item *moved_item(differ *D, int other_side, const jy_item *it, uint32_t step_there)
{
    if (!it->id.n)
        return NULL;
    const jy_item *o = find_item(D, other_side, it->id);
    return o && o->kind == it->kind && o->step != step_there ? o : NULL;
}

/* An opportunity of the old map that the new one does not have: delivered
 * when every pain it solved went with it, dropped when one is still there;
 * an opportunity that named no pain, or whose id the new map still has
 * (it moved to another step), is just removed. */
static op_kind gone_opportunity(differ *D, const jy_item *o)
{
    if (!o->nsolves)
        return OP_REMOVED;
    for (uint32_t k = 0; k < o->nsolves; k++)
        if (b_has_item(D, o->solves[k]->id))
            return OP_DROPPED;
    return OP_DELIVERED;
}

/* A step's thoughts, pains, opportunities or blueprint entries.  Items
 * pair by id when both have the same one, then the others by text (equal
 * texts in order of appearance): a paired item whose text differs was
 * reworded.  Old items left unpaired were removed (a pain resolved, an
 * opportunity perhaps delivered or dropped), new ones added. */
static void compare_items(differ *D, field_kind f, const jy_step *sx, const jy_items *x, const jy_step *sy,
                          const jy_items *y)
{
    bool same = x->n == y->n;
    for (uint32_t i = 0; same && i < x->n; i++)
        same = item_same(D, &x->items[i], &y->items[i]);
    if (same)
        return;
    int32_t *pa = jy_xmalloc((x->n + 1) * sizeof *pa), *pb = jy_xmalloc((y->n + 1) * sizeof *pb);
    for (uint32_t i = 0; i < x->n; i++)
        pa[i] = -1;
    for (uint32_t j = 0; j < y->n; j++)
        pb[j] = -1;
    /* By id. */
    jy_map ids;
    jy_map_init(&ids);
    for (uint32_t i = 0; i < x->n; i++)
        if (x->items[i].id.n)
            jy_map_put(&ids, x->items[i].id, (void *)(uintptr_t)(i + 1));
    for (uint32_t j = 0; j < y->n; j++) {
        uintptr_t v = y->items[j].id.n ? (uintptr_t)jy_map_get(&ids, y->items[j].id) : 0;
        if (v && pa[v - 1] < 0) {
            pa[v - 1] = (int32_t)j;
            pb[j] = (int32_t)(v - 1);
        }
    }
    jy_map_free(&ids);
    /* The others by text, unless both have ids (different ones). */
    ms_item *ma = jy_xmalloc((x->n + 1) * sizeof *ma), *mb = jy_xmalloc((y->n + 1) * sizeof *mb);
    size_t na = 0, nb = 0;
    for (uint32_t i = 0; i < x->n; i++)
        if (pa[i] < 0)
            ms_set(&ma[na++], i, x->items[i].text, jy_str_make("", 0));
    for (uint32_t j = 0; j < y->n; j++)
        if (pb[j] < 0)
            ms_set(&mb[nb++], j, y->items[j].text, jy_str_make("", 0));
    qsort(ma, na, sizeof *ma, ms_cmp);
    qsort(mb, nb, sizeof *mb, ms_cmp);
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        int c = ms_keys(&ma[i], &mb[j]);
        const jy_item *p = &x->items[ma[i].i], *q = &y->items[mb[j].i];
        if (c == 0 && p->id.n && q->id.n) {
            i++;   /* two items with ids of their own: not the same one */
        } else if (c == 0) {
            pa[ma[i].i] = (int32_t)mb[j].i;
            pb[mb[j].i] = (int32_t)ma[i].i;
            i++, j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    free(ma);
    free(mb);
    /* An item with an id that moved to another step is said once: by the
     * step it moved to, unless that step is new (then by this one). */
    uint32_t ix = (uint32_t)(sx - D->a->steps), iy = (uint32_t)(sy - D->b->steps);
    for (uint32_t i = 0; i < x->n; i++) {
        if (pa[i] >= 0)
            continue;
        const jy_item *p = &x->items[i];
        const jy_item *there = moved_item(D, 1, p, iy);
        if (there && D->step_b2a[there->step] >= 0)
            continue;
        item_context(D, f, p);
        if (there) {
            push(D, OP_MOVED, f)->to_step = D->b->steps[there->step].id;
            continue;
        }
        op_kind op = f == F_OPPORTUNITY ? gone_opportunity(D, p) : OP_REMOVED;
        push(D, op, f)->old = v_str(V_TEXT, p->text);
    }
    for (uint32_t j = 0; j < y->n; j++) {
        const jy_item *q = &y->items[j];
        const jy_item *before = pb[j] < 0 ? moved_item(D, 0, q, ix) : NULL;
        if (before) {
            item_context(D, f, q);
            push(D, OP_MOVED, f)->from_step = D->a->steps[before->step].id;
            compare_item(D, f, &D->a->steps[before->step], before, sy, q);
        } else if (pb[j] < 0) {
            item_context(D, f, q);
            push(D, OP_ADDED, f)->new = v_str(V_TEXT, q->text);
        } else {
            compare_item(D, f, sx, &x->items[pb[j]], sy, q);
        }
    }
    item_context(D, F_NONE, NULL);
    free(pa);
    free(pb);
}

/* ---- declarations ---------------------------------------------------------- */

/* A file a map names (an image, the baseline), compared as written:
 * named, no longer named, or another path. */
static void compare_file(differ *D, field_kind f, const jy_file_ref *x, const jy_file_ref *y)
{
    if (x->given && y->given)
        field_change(D, f, v_str(V_TEXT, x->path), v_str(V_TEXT, y->path));
    else if (y->given)
        push(D, OP_ADDED, f)->new = v_str(V_TEXT, y->path);
    else if (x->given)
        push(D, OP_REMOVED, f)->old = v_str(V_TEXT, x->path);
}

static void compare_persona(differ *D, const jy_persona *x, const jy_persona *y)
{
    field_change(D, F_TITLE, v_str(V_TEXT, x->title), v_str(V_TEXT, y->title));
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, x->description), v_opt(V_TEXT, y->description));
    field_change(D, F_QUOTE, v_opt(V_TEXT, x->quote), v_opt(V_TEXT, y->quote));
    compare_texts(D, F_GOAL, &x->goals, &y->goals);
    compare_texts(D, F_NEED, &x->needs, &y->needs);
    compare_texts(D, F_FRUSTRATION, &x->frustrations, &y->frustrations);
    compare_texts(D, F_BEHAVIOR, &x->behaviors, &y->behaviors);
    compare_file(D, F_IMAGE, &x->image, &y->image);
}

static void compare_channel(differ *D, const jy_channel *x, const jy_channel *y)
{
    field_change(D, F_TITLE, v_str(V_TEXT, x->title), v_str(V_TEXT, y->title));
    field_change(D, F_KIND, v_opt(V_WORD, x->kind), v_opt(V_WORD, y->kind));
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, x->description), v_opt(V_TEXT, y->description));
}

static void compare_team(differ *D, const jy_team *x, const jy_team *y)
{
    field_change(D, F_TITLE, v_str(V_TEXT, x->title), v_str(V_TEXT, y->title));
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, x->description), v_opt(V_TEXT, y->description));
}

static value v_better(jy_better b)
{
    return b == JY_BETTER_UNSET ? v_none() : v_str(V_WORD, b == JY_BETTER_HIGHER ? JY_STR("higher") : JY_STR("lower"));
}

static void compare_kpi(differ *D, const jy_kpi *x, const jy_kpi *y)
{
    field_change(D, F_TITLE, v_str(V_TEXT, x->title), v_str(V_TEXT, y->title));
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, x->description), v_opt(V_TEXT, y->description));
    field_change(D, F_UNIT, v_opt(V_TEXT, x->unit), v_opt(V_TEXT, y->unit));
    field_change(D, F_TARGET, x->has_target ? v_num(V_NUM, x->target) : v_none(),
                 y->has_target ? v_num(V_NUM, y->target) : v_none());
    field_change(D, F_BETTER, v_better(x->better), v_better(y->better));
}

/* One kind of declaration: new ones in order, then removed ones. */
static void compare_decls(differ *D, entity_kind e, const void *a, size_t na, const void *b, size_t nb, size_t stride)
{
    int32_t *a2b = alloc_index(na), *b2a = alloc_index(nb);
    match_ids(a, na, b, nb, stride, a2b, b2a);
    for (size_t j = 0; j < nb; j++) {
        const void *y = (const char *)b + j * stride;
        const jy_str *title = (const jy_str *)((const char *)y + sizeof(jy_str));   /* id, title */
        set_entity(D, e, id_at(b, stride, j), *title);
        if (b2a[j] < 0) {
            push(D, OP_ADDED, F_NONE);
            continue;
        }
        const void *x = (const char *)a + (size_t)b2a[j] * stride;
        switch (e) {
        case E_PERSONA: compare_persona(D, x, y); break;
        case E_CHANNEL: compare_channel(D, x, y); break;
        case E_TEAM: compare_team(D, x, y); break;
        default: compare_kpi(D, x, y); break;
        }
    }
    for (size_t i = 0; i < na; i++)
        if (a2b[i] < 0) {
            const jy_str *title = (const jy_str *)((const char *)a + i * stride + sizeof(jy_str));
            set_entity(D, e, id_at(a, stride, i), *title);
            push(D, OP_REMOVED, F_NONE);
        }
    free(a2b);
    free(b2a);
}
_Static_assert(offsetof(jy_persona, title) == sizeof(jy_str), "title second");
_Static_assert(offsetof(jy_channel, title) == sizeof(jy_str), "title second");
_Static_assert(offsetof(jy_team, title) == sizeof(jy_str), "title second");
_Static_assert(offsetof(jy_kpi, title) == sizeof(jy_str), "title second");

/* ---- the journey ----------------------------------------------------------- */

/* Sum and count of each persona's scores (index 0 alone: the moods of a
 * journey without personas). */
static void emotion_sums(const jy_model *m, double *sum, uint32_t *count)
{
    for (uint32_t i = 0; i <= m->npersonas; i++)
        sum[i] = 0, count[i] = 0;
    jy_feel_view *v = jy_xmalloc((m->npersonas + 1) * sizeof *v);
    for (uint32_t t = 0; t < m->nsteps; t++) {
        uint32_t n = jy_step_views(&m->steps[t], v);
        for (uint32_t k = 0; k < n; k++)
            if (v[k].has) {
                uint32_t i = v[k].persona == JY_MOOD ? 0 : (uint32_t)v[k].persona;
                sum[i] += v[k].score;
                count[i]++;
            }
    }
    free(v);
}

static value v_mean(double sum, uint32_t count)
{
    return count ? v_num(V_MEAN, sum / count) : v_none();
}

static void compare_means(differ *D)
{
    const jy_model *a = D->a, *b = D->b;
    double *sa = jy_xmalloc((a->npersonas + 1) * sizeof *sa), *sb = jy_xmalloc((b->npersonas + 1) * sizeof *sb);
    uint32_t *ca = jy_xmalloc((a->npersonas + 1) * sizeof *ca), *cb = jy_xmalloc((b->npersonas + 1) * sizeof *cb);
    emotion_sums(a, sa, ca);
    emotion_sums(b, sb, cb);
    if (a->npersonas == 0 && b->npersonas == 0) {
        field_change(D, F_MEAN, v_mean(sa[0], ca[0]), v_mean(sb[0], cb[0]));
    } else {
        for (uint32_t j = 0; j < b->npersonas; j++) {
            int32_t i = D->persona_b2a[j];
            if (i < 0)
                continue;
            size_t before = D->r->n;
            field_change(D, F_MEAN, v_mean(sa[i], ca[i]), v_mean(sb[j], cb[j]));
            if (D->r->n > before)
                D->r->items[before].who = b->personas[j].id;
        }
    }
    free(sa);
    free(sb);
    free(ca);
    free(cb);
}

static value v_range(int lo, int hi)
{
    value v = v_none();
    v.type = V_RANGE;
    v.lo = lo;
    v.hi = hi;
    return v;
}

/* The journey's owner and review dates; a date as written (YYYY-MM-DD). */
static void compare_journey_review(differ *D)
{
    const jy_model *a = D->a, *b = D->b;
    field_change(D, F_OWNER, a->owner >= 0 ? v_str(V_REF, a->teams[a->owner].id) : v_none(),
                 b->owner >= 0 ? v_str(V_REF, b->teams[b->owner].id) : v_none());
    field_change(D, F_REVIEWED, a->reviewed.set ? v_str(V_WORD, a->reviewed.spelling) : v_none(),
                 b->reviewed.set ? v_str(V_WORD, b->reviewed.spelling) : v_none());
    field_change(D, F_NEXT_REVIEW, a->next_review.set ? v_str(V_WORD, a->next_review.spelling) : v_none(),
                 b->next_review.set ? v_str(V_WORD, b->next_review.spelling) : v_none());
}

static void compare_journey(differ *D)
{
    const jy_model *a = D->a, *b = D->b;
    set_entity(D, E_JOURNEY, jy_str_make("", 0), b->has_journey ? b->title : a->title);
    D->r->journey_title = D->title;
    if (a->has_journey != b->has_journey) {
        push(D, b->has_journey ? OP_ADDED : OP_REMOVED, F_NONE);
        return;
    }
    if (!b->has_journey)
        return;
    field_change(D, F_TITLE, v_str(V_TEXT, a->title), v_str(V_TEXT, b->title));
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, a->description), v_opt(V_TEXT, b->description));
    /* The state is compared by meaning and shown in the authors' words: current
       to as-is is no change, current to to-be is "current → to-be". */
    if (a->state != b->state)
        field_change(D, F_STATE, v_str(V_WORD, a->state_word), v_str(V_WORD, b->state_word));
    field_change(D, F_SCALE, v_range(a->scale_lo, a->scale_hi), v_range(b->scale_lo, b->scale_hi));
    compare_journey_review(D);
    /* Against its own baseline (journey diff FILE), naming it is no news. */
    if (b->baseline != a)
        compare_file(D, F_BASELINE, &a->baseline_file, &b->baseline_file);
    compare_means(D);
}

/* ---- steps ----------------------------------------------------------------- */

static value v_feeling(const jy_feeling *f)
{
    return f && f->has ? v_score(f->score, f->label) : v_none();
}

static void compare_personas_and_emotions(differ *D, const jy_step *x, const jy_step *y)
{
    const jy_model *a = D->a, *b = D->b;
    if (x->personas_listed || y->personas_listed) {
        for (uint32_t k = 0; k < x->nfeel; k++) {
            int32_t pb = D->persona_a2b[x->feel[k].persona];
            if (pb >= 0 && !jy_step_feeling(y, (uint32_t)pb))
                push(D, OP_REMOVED, F_PERSONA)->old = v_str(V_REF, b->personas[pb].id);
        }
        for (uint32_t k = 0; k < y->nfeel; k++) {
            int32_t pa = D->persona_b2a[y->feel[k].persona];
            if (pa >= 0 && !jy_step_feeling(x, (uint32_t)pa))
                push(D, OP_ADDED, F_PERSONA)->new = v_str(V_REF, b->personas[y->feel[k].persona].id);
        }
    }
    if (a->npersonas == 0 && b->npersonas == 0) {
        field_change(D, F_EMOTION, x->has_mood ? v_score(x->mood, x->mood_label) : v_none(),
                     y->has_mood ? v_score(y->mood, y->mood_label) : v_none());
        return;
    }
    for (uint32_t k = 0; k < y->nfeel; k++) {
        int32_t pa = D->persona_b2a[y->feel[k].persona];
        if (pa < 0)
            continue;
        size_t before = D->r->n;
        field_change(D, F_EMOTION, v_feeling(jy_step_feeling(x, (uint32_t)pa)), v_feeling(&y->feel[k]));
        if (D->r->n > before)
            D->r->items[before].who = b->personas[y->feel[k].persona].id;
    }
    for (uint32_t k = 0; k < x->nfeel; k++) {
        int32_t pb = D->persona_a2b[x->feel[k].persona];
        if (pb < 0 || jy_step_feeling(y, (uint32_t)pb) || !x->feel[k].has)
            continue;
        change *c = push(D, OP_CHANGED, F_EMOTION);
        c->old = v_feeling(&x->feel[k]);
        c->new = v_none();
        c->who = b->personas[pb].id;
    }
}

static void compare_touchpoints(differ *D, const jy_step *x, const jy_step *y)
{
    const jy_model *a = D->a, *b = D->b;
    bool same = x->ntouchpoints == y->ntouchpoints;
    keys_reserve(D, x->ntouchpoints > y->ntouchpoints ? x->ntouchpoints : y->ntouchpoints);
    for (uint32_t i = 0; i < x->ntouchpoints; i++) {
        const jy_touchpoint *t = &x->touchpoints[i];
        D->keys[0][i] = t->channel >= 0 ? a->channels[t->channel].id : jy_str_make("", 0);
        D->keys[1][i] = t->text;
    }
    for (uint32_t j = 0; j < y->ntouchpoints; j++) {
        const jy_touchpoint *t = &y->touchpoints[j];
        D->keys[2][j] = t->channel >= 0 ? b->channels[t->channel].id : jy_str_make("", 0);
        D->keys[3][j] = t->text;
        same = same && jy_str_eq(D->keys[0][j], D->keys[2][j]) && jy_str_eq(D->keys[1][j], D->keys[3][j]);
    }
    if (!same)
        report_list(D, F_TOUCHPOINT, V_TOUCH, D->keys[0], D->keys[1], x->ntouchpoints, D->keys[2], D->keys[3],
                    y->ntouchpoints);
}

static void compare_owners(differ *D, const jy_step *x, const jy_step *y)
{
    bool same = x->nowners == y->nowners;
    keys_reserve(D, x->nowners > y->nowners ? x->nowners : y->nowners);
    for (uint32_t i = 0; i < x->nowners; i++)
        D->keys[0][i] = D->a->teams[x->owners[i]].id;
    for (uint32_t j = 0; j < y->nowners; j++) {
        D->keys[2][j] = D->b->teams[y->owners[j]].id;
        same = same && jy_str_eq(D->keys[0][j], D->keys[2][j]);
    }
    if (!same)
        report_list(D, F_OWNER, V_REF, D->keys[0], NULL, x->nowners, D->keys[2], NULL, y->nowners);
}

static void compare_evidence(differ *D, const jy_step *x, const jy_step *y)
{
    bool same = x->nevidence == y->nevidence;
    keys_reserve(D, x->nevidence > y->nevidence ? x->nevidence : y->nevidence);
    for (uint32_t i = 0; i < x->nevidence; i++) {
        D->keys[0][i] = x->evidence[i].kind;
        D->keys[1][i] = x->evidence[i].source;
    }
    for (uint32_t j = 0; j < y->nevidence; j++) {
        D->keys[2][j] = y->evidence[j].kind;
        D->keys[3][j] = y->evidence[j].source;
        same = same && jy_str_eq(D->keys[0][j], D->keys[2][j]) && jy_str_eq(D->keys[1][j], D->keys[3][j]);
    }
    if (!same)
        report_list(D, F_EVIDENCE, V_EVIDENCE, D->keys[0], D->keys[1], x->nevidence, D->keys[2], D->keys[3],
                    y->nevidence);
}

/* Metrics pair by kpi, in order; a pair whose value, % or met state
 * changed is a change, the others are added or removed. */
static void compare_metrics(differ *D, const jy_step *x, const jy_step *y)
{
    const jy_model *a = D->a, *b = D->b;
    bool same = x->nmetrics == y->nmetrics;
    for (uint32_t i = 0; same && i < x->nmetrics; i++) {
        const jy_metric *p = &x->metrics[i], *q = &y->metrics[i];
        same = jy_str_eq(a->kpis[p->kpi].id, b->kpis[q->kpi].id) && p->value == q->value && p->pct == q->pct &&
               jy_metric_met(a, p) == jy_metric_met(b, q);
    }
    if (same)
        return;
    ms_reserve(D, x->nmetrics > y->nmetrics ? x->nmetrics : y->nmetrics);
    for (uint32_t i = 0; i < x->nmetrics; i++)
        ms_set(&D->ma[i], i, a->kpis[x->metrics[i].kpi].id, jy_str_make("", 0));
    for (uint32_t j = 0; j < y->nmetrics; j++)
        ms_set(&D->mb[j], j, b->kpis[y->metrics[j].kpi].id, jy_str_make("", 0));
    ms_pair(D, x->nmetrics, y->nmetrics);
    for (uint32_t i = 0; i < x->nmetrics; i++)
        if (D->pa[i] < 0) {
            change *c = push(D, OP_REMOVED, F_METRIC);
            c->old = v_metric(a, &x->metrics[i]);
            c->who = a->kpis[x->metrics[i].kpi].id;
        }
    for (uint32_t j = 0; j < y->nmetrics; j++) {
        value nv = v_metric(b, &y->metrics[j]);
        if (D->pb[j] < 0) {
            change *c = push(D, OP_ADDED, F_METRIC);
            c->new = nv;
            c->who = b->kpis[y->metrics[j].kpi].id;
            continue;
        }
        value ov = v_metric(a, &x->metrics[D->pb[j]]);
        if (values_equal(&ov, &nv) && ov.met == nv.met)
            continue;
        change *c = push(D, OP_CHANGED, F_METRIC);
        c->old = ov;
        c->new = nv;
        c->who = b->kpis[y->metrics[j].kpi].id;
    }
}

/* A moment of truth given, taken away, or its text changed. */
static void compare_moment(differ *D, const jy_step *x, const jy_step *y)
{
    if (x->has_moment && y->has_moment)
        field_change(D, F_MOMENT, v_str(V_MOMENT, x->moment), v_str(V_MOMENT, y->moment));
    else if (y->has_moment)
        push(D, OP_ADDED, F_MOMENT)->new = v_str(V_MOMENT, y->moment);
    else if (x->has_moment)
        push(D, OP_REMOVED, F_MOMENT)->old = v_str(V_MOMENT, x->moment);
}

/* Tags added or removed (each is in a step's list once). */
static void compare_tags(differ *D, const jy_step *x, const jy_step *y)
{
    if (texts_equal(&x->tags, &y->tags))
        return;
    keys_reserve(D, x->tags.n > y->tags.n ? x->tags.n : y->tags.n);
    for (uint32_t i = 0; i < x->tags.n; i++)
        D->keys[0][i] = x->tags.items[i].text;
    for (uint32_t j = 0; j < y->tags.n; j++)
        D->keys[2][j] = y->tags.items[j].text;
    report_list(D, F_TAG, V_WORD, D->keys[0], NULL, x->tags.n, D->keys[2], NULL, y->tags.n);
}

/* Everything about a step but its title and position. */
static void compare_step_body(differ *D, const jy_step *x, const jy_step *y)
{
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, x->description), v_opt(V_TEXT, y->description));
    compare_personas_and_emotions(D, x, y);
    compare_items(D, F_THOUGHT, x, &x->thoughts, y, &y->thoughts);
    compare_items(D, F_PAIN, x, &x->pains, y, &y->pains);
    compare_items(D, F_OPPORTUNITY, x, &x->opportunities, y, &y->opportunities);
    compare_touchpoints(D, x, y);
    compare_owners(D, x, y);
    compare_items(D, F_FRONTSTAGE, x, &x->frontstage, y, &y->frontstage);
    compare_items(D, F_BACKSTAGE, x, &x->backstage, y, &y->backstage);
    compare_items(D, F_SUPPORT, x, &x->support, y, &y->support);
    compare_metrics(D, x, y);
    compare_evidence(D, x, y);
    compare_texts(D, F_NOTE, &x->notes, &y->notes);
    compare_moment(D, x, y);
    compare_tags(D, x, y);
    compare_texts(D, F_ARTIFACT, &x->artifacts, &y->artifacts);
    compare_file(D, F_IMAGE, &x->image, &y->image);
}

/* ---- structure: stages and steps ---------------------------------------------- */

static bool similar_steps(differ *D, uint32_t ai, uint32_t bi)
{
    const jy_step *x = &D->a->steps[ai], *y = &D->b->steps[bi];
    if (!x->id_derived || !y->id_derived)
        return false;
    if (titles_close(x->title, y->title))
        return true;
    size_t before = D->r->n;
    compare_step_body(D, x, y);
    bool same = D->r->n == before;
    D->r->n = before;
    return same;
}

static bool similar_stages(differ *D, uint32_t ai, uint32_t bi)
{
    const jy_stage *x = &D->a->stages[ai], *y = &D->b->stages[bi];
    if (!x->id_derived || !y->id_derived)
        return false;
    if (titles_close(x->title, y->title))
        return true;
    for (uint32_t s = x->first_step; s < x->first_step + x->nsteps; s++) {
        int32_t t = D->step_a2b[s];
        if (t >= 0 && D->b->steps[t].stage == bi)
            return true;
    }
    return false;
}

/* Which stages, and which steps inside each stage, stayed in order; pairs
 * retitled stages and steps with derived ids. */
static void match_structure(differ *D)
{
    const jy_model *a = D->a, *b = D->b;
    D->stage_a2b = alloc_index(a->nstages);
    D->stage_b2a = alloc_index(b->nstages);
    D->step_a2b = alloc_index(a->nsteps);
    D->step_b2a = alloc_index(b->nsteps);
    D->stage_kept = jy_xcalloc(b->nstages + 1, sizeof(bool));
    D->stage_paired = jy_xcalloc(b->nstages + 1, sizeof(bool));
    D->step_kept = jy_xcalloc(b->nsteps + 1, sizeof(bool));
    D->step_paired = jy_xcalloc(b->nsteps + 1, sizeof(bool));
    match_ids(a->stages, a->nstages, b->stages, b->nstages, sizeof(jy_stage), D->stage_a2b, D->stage_b2a);
    match_ids(a->steps, a->nsteps, b->steps, b->nsteps, sizeof(jy_step), D->step_a2b, D->step_b2a);

    size_t cap = (b->nstages > b->nsteps ? b->nstages : b->nsteps) + 1;
    int32_t *seq = jy_xmalloc(cap * sizeof *seq), *pos = jy_xmalloc(cap * sizeof *pos);
    bool *keep = jy_xmalloc(cap * sizeof *keep);

    /* Stages in order. */
    size_t n = 0;
    for (uint32_t j = 0; j < b->nstages; j++)
        if (D->stage_b2a[j] >= 0)
            pos[n] = (int32_t)j, seq[n++] = D->stage_b2a[j];
    longest_increasing(seq, n, keep);
    for (size_t k = 0; k < n; k++)
        D->stage_kept[pos[k]] = keep[k];
    pairing stages = { D->stage_b2a, D->stage_a2b, D->stage_kept, D->stage_paired, similar_stages };
    pair_gaps(D, &stages, 0, b->nstages, 0, a->nstages);

    /* Steps in order inside each stage that exists on both sides. */
    pairing steps = { D->step_b2a, D->step_a2b, D->step_kept, D->step_paired, similar_steps };
    for (uint32_t j = 0; j < b->nstages; j++) {
        int32_t i = D->stage_b2a[j];
        if (i < 0)
            continue;
        const jy_stage *gb = &b->stages[j], *ga = &a->stages[i];
        n = 0;
        for (uint32_t t = gb->first_step; t < gb->first_step + gb->nsteps; t++) {
            int32_t s = D->step_b2a[t];
            if (s >= 0 && a->steps[s].stage == (uint32_t)i)
                pos[n] = (int32_t)t, seq[n++] = s;
        }
        longest_increasing(seq, n, keep);
        for (size_t k = 0; k < n; k++)
            D->step_kept[pos[k]] = keep[k];
        pair_gaps(D, &steps, gb->first_step, gb->first_step + gb->nsteps, ga->first_step,
                  ga->first_step + ga->nsteps);
    }
    free(seq);
    free(pos);
    free(keep);
}

static void set_group(differ *D, const jy_stage *g, bool removed)
{
    D->stage = g->id;
    D->stage_title = g->title;
    D->removed_group = removed;
}

/* A step of the new map that exists in the old one (t matched to s). */
static void report_step(differ *D, uint32_t t, uint32_t first_in_stage)
{
    const jy_step *y = &D->b->steps[t], *x = &D->a->steps[D->step_b2a[t]];
    set_entity(D, E_STEP, y->id, y->title);
    size_t before = D->r->n;
    int32_t old_stage = (int32_t)x->stage;
    if (D->stage_b2a[y->stage] != old_stage) {
        push(D, OP_MOVED, F_NONE)->from_stage = D->a->stages[old_stage].id;
    } else if (!D->step_kept[t]) {
        change *c = push(D, OP_MOVED, F_NONE);
        if (t > first_in_stage)
            c->after = D->b->steps[t - 1].id;
    }
    if (!jy_str_eq(x->title, y->title)) {
        change *c = push(D, OP_CHANGED, F_TITLE);
        c->old = v_str(V_TEXT, x->title);
        c->new = v_str(V_TEXT, y->title);
        if (!jy_str_eq(x->id, y->id))
            c->old_id = x->id;
    }
    compare_step_body(D, x, y);
    if (D->r->n > before) {
        bool moved = D->r->items[before].op == OP_MOVED && D->r->items[before].field == F_NONE;
        D->r->steps[moved ? OP_MOVED : OP_CHANGED]++;
    }
}

static void report_step_end(differ *D, const jy_step *s, op_kind op)
{
    set_entity(D, E_STEP, s->id, s->title);
    push(D, op, F_NONE);
    D->r->steps[op]++;
}

typedef struct {
    uint32_t bucket, step;
} placed;

static int placed_cmp(const void *p, const void *q)
{
    const placed *x = p, *y = q;
    if (x->bucket != y->bucket)
        return x->bucket < y->bucket ? -1 : 1;
    return (x->step > y->step) - (x->step < y->step);
}

/* A stage of the new map that exists in the old one: its own changes, then
 * its steps with the removed ones where they were. */
static void report_kept_stage(differ *D, uint32_t j)
{
    const jy_model *a = D->a, *b = D->b;
    const jy_stage *gb = &b->stages[j], *ga = &a->stages[D->stage_b2a[j]];
    set_group(D, gb, false);
    set_entity(D, E_STAGE, gb->id, gb->title);
    if (!D->stage_kept[j]) {
        change *c = push(D, OP_MOVED, F_NONE);
        if (j > 0)
            c->after = b->stages[j - 1].id;
    }
    if (!jy_str_eq(ga->title, gb->title)) {
        change *c = push(D, OP_CHANGED, F_TITLE);
        c->old = v_str(V_TEXT, ga->title);
        c->new = v_str(V_TEXT, gb->title);
        if (!jy_str_eq(ga->id, gb->id))
            c->old_id = ga->id;
    }
    field_change(D, F_DESCRIPTION, v_opt(V_TEXT, ga->description), v_opt(V_TEXT, gb->description));
    compare_texts(D, F_GOAL, &ga->goals, &gb->goals);

    /* Removed steps go after the new position of the last step before them
     * that stayed in this stage (bucket 0: at the start). */
    placed *gone = NULL;
    size_t ngone = 0, gcap = 0;
    uint32_t bucket = 0;
    for (uint32_t s = ga->first_step; s < ga->first_step + ga->nsteps; s++) {
        int32_t t = D->step_a2b[s];
        if (t >= 0 && b->steps[t].stage == j)
            bucket = (uint32_t)t - gb->first_step + 1;
        else if (t < 0)
            VEC_PUSH(gone, ngone, gcap, ((placed){ bucket, s }));
    }
    if (ngone > 1)
        qsort(gone, ngone, sizeof *gone, placed_cmp);
    size_t g = 0;
    for (uint32_t k = 0; k <= gb->nsteps; k++) {
        for (; g < ngone && gone[g].bucket == k; g++)
            report_step_end(D, &a->steps[gone[g].step], OP_REMOVED);
        if (k == gb->nsteps)
            break;
        uint32_t t = gb->first_step + k;
        if (D->step_b2a[t] >= 0)
            report_step(D, t, gb->first_step);
        else
            report_step_end(D, &b->steps[t], OP_ADDED);
    }
    free(gone);
}

static void report_added_stage(differ *D, uint32_t j)
{
    const jy_stage *gb = &D->b->stages[j];
    set_group(D, gb, false);
    set_entity(D, E_STAGE, gb->id, gb->title);
    push(D, OP_ADDED, F_NONE);
    for (uint32_t t = gb->first_step; t < gb->first_step + gb->nsteps; t++) {
        if (D->step_b2a[t] >= 0)
            report_step(D, t, gb->first_step);
        else
            report_step_end(D, &D->b->steps[t], OP_ADDED);
    }
}

static void report_removed_stage(differ *D, uint32_t i)
{
    const jy_stage *ga = &D->a->stages[i];
    set_group(D, ga, true);
    set_entity(D, E_STAGE, ga->id, ga->title);
    push(D, OP_REMOVED, F_NONE);
    for (uint32_t s = ga->first_step; s < ga->first_step + ga->nsteps; s++)
        if (D->step_a2b[s] < 0)
            report_step_end(D, &D->a->steps[s], OP_REMOVED);
}

static void report_stages(differ *D)
{
    const jy_model *a = D->a, *b = D->b;
    placed *gone = NULL;
    size_t ngone = 0, gcap = 0;
    uint32_t bucket = 0;
    for (uint32_t i = 0; i < a->nstages; i++) {
        if (D->stage_a2b[i] >= 0)
            bucket = (uint32_t)D->stage_a2b[i] + 1;
        else
            VEC_PUSH(gone, ngone, gcap, ((placed){ bucket, i }));
    }
    if (ngone > 1)
        qsort(gone, ngone, sizeof *gone, placed_cmp);
    size_t g = 0;
    for (uint32_t j = 0; j <= b->nstages; j++) {
        for (; g < ngone && gone[g].bucket == j; g++)
            report_removed_stage(D, gone[g].step);
        if (j == b->nstages)
            break;
        if (D->stage_b2a[j] >= 0)
            report_kept_stage(D, j);
        else
            report_added_stage(D, j);
    }
    free(gone);
}

diff_result *jy_diff_models(const jy_model *old_map, const jy_model *new_map)
{
    differ D;
    memset(&D, 0, sizeof D);
    D.a = old_map;
    D.b = new_map;
    D.r = jy_xcalloc(1, sizeof *D.r);

    /* Emotions and means need the personas matched first. */
    const jy_model *a = old_map, *b = new_map;
    D.persona_a2b = alloc_index(a->npersonas);
    D.persona_b2a = alloc_index(b->npersonas);
    match_ids(a->personas, a->npersonas, b->personas, b->npersonas, sizeof(jy_persona), D.persona_a2b,
              D.persona_b2a);
    compare_journey(&D);
    compare_decls(&D, E_PERSONA, a->personas, a->npersonas, b->personas, b->npersonas, sizeof(jy_persona));
    compare_decls(&D, E_CHANNEL, a->channels, a->nchannels, b->channels, b->nchannels, sizeof(jy_channel));
    compare_decls(&D, E_TEAM, a->teams, a->nteams, b->teams, b->nteams, sizeof(jy_team));
    compare_decls(&D, E_KPI, a->kpis, a->nkpis, b->kpis, b->nkpis, sizeof(jy_kpi));
    match_structure(&D);
    report_stages(&D);

    free(D.persona_a2b);
    free(D.persona_b2a);
    free(D.stage_a2b);
    free(D.stage_b2a);
    free(D.step_a2b);
    free(D.step_b2a);
    free(D.stage_kept);
    free(D.stage_paired);
    free(D.step_kept);
    free(D.step_paired);
    free(D.ma);
    free(D.mb);
    free(D.pa);
    free(D.pb);
    for (int i = 0; i < 4; i++)
        free(D.keys[i]);
    for (int i = 0; i < 2; i++)
        if (D.items[i]) {
            jy_map_free(D.items[i]);
            free(D.items[i]);
        }
    return D.r;
}

size_t jy_diff_count(const diff_result *r)
{
    return r->n;
}

void jy_diff_free(diff_result *r)
{
    if (!r)
        return;
    free(r->items);
    free(r);
}

/* ---- writing ------------------------------------------------------------- */

#define C_BOLD "\033[1m"
#define C_GREEN "\033[32m"
#define C_RED "\033[31m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
#define C_RESET "\033[0m"

typedef struct {
    FILE *out;
    const diff_options *o;
    bool md;
    jy_buf line;               /* the line being written */
    jy_buf tmp;
} writer;

static void w_z(writer *w, const char *z)
{
    jy_buf_adds(&w->line, z);
}

static void w_color(writer *w, const char *code)
{
    if (w->o->color && !w->md)
        jy_buf_adds(&w->line, code);
}

static void w_end_line(writer *w)
{
    jy_buf_addc(&w->line, '\n');
    fwrite(w->line.p, 1, w->line.len, w->out);
    w->line.len = 0;
}

/* A text of the map, as the map would spell it (quoted, escapes). */
static void w_user(writer *w, jy_str s)
{
    if (!w->md) {
        jy_ast_quote_text(&w->line, s);
        return;
    }
    w->tmp.len = 0;
    jy_ast_quote_text(&w->tmp, s);
    jy_markdown_text(&w->line, w->tmp.p, w->tmp.len);
}

/* An id (letters, digits, '_' and '-') or a keyword value. */
static void w_id(writer *w, jy_str id)
{
    if (w->md)
        jy_buf_addc(&w->line, '`');
    jy_buf_addstr(&w->line, id);
    if (w->md)
        jy_buf_addc(&w->line, '`');
}

static void w_value(writer *w, const value *v)
{
    char num[32];
    switch (v->type) {
    case V_NONE: w_z(w, "none"); break;
    case V_TEXT: w_user(w, v->text); break;
    case V_WORD: case V_REF: w_id(w, v->text); break;
    case V_NUM: w_z(w, jy_format_number(num, v->num)); break;
    case V_SCORE:
        jy_buf_printf(&w->line, "%d", (int)v->num);
        if (v->text.n) {
            w_z(w, " ");
            w_user(w, v->text);
        }
        break;
    case V_RANGE: jy_buf_printf(&w->line, "%d..%d", (int)v->lo, (int)v->hi); break;
    case V_METRIC: jy_buf_addstr(&w->line, v->text); break;
    case V_MEAN: w_z(w, jy_format_mean(num, v->num)); break;
    case V_TOUCH:
        if (v->key.n)
            w_id(w, v->key);
        if (v->key.n && v->text.n)
            w_z(w, " ");
        if (v->text.n || !v->key.n)
            w_user(w, v->text);
        break;
    case V_EVIDENCE:
        w_id(w, v->key);
        w_z(w, " ");
        w_user(w, v->text);
        break;
    case V_MOMENT:
        if (v->text.n)
            w_user(w, v->text);
        else
            w_z(w, "(no text)");
        break;
    }
}

static void w_old_new(writer *w, const change *c)
{
    w_value(w, &c->old);
    w_z(w, " \xE2\x86\x92 ");   /* → */
    w_value(w, &c->new);
}

/* Whether a metric now meets its kpi's target. */
static void w_met(writer *w, const change *c)
{
    int was = c->op == OP_CHANGED ? c->old.met : -1, is = c->new.met;
    if (c->op == OP_REMOVED || is < 0)
        return;
    if (was >= 0 && was != is)
        w_z(w, is ? " (now meets its target)" : " (no longer meets its target)");
    else
        w_z(w, is ? " (meets its target)" : " (misses its target)");
}

/* What a record says, without its sign. */
static void w_body(writer *w, const change *c)
{
    const char *field = c->field != F_NONE ? field_names[c->field] : NULL;
    bool about_item = c->item_field != F_NONE && c->field != c->item_field;
    if (about_item) {
        /* Something about an item: which one, then what. */
        w_z(w, field_names[c->item_field]);
        w_z(w, " ");
        if (c->item_id.n) {
            w_id(w, c->item_id);
            w_z(w, " ");
        }
        w_user(w, c->item_text);
        w_z(w, ": ");
    } else if (c->item_field != F_NONE && c->op == OP_CHANGED) {
        w_z(w, field);
        if (c->item_id.n) {
            w_z(w, " ");
            w_id(w, c->item_id);
        }
        w_z(w, " reworded: ");
        w_old_new(w, c);
        return;
    }
    if (c->op == OP_MOVED && c->item_field != F_NONE) {
        w_z(w, field);
        w_z(w, " ");
        w_id(w, c->item_id);
        w_z(w, " ");
        w_user(w, c->item_text);
        w_z(w, c->from_step.n ? ": moved here from step " : ": moved to step ");
        w_id(w, c->from_step.n ? c->from_step : c->to_step);
        return;
    }
    if (c->op == OP_MOVED) {
        bool step = c->entity == E_STEP;
        if (c->from_stage.n) {
            w_z(w, "moved here from stage ");
            w_id(w, c->from_stage);
        } else if (c->after.n) {
            w_z(w, step ? "moved after step " : "moved after stage ");
            w_id(w, c->after);
        } else {
            w_z(w, step ? "moved to the start of the stage" : "moved to the start");
        }
        return;
    }
    if (c->op == OP_CHANGED || c->field == F_STATUS) {
        switch (c->field) {
        case F_EMOTION: case F_MEAN:
            w_z(w, c->field == F_EMOTION ? "emotion" : "mean emotion");
            if (c->who.n) {
                w_z(w, " of ");
                w_id(w, c->who);
            }
            w_z(w, ": ");
            w_old_new(w, c);
            return;
        case F_METRIC:
            w_z(w, "metric ");
            w_id(w, c->who);
            w_z(w, ": ");
            if (values_equal(&c->old, &c->new) && jy_str_eq(c->old.text, c->new.text))
                w_value(w, &c->new);
            else
                w_old_new(w, c);
            w_met(w, c);
            return;
        default:
            w_z(w, field);
            w_z(w, ": ");
            w_old_new(w, c);
            if (c->old_id.n) {
                w_z(w, " (id ");
                w_id(w, c->old_id);
                w_z(w, " \xE2\x86\x92 ");
                w_id(w, c->id);
                w_z(w, ")");
            }
            return;
        }
    }
    const value *v = c->op == OP_ADDED ? &c->new : &c->old;
    w_z(w, field);
    if (c->field == F_MOMENT && !v->text.n)
        return;   /* "+ moment": one without a text */
    w_z(w, " ");
    if (!about_item && c->item_id.n) {
        w_id(w, c->item_id);
        w_z(w, " ");
    }
    if (c->field == F_METRIC) {
        w_id(w, c->who);
        w_z(w, " ");
        w_value(w, v);
        w_met(w, c);
    } else {
        w_value(w, v);
    }
}

static const char *op_color(op_kind op)
{
    switch (op) {
    case OP_ADDED: case OP_DELIVERED: return C_GREEN;
    case OP_REMOVED: case OP_DROPPED: return C_RED;
    case OP_MOVED: return C_CYAN;
    default: return C_YELLOW;
    }
}

/* An item that went away, in words: a pain resolved, an opportunity
 * delivered or dropped; NULL for others. */
static const char *gone_word(const change *c)
{
    if (c->field == F_STATUS)
        return NULL;
    if (c->op == OP_DELIVERED || c->op == OP_DROPPED)
        return op_names[c->op];
    return c->op == OP_REMOVED && c->field == F_PAIN ? "resolved" : NULL;
}

/* One line: a detail or an item.  depth 1 or 2 (levels of nesting). */
static void w_line_start(writer *w, int depth, const change *c)
{
    if (w->md) {
        w_z(w, depth > 1 ? "  - " : "- ");
        const char *gone = gone_word(c);
        if (c->op == OP_ADDED)
            w_z(w, "**added** ");
        else if (gone)
            jy_buf_printf(&w->line, "**%s** ", gone);
        else if (c->op == OP_REMOVED)
            w_z(w, "**removed** ");
        return;
    }
    w_z(w, depth > 1 ? "      " : "  ");
    w_color(w, op_color((op_kind)c->op));
    static const char signs[] = { '+', '-', '~', '~', '-', '-' };
    jy_buf_addc(&w->line, c->field == F_STATUS ? '~' : signs[c->op]);
    jy_buf_addc(&w->line, ' ');
}

static void w_detail(writer *w, int depth, const change *c)
{
    w_line_start(w, depth, c);
    w_body(w, c);
    const char *gone = gone_word(c);
    if (!w->md && gone)
        jy_buf_printf(&w->line, " (%s)", gone);
    if (c->field == F_STATUS && (c->op == OP_DELIVERED || c->op == OP_DROPPED))
        jy_buf_printf(&w->line, " (%s)", op_names[c->op]);
    w_color(w, C_RESET);
    w_end_line(w);
}

/* A declaration or a step, as the head of its details. */
static void w_item(writer *w, const change *c)
{
    change head = *c;
    if (c->field != F_NONE || c->op == OP_MOVED)
        head.op = OP_CHANGED;
    head.field = F_NONE;
    w_line_start(w, 1, &head);
    w_z(w, entity_names[c->entity]);
    w_z(w, " ");
    w_id(w, c->id);
    w_z(w, " ");
    w_user(w, c->title);
    w_color(w, C_RESET);
    w_end_line(w);
}

/* The heading of a group: the journey, the declarations, or a stage. */
static void w_group(writer *w, const change *c, const diff_result *r, bool first)
{
    if (!first)
        w_end_line(w);   /* a blank line */
    bool whole = c->field == F_NONE && (c->op == OP_ADDED || c->op == OP_REMOVED);
    w_z(w, w->md ? "#### " : "");
    w_color(w, C_BOLD);
    if (c->entity == E_JOURNEY || c->entity == E_STAGE || c->entity == E_STEP) {
        if (!w->md && whole && c->entity != E_STEP) {
            w_color(w, op_color((op_kind)c->op));
            w_z(w, c->op == OP_ADDED ? "+ " : "- ");
        }
        if (c->entity == E_JOURNEY) {
            w_z(w, w->md ? "Journey " : "journey ");
            w_user(w, r->journey_title);
        } else {
            w_z(w, w->md ? "Stage " : "stage ");
            w_id(w, c->stage);
            w_z(w, " ");
            w_user(w, c->stage_title);
        }
        if (w->md && whole && c->entity != E_STEP)
            w_z(w, c->op == OP_ADDED ? " (added)" : " (removed)");
    } else {
        w_z(w, w->md ? "Personas, channels, teams and kpis" : "personas, channels, teams and kpis");
    }
    w_color(w, C_RESET);
    w_end_line(w);
    if (w->md)
        w_end_line(w);
}

static int group_of(const change *c)
{
    switch (c->entity) {
    case E_JOURNEY: return 0;
    case E_STAGE: case E_STEP: return 2;
    default: return 1;
    }
}

static bool same_group(const change *x, const change *y)
{
    return group_of(x) == group_of(y) && jy_str_eq(x->stage, y->stage) && x->removed_group == y->removed_group;
}

static void write_changelog(writer *w, const diff_result *r)
{
    if (w->md) {
        const char *on = w->o->old_name ? w->o->old_name : "old", *nn = w->o->new_name ? w->o->new_name : "new";
        w_z(w, "### Journey map changes");
        w_end_line(w);
        w_end_line(w);
        /* File names as the command line gave them: controls escaped as
         * in diagnostics, then Markdown's escapes. */
        jy_buf name = { 0 };
        jy_diags_escape(&name, on, strlen(on));
        jy_markdown_text(&w->line, name.p ? name.p : "", name.len);
        w_z(w, " \xE2\x86\x92 ");
        name.len = 0;
        jy_diags_escape(&name, nn, strlen(nn));
        jy_markdown_text(&w->line, name.p ? name.p : "", name.len);
        jy_buf_free(&name);
        jy_buf_printf(&w->line, ": %zu %s; steps: %u added, %u removed, %u changed, %u moved", r->n,
                   r->n == 1 ? "change" : "changes", r->steps[OP_ADDED], r->steps[OP_REMOVED],
                   r->steps[OP_CHANGED], r->steps[OP_MOVED]);
        w_end_line(w);
        w_end_line(w);
    }
    const change *prev = NULL;
    for (size_t i = 0; i < r->n; i++) {
        const change *c = &r->items[i];
        bool new_group = !prev || !same_group(prev, c);
        if (new_group)
            w_group(w, c, r, prev == NULL);
        bool whole = c->field == F_NONE && (c->op == OP_ADDED || c->op == OP_REMOVED);
        if (c->entity == E_JOURNEY || c->entity == E_STAGE) {
            /* The group's own changes; a whole added or removed journey or
             * stage is said by the heading. */
            if (!whole)
                w_detail(w, 1, c);
        } else {
            bool new_item = new_group || prev->entity != c->entity || !jy_str_eq(prev->id, c->id);
            if (new_item)
                w_item(w, c);
            if (!whole)
                w_detail(w, 2, c);
        }
        prev = c;
    }
}

/* ---- JSON ---------------------------------------------------------------- */

static void j_str(jy_buf *out, jy_str s)
{
    jy_json_str(out, s);
}

static void j_key(jy_buf *out, const char *key)
{
    jy_buf_printf(out, ", \"%s\": ", key);
}

static void j_opt_str(jy_buf *out, jy_str s)
{
    if (s.n)
        j_str(out, s);
    else
        jy_buf_adds(out, "null");
}

static void j_value(jy_buf *out, const value *v)
{
    char num[32];
    switch (v->type) {
    case V_NONE: jy_buf_adds(out, "null"); break;
    case V_TEXT: case V_WORD: case V_REF: j_str(out, v->text); break;
    case V_NUM: jy_buf_adds(out, jy_format_number(num, v->num)); break;
    case V_MEAN: jy_buf_adds(out, jy_format_mean(num, v->num)); break;
    case V_SCORE:
        jy_buf_printf(out, "{\"score\": %d, \"label\": ", (int)v->num);
        j_str(out, v->text);
        jy_buf_addc(out, '}');
        break;
    case V_RANGE: jy_buf_printf(out, "{\"low\": %d, \"high\": %d}", (int)v->lo, (int)v->hi); break;
    case V_METRIC:
        jy_buf_printf(out, "{\"value\": %s, \"percent\": %s, \"spelling\": ", jy_format_number(num, v->num),
                v->pct ? "true" : "false");
        j_str(out, v->text);
        jy_buf_printf(out, ", \"met\": %s}", v->met < 0 ? "null" : v->met ? "true" : "false");
        break;
    case V_TOUCH:
        jy_buf_adds(out, "{\"channel\": ");
        j_opt_str(out, v->key);
        jy_buf_adds(out, ", \"text\": ");
        j_str(out, v->text);
        jy_buf_addc(out, '}');
        break;
    case V_EVIDENCE:
        jy_buf_adds(out, "{\"kind\": ");
        j_str(out, v->key);
        jy_buf_adds(out, ", \"source\": ");
        j_str(out, v->text);
        jy_buf_addc(out, '}');
        break;
    case V_MOMENT:
        jy_buf_adds(out, "{\"text\": ");
        j_opt_str(out, v->text);
        jy_buf_addc(out, '}');
        break;
    }
}

static void j_change(jy_buf *out, const change *c)
{
    jy_buf_printf(out, "{\"entity\": \"%s\", \"change\": \"%s\", \"field\": ", entity_names[c->entity], op_names[c->op]);
    if (c->field != F_NONE)
        jy_buf_printf(out, "\"%s\"", field_names[c->field]);
    else
        jy_buf_adds(out, "null");
    j_key(out, "id");
    if (c->entity == E_JOURNEY)
        jy_buf_adds(out, "null");
    else
        j_str(out, c->id);
    j_key(out, "title");
    j_str(out, c->title);
    if (c->entity == E_STEP) {
        j_key(out, "stage");
        j_str(out, c->stage);
    }
    if (c->item_field != F_NONE) {
        j_key(out, "item");
        jy_buf_printf(out, "{\"kind\": \"%s\", \"id\": ", field_names[c->item_field]);
        j_opt_str(out, c->item_id);
        jy_buf_adds(out, ", \"text\": ");
        j_str(out, c->item_text);
        jy_buf_addc(out, '}');
    }
    if (c->field == F_EMOTION || c->field == F_MEAN) {
        j_key(out, "persona");
        j_opt_str(out, c->who);
    } else if (c->field == F_METRIC) {
        j_key(out, "kpi");
        j_str(out, c->who);
    }
    if (c->old_id.n) {
        j_key(out, "old_id");
        j_str(out, c->old_id);
    }
    if (c->op == OP_MOVED && c->item_field != F_NONE) {
        j_key(out, "from_step");
        j_opt_str(out, c->from_step);
        j_key(out, "to_step");
        j_opt_str(out, c->to_step);
    } else if (c->op == OP_MOVED) {
        j_key(out, "from_stage");
        j_opt_str(out, c->from_stage);
        j_key(out, "after");
        j_opt_str(out, c->from_stage.n ? jy_str_make("", 0) : c->after);
    }
    if (c->field != F_NONE && c->op != OP_ADDED && c->op != OP_MOVED) {   /* (delivered, dropped: old and new) */
        j_key(out, "old");
        j_value(out, &c->old);
    }
    bool gone = (c->op == OP_DELIVERED || c->op == OP_DROPPED) && c->field != F_STATUS;
    if (c->field != F_NONE && c->op != OP_REMOVED && c->op != OP_MOVED && !gone) {
        j_key(out, "new");
        j_value(out, &c->new);
    }
    jy_buf_addc(out, '}');
}

static void write_json(jy_sink *k, const diff_result *r, const diff_options *o)
{
    jy_buf *out = &k->b;
    const char *on = o->old_name ? o->old_name : "", *nn = o->new_name ? o->new_name : "";
    jy_buf_printf(out, "{\n  \"version\": %d,\n  \"schema\": \"%s\",\n  \"old\": ", DIFF_JSON_VERSION,
                  JY_DIFF_JSON_SCHEMA);
    jy_json_string(out, on, strlen(on));
    jy_buf_adds(out, ",\n  \"new\": ");
    jy_json_string(out, nn, strlen(nn));
    unsigned delivered = 0, dropped = 0;
    for (size_t i = 0; i < r->n; i++) {
        delivered += r->items[i].op == OP_DELIVERED;
        dropped += r->items[i].op == OP_DROPPED;
    }
    jy_buf_printf(out,
            ",\n  \"summary\": {\"changes\": %zu, \"steps_added\": %u, \"steps_removed\": %u, "
            "\"steps_changed\": %u, \"steps_moved\": %u, \"opportunities_delivered\": %u, "
            "\"opportunities_dropped\": %u},\n  \"changes\": [",
            r->n, r->steps[OP_ADDED], r->steps[OP_REMOVED], r->steps[OP_CHANGED], r->steps[OP_MOVED], delivered,
            dropped);
    for (size_t i = 0; i < r->n; i++) {
        jy_buf_adds(out, i ? ",\n    " : "\n    ");
        j_change(out, &r->items[i]);
        jy_sink_maybe_flush(k);
    }
    jy_buf_adds(out, r->n ? "\n  ]\n}\n" : "]\n}\n");
}

int jy_diff_write(FILE *out, const diff_result *r, const diff_options *o)
{
    if (o->format == DIFF_JSON) {
        jy_sink k;
        jy_sink_init(&k, out);
        write_json(&k, r, o);
        return jy_sink_close(&k);
    } else if (r->n) {
        writer w;
        memset(&w, 0, sizeof w);
        w.out = out;
        w.o = o;
        w.md = o->format == DIFF_MARKDOWN;
        write_changelog(&w, r);
        jy_buf_free(&w.line);
        jy_buf_free(&w.tmp);
    }
    return ferror(out) ? -1 : 0;
}
