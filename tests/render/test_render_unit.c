/* test_render_unit.c - the renderer's own rules, asserted on its layout:
 * wrapping, curves that never leave the scale, pages, and text that fits
 * its box once Graphviz has measured it.
 *
 *   test_render_unit EXAMPLES_DIR TESTS_DIR
 */
#include "../unit/check.h"
#include "journey/check.h"
#include "journey/codes.h"
#include "render_int.h"

#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <unistd.h>

/* Every line of wrapped text fits the width, and no character is lost. */
static void test_wrap(void)
{
    static const char *const texts[] = {
        "The guide gives chest sizes only; she has long arms",
        "Supercalifragilisticexpialidocious-and-then-some-more-letters-to-break",
        "one\ntwo words\n\nA new paragraph\n- a list item\n- another",
        "  leading and   inner   spaces  ",
        "\xE9\xA1\xA7\xE5\xAE\xA2\xE3\x81\x8C\xE6\x94\xAF\xE6\x89\x95\xE3\x81\x84 wide",
        "",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        for (double width = 40; width <= 200; width += 40) {
            jy_buf out = { 0 };
            double widest = 0;
            unsigned n = jy_render_wrap(&out, jy_str_make(texts[t], strlen(texts[t])), t == 0 ? "\xE2\x96\xBC " : NULL,
                                     RF_REGULAR, 10, width, &widest);
            CHECK(n >= 1);
            CHECK(widest <= width + 1e-9);
            unsigned lines = 0;
            jy_buf joined = { 0 };
            for (size_t i = 0, start = 0; i < out.len; i++) {
                if (out.p[i] != '\n')
                    continue;
                double w = jy_render_text_width(out.p + start, i - start, RF_REGULAR, 10);
                /* A line holding one character wider than the width is
                 * the only excuse. */
                if (w > width + 1e-9)
                    CHECK(jy_utf8_count(out.p + start, i - start) <= 2);
                for (size_t k = start; k < i; k++)
                    if (out.p[k] != ' ')
                        jy_buf_addc(&joined, out.p[k]);
                start = i + 1;
                lines++;
            }
            CHECK(lines == n);
            /* The words survive: the text without spaces, line breaks and
             * the prefix's indent is the original without them. */
            jy_buf want = { 0 };
            if (t == 0)
                jy_buf_adds(&want, "\xE2\x96\xBC");
            for (const char *p = texts[t]; *p; p++)
                if (*p != ' ' && *p != '\n')
                    jy_buf_addc(&want, *p);
            jy_buf got = { 0 };
            for (size_t k = 0; k < joined.len; k++) {
                if (k + 1 < joined.len && (unsigned char)joined.p[k] == 0xC2 && (unsigned char)joined.p[k + 1] == 0xA0) {
                    k++;
                    continue;
                }
                jy_buf_addc(&got, joined.p[k]);
            }
            CHECK(got.len == want.len && (got.len == 0 || memcmp(got.p, want.p, got.len) == 0));
            jy_buf_free(&out);
            jy_buf_free(&joined);
            jy_buf_free(&want);
            jy_buf_free(&got);
        }
    }
    /* Markdown-like breaks: one line break is a space, a blank line a
     * paragraph, a list item a new line. */
    jy_buf out = { 0 };
    unsigned n = jy_render_wrap(&out, JY_STR("one\ntwo\n\nthree\n- four"), NULL, RF_REGULAR, 10, 500, NULL);
    CHECK(n == 4);
    CHECK(strcmp(jy_buf_cstr(&out), "one two\n\nthree\n- four\n") == 0);
    jy_buf_free(&out);
    /* Characters without width still end a line after RENDER_LINE_CHARS:
     * a letter with 2000 accents, and 2000 accents with a prefix. */
    jy_buf marks = { 0 };
    jy_buf_addc(&marks, 'a');
    for (int i = 0; i < 2000; i++)
        jy_buf_adds(&marks, "\xCC\x81");
    for (int prefixed = 0; prefixed < 2; prefixed++) {
        out.len = 0;
        n = jy_render_wrap(&out, jy_str_make(marks.p, marks.len), prefixed ? "\xE2\x96\xBC " : NULL, RF_REGULAR, 10,
                        140, NULL);
        CHECK(n == 5);
        for (size_t i = 0, start = 0; i < out.len; i++)
            if (out.p[i] == '\n') {
                CHECK(jy_utf8_count(out.p + start, i - start) <= RENDER_LINE_CHARS);
                start = i + 1;
            }
    }
    jy_buf_free(&marks);
    jy_buf_free(&out);
    /* DejaVu Sans is wider than its neighbours: 'W' at 10 pt is 9.89 pt. */
    CHECK(fabs(jy_render_text_width("W", 1, RF_REGULAR, 10) - 9.89) < 0.01);
    CHECK(jy_render_text_width("W", 1, RF_BOLD, 10) > jy_render_text_width("W", 1, RF_REGULAR, 10));
}

