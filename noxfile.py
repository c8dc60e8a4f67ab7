"""Named targets: ``nox -s build``, ``validate``, ``tests``, ``lint``, ``query``, ``docs``, ``site``, ``publish``,
``download``, ``bench``, ``fuzz``, ``evaluate``, ``train-coref``, ``lock``.

Every session installs the exact versions pinned in ``requirements.lock``; the sessions that run the tool
also install the project itself in editable mode (``pip install -e .``) and call its command, ``newsevents``,
which so runs the code of this checkout as it is. Commands that take paths run in the folder nox was
invoked from, so that ``--out out`` means ``./out`` there, not in the repository (nox itself changes to the
noxfile's folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
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


#: The releases the repository's own build may name; the newest is the previous release whose event ids
#: the repository's package keeps (``newsevents build --previous``).
RELEASES = ROOT / "releases"


def previous_release() -> Path:
    """The newest release kept under releases/ (by version number)."""
    versions = [p for p in RELEASES.iterdir() if p.is_dir() and re.fullmatch(r"\d+(\.\d+)*", p.name)]
    return max(versions, key=lambda p: tuple(int(n) for n in p.name.split(".")))


@nox.session
def build(session: nox.Session) -> None:
    """Build the package from seeds/ into the repository and validate it (``-- --seeds DIR --out DIR``).
    The repository's own build (no ``--seeds``) names its previous release, the newest under releases/,
    as ``--previous``; the package then depends on seeds/ and that release only."""
    install_tool(session)
    args = list(session.posargs)
    if "--seeds" not in args and "--previous" not in args:
        args += ["--previous", str(previous_release())]
    newsevents(session, "build", *args)


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
    """Run the test suite on every core (pytest-xdist: each test file on one worker so that its fixtures are
    made once, but for a few long files whose tests the workers share, the longest first: tests/conftest.py;
    ``-- -m 'not slow'`` skips the large-corpus tests, ``-- -n 0`` runs in one process)."""
    install_locked(session)
    args = list(session.posargs)
    if not any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args):
        args = ["-n", "auto", "--dist", "loadfile", *args]
    session.run("pytest", *args, env=ENV)


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
    examples, queries/expected/*.csv, docs/timeline.png and the site's screenshots docs/site-home.png and
    docs/site-event.png (these need Chromium: apt-get install chromium)."""
    install_tool(session)
    newsevents(session, "docs")


@nox.session
def site(session: nox.Session) -> None:
    """Write the static website of the package into site/ (``-- --package DIR --out DIR``); open
    site/index.html in a browser, or put the folder on any static host."""
    install_tool(session)
    newsevents(session, "site", *session.posargs)


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


EVAL = ROOT / "eval"
EVAL_TEXTS = ROOT.parent / "eval-texts"
EVAL_PACKAGES = ROOT.parent / "eval-packages"
EVAL_SPLITS = {"dev": ("dev-1", "dev-2"), "test": ("test",)}


def eval_texts(session: nox.Session, split: str) -> tuple[Path, list[Path]]:
    """The folder of ``split``'s texts to build from, and the split's folders under eval/.

    Each part ``eval/<part>/`` has its texts restored in ``../eval-texts/<part>/``. A split made of one part
    named like it (``test``) is built from that folder; a split in several parts (``dev``: ``dev-1``,
    ``dev-2``) from ``../eval-texts/<split>/``, which is emptied of texts and filled with a copy of every
    part's texts. A part with no ``manifest.json`` yet is left out."""
    parts = [EVAL / p for p in EVAL_SPLITS[split] if (EVAL / p / "manifest.json").is_file()]
    if not parts:
        session.error(f"eval/: no {split} split folder with a manifest.json ({', '.join(EVAL_SPLITS[split])})")
    files: list[Path] = []
    for part in parts:
        rows = json.loads((part / "manifest.json").read_text(encoding="utf-8"))
        texts = EVAL_TEXTS / part.name
        missing = [r["file"] for r in rows if not (texts / r["file"]).is_file()]
        if missing:
            session.error(
                f"{texts}: {len(missing)} of the {len(rows)} {part.name} texts are missing (first: {missing[0]}); "
                f"restore them with: python3 eval/restore.py eval/{part.name} ../eval-raw/{part.name} "
                f"../eval-texts/{part.name}"
            )
        files.extend(texts / r["file"] for r in rows)
    if [p.name for p in parts] == [split]:
        return EVAL_TEXTS / split, parts
    seeds = EVAL_TEXTS / split
    seeds.mkdir(parents=True, exist_ok=True)
    for old in seeds.glob("*.txt"):
        old.unlink()
    for f in files:
        shutil.copyfile(f, seeds / f.name)
    return seeds, parts


