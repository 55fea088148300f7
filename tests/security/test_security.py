#!/usr/bin/env python3
"""Hostile input that aims beyond the map itself.

    test_security.py JOURNEY HOSTILE_MODEL

- Text: what a map's text may hold always renders to an SVG that is XML,
  and no writer passes a control character on, even from a model that
  holds one (HOSTILE_MODEL builds such a model and runs every writer).
- Diagnostics: a file name or an import path with control characters
  cannot reach the terminal raw, nor fake a diagnostic or a GitHub
  Actions command, in any format; neither can a usage error.
- Imports: --import-root (and JOURNEY_IMPORT_ROOT) confine them, for every
  command that reads maps; a file that is not a map is never quoted; a
  symbolic link loop is called what it is.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import journeytest
from journeytest import write

JOURNEY = HOSTILE_MODEL = None
# journeytest.runner(JOURNEY, timeout=60, errors="strict"), once JOURNEY is
# known: what journey prints must be UTF-8.
run = None

# A file name that, printed raw, would colour the terminal and start a
# line that GitHub Actions reads as an annotation of its own.
HOSTILE_NAME = "evil\x1b[31m\n::error file=README.md,line=1::pwned.journey"


def raw_controls(text):
    """The control characters in text but tab and line feed."""
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F]


class Text(unittest.TestCase):
    # Every kind of character a map's text may hold that an XML writer
    # could get wrong, and markup.
    ODD = ("tab\\there, line\\nbreak, cr\\u{D}, nbsp\\u{A0}, replacement\\u{FFFD}, "
           "private\\u{E000}\\u{10FFFD}, zero width\\u{200B}, bidi\\u{202E}\\u{2066}, "
           "separator\\u{2028}, emoji \\u{1F600}, last \\u{10FFFD}, "
           "& &amp; &#38; <script>alert(1)</script> ]]> \\\"quotes\\\" 'single'")

    def test_svg_of_every_allowed_odd_character_is_xml(self):
        src = ('journey "%s" {\n  description """\n    Long\\u{D}text %s\n    """\n'
               '  persona anna "%s"\n  stage s "%s" {\n    step a "%s" {\n      emotion 1 "%s"\n'
               '      pain "%s"\n      thought "%s"\n    }\n  }\n}\n') % ((self.ODD,) * 8)
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "odd.journey")
            write(path, src)
            rc, _, err = run("check", path)
            self.assertEqual((rc, err), (0, ""))
            svg = os.path.join(d, "odd.svg")
            rc, _, err = run("render", path, "-o", svg)
            self.assertEqual((rc, err), (0, ""))
            root = ET.parse(svg).getroot()
            texts = "".join(root.itertext())
            self.assertIn("<script>", texts)      # drawn as written, not markup
            self.assertIn("\U0001F600", texts)

    def test_forbidden_characters_are_errors(self):
        # The golden case tests/diag/forbidden-character shows the messages;
        # here: nothing is drawn from such a map.
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.journey")
            write(path, 'journey "J \\u{1B}[2J" {\n  stage s "S" { step a "A" { emotion 1 } }\n}\n')
            svg = os.path.join(d, "bad.svg")
            rc, _, err = run("render", path, "-o", svg)
            self.assertEqual(rc, 1)
            self.assertIn("'\\u{1B}' is a control character, which a map's text cannot hold", err)
            self.assertFalse(os.path.exists(svg))

    def test_diff_markdown_names(self):
        with tempfile.TemporaryDirectory() as d:
            src = 'journey "J" {\n  stage s "S" { step a "A" { emotion %d } }\n}\n'
            old = "old\x1b[2J\n# heading.journey"
            write(os.path.join(d, old), src % 1)
            write(os.path.join(d, "new.journey"), src % 2)
            rc, out, err = run("diff", "-f", "markdown", "--", old, "new.journey", cwd=d)
            self.assertEqual((rc, err), (0, ""))
            self.assertEqual(raw_controls(out), [])
            self.assertIn("old\\\\x1b\\[2J\\\\n\\# heading.journey \u2192 new.journey: 2 changes", out)

    def test_every_writer_is_safe_on_its_own(self):
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run([HOSTILE_MODEL, d], capture_output=True, timeout=60)
            self.assertEqual(p.returncode, 0, p.stderr.decode())
            names = sorted(os.path.basename(f) for f in glob.glob(os.path.join(d, "*")))
            self.assertEqual(names, ["diff.json", "diff.md", "diff.txt", "map.json", "map.mmd", "map.svg",
                                     "steps.csv", "steps.md"])
            ET.parse(os.path.join(d, "map.svg"))
            for name in names:
                with open(os.path.join(d, name), "rb") as f:
                    text = f.read().decode("utf-8", "replace")
                self.assertEqual(raw_controls(text), [], name)
                if name.endswith(".json"):
                    json.loads(text)
            with open(os.path.join(d, "map.json"), encoding="utf-8") as f:
                title = json.load(f)["journey"]["title"]
            self.assertTrue(title.startswith("x\x01\x02"), title)   # escaped, and so kept
            self.assertIn("\x1b", title)


class Diagnostics(unittest.TestCase):
    # An import path with a line feed (allowed in text), a raw ESC and a
    # raw control in a string (errors, quoted on their lines), an ESC in a
    # comment, and an error after a control character on its line.
    SOURCE = ('import "x\\n::error file=README.md,line=1::fake"\n'
              '# ESC in a comment \x1b[2J\n'
              'journey "J" {\n'
              '  persona anna "Anna" \x1b[2J\n'
              '  stage s "S" { step a "A\x07B\\q" { emotion 1 } }\n'
              '}\n')

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        write(os.path.join(self.dir, HOSTILE_NAME), self.SOURCE)

    def tearDown(self):
        self.tmp.cleanup()

    def check(self, fmt):
        rc, out, err = run("check", "--color=never", "--diagnostics=" + fmt, "--", HOSTILE_NAME, cwd=self.dir)
        self.assertEqual(rc, 1, err)
        return out, err

    def test_text(self):
        _, err = self.check("text")
        self.assertEqual(raw_controls(err), [])
        shown = "evil\\x1b[31m\\n::error file=README.md,line=1::pwned.journey"
        lines = err.splitlines()
        # Every line is a diagnostic of this file, a quoted line, carets,
        # or the summary: nothing starts where the name or path would have
        # broken the line.
        for line in lines[:-1]:
            self.assertTrue(line.startswith(shown + ":") or re.match(r" +\d* \| ", line), line)
        self.assertIn(shown + ":1:8: error: cannot find 'x\\n::error file=README.md,line=1::fake' to import",
                      lines)
        self.assertIn(shown + ":4:23: error: unexpected control character U+001B", lines)
        self.assertIn("    4 |   persona anna \"Anna\" \\x1b[2J", lines)
        # The caret after an escaped character is still under its place.
        self.assertIn(shown + ":5:28: error: unknown escape sequence '\\q'; the escapes are \\\" \\\\ \\n "
                      "\\t and \\u{...}", lines)
        shown_line = "    5 |   stage s \"S\" { step a \"A\\x07B\\q\" { emotion 1 } }"
        i = lines.index(shown_line, lines.index(shown_line) + 1)
        self.assertEqual(lines[i + 1], "      |" + " " * (shown_line.index("\\q") - 7) + "^~")
        self.assertEqual(lines[-1], "4 errors generated.")

    def test_text_with_colour(self):
        rc, _, err = run("check", "--color=always", "--", HOSTILE_NAME, cwd=self.dir)
        # Only the colours journey writes itself: ESC '[' digits/';' 'm'.
        self.assertEqual(re.findall(r"\x1b(?!\[[0-9;]*m)", err), [])
        self.assertNotIn("\x1b[31m\n", err)
        self.assertNotIn("\x1b[2J", err)

    def test_github(self):
        out, _ = self.check("github")
        self.assertEqual(raw_controls(out), [])
        lines = out.splitlines()
        self.assertEqual(len(lines), 4)
        for line in lines:
            self.assertTrue(line.startswith("::error file=evil\\x1b[31m\\n%3A%3Aerror file=README.md%2Cline=1"
                                            "%3A%3Apwned.journey,line="), line)
        self.assertIn("title=import-not-found::cannot find 'x\\n::error file=README.md,line=1::fake' to import"
                      "%0Anote: looked in ./", lines[0])

    def test_json(self):
        out, _ = self.check("json")
        self.assertEqual(raw_controls(out), [])
        diags = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(diags), 4)
        self.assertTrue(all(d["file"] == HOSTILE_NAME for d in diags))
        self.assertEqual(diags[0]["message"], "cannot find 'x\n::error file=README.md,line=1::fake' to import")

    def test_sarif(self):
        out, _ = self.check("sarif")
        self.assertEqual(raw_controls(out), [])
        log = json.loads(out)
        results = log["runs"][0]["results"]
        self.assertEqual(len(results), 4)
        uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        self.assertEqual(uri, "evil%1B%5B31m%0A%3A%3Aerror%20file%3DREADME.md%2Cline%3D1%3A%3Apwned.journey")
        self.assertEqual(results[0]["message"]["text"],
                         "cannot find 'x\n::error file=README.md,line=1::fake' to import")

    def test_error_limit_note(self):
        rc, _, err = run("check", "--color=never", "--max-errors", "1", "--", HOSTILE_NAME, cwd=self.dir)
        self.assertEqual(rc, 1)
        self.assertEqual(raw_controls(err), [])
        self.assertIn("evil\\x1b[31m\\n::error file=README.md,line=1::pwned.journey: note: stopped after 1 error",
                      err)

    def test_usage_errors(self):
        missing = HOSTILE_NAME + ".missing"
        for args in (["check", missing], ["render", missing, "-o", "x.svg"], ["report", missing, "--kind", "steps"],
                     ["export", missing, "-f", "json"], ["diff", missing, missing], ["fmt", missing]):
            rc, out, err = run(*args, cwd=self.dir)
            self.assertEqual(rc, 2, args)
            self.assertEqual(raw_controls(err), [], args)
            self.assertIn("cannot read 'evil\\x1b[31m\\n::error", err, args)
        rc, _, err = run("render", HOSTILE_NAME, "-T", "svg", "-o", "no/such\x1b[2J/dir.svg", cwd=self.dir)
        self.assertEqual(rc, 1)   # the map has errors: nothing is written
        bad = os.path.join(self.dir, "ok.journey")
        write(bad, 'journey "J" {\n  stage s "S" { step a "A" { emotion 1 } }\n}\n')
        rc, _, err = run("render", bad, "-o", "no/such\x1b[2J/dir.svg", cwd=self.dir)
        self.assertEqual(rc, 2)
        self.assertIn("cannot write 'no/such\\x1b[2J/dir.svg'", err)
        self.assertEqual(raw_controls(err), [])


MAP = 'journey "J" {\n  stage s "S" { step a "A" { persona %s; emotion 1 } }\n}\n'


class Imports(unittest.TestCase):
    """--import-root, JOURNEY_IMPORT_ROOT, files that are not maps, and
    imports that cannot be looked up."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.dir = self.tmp.name
        os.makedirs(os.path.join(d, "root", "lib"))
        os.makedirs(os.path.join(d, "outside"))
        write(os.path.join(d, "root", "lib", "people.journey"), 'persona ben "Ben"\n')
        write(os.path.join(d, "outside", "secret.journey"), 'persona eve "Eve"\n')
        write(os.path.join(d, "outside", "passwd"),
              "".join("user%d:x:%d:%d:secret line %d:/home/u:/bin/sh\n" % (i, i, i, i) for i in range(50)))
        # A link inside the root to a file outside it, and a loop.
        os.symlink(os.path.join("..", "..", "outside", "secret.journey"),
                   os.path.join(d, "root", "lib", "link.journey"))
        os.symlink("loop-b.journey", os.path.join(d, "root", "loop-a.journey"))
        os.symlink("loop-a.journey", os.path.join(d, "root", "loop-b.journey"))

    def tearDown(self):
        self.tmp.cleanup()

    def map(self, imports, persona="ben"):
        path = os.path.join(self.dir, "root", "map.journey")
        write(path, "".join('import "%s"\n' % i for i in imports) + MAP % persona)
        return path

    def test_every_command_that_reads_maps_confines_imports(self):
        path = self.map(["lib/link.journey"], "eve")
        root = os.path.join(self.dir, "root")
        rc, _, err = run("check", path)
        self.assertEqual((rc, err), (0, ""))          # without a root: allowed
        out = os.path.join(self.dir, "result")
        for args in (["check", path], ["render", path, "-o", out + ".svg"],
                     ["report", path, "--kind", "steps", "-o", out + ".csv"],
                     ["export", path, "-f", "json", "-o", out + ".json"], ["diff", path, path]):
            rc, _, err = run(*args, "--color=never", "--import-root", root)
            self.assertEqual(rc, 1, args)
            self.assertIn("map.journey:1:8: error: 'lib/link.journey' is outside the import root\n", err, args)
            self.assertIn("note: imports must resolve to files inside '%s'" % root, err, args)
            self.assertNotIn("secret", err, args)
            self.assertEqual(glob.glob(out + "*"), [], args)

    def test_inside_the_root(self):
        path = self.map(["lib/people.journey", "./lib/../lib/people.journey"])
        root = os.path.join(self.dir, "root")
        self.assertEqual(run("check", "--import-root", root, path)[0], 0)
        self.assertEqual(run("check", "--import-root", root + "/", path)[0], 0)
        self.assertEqual(run("check", "--import-root", "/", path)[0], 0)
        # A directory whose name starts like the root's is not inside it.
        os.makedirs(os.path.join(self.dir, "root2"))
        write(os.path.join(self.dir, "root2", "x.journey"), 'persona ben "Ben"\n')
        path = self.map(["../root2/x.journey"])
        rc, _, err = run("check", "--import-root", root, path)
        self.assertEqual(rc, 1)
        self.assertIn("'../root2/x.journey' is outside the import root", err)

    def test_environment_and_option(self):
        root = os.path.join(self.dir, "root")
        path = self.map(["../outside/secret.journey"], "eve")
        rc, _, err = run("check", path, env={"JOURNEY_IMPORT_ROOT": root})
        self.assertEqual(rc, 1)
        self.assertIn("'../outside/secret.journey' is outside the import root", err)
        # The option wins over the environment.
        rc, _, err = run("check", "--import-root", self.dir, path, env={"JOURNEY_IMPORT_ROOT": root})
        self.assertEqual((rc, err), (0, ""))
        # An empty variable is no root.
        self.assertEqual(run("check", path, env={"JOURNEY_IMPORT_ROOT": ""})[0], 0)
        # A root that is not a directory is a usage error.
        rc, _, err = run("check", "--import-root", os.path.join(self.dir, "none"), path)
        self.assertEqual(rc, 2)
        self.assertIn("journey: --import-root: cannot confine imports to '%s'" % os.path.join(self.dir, "none"),
                      err)
        rc, _, err = run("check", path, env={"JOURNEY_IMPORT_ROOT": path})
        self.assertEqual(rc, 2)
        self.assertIn("journey: JOURNEY_IMPORT_ROOT: cannot confine imports to '%s': not a directory" % path, err)
        # fmt reads no import: the variable is not its concern.
        rc, _, err = run("fmt", "--check", path, env={"JOURNEY_IMPORT_ROOT": path})
        self.assertNotEqual(rc, 2, err)
        self.assertNotIn("JOURNEY_IMPORT_ROOT", err)
        self.assertNotIn("import", err)

    def test_absolute_path_and_dot_dot(self):
        root = os.path.join(self.dir, "root")
        passwd = os.path.join(self.dir, "outside", "passwd")
        path = self.map([passwd, "../" * 40 + os.path.relpath(passwd, "/")])
        rc, _, err = run("check", "--max-errors", "0", "--import-root", root, path)
        self.assertEqual(rc, 1)
        self.assertEqual(err.count("is outside the import root"), 2)
        self.assertNotIn("secret", err)

    def test_no_answer_says_what_exists_outside_the_root(self):
        # Whether the file outside exists or not, the error is the same:
        # also through a link inside the root to a directory outside it.
        os.symlink(os.path.join("..", "outside"), os.path.join(self.dir, "root", "out-link"))
        root = os.path.join(self.dir, "root")
        imports = ["../outside/secret.journey", "../outside/none.journey", "/no/such/dir/x.journey",
                   "out-link/secret.journey", "out-link/none.journey", "out-link/none/deeper.journey"]
        path = self.map(imports, "eve")
        rc, _, err = run("check", "--color=never", "--import-root", root, path)
        self.assertEqual(rc, 1)
        for i, imp in enumerate(imports):
            self.assertIn("map.journey:%d:8: error: '%s' is outside the import root\n" % (i + 1, imp), err)
        self.assertNotIn("cannot find", err)
        # Inside the root, a missing file is missing.
        path = self.map(["lib/none.journey"])
        rc, _, err = run("check", "--color=never", "--import-root", root, path)
        self.assertIn("error: cannot find 'lib/none.journey' to import", err)
        # An -I directory outside the root is outside it too.
        path = self.map(["secret.journey"], "eve")
        rc, _, err = run("check", "--color=never", "--import-root", root, "-I", os.path.join(self.dir, "outside"),
                         path)
        self.assertEqual(rc, 1)
        self.assertIn("error: 'secret.journey' is outside the import root", err)

    def test_a_file_that_is_not_a_map_is_never_quoted(self):
        passwd = os.path.join(self.dir, "outside", "passwd")
        path = self.map([passwd])
        for fmt in ("text", "json", "sarif", "github"):
            rc, out, err = run("check", "--max-errors", "0", "--diagnostics=" + fmt, path)
            self.assertEqual(rc, 1, fmt)
            if fmt == "sarif":
                # The rules' help is the documentation's, whose examples
                # name a '../secrets/' directory: only the run's own parts.
                log = json.loads(out)
                del log["runs"][0]["tool"]
                out = json.dumps(log)
            self.assertNotIn("secret", out + err, fmt)
            self.assertNotIn("user1", out + err, fmt)
            self.assertIn("is not a journey map", out + err, fmt)
        rc, _, err = run("check", "--color=never", path)
        self.assertEqual(err, "%s:1:8: error: '%s' is not a journey map (its name does not end in .journey, "
                              "and it is not journey text)\n"
                              "    1 | import \"%s\"\n"
                              "      |        ^%s\n"
                              "%s:1:1: note: the first thing that is not journey text is here\n"
                              "1 error generated.\n" % (path, passwd, passwd, "~" * (len(passwd) + 1), passwd))

    def test_symbolic_link_loop(self):
        path = self.map(["loop-a.journey"])
        rc, _, err = run("check", "--color=never", path)
        self.assertEqual(rc, 1)
        self.assertIn("error: cannot import '%s/root/loop-a.journey': too many levels of symbolic links\n"
                      % self.dir, err)
        self.assertNotIn("cannot find", err)


def main():
    global JOURNEY, HOSTILE_MODEL, run
    JOURNEY, HOSTILE_MODEL = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=60, errors="strict")
    unittest.main(argv=sys.argv[:1], verbosity=2)


if __name__ == "__main__":
    main()
