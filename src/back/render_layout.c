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
 * - A persona's curve breaks where a step leaves the persona out (the
 *   slopes are computed per unbroken run); a curve item is its runs, one
 *   Graphviz edge of several splines.
 * - Score labels are planned before the pages (plan_labels), in each
 *   column's own coordinates: one per score and text, never merged across
 *   texts, wrapped and never cut, placed by a search outward from the
 *   point that refuses places over another label or a point and weighs
 *   the curves crossing a place; the emotion row grows to hold them.
 * - Rows and pages (arrange): rows of whole stages in one picture
 *   (--rows, or automatically past 3:1), pages where a format's size or a
 *   PNG's pixel budget ends, or a paper's size for PDF.  Items of a row
 *   after the first that belong to the row get ".rowN" in their ids.
 * - Colours come from one theme table (light, dark, print), chosen per
 *   layout; a layout is made by one thread at a time (the theme in use is
 *   a file-level pointer).
 * - Compared with a baseline (--compare), steps and personas are matched
 *   by id (compare_prepare).
 */
#include "render_int.h"

#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
#define CARD_W 300.0           /* a persona card */
#define CARD_GAP 14.0          /* between two cards */
#define CARD_PAD 8.0           /* text inset in a card */
#define CARD_NAME_SIZE 11.0
#define CARD_IMAGE 56.0        /* a persona's picture on its card, square */
#define CARD_IMAGE_GAP 8.0     /* between the picture and the text beside it */
#define STORYBOARD_H 120.0     /* the storyboard lane: a 4:3 sketch fills a column */
#define CARD_SIZE 9.0
#define LABEL_MARK 7.0         /* a persona's marker in a score label */
#define LABEL_MARK_STEP 8.5    /* from one such marker to the next */
#define LABEL_MARKS_PER_ROW 8
#define LABEL_MARKS_MAX 16     /* more share a label: it says how many */
#define RENDER_MAX_MARKS 16    /* of the personas beside an item */
#define LABEL_ROOM 6.0         /* a score label keeps this far from its column's edges */
#define LABEL_SEARCH 240.0     /* how far from its point a label may go */
#define LABEL_CROWD 24         /* a step with more labels stacks them, unsearched */
#define CONCERN_ROW 12.0       /* the markers under a step's title */
#define ROW_GAP 28.0           /* between two rows of stages */
#define AUTO_RATIO 3.0         /* --rows auto: the widest a picture may be */
#define PNG_PAGE_PIXELS 48e6   /* the most pixels of a PNG page of rows (192 MB drawing) */

/* ---- pen widths, in points ---------------------------------------------- */

#define PEN_HAIR 0.75          /* cell borders, grid lines, the zero line */
#define PEN_STAGE 1.25         /* the line between two stages */
#define PEN_VISIBILITY 1.5     /* the line of visibility */
#define PEN_SAMPLE 2.0         /* a legend's sample of a curve */
#define PEN_CURVE 2.25         /* an emotion curve */
#define PEN_CARD 1.5           /* a persona card's frame */

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
    const char *stage_fill, *stage_ink, *stage_goal;
    const char *pain, *pain_fill;     /* also a metric that misses its target */
    const char *opportunity, *opportunity_fill;
    const char *step_fill, *backstage_fill;
    const char *mood;                 /* the curve of a journey without personas */
    const char *zero_line;            /* score 0 on the emotion scale */
    const char *score_backing;        /* behind score labels, translucent */
    const char *card_fill;            /* a persona card */
    const char *moment, *moment_fill; /* a moment of truth: its star and label,
                                         the tint over its column (translucent) */
    /* Paul Tol's "muted" scheme: told apart by people with any common
     * colour vision deficiency; with a marker shape and a dash pattern
     * each, so no persona is recognisable by colour alone. */
    const char *persona[9];
} map_theme;

static const map_theme themes[RENDER_NTHEMES] = {
    [RENDER_THEME_LIGHT] = {
        .ink = "#1f2933", .muted = "#52606d", .paper = "#ffffff", .border = "#c3cbd5", .grid = "#d5dbe2",
        .stage_line = "#7b8794", .label_fill = "#e4e8ed", .stage_fill = "#2f3b4c", .stage_ink = "#ffffff", .stage_goal = "#d9e2ec",
        .pain = "#9b1c1c", .pain_fill = "#fdeded", .opportunity = "#11632f", .opportunity_fill = "#eaf6ee",
        .step_fill = "#f3f5f8", .backstage_fill = "#f4f1fa", .mood = "#3e4c59", .zero_line = "#9aa5b1",
        .score_backing = "#ffffffd9", .card_fill = "#f8f9fb", .moment = "#8a5a00", .moment_fill = "#f2b70530",
        .persona = { "#332288", "#117733", "#cc6677", "#88ccee", "#aa4499", "#44aa99", "#999933", "#882255",
                     "#ddcc77" },
    },
    /* Dark: light text on slate; the personas' colours are Paul Tol's
     * "light" scheme, which keeps its contrast on a dark ground. */
    [RENDER_THEME_DARK] = {
        .ink = "#e6e9ed", .muted = "#a9b4c0", .paper = "#161b22", .border = "#3a4553", .grid = "#2c3541",
        .stage_line = "#7b8794", .label_fill = "#222a35", .stage_fill = "#3d4c63", .stage_ink = "#ffffff", .stage_goal = "#c9d6e3",
        .pain = "#ffaaaa", .pain_fill = "#3a1f24", .opportunity = "#9fe0b0", .opportunity_fill = "#1d3326",
        .step_fill = "#1f2630", .backstage_fill = "#231f33", .mood = "#c9d6e3", .zero_line = "#5d6b7a",
        .score_backing = "#161b22d9", .card_fill = "#1d232c", .moment = "#f5c451", .moment_fill = "#f2b70526",
        .persona = { "#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#bbcc33", "#dddddd",
                     "#aaaa00" },
    },
    /* Print: black, white and greys, so a black-and-white copy loses
     * nothing: pains and opportunities keep their markers (▼ ▲) on white,
     * personas their marker shapes and line styles. */
    [RENDER_THEME_PRINT] = {
        .ink = "#000000", .muted = "#404040", .paper = "#ffffff", .border = "#8c8c8c", .grid = "#bfbfbf",
        .stage_line = "#404040", .label_fill = "#e6e6e6", .stage_fill = "#333333", .stage_ink = "#ffffff", .stage_goal = "#e6e6e6",
        .pain = "#000000", .pain_fill = "#ffffff", .opportunity = "#000000", .opportunity_fill = "#ffffff",
        .step_fill = "#f2f2f2", .backstage_fill = "#f7f7f7", .mood = "#000000", .zero_line = "#8c8c8c",
        .score_backing = "#ffffffd9", .card_fill = "#ffffff", .moment = "#000000", .moment_fill = "#00000014",
        .persona = { "#000000", "#4d4d4d", "#1a1a1a", "#666666", "#333333", "#595959", "#0d0d0d", "#737373",
                     "#262626" },
    },
};
/* The theme of the layout being made (jy_render_layout sets it). */
static const map_theme *theme = &themes[RENDER_THEME_LIGHT];
#define NCOLORS (sizeof themes[0].persona / sizeof themes[0].persona[0])

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
    bool line;                        /* a line of the blueprint, drawn */
    uint8_t dash;                     /* so (render_dash) */
} lane_style;

#define ROLE(r) offsetof(map_theme, r)
static const lane_style lane_styles[RENDER_NLANES] = {
    [RENDER_LANE_STEPS] = { RF_BOLD, STEP_SIZE, ROLE(step_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_STORYBOARD] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_TOUCHPOINTS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, true },
    [RENDER_LANE_THOUGHTS] = { RF_ITALIC, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_EMOTIONS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_PAINS] = { RF_REGULAR, TEXT_SIZE, ROLE(pain_fill), ROLE(pain), "\xE2\x96\xBC ", false },   /* ▼ */
    [RENDER_LANE_OPPORTUNITIES] = { RF_REGULAR, TEXT_SIZE, ROLE(opportunity_fill), ROLE(opportunity),
                                    "\xE2\x96\xB2 ", false },                                                   /* ▲ */
    [RENDER_LANE_ARTIFACTS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, true },
    [RENDER_LANE_INTERACTION] = { RF_ITALIC, SCORE_SIZE, ROLE(paper), ROLE(muted), NULL, false, true, RD_SOLID },
    [RENDER_LANE_FRONTSTAGE] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_VISIBILITY] = { RF_ITALIC, SCORE_SIZE, ROLE(paper), ROLE(muted), NULL, false, true, RD_DASHED },
    [RENDER_LANE_BACKSTAGE] = { RF_REGULAR, TEXT_SIZE, ROLE(backstage_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_INTERNAL] = { RF_ITALIC, SCORE_SIZE, ROLE(paper), ROLE(muted), NULL, false, true, RD_DOTTED },
    [RENDER_LANE_SUPPORT] = { RF_REGULAR, TEXT_SIZE, ROLE(backstage_fill), ROLE(ink), NULL, false },
    [RENDER_LANE_OWNERS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_METRICS] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(ink), NULL, false },
    [RENDER_LANE_NOTES] = { RF_REGULAR, TEXT_SIZE, ROLE(paper), ROLE(muted), NULL, true },
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
    o->scale = 1.0;
}

static const char *const theme_names[RENDER_NTHEMES] = { "light", "dark", "print" };

bool jy_render_theme_parse(const char *name, render_theme *out)
{
    for (unsigned i = 0; i < RENDER_NTHEMES; i++)
        if (strcmp(name, theme_names[i]) == 0) {
            *out = (render_theme)i;
            return true;
        }
    return false;
}

/* Paper sizes in points, portrait. */
static const struct {
    const char *name;
    double w, h;
} papers[RENDER_NPAPERS] = {
    [RENDER_PAPER_NONE] = { "", 0, 0 },
    [RENDER_PAPER_A4] = { "a4", 595.28, 841.89 },
    [RENDER_PAPER_A3] = { "a3", 841.89, 1190.55 },
    [RENDER_PAPER_A2] = { "a2", 1190.55, 1683.78 },
    [RENDER_PAPER_A1] = { "a1", 1683.78, 2383.94 },
    [RENDER_PAPER_A0] = { "a0", 2383.94, 3370.39 },
    [RENDER_PAPER_LETTER] = { "letter", 612, 792 },
    [RENDER_PAPER_TABLOID] = { "tabloid", 792, 1224 },
};

bool jy_render_paper_parse(const char *name, render_paper *paper, bool *landscape)
{
    size_t n = strlen(name);
    static const char turned[] = "-landscape";
    bool land = n > sizeof turned - 1 && strcmp(name + n - (sizeof turned - 1), turned) == 0;
    if (land)
        n -= sizeof turned - 1;
    for (unsigned i = 1; i < RENDER_NPAPERS; i++)
        if (strlen(papers[i].name) == n && strncmp(name, papers[i].name, n) == 0) {
            *paper = (render_paper)i;
            *landscape = land;
            return true;
        }
    return false;
}

bool jy_render_background_valid(const char *v)
{
    size_t n = strlen(v);
    if (v[0] == '#') {
        if (n != 4 && n != 7 && n != 9)
            return false;
        for (size_t i = 1; i < n; i++)
            if (!strchr("0123456789abcdefABCDEF", v[i]))
                return false;
        return true;
    }
    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z')))
            return false;
    return true;
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
/* An image of the map in a box: the file's index in r->images, added the
 * first time the map draws it. */
static render_item *image(render_map *r, render_page *pg, const char *id, const jy_file_ref *ref, double x, double y,
                          double w, double h)
{
    uintptr_t at = (uintptr_t)jy_map_get(&r->image_at, ref->resolved);
    if (!at) {
        render_map_image mi = { .ref = ref };
        VEC_PUSH(r->images, r->nimages, r->images_cap, mi);
        at = r->nimages;
        jy_map_put(&r->image_at, ref->resolved, (void *)at);
    }
    render_item *it = add_item(pg, RI_IMAGE, id);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->image = (uint32_t)(at - 1);
    return it;
}

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
    bool *joined;              /* per point: a line goes on to the next one
                                  (no step between them leaves the persona out) */
    uint32_t n;
} series;

