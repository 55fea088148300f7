#!/usr/bin/env python3
"""No back end includes another back end's header: shared facts live in
the model (include/journey/model.h), shared encodings in core.  A module
src/back/NAME.c or NAME_PART.c may include journey/NAME.h, its own
internal headers (NAME_int.h) and the headers of the layers below.

    test_back_ends.py SOURCE_DIR
"""
import os
import re
import sys

src = sys.argv[1]
# Modules that implement another's header: the Mermaid export is export.h's.
OWNER = {"mermaid": "export"}


def layer_headers():
    with open(os.path.join(src, "CMakeLists.txt")) as f:
        text = f.read()
    m = re.search(r"set\(JOURNEY_HEADERS_back ([^)]*)\)", text)
    if not m:
        sys.exit("FAIL: no JOURNEY_HEADERS_back in CMakeLists.txt")
    return set(m.group(1).split())


def main():
    back = layer_headers()
    bad, seen = [], 0
    directory = os.path.join(src, "src", "back")
    for name in sorted(os.listdir(directory)):
        if not name.endswith((".c", ".h")):
            continue
        module = re.split(r"[_.]", name)[0]
        module = OWNER.get(module, module)
        with open(os.path.join(directory, name)) as f:
            for line in f:
                m = re.match(r'\s*#\s*include\s+"(?:journey/)?([^"]+)"', line)
                if not m:
                    continue
                seen += 1
                h = m.group(1)
                if h in back and h != module + ".h":
                    bad.append("src/back/%s includes journey/%s, another back end's header" % (name, h))
                elif h not in back and h.endswith("_int.h") and not h.startswith(module):
                    bad.append("src/back/%s includes %s" % (name, h))
    if seen < 10:
        sys.exit("FAIL: read only %d includes" % seen)
    if bad:
        sys.exit("FAIL:\n  " + "\n  ".join(bad))
    print("ok: %d includes in src/back, none across back ends" % seen)


main()
