/* render_gv.c - drawing items through Graphviz: SVG, PNG, PDF, DOT.
 *
 * Design notes
 * - Every item becomes a node or an edge with its position pinned
 *   (pos="x,y!", fixedsize boxes), and the layout engine is nop2, which
 *   keeps positions and edge splines as given: Graphviz only measures text
 *   and draws.  A line or curve is an edge between two invisible anchors,
 *   its spline one cubic Bezier for a line, and a persona's whole curve on a
 *   page for a curve (one edge per piece cost about 3 KB of Graphviz's
 *   memory per emotion point).
 * - Drawing order: Graphviz's default output order walks the nodes in the
 *   order they were made, drawing each node's edges right after it, so the
 *   items are drawn in list order (render_layout.c makes them bottom-most
 *   first).
 * - Contexts: SVG and DOT are made by a context holding only Graphviz's
 *   core and neato plugins, so text is measured with Graphviz's built-in
 *   font tables instead of pango (about seven times faster on a large map;
 *   an SVG viewer uses its own fonts anyway).  PNG and PDF add the pango
 *   plugin, which draws with cairo and measures the text it draws, onto
 *   a cairo surface of ours (gvRenderContext): a PDF document, or an image
 *   surface that becomes the PNG file, so that journey can draw on the
 *   page after Graphviz (the map's images) and owns the file's writing.  A
 *   context lives until jy_render_shutdown (Graphviz 2.42 does not survive
 *   freeing and re-creating one in a process).
 * - The plugins are found as Graphviz finds them, so nothing names a
 *   distribution's paths or versions: the plugin directory is $GVBINDIR,
 *   else "graphviz" beside the libgvc the process loaded (the one
 *   pkg-config gave the build is the last resort), and in it Graphviz's
 *   plugin configuration (config6a on Debian: its name comes from
 *   graphviz_version.h) lists each plugin library with the types it
 *   gives.  The libraries giving what a context needs
 *   (jy_render_gv_find_plugins) are loaded with dlopen and given
 *   to gvContextPlugins as built-ins, their tables named after their files
 *   as Graphviz names them.  Reading the configuration takes well under a
 *   millisecond.  If something is missing (no configuration, a library
 *   that does not load), gvContext() is used instead: it reads the same
 *   configuration and loads pango for every format, so SVG and DOT are
 *   slower and their text is measured by pango (some baselines move by a
 *   point or two; the golden SVGs in tests/render would differ).
 * - After layout every text is checked against its box with the size
 *   pango measured (ND_label(n)->dimen).  If one is wider, the layout is
 *   redone with text wrapped narrower by the ratio seen, up to three times,
 *   so text never overflows its cell.  SVG and DOT skip the check: text
 *   there is measured with Graphviz's tables, which count UTF-8 bytes
 *   (one letter with combining accents measured as tens of ems, and
 *   wrapped every text of the map to a sliver).
 * - Text reaches Graphviz as plain (not HTML-like) labels, whose special
 *   characters are the backslash (doubled) and '&' starting an entity
 *   (see set_label).  Graphviz escapes everything it writes into SVG, so
 *   map text cannot inject markup.
 * - A text box taller than RENDER_MAX_LINES lines is refused before
 *   Graphviz sees it (it would crash on a label of more than 32768).
 * - Graphviz's messages are captured (agseterrf) and returned as the
 *   error of a failed render, never printed.
 * - Graphviz never writes to the caller's stream itself: it exits when a
 *   write fails, so it gets a stream that cannot fail (gv_render_to) and
 *   out's own error (a full disk) is what jy_render_write reports, with out
 *   left in error for the caller to name.
 */
#include "render_int.h"

#include "journey/codes.h"
#include "journey/emit.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <gvc.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Graphviz's own name for its plugin configuration: graphviz_version.h has
 * it ("config6a" on Debian, "config6" or "config8" elsewhere); without it,
 * "config" and the plugin API version pkg-config gives (CMakeLists.txt). */
#if defined __has_include
#if __has_include(<graphviz_version.h>)
#include <graphviz_version.h>
#endif
#endif
#if defined GVPLUGIN_CONFIG_FILE
const char jy_render_gv_config_file[] = GVPLUGIN_CONFIG_FILE;
#elif defined JY_GV_PLUGIN_API
const char jy_render_gv_config_file[] = "config" JY_GV_PLUGIN_API;
#else
const char jy_render_gv_config_file[] = "";   /* unknown: gvContext() draws */
#endif

/* ---- finding the plugins --------------------------------------------------- */

/* What a context needs of Graphviz's plugins, as the configuration names
 * each (API, type); cairo: only the context for PNG and PDF. */
static const struct {
    const char *api, *type;
    bool cairo;
} plugin_needs[] = {
    { "render", "svg", false },       { "device", "svg:svg", false },     { "render", "dot", false },
    { "device", "dot:dot", false },   { "layout", "nop2", false },        { "render", "cairo", true },
    { "device", "png:cairo", true },  { "device", "pdf:cairo", true },    { "textlayout", "textlayout", true },
};
#define NNEEDS (sizeof plugin_needs / sizeof plugin_needs[0])
_Static_assert(NNEEDS <= RENDER_GV_PLUGINS_MAX, "a context needs at most one library per need");

/* The configuration's tokens, read as Graphviz reads them: separated by
 * blanks and braces, a brace opening or closing a level, '#' a comment to
 * the end of the line. */
typedef struct {
    const char *s;
    int nest;                  /* the level of the next token */
} cfg_scan;

