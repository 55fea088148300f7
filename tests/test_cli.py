#!/usr/bin/env python3
"""The journey command as a user meets it: exit statuses, help, input from
standard input, output formats, init.   test_cli.py JOURNEY EXAMPLES_DIR"""
import json
import os
import sys
import tempfile
import unittest

import journeytest

JOURNEY = EXAMPLES = None
run = None  # journeytest.runner(JOURNEY, timeout=60), once JOURNEY is known


def example(name):
    return os.path.join(EXAMPLES, name)


EXAMPLE_FILES = ["winter-jacket.journey", "online-purchase.journey", "saas-onboarding.journey",
                 "clinic-appointment.journey", "people.journey", "sneakers-as-is.journey",
                 "sneakers-to-be.journey"]
# The day the examples are checked as of (2027-01-01): their review dates
# are not overdue then.
TESTS_TODAY = {"SOURCE_DATE_EPOCH": "1798761600"}
# The example that proves v1 maps still check: it uses no statement or form
# that v2 added, and is kept as it is.
PURE_V1 = "winter-jacket.journey"
V2_STATEMENTS = ("reviewed", "next-review", "baseline", "image", "moment", "tag", "artifact", "severity",
                 "solves", "impact", "effort", "status")

BAD = 'journey "J" {\n  persona anna "Anna"\n  stage s "S" {\n    step a "A" { emotion 7; owner nobody }\n  }\n}\n'


class Help(unittest.TestCase):
    def test_overview(self):
        rc, out, _ = run("--help")
        self.assertEqual(rc, 0)
        for cmd in ("check", "init", "help"):
            self.assertIn(cmd, out)

    def test_no_arguments_is_usage_error(self):
        rc, out, err = run()
        self.assertEqual(rc, 2)
        self.assertIn("usage:", err)

    def test_help_check(self):
        rc, out, _ = run("help", "check")
        self.assertEqual(rc, 0)
        for opt in ("-I DIR", "-W NAME", "--max-errors", "--color", "--diagnostics", "missing-emotion"):
            self.assertIn(opt, out)
        self.assertEqual(run("check", "--help")[1], out)

    def test_unknown_command(self):
        rc, _, err = run("frobnicate")
        self.assertEqual(rc, 2)
        self.assertIn("unknown command 'frobnicate'", err)
        self.assertEqual(run("help", "frobnicate")[0], 2)

    def test_version(self):
        rc, out, _ = run("--version")
        self.assertEqual(rc, 0)
        self.assertRegex(out, r"^journey \d+\.\d+\.\d+\n$")


