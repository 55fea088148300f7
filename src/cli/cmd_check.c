/* cmd_check.c - journey check FILE... */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void print_summary(unsigned errors, unsigned warnings)
{
    if (!errors && !warnings)
        return;
    if (errors && warnings)
        fprintf(stderr, "%u %s and %u %s generated.\n", warnings, warnings == 1 ? "warning" : "warnings", errors,
                errors == 1 ? "error" : "errors");
    else if (errors)
        fprintf(stderr, "%u %s generated.\n", errors, errors == 1 ? "error" : "errors");
    else
        fprintf(stderr, "%u %s generated.\n", warnings, warnings == 1 ? "warning" : "warnings");
}

int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    int status = EXIT_OK;
    int opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "h", longopts)) != -1) {
        if (opt == 'h') {
            free(o.include_dirs);
            free(o.warning_flags);
            return cli_help_for("check");
        }
        if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0)
            status = EXIT_USAGE;
    }
    const char **files = (const char **)argv + optind;
    size_t nfiles = status == EXIT_OK ? (size_t)(argc - optind) : 0;
    if (status == EXIT_OK && nfiles == 0) {
        cli_usage_error("check needs at least one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    }

    jy_diags **engines = NULL;
    size_t nengines = 0, ecap = 0;
    bool color = cli_use_color(&o);
    unsigned errors = 0, warnings = 0;
    jy_compile_options copts = { o.include_dirs, o.ninclude };
    for (size_t i = 0; status != EXIT_USAGE && i < nfiles; i++) {
        jy_diags *d = cli_diag_engine(&o);
        if (!d) {
            status = EXIT_USAGE;
            break;
        }
        jy_compilation *c = compile_file(d, files[i], &copts);
        if (c->read_status != JY_READ_OK) {
            cli_usage_error("cannot read '%s': %s", files[i], file_read_status_text(c->read_status, c->read_errno));
            compilation_free(c);
            diags_free(d);
            status = EXIT_USAGE;
            continue;
        }
        if (o.format != JY_DFMT_TEXT)
            diags_print(d, stdout, o.format, false);
        else
            diags_print(d, stderr, o.format, color);
        if (diags_should_stop(d) && o.format == JY_DFMT_TEXT)
            fprintf(stderr, "%s: note: stopped after %u errors (--max-errors)\n", diags_source(d, 0)->name,
                    diags_error_count(d));
        errors += diags_error_count(d);
        warnings += diags_warning_count(d);
        if (diags_error_count(d) && status == EXIT_OK)
            status = EXIT_INPUT;
        compilation_free(c);
        VEC_PUSH(engines, nengines, ecap, d);
    }
    if (o.format == JY_DFMT_SARIF && status != EXIT_USAGE)
        diags_write_sarif(engines, nengines, stdout, JOURNEY_VERSION);
    if (o.format == JY_DFMT_TEXT)
        print_summary(errors, warnings);
    if (fflush(stdout) != 0 && status == EXIT_OK)
        status = EXIT_USAGE;
    for (size_t i = 0; i < nengines; i++)
        diags_free(engines[i]);
    free(engines);
    free(o.include_dirs);
    free(o.warning_flags);
    return status;
}
