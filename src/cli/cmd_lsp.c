/* cmd_lsp.c - journey lsp: the language server on standard input and
 * output (src/lsp/). */
#include "cli.h"
#include "lsp.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char lsp_usage[] =
    "usage: journey lsp [--stdio]\n"
    "\n"
    "Run the language server (LSP 3.17) on standard input and output, for an\n"
    "editor to start: live diagnostics, hover, definition, references, symbols,\n"
    "completion, rename, formatting and quick fixes (docs/editors.md).  The\n"
    "editor's initializationOptions may give \"warnings\" (as -W takes them) and\n"
    "\"includeDirs\" (as -I).  What the server says about bad input goes to\n"
    "standard error.\n"
    "\n"
    "Options:\n"
    "  --stdio                talk over standard input and output (the default\n"
    "                         and only transport; accepted for editors that pass it)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 after shutdown and exit, 1 when the input ends or exit\n"
    "comes without shutdown, 2 usage error.\n";

static int cmd_lsp(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "stdio", no_argument, NULL, 1201 },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt;
    while ((opt = cli_getopt(argc, argv, "h", longopts)) != -1) {
        if (opt == 'h')
            return cli_help_for("lsp");
        if (opt != 1201)
            return EXIT_USAGE;
    }
    if (optind < argc) {
        cli_usage_error("lsp takes no FILE: the editor sends the documents");
        return EXIT_USAGE;
    }
    /* An editor that closes its end makes writes fail, not the server die
       mid-message; the server stops when its input ends. */
    signal(SIGPIPE, SIG_IGN);
    return lsp_serve(STDIN_FILENO, STDOUT_FILENO, stderr);
}

const cli_command cli_cmd_lsp = { "lsp", "run the language server that editors start",
                                  lsp_usage, cmd_lsp, 85 };
