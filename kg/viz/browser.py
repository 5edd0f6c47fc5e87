"""A headless Chromium for the graph page: screenshots (`kg viz --screenshot`), the page tests and
bench/viz_speed.py. Debian's chromium and chromium-driver, driven by selenium; chromedriver
listens on 127.0.0.1 only and is stopped with the browser.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import KgError


class BrowserError(KgError):
    """Chromium, chromedriver or selenium is missing, or the page did not become ready."""


def _find(*names: str) -> str | None:
    return next((p for p in (shutil.which(n) for n in names) if p), None)


@dataclass
class PageLog:
    """What a page did while it was open: console messages and the URLs it requested."""

    console: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def open(self, page: str | Path, timeout: float = 60.0) -> float:
        """Open a page of `kg viz` (a file) or of `kg serve` (an http:// URL) and wait until it has
        drawn; the milliseconds from navigation to the first drawing, as the page measures them."""
        self.driver.get(page if isinstance(page, str) and page.startswith(("http://", "https://"))
                        else Path(page).resolve().as_uri())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready = self.driver.execute_script("return window.kgReady || null")
            if ready:
                return float(ready)
            time.sleep(0.02)
        raise BrowserError(f"{page} did not draw within {timeout:.0f} s")

    def visit(self, url: str) -> None:
        """Open a page that draws nothing to wait for (a served page without a diagram)."""
        self.driver.get(url)

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def log(self) -> PageLog:
        """Console messages and requested URLs since the last call."""
        out = PageLog(console=list(self.driver.get_log("browser")))
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                out.requests.append(message["params"]["request"]["url"])
        return out

    def screenshot(self, path: str | Path) -> None:
        from kg.files import write_file

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_file(path, self.driver.get_screenshot_as_png())


@contextmanager
def chromium(width: int = 1400, height: int = 900) -> Iterator[Browser]:
    """A headless Chromium, stopped on leaving."""
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as e:
        raise BrowserError("the page needs selenium to drive Chromium: pip install 'kg[browser]'") from e
    binary = _find("chromium", "chromium-browser", "google-chrome")
    driver_path = _find("chromedriver")
    if binary is None or driver_path is None:
        raise BrowserError("Chromium and its driver are needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={width},{height}", "--hide-scrollbars", "--lang=vi"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except WebDriverException as e:
        raise BrowserError(f"Chromium did not start: {e.msg}") from e
    try:
        yield Browser(driver)
    finally:
        driver.quit()
