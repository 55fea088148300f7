#!/usr/bin/env python3
"""journey report -o FILE.xlsx as a spreadsheet user meets it: the workbook
read back with Debian's openpyxl, every sheet compared cell by cell with
the CSV of the same kind (written with --raw: a workbook's string cells
need no guard), typed cells (numbers, booleans, dates), the sheet's
furniture (frozen bold header, autofilter, widths, conditional formats),
the About sheet, reproducible bytes, and text that must stay text.

    test_workbook.py JOURNEY EXAMPLES_DIR [unittest arguments]
"""
import csv
import datetime
import glob
import io
import os
import sys
import tempfile
import unittest
import zipfile

import openpyxl

import outputs

JOURNEY = EXAMPLES = None
run = None
HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["steps", "pains", "opportunities", "touchpoints", "personas", "metrics", "summary", "stages", "owners", "step-owners"]
EPOCH = {"SOURCE_DATE_EPOCH": "1795000000"}          # 2026-11-18
JOURNEYS = ["winter-jacket.journey", "online-purchase.journey", "saas-onboarding.journey",
            "clinic-appointment.journey"]


def example(name):
    return os.path.join(EXAMPLES, name)


def workbook(d, *args, env=EPOCH, name="r.xlsx"):
    out = os.path.join(d, name)
    rc, so, err = run("report", *args, "-o", out, env=env)
    if rc != 0:
        raise AssertionError("report %r failed (%d): %s" % (args, rc, err))
    with open(out, "rb") as f:
        data = f.read()
    return openpyxl.load_workbook(out), data


def csv_rows(*args):
    rc, out, err = run("report", *args, "--raw", env=EPOCH)
    if rc != 0:
        raise AssertionError("report %r failed (%d): %s" % (args, rc, err))
    return list(csv.reader(io.StringIO(out.decode("utf-8"), newline="")))


def same(tc, where, text, value):
    """A CSV field and the workbook's cell say the same."""
    if text == "":
        tc.assertIsNone(value, where)
    elif isinstance(value, bool):
        tc.assertEqual(text, "true" if value else "false", where)
    elif isinstance(value, (int, float)):
        tc.assertEqual(float(text), float(value), where)
        if "." in text and len(text.split(".")[1]) == 2:
            tc.assertEqual(text, "%.2f" % value, where)   # a mean: two decimals both ways
    elif isinstance(value, datetime.datetime):
        tc.assertEqual(text, value.date().isoformat(), where)
    else:
        tc.assertIsInstance(value, str, where)
        tc.assertEqual(text, value, where)


def compare_sheet(tc, ws, rows, label):
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    tc.assertEqual(len(got), len(rows), label + ": rows")
    width = len(rows[0])
    for i, (want, have) in enumerate(zip(rows, got)):
        have = (have + [None] * width)[:width]
        for j, (text, value) in enumerate(zip(want, have)):
            same(tc, "%s row %d column %s" % (label, i + 1, rows[0][j]), text, value)


class RoundTrip(unittest.TestCase):
    def test_every_sheet_of_every_example_is_its_csv(self):
        with tempfile.TemporaryDirectory() as d:
            for name in JOURNEYS:
                wb, _ = workbook(d, example(name))
                self.assertEqual(wb.sheetnames, ["About"] + KINDS)
                for kind in KINDS:
                    with self.subTest(name=name, kind=kind):
                        compare_sheet(self, wb[kind], csv_rows(example(name), "--kind", kind), name + " " + kind)

    def test_portfolio_sheets_are_its_csv(self):
        maps = sorted(glob.glob(os.path.join(EXAMPLES, "*.journey")))
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, *maps)
            for kind in KINDS:
                with self.subTest(kind=kind):
                    rows = csv_rows(*maps, "--kind", kind)
                    self.assertEqual(rows[0][:2], ["journey", "journey_file"])
                    compare_sheet(self, wb[kind], rows, "portfolio " + kind)

    def test_filters_reach_the_workbook(self):
        w = example("winter-jacket.journey")
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, w, "--persona", "ben")
            for kind in KINDS:
                with self.subTest(kind=kind):
                    compare_sheet(self, wb[kind], csv_rows(w, "--kind", kind, "--persona", "ben"), kind)
            self.assertEqual(wb["About"]["B6"].value, "persona ben")

    def test_backlog_sheets_and_severe_pains_highlighted(self):
        backlog = os.path.join(HERE, "backlog.journey")
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, backlog)
        for kind in KINDS:
            with self.subTest(kind=kind):
                compare_sheet(self, wb[kind], csv_rows(backlog, "--kind", kind), "backlog " + kind)
        ws = wb["pains"]
        header = [c.value for c in ws[1]]
        col = openpyxl.utils.get_column_letter(header.index("severity") + 1)
        rules = [r for cf in ws.conditional_formatting for r in cf.rules]
        self.assertEqual([r.formula for r in rules], [['OR($%s2="high",$%s2="critical")' % (col, col)]])
        rules = [r for cf in wb["summary"].conditional_formatting for r in cf.rules]
        self.assertEqual([r.formula for r in rules], [['OR($A2="kpi-missed",$A2="unsolved-severe-pain")']])

    def test_one_kind_is_one_sheet(self):
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, example("winter-jacket.journey"), "--kind", "metrics")
            self.assertEqual(wb.sheetnames, ["About", "metrics"])


