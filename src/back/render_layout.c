/* render_layout.c - the journey map laid out as pages of drawing items.
 *
 * Design notes
 * - The grid is known, so the renderer computes it: a column of lane
 *   labels, then one column per step (stage by stage, under a header band
 *   of stage titles); one row per lane, in the order asked for, leaving out
 *   lanes with no content.  A row is as tall as its tallest cell, with the
 *   text wrapped to the column's width first (render_text.c).  Row heights
 *   are the same on every page, so pages placed side by side line up.
 * - Pages: PNG and PDF have a largest size (32767 pixels at 96 dpi; 200
 *   inches, which viewers refuse beyond); a map wider than that is split
 *   into pages at stage boundaries, and a stage wider than a whole page
 *   at step boundaries.  Every page repeats the title block and the lane
 *   labels.  SVG and DOT are one page.
 * - The emotion lane draws one curve per persona through the step scores.
 *   Each piece between two steps is a cubic Bezier from monotone cubic
 *   (Fritsch-Carlson) interpolation, computed over the persona's whole
 *   journey: between two points the curve stays within their two scores,
 *   so it never leaves the scale, and pieces on different pages meet.
 *   A persona's pieces on a page are one item (one Graphviz edge), which
 *   keeps the cost of a point to its marker.
 * - Limits: a text box is at most RENDER_MAX_LINES lines; the first one
 *   over is recorded with the place of its text (jy_render_too_tall), and the
 *   map is refused rather than drawn.
 * - Every item has an id made from stage, step, lane and persona ids
 *   ("pains.checkout", "emotion.anna.pay"), so that SVG element ids are
 *   stable and a one-step change to a map changes few lines of its SVG.
 *   Separators are '.', which ids cannot contain.
 * - Items are created in drawing order: Graphviz draws them in the order
 *   they were made (render_gv.c), so a later item is drawn on top.
 */
#include "render_int.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- geometry, in points ---------------------------------------------- */

#define MARGIN 24.0            /* around the page */
#define LABEL_W 120.0          /* the column of lane labels */
#define COL_W 156.0            /* one step */
#define PAD_X 7.0              /* text inset in a cell */
#define PAD_Y 6.0
#define TEXT_SIZE 10.0
#define STEP_SIZE 10.5
#define STAGE_SIZE 12.0
#define GOAL_SIZE 9.0
#define LABEL_SIZE 10.0
#define SCORE_SIZE 8.5
#define TITLE_SIZE 22.0
#define SUBTITLE_SIZE 11.0
#define MIN_TITLE_W 520.0
#define MIN_ROW 28.0
#define VIS_ROW 22.0           /* the row of the line of visibility */
#define MARKER 9.0             /* diameter of a point on a curve */
#define SPREAD 5.0             /* personas at one step: horizontal offset */
#define DESCRIPTION_MAX_W 820.0  /* the journey's description: a readable measure */
#define SCALE_H 132.0          /* the emotion scale's height, lowest to highest score, */
#define SCORE_STEP_MIN 10.0    /* as long as one score step stays within these */
#define SCORE_STEP_MAX 28.0
#define LEGEND_ROW 18.0        /* the legend: a row of entries, each */
#define LEGEND_SAMPLE 28.0     /* a sample of the curve (its marker in the middle), */
#define LEGEND_NAME_X 34.0     /* the name after it, */
#define LEGEND_GAP 18.0        /* and a gap before the next entry; */
#define LEGEND_NAME_ROOM 40.0  /* a name leaves this much of the row free */

/* ---- pen widths, in points ---------------------------------------------- */

#define PEN_HAIR 0.75          /* cell borders, grid lines, the zero line */
#define PEN_STAGE 1.25         /* the line between two stages */
#define PEN_VISIBILITY 1.5     /* the line of visibility */
#define PEN_SAMPLE 2.0         /* a legend's sample of a curve */
#define PEN_CURVE 2.25         /* an emotion curve */

/* ---- colours: the theme --------------------------------------------------- */

/* Every colour of the map by its role.  A theme is one such table: the map
 * is drawn from `theme`, so another look is another table, never another
 * code path. */
typedef struct {
    const char *ink, *muted;          /* text, secondary text */
    const char *paper;                /* the page, white text on dark fills */
    const char *border, *grid;        /* cell borders, grid lines */
    const char *stage_line;           /* the line between two stages */
    const char *label_fill;           /* the lane labels' column */
    const char *stage_fill, *stage_goal;
    const char *pain, *pain_fill;     /* also a metric that misses its target */
    const char *opportunity, *opportunity_fill;
    const char *step_fill, *backstage_fill;
    const char *mood;                 /* the curve of a journey without personas */
    const char *zero_line;            /* score 0 on the emotion scale */
    const char *score_backing;        /* behind score labels, translucent */
    /* Paul Tol's "muted" scheme: told apart by people with any common
     * colour vision deficiency; with a marker shape and a dash pattern
     * each, so no persona is recognisable by colour alone. */
    const char *persona[9];
} map_theme;

static const map_theme default_theme = {
    .ink = "#1f2933", .muted = "#52606d", .paper = "#ffffff", .border = "#c3cbd5", .grid = "#d5dbe2",
    .stage_line = "#7b8794", .label_fill = "#e4e8ed", .stage_fill = "#2f3b4c", .stage_goal = "#d9e2ec",
    .pain = "#9b1c1c", .pain_fill = "#fdeded", .opportunity = "#11632f", .opportunity_fill = "#eaf6ee",
    .step_fill = "#f3f5f8", .backstage_fill = "#f4f1fa", .mood = "#3e4c59", .zero_line = "#9aa5b1",
    .score_backing = "#ffffffcc",
    .persona = { "#332288", "#117733", "#cc6677", "#88ccee", "#aa4499", "#44aa99", "#999933", "#882255",
                 "#ddcc77" },
};
static const map_theme *const theme = &default_theme;
#define NCOLORS (sizeof default_theme.persona / sizeof default_theme.persona[0])

/* ---- lanes: one row each ---------------------------------------------------- */

/* How a lane's cells look: the font and size of their text, the fill of
 * the band and the colour of the text (roles of the theme, by offset), and
 * what goes before each item: `marker` always ("▼ " for a pain), or a
 * bullet when the cell holds more than one item. */
typedef struct {
    uint8_t font;                     /* render_font */
    double size;
    size_t fill, color;               /* offsetof(map_theme, ...) */
    const char *marker;
    bool bullet_when_many;
} lane_style;

#define ROLE(r) offsetof(map_theme, r)
static const lane_style lane_styles[RENDER_NLANES] = {
    [RENDER_LANE_STEPS] = { RF_BOLD, STEP_SIZE, ROLE(step_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_TOUCHPOINTS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, true },
    [RENDER_LANE_THOUGHTS] = { RF_ITALIC, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_EMOTIONS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_PAINS] = { RF_REGULAR, TEXT_SIZE, ROLE(pain_fill), ROLE(pain), "\xE2\x96\xBC ", false },   /* ▼ */
    [RENDER_LANE_OPPORTUNITIES] = { RF_REGULAR, TEXT_SIZE, ROLE(opportunity_fill), ROLE(opportunity),
                                    "\xE2\x96\xB2 ", false },                                                   /* ▲ */
    [RENDER_LANE_FRONTSTAGE] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_VISIBILITY] = { RF_ITALIC, SCORE_SIZE, ROLE(paper), ROLE(muted), NULL, false },
    [RENDER_LANE_BACKSTAGE] = { RF_REGULAR, TEXT_SIZE, ROLE(backstage_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_SUPPORT] = { RF_REGULAR, TEXT_SIZE, ROLE(backstage_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_OWNERS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_METRICS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_EVIDENCE] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, true },
};
#undef ROLE

/* The theme's colour at a role's offset. */
static const char *role(size_t offset)
{
    return *(const char *const *)((const char *)theme + offset);
}

static const char *const lane_names[RENDER_NLANES] = {
#define RENDER_LANE_NAME(id, name, label) name,
    RENDER_LANE_LIST(RENDER_LANE_NAME)
#undef RENDER_LANE_NAME
};
static const char *const lane_labels[RENDER_NLANES] = {
#define RENDER_LANE_LABEL(id, name, label) label,
    RENDER_LANE_LIST(RENDER_LANE_LABEL)
#undef RENDER_LANE_LABEL
};

/* ---- options ------------------------------------------------------------ */

void jy_render_options_default(render_options *o)
{
    memset(o, 0, sizeof *o);
    o->format = RENDER_SVG;
    o->persona = -1;
}

static const char *const format_names[] = { "svg", "png", "pdf", "dot", "html" };

bool jy_render_format_parse(const char *name, render_format *out)
{
    for (unsigned i = 0; i < sizeof format_names / sizeof *format_names; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *out = (render_format)i;
            return true;
        }
    if (strcmp(name, "gv") == 0) {
        *out = RENDER_DOT;
        return true;
    }
    if (strcmp(name, "htm") == 0) {
        *out = RENDER_HTML;
        return true;
    }
    return false;
}

bool jy_render_format_from_path(const char *path, render_format *out)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash) || dot[1] == '\0')
        return false;
    char ext[8];
    size_t n = strlen(dot + 1);
    if (n >= sizeof ext)
        return false;
    for (size_t i = 0; i <= n; i++)
        ext[i] = (char)(dot[1 + i] >= 'A' && dot[1 + i] <= 'Z' ? dot[1 + i] - 'A' + 'a' : dot[1 + i]);
    return jy_render_format_parse(ext, out);
}