static jy_compilation *load(jy_diags *d, const char *path)
{
    jy_compile_options opts = { NULL, 0 };
    jy_compilation *c = jy_compile_file(d, path, &opts);
    CHECK(c->model != NULL && jy_diags_error_count(d) == 0);
    return c;
}

/* Each curve piece's control points lie between its two end scores, so
 * the Bezier (inside their hull) never overshoots: it stays on the scale. */
static void test_curves(const char *examples)
{
    static const char *const maps[] = { "winter-jacket.journey", "saas-onboarding.journey" };
    for (size_t k = 0; k < 2; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", examples, maps[k]);
        jy_diags *d = jy_diags_new();
        jy_compilation *c = load(d, path);
        if (!c->model) {
            jy_compilation_free(c);
            jy_diags_free(d);
            continue;
        }
        render_options o;
        jy_render_options_default(&o);
        render_map *r = jy_render_plan(c->model, &o);
        unsigned curves = 0;
        const render_page *pg = &r->pages[0];
        for (size_t i = 0; i < pg->n; i++) {
            const render_item *it = &pg->items[i];
            if (it->kind != RI_CURVE)
                continue;
            /* A curve is runs of pieces, broken where a step leaves its
             * persona out. */
            uint32_t start = 0;
            for (uint32_t run = 0; run < (it->runs ? it->nruns : 1); run++) {
                uint32_t len = it->runs ? it->runs[run] : it->npath;
                CHECK(len >= 4 && len % 3 == 1);
                for (uint32_t j = start; j + 3 < start + len; j += 3) {
                    const double *q = it->path + 2 * j;
                    curves++;
                    double lo = fmin(q[1], q[7]) - 1e-6, hi = fmax(q[1], q[7]) + 1e-6;
                    CHECK(q[3] >= lo && q[3] <= hi);
                    CHECK(q[5] >= lo && q[5] <= hi);
                    CHECK(q[0] < q[6]);
                }
                start += len;
            }
            CHECK(start == it->npath);
        }
        CHECK(curves >= 5);
        jy_render_map_free(r);
        jy_compilation_free(c);
        jy_diags_free(d);
    }
}

static jy_compilation *generated(jy_diags *d, unsigned steps)
{
    jy_buf b = { 0 };
    jy_buf_printf(&b, "journey \"Generated\" {\n  persona p \"P\"\n");
    for (unsigned s = 0; s < steps; s += 10) {
        jy_buf_printf(&b, "  stage st%u \"Stage %u\" {\n", s, s);
        for (unsigned i = s; i < s + 10 && i < steps; i++)
            jy_buf_printf(&b, "    step s%u \"Step %u\" { emotion %d; pain \"Pain %u\" }\n", i, i, (int)(i % 5) - 2, i);
        jy_buf_adds(&b, "  }\n");
    }
    jy_buf_adds(&b, "}\n");
    jy_compilation *c = jy_compile_text(d, "generated.journey", b.p, b.len, NULL);
    jy_buf_free(&b);
    return c;
}

