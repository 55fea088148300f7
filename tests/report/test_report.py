#!/usr/bin/env python3
"""journey report as an analyst meets it: every table read back with
Python's csv module and checked row by row on the examples and on crafted
maps; the spreadsheet guard; TSV and Markdown; exit statuses; atomic and
deterministic output.

    test_report.py JOURNEY EXAMPLES_DIR [unittest arguments]
"""
import csv
import io
import re
import os
import sys
import tempfile
import unittest

import outputs

JOURNEY = EXAMPLES = None
run = None  # outputs.runner(JOURNEY), once JOURNEY is known
HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["steps", "pains", "opportunities", "touchpoints", "personas", "metrics", "summary", "stages", "owners",
         "step-owners"]
JOURNEYS = ["winter-jacket.journey", "online-purchase.journey", "saas-onboarding.journey",
            "clinic-appointment.journey"]

COLUMNS = {
    "steps": ["step_no", "stage_id", "stage_title", "step_id", "step_title", "persona_id", "persona_name",
              "emotion", "emotion_label", "channels", "touchpoints", "owners", "pain_count",
              "opportunity_count", "evidence", "moment_of_truth", "moment", "tags", "artifacts", "frontstage",
              "backstage", "support"],
    "pains": ["step_no", "stage_id", "stage_title", "step_id", "step_title", "pain_id", "pain", "personas", "severity",
              "tags", "emotions", "lowest_emotion", "owners", "solved_by", "solver_count", "solved_by_rule"],
    "opportunities": ["priority", "quadrant", "step_no", "stage_id", "stage_title", "step_id", "step_title",
                      "opportunity_id", "opportunity", "impact", "effort", "status", "owner", "personas", "tags",
                      "solves", "solves_count", "solves_rule", "highest_severity"],
    "touchpoints": ["channel_id", "channel", "kind", "touchpoints", "step_count", "steps", "owners",
                    "mean_emotion", "moment_count", "tags"],
    "personas": ["persona_id", "persona_name", "step_count", "emotion_count", "mean_emotion", "lowest_emotion",
                 "highest_emotion", "lowest_step_no", "lowest_stage_id", "lowest_stage_title", "lowest_step_id",
                 "lowest_step_title", "lowest_label", "moment_count"],
    "metrics": ["step_no", "stage_id", "stage_title", "step_id", "step_title", "kpi_id", "kpi_title", "value",
                "as_written", "unit", "target", "direction", "met", "moment_of_truth", "tags"],
    "summary": ["section", "stage_id", "stage_title", "step_no", "step_id", "step_title", "persona_id",
                "persona_name", "kpi_id", "value", "target", "detail", "date"],
    "stages": ["stage_no", "stage_id", "stage_title", "persona_id", "persona_name", "step_count", "emotion_count",
               "mean_emotion", "lowest_emotion", "highest_emotion", "biggest_drop", "drop_step_no",
               "drop_step_title", "pain_count", "opportunity_count", "moment_count", "kpi_missed", "pains_critical",
               "pains_high", "pains_medium", "pains_low", "opportunities_idea", "opportunities_planned",
               "opportunities_doing", "opportunities_done", "opportunities_dropped"],
    "owners": ["team_id", "team", "journey_owner", "step_count", "steps", "pain_count", "opportunity_count",
               "kpi_missed", "mean_emotion", "pains_critical", "pains_high", "pains_medium", "pains_low",
               "blueprint_count", "blueprint", "owned_opportunities", "owned_idea", "owned_planned", "owned_doing",
               "owned_done", "owned_dropped"],
    "step-owners": ["step_no", "stage_id", "stage_title", "step_id", "step_title", "team_id", "team"],
}


def example(name):
    return os.path.join(EXAMPLES, name)


def fixture(name):
    return os.path.join(HERE, name)


def read_tsv(text):
    """IANA text/tab-separated-values as journey writes it: a record per
    line, fields between tabs, no quoting; a field's tab, line break and
    backslash are written \\t, \\n and \\\\."""
    if "\r" in text:
        raise AssertionError("a CR in TSV output")
    unescape = {"t": "\t", "n": "\n", "\\": "\\"}
    def field(f):
        return re.sub(r"\\(.)", lambda m: unescape[m.group(1)], f)
    lines = text.split("\n")
    if lines[-1] != "":
        raise AssertionError("TSV output does not end in a line break")
    return [[field(f) for f in line.split("\t")] for line in lines[:-1]]


def report(path, kind, *extra, delimiter=","):
    """Runs a report (of a map, or a list of maps) and returns (raw bytes,
    header, rows as dicts)."""
    paths = path if isinstance(path, list) else [path]
    rc, out, err = run("report", *paths, "--kind", kind, *extra)
    if rc != 0:
        raise AssertionError("report %s %s failed (%d): %s" % (path, kind, rc, err))
    text = out.decode("utf-8")
    if delimiter == "\t":
        rows = read_tsv(text)
    else:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    for r in body:
        if len(r) != len(header):
            raise AssertionError("row of %d cells under %d columns: %r" % (len(r), len(header), r))
    return out, header, [dict(zip(header, r)) for r in body]


def where(rows, **match):
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


class Shape(unittest.TestCase):
    def test_every_kind_of_every_example(self):
        for name in JOURNEYS:
            for kind in KINDS:
                with self.subTest(name=name, kind=kind):
                    raw, header, rows = report(example(name), kind)
                    self.assertEqual(header, COLUMNS[kind])
                    self.assertNotIn(b"\r", raw)              # LF line ends only
                    self.assertTrue(raw.endswith(b"\n"))
                    raw.decode("utf-8")                        # valid UTF-8
                    self.assertFalse(raw.startswith(b"\xef\xbb\xbf"))
                    if kind != "metrics" or name != "clinic-appointment.journey":
                        self.assertTrue(rows, "no rows")

    def test_quoting_reads_back(self):
        # Cells holding the separator, quotes and line breaks survive a
        # round trip through a real CSV parser.
        _, _, rows = report(example("winter-jacket.journey"), "pains")
        (size,) = where(rows, step_id="checks-the-size-guide")
        self.assertEqual(size["solved_by"], 'Add sleeve length and a "fits like" note from returns data')
        _, _, rows = report(example("winter-jacket.journey"), "steps")
        (pay,) = where(rows, step_id="pay")
        self.assertEqual(pay["touchpoints"], "Online store\nEmail: Order confirmation")
        self.assertEqual(pay["channels"], "shop; email")

    def test_crlf_map_gives_lf_report(self):
        text = ('journey "J" {\r\n  stage s "S" {\r\n    step a "A" {\r\n      emotion 1\r\n'
                '      pain """\r\n        First line\r\n        second line\r\n        """\r\n'
                '    }\r\n  }\r\n}\r\n')
        with outputs.map_file(text) as path:
            raw, _, rows = report(path, "pains")
        self.assertNotIn(b"\r", raw)
        self.assertEqual(rows[0]["pain"], "First line\nsecond line")
        # A carriage return inside a text (an escape in the map) is a line
        # break in the report, and the file still has no CR.
        raw, _, rows = report(fixture("formula.journey"), "steps", "--raw")
        self.assertNotIn(b"\r", raw)
        self.assertEqual(rows[1]["emotion_label"], "\nCR")

    def test_locale_does_not_change_numbers(self):
        _, base, _ = run("report", example("winter-jacket.journey"), "--kind", "touchpoints")
        for loc in ("de_DE.UTF-8", "fr_FR.UTF-8", "C.UTF-8"):
            rc, out, _ = run("report", example("winter-jacket.journey"), "--kind", "touchpoints",
                             env={"LC_ALL": loc})
            self.assertEqual((rc, out), (0, base))
        self.assertIn(b",-0.40,0,\n", base)


