#!/usr/bin/env python3
"""A map with 20 000 misspelt touchpoints against 20 000 channels checks in
bounded time, and the diagnostics a user reads are still right.

Not a benchmark (bench/did-you-mean prints the figure): the bound here is
thirty times what the run takes, so that only a return of the quadratic
search (72 s before) or of the quadratic sort fails it.

    test_scale.py JOURNEY GEN_TYPOS
"""
import os
import re
import subprocess
import sys
import tempfile

import journeytest

journey, gen = sys.argv[1], sys.argv[2]
N = 20000
LIMIT = 30  # seconds; the sanitizer build takes about 3


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "typos.journey")
        with open(path, "w") as f:
            subprocess.run([sys.executable, gen, str(N)], stdout=f, check=True)
        try:
            rc, _, err = journeytest.run(journey, "check", "--max-errors", "0", "--color=never", path, timeout=LIMIT)
        except subprocess.TimeoutExpired:
            sys.exit("FAIL: checking %d unknown names against %d channels took over %d s" % (N, N, LIMIT))
    fail = []
    if rc != 1:
        fail.append("exit %d, expected 1" % rc)
    errors = re.findall(r"^.*typos\.journey:(\d+):\d+: error: (.*)$", err, re.M)
    if len(errors) != N:
        fail.append("%d errors, expected %d" % (len(errors), N))
    # Still a suggestion, and the right one, for the first misspellings.
    want = "unknown channel 'chanel00000'; did you mean 'channel00000'?"
    if not errors or errors[0][1] != want:
        fail.append("first error is %r, expected %r" % (errors[:1], want))
    # Every diagnostic is printed in source order.
    lines = [int(m) for m in re.findall(r"^.*typos\.journey:(\d+):\d+: (?:error|warning):", err, re.M)]
    if lines != sorted(lines):
        fail.append("diagnostics out of source order")
    if not err.endswith("warnings and %d errors generated.\n" % N):
        fail.append("last line: %r" % err[-80:])
    if fail:
        sys.exit("FAIL: " + "; ".join(fail))
    print("ok: %d unknown names against %d channels, %d diagnostics in order" % (N, N, len(lines)))


main()
