/* report.c - tables about checked maps, made once for every format.
 *
 * Design notes
 * - Each kind is a column table (a name and a type per column) and a
 *   function that fills a table (report_int.h) with rows of typed cells;
 *   report_table.c writes it as CSV, TSV or Markdown, report_xlsx.c as a
 *   sheet of a workbook.  So every format shows the same values.
 * - Several maps make one table: each map's rows in turn, led by the
 *   journey columns (its title and path); the summary then ranks the
 *   journeys (report_ranks).
 * - Emotions are read through the model's one view, jy_feel_view: one
 *   entry per persona a step concerns, or the step's own emotion (its
 *   "mood") when the journey declares no persona, so every report handles
 *   both kinds of map alike.  The personas and summary reports gather each
 *   persona's arc (counts, lowest moments, biggest drops) in one pass over
 *   those views, so their cost is linear in the feelings whatever the
 *   number of personas.
 * - Filters: --persona keeps the steps that concern the persona, only its
 *   emotions and the items that concern it (as render does); --tag keeps
 *   the steps and items the model's jy_tag_selects_step and
 *   jy_tag_selects_item select.  A step keeps its number in the whole map,
 *   so a filtered table still sorts back into journey order.
 * - A pain's solvers are the opportunities whose `solves` names it; only
 *   in a map that uses no `solves` at all, its step's opportunities (and
 *   an opportunity solves its step's pains), which a column says.  The
 *   backlog (opportunities) is sorted by the priority rule of
 *   docs/reports.md: impact against effort, raised by the severity of what
 *   it solves, open before done or dropped.
 * - Choices where the issue is silent (docs/reports.md, "Choices"): a step
 *   without an emotion gives an empty cell, never 0, and stays out of
 *   means and drops; ties are all listed in the summary; a library file is
 *   refused by the command, not reported as an empty journey.
 * - Lists inside one cell: names (ids, titles) are joined by "; ", texts
 *   of statements (touchpoint texts, pains, opportunities) by a line break.
 *   step-owners is the normalised shape of the steps' owners: one row per
 *   step and team, for pivot tables.
 * - Every row comes in map order (declarations, then stages and steps as
 *   written); nothing depends on hash order, time or locale.
 */
#include "report_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool jy_report_format_parse(const char *name, report_format *out)
{
    if (strcmp(name, "csv") == 0)
        *out = REPORT_CSV;
    else if (strcmp(name, "tsv") == 0)
        *out = REPORT_TSV;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = REPORT_MARKDOWN;
    else if (strcmp(name, "xlsx") == 0)
        *out = REPORT_XLSX;
    else
        return false;
    return true;
}

int jy_report_format_of_path(const char *path, report_format *out)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return 0;              /* "report", ".hidden" */
    const char *ext = dot + 1;
    if (strcmp(ext, "csv") == 0)
        *out = REPORT_CSV;
    else if (strcmp(ext, "tsv") == 0)
        *out = REPORT_TSV;
    else if (strcmp(ext, "md") == 0 || strcmp(ext, "markdown") == 0)
        *out = REPORT_MARKDOWN;
    else if (strcmp(ext, "xlsx") == 0)
        *out = REPORT_XLSX;
    else
        return -1;
    return 1;
}

bool jy_report_persona_check(const jy_model *m, const char *id)
{
    for (uint32_t i = 0; i < m->npersonas; i++)
        if (jy_str_eqz(m->personas[i].id, id))
            return true;
    return false;
}

/* ---- cells --------------------------------------------------------------- */

typedef rtable table;

static void cell_str(table *t, jy_str s)
{
    jy_report_cell_text(t, s.s ? s.s : "", s.n);
}

static void cell_z(table *t, const char *z)
{
    jy_report_cell_text(t, z, strlen(z));
}

static void cell_buf(table *t, const jy_buf *b)
{
    jy_report_cell_text(t, b->len ? b->p : "", b->len);
}

static void cell_empty(table *t)
{
    jy_report_cell_empty(t);
}

static void cell_int(table *t, long v)
{
    jy_report_cell_num(t, CELL_INT, (double)v);
}

static void cell_num(table *t, double v)
{
    if (!isfinite(v))
        v = v > 0 ? 1e308 : v < 0 ? -1e308 : 0;
    jy_report_cell_num(t, CELL_NUM, v);
}

/* A mean, kept as the two decimals every format shows. */
static void cell_mean(table *t, double sum, unsigned n)
{
    if (!n) {
        cell_empty(t);
        return;
    }
    char buf[32];
    jy_report_cell_num(t, CELL_MEAN, strtod(jy_format_mean(buf, sum / n), NULL));
}

static void cell_bool(table *t, bool v)
{
    jy_report_cell_num(t, CELL_BOOL, v);
}

static void cell_date(table *t, const jy_date *d)
{
    if (d->set)
        jy_report_cell_num(t, CELL_DATE, d->days);
    else
        cell_empty(t);
}

static void row_end(table *t)
{
    jy_report_row_end(t);
}

#define NCOLS(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/* ---- reading the model --------------------------------------------------- */

static jy_str persona_name(const jy_model *m, int32_t p)
{
    return p == JY_MOOD ? jy_str_make("", 0) : jy_display_name(m->personas[p].title, m->personas[p].id);
}

static jy_str persona_id(const jy_model *m, int32_t p)
{
    return p < 0 ? jy_str_make("", 0) : m->personas[p].id;
}

static jy_str team_name(const jy_model *m, uint32_t t)
{
    return jy_display_name(m->teams[t].title, m->teams[t].id);
}

/* Appends item to a list in b, after sep unless it is the first. */
static void list_add(jy_buf *b, unsigned *n, const char *sep, jy_str item)
{
    if ((*n)++)
        jy_buf_adds(b, sep);
    jy_buf_addstr(b, item);
}

/* Owners of a step as team titles, each once, in the order written. */
static void owner_list(const jy_model *m, const jy_step *s, jy_buf *b, unsigned *n, uint32_t *stamp, uint32_t mark)
{
    for (uint32_t i = 0; i < s->nowners; i++) {
        uint32_t t = s->owners[i];
        if (stamp[t] == mark)
            continue;
        stamp[t] = mark;
        list_add(b, n, "; ", team_name(m, t));
    }
}

static void texts_list(const jy_texts *t, jy_buf *b, const char *sep)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < t->n; i++)
        list_add(b, &n, sep, t->items[i].text);
}

static bool map_uses_solves(const jy_model *m);

/* Scratch shared by the reports: stamps over teams and channels, a view
 * array as long as the longest step's, and the filters. */
typedef struct {
    const jy_model *m;
    jy_feel_view *views;
    uint32_t *team_stamp, *chan_stamp;
    int32_t persona;           /* --persona: an index; -1 none */
    jy_str tag;                /* --tag; empty: none */
    int32_t today;
    bool uses_solves;          /* map_uses_solves */
    uint32_t *persona_scratch; /* room for every persona */
} ctx;

static void ctx_init(ctx *c, const jy_model *m, const report_options *o)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->views = jy_xcalloc(m->npersonas + 1, sizeof *c->views);
    c->team_stamp = jy_xcalloc(m->nteams + 1, sizeof *c->team_stamp);
    c->chan_stamp = jy_xcalloc(m->nchannels + 1, sizeof *c->chan_stamp);
    c->persona = -1;
    if (o->persona)
        for (uint32_t i = 0; i < m->npersonas; i++)
            if (jy_str_eqz(m->personas[i].id, o->persona))
                c->persona = (int32_t)i;
    c->tag = o->tag ? jy_str_make(o->tag, strlen(o->tag)) : jy_str_make("", 0);
    c->today = o->today;
    c->uses_solves = map_uses_solves(m);
    c->persona_scratch = jy_xcalloc(m->npersonas + 1, sizeof *c->persona_scratch);
}

static void ctx_free(ctx *c)
{
    free(c->views);
    free(c->team_stamp);
    free(c->chan_stamp);
    free(c->persona_scratch);
}

/* Whether the filters keep step si. */
static bool step_in(const ctx *c, uint32_t si)
{
    const jy_step *s = &c->m->steps[si];
    if (c->tag.n && !jy_tag_selects_step(s, c->tag))
        return false;
    return c->persona < 0 || jy_step_feeling(s, (uint32_t)c->persona) != NULL;
}

