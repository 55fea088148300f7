"""What the Python tests share: running journey as a user would, and golden
files.  tests/CMakeLists.txt puts this directory on every test's
PYTHONPATH, so a test says `import journeytest`.

- run(): journey with arguments, standard input, a directory and extra
  environment; the environment is cleaned of the variables that change
  journey's output (NO_COLOR, SOURCE_DATE_EPOCH, JOURNEY_IMPORT_ROOT), so
  a developer's shell cannot make a test pass or fail.
- golden(): compares an actual output with its golden file, or rewrites the
  file when JOURNEY_UPDATE_GOLDEN is set (then read the diff).
"""
import difflib
import os
import subprocess

# Variables of the developer's environment that journey reads.
CLEANED = ("NO_COLOR", "SOURCE_DATE_EPOCH", "JOURNEY_IMPORT_ROOT")


def environment(extra=None):
    env = dict(os.environ)
    for name in CLEANED:
        env.pop(name, None)
    if extra:
        env.update(extra)
    return env


def run(journey, *args, stdin=None, cwd=None, env=None, binary=False, timeout=300):
    """Runs journey ARGS; returns (status, stdout, stderr).  stdout is text
    (UTF-8, undecodable bytes replaced) or, with binary=True, bytes; stderr
    is always text.  stdin: bytes or str, or None for no input."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    p = subprocess.run([journey] + [str(a) for a in args], input=stdin, capture_output=True, cwd=cwd,
                       env=environment(env), timeout=timeout,
                       stdin=subprocess.DEVNULL if stdin is None else None)
    out = p.stdout if binary else p.stdout.decode("utf-8", "replace")
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


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
        with open(path, "wb") as f:
            f.write(data)
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
