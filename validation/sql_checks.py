"""Layer 4, DuckDB SQL: cross-table checks kept as ``.sql`` files in ``validation/sql/``.

Each file is one check. Its header comments give the check's name (``-- check:``), the rule it enforces
(``-- rule:``) and optionally why (``-- why:``); its query returns one row per offending row, with
columns ``table_name``, ``row_key`` and ``evidence``. No rows: the check passes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb

from newsevents.duck import create_table_sql, dependency_order, quote_identifier, read_csv_sql
from newsevents.package import table_resources
from validation.report import CheckResult, Failure

LAYER = "duckdb-sql"
SQL_DIR = Path(__file__).parent / "sql"
HEADER = re.compile(r"^--\s*(\w+):\s*(.*)$", re.MULTILINE)


def sql_checks(sql_dir: Path = SQL_DIR) -> list[tuple[Path, dict[str, str], str]]:
    checks = []
    for path in sorted(sql_dir.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        checks.append((path, dict(HEADER.findall(text)), text))
    return checks


def _load(package_dir: Path) -> tuple[duckdb.DuckDBPyConnection, list[Failure]]:
    """Every table typed, but without keys or constraints: a broken package must load so that the checks
    can name its rows. A table that does not load is named with DuckDB's reason."""
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    con = duckdb.connect()
    failures = []
    for resource in dependency_order(table_resources(descriptor)):
        name, schema = resource["name"], resource["schema"]
        try:
            con.execute(create_table_sql(name, schema, constraints=False))
            con.execute(f"INSERT INTO {quote_identifier(name)} {read_csv_sql(package_dir / resource['path'], schema)}")
        except duckdb.Error as exc:
            reason = " ".join(str(exc).split("\n", 2)[:2])
            failures.append(Failure(name, "(load)", "every table loads with its types", reason))
    return con, failures


def check(package_dir: Path) -> list[CheckResult]:
    con, failures = _load(package_dir)
    if failures:
        return [CheckResult(LAYER, "load the package", "every table loads with its types", failures)]
    results = []
    for path, header, sql in sql_checks():
        name = header.get("check", path.stem)
        rule = header.get("rule", path.stem)
        try:
            rows = con.sql(sql).fetchall()
            failures = [Failure(table, key, rule, evidence) for table, key, evidence in rows]
        except duckdb.Error as exc:
            failures = [Failure("(query)", path.name, rule, f"the check could not run: {exc}")]
        results.append(CheckResult(LAYER, name, f"{path.name}: {rule}", failures))
    return results
