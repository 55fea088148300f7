/* cli.h - shared pieces of the command-line front end. */
#ifndef JOURNEY_CLI_H
#define JOURNEY_CLI_H

#include "journey/check.h"
#include "journey/codes.h"

#define JOURNEY_VERSION "0.1.0"

/* Exit statuses (LANGUAGE.md, "Command line"). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct {
    const char *name;
    const char *summary;
    const char *usage;         /* full help text */
    int (*run)(int argc, char **argv);
} cli_command;

extern const cli_command cli_commands[];
const cli_command *cli_find_command(const char *name);

/* Diagnostic options shared by every command that reads maps. */
typedef struct {
    const char **include_dirs;
    size_t ninclude, incap;
    const char **warning_flags;   /* -W values, in order */
    size_t nwarn, warncap;
    unsigned max_errors;
    int color;                    /* -1 auto, 0 never, 1 always */
    jy_diag_format format;
} cli_diag_options;

void cli_diag_defaults(cli_diag_options *o);
/* Handles one diagnostic option (getopt's opt and optarg); returns 1 if it
 * was one, 0 if not, -1 after printing a usage error. */
int cli_diag_option(cli_diag_options *o, int opt, const char *arg);
/* Creates an engine configured by the options; NULL after printing a usage
 * error (an unknown warning name). */
jy_diags *cli_diag_engine(const cli_diag_options *o);
bool cli_use_color(const cli_diag_options *o);

/* Long options and their codes, to include in each command's table. */
#define CLI_DIAG_LONG_OPTIONS                                      \
    { "max-errors", required_argument, NULL, 1001 },               \
    { "color", optional_argument, NULL, 1002 },                    \
    { "colour", optional_argument, NULL, 1002 },                   \
    { "diagnostics", required_argument, NULL, 1003 }
#define CLI_DIAG_SHORT_OPTIONS "I:W:"

struct option;
/* getopt_long with GNU argument permutation (options may follow files) and
 * usage errors printed in the project's words; returns '?' after one. */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

JY_PRINTF(1, 2) void cli_usage_error(const char *fmt, ...);
int cli_help_for(const char *command);

int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_help(int argc, char **argv);

#endif
