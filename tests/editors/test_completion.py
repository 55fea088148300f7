#!/usr/bin/env python3
"""Shell completion (editors/completions/) as a user meets it: press Tab
after a partial command line and see the candidates.

    test_completion.py bash JOURNEY SOURCE_DIR
    test_completion.py zsh JOURNEY SOURCE_DIR     (exit 77 without zsh)

bash: the script is sourced and _journey is called with COMP_WORDS and
COMP_CWORD set as bash sets them (split at '=', as COMP_WORDBREAKS does).
zsh: an interactive zsh in a pseudo-terminal, with compinit and the
completion on $fpath, is sent each line and a Tab; a wrapper around the
compadd builtin records what would be offered.

The expected lists come from the sources of truth where there is one: the
commands and options from `journey help`, the warnings from
include/journey/codes.h, the lanes from include/journey/render.h, the
kinds from `journey help report`, the templates from
`journey init --list-templates`.
"""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

import help_text
import journeytest

JOURNEY = SRC = None
SHELL = None
COMPLETIONS = None


def run(*args):
    """journey's standard output."""
    return journeytest.run(JOURNEY, *args, timeout=60)[1]


def help_options(cmd):
    return help_text.option_names(help_text.option_columns(help_text.help_of(JOURNEY, cmd)))


def commands():
    return help_text.commands(JOURNEY)


def warnings():
    with open(os.path.join(SRC, "include", "journey", "codes.h")) as f:
        return re.findall(r'X\(\w+,\s*"([a-z-]+)",\s*1,', f.read())


def lanes():
    with open(os.path.join(SRC, "include", "journey", "render.h")) as f:
        return re.findall(r'X\(\w+,\s*"([a-z]+)",\s*"', f.read())


