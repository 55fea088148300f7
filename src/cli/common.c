/* common.c - what several subcommands share: diagnostic options, loading
 * one map, and writing an output file atomically. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- diagnostic options -------------------------------------------------- */

void cli_diag_defaults(cli_diag_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_errors = 20;
    o->color = -1;
    o->format = JY_DFMT_TEXT;
    const char *root = getenv("JOURNEY_IMPORT_ROOT");
    if (root && *root) {
        o->import_root = root;
        o->import_root_from_env = true;
    }
}

jy_compile_options cli_compile_options(const cli_diag_options *o)
{
    /* Today, for date checks: SOURCE_DATE_EPOCH when set, else the clock. */
    jy_compile_options c = { o->include_dirs, o->ninclude, o->import_root, jy_compile_today(), o->stdin_name,
                             NULL };
    return c;
}

void cli_diag_options_free(cli_diag_options *o)
{
    free(o->include_dirs);
    free(o->warning_flags);
    o->include_dirs = NULL;
    o->warning_flags = NULL;
    o->ninclude = o->nwarn = 0;
}

int cli_diag_option(cli_diag_options *o, int opt, const char *arg)
{
    switch (opt) {
    case 'I':
        VEC_PUSH(o->include_dirs, o->ninclude, o->incap, arg);
        return 1;
    case 'W':
        VEC_PUSH(o->warning_flags, o->nwarn, o->warncap, arg);
        return 1;
    case 1001: {
        char *end;
        unsigned long v = strtoul(arg, &end, 10);
        if (!*arg || *end || v > 1000000 || arg[0] == '-') {
            cli_usage_error("--max-errors takes a whole number, not '%s'", arg);
            return -1;
        }
        o->max_errors = (unsigned)v;
        return 1;
    }
    case 1002:
        if (!arg || strcmp(arg, "always") == 0)
            o->color = 1;
        else if (strcmp(arg, "never") == 0)
            o->color = 0;
        else if (strcmp(arg, "auto") == 0)
            o->color = -1;
        else {
            static const char *const whens[] = { "auto", "always", "never" };
            cli_usage_error("--color takes auto, always or never, not '%s'%s", arg, cli_did_you_mean(arg, whens, 3));
            return -1;
        }
        return 1;
    case 1003:
        if (strcmp(arg, "text") == 0)
            o->format = JY_DFMT_TEXT;
        else if (strcmp(arg, "json") == 0)
            o->format = JY_DFMT_JSON;
        else if (strcmp(arg, "sarif") == 0)
            o->format = JY_DFMT_SARIF;
        else if (strcmp(arg, "github") == 0)
            o->format = JY_DFMT_GITHUB;
        else {
            static const char *const formats[] = { "text", "json", "sarif", "github" };
            cli_usage_error("--diagnostics takes text, json, sarif or github, not '%s'%s", arg,
                            cli_did_you_mean(arg, formats, 4));
            return -1;
        }
        return 1;
    case 1004:
        o->import_root = arg;
        o->import_root_from_env = false;
        return 1;
    case 1005:
        if (!*arg) {
            cli_usage_error("--stdin-filename needs a path");
            return -1;
        }
        o->stdin_name = arg;
        return 1;
    default:
        return 0;
    }
}

