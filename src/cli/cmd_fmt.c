/* cmd_fmt.c - journey fmt [FILE|DIR...] [-w] [-d] [-l] [--check]
 *
 * A directory stands for every *.journey file under it, found by walking
 * it in byte order of names (so the same tree is always formatted, listed
 * and diffed in the same order), skipping hidden files and directories
 * (names starting with '.') and not following symbolic links to
 * directories, as gofmt does.  No FILE: standard input.
 *
 * Each file is parsed alone (its imports are not read and it is not
 * checked, so a map with semantic errors or a missing library can still
 * be formatted).  A file with syntax or lexical errors is never rewritten:
 * its diagnostics are printed and the status is 1.  A statement repeated
 * where it may appear once is the checker's business, not the formatter's.
 */
#include "cli.h"
#include "journey/fmt.h"
#include "journey/textdiff.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char fmt_usage[] =
    "usage: journey fmt [options] [FILE|DIR...]\n"
    "\n"
    "Write each FILE (\"-\" or none reads standard input) in the canonical\n"
    "layout: two-space indentation, one statement per line, blocks expanded,\n"
    "strings and numbers in one spelling, every comment kept in its place\n"
    "(docs/fmt.md).  A DIR stands for every *.journey file under it, in name\n"
    "order, hidden files and directories skipped.  Only the file itself is\n"
    "read: imports need not exist and the map is not checked.  A file with\n"
    "syntax errors is left alone: its diagnostics, status 1.\n"
    "\n"
    "Options:\n"
    "  -w, --write            rewrite each FILE in place (atomically, and only\n"
    "                         when its text changes) instead of printing it\n"
    "  -d, --diff             print a unified diff of what would change\n"
    "  -l, --list             print the names of the files that would change\n"
    "  --check                print the names of the files that are not in the\n"
    "                         canonical layout, then a summary; status 1 if any\n"
    "  --stdin-filename PATH  call standard input PATH in diagnostics\n"
    "  --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 done (with --check: every file is canonical), 1 a file has\n"
    "syntax errors (or, with --check, would change), 2 usage or I/O error.\n"
    "-d and -l alone do not change the status, as for gofmt.\n";

typedef struct {
    bool write, check, diff, list;
    cli_diag_options diag;
    unsigned changed;          /* files that are not canonical */
} fmt_options;

/* ---- files under directories --------------------------------------------- */

typedef struct {
    char **v;
    size_t n, cap;
} path_list;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_journey_name(const char *name)
{
    size_t n = strlen(name);
    return n > 8 && strcmp(name + n - 8, ".journey") == 0;
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    jy_buf b = { 0 };
    jy_buf_adds(&b, dir);
    if (n == 0 || dir[n - 1] != '/')
        jy_buf_addc(&b, '/');
    jy_buf_adds(&b, name);
    jy_buf_cstr(&b);
    return b.p;
}

/* Adds the *.journey files under dir to out; returns an exit status. */
static int walk(const char *dir, path_list *out, unsigned depth)
{
    if (depth > 64) {
        cli_usage_error("'%s': directories nested too deep", dir);
        return EXIT_USAGE;
    }
    DIR *d = opendir(dir);
    if (!d) {
        cli_usage_error("cannot read directory '%s': %s", dir, strerror(errno));
        return EXIT_USAGE;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            VEC_PUSH(names, n, cap, jy_xstrdup(e->d_name));
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    int status = EXIT_OK;
    for (size_t i = 0; i < n; i++) {
        char *path = join(dir, names[i]);
        struct stat sb;
        bool keep = false;
        if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            int s = walk(path, out, depth + 1);
            if (s > status)
                status = s;
        } else if (is_journey_name(names[i]) && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
            VEC_PUSH(out->v, out->n, out->cap, path);
            keep = true;
        }
        if (!keep)
            free(path);
        free(names[i]);
    }
    free(names);
    return status;
}

