/* render_html.c - the map as one self-contained, interactive HTML page.
 *
 * Design notes
 * - The picture is the SVG of -T svg, byte for byte as Graphviz drew it
 *   (render_gv.c draws it into memory and hands it here), so the page has
 *   the same lanes, options and look.  Only what an HTML document cannot
 *   or need not hold is dropped: the XML declaration, the doctype, the
 *   comments and Graphviz's <title> per element (a tooltip with an
 *   element's id).
 * - The hooks the script (and a test) needs are added to the element
 *   tags Graphviz wrote, found by their ids, which the layout makes from
 *   the map's ids (docs/render.md): a step's first cell from the top, its
 *   title when the steps lane is drawn, gets data-step, a tab stop, a
 *   button role and a label, and a transparent rectangle over the whole
 *   cell so that the cell, not only its glyphs, takes a click; each
 *   persona's curve gets data-persona.  Graphviz writes one tag per line
 *   and escapes every attribute value, so a line-by-line pass is exact.
 *   Ids hold only letters, digits, '_' and '-' (and the layout's '.'
 *   between them), so the pass reads them without ambiguity.
 * - What the script shows of a step comes from the model, as one JSON
 *   object in a <script type="application/json"> element, every string
 *   written with jy_json_script_string (no "</script>" or "<!--" can end
 *   or bend the element); the script reads it with JSON.parse.  An item is
 *   a string when it is text alone, an object when it has more (id,
 *   severity, what it solves...), which keeps a large map's data small.
 *   Images (a step's sketch, a persona's picture) are in the page once:
 *   one the picture draws is named by its element ("imageIn"), another is
 *   a data: URL of its own, up to HTML_IMAGE_MAX.
 * - The page's style and script are src/back/html/map.css and map.js,
 *   compiled in as they are (CMakeLists.txt); the Content-Security-Policy
 *   allows that one script by its SHA-256, computed at build time, styles
 *   inline and images only from data: URLs, and nothing else: the page
 *   makes no request.
 * - Deterministic: the page is a function of the model and the options.
 */
#include "render_int.h"

#include "journey/emit.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "html_assets.inc"

/* A step's hook: the item whose element gets data-step. */
typedef struct {
    const render_item *item;
    const jy_step *step;
    uint32_t index;            /* in the model */
} hook;

typedef struct {
    const render_map *r;
    const jy_model *m;
    const render_page *pg;
    jy_sink k;
    jy_buf *b;                 /* k.b */
    jy_map hooks;              /* item id -> hook */
    jy_map drawn;              /* an image's resolved path -> the id of an
                                  element of the picture that draws it */
    jy_map embedded;           /* one the picture does not draw -> its
                                  data: URL (malloc'd), or no_image: each
                                  file is read once however many name it */
    hook *hook_list;
    uint32_t nhooks;
    jy_buf scratch;
} html_writer;

static bool step_shown(const html_writer *w, const jy_step *s)
{
    int32_t p = w->r->opts.persona;
    return p < 0 || jy_step_feeling(s, (uint32_t)p) != NULL;
}

/* The lane a cell's id starts with ("pains.pay" -> pains), or -1. */
static int cell_lane(const char *id, size_t *rest)
{
    const char *dot = strchr(id, '.');
    if (!dot)
        return -1;
    size_t n = (size_t)(dot - id);
    for (unsigned l = 0; l < RENDER_NLANES; l++) {
        const char *name = jy_render_lane_name((render_lane)l);
        if (strlen(name) == n && memcmp(name, id, n) == 0) {
            *rest = n + 1;
            return (int)l;
        }
    }
    return -1;
}

/* Each shown step's hook: its first cell in item order, which is the
 * topmost lane's (cells are made lane by lane). */
