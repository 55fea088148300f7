#!/usr/bin/env python3
"""Byte goldens of journey report: every kind of every example and of
tests/report/backlog.journey (the v2 items), and the
portfolio of examples/*.journey (run from the source tree, so that the
journey_file column reads examples/NAME.journey), with today fixed by
SOURCE_DATE_EPOCH.  JOURNEY_UPDATE_GOLDEN=1 rewrites them (then read the
diff).  test_report.py asserts what the values mean; these catch any
change of a byte.

    test_golden.py JOURNEY SOURCE_DIR [unittest arguments]
"""
import glob
import os
import sys
import unittest

import journeytest

JOURNEY = SOURCE = None
HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "golden")
KINDS = ["steps", "pains", "opportunities", "touchpoints", "personas", "metrics", "summary", "stages", "owners", "step-owners"]
ENV = {"SOURCE_DATE_EPOCH": "1795000000"}          # 2026-11-18


def run(*args):
    rc, out, err = journeytest.run(JOURNEY, "report", *args, cwd=SOURCE, env=ENV, binary=True)
    if rc != 0:
        raise AssertionError("report %r: exit %d: %s" % (args, rc, err))
    return out


class Golden(unittest.TestCase):
    def test_every_kind_of_every_example(self):
        maps = sorted(os.path.basename(p) for p in glob.glob(os.path.join(SOURCE, "examples", "*.journey"))
                      if not p.endswith("people.journey"))
        self.assertGreaterEqual(len(maps), 4)
        for name in maps:
            for kind in KINDS:
                with self.subTest(name=name, kind=kind):
                    out = run(os.path.join("examples", name), "--kind", kind)
                    stem = name[:-len(".journey")]
                    diff = journeytest.golden(os.path.join(GOLDEN, "%s.%s.csv" % (stem, kind)), out)
                    self.assertIsNone(diff, diff)

    def test_portfolio(self):
        maps = sorted(os.path.relpath(p, SOURCE) for p in glob.glob(os.path.join(SOURCE, "examples", "*.journey")))
        for kind in ("summary", "stages", "owners"):
            with self.subTest(kind=kind):
                out = run(*maps, "--kind", kind)
                diff = journeytest.golden(os.path.join(GOLDEN, "portfolio.%s.csv" % kind), out)
                self.assertIsNone(diff, diff)
        out = run(*maps, "--kind", "pains", "--format", "markdown")
        diff = journeytest.golden(os.path.join(GOLDEN, "portfolio.pains.md"), out)
        self.assertIsNone(diff, diff)

    def test_backlog(self):
        # The v2 items (tests/report/backlog.journey) through every kind.
        for kind in KINDS:
            with self.subTest(kind=kind):
                out = run(os.path.join("tests", "report", "backlog.journey"), "--kind", kind)
                diff = journeytest.golden(os.path.join(GOLDEN, "backlog.%s.csv" % kind), out)
                self.assertIsNone(diff, diff)

    def test_the_docs_show_the_portfolio_as_it_is(self):
        # docs/reports.md shows the first lines of two portfolio reports of
        # examples/*.journey: they must be what journey writes.
        with open(os.path.join(SOURCE, "docs", "reports.md"), encoding="utf-8") as f:
            doc = f.read()
        maps = sorted(os.path.relpath(p, SOURCE) for p in glob.glob(os.path.join(SOURCE, "examples", "*.journey")))
        for kind, count in (("personas", 4), ("summary", 6)):
            with self.subTest(kind=kind):
                start = doc.index("$ journey report examples/*.journey --kind %s" % kind)
                shown = [l for l in doc[start:].split("\n")[1:] if not l.startswith("journey: ")][:count]
                lines = run(*maps, "--kind", kind).decode("utf-8").split("\n")[:count]
                self.assertEqual(shown, lines)


if __name__ == "__main__":
    JOURNEY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