const char *jy_render_lane_name(render_lane lane)
{
    return (unsigned)lane < RENDER_NLANES ? lane_names[lane] : "?";
}

bool jy_render_lanes_parse(const char *list, render_options *o, const char **bad, size_t *badlen)
{
    o->nlanes = 0;
    bool seen[RENDER_NLANES] = { false };
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        /* Spaces around names are forgiven: "steps, pains". */
        while (n && *p == ' ')
            p++, n--;
        while (n && p[n - 1] == ' ')
            n--;
        int found = -1;
        for (unsigned i = 0; i < RENDER_NLANES; i++)
            if (strlen(lane_names[i]) == n && memcmp(lane_names[i], p, n) == 0)
                found = (int)i;
        if (found < 0 || seen[found]) {
            *bad = p;
            *badlen = n;
            return false;
        }
        seen[found] = true;
        o->lanes[o->nlanes++] = (uint8_t)found;
        if (!end)
            return true;
        p = end + 1;
    }
}

/* ---- items ---------------------------------------------------------------- */

static render_item *add_item(render_page *pg, render_item_kind kind, const char *id)
{
    if (pg->n == pg->cap) {
        pg->cap = pg->cap ? pg->cap * 2 : 256;
        pg->items = jy_xrealloc(pg->items, pg->cap * sizeof *pg->items);
    }
    render_item *it = &pg->items[pg->n++];
    memset(it, 0, sizeof *it);
    it->kind = (uint8_t)kind;
    it->id = id;
    return it;
}

static const char *arena_fmt(jy_arena *a, const char *fmt, ...) JY_PRINTF(2, 3);
static const char *arena_fmt(jy_arena *a, const char *fmt, ...)
{
    char small[160];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n < sizeof small)
        return jy_arena_strndup(a, small, (size_t)n);
    char *p = jy_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* How much of an id to show in a message: at most 40 bytes, ending
 * between characters (a derived id can be as long as a title). */
static int clip(jy_str id)
{
    size_t n = id.n;
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)id.s[n] & 0xC0) == 0x80)
            n--;
    }
    return (int)n;
}

/* Notes a text box of n lines, made from the text at loc (NULL: text the
 * renderer made): the first over RENDER_MAX_LINES is kept, for the command
 * to name (jy_render_too_tall). */
static void note_lines(render_map *r, unsigned long n, const jy_loc *loc, const char *fmt, ...) JY_PRINTF(4, 5);
static void note_lines(render_map *r, unsigned long n, const jy_loc *loc, const char *fmt, ...)
{
    if (n <= RENDER_MAX_LINES || r->too_tall.lines)
        return;
    r->too_tall.lines = n;
    r->too_tall.has_loc = loc != NULL;
    if (loc)
        r->too_tall.loc = *loc;
    va_list ap;
    va_start(ap, fmt);
    char small[200];
    vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    r->too_tall.what = jy_arena_strndup(r->arena, small, strlen(small));
}

/* A box, with text or without. */
static render_item *box(render_page *pg, const char *id, double x, double y, double w, double h)
{
    render_item *it = add_item(pg, RI_BOX, id);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->pad_x = PAD_X;
    it->pad_y = PAD_Y;
    it->align = RA_LEFT;
    it->valign = RV_TOP;
    it->color = theme->ink;
    return it;
}

/* A box as tall as its text, wrapped to the box's width (no padding). */
static render_item *text_block(render_map *r, render_page *pg, const char *id, double x, double y, double w,
                               jy_str text, render_font font, double size, const char *color, const jy_loc *loc)
{
    jy_buf t = { 0 };
    double wid = 0;
    unsigned n = jy_render_wrap(&t, text, NULL, font, size, w / r->widen, &wid);
    note_lines(r, n, loc, "the %s", strcmp(id, "empty") ? id : "message in place of the steps");
    render_item *it = box(pg, id, x, y, w, n * size * RENDER_LINE_HEIGHT);
    it->text = jy_arena_strndup(r->arena, t.p, t.len);
    it->text_w = wid;
    it->font = (uint8_t)font;
    it->size = size;
    it->color = color;
    it->pad_x = it->pad_y = 0;
    jy_buf_free(&t);
    return it;
}

static void line(render_page *pg, const char *id, double x1, double y1, double x2, double y2, const char *color,
                 double pen, render_dash dash)
{
    render_item *it = add_item(pg, RI_LINE, id);
    it->pts[0] = x1;
    it->pts[1] = y1;
    it->pts[2] = x2;
    it->pts[3] = y2;
    it->stroke = color;
    it->pen = pen;
    it->dash = (uint8_t)dash;
}

/* ---- what the map shows -------------------------------------------------- */

/* One curve: a persona's emotions, or the steps' own in a map without
 * personas (persona -1). */
typedef struct {
    int32_t persona;
    const char *id;            /* persona id, or "all" */
    const char *color;
    uint8_t shape, dash;
    uint32_t *at;              /* shown-step index of each point */
    int *score;
    double *slope;             /* tangent at each point, in score per column */
    uint32_t n;
} series;

/* A laid-out cell's text. */
typedef struct {
    const char *text;          /* NULL: empty */
    uint16_t nlines;
    bool missed;               /* metrics: one misses its kpi's target */
    float widest;
} cell;

typedef struct {
    render_map *r;
    const jy_model *m;
    uint32_t *shown;           /* model step index of each shown step */
    uint32_t nshown;
    uint32_t *stage_first;     /* per stage: first shown step, or nshown */
    uint32_t *stage_count;
    series *series;
    uint32_t nseries;
    bool lane_on[RENDER_NLANES];
    uint8_t order[RENDER_NLANES];
    unsigned norder;
    cell *cells;               /* [shown step][lane] */
    double row_h[RENDER_NLANES];
    double header_h;           /* the stage band */
    double title_h;            /* title block, including the legend */
    int lo, hi;                /* the emotion scale */
    double unit;               /* points per score step */
    double emo_top;            /* from the top of the emotion row to hi */
    jy_buf scratch;
} planner;

static bool step_concerns(const jy_step *s, int32_t p)
{
    return p < 0 || jy_step_feeling(s, (uint32_t)p) != NULL;
}

/* ---- cell texts --------------------------------------------------------- */

typedef struct {
    planner *pl;
    jy_buf *out;
    render_font font;
    double size;
    double width;
    unsigned nlines;
    double widest;
    jy_buf item;               /* an item's text while it is put together */
    const jy_loc *over;        /* the item that took the cell past
                                  RENDER_MAX_LINES lines */
} cell_writer;

