"""A corpus that says what it is: ``corpus.json`` (the package's name, title, licence, sources) and
``sources.csv`` (each article's URL, outlet, headline and author) beside the articles. Both reach the
descriptor, the ``articles`` table, ``events_detailed``, the release's name and its README; a bad one stops
the build with one line naming the file and the row; neither changes a body or an offset."""

from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import write_article

from newsevents import project_version
from newsevents.cli import build, main
from newsevents.duck import connect
from newsevents.publish import publish
from newsevents.schemas import package_meta

ARTICLES = {
    "alpha.txt": " date 2024-02-02 A rocket attack on a base near Erbil wounded four contractors on Thursday, "
    "officials said.\n",
    "beta/gamma.txt": " date 2024-02-05 Two militia commanders were killed in an air strike in eastern Syria on "
    "Sunday, a monitoring group said.\n",
}
CORPUS = {
    "name": "test-corpus-events",
    "title": "A corpus written for the tests",
    "description": "Two short articles made up for this test.",
    "version": "1.4.0",
    "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}],
    "sources": [{"title": "Invented wire copy", "path": "https://wire.example.org/"}],
    "contributors": [{"title": "The test suite", "roles": ["creator"]}],
    "keywords": ["testing"],
}
SOURCES = (
    "file,url,outlet,headline,author\n"
    "alpha.txt,https://wire.example.org/a,Example Wire,Contractors hurt in rocket attack,A. Writer\n"
    'beta/gamma.txt,,"Example Daily, Evening Edition",,\n'
)


