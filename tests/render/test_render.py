#!/usr/bin/env python3
"""journey render as a user meets it: the picture holds the map's text in
the right places, is well-formed, deterministic and escaped; options,
formats, large maps and failed runs behave.

    test_render.py JOURNEY EXAMPLES_DIR TESTS_RENDER_DIR

Golden SVGs (comments stripped) live in golden/; JOURNEY_UPDATE_GOLDEN=1
rewrites them from the current output (then review the diff).
"""
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

import journeytest

JOURNEY = EXAMPLES = HERE = None
run = None  # journeytest.runner(JOURNEY, binary=True), once JOURNEY is known
SVG = "{http://www.w3.org/2000/svg}"
MAPS = ["winter-jacket", "online-purchase", "saas-onboarding", "clinic-appointment"]


def example(name):
    return os.path.join(EXAMPLES, name + ".journey")


def model(path):
    rc, out, err = run("export", "-f", "json", "-I", EXAMPLES, path)
    assert rc == 0, err
    return json.loads(out)


def norm(s):
    """Text without any white space (wrapping only moves spaces) and
    without the word joiners that keep '&...;' literal."""
    return "".join(s.replace("\u2060", "").split())


def svg_texts(root):
    """Element id -> the text drawn in it, lines joined by spaces."""
    out = {}
    for g in root.iter(SVG + "g"):
        gid = g.get("id")
        lines = [t.text or "" for t in g.iter(SVG + "text")]
        if gid and lines:
            out[gid] = " ".join(lines)
    return out


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def strip_comments(svg):
    return re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)


class Picture(unittest.TestCase):
    """Every example: well-formed SVG with every lane's text where it belongs."""

    def render_svg(self, name, *extra):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "map.svg")
            rc, _, err = run("render", example(name), "-o", out, *extra)
            self.assertEqual((rc, err), (0, ""))
            with open(out, encoding="utf-8") as f:
                text = f.read()
        return text, ET.fromstring(text)

    def test_lanes_hold_the_maps_text(self):
        for name in MAPS:
            with self.subTest(name):
                _, root = self.render_svg(name)
                self.assertEqual(root.tag, SVG + "svg")
                texts = svg_texts(root)
                m = model(example(name))
                channels = {c["id"]: c["title"] for c in m["channels"]}
                teams = {t["id"]: t["title"] for t in m["teams"]}
                kpis = {k["id"]: k["title"] for k in m["kpis"]}
                personas = {p["id"]: p["title"] for p in m["personas"]}
                self.assertEqual(norm(texts["title"]), norm(m["journey"]["title"]))
                used = set()
                for st in m["stages"]:
                    title = texts.get("stage.%s/text" % st["id"], texts.get("stage.%s" % st["id"], ""))
                    self.assertIn(norm(st["title"]), norm(title))
                    for step in st["steps"]:
                        sid = step["id"]

                        def lane(lane_name, sid=sid):
                            used.add(lane_name)
                            key = "%s.%s" % (lane_name, sid)
                            return norm(texts.get(key, texts.get(key + "/text", "")))

                        self.assertEqual(lane("steps"), norm(step["title"]))
                        for tp in step["touchpoints"]:
                            want = (channels[tp["channel"]] + (": " if tp["text"] else "") if tp["channel"] else "")
                            self.assertIn(norm(want + tp["text"]), lane("touchpoints"))
                        for t in step["thoughts"]:
                            self.assertIn(norm("\u201c" + t["text"] + "\u201d"), lane("thoughts"))
                        for t in step["pains"]:
                            self.assertIn(norm("\u25bc" + t["text"]), lane("pains"))
                        for t in step["opportunities"]:
                            # ▲, then the status's mark when it has one.
                            self.assertTrue(re.search(re.escape(norm("\u25b2")) + "[\u25c7\u25d0\u2714\u2718]?" +
                                                      re.escape(norm(t["text"])), lane("opportunities")),
                                            (t["text"], lane("opportunities")))
                        for key in ("frontstage", "backstage", "support"):
                            for t in step[key]:
                                self.assertIn(norm(t["text"]), lane(key))
                        for o in step["owners"]:
                            self.assertIn(norm(teams[o]), lane("owners"))
                        for mt in step["metrics"]:
                            self.assertIn(norm(kpis[mt["kpi"]] + mt["spelling"]), lane("metrics"))
                        for e in step["emotions"]:
                            self.assertIn("emotion.%s.%s" % (e["persona"], sid), {g.get("id") for g in root.iter(SVG + "g")})
                            score = e["score"]
                            shown = ("\u2212%d" % -score) if score < 0 else ("+%d" % score if score else "0")
                            labels = [v for k, v in texts.items()
                                      if k.startswith("score.") and k.endswith("." + sid)]
                            self.assertTrue(any(norm(v).startswith(shown) and norm(e["label"]) in norm(v) for v in labels),
                                            (sid, shown, e["label"], labels))
                # A lane is labelled exactly when it has content.
                for lane_name in ("touchpoints", "thoughts", "pains", "opportunities", "frontstage", "backstage",
                                  "support", "owners", "metrics"):
                    has = any(texts.get("%s.%s" % (lane_name, s["id"])) or texts.get("%s.%s/text" % (lane_name, s["id"]))
                              for st in m["stages"] for s in st["steps"])
                    self.assertEqual("lane." + lane_name in texts, has, lane_name)
                for pid, title in personas.items():
                    self.assertEqual(norm(texts["legend-name." + pid]), norm(title))

    def test_golden_svgs(self):
        for name in MAPS:
            with self.subTest(name):
                text, _ = self.render_svg(name)
                problem = journeytest.golden(os.path.join(HERE, "golden", name + ".svg"), strip_comments(text))
                if problem:
                    self.fail(problem)

    def test_persona_view(self):
        m = model(example("winter-jacket"))
        _, root = self.render_svg("winter-jacket", "--persona", "ben")
        texts = svg_texts(root)
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        for st in m["stages"]:
            for step in st["steps"]:
                self.assertEqual("steps." + step["id"] in texts, "ben" in step["personas"], step["id"])
        self.assertFalse(any(i.startswith("emotion.anna.") for i in ids))
        self.assertTrue(any(i.startswith("emotion.ben.") for i in ids))
        self.assertIn("Ben Adeyemi", texts["subtitle"])
        rc, _, err = run("render", example("winter-jacket"), "--persona", "bem", "-o", "-", "-T", "svg")
        self.assertEqual(rc, 2)
        self.assertIn("no persona 'bem'; its personas are anna, ben", err)

    def test_subtitle_keeps_the_state_word(self):
        # as-is and to-be maps say so; current and future keep their names.
        for word, said in ((None, "Current-state map"), ("current", "Current-state map"),
                           ("future", "Future-state map"), ("as-is", "As-is map"), ("to-be", "To-be map")):
            with self.subTest(word):
                src = ('journey "J" {\n%s  persona p "Pia"\n  stage a "A" { step x "X" { emotion 1 } }\n}\n'
                       % ("  state %s\n" % word if word else "")).encode()
                rc, out, err = run("render", "-", "-T", "svg", stdin=src)
                self.assertEqual((rc, err), (0, ""))
                subtitle = svg_texts(ET.fromstring(out))["subtitle"]
                self.assertTrue(subtitle.startswith(said + " \u00b7 "), subtitle)

    def test_nothing_to_draw_says_so(self):
        empty = b'journey "Stages only" {\n  stage a "A" {\n  }\n}\n'
        rc, out, _ = run("render", "-", "-T", "svg", stdin=empty)
        self.assertEqual(rc, 0)
        self.assertIn("no steps yet", svg_texts(ET.fromstring(out))["empty"])
        one = (b'journey "J" {\n  persona p "Pia"\n  persona q "Quinn"\n  stage a "A" {\n'
               b'    step x "X" {\n      persona p\n      emotion 1\n    }\n  }\n}\n')
        rc, out, _ = run("render", "-", "-T", "svg", "--persona", "q", stdin=one)
        self.assertEqual(rc, 0)
        self.assertEqual(svg_texts(ET.fromstring(out))["empty"], "No step concerns Quinn.")

    def test_lanes_option(self):
        _, root = self.render_svg("clinic-appointment", "--lanes", "backstage,steps,evidence", "--rows", "1")
        order = []
        for g in root.iter(SVG + "g"):
            gid = g.get("id", "")
            if gid.startswith("lane.") and not gid.endswith("/text"):
                ys = [float(p.get("points").split()[1].split(",")[1]) for p in g.iter(SVG + "polygon")]
                order.append((max(ys), gid))
        self.assertEqual([gid for _, gid in sorted(order)], ["lane.backstage", "lane.steps", "lane.evidence"])
        texts = svg_texts(root)
        evidence = " ".join(v for k, v in texts.items() if k.startswith("evidence."))
        self.assertIn("Interview: Patient interviews", evidence)
        self.assertNotIn("lane.emotions", texts)
        for bad, msg in (("steps,nope", "unknown lane 'nope'"), ("steps,pains,steps", "'steps' is listed twice")):
            rc, _, err = run("render", example("clinic-appointment"), "--lanes", bad, "-T", "svg")
            self.assertEqual(rc, 2)
            self.assertIn(msg, err)


