"""Fetch a release archive, check it, and unpack it atomically.

``python -m newsevents download SOURCE --out DIR [--sha256 HEX]``: ``SOURCE`` is an ``http(s)://`` or
``file://`` URL or a path. The expected SHA-256 is ``--sha256`` or, failing that, the first word of
``SOURCE.sha256`` (the file ``nox -s publish`` writes beside the archive). The archive is refused when:

* the download is shorter than the server announced, or its SHA-256 is not the expected one;
* it is not a readable zip, or a member fails its CRC;
* a member's name is absolute, has a drive letter or backslash, or climbs out with ``..``;
* a member is a symbolic link or anything but a regular file or folder;
* once unpacked, a file listed in ``datapackage.json`` has another size or SHA-256 than the descriptor says.

Everything is written under a temporary name beside ``DIR`` and renamed to ``DIR`` only when every check
has passed: on any failure nothing is left behind. ``DIR`` must not exist yet. When every member sits in
one top folder (as in our releases), that folder's contents become ``DIR``.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from newsevents.errors import BuildError

CHUNK = 1 << 16
TIMEOUT_SECONDS = 60
SHA256 = re.compile(r"[0-9a-f]{64}")


class DownloadError(BuildError):
    """A release that cannot be fetched, fails a check or would unpack unsafely."""


def _is_url(source: str) -> bool:
    return re.match(r"^(https?|file)://", source) is not None


def _open(source: str) -> tuple[BinaryIO, int | None]:
    """A stream of ``source`` and its announced length (``None`` if unknown)."""
    if _is_url(source):
        try:
            response = urllib.request.urlopen(source, timeout=TIMEOUT_SECONDS)
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise DownloadError(f"{source}: cannot fetch ({reason})") from None
        length = response.headers.get("Content-Length")
        return response, int(length) if length and length.isdigit() else None
    path = Path(source)
    if not path.is_file():
        raise DownloadError(f"{source}: no such file")
    return path.open("rb"), path.stat().st_size


def expected_checksum(source: str, given: str | None) -> str:
    """``given``, or the checksum published beside ``source`` as ``SOURCE.sha256``."""
    if given is not None:
        value = given.strip().lower()
        if not SHA256.fullmatch(value):
            raise DownloadError(f"--sha256 {given}: not a SHA-256 (64 hexadecimal digits)")
        return value
    try:
        stream, _ = _open(source + ".sha256")
        with stream:
            text = stream.read(4096).decode("utf-8", errors="replace")
    except DownloadError:
        raise DownloadError(f"{source}.sha256: no checksum to verify against (give --sha256 HEX)") from None
    words = text.split()
    if not words or not SHA256.fullmatch(words[0].lower()):
        raise DownloadError(f"{source}.sha256: does not start with a SHA-256")
    return words[0].lower()


def fetch(source: str, target: Path) -> str:
    """Copy ``source`` into ``target``; return its SHA-256. A short read is an error."""
    stream, length = _open(source)
    digest, received = hashlib.sha256(), 0
    try:
        with stream, target.open("wb") as out:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                received += len(chunk)
                out.write(chunk)
    except (OSError, http.client.HTTPException) as exc:  # a reset connection, an incomplete chunked read
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
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver recorded no file type
    if info.create_system == 3 and kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "a symbolic link" if kind == stat.S_IFLNK else "not a regular file or folder"
    return None


def check_members(archive: zipfile.ZipFile, source: str) -> list[zipfile.ZipInfo]:
    members = archive.infolist()
    if not members:
        raise DownloadError(f"{source}: the archive is empty")
    for info in members:
        problem = _member_problem(info)
        if problem:
            raise DownloadError(f"{source}: unsafe member {info.filename!r}: {problem}")
    broken = archive.testzip()
    if broken is not None:
        raise DownloadError(f"{source}: member {broken!r} is corrupt (CRC mismatch)")
    return members


def _top_folder(members: list[zipfile.ZipInfo]) -> str | None:
    tops = {PurePosixPath(m.filename).parts[0] for m in members}
    nested = all(len(PurePosixPath(m.filename).parts) > 1 or m.is_dir() for m in members)
    return next(iter(tops)) if len(tops) == 1 and nested else None


def check_package(folder: Path, source: str) -> None:
    """Every resource listed in ``datapackage.json`` is there with the size and SHA-256 it declares."""
    descriptor_path = folder / "datapackage.json"
    if not descriptor_path.is_file():
        raise DownloadError(f"{source}: no datapackage.json in the archive")
    for resource in json.loads(descriptor_path.read_text(encoding="utf-8")).get("resources", []):
        path = folder / resource["path"]
        if not path.is_file():
            raise DownloadError(f"{source}: {resource['path']} is listed in datapackage.json but missing")
        content = path.read_bytes()
        declared = resource.get("hash", "").removeprefix("sha256:")
        if declared and hashlib.sha256(content).hexdigest() != declared:
            raise DownloadError(f"{source}: {resource['path']} does not match its hash in datapackage.json")
        if "bytes" in resource and len(content) != resource["bytes"]:
            raise DownloadError(f"{source}: {resource['path']} is not the size datapackage.json declares")


def download(source: str | Path, out: Path, sha256: str | None = None) -> Path:
    """Fetch, verify and unpack the release at ``source`` into the new folder ``out``; return ``out``."""
    source = str(source)
    out = Path(out)
    if out.exists() or out.is_symlink():
        raise DownloadError(f"{out}: already exists; give a folder that does not exist yet")
    expected = expected_checksum(source, sha256)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.download-", dir=out.parent) as tmp:
        archive_path = Path(tmp) / "archive.zip"
        actual = fetch(source, archive_path)
        if actual != expected:
            raise DownloadError(f"{source}: SHA-256 is {actual}, expected {expected}; the download is not the release")
        try:
            archive = zipfile.ZipFile(archive_path)
        except zipfile.BadZipFile:
            raise DownloadError(f"{source}: not a zip archive") from None
        unpacked = Path(tmp) / "unpacked"
        with archive:
            members = check_members(archive, source)
            for info in members:
                target = unpacked.joinpath(*PurePosixPath(info.filename).parts)
                if info.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK)
        top = _top_folder(members)
        root = unpacked / top if top else unpacked
        check_package(root, source)
        os.rename(root, out)
    return out
