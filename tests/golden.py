#!/usr/bin/env python3
"""Golden-file test of one diagnostics case.

    golden.py JOURNEY CASE.journey

Runs `journey check --color=never [ARGS] CASE.journey` in the case's
directory, where ARGS come from a first line `# args: ...` in the case
(`{file}` there stands for the case's own name; without it the case is
appended).  The expected result is in CASE.expected: standard output, then
standard error, then a line `exit: N`.  Set JOURNEY_UPDATE_GOLDEN=1 to
rewrite the expected file from the actual result (then review the diff).
"""
import os
import shlex
import subprocess
import sys


def main():
    journey, case = sys.argv[1], os.path.abspath(sys.argv[2])
    directory, name = os.path.split(case)
    with open(case, "rb") as f:
        first = f.readline().decode("utf-8", "replace").strip()
    args = []
    if first.startswith("# args:"):
        args = shlex.split(first[len("# args:"):])
    if "{file}" in args:
        args = [name if a == "{file}" else a for a in args]
    else:
        args.append(name)
    cmd = [journey, "check", "--color=never"] + args
    if args and args[0] in ("init", "help", "--help", "--version"):
        cmd = [journey] + args
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    proc = subprocess.run(cmd, cwd=directory, capture_output=True, timeout=60, env=env)
    actual = (proc.stdout + proc.stderr).decode("utf-8", "replace") + "exit: %d\n" % proc.returncode
    expected_path = case[: -len(".journey")] + ".expected"
    if os.environ.get("JOURNEY_UPDATE_GOLDEN"):
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(actual)
        return 0
    try:
        with open(expected_path, encoding="utf-8") as f:
            expected = f.read()
    except FileNotFoundError:
        print("no expected file %s; actual output:\n%s" % (expected_path, actual))
        return 1
    if actual != expected:
        import difflib
        sys.stdout.writelines(difflib.unified_diff(
            expected.splitlines(True), actual.splitlines(True), "expected", "actual"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
