#!/usr/bin/env python3
"""CHANGELOG.md in the Keep a Changelog shape: an Unreleased section, then
each release as `## [X.Y.Z] - YYYY-MM-DD`, newest first, with the version
the build says among them; and the version spelt the same in CMake, the
command and the changelog.

    test_changelog.py JOURNEY SOURCE_DIR
"""
import os
import re
import sys
import unittest

import journeytest

JOURNEY = SOURCE = None
SECTIONS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Performance"}


class Changelog(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SOURCE, "CHANGELOG.md"), encoding="utf-8") as f:
            cls.text = f.read()
        cls.releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", cls.text, re.M)

    def test_unreleased_first_then_releases_newest_first(self):
        self.assertTrue(self.text.startswith("# Changelog\n"))
        self.assertEqual(self.releases[0], ("Unreleased", ""))
        versions = [tuple(int(x) for x in v.split(".")) for v, _ in self.releases[1:]]
        self.assertTrue(versions)
        self.assertEqual(versions, sorted(versions, reverse=True))
        dates = [d for _, d in self.releases[1:]]
        self.assertTrue(all(dates))
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_only_the_usual_subsections(self):
        for name in re.findall(r"^### (.+)$", self.text, re.M):
            self.assertIn(name, SECTIONS)

    def test_the_version_is_released_or_unreleased_work_follows_it(self):
        rc, out, _ = journeytest.run(JOURNEY, "--version")
        version = out.split()[1]
        with open(os.path.join(SOURCE, "CMakeLists.txt")) as f:
            cmake = re.search(r"project\(journey VERSION (\S+)", f.read()).group(1)
        with open(os.path.join(SOURCE, "src", "cli", "cli.h")) as f:
            header = re.search(r'#define JOURNEY_VERSION "([^"]+)"', f.read()).group(1)
        self.assertEqual((version, header), (cmake, cmake))
        self.assertIn(version, [v for v, _ in self.releases])


if __name__ == "__main__":
    JOURNEY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
