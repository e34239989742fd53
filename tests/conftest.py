"""Browser fixtures: a local Chromium driven by Playwright, with the network cut off.

Why: Frontline's maps must work with no route to any CDN, so the browser tests
run against the system Chromium (Playwright must never download its own) and
abort every request that would leave the machine. A missing Chromium fails
the test: a skipped browser test must never pass for a working one.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Route

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_LOCAL_SCHEMES = {"file", "data", "about", "blob"}
_LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in _LOCAL_SCHEMES:
        return True
    return parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless system Chromium ($CHROMIUM, default /usr/bin/chromium)."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)) and not shutil.which(path):
        pytest.fail(
            f"Chromium not found at {path!r}: install it (apt-get install -y chromium) "
            "or set $CHROMIUM; browser tests are never skipped.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[Page]:
    """A page that can reach only file:/data:/about:/blob: and localhost.

    `page.errors` collects console errors, uncaught page errors and every
    blocked request, so a test asserts `page.errors == []`.
    """
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.errors = errors  # type: ignore[attr-defined]

    def route(r: Route) -> None:
        if _is_local(r.request.url):
            r.continue_()
        else:
            errors.append(f"blocked request: {r.request.url}")
            r.abort()

    context.route("**/*", route)

    def console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            errors.append(f"console.error: {msg.text}")

    page.on("console", console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    try:
        yield page
    finally:
        context.close()
