"""The cache keeps data, never code, and uses an entry only if it is exactly what this user's build wrote
for these inputs: a crafted, damaged, edited or misplaced entry gives the package of ``--no-cache``, with one
warning line, and is replaced.

The readings come from the seeds and from the benchmark's generated corpus (sentences written for it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import shutil
import stat
import zlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents import PACKAGE_DIR
from newsevents.articles import find_article_files
from newsevents.bench_corpus import make_varied_corpus
from newsevents.cli import build
from newsevents.codec import CodecError, decode, encode, registry
from newsevents.engine import Cache, canonical_json
from newsevents.facts import ArticleFacts, ArticleReading, first_reading, knowledge_of, second_reading
from tests.conftest import SEEDS

LAYERS = ("duckdb-sql",)


@pytest.fixture(autouse=True)
def own_key(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's builds sign with a key of their own, never the user's."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config / "newsevents" / "cache-key"


def files_of(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def warnings_in(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("warning:")]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The seeds' package built with ``--no-cache``."""
    out = tmp_path_factory.mktemp("no-cache") / "out"
    build(SEEDS, out, LAYERS)
    return files_of(out)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A cache filled by a build of the seeds, and the key it was signed with."""
    config = tmp_path_factory.mktemp("filled-config")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(config))
        cache = tmp_path_factory.mktemp("filled") / "cache"
        build(SEEDS, tmp_path_factory.mktemp("filled-out") / "out", LAYERS, cache_dir=cache)
    return cache, config / "newsevents" / "cache-key"


@pytest.fixture
def cache(filled: tuple[Path, Path], tmp_path: Path, own_key: Path) -> Path:
    """A private copy of the filled cache, with its key as this test's key."""
    root, key = filled
    shutil.copytree(root, tmp_path / "cache")
    own_key.parent.mkdir(parents=True)
    shutil.copy(key, own_key)
    return tmp_path / "cache"


def entries(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache / kind).rglob("*") if p.is_file())


def split(entry: Path) -> tuple[dict, bytes]:
    data = entry.read_bytes()
    end = data.index(b"\n")
    return json.loads(data[:end]), data[end + 1 :]


def unchecked(entry: Path) -> object:
    """What an entry holds, read without any of the checks."""
    return decode(zlib.decompress(split(entry)[1]))


def rebuild_and_compare(cache: Path, tmp_path: Path, clean: dict[str, bytes], capfd) -> list[str]:
    """Build with the cache; the package must be the one of ``--no-cache``. The warning lines printed."""
    capfd.readouterr()
    build(SEEDS, tmp_path / "out", LAYERS, cache_dir=cache)
    err = capfd.readouterr().err
    assert files_of(tmp_path / "out") == clean
    return warnings_in(err)


def assert_replaced(entry: Path, tmp_path: Path, clean: dict[str, bytes], capfd) -> None:
    """The entry was written again: it is well signed now, and the next build warns of nothing."""
    header, payload = split(entry)
    assert header["sha256"] == hashlib.sha256(payload).hexdigest()
    assert rebuild_and_compare(entry.parents[2], tmp_path / "again", clean, capfd) == []


def test_a_warm_cache_gives_the_package_of_no_cache_and_warns_of_nothing(cache, tmp_path, clean, capfd):
    assert len(entries(cache, "facts")) == len(entries(cache, "reading")) == len(find_article_files(SEEDS))
    assert rebuild_and_compare(cache, tmp_path, clean, capfd) == []


def test_a_crafted_pickle_in_place_of_an_entry_runs_nothing(cache, tmp_path, clean, capfd):
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    entry = entries(cache, "reading")[0]
    entry.write_bytes(pickle.dumps(Payload()))
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert not marker.exists()
    assert len(found) == 1 and str(entry) in found[0] and "not a newsevents cache entry" in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


def test_an_entry_naming_a_class_outside_the_codec_is_not_decoded_even_when_signed(
    cache, tmp_path, clean, capfd, own_key
):
    """Someone holding the key writes an entry that names ``open``: still nothing runs, and it is replaced."""
    marker = tmp_path / "ran"
    entry = entries(cache, "facts")[0]
    header, _ = split(entry)
    payload = zlib.compress(json.dumps({"objects": [["builtins.open", [str(marker), "w"]]], "root": ["r", 0]}).encode())
    forge(entry, header, payload, own_key.read_text().strip())
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert not marker.exists()
    assert len(found) == 1 and str(entry) in found[0] and "builtins.open" in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