/* jy_step_views into c->views, only the persona's under --persona. */
static uint32_t ctx_views(ctx *c, const jy_step *s)
{
    uint32_t nv = jy_step_views(s, c->views);
    if (c->persona < 0)
        return nv;
    for (uint32_t k = 0; k < nv; k++)
        if (c->views[k].persona == c->persona) {
            c->views[0] = c->views[k];
            return 1;
        }
    return 0;
}

/* The stage and step cells that start many rows. */
static void step_cells(table *t, const jy_model *m, uint32_t si, bool with_no)
{
    const jy_step *s = &m->steps[si];
    const jy_stage *g = &m->stages[s->stage];
    if (with_no)
        cell_int(t, (long)si + 1);
    cell_str(t, g->id);
    cell_str(t, g->title);
    cell_str(t, s->id);
    cell_str(t, s->title);
}

/* ---- items ---------------------------------------------------------------- */

/* Whether the filters keep item it of step s (a step the filters keep):
 * --tag as the model's jy_tag_selects_item says, --persona the items
 * that concern the persona (blueprint entries concern no one and stay). */
static bool item_in(const ctx *c, const jy_step *s, const jy_item *it)
{
    if (c->tag.n && !jy_tag_selects_item(s, it, c->tag))
        return false;
    return c->persona < 0 || it->kind > JY_ITEM_OPPORTUNITY || jy_item_concerns(s, it, (uint32_t)c->persona);
}

static uint32_t items_in(const ctx *c, const jy_step *s, const jy_items *l)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < l->n; i++)
        n += item_in(c, s, &l->items[i]);
    return n;
}

/* Whether the map links any opportunity to pains with `solves`: then a
 * pain's solvers are the opportunities that name it; otherwise (a map in
 * the v1 style) its step's opportunities. */
static bool map_uses_solves(const jy_model *m)
{
    for (uint32_t si = 0; si < m->nsteps; si++)
        for (uint32_t i = 0; i < m->steps[si].opportunities.n; i++)
            if (m->steps[si].opportunities.items[i].nsolves)
                return true;
    return false;
}

/* The opportunities that solve pain p of step s, by the rule above. */
static uint32_t solver_count(const ctx *c, const jy_step *s, const jy_item *p)
{
    return c->uses_solves ? p->nsolved_by : s->opportunities.n;
}

static const jy_item *solver(const ctx *c, const jy_step *s, const jy_item *p, uint32_t i)
{
    return c->uses_solves ? p->solved_by[i] : &s->opportunities.items[i];
}

/* "guest: Offer guest checkout": an item's id, then its text. */
static void item_label(jy_buf *b, const jy_item *it)
{
    if (it->id.n) {
        jy_buf_addstr(b, it->id);
        jy_buf_adds(b, ": ");
    }
    jy_buf_addstr(b, it->text);
}

static void item_personas(const jy_model *m, const jy_step *s, const jy_item *it, uint32_t *scratch, jy_buf *b)
{
    uint32_t n = jy_item_personas(s, it, scratch);
    unsigned listed = 0;
    for (uint32_t k = 0; k < n; k++)
        list_add(b, &listed, "; ", persona_name(m, (int32_t)scratch[k]));
}

/* The cell of the personas item it of step s concerns, one "; " list. */
static void cell_personas(table *t, const ctx *c, const jy_step *s, const jy_item *it, jy_buf *b)
{
    b->len = 0;
    item_personas(c->m, s, it, c->persona_scratch, b);
    cell_buf(t, b);
}

/* The cell of a list of tags, one "; " list. */
static void cell_tags(table *t, const jy_texts *tags, jy_buf *b)
{
    b->len = 0;
    texts_list(tags, b, "; ");
    cell_buf(t, b);
}

/* The items linked to item it of step s by the solves rule (solver or
 * solved): their labels one a line, how many and the rule, three cells. */
typedef const jy_item *link_at(const ctx *c, const jy_step *s, const jy_item *it, uint32_t i);

static void cells_links(table *t, const ctx *c, const jy_step *s, const jy_item *it, uint32_t n, link_at *at,
                        jy_buf *b)
{
    b->len = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (k)
            jy_buf_addc(b, '\n');
        item_label(b, at(c, s, it, k));
    }
    cell_buf(t, b);
    cell_int(t, (long)n);
    cell_z(t, c->uses_solves ? "solves" : "same-step");
}

/* A blueprint lane of a step: one entry per line, "text (Owner)". */
static void blueprint_list(const ctx *c, const jy_step *s, const jy_items *l, jy_buf *b)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < l->n; i++) {
        const jy_item *it = &l->items[i];
        if (!item_in(c, s, it))
            continue;
        list_add(b, &n, "\n", it->text);
        if (it->owner >= 0) {
            jy_buf_adds(b, " (");
            jy_buf_addstr(b, team_name(c->m, (uint32_t)it->owner));
            jy_buf_addc(b, ')');
        }
    }
}

static const char *level_word(unsigned l)
{
    const char *w = jy_level_name((jy_level)l);
    return w ? w : "";
}

static const char *status_word(unsigned st)
{
    const char *w = jy_status_name((jy_status)st);
    return w ? w : "";
}

/* ---- steps --------------------------------------------------------------- */

static const column steps_cols[] = {
    { "step_no", COL_NUMBER },        { "stage_id", COL_TEXT },      { "stage_title", COL_TEXT },
    { "step_id", COL_TEXT },          { "step_title", COL_TEXT },    { "persona_id", COL_TEXT },
    { "persona_name", COL_TEXT },     { "emotion", COL_NUMBER },     { "emotion_label", COL_TEXT },
    { "channels", COL_TEXT },         { "touchpoints", COL_TEXT },   { "owners", COL_TEXT },
    { "pain_count", COL_NUMBER },     { "opportunity_count", COL_NUMBER }, { "evidence", COL_TEXT },
    { "moment_of_truth", COL_BOOL },  { "moment", COL_TEXT },        { "tags", COL_TEXT },
    { "artifacts", COL_TEXT },        { "frontstage", COL_TEXT },    { "backstage", COL_TEXT },
    { "support", COL_TEXT },
};

static void report_steps(table *t, ctx *c)
{
    const jy_model *m = c->m;
    jy_buf channels = { 0 }, touchpoints = { 0 }, owners = { 0 }, evidence = { 0 }, tags = { 0 }, artifacts = { 0 };
    jy_buf lanes[3] = { { 0 }, { 0 }, { 0 } };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        channels.len = touchpoints.len = owners.len = evidence.len = tags.len = artifacts.len = 0;
        texts_list(&s->tags, &tags, "; ");
        texts_list(&s->artifacts, &artifacts, "\n");
        const jy_items *lane_items[3] = { &s->frontstage, &s->backstage, &s->support };
        for (int l = 0; l < 3; l++) {
            lanes[l].len = 0;
            blueprint_list(c, s, lane_items[l], &lanes[l]);
        }
        unsigned nc = 0, nt = 0, no = 0, ne = 0;
        for (uint32_t i = 0; i < s->ntouchpoints; i++) {
            const jy_touchpoint *tp = &s->touchpoints[i];
            if (tp->channel >= 0 && c->chan_stamp[tp->channel] != si + 1) {
                c->chan_stamp[tp->channel] = si + 1;
                list_add(&channels, &nc, "; ", m->channels[tp->channel].id);
            }
            if (nt++)
                jy_buf_addc(&touchpoints, '\n');
            jy_append_touchpoint(&touchpoints, m, tp);
        }
        owner_list(m, s, &owners, &no, c->team_stamp, si + 1);
        jy_map seen;
        jy_map_init(&seen);
        for (uint32_t i = 0; i < s->nevidence; i++)
            if (!jy_map_put(&seen, s->evidence[i].kind, (void *)1))
                list_add(&evidence, &ne, "; ", s->evidence[i].kind);
        jy_map_free(&seen);

        uint32_t nv = ctx_views(c, s);
        for (uint32_t k = 0; k < nv; k++) {
            const jy_feel_view *v = &c->views[k];
            step_cells(t, m, si, true);
            cell_str(t, persona_id(m, v->persona));
            cell_str(t, persona_name(m, v->persona));
            if (v->has) {
                cell_int(t, v->score);
                cell_str(t, v->label);
            } else {
                cell_empty(t);
                cell_empty(t);
            }
            cell_buf(t, &channels);
            cell_buf(t, &touchpoints);
            cell_buf(t, &owners);
            cell_int(t, (long)items_in(c, s, &s->pains));
            cell_int(t, (long)items_in(c, s, &s->opportunities));
            cell_buf(t, &evidence);
            cell_bool(t, s->has_moment);
            cell_str(t, s->moment);
            cell_buf(t, &tags);
            cell_buf(t, &artifacts);
            for (int l = 0; l < 3; l++)
                cell_buf(t, &lanes[l]);
            row_end(t);
        }
    }
    jy_buf_free(&tags);
    jy_buf_free(&artifacts);
    for (int l = 0; l < 3; l++)
        jy_buf_free(&lanes[l]);
    jy_buf_free(&channels);
    jy_buf_free(&touchpoints);
    jy_buf_free(&owners);
    jy_buf_free(&evidence);
}

