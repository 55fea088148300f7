#!/usr/bin/env python3
"""cmake --install into a temporary prefix, then use what is there: the
command, the man page, the completions, the editor files, and the library
through pkg-config and through find_package(journey) (small C programs are
compiled, linked and run: one that draws, one that only checks and must not
link Graphviz).  A second, shared-library build (BUILD_SHARED_LIBS=ON) is
installed and used the same way.

    test_install.py CMAKE BUILD_DIR SOURCE_DIR CC [EXTRA_CFLAGS]

EXTRA_CFLAGS: what the library was built with that a program linking it
needs too (the sanitizers, in a sanitizer build).
"""
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

import journeytest

CMAKE = BUILD = SRC = CC = None
EXTRA = []

FILES = [
    "bin/journey",
    "lib/libjourney.a",
    "lib/libjourney-check.a",
    "lib/pkgconfig/journey.pc",
    "lib/pkgconfig/journey-check.pc",
    "lib/cmake/journey/journeyConfig.cmake",
    "lib/cmake/journey/journeyConfigVersion.cmake",
    "share/man/man1/journey.1",
    "share/bash-completion/completions/journey",
    "share/zsh/site-functions/_journey",
    "share/vim/vimfiles/syntax/journey.vim",
    "share/vim/vimfiles/ftdetect/journey.vim",
    "share/vim/vimfiles/ftplugin/journey.vim",
    "share/journey/editors/vscode/package.json",
    "share/journey/editors/vscode/language-configuration.json",
    "share/journey/editors/vscode/syntaxes/journey.tmLanguage.json",
    "share/journey/ci/journey-maps.yml",
    "share/journey/ci/pre-commit",
    "share/doc/journey/README.md",
    "share/doc/journey/language.md",
    "share/doc/journey/cli.md",
    "share/doc/journey/journey.schema.json",
    "share/doc/journey/winter-jacket.html",
    "share/doc/journey/examples/winter-jacket.journey",
]

BROKEN = 'journey "J" {\n  persona anna "Anna"\n  stage s "S" {\n    step a "A" { emotion 7 }\n  }\n}\n'


def run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 300)
    return subprocess.run(cmd, **kw)