static void cfg_skip(cfg_scan *c)
{
    for (;;) {
        char ch = *c->s;
        if (ch == '#') {
            while (*c->s && *c->s != '\n')
                c->s++;
        } else if (ch == '{' || ch == '}') {
            c->nest += ch == '{' ? 1 : -1;
            c->s++;
        } else if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            c->s++;
        } else {
            return;
        }
    }
}

static jy_str cfg_token(cfg_scan *c)
{
    const char *start = c->s;
    while (*c->s && !strchr("# \t\n\r{}", *c->s))
        c->s++;
    jy_str t = jy_str_make(start, (size_t)(c->s - start));
    cfg_skip(c);
    return t;
}

static int cfg_quality(jy_str t)
{
    long q = 0;
    uint32_t i = t.n && (t.s[0] == '-' || t.s[0] == '+');
    for (; i < t.n && t.s[i] >= '0' && t.s[i] <= '9' && q < 1000000; i++)
        q = q * 10 + (t.s[i] - '0');
    return (int)(t.n && t.s[0] == '-' ? -q : q);
}

/* A plugin library's table is named after its file, as Graphviz names it:
 * "libgvplugin_pango.so.6" has gvplugin_pango_LTX_library.  false when the
 * name cannot be one (not "lib" and a stem before the first dot). */
static bool plugin_symbol(jy_buf *out, jy_str path)
{
    uint32_t base = path.n;
    while (base > 0 && path.s[base - 1] != '/')
        base--;
    const char *name = path.s + base;
    uint32_t n = path.n - base;
    if (n <= 3 || strncmp(name, "lib", 3) != 0)
        return false;
    uint32_t stem = 3;
    while (stem < n && name[stem] != '.')
        stem++;
    if (stem == 3)
        return false;
    jy_buf_add(out, name + 3, stem - 3);
    jy_buf_adds(out, "_LTX_library");
    return true;
}

static unsigned plugins_from_config(const char *config, const char *dir, bool cairo,
                                    render_gv_plugin out[RENDER_GV_PLUGINS_MAX])
{
    jy_str *libs = NULL;
    size_t nlibs = 0, cap = 0;
    struct {
        size_t lib;            /* + 1; 0: none yet */
        int quality;
    } best[NNEEDS] = { { 0, 0 } };
    cfg_scan c = { config, 0 };
    cfg_skip(&c);
    while (*c.s) {
        jy_str path = cfg_token(&c);
        if (c.nest == 0 && *c.s)
            cfg_token(&c);     /* the package's name */
        VEC_PUSH(libs, nlibs, cap, path);
        jy_str api = { "", 0 };
        while (*c.s && c.nest >= 1) {
            if (c.nest == 1) {
                api = cfg_token(&c);
            } else if (c.nest == 2) {
                jy_str type = cfg_token(&c);
                int quality = c.nest == 2 && *c.s ? cfg_quality(cfg_token(&c)) : 0;
                for (size_t k = 0; k < NNEEDS; k++)
                    if (jy_str_eqz(api, plugin_needs[k].api) && jy_str_eqz(type, plugin_needs[k].type) &&
                        (!best[k].lib || quality >= best[k].quality)) {
                        best[k].lib = nlibs;
                        best[k].quality = quality;
                    }
            } else {
                cfg_token(&c);
            }
        }
    }
    unsigned n = 0;
    bool complete = true;
    for (size_t k = 0; k < NNEEDS; k++)
        if ((cairo || !plugin_needs[k].cairo) && !best[k].lib)
            complete = false;
    for (size_t i = 1; complete && i <= nlibs; i++) {
        bool used = false;
        for (size_t k = 0; k < NNEEDS; k++)
            used |= (cairo || !plugin_needs[k].cairo) && best[k].lib == i;
        if (!used)
            continue;
        jy_str path = libs[i - 1];
        jy_buf sym = { 0 }, full = { 0 };
        if (!plugin_symbol(&sym, path)) {
            jy_buf_free(&sym);
            complete = false;
            break;
        }
        if (path.s[0] != '/') {
            jy_buf_adds(&full, dir);
            jy_buf_addc(&full, '/');
        }
        jy_buf_addstr(&full, path);
        jy_buf_cstr(&full);
        jy_buf_cstr(&sym);
        out[n].path = full.p;
        out[n].symbol = sym.p;
        n++;
    }
    free(libs);
    if (!complete) {
        jy_render_gv_plugins_free(out, n);
        return 0;
    }
    return n;
}

unsigned jy_render_gv_find_plugins(const char *dir, bool cairo, render_gv_plugin out[RENDER_GV_PLUGINS_MAX])
{
    if (!dir || !*jy_render_gv_config_file)
        return 0;
    jy_buf path = { 0 };
    jy_buf_printf(&path, "%s/%s", dir, jy_render_gv_config_file);
    char *text = NULL;
    size_t len;
    int err_no;
    unsigned n = 0;
    if (jy_file_read(jy_buf_cstr(&path), true, &text, &len, &err_no) == JY_READ_OK)
        n = plugins_from_config(text, dir, cairo, out);
    free(text);
    jy_buf_free(&path);
    return n;
}

void jy_render_gv_plugins_free(render_gv_plugin *plugins, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        free(plugins[i].path);
        free(plugins[i].symbol);
        plugins[i].path = plugins[i].symbol = NULL;
    }
}

/* Graphviz's rule (gvconfig_libdir): the directory of the first libgvc.*
 * loaded, unless it is a libtool build tree's .libs, and "graphviz" in it. */
