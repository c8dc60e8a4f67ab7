"""Build a validated news-event data package from a folder of raw news articles.

The build runs as a sequence of steps (see :mod:`newsevents.pipeline`); each step reads tables built
before it and returns new ones, whose shape is fixed by the Table Schemas in ``schemas/``.
"""

from pathlib import Path

#: The repository root: build code, schemas, validation suites and seeds all live beneath it.
REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "schemas"
REFERENCE_DIR = REPO_ROOT / "build" / "reference"
DEFAULT_SEEDS = REPO_ROOT / "seeds"
