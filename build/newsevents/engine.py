"""Run the per-article stage over many articles: in this process, on local worker processes, or on a Dask
cluster, with a cache of what each article gave.

Results come back in the order the articles were given, whoever computed them, so the package is
byte-identical however the work was spread. A failure is the failure of the first article (in that order)
that failed, as it would be in one process.

The cache holds each article's readings, keyed by what they were computed from: the article's bytes, path
and the code's version for the first reading; that, the article's final mentions and what the corpus
says of its entities for the second. Adding an article reads only that article again (and any whose
entities the new one changed); the corpus stages always rerun. Entries are pickles written by this code:
point ``--cache`` only at a folder no one else writes.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from newsevents import PACKAGE_DIR, REFERENCE_DIR
from newsevents.errors import BuildError

CHUNK = 32  # articles per task: large enough to amortise a task, small enough to balance two workers


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def default_cache_dir() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newsevents"


@cache
def code_version() -> str:
    """A digest of the build code, the checks and the reference data, wherever they are (a checkout, or an
    installed copy that keeps its data under ``newsevents/resources``): any change invalidates the cache."""
    import validation

    digest = hashlib.sha256()
    roots = [PACKAGE_DIR, REFERENCE_DIR, Path(validation.__file__).resolve().parent]
    roots = [r for r in roots if not any(r != o and r.is_relative_to(o) for o in roots)]  # each file once
    for root in roots:
        files = (p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".toml", ".json", ".sql"))
        for path in sorted(files):
            digest.update(path.relative_to(root.parent).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Cache:
    """Pickled results under ``root/<kind>/<key>``; ``root`` None keeps nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def key(self, *parts: object) -> str:
        return hashlib.sha256(pickle.dumps((code_version(), *parts))).hexdigest()

    def get(self, kind: str, key: str) -> object | None:
        if self.root is None:
            return None
        try:
            return pickle.loads((self.root / kind / key[:2] / key).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # absent, half written by a run that was stopped, or from other code: recompute

    def put(self, kind: str, key: str, value: object) -> None:
        if self.root is None:
            return
        folder = self.root / kind / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{key}.{os.getpid()}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, folder / key)  # readers see the whole entry or none
        except OSError:
            pass  # a cache that cannot be written only costs time


class Failed:
    """An exception raised by one item, carried back to the caller in order."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


def _run_chunk(func: Callable, items: Sequence, shared: object) -> list:
    out = []
    for item in items:
        try:
            out.append(func(item, shared))
        except BuildError as exc:  # the input's fault: reported as the build's one-line error
            out.append(Failed(exc))
    return out


_SHARED: object = None
#: ``prctl`` option: the signal the kernel sends this process when its parent ends (Linux).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this worker process when the process ``parent`` that started it ends, however it ends: a build
    killed with ``kill -9`` must not leave its workers computing (and holding memory) for nothing. On Linux
    the kernel sends SIGKILL when the parent goes; the parent may have gone already, before this ran."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the check below is all there is
    if os.getppid() != parent:
        os._exit(1)


def _start_worker(parent: int, shared: object) -> None:
    global _SHARED
    die_with_parent(parent)
    _SHARED = shared


def _run_chunk_with_shared(func: Callable, items: Sequence) -> list:
    return _run_chunk(func, items, _SHARED)


class Runner:
    """Maps a function over items in order, with ``workers`` local processes or on the Dask scheduler at
    ``scheduler`` (``tcp://host:8786``)."""

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        self.workers, self.scheduler = max(1, workers), scheduler

    def map(self, func: Callable, items: Sequence, shared: object = None, failures: bool = False) -> list:
        """``func(item, shared)`` for each item, in order; with ``failures`` an item whose input was at fault
        gives a :class:`Failed` in its place, else the first such failure is raised."""
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        if self.scheduler:
            results = self._dask(func, chunks, shared)
        elif self.workers == 1 or len(chunks) == 1:
            results = [_run_chunk(func, chunk, shared) for chunk in chunks]
        else:
            results = self._processes(func, chunks, shared)
        flat = [r for chunk in results for r in chunk]
        failed = next((r for r in flat if isinstance(r, Failed)), None)
        if failed is not None and not failures:
            raise failed.error
        return flat

    def _processes(self, func: Callable, chunks: list, shared: object) -> list:
        # The pool starts its processes from this thread (fork), as the parent death signal requires.
        with ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(), shared),
        ) as pool:
            return list(pool.map(_run_chunk_with_shared, [func] * len(chunks), chunks))

    def _dask(self, func: Callable, chunks: list, shared: object) -> list:
        try:
            from dask.distributed import Client
        except ImportError:
            raise BuildError(
                "--scheduler needs dask[distributed] installed (pip install 'dask[distributed]')"
            ) from None
        try:
            client = Client(self.scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise BuildError(f"cannot reach the Dask scheduler at {self.scheduler} ({exc})") from None
        with client:
            shared_future = client.scatter(shared, broadcast=True, hash=False) if shared is not None else None
            futures = client.map(_run_chunk, [func] * len(chunks), chunks, shared=shared_future, pure=False)
            return client.gather(futures)
