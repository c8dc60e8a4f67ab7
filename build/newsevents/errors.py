"""Errors the command line reports as one line and a non-zero exit status."""

from pathlib import Path


class BuildError(Exception):
    """The package cannot be built; the message says what and where, on one line."""


class InputError(BuildError):
    """An input file is unusable. Formats as ``<path>: <problem>``."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
