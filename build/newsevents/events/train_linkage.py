"""Train the cross-article coreference model (``nox -s train-coref``): ``build/reference/coref-model.json``.

The development corpora (the seeds, the shared dev set and the eval DEV split; never the test split) are read
as the build reads them, up to the per-article events; :func:`linkage.link`, inside :func:`linkage.capture`,
hands over its records and blocked pairs instead of merging. Each record is labelled with the gold event of
its article it matches (same type, windows that meet, a gold country or place in common; a campaign record
prefers a campaign gold event): ``NONE`` when no gold event fits (a false event), unlabelled when several do.

Parameters (Fellegi–Sunter), counted, nothing sampled: m per comparison level is the share of the labelled
matches (two records with one gold event) at that level; u the share of every other pair of records of one
type family from different articles (nearly all non-matches); one smoothing count per level; the prior is
the share of matches among those pairs. The threshold is the match weight that maximises F1 on the labelled
blocked pairs (a pair of two false events says nothing and is left out). EM is not used: the labels give m
directly, and EM over the unlabelled pairs has not been tried yet. The same corpora give the same file.

    python -m newsevents.events.train_linkage [--out build/reference/coref-model.json]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

from newsevents import REFERENCE_DIR, REPO_ROOT
from newsevents.events import linkage

#: (articles folder, gold files): the development data only: the seeds, and beside the repository as
#: ``nox -s evaluate`` lays it out the shared dev set and the eval DEV split's texts; never the test split
CORPORA = (
    (REPO_ROOT / "seeds", (REPO_ROOT.parent / "shared" / "gold" / "seeds.json",)),
    (REPO_ROOT.parent / "devset" / "articles", (REPO_ROOT.parent / "shared" / "dev" / "gold.json",)),
    (
        REPO_ROOT.parent / "eval-texts" / "dev",
        tuple(REPO_ROOT / "eval" / part / "gold.json" for part in ("dev-1", "dev-2")),
    ),
)


class TrainingError(ValueError):
    pass


def _shown(path: Path) -> str:
    """A path as the repository sees it (the same in every checkout)."""
    if path.is_relative_to(REPO_ROOT):
        return path.relative_to(REPO_ROOT).as_posix()
    return f"../{path.relative_to(REPO_ROOT.parent).as_posix()}" if path.is_relative_to(REPO_ROOT.parent) else path.name


def check(corpora) -> None:
    """Every folder and gold file is there, and none is of the test split."""
    for folder, gold_paths in corpora:
        for path in (folder, *gold_paths):
            if "test" in path.parts:
                raise TrainingError(f"{path}: the test split is never trained on")
            if not path.exists():
                raise TrainingError(f"{path}: not found (the development data the model is trained on)")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def gold_events(paths: tuple[Path, ...]) -> dict[str, list[dict]]:
    """Per article, the gold events it reports (type, window, countries, place names)."""
    articles: dict[str, list[dict]] = {}
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))
        for article_id, article in gold["articles"].items():
            told = article["events"]
            if isinstance(gold.get("events"), dict):  # the seeds' gold: events by id, articles cite them
                told = [_seed_event(gold, x) for x in sorted({e["event"] for e in told})]
            articles.setdefault(article_id, []).extend(told)
    return articles


def _seed_event(gold: dict, event_id: str) -> dict:
    e = gold["events"][event_id]
    names = [gold["entities"].get(x, {}).get("name", x) for x in e.get("locations", [])]
    return {
        "event": event_id,
        "type": e["type"],
        "date_start": e["date_start"],
        "date_end": e["date_end"],
        "countries": e.get("country_codes", []),
        "places": names,
        "aggregate": e.get("aggregate", False),
    }


NONE = "-"


def label(row: dict, event_type: str, gold: list[dict]) -> str | None:
    """The one gold event of its article a record reports (``NONE`` when none fits; None, unlabelled, when
    several do)."""
    fits = []
    for g in gold:
        first, last = date.fromisoformat(g["date_start"]).toordinal(), date.fromisoformat(g["date_end"]).toordinal()
        meet = row["first"] is None or (row["first"] <= last and first <= row["last"])
        if g["type"] != event_type or not meet:
            continue
        places = {_norm(p) for p in g["places"]}
        if (g["countries"] or g["places"]) and not (
            set(row["countries"] + row["implied"]) & set(g["countries"]) or set(row["place_names"]) & places
        ):
            continue
        fits.append(g)
    if not fits:
        return NONE  # no gold event: a false event, one with nothing to be merged with
    if len({g["event"] for g in fits}) > 1:  # a campaign is the gold event that is one (or spans weeks)
        fits = [g for g in fits if _campaign(g) == (row["family"] == "series")] or fits
    return fits[0]["event"] if len({g["event"] for g in fits}) == 1 else None


def _campaign(g: dict) -> bool:
    if "aggregate" in g:
        return bool(g["aggregate"])
    return (date.fromisoformat(g["date_end"]) - date.fromisoformat(g["date_start"])).days > 7


def same(a: str, b: str) -> bool:
    return a == b and a != NONE


def read_corpus(folder: Path, gold_paths: tuple[Path, ...]) -> tuple[list, list[dict], list[tuple[int, int]], list]:
    """The records and blocked pairs of one corpus, and each record's gold label."""
    from newsevents.pipeline import STEPS, BuildContext, corpus_events_stage, run_steps

    steps = STEPS[: STEPS.index(corpus_events_stage) + 1]
    gold = gold_events(gold_paths)
    with tempfile.TemporaryDirectory() as out, linkage.capture() as captured:
        run_steps(BuildContext(folder, Path(out)), steps)
    ordered, rows, pairs, _ = captured[0]
    labels = [label(r, e.event_type, gold.get(r["article_id"], [])) for r, e in zip(rows, ordered, strict=True)]
    return ordered, rows, pairs, labels


