"""Layer 1, frictionless: structure, types, constraints, keys, foreign keys, bytes and hashes."""

from __future__ import annotations

from pathlib import Path

import frictionless

from validation.report import CheckResult, Failure

LAYER = "frictionless"


def _row_key(error: dict, labels: list[str], primary_key: list[str]) -> str:
    cells = error.get("cells")
    if cells and primary_key and all(k in labels for k in primary_key):
        return ", ".join(f"{k}={cells[labels.index(k)]}" for k in primary_key if labels.index(k) < len(cells))
    if "rowNumber" in error:
        return f"row {error['rowNumber']}"
    return "(file)"


def check(package_dir: Path) -> list[CheckResult]:
    descriptor = package_dir / "datapackage.json"
    package = frictionless.Package(str(descriptor))
    report = package.validate().to_descriptor()
    results = []
    if report["errors"]:
        results.append(
            CheckResult(
                LAYER,
                "package descriptor",
                "datapackage.json is a valid data package",
                [Failure("(package)", "(descriptor)", e["type"], e["message"]) for e in report["errors"]],
            )
        )
    keys = {r.name: list(r.schema.primary_key) if r.schema else [] for r in package.resources}
    for task in report["tasks"]:
        table = task["name"]
        failures = [
            Failure(
                table,
                _row_key(e, task.get("labels", []), keys.get(table, [])),
                e["type"],
                e.get("note") or e["message"],
            )
            for e in task["errors"]
        ]
        results.append(
            CheckResult(
                LAYER,
                f"{table} table",
                f"{task['place']}: schema, keys, foreign keys, bytes and hash",
                failures,
            )
        )
    return results
