/* checkonly.c - a program that only checks maps, linked with
 * libjourney-check: it must build and run without Graphviz or cairo.
 * tests/install/test_install.py builds it through pkg-config
 * (journey-check) and through find_package(journey) (journey::check).
 *
 *   checkonly FILE...    prints "FILE: N errors, M warnings" for each;
 *                        exit status 0 (all check), 1 (errors), 2 (usage, I/O)
 */
#include <journey/check.h>
#include <journey/codes.h>

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: checkonly FILE...\n", stderr);
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        jy_diags *d = jy_diags_new();
        jy_compile_options opts = { .today = 0 };   /* every other option unset */
        jy_compilation *c = jy_compile_file(d, argv[i], &opts);
        if (c->read_status != JY_READ_OK) {
            fprintf(stderr, "checkonly: cannot read %s\n", argv[i]);
            status = 2;
        } else {
            printf("%s: %u errors, %u warnings\n", argv[i], jy_diags_error_count(d), jy_diags_warning_count(d));
            if (jy_diags_error_count(d) && status == 0)
                status = 1;
        }
        jy_compilation_free(c);
        jy_diags_free(d);
    }
    return status;
}