static int libgvc_dir(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    const char *name = info->dlpi_name ? info->dlpi_name : "";
    const char *at = strstr(name, "/libgvc.");
    if (!at || (at - name >= 6 && memcmp(at - 6, "/.libs", 6) == 0))
        return 0;
    jy_buf *dir = data;
    jy_buf_add(dir, name, (size_t)(at - name));
    jy_buf_adds(dir, "/graphviz");
    return 1;
}

char *jy_render_gv_plugin_dir(void)
{
    const char *env = getenv("GVBINDIR");
    if (env && *env)
        return jy_xstrdup(env);
    jy_buf dir = { 0 };
    if (dl_iterate_phdr(libgvc_dir, &dir))
        return (char *)jy_buf_cstr(&dir);
    jy_buf_free(&dir);
#ifdef JY_GV_PLUGIN_DIR
    return jy_xstrdup(JY_GV_PLUGIN_DIR);
#else
    return NULL;
#endif
}

/* ---- contexts and messages ------------------------------------------------ */

static GVC_t *ctx_plain, *ctx_cairo;
static bool plain_estimates;   /* ctx_plain measures with Graphviz's tables */
static jy_buf gv_messages;
/* Per context: the plugin libraries it was made of, and their tables as
 * Graphviz takes built-in plugins (a list ending in a null name). */
static render_gv_plugin plugins[2][RENDER_GV_PLUGINS_MAX];
static unsigned nplugins[2];
static lt_symlist_t builtins[2][RENDER_GV_PLUGINS_MAX + 1];

static int capture_message(char *msg)
{
    jy_buf_adds(&gv_messages, msg);
    return 0;
}

/* Fills builtins[cairo] from the plugins the configuration names; false
 * when something is missing (no directory, no configuration, a library
 * that does not load). */
static bool load_plugins(bool cairo)
{
    char *dir = jy_render_gv_plugin_dir();
    unsigned n = jy_render_gv_find_plugins(dir, cairo, plugins[cairo]);
    free(dir);
    nplugins[cairo] = n;
    for (unsigned i = 0; i < n; i++) {
        /* Never closed: pango and fontconfig keep caches that point into
         * them, and a later context loads them again anyway. */
        void *lib = dlopen(plugins[cairo][i].path, RTLD_NOW | RTLD_LOCAL);
        void *table = lib ? dlsym(lib, plugins[cairo][i].symbol) : NULL;
        if (!table)
            return false;
        builtins[cairo][i].name = plugins[cairo][i].symbol;
        builtins[cairo][i].address = table;
    }
    return n > 0;
}

static GVC_t *context(bool cairo)
{
    GVC_t **slot = cairo ? &ctx_cairo : &ctx_plain;
    if (*slot)
        return *slot;
    agseterrf(capture_message);
    agseterr(AGWARN);
    bool ok = load_plugins(cairo);
    *slot = ok ? gvContextPlugins(builtins[cairo], 0) : gvContext();
    if (!cairo)
        plain_estimates = ok;
    return *slot;
}

bool jy_render_gv_fast(void)
{
    return ctx_plain && plain_estimates;
}

void jy_render_shutdown(void)
{
    if (ctx_plain)
        gvFreeContext(ctx_plain);
    if (ctx_cairo)
        gvFreeContext(ctx_cairo);
    ctx_plain = ctx_cairo = NULL;
    plain_estimates = false;
    /* The plugin libraries stay loaded (see load_plugins). */
    for (int k = 0; k < 2; k++) {
        jy_render_gv_plugins_free(plugins[k], nplugins[k]);
        nplugins[k] = 0;
        memset(builtins[k], 0, sizeof builtins[k]);
    }
    jy_buf_free(&gv_messages);
}

/* ---- the graph ------------------------------------------------------------ */

static const char *const shapes[RS_COUNT] = {
    [RS_CIRCLE] = "circle", [RS_SQUARE] = "square", [RS_DIAMOND] = "diamond", [RS_TRIANGLE] = "triangle",
    [RS_INVTRIANGLE] = "invtriangle", [RS_PENTAGON] = "pentagon", [RS_HEXAGON] = "hexagon",
    [RS_OCTAGON] = "octagon", [RS_STAR] = "star",
};
static const char *const fonts[] = { "Helvetica", "Helvetica-Bold", "Helvetica-Oblique" };

typedef struct {
    Agraph_t *g;
    double height;             /* of the page, to flip y */
    jy_buf b;                  /* scratch for attribute values */
    Agsym_t *n_pos, *n_width, *n_height, *n_label, *n_shape, *n_style, *n_fill, *n_color, *n_pen, *n_id,
        *n_fontname, *n_fontsize, *n_fontcolor, *n_labelloc, *n_margin, *n_peripheries;
    Agsym_t *e_pos, *e_color, *e_pen, *e_style, *e_id;
    Agnode_t **text_node;      /* per item: the node holding its text */
} graph;

static const char *num(graph *G, double v)
{
    G->b.len = 0;
    jy_buf_printf(&G->b, "%.2f", v);
    return jy_buf_cstr(&G->b);
}

static void set(Agnode_t *n, Agsym_t *sym, const char *value)
{
    agxset(n, sym, (char *)value);
}

static Agnode_t *node(graph *G, const char *name, double x, double y, double w, double h)
{
    Agnode_t *n = agnode(G->g, (char *)name, 1);
    G->b.len = 0;
    jy_buf_printf(&G->b, "%.2f,%.2f!", x + w / 2, G->height - (y + h / 2));
    set(n, G->n_pos, jy_buf_cstr(&G->b));
    set(n, G->n_width, num(G, w / 72.0));
    set(n, G->n_height, num(G, h / 72.0));
    set(n, G->n_id, name);
    return n;
}

