"""The command line as a careless user and an attacker meet it: every failure is one line on stderr naming
the file (or the table, row and rule), a non-zero exit status, no traceback, and the previous package
exactly as it was, with no staging folder left. Interrupting a build (SIGINT, SIGTERM) is no different.

Downloads have their own file (``test_download.py``), and broken packages theirs (``broken.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types
import zipfile
from pathlib import Path

import pytest
from broken import read, restamp, write
from conftest import SEEDS, write_article

from newsevents import REPO_ROOT
from newsevents import package as package_module
from newsevents.articles import MAX_ARTICLE_BYTES, read_bytes
from newsevents.cli import main
from newsevents.errors import InputError
from newsevents.publish import archive_name

GOOD = " date 2024-01-28 Three soldiers were killed in a drone attack on a base in Jordan.\n"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "build"), str(REPO_ROOT)])}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small_package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small") / "out"
    write_article(out.parent / "good", "a.txt", GOOD)
    assert main(["build", "--seeds", str(out.parent / "good"), "--out", str(out)]) == 0
    return out


@pytest.fixture
def previous(small_package: Path, tmp_path: Path) -> Path:
    """An output folder holding a good package, which a failed command must leave untouched."""
    out = tmp_path / "out"
    shutil.copytree(small_package, out)
    return out


def one_line_error(capsys, status: int, *expected: str) -> str:
    """The command failed with exactly one line on stderr, naming what ``expected`` names; no traceback."""
    err = capsys.readouterr().err
    assert status != 0
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "Traceback" not in err and "internal error" not in err, err
    for text in expected:
        assert text in err, err
    return err


def build_fails(capsys, previous: Path, seeds: Path, *expected: str) -> str:
    before = snapshot(previous)
    status = main(["build", "--seeds", str(seeds), "--out", str(previous)])
    err = one_line_error(capsys, status, *expected)
    assert snapshot(previous) == before
    assert not list(previous.glob(".build-*"))
    return err


# --- inputs the reader refuses ------------------------------------------------------------------------

REFUSED = {
    "a date before the calendar's first year": (" date 0001-01-01 A drone attack last week.", "a.txt: date 0001-01-01"),
    "a date in its last year": (" date 9999-12-31 They will attack next week.", "a.txt: date 9999-12-31"),
    "a body of symbols only": (" date 2024-01-28 🙂 … —", "a.txt: no words in the body"),
    "a body of control characters": (" date 2024-01-28 \x00\x07\x1b", "a.txt: no words in the body"),
    "a year of five digits": (" date 12024-01-28 Words.", "a.txt: malformed date header"),
    "a NUL in the header": (" date 2024-01-2\x008 Words.", "a.txt: malformed date header"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_refused_input_is_one_line_naming_the_file(case, tmp_path, previous, capsys):
    content, expected = REFUSED[case]
    write_article(tmp_path / "bad", "a.txt", content)
    build_fails(capsys, previous, tmp_path / "bad", expected)


def test_an_article_over_the_size_limit_is_refused(tmp_path, previous, capsys):
    write_article(tmp_path / "bad", "a.txt", " date 2024-01-28 " + "Words and more words. " * (MAX_ARTICLE_BYTES // 20))
    build_fails(capsys, previous, tmp_path / "bad", "a.txt: larger than 200,000 bytes")


def test_an_unreadable_article_is_named(tmp_path, previous, capsys, monkeypatch):
    write_article(tmp_path / "bad", "a.txt", GOOD)
    original = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    build_fails(capsys, previous, tmp_path / "bad", "a.txt: cannot be read (Permission denied)")


def test_a_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path, previous, capsys):
    write_article(tmp_path / "bad", "a\nb.txt", GOOD)
    err = build_fails(capsys, previous, tmp_path / "bad", "a\\nb.txt")
    assert "not a usable article id" in err


def test_seeds_that_are_a_file_are_named(tmp_path, previous, capsys):
    (tmp_path / "seeds.txt").write_text(GOOD, encoding="utf-8")
    build_fails(capsys, previous, tmp_path / "seeds.txt", "seeds.txt: not a folder of articles")


# --- the folder of articles: unreadable, linked out, huge, oddly named, deep ---------------------------


def test_a_sub_folder_that_cannot_be_read_is_named_not_skipped(tmp_path, previous, capsys, monkeypatch):
    """The walk meets a folder it cannot list (here made so by the test: root reads any folder whatever its
    permissions, and the tests run as root); before, its articles were left out and the build succeeded."""
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    write_article(tmp_path / "seeds", "closed/b.txt", GOOD)
    original = os.scandir

    def refuse(path=".", *args, **kwargs):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", refuse)
    err = build_fails(capsys, previous, tmp_path / "seeds", f"{tmp_path / 'seeds' / 'closed'}: folder cannot be read")
    assert err.endswith("folder cannot be read (Permission denied)\n")


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists a folder whatever its permissions")
def test_a_sub_folder_without_permissions_is_named(tmp_path, previous, capsys):
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    write_article(tmp_path / "seeds", "closed/b.txt", GOOD)
    (tmp_path / "seeds" / "closed").chmod(0)
    try:
        build_fails(capsys, previous, tmp_path / "seeds", "closed: folder cannot be read (Permission denied)")
    finally:
        (tmp_path / "seeds" / "closed").chmod(0o755)


LINKS = {  # name in the seeds -> (target, relative to the test's folder; the problem the error gives)
    "an article linked out of the folder": ("link.txt", "outside/secret.txt", "a symbolic link to"),
    "a folder linked out of the folder": ("more", "outside", "a symbolic link to"),
    "corpus.json linked out of the folder": ("corpus.json", "outside/corpus.json", "a symbolic link to"),
    "sources.csv linked out of the folder": ("sources.csv", "outside/sources.csv", "a symbolic link to"),
    "an article linked to nothing": ("gone.txt", "seeds/missing.txt", "a symbolic link to nothing"),
}


@pytest.mark.parametrize("case", LINKS, ids=list(LINKS))
def test_a_symbolic_link_out_of_the_folder_is_refused(case, tmp_path, previous, capsys):
    name, target, problem = LINKS[case]
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    write_article(tmp_path / "outside", "secret.txt", " date 2024-01-28 Text that nobody put in the seeds.\n")
    (tmp_path / "outside" / "corpus.json").write_text('{"name": "x", "title": "Not the seeds"}', encoding="utf-8")
    (tmp_path / "outside" / "sources.csv").write_text("file,url\n", encoding="utf-8")
    (tmp_path / "seeds" / name).symlink_to(tmp_path / target)
    err = build_fails(capsys, previous, tmp_path / "seeds", f"{tmp_path / 'seeds' / name}: {problem}")
    if problem != "a symbolic link to nothing":
        assert f"{problem} {(tmp_path / target).resolve()}, outside {(tmp_path / 'seeds').resolve()}" in err


def test_links_within_the_folder_are_read(tmp_path, capsys):
    """A link to an article inside the folder is an article; a link to a folder inside it is not walked a
    second time (its articles are read where they are)."""
    write_article(tmp_path / "seeds", "sub/a.txt", GOOD)
    (tmp_path / "seeds" / "b.txt").symlink_to(tmp_path / "seeds" / "sub" / "a.txt")
    (tmp_path / "seeds" / "again").symlink_to(tmp_path / "seeds" / "sub")
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""
    articles = (tmp_path / "out" / "data" / "articles.csv").read_text(encoding="utf-8")
    assert [line.split(",")[0] for line in articles.splitlines()[1:]] == ["a", "b"]


def test_a_2_gib_file_is_refused_without_being_read(tmp_path):
    """A sparse file of 2 GiB: refused by its size before a byte is read (it used to be read whole, 2.27 GB
    at the peak, then refused). The process's own peak, from the kernel, stays far below the file's size."""
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    with (tmp_path / "seeds" / "huge.txt").open("wb") as f:
        f.truncate(2 << 30)
    command = [sys.executable, "-m", "newsevents", "build", "--seeds", str(tmp_path / "seeds")]
    command += ["--out", str(tmp_path / "out"), "--no-cache", "--workers", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=ENV)
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 1
    assert err == f"error: {tmp_path / 'seeds' / 'huge.txt'}: larger than 200,000 bytes, the limit for one article\n"
    assert usage.ru_maxrss < 1 << 20, f"peak {usage.ru_maxrss:,} KiB"  # KiB: under 1 GiB, half the file


def test_a_file_that_grows_past_the_limit_while_read_is_cut_at_the_limit(tmp_path):
    """A pipe announces no size (0 bytes): the read itself stops one byte past the limit."""
    pipe = tmp_path / "growing.txt"
    os.mkfifo(pipe)
    sent = []

    def write() -> None:
        try:
            with pipe.open("wb") as f:
                for _ in range(40):
                    f.write(b"x" * 10_000)
                    sent.append(10_000)
        except BrokenPipeError:  # the reader stopped, as it should
            pass

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.raises(InputError, match=r"growing\.txt: larger than 200,000 bytes, the limit for one article"):
        read_bytes(pipe)
    writer.join(timeout=10)
    assert not writer.is_alive() and sum(sent) < 400_000


def test_a_folder_name_that_is_not_utf8_is_named_with_escapes(tmp_path, previous, capsys):
    seeds = tmp_path / "seeds"
    write_article(seeds, "a.txt", GOOD)
    folder = os.fsencode(seeds) + b"/caf\xe9"
    os.mkdir(folder)
    with open(folder + b"/b.txt", "wb") as f:
        f.write(GOOD.encode("utf-8"))
    err = build_fails(capsys, previous, seeds, f"{seeds}/caf\\xe9/b.txt: the path is not valid UTF-8")
    assert "\\udc" not in err


def test_a_seeds_folder_named_in_another_encoding_is_named_with_escapes(tmp_path, previous, capsys):
    """Its name is the start of every ``source_path``: it must be text too."""
    seeds = Path(os.fsdecode(os.fsencode(tmp_path) + b"/seeds-\xe9t\xe9"))
    write_article(seeds, "a.txt", GOOD)
    build_fails(capsys, previous, seeds, f"{tmp_path}/seeds-\\xe9t\\xe9: the folder's name is not valid UTF-8")


def test_an_out_folder_named_in_another_encoding_is_refused_before_the_build(tmp_path, capsys):
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    out = Path(os.fsdecode(os.fsencode(tmp_path) + b"/out-\xe9"))
    status = main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(out)])
    one_line_error(capsys, status, f"{tmp_path}/out-\\xe9: the path is not valid UTF-8")
    assert not out.exists()


def remove_tree(top: Path) -> None:
    """Remove ``top`` and everything below it without recursion (``shutil.rmtree`` recurses, and would fail on
    the 1,100 nested folders below)."""
    pending = [(top, False)]
    while pending:
        path, emptied = pending.pop()
        if emptied:
            path.rmdir()
            continue
        pending.append((path, True))
        for entry in os.scandir(path):
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), False))
            else:
                os.unlink(entry.path)


def test_folders_nested_1100_deep_are_read(tmp_path, capsys):
    """Deeper than Python's recursion limit (the walk used to recurse, and stopped with an internal error).
    The folders are made outside pytest's temporary folder, whose clean-up would recurse into them."""
    seeds = Path(tempfile.mkdtemp(prefix="newsevents-deep-"))
    try:
        write_article(seeds, "a.txt", GOOD)
        folder = seeds
        for _ in range(1100):
            folder = folder / "d"
            folder.mkdir()  # one at a time: os.makedirs recurses too
        write_article(folder, "deep.txt", " date 2024-01-29 A sentence at the bottom of the folders.\n")
        assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--no-cache"]) == 0
    finally:
        remove_tree(seeds)
    assert capsys.readouterr().err == ""
    articles = (tmp_path / "out" / "data" / "articles.csv").read_text(encoding="utf-8")
    assert "d/" * 1100 + "deep.txt" in articles


