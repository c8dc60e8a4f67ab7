"""Generated articles, and the properties every package built from them must have.

The articles are what a careless or hostile corpus holds: sentences of the seed articles cut and mixed,
event sentences made from templates with the reference data's names, numbers in digits (up to 25 of them)
and in words, date phrases, and publication dates at both edges of the accepted calendar; text of every
Unicode plane, control characters, byte-order marks, CRLF and CR line endings, tabs, form feeds, NULs.
Every article is one the reader accepts, so every corpus must build into a package that passes every
check (:func:`check_corpus`).

Used by ``tests/test_fuzz.py`` at a modest size and by ``nox -s fuzz -- --articles N`` at any size.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from newsevents import DEFAULT_SEEDS, REFERENCE_DIR
from newsevents.articles import FIRST_DAY, LAST_DAY, read_articles
from newsevents.cli import build
from newsevents.schemas import table_schemas
from newsevents.sentences import split_sentences
from validation.runner import run as run_checks


@cache
def seed_sentences() -> tuple[str, ...]:
    """Every sentence of the seed articles."""
    return tuple(a.body[s.start : s.end] for a in read_articles(DEFAULT_SEEDS) for s in split_sentences(a.body))


@cache
def names() -> tuple[str, ...]:
    """The names and aliases of the reference data: actors, places, people."""
    with (REFERENCE_DIR / "entities.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    found = {r["name"] for r in rows} | {a for r in rows for a in r["aliases"].split("|") if a}
    return tuple(sorted(found))


DATE_PHRASES = (
    "today", "yesterday", "tomorrow", "tonight", "on Tuesday", "last Friday", "this Sunday", "next Monday",
    "last week", "next week", "last month", "next month", "last year", "next year", "this week", "earlier this year",
    "later this month", "in recent weeks", "recently", "over the past two weeks", "within a week", "within 9999 years",
    "three days ago", "9999 years ago", "99999999 days ago", "two days earlier", "a year before",
    "October 7", "7 October 2023", "February 29", "Feb. 30", "December 31, 9999", "January 1, 0001", "in January",
    "in 1979", "since 2014", "since October 7", "since the war began", "2024-02-30", "0001-01-01", "9999-12-31",
    "the fourth anniversary of the killing of Qassem Soleimani", "the 9000th anniversary of the October 7 attack",
    "on that same day", "in mid-December", "early Thursday",
)  # fmt: skip
QUALIFIERS = ("", "at least ", "more than ", "over ", "nearly ", "about ", "up to ", "fewer than ", "some ")
NUMBER_WORDS = (
    "one", "two", "three", "a dozen", "dozens of", "hundreds of", "thousands of", "twenty-three", "a hundred",
    "one hundred and five", "a million", "ninety-nine thousand", "zero", "several", "a few", "a handful of",
)  # fmt: skip
ODD_CHARACTERS = (
    "\x00", "\x07", "\x08", "\t", "\x0b", "\x0c", "\r", "\r\n", "\x1b", "\x1f", "\x7f", "\x85", "\xa0", "\u200b",
    "\u200e", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\U0001f4a5", "\U00020000", "\U000e0001",
    "\U000f0000", "\U0010fffd", "e\u0301", '"', "'", ",", "’", "“", "”", "…",
)  # fmt: skip
TEMPLATES = (
    "{a} launched a drone attack on {b} in {p} {d}, killing {n} people.",
    "{n} soldiers were killed and {m} injured when {a} struck {p} {d}.",
    "{a} said {n} people died in the strike on {b} {d}.",
    "The death toll rose to {n}, {a} said {d}, up from {m}.",
    "Initial reports overestimated the death toll; {n} people were killed in {p}.",
    "{a} claimed responsibility for the attack on {b} {d}.",
    "{a} condemned the strike in {p}, which wounded {n}.",
    "{a} vowed to retaliate against {b} {d}.",
    "There have been {n} attacks on {b} since {d}.",
    "{a} carried out {n} strikes on {p} {d}, according to {b}.",
    "Did {a} attack {b} {d}?",
    "{a} and {b} met in {p} {d}.",
)

dates_accepted = st.one_of(
    st.dates(date(2019, 1, 1), date(2025, 12, 31)),
    st.dates(FIRST_DAY, LAST_DAY),
    st.integers(0, 40).map(lambda d: FIRST_DAY + timedelta(days=d)),
    st.integers(0, 40).map(lambda d: LAST_DAY - timedelta(days=d)),
)
digits = st.one_of(
    st.integers(0, 200),
    st.integers(0, 10**25),
    st.integers(1000, 10**7).map(lambda n: f"{n:,}"),
    st.sampled_from(["999999999999999", "1000000000000000", "1000000000000001", "9223372036854775808"]),
)
numbers = st.one_of(
    st.builds(lambda q, n: f"{q}{n}", st.sampled_from(QUALIFIERS), digits),
    st.builds(lambda q, w: f"{q}{w}", st.sampled_from(QUALIFIERS), st.sampled_from(NUMBER_WORDS)),
)
odd_text = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.lists(st.sampled_from(ODD_CHARACTERS), min_size=1, max_size=4).map("".join),
)
name = st.one_of(
    st.deferred(lambda: st.sampled_from(names())),
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=10).map(str.title),
    st.sampled_from(["Mr. Hiyari", "Abu-Taqwa", "al-Nujaba", "U.S.", "PMF", "Kata’ib Hezbollah", "Ālbū Kamāl"]),
)
template_sentence = st.builds(
    lambda t, a, b, p, d, n, m: t.format(a=a, b=b, p=p, d=d, n=n, m=m),
    st.sampled_from(TEMPLATES),
    name,
    name,
    name,
    st.sampled_from(DATE_PHRASES),
    numbers,
    numbers,
)
fragment = st.one_of(
    st.deferred(lambda: st.sampled_from(seed_sentences())),
    template_sentence,
    odd_text,
    st.builds(lambda n: f"{n} killed.", numbers),
    st.sampled_from(DATE_PHRASES).map(str.capitalize),
)
separator = st.sampled_from([" ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "  ", "\n \n"])


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """A body that starts with words (the reader refuses a body without any), then anything."""
    first = draw(st.one_of(template_sentence, st.deferred(lambda: st.sampled_from(seed_sentences()))))
    parts = [first]
    for piece in draw(st.lists(fragment, max_size=10)):
        parts += [draw(separator), piece]
    return "".join(parts)


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, bytes]:
    """(subfolder, file content) of one article the reader accepts."""
    published = draw(dates_accepted)
    lead, gap = draw(st.sampled_from(["", " ", "\t", "  "])), draw(st.sampled_from([" ", "\t", "  "]))
    after, end = draw(st.sampled_from([" ", "\n", "\t", "\r\n"])), draw(st.sampled_from(["", "\n"]))
    text = f"{lead}date{gap}{published.isoformat()}{after}{draw(bodies())}{end}"
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    content = text.encode("utf-8")
    if draw(st.booleans()):
        content = b"\xef\xbb\xbf" + content  # a byte-order mark
    folder = draw(st.sampled_from(["", "", "2024", "wire/afp"]))
    return folder, content


def write_corpus(folder: Path, drawn: list[tuple[str, bytes]]) -> Path:
    """The drawn articles as files ``a<i>.txt`` (in their subfolders) under ``folder``."""
    for i, (sub, content) in enumerate(drawn):
        path = folder / sub / f"a{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def package_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(package: Path, table: str) -> list[dict[str, str]]:
    with (package / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


SPAN_TABLES = ("sentences", "mentions", "event_mentions", "claims")
ORDERED = {
    "events": [("date_start", "date_end"), ("first_reported", "last_reported"), ("fatalities_low", "fatalities_best")],
    "event_mentions": [("date_start", "date_end")],
    "claims": [("value_low", "value_high")],
}


def spans_off(package: Path) -> list[str]:
    """Rows whose text is not the body at their offsets (code points, end exclusive)."""
    bodies_ = {a["article_id"]: a["body"] for a in _rows(package, "articles")}
    return [
        f"{table} {r['article_id']} [{r['start']}:{r['end']}]"
        for table in SPAN_TABLES
        for r in _rows(package, table)
        if bodies_[r["article_id"]][int(r["start"]) : int(r["end"])] != r["text"]
    ]


def dangling_keys(package: Path) -> list[str]:
    """Foreign keys whose target row does not exist."""
    found = []
    for schema in table_schemas():
        rows = _rows(package, schema.name)
        for fk in schema.foreign_keys:
            target = fk["reference"]["resource"] or schema.name
            keys = {tuple(r[c] for c in fk["reference"]["fields"]) for r in _rows(package, target)}
            for r in rows:
                value = tuple(r[c] for c in fk["fields"])
                if all(value) and value not in keys:
                    found.append(f"{schema.name}.{','.join(fk['fields'])} = {value}")
    return found


def disordered(package: Path) -> list[str]:
    """Windows and ranges whose start is after their end."""
    found = []
    for table, pairs in ORDERED.items():
        for r in _rows(package, table):
            for a, b in pairs:
                if r[a] and r[b] and _value(r[a]) > _value(r[b]):
                    found.append(f"{table}: {a} {r[a]} > {b} {r[b]}")
    return found


def _value(text: str) -> object:
    return int(text) if text.lstrip("-").isdigit() else text


def check_corpus(seeds: Path, work: Path, layers: list[str] | None = None) -> dict[str, int]:
    """Build ``seeds`` twice and assert every property; return the row counts of the package. The builds
    run no checks of their own: the package is checked once, by ``layers`` (every layer by default), which
    include those a build runs."""
    first, second = work / "first", work / "second"
    counts = build(seeds, first, layers=())
    build(seeds, second, layers=())
    report = run_checks(first, layers)
    assert report.ok, report.summary()
    assert spans_off(first) == []
    assert dangling_keys(first) == []
    assert disordered(first) == []
    assert package_files(first) == package_files(second), "two builds of the same articles differ"
    descriptor = json.loads((first / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [s.name for s in table_schemas()]
    shutil.rmtree(second)
    return counts
