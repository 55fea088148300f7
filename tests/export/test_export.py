#!/usr/bin/env python3
"""journey export: the JSON model against docs/journey.schema.json and the
map's own text; Mermaid diagrams against golden files and re-read the way
Mermaid's journey lexer reads them; exit statuses, atomic output.

    test_export.py JOURNEY EXAMPLES_DIR [unittest arguments]

Set JOURNEY_UPDATE_GOLDEN=1 to rewrite the golden .mmd files from the
actual output (then review the diff).
"""
import json
import os
import re
import sys
import tempfile
import unittest

import journeytest
import outputs

HERE = os.path.dirname(os.path.abspath(__file__))
JOURNEY = EXAMPLES = None
run = None  # outputs.runner(JOURNEY), once JOURNEY is known
SCHEMA = os.path.join(HERE, "..", "..", "docs", "journey.schema.json")
JOURNEYS = ["winter-jacket", "online-purchase", "saas-onboarding", "clinic-appointment"]


def example(name):
    return os.path.join(EXAMPLES, name + ".journey")


def export_json(path, cwd=None):
    rc, out, err = run("export", path, "-f", "json", cwd=cwd)
    if rc != 0:
        raise AssertionError("export %s failed (%d): %s" % (path, rc, err))
    return out, json.loads(out.decode("utf-8"))


def steps_of(model):
    return [s for g in model["stages"] for s in g["steps"]]


# ---- JSON -------------------------------------------------------------------