/* The label: each line ends in \l, \n or \r (left, centre, right), and
 * backslashes in the text are doubled; no character XML forbids gets
 * through.  Graphviz also decodes HTML
 * entities in plain labels ("&amp;" would be drawn as "&") and passes
 * what looks like one straight into SVG, so a '&' before a letter or '#'
 * gets an invisible word joiner (U+2060) after it: the text is drawn as
 * written. */
static void set_label(graph *G, Agnode_t *n, const render_item *it)
{
    G->b.len = 0;
    const char *end = it->align == RA_LEFT ? "\\l" : it->align == RA_RIGHT ? "\\r" : "\\n";
    for (const char *p = it->text; *p; p++) {
        if (*p == '\n') {
            jy_buf_adds(&G->b, end);
        } else if (*p == '\\') {
            jy_buf_adds(&G->b, "\\\\");
        } else if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F) {
            /* Valid UTF-8 passes; a character that XML 1.0 forbids (or that
             * text may not hold: jy_utf8_forbidden) or a stray byte becomes
             * U+FFFD, so the SVG stays XML whatever the model holds. */
            size_t len = jy_utf8_seq_len((const unsigned char *)p, strnlen(p, 4));
            if (len && !jy_utf8_forbidden(jy_utf8_decode(p, len)))
                jy_buf_add(&G->b, p, len);
            else
                jy_buf_adds(&G->b, "\xEF\xBF\xBD");
            p += len ? len - 1 : 0;
        } else {
            jy_buf_addc(&G->b, *p);
            if (*p == '&' && (p[1] == '#' || (p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')))
                jy_buf_adds(&G->b, "\xE2\x81\xA0");
        }
    }
    set(n, G->n_label, jy_buf_cstr(&G->b));
    set(n, G->n_fontname, fonts[it->font < 3 ? it->font : 0]);
    set(n, G->n_fontsize, num(G, it->size));
    set(n, G->n_fontcolor, it->color ? it->color : "#000000");
}

static void paint(graph *G, Agnode_t *n, const render_item *it)
{
    static const char *const styles[2][3] = { { "", "dashed", "dotted" }, { "filled", "filled,dashed", "filled,dotted" } };
    const char *style = styles[it->fill != NULL][it->dash < 3 ? it->dash : 0];
    if (*style)
        set(n, G->n_style, style);
    if (it->fill)
        set(n, G->n_fill, it->fill);
    if (it->pen > 0 && it->stroke) {
        set(n, G->n_color, it->stroke);
        set(n, G->n_pen, num(G, it->pen));
    } else {
        set(n, G->n_peripheries, "0");
    }
}

/* Horizontal margin only: vertical placement is done with the node's
 * geometry (see add_box). */
static void set_margin(graph *G, Agnode_t *n, double pad_x)
{
    G->b.len = 0;
    jy_buf_printf(&G->b, "%.4f,0", pad_x / 72.0);
    set(n, G->n_margin, jy_buf_cstr(&G->b));
}

static void add_box(graph *G, const render_item *it, size_t index)
{
    bool framed = it->fill || (it->pen > 0 && it->stroke);
    if (!it->text || it->valign == RV_MIDDLE) {
        Agnode_t *n = node(G, it->id, it->x, it->y, it->w, it->h);
        paint(G, n, it);
        if (it->text) {
            set_label(G, n, it);
            set_margin(G, n, it->pad_x);
            G->text_node[index] = n;
        }
        return;
    }
    /* Top-aligned text: Graphviz puts it flush with the node's top edge,
     * so the text gets a node of its own, inset by the padding, drawn over
     * the box's frame when it has one. */
    char *name = NULL;
    if (framed) {
        paint(G, node(G, it->id, it->x, it->y, it->w, it->h), it);
        jy_buf nb = { 0 };
        jy_buf_printf(&nb, "%s/text", it->id);
        jy_buf_cstr(&nb);
        name = nb.p;
    }
    Agnode_t *n = node(G, name ? name : it->id, it->x, it->y + it->pad_y, it->w, it->h - 2 * it->pad_y);
    free(name);
    set(n, G->n_peripheries, "0");
    set(n, G->n_labelloc, "t");
    set_margin(G, n, it->pad_x);
    set_label(G, n, it);
    G->text_node[index] = n;
}

/* An image's place: an empty node, so that SVG has a group of the image's
 * id to put it in (svg_images); cairo draws it after Graphviz
 * (draw_images). */
static void add_image(graph *G, const render_item *it)
{
    Agnode_t *n = node(G, it->id, it->x, it->y, it->w, it->h);
    set(n, G->n_peripheries, "0");
}

static void add_marker(graph *G, const render_item *it)
{
    Agnode_t *n = node(G, it->id, it->x - it->w / 2, it->y - it->w / 2, it->w, it->w);
    set(n, G->n_shape, shapes[it->shape % RS_COUNT]);
    set(n, G->n_style, "filled");
    set(n, G->n_fill, it->fill ? it->fill : "#000000");
    set(n, G->n_color, it->stroke ? it->stroke : "#ffffff");
    set(n, G->n_pen, "1");
}

/* A line or a curve: an edge between two invisible anchors, its splines
 * the curve's runs of Beziers end to end (a line: one straight cubic). */
static void add_edge(graph *G, const render_item *it)
{
    const double *p = it->path;
    size_t np = it->npath;
    double q[8];
    if (it->kind == RI_LINE) {
        const double *l = it->pts;
        q[0] = l[0], q[1] = l[1], q[6] = l[2], q[7] = l[3];
        q[2] = l[0] + (l[2] - l[0]) / 3, q[3] = l[1] + (l[3] - l[1]) / 3;
        q[4] = l[0] + 2 * (l[2] - l[0]) / 3, q[5] = l[1] + 2 * (l[3] - l[1]) / 3;
        p = q;
        np = 4;
    }
    jy_buf nb = { 0 };
    Agnode_t *ends[2];
    for (int k = 0; k < 2; k++) {
        nb.len = 0;
        jy_buf_printf(&nb, "%s/%c", it->id, k ? 'b' : 'a');
        const double *at = p + (k ? 2 * (np - 1) : 0);
        ends[k] = node(G, jy_buf_cstr(&nb), at[0], at[1], 0, 0);
        set(ends[k], G->n_shape, "point");
        set(ends[k], G->n_style, "invis");
    }
    jy_buf_free(&nb);
    Agedge_t *e = agedge(G->g, ends[0], ends[1], NULL, 1);
    G->b.len = 0;
    size_t run = 0, left = it->kind == RI_CURVE && it->runs ? it->runs[0] : np;
    for (size_t k = 0; k < np; k++) {
        if (left == 0) {   /* the next run: another spline of the edge */
            left = it->runs[++run];
            jy_buf_addc(&G->b, ';');
        } else if (k) {
            jy_buf_addc(&G->b, ' ');
        }
        jy_buf_printf(&G->b, "%.2f,%.2f", p[2 * k], G->height - p[2 * k + 1]);
        left--;
    }
    agxset(e, G->e_pos, (char *)jy_buf_cstr(&G->b));
    agxset(e, G->e_color, (char *)(it->stroke ? it->stroke : "#000000"));
    agxset(e, G->e_pen, (char *)num(G, it->pen));
    agxset(e, G->e_id, (char *)it->id);
    if (it->dash != RD_SOLID)
        agxset(e, G->e_style, it->dash == RD_DASHED ? "dashed" : "dotted");
}

static Agsym_t *nattr(Agraph_t *g, const char *name, const char *dflt)
{
    return agattr(g, AGNODE, (char *)name, (char *)dflt);
}

static void graph_open(graph *G, const render_map *r, const render_page *pg)
{
    memset(G, 0, sizeof *G);
    G->height = pg->height;
    G->g = agopen("journey", Agdirected, NULL);
    agattr(G->g, AGRAPH, "pad", "0");
    /* No canvas margin: the PDF device would otherwise keep 36 points of
     * it, shifting the map off its page (PNG pages are drawn the same way). */
    agattr(G->g, AGRAPH, "margin", "0");
    agattr(G->g, AGRAPH, "bgcolor", (char *)r->background);
    G->n_pos = nattr(G->g, "pos", "");
    G->n_width = nattr(G->g, "width", "0.75");
    G->n_height = nattr(G->g, "height", "0.5");
    G->n_label = nattr(G->g, "label", "");
    /* Graphviz's own default label is the node's name; the DOT output must
     * say that ours is empty, which it only writes when told to. */
    G->n_label->print = 1;
    G->n_shape = nattr(G->g, "shape", "box");
    nattr(G->g, "fixedsize", "true");
    G->n_style = nattr(G->g, "style", "");
    G->n_fill = nattr(G->g, "fillcolor", "#ffffff");
    G->n_color = nattr(G->g, "color", "#000000");
    G->n_pen = nattr(G->g, "penwidth", "1");
    G->n_id = nattr(G->g, "id", "");
    G->n_fontname = nattr(G->g, "fontname", "Helvetica");
    G->n_fontsize = nattr(G->g, "fontsize", "10");
    G->n_fontcolor = nattr(G->g, "fontcolor", "#000000");
    G->n_labelloc = nattr(G->g, "labelloc", "c");
    G->n_margin = nattr(G->g, "margin", "0,0");
    G->n_peripheries = nattr(G->g, "peripheries", "1");
    agattr(G->g, AGEDGE, "dir", "none");
    G->e_pos = agattr(G->g, AGEDGE, "pos", "");
    G->e_color = agattr(G->g, AGEDGE, "color", "#000000");
    G->e_pen = agattr(G->g, AGEDGE, "penwidth", "1");
    G->e_style = agattr(G->g, AGEDGE, "style", "");
    G->e_id = agattr(G->g, AGEDGE, "id", "");
    G->text_node = jy_xcalloc(pg->n + 1, sizeof *G->text_node);
    for (size_t i = 0; i < pg->n; i++) {
        const render_item *it = &pg->items[i];
        switch (it->kind) {
        case RI_BOX: add_box(G, it, i); break;
        case RI_MARKER: add_marker(G, it); break;
        case RI_IMAGE: add_image(G, it); break;
        default: add_edge(G, it); break;
        }
    }
}

static void graph_close(graph *G, GVC_t *gvc, bool laid_out)
{
    if (laid_out)
        gvFreeLayout(gvc, G->g);
    agclose(G->g);
    free(G->text_node);
    jy_buf_free(&G->b);
}

/* How much wider than planned the widest text Graphviz measured is (1 when
 * every text fits its box). */
static double overflow(const graph *G, const render_page *pg)
{
    double worst = 1.0;
    for (size_t i = 0; i < pg->n; i++) {
        Agnode_t *n = G->text_node[i];
        if (!n)
            continue;
        const render_item *it = &pg->items[i];
        double room = it->w - 2 * it->pad_x;
        double measured = ND_label(n)->dimen.x;
        if (measured > room + 0.5 && it->text_w > 0) {
            double ratio = measured / it->text_w;
            if (ratio > worst)
                worst = ratio;
        }
    }
    return worst;
}

/* Graphviz failed to do what ("draw the PDF"): the reason in err, with
 * the messages it gave. */
static void gv_failed(char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "Graphviz could not %s%s%s", what, gv_messages.len ? ": " : "",
             gv_messages.len ? jy_buf_cstr(&gv_messages) : "");
}

/* Lays out pages [first, first + count) as graphs G[0..count).  When a
 * text does not fit its box, every page is laid out again with text
 * wrapped narrower by the ratio seen, up to three times. */
static int lay_out(GVC_t *gvc, render_map *r, unsigned first, unsigned count, graph *G, char *err, size_t errlen)
{
    /* Graphviz's own tables count bytes, not characters: "ü" measures
     * 1.5 em, a letter with combining accents tens of ems, while ASCII
     * measures narrower than DejaVu Sans.  Text measured so says nothing
     * about whether it fits; the layout's own widths stand. */
    bool measured = !(gvc == ctx_plain && plain_estimates);
    for (int attempt = 0;; attempt++) {
        if (r->too_tall.lines) {   /* Graphviz would crash past 32768 lines */
            snprintf(err, errlen, "cannot draw %s: it would be %lu lines tall, and journey draws at most %d lines "
                     "in one box", r->too_tall.what, r->too_tall.lines, RENDER_MAX_LINES);
            return -1;
        }
        double worst = 1.0;
        for (unsigned i = 0; i < count; i++) {
            graph_open(&G[i], r, &r->pages[first + i]);
            if (gvLayout(gvc, G[i].g, "nop2") != 0) {
                gv_failed(err, errlen, "lay the map out");
                for (unsigned k = 0; k <= i; k++)
                    graph_close(&G[k], gvc, k < i);
                return -1;
            }
            double w = measured ? overflow(&G[i], &r->pages[first + i]) : 1.0;
            if (w > worst)
                worst = w;
        }
        r->overflow = worst;
        if (worst <= 1.0 || attempt == 3)
            return 0;
        for (unsigned i = 0; i < count; i++)
            graph_close(&G[i], gvc, true);
        r->widen *= worst * 1.01;
        jy_render_layout(r);
    }
}

/* Graphviz 2.42 calls exit(1) when a write to its stream comes up short
 * (gvwrite: "gvwrite_no_z problem"), which would end the run with no word
 * and the temporary left behind.  So it writes to a stream of ours that
 * always reports success, passing the bytes on to out until out fails;
 * the caller then sees out's error. */
static ssize_t gv_pass_on(void *cookie, const char *p, size_t n)
{
    FILE *out = cookie;
    if (!ferror(out))
        fwrite(p, 1, n, out);
    return (ssize_t)n;
}

static int gv_render_to(GVC_t *gvc, Agraph_t *g, const char *format, FILE *out)
{
    cookie_io_functions_t io = { NULL, gv_pass_on, NULL, NULL };
    FILE *sink = fopencookie(out, "w", io);
    if (!sink)
        return -1;
    setvbuf(sink, NULL, _IOFBF, (size_t)1 << 16);
    int rc = gvRender(gvc, g, format, sink);
    fclose(sink);
    return rc;
}

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int length)
{
    return fwrite(data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* ---- images --------------------------------------------------------------- */

/* Reads every image of the map not read yet.  Each that cannot be drawn
 * is said into d at its string; without d, the first is said in err and
 * the rest are not read.  Returns how many could not be read. */
static unsigned read_images(render_map *r, jy_diags *d, char *err, size_t errlen)
{
    unsigned errors = 0;
    for (uint32_t i = 0; i < r->nimages && (d || !errors); i++) {
        render_map_image *mi = &r->images[i];
        if (mi->read)
            continue;
        char why[256];
        char *path = jy_arena_strndup(r->arena, mi->ref->resolved.s, mi->ref->resolved.n);
        if (jy_render_image_read(&mi->img, path, why, sizeof why) == 0) {
            mi->read = true;
            continue;
        }
        errors++;
        if (d)
            jy_diag_report(d, JY_C_BAD_IMAGE, &mi->ref->loc, "cannot draw image '%.*s': %s", (int)mi->ref->path.n,
                           mi->ref->path.s, why);
        else
            snprintf(err, errlen, "cannot draw image '%.*s': %s", (int)mi->ref->path.n, mi->ref->path.s, why);
    }
    r->images_read = errors == 0;
    return errors;
}

unsigned jy_render_load_images(render_map *r, jy_diags *d)
{
    return read_images(r, d, NULL, 0);
}

/* Draws a page's images onto cr, whose user space is the page's points
 * (y downwards): after Graphviz, so over the cells they sit in. */
static int draw_images(cairo_t *cr, const render_map *r, const render_page *pg, char *err, size_t errlen)
{
    for (size_t i = 0; i < pg->n; i++) {
        const render_item *it = &pg->items[i];
        if (it->kind != RI_IMAGE)
            continue;
        const render_map_image *mi = &r->images[it->image];
        char why[256];
        if (jy_render_image_draw(cr, &mi->img, it->x, it->y, it->w, it->h, why, sizeof why) != 0) {
            snprintf(err, errlen, "cannot draw image '%.*s': %s", (int)mi->ref->path.n, mi->ref->path.s, why);
            return -1;
        }
    }
    return 0;
}

/* Graphviz's SVG of a page (len bytes) with each image put into the
 * group of its id, after the group's title: an <image> of the picture
 * fitted into its box, its bytes a data: URL, so the SVG stays one
 * self-contained file.  Graphviz writes one tag per line. */
static void svg_images(jy_buf *out, const render_map *r, const render_page *pg, const char *svg, size_t len)
{
    jy_map at;
    jy_map_init(&at);
    for (size_t i = 0; i < pg->n; i++)
        if (pg->items[i].kind == RI_IMAGE)
            jy_map_put(&at, jy_str_make(pg->items[i].id, strlen(pg->items[i].id)), (void *)(uintptr_t)(i + 1));
    jy_buf id = { 0 };
    const render_item *pending = NULL;
    const char *p = svg, *end = svg + len;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;
        size_t n = (size_t)((eol ? eol : end) - p);
        bool title = n >= 7 && memcmp(p, "<title>", 7) == 0;
        if (pending && !title) {
            double f[4];
            const render_map_image *mi = &r->images[pending->image];
            jy_render_image_fit(&mi->img, pending->x, pending->y, pending->w, pending->h, f);
            jy_buf_printf(out, "<image x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                          "preserveAspectRatio=\"none\" xlink:href=\"data:%s;base64,", f[0], f[1] - pg->height, f[2], f[3],
                          jy_render_image_mime(mi->img.type));
            jy_base64(out, mi->img.data, mi->img.len);
            jy_buf_adds(out, "\"/>\n");
            pending = NULL;
        }
        jy_buf_add(out, p, (size_t)(next - p));
        const char *q;
        if (n > 8 && memcmp(p, "<g id=\"", 7) == 0 && (q = memchr(p + 7, '"', n - 7)) != NULL) {
            jy_render_svg_id(&id, p + 7, (size_t)(q - (p + 7)));
            uintptr_t k = (uintptr_t)jy_map_get(&at, jy_str_make(id.p, id.len));
            if (k)
                pending = &pg->items[k - 1];
        }
        p = next;
    }
    jy_buf_free(&id);
    jy_map_free(&at);
}

/* A page's SVG in memory, with its images put in: malloc'd, *len bytes;
 * NULL when Graphviz failed (the reason in err). */
static char *svg_of_page(GVC_t *gvc, const render_map *r, graph *G, unsigned page, size_t *len, char *err,
                         size_t errlen)
{
    char *svg = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&svg, &n);
    int rc = mem ? gv_render_to(gvc, G->g, "svg", mem) : -1;
    if (mem && fclose(mem) != 0)
        rc = -1;
    if (rc != 0) {
        free(svg);
        gv_failed(err, errlen, "write the svg");
        return NULL;
    }
    if (r->nimages) {
        jy_buf b = { 0 };
        svg_images(&b, r, &r->pages[page], svg, n);
        free(svg);
        svg = (char *)jy_buf_cstr(&b);
        n = b.len;
    }
    *len = n;
    return svg;
}

