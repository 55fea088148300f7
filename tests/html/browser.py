"""Headless Chromium for the HTML map's tests and benchmark (Debian's
chromium, chromium-driver and python3-selenium; scripts/bootstrap installs
them).

- available(): None when a browser can be driven, else why not.
- start(): a driver with the console and network logs on.
- console(d): the console messages since the last call (a list of dicts).
- requests(d): the URLs of every request the page made since the last call.
"""
import json
import os
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def available():
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "python3-selenium is not installed"
    for path in (CHROMIUM, DRIVER):
        if not os.path.exists(path):
            return "%s is not installed" % path
    return None


def start(width=1400, height=900, dark=False):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    o = Options()
    o.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-extensions", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--disable-default-apps",
              "--hide-scrollbars", "--force-device-scale-factor=1",
              "--window-size=%d,%d" % (width, height)):
        o.add_argument(a)
    if dark:
        o.add_argument("--force-dark-mode")
        o.add_argument("--blink-settings=preferredColorScheme=0")
    o.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(DRIVER), options=o)


def console(d):
    return d.get_log("browser")


def requests(d):
    urls = []
    for entry in d.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls
