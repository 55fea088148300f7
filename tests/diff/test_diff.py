#!/usr/bin/env python3
"""journey diff as a user meets it: pairs of versions of one map with
known changes, each kind of change asserted on the JSON form; the text
and Markdown forms of one rich pair against golden files; --exit-code,
standard input on either side, maps with errors.

    test_diff.py JOURNEY EXAMPLES_DIR

Set JOURNEY_UPDATE_GOLDEN=1 to rewrite the golden files from the actual
output (then review the diff).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import journeytest

JOURNEY = EXAMPLES = None
HERE = os.path.dirname(os.path.abspath(__file__))
# journeytest.runner(JOURNEY, timeout=120, errors="strict"), once JOURNEY is
# known: what journey prints must be UTF-8.
run = None


def base():
    with open(os.path.join(HERE, "base.journey"), encoding="utf-8") as f:
        return f.read()


def edit(text, *pairs):
    """Replaces each (old, new); every old text must be there once."""
    for old, new in pairs:
        assert text.count(old) == 1, "edit target not found once: %r" % old
        text = text.replace(old, new)
    return text


def diff_texts(old, new, *args):
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "old.journey"), os.path.join(d, "new.journey")
        journeytest.write(a, old)
        journeytest.write(b, new)
        return run("diff", *args, a, b)


SCHEMA = None   # docs/diff.schema.json's validator, once loaded


def load_schema():
    global SCHEMA
    import jsonschema
    with open(os.path.join(HERE, "..", "..", "docs", "diff.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    SCHEMA = jsonschema.Draft202012Validator(schema)


def document(old, new):
    """The JSON diff of two texts, validated against the schema."""
    rc, out, err = diff_texts(old, new, "--format", "json")
    if rc != 0:
        raise AssertionError("diff failed (%d): %s" % (rc, err))
    doc = json.loads(out)
    errors = [e.message for e in SCHEMA.iter_errors(doc)]
    if errors:
        raise AssertionError("the diff does not follow docs/diff.schema.json: %s" % errors)
    return doc


def changes(old, new):
    return document(old, new)["changes"]


def cut_step(text, head):
    """Removes the step that starts with head; returns (text, the step)."""
    start = text.index(head)
    end = text.index("\n    }\n", start) + len("\n    }\n")
    return text[:start] + text[end:], text[start:end]


def strip(c):
    """A change without its titles (the tests name things by id)."""
    return {k: v for k, v in c.items() if k != "title"}


class Harness(unittest.TestCase):
    maxDiff = None

    def assertChanges(self, got, *expected):
        got = [strip(c) for c in got]
        self.assertEqual(got, list(expected))


class Identity(unittest.TestCase):
    def test_a_map_against_itself(self):
        path = os.path.join(HERE, "base.journey")
        for fmt in ("text", "markdown"):
            rc, out, err = run("diff", "--exit-code", "--format", fmt, path, path)
            self.assertEqual((rc, out, err), (0, "", ""))
        rc, out, err = run("diff", "--format", "json", "--exit-code", path, path)
        self.assertEqual((rc, err), (0, ""))
        doc = json.loads(out)
        self.assertEqual(doc["changes"], [])
        self.assertEqual(doc["summary"]["changes"], 0)

    def test_every_example_against_itself(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if name.endswith(".journey"):
                path = os.path.join(EXAMPLES, name)
                with self.subTest(name):
                    self.assertEqual(run("diff", "--exit-code", path, path), (0, "", ""))

    def test_layout_comments_and_spelling_are_not_changes(self):
        old = base()
        messy = old.replace("\n  ", "\n\t").replace(" {\n", " {  \n")
        rc, formatted, _ = run("fmt", "-", stdin=messy.encode())
        self.assertEqual(rc, 0)
        self.assertNotEqual(formatted, messy)
        self.assertEqual(changes(old, messy), [])
        self.assertEqual(changes(old, formatted), [])
        respelt = edit(old, ('emotion -1 "Chilly"', 'emotion -01 "Chil\\u{6C}y"  # a comment'),
                       ("    step window", "    # a new comment\n\n    step window"),
                       ('      touchpoint shop\n      touchpoint email "Order confirmation"\n',
                        '      touchpoint email "Order confirmation"; touchpoint shop\n'))
        self.assertEqual(changes(old, respelt), [])

    def test_examples_against_their_formatted_selves(self):
        with tempfile.TemporaryDirectory() as d:
            for name in os.listdir(EXAMPLES):
                if name.endswith(".journey"):
                    shutil.copy(os.path.join(EXAMPLES, name), d)
                elif os.path.isdir(os.path.join(EXAMPLES, name)):   # images the maps name
                    shutil.copytree(os.path.join(EXAMPLES, name), os.path.join(d, name))
            for name in sorted(n for n in os.listdir(d) if n.endswith(".journey")):
                path = os.path.join(d, name)
                rc, formatted, _ = run("fmt", path)
                journeytest.write(os.path.join(d, "fmt-" + name), formatted)
                with self.subTest(name):
                    self.assertEqual(run("diff", "--exit-code", path, os.path.join(d, "fmt-" + name))[0], 0)


class Steps(Harness):
    def test_added_and_removed(self):
        new = edit(base(), ('    step till "Pays at the till" {', '    step gift "Asks for a gift box" { emotion 1 }\n'
                                                                   '    step till "Pays at the till" {'),
                   ('    step "Wears it on the first frosty morning" { emotion 2 "Warm at last" }\n', ""))
        got = changes(base(), new)
        self.assertChanges([c for c in got if c["entity"] == "step"],
                           {"entity": "step", "change": "added", "field": None, "id": "gift", "stage": "purchase"},
                           {"entity": "step", "change": "removed", "field": None,
                            "id": "wears-it-on-the-first-frosty-morning", "stage": "after"})
        self.assertEqual([(c["field"], c["persona"], c["old"], c["new"]) for c in got if c["entity"] == "journey"],
                         [("mean-emotion", "anna", 0.33, 0.17), ("mean-emotion", "ben", 0.5, 0.33)])

    def test_insertion_does_not_move_later_steps(self):
        new = edit(base(), ("    step cold ", '    step first "Checks the forecast" { persona anna; emotion 0 }\n'
                                               "    step cold "))
        got = changes(base(), new)
        self.assertEqual([(c["change"], c["id"]) for c in got if c["entity"] == "step"], [("added", "first")])

    def test_moved_to_another_stage(self):
        text = base()
        new, block = cut_step(text, "    step window ")
        new = edit(new, ('    step "Asks friends', block + '    step "Asks friends'))
        self.assertChanges(changes(text, new),
                           {"entity": "step", "change": "moved", "field": None, "id": "window", "stage": "research",
                            "from_stage": "awareness", "after": None})

    def test_reordered_within_a_stage(self):
        text = base()
        new, block = cut_step(text, "    step till ")
        new = edit(new, ("    step try ", block + "    step try "))
        self.assertChanges(changes(text, new),
                           {"entity": "step", "change": "moved", "field": None, "id": "till", "stage": "purchase",
                            "from_stage": None, "after": None})
        # Swapping two: one of them is said to have moved (here the one
        # that went up), after its new predecessor.
        new, block = cut_step(text, "    step pay ")
        new = edit(new, ('\n  }\n\n  stage after ', "\n" + block + '  }\n\n  stage after '))
        self.assertChanges(changes(text, new),
                           {"entity": "step", "change": "moved", "field": None, "id": "till", "stage": "purchase",
                            "from_stage": None, "after": "try"})

    def test_retitled(self):
        new = edit(base(), ('step try "Tries on three jackets"', 'step try "Tries on four jackets"'))
        self.assertChanges(changes(base(), new),
                           {"entity": "step", "change": "changed", "field": "title", "id": "try", "stage": "purchase",
                            "old": "Tries on three jackets", "new": "Tries on four jackets"})

    def test_retitled_with_a_derived_id(self):
        new = edit(base(), ('step "Checks the size guide"', 'step "Checks the sizing guide"'))
        self.assertChanges(changes(base(), new),
                           {"entity": "step", "change": "changed", "field": "title",
                            "id": "checks-the-sizing-guide", "stage": "research",
                            "old_id": "checks-the-size-guide",
                            "old": "Checks the size guide", "new": "Checks the sizing guide"})

    def test_replaced_step_is_not_a_retitle(self):
        new = edit(base(), ('step "Checks the size guide" {\n      persona anna\n      touchpoint shop "Size guide"\n'
                            '      emotion -1',
                            'step "Phones the store to reserve one" {\n      persona anna\n'
                            '      touchpoint store "Phone"\n      emotion 1'))
        got = [(c["change"], c["field"], c["id"]) for c in changes(base(), new) if c["entity"] == "step"]
        self.assertEqual(got, [("removed", None, "checks-the-size-guide"),
                               ("added", None, "phones-the-store-to-reserve-one")])

    def test_emotions_per_persona(self):
        new = edit(base(), ('emotion -1 "Chilly"', "emotion -2"),
                   ('      emotion anna 0\n      emotion ben -1 "Confused"',
                    '      emotion anna 1 "Curious"\n      emotion ben -1 "Confused"'),
                   ('      emotion 0\n    }\n  }\n\n  stage research', '    }\n  }\n\n  stage research'))
        got = [strip(c) for c in changes(base(), new) if c["entity"] == "step"]
        self.assertEqual(got, [
            {"entity": "step", "change": "changed", "field": "emotion", "id": "cold", "stage": "awareness",
             "persona": "anna", "old": {"score": -1, "label": "Chilly"}, "new": {"score": -2, "label": ""}},
            {"entity": "step", "change": "changed", "field": "emotion", "id": "window", "stage": "awareness",
             "persona": "ben", "old": {"score": 0, "label": ""}, "new": None},
            {"entity": "step", "change": "changed", "field": "emotion", "id": "compares-warmth-ratings",
             "stage": "research", "persona": "anna", "old": {"score": 0, "label": ""},
             "new": {"score": 1, "label": "Curious"}},
        ])

    def test_pains_and_opportunities(self):
        new = edit(base(), ('      pain "The ad does not show the price"\n      opportunity "Show price and warmth rating in the ad"',
                            '      opportunity "Show the price in the ad"'),
                   ('      pain "Every brand uses its own warmth scale"',
                    '      pain "Every brand uses its own warmth scale"\n      pain "Ratings hide below the fold"'))
        def item(kind, text):
            return {"kind": kind, "id": None, "text": text}
        self.assertChanges(changes(base(), new),
                           {"entity": "step", "change": "removed", "field": "pain", "id": "ad", "stage": "awareness",
                            "item": item("pain", "The ad does not show the price"),
                            "old": "The ad does not show the price"},
                           {"entity": "step", "change": "removed", "field": "opportunity", "id": "ad",
                            "stage": "awareness", "item": item("opportunity", "Show price and warmth rating in the ad"),
                            "old": "Show price and warmth rating in the ad"},
                           {"entity": "step", "change": "added", "field": "opportunity", "id": "ad",
                            "stage": "awareness", "item": item("opportunity", "Show the price in the ad"),
                            "new": "Show the price in the ad"},
                           {"entity": "step", "change": "added", "field": "pain", "id": "compares-warmth-ratings",
                            "stage": "research", "item": item("pain", "Ratings hide below the fold"),
                            "new": "Ratings hide below the fold"})

    def test_touchpoints_and_owners(self):
        new = edit(base(), ('      touchpoint shop\n      touchpoint email "Order confirmation"\n      owner logistics',
                            '      touchpoint shop\n      touchpoint "Text message"\n      owner retail'))
        self.assertChanges(changes(base(), new),
                           {"entity": "step", "change": "removed", "field": "touchpoint", "id": "pay",
                            "stage": "purchase", "old": {"channel": "email", "text": "Order confirmation"}},
                           {"entity": "step", "change": "added", "field": "touchpoint", "id": "pay",
                            "stage": "purchase", "new": {"channel": None, "text": "Text message"}},
                           {"entity": "step", "change": "removed", "field": "owner", "id": "pay", "stage": "purchase",
                            "old": "logistics"},
                           {"entity": "step", "change": "added", "field": "owner", "id": "pay", "stage": "purchase",
                            "new": "retail"})

    def test_metrics_and_targets(self):
        new = edit(base(), ("metric drop 34%", "metric drop 18%"),
                   ("metric csat 78%", "metric csat 90%\n      metric drop 25%"))
        got = [strip(c) for c in changes(base(), new)]
        self.assertEqual(got, [
            {"entity": "step", "change": "changed", "field": "metric", "id": "ad", "stage": "awareness",
             "kpi": "drop", "old": {"value": 34, "percent": True, "spelling": "34%", "met": False},
             "new": {"value": 18, "percent": True, "spelling": "18%", "met": True}},
            {"entity": "step", "change": "changed", "field": "metric", "id": "pay", "stage": "purchase",
             "kpi": "csat", "old": {"value": 78, "percent": True, "spelling": "78%", "met": False},
             "new": {"value": 90, "percent": True, "spelling": "90%", "met": True}},
            {"entity": "step", "change": "added", "field": "metric", "id": "pay", "stage": "purchase",
             "kpi": "drop", "new": {"value": 25, "percent": True, "spelling": "25%", "met": False}},
        ])
        rc, out, _ = diff_texts(base(), new, "--color=never")
        self.assertIn("~ metric drop: 34% \u2192 18% (now meets its target)", out)
        self.assertIn("+ metric drop 25% (misses its target)", out)
        # A target that moves under an unchanged value.
        new = edit(base(), ("target 85; better higher", "target 75; better higher"))
        got = [strip(c) for c in changes(base(), new)]
        self.assertEqual([(c["entity"], c["field"]) for c in got], [("kpi", "target"), ("step", "metric")])
        self.assertEqual((got[1]["old"]["met"], got[1]["new"]["met"]), (False, True))
        rc, out, _ = diff_texts(base(), new, "--color=never")
        self.assertIn("~ metric csat: 78% (now meets its target)", out)
        # The spelling of a value is not a change.
        self.assertEqual(changes(base(), edit(base(), ("metric csat 78%", "metric csat +78.0%"))), [])

    def test_evidence(self):
        new = edit(base(), ('      evidence interview "Anna, 12 Oct 2026"\n', '      evidence survey "Size survey"\n'))
        self.assertChanges(changes(base(), new),
                           {"entity": "step", "change": "removed", "field": "evidence", "id": "checks-the-size-guide",
                            "stage": "research", "old": {"kind": "interview", "source": "Anna, 12 Oct 2026"}},
                           {"entity": "step", "change": "added", "field": "evidence", "id": "checks-the-size-guide",
                            "stage": "research", "new": {"kind": "survey", "source": "Size survey"}})

    def test_every_other_statement(self):
        new = edit(base(), ('thought "My old jacket is not warm enough any more"', 'thought "Time for a new one"'),
                   ('frontstage "Checkout page confirms delivery date"', 'frontstage "Confirmation page"'),
                   ('backstage "Warehouse reserves the item"', 'backstage "Store reserves the item"'),
                   ('support "Order management system"', 'support "ERP"'),
                   ('note "A 15-minute queue on a Saturday morning"', 'note "A long queue"'),
                   ("    step window \"Notices the window display\" {\n      persona ben",
                    "    step window \"Notices the window display\" {\n      description \"On the way home\"\n"
                    "      persona anna, ben\n      emotion anna 0"))
        got = [(c["id"], c["change"], c["field"]) for c in changes(base(), new) if c["entity"] == "step"]
        self.assertEqual(got, [
            ("cold", "removed", "thought"), ("cold", "added", "thought"),
            ("window", "changed", "description"), ("window", "added", "persona"), ("window", "changed", "emotion"),
            ("pay", "removed", "frontstage"), ("pay", "added", "frontstage"),
            ("pay", "removed", "backstage"), ("pay", "added", "backstage"),
            ("pay", "removed", "support"), ("pay", "added", "support"),
            ("till", "removed", "note"), ("till", "added", "note"),
        ])

    def test_moment_tags_and_artifacts(self):
        pay = '      evidence survey "Post-purchase survey, n=412"\n'
        old = edit(base(), (pay, pay + '      moment "Will it arrive in time?"\n      tag checkout, web\n'
                                  '      artifact "Confirmation email"\n'),
                   ('    step till "Pays at the till" {\n', '    step till "Pays at the till" {\n      moment\n'))
        new = edit(base(), (pay, pay + '      moment "Will it arrive before the frost?"\n      tag web\n'
                                  '      tag mobile, web\n      artifact "Confirmation email"\n'
                                  '      artifact "Receipt"\n'),
                   ('    step window "Notices the window display" {\n',
                    '    step window "Notices the window display" {\n      moment\n'))
        S = {"entity": "step", "stage": "purchase"}
        self.assertChanges(changes(old, new),
                           dict(S, change="added", field="moment", id="window", stage="awareness",
                                new={"text": None}),
                           dict(S, change="changed", field="moment", id="pay",
                                old={"text": "Will it arrive in time?"},
                                new={"text": "Will it arrive before the frost?"}),
                           dict(S, change="removed", field="tag", id="pay", old="checkout"),
                           dict(S, change="added", field="tag", id="pay", new="mobile"),
                           dict(S, change="added", field="artifact", id="pay", new="Receipt"),
                           dict(S, change="removed", field="moment", id="till", old={"text": None}))
        # The order of tags and artifacts, and a tag said twice, are no change.
        same = edit(old, ("tag checkout, web", "tag web\n      tag checkout, web"))
        self.assertEqual(changes(old, same), [])
        # A moment's text given or taken away is a change of the moment.
        bare = edit(old, ('moment "Will it arrive in time?"', "moment"))
        self.assertChanges(changes(old, bare),
                           dict(S, change="changed", field="moment", id="pay",
                                old={"text": "Will it arrive in time?"}, new={"text": None}))
        rc, out, err = diff_texts(old, new, "--color=never")
        self.assertEqual((rc, err), (0, ""))
        for line in ('      + moment\n',
                     '      ~ moment: "Will it arrive in time?" \u2192 "Will it arrive before the frost?"\n',
                     '      - tag checkout\n', '      + tag mobile\n', '      + artifact "Receipt"\n'):
            self.assertIn(line, out)
        rc, out, err = diff_texts(old, bare, "--color=never")
        self.assertIn('      ~ moment: "Will it arrive in time?" \u2192 (no text)\n', out)
        rc, out, err = diff_texts(old, new, "-f", "markdown")
        self.assertEqual((rc, err), (0, ""))
        for line in ("  - **added** moment\n", "  - **removed** tag `checkout`\n", "  - **added** tag `mobile`\n",
                     '  - **added** artifact "Receipt"\n', "  - **removed** moment\n"):
            self.assertIn(line, out)


class Stages(Harness):
    def test_added_removed_retitled_moved(self):
        text = base()
        start = text.index("  stage after ")
        end = text.index("  }\n", start) + 4
        after = text[start:end]
        new = text[:start] + text[end:]
        new = edit(new, ('  stage research "Research" {', after + '\n  stage research "Research" {'),
                   ('stage purchase "Purchase"', 'stage purchase "Checkout"'),
                   ("  stage awareness ", '  stage returns "Returns" {\n    step "Sends it back" { emotion 0 }\n  }\n\n'
                                          "  stage awareness "))
        got = [strip(c) for c in changes(text, new) if c["entity"] in ("stage", "step")]
        self.assertEqual(got, [
            {"entity": "stage", "change": "added", "field": None, "id": "returns"},
            {"entity": "step", "change": "added", "field": None, "id": "sends-it-back", "stage": "returns"},
            {"entity": "stage", "change": "moved", "field": None, "id": "after", "from_stage": None,
             "after": "awareness"},
            {"entity": "stage", "change": "changed", "field": "title", "id": "purchase", "old": "Purchase",
             "new": "Checkout"},
        ])
        removed = edit(text, (text[text.index("  stage research "):text.index("  stage purchase ")], ""))
        got = [(c["entity"], c["change"], c["id"]) for c in changes(text, removed) if c["entity"] != "journey"]
        self.assertEqual(got, [("stage", "removed", "research"), ("step", "removed", "compares-warmth-ratings"),
                               ("step", "removed", "checks-the-size-guide"),
                               ("step", "removed", "asks-friends-in-a-group-chat")])

    def test_retitled_stage_with_a_derived_id_keeps_its_steps(self):
        old = edit(base(), ('stage research "Research"', 'stage "Research"'))
        new = edit(base(), ('stage research "Research"', 'stage "Research online"'))
        self.assertChanges(changes(old, new),
                           {"entity": "stage", "change": "changed", "field": "title", "id": "research-online",
                            "old_id": "research", "old": "Research", "new": "Research online"})

    def test_description_and_goals(self):
        new = edit(base(), ('stage awareness "Awareness" {', 'stage awareness "Awareness" {\n'
                                                             '    description "Before she shops"\n    goal "Get noticed"'))
        self.assertChanges(changes(base(), new),
                           {"entity": "stage", "change": "changed", "field": "description", "id": "awareness",
                            "old": None, "new": "Before she shops"},
                           {"entity": "stage", "change": "added", "field": "goal", "id": "awareness",
                            "new": "Get noticed"})


class Declarations(Harness):
    def test_added_removed_retitled(self):
        new = edit(base(), ('  persona ben "Ben Adeyemi" {', '  persona ben "Ben A." {'),
                   ('  channel email "Email"\n', '  channel chat "Live chat" { kind messaging }\n'),
                   ('  team retail "Store staff"', '  team retail "Store staff"\n  team it "IT"'),
                   ('  kpi drop "Drop-off" { unit "%"; target 20; better lower }',
                    '  kpi drop "Drop-off rate" { unit "percent"; target 15; better lower }'),
                   ('      touchpoint email "Order confirmation"\n', ""),
                   ('    goal "Stay warm on the daily commute"', '    goal "Stay warm"\n    need "Long sleeves"'))
        got = [strip(c) for c in changes(base(), new) if c["entity"] not in ("step", "journey")]
        self.assertEqual(got, [
            {"entity": "persona", "change": "removed", "field": "goal", "id": "anna",
             "old": "Stay warm on the daily commute"},
            {"entity": "persona", "change": "added", "field": "goal", "id": "anna", "new": "Stay warm"},
            {"entity": "persona", "change": "added", "field": "need", "id": "anna", "new": "Long sleeves"},
            {"entity": "persona", "change": "changed", "field": "title", "id": "ben", "old": "Ben Adeyemi",
             "new": "Ben A."},
            {"entity": "channel", "change": "added", "field": None, "id": "chat"},
            {"entity": "channel", "change": "removed", "field": None, "id": "email"},
            {"entity": "team", "change": "added", "field": None, "id": "it"},
            {"entity": "kpi", "change": "changed", "field": "title", "id": "drop", "old": "Drop-off",
             "new": "Drop-off rate"},
            {"entity": "kpi", "change": "changed", "field": "unit", "id": "drop", "old": "%", "new": "percent"},
            {"entity": "kpi", "change": "changed", "field": "target", "id": "drop", "old": 20, "new": 15},
        ])

    def test_persona_added_and_removed(self):
        new = edit(base(), ('  persona ben "Ben Adeyemi" {\n    goal "One jacket that lasts ten winters"\n  }\n',
                            '  persona cleo "Cleo"\n'),
                   ("      persona ben\n      touchpoint store \"Window display\"",
                    "      persona cleo\n      touchpoint store \"Window display\""),
                   ("      emotion ben -1 \"Confused\"", "      emotion cleo -1 \"Confused\""),
                   ("persona ben; emotion 1", "persona cleo; emotion 1"),
                   ("      persona ben\n      touchpoint store \"Fitting room\"",
                    "      persona cleo\n      touchpoint store \"Fitting room\""),
                   ("      persona ben\n      touchpoint store \"Till\"", "      persona cleo\n      touchpoint store \"Till\""))
        got = [(c["entity"], c["change"], c["id"]) for c in changes(base(), new) if c["entity"] == "persona"]
        self.assertEqual(got, [("persona", "added", "cleo"), ("persona", "removed", "ben")])


class Journey(Harness):
    def test_journey_level(self):
        new = edit(base(), ('journey "Buy a winter jacket"', 'journey "Buy a warm jacket"'),
                   ("  state current", "  state future"), ("  scale -2..2", "  scale -3..3"),
                   ('  description "Current-state map from the October interviews."\n', ""),
                   ('emotion 1 "Confident"', 'emotion 2 "Confident"'))
        self.assertChanges(changes(base(), new),
                           {"entity": "journey", "change": "changed", "field": "title", "id": None,
                            "old": "Buy a winter jacket", "new": "Buy a warm jacket"},
                           {"entity": "journey", "change": "changed", "field": "description", "id": None,
                            "old": "Current-state map from the October interviews.", "new": None},
                           {"entity": "journey", "change": "changed", "field": "state", "id": None,
                            "old": "current", "new": "future"},
                           {"entity": "journey", "change": "changed", "field": "scale", "id": None,
                            "old": {"low": -2, "high": 2}, "new": {"low": -3, "high": 3}},
                           {"entity": "journey", "change": "changed", "field": "mean-emotion", "id": None,
                            "persona": "ben", "old": 0.5, "new": 0.67},
                           {"entity": "step", "change": "changed", "field": "emotion", "id": "try",
                            "stage": "purchase", "persona": "ben", "old": {"score": 1, "label": "Confident"},
                            "new": {"score": 2, "label": "Confident"}})

    def test_journey_owner_and_review_dates(self):
        old = edit(base(), ("  scale -2..2\n", "  scale -2..2\n  owner marketing\n  reviewed 2026-01-10\n"))
        new = edit(base(), ("  scale -2..2\n", "  scale -2..2\n  owner retail\n  reviewed 2026-11-02\n"
                                               "  next-review 2027-02-01\n"))
        self.assertChanges(changes(old, new),
                           {"entity": "journey", "change": "changed", "field": "owner", "id": None,
                            "old": "marketing", "new": "retail"},
                           {"entity": "journey", "change": "changed", "field": "reviewed", "id": None,
                            "old": "2026-01-10", "new": "2026-11-02"},
                           {"entity": "journey", "change": "changed", "field": "next-review", "id": None,
                            "old": None, "new": "2027-02-01"})
        self.assertChanges(changes(new, base()),
                           {"entity": "journey", "change": "changed", "field": "owner", "id": None,
                            "old": "retail", "new": None},
                           {"entity": "journey", "change": "changed", "field": "reviewed", "id": None,
                            "old": "2026-11-02", "new": None},
                           {"entity": "journey", "change": "changed", "field": "next-review", "id": None,
                            "old": "2027-02-01", "new": None})
        self.assertEqual(changes(new, new), [])
        # The journey's owner is one change of the journey, not of its steps.
        self.assertChanges(changes(base(), edit(base(), ("  scale -2..2\n", "  scale -2..2\n  owner retail\n"))),
                           {"entity": "journey", "change": "changed", "field": "owner", "id": None,
                            "old": None, "new": "retail"})
        rc, out, err = diff_texts(old, new, "--color=never")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("  ~ owner: marketing \u2192 retail\n", out)
        self.assertIn("  ~ reviewed: 2026-01-10 \u2192 2026-11-02\n", out)
        self.assertIn("  ~ next-review: none \u2192 2027-02-01\n", out)
        rc, out, err = diff_texts(old, new, "-f", "markdown")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("owner: `marketing` \u2192 `retail`", out)
        self.assertIn("reviewed: `2026-01-10` \u2192 `2026-11-02`", out)
        self.assertIn("next-review: none \u2192 `2027-02-01`", out)
    def test_state_words(self):
        # as-is is current and to-be future: another word for the same state is no change;
        # a change of state is shown in the words each map wrote.
        for old, new in (("current", "as-is"), ("as-is", "current"), ("future", "to-be"), ("to-be", "future")):
            with self.subTest((old, new)):
                rc, _, _ = diff_texts(edit(base(), ("  state current", "  state " + old)),
                                      edit(base(), ("  state current", "  state " + new)), "--exit-code")
                self.assertEqual(rc, 0)
        for old, new in (("current", "to-be"), ("as-is", "future"), ("as-is", "to-be"), ("to-be", "current")):
            with self.subTest((old, new)):
                self.assertChanges(changes(edit(base(), ("  state current", "  state " + old)),
                                           edit(base(), ("  state current", "  state " + new))),
                                   {"entity": "journey", "change": "changed", "field": "state", "id": None,
                                    "old": old, "new": new})
        rc, out, _ = diff_texts(base(), edit(base(), ("  state current", "  state to-be")), "--color=never")
        self.assertEqual(rc, 0)
        self.assertIn("state: current \u2192 to-be", out)

    def test_libraries(self):
        lib = os.path.join(EXAMPLES, "people.journey")
        with open(lib, encoding="utf-8") as f:
            text = f.read()
        new = edit(text, ('team marketing "Marketing"\n', ""), ("kind voice", "kind phone"))
        self.assertEqual([(c["entity"], c["change"], c["field"], c["id"]) for c in changes(text, new)],
                         [("channel", "changed", "kind", "phone"), ("team", "removed", None, "marketing")])

    def test_library_becomes_a_map(self):
        got = changes('team a "A"\n', 'team a "A"\njourney "J" {\n  stage s "S" {\n    step x "X" { emotion 0 }\n  }\n}\n')
        self.assertEqual([(c["entity"], c["change"], c["id"]) for c in got],
                         [("journey", "added", None), ("stage", "added", "s"), ("step", "added", "x")])


class Formats(unittest.TestCase):
    def golden(self, fmt, name, *extra):
        rc, out, err = run("diff", "--format", fmt, *extra, "base.journey", "after.journey", cwd=HERE)
        self.assertEqual((rc, err), (0, ""))
        problem = journeytest.golden(os.path.join(HERE, name), out)
        if problem:
            self.fail(problem)
        return out

    def test_text_golden(self):
        out = self.golden("text", "after.txt", "--color=never")
        self.assertNotIn("\033", out)

    def test_markdown_golden(self):
        out = self.golden("markdown", "after.md")
        self.assertTrue(out.startswith("### Journey map changes\n\nbase.journey \u2192 after.journey: "))
        self.assertIn("#### Stage `purchase` \"Checkout\"\n", out)
        self.assertIn("- **added** step `wrap` \"Asks for gift wrapping\"\n", out)
        self.assertIn("  - **resolved** pain \"The ad does not show the price\"\n", out)

    def test_json_document(self):
        rc, out, err = run("diff", "-f", "json", "base.journey", "after.journey", cwd=HERE)
        self.assertEqual((rc, err), (0, ""))
        doc = json.loads(out)
        self.assertEqual(list(doc), ["version", "schema", "old", "new", "summary", "changes"])
        self.assertEqual((doc["version"], doc["schema"], doc["old"], doc["new"]),
                         (2, "urn:journey:diff:v2", "base.journey", "after.journey"))
        self.assertEqual(doc["summary"], {"changes": len(doc["changes"]), "steps_added": 1, "steps_removed": 1,
                                          "steps_changed": 2, "steps_moved": 3, "opportunities_delivered": 0,
                                          "opportunities_dropped": 0})
        self.assertEqual([e.message for e in SCHEMA.iter_errors(doc)], [])
        for c in doc["changes"]:
            self.assertIn(c["entity"], ("journey", "persona", "channel", "team", "kpi", "stage", "step"))
            self.assertIn(c["change"], ("added", "removed", "changed", "moved", "delivered", "dropped"))
            self.assertEqual(list(c)[:5], ["entity", "change", "field", "id", "title"])
        # One change a line, for grep.
        self.assertEqual(len([l for l in out.splitlines() if l.startswith('    {"entity"')]), len(doc["changes"]))

    def test_colour(self):
        rc, out, _ = run("diff", "--color=always", "base.journey", "after.journey", cwd=HERE)
        self.assertIn("\033[32m+ pain", out)
        self.assertIn("\033[31m- step till", out)
        self.assertIn("\033[1mstage purchase", out)
        # auto: standard output is not a terminal here.
        self.assertNotIn("\033", run("diff", "base.journey", "after.journey", cwd=HERE)[1])
        rc, out, _ = run("diff", "--color=always", "-f", "markdown", "base.journey", "after.journey", cwd=HERE)
        self.assertNotIn("\033", out)

    def test_colour_on_a_terminal(self):
        """--color=auto colours when standard output is a terminal, unless
        NO_COLOR is set."""
        import pty

        def on_terminal(env):
            master, slave = pty.openpty()
            p = subprocess.Popen([JOURNEY, "diff", "base.journey", "after.journey"], cwd=HERE, stdout=slave,
                                 stderr=subprocess.DEVNULL, env=journeytest.environment(env))
            os.close(slave)
            chunks = []
            while True:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
            p.wait(timeout=60)
            os.close(master)
            return b"".join(chunks).decode("utf-8")

        self.assertIn("\033[32m+ pain", on_terminal({}))
        self.assertNotIn("\033", on_terminal({"NO_COLOR": "1"}))
        self.assertNotIn("\033", on_terminal({"TERM": "dumb"}))

    def test_markdown_escapes_user_text(self):
        new = edit(base(), ('pain "Every brand uses its own warmth scale"',
                            'pain "*bold* <script>x</script> [link](http://e.x) `code` @team | a_b # \\\\ ~~s~~"'))
        rc, out, _ = diff_texts(base(), new, "-f", "markdown")
        line = [l for l in out.splitlines() if "**added** pain" in l][0]
        self.assertEqual(line, '  - **added** pain "\\*bold\\* \\<script\\>x\\</script\\> \\[link\\](http://e.x) '
                               '\\`code\\` @&#8203;team \\| a\\_b \\# \\\\\\\\ \\~\\~s\\~\\~"')

    def test_terminal_safe_text(self):
        new = edit(base(), ('pain "Every brand uses its own warmth scale"', 'pain "\\u{D}red\\u{202E}"'))
        rc, out, _ = diff_texts(base(), new, "--color=never")
        self.assertIn('+ pain "\\u{000D}red\\u{202E}"', out)
        self.assertNotIn("\033", out)

AS_IS = """journey "Order sneakers" {
  state as-is
  persona maya "Maya" { image "img/maya.png" }
  stage buy "Purchase" {
    step cart "Adds items to the cart" {
      emotion maya -1
      pain "Forced to create an account"
      image "img/cart.png"
    }
    step pay "Pays" { emotion maya 0 }
  }
}
"""

TO_BE = """journey "Order sneakers" {
  state to-be
  baseline "as-is.journey"
  persona maya "Maya" { image "img/maya-2027.png" }
  stage buy "Purchase" {
    step cart "Adds items to the cart" {
      emotion maya 1
      opportunity "Offer guest checkout"
    }
    step pay "Pays" { emotion maya 1; image "img/pay.svg" }
  }
}
"""


class Baseline(Harness):
    """Images and the baseline in a diff, and journey diff FILE: a map
    against the baseline it names."""

    def setUp(self):
        self.dir = tempfile.mkdtemp()
        os.mkdir(os.path.join(self.dir, "img"))
        for name in ("maya.png", "maya-2027.png", "cart.png", "pay.svg"):
            journeytest.write(os.path.join(self.dir, "img", name), "")
        journeytest.write(os.path.join(self.dir, "as-is.journey"), AS_IS)
        journeytest.write(os.path.join(self.dir, "to-be.journey"), TO_BE)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def diff(self, *args, **kw):
        return run("diff", *args, cwd=self.dir, **kw)

    def test_images_and_baseline_between_two_maps(self):
        rc, out, err = self.diff("-f", "json", "as-is.journey", "to-be.journey")
        self.assertEqual((rc, err), (0, ""))
        got = [c for c in json.loads(out)["changes"] if c["field"] in ("image", "baseline")]
        self.assertChanges(got,
                           {"entity": "journey", "change": "added", "field": "baseline", "id": None,
                            "new": "as-is.journey"},
                           {"entity": "persona", "change": "changed", "field": "image", "id": "maya",
                            "old": "img/maya.png", "new": "img/maya-2027.png"},
                           {"entity": "step", "change": "removed", "field": "image", "id": "cart", "stage": "buy",
                            "old": "img/cart.png"},
                           {"entity": "step", "change": "added", "field": "image", "id": "pay", "stage": "buy",
                            "new": "img/pay.svg"})
        rc, out, err = self.diff("--color=never", "as-is.journey", "to-be.journey")
        for line in ('  + baseline "as-is.journey"\n',
                     '      ~ image: "img/maya.png" \u2192 "img/maya-2027.png"\n',
                     '      - image "img/cart.png"\n', '      + image "img/pay.svg"\n'):
            self.assertIn(line, out)
        rc, out, err = self.diff("-f", "markdown", "as-is.journey", "to-be.journey")
        for line in ('- **added** baseline "as-is.journey"\n', '  - **removed** image "img/cart.png"\n',
                     '  - **added** image "img/pay.svg"\n'):
            self.assertIn(line, out)
        # The same path is no change, even when found elsewhere.
        self.assertEqual(self.diff("--exit-code", "to-be.journey", "to-be.journey"), (0, "", ""))

    def test_one_map_against_its_baseline(self):
        rc, one, err = self.diff("-f", "json", "to-be.journey")
        self.assertEqual((rc, err), (0, ""))
        doc = json.loads(one)
        self.assertEqual((doc["old"], doc["new"]), ("as-is.journey", "to-be.journey"))
        rc, two, _ = self.diff("-f", "json", "as-is.journey", "to-be.journey")
        # What two maps show, less the baseline: naming it is the point.
        self.assertEqual(doc["changes"], [c for c in json.loads(two)["changes"] if c["field"] != "baseline"])
        self.assertIn({"entity": "journey", "change": "changed", "field": "state", "id": None,
                       "old": "as-is", "new": "to-be"}, [strip(c) for c in doc["changes"]])
        rc, text, err = self.diff("--color=never", "to-be.journey")
        self.assertEqual((rc, err), (0, ""))
        self.assertIn("  ~ state: as-is \u2192 to-be\n", text)
        self.assertIn('      + opportunity "Offer guest checkout"\n', text)
        self.assertIn('      - pain "Forced to create an account" (resolved)\n', text)
        rc, md, _ = self.diff("-f", "markdown", "to-be.journey")
        self.assertIn("as-is.journey \u2192 to-be.journey: ", md)
        # --exit-code; the baseline found from a map in another directory.
        self.assertEqual(self.diff("--exit-code", "to-be.journey")[0], 1)
        rc, out, err = run("diff", "-f", "json", os.path.join(self.dir, "to-be.journey"))
        self.assertEqual(json.loads(out)["old"], os.path.join(self.dir, "as-is.journey"))
        # Standard input: the baseline is found from the current directory.
        rc, out, err = self.diff("-f", "json", "-", stdin=TO_BE.encode())
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(json.loads(out)["new"], "<stdin>")

    def test_one_map_without_a_baseline(self):
        rc, out, err = self.diff("as-is.journey")
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("'as-is.journey' names no baseline", err)
        rc, out, err = self.diff("a.journey", "b.journey", "c.journey")
        self.assertEqual((rc, out), (2, ""))
        self.assertIn("or one map that names its baseline", err)

    def test_one_map_whose_baseline_has_errors(self):
        journeytest.write(os.path.join(self.dir, "as-is.journey"), AS_IS.replace("emotion maya 0", "emotion maya 9"))
        rc, out, err = self.diff("--color=never", "to-be.journey")
        self.assertEqual((rc, out), (1, ""))
        self.assertIn("to-be.journey:3:12: error: the baseline 'as-is.journey' has 1 error", err)
        self.assertIn("as-is.journey:10:36: note: emotion 9 is outside the scale -2..2", err)
        os.remove(os.path.join(self.dir, "as-is.journey"))
        rc, out, err = self.diff("--color=never", "to-be.journey")
        self.assertEqual((rc, out), (1, ""))
        self.assertIn("error: cannot find baseline 'as-is.journey'", err)


class CommandLine(unittest.TestCase):
    def test_exit_code(self):
        new = edit(base(), ("state current", "state future"))
        self.assertEqual(diff_texts(base(), new)[0], 0)
        self.assertEqual(diff_texts(base(), new, "--exit-code")[0], 1)
        self.assertEqual(diff_texts(base(), base(), "--exit-code")[0], 0)

    def test_standard_input_on_either_side(self):
        new = edit(base(), ("state current", "state future"))
        path = os.path.join(HERE, "base.journey")
        rc, out, err = run("diff", "-f", "json", "-", path, stdin=new.encode())
        self.assertEqual((rc, err), (0, ""))
        doc = json.loads(out)
        self.assertEqual(doc["old"], "<stdin>")
        self.assertEqual([(c["old"], c["new"]) for c in doc["changes"]], [("future", "current")])
        rc, out, err = run("diff", "-f", "json", path, "-", stdin=new.encode())
        self.assertEqual([(c["old"], c["new"]) for c in json.loads(out)["changes"]], [("current", "future")])
        rc, _, err = run("diff", "-", "-", stdin=b"")
        self.assertEqual(rc, 2)
        self.assertIn("standard input", err)

    def test_imports_of_standard_input_resolve_from_the_current_directory(self):
        path = os.path.join(EXAMPLES, "online-purchase.journey")
        with open(path, "rb") as f:
            text = f.read()
        rc, out, err = run("diff", "--exit-code", "-", "online-purchase.journey", stdin=text, cwd=EXAMPLES)
        self.assertEqual((rc, out, err), (0, "", ""))

    def test_maps_with_errors(self):
        bad = edit(base(), ("owner marketing", "owner marketting"))
        for old, new in ((bad, base()), (base(), bad)):
            rc, out, err = diff_texts(old, new, "--exit-code")
            self.assertEqual((rc, out), (1, ""))
            self.assertIn("error: unknown team 'marketting'; did you mean 'marketing'?", err)
        rc, out, err = diff_texts(base(), "journey {\n")
        self.assertEqual((rc, out), (1, ""))
        self.assertIn("new.journey:1:9: error:", err)

    def test_warnings_off_unless_asked(self):
        new = edit(base(), ("  team retail \"Store staff\"", "  team retail \"Store staff\"\n  team idle \"Idle\""))
        rc, out, err = diff_texts(base(), new)
        self.assertEqual((rc, err), (0, ""))
        rc, out, err = diff_texts(base(), new, "-W", "unused-team")
        self.assertEqual(rc, 0)
        self.assertIn("team 'idle' is declared but never used", err)

    def test_usage(self):
        path = os.path.join(HERE, "base.journey")
        self.assertEqual(run("diff", path)[0], 2)
        self.assertEqual(run("diff", path, path, path)[0], 2)
        rc, _, err = run("diff", "-f", "yaml", path, path)
        self.assertEqual(rc, 2)
        self.assertIn("text, markdown or json", err)
        rc, _, err = run("diff", path, "/nonexistent.journey")
        self.assertEqual(rc, 2)
        self.assertIn("cannot read '/nonexistent.journey'", err)
        rc, out, _ = run("help", "diff")
        self.assertEqual(rc, 0)
        self.assertIn("--exit-code", out)


class Items(Harness):
    """Thoughts, pains and opportunities matched by id, their attributes,
    opportunities delivered or dropped; blueprint entries' owners and tags."""

    def pair(self):
        with open(os.path.join(HERE, "items-old.journey"), encoding="utf-8") as f:
            old = f.read()
        with open(os.path.join(HERE, "items-new.journey"), encoding="utf-8") as f:
            new = f.read()
        return old, new

    def test_json(self):
        old, new = self.pair()
        doc = document(old, new)
        self.assertEqual((doc["summary"]["opportunities_delivered"], doc["summary"]["opportunities_dropped"]), (2, 1))
        got = [(c["change"], c["field"], c["item"]["kind"], c["item"]["id"], c.get("old"), c.get("new"))
               for c in doc["changes"]]
        self.assertEqual(got, [
            ("removed", "pain", "pain", "slow", "Slow pages", None),
            # reworded, matched by its id: not removed and added
            ("changed", "pain", "pain", "acct", "Forced to create an account", "Must create an account to pay"),
            ("changed", "severity", "pain", "acct", "medium", "high"),
            ("added", "persona", "pain", "acct", None, "ben"),
            # its pain still there: dropped; its pain gone with it: delivered
            ("dropped", "opportunity", "opportunity", "early", "Show costs early", None),
            ("delivered", "opportunity", "opportunity", "cdn", "Use a CDN", None),
            # it named no pain: just removed
            ("removed", "opportunity", "opportunity", "chat", "Offer a chat", None),
            ("changed", "impact", "opportunity", "guest", "medium", "high"),
            ("changed", "effort", "opportunity", "guest", None, "low"),
            ("delivered", "status", "opportunity", "guest", "planned", "done"),
            ("changed", "owner", "opportunity", "guest", "growth", "cx"),
            ("added", "tag", "backstage", None, None, "stock"),
            ("changed", "owner", "backstage", None, "cx", "pharmacy"),
        ])
        self.assertNotIn("new", doc["changes"][4])   # gone: only the old text

    def test_text_and_markdown(self):
        old, new = self.pair()
        rc, out, err = diff_texts(old, new, "--color=never")
        self.assertEqual((rc, err), (0, ""))
        for line in ('      - pain slow "Slow pages" (resolved)\n',
                     '      ~ pain acct reworded: "Forced to create an account" \u2192 "Must create an account to pay"\n',
                     '      ~ pain acct "Must create an account to pay": severity: medium \u2192 high\n',
                     '      - opportunity early "Show costs early" (dropped)\n',
                     '      - opportunity cdn "Use a CDN" (delivered)\n',
                     '      - opportunity chat "Offer a chat"\n',
                     '      ~ opportunity guest "Offer guest checkout": status: planned \u2192 done (delivered)\n',
                     '      + backstage "Stock check": tag stock\n',
                     '      ~ backstage "Prepares the medication": owner: cx \u2192 pharmacy\n'):
            self.assertIn(line, out)
        rc, out, err = diff_texts(old, new, "-f", "markdown")
        for line in ('  - **resolved** pain `slow` "Slow pages"\n',
                     '  - pain `acct` reworded: "Forced to create an account" \u2192 "Must create an account to pay"\n',
                     '  - **dropped** opportunity `early` "Show costs early"\n',
                     '  - **delivered** opportunity `cdn` "Use a CDN"\n',
                     '  - opportunity `guest` "Offer guest checkout": status: `planned` \u2192 `done` (delivered)\n',
                     '  - backstage "Prepares the medication": owner: `cx` \u2192 `pharmacy`\n'):
            self.assertIn(line, out)

    def test_status_dropped_and_solves(self):
        old, _ = self.pair()
        new = edit(old, ("solves late; status idea", "solves late, slow; status dropped"))
        S = {"entity": "step", "stage": "buy", "id": "cart"}
        item = {"kind": "opportunity", "id": "early", "text": "Show costs early"}
        self.assertChanges(changes(old, new),
                           dict(S, change="dropped", field="status", item=item, old="idea", new="dropped"),
                           dict(S, change="added", field="solves", item=item, new="slow"))

    def test_moved_to_another_step(self):
        old = ('journey "Moves" {\n  persona maya "Maya"\n  stage buy "Purchase" {\n'
               '    step cart "Cart" {\n      emotion 1\n'
               '      pain acct "Forced to create an account" { severity medium }\n'
               '      pain fee "Fee shown late"\n'
               '      opportunity guest "Guest checkout" { solves acct, fee }\n    }\n'
               '    step pay "Pays" {\n      emotion 0\n    }\n  }\n}\n')
        new = edit(old, ('      pain acct "Forced to create an account" { severity medium }\n'
                         '      pain fee "Fee shown late"\n', ''),
                   ('    step pay "Pays" {\n      emotion 0\n',
                    '    step pay "Pays" {\n      emotion 0\n'
                    '      pain acct "Forced to create an account" { severity high }\n'),
                   ('    }\n  }\n}\n', '    }\n    step ship "Ships" {\n      emotion 0\n'
                    '      pain fee "Fee shown late"\n    }\n  }\n}\n'))
        got = [(c["id"], c["change"], c["field"], (c.get("item") or {}).get("id"), c.get("from_step"),
                c.get("to_step")) for c in changes(old, new) if c["entity"] == "step"]
        # Said once, by the step it moved to (or, when that step is new, by
        # the one it left); not resolved, and its opportunity not delivered.
        self.assertEqual(got, [
            ("cart", "moved", "pain", "fee", None, "ship"),
            ("pay", "moved", "pain", "acct", "cart", None),
            ("pay", "changed", "severity", "acct", None, None),
            ("ship", "added", None, None, None, None),
        ])
        rc, out, err = diff_texts(old, new, "--color=never")
        self.assertIn('      ~ pain fee "Fee shown late": moved to step ship\n', out)
        self.assertIn('      ~ pain acct "Forced to create an account": moved here from step cart\n', out)
        self.assertNotIn("resolved", out)

    def test_ids_match_before_texts(self):
        old, _ = self.pair()
        # Two pains swap texts: matched by id, both reworded.
        new = edit(old, ('pain late "Shipping cost shown late"', 'pain late "Slow pages"'),
                   ('pain slow "Slow pages" { severity low }', 'pain slow "Shipping cost shown late" { severity low }'))
        got = [(c["change"], c["field"], c["item"]["id"]) for c in changes(old, new)]
        self.assertEqual(got, [("changed", "pain", "late"), ("changed", "pain", "slow")])
        # A pain without an id matches by its text; giving it an id is no change.
        new = edit(old, ('pain late "Shipping cost shown late"', 'pain "Shipping cost shown late"'),
                   ("solves late; status idea", "status idea"))
        got = [(c["change"], c["field"], c["item"]["id"]) for c in changes(old, new)]
        self.assertEqual(got, [("removed", "solves", "early")])
        # Layout and order are no change.
        relaid = "\n".join(l.replace("; ", "\n        ") if l.startswith(" ") else l for l in old.split("\n"))
        self.assertEqual(changes(old, relaid), [])


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = journeytest.runner(JOURNEY, timeout=120, errors="strict")
    load_schema()
    unittest.main(argv=[sys.argv[0], "-v"] + sys.argv[3:])
