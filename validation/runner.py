"""Run the data checks on a built package, layer by layer, and summarise them.

Layers (each in its own module, each doing what it is best at):

``frictionless``
    structure, types, keys, foreign keys, bytes and hashes of the published files.
``pandera``
    a model per table derived from its Table Schema, plus rules across columns (bounds, windows).
``great-expectations``
    the suites in ``validation/expectations/`` (a baseline generated from the schemas, and hand-written
    expectations about the data), with Data Docs when a folder is given.
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
    "pandera": "validation.pandera_checks",
    "great-expectations": "validation.gx_checks",
    "duckdb-sql": "validation.sql_checks",
}


def run(package_dir: Path, layers: Sequence[str] | None = None, docs_dir: Path | None = None) -> Report:
    """Run ``layers`` (all by default) on a package; ``docs_dir`` receives Great Expectations' Data Docs."""
    report = Report(package=str(package_dir))
    for name in layers or LAYERS:
        module = importlib.import_module(LAYERS[name])
        extra = {"docs_dir": docs_dir} if name == "great-expectations" and docs_dir else {}
        report.extend(module.check(package_dir, **extra))
    return report