/* What a step's title cell holds besides the title. */
typedef struct {
    const char *moment;        /* a moment of truth's label, wrapped; NULL: none */
    float moment_w;
    uint16_t moment_lines;
    float title_h;             /* the title's text */
    bool is_new;               /* compared: a step the baseline lacks */
} step_head;

/* A score label: the personas (series) that give one score with one
 * label text at a step, members[first, first + n).  Placed in its
 * column: x from the column's left edge, y from the line of the top
 * score (negative above it). */
typedef struct {
    uint32_t step;             /* shown index */
    uint32_t first, n;
    uint32_t nmarks;           /* markers shown: at most LABEL_MARKS_MAX */
    bool rest;                 /* "and N more": the labels past LABEL_CROWD */
    int score;
    const char *text;          /* wrapped */
    double text_w;             /* widest line, as measured */
    double mark_w;             /* the markers before the text */
    double x, y, w, h;
} score_label;

/* An item of a cell with the markers of the personas it concerns beside
 * it (when only some of its step's): its lines are [line, line + nlines)
 * of the cell's text. */
typedef struct {
    const jy_item *it;
    uint32_t line, nlines;
} item_mark;

/* A laid-out cell's text. */
typedef struct {
    const char *text;          /* NULL: empty */
    item_mark *marks;          /* in the arena */
    uint32_t nmarks;
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
    step_head *heads;          /* per shown step */
    const jy_model *base;      /* the baseline compared with, or NULL */
    int32_t *base_step;        /* per shown step: the baseline's step of its
                                  id, or -1 (new since the baseline) */
    series *base_series;       /* per series: the baseline's curve */
    jy_str removed;            /* the baseline's steps this map no longer has,
                                  by title, " · " between them; empty: none */
    bool show_concerns;        /* personas differ from step to step: each
                                  step shows whom it concerns */
    bool cards;                /* persona cards in the title block */
    score_label *labels;       /* by shown step */
    size_t nlabels;
    size_t *label_start;       /* per shown step: its first label; [nshown]: nlabels */
    uint32_t *members;         /* series of the labels */
    size_t nmembers;
    uint32_t *pain_base;       /* per step: the pains with an id before it */
    jy_buf scratch;
} planner;

static bool step_concerns(const jy_step *s, int32_t p)
{
    return p < 0 || jy_step_feeling(s, (uint32_t)p) != NULL;
}

/* With --tag: whether an item of step s is drawn (all of a step that has
 * the tag; only the tagged items of a step shown for them). */
static bool item_kept(const planner *pl, const jy_step *s, const jy_item *it)
{
    const char *tag = pl->r->opts.tag;
    if (!tag)
        return true;
    jy_str t = jy_str_make(tag, strlen(tag));
    return jy_tag_selects_item(s, it, t);
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
    item_mark marks[64];       /* the first items that need more than text */
    uint32_t nmarks;
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

/* The series of the personas item it of step s concerns, when that is
 * only some of the step's shown personas: their markers go beside it.
 * Fills out with the first RENDER_MAX_MARKS; returns how many there are
 * in all (0: no markers). */
static uint32_t item_series(const planner *pl, const jy_step *s, const jy_item *it, uint32_t out[RENDER_MAX_MARKS])
{
    if (pl->nseries < 2 || !it->personas_listed || it->kind > JY_ITEM_OPPORTUNITY)
        return 0;
    uint32_t n = 0, all = 0;
    for (uint32_t k = 0; k < pl->nseries; k++) {
        if (!step_concerns(s, pl->series[k].persona))
            continue;
        all++;
        if (jy_item_concerns(s, it, (uint32_t)pl->series[k].persona)) {
            if (n < RENDER_MAX_MARKS)
                out[n] = k;
            n++;
        }
    }
    return n < all ? n : 0;
}

/* An item with its personas' markers at the right of its first line (its
 * text wrapped narrower to leave them room). */
static void cw_marked(cell_writer *w, const jy_step *s, const jy_item *it, jy_str text, const char *prefix)
{
    uint32_t ks[RENDER_MAX_MARKS];
    uint32_t nk = item_series(w->pl, s, it, ks);
    if (nk > RENDER_MAX_MARKS)
        nk = RENDER_MAX_MARKS;
    double keep = w->width;
    if (nk)
        w->width -= (nk * LABEL_MARK_STEP + 2) / w->pl->r->widen;
    unsigned first = w->nlines;
    cw_item(w, text, prefix, &it->loc);
    w->width = keep;
    if (nk && w->nmarks < sizeof w->marks / sizeof w->marks[0])
        w->marks[w->nmarks++] = (item_mark){ it, first, w->nlines - first };
}

/* Text struck through: a combining long stroke over each character, so
 * every format draws it over the glyphs. */
static void struck(jy_buf *t, jy_str text)
{
    for (uint32_t k = 0; k < text.n; k++) {
        jy_buf_addc(t, text.s[k]);
        bool ends = k + 1 == text.n || ((unsigned char)text.s[k + 1] & 0xC0) != 0x80;
        if (ends && text.s[k] != ' ' && text.s[k] != '\n')
            jy_buf_adds(t, "\xCC\xB6");   /* U+0336 */
    }
}

/* Compared: the baseline's step with step s's id, or NULL. */
static const jy_step *base_step_of(const planner *pl, const jy_step *s)
{
    if (!pl->base || !pl->base_step)
        return NULL;
    uint32_t i = (uint32_t)(s - pl->m->steps);
    /* base_step is per shown step: find s among them (s is shown). */
    for (uint32_t k = 0; k < pl->nshown; k++)
        if (pl->shown[k] == i)
            return pl->base_step[k] >= 0 ? &pl->base->steps[pl->base_step[k]] : NULL;
    return NULL;
}

/* Whether step s still has a baseline pain: the same id, or without ids
 * the same text. */
static bool pain_still_there(const jy_step *s, const jy_item *old)
{
    for (uint32_t i = 0; i < s->pains.n; i++) {
        const jy_item *p = &s->pains.items[i];
        if (old->id.n && p->id.n ? jy_str_eq(old->id, p->id) : jy_str_eq(old->text, p->text))
            return true;
    }
    return false;
}

/* Blueprint actions, each led by its actor (its owner) when it has one:
 * "Reception: Books the slot". */
static void cw_actions(cell_writer *w, const jy_step *s, const jy_items *t, const char *prefix)
{
    const jy_model *m = w->pl->m;
    jy_buf b = { 0 };
    for (uint32_t i = 0; i < t->n; i++) {
        const jy_item *it = &t->items[i];
        if (!item_kept(w->pl, s, it))
            continue;
        if (it->owner < 0) {
            cw_item(w, it->text, prefix, &it->loc);
            continue;
        }
        b.len = 0;
        jy_buf_addstr(&b, jy_display_name(m->teams[it->owner].title, m->teams[it->owner].id));
        jy_buf_adds(&b, ": ");
        jy_buf_addstr(&b, it->text);
        cw_item(w, jy_str_make(b.p, b.len), prefix, &it->loc);
    }
    jy_buf_free(&b);
}

static void cw_plain(cell_writer *w, const jy_texts *t, const char *prefix)
{
    for (uint32_t i = 0; i < t->n; i++)
        cw_item(w, t->items[i].text, prefix, &t->items[i].loc);
}

void jy_render_metric_text(jy_buf *b, const jy_model *m, const jy_metric *mt)
{
    const jy_kpi *k = &m->kpis[mt->kpi];
    char num[32];
    jy_buf_addstr(b, jy_display_name(k->title, k->id));
    jy_buf_addc(b, ' ');
    jy_append_metric_value(b, m, mt);
    if (k->has_target) {
        jy_buf_adds(b, " \xC2\xB7 target ");   /* · */
        jy_buf_adds(b, k->better == JY_BETTER_HIGHER ? "\xE2\x89\xA5 " : k->better == JY_BETTER_LOWER ? "\xE2\x89\xA4 " : "");
        jy_buf_adds(b, jy_format_number(num, k->target));
        jy_append_unit(b, k->unit);
    }
}

/* The metric as its lane shows it: ✔ when it meets its target, ✘ and
 * "(missed)" when it does not. */
static void metric_line(jy_buf *b, const jy_model *m, const jy_metric *mt, int met)
{
    jy_buf_adds(b, met > 0 ? "\xE2\x9C\x94 " : met == 0 ? "\xE2\x9C\x98 " : "");   /* ✔ ✘ */
    jy_render_metric_text(b, m, mt);
    if (met == 0)
        jy_buf_adds(b, " (missed)");
}

/* What goes before each of a cell's n items in a lane of style st. */
static const char *item_prefix(const lane_style *st, uint32_t n)
{
    return st->bullet_when_many && n > 1 ? "\xE2\x80\xA2 " : st->marker;   /* • */
}

/* Fills one cell of a text lane; returns false when it has no content. */
static bool make_cell(planner *pl, unsigned lane, const jy_step *s, cell *c)
{
    const jy_model *m = pl->m;
    jy_buf *out = &pl->scratch;
    out->len = 0;
    const lane_style *st = &lane_styles[lane];
    cell_writer w = { pl, out, (render_font)st->font, st->size, (COL_W - 2 * PAD_X) / pl->r->widen, 0, 0, { 0 }, NULL,
                      { { NULL, 0, 0 } }, 0 };
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
            if (!item_kept(pl, s, &s->thoughts.items[i]))
                continue;
            jy_buf_adds(t, "\xE2\x80\x9C");   /* “ */
            jy_buf_add(t, s->thoughts.items[i].text.s, s->thoughts.items[i].text.n);
            jy_buf_adds(t, "\xE2\x80\x9D");   /* ” */
            cw_marked(&w, s, &s->thoughts.items[i], jy_str_make(t->p, t->len), NULL);
        }
        break;
    }
    case RENDER_LANE_PAINS: {
        /* "P2 ▼▼▼ text": a badge when it has an id, a marker per degree
         * of severity. */
        jy_buf pre = { 0 };
        for (uint32_t i = 0, nid = 0; i < s->pains.n; i++) {
            const jy_item *it = &s->pains.items[i];
            pre.len = 0;
            nid += it->id.n > 0;
            if (!item_kept(pl, s, it))
                continue;
            if (it->id.n)
                jy_buf_printf(&pre, "P%u ", pl->pain_base[s - m->steps] + nid);
            for (int k = 0; k < (it->severity > JY_LEVEL_LOW ? it->severity : 1); k++)
                jy_buf_adds(&pre, "\xE2\x96\xBC");   /* ▼ */
            jy_buf_addc(&pre, ' ');
            cw_marked(&w, s, it, it->text, jy_buf_cstr(&pre));
        }
        jy_buf_free(&pre);
        /* Compared: the baseline step's pains this step no longer has,
         * resolved (struck through). */
        const jy_step *bs = base_step_of(pl, s);
        for (uint32_t i = 0; bs && i < bs->pains.n; i++) {
            const jy_item *old = &bs->pains.items[i];
            if (pain_still_there(s, old))
                continue;
            t->len = 0;
            struck(t, old->text);
            jy_buf_adds(t, " (resolved)");
            cw_item(&w, jy_str_make(t->p, t->len), "\xE2\x9C\x94 ", &old->loc);   /* ✔ */
        }
        break;
    }
    case RENDER_LANE_OPPORTUNITIES: {
        /* "▲ ✔ text → P1 · impact high · effort low": the status's mark,
         * the pains it solves by their badges; a dropped one struck
         * through. */
        static const char *const status_mark[] = {
            [JY_STATUS_NONE] = "", [JY_STATUS_IDEA] = "", [JY_STATUS_PLANNED] = "\xE2\x97\x87 ",   /* ◇ */
            [JY_STATUS_DOING] = "\xE2\x97\x90 ", [JY_STATUS_DONE] = "\xE2\x9C\x94 ",            /* ◐ ✔ */
            [JY_STATUS_DROPPED] = "\xE2\x9C\x98 ",                                                /* ✘ */
        };
        jy_buf pre = { 0 };
        for (uint32_t i = 0; i < s->opportunities.n; i++) {
            const jy_item *it = &s->opportunities.items[i];
            if (!item_kept(pl, s, it))
                continue;
            pre.len = 0;
            jy_buf_adds(&pre, "\xE2\x96\xB2 ");   /* ▲ */
            jy_buf_adds(&pre, status_mark[it->status <= JY_STATUS_DROPPED ? it->status : 0]);
            t->len = 0;
            if (it->status == JY_STATUS_DROPPED)
                struck(t, it->text);
            else
                jy_buf_addstr(t, it->text);
            for (uint32_t k = 0, said = 0; k < it->nsolves; k++) {
                const jy_item *p = it->solves[k];
                const jy_step *ps = &m->steps[p->step];
                uint32_t nid = 0;
                for (const jy_item *q = ps->pains.items; q <= p; q++)
                    nid += q->id.n > 0;
                jy_buf_printf(t, "%sP%u", said++ ? ", " : " \xE2\x86\x92 ", pl->pain_base[p->step] + nid);   /* → */
            }
            if (it->impact)
                jy_buf_printf(t, " \xC2\xB7 impact %s", jy_level_name((jy_level)it->impact));
            if (it->effort)
                jy_buf_printf(t, " \xC2\xB7 effort %s", jy_level_name((jy_level)it->effort));
            if (it->status == JY_STATUS_PLANNED || it->status == JY_STATUS_DOING || it->status == JY_STATUS_DROPPED)
                jy_buf_printf(t, " (%s)", jy_status_name((jy_status)it->status));
            cw_marked(&w, s, it, jy_str_make(t->p, t->len), jy_buf_cstr(&pre));
        }
        jy_buf_free(&pre);
        break;
    }
    case RENDER_LANE_ARTIFACTS: cw_plain(&w, &s->artifacts, item_prefix(st, s->artifacts.n)); break;
    case RENDER_LANE_NOTES: {
        /* The step's description, then its notes. */
        uint32_t n = s->notes.n + (s->description.n > 0);
        if (s->description.n)
            cw_item(&w, s->description, item_prefix(st, n), &s->loc);
        cw_plain(&w, &s->notes, item_prefix(st, n));
        break;
    }
    case RENDER_LANE_FRONTSTAGE: cw_actions(&w, s, &s->frontstage, item_prefix(st, s->frontstage.n)); break;
    case RENDER_LANE_BACKSTAGE: cw_actions(&w, s, &s->backstage, item_prefix(st, s->backstage.n)); break;
    case RENDER_LANE_SUPPORT: cw_actions(&w, s, &s->support, item_prefix(st, s->support.n)); break;
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
    c->nmarks = w.nmarks;
    c->marks = NULL;
    if (w.nmarks) {
        c->marks = jy_arena_alloc(pl->r->arena, w.nmarks * sizeof *c->marks);
        memcpy(c->marks, w.marks, w.nmarks * sizeof *c->marks);
    }
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
            if (step_concerns(&m->steps[i], p) &&
                (!pl->r->opts.tag ||
                 jy_tag_selects_step(&m->steps[i], jy_str_make(pl->r->opts.tag, strlen(pl->r->opts.tag))))) {
                pl->shown[pl->nshown++] = i;
                pl->stage_count[g]++;
            }
    }
}

