"""Downloading a release: verified, safe and atomic, against an HTTP server on 127.0.0.1 started here."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import http_server

from newsevents import download as download_module
from newsevents.cli import main
from newsevents.download import DownloadError, DownloadTimeout, RefusedRedirect, download


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; ``/short/<file>`` announces the whole file but sends only half of it."""

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        if not self.path.startswith("/short/"):
            return super().do_GET()
        content = (Path(self.directory) / self.path.removeprefix("/short/")).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/zip")
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content[: len(content) // 2])
        self.close_connection = True


@pytest.fixture(scope="module")
def served(seeds_release, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """(base URL, folder): a copy of the seeds release and its checksum, served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(seeds_release.parent, root, dirs_exist_ok=True)
    with http_server(functools.partial(Handler, directory=str(root))) as base:
        yield base, root


def archive_in(root: Path) -> Path:
    """The versioned archive, ``<name>-<version>.zip``."""
    (path,) = root.glob("*-[0-9]*.zip")
    return path


def latest_in(root: Path) -> Path:
    """The same archive under the name without a version, ``<name>.zip``."""
    (path,) = (p for p in root.glob("*.zip") if p != archive_in(root))
    return path


def leaves_nothing(parent: Path) -> bool:
    return not parent.exists() or not any(parent.iterdir())


def test_a_good_archive_is_verified_and_unpacked(served, seeds_package, tmp_path):
    url, root = served
    out = download(f"{url}/{archive_in(root).name}", tmp_path / "pkg")
    built = json.loads((seeds_package / "datapackage.json").read_text(encoding="utf-8"))
    released = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert released["resources"][: len(built["resources"])] == built["resources"]
    for csv_path in (seeds_package / "data").glob("*.csv"):
        assert (out / "data" / csv_path.name).read_bytes() == csv_path.read_bytes()
    assert (out / f"{built['name']}.duckdb").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temporary files left beside it


def test_without_out_the_release_unpacks_into_the_folder_it_names(served, tmp_path, monkeypatch, capsys):
    """The layout `unzip` gives: ``<name>/<name>.duckdb``, downloading the name without a version."""
    url, root = served
    monkeypatch.chdir(tmp_path)
    assert main(["download", f"{url}/{latest_in(root).name}"]) == 0
    name = latest_in(root).name.removesuffix(".zip")
    assert f"into {name}" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert (tmp_path / name / f"{name}.duckdb").is_file()
    with pytest.raises(DownloadError, match="already exists"):  # a second download never overwrites it
        download(f"{url}/{latest_in(root).name}")


def test_the_release_descriptor_lists_every_data_file_with_size_hash_and_media_type(served, tmp_path):
    url, root = served
    out = download(f"{url}/{archive_in(root).name}", tmp_path / "pkg")
    resources = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    listed = {r["path"]: r for r in resources}
    shipped = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.suffix in (".csv", ".parquet", ".duckdb")}
    assert set(listed) == shipped
    for path, resource in listed.items():
        content = (out / path).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"
        assert (
            resource["mediatype"]
            == {
                ".csv": "text/csv",
                ".parquet": "application/vnd.apache.parquet",
                ".duckdb": "application/vnd.duckdb",
            }[Path(path).suffix]
        )


def test_a_parquet_file_that_does_not_match_the_descriptor_is_refused(served, tmp_path):
    """The manifest is rewritten to match the changed file: only the descriptor's hash can catch it."""
    _, root = served
    with zipfile.ZipFile(archive_in(root)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}
    top = next(iter(members)).split("/")[0]
    parquet = f"{top}/parquet/events.parquet"
    members[parquet] = members[parquet][:-8] + bytes(8)
    members = {n: c for n, c in members.items() if n != f"{top}/manifest.json"}
    files = [
        {"path": n.split("/", 1)[1], "bytes": len(c), "sha256": hashlib.sha256(c).hexdigest()}
        for n, c in sorted(members.items())
    ]
    bad = tmp_path / "tampered.zip"
    digest = _zip_with(bad, {**members, f"{top}/manifest.json": json.dumps({"files": files}).encode()})
    refused(bad, digest, tmp_path, r"parquet/events\.parquet does not match its hash in datapackage\.json")


def test_the_command_line_downloads_by_path_with_an_explicit_checksum(served, tmp_path, capsys):
    _, root = served
    archive = archive_in(root)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    assert main(["download", str(archive), "--out", str(tmp_path / "pkg"), "--sha256", digest]) == 0
    assert "verified and unpacked" in capsys.readouterr().out
    assert (tmp_path / "pkg" / "datapackage.json").is_file()


def test_a_bad_checksum_leaves_nothing_behind(served, tmp_path, capsys):
    url, root = served
    parent = tmp_path / "downloads"
    code = main(["download", f"{url}/{archive_in(root).name}", "--out", str(parent / "pkg"), "--sha256", "0" * 64])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "SHA-256" in err and "expected" in err
    assert leaves_nothing(parent)


def test_a_truncated_download_leaves_nothing_behind(served, tmp_path):
    url, root = served
    parent = tmp_path / "downloads"
    with pytest.raises(DownloadError, match="truncated"):
        download(f"{url}/short/{archive_in(root).name}", parent / "pkg", sha256="0" * 64)
    assert leaves_nothing(parent)


def test_a_truncated_file_fails_its_checksum(served, tmp_path):
    _, root = served
    archive = archive_in(root)
    short = tmp_path / "serve" / archive.name
    short.parent.mkdir()
    short.write_bytes(archive.read_bytes()[:-1000])
    (tmp_path / "serve" / f"{archive.name}.sha256").write_bytes(root.joinpath(f"{archive.name}.sha256").read_bytes())
    with pytest.raises(DownloadError, match="SHA-256 is"):
        download(short, tmp_path / "out" / "pkg")
    assert leaves_nothing(tmp_path / "out")


def _zip_with(path: Path, members: dict[str, bytes], link: str | None = None, duplicate: str | None = None) -> str:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
        if duplicate:
            zf.writestr(duplicate, b"again")
        if link:
            info = zipfile.ZipInfo(link)
            info.create_system = 3
            info.external_attr = 0o120777 << 16  # a symbolic link
            zf.writestr(info, "/etc/passwd")
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("members", "link", "problem"),
    [
        ({"pkg/datapackage.json": b"{}", "pkg/../../escaped.txt": b"x"}, None, "'..'"),
        ({"pkg/datapackage.json": b"{}", "/tmp/absolute.txt": b"x"}, None, "absolute"),
        ({"pkg/datapackage.json": b"{}"}, "pkg/data", "symbolic link"),
    ],
    ids=["dot-dot", "absolute", "symlink"],
)
def test_unsafe_members_are_refused_before_anything_is_written(served, tmp_path, members, link, problem):
    url, root = served
    bad = root / "bad" / f"{tmp_path.name}.zip"
    bad.parent.mkdir(exist_ok=True)
    digest = _zip_with(bad, members, link)
    parent = tmp_path / "downloads"
    with pytest.raises(DownloadError, match=problem):
        download(f"{url}/bad/{bad.name}", parent / "pkg", sha256=digest)
    assert leaves_nothing(parent)
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/absolute.txt").exists()


def test_a_file_that_does_not_match_the_descriptor_is_refused(seeds_package, tmp_path):
    descriptor = (seeds_package / "datapackage.json").read_bytes()
    bad = tmp_path / "tampered.zip"
    digest = release_with(bad, {"pkg/datapackage.json": descriptor, "pkg/data/articles.csv": b"article_id\n"})
    with pytest.raises(DownloadError, match=r"articles\.csv does not match its hash"):
        download(bad, tmp_path / "out" / "pkg", sha256=digest)
    assert leaves_nothing(tmp_path / "out")


def manifest_of(members: dict[str, bytes]) -> bytes:
    """The manifest ``nox -s publish`` would write for these members (all under one top folder)."""
    files = [
        {"path": name.split("/", 1)[1], "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        for name, content in sorted(members.items())
    ]
    return json.dumps({"files": files}).encode()


def release_with(path: Path, members: dict[str, bytes], manifest: bytes | None = None) -> str:
    """A zip of ``members`` under ``pkg/`` with a true manifest (or ``manifest``); its SHA-256."""
    listed = manifest if manifest is not None else manifest_of(members)
    return _zip_with(path, {**members, "pkg/manifest.json": listed})


def refused(archive: Path, digest: str, tmp_path: Path, problem: str) -> str:
    """Download ``archive``: it must be refused with one line matching ``problem``, leaving nothing."""
    with pytest.raises(DownloadError, match=problem) as caught:
        download(archive, tmp_path / "downloads" / "pkg", sha256=digest)
    assert "\n" not in str(caught.value)
    assert leaves_nothing(tmp_path / "downloads")
    return str(caught.value)


def test_a_member_under_a_file_path_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    digest = release_with(bad, {"pkg/datapackage.json": b"{}", "pkg/data": b"a file", "pkg/data/x.csv": b"x"})
    refused(bad, digest, tmp_path, r"unsafe member 'pkg/data/x.csv': it lies under the file 'pkg/data'")


def test_a_release_whose_descriptor_is_not_json_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    digest = release_with(bad, {"pkg/datapackage.json": b"{not json"})
    refused(bad, digest, tmp_path, "datapackage.json is not valid JSON")


def test_out_under_a_file_is_refused(tmp_path, capsys):
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    status = main(["download", str(tmp_path / "x.zip"), "--out", str(tmp_path / "file" / "pkg"), "--sha256", "0" * 64])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "lies under" in err and "which is a file" in err
    assert (tmp_path / "file").read_text(encoding="utf-8") == "mine"


def test_a_release_without_a_manifest_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    digest = _zip_with(bad, {"pkg/datapackage.json": b"{}"})
    refused(bad, digest, tmp_path, "no manifest.json")


def test_a_member_the_manifest_does_not_list_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    members = {"pkg/datapackage.json": b'{"resources": []}'}
    digest = release_with(bad, {**members, "pkg/extra.sh": b"rm -rf /"}, manifest=manifest_of(members))
    refused(bad, digest, tmp_path, r"1 member\(s\) not listed in manifest.json, first 'extra.sh'")


def test_a_member_whose_bytes_differ_from_the_manifest_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    members = {"pkg/datapackage.json": b'{"resources": []}', "pkg/README.md": b"hello"}
    manifest = manifest_of({**members, "pkg/README.md": b"HELLO"})
    digest = release_with(bad, members, manifest=manifest)
    refused(bad, digest, tmp_path, "README.md' does not match its SHA-256 in manifest.json")


def test_a_malformed_manifest_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    digest = release_with(bad, {"pkg/datapackage.json": b"{}"}, manifest=b'{"files": [{"path": 3}]}')
    refused(bad, digest, tmp_path, "manifest.json is malformed")


def test_a_name_twice_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        digest = _zip_with(bad, {"pkg/manifest.json": b"{}", "pkg/a": b"1"}, duplicate="pkg/a")
    refused(bad, digest, tmp_path, "'pkg/a' appears more than once")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    """A member far larger unpacked than packed, and a manifest declaring it: more than a release can
    hold (the limit is lowered here so that the test stays small)."""
    monkeypatch.setattr(download_module, "MAX_UNPACKED_BYTES", 1 << 20)
    bad = tmp_path / "bomb.zip"
    digest = release_with(bad, {"pkg/datapackage.json": b"{}", "pkg/zeros.bin": bytes(20 << 20)})
    assert bad.stat().st_size < 100_000
    refused(bad, digest, tmp_path, "manifest.json declares more than 1,048,576 bytes")


def test_a_member_larger_than_its_manifest_says_is_refused_unread(tmp_path):
    bad = tmp_path / "bomb.zip"
    members = {"pkg/datapackage.json": b"{}", "pkg/zeros.bin": bytes(20 << 20)}
    digest = release_with(bad, members, manifest=manifest_of({**members, "pkg/zeros.bin": b"tiny"}))
    refused(bad, digest, tmp_path, "zeros.bin is not the size manifest.json declares")


def test_a_member_whose_header_understates_its_size_is_read_no_further(tmp_path):
    """The zip's own header says 4 bytes and so does the manifest; the compressed stream holds 20 MB:
    reading stops at the declared size and the member is refused as corrupt."""
    bad = tmp_path / "bomb.zip"
    members = {"pkg/datapackage.json": b"{}", "pkg/zeros.bin": bytes(20 << 20)}
    release_with(bad, members, manifest=manifest_of({**members, "pkg/zeros.bin": bytes(4)}))
    digest = understate(bad, "pkg/zeros.bin", 4)
    refused(bad, digest, tmp_path, "zeros.bin' (is corrupt|does not match)")


def test_an_archive_of_100000_members_is_refused_before_any_is_read(tmp_path):
    bad = tmp_path / "many.zip"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("pkg/manifest.json", b'{"files": []}')
        for i in range(100_000):
            zf.writestr(f"pkg/extra/{i}", b"")
    digest = hashlib.sha256(bad.read_bytes()).hexdigest()
    refused(bad, digest, tmp_path, "100,001 members, more than a release has")


def understate(path: Path, name: str, size: int) -> str:
    """Rewrite the uncompressed size of member ``name`` in the zip's headers; return the new SHA-256."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                data[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
    return hashlib.sha256(bytes(data)).hexdigest()


def test_an_existing_folder_is_never_overwritten(served, tmp_path):
    url, root = served
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mine.txt").write_text("keep me")
    with pytest.raises(DownloadError, match="already exists"):
        download(f"{url}/{archive_in(root).name}", tmp_path / "pkg")
    assert [p.name for p in (tmp_path / "pkg").iterdir()] == ["mine.txt"]


def test_a_missing_checksum_is_an_error(served, tmp_path):
    url, root = served
    bad = root / "bad" / "unchecked.zip"
    bad.parent.mkdir(exist_ok=True)
    _zip_with(bad, {"pkg/datapackage.json": b"{}"})
    with pytest.raises(DownloadError, match="no checksum"):
        download(f"{url}/bad/{bad.name}", tmp_path / "pkg")
    assert not (tmp_path / "pkg").exists()


# --- a server that stalls or redirects away from http(s) -------------------------------------------------


class Stalling(http.server.BaseHTTPRequestHandler):
    """``/trickle``: a 1,000-byte body sent one byte every 0.2 s; ``/trickle-headers``: the status line
    likewise; ``/to/<scheme>``: a redirect to ``<scheme>://``; ``/http/<path>``: a redirect to the release
    server's ``<path>`` (``release_url``). The trickle stops once the client hangs up, or after 30 s."""

    release_url = ""

    def log_message(self, *args) -> None:
        pass

    def trickle(self, data: bytes) -> None:
        try:
            for byte in data[:150]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # the client gave up
            pass
        self.close_connection = True

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        if self.path.startswith("/trickle-headers"):
            self.trickle(b"HTTP/1.0 200 OK\r\n" + b"X" * 200)
        elif self.path.startswith("/trickle"):
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.trickle(b"x" * 1000)
        elif self.path.startswith("/to/"):
            scheme = self.path.removeprefix("/to/").removesuffix(".sha256")
            self.redirect(f"{scheme}://127.0.0.1/release.zip")
        elif self.path.startswith("/http/"):
            self.redirect(self.release_url + self.path.removeprefix("/http"))
        else:
            self.send_error(404)


@pytest.fixture(scope="module")
def stalling(served) -> Iterator[str]:
    """The base URL of a :class:`Stalling` server on 127.0.0.1 (its ``/http/`` redirects to ``served``)."""
    handler = type("Handler", (Stalling,), {"release_url": served[0]})
    with http_server(handler) as base:
        yield base


NO_CHECKSUM = "0" * 64


@pytest.mark.parametrize("path", ["trickle", "trickle-headers"])
def test_a_server_that_trickles_is_stopped_at_the_deadline(stalling, path, tmp_path):
    """A byte every 0.2 s never lets a read wait long enough for the socket's timeout (a minute): only the
    total deadline ends it, here 2 s, whether the trickle is the body or the status line."""
    start = time.monotonic()
    with pytest.raises(DownloadTimeout, match=rf"^{stalling}/{path}.zip: not downloaded within 2 seconds") as caught:
        download(f"{stalling}/{path}.zip", tmp_path / "pkg", sha256=NO_CHECKSUM, timeout=2)
    elapsed = time.monotonic() - start
    assert 2 <= elapsed < 5, elapsed
    assert "\n" not in str(caught.value)
    if path == "trickle":  # bytes were arriving all along: the deadline, not a silent server, stopped it
        received = re.search(r"\((\d+) bytes received\)", str(caught.value))
        assert received and int(received[1]) >= 5, caught.value
    assert leaves_nothing(tmp_path)


def test_the_deadline_covers_the_checksum_and_is_one_line_on_the_command_line(stalling, tmp_path, capsys):
    start = time.monotonic()
    status = main(["download", f"{stalling}/trickle.zip", "--out", str(tmp_path / "pkg"), "--timeout", "1.5"])
    assert time.monotonic() - start < 4
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"error: {stalling}/trickle.zip.sha256: not downloaded within 1.5 seconds (--timeout SECONDS)\n"
    assert leaves_nothing(tmp_path)


@pytest.mark.parametrize("value", ["0", "-3", "nan"])
def test_a_timeout_that_is_not_a_positive_number_is_refused(value, tmp_path, capsys):
    status = main(["download", "http://127.0.0.1:9/x.zip", "--out", str(tmp_path / "pkg"), f"--timeout={value}"])
    assert status == 1
    assert capsys.readouterr().err == f"error: --timeout {value}: give a number of seconds above 0\n"


@pytest.mark.parametrize("scheme", ["ftp", "file", "javascript"])
def test_a_redirect_to_anything_but_http_is_refused(stalling, scheme, tmp_path):
    url = f"{stalling}/to/{scheme}"
    expected = f"{url}: redirected to {scheme}://127.0.0.1/release.zip, which is not an http(s) URL"
    with pytest.raises(RefusedRedirect) as caught:
        download(url, tmp_path / "pkg", sha256=NO_CHECKSUM)
    assert str(caught.value) == expected
    with pytest.raises(RefusedRedirect) as caught:  # the checksum's hop too
        download(url, tmp_path / "pkg")
    assert str(caught.value) == expected.replace(url, url + ".sha256", 1)
    assert leaves_nothing(tmp_path)


def test_a_redirect_to_http_is_followed(stalling, served, tmp_path):
    name = archive_in(served[1]).name
    out = download(f"{stalling}/http/{name}", tmp_path / "pkg")  # the checksum is redirected too
    assert (out / "datapackage.json").is_file()


def test_a_manifest_nested_too_deeply_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    nested = b'{"files": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    digest = release_with(bad, {"pkg/datapackage.json": b"{}"}, manifest=nested)
    refused(bad, digest, tmp_path, "manifest.json is nested too deeply")