static void cw_item(cell_writer *w, jy_str text, const char *prefix, const jy_loc *loc)
{
    double widest = 0;
    w->nlines += jy_render_wrap(w->out, text, prefix, w->font, w->size, w->width, &widest);
    if (widest > w->widest)
        w->widest = widest;
    if (w->nlines > RENDER_MAX_LINES && !w->over)
        w->over = loc;
}

static void cw_texts(cell_writer *w, const jy_items *t, const char *marker)
{
    const char *prefix = marker ? marker : t->n > 1 ? "\xE2\x80\xA2 " : NULL;   /* • */
    for (uint32_t i = 0; i < t->n; i++)
        cw_item(w, t->items[i].text, prefix, &t->items[i].loc);
}

/* "target ≥ 85%", "target ≤ 3 days", "target 30" */
static void metric_line(jy_buf *b, const jy_model *m, const jy_metric *mt, int met)
{
    const jy_kpi *k = &m->kpis[mt->kpi];
    char num[32];
    jy_buf_adds(b, met > 0 ? "\xE2\x9C\x94 " : met == 0 ? "\xE2\x9C\x98 " : "");   /* ✔ ✘ */
    jy_buf_addstr(b, jy_display_name(k->title, k->id));
    jy_buf_addc(b, ' ');
    jy_append_metric_value(b, m, mt);
    if (k->has_target) {
        jy_buf_adds(b, " \xC2\xB7 target ");   /* · */
        jy_buf_adds(b, k->better == JY_BETTER_HIGHER ? "\xE2\x89\xA5 " : k->better == JY_BETTER_LOWER ? "\xE2\x89\xA4 " : "");
        jy_buf_adds(b, jy_format_number(num, k->target));
        jy_append_unit(b, k->unit);
    }
    if (met == 0)
        jy_buf_adds(b, " (missed)");
}

/* Fills one cell of a text lane; returns false when it has no content. */
/* What goes before each of a cell's n items in a lane of style st. */
static const char *item_prefix(const lane_style *st, uint32_t n)
{
    return st->bullet_when_many && n > 1 ? "\xE2\x80\xA2 " : st->marker;   /* • */
}

static bool make_cell(planner *pl, unsigned lane, const jy_step *s, cell *c)
{
    const jy_model *m = pl->m;
    jy_buf *out = &pl->scratch;
    out->len = 0;
    const lane_style *st = &lane_styles[lane];
    cell_writer w = { pl, out, (render_font)st->font, st->size, (COL_W - 2 * PAD_X) / pl->r->widen, 0, 0, { 0 }, NULL };
    jy_buf *t = &w.item;
    c->missed = false;
    switch (lane) {
    case RENDER_LANE_STEPS:
        cw_item(&w, s->title, NULL, &s->loc);
        break;
    case RENDER_LANE_TOUCHPOINTS: {
        for (uint32_t i = 0; i < s->ntouchpoints; i++) {
            const jy_touchpoint *tp = &s->touchpoints[i];
            t->len = 0;
            jy_append_touchpoint(t, m, tp);
            cw_item(&w, jy_str_make(t->p, t->len), item_prefix(st, s->ntouchpoints), &tp->loc);
        }
        break;
    }
    case RENDER_LANE_THOUGHTS: {
        for (uint32_t i = 0; i < s->thoughts.n; i++) {
            t->len = 0;
            jy_buf_adds(t, "\xE2\x80\x9C");   /* “ */
            jy_buf_add(t, s->thoughts.items[i].text.s, s->thoughts.items[i].text.n);
            jy_buf_adds(t, "\xE2\x80\x9D");   /* ” */
            cw_item(&w, jy_str_make(t->p, t->len), NULL, &s->thoughts.items[i].loc);
        }
        break;
    }
    case RENDER_LANE_PAINS: cw_texts(&w, &s->pains, item_prefix(st, s->pains.n)); break;
    case RENDER_LANE_OPPORTUNITIES: cw_texts(&w, &s->opportunities, item_prefix(st, s->opportunities.n)); break;
    case RENDER_LANE_FRONTSTAGE: cw_texts(&w, &s->frontstage, item_prefix(st, s->frontstage.n)); break;
    case RENDER_LANE_BACKSTAGE: cw_texts(&w, &s->backstage, item_prefix(st, s->backstage.n)); break;
    case RENDER_LANE_SUPPORT: cw_texts(&w, &s->support, item_prefix(st, s->support.n)); break;
    case RENDER_LANE_OWNERS:
        for (uint32_t i = 0; i < s->nowners; i++) {
            bool dup = false;
            for (uint32_t k = 0; k < i; k++)
                dup |= s->owners[k] == s->owners[i];
            if (!dup)
                cw_item(&w, jy_display_name(m->teams[s->owners[i]].title, m->teams[s->owners[i]].id), NULL,
                        &m->teams[s->owners[i]].loc);
        }
        break;
    case RENDER_LANE_METRICS: {
        for (uint32_t i = 0; i < s->nmetrics; i++) {
            t->len = 0;
            int met = jy_metric_met(m, &s->metrics[i]);
            c->missed |= met == 0;
            metric_line(t, m, &s->metrics[i], met);
            cw_item(&w, jy_str_make(t->p, t->len), NULL, &s->metrics[i].loc);
        }
        break;
    }
    case RENDER_LANE_EVIDENCE: {
        for (uint32_t i = 0; i < s->nevidence; i++) {
            const jy_evidence *e = &s->evidence[i];
            t->len = 0;
            jy_buf_add(t, e->kind.s, e->kind.n);
            if (t->len && t->p[0] >= 'a' && t->p[0] <= 'z')
                t->p[0] = (char)(t->p[0] - 'a' + 'A');
            jy_buf_adds(t, ": ");
            jy_buf_add(t, e->source.s, e->source.n);
            cw_item(&w, jy_str_make(t->p, t->len), item_prefix(st, s->nevidence), &e->loc);
        }
        break;
    }
    default:
        break;
    }
    jy_buf_free(t);
    if (!w.nlines) {
        c->text = NULL;
        return false;
    }
    note_lines(pl->r, w.nlines, w.over, "the %s of step '%.*s'", lane == RENDER_LANE_STEPS ? "title" : lane_names[lane],
               clip(s->id), s->id.s);
    c->text = jy_arena_strndup(pl->r->arena, out->p, out->len);
    c->nlines = (uint16_t)(w.nlines > 65535 ? 65535 : w.nlines);
    c->widest = (float)w.widest;
    return true;
}

static double text_height(unsigned nlines, double size)
{
    return nlines * size * RENDER_LINE_HEIGHT;
}

/* ---- what to show ------------------------------------------------------- */

uint64_t jy_render_emotion_points(const jy_model *m, const render_options *o)
{
    bool drawn = o->nlanes == 0;
    for (unsigned i = 0; i < o->nlanes; i++)
        drawn |= o->lanes[i] == RENDER_LANE_EMOTIONS;
    uint64_t n = 0;
    for (uint32_t i = 0; drawn && i < m->nsteps; i++) {
        const jy_step *s = &m->steps[i];
        if (!m->npersonas) {
            n += s->has_mood;
            continue;
        }
        for (uint32_t k = 0; k < s->nfeel; k++)
            n += s->feel[k].has && (o->persona < 0 || (int32_t)s->feel[k].persona == o->persona);
    }
    return n;
}

static void choose_steps(planner *pl)
{
    const jy_model *m = pl->m;
    int32_t p = pl->r->opts.persona;
    pl->shown = jy_xmalloc((m->nsteps + 1) * sizeof *pl->shown);
    pl->stage_first = jy_xmalloc((m->nstages + 1) * sizeof *pl->stage_first);
    pl->stage_count = jy_xcalloc(m->nstages + 1, sizeof *pl->stage_count);
    for (uint32_t g = 0; g < m->nstages; g++) {
        pl->stage_first[g] = pl->nshown;
        const jy_stage *st = &m->stages[g];
        for (uint32_t i = st->first_step; i < st->first_step + st->nsteps; i++)
            if (step_concerns(&m->steps[i], p)) {
                pl->shown[pl->nshown++] = i;
                pl->stage_count[g]++;
            }
    }
}

