"""Stable event ids from one build to the next, and the table of ids that changed.

The articles are written for the tests.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from conftest import write_article

from newsevents.cli import build, main
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


def test_an_earlier_report_of_an_event_does_not_rename_it_given_the_previous_release(tmp_path):
    seeds, first_out, out = tmp_path / "seeds", tmp_path / "first", tmp_path / "out"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    build(seeds, first_out, LAYERS)
    (first,) = event_of(first_out, "b")
    write_article(seeds, "a.txt", f" date 2024-05-03 {EARLIER}")  # published earlier: sorts first
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, out, LAYERS, previous=first_out)
    assert event_of(out, "b") == event_of(out, "a") == {first}
    assert rows(out, "event_id_changes") == []
    build(seeds, tmp_path / "fresh", LAYERS)  # without the release, the first report names the event
    assert event_of(tmp_path / "fresh", "b") != {first}


def test_a_later_report_or_an_unrelated_article_renames_nothing_without_a_previous_release(tmp_path):
    seeds = tmp_path / "seeds"
    write_article(seeds, "b.txt", f" date 2024-05-03 {EARLIER}")
    build(seeds, tmp_path / "one", LAYERS)
    (first,) = event_of(tmp_path / "one", "b")
    write_article(seeds, "a.txt", f" date 2024-05-04 {BOMBING}")  # a later report, whose id sorts first
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, tmp_path / "two", LAYERS)
    assert event_of(tmp_path / "two", "b") == event_of(tmp_path / "two", "a") == {first}


def test_a_build_never_reads_what_its_output_folder_holds(tmp_path):
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, tmp_path / "clean", LAYERS)
    build(seeds, out, LAYERS)
    mentions = out / "data" / "event_mentions.csv"  # an earlier package in --out with other ids
    mentions.write_text(mentions.read_text(encoding="utf-8").replace("ev-", "ev-0"), encoding="utf-8")
    build(seeds, out, LAYERS)
    for name in ("datapackage.json", *(f"data/{t}.csv" for t in ("events", "event_mentions", "event_id_changes"))):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_a_removed_article_leaves_a_row_saying_its_event_is_gone(tmp_path):
    seeds, one, two, three = tmp_path / "seeds", tmp_path / "one", tmp_path / "two", tmp_path / "three"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, one, LAYERS)
    (gone,) = event_of(one, "c")
    (seeds / "c.txt").unlink()
    build(seeds, two, LAYERS, previous=one)
    (change,) = rows(two, "event_id_changes")
    assert (change["old_event_id"], change["new_event_id"], change["change"]) == (gone, "", "removed")
    build(seeds, three, LAYERS, previous=two)  # the history is carried forward
    assert [r["old_event_id"] for r in rows(three, "event_id_changes")] == [gone]


def test_the_previous_release_may_be_a_release_archive(tmp_path):
    seeds, one = tmp_path / "seeds", tmp_path / "one"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    write_article(seeds, "c.txt", f" date 2024-05-05 {UNRELATED}")
    build(seeds, one, LAYERS)
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(p for p in one.rglob("*") if p.is_file() and ".build-" not in p.as_posix()):
            zf.write(path, f"release/{path.relative_to(one).as_posix()}")
    (seeds / "c.txt").unlink()
    build(seeds, tmp_path / "from-folder", LAYERS, previous=one)
    build(seeds, tmp_path / "from-zip", LAYERS, previous=archive)
    for name in ("events", "event_mentions", "event_id_changes"):
        assert rows(tmp_path / "from-zip", name) == rows(tmp_path / "from-folder", name)
    assert len(rows(tmp_path / "from-zip", "event_id_changes")) == 1


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: p, "no such file or folder"),
        (lambda p: (p.mkdir(), p)[1], "no datapackage.json here"),
        (lambda p: (p.write_bytes(b"not a zip"), p)[1], "neither a package folder nor a readable zip archive"),
        (lambda p: (zipfile.ZipFile(p, "w").close(), p)[1], "not a release archive"),
    ],
)
def test_a_previous_release_that_cannot_be_read_is_one_line_and_nothing_is_built(tmp_path, capsys, make, problem):
    seeds = tmp_path / "seeds"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    previous = make(tmp_path / "previous")
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--previous", str(previous)]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err and str(previous) in err and "Traceback" not in err
    assert not (tmp_path / "out" / "datapackage.json").exists()


def test_a_previous_release_missing_its_mentions_table_is_named(tmp_path, capsys):
    seeds, one = tmp_path / "seeds", tmp_path / "one"
    write_article(seeds, "b.txt", f" date 2024-05-04 {BOMBING}")
    build(seeds, one, LAYERS)
    (one / "data" / "event_mentions.csv").unlink()
    assert main(["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"), "--previous", str(one)]) != 0
    err = capsys.readouterr().err
    assert "event_mentions.csv: missing from the previous release" in err and err.count("\n") == 1


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
