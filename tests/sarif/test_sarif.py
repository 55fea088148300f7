#!/usr/bin/env python3
"""Diagnostics for tools: the SARIF log as GitHub code scanning shows it
(every rule with a short and a full description, help as text and
Markdown taken from docs/language.md, a link into it; the run's invocation
and the files it could not read; absolute paths as file: URIs; a
fingerprint per result that survives lines added above it), and the JSON
lines of --diagnostics=json against docs/diagnostics.schema.json.

    test_sarif.py JOURNEY SOURCE_DIR
"""
import glob
import json
import os
import re
import sys
import tempfile
import unittest

import jsonschema

import journeytest

JOURNEY = SOURCE = None
run = None

BAD = ('journey "J" {\n  persona anna "Anna"\n  stage s "S" {\n'
       '    step a "A" { emotion 7; persona anan }\n    step b "B" { emotion 9 }\n  }\n}\n')


def sarif(*args, **kw):
    rc, out, err = run("check", "--diagnostics=sarif", *args, **kw)
    return rc, json.loads(out), err


def anchors(path):
    """The anchors GitHub makes for the headings of a Markdown file."""
    with open(path, encoding="utf-8") as f:
        heads = re.findall(r"^#+ (.+)$", f.read(), re.M)
    return {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in heads}


class Rules(unittest.TestCase):
    def test_every_rule_is_documented_and_linked(self):
        rc, log, _ = sarif("-", stdin=BAD)
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        codes = re.findall(r'X\(\w+, "([a-z0-9-]+)"', open(os.path.join(SOURCE, "include/journey/codes.h")).read())
        self.assertEqual([r["id"] for r in rules], codes)
        heads = anchors(os.path.join(SOURCE, "docs", "language.md"))
        with open(os.path.join(SOURCE, "docs", "language.md"), encoding="utf-8") as f:
            language = f.read()
        for r in rules:
            with self.subTest(r["id"]):
                self.assertTrue(r["shortDescription"]["text"])
                full = r["fullDescription"]["text"]
                self.assertTrue(full.endswith("."), full)
                self.assertNotIn("`", full)
                self.assertTrue(r["help"]["text"].startswith(full))
                self.assertNotIn("<br>", r["help"]["text"] + r["help"]["markdown"])
                # The Markdown is the documentation's own row.
                row = re.search(r"^\| (`[a-z0-9-]+`, )*`%s`(, `[a-z0-9-]+`)* \| .*$" % re.escape(r["id"]),
                                language, re.M).group(0)
                cells = row.split(" | ")
                for piece in re.findall(r"`[^`]+`", " | ".join(cells[1:]))[:2]:
                    self.assertIn(piece, r["help"]["markdown"])
                uri, _, anchor = r["helpUri"].partition("#")
                self.assertRegex(uri, r"^[a-z]+://.*/language\.md$")
                self.assertIn(anchor, heads)
                self.assertEqual(anchor, "warnings" if r["defaultConfiguration"]["level"] == "warning"
                                 else anchor)
        examples = [r for r in rules if r["id"] == "unknown-channel"][0]["help"]["markdown"]
        self.assertIn("- `unknown channel 'instagarm'; did you mean 'instagram'?`", examples)


class Invocation(unittest.TestCase):
    def test_a_clean_run_is_successful(self):
        rc, log, _ = sarif(os.path.join(SOURCE, "examples", "winter-jacket.journey"))
        self.assertEqual(log["runs"][0]["invocations"], [{"executionSuccessful": True}])
        rc, log, _ = sarif("-", stdin=BAD)
        self.assertEqual((rc, log["runs"][0]["invocations"]), (1, [{"executionSuccessful": True}]),
                         "errors in a map are results, not a failed run")

    def test_an_unreadable_file_is_a_notification(self):
        with tempfile.TemporaryDirectory() as d:
            for args in (["check"], ["render", "-o", "m.svg"], ["report", "--kind", "steps", "-o", "m.csv"],
                         ["export", "-o", "m.json"]):
                with self.subTest(args[0]):
                    rc, out, err = run(*args, "--diagnostics=sarif", "missing.journey", cwd=d)
                    self.assertEqual(rc, 2)
                    self.assertIn("cannot read 'missing.journey'", err)
                    inv = json.loads(out)["runs"][0]["invocations"]
                    self.assertEqual(inv[0]["executionSuccessful"], False)
                    [n] = inv[0]["toolExecutionNotifications"]
                    self.assertEqual(n["level"], "error")
                    self.assertEqual(n["message"]["text"], "cannot read 'missing.journey': no such file")
                    self.assertEqual(n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                                     "missing.journey")


class Uris(unittest.TestCase):
    def test_absolute_paths_are_file_uris(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "a map.journey")
            journeytest.write(path, BAD.encode())
            rc, log, _ = sarif(path)
            uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            self.assertEqual(uri, "file://" + d.replace(" ", "%20") + "/a%20map.journey")
            rc, log, _ = sarif("a map.journey", cwd=d)
            uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            self.assertEqual(uri, "a%20map.journey", "a relative path stays relative")


class Fingerprints(unittest.TestCase):
    def prints(self, text):
        rc, log, _ = sarif("-W", "all", "-", stdin=text)
        return [(r["ruleId"], r["message"]["text"], r["partialFingerprints"]["journey/v1"])
                for r in log["runs"][0]["results"]]

    def test_stable_across_added_lines_and_unique(self):
        before = self.prints(BAD)
        after = self.prints("# a comment\n\n" + BAD.replace('stage s "S" {\n', 'stage s "S" {\n    step n "N" {}\n'))
        fps = [f for _, _, f in before]
        self.assertEqual(len(fps), len(set(fps)), "unique within a log")
        for r in before:
            self.assertRegex(r[2], r"^[0-9a-f]{16}$")
            self.assertIn(r, after)
        # The same message twice: two fingerprints, each stable.
        twice = BAD.replace("emotion 9", "emotion 7; persona anan")
        self.assertEqual(len({f for _, _, f in self.prints(twice)}), len(self.prints(twice)))


class JsonLines(unittest.TestCase):
    def test_every_diagnostic_of_the_golden_cases_follows_the_schema(self):
        with open(os.path.join(SOURCE, "docs", "diagnostics.schema.json")) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        cases = sorted(glob.glob(os.path.join(SOURCE, "tests", "diag", "*.journey")))
        seen = set()
        for case in cases:
            args, env = journeytest.case_header(case)
            args = [a for a in (args or ["check"]) if not a.startswith("--diagnostics")]
            if args[:1] != ["check"]:
                continue
            rc, out, err = run(*args, "--diagnostics=json", "--max-errors=0", case,
                               cwd=os.path.dirname(case), env=env)
            for line in out.splitlines() + err.splitlines():
                if not line.startswith("{"):
                    continue
                d = json.loads(line)
                with self.subTest(case=os.path.basename(case), code=d.get("code")):
                    validator.validate(d)
                seen.add(d["code"])
        self.assertGreater(len(seen), 25)
        # The schema can fail: a line without its code, a note with a bad line.
        good = {"severity": "error", "code": "syntax-error", "message": "m", "notes": []}
        for bad in ({k: v for k, v in good.items() if k != "code"}, dict(good, file="x"),
                    dict(good, notes=[{"message": "n", "file": "x", "line": 0, "column": 1,
                                       "end_line": 1, "end_column": 1}])):
            self.assertFalse(validator.is_valid(bad), bad)


if __name__ == "__main__":
    JOURNEY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=60)
    unittest.main(argv=[sys.argv[0], "-v"])