static void make_series(planner *pl)
{
    const jy_model *m = pl->m;
    int32_t only = pl->r->opts.persona;
    uint32_t count = m->npersonas ? (only >= 0 ? 1 : m->npersonas) : 1;
    pl->series = jy_xcalloc(count, sizeof *pl->series);
    for (uint32_t k = 0; k < count; k++) {
        series *sr = &pl->series[pl->nseries++];
        int32_t p = m->npersonas ? (only >= 0 ? only : (int32_t)k) : -1;
        sr->persona = p;
        sr->id = p >= 0 ? jy_arena_strndup(pl->r->arena, m->personas[p].id.s, m->personas[p].id.n) : "all";
        unsigned idx = p >= 0 ? (unsigned)p : 0;
        sr->color = p >= 0 ? theme->persona[idx % NCOLORS] : theme->mood;
        /* Past the ninth persona colours repeat; the shape moves on by one
         * each time round, so no two personas look the same. */
        sr->shape = (uint8_t)(p >= 0 ? (idx + idx / NCOLORS) % RS_COUNT : 0);
        sr->dash = (uint8_t)(p >= 0 ? idx % 3 : RD_SOLID);
        sr->at = jy_xmalloc((pl->nshown + 1) * sizeof *sr->at);
        sr->score = jy_xmalloc((pl->nshown + 1) * sizeof *sr->score);
        sr->slope = jy_xmalloc((pl->nshown + 1) * sizeof *sr->slope);
        for (uint32_t i = 0; i < pl->nshown; i++) {
            int score;
            jy_str label;
            if (jy_step_score(&m->steps[pl->shown[i]], p < 0 ? JY_MOOD : p, &score, &label)) {
                sr->at[sr->n] = i;
                sr->score[sr->n] = score;
                sr->n++;
            }
        }
    }
}

/* Fritsch-Carlson: tangents for a monotone cubic Hermite interpolation of
 * (at[i], score[i]); x in columns, y in score units. */
static void monotone_slopes(series *sr)
{
    uint32_t n = sr->n;
    if (n == 0)
        return;
    if (n == 1) {
        sr->slope[0] = 0;
        return;
    }
    double *d = jy_xmalloc(n * sizeof *d);
    for (uint32_t i = 0; i + 1 < n; i++)
        d[i] = (double)(sr->score[i + 1] - sr->score[i]) / (double)(sr->at[i + 1] - sr->at[i]);
    sr->slope[0] = d[0];
    sr->slope[n - 1] = d[n - 2];
    for (uint32_t i = 1; i + 1 < n; i++)
        sr->slope[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
    for (uint32_t i = 0; i + 1 < n; i++) {
        if (d[i] == 0) {
            sr->slope[i] = sr->slope[i + 1] = 0;
            continue;
        }
        double a = sr->slope[i] / d[i], b = sr->slope[i + 1] / d[i];
        double h = a * a + b * b;
        if (h > 9) {
            double t = 3 / sqrt(h);
            sr->slope[i] = t * a * d[i];
            sr->slope[i + 1] = t * b * d[i];
        }
    }
    free(d);
}

static void choose_lanes(planner *pl)
{
    const render_options *o = &pl->r->opts;
    uint8_t all[RENDER_NLANES];
    const uint8_t *order = o->lanes;
    unsigned n = o->nlanes;
    if (!n) {
        for (unsigned i = 0; i < RENDER_NLANES; i++)
            if (i != RENDER_LANE_EVIDENCE)
                all[n++] = (uint8_t)i;
        order = all;
    }
    bool has[RENDER_NLANES] = { false };
    for (uint32_t i = 0; i < pl->nshown; i++) {
        const jy_step *s = &pl->m->steps[pl->shown[i]];
        has[RENDER_LANE_STEPS] = true;
        has[RENDER_LANE_TOUCHPOINTS] |= s->ntouchpoints > 0;
        has[RENDER_LANE_THOUGHTS] |= s->thoughts.n > 0;
        has[RENDER_LANE_PAINS] |= s->pains.n > 0;
        has[RENDER_LANE_OPPORTUNITIES] |= s->opportunities.n > 0;
        has[RENDER_LANE_FRONTSTAGE] |= s->frontstage.n > 0;
        has[RENDER_LANE_BACKSTAGE] |= s->backstage.n > 0;
        has[RENDER_LANE_SUPPORT] |= s->support.n > 0;
        has[RENDER_LANE_OWNERS] |= s->nowners > 0;
        has[RENDER_LANE_METRICS] |= s->nmetrics > 0;
        has[RENDER_LANE_EVIDENCE] |= s->nevidence > 0;
    }
    for (uint32_t k = 0; k < pl->nseries; k++)
        has[RENDER_LANE_EMOTIONS] |= pl->series[k].n > 0;
    /* The line of visibility separates what the customer sees from what
     * happens behind it: drawn when something is shown on both sides. */
    bool above = false;
    for (unsigned i = 0; i < n; i++) {
        unsigned l = order[i];
        if (l == RENDER_LANE_VISIBILITY) {
            bool below = false;
            for (unsigned j = i + 1; j < n; j++)
                below |= (order[j] == RENDER_LANE_BACKSTAGE || order[j] == RENDER_LANE_SUPPORT) && has[order[j]];
            if (above && below)
                pl->order[pl->norder++] = (uint8_t)l;
            continue;
        }
        if (has[l]) {
            pl->order[pl->norder++] = (uint8_t)l;
            pl->lane_on[l] = true;
            above = true;
        }
    }
    for (unsigned i = 0; i < pl->norder; i++)
        pl->lane_on[pl->order[i]] = true;
}

/* ---- heights -------------------------------------------------------------- */

static void scale_geometry(planner *pl)
{
    pl->lo = pl->m->scale_lo;
    pl->hi = pl->m->scale_hi;
    int span = pl->hi - pl->lo;
    if (span < 1)
        span = 1;
    double unit = SCALE_H / span;
    pl->unit = unit > SCORE_STEP_MAX ? SCORE_STEP_MAX : unit < SCORE_STEP_MIN ? SCORE_STEP_MIN : unit;
    /* Room above the top score for a label, and a little below the floor. */
    pl->emo_top = 10 + 2 * SCORE_SIZE * RENDER_LINE_HEIGHT;
    pl->row_h[RENDER_LANE_EMOTIONS] = pl->emo_top + span * pl->unit + 16;
}

static void measure_cells(planner *pl)
{
    free(pl->cells);
    pl->cells = jy_xcalloc((size_t)pl->nshown * RENDER_NLANES + 1, sizeof *pl->cells);
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        if (lane == RENDER_LANE_EMOTIONS)
            continue;
        if (lane == RENDER_LANE_VISIBILITY) {
            pl->row_h[lane] = VIS_ROW;
            continue;
        }
        double h = MIN_ROW;
        double label = text_height(1, LABEL_SIZE) + 2 * PAD_Y;
        if (label > h)
            h = label;
        for (uint32_t i = 0; i < pl->nshown; i++) {
            cell *c = &pl->cells[(size_t)i * RENDER_NLANES + lane];
            if (!make_cell(pl, lane, &pl->m->steps[pl->shown[i]], c))
                continue;
            double size = lane == RENDER_LANE_STEPS ? STEP_SIZE : TEXT_SIZE;
            double ch = text_height(c->nlines, size) + 2 * PAD_Y;
            if (ch > h)
                h = ch;
        }
        pl->row_h[lane] = ceil(h);
    }
}

/* The shown steps [*first, *end) of stage g that are on a page; false when
 * it has none there. */
static bool stage_on_page(const planner *pl, const render_page *page, uint32_t g, uint32_t *first, uint32_t *end)
{
    *first = pl->stage_first[g] > page->first_step ? pl->stage_first[g] : page->first_step;
    *end = pl->stage_first[g] + pl->stage_count[g];
    if (*end > page->end_step)
        *end = page->end_step;
    return *end > *first;
}

