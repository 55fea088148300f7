/* cmd_diff.c - journey diff OLD NEW [--format text|json|markdown] [--exit-code]
 *               journey diff FILE (against the baseline FILE names)
 *
 * Both maps are checked as `journey check` would (imports of a map read
 * from standard input resolve from the current directory); either one
 * with errors: its diagnostics, status 1, no diff.  Warnings are off
 * unless -W asks for them: a diff is about the changes, not the maps'
 * style.  The changes go to standard output, diagnostics to standard
 * error, the old map's first, in one run (one SARIF log, one summary).
 *
 * The two maps are compiled at once, the old one on a second thread: a
 * compilation shares nothing with another (its own engine, arena and
 * scanner), so a diff takes about as long as checking the larger map.
 * With one map, its compilation loads and checks its baseline too (a
 * baseline with errors is an error of the map), and the old side is the
 * baseline's model.
 */
#include "cli.h"
#include "journey/diff.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

typedef struct {
    const char *path;
    jy_compile_options copts;
    jy_diags *diags;
    jy_compilation *comp;
} load_job;

static int load(void *arg)
{
    load_job *j = arg;
    j->comp = jy_compile_file(j->diags, j->path, &j->copts);
    return 0;
}

/* Compiles both maps, the old one on its own thread when one can be had,
 * then prints their diagnostics.  Returns an exit status: EXIT_OK when
 * both models are there. */
static int load_both(const cli_diag_options *o, load_job jobs[2])
{
    for (int k = 0; k < 2; k++) {
        jobs[k].copts = cli_compile_options(o);
        jobs[k].diags = cli_diag_engine(o);
        if (!jobs[k].diags)
            return EXIT_USAGE;
    }
    thrd_t t;
    bool threaded = thrd_create(&t, load, &jobs[0]) == thrd_success;
    if (!threaded)
        load(&jobs[0]);
    load(&jobs[1]);
    if (threaded)
        thrd_join(t, NULL);

    int status = EXIT_OK;
    cli_tally tally = { 0, 0 };
    jy_diags *engines[2];
    size_t nengines = 0;
    for (int k = 0; k < 2; k++) {
        jy_compilation *c = jobs[k].comp;
        if (c->read_status != JY_READ_OK) {
            cli_compile_error(jobs[k].path, c);
            status = EXIT_USAGE;
            continue;
        }
        cli_emit(o, jobs[k].diags, &tally);
        engines[nengines++] = jobs[k].diags;
        if ((jy_diags_error_count(jobs[k].diags) || !c->model) && status == EXIT_OK)
            status = EXIT_INPUT;
    }
    cli_finish(o, engines, nengines, &tally);
    return status;
}

static const char diff_usage[] =
    "usage: journey diff [options] OLD NEW | FILE\n"
    "\n"
    "Check two versions of a map and say what changed from OLD to NEW: stages\n"
    "and steps added, removed, moved or retitled (matched by id, derived ids\n"
    "included); per step, emotions, pains, opportunities, touchpoints, owners,\n"
    "metrics (and their targets), evidence and every other statement;\n"
    "personas, channels, teams and kpis; the journey's title, state, scale and\n"
    "mean emotion per persona.  Layout, comments and spelling are not changes.\n"
    "Either side may be \"-\" (standard input), as in:\n"
    "  git show HEAD~1:map.journey | journey diff - map.journey\n"
    "With one FILE, a to-be map that names its as-is map with `baseline`, the\n"
    "baseline is OLD and FILE is NEW.\n"
    "\n"
    "Options:\n"
    "  -f, --format FORMAT    text (default: a changelog grouped by stage),\n"
    "                         markdown (for a pull-request comment) or json\n"
    "                         (for tools; docs/diff.md gives its shape)\n"
    "  --exit-code            exit with status 1 when the maps differ\n"
    "  --color[=WHEN]         colour the text form: auto (default: when standard\n"
    "                         output is a terminal and NO_COLOR is unset),\n"
    "                         always, never; also colours diagnostics\n"
    "  -I DIR                 also look for imported files in DIR (repeatable)\n"
    "  --import-root DIR      imports must resolve inside DIR, as for journey check\n"
    "  -W NAME, --max-errors N, --diagnostics=FORMAT\n"
    "                         as for journey check (warnings are off by default)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 both maps check (whatever their differences; with\n"
    "--exit-code: and they say the same), 1 a map has errors (or, with\n"
    "--exit-code, the maps differ), 2 usage or I/O error.\n";

typedef struct {
    const diff_result *result;
    diff_options opts;
} diff_job;

static int write_diff(FILE *out, void *ctx)
{
    const diff_job *j = ctx;
    return jy_diff_write(out, j->result, &j->opts);   /* fails only when out does */
}

