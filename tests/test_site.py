"""``newsevents site`` without a browser: one page per event and entity, the same bytes from the same
package, every string from the corpus escaped, only http(s) links, a policy that runs no inline script,
and a clear one-line error where it cannot write the site. The pages' behaviour in Chromium is tested in
test_site_browser.py."""

from __future__ import annotations

import json
import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_corpus import corpus

from newsevents.cli import build, main
from newsevents.duck import connect
from newsevents.site import CSP, build_site, http_url, js_data, marked_passages

EVIL = "<script>window.__pwned = 1</script>"
EVIL_ARTICLES = {
    # Sentences written for this test; the markup in them must reach the page as text.
    "one.txt": f" date 2024-03-04 A rocket attack on a checkpoint near Mosul, Iraq, killed 12 people {EVIL} on "
    "Sunday, police said.\n\n"
    "The toll from the rocket attack near Mosul has risen to 15, hospital officials said later.\n",
    "two.txt": " date 2024-03-05 A rocket attack near Mosul on Sunday killed 11 people, officials said. "
    'A banner read <img src=x onerror="window.__pwned=2"> in the square.\n',
}
EVIL_CORPUS = {
    "name": "site-injection-test",
    "title": f"Injected {EVIL} title",
    "description": f"A corpus made up for the site's tests {EVIL}.",
    "licenses": [{"name": "CC0-1.0", "path": "javascript:alert(1)"}],
    "sources": [{"title": f"wire {EVIL}", "path": "https://wire.example.org/"}],
}
EVIL_SOURCES = (
    "file,url,outlet,headline,author\n"
    f'one.txt,https://news.example.org/a?x=1&y=2,"Outlet {EVIL}","Headline {EVIL}",Writer\n'
    "two.txt,,Second Outlet,Plain headline,\n"
)


def evil_corpus(folder: Path) -> Path:
    return corpus(folder, EVIL_CORPUS, EVIL_SOURCES, EVIL_ARTICLES)


