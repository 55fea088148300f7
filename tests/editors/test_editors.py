#!/usr/bin/env python3
"""The editor grammars under editors/ against the scanner's rules.

    test_editors.py textmate SOURCE_DIR    the VS Code TextMate grammar
    test_editors.py vim SOURCE_DIR         the Vim syntax file (exit 77 without vim)
    test_editors.py vscode SOURCE_DIR      package.json, language-configuration.json

The keywords come from the statement table (JY_NODE_LIST in ast.h), so
a new keyword fails these tests until both grammars know it.  A reference
tokenizer written from the scanner's rules classifies every character of
the examples, of tests/editors/highlight.journey and of a generated file
that uses every keyword as a statement and as a name; each grammar must
give every character the same class (keyword, declared id, string, escape,
number, range, comment...).  TextMate patterns are run with Python's re,
which shares the syntax the grammar uses with Oniguruma.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

SRC = None

ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
RANGE = re.compile(r"[+-]?[0-9]+\.\.[+-]?[0-9]+")
NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?%?")
STRING = re.compile(r'"(?:[^"\\\r\n]|\\[^\r\n])*"')
OPEN_STRING = re.compile(r'"(?:[^"\\\r\n]|\\[^\r\n])*\\?')
ESCAPE = re.compile(r'\\(?:["\\nt]|u\{[0-9A-Fa-f]{1,6}\})')
DECLARATIONS = {"persona", "channel", "team", "kpi", "stage", "step"}
VALUES = {"state": {"current", "future", "as-is", "to-be"}, "better": {"higher", "lower"},
          "severity": {"low", "medium", "high", "critical"}, "impact": {"low", "medium", "high"},
          "effort": {"low", "medium", "high"}, "status": {"idea", "planned", "doing", "done", "dropped"}}


def keywords():
    """The keywords of the statement table (JY_NODE_LIST in ast.h), which
    the scanner's keyword table is made from."""
    with open(os.path.join(SRC, "include", "journey", "ast.h")) as f:
        rows = re.findall(r'X\((\w+),\s*"([a-z-]+)",\s*(\w+),', f.read())
    table = list(dict.fromkeys(kw for _, kw, _ in rows))
    if len(table) < 30:
        raise AssertionError(f"only {len(table)} keywords found in JY_NODE_LIST")
    return table


# ---- the reference: classes by the scanner's rules ----------------------

def classify(text, kws):
    """One class per character: ws, keyword, declid, constant, name, string,
    escape, badescape, number, range, comment, punct, bad."""
    cls = ["ws"] * len(text)
    kws = set(kws)

    def mark(a, b, c):
        cls[a:b] = [c] * (b - a)

    def string_body(a, b):
        mark(a, b, "string")
        i = a
        while i < b:
            if text[i] == "\\":
                m = ESCAPE.match(text, i, b)
                if m:
                    mark(i, m.end(), "escape")
                    i = m.end()
                else:
                    end = i + 1 if i + 1 >= b or text[i + 1] == "\n" else i + 2
                    mark(i, end, "badescape")
                    i = end
            else:
                i += 1

    pos, bol = 0, True
    prev = None          # (kind, word) of the last token: for ids after keywords
    n = len(text)
    while pos < n:
        c = text[pos]
        if c in " \t":
            pos += 1
            continue
        if c in "\r\n":
            pos, bol, prev = pos + 1, True, None
            continue
        if c == "#":
            end = text.find("\n", pos)
            end = n if end < 0 else end
            mark(pos, end, "comment")
            pos = end
            continue
        if c in ";{},":
            mark(pos, pos + 1, "punct")
            pos, bol, prev = pos + 1, c != ",", None
            continue
        m = ID.match(text, pos)
        if m:
            word = m.group()
            if bol and word in kws:
                mark(pos, m.end(), "keyword")
                prev = ("keyword", word)
            else:
                kind = "name"
                if prev and prev[0] == "keyword" and prev[1] in DECLARATIONS and \
                        re.match(r'[ \t]*"', text[m.end():]):
                    kind = "declid"
                elif prev and prev[0] == "keyword" and word in VALUES.get(prev[1], ()):
                    kind = "constant"
                mark(pos, m.end(), kind)
                prev = ("name", word)
            pos, bol = m.end(), False
            continue
        m = RANGE.match(text, pos) or NUMBER.match(text, pos)
        if m:
            mark(pos, m.end(), "range" if ".." in m.group() else "number")
            pos, bol, prev = m.end(), False, ("number", m.group())
            continue
        if text.startswith('"""', pos):
            i = pos + 3
            while i < n and not text.startswith('"""', i):
                i += 2 if text[i] == "\\" else 1
            end = min(n, i + 3)
            string_body(pos, end)
            pos, bol, prev = end, False, ("string", None)
            continue
        if c == '"':
            m = STRING.match(text, pos) or OPEN_STRING.match(text, pos)
            string_body(pos, m.end())
            pos, bol, prev = m.end(), False, ("string", None)
            continue
        mark(pos, pos + 1, "bad")
        pos, bol = pos + 1, False
    return cls


