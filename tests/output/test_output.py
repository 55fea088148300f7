"""How journey writes its outputs (docs/cli.md, "How outputs are written").

    test_output.py JOURNEY EXAMPLES SRC

Every command that writes a file or standard output is run against the
ways a write can go wrong: an output that is one of the inputs, a full
disk (a small tmpfs when run as root, else skipped with a message) and a
standard output that is /dev/full, a file size limit (SIGXFSZ), read-only
files, hard and symbolic links, FIFOs and devices, names of 255 bytes,
and the pages of a wide PNG.  Each case asserts the exit status, the exact
message, the bytes of the file that must survive, and the listing of the
directory (no temporary left behind).
"""
import os
import resource
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest

import journeytest
from journeytest import read, write

MESSY = b'journey "J" {\nstage s "S" { step a "A" { emotion 1 } }\n}\n'
MAP = (b'import "lib.journey"\n'
       b'journey "Map" {\n  persona anna "Anna"\n'
       b'  stage s "Stage" {\n    step a "Looks" { emotion 1; touchpoint web "Site" }\n'
       b'    step b "Buys" { emotion -1; touchpoint web "Cart"; pain "slow" }\n  }\n}\n')
LIB = b'channel web "Web" { kind web }\n'
OLD = b"the old output\n"
# A messy map whose canonical form is larger than 1 KiB.
MESSY_BIG = (b'journey "J" {\n' + b"".join(b'stage s%d "S" { step a%d "A" { emotion 1 } }\n' % (i, i) for i in range(40))
             + b"}\n")
ENOSPC = "No space left on device"


# journeytest.runner(JOURNEY, binary=True, timeout=120), once JOURNEY is
# known; standard input and output may be files here (/dev/full, the map
# itself) and preexec_fn sets limits.
run = None


def listing(d):
    return sorted(os.listdir(d))


class Workdir(unittest.TestCase):
    """A fresh directory holding map.journey (which imports lib.journey)."""

    def setUp(self):
        self.d = tempfile.mkdtemp()
        write(self.path("map.journey"), MAP)
        write(self.path("lib.journey"), LIB)

    def tearDown(self):
        shutil.rmtree(self.d)

    def path(self, name):
        return os.path.join(self.d, name)

    def j(self, *args, **kw):
        return run(*args, cwd=self.d, **kw)


# Every command that writes to a file, as (name, arguments with OUT for the
# output).  The outputs of report, export and render must never be a file
# their map read.
WRITERS = [
    ("report", ["report", "map.journey", "-k", "steps", "--format", "csv", "-o", "OUT"]),
    ("export json", ["export", "map.journey", "-f", "json", "-o", "OUT"]),
    ("export mermaid", ["export", "map.journey", "-f", "mermaid", "-o", "OUT"]),
    ("render svg", ["render", "map.journey", "-T", "svg", "-o", "OUT"]),
    ("render png", ["render", "map.journey", "-T", "png", "-o", "OUT"]),
    ("render pdf", ["render", "map.journey", "-T", "pdf", "-o", "OUT"]),
    ("render dot", ["render", "map.journey", "-T", "dot", "-o", "OUT"]),
    ("render html", ["render", "map.journey", "-T", "html", "-o", "OUT"]),
    ("report xlsx", ["report", "map.journey", "-k", "steps", "--format", "xlsx", "-o", "OUT"]),
]


def with_out(args, out):
    return [out if a == "OUT" else a for a in args]


