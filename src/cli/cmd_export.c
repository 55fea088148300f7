/* cmd_export.c - journey export FILE -f json|mermaid [-o OUT] */
#include "cli.h"
#include "journey/export.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char export_usage[] =
    "usage: journey export [options] FILE -f FORMAT [-o OUT]\n"
    "\n"
    "Check FILE and write its checked model in another form: json (every\n"
    "declaration, stage, step and statement with its source location; the\n"
    "schema is docs/journey.schema.json) or mermaid (a Mermaid journey\n"
    "diagram; docs/export.md gives the mapping).  A map with errors exports\n"
    "nothing and exits with status 1; so does -f mermaid on a library file.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT    json or mermaid; without it, OUT's extension\n"
    "                         (.json, .mmd, .mermaid) decides\n"
    "  -o, --output OUT       write to OUT (default: standard output, also \"-\");\n"
    "                         OUT is replaced only when the export succeeds\n"
    "  -I DIR                 also look for imported files, baselines and images in\n"
    "                         DIR (repeatable)\n"
    "  --import-root DIR      imports must resolve inside DIR, as for journey check\n"
    "  -W NAME, --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n";

typedef struct {
    export_format format;
    const jy_model *model;
    jy_diags *diags;
    const char *output;
} export_job;

static int write_export(FILE *out, void *ctx)
{
    const export_job *j = ctx;
    /* Fails only when out does. */
    return j->format == EXPORT_JSON ? jy_export_json(out, j->model, jy_diags_sources(j->diags)) : jy_export_mermaid(out, j->model);
}

static int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        { "format", required_argument, NULL, 'f' },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    const char *format = NULL, *output = "-";
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "f:o:h", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o);
            return cli_help_for("export");
        } else if (opt == 'f') {
            format = optarg;
        } else if (opt == 'o') {
            output = optarg;
        } else if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0) {
            status = EXIT_USAGE;
        }
    }
    export_job job = { EXPORT_JSON, NULL, NULL, output };
    const char *dot = strrchr(output, '.');
    if (!format && dot && !strchr(dot, '/') && jy_export_format_parse(dot + 1, &job.format))
        format = dot + 1;      /* -o map.json, -o map.mmd */
    if (status == EXIT_OK && argc - optind != 1) {
        cli_usage_error("export takes one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !format) {
        cli_usage_error("export needs a format: -f json or -f mermaid (or -o OUT ending in .json or .mmd)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !jy_export_format_parse(format, &job.format)) {
        static const char *const formats[] = { "json", "mermaid" };
        cli_usage_error("-f takes json or mermaid, not '%s'%s", format, cli_did_you_mean(format, formats, 2));
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }
    const char *path = argv[optind];
    o.data_on_stdout = strcmp(output, "-") == 0;
    cli_map map;
    status = cli_load_map(&o, path, &map);
    if (status == EXIT_OK) {
        job.model = map.comp->model;
        job.diags = map.diags;
        if (job.format == EXPORT_MERMAID && !job.model->has_journey) {
            cli_usage_error("'%s' is a library (it has no journey): there is no diagram to export", path);
            status = EXIT_INPUT;
        } else {
            status = cli_write_output(map.comp, output, write_export, &job);
        }
    }
    cli_map_free(&map);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_export = { "export", "write a map's checked model as JSON or a Mermaid diagram",
                                     export_usage, cmd_export, 40 };