def boxes(root, keep):
    """Element id -> bounding box (x0, y0, x1, y1) of its polygon, for the
    ids keep() accepts."""
    out = {}
    for g in root.iter(SVG + "g"):
        gid = g.get("id", "")
        if not keep(gid):
            continue
        for poly in g.iter(SVG + "polygon"):
            pts = [tuple(float(v) for v in p.split(",")) for p in poly.get("points").split()]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out[gid] = (min(xs), min(ys), max(xs), max(ys))
    return out


def score_label(gid):
    return gid.startswith("score.") and not gid.endswith("/text")


GALLERY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "gallery")


class Labels(unittest.TestCase):
    """Emotion labels belong to one persona, are never cut, and never
    cover each other."""

    def maps(self):
        return [example(n) for n in MAPS] + [os.path.join(GALLERY, n + ".journey")
                                             for n in ("five-personas", "blueprint", "to-be", "steps-40")] + \
            [example("sneakers-as-is"), example("sneakers-to-be")]

    def test_no_two_labels_overlap(self):
        for path in self.maps():
            with self.subTest(os.path.basename(path)):
                rc, out, err = run("render", path, "-T", "svg")
                self.assertEqual((rc, err), (0, ""))
                found = sorted(boxes(ET.fromstring(out), score_label).items())
                self.assertGreaterEqual(len(found), 4)
                for i, (a, ba) in enumerate(found):
                    for b, bb in found[i + 1:]:
                        apart = ba[2] <= bb[0] + 0.01 or bb[2] <= ba[0] + 0.01 or ba[3] <= bb[1] + 0.01 or \
                            bb[3] <= ba[1] + 0.01
                        self.assertTrue(apart, (a, ba, b, bb))
                # Nor covers a point of a curve.
                points = []
                for g in ET.fromstring(out).iter(SVG + "g"):
                    if g.get("id", "").startswith("emotion."):
                        for e in g.iter(SVG + "ellipse"):
                            cx, cy, rx = (float(e.get(k)) for k in ("cx", "cy", "rx"))
                            points.append((g.get("id"), (cx - rx, cy - rx, cx + rx, cy + rx)))
                        for poly in g.iter(SVG + "polygon"):
                            pts = [tuple(float(v) for v in q.split(",")) for q in poly.get("points").split()]
                            points.append((g.get("id"), (min(p[0] for p in pts), min(p[1] for p in pts),
                                                         max(p[0] for p in pts), max(p[1] for p in pts))))
                self.assertTrue(points)
                for a, ba in found:
                    for b, bb in points:
                        apart = ba[2] <= bb[0] + 0.01 or bb[2] <= ba[0] + 0.01 or ba[3] <= bb[1] + 0.01 or \
                            bb[3] <= ba[1] + 0.01
                        self.assertTrue(apart, (a, ba, b, bb))

    def test_a_label_speaks_for_the_personas_that_gave_it(self):
        path = os.path.join(GALLERY, "five-personas.journey")
        m = model(path)
        rc, out, _ = run("render", path, "-T", "svg")
        root = ET.fromstring(out)
        texts = svg_texts(root)
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        for st in m["stages"]:
            for step in st["steps"]:
                labels = {k: norm(v) for k, v in texts.items()
                          if k.startswith("score.") and k.endswith("." + step["id"])}
                for e in step["emotions"]:
                    score = e["score"]
                    shown = ("\u2212%d" % -score) if score < 0 else ("+%d" % score if score else "0")
                    # Its own label, whole (never cut), with exactly its text.
                    self.assertIn(norm(shown + " " + e["label"]), labels.values(), (step["id"], e))
                    self.assertIn("score-mark.%s.%s" % (e["persona"], step["id"]), ids)
                for v in labels.values():
                    self.assertNotIn("\u2026", v)
                    self.assertNotIn("/", v)
        # Anna and Ben share −2 "Angry: ..." at pay (one label, two
        # markers); Chen's −2 has another text and a label of its own.
        self.assertEqual(norm(texts["score.amal.pay"]), norm("\u22122 Angry: she has to pay for each card separately"))
        self.assertIn("score-mark.emil.pay", ids)
        self.assertNotIn("score.emil.pay", texts)
        self.assertEqual(norm(texts["score.chen.pay"]), norm("\u22122 Angry: his bank card is declined for being under 18"))

    def test_curves_break_where_a_step_leaves_the_persona_out(self):
        rc, out, _ = run("render", example("winter-jacket"), "-T", "svg")
        root = ET.fromstring(out)
        for g in root.iter(SVG + "g"):
            if g.get("id") == "curve.anna":
                self.assertGreaterEqual(len(list(g.iter(SVG + "path"))), 3)
        # Whom each step concerns, under its title.
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        self.assertIn("concerns.anna.cold", ids)
        self.assertNotIn("concerns.ben.cold", ids)
        self.assertIn("concerns.ben.window", ids)

    def test_persona_cards(self):
        m = model(example("winter-jacket"))
        rc, out, _ = run("render", example("winter-jacket"), "-T", "svg")
        texts = svg_texts(ET.fromstring(out))
        for p in m["personas"]:
            self.assertIn(norm(p["quote"]), norm(texts["card-quote.%s" % p["id"]]))
            self.assertIn(norm(p["description"]), norm(texts["card-description.%s" % p["id"]]))
            for g in p["goals"]:
                self.assertIn(norm("Goal: " + g["text"]), norm(texts["card-facts.%s" % p["id"]]))
            self.assertEqual(norm(texts["legend-name.%s" % p["id"]]), norm(p["title"]))
        rc, out, _ = run("render", example("winter-jacket"), "-T", "svg", "--no-cards")
        texts = svg_texts(ET.fromstring(out))
        self.assertFalse(any(k.startswith("card") for k in texts))
        self.assertIn("legend-name.anna", texts)
        # A persona with nothing but a name gets no card.
        src = b'journey "J" {\n  persona p "Pia"\n  stage a "A" { step x "X" { emotion 1 } }\n}\n'
        rc, out, _ = run("render", "-", "-T", "svg", stdin=src)
        self.assertNotIn(b'id="card.p"', out)

    def test_blueprint_lanes_and_moments(self):
        path = os.path.join(GALLERY, "blueprint.journey")
        rc, out, _ = run("render", path, "-T", "svg", "--lanes",
                         "steps,artifacts,interaction,frontstage,visibility,backstage,internal,support,notes")
        self.assertEqual(rc, 0)
        texts = svg_texts(ET.fromstring(out))
        for lane in ("interaction", "visibility", "internal"):
            self.assertIn("lane." + lane, texts)
        self.assertIn("Line of internal interaction", texts["lane.internal"])
        self.assertIn("QR code on screen", texts["artifacts.code"])
        self.assertIn("Half the returns", texts["notes.choose"])
        self.assertIn("Rita opens the order", texts["notes.choose"])
        self.assertEqual(norm(texts["moment.code"]), norm("\u2605 Moment of truth: No printer needed"))
        self.assertIn("moment-tint.code", {g.get("id") for g in ET.fromstring(out).iter(SVG + "g")})
        # No backstage: no line of internal interaction.
        rc, out, _ = run("render", path, "-T", "svg", "--lanes", "steps,frontstage,visibility,internal,support")
        texts = svg_texts(ET.fromstring(out))
        self.assertIn("lane.visibility", texts)
        self.assertNotIn("lane.internal", texts)


