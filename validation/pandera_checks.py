"""Layer 2, pandera: a model per table generated from its Table Schema, plus the rules that are natural on
a dataframe.

The column part of each model (type, required, unique, enum, minimum, maximum, pattern, minimum length)
and the primary key are derived from the schema in ``datapackage.json`` (itself copied from ``schemas/``):
nothing about a column is written twice. :data:`ROW_RULES` adds the rules across columns.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from newsevents.package import table_resources
from validation.report import CheckResult, Failure

LAYER = "pandera"
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "datetime64[ns]"}


def _column(field: dict) -> pa.Column:
    c = field.get("constraints", {})
    checks = []
    if "enum" in c:
        checks.append(pa.Check.isin(c["enum"], name=f"one of {c['enum']}"))
    if "minimum" in c:
        checks.append(pa.Check.ge(c["minimum"], name=f">= {c['minimum']}"))
    if "maximum" in c:
        checks.append(pa.Check.le(c["maximum"], name=f"<= {c['maximum']}"))
    if "pattern" in c:
        checks.append(pa.Check.str_matches(f"^(?:{c['pattern']})$", name=f"matches {c['pattern']}"))
    if "minLength" in c:
        checks.append(pa.Check.str_length(min_value=c["minLength"], name=f"length >= {c['minLength']}"))
    return pa.Column(
        DTYPES[field.get("type", "string")],
        checks=checks,
        nullable=not c.get("required", False),
        unique=bool(c.get("unique")),
        required=True,
    )


def _window_fits(df: pd.DataFrame) -> pd.Series:
    start, end, precision = df["date_start"], df["date_end"], df["date_precision"]
    width = (end - start).dt.days
    same_month = (start.dt.year == end.dt.year) & (start.dt.month == end.dt.month)
    return (
        ((precision == "day") & (width == 0))
        | ((precision == "week") & width.between(0, 7))
        | ((precision == "month") & same_month)
        | ((precision == "year") & (start.dt.year == end.dt.year))
        | (precision == "range")
    )


def _ordered(*columns: str) -> Callable[[pd.DataFrame], pd.Series]:
    """Each column no greater than the next, wherever both are given."""

    def check(df: pd.DataFrame) -> pd.Series:
        ok = pd.Series(True, index=df.index)
        for a, b in itertools.pairwise(columns):
            ok &= (df[a].isna() | df[b].isna() | (df[a] <= df[b])).astype(bool)
        return ok

    return check


SPAN = ("a span starts before it ends", lambda df: df["start"] < df["end"])

#: Per table: (rule, check returning a boolean Series, True where the row holds).
ROW_RULES: dict[str, list[tuple[str, Callable[[pd.DataFrame], pd.Series]]]] = {
    "sentences": [SPAN],
    "mentions": [SPAN],
    "event_mentions": [
        SPAN,
        ("date_start <= date_end", _ordered("date_start", "date_end")),
        (
            "a mention's date window comes with its date words",
            lambda df: df["date_start"].isna() == df["date_text"].isna(),
        ),
    ],
    "claims": [
        SPAN,
        ("value_low <= value_high", _ordered("value_low", "value_high")),
        (
            "an exact figure has value_low = value_high",
            lambda df: (df["qualifier"] != "exact") | (df["value_low"] == df["value_high"]),
        ),
        (
            "at_least and more_than figures have no upper bound",
            lambda df: ~df["qualifier"].isin(["at_least", "more_than"]) | df["value_high"].isna(),
        ),
        (
            "a revised figure is the only kind that points to the one it revises",
            lambda df: df["revises_claim_id"].isna() | (df["status"] == "revised"),
        ),
    ],
    "events": [
        (
            "fatalities_low <= fatalities_best <= fatalities_high",
            _ordered("fatalities_low", "fatalities_best", "fatalities_high"),
        ),
        ("injured_low <= injured_best <= injured_high", _ordered("injured_low", "injured_best", "injured_high")),
        ("date_start <= date_end", _ordered("date_start", "date_end")),
        (
            "the window from date_start to date_end fits date_precision (a day, at most 7 days, one month, one year)",
            _window_fits,
        ),
        ("first_reported <= last_reported", _ordered("first_reported", "last_reported")),
        (
            "a best figure comes with its lower bound (a vague toll has bounds and no best figure)",
            lambda df: df["fatalities_best"].isna() | df["fatalities_low"].notna(),
        ),
        (
            "only attacks have a mode outside protests",
            lambda df: df["event_mode"].isna() | df["event_type"].isin(["assault", "protest"]),
        ),
    ],
    "contradictions": [
        (
            "a date conflict is about the date field",
            lambda df: (df["kind"] == "date_conflict") == (df["field"] == "date"),
        ),
        (
            "a disagreement between figures cites both claims",
            lambda df: (df["kind"] == "date_conflict") | (df["claim_a_id"].notna() & df["claim_b_id"].notna()),
        ),
    ],
}


def model(name: str, schema: dict) -> pa.DataFrameSchema:
    """The pandera model of one table: columns and key from its Table Schema, rows from :data:`ROW_RULES`."""
    checks = [pa.Check(fn, name=rule, error=rule) for rule, fn in ROW_RULES.get(name, [])]
    return pa.DataFrameSchema(
        {f["name"]: _column(f) for f in schema["fields"]},
        checks=checks,
        unique=schema.get("primaryKey") or None,
        strict=True,
        ordered=True,
        name=name,
    )


def read_table(path: Path, schema: dict) -> pd.DataFrame:
    """A CSV as the schema types it (booleans from ``true``/``false``, dates from ISO text, integers within
    64 bits); a cell that is not of its type is empty here (:func:`type_failures` reports it)."""
    df = read_text(path)
    for field in schema["fields"]:
        name = field["name"]
        if name in df:
            df[name] = _typed(df[name], field.get("type", "string"))
    return df


def read_text(path: Path) -> pd.DataFrame:
    """The CSV's cells as text, empty cells as missing."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")


