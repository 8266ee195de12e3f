"""Opens the live page in headless Chromium at a phone's size, checks that a change typed into
the session (through tmux, as a person at the keyboard) reaches the page, and saves a
screenshot for a reviewer.

    room-browser.py URL TMUX_SESSION SCREENSHOT.png

Drives Chromium by its DevTools protocol (python3-websocket); loads nothing but the page.
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

URL, TMUX, SHOT = sys.argv[1:4]
PORT = 9222 + os.getpid() % 500


def browser():
    """Chromium, headless, with its DevTools on a loopback port."""
    for name in ("chromium", "chromium-browser"):
        try:
            return subprocess.Popen(
                [name, "--headless=new", "--no-sandbox", "--disable-gpu",
                 "--no-first-run", f"--remote-debugging-port={PORT}",
                 "--remote-debugging-address=127.0.0.1",
                 f"--user-data-dir={tempfile.mkdtemp()}", "about:blank"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except FileNotFoundError:
            continue
    sys.exit("room-browser: chromium is not installed")


def page_socket():
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/json/list") as r:
                pages = [t for t in json.load(r) if t["type"] == "page"]
                if pages:
                    return websocket.create_connection(
                        pages[0]["webSocketDebuggerUrl"], timeout=30)
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit("room-browser: chromium did not start")


class Tab:
    def __init__(self, ws):
        self.ws, self.next_id = ws, 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    sys.exit(f"room-browser: {method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.02)
        return None


failures = 0


def check(ok, what):
    global failures
    print(("ok    " if ok else "FAIL  ") + what)
    failures += 0 if ok else 1


chromium = browser()
try:
    tab = Tab(page_socket())
    tab.call("Emulation.setDeviceMetricsOverride", width=390, height=844,
             deviceScaleFactor=2, mobile=True)
    tab.call("Page.navigate", url=URL)
    units = tab.wait_for("document.querySelectorAll('.unit').length", 15)
    check(units == 8, f"the page lists the 8 units ({units})")
    first = tab.wait_for("document.querySelector('.unit .name').textContent", 5)
    check(first == "Thành Đông", f"Thành Đông leads ({first})")
    check(tab.js("document.documentElement.lang") == "vi", "the page is in Vietnamese")
    check(tab.js("document.getElementById('banner').textContent") == "DỰ THẢO",
          "the draft banner")
    # The head types 1 into Thành Đông's selected cell: the ranking changes on the phone.
    live = tab.wait_for("document.body.dataset.live === 'yes'", 10)
    check(bool(live), "the page follows the session's events")
    sent = time.time()
    subprocess.run(["tmux", "send-keys", "-t", TMUX, "1", "Enter"], check=True)
    moved = tab.wait_for(
        "document.querySelector('.unit .name').textContent !== 'Thành Đông'"
        " && document.querySelector('.unit .name').textContent", 10)
    elapsed = (time.time() - sent) * 1000
    check(bool(moved), f"the change reached the page: {moved} leads now ({elapsed:.0f} ms after the key)")
    now = tab.js("document.getElementById('now').textContent")
    check("Hải Dương" in (now or ""), f"the cell being scored moved on: {now}")
    shot = tab.call("Page.captureScreenshot", format="png")
    with open(SHOT, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    print(f"      screenshot: {SHOT}")
finally:
    chromium.terminate()
    chromium.wait()
sys.exit(1 if failures else 0)
