#!/usr/bin/env python3
"""Generates a realistic .journey map with N steps, for benchmarks.

    gen.py STEPS [PERSONAS] [--items] [--v2] [--images] > map.journey

Ten steps per stage, every statement kind used, two personas by default,
deterministic (the same arguments give the same bytes).  --items gives
the pains and opportunities ids and blocks (persona, severity, tag;
solves, impact, effort, status, owner) and the blueprint entries owners,
as v2 maps write them.  --v2 uses every v2 statement that names no other
file: --items, the journey's state to-be, owner and review dates, a
moment every fifth step, tags and an artifact on every step, and the rest
of what the map picture v2 draws: support, notes and descriptions, and
steps that leave a persona out.  (A baseline is left out: it names a
file, which a generated map has not.)  --images adds a picture to every
persona and a sketch to every other step: the sketches of examples/img,
named by absolute path so the map can be anywhere.
"""
import os
import sys

IMAGES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "img")
SKETCHES = ["cart-sketch.svg", "kiosk-sketch.svg", "portal-slots-sketch.svg", "results-sketch.svg", "sms-sketch.svg"]
FACES = ["maya.svg", "jonas.svg"]


def main():
    v2 = "--v2" in sys.argv
    items = "--items" in sys.argv or v2
    images = "--images" in sys.argv
    args = [a for a in sys.argv[1:] if a not in ("--items", "--v2", "--images")]
    steps = int(args[0])
    personas = int(args[1]) if len(args) > 1 else 2
    out = []
    w = out.append
    w("# Generated benchmark map: %d steps.\n" % steps)
    w('journey "Benchmark journey with %d steps" {\n' % steps)
    w('  description "A generated map for measuring speed."\n')
    w("  state %s\n  scale -3..3\n\n" % ("to-be" if v2 else "current"))
    if v2:
        w("  owner team0\n  reviewed 2026-11-02\n  next-review 2999-12-31\n\n")
    for p in range(personas):
        w('  persona p%d "Persona number %d" {\n' % (p, p))
        w('    goal "Get the job done quickly"\n    need "Clear prices"\n')
        w('    quote "I just want it to work."\n')
        if images:
            w('    image "%s"\n' % os.path.join(IMAGES, FACES[p % len(FACES)]))
        w('  }\n')
    for c in range(8):
        w('  channel ch%d "Channel %d" { kind web }\n' % (c, c))
    for t in range(5):
        w('  team team%d "Team %d"\n' % (t, t))
    w('  kpi csat "Customer satisfaction" { unit "%"; target 85; better higher }\n')
    w('  kpi drop "Drop-off" { unit "%"; target 20; better lower }\n\n')
    stages = (steps + 9) // 10
    n = 0
    for s in range(stages):
        w('  stage st%d "Stage %d of the journey" {\n' % (s, s))
        for _ in range(min(10, steps - n)):
            w('    step s%d "Step %d: the customer does something useful" {\n' % (n, n))
            w('      touchpoint ch%d "Screen %d"\n' % (n % 8, n))
            if images and n % 2 == 0:
                w('      image "%s"\n' % os.path.join(IMAGES, SKETCHES[(n // 2) % len(SKETCHES)]))
            w("      owner team%d\n" % (n % 5))
            concerned = list(range(personas))
            if v2 and personas > 1 and n % 5 == 4:
                concerned = [0]
                w("      persona p0\n")
            for p in concerned:
                w('      emotion p%d %d "Feeling %d"\n' % (p, (n * (p + 3)) % 7 - 3, n % 4))
            w('      thought "Is this the right place to do this?"\n')
            if v2:
                if n % 5 == 0:
                    w('      moment "Moment of truth %d: does it work the first time?"\n' % n)
                w("      tag stage%d, %s\n" % (n // 10, "mobile" if n % 2 else "web"))
                w('      artifact "Confirmation screen %d"\n' % n)
            if n % 3 == 0 and items:
                w('      pain form%d "The form asks for the same details twice" {\n' % n)
                w("        persona p0\n        severity %s\n        tag forms\n      }\n"
                  % ("low", "medium", "high", "critical")[n % 4])
                w('      opportunity prefill%d "Prefill the details we already know" {\n' % n)
                w("        solves form%d\n        impact high\n        effort %s\n        status %s\n"
                  "        owner team%d\n      }\n"
                  % (n, ("low", "medium", "high")[n % 3], ("idea", "planned", "doing", "done")[n % 4], n % 5))
            elif n % 3 == 0:
                w('      pain "The form asks for the same details twice"\n')
                w('      opportunity "Prefill the details we already know"\n')
            if items:
                w('      frontstage "Agent confirms the details" { owner team%d }\n' % (n % 5))
                w('      backstage "System syncs the record" { owner team%d; tag sync }\n' % ((n + 1) % 5))
            else:
                w('      frontstage "Agent confirms the details"\n')
                w('      backstage "System syncs the record"\n')
            if v2:
                w('      support "Customer record service"\n')
                w('      description "What the customer does at step %d, in a sentence or two."\n' % n)
                w('      note "Seen in four of the twelve sessions."\n')
            if n % 4 == 0:
                w("      metric csat %d%%\n" % (60 + n % 40))
            elif n % 4 == 2:
                w("      metric drop %d%%\n" % (10 + n % 25))
            w('      evidence survey "Survey wave %d, n=400"\n' % (n % 9))
            w("    }\n")
            n += 1
        w("  }\n")
    w("}\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