def keyword_cases(kws):
    """Every keyword where a statement starts, and as a name."""
    lines = ["# every keyword as a statement and as a name"]
    for kw in kws:
        lines += [kw, f'  {kw} "title"', f"x; {kw} 1", f"x {{ {kw} y }}", f"}} {kw}",
                  f'team {kw} "T"', f'step {kw} "S" {{ owner {kw} }}', f"  touchpoint {kw}",
                  f"  persona a, {kw}", f"  {kw}-x {kw}_y x{kw}", f'  pain "{kw}"  # {kw}']
    return "\n".join(lines) + "\n"


def sample_files():
    files = [os.path.join(SRC, "tests", "editors", "highlight.journey")]
    ex = os.path.join(SRC, "examples")
    files += sorted(os.path.join(ex, f) for f in os.listdir(ex) if f.endswith(".journey"))
    tpl = os.path.join(SRC, "src", "cli", "templates")
    files += sorted(os.path.join(tpl, f) for f in os.listdir(tpl) if f.endswith(".journey"))
    return files


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def compare(test, name, text, got, kws):
    """got: one class per character ("ws" where the grammar says nothing).
    Fails with one line per run of characters classed wrongly."""
    want = classify(text, kws)
    bad, run = [], None
    for i, (w, g) in enumerate(zip(want, got)):
        wrong = not (w in ("ws", "bad") or w == g or text[i] in "\r\n")
        if wrong and run and run[1] == i and tuple(run[2:]) == (w, g):
            run[1] = i + 1
            continue
        if run:
            bad.append(run)
            run = None
        if wrong:
            run = [i, i + 1, w, g]
    if run:
        bad.append(run)
    lines = []
    for a, b, w, g in bad:
        line = text.count("\n", 0, a) + 1
        col = a - (text.rfind("\n", 0, a) + 1) + 1
        lines.append(f"{name}:{line}:{col}: {text[a:b]!r} is {g}, should be {w}: "
                     f"{text.splitlines()[line - 1].strip()}")
    if lines:
        test.fail("\n" + "\n".join(lines[:30]) + (f"\n... {len(lines)} in all" if len(lines) > 30 else ""))


# ---- TextMate --------------------------------------------------------------

class TextMate:
    """Enough of a TextMate engine for this grammar: match, begin/end,
    captures, include of the repository and $self, line by line."""

    def __init__(self, grammar):
        self.g = grammar
        self.cache = {}

    def rules(self, patterns):
        out = []
        for p in patterns:
            inc = p.get("include")
            if inc == "$self":
                out += self.rules(self.g["patterns"])
            elif inc:
                rule = self.g["repository"][inc[1:]]
                out += self.rules(rule["patterns"]) if "patterns" in rule and not (
                    "match" in rule or "begin" in rule) else [rule]
            else:
                out.append(p)
        return out

    def regex(self, src):
        if src not in self.cache:
            self.cache[src] = re.compile(src)
        return self.cache[src]

    def tokenize(self, text):
        """Scopes per character of text (a list of scope lists)."""
        scopes = [[] for _ in text]
        stack = []          # open begin/end rules
        offset = 0

        def outer():
            return [self.g["scopeName"]] + [r["name"] for r in stack if "name" in r]

        def fill(a, b):     # text no pattern matched: the open rules' scopes
            for i in range(a, min(b, len(text) - offset)):
                scopes[offset + i] = outer()

        for line in text.splitlines(keepends=True):
            body = line if line.endswith("\n") else line + "\n"
            pos = 0
            while pos < len(body):
                rule = stack[-1] if stack else None
                cands = []
                if rule:
                    m = self.regex(rule["end"]).search(body, pos)
                    if m:
                        cands.append((m.start(), -1, m, None))
                pats = self.rules(rule.get("patterns", []) if rule else self.g["patterns"])
                for k, p in enumerate(pats):
                    m = self.regex(p.get("match") or p["begin"]).search(body, pos)
                    if m:
                        cands.append((m.start(), k, m, p))
                if not cands:
                    break
                start, _, m, p = min(cands, key=lambda c: (c[0], c[1]))
                fill(pos, start)
                if p is None:                       # the end of the open rule
                    self.paint(scopes, offset, m, outer(), rule.get("endCaptures", {}))
                    stack.pop()
                elif "match" in p:
                    self.paint(scopes, offset, m, outer() + ([p["name"]] if "name" in p else []),
                               p.get("captures", {}))
                else:
                    stack.append(p)
                    self.paint(scopes, offset, m, outer(), p.get("beginCaptures", {}))
                if m.end() == pos and (p is None or "match" in p):
                    fill(pos, pos + 1)              # an empty match: move on
                    pos += 1
                else:
                    pos = m.end()
            fill(pos, len(body))
            offset += len(line)
        return scopes

    def paint(self, scopes, offset, m, names, captures):
        for i in range(m.start(), m.end()):
            if offset + i < len(scopes):
                scopes[offset + i] = list(names)
        for k, cap in captures.items():
            k = int(k)
            if m.group(k) is None:
                continue
            for i in range(m.start(k), m.end(k)):
                if offset + i < len(scopes):
                    scopes[offset + i] = list(names) + [cap["name"]]


