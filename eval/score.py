#!/usr/bin/env python3
"""Score a package built from an evaluation split's texts against the split's gold, or compare two splits.

    python3 eval/score.py --split eval/test --package PKG [--json] [--detail]
    python3 eval/score.py --split eval/dev-1 --split eval/dev-2 --package PKG
    python3 eval/score.py --table DEV_PKG TEST_PKG [--dev-split DIR ...] [--test-split DIR ...] [--json]

A split is one folder or several (``--split`` repeated): their manifests are merged (every ``nn`` must be
unique), their gold articles too (keyed by file; a file in two folders is an error), and their contradictions
and agreements are concatenated.

The fact measures are those of ``../shared/tools/score_facts.py`` (beside the repository), run on the merged
gold: event recall and precision, coreference pairs, claims, entities, contradictions and false flags. Two
measures are added:

  actor_accuracy   over the gold events that name an actor and matched a predicted event of their article,
                   the share where a matched predicted event's actor is the gold actor: the actor entity's
                   name, or one of its mention texts, equals the gold name once both are normalised (the
                   shared scorers' ``norm``: accents, case, apostrophes and punctuation dropped); or the
                   event's ``actor_text`` (the actor as the report writes it, named or not: ``gunmen``)
                   equals the gold name once normalised, or once leading determiners and numbers are dropped
                   from both (``a passenger bus`` and ``passenger bus``, ``two clinics`` and ``clinics``)
  target_accuracy  the same for targets (``target_id``, ``target_text``)

An event matches as ``score_facts.py`` says: same event type; date windows overlap; where the gold window is at
most 7 days the predicted one is too; the predicted country is one of the gold countries or its location one of
the gold places (a gold event naming neither passes). Optional gold events are left out.

``--table`` scores a development package against the DEV split (by default ``eval/dev-1`` and ``eval/dev-2``,
those that exist) and a test package against the TEST split (``eval/test``) and prints them side by side:
measure, dev, test and test minus dev, marking every test measure more than 0.05 below its dev value. Bad
arguments or unreadable input: one line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO.parent / "shared" / "tools"
SCORE_FACTS = TOOLS / "score_facts.py"
DEV_SPLITS = ("eval/dev-1", "eval/dev-2")
TEST_SPLITS = ("eval/test",)
DROP = 0.05  # a test measure this far below dev is flagged


class ScoreError(Exception):
    """Bad input: the message names the file and the problem."""


def shared_score() -> ModuleType:
    """The shared scorer ``../shared/tools/score.py``: its ``norm`` and ``load_package``."""
    path = TOOLS / "score.py"
    if not path.is_file():
        raise ScoreError(f"{path}: not found (the shared scorer beside the repository)")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise ScoreError(f"{path}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ScoreError(f"{path}: not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScoreError(f"{path}: not readable JSON ({exc})") from None


def load_split(folders: list[Path]) -> tuple[list[dict], dict]:
    """Merge the manifests and gold of one split's folders."""
    if not folders:
        raise ScoreError("no split folder given")
    manifest: list[dict] = []
    gold: dict = {"articles": {}, "contradictions": [], "agreements": []}
    seen_nn: dict[str, Path] = {}
    where: dict[str, Path] = {}
    for folder in folders:
        rows = read_json(folder / "manifest.json")
        part = read_json(folder / "gold.json")
        if not isinstance(rows, list) or not all(isinstance(r, dict) and "nn" in r and "file" in r for r in rows):
            raise ScoreError(f"{folder / 'manifest.json'}: not a list of rows with nn and file")
        if not isinstance(part, dict) or not isinstance(part.get("articles"), dict):
            raise ScoreError(f"{folder / 'gold.json'}: no articles object")
        for row in rows:
            if row["nn"] in seen_nn:
                raise ScoreError(f"{folder / 'manifest.json'}: nn {row['nn']} is also in {seen_nn[row['nn']]}")
            seen_nn[row["nn"]] = folder / "manifest.json"
        manifest.extend(rows)
        for key, article in part["articles"].items():
            if key in where:
                raise ScoreError(f"{folder / 'gold.json'}: article {key} is also in {where[key]}")
            where[key] = folder / "gold.json"
            gold["articles"][key] = article
        for field in ("contradictions", "agreements"):
            gold[field].extend(part.get(field, []))
    stems = {Path(r["file"]).stem for r in manifest}
    stray = sorted(k for k in gold["articles"] if Path(k).stem not in stems)
    if stray:
        raise ScoreError(f"{where[stray[0]]}: gold article {stray[0]} has no manifest row")
    return manifest, gold


