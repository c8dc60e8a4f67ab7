"""Write tables as a Frictionless data package, and put a validated package into place atomically."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from newsevents.errors import BuildError
from newsevents.schemas import TableSchema, package_meta, table_schemas

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"

Row = dict[str, object]
Tables = dict[str, list[Row]]


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


def csv_bytes(schema: TableSchema, rows: Iterable[Row]) -> bytes:
    names = schema.field_names
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in sorted(rows, key=sort_key(schema)):
        if set(row) != set(names):
            extra, missing = sorted(set(row) - set(names)), sorted(set(names) - set(row))
            raise BuildError(f"{schema.name}: row does not match its schema (extra {extra}, missing {missing})")
        writer.writerow([format_value(row[n]) for n in names])
    return buffer.getvalue().encode("utf-8")


def resource_descriptor(schema: TableSchema, content: bytes) -> dict:
    descriptor = {k: v for k, v in schema.descriptor.items() if k in ("title", "description")}
    return {
        "name": schema.name,
        "path": f"{DATA_DIR}/{schema.name}.csv",
        "profile": "tabular-data-resource",
        **descriptor,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True},
        "schema": {k: v for k, v in schema.descriptor.items() if k not in ("title", "description")},
    }


def write_package(tables: Tables, out_dir: Path) -> Path:
    """Write ``data/<table>.csv`` and ``datapackage.json`` for every schema into ``out_dir``."""
    (out_dir / DATA_DIR).mkdir(parents=True, exist_ok=True)
    meta = package_meta()
    resources = []
    for schema in table_schemas():
        if schema.name not in tables:
            raise BuildError(f"{schema.name}: no build step produced this table")
        content = csv_bytes(schema, tables[schema.name])
        (out_dir / DATA_DIR / f"{schema.name}.csv").write_bytes(content)
        resources.append(resource_descriptor(schema, content))
    descriptor = {
        "profile": "tabular-data-package",
        **{k: meta[k] for k in ("name", "title", "version", "description", "keywords") if k in meta},
        **{k: meta[k] for k in ("licenses", "sources", "contributors") if k in meta},
        "resources": resources,
    }
    path = out_dir / DESCRIPTOR
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def publish_atomically(tables: Tables, out_dir: Path, check: Callable[[Path], None]) -> None:
    """Write the package to a staging folder, ``check`` it, and only then swap it into ``out_dir``.

    ``check`` raises to refuse the package; the previous ``datapackage.json`` and ``data/`` then stay
    exactly as they were.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        write_package(tables, staging)
        check(staging)
        _swap_into_place(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_into_place(staging: Path, out_dir: Path) -> None:
    old_data = staging / "previous-data"
    data = out_dir / DATA_DIR
    if data.exists():
        os.replace(data, old_data)
    try:
        os.replace(staging / DATA_DIR, data)
    except OSError:
        if old_data.exists():
            os.replace(old_data, data)
        raise
    os.replace(staging / DESCRIPTOR, out_dir / DESCRIPTOR)
