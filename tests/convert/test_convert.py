#!/usr/bin/env python3
"""journey convert --from mermaid as a user meets it.

- Each NAME.mmd here, a diagram in Mermaid's documented journey syntax
  (title, sections, tasks with several actors or none, scores, ':' in
  titles, comments, accTitle and accDescr, front matter), converts to
  NAME.journey (golden; JOURNEY_UPDATE_GOLDEN=1 rewrites it); the map is
  in fmt's layout and checks without errors (without warnings when the
  diagram has actors), and `export -f mermaid` gives back an equivalent
  diagram: the same title, sections, tasks, scores and actors (a task
  without actors, in a diagram with some, comes back with all of them:
  the map's step concerns every persona).
- Each errors/NAME.mmd is refused with status 1 and located errors
  (errors/NAME.expected: standard error and the status).

    test_convert.py JOURNEY
"""
import os
import re
import sys
import tempfile
import unittest

import journeytest
from journeytest import read, write

JOURNEY = None
run = None
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".mmd"))
ERRORS = sorted(f[:-4] for f in os.listdir(os.path.join(HERE, "errors")) if f.endswith(".mmd"))


def diagram(text):
    """(title, [(section, [(task, score, actors)])]) of a Mermaid journey,
    read as Mermaid reads it (the cases here need no more)."""
    title, sections = None, []
    lines = text.split("\n")
    if lines[0] == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            if line.startswith("title:"):
                title = line[6:].strip().strip('"')
        lines = lines[end + 1:]
    descr = False
    for raw in lines:
        line = re.split(r"%%|#", raw)[0]
        if descr:
            descr = "}" not in line
            continue
        for st in (s.strip() for s in line.split(";")):
            if not st or st == "journey" or st.startswith("accTitle") or st.startswith("accDescr"):
                descr = st.startswith("accDescr") and "{" in st and "}" not in st
                continue
            if st.startswith("title "):
                title = st[6:].strip()
            elif st.startswith("section "):
                sections.append((st[8:].strip(), []))
            else:
                name, _, data = st.partition(":")
                score, _, actors = data.partition(":")
                if not sections:
                    sections.append(("", []))
                who = []
                for a in actors.split(","):
                    if a.strip() and a.strip() not in who:
                        who.append(a.strip())
                sections[-1][1].append((name.strip(), int(score), who))
    return title, sections


def normal(d, default_title):
    """A diagram as the map can say it: actors as sets, a task without
    actors with every actor when the diagram has some, and tasks the map
    merges into one step (same name, next to each other, actors of their
    own) in the order export writes them."""
    title, sections = d
    everyone = []
    for _, tasks in sections:
        for _, _, who in tasks:
            everyone += [w for w in who if w not in everyone]
    out = []
    for name, tasks in sections:
        # Tasks before any section: a stage without a title, whose id
        # ("stage") export writes as the section's name.
        out.append((name or "stage", [(t, s, sorted(who or everyone)) for t, s, who in tasks]))
    return title or default_title, out


class Golden(unittest.TestCase):
    def test_cases(self):
        for name in CASES:
            with self.subTest(name), tempfile.TemporaryDirectory() as d:
                rc, out, err = run("convert", os.path.join(HERE, name + ".mmd"))
                self.assertEqual((rc, err), (0, ""))
                problem = journeytest.golden(os.path.join(HERE, name + ".journey"), out)
                if problem:
                    self.fail(problem)
                path = os.path.join(d, "map.journey")
                write(path, out.encode())
                self.assertEqual(run("fmt", "--check", path)[0], 0, "in the canonical layout")
                rc, _, err = run("check", path)
                self.assertEqual(rc, 0, err)
                self.assertNotIn("error", err)
                text = read(os.path.join(HERE, name + ".mmd")).decode()
                if normal(diagram(text), name)[1] and any(w for _, ts in diagram(text)[1] for _, _, w in ts):
                    self.assertEqual(err, "", "a diagram with actors gives a map without warnings")

    def test_round_trip_through_export(self):
        for name in CASES:
            with self.subTest(name), tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, name + ".journey")
                self.assertEqual(run("convert", os.path.join(HERE, name + ".mmd"), "-o", path)[0], 0)
                rc, exported, err = run("export", "-f", "mermaid", path)
                self.assertEqual(rc, 0, err)
                original = normal(diagram(read(os.path.join(HERE, name + ".mmd")).decode()), name)
                back = normal(diagram(exported), name)
                # Tasks the map merged come back in export's order: compare
                # each section's tasks as a multiset, and their order by name.
                self.assertEqual(back[0], original[0])
                self.assertEqual([s for s, _ in back[1]], [s for s, _ in original[1]])
                for (_, a), (_, b) in zip(back[1], original[1]):
                    self.assertEqual(sorted(a), sorted(b))
                    self.assertEqual([t for t, _, _ in a], [t for t, _, _ in b])
                # And again: a fixed point.
                mmd = os.path.join(d, "again.mmd")
                write(mmd, exported.encode())
                again = os.path.join(d, "again.journey")
                self.assertEqual(run("convert", mmd, "-o", again)[0], 0)
                self.assertEqual(run("export", "-f", "mermaid", again)[1], exported)

    def test_comments_kept_in_order(self):
        rc, out, _ = run("convert", os.path.join(HERE, "colons-and-comments.mmd"))
        self.assertEqual(re.findall(r"# (.*)", out), ["The onboarding of a new customer.", "Written for the team wiki.",
                                                       "Day one", "the mail is slow", "the end"])