/* ---- pains --------------------------------------------------------------- */

static const column pains_cols[] = {
    { "step_no", COL_NUMBER },     { "stage_id", COL_TEXT },        { "stage_title", COL_TEXT },
    { "step_id", COL_TEXT },       { "step_title", COL_TEXT },      { "pain_id", COL_TEXT },
    { "pain", COL_TEXT },          { "personas", COL_TEXT },        { "severity", COL_TEXT },
    { "tags", COL_TEXT },          { "emotions", COL_TEXT },        { "lowest_emotion", COL_NUMBER },
    { "owners", COL_TEXT },        { "solved_by", COL_TEXT },       { "solver_count", COL_NUMBER },
    { "solved_by_rule", COL_TEXT },
};

/* "Anna Novak: -1 (Chilly); Ben Adeyemi: 0" for the views of the personas
 * pain it concerns (every view for a journey without personas); the
 * lowest score in *low. */
static bool emotions_text(const jy_model *m, const jy_step *s, const jy_item *it, const jy_feel_view *v,
                          uint32_t nv, jy_buf *b, int *low)
{
    bool any = false;
    unsigned n = 0;
    for (uint32_t k = 0; k < nv; k++) {
        if (!v[k].has)
            continue;
        if (v[k].persona >= 0 && !jy_item_concerns(s, it, (uint32_t)v[k].persona))
            continue;
        if (n++)
            jy_buf_adds(b, "; ");
        if (v[k].persona >= 0) {
            jy_buf_addstr(b, persona_name(m, v[k].persona));
            jy_buf_adds(b, ": ");
        }
        jy_buf_printf(b, "%d", v[k].score);
        if (v[k].label.n) {
            jy_buf_adds(b, " (");
            jy_buf_addstr(b, v[k].label);
            jy_buf_addc(b, ')');
        }
        if (!any || v[k].score < *low)
            *low = v[k].score;
        any = true;
    }
    return any;
}

static void report_pains(table *t, ctx *c)
{
    const jy_model *m = c->m;
    jy_buf b = { 0 }, owners = { 0 };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!s->pains.n || !step_in(c, si))
            continue;
        owners.len = 0;
        unsigned no = 0;
        owner_list(m, s, &owners, &no, c->team_stamp, si + 1);
        uint32_t nv = ctx_views(c, s);
        for (uint32_t i = 0; i < s->pains.n; i++) {
            const jy_item *p = &s->pains.items[i];
            if (!item_in(c, s, p))
                continue;
            step_cells(t, m, si, true);
            cell_str(t, p->id);
            cell_str(t, p->text);
            cell_personas(t, c, s, p, &b);
            cell_z(t, level_word(p->severity));
            cell_tags(t, &p->tags, &b);
            b.len = 0;
            int low = 0;
            bool any = emotions_text(m, s, p, c->views, nv, &b, &low);
            cell_buf(t, &b);
            if (any)
                cell_int(t, low);
            else
                cell_empty(t);
            cell_buf(t, &owners);
            cells_links(t, c, s, p, solver_count(c, s, p), solver, &b);
            row_end(t);
        }
    }
    jy_buf_free(&b);
    jy_buf_free(&owners);
}

/* ---- opportunities --------------------------------------------------------- */

static const column opportunities_cols[] = {
    { "priority", COL_NUMBER },      { "quadrant", COL_TEXT },          { "step_no", COL_NUMBER },
    { "stage_id", COL_TEXT },        { "stage_title", COL_TEXT },       { "step_id", COL_TEXT },
    { "step_title", COL_TEXT },      { "opportunity_id", COL_TEXT },    { "opportunity", COL_TEXT },
    { "impact", COL_TEXT },          { "effort", COL_TEXT },            { "status", COL_TEXT },
    { "owner", COL_TEXT },           { "personas", COL_TEXT },          { "tags", COL_TEXT },
    { "solves", COL_TEXT },          { "solves_count", COL_NUMBER },    { "solves_rule", COL_TEXT },
    { "highest_severity", COL_TEXT },
};

/* The priority rule (docs/reports.md): impact against effort, each low 1,
 * medium 2, high 3, not given as medium.  Impact medium or high is "big",
 * effort low or medium "cheap": big and cheap a quick win (4), big and
 * dear a big bet (3), small and cheap a fill-in (2), small and dear a
 * money pit (1).  The highest severity among the pains it solves raises
 * it: high by 1, critical by 2. */
typedef struct {
    uint32_t si, i;            /* step, index among its opportunities */
    int priority, impact, effort;
    bool closed;               /* done or dropped: after the open ones */
    const char *quadrant;
    unsigned severity;         /* the highest severity it solves */
} opp_rank;

static int level_value(unsigned l)
{
    return l == JY_LEVEL_NONE ? 2 : (int)l;
}

static int opp_cmp(const void *pa, const void *pb)
{
    const opp_rank *a = pa, *b = pb;
    if (a->closed != b->closed)
        return a->closed ? 1 : -1;
    if (a->priority != b->priority)
        return b->priority - a->priority;
    if (a->impact != b->impact)
        return b->impact - a->impact;
    if (a->effort != b->effort)
        return a->effort - b->effort;
    if (a->si != b->si)
        return a->si < b->si ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The pains opportunity o (of step s) solves, by the report's rule: its
 * `solves`, or in a map without any, its step's pains. */
static uint32_t solved_count(const ctx *c, const jy_step *s, const jy_item *o)
{
    return c->uses_solves ? o->nsolves : s->pains.n;
}

static const jy_item *solved(const ctx *c, const jy_step *s, const jy_item *o, uint32_t i)
{
    return c->uses_solves ? o->solves[i] : &s->pains.items[i];
}

static void report_opportunities(table *t, ctx *c)
{
    const jy_model *m = c->m;
    opp_rank *ranks = NULL;
    size_t n = 0, cap = 0;
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        for (uint32_t i = 0; i < s->opportunities.n; i++) {
            const jy_item *o = &s->opportunities.items[i];
            if (!item_in(c, s, o))
                continue;
            opp_rank r = { si, i, 0, level_value(o->impact), level_value(o->effort),
                           o->status == JY_STATUS_DONE || o->status == JY_STATUS_DROPPED, NULL, JY_LEVEL_NONE };
            uint32_t ns = solved_count(c, s, o);
            for (uint32_t k = 0; k < ns; k++)
                if (solved(c, s, o, k)->severity > r.severity)
                    r.severity = solved(c, s, o, k)->severity;
            bool big = r.impact >= 2, cheap = r.effort <= 2;
            r.priority = big ? (cheap ? 4 : 3) : (cheap ? 2 : 1);
            r.quadrant = big ? (cheap ? "quick-win" : "big-bet") : (cheap ? "fill-in" : "money-pit");
            r.priority += r.severity == JY_LEVEL_CRITICAL ? 2 : r.severity == JY_LEVEL_HIGH ? 1 : 0;
            VEC_PUSH(ranks, n, cap, r);
        }
    }
    if (n)
        qsort(ranks, n, sizeof *ranks, opp_cmp);
    jy_buf b = { 0 };
    for (size_t k = 0; k < n; k++) {
        const opp_rank *r = &ranks[k];
        const jy_step *s = &m->steps[r->si];
        const jy_item *o = &s->opportunities.items[r->i];
        cell_int(t, r->priority);
        cell_z(t, r->quadrant);
        step_cells(t, m, r->si, true);
        cell_str(t, o->id);
        cell_str(t, o->text);
        cell_z(t, level_word(o->impact));
        cell_z(t, level_word(o->effort));
        cell_z(t, status_word(o->status));
        if (o->owner >= 0)
            cell_str(t, team_name(m, (uint32_t)o->owner));
        else
            cell_empty(t);
        cell_personas(t, c, s, o, &b);
        cell_tags(t, &o->tags, &b);
        cells_links(t, c, s, o, solved_count(c, s, o), solved, &b);
        cell_z(t, level_word(r->severity));
        row_end(t);
    }
    jy_buf_free(&b);
    free(ranks);
}