def forge(entry: Path, header: dict, payload: bytes, key_hex: str | None) -> None:
    """Write ``payload`` under ``header`` with its size and digest recomputed, and signed with ``key_hex``
    (None: the signature left as it was)."""
    import hmac

    header = {**header, "size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}
    if key_hex is not None:
        signed = {k: v for k, v in header.items() if k != "mac"}
        header["mac"] = hmac.new(bytes.fromhex(key_hex), canonical_json(signed), hashlib.sha256).hexdigest()
    entry.write_bytes(canonical_json(header) + b"\n" + payload)


def test_a_flipped_byte_is_caught(cache, tmp_path, clean, capfd):
    entry = entries(cache, "reading")[1]
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x01
    entry.write_bytes(bytes(data))
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert len(found) == 1 and str(entry) in found[0] and "SHA-256" in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


def test_a_flipped_byte_in_the_header_is_caught(cache, tmp_path, clean, capfd):
    entry = entries(cache, "facts")[2]
    data = bytearray(entry.read_bytes())
    data[data.index(b'"key":"') + 7] ^= 0x01  # one hex digit of the key
    entry.write_bytes(bytes(data))
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert len(found) == 1 and str(entry) in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


def test_a_truncated_entry_is_caught(cache, tmp_path, clean, capfd):
    entry = entries(cache, "facts")[0]
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert len(found) == 1 and str(entry) in found[0] and "truncated" in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


@pytest.mark.parametrize("signer", ["unsigned", "another key"])
def test_a_well_formed_entry_with_an_event_removed_is_caught(cache, tmp_path, clean, capfd, signer):
    """The payload edited and its size and SHA-256 recomputed: the signature, made with this user's key,
    no longer matches (neither the old one nor one made with another key)."""
    entry = max(entries(cache, "reading"), key=lambda e: len(unchecked(e).events))
    header, payload = split(entry)
    data = json.loads(zlib.decompress(payload))
    (root_class, root_fields) = data["objects"][0]
    assert root_class == "facts.ArticleReading"
    events = root_fields[[f.name for f in dataclasses.fields(ArticleReading)].index("events")]
    assert len(events) > 1
    del events[1]
    edited = zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    forge(entry, header, edited, None if signer == "unsigned" else "ab" * 32)
    assert len(unchecked(entry).events) == len(events) - 1  # well formed: it decodes, one event short
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert len(found) == 1 and str(entry) in found[0] and "not signed with this user's cache key" in found[0]
    assert_replaced(entry, tmp_path, clean, capfd)


@pytest.mark.parametrize("kind", ["facts", "reading"])
def test_an_entry_from_another_article_is_caught(cache, tmp_path, clean, capfd, kind):
    first, second = entries(cache, kind)[:2]
    assert unchecked(first) != unchecked(second)
    shutil.copy(first, second)
    found = rebuild_and_compare(cache, tmp_path, clean, capfd)
    assert len(found) == 1 and str(second) in found[0] and "other inputs" in found[0]
    assert_replaced(second, tmp_path, clean, capfd)


def test_the_key_is_made_once_readable_by_its_owner_only(own_key, tmp_path):
    Cache(tmp_path / "cache")
    assert stat.S_IMODE(own_key.stat().st_mode) == 0o600
    key = own_key.read_bytes()
    assert len(bytes.fromhex(key.decode().strip())) == 32
    assert Cache(tmp_path / "cache").secret == bytes.fromhex(key.decode())
    assert own_key.read_bytes() == key


def test_a_bad_key_file_turns_the_cache_off_with_one_warning(own_key, tmp_path, clean, capfd):
    own_key.parent.mkdir(parents=True)
    own_key.write_text("not hex\n")
    capfd.readouterr()
    build(SEEDS, tmp_path / "out", LAYERS, cache_dir=tmp_path / "cache")
    found = warnings_in(capfd.readouterr().err)
    assert len(found) == 1 and str(own_key) in found[0]
    assert files_of(tmp_path / "out") == clean
    assert not (tmp_path / "cache").exists()


def test_the_cache_code_loads_no_pickle():
    for name in ("engine.py", "facts.py", "codec.py"):
        source = (PACKAGE_DIR / name).read_text(encoding="utf-8")
        assert "import pickle" not in source and "pickle." not in source


# The codec on its own: every reading round-trips to an equal object, shared as it was.


def readings_of(articles: Path) -> list[object]:
    facts = [first_reading((p, articles, f"{articles.name}/", Cache(None))) for p in find_article_files(articles)]
    facts.sort(key=lambda f: f.article["article_id"])
    encoded = [encode(f) for f in facts]  # before the corpus stage gives discovered names their entity
    knowledge = knowledge_of(facts)
    readings = [second_reading(f, (knowledge, Cache(None))) for f in facts]
    return [decode(e) for e in encoded] + facts + readings


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_varied_corpus(tmp_path_factory.mktemp("corpus") / "articles", 40)


def same_graph(a: object, b: object, pairs: dict[int, int]) -> None:
    """``b`` is ``a`` rebuilt: equal, of the same types, with an object shared in ``a`` shared alike in ``b``."""
    assert type(a) is type(b)
    if isinstance(a, (list, dict, set)) or dataclasses.is_dataclass(a):
        if id(a) in pairs:
            assert pairs[id(a)] == id(b)
            return
        assert id(b) not in pairs.values()
        pairs[id(a)] = id(b)
    if isinstance(a, dict):
        assert list(a) == list(b)
        for k in a:
            same_graph(a[k], b[k], pairs)
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            same_graph(x, y, pairs)
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same_graph(getattr(a, f.name), getattr(b, f.name), pairs)
    else:
        assert a == b


@pytest.mark.parametrize("source", ["seeds", "generated"])
def test_every_reading_round_trips_to_an_equal_object_shared_alike(source, generated):
    readings = readings_of(SEEDS if source == "seeds" else generated)
    assert {type(r) for r in readings} == {ArticleFacts, ArticleReading}
    shared = 0
    for reading in readings:
        data = encode(reading)
        back = decode(data, type(reading))
        assert back == reading
        pairs: dict[int, int] = {}
        same_graph(reading, back, pairs)
        assert encode(back) == data
        shared += len(json.loads(data)["objects"])
    assert shared > len(readings)


def test_objects_shared_in_a_reading_stay_shared():
    reading = next(r for r in readings_of(SEEDS) if isinstance(r, ArticleReading) and any(e.abouts for e in r.events))
    back = decode(encode(reading))
    about = next(e for e in back.events if e.abouts).abouts[0]
    assert any(about is e for e in back.events)


def test_a_cycle_of_objects_decodes_to_the_same_cycle():
    from newsevents.events.coref import Event

    event = Event("assault", "event", None, False, places={"b", "a"})
    event.abouts.append(event)
    back = decode(encode(event), Event)
    assert back.abouts[0] is back and back.places == {"a", "b"}


scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
keys = scalars | st.dates() | st.tuples(scalars, st.dates())
values = st.recursive(
    scalars | st.dates(),
    lambda inner: (
        st.lists(inner)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(), inner)
        | st.dictionaries(keys, inner)
        | st.sets(keys)
        | st.frozensets(keys)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_plain_data_round_trips(value):
    back = decode(encode(value))
    assert back == value and type(back) is type(value)
    assert encode(back) == encode(value)


def test_a_string_that_is_not_unicode_text_round_trips():
    value = {"source_path": "seeds/caf\udce9.txt", "body": "\u2019\U0001f600\x00"}
    assert decode(encode(value)) == value


@pytest.mark.parametrize(
    "payload, problem",
    [
        ({"objects": [["os.system", ["true"]]], "root": ["r", 0]}, "does not keep"),
        ({"objects": [["events.sentence.Arg", ["x", 1]]], "root": ["r", 0]}, "2 fields, not 3"),
        ({"objects": [["events.sentence.Arg", ["x", 1, "2"]]], "root": ["r", 0]}, "Arg.end is a str"),
        ({"objects": [["events.sentence.Arg", [["l"], 1, 2]]], "root": ["r", 0]}, "Arg.entity_id is a list"),
        ({"objects": [], "root": ["r", 0]}, "tagged 'r'"),
        ({"objects": [], "root": ["x", 1]}, "tagged 'x'"),
        ({"objects": [], "root": ["D", "2024-13-01"]}, "date"),
        ({"objects": [], "root": ["s", ["l"]]}, "not a scalar"),
        ({"objects": [], "root": [1, 2]}, "not an encoding"),
        ({"objects": []}, "not a payload"),
    ],
)
def test_data_that_is_not_an_encoding_is_refused(payload, problem):
    with pytest.raises(CodecError, match=problem):
        decode(json.dumps(payload).encode())


@pytest.mark.parametrize(
    "text", [b'{"objects": [], "root": NaN}', b'{"objects": [], "objects": [], "root": 1}', b"\x80"]
)
def test_bytes_that_are_not_json_of_an_encoding_are_refused(text):
    with pytest.raises(CodecError):
        decode(text)


def test_a_reading_of_the_wrong_class_is_refused():
    with pytest.raises(CodecError, match="not a ArticleReading"):
        decode(encode(date(2024, 1, 1)), ArticleReading)


def test_what_the_codec_cannot_keep_is_refused_on_the_way_in():
    shared = []
    for value, problem in [
        (float("nan"), "not finite"),
        ([shared, shared], "shared"),
        (object(), "does not keep"),
        ({frozenset({1})}, "key that is a frozenset"),
    ]:
        with pytest.raises(CodecError, match=problem):
            encode(value)
    assert "facts.ArticleReading" in registry()


def test_the_code_fingerprint_changes_with_the_model_or_gazetteer_versions(monkeypatch):
    from newsevents import engine

    before = engine.code_version.__wrapped__()  # the fingerprint is computed once per process: call it afresh
    real = engine._installed_version
    for library in engine.READING_LIBRARIES:
        monkeypatch.setattr(
            engine, "_installed_version", lambda name, lib=library: "0.0-other" if name == lib else real(name)
        )
        assert engine.code_version.__wrapped__() != before, library
    monkeypatch.setattr(engine, "_installed_version", real)
    assert engine.code_version.__wrapped__() == before
