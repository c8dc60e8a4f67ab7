"""A corpus of broken packages: the seeds package with one thing wrong each.

Each case copies a good package, breaks it, and (unless the point is a file changed after publishing)
re-stamps ``bytes`` and ``hash`` in ``datapackage.json`` so that only the intended rule is broken. Each
names the failure the checks must report: table, a part of the row key, and a part of the rule. Most are
checked without Great Expectations (every other layer runs; see ``layers``), to keep the suite fast.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WITHOUT_GX = "frictionless,pandera,duckdb-sql,derived"


def read(package: Path, table: str) -> list[dict]:
    with (package / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(package: Path, table: str, rows: list[dict]) -> None:
    path = package / "data" / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(package: Path, value: object) -> None:
    (package / "datapackage.json").write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def restamp(package: Path) -> None:
    """Make ``bytes`` and ``hash`` true again after an edit that is not itself the fault."""
    value = descriptor(package)
    for resource in value["resources"]:
        path = package / resource["path"]
        if path.is_file():
            content = path.read_bytes()
            resource["bytes"] = len(content)
            resource["hash"] = f"sha256:{hashlib.sha256(content).hexdigest()}"
    write_descriptor(package, value)


@dataclass(frozen=True)
class Broken:
    name: str
    table: str  # where the failure must be reported
    row: str  # a part of the row key it must name
    rule: str  # a part of the rule it must name
    breaks: Callable[[Path], str | None]  # edits the package; may return the row key to expect instead of `row`
    restamp: bool = True
    layers: str = WITHOUT_GX


def edit(table: str, pick: Callable[[dict], bool], key: str, **values: str) -> Callable[[Path], str]:
    """A fault: set ``values`` in the first row of ``table`` that ``pick`` accepts; the row's ``key``
    value is what the failure must name."""

    def breaks(package: Path) -> str:
        rows = read(package, table)
        row = next(r for r in rows if pick(r))
        row.update(values)
        write(package, table, rows)
        return row[key]

    return breaks


def resolve(table: str, pick: Callable[[dict], bool], key: str, change: Callable[[dict], dict]) -> Callable:
    """Like :func:`edit`, with values computed from the row itself."""

    def breaks(package: Path) -> str:
        rows = read(package, table)
        row = next(r for r in rows if pick(r))
        row.update(change(row))
        write(package, table, rows)
        return row[key]

    return breaks


def anything(row: dict) -> bool:
    return True


def killed_with_figure(row: dict) -> bool:
    return bool(row["fatalities_best"])


# --- files changed after publishing -------------------------------------------------------------------


def byte_changed(package: Path) -> None:
    path = package / "data" / "claims.csv"
    content = path.read_bytes()
    i = content.index(b"killed")
    path.write_bytes(content[:i] + b"K" + content[i + 1 :])


def bytes_misdeclared(package: Path) -> None:
    value = descriptor(package)
    next(r for r in value["resources"] if r["name"] == "sentences")["bytes"] += 1
    write_descriptor(package, value)


def hash_misdeclared(package: Path) -> None:
    value = descriptor(package)
    next(r for r in value["resources"] if r["name"] == "articles")["hash"] = "sha256:" + "0" * 64
    write_descriptor(package, value)


# --- structure ----------------------------------------------------------------------------------------


def descriptor_not_json(package: Path) -> None:
    (package / "datapackage.json").write_text('{"resources": [', encoding="utf-8")


def descriptor_a_list(package: Path) -> None:
    write_descriptor(package, descriptor(package)["resources"])


def csv_deleted(package: Path) -> None:
    (package / "data" / "mentions.csv").unlink()


def csv_emptied(package: Path) -> None:
    (package / "data" / "claims.csv").write_bytes(b"")


def resource_removed(package: Path) -> None:
    value = descriptor(package)
    value["resources"] = [r for r in value["resources"] if r["name"] != "events"]
    write_descriptor(package, value)


def resource_twice(package: Path) -> None:
    value = descriptor(package)
    value["resources"].append(next(r for r in value["resources"] if r["name"] == "sentences"))
    write_descriptor(package, value)


def resource_unknown(package: Path) -> None:
    value = descriptor(package)
    extra = dict(next(r for r in value["resources"] if r["name"] == "articles"), name="notes")
    value["resources"].append(extra)
    write_descriptor(package, value)


def schema_loosened(package: Path) -> None:
    value = descriptor(package)
    claims = next(r for r in value["resources"] if r["name"] == "claims")
    next(f for f in claims["schema"]["fields"] if f["name"] == "value_low")["constraints"].pop("minimum")
    write_descriptor(package, value)


def path_outside(package: Path) -> None:
    value = descriptor(package)
    next(r for r in value["resources"] if r["name"] == "articles")["path"] = "../articles.csv"
    write_descriptor(package, value)


def header_renamed(package: Path) -> None:
    path = package / "data" / "sentences.csv"
    header, rest = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header.replace(b",text", b",txt") + b"\n" + rest)


def header_not_utf8(package: Path) -> None:
    path = package / "data" / "entities.csv"
    path.write_bytes(b"\xff" + path.read_bytes())


# --- cells and rows -----------------------------------------------------------------------------------


def duplicate_key(package: Path) -> str:
    rows = read(package, "events")
    write(package, "events", [*rows, rows[0]])
    return rows[0]["event_id"]


def ragged_row(package: Path) -> str:
    path = package / "data" / "entities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] += ",surplus"
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[1].split(",", 1)[0]


def short_row(package: Path) -> str:
    path = package / "data" / "entities.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].rsplit(",", 2)[0]
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines[1].split(",", 1)[0]


def no_evidence(package: Path) -> str:
    """Delete every event_mentions row of an event no claim or contradiction cites."""
    cited = {c["event_id"] for c in read(package, "claims")} | {c["event_id"] for c in read(package, "contradictions")}
    rows = read(package, "event_mentions")
    event = next(r["event_id"] for r in rows if r["event_id"] not in cited)
    write(package, "event_mentions", [r for r in rows if r["event_id"] != event])
    events = read(package, "events")
    return event if any(e["event_id"] == event for e in events) else ""


def mention_elsewhere(package: Path) -> str:
    """A mention moved to another sentence of its article: its offsets are no longer inside it."""
    rows = read(package, "mentions")
    row = next(r for r in rows if r["sentence_index"] == "2")
    row["sentence_index"] = "0"
    write(package, "mentions", rows)
    return f"start={row['start']}"


def drifted(table: str, key: str) -> Callable[[Path], str]:
    def breaks(package: Path) -> str:
        rows = read(package, table)
        rows[0]["start"] = str(int(rows[0]["start"]) + 1)
        write(package, table, rows)
        return rows[0][key]

    return breaks


def sentence_text_changed(package: Path) -> str:
    rows = read(package, "sentences")
    row = next(r for r in rows if "a" in r["text"])
    row["text"] = row["text"].replace("a", "o", 1)
    write(package, "sentences", rows)
    return f"sentence_index={row['sentence_index']}"


def sentence_deleted(package: Path) -> str:
    """The last sentence of an article, where no mention, claim or event mention points."""
    used = {
        (r["article_id"], r["sentence_index"])
        for table in ("mentions", "claims", "event_mentions")
        for r in read(package, table)
    }
    rows = read(package, "sentences")
    row = next(r for r in reversed(rows) if (r["article_id"], r["sentence_index"]) not in used)
    write(package, "sentences", [r for r in rows if r is not row])
    return f"sentence_index={row['sentence_index']}"


def dated_after_reports(package: Path) -> str:
    rows = read(package, "events")
    event = next(r for r in rows if r["is_expected"] == "false")
    event["date_start"] = event["date_end"] = "2030-06-01"
    event["date_precision"] = "day"
    write(package, "events", rows)
    return event["event_id"]


def low_above_best(package: Path) -> str:
    rows = read(package, "events")
    event = next(r for r in rows if r["fatalities_best"])
    event["fatalities_low"] = str(int(event["fatalities_best"]) + 1)
    write(package, "events", rows)
    return event["event_id"]


def disagreement_left_out(package: Path) -> str:
    rows = read(package, "contradictions")
    revision = next(r for r in rows if r["kind"] == "revision")
    write(package, "contradictions", [r for r in rows if r is not revision])
    return revision["claim_a_id"]


def date_conflict_left_out(package: Path) -> str:
    rows = read(package, "contradictions")
    conflict = next(r for r in rows if r["kind"] == "date_conflict")
    write(package, "contradictions", [r for r in rows if r is not conflict])
    return conflict["contradiction_id"]


def contradiction_invented(package: Path) -> str:
    rows = read(package, "contradictions")
    invented = dict(rows[0], contradiction_id="ct-000000000000")
    write(package, "contradictions", [*rows, invented])
    return invented["contradiction_id"]


def conflict_left_out(package: Path) -> str:
    """Two same-day reports of one strike: make one say 5 killed where the other says 2."""
    claims = read(package, "claims")
    events = {}
    for c in claims:
        if c["quantity"] == "killed" and c["status"] == "reported" and c["event_id"]:
            events.setdefault(c["event_id"], []).append(c)
    pair = next(group for group in events.values() if len({c["article_id"] for c in group}) > 1)
    pair[-1]["value_low"] = pair[-1]["value_high"] = "5"
    write(package, "claims", claims)
    return pair[0]["event_id"]


def other_event_type(row: dict) -> bool:
    return row["event_type"] not in ("assault", "protest")


def with_revision(row: dict) -> bool:
    return bool(row["revises_claim_id"])


def exact(row: dict) -> bool:
    return row["qualifier"] == "exact"


def dated_mention(row: dict) -> bool:
    return bool(row["date_text"])


def date_conflict(row: dict) -> bool:
    return row["kind"] == "date_conflict"


def plus(column: str, n: int) -> Callable[[dict], dict]:
    return lambda row: {column: str(int(row[column]) + n)}


CORPUS = [
    # published files that no longer match their descriptor (frictionless)
    Broken("a CSV byte changed after publishing", "claims", "(file)", "hash-count", byte_changed, restamp=False),
    Broken("a CSV's size misdeclared", "sentences", "(file)", "byte-count", bytes_misdeclared, restamp=False),
    Broken("a CSV's hash misdeclared", "articles", "(file)", "hash-count", hash_misdeclared, restamp=False),
    # structure (checked first; the other layers are not run)
    Broken("a descriptor that is not JSON", "(package)", "(descriptor)", "valid JSON", descriptor_not_json, False),
    Broken("a descriptor that is a list", "(package)", "(descriptor)", "shape of a", descriptor_a_list, False),
    Broken("a CSV deleted", "mentions", "(file)", "file exists", csv_deleted),
    Broken("a CSV emptied", "claims", "row 1", "header row", csv_emptied),
    Broken("a resource removed from the descriptor", "events", "(resource)", "listed in", resource_removed),
    Broken("a resource listed twice", "sentences", "(resource)", "listed once", resource_twice),
    Broken("a resource the package has no schema for", "notes", "(resource)", "only the package's", resource_unknown),
    Broken("a schema loosened in the descriptor", "claims", "(schema)", "published schema is", schema_loosened),
    Broken("a resource path outside the package", "articles", "(path)", "inside the package", path_outside),
    Broken("a CSV header renamed", "sentences", "row 1", "header is the schema's", header_renamed),
    Broken("a CSV that is not UTF-8", "entities", "row 1", "is UTF-8", header_not_utf8),
    # cells: types, constraints, keys (frictionless, pandera)
    Broken(
        "an orphan foreign key",
        "claims",
        "",
        "foreign-key",
        edit("claims", anything, "claim_id", event_id="ev-000000000000"),
    ),
    Broken(
        "an orphan entity", "mentions", "", "foreign-key", edit("mentions", anything, "article_id", entity_id="nobody")
    ),
    Broken("a duplicate key", "events", "", "primary-key", duplicate_key),
    Broken(
        "a value outside its enum",
        "events",
        "",
        "constraint-error",
        edit("events", anything, "event_id", event_type="party"),
    ),
    Broken(
        "an id breaking its pattern",
        "claims",
        "",
        "constraint-error",
        edit("claims", anything, "claim_id", claim_id="cl-XYZ"),
    ),
    Broken(
        "a required cell emptied", "articles", "", "constraint-error", edit("articles", anything, "article_id", body="")
    ),
    Broken(
        "a 20-digit count", "claims", "", "within 64 bits", edit("claims", anything, "claim_id", value_low="9" * 20)
    ),
    Broken("a negative offset", "claims", "", "constraint-error", edit("claims", anything, "claim_id", start="-1")),
    Broken(
        "an impossible date",
        "articles",
        "",
        "real date",
        edit("articles", anything, "article_id", published_date="2024-02-30"),
    ),
    Broken(
        "a boolean that is not one",
        "events",
        "",
        "true or false",
        edit("events", anything, "event_id", is_aggregate="yes"),
    ),
    Broken("a row with a cell too many", "entities", "", "extra-cell", ragged_row),
    Broken("a row with cells missing", "entities", "", "missing-cell", short_row),
    # rules across columns (pandera)
    Broken("fatalities_low above fatalities_best", "events", "", "fatalities_low <= fatalities_best", low_above_best),
    Broken(
        "an event ending before it starts",
        "events",
        "",
        "date_start <= date_end",
        edit("events", anything, "event_id", date_start="2030-01-02", date_end="2030-01-01"),
    ),
    Broken(
        "a window wider than its precision",
        "events",
        "",
        "fits date_precision",
        resolve(
            "events",
            anything,
            "event_id",
            lambda r: {"date_precision": "day", "date_end": r["last_reported"], "date_start": "2023-01-01"},
        ),
    ),
    Broken(
        "first reported after last reported",
        "events",
        "",
        "first_reported <= last_reported",
        edit("events", anything, "event_id", first_reported="2030-01-01"),
    ),
    Broken(
        "a claim's low above its high",
        "claims",
        "",
        "value_low <= value_high",
        resolve("claims", exact, "claim_id", plus("value_low", 1)),
    ),
    Broken(
        "an exact figure with two values",
        "claims",
        "",
        "an exact figure",
        resolve("claims", exact, "claim_id", plus("value_high", 1)),
    ),
    Broken(
        "an at-least figure with a ceiling",
        "claims",
        "",
        "no upper bound",
        resolve("claims", exact, "claim_id", lambda r: {"qualifier": "at_least"}),
    ),
    Broken(
        "a figure written in digits marked implied",
        "claims",
        "",
        "holds no digit",
        edit("claims", lambda r: any(ch.isdigit() for ch in r["text"]), "claim_id", is_implied="true"),
    ),
    Broken(
        "a revision pointer on a reported figure",
        "claims",
        "",
        "only kind that points",
        edit("claims", with_revision, "claim_id", status="reported"),
    ),
    Broken(
        "a mention's date window without its words",
        "event_mentions",
        "",
        "its date words",
        edit("event_mentions", dated_mention, "event_id", date_text=""),
    ),
    Broken(
        "a mode on an event that is no attack",
        "events",
        "",
        "only attacks have a mode",
        edit("events", other_event_type, "event_id", event_mode="aerial"),
    ),
    Broken(
        "a date conflict about a figure",
        "contradictions",
        "",
        "about the date field",
        edit("contradictions", date_conflict, "contradiction_id", field="killed"),
    ),
    Broken(
        "a best figure without its lower bound",
        "events",
        "",
        "comes with its lower bound",
        edit("events", killed_with_figure, "event_id", fatalities_low=""),
    ),
    Broken(
        "a span that ends where it starts",
        "sentences",
        "",
        "starts before it ends",
        resolve("sentences", anything, "article_id", lambda r: {"end": r["start"]}),
    ),
    # across tables (DuckDB SQL)
    Broken("an event dated after every article reporting it", "events", "", "last_reported", dated_after_reports),
    Broken(
        "an event mention whose text does not match the body",
        "event_mentions",
        "",
        "substr(articles.body",
        drifted("event_mentions", "event_id"),
    ),
    Broken(
        "a mention whose text does not match the body",
        "mentions",
        "",
        "substr(articles.body",
        drifted("mentions", "article_id"),
    ),
    Broken(
        "a claim whose text does not match the body",
        "claims",
        "",
        "substr(articles.body",
        drifted("claims", "claim_id"),
    ),
    Broken(
        "a sentence whose text does not match the body", "sentences", "", "substr(articles.body", sentence_text_changed
    ),
    Broken(
        "a mention outside the sentence it names",
        "mentions",
        "",
        "sentences.start <= mentions.start",
        mention_elsewhere,
    ),
    Broken(
        "a claim citing a sentence that does not exist",
        "claims",
        "",
        "is a sentence",
        edit("claims", anything, "claim_id", sentence_index="9999"),
    ),
    Broken(
        "an article's sentence count changed",
        "articles",
        "",
        "n_sentences is its sentences",
        resolve("articles", anything, "article_id", plus("n_sentences", 1)),
    ),
    Broken(
        "an entity's mention count changed",
        "entities",
        "",
        "entities.n_mentions",
        resolve("entities", anything, "entity_id", plus("n_mentions", 1)),
    ),
    Broken(
        "an event's mention count changed",
        "events",
        "",
        "events.n_articles",
        resolve("events", anything, "event_id", plus("n_mentions", 1)),
    ),
    Broken(
        "an event's last report moved",
        "events",
        "",
        "first_reported and last_reported match",
        resolve("events", anything, "event_id", lambda r: {"last_reported": "2029-12-31"}),
    ),
    Broken("an event without evidence", "events", "", "at least one event_mentions row", no_evidence),
    Broken(
        "a reconciled figure that no claim gives",
        "events",
        "",
        "*_best is the figure",
        resolve(
            "events",
            killed_with_figure,
            "event_id",
            lambda r: {"fatalities_high": str(int(r["fatalities_high"] or r["fatalities_best"]) + 7)},
        ),
    ),
    Broken("a revision left out of contradictions", "contradictions", "", "cited by a revision", disagreement_left_out),
    Broken(
        "a conflict between claims left out of contradictions",
        "contradictions",
        "",
        "is cited by a contradictions row",
        conflict_left_out,
    ),
    # derived values recomputed with the build's code
    Broken(
        "an article's word count changed",
        "articles",
        "",
        "word count of the body",
        resolve("articles", anything, "article_id", plus("n_words", 1)),
    ),
    Broken(
        "a date conflict left out of contradictions",
        "contradictions",
        "",
        "holds exactly the disagreements",
        date_conflict_left_out,
    ),
    Broken(
        "a contradiction no rule finds", "contradictions", "", "holds exactly the disagreements", contradiction_invented
    ),
    Broken(
        "a contradiction's resolution reworded",
        "contradictions",
        "",
        "holds exactly the disagreements",
        edit("contradictions", anything, "contradiction_id", resolution="events keeps whatever"),
    ),
    Broken(
        "a sentence's kind changed",
        "sentences",
        "",
        "the splitter's",
        edit("sentences", anything, "article_id", kind="heading"),
    ),
    Broken("a sentence deleted", "sentences", "", "the splitter's", sentence_deleted),
    # hand-written expectations (Great Expectations)
    Broken(
        "a blank resolution",
        "contradictions",
        "",
        "not_match_regex(resolution)",
        edit("contradictions", anything, "contradiction_id", resolution=" "),
        layers="great-expectations",
    ),
    Broken(
        "fewer mentions than articles",
        "entities",
        "",
        "(n_mentions, n_articles)",
        edit("entities", anything, "entity_id", n_articles="99"),
        layers="great-expectations",
    ),
]