/* ---- touchpoints --------------------------------------------------------- */

static const column touchpoints_cols[] = {
    { "channel_id", COL_TEXT },  { "channel", COL_TEXT },     { "kind", COL_TEXT },
    { "touchpoints", COL_TEXT }, { "step_count", COL_NUMBER }, { "steps", COL_TEXT },
    { "owners", COL_TEXT },      { "mean_emotion", COL_NUMBER }, { "moment_count", COL_NUMBER },
    { "tags", COL_TEXT },
};

/* One row of the inventory: a declared channel, or one free text. */
typedef struct {
    uint32_t *steps;
    size_t nsteps, cap;
    uint32_t last;             /* last step added + 1 */
    jy_str *texts;
    size_t ntexts, tcap;
    jy_map seen;               /* texts already listed */
} tp_group;

static void group_add(tp_group *g, uint32_t si, jy_str text)
{
    if (g->last != si + 1) {
        g->last = si + 1;
        VEC_PUSH(g->steps, g->nsteps, g->cap, si);
    }
    if (text.n && !jy_map_put(&g->seen, text, (void *)1))
        VEC_PUSH(g->texts, g->ntexts, g->tcap, text);
}

static void group_row(table *t, ctx *c, const tp_group *g, const jy_channel *ch, jy_str free_text, uint32_t mark)
{
    const jy_model *m = c->m;
    jy_buf b = { 0 };
    unsigned n = 0;
    cell_str(t, ch ? ch->id : jy_str_make("", 0));
    cell_str(t, ch ? jy_display_name(ch->title, ch->id) : jy_str_make("", 0));
    cell_str(t, ch ? ch->kind : jy_str_make("", 0));
    if (ch) {
        for (size_t i = 0; i < g->ntexts; i++)
            list_add(&b, &n, "\n", g->texts[i]);
        cell_buf(t, &b);
    } else {
        cell_str(t, free_text);
    }
    cell_int(t, (long)g->nsteps);
    b.len = 0;
    n = 0;
    for (size_t i = 0; i < g->nsteps; i++)
        list_add(&b, &n, "; ", m->steps[g->steps[i]].title);
    cell_buf(t, &b);
    b.len = 0;
    n = 0;
    double sum = 0;
    unsigned count = 0;
    for (size_t i = 0; i < g->nsteps; i++) {
        const jy_step *s = &m->steps[g->steps[i]];
        owner_list(m, s, &b, &n, c->team_stamp, mark);
        uint32_t nv = ctx_views(c, s);
        for (uint32_t k = 0; k < nv; k++)
            if (c->views[k].has) {
                sum += c->views[k].score;
                count++;
            }
    }
    cell_buf(t, &b);
    cell_mean(t, sum, count);
    /* Moments of truth among those steps, and their tags, each once. */
    uint32_t moments = 0;
    b.len = 0;
    n = 0;
    jy_map seen;
    jy_map_init(&seen);
    for (size_t i = 0; i < g->nsteps; i++) {
        const jy_step *s = &m->steps[g->steps[i]];
        moments += s->has_moment;
        for (uint32_t k = 0; k < s->tags.n; k++)
            if (!jy_map_put(&seen, s->tags.items[k].text, (void *)1))
                list_add(&b, &n, "; ", s->tags.items[k].text);
    }
    jy_map_free(&seen);
    cell_int(t, (long)moments);
    cell_buf(t, &b);
    row_end(t);
    jy_buf_free(&b);
}

static void group_free(tp_group *g)
{
    free(g->steps);
    free(g->texts);
    jy_map_free(&g->seen);
}

static void report_touchpoints(table *t, ctx *c)
{
    const jy_model *m = c->m;
    tp_group *chans = jy_xcalloc(m->nchannels + 1, sizeof *chans);
    tp_group *free_groups = NULL;
    jy_str *free_texts = NULL;
    size_t nfree = 0, fcap = 0, tcap = 0, ntexts = 0;
    jy_map free_index;                 /* text -> index in free_groups + 1 */
    jy_map_init(&free_index);
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        for (uint32_t i = 0; i < s->ntouchpoints; i++) {
            const jy_touchpoint *tp = &s->touchpoints[i];
            if (tp->channel >= 0) {
                group_add(&chans[tp->channel], si, tp->text);
                continue;
            }
            uintptr_t at = (uintptr_t)jy_map_get(&free_index, tp->text);
            if (!at) {
                tp_group g = { 0 };
                VEC_PUSH(free_groups, nfree, fcap, g);
                VEC_PUSH(free_texts, ntexts, tcap, tp->text);
                at = nfree;
                jy_map_put(&free_index, tp->text, (void *)at);
            }
            group_add(&free_groups[at - 1], si, jy_str_make("", 0));
        }
    }
    /* Stamps for owners: one mark per row, above every step mark. */
    memset(c->team_stamp, 0, (m->nteams + 1) * sizeof *c->team_stamp);
    uint32_t mark = 0;
    for (uint32_t i = 0; i < m->nchannels; i++)
        if (chans[i].nsteps)
            group_row(t, c, &chans[i], &m->channels[i], jy_str_make("", 0), ++mark);
    for (size_t i = 0; i < nfree; i++)
        group_row(t, c, &free_groups[i], NULL, free_texts[i], ++mark);
    for (uint32_t i = 0; i < m->nchannels; i++)
        group_free(&chans[i]);
    for (size_t i = 0; i < nfree; i++)
        group_free(&free_groups[i]);
    free(chans);
    free(free_groups);
    free(free_texts);
    jy_map_free(&free_index);
}

/* ---- personas ------------------------------------------------------------ */

static const column personas_cols[] = {
    { "persona_id", COL_TEXT },        { "persona_name", COL_TEXT },      { "step_count", COL_NUMBER },
    { "emotion_count", COL_NUMBER },   { "mean_emotion", COL_NUMBER },    { "lowest_emotion", COL_NUMBER },
    { "highest_emotion", COL_NUMBER }, { "lowest_step_no", COL_NUMBER },  { "lowest_stage_id", COL_TEXT },
    { "lowest_stage_title", COL_TEXT }, { "lowest_step_id", COL_TEXT },   { "lowest_step_title", COL_TEXT },
    { "lowest_label", COL_TEXT },      { "moment_count", COL_NUMBER },
};

/* Everything the personas and summary reports need about one persona's
 * arc through the journey, gathered in one pass over the steps (linear in
 * the number of feelings, whatever the number of personas). */
typedef struct {
    uint32_t si, from;         /* the step; for a drop, the step before */
    int score, prev;
    jy_str label;
} moment;

typedef struct {
    uint32_t nsteps, n;        /* steps that concern it, emotions given */
    uint32_t moments;          /* moments of truth among those steps */
    double sum;
    int lo, hi;
    moment *low;               /* every step at lo, in map order */
    size_t nlow, lowcap;
    bool have_prev;
    moment last;               /* the previous step with an emotion */
    int fall;                  /* the largest fall so far (0: none) */
    moment *drops;             /* every fall of that size, in map order */
    size_t ndrops, dropcap;
} arc;

/* One arc per persona, or a single one (slot 0, persona -1) for a journey
 * without personas.  Free with arcs_free. */
