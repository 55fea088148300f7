/* leak_loop.c - renders maps in every format, several times, in one
 * process, freeing everything; run under valgrind with Graphviz's own
 * leaks suppressed (graphviz-2.42.supp), any leak left is the project's.
 *
 *   leak_loop ROUNDS FILE...
 */
#include "journey/check.h"
#include "journey/codes.h"
#include "journey/render.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    int failures = 0;
    static const render_format formats[] = { RENDER_SVG, RENDER_PNG, RENDER_PDF, RENDER_DOT };
    for (int round = 0; round < rounds; round++) {
        for (int i = 2; i < argc; i++) {
            jy_diags *d = jy_diags_new();
            jy_compilation *c = jy_compile_file(d, argv[i], NULL);
            if (!c->model || jy_diags_error_count(d)) {
                fprintf(stderr, "%s: does not check\n", argv[i]);
                failures++;
            }
            for (size_t f = 0; c->model && f < sizeof formats / sizeof formats[0]; f++) {
                render_options o;
                jy_render_options_default(&o);
                o.format = formats[f];
                render_map *r = jy_render_plan(c->model, &o);
                for (unsigned k = 0; k < jy_render_nfiles(r); k++) {
                    FILE *out = tmpfile();
                    char err[256];
                    if (!out || jy_render_write(out, r, k, err, sizeof err) != 0) {
                        fprintf(stderr, "%s: %s\n", argv[i], out ? err : "no temporary file");
                        failures++;
                    }
                    if (out)
                        fclose(out);
                }
                jy_render_map_free(r);
            }
            jy_compilation_free(c);
            jy_diags_free(d);
        }
    }
    jy_render_shutdown();
    printf("%d rounds, %d failures\n", rounds, failures);
    return failures != 0;
}