class Errors(unittest.TestCase):
    def test_cases(self):
        for name in ERRORS:
            with self.subTest(name):
                rc, out, err = run("convert", name + ".mmd", cwd=os.path.join(HERE, "errors"))
                self.assertEqual(out, "")
                self.assertEqual(rc, 1)
                self.assertRegex(err, r"^%s\.mmd:\d+:\d+: error: " % re.escape(name))
                problem = journeytest.golden(os.path.join(HERE, "errors", name + ".expected"),
                                             err + "exit: %d\n" % rc)
                if problem:
                    self.fail(problem)


class Hostile(unittest.TestCase):
    def test_mutations_never_crash_and_convert_to_maps_that_check(self):
        """Every case cut, spliced and sprinkled with the syntax's own
        characters: status 0 with a map that parses and checks without
        errors, or 1 with located errors, never anything else."""
        import random
        rng = random.Random(18)
        pieces = [b":", b",", b";", b"%%", b"#", b"\n", b"section ", b"title ", b"journey\n", b" ", b"5",
                  b"accDescr {", b"}", b"---\n", b"\xc3\xa9", b"\xff", b"\t", b"\r\n", b"0", b"12", b"\x00"]
        texts = [read(os.path.join(HERE, n + ".mmd")) for n in CASES]
        with tempfile.TemporaryDirectory() as d:
            for i in range(150):
                t = bytearray(rng.choice(texts))
                for _ in range(rng.randint(1, 6)):
                    at = rng.randint(0, len(t))
                    if rng.random() < 0.3:
                        del t[at:at + rng.randint(1, 20)]
                    else:
                        t[at:at] = rng.choice(pieces)
                rc, out, err = run("convert", "--from", "mermaid", "-", stdin=bytes(t))
                self.assertIn(rc, (0, 1), (bytes(t), err))
                if rc == 1:
                    self.assertRegex(err, r"^<stdin>:\d+:\d+: error: ")
                    self.assertEqual(out, "")
                    continue
                path = os.path.join(d, "m.journey")
                write(path, out.encode())
                rc, _, err = run("check", "--max-errors=0", path)
                self.assertEqual(rc, 0, (bytes(t), out, err))


class CommandLine(unittest.TestCase):
    def test_standard_input_output_file_and_usage(self):
        text = read(os.path.join(HERE, "working-day.mmd"))
        rc, out, err = run("convert", "--from", "mermaid", "-", stdin=text)
        self.assertEqual((rc, err), (0, ""))
        self.assertIn('journey "My working day" {', out)
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "day.mmd")
            write(src, text)
            self.assertEqual(run("convert", src, "-o", os.path.join(d, "day.journey"))[:2], (0, ""))
            self.assertEqual(read(os.path.join(d, "day.journey")).decode(), out)
            rc, _, err = run("convert", "--from", "mermaid", src, "-o", src)
            self.assertEqual(rc, 2, "never over its input")
            self.assertEqual(read(src), text)
            # A failed conversion leaves an existing output alone.
            bad = os.path.join(d, "bad.mmd")
            write(bad, b"journey\n  oops\n")
            self.assertEqual(run("convert", bad, "-o", os.path.join(d, "day.journey"))[0], 1)
            self.assertEqual(read(os.path.join(d, "day.journey")).decode(), out)
        rc, _, err = run("convert", "map.txt")
        self.assertEqual(rc, 2)
        self.assertIn("--from mermaid", err)
        rc, _, err = run("convert", "--from", "mermiad", "x.mmd")
        self.assertIn("did you mean 'mermaid'?", err)
        self.assertEqual(run("convert", "missing.mmd")[0], 2)
        rc, out, _ = run("help", "convert")
        self.assertEqual(rc, 0)
        self.assertIn("--from FORMAT", out)

    def test_no_title_takes_the_file_name(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "checkout-flow.mmd")
            write(path, b"journey\n  section S\n    Pays: 3: Me\n")
            self.assertIn('journey "checkout-flow" {', run("convert", path)[1])


if __name__ == "__main__":
    JOURNEY = os.path.abspath(sys.argv[1])
    run = journeytest.runner(JOURNEY, timeout=60)
    unittest.main(argv=[sys.argv[0], "-v"])
