"""The README: two commands first, a data dictionary that matches the schemas and the data, query examples
and a timeline that match the committed package."""

from __future__ import annotations

from datetime import date

import yaml
from matplotlib.image import imread

from newsevents import REPO_ROOT, project_version
from newsevents.docs import BEGIN, END, FIGURE, QUERIES_BEGIN, QUERIES_END, data_dictionary, query_examples, query_files
from newsevents.duck import connect
from newsevents.figure import timeline
from newsevents.publish import changelog_dates
from newsevents.schemas import package_meta, table_schemas

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


def test_query_examples_in_the_readme_are_current():
    text = README.read_text(encoding="utf-8")
    section = text[text.index(QUERIES_BEGIN) : text.index(QUERIES_END) + len(QUERIES_END)]
    assert section == query_examples(), "run `nox -s docs` and commit README.md"
    for path in query_files():
        assert f"(queries/{path.name})" in section


def test_readme_shows_the_timeline_and_how_to_download_check_and_query_a_release():
    text = README.read_text(encoding="utf-8")
    first_screen = text[: text.index("## What this is")]
    assert "![" in first_screen and "(docs/timeline.png)" in first_screen
    shell, tool = first_screen.split("**Just want the data?**")[1].split("```sh\n")[1:3]
    shell = shell.split("```")[0].strip().splitlines()
    assert "releases/latest/download/" in shell[1] and "sha256sum -c" in shell[2]
    assert "unzip" in shell[3] and "duckdb.connect(" in shell[4]
    assert tool.split("```")[0].strip().splitlines()[0].startswith("newsevents download ")
    # tests/test_quickstart.py runs both blocks on a served release


def test_citation_gives_the_version_its_release_date_and_the_code():
    citation = yaml.safe_load((REPO_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    dates = changelog_dates((REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert citation["version"] == project_version()
    assert citation["date-released"] == dates[project_version()]
    assert citation["repository-code"] == package_meta()["homepage"]
    assert citation["title"] == package_meta()["title"]
    assert {"cff-version", "message", "type", "authors", "license"} <= set(citation)


def test_every_released_version_in_the_changelog_is_dated():
    dates = changelog_dates((REPO_ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert project_version() in dates
    undated = [version for version, day in dates.items() if version != "Unreleased" and day is None]
    assert not undated, f"CHANGELOG.md: date these sections: {undated}"
    released = [date.fromisoformat(day) for version, day in dates.items() if day]
    assert released == sorted(released, reverse=True)  # newest first


def test_committed_timeline_is_what_the_committed_package_draws(tmp_path):
    con = connect(REPO_ROOT)
    drawn = timeline(con, tmp_path / "a.png")
    again = timeline(con, tmp_path / "b.png")
    assert drawn.read_bytes() == again.read_bytes()  # no clock, no run-dependent metadata
    committed, fresh = imread(FIGURE), imread(drawn)
    # Pixels rather than bytes: zlib may pack the same image differently on another machine.
    assert committed.shape == fresh.shape and abs(committed - fresh).mean() < 0.01, "run `nox -s docs`"


def test_workflows_check_every_push_and_publish_on_a_version_tag():
    ci = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    release = yaml.safe_load((REPO_ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as the boolean True.
    assert {"push", "pull_request"} <= set(ci[True])
    assert release[True] == {"push": {"tags": ["v*"]}}

    def runs(workflow: dict) -> str:
        return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])

    assert "bash .ci/run" in runs(ci)
    release_runs = runs(release)
    assert release_runs.index("bash .ci/run") < release_runs.index("nox -s publish") < release_runs.index("gh release")
    assert "GITHUB_REF_NAME" in release_runs and "project']['version']" in release_runs
