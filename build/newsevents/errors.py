"""Errors the command line reports as one line and a non-zero exit status."""

from pathlib import Path


def one_line(text: str) -> str:
    """``text`` with every character that would break or hide a line (newline, carriage return, other
    control characters, line and paragraph separators) shown as an escape: a file named ``a\\nb.txt``
    must not split the error that names it."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


class BuildError(Exception):
    """The package cannot be built; the message says what and where, on one line."""


class InputError(BuildError):
    """An input file is unusable. Formats as ``<path>: <problem>``."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{one_line(self.path)}: {problem}")
