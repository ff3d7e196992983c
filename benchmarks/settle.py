#!/usr/bin/env python3
"""How long a relationship page takes to settle in a real browser (the `graph` target).

    python benchmarks/settle.py PAGE.html

Opens the page from file:// in headless Chromium (Playwright, with the Chromium of
$STAGEGRAPH_CHROMIUM or /usr/bin/chromium), waits until the page marks itself settled
(vis-network's physics has stopped: ``body[data-settled]``) and prints the seconds from
navigation to that moment, the first frame's time as the page measured it (performance.now()
at vis-network's first drawing) and the file's size. Exit 1 if it does not settle within 120 s.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main(page: str) -> int:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("STAGEGRAPH_CHROMIUM") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        view = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        view.goto(Path(page).resolve().as_uri())
        try:
            view.wait_for_selector("body[data-settled=true]", state="attached", timeout=120_000)
        except PlaywrightTimeout:
            print("did not settle within 120 s", file=sys.stderr)
            return 1
        first = view.evaluate("() => document.body.dataset.firstFrame")
        size = Path(page).stat().st_size
        print(
            f"settled in {time.perf_counter() - start:.2f} s; first frame {first} ms after navigation; "
            f"page {size / 1e6:.2f} MB"
        )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
