"""Reading articles: the header, the body's normalisation, and one-line errors for unusable input."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import SEEDS, write_article

from newsevents import REPO_ROOT
from newsevents.articles import read_articles
from newsevents.cli import main

GOOD = " date 2024-01-28 Three soldiers were killed in a drone attack on a base in Jordan.\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def previous_package(tmp_path: Path) -> Path:
    """An output folder already holding a good package, which a failed build must leave untouched."""
    out = tmp_path / "out"
    write_article(tmp_path / "good", "a.txt", GOOD)
    assert main(["build", "--seeds", str(tmp_path / "good"), "--out", str(out)]) == 0
    return out


BAD_INPUTS = {
    "missing date header": ({"a.txt": "Three soldiers were killed."}, "a.txt: missing date header"),
    "malformed date header": ({"a.txt": " date 2024/01/28 Three soldiers."}, "a.txt: malformed date header"),
    "impossible date": ({"a.txt": " date 2024-02-30 Three soldiers."}, "a.txt: impossible date 2024-02-30"),
    "not UTF-8": ({"a.txt": b" date 2024-01-28 Caf\xe9 attack."}, "a.txt: not valid UTF-8 (byte 0xe9"),
    "empty body": ({"a.txt": " date 2024-01-28 \n\n  \n"}, "a.txt: empty body"),
    "duplicate article id": ({"x/a.txt": GOOD, "y/a.txt": GOOD}, "y/a.txt: duplicate article id 'a'"),
    "no articles": ({"notes.md": "not an article"}, "no articles found"),
}


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_bad_input_fails_with_one_line_and_leaves_the_package(case, tmp_path, previous_package, capsys):
    files, expected = BAD_INPUTS[case]
    seeds = tmp_path / "bad"
    seeds.mkdir()
    for name, content in files.items():
        write_article(seeds, name, content)
    before = snapshot(previous_package)

    status = main(["build", "--seeds", str(seeds), "--out", str(previous_package)])

    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert expected in err
    assert snapshot(previous_package) == before
    assert not list(previous_package.glob(".build-*"))


def test_missing_seeds_folder_is_an_error(tmp_path, capsys):
    assert main(["build", "--seeds", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")]) == 1
    assert "nowhere: not a folder of articles" in capsys.readouterr().err


def test_command_line_exit_status_is_non_zero(tmp_path):
    write_article(tmp_path / "bad", "a.txt", " date 2024-13-01 Body.")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsevents",
            "build",
            "--seeds",
            str(tmp_path / "bad"),
            "--out",
            str(tmp_path / "o"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={"PYTHONPATH": f"{REPO_ROOT / 'build'}:{REPO_ROOT}", "PATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("a.txt: impossible date 2024-13-01 in the date header")
    assert not (tmp_path / "o" / "datapackage.json").exists()


def test_bom_and_crlf_are_accepted_and_normalised(tmp_path):
    raw = "\ufeff date 2024-01-28 First line.\r\n\r\nSecond line.\rThird line.\r\n".encode()
    write_article(tmp_path, "a.txt", raw)
    (article,) = read_articles(tmp_path)
    assert article.published_date == date(2024, 1, 28)
    assert article.body == "First line.\n\nSecond line.\nThird line."
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


def test_header_body_and_source_path(tmp_path):
    write_article(tmp_path / "2024" / "jan", "x-1.txt", "  date 2024-01-04   \n  Body text.  \n")
    (article,) = read_articles(tmp_path, source_prefix="in/")
    assert (article.article_id, article.body, article.source_path) == (
        "x-1",
        "Body text.",
        "in/2024/jan/x-1.txt",
    )


def test_seed_articles_are_read_in_id_order():
    articles = read_articles(SEEDS)
    assert [a.article_id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(a.body and not a.body[0].isspace() and not a.body[-1].isspace() for a in articles)
    assert {a.published_date.year for a in articles} == {2023, 2024}
