"""What every command that writes one output owes its user, checked the
same way for journey report and journey export (imported by
tests/report/test_report.py and tests/export/test_export.py, which run
journey the way runner() here does):

- the default, `-o -` and `-o FILE` give the same bytes, twice alike, and
  a file leaves nothing beside it;
- a map with errors writes nothing, and an existing OUT survives;
- a failed write is a usage error that names standard output.
"""
import contextlib
import os
import tempfile

import journeytest

BAD_MAP = b'journey "J" {\n  persona anna "Anna"\n  stage s "S" {\n    step a "A" { emotion 7; owner nobody }\n  }\n}\n'


def runner(journey):
    """How report's and export's tests run journey: journeytest.run with
    stdout as bytes and a timeout of 120 s."""
    return journeytest.runner(journey, binary=True, timeout=120)


def check_output_choices(tc, journey, args):
    """args: the command, FILE and options, without -o."""
    run = runner(journey)
    rc1, a, _ = run(*args)
    rc2, b, _ = run(*args, "-o", "-")
    tc.assertEqual((rc1, rc2), (0, 0))
    tc.assertEqual(a, b)
    tc.assertEqual(run(*args)[1], a)
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        rc, so, se = run(*args, "--output", out)
        tc.assertEqual((rc, so, se), (0, b"", ""))
        with open(out, "rb") as f:
            tc.assertEqual(f.read(), a)
        tc.assertEqual(os.listdir(d), ["out"])
    return a


def check_errors_write_nothing(tc, journey, command, *options):
    """command with a map that has errors: status 1, no output anywhere."""
    run = runner(journey)
    with tempfile.TemporaryDirectory() as d:
        bad = os.path.join(d, "bad.journey")
        journeytest.write(bad, BAD_MAP)
        out = os.path.join(d, "previous")
        journeytest.write(out, "previous output\n")
        rc, so, err = run(command, bad, *options, "-o", out)
        tc.assertEqual((rc, so), (1, b""))
        tc.assertIn("error:", err)
        rc, so, _ = run(command, bad, *options)
        tc.assertEqual((rc, so), (1, b""))
        with open(out) as f:
            tc.assertEqual(f.read(), "previous output\n")
        tc.assertEqual(sorted(os.listdir(d)), ["bad.journey", "previous"])


def check_write_failure(tc, journey, args):
    if not os.path.exists("/dev/full"):
        tc.skipTest("no /dev/full")
    with open("/dev/full", "wb") as full:
        rc, _, err = journeytest.run(journey, *args, stdout=full, timeout=60)
    tc.assertEqual(rc, 2)
    tc.assertIn("cannot write 'standard output'", err)


def check_refused(tc, journey, args, message):
    """args (without -o) exit with status 1, saying message, writing nothing."""
    with tempfile.TemporaryDirectory() as d:
        rc, so, err = runner(journey)(*args, "-o", os.path.join(d, "out"))
        tc.assertEqual((rc, so), (1, b""))
        tc.assertIn(message, err)
        tc.assertEqual(os.listdir(d), [])


@contextlib.contextmanager
def map_file(text, name="map.journey"):
    """A map written, byte for byte, to a temporary file: yields its path."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name)
        journeytest.write(path, text)
        yield path