class Json(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import jsonschema
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)

    def test_every_example_validates(self):
        for name in JOURNEYS + ["people"]:
            with self.subTest(name):
                _, model = export_json(example(name))
                errors = [e.message for e in self.validator.iter_errors(model)]
                self.assertEqual(errors, [])
        for path in (os.path.join(HERE, "hostile.journey"),):
            _, model = export_json(path)
            self.assertEqual([e.message for e in self.validator.iter_errors(model)], [])

    def test_schema_is_strict(self):
        _, model = export_json(example("winter-jacket"))
        bad = json.loads(json.dumps(model))
        steps_of(bad)[0]["colour"] = "red"                 # an unknown key
        self.assertFalse(self.validator.is_valid(bad))
        bad = json.loads(json.dumps(model))
        del steps_of(bad)[0]["pains"]                       # a missing key
        self.assertFalse(self.validator.is_valid(bad))
        bad = json.loads(json.dumps(model))
        bad["journey"]["state"] = "past"                    # outside an enum
        self.assertFalse(self.validator.is_valid(bad))
        bad = json.loads(json.dumps(model))
        steps_of(bad)[0]["emotions"][0]["score"] = "-1"     # a wrong type
        self.assertFalse(self.validator.is_valid(bad))

    def test_state_word(self):
        # state keeps its meaning (current|future); state_word the word the author wrote.
        cases = [(None, "current", "current"), ("current", "current", "current"), ("future", "future", "future"),
                 ("as-is", "current", "as-is"), ("to-be", "future", "to-be")]
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.journey")
            for word, state, written in cases:
                with self.subTest(word):
                    with open(path, "w", encoding="utf-8") as f:
                        f.write('journey "S" {\n%s  persona a "A"\n  stage s "S" { step p "P" { emotion 1 } }\n}\n'
                                % ("  state %s\n" % word if word else ""))
                    _, model = export_json(path)
                    self.assertEqual([e.message for e in self.validator.iter_errors(model)], [])
                    self.assertEqual(list(model["journey"]),
                                     ["title", "description", "state", "state_word", "scale", "owner", "reviewed",
                                      "next_review", "baseline", "loc"])
                    self.assertEqual((model["journey"]["state"], model["journey"]["state_word"]), (state, written))
        bad = json.loads(json.dumps(model))
        bad["journey"]["state_word"] = "tobe"
        self.assertFalse(self.validator.is_valid(bad))
        del bad["journey"]["state_word"]
        self.assertFalse(self.validator.is_valid(bad))

    def test_key_order_and_determinism(self):
        raw, model = export_json(example("saas-onboarding"))
        self.assertEqual(list(model), ["version", "schema", "source", "journey", "personas", "channels", "teams", "kpis",
                                       "stages"])
        self.assertEqual(list(steps_of(model)[0]),
                         ["id", "id_derived", "title", "description", "personas_listed", "personas", "emotions",
                          "mood", "touchpoints", "owners", "thoughts", "pains", "opportunities", "frontstage",
                          "backstage", "support", "metrics", "evidence", "notes", "moment", "tags", "artifacts",
                          "image", "loc"])
        again, _ = export_json(example("saas-onboarding"))
        self.assertEqual(raw, again)
        self.assertTrue(raw.endswith(b"}\n"))

    def test_winter_jacket_content(self):
        _, m = export_json(example("winter-jacket"))
        self.assertEqual(m["version"], 2)
        self.assertEqual(m["schema"], "urn:journey:export:v2")
        self.assertEqual(m["journey"]["title"], "Buy a winter jacket")
        self.assertEqual(m["journey"]["scale"], {"low": -2, "high": 2})
        self.assertEqual([p["id"] for p in m["personas"]], ["anna", "ben"])
        self.assertEqual([k["id"] for k in m["kpis"]], ["csat", "drop", "returns"])
        self.assertEqual(m["kpis"][1]["better"], "lower")
        steps = steps_of(m)
        self.assertEqual(len(steps), 13)
        warm = steps[3]
        self.assertEqual((warm["id"], warm["id_derived"], warm["personas_listed"], warm["personas"]),
                         ("compares-warmth-ratings", True, False, ["anna", "ben"]))
        self.assertEqual([(e["persona"], e["score"], e["label"], e["shared"]) for e in warm["emotions"]],
                         [("anna", 0, "", False), ("ben", -1, "Confused", False)])
        self.assertIsNone(warm["mood"])
        ad = steps[1]
        self.assertEqual(ad["touchpoints"][0]["channel"], "instagram")
        self.assertEqual(ad["metrics"][0]["kpi"], "drop")
        self.assertEqual((ad["metrics"][0]["value"], ad["metrics"][0]["percent"], ad["metrics"][0]["spelling"]),
                         (34, True, "34%"))
        self.assertEqual(ad["owners"], ["marketing"])
        frosty = steps[11]
        self.assertEqual(frosty["mood"], {"score": 2, "label": "Warm at last"})
        self.assertTrue(all(e["shared"] for e in frosty["emotions"]))
        group = steps[5]
        self.assertEqual(group["touchpoints"][0]["channel"], None)
        self.assertEqual(group["touchpoints"][0]["text"], "WhatsApp group")
        # An escape in the map is decoded in the export.
        self.assertEqual(warm["opportunities"][0]["text"], "Add a shop-wide warmth rating from -5 to -25 \u00b0C")

    def test_owner_and_review_dates(self):
        _, m = export_json(os.path.join(HERE, "reviewed.journey"))
        self.assertEqual([e.message for e in self.validator.iter_errors(m)], [])
        self.assertEqual(list(m["journey"]), ["title", "description", "state", "state_word", "scale", "owner", "reviewed",
                                              "next_review", "baseline", "loc"])
        self.assertEqual((m["journey"]["owner"], m["journey"]["reviewed"], m["journey"]["next_review"]),
                         ("cx", "2024-02-29", "9999-12-31"))
        self.assertEqual(steps_of(m)[0]["owners"], ["ops"])
        # Without them: null, and still valid.
        _, m = export_json(example("winter-jacket"))
        self.assertEqual((m["journey"]["owner"], m["journey"]["reviewed"], m["journey"]["next_review"]),
                         (None, None, None))
        # An export from before these keys still validates; a date in
        # another shape does not.
        old = json.loads(json.dumps(m))
        for key in ("owner", "reviewed", "next_review"):
            del old["journey"][key]
        self.assertTrue(self.validator.is_valid(old))
        bad = json.loads(json.dumps(m))
        bad["journey"]["reviewed"] = "2026-1-1"
        self.assertFalse(self.validator.is_valid(bad))
        bad["journey"]["reviewed"] = None
        bad["journey"]["owner"] = "not an id"
        self.assertFalse(self.validator.is_valid(bad))

    def test_moment_tags_artifacts(self):
        _, m = export_json(os.path.join(HERE, "moment.journey"))
        self.assertEqual([e.message for e in self.validator.iter_errors(m)], [])
        cart, pay, ship = steps_of(m)
        self.assertEqual(cart["moment"]["text"], "Moment of truth: will it fit?")
        self.assertEqual(cart["moment"]["loc"]["line"], 6)
        self.assertEqual(cart["tags"], ["checkout", "mobile", "web"])
        self.assertEqual([a["text"] for a in cart["artifacts"]], ["Cart page with the size picker", "Receipt"])
        self.assertEqual(cart["artifacts"][1]["loc"]["line"], 11)
        # moment without a text; a step without any of them.
        self.assertEqual(pay["moment"]["text"], None)
        self.assertEqual((pay["tags"], pay["artifacts"]), ([], []))
        self.assertEqual((ship["moment"], ship["tags"], ship["artifacts"]), (None, [], []))
        # Many tags (merged through a map past a few) keep their first order.
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "many.journey")
            names = ["t%d" % (i % 40) for i in range(120)][::-1]
            with open(path, "w") as f:
                f.write('journey "J" {\n persona a "A"\n stage s "S" {\n  step x "X" {\n   emotion 1\n')
                for k in range(0, len(names), 7):
                    f.write("   tag " + ", ".join(names[k:k + 7]) + "\n")
                f.write("  }\n }\n}\n")
            _, many = export_json(path)
            self.assertEqual(steps_of(many)[0]["tags"], list(dict.fromkeys(names)))
        # An export from before these keys still validates; a tag twice does not.
        old = json.loads(json.dumps(m))
        for key in ("moment", "tags", "artifacts"):
            del old["stages"][0]["steps"][0][key]
        self.assertTrue(self.validator.is_valid(old))
        bad = json.loads(json.dumps(m))
        bad["stages"][0]["steps"][0]["tags"] = ["a", "a"]
        self.assertFalse(self.validator.is_valid(bad))

    def test_items_and_blueprint_entries(self):
        _, m = export_json(os.path.join(HERE, "items.journey"))
        self.assertEqual([e.message for e in self.validator.iter_errors(m)], [])
        browse, cart = steps_of(m)
        thought = cart["thoughts"][0]
        self.assertEqual(list(thought), ["id", "text", "personas_listed", "personas", "tags", "loc"])
        self.assertEqual((thought["id"], thought["personas_listed"], thought["personas"]), (None, True, ["maya"]))
        acct, fit, late = cart["pains"]
        self.assertEqual(list(acct), ["id", "text", "personas_listed", "personas", "severity", "tags", "loc"])
        self.assertEqual((acct["id"], acct["text"], acct["personas"], acct["severity"], acct["tags"]),
                         ("acct", "Forced to create an account", ["maya"], "high", ["checkout"]))
        self.assertEqual(acct["loc"]["line"], 19)
        # A list in any order comes out in declaration order, each once.
        self.assertEqual((fit["personas"], fit["tags"], fit["severity"]), (["maya", "ben"], ["sizing"], "medium"))
        # No id, no block: all the step's personas, nothing set.
        self.assertEqual((late["id"], late["personas_listed"], late["personas"], late["severity"], late["tags"]),
                         (None, False, ["maya", "ben"], None, []))
        guest = cart["opportunities"][0]
        self.assertEqual(list(guest), ["id", "text", "personas_listed", "personas", "solves", "impact", "effort",
                                       "status", "owner", "tags", "loc"])
        self.assertEqual((guest["id"], guest["solves"], guest["impact"], guest["effort"], guest["status"],
                          guest["owner"], guest["tags"]),
                         ("guest", ["acct"], "high", "low", "planned", "growth", ["checkout"]))
        # An opportunity may solve a pain of a later step.
        self.assertEqual((browse["opportunities"][0]["solves"], browse["opportunities"][0]["status"]),
                         (["fit"], "idea"))
        front, back, support = cart["frontstage"][0], cart["backstage"][0], cart["support"][0]
        self.assertEqual(list(back), ["text", "owner", "tags", "loc"])
        self.assertEqual((front["owner"], front["tags"]), ("cx", []))
        self.assertEqual((back["text"], back["owner"], back["tags"]), ("Stock check", "ops", ["stock"]))
        self.assertEqual((support["owner"], support["tags"]), (None, []))
        for bad_value in (("pains", 0, "severity", "severe"), ("opportunities", 0, "status", "finished"),
                          ("opportunities", 0, "impact", "critical"), ("backstage", 0, "owner", 3)):
            bad = json.loads(json.dumps(m))
            key, i, field, value = bad_value
            bad["stages"][0]["steps"][1][key][i][field] = value
            self.assertFalse(self.validator.is_valid(bad), bad_value)
        bad = json.loads(json.dumps(m))
        del bad["stages"][0]["steps"][1]["pains"][0]["severity"]
        self.assertFalse(self.validator.is_valid(bad))

    def test_baseline_and_images(self):
        # Paths as written and as found: found beside the map, named the way
        # the map was named (relative stays relative).
        _, m = export_json(os.path.join("tests", "export", "baseline.journey"), cwd=os.path.join(HERE, "..", ".."))
        self.assertEqual([e.message for e in self.validator.iter_errors(m)], [])
        b = m["journey"]["baseline"]
        self.assertEqual((b["path"], b["resolved"]), ("files/as-is.journey", "tests/export/files/as-is.journey"))
        self.assertEqual((b["title"], b["state"], b["state_word"]), ("Order sneakers (as-is)", "current", "as-is"))
        self.assertEqual((b["loc"]["line"], b["loc"]["column"]), (4, 12))
        maya, ben = m["personas"]
        self.assertEqual((maya["image"]["path"], maya["image"]["resolved"]),
                         ("files/img/maya.png", "tests/export/files/img/maya.png"))
        self.assertIsNone(ben["image"])
        cart, pay = steps_of(m)
        self.assertEqual((cart["image"]["path"], cart["image"]["resolved"]),
                         ("files/img/cart.svg", "tests/export/files/img/cart.svg"))
        self.assertEqual(cart["image"]["loc"]["line"], 10)
        self.assertIsNone(pay["image"])
        raw, m2 = export_json("baseline.journey", cwd=HERE)
        self.assertEqual(m2["journey"]["baseline"]["resolved"], "files/as-is.journey")
        self.assertNotIn(os.path.abspath(HERE).encode(), raw)   # no absolute path
        # A map without them: nulls; an export from before these keys validates.
        _, plain = export_json(example("winter-jacket"))
        self.assertIsNone(plain["journey"]["baseline"])
        self.assertTrue(all(p["image"] is None for p in plain["personas"]))
        old = json.loads(json.dumps(m))
        del old["journey"]["baseline"]
        del old["personas"][0]["image"]
        del old["stages"][0]["steps"][0]["image"]
        self.assertTrue(self.validator.is_valid(old))
        bad = json.loads(json.dumps(m))
        bad["personas"][0]["image"]["resolved"] = ""
        self.assertFalse(self.validator.is_valid(bad))

    def test_library(self):
        _, m = export_json(example("people"))
        self.assertIsNone(m["journey"])
        self.assertEqual(m["stages"], [])
        self.assertEqual([c["id"] for c in m["channels"]], ["web", "app", "email", "phone", "chat"])
        self.assertEqual(m["kpis"][1], {**m["kpis"][1], "id": "nps", "unit": "", "target": 30, "better": "higher"})

    def test_imports_keep_their_file(self):
        _, m = export_json("saas-onboarding.journey", cwd=EXAMPLES)
        self.assertEqual(m["source"], "saas-onboarding.journey")
        csat = [k for k in m["kpis"] if k["id"] == "csat"][0]
        self.assertTrue(csat["imported"])
        self.assertEqual(csat["loc"]["file"], "people.journey")
        own = [k for k in m["kpis"] if k["id"] == "activation"][0]
        self.assertEqual((own["imported"], own["loc"]["file"]), (False, "saas-onboarding.journey"))

    def test_locations_point_at_the_text(self):
        # Every text statement's location spans its string literal; a
        # written id's location spans the id.  Non-ASCII before the literal
        # on the same line checks that columns count characters.
        text = ('journey "Caf\u00e9" {\n'
                '  persona emi "\u00c9milie \u00dcnal" { goal "Caf\u00e9 \u2615 au lait"; need "x" }\n'
                '  stage "\u00c9tape \u2603" { step s1 "\u00dcber \u2603" { emotion 1 "\u263a"; pain """\n'
                '      two\n      lines\n      """; thought "after" } }\n'
                '}\n')
        with outputs.map_file(text, "loc.journey") as path:
            _, m = export_json(path)
        lines = text.split("\n")

        def span(loc):
            self.assertEqual(os.path.basename(loc["file"]), "loc.journey")
            if loc["line"] == loc["end_line"]:
                return lines[loc["line"] - 1][loc["column"] - 1:loc["end_column"] - 1]
            first = lines[loc["line"] - 1][loc["column"] - 1:]
            middle = lines[loc["line"]:loc["end_line"] - 1]
            last = lines[loc["end_line"] - 1][:loc["end_column"] - 1]
            return "\n".join([first] + middle + [last])

        p = m["personas"][0]
        self.assertEqual(span(p["loc"]), "emi")
        self.assertEqual(span(p["goals"][0]["loc"]), '"Caf\u00e9 \u2615 au lait"')
        self.assertEqual(span(p["needs"][0]["loc"]), '"x"')
        step = steps_of(m)[0]
        self.assertEqual(span(step["loc"]), "s1")
        self.assertEqual(span(step["pains"][0]["loc"]), '"""\n      two\n      lines\n      """')
        self.assertEqual(step["pains"][0]["text"], "two\nlines")
        self.assertEqual(span(step["thoughts"][0]["loc"]), '"after"')
        self.assertTrue(span(step["emotions"][0]["loc"]).startswith("emotion 1"))


# ---- Mermaid ----------------------------------------------------------------

# JavaScript's \s, which Mermaid's lexer skips between tokens.
JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

# The rules of Mermaid 11's journey lexer (diagrams/user-journey/parser/
# journey.jison), in order: the first that matches wins, case-insensitive;
# \b is ASCII-only as in JavaScript.
RULES = [(re.compile(p, re.I | re.A), tok) for p, tok in [
    (r"%(?!\{)[^\n]*", None),
    (r"[^}]%%[^\n]*", None),
    (r"\n+", "NEWLINE"),
    (r"[%s]+" % JS_SPACE, None),
    (r"#[^\n]*", None),
    (r"journey\b", "journey"),
    (r"title[%s][^#\n;]+" % JS_SPACE, "title"),
    (r"accTitle[%s]*:[%s]*" % (JS_SPACE, JS_SPACE), "acc_title"),
    (r"accDescr[%s]*:[%s]*" % (JS_SPACE, JS_SPACE), "acc_descr"),
    (r"accDescr[%s]*\{[%s]*" % (JS_SPACE, JS_SPACE), "acc_descr_multiline"),
    (r"section[%s][^#:\n;]+" % JS_SPACE, "section"),
    (r"[^#:\n;]+", "taskName"),
    (r":[^#\n;]+", "taskData"),
    (r":", ":"),
    (r".", "INVALID"),
]]


