"""A corpus of broken packages: the seeds package with one thing wrong each.

Each case copies a good package, breaks it, and (unless the point is a file changed after publishing)
re-stamps ``bytes`` and ``hash`` in ``datapackage.json`` so that only the intended rule is broken. Each
names the failure the checks must report: table, a part of the row key, and a part of the rule.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


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


def restamp(package: Path) -> None:
    """Make ``bytes`` and ``hash`` true again after an edit that is not itself the fault."""
    path = package / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        content = (package / resource["path"]).read_bytes()
        resource["bytes"] = len(content)
        resource["hash"] = f"sha256:{hashlib.sha256(content).hexdigest()}"
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Broken:
    name: str
    table: str  # where the failure must be reported
    row: str  # a part of the row key it must name
    rule: str  # a part of the rule it must name
    breaks: Callable[[Path], str | None]  # edits the package; may return the row key to expect instead of `row`
    restamp: bool = True


def byte_changed(package: Path) -> None:
    path = package / "data" / "claims.csv"
    content = path.read_bytes()
    i = content.index(b"killed")
    path.write_bytes(content[:i] + b"K" + content[i + 1 :])


def orphan_event(package: Path) -> str:
    rows = read(package, "claims")
    rows[0]["event_id"] = "ev-000000000000"
    write(package, "claims", rows)
    return rows[0]["claim_id"]


def dated_after_reports(package: Path) -> str:
    rows = read(package, "events")
    event = next(r for r in rows if r["is_expected"] == "false")
    event["date_start"] = event["date_end"] = "2030-06-01"
    event["date_precision"] = "day"
    write(package, "events", rows)
    return event["event_id"]


def span_drifted(package: Path) -> str:
    rows = read(package, "event_mentions")
    rows[0]["start"] = str(int(rows[0]["start"]) + 1)
    write(package, "event_mentions", rows)
    return rows[0]["event_id"]


def duplicate_key(package: Path) -> str:
    rows = read(package, "events")
    write(package, "events", [*rows, rows[0]])
    return rows[0]["event_id"]


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


CORPUS = [
    Broken("a CSV byte changed after publishing", "claims", "", "hash-count", byte_changed, restamp=False),
    Broken("an orphan foreign key", "claims", "", "foreign-key", orphan_event),
    Broken("an event dated after every article reporting it", "events", "", "last_reported", dated_after_reports),
    Broken("a span whose text does not match the body", "event_mentions", "", "substr(articles.body", span_drifted),
    Broken("a duplicate key", "events", "", "primary-key", duplicate_key),
    Broken("fatalities_low above fatalities_best", "events", "", "fatalities_low <= fatalities_best", low_above_best),
    Broken("a revision left out of contradictions", "contradictions", "", "cited by a revision", disagreement_left_out),
    Broken(
        "a conflict between claims left out of contradictions",
        "contradictions",
        "",
        "cited together by a",
        conflict_left_out,
    ),
]
