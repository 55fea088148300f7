#!/usr/bin/env python3
"""journey init --template NAME: each template is listed, written as it is in
src/cli/templates/, checks clean with -W error, is in journey fmt's layout and
renders.   test_init.py JOURNEY TEMPLATES_DIR"""
import os
import sys
import tempfile
import unittest

import journeytest

JOURNEY = TEMPLATES = None
run = None  # journeytest.runner(JOURNEY, binary=True, timeout=60), once JOURNEY is known
REQUIRED = ["retail-purchase", "saas-onboarding", "service-blueprint"]


def template_files():
    return sorted(f[:-len(".journey")] for f in os.listdir(TEMPLATES) if f.endswith(".journey"))


def source(name):
    with open(os.path.join(TEMPLATES, name + ".journey"), "rb") as f:
        return f.read()


class Templates(unittest.TestCase):
    def test_list_names_every_template_with_a_summary(self):
        rc, out, err = run("init", "--list-templates")
        self.assertEqual((rc, err), (0, ""))
        rows = [line.split(None, 1) for line in out.decode().splitlines()]
        self.assertEqual([r[0] for r in rows], template_files())
        for r in rows:
            self.assertEqual(len(r), 2, f"template {r[0]} has no summary")
        for name in REQUIRED + ["starter"]:
            self.assertIn(name, [r[0] for r in rows])

    def test_help_names_every_template(self):
        rc, out, _ = run("help", "init")
        self.assertEqual(rc, 0)
        for name in template_files():
            self.assertIn(name, out.decode())
        self.assertIn("--template NAME", out.decode())

    def test_each_template_checks_clean_and_is_canonical(self):
        for name in template_files():
            with self.subTest(template=name):
                rc, text, err = run("init", "--template", name)
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(text, source(name))
                self.assertGreaterEqual(text.count(b"\n#") + text.startswith(b"#"), 3,
                                        "a template explains itself in comments")
                rc, _, err = run("check", "-W", "error", "-", stdin=text)
                self.assertEqual((rc, err), (0, ""), err)
                rc, out, err = run("fmt", "-", stdin=text)
                self.assertEqual((rc, err), (0, ""))
                self.assertEqual(out, text, "not in journey fmt's layout")

    def test_each_template_to_a_file_renders(self):
        with tempfile.TemporaryDirectory() as d:
            for name in template_files():
                with self.subTest(template=name):
                    path = os.path.join(d, name + ".journey")
                    rc, _, err = run("init", "-t", name, path)
                    self.assertEqual(rc, 0, err)
                    self.assertIn(f"wrote {path}", err)
                    with open(path, "rb") as f:
                        self.assertEqual(f.read(), source(name))
                    rc, _, err = run("render", path, "-o", os.path.join(d, name + ".svg"))
                    self.assertEqual(rc, 0, err)
                    with open(os.path.join(d, name + ".svg"), "rb") as f:
                        self.assertIn(b"<svg", f.read())

    def test_default_is_the_starter(self):
        self.assertEqual(run("init")[1], source("starter"))
        self.assertEqual(run("init", "-")[1], source("starter"))

    def test_templates_differ(self):
        texts = [source(n) for n in template_files()]
        self.assertEqual(len(set(texts)), len(texts))


class Errors(unittest.TestCase):
    def test_unknown_template_lists_the_templates(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            rc, out, err = run("init", "--template", "retail", path)
            self.assertEqual((rc, out), (2, b""))
            self.assertIn("unknown template 'retail'", err)
            for name in template_files():
                self.assertIn(name, err)
            self.assertEqual(os.listdir(d), [])

    def test_usage_errors(self):
        self.assertEqual(run("init", "--template")[0], 2)
        self.assertEqual(run("init", "--list-templates", "map.journey")[0], 2)
        self.assertEqual(run("init", "-t", "starter", "a", "b")[0], 2)

    def test_never_overwrites(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "map.journey")
            journeytest.write(path, "# mine\n")
            rc, _, err = run("init", "-t", "service-blueprint", path)
            self.assertEqual(rc, 2)
            self.assertIn("already exists", err)
            with open(path) as f:
                self.assertEqual(f.read(), "# mine\n")


if __name__ == "__main__":
    JOURNEY, TEMPLATES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, binary=True, timeout=60)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
