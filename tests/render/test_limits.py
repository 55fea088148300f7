#!/usr/bin/env python3
"""journey render at its limits: a text too long to draw and a map with too
many emotion points are refused with a message naming them (exit status 2),
never a crash; texts just within the limits are drawn.

    test_limits.py JOURNEY [SANITIZED]

SANITIZED (ON in a sanitizer build) skips the tests run under a memory
limit: AddressSanitizer reserves terabytes of address space.
"""
import os
import resource
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import journeytest

JOURNEY = None
SANITIZED = False
BIG = "word " * 140000          # 700 KB: wraps to 35 000 lines in a cell


def render(src, fmt="svg", *extra, memory=None):
    """Renders src (under an address-space limit of `memory` bytes);
    returns (status, stderr, whether the output exists)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "big.journey")
        journeytest.write(path, src)
        out = os.path.join(d, "map." + fmt)
        rc, _, err = journeytest.run(
            JOURNEY, "render", "--color=never", "-W", "no-all", path, "-o", out, *extra, timeout=120, cwd=d,
            preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_AS, (memory, memory))) if memory else None)
        if rc == 0 and fmt == "svg":
            with open(out, "rb") as f:
                ET.fromstring(f.read())
        return rc, err.replace(d + "/", ""), os.path.exists(out)


def svg_lines(test, src, gid, timeout=60):
    """Renders src as SVG to standard output; returns the lines of text of
    the element with id gid."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "map.journey")
        journeytest.write(path, src)
        rc, svg, err = journeytest.run(JOURNEY, "render", "-W", "no-all", path, "-T", "svg", binary=True,
                                       timeout=timeout)
    test.assertEqual((rc, err), (0, ""))
    for g in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g"):
        if g.get("id") == gid:
            return [t.text for t in g.iter("{http://www.w3.org/2000/svg}text")]
    test.fail("no element %s" % gid)


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


class OddText(unittest.TestCase):
    def test_one_odd_text_does_not_squeeze_the_map(self):
        """A letter with many combining accents (Zalgo text), or Cyrillic:
        Graphviz's tables count their bytes as wide letters, which used to
        wrap every text of an SVG narrower (to a sliver); the other cells
        keep their lines."""
        def pains_b(odd):
            return svg_lines(self, 'journey "T" {\n  stage s "S" {\n    step a "A" { emotion 1; pain "%s" }\n'
                             '    step b "B" { emotion 1; pain "Short words here and there and more words to wrap" }\n'
                             '  }\n}\n' % odd, "pains.b")
        plain = pains_b("Plain")
        self.assertEqual(len(plain), 3)
        self.assertEqual(pains_b("Z" + "\u0301\u0308\u0323" * 30 + "algo"), plain)
        self.assertEqual(pains_b("Клиент не может найти правила возврата"), plain)


    def test_300000_accents_on_one_letter_as_png(self):
        """Pango's time grows with the square of a run of combining marks:
        a line holds at most 500 characters, so this takes a second, not
        minutes."""
        rc, err, exists = render(journey('      emotion 1\n      pain "a%s"\n' % ("\u0301" * 300000)), "png")
        self.assertEqual((rc, err, exists), (0, "", True))


def personas_map(personas, steps):
    """A map of PERSONAS x STEPS emotion points, written compactly."""
    out = ['journey "Many personas" {\n']
    out += ['  persona p%d "Persona %d"\n' % (p, p) for p in range(personas)]
    for g in range(0, steps, 10):
        out.append('  stage s%d "Stage %d" {\n' % (g, g))
        for i in range(g, min(g + 10, steps)):
            out.append('    step t%d "Step %d" {\n' % (i, i))
            out += ['      emotion p%d %d\n' % (p, (p + i) % 5 - 2) for p in range(personas)]
            out.append('      pain "Pain %d"\n    }\n' % i)
        out.append('  }\n')
    out.append('}\n')
    return "".join(out)


class ManyPersonas(unittest.TestCase):
    def test_too_many_points(self):
        """Memory grows with every emotion point (800 personas x 800 steps
        needed over 1.3 GB): past 100 000 points the map is refused before
        anything is drawn, and one persona's view or the map without
        emotions is drawn instead."""
        src = personas_map(800, 150)
        rc, err, exists = render(src, memory=None if SANITIZED else 1536 << 20)
        self.assertEqual(rc, 2, err[-2000:])
        self.assertIn("big.journey' has 120000 emotion points to draw (800 personas, 150 steps); journey draws "
                      "at most 100000 in one map: draw one persona's view with --persona ID, or leave the "
                      "emotions out with --lanes", err)
        self.assertFalse(exists)
        for extra in (["--persona", "p799"], ["--lanes", "steps,pains"]):
            rc, err, exists = render(src, "svg", *extra, memory=None if SANITIZED else 1536 << 20)
            self.assertEqual((rc, err), (0, ""))

    def test_many_personas_at_one_score(self):
        """3000 personas at one score with 3000 labels at each step: the
        score labels were gathered in cubic time (minutes); now seconds.
        A label speaks for the personas that gave its text, so each
        persona here has its own, never cut; past 24 at a step, one more
        label says how many others there are."""
        out = ['journey "Crowd" {\n']
        out += ['  persona p%d "P%d"\n' % (p, p) for p in range(3000)]
        out.append('  stage s "S" {\n')
        for i in range(30):
            out.append('    step t%d "T%d" {\n' % (i, i))
            out += ['      emotion p%d 1 "L%d"\n' % (p, p) for p in range(3000)]
            out.append('    }\n')
        out.append('  }\n}\n')
        # A few seconds; the bound only catches a return to minutes (the
        # sanitizers make everything about ten times slower).
        lines = svg_lines(self, "".join(out), "score.p0.t7", timeout=300 if SANITIZED else 60)
        self.assertEqual(lines, ["+1 L0"])
        lines = svg_lines(self, "".join(out), "score.p23.t7", timeout=300 if SANITIZED else 60)
        self.assertEqual(" ".join(lines), "and 2977 more personas' scores here")

    def test_64_personas_1000_steps_in_300_mb(self):
        """64 000 points drawn within 300 MB of address space (they took
        350 MB of memory when each piece of curve was a Graphviz edge)."""
        if SANITIZED:
            self.skipTest("AddressSanitizer cannot run under an address-space limit")
        rc, err, exists = render(personas_map(64, 1000), memory=300 << 20)
        self.assertEqual((rc, err), (0, ""))


if __name__ == "__main__":
    JOURNEY = os.path.abspath(sys.argv[1])
    SANITIZED = len(sys.argv) > 2 and sys.argv[2].upper() in ("ON", "1", "TRUE", "YES")
    del sys.argv[2:]
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[2:])