def mermaid_tokens(text):
    pos, out = 0, []
    while pos < len(text):
        for rx, tok in RULES:
            mt = rx.match(text, pos)
            if mt and mt.end() > pos:
                if tok:
                    out.append((tok, mt.group()))
                pos = mt.end()
                break
        else:
            raise AssertionError("no lexer rule matches at %r" % text[pos:pos + 20])
    return out


def mermaid_parse(text):
    """What Mermaid's journey parser makes of text: (title, [(section, task,
    score, [actors])]); raises AssertionError where Mermaid would fail or
    silently drop something."""
    # Mermaid's preprocessing: front matter, directives, comment lines.
    assert not text.startswith("---"), "front matter"
    assert "%%" not in text, "a %% comment or directive"
    toks = mermaid_tokens(text)
    assert toks and toks[0][0] == "journey", toks[:1]
    title, section, tasks, i = None, None, [], 1
    while i < len(toks):
        tok, val = toks[i]
        if tok == "NEWLINE":
            i += 1
        elif tok == "title":
            title = val[6:].strip()
            i += 1
        elif tok == "section":
            section = val[8:]
            i += 1
        elif tok == "taskName":
            assert i + 1 < len(toks) and toks[i + 1][0] == "taskData", "task without data: %r" % (toks[i:i + 2],)
            pieces = toks[i + 1][1][1:].split(":")
            assert len(pieces) <= 2, "a ':' in the actors is dropped: %r" % toks[i + 1][1]
            score = float(pieces[0])
            actors = [a.strip() for a in pieces[1].split(",")] if len(pieces) > 1 else []
            tasks.append((section, val, score, actors))
            i += 2
        else:
            raise AssertionError("Mermaid reads %s %r" % (tok, val))
    return title, tasks