TM_CLASSES = [
    ("constant.character.escape", "escape"), ("invalid.illegal.escape", "badescape"),
    ("punctuation.definition.string", "string"), ("string.", "string"),
    ("comment.", "comment"), ("punctuation.definition.comment", "comment"),
    ("keyword.operator.range", None), ("keyword.other.unit.percent", None),
    ("constant.numeric.range", "range"), ("constant.numeric", "number"),
    ("constant.language", "constant"), ("entity.name", "declid"),
    ("keyword.", "keyword"), ("storage.type", "keyword"),
    ("variable.other", "name"), ("punctuation.", "punct"),
]


def tm_class(scopes):
    for s in reversed(scopes):
        for prefix, cls in TM_CLASSES:
            if s.startswith(prefix):
                if cls:
                    return cls
                break
    return "ws"


class TextMateGrammar(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SRC, "editors", "vscode", "syntaxes", "journey.tmLanguage.json")) as f:
            cls.grammar = json.load(f)
        cls.tm = TextMate(cls.grammar)
        cls.kws = keywords()

    def classes(self, text):
        return [tm_class(s) for s in self.tm.tokenize(text)]

    def test_names_every_keyword(self):
        raw = json.dumps(self.grammar)
        for kw in self.kws:
            self.assertRegex(raw, r"[(|]" + kw + r"[|)]", f"the grammar does not name '{kw}'")

    def test_every_keyword_as_statement_and_as_name(self):
        text = keyword_cases(self.kws)
        compare(self, "keywords", text, self.classes(text), self.kws)

    def test_samples(self):
        for path in sample_files():
            with self.subTest(file=os.path.basename(path)):
                text = read(path)
                compare(self, os.path.relpath(path, SRC), text, self.classes(text), self.kws)

    def test_scopes(self):
        scopes = self.tm.tokenize('  description "a\\n" # c\n')
        self.assertIn("keyword.other.statement.journey", scopes[2])
        self.assertIn("string.quoted.double.journey", scopes[15])
        self.assertIn("constant.character.escape.journey", scopes[16])
        self.assertIn("comment.line.number-sign.journey", scopes[22])
        self.assertEqual(self.grammar["scopeName"], "source.journey")


# ---- Vim -----------------------------------------------------------------

VIM_CLASSES = {
    "journeyInclude": "keyword", "journeyStructure": "keyword", "journeyDeclare": "keyword",
    "journeyStatement": "keyword", "journeyConstant": "constant", "journeyTypeId": "declid",
    "journeySectionId": "declid", "journeyNumber": "number", "journeyRange": "range",
    "journeyRangeDots": "range", "journeyString": "string", "journeyText": "string",
    "journeyEscape": "escape", "journeyBadEscape": "badescape", "journeyBrace": "punct",
    "journeyDelimiter": "punct", "journeyComment": "comment", "journeyTodo": "comment",
    "journeyName": "name", "": "ws",
}


