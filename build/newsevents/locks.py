"""Keep concurrent runs apart, and let a later run tell which staging folders were abandoned.

Every lock here is an ``flock``: the kernel drops it when its holder ends, however it ends (``kill -9``
included), so a killed run never leaves one held.

* :func:`writer_lock`: one writer at a time per folder (a build's ``--out``, a publish's ``--dist``), a lock
  on ``<folder>/.newsevents.lock`` taken without waiting; a second writer fails at once, naming the first
  one's process. The file goes when its holder is done (a killed run's is reused by the next one).
* :func:`folder_lock`: a lock on the folder itself, shared by the commands that read a package (``query``,
  ``validate``, ``publish``) and exclusive for the moment a build moves its new package into place; a reader
  sees the old package or the new one, never a mix.
* :func:`owned_staging` and :func:`remove_abandoned`: a staging folder holds a lock on a file inside it for
  as long as its process lives; a later run removes the ones whose lock is free.

On a filesystem without ``flock``, or a system without it (Windows), the locks are skipped and the runs are as
unguarded as before.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newsevents.errors import BuildError, one_line

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SH, LOCK_EX, LOCK_NB = (fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB) if fcntl else (1, 2, 4)

LOCK_NAME = ".newsevents.lock"
#: In a staging folder of :func:`owned_staging`: the file whose lock says that its process is alive.
STAGING_MARK = ".newsevents-staging"
#: ``flock`` failures that mean "not supported here" (some network filesystems) rather than "held".
UNSUPPORTED = {errno.ENOLCK, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF}

#: Folders whose writer lock this process holds, and how many times: a command that holds one may call
#: code that takes it again (``build`` around the swap of :func:`newsevents.package.publish_atomically`).
_HELD: dict[str, int] = {}


class Busy(BuildError):
    """Another run is writing to the folder."""


def _flock(fd: int, operation: int) -> bool:
    """``flock``; False when the filesystem does not support it. Raises BlockingIOError when held."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(fd, operation)
    except BlockingIOError:
        raise
    except OSError as exc:
        if exc.errno in UNSUPPORTED:
            return False
        raise
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    there = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _holder(fd: int) -> str:
    """`` (pid N)`` from the lock file, or nothing if it holds no pid yet."""
    with suppress(OSError):
        text = os.pread(fd, 32, 0).decode("ascii", errors="replace").strip()
        if text.isdigit():
            return f" (pid {text})"
    return ""


@contextmanager
def writer_lock(folder: Path, what: str, stale: str | None = None) -> Iterator[None]:
    """Hold the writer lock of ``folder`` (which must exist) for the block, or raise :class:`Busy`:
    "another ``what`` is writing to ``folder`` (pid N)". Taken again by the process that holds it, it is
    already held. Once it is taken, the folders whose names match ``stale`` (a regular expression: the
    writers' staging folders) are removed, as :func:`remove_stale` does."""
    key = os.path.realpath(folder)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    path = folder / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            locked = _flock(fd, LOCK_EX | LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            raise Busy(f"{one_line(str(folder))}: another {what} is writing to this folder{holder}") from None
        except BaseException:
            os.close(fd)
            raise
        # The holder before us may have removed the file while we waited for it: lock the file at the path.
        if not locked or _same_file(fd, path):
            break
        os.close(fd)
    _HELD[key] = 1
    try:
        with suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        if stale is not None:
            remove_stale(folder, stale)
        yield
    finally:
        del _HELD[key]
        with suppress(OSError):
            os.unlink(path)  # while it is still held: whoever opened it meanwhile sees it gone and starts again
        os.close(fd)


@contextmanager
def folder_lock(folder: Path, exclusive: bool) -> Iterator[None]:
    """Hold a lock on ``folder`` itself for the block: shared (readers) or exclusive (the swap), waiting
    for it as long as it takes. A folder that cannot be opened is not locked (the reader reports it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        _flock(fd, LOCK_EX if exclusive else LOCK_SH)
        yield
    finally:
        os.close(fd)  # the lock goes with the last descriptor


@contextmanager
def owned_staging(parent: Path, prefix: str) -> Iterator[Path]:
    """A new folder ``parent/<prefix>XXXXXXXX``, removed on the way out; while the block runs it holds the
    lock of its :data:`STAGING_MARK`, so that :func:`remove_abandoned` leaves it alone."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    fd = None
    try:
        new = folder / f"{STAGING_MARK}.new"
        fd = os.open(new, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        _flock(fd, LOCK_EX | LOCK_NB)  # a file no one else has opened: never held
        os.rename(new, folder / STAGING_MARK)  # the mark appears locked: no one can take it for abandoned
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if fd is not None:
            os.close(fd)


def matching_folders(parent: Path, pattern: str) -> list[Path]:
    """The entries of ``parent`` whose names match ``pattern`` (a regular expression), in name order; none
    when ``parent`` cannot be listed."""
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return []
    return [parent / name for name in names if re.fullmatch(pattern, name)]


def remove_abandoned(parent: Path, pattern: str) -> list[Path]:
    """Remove the folders of ``parent`` whose names match ``pattern`` (a regular expression) and that
    :func:`owned_staging` made for a process that has ended; return them. Folders without the mark are
    not ours to remove, and those of a live process are in use."""
    removed = []
    for folder in matching_folders(parent, pattern):
        try:
            fd = os.open(folder / STAGING_MARK, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _flock(fd, LOCK_EX | LOCK_NB):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except BlockingIOError:
            continue
        finally:
            os.close(fd)
    return removed


def remove_stale(parent: Path, pattern: str) -> list[Path]:
    """Remove the folders of ``parent`` whose names match ``pattern``: staging folders of runs that ended,
    for a caller that holds the :func:`writer_lock` of ``parent`` (no other run can be using them)."""
    removed = []
    for folder in matching_folders(parent, pattern):
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
