#!/usr/bin/env python3
"""The HTML map in a real browser (headless Chromium): what a reader does
with it, and that hostile text does nothing.  One browser for every test.

    test_browser.py JOURNEY EXAMPLES_DIR TESTS_HTML_DIR

Exits 77 (skipped) when no browser can be driven here.
"""
import json
import os
import re
import sys
import tempfile
import time
import unittest

import browser
import journeytest

JOURNEY, EXAMPLES, HERE = sys.argv[1], sys.argv[2], sys.argv[3]
del sys.argv[1:4]

WHY = browser.available()
if WHY:
    print("skipped: %s" % WHY)
    sys.exit(77)

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

TMP = tempfile.TemporaryDirectory()


def render(source, name, *args):
    """Renders source (relative to its directory, as a user would name it)
    to TMP/name; returns the page's file: URL."""
    out = os.path.join(TMP.name, name)
    status, _, err = journeytest.run(JOURNEY, "render", os.path.basename(source), "-o", out, *args,
                                     cwd=os.path.dirname(source))
    if status != 0:
        raise AssertionError("render failed: %s" % err)
    return "file://" + out


def export(source):
    status, out, err = journeytest.run(JOURNEY, "export", "-f", "json", os.path.basename(source),
                                       cwd=os.path.dirname(source))
    if status != 0:
        raise AssertionError(err)
    return json.loads(out)


JACKET = os.path.join(EXAMPLES, "winter-jacket.journey")