class Items(unittest.TestCase):
    """Pains, opportunities and blueprint actions show what the map says of
    them without colour: severity, badges and links, status, whom they
    concern, their actor."""

    def test_pains_and_what_solves_them(self):
        path = os.path.join(GALLERY, "five-personas.journey")
        rc, out, _ = run("render", path, "-T", "svg")
        self.assertEqual(rc, 0)
        root = ET.fromstring(out)
        texts = svg_texts(root)
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        pains = texts["pains.login"]
        # P1: the first pain with an id; ▼▼▼▼ for critical, ▼ for low.
        self.assertTrue(norm(pains).startswith(norm("P1 \u25bc\u25bc\u25bc\u25bc The password reset link")), pains)
        self.assertIn(norm("\u25bc Emil's card"), norm(pains))
        self.assertIn(norm("P2 \u25bc\u25bc\u25bc Each card"), norm(texts["pains.pay"]))
        self.assertIn(norm("P3 \u25bc\u25bc Cards of under-18s"), norm(texts["pains.pay"]))
        opp = norm(texts["opportunities.login"])
        self.assertIn(norm("\u25b2 \u2714 Keep reset links valid for an hour \u2192 P1 \u00b7 impact high \u00b7 effort low"), opp)
        opp = norm(texts["opportunities.pay"])
        self.assertIn(norm("\u25b2 \u25c7 One basket for the whole family \u2192 P2"), opp)
        self.assertIn(norm("(planned)"), opp)
        self.assertIn(norm("\u25b2 \u25d0 Let parents pay"), opp)
        # Dropped: struck through, each character with a long stroke.
        self.assertIn("P\u0336a\u0336y\u0336", texts["opportunities.pay"])
        # Whom an item concerns, when only some of its step's personas.
        self.assertIn("pains-persona.amal.login.reset", ids)
        self.assertIn("pains-persona.chen.login.reset", ids)
        self.assertNotIn("pains-persona.emil.login.reset", ids)
        self.assertIn("thoughts-persona.amal.pay.1", ids)
        self.assertFalse(any(i and i.startswith("opportunities-persona.") for i in ids))

    def test_tag_keeps_steps_and_items_with_it(self):
        src = (b'journey "J" {\n  stage a "A" {\n'
               b'    step x "X" { tag pay; emotion 1; pain "Slow" }\n'
               b'    step y "Y" { emotion 0; pain "Kept" { tag pay }; pain "Dropped here" }\n'
               b'    step z "Z" { emotion -1; pain "Other" }\n  }\n}\n')
        rc, out, err = run("render", "-", "-T", "svg", "--tag", "pay", "-W", "no-all", stdin=src)
        self.assertEqual((rc, err), (0, ""))
        texts = svg_texts(ET.fromstring(out))
        self.assertIn("steps.x", texts)
        self.assertIn("steps.y", texts)
        self.assertNotIn("steps.z", texts)
        self.assertIn("Slow", texts["pains.x"])
        self.assertIn("Kept", texts["pains.y"])
        self.assertNotIn("Dropped", texts["pains.y"])
        self.assertIn("tagged pay", texts["subtitle"])
        rc, out, _ = run("render", "-", "-T", "svg", "--tag", "nothing", stdin=src)
        self.assertEqual(rc, 0)
        self.assertEqual(svg_texts(ET.fromstring(out))["empty"], "No step is tagged nothing.")

    def test_an_item_for_many_personas(self):
        """An item for 18 of a step's 20 personas: at most 16 markers beside it."""
        personas = "".join('  persona p%d "P%d"\n' % (i, i) for i in range(20))
        listed = ", ".join("p%d" % i for i in range(18))
        src = ('journey "J" {\n%s  stage a "A" {\n    step x "X" {\n      emotion 1\n'
               '      pain "Crowded" { persona %s }\n    }\n  }\n}\n' % (personas, listed)).encode()
        rc, out, err = run("render", "-", "-T", "svg", "-W", "no-all", stdin=src)
        self.assertEqual((rc, err), (0, ""))
        ids = [g.get("id") for g in ET.fromstring(out).iter(SVG + "g") if g.get("id", "").startswith("pains-persona.")]
        self.assertEqual(len(ids), 16)

    def test_actors_of_the_blueprint(self):
        rc, out, _ = run("render", os.path.join(GALLERY, "blueprint.journey"), "-T", "svg")
        texts = svg_texts(ET.fromstring(out))
        self.assertEqual(norm(texts["frontstage.scan"]), norm("Carrier partner: Locker opens a compartment of the right size"))
        self.assertEqual(norm(texts["backstage.refunded"]), norm("Returns operations: Warehouse inspects the jacket and releases the refund"))
        self.assertEqual(norm(texts["frontstage.choose"]), norm("App lists the items that can be returned and why"))


