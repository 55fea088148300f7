#!/usr/bin/env python3
"""Hostile input: every run must end by itself, quickly, with exit status 1
and a diagnostic (or 0 for input that happens to be valid) -- never a crash,
a hang, or an out-of-memory kill.   test_hostile.py JOURNEY EXAMPLES_DIR"""
import os
import random
import sys
import tempfile
import unittest

import journeytest

JOURNEY = EXAMPLES = None
LIMIT = 30  # seconds; every case here takes well under one
run = None  # journeytest.runner(JOURNEY, timeout=LIMIT), once JOURNEY is known


def check(data, *args, cwd=None, name="hostile.journey"):
    """Writes data to a file and checks it; returns (rc, stderr)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(cwd or d, name)
        journeytest.write(path, data)
        rc, _, err = run("check", "--color=never", *args, name if cwd else path, cwd=cwd or d)
        if cwd:
            os.unlink(path)
        return rc, err


class Hostile(unittest.TestCase):
    def assertDiagnosed(self, data, *args, expect=None, **kw):
        rc, err = check(data, *args, **kw)
        self.assertEqual(rc, 1, err[:2000])
        self.assertIn(": error: ", err)
        if expect:
            self.assertIn(expect, err)
        return err

    def test_nul_bytes(self):
        self.assertDiagnosed(b'journey "J" {\x00\n}\n', expect="1:14: error: a NUL byte in the text")
        self.assertDiagnosed(b'journey "J\x00K" {\n}\n', expect="1:11: error: a NUL byte in the text")
        self.assertDiagnosed(b"\x00" * 100000, expect="NUL bytes in the text")

    def test_invalid_utf8(self):
        self.assertDiagnosed(b'journey "caf\xe9" {\n}\n', expect="1:13: error: invalid UTF-8 byte 0xE9 in string")
        self.assertDiagnosed(b'# \xff\xfe\njourney "J" {\n}\n', expect="1:3: error: invalid UTF-8 byte 0xFF in comment")
        self.assertDiagnosed(b'journey "J" {\n  \xc0\xaf\n}\n', expect="2:3: error: invalid UTF-8 byte 0xC0")
        self.assertDiagnosed(b'journey "\xed\xa0\x80" {\n}\n', expect="invalid UTF-8 byte 0xED")

    def test_five_megabyte_lines(self):
        big = 5 * 1024 * 1024
        self.assertDiagnosed(b"a" * big + b"\n", expect="unknown statement")
        self.assertDiagnosed(b'journey "' + b"x" * big + b'" {\n}\n', expect="string longer than 1 MiB")
        self.assertDiagnosed(b"# " + b"x" * big + b"\njourney 5\n")
        self.assertDiagnosed(b"9" * big + b"\n", expect="number too large")
        self.assertDiagnosed(b'"' * big + b"\n")
        self.assertDiagnosed(b"\\" * big + b"\n")

    def test_dates(self):
        def journey(line):
            return ('journey "J" {\n  %s\n  persona anna "Anna"\n  stage s "S" { step a "A" { emotion 1 } }\n}\n'
                    % line).encode()
        self.assertDiagnosed(journey("reviewed 9999-99-99"), expect="2:17: error: there is no month 99")
        self.assertDiagnosed(journey("reviewed 0000-01-01"), expect="2:12: error: there is no year 0000")
        self.assertDiagnosed(journey("reviewed 2026-1-1"), expect="'2026-1-1' is not a date")
        self.assertDiagnosed(journey("next-review 2026-02-30"), expect="there is no day 30 in February 2026")
        self.assertDiagnosed(journey("reviewed " + "9" * 100000 + "-01-01"),
                             expect="'9999999999999999999999999999999999999999...' is not a date")
        self.assertDiagnosed(journey("reviewed 1-" + "2" * 5000000 + "-3"), expect="is not a date")
        self.assertDiagnosed(journey("reviewed " + "2026-01-01-" * 100000), expect="error: ")
        self.assertDiagnosed(journey("reviewed -2026-01-01"), expect="found the number -2026")
        self.assertDiagnosed(journey("reviewed 2026-01-01T10:00"))
        self.assertDiagnosed(journey("reviewed \"2026-01-01\""), expect="expected a date such as 2026-01-31")
        # Dates in the wrong place.
        self.assertDiagnosed(journey("scale 2026-01-01"), expect="found the date 2026-01-01")
        self.assertDiagnosed(b"2026-01-01\n", expect="1:1: error: ")
        self.assertDiagnosed(journey("description 2026-01-01"), expect="expected a string after 'description'")
        self.assertDiagnosed(journey("owner 2026-01-01"), expect="expected a name after 'owner'")
        self.assertDiagnosed(b'journey "J" {\n  stage s "S" { step a "A" { emotion 1; reviewed 2026-01-01 } }\n}\n',
                             expect="'reviewed' cannot appear in a step")

    def test_items_and_blueprint_entries(self):
        def step(body, head=""):
            return ('journey "J" {\n  persona anna "Anna"\n  team ops "Ops"\n%s  stage s "S" {\n'
                    '    step a "A" {\n      emotion 1\n%s\n    }\n  }\n}\n' % (head, body)).encode()

        def ok(data, *args):
            rc, err = check(data, *args)
            self.assertEqual(rc, 0, err[:2000])

        n = 100000
        # Long lists: each name once, in time linear in the names.
        pains = "".join('      pain p%d "P%d"\n' % (i, i) for i in range(n))
        ok(step(pains + "      opportunity o \"O\" { solves " + ", ".join("p%d" % i for i in range(n)) + " }"))
        ok(step('      pain p "P"\n      opportunity o "O" { solves ' + ", ".join(["p"] * n) + " }"))
        ok(step('      pain p "P" { persona ' + ", ".join(["anna"] * n) + "; tag " +
                ", ".join("t%d" % (i % 1000) for i in range(n)) + " }"))
        ok(step("".join('      opportunity o%d "O" { solves p }\n' % i for i in range(n // 10)) +
                '      pain p "P" { severity critical }'))
        # Many unknown names stop at the error limit.
        err = self.assertDiagnosed(step('      opportunity o "O" { solves ' + ", ".join("x%d" % i for i in range(n)) + " }"))
        self.assertEqual(err.count(": error: "), 20)
        self.assertDiagnosed(step('      pain p "P" { persona ' + ", ".join("x%d" % i for i in range(n)) + " }"),
                             expect="unknown persona 'x0'")
        self.assertDiagnosed(step("".join('      thought t "T%d"\n' % i for i in range(n))),
                             expect="id 't' is already used by a thought")
        # Blocks and values in the wrong place or shape.
        self.assertDiagnosed(step('      pain p "P" { severity "high" }'), expect="expected a name after 'severity'")
        self.assertDiagnosed(step('      pain p "P" { severity high high }'), expect="error: ")
        self.assertDiagnosed(step('      pain p { severity high }'), expect="error: ")
        self.assertDiagnosed(step('      pain "P" "Q" { }'), expect="error: ")
        self.assertDiagnosed(step('      backstage b "B" { owner ops }'), expect="error: ")
        self.assertDiagnosed(step('      support "S" { owner ops; owner ops; tag a }'),
                             expect="'owner' may appear only once in a support process")
        self.assertDiagnosed(step('      pain p "P" { pain q "Q" { severity low } }'), expect="'pain' cannot appear in a pain")
        self.assertDiagnosed(step('      opportunity o "O" { solves }'), expect="expected a name after 'solves'")
        self.assertDiagnosed(step('      opportunity o "O" { solves p,, q }'), expect="error: ")
        self.assertDiagnosed(step('      opportunity o "O" { status ' + "x" * 1000000 + " }"), expect="unknown status")
        self.assertDiagnosed(step('      pain p "P" {' + " severity low;" * n + " }"),
                             expect="'severity' may appear only once in a pain")
        self.assertDiagnosed(step("", head='  severity high\n'), expect="'severity' cannot appear in a journey")

    def test_deep_nesting(self):
        self.assertDiagnosed(b"{" * 200000, expect="blocks nested more than 16 deep")
        self.assertDiagnosed(b"}" * 200000, expect="'}' without a matching '{'")
        nested = b'journey "J" {\n' + b'stage "S" {\n' * 100000
        self.assertDiagnosed(nested, expect="blocks nested more than 16 deep")
        self.assertDiagnosed(b'"""' + b"x" * 100000)

    def test_import_of_directory_and_device(self):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "lib.journey"))
            self.assertDiagnosed(b'import "lib.journey"\n', cwd=d,
                                 expect="1:8: error: cannot import 'lib.journey': is a directory")
        self.assertDiagnosed(b'import "/dev/zero"\n', expect="cannot import '/dev/zero': not a regular file")
        self.assertDiagnosed(b'import "/dev/stdin"\n', expect="not a regular file")

    def test_images_and_baselines_that_are_not_files(self):
        """An image is only stat()ed and a baseline read only when it is a
        regular file: a FIFO (which would block an open) or a device is an
        error at the path, at once."""
        def journey(lines, state="to-be"):
            return ('journey "J" {\n  state %s\n%s\n  persona anna "Anna"\n'
                    '  stage s "S" { step a "A" { emotion 1 } }\n}\n' % (state, lines)).encode()
        with tempfile.TemporaryDirectory() as d:
            os.mkfifo(os.path.join(d, "fifo.png"))
            os.mkfifo(os.path.join(d, "fifo.journey"))
            os.symlink("loop.png", os.path.join(d, "loop.png"))
            self.assertDiagnosed(journey('  persona ben "Ben" { image "fifo.png" }'), cwd=d,
                                 expect="image 'fifo.png' is not a regular file (it is a FIFO)")
            self.assertDiagnosed(journey('  baseline "fifo.journey"'), cwd=d,
                                 expect="cannot read baseline 'fifo.journey': not a regular file")
            self.assertDiagnosed(journey('  persona ben "Ben" { image "loop.png" }'), cwd=d,
                                 expect="cannot look for image")
            self.assertDiagnosed(journey('  persona ben "Ben" { image "%s/fifo.png" }' % d),
                                 expect="(it is a FIFO)")
        self.assertDiagnosed(journey('  persona ben "Ben" { image "/dev/zero" }'),
                             expect="image '/dev/zero' is not a regular file (it is a character device)")
        self.assertDiagnosed(journey('  baseline "/dev/zero"'), expect="cannot read baseline '/dev/zero'")
        self.assertDiagnosed(journey('  baseline "/dev/stdin"'), expect="not a regular file")
        self.assertDiagnosed(journey('  baseline "/etc/passwd"'), expect="is not a journey map")
        self.assertDiagnosed(journey('  persona ben "Ben" { image "%s.png" }' % ("../" * 5000)),
                             expect="error: ")
        self.assertDiagnosed(journey('  persona ben "Ben" { image "' + "x" * (2 << 20) + '.png" }'),
                             expect="string longer than 1 MiB")
        err = self.assertDiagnosed(journey('  baseline "/etc/passwd"'))
        self.assertNotIn("root:", err)   # a file that is not a map is never quoted

    def test_baselines_that_name_each_other(self):
        """A baseline's own baseline is not followed: two maps naming each
        other end at once."""
        with tempfile.TemporaryDirectory() as d:
            journeytest.write(os.path.join(d, "b.journey"),
                              'journey "B" {\n  state as-is\n  baseline "a.journey"\n  persona anna "Anna"\n'
                              '  stage s "S" { step a "A" { emotion 1 } }\n}\n')
            rc, err = check(b'journey "A" {\n  state to-be\n  baseline "b.journey"\n  persona anna "Anna"\n'
                            b'  stage s "S" { step a "A" { emotion 1 } }\n}\n', cwd=d, name="a.journey")
            self.assertEqual(rc, 0, err)

    def test_long_import_chain(self):
        with tempfile.TemporaryDirectory() as d:
            for i in range(60):
                with open(os.path.join(d, "l%d.journey" % i), "w") as f:
                    f.write('import "l%d.journey"\n' % (i + 1))
            journeytest.write(os.path.join(d, "l60.journey"), 'team t "T"\n')
            self.assertDiagnosed(b'import "l0.journey"\n', cwd=d, expect="imports nested more than 32 deep")

    def test_self_import(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertDiagnosed(b'import "self.journey"\n', cwd=d, name="self.journey",
                                 expect="import cycle: self.journey -> self.journey")

    def test_largest_file(self):
        """Past 256 MiB a file is refused at once, named on the command
        line (exit 2), imported (a diagnostic at the import), or piped."""
        with tempfile.TemporaryDirectory() as d:
            big = os.path.join(d, "big.journey")
            with open(big, "wb") as f:
                f.truncate(256 * 1024 * 1024 + 1)      # sparse: costs no disk
            rc, _, err = run("check", big)
            self.assertEqual(rc, 2)
            self.assertIn("file too large (the limit is 256 MiB)", err)
            self.assertDiagnosed(b'import "big.journey"\n', cwd=d,
                                 expect="1:8: error: cannot import 'big.journey': file too large (the limit is 256 MiB)")
            with open(big, "rb") as f:
                rc, _, err = run("check", "-", stdin=f)
            self.assertEqual(rc, 2)
            self.assertIn("file too large", err)

    def test_render_step_limit(self):
        with tempfile.TemporaryDirectory() as d:
            path = journeytest.generated_map(os.path.join(d, "huge.journey"), 20001)
            rc, _, err = run("render", path, "-o", os.path.join(d, "map.svg"))
            self.assertEqual(rc, 2)
            self.assertIn("has 20001 steps; journey draws at most 20000", err)
            self.assertFalse(os.path.exists(os.path.join(d, "map.svg")))

    def test_many_errors_stop(self):
        err = self.assertDiagnosed(b"@\n" * 1000000)
        self.assertEqual(err.count(": error: "), 20)

    def test_truncations_of_examples(self):
        """Every 7th prefix of each example through the command (the unit
        test covers every prefix in-process)."""
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".journey"):
                continue
            with open(os.path.join(EXAMPLES, name), "rb") as f:
                text = f.read()
            for cut in range(0, len(text), 7):
                rc, err = check(text[:cut], "-I", EXAMPLES)
                self.assertIn(rc, (0, 1), err)
                if rc == 1:
                    self.assertIn(": error: ", err)

    def test_every_command_on_mutations(self):
        """Seeded mutations through render, report, export, fmt and diff:
        each ends by itself with 0, 1 (errors) or nothing worse."""
        rng = random.Random(20261123)
        sources = example_sources()
        with tempfile.TemporaryDirectory() as d:
            for i in range(40):
                base = rng.choice(sources)
                path = os.path.join(d, "m.journey")
                orig = os.path.join(d, "o.journey")
                journeytest.write(path, mutate(rng, base, 6))
                journeytest.write(orig, base)
                for args in (["render", path, "-T", "svg"], ["report", path, "--kind", "summary"],
                             ["export", path, "-f", "json"], ["export", path, "-f", "mermaid"],
                             ["fmt", path], ["diff", orig, path]):
                    rc, _, err = run(*args, *["-I", EXAMPLES] * (args[0] != "fmt"), binary=True, cwd=d)
                    self.assertIn(rc, (0, 1), "%s on mutation %d:\n%s" % (args[0], i, err[:2000]))

    def test_random_mutations(self):
        """Seeded byte-level mutations of the examples."""
        rng = random.Random(20261122)
        sources = example_sources()
        for i in range(300):
            rc, err = check(mutate(rng, rng.choice(sources), 20), "-I", EXAMPLES)
            self.assertIn(rc, (0, 1), "mutation %d crashed:\n%s" % (i, err[:2000]))
            if rc == 1:
                self.assertIn(": error: ", err)


def example_sources():
    sources = []
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".journey"):
            with open(os.path.join(EXAMPLES, name), "rb") as f:
                sources.append(f.read())
    return sources


def mutate(rng, text, most):
    """Up to `most` edits: cut a run, insert characters that matter to the
    scanner, or copy a piece of the text elsewhere."""
    alphabet = b'{}";\n#\\ \t,.%-+0123456789aZ_\x00\xff\xc3"""'
    data = bytearray(text)
    for _ in range(rng.randint(1, most)):
        op = rng.randrange(3)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and len(data) > 1:
            del data[pos:pos + rng.randint(1, 40)]
        elif op == 1:
            data[pos:pos] = bytes(rng.choice(alphabet) for _ in range(rng.randint(1, 5)))
        else:
            data[pos:pos] = data[rng.randrange(len(data)):][:rng.randint(1, 200)]
    return bytes(data)

if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=LIMIT)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
