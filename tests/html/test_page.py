#!/usr/bin/env python3
"""The HTML map as bytes: one self-contained page whose policy allows its
one script, whose data is the model's, and whose picture is the SVG of
-T svg; and docs/winter-jacket.html is what journey writes today.

    test_page.py JOURNEY SOURCE_DIR
"""
import base64
import hashlib
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import unittest

import journeytest

JOURNEY, SOURCE = sys.argv[1], sys.argv[2]
del sys.argv[1:3]
EXAMPLES = os.path.join(SOURCE, "examples")
HOSTILE = os.path.join(SOURCE, "tests", "html", "hostile.journey")


def render(path, *args, cwd=None):
    status, out, err = journeytest.run(JOURNEY, "render", path, "-T", "html", *args, cwd=cwd)
    if status != 0:
        raise AssertionError("render %s: %s" % (path, err))
    return out


def scripts(page):
    """The page's script elements: (attributes, content)."""
    return re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)


def data(page):
    found = [body for attrs, body in scripts(page) if 'type="application/json"' in attrs]
    assert len(found) == 1
    return json.loads(found[0])


def svg_of(page):
    return page[page.index("<svg "):page.index("</svg>") + 6]


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.jacket = render(os.path.join(EXAMPLES, "winter-jacket.journey"))

    def test_policy_allows_exactly_the_inline_script(self):
        page = self.jacket
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1)
        rules = dict((r.strip().split(" ", 1) + [""])[:2] for r in csp.split(";"))
        self.assertEqual(rules["default-src"], "'none'")
        self.assertEqual(rules["img-src"], "data:")
        self.assertEqual(rules["style-src"], "'unsafe-inline'")
        code = [body for attrs, body in scripts(page) if not attrs]
        self.assertEqual(len(code), 1)
        digest = base64.b64encode(hashlib.sha256(code[0].encode("utf-8")).digest()).decode()
        self.assertEqual(rules["script-src"], "'sha256-%s'" % digest)
        with open(os.path.join(SOURCE, "src", "back", "html", "map.js"), encoding="utf-8") as f:
            self.assertEqual(code[0], f.read())

    def test_style_and_script_cannot_end_their_elements(self):
        for name in ("map.js", "map.css"):
            with open(os.path.join(SOURCE, "src", "back", "html", name), encoding="utf-8") as f:
                text = f.read().lower()
            for bad in ("</script", "</style", "<!--"):
                self.assertNotIn(bad, text, name)

    def test_script_parses(self):
        node = shutil.which("node") or shutil.which("nodejs")
        if not node:
            self.skipTest("no node to check the script's syntax")
        p = subprocess.run([node, "--check", os.path.join(SOURCE, "src", "back", "html", "map.js")],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 0, p.stderr)

    def test_nothing_external(self):
        page = self.jacket
        for pattern in (r'\bsrc="', r"https?://(?!www\.w3\.org/)", r"@import", r"url\("):
            self.assertIsNone(re.search(pattern, page), pattern)

    def test_data_is_the_model(self):
        status, out, _ = journeytest.run(JOURNEY, "export", "-f", "json", "examples/winter-jacket.journey",
                                         cwd=SOURCE)
        model = json.loads(out)
        d = data(render("examples/winter-jacket.journey", cwd=SOURCE))
        self.assertEqual(d["title"], model["journey"]["title"])
        steps = [s for st in model["stages"] for s in st["steps"]]
        self.assertEqual([s["id"] for s in d["steps"]], [s["id"] for s in steps])
        for mine, theirs in zip(d["steps"], steps):
            self.assertEqual(mine["at"], "examples/winter-jacket.journey:%d" % theirs["loc"]["line"])
            for key in ("thoughts", "pains", "opportunities", "frontstage", "backstage", "support"):
                texts = [t if isinstance(t, str) else t["text"] for t in mine.get(key, [])]
                self.assertEqual(texts, [t["text"] for t in theirs[key]], key)
        self.assertEqual([p["id"] for p in d["personas"]], [p["id"] for p in model["personas"]])

    def test_hostile_text_stays_in_its_element(self):
        page = render(HOSTILE)
        self.assertEqual(len(scripts(page)), 2)
        self.assertNotIn("<script>window", page)
        self.assertNotIn("\u2028", page[page.index('id="journey-data"'):])
        d = data(page)
        status, out, _ = journeytest.run(JOURNEY, "export", "-f", "json", HOSTILE)
        model = json.loads(out)
        self.assertEqual(d["title"], model["journey"]["title"])
        self.assertEqual(d["steps"][0]["title"], model["stages"][0]["steps"][0]["title"])
        # The page's title and the hooks' labels are text and attributes.
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        self.assertEqual(html.unescape(title), model["journey"]["title"])
        label = re.search(r'data-step="a"[^>]* aria-label="([^"]*)"', page).group(1)
        self.assertTrue(html.unescape(label).startswith(model["stages"][0]["steps"][0]["title"]))

    def test_the_picture_is_the_svg(self):
        for args in ((), ("--persona", "ben"), ("--lanes", "pains,emotions,steps")):
            # The page is one row, whatever its shape: -T svg --rows 1.
            status, svg, err = journeytest.run(JOURNEY, "render", "examples/winter-jacket.journey", "-T", "svg",
                                               "--rows", "1", *args, cwd=SOURCE)
            self.assertEqual(status, 0, err)
            page = render("examples/winter-jacket.journey", *args, cwd=SOURCE)
            # What the page leaves out of -T svg: the XML prologue, comments,
            # and Graphviz's element titles.
            expect = re.sub(r"<!--.*?-->\n", "", svg[svg.index("<svg "):], flags=re.S)
            expect = re.sub(r"<title>[^<]*</title>\n", "", expect).rstrip("\n")
            # What it adds: the hooks.
            got = svg_of(page).replace('<svg id="jy-map" aria-label="The map" ', "<svg ")
            got = re.sub(r' data-step="[^"]*" tabindex="0" role="button" aria-label="[^"]*"', "", got)
            got = re.sub(r' data-persona="[^"]*"', "", got)
            got = re.sub(r'<rect class="hit"[^>]*/>\n', "", got)
            self.assertEqual(got, expect, args)

    def test_one_row_however_long(self):
        # A long map folds onto rows in a picture (--rows auto); the HTML
        # map stays one row, which it pans and zooms: the SVG of --rows 1.
        gen = os.path.join(SOURCE, "bench", "gen.py")
        long_map = subprocess.run([sys.executable, gen, "60"], check=True, capture_output=True, text=True).stdout
        import tempfile
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        path = os.path.join(tmp.name, "long.journey")
        with open(path, "w") as f:
            f.write(long_map)
        status, one_row, err = journeytest.run(JOURNEY, "render", path, "-T", "svg", "--rows", "1")
        self.assertEqual(status, 0, err)
        status, folded, err = journeytest.run(JOURNEY, "render", path, "-T", "svg")
        self.assertEqual(status, 0, err)
        self.assertNotEqual(folded, one_row)   # the picture does fold
        page = render(path)
        width = re.search(r'<svg [^>]*width="([0-9.]+)pt"', svg_of(page)).group(1)
        self.assertEqual(width, re.search(r'<svg [^>]*width="([0-9.]+)pt"', one_row).group(1))
        status, out, err = journeytest.run(JOURNEY, "render", path, "-T", "html", "--rows", "2")
        self.assertEqual(status, 2)
        self.assertIn("--rows is for pictures", err)

    def test_images_as_data(self):
        # Drawn in the picture (the storyboard, Maya's card): the data name
        # the element, whose image holds the file's bytes.
        page = render("examples/sneakers-to-be.journey", cwd=SOURCE)
        d = data(page)
        refs = [s["imageIn"] for s in d["steps"] if "imageIn" in s] + \
               [p["imageIn"] for p in d["personas"] if "imageIn" in p]
        self.assertEqual(refs, ["storyboard.cart", "card-image.maya"])
        self.assertFalse(any("image" in s for s in d["steps"] + d["personas"]))
        self.assertEqual(page.count("<image "), 2)
        for ref, name in zip(refs, ("cart-sketch.svg", "maya.svg")):
            m = re.search(r'<g id="%s" class="node"[^>]*>\n(?:<[^i][^\n]*\n)*<image [^>]*xlink:href="([^"]*)"' %
                          re.escape(ref.replace("-", "&#45;")), page)
            prefix = "data:image/svg+xml;base64,"
            self.assertTrue(m.group(1).startswith(prefix))
            with open(os.path.join(EXAMPLES, "img", name), "rb") as f:
                self.assertEqual(base64.b64decode(m.group(1)[len(prefix):]), f.read())
        # Not drawn: the data hold them as data: URLs.
        d = data(render("examples/sneakers-to-be.journey", "--lanes", "steps", "--no-cards", cwd=SOURCE))
        images = [s["image"] for s in d["steps"] if "image" in s] + [p["image"] for p in d["personas"] if "image" in p]
        self.assertEqual(len(images), 2)
        for url, name in zip(images, ("cart-sketch.svg", "maya.svg")):
            prefix = "data:image/svg+xml;base64,"
            self.assertTrue(url.startswith(prefix))
            with open(os.path.join(EXAMPLES, "img", name), "rb") as f:
                self.assertEqual(base64.b64decode(url[len(prefix):]), f.read())

    def test_an_image_too_large_is_left_out(self):
        import tempfile
        import zlib
        with tempfile.TemporaryDirectory() as tmp:
            # A real PNG of 2.4 MB (noise does not compress), and a small one.
            w = h = 900
            raw = b"".join(b"\0" + os.urandom(w * 3) for _ in range(h))
            def chunk(kind, body):
                return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
            png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                   chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))
            self.assertGreater(len(png), 2 << 20)
            with open(os.path.join(tmp, "big.png"), "wb") as f:
                f.write(png)
            shutil.copy(os.path.join(SOURCE, "tests", "unit", "images", "red-4x3.png"), os.path.join(tmp, "small.png"))
            with open(os.path.join(tmp, "m.journey"), "w") as f:
                f.write('journey "J" {\n  stage s "S" {\n    step a "A" { image "big.png" }\n'
                        '    step b "B" { image "small.png" }\n  }\n}\n')
            page = render("m.journey", "--lanes", "steps", cwd=tmp)
            steps = data(page)["steps"]
            self.assertNotIn("image", steps[0])
            with open(os.path.join(tmp, "small.png"), "rb") as f:
                self.assertEqual(steps[1]["image"], "data:image/png;base64," + base64.b64encode(f.read()).decode())
            self.assertLess(len(page), 1 << 20)
            # Drawn in the storyboard, it is in the picture once, whatever its size.
            page = render("m.journey", cwd=tmp)
            self.assertEqual(data(page)["steps"][0]["imageIn"], "storyboard.a")
            self.assertEqual(page.count(base64.b64encode(png[:3000]).decode()[:4000]), 1)

    def test_hooks(self):
        page = self.jacket
        d = data(page)
        hooks = re.findall(r'<g id="([^"]*)" class="node" data-step="([^"]*)"', page)
        self.assertEqual([h[1] for h in hooks], [s["id"] for s in d["steps"]])
        self.assertTrue(all(html.unescape(g) == "steps." + s for g, s in hooks))
        curves = re.findall(r'<g id="curve\.([^"]*)" class="edge" data-persona="([^"]*)"', page)
        self.assertEqual(sorted(curves), [("anna", "anna"), ("ben", "ben")])
        # Without the steps lane, a step's first cell is its hook; a step with
        # nothing drawn has none.
        page = render(os.path.join(EXAMPLES, "winter-jacket.journey"), "--lanes", "pains")
        hooks = re.findall(r'<g id="([^"]*)" class="node" data-step="([^"]*)"', page)
        self.assertTrue(hooks)
        self.assertTrue(all(html.unescape(g) == "pains." + s for g, s in hooks))
        self.assertLess(len(hooks), len(data(page)["steps"]))

    def test_persona_view(self):
        page = render(os.path.join(EXAMPLES, "winter-jacket.journey"), "--persona", "anna")
        d = data(page)
        self.assertEqual([p["id"] for p in d["personas"]], ["anna", "ben"])   # names for the panel
        self.assertEqual(re.findall(r'data-toggle-persona="([^"]*)"', page), ["anna"])
        self.assertTrue(all(any(f["p"] == 0 for f in s["feel"]) for s in d["steps"]))

    def test_same_input_same_bytes_and_format_from_the_name(self):
        self.assertEqual(render(os.path.join(EXAMPLES, "winter-jacket.journey")), self.jacket)
        out = os.path.join(os.environ.get("TMPDIR", "/tmp"), "journey-html-%d.htm" % os.getpid())
        try:
            status, _, err = journeytest.run(JOURNEY, "render", os.path.join(EXAMPLES, "winter-jacket.journey"),
                                             "-o", out)
            self.assertEqual(status, 0, err)
            with open(out, encoding="utf-8") as f:
                self.assertEqual(f.read(), self.jacket)
        finally:
            if os.path.exists(out):
                os.unlink(out)

    def test_docs_example_is_current(self):
        """docs/winter-jacket.html is what scripts/gallery-html writes today."""
        page = render("examples/winter-jacket.journey", cwd=SOURCE)
        with open(os.path.join(SOURCE, "docs", "winter-jacket.html"), encoding="utf-8") as f:
            self.assertTrue(f.read() == page, "docs/winter-jacket.html is stale: run scripts/gallery-html")


if __name__ == "__main__":
    unittest.main(verbosity=2)
