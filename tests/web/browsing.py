"""Helpers of the browser tests: Debian's Chromium through Playwright, pages that record
their console errors, screenshots in tests/artifacts/, and the focused element."""

import re
from pathlib import Path

import pytest

from tests.paths import ARTIFACTS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 360, "height": 780},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="no Chromium at /usr/bin/chromium (apt-get install chromium)"
    ),
]


def open_page(browser, **context_options):
    """A new page in its own context that records console errors, page errors and failed requests."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: failed(page, r))
    return page


def failed(page, request):
    """A request that failed is a problem, unless the page left before it finished (a click
    on a link while a font still loads aborts it: not the site's fault)."""
    if request.failure != "net::ERR_ABORTED":
        page.problems.append(f"failed: {request.url} ({request.failure})")


def close(page, allowed=()):
    """Close the page's context; every console error must be one of `allowed` (patterns)."""
    page.context.close()
    unexpected = [p for p in page.problems if not any(re.search(a, p) for a in allowed)]
    assert unexpected == []


def shot(page, name, full_page=True):
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def focused(page):
    """A description of the focused element: tag, name/value or href, and its text."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        return { tag: e.tagName.toLowerCase(), name: e.getAttribute('name'), value: e.value,
                 href: e.getAttribute('href'), id: e.id, text: (e.textContent || '').trim(),
                 classes: e.getAttribute('class') || '', checked: e.checked === true }; }"""
    )


def total(page):
    return int(
        re.search(r"[\d,]+", page.locator(".summary .total strong").inner_text())
        .group()
        .replace(",", "")
    )


def scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")