class Cells(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.wb, cls.data = workbook(cls.dir.name, example("winter-jacket.journey"))

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def test_numbers_are_numbers(self):
        ws = self.wb["steps"]
        header = [c.value for c in ws[1]]
        col = header.index("emotion") + 1
        cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
        self.assertTrue(all(c.data_type == "n" for c in cells))
        self.assertIn(-1, [c.value for c in cells])
        ws = self.wb["touchpoints"]
        header = [c.value for c in ws[1]]
        means = [ws.cell(row=r, column=header.index("mean_emotion") + 1) for r in range(2, ws.max_row + 1)]
        self.assertIn(-0.4, [c.value for c in means])
        self.assertTrue(all(c.number_format == "0.00" for c in means if c.value is not None))

    def test_booleans_and_highlighted_misses(self):
        ws = self.wb["metrics"]
        header = [c.value for c in ws[1]]
        met = [ws.cell(row=r, column=header.index("met") + 1).value for r in range(2, ws.max_row + 1)]
        self.assertEqual(set(met), {False})
        rules = [r for cf in ws.conditional_formatting for r in cf.rules]
        self.assertEqual(len(rules), 1)
        self.assertEqual(rules[0].type, "expression")
        self.assertEqual(rules[0].formula, ["$M2=FALSE"])
        (rng,) = [str(cf.sqref) for cf in ws.conditional_formatting]
        self.assertEqual(rng, "A2:%s%d" % (openpyxl.utils.get_column_letter(ws.max_column), ws.max_row))

    def test_header_frozen_bold_filtered_and_wide_enough(self):
        for kind in KINDS:
            with self.subTest(kind=kind):
                ws = self.wb[kind]
                self.assertEqual(ws.freeze_panes, "A2")
                self.assertTrue(all(c.font.b for c in ws[1]))
                last = openpyxl.utils.get_column_letter(ws.max_column)
                self.assertEqual(ws.auto_filter.ref, "A1:%s%d" % (last, ws.max_row))
                for c in ws[1]:
                    width = ws.column_dimensions[c.column_letter].width
                    self.assertGreaterEqual(width, len(c.value))
                    self.assertLessEqual(width, 62)

    def test_about_sheet(self):
        ws = self.wb["About"]
        self.assertEqual(ws["A1"].value, "Journey report")
        self.assertTrue(ws["B3"].value.startswith("journey "))
        self.assertEqual(ws["B4"].value, datetime.datetime(2026, 11, 18))
        self.assertEqual([c.value for c in ws[8]][:3], ["journey", "journey_file", "state"])
        self.assertEqual(ws["A9"].value, "Buy a winter jacket")
        self.assertTrue(ws["B9"].value.endswith("winter-jacket.journey"))
        self.assertEqual(self.wb.properties.created, datetime.datetime(2026, 11, 18))

    def test_reproducible_bytes(self):
        with tempfile.TemporaryDirectory() as d:
            _, again = workbook(d, example("winter-jacket.journey"))
            self.assertEqual(again, self.data)
            _, later = workbook(d, example("winter-jacket.journey"), env={"SOURCE_DATE_EPOCH": "1796000000"})
            self.assertNotEqual(later, self.data)
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            self.assertIsNone(z.testzip())
            self.assertEqual({i.date_time for i in z.infolist()}, {(1980, 1, 1, 0, 0, 0)})

    def test_dates_are_dates(self):
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, example("clinic-appointment.journey"))
        ws = wb["summary"]
        header = [c.value for c in ws[1]]
        rows = [[c for c in r] for r in ws.iter_rows(min_row=2)]
        (reviewed,) = [r for r in rows if r[0].value == "reviewed"]
        cell = reviewed[header.index("date")]
        self.assertTrue(cell.is_date)
        self.assertEqual(cell.number_format, "yyyy-mm-dd")
        self.assertEqual(cell.value, datetime.datetime(2026, 11, 2))


