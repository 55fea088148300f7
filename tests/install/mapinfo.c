/* mapinfo.c - a program that uses the installed library: checks a map,
 * prints its title and size and, given OUT, draws it as SVG (so that it
 * links Graphviz and cairo too).  tests/install/test_install.py builds it
 * with the flags `pkg-config --cflags --libs journey` gives.
 *
 *   mapinfo FILE [OUT.svg]    exit status 0 (the map checks), 1 (it has
 *                             errors), 2 (usage, I/O, drawing failed)
 */
#include <journey/check.h>
#include <journey/codes.h>
#include <journey/render.h>

#include <stdio.h>

static int draw(const jy_model *m, const char *path)
{
    render_options o;
    jy_render_options_default(&o);
    o.format = RENDER_SVG;
    render_map *r = jy_render_plan(m, &o);
    FILE *out = fopen(path, "w");
    char err[256] = "";
    int rc = out ? jy_render_write(out, r, 0, err, sizeof err) : -1;
    if (out && fclose(out) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "mapinfo: cannot draw %s: %s\n", path, err);
    jy_render_map_free(r);
    jy_render_shutdown();
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 3) {
        fputs("usage: mapinfo FILE [OUT.svg]\n", stderr);
        return 2;
    }
    jy_diags *d = jy_diags_new();
    jy_compile_options opts = { .today = 0 };   /* every other option unset */
    jy_compilation *c = jy_compile_file(d, argv[1], &opts);
    int status = 0;
    if (c->read_status != JY_READ_OK) {
        fprintf(stderr, "mapinfo: cannot read %s\n", argv[1]);
        status = 2;
    } else {
        jy_diags_sort(d);
        jy_diags_print(d, stderr, JY_DFMT_TEXT, false);
        if (jy_diags_error_count(d) || !c->model) {
            status = 1;
        } else {
            const jy_model *m = c->model;
            printf("%.*s: %u personas, %u stages, %u steps\n", (int)m->title.n, m->title.s,
                   (unsigned)m->npersonas, (unsigned)m->nstages, (unsigned)m->nsteps);
            if (argc == 3 && draw(m, argv[2]) != 0)
                status = 2;
        }
    }
    jy_compilation_free(c);
    jy_diags_free(d);
    return status;
}