/* A curve breaks where a step leaves its persona out: joined[i] says
 * whether the line goes on from point i to point i + 1. */
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
        sr->joined = jy_xcalloc(pl->nshown + 1, sizeof *sr->joined);
        bool left_out = false;   /* a step since the last point leaves p out */
        for (uint32_t i = 0; i < pl->nshown; i++) {
            const jy_step *s = &m->steps[pl->shown[i]];
            if (!step_concerns(s, p)) {
                left_out = true;
                continue;
            }
            int score;
            jy_str label;
            if (jy_step_score(s, p < 0 ? JY_MOOD : p, &score, &label)) {
                if (sr->n)
                    sr->joined[sr->n - 1] = !left_out;
                sr->at[sr->n] = i;
                sr->score[sr->n] = score;
                sr->n++;
                left_out = false;
            }
        }
    }
}

/* Fritsch-Carlson: tangents for a monotone cubic Hermite interpolation of
 * (at[i], score[i]) for i in [first, end), one run of the curve; x in
 * columns, y in score units. */
static void monotone_run(series *sr, uint32_t first, uint32_t end)
{
    uint32_t n = end - first;
    int *score = sr->score + first;
    uint32_t *at = sr->at + first;
    double *slope = sr->slope + first;
    if (n == 0)
        return;
    if (n == 1) {
        slope[0] = 0;
        return;
    }
    double *d = jy_xmalloc(n * sizeof *d);
    for (uint32_t i = 0; i + 1 < n; i++)
        d[i] = (double)(score[i + 1] - score[i]) / (double)(at[i + 1] - at[i]);
    slope[0] = d[0];
    slope[n - 1] = d[n - 2];
    for (uint32_t i = 1; i + 1 < n; i++)
        slope[i] = d[i - 1] * d[i] <= 0 ? 0 : (d[i - 1] + d[i]) / 2;
    for (uint32_t i = 0; i + 1 < n; i++) {
        if (d[i] == 0) {
            slope[i] = slope[i + 1] = 0;
            continue;
        }
        double a = slope[i] / d[i], b = slope[i + 1] / d[i];
        double h = a * a + b * b;
        if (h > 9) {
            double t = 3 / sqrt(h);
            slope[i] = t * a * d[i];
            slope[i + 1] = t * b * d[i];
        }
    }
    free(d);
}

static void monotone_slopes(series *sr)
{
    for (uint32_t first = 0; first < sr->n;) {
        uint32_t end = first + 1;
        while (end < sr->n && sr->joined[end - 1])
            end++;
        monotone_run(sr, first, end);
        first = end;
    }
}

/* As-is against to-be: each shown step's step of the same id in the
 * baseline (-1: new), the baseline's steps this map no longer has, and
 * per persona (matched by id) the baseline's curve through the shown
 * steps it has a score at. */
static void compare_prepare(planner *pl)
{
    const jy_model *b = pl->r->opts.baseline, *m = pl->m;
    if (!b)
        return;
    pl->base = b;
    jy_map ids, here;
    jy_map_init(&ids);
    jy_map_init(&here);
    for (uint32_t i = 0; i < b->nsteps; i++)
        jy_map_put(&ids, b->steps[i].id, (void *)(uintptr_t)(i + 1));
    for (uint32_t i = 0; i < m->nsteps; i++)
        jy_map_put(&here, m->steps[i].id, (void *)(uintptr_t)(i + 1));
    pl->base_step = jy_xmalloc(((size_t)pl->nshown + 1) * sizeof *pl->base_step);
    for (uint32_t k = 0; k < pl->nshown; k++) {
        uintptr_t v = (uintptr_t)jy_map_get(&ids, m->steps[pl->shown[k]].id);
        pl->base_step[k] = v ? (int32_t)(v - 1) : -1;
    }
    jy_buf gone = { 0 };
    for (uint32_t i = 0; i < b->nsteps; i++)
        if (!jy_map_get(&here, b->steps[i].id)) {
            jy_buf_adds(&gone, gone.len ? " \xC2\xB7 " : "");
            jy_buf_addstr(&gone, jy_display_name(b->steps[i].title, b->steps[i].id));
        }
    pl->removed = jy_str_make(jy_arena_strndup(pl->r->arena, gone.p ? gone.p : "", gone.len), gone.len);
    jy_buf_free(&gone);
    pl->base_series = jy_xcalloc(pl->nseries + 1, sizeof *pl->base_series);
    for (uint32_t k = 0; k < pl->nseries; k++) {
        const series *sr = &pl->series[k];
        series *bsr = &pl->base_series[k];
        int32_t bp = JY_MOOD;
        if (sr->persona >= 0) {
            bp = -2;
            for (uint32_t p = 0; p < b->npersonas; p++)
                if (jy_str_eq(b->personas[p].id, m->personas[sr->persona].id))
                    bp = (int32_t)p;
        }
        *bsr = *sr;
        bsr->n = 0;
        bsr->at = jy_xmalloc(((size_t)pl->nshown + 1) * sizeof *bsr->at);
        bsr->score = jy_xmalloc(((size_t)pl->nshown + 1) * sizeof *bsr->score);
        bsr->slope = jy_xmalloc(((size_t)pl->nshown + 1) * sizeof *bsr->slope);
        bsr->joined = jy_xcalloc((size_t)pl->nshown + 1, sizeof *bsr->joined);
        for (uint32_t i = 0; i < pl->nshown && bp != -2; i++) {
            int score;
            if (pl->base_step[i] < 0 || !jy_step_score(&b->steps[pl->base_step[i]], bp, &score, NULL))
                continue;
            if (bsr->n)
                bsr->joined[bsr->n - 1] = true;
            bsr->at[bsr->n] = i;
            bsr->score[bsr->n++] = score;
        }
        monotone_slopes(bsr);
    }
    jy_map_free(&ids);
    jy_map_free(&here);
}

/* Whether a line of the blueprint at order[i] has something to separate:
 * the line of interaction frontstage from what is above it, the line of
 * visibility backstage or support from what is above it, the line of
 * internal interaction support from backstage. */
static bool line_drawn(unsigned lane, const uint8_t *order, unsigned i, unsigned n, const bool *has,
                       const bool *shown_above)
{
    bool above = false, below = false;
    for (unsigned l = 0; l < RENDER_NLANES; l++)
        above |= shown_above[l] && (lane != RENDER_LANE_INTERNAL || l == RENDER_LANE_BACKSTAGE);
    for (unsigned j = i + 1; j < n; j++) {
        unsigned l = order[j];
        if (!has[l])
            continue;
        below |= lane == RENDER_LANE_INTERACTION ? l == RENDER_LANE_FRONTSTAGE
                 : lane == RENDER_LANE_VISIBILITY ? l == RENDER_LANE_BACKSTAGE || l == RENDER_LANE_SUPPORT
                                                   : l == RENDER_LANE_SUPPORT;
    }
    return above && below;
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
        has[RENDER_LANE_STORYBOARD] |= s->image.resolved.n > 0;
        has[RENDER_LANE_TOUCHPOINTS] |= s->ntouchpoints > 0;
        has[RENDER_LANE_THOUGHTS] |= s->thoughts.n > 0;
        has[RENDER_LANE_PAINS] |= s->pains.n > 0 || (pl->base_step && pl->base_step[i] >= 0 &&
                                                     pl->base->steps[pl->base_step[i]].pains.n > 0);
        has[RENDER_LANE_OPPORTUNITIES] |= s->opportunities.n > 0;
        has[RENDER_LANE_ARTIFACTS] |= s->artifacts.n > 0;
        has[RENDER_LANE_FRONTSTAGE] |= s->frontstage.n > 0;
        has[RENDER_LANE_BACKSTAGE] |= s->backstage.n > 0;
        has[RENDER_LANE_SUPPORT] |= s->support.n > 0;
        has[RENDER_LANE_OWNERS] |= s->nowners > 0;
        has[RENDER_LANE_METRICS] |= s->nmetrics > 0;
        has[RENDER_LANE_NOTES] |= s->notes.n > 0 || s->description.n > 0;
        has[RENDER_LANE_EVIDENCE] |= s->nevidence > 0;
    }
    for (uint32_t k = 0; k < pl->nseries; k++)
        has[RENDER_LANE_EMOTIONS] |= pl->series[k].n > 0;
    bool shown_above[RENDER_NLANES] = { false };
    for (unsigned i = 0; i < n; i++) {
        unsigned l = order[i];
        if (lane_styles[l].line ? line_drawn(l, order, i, n, has, shown_above) : has[l]) {
            pl->order[pl->norder++] = (uint8_t)l;
            pl->lane_on[l] = true;
            if (!lane_styles[l].line)
                shown_above[l] = true;
        }
    }
    /* Whom each step concerns is shown under its title when that differs
     * from step to step. */
    for (uint32_t i = 0; i < pl->nshown && pl->nseries > 1; i++)
        for (uint32_t k = 0; k < pl->nseries; k++)
            pl->show_concerns |= !step_concerns(&pl->m->steps[pl->shown[i]], pl->series[k].persona);
}