class Check(unittest.TestCase):
    def test_examples_clean(self):
        self.assertEqual(sorted(EXAMPLE_FILES), sorted(n for n in os.listdir(EXAMPLES) if n.endswith(".journey")))
        for name in EXAMPLE_FILES:
            with self.subTest(name):
                rc, out, err = run("check", "-W", "error", example(name), env=TESTS_TODAY)
                self.assertEqual((rc, out, err), (0, "", ""))

    def test_examples_clean_under_every_warning(self):
        # Every example but the pure v1 one (which cannot say when it was
        # reviewed) checks clean with every warning on, as of TESTS_TODAY.
        for name in EXAMPLE_FILES:
            if name == PURE_V1:
                continue
            with self.subTest(name):
                rc, out, err = run("check", "-W", "all", "-W", "error", example(name), env=TESTS_TODAY)
                self.assertEqual((rc, out, err), (0, "", ""))

    def test_pure_v1_example(self):
        import re
        with open(example(PURE_V1), encoding="utf-8") as f:
            text = f.read()
        starts = re.findall(r"(?:^|[;{])\s*([a-z][a-z-]*)", text, re.M)
        self.assertTrue(starts)
        self.assertEqual([w for w in starts if w in V2_STATEMENTS], [])
        self.assertNotRegex(text, r"state\s+(as-is|to-be)")
        # No item ids, no item or blueprint blocks, no journey owner.
        self.assertNotRegex(text, r"(?m)^\s*(thought|pain|opportunity)\s+[A-Za-z_]")
        self.assertNotRegex(text, r"(?m)^\s*(thought|pain|opportunity|frontstage|backstage|support)\s.*\{")
        self.assertNotRegex(text, r"(?m)^  owner ")

    def test_baseline_pair(self):
        # The to-be example names the as-is one: diff with one file works.
        rc, out, err = run("diff", "--color=never", example("sneakers-to-be.journey"))
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("~ state: as-is \u2192 to-be", out)
        rc, out, err = run("export", "-f", "json", "sneakers-to-be.journey", cwd=EXAMPLES, env=TESTS_TODAY)
        self.assertEqual((rc, err), (0, ""))
        baseline = json.loads(out)["journey"]["baseline"]
        self.assertEqual((baseline["resolved"], baseline["state_word"]), ("sneakers-as-is.journey", "as-is"))

    def test_blueprint_clean_under_every_warning(self):
        # Whatever today is: the example has a review date and no next one.
        for epoch in (None, "253402300799"):
            with self.subTest(epoch=epoch):
                rc, out, err = run("check", "-W", "all", "-W", "error", example("clinic-appointment.journey"),
                                   env={"SOURCE_DATE_EPOCH": epoch} if epoch else None)
                self.assertEqual((rc, out, err), (0, "", ""))

    def test_several_files_at_once(self):
        rc, out, err = run("check", *[example(n) for n in EXAMPLE_FILES], env=TESTS_TODAY)
        self.assertEqual((rc, err), (0, ""))

    def test_standard_input(self):
        with open(example("online-purchase.journey"), "rb") as f:
            text = f.read()
        # Imports from standard input are relative to the current directory.
        rc, out, err = run("check", "-", stdin=text, cwd=EXAMPLES)
        self.assertEqual((rc, err), (0, ""))
        rc, out, err = run("check", "-", stdin=BAD.encode())
        self.assertEqual(rc, 1)
        self.assertIn("<stdin>:4:26: error: emotion 7 is outside the scale -2..2", err)

    def test_errors_exit_1_with_location(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bad.journey")
            journeytest.write(path, BAD)
            rc, out, err = run("check", "bad.journey", cwd=d)
            self.assertEqual(rc, 1)
            self.assertIn("bad.journey:4:26: error: emotion 7 is outside the scale -2..2", err)
            self.assertIn("bad.journey:4:35: error: unknown team 'nobody'; no team is declared", err)
            self.assertTrue(err.endswith("2 errors generated.\n"))

    def test_unreadable_is_exit_2(self):
        rc, _, err = run("check", "/nonexistent/map.journey")
        self.assertEqual(rc, 2)
        self.assertIn("cannot read '/nonexistent/map.journey': no such file", err)
        rc, _, err = run("check", EXAMPLES)
        self.assertEqual(rc, 2)
        self.assertIn("is a directory", err)
        rc, _, err = run("check", "/dev/zero")
        self.assertEqual(rc, 2)
        self.assertIn("not a regular file", err)

    def test_usage_errors(self):
        self.assertEqual(run("check")[0], 2)
        self.assertEqual(run("check", "--max-errors", "many", example(EXAMPLE_FILES[0]))[0], 2)
        self.assertEqual(run("check", "--diagnostics=xml", example(EXAMPLE_FILES[0]))[0], 2)
        self.assertEqual(run("check", "--color=sometimes", example(EXAMPLE_FILES[0]))[0], 2)
        rc, _, err = run("check", "--bogus", example(EXAMPLE_FILES[0]))
        self.assertEqual(rc, 2)
        self.assertIn("unknown option '--bogus'", err)
        rc, _, err = run("check", example(EXAMPLE_FILES[0]), "-I")
        self.assertEqual(rc, 2)
        self.assertIn("option -I needs a value", err)

    def test_options_after_files(self):
        rc, _, err = run("check", "-", "-W", "no-error", "--color=never", stdin=BAD.encode())
        self.assertEqual(rc, 1)
        self.assertNotIn("\x1b[", err)

    def test_color(self):
        rc, _, err = run("check", "--color=always", "-", stdin=BAD.encode())
        self.assertIn("\x1b[1;31merror:", err)
        rc, _, err = run("check", "-", stdin=BAD.encode())   # not a terminal
        self.assertNotIn("\x1b[", err)
        rc, _, err = run("check", "--color=never", "-", stdin=BAD.encode())
        self.assertNotIn("\x1b[", err)

    def test_max_errors(self):
        text = 'journey "J" {\n  persona a "A"\n  stage s "S" {\n' + "".join(
            '    step s%d "S" { emotion 9 }\n' % i for i in range(30)) + "  }\n}\n"
        rc, _, err = run("check", "-", stdin=text.encode())
        self.assertEqual(rc, 1)
        self.assertEqual(err.count(": error:"), 20)
        self.assertIn("stopped after 20 errors", err)
        rc, _, err = run("check", "--max-errors", "0", "-", stdin=text.encode())
        self.assertEqual(err.count(": error:"), 30)
        rc, _, err = run("check", "--max-errors=5", "-", stdin=text.encode())
        self.assertEqual(err.count(": error:"), 5)


class Today(unittest.TestCase):
    """Date checks take today from SOURCE_DATE_EPOCH, else from the clock;
    a value that is not a whole number is as if unset."""
    MAP = ('journey "J" {\n  reviewed 1900-01-01\n  next-review %s\n  persona anna "Anna"\n'
           '  stage s "S" { step a "A" { emotion 1 } }\n}\n')

    def check(self, next_review, epoch=None):
        env = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else None
        return run("check", "--color=never", "-", stdin=self.MAP % next_review, env=env)

    def clock_today(self):
        import datetime
        return datetime.datetime.now(datetime.timezone.utc).date().isoformat()

    def test_from_source_date_epoch(self):
        rc, _, err = self.check("2026-12-31", "1798761600")
        self.assertEqual(rc, 0)
        self.assertIn("the review due on 2026-12-31 is overdue (today is 2027-01-01) [-Woverdue-review]", err)
        self.assertEqual(self.check("2027-01-01", "1798761600")[2], "")
        # The epoch itself, and a day far in the future.
        self.assertIn("(today is 1970-01-01)", self.check("1969-12-31", "0")[2])
        self.assertIn("(today is 9999-12-31)", self.check("9999-12-30", "253402300799")[2])
        # Past the year 9999: ignored, the clock says today.
        self.assertEqual(self.check("9999-12-30", "253402300800")[2], "")

    def test_from_the_clock(self):
        for epoch in (None, "", "yesterday", "12x", "-86400", "1e9", "99999999999999999999999", " 1"):
            with self.subTest(epoch=epoch):
                before = self.clock_today()
                rc, _, err = self.check("2000-01-02", epoch)
                self.assertEqual(rc, 0)
                self.assertIn("is overdue (today is ", err)
                self.assertIn(err.split("(today is ")[1][:10], (before, self.clock_today()))
                self.assertEqual(self.check("9999-12-31", epoch)[2], "")

    def test_warnings_can_be_turned_off_and_on(self):
        rc, _, err = run("check", "-W", "no-overdue-review", "-", stdin=self.MAP % "2000-01-02")
        self.assertEqual((rc, err), (0, ""))
        rc, _, err = run("check", "--color=never", "-W", "no-review", "-",
                         stdin='journey "J" {\n  persona anna "Anna"\n  stage s "S" { step a "A" { emotion 1 } }\n}\n')
        self.assertIn("this journey has no 'reviewed' date [-Wno-review]", err)


class Formats(unittest.TestCase):
    def test_json_lines(self):
        rc, out, err = run("check", "--diagnostics=json", "-", stdin=BAD.encode())
        self.assertEqual((rc, err), (1, ""))
        rows = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[0]["code"], "emotion-out-of-range")
        self.assertEqual((rows[0]["line"], rows[0]["column"], rows[0]["end_column"]), (4, 26, 27))
        self.assertEqual(rows[1]["code"], "unknown-team")
        self.assertEqual(rows[1]["severity"], "error")

    def test_sarif(self):
        rc, out, err = run("check", "--diagnostics=sarif", "-W", "all", "-", example("winter-jacket.journey"),
                           stdin=BAD.encode())
        self.assertEqual(rc, 1)
        log = json.loads(out)
        self.assertEqual(log["version"], "2.1.0")
        r = log["runs"][0]
        rules = r["tool"]["driver"]["rules"]
        ids = [x["id"] for x in rules]
        for code in ("syntax-error", "unknown-persona", "unused-persona", "emotion-cliff"):
            self.assertIn(code, ids)
        self.assertGreaterEqual(len(r["results"]), 2)
        for res in r["results"]:
            self.assertEqual(rules[res["ruleIndex"]]["id"], res["ruleId"])
            self.assertIn(res["level"], ("error", "warning"))
            region = res["locations"][0]["physicalLocation"]["region"]
            self.assertGreaterEqual(region["startLine"], 1)
        first = r["results"][0]
        self.assertEqual(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "%3Cstdin%3E")

    def test_sarif_clean_run(self):
        rc, out, err = run("check", "--diagnostics=sarif", example("winter-jacket.journey"))
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["runs"][0]["results"], [])

    def test_github(self):
        rc, out, err = run("check", "--diagnostics=github", "-", stdin=BAD.encode())
        self.assertEqual(rc, 1)
        lines = out.splitlines()
        self.assertEqual(lines[0],
                         "::error file=<stdin>,line=4,col=26,endColumn=27,title=emotion-out-of-range::"
                         "emotion 7 is outside the scale -2..2")