def estimate(matches: list[dict], others: list[dict], settings: dict) -> dict:
    """m per comparison level from the labelled matches, u from every other pair of one type family (nearly
    all of them non-matches), one smoothing count per level; the prior is the share of matches."""
    out = json.loads(json.dumps(settings))
    out["probability_two_random_records_match"] = (len(matches) + 1) / (len(matches) + len(others) + 2)
    for comparison in out["comparisons"]:
        name = comparison["output_column_name"]
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for gammas, key in ((matches, "m_probability"), (others, "u_probability")):
            counts = Counter(g[name] for g in gammas if g[name] >= 0)
            total = sum(counts.values()) + len(levels)
            for position, lv in enumerate(levels):
                value = len(levels) - 1 - position  # Splink numbers the levels from the last (ELSE = 0)
                lv[key] = (counts[value] + 1) / total
    return out


def best_threshold(scored: list[tuple[float, bool]]) -> float:
    """The match weight that maximises F1 on the labelled pairs (the highest such weight on a tie)."""
    positives = sum(1 for _, m in scored if m)
    best, best_f1 = math.inf, -1.0
    tp = fp = 0
    for weight, is_match in sorted(scored, key=lambda s: -s[0]):
        tp, fp = tp + is_match, fp + (not is_match)
        f1 = 2 * tp / (tp + fp + positives) if positives else 0.0
        if f1 > best_f1:
            best, best_f1 = weight, f1
    return round(best - 1e-6, 6)


def family_pairs(rows: list[dict], ordered: list) -> list[tuple[int, int]]:
    """Every pair of records of one type family from different articles (u is counted over these)."""
    by_family: dict[tuple, list[int]] = {}
    for i, e in enumerate(ordered):
        by_family.setdefault((e.event_type, e.kind, e.aggregate), []).append(i)
    return sorted(
        (a, b)
        for members in by_family.values()
        for x, a in enumerate(members)
        for b in members[x + 1 :]
        if rows[a]["article_id"] != rows[b]["article_id"]
    )


def train(corpora=CORPORA) -> dict:
    settings = linkage.settings()
    matches: list[dict] = []
    others: list[dict] = []
    pairs_seen = 0
    blocked_labelled = []
    for folder, gold_paths in corpora:
        ordered, rows, pairs, labels = read_corpus(folder, gold_paths)
        candidates = family_pairs(rows, ordered)
        pairs_seen += len(candidates)
        for a, b, gamma in linkage.gammas(rows, candidates, settings):
            is_match = labels[a] is not None and labels[b] is not None and same(labels[a], labels[b])
            (matches if is_match else others).append(gamma)
        labelled = [(a, b) for a, b in pairs if labels[a] is not None and labels[b] is not None]
        blocked_labelled.append((rows, labelled, labels))
        print(
            f"{folder}: {len(rows)} records, {len(pairs)} blocked pairs ({len(labelled)} labelled), "
            f"{len(candidates)} pairs of one type family",
            file=sys.stderr,
        )
    trained = estimate(matches, others, settings)
    scored = []
    for rows, labelled, labels in blocked_labelled:
        informative = [(a, b) for a, b in labelled if NONE not in (labels[a], labels[b]) or labels[a] != labels[b]]
        for a, b, weight, _ in linkage.score(rows, informative, trained):  # two false events: no evidence
            scored.append((weight, same(labels[a], labels[b])))
    threshold = best_threshold(scored)
    return {
        "version": linkage.MODEL_VERSION,
        "trained_by": linkage.TRAIN_COMMAND,
        "training_data": [{"articles": _shown(f), "gold": [_shown(g) for g in golds]} for f, golds in corpora],
        "pairs": {
            "labelled_matches": len(matches),
            "other_pairs_of_one_type_family": len(others),
            "blocked_labelled": len(scored),
            "blocked_labelled_matches": sum(1 for _, m in scored if m),
        },
        "threshold": threshold,
        "splink": trained,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REFERENCE_DIR / linkage.MODEL_FILE)
    args = parser.parse_args(argv)
    try:
        check(CORPORA)
    except TrainingError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    model = train()
    args.out.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: threshold {model['threshold']}, {model['pairs']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