class Text(unittest.TestCase):
    def test_formulas_stay_strings(self):
        with tempfile.TemporaryDirectory() as d:
            wb, _ = workbook(d, os.path.join(HERE, "formula.journey"))
        seen = set()
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    self.assertNotEqual(c.data_type, "f", "%s!%s" % (ws.title, c.coordinate))
                    if isinstance(c.value, str):
                        seen.add(c.value)
        # As written, without the CSV's apostrophe: never run, never changed.
        self.assertIn("=1+1", seen)
        self.assertIn("=cmd|' /C calc'!A0", seen)
        self.assertIn("@SUM(1)", seen)

    def test_hostile_text(self):
        text = ('journey "_x0041_ and _X0042_x" {\n  stage s "S" {\n    step a "Tab\\there _x00e9_" {\n'
                '      emotion 1\n      pain "line one\\u{D}\\nline two"\n    }\n  }\n}\n')
        with outputs.map_file(text) as path, tempfile.TemporaryDirectory() as d:
            wb, data = workbook(d, path, "--portfolio")
            for kind in ("steps", "pains"):
                compare_sheet(self, wb[kind], csv_rows(path, "--portfolio", "--kind", kind), kind)
        ws = wb["pains"]
        self.assertEqual(ws["A2"].value, "_x0041_ and _X0042_x")
        # OOXML reads "_x0041_" as an escaped "A": the workbook escapes the
        # underscore of a literal one, which Excel and openpyxl both undo.
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            strings = z.read("xl/sharedStrings.xml").decode()
        self.assertIn("_x005F_x0041_ and", strings)
        self.assertNotIn(">_x0041_", strings)
        header = [c.value for c in ws[1]]
        self.assertEqual(ws.cell(row=2, column=header.index("step_title") + 1).value, "Tab\there _x00e9_")
        pain = ws.cell(row=2, column=header.index("pain") + 1)
        self.assertEqual(pain.value, "line one\nline two")
        self.assertTrue(pain.alignment.wrap_text)


class Usage(unittest.TestCase):
    def test_workbook_choices(self):
        w = example("winter-jacket.journey")
        with tempfile.TemporaryDirectory() as d:
            # --format xlsx with a name that says otherwise is refused;
            # with the right name or no extension it is a workbook.
            rc, so, err = run("report", w, "--format", "xlsx", "-o", os.path.join(d, "r.csv"))
            self.assertEqual((rc, so), (2, b""))
            self.assertIn("r.csv", err)
            self.assertEqual(run("report", w, "--format", "xlsx", "-o", os.path.join(d, "book"))[0], 0)
            with open(os.path.join(d, "book"), "rb") as f:
                self.assertEqual(f.read(2), b"PK")
            # A workbook is one file, not a directory.
            rc, _, err = run("report", w, "--format", "xlsx", "-o", d + "/")
            self.assertEqual(rc, 2)
            self.assertIn("workbook is one file", err)
            # Standard output takes a workbook when asked for by name.
            rc, so, _ = run("report", w, "--format", "xlsx", env=EPOCH)
            self.assertEqual(rc, 0)
            _, data = workbook(d, w)
            self.assertEqual(so, data)

    def test_errors_leave_no_workbook(self):
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, "bad.journey")
            with open(bad, "w") as f:
                f.write('journey "J" { stage s "S" { step a "A" { persona nobody } } }\n')
            rc, _, _ = run("report", bad, "-o", os.path.join(d, "r.xlsx"))
            self.assertEqual(rc, 1)
            self.assertEqual(sorted(os.listdir(d)), ["bad.journey"])


if __name__ == "__main__":
    JOURNEY, EXAMPLES = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    run = outputs.runner(JOURNEY)
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