FULL = {c: chr(0xFF01 + ord(c) - 0x21) for c in "#;:,%"}
UNFULL = {v: k for k, v in FULL.items()}


def as_written(s):
    """A name as Mermaid shows it, with the export's replacements undone and
    spaces normalised: comparable with the map's text."""
    s = s.replace("\u200b", "")
    s = "".join(UNFULL.get(c, c) for c in s)
    return " ".join(re.sub("[%s\u0085\x00-\x1f\x7f]" % JS_SPACE, " ", s).split())


def normal(s):
    return " ".join(re.sub("[%s\u0085\x00-\x1f\x7f]" % JS_SPACE, " ", s).split())


def expected_tasks(model):
    """The tasks the mapping promises (docs/export.md): one per distinct
    score of a step's personas, in the order of their first persona, with
    the personas at that score as actors; a step with no emotion at 3."""
    lo, hi = model["journey"]["scale"]["low"], model["journey"]["scale"]["high"]
    names = {p["id"]: normal(p["title"]) or p["id"] for p in model["personas"]}
    out = []
    for g in model["stages"]:
        section = normal(g["title"]) or g["id"]
        for s in g["steps"]:
            title = normal(s["title"]) or s["id"]
            groups = {}
            for e in s["emotions"]:
                groups.setdefault(e["score"], []).append(names[e["persona"]])
            if not s["emotions"] and s["mood"]:
                groups[s["mood"]["score"]] = []
            if not groups:
                out.append((section, title, 3.0, []))
            for score, actors in groups.items():
                out.append((section, title, round(1 + 4 * (score - lo) / (hi - lo), 2), actors))
    return out


