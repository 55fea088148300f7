#!/usr/bin/env python3
"""journey fmt as a user meets it: the canonical layout of messy files
(golden files), idempotence and an unchanged model on every example and
every messy file, --check, -w, standard input, files that cannot be
formatted.

    test_fmt.py JOURNEY EXAMPLES_DIR

Golden files: tests/fmt/NAME.journey is formatted and compared with
NAME.expected.  Set JOURNEY_UPDATE_GOLDEN=1 to rewrite the expected files
from the actual output (then review the diff).
"""
import json
import os
import random
import shutil
import stat
import sys
import tempfile
import time
import unittest

import journeytest
from journeytest import read, write

JOURNEY = EXAMPLES = None
run = None  # journeytest.runner(JOURNEY, binary=True, timeout=120), once JOURNEY is known
HERE = os.path.dirname(os.path.abspath(__file__))
MESSY = sorted(f for f in os.listdir(HERE) if f.endswith(".journey"))
# Messy files that check clean, so their models can be compared.
CHECKED = ["messy-layout.journey", "messy-strings.journey", "messy-review.journey",
           "messy-moment.journey", "messy-items.journey",
           "messy-baseline.journey"]


def fmt_text(text, cwd=None):
    rc, out, err = run("fmt", "-", stdin=text, cwd=cwd)
    if rc != 0:
        raise AssertionError("fmt failed (%d): %s" % (rc, err))
    return out


def strip_locations(v):
    """The model without source locations (and without the file name)."""
    if isinstance(v, dict):
        return {k: strip_locations(x) for k, x in v.items() if k not in ("loc", "source")}
    if isinstance(v, list):
        return [strip_locations(x) for x in v]
    return v


def model(path):
    rc, out, err = run("export", "-f", "json", path)
    if rc != 0:
        raise AssertionError("export of %s failed: %s" % (path, err))
    return strip_locations(json.loads(out))


def copy_examples(d):
    for name in os.listdir(EXAMPLES):
        if name.endswith(".journey"):
            shutil.copy(os.path.join(EXAMPLES, name), os.path.join(d, name))
        elif os.path.isdir(os.path.join(EXAMPLES, name)):   # images a map names
            shutil.copytree(os.path.join(EXAMPLES, name), os.path.join(d, name))


def variants(data):
    """The same file with other line ends and a byte order mark."""
    crlf = data.replace(b"\n", b"\r\n")
    return {"crlf": crlf, "bom": b"\xef\xbb\xbf" + data, "bom+crlf": b"\xef\xbb\xbf" + crlf}