static void find_hooks(html_writer *w)
{
    jy_map steps;
    jy_map_init(&steps);
    for (uint32_t i = 0; i < w->m->nsteps; i++)
        jy_map_put(&steps, w->m->steps[i].id, (void *)(uintptr_t)(i + 1));
    jy_map_init(&w->hooks);
    w->hook_list = jy_xcalloc((size_t)w->m->nsteps + 1, sizeof *w->hook_list);
    bool *done = jy_xcalloc((size_t)w->m->nsteps + 1, sizeof *done);
    for (size_t i = 0; i < w->pg->n; i++) {
        const render_item *it = &w->pg->items[i];
        size_t rest;
        if (it->kind != RI_BOX || !it->id || cell_lane(it->id, &rest) < 0)
            continue;
        const char *sid = it->id + rest;
        if (strpbrk(sid, "./"))
            continue;
        uintptr_t at = (uintptr_t)jy_map_get(&steps, jy_str_make(sid, strlen(sid)));
        if (!at || done[at - 1])
            continue;
        done[at - 1] = true;
        hook *h = &w->hook_list[w->nhooks++];
        h->item = it;
        h->index = (uint32_t)(at - 1);
        h->step = &w->m->steps[at - 1];
        jy_map_put(&w->hooks, jy_str_make(it->id, strlen(it->id)), h);
    }
    free(done);
    jy_map_free(&steps);
}

static void put(html_writer *w, const char *z)
{
    jy_buf_adds(w->b, z);
}

static void put_text(html_writer *w, jy_str s)
{
    jy_xml_text(w->b, s.s, s.n);
}

static void put_json(html_writer *w, jy_str s)
{
    jy_json_script_string(w->b, s.s, s.n);
}

static void put_jsonz(html_writer *w, const char *z)
{
    jy_json_script_string(w->b, z, strlen(z));
}

/* ---- the SVG, with its hooks ------------------------------------------------ */


/* The attributes a group gets, written before its tag's '>'; true when
 * it is a step's hook (then *h is set). */
static void group_hooks(html_writer *w, const char *id, const hook **h)
{
    *h = jy_map_get(&w->hooks, jy_str_make(id, strlen(id)));
    if (*h) {
        const jy_step *s = (*h)->step;
        const jy_stage *st = &w->m->stages[s->stage];
        put(w, " data-step=\"");
        put_text(w, s->id);
        put(w, "\" tabindex=\"0\" role=\"button\" aria-label=\"");
        put_text(w, jy_display_name(s->title, s->id));
        put(w, " (");
        put_text(w, jy_display_name(st->title, st->id));
        put(w, ")\"");
    } else if (strncmp(id, "curve.", 6) == 0) {
        /* "curve.PERSONA", or "curve.PERSONA.rowN" on a later row */
        const char *p = id + 6, *dot = strchr(p, '.');
        if (!dot || strncmp(dot, ".row", 4) == 0) {
            put(w, " data-persona=\"");
            jy_xml_text(w->b, p, dot ? (size_t)(dot - p) : strlen(p));
            put(w, "\"");
        }
    }
}

static void write_svg(html_writer *w, const char *svg, size_t len)
{
    jy_buf id = { 0 };
    const char *p = svg, *end = svg + len;
    bool started = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        size_t n = (size_t)(eol - p);
        const char *next = nl ? nl + 1 : end;
        if (n >= 4 && memcmp(p, "<!--", 4) == 0) {
            /* a comment: to the line that ends it */
            while (!(n >= 3 && memcmp(eol - 3, "-->", 3) == 0) && next < end) {
                p = next;
                nl = memchr(p, '\n', (size_t)(end - p));
                eol = nl ? nl : end;
                n = (size_t)(eol - p);
                next = nl ? nl + 1 : end;
            }
            p = next;
            continue;
        }
        if (!started) {
            if (n >= 5 && memcmp(p, "<svg ", 5) == 0) {
                started = true;
                put(w, "<svg id=\"jy-map\" aria-label=\"The map\"");
                jy_buf_add(w->b, p + 4, n - 4);
                jy_buf_addc(w->b, '\n');
            }
            p = next;
            continue;
        }
        if (n >= 15 && memcmp(p, "<title>", 7) == 0 && memcmp(eol - 8, "</title>", 8) == 0) {
            p = next;
            continue;
        }
        const char *q;
        if (n > 8 && memcmp(p, "<g id=\"", 7) == 0 && p[n - 1] == '>' &&
            (q = memchr(p + 7, '"', n - 7)) != NULL) {
            jy_render_svg_id(&id, p + 7, (size_t)(q - (p + 7)));
            const hook *h = NULL;
            jy_buf_add(w->b, p, n - 1);
            group_hooks(w, id.p, &h);
            put(w, ">\n");
            if (h) {
                const render_item *it = h->item;
                jy_buf_printf(w->b, "<rect class=\"hit\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/>\n", it->x,
                              it->y - w->pg->height, it->w, it->h);
            }
        } else {
            jy_buf_add(w->b, p, n);
            jy_buf_addc(w->b, '\n');
        }
        jy_sink_maybe_flush(&w->k);
        p = next;
    }
    jy_buf_free(&id);
}