class StdinFilename(unittest.TestCase):
    """--stdin-filename: a buffer piped from an editor is named as its file,
    and its imports are found beside that file."""
    MAP = ('import "lib/people.journey"\njourney "J" {\n  stage s "S" {\n'
           '    step a "A" { persona ana\n emotion 9 }\n  }\n}\n')

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        os.mkdir(os.path.join(self.dir.name, "lib"))
        journeytest.write(os.path.join(self.dir.name, "lib", "people.journey"), 'persona ana "Ana"\n')
        self.path = os.path.join(self.dir.name, "draft.journey")   # never written

    def tearDown(self):
        self.dir.cleanup()

    def test_check_names_and_imports(self):
        rc, _, err = run("check", "--color=never", "-", stdin=self.MAP)
        self.assertEqual(rc, 1)
        self.assertIn("<stdin>:1:8: error: cannot find 'lib/people.journey'", err)
        rc, _, err = run("check", "--color=never", "--stdin-filename", self.path, "-", stdin=self.MAP)
        self.assertEqual(rc, 1)
        self.assertNotIn("cannot find", err)
        self.assertIn(self.path + ":5:10: error: emotion 9 is outside", err)   # the emotion out of range
        rc, _, err = run("check", "--stdin-filename", self.path, "-", stdin=self.MAP.replace("9", "1"))
        self.assertEqual((rc, err), (0, ""))

    def test_render_and_fmt(self):
        good = self.MAP.replace("9", "1")
        rc, out, err = run("render", "-T", "dot", "--stdin-filename", self.path, "-", stdin=good)
        self.assertEqual(rc, 0, err)
        self.assertIn("digraph", out)
        rc, out, err = run("fmt", "--color=never", "--stdin-filename", "notes/x.journey", "-",
                           stdin="journey \"J\" {\n  stage s {\n")
        self.assertEqual(rc, 1)
        self.assertTrue(err.startswith("notes/x.journey:"), err)

    def test_empty_name_is_usage_error(self):
        self.assertEqual(run("check", "--stdin-filename=", "-", stdin=self.MAP)[0], 2)


class Init(unittest.TestCase):
    def test_stdout_checks_clean(self):
        rc, out, err = run("init")
        self.assertEqual(rc, 0)
        self.assertIn("journey ", out)
        rc, _, err = run("check", "-W", "error", "-", stdin=out.encode())
        self.assertEqual((rc, err), (0, ""))

    def test_file_and_no_overwrite(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            rc, _, err = run("init", path)
            self.assertEqual(rc, 0)
            self.assertEqual(run("check", "-W", "error", path)[0], 0)
            journeytest.write(path, "# my precious map\n")
            rc, _, err = run("init", path)
            self.assertEqual(rc, 2)
            self.assertIn("already exists", err)
            with open(path) as f:
                self.assertEqual(f.read(), "# my precious map\n")
            self.assertEqual(sorted(os.listdir(d)), ["map.journey"])
            self.assertEqual(run("init", "a", "b")[0], 2)


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=60)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
