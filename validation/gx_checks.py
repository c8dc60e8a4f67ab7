"""Layer 3, Great Expectations: the suites in ``validation/expectations/`` run on every table.

Without ``docs_dir`` the run uses an ephemeral context (fast, nothing written). With it, a file context
is created in that folder and a checkpoint writes Data Docs to
``<docs_dir>/gx/uncommitted/data_docs/local_site/index.html``. Data Docs load CSS from CDNs and carry
timestamps, so they are never committed (``validation/reports/`` is ignored by git).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

from newsevents.package import table_resources
from validation.gx_suites import suites_for
from validation.pandera_checks import read_table
from validation.report import CheckResult, Failure

LAYER = "great-expectations"
DATA_DOCS = Path("gx") / "uncommitted" / "data_docs" / "local_site" / "index.html"


def _suite(definition: dict) -> gx.ExpectationSuite:
    expectations = [
        ExpectationConfiguration(
            type=e["type"], kwargs=e["kwargs"], meta=e.get("meta", {}), severity=e.get("severity", "critical")
        ).to_domain_obj()
        for e in definition["expectations"]
    ]
    return gx.ExpectationSuite(name=definition["name"], expectations=expectations)


def _context(docs_dir: Path | None):
    context = (
        gx.get_context(mode="file", project_root_dir=str(docs_dir)) if docs_dir else gx.get_context(mode="ephemeral")
    )
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


def _failures(table: str, result, df, key: list[str]) -> list[Failure]:
    config = result.expectation_config
    kwargs = config.kwargs
    columns = [kwargs.get("column"), *(kwargs.get("column_list") or []), kwargs.get("column_A"), kwargs.get("column_B")]
    column = ", ".join(c for c in columns if c)
    rule = f"{config.type}({column})" if column else config.type
    indexes = result.result.get("unexpected_index_list") or []
    values = result.result.get("unexpected_list") or []
    if not indexes:
        observed = result.result.get("observed_value")
        return [Failure(table, "(table)", rule, f"observed {observed!r}" if observed is not None else "failed")]
    failures = []
    for index, value in zip(indexes, values or [None] * len(indexes), strict=False):
        row = df.loc[index] if index in df.index else None
        row_key = ", ".join(f"{k}={row[k]}" for k in key) if row is not None and key else f"row {index}"
        failures.append(Failure(table, row_key, rule, f"unexpected value {_plain(value)}"))
    return failures


def _plain(value: object) -> str:
    if isinstance(value, tuple | list):
        return "(" + ", ".join(_plain(v) for v in value) + ")"
    return repr(value.item() if hasattr(value, "item") else value)


def check(package_dir: Path, docs_dir: Path | None = None) -> list[CheckResult]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    context = _context(docs_dir)
    source = context.data_sources.add_or_update_pandas("package")
    results = []
    for resource in table_resources(descriptor):
        name, schema = resource["name"], resource["schema"]
        try:
            df = read_table(package_dir / resource["path"], schema)
        except ValueError as exc:  # the CSV does not parse: the pandera layer names the problem
            failures = [Failure(name, "(file)", "the CSV parses", str(exc).strip().splitlines()[0])]
            results.append(CheckResult(LAYER, f"{name} suites", f"the suites on {name}", failures))
            continue
        batch_definition = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("whole table")
        for definition in suites_for(name, schema):
            suite = _suite(definition)
            if docs_dir:
                suite = context.suites.add_or_update(suite)
                validation = context.validation_definitions.add_or_update(
                    gx.ValidationDefinition(name=definition["name"], data=batch_definition, suite=suite)
                )
                checkpoint = context.checkpoints.add_or_update(
                    gx.Checkpoint(
                        name=definition["name"],
                        validation_definitions=[validation],
                        result_format="COMPLETE",
                        actions=[gx.checkpoint.UpdateDataDocsAction(name="data docs")],
                    )
                )
                run = checkpoint.run(batch_parameters={"dataframe": df})
                outcome = next(iter(run.run_results.values()))
            else:
                outcome = batch_definition.get_batch(batch_parameters={"dataframe": df}).validate(
                    suite, result_format="COMPLETE"
                )
            failures, warnings = [], []
            for r in outcome.results:
                if not r.success:
                    found = _failures(name, r, df, schema.get("primaryKey", []))
                    (warnings if r.expectation_config.severity == "warning" else failures).extend(found)
            results.append(
                CheckResult(
                    LAYER, f"{definition['name']} suite", f"{len(outcome.results)} expectations on {name}", failures
                )
            )
            if warnings:
                results.append(
                    CheckResult(LAYER, f"{definition['name']} warnings", "demoted expectations", warnings, warning=True)
                )
    return results
