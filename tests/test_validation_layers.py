"""The four layers of data checks: the real package passes; each broken package fails, naming table, row
and rule, through the command line that CI runs."""

from __future__ import annotations

import json
import shutil

import pytest
from broken import CORPUS, restamp

from newsevents.cli import main
from newsevents.schemas import table_schemas
from validation.gx_suites import BASELINE_DIR, baseline, suite_json
from validation.pandera_checks import model
from validation.runner import LAYERS, run


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("data-docs") / "docs"


@pytest.fixture(scope="module")
def full_report(seeds_package, docs_dir):
    """Every layer on the seeds package, writing the Great Expectations Data Docs into ``docs_dir`` (one run
    of the slowest layer for the tests of both)."""
    return run(seeds_package, docs_dir=docs_dir)


def test_the_seeds_package_passes_every_layer(full_report):
    assert full_report.ok, full_report.summary()
    assert {r.layer for r in full_report.results} == {"structure", *LAYERS}


def test_the_corpus_of_broken_packages_holds_at_least_40_distinct_faults():
    assert len({c.name for c in CORPUS}) == len(CORPUS) >= 40
    assert len({c.breaks for c in CORPUS}) == len(CORPUS)  # each case breaks the package its own way


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_each_broken_package_fails_with_table_row_and_rule(case, seeds_package, tmp_path, capsys):
    package = tmp_path / "package"
    shutil.copytree(seeds_package, package)
    row = case.breaks(package) or case.row
    if case.restamp:
        restamp(package)

    status = main(
        ["validate", "--package", str(package), "--layers", case.layers, "--json", str(tmp_path / "summary.json")]
    )

    out, err = capsys.readouterr()
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("error: ") and "fails its checks" in err
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["valid"] is False
    failures = [f for c in summary["checks"] for f in c["failures"]]
    matching = [f for f in failures if f["table"] == case.table and row in f["row"] and case.rule in f["rule"]]
    assert matching, f"no failure names {case.table} / {row} / {case.rule}:\n{out}"
    assert case.table in out and case.rule in out  # the same, readable on screen


def test_pandera_models_are_derived_from_the_schemas():
    for schema in table_schemas():
        pandera_model = model(schema.name, schema.descriptor)
        assert list(pandera_model.columns) == schema.field_names
        for field in schema.fields:
            required = field.get("constraints", {}).get("required", False)
            assert pandera_model.columns[field["name"]].nullable is not required


def test_committed_expectation_baselines_are_what_the_schemas_give():
    for schema in table_schemas():
        committed = (BASELINE_DIR / f"{schema.name}.json").read_text(encoding="utf-8")
        assert committed == suite_json(baseline(schema.name, schema.descriptor)), (
            f"run `python -m validation.gx_suites` ({schema.name})"
        )


def test_data_docs_are_written_where_asked(full_report, docs_dir):
    assert full_report.ok
    assert any(r.layer == "great-expectations" for r in full_report.results)
    assert (docs_dir / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html").exists()


def test_the_summary_lists_every_check_with_its_status(full_report, tmp_path):
    full_report.write_json(tmp_path / "summary.json")
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["valid"] is True
    assert len(summary["checks"]) == len(full_report.results)
    assert {c["status"] for c in summary["checks"]} <= {"pass", "warn"}
