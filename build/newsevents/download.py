"""Fetch a release archive, check it, and unpack it atomically.

``newsevents download SOURCE [--out DIR] [--sha256 HEX]``: ``SOURCE`` is an ``http(s)://`` or ``file://``
URL or a path. The expected SHA-256 is ``--sha256`` or, failing that, the first word of
``SOURCE.sha256`` (the file ``nox -s publish`` writes beside the archive). The archive is refused when:

* fetching it and its checksum takes longer than ``--timeout`` seconds in all (a server sending a byte now
  and then is stopped too), or a server redirects to a URL that is not http(s);
* the download is shorter than the server announced, longer than :data:`MAX_ARCHIVE_BYTES`, or its
  SHA-256 is not the expected one;
* it is not a readable zip, or a member fails its CRC;
* it has more than :data:`MAX_MEMBERS` members, or two with one name;
* a member's name is absolute, has a drive letter or backslash, climbs out with ``..``, or lies under a
  name that is a file;
* a member is a symbolic link or anything but a regular file or folder;
* its files are not exactly those its ``manifest.json`` lists (the file ``nox -s publish`` writes), each
  with the size and SHA-256 listed there, or they add up to more than :data:`MAX_UNPACKED_BYTES`. A member
  is read no further than its declared size, so a zip bomb stops at its first excess byte;
* once unpacked, a file listed in ``datapackage.json`` (every CSV, Parquet and DuckDB file of a release)
  has another size or SHA-256 than the descriptor says.

Everything is written under a temporary name beside ``DIR`` and renamed to ``DIR`` only when every check
has passed: on any failure nothing is left behind, and the temporary folder of a download that was killed
is removed by the next download into the same folder. ``DIR`` must not exist yet. When every member sits in
one top folder (as in our releases: ``<name>/``), that folder's contents become ``DIR``; without ``--out``,
``DIR`` is that folder's name in the current folder, so the layout is the one ``unzip`` gives.
"""

from __future__ import annotations

import hashlib
import http.client
import io
import json
import os
import re
import socket
import ssl
import stat
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

from newsevents.errors import BuildError, one_line
from newsevents.locks import owned_staging, remove_abandoned

CHUNK = 1 << 16
#: The longest wait for one network read, and the default time a whole download may take (``--timeout``):
#: a release of a few megabytes takes seconds; ten minutes still lets 6 MB through at 10 kB/s.
TIMEOUT_SECONDS = 60
DEFAULT_DEADLINE_SECONDS = 600
SHA256 = re.compile(r"[0-9a-f]{64}")
#: Limits far above a release of this package (a few megabytes, a few dozen files).
MAX_ARCHIVE_BYTES = 1 << 30
MAX_UNPACKED_BYTES = 1 << 30
MAX_MEMBERS = 50_000  # the release's site has a page per event and per entity (18,580 files for 10,000 articles)
MANIFEST = "manifest.json"
#: A download's staging folder: ``.download-XXXXXXXX``, or ``.<DIR>.download-XXXXXXXX`` beside ``--out DIR``.
STAGING_PATTERN = r"\.(?:.+\.)?download-[a-z0-9_]{8}"


class DownloadError(BuildError):
    """A release that cannot be fetched, fails a check or would unpack unsafely."""


class DownloadTimeout(DownloadError):
    """The download took longer than its deadline (``--timeout``)."""


class RefusedRedirect(DownloadError):
    """The server redirected to a URL that is not http(s)."""


def _is_url(source: str) -> bool:
    return re.match(r"^(https?|file)://", source) is not None