class Steps(unittest.TestCase):
    def test_one_row_per_step_and_persona(self):
        _, _, rows = report(example("winter-jacket.journey"), "steps")
        # 13 steps: 3 concern both Anna and Ben, 10 one of them.
        self.assertEqual(len(rows), 16)
        self.assertEqual(len({r["step_no"] for r in rows}), 13)
        self.assertEqual(len(where(rows, persona_id="anna")), 9)
        self.assertEqual(len(where(rows, persona_id="ben")), 7)
        warm = where(rows, step_id="compares-warmth-ratings")
        self.assertEqual([(r["persona_name"], r["emotion"], r["emotion_label"]) for r in warm],
                         [("Anna Novak", "0", ""), ("Ben Adeyemi", "-1", "Confused")])
        frosty = where(rows, step_id="wears-it-on-the-first-frosty-morning")
        self.assertEqual({(r["persona_id"], r["emotion"], r["emotion_label"]) for r in frosty},
                         {("anna", "2", "Warm at last"), ("ben", "2", "Warm at last")})

    def test_columns_of_one_step(self):
        _, _, rows = report(example("winter-jacket.journey"), "steps")
        (ad,) = where(rows, step_id="ad")
        self.assertEqual(ad, {
            "step_no": "2", "stage_id": "awareness", "stage_title": "Awareness", "step_id": "ad",
            "step_title": "Sees a down-jacket ad on Instagram", "persona_id": "anna",
            "persona_name": "Anna Novak", "emotion": "1", "emotion_label": "", "channels": "instagram",
            "touchpoints": "Instagram: Sponsored post", "owners": "Marketing", "pain_count": "1",
            "opportunity_count": "1", "evidence": "analytics", "moment_of_truth": "false", "moment": "",
            "tags": "", "artifacts": "", "frontstage": "", "backstage": "", "support": ""})

    def test_no_persona_and_no_emotion(self):
        _, _, rows = report(fixture("nopersona.journey"), "steps")
        self.assertEqual([(r["step_id"], r["persona_id"], r["persona_name"], r["emotion"]) for r in rows],
                         [("form", "", "", "1"), ("quiet", "", "", ""), ("photo", "", "", "-2"),
                          ("pick", "", "", "2")])


class Pains(unittest.TestCase):
    def test_rows(self):
        _, _, rows = report(example("winter-jacket.journey"), "pains")
        self.assertEqual(len(rows), 6)
        (warm,) = where(rows, step_id="compares-warmth-ratings")
        self.assertEqual(warm["emotions"], "Anna Novak: 0; Ben Adeyemi: -1 (Confused)")
        self.assertEqual(warm["lowest_emotion"], "-1")
        self.assertEqual(warm["stage_title"], "Research")
        (fee,) = where(rows, step_id="sees-the-delivery-fee-at-checkout")
        self.assertEqual((fee["owners"], fee["solved_by"], fee["solver_count"], fee["solved_by_rule"]),
                         ("Logistics", "Show delivery costs on the product page", "1", "same-step"))
        self.assertEqual((fee["pain_id"], fee["severity"], fee["personas"]), ("", "", "Anna Novak"))


class Touchpoints(unittest.TestCase):
    def test_inventory(self):
        _, _, rows = report(example("winter-jacket.journey"), "touchpoints")
        by = {(r["channel_id"] or r["touchpoints"]): r for r in rows}
        self.assertEqual(list(by), ["instagram", "shop", "store", "email", "WhatsApp group", "Parcel shop"])
        shop = by["shop"]
        self.assertEqual((shop["channel"], shop["kind"], shop["step_count"], shop["mean_emotion"]),
                         ("Online store", "web", "4", "-0.40"))
        self.assertEqual(shop["touchpoints"], "Product pages\nSize guide\nCheckout")
        self.assertEqual(shop["steps"].split("; "), ["Compares warmth ratings", "Checks the size guide",
                                                     "Sees the delivery fee at checkout",
                                                     "Pays and gets a confirmation email"])
        self.assertEqual((by["store"]["step_count"], by["store"]["mean_emotion"]), ("3", "0.33"))
        self.assertEqual(by["email"]["owners"], "Logistics; Marketing")
        self.assertEqual((by["Parcel shop"]["channel_id"], by["Parcel shop"]["owners"]), ("", "Logistics"))

    def test_counts_on_the_clinic(self):
        _, _, rows = report(example("clinic-appointment.journey"), "touchpoints")
        counts = {(r["channel_id"] or r["touchpoints"]): int(r["step_count"]) for r in rows}
        self.assertEqual(counts["portal"], 3)
        self.assertEqual(sum(counts.values()), 11)
        self.assertEqual(where(rows, channel_id="kiosk")[0]["mean_emotion"], "-1.00")

    def test_free_text_without_emotion(self):
        _, _, rows = report(fixture("nopersona.journey"), "touchpoints")
        self.assertEqual([(r["touchpoints"], r["step_count"], r["mean_emotion"]) for r in rows],
                         [("Web form", "2", "1.50"), ("Post", "1", ""), ("Photo booth", "1", "-2.00")])


