"""Run the data checks on a built package, layer by layer, and summarise them.

Layers (each in its own module, each doing what it is best at):

``structure``
    always first: the descriptor is readable and lists each table once with its schema, and every file
    is there. If not, the other layers are not run (they could not read the package) and say so.
``frictionless``
    structure, types, keys, foreign keys, bytes and hashes of the published files.
``pandera``
    a model per table derived from its Table Schema, plus rules across columns (bounds, windows).
``great-expectations``
    the suites in ``validation/expectations/`` (a baseline generated from the schemas, and hand-written
    expectations about the data), with Data Docs when a folder is given.
``duckdb-sql``
    cross-table checks kept as ``.sql`` files in ``validation/sql/`` (spans match the body, ...).
``derived``
    every value the build derives from the articles that SQL cannot recompute: word counts, and the
    contradictions the rules of :mod:`validation.contradictions` find.

A layer that stops on something unforeseen is reported as a failed check naming the layer and the error,
never as a traceback: ``validate`` exists to report on broken packages.

Later layers plug in by adding a module with ``LAYER`` and ``check(package_dir) -> list[CheckResult]``
to ``LAYERS`` below.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path

from validation.report import CheckResult, Failure, Report

LAYERS: dict[str, str] = {
    "frictionless": "validation.frictionless_checks",
    "pandera": "validation.pandera_checks",
    "great-expectations": "validation.gx_checks",
    "duckdb-sql": "validation.sql_checks",
    "derived": "validation.derived_checks",
}


def run(package_dir: Path, layers: Sequence[str] | None = None, docs_dir: Path | None = None) -> Report:
    """Run ``layers`` (all when None; none but the structure when empty) on a package; ``docs_dir``
    receives Great Expectations' Data Docs."""
    from validation import structure

    report = Report(package=str(package_dir))
    report.extend(structure.check(package_dir))
    readable = report.ok
    unknown = [name for name in layers or () if name not in LAYERS]
    if unknown:
        raise ValueError(f"unknown layers {unknown}; the layers are {', '.join(LAYERS)}")
    for name in LAYERS if layers is None else layers:
        if not readable:
            report.extend([CheckResult(name, "not run", "the package's structure must hold first", skipped=True)])
            continue
        report.extend(_run_layer(name, package_dir, docs_dir))
    return report


def _run_layer(name: str, package_dir: Path, docs_dir: Path | None) -> list[CheckResult]:
    extra = {"docs_dir": docs_dir} if name == "great-expectations" and docs_dir else {}
    try:
        return importlib.import_module(LAYERS[name]).check(package_dir, **extra)
    except Exception as exc:  # reported, not raised: see the module docstring
        evidence = f"{type(exc).__name__}: {exc}"
        return [
            CheckResult(
                name, "the layer ran to the end", "", [Failure("(package)", f"({name})", "layer ran", evidence)]
            )
        ]
