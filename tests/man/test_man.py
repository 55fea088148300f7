#!/usr/bin/env python3
"""The journey(1) man page against the command's own help, both ways: the
commands, each command's usage line and options (with their argument
names), the global options, the warnings and their defaults.  Every option
the help lists must also be accepted by the command.

    test_man.py JOURNEY MAN_PAGE
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import help_text
import journeytest

JOURNEY = MAN = None
run = None  # journeytest.runner(JOURNEY, timeout=60), once JOURNEY is known
REQUIRED_SECTIONS = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "WARNINGS",
                     "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES", "SEE ALSO"]


# ---- roff ------------------------------------------------------------------

def roff_args(rest):
    """The arguments of a macro line: separated by spaces, "quoted" or not."""
    args, i = [], 0
    while i < len(rest):
        if rest[i] == " ":
            i += 1
        elif rest[i] == '"':
            j = rest.find('"', i + 1)
            j = len(rest) if j < 0 else j
            args.append(rest[i + 1:j])
            i = j + 1
        else:
            j = rest.find(" ", i)
            j = len(rest) if j < 0 else j
            args.append(rest[i:j])
            i = j
    return args


def roff_text(line):
    """A line of roff as the reader sees its text (fonts dropped)."""
    m = re.match(r"\.(B|I|BR|RB|BI|IB|IR|RI)\s+(.*)", line)
    if m:
        args = roff_args(m.group(2))
        line = ("" if len(m.group(1)) == 2 else " ").join(args)
    text = re.sub(r"\\f[BIRP]", "", line)
    return text.replace("\\-", "-").replace("\\&", "").replace("\\(aq", "'")


def man_sections(src):
    """{SECTION: [lines]}, in order."""
    sections, cur = {}, None
    for line in src.splitlines():
        m = re.match(r'\.SH\s+"?([^"]+)"?$', line)
        if m:
            cur = m.group(1)
            sections[cur] = []
        elif cur:
            sections[cur].append(line)
    return sections


def tagged_items(lines):
    """(tag text, body text) of each .TP item."""
    items = []
    for i, line in enumerate(lines):
        if line == ".TP" and i + 1 < len(lines):
            body = []
            for b in lines[i + 2:]:
                if b in (".TP", ".PP") or b.startswith(".SS") or b.startswith(".SH"):
                    break
                body.append(roff_text(b))
            items.append((roff_text(lines[i + 1]), " ".join(body)))
    return items


def man_commands(src):
    """{command: (title, [option tags])} from the COMMANDS section."""
    out = {}
    lines = man_sections(src)["COMMANDS"]
    chunks = []
    for line in lines:
        m = re.match(r'\.SS\s+"(.*)"$', line)
        if m:
            chunks.append((m.group(1), []))
        elif chunks:
            chunks[-1][1].append(line)
    for title, body in chunks:
        name = title.split()[1]
        out[name] = (title, [tag for tag, _ in tagged_items(body)])
    return out


# ---- options, from either side ---------------------------------------------

PLACEHOLDER = re.compile(r"^(?:\[=[A-Z]+\]|=[A-Z]+| [A-Z]+)$")


def options(left_columns):
    """{(option, argument placeholder or '')} from option columns such as
    '-o, --output OUT' or '-W NAME, --max-errors N, --color[=WHEN]'.  An
    item whose argument is a literal word (-W all) counts as the option alone."""
    out = set()
    for col in left_columns:
        for item in col.split(", "):
            m = re.match(r"(--?[A-Za-z][A-Za-z-]*)(.*)$", item.strip())
            if not m:
                continue
            arg = m.group(2)
            out.add((m.group(1), arg if PLACEHOLDER.match(arg) else ""))
    return out


def names(opts):
    return {o for o, _ in opts}


def with_args(opts):
    return {(o, a) for o, a in opts if a}


def help_options(text):
    return help_text.option_columns(text)


def help_commands():
    return help_text.commands(JOURNEY)


class ManPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(MAN, encoding="utf-8") as f:
            cls.src = f.read()
        cls.sections = man_sections(cls.src)
        cls.commands = man_commands(cls.src)

    def test_sections(self):
        for s in REQUIRED_SECTIONS:
            self.assertIn(s, self.sections)
        rc, version, _ = run("--version")
        # The version without the revision it was built from; the date as
        # man-pages write it (YYYY-MM-DD), which mandoc reads.
        self.assertRegex(self.src, r'\.TH JOURNEY 1 \d{4}-\d{2}-\d{2} "' + re.escape(" ".join(version.split()[:2])) + '"')

    def test_every_command_and_no_other(self):
        self.assertEqual(sorted(self.commands), sorted(help_commands()))

    def test_usage_lines(self):
        for cmd, (title, _) in self.commands.items():
            with self.subTest(command=cmd):
                rc, out, _ = run("help", cmd)
                self.assertEqual(rc, 0)
                self.assertEqual(title, out.splitlines()[0].removeprefix("usage: "))

    def test_options_of_each_command_both_ways(self):
        for cmd, (_, tags) in self.commands.items():
            with self.subTest(command=cmd):
                rc, out, _ = run("help", cmd)
                in_help, in_man = options(help_options(out)), options(tags)
                self.assertEqual(names(in_man) - names(in_help), set(), "in the man page, not in the help")
                self.assertEqual(names(in_help) - names(in_man), set(), "in the help, not in the man page")
                self.assertEqual(with_args(in_man), with_args(in_help), "argument names differ")

    def test_global_options(self):
        rc, out, _ = run("--help")
        self.assertEqual(options(tag for tag, _ in tagged_items(self.sections["OPTIONS"])),
                         options(help_options(out)))

    def test_warnings_and_defaults(self):
        rc, out, _ = run("help", "check")
        in_help = dict(re.findall(r"([a-z]+(?:-[a-z]+)*) \[(on|off)\]", out.split("Warnings")[1]))
        in_man = {}
        for tag, body in tagged_items(self.sections["WARNINGS"]):
            state = re.search(r"\((on|off)\)", body).group(1)
            for name in tag.split(", "):
                in_man[name.strip()] = state
        self.assertTrue(in_help)
        self.assertEqual(in_man, in_help)

    def test_exit_statuses_and_environment(self):
        self.assertEqual([tag for tag, _ in tagged_items(self.sections["EXIT STATUS"])], ["0", "1", "2"])
        env = [tag for tag, _ in tagged_items(self.sections["ENVIRONMENT"])]
        for var in ("NO_COLOR", "SOURCE_DATE_EPOCH", "TERM"):
            self.assertIn(var, env)

    def test_templates_named(self):
        rc, out, _ = run("init", "--list-templates")
        body = " ".join(roff_text(l) for l in self.src.splitlines())
        for line in out.splitlines():
            self.assertIn(line.split()[0], body)

    def test_help_options_are_accepted(self):
        """An option in the help that the command does not know would be a
        lie in both places."""
        with tempfile.TemporaryDirectory() as d:
            for cmd in self.commands:
                rc, out, _ = run("help", cmd)
                for opt in sorted(names(options(help_options(out)))):
                    with self.subTest(command=cmd, option=opt):
                        rc, _, err = run(cmd, opt, cwd=d)
                        self.assertNotIn("unknown option", err)
                        self.assertNotEqual(rc, -11)

    def test_groff_reads_it_without_warnings(self):
        if not shutil.which("groff"):
            self.skipTest("groff is not installed")
        p = subprocess.run(["groff", "-man", "-ww", "-z", "-Tutf8", MAN], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_mandoc_lint_is_clean(self):
        # Debian's mandoc (scripts/bootstrap installs it): style and
        # portability warnings too, such as a date it cannot parse.
        if not shutil.which("mandoc"):
            self.skipTest("mandoc is not installed")
        p = subprocess.run(["mandoc", "-Tlint", "-W", "style", MAN], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stdout + p.stderr), (0, ""))


if __name__ == "__main__":
    JOURNEY, MAN = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=60)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