/* Whether a persona has more than a name to show on a card. */
static bool has_card(const jy_persona *p)
{
    return p->description.n || p->quote.n || p->goals.n || p->needs.n || p->frustrations.n || p->behaviors.n ||
           p->image.resolved.n;
}

static void choose_cards(planner *pl)
{
    for (uint32_t k = 0; k < pl->nseries && !pl->r->opts.no_cards; k++)
        pl->cards |= pl->series[k].persona >= 0 && has_card(&pl->m->personas[pl->series[k].persona]);
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
    /* Room above the top score for a label, and a little below the floor;
     * plan_labels makes more where labels need it. */
    pl->emo_top = 10 + 2 * SCORE_SIZE * RENDER_LINE_HEIGHT;
    pl->row_h[RENDER_LANE_EMOTIONS] = pl->emo_top + span * pl->unit + 16;
}

/* A moment of truth's label: "★ Moment of truth: TEXT", or "★ TEXT" when
 * the text says so itself. */
static void moment_text(jy_buf *b, const jy_step *s)
{
    static const char said[] = "moment of truth";
    bool says = s->moment.n >= sizeof said - 1 && strncasecmp(s->moment.s, said, sizeof said - 1) == 0;
    jy_buf_adds(b, says ? "\xE2\x98\x85 " : "\xE2\x98\x85 Moment of truth");   /* ★ */
    if (s->moment.n) {
        jy_buf_adds(b, says ? "" : ": ");
        jy_buf_add(b, s->moment.s, s->moment.n);
    }
}

static void measure_cells(planner *pl)
{
    free(pl->cells);
    free(pl->heads);
    pl->cells = jy_xcalloc((size_t)pl->nshown * RENDER_NLANES + 1, sizeof *pl->cells);
    pl->heads = jy_xcalloc((size_t)pl->nshown + 1, sizeof *pl->heads);
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        if (lane == RENDER_LANE_EMOTIONS)
            continue;
        if (lane == RENDER_LANE_STORYBOARD) {   /* images, no text */
            pl->row_h[lane] = STORYBOARD_H;
            continue;
        }
        if (lane_styles[lane].line) {
            const char *label = lane_labels[lane];
            pl->scratch.len = 0;
            unsigned n = jy_render_wrap(&pl->scratch, jy_str_make(label, strlen(label)), NULL,
                                        (render_font)lane_styles[lane].font, lane_styles[lane].size,
                                        (LABEL_W - 2 * PAD_X) / pl->r->widen, NULL);
            double h = text_height(n, lane_styles[lane].size) + 6;
            pl->row_h[lane] = ceil(h > VIS_ROW ? h : VIS_ROW);
            continue;
        }
        double h = MIN_ROW;
        double label = text_height(1, LABEL_SIZE) + 2 * PAD_Y;
        if (label > h)
            h = label;
        for (uint32_t i = 0; i < pl->nshown; i++) {
            cell *c = &pl->cells[(size_t)i * RENDER_NLANES + lane];
            const jy_step *s = &pl->m->steps[pl->shown[i]];
            bool any = make_cell(pl, lane, s, c);
            double ch = 2 * PAD_Y + (any ? text_height(c->nlines, lane_styles[lane].size) : 0);
            if (lane == RENDER_LANE_STEPS) {
                /* Under the title: the moment of truth, whom the step concerns. */
                step_head *hd = &pl->heads[i];
                hd->title_h = (float)(ch - 2 * PAD_Y);
                if (s->has_moment) {
                    jy_buf t = { 0 }, w = { 0 };
                    moment_text(&t, s);
                    double wid = 0;
                    unsigned n = jy_render_wrap(&w, jy_str_make(t.p, t.len), NULL, RF_ITALIC, GOAL_SIZE,
                                                (COL_W - 2 * PAD_X) / pl->r->widen, &wid);
                    note_lines(pl->r, n, &s->moment_loc, "the moment of step '%.*s'", clip(s->id), s->id.s);
                    hd->moment = jy_arena_strndup(pl->r->arena, w.p, w.len);
                    hd->moment_lines = (uint16_t)(n > 65535 ? 65535 : n);
                    hd->moment_w = (float)wid;
                    ch += 3 + text_height(n, GOAL_SIZE);
                    jy_buf_free(&t);
                    jy_buf_free(&w);
                }
                if (pl->base_step && pl->base_step[i] < 0) {
                    hd->is_new = true;
                    ch += 3 + text_height(1, GOAL_SIZE);
                }
                if (pl->show_concerns)
                    ch += 3 + CONCERN_ROW;
            }
            if (ch > h)
                h = ch;
        }
        pl->row_h[lane] = ceil(h);
    }
}

/* ---- score labels ---------------------------------------------------------- */

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

/* The horizontal offset of series k's points from their column's centre. */
static double spread(const planner *pl, uint32_t k)
{
    return pl->nseries > 1 ? (k - (pl->nseries - 1) / 2.0) * SPREAD : 0;
}

/* Series sr's curve at col (in columns: shown step index of a point's
 * column), in score units; false where no line is drawn. */
static bool curve_at(const series *sr, double col, double *score)
{
    if (sr->n < 2 || col < sr->at[0] || col > sr->at[sr->n - 1])
        return false;
    uint32_t lo = 0, hi = sr->n - 1;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (sr->at[mid] <= col)
            lo = mid;
        else
            hi = mid;
    }
    if (!sr->joined[lo])
        return false;
    double h = (double)(sr->at[lo + 1] - sr->at[lo]), t = (col - sr->at[lo]) / h, u = 1 - t;
    double ya = sr->score[lo], yb = sr->score[lo + 1];
    double c1 = ya + sr->slope[lo] * h / 3, c2 = yb - sr->slope[lo + 1] * h / 3;
    *score = u * u * u * ya + 3 * u * u * t * c1 + 3 * u * t * t * c2 + t * t * t * yb;
    return true;
}

typedef struct {
    double x, y, w, h;
} rect;

static bool overlaps(const rect *a, const rect *b, double gap)
{
    return a->x < b->x + b->w + gap && b->x < a->x + a->w + gap && a->y < b->y + b->h + gap &&
           b->y < a->y + a->h + gap;
}

/* How many of the curves a label at r in column `step` would cover (r in
 * the column's coordinates, y from the top score's line). */
static unsigned curve_hits(const planner *pl, uint32_t step, const rect *r)
{
    unsigned hits = 0;
    for (uint32_t k = 0; k < pl->nseries; k++) {
        const series *sr = &pl->series[k];
        double dx = spread(pl, k);
        for (int q = 0; q <= 8; q++) {
            double x = r->x + r->w * q / 8.0;
            double v;
            if (!curve_at(sr, step + (x - COL_W / 2 - dx) / COL_W, &v))
                continue;
            double y = (pl->hi - v) * pl->unit;
            if (y >= r->y - PEN_CURVE && y <= r->y + r->h + PEN_CURVE) {
                hits++;
                break;
            }
        }
    }
    return hits;
}

/* One series' score at a step, with its label. */
typedef struct {
    int score;
    uint32_t series;
    jy_str label;
} score_at;

static int by_label(const void *pa, const void *pb)
{
    const score_at *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score < b->score ? -1 : 1;
    size_t n = a->label.n < b->label.n ? a->label.n : b->label.n;
    int c = memcmp(a->label.s, b->label.s, n);
    if (c || a->label.n != b->label.n)
        return c ? c : a->label.n < b->label.n ? -1 : 1;
    return a->series < b->series ? -1 : a->series > b->series;
}

/* The series at[first, end) that share a score and a label at a step. */
typedef struct {
    uint32_t first, end;
    int score;
    uint32_t leader;
} label_group;

static int by_group(const void *pa, const void *pb)
{
    const label_group *a = pa, *b = pb;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return a->leader < b->leader ? -1 : a->leader > b->leader;
}

/* Every score label of the map, placed in its column.  The personas
 * giving one score with the same label text share a label, which shows
 * each one's marker; different texts are never merged.  A label is
 * wrapped to its column, never cut, and goes as near its point as it can
 * without covering another label or a point, preferring places that no
 * curve crosses.  The emotion row then grows to hold every label. */