/* ---- the step data ------------------------------------------------------------ */

static void json_texts(html_writer *w, const char *key, const jy_texts *t)
{
    if (!t->n)
        return;
    jy_buf_printf(w->b, ",\"%s\":[", key);
    for (uint32_t i = 0; i < t->n; i++) {
        if (i)
            jy_buf_addc(w->b, ',');
        put_json(w, t->items[i].text);
    }
    jy_buf_addc(w->b, ']');
}

static void json_loc(html_writer *w, const char *key, const jy_loc *loc)
{
    const jy_sources *src = w->r->opts.sources;
    if (!src || loc->file >= jy_sources_count(src))
        return;
    const jy_source *s = jy_sources_get(src, loc->file);
    jy_pos pos = jy_sources_position(src, loc->file, loc->off);
    jy_buf *t = &w->scratch;
    t->len = 0;
    jy_buf_printf(t, "%s:%u", s->name, pos.line);
    jy_buf_printf(w->b, ",\"%s\":", key);
    jy_json_script_string(w->b, t->p, t->len);
}

/* Another item, named from this one (what an opportunity solves, what
 * solves a pain): {"text", "step"}, its id when it has one, and whether
 * it is done (an opportunity whose status is done). */
static void json_item_ref(html_writer *w, const jy_item *it)
{
    put(w, "{\"text\":");
    put_json(w, it->text);
    put(w, ",\"step\":");
    put_json(w, w->m->steps[it->step].id);
    if (it->id.n) {
        put(w, ",\"id\":");
        put_json(w, it->id);
    }
    if (it->kind == JY_ITEM_OPPORTUNITY && jy_item_done(it))
        put(w, ",\"done\":true");
    jy_buf_addc(w->b, '}');
}

/* A step's items or blueprint entries: each a string when it is text
 * alone, else an object with what it has of id, personas (when listed),
 * tags, owner, severity, impact, effort, status, solves and solved_by. */
static void json_items(html_writer *w, const char *key, const jy_items *items)
{
    if (!items->n)
        return;
    jy_buf *b = w->b;
    jy_buf_printf(b, ",\"%s\":[", key);
    for (uint32_t i = 0; i < items->n; i++) {
        const jy_item *it = &items->items[i];
        if (i)
            jy_buf_addc(b, ',');
        bool plain = !it->id.n && !it->personas_listed && !it->tags.n && it->owner < 0 && !it->severity &&
                     !it->impact && !it->effort && !it->status && !it->nsolves && !it->nsolved_by;
        if (plain) {
            put_json(w, it->text);
            continue;
        }
        put(w, "{\"text\":");
        put_json(w, it->text);
        if (it->id.n) {
            put(w, ",\"id\":");
            put_json(w, it->id);
        }
        if (it->personas_listed) {
            put(w, ",\"personas\":[");
            for (uint32_t k = 0; k < it->npersonas; k++)
                jy_buf_printf(b, "%s%u", k ? "," : "", it->personas[k]);
            jy_buf_addc(b, ']');
        }
        if (it->tags.n) {
            put(w, ",\"tags\":[");
            for (uint32_t k = 0; k < it->tags.n; k++) {
                if (k)
                    jy_buf_addc(b, ',');
                put_json(w, it->tags.items[k].text);
            }
            jy_buf_addc(b, ']');
        }
        if (it->owner >= 0 && (uint32_t)it->owner < w->m->nteams) {
            const jy_team *tm = &w->m->teams[it->owner];
            put(w, ",\"owner\":");
            put_json(w, jy_display_name(tm->title, tm->id));
        }
        static const char *const levels[] = { "severity", "impact", "effort" };
        const uint8_t values[] = { it->severity, it->impact, it->effort };
        for (int k = 0; k < 3; k++) {
            const char *name = jy_level_name((jy_level)values[k]);
            if (name) {
                jy_buf_printf(b, ",\"%s\":", levels[k]);
                put_jsonz(w, name);
            }
        }
        const char *status = jy_status_name((jy_status)it->status);
        if (status) {
            put(w, ",\"status\":");
            put_jsonz(w, status);
        }
        if (it->nsolves) {
            put(w, ",\"solves\":[");
            for (uint32_t k = 0; k < it->nsolves; k++) {
                if (k)
                    jy_buf_addc(b, ',');
                json_item_ref(w, it->solves[k]);
            }
            jy_buf_addc(b, ']');
        }
        if (it->nsolved_by) {
            put(w, ",\"solved_by\":[");
            for (uint32_t k = 0; k < it->nsolved_by; k++) {
                if (k)
                    jy_buf_addc(b, ',');
                json_item_ref(w, it->solved_by[k]);
            }
            jy_buf_addc(b, ']');
        }
        jy_buf_addc(b, '}');
    }
    jy_buf_addc(b, ']');
}