class Installed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.prefix = os.path.join(cls.tmp, "prefix")
        p = run([CMAKE, "--install", BUILD, "--prefix", cls.prefix])
        if p.returncode != 0:
            raise AssertionError(f"cmake --install failed:\n{p.stdout}{p.stderr}")
        cls.journey = os.path.join(cls.prefix, "bin", "journey")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def path(self, rel):
        return os.path.join(self.prefix, rel)

    def test_every_file_in_place(self):
        missing = [f for f in FILES if not os.path.isfile(self.path(f))]
        self.assertEqual(missing, [])
        headers = sorted(f for f in os.listdir(os.path.join(SRC, "include", "journey")) if f.endswith(".h"))
        self.assertEqual(sorted(os.listdir(self.path("include/journey"))), headers)
        self.assertTrue(os.stat(self.journey).st_mode & stat.S_IXUSR)
        self.assertTrue(os.stat(self.path("share/journey/ci/pre-commit")).st_mode & stat.S_IXUSR)
        with open(self.path("share/bash-completion/completions/journey")) as f, \
                open(os.path.join(SRC, "editors", "completions", "journey.bash")) as g:
            self.assertEqual(f.read(), g.read())

    def test_the_installed_command_runs(self):
        journey = journeytest.runner(self.journey)
        rc, out, _ = journey("--version")
        self.assertEqual((rc, out), (0, "journey 0.1.0\n"))
        examples = self.path("share/doc/journey/examples")
        maps = sorted(os.path.join(examples, f) for f in os.listdir(examples) if f.endswith(".journey"))
        self.assertTrue(os.path.isdir(os.path.join(examples, "img")))   # the images the maps name
        # As of 2027-01-01, when no example's review is overdue.
        rc, _, err = journey("check", "-W", "error", *maps, env={"SOURCE_DATE_EPOCH": "1798761600"})
        self.assertEqual((rc, err), (0, ""))
        svg = os.path.join(self.tmp, "jacket.svg")
        rc, _, err = journey("render", os.path.join(examples, "winter-jacket.journey"), "-o", svg)
        self.assertEqual(rc, 0, err)
        with open(svg) as f:
            self.assertIn("Buy a winter jacket", f.read())
        rc, template, _ = journey("init", "--template", "service-blueprint")
        self.assertEqual(rc, 0)
        self.assertEqual(journey("check", "-", stdin=template)[0], 0)

    def test_man_page(self):
        if not shutil.which("man"):
            self.skipTest("man is not installed")
        p = run(["man", "-P", "cat", "journey"],
                env=dict(os.environ, MANPATH=self.path("share/man"), MANWIDTH="80", MAN_KEEP_FORMATTING=""))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("journey check [options] FILE...", p.stdout)
        self.assertIn("SOURCE_DATE_EPOCH", p.stdout)

    def test_bash_completion_loads(self):
        script = (f"source {shlex.quote(self.path('share/bash-completion/completions/journey'))}\n"
                  "complete -p journey\n"
                  "COMP_WORDS=(journey render -T ''); COMP_CWORD=3; _journey; echo \"${COMPREPLY[*]}\"")
        p = run(["bash", "--norc", "-c", script])
        self.assertEqual(p.stdout, "complete -F _journey journey\nsvg png pdf dot html\n", p.stderr)

    def test_zsh_completion_loads(self):
        if not shutil.which("zsh"):
            self.skipTest("zsh is not installed")
        site = self.path("share/zsh/site-functions")
        p = run(["zsh", "-fc", f"fpath=({shlex.quote(site)} $fpath); autoload -Uz compinit; "
                 "compinit -u -D; print -r -- $_comps[journey]"], env=dict(os.environ, HOME=self.tmp))
        self.assertEqual(p.stdout.strip(), "_journey", p.stderr)

    def test_vim_finds_the_files(self):
        if not shutil.which("vim"):
            self.skipTest("vim is not installed")
        out = os.path.join(self.tmp, "vim.txt")
        vimfiles = self.path("share/vim/vimfiles").replace(" ", "\\ ")
        p = run(["vim", "-Nu", "NONE", "-i", "NONE", "-n", "-es", "--cmd", f"set rtp^={vimfiles}",
                 "--cmd", "filetype plugin on", "--cmd", "syntax on",
                 "-c", f"call writefile([&filetype, &commentstring, b:current_syntax], '{out}')", "-c", "qa!",
                 self.path("share/doc/journey/examples/winter-jacket.journey")], stdin=subprocess.DEVNULL)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(out) as f:
            self.assertEqual(f.read().split("\n")[:3], ["journey", "# %s", "journey"])

    def test_vscode_extension(self):
        base = self.path("share/journey/editors/vscode")
        with open(os.path.join(base, "package.json")) as f:
            pkg = json.load(f)
        for rel in (pkg["contributes"]["languages"][0]["configuration"], pkg["contributes"]["grammars"][0]["path"]):
            with open(os.path.join(base, rel)) as f:
                json.load(f)

    def pkg_config(self, *args):
        env = dict(os.environ, PKG_CONFIG_PATH=self.path("lib/pkgconfig"))
        p = run(["pkg-config"] + list(args) + ["journey"], env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        return shlex.split(p.stdout)

    def test_pkg_config_builds_a_program(self):
        self.assertEqual(self.pkg_config("--modversion"), ["0.1.0"])
        self.assertIn("-I" + self.path("include"), self.pkg_config("--cflags"))
        broken = os.path.join(self.tmp, "broken.journey")
        with open(broken, "w") as f:
            f.write(BROKEN)
        for static in ([], ["--static"]):
            with self.subTest(static=static):
                exe = os.path.join(self.tmp, "mapinfo" + ("-static" if static else ""))
                cmd = ([CC, "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"] + EXTRA
                       + self.pkg_config("--cflags") + [os.path.join(SRC, "tests", "install", "mapinfo.c"),
                                                        "-o", exe] + self.pkg_config("--libs", *static))
                p = run(cmd)
                self.assertEqual(p.returncode, 0, f"{shlex.join(cmd)}\n{p.stdout}{p.stderr}")
                svg = exe + ".svg"
                p = run([exe, os.path.join(SRC, "examples", "winter-jacket.journey"), svg])
                self.assertEqual((p.returncode, p.stdout, p.stderr),
                                 (0, "Buy a winter jacket: 2 personas, 4 stages, 13 steps\n", ""))
                with open(svg) as f:
                    text = f.read()
                self.assertTrue(text.startswith("<?xml") and ">Buy a winter jacket</text>" in text
                                and '<g id="steps.ad"' in text, "the SVG does not show the map")
                p = run([exe, broken])
                self.assertEqual(p.returncode, 1)
                self.assertIn("broken.journey:4:26: error: emotion 7 is outside the scale -2..2", p.stderr)

    def assert_checkonly(self, exe):
        """checkonly runs, and links neither Graphviz nor cairo."""
        broken = os.path.join(self.tmp, "broken-co.journey")
        with open(broken, "w") as f:
            f.write(BROKEN)
        jacket = os.path.join(SRC, "examples", "winter-jacket.journey")
        p = run([exe, jacket, broken])
        self.assertEqual((p.returncode, p.stdout, p.stderr),
                         (1, f"{jacket}: 0 errors, 0 warnings\n{broken}: 1 errors, 0 warnings\n", ""))
        needed = run(["readelf", "-d", exe]).stdout
        for lib in ("libgvc", "libcgraph", "libcairo"):
            self.assertNotIn(lib, needed, f"{exe} links {lib}")

    def test_pkg_config_check_only(self):
        env = dict(os.environ, PKG_CONFIG_PATH=self.path("lib/pkgconfig"))
        p = run(["pkg-config", "--cflags", "--libs", "journey-check"], env=env)
        self.assertEqual(p.returncode, 0, p.stderr)
        flags = shlex.split(p.stdout)
        self.assertFalse([f for f in flags if "graphviz" in f or "gvc" in f or "cairo" in f], flags)
        exe = os.path.join(self.tmp, "checkonly")
        cmd = ([CC, "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"] + EXTRA
               + [os.path.join(SRC, "tests", "install", "checkonly.c"), "-o", exe] + flags)
        p = run(cmd)
        self.assertEqual(p.returncode, 0, f"{shlex.join(cmd)}\n{p.stdout}{p.stderr}")
        self.assert_checkonly(exe)

    def consumer(self, prefix, name):
        """Builds tests/install/consumer against prefix with find_package."""
        build = os.path.join(self.tmp, name)
        cflags = " ".join(EXTRA)
        p = run([CMAKE, "-S", os.path.join(SRC, "tests", "install", "consumer"), "-B", build,
                 "-DCMAKE_PREFIX_PATH=" + prefix, "-DCMAKE_C_FLAGS=" + cflags,
                 "-DCMAKE_EXE_LINKER_FLAGS=" + cflags, "-DCMAKE_BUILD_TYPE=Debug"])
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        p = run([CMAKE, "--build", build])
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        return build

    def assert_mapinfo(self, exe):
        svg = exe + ".svg"
        p = run([exe, os.path.join(SRC, "examples", "winter-jacket.journey"), svg])
        self.assertEqual((p.returncode, p.stdout, p.stderr),
                         (0, "Buy a winter jacket: 2 personas, 4 stages, 13 steps\n", ""))
        with open(svg) as f:
            self.assertIn(">Buy a winter jacket</text>", f.read())

    def test_find_package_builds_programs(self):
        build = self.consumer(self.prefix, "consumer")
        self.assert_mapinfo(os.path.join(build, "mapinfo"))
        self.assert_checkonly(os.path.join(build, "checkonly"))

    def test_shared_library(self):
        if EXTRA:
            self.skipTest("the sanitizer build checks the static library only")
        build = os.path.join(self.tmp, "shared-build")
        prefix = os.path.join(self.tmp, "shared-prefix")
        p = run([CMAKE, "-S", SRC, "-B", build, "-DBUILD_SHARED_LIBS=ON", "-DBUILD_TESTING=OFF",
                 "-DCMAKE_BUILD_TYPE=Release"])
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        for cmd in ([CMAKE, "--build", build, "-j2"], [CMAKE, "--install", build, "--prefix", prefix]):
            p = run(cmd, timeout=600)
            self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        lib = os.path.join(prefix, "lib")
        for name in ("libjourney.so", "libjourney-check.so"):
            self.assertEqual(os.readlink(os.path.join(lib, name)), name + ".0")
            self.assertEqual(os.readlink(os.path.join(lib, name + ".0")), name + ".0.1.0")
        soname = run(["readelf", "-d", os.path.join(lib, "libjourney.so")]).stdout
        self.assertIn("Library soname: [libjourney.so.0]", soname)
        build = self.consumer(prefix, "shared-consumer")
        self.assert_mapinfo(os.path.join(build, "mapinfo"))
        self.assert_checkonly(os.path.join(build, "checkonly"))
        rc, _, err = journeytest.run(os.path.join(prefix, "bin", "journey"), "check",
                                     os.path.join(SRC, "examples", "winter-jacket.journey"))
        self.assertEqual(rc, 0, err)

    def test_destdir_keeps_the_prefix_out_of_the_staging_dir(self):
        stage = os.path.join(self.tmp, "stage")
        p = run([CMAKE, "--install", BUILD, "--prefix", "/opt/journey"], env=dict(os.environ, DESTDIR=stage))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(os.path.isfile(os.path.join(stage, "opt/journey/bin/journey")))
        with open(os.path.join(stage, "opt/journey/lib/pkgconfig/journey.pc")) as f:
            self.assertIn("prefix=/opt/journey\n", f.read())


if __name__ == "__main__":
    CMAKE, BUILD, SRC, CC = sys.argv[1:5]
    EXTRA = shlex.split(sys.argv[5]) if len(sys.argv) > 5 else []
    BUILD, SRC = os.path.abspath(BUILD), os.path.abspath(SRC)
    unittest.main(argv=[sys.argv[0], "-v"])
