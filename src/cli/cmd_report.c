/* cmd_report.c - journey report FILE... --kind K [-o OUT] [--format F] */
#include "cli.h"
#include "journey/report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char report_usage[] =
    "usage: journey report [options] FILE... --kind KIND [-o OUT]\n"
    "\n"
    "Check each FILE and write one table about it (docs/reports.md lists every\n"
    "column).  One map with errors, or a library file (no journey), reports\n"
    "nothing and exits with status 1.  Several maps make one table, each row\n"
    "led by its journey (title and file); a map with errors is named and left\n"
    "out (exit status 1), a library is left out.\n"
    "\n"
    "Kinds:\n"
    "  steps         one row per step and persona: emotion, touchpoints, owners,\n"
    "                moment of truth, tags, artifacts, blueprint\n"
    "  pains         one row per pain: id, personas, severity, tags, emotions and\n"
    "                the opportunities that solve it\n"
    "  opportunities one row per opportunity, by priority: impact, effort, status,\n"
    "                owner, the pains it solves and their highest severity\n"
    "  touchpoints   the touchpoint inventory: per channel, its steps and owners\n"
    "  personas      per persona: steps, mean, lowest and highest emotion\n"
    "  metrics       per metric: kpi, value, target, direction, met\n"
    "  summary       the analysis: lowest moments, biggest drops, pains per stage,\n"
    "                pains without an opportunity, kpis missed, steps without\n"
    "                evidence, moments of truth, unsolved severe pains,\n"
    "                opportunities by status, the journey's owner and reviews;\n"
    "                over several maps, the journeys ranked\n"
    "  stages        per stage and persona: steps, mean, lowest and highest\n"
    "                emotion, biggest drop, pains by severity, opportunities by\n"
    "                status, moments, kpis missed\n"
    "  owners        per team: steps owned, their pains by severity, kpis missed\n"
    "                and mean emotion; blueprint actions and opportunities it owns\n"
    "  step-owners   one row per step and owning team (for pivot tables)\n"
    "  all           every kind: a workbook (-o FILE.xlsx), or one file per kind\n"
    "                (-o DIR/)\n"
    "\n"
    "Options:\n"
    "  -k, --kind KIND        the table to write (required, but for a workbook:\n"
    "                         every kind)\n"
    "  -o, --output OUT       write to OUT (default: standard output, also \"-\");\n"
    "                         OUT is replaced only when the report succeeds; OUT\n"
    "                         ending in / (or a directory) gets one file per kind,\n"
    "                         KIND.csv (.tsv, .md)\n"
    "  --format FORMAT        csv (RFC 4180, UTF-8, LF line ends), tsv, markdown\n"
    "                         (a table to paste into a pull request) or xlsx (one\n"
    "                         workbook, a sheet per kind); without it, OUT's\n"
    "                         extension (.csv, .tsv, .md, .xlsx), else csv; an\n"
    "                         extension naming another format is an error\n"
    "  --tag NAME             only the steps and items with this tag\n"
    "  --persona ID           one persona's view: the steps that concern it, only\n"
    "                         its emotions\n"
    "  --portfolio            the journey columns even for one map\n"
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
    "  -h, --help             show this help\n"
    "\n"
    "The workbook's date is today: SOURCE_DATE_EPOCH when it is set, so the\n"
    "same maps give the same bytes.\n";

static const char *const format_exts[] = { [REPORT_CSV] = "csv", [REPORT_TSV] = "tsv", [REPORT_MARKDOWN] = "md",
                                           [REPORT_XLSX] = "xlsx" };

typedef struct {
    jy_report_map *maps;
    size_t nmaps;
    report_options opts;
    report_kind *kinds;        /* directory output: the kind of each file */
} report_job;

static int write_report(FILE *out, size_t i, void *ctx)
{
    report_job *j = ctx;
    report_options o = j->opts;
    if (j->kinds) {
        o.kind = j->kinds[i];
        o.all = false;
    }
    jy_report_error err;
    int rc = jy_report_write_maps(out, j->maps, j->nmaps, &o, &err);
    if (rc == -2)
        cli_usage_error("%s", err.message);
    return rc;
}

