"""Benchmark: words per second per core of each stage at several corpus sizes, the cost per word from one
size to the next, peak memory, a regex floor, spaCy's share, the speed-up on more workers and the daily cycle.

``nox -s bench`` (or ``python -m newsevents.bench --articles 1000 --articles 10000 --workers 2``) writes a
synthetic corpus of each size, by default wire copy (``bench_corpus.make_wire_corpus``: articles of 500 to
700 words at the median with a long tail to 2,500, with datelines, quotes, background and lists of names,
over some 90 countries; ``--corpus varied`` gives the short template articles of earlier versions). Then,
in a fresh process per size so that each reports its own peak memory (maximum resident set size), it times
every stage of the build with no cache, the checks and the writing, and a regular-expression tokenisation
of the same texts (the floor: what merely reading the words costs); then it reads the first
:data:`SPACY_SAMPLE` articles again in one process to give spaCy's recogniser's and parser's share of the
per-article readings. Options add the per-article stage on
one worker and on a local Dask cluster (``--speedup``, ``--dask``) and the daily cycle (``--daily N``: N
new articles added to the built corpus, rebuilt with the cache warm and every check).

Words are the reader's words (``articles.count_words``). Words per second per core divides by the cores a
stage uses: the workers for the per-article stages, one for the corpus stages, the writing and the checks;
the whole build divides by the workers (the cores the build was given).

Figures, not pass/fail: speed and memory goals are read off this output, never asserted by timed tests.
What grows faster than the corpus shows as a cost per word that rises from one size to the next.
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsevents.bench_corpus import make_varied_corpus, make_wire_corpus, word_stats

WORDS = re.compile(r"\w+")
#: The steps that read each article on its own, spread over the workers; every other step uses one core.
PER_ARTICLE = ("read_articles_stage", "read_events_stage")
FLOOR = "regex tokenisation (floor)"
#: The daily cycle's new articles: incidents of the three days after the corpus's last day.
DAILY_SEED, DAILY_PREFIX = 1011, "zz-day-"


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children (the workers): on a shared machine
    a stage's CPU time is what it costs, its wall time also what the other programs took."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Clock:
    """Wall and CPU seconds, and the peak memory, of consecutive laps."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self.rss: dict[str, float] = {}
        self.restart()

    def restart(self) -> None:
        self.wall, self.used = time.perf_counter(), _cpu_seconds()

    def lap(self, name: str) -> None:
        self.times[name] = time.perf_counter() - self.wall
        self.cpu[name] = _cpu_seconds() - self.used
        self.rss[name] = _rss_mib()
        self.restart()


def timed_build(
    corpus: Path, out: Path, workers: int, cache_dir: Path | None = None, scheduler: str | None = None
) -> Clock:
    """Build ``out`` from ``corpus`` as ``newsevents build`` does, every check included: the wall and CPU
    seconds of each step, the writing and the checks, and the peak memory (MiB) reached by the end of each."""
    from newsevents.cli import BUILD_LAYERS
    from newsevents.package import publish_atomically
    from newsevents.pipeline import METADATA, BuildContext, run_steps
    from validation.runner import run as run_checks

    clock = Clock()
    tables = run_steps(
        BuildContext(corpus, out, workers, scheduler, cache_dir), after_step=lambda step: clock.lap(step.__name__)
    )
    (metadata,) = tables[METADATA]
    package = {name: rows for name, rows in tables.items() if not name.startswith("_")}

    def check(staging: Path) -> None:
        clock.lap("write and swap")  # the writing before the checks (the swap after them is instant)
        report = run_checks(staging, BUILD_LAYERS)
        clock.lap("checks")
        if not report.ok:
            raise SystemExit(f"benchmark package failed its checks: {report.first()}")

    clock.restart()
    del tables  # as the build does: the intermediates go, and the rows once written
    gc.collect()
    publish_atomically(package, out, check, metadata, release_rows=True)
    return clock


def per_article_seconds(corpus: Path, out: Path, workers: int, scheduler: str | None = None) -> float:
    """Seconds of the per-article stages alone (no cache), on ``workers`` processes or a Dask scheduler."""
    from newsevents.pipeline import (
        BuildContext,
        read_articles_stage,
        read_events_stage,
        resolve_entities_stage,
        run_steps,
    )

    times: dict[str, float] = {}
    started = time.perf_counter()

    def after_step(step: object) -> None:
        nonlocal started
        times[step.__name__] = time.perf_counter() - started
        started = time.perf_counter()

    steps = (read_articles_stage, resolve_entities_stage, read_events_stage)
    run_steps(BuildContext(corpus, out, workers, scheduler, None), steps, after_step=after_step)
    return sum(times[name] for name in PER_ARTICLE)


#: Articles read in one process to measure spaCy's share of the per-article readings.
SPACY_SAMPLE = 200


