#!/usr/bin/env python3
"""journey render on long and odd text: seeded random maps with such text in
every slot the renderer draws (titles, names, cells, labels, goals...),
each drawn as SVG and as DOT.  Every run must end by itself with status 0,
1 or 2 (a limit), never a signal or a sanitizer report, and every SVG must
be well-formed XML.

    test_fuzz.py JOURNEY [MAPS]

The seed is fixed, so a failure is repeatable; the failing map is printed.
"""
import os
import random
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import journeytest

JOURNEY = None
MAPS = 36
SEED = 20261130

# Pieces of odd text.  (C0 control characters, noncharacters such as
# U+FFFF and surrogates are left out: a map cannot hold them, so a map with
# one would be refused by the checker and draw nothing; tests/security
# checks that refusal and every writer's escaping of them.)
PIECES = [
    "word", "Zürich", "naïve", "\u00a0", "\u200b", "\u200d", "\u2060", "\ufeff", "\u2028",
    "顧客が支払い", "고객", "カタカナ", "\u4e00" * 40,
    "e\u0301", "a" + "\u0301\u0308\u0323" * 20, "\u0915\u094d\u0937",
    "שלום עולם", "مرحبا بالعالم", "\u202eevil\u202c", "\u200f",
    "😀", "👩‍👩‍👧‍👦", "🇳🇱", "👍🏽", "\U0001f9d1\u200d\U0001f4bb",
    "\\", "\\\\", "\\N", "\\G", "\\l", "\\n", "&", "&amp;", "&#x41;", "&#65;", "&lt;", "&nbsp;", "&;",
    "<script>", "]]>", "<!--", '"', "'", "{", "}", "%", "%s", "#", "\t", "\n", "\n\n", "\n- ", "• ",
    "https://example.com/" + "a" * 300,
]


def odd_text(rng):
    """A string of random pieces, sometimes very long."""
    kind = rng.random()
    if kind < 0.01:   # past the limit of a box: 700 KB of words, or 6000 items
        return rng.choice(["word " * 140000, "- x\n" * 6000])
    if kind < 0.08:
        return rng.choice(["x", "W", "顧", "\u0301", "😀", "&", "\\"]) * rng.randrange(1000, 30000)
    if kind < 0.14:
        return "\n".join(rng.choice(PIECES) for _ in range(rng.randrange(100, 2000)))
    parts = []
    for _ in range(rng.randrange(1, 40)):
        parts.append(rng.choice(PIECES))
        parts.append(rng.choice([" ", "", " ", "\n", "  "]))
    return "".join(parts)


def quote(s):
    """s as a journey string literal (escapes for what the syntax needs)."""
    out = ['"']
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif ord(c) < 0x20 or c in "\u2028\u2029":
            out.append("\\u{%X}" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def random_map(rng):
    t = lambda: quote(odd_text(rng))
    personas = rng.randrange(0, 4)
    out = ["journey %s {\n" % t(), "  description %s\n" % t(), "  scale -2..2\n"]
    for p in range(personas):
        out.append("  persona p%d %s {\n    goal %s\n  }\n" % (p, t(), t()))
    out.append("  channel web %s\n  team ops %s\n" % (t(), t()))
    out.append('  kpi k %s { unit %s; target 5; better higher }\n' % (t(), t()))
    for g in range(rng.randrange(1, 3)):
        out.append("  stage s%d %s {\n    goal %s\n" % (g, t(), t()))
        for i in range(rng.randrange(1, 4)):
            out.append("    step t%d_%d %s {\n" % (g, i, t()))
            out.append("      touchpoint web %s\n      owner ops\n" % t())
            if personas:
                for p in range(personas):
                    out.append("      emotion p%d %d %s\n" % (p, rng.randrange(-2, 3), t()))
            else:
                out.append("      emotion %d %s\n" % (rng.randrange(-2, 3), t()))
            for slot in ("thought", "pain", "opportunity", "frontstage", "backstage", "support"):
                out.append("      %s %s\n" % (slot, t()))
            out.append("      metric k %d\n" % rng.randrange(0, 10))
            out.append("      evidence interview %s\n" % t())
            out.append("    }\n")
        out.append("  }\n")
    out.append("}\n")
    return "".join(out)


class Fuzz(unittest.TestCase):
    def test_odd_text_everywhere(self):
        rng = random.Random(SEED)
        counts = {0: 0, 1: 0, 2: 0}
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "fuzz.journey")
            for n in range(MAPS):
                src = random_map(rng)
                journeytest.write(path, src)
                for fmt in ("svg", "dot"):
                    out = os.path.join(d, "map." + fmt)
                    if os.path.exists(out):
                        os.unlink(out)
                    rc, _, err = journeytest.run(JOURNEY, "render", "--color=never", "-W", "no-all", path, "-o", out,
                                                 timeout=120)
                    where = "map %d (seed %d) as %s:\n%s\n%s" % (n, SEED, fmt, err[-3000:], src[:3000])
                    self.assertIn(rc, (0, 1, 2), where)
                    self.assertNotIn("Sanitizer", err, where)
                    self.assertNotIn("runtime error:", err, where)
                    counts[rc] += 1
                    if rc != 0:
                        self.assertFalse(os.path.exists(out), where)
                        continue
                    with open(out, "rb") as f:
                        data = f.read()
                    if fmt == "svg":
                        try:
                            ET.fromstring(data)
                        except ET.ParseError as e:
                            self.fail("%s\nnot well-formed: %s" % (where, e))
                    else:
                        self.assertTrue(data.startswith(b"digraph journey {"), where)
        # The seed draws maps of both kinds: drawn, and refused at a limit.
        self.assertGreater(counts[0], MAPS)
        self.assertGreater(counts[2], 0)


if __name__ == "__main__":
    JOURNEY = os.path.abspath(sys.argv[1])
    if len(sys.argv) > 2:
        MAPS = int(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