/* The files the arguments name: each FILE as given, each DIR walked. */
static int expand(char **args, size_t nargs, path_list *out)
{
    int status = EXIT_OK;
    for (size_t i = 0; i < nargs; i++) {
        struct stat sb;
        if (strcmp(args[i], "-") != 0 && stat(args[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            int s = walk(args[i], out, 0);
            if (s > status)
                status = s;
        } else {
            VEC_PUSH(out->v, out->n, out->cap, jy_xstrdup(args[i]));
        }
    }
    return status;
}


static int write_text(FILE *out, size_t i, void *ctx)
{
    (void)i;
    const jy_buf *b = ctx;
    return b->len && fwrite(b->p, 1, b->len, out) != b->len ? -1 : 0;
}

/* Rewrites path with text: through a symbolic link, to a regular file
 * only (never replacing a FIFO or a device it read), refusing a
 * read-only file or one with hard links (jy_outfile_open). */
static int rewrite(const char *path, jy_buf *text)
{
    jy_out_options opts = { NULL, 0, true };
    return cli_write_files(&path, 1, &opts, NULL, 0, write_text, text);
}

/* Formats one file.  Returns an exit status for it; *engine receives its
 * diagnostics engine (for a SARIF log), or NULL. */
static int fmt_one(fmt_options *o, const char *path, cli_tally *tally, jy_diags **engine)
{
    *engine = NULL;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = !is_stdin ? path : o->diag.stdin_name ? o->diag.stdin_name : "<stdin>";
    char *text;
    size_t len;
    int err;
    if (o->write) {
        /* Refused before it is read: a FIFO's text would be consumed. */
        struct stat sb;
        if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
            jy_out_error e = { JY_OUT_NOT_REGULAR, 0, 0, 0 };
            cli_output_error(path, &e, NULL);
            return EXIT_USAGE;
        }
    }
    jy_read_status st = jy_file_read(path, false, &text, &len, &err);
    if (st != JY_READ_OK) {
        cli_read_error(path, st, err);
        return EXIT_USAGE;
    }
    jy_diags *d = cli_diag_engine(&o->diag);
    if (!d) {
        free(text);
        return EXIT_USAGE;
    }
    *engine = d;
    jy_compilation *c = jy_compile_parse_text(d, name, text, len);
    int status = EXIT_OK;
    if (!jy_compile_tree_whole(c, d)) {
        cli_emit(&o->diag, d, tally);
        status = EXIT_INPUT;
    } else {
        jy_buf out = { 0 };
        jy_fmt_ast(&out, c->prog->root);
        bool changed = out.len != len || (len && memcmp(out.p, text, len) != 0);
        if (changed)
            o->changed++;
        if (changed && (o->list || (o->check && !o->diff)))
            printf("%s\n", name);
        if (changed && o->check)
            status = EXIT_INPUT;
        if (changed && o->diff) {
            jy_buf patch = { 0 };
            jy_textdiff_unified(&patch, text, len, out.p, out.len, name, name);
            fwrite(patch.p, 1, patch.len, stdout);
            jy_buf_free(&patch);
        }
        if (o->write) {
            if (changed) {
                int ws = rewrite(path, &out);
                if (ws != EXIT_OK)
                    status = ws;
            }
        } else if (!o->check && !o->diff && !o->list) {
            /* Never onto the file itself (fmt map.journey >> map.journey). */
            jy_file_id id;
            jy_out_options same = { &id, jy_file_identify(path, &id) ? 1 : 0, false };
            const char *to = "-";
            status = cli_write_files(&to, 1, &same, NULL, 0, write_text, &out);
        }
        jy_buf_free(&out);
    }
    jy_compilation_free(c);
    free(text);
    return status;
}

static int cmd_fmt(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_STDIN_LONG_OPTIONS,
        { "write", no_argument, NULL, 'w' },
        { "check", no_argument, NULL, 1101 },
        { "diff", no_argument, NULL, 'd' },
        { "list", no_argument, NULL, 'l' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    fmt_options o;
    memset(&o, 0, sizeof o);
    cli_diag_defaults(&o.diag);
    o.diag.data_on_stdout = true;
    o.diag.import_root = NULL;   /* fmt reads no import: JOURNEY_IMPORT_ROOT is not its concern */
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, "wdlh", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o.diag);
            return cli_help_for("fmt");
        } else if (opt == 'w') {
            o.write = true;
        } else if (opt == 1101) {
            o.check = true;
        } else if (opt == 'd') {
            o.diff = true;
        } else if (opt == 'l') {
            o.list = true;
        } else if (opt == '?' || cli_diag_option(&o.diag, opt, optarg) <= 0) {
            status = EXIT_USAGE;
        }
    }
    static char stdin_name[] = "-";
    char *stdin_args[] = { stdin_name };
    char **args = argv + optind;
    size_t nargs = status == EXIT_OK ? (size_t)(argc - optind) : 0;
    if (status == EXIT_OK && nargs == 0) {
        args = stdin_args;   /* no FILE: standard input, as gofmt and prettier read it */
        nargs = 1;
    }
    path_list list = { NULL, 0, 0 };
    int worst = EXIT_OK;
    if (status == EXIT_OK)
        worst = expand(args, nargs, &list);
    const char **files = (const char **)list.v;
    size_t nfiles = list.n;
    for (size_t i = 0; status == EXIT_OK && o.write && i < nfiles; i++)
        if (strcmp(files[i], "-") == 0) {
            cli_usage_error(argc == optind ? "-w rewrites files: name a FILE or DIR (with none, fmt reads standard input)"
                                           : "-w cannot rewrite standard input; leave -w out to print the result");
            status = EXIT_USAGE;
        }

    jy_diags **engines = NULL;
    size_t nengines = 0, ecap = 0;
    cli_tally tally = { 0, 0 };
    for (size_t i = 0; status == EXIT_OK && i < nfiles; i++) {
        jy_diags *d;
        int s = fmt_one(&o, files[i], &tally, &d);
        if (s > worst)
            worst = s;
        if (d && o.diag.format == JY_DFMT_SARIF)
            VEC_PUSH(engines, nengines, ecap, d);
        else if (d)
            jy_diags_free(d);
    }
    if (status == EXIT_OK) {
        cli_finish(&o.diag, engines, nengines, &tally);
        status = worst;
    }
    if (status != EXIT_USAGE && o.check && o.changed) {
        /* After the names, on standard error: what it comes to, and the fix. */
        bool only_stdin = nfiles == 1 && strcmp(files[0], "-") == 0;
        if (fflush(stdout) != 0)
            status = EXIT_USAGE;
        else if (only_stdin)
            cli_note("standard input is not in the canonical layout; journey fmt prints it so");
        else
            cli_note("%u of %zu file%s %s not in the canonical layout; run journey fmt -w to rewrite %s", o.changed,
                     nfiles, nfiles == 1 ? "" : "s", o.changed == 1 ? "is" : "are", o.changed == 1 ? "it" : "them");
    }
    if (fflush(stdout) != 0 && status == EXIT_OK)
        status = EXIT_USAGE;
    for (size_t i = 0; i < nengines; i++)
        jy_diags_free(engines[i]);
    free(engines);
    for (size_t i = 0; i < list.n; i++)
        free(list.v[i]);
    free(list.v);
    cli_diag_options_free(&o.diag);
    return status;
}

const cli_command cli_cmd_fmt = { "fmt", "rewrite maps in the canonical layout, comments kept", fmt_usage, cmd_fmt,
                                  50 };
