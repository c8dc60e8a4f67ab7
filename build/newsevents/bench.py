"""Benchmark: throughput and peak memory of the build on a large corpus made from the seeds.

``nox -s bench`` (or ``python -m newsevents.bench --articles 1000``) writes a corpus of N articles, each a
seed article under a new id with its date moved by a few days, then times each stage in a fresh process
so that each reports its own peak memory (maximum resident set size). Figures, not pass/fail: speed and
memory goals are read off this output, never asserted by timed tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from newsevents import DEFAULT_SEEDS
from newsevents.articles import read_articles

STAGES = ("sentences", "entities", "events", "build")


def make_corpus(seeds: Path, out: Path, n: int) -> Path:
    """``n`` articles cycling through the seeds, dates shifted by up to 59 days (same text, new article)."""
    out.mkdir(parents=True, exist_ok=True)
    articles = read_articles(seeds)
    for i in range(n):
        seed = articles[i % len(articles)]
        published = seed.published_date + timedelta(days=(i // len(articles)) % 60)
        (out / f"{seed.article_id}-{i:05d}.txt").write_text(
            f" date {published.isoformat()} {seed.body}\n", encoding="utf-8"
        )
    return out


def run_stage(stage: str, corpus: Path, out: Path) -> dict:
    """Time one stage in this process. Only the named stage is timed; what it needs is built first."""
    from newsevents.entities import entities_and_mentions
    from newsevents.pipeline import BuildContext, articles_and_sentences

    context = BuildContext(corpus, out)
    if stage == "build":
        from newsevents.cli import build

        started = time.perf_counter()
        build(corpus, out)
        seconds = time.perf_counter() - started
    else:
        started = time.perf_counter()
        tables = articles_and_sentences({}, context)
        seconds = time.perf_counter() - started
        if stage in ("entities", "events"):
            from newsevents.entities.reference import load_gazetteer

            load_gazetteer()  # loaded once per build, not per article: left out of the timing
            started = time.perf_counter()
            tables |= entities_and_mentions(tables, context)
            seconds = time.perf_counter() - started
        if stage == "events":
            from newsevents.events import events_and_claims

            started = time.perf_counter()
            events_and_claims(tables, context)
            seconds = time.perf_counter() - started
    return {
        "stage": stage,
        "seconds": seconds,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsevents.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--keep", type=Path, help="build the package into this folder and keep it")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)  # internal: one stage, JSON out
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.stage:
        print(json.dumps(run_stage(args.stage, args.corpus, args.keep)))
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(args.seeds, Path(tmp) / "corpus", args.articles)
        out = args.keep or Path(tmp) / "package"
        print(f"corpus: {args.articles} articles made from {args.seeds} (Python {sys.version.split()[0]})")
        print(f"{'stage':<10} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}")
        for stage in STAGES:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "newsevents.bench",
                    "--stage",
                    stage,
                    "--corpus",
                    str(corpus),
                    "--keep",
                    str(out),
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(result.stdout.strip().splitlines()[-1])
            rate = args.articles / r["seconds"] if r["seconds"] else float("inf")
            print(f"{stage:<10} {r['seconds']:8.2f} {rate:11.1f} {r['peak_rss_mb']:12.0f}")
    print("sentences: reading and splitting; entities, events: that step alone; build: everything, checks included")
    return 0


if __name__ == "__main__":
    sys.exit(main())