def fact_measures(package: Path, gold: dict, detail: bool) -> tuple[dict, list[str]]:
    """Run ``score_facts.py`` on the package against the given gold; its JSON measures and its detail lines."""
    if not SCORE_FACTS.is_file():
        raise ScoreError(f"{SCORE_FACTS}: not found (the shared fact scorer beside the repository)")
    with tempfile.TemporaryDirectory() as tmp:
        gold_path = Path(tmp) / "gold.json"
        gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        args = [sys.executable, str(SCORE_FACTS), str(package), "--gold", str(gold_path), "--json"]
        done = subprocess.run([*args, "--detail"] if detail else args, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise ScoreError(f"{package}: score_facts.py failed ({last})")
    try:
        measures = json.loads(lines[-1])
    except json.JSONDecodeError:
        raise ScoreError(f"{package}: score_facts.py gave no JSON result") from None
    return measures, lines[:-1]


def as_day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def event_matches(pred: dict, gold_event: dict, entities: dict, norm) -> bool:
    """Whether a predicted event matches a gold event (the rule of ``score_facts.py``)."""
    g0, g1 = as_day(gold_event["date_start"]), as_day(gold_event["date_end"])
    s = as_day(pred.get("date_start"))
    e = as_day(pred.get("date_end")) or s
    if pred.get("event_type") != gold_event["type"] or not (s and e and g0 and g1):
        return False
    if not (s <= g1 and g0 <= e) or ((g1 - g0).days <= 7 and (e - s).days > 7):
        return False
    if not gold_event["countries"] and not gold_event["places"]:
        return True
    location = entities.get(pred.get("location_id")) or {}
    places = {norm(p) for p in gold_event["places"]}
    return (pred.get("country_code") or "") in gold_event["countries"] or norm(location.get("name", "")) in places


# Words a phrase may start with that do not change what it names (after ``norm``): determiners and numbers.
LEADING = frozenset(
    "a an the this that these those some several many few dozens hundreds one two three four five six seven "
    "eight nine ten eleven twelve".split()
)


def bare(text: str) -> str:
    """A normalised phrase without its leading determiners and numbers (``the two clinics``: ``clinics``)."""
    words = text.split()
    while words and (words[0] in LEADING or words[0].isdigit()):
        words.pop(0)
    return " ".join(words)


def text_matches(wanted: str, written: str | None, norm) -> bool:
    """Whether a predicted role text names the gold role: equal once normalised, or once both lose their
    leading determiners and numbers."""
    if not written:
        return False
    gold, got = norm(wanted), norm(written)
    return bool(got) and (gold == got or (bool(bare(gold)) and bare(gold) == bare(got)))


def role_measures(package: Path, gold: dict, detail: bool) -> tuple[dict, list[str]]:
    """Actor and target accuracy over the matched gold events that name one: by entity name or mention text,
    or by the event's ``actor_text``/``target_text`` (:func:`text_matches`)."""
    shared = shared_score()
    norm = shared.norm
    if not (package / "datapackage.json").is_file() and not package.name.endswith(".json"):
        raise ScoreError(f"{package}: no datapackage.json")
    try:
        tables = shared.load_package(package)
    except (OSError, ValueError) as exc:
        raise ScoreError(f"{package}: not readable ({exc})") from None
    entities = {e.get("entity_id"): e for e in tables.get("entities", [])}
    events = {e.get("event_id"): e for e in tables.get("events", [])}
    names: dict[str, set[str]] = defaultdict(set)  # entity id -> normalised name and mention texts
    for entity_id, entity in entities.items():
        names[entity_id].add(norm(entity.get("name", "")))
    for mention in tables.get("mentions", []):
        names[mention.get("entity_id")].add(norm(mention.get("text", "")))
    by_article: dict[str, set[str]] = defaultdict(set)
    for row in tables.get("event_mentions", []):
        by_article[row.get("article_id")].add(row.get("event_id"))
    counts = {"actor": [0, 0], "target": [0, 0]}
    lines: list[str] = []
    for article_id, article in gold["articles"].items():
        for gold_event in article["events"]:
            if gold_event.get("optional"):
                continue
            matched = [
                events[p]
                for p in sorted(by_article.get(article_id, ()))
                if p in events and event_matches(events[p], gold_event, entities, norm)
            ]
            if not matched:
                continue
            for role in ("actor", "target"):
                wanted = gold_event.get(role)
                if not wanted:
                    continue
                got = [names.get(p.get(f"{role}_id"), set()) for p in matched]
                right = any(norm(wanted) in g for g in got) or any(
                    text_matches(wanted, p.get(f"{role}_text"), norm) for p in matched
                )
                counts[role][0] += right
                counts[role][1] += 1
                if not right:
                    found = sorted({entities.get(p.get(f"{role}_id"), {}).get("name", "") for p in matched} - {""})
                    written = sorted({p.get(f"{role}_text") or "" for p in matched} - {""})
                    found += [f"text {w!r}" for w in written]
                    lines.append(f"{article_id} {role} WRONG {gold_event['event']}: gold {wanted!r}, predicted {found}")
    measures = {f"{role}_accuracy": f"{ok}/{n}" for role, (ok, n) in counts.items()}
    return measures, lines if detail else []


def score(folders: list[Path], package: Path, detail: bool = False) -> tuple[dict, list[str]]:
    """All measures of one package against one split."""
    _, gold = load_split(folders)
    if not package.exists():
        raise ScoreError(f"{package}: no such package")
    facts, fact_lines = fact_measures(package, gold, detail)
    roles, role_lines = role_measures(package, gold, detail)
    return {**facts, **roles}, fact_lines + role_lines


def ratio(value: object) -> float | None:
    """``"3/4"`` as 0.75; None for a count or an empty fraction."""
    text = str(value)
    if "/" not in text:
        return None
    num, _, den = text.partition("/")
    try:
        return int(num) / int(den) if int(den) else None
    except ValueError:
        return None


def table(dev: dict, test: dict) -> tuple[list[dict], list[str]]:
    """Rows measure/dev/test/difference/flagged, and their printed lines."""
    rows, lines = [], [f"{'measure':<30} {'dev':>16} {'test':>16} {'test-dev':>9}"]
    for measure in list(dict.fromkeys([*dev, *test])):
        a, b = dev.get(measure), test.get(measure)
        ra, rb = ratio(a), ratio(b)
        if ra is not None and rb is not None:
            diff = rb - ra
            flag = diff < -DROP - 1e-9
            shown = (f"{ra:.3f} ({a})", f"{rb:.3f} ({b})", f"{diff:+.3f}")
        else:
            try:
                diff = float(b) - float(a)  # a count such as false_flags
                shown = (str(a), str(b), f"{diff:+g}")
            except (TypeError, ValueError):
                diff, shown = None, (str(a), str(b), "")
            flag = False
        rows.append({"measure": measure, "dev": a, "test": b, "difference": diff, "flagged": flag})
        mark = "  <- test more than 0.05 below dev" if flag else ""
        lines.append(f"{measure:<30} {shown[0]:>16} {shown[1]:>16} {shown[2]:>9}{mark}")
    return rows, lines


def existing(folders: list[str]) -> list[Path]:
    """The split folders that exist (a part not written yet is skipped), relative to the repository."""
    paths = [p if p.is_absolute() else REPO / p for p in map(Path, folders)]
    return [p for p in paths if (p / "manifest.json").is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", type=Path, help="a split folder (repeat for a split in parts)")
    parser.add_argument("--package", type=Path, help="the package built from the split's texts")
    parser.add_argument("--table", nargs=2, type=Path, metavar=("DEV_PKG", "TEST_PKG"))
    parser.add_argument("--dev-split", action="append", help="DEV split folders (default: eval/dev-1, eval/dev-2)")
    parser.add_argument("--test-split", action="append", help="TEST split folders (default: eval/test)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--detail", action="store_true", help="list every miss and false positive")
    args = parser.parse_args(argv)
    try:
        if args.table:
            dev_folders = existing(args.dev_split or list(DEV_SPLITS))
            test_folders = existing(args.test_split or list(TEST_SPLITS))
            if not dev_folders or not test_folders:
                raise ScoreError("--table: no DEV or no TEST split folder with a manifest.json")
            dev, dev_lines = score(dev_folders, args.table[0], args.detail)
            test, test_lines = score(test_folders, args.table[1], args.detail)
            rows, lines = table(dev, test)
            if args.detail:
                print("\n".join([*(f"dev  {x}" for x in dev_lines), *(f"test {x}" for x in test_lines)]))
            print(json.dumps(rows, ensure_ascii=False) if args.json else "\n".join(lines))
            return 0
        if not args.split or not args.package:
            raise ScoreError("give --split DIR [--split DIR ...] --package PKG, or --table DEV_PKG TEST_PKG")
        result, lines = score(args.split, args.package, args.detail)
    except ScoreError as exc:
        print(f"eval/score.py: {exc}", file=sys.stderr)
        return 2
    if lines:
        print("\n".join(lines))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print("\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
