/* export.c - the checked model as JSON.
 *
 * Design notes
 * - The shape is fixed by docs/journey.schema.json: every key is always
 *   present, in a fixed order, so two exports of the same map are equal
 *   byte for byte and a change to the map shows as a small diff.  Absent
 *   text is "" (the model does not tell an empty string from a missing
 *   one); an absent number or choice is null.
 * - Pretty-printed with two-space indentation; a location is one line,
 *   {"file", "line", "column", "end_line", "end_column"}, the fields of the
 *   JSON diagnostics (the end is just after the last character).  Lines and
 *   columns come from the engine that holds the sources (the model keeps
 *   byte offsets only); columns count characters, as diagnostics do.
 * - Numbers go through jy_format_number, so JSON, CSV and Markdown
 *   print a value identically.  Output is built in a buffer and written in
 *   64 KiB chunks: an export is several times the size of its map.
 * - References are ids (a touchpoint's channel, an owner, a metric's kpi,
 *   an emotion's persona); the declarations they name are in the arrays
 *   at the top.
 */
#include "journey/export.h"
#include "journey/emit.h"

#include <stdlib.h>
#include <string.h>

bool jy_export_format_parse(const char *name, export_format *out)
{
    if (strcmp(name, "json") == 0)
        *out = EXPORT_JSON;
    else if (strcmp(name, "mermaid") == 0 || strcmp(name, "mmd") == 0)
        *out = EXPORT_MERMAID;
    else
        return false;
    return true;
}

/* ---- a small pretty-printing JSON writer ---------------------------------- */

/* Output is gathered in a sink (journey/emit.h) that hands it to the
 * stream in large pieces: an export is several times the size of its map.
 * Strings and integers are the one JSON encoding of the project. */
#define JW_MAX_DEPTH 16

typedef struct {
    jy_sink k;
    const jy_sources *src;
    int depth;
    bool first[JW_MAX_DEPTH + 1];
    uint32_t name_file;        /* the source whose quoted name is in name */
    jy_buf name;
    uint32_t *personas;        /* room for every persona: whom an item concerns */
} jw;

static void jw_put(jw *w, const char *z)
{
    jy_buf_adds(&w->k.b, z);
}

static void jw_putc(jw *w, char c)
{
    jy_buf_addc(&w->k.b, c);
}

static void jw_int(jw *w, long v)
{
    jy_json_int(&w->k.b, v);
}

static void jw_newline(jw *w)
{
    jy_sink_maybe_flush(&w->k);
    jy_buf_reserve(&w->k.b, 1 + 2 * (size_t)w->depth);
    w->k.b.p[w->k.b.len++] = '\n';
    memset(w->k.b.p + w->k.b.len, ' ', 2 * (size_t)w->depth);
    w->k.b.len += 2 * (size_t)w->depth;
}

/* Before a key or an array element. */
static void jw_next(jw *w)
{
    if (!w->first[w->depth])
        jw_putc(w, ',');
    w->first[w->depth] = false;
    jw_newline(w);
}