class Personas(unittest.TestCase):
    def test_two_personas(self):
        _, _, rows = report(example("winter-jacket.journey"), "personas")
        anna, ben = rows
        self.assertEqual(
            (anna["persona_id"], anna["step_count"], anna["emotion_count"], anna["mean_emotion"],
             anna["lowest_emotion"], anna["highest_emotion"], anna["lowest_step_no"], anna["lowest_step_id"],
             anna["lowest_label"]),
            ("anna", "9", "9", "0.22", "-1", "2", "1", "cold", "Chilly"))
        self.assertEqual((ben["persona_id"], ben["step_count"], ben["mean_emotion"], ben["lowest_step_id"],
                          ben["lowest_stage_id"], ben["lowest_label"]),
                         ("ben", "7", "0.43", "compares-warmth-ratings", "research", "Confused"))

    def test_no_persona_is_one_row_for_the_journey(self):
        _, _, rows = report(fixture("nopersona.journey"), "personas")
        (row,) = rows
        self.assertEqual((row["persona_id"], row["persona_name"], row["step_count"], row["emotion_count"],
                          row["mean_emotion"], row["lowest_step_id"]), ("", "", "4", "3", "0.33", "photo"))

    def test_wider_scale(self):
        _, _, rows = report(example("saas-onboarding.journey"), "personas")
        priya = where(rows, persona_id="priya")[0]
        self.assertEqual((priya["lowest_emotion"], priya["lowest_step_id"], priya["lowest_label"]),
                         ("-2", "imports-plans-from-a-spreadsheet", "Frustrated"))


class Metrics(unittest.TestCase):
    def test_missed_and_met(self):
        _, _, rows = report(example("saas-onboarding.journey"), "metrics")
        self.assertEqual(len(rows), 9)
        (setup,) = where(rows, kpi_id="setup-time", step_id="imports-plans-from-a-spreadsheet")
        self.assertEqual((setup["value"], setup["as_written"], setup["unit"], setup["target"], setup["direction"],
                          setup["met"]), ("34", "34", "min", "20", "lower", "false"))
        (ttv,) = where(rows, kpi_id="ttv")
        self.assertEqual((ttv["value"], ttv["met"]), ("2.5", "true"))
        (act,) = where(rows, kpi_id="activation")
        self.assertEqual((act["value"], act["as_written"], act["met"]), ("46", "46%", "true"))

    def test_winter_jacket_misses_every_kpi(self):
        _, _, rows = report(example("winter-jacket.journey"), "metrics")
        self.assertEqual([(r["step_no"], r["kpi_id"], r["value"], r["met"]) for r in rows],
                         [("2", "drop", "34", "false"), ("8", "drop", "41", "false"), ("9", "csat", "78", "false"),
                          ("11", "returns", "22", "false"), ("13", "csat", "82", "false")])


class Summary(unittest.TestCase):
    def sections(self, rows, name):
        return [r for r in rows if r["section"] == name]

    def test_winter_jacket(self):
        _, _, rows = report(example("winter-jacket.journey"), "summary")
        order = []
        for r in rows:
            if r["section"] not in order:
                order.append(r["section"])
        self.assertEqual(order, ["lowest-moment", "biggest-drop", "stage-pains", "kpi-missed", "no-evidence",
                                 "opportunities-by-status"])
        low = self.sections(rows, "lowest-moment")
        self.assertEqual([(r["persona_id"], r["step_id"], r["value"]) for r in low],
                         [("anna", "cold", "-1"), ("anna", "checks-the-size-guide", "-1"),
                          ("anna", "sees-the-delivery-fee-at-checkout", "-1"),
                          ("ben", "compares-warmth-ratings", "-1")])
        drops = self.sections(rows, "biggest-drop")
        ben = [r for r in drops if r["persona_id"] == "ben"]
        self.assertEqual([(r["step_no"], r["value"]) for r in ben], [("13", "2")])
        self.assertTrue(ben[0]["detail"].startswith("from 2 at step 12 (Wears it on the first frosty morning) to 0"))
        self.assertEqual({r["value"] for r in drops if r["persona_id"] == "anna"}, {"1"})
        self.assertEqual([(r["stage_id"], r["value"]) for r in self.sections(rows, "stage-pains")],
                         [("awareness", "1"), ("research", "2"), ("purchase", "2"), ("after", "1")])
        missed = self.sections(rows, "kpi-missed")
        self.assertEqual(len(missed), 5)
        (fee,) = [r for r in missed if r["step_id"] == "sees-the-delivery-fee-at-checkout"]
        self.assertEqual((fee["kpi_id"], fee["value"], fee["target"], fee["detail"]),
                         ("drop", "41", "20", "Drop-off: 41% (target 20%, lower is better)"))
        self.assertEqual(len(self.sections(rows, "no-evidence")), 7)
        self.assertEqual(self.sections(rows, "unaddressed-pain"), [])

    def test_saas(self):
        _, _, rows = report(example("saas-onboarding.journey"), "summary")
        missed = {(r["kpi_id"], r["value"]) for r in self.sections(rows, "kpi-missed")}
        self.assertEqual(missed, {("setup-time", "34"), ("invite-accept", "62"), ("csat", "79"),
                                  ("trial-conversion", "14")})
        (setup,) = [r for r in self.sections(rows, "kpi-missed") if r["kpi_id"] == "setup-time"]
        self.assertEqual(setup["detail"], "Workspace setup time: 34 min (target 20 min, lower is better)")
        tom = [r for r in self.sections(rows, "biggest-drop") if r["persona_id"] == "tom"]
        self.assertEqual([(r["step_id"], r["value"]) for r in tom], [("gets-stuck-on-recurring-tasks", "2")])

    def test_no_persona_and_unaddressed_pain(self):
        _, _, rows = report(fixture("nopersona.journey"), "summary")
        (drop,) = self.sections(rows, "biggest-drop")
        # "quiet" has no emotion: the drop runs from "form" to "photo".
        self.assertEqual((drop["step_id"], drop["persona_id"], drop["value"]), ("photo", "", "3"))
        (pain,) = self.sections(rows, "unaddressed-pain")
        self.assertEqual((pain["step_id"], pain["detail"]), ("photo", "Booth rejects glasses"))
        self.assertEqual([r["step_id"] for r in self.sections(rows, "no-evidence")], ["quiet", "photo", "pick"])


    def test_no_drop_no_row(self):
        # Flat and rising arcs have no biggest drop; a tie of lowest
        # moments lists each of them.
        text = (b'journey "J" {\n  persona up "Up"\n  persona down "Down"\n  stage s "S" {\n'
                b'    step a "A" { emotion up 0; emotion down 1 }\n'
                b'    step b "B" { emotion up 0; emotion down -1 }\n'
                b'    step c "C" { emotion up 1; emotion down 1 }\n'
                b'    step d "D" { emotion up 1; emotion down -1 }\n  }\n}\n')
        rc, out, err = run("report", "-", "--kind", "summary", stdin=text)
        self.assertEqual((rc, err), (0, ""))
        rows = [dict(zip(COLUMNS["summary"], r)) for r in list(csv.reader(io.StringIO(out.decode())))[1:]]
        self.assertEqual([(r["persona_id"], r["step_id"], r["value"]) for r in self.sections(rows, "biggest-drop")],
                         [("down", "b", "2"), ("down", "d", "2")])
        self.assertEqual([(r["persona_id"], r["step_id"]) for r in self.sections(rows, "lowest-moment")],
                         [("up", "a"), ("up", "b"), ("down", "b"), ("down", "d")])