@nox.session
def evaluate(session: nox.Session) -> None:
    """Build each evaluation split from its restored texts and score it against its gold
    (``-- dev`` or ``-- test`` for one split; both by default, then the two side by side).

    Layout, beside the repository: the texts of each split folder ``eval/<part>/`` are restored in
    ``../eval-texts/<part>/`` (``python3 eval/restore.py eval/<part> ../eval-raw/<part> ../eval-texts/<part>``);
    the DEV split (``eval/dev-1`` and ``eval/dev-2``) is built from ``../eval-texts/dev/``, which this session
    refills with a copy of both parts' texts; the TEST split from ``../eval-texts/test/``. The packages go to
    ``../eval-packages/dev/`` and ``../eval-packages/test/``, built with ``--no-cache``. With both splits the
    measures are printed side by side (``eval/score.py --table``), test measures more than 0.05 below dev
    marked; with one split its measures alone. Missing texts stop the session with the restore command."""
    wanted = session.posargs or list(EVAL_SPLITS)
    unknown = sorted(set(wanted) - set(EVAL_SPLITS))
    if unknown:
        session.error(f"unknown split {unknown[0]}: give dev, test or nothing (both)")
    plan = {split: eval_texts(session, split) for split in EVAL_SPLITS if split in wanted}
    install_tool(session)
    packages = {}
    for split, (seeds, _) in plan.items():
        packages[split] = EVAL_PACKAGES / split
        session.run("newsevents", "build", "--seeds", str(seeds), "--out", str(packages[split]), "--no-cache", env=ENV)
    score = ["python", str(EVAL / "score.py")]
    if len(plan) == 2:
        session.run(*score, "--table", str(packages["dev"]), str(packages["test"]), env=ENV)
        return
    split, (_, parts) = next(iter(plan.items()))
    session.run(*score, *(a for p in parts for a in ("--split", str(p))), "--package", str(packages[split]), env=ENV)


@nox.session(name="train-coref")
def train_coref(session: nox.Session) -> None:
    """Train the cross-article coreference model, ``build/reference/coref-model.json``, on the development
    data: the shared dev set (``../devset/articles``, ``../shared/dev/gold.json``) and the eval DEV split
    (texts refilled in ``../eval-texts/dev/`` as ``evaluate`` does, gold in ``eval/dev-1``, ``eval/dev-2``);
    never the test split. The build only loads the file (``newsevents.events.linkage``)."""
    eval_texts(session, "dev")
    install_tool(session)
    session.run("python", "-m", "newsevents.events.train_linkage", *session.posargs, env=ENV)


@nox.session(venv_backend="none")
def lock(session: nox.Session) -> None:
    """Re-pin requirements.lock from pyproject.toml (needs uv on PATH): every distribution with its sha256,
    so that an install checks each file it downloads (the spaCy model among them)."""
    session.run(
        "uv",
        "pip",
        "compile",
        "pyproject.toml",
        "--extra",
        "dev",
        "--python-version",
        "3.11",
        "--generate-hashes",
        "-o",
        str(LOCK),
        external=True,
    )
