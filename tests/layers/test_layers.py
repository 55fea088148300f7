#!/usr/bin/env python3
"""One layer may not include a header of a layer above it.

    test_layers.py CMAKE BUILD_DIR LAYER ABOVE_HEADER

Builds the target layer_LAYER_right (includes the layer's own header: must
build) and layer_LAYER_wrong (includes journey/ABOVE_HEADER, from a layer
above: must fail, because that header is not on the layer's include path).
"""
import subprocess
import sys

cmake, build, layer, above = sys.argv[1:5]


def build_target(name):
    return subprocess.run([cmake, "--build", build, "--target", name], capture_output=True, text=True)


def main():
    right = build_target("layer_%s_right" % layer)
    if right.returncode != 0:
        sys.exit("FAIL: the %s layer cannot include its own header:\n%s%s" % (layer, right.stdout, right.stderr))
    wrong = build_target("layer_%s_wrong" % layer)
    out = wrong.stdout + wrong.stderr
    if wrong.returncode == 0:
        sys.exit("FAIL: a file of the %s layer compiled with journey/%s, a header of a layer above" % (layer, above))
    if "journey/%s: No such file or directory" % above not in out:
        sys.exit("FAIL: the %s layer's wrong-way include failed for another reason:\n%s" % (layer, out))
    print("ok: the %s layer cannot include journey/%s" % (layer, above))


main()