/* Pages: wide maps split at stage boundaries, never wider than allowed. */
static void test_pages(void)
{
    jy_diags *d = jy_diags_new();
    jy_compilation *c = generated(d, 300);
    CHECK(c->model && c->model->nsteps == 300);
    static const render_format formats[] = { RENDER_SVG, RENDER_PNG, RENDER_PDF, RENDER_DOT };
    for (size_t f = 0; f < 4; f++) {
        render_options o;
        jy_render_options_default(&o);
        o.format = formats[f];
        o.rows = 1;   /* one row, in pages where the format needs them */
        render_map *r = jy_render_plan(c->model, &o);
        unsigned n = jy_render_npages(r);
        if (o.format == RENDER_SVG || o.format == RENDER_DOT) {
            CHECK(n == 1);
        } else {
            CHECK(n >= 2);
            double limit = o.format == RENDER_PNG ? RENDER_MAX_PNG_PIXELS * 72.0 / 96.0 : RENDER_MAX_PDF_POINTS;
            uint32_t steps = 0;
            for (unsigned p = 0; p < n; p++) {
                double w, h;
                jy_render_page_size(r, p, &w, &h);
                CHECK(w <= limit);
                steps += r->pages[p].end_step - r->pages[p].first_step;
                /* Stages are split only where a whole stage cannot fit. */
                if (p > 0)
                    CHECK(r->pages[p].first_step % 10 == 0);
            }
            CHECK(steps == 300);
        }
        CHECK(jy_render_nfiles(r) == (o.format == RENDER_PNG ? n : 1));
        jy_render_map_free(r);
    }
    jy_compilation_free(c);
    jy_diags_free(d);
}

/* After Graphviz has measured the text, nothing is wider than its box,
 * even for text chosen to be hard to fit (drawn with pango for PNG). */
static void test_fit(const char *tests)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/render/wide.journey", tests);
    static const render_format formats[] = { RENDER_SVG, RENDER_PNG };
    for (size_t f = 0; f < 2; f++) {
        jy_diags *d = jy_diags_new();
        jy_compilation *c = load(d, path);
        if (c->model) {
            render_options o;
            jy_render_options_default(&o);
            o.format = formats[f];
            render_map *r = jy_render_plan(c->model, &o);
            FILE *out = tmpfile();
            char err[256];
            CHECK(jy_render_write(out, r, 0, err, sizeof err) == 0);
            CHECK(r->overflow <= 1.0);
            fclose(out);
            jy_render_map_free(r);
        }
        jy_compilation_free(c);
        jy_diags_free(d);
    }
}

/* A text box too tall for Graphviz (it crashed past 32 768 lines) is found
 * by the layout, with its place, and jy_render_write refuses to draw it. */
static void test_too_tall(void)
{
    jy_buf b = { 0 };
    jy_buf_adds(&b, "journey \"T\" {\n  stage s \"S\" {\n    step a \"A\" {\n      pain \"");
    for (int i = 0; i < 140000; i++)
        jy_buf_adds(&b, "word ");
    jy_buf_adds(&b, "\"\n    }\n  }\n}\n");
    jy_diags *d = jy_diags_new();
    jy_compilation *c = jy_compile_text(d, "tall.journey", b.p, b.len, NULL);
    jy_buf_free(&b);
    CHECK(c->model != NULL && jy_diags_error_count(d) == 0);
    if (c->model) {
        static const render_format formats[] = { RENDER_SVG, RENDER_DOT };
        for (size_t f = 0; f < 2; f++) {
            render_options o;
            jy_render_options_default(&o);
            o.format = formats[f];
            render_map *r = jy_render_plan(c->model, &o);
            jy_loc loc;
            bool has_loc = false;
            unsigned long lines = 0;
            const char *what = NULL;
            CHECK(jy_render_too_tall(r, &loc, &has_loc, &lines, &what));
            CHECK(has_loc && lines == 35000 && what && strcmp(what, "the pains of step 'a'") == 0);
            jy_pos pos = jy_sources_position(jy_diags_sources(d), loc.file, loc.off);
            CHECK(pos.line == 4 && pos.col == 12);
            FILE *out = tmpfile();
            char err[256] = "";
            CHECK(jy_render_write(out, r, 0, err, sizeof err) == -1);
            CHECK(strstr(err, "cannot draw the pains of step 'a': it would be 35000 lines tall") != NULL);
            fclose(out);
            jy_render_map_free(r);
        }
    }
    jy_compilation_free(c);
    jy_diags_free(d);
}

/* ---- finding Graphviz's plugins ------------------------------------------ */

static char *write_config(const char *dir, const char *text)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, jy_render_gv_config_file);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