static void plan_labels(planner *pl)
{
    const jy_model *m = pl->m;
    render_map *r = pl->r;
    uint32_t ns = pl->nseries;
    free(pl->labels);
    free(pl->members);
    free(pl->label_start);
    pl->labels = NULL;
    pl->members = NULL;
    pl->nlabels = pl->nmembers = 0;
    pl->label_start = jy_xcalloc((size_t)pl->nshown + 1, sizeof *pl->label_start);
    size_t cap = 0, mcap = 0;
    uint32_t *cursor = jy_xcalloc(ns + 1, sizeof *cursor);
    score_at *at = jy_xmalloc((ns + 1) * sizeof *at);
    label_group *groups = jy_xmalloc((ns + 1) * sizeof *groups);
    rect *placed = jy_xmalloc((2 * (size_t)ns + 2) * sizeof *placed);
    bool marks = m->npersonas > 0;
    bool avoid_curves = ns <= 12;   /* with more, curves cover every place anyway */
    double span = (pl->hi - pl->lo) * pl->unit;
    double top = 0, bottom = span;
    jy_buf t = { 0 }, wrapped = { 0 };
    for (uint32_t i = 0; i < pl->nshown; i++) {
        pl->label_start[i] = pl->nlabels;
        if (!pl->lane_on[RENDER_LANE_EMOTIONS])
            continue;
        const jy_step *s = &m->steps[pl->shown[i]];
        uint32_t nat = 0, nplaced = 0;
        double low = -INFINITY;   /* the bottom of the lowest thing placed */
        for (uint32_t k = 0; k < ns; k++) {
            series *sr = &pl->series[k];
            while (cursor[k] < sr->n && sr->at[cursor[k]] < i)
                cursor[k]++;
            if (cursor[k] >= sr->n || sr->at[cursor[k]] != i)
                continue;
            int score;
            jy_str label = { "", 0 };
            jy_step_score(s, sr->persona < 0 ? JY_MOOD : sr->persona, &score, &label);
            at[nat++] = (score_at){ score, k, label };
            /* Every point in the column is in the way of every label. */
            double py = (pl->hi - score) * pl->unit, px = COL_W / 2 + spread(pl, k);
            if (px > -MARKER && px < COL_W + MARKER) {
                placed[nplaced++] = (rect){ px - MARKER / 2 - 1, py - MARKER / 2 - 1, MARKER + 2, MARKER + 2 };
                if (py + MARKER / 2 + 1 > low)
                    low = py + MARKER / 2 + 1;
            }
        }
        qsort(at, nat, sizeof *at, by_label);
        /* The groups giving one score and one text, from the top score
         * down, then in series order; past LABEL_CROWD at a step, one
         * label says how many more there are. */
        uint32_t ngroups = 0;
        for (uint32_t q = 0; q < nat; q++)
            if (q == 0 || at[q].score != at[q - 1].score || !jy_str_eq(at[q].label, at[q - 1].label))
                groups[ngroups++] = (label_group){ q, q + 1, at[q].score, at[q].series };
            else
                groups[ngroups - 1].end = q + 1;
        qsort(groups, ngroups, sizeof *groups, by_group);
        for (uint32_t gi = 0; gi < ngroups; gi++) {
            uint32_t first = groups[gi].first;
            bool rest = gi + 1 == LABEL_CROWD && ngroups > LABEL_CROWD;
            if (pl->nlabels == cap) {
                cap = cap ? 2 * cap : 64;
                pl->labels = jy_xrealloc(pl->labels, cap * sizeof *pl->labels);
            }
            score_label *lb = &pl->labels[pl->nlabels++];
            memset(lb, 0, sizeof *lb);
            lb->step = i;
            lb->score = at[first].score;
            lb->first = (uint32_t)pl->nmembers;
            lb->rest = rest;
            for (uint32_t gj = gi; gj < (rest ? ngroups : gi + 1); gj++)
                for (uint32_t g = groups[gj].first; g < groups[gj].end; g++) {
                    if (pl->nmembers == mcap) {
                        mcap = mcap ? 2 * mcap : 64;
                        pl->members = jy_xrealloc(pl->members, mcap * sizeof *pl->members);
                    }
                    pl->members[pl->nmembers++] = at[g].series;
                }
            lb->n = (uint32_t)(pl->nmembers - lb->first);
            t.len = 0;
            lb->nmarks = rest || !marks ? 0 : lb->n < LABEL_MARKS_MAX ? lb->n : LABEL_MARKS_MAX;
            if (rest) {
                jy_buf_printf(&t, "and %u more personas' scores here", lb->n);
            } else {
                put_score(&t, lb->score);
                if (at[first].label.n) {
                    jy_buf_addc(&t, ' ');
                    jy_buf_addstr(&t, at[first].label);
                }
                if (lb->n > lb->nmarks && marks)
                    jy_buf_printf(&t, " (%u personas)", lb->n);
            }
            unsigned per_row = lb->nmarks < LABEL_MARKS_PER_ROW ? lb->nmarks : LABEL_MARKS_PER_ROW;
            unsigned mrows = (lb->nmarks + LABEL_MARKS_PER_ROW - 1) / LABEL_MARKS_PER_ROW;
            lb->mark_w = per_row ? per_row * LABEL_MARK_STEP + 1 : 0;
            double room = COL_W - 2 * LABEL_ROOM - lb->mark_w - 8;
            wrapped.len = 0;
            double wid = 0;
            unsigned n = jy_render_wrap(&wrapped, jy_str_make(t.p, t.len), NULL, RF_REGULAR, SCORE_SIZE,
                                        room / r->widen, &wid);
            note_lines(r, n, NULL, "the score label of step '%.*s'", clip(s->id),
                       s->id.s);
            lb->text = jy_arena_strndup(r->arena, wrapped.p, wrapped.len);
            lb->text_w = wid;
            lb->w = lb->mark_w + wid * r->widen + 8;
            double th = text_height(n, SCORE_SIZE), mh = mrows * LABEL_MARK_STEP;
            lb->h = (th > mh ? th : mh) + 2;
            lb->x = (COL_W - lb->w) / 2;
            if (lb->x < LABEL_ROOM)
                lb->x = LABEL_ROOM;
            /* Search outward from the point, above and below: the first
             * free place, unless one a little further crosses fewer
             * curves. */
            double py = (pl->hi - lb->score) * pl->unit;
            double best = INFINITY, best_y = py + MARKER / 2 + 2;
            bool crowd = pl->nlabels - pl->label_start[i] > LABEL_CROWD;
            for (double d = 0; d <= LABEL_SEARCH && d < best && !crowd; d += 2) {
                for (int below = 0; below < 2; below++) {
                    rect c = { lb->x, below ? py + MARKER / 2 + 2 + d : py - MARKER / 2 - 2 - lb->h - d, lb->w, lb->h };
                    bool free_place = true;
                    for (uint32_t o = 0; o < nplaced && free_place; o++)
                        free_place = !overlaps(&c, &placed[o], 1);
                    if (!free_place)
                        continue;
                    double cost = d + (below ? 0.5 : 0) + (avoid_curves ? 24.0 * curve_hits(pl, i, &c) : 0);
                    if (cost < best) {
                        best = cost;
                        best_y = c.y;
                    }
                }
            }
            if (isinf(best))   /* nothing free nearby: below everything else */
                best_y = low + 2 > py ? low + 2 : py;
            lb->y = best_y;
            if (!crowd)
                placed[nplaced++] = (rect){ lb->x, lb->y, lb->w, lb->h };
            if (lb->y + lb->h > low)
                low = lb->y + lb->h;
            if (rest)
                break;
            if (lb->y < top)
                top = lb->y;
            if (lb->y + lb->h > bottom)
                bottom = lb->y + lb->h;
        }
    }
    pl->label_start[pl->nshown] = pl->nlabels;
    /* The row: room above the top score and below the floor for the labels. */
    double above = -top + 4, below = bottom - span + 4;
    pl->emo_top = above > 10 ? above : 10;
    pl->row_h[RENDER_LANE_EMOTIONS] = ceil(pl->emo_top + span + (below > 12 ? below : 12));
    jy_buf_free(&t);
    jy_buf_free(&wrapped);
    free(cursor);
    free(at);
    free(groups);
    free(placed);
}

/* The shown steps [*first, *end) of stage g that are in a row; false when
 * it has none there. */
static bool stage_on_row(const planner *pl, const render_row *row, uint32_t g, uint32_t *first, uint32_t *end)
{
    *first = pl->stage_first[g] > row->first_step ? pl->stage_first[g] : row->first_step;
    *end = pl->stage_first[g] + pl->stage_count[g];
    if (*end > row->end_step)
        *end = row->end_step;
    return *end > *first;
}

/* The stage band: as tall as the tallest stage title with its goals, each
 * wrapped to the width its steps give it in its row. */