def test_a_corpus_json_nested_too_deeply_is_one_line(tmp_path, previous, capsys):
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    nested = '{"name": "x", "title": "t", "keywords": ' + "[" * 100_000 + "]" * 100_000 + "}"
    (tmp_path / "seeds" / "corpus.json").write_text(nested, encoding="utf-8")
    build_fails(capsys, previous, tmp_path / "seeds", "corpus.json: not usable JSON: nested too deeply")


# --- inputs at the edges that the reader accepts: the build succeeds ----------------------------------

ACCEPTED = {
    "the calendar's last day, next week": " date 9998-12-31 The militia said it would attack US forces next week.",
    "the calendar's first day, last week": " date 0002-01-01 A drone attack last week killed three soldiers.",
    "a date phrase beyond the calendar": " date 2024-01-04 The attack 99999999 days ago killed 3 people in Erbil.",
    "an anniversary beyond the calendar": " date 2024-01-04 Iran marked the 9000th anniversary of Soleimani's death.",
}


@pytest.mark.parametrize("case", ACCEPTED, ids=list(ACCEPTED))
def test_dates_at_the_calendar_edges_build(case, tmp_path, capsys):
    write_article(tmp_path / "seeds", "a.txt", ACCEPTED[case])
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""


def test_a_20_digit_number_is_not_a_count_and_the_package_validates(tmp_path, capsys):
    write_article(tmp_path / "seeds", "a.txt", " date 2024-01-04 A drone attack killed 99999999999999999999 people.")
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")]) == 0
    assert "99999999999999999999" not in (tmp_path / "out" / "data" / "claims.csv").read_text(encoding="utf-8")
    assert main(["validate", "--package", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().err == ""


# --- output folders -----------------------------------------------------------------------------------


def test_out_that_is_a_file(tmp_path, capsys):
    (tmp_path / "out").write_text("mine", encoding="utf-8")
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    status = main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")])
    one_line_error(capsys, status, "out: not a folder")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "mine"


def test_out_under_a_file(tmp_path, capsys):
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    status = main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "file" / "out")])
    one_line_error(capsys, status, "file/out: lies under", "which is a file")


