/* cmd_check.c - journey check FILE... */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char check_usage[] =
    "usage: journey check [options] FILE...\n"
    "\n"
    "Parse each FILE (\"-\" reads standard input), load what it imports, and check\n"
    "it.  Prints diagnostics only.  Exit status: 0 no error (warnings allowed),\n"
    "1 errors (or warnings under -W error), 2 usage or I/O error.\n"
    "\n"
    "Options:\n"
    "  -I DIR                 also look for imported files in DIR (repeatable)\n"
    "  --import-root DIR      imports must resolve to files inside DIR (symbolic\n"
    "                         links followed); default: JOURNEY_IMPORT_ROOT\n"
    "  --stdin-filename PATH  call standard input (\"-\") PATH in diagnostics and\n"
    "                         look for its imports beside PATH\n"
    "  -W NAME                enable warning NAME; -W no-NAME disables it\n"
    "  -W all                 enable every warning\n"
    "  -W error               treat warnings as errors\n"
    "  --max-errors N         stop a file after N errors (default 20, 0: no limit)\n"
    "  --color[=WHEN]         colour diagnostics: auto (default), always, never;\n"
    "                         auto means a terminal and NO_COLOR unset\n"
    "  --diagnostics=FORMAT   text (default, to standard error), json (one object\n"
    "                         per line), sarif (SARIF 2.1.0) or github (GitHub\n"
    "                         Actions commands); all but text go to standard output\n"
    "  -h, --help             show this help\n"
    "\n"
    "Warnings (default in brackets):\n"
    "  unused-persona [on]    unused-channel [on]    unused-team [on]\n"
    "  unused-kpi [on]        empty-stage [on]       no-persona [on]\n"
    "  missing-emotion [on]   unaddressed-pain [off] no-evidence [off]\n"
    "  emotion-cliff [off]    overdue-review [on]    no-review [off]\n"
    "  unsolved-pain [off]    orphan-opportunity [off]\n"
    "  unsolved-severe-pain [on]   baseline-state [on]\n"
    "\n"
    "Date checks take today from SOURCE_DATE_EPOCH when it is set, else the clock.\n";

static int cmd_check(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        CLI_STDIN_LONG_OPTIONS,
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    int status = EXIT_OK;
    bool read_failed = false;
    int opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "h", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o);
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

    /* Diagnostics stream file by file; only a SARIF log, written whole at
     * the end, needs every engine kept. */
    jy_diags **engines = NULL;
    size_t nengines = 0, ecap = 0;
    cli_tally tally = { 0, 0 };
    jy_compile_options copts = cli_compile_options(&o);
    for (size_t i = 0; status != EXIT_USAGE && i < nfiles; i++) {
        jy_diags *d = cli_diag_engine(&o);
        if (!d) {
            status = EXIT_USAGE;
            break;
        }
        jy_compilation *c = jy_compile_file(d, files[i], &copts);
        if (c->read_status != JY_READ_OK) {
            cli_compile_error(files[i], c);
            read_failed = true;
        } else {
            cli_emit(&o, d, &tally);
            if (jy_diags_error_count(d))
                status = EXIT_INPUT;
        }
        jy_compilation_free(c);
        if (o.format == JY_DFMT_SARIF)
            VEC_PUSH(engines, nengines, ecap, d);
        else
            jy_diags_free(d);
    }
    if (status != EXIT_USAGE)
        cli_finish(&o, engines, nengines, &tally);
    if (read_failed)
        status = EXIT_USAGE;
    if (fflush(stdout) != 0 && status == EXIT_OK)
        status = EXIT_USAGE;
    for (size_t i = 0; i < nengines; i++)
        jy_diags_free(engines[i]);
    free(engines);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_check = { "check", "parse, resolve imports and check maps; print diagnostics",
                                    check_usage, cmd_check, 10 };
