#!/usr/bin/env python3
"""Every symbol libjourney defines for others starts with jy_, and a
program that defines common names of its own (xmalloc, buf_add, map_get,
arena_new, file_read, edit_distance) links with libjourney-check and runs.

    test_prefix.py LIBJOURNEY LIBJOURNEY_CHECK CC EXTRA_CFLAGS INCLUDE_DIR
"""
import os
import shlex
import subprocess
import sys
import tempfile

lib, check_lib, cc, extra, include = sys.argv[1:6]

PROGRAM = r"""
#include <journey/check.h>
#include <journey/codes.h>
#include <stdio.h>
#include <stdlib.h>

/* Names a program may well have: the library's own are jy_ ones. */
void *xmalloc(size_t n);
void *xmalloc(size_t n) { return malloc(n); }
int buf_add(int a);
int buf_add(int a) { return a + 1; }
int map_get(void);
int map_get(void) { return 7; }
int arena_new(void);
int arena_new(void) { return 3; }
int file_read(void);
int file_read(void) { return 5; }
int edit_distance(void);
int edit_distance(void) { return 11; }

int main(void)
{
    static const char text[] = "journey \"J\" {\n  persona p \"P\"\n  stage s \"S\" { step a \"A\" { emotion p 9 } }\n}\n";
    jy_diags *d = jy_diags_new();
    jy_compilation *c = jy_compile_text(d, "j.journey", text, sizeof text - 1, NULL);
    unsigned errors = jy_diags_error_count(d);
    jy_compilation_free(c);
    jy_diags_free(d);
    free(xmalloc(1));
    printf("%u %d\n", errors, buf_add(1) + map_get() + arena_new() + file_read() + edit_distance());
    return 0;
}
"""


def main():
    bad = []
    for l in (lib, check_lib):
        out = subprocess.run(["nm", "-g", "--defined-only", l], capture_output=True, text=True, check=True).stdout
        syms = sorted({f.split()[2] for f in out.splitlines() if len(f.split()) == 3})
        if len(syms) < 50:
            sys.exit("FAIL: only %d symbols in %s" % (len(syms), l))
        # (The sanitizers add an ODR indicator, __odr_asan.NAME, per global.)
        bad += ["%s: %s" % (os.path.basename(l), s) for s in syms
                if not s.startswith("jy_") and not s.startswith("__odr_asan.jy_")]
    if bad:
        sys.exit("FAIL: exported without the jy_ prefix:\n  " + "\n  ".join(bad))
    with tempfile.TemporaryDirectory() as d:
        src, exe = os.path.join(d, "own_names.c"), os.path.join(d, "own_names")
        with open(src, "w") as f:
            f.write(PROGRAM)
        cmd = [cc, "-std=c11", "-Wall", "-Wextra", "-Werror"] + shlex.split(extra) + ["-I" + include, src,
                                                                                      check_lib, "-lm", "-o", exe]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("FAIL: a program with names of its own does not link:\n%s\n%s" % (shlex.join(cmd), p.stderr))
        p = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        if (p.returncode, p.stdout) != (0, "1 28\n"):
            sys.exit("FAIL: the program gave %d %r %r" % (p.returncode, p.stdout, p.stderr))
    print("ok: every exported symbol is jy_; a program's own xmalloc, buf_add, map_get... link beside it")


main()