static arc *arcs_walk(ctx *c, uint32_t *narcs)
{
    const jy_model *m = c->m;
    *narcs = m->npersonas ? m->npersonas : 1;
    arc *arcs = jy_xcalloc(*narcs, sizeof *arcs);
    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (!step_in(c, si))
            continue;
        uint32_t nv = ctx_views(c, &m->steps[si]);
        for (uint32_t k = 0; k < nv; k++) {
            const jy_feel_view *v = &c->views[k];
            if (v->persona < 0 && m->npersonas)
                continue;      /* cannot happen: a step concerns someone */
            arc *a = &arcs[v->persona < 0 ? 0 : v->persona];
            a->nsteps++;
            a->moments += m->steps[si].has_moment;
            if (!v->has)
                continue;
            moment here = { si, si, v->score, v->score, v->label };
            if (!a->n || v->score < a->lo) {
                a->lo = v->score;
                a->nlow = 0;
            }
            if (v->score == a->lo)
                VEC_PUSH(a->low, a->nlow, a->lowcap, here);
            if (!a->n || v->score > a->hi)
                a->hi = v->score;
            a->sum += v->score;
            a->n++;
            if (a->have_prev) {
                int fall = a->last.score - v->score;
                if (fall > a->fall) {
                    a->fall = fall;
                    a->ndrops = 0;
                }
                if (fall > 0 && fall == a->fall) {
                    here.from = a->last.si;
                    here.prev = a->last.score;
                    VEC_PUSH(a->drops, a->ndrops, a->dropcap, here);
                }
            }
            a->have_prev = true;
            a->last = here;
        }
    }
    return arcs;
}

static void arcs_free(arc *arcs, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        free(arcs[i].low);
        free(arcs[i].drops);
    }
    free(arcs);
}

/* The persona an arc belongs to: -1 for the single arc of a journey
 * without personas. */
static int32_t arc_persona(const jy_model *m, uint32_t i)
{
    return m->npersonas ? (int32_t)i : -1;
}

static void report_personas(table *t, ctx *c)
{
    const jy_model *m = c->m;
    uint32_t narcs;
    arc *arcs = arcs_walk(c, &narcs);
    for (uint32_t i = 0; i < narcs; i++) {
        const arc *a = &arcs[i];
        int32_t p = arc_persona(m, i);
        if (p < 0 && !m->nsteps)
            break;             /* no persona and no step: no row */
        if (c->persona >= 0 && p != c->persona)
            continue;
        cell_str(t, persona_id(m, p));
        cell_str(t, persona_name(m, p));
        cell_int(t, (long)a->nsteps);
        cell_int(t, (long)a->n);
        cell_mean(t, a->sum, a->n);
        if (a->n) {
            const moment *low = &a->low[0];
            const jy_step *s = &m->steps[low->si];
            cell_int(t, a->lo);
            cell_int(t, a->hi);
            cell_int(t, (long)low->si + 1);
            cell_str(t, m->stages[s->stage].id);
            cell_str(t, m->stages[s->stage].title);
            cell_str(t, s->id);
            cell_str(t, s->title);
            cell_str(t, low->label);
        } else {
            for (int k = 0; k < 8; k++)
                cell_empty(t);
        }
        cell_int(t, (long)a->moments);
        row_end(t);
    }
    arcs_free(arcs, narcs);
}

/* ---- metrics ------------------------------------------------------------- */

static const column metrics_cols[] = {
    { "step_no", COL_NUMBER },  { "stage_id", COL_TEXT },    { "stage_title", COL_TEXT },
    { "step_id", COL_TEXT },    { "step_title", COL_TEXT },  { "kpi_id", COL_TEXT },
    { "kpi_title", COL_TEXT },  { "value", COL_NUMBER },     { "as_written", COL_WRITTEN },
    { "unit", COL_TEXT },       { "target", COL_NUMBER },    { "direction", COL_TEXT },
    { "met", COL_BOOL },        { "moment_of_truth", COL_BOOL }, { "tags", COL_TEXT },
};

static const char *direction_name(jy_better b)
{
    return b == JY_BETTER_HIGHER ? "higher" : b == JY_BETTER_LOWER ? "lower" : "";
}

static void report_metrics(table *t, ctx *c)
{
    const jy_model *m = c->m;
    jy_buf b = { 0 };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        for (uint32_t i = 0; i < s->nmetrics; i++) {
            const jy_metric *mt = &s->metrics[i];
            const jy_kpi *k = &m->kpis[mt->kpi];
            step_cells(t, m, si, true);
            cell_str(t, k->id);
            cell_str(t, k->title);
            cell_num(t, mt->value);
            cell_str(t, mt->spelling);
            cell_str(t, k->unit);
            if (k->has_target)
                cell_num(t, k->target);
            else
                cell_empty(t);
            cell_z(t, direction_name(k->better));
            int met = jy_metric_met(m, mt);
            if (met < 0)
                cell_empty(t);
            else
                cell_bool(t, met);
            cell_bool(t, s->has_moment);
            cell_tags(t, &s->tags, &b);
            row_end(t);
        }
    }
    jy_buf_free(&b);
}

/* ---- summary ------------------------------------------------------------- */

static const column summary_cols[] = {
    { "section", COL_TEXT },     { "stage_id", COL_TEXT },     { "stage_title", COL_TEXT },
    { "step_no", COL_NUMBER },   { "step_id", COL_TEXT },      { "step_title", COL_TEXT },
    { "persona_id", COL_TEXT },  { "persona_name", COL_TEXT }, { "kpi_id", COL_TEXT },
    { "value", COL_NUMBER },     { "target", COL_NUMBER },     { "detail", COL_TEXT },
    { "date", COL_DATE },
};

/* The columns from section to persona_name; si < 0 leaves the step empty. */
static void summary_head(table *t, const jy_model *m, const char *section, int64_t si, uint32_t stage, int32_t p)
{
    cell_z(t, section);
    const jy_stage *g = &m->stages[si >= 0 ? m->steps[si].stage : stage];
    cell_str(t, g->id);
    cell_str(t, g->title);
    if (si >= 0) {
        cell_int(t, (long)si + 1);
        cell_str(t, m->steps[si].id);
        cell_str(t, m->steps[si].title);
    } else {
        cell_empty(t);
        cell_empty(t);
        cell_empty(t);
    }
    cell_str(t, persona_id(m, p));
    cell_str(t, persona_name(m, p));
}

/* The section of a finding about the whole journey: no stage, step or
 * persona. */
static void summary_plain(table *t, const char *section)
{
    cell_z(t, section);
    for (int i = 0; i < 7; i++)
        cell_empty(t);
}

/* Days since the next review was due: 0 when it is not yet due or none
 * is set. */
static long overdue_days(const jy_model *m, int32_t today)
{
    return m->next_review.set && today > m->next_review.days ? (long)today - m->next_review.days : 0;
}

/* Lowest moments: for each persona, every step at its lowest score. */
static void summary_lowest(table *t, const jy_model *m, const arc *a, int32_t p)
{
    for (size_t i = 0; i < a->nlow; i++) {
        summary_head(t, m, "lowest-moment", a->low[i].si, 0, p);
        cell_empty(t);
        cell_int(t, a->low[i].score);
        cell_empty(t);
        cell_str(t, a->low[i].label);
        row_end(t);
    }
}

/* Biggest drops: along each persona's own steps (those that give it an
 * emotion), the falls from one to the next as large as its largest. */
static void summary_drops(table *t, const jy_model *m, const arc *a, int32_t p, jy_buf *b)
{
    for (size_t i = 0; i < a->ndrops; i++) {
        const moment *d = &a->drops[i];
        summary_head(t, m, "biggest-drop", d->si, 0, p);
        cell_empty(t);
        cell_int(t, d->prev - d->score);
        cell_empty(t);
        b->len = 0;
        jy_buf_printf(b, "from %d at step %u (", d->prev, d->from + 1);
        jy_buf_addstr(b, m->steps[d->from].title);
        jy_buf_printf(b, ") to %d", d->score);
        if (d->label.n) {
            jy_buf_adds(b, " (");
            jy_buf_addstr(b, d->label);
            jy_buf_addc(b, ')');
        }
        cell_buf(t, b);
        row_end(t);
    }
}

/* "Drop-off: 41% (target 20%, lower is better)" */
static void missed_detail(const jy_model *m, const jy_metric *mt, jy_buf *b)
{
    const jy_kpi *k = &m->kpis[mt->kpi];
    char num[32];
    jy_buf_addstr(b, jy_display_name(k->title, k->id));
    jy_buf_adds(b, ": ");
    jy_append_metric_value(b, m, mt);
    jy_buf_printf(b, " (target %s", jy_format_number(num, k->target));
    jy_append_unit(b, k->unit);
    jy_buf_printf(b, ", %s is better)", direction_name(k->better));
}

