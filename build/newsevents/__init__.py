"""Build a validated news-event data package from a folder of raw news articles.

The build runs as a sequence of steps (see :mod:`newsevents.pipeline`); each step reads tables built
before it and returns new ones, whose shape is fixed by the Table Schemas in ``schemas/``.

The code runs from a checkout of the repository (``build/`` on the path, as nox sets it) or installed
(``pip install .``: the ``newsevents`` command). Installed, the files it reads (``schemas/``,
``build/reference/``, ``queries/``, ``CHANGELOG.md``, ``CITATION.cff``) come with it as package data, in
the same layout under ``newsevents/resources/``; :data:`REPO_ROOT` is then that folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = PACKAGE_DIR.parents[1]
#: True when the code runs from a checkout of the repository (``build/newsevents`` beside ``schemas/``),
#: False when it is installed (``pip install .``).
IN_REPOSITORY = (
    PACKAGE_DIR.parent.name == "build"
    and (_CHECKOUT / "pyproject.toml").is_file()
    and (_CHECKOUT / "schemas" / "package.meta.json").is_file()
)
#: The repository root, or for an installed copy the folder holding its data files in the same layout.
REPO_ROOT = _CHECKOUT if IN_REPOSITORY else PACKAGE_DIR / "resources"
SCHEMAS_DIR = REPO_ROOT / "schemas"
REFERENCE_DIR = REPO_ROOT / "build" / "reference"
DEFAULT_SEEDS = REPO_ROOT / "seeds"
DISTRIBUTION = "newsevents"


def project_version() -> str:
    """The project's version: ``project.version`` in ``pyproject.toml`` in a checkout (the one source), the
    installed distribution's metadata (written from it) otherwise."""
    if IN_REPOSITORY:
        import tomllib

        return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    from importlib.metadata import version

    return version(DISTRIBUTION)
