#!/usr/bin/env python3
"""`:compiler journey` in real Vim: :make on a map with an error, a warning
and a note fills the quickfix list with them, at their lines and columns.
test_vim_compiler.py JOURNEY SOURCE_DIR   (exit 77 without vim)"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import journeytest

JOURNEY = SRC = None

MAP = '''journey "Über 🧤" {
  persona ana "Ana"
  persona bo "Bo"
  stage s "S" {
    step a "Über" { persona ana; emotion ana 1; owner car }
  }
}
'''


def quickfix(path, args=""):
    tmp = os.path.dirname(path)
    out = os.path.join(tmp, "qf.json")
    script = os.path.join(tmp, "run.vim")
    with open(script, "w") as f:
        f.write("set nocompatible\n"
                f"let &runtimepath = {json.dumps(os.path.join(SRC, 'editors', 'vim'))} . ',' . &runtimepath\n"
                "filetype plugin on\n"
                f"edit {path}\n"
                + (f"let b:journey_check_args = {json.dumps(args)}\n" if args else "") +
                "compiler journey\n"
                "silent make\n"
                "let qf = map(getqflist(), {_, e -> {'file': fnamemodify(bufname(e.bufnr), ':t'), 'lnum': e.lnum,"
                " 'col': e.col, 'vcol': e.vcol, 'type': e.type, 'text': e.text, 'valid': e.valid}})\n"
                f"call writefile([json_encode({{'makeprg': &l:makeprg, 'qf': qf}})], {json.dumps(out)})\n"
                "qall!\n")
    env = journeytest.environment({"PATH": os.path.dirname(JOURNEY) + os.pathsep + os.environ.get("PATH", ""),
                                   "HOME": tmp})
    p = subprocess.run(["vim", "-Nu", "NONE", "-i", "NONE", "-n", "-es", "-S", script], cwd=tmp, env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    with open(out) as f:
        return json.load(f)


class Compiler(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "my map.journey")   # a space: the name is quoted for the shell
        journeytest.write(self.path, MAP)

    def tearDown(self):
        self.tmp.cleanup()

    def test_make_fills_the_quickfix_list(self):
        r = quickfix(self.path)
        self.assertIn("journey check --color=never", r["makeprg"])
        qf = [e for e in r["qf"] if e["valid"]]
        got = [(e["file"], e["lnum"], e["col"], e["vcol"], e["type"], e["text"]) for e in qf]
        # Columns in characters, as journey counts them: after "Über" too.
        self.assertEqual(got, [
            ("my map.journey", 3, 11, 1, "w", "persona 'bo' is declared but never used [-Wunused-persona]"),
            ("my map.journey", 5, 55, 1, "e", "unknown team 'car'; no team is declared"),
        ], r)

    def test_options_and_notes(self):
        journeytest.write(self.path, MAP.replace("owner car", "owner cxx").replace(
            'persona bo "Bo"', 'persona bo "Bo"\n  team cx "CX"\n  team cy "CY"'))
        r = quickfix(self.path, "-W all -W no-unused-team")
        qf = [(e["lnum"], e["type"]) for e in r["qf"] if e["valid"]]
        self.assertIn((3, "w"), qf)          # -W all: still on
        self.assertNotIn((5, "w"), qf)       # -W no-unused-team: team cy is not said
        self.assertIn((7, "e"), qf)          # unknown team 'cxx'; did you mean 'cx'?
        self.assertIn((4, "n"), qf)          # note: 'cx' is declared here
        self.assertIn("-W all -W no-unused-team %:S", r["makeprg"])


if __name__ == "__main__":
    if not shutil.which("vim"):
        print("no vim: skipped")
        sys.exit(77)
    JOURNEY, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
