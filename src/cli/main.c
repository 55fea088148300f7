/* main.c - the journey command: dispatch to subcommands, shared options.
 *
 * Only the CLI prints to the terminal.  Each subcommand lives in its own
 * file and returns an exit status: 0 success, 1 the input has errors,
 * 2 usage or I/O error.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char check_usage[] =
    "usage: journey check [options] FILE...\n"
    "\n"
    "Parse each FILE (\"-\" reads standard input), load what it imports, and check\n"
    "it.  Prints diagnostics only.  Exit status: 0 no error (warnings allowed),\n"
    "1 errors (or warnings under -W error), 2 usage or I/O error.\n"
    "\n"
    "Options:\n"
    "  -I DIR                 also look for imported files in DIR (repeatable)\n"
    "  -W NAME                enable warning NAME; -W no-NAME disables it\n"
    "  -W all                 enable every warning\n"
    "  -W error               treat warnings as errors\n"
    "  --max-errors N         stop a file after N errors (default 20, 0: no limit)\n"
    "  --color[=WHEN]         colour diagnostics: auto (default), always, never;\n"
    "                         auto means a terminal and NO_COLOR unset\n"
    "  --diagnostics=FORMAT   text (default, to standard error), json (one object\n"
    "                         per line), sarif (SARIF 2.1.0) or github (GitHub\n"
    "                         Actions commands); all but text go to standard output\n"
    "  -h, --help             show this help\n"
    "\n"
    "Warnings (default in brackets):\n"
    "  unused-persona [on]    unused-channel [on]    unused-team [on]\n"
    "  unused-kpi [on]        empty-stage [on]       no-persona [on]\n"
    "  missing-emotion [on]   unaddressed-pain [off] no-evidence [off]\n"
    "  emotion-cliff [off]\n";

static const char init_usage[] =
    "usage: journey init [FILE]\n"
    "\n"
    "Write a commented starter map to FILE, or to standard output when FILE is\n"
    "omitted or \"-\".  An existing FILE is never overwritten.\n"
    "\n"
    "Options:\n"
    "  -h, --help             show this help\n";

static const char help_usage[] =
    "usage: journey help [COMMAND]\n"
    "\n"
    "Show the help of COMMAND, or the list of commands.\n";

const cli_command cli_commands[] = {
    { "check", "parse, resolve imports and check maps; print diagnostics", check_usage, cmd_check },
    { "init", "write a starter map to edit", init_usage, cmd_init },
    { "help", "show help for a command", help_usage, cmd_help },
    { NULL, NULL, NULL, NULL },
};

const cli_command *cli_find_command(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void print_overview(FILE *out)
{
    fputs("usage: journey COMMAND [options] [FILE...]\n"
          "\n"
          "journey checks customer journey maps written as .journey text files.\n"
          "\n"
          "Commands:\n",
          out);
    for (const cli_command *c = cli_commands; c->name; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help; journey help COMMAND shows a command's\n"
          "  --version      show the version\n"
          "\n"
          "Run 'journey help check' for the checker's options and warnings.\n",
          out);
}

static bool cli_getopt_started;

void cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("journey: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_help_for(const char *command)
{
    const cli_command *c = cli_find_command(command);
    if (!c) {
        cli_usage_error("unknown command '%s'; run 'journey --help' for the list", command);
        return EXIT_USAGE;
    }
    fputs(c->usage, stdout);
    return EXIT_OK;
}

int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return EXIT_OK;
    }
    if (argc > 2) {
        cli_usage_error("help takes one command name");
        return EXIT_USAGE;
    }
    return cli_help_for(argv[1]);
}

/* ---- diagnostic options -------------------------------------------------- */

void cli_diag_defaults(cli_diag_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_errors = 20;
    o->color = -1;
    o->format = JY_DFMT_TEXT;
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
            cli_usage_error("--color takes auto, always or never, not '%s'", arg);
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
            cli_usage_error("--diagnostics takes text, json, sarif or github, not '%s'", arg);
            return -1;
        }
        return 1;
    default:
        return 0;
    }
}

jy_diags *cli_diag_engine(const cli_diag_options *o)
{
    jy_diags *d = jy_diags_new();
    diags_set_max_errors(d, o->max_errors);
    for (size_t i = 0; i < o->nwarn; i++) {
        const char *w = o->warning_flags[i];
        bool on = true;
        if (strncmp(w, "no-", 3) == 0) {
            on = false;
            w += 3;
        }
        if (strcmp(w, "all") == 0) {
            diags_set_all_warnings(d, on);
        } else if (strcmp(w, "error") == 0) {
            diags_set_werror(d, on);
        } else if (!diags_set_warning(d, w, on)) {
            const char *best = NULL;
            unsigned best_d = 3;
            for (unsigned k = 0; k < JY_C_COUNT; k++) {
                if (!jy_codes[k].is_warning)
                    continue;
                unsigned dist = edit_distance(jy_str_make(w, strlen(w)),
                                              jy_str_make(jy_codes[k].name, strlen(jy_codes[k].name)), 2);
                if (dist < best_d) {
                    best_d = dist;
                    best = jy_codes[k].name;
                }
            }
            if (best)
                cli_usage_error("unknown warning '%s'; did you mean '%s'?", w, best);
            else
                cli_usage_error("unknown warning '%s'; 'journey help check' lists them", w);
            diags_free(d);
            return NULL;
        }
    }
    return d;
}

bool cli_use_color(const cli_diag_options *o)
{
    if (o->color >= 0)
        return o->color == 1;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(2);
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
            cli_usage_error("unknown option '%s'; run 'journey help %s'", arg, argv[0]);
    }
    return opt;
}

/* ---- main ---------------------------------------------------------------- */

int main(int argc, char **argv)
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
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("journey %s\n", JOURNEY_VERSION);
        return EXIT_OK;
    }
    const cli_command *c = cli_find_command(cmd);
    if (!c) {
        if (cmd[0] == '-')
            cli_usage_error("unknown option '%s'; a command comes first, as in: journey check FILE", cmd);
        else
            cli_usage_error("unknown command '%s'; run 'journey --help' for the list", cmd);
        return EXIT_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