/* A page as SVG: straight from Graphviz, or through memory when the map
 * has images to put in. */
static int write_svg(FILE *out, GVC_t *gvc, render_map *r, graph *G, unsigned page, char *err, size_t errlen)
{
    if (!r->nimages) {
        if (gv_render_to(gvc, G->g, "svg", out) == 0)
            return 0;
        gv_failed(err, errlen, "write the svg");
        return -1;
    }
    size_t len;
    char *svg = svg_of_page(gvc, r, G, page, &len, err, errlen);
    if (!svg)
        return -1;
    fwrite(svg, 1, len, out);
    free(svg);
    return 0;
}

/* All pages as one PDF document: Graphviz draws each page onto a surface
 * of ours (through a sub-surface, because Graphviz finishes the surface it
 * draws on).  The document has no creation date, so the same map gives the
 * same bytes, unless SOURCE_DATE_EPOCH gives one. */
static int write_pdf(FILE *out, GVC_t *gvc, render_map *r, graph *G, char *err, size_t errlen)
{
    /* A page on paper has the paper's size, the map zoomed onto it. */
    double w0 = r->pages[0].paper_w ? r->pages[0].paper_w : r->pages[0].width;
    double h0 = r->pages[0].paper_h ? r->pages[0].paper_h : r->pages[0].height;
    cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(write_stream, out, w0, h0);
    char date[32] = "";
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (epoch && *epoch) {
        char *end;
        long long t = strtoll(epoch, &end, 10);
        time_t tt = (time_t)t;
        struct tm tm;
        if (!*end && t >= 0 && gmtime_r(&tt, &tm))
            strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, date);
    char *title = jy_arena_strndup(r->arena, r->m->title.s, r->m->title.n);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, title);
    /* On paper: one zoom for every page, the largest at which each fits. */
    double zoom = 1;
    for (unsigned i = 0; i < r->npages; i++) {
        const render_page *pg = &r->pages[i];
        if (pg->paper_w && pg->paper_w / pg->width < zoom)
            zoom = pg->paper_w / pg->width;
        if (pg->paper_h && pg->paper_h / pg->height < zoom)
            zoom = pg->paper_h / pg->height;
    }
    int rc = 0;
    for (unsigned i = 0; i < r->npages && rc == 0; i++) {
        const render_page *pg = &r->pages[i];
        double w = pg->paper_w ? pg->paper_w : pg->width, h = pg->paper_h ? pg->paper_h : pg->height;
        cairo_pdf_surface_set_size(pdf, w, h);
        cairo_surface_t *sub = cairo_surface_create_for_rectangle(pdf, 0, 0, w, h);
        cairo_t *cr = cairo_create(sub);
        if (zoom != 1)
            cairo_scale(cr, zoom, zoom);
        rc = gvRenderContext(gvc, G[i].g, "pdf", cr);
        cairo_destroy(cr);
        cairo_surface_destroy(sub);
        cr = cairo_create(pdf);
        if (rc != 0) {
            gv_failed(err, errlen, "draw the PDF");
        } else if (r->nimages) {
            cairo_save(cr);
            if (zoom != 1)
                cairo_scale(cr, zoom, zoom);
            rc = draw_images(cr, r, pg, err, errlen);
            cairo_restore(cr);
        }
        cairo_show_page(cr);
        cairo_destroy(cr);
    }
    cairo_surface_finish(pdf);
    cairo_status_t st = cairo_surface_status(pdf);
    cairo_surface_destroy(pdf);
    if (rc == 0 && st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cannot write the PDF: %s", cairo_status_to_string(st));
        return -1;
    }
    return rc != 0 ? -1 : 0;
}