class Deadline:
    """The time a whole download may take (every hop, the checksum and the archive): each network read
    waits at most until it, and at most :data:`TIMEOUT_SECONDS`; a server that sends a byte now and then
    is stopped at it, not only one that sends nothing."""

    def __init__(self, seconds: float = DEFAULT_DEADLINE_SECONDS) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self.end

    def socket_timeout(self) -> float:
        """The timeout of the next read or connection; past the deadline, :class:`DeadlinePassed`."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise DeadlinePassed(f"the {self.seconds:g}-second limit passed")
        return min(TIMEOUT_SECONDS, left)

    def error(self, source: str, received: int | None = None) -> DownloadTimeout:
        got = "" if received is None else f" ({received:,} bytes received)"
        return DownloadTimeout(f"{source}: not downloaded within {self.seconds:g} seconds{got} (--timeout SECONDS)")


class DeadlinePassed(TimeoutError):
    """Raised inside a read once the deadline has passed (a TimeoutError, as the socket's own)."""


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, each read waiting no longer than the deadline allows."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int | None:
        self._sock.settimeout(self._deadline.socket_timeout())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """A connected socket whose reader (what ``http.client`` reads the status, headers and body from) keeps
    to the deadline; everything else is the socket's."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "r", *args, **kwargs):
        if mode != "rb":
            return self._sock.makefile(mode, *args, **kwargs)
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _deadline_connection(base: type[http.client.HTTPConnection], deadline: Deadline) -> type:
    class Connection(base):
        def connect(self) -> None:
            self.timeout = deadline.socket_timeout()
            super().connect()
            self.sock = _DeadlineSocket(self.sock, deadline)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._connection = _deadline_connection(http.client.HTTPConnection, deadline)

    def http_open(self, req):
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__(context=ssl.create_default_context())
        self._connection = _deadline_connection(http.client.HTTPSConnection, deadline)

    def https_open(self, req):
        return self.do_open(self._connection, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) URL (urllib alone would follow one to ``ftp://``)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self._source = source

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location is not None:
            target = urljoin(req.full_url, location)
            if urlsplit(target).scheme.lower() not in ("http", "https"):
                fp.close()
                raise RefusedRedirect(f"{self._source}: redirected to {one_line(target)}, which is not an http(s) URL")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _open(source: str, deadline: Deadline | None = None) -> tuple[BinaryIO, int | None]:
    """A stream of ``source`` and its announced length (``None`` if unknown). Over the network, every hop
    must be http(s) and the whole exchange keep to ``deadline``."""
    deadline = deadline or Deadline()
    if _is_url(source):
        opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline), _RedirectHandler(source))
        try:
            response = opener.open(source, timeout=deadline.socket_timeout())
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if deadline.passed():
                raise deadline.error(source) from None
            reason = getattr(exc, "reason", exc)
            raise DownloadError(f"{source}: cannot fetch ({reason})") from None
        length = response.headers.get("Content-Length")
        return response, int(length) if length and length.isdigit() else None
    path = Path(source)
    if not path.is_file():
        raise DownloadError(f"{source}: no such file")
    return path.open("rb"), path.stat().st_size


def expected_checksum(source: str, given: str | None, deadline: Deadline | None = None) -> str:
    """``given``, or the checksum published beside ``source`` as ``SOURCE.sha256``."""
    if given is not None:
        value = given.strip().lower()
        if not SHA256.fullmatch(value):
            raise DownloadError(f"--sha256 {given}: not a SHA-256 (64 hexadecimal digits)")
        return value
    deadline = deadline or Deadline()
    try:
        stream, _ = _open(source + ".sha256", deadline)
        with stream:
            text = stream.read(4096).decode("utf-8", errors="replace")
    except (DownloadTimeout, RefusedRedirect):
        raise
    except DownloadError:
        raise DownloadError(f"{source}.sha256: no checksum to verify against (give --sha256 HEX)") from None
    except (OSError, http.client.HTTPException) as exc:
        if deadline.passed():
            raise deadline.error(f"{source}.sha256") from None
        raise DownloadError(f"{source}.sha256: cannot be read ({exc})") from None
    words = text.split()
    if not words or not SHA256.fullmatch(words[0].lower()):
        raise DownloadError(f"{source}.sha256: does not start with a SHA-256")
    return words[0].lower()


def fetch(source: str, target: Path, deadline: Deadline | None = None) -> str:
    """Copy ``source`` into ``target``; return its SHA-256. A short read, one past
    :data:`MAX_ARCHIVE_BYTES`, or one not done by ``deadline``, is an error."""
    deadline = deadline or Deadline()
    stream, length = _open(source, deadline)
    if length is not None and length > MAX_ARCHIVE_BYTES:
        stream.close()
        raise DownloadError(f"{source}: {length:,} bytes, more than a release can be ({MAX_ARCHIVE_BYTES:,})")
    digest, received = hashlib.sha256(), 0
    try:
        with stream, target.open("wb") as out:
            while chunk := stream.read1(CHUNK):  # what has arrived: the deadline is checked between reads
                digest.update(chunk)
                received += len(chunk)
                if received > MAX_ARCHIVE_BYTES:
                    raise DownloadError(f"{source}: more than {MAX_ARCHIVE_BYTES:,} bytes, more than a release can be")
                out.write(chunk)
                if deadline.passed():
                    raise DeadlinePassed()
    except (OSError, http.client.HTTPException) as exc:  # a reset connection, an incomplete chunked read
        if deadline.passed():
            raise deadline.error(source, received) from None
        raise DownloadError(f"{source}: download interrupted after {received:,} bytes ({exc})") from None
    if length is not None and received != length:
        raise DownloadError(f"{source}: truncated download, {received:,} of {length:,} bytes")
    return digest.hexdigest()


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or "\\" in name:
        return "an absolute path or a Windows path"
    if ".." in PurePosixPath(name).parts:
        return "a '..' component that climbs out of the folder"
    if not PurePosixPath(name).parts or any(ord(ch) < 32 for ch in name):
        return "an empty name or one with control characters"
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver recorded no file type
    if info.create_system == 3 and kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "a symbolic link" if kind == stat.S_IFLNK else "not a regular file or folder"
    return None


def check_members(archive: zipfile.ZipFile, source: str) -> list[zipfile.ZipInfo]:
    """The members, once every one is safe to unpack: known kinds, names inside the folder, no name
    twice, none under a name that is a file."""
    members = archive.infolist()
    if not members:
        raise DownloadError(f"{source}: the archive is empty")
    if len(members) > MAX_MEMBERS:
        raise DownloadError(f"{source}: {len(members):,} members, more than a release has ({MAX_MEMBERS:,})")
    for info in members:
        problem = _member_problem(info)
        if problem:
            raise DownloadError(f"{source}: unsafe member {one_line(info.filename)!r}: {problem}")
    names = [PurePosixPath(m.filename).as_posix() for m in members]
    files = {n for n, m in zip(names, members, strict=True) if not m.is_dir()}
    for name, info in zip(names, members, strict=True):
        if names.count(name) > 1:
            raise DownloadError(f"{source}: member {one_line(name)!r} appears more than once")
        above = next((p.as_posix() for p in PurePosixPath(name).parents if p.as_posix() in files), None)
        if above is not None:
            raise DownloadError(
                f"{source}: unsafe member {one_line(info.filename)!r}: it lies under the file {above!r}"
            )
    return members


def _top_folder(members: list[zipfile.ZipInfo]) -> str | None:
    tops = {PurePosixPath(m.filename).parts[0] for m in members}
    nested = all(len(PurePosixPath(m.filename).parts) > 1 or m.is_dir() for m in members)
    return next(iter(tops)) if len(tops) == 1 and nested else None


def _read_json(data: bytes, what: str, source: str) -> dict:
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DownloadError(f"{source}: {what} is not valid JSON ({exc})") from None
    except RecursionError:
        raise DownloadError(
            f"{source}: {what} is nested too deeply to be a release's (not a release of this package)"
        ) from None
    if not isinstance(value, dict):
        raise DownloadError(f"{source}: {what} is not a JSON object")
    return value


def read_manifest(archive: zipfile.ZipFile, prefix: str, source: str) -> dict[str, tuple[int, str]]:
    """``{path: (bytes, sha256)}`` from the release's ``manifest.json``: the files it may contain."""
    try:
        info = archive.getinfo(prefix + MANIFEST)
    except KeyError:
        raise DownloadError(
            f"{source}: no {MANIFEST} listing the release's files (not a release of this package)"
        ) from None
    manifest = _read_json(_read_member(archive, info, 1 << 20, source), MANIFEST, source)
    listed: dict[str, tuple[int, str]] = {}
    for entry in manifest.get("files") if isinstance(manifest.get("files"), list) else [None]:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("bytes"), int)
            and entry["bytes"] >= 0
            and SHA256.fullmatch(str(entry.get("sha256")))
        ):
            raise DownloadError(f"{source}: {MANIFEST} is malformed (each file needs a path, bytes and sha256)")
        listed[entry["path"]] = (entry["bytes"], entry["sha256"])
    if sum(size for size, _ in listed.values()) > MAX_UNPACKED_BYTES:
        raise DownloadError(f"{source}: {MANIFEST} declares more than {MAX_UNPACKED_BYTES:,} bytes")
    return listed