TAGGED = """journey "Tagged" {
  owner cx
  reviewed 2026-01-10
  next-review 2026-03-01
  persona maya "Maya"
  persona ben "Ben"
  team cx "CX"
  team ops "Operations"
  team web "Web"
  kpi drop "Drop-off" { unit "%"; target 20; better lower }
  stage buy "Purchase" {
    step cart "Adds to cart" {
      persona maya, ben
      moment "Will it fit?"
      tag checkout, mobile
      emotion maya 2
      emotion ben 1
      owner web
      owner ops
      artifact "Cart page"
      artifact "Size picker"
      pain "Shipping cost shown late"
      opportunity "Show shipping on the product page"
    }
    step pay "Pays" {
      persona maya, ben
      tag checkout
      emotion maya -1
      emotion ben 1
      owner web
      metric drop 41%
    }
    step mail "Reads the confirmation" {
      persona maya
      emotion maya 0
    }
  }
  stage after "After" {
    step wait "Waits" {
      persona ben
      tag mobile
      emotion ben -2
      owner ops
      pain "No tracking"
    }
  }
}
"""


class NewKinds(unittest.TestCase):
    def test_stages(self):
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "stages")
        self.assertEqual([(r["stage_id"], r["persona_id"]) for r in rows],
                         [("buy", "maya"), ("buy", "ben"), ("after", "maya"), ("after", "ben")])
        maya = rows[0]
        self.assertEqual((maya["step_count"], maya["emotion_count"], maya["mean_emotion"], maya["lowest_emotion"],
                          maya["highest_emotion"]), ("3", "3", "0.33", "-1", "2"))
        # 2 -> -1 is the biggest fall inside the stage, at step 2.
        self.assertEqual((maya["biggest_drop"], maya["drop_step_no"], maya["drop_step_title"]), ("3", "2", "Pays"))
        self.assertEqual((maya["pain_count"], maya["opportunity_count"], maya["moment_count"], maya["kpi_missed"]),
                         ("1", "1", "1", "1"))
        ben = rows[1]
        self.assertEqual((ben["step_count"], ben["biggest_drop"], ben["drop_step_no"]), ("2", "0", ""))
        # Maya has no step in "After": a row of zeros and empty emotions.
        self.assertEqual((rows[2]["step_count"], rows[2]["mean_emotion"], rows[2]["biggest_drop"]), ("0", "", ""))
        self.assertEqual((rows[3]["mean_emotion"], rows[3]["biggest_drop"]), ("-2.00", ""))

    def test_stages_of_the_examples(self):
        _, _, rows = report(example("winter-jacket.journey"), "stages")
        self.assertEqual(len(rows), 4 * 2)
        (research,) = where(rows, stage_id="research", persona_id="anna")
        self.assertEqual((research["mean_emotion"], research["biggest_drop"], research["drop_step_title"]),
                         ("-0.50", "1", "Checks the size guide"))
        _, _, rows = report(fixture("nopersona.journey"), "stages")
        self.assertTrue(rows)
        self.assertEqual({r["persona_id"] for r in rows}, {""})

    def test_owners(self):
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "owners")
        self.assertEqual([r["team_id"] for r in rows], ["cx", "ops", "web"])
        cx, ops, web = rows
        self.assertEqual((cx["journey_owner"], cx["step_count"], cx["steps"], cx["mean_emotion"]), ("true", "0", "", ""))
        self.assertEqual((ops["step_count"], ops["steps"], ops["pain_count"], ops["mean_emotion"]),
                         ("2", "Adds to cart; Waits", "2", "0.33"))
        self.assertEqual((web["step_count"], web["kpi_missed"], web["opportunity_count"]), ("2", "1", "1"))

    def test_step_owners_is_one_team_per_row(self):
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "step-owners")
        self.assertEqual([(r["step_id"], r["team_id"], r["team"]) for r in rows],
                         [("cart", "web", "Web"), ("cart", "ops", "Operations"), ("pay", "web", "Web"),
                          ("mail", "", ""), ("wait", "ops", "Operations")])
        _, _, rows = report(example("winter-jacket.journey"), "step-owners")
        self.assertFalse([r for r in rows if ";" in r["team"]])
        _, _, steps = report(example("winter-jacket.journey"), "steps")
        packed = {(r["step_no"], r["owners"]) for r in steps}
        for no, owners in packed:
            teams = [r["team"] for r in where(rows, step_no=no) if r["team"]]
            self.assertEqual("; ".join(teams), owners)

    def test_steps_v2_columns_and_summary_journey_facts(self):
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "steps")
            (cart,) = where(rows, step_id="cart", persona_id="maya")
            self.assertEqual((cart["moment_of_truth"], cart["moment"], cart["tags"], cart["artifacts"]),
                             ("true", "Will it fit?", "checkout; mobile", "Cart page\nSize picker"))
            self.assertEqual(where(rows, step_id="pay")[0]["moment_of_truth"], "false")
            rc, out, _ = run("report", path, "--kind", "summary", env={"SOURCE_DATE_EPOCH": "1773000000"})
        self.assertEqual(rc, 0)
        rows = [dict(zip(r and COLUMNS["summary"], r)) for r in list(csv.reader(io.StringIO(out.decode())))[1:]]
        moments = where(rows, section="moment-of-truth")
        self.assertEqual([(r["persona_id"], r["value"], r["detail"]) for r in moments],
                         [("maya", "2", "Will it fit?"), ("ben", "1", "Will it fit?")])
        (owner,) = where(rows, section="journey-owner")
        self.assertEqual(owner["detail"], "CX")
        (reviewed,) = where(rows, section="reviewed")
        self.assertEqual(reviewed["date"], "2026-01-10")
        (due,) = where(rows, section="next-review")
        # 1773000000 is 2026-03-08: seven days after 2026-03-01.
        self.assertEqual((due["date"], due["value"], due["detail"]), ("2026-03-01", "7", "overdue"))