static bool found(const render_gv_plugin *p, unsigned n, unsigned i, const char *path, const char *symbol)
{
    if (i >= n || strcmp(p[i].path, path) != 0 || strcmp(p[i].symbol, symbol) != 0) {
        fprintf(stderr, "plugin %u: expected %s (%s), got %s (%s)\n", i, path, symbol, i < n ? p[i].path : "none",
                i < n ? p[i].symbol : "none");
        return false;
    }
    return true;
}

/* The plugins come from the libraries the configuration names, wherever
 * they are and whatever their version, as Graphviz itself would choose
 * them: GVBINDIR names the directory, a relative path is in it, comments
 * (#FAILS) hide a line, the best quality wins. */
static void test_plugin_config(void)
{
    char dir[] = "/tmp/journey-plugins-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *config = write_config(dir,
        "# A plugin configuration as `dot -c` writes it, and worse.\r\n"
        "/opt/graphviz-13/lib64/graphviz/libgvplugin_core.so.8 core {\n"
        "\trender {\n\t\tdot 1\n\t\tsvg 1  # the SVG renderer\n\t}\n"
        "\tdevice {\n\t\tdot:dot 1\n\t\tsvg:svg 1\n\t}\n"
        "}\n"
        "libgvplugin_gd.so.8 gd {\n"
        "\ttextlayout {\n\t\ttextlayout 2\n\t}\n"
        "\tdevice {\n#FAILS\t\tpng:cairo 99\n\t\tpng:gd 1\n\t}\n"
        "}\n"
        "plugins/libgvplugin_neato_layout.so.8.1.0 neato_layout {layout {neato 0 nop2}}\n"
        "libgvplugin_pango.so.8 cairo {\r\n"
        "\trender {\r\n\t\tcairo 10\r\n\t}\r\n"
        "\ttextlayout {\r\n\t\ttextlayout 10\r\n\t}\r\n"
        "\tdevice {\r\n\t\tpng:cairo 10\r\n\t\tpdf:cairo 10\r\n\t\tsvg:cairo -10\r\n\t}\r\n"
        "}\r\n"
        "libgvplugin_xlib.so.8 xlib { device { x11:cairo 0 } }");
    setenv("GVBINDIR", dir, 1);
    char *where = jy_render_gv_plugin_dir();
    CHECK(where && strcmp(where, dir) == 0);
    unsetenv("GVBINDIR");

    render_gv_plugin p[RENDER_GV_PLUGINS_MAX];
    char lib[1100];
    unsigned n = jy_render_gv_find_plugins(where, false, p);
    CHECK(n == 2);
    CHECK(found(p, n, 0, "/opt/graphviz-13/lib64/graphviz/libgvplugin_core.so.8", "gvplugin_core_LTX_library"));
    snprintf(lib, sizeof lib, "%s/plugins/libgvplugin_neato_layout.so.8.1.0", dir);
    CHECK(found(p, n, 1, lib, "gvplugin_neato_layout_LTX_library"));
    jy_render_gv_plugins_free(p, n);

    n = jy_render_gv_find_plugins(where, true, p);
    CHECK(n == 3);
    CHECK(found(p, n, 0, "/opt/graphviz-13/lib64/graphviz/libgvplugin_core.so.8", "gvplugin_core_LTX_library"));
    CHECK(found(p, n, 1, lib, "gvplugin_neato_layout_LTX_library"));
    snprintf(lib, sizeof lib, "%s/libgvplugin_pango.so.8", dir);
    CHECK(found(p, n, 2, lib, "gvplugin_pango_LTX_library"));
    jy_render_gv_plugins_free(p, n);

    /* Of two equal ones, the later; nothing without the nop2 layout or,
     * for PNG and PDF, cairo; nothing from a configuration cut short or
     * from none at all. */
    write_config(dir, "libgvplugin_core.so.6 core { render { svg 1 dot 1 } device { svg:svg 1 dot:dot 1 } }\n"
                      "libgvplugin_neato_layout.so.6 neato_layout { layout { nop2 0 } }\n"
                      "/usr/local/lib/graphviz/libgvplugin_mine.so.6 mine { layout { nop2 0 } }\n");
    n = jy_render_gv_find_plugins(dir, false, p);
    CHECK(n == 2);
    CHECK(found(p, n, 1, "/usr/local/lib/graphviz/libgvplugin_mine.so.6", "gvplugin_mine_LTX_library"));
    jy_render_gv_plugins_free(p, n);
    CHECK(jy_render_gv_find_plugins(dir, true, p) == 0);
    write_config(dir, "libgvplugin_core.so.6 core { render { svg 1 dot 1 } device { svg:svg 1 dot:dot 1 } }\n"
                      "# libgvplugin_neato_layout.so.6 neato_layout { layout { nop2 0 } }\n");
    CHECK(jy_render_gv_find_plugins(dir, false, p) == 0);
    write_config(dir, "libgvplugin_core.so.6 core { render { svg 1 dot 1 } device { svg:svg 1 dot:dot 1 } }\n"
                      "libgvplugin_neato_layout.so.6 neato_layout { layout { nop");
    CHECK(jy_render_gv_find_plugins(dir, false, p) == 0);
    write_config(dir, "gvplugin_core.so.6 core { render { svg 1 dot 1 } device { svg:svg 1 dot:dot 1 } }\n"
                      "libgvplugin_neato_layout.so.6 neato_layout { layout { nop2 0 } }\n");
    CHECK(jy_render_gv_find_plugins(dir, false, p) == 0);   /* no lib...: no table name */
    unlink(config);
    CHECK(jy_render_gv_find_plugins(dir, false, p) == 0);
    CHECK(rmdir(dir) == 0);
    free(where);
}

