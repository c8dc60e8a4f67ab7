"""The benchmark's wire-copy corpus (deterministic, wire-length, the kinds of sentences of wire copy, read and
built like any corpus) and the benchmark's report on a tiny corpus."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsevents.articles import read_articles
from newsevents.bench import main as bench
from newsevents.bench_corpus import MAX_WORDS, WIRE_OUTLETS, make_wire_corpus, word_stats
from newsevents.cli import build


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_wire_corpus(tmp_path_factory.mktemp("wire") / "articles", 400)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_articles(tmp_path):
    a = contents(make_wire_corpus(tmp_path / "a", 30, seed=5))
    b = contents(make_wire_corpus(tmp_path / "b", 30, seed=5))
    c = contents(make_wire_corpus(tmp_path / "c", 30, seed=6))
    assert len(a) == 30 and a == b
    assert set(a.values()).isdisjoint(c.values())


def test_the_bytes_do_not_depend_on_the_process_hash_seed(tmp_path):
    script = (
        "import hashlib, sys; from pathlib import Path; from newsevents.bench_corpus import make_wire_corpus; "
        "out = make_wire_corpus(Path(sys.argv[1]), 20); "
        "print(hashlib.sha256(b''.join(p.name.encode() + p.read_bytes() for p in sorted(out.iterdir()))).hexdigest())"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / seed)], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1


def test_a_larger_corpus_begins_with_the_smaller_one(tmp_path):
    small = contents(make_wire_corpus(tmp_path / "small", 25))
    large = contents(make_wire_corpus(tmp_path / "large", 60))
    assert len(large) == 60 and small.items() <= large.items()


def test_articles_are_wire_length_with_a_long_tail(wire):
    stats = word_stats(wire)
    assert stats["articles"] == 400
    assert 500 <= stats["median"] <= 700
    assert stats["p90"] >= 1.5 * stats["median"]  # a tail, not a band
    assert 1500 <= stats["max"] <= MAX_WORDS + 100  # the last paragraph may overrun the drawn length a little


def test_articles_have_the_sentence_kinds_of_wire_copy_over_many_theatres(wire):
    texts = [p.read_text(encoding="utf-8") for p in sorted(wire.glob("*.txt"))]
    outlets = "|".join(WIRE_OUTLETS)
    datelines = [re.search(rf"\A date \S+ [^\n]+\n\n([^\n,]+), [^\n]+ \((?:{outlets})\) - [A-Z]", t) for t in texts]
    assert all(datelines) and all(d[1] == d[1].upper() for d in datelines)
    assert len({d[1] for d in datelines}) >= 100  # places, not a handful
    long = [t for t in texts if len(t.split()) >= 400]
    quoted = [t for t in long if re.search(r'," [^"\n]{0,60}\b(?:said|told|wrote)\b|\bsaid: "', t)]
    assert len(long) > 200 and len(quoted) >= 0.8 * len(long)
    joined = "\n".join(texts)
    for kind in (
        r"\w+, \w+ and \w+",  # a list of names or towns
        r"\b(?:In|in) (?:January|February|March|April|May|June|July|August|September|October|November|December) "
        r"20\d\d\b",  # background: an earlier incident
        r"death toll rose to \d+",  # a revised toll
        r"\d+ (?:people )?(?:were )?(?:injured|wounded)",
        r"condemned the",
        r"arrested \d+ suspects",
    ):
        assert re.search(kind, joined), kind


def test_every_article_is_read_and_the_corpus_builds_with_every_check(tmp_path):
    corpus = make_wire_corpus(tmp_path / "articles", 40, seed=3)
    assert len(read_articles(corpus)) == 40
    counts = build(corpus, tmp_path / "out", workers=1)
    assert counts["articles"] == 40 and counts["events"] > 0 and counts["claims"] > 0


def test_the_benchmark_reports_words_per_core_cost_per_word_speedup_and_the_daily_cycle(tmp_path, capsys):
    options = ["--workers", "2", "--speedup", "--daily", "3", "--json", str(tmp_path / "b.json")]
    assert bench(["--articles", "8", "--articles", "12", *options]) == 0
    out = capsys.readouterr().out
    assert re.search(r"8 articles: [\d,]+ words; words per article: median [\d,]+, 90th percentile", out)
    assert "words/s/core" in out and re.search(r"read_events_stage +[\d.]+ +[\d,]+ +[\d,]+ ", out)
    assert re.search(
        r"12 articles: [\d.]+ articles/s, [\d,]+ words/s per core \([\d,]+ per CPU-second\), [\d.]+ µs per word", out
    )
    assert re.search(r"regex floor [\d,]+ words/s", out) and "largest worker" in out
    assert re.search(r"cost per word, 12 vs 8 articles: [\d.]+x", out)
    share = re.search(
        r"12 articles, spaCy's share of the per-article readings \(12 articles, one process, [\d,]+ words per "
        r"CPU-second in all\): recogniser (\d+)% \([\d,]+ words/CPU-s\), parser (\d+)% \(([\d,]+|-) words/CPU-s",
        out,
    )
    assert share and 0 < int(share[1]) + int(share[2]) <= 100
    assert re.search(
        r"the per-article stages: 2 workers [\d.]+ s \([\d.]+x\); 1 worker [\d.]+ s, keeping [\d.]+ cores busy", out
    )
    assert re.search(r"daily cycle: 3 new articles added \(cache warm\) rebuilt and checked in [\d.]+ s", out)
    assert (tmp_path / "b.json").read_text(encoding="utf-8").count('"daily"') == 2