jy_diags *cli_diag_engine(const cli_diag_options *o)
{
    struct stat st;
    if (o->import_root) {
        const char *why = stat(o->import_root, &st) != 0 ? strerror(errno)
                          : !S_ISDIR(st.st_mode)          ? "not a directory"
                                                          : NULL;
        if (why) {
            cli_usage_error("%s: cannot confine imports to '%s': %s",
                            o->import_root_from_env ? "JOURNEY_IMPORT_ROOT" : "--import-root", o->import_root, why);
            return NULL;
        }
    }
    jy_diags *d = jy_diags_new();
    jy_diags_set_max_errors(d, o->max_errors);
    for (size_t i = 0; i < o->nwarn; i++) {
        const char *w = o->warning_flags[i];
        /* no-evidence and no-persona are names of warnings: a whole name
         * enables its warning; -W no-no-evidence disables it. */
        if (jy_diags_set_warning(d, w, true))
            continue;
        bool on = true;
        const char *whole = w;
        if (strncmp(w, "no-", 3) == 0) {
            on = false;
            w += 3;
        }
        if (strcmp(w, "all") == 0) {
            jy_diags_set_all_warnings(d, on);
        } else if (strcmp(w, "error") == 0) {
            jy_diags_set_werror(d, on);
        } else if (!jy_diags_set_warning(d, w, on)) {
            const char *names[JY_C_COUNT];
            size_t nnames = 0;
            for (unsigned k = 0; k < JY_C_COUNT; k++)
                if (jy_codes[k].is_warning)
                    names[nnames++] = jy_codes[k].name;
            /* -W no-evidnce: the misspelt name may be whole. */
            const char *best = jy_suggest(jy_str_make(w, strlen(w)), names, nnames);
            if (!best && whole != w && (best = jy_suggest(jy_str_make(whole, strlen(whole)), names, nnames)))
                w = whole;
            if (best)
                cli_usage_error("unknown warning '%s'; did you mean '%s'?", w, best);
            else
                cli_usage_error("unknown warning '%s'; 'journey help check' lists them", w);
            jy_diags_free(d);
            return NULL;
        }
    }
    return d;
}

FILE *cli_diag_stream(const cli_diag_options *o)
{
    return o->format == JY_DFMT_TEXT || o->data_on_stdout ? stderr : stdout;
}

bool cli_use_color(const cli_diag_options *o)
{
    return cli_use_color_on(o, 2);
}

/* ---- messages ------------------------------------------------------------- */

/* "journey: " and the message on standard error, escaped as diagnostics
 * are (jy_diags_escape): the paths and names it echoes may hold control
 * characters. */
static void print_message(const char *fmt, va_list ap)
{
    jy_buf msg = { 0 }, out = { 0 };
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    size_t size = n > 0 ? (size_t)n + 1 : 1;
    jy_buf_reserve(&msg, size);
    vsnprintf(msg.p, size, fmt, ap);
    jy_buf_adds(&out, "journey: ");
    jy_diags_escape(&out, msg.p, size - 1);
    jy_buf_addc(&out, '\n');
    fwrite(out.p, 1, out.len, stderr);
    jy_buf_free(&msg);
    jy_buf_free(&out);
}

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_message(fmt, ap);
    va_end(ap);
}

void cli_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_message(fmt, ap);
    va_end(ap);
}

/* ---- one map --------------------------------------------------------------- */

int cli_load_map_tally(const cli_diag_options *o, const char *path, cli_map *out, cli_tally *t)
{
    memset(out, 0, sizeof *out);
    out->diags = cli_diag_engine(o);
    if (!out->diags)
        return EXIT_USAGE;
    jy_compile_options copts = cli_compile_options(o);
    out->comp = jy_compile_file(out->diags, path, &copts);
    if (out->comp->read_status != JY_READ_OK) {
        cli_compile_error(path, out->comp);
        cli_tally none = { 0, 0 };
        if (!t && o->format == JY_DFMT_SARIF)
            cli_finish(o, NULL, 0, &none);   /* a log that says why */
        return EXIT_USAGE;
    }
    if (t) {
        cli_emit(o, out->diags, t);
    } else {
        cli_tally own = { 0, 0 };
        cli_emit(o, out->diags, &own);
        cli_finish(o, &out->diags, 1, &own);
    }
    if (jy_diags_error_count(out->diags) || !out->comp->model)
        return EXIT_INPUT;
    return EXIT_OK;
}

int cli_load_map(const cli_diag_options *o, const char *path, cli_map *out)
{
    return cli_load_map_tally(o, path, out, NULL);
}

