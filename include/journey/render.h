/* journey/render.h - the map as a picture: SVG, PNG, PDF, positioned DOT,
 * or an interactive HTML page around the SVG.
 *
 * Rendering has two steps.  jy_render_plan lays the map out on a grid that
 * the project computes itself (stage columns split into step columns,
 * lanes as rows) and splits it into pages where a format cannot hold it in
 * one; it needs no Graphviz and cannot fail.  jy_render_write then hands one
 * page to Graphviz (libcgraph + libgvc, layout engine nop2 with every
 * node pinned) and writes it to the stream it is given.  docs/render.md
 * describes the picture.
 */
#ifndef JOURNEY_RENDER_H
#define JOURNEY_RENDER_H

#include "journey/diag.h"
#include "journey/model.h"

typedef enum { RENDER_SVG, RENDER_PNG, RENDER_PDF, RENDER_DOT, RENDER_HTML } render_format;

/* The lanes (rows), in their default order; evidence is drawn only when
 * --lanes asks for it.  storyboard holds each step's image.  interaction, visibility and internal are the
 * service blueprint's three lines (of interaction, of visibility, of
 * internal interaction), each a thin labelled row. */
#define RENDER_LANE_LIST(X)                   \
    X(STEPS, "steps", "Steps")                \
    X(STORYBOARD, "storyboard", "Storyboard") \
    X(TOUCHPOINTS, "touchpoints", "Touchpoints") \
    X(THOUGHTS, "thoughts", "Thoughts")       \
    X(EMOTIONS, "emotions", "Emotions")       \
    X(PAINS, "pains", "Pains")                \
    X(OPPORTUNITIES, "opportunities", "Opportunities") \
    X(ARTIFACTS, "artifacts", "Artifacts")    \
    X(INTERACTION, "interaction", "Line of interaction") \
    X(FRONTSTAGE, "frontstage", "Frontstage") \
    X(VISIBILITY, "visibility", "Line of visibility") \
    X(BACKSTAGE, "backstage", "Backstage")    \
    X(INTERNAL, "internal", "Line of internal interaction") \
    X(SUPPORT, "support", "Support")          \
    X(OWNERS, "owners", "Owners")             \
    X(METRICS, "metrics", "Metrics")          \
    X(NOTES, "notes", "Notes")                \
    X(EVIDENCE, "evidence", "Evidence")

typedef enum {
#define RENDER_LANE_ENUM(id, name, label) RENDER_LANE_##id,
    RENDER_LANE_LIST(RENDER_LANE_ENUM)
#undef RENDER_LANE_ENUM
    RENDER_NLANES
} render_lane;

/* The looks of the map: each is one table of colours (render_layout.c).
 * print is for black-and-white paper: greys only, told apart by markers
 * and line styles. */
typedef enum { RENDER_THEME_LIGHT, RENDER_THEME_DARK, RENDER_THEME_PRINT, RENDER_NTHEMES } render_theme;

/* Paper sizes for PDF pages (--paper), portrait; RENDER_PAPER_NONE: pages
 * as wide as the map needs. */
typedef enum {
    RENDER_PAPER_NONE, RENDER_PAPER_A4, RENDER_PAPER_A3, RENDER_PAPER_A2, RENDER_PAPER_A1, RENDER_PAPER_A0,
    RENDER_PAPER_LETTER, RENDER_PAPER_TABLOID, RENDER_NPAPERS
} render_paper;

/* The most rows --rows takes. */
#define RENDER_MAX_ROWS 100
/* The largest --scale. */
#define RENDER_MAX_SCALE 8.0

typedef struct {
    render_format format;
    int32_t persona;                   /* a persona's view: its index; -1 all */
    uint8_t lanes[RENDER_NLANES];      /* the lanes to draw, in order */
    unsigned nlanes;                   /* 0: the default lanes, in order */
    unsigned rows;                     /* rows of stages in one picture;
                                          0: automatic (more than one when
                                          the map is wider than 3:1) */
    render_theme theme;
    const char *background;            /* NULL: the theme's; "transparent",
                                          "#rrggbb" or a colour name */
    double scale;                      /* PNG: 1 is 96 dots per inch */
    render_paper paper;                /* PDF */
    bool landscape;                    /* the paper turned */
    bool no_cards;                     /* the legend, not persona cards */
    const char *tag;                   /* only the steps and items with this
                                          tag (jy_tag_selects_step); NULL: all */
    const jy_model *baseline;          /* as-is against to-be: the map this one
                                          improves on, drawn faint behind it
                                          (steps and personas matched by id);
                                          NULL: no comparison */
    const jy_sources *sources;         /* HTML: where the model's locations
                                          point (jy_diags_sources), for each
                                          step's file:line; NULL: none */
} render_options;