class Mermaid(unittest.TestCase):
    def check_golden(self, source, golden):
        rc, out, err = run("export", source, "-f", "mermaid")
        self.assertEqual((rc, err.count("error")), (0, 0), err)
        text = out.decode("utf-8")
        problem = journeytest.golden(golden, text)
        if problem:
            self.fail(problem)
        return text

    def check_parse(self, source, text):
        _, model = export_json(source)
        title, tasks = mermaid_parse(text)
        self.assertEqual(as_written(title or ""), normal(model["journey"]["title"]))
        got = [(as_written(sec), as_written(name), score, [as_written(a) for a in actors])
               for sec, name, score, actors in tasks]
        self.assertEqual(got, expected_tasks(model))

    def test_examples(self):
        for name in JOURNEYS:
            with self.subTest(name):
                text = self.check_golden(example(name), os.path.join(HERE, name + ".mmd"))
                self.check_parse(example(name), text)

    def test_hostile(self):
        source = os.path.join(HERE, "hostile.journey")
        text = self.check_golden(source, os.path.join(HERE, "hostile.mmd"))
        self.check_parse(source, text)
        # The keywords got their zero-width space, every line is one
        # statement, nothing reached Mermaid that starts a comment.
        for line in text.split("\n")[3:-1]:
            self.assertTrue(line.startswith("    ") or line.startswith("  section "), repr(line))
            if line.startswith("    "):
                self.assertNotRegex(line.strip(), r"(?i)^(journey|title|section|acc)")
        for ch in "#;":
            self.assertNotIn(ch, text)

    def test_parser_port_catches_misreadings(self):
        # The re-parse must be able to fail: each name here is what an
        # export without the replacements would write.
        def misread(section, name):
            text = "journey\n  section %s\n    %s: 3: Ann\n" % (section, name)
            try:
                return mermaid_parse(text)[1] != [(section, name, 3.0, ["Ann"])]
            except AssertionError:
                return True

        for section, name in [("A", "Pay: the bill"), ("A", "Pay # now"), ("A", "Pay; now"),
                              ("A", "journey planning"), ("A", "% off"), ("A", "a%%b"), ("A", "\u00a0section x"),
                              ("A", "accDescr { x }"), ("A: B", "Pay")]:
            with self.subTest(section=section, name=name):
                self.assertTrue(misread(section, name))
        self.assertFalse(misread("A", "Pay the bill"))
        self.assertEqual(mermaid_parse("journey\n  title T: x\n  section A\n    Pay: 3: Ann, Bo\n"),
                         ("T: x", [("A", "Pay", 3.0, ["Ann", "Bo"])]))

    def test_scores_on_a_wider_scale(self):
        rc, out, _ = run("export", example("saas-onboarding"), "-f", "mermaid")
        scores = {float(line.split(": ")[1]) for line in out.decode().split("\n") if line.startswith("    ")}
        # -3..3 onto 1..5: thirds of 4 points, written with 2 decimals.
        self.assertLessEqual(scores, {1.0, 1.67, 2.33, 3.0, 3.67, 4.33, 5.0})
        self.assertIn(b": 3.67: Priya Raman\n", out)

    def test_library_has_no_diagram(self):
        outputs.check_refused(self, JOURNEY, ["export", example("people"), "-f", "mermaid"], "is a library")


