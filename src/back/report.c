/* report.c - tables about the checked model: CSV, TSV or Markdown.
 *
 * Design notes
 * - One table writer serves every report and every format.  A report
 *   declares its columns (a name and a type), then writes rows cell by
 *   cell; the writer encodes each cell for the format (journey/emit.h:
 *   the one CSV, TSV and Markdown encoding of the project) into a sink
 *   that goes to the stream in 64 KiB pieces (a report can outweigh its
 *   map).  CSV follows RFC 4180 with LF line ends; TSV the IANA type (no
 *   quoting: a tab, line break or backslash in a field is \t, \n, \\);
 *   Markdown is a GitHub-flavoured table.
 * - Cell types: text, number, boolean, and "number as written" (a metric's
 *   spelling, "34%", which the scanner has already validated).  Only text
 *   cells get the spreadsheet guard: one that begins with = + - @, a tab or
 *   a carriage return is prefixed with ' unless --raw.  Numbers are printed
 *   in the C locale: integers as integers, means with 2 decimals, other
 *   values with up to 15 significant digits.
 * - Emotions are read through the model's one view, jy_feel_view: one entry per persona a
 *   step concerns, or the step's own emotion (its "mood") when the journey
 *   declares no persona, so every report handles both kinds of map alike.
 *   The personas and summary reports gather each persona's arc (counts,
 *   lowest moments, biggest drops) in one pass over those views, so their
 *   cost is linear in the feelings whatever the number of personas.
 * - Choices where the issue is silent (docs/reports.md, "Choices"): a step
 *   without an emotion gives an empty cell, never 0, and stays out of
 *   means and drops; ties are all listed in the summary; a library file is
 *   refused by the command, not reported as an empty journey.
 * - Lists inside one cell: names (ids, titles) are joined by "; ", texts
 *   of statements (touchpoint texts, pains, opportunities) by a line break.
 * - Every row comes in map order (declarations, then stages and steps as
 *   written); nothing depends on hash order, time or locale.
 */
#include "journey/report.h"
#include "journey/emit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- names --------------------------------------------------------------- */

static const char *const kind_names[REPORT_NKINDS] = { "steps", "pains", "touchpoints",
                                                      "personas", "metrics", "summary" };

const char *jy_report_kind_name(report_kind kind)
{
    return (unsigned)kind < REPORT_NKINDS ? kind_names[kind] : NULL;
}

bool jy_report_kind_parse(const char *name, report_kind *out)
{
    for (unsigned k = 0; k < REPORT_NKINDS; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (report_kind)k;
            return true;
        }
    return false;
}

bool jy_report_format_parse(const char *name, report_format *out)
{
    if (strcmp(name, "csv") == 0)
        *out = REPORT_CSV;
    else if (strcmp(name, "tsv") == 0)
        *out = REPORT_TSV;
    else if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
        *out = REPORT_MARKDOWN;
    else
        return false;
    return true;
}

/* ---- the table writer ---------------------------------------------------- */

typedef enum {
    COL_TEXT,                  /* free text: escaped and guarded */
    COL_NUMBER,                /* a number we print */
    COL_WRITTEN,               /* a number as the map writes it ("34%") */
    COL_BOOL                   /* true / false */
} col_type;

typedef struct {
    const char *name;
    col_type type;
} column;

/* Rows are built in the sink's buffer and handed to the stream in pieces
 * of 64 KiB or more: a report can be several times the size of its map. */
typedef struct {
    jy_sink k;
    const report_options *o;
    const column *cols;
    unsigned ncols, col;
    jy_buf scratch;            /* one cell */
} table;

static bool needs_guard(const char *s, size_t n)
{
    return n > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;
}

static void cell_sep(table *t)
{
    if (t->o->format == REPORT_MARKDOWN)
        jy_buf_adds(&t->k.b, t->col ? " | " : "| ");
    else if (t->col)
        jy_buf_addc(&t->k.b, t->o->format == REPORT_TSV ? '\t' : ',');
}

