"""Errors the command line reports as one line and a non-zero exit status."""

from pathlib import Path


def _escape(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python keeps it
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ascii(ch)[1:-1]


def one_line(text: str) -> str:
    """``text`` with every character that would break or hide a line (newline, carriage return, other
    control characters, line and paragraph separators) shown as an escape: a file named ``a\\nb.txt``
    must not split the error that names it. A byte of a name that is not UTF-8 shows as ``\\xe9``."""
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


class BuildError(Exception):
    """The package cannot be built; the message says what and where, on one line."""


class InputError(BuildError):
    """An input file is unusable. Formats as ``<path>: <problem>``."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{one_line(self.path)}: {problem}")

    def __reduce__(self):
        """Pickled with its own two arguments: an article's error comes back whole from a worker process
        (the default would call ``InputError(message)`` there, and the worker pool would break)."""
        return (type(self), (self.path, self.problem))