/* The stage band: as tall as the tallest stage title with its goals, each
 * wrapped to the width its steps give it on its page. */
static double stage_header_height(planner *pl, const render_map *r)
{
    double h = 0;
    for (unsigned pg = 0; pg < r->npages; pg++) {
        const render_page *page = &r->pages[pg];
        for (uint32_t g = page->first_stage; g <= page->last_stage && g < pl->m->nstages; g++) {
            uint32_t first, end;
            if (!stage_on_page(pl, page, g, &first, &end))
                continue;
            double w = ((end - first) * COL_W - 2 * PAD_X) / r->widen;
            const jy_stage *st = &pl->m->stages[g];
            pl->scratch.len = 0;
            unsigned n = jy_render_wrap(&pl->scratch, st->title, NULL, RF_BOLD, STAGE_SIZE, w, NULL);
            note_lines(pl->r, n + 1, &st->loc, "the header of stage '%.*s'", clip(st->id), st->id.s);
            double th = text_height(n, STAGE_SIZE);
            pl->scratch.len = 0;
            unsigned ng = 0;
            const jy_loc *over = NULL;
            for (uint32_t i = 0; i < st->goals.n; i++) {
                ng += jy_render_wrap(&pl->scratch, st->goals.items[i].text, "Goal: ", RF_ITALIC, GOAL_SIZE, w, NULL);
                if (ng > RENDER_MAX_LINES && !over)
                    over = &st->goals.items[i].loc;
            }
            note_lines(pl->r, ng, over, "the goals of stage '%.*s'", clip(st->id), st->id.s);
            th += text_height(ng, GOAL_SIZE);
            if (th > h)
                h = th;
        }
    }
    return ceil(h + 2 * PAD_Y + 2);
}

/* ---- pages ---------------------------------------------------------------- */

static double max_page_width(render_format f)
{
    switch (f) {
    case RENDER_PNG: return floor((RENDER_MAX_PNG_PIXELS - 1) * 72.0 / 96.0);
    case RENDER_PDF: return RENDER_MAX_PDF_POINTS;
    default: return INFINITY;
    }
}

static void new_page(render_map *r, uint32_t first_stage, uint32_t first_step)
{
    r->pages = jy_xrealloc(r->pages, (r->npages + 1) * sizeof *r->pages);
    render_page *pg = &r->pages[r->npages++];
    memset(pg, 0, sizeof *pg);
    pg->first_stage = first_stage;
    pg->last_stage = first_stage;
    pg->first_step = first_step;
    pg->end_step = first_step;
}

/* Splits the shown steps into pages: whole stages while they fit, a stage
 * wider than a page at step boundaries.  (Indices here are shown steps.) */
static void paginate(planner *pl)
{
    render_map *r = pl->r;
    double avail = max_page_width(r->opts.format) - 2 * MARGIN - LABEL_W;
    uint32_t cols = isinf(avail) ? UINT32_MAX : (uint32_t)(avail / COL_W);
    if (cols < 1)
        cols = 1;
    new_page(r, 0, 0);
    for (uint32_t g = 0; g < pl->m->nstages; g++) {
        uint32_t left = pl->stage_count[g];
        render_page *pg = &r->pages[r->npages - 1];
        uint32_t used = pg->end_step - pg->first_step;
        if (left && used && used + left > cols) {
            new_page(r, g, pg->end_step);
            pg = &r->pages[r->npages - 1];
            used = 0;
        }
        while (used + left > cols) {
            uint32_t take = cols - used;
            pg->end_step += take;
            pg->last_stage = g;
            left -= take;
            new_page(r, g, pg->end_step);
            pg = &r->pages[r->npages - 1];
            used = 0;
        }
        pg->end_step += left;
        if (left || g == 0)
            pg->last_stage = g;
    }
}

/* ---- building a page ------------------------------------------------------- */

typedef struct {
    planner *pl;
    render_page *pg;
    double grid_x, grid_y;     /* top-left of the first step column */
    double lane_y[RENDER_NLANES];
    double grid_bottom;
} page_builder;

static double column_x(const page_builder *b, uint32_t shown)
{
    return b->grid_x + (shown - b->pg->first_step) * COL_W;
}

static const char *step_id(const planner *pl, uint32_t shown)
{
    const jy_step *s = &pl->m->steps[pl->shown[shown]];
    return jy_arena_strndup(pl->r->arena, s->id.s, s->id.n);
}

static double score_y(const page_builder *b, double score)
{
    const planner *pl = b->pl;
    return b->lane_y[RENDER_LANE_EMOTIONS] + pl->emo_top + (pl->hi - score) * pl->unit;
}

/* A number on the scale, with a real minus sign. */
static void put_score(jy_buf *b, int v)
{
    if (v < 0)
        jy_buf_printf(b, "\xE2\x88\x92%d", -v);
    else if (v > 0)
        jy_buf_printf(b, "+%d", v);
    else
        jy_buf_adds(b, "0");
}

static void title_block(page_builder *b, double width, unsigned page, unsigned npages)
{
    planner *pl = b->pl;
    render_map *r = pl->r;
    const jy_model *m = pl->m;
    jy_arena *a = r->arena;
    double y = MARGIN;
    double wid = 0;
    jy_buf t = { 0 };

    render_item *it = text_block(r, b->pg, "title", MARGIN, y, width, m->title, RF_BOLD, TITLE_SIZE, theme->ink, &m->loc);
    y += it->h + 4;

    jy_buf sub = { 0 };
    /* The author's word: "as-is"/"to-be" maps say so; current and future keep their names. */
    if (jy_str_eqz(m->state_word, "as-is"))
        jy_buf_adds(&sub, "As-is map");
    else if (jy_str_eqz(m->state_word, "to-be"))
        jy_buf_adds(&sub, "To-be map");
    else
        jy_buf_adds(&sub, m->state == JY_STATE_FUTURE ? "Future-state map" : "Current-state map");
    if (r->opts.persona >= 0) {
        jy_str name = jy_display_name(m->personas[r->opts.persona].title, m->personas[r->opts.persona].id);
        jy_buf_adds(&sub, " \xC2\xB7 the view of ");
        jy_buf_add(&sub, name.s, name.n);
    }
    jy_buf_adds(&sub, " \xC2\xB7 emotions from ");
    put_score(&sub, m->scale_lo);
    jy_buf_adds(&sub, " to ");
    put_score(&sub, m->scale_hi);
    jy_buf_printf(&sub, " \xC2\xB7 %u %s in %u %s", pl->nshown, pl->nshown == 1 ? "step" : "steps", m->nstages,
               m->nstages == 1 ? "stage" : "stages");
    if (npages > 1)
        jy_buf_printf(&sub, " \xC2\xB7 page %u of %u", page + 1, npages);
    it = text_block(r, b->pg, "subtitle", MARGIN, y, width, jy_str_make(sub.p, sub.len), RF_REGULAR, SUBTITLE_SIZE,
                    theme->muted, r->opts.persona >= 0 ? &m->personas[r->opts.persona].loc : NULL);
    y += it->h + 6;
    jy_buf_free(&sub);

    if (m->description.n) {
        it = text_block(r, b->pg, "description", MARGIN, y, width < DESCRIPTION_MAX_W ? width : DESCRIPTION_MAX_W, m->description, RF_REGULAR,
                        TEXT_SIZE, theme->ink, NULL);   /* the model keeps no place for it */
        y += it->h + 6;
    }

    /* The legend: a sample of each curve, marker and dash, and its name. */
    if (pl->lane_on[RENDER_LANE_EMOTIONS] && m->npersonas) {
        double x = MARGIN, row_h = LEGEND_ROW;
        y += 4;
        for (uint32_t k = 0; k < pl->nseries; k++) {
            const series *sr = &pl->series[k];
            const jy_persona *p = &m->personas[sr->persona];
            jy_str name = jy_display_name(p->title, p->id);
            double nw = jy_render_text_width(name.s, name.n, RF_REGULAR, TEXT_SIZE) * r->widen + 2;
            if (nw > width - LEGEND_NAME_ROOM)
                nw = width - LEGEND_NAME_ROOM;
            double entry = LEGEND_NAME_X + nw + LEGEND_GAP;
            if (x > MARGIN && x + entry > MARGIN + width) {
                x = MARGIN;
                y += row_h;
            }
            double cy = y + row_h / 2;
            line(b->pg, arena_fmt(a, "legend-line.%s", sr->id), x, cy, x + LEGEND_SAMPLE, cy, sr->color, PEN_SAMPLE,
                 (render_dash)sr->dash);
            render_item *mk = add_item(b->pg, RI_MARKER, arena_fmt(a, "legend.%s", sr->id));
            mk->x = x + LEGEND_SAMPLE / 2;
            mk->y = cy;
            mk->w = MARKER;
            mk->fill = sr->color;
            mk->shape = sr->shape;
            t.len = 0;
            note_lines(r, jy_render_wrap(&t, name, NULL, RF_REGULAR, TEXT_SIZE, nw / r->widen, &wid), &p->loc,
                       "the legend's name of persona '%.*s'", clip(p->id), p->id.s);
            it = box(b->pg, arena_fmt(a, "legend-name.%s", sr->id), x + LEGEND_NAME_X, y, nw, row_h);
            it->text = jy_arena_strndup(a, t.p, t.len);
            it->text_w = wid;
            it->size = TEXT_SIZE;
            it->pad_x = 0;
            it->pad_y = 0;
            it->valign = RV_MIDDLE;
            x += entry;
        }
        y += row_h;
    }
    jy_buf_free(&t);
    pl->title_h = y - MARGIN;
}