class Backlog(unittest.TestCase):
    """The v2 items: ids, severity, solves, impact, effort, status, owners."""

    def test_each_pain_gets_only_its_own_solver(self):
        # One step, two pains, two opportunities, each solving one pain.
        _, _, rows = report(fixture("backlog.journey"), "pains")
        cart = where(rows, step_id="cart")
        self.assertEqual([(r["pain_id"], r["solved_by"], r["solver_count"], r["solved_by_rule"]) for r in cart],
                         [("acct", "guest: Offer guest checkout", "1", "solves"),
                          ("ship", "fee: Show shipping on the product page", "1", "solves")])
        (acct, ship) = cart
        self.assertEqual((acct["personas"], acct["severity"], acct["tags"], acct["emotions"], acct["lowest_emotion"]),
                         ("Maya", "high", "checkout", "Maya: -1", "-1"))
        self.assertEqual((ship["personas"], ship["severity"], ship["emotions"]), ("Maya; Ben", "critical",
                                                                                  "Maya: -1; Ben: 1"))
        (lost,) = where(rows, pain_id="lost")
        self.assertEqual((lost["solved_by"], lost["solver_count"]), ("", "0"))

    def test_same_step_fallback_only_without_solves(self):
        text = ('journey "J" {\n  stage s "S" {\n    step a "A" {\n      emotion 1\n      pain "P1"\n'
                '      pain "P2"\n      opportunity "O1"\n      opportunity "O2"\n    }\n  }\n}\n')
        with outputs.map_file(text) as path:
            _, _, rows = report(path, "pains")
        self.assertEqual([(r["solved_by"], r["solver_count"], r["solved_by_rule"]) for r in rows],
                         [("O1\nO2", "2", "same-step")] * 2)

    def test_opportunities_by_priority(self):
        _, _, rows = report(fixture("backlog.journey"), "opportunities")
        self.assertEqual([(r["opportunity_id"], r["priority"], r["quadrant"], r["status"]) for r in rows],
                         [("guest", "5", "quick-win", "planned"),     # 4, raised by a high pain
                          ("fee", "5", "big-bet", "idea"),            # 3, raised by a critical pain
                          ("cache", "1", "money-pit", "doing"),
                          ("", "3", "big-bet", "dropped"),            # closed ones last
                          ("wallet", "2", "fill-in", "done")])
        guest = rows[0]
        self.assertEqual((guest["impact"], guest["effort"], guest["owner"], guest["personas"], guest["solves"],
                          guest["highest_severity"], guest["solves_rule"]),
                         ("high", "low", "Growth", "Maya; Ben", "acct: Forced to create an account", "high", "solves"))
        self.assertEqual((rows[1]["tags"], rows[1]["owner"]), ("pricing", "Operations"))

    def test_opportunities_of_a_v1_map(self):
        _, _, rows = report(example("winter-jacket.journey"), "opportunities")
        self.assertEqual(len(rows), 6)
        # Nothing given: impact and effort count as medium, a quick win.
        self.assertEqual({(r["priority"], r["quadrant"], r["solves_rule"]) for r in rows},
                         {("4", "quick-win", "same-step")})
        self.assertEqual([int(r["step_no"]) for r in rows], sorted(int(r["step_no"]) for r in rows))

    def test_stages_and_owners_count_by_severity_and_status(self):
        _, _, rows = report(fixture("backlog.journey"), "stages")
        (maya,) = where(rows, stage_id="buy", persona_id="maya")
        self.assertEqual([maya[k] for k in ("pains_critical", "pains_high", "pains_medium", "pains_low")],
                         ["1", "1", "0", "1"])
        self.assertEqual([maya["opportunities_" + k] for k in ("idea", "planned", "doing", "done", "dropped")],
                         ["1", "1", "1", "1", "0"])
        (ben,) = where(rows, stage_id="buy", persona_id="ben")
        # The account pain is Maya's alone.
        self.assertEqual((ben["pain_count"], ben["pains_high"], ben["pains_critical"]), ("1", "0", "1"))
        _, _, rows = report(fixture("backlog.journey"), "owners")
        cx, growth, ops = rows
        self.assertEqual((cx["journey_owner"], cx["blueprint_count"], cx["blueprint"]),
                         ("true", "1", "frontstage at Adds items to the cart: Chat agent answers size questions"))
        self.assertEqual((growth["owned_opportunities"], growth["owned_planned"], growth["owned_done"]), ("2", "1", "1"))
        self.assertEqual((ops["owned_opportunities"], ops["owned_idea"], ops["owned_dropped"], ops["blueprint"]),
                         ("2", "1", "1", "backstage at Adds items to the cart: Stock check"))

    def test_steps_blueprint_and_summary(self):
        _, _, rows = report(fixture("backlog.journey"), "steps")
        (cart,) = where(rows, step_id="cart", persona_id="maya")
        self.assertEqual((cart["frontstage"], cart["backstage"], cart["support"], cart["artifacts"]),
                         ("Chat agent answers size questions (CX)", "Stock check (Operations)", "Inventory service",
                          "Cart page with the size picker"))
        _, _, rows = report(fixture("backlog.journey"), "summary")
        (severe,) = where(rows, section="unsolved-severe-pain")
        self.assertEqual((severe["step_id"], severe["detail"]), ("track", "high: lost: No tracking number"))
        status = {r["detail"]: r["value"] for r in where(rows, section="opportunities-by-status")}
        self.assertEqual(status, {"idea": "1", "planned": "1", "doing": "1", "done": "1", "dropped": "1"})

    def test_moments_and_tags_in_touchpoints_personas_metrics(self):
        _, _, rows = report(fixture("backlog.journey"), "touchpoints")
        self.assertEqual([(r["touchpoints"], r["moment_count"], r["tags"]) for r in rows],
                         [("Mobile app", "1", "checkout; mobile")])
        _, _, rows = report(fixture("backlog.journey"), "personas")
        self.assertEqual([(r["persona_id"], r["moment_count"]) for r in rows], [("maya", "1"), ("ben", "1")])
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "metrics")
        self.assertEqual([(r["step_id"], r["moment_of_truth"], r["tags"]) for r in rows], [("pay", "false", "checkout")])

    def test_tag_keeps_tagged_items(self):
        # The cart step carries "checkout"; the pay step only through its pain.
        _, _, rows = report(fixture("backlog.journey"), "pains", "--tag", "mobile")
        self.assertEqual([r["pain_id"] for r in rows], ["acct", "ship", "slow"])
        _, _, rows = report(fixture("backlog.journey"), "opportunities", "--tag", "mobile")
        self.assertEqual({r["opportunity_id"] for r in rows}, {"guest", "fee"})   # pay's are untagged
        _, _, rows = report(fixture("backlog.journey"), "opportunities", "--tag", "pricing")
        self.assertEqual([r["opportunity_id"] for r in rows], ["fee"])
        _, _, rows = report(fixture("backlog.journey"), "steps", "--tag", "pricing")
        self.assertEqual({(r["step_id"], r["pain_count"], r["opportunity_count"]) for r in rows}, {("cart", "0", "1")})

    def test_persona_keeps_its_items(self):
        _, _, rows = report(fixture("backlog.journey"), "pains", "--persona", "ben")
        self.assertEqual([r["pain_id"] for r in rows], ["ship", "lost"])
        self.assertEqual(rows[0]["emotions"], "Ben: 1")

    def test_portfolio_ranks_severe_pains(self):
        _, _, rows = report([example("winter-jacket.journey"), fixture("backlog.journey")], "summary")
        ranked = where(rows, section="rank-severe-pains")
        self.assertEqual([(r["journey"], r["value"]) for r in ranked],
                         [("Order sneakers online", "1"), ("Buy a winter jacket", "0")])


