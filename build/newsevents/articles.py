"""Read raw article files: `` date YYYY-MM-DD `` header, then the body.

Every problem with an input file raises :class:`InputError` naming the file, before anything is written.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsevents.errors import InputError, one_line

ARTICLE_SUFFIX = ".txt"
ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
HEADER_KEYWORD = re.compile(r"[ \t]*date\b")
HEADER = re.compile(r"[ \t]*date[ \t]+(?P<value>\S+)(?:[ \t\n]|\Z)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
#: The publication dates the build can date events from: the calendar less a year at each end, because
#: windows reach weeks and years around publication (``last week``, ``next year``, ``since``).
FIRST_DAY, LAST_DAY = date(2, 1, 1), date(9998, 12, 31)
#: A longer file is refused with one line: 200 kB is some 30,000 words, several times the longest news
#: feature, and the reading of entities and events grows faster than an article's length (a 100 kB article
#: takes seconds, a 400 kB one over half a minute).
MAX_ARTICLE_BYTES = 200_000


@dataclass(frozen=True)
class Article:
    article_id: str
    published_date: date
    body: str
    source_path: str
    sha256: str


def check_link(path: Path, root: Path) -> None:
    """A symbolic link at ``path`` must lead to something that exists inside ``root`` (resolved): a link out of
    the folder of articles would read, and publish, a file nobody put in it."""
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(root):
        outside = f"outside {one_line(str(root))}"
        raise InputError(path, f"a symbolic link to {one_line(str(target))}, {outside} (only links within it are read)")
    if not target.exists():
        raise InputError(path, "a symbolic link to nothing (its target does not exist or is a loop)")


def _check_name(path: Path, seeds_dir: Path) -> None:
    relative = path.relative_to(seeds_dir).as_posix()
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            path, "the path is not valid UTF-8 (the package records each article's path as text)"
        ) from None


def find_article_files(seeds_dir: Path) -> list[Path]:
    """The article files below ``seeds_dir`` (subfolders included, hidden ones skipped), in path order.

    The folders are walked one after the other, not recursively, so any depth is read. Refused with one line:
    a folder that cannot be read (none is skipped), a symbolic link named as an article or leading to a folder
    that leads outside ``seeds_dir`` or to nothing, an article path that is not UTF-8. A link to an article
    inside the folder is read; one to a folder inside it is not followed (its files are read where they
    are). Links of other names are ignored, like any file that is not an article."""
    if not seeds_dir.is_dir():
        raise InputError(seeds_dir, "not a folder of articles")
    root = Path(os.path.realpath(seeds_dir))
    files: list[Path] = []
    pending = [seeds_dir]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            raise InputError(folder, f"folder cannot be read ({exc.strerror or exc})") from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                if entry.is_symlink():
                    if entry.name.endswith(ARTICLE_SUFFIX) or entry.is_dir():
                        check_link(path, root)
                    if entry.is_dir():
                        continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.name.endswith(ARTICLE_SUFFIX) and entry.is_file():
                    _check_name(path, seeds_dir)
                    files.append(path)
            except OSError as exc:
                raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not files:
        raise InputError(seeds_dir, f"no articles found (expected *{ARTICLE_SUFFIX} files)")
    return sorted(files, key=lambda p: p.relative_to(seeds_dir).as_posix())


def decode_utf8(path: Path, raw: bytes) -> str:
    """UTF-8 text with a leading BOM removed; anything else is an :class:`InputError` saying where."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 text with a leading BOM removed and CRLF / CR line endings normalised to LF."""
    return decode_utf8(path, raw).replace("\r\n", "\n").replace("\r", "\n")


def parse_header(path: Path, text: str) -> tuple[date, str]:
    """Split `` date YYYY-MM-DD <body>`` into the publication date and the trimmed body."""
    if not HEADER_KEYWORD.match(text):
        raise InputError(path, "missing date header (the file must start with ' date YYYY-MM-DD ')")
    header = HEADER.match(text)
    if header is None or not ISO_DATE.fullmatch(header["value"]):
        first_line = text.split("\n", 1)[0].strip()[:40]
        raise InputError(path, f"malformed date header {first_line!r} (expected ' date YYYY-MM-DD ')")
    try:
        published = date.fromisoformat(header["value"])
    except ValueError:
        raise InputError(path, f"impossible date {header['value']} in the date header") from None
    if not FIRST_DAY <= published <= LAST_DAY:
        raise InputError(path, f"date {published} in the date header is outside {FIRST_DAY} to {LAST_DAY}")
    body = text[header.end() :].strip()
    if not body:
        raise InputError(path, "empty body (no text after the date header)")
    if not WORD.search(body):
        raise InputError(path, "no words in the body (only symbols, punctuation or spaces)")
    return published, body


def read_bytes(path: Path, limit: int = MAX_ARTICLE_BYTES, of: str = "one article") -> bytes:
    """The file's bytes; an unreadable file, or one over ``limit`` (the limit for ``of``), is an
    :class:`InputError`. The size is checked before reading and the read stops past the limit: a huge file,
    or one that grows while it is read, is refused without loading it."""
    try:
        with path.open("rb") as f:
            if os.fstat(f.fileno()).st_size > limit:  # refused before reading a byte
                raise InputError(path, f"larger than {limit:,} bytes, the limit for {of}")
            raw = f.read(limit + 1)
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > limit:  # it grew while being read, or is not a regular file
        raise InputError(path, f"larger than {limit:,} bytes, the limit for {of}")
    return raw


def read_article(path: Path, seeds_dir: Path, source_prefix: str) -> Article:
    article_id = path.name.removesuffix(ARTICLE_SUFFIX)
    if not ARTICLE_ID.fullmatch(article_id):
        raise InputError(path, f"file name {path.name!r} is not a usable article id (letters, digits, . _ -)")
    raw = read_bytes(path)
    published, body = parse_header(path, decode_text(path, raw))
    return Article(
        article_id=article_id,
        published_date=published,
        body=body,
        source_path=f"{source_prefix}{path.relative_to(seeds_dir).as_posix()}",
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def read_articles(seeds_dir: Path, source_prefix: str = "") -> list[Article]:
    """All articles under ``seeds_dir``, sorted by id; ``source_path`` is ``source_prefix`` + relative path."""
    articles: dict[str, Article] = {}
    paths: dict[str, Path] = {}
    for path in find_article_files(seeds_dir):
        article = read_article(path, seeds_dir, source_prefix)
        if article.article_id in articles:
            other = paths[article.article_id]
            raise InputError(path, f"duplicate article id {article.article_id!r} (also {other})")
        articles[article.article_id] = article
        paths[article.article_id] = path
    return [articles[k] for k in sorted(articles)]


def duplicate_ids(paths: list[Path]) -> dict[Path, InputError]:
    """For each file whose article id an earlier file (in path order) already has: the error to report."""
    first: dict[str, Path] = {}
    errors = {}
    for path in paths:
        article_id = path.name.removesuffix(ARTICLE_SUFFIX)
        if article_id in first:
            errors[path] = InputError(path, f"duplicate article id {article_id!r} (also {first[article_id]})")
        else:
            first[article_id] = path
    return errors


def count_words(text: str) -> int:
    return len(WORD.findall(text))