def test_out_that_cannot_be_written(tmp_path, previous, capsys, monkeypatch):
    """A read-only folder (simulated: the tests may run as root, who may write anywhere)."""
    write_article(tmp_path / "seeds", "a.txt", GOOD)

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(previous))

    monkeypatch.setattr(tempfile, "mkdtemp", read_only)
    build_fails(capsys, previous, tmp_path / "seeds", "out: cannot write the package here (Permission denied)")


def test_a_swap_that_fails_half_way_puts_the_previous_package_back(tmp_path, previous, capsys, monkeypatch):
    write_article(tmp_path / "seeds", "a.txt", GOOD.replace("Three", "Four"))
    original = os.replace

    def fail_on_descriptor(src, dst):
        if Path(dst).name == "datapackage.json":
            raise OSError(28, "No space left on device", str(dst))
        return original(src, dst)

    monkeypatch.setattr(package_module.os, "replace", fail_on_descriptor)
    build_fails(capsys, previous, tmp_path / "seeds", "datapackage.json: cannot write the package (No space left")


# --- validate and query on broken packages ------------------------------------------------------------


def validate_fails(capsys, package: Path, table: str, row: str, rule: str) -> None:
    status = main(["validate", "--package", str(package), "--layers", "frictionless,pandera,duckdb-sql,derived"])
    out, err = capsys.readouterr()
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("error: ") and "Traceback" not in err, err
    assert any(table in line and row in line and rule in line for line in out.splitlines()), out


