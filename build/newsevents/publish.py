"""The release archive: ``dist/<name>-<version>.zip``, the same bytes as ``dist/<name>.zip`` (the name
``/releases/latest/download/`` serves), and a ``.sha256`` beside each.

The archive holds one folder, ``<name>/``, with everything a data user needs and nothing that needs this
repository: ``data/*.csv`` as built, ``parquet/<table>.parquet``, ``<name>.duckdb`` (every table typed and
keyed, plus the views of ``views.sql``), ``datapackage.json`` (the package's descriptor, listing the Parquet
and DuckDB files too, each with its size, SHA-256 and media type), ``queries/*.sql``, ``timeline.png``, a
README that is the data dictionary, ``CITATION.cff``, ``site/`` (the website ``newsevents site`` writes) and,
for this repository's own package, ``CHANGELOG.md``; ``manifest.json`` lists every other file with its size
and SHA-256.

It is reproducible: members are written in sorted order with a fixed timestamp (the latest publication date
among the articles, so it comes from the inputs), fixed permissions and a fixed compression level, and every
generated file is itself deterministic. Publishing the same package twice gives the same bytes.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from newsevents import IN_REPOSITORY, REPO_ROOT, project_version
from newsevents.errors import BuildError, one_line
from newsevents.locks import writer_lock
from newsevents.package import table_resources
from newsevents.schemas import package_meta

DIST = REPO_ROOT / "dist" if IN_REPOSITORY else Path("dist")
COPIED = ("CHANGELOG.md", "CITATION.cff")
EARLIEST_ZIP_DATE = date(1980, 1, 1)
PARQUET = ("parquet", "application/vnd.apache.parquet")
DUCKDB = ("duckdb", "application/vnd.duckdb")  # the type DuckDB's own servers send
#: A publish's staging folder in ``dist`` (``tempfile``'s eight characters after the prefix).
STAGING_PATTERN = r"\.publish-[a-z0-9_]{8}"


def _descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def archive_name(descriptor: dict) -> str:
    """The release's file name: ``<name>-<version>.zip``."""
    return f"{descriptor['name']}-{descriptor['version']}.zip"


def latest_name(descriptor: dict) -> str:
    """The same archive under the name without a version, ``<name>.zip``: what
    ``/releases/latest/download/<name>.zip`` fetches."""
    return f"{descriptor['name']}.zip"


def is_this_repositorys_package(descriptor: dict) -> bool:
    """The seeds' package (named as ``schemas/package.meta.json`` names it), whose version, changelog and
    citation are this repository's; a package built from a corpus with its own ``corpus.json`` is not."""
    return descriptor.get("name") == package_meta()["name"]


def _fixed_date(con, descriptor: dict) -> tuple[int, int, int, int, int, int]:
    """The latest ``published_date`` of the articles (or 1980-01-01, zip's epoch, if there is none)."""
    day = None
    if any(r["name"] == "articles" for r in table_resources(descriptor)):
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
    for resource in table_resources(descriptor):
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


#: Characters that make Markdown of text: code, emphasis, links and images, tables, strikethrough, escapes.
MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]|~])")
#: What makes a line a heading, a list item, a setext underline or an ordered list item when it starts one.
MARKDOWN_BLOCK = re.compile(r"^(\s*)(?:([#+=*-])|(\d+)(?=[.)]))")


