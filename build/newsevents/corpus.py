"""What a corpus says about itself, in two optional files beside its articles.

``corpus.json``
    the package's own metadata: ``name`` and ``title`` (required), and optionally ``description``,
    ``version``, ``homepage``, ``keywords``, ``licenses``, ``sources`` and ``contributors`` in the Data
    Package v2 form. It replaces the seeds' metadata (``schemas/package.meta.json``) as a whole: a licence,
    description or keyword of the seeds is never carried over to another corpus. Without the file the
    package keeps the seeds' metadata.
``sources.csv``
    one row per article it describes: ``file`` (the article's path inside the folder, as in
    ``articles.source_path``) and any of ``url``, ``outlet``, ``headline``, ``author``; an empty cell or a
    column left out is a missing value. It adds columns to ``articles``; the article files, their bodies and
    every offset into them stay exactly as they are.

A file that cannot be used stops the build before anything is written, with one line naming the file, the
row where there is one, and the problem (:class:`~newsevents.errors.InputError`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from newsevents.articles import check_link, decode_utf8, read_bytes
from newsevents.errors import InputError, one_line

CORPUS_FILE = "corpus.json"
SOURCES_FILE = "sources.csv"
SOURCE_COLUMNS = ("url", "outlet", "headline", "author")
#: A package name as Data Package v1 and v2 both accept it, and safe as a file and folder name: the release
#: archive, its folder and its DuckDB file are named after it.
NAME = re.compile(r"[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?")
VERSION = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.+-]*[0-9A-Za-z])?")
TEXT_KEYS = ("name", "title", "description", "version", "homepage")
LIST_KEYS = ("keywords", "licenses", "sources", "contributors")
#: The properties each item of a list may have (Data Package v2), and those it must have one of.
ITEM_KEYS = {
    "licenses": ({"name", "path", "title"}, {"name", "path"}),
    "sources": ({"title", "path", "email", "version"}, {"title"}),
    "contributors": ({"title", "givenName", "familyName", "path", "email", "roles", "organization"}, {"title"}),
}
MAX_METADATA_BYTES = 1 << 20
MAX_SOURCES_BYTES = 64 << 20


def _read_text(path: Path, limit: int) -> str:
    return decode_utf8(path, read_bytes(path, limit, f"a {path.name}"))


def _beside_articles(folder: Path, name: str) -> Path:
    """``folder/name``; a symbolic link there must stay inside ``folder`` (see :func:`check_link`)."""
    path = folder / name
    if path.is_symlink():
        check_link(path, Path(os.path.realpath(folder)))
    return path


def _has_control(text: str) -> bool:
    return any(not ch.isprintable() and ch != " " for ch in text)


def _plain_text(path: Path, where: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(path, f"{where} must be a non-empty string")
    if _has_control(value):
        raise InputError(path, f"{where} holds a line break or control character")
    return value


def _check_item(path: Path, key: str, index: int, item: object) -> dict:
    where = f"{key}[{index}]"
    allowed, needed = ITEM_KEYS[key]
    if not isinstance(item, dict):
        raise InputError(path, f"{where} must be an object")
    unknown = sorted(set(item) - allowed)
    if unknown:
        allowed_list = ", ".join(sorted(allowed))
        raise InputError(path, f"{where} has an unknown property {one_line(unknown[0])!r} (allowed: {allowed_list})")
    if not needed & set(item):
        raise InputError(path, f"{where} needs {' or '.join(sorted(needed))}")
    for name, value in item.items():
        if name == "roles":
            if not isinstance(value, list) or not value:
                raise InputError(path, f"{where}.roles must be a non-empty list of strings")
            for i, role in enumerate(value):
                _plain_text(path, f"{where}.roles[{i}]", role)
        else:
            _plain_text(path, f"{where}.{name}", value)
    return item


def read_corpus_metadata(folder: Path) -> dict | None:
    """The metadata ``folder/corpus.json`` gives (checked), or None when there is no such file."""
    path = _beside_articles(folder, CORPUS_FILE)
    if not path.is_file():
        return None
    try:
        meta = json.loads(_read_text(path, MAX_METADATA_BYTES))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON (line {exc.lineno} column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(path, "not usable JSON: nested too deeply (corpus metadata is a few levels deep)") from None
    if not isinstance(meta, dict):
        raise InputError(path, "must be a JSON object")
    unknown = sorted(set(meta) - {*TEXT_KEYS, *LIST_KEYS})
    if unknown:
        raise InputError(
            path, f"unknown property {one_line(unknown[0])!r} (allowed: {', '.join([*TEXT_KEYS, *LIST_KEYS])})"
        )
    for key in ("name", "title"):
        if key not in meta:
            raise InputError(path, f"no {key!r} (a corpus names and titles its own package)")
    for key in TEXT_KEYS:
        if key in meta:
            _plain_text(path, key, meta[key])
    if not NAME.fullmatch(meta["name"]):
        raise InputError(
            path, f"name {one_line(meta['name'])!r} must be lower-case letters, digits, '.', '_' or '-' (a file name)"
        )
    if "version" in meta and not VERSION.fullmatch(meta["version"]):
        raise InputError(path, f"version {one_line(meta['version'])!r} must be letters, digits, '.', '+' or '-'")
    if "homepage" in meta:
        _check_url(path, "homepage", meta["homepage"])
    for key in LIST_KEYS:
        if key not in meta:
            continue
        if not isinstance(meta[key], list):
            raise InputError(path, f"{key} must be a list")
        if key == "keywords":
            for i, word in enumerate(meta[key]):
                _plain_text(path, f"keywords[{i}]", word)
        else:
            for i, item in enumerate(meta[key]):
                _check_item(path, key, i, item)
    return meta


def _check_url(path: Path, where: str, value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(ch.isspace() for ch in value):
        raise InputError(path, f"{where} {one_line(value)!r} is not an http(s) URL")


def read_sources(folder: Path, article_files: list[Path]) -> dict[str, dict[str, str | None]]:
    """``{file: {url, outlet, headline, author}}`` from ``folder/sources.csv`` (``file`` is the article's
    path inside ``folder``, with ``/``); empty when there is no such file. Every listed file must be one of
    ``article_files``, listed once."""
    path = _beside_articles(folder, SOURCES_FILE)
    if not path.is_file():
        return {}
    known = {p.relative_to(folder).as_posix() for p in article_files}
    reader = csv.reader(io.StringIO(_read_text(path, MAX_SOURCES_BYTES), newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise InputError(path, "empty (expected a header row: file,url,outlet,headline,author)")
        header = [cell.strip() for cell in header]
        _check_header(path, header)
        rows: dict[str, dict[str, str | None]] = {}
        first_row: dict[str, int] = {}
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line
            if len(cells) != len(header):
                raise InputError(path, f"row {number}: {len(cells)} cells, the header has {len(header)}")
            record = dict(zip(header, (cell.strip() for cell in cells), strict=True))
            file = record.pop("file")
            if not file:
                raise InputError(path, f"row {number}: no file named")
            if file not in known:
                raise InputError(path, f"row {number}: no article {one_line(file)!r} in {one_line(str(folder))}")
            if file in first_row:
                raise InputError(path, f"row {number}: {one_line(file)} is already described in row {first_row[file]}")
            for column, value in record.items():
                if _has_control(value):
                    raise InputError(path, f"row {number}: {column} holds a line break or control character")
            if record.get("url"):
                _check_url(path, f"row {number}: url", record["url"])
            first_row[file] = number
            rows[file] = {column: record.get(column) or None for column in SOURCE_COLUMNS}
    except csv.Error as exc:
        raise InputError(path, f"row {reader.line_num}: not readable as CSV ({exc})") from None
    return rows


def _check_header(path: Path, header: list[str]) -> None:
    if "file" not in header:
        raise InputError(path, f"row 1: no 'file' column (the columns: file, {', '.join(SOURCE_COLUMNS)})")
    for column in header:
        if column != "file" and column not in SOURCE_COLUMNS:
            raise InputError(
                path, f"row 1: unknown column {one_line(column)!r} (the columns: file, {', '.join(SOURCE_COLUMNS)})"
            )
        if header.count(column) > 1:
            raise InputError(path, f"row 1: column {one_line(column)!r} appears twice")


NO_SOURCE: dict[str, str | None] = dict.fromkeys(SOURCE_COLUMNS)
ARTICLES_SOURCE = (
    "The news articles the package was built from, one file each: the articles resource gives each file's path, "
    "SHA-256 and, where the corpus's sources.csv names them, its URL, outlet, headline and author"
)


def package_metadata(corpus: dict | None, articles_path: str) -> dict:
    """The package's metadata: the corpus's own (``corpus.json``) or, without it, the seeds'
    (``schemas/package.meta.json``); the version is the project's unless the corpus gives one. The first
    source is always the folder of articles, at ``articles_path`` (as ``articles.source_path`` gives it)."""
    from newsevents import project_version
    from newsevents.schemas import package_meta

    meta = dict(corpus) if corpus is not None else dict(package_meta())
    meta.setdefault("version", project_version())
    meta["sources"] = [{"title": ARTICLES_SOURCE, "path": articles_path}, *meta.get("sources", [])]
    return meta