/* Writes one cell of the current row: Markdown, CSV or TSV text as
 * journey/emit.h writes it, a text cell with the spreadsheet guard first. */
static void cell(table *t, const char *s, size_t n)
{
    col_type type = t->col < t->ncols ? t->cols[t->col].type : COL_TEXT;
    cell_sep(t);
    t->col++;
    if (t->o->format == REPORT_MARKDOWN) {
        jy_markdown_text(&t->k.b, s, n);
        return;
    }
    if (type == COL_TEXT && !t->o->raw && needs_guard(s, n)) {
        jy_buf *b = &t->scratch;
        b->len = 0;
        jy_buf_addc(b, '\'');
        jy_buf_add(b, s, n);
        s = b->p;
        n = b->len;
    }
    if (t->o->format == REPORT_TSV)
        jy_tsv_field(&t->k.b, s, n);
    else
        jy_csv_field(&t->k.b, s, n);
}

static void cell_str(table *t, jy_str s)
{
    cell(t, s.s ? s.s : "", s.n);
}

static void cell_z(table *t, const char *z)
{
    cell(t, z, strlen(z));
}

static void cell_buf(table *t, const jy_buf *b)
{
    cell(t, b->len ? b->p : "", b->len);
}

static void cell_empty(table *t)
{
    cell(t, "", 0);
}

static void cell_int(table *t, long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    cell_z(t, buf);
}

static void cell_num(table *t, double v)
{
    char buf[32];
    cell_z(t, jy_format_number(buf, v));
}

static void cell_mean(table *t, double sum, unsigned n)
{
    char buf[32];
    if (n)
        cell_z(t, jy_format_mean(buf, sum / n));
    else
        cell_empty(t);
}

static void cell_bool(table *t, bool v)
{
    cell_z(t, v ? "true" : "false");
}

static void row_end(table *t)
{
    /* A row always has every column, even if a report writes fewer. */
    while (t->col < t->ncols)
        cell_empty(t);
    jy_buf_adds(&t->k.b, t->o->format == REPORT_MARKDOWN ? " |\n" : "\n");
    t->col = 0;
    jy_sink_maybe_flush(&t->k);
}

static void table_begin(table *t, FILE *out, const report_options *o, const column *cols, unsigned ncols)
{
    memset(t, 0, sizeof *t);
    jy_sink_init(&t->k, out);
    t->o = o;
    t->cols = cols;
    t->ncols = ncols;
    if (o->bom && o->format != REPORT_MARKDOWN)
        jy_buf_adds(&t->k.b, "\xEF\xBB\xBF");
    /* Column names are plain [a-z_]: written as they are in every format
     * (a Markdown reader shows "step_no", not "step\_no"). */
    for (unsigned i = 0; i < ncols; i++) {
        cell_sep(t);
        jy_buf_adds(&t->k.b, cols[i].name);
        t->col++;
    }
    row_end(t);
    if (o->format == REPORT_MARKDOWN) {
        for (unsigned i = 0; i < ncols; i++) {
            bool right = cols[i].type == COL_NUMBER || cols[i].type == COL_WRITTEN;
            jy_buf_adds(&t->k.b, i ? " | " : "| ");
            jy_buf_adds(&t->k.b, right ? "---:" : "---");
        }
        jy_buf_adds(&t->k.b, " |\n");
    }
}

/* 0, or -1 when the stream failed. */
static int table_end(table *t)
{
    jy_buf_free(&t->scratch);
    return jy_sink_close(&t->k);
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
        list_add(b, n, "; ", jy_display_name(m->teams[t].title, m->teams[t].id));
    }
}

static void texts_list(const jy_items *t, jy_buf *b)
{
    unsigned n = 0;
    for (uint32_t i = 0; i < t->n; i++)
        list_add(b, &n, "\n", t->items[i].text);
}

/* Scratch shared by the reports: stamps over teams and channels, and a
 * view array as long as the longest step's. */
typedef struct {
    const jy_model *m;
    jy_feel_view *views;
    uint32_t *team_stamp, *chan_stamp;
} ctx;