def corpus(
    folder: Path, metadata: dict | None = CORPUS, sources: str | None = SOURCES, articles: dict[str, str] = ARTICLES
) -> Path:
    """``articles`` written into ``folder``, with a ``corpus.json`` of ``metadata`` and a ``sources.csv`` of
    ``sources`` where they are given."""
    for name, text in articles.items():
        write_article(folder, name, text)
    if metadata is not None:
        (folder / "corpus.json").write_text(json.dumps(metadata), encoding="utf-8")
    if sources is not None:
        (folder / "sources.csv").write_text(sources, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def described(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("described")
    build(corpus(root / "articles"), root / "out")
    return root / "out"


@pytest.fixture(scope="module")
def bare(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bare")
    build(corpus(root / "articles", metadata=None, sources=None), root / "out")
    return root / "out"


def descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def rows(package: Path, table: str) -> list[dict]:
    with (package / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_corpus_names_titles_and_licenses_its_own_package(described):
    d = descriptor(described)
    for key in ("name", "title", "description", "version", "licenses", "contributors", "keywords"):
        assert d[key] == CORPUS[key]
    # First the folder of articles the package was built from, then the corpus's own sources.
    assert d["sources"][0]["path"] == "articles"
    assert d["sources"][1:] == CORPUS["sources"]
    assert d["created"] == "2024-02-05T00:00:00Z"  # the latest article's date, not the clock


def test_without_corpus_json_the_package_keeps_the_seeds_metadata(bare):
    d, meta = descriptor(bare), package_meta()
    assert (d["name"], d["title"], d["licenses"]) == (meta["name"], meta["title"], meta["licenses"])
    assert d["version"] == project_version()


def test_sources_csv_fills_the_articles_columns_and_leaves_the_rest_empty(described, bare):
    by_id = {r["article_id"]: r for r in rows(described, "articles")}
    assert {k: by_id["alpha"][k] for k in ("url", "outlet", "headline", "author")} == {
        "url": "https://wire.example.org/a",
        "outlet": "Example Wire",
        "headline": "Contractors hurt in rocket attack",
        "author": "A. Writer",
    }
    assert {k: by_id["gamma"][k] for k in ("url", "outlet", "headline", "author")} == {
        "url": "",
        "outlet": "Example Daily, Evening Edition",
        "headline": "",
        "author": "",
    }
    assert all(r[k] == "" for r in rows(bare, "articles") for k in ("url", "outlet", "headline", "author"))


def test_source_metadata_changes_no_body_and_no_offset(described, bare):
    for table in ("sentences", "mentions", "event_mentions", "claims"):
        assert rows(described, table) == rows(bare, table), table
    strip = ("url", "outlet", "headline", "author")
    assert [{k: v for k, v in r.items() if k not in strip} for r in rows(described, "articles")] == [
        {k: v for k, v in r.items() if k not in strip} for r in rows(bare, "articles")
    ]


def test_events_detailed_shows_the_source_of_the_first_report(described):
    con = connect(described)
    found = con.execute(
        "SELECT DISTINCT first_article_id, first_url, first_outlet, first_headline, first_author "
        "FROM events_detailed ORDER BY 1"
    ).fetchall()
    assert (
        "alpha",
        "https://wire.example.org/a",
        "Example Wire",
        "Contractors hurt in rocket attack",
        "A. Writer",
    ) in (found)
    assert all(row[0] in ("alpha", "gamma") for row in found)


def test_the_release_carries_the_corpus_name_title_and_citation(described, tmp_path):
    archive = publish(described, tmp_path / "dist")
    assert archive.name == "test-corpus-events-1.4.0.zip"
    assert (tmp_path / "dist" / "test-corpus-events.zip").read_bytes() == archive.read_bytes()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        readme = zf.read("test-corpus-events/README.md").decode("utf-8")
        citation = zf.read("test-corpus-events/CITATION.cff").decode("utf-8")
    assert all(n.startswith("test-corpus-events/") for n in names)
    assert "test-corpus-events/test-corpus-events.duckdb" in names
    assert "test-corpus-events/CHANGELOG.md" not in names  # the repository's changelog is not this corpus's
    assert readme.startswith("# A corpus written for the tests\n")
    assert "Licence: CC0-1.0" in readme and "Invented wire copy" in readme
    assert package_meta()["title"] not in readme
    assert 'title: "A corpus written for the tests"' in citation and 'version: "1.4.0"' in citation
    assert '  - name: "The test suite"' in citation


def build_fails(capsys, articles: Path, out: Path, *expected: str) -> None:
    """The build stops before anything is written, with one line naming what ``expected`` names."""
    assert main(["build", "--seeds", str(articles), "--out", str(out), "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    for text in expected:
        assert text in err, err
    assert not out.exists()


BAD_SOURCES = {
    "unknown file": (
        "file,url\nalpha.txt,https://a.example/\nmissing.txt,https://b.example/\n",
        "row 3",
        "missing.txt",
    ),
    "file twice": ("file,outlet\nalpha.txt,One\nalpha.txt,Two\n", "row 3", "already described in row 2"),
    "not a URL": ("file,url\nalpha.txt,javascript:alert(1)\n", "row 2", "not an http(s) URL"),
    "cells missing": ("file,url,outlet\nalpha.txt,https://a.example/\n", "row 2", "2 cells, the header has 3"),
    "unknown column": ("file,publisher\nalpha.txt,Someone\n", "row 1", "unknown column 'publisher'"),
    "no file column": ("url,outlet\nhttps://a.example/,One\n", "row 1", "no 'file' column"),
    "line break in a cell": ('file,headline\nalpha.txt,"Two\nlines"\n', "row 2", "line break"),
    "empty": ("", "empty", "header row"),
}


@pytest.mark.parametrize("case", BAD_SOURCES, ids=list(BAD_SOURCES))
def test_a_bad_sources_csv_is_one_line_naming_the_file_and_row(case, tmp_path, capsys):
    text, row, problem = BAD_SOURCES[case]
    articles = corpus(tmp_path / "articles", sources=text)
    build_fails(capsys, articles, tmp_path / "out", "sources.csv:", row, problem)


def test_a_sources_csv_that_is_not_utf8_is_named(tmp_path, capsys):
    articles = corpus(tmp_path / "articles", sources=None)
    (articles / "sources.csv").write_bytes(b"file,outlet\nalpha.txt,Caf\xe9 Press\n")
    build_fails(capsys, articles, tmp_path / "out", "sources.csv: not valid UTF-8")


BAD_CORPUS = {
    "not JSON": ("{name:", "not valid JSON"),
    "no title": (json.dumps({"name": "x"}), "no 'title'"),
    "a name that is a path": (json.dumps({"name": "../evil", "title": "T"}), "must be lower-case letters"),
    "unknown property": (json.dumps({"name": "x", "title": "T", "owner": "me"}), "unknown property 'owner'"),
    "licence without name or path": (json.dumps({"name": "x", "title": "T", "licenses": [{"title": "L"}]}), "needs"),
    "roles not a list": (
        json.dumps({"name": "x", "title": "T", "contributors": [{"title": "C", "roles": "creator"}]}),
        "roles must be a non-empty list",
    ),
}


@pytest.mark.parametrize("case", BAD_CORPUS, ids=list(BAD_CORPUS))
def test_a_bad_corpus_json_is_one_line_naming_the_file(case, tmp_path, capsys):
    text, problem = BAD_CORPUS[case]
    articles = corpus(tmp_path / "articles", metadata=None, sources=None)
    (articles / "corpus.json").write_text(text, encoding="utf-8")
    build_fails(capsys, articles, tmp_path / "out", "corpus.json:", problem)


def test_a_bad_sources_csv_leaves_the_previous_package_as_it_was(described, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(described, out)
    before = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    articles = corpus(tmp_path / "articles", sources="file,url\nalpha.txt,not a url\n")
    assert main(["build", "--seeds", str(articles), "--out", str(out), "--no-cache"]) == 1
    assert "sources.csv: row 2: url" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()} == before