static void stage_band(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    const render_page *pg = b->pg;
    double y = b->grid_y - pl->header_h;
    render_item *lab = box(b->pg, "stage-label", MARGIN, y, LABEL_W, pl->header_h);
    lab->fill = theme->stage_fill;
    lab->stroke = theme->stage_fill;
    lab->pen = PEN_HAIR;
    for (uint32_t g = pg->first_stage; g <= pg->last_stage && g < pl->m->nstages; g++) {
        uint32_t first, end;
        if (!stage_on_page(pl, pg, g, &first, &end))
            continue;
        const jy_stage *st = &pl->m->stages[g];
        const char *sid = jy_arena_strndup(a, st->id.s, st->id.n);
        double x = column_x(b, first), w = (end - first) * COL_W;
        double tw = (w - 2 * PAD_X) / pl->r->widen, wid = 0, gw = 0;
        jy_buf t = { 0 };
        unsigned n = jy_render_wrap(&t, st->title, NULL, RF_BOLD, STAGE_SIZE, tw, &wid);
        if (first > pl->stage_first[g])
            jy_buf_adds(&t, "(continued)\n"), n++;
        render_item *it = box(b->pg, arena_fmt(a, "stage.%s", sid), x, y, w, pl->header_h);
        it->fill = theme->stage_fill;
        it->stroke = theme->paper;
        it->pen = PEN_HAIR;
        it->text = jy_arena_strndup(a, t.p, t.len);
        it->text_w = wid;
        it->font = RF_BOLD;
        it->size = STAGE_SIZE;
        it->color = theme->paper;
        if (st->goals.n) {
            /* The goals, in the band under the title. */
            t.len = 0;
            for (uint32_t i = 0; i < st->goals.n; i++) {
                double one = 0;
                jy_render_wrap(&t, st->goals.items[i].text, "Goal: ", RF_ITALIC, GOAL_SIZE, tw, &one);
                if (one > gw)
                    gw = one;
            }
            double top = PAD_Y + text_height(n, STAGE_SIZE) + 2;
            render_item *gi = box(b->pg, arena_fmt(a, "stage-goal.%s", sid), x, y + top, w, pl->header_h - top);
            gi->text = jy_arena_strndup(a, t.p, t.len);
            gi->text_w = gw;
            gi->font = RF_ITALIC;
            gi->size = GOAL_SIZE;
            gi->color = theme->stage_goal;
            gi->pad_y = 0;
        }
        jy_buf_free(&t);
    }
}

static void lanes(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    double grid_w = (b->pg->end_step - b->pg->first_step) * COL_W;
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        double y = b->lane_y[lane], h = pl->row_h[lane];
        const char *name = lane_names[lane];
        if (lane == RENDER_LANE_VISIBILITY) {
            render_item *it = box(b->pg, "lane.visibility", MARGIN, y, LABEL_W, h);
            it->text = "Line of visibility\n";
            const lane_style *st = &lane_styles[lane];
            it->font = st->font;
            it->size = st->size;
            it->color = role(st->color);
            it->text_w = jy_render_text_width(it->text, strlen(it->text) - 1, (render_font)st->font, st->size);
            it->valign = RV_MIDDLE;
            continue;
        }
        render_item *it = box(b->pg, arena_fmt(a, "lane.%s", name), MARGIN, y, LABEL_W, h);
        it->fill = theme->label_fill;
        it->stroke = theme->border;
        it->pen = PEN_HAIR;
        it->text = arena_fmt(a, "%s\n", lane_labels[lane]);
        it->text_w = jy_render_text_width(lane_labels[lane], strlen(lane_labels[lane]), RF_BOLD, LABEL_SIZE);
        it->font = RF_BOLD;
        it->size = LABEL_SIZE;
        it->valign = lane == RENDER_LANE_EMOTIONS ? RV_TOP : RV_MIDDLE;
        render_item *band = box(b->pg, arena_fmt(a, "band.%s", name), b->grid_x, y, grid_w, h);
        band->fill = role(lane_styles[lane].fill);
        band->stroke = theme->border;
        band->pen = PEN_HAIR;
    }
    /* Cell texts. */
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        if (lane == RENDER_LANE_EMOTIONS || lane == RENDER_LANE_VISIBILITY)
            continue;
        for (uint32_t i = b->pg->first_step; i < b->pg->end_step; i++) {
            const cell *c = &pl->cells[(size_t)i * RENDER_NLANES + lane];
            if (!c->text)
                continue;
            render_item *it = box(b->pg, arena_fmt(a, "%s.%s", lane_names[lane], step_id(pl, i)), column_x(b, i),
                                  b->lane_y[lane], COL_W, pl->row_h[lane]);
            it->text = c->text;
            it->text_w = c->widest;
            it->font = lane_styles[lane].font;
            it->size = lane_styles[lane].size;
            it->color = role(lane_styles[lane].color);
            if (c->missed)
                it->fill = theme->pain_fill;   /* a metric misses its target */
        }
    }
}

static void grid_lines(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    double top = b->grid_y - pl->header_h, bottom = b->grid_bottom;
    for (uint32_t i = b->pg->first_step + 1; i < b->pg->end_step; i++) {
        const jy_step *s = &pl->m->steps[pl->shown[i]];
        const jy_step *prev = &pl->m->steps[pl->shown[i - 1]];
        bool stage_edge = s->stage != prev->stage;
        double x = column_x(b, i);
        line(b->pg, arena_fmt(a, "grid.%s", step_id(pl, i)), x, stage_edge ? top : b->grid_y, x, bottom,
             stage_edge ? theme->stage_line : theme->grid, stage_edge ? PEN_STAGE : PEN_HAIR, RD_SOLID);
    }
    if (pl->lane_on[RENDER_LANE_VISIBILITY]) {
        double y = b->lane_y[RENDER_LANE_VISIBILITY] + pl->row_h[RENDER_LANE_VISIBILITY] / 2;
        line(b->pg, "visibility", b->grid_x, y, b->grid_x + (b->pg->end_step - b->pg->first_step) * COL_W, y,
             theme->muted, PEN_VISIBILITY, RD_DASHED);
    }
}

/* A score label names at most this many labels: their separators alone
 * (" / ") are wider than the label's two lines, so any more would be cut. */
#define MAX_SCORE_LABELS 64

/* One series' score at a step, and the label it gave. */
typedef struct {
    int score;
    uint32_t series;
    jy_str label;
} score_at;

