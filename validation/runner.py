"""Run the data checks on a built package, layer by layer, and summarise them.

Layers (each in its own module, each doing what it is best at):

``frictionless``
    structure, types, keys, foreign keys, bytes and hashes of the published files.
``duckdb-sql``
    cross-table checks kept as ``.sql`` files in ``validation/sql/`` (spans match the body, ...).

Later layers plug in by adding a module with ``LAYER`` and ``check(package_dir) -> list[CheckResult]``
to ``LAYERS`` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from validation.report import Report

LAYERS: dict[str, str] = {
    "frictionless": "validation.frictionless_checks",
    "duckdb-sql": "validation.sql_checks",
}


def run(package_dir: Path, layers: Sequence[str] | None = None) -> Report:
    report = Report(package=str(package_dir))
    for name in layers or LAYERS:
        module = importlib.import_module(LAYERS[name])
        report.extend(module.check(package_dir))
    return report
