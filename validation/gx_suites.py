"""Great Expectations suites, kept as files in ``validation/expectations/``.

* ``baseline/<table>.json`` is generated from the table's schema (``python -m validation.gx_suites``):
  column order, required, unique, primary key, enums, bounds, patterns, lengths. A test checks that the
  committed files are what the schemas give, so a schema change cannot leave them behind.
* ``<table>.json`` holds hand-written expectations about the data rather than its shape (distributions,
  relations between columns), each with a dated reason in ``meta``; ``"severity": "warning"`` marks a
  check that reports without failing the run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsevents.schemas import table_schemas

EXPECTATIONS_DIR = Path(__file__).parent / "expectations"
BASELINE_DIR = EXPECTATIONS_DIR / "baseline"


def _expect(type_: str, **kwargs: object) -> dict:
    return {"type": type_, "kwargs": kwargs, "meta": {"from": "schema"}}


def baseline(name: str, schema: dict) -> dict:
    """The expectation suite a table's schema implies."""
    expectations = [
        _expect("expect_table_columns_to_match_ordered_list", column_list=[f["name"] for f in schema["fields"]])
    ]
    key = schema.get("primaryKey", [])
    if len(key) > 1:
        expectations.append(_expect("expect_compound_columns_to_be_unique", column_list=key))
    for f in schema["fields"]:
        column, c = f["name"], f.get("constraints", {})
        if c.get("required"):
            expectations.append(_expect("expect_column_values_to_not_be_null", column=column))
        if c.get("unique") or key == [column]:
            expectations.append(_expect("expect_column_values_to_be_unique", column=column))
        if "enum" in c:
            expectations.append(_expect("expect_column_values_to_be_in_set", column=column, value_set=c["enum"]))
        if "minimum" in c or "maximum" in c:
            expectations.append(
                _expect(
                    "expect_column_values_to_be_between",
                    column=column,
                    min_value=c.get("minimum"),
                    max_value=c.get("maximum"),
                )
            )
        if "pattern" in c:
            expectations.append(
                _expect("expect_column_values_to_match_regex", column=column, regex=f"^(?:{c['pattern']})$")
            )
        if "minLength" in c:
            expectations.append(
                _expect("expect_column_value_lengths_to_be_between", column=column, min_value=c["minLength"])
            )
    return {"name": f"{name}.baseline", "expectations": expectations}


def suite_json(suite: dict) -> str:
    return json.dumps(suite, indent=2, ensure_ascii=False) + "\n"


def write_baselines(out_dir: Path = BASELINE_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for schema in table_schemas():
        path = out_dir / f"{schema.name}.json"
        path.write_text(suite_json(baseline(schema.name, schema.descriptor)), encoding="utf-8")
        written.append(path)
    return written


def suites_for(name: str, schema: dict, directory: Path = EXPECTATIONS_DIR) -> list[dict]:
    """The suites run on one table: the committed baseline (or, for a table it does not know, the one the
    package's own schema gives) and the hand-written one."""
    committed = directory / "baseline" / f"{name}.json"
    suites = [json.loads(committed.read_text(encoding="utf-8")) if committed.exists() else baseline(name, schema)]
    custom = directory / f"{name}.json"
    if custom.exists():
        suites.append(json.loads(custom.read_text(encoding="utf-8")))
    return suites


if __name__ == "__main__":
    for path in write_baselines():
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    sys.exit(0)