def check_listed(members: list[zipfile.ZipInfo], prefix: str, listed: dict[str, tuple[int, str]], source: str) -> None:
    """The archive's files are exactly the manifest's, each with its declared size."""
    files = {m.filename.removeprefix(prefix): m for m in members if not m.is_dir()}
    files.pop(MANIFEST, None)
    extra, missing = sorted(files.keys() - listed.keys()), sorted(listed.keys() - files.keys())
    if extra:
        raise DownloadError(f"{source}: {len(extra)} member(s) not listed in {MANIFEST}, first {one_line(extra[0])!r}")
    if missing:
        raise DownloadError(f"{source}: {one_line(missing[0])} is listed in {MANIFEST} but missing")
    for path, info in files.items():
        if info.file_size != listed[path][0]:
            raise DownloadError(f"{source}: {one_line(path)} is not the size {MANIFEST} declares")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, source: str) -> bytes:
    """The member's bytes, reading no more than ``limit`` (+1, to notice an excess)."""
    try:
        with archive.open(info) as src:
            content = src.read(limit + 1)
    except (zipfile.BadZipFile, OSError, NotImplementedError, ValueError, EOFError) as exc:
        raise DownloadError(f"{source}: member {one_line(info.filename)!r} cannot be read ({exc})") from None
    if len(content) > limit:
        raise DownloadError(f"{source}: member {one_line(info.filename)!r} is larger than declared")
    return content


