#!/usr/bin/env python3
"""Generates a map whose every touchpoint names an unknown channel, for the
"did you mean" benchmark: N channels and N steps, each step's touchpoint a
near miss of some channel (one letter changed), so every reference costs a
suggestion search against all N channels.

    gen_typos.py N > map.journey

Deterministic: the same N gives the same bytes.
"""
import sys


def main():
    n = int(sys.argv[1])
    w = sys.stdout.write
    w('journey "Did-you-mean benchmark with %d channels" {\n' % n)
    w('  persona p "Persona"\n')
    for c in range(n):
        w('  channel channel%05d "Channel %d"\n' % (c, c))
    w('  stage s "Stage" {\n')
    for i in range(n):
        w('    step s%d "Step %d" {\n' % (i, i))
        # 'chanel' drops a letter: one edit from a declared id.
        w('      touchpoint chanel%05d "Screen"\n' % ((i * 7919) % n))
        w('      emotion p 0\n    }\n')
    w('  }\n}\n')


if __name__ == "__main__":
    main()
