#!/usr/bin/env python3
"""journey render at its limits: a text too long to draw and a map with too
many emotion points are refused with a message naming them (exit status 2),
never a crash; texts just within the limits are drawn.

    test_limits.py JOURNEY
"""
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

JOURNEY = None
BIG = "word " * 140000          # 700 KB: wraps to 35 000 lines in a cell


def render(src, fmt="svg", *extra):
    """Renders src; returns (status, stderr, whether the output exists)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "big.journey")
        with open(path, "w", encoding="utf-8") as f:
            f.write(src)
        out = os.path.join(d, "map." + fmt)
        p = subprocess.run([JOURNEY, "render", "--color=never", "-W", "no-all", path, "-o", out] + list(extra),
                           capture_output=True, timeout=120, cwd=d)
        err = p.stderr.decode("utf-8", "replace")
        if p.returncode == 0 and fmt == "svg":
            with open(out, "rb") as f:
                ET.fromstring(f.read())
        return p.returncode, err.replace(d + "/", ""), os.path.exists(out)


def journey(body, persona=""):
    return 'journey "T" {\n%s  stage s "S" {\n    step a "A" {\n%s    }\n  }\n}\n' % (persona, body)


class LongText(unittest.TestCase):
    def refused(self, src, message):
        for fmt in ("svg", "dot", "png", "pdf"):
            rc, err, exists = render(src, fmt)
            self.assertEqual(rc, 2, err[-2000:])
            self.assertIn(message, err)
            self.assertIn("journey draws at most 5000 lines in one box", err)
            self.assertFalse(exists)

    def test_700_kb_pain(self):
        """The tester's case: Graphviz crashed past 32 768 lines in a label."""
        self.refused(journey('      emotion 1\n      pain "%s"\n' % BIG),
                     "big.journey:5:12: cannot draw the pains of step 'a': it would be 35000 lines tall")

    def test_other_slots(self):
        self.refused('journey "%s" {\n}\n' % BIG, "big.journey:1:9: cannot draw the title: it would be")
        self.refused(journey('      emotion 1\n').replace('step a "A"', 'step a "%s"' % BIG),
                     "big.journey:3:10: cannot draw the title of step 'a'")
        self.refused(journey('      emotion 1\n').replace('stage s "S"', 'stage s "%s"' % BIG),
                     "big.journey:2:9: cannot draw the header of stage 's'")
        self.refused(journey('      emotion p 1\n', '  persona p "%s"\n' % BIG),
                     "big.journey:2:11: cannot draw the legend's name of persona 'p'")
        self.refused('journey "T" {\n  description "%s"\n}\n' % BIG, "big.journey: cannot draw the description")

    def test_many_short_texts_in_one_cell(self):
        self.refused(journey('      pain "x"\n' * 6000),
                     "big.journey:5004:12: cannot draw the pains of step 'a': it would be 6000 lines tall")

    def test_many_lines(self):
        self.refused(journey('      thought "%s"\n' % ("- x\\n" * 100000)),
                     "big.journey:4:15: cannot draw the thoughts of step 'a': it would be 100000 lines tall")

    def test_within_the_limit_is_drawn(self):
        """A 100 000-character word is broken between characters; 4900
        short pains fit."""
        rc, err, _ = render(journey('      emotion 1\n      pain "%s"\n' % ("x" * 100000)))
        self.assertEqual((rc, err), (0, ""))
        rc, err, _ = render(journey('      pain "x"\n' * 4900))
        self.assertEqual((rc, err), (0, ""))
        # The lane left out, the map is drawn.
        rc, err, _ = render(journey('      emotion 1\n      pain "%s"\n' % BIG), "svg", "--lanes", "steps,emotions")
        self.assertEqual((rc, err), (0, ""))


if __name__ == "__main__":
    JOURNEY = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[2:])
