"""Open a data package in DuckDB with every table typed and keyed as its Table Schema says.

The DDL is generated from the schemas inlined in ``datapackage.json`` (themselves copied from
``schemas/``), so the same code opens the repository's package or a downloaded release::

    from newsevents.duck import connect
    con = connect("datapackage.json")
    con.sql("SELECT published_date, count(*) FROM articles JOIN sentences USING (article_id) GROUP BY 1")
    con.sql("SELECT * FROM events_detailed")  # and contradictions_quoted, claims_detailed (views.sql)
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from newsevents.package import table_resources

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "year": "INTEGER",
    "any": "VARCHAR",
}


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _column_checks(field: dict) -> list[str]:
    column, c = quote_identifier(field["name"]), field.get("constraints", {})
    checks = []
    if "enum" in c:
        checks.append(f"{column} IN ({', '.join(quote_literal(v) for v in c['enum'])})")
    if "minimum" in c:
        checks.append(f"{column} >= {quote_literal(c['minimum'])}")
    if "maximum" in c:
        checks.append(f"{column} <= {quote_literal(c['maximum'])}")
    if "minLength" in c:
        checks.append(f"length({column}) >= {c['minLength']}")
    if "pattern" in c:
        checks.append(f"regexp_full_match({column}, {quote_literal(c['pattern'])})")
    return checks


def create_table_sql(name: str, schema: dict, constraints: bool = True) -> str:
    """``CREATE TABLE`` for one Table Schema: types always; NOT NULL, checks and keys if ``constraints``."""
    lines = []
    for field in schema["fields"]:
        line = f"{quote_identifier(field['name'])} {DUCKDB_TYPES[field.get('type', 'string')]}"
        if constraints:
            c = field.get("constraints", {})
            if c.get("required"):
                line += " NOT NULL"
            if c.get("unique") and [field["name"]] != schema.get("primaryKey"):
                line += " UNIQUE"
            line += "".join(f" CHECK ({check})" for check in _column_checks(field))
        lines.append(line)
    if constraints:
        if schema.get("primaryKey"):
            lines.append(f"PRIMARY KEY ({', '.join(map(quote_identifier, schema['primaryKey']))})")
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            lines.append(
                f"FOREIGN KEY ({', '.join(map(quote_identifier, fk['fields']))}) "
                f"REFERENCES {quote_identifier(ref['resource'] or name)} "
                f"({', '.join(map(quote_identifier, ref['fields']))})"
            )
    body = ",\n  ".join(lines)
    return f"CREATE TABLE {quote_identifier(name)} (\n  {body}\n);"


def dependency_order(resources: list[dict]) -> list[dict]:
    """Resources ordered so that every table comes after the tables its foreign keys reference."""
    by_name = {r["name"]: r for r in resources}
    ordered: list[dict] = []

    def visit(resource: dict, path: tuple[str, ...]) -> None:
        if resource in ordered:
            return
        for fk in resource["schema"].get("foreignKeys", []):
            target = fk["reference"]["resource"]
            if target and target != resource["name"] and target not in path:
                visit(by_name[target], (*path, resource["name"]))
        ordered.append(resource)

    for resource in resources:
        visit(resource, ())
    return ordered


def read_csv_sql(path: Path, schema: dict) -> str:
    columns = ", ".join(
        f"{quote_literal(f['name'])}: {quote_literal(DUCKDB_TYPES[f.get('type', 'string')])}" for f in schema["fields"]
    )
    return (
        f"SELECT * FROM read_csv({quote_literal(path.as_posix())}, header = true, auto_detect = false, "
        f"delim = ',', quote = '\"', escape = '\"', nullstr = '', columns = {{{columns}}})"
    )


def load_package(con: duckdb.DuckDBPyConnection, package: Path | str, constraints: bool = True) -> None:
    """Create and fill one table per resource of ``package`` (a ``datapackage.json`` or its folder)."""
    descriptor_path = Path(package)
    if descriptor_path.is_dir():
        descriptor_path = descriptor_path / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in dependency_order(table_resources(descriptor)):
        name, schema = resource["name"], resource["schema"]
        con.execute(create_table_sql(name, schema, constraints))
        csv_sql = read_csv_sql(descriptor_path.parent / resource["path"], schema)
        self_refs = [fk for fk in schema.get("foreignKeys", []) if fk["reference"]["resource"] in ("", name)]
        if constraints and self_refs:
            _insert_self_referencing(con, name, csv_sql, self_refs)
        else:
            con.execute(f"INSERT INTO {quote_identifier(name)} {csv_sql}")


VIEWS_SQL = Path(__file__).with_name("views.sql")


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """The convenience views (``events_detailed``, ``contradictions_quoted``, ``claims_detailed``), for a
    package that has their tables."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if {"events", "entities", "event_mentions", "articles", "contradictions", "claims"} <= tables:
        con.execute(VIEWS_SQL.read_text(encoding="utf-8"))


def _insert_self_referencing(con: duckdb.DuckDBPyConnection, name: str, csv_sql: str, fks: list[dict]) -> None:
    """DuckDB checks each statement against the table as it was: insert in rounds, each taking the rows
    whose references to the same table are empty or already in it (a revised claim after the initial)."""
    table, staged = quote_identifier(name), quote_identifier(f"_staged_{name}")
    con.execute(f"CREATE TEMP TABLE {staged} AS {csv_sql}")
    ready = " AND ".join(
        f"(s.{quote_identifier(fk['fields'][0])} IS NULL OR s.{quote_identifier(fk['fields'][0])} IN "
        f"(SELECT {quote_identifier(fk['reference']['fields'][0])} FROM {table}))"
        for fk in fks
    )
    key = quote_identifier(fks[0]["reference"]["fields"][0])
    while True:
        before = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        con.execute(
            f"INSERT INTO {table} SELECT s.* FROM {staged} s WHERE {ready} "
            f"AND s.{key} NOT IN (SELECT {key} FROM {table})"
        )
        after = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        if after == before:
            break
    con.execute(f"INSERT INTO {table} SELECT s.* FROM {staged} s WHERE s.{key} NOT IN (SELECT {key} FROM {table})")
    con.execute(f"DROP TABLE {staged}")


def connect(
    package: Path | str = "datapackage.json", database: str = ":memory:", constraints: bool = True
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection holding every table of ``package``, typed and (by default) keyed."""
    con = duckdb.connect(database)
    load_package(con, package, constraints)
    create_views(con)
    return con