static void jw_open(jw *w, char c)
{
    jw_putc(w, c);
    if (w->depth < JW_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = true;
}

static void jw_close(jw *w, char c)
{
    bool empty = w->first[w->depth];
    w->depth--;
    if (!empty)
        jw_newline(w);
    jw_putc(w, c);
}

/* Keys are the writer's own names: no escape needed. */
static void jw_key(jw *w, const char *key)
{
    jw_next(w);
    jw_putc(w, '"');
    jw_put(w, key);
    jw_put(w, "\": ");
}

static void jw_str(jw *w, jy_str s)
{
    jy_json_string(&w->k.b, s.s, s.n);
}

static void key_str(jw *w, const char *key, jy_str s)
{
    jw_key(w, key);
    jw_str(w, s);
}

static void key_z(jw *w, const char *key, const char *z)
{
    key_str(w, key, jy_str_make(z, strlen(z)));
}

static void key_bool(jw *w, const char *key, bool v)
{
    jw_key(w, key);
    jw_put(w, v ? "true" : "false");
}

static void key_int(jw *w, const char *key, long v)
{
    jw_key(w, key);
    jw_int(w, v);
}

static void key_num(jw *w, const char *key, double v)
{
    char buf[32];
    jw_key(w, key);
    jw_put(w, jy_format_number(buf, v));
}

static void key_null(jw *w, const char *key)
{
    jw_key(w, key);
    jw_put(w, "null");
}

/* "loc": {"file", "line", "column", "end_line", "end_column"} on one line;
 * the end is the position just after the last character. */
static void key_loc(jw *w, const char *key, jy_loc loc)
{
    const jy_source *s = jy_sources_get(w->src, loc.file);
    jy_pos a = jy_sources_position(w->src, loc.file, loc.off), b = a;
    if (loc.end > loc.off) {
        /* Most ranges lie on one line: count their characters rather
         * than look the end up from the start of the file again. */
        const char *p = s && loc.end <= s->len ? s->text + loc.off : NULL;
        if (p && !memchr(p, '\n', loc.end - loc.off))
            b.col += (uint32_t)jy_utf8_count(p, loc.end - loc.off);
        else
            b = jy_sources_position(w->src, loc.file, loc.end);
    }
    if (w->name_file != loc.file + 1) {
        const char *name = s ? s->name : "";
        w->name.len = 0;
        jy_json_string(&w->name, name, strlen(name));
        w->name_file = loc.file + 1;
    }
    jw_key(w, key);
    jw_put(w, "{\"file\": ");
    jy_buf_add(&w->k.b, w->name.p, w->name.len);
    jw_put(w, ", \"line\": ");
    jw_int(w, (long)a.line);
    jw_put(w, ", \"column\": ");
    jw_int(w, (long)a.col);
    jw_put(w, ", \"end_line\": ");
    jw_int(w, (long)b.line);
    jw_put(w, ", \"end_column\": ");
    jw_int(w, (long)b.col);
    jw_putc(w, '}');
}

/* [{"text", "loc"}, ...] */
static void key_texts(jw *w, const char *key, const jy_texts *t)
{
    jw_key(w, key);
    jw_open(w, '[');
    for (uint32_t i = 0; i < t->n; i++) {
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "text", t->items[i].text);
        key_loc(w, "loc", t->items[i].loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* A word of a fixed set (severity, impact, effort, status), or null. */
static void key_word(jw *w, const char *key, const char *word)
{
    if (word)
        key_z(w, key, word);
    else
        key_null(w, key);
}

static void key_names(jw *w, const char *key, const jy_texts *t)
{
    jw_key(w, key);
    jw_open(w, '[');
    for (uint32_t i = 0; i < t->n; i++) {
        jw_next(w);
        jw_str(w, t->items[i].text);
    }
    jw_close(w, ']');
}

static void key_team(jw *w, const jy_model *m, const char *key, int32_t team)
{
    if (team >= 0)
        key_str(w, key, m->teams[team].id);
    else
        key_null(w, key);
}

/* A step's thoughts, pains or opportunities, or its blueprint entries:
 * the keys of each kind (docs/export.md), always all of them. */
static void key_items(jw *w, const jy_model *m, const jy_step *s, const char *key, const jy_items *t)
{
    uint32_t *scratch = w->personas;
    jw_key(w, key);
    jw_open(w, '[');
    for (uint32_t i = 0; i < t->n; i++) {
        const jy_item *it = &t->items[i];
        bool item = it->kind <= JY_ITEM_OPPORTUNITY;
        jw_next(w);
        jw_open(w, '{');
        if (item) {
            if (it->id.n)
                key_str(w, "id", it->id);
            else
                key_null(w, "id");
        }
        key_str(w, "text", it->text);
        if (item) {
            key_bool(w, "personas_listed", it->personas_listed);
            jw_key(w, "personas");
            jw_open(w, '[');
            uint32_t np = jy_item_personas(s, it, scratch);
            for (uint32_t k = 0; k < np; k++) {
                jw_next(w);
                jw_str(w, m->personas[scratch[k]].id);
            }
            jw_close(w, ']');
        }
        if (it->kind == JY_ITEM_PAIN)
            key_word(w, "severity", jy_level_name((jy_level)it->severity));
        if (it->kind == JY_ITEM_OPPORTUNITY) {
            jw_key(w, "solves");
            jw_open(w, '[');
            for (uint32_t k = 0; k < it->nsolves; k++) {
                jw_next(w);
                jw_str(w, it->solves[k]->id);
            }
            jw_close(w, ']');
            key_word(w, "impact", jy_level_name((jy_level)it->impact));
            key_word(w, "effort", jy_level_name((jy_level)it->effort));
            key_word(w, "status", jy_status_name((jy_status)it->status));
        }
        if (it->kind == JY_ITEM_OPPORTUNITY || !item)
            key_team(w, m, "owner", it->owner);
        key_names(w, "tags", &it->tags);
        key_loc(w, "loc", it->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

/* A date as written (YYYY-MM-DD), or null. */
static void key_date(jw *w, const char *key, const jy_date *d)
{
    if (d->set)
        key_str(w, key, d->spelling);
    else
        key_null(w, key);
}

/* A file the map names: null, or {"path" as written, "resolved" as
 * found (relative when the map was named by a relative path), "loc"}.
 * The braces stay open for the caller to add to. */
static bool key_file_open(jw *w, const char *key, const jy_file_ref *r)
{
    jw_key(w, key);
    if (!r->given) {
        jw_put(w, "null");
        return false;
    }
    jw_open(w, '{');
    key_str(w, "path", r->path);
    key_str(w, "resolved", r->resolved);
    key_loc(w, "loc", r->loc);
    return true;
}

static void key_file(jw *w, const char *key, const jy_file_ref *r)
{
    if (key_file_open(w, key, r))
        jw_close(w, '}');
}

/* ---- the model ------------------------------------------------------------ */

static void write_journey(jw *w, const jy_model *m)
{
    jw_key(w, "journey");
    if (!m->has_journey) {
        jw_put(w, "null");
        return;
    }
    jw_open(w, '{');
    key_str(w, "title", m->title);
    key_str(w, "description", m->description);
    key_z(w, "state", m->state == JY_STATE_FUTURE ? "future" : "current");
    key_str(w, "state_word", m->state_word);
    jw_key(w, "scale");
    jw_put(w, "{\"low\": ");
    jw_int(w, m->scale_lo);
    jw_put(w, ", \"high\": ");
    jw_int(w, m->scale_hi);
    jw_putc(w, '}');
    if (m->owner >= 0)
        key_str(w, "owner", m->teams[m->owner].id);
    else
        key_null(w, "owner");
    key_date(w, "reviewed", &m->reviewed);
    key_date(w, "next_review", &m->next_review);
    /* The baseline: its file, and what its journey is (title, state). */
    if (key_file_open(w, "baseline", &m->baseline_file)) {
        const jy_model *b = m->baseline;
        if (b) {
            key_str(w, "title", b->title);
            key_z(w, "state", b->state == JY_STATE_FUTURE ? "future" : "current");
            key_str(w, "state_word", b->state_word);
        } else {
            key_null(w, "title");
            key_null(w, "state");
            key_null(w, "state_word");
        }
        jw_close(w, '}');
    }
    key_loc(w, "loc", m->loc);
    jw_close(w, '}');
}

static void write_declarations(jw *w, const jy_model *m)
{
    jw_key(w, "personas");
    jw_open(w, '[');
    for (uint32_t i = 0; i < m->npersonas; i++) {
        const jy_persona *p = &m->personas[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "id", p->id);
        key_str(w, "title", p->title);
        key_str(w, "description", p->description);
        key_str(w, "quote", p->quote);
        key_texts(w, "goals", &p->goals);
        key_texts(w, "needs", &p->needs);
        key_texts(w, "frustrations", &p->frustrations);
        key_texts(w, "behaviors", &p->behaviors);
        key_file(w, "image", &p->image);
        key_bool(w, "imported", p->imported);
        key_loc(w, "loc", p->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "channels");
    jw_open(w, '[');
    for (uint32_t i = 0; i < m->nchannels; i++) {
        const jy_channel *c = &m->channels[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "id", c->id);
        key_str(w, "title", c->title);
        key_str(w, "kind", c->kind);
        key_str(w, "description", c->description);
        key_bool(w, "imported", c->imported);
        key_loc(w, "loc", c->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "teams");
    jw_open(w, '[');
    for (uint32_t i = 0; i < m->nteams; i++) {
        const jy_team *t = &m->teams[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "id", t->id);
        key_str(w, "title", t->title);
        key_str(w, "description", t->description);
        key_bool(w, "imported", t->imported);
        key_loc(w, "loc", t->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "kpis");
    jw_open(w, '[');
    for (uint32_t i = 0; i < m->nkpis; i++) {
        const jy_kpi *k = &m->kpis[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "id", k->id);
        key_str(w, "title", k->title);
        key_str(w, "description", k->description);
        key_str(w, "unit", k->unit);
        if (k->has_target)
            key_num(w, "target", k->target);
        else
            key_null(w, "target");
        if (k->better == JY_BETTER_UNSET)
            key_null(w, "better");
        else
            key_z(w, "better", k->better == JY_BETTER_HIGHER ? "higher" : "lower");
        key_bool(w, "imported", k->imported);
        key_loc(w, "loc", k->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

static void write_step(jw *w, const jy_model *m, const jy_step *s)
{
    jw_open(w, '{');
    key_str(w, "id", s->id);
    key_bool(w, "id_derived", s->id_derived);
    key_str(w, "title", s->title);
    key_str(w, "description", s->description);
    key_bool(w, "personas_listed", s->personas_listed);

    jw_key(w, "personas");
    jw_open(w, '[');
    for (uint32_t k = 0; k < s->nfeel; k++) {
        jw_next(w);
        jw_str(w, m->personas[s->feel[k].persona].id);
    }
    jw_close(w, ']');

    jw_key(w, "emotions");
    jw_open(w, '[');
    for (uint32_t k = 0; k < s->nfeel; k++) {
        const jy_feeling *f = &s->feel[k];
        if (!f->has)
            continue;
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "persona", m->personas[f->persona].id);
        key_int(w, "score", f->score);
        key_str(w, "label", f->label);
        key_bool(w, "shared", f->shared);
        key_loc(w, "loc", f->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "mood");
    if (s->has_mood) {
        jw_open(w, '{');
        key_int(w, "score", s->mood);
        key_str(w, "label", s->mood_label);
        jw_close(w, '}');
    } else {
        jw_put(w, "null");
    }

    jw_key(w, "touchpoints");
    jw_open(w, '[');
    for (uint32_t i = 0; i < s->ntouchpoints; i++) {
        const jy_touchpoint *t = &s->touchpoints[i];
        jw_next(w);
        jw_open(w, '{');
        if (t->channel >= 0)
            key_str(w, "channel", m->channels[t->channel].id);
        else
            key_null(w, "channel");
        key_str(w, "text", t->text);
        key_loc(w, "loc", t->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "owners");
    jw_open(w, '[');
    for (uint32_t i = 0; i < s->nowners; i++) {
        jw_next(w);
        jw_str(w, m->teams[s->owners[i]].id);
    }
    jw_close(w, ']');

    key_items(w, m, s, "thoughts", &s->thoughts);
    key_items(w, m, s, "pains", &s->pains);
    key_items(w, m, s, "opportunities", &s->opportunities);
    key_items(w, m, s, "frontstage", &s->frontstage);
    key_items(w, m, s, "backstage", &s->backstage);
    key_items(w, m, s, "support", &s->support);

    jw_key(w, "metrics");
    jw_open(w, '[');
    for (uint32_t i = 0; i < s->nmetrics; i++) {
        const jy_metric *mt = &s->metrics[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "kpi", m->kpis[mt->kpi].id);
        key_num(w, "value", mt->value);
        key_bool(w, "percent", mt->pct);
        key_str(w, "spelling", mt->spelling);
        key_loc(w, "loc", mt->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    jw_key(w, "evidence");
    jw_open(w, '[');
    for (uint32_t i = 0; i < s->nevidence; i++) {
        const jy_evidence *e = &s->evidence[i];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "kind", e->kind);
        key_str(w, "source", e->source);
        key_loc(w, "loc", e->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');

    key_texts(w, "notes", &s->notes);

    /* A moment of truth: its text, null when written without one. */
    jw_key(w, "moment");
    if (s->has_moment) {
        jw_open(w, '{');
        if (s->moment.n)
            key_str(w, "text", s->moment);
        else
            key_null(w, "text");
        key_loc(w, "loc", s->moment_loc);
        jw_close(w, '}');
    } else {
        jw_put(w, "null");
    }
    jw_key(w, "tags");
    jw_open(w, '[');
    for (uint32_t i = 0; i < s->tags.n; i++) {
        jw_next(w);
        jw_str(w, s->tags.items[i].text);
    }
    jw_close(w, ']');
    key_texts(w, "artifacts", &s->artifacts);
    key_file(w, "image", &s->image);
    key_loc(w, "loc", s->loc);
    jw_close(w, '}');
}

static void write_stages(jw *w, const jy_model *m)
{
    jw_key(w, "stages");
    jw_open(w, '[');
    for (uint32_t gi = 0; gi < m->nstages; gi++) {
        const jy_stage *g = &m->stages[gi];
        jw_next(w);
        jw_open(w, '{');
        key_str(w, "id", g->id);
        key_bool(w, "id_derived", g->id_derived);
        key_str(w, "title", g->title);
        key_str(w, "description", g->description);
        key_texts(w, "goals", &g->goals);
        jw_key(w, "steps");
        jw_open(w, '[');
        for (uint32_t si = g->first_step; si < g->first_step + g->nsteps; si++) {
            jw_next(w);
            write_step(w, m, &m->steps[si]);
        }
        jw_close(w, ']');
        key_loc(w, "loc", g->loc);
        jw_close(w, '}');
    }
    jw_close(w, ']');
}

int jy_export_json(FILE *out, const jy_model *m, const jy_sources *sources)
{
    jw w;
    memset(&w, 0, sizeof w);
    jy_sink_init(&w.k, out);
    w.src = sources;
    w.personas = jy_xmalloc((m->npersonas + 1) * sizeof *w.personas);
    jw_open(&w, '{');
    key_int(&w, "version", EXPORT_JSON_VERSION);
    key_z(&w, "schema", JY_EXPORT_JSON_SCHEMA);
    const jy_source *root = jy_sources_count(sources) ? jy_sources_get(sources, 0) : NULL;
    key_z(&w, "source", root ? root->name : "");
    write_journey(&w, m);
    write_declarations(&w, m);
    write_stages(&w, m);
    jw_close(&w, '}');
    jw_putc(&w, '\n');
    jy_buf_free(&w.name);
    free(w.personas);
    return jy_sink_close(&w.k);
}