/* A PNG page: Graphviz draws onto an image surface of ours, as for PDF
 * (its own PNG device would write the file itself), scaled from points
 * to pixels; the file is written from that surface. */
static int write_png(FILE *out, GVC_t *gvc, render_map *r, graph *G, unsigned page, char *err, size_t errlen)
{
    const render_page *pg = &r->pages[page];
    double k = r->opts.scale * 96.0 / 72.0;
    int w = (int)(pg->width * k + 0.5), h = (int)(pg->height * k + 0.5);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w > 0 ? w : 1, h > 0 ? h : 1);
    cairo_surface_t *sub = cairo_surface_create_for_rectangle(img, 0, 0, w > 0 ? w : 1, h > 0 ? h : 1);
    cairo_t *cr = cairo_create(sub);
    cairo_scale(cr, k, k);
    int rc = gvRenderContext(gvc, G->g, "pdf", cr);
    cairo_destroy(cr);
    cairo_surface_destroy(sub);
    if (rc != 0) {
        gv_failed(err, errlen, "draw the PNG");
    } else if (r->nimages) {
        cr = cairo_create(img);
        cairo_scale(cr, k, k);
        rc = draw_images(cr, r, pg, err, errlen);
        cairo_destroy(cr);
    }
    cairo_status_t st = CAIRO_STATUS_SUCCESS;
    if (rc == 0) {
        cairo_surface_flush(img);
        st = cairo_surface_write_to_png_stream(img, write_stream, out);
    }
    cairo_surface_destroy(img);
    if (rc != 0)
        return -1;
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, "cannot write the PNG: %s", cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