class Filters(unittest.TestCase):
    def test_tag_keeps_the_tagged_steps(self):
        with outputs.map_file(TAGGED) as path:
            _, _, rows = report(path, "steps", "--tag", "checkout")
            self.assertEqual({r["step_id"] for r in rows}, {"cart", "pay"})
            # Steps keep their number in the whole map.
            self.assertEqual(sorted({r["step_no"] for r in rows}), ["1", "2"])
            _, _, rows = report(path, "steps", "--tag", "mobile")
            self.assertEqual({r["step_no"] for r in rows}, {"1", "4"})
            _, _, rows = report(path, "pains", "--tag", "mobile")
            self.assertEqual([r["pain"] for r in rows], ["Shipping cost shown late", "No tracking"])
            _, _, rows = report(path, "metrics", "--tag", "mobile")
            self.assertEqual(rows, [])
            _, _, rows = report(path, "stages", "--tag", "checkout")
            self.assertEqual(where(rows, stage_id="buy", persona_id="maya")[0]["step_count"], "2")
            _, _, rows = report(path, "steps", "--tag", "nothing")
            self.assertEqual(rows, [])

    def test_persona_is_one_view(self):
        w = example("winter-jacket.journey")
        _, _, rows = report(w, "steps", "--persona", "ben")
        self.assertEqual({r["persona_id"] for r in rows}, {"ben"})
        self.assertEqual(len(rows), 7)
        _, _, rows = report(w, "personas", "--persona", "ben")
        self.assertEqual([r["persona_id"] for r in rows], ["ben"])
        _, _, rows = report(w, "summary", "--persona", "anna")
        self.assertEqual({r["persona_id"] for r in rows if r["persona_id"]}, {"anna"})
        _, _, rows = report(w, "stages", "--persona", "anna")
        self.assertEqual({r["persona_id"] for r in rows}, {"anna"})
        for bad in ("nobody",):
            rc, out, err = run("report", w, "--kind", "steps", "--persona", bad)
            self.assertEqual((rc, out), (2, b""))
            self.assertIn("has no persona 'nobody'", err)
        rc, out, err = run("report", fixture("nopersona.journey"), "--kind", "steps", "--persona", "x")
        self.assertEqual((rc, out), (2, b""))


MAPS = ["clinic-appointment.journey", "online-purchase.journey", "saas-onboarding.journey", "winter-jacket.journey"]


