/* main.c - the journey command: dispatch to subcommands, shared options.
 *
 * Only the CLI prints to the terminal.  Each subcommand lives in its own
 * file and returns an exit status: 0 success, 1 the input has errors,
 * 2 usage or I/O error.  Whatever the command, standard output is checked
 * at the end: if it could not be written, the run says so (naming the
 * system's error) and exits with status 2 (cli_finish_stdout).
 */
#include "cli.h"

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help_usage[] =
    "usage: journey help [COMMAND]\n"
    "\n"
    "Show the help of COMMAND, or the list of commands.\n";

static int cmd_help(int argc, char **argv);
static const cli_command cli_cmd_help = { "help", "show help for a command", help_usage, cmd_help, 90 };

#define CLI_COMMAND(name) extern const cli_command cli_cmd_##name;
#include "cli_commands.inc"
#undef CLI_COMMAND

static const cli_command *const commands[] = {
#define CLI_COMMAND(name) &cli_cmd_##name,
#include "cli_commands.inc"
#undef CLI_COMMAND
    &cli_cmd_help,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const cli_command *cli_find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

static void print_overview(FILE *out)
{
    fputs("usage: journey COMMAND [options] [FILE...]\n"
          "\n"
          "journey checks customer journey maps written as .journey text files, draws\n"
          "them, writes reports and exports, formats them and compares versions.\n"
          "\n"
          "Commands:\n",
          out);
    /* In their own order, whatever the order of the table. */
    int last = -1;
    for (size_t k = 0; k < NCOMMANDS; k++) {
        const cli_command *next = NULL;
        for (size_t i = 0; i < NCOMMANDS; i++)
            if (commands[i]->order > last && (!next || commands[i]->order < next->order))
                next = commands[i];
        if (!next)
            break;
        fprintf(out, "  %-8s %s\n", next->name, next->summary);
        last = next->order;
    }
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help\n"
          "  --version      show the version\n"
          "\n"
          "Run 'journey help COMMAND' for a command's options; 'journey help check'\n"
          "also lists the warnings.\n",
          out);
}

static bool cli_getopt_started;

/* "unknown command 'X'", with the nearest command's name when one is near. */
static void unknown_command(const char *name)
{
    const char *names[NCOMMANDS];
    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i]->name;
    const char *best = jy_suggest(jy_str_make(name, strlen(name)), names, NCOMMANDS);
    if (best)
        cli_usage_error("unknown command '%s'; did you mean '%s'?", name, best);
    else
        cli_usage_error("unknown command '%s'; run 'journey --help' for the list", name);
}

int cli_print_version(void)
{
#ifdef JOURNEY_REVISION
    printf("journey %s (git %s)\n", JOURNEY_VERSION, JOURNEY_REVISION);
#else
    printf("journey %s\n", JOURNEY_VERSION);
#endif
    return EXIT_OK;
}

int cli_help_for(const char *command)
{
    const cli_command *c = cli_find_command(command);
    if (!c) {
        unknown_command(command);
        return EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fputs(help_usage, stdout);
        return EXIT_OK;
    }
    if (argc > 2) {
        cli_usage_error("help takes one command name");
        return EXIT_USAGE;
    }
    return cli_help_for(argv[1]);
}

/* "unknown option '--X'": with the nearest long option of the command
 * when one is near, compared without the value of --X=VALUE. */
static void unknown_long_option(const char *command, const char *arg, const struct option *longopts)
{
    const char *name = arg + (strncmp(arg, "--", 2) == 0 ? 2 : 0);
    size_t len = strcspn(name, "=");
    size_t n = 0;
    while (longopts[n].name)
        n++;
    const char **names = jy_xmalloc((n + 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = longopts[i].name;
    const char *best = jy_suggest(jy_str_make(name, len), names, n);
    if (best)
        cli_usage_error("unknown option '%s'; did you mean '--%s%s'?", arg, best, name[len] ? name + len : "");
    else
        cli_usage_error("unknown option '%s'; run 'journey help %s'", arg, command);
    free(names);
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
    if (!cli_getopt_started) {
        optind = 1;
        opterr = 0;
        cli_getopt_started = true;
    }
    int longindex = -1;
    int opt = getopt_long(argc, argv, shortopts, longopts, &longindex);
    if (opt == '?') {
        const char *arg = argv[optind - 1];
        if (optopt && optopt < 256 && strchr(shortopts, optopt))
            cli_usage_error("option -%c needs a value", optopt);
        else if (optopt && optopt >= 256)
            cli_usage_error("option '%s' needs a value", arg);
        else if (optopt)
            cli_usage_error("unknown option -%c; run 'journey help %s'", optopt, argv[0]);
        else
            unknown_long_option(argv[0], arg, longopts);
    }
    return opt;
}

/* ---- main ---------------------------------------------------------------- */

static int run(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0)
        return cli_print_version();
    const cli_command *c = cli_find_command(cmd);
    if (!c) {
        if (cmd[0] == '-')
            cli_usage_error("unknown option '%s'; a command comes first, as in: journey check FILE", cmd);
        else
            unknown_command(cmd);
        return EXIT_USAGE;
    }
    /* --version after a command, before any "--", as git and most tools
     * take it: journey check --version. */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--version") == 0)
            return cli_print_version();
    /* The last resort when memory runs out: the library's entry points
     * report it themselves, and anything else lands here. */
    jy_guard g;
    jy_guard_enter(&g);
    if (setjmp(g.env)) {
        jy_outfile_remove_pending();
        fputs("journey: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    int status = c->run(argc - 1, argv + 1);
    jy_guard_leave(&g);
    return status;
}

int main(int argc, char **argv)
{
    /* A file size limit (ulimit -f) makes write(2) fail with EFBIG, said
     * as any write error, instead of killing the process. */
    signal(SIGXFSZ, SIG_IGN);
    /* Standard output remembers its first error, so that the end of the
     * run can say it (glibc's stream forgets it after a failed flush). */
    jy_stdout_guard();
    return cli_finish_stdout(run(argc, argv));
}