class Compare(unittest.TestCase):
    """--compare: as-is against to-be, matched by step and persona id."""

    def test_compare(self):
        tobe, asis = os.path.join(GALLERY, "to-be.journey"), os.path.join(GALLERY, "as-is.journey")
        rc, out, err = run("render", tobe, "-T", "svg", "--compare=" + asis)
        self.assertEqual((rc, err), (0, ""))
        root = ET.fromstring(out)
        texts = svg_texts(root)
        ids = {g.get("id") for g in root.iter(SVG + "g")}
        self.assertIn("asis.owner", ids)
        self.assertIn("asis.courier", ids)
        self.assertIn("New since the as-is map", texts["new.loaner"])
        self.assertFalse(any(i and i.startswith("new.") and i != "new.loaner" for i in ids))
        self.assertIn("Booking a repair: as-is", texts["legend-name.asis"])
        self.assertEqual(norm(texts["removed"]),
                         norm("Removed since the as-is map: Phones the workshop \u00b7 Fills in a paper form at the counter"))
        self.assertIn("N\u0336o\u0336", texts["pains.calls"])
        self.assertIn("(resolved)", texts["pains.calls"])
        # The pain that is still there is not resolved.
        self.assertNotIn("resolved", texts["pains.slot"])
        # The as-is curve of a persona goes through the steps both maps have.
        for g in root.iter(SVG + "g"):
            if g.get("id") == "asis.owner":
                self.assertEqual(len(list(g.iter(SVG + "path"))), 1)
        # Without a comparison, none of it.
        rc, out, _ = run("render", tobe, "-T", "svg")
        self.assertNotIn(b"asis", out)
        rc, _, err = run("render", tobe, "-T", "svg", "--compare")
        self.assertEqual(rc, 2)
        self.assertIn("--compare=FILE", err)
        # A map's own baseline is the default.
        rc, out, err = run("render", example("sneakers-to-be"), "-T", "svg", "--compare")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("Order sneakers online", svg_texts(ET.fromstring(out))["legend-name.asis"])
        rc, _, err = run("render", tobe, "-T", "svg", "--compare=" + os.path.join(GALLERY, "nothing.journey"))
        self.assertNotEqual(rc, 0)


