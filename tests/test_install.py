"""The installable tool: the repository's files, as a fresh clone has them, installed into a new virtual
environment give a ``newsevents`` command that builds, validates and queries a package from any folder,
with nothing of the repository on the path, and installs no top-level ``build`` package.

Slow (a new environment; ``uv`` fetches the build backend and any dependency not in its cache, so it needs
PyPI the first time): deselect with ``-m 'not slow'``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_package import package_files

from newsevents import REPO_ROOT, project_version

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def clone_files(target: Path) -> Path:
    """The files a commit of the working tree would hold (tracked, or new and not ignored), copied."""
    listed = run("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO_ROOT)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell the repository's files from generated ones")
    for name in filter(None, listed.stdout.split("\0")):
        source = REPO_ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, Path]:
    """(the environment's bin folder, the fresh copy of the repository it was installed from)."""
    if shutil.which("uv") is None or shutil.which("git") is None:
        pytest.skip("needs uv and git on PATH (the README installs uv with nox)")
    root = tmp_path_factory.mktemp("install")
    clone = clone_files(root / "clone")
    venv = root / "venv"
    made = run("uv", "venv", "--quiet", "--python", sys.executable, venv, cwd=root)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    # `pip install .` in the clone, through uv (the same PEP 517 build), at the versions the tests run with;
    # without compiling every module of every dependency first (nox sets UV_COMPILE_BYTECODE for its own
    # environments): the commands below compile the few they import, which costs a fraction of that.
    env = {**os.environ, "UV_COMPILE_BYTECODE": "0"}
    done = run("uv", "pip", "install", "--python", python, ".", "-c", "requirements.lock", cwd=clone, env=env)
    assert done.returncode == 0, done.stderr
    return venv / "bin", clone


def clean_env(bin_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_command_reports_its_version(installed, tmp_path):
    bin_dir, _ = installed
    done = run(bin_dir / "newsevents", "--version", cwd=tmp_path, env=clean_env(bin_dir))
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"newsevents {project_version()}\n"


def test_the_installed_packages_are_newsevents_and_validation_never_build(installed, tmp_path):
    bin_dir, _ = installed
    probe = (
        "import importlib.util, newsevents, validation; "
        "print(newsevents.IN_REPOSITORY, importlib.util.find_spec('build') is None, "
        "(newsevents.REPO_ROOT / 'schemas' / 'package.meta.json').is_file(), "
        "(newsevents.REFERENCE_DIR / 'entities.csv').is_file())"
    )
    done = run(bin_dir / "python", "-c", probe, cwd=tmp_path, env=clean_env(bin_dir))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "True", "True"]


def test_the_installed_command_builds_validates_and_queries_from_any_folder(installed, seeds_package, tmp_path):
    bin_dir, clone = installed
    env = clean_env(bin_dir)
    built = run("newsevents", "build", "--seeds", clone / "seeds", "--out", "out", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("built and validated out/datapackage.json: 5 articles")
    # The installed tool gives the bytes the repository's code gives.
    assert package_files(tmp_path / "out") == package_files(seeds_package)
    checked = run("newsevents", "validate", cwd=tmp_path / "out", env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the package is valid" in checked.stdout
    queried = run(
        "newsevents", "query", "--format", "csv", "SELECT count(*) AS n FROM events", cwd=tmp_path / "out", env=env
    )
    assert queried.returncode == 0, queried.stderr
    assert queried.stdout == f"n\n{len(package_files(seeds_package)['data/events.csv'].splitlines()) - 1}\n"
    published = run("newsevents", "publish", cwd=tmp_path / "out", env=env)
    assert published.returncode == 0, published.stderr
    archive = tmp_path / "out" / "dist" / f"us-iran-militia-news-events-{project_version()}.zip"
    assert archive.is_file()
    with zipfile.ZipFile(archive) as zf:  # the site's templates and assets were installed with the code
        names = set(zf.namelist())
    assert {f"us-iran-militia-news-events/site/{n}" for n in ("index.html", "assets/app.js")} <= names


def test_build_outside_a_checkout_needs_its_folders(installed, tmp_path):
    bin_dir, _ = installed
    done = run("newsevents", "build", cwd=tmp_path, env=clean_env(bin_dir))
    assert done.returncode == 1
    assert done.stderr.startswith("error: give --seeds DIR") and done.stderr.count("\n") == 1