static void report_summary(table *t, ctx *c)
{
    const jy_model *m = c->m;
    jy_buf b = { 0 };
    uint32_t narcs;
    arc *arcs = arcs_walk(c, &narcs);
    for (uint32_t i = 0; i < narcs; i++)
        summary_lowest(t, m, &arcs[i], arc_persona(m, i));
    for (uint32_t i = 0; i < narcs; i++)
        summary_drops(t, m, &arcs[i], arc_persona(m, i), &b);
    arcs_free(arcs, narcs);

    for (uint32_t gi = 0; gi < m->nstages; gi++) {
        const jy_stage *g = &m->stages[gi];
        uint32_t pains = 0;
        for (uint32_t si = g->first_step; si < g->first_step + g->nsteps; si++)
            if (step_in(c, si))
                pains += items_in(c, &m->steps[si], &m->steps[si].pains);
        summary_head(t, m, "stage-pains", -1, gi, -1);
        cell_empty(t);
        cell_int(t, (long)pains);
        row_end(t);
    }

    /* Pains no opportunity solves (by the report's rule: `solves`, or in
     * a map without any, the step's opportunities); then those of them
     * that are high or critical. */
    for (int severe = 0; severe < 2; severe++)
        for (uint32_t si = 0; si < m->nsteps; si++) {
            const jy_step *s = &m->steps[si];
            if (!step_in(c, si))
                continue;
            for (uint32_t i = 0; i < s->pains.n; i++) {
                const jy_item *p = &s->pains.items[i];
                if (!item_in(c, s, p) || solver_count(c, s, p) || (severe && p->severity < JY_LEVEL_HIGH))
                    continue;
                summary_head(t, m, severe ? "unsolved-severe-pain" : "unaddressed-pain", si, 0, -1);
                cell_empty(t);
                cell_empty(t);
                cell_empty(t);
                b.len = 0;
                if (severe)
                    jy_buf_printf(&b, "%s: ", level_word(p->severity));
                item_label(&b, p);
                cell_buf(t, &b);
                row_end(t);
            }
        }

    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        for (uint32_t i = 0; i < s->nmetrics; i++) {
            const jy_metric *mt = &s->metrics[i];
            if (jy_metric_met(m, mt) != 0)
                continue;
            const jy_kpi *k = &m->kpis[mt->kpi];
            summary_head(t, m, "kpi-missed", si, 0, -1);
            cell_str(t, k->id);
            cell_num(t, mt->value);
            cell_num(t, k->target);
            b.len = 0;
            missed_detail(m, mt, &b);
            cell_buf(t, &b);
            row_end(t);
        }
    }

    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (m->steps[si].nevidence || !step_in(c, si))
            continue;
        summary_head(t, m, "no-evidence", si, 0, -1);
        row_end(t);
    }

    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!s->has_moment || !step_in(c, si))
            continue;
        uint32_t nv = ctx_views(c, s);
        for (uint32_t k = 0; k < nv; k++) {
            summary_head(t, m, "moment-of-truth", si, 0, c->views[k].persona);
            cell_empty(t);
            if (c->views[k].has)
                cell_int(t, c->views[k].score);
            else
                cell_empty(t);
            cell_empty(t);
            cell_str(t, s->moment);
            row_end(t);
        }
    }

    /* Opportunities by status, in the order work goes; "none" for those
     * without a status. */
    uint32_t status[JY_STATUS_DROPPED + 1] = { 0 };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!step_in(c, si))
            continue;
        for (uint32_t i = 0; i < s->opportunities.n; i++)
            if (item_in(c, s, &s->opportunities.items[i]))
                status[s->opportunities.items[i].status <= JY_STATUS_DROPPED ? s->opportunities.items[i].status : 0]++;
    }
    for (int st = JY_STATUS_IDEA; st <= JY_STATUS_DROPPED + 1; st++) {
        int which = st > JY_STATUS_DROPPED ? JY_STATUS_NONE : st;
        if (!status[which])
            continue;
        summary_plain(t, "opportunities-by-status");
        cell_empty(t);
        cell_int(t, (long)status[which]);
        cell_empty(t);
        cell_z(t, which == JY_STATUS_NONE ? "none" : status_word((unsigned)which));
        row_end(t);
    }

    /* The journey's own facts: who owns it, when it was reviewed, when
     * the next review is due and how many days it is overdue. */
    if (m->owner >= 0) {
        summary_plain(t, "journey-owner");
        cell_empty(t);
        cell_empty(t);
        cell_empty(t);
        cell_str(t, team_name(m, (uint32_t)m->owner));
        row_end(t);
    }
    if (m->reviewed.set) {
        summary_plain(t, "reviewed");
        for (int i = 0; i < 4; i++)
            cell_empty(t);
        cell_date(t, &m->reviewed);
        row_end(t);
    }
    if (m->next_review.set) {
        long overdue = overdue_days(m, c->today);
        summary_plain(t, "next-review");
        cell_empty(t);
        cell_int(t, overdue);
        cell_empty(t);
        cell_z(t, overdue > 0 ? "overdue" : "");
        cell_date(t, &m->next_review);
        row_end(t);
    }
    jy_buf_free(&b);
}


/* ---- stages -------------------------------------------------------------- */

static const column stages_cols[] = {
    { "stage_no", COL_NUMBER },       { "stage_id", COL_TEXT },          { "stage_title", COL_TEXT },
    { "persona_id", COL_TEXT },       { "persona_name", COL_TEXT },      { "step_count", COL_NUMBER },
    { "emotion_count", COL_NUMBER },  { "mean_emotion", COL_NUMBER },    { "lowest_emotion", COL_NUMBER },
    { "highest_emotion", COL_NUMBER }, { "biggest_drop", COL_NUMBER },   { "drop_step_no", COL_NUMBER },
    { "drop_step_title", COL_TEXT },  { "pain_count", COL_NUMBER },      { "opportunity_count", COL_NUMBER },
    { "moment_count", COL_NUMBER },   { "kpi_missed", COL_NUMBER },      { "pains_critical", COL_NUMBER },
    { "pains_high", COL_NUMBER },     { "pains_medium", COL_NUMBER },    { "pains_low", COL_NUMBER },
    { "opportunities_idea", COL_NUMBER }, { "opportunities_planned", COL_NUMBER },
    { "opportunities_doing", COL_NUMBER }, { "opportunities_done", COL_NUMBER },
    { "opportunities_dropped", COL_NUMBER },
};

/* Counts of items by severity (pains) and status (opportunities). */
typedef struct {
    uint32_t severity[JY_LEVEL_CRITICAL + 1];
    uint32_t status[JY_STATUS_DROPPED + 1];
} item_counts;

/* Adds the pains and opportunities of step s that the filters keep and,
 * when p >= 0, that concern persona p; returns how many of each. */
static void count_items(const ctx *c, const jy_step *s, int32_t p, item_counts *k, uint32_t *pains, uint32_t *opps)
{
    for (uint32_t i = 0; i < s->pains.n; i++) {
        const jy_item *it = &s->pains.items[i];
        if (!item_in(c, s, it) || (p >= 0 && !jy_item_concerns(s, it, (uint32_t)p)))
            continue;
        k->severity[it->severity <= JY_LEVEL_CRITICAL ? it->severity : 0]++;
        (*pains)++;
    }
    for (uint32_t i = 0; i < s->opportunities.n; i++) {
        const jy_item *it = &s->opportunities.items[i];
        if (!item_in(c, s, it) || (p >= 0 && !jy_item_concerns(s, it, (uint32_t)p)))
            continue;
        k->status[it->status <= JY_STATUS_DROPPED ? it->status : 0]++;
        (*opps)++;
    }
}

static void cells_by_severity(table *t, const item_counts *k)
{
    for (int l = JY_LEVEL_CRITICAL; l >= JY_LEVEL_LOW; l--)
        cell_int(t, (long)k->severity[l]);
}

static void cells_by_status(table *t, const uint32_t *status)
{
    for (int st = JY_STATUS_IDEA; st <= JY_STATUS_DROPPED; st++)
        cell_int(t, (long)status[st]);
}

/* One persona's part of one stage. */
typedef struct {
    item_counts items;
    uint32_t nsteps, n, pains, opps, moments, missed;
    double sum;
    int lo, hi, last, fall;
    uint32_t fall_si;          /* the step after the biggest fall */
    bool fell;
} stage_part;

static uint32_t missed_metrics(const jy_model *m, const jy_step *s)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < s->nmetrics; i++)
        n += jy_metric_met(m, &s->metrics[i]) == 0;
    return n;
}

