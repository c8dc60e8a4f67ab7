"""eval/score.py: actor and target accuracy on tiny packages and gold written here, split merging, the table."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from newsevents import REPO_ROOT

SPEC = importlib.util.spec_from_file_location("eval_score", REPO_ROOT / "eval" / "score.py")
score_mod = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(score_mod)

pytestmark = pytest.mark.skipif(
    not score_mod.SCORE_FACTS.is_file(), reason="the shared scorers (../shared/tools) are not beside the repository"
)

TABLES = {
    "articles": ["article_id", "published_date", "body"],
    "entities": ["entity_id", "name", "entity_type"],
    "mentions": ["article_id", "start", "end", "text", "entity_id"],
    "events": [
        "event_id",
        "event_type",
        "date_start",
        "date_end",
        "country_code",
        "location_id",
        "actor_id",
        "target_id",
        "actor_text",
        "target_text",
    ],
    "event_mentions": ["event_id", "article_id"],
    "claims": ["article_id", "event_id", "quantity", "value_low", "value_high", "text"],
    "contradictions": ["event_id", "field", "value_a", "value_b"],
}


def write_package(folder: Path, rows: dict[str, list[dict]]) -> Path:
    """A package with the resources the scorers read, as CSV files named in datapackage.json."""
    (folder / "data").mkdir(parents=True)
    resources = []
    for name, columns in TABLES.items():
        with open(folder / "data" / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows.get(name, []))
        resources.append({"name": name, "path": f"data/{name}.csv"})
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def one_event_package(
    folder: Path,
    actor: str,
    target: str,
    event_type: str = "assault",
    actor_text: str = "",
    target_text: str = "",
) -> Path:
    """One article reporting one shelling of a made-up village by a made-up group."""
    entities = [
        {"entity_id": "north-brigade", "name": "North Brigade", "entity_type": "armed_group"},
        {"entity_id": "south-legion", "name": "South Legion", "entity_type": "armed_group"},
        {"entity_id": "lowmeadow", "name": "Lowmeadow", "entity_type": "place"},
    ]
    return write_package(
        folder,
        {
            "articles": [{"article_id": "x001_shelling", "published_date": "2024-05-02", "body": "made up"}],
            "entities": entities,
            "mentions": [
                {"article_id": "x001_shelling", "start": 0, "end": 9, "text": "the Legion", "entity_id": "south-legion"}
            ],
            "events": [
                {
                    "event_id": "ev-1",
                    "event_type": event_type,
                    "date_start": "2024-05-01",
                    "date_end": "2024-05-01",
                    "country_code": "UA",
                    "location_id": "lowmeadow",
                    "actor_id": actor,
                    "target_id": target,
                    "actor_text": actor_text,
                    "target_text": target_text,
                }
            ],
            "event_mentions": [{"event_id": "ev-1", "article_id": "x001_shelling"}],
        },
    )


def write_split(folder: Path, nn: str = "x001", actor: str | None = "North Brigade", target: str | None = "Lowmeadow"):
    """A split folder with one article and one gold shelling on 1 May 2024."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{nn}_shelling"
    manifest = [{"file": f"{stem}.txt", "nn": nn, "slug": "shelling", "date": "2024-05-02"}]
    event = {
        "event": "lowmeadow-shelling",
        "type": "assault",
        "mode": "heavy-weapons",
        "date_start": "2024-05-01",
        "date_end": "2024-05-01",
        "countries": ["UA"],
        "places": ["Lowmeadow"],
        "actor": actor,
        "target": target,
        "core": True,
    }
    gold = {
        "articles": {stem: {"events": [event], "claims": [], "entities": []}},
        "contradictions": [],
        "agreements": [],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def measures(split: Path, package: Path) -> dict:
    result, _ = score_mod.score([split], package)
    return result


def test_matched_event_with_the_right_actor_and_target_scores_one(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split")
    package = one_event_package(tmp_path / "pkg", actor="north-brigade", target="lowmeadow")
    result = measures(split, package)
    assert result["event_recall"] == "1/1"
    assert result["actor_accuracy"] == "1/1"
    assert result["target_accuracy"] == "1/1"


def test_matched_event_with_the_wrong_actor_scores_zero(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split")
    package = one_event_package(tmp_path / "pkg", actor="south-legion", target="north-brigade")
    result = measures(split, package)
    assert result["event_recall"] == "1/1"
    assert result["actor_accuracy"] == "0/1"
    assert result["target_accuracy"] == "0/1"


def test_a_mention_text_of_the_actor_entity_counts_as_its_name(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split", actor="The LEGION")  # normalised like the mention text "the Legion"
    package = one_event_package(tmp_path / "pkg", actor="south-legion", target="lowmeadow")
    assert measures(split, package)["actor_accuracy"] == "1/1"


def test_unmatched_events_and_events_without_an_actor_are_not_counted(tmp_path: Path) -> None:
    unmatched = measures(
        write_split(tmp_path / "a"), one_event_package(tmp_path / "p1", "north-brigade", "", "protest")
    )
    assert unmatched["event_recall"] == "0/1"
    assert unmatched["actor_accuracy"] == "0/0"
    no_actor = measures(write_split(tmp_path / "b", actor=None), one_event_package(tmp_path / "p2", "south-legion", ""))
    assert no_actor["actor_accuracy"] == "0/0"
    assert no_actor["target_accuracy"] == "0/1"


def test_a_split_in_two_folders_is_merged_and_a_repeated_nn_refused(tmp_path: Path) -> None:
    first, second = write_split(tmp_path / "part-1", "x001"), write_split(tmp_path / "part-2", "y001")
    manifest, gold = score_mod.load_split([first, second])
    assert [r["nn"] for r in manifest] == ["x001", "y001"]
    assert sorted(gold["articles"]) == ["x001_shelling", "y001_shelling"]
    with pytest.raises(score_mod.ScoreError, match="nn x001 is also in"):
        score_mod.load_split([first, write_split(tmp_path / "part-3", "x001")])


def test_the_table_flags_a_drop_of_0_06_and_not_one_of_0_04() -> None:
    dev = {"event_recall": "50/100", "claim_recall": "50/100", "false_flags": 0}
    test = {"event_recall": "44/100", "claim_recall": "46/100", "false_flags": 2}
    rows, lines = score_mod.table(dev, test)
    flagged = {r["measure"]: r["flagged"] for r in rows}
    assert flagged == {"event_recall": True, "claim_recall": False, "false_flags": False}
    assert round(rows[0]["difference"], 3) == -0.06
    assert "<- test more than 0.05 below dev" in next(line for line in lines if line.startswith("event_recall"))
    assert "<-" not in next(line for line in lines if line.startswith("claim_recall"))


def test_table_command_prints_both_splits_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    dev_split, test_split = write_split(tmp_path / "dev"), write_split(tmp_path / "test", "t001")
    dev_pkg = one_event_package(tmp_path / "dev-pkg", actor="north-brigade", target="lowmeadow")
    test_pkg = write_package(tmp_path / "test-pkg", {"articles": [{"article_id": "t001_shelling"}]})
    argv = ["--table", str(dev_pkg), str(test_pkg), "--dev-split", str(dev_split), "--test-split", str(test_split)]
    assert score_mod.main(argv) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("event_recall"))
    assert "1.000 (1/1)" in line and "0.000 (0/1)" in line and "-1.000" in line and "<-" in line


def test_bad_input_is_one_line_and_exit_status_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    split = write_split(tmp_path / "split")
    assert score_mod.main(["--split", str(split), "--package", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "missing: no such package" in err


def test_a_role_text_matches_a_gold_phrase_no_entity_names(tmp_path: Path) -> None:
    """``target_text`` counts where no entity is the target: equal once normalised, or once leading
    determiners and numbers are dropped from both sides."""
    split = write_split(tmp_path / "split", actor="Gunmen", target="a Passenger Bus")
    package = one_event_package(tmp_path / "pkg", "", "", actor_text="two gunmen", target_text="passenger bus")
    result = measures(split, package)
    assert result["actor_accuracy"] == "1/1"
    assert result["target_accuracy"] == "1/1"


def test_a_different_role_text_does_not_match(tmp_path: Path) -> None:
    split = write_split(tmp_path / "split", actor="gunmen", target="bus")
    package = one_event_package(tmp_path / "pkg", "", "", actor_text="soldiers", target_text="passenger bus")
    result = measures(split, package)
    assert result["actor_accuracy"] == "0/1"
    assert result["target_accuracy"] == "0/1"


def test_text_matches_needs_more_than_determiners() -> None:
    norm = score_mod.shared_score().norm
    assert score_mod.text_matches("the police station", "Police Station", norm)
    assert score_mod.text_matches("seven villages", "villages", norm)
    assert not score_mod.text_matches("the", "a", norm)  # nothing left once the determiners go
    assert not score_mod.text_matches("protesters", None, norm)
    assert not score_mod.text_matches("police station", "station", norm)
