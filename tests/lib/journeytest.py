"""What the Python tests share: running journey as a user would, and golden
files.  tests/CMakeLists.txt puts this directory on every test's
PYTHONPATH, so a test says `import journeytest`.

- run(): journey with arguments, standard input, a directory and extra
  environment; the environment is cleaned of the variables that change
  journey's output (NO_COLOR, SOURCE_DATE_EPOCH, JOURNEY_IMPORT_ROOT), so
  a developer's shell cannot make a test pass or fail.
- golden(): compares an actual output with its golden file, or rewrites the
  file when JOURNEY_UPDATE_GOLDEN is set (then read the diff).
- case_header(): the `# args:` and `# env:` lines a golden diagnostics
  case starts with (tests/diag).
- read(), write(): a file's bytes; generated_map(): a large map from
  bench/gen.py.
"""
import difflib
import os
import shlex
import subprocess
import sys

# Variables of the developer's environment that journey reads.
CLEANED = ("NO_COLOR", "SOURCE_DATE_EPOCH", "JOURNEY_IMPORT_ROOT")
# The source tree: this file is tests/lib/journeytest.py.
SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def environment(extra=None):
    env = dict(os.environ)
    for name in CLEANED:
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def run(journey, *args, stdin=None, stdout=subprocess.PIPE, cwd=None, env=None, binary=False, errors="replace",
        timeout=300, preexec_fn=None):
    """Runs journey ARGS; returns (status, stdout, stderr).

    stdin: bytes or str (the input), an open file to read from, or None
    (no input: /dev/null).  stdout: captured, as text (UTF-8) or, with
    binary=True, bytes; or an open file (or subprocess.DEVNULL) to write
    to, and then the stdout returned is None.  stderr is always captured,
    as text.  errors: what decoding does with bytes that are not UTF-8,
    as bytes.decode (replace them, or "strict": raise).  env: variables
    added to the cleaned environment.  preexec_fn: run in the child before
    journey starts (limits, a closed descriptor)."""
    data = None
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    if isinstance(stdin, bytes):
        data, stdin = stdin, None
    elif stdin is None:
        stdin = subprocess.DEVNULL
    p = subprocess.run([journey] + [str(a) for a in args], input=data, stdin=stdin, stdout=stdout,
                       stderr=subprocess.PIPE, cwd=cwd, env=environment(env), timeout=timeout,
                       preexec_fn=preexec_fn)
    out = p.stdout
    if out is not None and not binary:
        out = out.decode("utf-8", errors)
    return p.returncode, out, p.stderr.decode("utf-8", errors)


def case_header(path):
    """The first lines of a golden diagnostics case that start with
    `# args:` (the arguments of `journey check`, shell-quoted) or `# env:`
    (NAME=VALUE pairs added to the cleaned environment, e.g.
    SOURCE_DATE_EPOCH for a fixed today), in any order: returns (args, env),
    args None when there is no `# args:` line."""
    args, env = None, {}
    with open(path, "rb") as f:
        for raw in f:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("# args:"):
                args = shlex.split(line[len("# args:"):])
            elif line.startswith("# env:"):
                for pair in shlex.split(line[len("# env:"):]):
                    name, _, value = pair.partition("=")
                    env[name] = value
            else:
                break
    return args, env


def runner(journey, **defaults):
    """run() with journey and some keyword arguments fixed."""
    def bound(*args, **kw):
        return run(journey, *args, **dict(defaults, **kw))
    return bound


def updating():
    return bool(os.environ.get("JOURNEY_UPDATE_GOLDEN"))


def golden(path, actual):
    """None when actual (str or bytes) equals the golden file at path, else
    a message with a unified diff.  With JOURNEY_UPDATE_GOLDEN set, the file
    is rewritten and the result is None."""
    data = actual.encode("utf-8") if isinstance(actual, str) else actual
    if updating():
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        write(path, data)
        return None
    try:
        with open(path, "rb") as f:
            expected = f.read()
    except FileNotFoundError:
        return "no golden file %s (JOURNEY_UPDATE_GOLDEN=1 writes it)" % path
    if expected == data:
        return None
    diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(True),
                                data.decode("utf-8", "replace").splitlines(True),
                                path, "actual")
    return "".join(diff) or "%s differs (in bytes that do not show as text)" % path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    """Writes data (bytes, or str as UTF-8) to path, byte for byte."""
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def generated_map(path, steps):
    """Writes the map of STEPS steps that bench/gen.py makes to path;
    returns path."""
    with open(path, "w") as f:
        subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen.py"), str(steps)], stdout=f, check=True)
    return path