/* The largest image the page embeds: a bigger one is left out (the page
 * is meant to be shared, and a sketch or a portrait is far smaller). */
#define HTML_IMAGE_MAX ((size_t)2 << 20)

/* An image a map names.  One the picture draws is there already: the
 * step's data names the SVG element holding it ("imageIn"), and the script
 * takes the picture's data: URL from it.  Another (its lane not drawn) is
 * a data: URL of its own, when render can draw it and it is not too large
 * (the page's policy allows images only so). */
static char no_image[] = "";   /* an image that is not embedded */

/* The data: URL of an image the picture does not draw, read and checked
 * as render reads it; no_image when it cannot be drawn or is too large. */
static char *image_url(const char *path)
{
    render_image img;
    char why[256];
    struct stat st;   /* too large: not even read */
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > HTML_IMAGE_MAX ||
        jy_render_image_read(&img, path, why, sizeof why) != 0)
        return no_image;
    char *url = no_image;
    if (img.len <= HTML_IMAGE_MAX) {
        jy_buf b = { 0 };
        jy_buf_printf(&b, "data:%s;base64,", jy_render_image_mime(img.type));
        jy_base64(&b, img.data, img.len);
        url = (char *)jy_buf_cstr(&b);
    }
    jy_render_image_free(&img);
    return url;
}

static void json_image(html_writer *w, const jy_file_ref *f)
{
    if (!f->given || f->invalid || !f->resolved.n)
        return;
    const char *drawn = jy_map_get(&w->drawn, f->resolved);
    if (drawn) {
        put(w, ",\"imageIn\":");
        put_jsonz(w, drawn);
        return;
    }
    char *url = jy_map_get(&w->embedded, f->resolved);
    if (!url) {
        jy_buf pb = { 0 };
        jy_buf_addstr(&pb, f->resolved);
        url = image_url(jy_buf_cstr(&pb));
        jy_buf_free(&pb);
        jy_map_put(&w->embedded, f->resolved, url);
    }
    if (*url) {
        put(w, ",\"image\":\"");
        put(w, url);
        jy_buf_addc(w->b, '"');
    }
}