class Layout(unittest.TestCase):
    """Rows, paper, scale, themes and backgrounds."""

    def test_rows(self):
        with tempfile.TemporaryDirectory() as d:
            src = journeytest.generated_map(os.path.join(d, "map.journey"), 200)
            rc, out, _ = run("render", src, "-T", "svg")
            self.assertEqual(rc, 0)
            root = ET.fromstring(out)
            w, h = (float(root.get(k).rstrip("pt")) for k in ("width", "height"))
            self.assertLessEqual(w / h, 3.2)
            ids = {g.get("id") for g in root.iter(SVG + "g")}
            self.assertIn("lane.steps.row2", ids)
            self.assertEqual(len([i for i in ids if i and i.startswith("steps.")]), 200)
            rc, out, _ = run("render", src, "-T", "svg", "--rows", "3")
            ids = {g.get("id") for g in ET.fromstring(out).iter(SVG + "g")}
            self.assertIn("lane.steps.row3", ids)
            self.assertNotIn("lane.steps.row4", ids)
            # Every row has the same lane heights.
            lanes = boxes(ET.fromstring(out), lambda i: i.startswith("lane.pains"))
            heights = {round(b[3] - b[1], 2) for b in lanes.values()}
            self.assertEqual((len(lanes), len(heights)), (3, 1))
        for bad in ("0", "x", "101", "-1"):
            rc, _, err = run("render", example("winter-jacket"), "-T", "svg", "--rows", bad)
            self.assertEqual(rc, 2, bad)
            self.assertIn("--rows takes", err)

    def test_paper(self):
        with tempfile.TemporaryDirectory() as d:
            src = journeytest.generated_map(os.path.join(d, "map.journey"), 40)
            for paper, size in (("a4", (b"595.28", b"841.89")), ("a3-landscape", (b"1190.55", b"841.89"))):
                out = os.path.join(d, paper + ".pdf")
                rc, _, err = run("render", src, "--paper", paper, "-o", out)
                self.assertEqual((rc, err), (0, ""))
                with open(out, "rb") as f:
                    pdf = f.read()
                boxes_ = set(re.findall(rb"/MediaBox \[ 0 0 ([\d.]+) ([\d.]+) \]", pdf))
                self.assertEqual(boxes_, {size})
                self.assertGreaterEqual(int(re.search(rb"/Count (\d+)", pdf).group(1)), 2)
        rc, _, err = run("render", example("winter-jacket"), "--paper", "b5", "-T", "pdf")
        self.assertEqual(rc, 2)
        rc, _, err = run("render", example("winter-jacket"), "--paper", "a4", "-T", "svg")
        self.assertEqual(rc, 2)
        self.assertIn("--paper makes PDF pages", err)

    def test_scale(self):
        rc, one, _ = run("render", example("clinic-appointment"), "-T", "png")
        rc2, two, _ = run("render", example("clinic-appointment"), "-T", "png", "--scale", "2")
        self.assertEqual((rc, rc2), (0, 0))
        w1, h1 = struct.unpack(">II", one[16:24])
        w2, h2 = struct.unpack(">II", two[16:24])
        self.assertAlmostEqual(w2, 2 * w1, delta=2)
        self.assertAlmostEqual(h2, 2 * h1, delta=2)
        self.assertEqual(run("render", example("clinic-appointment"), "-T", "png", "--scale", "2")[1], two)
        self.assertEqual(run("render", example("clinic-appointment"), "-T", "svg", "--scale", "2")[0], 2)
        self.assertEqual(run("render", example("clinic-appointment"), "-T", "png", "--scale", "0")[0], 2)

    def test_themes(self):
        rc, out, _ = run("render", example("online-purchase"), "-T", "svg", "--theme", "print")
        self.assertEqual(rc, 0)
        colours = set(re.findall(rb'(?:fill|stroke)="#([0-9a-f]{6})"', out))
        self.assertTrue(colours)
        for c in colours:
            self.assertTrue(c[0:2] == c[2:4] == c[4:6], c)   # greys only
        rc, out, _ = run("render", example("online-purchase"), "-T", "svg", "--theme", "dark")
        self.assertIn(b'fill="#161b22"', out)
        self.assertNotEqual(run("render", example("online-purchase"), "-T", "svg", "--theme", "neon")[0], 0)
        rc, out, _ = run("render", example("online-purchase"), "-T", "svg", "--background", "transparent")
        self.assertEqual(rc, 0)
        self.assertNotIn(b'fill="#ffffff" stroke="transparent" points="0,0', out)
        for bad in ("red;", "#12", "url(x)"):
            self.assertEqual(run("render", example("online-purchase"), "-T", "svg", "--background", bad)[0], 2)


