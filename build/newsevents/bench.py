"""Benchmark: the cost of each stage per article at two corpus sizes, peak memory, and a floor.

``nox -s bench`` (or ``python -m newsevents.bench --articles 1000 --articles 10000``) writes a varied
synthetic corpus of each size (``bench_corpus``: many incidents, places, people and figures, several
outlets per incident), then, in a fresh process per size so that each reports its own peak memory
(maximum resident set size), times every stage of the build, the checks and the writing, and a regular-
expression tokenisation of the same texts (the floor: what merely reading the words costs).

Figures, not pass/fail: speed and memory goals are read off this output, never asserted by timed tests.
What grows faster than the corpus shows as a cost per article that rises from one size to the next.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsevents.bench_corpus import make_varied_corpus

WORDS = re.compile(r"\w+")


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(corpus: Path, out: Path, workers: int) -> dict:
    """Time every step of one build in this process (no cache: every article is read), with the peak
    memory reached by the end of each; then the rebuild after adding one article to the corpus, with every
    other article's readings cached (the cache is written by a second, untimed build)."""
    from newsevents.cli import BUILD_LAYERS
    from newsevents.entities.reference import load_gazetteer
    from newsevents.package import publish_atomically
    from newsevents.pipeline import BuildContext, run_steps
    from validation.runner import run as run_checks

    times: dict[str, float] = {}
    rss: dict[str, float] = {}
    started = time.perf_counter()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    floor = sum(len(WORDS.findall(t)) for t in texts)
    times["regex tokenisation (floor)"] = time.perf_counter() - started
    started = time.perf_counter()
    load_gazetteer()
    times["reference data (once)"] = time.perf_counter() - started
    context = BuildContext(corpus, out, workers, None, None)
    started = time.perf_counter()

    def after_step(step: object) -> None:
        nonlocal started
        times[step.__name__] = time.perf_counter() - started
        rss[step.__name__] = _rss_mib()
        started = time.perf_counter()

    tables = run_steps(context, after_step=after_step)
    package = {name: rows for name, rows in tables.items() if not name.startswith("_")}
    checked: dict[str, float] = {}

    def check(staging: Path) -> None:
        started = time.perf_counter()
        report = run_checks(staging, BUILD_LAYERS)
        checked["checks"] = time.perf_counter() - started
        if not report.ok:
            raise SystemExit(f"benchmark package failed its checks: {report.first()}")

    started = time.perf_counter()
    del tables  # as the build does: the intermediates go, and the rows once written
    gc.collect()
    publish_atomically(package, out, check, release_rows=True)
    times["write and swap"] = time.perf_counter() - started - checked["checks"]
    times["checks"] = checked["checks"]
    rss["write and swap"] = rss["checks"] = _rss_mib()
    return {
        "articles": len(texts),
        "words": floor,
        "times": times,
        "rss": rss,
        "peak_rss_mib": _rss_mib(),
        "peak_rss_worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "add_one": _add_one(corpus, out, workers),
    }


def _add_one(corpus: Path, out: Path, workers: int) -> float:
    """Seconds to rebuild ``out`` after one article is added to ``corpus``, the rest read from the cache."""
    from newsevents.cli import build

    cache = out.parent / f"{out.name}-cache"
    build(corpus, out, workers=workers, cache_dir=cache)  # fills the cache (not timed)
    first = sorted(corpus.glob("*.txt"))[0]
    added = corpus / "zz_added_article.txt"
    added.write_text(first.read_text(encoding="utf-8").replace("killed", "left dead", 1), encoding="utf-8")
    started = time.perf_counter()
    build(corpus, out, workers=workers, cache_dir=cache)
    seconds = time.perf_counter() - started
    added.unlink()
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsevents bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (give two or more to compare)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the per-article stage")
    parser.add_argument("--keep", type=Path, help="keep the corpora and packages in this folder")
    parser.add_argument("--size", help=argparse.SUPPRESS)  # internal: one size in this process, JSON out
    args = parser.parse_args(argv)
    if args.size:
        corpus, out = args.size.split("|")
        print(json.dumps(run_size(Path(corpus), Path(out), args.workers)))
        return 0

    sizes = args.articles or [500, 2000]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        results = []
        for n in sizes:
            corpus = make_varied_corpus(root / f"corpus-{n}", n)
            out = root / f"package-{n}"
            out.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                [sys.executable, "-m", "newsevents.bench", "--workers", str(args.workers), "--size", f"{corpus}|{out}"],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    _print(results, args.workers)
    return 0


def _print(results: list[dict], workers: int) -> None:
    print(f"varied synthetic corpus, Python {sys.version.split()[0]}, {workers} worker(s), no cache")
    header = "stage".ljust(28) + "".join(f"{r['articles']:>10,} art: s   ms/art" for r in results)
    print(header)
    for stage in results[0]["times"]:
        line = stage.ljust(28)
        for r in results:
            seconds = r["times"][stage]
            line += f"{seconds:>16.2f} {1000 * seconds / r['articles']:>8.2f}"
        print(line)
    totals = [sum(v for k, v in r["times"].items() if not k.startswith("regex")) for r in results]
    line = "whole build".ljust(28)
    for r, total in zip(results, totals, strict=True):
        line += f"{total:>16.2f} {1000 * total / r['articles']:>8.2f}"
    print(line)
    print("peak RSS by the end of each stage (MiB: the maximum resident set size, as the kernel counts it in KiB)")
    for stage in results[0]["rss"]:
        print(stage.ljust(28) + "".join(f"{r['rss'][stage]:>25.0f}" for r in results))
    for r, total in zip(results, totals, strict=True):
        floor = r["times"]["regex tokenisation (floor)"]
        extraction = sum(v for k, v in r["times"].items() if k.endswith("_stage"))
        peak, worker = r["peak_rss_mib"], r["peak_rss_worker_mib"]
        print(
            f"{r['articles']:,} articles: {r['articles'] / total:.1f} articles/s, peak RSS {peak:.0f} MiB, "
            f"(largest worker {worker:.0f} MiB), extraction {extraction / floor:.0f}x the regex floor; "
            f"adding one article rebuilds in {r['add_one']:.1f} s"
        )
    per_article = [total / r["articles"] for r, total in zip(results, totals, strict=True)]
    for i in range(1, len(results)):
        print(
            f"cost per article, {results[i]['articles']:,} vs {results[i - 1]['articles']:,}: "
            f"{per_article[i] / per_article[i - 1]:.2f}x"
        )


if __name__ == "__main__":
    sys.exit(main())
