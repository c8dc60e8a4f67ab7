"""The per-article stage spread over processes or a Dask cluster, and its cache: the same package every way.

The corpus is made by the benchmark's generator (sentences written for it), at a modest size.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from newsevents.bench_corpus import make_varied_corpus
from newsevents.cli import build
from newsevents.engine import CHUNK, Cache, Runner
from newsevents.errors import InputError

LAYERS = ("duckdb-sql",)


def digest(out: Path) -> str:
    h = hashlib.sha256()
    for path in [*sorted((out / "data").glob("*.csv")), out / "datapackage.json"]:
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(autouse=True)
def own_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The builds sign their cache entries with a key of their own, never the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three chunks of articles: two workers each get work, and one gets more than one chunk."""
    return make_varied_corpus(tmp_path_factory.mktemp("corpus") / "articles", 2 * CHUNK + 6)


def test_one_process_two_workers_and_the_cache_give_the_same_bytes(corpus, tmp_path):
    build(corpus, tmp_path / "one", LAYERS, workers=1)
    build(corpus, tmp_path / "two", LAYERS, workers=2)
    build(corpus, tmp_path / "cold", LAYERS, workers=2, cache_dir=tmp_path / "cache")
    build(corpus, tmp_path / "warm", LAYERS, workers=1, cache_dir=tmp_path / "cache")
    assert len({digest(tmp_path / name) for name in ("one", "two", "cold", "warm")}) == 1
    assert any((tmp_path / "cache" / "reading").rglob("*"))


def test_a_dask_cluster_gives_the_same_bytes(corpus, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        build(corpus, tmp_path / "dask", LAYERS, scheduler=cluster.scheduler_address)
    build(corpus, tmp_path / "local", LAYERS, workers=1)
    assert digest(tmp_path / "dask") == digest(tmp_path / "local")


def test_an_added_article_is_the_only_one_read_again(corpus, tmp_path, monkeypatch):
    import newsevents.facts as facts

    cache = tmp_path / "cache"
    build(corpus, tmp_path / "out", LAYERS, cache_dir=cache)
    (corpus / "zz-new.txt").write_text(" date 2024-03-01 Rebels shelled a village near Goma on Friday.", "utf-8")
    read: list[str] = []
    original = facts.read_article_facts
    monkeypatch.setattr(facts, "read_article_facts", lambda p, *a: read.append(p.name) or original(p, *a))
    try:
        build(corpus, tmp_path / "out", LAYERS, cache_dir=cache)
    finally:
        (corpus / "zz-new.txt").unlink()
    assert read == ["zz-new.txt"]


def test_the_first_bad_article_in_path_order_is_reported_from_any_worker(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for i in range(70):
        (seeds / f"a{i:03d}.txt").write_text(f" date 2024-01-{1 + i % 28:02d} Troops shelled a town.", "utf-8")
    (seeds / "a040.txt").write_text("no header here", "utf-8")
    (seeds / "a050.txt").write_text("no header here either", "utf-8")
    with pytest.raises(InputError, match=r"a040\.txt"):
        build(seeds, tmp_path / "out", LAYERS, workers=2)


def test_a_runner_keeps_the_order_of_its_items():
    assert Runner(workers=2).map(_square, list(range(100))) == [i * i for i in range(100)]


def _square(item: int, shared: object) -> int:
    return item * item


def test_a_cache_entry_half_written_is_recomputed(tmp_path):
    cache = Cache(tmp_path)
    key = cache.key("x")
    cache.put("facts", key, {"a": 1})
    assert cache.get("facts", key) == {"a": 1}
    (tmp_path / "facts" / key[:2] / key).write_bytes(b"\x80\x04truncated")
    assert cache.get("facts", key) is None


def test_an_input_error_survives_the_trip_from_a_worker_process():
    import pickle

    from newsevents.errors import InputError

    error = pickle.loads(pickle.dumps(InputError("articles/a.txt", "the file is empty")))
    assert isinstance(error, InputError)
    assert (error.path, error.problem, str(error)) == (
        "articles/a.txt",
        "the file is empty",
        "articles/a.txt: the file is empty",
    )
