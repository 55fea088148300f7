#!/usr/bin/env python3
"""The CI recipes of docs/ci.md, run for real on the examples.

    test_ci.py JOURNEY SOURCE_DIR

The GitHub Actions workflow (editors/ci/journey-maps.yml): the shell of
each of its steps is run with bash, as the runner runs it, in a temporary
git repository holding the examples, with a pull request's branch checked
out and journey on PATH; the expressions the steps use are given the
values GitHub would give them.  `gh` is a stub that records the comment.
The pre-commit hook (editors/ci/pre-commit) is installed in a temporary
repository and commits are made through it.  docs/ci.md must show both
files as they are.
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

import yaml

JOURNEY = SRC = None
PR_NUMBER = "42"

BROKEN = '''journey "Return a parcel" {
  persona ada "Ada"
  channel shop "Online shop"
  stage start "Start" {
    step form "Fills in the return form" {
      touchpoint shpo "Returns page"
      emotion -1
    }
  }
}
'''

MESSY = 'journey "Messy" {\n    persona ada "Ada"\n  stage s "S" { step a "A" { emotion 1 } }\n}\n'

WARNS = '''journey "Unused" {
  persona ada "Ada"
  persona bob "Bob"
  stage s "S" {
    step a "A" {
      persona ada
      emotion 1
    }
  }
}
'''


def git_env(home):
    return dict(os.environ, HOME=home, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Test",
                GIT_AUTHOR_EMAIL="test@example.org", GIT_COMMITTER_NAME="Test",
                GIT_COMMITTER_EMAIL="test@example.org", GIT_AUTHOR_DATE="2026-01-01T00:00:00Z",
                GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")


class Repo:
    """A git repository with the examples in maps/, on branch main."""

    def __init__(self, root, bindir):
        self.root = os.path.join(root, "repo")
        self.home = root
        self.env = git_env(root)
        self.env["PATH"] = bindir + os.pathsep + os.environ["PATH"]
        os.makedirs(os.path.join(self.root, "maps"))
        for f in os.listdir(os.path.join(SRC, "examples")):
            if os.path.isdir(os.path.join(SRC, "examples", f)):   # images the maps name
                shutil.copytree(os.path.join(SRC, "examples", f), os.path.join(self.root, "maps", f))
            else:
                shutil.copy(os.path.join(SRC, "examples", f), os.path.join(self.root, "maps", f))
        self.git("init", "-q", "-b", "main")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", "maps")

    def git(self, *args, check=True):
        p = subprocess.run(["git"] + list(args), cwd=self.root, env=self.env, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise AssertionError(f"git {' '.join(args)}: {p.stderr}")
        return p

    def write(self, rel, text):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    def read(self, rel):
        with open(os.path.join(self.root, rel)) as f:
            return f.read()

    def edit(self, rel, old, new):
        text = self.read(rel)
        assert old in text, (rel, old)
        self.write(rel, text.replace(old, new, 1))


def load_workflow():
    with open(os.path.join(SRC, "editors", "ci", "journey-maps.yml")) as f:
        return yaml.safe_load(f)


def step(workflow, name):
    for s in workflow["jobs"]["maps"]["steps"]:
        if s.get("name") == name:
            return s
    raise AssertionError(f"no step named {name!r}")


# The values GitHub gives the expressions the workflow uses, on a pull request.
EXPRESSIONS = {
    "github.event_name == 'pull_request' && format('origin/{0}', github.base_ref) || github.event.before":
        "origin/main",
    "github.token": "not-a-token",
    "github.event.pull_request.number": PR_NUMBER,
}


def expand(value):
    def one(m):
        expr = m.group(1).strip()
        if expr not in EXPRESSIONS:
            raise AssertionError(f"the test does not know the value of ${{{{ {expr} }}}}")
        return EXPRESSIONS[expr]
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


class Workflow(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.wf = load_workflow()

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.bindir = os.path.join(self.tmp, "bin")
        os.mkdir(self.bindir)
        os.symlink(JOURNEY, os.path.join(self.bindir, "journey"))
        self.gh_log = os.path.join(self.tmp, "gh.log")
        with open(os.path.join(self.bindir, "gh"), "w") as f:
            f.write('#!/bin/sh\n# records: the arguments, then the body file\n'
                    f'printf "%s\\n" "$*" >> "{self.gh_log}"\n'
                    'while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cat "$2" >> "' + self.gh_log + '"; shift; done\n')
        os.chmod(os.path.join(self.bindir, "gh"), 0o755)
        self.repo = Repo(self.tmp, self.bindir)
        self.repo.git("update-ref", "refs/remotes/origin/main", "main")
        self.repo.git("checkout", "-q", "-b", "feature")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def commit(self, message):
        self.repo.git("add", "-A")
        self.repo.git("commit", "-q", "-m", message)

    def run_step(self, name):
        """Runs a step's shell as the runner does (bash -e -o pipefail),
        with the job's and the step's environment."""
        s = step(self.wf, name)
        env = dict(self.repo.env, RUNNER_TEMP=self.tmp, GITHUB_WORKSPACE=self.repo.root)
        for scope in (self.wf["jobs"]["maps"].get("env", {}), s.get("env", {})):
            env.update({k: expand(v) for k, v in scope.items()})
        self.assertEqual(self.wf["defaults"]["run"]["shell"], "bash")
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", s["run"]],
                              cwd=self.repo.root, env=env, capture_output=True, text=True, timeout=300)

    def test_shape(self):
        self.assertIn("pull_request", self.wf[True])          # YAML reads `on:` as true
        jobs = self.wf["jobs"]["maps"]
        self.assertEqual(jobs["permissions"]["security-events"], "write")
        self.assertEqual(jobs["permissions"]["pull-requests"], "write")
        uses = {s["uses"].split("@")[0]: s for s in jobs["steps"] if "uses" in s}
        self.assertEqual(uses["github/codeql-action/upload-sarif"]["with"]["sarif_file"], "journey.sarif")
        self.assertIn("> journey.sarif", step(self.wf, "SARIF log for code scanning")["run"])
        self.assertEqual(uses["actions/upload-artifact"]["with"]["path"], "rendered/")
        self.assertIn('-o "rendered/', step(self.wf, "Draw the changed maps")["run"])
        self.assertEqual(uses["actions/checkout"]["with"]["fetch-depth"], 0)
        self.assertIn("cmake --install", step(self.wf, "Install journey")["run"])

    def test_steps_pass_shellcheck(self):
        if not shutil.which("shellcheck"):
            self.skipTest("shellcheck is not installed")
        for s in self.wf["jobs"]["maps"]["steps"]:
            if "run" in s:
                p = subprocess.run(["shellcheck", "-s", "bash", "-"], input=s["run"], capture_output=True, text=True)
                self.assertEqual(p.returncode, 0, f"{s['name']}:\n{p.stdout}")

    def test_check_clean_maps(self):
        p = self.run_step("Check the maps")
        self.assertEqual((p.returncode, p.stdout), (0, ""), p.stderr)

    def test_check_annotates_a_broken_map(self):
        self.repo.write("maps/returns.journey", BROKEN)
        self.commit("a broken map")
        p = self.run_step("Check the maps")
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stdout, r"(?m)^::error file=maps/returns\.journey,line=6,col=18,endColumn=22,"
                                   r"title=unknown-channel::unknown channel 'shpo'; did you mean 'shop'\?")

    def test_sarif_log(self):
        self.repo.write("maps/returns.journey", BROKEN)
        self.commit("a broken map")
        p = self.run_step("SARIF log for code scanning")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(self.repo.root, "journey.sarif")) as f:
            log = json.load(f)
        self.assertEqual(log["version"], "2.1.0")
        results = log["runs"][0]["results"]
        self.assertEqual([r["ruleId"] for r in results], ["unknown-channel"])
        loc = results[0]["locations"][0]["physicalLocation"]
        self.assertEqual((loc["artifactLocation"]["uri"], loc["region"]["startLine"]), ("maps/returns.journey", 6))

    def test_sarif_step_fails_on_a_usage_error(self):
        # A map git knows but the working tree lost: status 2, not a log.
        os.remove(os.path.join(self.repo.root, "maps", "clinic-appointment.journey"))
        p = self.run_step("SARIF log for code scanning")
        self.assertEqual(p.returncode, 1)
        self.assertIn("cannot read 'maps/clinic-appointment.journey'", p.stderr)

    def test_layout(self):
        self.assertEqual(self.run_step("Check the layout").returncode, 0)
        self.repo.write("maps/messy.journey", MESSY)
        self.commit("a messy map")
        p = self.run_step("Check the layout")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout.splitlines()[0], "maps/messy.journey")
        self.assertIn("::error::run journey fmt -w", p.stdout)

    def test_draws_only_the_changed_maps(self):
        self.repo.edit("maps/winter-jacket.journey", 'emotion -1 "Chilly"', 'emotion -2 "Freezing"')
        self.repo.edit("maps/people.journey", "# ", "# Edited. ")
        self.repo.write("maps/new/gift.journey", self.repo.read("maps/winter-jacket.journey")
                        .replace('import "people.journey"', 'import "../people.journey"'))
        self.commit("change two maps and a library, add one")
        p = self.run_step("Draw the changed maps")
        self.assertEqual(p.returncode, 0, p.stderr)
        drawn = sorted(os.path.relpath(os.path.join(d, f), os.path.join(self.repo.root, "rendered"))
                       for d, _, fs in os.walk(os.path.join(self.repo.root, "rendered")) for f in fs)
        self.assertEqual(drawn, ["maps/new/gift.svg", "maps/winter-jacket.svg"])
        with open(os.path.join(self.repo.root, "rendered", "maps", "winter-jacket.svg")) as f:
            svg = f.read()
        self.assertTrue(svg.startswith("<?xml") and "Freezing" in svg)

    def test_draws_every_map_without_a_base(self):
        EXPRESSIONS_SAVED = dict(EXPRESSIONS)
        key = next(k for k in EXPRESSIONS if "github.event.before" in k)
        EXPRESSIONS[key] = "0000000000000000000000000000000000000000"   # a push that made the branch
        try:
            p = self.run_step("Draw the changed maps")
        finally:
            EXPRESSIONS.clear()
            EXPRESSIONS.update(EXPRESSIONS_SAVED)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(self.repo.root, "rendered", "maps"))),
                         ["clinic-appointment.svg", "online-purchase.svg", "saas-onboarding.svg",
                          "sneakers-as-is.svg", "sneakers-to-be.svg", "winter-jacket.svg"])

    def test_pull_request_comment(self):
        self.repo.edit("maps/winter-jacket.journey", 'emotion -1 "Chilly"', 'emotion -2 "Freezing"')
        self.commit("colder")
        p = self.run_step("Comment with what changed")
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(self.gh_log) as f:
            log = f.read()
        first, body = log.split("\n", 1)
        self.assertEqual(first, f"pr comment {PR_NUMBER} --body-file changes.md")
        self.assertTrue(body.startswith("### Journey map changes\n"), body)
        self.assertIn("- step `cold` \"Feels the cold on the way to work\"\n"
                      "  - emotion of `anna`: -1 \"Chilly\" → -2 \"Freezing\"\n", body)

    def test_no_comment_when_no_map_changed(self):
        self.repo.write("README.md", "maps\n")
        self.commit("no map")
        p = self.run_step("Comment with what changed")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertFalse(os.path.exists(self.gh_log))


class PreCommit(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.bindir = os.path.join(self.tmp, "bin")
        os.mkdir(self.bindir)
        os.symlink(JOURNEY, os.path.join(self.bindir, "journey"))
        self.repo = Repo(self.tmp, self.bindir)       # the first commit, without the hook
        hook = os.path.join(self.repo.root, ".git", "hooks", "pre-commit")
        shutil.copy(os.path.join(SRC, "editors", "ci", "pre-commit"), hook)
        self.assertTrue(os.stat(hook).st_mode & stat.S_IXUSR, "the hook must be executable")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def commit(self, *paths):
        self.repo.git("add", "--", *paths)
        return self.repo.git("commit", "-q", "-m", "change", check=False)

    def test_canonical_maps_pass(self):
        self.repo.edit("maps/winter-jacket.journey", 'emotion -1 "Chilly"', 'emotion -2 "Freezing"')
        self.repo.edit("maps/people.journey", "# ", "# Edited. ")
        p = self.commit("maps")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")

    def test_unformatted_map_fails(self):
        self.repo.write("maps/messy.journey", MESSY)
        p = self.commit("maps/messy.journey")
        self.assertEqual(p.returncode, 1)
        self.assertIn("pre-commit: maps/messy.journey is not formatted; run: journey fmt -w "
                      "'maps/messy.journey' && git add 'maps/messy.journey'", p.stderr)
        self.assertEqual(self.repo.git("log", "--oneline").stdout.count("\n"), 1)

    def test_warning_fails_under_werror(self):
        self.repo.write("maps/unused.journey", WARNS)
        p = self.commit("maps/unused.journey")
        self.assertEqual(p.returncode, 1)
        self.assertIn("maps/unused.journey:3:11: error: persona 'bob' is declared but never used [-Werror,-Wunused-persona]",
                      p.stderr)

    def test_error_in_a_map_fails(self):
        self.repo.write("maps/returns.journey", BROKEN)
        p = self.commit("maps/returns.journey")
        self.assertEqual(p.returncode, 1)
        self.assertIn("maps/returns.journey:6:18: error: unknown channel 'shpo'", p.stderr)

    def test_syntax_error_reported_once(self):
        self.repo.write("maps/cut.journey", 'journey "Cut short" {\n  stage s "S" {\n')
        p = self.commit("maps/cut.journey")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stderr.count("maps/cut.journey:2:16: error: expected '}' before the end of the file"),
                         1, p.stderr)
        self.assertNotIn("is not formatted", p.stderr)

    def test_checks_what_is_staged(self):
        self.repo.write("maps/messy.journey", MESSY)
        self.repo.git("add", "maps/messy.journey")
        subprocess.run(["journey", "fmt", "-w", "maps/messy.journey"], cwd=self.repo.root, env=self.repo.env,
                       check=True)
        p = self.repo.git("commit", "-q", "-m", "fixed, but not staged", check=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("maps/messy.journey is not formatted", p.stderr)
        p = self.commit("maps/messy.journey")
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_imports_resolve_against_staged_libraries(self):
        # A persona removed from the library in the working tree only: the
        # staged library still has it, so the staged maps check clean.
        self.repo.edit("maps/winter-jacket.journey", 'emotion -1 "Chilly"', 'emotion -2 "Freezing"')
        self.repo.git("add", "maps/winter-jacket.journey")
        self.repo.write("maps/people.journey", "# emptied, not staged\n")
        p = self.repo.git("commit", "-q", "-m", "colder", check=False)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_no_map_staged(self):
        self.repo.write("README.md", "maps\n")
        p = self.commit("README.md")
        self.assertEqual((p.returncode, p.stderr), (0, ""))


class Docs(unittest.TestCase):
    def test_ci_md_shows_the_files_as_they_are(self):
        with open(os.path.join(SRC, "docs", "ci.md")) as f:
            doc = f.read()
        blocks = re.findall(r"```[a-z]*\n(.*?)```", doc, re.S)
        for rel in ("journey-maps.yml", "pre-commit"):
            with open(os.path.join(SRC, "editors", "ci", rel)) as f:
                self.assertIn(f.read(), blocks, f"docs/ci.md does not show editors/ci/{rel} as it is")


if __name__ == "__main__":
    JOURNEY, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
