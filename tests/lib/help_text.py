"""Reading `journey --help` and `journey help COMMAND`, for the tests that
keep the man page (tests/man) and the shell completion (tests/editors) in
step with the command's own help."""
import re

import journeytest


def help_of(journey, *args):
    """The help text: `journey --help` without args, else `journey help ARGS`."""
    return journeytest.run(journey, *(["help"] + list(args) if args else ["--help"]), timeout=60)[1]


def commands(journey):
    """The command names listed by `journey --help`, in its order."""
    out, inside = [], False
    for line in help_of(journey).splitlines():
        if line == "Commands:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside:
            out.append(line.split()[0])
    return out


def option_columns(text):
    """The left column of each line of a help's Options: section, such as
    '-o, --output OUT' or '-W NAME, --max-errors N, --color[=WHEN]'."""
    cols, inside = [], False
    for line in text.splitlines():
        if line == "Options:":
            inside = True
        elif inside and not line.strip():
            break
        elif inside and line.startswith("  -"):
            cols.append(re.split(r"\s{2,}", line.strip(), maxsplit=1)[0])
    return cols


def option_names(columns):
    """Every option named in some columns: {'-o', '--output', ...}."""
    return {m for c in columns for m in re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", c)}
