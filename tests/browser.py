"""A real Chromium for the browser tests: the machine's own, driven by Playwright (no browser download).

The tests use ``$CHROMIUM``, else ``chromium`` (or ``chromium-browser``) on PATH. Without one they skip,
saying how to get one, except under CI (``$CI`` set), where a missing browser is a failure: ``.ci/run``
installs the Debian package. ``$CG_SCREENSHOTS=DIR`` makes the tests save what they saw as PNGs there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOW = ("no Chromium found: install one (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM=/path/to/chromium; "
       "`pip install -e '.[test]'` brings Playwright")


def chromium() -> str | None:
    """The Chromium executable to drive, or None."""
    given = os.environ.get("CHROMIUM")
    if given:
        return given
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):
    exe = chromium()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(HOW)
        pytest.skip(HOW)
    return playwright.chromium.launch(executable_path=exe, args=ARGS)


def sync_playwright():
    """Playwright's sync API (skips, or fails under CI, where the package is missing)."""
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail(HOW)
        pytest.skip(HOW)
    return start()


def expect(locator):
    """Playwright's ``expect`` (waits and retries until the assertion holds)."""
    from playwright.sync_api import expect as _expect

    return _expect(locator)


def screenshot(page, name: str) -> None:
    """Save what the page shows as ``$CG_SCREENSHOTS/<name>.png`` (nothing when the variable is unset)."""
    folder = os.environ.get("CG_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))
