/* cmd_init.c - journey init [--template NAME] [FILE]: a starter map to edit.
 *
 * The maps are the files in src/cli/templates/, embedded at build time
 * (CMakeLists.txt generates init_templates.inc: a table of names and
 * bytes, sorted by name).  Without --template, init writes "starter".
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *name;
    const unsigned char *text;
    size_t len;
} init_template;

#include "init_templates.inc"

#define NTEMPLATES (sizeof init_templates / sizeof init_templates[0])
#define DEFAULT_TEMPLATE "starter"

/* What each template maps, for --list-templates.  A template without a
 * line here is still listed, by name alone. */
static const struct {
    const char *name, *summary;
} summaries[] = {
    { "starter", "a small commented map to start from (the default): ordering a cake" },
    { "retail-purchase", "a shopper finds, buys, receives and uses a product bought online" },
    { "saas-onboarding", "from trial signup to the first invoice, with an admin and an invited teammate" },
    { "service-blueprint", "a hotel stay as a service blueprint: frontstage, backstage, support, evidence" },
};

static const char init_usage[] =
    "usage: journey init [--template NAME] [FILE]\n"
    "\n"
    "Write a commented starter map to FILE, or to standard output when FILE is\n"
    "omitted or \"-\".  An existing FILE is never overwritten.  Every map that\n"
    "init writes checks clean with -W error and is in journey fmt's layout.\n"
    "\n"
    "Options:\n"
    "  -t, --template NAME    start from template NAME (default: " DEFAULT_TEMPLATE ")\n"
    "  --list-templates       list the templates and what each one maps\n"
    "  -h, --help             show this help\n"
    "\n"
    "Templates: " INIT_TEMPLATE_NAMES "\n";

static const init_template *find_template(const char *name)
{
    for (size_t i = 0; i < NTEMPLATES; i++)
        if (strcmp(init_templates[i].name, name) == 0)
            return &init_templates[i];
    return NULL;
}

static int list_templates(void)
{
    for (size_t i = 0; i < NTEMPLATES; i++) {
        const char *summary = "";
        for (size_t k = 0; k < sizeof summaries / sizeof summaries[0]; k++)
            if (strcmp(summaries[k].name, init_templates[i].name) == 0)
                summary = summaries[k].summary;
        printf("%-18s %s\n", init_templates[i].name, summary);
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
}

static int cmd_init(int argc, char **argv)
{
    enum { OPT_LIST = 1301 };
    static const struct option longopts[] = {
        { "template", required_argument, NULL, 't' },
        { "list-templates", no_argument, NULL, OPT_LIST },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *name = DEFAULT_TEMPLATE;
    bool list = false;
    int opt;
    while ((opt = cli_getopt(argc, argv, "t:h", longopts)) != -1) {
        if (opt == 'h')
            return cli_help_for("init");
        if (opt == 't')
            name = optarg;
        else if (opt == OPT_LIST)
            list = true;
        else
            return EXIT_USAGE;
    }
    if (list) {
        if (optind < argc) {
            cli_usage_error("--list-templates takes no FILE");
            return EXIT_USAGE;
        }
        return list_templates();
    }
    const init_template *t = find_template(name);
    if (!t) {
        const char *names[NTEMPLATES];
        for (size_t i = 0; i < NTEMPLATES; i++)
            names[i] = init_templates[i].name;
        const char *best = jy_suggest(jy_str_make(name, strlen(name)), names, NTEMPLATES);
        if (best)
            cli_usage_error("unknown template '%s'; did you mean '%s'?", name, best);
        else
            cli_usage_error("unknown template '%s'; the templates are: %s (journey init --list-templates)", name,
                            INIT_TEMPLATE_NAMES);
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        cli_usage_error("init takes at most one FILE");
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    if (strcmp(path, "-") == 0) {
        fwrite(t->text, 1, t->len, stdout);
        return EXIT_OK;   /* a failed write is said at exit (cli_finish_stdout) */
    }
    if (access(path, F_OK) == 0) {
        cli_usage_error("'%s' already exists; init never overwrites a file", path);
        return EXIT_USAGE;
    }
    jy_out_error e;
    jy_outfile *o = jy_outfile_open(path, NULL, &e);
    if (!o) {
        cli_output_error(path, &e, NULL);
        return EXIT_USAGE;
    }
    fwrite(t->text, 1, t->len, jy_outfile_stream(o));
    if (jy_outfile_commit_new(o, &e) != 0) {
        if (e.status == JY_OUT_ERRNO && e.err_no == EEXIST)
            cli_usage_error("'%s' already exists; init never overwrites a file", path);
        else
            cli_output_error(path, &e, NULL);
        return EXIT_USAGE;
    }
    cli_note("wrote %s; check it with: journey check %s", path, path);
    return EXIT_OK;
}

const cli_command cli_cmd_init = { "init", "write a starter map to edit", init_usage, cmd_init, 80 };
