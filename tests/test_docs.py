"""The README: two commands first, and a data dictionary that matches the schemas and the data."""

from __future__ import annotations

from newsevents import REPO_ROOT
from newsevents.docs import BEGIN, END, data_dictionary
from newsevents.schemas import table_schemas

README = REPO_ROOT / "README.md"


def test_readme_opens_with_the_build_and_test_commands():
    lines = README.read_text(encoding="utf-8").splitlines()[:6]
    assert any("nox -s build" in line for line in lines)
    assert any("nox -s tests" in line for line in lines)


def test_data_dictionary_is_current():
    text = README.read_text(encoding="utf-8")
    section = text[text.index(BEGIN) : text.index(END) + len(END)]
    assert section == data_dictionary(), "run `nox -s docs` and commit README.md"


def test_data_dictionary_names_every_field():
    dictionary = data_dictionary()
    for schema in table_schemas():
        assert f"### `{schema.name}`" in dictionary
        for field in schema.field_names:
            assert f"| `{field}` |" in dictionary


def test_ci_runs_the_readme_test_command_and_lint():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install" in ci and "nox" in ci
    assert "tests" in ci and "lint" in ci