def run_vim(paths, out_dir, extra=""):
    """Opens each path in Vim with editors/vim on the runtime path and dumps
    the syntax item of every byte, one file per path (N.syn), plus the
    buffer's filetype and commentstring (N.opt)."""
    script = os.path.join(SRC, "tests", "editors", "dump_syntax.vim")
    rtp = os.path.join(SRC, "editors", "vim")
    env = dict(os.environ, DUMP_DIR=out_dir)
    cmd = ["vim", "-Nu", "NONE", "-i", "NONE", "-n", "-es",
           "--cmd", f"set rtp^={rtp}", "--cmd", "filetype plugin on", "--cmd", "syntax on",
           "-c", f"source {script}", "-c", "qa!"] + paths
    p = subprocess.run(cmd, capture_output=True, env=env, timeout=300, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise AssertionError(f"vim failed ({p.returncode}): {p.stdout!r} {p.stderr!r}")


def vim_classes(text, dump):
    """Map the per-byte dump of a file back to its characters."""
    rows = dump.split("\n")
    out = []
    for n, line in enumerate(text.split("\n")):
        names = rows[n].split(",") if n < len(rows) and rows[n] else []
        b = 0
        for ch in line:
            out.append(VIM_CLASSES.get(names[b] if b < len(names) else "", "other:" + (names[b] if b < len(names) else "")))
            b += len(ch.encode("utf-8"))
        out.append("ws")    # the newline
    return out[:len(text)]


class VimSyntax(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.kws = keywords()
        cls.tmp = tempfile.mkdtemp()
        cases = os.path.join(cls.tmp, "keywords.journey")
        with open(cases, "w") as f:
            f.write(keyword_cases(cls.kws))
        cls.paths = [cases] + sample_files()
        run_vim(cls.paths, cls.tmp)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def dump(self, i, ext):
        with open(os.path.join(self.tmp, f"{i}.{ext}"), encoding="utf-8") as f:
            return f.read()

    def test_names_every_keyword(self):
        raw = read(os.path.join(SRC, "editors", "vim", "syntax", "journey.vim"))
        for kw in self.kws:
            self.assertRegex(raw, r"[%(|']" + kw + r"[|)\\']", f"the Vim syntax does not name '{kw}'")

    def test_filetype_and_options(self):
        for i in range(len(self.paths)):
            self.assertEqual(self.dump(i, "opt").split("\n")[:2], ["journey", "# %s"], self.paths[i])

    def test_every_keyword_as_statement_and_as_name(self):
        text = read(self.paths[0])
        compare(self, "keywords", text, vim_classes(text, self.dump(0, "syn")), self.kws)

    def test_samples(self):
        for i, path in enumerate(self.paths[1:], 1):
            with self.subTest(file=os.path.basename(path)):
                text = read(path)
                compare(self, os.path.relpath(path, SRC), text, vim_classes(text, self.dump(i, "syn")), self.kws)


# ---- VS Code package -------------------------------------------------------

class VSCodePackage(unittest.TestCase):
    def load(self, *parts):
        with open(os.path.join(SRC, "editors", "vscode", *parts)) as f:
            return json.load(f)

    def test_package(self):
        pkg = self.load("package.json")
        for key in ("name", "displayName", "description", "version", "publisher", "engines"):
            self.assertIn(key, pkg)
        with open(os.path.join(SRC, "src", "cli", "cli.h")) as f:
            version = re.search(r'#define JOURNEY_VERSION "([^"]+)"', f.read()).group(1)
        self.assertEqual(pkg["version"], version, "the extension's version follows journey's")
        lang = pkg["contributes"]["languages"]
        self.assertEqual([(l["id"], l["extensions"]) for l in lang], [("journey", [".journey"])])
        grammar = pkg["contributes"]["grammars"][0]
        self.assertEqual((grammar["language"], grammar["scopeName"]), ("journey", "source.journey"))
        for rel in (lang[0]["configuration"], grammar["path"]):
            self.assertTrue(os.path.isfile(os.path.join(SRC, "editors", "vscode", rel)), rel)
        self.assertEqual(self.load(*grammar["path"].split("/")[1:])["scopeName"], grammar["scopeName"])

    def test_language_configuration(self):
        conf = self.load("language-configuration.json")
        self.assertEqual(conf["comments"], {"lineComment": "#"})
        self.assertIn(["{", "}"], conf["brackets"])
        pairs = [(p["open"], p["close"]) for p in conf["autoClosingPairs"]]
        self.assertIn(('"', '"'), pairs)
        self.assertIn(("{", "}"), pairs)
        word = re.compile(conf["wordPattern"])
        for w in ("first-task", "in_person", "-2..2", "34.5%", "+1"):
            self.assertEqual(word.fullmatch(w).group(), w)
        self.assertTrue(re.search(conf["indentationRules"]["increaseIndentPattern"], 'stage s "S" {  # c'))
        self.assertTrue(re.search(conf["indentationRules"]["decreaseIndentPattern"], "  }"))


if __name__ == "__main__":
    mode, SRC = sys.argv[1], os.path.abspath(sys.argv[2])
    suites = {"textmate": TextMateGrammar, "vim": VimSyntax, "vscode": VSCodePackage}
    if mode == "vim" and (not shutil.which("vim") or "+syntax" not in subprocess.run(
            ["vim", "--version"], capture_output=True, text=True, stdin=subprocess.DEVNULL).stdout):
        print("no vim with +syntax: skipped")
        sys.exit(77)
    suite = unittest.TestLoader().loadTestsFromTestCase(suites[mode])
    sys.exit(0 if unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful() else 1)
