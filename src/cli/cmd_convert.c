/* cmd_convert.c - journey convert --from mermaid FILE [-o OUT]
 *
 * Reads a diagram of another tool and writes the .journey map it says
 * (journey/convert.h).  What it writes is parsed again and formatted, so
 * that the map is in fmt's canonical layout, and a converter that wrote a
 * map the language does not read would say so instead of writing it.
 */
#include "cli.h"
#include "journey/convert.h"
#include "journey/fmt.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char convert_usage[] =
    "usage: journey convert [options] --from mermaid FILE [-o OUT]\n"
    "\n"
    "Read FILE (\"-\" for standard input), a diagram of another tool, and write\n"
    "the same journey as a .journey map in the canonical layout.  From a\n"
    "Mermaid journey diagram: the title is the journey's, sections become\n"
    "stages, tasks steps, actors personas, scores 1 to 5 emotions on the\n"
    "scale 1..5, and %% comments # comments (docs/convert.md).  Text that\n"
    "is not such a diagram: an error at its place, status 1.\n"
    "\n"
    "Options:\n"
    "  --from FORMAT          the format of FILE: mermaid; without it, FILE's\n"
    "                         extension (.mmd, .mermaid) decides\n"
    "  -o, --output OUT       write to OUT (default: standard output, also \"-\");\n"
    "                         OUT is replaced only when the conversion succeeds\n"
    "  --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 converted, 1 FILE is not a diagram journey can convert,\n"
    "2 usage or I/O error.\n";

static bool from_extension(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot && !strchr(dot, '/') && (strcmp(dot, ".mmd") == 0 || strcmp(dot, ".mermaid") == 0);
}

static int write_text(FILE *out, size_t i, void *ctx)
{
    (void)i;
    const jy_buf *b = ctx;
    return b->len && fwrite(b->p, 1, b->len, out) != b->len ? -1 : 0;
}

/* The map as fmt writes it; false if the language does not read it. */
static bool canonical(const char *name, const jy_buf *text, jy_buf *out)
{
    jy_diags *d = jy_diags_new();
    jy_compilation *c = jy_compile_parse_text(d, name, text->p, text->len);
    bool ok = c->read_status == JY_READ_OK && jy_compile_tree_whole(c, d);
    if (ok)
        jy_fmt_ast(out, c->prog->root);
    jy_compilation_free(c);
    jy_diags_free(d);
    return ok;
}

static int cmd_convert(int argc, char **argv)
{
    enum { OPT_FROM = 1401 };
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        { "from", required_argument, NULL, OPT_FROM },
        { "output", required_argument, NULL, 'o' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    o.import_root = NULL;   /* nothing is imported */
    const char *from = NULL, *output = "-";
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, "o:h", longopts)) != -1) {
        if (opt == 'h') {
            cli_diag_options_free(&o);
            return cli_help_for("convert");
        } else if (opt == OPT_FROM) {
            from = optarg;
        } else if (opt == 'o') {
            output = optarg;
        } else if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0) {
            status = EXIT_USAGE;
        }
    }
    static const char *const formats[] = { "mermaid" };
    if (status == EXIT_OK && argc - optind != 1) {
        cli_usage_error("convert takes one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !from && !from_extension(argv[optind])) {
        cli_usage_error("convert needs --from mermaid (or a FILE ending in .mmd or .mermaid)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && from && strcmp(from, "mermaid") != 0 && strcmp(from, "mmd") != 0) {
        cli_usage_error("--from takes mermaid, not '%s'%s", from, cli_did_you_mean(from, formats, 1));
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }
    const char *path = argv[optind];
    bool is_stdin = strcmp(path, "-") == 0;
    o.data_on_stdout = strcmp(output, "-") == 0;
    char *text;
    size_t len;
    int err;
    jy_read_status st = jy_file_read(path, false, &text, &len, &err);
    if (st != JY_READ_OK) {
        cli_read_error(path, st, err);
        if (o.format == JY_DFMT_SARIF) {
            cli_tally none = { 0, 0 };
            cli_finish(&o, NULL, 0, &none);
        }
        cli_diag_options_free(&o);
        return EXIT_USAGE;
    }
    jy_diags *d = jy_convert_diags_new();
    jy_diags_set_max_errors(d, o.max_errors);
    const char *name = is_stdin ? "<stdin>" : path;
    uint32_t file = jy_sources_add(jy_diags_sources(d), name, text, len);   /* takes text */

    /* Without a title, the file's name without its extension. */
    jy_buf title = { 0 };
    if (is_stdin) {
        jy_buf_adds(&title, "Journey");
    } else {
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        const char *dot = strrchr(base, '.');
        jy_buf_add(&title, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
    }
    jy_buf map = { 0 }, formatted = { 0 };
    jy_convert_status cs = jy_convert_mermaid(d, file, jy_buf_cstr(&title), &map);
    cli_tally tally = { 0, 0 };
    cli_emit(&o, d, &tally);
    cli_finish(&o, &d, 1, &tally);
    if (cs == JY_CONVERT_NO_MEMORY) {
        cli_usage_error("out of memory converting '%s'", path);
        status = EXIT_USAGE;
    } else if (cs == JY_CONVERT_ERRORS) {
        status = EXIT_INPUT;
    } else if (!canonical(name, &map, &formatted)) {
        cli_usage_error("'%s': the map converted from it does not parse; this is a bug in journey", path);
        status = EXIT_USAGE;
    } else {
        /* Never onto FILE itself. */
        jy_file_id id;
        jy_out_options same = { &id, !is_stdin && jy_file_identify(path, &id) ? 1 : 0, false };
        status = cli_write_files(&output, 1, &same, NULL, 0, write_text, &formatted);
    }
    jy_buf_free(&title);
    jy_buf_free(&map);
    jy_buf_free(&formatted);
    jy_diags_free(d);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_convert = { "convert", "write a Mermaid journey diagram as a .journey map", convert_usage,
                                      cmd_convert, 70 };
