#!/usr/bin/env python3
"""Golden-file test of one diagnostics case.

    golden.py JOURNEY CASE.journey

Runs `journey check --color=never [ARGS] CASE.journey` in the case's
directory, where ARGS come from a first line `# args: ...` in the case
(`{file}` there stands for the case's own name; without it the case is
appended), and with the environment from a line `# env: NAME=VALUE...`
(such as SOURCE_DATE_EPOCH, for a fixed today; journeytest.run removes it
otherwise), among the case's first lines.  The expected result is in two files, compared separately, so
that a diagnostic on the wrong stream fails: CASE.expected holds standard
error and then a line `exit: N`; CASE.stdout holds standard output, and is
absent when there is none.  Set JOURNEY_UPDATE_GOLDEN=1 to rewrite both
from the actual result (then review the diff).
"""
import os
import sys

import journeytest


def main():
    journey, case = sys.argv[1], os.path.abspath(sys.argv[2])
    directory, name = os.path.split(case)
    args, env = journeytest.case_header(case)
    args = args or []
    if "{file}" in args:
        args = [name if a == "{file}" else a for a in args]
    else:
        args.append(name)
    cmd = [journey, "check", "--color=never"] + args
    if args and args[0] in ("init", "help", "--help", "--version"):
        cmd = [journey] + args
    status, out, err = journeytest.run(journey, *cmd[1:], cwd=directory, env=env, timeout=60)
    base = case[: -len(".journey")]
    failures = []
    for path, actual in ((base + ".stdout", out), (base + ".expected", err + "exit: %d\n" % status)):
        if path.endswith(".stdout") and not actual:
            if os.path.exists(path):
                if journeytest.updating():
                    os.remove(path)
                else:
                    failures.append("%s: expected standard output, got none" % path)
            continue
        problem = journeytest.golden(path, actual)
        if problem:
            failures.append(problem)
    if failures:
        sys.stdout.write("\n".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
