"""The built package: reproducible to the byte, committed data current, atomic replacement, valid."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from conftest import SEEDS

from newsevents import REPO_ROOT
from newsevents.cli import build, main
from newsevents.schemas import package_meta, published_schema, table_schemas


def package_files(folder: Path) -> dict[str, bytes]:
    files = [folder / "datapackage.json", *sorted((folder / "data").glob("*"))]
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in files}


def reproduce_command() -> list[str]:
    """The README's command that reproduces the committed package from a fresh clone."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- reproduce -->\n```sh\n(.+?)\n```", readme, re.DOTALL)
    assert block, "the README has lost its reproduce command"
    (line,) = block.group(1).splitlines()
    return shlex.split(line)


def test_the_readme_command_reproduces_the_committed_package_from_a_fresh_clone(tmp_path):
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("needs a git checkout (the repository's tracked files are the fresh clone)")
    tracked = (
        subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    clone = tmp_path / "clone"
    for name in filter(None, tracked):
        if (REPO_ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO_ROOT / name, clone / name)
    command = reproduce_command()
    assert command[:2] == ["newsevents", "build"] and "--previous" in command
    out = (clone / command[command.index("--out") + 1]).resolve()
    assert not out.exists()  # an empty folder: nothing a build could inherit from
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(clone / "build"), str(clone)]),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run([sys.executable, "-m", *command], cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    committed, fresh = package_files(clone), package_files(out)
    assert sorted(committed) == sorted(fresh), "run `nox -s build` and commit data/ and datapackage.json"
    changed = [name for name in fresh if committed[name] != fresh[name]]
    assert not changed, f"stale committed files {changed}: run `nox -s build` and commit them"


def test_event_ids_do_not_depend_on_the_previous_package_but_through_shared_evidence(seeds_package):
    committed = {r.split(",")[0] for r in (REPO_ROOT / "data" / "events.csv").read_text().splitlines()[1:]}
    fresh = {r.split(",")[0] for r in (seeds_package / "data" / "events.csv").read_text().splitlines()[1:]}
    assert len(committed) == len(fresh)  # the same events, whatever ids a history gave them


def test_building_twice_gives_identical_bytes(seeds_package, tmp_path):
    build(SEEDS, tmp_path)
    assert package_files(tmp_path) == package_files(seeds_package)


def test_deleting_data_and_rebuilding_restores_it(package_copy):
    before = package_files(package_copy)
    shutil.rmtree(package_copy / "data")
    build(SEEDS, package_copy)
    assert package_files(package_copy) == before


def test_a_broken_seed_leaves_the_previous_package_unchanged(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    out = tmp_path / "out"
    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 0
    before = package_files(out)
    victim = sorted(seeds.glob("*.txt"))[2]
    victim.write_bytes(victim.read_bytes().replace(b" date 2024-01-14", b" date 2024-01-41"))

    assert main(["build", "--seeds", str(seeds), "--out", str(out)]) == 1

    assert f"{victim.name}: impossible date 2024-01-41" in capsys.readouterr().err
    assert package_files(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["data", "datapackage.json"]


def test_a_package_failing_its_checks_is_not_published(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    build(SEEDS, out)
    before = package_files(out)
    # A build step that breaks the sentences' foreign key: the checks must refuse the package.
    from newsevents import pipeline

    def orphan_sentence(tables, context):
        sentence = dict(tables["sentences"][0], article_id="no-such-article")
        return {"sentences": [*tables["sentences"], sentence]}

    monkeypatch.setattr(pipeline, "STEPS", (*pipeline.STEPS, orphan_sentence))
    assert main(["build", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "failed its checks; nothing was replaced" in err and "foreign-key" in err
    assert package_files(out) == before


def test_frictionless_validates_the_committed_package():
    report = frictionless.Package(str(REPO_ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_descriptor_is_generated_from_the_schemas():
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    meta = package_meta()
    for key in ("name", "title", "version", "description", "homepage", "keywords", "licenses", "contributors"):
        assert descriptor[key] == meta[key]
    assert [r["name"] for r in descriptor["resources"]] == [s.name for s in table_schemas()]
    for resource, schema in zip(descriptor["resources"], table_schemas(), strict=True):
        assert resource["schema"] == published_schema(schema)
        assert [f["name"] for f in resource["schema"]["fields"]] == schema.field_names
        assert resource["schema"]["primaryKey"] == schema.primary_key
        assert resource["hash"].startswith("sha256:") and resource["bytes"] > 0


def test_descriptor_follows_data_package_v2():
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert "profile" not in descriptor and all("profile" not in r for r in descriptor["resources"])
    assert all(r["type"] == "table" for r in descriptor["resources"])
    assert all(isinstance(c["roles"], list) and c["roles"] for c in descriptor["contributors"])
    # created comes from the inputs: the latest publication date among the articles.
    with (REPO_ROOT / "data" / "articles.csv").open(encoding="utf-8", newline="") as f:
        latest = max(row["published_date"] for row in csv.DictReader(f))
    assert descriptor["created"] == f"{latest}T00:00:00Z"
    # Every source has a path; the first is the folder the articles were read from.
    assert all(s.get("path") for s in descriptor["sources"])
    assert descriptor["sources"][0]["path"] == "seeds"


def test_plover_and_acled_codes_are_published_as_categories():
    descriptor = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    events = next(r for r in descriptor["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    for name in ("event_type", "event_mode", "acled_sub_event_type"):
        assert fields[name]["categories"] == fields[name]["constraints"]["enum"], name
    assert "assault" in fields["event_type"]["categories"]
    assert "Air/drone strike" in fields["acled_sub_event_type"]["categories"]
    others = [f["name"] for r in descriptor["resources"] for f in r["schema"]["fields"] if "categories" in f]
    assert sorted(others) == ["acled_sub_event_type", "event_mode", "event_type"]


def test_every_field_is_described_and_every_table_keyed():
    for schema in table_schemas():
        assert schema.descriptor.get("description"), schema.name
        assert schema.primary_key, schema.name
        for field in schema.fields:
            assert field.get("description"), f"{schema.name}.{field['name']}"
        for fk in schema.foreign_keys:
            assert fk["reference"]["resource"] in {s.name for s in table_schemas()}


def test_articles_table_matches_the_seed_files():
    with (REPO_ROOT / "data" / "articles.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["source_path"] for r in rows] == [f"seeds/{p.name}" for p in sorted(SEEDS.glob("*.txt"))]
    assert all(r["body"].strip() == r["body"] for r in rows)


def test_a_table_is_written_in_batches_with_the_same_bytes_and_a_true_size_and_hash(tmp_path, monkeypatch):
    import hashlib

    from newsevents import package

    schema = next(s for s in table_schemas() if s.name == "sentences")
    integers = {f["name"] for f in schema.fields if f["type"] == "integer"}  # read back as the build holds them
    with (REPO_ROOT / "data" / "sentences.csv").open(encoding="utf-8", newline="") as f:
        rows = [{k: int(v) if k in integers else v for k, v in r.items()} for r in csv.DictReader(f)]
    rows.reverse()  # written sorted by key whatever the order given
    whole = tmp_path / "whole.csv"
    with whole.open("wb") as target:
        size, sha256 = package.write_csv(schema, rows, target)
    monkeypatch.setattr(package, "WRITE_BATCH", 7)  # many batches, the last one partial
    batched = tmp_path / "batched.csv"
    with batched.open("wb") as target:
        assert package.write_csv(schema, rows, target) == (size, sha256)
    content = batched.read_bytes()
    assert content == whole.read_bytes() == (REPO_ROOT / "data" / "sentences.csv").read_bytes()
    assert (size, sha256) == (len(content), hashlib.sha256(content).hexdigest())