class Formats(unittest.TestCase):
    def test_format_from_option_or_extension(self):
        with tempfile.TemporaryDirectory() as d:
            rc, _, err = run("render", example("winter-jacket"), "-o", os.path.join(d, "map.txt"))
            self.assertEqual(rc, 2)
            self.assertIn("cannot tell the format from", err)
            self.assertFalse(os.path.exists(os.path.join(d, "map.txt")))
            rc, _, _ = run("render", example("winter-jacket"), "-T", "svg", "-o", os.path.join(d, "map.txt"))
            self.assertEqual(rc, 0)
            with open(os.path.join(d, "map.txt"), "rb") as f:
                self.assertTrue(f.read().startswith(b"<?xml"))
            rc, _, _ = run("render", example("winter-jacket"), "-o", os.path.join(d, "MAP.PNG"))
            self.assertEqual(rc, 0)
            png_size(os.path.join(d, "MAP.PNG"))
        rc, out, _ = run("render", example("winter-jacket"), "-T", "svg", "-o", "-")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith(b"<?xml"))
        rc, out, _ = run("render", example("winter-jacket"), "-T", "svg")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith(b"<?xml"))
        self.assertEqual(run("render", example("winter-jacket"), "-T", "gif")[0], 2)
        self.assertEqual(run("render", example("winter-jacket"))[0], 2)

    def test_dot_is_positioned_graphviz_source(self):
        rc, dot, err = run("render", example("online-purchase"), "-T", "dot")
        self.assertEqual(rc, 0, err)
        text = dot.decode("utf-8")
        self.assertTrue(text.startswith("digraph journey {"))
        self.assertIn('pos="', text)
        # Graphviz itself draws it as it stands, with the same text.
        p = subprocess.run(["neato", "-n2", "-Tsvg"], input=dot, capture_output=True, timeout=120)
        self.assertEqual((p.returncode, p.stderr), (0, b""))
        texts = svg_texts(ET.fromstring(p.stdout))
        self.assertEqual(norm(texts["steps.shop-now"]), norm('Taps "Shop now"'))
        self.assertNotIn("emotion.maya.shop-now", texts)    # markers carry no text

    def test_pdf(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "map.pdf")
            self.assertEqual(run("render", example("clinic-appointment"), "-o", out)[0], 0)
            with open(out, "rb") as f:
                pdf = f.read()
            self.assertTrue(pdf.startswith(b"%PDF-"))
            self.assertNotIn(b"/CreationDate", pdf)
            self.assertIn(b"/Title (GP appointment for knee pain)", pdf)
            self.assertEqual(run("render", example("clinic-appointment"), "-o", out,
                                 env={"SOURCE_DATE_EPOCH": "1700000000"})[0], 0)
            with open(out, "rb") as f:
                self.assertIn(b"/CreationDate (20231114221320Z)", f.read())

    def test_pdf_page_holds_the_map(self):
        """The map sits on its PDF page as on the PNG: a margin of 24 points
        on both sides, nothing shifted off the page (Graphviz's PDF device
        would add 36 points of its own)."""
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "map.pdf")
            self.assertEqual(run("render", example("sneakers-to-be"), "-o", out)[0], 0)
            p = subprocess.run(["pdftoppm", "-r", "72", "-gray", "-singlefile", out, os.path.join(d, "page")],
                               capture_output=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "page.pgm"), "rb") as f:
                pgm = f.read()
            m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
            w, h = int(m.group(1)), int(m.group(2))
            px = pgm[m.end():]
            cols = [x for x in range(w) if any(px[y * w + x] < 200 for y in range(0, h, 2))]
            rows = [y for y in range(h) if any(px[y * w + x] < 200 for x in range(0, w, 2))]
            # The grid's dark stage band runs from the left margin to the right one.
            self.assertLessEqual(abs(cols[0] - 24), 2, (cols[0], cols[-1], w))
            self.assertLessEqual(abs((w - 1 - cols[-1]) - 24), 2, (cols[0], cols[-1], w))
            self.assertLess(rows[-1], h - 10, (rows[-1], h))

    def test_deterministic(self):
        for fmt in ("svg", "png", "pdf", "dot"):
            with self.subTest(fmt):
                a = run("render", example("winter-jacket"), "-T", fmt, "-o", "-")
                b = run("render", example("winter-jacket"), "-T", fmt, "-o", "-")
                self.assertEqual(a[0], 0)
                self.assertEqual(a[1], b[1])
                self.assertGreater(len(a[1]), 1000)

    def test_readme_picture_is_current(self):
        """docs/winter-jacket.png is what journey draws today (regenerate it
        with: journey render examples/winter-jacket.journey -o docs/winter-jacket.png)."""
        rc, png, _ = run("render", example("winter-jacket"), "-T", "png")
        self.assertEqual(rc, 0)
        with open(os.path.join(HERE, "..", "..", "docs", "winter-jacket.png"), "rb") as f:
            self.assertEqual(png, f.read())

    def test_stable_ids(self):
        """Element ids come from the map: appending a step changes few lines."""
        with open(example("winter-jacket"), encoding="utf-8") as f:
            src = f.read()
        more = src.replace('    step "Answers the satisfaction survey" {',
                           '    step extra "Tells a friend" { emotion 1 }\n    step "Answers the satisfaction survey" {')
        self.assertNotEqual(src, more)
        a = strip_comments(run("render", "-", "-T", "svg", stdin=src.encode())[1].decode()).splitlines()
        b = strip_comments(run("render", "-", "-T", "svg", stdin=more.encode())[1].decode()).splitlines()
        import difflib
        changed = sum(1 for line in difflib.unified_diff(a, b, lineterm="", n=0)
                      if line[:1] in "+-" and not line.startswith(("+++", "---")))
        self.assertLess(changed, len(a) // 4, changed)


class Safety(unittest.TestCase):
    def test_hostile_text_stays_text(self):
        rc, out, err = run("render", os.path.join(HERE, "hostile.journey"), "-T", "svg")
        self.assertEqual((rc, err), (0, ""))
        root = ET.fromstring(out)
        allowed = {"svg", "g", "title", "polygon", "polyline", "path", "ellipse", "text"}
        for e in root.iter():
            self.assertIn(e.tag.replace(SVG, ""), allowed)
            for a in e.attrib:
                self.assertFalse(a.lower().startswith("on"), a)
                self.assertNotIn("href", a.lower())
        texts = svg_texts(root)
        self.assertEqual(texts["title"], '<script>alert(1)</script> & "quotes" ]]> <!-- -->')
        self.assertIn("\\N \\G \\l backslashes", texts["description"])
        alltext = norm(" ".join(texts.values()))
        for s in ("]]><script>alert(5)</script>", "javascript:alert(6)", "<svg onload=alert(3)>",
                  '"onmouseover="alert(4)', "<tspan>label</tspan>", "&amp; &lt; literal entities"):
            self.assertIn(norm(s), alltext)

    def test_errors_write_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.journey")
            journeytest.write(bad, 'journey "J" {\n  stage s "S" { step a "A" { emotion 9 } }\n}\n')
            out = os.path.join(d, "map.svg")
            rc, _, err = run("render", bad, "-o", out)
            self.assertEqual(rc, 1)
            self.assertIn("emotion 9 is outside the scale", err)
            self.assertFalse(os.path.exists(out))
            journeytest.write(out, "the old map")
            self.assertEqual(run("render", bad, "-o", out)[0], 1)
            with open(out) as f:
                self.assertEqual(f.read(), "the old map")
            self.assertEqual(sorted(os.listdir(d)), ["bad.journey", "map.svg"])
        rc, _, err = run("render", example("people"), "-o", "-", "-T", "svg")
        self.assertEqual(rc, 1)
        self.assertIn("is a library", err)

    def test_failed_render_keeps_the_old_file(self):
        """A PNG too tall to draw fails after the map checked; the old
        file survives and no temporary is left behind."""
        with tempfile.TemporaryDirectory() as d:
            tall = os.path.join(d, "tall.journey")
            words = " ".join("word%d" % i for i in range(8000))   # 4000 lines: too tall for a PNG
            journeytest.write(tall, 'journey "Tall" {\n  stage s "S" { step a "A" { emotion 1; pain "%s" } }\n}\n'
                              % words)
            out = os.path.join(d, "map.png")
            journeytest.write(out, b"the old map")
            rc, _, err = run("render", tall, "-o", out)
            self.assertEqual(rc, 2)
            self.assertIn("pixels tall", err)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), b"the old map")
            self.assertEqual(sorted(os.listdir(d)), ["map.png", "tall.journey"])


