"""The Table Schemas in ``schemas/``: the one source of truth for each table's shape.

``datapackage.json``, the DuckDB DDL, the pandera models, the baseline expectation suites and the README's
data dictionary are all derived from what is loaded here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsevents import SCHEMAS_DIR, project_version

PACKAGE_META = "package.meta.json"


@dataclass(frozen=True)
class TableSchema:
    name: str
    descriptor: dict

    @property
    def fields(self) -> list[dict]:
        return self.descriptor["fields"]

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        return list(self.descriptor.get("primaryKey", []))

    @property
    def foreign_keys(self) -> list[dict]:
        return list(self.descriptor.get("foreignKeys", []))

    def field(self, name: str) -> dict:
        return next(f for f in self.fields if f["name"] == name)


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def package_meta(schemas_dir: Path = SCHEMAS_DIR) -> dict:
    """Package-level metadata, with the version taken from ``pyproject.toml``."""
    return {**load_json(schemas_dir / PACKAGE_META), "version": project_version()}


@cache
def table_schemas(schemas_dir: Path = SCHEMAS_DIR) -> tuple[TableSchema, ...]:
    """The package's tables in publication order (the order of ``resources`` in the metadata)."""
    names = package_meta(schemas_dir)["resources"]
    return tuple(TableSchema(n, load_json(schemas_dir / f"{n}.schema.json")) for n in names)


def table_schema(name: str) -> TableSchema:
    return next(s for s in table_schemas() if s.name == name)


def categorical_fields(table: str) -> list[str]:
    """The fields of ``table`` whose values are codes of a codebook (PLOVER's event types and modes, ACLED's
    sub-event types), published with Data Package v2 ``categories``: ``package.meta.json`` names them."""
    return list(package_meta().get("categories", {}).get(table, []))


def published_schema(schema: TableSchema) -> dict:
    """The Table Schema as ``datapackage.json`` carries it: without title and description (the resource
    has them), and with ``categories`` (the values of the ``enum``) on the fields of a codebook."""
    coded = set(categorical_fields(schema.name))
    published = {k: v for k, v in schema.descriptor.items() if k not in ("title", "description")}
    published["fields"] = [
        {**f, "categories": list(f["constraints"]["enum"])} if f["name"] in coded else f for f in schema.fields
    ]
    return published