def spacy_share(corpus: Path, sample: int = SPACY_SAMPLE) -> dict:
    """Both per-article readings of the corpus's first ``sample`` articles, in this process, with the CPU
    seconds spent inside spaCy counted apart: the recogniser (``nlp.names``, every sentence) and the parser
    (``nlp.parse``, the sentences with an event word). The corpus stage between the readings is left out."""
    from newsevents import nlp
    from newsevents.facts import finish_mentions, knowledge_of, read_article_events, read_article_facts

    spent = {"ner": 0.0, "parser": 0.0}

    def counted(function, part: str):
        def run(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] += time.process_time() - started

        return run

    paths = sorted(corpus.glob("*.txt"))[:sample]
    nlp.pipeline()  # loaded before the clock starts, as a worker has it loaded
    real = nlp.names, nlp.parse
    nlp.names, nlp.parse = counted(nlp.names, "ner"), counted(nlp.parse, "parser")
    try:
        started = time.process_time()
        facts = [read_article_facts(p, corpus, "") for p in paths]
        reading = time.process_time() - started
        knowledge = knowledge_of(facts)
        started = time.process_time()
        for f in facts:
            read_article_events(f, finish_mentions(f, knowledge), knowledge)
        reading += time.process_time() - started
    finally:
        nlp.names, nlp.parse = real
    words = sum(f.article["n_words"] for f in facts)
    return {"articles": len(paths), "words": words, "cpu": reading, **spent}


def run_size(
    corpus: Path,
    out: Path,
    workers: int,
    speedup: bool = False,
    dask: bool = False,
    daily: int = 0,
    site: bool = False,
) -> dict:
    """Everything measured on one corpus, in this process: the build with no cache, then (when asked) the
    per-article stage on one worker and on a Dask cluster, adding one article, the daily cycle and the
    static site (its build, size and the home page's filter time in Chromium)."""
    from newsevents.entities.reference import load_gazetteer

    stats = word_stats(corpus)
    first = Clock()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    sum(len(WORDS.findall(t)) for t in texts)
    first.lap(FLOOR)
    del texts
    load_gazetteer()
    first.lap("reference data (once)")
    clock = timed_build(corpus, out, workers)
    result = {
        **stats,
        "workers": workers,
        "times": {**first.times, **clock.times},
        "cpu": {**first.cpu, **clock.cpu},
        "rss": clock.rss,
        "peak_rss_mib": _rss_mib(),
        "peak_rss_worker_mib": _worker_rss_mib(),
    }
    per_article = sum(clock.times[name] for name in PER_ARTICLE)
    if speedup or dask:
        scratch = out.parent / f"{out.name}-speedup"
        result["per_article"] = {_workers(workers): per_article}
        # CPU-seconds over wall seconds: the cores the stages kept busy (what the speed-up is, bar the contention)
        result["per_article_cores_busy"] = sum(clock.cpu[name] for name in PER_ARTICLE) / per_article
        if speedup and workers > 1:
            result["per_article"]["1 worker"] = per_article_seconds(corpus, scratch, 1)
        if dask:
            result["per_article"][f"Dask LocalCluster, {_workers(workers)}"] = _on_dask(corpus, scratch, workers)
    if site:
        result["site"] = _site(out)
    result["spacy"] = spacy_share(corpus)
    result["add_one"] = _add_one(corpus, out, workers)
    if daily:
        result["daily"] = _daily(corpus, out, workers, daily)
    return result


def _site(package: Path) -> dict:
    """The static site of the package: its build time (checks included), files and bytes, and the home
    page's filter times in headless Chromium where the machine has one."""
    from newsevents.site import build_site
    from newsevents.site.browser import chromium_path, filter_times

    started = time.perf_counter()
    stats = build_site(package, package.parent / f"{package.name}-site")
    figures = {"seconds": time.perf_counter() - started, "files": stats.files, "bytes": stats.bytes}
    if chromium_path() is not None:
        figures["filter_ms"] = filter_times(package.parent / f"{package.name}-site")
    return figures


def _workers(n: int) -> str:
    return "1 worker" if n == 1 else f"{n} workers"


def _on_dask(corpus: Path, out: Path, workers: int) -> float:
    """The per-article stages on a Dask ``LocalCluster`` of ``workers`` one-thread processes on 127.0.0.1
    (the cluster's start is not timed)."""
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=workers, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        return per_article_seconds(corpus, out, workers, cluster.scheduler_address)


def _cache(out: Path) -> Path:
    return out.parent / f"{out.name}-cache"