/* The series sharing one score at a step: at[first, end) once sorted. */
typedef struct {
    uint32_t leader;           /* the first of them */
    uint32_t first, end;
} score_group;

static int by_score(const void *pa, const void *pb)
{
    const score_at *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    return a->series < b->series ? -1 : a->series > b->series;
}

static int by_leader(const void *pa, const void *pb)
{
    const score_group *a = pa, *b = pb;
    return a->leader < b->leader ? -1 : a->leader > b->leader;
}

/* The scores of the series at step s, in one pass over its feelings
 * (series_of: persona -> series, or -1; seen: per series, the step whose
 * score it last gave, so a persona counts once).  Returns how many. */
static uint32_t scores_at(const planner *pl, const jy_step *s, uint32_t step, const int32_t *series_of,
                          uint32_t *seen, score_at *at)
{
    uint32_t n = 0;
    if (pl->nseries == 1 && pl->series[0].persona < 0) {
        if (s->has_mood)
            at[n++] = (score_at){ s->mood, 0, s->mood_label };
        return n;
    }
    for (uint32_t f = 0; f < s->nfeel; f++) {
        const jy_feeling *fe = &s->feel[f];
        int32_t k = series_of[fe->persona];
        if (!fe->has || k < 0 || seen[k] == step + 1)
            continue;
        seen[k] = step + 1;
        at[n++] = (score_at){ fe->score, (uint32_t)k, fe->label };
    }
    return n;
}

static void emotion_lane(page_builder *b)
{
    planner *pl = b->pl;
    const jy_model *m = pl->m;
    jy_arena *a = pl->r->arena;
    render_page *pg = b->pg;
    double x0 = b->grid_x, x1 = b->grid_x + (pg->end_step - pg->first_step) * COL_W;

    /* The scale: a tick label for each score (every few on a long scale)
     * and a dashed line at zero. */
    int span = pl->hi - pl->lo, every = span <= 12 ? 1 : (span + 11) / 12;
    jy_buf t = { 0 };
    for (int v = pl->hi; v >= pl->lo; v--) {
        if ((pl->hi - v) % every && v != pl->lo && v != 0)
            continue;
        t.len = 0;
        put_score(&t, v);
        jy_buf_addc(&t, '\n');
        double y = score_y(b, v);
        render_item *it = box(pg, arena_fmt(a, "axis.%d", v), x0 - 34, y - 7, 30, 14);
        it->text = jy_arena_strndup(a, t.p, t.len);
        it->text_w = jy_render_text_width(t.p, t.len - 1, RF_REGULAR, SCORE_SIZE);
        it->size = SCORE_SIZE;
        it->color = theme->muted;
        it->align = RA_RIGHT;
        it->valign = RV_MIDDLE;
        it->pad_x = 2;
        it->pad_y = 0;
    }
    if (pl->lo < 0 && pl->hi > 0)
        line(pg, "zero", x0, score_y(b, 0), x1, score_y(b, 0), theme->zero_line, PEN_HAIR, RD_DASHED);

    /* Each curve's pieces on this page, joined into one item (one
     * Graphviz edge: a node and an edge per piece cost Graphviz about
     * 3 KB each); pieces to points on another page are left out. */
    for (uint32_t k = 0; k < pl->nseries; k++) {
        const series *sr = &pl->series[k];
        double dx = pl->nseries > 1 ? (k - (pl->nseries - 1) / 2.0) * SPREAD : 0;
        uint32_t first = 0, end;
        while (first < sr->n && sr->at[first] < pg->first_step)
            first++;
        for (end = first; end < sr->n && sr->at[end] < pg->end_step; end++)
            ;
        if (end - first < 2)
            continue;
        uint32_t npieces = end - first - 1;
        double *p = jy_arena_alloc(a, (3 * (size_t)npieces + 1) * 2 * sizeof *p);
        p[0] = column_x(b, sr->at[first]) + COL_W / 2 + dx;
        p[1] = score_y(b, sr->score[first]);
        for (uint32_t i = first; i + 1 < end; i++) {
            double *q = p + 6 * (size_t)(i - first);
            uint32_t s0 = sr->at[i], s1 = sr->at[i + 1];
            double ax = column_x(b, s0) + COL_W / 2 + dx, bx = column_x(b, s1) + COL_W / 2 + dx;
            double h = (double)(s1 - s0);   /* in columns */
            double ya = sr->score[i], yb = sr->score[i + 1];
            double c1 = ya + sr->slope[i] * h / 3, c2 = yb - sr->slope[i + 1] * h / 3;
            q[2] = ax + (bx - ax) / 3;
            q[3] = score_y(b, c1);
            q[4] = bx - (bx - ax) / 3;
            q[5] = score_y(b, c2);
            q[6] = bx;
            q[7] = score_y(b, yb);
        }
        render_item *it = add_item(pg, RI_CURVE, arena_fmt(a, "curve.%s", sr->id));
        it->path = p;
        it->npath = 3 * npieces + 1;
        it->stroke = sr->color;
        it->pen = PEN_CURVE;
        it->dash = sr->dash;
    }
    for (uint32_t k = 0; k < pl->nseries; k++) {
        const series *sr = &pl->series[k];
        double dx = pl->nseries > 1 ? (k - (pl->nseries - 1) / 2.0) * SPREAD : 0;
        for (uint32_t i = 0; i < sr->n; i++) {
            uint32_t s = sr->at[i];
            if (s < pg->first_step || s >= pg->end_step)
                continue;
            render_item *it = add_item(pg, RI_MARKER, arena_fmt(a, "emotion.%s.%s", sr->id, step_id(pl, s)));
            it->x = column_x(b, s) + COL_W / 2 + dx;
            it->y = score_y(b, sr->score[i]);
            it->w = sr->shape == RS_TRIANGLE || sr->shape == RS_INVTRIANGLE ? MARKER + 2 : MARKER;
            it->fill = sr->color;
            it->stroke = theme->paper;
            it->shape = sr->shape;
        }
    }

    /* Score labels: one per score at a step, naming the labels the
     * personas at that score gave ("−1 Chilly").  A label goes above its
     * point, except the lowest of several at one step, which goes below
     * (so two neighbouring scores do not cover each other), and one at the
     * top of the scale with no room above.  Each has a translucent white
     * backing, so curves passing behind it do not strike it through. */
    uint32_t ns = pl->nseries;
    score_at *at = jy_xmalloc((ns + 1) * sizeof *at);
    score_group *groups = jy_xmalloc((ns + 1) * sizeof *groups);
    int32_t *series_of = jy_xmalloc((m->npersonas + 1) * sizeof *series_of);   /* persona -> series, or -1 */
    uint32_t *seen = jy_xcalloc(ns + 1, sizeof *seen);
    for (uint32_t p = 0; p < m->npersonas; p++)
        series_of[p] = -1;
    for (uint32_t k = 0; k < ns; k++)
        if (pl->series[k].persona >= 0)
            series_of[pl->series[k].persona] = (int32_t)k;
    jy_str kept[MAX_SCORE_LABELS];
    for (uint32_t i = pg->first_step; i < pg->end_step; i++) {
        const jy_step *s = &m->steps[pl->shown[i]];
        /* The series with a score here, by score and then series: the
         * personas sharing a score are a run, led by its first series. */
        uint32_t nat = scores_at(pl, s, i, series_of, seen, at);
        qsort(at, nat, sizeof *at, by_score);
        uint32_t ngroups = 0;
        for (uint32_t q = 0; q < nat; q++)
            if (q == 0 || at[q].score != at[q - 1].score)
                groups[ngroups++] = (score_group){ at[q].series, q, 0 };
        for (uint32_t g = 0; g < ngroups; g++)
            groups[g].end = g + 1 < ngroups ? groups[g + 1].first : nat;
        qsort(groups, ngroups, sizeof *groups, by_leader);
        int lowest = nat ? at[0].score : 0;
        for (uint32_t g = 0; g < ngroups; g++) {
            uint32_t k = groups[g].leader;
            int v = at[groups[g].first].score;
            t.len = 0;
            put_score(&t, v);
            unsigned nlabels = 0;
            for (uint32_t q = groups[g].first; q < groups[g].end && nlabels < MAX_SCORE_LABELS; q++) {
                jy_str l2 = at[q].label;
                if (!l2.n)
                    continue;
                bool repeat = false;   /* the same label from two personas */
                for (unsigned r = 0; r < nlabels && !repeat; r++)
                    repeat = jy_str_eq(kept[r], l2);
                if (repeat)
                    continue;
                kept[nlabels] = l2;
                jy_buf_adds(&t, nlabels++ ? " / " : " ");
                jy_buf_add(&t, l2.s, l2.n);
            }
            jy_buf wrapped = { 0 };
            double wid = 0, lw = COL_W - 12;
            unsigned n = jy_render_wrap(&wrapped, jy_str_make(t.p, t.len), NULL, RF_REGULAR, SCORE_SIZE,
                                     lw / pl->r->widen, &wid);
            if (n > 2) {   /* at most two lines: the rest of a long label is cut */
                const char *second = memchr(wrapped.p, '\n', wrapped.len);
                second = memchr(second + 1, '\n', wrapped.len - (size_t)(second + 1 - wrapped.p));
                wrapped.len = (size_t)(second - wrapped.p);
                jy_buf_adds(&wrapped, "\xE2\x80\xA6\n");   /* … */
                wid = lw / pl->r->widen;
                n = 2;
            }
            double th = text_height(n, SCORE_SIZE);
            double bw = wid * pl->r->widen + 6;
            if (bw > lw)
                bw = lw;
            double py = score_y(b, v);
            double ty = py - MARKER / 2 - 2 - th;
            if ((ngroups > 1 && v == lowest) || ty < b->lane_y[RENDER_LANE_EMOTIONS] + 2)
                ty = py + MARKER / 2 + 2;
            render_item *it = box(pg, arena_fmt(a, "score.%s.%s", pl->series[k].id, step_id(pl, i)),
                                  column_x(b, i) + (COL_W - bw) / 2, ty, bw, th);
            it->text = jy_arena_strndup(a, wrapped.p, wrapped.len);
            it->text_w = wid;
            it->size = SCORE_SIZE;
            it->color = theme->ink;
            it->align = RA_CENTER;
            it->valign = RV_MIDDLE;
            it->fill = theme->score_backing;
            it->pad_x = it->pad_y = 0;
            jy_buf_free(&wrapped);
        }
    }
    free(at);
    free(groups);
    free(series_of);
    free(seen);
    jy_buf_free(&t);
}