static bool is_directory(const char *path)
{
    size_t n = strlen(path);
    struct stat st;
    return (n && path[n - 1] == '/') || (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

static const char kinds_list[] = "steps, pains, opportunities, touchpoints, personas, metrics, summary, stages, "
                                 "owners, step-owners or all";

static int cmd_report(int argc, char **argv)
{
    enum { OPT_FORMAT = 2001, OPT_RAW, OPT_BOM, OPT_TAG, OPT_PERSONA, OPT_PORTFOLIO };
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        { "kind", required_argument, NULL, 'k' },
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, OPT_FORMAT },
        { "raw", no_argument, NULL, OPT_RAW },
        { "bom", no_argument, NULL, OPT_BOM },
        { "tag", required_argument, NULL, OPT_TAG },
        { "persona", required_argument, NULL, OPT_PERSONA },
        { "portfolio", no_argument, NULL, OPT_PORTFOLIO },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    report_job job;
    memset(&job, 0, sizeof job);
    job.opts.format = REPORT_CSV;
    job.opts.version = JOURNEY_VERSION;
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
                static const char *const formats[] = { "csv", "tsv", "markdown", "xlsx" };
                cli_usage_error("--format takes csv, tsv, markdown or xlsx, not '%s'%s", optarg,
                                cli_did_you_mean(optarg, formats, 4));
                status = EXIT_USAGE;
            }
            break;
        case OPT_RAW:
            job.opts.raw = true;
            break;
        case OPT_BOM:
            job.opts.bom = true;
            break;
        case OPT_TAG:
            job.opts.tag = optarg;
            break;
        case OPT_PERSONA:
            job.opts.persona = optarg;
            break;
        case OPT_PORTFOLIO:
            job.opts.portfolio = true;
            break;
        default:
            if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0)
                status = EXIT_USAGE;
        }
    }
    int nfiles = argc - optind;
    bool to_dir = strcmp(output, "-") != 0 && is_directory(output);
    if (status == EXIT_OK && nfiles < 1) {
        cli_usage_error("report takes one FILE or more (\"-\" for standard input)");
        status = EXIT_USAGE;
    }
    /* The format: --format, else OUT's extension, else CSV.  An extension
     * that names another format than --format's is an error, and so is
     * one that names no format when --format does not say: never the
     * wrong format under a name that promises another. */
    if (status == EXIT_OK && !to_dir && strcmp(output, "-") != 0) {
        report_format named;
        int found = jy_report_format_of_path(output, &named);
        if (found < 0 && !format_given) {
            cli_usage_error("cannot tell the format of '%s' from its extension: use .csv, .tsv, .md or .xlsx, or "
                            "--format", output);
            status = EXIT_USAGE;
        } else if (found > 0 && format_given && named != job.opts.format) {
            cli_usage_error("--format %s cannot write '%s': its extension asks for %s", format_exts[job.opts.format],
                            output, format_exts[named]);
            status = EXIT_USAGE;
        } else if (found > 0) {
            job.opts.format = named;
        }
    }
    if (status == EXIT_OK && to_dir && job.opts.format == REPORT_XLSX) {
        cli_usage_error("a workbook is one file: -o FILE.xlsx, not a directory");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && job.opts.format == REPORT_XLSX && !jy_report_has_xlsx()) {
        cli_usage_error("this journey was built without XLSX output (libxlsxwriter)");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && job.opts.format == REPORT_XLSX && strcmp(output, "-") == 0 && isatty(STDOUT_FILENO)) {
        cli_usage_error("will not write a workbook to a terminal: -o FILE.xlsx");
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && !kind && job.opts.format == REPORT_XLSX)
        kind = "all";
    if (status == EXIT_OK && !kind) {
        cli_usage_error("report needs a kind: --kind %s", kinds_list);
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && strcmp(kind, "all") == 0) {
        job.opts.all = true;
        if (job.opts.format != REPORT_XLSX && !to_dir) {
            cli_usage_error("--kind all writes one file per kind: -o DIR/, or a workbook: -o FILE.xlsx");
            status = EXIT_USAGE;
        }
    } else if (status == EXIT_OK && !jy_report_kind_parse(kind, &job.opts.kind)) {
        const char *kinds[REPORT_NKINDS + 1];
        for (unsigned k = 0; k < REPORT_NKINDS; k++)
            kinds[k] = jy_report_kind_name((report_kind)k);
        kinds[REPORT_NKINDS] = "all";
        cli_usage_error("--kind takes %s, not '%s'%s", kinds_list, kind,
                        cli_did_you_mean(kind, kinds, REPORT_NKINDS + 1));
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }

    o.data_on_stdout = strcmp(output, "-") == 0;
    job.opts.today = jy_compile_today();
    cli_map *maps = jy_xcalloc((size_t)nfiles, sizeof *maps);
    job.maps = jy_xcalloc((size_t)nfiles, sizeof *job.maps);
    size_t nprotect = 0, protcap = 0;
    jy_file_id *protect = NULL;
    bool portfolio = nfiles > 1;
    int input_status = EXIT_OK;
    cli_tally tally = { 0, 0 };
    jy_diags **engines = jy_xcalloc((size_t)nfiles, sizeof *engines);
    size_t nengines = 0;
    for (int i = 0; i < nfiles && status == EXIT_OK; i++) {
        const char *path = argv[optind + i];
        int st = cli_load_map_tally(&o, path, &maps[i], portfolio ? &tally : NULL);
        if (portfolio && maps[i].diags)
            engines[nengines++] = maps[i].diags;
        if (st == EXIT_USAGE) {
            status = st;
        } else if (st == EXIT_INPUT) {
            if (portfolio)
                cli_note("left out of the report: '%s' has errors", path);
            input_status = EXIT_INPUT;
        } else if (!maps[i].comp->model->has_journey) {
            /* A library has declarations but no stage or step: say so
             * rather than write a table that looks like an empty journey. */
            if (portfolio) {
                cli_note("left out of the report: '%s' is a library (it has no journey)", path);
            } else {
                cli_usage_error("'%s' is a library (it has no journey): there is nothing to report", path);
                input_status = EXIT_INPUT;
            }
        } else if (job.opts.persona && !jy_report_persona_check(maps[i].comp->model, job.opts.persona)) {
            cli_usage_error("--persona: '%s' has no persona '%s'", path, job.opts.persona);
            status = EXIT_USAGE;
        } else {
            job.maps[job.nmaps++] = (jy_report_map){ maps[i].comp->model, path };
            for (size_t k = 0; k < maps[i].comp->ninputs; k++)
                VEC_PUSH(protect, nprotect, protcap, maps[i].comp->inputs[k]);
        }
    }
    if (portfolio)
        cli_finish(&o, engines, nengines, &tally);   /* one SARIF log, one closing line */
    free(engines);
    if (status == EXIT_OK && (!portfolio ? input_status != EXIT_OK : job.nmaps == 0)) {
        if (portfolio && input_status == EXIT_OK)
            cli_usage_error("no journey to report: every FILE is a library");
        status = EXIT_INPUT;
    }
    if (status == EXIT_OK) {
        job.opts.portfolio |= portfolio;
        jy_out_options oo = { protect, nprotect, false };
        if (to_dir) {
            size_t n = job.opts.all ? REPORT_NKINDS : 1;
            const char **paths = jy_xcalloc(n, sizeof *paths);
            job.kinds = jy_xcalloc(n, sizeof *job.kinds);
            size_t len = strlen(output);
            bool slash = output[len - 1] == '/';
            for (size_t k = 0; k < n; k++) {
                job.kinds[k] = job.opts.all ? (report_kind)k : job.opts.kind;
                jy_buf b = { 0 };
                jy_buf_printf(&b, "%s%s%s.%s", output, slash ? "" : "/", jy_report_kind_name(job.kinds[k]),
                              format_exts[job.opts.format]);
                paths[k] = jy_buf_cstr(&b);
            }
            status = cli_write_files(paths, n, &oo, NULL, 0, write_report, &job);
            for (size_t k = 0; k < n; k++)
                free((char *)paths[k]);
            free(paths);
            free(job.kinds);
        } else {
            status = cli_write_files(&output, 1, &oo, NULL, 0, write_report, &job);
        }
        if (status == EXIT_OK)
            status = input_status;
    }
    for (int i = 0; i < nfiles; i++)
        cli_map_free(&maps[i]);
    free(maps);
    free(job.maps);
    free(protect);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_report = { "report", "write a CSV, TSV or Markdown table, or an XLSX workbook, about maps",
                                     report_usage, cmd_report, 30 };