static void json_step(html_writer *w, const jy_step *s)
{
    const jy_model *m = w->m;
    jy_buf *b = w->b, *t = &w->scratch;
    put(w, "{\"id\":");
    put_json(w, s->id);
    put(w, ",\"title\":");
    put_json(w, jy_display_name(s->title, s->id));
    jy_buf_printf(b, ",\"stage\":%u", s->stage);
    json_loc(w, "at", &s->loc);
    jy_feel_view *v = jy_xmalloc(((size_t)s->nfeel + 1) * sizeof *v);
    uint32_t nv = jy_step_views(s, v);
    put(w, ",\"feel\":[");
    for (uint32_t i = 0; i < nv; i++) {
        jy_buf_printf(b, "%s{\"p\":%d", i ? "," : "", (int)v[i].persona);
        if (v[i].has) {
            jy_buf_printf(b, ",\"score\":%d", v[i].score);
            if (v[i].label.n) {
                put(w, ",\"label\":");
                put_json(w, v[i].label);
            }
        }
        jy_buf_addc(b, '}');
    }
    jy_buf_addc(b, ']');
    free(v);
    if (s->ntouchpoints) {
        put(w, ",\"touchpoints\":[");
        for (uint32_t i = 0; i < s->ntouchpoints; i++) {
            t->len = 0;
            jy_append_touchpoint(t, m, &s->touchpoints[i]);
            if (i)
                jy_buf_addc(b, ',');
            jy_json_script_string(b, t->p, t->len);
        }
        jy_buf_addc(b, ']');
    }
    json_items(w, "thoughts", &s->thoughts);
    json_items(w, "pains", &s->pains);
    json_items(w, "opportunities", &s->opportunities);
    json_items(w, "frontstage", &s->frontstage);
    json_items(w, "backstage", &s->backstage);
    json_items(w, "support", &s->support);
    json_texts(w, "artifacts", &s->artifacts);
    if (s->nowners) {
        put(w, ",\"owners\":[");
        for (uint32_t i = 0; i < s->nowners; i++) {
            bool dup = false;
            for (uint32_t k = 0; k < i; k++)
                dup |= s->owners[k] == s->owners[i];
            if (dup)
                continue;
            if (i)
                jy_buf_addc(b, ',');
            const jy_team *tm = &m->teams[s->owners[i]];
            put_json(w, jy_display_name(tm->title, tm->id));
        }
        jy_buf_addc(b, ']');
    }
    if (s->nmetrics) {
        put(w, ",\"metrics\":[");
        for (uint32_t i = 0; i < s->nmetrics; i++) {
            t->len = 0;
            jy_render_metric_text(t, m, &s->metrics[i]);
            jy_buf_printf(b, "%s{\"text\":", i ? "," : "");
            jy_json_script_string(b, t->p, t->len);
            jy_buf_printf(b, ",\"met\":%d}", jy_metric_met(m, &s->metrics[i]));
        }
        jy_buf_addc(b, ']');
    }
    if (s->nevidence) {
        put(w, ",\"evidence\":[");
        for (uint32_t i = 0; i < s->nevidence; i++) {
            put(w, i ? ",{\"kind\":" : "{\"kind\":");
            put_json(w, s->evidence[i].kind);
            put(w, ",\"source\":");
            put_json(w, s->evidence[i].source);
            jy_buf_addc(b, '}');
        }
        jy_buf_addc(b, ']');
    }
    json_texts(w, "notes", &s->notes);
    if (s->description.n) {
        put(w, ",\"description\":");
        put_json(w, s->description);
    }
    json_texts(w, "tags", &s->tags);
    if (s->has_moment) {
        put(w, ",\"moment\":");
        put_json(w, s->moment);
    }
    json_image(w, &s->image);
    jy_buf_addc(b, '}');
}

/* A persona's colour as drawn: its curve's, else its legend marker's. */
static const char *persona_color(const html_writer *w, jy_str id)
{
    const char *found = NULL;
    for (size_t i = 0; i < w->pg->n && !found; i++) {
        const render_item *it = &w->pg->items[i];
        const char *rest = NULL;
        if (it->kind == RI_CURVE && strncmp(it->id, "curve.", 6) == 0)
            rest = it->id + 6;
        else if (it->kind == RI_MARKER && strncmp(it->id, "legend.", 7) == 0)
            rest = it->id + 7;
        if (rest && strlen(rest) == id.n && memcmp(rest, id.s, id.n) == 0)
            found = it->kind == RI_CURVE ? it->stroke : it->fill;
    }
    return found;
}