static double stage_header_height(planner *pl, const render_map *r)
{
    double h = 0;
    for (unsigned pg = 0; pg < r->npages; pg++)
        for (unsigned ro = 0; ro < r->pages[pg].nrows; ro++) {
            const render_row *row = &r->pages[pg].rows[ro];
            for (uint32_t g = row->first_stage; g <= row->last_stage && g < pl->m->nstages; g++) {
                uint32_t first, end;
                if (!stage_on_row(pl, row, g, &first, &end))
                    continue;
                double w = ((end - first) * COL_W - 2 * PAD_X) / r->widen;
                const jy_stage *st = &pl->m->stages[g];
                pl->scratch.len = 0;
                unsigned n = jy_render_wrap(&pl->scratch, st->title, NULL, RF_BOLD, STAGE_SIZE, w, NULL);
                note_lines(pl->r, n + 1, &st->loc, "the header of stage '%.*s'", clip(st->id), st->id.s);
                double th = text_height(n + (first > pl->stage_first[g]), STAGE_SIZE);
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

/* ---- rows and pages --------------------------------------------------------- */

/* The widest and tallest a page may be in a format, in points. */
static double max_page_width(const render_options *o)
{
    switch (o->format) {
    case RENDER_PNG: return floor((RENDER_MAX_PNG_PIXELS - 1) * 72.0 / (96.0 * o->scale));
    case RENDER_PDF: return RENDER_MAX_PDF_POINTS;
    default: return INFINITY;
    }
}

/* Splits the shown steps into rows of at most cols columns: whole stages
 * while they fit, a stage wider than a row at step boundaries.  Returns
 * how many; fills out when it is not NULL. */
static unsigned split_rows(const planner *pl, uint32_t cols, render_row *out)
{
    render_row cur = { 0, 0, 0, 0 };
    unsigned n = 0;
    for (uint32_t g = 0; g < pl->m->nstages; g++) {
        uint32_t left = pl->stage_count[g];
        uint32_t used = cur.end_step - cur.first_step;
        if (left && used && used + left > cols) {
            if (out)
                out[n] = cur;
            n++;
            cur = (render_row){ g, g, cur.end_step, cur.end_step };
            used = 0;
        }
        while (used + left > cols) {
            uint32_t take = cols - used;
            cur.end_step += take;
            cur.last_stage = g;
            left -= take;
            if (out)
                out[n] = cur;
            n++;
            cur = (render_row){ g, g, cur.end_step, cur.end_step };
            used = 0;
        }
        cur.end_step += left;
        if (left || g == 0)
            cur.last_stage = g;
    }
    if (out)
        out[n] = cur;
    return n + 1;
}

/* The narrowest rows (in columns) that make at most `rows` rows. */
static uint32_t cols_for_rows(const planner *pl, unsigned rows, uint32_t most)
{
    uint32_t lo = 1, hi = most;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (split_rows(pl, mid, NULL) <= rows)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void add_page(render_map *r, const render_row *rows, unsigned nrows)
{
    r->pages = jy_xrealloc(r->pages, (r->npages + 1) * sizeof *r->pages);
    render_page *pg = &r->pages[r->npages++];
    memset(pg, 0, sizeof *pg);
    pg->rows = jy_xmalloc(nrows * sizeof *pg->rows);
    memcpy(pg->rows, rows, nrows * sizeof *rows);
    pg->nrows = nrows;
    pg->first_stage = rows[0].first_stage;
    pg->last_stage = rows[nrows - 1].last_stage;
    pg->first_step = rows[0].first_step;
    pg->end_step = rows[nrows - 1].end_step;
}

/* The rows and pages of the map.  --rows N flows whole stages onto N rows
 * of one picture (as few columns wide as that allows); --rows auto does
 * so when one row would be wider than AUTO_RATIO times its height.  A row
 * is never wider than the format allows; rows go on a new page when the
 * page would be taller than the format allows, and a single row too wide
 * makes pages of its own, side by side.  A PDF on paper is rows the
 * page's width, zoomed so that one fits the page's height, a page each. */
static void arrange(planner *pl)
{
    render_map *r = pl->r;
    const render_options *o = &r->opts;
    double grid_h = 0;
    for (unsigned k = 0; k < pl->norder; k++)
        grid_h += pl->row_h[pl->order[k]];
    /* Estimates: the stage band and the title block are measured later. */
    double row_h = grid_h + 48, title_h = 110 + (pl->cards ? 200 : 0);
    double maxw = max_page_width(o), maxh = maxw;
    uint32_t n = pl->nshown ? pl->nshown : 1;
    uint32_t fit = isinf(maxw) ? n : (uint32_t)((maxw - 2 * MARGIN - LABEL_W) / COL_W);
    if (fit < 1)
        fit = 1;
    if (fit > n)
        fit = n;
    double zoom = 1;
    if (o->format == RENDER_PDF && o->paper != RENDER_PAPER_NONE) {
        double pw = o->landscape ? papers[o->paper].h : papers[o->paper].w;
        double ph = o->landscape ? papers[o->paper].w : papers[o->paper].h;
        double need = title_h + row_h + 2 * MARGIN;
        zoom = ph / need < 1 ? ph / need : 1;
        fit = (uint32_t)((pw / zoom - 2 * MARGIN - LABEL_W) / COL_W);
        if (fit < 1)
            fit = 1;
        render_row *rows = jy_xmalloc((split_rows(pl, fit, NULL) + 1) * sizeof *rows);
        unsigned nrows = split_rows(pl, fit, rows);
        for (unsigned i = 0; i < nrows; i++) {
            add_page(r, &rows[i], 1);
            r->pages[r->npages - 1].paper_w = pw;
            r->pages[r->npages - 1].paper_h = ph;
        }
        free(rows);
        return;
    }
    unsigned want = o->rows;
    /* The HTML map is explored by panning and zooming: one row, always
     * (rows are for a wall, a slide or paper). */
    if (o->format == RENDER_HTML)
        want = 1;
    if (want == 0) {
        want = 1;
        for (unsigned k = 1; k <= RENDER_MAX_ROWS; k++) {
            uint32_t cols = cols_for_rows(pl, k, n);
            unsigned got = split_rows(pl, cols, NULL);
            double w = 2 * MARGIN + LABEL_W + cols * COL_W;
            double h = 2 * MARGIN + title_h + got * row_h + (got - 1) * ROW_GAP;
            want = k;
            if (w <= AUTO_RATIO * h || cols == 1)
                break;
        }
    }
    uint32_t cols = want > 1 ? cols_for_rows(pl, want, n) : n;
    if (cols > fit)
        cols = fit;
    render_row *rows = jy_xmalloc((split_rows(pl, cols, NULL) + 1) * sizeof *rows);
    unsigned nrows = split_rows(pl, cols, rows);
    if (want <= 1) {   /* one row: pages side by side where it is too wide */
        for (unsigned i = 0; i < nrows; i++)
            add_page(r, &rows[i], 1);
    } else {           /* rows, onto as few pages as their height allows */
        if (o->format == RENDER_PNG) {
            /* A PNG page is drawn whole in memory, 4 bytes a pixel: at
             * most PNG_PAGE_PIXELS of them, so rows past that go on
             * further pages. */
            double px = 96.0 * o->scale / 72.0;
            double w = (2 * MARGIN + LABEL_W + cols * COL_W) * px;
            double most = PNG_PAGE_PIXELS / w / px;
            if (most < maxh)
                maxh = most;
        }
        unsigned i = 0;
        while (i < nrows) {
            unsigned k = 1;
            while (i + k < nrows && 2 * MARGIN + title_h + (k + 1) * (row_h + ROW_GAP) <= maxh)
                k++;
            add_page(r, &rows[i], k);
            i += k;
        }
    }
    free(rows);
}

/* ---- building a page ------------------------------------------------------- */

typedef struct {
    planner *pl;
    render_page *pg;
    const render_row *row;
    const char *sfx;           /* after the ids of a row's own items: "" in
                                  the first row, ".row2" in the second... */
    double grid_x, grid_y;     /* top-left of the first step column */
    double lane_y[RENDER_NLANES];
    double grid_bottom;
} page_builder;

static double column_x(const page_builder *b, uint32_t shown)
{
    return b->grid_x + (shown - b->row->first_step) * COL_W;
}

static double row_width(const render_row *row)
{
    return (row->end_step - row->first_step) * COL_W;
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

static render_item *marker(render_page *pg, const char *id, const series *sr, double x, double y, double d)
{
    render_item *mk = add_item(pg, RI_MARKER, id);
    mk->x = x;
    mk->y = y;
    mk->w = sr->shape == RS_TRIANGLE || sr->shape == RS_INVTRIANGLE ? d + 2 : d;
    mk->fill = sr->color;
    mk->stroke = theme->paper;
    mk->shape = sr->shape;
    return mk;
}

/* A persona's sample: its line, with its marker in the middle. */
static void sample(render_page *pg, jy_arena *a, const series *sr, double x, double cy)
{
    line(pg, arena_fmt(a, "legend-line.%s", sr->id), x, cy, x + LEGEND_SAMPLE, cy, sr->color, PEN_SAMPLE,
         (render_dash)sr->dash);
    marker(pg, arena_fmt(a, "legend.%s", sr->id), sr, x + LEGEND_SAMPLE / 2, cy, MARKER);
}

/* A persona card's texts, wrapped to the card. */
typedef struct {
    jy_buf name, description, facts, quote;
    unsigned nname, ndescription, nfacts, nquote;
    double wname, wdescription, wfacts, wquote;
    double h;
} card_text;

static unsigned card_wrap(render_map *r, jy_buf *out, jy_str text, const char *prefix, render_font font, double size,
                          double width, double *widest, const jy_loc *loc, const jy_persona *p)
{
    double w = 0;
    unsigned n = jy_render_wrap(out, text, prefix, font, size, width / r->widen, &w);
    if (w > *widest)
        *widest = w;
    note_lines(r, n, loc, "the card of persona '%.*s'", clip(p->id), p->id.s);
    return n;
}

/* How much of a card's width its persona's picture takes (0: none). */
static double card_side(const jy_persona *p)
{
    return p->image.resolved.n ? CARD_IMAGE + CARD_IMAGE_GAP : 0;
}

static void card_measure(render_map *r, const jy_persona *p, card_text *c)
{
    double inner = CARD_W - 2 * CARD_PAD - 4;   /* 4 points of slack for pango's widths */
    double side = card_side(p);                /* the picture beside name and description */
    memset(c, 0, sizeof *c);
    c->nname = card_wrap(r, &c->name, jy_display_name(p->title, p->id), NULL, RF_BOLD, CARD_NAME_SIZE,
                         inner - side - LEGEND_NAME_X, &c->wname, &p->loc, p);
    if (p->description.n)
        c->ndescription = card_wrap(r, &c->description, p->description, NULL, RF_ITALIC, CARD_SIZE, inner - side,
                                    &c->wdescription, &p->loc, p);
    static const char *const prefix[] = { "Goal: ", "Need: ", "Frustration: ", "Behaviour: " };
    const jy_texts *lists[] = { &p->goals, &p->needs, &p->frustrations, &p->behaviors };
    for (int k = 0; k < 4; k++)
        for (uint32_t i = 0; i < lists[k]->n; i++)
            c->nfacts += card_wrap(r, &c->facts, lists[k]->items[i].text, prefix[k], RF_REGULAR, CARD_SIZE, inner,
                                   &c->wfacts, &lists[k]->items[i].loc, p);
    if (p->quote.n) {
        jy_buf q = { 0 };
        jy_buf_adds(&q, "\xE2\x80\x9C");   /* “ */
        jy_buf_addstr(&q, p->quote);
        jy_buf_adds(&q, "\xE2\x80\x9D");   /* ” */
        c->nquote = card_wrap(r, &c->quote, jy_str_make(q.p, q.len), NULL, RF_ITALIC, CARD_SIZE, inner, &c->wquote,
                              &p->loc, p);
        jy_buf_free(&q);
    }
    double h = CARD_PAD + text_height(c->nname, CARD_NAME_SIZE);
    if (h < CARD_PAD + LEGEND_ROW)
        h = CARD_PAD + LEGEND_ROW;
    if (c->ndescription)
        h += 3 + text_height(c->ndescription, CARD_SIZE);
    if (side && h < CARD_PAD + CARD_IMAGE)
        h = CARD_PAD + CARD_IMAGE;
    if (c->nfacts)
        h += 5 + text_height(c->nfacts, CARD_SIZE);
    if (c->nquote)
        h += 5 + text_height(c->nquote, CARD_SIZE);
    c->h = h + CARD_PAD;
}

static void card_free(card_text *c)
{
    jy_buf_free(&c->name);
    jy_buf_free(&c->description);
    jy_buf_free(&c->facts);
    jy_buf_free(&c->quote);
}

static double card_block(page_builder *b, jy_arena *a, const char *id, const jy_buf *text, double w, render_font font,
                         double size, const char *color, double x, double y, double width, unsigned n)
{
    render_item *it = box(b->pg, arena_fmt(a, "%s", id), x, y, width, text_height(n, size));
    it->text = jy_arena_strndup(a, text->p, text->len);
    it->text_w = w;
    it->font = (uint8_t)font;
    it->size = size;
    it->color = color;
    it->pad_x = it->pad_y = 0;
    return it->h;
}

/* The persona cards, in rows across the title block: each card is its
 * persona's legend entry (its line, marker and name), framed in the
 * persona's colour and line style, with what the map says of it. */
static double persona_cards(page_builder *b, double x0, double y, double width)
{
    planner *pl = b->pl;
    render_map *r = pl->r;
    jy_arena *a = r->arena;
    uint32_t ns = pl->nseries;
    card_text *cards = jy_xcalloc(ns + 1, sizeof *cards);
    for (uint32_t k = 0; k < ns; k++)
        card_measure(r, &pl->m->personas[pl->series[k].persona], &cards[k]);
    unsigned per_row = (unsigned)((width + CARD_GAP) / (CARD_W + CARD_GAP));
    if (per_row < 1)
        per_row = 1;
    for (uint32_t first = 0; first < ns; first += per_row) {
        uint32_t end = first + per_row < ns ? first + per_row : ns;
        double h = 0;
        for (uint32_t k = first; k < end; k++)
            h = cards[k].h > h ? cards[k].h : h;
        for (uint32_t k = first; k < end; k++) {
            const series *sr = &pl->series[k];
            const card_text *c = &cards[k];
            double x = x0 + (k - first) * (CARD_W + CARD_GAP);
            render_item *frame = box(b->pg, arena_fmt(a, "card.%s", sr->id), x, y, CARD_W, h);
            frame->fill = theme->card_fill;
            frame->stroke = sr->color;
            frame->pen = PEN_CARD;
            frame->dash = sr->dash;
            const jy_persona *p = &pl->m->personas[sr->persona];
            double side = card_side(p), tx = x + CARD_PAD + side, tw = CARD_W - 2 * CARD_PAD - side;
            double cy = y + CARD_PAD;
            if (side)
                image(r, b->pg, arena_fmt(a, "card-image.%s", sr->id), &p->image, x + CARD_PAD, cy, CARD_IMAGE,
                      CARD_IMAGE);
            double name_h = text_height(c->nname, CARD_NAME_SIZE);
            sample(b->pg, a, sr, tx, cy + (name_h < LEGEND_ROW ? LEGEND_ROW : name_h) / 2);
            render_item *nm = box(b->pg, arena_fmt(a, "legend-name.%s", sr->id), tx + LEGEND_NAME_X, cy,
                                  tw - LEGEND_NAME_X, name_h < LEGEND_ROW ? LEGEND_ROW : name_h);
            nm->text = jy_arena_strndup(a, c->name.p, c->name.len);
            nm->text_w = c->wname;
            nm->font = RF_BOLD;
            nm->size = CARD_NAME_SIZE;
            nm->pad_x = nm->pad_y = 0;
            nm->valign = RV_MIDDLE;
            cy += name_h < LEGEND_ROW ? LEGEND_ROW : name_h;
            const char *id = sr->id;
            if (c->ndescription)
                cy += 3 + card_block(b, a, arena_fmt(a, "card-description.%s", id), &c->description, c->wdescription,
                                     RF_ITALIC, CARD_SIZE, theme->muted, tx, cy + 3, tw, c->ndescription);
            if (side && cy < y + CARD_PAD + CARD_IMAGE)
                cy = y + CARD_PAD + CARD_IMAGE;
            double fw = CARD_W - 2 * CARD_PAD;
            if (c->nfacts)
                cy += 5 + card_block(b, a, arena_fmt(a, "card-facts.%s", id), &c->facts, c->wfacts, RF_REGULAR,
                                     CARD_SIZE, theme->ink, x + CARD_PAD, cy + 5, fw, c->nfacts);
            if (c->nquote)
                cy += 5 + card_block(b, a, arena_fmt(a, "card-quote.%s", id), &c->quote, c->wquote, RF_ITALIC,
                                     CARD_SIZE, theme->ink, x + CARD_PAD, cy + 5, fw, c->nquote);
        }
        y += h + CARD_GAP;
    }
    for (uint32_t k = 0; k < ns; k++)
        card_free(&cards[k]);
    free(cards);
    return y - CARD_GAP;
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
    if (r->opts.tag)
        jy_buf_printf(&sub, " \xC2\xB7 tagged %s", r->opts.tag);
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

    if (pl->cards) {
        y = persona_cards(b, MARGIN, y + 4, width);
    } else if (pl->lane_on[RENDER_LANE_EMOTIONS] && m->npersonas) {
        /* The legend: a sample of each curve, marker and dash, and its name. */
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
            sample(b->pg, a, sr, x, cy);
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
    if (pl->base) {
        /* What the faint lines are: the baseline, by its title. */
        y += 6;
        double cy = y + LEGEND_ROW / 2;
        line(b->pg, "legend-line.asis", MARGIN, cy, MARGIN + LEGEND_SAMPLE, cy, arena_fmt(a, "%s66", theme->ink),
             PEN_SAMPLE, RD_SOLID);
        t.len = 0;
        jy_buf_adds(&t, "As-is: ");
        jy_buf_addstr(&t, pl->base->title);
        jy_buf_adds(&t, ", faint behind each persona's curve (steps matched by id)");
        it = text_block(r, b->pg, "legend-name.asis", MARGIN + LEGEND_NAME_X, y + 2, width - LEGEND_NAME_X,
                        jy_str_make(t.p, t.len), RF_ITALIC, TEXT_SIZE, theme->muted, NULL);
        y += it->h + 4 > LEGEND_ROW ? it->h + 4 : LEGEND_ROW;
    }
    jy_buf_free(&t);
    pl->title_h = y - MARGIN;
}

static void stage_band(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    const render_row *row = b->row;
    double y = b->grid_y - pl->header_h;
    render_item *lab = box(b->pg, arena_fmt(a, "stage-label%s", b->sfx), MARGIN, y, LABEL_W, pl->header_h);
    lab->fill = theme->stage_fill;
    lab->stroke = theme->stage_fill;
    lab->pen = PEN_HAIR;
    for (uint32_t g = row->first_stage; g <= row->last_stage && g < pl->m->nstages; g++) {
        uint32_t first, end;
        if (!stage_on_row(pl, row, g, &first, &end))
            continue;
        const jy_stage *st = &pl->m->stages[g];
        const char *sid = jy_arena_strndup(a, st->id.s, st->id.n);
        bool continued = first > pl->stage_first[g];
        const char *more = continued ? b->sfx : "";
        double x = column_x(b, first), w = (end - first) * COL_W;
        double tw = (w - 2 * PAD_X) / pl->r->widen, wid = 0, gw = 0;
        jy_buf t = { 0 };
        unsigned n = jy_render_wrap(&t, st->title, NULL, RF_BOLD, STAGE_SIZE, tw, &wid);
        if (continued)
            jy_buf_adds(&t, "(continued)\n"), n++;
        render_item *it = box(b->pg, arena_fmt(a, "stage.%s%s", sid, more), x, y, w, pl->header_h);
        it->fill = theme->stage_fill;
        it->stroke = theme->paper;
        it->pen = PEN_HAIR;
        it->text = jy_arena_strndup(a, t.p, t.len);
        it->text_w = wid;
        it->font = RF_BOLD;
        it->size = STAGE_SIZE;
        it->color = theme->stage_ink;
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
            render_item *gi = box(b->pg, arena_fmt(a, "stage-goal.%s%s", sid, more), x, y + top, w, pl->header_h - top);
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

static void item_marks(page_builder *b, unsigned lane, uint32_t step, const cell *c);

/* How far apart Graphviz draws the lines of a text: 1.2 times the size
 * with its own font tables (SVG, DOT), the size times 1.1 rounded to a
 * point with pango (PNG, PDF).  Boxes are sized for the larger; only
 * what is placed beside a given line needs the exact one. */
static double line_pitch(const render_map *r, double size)
{
    return r->opts.format == RENDER_PNG || r->opts.format == RENDER_PDF ? floor(size * 1.1 + 0.5)
                                                                        : size * RENDER_LINE_HEIGHT;
}

static void lanes(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    double grid_w = row_width(b->row);
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        double y = b->lane_y[lane], h = pl->row_h[lane];
        const char *name = lane_names[lane];
        const lane_style *st = &lane_styles[lane];
        if (st->line) {
            render_item *it = box(b->pg, arena_fmt(a, "lane.%s%s", name, b->sfx), MARGIN, y, LABEL_W, h);
            jy_buf t = { 0 };
            double wid = 0;
            jy_render_wrap(&t, jy_str_make(lane_labels[lane], strlen(lane_labels[lane])), NULL,
                           (render_font)st->font, st->size, (LABEL_W - 2 * PAD_X) / pl->r->widen, &wid);
            it->text = jy_arena_strndup(a, t.p, t.len);
            jy_buf_free(&t);
            it->font = st->font;
            it->size = st->size;
            it->color = role(st->color);
            it->text_w = wid;
            it->valign = RV_MIDDLE;
            continue;
        }
        render_item *it = box(b->pg, arena_fmt(a, "lane.%s%s", name, b->sfx), MARGIN, y, LABEL_W, h);
        it->fill = theme->label_fill;
        it->stroke = theme->border;
        it->pen = PEN_HAIR;
        it->text = arena_fmt(a, "%s\n", lane_labels[lane]);
        it->text_w = jy_render_text_width(lane_labels[lane], strlen(lane_labels[lane]), RF_BOLD, LABEL_SIZE);
        it->font = RF_BOLD;
        it->size = LABEL_SIZE;
        it->valign = lane == RENDER_LANE_EMOTIONS ? RV_TOP : RV_MIDDLE;
        render_item *band = box(b->pg, arena_fmt(a, "band.%s%s", name, b->sfx), b->grid_x, y, grid_w, h);
        band->fill = role(st->fill);
        band->stroke = theme->border;
        band->pen = PEN_HAIR;
    }
    /* A moment of truth tints its column, under the cells' text. */
    for (uint32_t i = b->row->first_step; i < b->row->end_step; i++) {
        const jy_step *s = &pl->m->steps[pl->shown[i]];
        if (!s->has_moment)
            continue;
        render_item *it = box(b->pg, arena_fmt(a, "moment-tint.%s", step_id(pl, i)), column_x(b, i), b->grid_y, COL_W,
                              b->grid_bottom - b->grid_y);
        it->fill = theme->moment_fill;
    }
    /* Cell texts. */
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        if (lane == RENDER_LANE_EMOTIONS || lane_styles[lane].line)
            continue;
        if (lane == RENDER_LANE_STORYBOARD) {
            /* Each step's image, fitted into its cell. */
            for (uint32_t i = b->row->first_step; i < b->row->end_step; i++) {
                const jy_step *s = &pl->m->steps[pl->shown[i]];
                if (s->image.resolved.n)
                    image(pl->r, b->pg, arena_fmt(a, "storyboard.%s", step_id(pl, i)), &s->image,
                          column_x(b, i) + PAD_X, b->lane_y[lane] + PAD_Y, COL_W - 2 * PAD_X,
                          pl->row_h[lane] - 2 * PAD_Y);
            }
            continue;
        }
        for (uint32_t i = b->row->first_step; i < b->row->end_step; i++) {
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
            if (c->nmarks)
                item_marks(b, lane, i, c);
        }
    }
    if (!pl->lane_on[RENDER_LANE_STEPS])
        return;
    /* Under a step's title: its moment of truth, and whom it concerns. */
    for (uint32_t i = b->row->first_step; i < b->row->end_step; i++) {
        const step_head *hd = &pl->heads[i];
        const jy_step *s = &pl->m->steps[pl->shown[i]];
        double x = column_x(b, i), y = b->lane_y[RENDER_LANE_STEPS] + PAD_Y + hd->title_h;
        const char *sid = step_id(pl, i);
        if (hd->moment) {
            double h = text_height(hd->moment_lines, GOAL_SIZE);
            render_item *it = box(b->pg, arena_fmt(a, "moment.%s", sid), x + PAD_X, y + 3, COL_W - 2 * PAD_X, h);
            it->text = hd->moment;
            it->text_w = hd->moment_w;
            it->font = RF_ITALIC;
            it->size = GOAL_SIZE;
            it->color = theme->moment;
            it->pad_x = it->pad_y = 0;
            y += 3 + h;
        }
        if (hd->is_new) {
            static const char new_text[] = "\xE2\x9C\x9A New since the as-is map\n";   /* ✚ */
            double h = text_height(1, GOAL_SIZE);
            render_item *it = box(b->pg, arena_fmt(a, "new.%s", sid), x + PAD_X, y + 3, COL_W - 2 * PAD_X, h);
            it->text = new_text;
            it->text_w = jy_render_text_width(new_text, sizeof new_text - 2, RF_ITALIC, GOAL_SIZE);
            it->font = RF_ITALIC;
            it->size = GOAL_SIZE;
            it->color = theme->opportunity;
            it->pad_x = it->pad_y = 0;
            y += 3 + h;
        }
        if (!pl->show_concerns)
            continue;
        double mx = x + PAD_X + MARKER / 2;
        for (uint32_t k = 0; k < pl->nseries; k++) {
            const series *sr = &pl->series[k];
            if (!step_concerns(s, sr->persona))
                continue;
            marker(b->pg, arena_fmt(a, "concerns.%s.%s", sr->id, sid), sr, mx, y + 3 + CONCERN_ROW / 2, MARKER - 1);
            mx += MARKER + 4;
        }
    }
}

/* The personas beside the items of a cell that concern only some of its
 * step's personas, at the right of each one's first line. */
static void item_marks(page_builder *b, unsigned lane, uint32_t step, const cell *c)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    const jy_step *s = &pl->m->steps[pl->shown[step]];
    const lane_style *st = &lane_styles[lane];
    double lh = line_pitch(pl->r, st->size), x = column_x(b, step), top = b->lane_y[lane] + PAD_Y;
    const char *sid = step_id(pl, step);
    for (uint32_t k = 0; k < c->nmarks; k++) {
        const item_mark *mk = &c->marks[k];
        const char *what = mk->it->id.n ? jy_arena_strndup(a, mk->it->id.s, mk->it->id.n) : arena_fmt(a, "%u", k + 1);
        uint32_t ks[RENDER_MAX_MARKS];
        uint32_t nk = item_series(pl, s, mk->it, ks);
        if (nk > RENDER_MAX_MARKS)
            nk = RENDER_MAX_MARKS;
        for (uint32_t j = 0; j < nk; j++) {
            const series *sr = &pl->series[ks[j]];
            marker(b->pg, arena_fmt(a, "%s-persona.%s.%s.%s", lane_names[lane], sr->id, sid, what), sr,
                   x + COL_W - PAD_X - (nk - j) * LABEL_MARK_STEP + LABEL_MARK / 2, top + (mk->line + 0.5) * lh,
                   LABEL_MARK);
        }
    }
}

static void grid_lines(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    double top = b->grid_y - pl->header_h, bottom = b->grid_bottom;
    for (uint32_t i = b->row->first_step + 1; i < b->row->end_step; i++) {
        const jy_step *s = &pl->m->steps[pl->shown[i]];
        const jy_step *prev = &pl->m->steps[pl->shown[i - 1]];
        bool stage_edge = s->stage != prev->stage;
        double x = column_x(b, i), pen = stage_edge ? PEN_STAGE : PEN_HAIR, y0 = stage_edge ? top : b->grid_y;
        /* A thin filled box: one Graphviz node, where a line is an edge
         * and two anchors. */
        render_item *it = box(b->pg, arena_fmt(a, "grid.%s", step_id(pl, i)), x - pen / 2, y0, pen, bottom - y0);
        it->fill = stage_edge ? theme->stage_line : theme->grid;
    }
    /* The blueprint's lines, across the row. */
    for (unsigned k = 0; k < pl->norder; k++) {
        unsigned lane = pl->order[k];
        if (!lane_styles[lane].line)
            continue;
        double y = b->lane_y[lane] + pl->row_h[lane] / 2;
        line(b->pg, arena_fmt(a, "%s%s", lane_names[lane], b->sfx), b->grid_x, y, b->grid_x + row_width(b->row), y,
             theme->muted, PEN_VISIBILITY, (render_dash)lane_styles[lane].dash);
    }
}

/* A series' pieces in the builder's row as one curve item. */
static void curve_item(page_builder *b, const series *sr, double dx, const char *id, const char *color, double pen)
{
    jy_arena *a = b->pl->r->arena;
    const render_row *row = b->row;
    uint32_t first = 0, end;
    while (first < sr->n && sr->at[first] < row->first_step)
        first++;
    for (end = first; end < sr->n && sr->at[end] < row->end_step; end++)
        ;
    uint32_t npieces = 0, nruns = 0;
    for (uint32_t i = first; i + 1 < end; i++)
        if (sr->joined[i]) {
            npieces++;
            nruns += i == first || !sr->joined[i - 1];
        }
    if (!npieces)
        return;
    double *p = jy_arena_alloc(a, (3 * (size_t)npieces + nruns) * 2 * sizeof *p);
    uint32_t *runs = jy_arena_alloc(a, nruns * sizeof *runs);
    size_t np = 0;
    uint32_t run = 0;
    for (uint32_t i = first; i + 1 < end; i++) {
        if (!sr->joined[i])
            continue;
        uint32_t s0 = sr->at[i], s1 = sr->at[i + 1];
        double ax = column_x(b, s0) + COL_W / 2 + dx, bx = column_x(b, s1) + COL_W / 2 + dx;
        if (i == first || !sr->joined[i - 1]) {   /* a run starts */
            p[2 * np] = ax;
            p[2 * np + 1] = score_y(b, sr->score[i]);
            np++;
            runs[run++] = 1;
        }
        double h = (double)(s1 - s0);   /* in columns */
        double ya = sr->score[i], yb = sr->score[i + 1];
        double c1 = ya + sr->slope[i] * h / 3, c2 = yb - sr->slope[i + 1] * h / 3;
        double *q = p + 2 * np;
        q[0] = ax + (bx - ax) / 3;
        q[1] = score_y(b, c1);
        q[2] = bx - (bx - ax) / 3;
        q[3] = score_y(b, c2);
        q[4] = bx;
        q[5] = score_y(b, yb);
        np += 3;
        runs[run - 1] += 3;
    }
    render_item *it = add_item(b->pg, RI_CURVE, id);
    it->path = p;
    it->npath = (uint32_t)np;
    it->runs = runs;
    it->nruns = nruns;
    it->stroke = color;
    it->pen = pen;
    it->dash = sr->dash;
}

static void emotion_lane(page_builder *b)
{
    planner *pl = b->pl;
    jy_arena *a = pl->r->arena;
    render_page *pg = b->pg;
    const render_row *row = b->row;
    double x0 = b->grid_x, x1 = b->grid_x + row_width(row);

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
        render_item *it = box(pg, arena_fmt(a, "axis.%d%s", v, b->sfx), x0 - 34, y - 7, 30, 14);
        it->text = jy_arena_strndup(a, t.p, t.len);
        it->text_w = jy_render_text_width(t.p, t.len - 1, RF_REGULAR, SCORE_SIZE);
        it->size = SCORE_SIZE;
        it->color = theme->muted;
        it->align = RA_RIGHT;
        it->valign = RV_MIDDLE;
        it->pad_x = 2;
        it->pad_y = 0;
    }
    jy_buf_free(&t);
    if (pl->lo < 0 && pl->hi > 0)
        line(pg, arena_fmt(a, "zero%s", b->sfx), x0, score_y(b, 0), x1, score_y(b, 0), theme->zero_line, PEN_HAIR,
             RD_DASHED);

    /* Compared: the baseline's curves first, faint, behind the others. */
    for (uint32_t k = 0; pl->base_series && k < pl->nseries; k++)
        curve_item(b, &pl->base_series[k], spread(pl, k), arena_fmt(a, "asis.%s%s", pl->series[k].id, b->sfx),
                   arena_fmt(a, "%s66", pl->series[k].color), PEN_SAMPLE);

    /* Each curve's pieces in this row, joined into one item (one Graphviz
     * edge of one or more splines: a node and an edge per piece cost
     * Graphviz about 3 KB each).  The curve breaks where a step leaves
     * its persona out; pieces to points in another row are left out. */
    for (uint32_t k = 0; k < pl->nseries; k++)
        curve_item(b, &pl->series[k], spread(pl, k), arena_fmt(a, "curve.%s%s", pl->series[k].id, b->sfx),
                   pl->series[k].color, PEN_CURVE);
    for (uint32_t k = 0; k < pl->nseries; k++) {
        const series *sr = &pl->series[k];
        double dx = spread(pl, k);
        for (uint32_t i = 0; i < sr->n; i++) {
            uint32_t s = sr->at[i];
            if (s < row->first_step || s >= row->end_step)
                continue;
            marker(pg, arena_fmt(a, "emotion.%s.%s", sr->id, step_id(pl, s)), sr, column_x(b, s) + COL_W / 2 + dx,
                   score_y(b, sr->score[i]), MARKER);
        }
    }

    /* The score labels, as plan_labels placed them: the markers of the
     * personas it speaks for, then the text on a translucent backing
     * (curves passing behind do not strike it through), one node. */
    double top = b->lane_y[RENDER_LANE_EMOTIONS] + pl->emo_top;
    for (size_t l = pl->label_start[row->first_step]; l < pl->label_start[row->end_step]; l++) {
        const score_label *lb = &pl->labels[l];
        const series *lead = &pl->series[pl->members[lb->first]];
        const char *sid = step_id(pl, lb->step);
        double x = column_x(b, lb->step) + lb->x, y = top + lb->y;
        for (uint32_t j = 0; j < lb->nmarks; j++) {
            const series *sr = &pl->series[pl->members[lb->first + j]];
            marker(pg, arena_fmt(a, "score-mark.%s.%s", sr->id, sid), sr,
                   x + 3 + LABEL_MARK / 2 + (j % LABEL_MARKS_PER_ROW) * LABEL_MARK_STEP,
                   y + 1 + SCORE_SIZE * RENDER_LINE_HEIGHT / 2 + (double)(j / LABEL_MARKS_PER_ROW) * LABEL_MARK_STEP,
                   LABEL_MARK);
        }
        render_item *it = box(pg, arena_fmt(a, "score.%s.%s", lead->id, sid), x + 1 + lb->mark_w, y,
                              lb->w - 1 - lb->mark_w, lb->h);   /* 2 points of slack */
        it->fill = theme->score_backing;
        it->text = lb->text;
        it->text_w = lb->text_w;
        it->size = SCORE_SIZE;
        it->color = theme->ink;
        it->align = RA_LEFT;
        it->valign = RV_MIDDLE;
        it->pad_x = 3;
        it->pad_y = 0;
    }
}

static void build_page(planner *pl, unsigned index)
{
    render_map *r = pl->r;
    render_page *pg = &r->pages[index];
    pg->n = 0;
    double grid_w = 0;
    for (unsigned k = 0; k < pg->nrows; k++)
        if (LABEL_W + row_width(&pg->rows[k]) > grid_w)
            grid_w = LABEL_W + row_width(&pg->rows[k]);
    double content_w = grid_w > MIN_TITLE_W ? grid_w : MIN_TITLE_W;
    page_builder b = { pl, pg, &pg->rows[0], "", 0, 0, { 0 }, 0 };

    /* The page itself, first: an empty box that gives the drawing its
     * size (the graph's background colour paints it). */
    size_t bg = pg->n;   /* an index: the item array moves as it grows */
    box(pg, "page", 0, 0, 0, 0);
    title_block(&b, content_w, index, r->npages);

    double y = MARGIN + pl->title_h + 14;
    for (unsigned k = 0; k < pg->nrows; k++) {
        b.row = &pg->rows[k];
        b.sfx = k ? arena_fmt(r->arena, ".row%u", k + 1) : "";
        b.grid_x = MARGIN + LABEL_W;
        b.grid_y = y + pl->header_h;
        double ly = b.grid_y;
        for (unsigned l = 0; l < pl->norder; l++) {
            b.lane_y[pl->order[l]] = ly;
            ly += pl->row_h[pl->order[l]];
        }
        b.grid_bottom = ly;
        if (b.row->end_step > b.row->first_step)
            stage_band(&b);
        lanes(&b);
        if (b.row->end_step > b.row->first_step)
            grid_lines(&b);
        if (pl->lane_on[RENDER_LANE_EMOTIONS])
            emotion_lane(&b);
        y = b.grid_bottom + ROW_GAP;
    }
    if (pl->removed.n && index + 1 == r->npages) {
        /* Compared: the baseline's steps this map no longer has. */
        jy_buf t = { 0 };
        jy_buf_adds(&t, "Removed since the as-is map: ");
        jy_buf_addstr(&t, pl->removed);
        double top = b.grid_bottom + 8;
        render_item *it = text_block(r, pg, "removed", MARGIN, top, content_w, jy_str_make(t.p, t.len), RF_ITALIC,
                                     TEXT_SIZE, theme->muted, NULL);
        b.grid_bottom = top + it->h;
        jy_buf_free(&t);
    }
    if (pl->nshown == 0) {
        /* Nothing to draw yet: say so rather than leave a blank page. */
        const jy_model *m = pl->m;
        int32_t p = r->opts.persona;
        jy_str name = p >= 0 ? jy_display_name(m->personas[p].title, m->personas[p].id) : jy_str_make("", 0);
        const char *text = r->opts.tag ? arena_fmt(r->arena, "No step%s is tagged %s.", p >= 0 ? " of this view" : "",
                                                   r->opts.tag)
                           : p >= 0 ? arena_fmt(r->arena, "No step concerns %.*s.", (int)name.n, name.s)
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
        free(pl->series[k].joined);
    }
    free(pl->series);
    for (uint32_t k = 0; pl->base_series && k < pl->nseries; k++) {
        free(pl->base_series[k].at);
        free(pl->base_series[k].score);
        free(pl->base_series[k].slope);
        free(pl->base_series[k].joined);
    }
    free(pl->base_series);
    free(pl->base_step);
    free(pl->cells);
    free(pl->heads);
    free(pl->labels);
    free(pl->members);
    free(pl->label_start);
    free(pl->pain_base);
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
    theme = &themes[r->opts.theme < RENDER_NTHEMES ? r->opts.theme : RENDER_THEME_LIGHT];
    r->background = r->opts.background ? r->opts.background : theme->paper;
    pl.r = r;
    pl.m = r->m;
    choose_steps(&pl);
    make_series(&pl);
    for (uint32_t k = 0; k < pl.nseries; k++)
        monotone_slopes(&pl.series[k]);
    compare_prepare(&pl);
    choose_lanes(&pl);
    choose_cards(&pl);
    /* Pains with an id are numbered P1, P2... in journey order. */
    pl.pain_base = jy_xmalloc((r->m->nsteps + 1) * sizeof *pl.pain_base);
    for (uint32_t i = 0, n = 0; i < r->m->nsteps; i++) {
        pl.pain_base[i] = n;
        for (uint32_t k = 0; k < r->m->steps[i].pains.n; k++)
            n += r->m->steps[i].pains.items[k].id.n > 0;
    }
    scale_geometry(&pl);
    measure_cells(&pl);
    plan_labels(&pl);
    if (!r->pages)
        arrange(&pl);
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
    if (!(r->opts.scale > 0))
        r->opts.scale = 1;
    r->arena = jy_arena_new();
    jy_map_init(&r->image_at);
    r->widen = 1.0;
    r->overflow = 1.0;
    jy_render_layout(r);
    return r;
}

void jy_render_map_free(render_map *r)
{
    if (!r)
        return;
    for (unsigned i = 0; i < r->npages; i++) {
        free(r->pages[i].items);
        free(r->pages[i].rows);
    }
    free(r->pages);
    for (uint32_t i = 0; i < r->nimages; i++)
        if (r->images[i].read)
            jy_render_image_free(&r->images[i].img);
    free(r->images);
    jy_map_free(&r->image_at);
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
