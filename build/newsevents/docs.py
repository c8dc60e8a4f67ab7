"""The README's data dictionary, generated from ``schemas/`` (and a sample of the built CSVs)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from newsevents import REPO_ROOT
from newsevents.duck import DUCKDB_TYPES
from newsevents.schemas import TableSchema, table_schemas

BEGIN = "<!-- BEGIN data dictionary: generated from schemas/ by `nox -s docs`; do not edit by hand -->"
END = "<!-- END data dictionary -->"
SAMPLE_ROWS = 3
SAMPLE_WIDTH = 40


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _constraints(field: dict) -> str:
    c = field.get("constraints", {})
    parts = []
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "pattern" in c:
        parts.append(f"matches `{c['pattern']}`")
    if c.get("unique"):
        parts.append("unique")
    return "; ".join(parts)


def _sample(schema: TableSchema, data_dir: Path) -> list[str]:
    path = data_dir / f"{schema.name}.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = [row for _, row in zip(range(SAMPLE_ROWS + 1), csv.reader(f), strict=False)]
    if len(rows) < 2:
        return []

    def short(value: str) -> str:
        value = value.replace("\n", " ")
        return value if len(value) <= SAMPLE_WIDTH else value[: SAMPLE_WIDTH - 1] + "…"

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[short(v) for v in row] for row in rows])
    intro = f"Sample (`data/{schema.name}.csv`, first rows, long values cut):"
    return ["", intro, "", "```csv", *buffer.getvalue().splitlines(), "```"]


def table_section(schema: TableSchema, data_dir: Path) -> list[str]:
    d = schema.descriptor
    lines = [f"### `{schema.name}`: {d.get('title', schema.name)}", "", d.get("description", ""), ""]
    lines.append(f"Primary key: {', '.join(f'`{k}`' for k in schema.primary_key) or 'none'}.")
    for fk in schema.foreign_keys:
        ref = fk["reference"]
        lines.append(f"Foreign key: ({', '.join(fk['fields'])}) → `{ref['resource']}` ({', '.join(ref['fields'])}).")
    lines += ["", "| field | type | required | constraints | description |", "|---|---|---|---|---|"]
    for f in schema.fields:
        required = "yes" if f.get("constraints", {}).get("required") else "no (nullable)"
        type_ = f"{f.get('type', 'string')} ({DUCKDB_TYPES[f.get('type', 'string')]})"
        lines.append(
            f"| `{f['name']}` | {type_} | {required} | {_cell(_constraints(f))} | {_cell(f.get('description', ''))} |"
        )
    return lines + _sample(schema, data_dir)


def data_dictionary(data_dir: Path = REPO_ROOT / "data") -> str:
    lines = [BEGIN, ""]
    for schema in table_schemas():
        lines += [*table_section(schema, data_dir), ""]
    return "\n".join([*lines, END])


def update_readme(readme: Path, data_dir: Path = REPO_ROOT / "data") -> bool:
    """Replace the README's generated section; returns whether anything changed."""
    text = readme.read_text(encoding="utf-8")
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise ValueError(f"{readme}: markers for the data dictionary are missing")
    new = head + data_dictionary(data_dir) + tail
    readme.write_text(new, encoding="utf-8")
    return new != text
