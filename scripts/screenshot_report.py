"""Render termcheck's HTML report for some documents and take a screenshot with Debian's Chromium.

    python scripts/screenshot_report.py OUT.png FILE [FILE ...]

Used to keep the pictures in docs/screenshots/ true to what the report looks like.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]


def main() -> None:
    out, files = Path(sys.argv[1]), sys.argv[2:]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "termcheck", "lint", "--format", "html", "-o", str(report), *files],
                       check=False)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(report.as_uri())
            first = page.locator("mark").first
            if first.count():
                first.click()
            page.screenshot(path=str(out))
            browser.close()
    print(out)


if __name__ == "__main__":
    main()