def _add_one(corpus: Path, out: Path, workers: int) -> float:
    """Seconds to rebuild ``out`` after one article is added to ``corpus``, the rest read from the cache
    (filled by a build that is not timed)."""
    from newsevents.cli import build

    cache = _cache(out)
    build(corpus, out, workers=workers, cache_dir=cache)  # fills the cache (not timed)
    first = sorted(corpus.glob("*.txt"))[0]
    added = corpus / "zz_added_article.txt"
    added.write_text(first.read_text(encoding="utf-8").replace("killed", "left dead", 1), encoding="utf-8")
    started = time.perf_counter()
    build(corpus, out, workers=workers, cache_dir=cache)
    seconds = time.perf_counter() - started
    added.unlink()
    return seconds


def _daily(corpus: Path, out: Path, workers: int, n: int) -> dict:
    """The daily cycle: ``n`` new articles (incidents of the three days after the corpus's last day) added
    to the built corpus, rebuilt with the cache warm and every check; the new articles are then removed."""
    last = max(date.fromisoformat(p.read_text(encoding="utf-8")[6:16]) for p in corpus.glob("*.txt"))
    new = make_wire_corpus(corpus.parent / f"{corpus.name}-daily", n, DAILY_SEED, last + timedelta(days=1), 3)
    moved = []
    for path in sorted(new.glob("*.txt")):
        moved.append(path.rename(corpus / f"{DAILY_PREFIX}{path.name}"))
    new.rmdir()
    try:
        clock = timed_build(corpus, out, workers, _cache(out))
    finally:
        for path in moved:
            path.unlink()
    return {
        "articles": n,
        "times": clock.times,
        "seconds": sum(clock.times.values()),
        "cpu_seconds": sum(clock.cpu.values()),
        "peak_rss_mib": max(clock.rss.values()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsevents bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", help="corpus size (give two or more to compare)")
    parser.add_argument("--workers", type=int, default=1, help="processes for the per-article stage")
    parser.add_argument("--corpus", choices=("wire", "varied"), default="wire", help="the synthetic corpus")
    parser.add_argument("--seed", type=int, help="the corpus generator's seed (default: the generator's own)")
    parser.add_argument("--speedup", action="store_true", help="also run the per-article stage on 1 worker")
    parser.add_argument("--dask", action="store_true", help="also run it on a Dask LocalCluster of --workers")
    parser.add_argument("--daily", type=int, default=0, metavar="N", help="time N new articles added, cache warm")
    parser.add_argument("--site", action="store_true", help="also build the static site and time its filters")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="keep the corpora and packages in this folder")
    parser.add_argument("--size", help=argparse.SUPPRESS)  # internal: one size in this process, JSON out
    args = parser.parse_args(argv)
    if args.size:
        corpus, out = args.size.split("|")
        result = run_size(Path(corpus), Path(out), args.workers, args.speedup, args.dask, args.daily, args.site)
        print(json.dumps(result))
        return 0

    sizes = args.articles or [500, 2000]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        results = []
        for n in sizes:
            folder = root / f"corpus-{args.corpus}-{n}"
            make = make_wire_corpus if args.corpus == "wire" else make_varied_corpus
            corpus = make(folder, n) if args.seed is None else make(folder, n, args.seed)
            out = root / f"package-{args.corpus}-{n}"
            out.mkdir(parents=True, exist_ok=True)
            options = ["--workers", str(args.workers), "--daily", str(args.daily)]
            options += ["--speedup"] * args.speedup + ["--dask"] * args.dask + ["--site"] * args.site
            done = subprocess.run(
                [sys.executable, "-m", "newsevents.bench", *options, "--size", f"{corpus}|{out}"],
                capture_output=True,
                text=True,
            )
            if done.returncode:
                sys.stderr.write(done.stderr)
                print(f"newsevents bench: the run on {n:,} articles failed (exit {done.returncode})", file=sys.stderr)
                return 1
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _print(results, args.workers, args.corpus)
    return 0


def _per(words: int, seconds: float) -> str:
    return f"{words / seconds:,.0f}" if seconds > 0 else "-"


def _cores(stage: str, workers: int) -> int:
    return workers if stage in PER_ARTICLE else 1


def _print(results: list[dict], workers: int, corpus: str) -> None:
    print(
        f"{corpus} synthetic corpus, Python {sys.version.split()[0]}, {platform.machine()}, "
        f"{workers} worker(s), no cache; words as the reader counts them"
    )
    for r in results:
        print(
            f"{r['articles']:,} articles: {r['words']:,} words; words per article: median {r['median']:,}, "
            f"90th percentile {r['p90']:,}, longest {r['max']:,}"
        )
    print("wall seconds, words per second per core (the stage's cores), words per CPU-second (this process and")
    print("its workers; on a shared machine the steadier figure)")
    print("stage".ljust(28) + "".join(f"{r['articles']:>9,} art: s  words/s/core  words/CPU-s" for r in results))
    for stage in results[0]["times"]:
        line = stage.ljust(28)
        for r in results:
            seconds, cpu = r["times"][stage], r["cpu"][stage]
            rate = r["words"] / (seconds * _cores(stage, workers)) if seconds else float("inf")
            line += f"{seconds:>15.2f} {rate:>13,.0f} {r['words'] / cpu if cpu else float('inf'):>12,.0f}"
        print(line)
    totals = [sum(v for k, v in r["times"].items() if k != FLOOR) for r in results]
    cpus = [sum(v for k, v in r["cpu"].items() if k != FLOOR) for r in results]
    line = f"whole build (/{workers} cores)".ljust(28)
    for r, total, cpu in zip(results, totals, cpus, strict=True):
        line += f"{total:>15.2f} {r['words'] / (total * workers):>13,.0f} {r['words'] / cpu:>12,.0f}"
    print(line)
    print("peak RSS by the end of each stage (MiB: the maximum resident set size, as the kernel counts it in KiB)")
    for stage in results[0]["rss"]:
        print(stage.ljust(28) + "".join(f"{r['rss'][stage]:>42.0f}" for r in results))
    cost = [1e6 * total / r["words"] for r, total in zip(results, totals, strict=True)]
    for r, total, cpu, per_word in zip(results, totals, cpus, cost, strict=True):
        floor = r["cpu"][FLOOR] or r["times"][FLOOR]
        extraction = sum(r["cpu"][k] for k in PER_ARTICLE)
        print(
            f"{r['articles']:,} articles: {r['articles'] / total:.1f} articles/s, "
            f"{r['words'] / (total * workers):,.0f} words/s per core ({r['words'] / cpu:,.0f} per CPU-second), "
            f"{per_word:.1f} µs per word ({1000 * total / r['articles']:.1f} ms per article); "
            f"peak RSS {r['peak_rss_mib']:.0f} MiB (largest worker {r['peak_rss_worker_mib']:.0f} MiB); "
            f"regex floor {r['words'] / floor:,.0f} words/s, the per-article stages {extraction / floor:.0f}x "
            f"the floor in CPU-seconds; adding one article rebuilds in {r['add_one']:.1f} s"
        )
    for i in range(1, len(results)):
        print(
            f"cost per word, {results[i]['articles']:,} vs {results[i - 1]['articles']:,} articles: "
            f"{cost[i] / cost[i - 1]:.2f}x"
        )
    if len(results) > 2:
        print(
            f"cost per word, {results[-1]['articles']:,} vs {results[0]['articles']:,} articles: "
            f"{cost[-1] / cost[0]:.2f}x"
        )
    for r in results:
        sp = r["spacy"]
        rest = sp["cpu"] - sp["ner"] - sp["parser"]
        print(
            f"{r['articles']:,} articles, spaCy's share of the per-article readings ({sp['articles']:,} articles, "
            f"one process, {sp['words'] / sp['cpu']:,.0f} words per CPU-second in all): recogniser "
            f"{100 * sp['ner'] / sp['cpu']:.0f}% ({_per(sp['words'], sp['ner'])} words/CPU-s), parser "
            f"{100 * sp['parser'] / sp['cpu']:.0f}% ({_per(sp['words'], sp['parser'])} words/CPU-s over all the "
            f"words), the rest {100 * rest / sp['cpu']:.0f}% ({_per(sp['words'], rest)} words/CPU-s)"
        )
        if "per_article" in r:
            runs = r["per_article"]
            base = runs.get("1 worker")
            parts = [
                f"{name} {seconds:.1f} s" + (f" ({base / seconds:.2f}x)" if base and name != "1 worker" else "")
                for name, seconds in runs.items()
            ]
            busy = f", keeping {r['per_article_cores_busy']:.2f} cores busy on {_workers(r['workers'])}"
            print(f"{r['articles']:,} articles, the per-article stages: " + "; ".join(parts) + busy)
        if "site" in r:
            s = r["site"]
            shown = ", ".join(f"{k} {v:.1f} ms" for k, v in s.get("filter_ms", {}).items() if k != "events")
            print(
                f"{r['articles']:,} articles, static site: built in {s['seconds']:.1f} s (checks included), "
                f"{s['files']:,} files, {s['bytes'] / 2**20:.1f} MiB; "
                + (
                    f"home page filters {s['filter_ms']['events']:,.0f} events in Chromium: {shown}"
                    if "filter_ms" in s
                    else "no Chromium on this machine: filters not timed"
                )
            )
        if "daily" in r:
            d = r["daily"]
            steps = ", ".join(f"{k} {v:.1f} s" for k, v in d["times"].items())
            print(
                f"{r['articles']:,} articles, daily cycle: {d['articles']:,} new articles added (cache warm) rebuilt "
                f"and checked in {d['seconds']:.1f} s ({d['cpu_seconds']:.1f} CPU-s), "
                f"peak RSS {d['peak_rss_mib']:.0f} MiB ({steps})"
            )


if __name__ == "__main__":
    sys.exit(main())
