"""The release archive: ``dist/<name>-<version>.zip`` and its ``.sha256``.

The archive holds one folder, ``<name>/``, with everything a data user needs and nothing that needs this
repository: ``datapackage.json`` and ``data/*.csv`` as built, ``parquet/<table>.parquet``, ``<name>.duckdb``
(every table typed and keyed, plus the views of ``views.sql``), ``queries/*.sql``, ``timeline.png``, a README
that is the data dictionary, ``CHANGELOG.md`` and ``CITATION.cff``.

It is reproducible: members are written in sorted order with a fixed timestamp (the latest publication date
among the articles, so it comes from the inputs), fixed permissions and a fixed compression level, and every
generated file is itself deterministic. Publishing the same package twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from newsevents import REPO_ROOT
from newsevents.errors import BuildError

DIST = REPO_ROOT / "dist"
COPIED = ("CHANGELOG.md", "CITATION.cff")
EARLIEST_ZIP_DATE = date(1980, 1, 1)


def _descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def archive_name(descriptor: dict) -> str:
    return f"{descriptor['name']}-{descriptor['version']}.zip"


def _fixed_date(con, descriptor: dict) -> tuple[int, int, int, int, int, int]:
    """The latest ``published_date`` of the articles (or 1980-01-01, zip's epoch, if there is none)."""
    day = None
    if any(r["name"] == "articles" for r in descriptor["resources"]):
        day = con.execute("SELECT max(published_date) FROM articles").fetchall()[0][0]
    day = max(day or EARLIEST_ZIP_DATE, EARLIEST_ZIP_DATE)
    return (day.year, day.month, day.day, 0, 0, 0)


def write_duckdb(package: Path, path: Path) -> None:
    """A DuckDB database file with the package's tables (typed, keyed) and the convenience views.

    DuckDB's file depends on the data and on the file's name, not on the folder or the clock; one thread
    and a final checkpoint keep its blocks in the same order every time.
    """
    from newsevents.duck import connect

    con = connect(package, database=str(path))
    con.execute("SET threads = 1")
    con.execute("CHECKPOINT")
    con.close()


def write_parquet(con, descriptor: dict, out_dir: Path) -> None:
    """One Parquet file per table, rows in primary-key order, columns typed as the schema says."""
    from newsevents.duck import quote_identifier, quote_literal

    out_dir.mkdir(parents=True, exist_ok=True)
    con.execute("SET threads = 1")
    for resource in descriptor["resources"]:
        name = resource["name"]
        order = ", ".join(map(quote_identifier, resource["schema"].get("primaryKey", []))) or "ALL"
        target = quote_literal((out_dir / f"{name}.parquet").as_posix())
        con.execute(
            f"COPY (SELECT * FROM {quote_identifier(name)} ORDER BY {order}) TO {target} "
            "(FORMAT parquet, COMPRESSION zstd)"
        )


def _without_markers(section: str) -> str:
    """The data dictionary without the README's "generated, do not edit" comments."""
    return "\n".join(line for line in section.splitlines() if not line.startswith("<!-- ")).strip("\n")


def release_readme(package: Path, descriptor: dict) -> str:
    """The archive's README: what the package is, how to check and query it, and the data dictionary."""
    from newsevents.docs import data_dictionary

    name, version = descriptor["name"], descriptor["version"]
    licence = ", ".join(lic.get("name", "") for lic in descriptor.get("licenses", []))
    lines = [
        f"# {descriptor['title']}",
        "",
        f"`{name}` version {version}. Licence: {licence}. Cite with `CITATION.cff`; changes in `CHANGELOG.md`.",
        "",
        descriptor.get("description", ""),
        "",
        "## Contents",
        "",
        "| path | what it holds |",
        "|---|---|",
        "| `datapackage.json` | the Frictionless descriptor: every table's schema, keys, size and SHA-256 |",
        "| `data/<table>.csv` | the tables as UTF-8 CSV (empty cell = missing value) |",
        "| `parquet/<table>.parquet` | the same tables as Parquet, typed |",
        f"| `{name}.duckdb` | a DuckDB database: every table typed and keyed, and the views `events_detailed`, "
        "`contradictions_quoted`, `claims_detailed` |",
        "| `queries/*.sql` | example questions answered in DuckDB SQL |",
        "| `timeline.png` | the events by type and date |",
        "| `manifest.json` | every other file of the release with its size and SHA-256 |",
        "",
        "## Query it",
        "",
        "From this folder, with Python and `pip install 'duckdb<2'`:",
        "",
        "```python",
        "import duckdb",
        f"con = duckdb.connect('{name}.duckdb', read_only=True)",
        "con.sql('SELECT date_start, event_type, actor_name, target_name, fatalities_best FROM events_detailed')"
        ".show()",
        "```",
        "",
        "Without the database file: `SELECT * FROM 'parquet/events.parquet'` in DuckDB, or",
        "`pandas.read_parquet('parquet/events.parquet')`. Check the CSVs against the descriptor with",
        "`frictionless validate datapackage.json`.",
        "",
        "## Data dictionary",
        "",
        _without_markers(data_dictionary(package / "data")),
        "",
    ]
    return "\n".join(lines)


def _add(zf: zipfile.ZipFile, arcname: str, content: bytes, when: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(arcname, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    info.create_system = 3  # Unix, so that the permissions above are read as such
    zf.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def stage(package: Path, folder: Path) -> tuple[int, int, int, int, int, int]:
    """Write every file of the release into ``folder``; return the date its members carry. The package is
    loaded once, into the release's DuckDB file, and the Parquet files, figure and date are read from it."""
    import duckdb

    from newsevents.figure import timeline

    descriptor = _descriptor(package)
    name = descriptor["name"]
    shutil.copy2(package / "datapackage.json", folder / "datapackage.json")
    (folder / "data").mkdir()
    for resource in descriptor["resources"]:
        shutil.copyfile(package / resource["path"], folder / resource["path"])
    database = folder / f"{name}.duckdb"
    write_duckdb(package, database)
    con = duckdb.connect(str(database), read_only=True)
    try:
        write_parquet(con, descriptor, folder / "parquet")
        timeline(con, folder / "timeline.png")
        when = _fixed_date(con, descriptor)
    finally:
        con.close()
    (folder / "queries").mkdir()
    for query in sorted((REPO_ROOT / "queries").glob("*.sql")):
        shutil.copyfile(query, folder / "queries" / query.name)
    for copied in COPIED:
        shutil.copyfile(REPO_ROOT / copied, folder / copied)
    (folder / "README.md").write_text(release_readme(package, descriptor), encoding="utf-8")
    write_manifest(folder)
    return when


MANIFEST = "manifest.json"


def write_manifest(folder: Path) -> None:
    """``manifest.json``: every other file of the release with its size and SHA-256. ``download`` accepts
    exactly these files, and reads none past its declared size (a zip bomb or a padded archive is refused)."""
    files = [
        {
            "path": path.relative_to(folder).as_posix(),
            "bytes": path.stat().st_size,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
        for path in sorted(folder.rglob("*"), key=lambda p: p.relative_to(folder).as_posix())
        if path.is_file() and path.name != MANIFEST
    ]
    text = json.dumps({"files": files}, indent=2) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")


def check_versions(descriptor: dict) -> None:
    """The package, the project and the citation must carry the same version."""
    import tomllib

    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = next(
        (
            line.split(":", 1)[1].strip()
            for line in (REPO_ROOT / "CITATION.cff").read_text().splitlines()
            if line.startswith("version:")
        ),
        None,
    )
    found = {"datapackage.json": descriptor.get("version"), "pyproject.toml": project, "CITATION.cff": citation}
    if len(set(found.values())) != 1:
        raise BuildError(f"versions differ: {', '.join(f'{k} {v}' for k, v in found.items())}")
    if f"## [{project}]" not in (REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8"):
        raise BuildError(f"CHANGELOG.md: no section '## [{project}]' for this version")


def publish(package: Path, dist: Path = DIST) -> Path:
    """Write ``dist/<name>-<version>.zip`` and ``.zip.sha256`` from the package in ``package``; return the
    archive's path. Each file is written under a temporary name and renamed into place."""
    descriptor = _descriptor(package)
    check_versions(descriptor)
    name = descriptor["name"]
    dist.mkdir(parents=True, exist_ok=True)
    archive = dist / archive_name(descriptor)
    with tempfile.TemporaryDirectory(prefix=".publish-", dir=dist) as tmp:
        folder = Path(tmp) / name
        folder.mkdir()
        when = stage(package, folder)
        partial = Path(tmp) / archive.name
        with zipfile.ZipFile(partial, "w") as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                _add(zf, f"{name}/{path.relative_to(folder).as_posix()}", path.read_bytes(), when)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        checksum = Path(tmp) / f"{archive.name}.sha256"
        checksum.write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
        os.replace(partial, archive)
        os.replace(checksum, dist / checksum.name)
    return archive