class SameFile(Workdir):
    """Finding 1: an output that is an input is refused, nothing written."""

    def refused(self, out, message, **kw):
        before = {n: read(self.path(n)) for n in os.listdir(self.d) if os.path.isfile(self.path(n))}
        names = listing(self.d)
        for what, args in WRITERS:
            with self.subTest(what=what, out=out):
                rc, so, err = self.j(*with_out(args, out), **kw)
                self.assertEqual((rc, so, err), (2, b"", message))
                self.assertEqual(listing(self.d), names)
                for n, data in before.items():
                    self.assertEqual(read(self.path(n)), data, n)

    def test_the_map_itself(self):
        self.refused("map.journey", "journey: will not overwrite 'map.journey': it is the input map 'map.journey'\n")

    def test_a_symbolic_link_to_the_map(self):
        os.symlink("map.journey", self.path("link.out"))
        self.refused("link.out", "journey: will not overwrite 'link.out': it is the input map 'map.journey'\n")
        self.assertTrue(os.path.islink(self.path("link.out")))

    def test_a_hard_link_to_the_map(self):
        os.link(self.path("map.journey"), self.path("hard.out"))
        self.refused("hard.out", "journey: will not overwrite 'hard.out': it is the input map 'map.journey'\n")

    def test_the_same_file_by_another_path(self):
        sub = os.path.basename(self.d)
        self.refused("../%s/./map.journey" % sub,
                     "journey: will not overwrite '../%s/./map.journey': it is the input map 'map.journey'\n" % sub)

    def test_an_imported_file(self):
        self.refused("lib.journey", "journey: will not overwrite 'lib.journey': it is 'lib.journey', which the map "
                                    "imports\n")

    def test_a_link_to_an_imported_file_in_another_directory(self):
        os.mkdir(self.path("libs"))
        os.rename(self.path("lib.journey"), self.path("libs/lib.journey"))
        write(self.path("map.journey"), MAP.replace(b'"lib.journey"', b'"libs/lib.journey"'))
        os.symlink("libs/lib.journey", self.path("l.out"))
        self.refused("l.out", "journey: will not overwrite 'l.out': it is 'libs/lib.journey', which the map "
                              "imports\n", )

    def test_an_image_the_map_draws(self):
        # Every writer, as render reads the images and the others could be
        # pointed at one by mistake just the same.
        shutil.copy(os.path.join(EXAMPLES, "img", "maya.svg"), self.path("face.svg"))
        src = read(self.path("map.journey")).decode()
        i = src.index("persona ")
        j = src.index("\n", i)
        line = src[i:j]
        if line.rstrip().endswith("}"):
            line = line.rstrip()[:-1] + ' image "face.svg" }'
        else:
            line = line + ' { image "face.svg" }'
        write(self.path("map.journey"), (src[:i] + line + src[j:]).encode())
        self.refused("face.svg", "journey: will not overwrite 'face.svg': it is 'face.svg', which the map draws\n")

    def test_the_map_from_standard_input(self):
        with open(self.path("map.journey"), "rb") as f:
            rc, so, err = self.j("report", "-", "-k", "steps", "--format", "csv", "-o", "map.journey", stdin=f)
        self.assertEqual((rc, so, err), (2, b"", "journey: will not overwrite 'map.journey': it is the input map "
                                                  "'<stdin>'\n"))
        self.assertEqual(read(self.path("map.journey")), MAP)

    def test_standard_output_appending_to_the_map(self):
        for args in (["report", "map.journey", "-k", "steps"], ["export", "map.journey", "-f", "json"],
                     ["render", "map.journey", "-T", "svg"], ["diff", "map.journey", "map.journey"],
                     ["fmt", "map.journey"]):
            with self.subTest(args=args), open(self.path("map.journey"), "ab") as f:
                rc, _, err = self.j(*args, stdout=f)
                self.assertEqual((rc, err), (2, "journey: will not write to standard output: it is the input map "
                                                "'map.journey'\n"))
                self.assertEqual(read(self.path("map.journey")), MAP)

    def test_other_outputs_still_written(self):
        rc, _, err = self.j("report", "map.journey", "-k", "steps", "-o", "steps.csv")
        self.assertEqual((rc, err), (0, ""))
        self.assertTrue(read(self.path("steps.csv")).startswith(b"step_no,"))

    def test_init_never_overwrites(self):
        os.symlink("map.journey", self.path("link.journey"))
        for name in ("map.journey", "link.journey"):
            rc, _, err = self.j("init", name)
            self.assertEqual((rc, err), (2, "journey: '%s' already exists; init never overwrites a file\n" % name))
        self.assertEqual(read(self.path("map.journey")), MAP)


def stdout_cases():
    """Every command that writes to standard output, as argument lists."""
    return [
        ["check", "--diagnostics=json", "bad.journey"],
        ["check", "--diagnostics=sarif", "map.journey"],
        ["check", "--diagnostics=github", "bad.journey"],
        ["init"],
        ["init", "-"],
        ["init", "--list-templates"],
        ["help"],
        ["help", "render"],
        ["--help"],
        ["--version"],
        ["render", "--help"],
        ["fmt", "messy.journey"],
        ["fmt", "--check", "messy.journey"],
        ["report", "map.journey", "-k", "steps"],
        ["report", "map.journey", "-k", "summary", "--format", "markdown"],
        ["export", "map.journey", "-f", "json"],
        ["export", "map.journey", "-f", "mermaid"],
        ["render", "map.journey", "-T", "svg"],
        ["render", "map.journey", "-T", "png"],
        ["render", "map.journey", "-T", "pdf"],
        ["render", "map.journey", "-T", "dot"],
        ["render", "map.journey", "-T", "svg", "-o", "-"],
        ["diff", "map.journey", "other.journey"],
        ["diff", "--format", "json", "map.journey", "other.journey"],
    ]


