"""Layer 1, frictionless: structure, types, constraints, keys, foreign keys, bytes and hashes.

Frictionless reads every cell of every table in Python, and for each foreign key it reads the table the
key points to again (the ``mentions`` table reads ``articles``, ``sentences`` and ``entities`` once more): on
a large package this layer is most of the checks' time. The tables are independent of one another once the
descriptor is valid, so each table's validation (``Resource.validate`` inside the package, exactly what
``Package.validate`` runs for it, foreign keys included) runs in its own task over the machine's cores, the
largest tables first; the report is put back in the descriptor's order, the same report as one process
gives. ``Package.validate(parallel=True)`` would not do: frictionless refuses it when a table has foreign keys.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import current_process, get_context
from pathlib import Path

import frictionless
from frictionless import FrictionlessException

from validation.report import CheckResult, Failure

LAYER = "frictionless"
#: Below this many bytes of tables, starting processes costs more than it saves: one process checks them.
PARALLEL_FROM_BYTES = 8 * 2**20


def _row_key(error: dict, labels: list[str], primary_key: list[str]) -> str:
    cells = error.get("cells")
    if cells and primary_key and all(k in labels for k in primary_key):
        return ", ".join(f"{k}={cells[labels.index(k)]}" for k in primary_key if labels.index(k) < len(cells))
    if "rowNumber" in error:
        return f"row {error['rowNumber']}"
    return "(file)"


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _validate_table(descriptor: str, name: str) -> dict:
    """One table's report, as ``Package.validate`` makes it (the package is read again in this process)."""
    return frictionless.Package(descriptor).get_resource(name).validate().to_descriptor()


def validate(descriptor: Path, workers: int | None = None, parallel_from: int = PARALLEL_FROM_BYTES) -> dict:
    """The report of ``Package.validate`` on ``descriptor`` (its errors and one task per table, in order),
    with the tables validated on ``workers`` processes (default: every core) when they hold at least
    ``parallel_from`` bytes."""
    package = frictionless.Package(str(descriptor))
    try:
        package.to_descriptor(validate=True)  # as Package.validate does first: a bad descriptor is the report
    except FrictionlessException as exc:
        return {"valid": False, "errors": [e.to_descriptor() for e in exc.to_errors()], "tasks": []}
    names = [r.name for r in package.resources]
    workers = min(workers or _cores(), len(names))
    small = sum(_size(descriptor.parent, r) for r in package.resources) < parallel_from
    if workers <= 1 or small or current_process().daemon:  # a daemon (a pool's worker) may not start processes
        reports = {name: package.get_resource(name).validate().to_descriptor() for name in names}
    else:
        largest_first = sorted(names, key=lambda n: -_size(descriptor.parent, package.get_resource(n)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            done = pool.map(_validate_table, [str(descriptor)] * len(names), largest_first)
            reports = dict(zip(largest_first, done, strict=True))
    tasks = [task for name in names for task in reports[name]["tasks"]]
    errors = [error for name in names for error in reports[name]["errors"]]
    return {"valid": not errors and all(t["valid"] for t in tasks), "errors": errors, "tasks": tasks}


def _size(root: Path, resource: frictionless.Resource) -> int:
    path = root / str(resource.path) if isinstance(resource.path, str) else None
    return path.stat().st_size if path is not None and path.is_file() else 0


def check(package_dir: Path) -> list[CheckResult]:
    descriptor = package_dir / "datapackage.json"
    package = frictionless.Package(str(descriptor))
    report = validate(descriptor)
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