static void report_stages(table *t, ctx *c)
{
    const jy_model *m = c->m;
    uint32_t nparts = m->npersonas ? m->npersonas : 1;
    stage_part *parts = jy_xcalloc(nparts, sizeof *parts);
    for (uint32_t gi = 0; gi < m->nstages; gi++) {
        const jy_stage *g = &m->stages[gi];
        memset(parts, 0, nparts * sizeof *parts);
        for (uint32_t si = g->first_step; si < g->first_step + g->nsteps; si++) {
            if (!step_in(c, si))
                continue;
            const jy_step *s = &m->steps[si];
            uint32_t missed = missed_metrics(m, s);
            uint32_t nv = ctx_views(c, s);
            for (uint32_t k = 0; k < nv; k++) {
                const jy_feel_view *v = &c->views[k];
                stage_part *a = &parts[v->persona < 0 ? 0 : v->persona];
                a->nsteps++;
                count_items(c, s, v->persona, &a->items, &a->pains, &a->opps);
                a->moments += s->has_moment;
                a->missed += missed;
                if (!v->has)
                    continue;
                if (a->n && a->last - v->score > a->fall) {
                    a->fall = a->last - v->score;
                    a->fall_si = si;
                    a->fell = true;
                }
                if (!a->n || v->score < a->lo)
                    a->lo = v->score;
                if (!a->n || v->score > a->hi)
                    a->hi = v->score;
                a->sum += v->score;
                a->n++;
                a->last = v->score;
            }
        }
        for (uint32_t i = 0; i < nparts; i++) {
            int32_t p = arc_persona(m, i);
            if (c->persona >= 0 && p != c->persona)
                continue;
            const stage_part *a = &parts[i];
            cell_int(t, (long)gi + 1);
            cell_str(t, g->id);
            cell_str(t, g->title);
            cell_str(t, persona_id(m, p));
            cell_str(t, persona_name(m, p));
            cell_int(t, (long)a->nsteps);
            cell_int(t, (long)a->n);
            cell_mean(t, a->sum, a->n);
            if (a->n) {
                cell_int(t, a->lo);
                cell_int(t, a->hi);
            } else {
                cell_empty(t);
                cell_empty(t);
            }
            if (a->n >= 2)
                cell_int(t, a->fall);
            else
                cell_empty(t);
            if (a->fell) {
                cell_int(t, (long)a->fall_si + 1);
                cell_str(t, m->steps[a->fall_si].title);
            } else {
                cell_empty(t);
                cell_empty(t);
            }
            cell_int(t, (long)a->pains);
            cell_int(t, (long)a->opps);
            cell_int(t, (long)a->moments);
            cell_int(t, (long)a->missed);
            cells_by_severity(t, &a->items);
            cells_by_status(t, a->items.status);
            row_end(t);
        }
    }
    free(parts);
}

/* ---- owners -------------------------------------------------------------- */

static const column owners_cols[] = {
    { "team_id", COL_TEXT },          { "team", COL_TEXT },               { "journey_owner", COL_BOOL },
    { "step_count", COL_NUMBER },     { "steps", COL_TEXT },              { "pain_count", COL_NUMBER },
    { "opportunity_count", COL_NUMBER }, { "kpi_missed", COL_NUMBER },    { "mean_emotion", COL_NUMBER },
    { "pains_critical", COL_NUMBER }, { "pains_high", COL_NUMBER },       { "pains_medium", COL_NUMBER },
    { "pains_low", COL_NUMBER },      { "blueprint_count", COL_NUMBER },  { "blueprint", COL_TEXT },
    { "owned_opportunities", COL_NUMBER }, { "owned_idea", COL_NUMBER },  { "owned_planned", COL_NUMBER },
    { "owned_doing", COL_NUMBER },    { "owned_done", COL_NUMBER },       { "owned_dropped", COL_NUMBER },
};

typedef struct {
    item_counts items;         /* pains at its steps by severity */
    uint32_t owned[JY_STATUS_DROPPED + 1];   /* opportunities it owns, by status */
    uint32_t nsteps, pains, opps, missed, n, nblueprint, nowned;
    double sum;
    jy_buf steps, blueprint;
    unsigned nlisted, nbp;
} team_part;

static const char *const lane_words[3] = { "frontstage", "backstage", "support" };

static void report_owners(table *t, ctx *c)
{
    const jy_model *m = c->m;
    team_part *parts = jy_xcalloc(m->nteams + 1, sizeof *parts);
    memset(c->team_stamp, 0, (m->nteams + 1) * sizeof *c->team_stamp);
    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (!step_in(c, si))
            continue;
        const jy_step *s = &m->steps[si];
        uint32_t missed = missed_metrics(m, s);
        uint32_t nv = ctx_views(c, s);
        for (uint32_t i = 0; i < s->nowners; i++) {
            uint32_t tm = s->owners[i];
            if (c->team_stamp[tm] == si + 1)
                continue;
            c->team_stamp[tm] = si + 1;
            team_part *a = &parts[tm];
            a->nsteps++;
            list_add(&a->steps, &a->nlisted, "; ", s->title);
            count_items(c, s, -1, &a->items, &a->pains, &a->opps);
            a->missed += missed;
            for (uint32_t k = 0; k < nv; k++)
                if (c->views[k].has) {
                    a->sum += c->views[k].score;
                    a->n++;
                }
        }
    }
    /* What each team owns itself: blueprint actions and opportunities, at
     * any step the filters keep, whoever owns the step. */
    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (!step_in(c, si))
            continue;
        const jy_step *s = &m->steps[si];
        const jy_items *lanes[3] = { &s->frontstage, &s->backstage, &s->support };
        for (int l = 0; l < 3; l++)
            for (uint32_t i = 0; i < lanes[l]->n; i++) {
                const jy_item *it = &lanes[l]->items[i];
                if (it->owner < 0 || !item_in(c, s, it))
                    continue;
                team_part *a = &parts[it->owner];
                a->nblueprint++;
                if (a->nbp++)
                    jy_buf_addc(&a->blueprint, '\n');
                jy_buf_printf(&a->blueprint, "%s at ", lane_words[l]);
                jy_buf_addstr(&a->blueprint, s->title);
                jy_buf_adds(&a->blueprint, ": ");
                jy_buf_addstr(&a->blueprint, it->text);
            }
        for (uint32_t i = 0; i < s->opportunities.n; i++) {
            const jy_item *it = &s->opportunities.items[i];
            if (it->owner < 0 || !item_in(c, s, it))
                continue;
            parts[it->owner].nowned++;
            parts[it->owner].owned[it->status <= JY_STATUS_DROPPED ? it->status : 0]++;
        }
    }
    for (uint32_t i = 0; i < m->nteams; i++) {
        team_part *a = &parts[i];
        cell_str(t, m->teams[i].id);
        cell_str(t, team_name(m, i));
        cell_bool(t, m->owner == (int32_t)i);
        cell_int(t, (long)a->nsteps);
        cell_buf(t, &a->steps);
        cell_int(t, (long)a->pains);
        cell_int(t, (long)a->opps);
        cell_int(t, (long)a->missed);
        cell_mean(t, a->sum, a->n);
        cells_by_severity(t, &a->items);
        cell_int(t, (long)a->nblueprint);
        cell_buf(t, &a->blueprint);
        cell_int(t, (long)a->nowned);
        cells_by_status(t, a->owned);
        row_end(t);
        jy_buf_free(&a->steps);
        jy_buf_free(&a->blueprint);
    }
    free(parts);
}

/* ---- step-owners: the normalised shape of the steps' owners --------------- */

static const column step_owners_cols[] = {
    { "step_no", COL_NUMBER }, { "stage_id", COL_TEXT }, { "stage_title", COL_TEXT }, { "step_id", COL_TEXT },
    { "step_title", COL_TEXT }, { "team_id", COL_TEXT },  { "team", COL_TEXT },
};

static void report_step_owners(table *t, ctx *c)
{
    const jy_model *m = c->m;
    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (!step_in(c, si))
            continue;
        const jy_step *s = &m->steps[si];
        unsigned rows = 0;
        for (uint32_t i = 0; i < s->nowners; i++) {
            uint32_t tm = s->owners[i];
            if (c->team_stamp[tm] == si + 1)
                continue;
            c->team_stamp[tm] = si + 1;
            step_cells(t, m, si, true);
            cell_str(t, m->teams[tm].id);
            cell_str(t, team_name(m, tm));
            row_end(t);
            rows++;
        }
        if (!rows) {           /* an unowned step: one row, no team */
            step_cells(t, m, si, true);
            row_end(t);
        }
    }
}

