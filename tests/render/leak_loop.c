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
            jy_compilation *c = compile_file(d, argv[i], NULL);
            if (!c->model || diags_error_count(d)) {
                fprintf(stderr, "%s: does not check\n", argv[i]);
                failures++;
            }
            for (size_t f = 0; c->model && f < sizeof formats / sizeof formats[0]; f++) {
                render_options o;
                render_options_default(&o);
                o.format = formats[f];
                render_map *r = render_plan(c->model, &o);
                for (unsigned k = 0; k < render_nfiles(r); k++) {
                    FILE *out = tmpfile();
                    char err[256];
                    if (!out || render_write(out, r, k, err, sizeof err) != 0) {
                        fprintf(stderr, "%s: %s\n", argv[i], out ? err : "no temporary file");
                        failures++;
                    }
                    if (out)
                        fclose(out);
                }
                render_map_free(r);
            }
            compilation_free(c);
            diags_free(d);
        }
    }
    render_shutdown();
    printf("%d rounds, %d failures\n", rounds, failures);
    return failures != 0;
}
