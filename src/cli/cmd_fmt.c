/* cmd_fmt.c - journey fmt FILE... [-w] [--check]
 *
 * Each file is parsed alone (its imports are not read and it is not
 * checked, so a map with semantic errors or a missing library can still
 * be formatted).  A file with syntax or lexical errors is never rewritten:
 * its diagnostics are printed and the status is 1.  A statement repeated
 * where it may appear once is the checker's business, not the formatter's.
 */
#include "cli.h"
#include "journey/fmt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char fmt_usage[] =
    "usage: journey fmt [options] FILE...\n"
    "\n"
    "Write each FILE (\"-\" reads standard input) in the canonical layout:\n"
    "two-space indentation, one statement per line, blocks expanded, strings\n"
    "and numbers in one spelling, every comment kept in its place (docs/fmt.md).\n"
    "Only the file itself is read: imports need not exist and the map is not\n"
    "checked.  A file with syntax errors is left alone: its diagnostics, status 1.\n"
    "\n"
    "Options:\n"
    "  -w, --write            rewrite each FILE in place (atomically, and only\n"
    "                         when its text changes) instead of printing it\n"
    "  --check                print the names of the files that are not in the\n"
    "                         canonical layout, and nothing else; status 1 if any\n"
    "  --stdin-filename PATH  call standard input PATH in diagnostics\n"
    "  --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 done (with --check: every file is canonical), 1 a file has\n"
    "syntax errors (or, with --check, would change), 2 usage or I/O error.\n";

typedef struct {
    bool write, check;
    cli_diag_options diag;
} fmt_options;


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
static int fmt_one(const fmt_options *o, const char *path, cli_tally *tally, jy_diags **engine)
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
        cli_usage_error("cannot read '%s': %s", path, jy_file_read_status_text(st, err));
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
        if (o->check && changed) {
            printf("%s\n", name);
            status = EXIT_INPUT;
        }
        if (o->write) {
            if (changed) {
                int ws = rewrite(path, &out);
                if (ws != EXIT_OK)
                    status = ws;
            }
        } else if (!o->check) {
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
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    fmt_options o;
    memset(&o, 0, sizeof o);
    cli_diag_defaults(&o.diag);
    o.diag.data_on_stdout = true;
    o.diag.import_root = NULL;   /* fmt reads no import: JOURNEY_IMPORT_ROOT is not its concern */
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, "wh", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o.diag);
            return cli_help_for("fmt");
        } else if (opt == 'w') {
            o.write = true;
        } else if (opt == 1101) {
            o.check = true;
        } else if (opt == '?' || cli_diag_option(&o.diag, opt, optarg) <= 0) {
            status = EXIT_USAGE;
        }
    }
    const char **files = (const char **)argv + optind;
    size_t nfiles = status == EXIT_OK ? (size_t)(argc - optind) : 0;
    if (status == EXIT_OK && nfiles == 0) {
        cli_usage_error("fmt needs at least one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    }
    for (size_t i = 0; status == EXIT_OK && o.write && i < nfiles; i++)
        if (strcmp(files[i], "-") == 0) {
            cli_usage_error("-w cannot rewrite standard input; leave -w out to print the result");
            status = EXIT_USAGE;
        }

    jy_diags **engines = NULL;
    size_t nengines = 0, ecap = 0;
    cli_tally tally = { 0, 0 };
    int worst = EXIT_OK;
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
    if (fflush(stdout) != 0 && status == EXIT_OK)
        status = EXIT_USAGE;
    for (size_t i = 0; i < nengines; i++)
        jy_diags_free(engines[i]);
    free(engines);
    cli_diag_options_free(&o.diag);
    return status;
}

const cli_command cli_cmd_fmt = { "fmt", "rewrite maps in the canonical layout, comments kept", fmt_usage, cmd_fmt,
                                  50 };
