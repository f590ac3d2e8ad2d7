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


@contextlib.contextmanager
def browser_pages(count: int, **context: Any) -> Iterator[list[Any]]:
    """``count`` pages, each in a context of its own (its own cookies: two people at once),
    in one browser. As with ``browser_page``, create database rows before entering."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield [
                browser.new_context(
                    viewport={"width": 1280, "height": 800}, locale="en-GB", **context
                ).new_page()
                for _ in range(count)
            ]
        finally:
            browser.close()


def sign_in(page: Any, base_url: str, username: str, then: str = "/") -> None:
    """Sign in through the real form (in English) and land on ``then``."""
    from sampark.core.tests.factories import PASSWORD

    page.goto(f"{base_url}/accounts/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}{then}")


def settled(page: Any) -> None:
    """Wait until htmx has wired up what it swapped in (it settles 20 ms after a swap): a
    control used sooner has no htmx behaviour yet. A person is always slower."""
    page.wait_for_function("() => !document.querySelector('.htmx-added, .htmx-settling')")