static void build_page(planner *pl, unsigned index)
{
    render_map *r = pl->r;
    render_page *pg = &r->pages[index];
    pg->n = 0;
    page_builder b = { pl, pg, 0, 0, { 0 }, 0 };
    double grid_w = LABEL_W + (pg->end_step - pg->first_step) * COL_W;
    double content_w = grid_w > MIN_TITLE_W ? grid_w : MIN_TITLE_W;

    /* The page itself, first: an empty box that gives the drawing its
     * size (the graph's background colour paints it). */
    size_t bg = pg->n;   /* an index: the item array moves as it grows */
    box(pg, "page", 0, 0, 0, 0);
    title_block(&b, content_w, index, r->npages);

    b.grid_x = MARGIN + LABEL_W;
    b.grid_y = MARGIN + pl->title_h + 14 + pl->header_h;
    double y = b.grid_y;
    for (unsigned k = 0; k < pl->norder; k++) {
        b.lane_y[pl->order[k]] = y;
        y += pl->row_h[pl->order[k]];
    }
    b.grid_bottom = y;
    if (pg->end_step > pg->first_step)
        stage_band(&b);
    lanes(&b);
    if (pg->end_step > pg->first_step)
        grid_lines(&b);
    if (pl->lane_on[RENDER_LANE_EMOTIONS])
        emotion_lane(&b);
    if (pl->nshown == 0) {
        /* Nothing to draw yet: say so rather than leave a blank page. */
        const jy_model *m = pl->m;
        int32_t p = r->opts.persona;
        jy_str name = p >= 0 ? jy_display_name(m->personas[p].title, m->personas[p].id) : jy_str_make("", 0);
        const char *text = p >= 0 ? arena_fmt(r->arena, "No step concerns %.*s.", (int)name.n, name.s)
                                  : "This map has no steps yet: each step of a stage becomes a column here.";
        render_item *it = text_block(r, pg, "empty", MARGIN, b.grid_y, content_w, jy_str_make(text, strlen(text)),
                                     RF_ITALIC, TEXT_SIZE, theme->muted, p >= 0 ? &m->personas[p].loc : NULL);
        b.grid_bottom = b.grid_y + it->h;
    }

    pg->width = ceil(content_w + 2 * MARGIN);
    pg->height = ceil(b.grid_bottom + MARGIN);
    pg->items[bg].w = pg->width;
    pg->items[bg].h = pg->height;
}

/* ---- entry ------------------------------------------------------------------ */

static void planner_free(planner *pl)
{
    free(pl->shown);
    free(pl->stage_first);
    free(pl->stage_count);
    for (uint32_t k = 0; k < pl->nseries; k++) {
        free(pl->series[k].at);
        free(pl->series[k].score);
        free(pl->series[k].slope);
    }
    free(pl->series);
    free(pl->cells);
    jy_buf_free(&pl->scratch);
}

/* Every text box is counted: one that no check above named (a text the
 * renderer composed) is named by its id. */
static void count_lines(render_map *r)
{
    for (unsigned p = 0; p < r->npages && !r->too_tall.lines; p++)
        for (size_t i = 0; i < r->pages[p].n && !r->too_tall.lines; i++) {
            const render_item *it = &r->pages[p].items[i];
            unsigned long n = 0;
            for (const char *c = it->text; c && (c = strchr(c, '\n')) != NULL; c++)
                n++;
            note_lines(r, n, NULL, "the box '%s'", it->id);
        }
}

void jy_render_layout(render_map *r)
{
    planner pl;
    memset(&pl, 0, sizeof pl);
    memset(&r->too_tall, 0, sizeof r->too_tall);
    pl.r = r;
    pl.m = r->m;
    choose_steps(&pl);
    make_series(&pl);
    for (uint32_t k = 0; k < pl.nseries; k++)
        monotone_slopes(&pl.series[k]);
    choose_lanes(&pl);
    scale_geometry(&pl);
    if (!r->pages)
        paginate(&pl);
    measure_cells(&pl);
    pl.header_h = pl.nshown ? stage_header_height(&pl, r) : 0;
    for (unsigned i = 0; i < r->npages; i++)
        build_page(&pl, i);
    planner_free(&pl);
    count_lines(r);
}

render_map *jy_render_plan(const jy_model *m, const render_options *o)
{
    render_map *r = jy_xcalloc(1, sizeof *r);
    r->m = m;
    r->opts = *o;
    r->arena = jy_arena_new();
    r->widen = 1.0;
    r->overflow = 1.0;
    jy_render_layout(r);
    return r;
}

void jy_render_map_free(render_map *r)
{
    if (!r)
        return;
    for (unsigned i = 0; i < r->npages; i++)
        free(r->pages[i].items);
    free(r->pages);
    jy_arena_free(r->arena);
    free(r);
}

bool jy_render_too_tall(const render_map *r, jy_loc *loc, bool *has_loc, unsigned long *lines, const char **what)
{
    if (!r->too_tall.lines)
        return false;
    *loc = r->too_tall.loc;
    *has_loc = r->too_tall.has_loc;
    *lines = r->too_tall.lines;
    *what = r->too_tall.what;
    return true;
}

unsigned jy_render_npages(const render_map *r)
{
    return r->npages;
}

void jy_render_page_size(const render_map *r, unsigned page, double *width, double *height)
{
    *width = page < r->npages ? r->pages[page].width : 0;
    *height = page < r->npages ? r->pages[page].height : 0;
}
