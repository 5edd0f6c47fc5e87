"""A picture of a page of `kg serve` for the README: serve a store on a free port, open the page in
headless Chromium, save a PNG. ``python -m kg.serve.screenshot STORE PATH OUT.png``"""

from __future__ import annotations

import sys

from kg.testing.server import running_server
from kg.viz.browser import chromium


def screenshot(store_dir: str, path: str, out: str, width: int = 1400, height: int = 1500) -> None:
    with running_server(store_dir, workers=2) as served, chromium(width, height) as browser:
        browser.open(served.url + path)
        browser.screenshot(out)


if __name__ == "__main__":
    screenshot(sys.argv[1], sys.argv[2], sys.argv[3])
