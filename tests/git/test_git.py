#!/usr/bin/env python3
"""docs/git.md as a user follows it: the `.gitattributes` line and the
`git config` commands are taken from the page itself and run by real git
in a temporary repository, with journey first on PATH.  Then a reformatted
map shows no change in `git diff`, a change's hunk header names its step,
and a branch that reformats a map merges with a branch that edits it.

    test_git.py JOURNEY SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import journeytest

JOURNEY = SOURCE = None

BASE = """journey "Jacket" {
  persona anna "Anna"
  stage discover "Discover" {
    step ad "Sees an ad" {
      emotion 1
      touchpoint "Instagram"
    }
    step browse "Browses the shop" {
      emotion 0
    }
  }
  stage buy "Buy" {
    step pay "Pays online" {
      emotion 1
      pain "Card refused"
    }
    step wait "Waits for the parcel" {
      emotion -1
    }
    step open "Opens the parcel" {
      emotion 2
    }
  }
}
"""


def recipe():
    """The .gitattributes line and the shell's `git config` lines of docs/git.md."""
    with open(os.path.join(SOURCE, "docs", "git.md"), encoding="utf-8") as f:
        text = f.read()
    blocks = re.findall(r"^```\n(.*?)^```", text, re.M | re.S)
    attributes = [b for b in blocks if b.startswith("*.journey ")]
    config = [line for b in blocks for line in b.splitlines() if line.startswith("git config ")]
    return attributes[0], config


@unittest.skipUnless(shutil.which("git"), "git is not installed")
class Git(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        bindir = os.path.join(self.dir, "bin")
        os.mkdir(bindir)
        os.symlink(JOURNEY, os.path.join(bindir, "journey"))
        self.env = journeytest.environment({
            "PATH": bindir + os.pathsep + os.environ.get("PATH", ""),
            "HOME": self.dir, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C",
            "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org",
            "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org",
        })
        self.repo = os.path.join(self.dir, "repo")
        os.mkdir(self.repo)
        self.git("init", "-q", "-b", "main")
        attributes, config = recipe()
        journeytest.write(os.path.join(self.repo, ".gitattributes"), attributes.encode())
        for line in config:
            p = subprocess.run(line, shell=True, cwd=self.repo, env=self.env, capture_output=True, text=True)
            self.assertEqual(p.returncode, 0, line + "\n" + p.stderr)
        self.assertTrue(any("xfuncname" in c for c in config))
        self.assertTrue(any("merge.journey.driver" in c for c in config))
        self.put(BASE)
        self.git("add", ".")
        self.git("commit", "-q", "-m", "base")

    def git(self, *args, check=True):
        p = subprocess.run(["git"] + list(args), cwd=self.repo, env=self.env, capture_output=True, text=True)
        if check:
            self.assertEqual(p.returncode, 0, " ".join(args) + "\n" + p.stdout + p.stderr)
        return p

    def put(self, text, name="map.journey"):
        journeytest.write(os.path.join(self.repo, name), text.encode())

    def get(self, name="map.journey"):
        return journeytest.read(os.path.join(self.repo, name)).decode()

    def test_a_reformatted_map_shows_no_change(self):
        messy = BASE.replace("      emotion 0\n    }", "emotion 0 }").replace("  ", "    ")
        self.put(messy)
        self.assertEqual(self.git("diff").stdout, "")
        self.assertNotEqual(self.git("diff", "--no-textconv").stdout, "")

    def test_hunk_headers_name_the_step(self):
        self.put(BASE.replace('      emotion 2\n', '      emotion -2\n'))
        out = self.git("diff").stdout
        headers = re.findall(r"^@@ [^@]* @@(.*)$", out, re.M)
        self.assertEqual(headers, [' step wait "Waits for the parcel" {'], out)
        self.put(BASE.replace('  stage buy "Buy" {\n', '  stage buy "Buy" {\n    description "Paying"\n'))
        headers = re.findall(r"^@@ [^@]* @@(.*)$", self.git("diff").stdout, re.M)
        self.assertEqual(headers, [' step browse "Browses the shop" {'])

    def test_merge_a_reformatted_map_with_an_edited_one(self):
        self.git("checkout", "-q", "-b", "layout")
        # One branch rewrites the layout (and changes one emotion)...
        messy = BASE.replace("\n      ", "\n\t\t").replace("emotion 1\n\t\ttouchpoint", "emotion 2\n\t\ttouchpoint")
        self.put(messy)
        self.git("commit", "-q", "-am", "layout")
        # ...the other edits a step.
        self.git("checkout", "-q", "main")
        self.put(BASE.replace('pain "Card refused"', 'pain "Card refused twice"'))
        self.git("commit", "-q", "-am", "edit")
        p = self.git("merge", "-q", "--no-edit", "layout", check=False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        merged = self.get()
        want = BASE.replace('pain "Card refused"', 'pain "Card refused twice"').replace(
            "emotion 1\n      touchpoint", "emotion 2\n      touchpoint")
        self.assertEqual(merged, want)

    def test_a_real_conflict_is_marked(self):
        self.git("checkout", "-q", "-b", "other")
        self.put(BASE.replace("emotion 2", "emotion 1").replace("\n      ", "\n        "))
        self.git("commit", "-q", "-am", "other")
        self.git("checkout", "-q", "main")
        self.put(BASE.replace("emotion 2", "emotion -1"))
        self.git("commit", "-q", "-am", "main")
        p = self.git("merge", "-q", "--no-edit", "other", check=False)
        self.assertNotEqual(p.returncode, 0)
        merged = self.get()
        self.assertIn("<<<<<<< ours\n      emotion -1\n=======\n      emotion 1\n>>>>>>> theirs\n", merged)
        self.assertEqual(merged.count("<<<<<<<"), 1, merged)


if __name__ == "__main__":
    JOURNEY, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"])