INT64 = range(-(2**63), 2**63)
INTEGER = re.compile(r"[+-]?\d+")


def _integer(value: object) -> int | None:
    """An integer's value, if the cell is one that fits in 64 bits (what DuckDB and pandas hold)."""
    if not isinstance(value, str) or not INTEGER.fullmatch(value) or len(value) > 21:
        return None
    number = int(value)
    return number if number in INT64 else None


def _typed(column: pd.Series, kind: str) -> pd.Series:
    if kind == "boolean":
        return column.map({"true": True, "false": False}).astype("boolean")
    if kind == "date":
        return pd.to_datetime(column, format="%Y-%m-%d", errors="coerce")
    if kind == "integer":
        return pd.Series(pd.array([_integer(v) for v in column], dtype="Int64"), index=column.index)
    if kind == "number":
        return pd.to_numeric(column, errors="coerce").astype("Float64")
    return column.astype("string")


TYPE_RULES = {
    "integer": "an integer cell holds a whole number within 64 bits",
    "number": "a number cell holds a number",
    "boolean": "a boolean cell holds true or false",
    "date": "a date cell holds a real date as YYYY-MM-DD",
}


def type_failures(name: str, schema: dict, text: pd.DataFrame, typed: pd.DataFrame) -> list[Failure]:
    """A failure for every non-empty cell that :func:`read_table` could not read as its type."""
    key = schema.get("primaryKey", [])
    failures = []
    for field in schema["fields"]:
        column, kind = field["name"], field.get("type", "string")
        if kind not in TYPE_RULES or column not in text:
            continue
        unread = text[column].notna() & typed[column].isna()
        for index in text.index[unread]:
            failures.append(
                Failure(name, _row_key(text, index, key), TYPE_RULES[kind], f"{column}: {text.at[index, column]}")
            )
    return failures


def _values(df: pd.DataFrame, index: object, rule: str) -> str:
    if index is None or pd.isna(index) or index not in df.index:
        return rule
    named = [c for c in df.columns if c in rule.replace("=", " ").replace("<", " ").split()]
    row = df.loc[index]
    return ", ".join(f"{c}={row[c]}" for c in named) or "the row breaks the rule"


def _row_key(df: pd.DataFrame, index: object, key: list[str]) -> str:
    if index is None or pd.isna(index) or index not in df.index:
        return "(table)"
    row = df.loc[index]
    return ", ".join(f"{k}={row[k]}" for k in key) if key else f"row {int(index) + 2}"


def check(package_dir: Path) -> list[CheckResult]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [_check_table(package_dir, resource) for resource in table_resources(descriptor)]


def _check_table(package_dir: Path, resource: dict) -> CheckResult:
    name, schema = resource["name"], resource["schema"]
    try:
        text = read_text(package_dir / resource["path"])
    except ValueError as exc:  # pandas' parser errors: unbalanced quotes, a ragged row
        failures = [Failure(name, "(file)", "the CSV parses", str(exc).strip().splitlines()[0])]
        return CheckResult(LAYER, f"{name} model", "types, constraints and row rules from the schema", failures)
    df = text.copy()
    for field in schema["fields"]:
        if field["name"] in df:
            df[field["name"]] = _typed(df[field["name"]], field.get("type", "string"))
    failures = type_failures(name, schema, text, df)
    try:
        model(name, schema).validate(df, lazy=True)
    except SchemaErrors as errors:
        failures += _schema_failures(name, schema, df, errors)
    return CheckResult(
        LAYER,
        f"{name} model",
        "types, constraints and row rules from the schema",
        sorted(set(failures), key=lambda f: (f.row, f.rule, f.evidence)),
    )


def _schema_failures(name: str, schema: dict, df: pd.DataFrame, errors: SchemaErrors) -> list[Failure]:
    key = schema.get("primaryKey", [])
    failures = []
    for case in errors.failure_cases.itertuples(index=False):
        rule = str(case.check)
        row_rule = any(rule == r for r, _ in ROW_RULES.get(name, []))
        if row_rule:  # reported once per row, with the values of the columns the rule names
            evidence = _values(df, case.index, rule)
        else:
            evidence = (
                f"{case.column}: {case.failure_case!s}" if isinstance(case.column, str) else str(case.failure_case)
            )
        failures.append(Failure(name, _row_key(df, case.index, key), rule, evidence))
    return failures