class Interrupted(unittest.TestCase):
    """A render killed midway leaves the old map as it was."""

    def kill_midway(self, sig):
        import signal
        import time
        with tempfile.TemporaryDirectory() as d:
            src = journeytest.generated_map(os.path.join(d, "big.journey"), 600)
            out = os.path.join(d, "map.pdf")
            journeytest.write(out, b"the old map")
            p = subprocess.Popen([JOURNEY, "render", src, "-o", out], stderr=subprocess.PIPE,
                                 env=journeytest.environment())
            deadline = time.time() + 120
            while time.time() < deadline and not any(n.startswith(".jy-") for n in os.listdir(d)):
                time.sleep(0.01)
            self.assertIsNone(p.poll(), "the render ended before it could be interrupted")
            p.send_signal(sig)
            p.wait(timeout=60)
            p.stderr.close()
            self.assertEqual(p.returncode, -sig)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), b"the old map")
            return [n for n in os.listdir(d) if n.startswith(".")]

    def test_sigterm_leaves_no_temporary(self):
        import signal
        self.assertEqual(self.kill_midway(signal.SIGTERM), [])

    def test_sigkill_keeps_the_old_map(self):
        import signal
        self.kill_midway(signal.SIGKILL)


class LargeMaps(unittest.TestCase):
    """A PNG never shrinks silently: wide maps become pages."""

    def generate(self, d, steps):
        return journeytest.generated_map(os.path.join(d, "map-%d.journey" % steps), steps)

    def check_pages(self, steps):
        with tempfile.TemporaryDirectory() as d:
            src = self.generate(d, steps)
            rc, svg, _ = run("render", src, "--rows", "1", "-T", "svg")
            self.assertEqual(rc, 0)
            root = ET.fromstring(svg)
            height_pt = float(root.get("height").rstrip("pt"))
            step_ids = {g.get("id") for g in root.iter(SVG + "g") if g.get("id", "").startswith("steps.")}
            self.assertEqual(len(step_ids), steps)
            rc, _, err = run("render", src, "--rows", "1", "-o", os.path.join(d, "map.png"))
            self.assertEqual(rc, 0, err)
            pages = sorted(f for f in os.listdir(d) if f.endswith(".png"))
            self.assertGreaterEqual(len(pages), 2)
            self.assertEqual(set(pages), {"map-%d.png" % (i + 1) for i in range(len(pages))})
            self.assertIn("wrote %d pages" % len(pages), err)
            for p in pages:
                w, h = png_size(os.path.join(d, p))
                self.assertLessEqual(w, 32767)
                self.assertGreater(w, 20000)       # a full page, not shrunk
                self.assertAlmostEqual(h, height_pt * 96 / 72, delta=1.5)
            rc, _, err = run("render", src, "--rows", "1", "-T", "png", "-o", "-")
            self.assertEqual(rc, 2)
            self.assertIn("takes %d pages" % len(pages), err)
            rc, _, _ = run("render", src, "--rows", "1", "-o", os.path.join(d, "map.pdf"))
            self.assertEqual(rc, 0)
            with open(os.path.join(d, "map.pdf"), "rb") as f:
                pdf = f.read()
            count = int(re.search(rb"/Count (\d+)", pdf).group(1))
            self.assertGreaterEqual(count, 2)
            for w in re.findall(rb"/MediaBox \[ 0 0 ([\d.]+) ", pdf):
                self.assertLessEqual(float(w), 14400)

    def test_300_steps(self):
        self.check_pages(300)

    def test_1000_steps(self):
        self.check_pages(1000)


def png_pixels(data):
    """(width, height, rows of RGBA tuples) of a non-interlaced 8-bit PNG."""
    import zlib
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i, idat = 8, b""
    while i < len(data):
        n, kind = struct.unpack(">I4s", data[i:i + 8])
        chunk = data[i + 8:i + 8 + n]
        i += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", chunk[:10])
        elif kind == b"IDAT":
            idat += chunk
    assert depth == 8 and ctype in (2, 6)
    bpp = 4 if ctype == 6 else 3
    raw, stride, rows, prev, j = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp), 0
    for _ in range(h):
        f, line = raw[j], bytearray(raw[j + 1:j + 1 + stride])
        j += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[k:k + bpp]) + ((255,) if bpp == 3 else ()) for k in range(0, stride, bpp)])
        prev = line
    return w, h, rows


def red(px):
    return px[0] > 200 and px[1] < 70 and px[2] < 70


