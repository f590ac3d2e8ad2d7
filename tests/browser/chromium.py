"""Debian's Chromium driven by Playwright, with the flags this sandboxed, offline machine needs."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# Outside CI a machine without Chromium skips these; under CI the root conftest fails on a skip.
requires_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)"
)


@contextlib.contextmanager
def browser_page(**context: Any) -> Iterator[Any]:
    """A fresh page. Create database rows before entering: Playwright's event loop makes Django
    refuse ORM calls in this thread while it runs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(
                viewport={"width": 1280, "height": 800}, locale="en-GB", **context
            ).new_page()
            yield page
        finally:
            browser.close()