def kinds():
    text = help_text.help_of(JOURNEY, "report")
    block = text.split("Kinds:\n", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^  ([a-z]+)\s", block, re.M)


def templates():
    return [line.split()[0] for line in run("init", "--list-templates").splitlines()]


# ---- the two shells --------------------------------------------------------

CURSOR = "^"     # where the cursor is, when not at the end of the line


def bash_words(line):
    """COMP_WORDS and COMP_CWORD as bash sets them: the line split at
    spaces, with '=' a word of its own; the word under the cursor."""
    before, _, after = line.partition(CURSOR)
    words = []
    for w in before.split(" "):
        m = re.match(r"(--[A-Za-z-]+)=(.*)$", w)
        words += [m.group(1), "="] + ([m.group(2)] if m.group(2) else []) if m else [w]
    cword = len(words) - 1
    if after:
        rest = after.split(" ")
        words[-1] += rest[0]
        words += rest[1:]
    return words, cword


class Bash:
    def __init__(self, bindir):
        self.bindir = bindir

    def complete(self, lines, cwd, path=None):
        """Candidates (sorted, unique) for each line; the last word of a
        line is the one being completed."""
        script = [f"source {sh_quote(os.path.join(COMPLETIONS, 'journey.bash'))}"]
        for i, line in enumerate(lines):
            words, cword = bash_words(line)
            script.append("COMP_WORDS=(" + " ".join(sh_quote(w) for w in words) + ")")
            script.append(f"COMP_CWORD={cword}; COMPREPLY=(); _journey")
            script.append(f"printf '%s\\n' \"${{COMPREPLY[@]}}\"; echo '=== {i}'")
        env = dict(os.environ, PATH=path if path is not None else self.bindir + os.pathsep + os.environ["PATH"])
        p = subprocess.run(["bash", "--norc", "--noprofile", "-c", "\n".join(script)], capture_output=True,
                           text=True, cwd=cwd, env=env, timeout=120)
        if p.returncode != 0 or p.stderr:
            raise AssertionError(f"bash: {p.returncode} {p.stderr}")
        return split_markers(p.stdout, len(lines))


class Zsh:
    PROMPT = "<zsh-ready> "     # set as '<''zsh-ready> ': the echo of that is not it

    def __init__(self, bindir):
        self.bindir = bindir

    def complete(self, lines, cwd, path=None):
        import pty
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            open(out, "w").close()
            env = dict(os.environ, PATH=path if path is not None else self.bindir + os.pathsep + os.environ["PATH"],
                       TERM="xterm", HOME=tmp)
            master, slave = pty.openpty()
            p = subprocess.Popen(["zsh", "-f", "-i"], stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                                 start_new_session=True)
            os.close(slave)
            self.fd, self.seen = master, b""
            setup = [
                f"fpath=({sh_quote(COMPLETIONS)} $fpath); autoload -Uz compinit; compinit -u -D",
                "compadd() { local -a __m; builtin compadd -O __m \"$@\"; (( $#__m )) && "
                f"print -rl -- $__m >> {sh_quote(out)}; builtin compadd \"$@\"; }}",
                "zstyle ':completion:*' menu no; zstyle ':completion:*' list-prompt ''; LISTMAX=100000",
                "PS1='<''zsh-ready> '",
            ]
            try:
                self.send("; ".join(setup) + "\n")
                for i, line in enumerate(lines):
                    # Type only when the line editor is reading (a prompt is
                    # up): typed ahead, the terminal would edit the line.
                    self.wait(lambda: self.PROMPT.encode() in self.seen)
                    self.seen = b""
                    before, _, after = line.partition(CURSOR)
                    back = "\x02" * len(after)          # C-b: back over what follows the cursor
                    self.send(before + after + back + "\t" + "\x05\x15" +
                              f"print -r -- '=== {i}' >> {sh_quote(out)}\n")
                    self.wait(lambda: f"=== {i}\n" in read(out))
                self.send("exit\n")
            finally:
                p.kill()
                p.wait()
                os.close(master)
            return split_markers(read(out), len(lines))

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait(self, done):
        end = time.time() + 30
        while not done():
            if time.time() > end:
                raise AssertionError(f"zsh did not answer; the terminal shows: {self.seen[-500:]!r}")
            # Drain the terminal, so that zsh never blocks writing to it.
            while select.select([self.fd], [], [], 0.02)[0]:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    data = b""
                if not data:
                    break
                self.seen += data


def read(path):
    with open(path) as f:
        return f.read()


def split_markers(text, n):
    out, cur = [], []
    for line in text.splitlines():
        if line.startswith("=== "):
            out.append(sorted(set(cur)))
            cur = []
        elif line:
            cur.append(line)
    if len(out) != n:
        raise AssertionError(f"{len(out)} answers for {n} lines: {text!r}")
    return out


def sh_quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


# ---- the tests -------------------------------------------------------------

class Completion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.bindir = os.path.join(cls.tmp, "bin")
        os.mkdir(cls.bindir)
        os.symlink(JOURNEY, os.path.join(cls.bindir, "journey"))
        cls.shell = (Bash if SHELL == "bash" else Zsh)(cls.bindir)
        cls.work = os.path.join(cls.tmp, "work")
        os.makedirs(os.path.join(cls.work, "maps", "shared"))
        for f in ("winter-jacket.journey", "online-purchase.journey", "people.journey"):
            shutil.copy(os.path.join(SRC, "examples", f), os.path.join(cls.work, "maps", f))
        with open(os.path.join(cls.work, "broken.journey"), "w") as f:
            f.write('journey "J" {\n  persona zoe "Zoe"\n  persona yann "Yann" {\n    goal "G"\n  }\n'
                    '  stage s "S" {\n    step a "A" {\n      owner nobody\n    }\n  }\n}\n')
        for f in ("notes.txt", "out.svg"):
            open(os.path.join(cls.work, f), "w").close()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def complete(self, *lines, path=None):
        return self.shell.complete(list(lines), self.work, path=path)

    def test_commands(self):
        got = self.complete("journey ", "journey re", "journey help ")
        self.assertEqual(set(commands()) - set(got[0]), set())
        self.assertEqual(got[1], ["render", "report"])
        self.assertEqual(got[2], sorted(commands()))

    def test_options_of_each_command_match_the_help(self):
        cmds = [c for c in commands() if c != "help"]
        got = self.complete(*(f"journey {c} -" for c in cmds))
        for cmd, cands in zip(cmds, got):
            with self.subTest(command=cmd):
                want = help_options(cmd)
                self.assertTrue(want)
                self.assertEqual(set(cands) - want, set(), "completed, not in the help")
                self.assertEqual(want - set(cands), set(), "in the help, not completed")

    def test_formats(self):
        got = self.complete("journey render -T ", "journey render map.journey --format ",
                            "journey export -f ", "journey diff -f ", "journey report --format ",
                            "journey render --format=p", "journey export --format=")
        self.assertEqual(got[0], sorted(["svg", "png", "pdf", "dot", "html"]))
        self.assertEqual(got[1], sorted(["svg", "png", "pdf", "dot", "html"]))
        self.assertEqual(got[2], ["json", "mermaid"])
        self.assertEqual(got[3], sorted(["text", "markdown", "json"]))
        self.assertEqual(got[4], sorted(["csv", "tsv", "markdown", "md"]))
        self.assertEqual(got[5], ["pdf", "png"])
        self.assertEqual(got[6], ["json", "mermaid"])

    def test_kinds(self):
        got = self.complete("journey report maps/winter-jacket.journey --kind ", "journey report -k p")
        self.assertEqual(got[0], sorted(kinds()))
        self.assertEqual(got[1], ["pains", "personas"])

    def test_diagnostics_and_color(self):
        got = self.complete("journey check --diagnostics=", "journey fmt --diagnostics ",
                            "journey check --color=", "journey diff --color=a")
        self.assertEqual(got[0], sorted(["text", "json", "sarif", "github"]))
        self.assertEqual(got[1], sorted(["text", "json", "sarif", "github"]))
        self.assertEqual(got[2], sorted(["auto", "always", "never"]))
        self.assertEqual(got[3], ["always", "auto"])

    def test_warnings(self):
        names = warnings()
        self.assertIn("missing-emotion", names)
        got = self.complete("journey check -W ", "journey render -W no-u", "journey check -W e",
                            "journey check -Wno-u")
        self.assertEqual(set(got[0]), set(names) | {"no-" + n for n in names} | {"all", "no-all", "error"})
        self.assertEqual(got[1], sorted("no-" + n for n in names if n.startswith("u")))
        self.assertEqual(got[2], sorted(["error", "empty-stage", "emotion-cliff"]))
        # In one word: bash offers the whole word, zsh what follows -W.
        self.assertEqual([c.removeprefix("-W") for c in got[3]], got[1])

    def test_lanes(self):
        got = self.complete("journey render maps/winter-jacket.journey --lanes ",
                            "journey render --lanes steps,pa", "journey render --lanes steps,pains,o")
        self.assertEqual(got[0], sorted(lanes()))
        tail = [c.rsplit(",", 1)[-1] for c in got[1]]
        self.assertEqual(tail, ["pains"])
        tail = [c.rsplit(",", 1)[-1] for c in got[2]]
        self.assertEqual(tail, ["opportunities", "owners"])
        if SHELL == "bash":      # bash replaces the whole word
            self.assertEqual(got[1], ["steps,pains"])

    def test_personas_of_the_map_on_the_line(self):
        got = self.complete("journey render maps/winter-jacket.journey --persona ",
                            "journey render maps/winter-jacket.journey --persona=b",
                            "journey render broken.journey --persona ",
                            "journey render --persona ")
        self.assertEqual(got[0], ["anna", "ben"])
        self.assertEqual(got[1], ["ben"])
        self.assertEqual(got[2], ["yann", "zoe"], "a map with errors: the ids from its text")
        self.assertEqual(got[3], [])

    def test_personas_with_the_cursor_before_the_map(self):
        got = self.complete("journey render --persona ^ maps/online-purchase.journey",
                            "journey render -I maps --persona m^ maps/online-purchase.journey")
        self.assertEqual(got, [["maya"], ["maya"]])

    def test_templates(self):
        got = self.complete("journey init --template ", "journey init -t s")
        self.assertEqual(got[0], sorted(templates()))
        self.assertEqual(got[1], sorted(t for t in templates() if t.startswith("s")))

    def test_without_journey_on_the_path(self):
        """The lists that need journey fall back on what the files say."""
        path = "/usr/bin:/bin"
        got = self.complete("journey init --template ", "journey render maps/winter-jacket.journey --persona ",
                            path=path)
        self.assertEqual(got[0], sorted(templates()), "the fallback list of templates is out of date")
        self.assertEqual(got[1], ["anna", "ben"])

    def test_files(self):
        got = self.complete("journey check ", "journey check maps/", "journey fmt -w maps/w",
                            "journey render -o ", "journey check -I ", "journey diff maps/people.journey maps/o",
                            "journey check --max-errors ")
        self.assertEqual(got[0], ["broken.journey", "maps"])
        names = {os.path.basename(c.rstrip("/")) for c in got[1]}
        self.assertLessEqual({"online-purchase.journey", "people.journey", "shared", "winter-jacket.journey"}, names)
        self.assertEqual({n for n in names if "." in n and not n.endswith(".journey")}, set())
        # (zsh also reports the directory part, maps, on its way)
        self.assertEqual([os.path.basename(c) for c in got[2] if "." in c], ["winter-jacket.journey"])
        self.assertIn("notes.txt", got[3])
        self.assertIn("out.svg", got[3])
        self.assertEqual([c.rstrip("/") for c in got[4]], ["maps"])
        self.assertEqual([os.path.basename(c) for c in got[5] if "." in c], ["online-purchase.journey"])
        self.assertEqual(got[6], [])


if __name__ == "__main__":
    SHELL, JOURNEY, SRC = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    COMPLETIONS = os.path.join(SRC, "editors", "completions")
    if not shutil.which(SHELL):
        print(f"{SHELL} is not installed: skipped")
        sys.exit(77)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[4:])
