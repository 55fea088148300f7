/* hostile_model.c - every back end, given a model holding what the
 * language forbids in text.
 *
 *   hostile_model OUTDIR
 *
 * The checker keeps control characters, noncharacters and stray bytes out
 * of a map's text; this builds a checked model and then puts them in
 * anyway (the journey's title, a step's title, a pain), to prove that each
 * writer is safe on its own: it writes OUTDIR/map.svg, map.json, map.mmd,
 * steps.csv, steps.md, diff.txt, diff.md and diff.json, which
 * test_security.py then reads (the SVG must parse as XML, nothing may hold
 * a raw control character).
 */
#include "journey/check.h"
#include "journey/codes.h"
#include "journey/diff.h"
#include "journey/export.h"
#include "journey/render.h"
#include "journey/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char map[] = "journey \"Hostile\" {\n"
                          "  persona anna \"Anna\"\n"
                          "  stage s \"S\" {\n"
                          "    step a \"A\" { emotion 1; pain \"P\" }\n"
                          "    step b \"B\" { emotion -1 }\n"
                          "  }\n"
                          "}\n";

/* Every C0 control, DEL, C1 controls, U+FFFE, U+FFFF, an encoded
 * surrogate, a stray byte, and text around them. */
static jy_str hostile(jy_arena *a)
{
    jy_buf b = { 0 };
    jy_buf_adds(&b, "x");
    for (int c = 1; c < 0x20; c++)
        jy_buf_addc(&b, (char)c);
    jy_buf_adds(&b, "\x7F\xC2\x80\xC2\x9B[31m\xEF\xBF\xBE\xEF\xBF\xBF\xED\xA0\x80\xFF y & <z>");
    jy_str s = jy_str_make(jy_arena_strndup(a, b.p, b.len), b.len);
    jy_buf_free(&b);
    return s;
}

static int write_file(const char *dir, const char *name, int (*fn)(FILE *, void *), void *ctx)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return 1;
    }
    int rc = fn(f, ctx);
    if (fclose(f) != 0 || rc != 0) {
        fprintf(stderr, "hostile_model: writing %s failed\n", name);
        return 1;
    }
    return 0;
}

typedef struct {
    jy_compilation *c, *old;
    report_format rfmt;
    diff_format dfmt;
} job;

static int w_svg(FILE *f, void *ctx)
{
    job *j = ctx;
    render_options o;
    jy_render_options_default(&o);
    o.format = RENDER_SVG;
    render_map *r = jy_render_plan(j->c->model, &o);
    char err[256] = "";
    int rc = jy_render_write(f, r, 0, err, sizeof err);
    if (rc)
        fprintf(stderr, "render: %s\n", err);
    jy_render_map_free(r);
    return rc;
}

static int w_json(FILE *f, void *ctx)
{
    job *j = ctx;
    return jy_export_json(f, j->c->model, jy_diags_sources(j->c->diags));
}

static int w_mermaid(FILE *f, void *ctx)
{
    job *j = ctx;
    return jy_export_mermaid(f, j->c->model);
}

static int w_report(FILE *f, void *ctx)
{
    job *j = ctx;
    report_options o = { REPORT_STEPS, j->rfmt, false, false };
    return jy_report_write(f, j->c->model, &o);
}

static int w_diff(FILE *f, void *ctx)
{
    job *j = ctx;
    diff_result *r = jy_diff_models(j->old->model, j->c->model);
    diff_options o = { j->dfmt, false, "old.journey", "new.journey" };
    int rc = jy_diff_write(f, r, &o);
    jy_diff_free(r);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: hostile_model OUTDIR\n");
        return 2;
    }
    jy_diags *d = jy_diags_new(), *d_old = jy_diags_new();
    job j = { 0 };
    j.c = jy_compile_text(d, "hostile.journey", map, strlen(map), NULL);
    j.old = jy_compile_text(d_old, "old.journey", map, strlen(map), NULL);
    if (!j.c->model || !j.old->model || jy_diags_error_count(d)) {
        fprintf(stderr, "hostile_model: the map does not check\n");
        return 1;
    }
    jy_model *m = j.c->model;
    jy_str h = hostile(j.c->arena);
    m->title = h;
    m->stages[0].title = h;
    m->steps[0].title = h;
    if (m->steps[0].pains.n)
        m->steps[0].pains.items[0].text = h;
    int fails = 0;
    fails += write_file(argv[1], "map.svg", w_svg, &j);
    fails += write_file(argv[1], "map.json", w_json, &j);
    fails += write_file(argv[1], "map.mmd", w_mermaid, &j);
    j.rfmt = REPORT_CSV;
    fails += write_file(argv[1], "steps.csv", w_report, &j);
    j.rfmt = REPORT_MARKDOWN;
    fails += write_file(argv[1], "steps.md", w_report, &j);
    j.dfmt = DIFF_TEXT;
    fails += write_file(argv[1], "diff.txt", w_diff, &j);
    j.dfmt = DIFF_MARKDOWN;
    fails += write_file(argv[1], "diff.md", w_diff, &j);
    j.dfmt = DIFF_JSON;
    fails += write_file(argv[1], "diff.json", w_diff, &j);
    jy_render_shutdown();
    jy_compilation_free(j.c);
    jy_compilation_free(j.old);
    jy_diags_free(d);
    jy_diags_free(d_old);
    return fails ? 1 : 0;
}
