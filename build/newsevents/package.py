"""Write tables as a Frictionless data package, and put a validated package into place atomically.

The package's layout is fixed (``datapackage.json`` and ``data/*.csv`` in the output folder), so putting a
new one in place takes three renames: the old ``data/`` aside, the new one in, the new descriptor over the
old. Two things make that safe for others:

* Readers (``query``, ``validate``, ``publish``) hold a shared lock on the output folder while they read
  (:func:`reading`), and the renames run under the exclusive lock: a reader sees the whole old package or
  the whole new one.
* Before the first rename the staging folder gets a :data:`SWAP_MARKER`: its package passed its checks and
  is to be put in place. A run killed during the renames (``kill -9``, a power cut aside) leaves the marker,
  and the next command to open the folder (a build, or a reader) finishes the swap under the exclusive lock
  (:func:`finish_interrupted_swaps`). Finishing rather than undoing: every step forward is a rename of
  something already checked, and the old package's files may already be gone from their place.
"""

from __future__ import annotations

import csv
import errno
import gc
import hashlib
import io
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import BinaryIO

from newsevents.errors import BuildError, one_line
from newsevents.locks import folder_lock, matching_folders, remove_stale, writer_lock
from newsevents.schemas import TableSchema, package_meta, published_schema, table_schemas

DESCRIPTOR = "datapackage.json"
#: The Data Package v2 profile the descriptor follows (https://datapackage.org/standard/data-package/).
DATA_PACKAGE_V2 = "https://datapackage.org/profiles/2.0/datapackage.json"
#: Package properties in the order the descriptor gives them (those the metadata has).
PACKAGE_PROPERTIES = ("name", "title", "version", "description", "homepage", "keywords", "licenses", "contributors")
DATA_DIR = "data"
STAGING_PREFIX = ".build-"
#: A staging folder's name (``tempfile.mkdtemp``'s eight characters after the prefix).
STAGING_PATTERN = r"\.build-[a-z0-9_]{8}"
#: In a staging folder: its package passed the checks and is being moved into place.
SWAP_MARKER = "SWAPPING"
PREVIOUS_DATA = "previous-data"

Row = dict[str, object]
Tables = dict[str, list[Row]]


def table_resources(descriptor: dict) -> list[dict]:
    """The resources of ``descriptor`` that are tables (``type`` "table", or none given). A release's
    descriptor also lists its Parquet and DuckDB files, as ``type`` "file": checked by size and hash only."""
    return [r for r in descriptor["resources"] if r.get("type", "table") == "table"]


