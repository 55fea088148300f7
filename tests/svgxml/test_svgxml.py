#!/usr/bin/env python3
"""Every SVG that journey writes parses as XML, checked by xmllint.

Renders every .journey file in the repository that renders (examples,
init's templates, the test suite's inputs: those with errors exit 1 and
draw nothing) to SVG, then runs xmllint on all of them and on the golden
SVGs.  Without xmllint (Debian's libxml2-utils, which scripts/bootstrap
installs) the test is skipped, except under CI=true where it fails.

    test_svgxml.py JOURNEY REPO
"""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

import journeytest

journey, repo = sys.argv[1], sys.argv[2]


def main():
    xmllint = shutil.which("xmllint")
    if not xmllint:
        if os.environ.get("CI") == "true":
            sys.exit("FAIL: xmllint is not installed (scripts/bootstrap installs libxml2-utils)")
        print("xmllint not installed: skipped")
        return
    maps = sorted(set(glob.glob(os.path.join(repo, "examples", "*.journey")) +
                      glob.glob(os.path.join(repo, "src", "cli", "templates", "*.journey")) +
                      glob.glob(os.path.join(repo, "tests", "**", "*.journey"), recursive=True)))
    svgs = sorted(glob.glob(os.path.join(repo, "tests", "**", "*.svg"), recursive=True))
    fail = []
    drawn = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, m in enumerate(maps):
            out = os.path.join(tmp, "%03d.svg" % i)
            rc, _, err = journeytest.run(journey, "render", m, "-o", out, cwd=os.path.dirname(m))
            if rc == 0:
                svgs.append(out)
                drawn += 1
            elif rc != 1 or os.path.exists(out):
                fail.append("%s: exit %d: %s" % (os.path.relpath(m, repo), rc, err[-300:]))
        if drawn < 10:
            fail.append("only %d maps rendered" % drawn)
        r = subprocess.run([xmllint, "--noout"] + svgs, capture_output=True, text=True)
        if r.returncode != 0:
            fail.append("xmllint: " + r.stderr[:3000])
    if fail:
        sys.exit("FAIL:\n" + "\n".join(fail))
    print("ok: %d SVG files are XML (%d maps drawn)" % (len(svgs), drawn))


main()
