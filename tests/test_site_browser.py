"""The site in a real browser: headless Chromium (the system's, driven by Playwright) on the site of the
seeds package and of a generated corpus of more events than the list's largest page, each served from a 127.0.0.1 server
started here and opened from disk (``file://``). The list shows every event, its filters give the ids the
equivalent SQL gives, event pages mark the evidence at its offsets and show both sides of a
contradiction, the keyboard reaches the filters and the events, no page logs an error or requests
anything elsewhere, and markup injected through the corpus never runs.

Skipped, with the reason, only where no Chromium is installed (``.ci/run`` installs Debian's).
"""

from __future__ import annotations

import functools
import http.server
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import http_server
from test_site import EVIL, evil_corpus

from newsevents.bench_corpus import make_varied_corpus
from newsevents.cli import build
from newsevents.duck import connect
from newsevents.site import build_site
from newsevents.site.browser import ARGS, chromium_path, filter_times

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium, or set NEWSEVENTS_CHROMIUM)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is pinned in the dev extra")

#: Articles in the generated corpus: some 1,700 events, more than :data:`LARGEST_PAGE` (the list is read through
#: its pages), built in seconds.
CORPUS_ARTICLES = 1000
#: The most events the list shows on one page (its largest "Per page").
LARGEST_PAGE = 1000
TEXT_QUERY = "bomb"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder over HTTP on 127.0.0.1 (a free port), for as long as the block runs."""
    with http_server(functools.partial(QuietHandler, directory=str(folder))) as base:
        yield f"{base}/"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=list(ARGS), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def seeds_site(seeds_package, tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("browser-seeds") / "site"
    build_site(seeds_package, out)
    return seeds_package, out


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("browser-corpus")
    # the site's build checks the package: the build need not check it first
    counts = build(make_varied_corpus(root / "articles", CORPUS_ARTICLES), root / "package", layers=())
    assert counts["events"] > LARGEST_PAGE  # else the list is never read through its pages
    build_site(root / "package", root / "site")
    return root / "package", root / "site"


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("browser-evil")
    build(evil_corpus(root / "articles"), root / "package")
    build_site(root / "package", root / "site")
    return root / "package", root / "site"


class Watched:
    """A page whose console errors, uncaught exceptions and requests are recorded."""

    def __init__(self, browser, base: str) -> None:
        self.base = base
        self.page = browser.new_page()
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        self.page.on("request", lambda request: self.requests.append(request.url))

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def goto(self, relative: str) -> None:
        self.page.goto(self.base + relative)
        self.page.wait_for_load_state("load")

    def assert_clean(self) -> None:
        assert self.problems == []
        outside = [
            url
            for url in self.requests
            if not url.startswith((self.base, "data:")) or url.startswith("http://localhost")
        ]
        assert outside == [], "requests left the site"
        assert self.requests, "no request was seen at all: the watcher is broken"
        self.page.close()


@pytest.fixture(params=["http", "file"])
def opened(request, browser) -> Iterator[object]:
    """``opened(site)``: a watched page on the site, served from 127.0.0.1 or opened as ``file://``."""
    stack: list = []

    def open_site(site: Path) -> Watched:
        if request.param == "http":
            context = served(site)
            base = context.__enter__()
            stack.append(context)
        else:
            base = site.resolve().as_uri() + "/"
        watched = Watched(browser, base)
        stack.append(watched)
        return watched

    yield open_site
    for item in reversed(stack):
        if isinstance(item, Watched):
            item.assert_clean()
        else:
            item.__exit__(None, None, None)


def listed_ids(page) -> list[str]:
    """The ids of the events the list shows, through every page, in the order shown."""
    page.select_option("#f-per-page", str(LARGEST_PAGE))
    ids: list[str] = []
    while True:
        ids += page.eval_on_selector_all("#rows a", "links => links.map(a => a.getAttribute('href'))")
        if page.is_disabled("#next"):
            break
        page.click("#next")
    return [href.removeprefix("events/").removesuffix(".html") for href in ids]


def sql_ids(package: Path, where: str = "true", params: list | None = None) -> list[str]:
    con = connect(package, constraints=False)
    return [
        r[0]
        for r in con.execute(
            f"""SELECT e.event_id FROM events e
                LEFT JOIN entities a ON a.entity_id = e.actor_id
                LEFT JOIN entities t ON t.entity_id = e.target_id
                LEFT JOIN entities p ON p.entity_id = e.location_id
                WHERE {where} ORDER BY e.date_start DESC, e.event_id""",
            params or [],
        ).fetchall()
    ]