class FullStandardOutput(Workdir):
    """Finding 2: a standard output that cannot be written is exit 2 and a
    message naming the error, whatever the command."""

    def setUp(self):
        super().setUp()
        write(self.path("bad.journey"), b'journey "J" {\n  stage s "S" { step a "A" { emotion 9 } }\n}\n')
        write(self.path("messy.journey"), MESSY)
        write(self.path("other.journey"), MAP.replace(b'"Looks"', b'"Looks around"'))

    def test_dev_full(self):
        if not os.path.exists("/dev/full"):
            self.skipTest("no /dev/full")
        names = listing(self.d)
        for args in stdout_cases():
            with self.subTest(args=args), open("/dev/full", "wb") as full:
                rc, _, err = self.j(*args, stdout=full)
                self.assertEqual(rc, 2, err)
                self.assertTrue(err.endswith("journey: cannot write 'standard output': %s\n" % ENOSPC), err)
                self.assertEqual(err.count("cannot write"), 1, err)
                self.assertEqual(listing(self.d), names)

    def test_a_closed_standard_output(self):
        rc, _, err = self.j("--version", stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
        self.assertEqual((rc, err), (2, "journey: cannot write 'standard output': Bad file descriptor\n"))

    def test_an_empty_output_is_no_error(self):
        with open("/dev/full", "wb") as full:
            rc, _, err = self.j("check", "--diagnostics=json", "map.journey", stdout=full)
        self.assertEqual((rc, err), (0, ""))


# Commands that write FILE in a directory, as (name, arguments, FILE): the
# output of each is larger than 4 KiB and than 1 KiB of file size limit.
def file_writers(big):
    return [
        ("report", ["report", big, "-k", "steps", "--format", "csv", "-o", "OUT"]),
        ("export", ["export", big, "-f", "json", "-o", "OUT"]),
        ("render svg", ["render", big, "-T", "svg", "-o", "OUT"]),
        ("render png", ["render", big, "-T", "png", "-o", "OUT"]),
        ("render pdf", ["render", big, "-T", "pdf", "-o", "OUT"]),
        ("render dot", ["render", big, "-T", "dot", "-o", "OUT"]),
        ("render html", ["render", big, "-T", "html", "-o", "OUT"]),
    ]


class WriteErrors(unittest.TestCase):
    """Finding 2 and 9: a write that fails (full disk, file size limit)
    is exit 2 and "cannot write 'PATH': REASON"; the old file survives
    and no temporary is left."""

    @classmethod
    def setUpClass(cls):
        cls.src = tempfile.mkdtemp()
        cls.big = os.path.join(cls.src, "big.journey")
        journeytest.generated_map(cls.big, 20)
        cls.template = run("init")[1]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.src)

    def check_failures(self, d, reason, preexec_fn=None, fill=None):
        """Runs every writer into d, whose writes fail with reason."""
        messy = os.path.join(d, "messy.journey")
        for what, args in file_writers(self.big):
            out = os.path.join(d, "out")
            write(out, OLD)
            write(messy, MESSY_BIG)
            if fill:
                fill()
            names = listing(d)
            with self.subTest(what=what):
                rc, so, err = run(*with_out(args, out), preexec_fn=preexec_fn)
                self.assertEqual((rc, so, err), (2, b"", "journey: cannot write '%s': %s\n" % (out, reason)))
                self.assertEqual(read(out), OLD)
                self.assertEqual(listing(d), names)
        with self.subTest(what="fmt -w"):
            rc, so, err = run("fmt", "-w", messy, preexec_fn=preexec_fn)
            self.assertEqual((rc, so, err), (2, b"", "journey: cannot write '%s': %s\n" % (messy, reason)))
            self.assertEqual(read(messy), MESSY_BIG)
            self.assertEqual(listing(d), names)
        with self.subTest(what="init FILE"):
            new = os.path.join(d, "new.journey")
            rc, so, err = run("init", new, preexec_fn=preexec_fn)
            self.assertEqual((rc, so, err), (2, b"", "journey: cannot write '%s': %s\n" % (new, reason)))
            self.assertEqual(listing(d), names)

    def test_full_file_system(self):
        if os.geteuid() != 0:
            print("\nskipped: a full file system needs root to mount a tmpfs", file=sys.stderr)
            self.skipTest("not root: cannot mount a tmpfs")
        d = tempfile.mkdtemp()
        try:
            p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", d], capture_output=True)
            if p.returncode != 0:
                print("\nskipped: cannot mount a tmpfs: %s" % p.stderr.decode().strip(), file=sys.stderr)
                self.skipTest("cannot mount a tmpfs")
            try:
                filler = os.path.join(d, "filler")

                def fill():
                    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
                    try:
                        while os.write(fd, b"x" * 512):
                            pass
                    except OSError:
                        pass
                    os.close(fd)

                self.check_failures(d, ENOSPC, fill=fill)
                with open(os.path.join(d, "stdout"), "wb") as f:
                    fill()
                    rc, _, err = run("report", self.big, "-k", "steps", stdout=f)
                self.assertEqual((rc, err), (2, "journey: cannot write 'standard output': %s\n" % ENOSPC))
            finally:
                subprocess.run(["umount", d], check=True)
        finally:
            os.rmdir(d)

    def test_file_size_limit(self):
        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

        with tempfile.TemporaryDirectory() as d:
            self.check_failures(d, "File too large", preexec_fn=limit)
            out = os.path.join(d, "stdout")
            with open(out, "wb") as f:
                rc, _, err = run("report", self.big, "-k", "steps", stdout=f, preexec_fn=limit)
            self.assertEqual((rc, err), (2, "journey: cannot write 'standard output': File too large\n"))


