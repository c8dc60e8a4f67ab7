"""Shared fixtures: the repository's paths and a package built from the seeds into a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsevents import REPO_ROOT
from newsevents.cli import build

SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A package freshly built from seeds/ (read-only for tests: copy it before changing anything)."""
    out = tmp_path_factory.mktemp("seeds-package")
    build(SEEDS, out)
    return out


@pytest.fixture
def package_copy(seeds_package: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds package that a test may break."""
    copy = tmp_path / "package"
    shutil.copytree(seeds_package, copy)
    return copy


def write_article(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path