class Page(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.d = browser.start()
        cls.url = render(JACKET, "jacket.html")
        cls.model = export(JACKET)
        cls.steps = {s["id"]: s for st in cls.model["stages"] for s in st["steps"]}

    @classmethod
    def tearDownClass(cls):
        cls.d.quit()

    def open(self, url=None):
        d = self.d
        d.get(url or self.url)
        for _ in range(100):
            if d.execute_script("return document.documentElement.getAttribute('data-settled')") == "1":
                break
            time.sleep(0.05)
        else:
            self.fail("the script never said it was ready")

    def tearDown(self):
        # Every test leaves the console empty and made no request but the page.
        msgs = browser.console(self.d)
        self.assertEqual(msgs, [], "console messages")
        for url in browser.requests(self.d):
            self.assertTrue(url.startswith("file://") or url.startswith("data:"), "a request to %s" % url)

    def js(self, script, *args):
        return self.d.execute_script(script, *args)

    def until(self, script, *args, timeout=10):
        """Waits for a script to return something true (a hash change is
        handled in a task of its own); returns it."""
        end = time.time() + timeout
        while True:
            got = self.js(script, *args)
            if got or time.time() > end:
                return got
            time.sleep(0.02)

    def goto(self, sid):
        """Opens a step by its link, as a reader following one would."""
        self.js("location.hash = '#step-' + arguments[0]", sid)
        self.until("return location.hash === '#step-' + arguments[0] && "
                   "!document.getElementById('panel').hidden && "
                   "document.getElementById('panel-title').textContent === arguments[1]",
                   sid, self.title_of(sid))

    def title_of(self, sid):
        return self.js("var id = arguments[0];"
                       "var d = JSON.parse(document.getElementById('journey-data').textContent);"
                       "var s = d.steps.filter(function (s) { return s.id === id; })[0];"
                       "return s ? s.title : null;", sid)

    def panel_text(self):
        return self.d.find_element(By.ID, "panel").text

    def panel_open(self):
        return self.js("return !document.getElementById('panel').hidden")

    # ---- details on demand ---------------------------------------------------

    def test_click_a_step_shows_all_of_it(self):
        self.open()
        s = self.steps["pay"]
        self.d.find_element(By.CSS_SELECTOR, '[data-step="pay"]').click()
        self.assertTrue(self.panel_open())
        text = self.panel_text()
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, s["title"])
        self.assertIn("winter-jacket.journey:%d" % s["loc"]["line"], text)
        for key in ("thoughts", "frontstage", "backstage", "support"):
            for item in s[key]:
                self.assertIn(item["text"], text)
        self.assertIn("Post-purchase survey, n=412", text)
        self.assertIn("Customer satisfaction 78%", text)
        self.assertIn("(missed)", text)
        self.assertIn("Anna Novak", text)
        self.assertIn("Logistics", text)
        self.assertIn("Purchase", self.d.find_element(By.ID, "panel-stage").text.title())
        self.assertEqual(self.js("return location.hash"), "#step-pay")
        framed = self.js("""var m = document.getElementById('open-mark').getBoundingClientRect();
            var b = document.querySelector('[data-step="pay"]').getBoundingClientRect();
            return m.left <= b.left && m.right >= b.right && m.top <= b.top && m.bottom >= b.bottom
                && m.width < b.width + 10;""")
        self.assertTrue(framed, "the open step is framed")
        # The focus moved into the dialog; Escape closes it and gives it back.
        self.assertEqual(self.js("return document.activeElement.id"), "panel-title")
        self.d.switch_to.active_element.send_keys(Keys.ESCAPE)
        self.assertFalse(self.panel_open())
        self.assertEqual(self.js("return document.activeElement.getAttribute('data-step')"), "pay")
        self.assertEqual(self.js("return location.hash"), "")

    def test_every_step_opens_with_its_pains_and_emotions(self):
        self.open()
        for sid, s in self.steps.items():
            hook = self.d.find_element(By.CSS_SELECTOR, '[data-step="%s"]' % sid)
            self.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", hook)
            text = self.panel_text()
            self.assertIn(s["title"], text)
            self.assertIn(":%d" % s["loc"]["line"], text)
            for item in s["pains"] + s["opportunities"]:
                self.assertIn(item["text"], text)
            for e in s["emotions"]:
                if e.get("label"):
                    self.assertIn(e["label"], text)

    def test_a_cell_other_than_the_title_opens_its_step(self):
        self.open()
        cell = self.d.find_element(By.ID, "pains.ad")
        self.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", cell)
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps["ad"]["title"])

    def test_enter_and_space_open_a_focused_step(self):
        self.open()
        for key, sid in ((Keys.ENTER, "window"), (" ", "till")):
            hook = self.d.find_element(By.CSS_SELECTOR, '[data-step="%s"]' % sid)
            self.js("arguments[0].focus()", hook)
            self.d.switch_to.active_element.send_keys(key)
            self.assertTrue(self.panel_open())
            self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps[sid]["title"])
            self.d.switch_to.active_element.send_keys(Keys.ESCAPE)
            self.assertFalse(self.panel_open())

    def test_deep_link_opens_the_step(self):
        self.open(self.url + "#step-checkout-fee" if "checkout-fee" in self.steps else self.url + "#step-till")
        sid = "checkout-fee" if "checkout-fee" in self.steps else "till"
        self.assertTrue(self.panel_open())
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps[sid]["title"])
        # The step is scrolled into view.
        visible = self.js("""
            var r = document.querySelector('[data-step="%s"]').getBoundingClientRect();
            var v = document.getElementById('viewport').getBoundingClientRect();
            return r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;""" % sid)
        self.assertTrue(visible)
        # A changed hash opens another step; an unknown one opens nothing new.
        self.goto("cold")
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps["cold"]["title"])
        self.js("location.hash = '#step-nosuch'")
        time.sleep(0.2)
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps["cold"]["title"])

    # ---- personas and lanes ----------------------------------------------------

    def test_persona_toggle_hides_its_curve(self):
        self.open()
        curve = self.d.find_element(By.CSS_SELECTOR, '[data-persona="ben"]')
        self.assertTrue(curve.is_displayed())
        box = self.d.find_element(By.CSS_SELECTOR, 'input[type=checkbox][data-toggle-persona="ben"]')
        label = self.js("return arguments[0].labels[0].textContent", box)
        self.assertIn("Ben Adeyemi", label)
        # Drawn with its marker: the legend's sample, copied.
        self.assertTrue(self.js("return arguments[0].labels[0].querySelector('.swatch svg polygon') !== null", box))
        box.click()
        self.assertFalse(curve.is_displayed())
        markers = self.d.find_elements(By.CSS_SELECTOR, 'g[id^="emotion.ben."]')
        self.assertTrue(markers)
        self.assertFalse(any(m.is_displayed() for m in markers))
        self.assertTrue(self.d.find_element(By.CSS_SELECTOR, '[data-persona="anna"]').is_displayed())
        # A step that concerns only Ben is dimmed; one of Anna's is not.
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('steps.window')).opacity"), "0.28")
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('steps.cold')).opacity"), "1")
        box.click()
        self.assertTrue(curve.is_displayed())

    def test_one_persona_view(self):
        self.open(render(JACKET, "ben.html", "--persona", "ben") + "#step-window")
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.steps["window"]["title"])
        boxes = self.d.find_elements(By.CSS_SELECTOR, "[data-toggle-persona]")
        self.assertEqual([b.get_attribute("data-toggle-persona") for b in boxes], ["ben"])
        self.assertEqual(self.d.find_elements(By.CSS_SELECTOR, '[data-step="cold"]'), [])   # Anna's alone
        boxes[0].click()
        self.assertFalse(self.d.find_element(By.CSS_SELECTOR, '[data-persona="ben"]').is_displayed())

    def test_hovering_a_persona_highlights_its_curve(self):
        self.open()
        from selenium.webdriver.common.action_chains import ActionChains
        label = self.d.find_element(By.CSS_SELECTOR, 'label.persona[data-for="anna"]')
        ActionChains(self.d).move_to_element(label).perform()
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('curve.ben')).opacity"), "0.2")
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('curve.anna')).opacity"), "1")
        # So does the picture's own legend entry.
        ActionChains(self.d).move_to_element(self.d.find_element(By.ID, "legend-name.ben")).perform()
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('curve.anna')).opacity"), "0.2")
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('curve.ben')).opacity"), "1")
        ActionChains(self.d).move_to_element(self.d.find_element(By.ID, "search")).perform()
        self.assertEqual(self.js("return getComputedStyle(document.getElementById('curve.anna')).opacity"), "1")

    def test_lane_toggle_hides_the_lane(self):
        self.open()
        box = self.d.find_element(By.CSS_SELECTOR, 'input[data-toggle-lane="pains"]')
        cells = self.d.find_elements(By.CSS_SELECTOR, 'g[id^="pains."]')
        self.assertTrue(cells and all(c.is_displayed() for c in cells))
        box.click()
        self.assertFalse(any(c.is_displayed() for c in cells))
        self.assertFalse(self.d.find_element(By.ID, "lane.pains").is_displayed())
        box.click()
        self.assertTrue(all(c.is_displayed() for c in cells))
        # The emotion lane off stays off when a persona is turned off and on.
        lane = self.d.find_element(By.CSS_SELECTOR, 'input[data-toggle-lane="emotions"]')
        persona = self.d.find_element(By.CSS_SELECTOR, 'input[data-toggle-persona="anna"]')
        curve = self.d.find_element(By.CSS_SELECTOR, '[data-persona="anna"]')
        lane.click()
        self.assertFalse(curve.is_displayed())
        persona.click()
        persona.click()
        self.assertFalse(curve.is_displayed())
        lane.click()
        self.assertTrue(curve.is_displayed())

    # ---- search, zoom, keyboard -------------------------------------------------

    def test_search_counts_and_moves_through_matches(self):
        self.open()
        q = "delivery"
        expect = []
        for sid, s in self.steps.items():
            texts = [s["title"]] + [t["text"] for k in ("thoughts", "pains", "opportunities", "frontstage",
                                                         "backstage", "support", "notes") for t in s[k]]
            texts += [t.get("text", "") for t in s["touchpoints"]]
            if any(q in t.lower() for t in texts):
                expect.append(sid)
        self.assertGreater(len(expect), 1)
        box = self.d.find_element(By.CSS_SELECTOR, "input[type=search]")
        box.send_keys(q)
        self.assertEqual(self.d.find_element(By.ID, "count").text, "%d steps" % len(expect))
        found = self.js("return Array.from(document.querySelectorAll('[data-step].match'))"
                        ".map(function (e) { return e.getAttribute('data-step'); })")
        self.assertEqual(sorted(found), sorted(expect))
        box.send_keys(Keys.ENTER)
        self.assertEqual(self.d.find_element(By.ID, "count").text, "1 of %d steps" % len(expect))
        box.send_keys(Keys.ENTER)
        self.assertEqual(self.d.find_element(By.ID, "count").text, "2 of %d steps" % len(expect))
        current = self.js("return document.querySelector('[data-step].current').getAttribute('data-step')")
        self.assertEqual(current, found[1])
        box.send_keys(Keys.ESCAPE)
        self.assertEqual(self.d.find_element(By.ID, "count").text, "")
        box.send_keys("no such words anywhere")
        self.assertEqual(self.d.find_element(By.ID, "count").text, "0 steps")
        box.clear()

    def test_zoom_with_buttons_and_keys(self):
        self.open()
        width = lambda: self.js("return document.getElementById('jy-map').getBoundingClientRect().width")
        w0 = width()
        self.d.find_element(By.ID, "zoom-in").click()
        self.assertAlmostEqual(width() / w0, 1.25, places=2)
        self.d.find_element(By.ID, "zoom-out").click()
        self.assertAlmostEqual(width() / w0, 1.0, places=2)
        vp = self.d.find_element(By.ID, "viewport")
        self.js("arguments[0].focus()", vp)
        vp.send_keys("+")
        self.assertAlmostEqual(width() / w0, 1.25, places=2)
        vp.send_keys("-")
        vp.send_keys("0")
        fit = self.js("""var r = document.getElementById('jy-map').getBoundingClientRect();
                         var v = document.getElementById('viewport');
                         return r.width <= v.clientWidth + 1 && r.height <= v.clientHeight + 1;""")
        self.assertTrue(fit)
        vp.send_keys("1")
        self.assertAlmostEqual(width(), self.js("return document.getElementById('jy-map').viewBox.baseVal.width")
                               * 96 / 72, delta=1)
        # The wheel (and a trackpad's pinch, which comes as the wheel with
        # Ctrl) zooms around the pointer; a drag pans and opens nothing.
        w1 = width()
        self.js("""var v = document.getElementById('viewport'), r = v.getBoundingClientRect();
            v.dispatchEvent(new WheelEvent('wheel', {deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true,
                                                     clientX: r.left + 300, clientY: r.top + 200}));""")
        self.assertGreater(width(), w1 * 1.5)
        self.js("""var v = document.getElementById('viewport'), r = v.getBoundingClientRect();
            v.dispatchEvent(new WheelEvent('wheel', {deltaY: 100, ctrlKey: true, bubbles: true, cancelable: true,
                                                     clientX: r.left + 300, clientY: r.top + 200}));""")
        self.assertAlmostEqual(width() / w1, 1.0, places=2)
        from selenium.webdriver.common.action_chains import ActionChains
        x = self.js("return document.getElementById('viewport').scrollLeft")
        self.js("document.getElementById('viewport').scrollLeft = 0")
        x = 0
        hook = self.d.find_element(By.CSS_SELECTOR, '[data-step="ad"]')
        ActionChains(self.d).move_to_element(hook).click_and_hold().move_by_offset(-200, 0).release().perform()
        self.assertAlmostEqual(self.js("return document.getElementById('viewport').scrollLeft"), x + 200, delta=2)
        self.assertFalse(self.panel_open())
        x = self.js("return document.getElementById('viewport').scrollLeft")
        vp.send_keys(Keys.ARROW_RIGHT)
        self.assertGreater(self.js("return document.getElementById('viewport').scrollLeft"), x)
        # Panning away keeps the lane labels in view, and the stage headers.
        self.js("var v = document.getElementById('viewport'); v.scrollLeft = 900; v.scrollTop = 400;"
                "v.dispatchEvent(new Event('scroll'));")
        self.assertTrue(self.d.find_element(By.ID, "sticky-lanes").is_displayed())
        self.assertTrue(self.d.find_element(By.ID, "sticky-stages").is_displayed())
        self.assertIn("Pains", self.js("return document.getElementById('sticky-lanes').textContent"))
        self.assertIn("Research", self.js("return document.getElementById('sticky-stages').textContent"))
        # They stay within the map's area: the controls above are not covered.
        # (They take no pointer events; for the test they do, so that the
        # hit test finds them wherever they are drawn.)
        on_top = self.js("""var r = document.getElementById('map-title').getBoundingClientRect();
            document.querySelectorAll('.sticky').forEach(function (e) { e.style.pointerEvents = 'auto'; });
            var e = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
            document.querySelectorAll('.sticky').forEach(function (e) { e.style.pointerEvents = ''; });
            return document.getElementById('bar').contains(e);""")
        self.assertTrue(on_top)

    def test_tab_reaches_every_control_then_the_steps(self):
        self.open()
        self.js("document.activeElement.blur(); window.focus()")
        body = self.d.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        seen = []
        for _ in range(60):
            seen.append(self.js("""var e = document.activeElement;
                if (e.getAttribute('data-step')) return 'step:' + e.getAttribute('data-step');
                return e.id || e.getAttribute('data-toggle-persona') || e.getAttribute('data-toggle-lane')
                    || e.tagName;"""))
            outline = self.js("""var e = document.activeElement;
                if (e.getAttribute('data-step')) {
                  var m = document.getElementById('focus-mark');
                  var a = m.getBoundingClientRect(), b = e.getBoundingClientRect();
                  return !m.hidden && a.left <= b.left && a.right >= b.right && a.top <= b.top
                      && a.bottom >= b.bottom ? getComputedStyle(m).outlineStyle : 'none';
                }
                return getComputedStyle(e).outlineStyle;""")
            self.assertNotIn(outline, ("none", "0px"), "no visible focus on %s (%s)" % (seen[-1], seen))
            if seen[-1] == "step:cold":
                break
            self.d.switch_to.active_element.send_keys(Keys.TAB)
        for want in ("search", "zoom-out", "zoom-fit", "zoom-reset", "zoom-in", "anna", "ben", "pains",
                     "metrics", "viewport", "step:cold"):
            self.assertIn(want, seen)
        self.assertLess(seen.index("search"), seen.index("anna"))
        self.assertLess(seen.index("metrics"), seen.index("step:cold"))

    def test_roles_and_labels(self):
        self.open()
        panel = self.d.find_element(By.ID, "panel")
        self.assertEqual(panel.get_attribute("role"), "dialog")
        self.assertEqual(panel.get_attribute("aria-labelledby"), "panel-title")
        hook = self.d.find_element(By.CSS_SELECTOR, '[data-step="cold"]')
        self.assertEqual(hook.get_attribute("role"), "button")
        self.assertEqual(hook.get_attribute("tabindex"), "0")
        self.assertIn(self.steps["cold"]["title"], hook.get_attribute("aria-label"))
        self.assertTrue(self.d.find_element(By.CSS_SELECTOR, "input[type=search]").get_attribute("aria-label"))

    def test_print_shows_the_map_without_controls(self):
        self.open()
        self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            self.assertFalse(self.d.find_element(By.ID, "bar").is_displayed())
            self.assertTrue(self.d.find_element(By.ID, "jy-map").is_displayed())
        finally:
            self.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    def test_every_example_opens_each_step(self):
        for name in sorted(os.listdir(EXAMPLES)):
            if not name.endswith(".journey"):
                continue
            out = os.path.join(TMP.name, name + ".html")
            status, _, err = journeytest.run(JOURNEY, "render", name, "-o", out, cwd=EXAMPLES)
            if status == 1 and "library" in err:
                continue
            self.assertEqual(status, 0, err)
            self.open("file://" + out)
            ids = self.js("return JSON.parse(document.getElementById('journey-data').textContent).steps"
                          ".map(function (s) { return s.id; })")
            for sid in ids:
                self.goto(sid)
                self.assertEqual(self.js("return document.getElementById('panel').hidden"), False, (name, sid))
                self.assertEqual(self.d.find_element(By.ID, "panel-title").text, self.title_of(sid), (name, sid))
            self.assertEqual(browser.console(self.d), [], name)

    def test_images_are_embedded(self):
        self.open(render(os.path.join(EXAMPLES, "sneakers-to-be.journey"), "sneakers.html"))
        sid = self.js("var d = JSON.parse(document.getElementById('journey-data').textContent);"
                      "return d.steps.filter(function (s) { return s.imageIn; })[0].id")
        # The storyboard's image in the picture is drawn, and it is what the panel shows.
        self.assertTrue(self.until("var i = document.querySelector('#jy-map image');"
                                   "var b = i && i.getBoundingClientRect(); return b && b.width > 20 && b.height > 20"))
        self.goto(sid)
        loaded = self.until("var i = document.querySelector('#panel img.sketch');"
                            "return i && i.complete && i.naturalWidth > 0")
        self.assertTrue(loaded, "the step's sketch shows")
        self.assertTrue(self.until("var i = document.querySelector('#panel img.face');"
                                   "return i && i.complete && i.naturalWidth > 0"), "the persona's picture shows")
        self.assertTrue(self.js("return document.querySelector('#panel img.sketch').src.indexOf('data:image/svg+xml;base64,') === 0"))
        # The storyboard is a lane like the others: turned off, its images go.
        self.js("document.querySelector('[data-toggle-lane=\"storyboard\"]').click()")
        self.assertTrue(self.js("var g = document.getElementById('storyboard.cart');"
                                "return !!g.querySelector('image') && g.classList.contains('lane-off')"))

    def test_maps_without_steps(self):
        for name, text in (("empty", 'journey "Empty" {\n}\n'),
                           ("no-steps", 'journey "E" {\n  persona a "A"\n  stage s "S" {\n  }\n}\n')):
            src = os.path.join(TMP.name, name + ".journey")
            with open(src, "w") as f:
                f.write(text)
            self.open(render(src, name + ".html") + "#step-x")
            self.assertTrue(self.js("return document.getElementById('panel').hidden"))
            self.d.find_element(By.CSS_SELECTOR, "input[type=search]").send_keys("x" + Keys.ENTER)
            self.assertEqual(self.d.find_element(By.ID, "count").text, "0 steps")
            self.assertEqual(browser.console(self.d), [], name)

    def test_a_journey_without_personas(self):
        src = os.path.join(TMP.name, "mood.journey")
        with open(src, "w") as f:
            f.write('journey "Moods" {\n  stage s "S" {\n    step a "A" { emotion -1 "Meh" }\n'
                    '    step b "B" { pain "Slow" }\n  }\n}\n')
        self.open(render(src, "mood.html") + "#step-a")
        self.assertIn("EMOTION", self.panel_text().upper())
        self.assertIn("\u22121 Meh", self.panel_text())
        self.assertEqual(self.d.find_elements(By.CSS_SELECTOR, "[data-toggle-persona]"), [])
        self.goto("b")
        self.assertNotIn("EMOTION", self.panel_text().upper())
        self.assertIn("Slow", self.panel_text())

    def test_reduced_motion_and_dark_scheme(self):
        d = self.d
        try:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
                {"name": "prefers-reduced-motion", "value": "reduce"},
                {"name": "prefers-color-scheme", "value": "dark"}]})
            self.open()
            # A step out of view is scrolled to at once, not smoothly.
            self.js("location.hash = '#step-tries-on-three-jackets'")
            x1 = self.until("var x = document.getElementById('viewport').scrollLeft; return x > 300 ? x : 0")
            time.sleep(0.5)
            x2 = self.js("return document.getElementById('viewport').scrollLeft")
            self.assertGreater(x2, 300)
            self.assertEqual(x1, x2)
            self.assertIn("invert", self.js("return getComputedStyle(document.getElementById('jy-map')).filter"))
            bg = self.js("return getComputedStyle(document.getElementById('panel')).backgroundColor")
            self.assertEqual(bg, "rgb(29, 35, 42)")
        finally:
            d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})

    def test_a_hostile_svg_image_does_nothing(self):
        """An SVG image with a script, handlers and outside references is
        drawn as a picture only: no script runs, nothing is fetched (the
        tear-down checks the console and the requests)."""
        with open(os.path.join(TMP.name, "evil.svg"), "w") as f:
            f.write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                    'width="40" height="30" onload="top.pwned=1">'
                    '<script>top.pwned = 2; parent.pwned = 2;</script>'
                    '<rect width="40" height="30" fill="red"/>'
                    '<image xlink:href="http://example.invalid/x.png" width="10" height="10"/>'
                    '<image href="file:///etc/hostname" width="10" height="10"/>'
                    '<foreignObject width="40" height="30"><iframe xmlns="http://www.w3.org/1999/xhtml" '
                    'src="http://example.invalid/"></iframe></foreignObject></svg>')
        src = os.path.join(TMP.name, "evil.journey")
        with open(src, "w") as f:
            f.write('journey "Evil" {\n  persona p "P" { image "evil.svg" }\n  stage s "S" {\n'
                    '    step a "A" { image "evil.svg"\n emotion p 1 }\n  }\n}\n')
        self.open(render(src, "evil.html"))
        self.goto("a")
        self.assertTrue(self.until("var i = document.querySelector('#panel img.sketch');"
                                   "return i && i.complete && i.naturalWidth > 0"))
        time.sleep(0.3)
        self.assertIsNone(self.js("return window.pwned === undefined ? null : window.pwned"))
        self.assertEqual(self.js("return document.querySelectorAll('#jy-map image').length"), 2)

    # ---- hostile text ---------------------------------------------------------------

    def test_hostile_text_does_nothing(self):
        for source in (os.path.join(HERE, "hostile.journey"), os.path.join(HERE, "..", "render", "hostile.journey")):
            url = render(source, "hostile.html")
            self.open(url)
            d = self.d
            title = d.title
            ids = self.js("return Array.from(document.querySelectorAll('[data-step]'))"
                          ".map(function (e) { return e.getAttribute('data-step'); })")
            self.assertTrue(ids)
            for sid in ids:
                hook = d.find_element(By.CSS_SELECTOR, '[data-step="%s"]' % sid)
                self.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", hook)
                self.assertTrue(self.panel_open())
            box = d.find_element(By.CSS_SELECTOR, "input[type=search]")
            box.send_keys("<script>")
            box.send_keys(Keys.ENTER)
            box.clear()
            try:
                d.switch_to.alert
                self.fail("a dialog opened")
            except NoAlertPresentException:
                pass
            self.assertTrue(d.current_url.startswith(url))
            self.assertEqual(d.title, title)
            self.assertIsNone(self.js("return window.pwned === undefined ? null : window.pwned"))
            # Nothing but what the page itself made: two scripts, no image,
            # frame, object or handler attribute anywhere.
            self.assertEqual(self.js("return document.scripts.length"), 2)
            self.assertEqual(self.js("return document.querySelectorAll('img, iframe, object, embed, "
                                     "foreignObject, image, use, a:not(#panel a)').length"), 0)
            handlers = self.js("""var n = 0;
                document.querySelectorAll('*').forEach(function (e) {
                  for (var i = 0; i < e.attributes.length; i++)
                    if (/^on/i.test(e.attributes[i].name)) n++;
                });
                return n;""")
            self.assertEqual(handlers, 0)
            # Links in the panel: http and https only, without an opener,
            # or to another step of the page.
            for href, rel in self.js("return Array.from(document.querySelectorAll('#panel a'))"
                                     ".map(function (a) { return [a.getAttribute('href'), a.rel]; })"):
                if href.startswith("#step-"):
                    continue
                self.assertRegex(href, r"^https?://")
                self.assertEqual(rel, "noopener noreferrer")
            self.assertEqual(browser.console(d), [])

    def test_items_severity_solves_status_and_owners(self):
        self.open(render(os.path.join(HERE, "items.journey"), "items.html") + "#step-cart")
        text = self.panel_text()
        for want in ("Forced to create an account \u00b7 severity high \u00b7 for Maya",
                     "Unsure the size will fit \u00b7 severity medium \u00b7 for Maya, Ben",
                     "Offer guest checkout \u00b7 impact high \u00b7 effort low \u00b7 status planned \u00b7 owner Growth",
                     "Solves \u25bc Forced to create an account",
                     "Solved by \u25b2 Show a size guide (Browses the catalogue) (done)",
                     "Chat agent answers size questions \u00b7 owner Customer experience",
                     "Stock check \u00b7 owner Operations",
                     "Inventory service", "Order summary page", "Decides whether to sign up",
                     "Maya: \u22121 Annoyed", "Ben: +1"):
            self.assertIn(want, text)
        tags = self.js("return Array.from(document.querySelectorAll('#panel-body .tag'))"
                       ".map(function (t) { return t.textContent; })")
        self.assertEqual(sorted(tags), ["checkout", "checkout", "checkout", "sizing", "stock"])
        # A pain's solver in another step is a link to that step.
        link = self.d.find_element(By.XPATH, "//*[@id='panel']//a[contains(., 'Show a size guide')]")
        link.click()
        self.until("return document.getElementById('panel-title').textContent === 'Browses the catalogue'")
        self.assertEqual(self.d.find_element(By.ID, "panel-title").text, "Browses the catalogue")
        self.assertIn("Solves \u25bc Unsure the size will fit (Adds items to the cart)", self.panel_text())
        # Turning Maya off dims what concerns only her: the thoughts cell
        # (her one thought), and her items in the panel; not the pains cell.
        self.goto("cart")
        self.d.find_element(By.CSS_SELECTOR, 'input[data-toggle-persona="maya"]').click()
        opacity = lambda i: self.js("return getComputedStyle(document.getElementById(arguments[0])).opacity", i)
        self.assertEqual(opacity("thoughts.cart"), "0.28")
        self.assertEqual(opacity("pains.cart"), "1")
        dimmed = self.js("return Array.from(document.querySelectorAll('#panel-body li.dim'))"
                         ".map(function (e) { return e.textContent; })")
        self.assertEqual(len(dimmed), 2, dimmed)
        self.d.find_element(By.CSS_SELECTOR, 'input[data-toggle-persona="maya"]').click()
        self.assertEqual(opacity("thoughts.cart"), "1")
        # Search finds items by id, tag and owner.
        box = self.d.find_element(By.CSS_SELECTOR, "input[type=search]")
        for q, n in (("acct", 1), ("stock", 1), ("growth", 1), ("size guide", 1), ("checkout", 1)):
            box.clear()
            box.send_keys(q)
            self.assertEqual(self.d.find_element(By.ID, "count").text, "%d step%s" % (n, "" if n == 1 else "s"), q)
        box.clear()

    def test_links_in_text(self):
        url = render(os.path.join(HERE, "hostile.journey"), "links.html")
        self.open(url + "#step-links")
        hrefs = self.js("return Array.from(document.querySelectorAll('#panel a'))"
                        ".map(function (a) { return [a.getAttribute('href'), a.rel]; })")
        self.assertEqual(sorted(h for h, _ in hrefs), ["http://example.org/a?b=1&c=2", "https://example.com/path"])
        self.assertTrue(all(r == "noopener noreferrer" for _, r in hrefs))
        text = self.panel_text()
        self.assertIn("javascript:alert(1)", text)
        self.assertIn("data:text/html,<script>alert(1)</script>", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
