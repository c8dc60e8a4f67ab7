"""Headless Chromium for the site's screenshots (``newsevents docs``) and browser tests: the system's own
browser (Debian's ``chromium``) driven by Playwright, which never downloads one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Where a browser is looked for, first found first: ``NEWSEVENTS_CHROMIUM``, then the usual names.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
#: No sandbox (containers run as root), and nothing the browser would fetch on its own.
ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--font-render-hinting=none",
)


def chromium_path() -> str | None:
    """The browser binary to use, or None when this machine has none."""
    chosen = os.environ.get("NEWSEVENTS_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for candidate in (*CANDIDATES, shutil.which("chromium") or ""):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright browser on the system's Chromium (``playwright.sync_api.Browser``)."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        raise FileNotFoundError("no Chromium found (apt-get install chromium, or set NEWSEVENTS_CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=list(ARGS), headless=True)
        try:
            yield browser
        finally:
            browser.close()


def screenshots(site: Path, shots: dict[Path, str], width: int = 1200, height: int = 900) -> None:
    """Write each PNG of ``shots`` ({png: page of the site}), from the site opened as ``file://``: the
    first screen of the home page, the whole of any other page (up to two screens)."""
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        for png, relative in shots.items():
            page.goto((site / relative).resolve().as_uri())
            page.wait_for_load_state("load")
            png.parent.mkdir(parents=True, exist_ok=True)
            if relative == "index.html":
                page.screenshot(path=str(png))
            else:
                full = page.evaluate("document.documentElement.scrollHeight")
                clip = {"x": 0, "y": 0, "width": width, "height": min(full, 2 * height)}
                page.screenshot(path=str(png), full_page=True, clip=clip)
        page.close()


def filter_times(site: Path, text: str = "attack", browser: object | None = None) -> dict[str, float]:
    """The home page's filter time in milliseconds, as the page itself measures it (``performance.now()``
    around filtering and drawing the page of rows), for a type, a text, a sort by toll and clearing them,
    with the site opened as ``file://``; also the number of events listed (``events``). ``browser``: a
    Playwright browser to use (default: one started here)."""
    if browser is None:
        with chromium() as started:
            return filter_times(site, text, started)
    page = browser.new_page()
    try:
        page.goto((site / "index.html").resolve().as_uri())
        page.wait_for_load_state("load")
        times: dict[str, float] = {"events": page.evaluate("window.NEWSEVENTS_INDEX.rows.length")}
        kinds = page.eval_on_selector_all("#f-type option", "os => os.map(o => o.value)")
        steps = (
            ("type", lambda: page.select_option("#f-type", kinds[1] if len(kinds) > 1 else "")),
            ("text", lambda: page.fill("#f-text", text)),
            ("sort by toll", lambda: page.select_option("#f-sort", "toll-desc")),
            ("clear", lambda: page.click("#f-reset")),
        )
        for name, action in steps:
            action()
            page.wait_for_timeout(50)
            times[name] = page.evaluate("window.NEWSEVENTS_APP.lastFilterMs")
    finally:
        page.close()
    return times
