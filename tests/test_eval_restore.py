"""eval/restore.py: texts restored from saved search answers, byte for byte, with their hashes checked."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

import pytest

from newsevents import REPO_ROOT

SPEC = importlib.util.spec_from_file_location("eval_restore", REPO_ROOT / "eval" / "restore.py")
assert SPEC is not None and SPEC.loader is not None
restore = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(restore)

# Invented excerpts, not taken from any article.
PLAIN = "A storm closed the harbour road on Tuesday, officials said. No one was hurt."
ACCENTED = " date 2031-02-03 The café in Gênes reopened after the “long” repairs.\nIt serves tea again."


def make_split(tmp_path: Path, rows: list[dict], texts: dict[str, str]) -> tuple[Path, Path, Path]:
    """A split folder whose sha256.txt records the given texts, and empty raw and output folders."""
    split, raw, out = tmp_path / "split", tmp_path / "raw", tmp_path / "out"
    split.mkdir()
    raw.mkdir()
    (split / "manifest.json").write_text(json.dumps(rows), encoding="utf-8")
    lines = [f"{hashlib.sha256(t.encode('utf-8')).hexdigest()}  {name}" for name, t in texts.items()]
    (split / "sha256.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return split, raw, out


def row(nn: str, url: str, prefixed: bool, date: str = "2031-01-05") -> dict:
    return {"file": f"{nn}_x.txt", "nn": nn, "url": url, "date": date, "prefixed": prefixed, "query": "q"}


def test_restores_the_matching_result_with_the_marker_and_exact_bytes(tmp_path: Path) -> None:
    rows = [row("z001", "https://b.example/2", prefixed=True), row("z002", "https://c.example/3", prefixed=False)]
    expected = {"z001_x.txt": " date 2031-01-05 " + PLAIN, "z002_x.txt": ACCENTED}
    split, raw, out = make_split(tmp_path, rows, expected)
    answer = {
        "results": [{"url": "https://a.example/1", "excerpt": "wrong one"}, {"url": rows[0]["url"], "excerpt": PLAIN}]
    }
    (raw / "z001.json").write_text(json.dumps(answer), encoding="utf-8")
    (raw / "z002.json").write_text(json.dumps(ACCENTED), encoding="utf-8")  # the excerpt alone, as a JSON string

    assert restore.main([str(split), str(raw), str(out)]) == 0
    for name, text in expected.items():
        assert (out / name).read_bytes() == text.encode("utf-8")


def test_a_changed_excerpt_is_written_but_reported_as_differing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [row("z001", "https://b.example/2", prefixed=False)]
    split, raw, out = make_split(tmp_path, rows, {"z001_x.txt": PLAIN})
    (raw / "z001.json").write_text(json.dumps({"results": [{"url": rows[0]["url"], "excerpt": PLAIN + "!"}]}))

    assert restore.main([str(split), str(raw), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "differs  z001_x.txt" in printed and "0 ok, 1 differ, 0 missing" in printed
    assert (out / "z001_x.txt").read_text(encoding="utf-8") == PLAIN + "!"


def test_missing_answers_and_urls_fail_and_name_the_query(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rows = [row("z001", "https://b.example/2", prefixed=False), row("z002", "https://c.example/3", prefixed=False)]
    split, raw, out = make_split(tmp_path, rows, {"z001_x.txt": PLAIN, "z002_x.txt": PLAIN})
    (raw / "z002.json").write_text(json.dumps({"results": [{"url": "https://other.example/", "excerpt": PLAIN}]}))

    assert restore.main([str(split), str(raw), str(out)]) == 1
    printed = capsys.readouterr().out
    assert "missing  z001_x.txt" in printed and "'q'" in printed
    assert "missing  z002_x.txt" in printed and "no result with url https://c.example/3" in printed
    assert not (out / "z001_x.txt").exists() and not (out / "z002_x.txt").exists()


def test_bad_arguments_and_an_unreadable_manifest_exit_2(tmp_path: Path) -> None:
    assert restore.main([]) == 2
    split = tmp_path / "split"
    split.mkdir()
    (split / "manifest.json").write_text("{not json", encoding="utf-8")
    assert restore.main([str(split), str(tmp_path / "raw"), str(tmp_path / "out")]) == 2
    assert not (tmp_path / "out").exists()


def test_the_test_split_files_agree() -> None:
    """Every TEST manifest row has a hash and a gold entry, and ids are unique."""
    split = REPO_ROOT / "eval" / "test"
    manifest = json.loads((split / "manifest.json").read_text(encoding="utf-8"))
    hashes = restore.read_hashes(split / "sha256.txt")
    gold = json.loads((split / "gold.json").read_text(encoding="utf-8"))
    files = [r["file"] for r in manifest]
    assert len(set(files)) == len(files) and len({r["nn"] for r in manifest}) == len(manifest)
    assert set(hashes) == set(files)
    assert set(gold["articles"]) == {f.removesuffix(".txt") for f in files}
    assert all(r["file"] == f"{r['nn']}_{r['slug']}.txt" and r["nn"].startswith("t") for r in manifest)
