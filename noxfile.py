"""Named targets: ``nox -s build``, ``validate``, ``tests``, ``lint``, ``query``, ``docs``, ``publish``,
``download``, ``bench``, ``fuzz``, ``lock``.

Every session installs the exact versions pinned in ``requirements.lock``; the sessions that run the tool
also install the project itself in editable mode (``pip install -e .``) and call its command, ``newsevents``,
which so runs the code of this checkout as it is. Commands that take paths run in the folder nox was
invoked from, so that ``--out out`` means ``./out`` there, not in the repository (nox itself changes to the
noxfile's folder).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
LOCK = ROOT / "requirements.lock"

nox.needs_version = ">=2024.10.9"  # session.run(..., log=False)
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests"]

ENV = {
    "PYTHONPATH": os.pathsep.join([str(ROOT / "build"), str(ROOT)]),
    "GX_ANALYTICS_ENABLED": "False",
    "UV_COMPILE_BYTECODE": "1",
}


def install_locked(session: nox.Session) -> None:
    session.install("-r", str(LOCK), env=ENV)


def install_tool(session: nox.Session) -> None:
    """The pinned dependencies and the project, editable: the ``newsevents`` command on this checkout."""
    install_locked(session)
    session.install("--no-deps", "-e", str(ROOT), env=ENV)


def locked(name: str) -> str:
    """``name==version`` as pinned in the lock file."""
    match = re.search(rf"^({re.escape(name)}==\S+)", LOCK.read_text(encoding="utf-8"), re.MULTILINE)
    if match is None:
        raise ValueError(f"{name} is not pinned in {LOCK.name}")
    return match.group(1)


def newsevents(session: nox.Session, *args: str, log: bool = True) -> None:
    """``newsevents ARGS`` in the folder nox was invoked from: relative paths are the user's. ``log=False``
    keeps nox from echoing the command line (the query session: the SQL, shell-quoted, before its result)."""
    with session.chdir(session.invoked_from):
        session.run("newsevents", *args, env=ENV, log=log)


@nox.session
def build(session: nox.Session) -> None:
    """Build the package from seeds/ into the repository and validate it (``-- --seeds DIR --out DIR``)."""
    install_tool(session)
    newsevents(session, "build", *session.posargs)


REPORTS = ROOT / "validation" / "reports"


@nox.session
def validate(session: nox.Session) -> None:
    """Run every data check on the package (``-- --package DIR``): a summary on screen, the same as JSON in
    validation/reports/summary.json, Great Expectations Data Docs in validation/reports/data-docs/."""
    install_tool(session)
    newsevents(
        session,
        "validate",
        "--json",
        str(REPORTS / "summary.json"),
        "--docs",
        str(REPORTS / "data-docs"),
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (``-- -m 'not slow'`` to skip the large-corpus tests)."""
    install_locked(session)
    session.run("pytest", *session.posargs, env=ENV)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and formatting."""
    session.install(locked("ruff"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def query(session: nox.Session) -> None:
    """Run DuckDB SQL on the typed tables: ``nox -s query -- "SELECT ..."`` (``--package DIR``, ``--format
    table|csv|json``, ``--output FILE`` optional)."""
    install_tool(session)
    if not session.posargs:
        session.error('give the SQL: nox -s query -- "SELECT count(*) FROM articles"')
    newsevents(session, "query", *session.posargs, log=False)


@nox.session
def docs(session: nox.Session) -> None:
    """Regenerate what is derived from the schemas and the package: the README's data dictionary and query
    examples, queries/expected/*.csv and docs/timeline.png."""
    install_tool(session)
    newsevents(session, "docs")


@nox.session
def publish(session: nox.Session) -> None:
    """Write the release archive dist/<name>-<version>.zip, the same as dist/<name>.zip, and their .sha256
    (``-- --package DIR --dist DIR``)."""
    install_tool(session)
    newsevents(session, "publish", *session.posargs)


@nox.session
def download(session: nox.Session) -> None:
    """Fetch a release, verify every file and unpack it: ``nox -s download -- URL_OR_PATH [--out DIR]``."""
    install_tool(session)
    if not session.posargs:
        session.error("give the release: nox -s download -- URL_OR_PATH [--out DIR] [--sha256 HEX]")
    newsevents(session, "download", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Words per second per core of each stage, cost per word between sizes, peak memory and a regex floor on
    a synthetic wire-copy corpus of each size given (``-- --articles N --articles M [--workers 2] [--speedup]
    [--dask] [--daily N] [--corpus varied] [--json FILE] [--keep DIR]``)."""
    install_tool(session)
    newsevents(session, "bench", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """The property-based tests on N generated articles (``-- --articles N [--seed S]``; default 1000)."""
    install_locked(session)
    options = dict(zip(session.posargs[::2], session.posargs[1::2], strict=False))
    unknown = sorted(set(options) - {"--articles", "--seed"})
    if unknown or len(session.posargs) % 2:
        session.error("usage: nox -s fuzz -- --articles N [--seed S]")
    args = [f"--fuzz-articles={options.get('--articles', '1000')}"]
    if "--seed" in options:
        args.append(f"--fuzz-seed={options['--seed']}")
    session.run("pytest", "-q", "-s", "tests/test_fuzz.py", "-k", "corpus", *args, env=ENV)


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Re-pin requirements.lock from pyproject.toml (needs uv on PATH)."""
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--extra",
        "dev",
        "--python-version",
        "3.11",
        "-o",
        str(LOCK),
        external=True,
    )