static void ctx_init(ctx *c, const jy_model *m)
{
    c->m = m;
    c->views = jy_xcalloc(m->npersonas + 1, sizeof *c->views);
    c->team_stamp = jy_xcalloc(m->nteams + 1, sizeof *c->team_stamp);
    c->chan_stamp = jy_xcalloc(m->nchannels + 1, sizeof *c->chan_stamp);
}

static void ctx_free(ctx *c)
{
    free(c->views);
    free(c->team_stamp);
    free(c->chan_stamp);
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

/* ---- steps --------------------------------------------------------------- */

static const column steps_cols[] = {
    { "step_no", COL_NUMBER },        { "stage_id", COL_TEXT },      { "stage_title", COL_TEXT },
    { "step_id", COL_TEXT },          { "step_title", COL_TEXT },    { "persona_id", COL_TEXT },
    { "persona_name", COL_TEXT },     { "emotion", COL_NUMBER },     { "emotion_label", COL_TEXT },
    { "channels", COL_TEXT },         { "touchpoints", COL_TEXT },   { "owners", COL_TEXT },
    { "pain_count", COL_NUMBER },     { "opportunity_count", COL_NUMBER }, { "evidence", COL_TEXT },
};

static void report_steps(table *t, ctx *c)
{
    const jy_model *m = c->m;
    jy_buf channels = { 0 }, touchpoints = { 0 }, owners = { 0 }, evidence = { 0 };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        channels.len = touchpoints.len = owners.len = evidence.len = 0;
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

        uint32_t nv = jy_step_views(s, c->views);
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
            cell_int(t, (long)s->pains.n);
            cell_int(t, (long)s->opportunities.n);
            cell_buf(t, &evidence);
            row_end(t);
        }
    }
    jy_buf_free(&channels);
    jy_buf_free(&touchpoints);
    jy_buf_free(&owners);
    jy_buf_free(&evidence);
}

/* ---- pains --------------------------------------------------------------- */

static const column pains_cols[] = {
    { "step_no", COL_NUMBER },  { "stage_id", COL_TEXT },       { "stage_title", COL_TEXT },
    { "step_id", COL_TEXT },    { "step_title", COL_TEXT },     { "pain", COL_TEXT },
    { "emotions", COL_TEXT },   { "lowest_emotion", COL_NUMBER }, { "owners", COL_TEXT },
    { "opportunities", COL_TEXT }, { "opportunity_count", COL_NUMBER },
};

/* "Anna Novak: -1 (Chilly); Ben Adeyemi: 0"; the lowest score in *low. */
static bool emotions_text(const jy_model *m, const jy_feel_view *v, uint32_t nv, jy_buf *b, int *low)
{
    bool any = false;
    unsigned n = 0;
    for (uint32_t k = 0; k < nv; k++) {
        if (!v[k].has)
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
    jy_buf emotions = { 0 }, owners = { 0 }, opps = { 0 };
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (!s->pains.n)
            continue;
        emotions.len = owners.len = opps.len = 0;
        int low = 0;
        uint32_t nv = jy_step_views(s, c->views);
        bool any = emotions_text(m, c->views, nv, &emotions, &low);
        unsigned no = 0;
        owner_list(m, s, &owners, &no, c->team_stamp, si + 1);
        texts_list(&s->opportunities, &opps);
        for (uint32_t i = 0; i < s->pains.n; i++) {
            step_cells(t, m, si, true);
            cell_str(t, s->pains.items[i].text);
            cell_buf(t, &emotions);
            if (any)
                cell_int(t, low);
            else
                cell_empty(t);
            cell_buf(t, &owners);
            cell_buf(t, &opps);
            cell_int(t, (long)s->opportunities.n);
            row_end(t);
        }
    }
    jy_buf_free(&emotions);
    jy_buf_free(&owners);
    jy_buf_free(&opps);
}

/* ---- touchpoints --------------------------------------------------------- */

