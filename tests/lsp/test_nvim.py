#!/usr/bin/env python3
"""journey lsp in a real editor: Neovim's built-in LSP client (0.7 API),
set up by the Neovim 0.7 snippet of docs/editors.md (taken from the page),
runs nvim_client.lua headless against a copy of an example, and this test
reads what the editor saw.   test_nvim.py JOURNEY EXAMPLES_DIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import re

import journeytest

JOURNEY = EXAMPLES = None
HERE = os.path.dirname(os.path.abspath(__file__))


class Neovim(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nvim = shutil.which("nvim")
        if not nvim:
            raise unittest.SkipTest("nvim is not installed (scripts/bootstrap installs neovim)")
        cls.tmp = tempfile.TemporaryDirectory()
        home = os.path.join(cls.tmp.name, "home")
        os.mkdir(home)
        cls.map = os.path.join(cls.tmp.name, "winter-jacket.journey")
        shutil.copy(os.path.join(EXAMPLES, "winter-jacket.journey"), cls.map)
        out = os.path.join(cls.tmp.name, "out.json")
        # The first Lua block of docs/editors.md: what users copy.
        with open(os.path.join(EXAMPLES, "..", "docs", "editors.md")) as f:
            snippet = re.search(r"```lua\n(.*?)```", f.read(), re.S).group(1)
        assert "vim.lsp.start_client" in snippet, snippet
        cls.snippet = os.path.join(cls.tmp.name, "config.lua")
        journeytest.write(cls.snippet, snippet)
        path = os.path.dirname(JOURNEY) + os.pathsep + os.environ.get("PATH", "")
        env = journeytest.environment({"PATH": path, "SNIPPET": cls.snippet, "MAP": cls.map, "OUT": out, "HOME": home,
                                       "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home, "XDG_STATE_HOME": home})
        p = subprocess.run([nvim, "--headless", "--clean", "-u", "NONE", "-i", "NONE", "-n",
                            "-c", "luafile " + os.path.join(HERE, "nvim_client.lua")],
                           env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
        cls.nvim_output = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
        with open(out) as f:
            cls.r = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_no_lua_error(self):
        self.assertEqual(self.r["errors"], [], self.nvim_output)

    def test_starts_and_initializes(self):
        self.assertEqual(self.r["filetype"], "journey")
        self.assertTrue(self.r["client"])
        self.assertTrue(self.r["initialized"])
        self.assertEqual(self.r["server_name"], "journey")

    def test_typo_gets_a_diagnostic_then_clears(self):
        self.assertTrue(self.r["published"])
        self.assertEqual(self.r["clean"], 0)
        self.assertTrue(self.r["got_diagnostic"])
        d = self.r["diagnostics"]
        self.assertEqual(len(d), 1, d)
        self.assertEqual((d[0]["lnum"], d[0]["col"], d[0]["end_col"]), (67, 17, 25))
        self.assertEqual(d[0]["code"], "unknown-channel")
        self.assertIn("did you mean 'instagram'", d[0]["message"])
        self.assertTrue(self.r["fixed"])

    def test_definition_jumps_to_the_persona(self):
        line, col = self.r["definition"]
        self.assertEqual(line, 19)   # persona ben "Ben Adeyemi" {
        self.assertEqual(col, 10)

    def test_completion_offers_the_teams(self):
        self.assertEqual(self.r["completion"], ["logistics", "marketing", "retail"])

    def test_rename_changes_the_team_not_the_channel_kind(self):
        self.assertEqual(self.r["renamed"], 4)   # the declaration and three owners
        self.assertEqual(self.r["left"], 1)      # kind retail: a word, not the team


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
