"""The ``newsevents`` command: its version, its help, and ``query`` in every format, to the screen or a file."""

from __future__ import annotations

import csv
import io
import json

import pytest

from newsevents import project_version
from newsevents.cli import main

COMMANDS = ("build", "validate", "query", "publish", "download", "bench")
SQL = "SELECT event_id, date_start, is_aggregate, fatalities_best FROM events ORDER BY event_id LIMIT 4"


def test_version_is_the_projects(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"newsevents {project_version()}\n"


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("usage: newsevents ")
    for command in COMMANDS:
        assert f"\n    {command} " in out, command


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_help(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: newsevents {command}")


def test_query_as_csv_gives_every_row_as_the_package_writes_cells(seeds_package, capsys):
    assert main(["query", SQL, "--package", str(seeds_package), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and list(rows[0]) == ["event_id", "date_start", "is_aggregate", "fatalities_best"]
    assert {r["is_aggregate"] for r in rows} <= {"true", "false"}
    assert all(len(r["date_start"]) == 10 for r in rows)
    assert "NULL" not in out and "│" not in out  # an unknown toll is an empty cell, and no table frame


def test_query_as_json_gives_objects_with_nulls(seeds_package, capsys):
    assert main(["query", SQL, "--package", str(seeds_package), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 4 and set(rows[0]) == {"event_id", "date_start", "is_aggregate", "fatalities_best"}
    assert all(isinstance(r["is_aggregate"], bool) for r in rows)
    assert all(r["fatalities_best"] is None or isinstance(r["fatalities_best"], int) for r in rows)


def test_query_as_a_table_is_duckdbs_rendering(seeds_package, capsys):
    assert main(["query", SQL, "--package", str(seeds_package)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("┌") and "event_id" in out and "SELECT" not in out  # the result, not the SQL


@pytest.mark.parametrize("form", ["table", "csv", "json"])
def test_query_output_goes_to_the_file_and_not_the_screen(form, seeds_package, tmp_path, capsys):
    target = tmp_path / f"result.{form}"
    assert main(["query", SQL, "--package", str(seeds_package), "--format", form, "--output", str(target)]) == 0
    out = capsys.readouterr().out
    assert out == f"wrote the result ({form}) to {target}\n"
    assert main(["query", SQL, "--package", str(seeds_package), "--format", form]) == 0
    assert target.read_text(encoding="utf-8") == capsys.readouterr().out


def test_a_json_result_without_rows_is_an_empty_array(seeds_package, capsys):
    assert main(["query", "SELECT * FROM events WHERE false", "--package", str(seeds_package), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_an_unwritable_output_is_one_line(seeds_package, tmp_path, capsys):
    target = tmp_path / "no-such-folder" / "result.csv"
    assert main(["query", SQL, "--package", str(seeds_package), "--format", "csv", "--output", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and "result.csv" in err


def test_a_sql_typo_is_duckdbs_message_on_one_line(seeds_package, capsys):
    assert main(["query", "SELEC event_id FROM events", "--package", str(seeds_package), "--format", "json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: query: Parser Error: syntax error at or near")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_bench_takes_its_own_options(capsys):
    with pytest.raises(SystemExit) as done:
        main(["bench", "--help"])
    assert done.value.code == 0
    assert "--articles" in capsys.readouterr().out