/* The HTML map: the SVG, drawn as for -T svg into memory, in its page
 * (render_html.c). */
static int write_html(FILE *out, GVC_t *gvc, render_map *r, graph *G, char *err, size_t errlen)
{
    size_t len;
    char *svg = svg_of_page(gvc, r, G, 0, &len, err, errlen);
    if (!svg)
        return -1;
    int rc = jy_render_html(out, r, svg, len, err, errlen);
    free(svg);
    return rc;
}

unsigned jy_render_nfiles(const render_map *r)
{
    return r->opts.format == RENDER_PNG ? r->npages : 1;
}

int jy_render_write(FILE *out, render_map *r, unsigned file, char *err, size_t errlen)
{
    render_format f = r->opts.format;
    if (file >= jy_render_nfiles(r)) {
        snprintf(err, errlen, "no file %u", file + 1);
        return -1;
    }
    unsigned first = f == RENDER_PNG ? file : 0, count = f == RENDER_PDF ? r->npages : 1;
    for (unsigned i = first; i < first + count; i++) {
        double h = r->pages[i].height;
        double px = h * 96.0 * r->opts.scale / 72.0;
        if (f == RENDER_PNG && px > RENDER_MAX_PNG_PIXELS) {
            snprintf(err, errlen, "the map is %.0f pixels tall, and a PNG can be at most %d; render it as SVG",
                     px, RENDER_MAX_PNG_PIXELS);
            return -1;
        }
        if (f == RENDER_PDF && h > RENDER_MAX_PDF_POINTS) {
            snprintf(err, errlen, "the map is %.0f inches tall, more than the 200 a PDF page may be; render it as SVG",
                     h / 72.0);
            return -1;
        }
    }
    if (!r->images_read && f != RENDER_DOT && read_images(r, NULL, err, errlen) != 0)
        return -1;
    GVC_t *gvc = context(f == RENDER_PNG || f == RENDER_PDF);
    gv_messages.len = 0;
    graph *G = jy_xcalloc(count, sizeof *G);
    int rc = lay_out(gvc, r, first, count, G, err, errlen);
    if (rc == 0) {
        if (f == RENDER_PDF) {
            rc = write_pdf(out, gvc, r, G, err, errlen);
        } else if (f == RENDER_PNG) {
            rc = write_png(out, gvc, r, G, first, err, errlen);
        } else if (f == RENDER_HTML) {
            rc = write_html(out, gvc, r, G, err, errlen);
        } else if (f == RENDER_SVG) {
            rc = write_svg(out, gvc, r, G, first, err, errlen);
        } else {
            rc = gv_render_to(gvc, G[0].g, "dot", out) == 0 ? 0 : -1;
            if (rc)
                gv_failed(err, errlen, "write the dot");
        }
        for (unsigned i = 0; i < count; i++)
            graph_close(&G[i], gvc, true);
    }
    free(G);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, errlen, "cannot write the output");   /* whatever else failed: out did */
        rc = -1;
    }
    return rc;
}