static void write_data(html_writer *w)
{
    const jy_model *m = w->m;
    jy_buf *b = w->b;
    put(w, "{\"title\":");
    put_json(w, m->title);
    put(w, ",\"personas\":[");
    bool first = true;
    /* Every persona, for the names the panel shows; one persona's view
     * draws (and toggles) only that one. */
    for (uint32_t i = 0; i < m->npersonas; i++) {
        const jy_persona *p = &m->personas[i];
        jy_buf_printf(b, "%s{\"index\":%u,\"id\":", first ? "" : ",", i);
        first = false;
        put_json(w, p->id);
        put(w, ",\"name\":");
        put_json(w, jy_display_name(p->title, p->id));
        const char *color = persona_color(w, p->id);
        if (color) {
            put(w, ",\"color\":");
            put_jsonz(w, color);
        }
        json_image(w, &p->image);
        jy_buf_addc(b, '}');
    }
    /* The lanes drawn, in order, with their labels as drawn. */
    put(w, "],\"lanes\":[");
    first = true;
    for (size_t i = 0; i < w->pg->n; i++) {
        const render_item *it = &w->pg->items[i];
        if (it->kind != RI_BOX || strncmp(it->id, "lane.", 5) != 0 || !it->text)
            continue;
        put(w, first ? "{\"id\":" : ",{\"id\":");
        first = false;
        put_jsonz(w, it->id + 5);
        put(w, ",\"label\":");
        size_t n = strcspn(it->text, "\n");
        jy_json_script_string(b, it->text, n);
        jy_buf_addc(b, '}');
    }
    put(w, "],\"stages\":[");
    for (uint32_t g = 0; g < m->nstages; g++) {
        put(w, g ? ",{\"id\":" : "{\"id\":");
        put_json(w, m->stages[g].id);
        put(w, ",\"title\":");
        put_json(w, jy_display_name(m->stages[g].title, m->stages[g].id));
        jy_buf_addc(b, '}');
    }
    put(w, "],\"steps\":[");
    first = true;
    for (uint32_t i = 0; i < m->nsteps; i++) {
        if (!step_shown(w, &m->steps[i]))
            continue;
        if (!first)
            jy_buf_adds(b, ",\n");
        first = false;
        json_step(w, &m->steps[i]);
        jy_sink_maybe_flush(&w->k);
    }
    put(w, "]}");
}

/* ---- the page ---------------------------------------------------------------- */

static void write_toggles(html_writer *w)
{
    const jy_model *m = w->m;
    bool any = false;
    for (uint32_t i = 0; i < m->npersonas; i++) {
        if (w->r->opts.persona >= 0 && (uint32_t)w->r->opts.persona != i)
            continue;
        if (!any)
            put(w, "<fieldset id=\"personas\"><legend>Personas</legend>\n");
        any = true;
        const jy_persona *p = &m->personas[i];
        put(w, "<label class=\"persona\" data-for=\"");
        put_text(w, p->id);
        put(w, "\"><input type=\"checkbox\" checked data-toggle-persona=\"");
        put_text(w, p->id);
        put(w, "\"><span class=\"swatch\" aria-hidden=\"true\"></span><span class=\"name\">");
        put_text(w, jy_display_name(p->title, p->id));
        put(w, "</span></label>\n");
    }
    if (any)
        put(w, "</fieldset>\n");
    any = false;
    for (size_t i = 0; i < w->pg->n; i++) {
        const render_item *it = &w->pg->items[i];
        if (it->kind != RI_BOX || strncmp(it->id, "lane.", 5) != 0 || !it->text)
            continue;
        if (!any)
            put(w, "<fieldset id=\"lanes\"><legend>Lanes</legend>\n");
        any = true;
        put(w, "<label class=\"lane\"><input type=\"checkbox\" checked data-toggle-lane=\"");
        jy_xml_text(w->b, it->id + 5, strlen(it->id + 5));
        put(w, "\">");
        jy_xml_text(w->b, it->text, strcspn(it->text, "\n"));
        put(w, "</label>\n");
    }
    if (any)
        put(w, "</fieldset>\n");
}