TEXT_SQL = "contains(lower(concat_ws(chr(10), e.description, a.name, t.name, p.name)), ?)"


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_the_home_page_lists_every_event(which, seeds_site, corpus_site, opened):
    package, site = seeds_site if which == "seeds" else corpus_site
    (total,) = connect(package, constraints=False).sql("SELECT count(*) FROM events").fetchone()
    w = opened(site)
    w.goto("index.html")
    assert w.page.inner_text("#count") == f"{total:,} events"
    assert w.page.evaluate("window.NEWSEVENTS_INDEX.rows.length") == total
    assert listed_ids(w.page) == sql_ids(package)


def test_filters_give_the_events_sql_gives(corpus_site, opened):
    package, site = corpus_site
    con = connect(package, constraints=False)
    (kind,) = con.sql(
        "SELECT event_type FROM events GROUP BY 1 HAVING count(*) > 1 ORDER BY count(*), event_type LIMIT 1"
    ).fetchone()
    (country,) = con.sql(
        "SELECT country_code FROM events WHERE country_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    ).fetchone()
    w = opened(site)
    w.goto("index.html")
    page = w.page
    page.select_option("#f-type", kind)
    by_type = sql_ids(package, "e.event_type = ?", [kind])
    assert 0 < len(by_type) < len(sql_ids(package))
    assert listed_ids(page) == by_type
    assert page.inner_text("#count").startswith(f"{len(by_type):,} of ")
    page.click("#f-reset")
    page.select_option("#f-country", country)
    assert listed_ids(page) == sql_ids(package, "e.country_code = ?", [country])
    page.click("#f-reset")
    page.fill("#f-text", TEXT_QUERY.upper())
    by_text = sql_ids(package, TEXT_SQL, [TEXT_QUERY])
    assert by_text
    assert listed_ids(page) == by_text
    # All together, with a date window (events overlapping it) and the toll sort.
    page.fill("#f-text", "")
    page.select_option("#f-country", country)
    page.fill("#f-from", "2023-06-01")
    page.fill("#f-to", "2023-12-31")
    page.select_option("#f-sort", "toll-desc")
    expected = [
        r[0]
        for r in con.execute(
            """SELECT event_id FROM events WHERE country_code = ? AND date_end >= DATE '2023-06-01'
               AND date_start <= DATE '2023-12-31'
               ORDER BY fatalities_best DESC NULLS LAST, date_start DESC, event_id""",
            [country],
        ).fetchall()
    ]
    assert expected and listed_ids(page) == expected


def evidence_is_marked(w: Watched, package: Path, event_ids: list[str]) -> int:
    """Open each event's page; every evidence span is inside a mark whose text is the body at the mark's
    offsets, and marks are highlighted. Returns the number of spans checked."""
    con = connect(package, constraints=False)
    bodies = dict(con.sql("SELECT article_id, body FROM articles").fetchall())
    checked = 0
    for event_id in event_ids:
        w.goto(f"events/{event_id}.html")
        marks = w.page.eval_on_selector_all(
            "blockquote.passage mark",
            """ms => ms.map(m => [m.closest('blockquote').dataset.article, +m.dataset.start, +m.dataset.end,
                                 m.textContent, getComputedStyle(m).backgroundColor])""",
        )
        assert marks, event_id
        for article, start, end, text, background in marks:
            assert text == bodies[article][start:end]
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
        spans = con.execute(
            'SELECT article_id, start, "end", text FROM event_mentions WHERE event_id = ?', [event_id]
        ).fetchall()
        for article, start, end, text in spans:
            assert bodies[article][start:end] == text
            assert any(a == article and s <= start and end <= e for a, s, e, _, _ in marks), (event_id, start)
            checked += 1
    return checked


def test_event_pages_mark_each_evidence_span_at_its_offsets(seeds_site, corpus_site, opened):
    package, site = seeds_site
    w = opened(site)
    assert evidence_is_marked(w, package, sql_ids(package)) > 0
    package, site = corpus_site
    w = opened(site)
    every = sql_ids(package)
    sample = every[:: len(every) // 12]  # a spread of a dozen or more events
    assert len(sample) >= 12
    assert evidence_is_marked(w, package, sample) >= len(sample)


@pytest.mark.parametrize("which", ["seeds", "corpus"])
def test_a_contradictions_two_values_are_on_its_event_page(which, seeds_site, corpus_site, opened):
    package, site = seeds_site if which == "seeds" else corpus_site
    rows = (
        connect(package, constraints=False)
        .sql("SELECT event_id, value_a, value_b, text_a, text_b FROM contradictions ORDER BY contradiction_id")
        .fetchall()
    )
    assert rows
    w = opened(site)
    for event_id, value_a, value_b, text_a, text_b in rows[:: max(1, len(rows) // 12)]:
        w.goto(f"events/{event_id}.html")
        sides = w.page.eval_on_selector_all(
            "section.contradiction", "cs => cs.map(c => [...c.querySelectorAll('.value')].map(v => v.textContent))"
        )
        assert [value_a, value_b] in sides
        shown = w.page.inner_text("main")
        assert text_a in shown and text_b in shown


def test_the_keyboard_reaches_the_filters_and_the_first_event(seeds_site, opened):
    package, site = seeds_site
    w = opened(site)
    w.goto("index.html")
    first = w.page.get_attribute("#rows a", "href")
    focused = []
    for _ in range(40):
        w.page.keyboard.press("Tab")
        focused.append(w.page.evaluate("document.activeElement.id || document.activeElement.getAttribute('href')"))
        if focused[-1] == first:
            break
    assert focused[-1] == first, focused
    assert {"f-text", "f-type", "f-country", "f-from", "f-to", "f-sort"} <= set(focused)
    assert focused.index("f-text") < focused.index(first)
    with w.page.expect_navigation():
        w.page.keyboard.press("Enter")
    assert w.page.url.endswith(first)
    description = sql_ids(package)[0]
    assert first == f"events/{description}.html"
    assert w.page.inner_text("h1")


def test_every_kind_of_page_loads_without_an_error_or_a_request_elsewhere(corpus_site, opened):
    package, site = corpus_site
    con = connect(package, constraints=False)
    (entity,) = con.sql("SELECT entity_id FROM entities ORDER BY n_mentions DESC, entity_id LIMIT 1").fetchone()
    (event,) = con.sql("SELECT event_id FROM contradictions ORDER BY contradiction_id LIMIT 1").fetchone()
    w = opened(site)
    for relative in (
        "index.html",
        "timeline.html",
        "contradictions.html",
        "about.html",
        f"entities/{entity}.html",
        f"events/{event}.html",
    ):
        w.goto(relative)
        assert w.page.inner_text("h1")
    # The timeline is an image with a text alternative, and every count is in its table.
    w.goto("timeline.html")
    assert w.page.get_attribute("svg[role=img]", "aria-labelledby")
    counts = w.page.eval_on_selector_all("table.counts tbody td", "tds => tds.map(t => +t.textContent || 0)")
    assert sum(counts) == con.sql("SELECT count(*) FROM events WHERE date_start IS NOT NULL").fetchone()[0]


def test_markup_injected_through_the_corpus_never_runs(evil_site, opened):
    _, site = evil_site
    w = opened(site)
    pages = ["index.html", "about.html", "contradictions.html"]
    pages += [f"events/{p.name}" for p in sorted((site / "events").glob("*.html"))]
    pages += [f"entities/{p.name}" for p in sorted((site / "entities").glob("*.html"))]
    seen = 0
    for relative in pages:
        w.goto(relative)
        assert w.page.evaluate("typeof window.__pwned") == "undefined", relative
        seen += EVIL in w.page.inner_text("body")
    assert seen >= 2  # the title and the sentence are shown, as text
    w.goto("index.html")
    w.page.fill("#f-text", "mosul")
    assert w.page.evaluate("typeof window.__pwned") == "undefined"
    assert "Injected <script>" in w.page.title()


def test_the_benchmark_times_each_filter_of_the_home_page(seeds_site, browser):
    """The figures ``nox -s bench -- --site`` prints (speed is a benchmark's, never a timed test's): every
    filter is timed by the page itself, over every event of the package."""
    package, site = seeds_site
    times = filter_times(site, browser=browser)
    con = connect(package)
    try:
        (count,) = con.sql("SELECT count(*) FROM events").fetchall()[0]
    finally:
        con.close()
    assert times["events"] == count
    assert set(times) == {"events", "type", "text", "sort by toll", "clear"}
    assert all(isinstance(v, (int, float)) and v >= 0 for v in times.values())
