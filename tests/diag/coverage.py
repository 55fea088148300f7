#!/usr/bin/env python3
"""Every diagnostic code has a golden case.

    coverage.py JOURNEY CODES_H

Runs every tests/diag/*.journey case as golden.py does, but with
--diagnostics=json, and fails naming each code of JY_CODE_LIST in
include/journey/codes.h that no case produces.  A new diagnostic thus
needs a golden case before the suite passes.
"""
import glob
import json
import os
import re
import sys

import journeytest


def main():
    journey, codes_h = sys.argv[1], sys.argv[2]
    with open(codes_h, encoding="utf-8") as f:
        codes = re.findall(r'X\(\w+, "([a-z0-9-]+)"', f.read())
    if len(codes) < 10:
        print("could not read the codes from %s" % codes_h)
        return 1
    here = os.path.dirname(os.path.abspath(__file__))
    seen = set()
    for case in sorted(glob.glob(os.path.join(here, "*.journey"))):
        name = os.path.basename(case)
        args, env = journeytest.case_header(case)
        args = args or []
        args = [name if a == "{file}" else a for a in args]
        if name not in args:
            args.append(name)
        _, out, _ = journeytest.run(journey, "check", "--diagnostics=json", *args, cwd=here, env=env, binary=True, timeout=60)
        for line in out.decode("utf-8").splitlines():
            seen.add(json.loads(line)["code"])
    missing = [c for c in codes if c not in seen]
    for c in missing:
        print("no golden case in tests/diag produces '%s'" % c)
    print("%d codes, %d with a golden case" % (len(codes), len(codes) - len(missing)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