class SpecialFiles(Workdir):
    """Finding 8: read-only files, hard links, FIFOs, devices, links."""

    def test_read_only_file_is_refused(self):
        write(self.path("ro.journey"), MESSY)
        os.chmod(self.path("ro.journey"), 0o444)
        write(self.path("ro.svg"), OLD)
        os.chmod(self.path("ro.svg"), 0o444)
        for args, name in ((["fmt", "-w", "ro.journey"], "ro.journey"),
                           (["render", "map.journey", "-o", "ro.svg"], "ro.svg"),
                           (["report", "map.journey", "-k", "steps", "--format", "csv", "-o", "ro.svg"], "ro.svg")):
            with self.subTest(args=args):
                before = read(self.path(name))
                rc, so, err = self.j(*args)
                self.assertEqual((rc, so, err), (2, b"", "journey: will not overwrite '%s': it is read-only\n" % name))
                self.assertEqual(read(self.path(name)), before)
                self.assertEqual(stat.S_IMODE(os.stat(self.path(name)).st_mode), 0o444)
        self.assertEqual(listing(self.d), ["lib.journey", "map.journey", "ro.journey", "ro.svg"])

    def test_mode_and_owner_kept(self):
        write(self.path("m.journey"), MESSY)
        os.chmod(self.path("m.journey"), 0o640)
        root = os.geteuid() == 0
        if root:
            os.chown(self.path("m.journey"), 1234, 2345)
        rc, so, err = self.j("fmt", "-w", "m.journey")
        self.assertEqual((rc, so, err), (0, b"", ""))
        st = os.stat(self.path("m.journey"))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o640)
        if root:
            self.assertEqual((st.st_uid, st.st_gid), (1234, 2345))
        self.assertNotEqual(read(self.path("m.journey")), MESSY)

    def test_hard_links_are_refused(self):
        write(self.path("a.journey"), MESSY)
        os.link(self.path("a.journey"), self.path("b.journey"))
        write(self.path("out.svg"), OLD)
        os.link(self.path("out.svg"), self.path("copy.svg"))
        for args, name, data in ((["fmt", "-w", "a.journey"], "a.journey", MESSY),
                                 (["render", "map.journey", "-o", "out.svg"], "out.svg", OLD)):
            with self.subTest(args=args):
                ino = os.stat(self.path(name)).st_ino
                rc, so, err = self.j(*args)
                self.assertEqual((rc, so, err), (2, b"", "journey: will not overwrite '%s': it has 2 hard links, "
                                                         "which replacing it would break\n" % name))
                self.assertEqual(read(self.path(name)), data)
                self.assertEqual(os.stat(self.path(name)).st_ino, ino)
                self.assertEqual(os.stat(self.path(name)).st_nlink, 2)

    def test_fmt_w_refuses_a_fifo_without_reading_it(self):
        os.mkfifo(self.path("p.journey"))
        rc, so, err = self.j("fmt", "-w", "p.journey", timeout=20)
        self.assertEqual((rc, so, err), (2, b"", "journey: will not overwrite 'p.journey': it is not a regular file\n"))
        self.assertTrue(stat.S_ISFIFO(os.lstat(self.path("p.journey")).st_mode))

    def test_output_to_a_fifo_is_written_to_it(self):
        fifo = self.path("out.fifo")
        os.mkfifo(fifo)
        fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        got = []
        p = subprocess.Popen([JOURNEY, "render", "map.journey", "-T", "svg", "-o", "out.fifo"], cwd=self.d,
                             stderr=subprocess.PIPE, env=journeytest.environment())
        deadline = time.time() + 60
        # Read while the render runs; once it has ended, until the FIFO is
        # empty (with no writer, a read returns nothing: the end).
        while time.time() < deadline:
            ended = p.poll() is not None
            select.select([fd], [], [], 0.05)
            try:
                chunk = os.read(fd, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                got.append(chunk)
            elif ended:
                break
            else:
                time.sleep(0.005)
        os.close(fd)
        err = p.stderr.read().decode()
        p.stderr.close()
        self.assertEqual((p.wait(), err), (0, ""))
        self.assertEqual(b"".join(got), self.j("render", "map.journey", "-T", "svg")[1])
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))

    def test_output_to_a_character_device_is_written_to_it(self):
        if os.geteuid() != 0:
            self.skipTest("mknod needs root")
        os.mknod(self.path("null"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        for what, args in WRITERS:
            with self.subTest(what=what):
                rc, so, err = self.j(*with_out(args, "null"))
                self.assertEqual((rc, so, err), (0, b"", ""))
                self.assertTrue(stat.S_ISCHR(os.lstat(self.path("null")).st_mode))
        self.assertEqual(listing(self.d), ["lib.journey", "map.journey", "null"])

    def test_descriptor_names_write_to_the_descriptor(self):
        svg = self.j("render", "map.journey", "-T", "svg")[1]
        for name in ("/proc/self/fd/1", "/dev/fd/1"):
            with self.subTest(name=name):
                rc, so, err = self.j("render", "map.journey", "-T", "svg", "-o", name)
                self.assertEqual((rc, so, err), (0, svg, ""))
        self.assertEqual(listing(self.d), ["lib.journey", "map.journey"])

    def test_a_directory_is_refused(self):
        os.mkdir(self.path("dir.svg"))
        rc, so, err = self.j("render", "map.journey", "-o", "dir.svg")
        self.assertEqual((rc, so, err), (2, b"", "journey: cannot write 'dir.svg': Is a directory\n"))

    def test_symbolic_links_are_written_through(self):
        os.mkdir(self.path("real"))
        os.mkdir(self.path("links"))
        cases = [(args, "out" + str(i)) for i, (_, args) in enumerate(WRITERS)]
        cases.append((["fmt", "-w", "OUT"], "messy"))
        for args, name in cases:
            with self.subTest(args=args):
                target = self.path("real/" + name)
                write(target, MESSY if args[0] == "fmt" else OLD)
                link = self.path("links/" + name)
                os.symlink("../real/" + name, link)
                rc, so, err = self.j(*with_out(args, "links/" + name))
                self.assertEqual((rc, so, err), (0, b"", ""))
                self.assertTrue(os.path.islink(link))
                self.assertNotIn(read(target), (OLD, MESSY))
        self.assertEqual(listing(self.path("links")), sorted(n for _, n in cases))
        self.assertEqual(listing(self.path("real")), sorted(n for _, n in cases))

    def test_a_dangling_link_creates_its_target(self):
        os.symlink("made.svg", self.path("link.svg"))
        rc, so, err = self.j("render", "map.journey", "-o", "link.svg")
        self.assertEqual((rc, so, err), (0, b"", ""))
        self.assertTrue(os.path.islink(self.path("link.svg")))
        self.assertTrue(read(self.path("made.svg")).startswith(b"<?xml"))

    def test_a_link_loop_is_an_error(self):
        os.symlink("b.svg", self.path("a.svg"))
        os.symlink("a.svg", self.path("b.svg"))
        rc, so, err = self.j("render", "map.journey", "-o", "a.svg")
        self.assertEqual((rc, so, err), (2, b"", "journey: cannot write 'a.svg': Too many levels of symbolic links\n"))


class LongNames(Workdir):
    """Finding 10: a name of 255 bytes has room for its temporary."""

    def test_255_bytes(self):
        name = "n" * (255 - len(".journey")) + ".journey"
        write(self.path(name), MESSY)
        rc, so, err = self.j("fmt", "-w", name)
        self.assertEqual((rc, so, err), (0, b"", ""))
        self.assertNotEqual(read(self.path(name)), MESSY)
        for what, args in WRITERS:
            with self.subTest(what=what):
                out = "o" * 251 + ".out"
                rc, so, err = self.j(*with_out(args, out))
                self.assertEqual((rc, so, err), (0, b"", ""))
                os.unlink(self.path(out))
        self.assertEqual(listing(self.d), sorted(["lib.journey", "map.journey", name]))


def pages(d):
    return sorted(n for n in os.listdir(d) if n.endswith(".png"))


class Pages(unittest.TestCase):
    """Finding 9: the pages of a wide PNG are one set."""

    @classmethod
    def setUpClass(cls):
        cls.src = tempfile.mkdtemp()
        for steps in (5, 200, 350):  # 1, 2 and 3 pages
            journeytest.generated_map(os.path.join(cls.src, "m%d.journey" % steps), steps)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.src)

    def render(self, steps, out):
        # One row, so that a wide map is pages side by side (by default it
        # would fold into rows of one picture).
        return run("render", os.path.join(self.src, "m%d.journey" % steps), "-W", "no-all", "--rows", "1",
                   "-o", out)

    def test_stale_pages_removed(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "map.png")
            base = out[:-len(".png")]
            # What earlier renders left: a map of one page, one of four.
            for name in ("map.png", "map-1.png", "map-2.png", "map-3.png", "map-4.png", "map-x.png", "other.png"):
                write(os.path.join(d, name), OLD)
            rc, _, err = self.render(200, out)
            self.assertEqual((rc, err), (0, "journey: the map is too wide for one PNG: wrote 2 pages, %s-1.png to "
                                            "%s-2.png\njourney: removed %s, %s-3.png, %s-4.png, left by an earlier "
                                            "render\n" % (base, base, out, base, base)))
            self.assertEqual(pages(d), ["map-1.png", "map-2.png", "map-x.png", "other.png"])
            self.assertNotEqual(read(os.path.join(d, "map-1.png")), OLD)
            rc, _, err = self.render(5, out)
            self.assertEqual((rc, err), (0, "journey: removed %s-1.png, %s-2.png, left by an earlier render\n"
                                            % (base, base)))
            self.assertEqual(pages(d), ["map-x.png", "map.png", "other.png"])
            self.assertEqual(read(os.path.join(d, "other.png")), OLD)
            self.assertEqual(read(os.path.join(d, "map-x.png")), OLD)
            rc, _, err = self.render(5, out)
            self.assertEqual((rc, err), (0, ""))
            self.assertEqual(listing(d), ["map-x.png", "map.png", "other.png"])

    def test_interrupted_render_keeps_every_old_page(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "map.png")
            old = {}
            for i in (1, 2, 3):
                old["map-%d.png" % i] = b"old page %d\n" % i
                write(os.path.join(d, "map-%d.png" % i), old["map-%d.png" % i])
            p = subprocess.Popen([JOURNEY, "render", os.path.join(self.src, "m350.journey"), "-o", out],
                                 stderr=subprocess.DEVNULL, env=journeytest.environment())
            # Wait until the first page has been written, then stop the
            # render while it draws the others.
            deadline = time.time() + 60
            while time.time() < deadline and p.poll() is None:
                # Over its name (one file at a time), or a second temporary
                # begun (every page to a temporary first).
                try:
                    begun = [n for n in os.listdir(d) if n not in old and os.path.getsize(os.path.join(d, n))]
                except FileNotFoundError:
                    continue
                first_done = read(os.path.join(d, "map-1.png")) != old["map-1.png"] or len(begun) >= 2
                if first_done:
                    break
                time.sleep(0.005)
            self.assertIsNone(p.poll(), "the render ended before it could be interrupted")
            p.send_signal(signal.SIGTERM)
            self.assertEqual(p.wait(timeout=60), -signal.SIGTERM)
            self.assertEqual(listing(d), sorted(old))
            for n, data in old.items():
                self.assertEqual(read(os.path.join(d, n)), data, n)


if __name__ == "__main__":
    JOURNEY, EXAMPLES, SRC = (os.path.abspath(a) for a in sys.argv[1:4])
    run = journeytest.runner(JOURNEY, binary=True, timeout=120)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[4:])
