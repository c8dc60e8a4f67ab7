"""The README's data dictionary, generated from ``schemas/`` (and a sample of the built CSVs)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from newsevents import REPO_ROOT
from newsevents.duck import DUCKDB_TYPES
from newsevents.schemas import TableSchema, table_schemas

BEGIN = "<!-- BEGIN data dictionary: generated from schemas/ by `nox -s docs`; do not edit by hand -->"
END = "<!-- END data dictionary -->"
SAMPLE_ROWS = 3
SAMPLE_WIDTH = 40


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the last one an ellipsis when anything was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


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

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [[shorten(v.replace("\n", " "), SAMPLE_WIDTH) for v in row] for row in rows]
    )
    intro = f"Sample (`data/{schema.name}.csv`, first rows, long values cut):"
    sample = buffer.getvalue()
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall("`{3,}", sample))])  # no value ends the block
    return ["", intro, "", f"{fence}csv", *sample.splitlines(), fence]


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


QUERIES_DIR = REPO_ROOT / "queries"
EXPECTED_DIR = QUERIES_DIR / "expected"
FIGURE = REPO_ROOT / "docs" / "timeline.png"
QUERIES_BEGIN = "<!-- BEGIN queries: generated from queries/ by `nox -s docs`; do not edit by hand -->"
QUERIES_END = "<!-- END queries -->"
SHOWN_ROWS = 8
CELL_WIDTH = 60


def query_files(directory: Path = QUERIES_DIR) -> list[Path]:
    return sorted(directory.glob("*.sql"))


def question(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    return first.removeprefix("-- question:").strip()


def run_query(con, path: Path) -> tuple[list[str], list[tuple]]:
    relation = con.sql(path.read_text(encoding="utf-8"))
    return relation.columns, relation.fetchall()


def result_csv(columns: list[str], rows: list[tuple]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buffer.getvalue()


def _markdown(columns: list[str], rows: list[tuple]) -> list[str]:
    def cell(value: object) -> str:
        return _cell(shorten("" if value is None else str(value), CELL_WIDTH))

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows[:SHOWN_ROWS]]
    if len(rows) > SHOWN_ROWS:
        lines.append(f"\n({len(rows)} rows, first {SHOWN_ROWS} shown)")
    if not rows:
        lines.append("\n(no rows)")
    return lines


QueryResult = tuple[Path, list[str], list[tuple]]


def query_results(con) -> list[QueryResult]:
    """Every query of ``queries/`` run once on ``con``: (file, columns, rows)."""
    return [(path, *run_query(con, path)) for path in query_files()]


def query_section(results: list[QueryResult]) -> str:
    """The README's query section: each query's question, its SQL file and its output."""
    lines = [QUERIES_BEGIN, ""]
    for path, columns, rows in results:
        lines += [f"**{question(path)}** ([`queries/{path.name}`](queries/{path.name}))", ""]
        lines += [*_markdown(columns, rows), ""]
    return "\n".join([*lines, QUERIES_END])


def query_examples(package: Path = REPO_ROOT) -> str:
    """The README's query section for the package in ``package``."""
    from newsevents.duck import connect

    return query_section(query_results(connect(package)))


def write_expected_results(results: list[QueryResult], out_dir: Path = EXPECTED_DIR) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, columns, rows in results:
        (out_dir / f"{path.stem}.csv").write_text(result_csv(columns, rows), encoding="utf-8")


def _replace(text: str, begin: str, end: str, section: str, readme: Path) -> str:
    head, found_begin, rest = text.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not found_begin or not found_end:
        raise ValueError(f"{readme}: markers {begin[:30]}... are missing")
    return head + section + tail


def update_readme(readme: Path, data_dir: Path = REPO_ROOT / "data") -> bool:
    """Regenerate everything derived from the schemas and the committed package: the README's data
    dictionary and query examples, the queries' expected results and the timeline figure. Returns whether
    the README changed."""
    from newsevents.duck import connect
    from newsevents.figure import timeline

    con = connect(data_dir.parent)
    results = query_results(con)
    text = readme.read_text(encoding="utf-8")
    new = _replace(text, BEGIN, END, data_dictionary(data_dir), readme)
    new = _replace(new, QUERIES_BEGIN, QUERIES_END, query_section(results), readme)
    readme.write_text(new, encoding="utf-8")
    write_expected_results(results)
    timeline(con, FIGURE)
    return new != text
