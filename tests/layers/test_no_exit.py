#!/usr/bin/env python3
"""No object of the library calls exit() or its kin: failures go back to
the caller.  alloc.c alone may abort(), when memory runs out with no
guard set (core.h).

    test_no_exit.py LIBJOURNEY
"""
import subprocess
import sys

lib = sys.argv[1]
FORBIDDEN = {"exit", "_exit", "_Exit", "quick_exit", "abort"}
ALLOWED = {("alloc.c.o", "abort")}


def main():
    out = subprocess.run(["nm", "-A", "--undefined-only", lib], capture_output=True, text=True, check=True).stdout
    bad = []
    objects = set()
    for line in out.splitlines():
        # "lib.a:member.o:                 U exit"
        where, _, sym = line.rpartition(" ")
        member = where.split(":")[1] if where.count(":") >= 2 else where
        objects.add(member)
        if sym in FORBIDDEN and (member, sym) not in ALLOWED:
            bad.append("%s calls %s()" % (member, sym))
    if len(objects) < 10:
        sys.exit("FAIL: nm listed only %d objects of %s" % (len(objects), lib))
    if bad:
        sys.exit("FAIL: the library must not end the program:\n  " + "\n  ".join(bad))
    print("ok: no object of %d calls exit()" % len(objects))


main()
