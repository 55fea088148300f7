#!/usr/bin/env python3
"""What a packager does with the build: `cmake --install` with DESTDIR,
and `cpack` with the build's configuration (what `make package` runs)
making a Debian package and a .tar.gz.  The .deb is unpacked with `dpkg -x` into a temporary root, never
installed into the system (a test run as root must not change the
machine), and the command it holds runs from there: `journey --version`,
and `man -w journey` finds its man page.

    test_package.py CMAKE BUILD_DIR
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unittest

import journeytest

CMAKE = BUILD = None
CPACK = None


def sh(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        raise AssertionError("%s: status %d\n%s%s" % (" ".join(cmd), p.returncode, p.stdout, p.stderr))
    return p.stdout


class Destdir(unittest.TestCase):
    def test_install_stages_under_destdir(self):
        with tempfile.TemporaryDirectory() as d:
            env = dict(os.environ, DESTDIR=d)
            sh([CMAKE, "--install", BUILD, "--prefix", "/opt/journey-test"], env=env)
            self.assertFalse(os.path.exists("/opt/journey-test"), "nothing outside DESTDIR")
            root = os.path.join(d, "opt", "journey-test")
            rc, out, err = journeytest.run(os.path.join(root, "bin", "journey"), "--version")
            self.assertEqual(rc, 0, err)
            self.assertTrue(out.startswith("journey "))
            with open(os.path.join(root, "lib", "pkgconfig", "journey.pc")) as f:
                self.assertIn("prefix=/opt/journey-test\n", f.read(), "the prefix, without DESTDIR")
            self.assertTrue(os.path.isfile(os.path.join(root, "share", "man", "man1", "journey.1")))


@unittest.skipUnless(shutil.which("dpkg-deb"), "dpkg-deb is not installed")
class Packages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # The build's own CPack configuration, with what `make package`
        # installs staged first by `cmake --install --prefix /usr` (as
        # CPack's install step does) instead of by CPack itself: CPack
        # first builds the "preinstall" target, which would rebuild a stale
        # tree under the other tests running beside this one.
        cls.dir = tempfile.mkdtemp()
        stage = os.path.join(cls.dir, "stage")
        sh([CMAKE, "--install", BUILD, "--prefix", "/usr"], env=dict(os.environ, DESTDIR=stage))
        config = os.path.join(cls.dir, "CPackConfig.cmake")
        with open(config, "w") as f:
            f.write('include("%s")\n' % os.path.join(BUILD, "CPackConfig.cmake"))
            f.write('set(CPACK_INSTALL_CMAKE_PROJECTS "")\n')
            f.write('set(CPACK_INSTALLED_DIRECTORIES "%s;usr")\n' % os.path.join(stage, "usr"))
        sh([CPACK, "--config", config, "-B", cls.dir])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def test_deb_unpacked_runs_and_has_its_man_page(self):
        [deb] = glob.glob(os.path.join(self.dir, "journey_*.deb"))
        info = sh(["dpkg-deb", "--field", deb, "Package", "Version", "Architecture", "Depends"])
        fields = dict(line.split(": ", 1) for line in info.splitlines())
        self.assertEqual(fields["Package"], "journey")
        rc, out, _ = journeytest.run(os.path.join(BUILD, "journey"), "--version")
        self.assertEqual(fields["Version"], out.split()[1])
        self.assertIn("libgvc", fields["Depends"])
        root = os.path.join(self.dir, "root")
        sh(["dpkg", "-x", deb, root])
        journey = os.path.join(root, "usr", "bin", "journey")
        rc, version, err = journeytest.run(journey, "--version")
        self.assertEqual((rc, version, err), (0, out, ""))
        if shutil.which("man"):
            env = dict(os.environ, MANPATH=os.path.join(root, "usr", "share", "man"))
            page = sh(["man", "-w", "journey"], env=env).strip()
            self.assertEqual(page, os.path.join(root, "usr", "share", "man", "man1", "journey.1"))
        for path in ("usr/share/doc/journey/CHANGELOG.md", "usr/share/bash-completion/completions/journey",
                     "usr/lib/pkgconfig/journey.pc"):
            self.assertTrue(os.path.isfile(os.path.join(root, path)), path)
        with open(os.path.join(root, "usr/lib/pkgconfig/journey.pc")) as f:
            self.assertIn("prefix=/usr\n", f.read())
        # The packaged command works on a map.
        example = os.path.join(root, "usr/share/doc/journey/examples/winter-jacket.journey")
        self.assertEqual(journeytest.run(journey, "check", example)[0], 0)

    def test_tarball(self):
        [tgz] = glob.glob(os.path.join(self.dir, "journey-*.tar.gz"))
        with tarfile.open(tgz) as t:
            names = t.getnames()
        self.assertTrue(any(re.search(r"/usr/bin/journey$", n) for n in names), names[:10])
        self.assertTrue(any(n.endswith("/man1/journey.1") for n in names))


if __name__ == "__main__":
    CMAKE, BUILD = sys.argv[1], os.path.abspath(sys.argv[2])
    CPACK = os.path.join(os.path.dirname(CMAKE), "cpack")
    if not os.path.exists(CPACK):
        CPACK = shutil.which("cpack")
    unittest.main(argv=[sys.argv[0], "-v"])