def _unpack(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, declared: tuple[int, str], source: str
) -> None:
    """Copy one member to ``target``, stopping past its declared size; its SHA-256 must be the declared one."""
    size, expected = declared
    digest, written = hashlib.sha256(), 0
    try:
        with archive.open(info) as src, target.open("wb") as dst:
            while chunk := src.read(min(CHUNK, size - written + 1)):
                written += len(chunk)
                if written > size:
                    raise DownloadError(f"{source}: member {one_line(info.filename)!r} is larger than declared")
                digest.update(chunk)
                dst.write(chunk)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as exc:  # a CRC mismatch, say
        raise DownloadError(f"{source}: member {one_line(info.filename)!r} is corrupt ({exc})") from None
    if written != size or digest.hexdigest() != expected:
        raise DownloadError(f"{source}: member {one_line(info.filename)!r} does not match its SHA-256 in {MANIFEST}")


def check_package(folder: Path, source: str) -> None:
    """Every resource listed in ``datapackage.json`` is there with the size and SHA-256 it declares."""
    descriptor_path = folder / "datapackage.json"
    if not descriptor_path.is_file():
        raise DownloadError(f"{source}: no datapackage.json in the archive")
    descriptor = _read_json(descriptor_path.read_bytes(), "datapackage.json", source)
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not all(
        isinstance(r, dict) and isinstance(r.get("path"), str) for r in resources
    ):
        raise DownloadError(f"{source}: datapackage.json lists no resources with paths")
    for resource in resources:
        parts = PurePosixPath(resource["path"]).parts
        if not parts or PurePosixPath(resource["path"]).is_absolute() or ".." in parts:
            raise DownloadError(
                f"{source}: datapackage.json points outside the package ({one_line(resource['path'])!r})"
            )
        path = folder.joinpath(*parts)
        if not path.is_file():
            raise DownloadError(f"{source}: {one_line(resource['path'])} is listed in datapackage.json but missing")
        content = path.read_bytes()
        declared = str(resource.get("hash", "")).removeprefix("sha256:")
        if declared and hashlib.sha256(content).hexdigest() != declared:
            raise DownloadError(f"{source}: {one_line(resource['path'])} does not match its hash in datapackage.json")
        if "bytes" in resource and len(content) != resource["bytes"]:
            raise DownloadError(f"{source}: {one_line(resource['path'])} is not the size datapackage.json declares")