def format_value(value: object) -> str:
    """The CSV text of one cell: empty for null, ``true``/``false``, ISO dates, shortest float repr."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 6))
    return str(value)


def sort_key(schema: TableSchema) -> Callable[[Row], tuple]:
    """Rows sort by primary key: a diff of ``data/`` is then a review of the data."""
    key = schema.primary_key or schema.field_names
    return lambda row: tuple((row[k] is None, row[k] if row[k] is not None else 0) for k in key)


#: Rows formatted at a time when writing a table: the text in memory is a batch, never the whole file.
WRITE_BATCH = 4096


class _Written:
    """A binary file wrapper that counts and hashes what goes through it."""

    def __init__(self, target: BinaryIO) -> None:
        self.target, self.size, self.digest = target, 0, hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.target.write(data)
        self.size += len(data)
        self.digest.update(data)


def write_csv(schema: TableSchema, rows: Iterable[Row], target: BinaryIO) -> tuple[int, str]:
    """Write the table as CSV to ``target`` in batches; returns its size in bytes and its SHA-256."""
    names = schema.field_names
    out = _Written(target)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for i, row in enumerate(sorted(rows, key=sort_key(schema)), 1):
        if set(row) != set(names):
            extra, missing = sorted(set(row) - set(names)), sorted(set(names) - set(row))
            raise BuildError(f"{schema.name}: row does not match its schema (extra {extra}, missing {missing})")
        writer.writerow([format_value(row[n]) for n in names])
        if i % WRITE_BATCH == 0:
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
    out.write(buffer.getvalue().encode("utf-8"))
    return out.size, out.digest.hexdigest()


def resource_descriptor(schema: TableSchema, size: int, sha256: str) -> dict:
    """The resource of a table whose CSV has ``size`` bytes and this SHA-256."""
    descriptor = {k: v for k, v in schema.descriptor.items() if k in ("title", "description")}
    return {
        "name": schema.name,
        "type": "table",
        "path": f"{DATA_DIR}/{schema.name}.csv",
        **descriptor,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{sha256}",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True},
        "schema": published_schema(schema),
    }


def created(articles: list[Row]) -> str | None:
    """The package's ``created``, taken from its inputs rather than the clock: the latest publication date
    among the articles, at midnight UTC (a build on another day gives the same bytes)."""
    latest = max((a["published_date"] for a in articles), default=None)
    return None if latest is None else f"{latest.isoformat()}T00:00:00Z"


def package_descriptor(meta: dict, articles: list[Row], resources: list[dict]) -> dict:
    """The Data Package v2 descriptor: ``meta`` (see :func:`newsevents.corpus.package_metadata`), the date
    the inputs give and the resources."""
    descriptor: dict = {"$schema": DATA_PACKAGE_V2}
    descriptor.update({k: meta[k] for k in PACKAGE_PROPERTIES[:4] if k in meta})
    if created(articles):
        descriptor["created"] = created(articles)
    descriptor.update({k: meta[k] for k in PACKAGE_PROPERTIES[4:] if k in meta})
    if meta.get("sources"):
        descriptor["sources"] = meta["sources"]
    descriptor["resources"] = resources
    return descriptor


def write_package(tables: Tables, out_dir: Path, meta: dict | None = None) -> Path:
    """Write ``data/<table>.csv`` and ``datapackage.json`` for every schema into ``out_dir``; ``meta`` is the
    package's metadata (default: the seeds', ``schemas/package.meta.json``)."""
    (out_dir / DATA_DIR).mkdir(parents=True, exist_ok=True)
    meta = meta if meta is not None else package_meta()
    resources = []
    for schema in table_schemas():
        if schema.name not in tables:
            raise BuildError(f"{schema.name}: no build step produced this table")
        with (out_dir / DATA_DIR / f"{schema.name}.csv").open("wb") as target:
            size, sha256 = write_csv(schema, tables[schema.name], target)
        resources.append(resource_descriptor(schema, size, sha256))
    descriptor = package_descriptor(meta, tables.get("articles", []), resources)
    path = out_dir / DESCRIPTOR
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def publish_atomically(
    tables: Tables,
    out_dir: Path,
    check: Callable[[Path], None],
    meta: dict | None = None,
    *,
    release_rows: bool = False,
) -> None:
    """Write the package to a staging folder, ``check`` it, and only then swap it into ``out_dir``.

    ``check`` raises to refuse the package; the previous ``datapackage.json`` and ``data/`` then stay
    exactly as they were. So they do when the build is interrupted (SIGINT, SIGTERM): the swap itself runs
    with those signals held back, and the staging folder is removed on the way out. With ``release_rows``
    the rows are dropped from ``tables`` once written, so that the checks, which read the files, do not
    add their memory to the rows' (a large corpus's peak is then the larger of the two, not the sum).

    The whole runs under the writer lock of ``out_dir`` (a second writer fails at once), and the swap under
    its exclusive folder lock (readers wait for the few renames); see the module's docstring.
    """
    staging: Path | None = None
    try:
        with signals_deferred():  # a signal between creating the folder and naming it would leave it behind
            staging = make_staging(out_dir)
        with writer_lock(out_dir, "build"):
            write_package(tables, staging, meta)
            if release_rows:
                tables.clear()
                gc.collect()
            check(staging)
            with folder_lock(out_dir, exclusive=True), signals_deferred():
                finish_interrupted_swaps(out_dir)
                _swap_into_place(staging, out_dir)
    except OSError as exc:
        raise BuildError(f"{_where(exc, out_dir)}: cannot write the package ({exc.strerror or exc})") from None
    finally:
        if staging is not None and not (staging / SWAP_MARKER).exists():  # else the next run finishes the swap
            with signals_deferred():
                shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def writing(out_dir: Path) -> Iterator[None]:
    """Hold the writer lock of ``out_dir`` (created if need be) for a whole build, so that a second build
    fails at once rather than after minutes of work; finish a swap a killed build left half made and remove
    the staging folders of builds that ended. If the build fails, the folders it created are removed again."""
    check_out_dir(out_dir)
    created = [folder for folder in (out_dir, *out_dir.parents) if not folder.exists()]  # deepest first
    try:
        with ExitStack() as stack:
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                stack.enter_context(writer_lock(out_dir, "build"))
                with folder_lock(out_dir, exclusive=True):
                    finish_interrupted_swaps(out_dir)
                remove_stale(out_dir, STAGING_PATTERN)
            except OSError as exc:
                raise BuildError(
                    f"{_where(exc, out_dir)}: cannot write the package here ({exc.strerror or exc})"
                ) from None
            yield
    finally:
        with suppress(OSError):
            for folder in created:
                folder.rmdir()  # only if the build left it empty


@contextmanager
def reading(folder: Path) -> Iterator[None]:
    """Hold the package in ``folder`` still while the block reads it: a shared lock on the folder, which a
    build's swap takes exclusively. A swap a killed build left half made is finished first."""
    while True:
        with folder_lock(folder, exclusive=False):
            if not _interrupted_swaps(folder):
                yield
                return
        with folder_lock(folder, exclusive=True):
            try:
                finish_interrupted_swaps(folder)
            except OSError as exc:
                raise BuildError(
                    f"{_where(exc, folder)}: a build was stopped while replacing the package, and finishing its "
                    f"swap failed ({exc.strerror or exc}); run the build again"
                ) from None