# ---- the command ------------------------------------------------------------

class Cli(unittest.TestCase):
    def test_output_choices_are_the_same_bytes(self):
        for fmt in ("json", "mermaid"):
            with self.subTest(fmt):
                outputs.check_output_choices(self, JOURNEY, ["export", example("winter-jacket"), "-f", fmt])

    def test_format_from_the_output_name(self):
        w = example("winter-jacket")
        with tempfile.TemporaryDirectory() as d:
            for name, fmt in (("m.json", "json"), ("m.mmd", "mermaid"), ("m.mermaid", "mermaid")):
                out = os.path.join(d, name)
                self.assertEqual(run("export", w, "-o", out)[0], 0)
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), run("export", w, "-f", fmt)[1], name)
            out = os.path.join(d, "x.mmd")
            self.assertEqual(run("export", w, "-f", "json", "-o", out)[0], 0)   # -f wins
            with open(out, "rb") as f:
                self.assertTrue(f.read().startswith(b"{"))
            rc, _, err = run("export", w, "-o", os.path.join(d, "m.txt"))
            self.assertEqual(rc, 2)
            self.assertIn("needs a format", err)
            self.assertEqual(sorted(os.listdir(d)), ["m.json", "m.mermaid", "m.mmd", "x.mmd"])

    def test_errors_write_nothing(self):
        for fmt in ("json", "mermaid"):
            outputs.check_errors_write_nothing(self, JOURNEY, "export", "-f", fmt)

    def test_diagnostics_go_to_stderr(self):
        text = b'journey "J" {\n  stage s "S" { step a "A" }\n}\n'   # warnings: no persona, no emotion
        for fmt in ("text", "json", "github"):
            rc, out, err = run("export", "-", "-f", "json", "--diagnostics=" + fmt, stdin=text)
            self.assertEqual(rc, 0)
            self.assertIn("no-persona", err)
            json.loads(out.decode())

    def test_usage_errors(self):
        w = example("winter-jacket")
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "x")
            for args in [(w,), (w, "-f", "svg"), ("-f", "json"), (w, w, "-f", "json"), (w, "-f", "json", "--nope"),
                         (os.path.join(d, "missing.journey"), "-f", "json")]:
                with self.subTest(args=args):
                    rc, so, err = run("export", *args, "-o", out)
                    self.assertEqual((rc, so), (2, b""))
                    self.assertTrue(err.startswith("journey: "), err)
            self.assertEqual(os.listdir(d), [])

    def test_write_failure(self):
        for fmt in ("json", "mermaid"):
            outputs.check_write_failure(self, JOURNEY, ["export", example("winter-jacket"), "-f", fmt])


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = outputs.runner(JOURNEY)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
