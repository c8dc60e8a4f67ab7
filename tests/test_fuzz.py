"""Property-based tests: every corpus the reader accepts builds into a package that passes its own checks,
whose spans are the body at their offsets, whose foreign keys resolve, whose windows are ordered, and
whose bytes are the same on a second build (see ``tests/fuzz.py`` for what the articles hold).

Two tests: small corpora that hypothesis shrinks to the smallest failing one, and one corpus of
``--fuzz-articles`` generated articles (default a modest number; ``nox -s fuzz -- --articles N`` for any
size), built in batches of :data:`BATCH` so that reports meet across articles as they do in real corpora.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from pathlib import Path

from fuzz import articles, check_corpus, write_corpus
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

BATCH = 500
#: The layers every example passes: all but Great Expectations, whose run takes seconds per package (the
#: large corpus test runs every layer).
QUICK_LAYERS = ["frictionless", "pandera", "duckdb-sql", "derived"]


#: Small corpora drawn in all, over :data:`SHARDS` tests of their own, so that the test runner's workers
#: share them (one test of 25 examples was the suite's longest by far).
EXAMPLES, SHARDS = 25, 5


def _small_corpora_test(shard: int):
    @settings(
        max_examples=EXAMPLES // SHARDS,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(articles(), min_size=1, max_size=4))
    def test(tmp_path_factory, drawn):
        work = tmp_path_factory.mktemp("fuzz")
        check_corpus(write_corpus(work / "seeds", drawn), work, QUICK_LAYERS)
        shutil.rmtree(work)

    if settings.default.derandomize:
        # hypothesis's CI profile derives a run's examples from the test's source, the same for every shard:
        # a seed of each shard's own keeps the run reproducible and the shards' corpora apart
        test = seed(shard)(test)
    test.__name__ = test.__qualname__ = f"test_generated_articles_build_a_valid_identical_package_{shard}"
    return test


for _shard in range(SHARDS):
    _test = _small_corpora_test(_shard)
    globals()[_test.__name__] = _test
del _shard, _test


def generate(n: int, seed_value: int) -> list[tuple[str, bytes]]:
    """``n`` articles drawn by hypothesis from :func:`fuzz.articles` (reproducible from ``seed_value``)."""
    drawn: list[tuple[str, bytes]] = []

    @seed(seed_value)
    @settings(
        max_examples=n, database=None, phases=[Phase.generate], deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(articles())
    def draw(article: tuple[str, bytes]) -> None:
        drawn.append(article)

    draw()
    return drawn[:n]


def test_a_generated_corpus_builds_a_valid_identical_package(fuzz_articles, fuzz_seed, tmp_path):
    seed_value = fuzz_seed if fuzz_seed is not None else random.randrange(2**32)
    started = time.perf_counter()
    drawn = generate(fuzz_articles, seed_value)
    assert len(drawn) == fuzz_articles
    totals: dict[str, int] = {}
    for batch, first in enumerate(range(0, len(drawn), BATCH)):
        seeds = write_corpus(tmp_path / f"corpus-{batch}", drawn[first : first + BATCH])
        try:
            counts = check_corpus(seeds, tmp_path / f"package-{batch}")
        except BaseException as exc:
            kept = Path(tempfile.gettempdir()) / f"newsevents-fuzz-seed{seed_value}-batch{batch}"
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(seeds, kept)
            exc.add_note(f"fuzz seed {seed_value}, batch {batch}: the corpus is kept in {kept}")
            raise
        for table, n in counts.items():
            totals[table] = totals.get(table, 0) + n
        shutil.rmtree(tmp_path / f"package-{batch}")
        shutil.rmtree(seeds)
    print(
        f"\nfuzz: {len(drawn)} generated articles (seed {seed_value}) in {batch + 1} builds of up to {BATCH}, "
        f"each built twice and checked by every layer, in {time.perf_counter() - started:.0f} s: "
        + ", ".join(f"{n} {table}" for table, n in totals.items())
    )
