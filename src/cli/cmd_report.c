/* cmd_report.c - journey report FILE --kind K [-o OUT] [--format F] */
#include "cli.h"
#include "journey/report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char report_usage[] =
    "usage: journey report [options] FILE --kind KIND [-o OUT]\n"
    "\n"
    "Check FILE and write one table about it (docs/reports.md lists every\n"
    "column).  A map with errors, or a library file (no journey), reports\n"
    "nothing and exits with status 1.\n"
    "\n"
    "Kinds:\n"
    "  steps         one row per step and persona: emotion, touchpoints, owners\n"
    "  pains         one row per pain, with the step's emotions and opportunities\n"
    "  touchpoints   the touchpoint inventory: per channel, its steps and owners\n"
    "  personas      per persona: steps, mean, lowest and highest emotion\n"
    "  metrics       per metric: kpi, value, target, direction, met\n"
    "  summary       the analysis: lowest moments, biggest drops, pains per stage,\n"
    "                pains without an opportunity, kpis missed, steps without\n"
    "                evidence\n"
    "\n"
    "Options:\n"
    "  -k, --kind KIND        the table to write (required)\n"
    "  -o, --output OUT       write to OUT (default: standard output, also \"-\");\n"
    "                         OUT is replaced only when the report succeeds\n"
    "  --format FORMAT        csv (RFC 4180, UTF-8, LF line ends), tsv or markdown\n"
    "                         (a table to paste into a pull request); without it,\n"
    "                         OUT's extension (.csv, .tsv, .md), else csv\n"
    "  --raw                  do not guard text cells that a spreadsheet would run\n"
    "                         as a formula (by default a text cell starting with\n"
    "                         = + - @, a tab or a carriage return gets a leading ')\n"
    "  --bom                  start CSV or TSV with a UTF-8 byte order mark (for\n"
    "                         spreadsheets that otherwise guess the encoding)\n"
    "  -I DIR                 also look for imported files, baselines and images in\n"
    "                         DIR (repeatable)\n"
    "  --import-root DIR      imports must resolve inside DIR, as for journey check\n"
    "  -W NAME, --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n";

typedef struct {
    const jy_model *model;
    report_options opts;
    const char *output;
} report_job;

static int write_report(FILE *out, void *ctx)
{
    const report_job *j = ctx;
    return jy_report_write(out, j->model, &j->opts);   /* fails only when out does */
}

static int cmd_report(int argc, char **argv)
{
    enum { OPT_FORMAT = 2001, OPT_RAW, OPT_BOM };
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        { "kind", required_argument, NULL, 'k' },
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "raw", no_argument, NULL, OPT_RAW },
        { "bom", no_argument, NULL, OPT_BOM },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    report_job job;
    memset(&job, 0, sizeof job);
    job.opts.format = REPORT_CSV;
    const char *kind = NULL, *output = "-";
    bool format_given = false;
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "k:o:h", longopts)) != -1) {
        switch (opt) {
        case 'h':
            cli_diag_options_free(&o);
            return cli_help_for("report");
        case 'k':
            kind = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_FORMAT:
            format_given = true;
            if (!jy_report_format_parse(optarg, &job.opts.format)) {
                static const char *const formats[] = { "csv", "tsv", "markdown" };
                cli_usage_error("--format takes csv, tsv or markdown, not '%s'%s", optarg,
                                cli_did_you_mean(optarg, formats, 3));
                status = EXIT_USAGE;
            }
            break;
        case OPT_RAW:
            job.opts.raw = true;
            break;
        case OPT_BOM:
            job.opts.bom = true;
            break;
        default:
            if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0)
                status = EXIT_USAGE;
        }
    }
    if (status == EXIT_OK && argc - optind != 1) {
        cli_usage_error("report takes one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !kind) {
        cli_usage_error("report needs a kind: --kind steps, pains, touchpoints, personas, metrics or summary");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !jy_report_kind_parse(kind, &job.opts.kind)) {
        const char *kinds[REPORT_NKINDS];
        for (unsigned k = 0; k < REPORT_NKINDS; k++)
            kinds[k] = jy_report_kind_name((report_kind)k);
        cli_usage_error("--kind takes steps, pains, touchpoints, personas, metrics or summary, not '%s'%s", kind,
                        cli_did_you_mean(kind, kinds, REPORT_NKINDS));
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }
    const char *path = argv[optind], *dot = strrchr(output, '.');
    if (!format_given && dot && !strchr(dot, '/'))
        jy_report_format_parse(dot + 1, &job.opts.format);   /* -o steps.tsv, -o pains.md */
    o.data_on_stdout = strcmp(output, "-") == 0;
    cli_map map;
    status = cli_load_map(&o, path, &map);
    if (status == EXIT_OK && !map.comp->model->has_journey) {
        /* A library has declarations but no stage or step: say so rather
         * than write a table that looks like an empty journey. */
        cli_usage_error("'%s' is a library (it has no journey): there is nothing to report", path);
        status = EXIT_INPUT;
    } else if (status == EXIT_OK) {
        job.model = map.comp->model;
        job.output = output;
        status = cli_write_output(map.comp, output, write_report, &job);
    }
    cli_map_free(&map);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_report = { "report", "write a CSV, TSV or Markdown table about a map", report_usage,
                                     cmd_report, 30 };