def _check_out(out: Path) -> None:
    if out.exists() or out.is_symlink():
        raise DownloadError(f"{one_line(str(out))}: already exists; give a folder that does not exist yet")
    above = next((p for p in out.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise DownloadError(f"{one_line(str(out))}: lies under {one_line(str(above))}, which is a file")


def download(
    source: str | Path, out: Path | None = None, sha256: str | None = None, timeout: float = DEFAULT_DEADLINE_SECONDS
) -> Path:
    """Fetch, verify and unpack the release at ``source`` into the new folder ``out`` (default: the
    archive's top folder, ``<name>/``, in the current folder); return ``out``. Fetching the checksum and
    the archive may take ``timeout`` seconds in all."""
    source = str(source)
    deadline = Deadline(timeout)
    if out is not None:
        out = Path(out)
        _check_out(out)
    expected = expected_checksum(source, sha256, deadline)
    parent = Path(".") if out is None else out.parent
    prefix = ".download-" if out is None else f".{out.name}.download-"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(parent, STAGING_PATTERN)  # those of downloads that were killed
        with owned_staging(parent, prefix) as tmp:
            root, top = _fetch_and_unpack(source, Path(tmp), expected, deadline)
            if out is None:
                out = parent / _default_name(top, source)
                _check_out(out)
            os.rename(root, out)
    except OSError as exc:
        raise DownloadError(
            f"{one_line(str(exc.filename or out or parent))}: cannot unpack here ({exc.strerror or exc})"
        ) from None
    return out


def _default_name(top: str | None, source: str) -> str:
    """The folder a download goes to without ``--out``: the archive's top folder, else the archive's name
    without ``.zip``."""
    if top is not None:
        return top
    stem = PurePosixPath(re.sub(r"[?#].*$", "", source)).name.removesuffix(".zip")
    if not stem or stem in (".", "..") or not re.fullmatch(r"[A-Za-z0-9._-]+", stem):
        raise DownloadError(f"{source}: give --out DIR (the archive has no single top folder to name it)")
    return stem


def _fetch_and_unpack(source: str, tmp: Path, expected: str, deadline: Deadline) -> tuple[Path, str | None]:
    """Fetch into ``tmp``, check, unpack into ``tmp/unpacked``; return the folder that becomes ``out`` and
    the archive's top folder (None: its members do not share one)."""
    archive_path = tmp / "archive.zip"
    actual = fetch(source, archive_path, deadline)
    if actual != expected:
        raise DownloadError(f"{source}: SHA-256 is {actual}, expected {expected}; the download is not the release")
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DownloadError(f"{source}: not a zip archive") from None
    unpacked = tmp / "unpacked"
    with archive:
        members = check_members(archive, source)
        top = _top_folder(members)
        prefix = f"{top}/" if top else ""
        listed = read_manifest(archive, prefix, source)
        check_listed(members, prefix, listed, source)
        for info in members:
            target = unpacked.joinpath(*PurePosixPath(info.filename).parts)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            relative = info.filename.removeprefix(prefix)
            if relative == MANIFEST:
                target.write_bytes(_read_member(archive, info, 1 << 20, source))
            else:
                _unpack(archive, info, target, listed[relative], source)
    root = unpacked / top if top else unpacked
    check_package(root, source)
    return root, top
