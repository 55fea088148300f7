/* cmd_init.c - journey init [FILE]: a starter map to edit. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>
#include <unistd.h>

static const char starter[] =
    "# A customer journey map.  Check it with:  journey check FILE\n"
    "# Statements end at a new line or ';'.  Text goes in double quotes;\n"
    "# everything after '#' is a comment.  docs/language.md has the details.\n"
    "\n"
    "journey \"Order a birthday cake\" {\n"
    "  description \"Current-state map; replace it with your own research.\"\n"
    "  state current  # current | future\n"
    "  scale -2..2  # how emotions are scored\n"
    "\n"
    "  # Who goes through the journey.\n"
    "  persona sam \"Sam, busy parent\" {\n"
    "    goal \"A cake that arrives on time for the party\"\n"
    "    frustration \"Having to call the shop to ask where the order is\"\n"
    "  }\n"
    "\n"
    "  # Where the journey happens, who runs each part, what is measured.\n"
    "  channel web \"Website\" {\n"
    "    kind web\n"
    "  }\n"
    "  channel phone \"Phone\"\n"
    "  team shop \"Shop staff\"\n"
    "  kpi csat \"Customer satisfaction\" {\n"
    "    unit \"%\"\n"
    "    target 85\n"
    "    better higher\n"
    "  }\n"
    "\n"
    "  stage choose \"Choose\" {\n"
    "    step browse \"Browses cakes on the website\" {\n"
    "      touchpoint web \"Cake gallery\"\n"
    "      emotion 1 \"Excited\"\n"
    "      thought \"Which one will the kids like?\"\n"
    "    }\n"
    "  }\n"
    "\n"
    "  stage order \"Order\" {\n"
    "    step pay \"Pays and picks a delivery slot\" {\n"
    "      touchpoint web \"Checkout\"\n"
    "      owner shop\n"
    "      emotion -1 \"Unsure\"\n"
    "      pain \"No confirmation of the delivery slot\"\n"
    "      opportunity \"Confirm the slot by email right away\"\n"
    "      evidence interview \"Customer interviews, 2026\"\n"
    "    }\n"
    "    step call \"Calls the shop to check the order\" {\n"
    "      touchpoint phone\n"
    "      owner shop\n"
    "      emotion 2 \"Relieved\"\n"
    "      metric csat 81%\n"
    "    }\n"
    "  }\n"
    "}\n";

static const char init_usage[] =
    "usage: journey init [FILE]\n"
    "\n"
    "Write a commented starter map to FILE, or to standard output when FILE is\n"
    "omitted or \"-\".  An existing FILE is never overwritten.\n"
    "\n"
    "Options:\n"
    "  -h, --help             show this help\n";

static int cmd_init(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    while ((opt = cli_getopt(argc, argv, "h", longopts)) != -1) {
        if (opt == 'h')
            return cli_help_for("init");
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        cli_usage_error("init takes at most one FILE");
        return EXIT_USAGE;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    if (strcmp(path, "-") == 0) {
        fputs(starter, stdout);
        return fflush(stdout) == 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (access(path, F_OK) == 0) {
        cli_usage_error("'%s' already exists; init never overwrites a file", path);
        return EXIT_USAGE;
    }
    int err;
    jy_outfile *o = outfile_open(path, &err);
    if (!o) {
        cli_usage_error("cannot write '%s': %s", path, strerror(err));
        return EXIT_USAGE;
    }
    fputs(starter, outfile_stream(o));
    if (outfile_commit_new(o, &err) != 0) {
        cli_usage_error(err == EEXIST ? "'%s' already exists; init never overwrites a file" : "cannot write '%s': %s",
                        path, strerror(err));
        return EXIT_USAGE;
    }
    fprintf(stderr, "journey: wrote %s; check it with: journey check %s\n", path, path);
    return EXIT_OK;
}

const cli_command cli_cmd_init = { "init", "write a starter map to edit", init_usage, cmd_init, 80 };