static int write_one_diff(FILE *out, size_t i, void *ctx)
{
    (void)i;
    return write_diff(out, ctx);
}

/* journey diff FILE: FILE against its baseline, both in one compilation. */
static int diff_baseline(const cli_diag_options *o, const char *path, diff_job *job, bool exit_code)
{
    cli_map map;
    int status = cli_load_map(o, path, &map);
    const jy_model *m = map.comp ? map.comp->model : NULL;
    if (status != EXIT_USAGE && m && !m->baseline_file.given) {
        cli_usage_error("'%s' names no baseline: diff takes two maps, OLD NEW, or one map with a `baseline` "
                        "statement",
                        strcmp(path, "-") == 0 ? "<stdin>" : path);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && m->baseline) {
        diff_result *r = jy_diff_models(m->baseline, m);
        job->result = r;
        job->opts.color = job->opts.format == DIFF_TEXT && cli_use_color_on(o, 1);
        job->opts.old_name = m->baseline_file.resolved.s;   /* the arena's copies end in NUL */
        job->opts.new_name = strcmp(path, "-") == 0 ? "<stdin>" : path;
        /* Standard output must not be the map, its baseline or their imports. */
        jy_out_options opts = { map.comp->inputs, map.comp->ninputs, false };
        const char *out = "-";
        status = cli_write_files(&out, 1, &opts, NULL, 0, write_one_diff, job);
        if (status == EXIT_OK && exit_code && jy_diff_count(r))
            status = EXIT_INPUT;
        jy_diff_free(r);
    }
    cli_map_free(&map);
    return status;
}

static int cmd_diff(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        { "format", required_argument, NULL, 'f' },
        { "exit-code", no_argument, NULL, 1201 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    o.data_on_stdout = true;
    /* Warnings off unless a -W (applied after this) turns them on. */
    VEC_PUSH(o.warning_flags, o.nwarn, o.warncap, "no-all");
    const char *format = "text";
    bool exit_code = false;
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "f:h", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o);
            return cli_help_for("diff");
        } else if (opt == 'f') {
            format = optarg;
        } else if (opt == 1201) {
            exit_code = true;
        } else if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0) {
            status = EXIT_USAGE;
        }
    }
    diff_job job;
    memset(&job, 0, sizeof job);
    int nfiles = argc - optind;
    if (status == EXIT_OK && nfiles != 1 && nfiles != 2) {
        cli_usage_error("diff takes two maps, OLD NEW (either may be \"-\" for standard input), or one map that "
                        "names its baseline");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && nfiles == 2 && strcmp(argv[optind], "-") == 0 &&
               strcmp(argv[optind + 1], "-") == 0) {
        cli_usage_error("only one of the two maps can come from standard input");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !jy_diff_format_parse(format, &job.opts.format)) {
        cli_usage_error("--format takes text, markdown or json, not '%s'", format);
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }
    if (nfiles == 1) {
        status = diff_baseline(&o, argv[optind], &job, exit_code);
        cli_diag_options_free(&o);
        return status;
    }
    const char *old_path = argv[optind], *new_path = argv[optind + 1];
    load_job jobs[2];
    memset(jobs, 0, sizeof jobs);
    jobs[0].path = old_path;
    jobs[1].path = new_path;
    status = load_both(&o, jobs);
    if (status == EXIT_OK) {
        diff_result *r = jy_diff_models(jobs[0].comp->model, jobs[1].comp->model);
        job.result = r;
        job.opts.color = job.opts.format == DIFF_TEXT && cli_use_color_on(&o, 1);
        job.opts.old_name = strcmp(old_path, "-") == 0 ? "<stdin>" : old_path;
        job.opts.new_name = strcmp(new_path, "-") == 0 ? "<stdin>" : new_path;
        /* Standard output must not be either map (diff a b >> a). */
        size_t n0 = jobs[0].comp->ninputs, n1 = jobs[1].comp->ninputs;
        jy_file_id *inputs = jy_xmalloc((n0 + n1 + 1) * sizeof *inputs);
        memcpy(inputs, jobs[0].comp->inputs, n0 * sizeof *inputs);
        memcpy(inputs + n0, jobs[1].comp->inputs, n1 * sizeof *inputs);
        jy_out_options opts = { inputs, n0 + n1, false };
        const char *out = "-";
        status = cli_write_files(&out, 1, &opts, NULL, 0, write_one_diff, &job);
        free(inputs);
        if (status == EXIT_OK && exit_code && jy_diff_count(r))
            status = EXIT_INPUT;
        jy_diff_free(r);
    }
    for (int k = 0; k < 2; k++) {
        jy_compilation_free(jobs[k].comp);
        jy_diags_free(jobs[k].diags);
    }
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_diff = { "diff", "say what changed between two versions of a map", diff_usage, cmd_diff,
                                   60 };