/* The files of the run that could not be read, and why: a SARIF log says
 * them as notifications of the tool's execution (cli_finish). */
static const char **failed_paths;
static const char **failure_messages;
static size_t nfailures, failcap, msgcap;

void cli_read_error(const char *path, jy_read_status st, int err_no)
{
    const char *why = st == JY_READ_NO_MEMORY ? "out of memory" : jy_file_read_status_text(st, err_no);
    if (st == JY_READ_NO_MEMORY)
        cli_usage_error("out of memory checking '%s'", path);
    else
        cli_usage_error("cannot read '%s': %s", path, why);
    jy_buf msg = { 0 };
    jy_buf_printf(&msg, "cannot read '%s': %s", strcmp(path, "-") == 0 ? "<stdin>" : path, why);
    size_t n = nfailures;
    VEC_PUSH(failed_paths, nfailures, failcap, jy_xstrdup(strcmp(path, "-") == 0 ? "<stdin>" : path));
    VEC_PUSH(failure_messages, n, msgcap, jy_buf_cstr(&msg));
}

void cli_compile_error(const char *path, const jy_compilation *c)
{
    cli_read_error(path, c->read_status, c->read_errno);
}

void cli_map_free(cli_map *m)
{
    jy_compilation_free(m->comp);
    jy_diags_free(m->diags);
    memset(m, 0, sizeof *m);
}

void cli_emit(const cli_diag_options *o, jy_diags *d, cli_tally *t)
{
    t->errors += jy_diags_error_count(d);
    t->warnings += jy_diags_warning_count(d);
    if (o->format == JY_DFMT_SARIF)
        return;   /* one log for the whole run: cli_finish */
    bool text = o->format == JY_DFMT_TEXT;
    jy_diags_print(d, cli_diag_stream(o), o->format, text && cli_use_color(o));
    if (text && jy_diags_should_stop(d) && jy_sources_count(jy_diags_sources(d))) {
        jy_buf name = { 0 };
        const char *z = jy_sources_get(jy_diags_sources(d), 0)->name;
        jy_diags_escape(&name, z, strlen(z));
        fprintf(stderr, "%s: note: stopped after %u %s (--max-errors)\n", jy_buf_cstr(&name),
                jy_diags_error_count(d), jy_diags_error_count(d) == 1 ? "error" : "errors");
        jy_buf_free(&name);
    }
}

void cli_finish(const cli_diag_options *o, jy_diags *const *engines, size_t n, const cli_tally *t)
{
    if (o->format == JY_DFMT_SARIF) {
        jy_sarif_run run = { JOURNEY_VERSION, failed_paths, failure_messages, nfailures };
        jy_diags_write_sarif_run(engines, n, cli_diag_stream(o), &run);
    }
    if (o->format != JY_DFMT_TEXT || (!t->errors && !t->warnings))
        return;
    const char *w = t->warnings == 1 ? "warning" : "warnings", *e = t->errors == 1 ? "error" : "errors";
    if (t->errors && t->warnings)
        fprintf(stderr, "%u %s and %u %s generated.\n", t->warnings, w, t->errors, e);
    else if (t->errors)
        fprintf(stderr, "%u %s generated.\n", t->errors, e);
    else
        fprintf(stderr, "%u %s generated.\n", t->warnings, w);
}

/* ---- output ---------------------------------------------------------------- */

static bool stdout_error_said;

void cli_write_error(const char *path, int err_no)
{
    bool is_stdout = strcmp(path, "-") == 0;
    stdout_error_said |= is_stdout;
    cli_usage_error("cannot write '%s': %s", is_stdout ? "standard output" : path,
                    err_no ? strerror(err_no) : "write error");
}