/* ---- a portfolio's ranking ------------------------------------------------ */

/* What the summary ranks several journeys by. */
typedef struct {
    size_t map;
    double mean;
    unsigned n;                /* emotions: no mean without any */
    long severe, missed, overdue;
    double key;                /* the measure of the ranking being sorted */
} journey_stats;

static void journey_measure(ctx *c, journey_stats *st)
{
    const jy_model *m = c->m;
    for (uint32_t si = 0; si < m->nsteps; si++) {
        if (!step_in(c, si))
            continue;
        const jy_step *s = &m->steps[si];
        uint32_t nv = ctx_views(c, s);
        for (uint32_t k = 0; k < nv; k++)
            if (c->views[k].has) {
                st->mean += c->views[k].score;
                st->n++;
            }
        st->missed += missed_metrics(m, s);
        for (uint32_t i = 0; i < s->pains.n; i++) {
            const jy_item *p = &s->pains.items[i];
            st->severe += item_in(c, s, p) && p->severity >= JY_LEVEL_HIGH && !solver_count(c, s, p);
        }
    }
    if (st->n)
        st->mean /= st->n;
    st->overdue = overdue_days(m, c->today);
}

typedef enum { RANK_EMOTION, RANK_SEVERE, RANK_MISSED, RANK_OVERDUE, NRANKS } rank_by;
static const char *const rank_sections[NRANKS] = { "rank-emotion", "rank-severe-pains", "rank-kpis-missed",
                                                   "rank-overdue-review" };

/* Where to look first comes first: the lowest mean emotion (a journey
 * without emotions last), the most severe unsolved pains, the most kpis
 * missed, the longest overdue review; ties in the order the maps came. */
static double rank_key(const journey_stats *s, rank_by r)
{
    switch (r) {
    case RANK_EMOTION:
        return s->n ? s->mean : HUGE_VAL;
    case RANK_SEVERE:
        return -(double)s->severe;
    case RANK_MISSED:
        return -(double)s->missed;
    default:
        return -(double)s->overdue;
    }
}

static int rank_cmp(const void *pa, const void *pb)
{
    const journey_stats *a = pa, *b = pb;
    int r = (a->key > b->key) - (a->key < b->key);
    return r ? r : (a->map > b->map) - (a->map < b->map);
}

static void report_ranks(table *t, const jy_report_map *maps, size_t n, const report_options *o)
{
    journey_stats *st = jy_xcalloc(n, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        ctx c;
        ctx_init(&c, maps[i].model, o);
        st[i].map = i;
        journey_measure(&c, &st[i]);
        ctx_free(&c);
    }
    char detail[64];
    for (int r = 0; r < NRANKS; r++) {
        for (size_t i = 0; i < n; i++)
            st[i].key = rank_key(&st[i], (rank_by)r);
        qsort(st, n, sizeof *st, rank_cmp);
        for (size_t i = 0; i < n; i++) {
            const jy_model *m = maps[st[i].map].model;
            t->journey_title = jy_display_name(m->title, jy_str_make(maps[st[i].map].path, strlen(maps[st[i].map].path)));
            t->journey_path = jy_str_make(maps[st[i].map].path, strlen(maps[st[i].map].path));
            summary_plain(t, rank_sections[r]);
            cell_empty(t);
            if (r == RANK_EMOTION) {
                if (st[i].n)
                    cell_mean(t, st[i].mean, 1);
                else
                    cell_empty(t);
            } else {
                cell_int(t, r == RANK_SEVERE ? st[i].severe : r == RANK_MISSED ? st[i].missed : st[i].overdue);
            }
            cell_empty(t);
            snprintf(detail, sizeof detail, "%zu of %zu", i + 1, n);
            cell_z(t, detail);
            row_end(t);
        }
    }
    free(st);
}

/* ---- entry --------------------------------------------------------------- */

static const struct {
    const column *cols;
    unsigned ncols;
    void (*write)(table *t, ctx *c);
} kinds[REPORT_NKINDS] = {
    [REPORT_STEPS] = { steps_cols, NCOLS(steps_cols), report_steps },
    [REPORT_PAINS] = { pains_cols, NCOLS(pains_cols), report_pains },
    [REPORT_OPPORTUNITIES] = { opportunities_cols, NCOLS(opportunities_cols), report_opportunities },
    [REPORT_TOUCHPOINTS] = { touchpoints_cols, NCOLS(touchpoints_cols), report_touchpoints },
    [REPORT_PERSONAS] = { personas_cols, NCOLS(personas_cols), report_personas },
    [REPORT_METRICS] = { metrics_cols, NCOLS(metrics_cols), report_metrics },
    [REPORT_SUMMARY] = { summary_cols, NCOLS(summary_cols), report_summary },
    [REPORT_STAGES] = { stages_cols, NCOLS(stages_cols), report_stages },
    [REPORT_OWNERS] = { owners_cols, NCOLS(owners_cols), report_owners },
    [REPORT_STEP_OWNERS] = { step_owners_cols, NCOLS(step_owners_cols), report_step_owners },
};

static const char *const alert_sections[] = { "kpi-missed", "unsolved-severe-pain", NULL };
static const char *const alert_severities[] = { "high", "critical", NULL };

/* The rows a workbook highlights: missed kpis, high and critical pains,
 * and the summary's findings about them. */
static void set_highlight(rtable *t)
{
    const char *col = NULL;
    const char *const *texts = NULL;
    if (t->kind == REPORT_METRICS)
        col = "met";
    else if (t->kind == REPORT_SUMMARY)
        col = "section", texts = alert_sections;
    else if (t->kind == REPORT_PAINS)
        col = "severity", texts = alert_severities;
    if (!col)
        return;
    for (unsigned i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, col) == 0) {
            t->hl.col = (int)i;
            t->hl.when_false = texts == NULL;
            t->hl.texts = texts;
        }
}

static void build(rtable *t, report_kind k, const jy_report_map *maps, size_t n, const report_options *o)
{
    bool jcols = o->portfolio || n > 1;
    jy_report_table_init(t, k, kinds[k].cols, kinds[k].ncols, jcols);
    set_highlight(t);
    if (k == REPORT_SUMMARY && n > 1)
        report_ranks(t, maps, n, o);
    for (size_t i = 0; i < n; i++) {
        const jy_model *m = maps[i].model;
        jy_str path = jy_str_make(maps[i].path ? maps[i].path : "", maps[i].path ? strlen(maps[i].path) : 0);
        t->journey_title = jy_display_name(m->title, path);
        t->journey_path = path;
        ctx c;
        ctx_init(&c, m, o);
        kinds[k].write(t, &c);
        ctx_free(&c);
    }
}

int jy_report_write_maps(FILE *out, const jy_report_map *maps, size_t n, const report_options *opts,
                         jy_report_error *err)
{
    jy_report_error local;
    if (!err)
        err = &local;
    err->message[0] = '\0';
    if (opts->format == REPORT_XLSX) {
        rtable tables[REPORT_NKINDS];
        rtable *list[REPORT_NKINDS];
        size_t nt = 0;
        for (unsigned k = 0; k < REPORT_NKINDS; k++) {
            if (!opts->all && k != (unsigned)opts->kind)
                continue;
            build(&tables[nt], (report_kind)k, maps, n, opts);
            list[nt] = &tables[nt];
            nt++;
        }
        int rc = jy_report_xlsx_write(out, list, nt, maps, n, opts, err);
        for (size_t i = 0; i < nt; i++)
            jy_report_table_free(&tables[i]);
        return rc;
    }
    if (opts->all || (unsigned)opts->kind >= REPORT_NKINDS) {
        snprintf(err->message, sizeof err->message, "a table holds one kind: every kind needs a workbook");
        return -2;
    }
    rtable t;
    build(&t, opts->kind, maps, n, opts);
    int rc = jy_report_table_write(out, &t, opts);
    jy_report_table_free(&t);
    return rc;
}

int jy_report_write(FILE *out, const jy_model *m, const report_options *opts)
{
    jy_report_map map = { m, "" };
    return jy_report_write_maps(out, &map, 1, opts, NULL);
}
