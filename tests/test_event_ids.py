"""Stable event ids from one build to the next, and the table of ids that changed.

The articles are written for the tests.
"""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import write_article

from newsevents.cli import build
from newsevents.events.ids import assign_ids

LAYERS = ("duckdb-sql",)  # the package's own checks, without the slower layers


def rows(out: Path, table: str) -> list[dict]:
    with (out / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def event_of(out: Path, article: str) -> set[str]:
    return {r["event_id"] for r in rows(out, "event_mentions") if r["article_id"] == article}


BOMBING = "A car bomb killed 12 people at a market in Kirkuk on Thursday, police said."
EARLIER = "A car bomb exploded at a market in Kirkuk on Thursday, killing at least 9 people."
UNRELATED = "Rebels shelled a village near Goma on Monday, wounding five people."


def test_an_earlier_report_of_an_event_does_not_rename_it(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    build(seeds, out, LAYERS)
    (first,) = event_of(out, "b")
    write_article(seeds, "a.txt", f" date 2024-05-03 {EARLIER}")  # published earlier: sorts first
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, out, LAYERS)
    assert event_of(out, "b") == event_of(out, "a") == {first}
    assert rows(out, "event_id_changes") == []


def test_a_fresh_build_of_the_same_articles_gives_the_same_ids(tmp_path):
    seeds = tmp_path / "seeds"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    build(seeds, tmp_path / "one", LAYERS)
    build(seeds, tmp_path / "two", LAYERS)
    assert event_of(tmp_path / "one", "b") == event_of(tmp_path / "two", "b")


def test_a_removed_article_leaves_a_row_saying_its_event_is_gone(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, out, LAYERS)
    (gone,) = event_of(out, "c")
    (seeds / "c.txt").unlink()
    build(seeds, out, LAYERS)
    (change,) = rows(out, "event_id_changes")
    assert (change["old_event_id"], change["new_event_id"], change["change"]) == (gone, "", "removed")
    build(seeds, out, LAYERS)  # the history is carried forward
    assert [r["old_event_id"] for r in rows(out, "event_id_changes")] == [gone]


def test_two_events_that_merge_keep_the_larger_ones_id_and_record_the_other():
    a, b, c = ("x", 0, 5), ("x", 10, 15), ("y", 0, 5)
    previous = {"ev-000000000001": {a, b}, "ev-000000000002": {c}}
    ids, changes = assign_ids([("ev-00000000000f", {a, b, c})], previous, [], "0.2.0")
    assert ids == ["ev-000000000001"]
    assert changes == [
        {
            "old_event_id": "ev-000000000002",
            "new_event_id": "ev-000000000001",
            "change": "merged",
            "since_version": "0.2.0",
        }
    ]


def test_an_event_split_in_two_keeps_its_id_on_the_larger_part():
    a, b, c = ("x", 0, 5), ("x", 10, 15), ("y", 0, 5)
    previous = {"ev-000000000001": {a, b, c}}
    ids, changes = assign_ids([("ev-00000000000e", {a, b}), ("ev-00000000000f", {c})], previous, [], "0.2.0")
    assert ids == ["ev-000000000001", "ev-00000000000f"] and changes == []


def test_a_fresh_id_never_takes_an_id_a_previous_event_kept_or_lost():
    a, b = ("x", 0, 5), ("x", 10, 15)
    previous = {"ev-00000000000a": {a, b}}  # its id once hashed evidence a
    ids, _ = assign_ids([("ev-00000000000a", {a}), ("ev-00000000000b", {b})], previous, [], "0.2.0")
    assert ids[0] == "ev-00000000000a" and ids[1] == "ev-00000000000b"
    ids, _ = assign_ids(
        [("ev-00000000000a", {a}), ("ev-00000000000c", {b, ("y", 0, 1)})], {"ev-00000000000a": {b}}, [], "0.2.0"
    )
    assert ids[1] == "ev-00000000000a" and ids[0] != "ev-00000000000a" and len(set(ids)) == 2