def test_validate_without_a_package_is_one_line(tmp_path, capsys):
    one_line_error(capsys, main(["validate", "--package", str(tmp_path)]), "datapackage.json: no data package here")


def test_validate_on_a_descriptor_that_is_not_json(previous, capsys):
    (previous / "datapackage.json").write_text("{", encoding="utf-8")
    validate_fails(capsys, previous, "(package)", "(descriptor)", "valid JSON")


def test_a_descriptor_nested_too_deeply_is_one_line(previous, capsys):
    (previous / "datapackage.json").write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    validate_fails(capsys, previous, "(package)", "(descriptor)", "valid JSON: nested too deeply to read")
    for command in (["query", "SELECT 1"], ["publish", "--dist", str(previous.parent / "dist")]):
        status = main([*command, "--package", str(previous)])
        one_line_error(capsys, status, "nested too deeply to read")


def test_validate_on_an_empty_csv(previous, capsys):
    (previous / "data" / "claims.csv").write_bytes(b"")
    validate_fails(capsys, previous, "claims", "row 1", "header row")


def test_validate_on_a_deleted_csv(previous, capsys):
    (previous / "data" / "events.csv").unlink()
    validate_fails(capsys, previous, "events", "(file)", "file exists")


def test_validate_on_a_resource_removed_from_the_descriptor(previous, capsys):
    descriptor = json.loads((previous / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "sentences"]
    (previous / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    validate_fails(capsys, previous, "sentences", "(resource)", "listed in datapackage.json")


def test_validate_on_a_20_digit_number(previous, capsys):
    rows = read(previous, "articles")
    rows[0]["n_words"] = "9" * 20
    write(previous, "articles", rows)
    restamp(previous)
    validate_fails(capsys, previous, "articles", "article_id=a", "within 64 bits")


def test_validate_with_an_unknown_layer(previous, capsys):
    status = main(["validate", "--package", str(previous), "--layers", "pandera,nonsense"])
    one_line_error(capsys, status, "--layers pandera,nonsense: no layer nonsense")


def test_a_sql_typo_in_query_is_one_line(previous, capsys):
    status = main(["query", "SELEC count(*) FROM articles", "--package", str(previous)])
    one_line_error(capsys, status, "query: Parser Error")


def test_a_query_on_a_missing_table_is_one_line(previous, capsys):
    one_line_error(capsys, main(["query", "FROM nowhere", "--package", str(previous)]), "query: Catalog Error")


def test_a_query_on_a_broken_package_names_the_problem(previous, capsys):
    (previous / "data" / "mentions.csv").unlink()
    status = main(["query", "FROM articles", "--package", str(previous)])
    one_line_error(capsys, status, "mentions [(file)] the resource's file exists")


def test_publish_to_a_dist_that_is_a_file(previous, tmp_path, capsys):
    (tmp_path / "dist").write_text("mine", encoding="utf-8")
    status = main(["publish", "--package", str(previous), "--dist", str(tmp_path / "dist")])
    one_line_error(capsys, status, "dist")
    assert (tmp_path / "dist").read_text(encoding="utf-8") == "mine"


def test_a_full_disk_while_publishing_is_one_line_naming_the_archive(previous, tmp_path):
    """DuckDB's checkpoint fails when the disk is full (here a file size limit of 300 KiB on the process,
    which fails the same write with EFBIG): one line naming the archive that was to be written, not the
    temporary file nor an input, and nothing left in ``dist``."""
    import resource

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (300 << 10, 300 << 10))

    dist = tmp_path / "dist"
    done = newsevents("publish", "--package", str(previous), "--dist", str(dist), preexec_fn=limit_file_size)
    archive = dist / archive_name(json.loads((previous / "datapackage.json").read_text(encoding="utf-8")))
    assert done.returncode == 1
    assert done.stderr == f"error: {archive}: cannot be written, nothing was published (File too large)\n"
    assert list(dist.iterdir()) == []


HOSTILE = {
    "name": "hostile-corpus",
    "title": "Events <script>alert(1)</script> & <!-- more -->",
    "description": "Read [the notes](javascript:alert(1)), <a href='javascript:alert(2)'>this</a>, "
    "![x](javascript:alert(3)) or <javascript:alert(4)>; *not* `code` | &lt;b&gt;",
    "homepage": "https://example.org/?a=1&b=<c>",
    "licenses": [{"name": "<img src=x onerror=alert(5)>", "path": "https://example.org/licence"}],
    "sources": [{"title": "# A [wire](javascript:alert(6))", "path": "a` <script>alert(7)</script> `b"}],
    "contributors": [{"title": 'Ann "Quote" O\'Neil: #1 \\ back'}],
    "keywords": ["key: value", "- item", "&anchor", "*alias", "!tag", "{a: b}", "été", "1. first"],
}


HOSTILE_SOURCES = (
    "file,url,outlet,headline,author\n"
    "a.txt,https://example.org/a,<b>Outlet</b>,```<script>alert(8)</script>,[x](javascript:alert(9))\n"
)


def test_corpus_text_in_the_release_readme_is_text_and_in_the_citation_is_yaml(tmp_path, capsys):
    """What ``corpus.json`` says reaches the README as text a Markdown reader shows as it is (no tag, no
    link to ``javascript:``), and ``CITATION.cff`` as YAML strings that read back the same; what
    ``sources.csv`` says stays inside the data dictionary's code block."""
    import yaml
    from markdown_it import MarkdownIt

    write_article(tmp_path / "seeds", "a.txt", GOOD)
    (tmp_path / "seeds" / "corpus.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
    (tmp_path / "seeds" / "sources.csv").write_text(HOSTILE_SOURCES, encoding="utf-8")
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "out")]) == 0
    assert main(["publish", "--package", str(tmp_path / "out"), "--dist", str(tmp_path / "dist")]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(tmp_path / "dist" / "hostile-corpus.zip") as zf:
        readme = zf.read("hostile-corpus/README.md").decode("utf-8")
        citation = zf.read("hostile-corpus/CITATION.cff").decode("utf-8")

    markdown = MarkdownIt("commonmark")  # raw HTML on, as GitHub and most renderers have it
    rendered = markdown.render(readme)
    for live in ("<script", "<img", "<a ", "<!--", 'href="javascript', "<b>"):
        assert live not in rendered, live
    assert "```&lt;script&gt;alert(8)&lt;/script&gt;" in rendered  # the headline, in the sample's code block
    tokens = markdown.parse(readme)
    links = [c.attrs["href"] for t in tokens if t.children for c in t.children if c.type == "link_open"]
    assert not [href for href in links if not href.startswith(("http://", "https://"))], links

    def shown(block: str) -> str:
        """The text a reader sees in the block whose source is ``block``: its plain text, code included."""
        (inline,) = [t for t in tokens if t.type == "inline" and t.content == block]
        assert {c.type for c in inline.children} <= {"text", "code_inline", "softbreak"}, inline.children
        return "".join(c.content for c in inline.children)

    title_line = readme.splitlines()[0]
    assert shown(title_line.removeprefix("# ")) == HOSTILE["title"]
    (description,) = [line for line in readme.splitlines() if "Read " in line]
    assert shown(description) == HOSTILE["description"]
    (source,) = [line for line in readme.splitlines() if line.startswith("- ") and "wire" in line]
    assert shown(source.removeprefix("- ")) == f"{HOSTILE['sources'][0]['title']} ({HOSTILE['sources'][0]['path']})"

    cff = yaml.safe_load(citation)
    assert cff["title"] == HOSTILE["title"] and cff["abstract"] == HOSTILE["description"]
    assert cff["url"] == HOSTILE["homepage"] and cff["license"] == HOSTILE["licenses"][0]["name"]
    assert cff["authors"] == [{"name": HOSTILE["contributors"][0]["title"]}]
    assert cff["keywords"] == HOSTILE["keywords"]


def test_a_javascript_homepage_is_refused(tmp_path, previous, capsys):
    write_article(tmp_path / "seeds", "a.txt", GOOD)
    corpus = {"name": "x", "title": "A title", "homepage": "javascript:alert(1)"}
    (tmp_path / "seeds" / "corpus.json").write_text(json.dumps(corpus), encoding="utf-8")
    build_fails(
        capsys, previous, tmp_path / "seeds", "corpus.json: homepage 'javascript:alert(1)' is not an http(s) URL"
    )


# --- the real process: exit status, stderr, signals ---------------------------------------------------


def newsevents(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newsevents", *args], capture_output=True, text=True, env=ENV, check=False, **kwargs
    )


def test_the_process_prints_one_line_and_exits_non_zero(tmp_path):
    write_article(tmp_path / "bad", "a\nb.txt", GOOD)
    (tmp_path / "file").write_text("x", encoding="utf-8")
    runs = [
        newsevents("build", "--seeds", str(tmp_path / "bad"), "--out", str(tmp_path / "out")),
        newsevents("build", "--seeds", str(SEEDS), "--out", str(tmp_path / "file" / "out")),
        newsevents("query", "SELEC 1", "--package", str(REPO_ROOT)),
        newsevents("validate", "--package", str(tmp_path)),
        newsevents("download", str(tmp_path / "nothing.zip"), "--out", str(tmp_path / "dl"), "--sha256", "0" * 64),
    ]
    for done in runs:
        assert done.returncode == 1, done
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: "), done.stderr
        assert "Traceback" not in done.stderr


def interrupt_build(tmp_path: Path, out: Path, signum: int, when: str) -> subprocess.CompletedProcess:
    """Start a build of the seeds into ``out``, send ``signum`` while it runs (``when``: "early", during the
    reading of the articles, or "staging", once the staging folder exists), and wait for it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsevents", "build", "--seeds", str(SEEDS), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    if when == "early":
        time.sleep(1.5)
    else:
        while not list(out.glob(".build-*")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(
    ("signum", "when"),
    [(signal.SIGINT, "staging"), (signal.SIGTERM, "staging"), (signal.SIGTERM, "early"), (signal.SIGINT, "early")],
    ids=["SIGINT-while-staging", "SIGTERM-while-staging", "SIGTERM-early", "SIGINT-early"],
)
def test_an_interrupted_build_leaves_the_previous_package_and_no_staging(signum, when, previous, tmp_path):
    before = snapshot(previous)
    done = interrupt_build(tmp_path, previous, signum, when)
    assert done.returncode == 128 + signum, done
    assert done.stderr == f"error: interrupted by {signal.Signals(signum).name}; nothing was half written\n"
    assert snapshot(previous) == before
    assert sorted(p.name for p in previous.iterdir()) == ["data", "datapackage.json"]


# --- nox: relative paths are the user's ---------------------------------------------------------------


class FakeSession:
    """Records what a nox session runs, and in which folder (nox itself runs sessions in the repository)."""

    def __init__(self, invoked_from: Path, posargs: list[str]) -> None:
        self.invoked_from, self.posargs = str(invoked_from), posargs
        self.cwd, self.runs = str(REPO_ROOT), []

    def install(self, *args, **kwargs) -> None:
        pass

    def run(self, *args, **kwargs) -> None:
        self.runs.append((self.cwd, args, kwargs))

    def error(self, message: str) -> None:
        raise AssertionError(message)

    def chdir(self, folder: str):
        session = self

        class Back:
            def __init__(self) -> None:
                self.before, session.cwd = session.cwd, str(folder)

            def __enter__(self) -> None:
                pass

            def __exit__(self, *exc) -> None:
                session.cwd = self.before

        return Back()


def stub_nox() -> types.SimpleNamespace:
    """Just enough of nox to import the noxfile (nox is the CLI's runner, not a dependency of the tests)."""

    def session(function=None, **options):
        return function if function is not None else (lambda f: f)

    return types.SimpleNamespace(session=session, options=types.SimpleNamespace(), Session=object)


@pytest.mark.parametrize("name", ["build", "validate", "query", "publish", "download", "bench"])
def test_nox_runs_the_commands_in_the_folder_it_was_invoked_from(name, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "nox", stub_nox())
    monkeypatch.delitem(sys.modules, "noxfile", raising=False)
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    import noxfile

    session = FakeSession(tmp_path, ["--out", "out"] if name != "query" else ["SELECT 1"])
    getattr(noxfile, name)(session)
    assert session.runs and all(cwd == str(tmp_path) for cwd, _, _ in session.runs)
    assert session.cwd == str(REPO_ROOT)
    # The session calls the installed command, not the code on a path of its own.
    assert all(args[0] == "newsevents" and args[1] == name for _, args, _ in session.runs)


def test_nox_query_prints_the_result_without_echoing_the_sql_first(tmp_path, monkeypatch):
    """nox logs each command it runs, shell-quoted; for a query that is the SQL again above its result."""
    monkeypatch.setitem(sys.modules, "nox", stub_nox())
    monkeypatch.delitem(sys.modules, "noxfile", raising=False)
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    import noxfile

    session = FakeSession(tmp_path, ["SELECT 1", "--format", "csv"])
    noxfile.query(session)
    ((_, args, kwargs),) = session.runs
    assert args == ("newsevents", "query", "SELECT 1", "--format", "csv")
    assert kwargs.get("log") is False


def claim(claim_id: str, low: int, high: int | None, status: str = "reported", revises: str | None = None) -> dict:
    return {
        "claim_id": claim_id,
        "article_id": "a",
        "event_id": "ev-1",
        "quantity": "killed",
        "value_low": low,
        "value_high": high,
        "qualifier": "exact" if high == low else "more_than",
        "status": status,
        "start": len(claim_id) + low % 7,
        "revises_claim_id": revises,
    }


def test_a_count_beyond_the_schema_maximum_is_dropped_with_the_figure_it_revises():
    from datetime import date

    from newsevents.pipeline import counts_in_range

    huge = 10**20
    tables = {
        "articles": [{"article_id": "a", "published_date": date(2024, 1, 4)}],
        "events": [{"event_id": "ev-1", "fatalities_low": 5, "fatalities_best": huge, "fatalities_high": None}],
        "claims": [
            claim("cl-revised", huge, huge, "revised", revises="cl-initial"),
            claim("cl-initial", huge + 1, None, "initial"),
            claim("cl-kept", 5, 5),
        ],
    }
    changed = counts_in_range(tables, None)
    assert [c["claim_id"] for c in changed["claims"]] == ["cl-kept"]
    (event,) = changed["events"]
    assert (event["fatalities_low"], event["fatalities_best"], event["fatalities_high"]) == (5, 5, 5)
    assert counts_in_range({**tables, "claims": [claim("cl-kept", 5, 5)]}, None) == {}


def test_a_failure_nobody_foresaw_is_still_one_line(previous, capsys, monkeypatch):
    """The last resort: a bug still gives one line (naming itself a bug), not a traceback."""
    import newsevents.duck

    def broken_connect(*args, **kwargs):
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setattr(newsevents.duck, "connect", broken_connect)
    status = main(["query", "SELECT 1", "--package", str(previous)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1
    assert err.startswith("error: internal error RuntimeError: something nobody foresaw (a bug: please report it")