class Golden(unittest.TestCase):
    def test_messy_files(self):
        self.assertIn("messy-layout.journey", MESSY)
        for name in MESSY:
            with self.subTest(name):
                rc, out, err = run("fmt", name, cwd=HERE)
                self.assertEqual((rc, err), (0, ""))
                problem = journeytest.golden(os.path.join(HERE, name[: -len(".journey")] + ".expected"),
                                             out.decode("utf-8"))
                if problem:
                    self.fail(problem)

    def test_golden_files_are_canonical(self):
        for name in MESSY:
            expected = read(os.path.join(HERE, name[: -len(".journey")] + ".expected"))
            with self.subTest(name):
                self.assertEqual(fmt_text(expected), expected)
                self.assertNotEqual(read(os.path.join(HERE, name)), expected, "a messy file must be messy")

    def test_line_ends_and_byte_order_mark(self):
        for name in MESSY:
            data = read(os.path.join(HERE, name))
            expected = fmt_text(data)
            for kind, text in variants(data).items():
                with self.subTest(name, variant=kind):
                    self.assertEqual(fmt_text(text), expected)

    def test_tabs_and_trailing_blanks(self):
        # Only outside long texts: there indentation and blanks are text.
        data = read(os.path.join(HERE, "messy-layout.journey"))
        expected = fmt_text(data)
        lines = data.split(b"\n")
        tabbed = b"\n".join(b"\t" * ((len(l) - len(l.lstrip(b" "))) // 2) + l.lstrip(b" ") for l in lines)
        trailing = b"\n".join(l + b" \t " if l.strip() else l for l in lines)
        self.assertEqual(fmt_text(tabbed), expected)
        self.assertEqual(fmt_text(trailing), expected)


class Lossless(unittest.TestCase):
    def check_file(self, d, name):
        path = os.path.join(d, name)
        before = model(path)
        formatted = fmt_text(read(path), cwd=d)
        self.assertEqual(fmt_text(formatted, cwd=d), formatted, "not idempotent")
        out = os.path.join(d, "formatted-" + name)
        write(out, formatted)
        self.assertEqual(model(out), before, "the model changed")

    def test_examples(self):
        with tempfile.TemporaryDirectory() as d:
            copy_examples(d)
            names = sorted(n for n in os.listdir(d) if n.endswith(".journey"))
            self.assertGreaterEqual(len(names), 5)
            for name in names:
                with self.subTest(name):
                    self.check_file(d, name)

    def test_messy_files(self):
        with tempfile.TemporaryDirectory() as d:
            for sub in ("baseline", "img"):   # what messy-baseline names
                shutil.copytree(os.path.join(HERE, sub), os.path.join(d, sub))
            for name in CHECKED:
                shutil.copy(os.path.join(HERE, name), d)
                with self.subTest(name):
                    self.check_file(d, name)
            for name in MESSY:
                with self.subTest(name, check="idempotent"):
                    once = fmt_text(read(os.path.join(HERE, name)))
                    self.assertEqual(fmt_text(once), once)

    def test_state_words_kept(self):
        # as-is and to-be stay as written: fmt never turns them into current and future.
        with tempfile.TemporaryDirectory() as d:
            for word in ("as-is", "to-be"):
                with self.subTest(word):
                    name = word + ".journey"
                    write(os.path.join(d, name),
                          ('journey "J" {   state   %s # the word\n persona p "P"\n'
                           ' stage s "S" { step a "A" { emotion 1 } } }\n' % word).encode())
                    self.check_file(d, name)
                    self.assertIn("\n  state %s  # the word\n" % word, fmt_text(read(os.path.join(d, name))).decode())
                    self.assertEqual(model(os.path.join(d, name))["journey"]["state_word"], word)

    def test_random_texts(self):
        """Texts of every kind, written with escapes, come back exactly."""
        rnd = random.Random(20261123)
        alphabet = ["a", "b", " ", " ", "  ", "\n", "\n", "\t", '"', '""', '"""', "\\", "#", "{", "}", ";",
                    "é", "€", "😀", "\u00a0", "\u200b", "\u202e", "\u2028", "\r"]
        texts = []
        for _ in range(400):
            texts.append("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))))
        texts += ["\n", "\n\n", " \n ", "  x\n  y", "x  \n", '"""', "\\n", "\t\n\t"]

        def quote(t):
            out = []
            for ch in t:
                if ch in '"\\':
                    out.append("\\" + ch)
                elif ch == "\n":
                    out.append("\\n")
                elif ch == "\t":
                    out.append("\\t")
                elif ord(ch) < 0x20 or ord(ch) == 0x7F:
                    out.append("\\u{%x}" % ord(ch))
                else:
                    out.append(ch)
            return '"' + "".join(out) + '"'

        body = "".join("      note %s\n" % quote(t) for t in texts)
        src = 'journey "J" {\n  stage s "S" {\n    step a "A" {\n      emotion 0\n%s    }\n  }\n}\n' % body
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "texts.journey")
            write(path, src.encode("utf-8"))
            notes = [n["text"] for n in model(path)["stages"][0]["steps"][0]["notes"]]
            self.assertEqual(notes, texts)
            write(path, fmt_text(src.encode("utf-8")))
            notes = [n["text"] for n in model(path)["stages"][0]["steps"][0]["notes"]]
            self.assertEqual(notes, texts)
            once = read(path)
            self.assertEqual(fmt_text(once), once)
            self.assertIn(b'"""', once)


class Robustness(unittest.TestCase):
    """Damaged maps: fmt formats them or refuses (status 1), never fails
    otherwise, and what it writes is canonical."""

    def test_truncations_and_mutations(self):
        rnd = random.Random(7)
        sources = [read(os.path.join(EXAMPLES, n)) for n in sorted(os.listdir(EXAMPLES)) if n.endswith(".journey")]
        sources += [read(os.path.join(HERE, n)) for n in MESSY]
        cases = []
        for data in sources:
            for _ in range(12):
                cases.append(data[: rnd.randint(0, len(data))])
            for _ in range(12):
                b = bytearray(data)
                for _ in range(rnd.randint(1, 4)):
                    i = rnd.randrange(len(b))
                    b[i:i + rnd.randint(0, 3)] = bytes(rnd.choice(b'{};"#\n\t +-.%x') for _ in range(rnd.randint(0, 2)))
                cases.append(bytes(b))
        formatted = 0
        for text in cases:
            rc, out, err = run("fmt", "-", stdin=text)
            self.assertIn(rc, (0, 1), err)
            if rc == 0:
                formatted += 1
                self.assertEqual(fmt_text(out), out)
            else:
                self.assertEqual(out, b"")
                self.assertIn("error:", err)
        self.assertGreater(formatted, 10)


class Check(unittest.TestCase):
    def test_canonical_file_passes(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "ok.journey")
            write(path, read(os.path.join(HERE, "messy-layout.expected")))
            rc, out, err = run("fmt", "--check", path)
            self.assertEqual((rc, out, err), (0, b"", ""))

    def test_lists_files_that_would_change(self):
        with tempfile.TemporaryDirectory() as d:
            ok = os.path.join(d, "ok.journey")
            messy = os.path.join(d, "messy.journey")
            write(ok, read(os.path.join(HERE, "messy-layout.expected")))
            original = read(os.path.join(HERE, "messy-layout.journey"))
            write(messy, original)
            before = os.stat(messy)
            rc, out, err = run("fmt", "--check", ok, messy)
            self.assertEqual((rc, out.decode(), err), (1, messy + "\n", ""))
            self.assertEqual(read(messy), original)
            self.assertEqual(os.stat(messy).st_mtime_ns, before.st_mtime_ns)


class Write(unittest.TestCase):
    def test_rewrites_in_place(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            write(path, read(os.path.join(HERE, "messy-layout.journey")))
            os.chmod(path, 0o640)
            rc, out, err = run("fmt", "-w", path)
            self.assertEqual((rc, out, err), (0, b"", ""))
            self.assertEqual(read(path), read(os.path.join(HERE, "messy-layout.expected")))
            self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o640)
            self.assertEqual(os.listdir(d), ["map.journey"], "no temporary file left")

    def test_canonical_file_untouched(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            write(path, read(os.path.join(HERE, "messy-layout.expected")))
            past = time.time() - 3600
            os.utime(path, (past, past))
            before = os.stat(path)
            rc, out, err = run("fmt", "-w", path)
            self.assertEqual((rc, out, err), (0, b"", ""))
            after = os.stat(path)
            self.assertEqual((after.st_ino, after.st_mtime_ns), (before.st_ino, before.st_mtime_ns))

    def test_syntax_error_untouched(self):
        bad = b'journey "J" {\n  stage s "S" {\n    step a "A" { emotion 1 }}\n  }\n  step\n}\n'
        bad_string = b'journey "J" {\n  description "bad \\q escape"\n   state current\n}\n'
        for text, where in ((bad, ":5:"), (bad_string, ":2:")):
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "map.journey")
                write(path, text)
                for args in (["-w"], ["--check"], [], ["-w", "--check"]):
                    with self.subTest(args=args, where=where):
                        rc, out, err = run("fmt", *args, path)
                        self.assertEqual((rc, out), (1, b""))
                        self.assertIn("map.journey" + where, err)
                        self.assertIn("error:", err)
                        self.assertEqual(read(path), text)
                        self.assertEqual(os.listdir(d), ["map.journey"])

    def test_through_symbolic_link(self):
        with tempfile.TemporaryDirectory() as d:
            target = os.path.join(d, "real.journey")
            link = os.path.join(d, "link.journey")
            write(target, read(os.path.join(HERE, "messy-layout.journey")))
            os.symlink("real.journey", link)
            self.assertEqual(run("fmt", "-w", link)[0], 0)
            self.assertTrue(os.path.islink(link))
            self.assertEqual(read(target), read(os.path.join(HERE, "messy-layout.expected")))

    def test_check_and_write_together(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            write(path, read(os.path.join(HERE, "messy-layout.journey")))
            rc, out, _ = run("fmt", "-w", "--check", path)
            self.assertEqual((rc, out.decode()), (1, path + "\n"))
            self.assertEqual(read(path), read(os.path.join(HERE, "messy-layout.expected")))
            self.assertEqual(run("fmt", "-w", "--check", path)[:2], (0, b""))

    def test_several_files_one_bad(self):
        with tempfile.TemporaryDirectory() as d:
            good = os.path.join(d, "good.journey")
            bad = os.path.join(d, "bad.journey")
            write(good, b"team  a \"A\"\n")
            write(bad, b"team a\n")
            rc, _, err = run("fmt", "-w", bad, good)
            self.assertEqual(rc, 1)
            self.assertEqual(read(good), b'team a "A"\n')
            self.assertEqual(read(bad), b"team a\n")

    def test_standard_input_cannot_be_rewritten(self):
        rc, out, err = run("fmt", "-w", "-", stdin=b"team a \"A\"\n")
        self.assertEqual((rc, out), (2, b""))
        self.assertIn("standard input", err)


class Stdin(unittest.TestCase):
    def test_prints_formatted(self):
        text = read(os.path.join(HERE, "messy-layout.journey"))
        rc, out, err = run("fmt", "-", stdin=text)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out, read(os.path.join(HERE, "messy-layout.expected")))

    def test_check(self):
        self.assertEqual(run("fmt", "--check", "-", stdin=b"team  a \"A\"\n")[:2], (1, b"<stdin>\n"))
        self.assertEqual(run("fmt", "--check", "-", stdin=b"team a \"A\"\n")[:2], (0, b""))

    def test_imports_need_not_exist(self):
        rc, out, err = run("fmt", "-", stdin=b'import  "nowhere.journey"\nteam a "A"\n')
        self.assertEqual((rc, out, err), (0, b'import "nowhere.journey"\n\nteam a "A"\n', ""))


class OneLine(unittest.TestCase):
    """A block written on one line stays on one line when it fits in 100
    characters and holds nothing written on several; one written on
    several lines stays so.  Both ways are fixed points."""

    def check(self, src, expected):
        out = fmt_text(src.encode()).decode()
        self.assertEqual(out, expected)
        self.assertEqual(fmt_text(out.encode()).decode(), out, "idempotent")

    def test_kept_when_written_on_one_line(self):
        self.check('channel web "Web" {kind web}\npersona maya "Maya" {   image  "img/maya.png"  }\n'
                   'kpi csat "CSAT" { unit "%"; target +85; better higher }  # one line\n',
                   'channel web "Web" { kind web }\npersona maya "Maya" { image "img/maya.png" }\n'
                   'kpi csat "CSAT" { unit "%"; target 85; better higher }  # one line\n')

    def test_several_lines_stay(self):
        src = 'channel web "Web" {\n  kind web\n}\n'
        self.check(src, src)
        self.check('channel web "Web" { kind web\n}\n', src)

    def test_width(self):
        # The line, indentation included, may be 100 characters (not bytes).
        def stmt(width, id, ch):
            head, tail = 'step %s "' % id, '" { emotion 1 }'
            return head + ch * (width - 4 - len(head) - len(tail)) + tail
        for ch in ("x", "\u00e9"):
            with self.subTest(ch=ch):
                fits, wide = stmt(100, "a", ch), stmt(101, "b", ch)
                src = 'journey "J" {\n  stage s "S" {\n    %s\n    %s\n  }\n}\n' % (fits, wide)
                out = fmt_text(src.encode()).decode()
                self.assertEqual(len("    " + fits), 100)
                self.assertIn("\n    " + fits + "\n", out)
                self.assertIn("\n    " + wide[:-len(" emotion 1 }")] + "\n      emotion 1\n    }\n", out)
                self.assertEqual(fmt_text(out.encode()).decode(), out)

    def test_nested_and_emptied(self):
        self.check('journey "J" { persona a "A"; stage s "S" { step x "X" { emotion 1 }; step y "Y" {} } }\n',
                   'journey "J" { persona a "A"; stage s "S" { step x "X" { emotion 1 }; step y "Y" } }\n')
        # An empty journey or stage is never on one line.
        self.check('journey "J" { stage s "S" {} }\n', 'journey "J" {\n  stage s "S" {\n  }\n}\n')

    def test_what_cannot_be_on_one_line(self):
        # A text with a line break is written over several lines.
        self.check('team t "T" { description "one\\ntwo" }\n',
                   'team t "T" {\n  description """\n    one\n    two\n    """\n}\n')

    def test_model_kept(self):
        src = ('journey "J" { persona a "A" { goal "g"; need "n" }\n'
               '  stage s "S" { step x "X" { emotion 1; pain "p"; tag a, b }\n step y "Y" { emotion 2 } } }\n')
        with tempfile.TemporaryDirectory() as d:
            a, b = os.path.join(d, "a.journey"), os.path.join(d, "b.journey")
            write(a, src.encode())
            write(b, fmt_text(src.encode()))
            self.assertEqual(model(a), model(b))
            self.assertIn(b'  stage s "S" {\n    step x "X" { emotion 1; pain "p"; tag a, b }\n', read(b))


class Edges(unittest.TestCase):
    def test_empty_and_blank_files(self):
        for text in (b"", b"\n\n", b"   \r\n\t\n", b"\xef\xbb\xbf"):
            with self.subTest(text=text):
                self.assertEqual(run("fmt", "-", stdin=text)[:2], (0, b""))

    def test_comments_only(self):
        self.assertEqual(fmt_text(b"\n\n  # one   \r\n\n\n# two\n\n"), b"# one\n\n# two\n")

    def test_numbers(self):
        src = (b'journey "J" {\n scale -0003..+0004\n kpi k "K" {\n target -0.000 }\n kpi l "L" {\n target +007.250 }\n'
               b' stage s "S" {\n step a "A" {\n emotion -0; emotion x +3.10; metric k +05.50% } }\n}\n')
        out = fmt_text(src).decode()
        self.assertIn("scale -3..4\n", out)
        self.assertIn("target 0.0\n", out)
        self.assertIn("target 7.25\n", out)
        self.assertIn("emotion 0\n", out)
        self.assertIn("emotion x 3.1\n", out)     # still not an integer: still an error
        self.assertIn("metric k +05.50%\n", out)  # a metric keeps its spelling

    def test_blank_lines_inside_blocks(self):
        src = b'journey "J" {\n\n\n  state current\n\n\n\n  scale -2..2\n  stage s "S" {\n\n  }\n\n}\n'
        self.assertEqual(fmt_text(src), b'journey "J" {\n  state current\n\n  scale -2..2\n  stage s "S" {\n  }\n}\n')

    def test_top_level_separation(self):
        src = b'import "a"\nimport "b"\nteam a "A"\nteam b "B"\nchannel c "C" {\nkind web }\nteam d "D"\n\n\nteam e "E"\n'
        self.assertEqual(fmt_text(src), b'import "a"\nimport "b"\n\nteam a "A"\nteam b "B"\n\n'
                                        b'channel c "C" {\n  kind web\n}\n\nteam d "D"\n\nteam e "E"\n')
        # A block kept on one line is a line like any other: no blank line forced.
        src = b'team a "A"\nchannel c "C" { kind web }\nchannel d "D" { kind app }\nteam e "E"\n'
        self.assertEqual(fmt_text(src), src)

    def test_comment_places(self):
        src = (b'team a "A" { # after brace\n  description "D" # after description\n  # before brace\n}  # after\n'
               b'team b "B"; team c "C"  # trails c\n')
        self.assertEqual(fmt_text(src), b'team a "A" {  # after brace\n  description "D"  # after description\n'
                                        b'  # before brace\n}  # after\n\nteam b "B"\nteam c "C"  # trails c\n')

    def test_repeated_statement_is_formatted(self):
        rc, out, err = run("fmt", "-", stdin=b'team a "A" {\n description "x"; description "y" }\n')
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out, b'team a "A" {\n  description "x"\n  description "y"\n}\n')
        rc, out, err = run("fmt", "-", stdin=b'team a "A" {description "x";description "y"}\n')
        self.assertEqual((rc, out, err), (0, b'team a "A" { description "x"; description "y" }\n', ""))

    def test_error_limit_is_not_formatted(self):
        src = b"team a \"A\" {\n" + b"  description \"x\"\n" * 30 + b"}\n"
        rc, out, err = run("fmt", "--max-errors", "5", "-", stdin=src)
        self.assertEqual((rc, out), (1, b""))
        self.assertIn("may appear only once", err)

    def test_hostile_input_is_refused(self):
        for text in (b'team a "A\x00"\n', b'team a "\xff"\n', b"team a \"A\"  # \xc3\n",
                     b"journey \"J\" " + b"{ " * 40 + b"}" * 40 + b"\n",
                     b'team a "' + b"x" * (1 << 21) + b'"\n', b"\r team a \"A\"\n"):
            with self.subTest(text=text[:30]):
                rc, out, err = run("fmt", "-", stdin=text)
                self.assertEqual((rc, out), (1, b""))
                self.assertIn("error:", err)

    def test_long_texts(self):
        one_line = "x" * 900000
        many_lines = "\n".join("line %d" % i for i in range(60000))
        src = 'journey "J" {\n  description "%s"\n  stage s "S" {\n    step a "A" {\n      note "%s"\n    }\n  }\n}\n' % (
            one_line, many_lines.replace("\n", "\\n"))
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "long.journey")
            write(path, src.encode())
            before = model(path)
            out = fmt_text(src.encode())
            self.assertEqual(fmt_text(out), out)
            write(path, out)
            self.assertEqual(model(path), before)
            self.assertEqual(model(path)["stages"][0]["steps"][0]["notes"][0]["text"], many_lines)

    def test_unreadable_and_usage(self):
        rc, out, err = run("fmt", "/nonexistent/map.journey")
        self.assertEqual(rc, 2)
        self.assertIn("cannot read", err)
        self.assertEqual(run("fmt")[0], 2)
        self.assertEqual(run("fmt", "--frobnicate", "x")[0], 2)
        rc, out, _ = run("fmt", "--help")
        self.assertEqual(rc, 0)
        self.assertIn(b"--check", out)

    def test_json_diagnostics_on_stderr(self):
        rc, out, err = run("fmt", "--diagnostics=json", "-", stdin=b"team a\n")
        self.assertEqual((rc, out), (1, b""))
        self.assertEqual(json.loads(err.splitlines()[0])["severity"], "error")


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, binary=True, timeout=120)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