/* On this machine Graphviz's own configuration is found beside the libgvc
 * the renderer runs with, names the core, neato and pango plugins, and SVG
 * is drawn by the context made of them (text measured with Graphviz's
 * tables, not pango). */
static void test_plugins_here(const char *examples)
{
    CHECK(getenv("GVBINDIR") == NULL);
    char *dir = jy_render_gv_plugin_dir();
    /* "graphviz" beside libgvc, as the loader named it (not the directory
     * pkg-config gave the build, which is the last resort) */
    Dl_info gvc;
    void *gv_context = dlsym(RTLD_DEFAULT, "gvContext");
    CHECK(gv_context && dladdr(gv_context, &gvc) && gvc.dli_fname);
    if (gv_context && gvc.dli_fname) {
        char want[1100];
        const char *slash = strrchr(gvc.dli_fname, '/');
        snprintf(want, sizeof want, "%.*s/graphviz", slash ? (int)(slash - gvc.dli_fname) : 0, gvc.dli_fname);
        CHECK(dir && strcmp(dir, want) == 0);
    }
    render_gv_plugin p[RENDER_GV_PLUGINS_MAX];
    unsigned n = jy_render_gv_find_plugins(dir, true, p);
    CHECK(n == 3);
    static const char *const names[] = { "/libgvplugin_core.", "/libgvplugin_neato_layout.", "/libgvplugin_pango." };
    for (unsigned i = 0; i < n && i < 3; i++) {
        CHECK(strstr(p[i].path, names[i]) != NULL);
        CHECK(access(p[i].path, R_OK) == 0);
    }
    jy_render_gv_plugins_free(p, n);
    free(dir);

    char path[1024];
    snprintf(path, sizeof path, "%s/winter-jacket.journey", examples);
    jy_diags *d = jy_diags_new();
    jy_compilation *c = load(d, path);
    CHECK(c->model != NULL);
    if (c->model) {
        render_options o;
        jy_render_options_default(&o);
        o.format = RENDER_SVG;
        render_map *r = jy_render_plan(c->model, &o);
        FILE *out = tmpfile();
        char err[256];
        CHECK(jy_render_write(out, r, 0, err, sizeof err) == 0);
        CHECK(jy_render_gv_fast());
        fclose(out);
        jy_render_map_free(r);
    }
    jy_compilation_free(c);
    jy_diags_free(d);
}

int main(int argc, char **argv)
{
    test_wrap();
    test_plugin_config();
    if (argc > 2) {
        test_plugins_here(argv[1]);
        test_curves(argv[1]);
        test_pages();
        test_fit(argv[2]);
        test_too_tall();
    }
    jy_render_shutdown();
    TEST_DONE();
}