class Portfolio(unittest.TestCase):
    def test_every_kind_has_the_journey_columns(self):
        paths = [example(n) for n in MAPS]
        for kind in KINDS:
            with self.subTest(kind=kind):
                _, header, rows = report(paths, kind)
                self.assertEqual(header, ["journey", "journey_file"] + COLUMNS[kind])
                # Each map's rows are its own table's, in the order given.
                start = 0
                for p in paths:
                    _, _, own = report(p, kind)
                    mine = [r for r in rows if r["journey_file"] == p and not r.get("section", "").startswith("rank-")]
                    self.assertEqual(len(mine), len(own), p)
                    for a, b in zip(mine, own):
                        self.assertEqual({k: a[k] for k in b}, b)
                    if own:
                        first = rows.index(mine[0])
                        self.assertGreaterEqual(first, start)
                        start = first

    def test_journey_column_is_the_title(self):
        _, _, rows = report(example("winter-jacket.journey"), "personas", "--portfolio")
        self.assertEqual({(r["journey"], r["journey_file"]) for r in rows},
                         {("Buy a winter jacket", example("winter-jacket.journey"))})

    def test_summary_ranks_the_journeys(self):
        paths = [example(n) for n in MAPS]
        _, _, rows = report(paths, "summary")
        ranks = [r for r in rows if r["section"].startswith("rank-")]
        self.assertEqual(rows[:len(ranks)], ranks)          # first: where to look first
        emotion = where(rows, section="rank-emotion")
        self.assertEqual([r["detail"] for r in emotion], ["1 of 4", "2 of 4", "3 of 4", "4 of 4"])
        values = [float(r["value"]) for r in emotion]
        self.assertEqual(values, sorted(values))
        self.assertEqual(emotion[0]["journey"], "GP appointment for knee pain")
        missed = [int(r["value"]) for r in where(rows, section="rank-kpis-missed")]
        self.assertEqual(missed, sorted(missed, reverse=True))
        self.assertEqual(where(rows, section="rank-kpis-missed")[0]["journey"], "Buy a winter jacket")
        for section in ("rank-severe-pains", "rank-overdue-review"):
            self.assertEqual(len(where(rows, section=section)), 4)

    def test_overdue_review_ranks_first(self):
        with outputs.map_file(TAGGED) as path:
            rc, out, _ = run("report", example("winter-jacket.journey"), path, "--kind", "summary",
                             env={"SOURCE_DATE_EPOCH": "1773000000"})
        self.assertEqual(rc, 0)
        rows = list(csv.DictReader(io.StringIO(out.decode())))
        overdue = where(rows, section="rank-overdue-review")
        self.assertEqual([(r["journey"], r["value"]) for r in overdue], [("Tagged", "7"), ("Buy a winter jacket", "0")])

    def test_examples_glob_leaves_out_the_library(self):
        import glob
        paths = sorted(glob.glob(os.path.join(EXAMPLES, "*.journey")))
        rc, out, err = run("report", *paths, "--kind", "personas")
        self.assertEqual(rc, 0)
        self.assertIn("left out of the report: '%s' is a library" % example("people.journey"), err)
        rows = list(csv.DictReader(io.StringIO(out.decode())))
        self.assertEqual(len({r["journey_file"] for r in rows}), len(paths) - 1)

    def test_an_unreadable_map_stops_the_report(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.csv")
            rc, so, err = run("report", example("winter-jacket.journey"), os.path.join(d, "missing.journey"),
                              "--kind", "steps", "-o", out)
            self.assertEqual((rc, so), (2, b""))
            self.assertIn("cannot read", err)
            self.assertEqual(os.listdir(d), [])

    def test_one_sarif_log_for_several_maps(self):
        import json
        rc, out, err = run("report", fixture("nopersona.journey"), fixture("nopersona.journey"), "--kind", "steps",
                           "--diagnostics=sarif")
        self.assertEqual(rc, 0)
        log = json.loads(err)                  # one document, not one per map
        results = [r for run_ in log["runs"] for r in run_["results"]]
        self.assertEqual(len(results), 4)      # no-persona and missing-emotion, twice
        self.assertEqual(len(list(csv.reader(io.StringIO(out.decode())))), 9)

    def test_a_map_with_errors_is_named_and_left_out(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.journey")
            with open(bad, "wb") as f:
                f.write(outputs.BAD_MAP)
            out = os.path.join(d, "r.csv")
            rc, so, err = run("report", example("winter-jacket.journey"), bad, "--kind", "steps", "-o", out)
            self.assertEqual(rc, 1)
            self.assertIn("error:", err)
            self.assertIn("left out of the report: '%s' has errors" % bad, err)
            with open(out) as f:
                rows = list(csv.DictReader(f))
            self.assertEqual({r["journey_file"] for r in rows}, {example("winter-jacket.journey")})
            # Nothing left to report: nothing written.
            os.remove(out)
            rc, _, _ = run("report", bad, bad, "--kind", "steps", "-o", out)
            self.assertEqual(rc, 1)
            self.assertFalse(os.path.exists(out))


class EveryKind(unittest.TestCase):
    def test_a_directory_gets_a_file_per_kind(self):
        w = example("saas-onboarding.journey")
        with tempfile.TemporaryDirectory() as d:
            for fmt, ext in (("csv", "csv"), ("tsv", "tsv"), ("markdown", "md")):
                out = os.path.join(d, fmt) + "/"
                os.mkdir(out)
                self.assertEqual(run("report", w, "--kind", "all", "--format", fmt, "-o", out)[0], 0)
                self.assertEqual(sorted(os.listdir(out)), sorted(k + "." + ext for k in KINDS))
                for kind in KINDS:
                    with open(os.path.join(out, kind + "." + ext), "rb") as f:
                        self.assertEqual(f.read(), run("report", w, "--kind", kind, "--format", fmt)[1])
            # An existing directory without the slash, and one kind into it.
            one = os.path.join(d, "one")
            os.mkdir(one)
            self.assertEqual(run("report", w, "--kind", "metrics", "-o", one)[0], 0)
            self.assertEqual(os.listdir(one), ["metrics.csv"])

    def test_all_needs_a_directory_or_a_workbook(self):
        rc, out, err = run("report", example("saas-onboarding.journey"), "--kind", "all")
        self.assertEqual((rc, out), (2, b""))
        self.assertIn("one file per kind", err)


class Guard(unittest.TestCase):
    """Text cells that a spreadsheet would run get a leading '; numbers do not."""

    def test_csv(self):
        raw, _, rows = report(fixture("formula.journey"), "steps")
        a, b = rows[0], rows[1]
        self.assertEqual(a["stage_title"], "'=Stage")
        self.assertEqual(a["step_title"], "'=1+1")
        self.assertEqual(a["persona_name"], "'=cmd|' /C calc'!A0")
        self.assertEqual(a["emotion_label"], "'-sad")
        self.assertEqual(a["touchpoints"], "'@SUM(1): \tTabbed")
        self.assertEqual(a["owners"], "'-2+3")
        self.assertEqual(b["step_title"], "'+plus")
        self.assertEqual(b["persona_name"], "'+SUM(1,2)")
        self.assertEqual(b["emotion_label"], "'\nCR")                  # a leading CR, as LF
        self.assertEqual(where(rows, step_id="c")[0]["step_title"], "'@at")
        # Numbers stay bare numbers, not quoted and not guarded.
        self.assertIn(b",'=cmd|' /C calc'!A0,-3,'-sad,", raw)
        self.assertEqual(a["emotion"], "-3")
        _, _, rows = report(fixture("formula.journey"), "metrics")
        self.assertEqual((rows[0]["kpi_title"], rows[0]["unit"], rows[0]["value"], rows[0]["target"]),
                         ("'=kpi", "'-pts", "-2", "-1"))
        raw, _, rows = report(fixture("formula.journey"), "summary")
        (missed,) = [r for r in rows if r["section"] == "kpi-missed"]
        self.assertEqual((missed["value"], missed["target"]), ("-2", "-1"))
        self.assertTrue(missed["detail"].startswith("'=kpi: -2"))
        self.assertIn(b",k,-2,-1,", raw)
        (opp,) = [r for r in report(fixture("formula.journey"), "pains")[2] if r["step_id"] == "c"]
        self.assertEqual((opp["pain"], opp["solved_by"]), ("'-dash", "'=fix"))

    def test_no_text_cell_starts_a_formula(self):
        for kind in KINDS:
            _, header, rows = report(fixture("formula.journey"), kind)
            numeric = {"step_no", "emotion", "value", "target", "lowest_emotion", "highest_emotion",
                       "mean_emotion", "as_written", "lowest_step_no"}
            for r in rows:
                for col, cell in r.items():
                    if col in numeric:
                        if cell:
                            float(cell)
                    else:
                        self.assertFalse(cell[:1] in ("=", "+", "-", "@", "\t", "\r"), (kind, col, cell))

    def test_raw(self):
        raw, _, rows = report(fixture("formula.journey"), "steps", "--raw")
        a = rows[0]
        self.assertEqual((a["step_title"], a["persona_name"], a["emotion_label"], a["touchpoints"]),
                         ("=1+1", "=cmd|' /C calc'!A0", "-sad", "@SUM(1): \tTabbed"))
        self.assertEqual(rows[1]["emotion_label"], "\nCR")
        self.assertIn(b",=cmd|' /C calc'!A0,-3,-sad,", raw)

    def test_tsv(self):
        raw, header, rows = report(fixture("formula.journey"), "steps", "--format", "tsv", delimiter="\t")
        self.assertEqual(header, COLUMNS["steps"])
        self.assertEqual(rows[0]["step_title"], "'=1+1")
        self.assertEqual(rows[0]["touchpoints"], "'@SUM(1): \tTabbed")    # the tab written \t
        self.assertIn(b"\t'@SUM(1): \\tTabbed\t", raw)
        self.assertEqual(rows[1]["persona_name"], "'+SUM(1,2)")           # a comma needs no quotes
        self.assertIn(b"\t'+SUM(1,2)\t-2\t", raw)
        _, _, rows = report(fixture("formula.journey"), "steps", "--format", "tsv", "--raw", delimiter="\t")
        self.assertEqual(rows[0]["step_title"], "=1+1")


class Formats(unittest.TestCase):
    def test_tsv_reads_back(self):
        _, header, rows = report(example("winter-jacket.journey"), "steps", "--format", "tsv", delimiter="\t")
        _, _, csv_rows = report(example("winter-jacket.journey"), "steps")
        self.assertEqual(header, COLUMNS["steps"])
        self.assertEqual(rows, csv_rows)

    def test_markdown(self):
        for kind in KINDS:
            rc, out, err = run("report", example("winter-jacket.journey"), "--kind", kind, "--format", "markdown")
            self.assertEqual((rc, err), (0, ""))
            lines = out.decode("utf-8").split("\n")
            self.assertEqual(lines[-1], "")
            lines = lines[:-1]
            ncols = len(COLUMNS[kind])
            self.assertEqual(lines[0], "| " + " | ".join(COLUMNS[kind]) + " |")
            delim = lines[1].split(" | ")
            self.assertEqual(len(delim), ncols)
            self.assertTrue(all(d.strip("| ") in ("---", "---:") for d in delim))
            for line in lines[2:]:
                self.assertTrue(line.startswith("| ") and line.endswith(" |"), line)
                # Every '|' inside a cell is escaped: the unescaped ones
                # are exactly the cell borders.
                bars = sum(1 for i, c in enumerate(line) if c == "|" and (i == 0 or line[i - 1] != "\\"))
                self.assertEqual(bars, ncols + 1, line)
        rc, out, _ = run("report", example("winter-jacket.journey"), "--kind", "touchpoints", "--format", "md")
        self.assertIn("| shop | Online store | web | Product pages<br>Size guide<br>Checkout | 4 |", out.decode())

    def test_markdown_escapes_markup(self):
        rc, out, _ = run("report", fixture("formula.journey"), "--kind", "steps", "--format", "markdown")
        text = out.decode()
        self.assertIn("| =cmd\\|' /C calc'\\!A0 |", text)   # no guard, but '|' and '!' are escaped
        self.assertNotIn("'=1+1", text)

    def test_format_from_the_output_name(self):
        w = example("winter-jacket.journey")
        with tempfile.TemporaryDirectory() as d:
            expect = {"r.csv": "csv", "r.tsv": "tsv", "r.md": "markdown", "r.markdown": "markdown",
                      "r": "csv"}
            for name, fmt in expect.items():
                out = os.path.join(d, name)
                self.assertEqual(run("report", w, "--kind", "metrics", "-o", out)[0], 0)
                with open(out, "rb") as f:
                    self.assertEqual(f.read(), run("report", w, "--kind", "metrics", "--format", fmt)[1], name)
            # An extension the format cannot write, or that names no
            # format, is a usage error: never the wrong format in the file.
            for name, extra in (("x.md", ["--format", "csv"]), ("r.xlsx", ["--format", "csv"]),
                                ("r.csv", ["--format", "xlsx"]), ("r.txt", []), ("r.xls", [])):
                with self.subTest(name=name, extra=extra):
                    out = os.path.join(d, "bad", name)
                    os.makedirs(os.path.dirname(out), exist_ok=True)
                    rc, so, err = run("report", w, "--kind", "metrics", *extra, "-o", out)
                    self.assertEqual((rc, so), (2, b""))
                    self.assertTrue(err.startswith("journey: "), err)
                    self.assertIn(name, err)
                    self.assertEqual(os.listdir(os.path.dirname(out)), [])
            # An extension that names no format is fine when --format says.
            out = os.path.join(d, "r.txt")
            self.assertEqual(run("report", w, "--kind", "metrics", "--format", "tsv", "-o", out)[0], 0)
            with open(out, "rb") as f:
                self.assertEqual(f.read(), run("report", w, "--kind", "metrics", "--format", "tsv")[1])

    def test_bom(self):
        rc, out, _ = run("report", example("winter-jacket.journey"), "--kind", "personas", "--bom")
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith(b"\xef\xbb\xbfpersona_id,"))
        rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
        self.assertEqual(rows[0], COLUMNS["personas"])
        rc, out, _ = run("report", example("winter-jacket.journey"), "--kind", "personas", "--bom", "--format", "md")
        self.assertTrue(out.startswith(b"| persona_id"))


class Cli(unittest.TestCase):
    def test_deterministic_and_output_choices(self):
        for kind in KINDS:
            with self.subTest(kind):
                outputs.check_output_choices(self, JOURNEY, ["report", example("saas-onboarding.journey"),
                                                             "--kind", kind])

    def test_standard_input(self):
        with open(example("winter-jacket.journey"), "rb") as f:
            text = f.read()
        rc, out, err = run("report", "-", "--kind", "metrics", stdin=text)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(out, run("report", example("winter-jacket.journey"), "--kind", "metrics")[1])

    def test_diagnostics_never_mix_with_data(self):
        # A map with warnings still reports; the warnings go to stderr in
        # every diagnostics format, so stdout is the table alone.
        for fmt in ("text", "json", "sarif", "github"):
            rc, out, err = run("report", fixture("nopersona.journey"), "--kind", "steps", "--diagnostics=" + fmt)
            self.assertEqual(rc, 0)
            self.assertIn("no-persona", err)
            self.assertTrue(out.startswith(b"step_no,"), fmt)
            rows = list(csv.reader(io.StringIO(out.decode())))
            self.assertEqual(len(rows), 5)

    def test_errors_write_nothing(self):
        for kind in ("steps", "summary"):
            outputs.check_errors_write_nothing(self, JOURNEY, "report", "--kind", kind)
        # -W error turns the warnings of a map into errors.
        outputs.check_refused(self, JOURNEY, ["report", fixture("nopersona.journey"), "--kind", "steps", "-W", "error"],
                              "[-Werror,-Wno-persona]")

    def test_library_is_refused(self):
        outputs.check_refused(self, JOURNEY, ["report", example("people.journey"), "--kind", "steps"], "is a library")

    def test_usage_errors(self):
        w = example("winter-jacket.journey")
        cases = [
            ("report", w),                                    # no kind
            ("report", w, "--kind", "stpes"),
            ("report", w, "--kind", "steps", "--format", "xlsl"),
            ("report", "--kind", "steps"),                    # no file
            ("report", w, "--kind", "all"),                   # every kind into one CSV file
            ("report", w, "--kind", "steps", "--frobnicate"),
            ("report", os.path.join(EXAMPLES, "no-such.journey"), "--kind", "steps"),
        ]
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.csv")
            for args in cases:
                with self.subTest(args=args[1:]):
                    rc, so, err = run(*args, "-o", out)
                    self.assertEqual((rc, so), (2, b""))
                    self.assertTrue(err.startswith("journey: "), err)
            self.assertEqual(os.listdir(d), [])
            rc, _, err = run("report", w, "--kind", "steps", "-o", os.path.join(d, "missing", "r.csv"))
            self.assertEqual(rc, 2)
            self.assertIn("cannot write", err)

    def test_write_failure(self):
        outputs.check_write_failure(self, JOURNEY, ["report", example("winter-jacket.journey"), "--kind", "steps"])

    def test_help(self):
        rc, out, _ = run("help", "report")
        self.assertEqual(rc, 0)
        for word in ("--kind", "--format", "--raw", "--bom", "summary", "touchpoints"):
            self.assertIn(word.encode(), out)


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = outputs.runner(JOURNEY)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