def markdown_text(text: str) -> str:
    """``text`` (from ``corpus.json``, say) as Markdown that shows it as it is: ``<``, ``>`` and ``&`` as
    HTML entities (no tag, comment or autolink survives), and a backslash before everything that would make
    a link, an image, code, emphasis or a table cell, or start a block. Bare ``http(s)://`` and ``www.``
    addresses are the only links a renderer may still make of it."""
    escaped = MARKDOWN_INLINE.sub(r"\\\1", html.escape(text, quote=False))
    return MARKDOWN_BLOCK.sub(lambda m: m[1] + (f"\\{m[2]}" if m[2] else f"{m[3]}\\"), escaped, count=1)


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than any run of them in it (a backtick in
    the text cannot end the span and let what follows be read as Markdown or HTML)."""
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _sources(descriptor: dict) -> list[str]:
    lines = []
    for source in descriptor.get("sources", []):
        where = f" ({markdown_code(source['path'])})" if source.get("path") else ""
        lines.append(f"- {markdown_text(source.get('title', ''))}{where}")
    return lines


def release_readme(package: Path, descriptor: dict) -> str:
    """The archive's README: what the package is, where it comes from, how to check and query it, and the
    data dictionary."""
    from newsevents.docs import data_dictionary

    name, version = descriptor["name"], descriptor["version"]
    licences = [lic.get("name") or lic.get("path", "") for lic in descriptor.get("licenses", [])]
    licence = markdown_text(", ".join(licences)) if licences else "not given"
    changes = "; changes in `CHANGELOG.md`" if is_this_repositorys_package(descriptor) else ""
    lines = [
        f"# {markdown_text(descriptor['title'])}",
        "",
        f"{markdown_code(name)} version {markdown_text(version)}. Licence: {licence}. "
        f"Cite with `CITATION.cff`{changes}.",
        "",
        markdown_text(descriptor.get("description", "")),
        "",
        "## Sources",
        "",
        *_sources(descriptor),
        "",
        "The `articles` table lists every article with its file, SHA-256 and, where the corpus gives them, "
        "its URL, outlet, headline and author.",
        "",
        "## Contents",
        "",
        "| path | what it holds |",
        "|---|---|",
        "| `datapackage.json` | the Data Package (v2) descriptor: every table's schema and keys, and every data "
        "file (CSV, Parquet, DuckDB) with its size, SHA-256 and media type |",
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
        "`pandas.read_parquet('parquet/events.parquet')`. Check every file against the descriptor with",
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


def file_resource(folder: Path, path: Path, name: str, title: str, kind: tuple[str, str]) -> dict:
    """A release file as a Data Package resource: not a table (its table is described above it), checked
    by size and SHA-256."""
    content = path.read_bytes()
    return {
        "name": name,
        "type": "file",
        "path": path.relative_to(folder).as_posix(),
        "title": title,
        "format": kind[0],
        "mediatype": kind[1],
        "bytes": len(content),
        "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
    }


def release_descriptor(descriptor: dict, folder: Path) -> dict:
    """The package's descriptor with every data file of the release: the tables (CSV) as built, then each
    table's Parquet file and the DuckDB database."""
    tables = table_resources(descriptor)
    files = [
        file_resource(folder, folder / "parquet" / f"{name}.parquet", f"{name}-parquet", f"{name} as Parquet", PARQUET)
        for name in (r["name"] for r in tables)
    ]
    database = folder / f"{descriptor['name']}.duckdb"
    title = "Every table typed and keyed, with the views, as a DuckDB database"
    files.append(file_resource(folder, database, "duckdb", title, DUCKDB))
    return {**descriptor, "resources": [*tables, *files]}


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar on one line, escaped by PyYAML's emitter (a line or paragraph
    separator, say, which a JSON string would leave for YAML to read as a line break)."""
    import yaml

    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30).removesuffix("\n")


def citation_cff(descriptor: dict) -> str:
    """A ``CITATION.cff`` for a package built from another corpus, from its descriptor (this repository's
    own package ships the repository's ``CITATION.cff``)."""
    authors = [c["title"] for c in descriptor.get("contributors", []) if c.get("title")]
    lines = [
        "cff-version: 1.2.0",
        'message: "If you use this dataset, please cite it as below, with the version you used."',
        "type: dataset",
        f"title: {_yaml_string(descriptor['title'])}",
        f"version: {_yaml_string(descriptor['version'])}",
    ]
    licences = [lic["name"] for lic in descriptor.get("licenses", []) if lic.get("name")]
    if licences:
        lines.append(f"license: {_yaml_string(licences[0])}")
    if descriptor.get("homepage"):
        lines.append(f"url: {_yaml_string(descriptor['homepage'])}")
    if descriptor.get("description"):
        lines.append(f"abstract: {_yaml_string(descriptor['description'])}")
    lines.append("authors:")
    lines += [f"  - name: {_yaml_string(a)}" for a in authors or [f"{descriptor['name']} contributors"]]
    if descriptor.get("keywords"):
        lines.append("keywords:")
        lines += [f"  - {_yaml_string(k)}" for k in descriptor["keywords"]]
    return "\n".join(lines) + "\n"


def stage(package: Path, folder: Path, report=None) -> tuple[int, int, int, int, int, int]:
    """Write every file of the release into ``folder``; return the date its members carry. The package is
    loaded once, into the release's DuckDB file, and the Parquet files, figure and date are read from it."""
    import duckdb

    from newsevents.figure import timeline
    from newsevents.site import build_site

    descriptor = _descriptor(package)
    descriptor = {**descriptor, "resources": table_resources(descriptor)}  # a release's files are made anew
    name = descriptor["name"]
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
    release = release_descriptor(descriptor, folder)
    text = json.dumps(release, indent=2, ensure_ascii=False) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    (folder / "queries").mkdir()
    for query in sorted((REPO_ROOT / "queries").glob("*.sql")):
        shutil.copyfile(query, folder / "queries" / query.name)
    if is_this_repositorys_package(descriptor):
        for copied in COPIED:
            shutil.copyfile(REPO_ROOT / copied, folder / copied)
    else:
        (folder / "CITATION.cff").write_text(citation_cff(descriptor), encoding="utf-8")
    (folder / "README.md").write_text(release_readme(package, release), encoding="utf-8")
    build_site(package, folder / "site", report)  # browse the release: opens from the unzipped folder
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


CHANGELOG_SECTION = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?", re.MULTILINE)


def changelog_dates(text: str) -> dict[str, str | None]:
    """``{version: date}`` for every section of ``CHANGELOG.md`` (``Unreleased`` included; None: no date)."""
    return {m["version"]: m["date"] for m in CHANGELOG_SECTION.finditer(text)}


def citation_field(text: str, key: str) -> str | None:
    """A top-level scalar of ``CITATION.cff`` (quotes removed)."""
    found = re.search(rf"^{re.escape(key)}:\s*(.+?)\s*$", text, re.MULTILINE)
    return found[1].strip("\"'") if found else None


def check_versions(descriptor: dict) -> None:
    """The package, the project and the citation must carry the same version, and the changelog a dated
    section for it, the date the citation gives as ``date-released``."""
    citation = (REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    found = {
        "datapackage.json": descriptor.get("version"),
        "pyproject.toml": project_version(),
        "CITATION.cff": citation_field(citation, "version"),
    }
    if len(set(found.values())) != 1:
        raise BuildError(f"versions differ: {', '.join(f'{k} {v}' for k, v in found.items())}")
    version = found["pyproject.toml"]
    dates = changelog_dates((REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    if version not in dates:
        raise BuildError(f"CHANGELOG.md: no section '## [{version}]' for this version")
    if dates[version] is None:
        raise BuildError(f"CHANGELOG.md: the section for {version} has no date ('## [{version}] - YYYY-MM-DD')")
    if citation_field(citation, "date-released") != dates[version]:
        raise BuildError(
            f"CITATION.cff: date-released {citation_field(citation, 'date-released')} is not the date "
            f"CHANGELOG.md gives {version} ({dates[version]})"
        )


def publish(package: Path, dist: Path = DIST, report=None) -> Path:
    """Write ``dist/<name>-<version>.zip``, the same bytes as ``dist/<name>.zip``, and a ``.sha256`` for each
    from the package in ``package``; return the versioned archive's path. Each file is written under a
    temporary name and renamed into place.

    A release that cannot be written (a full disk, a file size limit: DuckDB's checkpoint, a Parquet file,
    the archive) is one :class:`BuildError` naming the archive it was to be, with the reason; the temporary
    folder it was written in is gone by then, and nothing was published. ``report``: the build checks the
    package passed, which the release's site shows (run by the site's build when not given)."""
    import duckdb

    try:
        return _publish(package, dist, report)
    except (duckdb.Error, OSError) as exc:
        if isinstance(exc, OSError) and exc.filename and not Path(exc.filename).is_relative_to(dist):
            raise  # an input that cannot be read: the error names it
        if isinstance(exc, duckdb.Error) and ".publish-" not in str(exc):
            raise  # not about a file of the release (which DuckDB names, in the temporary folder)
        target = one_line(str(dist / archive_name(_descriptor(package))))
        raise BuildError(f"{target}: cannot be written, nothing was published ({_write_failure(exc)})") from None


def _write_failure(exc: BaseException) -> str:
    """Why a file could not be written, without the temporary path it had: ``File too large``, ``No space
    left on device``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    return one_line(first.rsplit('": ', 1)[-1])  # DuckDB: ... Could not write file "<path>": <reason>


def _publish(package: Path, dist: Path, report=None) -> Path:
    descriptor = _descriptor(package)
    if is_this_repositorys_package(descriptor):
        check_versions(descriptor)
    name = descriptor["name"]
    dist.mkdir(parents=True, exist_ok=True)
    archive = dist / archive_name(descriptor)
    # One publish at a time into ``dist``; the staging folders of publishes that were killed go.
    with (
        writer_lock(dist, "publish", stale=STAGING_PATTERN),
        tempfile.TemporaryDirectory(prefix=".publish-", dir=dist) as tmp,
    ):
        folder = Path(tmp) / name
        folder.mkdir()
        when = stage(package, folder, report)
        partial = Path(tmp) / archive.name
        with zipfile.ZipFile(partial, "w") as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                _add(zf, f"{name}/{path.relative_to(folder).as_posix()}", path.read_bytes(), when)
        digest = hashlib.sha256(partial.read_bytes()).hexdigest()
        written = []
        for file_name in (archive.name, latest_name(descriptor)):
            copy = Path(tmp) / "out" / file_name
            copy.parent.mkdir(exist_ok=True)
            shutil.copyfile(partial, copy)
            copy.with_name(f"{file_name}.sha256").write_text(f"{digest}  {file_name}\n", encoding="utf-8")
            written += [copy, copy.with_name(f"{file_name}.sha256")]
        for path in written:
            os.replace(path, dist / path.name)
    return archive
