"""The release archive: reproducible bytes, complete contents, and usable with DuckDB alone."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from newsevents import REPO_ROOT
from newsevents import project_version as version
from newsevents.cli import main
from newsevents.errors import BuildError
from newsevents.publish import check_versions, publish
from newsevents.schemas import table_schemas


@pytest.fixture(scope="module")
def release(seeds_release) -> Path:
    """The seeds' versioned archive (read-only), published once for the test run."""
    return seeds_release


def test_publishing_twice_gives_identical_archives(seeds_package, release, tmp_path):
    again = publish(seeds_package, tmp_path / "dist")
    assert again.name == release.name
    assert again.read_bytes() == release.read_bytes()
    assert (
        again.with_name(again.name + ".sha256").read_bytes() == release.with_name(release.name + ".sha256").read_bytes()
    )


def test_checksum_file_names_the_archive_and_its_sha256(release):
    digest = hashlib.sha256(release.read_bytes()).hexdigest()
    assert release.with_name(release.name + ".sha256").read_text(encoding="utf-8") == f"{digest}  {release.name}\n"


def test_archive_holds_one_folder_with_everything_a_user_needs(seeds_package, release):
    name = json.loads((seeds_package / "datapackage.json").read_text(encoding="utf-8"))["name"]
    assert release.name.startswith(f"{name}-")
    with zipfile.ZipFile(release) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        readme = zf.read(f"{name}/README.md").decode("utf-8")
    assert names == sorted(names)
    assert all(n.startswith(f"{name}/") for n in names)
    expected = {"datapackage.json", "README.md", "CHANGELOG.md", "CITATION.cff", "timeline.png", f"{name}.duckdb"}
    for schema in table_schemas():
        expected |= {f"data/{schema.name}.csv", f"parquet/{schema.name}.parquet"}
        assert f"### `{schema.name}`" in readme  # the README is the data dictionary
    assert expected <= {n.removeprefix(f"{name}/") for n in names}
    assert any(n.startswith(f"{name}/queries/") and n.endswith(".sql") for n in names)
    assert all((i.external_attr >> 16) == 0o100644 for i in infos)
    # One fixed timestamp for every member: the latest article's publication date.
    with (seeds_package / "data" / "articles.csv").open(encoding="utf-8", newline="") as f:
        latest = max(date.fromisoformat(row["published_date"]) for row in csv.DictReader(f))
    assert {i.date_time for i in infos} == {(latest.year, latest.month, latest.day, 0, 0, 0)}


def test_the_csvs_in_the_archive_are_the_package_as_built(seeds_package, release):
    built = json.loads((seeds_package / "datapackage.json").read_text(encoding="utf-8"))
    name = built["name"]
    with zipfile.ZipFile(release) as zf:
        released = json.loads(zf.read(f"{name}/datapackage.json"))
        for csv_path in sorted((seeds_package / "data").glob("*.csv")):
            assert zf.read(f"{name}/data/{csv_path.name}") == csv_path.read_bytes()
    # The release's descriptor is the package's, with its Parquet and DuckDB files listed after the tables.
    tables = len(built["resources"])
    assert {**released, "resources": released["resources"][:tables]} == built
    assert [r["type"] for r in released["resources"][tables:]] == ["file"] * (tables + 1)


def test_the_archive_is_also_published_under_the_name_without_a_version(release):
    with zipfile.ZipFile(release) as zf:
        name = zf.namelist()[0].split("/")[0]
    assert release.name == f"{name}-{version()}.zip"
    latest = release.with_name(f"{name}.zip")
    assert latest.read_bytes() == release.read_bytes()
    digest = hashlib.sha256(latest.read_bytes()).hexdigest()
    assert latest.with_name(latest.name + ".sha256").read_text(encoding="utf-8") == f"{digest}  {latest.name}\n"


def test_frictionless_validates_the_release_with_every_file(release, tmp_path):
    import frictionless

    with zipfile.ZipFile(release) as zf:
        zf.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])
    assert {task.name for task in report.tasks} >= {"events", "events-parquet", "duckdb"}


def test_a_release_whose_parquet_file_changed_fails_frictionless(release, tmp_path):
    import frictionless

    with zipfile.ZipFile(release) as zf:
        zf.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    parquet = folder / "parquet" / "claims.parquet"
    parquet.write_bytes(parquet.read_bytes()[:-4] + bytes(4))
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert not report.valid
    assert [task.name for task in report.tasks if not task.valid] == ["claims-parquet"]


QUERY_THE_RELEASE = """
import json, sys
try:
    import newsevents  # noqa: F401
    sys.exit("the repository's code is importable: this test would prove nothing")
except ImportError:
    pass
import duckdb
name = json.load(open("datapackage.json"))["name"]
con = duckdb.connect(name + ".duckdb", read_only=True)
out = {
    "types": dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                              "WHERE table_name = 'events'").fetchall()),
    "keys": sorted(r[0] for r in con.execute("SELECT DISTINCT constraint_type FROM duckdb_constraints()").fetchall()),
    "views": sorted(r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()),
    "events": con.execute("SELECT count(*) FROM events_detailed").fetchall()[0][0],
    "parquet": duckdb.sql("SELECT count(*) FROM 'parquet/events.parquet'").fetchall()[0][0],
    "csv": duckdb.sql("SELECT count(*) FROM read_csv('data/events.csv')").fetchall()[0][0],
    "deadliest": con.execute("SELECT max(fatalities_best) FROM events_detailed").fetchall()[0][0],
}
print(json.dumps(out))
"""


def test_an_unpacked_release_is_queried_with_duckdb_alone(release, tmp_path):
    with zipfile.ZipFile(release) as zf:
        zf.extractall(tmp_path)
    (folder,) = tmp_path.iterdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", QUERY_THE_RELEASE], cwd=folder, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["types"]["date_start"] == "DATE" and out["types"]["fatalities_best"] == "BIGINT"
    assert {"PRIMARY KEY", "FOREIGN KEY"} <= set(out["keys"])
    assert {"events_detailed", "contradictions_quoted", "claims_detailed"} <= set(out["views"])
    assert out["events"] == out["parquet"] == out["csv"] > 0
    assert out["deadliest"] == 84


def test_versions_must_agree_before_anything_is_published():
    with pytest.raises(BuildError, match="versions differ"):
        check_versions({"version": "99.0.0"})


@pytest.mark.parametrize(
    ("changelog", "problem"),
    [
        ("## [{v}]\n", "has no date"),
        ("## [{v}] - 2020-01-01\n", "date-released .* is not the date CHANGELOG.md gives"),
        ("## [0.0.1] - 2020-01-01\n", "no section"),
    ],
    ids=["undated", "another date", "no section"],
)
def test_an_undated_or_misdated_version_is_not_published(changelog, problem, tmp_path, monkeypatch):
    import newsevents.publish as publish_module

    shutil.copy(REPO_ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    (tmp_path / "CHANGELOG.md").write_text(changelog.format(v=version()), encoding="utf-8")
    monkeypatch.setattr(publish_module, "REPO_ROOT", tmp_path)
    with pytest.raises(BuildError, match=problem):
        check_versions({"version": version()})


def test_a_package_failing_its_checks_is_not_published(package_copy, tmp_path, capsys):
    events = package_copy / "data" / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"assault", b"assauIt", 1))
    dist = tmp_path / "dist"
    assert main(["publish", "--package", str(package_copy), "--dist", str(dist)]) == 1
    assert "nothing was published" in capsys.readouterr().err
    assert not dist.exists() or not any(dist.iterdir())