void cli_output_error(const char *path, const jy_out_error *e, const jy_out_options *opts)
{
    bool is_stdout = strcmp(path, "-") == 0;
    char where[64 + PATH_MAX];
    snprintf(where, sizeof where, is_stdout ? "write to standard output" : "overwrite '%s'", path);
    switch (e->status) {
    case JY_OUT_IS_INPUT: {
        const jy_file_id *in = &opts->protect[e->input];
        if (!in->imported)
            cli_usage_error("will not %s: it is the input map '%s'", where, in->name);
        else
            cli_usage_error("will not %s: it is '%s', which the map %s", where, in->name, in->how ? in->how : "imports");
        break;
    }
    case JY_OUT_READ_ONLY:
        cli_usage_error("will not %s: it is read-only", where);
        break;
    case JY_OUT_HARD_LINKS:
        cli_usage_error("will not %s: it has %lu hard links, which replacing it would break", where, e->nlink);
        break;
    case JY_OUT_NOT_REGULAR:
        cli_usage_error("will not %s: it is not a regular file", where);
        break;
    case JY_OUT_OK:
    case JY_OUT_ERRNO:
        cli_write_error(path, e->err_no);
        break;
    }
}

int cli_write_files(const char *const *paths, size_t n, const jy_out_options *opts, const char *const *stale,
                    size_t nstale, int (*write)(FILE *out, size_t i, void *ctx), void *ctx)
{
    jy_outfile **o = jy_xcalloc(n ? n : 1, sizeof *o);
    jy_out_error e;
    int status = EXIT_OK;
    size_t opened = 0;
    for (; opened < n; opened++) {
        o[opened] = jy_outfile_open(paths[opened], opts, &e);
        if (!o[opened]) {
            cli_output_error(paths[opened], &e, opts);
            status = EXIT_USAGE;
            break;
        }
    }
    for (size_t i = 0; status == EXIT_OK && i < n; i++) {
        if (write(jy_outfile_stream(o[i]), i, ctx) != 0) {
            /* A stream error is said here, with the system's reason; any
             * other failure was said by write. */
            if (jy_outfile_failed(o[i], &e))
                cli_output_error(paths[i], &e, opts);
            status = EXIT_USAGE;
        }
    }
    if (status == EXIT_OK) {
        size_t failed;
        if (jy_outfile_commit_set(o, n, stale, nstale, &e, &failed) != 0) {
            cli_output_error(paths[failed], &e, opts);
            status = EXIT_USAGE;
        }
    } else {
        for (size_t i = 0; i < opened; i++)
            jy_outfile_abort(o[i]);
    }
    free(o);
    return status;
}

typedef struct {
    int (*write)(FILE *out, void *ctx);
    void *ctx;
} one_output;

static int write_one(FILE *out, size_t i, void *ctx)
{
    (void)i;
    const one_output *w = ctx;
    return w->write(out, w->ctx);
}

int cli_write_output(const jy_compilation *from, const char *path, int (*write)(FILE *out, void *ctx), void *ctx)
{
    jy_out_options opts = { from ? from->inputs : NULL, from ? from->ninputs : 0, false };
    one_output w = { write, ctx };
    return cli_write_files(&path, 1, &opts, NULL, 0, write_one, &w);
}

int cli_finish_stdout(int status)
{
    int err;
    if (jy_stdout_finish(&err) != 0) {
        if (!stdout_error_said)
            cli_write_error("-", err);
        return EXIT_USAGE;
    }
    return status;
}

/* ---- colour on another stream ---------------------------------------------- */

bool cli_use_color_on(const cli_diag_options *o, int fd)
{
    if (o->color >= 0)
        return o->color == 1;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fd);
}

const char *cli_did_you_mean(const char *word, const char *const *words, size_t n)
{
    static char text[160];
    const char *best = jy_suggest(jy_str_make(word, strlen(word)), words, n);
    if (!best || strlen(best) > 128)
        return "";
    snprintf(text, sizeof text, "; did you mean '%s'?", best);
    return text;
}