class Images(unittest.TestCase):
    """A persona's picture and each step's sketch (the storyboard lane),
    embedded in every format, read and checked by render."""

    FIXTURES = None

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.d = self.dir.name
        fixtures = os.path.join(HERE, "..", "unit", "images")
        for src, dst in (("red-4x3.png", "face.png"), ("red-6x4.jpg", "photo.jpg"), ("red-40x20.svg", "sketch.svg"),
                         ("text.png", "text.png"), ("halves-16x8-exif6.jpg", "turned.jpg")):
            with open(os.path.join(fixtures, src), "rb") as f, open(os.path.join(self.d, dst), "wb") as g:
                g.write(f.read())

    def tearDown(self):
        self.dir.cleanup()

    def map(self, face="face.png", turned=False):
        path = os.path.join(self.d, "pictures.journey")
        with open(path, "w", encoding="utf-8") as f:
            f.write('journey "Pictures" {\n'
                    '  persona ana "Ana" { image "%s" }\n'
                    '  stage s "Visit" {\n'
                    '    step a "Books" { image "photo.jpg"\n emotion ana 1 }\n'
                    '    step b "Arrives" { image "sketch.svg"\n emotion ana -1 }\n'
                    '    step c "Pays" { %s\n emotion ana 2 }\n'
                    '  }\n'
                    '}\n' % (face, 'image "turned.jpg"' if turned else 'image "face.png"'))
        return path

    def svg(self, *args):
        rc, out, err = run("render", self.map(), "-T", "svg", *args)
        self.assertEqual(rc, 0, err)
        return out

    def images(self, svg):
        """id of the group -> (x, y from the page's top, w, h, href)."""
        root = ET.fromstring(svg)
        height = float(root.get("height").replace("pt", ""))
        out = {}
        for g in root.iter(SVG + "g"):
            for im in g.findall(SVG + "image"):
                href = im.get("{http://www.w3.org/1999/xlink}href")
                out[g.get("id")] = (float(im.get("x")), float(im.get("y")) + height, float(im.get("width")),
                                    float(im.get("height")), href)
        return out

    def test_svg_embeds_each_image(self):
        ims = self.images(self.svg())
        self.assertEqual(sorted(ims), ["card-image.ana", "storyboard.a", "storyboard.b", "storyboard.c"])
        import base64
        for gid, name, mime in (("card-image.ana", "face.png", "image/png"), ("storyboard.a", "photo.jpg", "image/jpeg"),
                                ("storyboard.b", "sketch.svg", "image/svg+xml")):
            href = ims[gid][4]
            prefix = "data:%s;base64," % mime
            self.assertTrue(href.startswith(prefix), href[:40])
            with open(os.path.join(self.d, name), "rb") as f:
                self.assertEqual(base64.b64decode(href[len(prefix):]), f.read())
        # Fitted with their proportions: 6x4, 40x20 and 4x3 into cells of one size.
        for gid, ratio in (("storyboard.a", 6 / 4), ("storyboard.b", 40 / 20), ("storyboard.c", 4 / 3)):
            x, y, w, h, _ = ims[gid]
            self.assertAlmostEqual(w / h, ratio, delta=0.02)
        self.assertAlmostEqual(ims["card-image.ana"][2], 56, delta=0.01)   # the card's square, 4:3 inside it

    def test_lanes_choose_the_storyboard(self):
        ims = self.images(self.svg("--lanes", "steps,emotions"))
        self.assertEqual(sorted(ims), ["card-image.ana"])
        ims = self.images(self.svg("--lanes", "storyboard", "--no-cards"))
        self.assertEqual(sorted(ims), ["storyboard.a", "storyboard.b", "storyboard.c"])

    def test_exif_orientation_turns_the_photo(self):
        rc, out, err = run("render", self.map(turned=True), "-T", "svg")
        self.assertEqual(rc, 0, err)
        x, y, w, h, _ = self.images(out)["storyboard.c"]
        self.assertAlmostEqual(w / h, 8 / 16, delta=0.02)   # stored 16x8, shown turned

    def test_png_and_pdf_draw_them(self):
        ims = self.images(self.svg())
        rc, png, err = run("render", self.map(), "-T", "png")
        self.assertEqual(rc, 0, err)
        w, h, rows = png_pixels(png)
        for gid, (x, y, bw, bh, _) in ims.items():
            cx, cy = (x + bw / 2) * 96 / 72, (y + bh / 2) * 96 / 72
            self.assertTrue(red(rows[int(cy)][int(cx)]), (gid, rows[int(cy)][int(cx)]))
            # Beside a storyboard image that is wider than tall: its cell, not red.
            if gid.startswith("storyboard"):
                above = rows[int((y - 3) * 96 / 72)][int(cx)]
                self.assertFalse(red(above), (gid, above))
        rc, pdf, err = run("render", self.map(), "-T", "pdf")
        self.assertEqual(rc, 0, err)
        out = os.path.join(self.d, "map.pdf")
        with open(out, "wb") as f:
            f.write(pdf)
        p = subprocess.run(["pdftoppm", "-r", "72", "-singlefile", out, os.path.join(self.d, "page")],
                           capture_output=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(os.path.join(self.d, "page.ppm"), "rb") as f:
            ppm = f.read()
        m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", ppm)
        pw = int(m.group(1))
        body = ppm[m.end():]
        for gid, (x, y, bw, bh, _) in ims.items():
            k = (int(y + bh / 2) * pw + int(x + bw / 2)) * 3
            self.assertTrue(red(tuple(body[k:k + 3])), (gid, tuple(body[k:k + 3])))
        self.assertIn(b"/DCTDecode", pdf)   # the JPEG embedded as it is

    def test_same_bytes_every_time(self):
        for fmt in ("svg", "png", "pdf", "html"):
            a = run("render", self.map(), "-T", fmt)
            b = run("render", self.map(), "-T", fmt)
            self.assertEqual(a[0], 0, a[2])
            self.assertEqual(a[1], b[1], fmt)

    def test_an_image_render_cannot_draw(self):
        path = self.map(face="text.png")
        out = os.path.join(self.d, "map.png")
        with open(out, "wb") as f:
            f.write(b"the old map")
        for fmt in ("svg", "png", "pdf", "html"):
            rc, stdout, err = run("render", path, "-T", fmt, "-o", out)
            self.assertEqual(rc, 1, fmt)
            self.assertEqual(stdout, b"")
            self.assertIn("pictures.journey:2:29: error: cannot draw image 'text.png': not a PNG, JPEG or SVG "
                          "image\n", err)
            self.assertIn('    2 |   persona ana "Ana" { image "text.png" }\n'
                          '      |                             ^~~~~~~~~~\n', err)
            self.assertIn("1 error generated.\n", err)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), b"the old map")
        # DOT draws no image, so it reads none.
        self.assertEqual(run("render", path, "-T", "dot")[0], 0)
        # SARIF says it too.
        rc, out, err = run("render", path, "-T", "svg", "-o", os.path.join(self.d, "x.svg"),
                           "--diagnostics", "sarif")
        self.assertEqual(rc, 1)
        log = json.loads(out)
        results = log["runs"][0]["results"]
        self.assertEqual([r["ruleId"] for r in results], ["invalid-image"])

    def test_html_map_holds_them(self):
        rc, page, err = run("render", self.map(), "-T", "html")
        self.assertEqual(rc, 0, err)
        page = page.decode()
        self.assertEqual(page.count("<image "), 4)
        self.assertIn("img-src data:", page)


if __name__ == "__main__":
    JOURNEY, EXAMPLES, HERE = (os.path.abspath(a) for a in sys.argv[1:4])
    run = journeytest.runner(JOURNEY, binary=True)
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[4:])
