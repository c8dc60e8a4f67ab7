"""Layer 2, pandera: a model per table generated from its Table Schema, plus the rules that are natural on
a dataframe.

The column part of each model (type, required, unique, enum, minimum, maximum, pattern, minimum length)
and the primary key are derived from the schema in ``datapackage.json`` (itself copied from ``schemas/``):
nothing about a column is written twice. :data:`ROW_RULES` adds the rules across columns.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

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
            "a best figure comes with its lower bound",
            lambda df: df["fatalities_best"].isna() == df["fatalities_low"].isna(),
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
    """A CSV as the schema types it (booleans from ``true``/``false``, dates from ISO text)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    for field in schema["fields"]:
        name, kind = field["name"], field.get("type", "string")
        if name not in df:
            continue
        if kind == "boolean":
            df[name] = df[name].map({"true": True, "false": False}).astype("boolean")
        elif kind == "date":
            df[name] = pd.to_datetime(df[name], format="%Y-%m-%d", errors="coerce")
        elif kind == "integer":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("Int64")
        elif kind == "number":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("Float64")
        else:
            df[name] = df[name].astype("string")
    return df


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
    results = []
    for resource in descriptor["resources"]:
        name, schema = resource["name"], resource["schema"]
        df = read_table(package_dir / resource["path"], schema)
        failures: list[Failure] = []
        try:
            model(name, schema).validate(df, lazy=True)
        except SchemaErrors as errors:
            key = schema.get("primaryKey", [])
            for case in errors.failure_cases.itertuples(index=False):
                rule = str(case.check)
                row_rule = any(rule == r for r, _ in ROW_RULES.get(name, []))
                if row_rule:  # reported once per row, with the values of the columns the rule names
                    evidence = _values(df, case.index, rule)
                else:
                    evidence = (
                        f"{case.column}: {case.failure_case!s}"
                        if isinstance(case.column, str)
                        else str(case.failure_case)
                    )
                failures.append(Failure(name, _row_key(df, case.index, key), rule, evidence))
        results.append(
            CheckResult(
                LAYER,
                f"{name} model",
                "types, constraints and row rules from the schema",
                sorted(set(failures), key=lambda f: (f.row, f.rule)),
            )
        )
    return results