def _interrupted_swaps(out_dir: Path) -> list[Path]:
    return [staging for staging in matching_folders(out_dir, STAGING_PATTERN) if (staging / SWAP_MARKER).exists()]


def finish_interrupted_swaps(out_dir: Path) -> list[Path]:
    """Finish the swap of every staging folder in ``out_dir`` that holds a :data:`SWAP_MARKER` (a build
    killed during its renames), then remove it; return those folders. Only under the exclusive
    :func:`~newsevents.locks.folder_lock`, which a live swap holds: a marker seen under it is a dead one's."""
    finished = _interrupted_swaps(out_dir)
    for staging in finished:
        _move_in(staging, out_dir)
        (staging / SWAP_MARKER).unlink()
        shutil.rmtree(staging, ignore_errors=True)
    return finished


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output path that cannot hold a package (a file, a path under a file, a folder that cannot
    be written, a path that is not UTF-8) before anything is built; nothing is created here."""
    where = one_line(str(out_dir))
    try:
        os.path.abspath(out_dir).encode("utf-8")
    except UnicodeEncodeError:
        raise BuildError(
            f"{where}: the path is not valid UTF-8 (DuckDB, which checks the package, needs one)"
        ) from None
    for folder in (out_dir, *out_dir.parents):
        if not folder.exists():
            continue
        if not folder.is_dir():
            what = "not a folder" if folder == out_dir else f"lies under {one_line(str(folder))}, which is a file"
            raise BuildError(f"{where}: {what} (--out must be a folder or a path to create)")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise BuildError(f"{one_line(str(folder))}: cannot write the package here (permission denied)")
        return


def make_staging(out_dir: Path) -> Path:
    """A new staging folder inside ``out_dir`` (created if need be), or a one-line error saying why not:
    ``out_dir`` is a file, lies under a file, or cannot be written."""
    check_out_dir(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise BuildError(f"{_where(exc, out_dir)}: cannot write the package here ({exc.strerror or exc})") from None


def _where(exc: OSError, default: Path) -> str:
    return one_line(str(exc.filename or default))


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block is done: a swap half made is worse than one made late."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    """Move ``data/`` and then ``datapackage.json`` into place, the staging folder marked meanwhile (a run
    killed half way is finished by the next, see :func:`finish_interrupted_swaps`); if a move fails, put the
    previous ones back before raising."""
    marker = staging / SWAP_MARKER
    marker.touch()
    try:
        _move_in(staging, out_dir)
    except OSError:
        _move_back(staging, out_dir)  # if this fails too, the marker stays: the next run finishes the swap
        marker.unlink()
        raise
    marker.unlink()


def _move_in(staging: Path, out_dir: Path) -> None:
    """The swap's renames from wherever a swap stopped: the old ``data/`` aside (into the staging folder),
    the new one in, the new descriptor in. Each step is done only if it is still to do."""
    data, descriptor, old_data = out_dir / DATA_DIR, out_dir / DESCRIPTOR, staging / PREVIOUS_DATA
    if (staging / DATA_DIR).exists():
        if data.exists() or data.is_symlink():
            if old_data.exists() or old_data.is_symlink():
                raise OSError(errno.EEXIST, "both the previous and another data folder are present", str(data))
            os.replace(data, old_data)
        os.replace(staging / DATA_DIR, data)
    if (staging / DESCRIPTOR).exists():
        os.replace(staging / DESCRIPTOR, descriptor)


def _move_back(staging: Path, out_dir: Path) -> None:
    """Undo the renames :func:`_move_in` made before one failed: the new ``data/`` back (if the descriptor
    did not follow it), the previous one in."""
    data, old_data = out_dir / DATA_DIR, staging / PREVIOUS_DATA
    if (staging / DESCRIPTOR).exists() and not (staging / DATA_DIR).exists() and data.exists():
        os.replace(data, staging / DATA_DIR)
    if (old_data.exists() or old_data.is_symlink()) and not (data.exists() or data.is_symlink()):
        os.replace(old_data, data)