void jy_render_options_default(render_options *o);
/* "light", "dark", "print"; false for anything else. */
bool jy_render_theme_parse(const char *name, render_theme *out);
/* "a4" ... "tabloid", with "-landscape" after it or not; false for
 * anything else. */
bool jy_render_paper_parse(const char *name, render_paper *paper, bool *landscape);
/* Whether a --background value is one: "transparent", "#rgb", "#rrggbb",
 * "#rrggbbaa" or a colour name of letters only ("white"). */
bool jy_render_background_valid(const char *value);
/* "svg", "png", "pdf", "dot", "html"; false for anything else. */
bool jy_render_format_parse(const char *name, render_format *out);
/* The format named by a path's extension (.svg .png .pdf .dot .gv .html .htm). */
bool jy_render_format_from_path(const char *path, render_format *out);
const char *jy_render_lane_name(render_lane lane);
/* Parses a comma-separated list of lane names into o.  On an unknown or
 * repeated name returns false and points *bad (length *badlen) at it. */
bool jy_render_lanes_parse(const char *list, render_options *o, const char **bad, size_t *badlen);

/* The most steps drawn in one picture: Graphviz holds about 33 KB per step
 * while drawing, and a wider map is not readable anyway.  The command line
 * refuses more (jy_render_plan itself has no limit). */
#define RENDER_MAX_STEPS 20000

/* The most emotion points (one persona's score at one step) drawn in one
 * map: Graphviz holds about 2 KB per point while drawing, so 100 000 take
 * some 250 MB.  The command line refuses more, suggesting --persona. */
#define RENDER_MAX_POINTS 100000
/* How many emotion points a map drawn with these options has. */
uint64_t jy_render_emotion_points(const jy_model *m, const render_options *o);

/* The most lines one text box of the map may wrap to (a cell, the title,
 * a stage header...): about 100 000 characters in a step's column.  A
 * taller box cannot be read, and Graphviz 2.42 crashes on a label of more
 * than 32 768 lines.  The command line refuses a map with a taller box
 * (jy_render_too_tall); jy_render_write refuses to draw one. */
#define RENDER_MAX_LINES 5000

/* ---- layout ---------------------------------------------------------------- */

typedef struct render_map render_map;

/* Lays out the map of a journey model (m->has_journey) for the options.
 * The result lives until jy_render_map_free; it points into the model. */
render_map *jy_render_plan(const jy_model *m, const render_options *o);
void jy_render_map_free(render_map *r);

/* Maps wider than a format allows are split into pages at stage
 * boundaries: a PNG is at most RENDER_MAX_PNG_PIXELS wide (at 96 dpi), a
 * PDF page RENDER_MAX_PDF_POINTS (200 inches, beyond which viewers refuse
 * it).  SVG and DOT are always one page. */
#define RENDER_MAX_PNG_PIXELS 32767
#define RENDER_MAX_PDF_POINTS 14400
unsigned jy_render_npages(const render_map *r);
/* Whether a text of the map wraps to more than RENDER_MAX_LINES lines in
 * its box.  If so, fills in the first such text: its location in the
 * source (*has_loc false for text the renderer made), how many lines its
 * box needs, and what the box is ("the pains of step 'pay'", "the
 * title"), a string that lives as long as r. */
bool jy_render_too_tall(const render_map *r, jy_loc *loc, bool *has_loc, unsigned long *lines, const char **what);
/* Reads the images the map draws (a persona card's picture, a step's
 * sketch in the storyboard lane) and reports each that cannot be drawn
 * into d, at its string, as invalid-image: one that is not a PNG, JPEG or
 * SVG image by its bytes, is broken, too large, or no longer readable.
 * Returns the number of errors.  jy_render_write reads them itself when
 * this was not called, failing with a plain reason instead. */
unsigned jy_render_load_images(render_map *r, jy_diags *d);
/* Size of a page in points. */
void jy_render_page_size(const render_map *r, unsigned page, double *width, double *height);

/* ---- output ---------------------------------------------------------------- */

/* How many files the map is written as: a PNG holds one page, so a PNG
 * map of several pages is several files; a PDF holds all its pages. */
unsigned jy_render_nfiles(const render_map *r);

/* Writes output file number `file` (a PNG's page, or the whole map in the
 * other formats).  HTML is the SVG in one self-contained page with the
 * step data and a script to explore it (docs/render.md).  Returns 0, or -1 with a reason in err (a page taller
 * than PNG or PDF allows, Graphviz failed, or the stream reported an
 * error).  If Graphviz measures a text wider than it was wrapped for, the
 * map is laid out again with narrower text first, which is why r is not
 * const. */
int jy_render_write(FILE *out, render_map *r, unsigned file, char *err, size_t errlen);

/* Releases the Graphviz context kept between renders of one process. */
void jy_render_shutdown(void);

#endif