@pytest.fixture(scope="session")
def evil_package(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("evil")
    build(evil_corpus(root / "articles"), root / "package")
    return root / "package"


@pytest.fixture(scope="session")
def seeds_site(seeds_package, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeds-site") / "site"
    build_site(seeds_package, out)
    return out


@pytest.fixture(scope="session")
def evil_site(evil_package, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("evil-site") / "site"
    build_site(evil_package, out)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Tags:
    parser = Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_one_page_per_event_and_entity_and_the_four_pages(seeds_package, seeds_site):
    con = connect(seeds_package)
    events = {r[0] for r in con.sql("SELECT event_id FROM events").fetchall()}
    entities = {r[0] for r in con.sql("SELECT entity_id FROM entities").fetchall()}
    assert {p.stem for p in (seeds_site / "events").glob("*.html")} == events
    assert {p.stem for p in (seeds_site / "entities").glob("*.html")} == entities
    for page in ("index.html", "timeline.html", "contradictions.html", "about.html"):
        assert (seeds_site / page).is_file()


def test_the_events_index_holds_every_event_with_missing_figures_empty(seeds_package, seeds_site):
    text = (seeds_site / "assets" / "events-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.NEWSEVENTS_INDEX = ") and text.endswith(";\n")
    index = json.loads(text.removeprefix("window.NEWSEVENTS_INDEX = ").removesuffix(";\n"))
    columns = index["columns"]
    con = connect(seeds_package)
    expected = {
        r[0]: r[1:]
        for r in con.sql("SELECT event_id, fatalities_low, fatalities_best, fatalities_high FROM events").fetchall()
    }
    figures = [columns.index(c) for c in ("fatalities_low", "fatalities_best", "fatalities_high")]
    got = {row[columns.index("id")]: tuple(row[i] for i in figures) for row in index["rows"]}
    assert got == expected  # None stays None (null), never 0
    assert any(None in figures for figures in got.values())


def test_the_same_package_gives_the_same_bytes(seeds_package, seeds_site, tmp_path):
    again = tmp_path / "again"
    build_site(seeds_package, again)
    assert files(again) == files(seeds_site)


def test_every_page_carries_the_policy_and_loads_scripts_only_from_files(seeds_site):
    pages = sorted(seeds_site.rglob("*.html"))
    assert pages
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
    for page in pages:
        tags = parse(page).tags
        metas = [a for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert [m["content"] for m in metas] == [CSP], page
        for tag, attrs in tags:
            if tag == "script":
                assert attrs.get("src", "").startswith("assets/"), (page, attrs)
            assert not any(name.startswith("on") for name in attrs), (page, tag, attrs)
            assert "style" not in attrs, (page, tag)  # the policy would block it


def test_links_stay_inside_the_site_or_go_to_http_sources(seeds_site, evil_site):
    for site in (seeds_site, evil_site):
        for page in site.rglob("*.html"):
            for tag, attrs in parse(page).tags:
                for name in ("href", "src"):
                    value = attrs.get(name)
                    if value is None or value == "data:," or value.startswith("#"):
                        continue
                    if re.match(r"^[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
                        assert value.startswith(("http://", "https://")) and tag == "a", (page, value)
                    else:
                        assert (page.parent / value).resolve().is_file(), (page, value)


def test_markup_from_the_corpus_is_text_on_every_page(evil_site):
    pages = sorted(evil_site.rglob("*.html"))
    event_pages = sorted((evil_site / "events").glob("*.html"))
    assert event_pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>window" not in html and "<img src=x" not in html, page
        assert "javascript:" not in html, page
        if page.name == "about.html" or page in event_pages:
            assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html, page
    shown = "".join(parse(evil_site / "about.html").text)
    assert EVIL_CORPUS["title"] in shown  # the title, as text
    headline = [p for p in event_pages if f"Headline {EVIL}" in "".join(parse(p).text)]
    sentence = [p for p in event_pages if f"12 people {EVIL} on" in "".join(parse(p).text)]
    assert headline and sentence
    index = (evil_site / "assets" / "events-index.js").read_text(encoding="utf-8")
    assert "<" not in index and ">" not in index


def test_a_source_link_is_written_only_for_http_urls():
    assert http_url("https://news.example.org/a?x=1") == "https://news.example.org/a?x=1"
    assert http_url("HTTP://example.org/") == "HTTP://example.org/"
    for bad in ("javascript:alert(1)", "data:text/html,hi", "//example.org", "ftp://example.org", "", None):
        assert http_url(bad) is None
    assert http_url('https://example.org/"onmouseover=x') is None


def test_data_files_escape_what_could_end_a_script():
    text = js_data("X", {"a": "</script><b>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text.removeprefix("window.X = ").removesuffix(";\n")) == {"a": "</script><b>&\u2028"}


def test_passages_mark_each_span_at_its_offsets():
    body = "First one here. Second has a strike in it. Third is quiet. Fourth: strike again."
    sentences = [(0, 15), (16, 42), (43, 58), (59, 81)]
    spans = [(29, 35), (67, 73), (68, 80)]
    passages = marked_passages(body, sentences, spans)
    assert [(p["start"], p["end"]) for p in passages] == [(16, 42), (59, 81)]
    for p in passages:
        assert "".join(s["text"] for s in p["segments"]) == body[p["start"] : p["end"]]
        for s in p["segments"]:
            assert s["text"] == body[s["start"] : s["end"]]
    marks = [(s["start"], s["end"]) for p in passages for s in p["segments"] if s["mark"]]
    assert marks == [(29, 35), (67, 80)]  # the two overlapping spans are marked as one


def test_the_command_writes_the_site_and_replaces_only_a_site(seeds_package, tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["site", "--package", str(seeds_package), "--out", str(out)]) == 0
    assert "wrote the site into" in capsys.readouterr().out
    assert (out / "index.html").is_file()
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert main(["site", "--package", str(seeds_package), "--out", str(out)]) == 0
    assert not (out / "stale.html").exists()  # a site is replaced whole
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    assert main(["site", "--package", str(seeds_package), "--out", str(other)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(other) in err and len(err.strip().splitlines()) == 1
    assert [p.name for p in other.iterdir()] == ["notes.txt"]


def test_no_site_for_a_missing_or_failing_package(package_copy, tmp_path, capsys):
    assert main(["site", "--package", str(tmp_path / "nothing"), "--out", str(tmp_path / "s")]) == 1
    assert "datapackage.json" in capsys.readouterr().err
    events = package_copy / "data" / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines(keepends=True)
    events.write_text("".join([lines[0], lines[1], lines[1], *lines[2:]]), encoding="utf-8")  # a duplicate key
    assert main(["site", "--package", str(package_copy), "--out", str(tmp_path / "s")]) == 1
    assert "fails its checks" in capsys.readouterr().err
    assert not (tmp_path / "s").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site-")]


def test_the_about_page_gives_the_citation_and_the_checks(seeds_site):
    text = "".join(parse(seeds_site / "about.html").text)
    from newsevents import REPO_ROOT

    citation = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert citation.strip() in text
    assert "frictionless" in text and "duckdb-sql" in text and "pass" in text


def test_the_contradictions_page_lists_each_newest_first(seeds_package, seeds_site):
    con = connect(seeds_package)
    expected = [
        r[0]
        for r in con.sql(
            """SELECT x.event_id FROM contradictions x JOIN articles a ON a.article_id = x.article_a
               JOIN articles b ON b.article_id = x.article_b
               ORDER BY greatest(a.published_date, b.published_date) DESC, x.contradiction_id"""
        ).fetchall()
    ]
    links = [
        a["href"].removeprefix("events/").removesuffix(".html")
        for t, a in parse(seeds_site / "contradictions.html").tags
        if t == "a" and a.get("href", "").startswith("events/")
    ]
    assert links == expected and expected


def test_the_site_package_data_ships_with_the_code():
    from newsevents import site

    root = Path(site.__file__).parent
    for name in ("base.html", "index.html", "event.html", "entity.html", "about.html", "timeline.html"):
        assert (root / "templates" / name).is_file()
    assert {"app.js", "site.css"} <= {p.name for p in (root / "static").iterdir()}


def test_the_release_carries_the_site(seeds_package, seeds_site, tmp_path):
    from newsevents.publish import publish

    archive = publish(seeds_package, tmp_path / "dist")
    name = json.loads((seeds_package / "datapackage.json").read_text(encoding="utf-8"))["name"]
    prefix = f"{name}/site/"
    with zipfile.ZipFile(archive) as zf:
        released = {i.filename.removeprefix(prefix): zf.read(i) for i in zf.infolist() if i.filename.startswith(prefix)}
        manifest = json.loads(zf.read(f"{name}/manifest.json"))
    assert released == files(seeds_site)  # the same site as the command writes
    listed = {f["path"] for f in manifest["files"]}
    assert {f"site/{path}" for path in released} <= listed  # and download checks every page


def test_the_readme_shows_the_command_and_both_screenshots(seeds_package, tmp_path, capsys):
    from newsevents import REPO_ROOT
    from newsevents.publish import publish

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Browse the release")[1].split("\n## ")[0]
    for png in ("docs/site-home.png", "docs/site-event.png"):
        assert f"]({png})" in section
        assert (REPO_ROOT / png).read_bytes().startswith(b"\x89PNG")
    (command,) = re.findall(r"```sh\n(.*?)\n```", section, re.DOTALL)
    args = command.split("#")[0].split()
    assert args[:2] == ["newsevents", "site"]
    # The command as written, on the release unpacked as the README says.
    with zipfile.ZipFile(publish(seeds_package, tmp_path / "dist")) as zf:
        zf.extractall(tmp_path / "unpacked")
    cwd = Path.cwd()
    try:
        os.chdir(tmp_path / "unpacked")
        assert main(args[1:]) == 0
    finally:
        os.chdir(cwd)
    assert "wrote the site into site" in capsys.readouterr().out
    written, released = files(tmp_path / "unpacked" / "site"), files(tmp_path / "unpacked" / args[3] / "site")
    # The same site, but for the about page: the unpacked release has its Parquet and DuckDB files checked too.
    assert written.keys() == released.keys()
    assert {k: v for k, v in written.items() if k != "about.html"} == {
        k: v for k, v in released.items() if k != "about.html"
    }
    assert b"duckdb table" in written["about.html"] and b"duckdb table" not in released["about.html"]