int jy_render_html(FILE *out, const render_map *r, const char *svg, size_t len, char *err, size_t errlen)
{
    html_writer w;
    memset(&w, 0, sizeof w);
    w.r = r;
    w.m = r->m;
    w.pg = &r->pages[0];
    jy_sink_init(&w.k, out);
    w.b = &w.k.b;
    find_hooks(&w);
    jy_map_init(&w.drawn);
    jy_map_init(&w.embedded);
    for (size_t i = 0; i < w.pg->n; i++) {
        const render_item *it = &w.pg->items[i];
        if (it->kind == RI_IMAGE && !jy_map_get(&w.drawn, r->images[it->image].ref->resolved))
            jy_map_put(&w.drawn, r->images[it->image].ref->resolved, (void *)it->id);
    }

    put(&w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"
            HTML_SCRIPT_SHA256 "'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"journey\">\n<title>");
    put_text(&w, w.m->title);
    put(&w, "</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>\n");
    put(&w, html_style);
    put(&w, "</style>\n</head>\n<body>\n<header id=\"bar\">\n<h1 id=\"map-title\">");
    put_text(&w, w.m->title);
    put(&w, "</h1>\n<div id=\"tools\" role=\"group\" aria-label=\"Search and zoom\">\n"
            "<input type=\"search\" id=\"search\" placeholder=\"Search steps\" aria-label=\"Search steps, items and tags\""
            " autocomplete=\"off\" spellcheck=\"false\">\n"
            "<output id=\"count\" for=\"search\" aria-live=\"polite\"></output>\n"
            "<span class=\"zoom\" role=\"group\" aria-label=\"Zoom\">"
            "<button type=\"button\" id=\"zoom-out\" aria-label=\"Zoom out\" title=\"Zoom out (\xE2\x88\x92)\">\xE2\x88\x92</button>"
            "<button type=\"button\" id=\"zoom-fit\" title=\"Fit the map to the window (0)\">Fit</button>"
            "<button type=\"button\" id=\"zoom-reset\" title=\"Actual size (1)\">100%</button>"
            "<button type=\"button\" id=\"zoom-in\" aria-label=\"Zoom in\" title=\"Zoom in (+)\">+</button></span>\n"
            "</div>\n");
    write_toggles(&w);
    put(&w, "</header>\n<main id=\"stage\">\n<div id=\"viewport\" tabindex=\"0\" aria-label=\"The map: + and "
            "\xE2\x88\x92 zoom, 0 fits it to the window, 1 shows it at its size, arrow keys pan; each step is a button "
            "that opens its details\">\n<div id=\"canvas\">\n");
    write_svg(&w, svg, len);
    put(&w, "</div>\n<div id=\"open-mark\" class=\"mark\" hidden></div>\n"
            "<div id=\"focus-mark\" class=\"mark\" hidden></div>\n</div>\n"
            "<div id=\"sticky-lanes\" class=\"sticky\" aria-hidden=\"true\"></div>\n"
            "<div id=\"sticky-stages\" class=\"sticky\" aria-hidden=\"true\"></div>\n"
            "<aside id=\"panel\" role=\"dialog\" aria-modal=\"false\" aria-labelledby=\"panel-title\" hidden>\n"
            "<button type=\"button\" id=\"panel-close\" aria-label=\"Close the details\">\xC3\x97</button>\n"
            "<p id=\"panel-stage\"></p>\n<h2 id=\"panel-title\" tabindex=\"-1\"></h2>\n<p id=\"panel-at\"></p>\n"
            "<div id=\"panel-body\"></div>\n</aside>\n</main>\n"
            "<script type=\"application/json\" id=\"journey-data\">");
    write_data(&w);
    put(&w, "</script>\n<script>");
    put(&w, html_script);
    put(&w, "</script>\n</body>\n</html>\n");

    free(w.hook_list);
    jy_map_free(&w.hooks);
    jy_map_free(&w.drawn);
    for (uint32_t i = 0; i < w.embedded.cap; i++)
        if (w.embedded.slots && w.embedded.slots[i].val && w.embedded.slots[i].val != no_image)
            free(w.embedded.slots[i].val);
    jy_map_free(&w.embedded);
    jy_buf_free(&w.scratch);
    if (jy_sink_close(&w.k) != 0) {
        snprintf(err, errlen, "cannot write the output");
        return -1;
    }
    return 0;
}