static const column touchpoints_cols[] = {
    { "channel_id", COL_TEXT },  { "channel", COL_TEXT },     { "kind", COL_TEXT },
    { "touchpoints", COL_TEXT }, { "step_count", COL_NUMBER }, { "steps", COL_TEXT },
    { "owners", COL_TEXT },      { "mean_emotion", COL_NUMBER },
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
        uint32_t nv = jy_step_views(s, c->views);
        for (uint32_t k = 0; k < nv; k++)
            if (c->views[k].has) {
                sum += c->views[k].score;
                count++;
            }
    }
    cell_buf(t, &b);
    cell_mean(t, sum, count);
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
    { "lowest_label", COL_TEXT },
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
        uint32_t nv = jy_step_views(&m->steps[si], c->views);
        for (uint32_t k = 0; k < nv; k++) {
            const jy_feel_view *v = &c->views[k];
            if (v->persona < 0 && m->npersonas)
                continue;      /* cannot happen: a step concerns someone */
            arc *a = &arcs[v->persona < 0 ? 0 : v->persona];
            a->nsteps++;
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
        }
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
    { "met", COL_BOOL },
};

static const char *direction_name(jy_better b)
{
    return b == JY_BETTER_HIGHER ? "higher" : b == JY_BETTER_LOWER ? "lower" : "";
}

static void report_metrics(table *t, ctx *c)
{
    const jy_model *m = c->m;
    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
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
            row_end(t);
        }
    }
}

/* ---- summary ------------------------------------------------------------- */

static const column summary_cols[] = {
    { "section", COL_TEXT },     { "stage_id", COL_TEXT },     { "stage_title", COL_TEXT },
    { "step_no", COL_NUMBER },   { "step_id", COL_TEXT },      { "step_title", COL_TEXT },
    { "persona_id", COL_TEXT },  { "persona_name", COL_TEXT }, { "kpi_id", COL_TEXT },
    { "value", COL_NUMBER },     { "target", COL_NUMBER },     { "detail", COL_TEXT },
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
            pains += m->steps[si].pains.n;
        summary_head(t, m, "stage-pains", -1, gi, -1);
        cell_empty(t);
        cell_int(t, (long)pains);
        row_end(t);
    }

    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
        if (s->opportunities.n)
            continue;
        for (uint32_t i = 0; i < s->pains.n; i++) {
            summary_head(t, m, "unaddressed-pain", si, 0, -1);
            cell_empty(t);
            cell_empty(t);
            cell_empty(t);
            cell_str(t, s->pains.items[i].text);
            row_end(t);
        }
    }

    for (uint32_t si = 0; si < m->nsteps; si++) {
        const jy_step *s = &m->steps[si];
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
        if (m->steps[si].nevidence)
            continue;
        summary_head(t, m, "no-evidence", si, 0, -1);
        row_end(t);
    }
    jy_buf_free(&b);
}

/* ---- entry --------------------------------------------------------------- */

int jy_report_write(FILE *out, const jy_model *m, const report_options *opts)
{
    static const struct {
        const column *cols;
        unsigned ncols;
        void (*write)(table *t, ctx *c);
    } kinds[REPORT_NKINDS] = {
        [REPORT_STEPS] = { steps_cols, NCOLS(steps_cols), report_steps },
        [REPORT_PAINS] = { pains_cols, NCOLS(pains_cols), report_pains },
        [REPORT_TOUCHPOINTS] = { touchpoints_cols, NCOLS(touchpoints_cols), report_touchpoints },
        [REPORT_PERSONAS] = { personas_cols, NCOLS(personas_cols), report_personas },
        [REPORT_METRICS] = { metrics_cols, NCOLS(metrics_cols), report_metrics },
        [REPORT_SUMMARY] = { summary_cols, NCOLS(summary_cols), report_summary },
    };
    if ((unsigned)opts->kind >= REPORT_NKINDS)
        return -1;
    table t;
    ctx c;
    ctx_init(&c, m);
    table_begin(&t, out, opts, kinds[opts->kind].cols, kinds[opts->kind].ncols);
    kinds[opts->kind].write(&t, &c);
    int rc = table_end(&t);
    ctx_free(&c);
    return rc;
}
