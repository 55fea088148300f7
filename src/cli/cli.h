/* cli.h - shared pieces of the command-line front end. */
#ifndef JOURNEY_CLI_H
#define JOURNEY_CLI_H

#include "journey/check.h"
#include "journey/codes.h"

#define JOURNEY_VERSION "0.1.0"

/* Exit statuses (LANGUAGE.md, "Command line"). */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

/* A subcommand.  Each src/cli/cmd_NAME.c defines `const cli_command
 * cli_cmd_NAME`; the build generates the table from the files present. */
typedef struct {
    const char *name;
    const char *summary;
    const char *usage;         /* full help text */
    int (*run)(int argc, char **argv);
    int order;                 /* position in `journey --help` */
} cli_command;

const cli_command *cli_find_command(const char *name);

/* Diagnostic options shared by every command that reads maps. */
typedef struct {
    const char **include_dirs;
    size_t ninclude, incap;
    const char *import_root;      /* --import-root, else JOURNEY_IMPORT_ROOT; NULL: none */
    bool import_root_from_env;
    const char *stdin_name;       /* --stdin-filename: what "-" is called, and
                                     where its imports are looked for */
    const char **warning_flags;   /* -W values, in order */
    size_t nwarn, warncap;
    unsigned max_errors;
    int color;                    /* -1 auto, 0 never, 1 always */
    jy_diag_format format;
    bool data_on_stdout;          /* the command writes its output to standard
                                     output: diagnostics in every format go to
                                     standard error so the two never mix */
} cli_diag_options;

/* The defaults, and JOURNEY_IMPORT_ROOT from the environment. */
void cli_diag_defaults(cli_diag_options *o);
/* The compile options the diagnostic options ask for. */
jy_compile_options cli_compile_options(const cli_diag_options *o);
void cli_diag_options_free(cli_diag_options *o);
/* Handles one diagnostic option (getopt's opt and optarg); returns 1 if it
 * was one, 0 if not, -1 after printing a usage error. */
int cli_diag_option(cli_diag_options *o, int opt, const char *arg);
/* Creates an engine configured by the options; NULL after printing a usage
 * error (an unknown warning name, an import root that is not a
 * directory). */
jy_diags *cli_diag_engine(const cli_diag_options *o);
bool cli_use_color(const cli_diag_options *o);
/* Where diagnostics go: standard error for text, or when the command's
 * output is on standard output; else standard output. */
FILE *cli_diag_stream(const cli_diag_options *o);

/* Long options and their codes, to include in each command's table. */
#define CLI_DIAG_LONG_OPTIONS                                      \
    { "max-errors", required_argument, NULL, 1001 },               \
    { "color", optional_argument, NULL, 1002 },                    \
    { "colour", optional_argument, NULL, 1002 },                   \
    { "diagnostics", required_argument, NULL, 1003 }
/* The option of the commands that load imports (all but fmt). */
#define CLI_IMPORT_LONG_OPTIONS { "import-root", required_argument, NULL, 1004 }
/* --stdin-filename PATH (check, fmt, render). */
#define CLI_STDIN_LONG_OPTIONS { "stdin-filename", required_argument, NULL, 1005 }
#define CLI_DIAG_SHORT_OPTIONS "I:W:"

/* One map loaded for a command that needs its model.  cli_load_map prints
 * the diagnostics (as check does) and returns EXIT_OK with m->comp->model
 * set, EXIT_INPUT when the map has errors, EXIT_USAGE when it cannot be
 * read.  Free with cli_map_free whatever it returned. */
typedef struct {
    jy_diags *diags;
    jy_compilation *comp;
} cli_map;
int cli_load_map(const cli_diag_options *o, const char *path, cli_map *m);
/* Says why a compilation of path has no program: it could not be read, or
 * memory ran out. */
void cli_compile_error(const char *path, const jy_compilation *c);
/* The same for a file read with jy_file_read. */
void cli_read_error(const char *path, jy_read_status st, int err_no);
void cli_map_free(cli_map *m);
/* Printing diagnostics: cli_emit prints one engine's (except SARIF) and
 * counts them; cli_finish writes the SARIF log of all engines, or the
 * closing summary line of the text format. */
typedef struct {
    unsigned errors, warnings;
} cli_tally;
void cli_emit(const cli_diag_options *o, jy_diags *d, cli_tally *t);
void cli_finish(const cli_diag_options *o, jy_diags *const *engines, size_t n, const cli_tally *t);
/* cli_load_map for one map of several when t is not NULL: the count of its
 * diagnostics is added to *t and the closing words (cli_finish) are left to
 * the caller, once for every map.  With t NULL, cli_load_map. */
int cli_load_map_tally(const cli_diag_options *o, const char *path, cli_map *m, cli_tally *t);

/* Writes an output through write(out, ctx) to path ("-" is standard
 * output) as jy_outfile_open does: never over a file that from (NULL: none)
 * read, to a temporary renamed into place, so a failed run leaves any
 * existing file untouched.  write returns 0 on success; on failure it has
 * printed why, unless the stream failed (then the error of the system is
 * said here).  Returns an exit status. */
int cli_write_output(const jy_compilation *from, const char *path, int (*write)(FILE *out, void *ctx), void *ctx);
/* The same for a set of n files written through write(out, i, ctx) and
 * committed together (jy_outfile_commit_set), stale then removed. */
int cli_write_files(const char *const *paths, size_t n, const jy_out_options *opts, const char *const *stale,
                    size_t nstale, int (*write)(FILE *out, size_t i, void *ctx), void *ctx);
/* The usage error for a failed write to path ("-": standard output);
 * err_no 0 when the stream gave no reason. */
void cli_write_error(const char *path, int err_no);
/* The usage error for an output that jy_outfile_open refused or that failed. */
void cli_output_error(const char *path, const jy_out_error *e, const jy_out_options *opts);
/* The end of every run: flushes standard output (guarded by main) and says
 * why it failed if no one has; returns status, or EXIT_USAGE then. */
int cli_finish_stdout(int status);

struct option;
/* getopt_long with GNU argument permutation (options may follow files) and
 * usage errors printed in the project's words; returns '?' after one. */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);

/* "journey: MESSAGE" on standard error, with control characters in what
 * the message echoes escaped (jy_diags_escape).  cli_note is the same for a
 * message that reports no error. */
JY_PRINTF(1, 2) void cli_usage_error(const char *fmt, ...);
JY_PRINTF(1, 2) void cli_note(const char *fmt, ...);

/* Whether to colour what goes to file descriptor fd (--color, NO_COLOR,
 * TERM=dumb; auto: fd is a terminal).  cli_use_color is this for
 * diagnostics on standard error; a command colouring its own output on
 * standard output passes 1. */
bool cli_use_color_on(const cli_diag_options *o, int fd);
int cli_help_for(const char *command);

/* "; did you mean 'X'?" when one of words[0..n) is near word (jy_suggest),
 * else "": the end of a usage error about a misspelt name.  The text lives
 * until the next call. */
const char *cli_did_you_mean(const char *word, const char *const *words, size_t n);
/* The version line of `journey --version` and of `--version` after any
 * command. */
int cli_print_version(void);


#endif
